#include "team/TeamLink.h"

#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "storage/Database.h"
#include "team/TeamLog.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <algorithm>

namespace sportello::team {

// Lives in the link's thread from construction to shutdown(); every member is touched there only.
class TeamLinkWorker : public QObject {
    Q_OBJECT
public:
    TeamLinkWorker(QString cachePath, QString password, const Clock &clock, int pollIntervalMs)
        : m_cachePath(std::move(cachePath)), m_password(std::move(password)), m_clock(clock),
          m_pollIntervalMs(pollIntervalMs)
    {}

    Q_INVOKABLE void begin()
    {
        m_roundTimer = new QTimer(this);
        m_roundTimer->setSingleShot(true);
        connect(m_roundTimer, &QTimer::timeout, this, &TeamLinkWorker::round);
        m_pollTimer = new QTimer(this);
        connect(m_pollTimer, &QTimer::timeout, this, &TeamLinkWorker::round);
        m_pollTimer->start(m_pollIntervalMs);

        Database::Options existing;
        existing.createIfMissing = false;
        auto opened = openCache(m_cachePath, existing);
        if (!opened) {
            emit state(TeamLink::State::Offline, opened.error());
            return;
        }
        m_cache = std::move(opened).value();
        // The password the console read stays in memory only, under the key the replica asks for.
        if (!m_password.isEmpty()) {
            auto membership = TeamMembership::load(m_cache->connection());
            if (membership && membership->has_value())
                (void)m_keychain.write(passwordKey(membership->value().url), m_password);
        }
        m_replica = std::make_unique<TeamReplica>(*m_cache, m_clock, &m_keychain);
        // Smaller pages than a catch-up's default: each page's transaction holds the cache's
        // write lock, and the agent's decision waits for it.
        m_replica->setPageSize(kPageSize);
        emit state(TeamLink::State::Connecting, QString());
        round();
    }

    // Another connection's change wakes the link; its own push's notification does not (the
    // round that pushed pulls right after).
    void onNotification(const QString &, QSqlDriver::NotificationSource source, const QVariant &)
    {
        if (source != QSqlDriver::SelfSource)
            syncSoon();
    }

    // A round within kDebounceMs: wakes that come closer together share it. A round already due
    // sooner is not put off (a steady stream of notifications must not postpone it forever); one
    // due later (a reconnection's pause) is brought forward.
    Q_INVOKABLE void syncSoon()
    {
        if (!m_roundTimer || m_shutDown)
            return;
        if (!m_roundTimer->isActive() || m_roundTimer->remainingTime() > kDebounceMs)
            m_roundTimer->start(kDebounceMs);
    }

    // Closes the connections on this thread, then ends the thread's event loop.
    Q_INVOKABLE void shutdown()
    {
        m_shutDown = true;
        if (m_roundTimer)
            m_roundTimer->stop();
        if (m_pollTimer)
            m_pollTimer->stop();
        m_replica.reset();
        m_cache.reset();
        m_claims = {}; // its nodes were made here: freed here too, not by the owner's thread
        {
            // The last write of this thread to the worker, under the mutex that ended() takes.
            const std::lock_guard lock(m_jobsMutex);
            m_jobs.clear(); // calls that came after the end are not answered: the link is gone
        }
        QThread::currentThread()->quit();
    }

    // Called by the owner after joining the thread, before deleting the worker: taking the mutex
    // that shutdown() released last makes its writes visible to thread checkers, which do not see
    // QThread::wait() (Qt's own synchronisation is not instrumented).
    void ended() { const std::lock_guard lock(m_jobsMutex); }

    // The owner's thread queues a call; the queue is under a std::mutex (not inside a queued
    // functor) so that thread checkers see the hand-off.
    void enqueue(std::function<void(const QSqlDatabase *team)> job)
    {
        const std::lock_guard lock(m_jobsMutex);
        m_jobs.push_back(std::move(job));
    }

    // The console's calls: with the connection when there is one (a call does not open it: the
    // rounds do, with their backoff), then a look at the claims, which the calls may have changed.
    Q_INVOKABLE void runQueued()
    {
        std::deque<std::function<void(const QSqlDatabase *team)>> jobs;
        {
            const std::lock_guard lock(m_jobsMutex);
            jobs.swap(m_jobs);
        }
        if (m_shutDown || jobs.empty())
            return;
        if (!m_replica || !m_replica->isConnected()) {
            for (const auto &job : jobs)
                job(nullptr);
            return;
        }
        const QSqlDatabase team = m_replica->teamDatabase();
        for (const auto &job : jobs)
            job(&team);
        refreshClaims();
    }

signals:
    void state(sportello::team::TeamLink::State state, const QString &message);
    void roundFinished(const sportello::team::SyncReport &report);
    void claimsChanged(const QVector<sportello::team::LiveClaim> &claims);

private:
    // Reads the claims changed since the last look (the live ones at the first) and sends the
    // console what changed, on its clock.
    void refreshClaims()
    {
        if (!m_replica || !m_replica->isConnected())
            return;
        const qint64 since = m_claimsSeenAtMs < 0 ? -1 : m_claimsSeenAtMs - kClaimsOverlapMs;
        auto read = readClaimsSince(m_replica->teamDatabase(), since);
        if (!read) {
            qCWarning(lcTeam) << "reading the team's claims:" << read.error();
            return;
        }
        const qint64 offset = m_clock.nowMs() - read->serverNowMs; // server to desktop
        m_claimsSeenAtMs = read->serverNowMs;
        QVector<LiveClaim> changed;
        for (const QJsonObject &row : std::as_const(read->rows)) {
            auto claim = LiveClaim::fromRow(row);
            if (!claim)
                continue;
            claim->claimedAtMs += offset;
            claim->untilMs += offset;
            if (claim->typingUntilMs)
                claim->typingUntilMs += offset;
            const QString key = claim->thread.toString();
            auto known = m_claims.constFind(key);
            if (known != m_claims.constEnd() && *known == *claim)
                continue; // seen in the overlap
            m_claims.insert(key, *claim);
            changed.push_back(*claim);
        }
        // Ended claims are kept only as long as the overlap can bring them again.
        const qint64 now = m_clock.nowMs();
        for (auto it = m_claims.begin(); it != m_claims.end();) {
            if (it->untilMs < now - 2 * kClaimsOverlapMs)
                it = m_claims.erase(it);
            else
                ++it;
        }
        if (!changed.isEmpty())
            emit claimsChanged(changed);
    }

    void round()
    {
        if (m_shutDown || !m_replica)
            return;
        const bool wasConnected = m_replica->isConnected();
        if (!wasConnected) {
            if (Status s = m_replica->connect(); !s) {
                scheduleReconnect(s.failure());
                return;
            }
            listen();
            m_retryMs = kFirstRetryMs;
            emit state(TeamLink::State::Connected, QString());
        }
        if (!wasConnected)
            m_claimsSeenAtMs = -1; // a new connection: the live claims again, whatever was missed
        auto report = m_replica->syncOnce();
        listen(); // the replica may have opened a new connection in the round (the old one was dropped)
        if (!report) {
            m_replica->disconnect();
            scheduleReconnect(report.failure());
            return;
        }
        if (!report->ok()) {
            // A push or a pull that failed after connecting: the connection may be gone. The
            // next round reconnects if it is.
            qCWarning(lcTeam) << "team round:" << report->errors.join(QStringLiteral("; "));
            m_replica->disconnect();
            scheduleReconnect(Error{report->errors.join(QLatin1Char('\n')), ErrorKind::Network});
        }
        refreshClaims();
        sayPresent();
        emit roundFinished(*report);
    }

    // "I am here" for the supervisor's board, at most every kHeartbeatMs (rounds may come every
    // 50 ms when the team is busy; the board counts a desktop online for kOnlineForMs).
    void sayPresent()
    {
        const qint64 now = m_clock.nowMs();
        if (!m_replica || !m_replica->isConnected() || (m_lastHeartbeatMs && now - m_lastHeartbeatMs < kHeartbeatMs))
            return;
        if (Status s = heartbeat(m_replica->teamDatabase(), QSysInfo::machineHostName()); !s) {
            qCWarning(lcTeam) << "telling the team this desktop is here:" << s.error();
            return;
        }
        m_lastHeartbeatMs = now;
    }

    void listen()
    {
        QSqlDriver *driver = m_replica->connectionDriver();
        if (!driver)
            return;
        // A notification only wakes the replica: the round reads the feed by position.
        if (!driver->subscribedToNotifications().contains(QLatin1String(kFeedChannel)))
            driver->subscribeToNotification(QLatin1String(kFeedChannel));
        connect(driver, &QSqlDriver::notification, this, &TeamLinkWorker::onNotification, Qt::UniqueConnection);
    }

    void scheduleReconnect(const Error &error)
    {
        const TeamLink::State next =
            error.kind == ErrorKind::Network ? TeamLink::State::Reconnecting : TeamLink::State::Offline;
        emit state(next, error.message);
        if (m_roundTimer)
            m_roundTimer->start(m_retryMs);
        m_retryMs = std::min(m_retryMs * 2, kLongestRetryMs);
    }

    static constexpr int kDebounceMs = 50;
    static constexpr qint64 kHeartbeatMs = 10'000;
    static constexpr int kPageSize = 200;
    static constexpr int kFirstRetryMs = 1'000;
    static constexpr int kLongestRetryMs = 30'000;

    QString m_cachePath;
    QString m_password;
    const Clock &m_clock;
    int m_pollIntervalMs;
    accounts::MemoryTokenStore m_keychain;
    std::unique_ptr<Database> m_cache;
    std::unique_ptr<TeamReplica> m_replica;
    QTimer *m_roundTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    int m_retryMs = kFirstRetryMs;
    bool m_shutDown = false;
    QHash<QString, LiveClaim> m_claims; // by thread, as last sent
    std::mutex m_jobsMutex;
    std::deque<std::function<void(const QSqlDatabase *team)>> m_jobs; // guarded by m_jobsMutex
    qint64 m_claimsSeenAtMs = -1;       // the server's clock at the last look; -1: none yet
    qint64 m_lastHeartbeatMs = 0;
};

TeamLink::TeamLink(const QString &cachePath, const QString &password, const Clock &clock, QObject *parent)
    : QObject(parent), m_cachePath(cachePath), m_password(password), m_clock(clock)
{
    qRegisterMetaType<sportello::team::SyncReport>();
    qRegisterMetaType<sportello::team::TeamLink::State>();
    qRegisterMetaType<sportello::team::LiveClaim>();
    qRegisterMetaType<QVector<sportello::team::LiveClaim>>();
}

TeamLink::~TeamLink() { stop(); }

void TeamLink::setPollIntervalMs(int ms) { m_pollIntervalMs = std::max(ms, 100); }

void TeamLink::start()
{
    if (m_thread)
        return;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("team link"));
    m_worker = new TeamLinkWorker(m_cachePath, m_password, m_clock, m_pollIntervalMs);
    m_worker->moveToThread(m_thread);
    // Made here, on the owner's thread, before the worker runs: the worker never connects to us.
    connect(m_worker, &TeamLinkWorker::state, this, &TeamLink::onState, Qt::QueuedConnection);
    connect(m_worker, &TeamLinkWorker::roundFinished, this, &TeamLink::roundFinished, Qt::QueuedConnection);
    connect(m_worker, &TeamLinkWorker::claimsChanged, this, &TeamLink::claimsChanged, Qt::QueuedConnection);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, "begin", Qt::QueuedConnection);
}

void TeamLink::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, "shutdown", Qt::QueuedConnection);
    m_thread->wait();
    m_worker->ended();
    delete m_worker;
    m_worker = nullptr;
    delete m_thread;
    m_thread = nullptr;
    // What the worker queued before it ended describes a link that is gone.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    const std::lock_guard lock(m_answersMutex);
    m_answers.clear();
}

void TeamLink::syncSoon()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, "syncSoon", Qt::QueuedConnection);
}

void TeamLink::post(std::function<void(const QSqlDatabase *team)> job)
{
    if (!m_worker) {
        job(nullptr);
        return;
    }
    m_worker->enqueue(std::move(job));
    QMetaObject::invokeMethod(m_worker, "runQueued", Qt::QueuedConnection);
}

void TeamLink::deliver(std::function<void()> answer)
{
    {
        const std::lock_guard lock(m_answersMutex);
        m_answers.push_back(std::move(answer));
    }
    QMetaObject::invokeMethod(this, "deliverAnswers", Qt::QueuedConnection);
}

void TeamLink::deliverAnswers()
{
    std::deque<std::function<void()>> answers;
    {
        const std::lock_guard lock(m_answersMutex);
        answers.swap(m_answers);
    }
    for (const auto &answer : answers)
        answer();
}

Error TeamLink::notConnected()
{
    return Error{QCoreApplication::translate("Team", "Not connected to the team database: claims, the next thread "
                                                     "and approvals need it. Sportello keeps trying."),
                 ErrorKind::Network};
}

void TeamLink::callStatus(std::function<Status(const QSqlDatabase &team)> work, QObject *receiver,
                          std::function<void(const Status &)> answer)
{
    call<bool>(
        [work = std::move(work)](const QSqlDatabase &team) -> Result<bool> {
            if (Status s = work(team); !s)
                return s.failure();
            return true;
        },
        receiver,
        [answer = std::move(answer)](const Result<bool> &result) {
            answer(result ? Status() : Status(result.failure()));
        });
}

void TeamLink::onState(State state, const QString &message)
{
    if (state == m_state && message == m_message)
        return;
    m_state = state;
    m_message = message;
    emit stateChanged(state, message);
}

} // namespace sportello::team

#include "TeamLink.moc"
