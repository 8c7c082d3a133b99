#pragma once
// How the console writes times, durations and counts for people. Everything is computed from
// stored timestamps and the injected clock's "now"; nothing here keeps state.

#include "domain/Domain.h"

#include <QColor>
#include <QString>

namespace sportello::ui {

// Where a waiting thread stands against its due time.
enum class Urgency { None, OnTime, DueSoon, Overdue };

Urgency urgencyOf(qint64 dueAtMs, qint64 dueSoonAtMs, qint64 nowMs);
// Text colour that goes with an urgency (always paired with text and an icon, never alone).
QColor urgencyColor(Urgency urgency);

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
// Short category names for narrow columns; the full label is in domain/Domain.h.
QString shortLabel(Category category);

} // namespace sportello::ui
