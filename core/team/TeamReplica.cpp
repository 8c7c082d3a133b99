#include "team/TeamReplica.h"

#include "team/TeamLog.h"
#include "team/TeamPrivacy.h"
#include "team/TeamReplicaInternal.h"

#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>

namespace sportello::team {

namespace {

Error notJoined()
{
    return Error{
        QCoreApplication::translate(
            "Team", "This cache is not joined to a team: run `sportello-cli team join --url URL --login LOGIN`."),
        ErrorKind::NotFound};
}

Result<qint64> countIn(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0).toLongLong() : 0;
}

// The login must be one of the team's agents, not merely a role that can log in.
Status requireAgent(const QSqlDatabase &team, const QString &login)
{
    QSqlQuery query(team);
    if (Status s = teamPrepare(query, QStringLiteral("SELECT 1 FROM sportello.agents WHERE login = ?")); !s)
        return s;
    query.addBindValue(login);
    if (Status s = teamExec(query); !s)
        return s;
    if (!query.next())
        return Error{QCoreApplication::translate(
                         "Team",
                         "%1 can log in to the team database but is not one of the team's agents: ask the team's "
                         "admin to run `sportello-cli team agent add --login %1`.")
                         .arg(login),
                     ErrorKind::RefusedByPolicy};
    return {};
}

} // namespace

struct TeamReplica::Private {
    Database &cache;
    const Clock &clock;
    accounts::TokenStore *keychain;
    int pageSize = 500;
    std::optional<TeamMembership> membership = {};
    std::unique_ptr<TeamConnection> connection = {};

    Status loadMembership()
    {
        auto loaded = TeamMembership::load(cache.connection());
        if (!loaded)
            return loaded.failure();
        if (!*loaded)
            return notJoined();
        membership = **loaded;
        return {};
    }

    // Applies one page (or, with no changes, only the deferred ones) in one cache transaction,
    // with the new position. Any failure rolls the whole page back.
    Result<int> applyPage(const QVector<FeedChange> &changes, qint64 newPosition, QVector<qint64> &handoffThreads)
    {
        Ingestor ingestor(cache);
        if (Status s = ingestor.begin(); !s)
            return s.failure();
        FeedApplier applier(cache, ingestor, clock);
        // What the feed brings is the team's already: the triggers that note changes made here
        // for the push (schema 11) leave this transaction's changes alone.
        if (Status s = sql::exec(cache.connection(), QStringLiteral("INSERT OR REPLACE INTO app_state(key, value) "
                                                                     "VALUES('team_applying', '1')"));
            !s)
            return s.failure();
        // Deferred changes first (their thread may have come in the last page), then the page,
        // then the deferred again (an audit entry of the database precedes its decision).
        if (Status s = applier.retryDeferred(); !s)
            return s.failure();
        for (const FeedChange &change : changes) {
            if (Status s = applier.apply(change); !s)
                return s.failure();
        }
        if (!changes.isEmpty()) {
            if (Status s = applier.retryDeferred(); !s)
                return s.failure();
        }
        if (Status s = TeamMembership::saveFeedPosition(cache.connection(), newPosition); !s)
            return s.failure();
        if (Status s = sql::exec(cache.connection(), QStringLiteral("DELETE FROM app_state WHERE key = 'team_applying'"));
            !s)
            return s.failure();
        if (Status s = ingestor.commit(); !s)
            return s.failure();
        for (qint64 thread : applier.handoffThreads())
            if (!handoffThreads.contains(thread))
                handoffThreads.push_back(thread);
        return applier.deferredNow();
    }
};

TeamReplica::TeamReplica(Database &cache, const Clock &clock, accounts::TokenStore *keychain)
    : d(std::make_unique<Private>(Private{cache, clock, keychain}))
{}

TeamReplica::~TeamReplica() = default;

void TeamReplica::setPageSize(int rows) { d->pageSize = std::max(1, rows); }

Result<TeamMembership> TeamReplica::join(Database &cache, const TeamUrl &url, const QString &login,
                                         const QString &passwordEnv, const QString &password, qint64 nowMs)
{
    if (login.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Team", "Give the agent's login to join the team."),
                     ErrorKind::InvalidInput};
    auto existing = TeamMembership::load(cache.connection());
    if (!existing)
        return existing.failure();
    const TeamUrl agentUrl = url.withUser(login.trimmed());
    auto connection = TeamConnection::open(agentUrl, password);
    if (!connection)
        return connection.failure();
    auto schema = requireCurrentTeamSchema((*connection)->db());
    if (!schema)
        return schema.failure();
    if (Status s = requireAgent((*connection)->db(), (*connection)->login()); !s)
        return s.failure();
    TeamMembership membership;
    membership.url = agentUrl;
    membership.login = login.trimmed();
    membership.teamId = schema->teamId;
    membership.passwordEnv = passwordEnv;
    membership.joinedAtMs = nowMs;
    if (*existing) {
        if ((*existing)->teamId != schema->teamId)
            return Error{QCoreApplication::translate(
                             "Team",
                             "This cache is joined to another team (%1): leave it first with `sportello-cli team "
                             "leave`, or use another cache with --database, so that two teams' data do not mix.")
                             .arg((*existing)->url.toString()),
                         ErrorKind::Conflict};
        // The same team again (a new login or URL): what the cache holds stays held.
        membership.feedPosition = (*existing)->feedPosition;
        membership.joinedAtMs = (*existing)->joinedAtMs;
    }
    const QSqlDatabase db = cache.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    if (Status s = membership.save(db); !s)
        return s.failure();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return membership;
}

Result<int> TeamReplica::leave(Database &cache)
{
    const QSqlDatabase db = cache.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    auto membership = TeamMembership::load(db);
    if (!membership)
        return membership.failure();
    if (!*membership)
        return notJoined();
    auto waiting = countIn(db, QStringLiteral("SELECT count(*) FROM decisions WHERE team_state = 'to_push'"));
    if (!waiting)
        return waiting.failure();
    if (Status s = TeamMembership::clear(db); !s)
        return s.failure();
    // How the team routes and approves was the team's business; so is how far this cache applied
    // its erasures (another team's are numbered from 1 again).
    if (Status s = sql::exec(db, QStringLiteral("DELETE FROM app_state WHERE key IN ('team_routing', 'team_approval', "
                                                "'team_erasures_through')"));
        !s)
        return s.failure();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return int(*waiting);
}

Status TeamReplica::connect()
{
    // QPSQL still calls a connection open after the server went away: ask the server.
    if (d->connection && d->connection->db().isOpen()) {
        QSqlQuery alive(d->connection->db());
        if (alive.exec(QStringLiteral("SELECT 1")))
            return {};
    }
    d->connection.reset();
    if (Status s = d->loadMembership(); !s)
        return s;
    auto connection = d->membership->connect(d->keychain);
    if (!connection)
        return connection.failure();
    auto schema = requireCurrentTeamSchema((*connection)->db());
    if (!schema)
        return schema.failure();
    // A replica holds one team's data: another team's database (restored over, or a URL
    // pointing elsewhere) would mix the two.
    if (schema->teamId != d->membership->teamId)
        return Error{QCoreApplication::translate(
                         "Team",
                         "The team database at %1 belongs to another team than the one this cache joined: refused, so "
                         "that two teams' data do not mix. Leave the team and join the new one with another cache.")
                         .arg(d->membership->url.toString()),
                     ErrorKind::Conflict};
    d->connection = std::move(*connection);
    return {};
}

void TeamReplica::disconnect() { d->connection.reset(); }

QSqlDriver *TeamReplica::connectionDriver() const
{
    return d->connection ? d->connection->db().driver() : nullptr;
}

QSqlDatabase TeamReplica::teamDatabase() const
{
    return d->connection ? d->connection->db() : QSqlDatabase();
}

bool TeamReplica::isConnected() const { return d->connection && d->connection->db().isOpen(); }

Result<PushReport> TeamReplica::push()
{
    if (Status s = connect(); !s)
        return s.failure();
    auto pushed = pushToTeam(d->cache.connection(), d->connection->db());
    if (!pushed && isTransient(pushed.errorKind()))
        disconnect(); // reconnect at the next attempt
    return pushed;
}

Result<PullReport> TeamReplica::pull()
{
    if (Status s = connect(); !s)
        return s.failure();
    // The position as the cache holds it now (another process may have pulled meanwhile).
    if (Status s = d->loadMembership(); !s)
        return s.failure();
    PullReport report;
    report.position = d->membership->feedPosition;
    const QSqlDatabase team = d->connection->db();
    // Erasures first (docs/privacy.md, "Team mode"): a desktop that was offline when a person's
    // data was erased applies that before any change the feed brings, so nothing it shows next
    // holds the person. The feed's own rows were rewritten by the erasure.
    auto erased = applyTeamErasures(d->cache, team);
    if (!erased) {
        if (isTransient(erased.errorKind()))
            disconnect();
        return erased.failure();
    }
    report.erasures = erased->erasures;
    for (;;) {
        QSqlQuery query(team);
        query.setForwardOnly(true);
        if (Status s = teamPrepare(query, QStringLiteral("SELECT seq, kind, op, row::text FROM sportello.changes "
                                                         "WHERE seq > ? ORDER BY seq LIMIT ?"));
            !s)
            return s.failure();
        query.addBindValue(report.position);
        query.addBindValue(d->pageSize);
        if (Status s = teamExec(query); !s) {
            if (isTransient(s.errorKind()))
                disconnect();
            return s.failure();
        }
        QVector<FeedChange> changes;
        while (query.next()) {
            auto change = FeedApplier::parse(query.value(0).toLongLong(), query.value(1).toString(),
                                             query.value(2).toString(), query.value(3).toString());
            if (!change)
                return change.failure();
            changes.push_back(*change);
        }
        // Without new changes the deferred ones are still retried, once; with none waiting the
        // cache is not written at all.
        if (changes.isEmpty()) {
            auto waiting = countIn(d->cache.connection(), QStringLiteral("SELECT count(*) FROM team_deferred"));
            if (!waiting)
                return waiting.failure();
            report.deferred = int(*waiting);
            if (report.pages > 0 || *waiting == 0)
                break;
        }
        const qint64 next = changes.isEmpty() ? report.position : changes.back().seq;
        auto deferred = d->applyPage(changes, next, report.handoffThreads);
        if (!deferred)
            return deferred.failure();
        report.deferred = *deferred;
        report.position = next;
        d->membership->feedPosition = next;
        report.changes += changes.size();
        if (!changes.isEmpty())
            ++report.pages;
        if (changes.size() < d->pageSize)
            break;
    }
    qCInfo(lcTeam) << "pulled" << report.changes << "changes in" << report.pages << "pages, at" << report.position;
    return report;
}

Result<ErasureCatchUp> TeamReplica::applyErasures()
{
    if (Status s = connect(); !s)
        return s.failure();
    auto erased = applyTeamErasures(d->cache, d->connection->db());
    if (!erased && isTransient(erased.errorKind()))
        disconnect();
    return erased;
}

Result<SyncReport> TeamReplica::syncOnce()
{
    if (Status s = connect(); !s)
        return s.failure();
    SyncReport report;
    auto pushed = push();
    if (pushed)
        report.push = *pushed;
    else
        report.errors << pushed.error();
    auto pulled = pull();
    if (pulled)
        report.pull = *pulled;
    else
        report.errors << pulled.error();
    // A decision pulled in may have been pushed by a colleague meanwhile; ours that were decided
    // while pulling go up at the next sync.
    return report;
}

Result<ReplicaStatus> TeamReplica::status()
{
    if (Status s = d->loadMembership(); !s)
        return s.failure();
    ReplicaStatus status;
    status.membership = *d->membership;
    const QSqlDatabase db = d->cache.connection();
    for (auto [target, statement] :
         {std::pair{&status.decisionsToPush, "SELECT count(*) FROM decisions WHERE team_state = 'to_push'"},
          std::pair{&status.auditsToPush, "SELECT count(*) FROM audit_log WHERE team_state = 'to_push'"},
          std::pair{&status.heldDecisions, "SELECT count(*) FROM decisions WHERE team_state = 'held'"},
          std::pair{&status.deferredChanges, "SELECT count(*) FROM team_deferred"},
          std::pair{&status.notesToPush, "SELECT count(*) FROM notes WHERE team_state = 'to_push'"},
          std::pair{&status.notesRefused, "SELECT count(*) FROM notes WHERE team_state = 'refused'"},
          std::pair{&status.handoffUpdatesToPush, "SELECT count(*) FROM handoff_updates WHERE team_state = 'to_push'"},
          std::pair{&status.handoffUpdatesRefused, "SELECT count(*) FROM handoff_updates WHERE team_state = 'refused'"},
          std::pair{&status.accessRecordsToPush, "SELECT count(*) FROM access_log WHERE team_state = 'to_push'"}}) {
        auto count = countIn(db, QString::fromLatin1(statement));
        if (!count)
            return count.failure();
        *target = int(*count);
    }
    if (Status s = connect(); !s) {
        status.offlineReason = s.error();
        return status;
    }
    QSqlQuery query(d->connection->db());
    // Each part is a range of the feed's primary key: the whole feed is never scanned.
    if (Status s = teamPrepare(query, QStringLiteral("SELECT (SELECT coalesce(max(seq), 0) FROM sportello.changes), "
                                                     "(SELECT count(*) FROM sportello.changes WHERE seq > ?), "
                                                     "(SELECT at FROM sportello.changes WHERE seq > ? ORDER BY seq "
                                                     "LIMIT 1)"));
        !s)
        return s.failure();
    query.addBindValue(status.membership.feedPosition);
    query.addBindValue(status.membership.feedPosition);
    if (Status s = teamExec(query); !s || !query.next()) {
        disconnect();
        status.offlineReason = s ? QCoreApplication::translate("Team", "The team database did not answer.") : s.error();
        return status;
    }
    status.online = true;
    status.headPosition = query.value(0).toLongLong();
    status.changesBehind = query.value(1).toLongLong();
    status.oldestMissingAgeMs =
        query.value(2).isNull() ? 0 : std::max<qint64>(0, d->clock.nowMs() - query.value(2).toLongLong());
    return status;
}

} // namespace sportello::team
