#include "dialogs/CalendarEditor.h"

#include "common/Accessible.h"
#include "common/Clock.h"
#include "common/LocaleText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {
const QTime kEndOfDay(23, 59, 59, 999); // how the calendar writes 24:00

QString dayName(int dayOfWeek)
{
    QString name = QLocale().standaloneDayName(dayOfWeek, QLocale::LongFormat);
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

QString timeText(const QTime &t)
{
    return t == kEndOfDay ? QStringLiteral("24:00") : t.toString(QStringLiteral("HH:mm"));
}

const char *const kDayIds[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
} // namespace

CalendarEditor::CalendarEditor(const Clock &clock, QWidget *parent) : QWidget(parent), m_clock(clock)
{
    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);

    m_zoneLabel = new QLabel(this);
    m_zone = new QComboBox(this);
    m_zone->setObjectName(QStringLiteral("timeZone"));
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromLatin1(id), id);
    m_zone->setMaxVisibleItems(20);
    m_zoneLabel->setBuddy(m_zone);
    m_alwaysOpen = new QCheckBox(this);
    m_alwaysOpen->setObjectName(QStringLiteral("alwaysOpen"));

    m_hoursLabel = new QLabel(this);
    m_hoursHelp = new QLabel(this);
    m_hoursHelp->setWordWrap(true);
    m_hoursHelp->setForegroundRole(QPalette::PlaceholderText);
    auto *hours = new QGridLayout;
    hours->setHorizontalSpacing(10);
    hours->setVerticalSpacing(4);
    for (int i = 0; i < 7; ++i) {
        m_dayLabels[i] = new QLabel(this);
        m_days[i] = new QLineEdit(this);
        m_days[i]->setObjectName(QStringLiteral("hours-") + QLatin1String(kDayIds[i]));
        m_dayLabels[i]->setBuddy(m_days[i]);
        hours->addWidget(m_dayLabels[i], i, 0);
        hours->addWidget(m_days[i], i, 1);
        connect(m_days[i], &QLineEdit::textEdited, this, [this, i] {
            checkDay(i);
            emit changed();
        });
    }

    m_italianHolidays = new QCheckBox(this);
    m_italianHolidays->setObjectName(QStringLiteral("italianHolidays"));
    m_holidaysLabel = new QLabel(this);
    m_holidays = new QListWidget(this);
    m_holidays->setObjectName(QStringLiteral("extraHolidays"));
    m_holidays->setSortingEnabled(false);
    m_holidays->setMaximumHeight(m_holidays->fontMetrics().height() * 5 + 8);
    m_holidayDate = new QDateEdit(this);
    m_holidayDate->setObjectName(QStringLiteral("holidayDate"));
    m_holidayDate->setCalendarPopup(true);
    m_holidayDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_holidayDate->setDate(m_clock.now().date());
    m_addHoliday = new QPushButton(this);
    m_addHoliday->setObjectName(QStringLiteral("addHoliday"));
    m_removeHoliday = new QPushButton(this);
    m_removeHoliday->setObjectName(QStringLiteral("removeHoliday"));

    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("calendarPreview"));
    m_preview->setWordWrap(true);

    auto *zoneRow = new QHBoxLayout;
    zoneRow->addWidget(m_zoneLabel);
    zoneRow->addWidget(m_zone, 1);
    zoneRow->addSpacing(16);
    zoneRow->addWidget(m_alwaysOpen);

    auto *holidayButtons = new QVBoxLayout;
    holidayButtons->addWidget(m_holidayDate);
    holidayButtons->addWidget(m_addHoliday);
    holidayButtons->addWidget(m_removeHoliday);
    holidayButtons->addStretch(1);
    auto *holidayRow = new QHBoxLayout;
    holidayRow->addWidget(m_holidays, 1);
    holidayRow->addLayout(holidayButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(zoneRow);
    layout->addSpacing(6);
    layout->addWidget(m_hoursLabel);
    layout->addLayout(hours);
    layout->addWidget(m_hoursHelp);
    layout->addSpacing(6);
    layout->addWidget(m_italianHolidays);
    layout->addWidget(m_holidaysLabel);
    layout->addLayout(holidayRow);
    layout->addWidget(m_preview);
    layout->addStretch(1);

    connect(m_alwaysOpen, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        emit changed();
    });
    connect(m_zone, &QComboBox::currentIndexChanged, this, &CalendarEditor::changed);
    connect(m_italianHolidays, &QCheckBox::toggled, this, &CalendarEditor::changed);
    connect(m_addHoliday, &QPushButton::clicked, this, [this] { addHoliday(m_holidayDate->date()); });
    connect(m_removeHoliday, &QPushButton::clicked, this, [this] {
        delete m_holidays->takeItem(m_holidays->currentRow());
        emit changed();
    });
    connect(m_holidays, &QListWidget::currentRowChanged, this, [this] { updateEnabled(); });
    connect(this, &CalendarEditor::changed, this, &CalendarEditor::updatePreview);
    retranslateUi();
    setCalendar(BusinessCalendar::italianOffice());
}

void CalendarEditor::setHeading(const QString &text) { m_heading->setText(text); }

void CalendarEditor::setCalendar(const BusinessCalendar &calendar)
{
    const QSignalBlocker zoneBlocker(m_zone);
    const QSignalBlocker openBlocker(m_alwaysOpen);
    const QSignalBlocker holidaysBlocker(m_italianHolidays);
    int zone = m_zone->findData(calendar.timeZone().id());
    if (zone < 0) {
        m_zone->addItem(QString::fromLatin1(calendar.timeZone().id()), calendar.timeZone().id());
        zone = m_zone->count() - 1;
    }
    m_zone->setCurrentIndex(zone);
    m_alwaysOpen->setChecked(calendar.isAlwaysOpen());
    for (int d = 1; d <= 7; ++d) {
        m_days[d - 1]->setText(periodsText(calendar.periods(d)));
        checkDay(d - 1);
    }
    m_italianHolidays->setChecked(calendar.closesOnItalianHolidays());
    m_holidays->clear();
    QList<QDate> dates(calendar.extraHolidays().begin(), calendar.extraHolidays().end());
    std::sort(dates.begin(), dates.end());
    for (const QDate &d : dates) {
        auto *item = new QListWidgetItem(QLocale().toString(d, QLocale::LongFormat), m_holidays);
        item->setData(Qt::UserRole, d);
    }
    updateEnabled();
    updatePreview();
}

void CalendarEditor::addHoliday(const QDate &date)
{
    if (!date.isValid())
        return;
    int row = 0;
    for (; row < m_holidays->count(); ++row) {
        const QDate existing = m_holidays->item(row)->data(Qt::UserRole).toDate();
        if (existing == date) {
            m_holidays->setCurrentRow(row);
            return;
        }
        if (existing > date)
            break;
    }
    auto *item = new QListWidgetItem(QLocale().toString(date, QLocale::LongFormat));
    item->setData(Qt::UserRole, date);
    m_holidays->insertItem(row, item);
    m_holidays->setCurrentRow(row);
    emit changed();
}

Result<QVector<WorkingPeriod>> CalendarEditor::parsePeriods(const QString &text)
{
    static const QRegularExpression period(
        QStringLiteral("^(\\d{1,2})[:.](\\d{2})\\s*[-–—]\\s*(\\d{1,2})[:.](\\d{2})$"));
    QVector<WorkingPeriod> periods;
    for (QString part : text.split(QRegularExpression(QStringLiteral("[,;]")))) {
        part = part.trimmed();
        if (part.isEmpty())
            continue;
        const auto m = period.match(part);
        const auto time = [](int h, int min) -> std::optional<QTime> {
            if (h == 24 && min == 0)
                return kEndOfDay;
            if (h > 23 || min > 59)
                return std::nullopt;
            return QTime(h, min);
        };
        if (!m.hasMatch())
            return Error{tr("“%1” is not a period like 09:00-13:00.").arg(part)};
        const auto start = time(m.captured(1).toInt(), m.captured(2).toInt());
        const auto end = time(m.captured(3).toInt(), m.captured(4).toInt());
        if (!start || !end || *start == kEndOfDay)
            return Error{tr("“%1” is not a time of day (00:00 to 24:00).").arg(part)};
        if (*end <= *start)
            return Error{tr("“%1” ends before it starts.").arg(part)};
        periods.push_back({*start, *end});
    }
    std::sort(periods.begin(), periods.end(), [](const auto &a, const auto &b) { return a.start < b.start; });
    for (int i = 1; i < periods.size(); ++i) {
        if (periods.at(i).start < periods.at(i - 1).end)
            return Error{
                tr("%1 and %2 overlap.")
                    .arg(timeText(periods.at(i - 1).start) + QLatin1Char('-') + timeText(periods.at(i - 1).end),
                         timeText(periods.at(i).start) + QLatin1Char('-') + timeText(periods.at(i).end))};
    }
    return periods;
}

QString CalendarEditor::periodsText(const QVector<WorkingPeriod> &periods)
{
    QStringList parts;
    for (const WorkingPeriod &p : periods)
        parts << timeText(p.start) + QLatin1Char('-') + timeText(p.end);
    return parts.join(QStringLiteral(", "));
}

Result<BusinessCalendar> CalendarEditor::calendar() const
{
    const QTimeZone zone(m_zone->currentData().toByteArray());
    if (!zone.isValid())
        return Error{tr("Choose the calendar's time zone.")};
    BusinessCalendar calendar(zone);
    calendar.setAlwaysOpen(m_alwaysOpen->isChecked());
    for (int d = 1; d <= 7; ++d) {
        auto periods = parsePeriods(m_days[d - 1]->text());
        if (!periods) {
            if (calendar.isAlwaysOpen())
                continue; // the hours are not used; keep the calendar usable
            return Error{tr("Working hours on %1: %2").arg(dayName(d), periods.error())};
        }
        calendar.setPeriods(d, periods.value());
    }
    calendar.setClosesOnItalianHolidays(m_italianHolidays->isChecked());
    QSet<QDate> holidays;
    for (int i = 0; i < m_holidays->count(); ++i)
        holidays.insert(m_holidays->item(i)->data(Qt::UserRole).toDate());
    calendar.setExtraHolidays(holidays);
    if (Status s = calendar.validate(); !s)
        return s.failure();
    return calendar;
}

void CalendarEditor::checkDay(int index)
{
    QLineEdit *field = m_days[index];
    const auto periods = parsePeriods(field->text());
    const QString style =
        periods ? QString()
                : QStringLiteral("QLineEdit { border: 2px solid %1; }").arg(errorTextColor(palette()).name());
    if (field->styleSheet() != style)
        field->setStyleSheet(style);
    field->setToolTip(periods ? QString() : periods.error());
    // The red border's meaning in words, for those who do not see it.
    field->setAccessibleDescription(periods ? m_hoursHelp->text() : periods.error());
}

void CalendarEditor::updateEnabled()
{
    const bool hours = !m_alwaysOpen->isChecked();
    for (int i = 0; i < 7; ++i) {
        m_days[i]->setEnabled(hours);
        m_dayLabels[i]->setEnabled(hours);
    }
    m_hoursLabel->setEnabled(hours);
    m_italianHolidays->setEnabled(hours);
    m_holidays->setEnabled(hours);
    m_holidayDate->setEnabled(hours);
    m_addHoliday->setEnabled(hours);
    m_removeHoliday->setEnabled(hours && m_holidays->currentRow() >= 0);
}

void CalendarEditor::updatePreview()
{
    const auto cal = calendar();
    if (!cal) {
        m_preview->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                               .arg(errorTextColor(m_preview->palette()).name(), cal.error().toHtmlEscaped()));
        return;
    }
    const qint64 now = m_clock.nowMs();
    const auto when = [&](qint64 ms) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, cal->timeZone());
        // Qualified: this file's own timeText() writes the editable "09:00" form.
        return dateText(at.date(), false, QLocale(), true) + QLatin1Char(' ') + sportello::timeText(at.time());
    };
    QString text;
    if (cal->isAlwaysOpen()) {
        text = tr("Always open: business time is calendar time.");
    } else if (cal->isOpen(now)) {
        // The end of the open period that holds now.
        const QDate day = QDateTime::fromMSecsSinceEpoch(now, cal->timeZone()).date();
        qint64 closes = -1;
        for (const OpenInterval &i : cal->openIntervals(day))
            if (now >= i.startMs && now < i.endMs)
                closes = i.endMs;
        text = tr("Open now, until %1 (%2 time).").arg(when(closes), QString::fromLatin1(cal->timeZone().id()));
    } else {
        const qint64 opens = cal->nextOpening(now);
        text = opens < 0 ? tr("Closed now.")
                         : tr("Closed now; business clocks resume %1 (%2 time).")
                               .arg(when(opens), QString::fromLatin1(cal->timeZone().id()));
    }
    m_preview->setText(text.toHtmlEscaped());
}

void CalendarEditor::retranslateUi()
{
    m_zoneLabel->setText(tr("&Time zone:"));
    m_alwaysOpen->setText(tr("Open &24/7"));
    m_alwaysOpen->setToolTip(tr("Business time is calendar time: no working hours, no holidays"));
    m_hoursLabel->setText(tr("Working hours"));
    QFont bold = m_hoursLabel->font();
    bold.setBold(true);
    m_hoursLabel->setFont(bold);
    m_holidaysLabel->setFont(bold);
    for (int d = 1; d <= 7; ++d) {
        m_dayLabels[d - 1]->setText(dayName(d) + QLatin1Char(':'));
        m_days[d - 1]->setPlaceholderText(tr("Closed"));
    }
    m_hoursHelp->setText(tr("One or more periods a day, separated by commas, for example "
                            "09:00-13:00, 14:00-18:00. Leave a day empty when the team does not work."));
    m_italianHolidays->setText(tr("Closed on Italy's national &holidays"));
    m_italianHolidays->setToolTip(tr("1 and 6 January, Easter Monday, 25 April, 1 May, 2 June, 15 August, 1 November, "
                                     "8, 25 and 26 December, computed for every year"));
    m_holidaysLabel->setText(tr("Other holidays"));
    m_addHoliday->setText(tr("&Add Date"));
    m_removeHoliday->setText(tr("&Remove"));
    for (int i = 0; i < 7; ++i)
        checkDay(i);
    m_zone->setAccessibleDescription(tr("The time zone of the working hours"));
    m_holidays->setAccessibleName(m_holidaysLabel->text());
    m_holidays->setAccessibleDescription(tr("Days the team does not work besides the national holidays"));
    m_holidayDate->setAccessibleName(tr("Holiday date"));
    m_holidayDate->setAccessibleDescription(tr("The date Add Date puts in the list of holidays"));
    m_addHoliday->setToolTip(tr("Adds the date to the holidays"));
    m_removeHoliday->setToolTip(tr("Removes the selected holiday"));
    updatePreview();
}

void CalendarEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
