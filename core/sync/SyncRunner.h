#pragma once
// One full sync pass: every configured account in turn through its channel's connector, then
// (when a pass-end step is set) the outbox. Used by `sportello-cli sync` and, in a worker thread
// through BackgroundSync, by the console. Everything is asynchronous on the thread that owns the
// network manager; the runner only sequences the connectors and collects what they report. See
// docs/network.md, "Sync runner".

#include "sync/Connector.h"

#include <QObject>
#include <QPointer>
#include <QVector>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace sportello {
class Clock;
class Database;
namespace accounts {
class TokenStore;
} // namespace accounts
namespace outbox {
class OutboxDispatcher;
struct DrainSummary;
} // namespace outbox
} // namespace sportello

namespace sportello::sync {

struct SyncOptions {
    net::RetryPolicy retry;
    int timeoutMs = 30'000;
    int pageSize = 100;
    int maxPages = 1000; // per account and pass; the cursor resumes on the next pass
    bool xDirectMessages = true;
};

struct AccountSyncReport {
    enum class Outcome {
        Synced,      // every page fetched and stored
        Failed,      // the connector stopped with an error (pages stored before it are kept)
        NeedsSignIn, // skipped: the account must be signed in again; or its token was refused now
        NoToken,     // skipped: no token in the keychain or in the environment variable
        Busy,        // skipped: another process (console or scheduled CLI) is syncing it; not an error
    };
    QString key; // "channel:account_id"
    Channel channel = Channel::Facebook;
    QString accountId;
    Outcome outcome = Outcome::Failed;
    QString error;        // for a person; never holds a token
    bool skipped = false; // not contacted: it needed sign-in before the pass, or had no token
    SyncResult result;    // pages, posts and partial errors (empty when skipped)

    bool ok() const { return outcome == Outcome::Synced || outcome == Outcome::Busy; }
};

struct SyncRunReport {
    QString error;                                // the pass could not start (accounts unreadable), else empty
    ErrorKind errorKind = ErrorKind::Unspecified; // of that error
    QVector<AccountSyncReport> accounts;
    bool drainRan = false;
    bool drainOk = true;
    QString drainSummary; // what the pass-end step (the outbox) reported
    qint64 elapsedMs = 0;
    bool interrupted = false; // requestStop() ended the pass early: never ok

    bool ok() const;
    int pages() const;
    int postsAdded() const;
    int postsAlreadyPresent() const;
    qint64 longestStoreMs() const; // the longest page transaction of the pass
    QStringList accountsNeedingSignIn() const;
};

// Builds the connector for an account; the default picks XConnector or GraphConnector.
using ConnectorFactory = std::function<std::unique_ptr<Connector>(ConnectorContext, const SyncOptions &)>;
ConnectorFactory defaultConnectorFactory();

class SyncRunner : public QObject {
    Q_OBJECT
public:
    // All four are owned by the caller, must outlive the runner and live on its thread. keychain
    // is asked for the tokens of accounts without an environment variable.
    SyncRunner(QNetworkAccessManager *network, Database &database, const Clock &clock, accounts::TokenStore &keychain,
               QObject *parent = nullptr);
    ~SyncRunner() override;

    void setOptions(const SyncOptions &options) { m_options = options; }
    const SyncOptions &options() const { return m_options; }
    void setConnectorFactory(ConnectorFactory factory) { m_factory = std::move(factory); }
    // Only the accounts it accepts are synced (the hub: those whose team lease it holds); all
    // of them without one. Read when a pass starts.
    using AccountFilter = std::function<bool(const accounts::Account &)>;
    void setAccountFilter(AccountFilter filter) { m_filter = std::move(filter); }

    // A step run after the accounts, before finished(): the outbox drain. It receives a callback
    // to call once (ok, a one-line summary). Without one, a pass ends after the accounts.
    using PassEndStep = std::function<void(std::function<void(bool ok, const QString &summary)> done)>;
    void setPassEndStep(PassEndStep step) { m_passEnd = std::move(step); }

    // Starts a pass; false (and nothing happens) when one is already running.
    bool start();
    bool isRunning() const { return m_running; }
    // Stops the pass: the connector in flight stores the page it is fetching (with its cursor)
    // and ends; no further account and no outbox drain follow. The report says interrupted.
    void requestStop();
    const SyncRunReport &lastReport() const { return m_report; }

signals:
    void started(int accountCount);
    void accountStarted(const QString &accountKey, int index, int accountCount);
    // After each stored page: the account, its pages and posts so far.
    void progress(const sportello::sync::SyncProgress &progress);
    void accountFinished(const sportello::sync::AccountSyncReport &report);
    // An account's token was refused during this pass (it is now marked as needing sign-in).
    void signInNeeded(const QString &accountKey);
    void drainStarted();
    void finished(const sportello::sync::SyncRunReport &report);

private:
    void nextAccount();
    void startConnector(const Result<QString> &token);
    void onConnectorFinished(const SyncResult &result);
    void finishAccount(AccountSyncReport report);
    void finishPass();
    void releaseLease();
    // After each stored page: the lease is renewed; lost to another process, the connector stops.
    void onProgress(const SyncProgress &progress);
    qint64 leaseTtlMs() const;

    QNetworkAccessManager *m_network;
    Database &m_database;
    const Clock &m_clock;
    accounts::TokenStore &m_keychain;
    SyncOptions m_options;
    ConnectorFactory m_factory;
    PassEndStep m_passEnd;
    AccountFilter m_filter;

    QVector<accounts::Account> m_accounts;
    int m_index = -1;
    QString m_graphVersion;
    std::unique_ptr<Connector> m_connector;
    AccountSyncReport m_current;
    SyncRunReport m_report;
    qint64 m_startedMs = 0;
    bool m_running = false;
    bool m_stopRequested = false;
    QString m_leaseOwner;   // this runner's id in the sync leases
    QString m_leaseAccount; // the account uuid whose lease it holds, empty when none
};

QString describe(AccountSyncReport::Outcome outcome);
// "3 delivered, 1 held, 2 still waiting" and the reasons of what failed or was held.
QString describe(const outbox::DrainSummary &summary);

// The pass-end step that drains the outbox through this dispatcher (which must outlive the
// runner's passes). When the dispatcher is already draining, the step waits for that pass.
SyncRunner::PassEndStep outboxDrainStep(outbox::OutboxDispatcher &dispatcher);

} // namespace sportello::sync

Q_DECLARE_METATYPE(sportello::sync::AccountSyncReport)
Q_DECLARE_METATYPE(sportello::sync::SyncRunReport)
