// The desktop's cache as a replica of a team database, against a real PostgreSQL 15 (PgServer):
// join and first pull, colleagues' decisions, the push (idempotent, conflicts held), pages and
// their transactions, deferred changes, offline work, refusals, and the CLI.
#include "catch_compat.h"

#include "CliProcess.h"
#include "PgServer.h"
#include "TestSupport.h"

#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "compose/Guard.h"
#include "compose/SavedReplies.h"
#include "customers/CrmLink.h"
#include "privacy/Retention.h"
#include "storage/Database.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "timers/PolicyStore.h"
#include "timers/ResponsePolicy.h"
#include "triage/TriageService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <memory>

using namespace sportello;
using namespace sportello::test;
using sportello::team::TeamReplica;

namespace {

const QString kMartaPassword = QStringLiteral("marta-password-1");
const QString kLucaPassword = QStringLiteral("luca-password-12");

// A team database on a server of its own, with two agents.
struct Team {
    std::unique_ptr<PgServer> server;
    std::unique_ptr<team::TeamConnection> admin;

    explicit Team(const QString &database = QStringLiteral("team"))
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(database, &error));
        auto url = team::TeamUrl::parse(server->url(database));
        REQUIRE(url.ok());
        auto connection = team::TeamConnection::open(*url, server->superuserPassword());
        INFO(connection.error().toStdString());
        REQUIRE(connection.ok());
        admin = std::move(*connection);
        REQUIRE(team::initTeamSchema(admin->db()).ok());
        for (const auto &[login, name, password] :
             {std::tuple{QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword},
              std::tuple{QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), kLucaPassword}}) {
            team::TeamAgent agent;
            agent.login = login;
            agent.name = name;
            agent.role = team::AgentRole::Agent;
            const Status added = team::addAgent(admin->db(), agent, password, 1);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
    }
    team::TeamUrl url(const QString &database = QStringLiteral("team")) const
    {
        return *team::TeamUrl::parse(server->url(database));
    }
    // As the superuser (the hub's part: posts, policies, settings).
    void exec(const QString &statement) const
    {
        QSqlQuery query(admin->db());
        INFO(statement.toStdString());
        const Status s = team::teamExec(admin->db(), statement);
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
    QVariant scalar(const QString &statement) const
    {
        QSqlQuery query(admin->db());
        INFO(statement.toStdString());
        REQUIRE(query.exec(statement));
        REQUIRE(query.next());
        return query.value(0);
    }
    void post(const QString &thread, const QString &id, qint64 minutesAgo) const
    {
        exec(QStringLiteral("INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                            "author_handle, author_name, direction, visibility, created_at, text) VALUES('facebook', "
                            "'%1', '%2', 'author-%1', 'cliente', 'Cliente', 'inbound', 'public', "
                            "(extract(epoch FROM now()) * 1000)::bigint - %3, 'Buongiorno, la mia pratica è ferma')")
                 .arg(id, thread)
                 .arg(minutesAgo * 60000));
    }
};

// One desktop: its cache, its keychain (in memory), its replica, its triage as its agent.
struct Desktop {
    TempCache cache;
    SystemClock clock;
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<TeamReplica> replica;
    std::unique_ptr<TriageService> triage;

    Desktop(const Team &team, const QString &login, const QString &name, const QString &password)
    {
        auto joined = TeamReplica::join(*cache.db, team.url(), login, QString(), password, clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(team::passwordKey(joined->url), password).ok());
        replica = std::make_unique<TeamReplica>(*cache.db, clock, &keychain);
        triage = std::make_unique<TriageService>(*cache.db, clock, Agent{login, name});
    }
    team::SyncReport sync() const
    {
        auto report = replica->syncOnce();
        INFO(report.error().toStdString());
        REQUIRE(report.ok());
        INFO(report->errors.join(QLatin1Char('\n')).toStdString());
        REQUIRE(report->ok());
        return *report;
    }
    qint64 thread(const QString &externalId) const
    {
        return scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(externalId))
            .toLongLong();
    }
    QString decide(const QString &threadExternalId, DecisionKind kind = DecisionKind::ReplyPrivate) const
    {
        DecisionRequest request;
        request.threadId = thread(threadExternalId);
        request.kind = kind;
        request.text = QStringLiteral("Buongiorno, ci scriva il numero di pratica in privato.");
        auto outcome = triage->decide(request);
        INFO(outcome.error().toStdString());
        REQUIRE(outcome.ok());
        return outcome->decisionId;
    }
    QVariant value(const QString &statement) const { return scalar(*cache.db, statement); }
};

qint64 position(Database &db)
{
    return scalar(db, QStringLiteral("SELECT value FROM app_state WHERE key = 'team_feed_position'")).toLongLong();
}

} // namespace

TEST_CASE("joining a team and the first pull bring the team's posts, agents and active policy")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 30);
    team.post(QStringLiteral("t2"), QStringLiteral("p2"), 10);
    ResponsePolicy policy = ResponsePolicy::selective();
    policy.name = QStringLiteral("team-policy");
    const QString definition = QString::fromUtf8(QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact));
    team.exec(
        QStringLiteral("INSERT INTO sportello.policies(name, definition, updated_at) VALUES('team-policy', '%1', 1)")
            .arg(definition));
    team.exec(QStringLiteral("INSERT INTO sportello.settings(key, value) VALUES('active_policy', 'team-policy')"));

    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    // The membership keeps no password.
    CHECK_FALSE(marta.value(QStringLiteral("SELECT group_concat(value) FROM app_state WHERE key LIKE 'team%'"))
                    .toString()
                    .contains(kMartaPassword));
    const team::SyncReport report = marta.sync();
    CHECK(report.pull.changes ==
          int(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.changes")).toLongLong()));
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting'")).toInt() == 2);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'pratica'")).toInt() == 2);
    CHECK(checkFullTextCoversPosts(*marta.cache.db) == 2);
    CHECK(marta.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'active_policy'")).toString() ==
          QStringLiteral("team-policy"));
    CHECK(marta.value(QStringLiteral("SELECT name FROM team_agents WHERE login = 'luca'")).toString() ==
          QStringLiteral("Luca Bianchi"));
    CHECK(position(*marta.cache.db) ==
          team.scalar(QStringLiteral("SELECT max(seq) FROM sportello.changes")).toLongLong());

    auto status = marta.replica->status();
    REQUIRE(status.ok());
    CHECK(status->online);
    CHECK(status->changesBehind == 0);
    CHECK(status->decisionsToPush == 0);
}

TEST_CASE("a colleague's decision comes down the feed and takes the thread out of the local queue")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 30);
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), kLucaPassword);
    marta.sync();
    luca.sync();
    const QString decision = marta.decide(QStringLiteral("t1"), DecisionKind::Forward);
    CHECK(marta.value(QStringLiteral("SELECT team_state FROM decisions")).toString() == QStringLiteral("to_push"));
    CHECK(marta.value(QStringLiteral("SELECT target_post FROM decisions")).toString() == QStringLiteral("p1"));
    CHECK(marta.sync().push.decisions == 1);
    CHECK(marta.value(QStringLiteral("SELECT team_state FROM decisions")).toString() == QStringLiteral("accepted"));

    CHECK(luca.value(QStringLiteral("SELECT status FROM threads")).toString() == QStringLiteral("waiting"));
    luca.sync();
    CHECK(luca.value(QStringLiteral("SELECT status FROM threads")).toString() == QStringLiteral("forwarded"));
    CHECK(luca.value(
                  QStringLiteral("SELECT agent_name || '/' || team_state FROM decisions WHERE id = '%1'").arg(decision))
              .toString() == QStringLiteral("Marta Rossi/accepted"));
    CHECK(luca.value(QStringLiteral("SELECT count(*) FROM outbox WHERE decision_id = '%1'").arg(decision)).toInt() ==
          1);
    CHECK(luca.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE decision_id = '%1' AND team_state = "
                                    "'from_team'")
                         .arg(decision))
              .toInt() == 1);
    // Nothing that came down goes back up.
    CHECK(luca.sync().push.decisions == 0);
}

TEST_CASE("a decision goes up once however often it is pushed, a conflicting one is held, shown and audited")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 30);
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), kLucaPassword);
    marta.sync();
    luca.sync();
    // Both decide the same post before either has heard of the other.
    const QString first = marta.decide(QStringLiteral("t1"));
    const QString second = luca.decide(QStringLiteral("t1"), DecisionKind::ReplyPublic);

    REQUIRE(marta.replica->push().ok());
    // A crash between the team's commit and the local mark: the same decision goes up again.
    marta.value(QStringLiteral("UPDATE decisions SET team_state = 'to_push' RETURNING 1"));
    marta.value(QStringLiteral("UPDATE audit_log SET team_state = 'to_push' RETURNING 1"));
    auto again = marta.replica->push();
    REQUIRE(again.ok());
    CHECK(again->decisions == 1);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.decisions WHERE id = '%1'").arg(first)).toInt() ==
          1);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.outbox")).toInt() == 1);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE decision_id = '%1'").arg(first))
              .toInt() == 1);

    const team::SyncReport report = luca.sync();
    CHECK(report.push.held == 1);
    CHECK(luca.value(
                  QStringLiteral("SELECT team_state || '/' || held_because FROM decisions WHERE id = '%1'").arg(second))
              .toString() == QStringLiteral("held/") + first);
    // Both decisions are in Luca's cache; his outbox entry is held and says who decided first.
    CHECK(luca.value(QStringLiteral("SELECT team_state FROM decisions WHERE id = '%1'").arg(first)).toString() ==
          QStringLiteral("accepted"));
    CHECK(luca.value(QStringLiteral("SELECT state FROM outbox WHERE decision_id = '%1'").arg(second)).toString() ==
          QStringLiteral("held"));
    CHECK(luca.value(QStringLiteral("SELECT last_error FROM outbox WHERE decision_id = '%1'").arg(second))
              .toString()
              .contains(QStringLiteral("Marta Rossi")));
    CHECK(luca.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'decision_held' AND decision_id = "
                                    "'%1'")
                         .arg(second))
              .toInt() == 1);
    CHECK(team.scalar(QStringLiteral("SELECT state FROM sportello.outbox WHERE decision_id = '%1'").arg(second))
              .toString() == QStringLiteral("held"));
    // Marta learns of the held decision too.
    marta.sync();
    CHECK(marta.value(QStringLiteral("SELECT team_state FROM decisions WHERE id = '%1'").arg(second)).toString() ==
          QStringLiteral("held"));
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM team_deferred")).toInt() == 0);
}

TEST_CASE("each page of the feed is one transaction, a malformed change stops the pull where it is")
{
    Team team;
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    marta.sync();
    const qint64 start = position(*marta.cache.db);
    for (int i = 1; i <= 3; ++i)
        team.post(QStringLiteral("t%1").arg(i), QStringLiteral("p%1").arg(i), 10);
    // A change no replica can read, then a good one after it.
    team.exec(QStringLiteral("INSERT INTO sportello.changes(seq, at, kind, op, row) VALUES("
                             "nextval('sportello.change_seq'), 0, 'post', 'upsert', '{\"channel\": \"facebook\"}')"));
    team.post(QStringLiteral("t9"), QStringLiteral("p9"), 5);
    marta.replica->setPageSize(2);

    auto failed = marta.replica->pull();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.errorKind() == ErrorKind::Corrupt);
    // The first page (two posts) went in with its position; the second (a post and the bad
    // change) did not, not even its good post.
    CHECK(position(*marta.cache.db) == start + 2);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM posts")).toInt() == 2);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM posts WHERE external_id = 'p3'")).toInt() == 0);

    // Once the team's admin removes it, the pull goes on from where it stopped.
    team.exec(QStringLiteral("DELETE FROM sportello.changes WHERE kind = 'post' AND NOT row ? 'external_id'"));
    auto pulled = marta.replica->pull();
    INFO(pulled.error().toStdString());
    REQUIRE(pulled.ok());
    CHECK(pulled->changes == 2);
    CHECK(pulled->pages == 1);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM posts")).toInt() == 4);
}

TEST_CASE("a decision on a thread the cache does not hold yet waits, and applies when its posts arrive")
{
    Team team;
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    // As if the hub stored the decision's thread later (posts may come by another path).
    team.exec(
        QStringLiteral("INSERT INTO sportello.decisions(id, channel, thread_external_id, target_post, kind, text, "
                       "agent_id, agent_name, decided_at) VALUES('d-early', 'facebook', 'late', 'late-1', "
                       "'close', '', 'luca', 'Luca Bianchi', (extract(epoch FROM now()) * 1000)::bigint)"));
    const team::SyncReport first = marta.sync();
    CHECK(first.pull.deferred == 1);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM team_deferred")).toInt() == 1);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);

    team.exec(
        QStringLiteral("INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                       "direction, visibility, created_at, text) VALUES('facebook', 'late-1', 'late', 'a', "
                       "'inbound', 'public', (extract(epoch FROM now()) * 1000)::bigint - 60000, 'Salve')"));
    const team::SyncReport second = marta.sync();
    CHECK(second.pull.deferred == 0);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM team_deferred")).toInt() == 0);
    CHECK(marta.value(QStringLiteral("SELECT status FROM threads WHERE external_id = 'late'")).toString() ==
          QStringLiteral("closed"));
}

TEST_CASE("a replica whose server is down keeps deciding, and pushes when the server is back")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 30);
    team.post(QStringLiteral("t2"), QStringLiteral("p2"), 20);
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    marta.sync();
    const qint64 held = position(*marta.cache.db);
    team.admin.reset();
    QString error;
    REQUIRE(team.server->stop(&error));

    marta.decide(QStringLiteral("t1"));
    auto offline = marta.replica->syncOnce();
    REQUIRE_FALSE(offline.ok());
    CHECK(offline.errorKind() == ErrorKind::Network);
    marta.decide(QStringLiteral("t2"), DecisionKind::ReplyPublic);
    CHECK(position(*marta.cache.db) == held);
    auto status = marta.replica->status();
    REQUIRE(status.ok());
    CHECK_FALSE(status->online);
    CHECK(status->decisionsToPush == 2);

    INFO(error.toStdString());
    REQUIRE(team.server->restart(&error));
    const team::SyncReport back = marta.sync();
    CHECK(back.push.decisions == 2);
    CHECK(back.push.held == 0);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM decisions WHERE team_state = 'accepted'")).toInt() == 2);
}

TEST_CASE("a wrong password, a newer team schema and another team are refused, the cache untouched")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 30);
    TempCache cache;
    auto wrong = TeamReplica::join(*cache.db, team.url(), QStringLiteral("marta"), QString(),
                                   QStringLiteral("not-the-password"), 1);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM app_state WHERE key LIKE 'team%'")).toInt() == 0);

    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    marta.sync();
    const qint64 held = position(*marta.cache.db);
    team.post(QStringLiteral("t2"), QStringLiteral("p2"), 10);

    SECTION("a wrong password in the keychain")
    {
        REQUIRE(
            marta.keychain
                .write(team::passwordKey(marta.replica->status()->membership.url), QStringLiteral("not-the-password"))
                .ok());
        marta.replica->disconnect();
        auto refused = marta.replica->syncOnce();
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
    }
    SECTION("a team database of a newer schema")
    {
        team.exec(QStringLiteral("UPDATE sportello.team_meta SET value = '99' WHERE key = 'schema_version'"));
        marta.replica->disconnect();
        auto refused = marta.replica->syncOnce();
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::Conflict);
        INFO(refused.error().toStdString());
        CHECK(refused.error().contains(QStringLiteral("99")));
    }
    SECTION("an expired role")
    {
        team.exec(QStringLiteral("ALTER ROLE marta VALID UNTIL '2000-01-01'"));
        marta.replica->disconnect();
        auto refused = marta.replica->syncOnce();
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
    }
    SECTION("the database behind the URL now holds another team")
    {
        team.exec(QStringLiteral("UPDATE sportello.team_meta SET value = gen_random_uuid()::text WHERE key = 'team_id'"));
        marta.replica->disconnect();
        auto refused = marta.replica->syncOnce();
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::Conflict);
        CHECK(refused.error().contains(QStringLiteral("another team")));
    }
    SECTION("another team's database")
    {
        QString error;
        REQUIRE(team.server->createDatabase(QStringLiteral("other"), &error));
        auto other = team::TeamConnection::open(team.url(QStringLiteral("other")), team.server->superuserPassword());
        REQUIRE(other.ok());
        REQUIRE(team::initTeamSchema((*other)->db()).ok());
        REQUIRE(team.server->exec(QStringLiteral("INSERT INTO sportello.agents(login, name, role, created_at) "
                                                 "VALUES('marta', 'Marta Rossi', 'agent', 1)"),
                                  &error, QStringLiteral("other")));
        auto refused = TeamReplica::join(*marta.cache.db, team.url(QStringLiteral("other")), QStringLiteral("marta"),
                                         QString(), kMartaPassword, 1);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::Conflict);
    }
    CHECK(position(*marta.cache.db) == held);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM posts WHERE external_id = 'p2'")).toInt() == 0);
}

TEST_CASE("team join, status, sync --once and leave through sportello-cli")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 30);
    QTemporaryDir dir;
    const QString cache = dir.filePath(QStringLiteral("cache.db"));
    qputenv("SPORTELLO_TEST_TEAM_PASSWORD", kMartaPassword.toUtf8());
    const QString url = QStringLiteral("postgresql://127.0.0.1:%1/team").arg(team.server->port());

    CliRun join = runCli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("join"),
                          QStringLiteral("--url"), url, QStringLiteral("--login"), QStringLiteral("marta"),
                          QStringLiteral("--password-env"), QStringLiteral("SPORTELLO_TEST_TEAM_PASSWORD")},
                         {});
    INFO(join.err.toStdString());
    REQUIRE(join.exitCode == 0);
    CHECK(join.out.contains(QStringLiteral("Joined the team")));
    CHECK_FALSE(join.out.contains(kMartaPassword));

    CliRun decide = runCli({QStringLiteral("--database"), cache, QStringLiteral("decide"), QStringLiteral("p1"),
                            QStringLiteral("--private"), QStringLiteral("--text"),
                            QStringLiteral("Ci scriva in privato"), QStringLiteral("--agent"), QStringLiteral("Marta")},
                           {});
    INFO(decide.err.toStdString());
    REQUIRE(decide.exitCode == 0);

    CliRun status = runCli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("status"),
                            QStringLiteral("--json")},
                           {});
    REQUIRE(status.exitCode == 0);
    const QJsonObject json = QJsonDocument::fromJson(status.out.toUtf8()).object();
    CHECK(json.value(QStringLiteral("online")).toBool());
    CHECK(json.value(QStringLiteral("decisions_to_push")).toInt() == 1);
    CHECK(json.value(QStringLiteral("login")).toString() == QStringLiteral("marta"));

    CliRun sync = runCli({QStringLiteral("--database"), cache, QStringLiteral("sync"), QStringLiteral("--once")}, {});
    INFO(sync.err.toStdString());
    CHECK(sync.exitCode == 0);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.decisions")).toInt() == 1);

    // Offline: status says so and still counts; sync --once fails.
    team.admin.reset();
    QString error;
    REQUIRE(team.server->stop(&error));
    CliRun offline =
        runCli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("status")}, {});
    CHECK(offline.exitCode == 0);
    CHECK(offline.out.contains(QStringLiteral("offline")));
    CliRun failed = runCli({QStringLiteral("--database"), cache, QStringLiteral("sync"), QStringLiteral("--once")}, {});
    CHECK(failed.exitCode != 0);

    CliRun leave = runCli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("leave")}, {});
    INFO(leave.err.toStdString());
    CHECK(leave.exitCode == 0);
    CliRun after = runCli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("status")}, {});
    CHECK(after.exitCode != 0);
    CHECK(after.err.contains(QStringLiteral("not joined")));
}

TEST_CASE("a forward and its message to the customer go up together and share their fate")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 30);
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), kLucaPassword);
    marta.sync();
    luca.sync();
    luca.decide(QStringLiteral("t1"));
    luca.sync();

    DecisionRequest forward;
    forward.threadId = marta.thread(QStringLiteral("t1"));
    forward.kind = DecisionKind::Forward;
    forward.category = Category::Complaint;
    forward.text = QStringLiteral("Reclamo sul sinistro");
    forward.customerText = QStringLiteral("La sua pratica è la {case_reference}");
    forward.customerKind = DecisionKind::ReplyPrivate;
    auto outcome = marta.triage->decide(forward);
    INFO(outcome.error().toStdString());
    REQUIRE(outcome.ok());
    CHECK(marta.value(QStringLiteral("SELECT follows FROM decisions WHERE id = '%1'").arg(outcome->customerDecisionId))
              .toString() == outcome->decisionId);

    const team::SyncReport report = marta.sync();
    CHECK(report.push.decisions == 2);
    CHECK(report.push.held == 2); // Luca answered first: the forward and its message are both held
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.outbox WHERE state = 'held'")).toInt() == 2);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'held'")).toInt() == 2);
    // Luca's cache holds Marta's held forward, and his thread keeps his answer (no complaint clock).
    luca.sync();
    CHECK(luca.value(QStringLiteral("SELECT team_state FROM decisions WHERE id = '%1'").arg(outcome->decisionId))
              .toString() == QStringLiteral("held"));
    CHECK(luca.value(QStringLiteral("SELECT status FROM threads")).toString() == QStringLiteral("answered"));
    CHECK(luca.value(QStringLiteral("SELECT count(*) FROM complaints")).toInt() == 0);
}

TEST_CASE("a colleague's forwarded complaint opens the complaint clock in every replica")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 30);
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), kLucaPassword);
    marta.sync();
    luca.sync();
    DecisionRequest forward;
    forward.threadId = marta.thread(QStringLiteral("t1"));
    forward.kind = DecisionKind::Forward;
    forward.category = Category::Complaint;
    auto outcome = marta.triage->decide(forward);
    REQUIRE(outcome.ok());
    marta.sync();
    luca.sync();
    CHECK(luca.value(QStringLiteral("SELECT status || '/' || category FROM threads")).toString() ==
          QStringLiteral("forwarded/complaint"));
    CHECK(luca.value(QStringLiteral("SELECT decision_id FROM complaints")).toString() == outcome->decisionId);
    // The hub's delivery state comes down to both.
    team.exec(QStringLiteral("UPDATE sportello.outbox SET state = 'delivered', attempts = 1, delivered_at = 5, "
                             "remote_id = 'care-1'"));
    luca.sync();
    marta.sync();
    for (const Desktop *desktop : {&luca, &marta})
        CHECK(desktop->value(QStringLiteral("SELECT state || '/' || remote_id FROM outbox")).toString() ==
              QStringLiteral("delivered/care-1"));
}

TEST_CASE("what the team shares comes down: saved replies, accounts without tokens, settings, policy changes")
{
    Team team;
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    team.exec(QStringLiteral("INSERT INTO sportello.saved_replies(id, code, title, language, body, updated_at) "
                             "VALUES('r1', 'team-iban', 'IBAN', 'it', 'Per cambiare IBAN ...', 1)"));
    team.exec(QStringLiteral("INSERT INTO sportello.accounts(id, channel, account_id, base_url, created_at) "
                             "VALUES('acc1', 'facebook', '12345', 'http://127.0.0.1:1', 1)"));
    team.exec(QStringLiteral("INSERT INTO sportello.settings(key, value) VALUES('graph_api_version', 'v21.0'), "
                             "('hub_only', 'x')"));
    marta.sync();
    CHECK(marta.value(QStringLiteral("SELECT body FROM saved_replies WHERE code = 'team-iban'")).toString() ==
          QStringLiteral("Per cambiare IBAN ..."));
    CHECK(marta.value(QStringLiteral("SELECT account_id || '/' || coalesce(token_env, 'none') FROM accounts"))
              .toString() == QStringLiteral("12345/none"));
    CHECK(marta.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'graph_api_version'")).toString() ==
          QStringLiteral("v21.0"));
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM app_state WHERE key = 'hub_only'")).toInt() == 0);

    team.exec(QStringLiteral("DELETE FROM sportello.saved_replies WHERE id = 'r1'"));
    team.exec(QStringLiteral("DELETE FROM sportello.accounts WHERE id = 'acc1'"));
    marta.sync();
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM saved_replies WHERE code = 'team-iban'")).toInt() == 0);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM accounts")).toInt() == 0);

    // A new target in the active policy moves the waiting posts' due times.
    team.post(QStringLiteral("t1"), QStringLiteral("p1"), 5);
    marta.sync();
    const qint64 dueBefore = marta.value(QStringLiteral("SELECT due_at FROM posts")).toLongLong();
    const QString active =
        marta.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'active_policy'")).toString();
    ResponsePolicy policy = *ResponsePolicy::preset(active);
    policy.name = QStringLiteral("team-fast");
    for (ResponseTarget &target : policy.targets) {
        target.minutes = 1;
        target.businessTime = false;
    }
    team.exec(
        QStringLiteral("INSERT INTO sportello.policies(name, definition, updated_at) VALUES('team-fast', '%1', 2)")
            .arg(QString::fromUtf8(QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact))));
    team.exec(QStringLiteral("INSERT INTO sportello.settings(key, value) VALUES('active_policy', 'team-fast')"));
    marta.sync();
    CHECK(marta.value(QStringLiteral("SELECT due_at FROM posts")).toLongLong() < dueBefore);
}

TEST_CASE("what a supervisor changes on a desktop goes up to the whole team, an agent's change stays local, said once")
{
    Team team;
    team::TeamAgent lead;
    lead.login = QStringLiteral("giulia");
    lead.name = QStringLiteral("Giulia Neri");
    lead.role = team::AgentRole::Supervisor;
    REQUIRE(team::addAgent(team.admin->db(), lead, kLucaPassword, 1).ok());
    Desktop giulia(team, QStringLiteral("giulia"), QStringLiteral("Giulia Neri"), kLucaPassword);
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    giulia.sync();
    marta.sync();

    // The supervisor activates another policy, changes the guard configuration and adds a reply,
    // as the console and the CLI do (through the stores that write the cache).
    REQUIRE(PolicyStore(*giulia.cache.db).activate(QStringLiteral("selective"), giulia.clock.nowMs()).ok());
    GuardConfig guard;
    guard.ownDomains = {QStringLiteral("assicura-serena.it")};
    REQUIRE(GuardConfig::save(giulia.cache.db->connection(), guard).ok());
    const QString crm = QStringLiteral("https://crm.example/clienti?polizza={policyholder_ref}&handle={handle}");
    REQUIRE(saveCrmTemplate(giulia.cache.db->connection(), crm).ok());
    SavedReply reply;
    reply.id = QStringLiteral("r-giulia");
    reply.code = QStringLiteral("scuse");
    reply.title = QStringLiteral("Scuse");
    reply.body = QStringLiteral("Ci scusiamo per l'attesa.");
    REQUIRE(SavedReplyStore(*giulia.cache.db).save(reply, giulia.clock.nowMs()).ok());
    CHECK(giulia.value(QStringLiteral("SELECT count(*) FROM team_outgoing")).toInt() >= 5);

    const team::SyncReport up = giulia.sync();
    CHECK(up.push.shared >= 5);
    CHECK(
        team.scalar(QStringLiteral("SELECT value FROM sportello.settings WHERE key = 'crm_url_template'")).toString() ==
        crm);
    CHECK(giulia.value(QStringLiteral("SELECT count(*) FROM team_outgoing")).toInt() == 0);
    CHECK(team.scalar(QStringLiteral("SELECT value FROM sportello.settings WHERE key = 'active_policy'")).toString() ==
          QLatin1String("selective"));
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.policies WHERE name = 'selective'")).toInt() == 1);
    CHECK(team.scalar(QStringLiteral("SELECT body FROM sportello.saved_replies WHERE code = 'scuse'")).toString() ==
          QLatin1String("Ci scusiamo per l'attesa."));

    // Every replica receives it; what the feed brings is not noted to go up again.
    marta.sync();
    CHECK(marta.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'active_policy'")).toString() ==
          QLatin1String("selective"));
    CHECK(marta.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'guard_config'"))
              .toString()
              .contains(QLatin1String("assicura-serena.it")));
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM saved_replies WHERE code = 'scuse'")).toInt() == 1);
    CHECK(loadCrmTemplate(marta.cache.db->connection()).value() == crm);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM team_outgoing")).toInt() == 0);
    giulia.sync();
    CHECK(giulia.value(QStringLiteral("SELECT count(*) FROM team_outgoing")).toInt() == 0);

    // A deleted reply goes too, and so does a CRM address removed.
    REQUIRE(SavedReplyStore(*giulia.cache.db).remove(QStringLiteral("r-giulia")).ok());
    REQUIRE(saveCrmTemplate(giulia.cache.db->connection(), QString()).ok());
    giulia.sync();
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.saved_replies WHERE code = 'scuse'")).toInt() == 0);
    CHECK(
        team.scalar(QStringLiteral("SELECT count(*) FROM sportello.settings WHERE key = 'crm_url_template'")).toInt() ==
        0);
    marta.sync();
    CHECK(loadCrmTemplate(marta.cache.db->connection()).value().isEmpty());

    // An agent may not: the push says so once, and the change stays on that desktop.
    REQUIRE(PolicyStore(*marta.cache.db).activate(QStringLiteral("systematic"), marta.clock.nowMs()).ok());
    auto refused = marta.replica->syncOnce();
    REQUIRE(refused.ok());
    REQUIRE_FALSE(refused->ok());
    CHECK(refused->errors.join(QLatin1Char('\n')).contains(QLatin1String("Only a supervisor")));
    CHECK(team.scalar(QStringLiteral("SELECT value FROM sportello.settings WHERE key = 'active_policy'")).toString() ==
          QLatin1String("selective"));
    CHECK(marta.sync().ok());
}

TEST_CASE("the retention policy a supervisor sets on a desktop reaches every desktop of the team")
{
    Team team;
    team::TeamAgent lead;
    lead.login = QStringLiteral("giulia");
    lead.name = QStringLiteral("Giulia Neri");
    lead.role = team::AgentRole::Supervisor;
    REQUIRE(team::addAgent(team.admin->db(), lead, kLucaPassword, 1).ok());
    Desktop giulia(team, QStringLiteral("giulia"), QStringLiteral("Giulia Neri"), kLucaPassword);
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    giulia.sync();
    marta.sync();

    privacy::RetentionPolicy policy;
    policy.closedThreadsMonths = 36;
    policy.auditMonths = 84;
    REQUIRE(privacy::writeRetentionPolicy(giulia.cache.db->connection(), policy,
                                          Agent{QStringLiteral("giulia"), QStringLiteral("Giulia Neri")},
                                          giulia.clock.nowMs())
                .ok());
    CHECK(giulia.sync().ok());
    CHECK(team.scalar(QStringLiteral("SELECT value FROM sportello.settings WHERE key = 'retention_policy'")).toString() ==
          QString::fromUtf8(privacy::retentionPolicyJson(policy)));
    CHECK(*privacy::readRetentionPolicy(marta.cache.db->connection()) == privacy::RetentionPolicy{});
    marta.sync();
    CHECK(*privacy::readRetentionPolicy(marta.cache.db->connection()) == policy);
    // What the feed wrote is not noted to go up again.
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM team_outgoing")).toInt() == 0);
}
