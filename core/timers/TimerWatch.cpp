#include "timers/TimerWatch.h"

#include "common/Clock.h"
#include "timers/TimersLog.h"

#include <QTimer>
#include <algorithm>
#include <utility>

namespace sportello {

namespace {
// A day at most: a long sleep is re-armed from the database anyway.
constexpr qint64 kMaxSleepMs = 24LL * 3600 * 1000;

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

void TimerWatch::walkBacklog()
{
    if (!m_database || !m_walking)
        return;
    const qint64 now = m_clock.nowMs();
    auto chunk = TimerNotifications(*m_database).recordBacklog(m_backlog, now, m_backlogChunk, kNamesShown);
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
