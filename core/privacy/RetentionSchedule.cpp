#include "privacy/RetentionSchedule.h"

#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "privacy/PrivacyLog.h"

#include <QThread>

namespace sportello::privacy {

RetentionSchedule::Outcome runStoredRetention(const QString &databasePath, qint64 nowMs, const Agent &by,
                                              const std::atomic<bool> *cancelled)
{
    RetentionSchedule::Outcome outcome;
    Database::Options options;
    options.createIfMissing = false;
    auto opened = openCache(databasePath, options);
    if (!opened) {
        outcome.error = opened.error();
        return outcome;
    }
    Database &db = **opened;
    auto policy = readRetentionPolicy(db.connection());
    if (!policy) {
        outcome.error = policy.error();
        return outcome;
    }
    RetentionRunOptions run;
    run.cancelled = cancelled;
    auto counts = runRetention(db, *policy, nowMs, by, run);
    if (!counts) {
        outcome.error = counts.error();
        return outcome;
    }
    outcome.ok = true;
    outcome.counts = *counts;
    return outcome;
}

RetentionSchedule::RetentionSchedule(QString databasePath, const Clock &clock, Agent agent, Timing timing,
                                     QObject *parent)
    : QObject(parent), m_databasePath(std::move(databasePath)), m_clock(clock), m_agent(std::move(agent)),
      m_timing(timing), m_nextDueMs(clock.nowMs() + timing.startDelayMs)
{}

RetentionSchedule::~RetentionSchedule()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
        delete m_thread;
    }
}

bool RetentionSchedule::poll(bool agentBusy)
{
    const qint64 now = m_clock.nowMs();
    if (m_thread || now < m_nextDueMs)
        return false;
    if (agentBusy) {
        m_nextDueMs = now + m_timing.retryMs;
        return false;
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const QString path = m_databasePath;
    const Agent agent = m_agent;
    const auto cancel = m_cancel;
    m_thread = QThread::create([this, path, now, agent, cancel] {
        const Outcome outcome = runStoredRetention(path, now, agent, cancel.get());
        if (cancel->load())
            return; // the schedule is going away: nobody to tell
        QMetaObject::invokeMethod(
            this, [this, outcome] { done(outcome); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("retention"));
    m_thread->start(QThread::LowPriority);
    emit started();
    return true;
}

void RetentionSchedule::done(const Outcome &outcome)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    // The next run counts from the end of this one; a failure is tried again sooner.
    m_nextDueMs = m_clock.nowMs() + (outcome.ok ? m_timing.intervalMs : m_timing.retryMs);
    if (!outcome.ok)
        qCWarning(lcPrivacy) << "retention run failed:" << outcome.error;
    emit finished(outcome);
}

} // namespace sportello::privacy
