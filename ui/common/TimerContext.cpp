#include "common/TimerContext.h"

#include "common/Clock.h"
#include "common/Format.h"
#include "queue/QueueQuery.h"

#include <QDateTime>
#include <QLocale>

namespace sportello::ui {

namespace {
constexpr qint64 kNever = std::numeric_limits<qint64>::max();
constexpr qint64 kMinuteMs = 60 * 1000;
} // namespace

TimerInfo TimerInfo::of(const QueueRow &row)
{
    TimerInfo t;
    t.arrivedMs = row.timerArrivedMs > 0 ? row.timerArrivedMs : row.waitingSinceMs;
    t.targetMs = row.targetMs;
    t.dueAtMs = row.status == ThreadStatus::Waiting ? row.dueAtMs : 0;
    t.dueSoonAtMs = row.dueSoonAtMs;
    t.businessClock = row.businessClock;
    t.category = row.category;
    t.channel = row.channel;
    t.rating = row.rating;
    return t;
}

TimerInfo TimerInfo::of(const PostView &post, Channel channel)
{
    TimerInfo t;
    t.arrivedMs = post.createdAtMs;
    t.targetMs = post.targetMs;
    t.dueAtMs = post.direction == Direction::Inbound && post.answeredAtMs == 0 ? post.dueAtMs : 0;
    t.dueSoonAtMs = post.dueSoonAtMs;
    t.businessClock = post.businessClock;
    t.category = post.category;
    t.channel = channel;
    t.rating = post.rating;
    return t;
}

TimerContext::TimerContext(const Clock &clock) : m_clock(clock), m_policy(ResponsePolicy::systematic()) {}

qint64 TimerContext::nowMs() const { return m_clock.nowMs(); }

void TimerContext::setPolicy(ResponsePolicy policy)
{
    m_policy = std::move(policy);
    m_stretch = Stretch{};
    m_afterBoundary.clear();
}

const TimerContext::Stretch &TimerContext::stretchAt(qint64 nowMs) const
{
    if (nowMs >= m_stretch.fromMs && nowMs < m_stretch.untilMs)
        return m_stretch;
    const BusinessCalendar &cal = calendar();
    Stretch s;
    s.fromMs = nowMs;
    if (cal.isAlwaysOpen()) {
        s.open = true;
        s.untilMs = kNever;
    } else {
        const QDate day = QDateTime::fromMSecsSinceEpoch(nowMs, cal.timeZone()).date();
        for (const OpenInterval &i : cal.openIntervals(day)) {
            if (nowMs >= i.startMs && nowMs < i.endMs) {
                s.open = true;
                s.untilMs = i.endMs;
            }
        }
        if (!s.open) {
            const qint64 next = cal.nextOpening(nowMs);
            s.untilMs = next < 0 ? kNever : next;
        }
    }
    if (s.untilMs != m_stretch.untilMs || s.open != m_stretch.open)
        m_afterBoundary.clear();
    m_stretch = s;
    return m_stretch;
}

bool TimerContext::calendarOpen(qint64 nowMs) const { return stretchAt(nowMs).open; }

qint64 TimerContext::resumesAt(qint64 nowMs) const
{
    const Stretch &s = stretchAt(nowMs);
    return s.open || s.untilMs == kNever ? -1 : s.untilMs;
}

qint64 TimerContext::businessFromBoundary(qint64 boundaryMs, qint64 dueAtMs) const
{
    if (boundaryMs == kNever || dueAtMs <= boundaryMs)
        return 0;
    if (auto it = m_afterBoundary.constFind(dueAtMs); it != m_afterBoundary.constEnd())
        return *it;
    if (m_afterBoundary.size() > 20000)
        m_afterBoundary.clear();
    const qint64 business = calendar().businessTimeBetween(boundaryMs, dueAtMs);
    m_afterBoundary.insert(dueAtMs, business);
    return business;
}

TimerState TimerContext::state(const TimerInfo &timer, qint64 nowMs) const
{
    if (nowMs >= timer.dueAtMs)
        return TimerState::Overdue;
    // The calendar is asked only for a business clock, and then from the kept stretch.
    const bool open = !timer.businessClock || calendarOpen(nowMs);
    return timerState(nowMs, timer.dueAtMs, timer.dueSoonAtMs, timer.businessClock, open);
}

qint64 TimerContext::timeLeft(const TimerInfo &timer, qint64 nowMs) const
{
    if (!timer.businessClock || calendar().isAlwaysOpen() || nowMs >= timer.dueAtMs)
        return timer.dueAtMs - nowMs;
    const Stretch &s = stretchAt(nowMs);
    if (!s.open)
        return businessFromBoundary(s.untilMs, timer.dueAtMs);
    if (timer.dueAtMs <= s.untilMs)
        return timer.dueAtMs - nowMs;
    return (s.untilMs - nowMs) + businessFromBoundary(s.untilMs, timer.dueAtMs);
}

QString TimerContext::shortText(const TimerInfo &timer, qint64 nowMs) const
{
    if (!timer.isSet())
        return {};
    switch (state(timer, nowMs)) {
    case TimerState::Overdue: return formatTimeLeft(timer.dueAtMs, nowMs);
    case TimerState::DueSoon: return tr("due soon · %1").arg(formatDuration(timeLeft(timer, nowMs)));
    case TimerState::OutsideHours: return tr("paused · %1").arg(formatDuration(timeLeft(timer, nowMs)));
    case TimerState::OnTrack: return formatDuration(timeLeft(timer, nowMs));
    }
    return {};
}

QString TimerContext::longText(const TimerInfo &timer, qint64 nowMs) const
{
    if (!timer.isSet())
        return {};
    switch (state(timer, nowMs)) {
    case TimerState::Overdue: return tr("overdue by %1").arg(formatDuration(nowMs - timer.dueAtMs));
    case TimerState::DueSoon: return tr("due soon · %1 left").arg(formatDuration(timeLeft(timer, nowMs)));
    case TimerState::OutsideHours: return tr("paused · %1 left").arg(formatDuration(timeLeft(timer, nowMs)));
    case TimerState::OnTrack: return tr("%1 left").arg(formatDuration(timeLeft(timer, nowMs)));
    }
    return {};
}

QString TimerContext::stateSentence(const TimerInfo &timer, qint64 nowMs) const
{
    if (!timer.isSet())
        return {};
    const QString left = timer.dueAtMs > nowMs ? formatDuration(timeLeft(timer, nowMs)) : QString();
    switch (state(timer, nowMs)) {
    case TimerState::Overdue: return tr("Overdue by %1.").arg(formatDuration(nowMs - timer.dueAtMs));
    case TimerState::DueSoon: return tr("Due soon: %1 left.").arg(left);
    case TimerState::OnTrack: return tr("On track: %1 left.").arg(left);
    case TimerState::OutsideHours: {
        const qint64 resumes = resumesAt(nowMs);
        if (resumes < 0)
            return tr("Outside hours: the clock is paused with %1 left.").arg(left);
        const QString when = dayAndTimeText(QDateTime::fromMSecsSinceEpoch(resumes, calendar().timeZone()));
        return tr("Outside hours: the clock is paused until %1, with %2 left.").arg(when, left);
    }
    }
    return {};
}

QString TimerContext::working(const TimerInfo &timer) const
{
    if (!timer.isSet())
        return {};
    const TimerWorking w =
        explainTimer(timer.arrivedMs, timer.targetMs, timer.dueAtMs, timer.businessClock, calendar());
    const QString text = describeWorking(w, calendar().timeZone(), QLocale());
    // The times are the calendar's; say so when this computer's clock shows other ones.
    const QTimeZone &zone = calendar().timeZone();
    const QDateTime arrived = QDateTime::fromMSecsSinceEpoch(timer.arrivedMs, Qt::UTC);
    if (zone.offsetFromUtc(arrived) != arrived.toLocalTime().offsetFromUtc())
        return tr("%1 (%2 time)", "working, time zone").arg(text, QString::fromLatin1(zone.id()));
    return text;
}

QString TimerContext::target(const TimerInfo &timer) const
{
    if (!timer.isSet())
        return {};
    QString what = timer.category ? shortLabel(*timer.category) : tr("not categorised");
    const ResponseTarget target = m_policy.targetFor(
        timer.category, timer.channel, timer.rating > 0 ? std::optional<int>(timer.rating) : std::nullopt);
    if (target.channel)
        what = tr("%1 on %2", "category on channel").arg(what, label(timer.channel));
    if (target.maxRating)
        what = *target.maxRating == 1
                   ? tr("%1, 1 star", "category, star rating").arg(what)
                   : tr("%1, 1 to %2 stars", "category, star rating").arg(what).arg(*target.maxRating);
    return tr("Target: %1 (%2, “%3” policy)")
        .arg(targetDuration((timer.targetMs + kMinuteMs / 2) / kMinuteMs, timer.businessClock), what,
             policyLabel(m_policy));
}

QString TimerContext::toolTip(const TimerInfo &timer, qint64 nowMs) const
{
    if (!timer.isSet())
        return {};
    return stateSentence(timer, nowMs) + QLatin1Char('\n') + working(timer) + QLatin1Char('\n') + target(timer);
}

QString policyLabel(const ResponsePolicy &policy)
{
    if (policy.name == QLatin1String("systematic"))
        return TimerContext::tr("Systematic", "policy preset");
    if (policy.name == QLatin1String("selective"))
        return TimerContext::tr("Selective", "policy preset");
    return policy.label.isEmpty() ? policy.name : policy.label;
}

QString targetDuration(qint64 minutes, bool businessTime)
{
    // Whole hours from three hours up ("24 calendar hours"), minutes below ("120 business minutes").
    // Singular and plural are separate strings: English has no translation file for %n forms.
    if (minutes >= 180 && minutes % 60 == 0) {
        const qint64 hours = minutes / 60;
        return businessTime ? TimerContext::tr("%1 business hours").arg(hours)
                            : TimerContext::tr("%1 calendar hours").arg(hours);
    }
    if (minutes == 1)
        return businessTime ? TimerContext::tr("1 business minute") : TimerContext::tr("1 calendar minute");
    return businessTime ? TimerContext::tr("%1 business minutes").arg(minutes)
                        : TimerContext::tr("%1 calendar minutes").arg(minutes);
}

} // namespace sportello::ui
