#pragma once
// Settings > Accounts: the channel accounts the console syncs (channel, account id, base URL, where
// the token comes from, whether it needs signing in again), and Add, Remove, Sign In Again.
// Changes take effect at once (they live in the cache and the keychain, not in the dialog's OK).
// A token is typed into a password field and goes to the system keychain only; it is never
// written to the cache, the settings or a log. No keychain: the page says so and stores nothing.

#include <QAbstractTableModel>
#include <QVector>
#include <QWidget>

#include "accounts/Accounts.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableView;

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
    enum Column { ChannelColumn, AccountColumn, BaseUrlColumn, TokenColumn, StatusColumn, ColumnCount };
    explicit AccountsModel(Database &database, QObject *parent = nullptr);
    void reload();
    const accounts::Account *accountAt(int row) const;
    const QString &lastError() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Database &m_database;
    QVector<accounts::Account> m_rows;
    QString m_error;
};

class AccountsPage : public QWidget {
    Q_OBJECT
public:
    AccountsPage(Database &database, accounts::TokenStore &tokens, AppSettings &settings, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    AccountsModel *model() const { return m_model; }
    QComboBox *channelCombo() const { return m_channel; }
    QLineEdit *accountField() const { return m_accountId; }
    QLineEdit *baseUrlField() const { return m_baseUrl; }
    QLineEdit *tokenField() const { return m_token; }
    QLineEdit *envField() const { return m_env; }
    QRadioButton *keychainChoice() const { return m_useKeychain; }
    QRadioButton *envChoice() const { return m_useEnv; }
    QSpinBox *intervalField() const { return m_interval; }
    QString message() const;
    bool messageIsError() const { return m_messageIsError; }
    bool isBusy() const { return m_busy; }

    // The buttons' actions; false (and the reason on the page) when refused.
    bool addAccount();
    bool removeSelected();
    bool signInSelected();
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
    const accounts::Account *selected() const;

    Database &m_database;
    accounts::TokenStore &m_tokens;
    AppSettings &m_settings;
    AccountsModel *m_model;
    QLabel *m_intro;
    QTableView *m_view;
    QPushButton *m_remove;
    QPushButton *m_signIn;
    QLabel *m_addTitle;
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
    QPushButton *m_add;
    QLabel *m_intervalLabel;
    QSpinBox *m_interval;
    QLabel *m_message;
    bool m_messageIsError = false;
    bool m_busy = false;
};

} // namespace sportello::ui
