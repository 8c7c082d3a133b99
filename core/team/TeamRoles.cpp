#include "team/TeamRoles.h"

#include "storage/Sql.h"
#include "team/TeamMembership.h"

#include <QSqlQuery>

namespace sportello::team {

Result<std::optional<OwnTeamRole>> ownTeamRole(const QSqlDatabase &db)
{
    auto membership = TeamMembership::load(db);
    if (!membership)
        return membership.failure();
    if (!membership->has_value())
        return std::optional<OwnTeamRole>();
    OwnTeamRole own;
    own.login = membership->value().login;
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT name, role FROM team_agents WHERE login = ?")); !s)
        return s.failure();
    query.addBindValue(own.login);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (query.next()) {
        own.name = query.value(0).toString();
        own.role = agentRoleFromId(query.value(1).toString());
    }
    return std::optional<OwnTeamRole>(own);
}

bool isOutsideStaff(const std::optional<OwnTeamRole> &own)
{
    return own && own->role == AgentRole::External;
}

bool mayChangeTeamSettings(const std::optional<OwnTeamRole> &own)
{
    if (!own)
        return true;
    return own->role == AgentRole::Supervisor || own->role == AgentRole::Admin;
}

bool mayExportPersonalData(const std::optional<OwnTeamRole> &own)
{
    if (!own)
        return true;
    return own->role == AgentRole::Supervisor || own->role == AgentRole::Admin || own->role == AgentRole::Dpo;
}

bool mayErasePerson(const std::optional<OwnTeamRole> &own)
{
    if (!own)
        return true;
    return own->role == AgentRole::Admin || own->role == AgentRole::Dpo;
}

bool mayReadAccessLog(const std::optional<OwnTeamRole> &own)
{
    if (!own)
        return true;
    return own->role == AgentRole::Dpo;
}

} // namespace sportello::team
