#pragma once
// Settings > Accounts: the channel accounts the console syncs (channel, account id, who signed in,
// base URL, where the token comes from, when it expires, whether it needs signing in again), and
// "Sign in with X", "Sign in with Facebook" (SignInDialog: the system browser, OAuth 2.0), Apps
// (OAuthAppsDialog: the company's app ids), Remove, Sign In Again. "Add with a token" (collapsed)
// keeps the pasted-token and environment-variable paths for automation, and the app stores: a
// Google Play package with its token, an App Store Connect app with its API key (issuer id, key
// id and .p8 file, read and checked here, then kept in the keychain; docs/app-stores.md).
// Changes take effect at once (they live in the cache and the keychain, not in the dialog's OK).
// A token is typed into a password field and goes to the system keychain only; it is never
// written to the cache, the settings or a log. No keychain: the page says so and stores nothing.

#include <QAbstractTableModel>
#include <QVector>
#include <QWidget>

#include "accounts/Accounts.h"
#include "accounts/OAuthApps.h"
#include "accounts/SignIn.h"
#include "common/Clock.h"
#include "dialogs/SignInDialog.h"

#include <QPointer>

class QButtonGroup;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableView;
class QToolButton;

namespace sportello {
class Database;
} // namespace sportello

namespace sportello::accounts {
class TokenStore;
} // namespace sportello::accounts

namespace sportello::ui {

class AppSettings;

class AccountsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ChannelColumn,
        AccountColumn,
        SignedInAsColumn,
        StatusColumn,
        ExpiresColumn,
        TokenColumn,
        BaseUrlColumn,
        ColumnCount
    };
    explicit AccountsModel(Database &database, QObject *parent = nullptr);
    // "Token expires" is highlighted against this clock (the system's by default).
    void setClock(const Clock &clock) { m_clock = &clock; }
    // Within this of its expiry a token that does not renew itself is highlighted.
    static constexpr qint64 kExpirySoonMs = 24LL * 60 * 60 * 1000;
    void reload();
    const accounts::Account *accountAt(int row) const;
    const QString &lastError() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant expiry(const accounts::Account &account, int role) const;

    Database &m_database;
    SystemClock m_systemClock;
    const Clock *m_clock = &m_systemClock;
    QVector<accounts::Account> m_rows;
    QString m_error;
};

class AccountsPage : public QWidget {
    Q_OBJECT
public:
    AccountsPage(Database &database, accounts::TokenStore &tokens, AppSettings &settings, QWidget *parent = nullptr);
    ~AccountsPage() override;

    // The clock of sign-ins and expiry marks (the system's by default).
    void setClock(const Clock &clock);
    // How a sign-in opens the platform's page (QDesktopServices::openUrl by default); tests
    // drive the sign-in with one that fetches the page themselves.
    void setBrowserOpener(accounts::SignInFlow::BrowserOpener opener) { m_opener = std::move(opener); }

    QTableView *view() const { return m_view; }
    AccountsModel *model() const { return m_model; }
    QComboBox *channelCombo() const { return m_channel; }
    QLineEdit *accountField() const { return m_accountId; }
    QLineEdit *baseUrlField() const { return m_baseUrl; }
    QLineEdit *tokenField() const { return m_token; }
    QLineEdit *envField() const { return m_env; }
    QRadioButton *keychainChoice() const { return m_useKeychain; }
    QRadioButton *envChoice() const { return m_useEnv; }
    // An App Store Connect account's API key (shown for that channel only).
    QLineEdit *issuerIdField() const { return m_issuerId; }
    QLineEdit *keyIdField() const { return m_keyId; }
    QLineEdit *keyFileField() const { return m_keyFile; }
    // A Google Play account's service-account key file, the alternative to a token (shown for
    // that channel only).
    QRadioButton *serviceAccountChoice() const { return m_useServiceAccount; }
    QLineEdit *serviceAccountFileField() const { return m_serviceAccountFile; }
    QSpinBox *intervalField() const { return m_interval; }
    QPushButton *signInXButton() const { return m_signInX; }
    QPushButton *signInFacebookButton() const { return m_signInFacebook; }
    QPushButton *appsButton() const { return m_apps; }
    QPushButton *signInAgainButton() const { return m_signIn; }
    QToolButton *tokenFormToggle() const { return m_tokenToggle; }
    QWidget *tokenForm() const { return m_tokenForm; }
    // The sign-in under way (or just finished), while its dialog is open.
    SignInDialog *signInDialog() const { return m_signInDialog; }
    QString message() const;
    bool messageIsError() const { return m_messageIsError; }
    bool isBusy() const { return m_busy; }

    // The buttons' actions; false (and the reason on the page) when refused.
    bool addAccount();
    bool removeSelected();
    bool signInSelected();
    // Opens the sign-in dialog for the platform; false (and the reason on the page) when it
    // cannot start (no app configured, the redirect port in use, a sign-in already open).
    bool signInWith(accounts::OAuthProvider provider);
    // Opens the Apps dialog (window-modal; returns at once).
    void editApps();
    // Stores the sync interval (with the dialog's OK).
    void save();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    void showMessage(const QString &text, bool error);
    // While the keychain works: the buttons wait and the message says what is going on.
    void setBusy(bool busy, const QString &what = {});
    bool clearSignInMark(const accounts::Account &account);
    void setTokenFormShown(bool shown);
    // The token row or the API key rows, as the chosen channel signs in.
    void showCredentialFields();
    void retranslateCredentialLabels();
    const accounts::Account *selected() const;

    Database &m_database;
    accounts::TokenStore &m_tokens;
    AppSettings &m_settings;
    accounts::SignInFlow::BrowserOpener m_opener;
    SystemClock m_systemClock;
    const Clock *m_clock = &m_systemClock;
    QPointer<SignInDialog> m_signInDialog;
    AccountsModel *m_model;
    QLabel *m_intro;
    QLabel *m_signInTitle;
    QPushButton *m_signInX;
    QPushButton *m_signInFacebook;
    QPushButton *m_apps;
    QToolButton *m_tokenToggle;
    QWidget *m_tokenForm;
    QTableView *m_view;
    QPushButton *m_remove;
    QPushButton *m_signIn;
    QLabel *m_channelLabel;
    QComboBox *m_channel;
    QLabel *m_accountLabel;
    QLineEdit *m_accountId;
    QLabel *m_baseUrlLabel;
    QLineEdit *m_baseUrl;
    QLabel *m_tokenLabel;
    QRadioButton *m_useKeychain;
    QLineEdit *m_token;
    QRadioButton *m_useEnv;
    QLineEdit *m_env;
    QFormLayout *m_form;
    QLabel *m_issuerIdLabel;
    QLineEdit *m_issuerId;
    QLabel *m_keyIdLabel;
    QLineEdit *m_keyId;
    QLabel *m_keyFileLabel;
    QLineEdit *m_keyFile;
    QPushButton *m_chooseKeyFile;
    QRadioButton *m_useServiceAccount;
    QLineEdit *m_serviceAccountFile;
    QPushButton *m_chooseServiceAccountFile;
    QWidget *m_serviceAccountRow;
    QPushButton *m_add;
    QLabel *m_intervalLabel;
    QSpinBox *m_interval;
    QLabel *m_message;
    bool m_messageIsError = false;
    bool m_busy = false;
};

} // namespace sportello::ui
