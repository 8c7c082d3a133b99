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
    format = format.trimmed();
    // A locale whose long format carries quoted words or has no day or month falls back to a
    // plain order; every locale this console ships has both.
    if (!format.contains(QLatin1Char('d')) || !format.contains(QLatin1String("MMM")) ||
        format.contains(QLatin1Char('\'')))
        format = QLatin1String(weekday ? "ddd d MMM" : "d MMM") + QLatin1String(withYear ? " yyyy" : "");
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
