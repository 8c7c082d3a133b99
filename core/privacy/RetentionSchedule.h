#pragma once
// The console's retention schedule (docs/privacy.md, "Retention"): the policy is applied to the
// cache some minutes after the console starts, then once a day. The console's tick calls poll();
// a due run waits while the agent is in the middle of a decision, and runs off the GUI thread on a
// connection of its own (WAL lets the console read and write meanwhile; each batch of threads
// holds the write lock briefly). The times come from an injected clock and timing, so tests move
// through a day without waiting.

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/Agent.h"
#include "privacy/Retention.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace sportello {
class Clock;
}

namespace sportello::privacy {

class RetentionSchedule : public QObject {
    Q_OBJECT
public:
    struct Timing {
        qint64 startDelayMs = 10 * 60 * 1000;    // after the console started
        qint64 intervalMs = 24 * 60 * 60 * 1000; // between runs
        qint64 retryMs = 5 * 60 * 1000;          // after a failed run, or while the agent is busy
    };
    // What a run did, or why it failed; delivered on the schedule's thread.
    struct Outcome {
        bool ok = false;
        RetentionCounts counts;
        QString error;
    };

    RetentionSchedule(QString databasePath, const Clock &clock, Agent agent, Timing timing, QObject *parent = nullptr);
    RetentionSchedule(QString databasePath, const Clock &clock, Agent agent, QObject *parent = nullptr)
        : RetentionSchedule(std::move(databasePath), clock, std::move(agent), Timing{}, parent)
    {}
    // Asks a running run to stop after its current batch, and waits for it.
    ~RetentionSchedule() override;

    // Starts a run when one is due and the agent is not mid-decision (`agentBusy`: a draft being
    // written, a decision being taken); a busy agent moves it retryMs later. Returns whether a run
    // started.
    bool poll(bool agentBusy);
    bool running() const { return m_thread != nullptr; }
    // Whether poll() would start a run now (the console asks every second, before it gathers
    // what poll() needs).
    bool due() const { return !m_thread && m_clock.nowMs() >= m_nextDueMs; }
    qint64 nextDueMs() const { return m_nextDueMs; }
    // The agent recorded with the runs' audit entries (the console's, once set).
    void setAgent(const Agent &agent) { m_agent = agent; }

signals:
    void started();
    void finished(const sportello::privacy::RetentionSchedule::Outcome &outcome);

private:
    void done(const Outcome &outcome);

    QString m_databasePath;
    const Clock &m_clock;
    Agent m_agent;
    Timing m_timing;
    qint64 m_nextDueMs = 0;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

// One run on a connection of its own to the cache at `databasePath`, under its stored policy:
// the schedule's worker, and the command line's `privacy retention run`.
RetentionSchedule::Outcome runStoredRetention(const QString &databasePath, qint64 nowMs, const Agent &by,
                                              const std::atomic<bool> *cancelled);

} // namespace sportello::privacy

Q_DECLARE_METATYPE(sportello::privacy::RetentionSchedule::Outcome)
