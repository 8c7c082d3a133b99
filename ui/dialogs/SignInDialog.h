#pragma once
// Signing in to X or Facebook from Settings > Accounts: a SignInFlow opens the platform's consent
// page in the system browser and this dialog waits for the answer. It shows the consent page's
// address (to copy when no browser opened) and takes the address the browser ended on, pasted,
// for a browser that cannot reach this computer's 127.0.0.1. On success it says who signed in,
// the permissions granted and, in a warning, each permission missing with what will not work
// without it. X: the account is stored at once. Facebook: the Pages and their linked Instagram
// business accounts are listed, all checked, and "Add Selected" stores the chosen ones.
//
// Nothing waits on the keychain: credentials are written with writeCredentialAsync and the
// accounts recorded on the GUI thread once their credential is stored (so a missing keychain
// records nothing). The Facebook user token is never stored; each Page's token goes to the
// keychain only. See docs/accounts.md.

#include "accounts/SignIn.h"
#include "common/Result.h"
#include "domain/Domain.h"

#include <QDialog>
#include <QPointer>
#include <QVector>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::accounts {
class TokenStore;
} // namespace sportello::accounts

namespace sportello::ui {

class SignInDialog : public QDialog {
    Q_OBJECT
public:
    enum class State { Waiting, Succeeded, Saving, Saved, Failed };

    SignInDialog(accounts::OAuthApp app, Database &database, accounts::TokenStore &tokens, const Clock &clock,
                 accounts::SignInFlow::BrowserOpener opener, QWidget *parent = nullptr);
    ~SignInDialog() override;

    // Starts the flow (listens on the loopback redirect, opens the browser). An error when the
    // app is not configured or the redirect port cannot be opened; the dialog is not shown then.
    Status start();

    accounts::OAuthProvider provider() const { return m_app.provider; }
    State state() const { return m_state; }
    accounts::SignInFlow *flow() const { return m_flow; }
    // What the dialog shows, for tests and screenshots.
    QString headline() const;
    QString statusText() const;
    QString errorText() const;
    QString scopesText() const;
    QString missingText() const;
    QString noticeText() const;
    QLineEdit *urlField() const { return m_url; }
    QPushButton *copyButton() const { return m_copy; }
    QLineEdit *pasteField() const { return m_paste; }
    QPushButton *pasteButton() const { return m_usePaste; }
    QTreeWidget *pagesTree() const { return m_pages; }
    QPushButton *addSelectedButton() const { return m_addSelected; }
    // The accounts stored by this sign-in ("channel:id"), once saved.
    const QStringList &savedKeys() const { return m_savedKeys; }

    // Facebook: stores the checked Pages and Instagram accounts; false when nothing is checked
    // or it cannot start (the reason is shown).
    bool addSelected();
    // The pasted address the browser ended on; false (and the reason) when refused.
    bool usePastedAddress();

signals:
    // Accounts were added or signed in again (the page reloads its table); message says which.
    void accountsSaved(const QString &message);

public slots:
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Target {
        Channel channel;
        QString id;
        QString shownAs;
        accounts::Credential credential;
    };

    void onFinished(const Result<accounts::SignInResult> &result);
    void showResult();
    void saveX();
    void saveNext();
    void targetStored(const Target &target);
    void fail(const QString &message);
    void finishSaving();
    void setState(State state);
    void retranslateUi();

    accounts::OAuthApp m_app;
    Database &m_database;
    accounts::TokenStore &m_tokens;
    const Clock &m_clock;
    accounts::SignInFlow *m_flow = nullptr;
    State m_state = State::Waiting;
    accounts::SignInResult m_result;
    QVector<Target> m_queue;
    QStringList m_savedKeys;
    QStringList m_savedNames;
    QString m_error;
    bool m_flowProgress = false; // m_progress shows what the flow or the Copy button said

    QStackedWidget *m_stack;
    // Waiting
    QLabel *m_waitTitle;
    QLabel *m_progress;
    QLabel *m_urlLabel;
    QLineEdit *m_url;
    QPushButton *m_copy;
    QLabel *m_pasteLabel;
    QLineEdit *m_paste;
    QPushButton *m_usePaste;
    QLabel *m_pasteError;
    // Result
    QLabel *m_who;
    QLabel *m_scopes;
    QLabel *m_missing;
    QLabel *m_notice;
    QLabel *m_pagesLabel;
    QTreeWidget *m_pages;
    QLabel *m_outcome;
    // Failed
    QLabel *m_errorTitle;
    QLabel *m_errorLabel;

    QPushButton *m_addSelected;
    QDialogButtonBox *m_buttons;
};

} // namespace sportello::ui
