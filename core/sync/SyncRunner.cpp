#include "sync/SyncRunner.h"

#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "outbox/OutboxDispatcher.h"
#include "sync/GraphConnector.h"
#include "sync/StoreConnectors.h"
#include "sync/SyncLease.h"
#include "sync/SyncLog.h"
#include "sync/XConnector.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUuid>
#include <algorithm>

namespace sportello::sync {

bool SyncRunReport::ok() const
{
    if (!error.isEmpty() || interrupted || (drainRan && !drainOk))
        return false;
    for (const AccountSyncReport &a : accounts)
        if (!a.ok())
            return false;
    return true;
}

int SyncRunReport::pages() const
{
    int n = 0;
    for (const AccountSyncReport &a : accounts)
        n += a.result.pages;
    return n;
}

int SyncRunReport::postsAdded() const
{
    int n = 0;
    for (const AccountSyncReport &a : accounts)
        n += a.result.postsAdded;
    return n;
}

int SyncRunReport::postsAlreadyPresent() const
{
    int n = 0;
    for (const AccountSyncReport &a : accounts)
        n += a.result.postsAlreadyPresent;
    return n;
}

qint64 SyncRunReport::longestStoreMs() const
{
    qint64 longest = 0;
    for (const AccountSyncReport &a : accounts)
        longest = qMax(longest, a.result.longestStoreMs);
    return longest;
}

QStringList SyncRunReport::accountsNeedingSignIn() const
{
    QStringList keys;
    for (const AccountSyncReport &a : accounts)
        if (a.outcome == AccountSyncReport::Outcome::NeedsSignIn)
            keys << a.key;
    return keys;
}

QString describe(AccountSyncReport::Outcome outcome)
{
    switch (outcome) {
    case AccountSyncReport::Outcome::Synced: return QCoreApplication::translate("Sync", "synced");
    case AccountSyncReport::Outcome::Failed: return QCoreApplication::translate("Sync", "failed");
    case AccountSyncReport::Outcome::NeedsSignIn: return QCoreApplication::translate("Sync", "needs sign-in");
    case AccountSyncReport::Outcome::NoToken: return QCoreApplication::translate("Sync", "no access token");
    case AccountSyncReport::Outcome::Busy:
        return QCoreApplication::translate("Sync", "being synced by another process");
    }
    return {};
}

QString describe(const outbox::DrainSummary &summary)
{
    QString text = QCoreApplication::translate("Sync", "%1 delivered, %2 failed, %3 held; %4 in the outbox")
                       .arg(summary.delivered)
                       .arg(summary.failed)
                       .arg(summary.held)
                       .arg(summary.waiting);
    if (!summary.errors.isEmpty())
        text += QStringLiteral(" (") + summary.errors.join(QStringLiteral("; ")) + QLatin1Char(')');
    return text;
}

SyncRunner::PassEndStep outboxDrainStep(outbox::OutboxDispatcher &dispatcher)
{
    QPointer<outbox::OutboxDispatcher> target(&dispatcher);
    return [target](std::function<void(bool, const QString &)> done) {
        if (!target) {
            done(false, QCoreApplication::translate("Sync", "the outbox is not available"));
            return;
        }
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = QObject::connect(target.data(), &outbox::OutboxDispatcher::drained, target.data(),
                                       [connection, done](const outbox::DrainSummary &summary) {
                                           QObject::disconnect(*connection);
                                           done(summary.ok(), describe(summary));
                                       });
        target->drain(); // may answer before it returns, hence the connection first
    };
}

ConnectorFactory defaultConnectorFactory()
{
    return [](ConnectorContext context, const SyncOptions &options) -> std::unique_ptr<Connector> {
        if (context.account.channel == Channel::X) {
            auto x = std::make_unique<XConnector>(std::move(context));
            x->setFetchDirectMessages(options.xDirectMessages);
            return x;
        }
        if (context.account.channel == Channel::Facebook || context.account.channel == Channel::Instagram)
            return std::make_unique<GraphConnector>(std::move(context));
        if (context.account.channel == Channel::GooglePlay || context.account.channel == Channel::AppStore)
            return std::make_unique<StoreConnector>(std::move(context));
        return nullptr;
    };
}

SyncRunner::SyncRunner(QNetworkAccessManager *network, Database &database, const Clock &clock,
                       accounts::TokenStore &keychain, QObject *parent)
    : QObject(parent), m_network(network), m_database(database), m_clock(clock), m_keychain(keychain),
      m_factory(defaultConnectorFactory()), m_leaseOwner(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncResult>();
    qRegisterMetaType<AccountSyncReport>();
    qRegisterMetaType<SyncRunReport>();
}

SyncRunner::~SyncRunner()
{
    // The connector first: a page it was storing rolls back now, not after the release below
    // (whose write it would otherwise undo, leaving the account looking busy until its lease ran
    // out).
    m_connector.reset();
    releaseLease();
}

qint64 SyncRunner::leaseTtlMs() const
{
    // Long enough for a page with its retries; a holder that died frees the account this late.
    return 3LL * m_options.timeoutMs + 30'000;
}

void SyncRunner::releaseLease()
{
    if (m_leaseAccount.isEmpty())
        return;
    (void)releaseSyncLease(m_database, m_leaseAccount, m_leaseOwner); // an expired lease is harmless
    m_leaseAccount.clear();
}

void SyncRunner::onProgress(const SyncProgress &progress)
{
    if (!m_leaseAccount.isEmpty()) {
        auto renewed = acquireSyncLease(m_database, m_leaseAccount, m_leaseOwner, m_clock.nowMs(), leaseTtlMs());
        if (renewed && !*renewed && m_connector) {
            m_current.error = QCoreApplication::translate("Sync", "Another process took over this account's sync.");
            m_connector->stop();
        }
    }
    emit this->progress(progress);
}

bool SyncRunner::start()
{
    if (m_running)
        return false;
    m_running = true;
    m_stopRequested = false;
    m_report = SyncRunReport{};
    m_startedMs = m_clock.nowMs();
    m_index = -1;
    m_accounts.clear();

    accounts::AccountStore store(m_database);
    auto accounts = store.list();
    auto version = store.graphApiVersion();
    if (!accounts || !version) {
        m_report.error = !accounts ? accounts.error() : version.error();
        m_report.errorKind = !accounts ? accounts.errorKind() : version.errorKind();
        qCWarning(lcSync) << "sync pass cannot start:" << errorKindName(m_report.errorKind);
        emit started(0);
        // Announced from the event loop, so that a caller connecting after start() hears it.
        QTimer::singleShot(0, this, &SyncRunner::finishPass);
        return true;
    }
    m_accounts = std::move(accounts).value();
    if (m_filter)
        m_accounts.erase(std::remove_if(m_accounts.begin(), m_accounts.end(),
                                        [this](const accounts::Account &a) { return !m_filter(a); }),
                         m_accounts.end());
    m_graphVersion = version.value();
    qCInfo(lcSync) << "sync pass started:" << m_accounts.size() << "accounts";
    emit started(int(m_accounts.size()));
    QTimer::singleShot(0, this, &SyncRunner::nextAccount);
    return true;
}

void SyncRunner::requestStop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    m_report.interrupted = true;
    if (m_connector)
        m_connector->stop();
}

void SyncRunner::nextAccount()
{
    m_connector.reset();
    ++m_index;
    if (m_stopRequested || m_index >= m_accounts.size()) {
        if (m_passEnd && !m_stopRequested) {
            m_report.drainRan = true;
            emit drainStarted();
            // The step may answer at once or later; either way finished() comes from here.
            QPointer<SyncRunner> self(this);
            m_passEnd([self](bool ok, const QString &summary) {
                if (!self || !self->m_running)
                    return;
                self->m_report.drainOk = ok;
                self->m_report.drainSummary = summary;
                QTimer::singleShot(0, self.data(), &SyncRunner::finishPass);
            });
            return;
        }
        finishPass();
        return;
    }

    const accounts::Account &account = m_accounts.at(m_index);
    m_current = AccountSyncReport{};
    m_current.key = account.tokenKey();
    m_current.channel = account.channel;
    m_current.accountId = account.accountId;
    emit accountStarted(m_current.key, m_index, int(m_accounts.size()));

    if (account.needsSignIn) {
        m_current.outcome = AccountSyncReport::Outcome::NeedsSignIn;
        m_current.skipped = true;
        m_current.error = QCoreApplication::translate("Sync", "The %1 account %2 was not synced: its access token was "
                                                              "refused before, so it needs signing in again.")
                              .arg(toId(account.channel), account.accountId);
        finishAccount(m_current);
        return;
    }
    auto lease = acquireSyncLease(m_database, account.id, m_leaseOwner, m_clock.nowMs(), leaseTtlMs());
    if (!lease) {
        m_current.outcome = AccountSyncReport::Outcome::Failed;
        m_current.skipped = true;
        m_current.error = lease.error();
        finishAccount(m_current);
        return;
    }
    if (!*lease) {
        m_current.outcome = AccountSyncReport::Outcome::Busy;
        m_current.skipped = true;
        m_current.error =
            QCoreApplication::translate("Sync", "The %1 account %2 was skipped: another Sportello process "
                                                "is syncing it now.")
                .arg(toId(account.channel), account.accountId);
        finishAccount(m_current);
        return;
    }
    m_leaseAccount = account.id;
    // Without waiting: the keychain may take seconds to answer, and the GUI keeps running.
    const int index = m_index;
    QPointer<SyncRunner> self(this);
    accounts::tokenForAsync(account, m_keychain, this, [self, index](const Result<QString> &token) {
        if (self && self->m_running && self->m_index == index)
            self->startConnector(token);
    });
}

void SyncRunner::startConnector(const Result<QString> &token)
{
    const accounts::Account &account = m_accounts.at(m_index);
    if (m_stopRequested) { // interrupted while the keychain answered
        m_current.outcome = AccountSyncReport::Outcome::Failed;
        m_current.skipped = true;
        m_current.error = QCoreApplication::translate("Sync", "Stopped on request before the first page.");
        finishAccount(m_current);
        return;
    }
    const ErrorKind tokenKind = token.ok() ? ErrorKind::Unspecified : token.errorKind();
    if (tokenKind == ErrorKind::RefusedByPolicy) {
        // A renewing keychain marks the account when the platform refused to renew its sign-in.
        auto now = accounts::AccountStore(m_database).find(account.channel, account.accountId);
        if (now && now->has_value() && (*now)->needsSignIn) {
            m_current.outcome = AccountSyncReport::Outcome::NeedsSignIn;
            m_current.skipped = true;
            m_current.error = token.error();
            emit signInNeeded(m_current.key);
            finishAccount(m_current);
            return;
        }
    }
    if (tokenKind == ErrorKind::Busy || tokenKind == ErrorKind::RefusedByPolicy || tokenKind == ErrorKind::Io ||
        tokenKind == ErrorKind::Network) {
        // The store has a token but could not hand it over (a keychain that denied access or did
        // not answer, an expired sign-in whose renewal got no answer): a failure of this pass,
        // not an account without a token.
        m_current.outcome = AccountSyncReport::Outcome::Failed;
        m_current.skipped = true;
        m_current.error =
            QCoreApplication::translate("Sync", "The %1 account %2 was not synced: its access token could not be "
                                                "read (%3)")
                .arg(toId(account.channel), account.accountId, token.error());
        qCWarning(lcSync) << "token not read:" << errorKindName(tokenKind);
        finishAccount(m_current);
        return;
    }
    if (!token) {
        m_current.outcome = AccountSyncReport::Outcome::NoToken;
        m_current.skipped = true;
        m_current.error =
            QCoreApplication::translate("Sync", "The %1 account %2 was not synced: there is no access token "
                                                "for it (%3)")
                .arg(toId(account.channel), account.accountId, token.error());
        finishAccount(m_current);
        return;
    }

    ConnectorContext context;
    context.network = m_network;
    context.database = &m_database;
    context.clock = &m_clock;
    context.account = account;
    context.token = token.value();
    context.graphApiVersion = m_graphVersion;
    context.retry = m_options.retry;
    context.timeoutMs = m_options.timeoutMs;
    context.pageSize = m_options.pageSize;
    context.maxPages = m_options.maxPages;
    m_connector = m_factory ? m_factory(std::move(context), m_options) : nullptr;
    if (!m_connector) {
        m_current.outcome = AccountSyncReport::Outcome::Failed;
        m_current.error = QCoreApplication::translate("Sync", "The %1 account %2 cannot be synced: Sportello has no "
                                                              "connector for this channel.")
                              .arg(toId(account.channel), account.accountId);
        finishAccount(m_current);
        return;
    }
    connect(m_connector.get(), &Connector::progress, this, &SyncRunner::onProgress);
    connect(m_connector.get(), &Connector::finished, this, &SyncRunner::onConnectorFinished);
    m_connector->start();
}

void SyncRunner::onConnectorFinished(const SyncResult &result)
{
    m_current.result = result;
    if (!(result.stopped && !m_current.error.isEmpty())) // keep "another process took over"
        m_current.error = result.error;
    if (result.ok)
        m_current.outcome = AccountSyncReport::Outcome::Synced;
    else if (result.lastOutcome == net::OutcomeKind::AuthExpired)
        m_current.outcome = AccountSyncReport::Outcome::NeedsSignIn;
    else
        m_current.outcome = AccountSyncReport::Outcome::Failed;
    if (m_current.outcome == AccountSyncReport::Outcome::NeedsSignIn) {
        m_keychain.forget(m_current.key); // a new one comes with the sign-in
        emit signInNeeded(m_current.key);
    }
    // The connector emitted from inside its own slot: it is deleted from the event loop.
    if (m_connector)
        m_connector.release()->deleteLater();
    finishAccount(m_current);
}

void SyncRunner::finishAccount(AccountSyncReport report)
{
    releaseLease();
    m_report.accounts.append(report);
    emit accountFinished(report);
    // The next account from the event loop: a long list never nests calls, and the GUI breathes.
    QTimer::singleShot(0, this, &SyncRunner::nextAccount);
}

void SyncRunner::finishPass()
{
    if (!m_running)
        return;
    m_running = false;
    m_connector.reset();
    releaseLease();
    m_report.elapsedMs = m_clock.nowMs() - m_startedMs;
    qCInfo(lcSync) << "sync pass finished:" << (m_report.ok() ? "ok" : "failed") << m_report.accounts.size()
                   << "accounts," << m_report.pages() << "pages," << m_report.postsAdded() << "posts added in"
                   << m_report.elapsedMs << "ms";
    emit finished(m_report);
}

} // namespace sportello::sync
