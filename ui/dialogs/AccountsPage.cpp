#include "dialogs/AccountsPage.h"

#include "accounts/AppStoreJwt.h"
#include "accounts/Credential.h"
#include "accounts/GoogleServiceAccount.h"
#include "accounts/TokenStore.h"
#include "common/Accessible.h"
#include "common/AppSettings.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "dialogs/OAuthAppsDialog.h"
#include "dialogs/SignInDialog.h"
#include "net/HttpJob.h"
#include "storage/Database.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <memory>

namespace sportello::ui {

namespace {
constexpr int kMaxTokenColumnWidth = 220;
} // namespace

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
        return errorTextColor(QGuiApplication::palette());
    if (index.column() == ExpiresColumn)
        return expiry(a, role);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case ChannelColumn: return label(a.channel);
    case AccountColumn: return a.accountId;
    case SignedInAsColumn:
        if (!a.signedInAs.isEmpty())
            return role == Qt::ToolTipRole && !a.grantedScopes.isEmpty()
                       ? tr("%1; permissions: %2").arg(a.signedInAs, a.grantedScopes.join(QStringLiteral(", ")))
                       : a.signedInAs;
        return role == Qt::ToolTipRole ? tr("Added with a token, not signed in") : QString();
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

QVariant AccountsModel::expiry(const accounts::Account &a, int role) const
{
    // Known only for a sign-in; a pasted token or an environment variable says nothing about it.
    const bool signedIn = !a.signedInAs.isEmpty() && a.tokenEnv.isEmpty();
    const bool dated = signedIn && !a.renewable && a.tokenExpiresAtMs > 0;
    const qint64 left = dated ? a.tokenExpiresAtMs - m_clock->nowMs() : 0;
    const QString when = dated ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(a.tokenExpiresAtMs).toLocalTime(),
                                                    QLocale::ShortFormat)
                               : QString();
    switch (role) {
    case Qt::DisplayRole:
        if (!signedIn)
            return tr("unknown");
        if (a.renewable)
            return tr("renews itself");
        if (!dated)
            return tr("never");
        return left <= 0 ? tr("expired %1").arg(when) : when;
    case Qt::ToolTipRole:
        if (!signedIn)
            return tr("Sportello does not know when a token added by hand expires");
        if (a.renewable)
            return tr("Sportello renews this sign-in by itself");
        if (!dated)
            return tr("This token does not expire");
        if (left <= 0)
            return tr("The token expired on %1: sign in again").arg(when);
        if (left <= kExpirySoonMs)
            return tr("The token expires within a day, on %1: sign in again soon").arg(when);
        return tr("The token expires on %1").arg(when);
    case Qt::DecorationRole:
        // The colour is not the only sign of a token about to expire: the timers' icons say it too
        // (the date alone would read the same as a distant one).
        if (dated && left <= 0)
            return icons::timer(TimerState::Overdue);
        if (dated && left <= kExpirySoonMs)
            return icons::timer(TimerState::DueSoon);
        return {};
    case Qt::ForegroundRole:
        if (dated && left <= 0)
            return errorTextColor(QGuiApplication::palette());
        if (dated && left <= kExpirySoonMs)
            return timerColor(TimerState::DueSoon); // as its icon, and readable on a dark palette
        return {};
    case Qt::FontRole:
        if (dated && left <= kExpirySoonMs) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default: return {};
    }
}

QVariant AccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChannelColumn: return tr("Channel");
    case AccountColumn: return tr("Account");
    case SignedInAsColumn: return tr("Signed in as");
    case ExpiresColumn: return tr("Token expires");
    case BaseUrlColumn: return tr("Base URL");
    case TokenColumn: return tr("Token");
    case StatusColumn: return tr("Status");
    }
    return {};
}

AccountsPage::AccountsPage(Database &database, accounts::TokenStore &tokens, AppSettings &settings, QWidget *parent)
    : QWidget(parent), m_database(database), m_tokens(tokens), m_settings(settings),
      m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("accountsPage"));
    m_model = new AccountsModel(database, this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_signInTitle = new QLabel(this);
    QFont bold = m_signInTitle->font();
    bold.setBold(true);
    m_signInTitle->setFont(bold);
    m_signInTitle->setWordWrap(true);
    m_signInX = new QPushButton(icons::channel(Channel::X), QString(), this);
    m_signInX->setObjectName(QStringLiteral("signInWithX"));
    m_signInFacebook = new QPushButton(icons::channel(Channel::Facebook), QString(), this);
    m_signInFacebook->setObjectName(QStringLiteral("signInWithFacebook"));
    m_apps = new QPushButton(this);
    m_apps->setObjectName(QStringLiteral("signInApps"));
    m_view = new QTableView(this);
    m_view->setTabKeyNavigation(false); // Tab goes on to the buttons, the arrows move in the table
    m_view->setObjectName(QStringLiteral("accounts"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    for (int c : {AccountsModel::ChannelColumn, AccountsModel::AccountColumn, AccountsModel::SignedInAsColumn,
                  AccountsModel::StatusColumn, AccountsModel::ExpiresColumn})
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // "Environment variable SPORTELLO_..." is long: capped, and elided in the middle so the
    // variable's name still shows its end (the tooltip has all of it).
    m_view->horizontalHeader()->setSectionResizeMode(AccountsModel::TokenColumn, QHeaderView::Interactive);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->horizontalHeader()->setSectionResizeMode(AccountsModel::BaseUrlColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_remove = new QPushButton(this);
    m_remove->setObjectName(QStringLiteral("removeAccount"));
    m_signIn = new QPushButton(this);
    m_signIn->setObjectName(QStringLiteral("signInAgain"));

    // The pasted-token and environment-variable paths, for automation: folded away by default.
    m_tokenToggle = new QToolButton(this);
    m_tokenToggle->setObjectName(QStringLiteral("addWithToken"));
    m_tokenToggle->setCheckable(true);
    m_tokenToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_tokenToggle->setAutoRaise(true);
    m_tokenForm = new QWidget(this);
    m_tokenForm->setObjectName(QStringLiteral("tokenForm"));
    QWidget *const tokenForm = m_tokenForm;
    m_channelLabel = new QLabel(tokenForm);
    m_channel = new QComboBox(tokenForm);
    m_channel->setObjectName(QStringLiteral("accountChannel"));
    for (Channel c : {Channel::Facebook, Channel::Instagram, Channel::X, Channel::GooglePlay, Channel::AppStore})
        m_channel->addItem(icons::channel(c), label(c), toId(c));
    m_channelLabel->setBuddy(m_channel);
    m_accountLabel = new QLabel(tokenForm);
    m_accountId = new QLineEdit(tokenForm);
    m_accountId->setObjectName(QStringLiteral("accountId"));
    m_accountLabel->setBuddy(m_accountId);
    m_baseUrlLabel = new QLabel(tokenForm);
    m_baseUrl = new QLineEdit(tokenForm);
    m_baseUrl->setObjectName(QStringLiteral("accountBaseUrl"));
    m_baseUrlLabel->setBuddy(m_baseUrl);
    m_tokenLabel = new QLabel(tokenForm);
    m_useKeychain = new QRadioButton(tokenForm);
    m_useKeychain->setChecked(true);
    m_token = new QLineEdit(tokenForm);
    m_token->setObjectName(QStringLiteral("accountToken"));
    m_token->setEchoMode(QLineEdit::Password); // never shown, never stored outside the keychain
    m_useEnv = new QRadioButton(tokenForm);
    m_env = new QLineEdit(tokenForm);
    m_env->setObjectName(QStringLiteral("accountTokenEnv"));
    m_env->setEnabled(false);
    // Google Play may sign in as a service account instead: its .json key file goes to the keychain.
    m_useServiceAccount = new QRadioButton(tokenForm);
    m_useServiceAccount->setObjectName(QStringLiteral("googlePlayUseKeyFile"));
    m_serviceAccountFile = new QLineEdit(tokenForm);
    m_serviceAccountFile->setObjectName(QStringLiteral("googlePlayKeyFile"));
    m_serviceAccountFile->setEnabled(false);
    m_chooseServiceAccountFile = new QPushButton(tokenForm);
    m_chooseServiceAccountFile->setObjectName(QStringLiteral("chooseGooglePlayKeyFile"));
    m_chooseServiceAccountFile->setEnabled(false);
    auto *group = new QButtonGroup(this);
    group->addButton(m_useKeychain);
    group->addButton(m_useEnv);
    group->addButton(m_useServiceAccount);
    // App Store Connect signs in with the team's API key: three fields in place of the token.
    m_issuerIdLabel = new QLabel(tokenForm);
    m_issuerId = new QLineEdit(tokenForm);
    m_issuerId->setObjectName(QStringLiteral("appStoreIssuerId"));
    m_issuerIdLabel->setBuddy(m_issuerId);
    m_keyIdLabel = new QLabel(tokenForm);
    m_keyId = new QLineEdit(tokenForm);
    m_keyId->setObjectName(QStringLiteral("appStoreKeyId"));
    m_keyIdLabel->setBuddy(m_keyId);
    m_keyFileLabel = new QLabel(tokenForm);
    m_keyFile = new QLineEdit(tokenForm);
    m_keyFile->setObjectName(QStringLiteral("appStoreKeyFile"));
    m_keyFileLabel->setBuddy(m_keyFile);
    m_chooseKeyFile = new QPushButton(tokenForm);
    m_chooseKeyFile->setObjectName(QStringLiteral("chooseAppStoreKeyFile"));
    m_add = new QPushButton(tokenForm);
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

    auto *signInButtons = new QHBoxLayout;
    signInButtons->addWidget(m_signInX);
    signInButtons->addWidget(m_signInFacebook);
    signInButtons->addStretch(1);
    signInButtons->addWidget(m_apps);
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
    m_serviceAccountRow = new QWidget(tokenForm);
    auto *serviceAccountRow = new QHBoxLayout(m_serviceAccountRow);
    serviceAccountRow->setContentsMargins(0, 0, 0, 0);
    serviceAccountRow->addWidget(m_useServiceAccount);
    serviceAccountRow->addWidget(m_serviceAccountFile, 1);
    serviceAccountRow->addWidget(m_chooseServiceAccountFile);
    auto *keyFileRow = new QHBoxLayout;
    keyFileRow->addWidget(m_keyFile, 1);
    keyFileRow->addWidget(m_chooseKeyFile);
    auto *form = new QFormLayout;
    m_form = form;
    form->addRow(m_channelLabel, m_channel);
    form->addRow(m_accountLabel, m_accountId);
    form->addRow(m_baseUrlLabel, m_baseUrl);
    form->addRow(m_tokenLabel, tokenRow);
    form->addRow(QString(), m_serviceAccountRow);
    form->addRow(m_issuerIdLabel, m_issuerId);
    form->addRow(m_keyIdLabel, m_keyId);
    form->addRow(m_keyFileLabel, keyFileRow);
    form->addRow(QString(), envRow);
    auto *addRow = new QHBoxLayout;
    addRow->addStretch(1);
    addRow->addWidget(m_add);
    auto *tokenLayout = new QVBoxLayout(m_tokenForm);
    tokenLayout->setContentsMargins(16, 0, 0, 0);
    tokenLayout->addLayout(form);
    tokenLayout->addLayout(addRow);
    auto *intervalRow = new QHBoxLayout;
    intervalRow->addWidget(m_intervalLabel);
    intervalRow->addWidget(m_interval);
    intervalRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_signInTitle);
    layout->addLayout(signInButtons);
    layout->addSpacing(6);
    layout->addWidget(m_view, 1);
    layout->addLayout(listButtons);
    layout->addWidget(m_message);
    layout->addSpacing(6);
    layout->addWidget(m_tokenToggle);
    layout->addWidget(m_tokenForm);
    layout->addSpacing(6);
    layout->addLayout(intervalRow);

    connect(m_useEnv, &QRadioButton::toggled, this, [this](bool env) {
        m_env->setEnabled(env);
        m_token->setEnabled(!env || selected());
        for (QWidget *w : {static_cast<QWidget *>(m_issuerId), static_cast<QWidget *>(m_keyId),
                           static_cast<QWidget *>(m_keyFile), static_cast<QWidget *>(m_chooseKeyFile)})
            w->setEnabled(!env);
    });
    connect(m_useServiceAccount, &QRadioButton::toggled, this, [this](bool keyFile) {
        m_serviceAccountFile->setEnabled(keyFile);
        m_chooseServiceAccountFile->setEnabled(keyFile);
        m_token->setEnabled(!keyFile || selected());
    });
    connect(m_chooseServiceAccountFile, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Google Cloud Service-Account Key"), m_serviceAccountFile->text(),
                                         tr("Service-account keys (*.json);;All files (*)"));
        if (!file.isEmpty())
            m_serviceAccountFile->setText(QDir::toNativeSeparators(file));
    });
    connect(m_chooseKeyFile, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("App Store Connect API Key"), m_keyFile->text(),
                                                          tr("API keys (*.p8);;All files (*)"));
        if (!file.isEmpty())
            m_keyFile->setText(QDir::toNativeSeparators(file));
    });
    connect(m_add, &QPushButton::clicked, this, &AccountsPage::addAccount);
    connect(m_signInX, &QPushButton::clicked, this, [this] { signInWith(accounts::OAuthProvider::X); });
    connect(m_signInFacebook, &QPushButton::clicked, this, [this] { signInWith(accounts::OAuthProvider::Meta); });
    connect(m_apps, &QPushButton::clicked, this, &AccountsPage::editApps);
    connect(m_tokenToggle, &QToolButton::toggled, this, &AccountsPage::setTokenFormShown);
    connect(m_remove, &QPushButton::clicked, this, &AccountsPage::removeSelected);
    connect(m_signIn, &QPushButton::clicked, this, &AccountsPage::signInSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AccountsPage::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AccountsPage::updateState);
    const auto fitTokenColumn = [this] {
        m_view->resizeColumnToContents(AccountsModel::TokenColumn);
        m_view->setColumnWidth(AccountsModel::TokenColumn,
                               qMin(m_view->columnWidth(AccountsModel::TokenColumn), kMaxTokenColumnWidth));
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, fitTokenColumn);
    fitTokenColumn();
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] {
        const auto channel = channelFromId(m_channel->currentData().toString());
        m_baseUrl->setPlaceholderText(channel ? tr("Default: %1").arg(accounts::defaultBaseUrl(*channel)) : QString());
        showCredentialFields();
    });
    setTokenFormShown(false);
    showCredentialFields();
    retranslateUi();
    if (!m_model->lastError().isEmpty())
        showMessage(m_model->lastError(), true);
}

AccountsPage::~AccountsPage()
{
    // An open sign-in stops (its loopback port closes) with the page.
    delete m_signInDialog;
}

void AccountsPage::setClock(const Clock &clock)
{
    m_clock = &clock;
    m_model->setClock(clock);
}

void AccountsPage::setTokenFormShown(bool shown)
{
    m_tokenToggle->setChecked(shown);
    m_tokenToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_tokenForm->setVisible(shown);
}

bool AccountsPage::signInWith(accounts::OAuthProvider provider)
{
    if (m_signInDialog && !m_signInDialog->isVisible())
        delete m_signInDialog; // closed, its deletion still pending
    if (m_signInDialog) {
        m_signInDialog->raise();
        m_signInDialog->activateWindow();
        showMessage(tr("A sign-in is already open: finish or cancel it first."), true);
        return false;
    }
    auto app = accounts::loadOAuthApp(m_database, provider);
    if (!app) {
        showMessage(app.error(), true);
        return false;
    }
    auto *dialog = new SignInDialog(*app, m_database, m_tokens, *m_clock, m_opener, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (Status started = dialog->start(); !started) {
        delete dialog;
        showMessage(started.error(), true);
        if (app->clientId.trimmed().isEmpty())
            m_apps->setFocus();
        return false;
    }
    connect(dialog, &SignInDialog::accountsSaved, this, [this](const QString &message) {
        m_model->reload();
        showMessage(message, false);
    });
    m_signInDialog = dialog;
    showMessage(QString(), false);
    dialog->open(); // window-modal, returns at once: the sign-in runs in the event loop
    return true;
}

void AccountsPage::editApps()
{
    auto *dialog = new OAuthAppsDialog(m_database, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { showMessage(tr("The sign-in apps are saved; the next sign-in uses them."), false); });
    dialog->open();
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
    m_message->setStyleSheet(error ? errorLabelStyle(m_message->palette()) : QString());
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
        showMessage(tr("Enter the account's id: the Facebook page id, the Instagram account id, the X user id, the "
                       "Google Play package name or the App Store app id."),
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
    // App Store Connect: the API key's three parts, checked (the key must sign) before anything is
    // stored; what the keychain keeps is the key itself, so the .p8 file is no longer needed.
    const bool apiKey = *channel == Channel::AppStore && !env;
    // Google Play with a service account: the key file checked (it must be a service account's
    // RSA key and sign) before anything is stored; the keychain keeps the key, not the file.
    const bool serviceAccount = *channel == Channel::GooglePlay && m_useServiceAccount->isChecked();
    QString secret = token;
    if (serviceAccount) {
        auto read = accounts::googlePlaySecretFromKeyFile(m_serviceAccountFile->text(),
                                                          QDateTime::currentSecsSinceEpoch());
        if (!read) {
            showMessage(read.error(), true);
            m_serviceAccountFile->setFocus();
            return false;
        }
        secret = read.value();
    } else if (apiKey) {
        auto read = accounts::appStoreSecretFromKeyFile(m_issuerId->text(), m_keyId->text(), m_keyFile->text(),
                                                        QDateTime::currentSecsSinceEpoch());
        if (!read) {
            showMessage(read.error(), true);
            (m_issuerId->text().trimmed().isEmpty() ? m_issuerId
             : m_keyId->text().trimmed().isEmpty()  ? m_keyId
                                                    : m_keyFile)
                ->setFocus();
            return false;
        }
        secret = read.value();
    } else if (!env && token.isEmpty()) {
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
                accounts::removeCredentialAsync(m_tokens, key, this, [](const Status &) {});
            showMessage(added.error(), true);
            return;
        }
        m_model->reload();
        m_accountId->clear();
        m_baseUrl->clear();
        m_issuerId->clear();
        m_keyId->clear();
        m_keyFile->clear();
        m_serviceAccountFile->clear();
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
    // As a credential: a second slot left by an interrupted renewal goes too (Credential.h).
    accounts::Credential pasted;
    pasted.accessToken = secret;
    accounts::writeCredentialAsync(m_tokens, key, pasted, this, [self, record](const Status &stored) mutable {
        if (self)
            record(stored);
    });
    return *ok || m_busy; // done at once, or under way
}

void AccountsPage::showCredentialFields()
{
    const bool apiKey = m_channel->currentData().toString() == toId(Channel::AppStore);
    const bool googlePlay = m_channel->currentData().toString() == toId(Channel::GooglePlay);
    if (!googlePlay && m_useServiceAccount->isChecked())
        m_useKeychain->setChecked(true);
    m_form->setRowVisible(m_serviceAccountRow, googlePlay);
    m_token->setVisible(!apiKey);
    for (QLabel *rowLabel : {m_issuerIdLabel, m_keyIdLabel, m_keyFileLabel})
        m_form->setRowVisible(rowLabel, apiKey);
    retranslateCredentialLabels();
}

void AccountsPage::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    for (QWidget *w :
         {static_cast<QWidget *>(m_add), static_cast<QWidget *>(m_remove), static_cast<QWidget *>(m_signIn),
          static_cast<QWidget *>(m_signInX), static_cast<QWidget *>(m_signInFacebook)})
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
    accounts::removeCredentialAsync(m_tokens, account.tokenKey(), this, [self, account](const Status &s) {
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
    // An account that came from a sign-in signs in the same way again.
    if (account.tokenEnv.isEmpty() && !account.signedInAs.isEmpty())
        return signInWith(account.channel == Channel::X ? accounts::OAuthProvider::X : accounts::OAuthProvider::Meta);
    if (account.tokenEnv.isEmpty()) {
        QString token = m_token->text().trimmed();
        if (account.channel == Channel::GooglePlay && m_useServiceAccount->isChecked()) {
            // A service account's (new) key file in place of a token.
            auto read = accounts::googlePlaySecretFromKeyFile(m_serviceAccountFile->text(),
                                                              QDateTime::currentSecsSinceEpoch());
            if (!read) {
                showMessage(read.error(), true);
                setTokenFormShown(true);
                m_serviceAccountFile->setFocus();
                return false;
            }
            token = read.value();
        }
        if (token.isEmpty()) {
            showMessage(tr("Paste the new access token in the token field, then press Sign In Again."), true);
            setTokenFormShown(true);
            m_useKeychain->setChecked(true);
            m_token->setFocus();
            return false;
        }
        setBusy(true, tr("Storing the token in the system keychain…"));
        auto ok = std::make_shared<bool>(false);
        QPointer<AccountsPage> self(this);
        accounts::Credential pasted;
        pasted.accessToken = token;
        accounts::writeCredentialAsync(
            m_tokens, account.tokenKey(), pasted, this, [self, account, ok](const Status &stored) {
                if (!self)
                    return;
                self->setBusy(false);
                if (!stored) {
                    self->showMessage(tr("%1. The token was not stored.").arg(stored.error()), true);
                    return;
                }
                self->m_token->clear();
                self->m_serviceAccountFile->clear();
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
    const bool viaBrowser = a && a->tokenEnv.isEmpty() && !a->signedInAs.isEmpty();
    m_signIn->setToolTip(
        viaBrowser ? tr("Sign in to %1 again in the browser, for new tokens and permissions")
                         .arg(a->channel == Channel::X ? accounts::providerLabel(accounts::OAuthProvider::X)
                                                       : accounts::providerLabel(accounts::OAuthProvider::Meta))
                   : tr("Store the token typed under \"Add with a token\" for the selected account and clear its "
                        "\"needs sign-in\" mark"));
}

void AccountsPage::retranslateUi()
{
    m_intro->setText(tr("The channel accounts the console syncs. Changes here take effect at once. Tokens are kept in "
                        "the system keychain (or read from an environment variable), never in the cache or the "
                        "settings."));
    m_remove->setText(tr("&Remove"));
    m_signIn->setText(tr("Sign &In Again"));
    m_signInTitle->setText(tr("Add an account by signing in to it in your browser:"));
    m_signInX->setText(tr("Sign in with &X"));
    m_signInX->setToolTip(tr("Open X's sign-in page in the browser and add the X account you sign in with"));
    m_signInFacebook->setText(tr("Sign in with &Facebook"));
    m_signInFacebook->setToolTip(tr("Open Facebook's sign-in page in the browser and add the Pages you manage and "
                                    "their Instagram business accounts"));
    m_apps->setText(tr("A&pps…"));
    m_apps->setToolTip(tr("Your company's X and Meta app ids, through which agents sign in (usually set by IT)"));
    m_tokenToggle->setText(tr("Add with a &token (for automation)"));
    m_tokenToggle->setToolTip(tr("Add an account with an access token pasted here or read from an environment "
                                 "variable, without signing in"));
    m_channelLabel->setText(tr("C&hannel:"));
    m_accountLabel->setText(tr("Account &id:"));
    m_accountId->setPlaceholderText(
        tr("Page id, Instagram account id, X user id, Google Play package name or App Store app id"));
    m_baseUrlLabel->setText(tr("&Base URL:"));
    const auto channel = channelFromId(m_channel->currentData().toString());
    m_baseUrl->setPlaceholderText(channel ? tr("Default: %1").arg(accounts::defaultBaseUrl(*channel)) : QString());
    retranslateCredentialLabels();
    m_issuerIdLabel->setText(tr("Iss&uer id:"));
    m_issuerId->setPlaceholderText(tr("From App Store Connect, Users and Access, Integrations"));
    m_keyIdLabel->setText(tr("API ke&y id:"));
    m_keyFileLabel->setText(tr("API key fi&le (.p8):"));
    m_chooseKeyFile->setText(tr("Cho&ose…"));
    m_useServiceAccount->setText(tr("Ser&vice-account key file (.json):"));
    m_useServiceAccount->setToolTip(tr("Sign in as a Google Cloud service account that has access to the app in "
                                       "the Play Console; the key goes to the system keychain and access tokens "
                                       "are asked for as needed"));
    m_chooseServiceAccountFile->setText(tr("Choo&se…"));
    m_token->setPlaceholderText(tr("Paste the token (not shown)"));
    m_useEnv->setText(tr("&Environment variable:"));
    m_env->setPlaceholderText(tr("For example SPORTELLO_X_TOKEN"));
    m_add->setText(tr("&Add Account"));
    m_intervalLabel->setText(tr("Sync every (minutes, 0: only with F5):"));
    // What a screen reader reads after each control's name; the fields beside a radio button are
    // named after it.
    setAccessible(m_view, tr("Accounts"), tr("The accounts the console syncs, with their sign-in state"));
    m_remove->setToolTip(tr("Removes the selected account; its token leaves the keychain"));
    m_signIn->setToolTip(tr("Signs in to the selected account again in the browser"));
    m_channel->setAccessibleDescription(tr("The channel of the account to add"));
    m_accountId->setAccessibleDescription(m_accountId->placeholderText());
    m_baseUrl->setAccessibleDescription(tr("Only for a test server; empty: the channel's own address"));
    setAccessible(m_token, tr("Token"), tr("Kept in the system keychain; not shown"));
    setAccessible(m_env, tr("Environment variable"), tr("The variable the token is read from when syncing"));
    setAccessible(m_serviceAccountFile, tr("Service-account key file"),
                  tr("The Google Cloud service account's JSON key"));
    m_useKeychain->setAccessibleDescription(tr("The token is kept in the system keychain"));
    m_useEnv->setAccessibleDescription(tr("The token is read from an environment variable"));
    m_chooseServiceAccountFile->setToolTip(tr("Chooses the service account's JSON key file"));
    m_issuerId->setAccessibleDescription(m_issuerId->placeholderText());
    m_keyId->setAccessibleDescription(tr("The id of the App Store Connect API key"));
    m_keyFile->setAccessibleDescription(tr("The App Store Connect API key file (.p8)"));
    m_chooseKeyFile->setToolTip(tr("Chooses the API key file"));
    m_add->setToolTip(tr("Adds the account with the details above"));
    m_interval->setAccessibleDescription(tr("How often the console syncs by itself; 0: only with F5"));
    updateState();
}

void AccountsPage::retranslateCredentialLabels()
{
    const bool apiKey = m_channel->currentData().toString() == toId(Channel::AppStore);
    m_tokenLabel->setText(apiKey ? tr("API key:") : tr("Access token:"));
    m_useKeychain->setText(apiKey ? tr("&Keychain, from the fields below") : tr("&Keychain:"));
}

void AccountsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
