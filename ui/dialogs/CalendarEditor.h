#pragma once
// The business calendar of a response policy: time zone, 24/7, working periods per weekday
// (several on one day, typed as "09:00-13:00, 14:00-18:00"), Italy's national holidays and
// extra holiday dates. Checks what is typed as it is typed and says what is wrong.

#include "common/Result.h"
#include "timers/BusinessCalendar.h"

#include <QWidget>
#include <algorithm>
#include <array>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace sportello {
class Clock;
}

namespace sportello::ui {

class CalendarEditor : public QWidget {
    Q_OBJECT
public:
    explicit CalendarEditor(const Clock &clock, QWidget *parent = nullptr);

    void setCalendar(const BusinessCalendar &calendar);
    // The calendar as edited, or what is wrong with it (naming the day or the field).
    Result<BusinessCalendar> calendar() const;
    // A heading over the fields, e.g. which policy the calendar belongs to.
    void setHeading(const QString &text);

    // "09:00-13:00, 14:00-18:00" <-> working periods; an empty text is a closed day.
    static Result<QVector<WorkingPeriod>> parsePeriods(const QString &text);
    static QString periodsText(const QVector<WorkingPeriod> &periods);

    QComboBox *timeZoneCombo() const { return m_zone; }
    QCheckBox *alwaysOpenBox() const { return m_alwaysOpen; }
    QCheckBox *italianHolidaysBox() const { return m_italianHolidays; }
    QLineEdit *dayField(int dayOfWeek) const { return m_days.at(std::clamp(dayOfWeek, 1, 7) - 1); }
    QListWidget *holidayList() const { return m_holidays; }
    void addHoliday(const QDate &date);

signals:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateEnabled();
    void checkDay(int index);
    void updatePreview();

    const Clock &m_clock;
    QLabel *m_heading;
    QLabel *m_zoneLabel;
    QComboBox *m_zone;
    QCheckBox *m_alwaysOpen;
    QLabel *m_hoursLabel;
    QLabel *m_hoursHelp;
    std::array<QLabel *, 7> m_dayLabels{};
    std::array<QLineEdit *, 7> m_days{};
    QCheckBox *m_italianHolidays;
    QLabel *m_holidaysLabel;
    QListWidget *m_holidays;
    QDateEdit *m_holidayDate;
    QPushButton *m_addHoliday;
    QPushButton *m_removeHoliday;
    QLabel *m_preview;
};

} // namespace sportello::ui
