#pragma once
// A business calendar: the hours a care team works, in the calendar's own time zone, with
// holidays. Due times in business time are computed here, right across daylight-saving changes.

#include "common/Result.h"

#include <QDate>
#include <QHash>
#include <QSet>
#include <QTime>
#include <QTimeZone>
#include <QVector>
#include <array>
#include <memory>

namespace sportello {

struct WorkingPeriod {
    QTime start; // local time in the calendar's zone
    QTime end;   // after start, same day; 24:00 is written as 23:59:59.999
    bool operator==(const WorkingPeriod &) const = default;
};

// One open stretch of time, in UTC milliseconds: [startMs, endMs).
struct OpenInterval {
    qint64 startMs = 0;
    qint64 endMs = 0;
};

class BusinessCalendar {
public:
    // Europe/Rome, Monday to Friday 09:00-18:00, Italian national holidays closed.
    static BusinessCalendar italianOffice();
    // Always open: business time equals calendar time.
    static BusinessCalendar alwaysOpen(const QTimeZone &zone = QTimeZone("Europe/Rome"));

    explicit BusinessCalendar(QTimeZone zone = QTimeZone("Europe/Rome"));

    const QTimeZone &timeZone() const { return m_zone; }
    void setTimeZone(const QTimeZone &zone)
    {
        m_zone = zone;
        m_days.clear();
        m_dates.clear();
        m_offsetChanges.reset();
        m_repeatedDays.reset();
    }
    bool isAlwaysOpen() const { return m_alwaysOpen; }
    void setAlwaysOpen(bool open)
    {
        m_alwaysOpen = open;
        m_days.clear();
    }

    // dayOfWeek as Qt counts it: 1 = Monday ... 7 = Sunday.
    const QVector<WorkingPeriod> &periods(int dayOfWeek) const;
    void setPeriods(int dayOfWeek, QVector<WorkingPeriod> periods);

    const QSet<QDate> &extraHolidays() const { return m_extraHolidays; }
    void setExtraHolidays(QSet<QDate> dates)
    {
        m_extraHolidays = std::move(dates);
        m_days.clear();
    }
    bool closesOnItalianHolidays() const { return m_italianHolidays; }
    void setClosesOnItalianHolidays(bool closes)
    {
        m_italianHolidays = closes;
        m_days.clear();
    }

    bool isHoliday(const QDate &localDate) const;
    // The open intervals of one local date, in order (empty on a holiday or closed day).
    QVector<OpenInterval> openIntervals(const QDate &localDate) const;
    bool isOpen(qint64 utcMs) const;
    // The first moment at or after utcMs when the calendar is open; -1 if it never opens.
    qint64 nextOpening(qint64 utcMs) const;

    // The moment when `durationMs` of business time will have passed since `startMs`.
    // -1 when the calendar has no working time in the next ten years, or when the moment would
    // fall after the calendar's last day (31 December 9999).
    // Bounded cost whatever the duration: whole weeks are counted in closed form (docs/timers.md).
    qint64 addBusinessTime(qint64 startMs, qint64 durationMs) const;
    // Business time between two moments (0 if end <= start). Bounded cost whatever the span.
    // Moments before 1 January of year 1 or after 31 December 9999 count as those days' ends.
    qint64 businessTimeBetween(qint64 startMs, qint64 endMs) const;
    // The business time of the whole local days from `first` to `last` (inclusive): the sum of
    // their open intervals, in closed form (weeks x the week's minutes, less each holiday, plus
    // the days on which the clocks change inside a working period). 0 if last < first.
    qint64 businessTimeOfDays(const QDate &first, const QDate &last) const;

    // Checks periods (start before end, no overlaps) and that some working time exists.
    Status validate() const;

private:
    QTimeZone m_zone;
    std::array<QVector<WorkingPeriod>, 7> m_week; // index 0 = Monday
    QSet<QDate> m_extraHolidays;
    bool m_italianHolidays = false;
    bool m_alwaysOpen = false;
    // Time-zone conversions are the costly part; recomputing thousands of due times reuses
    // each day's intervals. Not thread-safe: a calendar belongs to one thread.
    mutable QHash<QDate, QVector<OpenInterval>> m_days;
    // Local date of a moment, by quarter hour: today's offsets and changes fall on quarter hours,
    // so one conversion serves every moment in the same quarter hour (not for the centuries of
    // local mean time: see OffsetChanges::quarterHoursFromMs).
    mutable QHash<qint64, QDate> m_dates;
    QDate localDate(qint64 utcMs) const;
    QVector<OpenInterval> computeOpenIntervals(const QDate &localDate) const;

    // The clocks' changes of the zone over the calendar's range, as the tz database tabulates
    // them, and the last year's changes, which repeat after the table ends (see the .cpp).
    struct OffsetChange {
        qint64 atUtcMs = 0;
        int offsetBefore = 0; // seconds east of UTC
        int offsetAfter = 0;
    };
    struct OffsetChanges {
        QVector<OffsetChange> tabulated;
        QVector<OffsetChange> lastYear;
        qint64 tableEndMs = 0;
        // From this moment on every offset and every change falls on a quarter hour, so the
        // local date can be cached by quarter hour (localDate). Before it, local mean time
        // (Rome's was +0:49:56 until 1893) puts midnight inside a quarter hour.
        qint64 quarterHoursFromMs = 0;
    };
    mutable std::shared_ptr<const OffsetChanges> m_offsetChanges;
    const OffsetChanges &offsetChanges() const;
    // The working time of Italy's holidays in whole years fromYear to toYear, by weekday from a
    // table of counts shared by every calendar.
    qint64 italianHolidaysMs(int fromYear, int toYear) const;
    bool touchesRepeatedChanges() const;
    // Working time of a weekday by the clock on the wall (a day without a change of the clocks).
    qint64 nominalDayMs(int dayOfWeek) const;
    qint64 dayMs(const QDate &date) const; // the sum of openIntervals(date)
    // The days after the tz table on which a change repeated by the zone's rule alters the working
    // time, over the first 400-year cycle from cycleStart, with what it adds (see the .cpp).
    struct RepeatedDays {
        QDate cycleStart;
        QVector<std::pair<QDate, qint64>> days;
    };
    mutable std::shared_ptr<const RepeatedDays> m_repeatedDays;
    const RepeatedDays &repeatedDays() const;
    qint64 repeatedChangesMs(const QDate &from, const QDate &last) const;
    void addRepeatedDaysTouched(int fromYear, int toYear, const QDate &first, const QDate &last,
                                QVector<QDate> &out) const;
    bool periodsTouch(const QDate &date, qint64 fromWallMs, qint64 toWallMs) const;
    void addDaysTouched(qint64 wallFromMs, qint64 wallToMs, const QDate &first, const QDate &last,
                        QVector<QDate> &out) const;

    friend bool operator==(const BusinessCalendar &a, const BusinessCalendar &b)
    {
        return a.m_zone == b.m_zone && a.m_week == b.m_week && a.m_extraHolidays == b.m_extraHolidays &&
               a.m_italianHolidays == b.m_italianHolidays && a.m_alwaysOpen == b.m_alwaysOpen;
    }
};

// Western (Gregorian) Easter Sunday of a year.
QDate easterSunday(int year);
// Italy's national holidays of a year: 1 Jan, 6 Jan, Easter Monday, 25 Apr, 1 May, 2 Jun,
// 15 Aug, 1 Nov, 8 Dec, 25 Dec, 26 Dec.
QVector<QDate> italianNationalHolidays(int year);

} // namespace sportello
