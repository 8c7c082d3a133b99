// Access records in team mode, against a real PostgreSQL 15 (PgServer): a desktop's records go up
// to sportello.access_log as its own login with its next sync, never come down the feed, and only
// the data protection role (dpo, team schema 9) reads them; `team agent add --role dpo`, and the
// DPO's own desktop joins and syncs like any other.
#include "catch_compat.h"

#include "CliProcess.h"
#include "TeamDatabaseFixture.h"
#include "TestSupport.h"

#include "cache/OpenCache.h"
#include "privacy/AccessLog.h"
#include "privacy/Erasure.h"
#include "storage/Database.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamSchema.h"
#include "team/TeamWork.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <memory>

using namespace sportello;
using namespace sportello::test;

namespace {

const QString kPassword = QStringLiteral("privacy-test-password");

// Marta (an agent) and Paolo (a supervisor), and a customer's post as the hub stores it.
struct Team : TeamDatabaseFixture {
    Team()
        : TeamDatabaseFixture(kPassword,
                              {{QStringLiteral("marta"), QStringLiteral("Marta Rossi"), team::AgentRole::Agent},
                               {QStringLiteral("paolo"), QStringLiteral("Paolo Neri"), team::AgentRole::Supervisor}})
    {
        QSqlQuery insert(admin->db());
        REQUIRE(insert.exec(QStringLiteral(
            "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, author_handle, "
            "author_name, direction, visibility, created_at, text, category) VALUES('x', 'x-p', 'x-t', 'x-mario', "
            "'mario_r', 'Mario Rossi', 'inbound', 'public', (extract(epoch FROM now()) * 1000)::bigint, "
            "'Buongiorno, una domanda sulla polizza', 'assistance')")));
    }
};

CliRun cli(const QStringList &arguments, int expected = 0, const QString &adminPassword = {})
{
    CliRun run = runCli(arguments, {},
                        {{QStringLiteral("SPORTELLO_TEST_TEAM_PASSWORD"), kPassword},
                         {QStringLiteral("SPORTELLO_TEST_ADMIN_PASSWORD"), adminPassword}});
    INFO(arguments.join(QLatin1Char(' ')).toStdString());
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == expected);
    return run;
}

} // namespace

TEST_CASE("access records go up as the desktop's login, and only the data protection role reads them",
          "[privacy][team][access]")
{
    Team team;
    const QString url = QStringLiteral("postgresql://127.0.0.1:%1/team").arg(team.server->port());
    // The DPO's login, as an admin adds it (here the superuser who set the team up).
    cli({QStringLiteral("team"), QStringLiteral("agent"), QStringLiteral("add"), QStringLiteral("--url"),
         team.server->url(QStringLiteral("team")), QStringLiteral("--login"), QStringLiteral("dana"),
         QStringLiteral("--name"), QStringLiteral("Dana Privacy"), QStringLiteral("--role"), QStringLiteral("dpo"),
         QStringLiteral("--password-env"), QStringLiteral("SPORTELLO_TEST_TEAM_PASSWORD"),
         QStringLiteral("--admin-password-env"), QStringLiteral("SPORTELLO_TEST_ADMIN_PASSWORD")},
        0, team.server->superuserPassword());
    CHECK(team.scalar(QStringLiteral("SELECT role FROM sportello.agents WHERE login = 'dana'")).toString() ==
          QLatin1String("dpo"));
    CHECK(team.scalar(QStringLiteral("SELECT pg_has_role('dana', 'sportello_dpo', 'MEMBER')")).toBool());

    QTemporaryDir dir;
    const auto joined = [&](const QString &login) {
        const QString cache = dir.filePath(login + QStringLiteral(".db"));
        cli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("join"),
             QStringLiteral("--url"), url, QStringLiteral("--login"), login, QStringLiteral("--password-env"),
             QStringLiteral("SPORTELLO_TEST_TEAM_PASSWORD")});
        cli({QStringLiteral("--database"), cache, QStringLiteral("sync"), QStringLiteral("--once")});
        return cache;
    };
    const QString marta = joined(QStringLiteral("marta"));
    QString thread;
    {
        auto db = openCache(marta, {});
        REQUIRE(db.ok());
        thread = scalar(**db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'x-t'")).toString();
    }
    // Marta opens Mario's card, and a colleague's name in --agent changes nothing: the login signs.
    cli({QStringLiteral("--database"), marta, QStringLiteral("customer"), QStringLiteral("show"), thread,
         QStringLiteral("--agent"), QStringLiteral("Dana Privacy")});
    {
        auto db = openCache(marta, {});
        REQUIRE(db.ok());
        CHECK(scalar(**db, QStringLiteral("SELECT team_state FROM access_log")).toString() == QLatin1String("to_push"));
    }
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.access_log")).toLongLong() == 0);
    cli({QStringLiteral("--database"), marta, QStringLiteral("sync"), QStringLiteral("--once")});
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.access_log")).toLongLong() == 1);
    CHECK(team.scalar(QStringLiteral("SELECT agent_login || '/' || agent_id || '/' || agent_name || '/' || kind || '/' "
                                     "|| subject FROM sportello.access_log"))
              .toString() == QStringLiteral("marta/marta/Marta Rossi/customer_card/author:") +
                                 privacy::authorKey(QStringLiteral("x"), QStringLiteral("x-mario")));
    {
        auto db = openCache(marta, {});
        REQUIRE(db.ok());
        CHECK(scalar(**db, QStringLiteral("SELECT team_state FROM access_log")).toString() == QLatin1String("pushed"));
    }
    // Pushed again (a crash before the cache noted it): the same row, not a second one.
    {
        auto db = openCache(marta, {});
        REQUIRE(db.ok());
        QSqlQuery again((*db)->connection());
        REQUIRE(again.exec(QStringLiteral("UPDATE access_log SET team_state = 'to_push'")));
    }
    cli({QStringLiteral("--database"), marta, QStringLiteral("sync"), QStringLiteral("--once")});
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.access_log")).toLongLong() == 1);
    // Never in the feed: no replica receives who looked at whom.
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.changes WHERE row::text LIKE '%customer_card%'"))
              .toLongLong() == 0);

    // Nobody but the DPO reads them, and nobody changes or deletes one.
    for (const QString &login : {QStringLiteral("marta"), QStringLiteral("paolo")}) {
        auto connection = team.as(login);
        QSqlQuery read(connection->db());
        CHECK_FALSE(read.exec(QStringLiteral("SELECT count(*) FROM sportello.access_log")));
        CHECK(read.lastError().nativeErrorCode() == QLatin1String("42501")); // insufficient_privilege
        auto records = privacy::readAccessLog(connection->db(), privacy::AccessLogSource::Team, {}, 0, 10);
        CHECK(records.errorKind() == ErrorKind::RefusedByPolicy);
    }
    auto dpo = team.as(QStringLiteral("dana"));
    auto records = privacy::readAccessLog(dpo->db(), privacy::AccessLogSource::Team, {}, 0, 10);
    INFO(records.error().toStdString());
    REQUIRE(records.ok());
    REQUIRE(records->size() == 1);
    CHECK(records->at(0).agentLogin == QLatin1String("marta"));
    privacy::AccessLogFilter byPaolo;
    byPaolo.agent = QStringLiteral("paolo");
    CHECK(privacy::countAccessLog(dpo->db(), privacy::AccessLogSource::Team, byPaolo).value() == 0);
    for (const char *change : {"UPDATE sportello.access_log SET subject = 'x'", "DELETE FROM sportello.access_log"}) {
        QSqlQuery write(dpo->db());
        CHECK_FALSE(write.exec(QLatin1String(change)));
        CHECK(write.lastError().nativeErrorCode() == QLatin1String("42501"));
    }
    // The DPO is not care staff: not on the supervisor's board.
    {
        auto paolo = team.as(QStringLiteral("paolo"));
        auto board = team::readBoard(paolo->db());
        INFO(board.error().toStdString());
        REQUIRE(board.ok());
        QStringList logins;
        for (const team::BoardAgent &a : board->agents)
            logins << a.login;
        logins.sort();
        CHECK(logins == QStringList{QStringLiteral("marta"), QStringLiteral("paolo")});
    }
    // The DPO takes no decisions.
    {
        QSqlQuery decide(dpo->db());
        CHECK_FALSE(decide.exec(QStringLiteral(
            "INSERT INTO sportello.decisions(id, channel, thread_external_id, kind, agent_id, agent_name, decided_at) "
            "VALUES('d-dpo', 'x', 'x-t', 'close', 'dana', 'Dana Privacy', 1)")));
        CHECK(decide.lastError().nativeErrorCode() == QLatin1String("42501"));
    }

    // From the command line: the DPO's desktop joins, syncs and reads the team's records; an
    // agent's is refused before it connects.
    const QString dana = joined(QStringLiteral("dana"));
    const CliRun log = cli({QStringLiteral("--database"), dana, QStringLiteral("privacy"), QStringLiteral("access-log"),
                            QStringLiteral("--json"), QStringLiteral("--agent"), QStringLiteral("marta")});
    const QJsonArray rows = QJsonDocument::fromJson(log.out.toUtf8()).array();
    REQUIRE(rows.size() == 1);
    CHECK(rows.at(0).toObject().value(QStringLiteral("agent_login")).toString() == QLatin1String("marta"));
    CHECK(rows.at(0).toObject().value(QStringLiteral("kind")).toString() == QLatin1String("customer_card"));
    const CliRun refused =
        cli({QStringLiteral("--database"), marta, QStringLiteral("privacy"), QStringLiteral("access-log")}, 1);
    CHECK(refused.err.contains(QLatin1String("data protection officer (role dpo) alone")));
    CHECK(refused.out.isEmpty());
}
