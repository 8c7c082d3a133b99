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

// The team's shared settings (policies, the guard's configuration, routing, the retention policy)
// are changed by a supervisor or an administrator; alone, by the desktop's user.
bool mayChangeTeamSettings(const std::optional<OwnTeamRole> &own);

// Personal data leaves the team only through those who lead it (docs/privacy.md): an export with
// customers' handles, names and texts (a report not pseudonymised, a person's data) is for a
// supervisor, an admin or the data protection officer; alone, the desktop's user decides. A
// cache whose role the feed has not brought yet is refused (it may be anyone's).
bool mayExportPersonalData(const std::optional<OwnTeamRole> &own);
// A person's erasure (docs/privacy.md) is an admin's or the data protection officer's, as the team
// database grants sportello.erase_person; alone, the desktop's user's.
bool mayErasePerson(const std::optional<OwnTeamRole> &own);
// The access records (privacy/AccessLog.h) are read by the data protection officer alone, as the
// team database grants them (an admin who must read them adds a dpo login, which the team's
// agents list shows); alone, by the desktop's user.
bool mayReadAccessLog(const std::optional<OwnTeamRole> &own);

} // namespace sportello::team
