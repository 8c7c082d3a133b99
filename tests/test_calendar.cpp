#include "catch_compat.h"

#include "timers/BusinessCalendar.h"

#include <QDateTime>

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
