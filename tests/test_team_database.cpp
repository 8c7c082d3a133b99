// The team database on a real PostgreSQL 15 (tests/PgServer): the address and its transport rules,
// team init and its refusals, agents as logins with their role's grants, and the feed's guarantee
// that a reader remembering the highest position it holds never misses a change.
#include "catch_compat.h"

#include "CliProcess.h"
#include "PgServer.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamSchema.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace sportello;
using namespace sportello::team;
using sportello::test::PgServer;

namespace {

std::unique_ptr<PgServer> startServer(PgServer::Options options = {})
{
    QString error;
    auto server = PgServer::start(options, &error);
    INFO(error.toStdString());
    REQUIRE(server);
    return server;
}

// A fresh team database on the server, created by its superuser; returns its URL.
TeamUrl freshDatabase(PgServer &server, const QString &name)
{
    QString error;
    INFO(error.toStdString());
    REQUIRE(server.createDatabase(name, &error));
    auto url = TeamUrl::parse(server.url(name));
    REQUIRE(url.ok());
    return *url;
}

std::unique_ptr<TeamConnection> connectAs(const TeamUrl &url, const QString &password)
{
    auto connection = TeamConnection::open(url, password);
    INFO(connection.error().toStdString());
    REQUIRE(connection.ok());
    return std::move(connection).value();
}

std::unique_ptr<TeamConnection> initialisedTeam(PgServer &server, const QString &name)
{
    const TeamUrl url = freshDatabase(server, name);
    auto admin = connectAs(url, server.superuserPassword());
    auto before = initTeamSchema(admin->db());
    INFO(before.error().toStdString());
    REQUIRE(before.ok());
    REQUIRE(*before == 0);
    return admin;
}

void addLogin(const QSqlDatabase &admin, const QString &login, AgentRole role, const QString &password)
{
    TeamAgent agent;
    agent.login = login;
    agent.name = login;
    agent.role = role;
    const Status added = addAgent(admin, agent, password, QDateTime::currentMSecsSinceEpoch());
    INFO(added.error().toStdString());
    REQUIRE(added.ok());
}

bool runs(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery q(db);
    return q.exec(statement);
}

QString lastError(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery q(db);
    q.exec(statement);
    return q.lastError().nativeErrorCode();
}

const QString kPostValues = QStringLiteral(
    "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, direction, "
    "visibility, created_at, text) VALUES ('x', '%1', '%1', 'a1', 'inbound', 'public', 1, 'text')");

} // namespace

TEST_CASE("A team database address is a libpq URI that never carries a password", "[team][url]")
{
    auto plain = TeamUrl::parse(QStringLiteral("postgresql://marta@127.0.0.1:5433/sportello"));
    REQUIRE(plain.ok());
    CHECK(plain->user == QLatin1String("marta"));
    CHECK(plain->port == 5433);
    CHECK(plain->database == QLatin1String("sportello"));
    CHECK(plain->isLoopback());

    auto tls = TeamUrl::parse(
        QStringLiteral("postgresql://marta@db.example.com/sportello?sslmode=verify-full&sslrootcert=/etc/ca.pem"));
    REQUIRE(tls.ok());
    CHECK(tls->requiresTls());
    CHECK(tls->port == 5432);
    auto again = TeamUrl::parse(tls->toString());
    REQUIRE(again.ok());
    CHECK(again->toString() == tls->toString());
    CHECK(again->sslRootCert == QLatin1String("/etc/ca.pem"));

    auto socket = TeamUrl::parse(QStringLiteral("postgresql://marta@/sportello?host=/var/run/postgresql"));
    REQUIRE(socket.ok());
    CHECK(socket->isSocket());

    SECTION("passwords are refused wherever they are written")
    {
        for (const QString &text : {QStringLiteral("postgresql://marta:secret@127.0.0.1/sportello"),
                                    QStringLiteral("postgresql://marta@127.0.0.1/sportello?password=secret")}) {
            auto refused = TeamUrl::parse(text);
            REQUIRE_FALSE(refused.ok());
            CHECK(refused.errorKind() == ErrorKind::InvalidInput);
            CHECK_FALSE(refused.error().contains(QLatin1String("secret")));
        }
    }
    SECTION("a remote server without TLS is refused, with every mode that allows plain text")
    {
        for (const QString &mode : {QString(), QStringLiteral("?sslmode=disable"), QStringLiteral("?sslmode=allow"),
                                    QStringLiteral("?sslmode=prefer")}) {
            auto refused = TeamUrl::parse(QStringLiteral("postgresql://marta@10.1.2.3/sportello") + mode);
            REQUIRE_FALSE(refused.ok());
            CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
            CHECK(refused.error().contains(QLatin1String("sslmode=verify-full")));
        }
        for (const QString &mode : {QStringLiteral("require"), QStringLiteral("verify-ca")})
            CHECK(TeamUrl::parse(QStringLiteral("postgresql://marta@10.1.2.3/sportello?sslmode=") + mode).ok());
        CHECK(TeamUrl::parse(QStringLiteral("postgresql://marta@[::1]/sportello")).ok());
    }
    SECTION("malformed addresses say what is wrong")
    {
        for (const QString &text :
             {QStringLiteral("mysql://marta@127.0.0.1/sportello"), QStringLiteral("postgresql://marta@127.0.0.1/"),
              QStringLiteral("postgresql://marta@127.0.0.1/sportello?sslmode=maybe"),
              QStringLiteral("postgresql://marta@127.0.0.1/sportello?frobnicate=1"),
              QStringLiteral("postgresql://marta@127.0.0.1/sportello?connect_timeout=soon")}) {
            auto refused = TeamUrl::parse(text);
            CHECK_FALSE(refused.ok());
            CHECK(refused.errorKind() == ErrorKind::InvalidInput);
        }
    }
}

TEST_CASE("SCRAM verifiers are computed as PostgreSQL checks them", "[team][agents]")
{
    // RFC 7677's example: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096
    // iterations gives this StoredKey and ServerKey.
    const QString verifier = scramVerifier(QStringLiteral("pencil"), QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ=="));
    CHECK(verifier == QLatin1String("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
                                    "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
                                    "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU="));
}

TEST_CASE("team init creates the schema once, refuses other databases and newer schemas", "[team][schema]")
{
    auto server = startServer();
    auto admin = initialisedTeam(*server, QStringLiteral("team_a"));

    auto state = readTeamSchema(admin->db());
    REQUIRE(state.ok());
    CHECK(state->version == latestTeamVersion());
    CHECK(state->teamId.size() == 36);
    auto again = initTeamSchema(admin->db());
    REQUIRE(again.ok());
    CHECK(*again == latestTeamVersion());
    CHECK(readTeamSchema(admin->db())->teamId == state->teamId);

    SECTION("a database that holds something else is left as it is")
    {
        const TeamUrl url = freshDatabase(*server, QStringLiteral("accounting"));
        auto other = connectAs(url, server->superuserPassword());
        REQUIRE(runs(other->db(), QStringLiteral("CREATE TABLE public.invoices(id int)")));
        auto refused = initTeamSchema(other->db());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::Conflict);
        CHECK(refused.error().contains(QLatin1String("not a Sportello team database")));
        QSqlQuery schemas(other->db());
        REQUIRE(schemas.exec(QStringLiteral("SELECT count(*) FROM pg_namespace WHERE nspname = 'sportello'")));
        REQUIRE(schemas.next());
        CHECK(schemas.value(0).toInt() == 0);
    }
    SECTION("a schema named sportello that is not ours is refused")
    {
        const TeamUrl url = freshDatabase(*server, QStringLiteral("lookalike"));
        auto other = connectAs(url, server->superuserPassword());
        REQUIRE(runs(other->db(), QStringLiteral("CREATE SCHEMA sportello")));
        REQUIRE(runs(other->db(), QStringLiteral("CREATE TABLE sportello.team_meta(key text, value text)")));
        auto refused = initTeamSchema(other->db());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::Conflict);
    }
    SECTION("a newer schema is neither used nor downgraded")
    {
        REQUIRE(runs(admin->db(), QStringLiteral("UPDATE sportello.team_meta SET value = '%1' WHERE key = "
                                                 "'schema_version'")
                                      .arg(latestTeamVersion() + 1)));
        auto refused = initTeamSchema(admin->db());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::Conflict);
        CHECK(refused.error().contains(QLatin1String("newer Sportello")));
        auto desktop = requireCurrentTeamSchema(admin->db());
        REQUIRE_FALSE(desktop.ok());
        CHECK(desktop.errorKind() == ErrorKind::Conflict);
    }
    SECTION("an empty database is not a team for a desktop")
    {
        const TeamUrl url = freshDatabase(*server, QStringLiteral("empty"));
        auto other = connectAs(url, server->superuserPassword());
        auto refused = requireCurrentTeamSchema(other->db());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::NotFound);
        CHECK(refused.error().contains(QLatin1String("team init")));
    }
}

TEST_CASE("Agents are logins whose role's grants allow exactly what it needs", "[team][agents]")
{
    auto server = startServer();
    auto admin = initialisedTeam(*server, QStringLiteral("team_b"));
    const TeamUrl url = admin->url();
    const QString password = QStringLiteral("a long enough password");
    addLogin(admin->db(), QStringLiteral("marta.verdi"), AgentRole::Agent, password);
    addLogin(admin->db(), QStringLiteral("paolo"), AgentRole::Supervisor, password);
    addLogin(admin->db(), QStringLiteral("hub1"), AgentRole::Hub, password);

    auto agents = listAgents(admin->db());
    REQUIRE(agents.ok());
    REQUIRE(agents->size() == 3);
    CHECK(agents->at(0).login == QLatin1String("hub1"));
    CHECK(agents->at(1).login == QLatin1String("marta.verdi"));
    CHECK(agents->at(1).role == AgentRole::Agent);
    CHECK(agents->at(1).canLogIn);

    auto marta = connectAs(url.withUser(QStringLiteral("marta.verdi")), password);
    CHECK(marta->login() == QLatin1String("marta.verdi"));
    auto me = currentAgent(marta->db());
    REQUIRE(me.ok());
    CHECK(me->name == QLatin1String("marta.verdi"));

    SECTION("an agent reads and pushes decisions, and nothing more")
    {
        CHECK(runs(marta->db(), QStringLiteral("SELECT count(*) FROM sportello.posts")));
        CHECK(runs(marta->db(), QStringLiteral("SELECT count(*) FROM sportello.changes")));
        CHECK(lastError(marta->db(), kPostValues.arg(QStringLiteral("1"))) == QLatin1String("42501"));
        CHECK(lastError(marta->db(), QStringLiteral("DELETE FROM sportello.audit_log")) == QLatin1String("42501"));
        CHECK(lastError(marta->db(), QStringLiteral("UPDATE sportello.audit_log SET action = 'x'")) ==
              QLatin1String("42501"));
        CHECK(lastError(marta->db(), QStringLiteral("INSERT INTO sportello.policies VALUES ('p', '{}', 1)")) ==
              QLatin1String("42501"));
        CHECK(lastError(marta->db(), QStringLiteral("UPDATE sportello.outbox SET state = 'delivered'")) ==
              QLatin1String("42501"));
        CHECK(lastError(marta->db(), QStringLiteral("INSERT INTO sportello.changes VALUES (1, 1, 'post', 'upsert', "
                                                    "'{}')")) == QLatin1String("42501"));
        CHECK(lastError(marta->db(), QStringLiteral("DELETE FROM sportello.agents")) == QLatin1String("42501"));
        // What the agent claims to be does not matter: the database records the login.
        REQUIRE(runs(marta->db(), QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, "
                                                 "action, agent_login) VALUES ('a1', 1, 'x', 'X', 'note', 'paolo')")));
        QSqlQuery who(admin->db());
        REQUIRE(who.exec(QStringLiteral("SELECT agent_login FROM sportello.audit_log WHERE id = 'a1'")));
        REQUIRE(who.next());
        CHECK(who.value(0).toString() == QLatin1String("marta.verdi"));
    }
    SECTION("a supervisor sets the team's policies; the hub stores posts and delivers")
    {
        auto paolo = connectAs(url.withUser(QStringLiteral("paolo")), password);
        CHECK(runs(paolo->db(), QStringLiteral("INSERT INTO sportello.policies VALUES ('p', '{}', 1)")));
        CHECK(lastError(paolo->db(), kPostValues.arg(QStringLiteral("2"))) == QLatin1String("42501"));
        auto hub = connectAs(url.withUser(QStringLiteral("hub1")), password);
        CHECK(runs(hub->db(), kPostValues.arg(QStringLiteral("3"))));
        CHECK(lastError(hub->db(), QStringLiteral("DELETE FROM sportello.audit_log")) == QLatin1String("42501"));
        CHECK(lastError(hub->db(), QStringLiteral("INSERT INTO sportello.policies VALUES ('q', '{}', 1)")) ==
              QLatin1String("42501"));
    }
    SECTION("a wrong password and an expired login are refused with a clear message")
    {
        auto wrong = TeamConnection::open(url.withUser(QStringLiteral("marta.verdi")), QStringLiteral("not it at all"));
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.errorKind() == ErrorKind::RefusedByPolicy);
        CHECK(wrong.error().contains(QLatin1String("marta.verdi")));
        CHECK_FALSE(wrong.error().contains(QLatin1String("not it at all")));
        REQUIRE(runs(admin->db(), QStringLiteral("ALTER ROLE \"marta.verdi\" VALID UNTIL '2001-01-01'")));
        auto expired = TeamConnection::open(url.withUser(QStringLiteral("marta.verdi")), password);
        REQUIRE_FALSE(expired.ok());
        CHECK(expired.errorKind() == ErrorKind::RefusedByPolicy);
    }
    SECTION("adding refuses bad logins, short passwords, an existing login and a login that may not create roles")
    {
        TeamAgent bad;
        bad.name = QStringLiteral("X");
        for (const QString &login : {QStringLiteral("Marta"), QStringLiteral("1abc"), QStringLiteral("postgres"),
                                     QStringLiteral("sportello_agent"), QStringLiteral("a b"), QString()}) {
            bad.login = login;
            CHECK(addAgent(admin->db(), bad, password, 1).errorKind() == ErrorKind::InvalidInput);
        }
        bad.login = QStringLiteral("short");
        CHECK(addAgent(admin->db(), bad, QStringLiteral("short"), 1).errorKind() == ErrorKind::InvalidInput);
        bad.login = QStringLiteral("marta.verdi");
        CHECK(addAgent(admin->db(), bad, password, 1).errorKind() == ErrorKind::Conflict);
        bad.login = QStringLiteral("newcomer");
        const Status refused = addAgent(marta->db(), bad, password, 1);
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
        CHECK(refused.error().contains(QLatin1String("administrator")));
    }
    SECTION("removing drops the login and keeps what it did")
    {
        REQUIRE(runs(marta->db(), QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, "
                                                 "action) VALUES ('a2', 1, 'm', 'Marta', 'note')")));
        marta.reset();
        REQUIRE(removeAgent(admin->db(), QStringLiteral("marta.verdi")).ok());
        CHECK(removeAgent(admin->db(), QStringLiteral("marta.verdi")).errorKind() == ErrorKind::NotFound);
        CHECK_FALSE(TeamConnection::open(url.withUser(QStringLiteral("marta.verdi")), password).ok());
        QSqlQuery kept(admin->db());
        REQUIRE(kept.exec(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE agent_login = 'marta.verdi'")));
        REQUIRE(kept.next());
        CHECK(kept.value(0).toInt() == 1);
    }
}

TEST_CASE("The clear password never reaches the server's log", "[team][agents]")
{
    auto server = startServer();
    auto admin = initialisedTeam(*server, QStringLiteral("team_log"));
    REQUIRE(runs(admin->db(), QStringLiteral("SET log_statement = 'all'")));
    const QString password = QStringLiteral("Zq7-unmistakable-secret");
    addLogin(admin->db(), QStringLiteral("luca"), AgentRole::Agent, password);
    REQUIRE(runs(admin->db(), QStringLiteral("SELECT 'statement logged after the login was created'")));
    QString log;
    for (int i = 0; i < 50 && !log.contains(QLatin1String("statement logged after")); ++i) {
        QThread::msleep(100);
        log = server->logText();
    }
    REQUIRE(log.contains(QLatin1String("CREATE ROLE")));
    CHECK_FALSE(log.contains(password));
    CHECK(connectAs(admin->url().withUser(QStringLiteral("luca")), password)->login() == QLatin1String("luca"));
}

TEST_CASE("Held decisions: the first decision on a post wins, a later one is held and audited", "[team][schema]")
{
    auto server = startServer();
    auto admin = initialisedTeam(*server, QStringLiteral("team_c"));
    const QString password = QStringLiteral("a long enough password");
    addLogin(admin->db(), QStringLiteral("marta"), AgentRole::Agent, password);
    addLogin(admin->db(), QStringLiteral("paolo"), AgentRole::Agent, password);
    auto marta = connectAs(admin->url().withUser(QStringLiteral("marta")), password);
    auto paolo = connectAs(admin->url().withUser(QStringLiteral("paolo")), password);

    const QString decision = QStringLiteral(
        "INSERT INTO sportello.decisions(id, channel, thread_external_id, target_post, follows, kind, text, agent_id, "
        "agent_name, decided_at) VALUES ('%1', 'x', 't1', '%2', %3, '%4', 'text', 'id', 'name', 1) "
        "ON CONFLICT (id) DO NOTHING");
    const QString entry = QStringLiteral("INSERT INTO sportello.outbox(id, decision_id, idempotency_key, kind, "
                                         "created_at) VALUES ('o-%1', '%1', 'k-%1', 'reply_public', 1) "
                                         "ON CONFLICT (id) DO NOTHING");
    REQUIRE(runs(marta->db(), decision.arg(QStringLiteral("d1"), QStringLiteral("p1"), QStringLiteral("NULL"),
                                           QStringLiteral("forward"))));
    REQUIRE(runs(marta->db(), decision.arg(QStringLiteral("d1b"), QStringLiteral("p1"), QStringLiteral("'d1'"),
                                           QStringLiteral("reply_private"))));
    REQUIRE(runs(paolo->db(), decision.arg(QStringLiteral("d2"), QStringLiteral("p1"), QStringLiteral("NULL"),
                                           QStringLiteral("reply_public"))));
    // A push repeated after a crash changes nothing.
    REQUIRE(runs(paolo->db(), decision.arg(QStringLiteral("d2"), QStringLiteral("p1"), QStringLiteral("NULL"),
                                           QStringLiteral("reply_public"))));
    // A later post of the same thread is a new decision to take.
    REQUIRE(runs(paolo->db(), decision.arg(QStringLiteral("d3"), QStringLiteral("p2"), QStringLiteral("NULL"),
                                           QStringLiteral("reply_public"))));
    for (const char *id : {"d1", "d1b", "d2", "d3"})
        REQUIRE(runs(marta->db(), entry.arg(QLatin1String(id))));
    REQUIRE(runs(marta->db(), entry.arg(QStringLiteral("d2"))));

    QSqlQuery q(admin->db());
    REQUIRE(q.exec(QStringLiteral("SELECT d.id, d.state, coalesce(d.held_because, ''), o.state, d.agent_login "
                                  "FROM sportello.decisions d JOIN sportello.outbox o ON o.decision_id = d.id "
                                  "ORDER BY d.id")));
    QStringList rows;
    while (q.next())
        rows << QStringLiteral("%1 %2 %3 %4 %5")
                    .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                         q.value(4).toString());
    CHECK(rows == QStringList{QStringLiteral("d1 accepted  pending marta"), QStringLiteral("d1b accepted  pending marta"),
                              QStringLiteral("d2 held d1 held paolo"), QStringLiteral("d3 accepted  pending paolo")});
    REQUIRE(q.exec(QStringLiteral("SELECT agent_login, decision_id FROM sportello.audit_log WHERE action = "
                                  "'decision_held'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QLatin1String("paolo"));
    CHECK(q.value(1).toString() == QLatin1String("d2"));
    CHECK_FALSE(q.next());
}

TEST_CASE("The feed's order is its commit order: a late commit holds back later writers", "[team][feed]")
{
    auto server = startServer();
    auto admin = initialisedTeam(*server, QStringLiteral("team_d"));
    const TeamUrl url = admin->url();
    auto first = connectAs(url, server->superuserPassword());
    REQUIRE(runs(first->db(), QStringLiteral("BEGIN")));
    REQUIRE(runs(first->db(), kPostValues.arg(QStringLiteral("early"))));

    // A second writer starts after the first took its number and tries to commit first.
    std::atomic<bool> secondDone{false};
    std::thread second([&] {
        auto connection = TeamConnection::open(url, server->superuserPassword());
        if (connection)
            runs((*connection)->db(), kPostValues.arg(QStringLiteral("late")));
        secondDone = true;
    });
    QThread::msleep(500);
    CHECK_FALSE(secondDone.load()); // waits for the first writer's commit
    QSqlQuery seen(admin->db());
    REQUIRE(seen.exec(QStringLiteral("SELECT count(*) FROM sportello.changes WHERE kind = 'post'")));
    REQUIRE(seen.next());
    CHECK(seen.value(0).toInt() == 0);
    REQUIRE(runs(first->db(), QStringLiteral("COMMIT")));
    second.join();
    CHECK(secondDone.load());
    REQUIRE(seen.exec(QStringLiteral("SELECT row->>'external_id' FROM sportello.changes WHERE kind = 'post' "
                                     "ORDER BY seq")));
    QStringList order;
    while (seen.next())
        order << seen.value(0).toString();
    CHECK(order == QStringList{QStringLiteral("early"), QStringLiteral("late")});
}

TEST_CASE("Under concurrent writers a reader that remembers its position loses no change", "[team][feed]")
{
    auto server = startServer();
    auto admin = initialisedTeam(*server, QStringLiteral("team_e"));
    const TeamUrl url = admin->url();
    const QString password = server->superuserPassword();
    constexpr int kWriters = 8;
    constexpr int kTransactionsPerWriter = 40;

    // Writers commit in random order relative to their numbers: each sleeps a random while between
    // its change and its commit, and some roll back.
    std::atomic<int> committed{0};
    std::atomic<bool> writing{true};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            auto connection = TeamConnection::open(url, password);
            if (!connection)
                return;
            const QSqlDatabase db = (*connection)->db();
            for (int t = 0; t < kTransactionsPerWriter; ++t) {
                const bool rollBack = QRandomGenerator::global()->bounded(10) == 0;
                runs(db, QStringLiteral("BEGIN"));
                const int rows = 1 + QRandomGenerator::global()->bounded(3);
                for (int r = 0; r < rows; ++r)
                    runs(db, kPostValues.arg(QStringLiteral("w%1-t%2-r%3").arg(w).arg(t).arg(r)));
                runs(db, QStringLiteral("SELECT pg_sleep(%1)").arg(QRandomGenerator::global()->bounded(5) / 1000.0));
                if (rollBack) {
                    runs(db, QStringLiteral("ROLLBACK"));
                } else if (runs(db, QStringLiteral("COMMIT"))) {
                    committed += rows;
                }
            }
        });
    }
    std::thread stopper([&] {
        for (auto &writer : writers)
            writer.join();
        writing = false;
    });

    // The reader: changes after the highest position it holds, as a replica pulls them.
    auto reader = connectAs(url, password);
    qint64 position = 0;
    QSet<QString> seen;
    int duplicates = 0;
    auto pull = [&] {
        QSqlQuery page(reader->db());
        // Posts only: the team's settings (routing, approval) are in the feed from the start.
        page.prepare(QStringLiteral("SELECT seq, row->>'external_id' FROM sportello.changes WHERE seq > ? "
                                    "AND kind = 'post' ORDER BY seq LIMIT 50"));
        page.addBindValue(position);
        REQUIRE(page.exec());
        int rows = 0;
        while (page.next()) {
            position = page.value(0).toLongLong();
            const QString id = page.value(1).toString();
            if (seen.contains(id))
                ++duplicates;
            seen.insert(id);
            ++rows;
        }
        return rows;
    };
    while (writing.load())
        pull();
    stopper.join();
    while (pull() > 0) {
    }

    QSqlQuery stored(admin->db());
    REQUIRE(stored.exec(QStringLiteral("SELECT count(*) FROM sportello.posts")));
    REQUIRE(stored.next());
    const int storedPosts = stored.value(0).toInt();
    CHECK(storedPosts == committed.load());
    CHECK(seen.size() == storedPosts);
    CHECK(duplicates == 0);
    CHECK(storedPosts > kWriters * kTransactionsPerWriter / 2);
}

TEST_CASE("sportello-cli team init and team agent add, list and remove", "[team][cli]")
{
    auto server = startServer();
    QString error;
    REQUIRE(server->createDatabase(QStringLiteral("team_cli"), &error));
    const QString url = server->url(QStringLiteral("team_cli"));
    const QList<std::pair<QString, QString>> admin{{QStringLiteral("PGPASSWORD"), server->superuserPassword()},
                                                   {QStringLiteral("NEW_PW"), QStringLiteral("a long enough password")}};

    auto init = test::runCli({QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--url"), url}, {}, admin);
    INFO(init.err.toStdString());
    REQUIRE(init.exitCode == 0);
    CHECK(init.out.contains(QLatin1String("Created the team database team_cli")));
    auto again = test::runCli({QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--url"), url}, {}, admin);
    CHECK(again.exitCode == 0);
    CHECK(again.out.contains(QLatin1String("up to date")));

    auto add = test::runCli({QStringLiteral("team"), QStringLiteral("agent"), QStringLiteral("add"),
                             QStringLiteral("--url"), url, QStringLiteral("--login"), QStringLiteral("marta"),
                             QStringLiteral("--name"), QStringLiteral("Marta Verdi"), QStringLiteral("--role"),
                             QStringLiteral("agent"), QStringLiteral("--password-env"), QStringLiteral("NEW_PW")},
                            {}, admin);
    INFO(add.err.toStdString());
    CHECK(add.exitCode == 0);
    auto fromStdin = test::runCli({QStringLiteral("team"), QStringLiteral("agent"), QStringLiteral("add"),
                                   QStringLiteral("--url"), url, QStringLiteral("--login"), QStringLiteral("paolo"),
                                   QStringLiteral("--name"), QStringLiteral("Paolo Neri"), QStringLiteral("--role"),
                                   QStringLiteral("supervisor")},
                                  "another long password\n", admin);
    CHECK(fromStdin.exitCode == 0);
    auto list = test::runCli({QStringLiteral("team"), QStringLiteral("agent"), QStringLiteral("list"),
                              QStringLiteral("--url"), url, QStringLiteral("--json")},
                             {}, admin);
    REQUIRE(list.exitCode == 0);
    const QStringList lines = test::outputLines(list.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines.at(0).contains(QLatin1String("\"login\":\"marta\"")));
    CHECK(lines.at(1).contains(QLatin1String("\"role\":\"supervisor\"")));

    SECTION("refusals exit non-zero with the reason")
    {
        auto withPassword = test::runCli({QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--url"),
                                          QString(url).replace(QLatin1String("@"), QLatin1String(":pw@"))},
                                         {}, admin);
        CHECK(withPassword.exitCode != 0);
        CHECK(withPassword.err.contains(QLatin1String("carries a password")));
        auto wrong = test::runCli({QStringLiteral("team"), QStringLiteral("agent"), QStringLiteral("list"),
                                   QStringLiteral("--url"), url},
                                  {}, {{QStringLiteral("PGPASSWORD"), QStringLiteral("wrong password")}});
        CHECK(wrong.exitCode != 0);
        CHECK(wrong.err.contains(QLatin1String("Could not connect")));
        auto badRole = test::runCli({QStringLiteral("team"), QStringLiteral("agent"), QStringLiteral("add"),
                                     QStringLiteral("--url"), url, QStringLiteral("--login"), QStringLiteral("x1"),
                                     QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--role"),
                                     QStringLiteral("boss")},
                                    {}, admin);
        CHECK(badRole.exitCode == 2);
        auto removed = test::runCli({QStringLiteral("team"), QStringLiteral("agent"), QStringLiteral("remove"),
                                     QStringLiteral("--url"), url, QStringLiteral("--login"), QStringLiteral("marta")},
                                    {}, admin);
        CHECK(removed.exitCode == 0);
    }
}

TEST_CASE("TLS: verify-full with the company's CA connects encrypted, and a wrong CA is refused", "[team][tls]")
{
    PgServer::Options options;
    options.tls = true;
    auto server = startServer(options);
    QString error;
    REQUIRE(server->createDatabase(QStringLiteral("team_tls"), &error));
    auto url = TeamUrl::parse(server->url(QStringLiteral("team_tls")) +
                              QStringLiteral("?sslmode=verify-full&sslrootcert=") + server->caCertificatePath());
    REQUIRE(url.ok());
    url->host = QStringLiteral("localhost"); // the certificate names localhost and 127.0.0.1
    auto connection = connectAs(*url, server->superuserPassword());
    QSqlQuery ssl(connection->db());
    REQUIRE(ssl.exec(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")));
    REQUIRE(ssl.next());
    CHECK(ssl.value(0).toBool());

    // Another authority's certificate: a valid file that did not sign the server's.
    QTemporaryDir otherCa;
    REQUIRE(otherCa.isValid());
    const QString otherCert = otherCa.filePath(QStringLiteral("other-ca.pem"));
    QString output;
    QString failure;
    INFO(failure.toStdString());
    REQUIRE(test::runProgram(QStringLiteral("openssl"),
                             {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                              QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                              QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                              QStringLiteral("-keyout"), otherCa.filePath(QStringLiteral("k.pem")),
                              QStringLiteral("-out"), otherCert, QStringLiteral("-days"), QStringLiteral("1"),
                              QStringLiteral("-subj"), QStringLiteral("/CN=Another CA")},
                             otherCa.path(), &output, &failure));
    TeamUrl wrongCa = *url;
    wrongCa.sslRootCert = otherCert;
    auto refused = TeamConnection::open(wrongCa, server->superuserPassword());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
}

TEST_CASE("sportello-cli account add --team: the hub publishes the accounts it serves, keeping its token source",
          "[team][cli]")
{
    auto server = startServer();
    auto admin = initialisedTeam(*server, QStringLiteral("team_accounts"));
    const QString password = QStringLiteral("a long enough password");
    addLogin(admin->db(), QStringLiteral("hub1"), AgentRole::Hub, password);
    addLogin(admin->db(), QStringLiteral("marta"), AgentRole::Agent, password);
    QTemporaryDir dir;
    const QString hubCache = dir.filePath(QStringLiteral("hub.sqlite"));
    const QString desktopCache = dir.filePath(QStringLiteral("marta.sqlite"));
    const QList<std::pair<QString, QString>> env{{QStringLiteral("TEAM_PW"), password},
                                                 {QStringLiteral("PGPASSWORD"), QString()}};
    auto cli = [&](const QString &cache, QStringList arguments) {
        arguments.prepend(cache);
        arguments.prepend(QStringLiteral("--database"));
        auto run = test::runCli(arguments, {}, env);
        INFO(run.err.toStdString());
        return run;
    };
    const QString url = admin->url().toString();
    REQUIRE(cli(hubCache, {QStringLiteral("team"), QStringLiteral("join"), QStringLiteral("--url"), url,
                           QStringLiteral("--login"), QStringLiteral("hub1"), QStringLiteral("--password-env"),
                           QStringLiteral("TEAM_PW")})
                .exitCode == 0);
    REQUIRE(cli(desktopCache, {QStringLiteral("team"), QStringLiteral("join"), QStringLiteral("--url"), url,
                               QStringLiteral("--login"), QStringLiteral("marta"), QStringLiteral("--password-env"),
                               QStringLiteral("TEAM_PW")})
                .exitCode == 0);

    auto added = cli(hubCache, {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"),
                                QStringLiteral("x"), QStringLiteral("--id"), QStringLiteral("1551234567"),
                                QStringLiteral("--token-env"), QStringLiteral("HUB_X_TOKEN"), QStringLiteral("--team")});
    REQUIRE(added.exitCode == 0);
    CHECK(added.out.contains(QLatin1String("The team serves it")));
    QSqlQuery team(admin->db());
    REQUIRE(team.exec(QStringLiteral("SELECT channel, account_id FROM sportello.accounts")));
    REQUIRE(team.next());
    CHECK(team.value(1).toString() == QLatin1String("1551234567"));
    CHECK_FALSE(team.next());

    // The feed brings the account back to the hub (its token source stays) and to the desktop.
    REQUIRE(cli(hubCache, {QStringLiteral("sync"), QStringLiteral("--once")}).exitCode == 0);
    auto hubList = cli(hubCache, {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
    REQUIRE(hubList.exitCode == 0);
    CHECK(hubList.out.contains(QLatin1String("\"token\":\"env:HUB_X_TOKEN\"")));
    REQUIRE(cli(desktopCache, {QStringLiteral("sync"), QStringLiteral("--once")}).exitCode == 0);
    auto desktopList = cli(desktopCache, {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
    CHECK(desktopList.out.contains(QLatin1String("\"id\":\"1551234567\"")));

    // An agent cannot add accounts to the team; nothing is left behind on the desktop either.
    auto refused = cli(desktopCache, {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"),
                                      QStringLiteral("x"), QStringLiteral("--id"), QStringLiteral("999"),
                                      QStringLiteral("--token-env"), QStringLiteral("X_TOKEN"), QStringLiteral("--team")});
    CHECK(refused.exitCode != 0);
    CHECK(refused.err.contains(QLatin1String("hub or admin")));
    auto after = cli(desktopCache, {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
    CHECK_FALSE(after.out.contains(QLatin1String("\"id\":\"999\"")));

    auto withdrawn = cli(hubCache, {QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--channel"),
                                    QStringLiteral("x"), QStringLiteral("--id"), QStringLiteral("1551234567"),
                                    QStringLiteral("--team")});
    CHECK(withdrawn.exitCode == 0);
    REQUIRE(team.exec(QStringLiteral("SELECT count(*) FROM sportello.accounts")));
    REQUIRE(team.next());
    CHECK(team.value(0).toInt() == 0);
}
