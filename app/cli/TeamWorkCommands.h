#pragma once
// team next, claim, release, assign, note, approve, reject, resubmit, approvals, routing, approval
// and board: how a care team works (team schema 2), from the command line, connected as the login
// the cache joined with. And the agent profile options of team agent add and set. See
// docs/cli.md and docs/team.md.

#include "cli/Cli.h"
#include "team/TeamAgents.h"

#include <QJsonObject>
#include <optional>

namespace sportello::cli {

// The options of these actions and of the agent profile, added to the team command's parser.
void addTeamWorkOptions(QCommandLineParser &parser);
// Runs the action when it is one of these; std::nullopt when it is not.
std::optional<int> runTeamWork(const Invocation &call);

// Whether any profile option (--department, --skills-*, --capacity, --scope-*) was given.
bool hasProfileOptions(const Invocation &call);
// The profile options given replace those fields of `profile` (an empty value empties a list);
// the result is checked for `role`. kOk, or a usage error's code (the message printed).
int applyProfileOptions(const Invocation &call, team::AgentRole role, team::AgentProfile &profile);
// "department claims office; skills: categories complaint; capacity 5": for team agent list.
QString describeProfile(const team::TeamAgent &agent);
// The profile's fields for team agent list --json.
QJsonObject profileJson(const team::AgentProfile &profile);

} // namespace sportello::cli
