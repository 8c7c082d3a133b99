#pragma once
// The team's agents: each one a PostgreSQL login in exactly one of the group roles (agent,
// supervisor, admin, hub, external, dpo) and a row in sportello.agents with the name colleagues see. Managed by
// an admin's connection (`sportello-cli team agent ...`). Passwords go to the server only as a
// SCRAM-SHA-256 verifier computed here, so the clear password never appears in a statement, the
// server's log or pg_stat_activity.

#include "common/Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace sportello::team {

// Dpo: the data protection officer (team schema 9): reads the access records and the audit log,
// exports a person's data and erases it; takes no decisions (docs/team.md, "Roles").
enum class AgentRole { Agent, Supervisor, Admin, Hub, External, Dpo };
QString toId(AgentRole role);
std::optional<AgentRole> agentRoleFromId(const QString &id);
// The group role a login of this kind is a member of (TeamSchema.h).
QString groupRoleOf(AgentRole role);

// How routing sees an agent (team schema 2): the department, the skills (an empty list: any),
// how many threads the agent may hold at once, and for an external login its scope (accounts by
// id, channels, categories; an external with no scope sees nothing).
struct AgentProfile {
    QString department;
    QStringList skillCategories;
    QStringList skillChannels;
    QStringList skillLanguages;
    int capacity = 5;
    QStringList scopeAccounts;
    QStringList scopeChannels;
    QStringList scopeCategories;
    bool operator==(const AgentProfile &) const = default;
};

struct TeamAgent {
    QString login;
    QString name;
    AgentRole role = AgentRole::Agent;
    qint64 createdAtMs = 0;
    bool canLogIn = true;      // false: the login was disabled outside Sportello
    qint64 validUntilMs = 0;   // 0: no expiry
    AgentProfile profile{};
};

// Refuses a category, channel or language routing would never match, a capacity out of 1..1000,
// and a scope on a login that is not external.
Status checkProfile(const AgentProfile &profile, AgentRole role);

// A login PostgreSQL and a desktop both take unquoted: lower-case letters, digits, '_', '.', '-',
// starting with a letter, at most 63 characters; never one of the group roles, never "postgres".
Status checkLogin(const QString &login);

// "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>" (RFC 5802/7677, as PostgreSQL stores
// it). The password is normalised to NFKC first (SASLprep's mapping for everyday passwords).
QString scramVerifier(const QString &password, const QByteArray &salt, int iterations = 4096);

// Creates the login and its row in one transaction. Refuses an existing login (Conflict), an
// empty or short password (fewer than 12 characters), a connection without the right to
// create roles (RefusedByPolicy, with what to do).
Status addAgent(const QSqlDatabase &admin, const TeamAgent &agent, const QString &password, qint64 nowMs);
// Sets an agent's department, skills, capacity and scope (an admin's connection).
Status setAgentProfile(const QSqlDatabase &admin, const QString &login, const AgentProfile &profile);
// Drops the login and its row; its decisions and audit entries stay, under its name.
Status removeAgent(const QSqlDatabase &admin, const QString &login);
Result<QVector<TeamAgent>> listAgents(const QSqlDatabase &db);
// The connected login's row (NotFound for a login that is not on the team).
Result<TeamAgent> currentAgent(const QSqlDatabase &db);

} // namespace sportello::team
