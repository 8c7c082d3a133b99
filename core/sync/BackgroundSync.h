#pragma once
// The console's sync pass, off the GUI thread. Each pass runs a SyncRunner in a worker QThread
// that owns its own QNetworkAccessManager and its own connection to the same cache file (WAL:
// the caller's connection sees every page as it commits), so a page transaction never blocks the
// caller's event loop. What stays on the caller's thread: reading the tokens (the keychain
// answers asynchronously there; they reach the worker in memory only), the pass-end step (the
// outbox drain, whose transactions are single-row) and every signal, which arrive queued. See
// docs/network.md, "Sync runner".

#include "sync/SyncRunner.h"

#include <QObject>
#include <map>
#include <mutex>
#include <optional>

class QThread;

namespace sportello {
class Clock;
class Database;
namespace accounts {
class TokenStore;
} // namespace accounts
} // namespace sportello

namespace sportello::sync {

class SyncWorker;

class BackgroundSync : public QObject {
    Q_OBJECT
public:
    // database is the caller's connection: the accounts are listed there to read their tokens,
    // and the worker opens database.path(). clock is read from the worker thread as well
    // (SystemClock is safe to). All three must outlive this object.
    BackgroundSync(Database &database, const Clock &clock, accounts::TokenStore &keychain, QObject *parent = nullptr);
    // Stops a pass in flight and joins its thread (see shutdown()).
    ~BackgroundSync() override;

    void setOptions(const SyncOptions &options) { m_options = options; }
    const SyncOptions &options() const { return m_options; }
    // Called on the worker thread, once per account.
    void setConnectorFactory(ConnectorFactory factory) { m_factory = std::move(factory); }
    // Runs on this thread once the worker has fetched every account (not after an interrupted
    // pass), before finished(); see SyncRunner::setPassEndStep.
    void setPassEndStep(SyncRunner::PassEndStep step) { m_passEnd = std::move(step); }

    // Starts a pass; false (and nothing happens) when one is already running.
    bool start();
    bool isRunning() const { return m_running; }
    // As SyncRunner::requestStop: the worker stores the page it is fetching and ends; finished()
    // follows, saying interrupted.
    void requestStop();
    // For closing the console or switching cache: the worker ends at once after the page being
    // stored (the request in flight is abandoned; its cursor was not advanced, so the next pass
    // fetches it again), closes its connection on its own thread, and the thread is joined.
    // No finished() follows. The object can start a new pass afterwards.
    void shutdown();
    const SyncRunReport &lastReport() const { return m_report; }

signals:
    void started(int accountCount);
    void accountStarted(const QString &accountKey, int index, int accountCount);
    void progress(const sportello::sync::SyncProgress &progress);
    void accountFinished(const sportello::sync::AccountSyncReport &report);
    void signInNeeded(const QString &accountKey);
    void drainStarted();
    void finished(const sportello::sync::SyncRunReport &report);
    // What the worker's requests said about the network (NetworkStatus::reportSuccess and
    // reportFailure take them), since NetworkStatus cannot watch a manager on another thread.
    void requestAnswered();
    void requestFailed(const QString &host);

private:
    void readTokens(int index);
    void startWorker();
    void onFetchFinished(const SyncRunReport &report);
    void finishPass();
    void joinWorker();
    friend class SyncWorker;

    Database &m_database;
    const Clock &m_clock;
    accounts::TokenStore &m_keychain;
    SyncOptions m_options;
    ConnectorFactory m_factory;
    SyncRunner::PassEndStep m_passEnd;

    QVector<accounts::Account> m_accounts;       // listed for the token reads only
    std::map<QString, Result<QString>> m_tokens; // by token key; handed to the worker, then cleared
    QThread *m_thread = nullptr;
    SyncWorker *m_worker = nullptr;
    SyncRunReport m_report;
    bool m_running = false;
    bool m_stopRequested = false;
    qint64 m_startedMs = 0;
    quint64 m_pass = 0; // guards the token reads' callbacks against a pass shut down meanwhile

    // The worker's result is handed over under this lock, and the worker takes it once more as its
    // last act: Qt's own hand-over (its event queue, QThread::wait) is invisible to
    // ThreadSanitizer in an uninstrumented Qt, a std::mutex is not.
    Q_INVOKABLE void takeFetched();
    std::mutex m_handoff;
    std::optional<std::pair<quint64, SyncRunReport>> m_fetched;
};

} // namespace sportello::sync
