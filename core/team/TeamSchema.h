#pragma once
// The team database's schema (PostgreSQL 15): its versions, forward-only like the cache's, and the
// roles each kind of login gets. docs/team.md explains the tables, the feed and the grants.
//
// Everything lives in the schema `sportello` of the team's database; the version is the row
// `schema_version` of sportello.team_meta, which also names the application (so a database that
// holds something else is recognised and refused) and carries the team's id (so a replica can
// tell one team from another).

#include <QStringList>
#include <vector>

namespace sportello::team {

struct TeamMigration {
    int version; // the schema_version this step produces
    QStringList statements;
};

const std::vector<TeamMigration> &teamMigrations();
namespace detail {
// Version 2's statements (TeamSchemaV2.cpp), placeholders not yet filled in.
QStringList teamSchemaVersion2();
// Version 3's (TeamSchemaV3.cpp): app-store accounts, ratings, customer care's hand-off reports.
QStringList teamSchemaVersion3();
// Version 4's (TeamSchemaV4.cpp): the customer card shared by the team.
QStringList teamSchemaVersion4();
// Version 5 (TeamSchemaV5.cpp): comment moderation through the hub.
QStringList teamSchemaVersion5();
// Version 6 (TeamSchemaV6.cpp): comments' hidden and may-be-hidden flags from the hub's sync.
QStringList teamSchemaVersion6();
// Version 7 (TeamSchemaV7.cpp): cancelling and expiring moderation requests.
QStringList teamSchemaVersion7();
// Version 8 (TeamSchemaV8.cpp): erasing one person's data, and the team's retention policy.
QStringList teamSchemaVersion8();
// Version 9 (TeamSchemaV9.cpp): the access records and the data protection role.
QStringList teamSchemaVersion9();
} // namespace detail
int latestTeamVersion();

// Takes the feed's transaction-level advisory lock. A writer whose rows' changes reach the feed
// takes it before its first row lock (kLockOrder in TeamSchemaV2.cpp): otherwise two writers of
// the same rows, each holding a row and waiting for the lock, deadlock.
QString takeFeedLockStatement();

// The group roles (cluster-wide in PostgreSQL: every team database on one server shares them).
// An agent's login is a member of exactly one of them.
inline constexpr const char *kAgentRole = "sportello_agent";
inline constexpr const char *kSupervisorRole = "sportello_supervisor";
inline constexpr const char *kAdminRole = "sportello_admin";
inline constexpr const char *kHubRole = "sportello_hub";
// Outside staff (schema 2): row-level security confines them to their scope.
inline constexpr const char *kExternalRole = "sportello_external";
// The data protection officer (schema 9): the only role that reads the access records.
inline constexpr const char *kDpoRole = "sportello_dpo";

// What team_meta's `application` row holds in a Sportello team database.
inline constexpr const char *kTeamApplication = "sportello-team";
// The channel the feed's writers notify; a replica LISTENs on it only to wake up.
inline constexpr const char *kFeedChannel = "sportello_feed";

} // namespace sportello::team
