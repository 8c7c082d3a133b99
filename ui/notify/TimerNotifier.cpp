#include "notify/TimerNotifier.h"

#include "common/Format.h"
#include "timers/Clock.h"

#include <QTimer>
#include <algorithm>

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
}

void TimerNotifier::setDatabase(Database *database)
{
    m_database = database;
    m_lookedAtMs = TimerNotifications::kFromTheStart;
    m_nextMs = -1;
    m_timer->stop();
    // The first look can have a whole backlog to record (a large cache opened for the first
    // time: about 0.8 s for 120,000 overdue threads): it waits until the window has shown the
    // queue, so the agent sees the work first. The next state change is armed at once.
    if (m_database)
        arm(m_clock.nowMs());
    if (m_database)
        QTimer::singleShot(kFirstLookDelayMs, this, [this, database] {
            if (m_database == database)
                rescan();
        });
}

bool TimerNotifier::isArmed() const { return m_timer->isActive(); }

void TimerNotifier::rescan() { look(true); }

void TimerNotifier::check() { look(false); }

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

void TimerNotifier::look(bool full)
{
    if (!m_database)
        return;
    const qint64 now = m_clock.nowMs();
    // A clock that went back (or a first look) means a full look.
    const qint64 since = full || now < m_lookedAtMs ? TimerNotifications::kFromTheStart : m_lookedAtMs;
    TimerNotifications notifications(*m_database);
    auto crossings = notifications.takeNewCrossings(now, since);
    if (!crossings) {
        emit failed(crossings.error());
    } else {
        m_lookedAtMs = now;
        if (!crossings->isEmpty()) {
            const Text text = describe(*crossings, now);
            const int overdue = int(std::count_if(crossings->begin(), crossings->end(),
                                                  [](const TimerCrossing &c) { return c.state == TimerState::Overdue; }));
            emit announced(text.title, text.message, overdue, int(crossings->size()) - overdue,
                           crossings->size() == 1 ? crossings->constFirst().threadId : 0, text.summary);
        }
    }
    arm(now);
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
    Text text;
    if (crossings.isEmpty())
        return text;
    const int overdue = int(std::count_if(crossings.begin(), crossings.end(),
                                          [](const TimerCrossing &c) { return c.state == TimerState::Overdue; }));
    const int dueSoon = int(crossings.size()) - overdue;
    if (crossings.size() == 1) {
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
    const int more = int(crossings.size()) - int(names.size());
    QString list = names.join(QStringLiteral(", "));
    if (more > 0)
        list = more == 1 ? tr("%1 and 1 more").arg(list) : tr("%1 and %2 more").arg(list).arg(more);
    text.message = text.message.isEmpty() ? list : text.message + QLatin1Char('\n') + list;
    return text;
}

} // namespace sportello::ui
