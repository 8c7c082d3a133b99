#pragma once
// How the console writes times, durations and counts for people. Everything is computed from
// stored timestamps and the injected clock's "now"; nothing here keeps state.

#include "common/LocaleText.h"
#include "domain/Domain.h"
#include "timers/TimerState.h"

#include <QColor>
#include <QString>
#include <QTimeZone>

namespace sportello::ui {

// The colour of a timer state (always paired with its icon, icons::timer, and with text), for
// text on the application palette's window and views: darker hues on a light palette, lighter
// ones on a dark or high-contrast one.
QColor timerColor(TimerState state);
// The same for text on a background of known lightness (the conversation's bubbles stay light).
QColor timerColor(TimerState state, bool onDarkBackground);

// Every text here follows the default locale (set with the console's language, common/Language.h):
// Italian "1.234", "12,5%", "mer 14:30", "3 dic 2026"; US English "1,234", "12.5%", "Wed 2:30 PM",
// "Dec 3, 2026". Display code formats numbers and dates only through these (or common/LocaleText.h),
// never with QString::number or a fixed date pattern: tests/test_sources.cpp checks.

// "45 s", "4 min 12 s", "42 min", "3 h 05 min", "2 d 4 h" (units translated).
QString formatDuration(qint64 ms);
// The age of a waiting post: the time since it arrived.
QString formatAge(qint64 waitingSinceMs, qint64 nowMs);
// The time left to a due time: "42 min", or "overdue 12 min" once it has passed.
QString formatTimeLeft(qint64 dueAtMs, qint64 nowMs);
// A stored UTC time shown in local time: "14:05" today, "Tue, Dec 30 2:05 PM" (US) or
// "mar 30 dic 14:05" (Italian) otherwise.
QString formatTime(qint64 utcMs, qint64 nowMs);
// Full local date and time, for tooltips.
QString formatDateTime(qint64 utcMs);
// "412 followers", with the locale's digit grouping.
QString formatFollowers(qint64 followers);
// "@handle", unless the handle already starts with "@" or is empty.
QString formatHandle(const QString &handle);
// A date for people: "17 apr" / "Apr 17", with the year when it is not the current one; `zone`
// decides the day.
QString formatDate(qint64 utcMs, qint64 nowMs, const QTimeZone &zone);
// The regulatory clock of a complaint in words: "38 days left", "1 day left", "due today",
// "3 days late".
QString formatDaysLeft(int daysLeft);
// How a complaint's days left are marked: on track, due soon within 5 days, overdue once past.
TimerState complaintState(int daysLeft);
constexpr int kComplaintWarningDays = 5;

// A count of things, with the locale's digit grouping: "1.234", "1,234".
QString formatCount(qint64 count);
// A percentage: "12,5%", "12.5%". `percent` is already in hundredths (12.5, not 0.125).
QString formatPercent(double percent, int decimals = 0);
// A decimal figure (minutes in the report, say): "4,5", "4.5".
QString formatDecimal(double value, int decimals);

// Short category names for narrow columns; the full label is in domain/Domain.h.
QString shortLabel(Category category);

} // namespace sportello::ui
