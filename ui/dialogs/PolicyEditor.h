#pragma once
// The "Response policy" page of the settings: which policy is active (the systematic and
// selective presets, and policies stored in this cache), each category's first-response target
// (minutes, business or calendar clock), per-channel targets, the due-soon share and whether a
// post closed without reply counts as handled. The policy's calendar is edited beside it
// (CalendarEditor). The page only edits; the dialog stores the result through PolicyStore.

#include "common/Result.h"
#include "timers/ResponsePolicy.h"

#include <QHash>
#include <QWidget>
#include <array>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace sportello::ui {

class CalendarEditor;

class PolicyEditor : public QWidget {
    Q_OBJECT
public:
    PolicyEditor(CalendarEditor *calendar, QWidget *parent = nullptr);

    // The policies to choose from (stored and presets) and the active one, which is shown.
    void setPolicies(const QVector<ResponsePolicy> &policies, const QString &activeName);
    // The policy shown, as edited, with the calendar; or what is wrong with it.
    Result<ResponsePolicy> policy() const;
    QString selectedName() const;
    // Shows a policy by name (its edits so far are kept while the dialog is open).
    bool selectPolicy(const QString &name);

    // Adds a copy of the policy shown under a new name and shows it; false if the name is taken
    // or not valid (the reason in `error`).
    bool addPolicyCopy(const QString &label, QString *error = nullptr);
    // Brings back a preset's original figures (the calendar too).
    void restorePreset();

    QComboBox *policyCombo() const { return m_policy; }
    QSpinBox *dueSoonSpin() const { return m_dueSoon; }
    QSpinBox *minutesSpin(Category category) const { return m_rows.at(int(category)).minutes; }
    QComboBox *clockCombo(Category category) const { return m_rows.at(int(category)).clock; }
    QCheckBox *handledBox(Category category) const { return m_rows.at(int(category)).handled; }
    QTableWidget *channelTable() const { return m_channelTargets; }
    // Adds a per-channel target row to the table.
    void addChannelTarget(const ResponseTarget &target);

signals:
    // Something on the page or the calendar changed (to clear a shown error).
    void changed();
    // The edits cannot be kept (another policy was chosen while they do not parse).
    void invalid(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Row {
        QLabel *label = nullptr;
        QSpinBox *minutes = nullptr;
        QComboBox *clock = nullptr;
        QCheckBox *handled = nullptr;
    };
    void retranslateUi();
    void fill(const ResponsePolicy &policy);
    void showSelected();
    // Keeps the edits of the policy shown; false (and the combo left alone) if they do not parse.
    bool keepEdits();
    void updateButtons();
    void fillClockCombo(QComboBox *combo);

    CalendarEditor *m_calendar;
    QHash<QString, ResponsePolicy> m_policies; // by name, as edited
    QString m_shown;                           // the name of the policy in the form
    QString m_activeName;
    QLabel *m_policyLabel;
    QComboBox *m_policy;
    QPushButton *m_newPolicy;
    QPushButton *m_restore;
    QLabel *m_explanation;
    QGroupBox *m_targetsBox;
    QLabel *m_headerTarget;
    QLabel *m_headerClock;
    QLabel *m_headerHandled;
    std::array<Row, 3> m_rows; // by int(Category)
    QLabel *m_dueSoonLabel;
    QSpinBox *m_dueSoon;
    QLabel *m_dueSoonHelp;
    QGroupBox *m_channelBox;
    QLabel *m_channelHelp;
    QTableWidget *m_channelTargets;
    QPushButton *m_addChannelTarget;
    QPushButton *m_removeChannelTarget;
};

} // namespace sportello::ui
