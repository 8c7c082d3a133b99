#pragma once
// Settings > Team: whether this cache works alone or as a replica of a team database, and joining
// or leaving a team. Joining checks the address (TLS unless the server is on this machine), the
// login and the password against the server, stores the membership in the cache and the password
// in the system keychain (never in the cache or the settings). The console reopens the cache in
// its new mode when the dialog closes (membershipChanged()).

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::accounts {
class TokenStore;
} // namespace sportello::accounts

namespace sportello::ui {

class TeamPage : public QWidget {
    Q_OBJECT
public:
    TeamPage(Database &database, const Clock &clock, accounts::TokenStore &tokens, QWidget *parent = nullptr);

    QLineEdit *urlField() const { return m_url; }
    QLineEdit *loginField() const { return m_login; }
    QLineEdit *passwordField() const { return m_password; }
    QPushButton *joinButton() const { return m_join; }
    QPushButton *leaveButton() const { return m_leave; }
    QString status() const;
    bool membershipChanged() const { return m_changed; }

    // The actions behind the buttons; leave() asks before forgetting decisions not yet sent up
    // unless `confirmed`.
    bool join();
    bool leave(bool confirmed = false);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showMembership();
    void showStatus(const QString &message, bool error);
    void updateButtons();
    void retranslateUi();

    Database &m_database;
    const Clock &m_clock;
    accounts::TokenStore &m_tokens;
    bool m_changed = false;
    bool m_joined = false;
    QLabel *m_intro;
    QLabel *m_state;
    QLabel *m_urlLabel;
    QLineEdit *m_url;
    QLabel *m_loginLabel;
    QLineEdit *m_login;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QPushButton *m_join;
    QPushButton *m_leave;
    QLabel *m_status;
};

} // namespace sportello::ui
