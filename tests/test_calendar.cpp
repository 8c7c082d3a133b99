#include "catch_compat.h"

#include "timers/BusinessCalendar.h"

#include <QDateTime>
#include <limits>
#include <random>

using namespace sportello;

namespace {
const QTimeZone kRome("Europe/Rome");
constexpr qint64 kMinute = 60 * 1000;

// Local Rome time -> UTC ms.
qint64 rome(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), kRome).toMSecsSinceEpoch();
}
qint64 utc(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch(); }
QString local(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, kRome).toString(QStringLiteral("ddd yyyy-MM-dd HH:mm"));
}
} // namespace

TEST_CASE("Easter and Italy's national holidays are computed for any year", "[calendar]")
{
    CHECK(easterSunday(2019) == QDate(2019, 4, 21));
    CHECK(easterSunday(2024) == QDate(2024, 3, 31));
    CHECK(easterSunday(2025) == QDate(2025, 4, 20));
    CHECK(easterSunday(2026) == QDate(2026, 4, 5));
    CHECK(easterSunday(2027) == QDate(2027, 3, 28));
    CHECK(easterSunday(2038) == QDate(2038, 4, 25));
    const auto holidays = italianNationalHolidays(2026);
    CHECK(holidays.size() == 11);
    CHECK(holidays.contains(QDate(2026, 4, 6))); // Easter Monday
    CHECK(holidays.contains(QDate(2026, 6, 2)));
    const auto office = BusinessCalendar::italianOffice();
    CHECK(office.isHoliday(QDate(2031, 12, 8)));
    CHECK_FALSE(office.isHoliday(QDate(2026, 4, 5).addDays(2)));
}

TEST_CASE("business due times with the default office calendar", "[calendar]")
{
    const auto office = BusinessCalendar::italianOffice();
    const qint64 hour = 60 * kMinute;

    SECTION("during hours")
    {
        CHECK(office.addBusinessTime(rome(2026, 3, 3, 10, 15), hour) == rome(2026, 3, 3, 11, 15));
    }
    SECTION("before hours the clock starts at opening")
    {
        CHECK(office.addBusinessTime(rome(2026, 3, 3, 7, 30), hour) == rome(2026, 3, 3, 10, 0));
    }
    SECTION("after hours it waits for the next day")
    {
        CHECK(office.addBusinessTime(rome(2026, 3, 3, 19, 0), hour) == rome(2026, 3, 4, 10, 0));
    }
    SECTION("Friday evening resumes on Monday")
    {
        const qint64 arrived = rome(2026, 3, 6, 17, 40);
        const qint64 due = office.addBusinessTime(arrived, hour);
        CHECK(local(due) == local(rome(2026, 3, 9, 9, 40)));
        CHECK(office.businessTimeBetween(arrived, due) == hour);
        CHECK(office.businessTimeBetween(arrived, rome(2026, 3, 6, 18, 0)) == 20 * kMinute);
        CHECK(office.nextOpening(rome(2026, 3, 6, 18, 0)) == rome(2026, 3, 9, 9, 0));
    }
    SECTION("on a weekend or holiday")
    {
        CHECK(office.addBusinessTime(rome(2026, 12, 25, 11, 0), hour) == rome(2026, 12, 28, 10, 0));
    }
    SECTION("Christmas Eve into the holidays")
    {
        CHECK(office.addBusinessTime(rome(2026, 12, 24, 17, 30), hour) == rome(2026, 12, 28, 9, 30));
    }
    SECTION("across Easter Monday")
    {
        CHECK(office.addBusinessTime(rome(2026, 4, 3, 17, 30), 2 * hour) == rome(2026, 4, 7, 10, 30));
        CHECK_FALSE(office.isOpen(rome(2026, 4, 6, 11, 0)));
    }
    SECTION("a target spanning several days")
    {
        CHECK(office.addBusinessTime(rome(2026, 3, 2, 9, 0), 20 * hour) == rome(2026, 3, 4, 11, 0));
        CHECK(office.businessTimeBetween(rome(2026, 3, 2, 9, 0), rome(2026, 3, 4, 11, 0)) == 20 * hour);
    }
}

TEST_CASE("due times are right across both daylight-saving changes", "[calendar][dst]")
{
    const auto office = BusinessCalendar::italianOffice();
    // Spring forward on Sunday 29 March 2026: Friday is UTC+1, Monday UTC+2.
    CHECK(office.addBusinessTime(utc("2026-03-27T16:30:00Z"), 60 * kMinute) == utc("2026-03-30T07:30:00Z"));
    // Fall back on Sunday 25 October 2026: Friday is UTC+2, Monday UTC+1.
    CHECK(office.addBusinessTime(utc("2026-10-23T15:30:00Z"), 60 * kMinute) == utc("2026-10-26T08:30:00Z"));

    // Open every day around the clock: the 23-hour and 25-hour days count as they are.
    BusinessCalendar everyDay(kRome);
    for (int d = 1; d <= 7; ++d)
        everyDay.setPeriods(d, {{QTime(0, 0), QTime(23, 59, 59, 999)}});
    CHECK(everyDay.businessTimeBetween(rome(2026, 3, 29, 0, 0), rome(2026, 3, 30, 0, 0)) == 23 * 60 * kMinute);
    CHECK(everyDay.businessTimeBetween(rome(2026, 10, 25, 0, 0), rome(2026, 10, 26, 0, 0)) == 25 * 60 * kMinute);
    CHECK(everyDay.addBusinessTime(utc("2026-03-28T23:00:00Z"), 24 * 60 * kMinute) == utc("2026-03-29T23:00:00Z"));

    const auto always = BusinessCalendar::alwaysOpen();
    CHECK(always.addBusinessTime(utc("2026-10-24T22:00:00Z"), 24 * 60 * kMinute) == utc("2026-10-25T22:00:00Z"));
}

TEST_CASE("several working periods on one day", "[calendar]")
{
    BusinessCalendar split(kRome);
    for (int d = 1; d <= 5; ++d)
        split.setPeriods(d, {{QTime(14, 0), QTime(18, 0)}, {QTime(9, 0), QTime(13, 0)}}); // order does not matter
    REQUIRE(split.validate().ok());
    CHECK(split.addBusinessTime(rome(2026, 3, 3, 12, 30), 60 * kMinute) == rome(2026, 3, 3, 14, 30));
    CHECK_FALSE(split.isOpen(rome(2026, 3, 3, 13, 30)));
    CHECK(split.nextOpening(rome(2026, 3, 3, 13, 30)) == rome(2026, 3, 3, 14, 0));
    CHECK(split.businessTimeBetween(rome(2026, 3, 3, 8, 0), rome(2026, 3, 3, 20, 0)) == 8 * 60 * kMinute);
}

TEST_CASE("calendars without working time or with overlapping periods are refused", "[calendar]")
{
    BusinessCalendar empty(kRome);
    CHECK_FALSE(empty.validate().ok());
    CHECK(empty.addBusinessTime(rome(2026, 3, 3, 10, 0), 60 * kMinute) == -1);
    BusinessCalendar overlap(kRome);
    overlap.setPeriods(1, {{QTime(9, 0), QTime(13, 0)}, {QTime(12, 0), QTime(18, 0)}});
    CHECK_FALSE(overlap.validate().ok());
    BusinessCalendar backwards(kRome);
    backwards.setPeriods(2, {{QTime(18, 0), QTime(9, 0)}});
    CHECK_FALSE(backwards.validate().ok());
    BusinessCalendar holidays = BusinessCalendar::italianOffice();
    holidays.setExtraHolidays({QDate(2026, 3, 3)});
    CHECK(holidays.addBusinessTime(rome(2026, 3, 3, 10, 0), 60 * kMinute) == rome(2026, 3, 4, 10, 0));
}

// ---- closed-form arithmetic against a walk over the days ----------------------------------

namespace {

// The arithmetic as it was first written: every local day in turn, each open interval clipped.
qint64 walkedBetween(const BusinessCalendar &calendar, qint64 startMs, qint64 endMs)
{
    if (endMs <= startMs)
        return 0;
    qint64 total = 0;
    const QDate last = QDateTime::fromMSecsSinceEpoch(endMs, calendar.timeZone()).date();
    for (QDate date = QDateTime::fromMSecsSinceEpoch(startMs, calendar.timeZone()).date(); date <= last;
         date = date.addDays(1)) {
        for (const OpenInterval &i : calendar.openIntervals(date)) {
            const qint64 from = std::max(startMs, i.startMs);
            const qint64 to = std::min(endMs, i.endMs);
            if (to > from)
                total += to - from;
        }
    }
    return total;
}

qint64 walkedAdd(const BusinessCalendar &calendar, qint64 startMs, qint64 durationMs)
{
    qint64 remaining = durationMs;
    QDate date = QDateTime::fromMSecsSinceEpoch(startMs, calendar.timeZone()).date();
    for (int n = 0; n < 3660; ++n, date = date.addDays(1)) {
        for (const OpenInterval &i : calendar.openIntervals(date)) {
            if (startMs >= i.endMs)
                continue;
            const qint64 from = std::max(startMs, i.startMs);
            if (remaining <= i.endMs - from)
                return from + remaining;
            remaining -= i.endMs - from;
        }
    }
    return -1;
}

// Periods on quarter hours, some across midnight's edges and the night's changes of the clocks.
QVector<WorkingPeriod> randomDay(std::mt19937 &random)
{
    QVector<WorkingPeriod> day;
    const int count = std::uniform_int_distribution<int>(0, 3)(random);
    int quarter = std::uniform_int_distribution<int>(0, 12)(random);
    for (int k = 0; k < count && quarter < 95; ++k) {
        const int length = std::uniform_int_distribution<int>(1, 40)(random);
        const int end = std::min(96, quarter + length);
        day.push_back(
            {QTime(0, 0).addSecs(quarter * 900), end == 96 ? QTime(23, 59, 59, 999) : QTime(0, 0).addSecs(end * 900)});
        quarter = end + std::uniform_int_distribution<int>(1, 16)(random);
    }
    return day;
}

} // namespace

TEST_CASE("business time in closed form equals a walk over the days on random calendars", "[calendar]")
{
    std::mt19937 random(20261205);
    const QList<QByteArray> zones{"Europe/Rome", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"};
    // From 1990 to 2090: the tz database's table of changes, and its rule after 2037.
    const qint64 from = QDateTime(QDate(1990, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const qint64 to = QDateTime(QDate(2090, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int round = 0; round < 160; ++round) {
        BusinessCalendar calendar(QTimeZone(zones.at(round % zones.size())));
        for (int day = 1; day <= 7; ++day)
            calendar.setPeriods(day, randomDay(random));
        if (calendar.validate().ok() == false)
            calendar.setPeriods(3, {{QTime(9, 0), QTime(17, 0)}});
        calendar.setClosesOnItalianHolidays(round % 3 != 0);
        const qint64 start = std::uniform_int_distribution<qint64>(from, to)(random) / kMinute * kMinute;
        const qint64 end = start + std::uniform_int_distribution<qint64>(0, 120 * 24 * 60)(random) * kMinute;
        QSet<QDate> extra;
        const QDate firstDay = QDateTime::fromMSecsSinceEpoch(start, calendar.timeZone()).date();
        for (int k = std::uniform_int_distribution<int>(0, 12)(random); k > 0; --k)
            extra.insert(firstDay.addDays(std::uniform_int_distribution<int>(-3, 125)(random)));
        calendar.setExtraHolidays(extra);
        INFO("round " << round << ", zone " << calendar.timeZone().id().constData() << ", from "
                      << local(start).toStdString());
        CHECK(calendar.businessTimeBetween(start, end) == walkedBetween(calendar, start, end));
        const QDate lastDay = QDateTime::fromMSecsSinceEpoch(end, calendar.timeZone()).date();
        qint64 days = 0;
        for (QDate d = firstDay; d <= lastDay; d = d.addDays(1))
            for (const OpenInterval &i : calendar.openIntervals(d))
                days += i.endMs - i.startMs;
        CHECK(calendar.businessTimeOfDays(firstDay, lastDay) == days);
        // At most two years of the calendar's working time: the walk gives up after ten.
        qint64 week = 0;
        for (int day = 1; day <= 7; ++day)
            for (const WorkingPeriod &p : calendar.periods(day))
                week += p.start.msecsTo(p.end);
        const qint64 duration =
            std::min(week * 100, std::uniform_int_distribution<qint64>(0, 60 * 24 * 60)(random) * kMinute);
        CHECK(calendar.addBusinessTime(start, duration) == walkedAdd(calendar, start, duration));
    }
}

TEST_CASE("business time over ten thousand years is counted, not walked", "[calendar]")
{
    // Monday 8 January of year 1 to Monday 1 January 9999 (UTC): whole weeks.
    const QDate first(1, 1, 8);
    const QDate last(9999, 1, 4);
    REQUIRE(first.dayOfWeek() == 1);
    REQUIRE(last.dayOfWeek() == 1);
    const qint64 weeks = first.daysTo(last) / 7;
    REQUIRE(first.daysTo(last) % 7 == 0);
    const qint64 weekMs = 5 * 9 * 60 * kMinute;
    const qint64 start = QDateTime(first, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const qint64 end = QDateTime(last, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();

    BusinessCalendar office(QTimeZone::utc());
    for (int d = 1; d <= 5; ++d)
        office.setPeriods(d, {{QTime(9, 0), QTime(18, 0)}});
    CHECK(office.businessTimeBetween(start, end) == weeks * weekMs);
    // The last minute of the last Friday.
    CHECK(office.addBusinessTime(start, weeks * weekMs) ==
          QDateTime(last.addDays(-3), QTime(18, 0), QTimeZone::utc()).toMSecsSinceEpoch());

    // Italy's holidays, each on its weekday, counted here year by year.
    qint64 holidayMs = 0;
    for (int year = 1; year <= 9999; ++year) {
        const QVector<QDate> holidays = italianNationalHolidays(year);
        for (const QDate &day : QSet<QDate>(holidays.begin(), holidays.end()))
            if (day >= first && day < last && day.dayOfWeek() <= 5)
                holidayMs += 9 * 60 * kMinute;
    }
    office.setClosesOnItalianHolidays(true);
    office.setExtraHolidays({QDate(2026, 3, 3), QDate(2026, 3, 7), QDate(2026, 12, 25), QDate(5000, 6, 2)});
    // 3 March 2026 is a Tuesday; 7 March a Saturday; Christmas is Italian already; 2 June 5000 too.
    CHECK(office.businessTimeBetween(start, end) == weeks * weekMs - holidayMs - 9 * 60 * kMinute);

    // In Rome the clocks change at night: an office's hours are the same as in UTC.
    BusinessCalendar rome(kRome);
    for (int d = 1; d <= 5; ++d)
        rome.setPeriods(d, {{QTime(9, 0), QTime(18, 0)}});
    const qint64 romeStart = QDateTime(first, QTime(0, 0), kRome).toMSecsSinceEpoch();
    const qint64 romeEnd = QDateTime(last, QTime(0, 0), kRome).toMSecsSinceEpoch();
    CHECK(rome.businessTimeBetween(romeStart, romeEnd) == weeks * weekMs);

    // Open all Sunday in Rome, from 2000 to 2400: each year's 23-hour and 25-hour Sundays cancel.
    BusinessCalendar sundays(kRome);
    sundays.setPeriods(7, {{QTime(0, 0), QTime(23, 59, 59, 999)}});
    const QDate sundaysFrom(2000, 1, 3);
    const QDate sundaysTo(2400, 1, 3);
    REQUIRE(sundaysFrom.dayOfWeek() == 1);
    REQUIRE(sundaysTo.dayOfWeek() == 1);
    CHECK(sundays.businessTimeBetween(QDateTime(sundaysFrom, QTime(0, 0), kRome).toMSecsSinceEpoch(),
                                      QDateTime(sundaysTo, QTime(0, 0), kRome).toMSecsSinceEpoch()) ==
          sundaysFrom.daysTo(sundaysTo) / 7 * 24 * 60 * kMinute);

    // Moments outside years 1 to 9999 are that range's ends.
    CHECK(office.businessTimeBetween(std::numeric_limits<qint64>::min() / 2, std::numeric_limits<qint64>::max() / 2) >
          0);
    CHECK(office.addBusinessTime(end, std::numeric_limits<qint64>::max() / 4) == -1);
}

TEST_CASE("business time of whole days over several years equals the sum of the days", "[calendar]")
{
    // Spans across year ends: the holidays of the years between come from a table of sums.
    std::mt19937 random(11);
    const QList<QByteArray> zones{"Europe/Rome", "America/New_York", "UTC"};
    for (int round = 0; round < 24; ++round) {
        BusinessCalendar calendar(QTimeZone(zones.at(round % zones.size())));
        for (int day = 1; day <= 7; ++day)
            calendar.setPeriods(day, randomDay(random));
        calendar.setClosesOnItalianHolidays(round % 4 != 0);
        const QDate first = QDate(2020, 1, 1).addDays(std::uniform_int_distribution<int>(0, 30 * 365)(random));
        const QDate last = first.addDays(std::uniform_int_distribution<int>(365, 4 * 365)(random));
        calendar.setExtraHolidays({first.addDays(400), first.addDays(401), last.addDays(-3)});
        qint64 days = 0;
        for (QDate d = first; d <= last; d = d.addDays(1))
            for (const OpenInterval &i : calendar.openIntervals(d))
                days += i.endMs - i.startMs;
        INFO("round " << round << " from " << first.toString(Qt::ISODate).toStdString() << " to "
                      << last.toString(Qt::ISODate).toStdString());
        CHECK(calendar.businessTimeOfDays(first, last) == days);
    }
}

TEST_CASE("spans of centuries stay exact when the clocks change inside working periods", "[calendar][dst]")
{
    // Night shifts across the hour when the clocks change, in zones whose rule repeats after the
    // tz table (2037): the closed form measures those days once per 400-year cycle (the fuzzer's
    // finding: the days were listed and converted year by year, and a long addBusinessTime
    // re-summed them day after day).
    std::mt19937 random(400);
    const QList<QByteArray> zones{"Europe/Rome", "America/New_York", "Australia/Lord_Howe", "America/Santiago"};
    for (int round = 0; round < 16; ++round) {
        BusinessCalendar calendar(QTimeZone(zones.at(round % zones.size())));
        for (int day = 1; day <= 7; ++day)
            calendar.setPeriods(day, randomDay(random));
        // Always one period over the small hours, when the clocks change.
        calendar.setPeriods(7, {{QTime(0, 15), QTime(4, 30)}, {QTime(22, 0), QTime(23, 59, 59, 999)}});
        calendar.setClosesOnItalianHolidays(round % 2 == 0);
        const QDate first = QDate(2450, 1, 1).addDays(std::uniform_int_distribution<int>(0, 7000 * 365)(random));
        const QDate last = first.addDays(std::uniform_int_distribution<int>(300, 3 * 365)(random));
        calendar.setExtraHolidays({first.addDays(30), last.addDays(-2)});
        qint64 days = 0;
        for (QDate d = first; d <= last; d = d.addDays(1))
            for (const OpenInterval &i : calendar.openIntervals(d))
                days += i.endMs - i.startMs;
        INFO("round " << round << ", zone " << calendar.timeZone().id().constData() << ", from "
                      << first.toString(Qt::ISODate).toStdString());
        CHECK(calendar.businessTimeOfDays(first, last) == days);
    }

    // Ten years of a quarter hour a week from 2060, Sunday 02:00 in Rome: the due time lies
    // thousands of years on, and measuring back gives the same duration.
    BusinessCalendar night(kRome);
    night.setPeriods(7, {{QTime(1, 45), QTime(3, 15)}});
    const qint64 start = rome(2060, 1, 1, 0, 0);
    const qint64 duration = 10LL * 365 * 24 * 60 * kMinute;
    const qint64 due = night.addBusinessTime(start, duration);
    REQUIRE(due != -1);
    CHECK(night.businessTimeBetween(start, due) == duration);
    CHECK(night.businessTimeBetween(start, due - kMinute) == duration - kMinute);
}

TEST_CASE("moments in the centuries of local mean time fall on the right local day", "[calendar]")
{
    // Before standard time a zone kept its city's mean time, off the quarter hours (Rome +0:49:56
    // until 1893, Monrovia -0:44:30 until 1972, Kolkata +5:53:28): local midnight falls inside a
    // quarter hour, and a local date cached by quarter hour was wrong there (the fuzzer's finding:
    // the next opening after 1 January of year 1 was not open).
    std::mt19937 random(1893);
    const QList<QByteArray> zones{"Europe/Rome", "Africa/Monrovia", "Asia/Kolkata", "America/Santiago"};
    const qint64 from = QDateTime(QDate(1, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const qint64 to = QDateTime(QDate(1975, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    for (const QByteArray &zone : zones) {
        BusinessCalendar calendar{QTimeZone(zone)};
        for (int day = 1; day <= 7; ++day)
            calendar.setPeriods(day, {{QTime(0, 0), QTime(0, 30)}, {QTime(23, 30), QTime(23, 59, 59, 999)}});
        for (int round = 0; round < 400; ++round) {
            // Around local midnight: where a wrong local date shows.
            const qint64 moment = std::uniform_int_distribution<qint64>(from, to)(random);
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(moment, calendar.timeZone());
            const qint64 nearMidnight =
                QDateTime(local.date(), QTime(0, 0), calendar.timeZone()).toMSecsSinceEpoch() +
                std::uniform_int_distribution<qint64>(-20, 20)(random) * kMinute;
            const QDate date = QDateTime::fromMSecsSinceEpoch(nearMidnight, calendar.timeZone()).date();
            bool open = false;
            for (const OpenInterval &i : calendar.openIntervals(date))
                open = open || (nearMidnight >= i.startMs && nearMidnight < i.endMs);
            INFO(zone.constData() << " " << local.toString(Qt::ISODate).toStdString());
            CHECK(calendar.isOpen(nearMidnight) == open);
            const qint64 opening = calendar.nextOpening(nearMidnight);
            REQUIRE(opening != -1);
            CHECK(calendar.isOpen(opening));
        }
    }
}
