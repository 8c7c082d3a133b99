#pragma once
// Edit > Settings: who the agent is and the console's language; with a cache open, also the
// response policy and its business calendar, which live in the cache (shared by the team later)
// rather than in the agent's settings; the personal data guard's company configuration and the
// retention policy (the team's in team mode). Also shown on first run, when no agent name is stored yet.

#include <QDialog>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QTabWidget;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::accounts {
class TokenStore;
} // namespace sportello::accounts

namespace sportello::ui {

class AccountsPage;
class AppSettings;
class CalendarEditor;
class GuardPage;
class PolicyEditor;
class PrivacyPage;
class SavedRepliesPage;
class RoutingPage;
class TeamPage;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Settings, FirstRun };
    enum class Page { General, Policy, Calendar, Accounts, SavedReplies, Team, Routing, Guard, Privacy };

    SettingsDialog(AppSettings &settings, Mode mode, QWidget *parent = nullptr);
    // The settings with the "Response policy" and "Business calendar" pages of this cache.
    // With the "Accounts" page too; tokens is where it stores access tokens (the application's).
    SettingsDialog(AppSettings &settings, Database &database, const Clock &clock, accounts::TokenStore &tokens,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Stores the agent's fields; returns true when the language changed.
    bool save();
    // OK stored a policy and made it active (the due times of waiting posts were recomputed).
    bool policyChanged() const { return m_policyChanged; }

    void setCurrentPage(Page page);
    QLineEdit *nameField() const { return m_name; }
    PolicyEditor *policyEditor() const { return m_policyEditor; }
    CalendarEditor *calendarEditor() const { return m_calendarEditor; }
    AccountsPage *accountsPage() const { return m_accountsPage; }
    SavedRepliesPage *savedRepliesPage() const { return m_savedReplies; }
    TeamPage *teamPage() const { return m_teamPage; }
    RoutingPage *routingPage() const { return m_routingPage; }
    GuardPage *guardPage() const { return m_guardPage; }
    PrivacyPage *privacyPage() const { return m_privacyPage; }
    QLineEdit *crmTemplateField() const { return m_crmTemplate; }
    // OK stored a changed guard configuration (the console applies it at once).
    bool guardConfigChanged() const;
    // The cache joined or left a team: the console reopens it in its new mode.
    bool teamMembershipChanged() const;
    // The message shown when OK could not save, empty otherwise.
    QString errorText() const;

public slots:
    // Checks and stores the policy (when its pages are shown); stays open with the reason if
    // it is not valid or cannot be stored.
    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createGeneralPage();
    // The company's CRM lookup (docs/customers.md), on the general page of a cache's settings.
    void addCrmSection(QWidget *general);
    void loadPolicies();
    void retranslateUi();
    void updateOk();
    void showError(const QString &message);

    AppSettings &m_settings;
    Mode m_mode;
    Database *m_database = nullptr;
    const Clock *m_clock = nullptr;
    bool m_policyChanged = false;
    QTabWidget *m_tabs = nullptr;
    PolicyEditor *m_policyEditor = nullptr;
    CalendarEditor *m_calendarEditor = nullptr;
    AccountsPage *m_accountsPage = nullptr;
    SavedRepliesPage *m_savedReplies = nullptr;
    TeamPage *m_teamPage = nullptr;
    RoutingPage *m_routingPage = nullptr;
    GuardPage *m_guardPage = nullptr;
    PrivacyPage *m_privacyPage = nullptr;
    QLabel *m_intro;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QLabel *m_idLabel;
    QLineEdit *m_id;
    QLabel *m_idHelp;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_languageHelp;
    QGroupBox *m_crmBox = nullptr;
    QLabel *m_crmLabel = nullptr;
    QLineEdit *m_crmTemplate = nullptr;
    QLabel *m_crmHelp = nullptr;
    QString m_crmStored; // the template as loaded, to store only a change
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace sportello::ui
