#include "fileimport/DateParsing.h"

#include "ingest/PostRules.h"

#include <QCoreApplication>
#include <QDate>
#include <QTime>
#include <array>

namespace sportello {

namespace {

constexpr qint64 kMsPerDay = 24LL * 60 * 60 * 1000;

// Reads exactly `count` ASCII digits at `pos`.
bool digits(QStringView s, qsizetype &pos, int count, int &value)
{
    if (pos + count > s.size())
        return false;
    value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[pos + i];
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + (c.unicode() - u'0');
    }
    pos += count;
    return true;
}

bool expect(QStringView s, qsizetype &pos, char16_t c)
{
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

struct Fields {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0;
    int offsetMinutes = 0;
};

Result<qint64> toUtcMs(const Fields &f, QStringView text)
{
    if (!QDate::isValid(f.year, f.month, f.day) || !QTime::isValid(f.hour, f.minute, f.second))
        return Error{QCoreApplication::translate("Import", "\"%1\" is not a real date and time").arg(text),
                     ErrorKind::InvalidInput};
    const qint64 days = QDate(f.year, f.month, f.day).toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    const qint64 ms = ((f.hour * 60LL + f.minute) * 60 + f.second) * 1000 + f.ms;
    return days * kMsPerDay + ms - f.offsetMinutes * 60000LL;
}

// "Z", "+HH:MM", "+HHMM" or "+HH" at `pos`, up to the end of `s`.
bool parseOffset(QStringView s, qsizetype &pos, int &offsetMinutes, bool &outOfRange)
{
    if (expect(s, pos, u'Z') || expect(s, pos, u'z')) {
        offsetMinutes = 0;
        return true;
    }
    if (pos >= s.size() || (s[pos] != u'+' && s[pos] != u'-'))
        return false;
    const int sign = s[pos] == u'-' ? -1 : 1;
    ++pos;
    int hours = 0, minutes = 0;
    if (!digits(s, pos, 2, hours))
        return false;
    if (pos < s.size()) {
        expect(s, pos, u':');
        if (!digits(s, pos, 2, minutes))
            return false;
    }
    outOfRange = hours > 23 || minutes > 59;
    offsetMinutes = sign * (hours * 60 + minutes);
    return true;
}

} // namespace

Result<qint64> parseIsoDateTime(QStringView text)
{
    const QStringView s = text.trimmed();
    const auto notIso = [&] {
        return Error{QCoreApplication::translate("Import",
                                                 "\"%1\" is not an ISO 8601 date and time such as 2026-03-02T09:14:00Z")
                         .arg(text),
                     ErrorKind::InvalidInput};
    };
    Fields f;
    qsizetype pos = 0;
    if (!digits(s, pos, 4, f.year) || !expect(s, pos, u'-') || !digits(s, pos, 2, f.month) || !expect(s, pos, u'-') ||
        !digits(s, pos, 2, f.day))
        return notIso();
    if (!(expect(s, pos, u'T') || expect(s, pos, u't') || expect(s, pos, u' ')))
        return notIso();
    if (!digits(s, pos, 2, f.hour) || !expect(s, pos, u':') || !digits(s, pos, 2, f.minute))
        return notIso();
    if (expect(s, pos, u':')) {
        if (!digits(s, pos, 2, f.second))
            return notIso();
        if (expect(s, pos, u'.') || expect(s, pos, u',')) {
            // Any number of fraction digits; milliseconds are kept.
            int scale = 100, count = 0;
            while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
                f.ms += (s[pos].unicode() - u'0') * scale;
                scale /= 10;
                ++pos;
                ++count;
            }
            if (count == 0)
                return notIso();
        }
    }
    if (pos == s.size())
        return Error{QCoreApplication::translate("Import",
                                                 "\"%1\" has no time zone (add Z for UTC, or an offset such as +01:00)")
                         .arg(text),
                     ErrorKind::InvalidInput};
    bool outOfRange = false;
    if (!parseOffset(s, pos, f.offsetMinutes, outOfRange) || pos != s.size())
        return notIso();
    if (outOfRange)
        return Error{QCoreApplication::translate("Import", "\"%1\" is not a real date and time").arg(text),
                     ErrorKind::InvalidInput};
    return toUtcMs(f, text);
}

Result<qint64> parseTwitterDateTime(QStringView text)
{
    static constexpr std::array<const char *, 7> kDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<const char *, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QStringView s = text.trimmed();
    const auto notTwitter = [&] {
        return Error{
            QCoreApplication::translate("Import", "\"%1\" is not a date like \"Tue Oct 31 22:10:47 +0000 2017\"")
                .arg(text),
            ErrorKind::InvalidInput};
    };
    // "Www Mmm DD HH:MM:SS +HHMM YYYY": fixed positions.
    if (s.size() != 30 || s[3] != u' ' || s[7] != u' ' || s[10] != u' ' || s[19] != u' ' || s[25] != u' ')
        return notTwitter();
    const auto indexOf = [](const auto &names, QStringView name) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (name == QLatin1String(names[i]))
                return int(i);
        return -1;
    };
    if (indexOf(kDays, s.mid(0, 3)) < 0)
        return notTwitter();
    Fields f;
    f.month = indexOf(kMonths, s.mid(4, 3)) + 1;
    if (f.month == 0)
        return notTwitter();
    qsizetype pos = 8;
    if (!digits(s, pos, 2, f.day) || !expect(s, pos, u' ') || !digits(s, pos, 2, f.hour) || !expect(s, pos, u':') ||
        !digits(s, pos, 2, f.minute) || !expect(s, pos, u':') || !digits(s, pos, 2, f.second))
        return notTwitter();
    pos = 26;
    if (!digits(s, pos, 4, f.year))
        return notTwitter();
    const QStringView offset = s.mid(20, 5);
    qsizetype offsetPos = 0;
    bool outOfRange = false;
    if (!parseOffset(offset, offsetPos, f.offsetMinutes, outOfRange) || offsetPos != offset.size())
        return notTwitter();
    if (outOfRange)
        return Error{QCoreApplication::translate("Import", "\"%1\" is not a real date and time").arg(text),
                     ErrorKind::InvalidInput};
    return toUtcMs(f, text);
}

QString describeOutOfRange(QStringView text)
{
    return QCoreApplication::translate("Import", "\"%1\" is outside the dates Sportello accepts, %2")
        .arg(text, acceptedPostTimeRange());
}

} // namespace sportello
