#include "notify/TimerNotifier.h"

#include "common/Clock.h"
#include "common/Format.h"
#include "timers/TimersLog.h"

#include <QTimer>
#include <algorithm>
#include <utility>

namespace sportello::ui {

namespace {
// A day at most: a long sleep is re-armed from the database anyway.
constexpr qint64 kMaxSleepMs = 24LL * 3600 * 1000;

QString who(const TimerCrossing &c)
{
    const QString handle = formatHandle(c.authorHandle);
    return c.authorName.isEmpty() ? handle : c.authorName;
}
} // namespace

TimerNotifier::TimerNotifier(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock)
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &TimerNotifier::check);
    m_backlogTimer = new QTimer(this);
    m_backlogTimer->setSingleShot(true);
    m_backlogTimer->setInterval(0);
    connect(m_backlogTimer, &QTimer::timeout, this, &TimerNotifier::walkBacklog);
}

void TimerNotifier::setDatabase(Database *database)
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

bool TimerNotifier::isArmed() const { return m_timer->isActive(); }

void TimerNotifier::rescan()
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

void TimerNotifier::check()
{
    // A clock that went back (or no look yet) means a full look.
    if (m_database && m_clock.nowMs() < m_lookedAtMs)
        rescan();
    else
        look();
}

void TimerNotifier::poll(qint64 nowMs)
{
    if (m_nextMs >= 0 && nowMs >= m_nextMs)
        check();
}

void TimerNotifier::rearm()
{
    if (m_database)
        arm(m_clock.nowMs());
}

void TimerNotifier::look()
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
        announce(*crossings, overdue, int(crossings->size()) - overdue, now);
    }
    arm(now);
}

void TimerNotifier::walkBacklog()
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
            // and what it recorded so far is announced, so that no recorded notice goes unsaid.
            qCWarning(lcTimers) << "backlog walk stopped:" << errorKindName(chunk.errorKind());
            m_walking = false;
            const BacklogChunk found = std::exchange(m_found, {});
            announce(found.firstOverdue + found.firstDueSoon, found.overdue, found.dueSoon, now);
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
    announce(found.firstOverdue + found.firstDueSoon, found.overdue, found.dueSoon, now);
}

void TimerNotifier::announce(const QVector<TimerCrossing> &first, int overdue, int dueSoon, qint64 nowMs)
{
    if (overdue + dueSoon == 0)
        return;
    const Text text = describe(first, overdue, dueSoon, nowMs);
    emit announced(text.title, text.message, overdue, dueSoon,
                   overdue + dueSoon == 1 && !first.isEmpty() ? first.constFirst().threadId : 0, text.summary);
}

void TimerNotifier::arm(qint64 nowMs)
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

TimerNotifier::Text TimerNotifier::describe(const QVector<TimerCrossing> &crossings, qint64 nowMs)
{
    const int overdue = int(std::count_if(crossings.begin(), crossings.end(),
                                          [](const TimerCrossing &c) { return c.state == TimerState::Overdue; }));
    return describe(crossings, overdue, int(crossings.size()) - overdue, nowMs);
}

TimerNotifier::Text TimerNotifier::describe(const QVector<TimerCrossing> &crossings, int overdue, int dueSoon,
                                            qint64 nowMs)
{
    Text text;
    if (crossings.isEmpty())
        return text;
    if (overdue + dueSoon == 1) {
        const TimerCrossing &c = crossings.constFirst();
        const QString category = c.category ? shortLabel(*c.category) : tr("No category");
        if (c.state == TimerState::Overdue) {
            text.title = tr("Overdue: %1 on %2").arg(who(c), label(c.channel));
            text.message = tr("%1 · the answer was due at %2.").arg(category, formatTime(c.dueAtMs, nowMs));
        } else {
            text.title = tr("Due soon: %1 on %2").arg(who(c), label(c.channel));
            text.message = tr("%1 · the answer is due at %2.").arg(category, formatTime(c.dueAtMs, nowMs));
        }
        text.summary = tr("%1 — %2").arg(text.title, text.message);
        return text;
    }
    // Overdue first (the crossings come overdue first), then the rest in one line.
    if (overdue > 0) {
        text.title = overdue == 1 ? tr("1 thread is now overdue") : tr("%1 threads are now overdue").arg(overdue);
        if (dueSoon > 0)
            text.message = dueSoon == 1 ? tr("1 more is due soon.") : tr("%1 more are due soon.").arg(dueSoon);
    } else {
        text.title = tr("%1 threads are now due soon").arg(dueSoon);
    }
    text.summary = text.message.isEmpty() ? text.title + QLatin1Char('.') : tr("%1. %2").arg(text.title, text.message);
    QStringList names;
    for (int i = 0; i < crossings.size() && names.size() < kNamesShown; ++i)
        names << who(crossings.at(i));
    const int more = overdue + dueSoon - int(names.size());
    QString list = names.join(QStringLiteral(", "));
    if (more > 0)
        list = more == 1 ? tr("%1 and 1 more").arg(list) : tr("%1 and %2 more").arg(list).arg(more);
    text.message = text.message.isEmpty() ? list : text.message + QLatin1Char('\n') + list;
    return text;
}

} // namespace sportello::ui
