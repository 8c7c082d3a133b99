#include "sync/BackgroundSync.h"

#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "net/NetworkStatus.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QThread>
#include <QTimer>

namespace sportello::sync {

namespace {

// The tokens read on the caller's thread before the pass, for the worker's runner: in memory only.
class HandedTokens final : public accounts::TokenStore {
public:
    explicit HandedTokens(std::map<QString, Result<QString>> tokens) : m_tokens(std::move(tokens)) {}
    Result<QString> read(const QString &accountKey) override
    {
        const auto it = m_tokens.find(accountKey);
        if (it == m_tokens.end())
            return Error{QCoreApplication::translate("Accounts", "No token is stored for %1.").arg(accountKey),
                         ErrorKind::NotFound};
        return it->second;
    }
    Status write(const QString &accountKey, const QString &token) override
    {
        m_tokens.insert_or_assign(accountKey, Result<QString>(token));
        return Status::success();
    }
    Status remove(const QString &accountKey) override
    {
        m_tokens.erase(accountKey);
        return Status::success();
    }
    void forget(const QString &accountKey) override { m_tokens.erase(accountKey); }

private:
    std::map<QString, Result<QString>> m_tokens;
};

} // namespace

// Lives in the pass's thread; everything it owns is created, used and destroyed there.
class SyncWorker : public QObject {
    Q_OBJECT
public:
    struct Setup {
        QString path;
        const Clock *clock = nullptr;
        SyncOptions options;
        ConnectorFactory factory;
        std::map<QString, Result<QString>> tokens;
        bool stopAtOnce = false; // stop was requested while the tokens were read
        quint64 pass = 0;
    };
    SyncWorker(Setup setup, BackgroundSync *owner) : m_setup(std::move(setup)), m_owner(owner) {}

    void run()
    {
        Database::Options existing;
        existing.createIfMissing = false;
        auto opened = openCache(m_setup.path, existing);
        if (!opened) {
            SyncRunReport report;
            report.error = opened.error();
            deliver(report);
            return;
        }
        m_database = std::move(opened).value();
        m_network = new QNetworkAccessManager(this);
        BackgroundSync *owner = m_owner; // its signals reach the caller's thread queued
        connect(m_network, &QNetworkAccessManager::finished, this, [owner](QNetworkReply *reply) {
            switch (net::NetworkStatus::judge(reply)) {
            case net::NetworkStatus::Verdict::Answered: emit owner->requestAnswered(); break;
            case net::NetworkStatus::Verdict::NoAnswer: emit owner->requestFailed(reply->url().host()); break;
            case net::NetworkStatus::Verdict::Ignored: break;
            }
        });
        m_tokens = std::make_unique<HandedTokens>(std::move(m_setup.tokens));
        m_runner = std::make_unique<SyncRunner>(m_network, *m_database, *m_setup.clock, *m_tokens);
        m_runner->setOptions(m_setup.options);
        if (m_setup.factory)
            m_runner->setConnectorFactory(m_setup.factory);
        // The owner's signals are emitted from here and reach its thread queued, through the
        // connections its receivers made there. No connection to the owner is made on this
        // thread: a connection object made here and run there is handed over by Qt's event
        // queue, whose locking ThreadSanitizer cannot see in an uninstrumented Qt.
        SyncRunner *runner = m_runner.get();
        connect(runner, &SyncRunner::started, this, [owner](int count) { emit owner->started(count); });
        connect(runner, &SyncRunner::accountStarted, this,
                [owner](const QString &key, int index, int count) { emit owner->accountStarted(key, index, count); });
        connect(runner, &SyncRunner::progress, this, [owner](const SyncProgress &p) { emit owner->progress(p); });
        connect(runner, &SyncRunner::accountFinished, this,
                [owner](const AccountSyncReport &r) { emit owner->accountFinished(r); });
        connect(runner, &SyncRunner::signInNeeded, this,
                [owner](const QString &key) { emit owner->signInNeeded(key); });
        connect(m_runner.get(), &SyncRunner::finished, this, [this](const SyncRunReport &report) {
            // Not from inside the runner's own signal: it is destroyed on the way out.
            QMetaObject::invokeMethod(
                this, [this, report] { deliver(report); }, Qt::QueuedConnection);
        });
        m_runner->start();
        if (m_setup.stopAtOnce)
            m_runner->requestStop();
    }

    // Called by name from the owner's thread (queued): the call carries no data across threads.
    Q_INVOKABLE void stop()
    {
        if (m_runner)
            m_runner->requestStop();
    }

    // Shutdown: between two events, so never inside a page transaction.
    Q_INVOKABLE void abandon()
    {
        if (m_runner)
            m_runner->requestStop();
        teardown();
        std::lock_guard<std::mutex> handoff(m_owner->m_handoff); // orders the teardown before the join
        thread()->quit();
    }

private:
    void teardown()
    {
        m_runner.reset(); // its connector aborts the request in flight, its lease is released
        // Connectors the runner let go with deleteLater go now, while the manager and the
        // connection they were built on still exist.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        delete m_network; // after the connector: it still held a reply of this manager
        m_network = nullptr;
        m_database.reset(); // the connection is closed on the thread that opened it
        m_tokens.reset();
    }

    void deliver(const SyncRunReport &report)
    {
        teardown();
        {
            std::lock_guard<std::mutex> handoff(m_owner->m_handoff);
            m_owner->m_fetched = std::make_pair(m_setup.pass, report);
        }
        // By name: nothing made on this thread is run on the owner's.
        QMetaObject::invokeMethod(m_owner, "takeFetched", Qt::QueuedConnection);
        thread()->quit();
    }

    Setup m_setup;
    BackgroundSync *m_owner; // joins this thread before it goes
    std::unique_ptr<Database> m_database;
    QNetworkAccessManager *m_network = nullptr;
    std::unique_ptr<HandedTokens> m_tokens;
    std::unique_ptr<SyncRunner> m_runner;
};

BackgroundSync::BackgroundSync(Database &database, const Clock &clock, accounts::TokenStore &keychain, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_keychain(keychain)
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncResult>();
    qRegisterMetaType<AccountSyncReport>();
    qRegisterMetaType<SyncRunReport>();
    // The real keychain forgets a refused token too; the worker's copy is already gone.
    connect(this, &BackgroundSync::signInNeeded, this, [this](const QString &key) { m_keychain.forget(key); });
}

BackgroundSync::~BackgroundSync() { shutdown(); }

bool BackgroundSync::start()
{
    if (m_running)
        return false;
    m_running = true;
    m_stopRequested = false;
    m_report = SyncRunReport{};
    m_startedMs = m_clock.nowMs();
    ++m_pass;
    m_tokens.clear();
    // An unreadable list is reported by the worker's runner, which reads it again.
    auto accounts = accounts::AccountStore(m_database).list();
    m_accounts = accounts ? std::move(accounts).value() : QVector<accounts::Account>{};
    readTokens(0);
    return true;
}

void BackgroundSync::readTokens(int index)
{
    // The keychain is asked one account at a time, without waiting: it may take seconds.
    for (; index < m_accounts.size(); ++index) {
        const accounts::Account &account = m_accounts.at(index);
        if (account.needsSignIn || !account.tokenEnv.isEmpty())
            continue; // not contacted, or read from the environment by the worker
        const QString key = account.tokenKey();
        const quint64 pass = m_pass;
        // The access token itself (a renewing keychain renews it here, on the caller's thread).
        accounts::tokenForAsync(account, m_keychain, this, [this, pass, index, key](const Result<QString> &token) {
            if (pass != m_pass || !m_running)
                return;
            m_tokens.insert_or_assign(key, token);
            readTokens(index + 1);
        });
        return;
    }
    startWorker();
}

void BackgroundSync::startWorker()
{
    SyncWorker::Setup setup;
    setup.path = m_database.path();
    setup.clock = &m_clock;
    setup.options = m_options;
    setup.factory = m_factory;
    setup.tokens = std::move(m_tokens);
    setup.stopAtOnce = m_stopRequested;
    setup.pass = m_pass;
    m_tokens.clear();
    m_accounts.clear();

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("sportello-sync"));
    m_worker = new SyncWorker(std::move(setup), this);
    m_worker->moveToThread(m_thread);
    SyncWorker *worker = m_worker;
    connect(m_thread, &QThread::started, worker, [worker] { worker->run(); });
    m_thread->start();
}

void BackgroundSync::requestStop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    m_report.interrupted = true; // for a stop during the drain; the worker reports its own
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, "stop", Qt::QueuedConnection);
    }
}

void BackgroundSync::onFetchFinished(const SyncRunReport &report)
{
    joinWorker();
    m_report = report;
    if (m_stopRequested)
        m_report.interrupted = true;
    if (!m_passEnd || m_report.interrupted || !m_report.error.isEmpty()) {
        finishPass();
        return;
    }
    m_report.drainRan = true;
    emit drainStarted();
    const quint64 pass = m_pass;
    QPointer<BackgroundSync> self(this);
    m_passEnd([self, pass](bool ok, const QString &summary) {
        if (!self || self->m_pass != pass || !self->m_running)
            return;
        self->m_report.drainOk = ok;
        self->m_report.drainSummary = summary;
        QTimer::singleShot(0, self.data(), &BackgroundSync::finishPass);
    });
}

void BackgroundSync::finishPass()
{
    if (!m_running)
        return;
    m_running = false;
    m_report.elapsedMs = m_clock.nowMs() - m_startedMs;
    emit finished(m_report);
}

void BackgroundSync::shutdown()
{
    ++m_pass; // token reads and a drain still answering belong to no pass now
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, "abandon", Qt::QueuedConnection);
    }
    joinWorker();
    // Progress the worker queued before it ended describes a pass that is gone.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    m_tokens.clear();
    m_accounts.clear();
    m_running = false;
}

void BackgroundSync::takeFetched()
{
    std::optional<std::pair<quint64, SyncRunReport>> fetched;
    {
        std::lock_guard<std::mutex> handoff(m_handoff);
        fetched.swap(m_fetched);
    }
    if (fetched && fetched->first == m_pass)
        onFetchFinished(fetched->second);
}

void BackgroundSync::joinWorker()
{
    if (!m_thread)
        return;
    m_thread->wait();
    {
        std::lock_guard<std::mutex> handoff(m_handoff); // the worker's last act (see the header)
        m_fetched.reset();
    }
    delete m_worker; // its thread has ended: nothing of it runs any more
    m_worker = nullptr;
    delete m_thread;
    m_thread = nullptr;
}

} // namespace sportello::sync

#include "BackgroundSync.moc"
