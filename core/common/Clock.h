#pragma once
// Every deadline is computed from an injected clock so that tests can move time.

#include <QDateTime>
#include <QtGlobal>
#include <atomic>

namespace sportello {

class Clock {
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
};

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// A clock that only moves when told to; for tests and benchmarks.
class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 0) : m_now(startMs) {}
    qint64 nowMs() const override { return m_now.load(std::memory_order_relaxed); }
    void setNowMs(qint64 ms) { m_now.store(ms, std::memory_order_relaxed); }
    void advanceMs(qint64 ms) { m_now.fetch_add(ms, std::memory_order_relaxed); }

private:
    // Atomic: a sync worker thread reads the console's clock while a test may move it.
    std::atomic<qint64> m_now;
};

} // namespace sportello
