// team join without --password-env: the password is read from standard input once and kept in
// the system keychain (a real Secret Service of the test's own, see scripts/with_keyring.sh);
// syncs read it from there, and team leave removes it.
#include "catch_compat.h"

#include "CliProcess.h"
#include "KeychainTokenStore.h"
#include "PgServer.h"

#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"

#include <QTemporaryDir>

using namespace sportello;
using namespace sportello::test;

TEST_CASE("team join keeps the password in the keychain, sync reads it there, leave removes it")
{
    QString error;
    auto server = PgServer::start({}, &error);
    INFO(error.toStdString());
    REQUIRE(server);
    REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
    const team::TeamUrl adminUrl = *team::TeamUrl::parse(server->url(QStringLiteral("team")));
    {
        auto admin = team::TeamConnection::open(adminUrl, server->superuserPassword());
        REQUIRE(admin.ok());
        REQUIRE(team::initTeamSchema((*admin)->db()).ok());
        team::TeamAgent agent;
        agent.login = QStringLiteral("marta");
        agent.name = QStringLiteral("Marta Rossi");
        agent.role = team::AgentRole::Agent;
        REQUIRE(team::addAgent((*admin)->db(), agent, QStringLiteral("marta-password-1"), 1).ok());
    }
    QTemporaryDir dir;
    const QString cache = dir.filePath(QStringLiteral("cache.db"));
    const QString url = QStringLiteral("postgresql://127.0.0.1:%1/team").arg(server->port());

    CliRun join = runCli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("join"),
                          QStringLiteral("--url"), url, QStringLiteral("--login"), QStringLiteral("marta")},
                         QByteArrayLiteral("marta-password-1\n"));
    INFO(join.err.toStdString());
    REQUIRE(join.exitCode == 0);
    accounts::KeychainTokenStore keychain;
    const QString key = team::passwordKey(adminUrl.withUser(QStringLiteral("marta")));
    auto stored = keychain.read(key);
    INFO(stored.error().toStdString());
    REQUIRE(stored.ok());
    CHECK(*stored == QStringLiteral("marta-password-1"));
    // Not in the cache file.
    QFile file(cache);
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK_FALSE(file.readAll().contains("marta-password-1"));

    CliRun sync = runCli({QStringLiteral("--database"), cache, QStringLiteral("sync"), QStringLiteral("--once")}, {});
    INFO(sync.err.toStdString());
    CHECK(sync.exitCode == 0);

    CliRun leave = runCli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("leave")}, {});
    INFO(leave.err.toStdString());
    CHECK(leave.exitCode == 0);
    // A fresh store: the one above keeps what it read for this process.
    accounts::KeychainTokenStore afterLeave;
    CHECK(afterLeave.read(key).errorKind() == ErrorKind::NotFound);
}
