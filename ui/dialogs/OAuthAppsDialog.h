#pragma once
// Settings > Accounts > Apps: the company's own apps on X and Meta, through which agents sign in
// (loadOAuthApp / saveOAuthApp, app_state "oauth_*", shared with sportello-cli account app). IT
// enters the X OAuth 2.0 client id, the Meta app id, the company's token exchange endpoint and,
// when the app registration needs a fixed one, the loopback redirect port. No secret is entered
// here: a desktop app holds none. The platforms' endpoints keep their defaults (or what the CLI
// set). See docs/accounts.md.

#include <QDialog>

#include "accounts/OAuthApps.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sportello {
class Database;
} // namespace sportello

namespace sportello::ui {

class OAuthAppsDialog : public QDialog {
    Q_OBJECT
public:
    explicit OAuthAppsDialog(Database &database, QWidget *parent = nullptr);

    QLineEdit *xClientIdField() const { return m_xClientId; }
    QSpinBox *xPortField() const { return m_xPort; }
    QLineEdit *metaAppIdField() const { return m_metaAppId; }
    QLineEdit *metaExchangeField() const { return m_metaExchange; }
    QSpinBox *metaPortField() const { return m_metaPort; }
    QString errorText() const;

    // Stores both apps; false (and the reason, the dialog stays open) when one is refused.
    bool save();

public slots:
    void accept() override;

private:
    void showError(const QString &text);

    Database &m_database;
    accounts::OAuthApp m_x;
    accounts::OAuthApp m_meta;
    bool m_loaded = false;
    QLabel *m_intro;
    QLineEdit *m_xClientId;
    QSpinBox *m_xPort;
    QLineEdit *m_metaAppId;
    QLineEdit *m_metaExchange;
    QSpinBox *m_metaPort;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace sportello::ui
