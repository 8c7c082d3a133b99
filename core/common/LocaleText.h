#pragma once
// Dates, times and numbers for people, in a locale's own conventions: its order of day and month,
// its 12 or 24 hour clock, its decimal and grouping marks. Machine formats (ISO 8601 in files,
// logs, JSON and CSV) do not come here. The console's ui/common/Format.h builds on these; the core
// uses them where it writes a sentence itself (the timer's working).

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace sportello {

// The locale's short time format without seconds: "14:30" in Italian and British English,
// "2:30 PM" in American English.
QString timeText(const QTime &time, const QLocale &locale = QLocale());
// A weekday and a time: "mer 14:30", "Wed 2:30 PM".
QString dayAndTimeText(const QDateTime &dateTime, const QLocale &locale = QLocale());
// An abbreviated date in the locale's order: "3 dic 2026", "Dec 3, 2026", "3 Dec 2026"; without
// the year "3 dic", "Dec 3", "3 Dec". With the weekday first when `weekday` is set.
QString dateText(const QDate &date, bool withYear, const QLocale &locale = QLocale(), bool weekday = false);
// The pattern dateText() uses, derived from the locale's long date format.
QString abbreviatedDateFormat(const QLocale &locale, bool withYear, bool weekday);
// A date with its year and a time: "3 dic 2026 14:30", "Dec 3, 2026 2:30 PM".
QString dateTimeText(const QDateTime &dateTime, const QLocale &locale = QLocale());
// A percentage with the locale's decimal mark and sign: "12,5%", "12.5%".
QString percentText(double percent, int decimals, const QLocale &locale = QLocale());

} // namespace sportello
