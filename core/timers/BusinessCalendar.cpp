#include "timers/BusinessCalendar.h"

#include <QCoreApplication>
#include <QDateTime>
#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace sportello {

namespace {
constexpr int kSearchDays = 3660; // ten years: a calendar with no working time is not searched forever
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;
constexpr qint64 kQuarterHourMs = 15 * 60 * 1000;
// The Gregorian calendar repeats every 400 years: 146,097 days, a whole number of weeks.
constexpr qint64 kCycleDays = 146097;
constexpr qint64 kUnixEpochJulianDay = 2440588;
// Spans up to this many days are walked day by day; longer ones are counted in closed form.
constexpr qint64 kWalkedDays = 21;

// The calendar's range: what an ISO 8601 date can write. Moments outside it are taken as its ends,
// so that no input makes the arithmetic below walk further than ten thousand years of holidays.
const QDate kFirstDay(1, 1, 1);
const QDate kLastDay(9999, 12, 31);

// A moment of the clock on the wall, in milliseconds as if the wall clock were UTC: the local
// midnight of `date` is wallMs(date).
qint64 wallMs(const QDate &date) { return (date.toJulianDay() - kUnixEpochJulianDay) * kDayMs; }
QDate wallDate(qint64 wall)
{
    const qint64 day = wall >= 0 ? wall / kDayMs : (wall - kDayMs + 1) / kDayMs;
    return QDate::fromJulianDay(day + kUnixEpochJulianDay);
}
qint64 clampToRange(qint64 utcMs)
{
    // One day inside the range on each side: no zone is a day away from UTC.
    static const qint64 first = wallMs(kFirstDay.addDays(1));
    static const qint64 last = wallMs(kLastDay.addDays(-1));
    return std::clamp(utcMs, first, last);
}

qint64 periodStartMs(const WorkingPeriod &p) { return p.start.msecsSinceStartOfDay(); }
qint64 periodEndMs(const WorkingPeriod &p)
{
    return p.end == QTime(23, 59, 59, 999) ? kDayMs : p.end.msecsSinceStartOfDay();
}

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
    m_repeatedDays.reset();
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
    if (utcMs < offsetChanges().quarterHoursFromMs)
        return QDateTime::fromMSecsSinceEpoch(utcMs, m_zone).date();
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
    if (!m_alwaysOpen && std::all_of(m_week.begin(), m_week.end(), [](const auto &day) { return day.isEmpty(); }))
        return -1; // no working period on any day: it never opens
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
    if (std::all_of(m_week.begin(), m_week.end(), [](const auto &day) { return day.isEmpty(); }))
        return -1; // no working period on any day: it never opens
    const qint64 week = nominalDayMs(0);
    startMs = clampToRange(startMs);
    qint64 remaining = std::max<qint64>(0, durationMs);
    QDate date = localDate(startMs);
    int closedDays = 0;
    for (int n = 0; date <= kLastDay; ++n) {
        // Whole weeks at once, from the third day on (the first two may hold moments before the
        // start), leaving a week or more to walk. Holidays only take time away, but each change of
        // the clocks inside a working period can add an hour, and over centuries those hours add
        // up to weeks: when the guess reaches the due time, it is halved until it does not. Each
        // sum is in closed form, so the cost stays bounded whatever the duration.
        if (n >= 2 && week > 0 && remaining > 3 * week) {
            qint64 weeks = std::min(remaining / week - 1, date.daysTo(kLastDay) / 7);
            qint64 counted = 0;
            while (weeks >= 1 && (counted = businessTimeOfDays(date, date.addDays(weeks * 7 - 1))) >= remaining)
                weeks /= 2;
            if (weeks >= 1) {
                remaining -= counted;
                date = date.addDays(weeks * 7);
                closedDays = 0;
                continue;
            }
        }
        bool open = false;
        for (const OpenInterval &i : openIntervals(date)) {
            if (startMs >= i.endMs)
                continue;
            open = true;
            const qint64 from = std::max(startMs, i.startMs);
            const qint64 available = i.endMs - from;
            // A zero target is met at the first open moment.
            if (remaining <= available)
                return from + remaining;
            remaining -= available;
        }
        closedDays = open ? 0 : closedDays + 1;
        if (closedDays >= kSearchDays)
            return -1; // ten years of holidays
        date = date.addDays(1);
    }
    return -1;
}

qint64 BusinessCalendar::businessTimeBetween(qint64 startMs, qint64 endMs) const
{
    if (endMs <= startMs)
        return 0;
    if (m_alwaysOpen)
        return endMs - startMs;
    startMs = clampToRange(startMs);
    endMs = clampToRange(endMs);
    if (endMs <= startMs)
        return 0;
    const auto clipped = [&](const QDate &date) {
        qint64 total = 0;
        for (const OpenInterval &i : openIntervals(date)) {
            const qint64 from = std::max(startMs, i.startMs);
            const qint64 to = std::min(endMs, i.endMs);
            if (to > from)
                total += to - from;
        }
        return total;
    };
    const QDate first = localDate(startMs);
    const QDate last = localDate(endMs);
    if (first.daysTo(last) <= 4) {
        qint64 total = 0;
        for (QDate date = first; date <= last; date = date.addDays(1))
            total += clipped(date);
        return total;
    }
    // The two days at each end hold the start and the end; the days between are whole.
    return clipped(first) + clipped(first.addDays(1)) + businessTimeOfDays(first.addDays(2), last.addDays(-2)) +
           clipped(last.addDays(-1)) + clipped(last);
}

qint64 BusinessCalendar::nominalDayMs(int dayOfWeek) const
{
    // 0: the whole week.
    if (dayOfWeek == 0) {
        qint64 week = 0;
        for (int day = 1; day <= 7; ++day)
            week += nominalDayMs(day);
        return week;
    }
    qint64 total = 0;
    for (const WorkingPeriod &p : periods(dayOfWeek))
        total += std::max<qint64>(0, periodEndMs(p) - periodStartMs(p));
    return total;
}

qint64 BusinessCalendar::dayMs(const QDate &date) const
{
    qint64 total = 0;
    for (const OpenInterval &i : openIntervals(date))
        total += i.endMs - i.startMs;
    return total;
}

bool BusinessCalendar::periodsTouch(const QDate &date, qint64 fromWallMs, qint64 toWallMs) const
{
    const qint64 midnight = wallMs(date);
    for (const WorkingPeriod &p : periods(date.dayOfWeek()))
        if (midnight + periodStartMs(p) <= toWallMs && fromWallMs <= midnight + periodEndMs(p))
            return true;
    return false;
}

// The days in [first, last] with a working period that touches the wall-clock stretch of a change
// of the clocks (from the wall time before the change to the wall time after it, in whichever
// order): only on those days can the working time differ from the wall clock's.
void BusinessCalendar::addDaysTouched(qint64 wallFromMs, qint64 wallToMs, const QDate &first, const QDate &last,
                                      QVector<QDate> &out) const
{
    const QDate to = wallDate(wallToMs);
    for (QDate date = wallDate(wallFromMs).addDays(-1); date <= to; date = date.addDays(1))
        if (date >= first && date <= last && periodsTouch(date, wallFromMs, wallToMs))
            out.push_back(date);
}

const BusinessCalendar::OffsetChanges &BusinessCalendar::offsetChanges() const
{
    if (m_offsetChanges)
        return *m_offsetChanges;
    auto changes = std::make_shared<OffsetChanges>();
    const QDateTime from(kFirstDay, QTime(0, 0), QTimeZone::utc());
    const QDateTime to(kLastDay, QTime(0, 0), QTimeZone::utc());
    const QTimeZone::OffsetDataList list =
        m_zone.isValid() ? m_zone.transitions(from, to) : QTimeZone::OffsetDataList();
    int before = list.isEmpty() ? 0 : m_zone.offsetFromUtc(list.first().atUtc.addMSecs(-1));
    for (const QTimeZone::OffsetData &t : list) {
        changes->tabulated.push_back({t.atUtc.toMSecsSinceEpoch(), before, t.offsetFromUtc});
        before = t.offsetFromUtc;
    }
    // The first moment after the last offset or change off the quarter hours (a quarter hour's
    // margin: the cache's buckets start on quarter hours).
    const auto offQuarter = [](int offsetSec) { return offsetSec % (kQuarterHourMs / 1000) != 0; };
    changes->quarterHoursFromMs = std::numeric_limits<qint64>::min();
    if (list.isEmpty() && m_zone.isValid() && offQuarter(m_zone.offsetFromUtc(from)))
        changes->quarterHoursFromMs = std::numeric_limits<qint64>::max();
    for (int i = 0; i < changes->tabulated.size(); ++i) {
        const OffsetChange &c = changes->tabulated.at(i);
        if (offQuarter(c.offsetBefore) || c.atUtcMs % kQuarterHourMs != 0)
            changes->quarterHoursFromMs = std::max(changes->quarterHoursFromMs, c.atUtcMs + kQuarterHourMs);
        if (offQuarter(c.offsetAfter))
            changes->quarterHoursFromMs =
                i + 1 < changes->tabulated.size()
                    ? std::max(changes->quarterHoursFromMs, changes->tabulated.at(i + 1).atUtcMs + kQuarterHourMs)
                    : std::numeric_limits<qint64>::max();
    }
    // The tz database tabulates changes up to a year (2037 for most zones); Qt applies the zone's
    // rule after it, which repeats the last year's changes on the same weekday of the same week.
    if (!list.isEmpty()) {
        changes->tableEndMs = changes->tabulated.last().atUtcMs;
        const int year = list.last().atUtc.date().year() + 2;
        const bool laterChanges =
            year <= kLastDay.year() &&
            m_zone.offsetFromUtc(QDateTime(QDate(year, 1, 15), QTime(12, 0), QTimeZone::utc())) !=
                m_zone.offsetFromUtc(QDateTime(QDate(year, 7, 15), QTime(12, 0), QTimeZone::utc()));
        qint64 lastChangeMs = 0;
        for (const OffsetChange &c : std::as_const(changes->tabulated))
            if (c.offsetBefore != c.offsetAfter)
                lastChangeMs = c.atUtcMs;
        if (laterChanges)
            for (const OffsetChange &c : std::as_const(changes->tabulated))
                if (c.offsetBefore != c.offsetAfter && c.atUtcMs > lastChangeMs - 366 * kDayMs)
                    changes->lastYear.push_back(c);
    }
    m_offsetChanges = changes;
    return *m_offsetChanges;
}

namespace {

// counts[y][d]: how many of Italy's holidays of years 1 to y fall on weekday d + 1 (counts[0] all
// 0), each date once (Easter Monday on 25 April counts once). The same for every calendar, made
// once per process: a calendar weighs it with its own working time per weekday.
const std::vector<std::array<qint64, 7>> &italianHolidayWeekdayCounts()
{
    static const std::vector<std::array<qint64, 7>> counts = [] {
        std::vector<std::array<qint64, 7>> table(static_cast<size_t>(kLastDay.year()) + 1, std::array<qint64, 7>{});
        for (int year = 1; year <= kLastDay.year(); ++year) {
            std::array<qint64, 7> &row = table[static_cast<size_t>(year)];
            row = table[static_cast<size_t>(year) - 1];
            const QVector<QDate> holidays = italianNationalHolidays(year);
            for (int k = 0; k < holidays.size(); ++k)
                if (holidays.at(k).isValid() &&
                    std::find(holidays.begin(), holidays.begin() + k, holidays.at(k)) == holidays.begin() + k)
                    ++row[static_cast<size_t>(holidays.at(k).dayOfWeek() - 1)];
        }
        return table;
    }();
    return counts;
}

} // namespace

// The working time that Italy's holidays of years fromYear to toYear take (0 if toYear < fromYear).
qint64 BusinessCalendar::italianHolidaysMs(int fromYear, int toYear) const
{
    if (toYear < fromYear)
        return 0;
    const auto &counts = italianHolidayWeekdayCounts();
    qint64 ms = 0;
    for (int day = 1; day <= 7; ++day) {
        const auto index = static_cast<size_t>(day - 1);
        ms += (counts.at(static_cast<size_t>(toYear))[index] - counts.at(static_cast<size_t>(fromYear) - 1)[index]) *
              nominalDayMs(day);
    }
    return ms;
}

// Whether a working period of any weekday can touch the wall-clock stretch of a change of the
// clocks that repeats every year after the tz table: when none can (an office open by day, changes
// at night), the years after the table add nothing and are not looked at.
bool BusinessCalendar::touchesRepeatedChanges() const
{
    for (const OffsetChange &c : offsetChanges().lastYear) {
        const qint64 lowWall = c.atUtcMs + std::min(c.offsetBefore, c.offsetAfter) * 1000LL;
        const qint64 highWall = c.atUtcMs + std::max(c.offsetBefore, c.offsetAfter) * 1000LL;
        const qint64 low = lowWall - wallMs(wallDate(lowWall));
        const qint64 high = highWall - wallMs(wallDate(lowWall));
        for (int day = 1; day <= 7; ++day)
            for (const WorkingPeriod &p : periods(day))
                for (qint64 shift = -kDayMs; shift <= kDayMs; shift += kDayMs)
                    if (shift + periodStartMs(p) <= high && low <= shift + periodEndMs(p))
                        return true;
    }
    return false;
}

qint64 BusinessCalendar::businessTimeOfDays(const QDate &firstDay, const QDate &lastDay) const
{
    const QDate first = std::max(firstDay, kFirstDay);
    const QDate last = std::min(lastDay, kLastDay);
    if (!first.isValid() || !last.isValid() || last < first)
        return 0;
    if (m_alwaysOpen)
        return QDateTime(last.addDays(1), QTime(0, 0), m_zone).toMSecsSinceEpoch() -
               QDateTime(first, QTime(0, 0), m_zone).toMSecsSinceEpoch();
    const qint64 days = first.daysTo(last) + 1;
    bool regular = true;
    for (int day = 1; day <= 7; ++day)
        for (const WorkingPeriod &p : periods(day))
            regular = regular && p.start.isValid() && p.end.isValid();
    if (days <= kWalkedDays || !regular) {
        qint64 total = 0;
        for (QDate date = first; date <= last; date = date.addDays(1))
            total += dayMs(date);
        return total;
    }
    // Every day by the wall clock: whole weeks, then the days left over.
    qint64 total = days / 7 * nominalDayMs(0);
    for (QDate date = first.addDays(days / 7 * 7); date <= last; date = date.addDays(1))
        total += nominalDayMs(date.dayOfWeek());
    // Less the holidays, each once: the extra dates, then Italy's eleven a year.
    for (const QDate &holiday : m_extraHolidays) {
        if (holiday < first || holiday > last)
            continue;
        if (m_italianHolidays && italianNationalHolidays(holiday.year()).contains(holiday))
            continue; // counted with Italy's below
        total -= nominalDayMs(holiday.dayOfWeek());
    }
    if (m_italianHolidays) {
        // The years between the first and the last from a table of counts by weekday over the
        // years (made once per process), the first and the last year holiday by holiday.
        const auto italianMs = [this, &first, &last](int year) {
            qint64 ms = 0;
            const QVector<QDate> holidays = italianNationalHolidays(year);
            for (int k = 0; k < holidays.size(); ++k) {
                const QDate &holiday = holidays.at(k);
                if (!holiday.isValid() || holiday < first || holiday > last)
                    continue;
                if (std::find(holidays.begin(), holidays.begin() + k, holiday) != holidays.begin() + k)
                    continue; // Easter Monday on 25 April
                ms += nominalDayMs(holiday.dayOfWeek());
            }
            return ms;
        };
        total -= italianMs(first.year());
        if (last.year() > first.year())
            total -= italianMs(last.year());
        total -= italianHolidaysMs(first.year() + 1, last.year() - 1);
    }
    // Plus what the changes of the clocks add or take on the working days they touch.
    QVector<QDate> touched;
    const OffsetChanges &changes = offsetChanges();
    const qint64 fromMs = wallMs(first) - 2 * kDayMs;
    const qint64 toMs = wallMs(last) + 3 * kDayMs;
    const auto tableBegin = std::lower_bound(changes.tabulated.begin(), changes.tabulated.end(), fromMs,
                                             [](const OffsetChange &c, qint64 ms) { return c.atUtcMs < ms; });
    for (auto it = tableBegin; it != changes.tabulated.end() && it->atUtcMs < toMs; ++it)
        addDaysTouched(it->atUtcMs + std::min(it->offsetBefore, it->offsetAfter) * 1000LL,
                       it->atUtcMs + std::max(it->offsetBefore, it->offsetAfter) * 1000LL, first, last, touched);
    if (!changes.lastYear.isEmpty() && toMs > changes.tableEndMs && touchesRepeatedChanges()) {
        // After the table the rule alone decides. Up to its first 400-year cycle the days are
        // found year by year; from there on they are the cycle's days, whole cycles apart.
        const RepeatedDays &repeated = repeatedDays();
        const QDate beforeCycle = std::min(last, repeated.cycleStart.addDays(-1));
        if (first <= beforeCycle)
            addRepeatedDaysTouched(std::max(first.year(), wallDate(changes.tableEndMs).year()), beforeCycle.year() + 1,
                                   first, beforeCycle, touched);
        if (last >= repeated.cycleStart)
            total += repeatedChangesMs(std::max(first, repeated.cycleStart), last);
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (const QDate &date : std::as_const(touched))
        if (!isHoliday(date))
            total += dayMs(date) - nominalDayMs(date.dayOfWeek());
    return total;
}

// The days of years fromYear to toYear, within [first, last], whose working periods a change of
// the clocks repeated by the zone's rule (after the tz table) may touch: the same weekday within a
// week of the same date as in the table's last year.
void BusinessCalendar::addRepeatedDaysTouched(int fromYear, int toYear, const QDate &first, const QDate &last,
                                              QVector<QDate> &out) const
{
    for (const OffsetChange &c : offsetChanges().lastYear) {
        // The change's wall-clock stretch, from the local midnight of its day.
        const qint64 lowWall = c.atUtcMs + std::min(c.offsetBefore, c.offsetAfter) * 1000LL;
        const qint64 highWall = c.atUtcMs + std::max(c.offsetBefore, c.offsetAfter) * 1000LL;
        const QDate day = wallDate(lowWall);
        const qint64 low = lowWall - wallMs(day);
        const qint64 high = highWall - wallMs(day);
        for (int year = fromYear; year <= toYear; ++year) {
            const QDate near(year, day.month(), std::min(day.day(), QDate(year, day.month(), 1).daysInMonth()));
            for (QDate date = near.addDays(-7); date <= near.addDays(7); date = date.addDays(1))
                if (date.dayOfWeek() == day.dayOfWeek())
                    addDaysTouched(wallMs(date) + low, wallMs(date) + high, first, last, out);
        }
    }
}

// After the tz table the zone's rule repeats every 400 years (the Gregorian calendar's cycle, a
// whole number of weeks: the same dates fall on the same weekdays), and so do the days on which it
// changes the working time, and by how much. They are found and converted once, for the first
// cycle after the table; a span of thousands of years then costs a walk over that short list
// per cycle, with no zone conversion.
const BusinessCalendar::RepeatedDays &BusinessCalendar::repeatedDays() const
{
    if (!m_repeatedDays) {
        auto repeated = std::make_shared<RepeatedDays>();
        repeated->cycleStart = QDate(wallDate(offsetChanges().tableEndMs).year() + 2, 1, 1);
        const QDate cycleEnd = repeated->cycleStart.addDays(kCycleDays - 1);
        QVector<QDate> touched;
        addRepeatedDaysTouched(repeated->cycleStart.year() - 1, cycleEnd.year() + 1, repeated->cycleStart, cycleEnd,
                               touched);
        std::sort(touched.begin(), touched.end());
        touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
        for (const QDate &date : std::as_const(touched))
            if (const qint64 ms = dayMs(date) - nominalDayMs(date.dayOfWeek()); ms != 0)
                repeated->days.push_back({date, ms});
        m_repeatedDays = repeated;
    }
    return *m_repeatedDays;
}

// What the repeated changes of the clocks add to the working days from `from` (on or after the
// first cycle) to `last`, holidays excepted.
qint64 BusinessCalendar::repeatedChangesMs(const QDate &from, const QDate &last) const
{
    const RepeatedDays &repeated = repeatedDays();
    qint64 total = 0;
    const qint64 lastCycle = repeated.cycleStart.daysTo(last) / kCycleDays;
    for (qint64 cycle = repeated.cycleStart.daysTo(from) / kCycleDays; cycle <= lastCycle; ++cycle)
        for (const auto &[day, ms] : repeated.days) {
            const QDate date = day.addDays(cycle * kCycleDays);
            if (date > last)
                break;
            if (date >= from && !isHoliday(date))
                total += ms;
        }
    return total;
}

Status BusinessCalendar::validate() const
{
    if (!m_zone.isValid())
        return Error{QCoreApplication::translate("Calendar", "The calendar's time zone is not known."),
                     ErrorKind::InvalidInput};
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
                                 .arg(QCoreApplication::translate("Calendar", dayNames[day])),
                             ErrorKind::InvalidInput};
            if (i > 0 && p.start < periods.at(i - 1).end)
                return Error{QCoreApplication::translate("Calendar", "%1: working periods overlap.")
                                 .arg(QCoreApplication::translate("Calendar", dayNames[day])),
                             ErrorKind::InvalidInput};
            anyTime = true;
        }
    }
    if (!anyTime)
        return Error{QCoreApplication::translate(
                         "Calendar",
                         "The calendar has no working hours: give at least one working period, or make it open 24/7."),
                     ErrorKind::InvalidInput};
    return {};
}

} // namespace sportello
