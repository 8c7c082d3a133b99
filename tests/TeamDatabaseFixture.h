#pragma once
// A team database for the tests: a real PostgreSQL 15 (PgServer) holding the team schema and the
// agents given, connected as its superuser (as IT sets a team up), and connections as any agent.
// A test's own fixture derives from it and adds what it seeds.

#include "PgServer.h"
#include "catch_compat.h"

#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <memory>
#include <vector>

namespace sportello::test {

struct TeamAgentSpec {
    QString login;
    QString name;
    team::AgentRole role;
};

class TeamDatabaseFixture {
public:
    // Every agent's password is `password`.
    TeamDatabaseFixture(const QString &password, const std::vector<TeamAgentSpec> &agents) : m_password(password)
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        auto connection = team::TeamConnection::open(url(), server->superuserPassword());
        INFO(connection.error().toStdString());
        REQUIRE(connection.ok());
        admin = std::move(*connection);
        REQUIRE(team::initTeamSchema(admin->db()).ok());
        for (const TeamAgentSpec &spec : agents) {
            team::TeamAgent agent;
            agent.login = spec.login;
            agent.name = spec.name;
            agent.role = spec.role;
            const Status added = team::addAgent(admin->db(), agent, m_password, 1);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
    }

    team::TeamUrl url() const { return *team::TeamUrl::parse(server->url(QStringLiteral("team"))); }
    // A connection as the agent `login`.
    std::unique_ptr<team::TeamConnection> as(const QString &login) const
    {
        auto connection = team::TeamConnection::open(url().withUser(login), m_password);
        INFO(connection.error().toStdString());
        REQUIRE(connection.ok());
        return std::move(*connection);
    }
    // The first value of a query run as the superuser.
    QVariant scalar(const QString &statement) const
    {
        QSqlQuery query(admin->db());
        const bool ran = query.exec(statement);
        INFO(statement.toStdString());
        INFO(query.lastError().text().toStdString());
        REQUIRE(ran);
        REQUIRE(query.next());
        return query.value(0);
    }

    std::unique_ptr<PgServer> server;
    std::unique_ptr<team::TeamConnection> admin; // the superuser, as IT

private:
    QString m_password;
};

} // namespace sportello::test
