// Fuzzes the business calendar (core/timers/BusinessCalendar): a calendar (zone, working
// periods, holidays, Italy's holidays, always open) and instants from the fuzz bytes. Checks:
// adding business time then measuring back gives the same duration; business time between three
// ordered moments adds up; the next opening is not before the moment and is open; each call is
// bounded (libFuzzer's -timeout reports a slow one).
#include "FuzzSupport.h"
#include "timers/BusinessCalendar.h"
#include <QTimeZone>

using namespace sportello;

namespace {

// Zones with the shapes of offset that matter: none, one-hour DST both hemispheres, a 30-minute
// DST (Lord Howe), a 45-minute offset (Kathmandu), a zone that skipped a day (Apia), and a -3:30.
const char *const kZones[] = {"Europe/Rome",    "UTC",          "America/New_York", "Australia/Lord_Howe",
                              "Asia/Kathmandu", "Pacific/Apia", "America/St_Johns", "America/Santiago"};

// Milliseconds from 1 January of year 1 to 31 December 9999, UTC (the calendar's range).
constexpr qint64 kFirstMs = -62135596800000;
constexpr qint64 kLastMs = 253402300799999;

QTime timeFromQuarterHours(int q) { return q >= 96 ? QTime(23, 59, 59, 999) : QTime(q / 4, (q % 4) * 15); }

// Mostly moments near today (where the tz tables are), sometimes anywhere in the range.
qint64 moment(fuzz::Bytes &bytes)
{
    const uint64_t raw = bytes.u64();
    if (bytes.byte() % 8 != 0)
        return 1262304000000 + static_cast<qint64>(raw % (60ULL * 365 * 86400000)); // 2010-2069
    return kFirstMs + static_cast<qint64>(raw % static_cast<uint64_t>(kLastMs - kFirstMs + 1));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Everything the target reads fits in a few hundred bytes.
    if (size > 1024)
        return 0;
    fuzz::Bytes bytes(data, size);
    const size_t zoneIndex = bytes.byte() % std::size(kZones);
    const QByteArray zone(kZones[zoneIndex]);
    BusinessCalendar calendar{QTimeZone(zone)};
    for (int day = 1; day <= 7; ++day) {
        QVector<WorkingPeriod> periods;
        const int count = bytes.byte() % 4;
        int quarter = 0;
        for (int i = 0; i < count; ++i) {
            const int start = quarter + bytes.byte() % 40;
            const int end = start + 1 + bytes.byte() % 48;
            if (end > 96)
                break;
            periods.append({timeFromQuarterHours(start), timeFromQuarterHours(end)});
            quarter = end;
        }
        calendar.setPeriods(day, periods);
    }
    QSet<QDate> holidays;
    const int holidayCount = bytes.byte() % 8;
    for (int i = 0; i < holidayCount; ++i)
        holidays.insert(QDate(2010 + bytes.byte() % 60, 1, 1).addDays(bytes.u16() % 366));
    calendar.setExtraHolidays(holidays);
    calendar.setClosesOnItalianHolidays(bytes.flag());
    calendar.setAlwaysOpen(bytes.byte() % 16 == 0);
    if (!calendar.validate().ok())
        return 0;

    const qint64 start = moment(bytes);
    // Up to about ten years of business time, in whole minutes.
    const qint64 durationMs = static_cast<qint64>(bytes.u32() % (10 * 365 * 24 * 60)) * 60000;
    const qint64 end = calendar.addBusinessTime(start, durationMs);
    if (end != -1) {
        FUZZ_CHECK(end >= start);
        FUZZ_CHECK(calendar.businessTimeBetween(start, end) == durationMs);
    }

    qint64 a = moment(bytes);
    qint64 b = moment(bytes);
    qint64 c = moment(bytes);
    if (a > b)
        std::swap(a, b);
    if (b > c)
        std::swap(b, c);
    if (a > b)
        std::swap(a, b);
    const qint64 ab = calendar.businessTimeBetween(a, b);
    const qint64 bc = calendar.businessTimeBetween(b, c);
    FUZZ_CHECK(ab >= 0 && bc >= 0 && ab <= b - a && bc <= c - b);
    FUZZ_CHECK(ab + bc == calendar.businessTimeBetween(a, c));

    const qint64 opening = calendar.nextOpening(a);
    if (opening != -1) {
        FUZZ_CHECK(opening >= a);
        FUZZ_CHECK(calendar.isOpen(opening));
        FUZZ_CHECK(calendar.businessTimeBetween(a, opening) == 0);
    }
    return 0;
}
