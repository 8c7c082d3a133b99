#include "timers/TimerWatch.h"

#include "common/Clock.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "timers/TimersLog.h"

#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <utility>

namespace sportello {

namespace {
// A day at most: a long sleep is re-armed from the database anyway.
constexpr qint64 kMaxSleepMs = 24LL * 3600 * 1000;

// A step of the backlog walk runs on the GUI thread: it does not wait for another connection's
// write lock (busy at once instead), its commit is not flushed to disk (the records only say
// which notices were shown: after a power cut, at worst a notice is shown again), and it leaves
// the checkpoint of the log that a sync grows to the writers' next commits. The connection's
// settings are put back after the step.
class StepWrites {
public:
    explicit StepWrites(const QSqlDatabase &db) : m_db(db)
    {
        // A setting that cannot be read is left alone (the step then runs as any other write).
        if (auto timeout = sql::scalar(m_db, QStringLiteral("PRAGMA busy_timeout")))
            m_busyTimeout = timeout->toInt();
        if (auto synchronous = sql::scalar(m_db, QStringLiteral("PRAGMA synchronous")))
            m_synchronous = synchronous->toInt();
        if (m_busyTimeout >= 0)
            (void)sql::exec(m_db, QStringLiteral("PRAGMA busy_timeout=0"));
        if (m_synchronous >= 0)
            (void)sql::exec(m_db, QStringLiteral("PRAGMA synchronous=NORMAL"));
        if (auto pages = sql::scalar(m_db, QStringLiteral("PRAGMA wal_autocheckpoint")))
            m_autocheckpoint = pages->toInt();
        if (m_autocheckpoint > 0)
            (void)sql::exec(m_db, QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    }
    ~StepWrites()
    {
        if (m_busyTimeout >= 0)
            (void)sql::exec(m_db, QStringLiteral("PRAGMA busy_timeout=%1").arg(m_busyTimeout));
        if (m_synchronous >= 0)
            (void)sql::exec(m_db, QStringLiteral("PRAGMA synchronous=%1").arg(m_synchronous));
        if (m_autocheckpoint > 0)
            (void)sql::exec(m_db, QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(m_autocheckpoint));
    }
    StepWrites(const StepWrites &) = delete;
    StepWrites &operator=(const StepWrites &) = delete;

private:
    QSqlDatabase m_db;
    int m_busyTimeout = -1;
    int m_synchronous = -1;
    int m_autocheckpoint = -1;
};

} // namespace

TimerWatch::TimerWatch(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock)
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &TimerWatch::check);
    m_backlogTimer = new QTimer(this);
    m_backlogTimer->setSingleShot(true);
    m_backlogTimer->setInterval(0);
    connect(m_backlogTimer, &QTimer::timeout, this, &TimerWatch::walkBacklog);
}

void TimerWatch::setDatabase(Database *database)
{
    m_database = database;
    m_lookedAtMs = TimerNotifications::kFromTheStart;
    m_nextMs = -1;
    m_timer->stop();
    m_backlogTimer->stop();
    m_walking = false;
    m_held = false;
    m_found = {};
    // The first look can have a whole backlog to record (a large cache opened for the first
    // time): it waits until the window has shown the queue, so the agent sees the work first, and
    // then walks it in chunks. The next state change is armed at once.
    if (m_database)
        arm(m_clock.nowMs());
    if (m_database)
        QTimer::singleShot(kFirstLookDelayMs, this, [this, database] {
            if (m_database == database && m_lookedAtMs == TimerNotifications::kFromTheStart)
                rescan();
        });
}

bool TimerWatch::isArmed() const { return m_timer->isActive(); }

void TimerWatch::rescan()
{
    if (!m_database)
        return;
    // Everything due soon up to now is the walk's; the crossings after it are the later looks'.
    // A walk under way starts again (timers may have moved) and keeps what it found.
    const qint64 now = m_clock.nowMs();
    m_backlog = BacklogCursor{};
    m_backlog.asOfMs = now;
    m_lookedAtMs = now;
    m_walking = true;
    walkBacklog();
    arm(now);
}

void TimerWatch::check()
{
    // A clock that went back (or no look yet) means a full look.
    if (m_database && m_clock.nowMs() < m_lookedAtMs)
        rescan();
    else
        look();
}

void TimerWatch::poll(qint64 nowMs)
{
    if (m_nextMs >= 0 && nowMs >= m_nextMs)
        check();
}

void TimerWatch::rearm()
{
    if (m_database)
        arm(m_clock.nowMs());
}

void TimerWatch::look()
{
    if (!m_database)
        return;
    const qint64 now = m_clock.nowMs();
    if (m_lookedAtMs == TimerNotifications::kFromTheStart) {
        rescan();
        return;
    }
    auto crossings = TimerNotifications(*m_database).takeNewCrossings(now, m_lookedAtMs);
    if (!crossings) {
        emit failed(crossings.error());
    } else {
        m_lookedAtMs = now;
        const int overdue = int(std::count_if(crossings->begin(), crossings->end(),
                                              [](const TimerCrossing &c) { return c.state == TimerState::Overdue; }));
        report(*crossings, overdue, int(crossings->size()) - overdue, now);
    }
    arm(now);
}

void TimerWatch::holdBacklog(bool held)
{
    m_held = held;
    if (!m_held && m_walking && !m_backlogTimer->isActive())
        m_backlogTimer->start(0);
}

void TimerWatch::yieldToInput()
{
    if (!m_walking || m_held || !m_backlogTimer->isActive())
        return; // no step is waiting (held, retrying after a failure, or none under way)
    if (m_sinceStep.isValid() && m_sinceStep.elapsed() >= kMaxInputWaitMs)
        return;
    // A retry after a busy or failed step keeps its own, longer wait.
    if (m_backlogTimer->remainingTime() < kInputWaitMs)
        m_backlogTimer->start(kInputWaitMs);
}

void TimerWatch::walkBacklog()
{
    if (!m_database || !m_walking || m_held)
        return;
    m_sinceStep.start();
    const qint64 now = m_clock.nowMs();
    QElapsedTimer spent;
    spent.start();
    Result<BacklogChunk> chunk = BacklogChunk{};
    {
        const StepWrites quiet(m_database->connection());
        chunk = TimerNotifications(*m_database).recordBacklog(m_backlog, now, m_stepChunk, kNamesShown);
    }
    if (!chunk && chunk.errorKind() == ErrorKind::Busy && m_quietBusyRetries < kQuietBusyRetries) {
        // Another connection (the sync worker, a colleague) is committing: try again in a moment
        // rather than hold the event loop until its commit ends.
        ++m_quietBusyRetries;
        m_backlogTimer->start(kQuietBusyRetryMs);
        return;
    }
    m_quietBusyRetries = 0;
    if (chunk) {
        // The step's size follows its cost: a step costs about its number of threads.
        const qint64 ms = spent.elapsed();
        if (ms > kBacklogStepBudgetMs)
            m_stepChunk = std::max<int>(std::min(kMinBacklogChunk, m_backlogChunk),
                                        int(qint64(m_stepChunk) * kBacklogStepBudgetMs / ms));
        else if (ms * 4 < kBacklogStepBudgetMs)
            m_stepChunk = std::min(m_backlogChunk, m_stepChunk * 2);
    }
    if (!chunk) {
        emit failed(chunk.error());
        if (isTransient(chunk.errorKind())) {
            // The cache is busy (another process writing) or a read failed: the walk keeps its
            // place and what it found, and the same chunk is tried again a little later.
            qCInfo(lcTimers) << "backlog chunk failed (" << errorKindName(chunk.errorKind()) << "), retrying in"
                             << kBacklogRetryMs << "ms";
            m_backlogTimer->start(kBacklogRetryMs);
        } else {
            // A damaged cache does not mend itself: the walk ends (the next full look starts anew),
            // and what it recorded so far is reported, so that no recorded notice goes unsaid.
            qCWarning(lcTimers) << "backlog walk stopped:" << errorKindName(chunk.errorKind());
            m_walking = false;
            const BacklogChunk found = std::exchange(m_found, {});
            report(found.firstOverdue + found.firstDueSoon, found.overdue, found.dueSoon, now);
        }
        return;
    }
    // Only the first few of each state by due time are named: keep those of all chunks.
    const auto keepFirst = [](QVector<TimerCrossing> &kept, const QVector<TimerCrossing> &more) {
        kept += more;
        std::sort(kept.begin(), kept.end(), [](const TimerCrossing &a, const TimerCrossing &b) {
            return a.dueAtMs != b.dueAtMs ? a.dueAtMs < b.dueAtMs : a.threadId < b.threadId;
        });
        kept.resize(std::min<qsizetype>(kept.size(), kNamesShown));
    };
    m_found.overdue += chunk->overdue;
    m_found.dueSoon += chunk->dueSoon;
    keepFirst(m_found.firstOverdue, chunk->firstOverdue);
    keepFirst(m_found.firstDueSoon, chunk->firstDueSoon);
    if (!m_backlog.done) {
        m_backlogTimer->start(0);
        return;
    }
    m_walking = false;
    const BacklogChunk found = std::exchange(m_found, {});
    report(found.firstOverdue + found.firstDueSoon, found.overdue, found.dueSoon, now);
}

void TimerWatch::report(const QVector<TimerCrossing> &first, int overdue, int dueSoon, qint64 nowMs)
{
    if (overdue + dueSoon > 0)
        emit crossed(first, overdue, dueSoon, nowMs);
}

void TimerWatch::arm(qint64 nowMs)
{
    m_timer->stop();
    m_nextMs = -1;
    if (!m_database)
        return;
    auto next = TimerNotifications(*m_database).nextStateChangeAfter(nowMs);
    if (!next) {
        emit failed(next.error());
        return;
    }
    m_nextMs = *next;
    if (m_nextMs < 0)
        return;
    m_timer->start(int(std::clamp<qint64>(m_nextMs - nowMs, 0, kMaxSleepMs)));
}

} // namespace sportello
