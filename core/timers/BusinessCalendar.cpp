#include "timers/BusinessCalendar.h"

#include <QCoreApplication>
#include <QDateTime>
#include <algorithm>

namespace sportello {

namespace {
constexpr int kSearchDays = 3660; // ten years: a calendar with no working time is not searched forever

} // namespace

QDate easterSunday(int year)
{
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = ((h + l - 7 * m + 114) % 31) + 1;
    return QDate(year, month, day);
}

QVector<QDate> italianNationalHolidays(int year)
{
    return {QDate(year, 1, 1),   QDate(year, 1, 6),  easterSunday(year).addDays(1),
            QDate(year, 4, 25),  QDate(year, 5, 1),  QDate(year, 6, 2),
            QDate(year, 8, 15),  QDate(year, 11, 1), QDate(year, 12, 8),
            QDate(year, 12, 25), QDate(year, 12, 26)};
}

BusinessCalendar::BusinessCalendar(QTimeZone zone) : m_zone(zone) {} // QTimeZone has no move constructor

BusinessCalendar BusinessCalendar::italianOffice()
{
    BusinessCalendar calendar(QTimeZone("Europe/Rome"));
    for (int day = 1; day <= 5; ++day)
        calendar.setPeriods(day, {{QTime(9, 0), QTime(18, 0)}});
    calendar.setClosesOnItalianHolidays(true);
    return calendar;
}

BusinessCalendar BusinessCalendar::alwaysOpen(const QTimeZone &zone)
{
    BusinessCalendar calendar(zone);
    calendar.setAlwaysOpen(true);
    return calendar;
}

const QVector<WorkingPeriod> &BusinessCalendar::periods(int dayOfWeek) const
{
    return m_week.at(std::clamp(dayOfWeek, 1, 7) - 1);
}

void BusinessCalendar::setPeriods(int dayOfWeek, QVector<WorkingPeriod> periods)
{
    std::sort(periods.begin(), periods.end(), [](const auto &a, const auto &b) { return a.start < b.start; });
    m_week.at(std::clamp(dayOfWeek, 1, 7) - 1) = std::move(periods);
    m_days.clear();
}

bool BusinessCalendar::isHoliday(const QDate &date) const
{
    if (m_extraHolidays.contains(date))
        return true;
    if (!m_italianHolidays)
        return false;
    const auto holidays = italianNationalHolidays(date.year());
    return holidays.contains(date);
}

QVector<OpenInterval> BusinessCalendar::openIntervals(const QDate &date) const
{
    if (auto it = m_days.constFind(date); it != m_days.constEnd())
        return *it;
    if (m_days.size() > 4096)
        m_days.clear();
    QVector<OpenInterval> intervals = computeOpenIntervals(date);
    m_days.insert(date, intervals);
    return intervals;
}

QVector<OpenInterval> BusinessCalendar::computeOpenIntervals(const QDate &date) const
{
    QVector<OpenInterval> intervals;
    if (m_alwaysOpen) {
        // The whole local day, whatever its length (23 or 25 hours on DST changes).
        const qint64 start = QDateTime(date, QTime(0, 0), m_zone).toMSecsSinceEpoch();
        const qint64 end = QDateTime(date.addDays(1), QTime(0, 0), m_zone).toMSecsSinceEpoch();
        intervals.push_back({start, end});
        return intervals;
    }
    if (isHoliday(date))
        return intervals;
    for (const WorkingPeriod &p : periods(date.dayOfWeek())) {
        const qint64 start = QDateTime(date, p.start, m_zone).toMSecsSinceEpoch();
        const qint64 end = p.end == QTime(23, 59, 59, 999)
                               ? QDateTime(date.addDays(1), QTime(0, 0), m_zone).toMSecsSinceEpoch()
                               : QDateTime(date, p.end, m_zone).toMSecsSinceEpoch();
        if (end > start)
            intervals.push_back({start, end});
    }
    return intervals;
}

QDate BusinessCalendar::localDate(qint64 utcMs) const
{
    constexpr qint64 kQuarterHourMs = 15 * 60 * 1000;
    const qint64 bucket = utcMs >= 0 ? utcMs / kQuarterHourMs : (utcMs - kQuarterHourMs + 1) / kQuarterHourMs;
    if (auto it = m_dates.constFind(bucket); it != m_dates.constEnd())
        return *it;
    if (m_dates.size() > 65536)
        m_dates.clear();
    const QDate date = QDateTime::fromMSecsSinceEpoch(bucket * kQuarterHourMs, m_zone).date();
    m_dates.insert(bucket, date);
    return date;
}

bool BusinessCalendar::isOpen(qint64 utcMs) const
{
    const QDate date = localDate(utcMs);
    for (const OpenInterval &i : openIntervals(date))
        if (utcMs >= i.startMs && utcMs < i.endMs)
            return true;
    return false;
}

qint64 BusinessCalendar::nextOpening(qint64 utcMs) const
{
    QDate date = localDate(utcMs);
    for (int n = 0; n < kSearchDays; ++n, date = date.addDays(1)) {
        for (const OpenInterval &i : openIntervals(date)) {
            if (utcMs < i.endMs)
                return std::max(utcMs, i.startMs);
        }
    }
    return -1;
}

qint64 BusinessCalendar::addBusinessTime(qint64 startMs, qint64 durationMs) const
{
    if (m_alwaysOpen)
        return startMs + durationMs;
    qint64 remaining = std::max<qint64>(0, durationMs);
    QDate date = localDate(startMs);
    for (int n = 0; n < kSearchDays; ++n, date = date.addDays(1)) {
        for (const OpenInterval &i : openIntervals(date)) {
            if (startMs >= i.endMs)
                continue;
            const qint64 from = std::max(startMs, i.startMs);
            const qint64 available = i.endMs - from;
            // A zero target is met at the first open moment.
            if (remaining <= available)
                return from + remaining;
            remaining -= available;
        }
    }
    return -1;
}

qint64 BusinessCalendar::businessTimeBetween(qint64 startMs, qint64 endMs) const
{
    if (endMs <= startMs)
        return 0;
    if (m_alwaysOpen)
        return endMs - startMs;
    qint64 total = 0;
    QDate date = localDate(startMs);
    const QDate last = localDate(endMs);
    for (; date <= last; date = date.addDays(1)) {
        for (const OpenInterval &i : openIntervals(date)) {
            const qint64 from = std::max(startMs, i.startMs);
            const qint64 to = std::min(endMs, i.endMs);
            if (to > from)
                total += to - from;
        }
    }
    return total;
}

Status BusinessCalendar::validate() const
{
    if (!m_zone.isValid())
        return Error{QCoreApplication::translate("Calendar", "The calendar's time zone is not known.")};
    if (m_alwaysOpen)
        return {};
    bool anyTime = false;
    static const char *const dayNames[] = {
        QT_TRANSLATE_NOOP("Calendar", "Monday"),    QT_TRANSLATE_NOOP("Calendar", "Tuesday"),
        QT_TRANSLATE_NOOP("Calendar", "Wednesday"), QT_TRANSLATE_NOOP("Calendar", "Thursday"),
        QT_TRANSLATE_NOOP("Calendar", "Friday"),    QT_TRANSLATE_NOOP("Calendar", "Saturday"),
        QT_TRANSLATE_NOOP("Calendar", "Sunday")};
    for (int day = 0; day < 7; ++day) {
        const auto &periods = m_week.at(day);
        for (int i = 0; i < periods.size(); ++i) {
            const WorkingPeriod &p = periods.at(i);
            if (!p.start.isValid() || !p.end.isValid() || p.end <= p.start)
                return Error{QCoreApplication::translate("Calendar", "%1: a working period must end after it starts.")
                                 .arg(QCoreApplication::translate("Calendar", dayNames[day]))};
            if (i > 0 && p.start < periods.at(i - 1).end)
                return Error{QCoreApplication::translate("Calendar", "%1: working periods overlap.")
                                 .arg(QCoreApplication::translate("Calendar", dayNames[day]))};
            anyTime = true;
        }
    }
    if (!anyTime)
        return Error{QCoreApplication::translate(
            "Calendar", "The calendar has no working hours: give at least one working period, or make it open 24/7.")};
    return {};
}

} // namespace sportello
