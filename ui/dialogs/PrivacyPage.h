#pragma once
// Settings > Privacy: the retention policy of the cache (docs/privacy.md, "Retention"): after how
// many months closed threads and complaints are anonymised, audit entries and access records
// deleted; and a dry run that counts what a run would do now under the policy as edited, before it
// is saved. The console applies the policy itself (some minutes after it starts, then once a day).
// In a team the policy is the team's: a supervisor's or an administrator's change goes up with the
// next sync and every desktop applies it; other roles see it read-only.

#include "common/Result.h"
#include "privacy/Retention.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

namespace sportello {
class Clock;
class Database;
struct Agent;
} // namespace sportello

namespace sportello::ui {

class PrivacyPage : public QWidget {
    Q_OBJECT
public:
    PrivacyPage(Database &database, const Clock &clock, QWidget *parent = nullptr);

    bool editable() const { return m_editable; }
    privacy::RetentionPolicy policy() const;
    // The policy as edited, or why it cannot be saved.
    Result<privacy::RetentionPolicy> checkedPolicy() const;
    bool changed() const { return policy() != m_stored; }
    // Stores a change with an audit entry in the name of `agent`; nothing when unchanged, not
    // editable, or still the defaults never stored and not edited.
    Status save(const Agent &agent);

    // Counts what a run would do now under the policy as edited, and shows it.
    void dryRun();
    QString dryRunText() const;
    QString stateText() const;

    QSpinBox *closedThreadsField() const { return m_closed; }
    QSpinBox *complaintsField() const { return m_complaints; }
    QSpinBox *auditField() const { return m_audit; }
    QSpinBox *accessLogField() const { return m_accessLog; }
    QPushButton *dryRunButton() const { return m_dryRunButton; }

signals:
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void load();
    void show(const privacy::RetentionPolicy &policy);
    void retranslateUi();
    void updateState();

    Database &m_database;
    const Clock &m_clock;
    privacy::RetentionPolicy m_stored;
    bool m_wasStored = false;
    bool m_editable = true;
    bool m_joined = false;
    QString m_loadError;
    QLabel *m_intro;
    QLabel *m_closedLabel;
    QSpinBox *m_closed;
    QLabel *m_complaintsLabel;
    QSpinBox *m_complaints;
    QLabel *m_auditLabel;
    QSpinBox *m_audit;
    QLabel *m_accessLogLabel;
    QSpinBox *m_accessLog;
    QLabel *m_help;
    QPushButton *m_dryRunButton;
    QLabel *m_dryRunResult;
    QLabel *m_state;
};

} // namespace sportello::ui
