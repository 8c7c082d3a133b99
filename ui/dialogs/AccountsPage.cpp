#include "dialogs/AccountsPage.h"

#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Icons.h"
#include "net/HttpJob.h"
#include "storage/Database.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>
#include <memory>

namespace sportello::ui {

AccountsModel::AccountsModel(Database &database, QObject *parent) : QAbstractTableModel(parent), m_database(database)
{
    reload();
}

void AccountsModel::reload()
{
    beginResetModel();
    auto accounts = accounts::AccountStore(m_database).list();
    m_rows = accounts ? accounts.value() : QVector<accounts::Account>{};
    m_error = accounts ? QString() : accounts.error();
    endResetModel();
}

const accounts::Account *AccountsModel::accountAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int AccountsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int AccountsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AccountsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const accounts::Account &a = m_rows.at(index.row());
    if (role == Qt::DecorationRole && index.column() == ChannelColumn)
        return icons::channel(a.channel);
    if (role == Qt::ForegroundRole && index.column() == StatusColumn && a.needsSignIn)
        return QColor(0xc6, 0x28, 0x28);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case ChannelColumn: return label(a.channel);
    case AccountColumn: return a.accountId;
    case BaseUrlColumn: return net::redactedUrl(QUrl(a.baseUrl), net::Redaction::Location);
    case TokenColumn:
        if (a.tokenEnv.isEmpty())
            return tr("System keychain");
        // A name stored before the check existed may be a token: never shown.
        return accounts::isValidEnvironmentName(a.tokenEnv) ? tr("Environment variable %1").arg(a.tokenEnv)
                                                            : tr("Environment variable (invalid name)");
    case StatusColumn: return a.needsSignIn ? tr("Needs sign-in") : tr("Ready");
    }
    return {};
}

QVariant AccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChannelColumn: return tr("Channel");
    case AccountColumn: return tr("Account");
    case BaseUrlColumn: return tr("Base URL");
    case TokenColumn: return tr("Token");
    case StatusColumn: return tr("Status");
    }
    return {};
}

AccountsPage::AccountsPage(Database &database, accounts::TokenStore &tokens, AppSettings &settings, QWidget *parent)
    : QWidget(parent), m_database(database), m_tokens(tokens), m_settings(settings)
{
    setObjectName(QStringLiteral("accountsPage"));
    m_model = new AccountsModel(database, this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("accounts"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    for (int c : {AccountsModel::ChannelColumn, AccountsModel::AccountColumn, AccountsModel::TokenColumn,
                  AccountsModel::StatusColumn})
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(AccountsModel::BaseUrlColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_remove = new QPushButton(this);
    m_remove->setObjectName(QStringLiteral("removeAccount"));
    m_signIn = new QPushButton(this);
    m_signIn->setObjectName(QStringLiteral("signInAgain"));

    m_addTitle = new QLabel(this);
    QFont bold = m_addTitle->font();
    bold.setBold(true);
    m_addTitle->setFont(bold);
    m_channelLabel = new QLabel(this);
    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("accountChannel"));
    for (Channel c : {Channel::Facebook, Channel::Instagram, Channel::X})
        m_channel->addItem(icons::channel(c), label(c), toId(c));
    m_channelLabel->setBuddy(m_channel);
    m_accountLabel = new QLabel(this);
    m_accountId = new QLineEdit(this);
    m_accountId->setObjectName(QStringLiteral("accountId"));
    m_accountLabel->setBuddy(m_accountId);
    m_baseUrlLabel = new QLabel(this);
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("accountBaseUrl"));
    m_baseUrlLabel->setBuddy(m_baseUrl);
    m_tokenLabel = new QLabel(this);
    m_useKeychain = new QRadioButton(this);
    m_useKeychain->setChecked(true);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("accountToken"));
    m_token->setEchoMode(QLineEdit::Password); // never shown, never stored outside the keychain
    m_useEnv = new QRadioButton(this);
    m_env = new QLineEdit(this);
    m_env->setObjectName(QStringLiteral("accountTokenEnv"));
    m_env->setEnabled(false);
    auto *group = new QButtonGroup(this);
    group->addButton(m_useKeychain);
    group->addButton(m_useEnv);
    m_add = new QPushButton(this);
    m_add->setObjectName(QStringLiteral("addAccount"));
    m_intervalLabel = new QLabel(this);
    m_interval = new QSpinBox(this);
    m_interval->setObjectName(QStringLiteral("syncInterval"));
    m_interval->setRange(0, 24 * 60);
    m_interval->setValue(m_settings.syncIntervalMinutes());
    m_intervalLabel->setBuddy(m_interval);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("accountsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *listButtons = new QHBoxLayout;
    listButtons->addStretch(1);
    listButtons->addWidget(m_signIn);
    listButtons->addWidget(m_remove);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_useKeychain);
    tokenRow->addWidget(m_token, 1);
    auto *envRow = new QHBoxLayout;
    envRow->addWidget(m_useEnv);
    envRow->addWidget(m_env, 1);
    auto *form = new QFormLayout;
    form->addRow(m_channelLabel, m_channel);
    form->addRow(m_accountLabel, m_accountId);
    form->addRow(m_baseUrlLabel, m_baseUrl);
    form->addRow(m_tokenLabel, tokenRow);
    form->addRow(QString(), envRow);
    auto *addRow = new QHBoxLayout;
    addRow->addStretch(1);
    addRow->addWidget(m_add);
    auto *intervalRow = new QHBoxLayout;
    intervalRow->addWidget(m_intervalLabel);
    intervalRow->addWidget(m_interval);
    intervalRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_view, 1);
    layout->addLayout(listButtons);
    layout->addWidget(m_message);
    layout->addSpacing(6);
    layout->addWidget(m_addTitle);
    layout->addLayout(form);
    layout->addLayout(addRow);
    layout->addSpacing(6);
    layout->addLayout(intervalRow);

    connect(m_useEnv, &QRadioButton::toggled, this, [this](bool env) {
        m_env->setEnabled(env);
        m_token->setEnabled(!env || selected());
    });
    connect(m_add, &QPushButton::clicked, this, &AccountsPage::addAccount);
    connect(m_remove, &QPushButton::clicked, this, &AccountsPage::removeSelected);
    connect(m_signIn, &QPushButton::clicked, this, &AccountsPage::signInSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AccountsPage::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AccountsPage::updateState);
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] {
        const auto channel = channelFromId(m_channel->currentData().toString());
        m_baseUrl->setPlaceholderText(channel ? tr("Default: %1").arg(accounts::defaultBaseUrl(*channel)) : QString());
    });
    retranslateUi();
    if (!m_model->lastError().isEmpty())
        showMessage(m_model->lastError(), true);
}

const accounts::Account *AccountsPage::selected() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->accountAt(current.row()) : nullptr;
}

QString AccountsPage::message() const { return m_message->isHidden() ? QString() : m_message->text(); }

void AccountsPage::showMessage(const QString &text, bool error)
{
    m_messageIsError = error;
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #c62828; font-weight: 600; }") : QString());
    m_message->setVisible(!text.isEmpty());
}

bool AccountsPage::addAccount()
{
    const auto channel = channelFromId(m_channel->currentData().toString());
    const QString id = m_accountId->text().trimmed();
    const QString baseUrl = m_baseUrl->text().trimmed();
    const bool env = m_useEnv->isChecked();
    const QString envName = m_env->text().trimmed();
    const QString token = m_token->text().trimmed();
    if (!channel || id.isEmpty()) {
        showMessage(tr("Enter the account's id: the Facebook page id, the Instagram account id or the X user id."),
                    true);
        m_accountId->setFocus();
        return false;
    }
    if (env && !accounts::isValidEnvironmentName(envName)) {
        showMessage(tr("Enter the name of the environment variable that holds the token (letters, digits and "
                       "underscores, at most %1 characters), not the token itself.")
                        .arg(accounts::kMaxEnvironmentNameLength),
                    true);
        // It may be the token: it does not stay on screen.
        if (!envName.isEmpty() && accounts::looksLikeToken(envName))
            m_env->clear();
        m_env->setFocus();
        return false;
    }
    if (!env && token.isEmpty()) {
        showMessage(tr("Paste the account's access token: it goes to the system keychain."), true);
        m_token->setFocus();
        return false;
    }
    if (!baseUrl.isEmpty()) {
        if (auto url = accounts::validateBaseUrl(baseUrl); !url) {
            showMessage(url.error(), true);
            m_baseUrl->setFocus();
            return false;
        }
    }
    accounts::AccountStore store(m_database);
    if (auto existing = store.find(*channel, id); existing && existing->has_value()) {
        showMessage(tr("The %1 account %2 is already set up: remove it first to change it.").arg(label(*channel), id),
                    true);
        return false;
    }
    // The token first: without a keychain nothing is recorded, and nothing falls back to plain text.
    const QString key = accounts::accountTokenKey(*channel, id);
    auto ok = std::make_shared<bool>(false); // set when it is done before this returns
    const auto record = [this, channel = *channel, id, baseUrl, env, envName, key, ok](const Status &stored) {
        setBusy(false);
        if (!stored) {
            showMessage(tr("%1. The account was not added; choose an environment variable for the token instead.")
                            .arg(stored.error()),
                        true);
            return;
        }
        accounts::AccountStore accounts(m_database);
        auto added = accounts.add(channel, id, baseUrl, env ? envName : QString(), QDateTime::currentMSecsSinceEpoch());
        m_token->clear();
        if (!added) {
            if (!env)
                m_tokens.removeAsync(key, this, [](const Status &) {});
            showMessage(added.error(), true);
            return;
        }
        m_model->reload();
        m_accountId->clear();
        m_baseUrl->clear();
        showMessage(tr("Added the %1 account %2. It syncs with the next sync (F5).").arg(label(channel), id), false);
        *ok = true;
    };
    if (env) {
        record(Status::success());
        return *ok;
    }
    // The keychain may take seconds (or ask the user to unlock it): the dialog stays responsive.
    setBusy(true, tr("Storing the token in the system keychain…"));
    QPointer<AccountsPage> self(this);
    m_tokens.writeAsync(key, token, this, [self, record](const Status &stored) mutable {
        if (self)
            record(stored);
    });
    return *ok || m_busy; // done at once, or under way
}

void AccountsPage::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    for (QWidget *w :
         {static_cast<QWidget *>(m_add), static_cast<QWidget *>(m_remove), static_cast<QWidget *>(m_signIn)})
        w->setEnabled(!busy);
    if (busy) {
        showMessage(what, false);
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
        updateState();
    }
}

bool AccountsPage::removeSelected()
{
    const accounts::Account *a = selected();
    if (!a)
        return false;
    const accounts::Account account = *a;
    if (Status s = accounts::AccountStore(m_database).remove(account.channel, account.accountId); !s) {
        showMessage(s.error(), true);
        return false;
    }
    m_model->reload();
    if (!account.tokenEnv.isEmpty()) {
        showMessage(tr("Removed the %1 account %2.").arg(label(account.channel), account.accountId), false);
        return true;
    }
    setBusy(true, tr("Deleting the token from the system keychain…"));
    QPointer<AccountsPage> self(this);
    m_tokens.removeAsync(account.tokenKey(), this, [self, account](const Status &s) {
        if (!self)
            return;
        self->setBusy(false);
        if (!s)
            self->showMessage(
                tr("Removed the %1 account %2, but its token could not be deleted from the system keychain: %3")
                    .arg(label(account.channel), account.accountId, s.error()),
                true);
        else
            self->showMessage(tr("Removed the %1 account %2.").arg(label(account.channel), account.accountId), false);
    });
    return true;
}

bool AccountsPage::signInSelected()
{
    const accounts::Account *a = selected();
    if (!a)
        return false;
    const accounts::Account account = *a;
    if (account.tokenEnv.isEmpty()) {
        const QString token = m_token->text().trimmed();
        if (token.isEmpty()) {
            showMessage(tr("Paste the new access token in the token field, then press Sign In Again."), true);
            m_useKeychain->setChecked(true);
            m_token->setFocus();
            return false;
        }
        setBusy(true, tr("Storing the token in the system keychain…"));
        auto ok = std::make_shared<bool>(false);
        QPointer<AccountsPage> self(this);
        m_tokens.writeAsync(account.tokenKey(), token, this, [self, account, ok](const Status &stored) {
            if (!self)
                return;
            self->setBusy(false);
            if (!stored) {
                self->showMessage(tr("%1. The token was not stored.").arg(stored.error()), true);
                return;
            }
            self->m_token->clear();
            *ok = self->clearSignInMark(account);
        });
        return *ok || m_busy;
    }
    // With an environment variable, the new token is set outside Sportello; this clears the mark.
    return clearSignInMark(account);
}

bool AccountsPage::clearSignInMark(const accounts::Account &account)
{
    if (Status s = accounts::AccountStore(m_database).setNeedsSignIn(account.id, false); !s) {
        showMessage(s.error(), true);
        return false;
    }
    m_model->reload();
    showMessage(tr("The %1 account %2 is signed in again; its waiting replies go out with the next sync.")
                    .arg(label(account.channel), account.accountId),
                false);
    return true;
}

void AccountsPage::save() { m_settings.setSyncIntervalMinutes(m_interval->value()); }

void AccountsPage::updateState()
{
    const accounts::Account *a = selected();
    m_remove->setEnabled(a != nullptr && !m_busy);
    m_signIn->setEnabled(a != nullptr && !m_busy);
    if (a && a->needsSignIn)
        m_signIn->setDefault(false);
}

void AccountsPage::retranslateUi()
{
    m_intro->setText(tr("The channel accounts the console syncs. Changes here take effect at once. Tokens are kept in "
                        "the system keychain (or read from an environment variable), never in the cache or the "
                        "settings."));
    m_remove->setText(tr("&Remove"));
    m_signIn->setText(tr("Sign &In Again"));
    m_signIn->setToolTip(
        tr("Store the token typed below for the selected account and clear its \"needs sign-in\" mark"));
    m_addTitle->setText(tr("Add an account"));
    m_channelLabel->setText(tr("C&hannel:"));
    m_accountLabel->setText(tr("Account &id:"));
    m_accountId->setPlaceholderText(tr("Page id, Instagram account id or X user id"));
    m_baseUrlLabel->setText(tr("&Base URL:"));
    const auto channel = channelFromId(m_channel->currentData().toString());
    m_baseUrl->setPlaceholderText(channel ? tr("Default: %1").arg(accounts::defaultBaseUrl(*channel)) : QString());
    m_tokenLabel->setText(tr("Access token:"));
    m_useKeychain->setText(tr("&Keychain:"));
    m_token->setPlaceholderText(tr("Paste the token (not shown)"));
    m_useEnv->setText(tr("&Environment variable:"));
    m_env->setPlaceholderText(tr("For example SPORTELLO_X_TOKEN"));
    m_add->setText(tr("&Add Account"));
    m_intervalLabel->setText(tr("Sync every (minutes, 0: only with F5):"));
    updateState();
}

void AccountsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
