#pragma once
// What the cache's own login may do in its team, read from the cache alone (TeamMembership's
// login and its row of team_agents, which the feed keeps): the rules that hold on a desktop
// even offline. The team database enforces its own (row-level security, grants); these are the
// desktop's side of the same policy (docs/team.md, docs/reports.md).

#include "common/Result.h"
#include "team/TeamAgents.h"

#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace sportello::team {

struct OwnTeamRole {
    QString login;                   // the login the cache joined with
    QString name;                    // its name in team_agents; empty until the feed brought the row
    std::optional<AgentRole> role;   // none until the feed brought the row
};

// The cache's own place in its team, or none when the cache is not joined to a team.
Result<std::optional<OwnTeamRole>> ownTeamRole(const QSqlDatabase &db);

// Outside staff (role external) do not export reports and do not see colleagues' names in them.
bool isOutsideStaff(const std::optional<OwnTeamRole> &own);

} // namespace sportello::team
