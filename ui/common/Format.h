#pragma once
// How the console writes times, durations and counts for people. Everything is computed from
// stored timestamps and the injected clock's "now"; nothing here keeps state.

#include "domain/Domain.h"
#include "timers/TimerState.h"

#include <QColor>
#include <QString>
#include <QTimeZone>

namespace sportello::ui {

// The colour of a timer state (always paired with its icon, icons::timer, and with text).
QColor timerColor(TimerState state);

// "45 s", "4 min 12 s", "42 min", "3 h 05 min", "2 d 4 h".
QString formatDuration(qint64 ms);
// The age of a waiting post: the time since it arrived.
QString formatAge(qint64 waitingSinceMs, qint64 nowMs);
// The time left to a due time: "42 min", or "overdue 12 min" once it has passed.
QString formatTimeLeft(qint64 dueAtMs, qint64 nowMs);
// A stored UTC time shown in local time: "14:05" today, "Tue 30 Dec 14:05" otherwise.
QString formatTime(qint64 utcMs, qint64 nowMs);
// Full local date and time, for tooltips.
QString formatDateTime(qint64 utcMs);
// "412 followers", with the locale's digit grouping.
QString formatFollowers(qint64 followers);
// "@handle", unless the handle already starts with "@" or is empty.
QString formatHandle(const QString &handle);
// A date for people: "17 Apr", with the year when it is not the current one; `zone` decides the day.
QString formatDate(qint64 utcMs, qint64 nowMs, const QTimeZone &zone);
// The regulatory clock of a complaint in words: "38 days left", "1 day left", "due today",
// "3 days late".
QString formatDaysLeft(int daysLeft);
// How a complaint's days left are marked: on track, due soon within 5 days, overdue once past.
TimerState complaintState(int daysLeft);
constexpr int kComplaintWarningDays = 5;

// Short category names for narrow columns; the full label is in domain/Domain.h.
QString shortLabel(Category category);

} // namespace sportello::ui
