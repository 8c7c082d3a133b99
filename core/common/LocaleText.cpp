#include "common/LocaleText.h"

#include <QRegularExpression>

namespace sportello {

namespace {
QString shortTimeFormat(const QLocale &locale)
{
    // Seconds are noise beside a due time (and the C locale's short format has them).
    static const QRegularExpression seconds(QStringLiteral("[:.]ss?"));
    return locale.timeFormat(QLocale::ShortFormat).remove(seconds);
}
} // namespace

QString timeText(const QTime &time, const QLocale &locale) { return locale.toString(time, shortTimeFormat(locale)); }

QString dayAndTimeText(const QDateTime &dateTime, const QLocale &locale)
{
    return locale.toString(dateTime.date(), QStringLiteral("ddd")) + QLatin1Char(' ') +
           timeText(dateTime.time(), locale);
}

QString abbreviatedDateFormat(const QLocale &locale, bool withYear, bool weekday)
{
    // The long format has the locale's order ("dddd d MMMM yyyy", "dddd, MMMM d, yyyy"); Qt has
    // no medium format, so shorten it: abbreviated month and weekday, the year left out on request.
    QString format = locale.dateFormat(QLocale::LongFormat);
    format.replace(QLatin1String("MMMM"), QLatin1String("MMM"));
    if (weekday)
        format.replace(QLatin1String("dddd"), QLatin1String("ddd"));
    else
        format.remove(QRegularExpression(QStringLiteral("dddd[,.]?\\s*")));
    if (!withYear) {
        // The year with the separator that ties it to the rest: ", yyyy" or " yyyy" after the
        // month, "yyyy. " or "yyyy/" before it.
        static const QRegularExpression year(QStringLiteral("^y+[.,/-]?\\s*|[,.]?\\s*y+"));
        format.remove(year);
    }
    // What a removal left at either end: the comma before a weekday that came last ("d., dddd"),
    // the Arabic comma, spaces.
    static const QRegularExpression loose(QStringLiteral("^[\\s,\u060C]+|[\\s,\u060C]+$"));
    format.remove(loose);
    // A locale whose long format carries quoted words or has no day or month name (Chinese,
    // Japanese, Korean write the month as a number) takes its own short, numeric format.
    if (!format.contains(QLatin1Char('d')) || !format.contains(QLatin1String("MMM")) ||
        format.contains(QLatin1Char('\''))) {
        format = locale.dateFormat(QLocale::ShortFormat);
        if (!withYear) {
            static const QRegularExpression year(QStringLiteral("^y+[^dMy]*|[^dMy]*y+"));
            format.remove(year);
        }
    }
    // Asked for, but not in this locale's long format (or lost with it): before the date.
    if (weekday && !format.contains(QLatin1String("ddd")))
        format = QLatin1String("ddd ") + format;
    return format;
}

QString dateText(const QDate &date, bool withYear, const QLocale &locale, bool weekday)
{
    return locale.toString(date, abbreviatedDateFormat(locale, withYear, weekday));
}

QString dateTimeText(const QDateTime &dateTime, const QLocale &locale)
{
    return dateText(dateTime.date(), true, locale) + QLatin1Char(' ') + timeText(dateTime.time(), locale);
}

QString percentText(double percent, int decimals, const QLocale &locale)
{
    return locale.toString(percent, 'f', decimals) + locale.percent();
}

} // namespace sportello
