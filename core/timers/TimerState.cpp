#include "timers/TimerState.h"

#include "common/LocaleText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace sportello {

QString toId(TimerState state)
{
    switch (state) {
    case TimerState::OnTrack: return QStringLiteral("on_track");
    case TimerState::DueSoon: return QStringLiteral("due_soon");
    case TimerState::Overdue: return QStringLiteral("overdue");
    case TimerState::OutsideHours: return QStringLiteral("outside_hours");
    }
    return {};
}

QString label(TimerState state)
{
    switch (state) {
    case TimerState::OnTrack: return QCoreApplication::translate("Timers", "On track");
    case TimerState::DueSoon: return QCoreApplication::translate("Timers", "Due soon");
    case TimerState::Overdue: return QCoreApplication::translate("Timers", "Overdue");
    case TimerState::OutsideHours: return QCoreApplication::translate("Timers", "Outside hours");
    }
    return {};
}

TimerState timerState(qint64 nowMs, qint64 dueAtMs, qint64 dueSoonAtMs, bool businessClock,
                      const BusinessCalendar &calendar)
{
    if (nowMs >= dueAtMs)
        return TimerState::Overdue;
    return timerState(nowMs, dueAtMs, dueSoonAtMs, businessClock, calendar.isAlwaysOpen() || calendar.isOpen(nowMs));
}

TimerState timerState(qint64 nowMs, qint64 dueAtMs, qint64 dueSoonAtMs, bool businessClock, bool calendarOpenNow)
{
    if (nowMs >= dueAtMs)
        return TimerState::Overdue;
    if (businessClock && !calendarOpenNow)
        return TimerState::OutsideHours;
    if (nowMs >= dueSoonAtMs)
        return TimerState::DueSoon;
    return TimerState::OnTrack;
}

TimerWorking explainTimer(qint64 arrivedMs, qint64 targetMs, qint64 dueAtMs, bool businessClock,
                          const BusinessCalendar &calendar)
{
    TimerWorking w;
    w.arrivedMs = arrivedMs;
    w.dueAtMs = dueAtMs;
    w.targetMs = targetMs;
    w.businessClock = businessClock && !calendar.isAlwaysOpen();
    w.countingStartsMs = arrivedMs;
    if (!w.businessClock)
        return w;
    const qint64 start = calendar.nextOpening(arrivedMs);
    if (start < 0)
        return w;
    w.countingStartsMs = start;
    // The end of the open stretch in which counting starts.
    const QDate day = QDateTime::fromMSecsSinceEpoch(start, calendar.timeZone()).date();
    qint64 closesAt = -1;
    for (const OpenInterval &i : calendar.openIntervals(day))
        if (start >= i.startMs && start < i.endMs)
            closesAt = i.endMs;
    if (closesAt > 0 && closesAt < dueAtMs) {
        w.countedBeforeClosingMs = closesAt - start;
        w.resumesAtMs = calendar.nextOpening(closesAt);
    }
    return w;
}

QString describeWorking(const TimerWorking &w, const QTimeZone &zone, const QLocale &locale)
{
    const auto when = [&](qint64 ms) {
        // The weekday and time in the reader's conventions: "ven 17:40", "Fri 5:40 PM".
        return dayAndTimeText(QDateTime::fromMSecsSinceEpoch(ms, zone), locale);
    };
    const auto minutes = [&](qint64 ms) { return locale.toString((ms + 30000) / 60000); };
    QStringList parts;
    parts << QCoreApplication::translate("Timers", "arrived %1").arg(when(w.arrivedMs));
    if (!w.businessClock) {
        parts << QCoreApplication::translate("Timers", "%1 min in calendar time").arg(minutes(w.targetMs));
    } else {
        if (w.countingStartsMs > w.arrivedMs)
            parts << QCoreApplication::translate("Timers", "outside hours, clock starts %1")
                         .arg(when(w.countingStartsMs));
        if (w.countedBeforeClosingMs >= 0) {
            parts << QCoreApplication::translate("Timers", "%1 min counted before closing")
                         .arg(minutes(w.countedBeforeClosingMs));
            if (w.resumesAtMs >= 0)
                parts << QCoreApplication::translate("Timers", "resumes %1").arg(when(w.resumesAtMs));
        }
    }
    parts << QCoreApplication::translate("Timers", "due %1").arg(when(w.dueAtMs));
    return parts.join(QStringLiteral(" · "));
}

} // namespace sportello
