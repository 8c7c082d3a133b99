#include "session/ConsoleSession.h"

#include "session/SessionLog.h"
#include "session/ThreadClaims.h"

#include "accounts/Accounts.h"
#include "accounts/RenewingTokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "fileimport/InAppInbox.h"
#include "net/NetworkStatus.h"
#include "outbox/Moderation.h"
#include "outbox/Handoff.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "queue/QueueCounter.h"
#include "report/MeasureStore.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "sync/BackgroundSync.h"
#include "sync/SyncRunner.h"
#include "team/TeamDatabase.h"
#include "team/TeamModeration.h"
#include "team/TeamReplica.h"
#include "timers/PolicyStore.h"
#include "timers/TimerWatch.h"

#include <QCoreApplication>
#include <QDir>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

namespace sportello {

ConsoleSession::ConsoleSession(std::unique_ptr<Database> database, const SessionEnvironment &environment,
                               const Agent &agent, const QString &description, QObject *parent)
    : QObject(parent), m_environment(environment), m_database(std::move(database)), m_description(description)
{
    Q_ASSERT(m_database && m_environment.clock && m_environment.tokens && m_environment.networkStatus);
    m_triage = std::make_unique<TriageService>(*m_database, clock(), agent);
    m_counter = std::make_unique<QueueCounter>(*m_database);
    m_timers = std::make_unique<TimerWatch>(clock());
    // One network manager for the outbox, so that the one status watches its answers.
    m_network = new QNetworkAccessManager(this);
    m_environment.networkStatus->watch(m_network);
    // A cache that cannot say whether it is in a team is treated as alone: its reads still work,
    // and the first write that meets the damage turns the session read-only.
    if (auto membership = team::TeamMembership::load(m_database->connection()); membership && membership->has_value())
        m_team = std::move(membership).value();
    // The claims name this desktop by its host name (the board shows where a thread is open).
    if (m_team)
        m_claims = std::make_unique<ThreadClaims>(clock(), m_team->login, QSysInfo::machineHostName());
    // A damaged cache delivers and syncs nothing.
    if (m_team && !m_database->isReadOnly())
        applyTeamErasures();
    if (!m_database->isReadOnly())
        startDelivery();
}

// Before the console shows anything of a team cache: the person erased while this desktop was
// away must not show up until the link's first round (docs/privacy.md, "Team mode"). One
// connection, bounded by the team URL's connect_timeout (10 s by default); offline, the console
// opens on what the cache holds, and the link's first round applies the erasures before the feed.
void ConsoleSession::applyTeamErasures()
{
    team::TeamReplica replica(*m_database, clock(), m_environment.tokens);
    auto applied = replica.applyErasures();
    if (!applied) {
        qCInfo(lcSession) << "team erasures not checked at start (offline?), the link applies them first:"
                          << errorKindName(applied.errorKind());
        return;
    }
    if (applied->erasures > 0)
        qCInfo(lcSession) << "applied" << applied->erasures << "erasures of the team before showing the queue";
}

ConsoleSession::~ConsoleSession()
{
    // The sync and the outbox first (a pass in flight ends and its thread is joined), then what
    // reads the cache, then the cache, then its folder.
    qCInfo(lcSession) << "session closing";
    stopReportFigures();
    stopDelivery();
    m_claims.reset();
    m_timers.reset();
    m_counter.reset();
    m_triage.reset();
    m_database.reset();
}

Status ConsoleSession::open()
{
    m_timers->setDatabase(m_database.get());
    Status loaded = reloadGuardConfiguration();
    if (!loaded)
        qCWarning(lcSession) << "session opened without its guard configuration:" << errorKindName(loaded.errorKind());
    else
        qCInfo(lcSession) << "session opened";
    return loaded;
}

void ConsoleSession::recheckTimers() { m_timers->rescan(); }

void ConsoleSession::keepFolder(std::unique_ptr<QTemporaryDir> folder) { m_folder = std::move(folder); }

std::unique_ptr<QTemporaryDir> ConsoleSession::takeFolder() { return std::move(m_folder); }

QString ConsoleSession::path() const { return m_database->path(); }

void ConsoleSession::setAgent(const Agent &agent)
{
    if (!m_team) {
        m_triage->setAgent(agent);
        return;
    }
    // In a team the agent is the login the cache joined with, under the name the team knows; the
    // team database records the login whatever a desktop says.
    Agent member = agent;
    member.id = m_team->login;
    QSqlQuery name(m_database->connection());
    if (sql::prepare(name, QStringLiteral("SELECT name FROM team_agents WHERE login = ?"))) {
        name.addBindValue(m_team->login);
        if (sql::exec(name) && name.next() && !name.value(0).toString().isEmpty())
            member.name = name.value(0).toString();
    }
    m_triage->setAgent(member);
}

Result<ThreadDetail> ConsoleSession::thread(qint64 threadId) const { return QueueQuery(*m_database).thread(threadId); }

Result<std::optional<ComplaintClock>> ConsoleSession::complaint(qint64 threadId) const
{
    return complaintClock(*m_database, threadId);
}

Result<std::optional<outbox::HandoffStatus>> ConsoleSession::handoff(qint64 threadId) const
{
    return outbox::HandoffLoop(*m_database, clock()).latestForThread(threadId);
}

Result<QStringList> ConsoleSession::readHandoffStatusFiles()
{
    if (isReadOnly())
        return QStringList();
    auto settings = outbox::readHandoffSettings(*m_database);
    if (!settings)
        return settings.failure();
    if (settings->folder.isEmpty())
        return QStringList();
    auto scan = outbox::HandoffLoop(*m_database, clock()).scanStatusFolder(settings->folder);
    if (!scan)
        return noteFailure(scan.failure()).failure();
    for (qint64 thread : scan->threads)
        emit handoffUpdated(thread);
    return scan->errors;
}

Result<qint64> ConsoleSession::threadCount() const { return QueueQuery(*m_database).threadCount(); }

Result<ResponsePolicy> ConsoleSession::activePolicy() const { return PolicyStore(*m_database).active(); }

Result<std::optional<Draft>> ConsoleSession::loadDraft(qint64 threadId) const
{
    return DraftStore(*m_database).load(threadId);
}

Status ConsoleSession::saveDraft(qint64 threadId, const QString &text, std::optional<DecisionKind> armed)
{
    if (isReadOnly())
        return readOnlyRefusal();
    return noteFailure(DraftStore(*m_database).save(threadId, text, armed, clock().nowMs()));
}

bool ConsoleSession::isReadOnly() const { return m_database->isReadOnly(); }

QString ConsoleSession::readOnlyMessage() const
{
    if (!isReadOnly())
        return {};
    return QCoreApplication::translate("ConsoleSession",
                                       "The cache %1 is damaged (%2). It is open read-only: nothing can be decided, "
                                       "imported, synced or saved in it. Save what can still be read into a new cache "
                                       "(File > Salvage into a New Cache…, or sportello-cli salvage).")
        .arg(QDir::toNativeSeparators(path()), m_database->damage());
}

Error ConsoleSession::readOnlyRefusal() const { return Error{readOnlyMessage(), ErrorKind::Corrupt}; }

Status ConsoleSession::noteFailure(Status status)
{
    if (!status && status.errorKind() == ErrorKind::Corrupt)
        switchReadOnly(status.error());
    return status;
}

void ConsoleSession::switchReadOnly(const QString &reason)
{
    if (isReadOnly())
        return;
    m_database->markDamaged(reason);
    qCWarning(lcSession) << "a corruption was met: the session is read-only";
    stopDelivery();
    emit switchedReadOnly(readOnlyMessage());
}

Result<DecisionOutcome> ConsoleSession::decide(DecisionRequest request)
{
    // Unless the network is known to be there (the platform says online, or a request got an
    // answer lately, and none failed since), the dispatcher checks the thread again before it
    // sends (deleted, answered meanwhile): the cache the agent read may be stale.
    if (isReadOnly())
        return readOnlyRefusal();
    request.decidedOffline = m_teamLink ? m_teamLink->state() != team::TeamLink::State::Connected
                                        : !m_environment.networkStatus->knownOnline();
    auto outcome = m_triage->decide(request);
    if (!outcome) {
        if (outcome.errorKind() == ErrorKind::Corrupt)
            switchReadOnly(outcome.error());
        return outcome;
    }
    // The answered thread's crossings are no longer the next ones.
    m_timers->rearm();
    // In a team the decision goes up now; the hub delivers it.
    if (m_teamLink) {
        m_teamLink->syncSoon();
        return outcome;
    }
    // Delivered at once when online and the channels are set up; a cache without accounts (an
    // import-only console) keeps its entries waiting instead of failing them.
    if (!outcome->outboxId.isEmpty() && m_dispatcher && m_environment.networkStatus->isOnline() && hasAccounts())
        m_dispatcher->drain();
    return outcome;
}

Status ConsoleSession::setCategory(qint64 threadId, Category category)
{
    if (isReadOnly())
        return readOnlyRefusal();
    Status set = noteFailure(m_triage->setCategory(threadId, category));
    // The new target may make the thread due soon or overdue at once.
    if (set)
        m_timers->rescan();
    return set;
}

ImportReport ConsoleSession::importFile(const QString &path, const ImportOptions &options)
{
    if (isReadOnly()) {
        ImportReport refused;
        refused.file = path;
        refused.error = readOnlyMessage();
        refused.errorKind = ErrorKind::Corrupt;
        return refused;
    }
    if (m_team) {
        // Posts imported here would stay on this desktop: in a team they come through the hub.
        ImportReport refused;
        refused.file = path;
        refused.error = QCoreApplication::translate(
            "ConsoleSession", "This cache is a replica of the team database: posts come from the team's hub. Import "
                              "the file on the hub (sportello-cli --database HUB_CACHE import FILE) so the whole team "
                              "sees them.");
        refused.errorKind = ErrorKind::RefusedByPolicy;
        return refused;
    }
    ImportReport report = sportello::importFile(*m_database, path, options);
    if (!report.ok && report.errorKind == ErrorKind::Corrupt)
        switchReadOnly(report.error);
    return report;
}

Status ConsoleSession::recount()
{
    if (Status s = m_counter->recount(clock().nowMs()); !s)
        return noteFailure(s);
    emit countsChanged(m_counter->counts());
    return Status::success();
}

Status ConsoleSession::advanceCounts()
{
    // Two index range counts over the second that passed; a full count when the data changed.
    if (Status s = m_counter->advance(clock().nowMs()); !s)
        return noteFailure(s);
    emit countsChanged(m_counter->counts());
    return Status::success();
}

void ConsoleSession::threadLeftQueue(qint64 dueAtMs, qint64 dueSoonAtMs)
{
    m_counter->threadLeftQueue(dueAtMs, dueSoonAtMs, clock().nowMs());
    emit countsChanged(m_counter->counts());
}

const QueueCounts &ConsoleSession::counts() const { return m_counter->counts(); }

Status ConsoleSession::reloadGuardConfiguration()
{
    // One small read: the team's configuration may have been changed by the CLI or a colleague.
    auto stored = GuardConfig::load(m_database->connection());
    if (!stored)
        return stored.failure();
    if (stored.value() == m_guard)
        return Status::success();
    m_guard = std::move(stored).value();
    emit guardConfigurationChanged(m_guard);
    return Status::success();
}

Result<OutboxCounts> ConsoleSession::outboxCounts() const
{
    if (m_team) {
        // The replica holds the whole team's outbox (the outbox view shows it, with each agent's
        // name); what needs this agent is their own failed or held entries.
        QSqlQuery q(m_database->connection());
        if (Status s = sql::prepare(q, QStringLiteral(
                                           "SELECT count(*) FILTER (WHERE o.state IN ('pending','sending','unknown')), "
                                           "count(*) FILTER (WHERE o.state IN ('failed','held') AND d.agent_id = ?) "
                                           "FROM outbox o JOIN decisions d ON d.id = o.decision_id"));
            !s)
            return s.failure();
        q.addBindValue(m_team->login);
        if (Status s = sql::exec(q); !s)
            return s.failure();
        if (!q.next())
            return OutboxCounts{};
        return OutboxCounts{q.value(0).toInt() + q.value(1).toInt(), q.value(1).toInt()};
    }
    outbox::OutboxStore store(*m_database, clock());
    auto waiting = store.countWaiting();
    if (!waiting)
        return waiting.failure();
    auto failed = store.countInState(outbox::OutboxState::Failed);
    auto held = store.countInState(outbox::OutboxState::Held);
    return OutboxCounts{*waiting, (failed ? *failed : 0) + (held ? *held : 0)};
}

void ConsoleSession::deliverOutbox()
{
    if (m_teamLink)
        m_teamLink->syncSoon();
    if (m_dispatcher)
        m_dispatcher->drain();
}

void ConsoleSession::deliverWaiting()
{
    if (!m_dispatcher || !m_environment.networkStatus->isOnline() || !hasAccounts())
        return;
    if (auto waiting = outbox::OutboxStore(*m_database, clock()).countWaiting(); waiting && *waiting > 0)
        m_dispatcher->drain();
}

void ConsoleSession::moderateComment(const outbox::ModerationRequest &request, std::function<void(const Status &)> done)
{
    if (isReadOnly())
        return done(readOnlyRefusal());
    if (m_team) {
        // Only the hub talks to the platforms: the request is recorded (after the checks that
        // need no request) and goes up with the next push; the feed brings the hub's outcome.
        auto recorded = team::requestModerationThroughHub(*m_database, request, clock().nowMs());
        if (!recorded)
            return done(noteFailure(recorded.failure()));
        if (m_teamLink)
            m_teamLink->syncSoon();
        return done({});
    }
    if (!m_moderator)
        return done(readOnlyRefusal());
    // A corruption met while storing the result turns the session read-only, as for a decision.
    m_moderator->moderate(request, [this, done = std::move(done)](const Status &status) { done(noteFailure(status)); });
}

void ConsoleSession::cancelModerationRequest(const QString &requestId, const QString &agentName,
                                             std::function<void(const Result<bool> &)> done)
{
    if (isReadOnly())
        return done(readOnlyRefusal());
    if (!m_team)
        return done(team::TeamLink::notConnected());
    auto withdrawn = team::withdrawModerationRequest(*m_database, requestId, agentName, clock().nowMs());
    if (!withdrawn)
        return done(noteFailure(withdrawn.failure()).failure());
    if (*withdrawn)
        return done(true);
    if (!m_teamLink)
        return done(team::TeamLink::notConnected());
    m_teamLink->call<team::ModerationCancel>(
        [requestId](const QSqlDatabase &teamDb) { return team::cancelModerationRequestInTeam(teamDb, requestId); },
        this,
        [this, done = std::move(done)](const Result<team::ModerationCancel> &cancelled) {
            if (!cancelled)
                return done(cancelled.failure());
            // The feed brings the settlement down: read it at once rather than at the next poll.
            if (m_teamLink)
                m_teamLink->syncSoon();
            done(*cancelled == team::ModerationCancel::Cancelled);
        });
}

Result<ConsoleSession::SyncStart> ConsoleSession::syncNow(bool manual)
{
    if (isReadOnly())
        return readOnlyRefusal();
    if (m_teamLink) {
        // The team is synced continuously; the agent's Sync Now only runs a round at once.
        if (manual)
            m_teamLink->syncSoon();
        return SyncStart::Started;
    }
    if (!m_sync)
        return readOnlyRefusal();
    if (m_sync->isRunning())
        return SyncStart::AlreadyRunning;
    readInAppInbox();
    // The periodic sync waits while the system says there is no network; after failed requests
    // it still tries, which is how the console notices the network is back.
    if (!manual && m_environment.networkStatus->platform() == net::NetworkStatus::Platform::Offline)
        return SyncStart::Offline;
    auto accounts = accounts::AccountStore(*m_database).list();
    if (!accounts)
        return accounts.failure();
    if (accounts->isEmpty())
        return SyncStart::NoAccounts;
    emit syncStarted();
    if (!m_sync->start())
        return SyncStart::AlreadyRunning;
    m_timers->holdBacklog(true); // until the pass ends (finished)
    qCInfo(lcSession) << (manual ? "sync started by the agent" : "periodic sync started") << "for" << accounts->size()
                      << "accounts";
    return SyncStart::Started;
}

void ConsoleSession::readInAppInbox()
{
    auto scan = scanInAppInbox(*m_database);
    if (!scan) {
        if (Status noted = noteFailure(scan.failure()); !noted)
            emit inAppInboxRead(0, {noted.error()});
        return;
    }
    QStringList rejected;
    for (const InboxFile &file : scan->files)
        if (!file.stored && !file.leftForLater)
            rejected << tr("%1: %2").arg(file.name, file.error);
    if (scan->postsAdded > 0) {
        emit postsArrived();
        m_timers->rescan(); // new messages may be due soon already
    }
    if (scan->postsAdded > 0 || !rejected.isEmpty())
        emit inAppInboxRead(scan->postsAdded, rejected);
}

bool ConsoleSession::isSyncing() const { return m_sync && m_sync->isRunning(); }

void ConsoleSession::recomputeReportFigures()
{
    if (isReadOnly())
        return;
    stopReportFigures();
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_figuresCancel = cancel;
    const QString file = m_database->path();
    QPointer<ConsoleSession> self(this);
    const auto tell = [self](auto signal) {
        QMetaObject::invokeMethod(
            self.data(), [self, signal] { if (self) signal(self.data()); }, Qt::QueuedConnection);
    };
    auto error = std::make_shared<QString>(); // written by the thread, read after it finished
    QThread *thread = QThread::create([file, cancel, tell, error] {
        Database::Options options;
        options.createIfMissing = false;
        auto opened = openCache(file, options);
        Status done = opened ? Status() : Status(opened.failure());
        if (opened) {
            auto policy = PolicyStore(*opened.value()).active();
            MeasureRefreshOptions refresh;
            refresh.cancelled = cancel.get();
            refresh.progress = [tell](qint64 n, qint64 total) {
                tell([n, total](ConsoleSession *s) { emit s->reportFiguresProgress(n, total); });
            };
            done = policy ? refreshPostMeasures(*opened.value(), policy.value(), refresh) : Status(policy.failure());
        }
        if (!done)
            *error = done.error();
    });
    m_figuresThread = thread;
    connect(thread, &QThread::finished, this, [this, guard = QPointer<QThread>(thread), cancel, error] {
        if (!guard)
            return;
        if (m_figuresThread == guard)
            m_figuresThread = nullptr;
        guard->deleteLater();
        if (!cancel->load()) // stopped with the session, or restarted: nobody waits for this end
            emit reportFiguresRecomputed(*error);
    });
    thread->start(QThread::LowPriority);
}

void ConsoleSession::stopReportFigures()
{
    if (!m_figuresThread)
        return;
    m_figuresCancel->store(true);
    m_figuresThread->wait(); // one batch of conversations at most
    m_figuresThread->deleteLater();
    m_figuresThread = nullptr;
}

void ConsoleSession::shutdown()
{
    stopReportFigures();
    if (m_sync)
        m_sync->shutdown();
    if (m_claims)
        m_claims->releaseCurrent(); // before the link stops: its last call
    if (m_teamLink)
        m_teamLink->stop();
}

void ConsoleSession::setTokenStore(accounts::TokenStore &tokens)
{
    stopDelivery();
    m_environment.tokens = &tokens;
    if (!isReadOnly())
        startDelivery();
}

void ConsoleSession::startDelivery()
{
    if (m_team) {
        startTeamLink();
        return;
    }
    const QString lockDirectory = m_environment.tokenLockDirectory.isEmpty()
                                      ? accounts::RenewingTokenStore::defaultLockDirectory()
                                      : m_environment.tokenLockDirectory;
    m_tokens = std::make_unique<accounts::RenewingTokenStore>(*m_environment.tokens, clock(), lockDirectory);
    m_tokens->setAccountsDatabase(m_database.get());
    connect(m_tokens.get(), &accounts::RenewingTokenStore::signInNeeded, this,
            [this](const QString &accountKey, const QString &) { emit authNeeded(accountKey); });
    m_dispatcher = std::make_unique<outbox::OutboxDispatcher>(*m_database, m_network, *m_tokens, clock());
    m_moderator = std::make_unique<outbox::CommentModerator>(*m_database, m_network, *m_tokens, clock());
    connect(m_dispatcher.get(), &outbox::OutboxDispatcher::entryChanged, this, &ConsoleSession::outboxEntryChanged);
    connect(m_dispatcher.get(), &outbox::OutboxDispatcher::drained, this, &ConsoleSession::outboxDrained);
    connect(m_dispatcher.get(), &outbox::OutboxDispatcher::handoffUpdated, this, &ConsoleSession::handoffUpdated);
    connect(m_dispatcher.get(), &outbox::OutboxDispatcher::authNeeded, this,
            [this](const QString &accountKey, const QString &) { emit authNeeded(accountKey); });

    // The fetch runs on a worker thread with its own connection and network manager; the outbox
    // drain that ends a pass runs here, through the dispatcher on this thread's connection.
    m_sync = std::make_unique<sync::BackgroundSync>(*m_database, clock(), *m_tokens);
    m_sync->setPassEndStep(sync::outboxDrainStep(*m_dispatcher));
    connect(m_sync.get(), &sync::BackgroundSync::progress, this, [this](const sync::SyncProgress &progress) {
        emit syncProgress(progress);
        if (progress.postsAdded > 0)
            emit postsArrived();
    });
    connect(m_sync.get(), &sync::BackgroundSync::finished, this, [this](const sync::SyncRunReport &report) {
        m_timers->holdBacklog(false);
        emit syncFinished(report);
        if (report.errorKind == ErrorKind::Corrupt) {
            // Not from inside the runner's own signal: switching stops (destroys) the runner.
            const QString reason = report.error;
            QMetaObject::invokeMethod(
                this, [this, reason] { switchReadOnly(reason); }, Qt::QueuedConnection);
        }
        if (report.postsAdded() > 0)
            m_timers->rescan(); // new posts may be due soon already
    });
    connect(m_sync.get(), &sync::BackgroundSync::signInNeeded, this, &ConsoleSession::authNeeded);
    connect(m_sync.get(), &sync::BackgroundSync::drainStarted, this, &ConsoleSession::outboxDeliveryStarted);
    connect(m_sync.get(), &sync::BackgroundSync::requestAnswered, m_environment.networkStatus,
            &net::NetworkStatus::reportSuccess);
    connect(m_sync.get(), &sync::BackgroundSync::requestFailed, m_environment.networkStatus,
            &net::NetworkStatus::reportFailure);
}

void ConsoleSession::stopDelivery()
{
    if (m_claims) {
        m_claims->releaseCurrent();
        m_claims->setLink(nullptr);
    }
    m_teamLink.reset(); // ends the round in hand and joins the link's thread
    m_sync.reset(); // stops a pass after the page being stored and joins its thread
    if (m_timers)
        m_timers->holdBacklog(false); // no pass will say it finished
    m_moderator.reset();
    m_dispatcher.reset();
    m_tokens.reset();
}

void ConsoleSession::startTeamLink()
{
    const auto begin = [this](const QString &password) {
        m_teamLink = std::make_unique<team::TeamLink>(path(), password, clock());
        connect(m_teamLink.get(), &team::TeamLink::stateChanged, this, &ConsoleSession::teamStateChanged);
        connect(m_teamLink.get(), &team::TeamLink::roundFinished, this, &ConsoleSession::onTeamRound);
        if (m_claims) {
            m_claims->setLink(m_teamLink.get());
            connect(m_teamLink.get(), &team::TeamLink::stateChanged, m_claims.get(),
                    [claims = m_claims.get()](team::TeamLink::State state) {
                        if (state == team::TeamLink::State::Connected)
                            claims->reconnected();
                    });
        }
        m_teamLink->start();
    };
    if (!m_team->passwordEnv.isEmpty()) {
        begin(QString()); // the link reads the environment variable itself
        return;
    }
    // The keychain answers on this thread; the password reaches the link in memory only.
    m_environment.tokens->readAsync(team::passwordKey(m_team->url), this,
                                    [this, begin](const Result<QString> &password) {
                                        if (m_teamLink || isReadOnly() || !m_team)
                                            return;
                                        begin(password ? *password : QString());
                                    });
}

void ConsoleSession::onTeamRound(const team::SyncReport &report)
{
    if (report.pull.changes == 0 && report.push.decisions == 0 && report.push.held == 0 &&
        report.pull.handoffThreads.isEmpty())
        return;
    if (report.pull.changes > 0) {
        m_timers->rescan(); // colleagues' decisions and new posts move the next crossings
        (void)reloadGuardConfiguration();
    }
    emit teamChangesArrived(report);
    // Customer care's reports recorded on the hub or a colleague's desktop: as when recorded here.
    for (qint64 thread : report.pull.handoffThreads)
        emit handoffUpdated(thread);
}

team::TeamLink::State ConsoleSession::teamState() const
{
    return m_teamLink ? m_teamLink->state() : team::TeamLink::State::Offline;
}

QString ConsoleSession::teamStateMessage() const { return m_teamLink ? m_teamLink->stateMessage() : QString(); }

Result<int> ConsoleSession::decisionsToPush() const
{
    auto count = sql::scalar(m_database->connection(),
                             QStringLiteral("SELECT count(*) FROM decisions WHERE team_state = 'to_push'"));
    if (!count)
        return count.failure();
    return count->toInt();
}

Result<int> ConsoleSession::heldDecisions() const
{
    auto count = sql::scalar(m_database->connection(),
                             QStringLiteral("SELECT count(*) FROM decisions WHERE team_state = 'held'"));
    if (!count)
        return count.failure();
    return count->toInt();
}

Result<std::optional<team::TeamThreadRef>> ConsoleSession::teamThreadRef(qint64 threadId) const
{
    QSqlQuery q(m_database->connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT channel, external_id FROM threads WHERE id = ?")); !s)
        return s.failure();
    q.addBindValue(threadId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return std::optional<team::TeamThreadRef>();
    return std::optional<team::TeamThreadRef>(team::TeamThreadRef{q.value(0).toString(), q.value(1).toString()});
}

Result<std::optional<qint64>> ConsoleSession::threadIdOf(const team::TeamThreadRef &thread) const
{
    QSqlQuery q(m_database->connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT id FROM threads WHERE channel = ? AND external_id = ?")); !s)
        return s.failure();
    q.addBindValue(thread.channel);
    q.addBindValue(thread.externalId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value(0).toLongLong());
}

bool ConsoleSession::hasAccounts() const
{
    auto accounts = accounts::AccountStore(*m_database).list();
    return accounts && !accounts->isEmpty();
}

} // namespace sportello
