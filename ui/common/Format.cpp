#include "common/Format.h"

#include "timers/ResponseTimers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace sportello::ui {

namespace {
// A named context so that lupdate files these strings under "Format".
struct Format {
    Q_DECLARE_TR_FUNCTIONS(Format)
};
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
} // namespace

QColor timerColor(TimerState state)
{
    return timerColor(state, QGuiApplication::palette().color(QPalette::Window).lightness() < 128);
}

QColor timerColor(TimerState state, bool dark)
{
    // On a dark background the same hues, lighter: each keeps a contrast of at least 4.5:1 with
    // a white view on a light palette and with a dark theme's base on a dark one.
    switch (state) {
    case TimerState::Overdue: return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28);
    case TimerState::DueSoon: return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xa8, 0x5d, 0x00);
    case TimerState::OnTrack: return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x6b, 0x30);
    case TimerState::OutsideHours: return dark ? QColor(0x9f, 0xb3, 0xd6) : QColor(0x4a, 0x5d, 0x7e);
    }
    return {};
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        ms = -ms;
    const QLocale locale;
    // The leading figure through the locale (grouping in a long absence: "1.234 d"); the second
    // one is below 60 and keeps its two digits.
    const auto n = [&](qint64 value) { return locale.toString(value); };
    if (ms < kMinute)
        return Format::tr("%1 s", "seconds").arg(n(ms / kSecond));
    if (ms < 10 * kMinute)
        return Format::tr("%1 min %2 s", "minutes and seconds").arg(n(ms / kMinute), n((ms % kMinute) / kSecond));
    if (ms < kHour)
        return Format::tr("%1 min", "minutes").arg(n(ms / kMinute));
    if (ms < kDay)
        return Format::tr("%1 h %2 min", "hours and minutes")
            .arg(n(ms / kHour), locale.toString((ms % kHour) / kMinute).rightJustified(2, locale.zeroDigit().at(0)));
    return Format::tr("%1 d %2 h", "days and hours").arg(n(ms / kDay), n((ms % kDay) / kHour));
}

QString formatAge(qint64 waitingSinceMs, qint64 nowMs)
{
    if (waitingSinceMs <= 0)
        return QString();
    return formatDuration(qMax<qint64>(0, nowMs - waitingSinceMs));
}

QString formatTimeLeft(qint64 dueAtMs, qint64 nowMs)
{
    if (dueAtMs <= 0)
        return QString();
    const qint64 left = dueAtMs - nowMs;
    if (left <= 0)
        return Format::tr("overdue %1", "time past the due time").arg(formatDuration(-left));
    return formatDuration(left);
}

QString formatTime(qint64 utcMs, qint64 nowMs)
{
    if (utcMs <= 0)
        return QString();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    const QString time = timeText(local.time());
    if (local.date() == now.date())
        return time;
    return Format::tr("%1 %2", "date then time")
        .arg(dateText(local.date(), local.date().year() != now.date().year(), QLocale(), true), time);
}

QString formatDateTime(qint64 utcMs)
{
    if (utcMs <= 0)
        return QString();
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime(), QLocale::LongFormat);
}

QString formatDate(qint64 utcMs, qint64 nowMs, const QTimeZone &zone)
{
    if (utcMs <= 0)
        return QString();
    const QDate date = QDateTime::fromMSecsSinceEpoch(utcMs, zone).date();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    return dateText(date, date.year() != today.year());
}

QString formatDaysLeft(int daysLeft)
{
    if (daysLeft > 1)
        return Format::tr("%1 days left").arg(formatCount(daysLeft));
    if (daysLeft == 1)
        return Format::tr("1 day left");
    if (daysLeft == 0)
        return Format::tr("due today");
    if (daysLeft == -1)
        return Format::tr("1 day late");
    return Format::tr("%1 days late").arg(formatCount(-daysLeft));
}

TimerState complaintState(int daysLeft)
{
    if (daysLeft < 0)
        return TimerState::Overdue;
    if (daysLeft <= kComplaintWarningDays)
        return TimerState::DueSoon;
    return TimerState::OnTrack;
}

QString formatFollowers(qint64 followers)
{
    if (followers == 1)
        return Format::tr("1 follower");
    return Format::tr("%1 followers").arg(QLocale().toString(followers));
}

QString formatCount(qint64 count) { return QLocale().toString(count); }

QString formatPercent(double percent, int decimals) { return percentText(percent, decimals); }

QString formatDecimal(double value, int decimals) { return QLocale().toString(value, 'f', decimals); }

QString formatHandle(const QString &handle)
{
    if (handle.isEmpty() || handle.startsWith(QLatin1Char('@')))
        return handle;
    return QLatin1Char('@') + handle;
}

QString shortLabel(Category category)
{
    switch (category) {
    case Category::NonNegative: return Format::tr("Non-negative", "short category name");
    case Category::Complaint: return Format::tr("Complaint", "short category name");
    case Category::Assistance: return Format::tr("Assistance", "short category name");
    }
    return {};
}

} // namespace sportello::ui
