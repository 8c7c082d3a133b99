#pragma once
// Settings > Personal Data Guard: the company's configuration of the insurance guard
// (docs/guard.md): the built-in policy and claim patterns on or off, the company's own patterns,
// its own e-mail domains and phone numbers; and a live preview of what the guard finds in a
// sample text with the configuration as edited, before it is saved. Saving goes through
// TriageService::saveGuardConfig (audited as guard_config_changed, as the CLI's --save-config).
// In a team the configuration is the team's: a supervisor's or an administrator's change goes up
// with the next sync and every desktop applies it; other roles see it read-only.

#include "common/Result.h"
#include "compose/Guard.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace sportello {
class Clock;
class Database;
struct Agent;
} // namespace sportello

namespace sportello::ui {

class GuardPage : public QWidget {
    Q_OBJECT
public:
    enum Column { KindColumn, PatternColumn, DescriptionColumn, ProblemColumn };

    explicit GuardPage(Database &database, QWidget *parent = nullptr);

    // Whether this desktop may change it: alone, or joined as a supervisor or an administrator.
    bool editable() const { return m_editable; }
    bool joined() const { return m_joined; }
    // The configuration as edited, or the first reason it cannot be saved (its row or line named).
    Result<GuardConfig> config() const;
    // The configuration as stored when the page was built (or last saved).
    const GuardConfig &stored() const { return m_stored; }
    bool changed() const;
    // Stores a change with an audit entry in the name of `agent` (in a team: the login the
    // cache joined with); nothing when unchanged or not editable.
    Status save(const Agent &agent, const Clock &clock);
    // A change was stored by save().
    bool saved() const { return m_saved; }

    // A row of the company's patterns (Add does this with an empty row).
    void addPattern(const GuardPattern &pattern);
    void removePattern(int row);
    // Runs the preview now instead of after the typing pause; pending() says whether one waits.
    void refreshPreview();
    bool previewPending() const;
    // The preview's findings as shown: "kind: text", in text order.
    QStringList previewFindings() const;
    QString previewStatus() const;

    QCheckBox *defaultsBox() const { return m_useDefaults; }
    QTableWidget *patternTable() const { return m_patterns; }
    QComboBox *kindBox(int row) const;
    QPlainTextEdit *domainsField() const { return m_domains; }
    QPlainTextEdit *phonesField() const { return m_phones; }
    QPlainTextEdit *sampleField() const { return m_sample; }
    QListWidget *findingsList() const { return m_findings; }
    QString stateText() const;

    // One domain as stored ("@Example.IT " -> "example.it"), empty when it is not a domain.
    static QString normalizedDomain(const QString &text);
    // One phone number as stored (digits only), empty when it is not a phone number.
    static QString normalizedPhone(const QString &text);

signals:
    // Something was edited (the dialog clears an earlier error).
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void load();
    void showConfig(const GuardConfig &config);
    void setPatternRow(int row, const GuardPattern &pattern);
    void onEdited();
    // The row's problem, empty when it is fine; an empty row is fine (it is left out).
    QString patternProblem(int row) const;
    void markRows();
    // What the preview runs: the configuration as edited, rows with a problem left out.
    GuardConfig previewConfig() const;
    void updateState();
    void retranslateUi();

    Database &m_database;
    bool m_joined = false;
    bool m_editable = true;
    bool m_saved = false;
    bool m_filling = false;
    QString m_loadError;
    GuardConfig m_stored;
    QTimer *m_previewTimer;
    QLabel *m_intro;
    QCheckBox *m_useDefaults;
    QLabel *m_builtIn;
    QLabel *m_patternsLabel;
    QTableWidget *m_patterns;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_domainsLabel;
    QPlainTextEdit *m_domains;
    QLabel *m_phonesLabel;
    QPlainTextEdit *m_phones;
    QLabel *m_sampleLabel;
    QPlainTextEdit *m_sample;
    QLabel *m_findingsLabel;
    QListWidget *m_findings;
    QLabel *m_previewStatus;
    QLabel *m_state;
};

} // namespace sportello::ui
