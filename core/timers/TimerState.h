#pragma once
// The state of a response timer at a moment, and the "working" that shows how its due time
// was reached on the business calendar.

#include "timers/BusinessCalendar.h"

#include <QLocale>
#include <QString>

namespace sportello {

enum class TimerState { OnTrack, DueSoon, Overdue, OutsideHours };

QString toId(TimerState state); // on_track, due_soon, overdue, outside_hours
QString label(TimerState state);

// Overdue past the due time; otherwise outside hours while a business clock is stopped;
// otherwise due soon from the due-soon moment; otherwise on track.
TimerState timerState(qint64 nowMs, qint64 dueAtMs, qint64 dueSoonAtMs, bool businessClock,
                      const BusinessCalendar &calendar);
// The same with "is the calendar open now" already known, for callers that ask about many
// timers at one moment (the console computes it once per refresh).
TimerState timerState(qint64 nowMs, qint64 dueAtMs, qint64 dueSoonAtMs, bool businessClock, bool calendarOpenNow);

struct TimerWorking {
    qint64 arrivedMs = 0;
    qint64 dueAtMs = 0;
    qint64 targetMs = 0;
    bool businessClock = false;
    qint64 countingStartsMs = 0;        // later than arrival when the post arrived outside hours
    qint64 countedBeforeClosingMs = -1; // business time counted before the first closing, -1 if none
    qint64 resumesAtMs = -1;            // when counting resumes after that closing
};

TimerWorking explainTimer(qint64 arrivedMs, qint64 targetMs, qint64 dueAtMs, bool businessClock,
                          const BusinessCalendar &calendar);

// "arrived Fri 17:40 · 20 min counted before closing · resumes Mon 09:00 · due Mon 09:40",
// times in the calendar's time zone, written in `locale`'s conventions (day names, 12 or 24 hour
// clock, digit grouping): "arrived ven 17:40 …" in Italian, "arrived Fri 5:40 PM …" in US English.
QString describeWorking(const TimerWorking &working, const QTimeZone &zone, const QLocale &locale = QLocale());

} // namespace sportello
