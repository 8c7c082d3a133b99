// team: the team database (PostgreSQL) a care team shares. init creates or upgrades it, agent
// adds, lists, sets and removes the logins of the team; join, status and leave make this cache a
// replica. The team's work (next, claim, approvals, routing, board...) is in TeamWorkCommands.cpp.
// See docs/team.md.

#include "cli/Cli.h"
#include "cli/TeamWorkCommands.h"

#include "KeychainTokenStore.h"
#include "accounts/Accounts.h"
#include "common/Clock.h"
#include "storage/Database.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <optional>

namespace sportello::cli {

namespace {

using team::TeamAgent;
using team::TeamConnection;
using team::TeamUrl;

// Connects with --url; the password from the environment variable named by `passwordOption` when
// given, else libpq's own sources (PGPASSWORD, ~/.pgpass) or none (a Unix socket).
Result<std::unique_ptr<TeamConnection>> connectFromOptions(const Invocation &call, const QString &passwordOption)
{
    const QString urlText = call.parser.value(QStringLiteral("url"));
    if (urlText.trimmed().isEmpty())
        return Error{QCoreApplication::translate(
                         "Cli", "Give the team database with --url postgresql://LOGIN@HOST:PORT/DATABASE."),
                     ErrorKind::InvalidInput};
    auto url = TeamUrl::parse(urlText);
    if (!url)
        return url.failure();
    QString password;
    if (call.parser.isSet(passwordOption)) {
        auto fromEnvironment = passwordFromEnvironment(passwordOption, call.parser.value(passwordOption));
        if (!fromEnvironment)
            return fromEnvironment.failure();
        password = *fromEnvironment;
    }
    return TeamConnection::open(*url, password);
}

int teamInit(const Invocation &call)
{
    auto connection = connectFromOptions(call, QStringLiteral("password-env"));
    if (!connection)
        return fail(connection.failure());
    auto before = team::initTeamSchema((*connection)->db());
    if (!before)
        return fail(before.failure());
    auto state = team::readTeamSchema((*connection)->db());
    if (!state)
        return fail(state.failure());
    if (*before == state->version)
        out() << QCoreApplication::translate("Cli", "The team database %1 is up to date (schema %2).")
                     .arg((*connection)->db().databaseName())
                     .arg(state->version)
              << Qt::endl;
    else if (*before == 0)
        out() << QCoreApplication::translate("Cli",
                                             "Created the team database %1 (schema %2). Add the team's agents with "
                                             "`sportello-cli team agent add`.")
                     .arg((*connection)->db().databaseName())
                     .arg(state->version)
              << Qt::endl;
    else
        out() << QCoreApplication::translate("Cli", "Upgraded the team database %1 from schema %2 to %3.")
                     .arg((*connection)->db().databaseName())
                     .arg(*before)
                     .arg(state->version)
              << Qt::endl;
    return kOk;
}

int teamAgentAdd(const Invocation &call)
{
    TeamAgent agent;
    agent.login = call.parser.value(QStringLiteral("login")).trimmed();
    agent.name = call.parser.value(QStringLiteral("name")).trimmed();
    const QString roleText = call.parser.value(QStringLiteral("role")).trimmed();
    if (agent.login.isEmpty() || agent.name.isEmpty() || roleText.isEmpty())
        return usageError(QCoreApplication::translate(
            "Cli",
            "team agent add needs --login LOGIN, --name NAME and --role agent|supervisor|admin|hub|external|dpo."));
    const auto role = team::agentRoleFromId(roleText);
    if (!role)
        return usageError(QCoreApplication::translate(
                              "Cli", "Unknown role \"%1\": use agent, supervisor, admin, hub, external or dpo.")
                              .arg(roleText));
    agent.role = *role;
    if (Status s = team::checkLogin(agent.login); !s)
        return usageError(s.error());
    if (int code = applyProfileOptions(call, agent.role, agent.profile); code != kOk)
        return code;

    QString password;
    if (call.parser.isSet(QStringLiteral("password-env"))) {
        auto fromEnvironment =
            passwordFromEnvironment(QStringLiteral("password-env"), call.parser.value(QStringLiteral("password-env")));
        if (!fromEnvironment)
            return usageError(fromEnvironment.error());
        password = *fromEnvironment;
    } else {
        password = readSecretLine(QCoreApplication::translate("Cli", "Password for %1 (not shown): ").arg(agent.login));
        if (password.isEmpty())
            return usageError(QCoreApplication::translate(
                "Cli", "No password on standard input: give it on one line, or use --password-env NAME."));
    }
    auto connection = connectFromOptions(call, QStringLiteral("admin-password-env"));
    if (!connection)
        return fail(connection.failure());
    if (Status s = team::addAgent((*connection)->db(), agent, password, QDateTime::currentMSecsSinceEpoch()); !s)
        return fail(s.failure());
    out() << QCoreApplication::translate(
                 "Cli",
                 "Added %1 (%2) as %3. They join from their desktop with `sportello-cli team join --url URL --login "
                 "%1` or in Settings > Team.")
                 .arg(agent.login, agent.name, toId(agent.role))
          << Qt::endl;
    return kOk;
}

int teamAgentList(const Invocation &call)
{
    auto connection = connectFromOptions(call, QStringLiteral("admin-password-env"));
    if (!connection)
        return fail(connection.failure());
    if (auto state = team::requireCurrentTeamSchema((*connection)->db()); !state)
        return fail(state.failure());
    auto agents = team::listAgents((*connection)->db());
    if (!agents)
        return fail(agents.failure());
    const bool json = call.parser.isSet(QStringLiteral("json"));
    for (const TeamAgent &a : *agents) {
        const QString expires = a.validUntilMs > 0
                                    ? QDateTime::fromMSecsSinceEpoch(a.validUntilMs, Qt::UTC).toString(Qt::ISODate)
                                    : QString();
        if (json) {
            QJsonObject object{{QStringLiteral("login"), a.login},
                               {QStringLiteral("name"), a.name},
                               {QStringLiteral("role"), toId(a.role)},
                               {QStringLiteral("can_log_in"), a.canLogIn},
                               {QStringLiteral("valid_until"), expires.isEmpty() ? QJsonValue() : QJsonValue(expires)}};
            if (a.role != team::AgentRole::Hub) {
                const QJsonObject profile = profileJson(a.profile);
                for (auto it = profile.begin(); it != profile.end(); ++it)
                    object.insert(it.key(), it.value());
            }
            out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
        } else {
            QString state;
            if (!a.canLogIn)
                state = QCoreApplication::translate("Cli", "  (cannot log in)");
            else if (!expires.isEmpty())
                state = QCoreApplication::translate("Cli", "  (valid until %1)").arg(expires);
            // A hub is not routed: it has no profile to show.
            const QString profile =
                a.role == team::AgentRole::Hub ? QString() : QStringLiteral("  ") + describeProfile(a);
            out() << QStringLiteral("%1  %2  %3%4%5").arg(a.login, toId(a.role), a.name, state, profile) << '\n';
        }
    }
    out().flush();
    return kOk;
}

// Changes an agent's department, skills, capacity or scope: the options given replace those
// fields, the others stay as they are.
int teamAgentSet(const Invocation &call)
{
    const QString positional = call.arguments.value(2).trimmed();
    const QString option = call.parser.value(QStringLiteral("login")).trimmed();
    const QString login = positional.isEmpty() ? option : positional;
    if (login.isEmpty() || call.arguments.size() > 3 || (!positional.isEmpty() && !option.isEmpty()))
        return usageError(QCoreApplication::translate("Cli", "team agent set needs the agent's login: team agent set "
                                                             "LOGIN --url URL [profile options]."));
    if (!hasProfileOptions(call))
        return usageError(QCoreApplication::translate(
            "Cli", "team agent set needs at least one of --department, --skills-categories, --skills-channels, "
                   "--skills-languages, --capacity, --scope-accounts, --scope-channels, --scope-categories."));
    if (Status s = team::checkLogin(login); !s)
        return usageError(s.error());
    auto connection = connectFromOptions(call, QStringLiteral("admin-password-env"));
    if (!connection)
        return fail(connection.failure());
    if (auto state = team::requireCurrentTeamSchema((*connection)->db()); !state)
        return fail(state.failure());
    auto agents = team::listAgents((*connection)->db());
    if (!agents)
        return fail(agents.failure());
    const auto found =
        std::find_if(agents->begin(), agents->end(), [&](const TeamAgent &a) { return a.login == login; });
    if (found == agents->end())
        return fail(Error{QCoreApplication::translate("Cli", "%1 is not an agent of this team.").arg(login),
                          ErrorKind::NotFound});
    TeamAgent agent = *found;
    if (int code = applyProfileOptions(call, agent.role, agent.profile); code != kOk)
        return code;
    if (Status s = team::setAgentProfile((*connection)->db(), login, agent.profile); !s)
        return fail(s.failure());
    out() << QCoreApplication::translate("Cli", "%1 now has: %2").arg(login, describeProfile(agent)) << Qt::endl;
    return kOk;
}

int teamAgentRemove(const Invocation &call)
{
    const QString login = call.parser.value(QStringLiteral("login")).trimmed();
    if (login.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "team agent remove needs --login LOGIN."));
    auto connection = connectFromOptions(call, QStringLiteral("admin-password-env"));
    if (!connection)
        return fail(connection.failure());
    if (auto state = team::requireCurrentTeamSchema((*connection)->db()); !state)
        return fail(state.failure());
    if (Status s = team::removeAgent((*connection)->db(), login); !s)
        return fail(s.failure());
    out() << QCoreApplication::translate("Cli", "Removed %1 from the team; their decisions and audit entries stay.")
                 .arg(login)
          << Qt::endl;
    return kOk;
}

// Joins the cache (--database) to the team as --login: the connection, the schema and the login
// are checked first; the password goes to the keychain unless an environment variable holds it;
// then the first pull brings the team's posts, decisions and settings.
int teamJoin(const Invocation &call)
{
    const QString urlText = call.parser.value(QStringLiteral("url"));
    const QString login = call.parser.value(QStringLiteral("login")).trimmed();
    if (urlText.trimmed().isEmpty() || login.isEmpty())
        return usageError(QCoreApplication::translate(
            "Cli", "team join needs --url postgresql://HOST:PORT/DATABASE and --login LOGIN."));
    if (Status s = team::checkLogin(login); !s)
        return usageError(s.error());
    auto url = TeamUrl::parse(urlText);
    if (!url)
        return fail(url.failure());
    const QString passwordEnv = call.parser.value(QStringLiteral("password-env"));
    QString password;
    if (!passwordEnv.isEmpty()) {
        auto fromEnvironment = passwordFromEnvironment(QStringLiteral("password-env"), passwordEnv);
        if (!fromEnvironment)
            return usageError(fromEnvironment.error());
        password = *fromEnvironment;
    } else {
        password = readSecretLine(QCoreApplication::translate("Cli", "Team password for %1 (not shown): ").arg(login));
        if (password.isEmpty())
            return usageError(QCoreApplication::translate(
                "Cli", "No password on standard input: give it on one line, or use --password-env NAME."));
    }
    auto db = openDatabase(call.databasePath, true);
    if (!db)
        return db.exitCode();
    const SystemClock clock;
    auto joined = team::TeamReplica::join(*db, *url, login, passwordEnv, password, clock.nowMs());
    if (!joined)
        return fail(joined.failure());
    accounts::KeychainTokenStore keychain;
    if (passwordEnv.isEmpty()) {
        if (Status s = keychain.write(team::passwordKey(joined->url), password); !s) {
            (void)team::TeamReplica::leave(*db);
            return fail(s.failure().withMessage(
                QCoreApplication::translate(
                    "Cli", "Could not keep the team password in the system keychain (%1): the cache did not join. Use "
                           "--password-env NAME to give it through an environment variable instead.")
                    .arg(s.error())));
        }
    }
    out() << QCoreApplication::translate("Cli", "Joined the team at %1 as %2.").arg(joined->url.toString(), login)
          << Qt::endl;
    team::TeamReplica replica(*db, clock, &keychain);
    auto pulled = replica.pull();
    if (!pulled)
        return fail(pulled.failure().withMessage(
            QCoreApplication::translate(
                "Cli", "Joined, but the first pull failed (`sportello-cli sync --once` tries again): %1")
                .arg(pulled.error())));
    out() << QCoreApplication::translate("Cli", "The cache now holds the team's changes up to %1 (%2 pulled).")
                 .arg(pulled->position)
                 .arg(pulled->changes)
          << Qt::endl;
    return kOk;
}

int teamLeave(const Invocation &call)
{
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto membership = team::TeamMembership::load(db->connection());
    if (!membership)
        return fail(membership.failure());
    auto left = team::TeamReplica::leave(*db);
    if (!left)
        return fail(left.failure());
    // The password kept at join goes with the team.
    if (*membership && (*membership)->passwordEnv.isEmpty()) {
        accounts::KeychainTokenStore keychain;
        if (Status s = keychain.remove(team::passwordKey((*membership)->url)); !s)
            err() << QCoreApplication::translate("Cli", "The team password could not be removed from the system "
                                                        "keychain: %1")
                         .arg(s.error())
                  << Qt::endl;
    }
    if (*left > 0)
        err() << QCoreApplication::translate("Cli",
                                             "Warning: %Ln decision(s) taken here had not gone up to the team and "
                                             "never will; they stay in this cache.",
                                             nullptr, *left)
              << Qt::endl;
    out() << QCoreApplication::translate(
                 "Cli",
                 "Left the team. The cache stays readable; syncs call the platforms again for the accounts it holds.")
          << Qt::endl;
    return kOk;
}

int teamStatus(const Invocation &call)
{
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const SystemClock clock;
    accounts::KeychainTokenStore keychain;
    team::TeamReplica replica(*db, clock, &keychain);
    auto status = replica.status();
    if (!status)
        return fail(status.failure());
    const team::ReplicaStatus &st = *status;
    if (call.parser.isSet(QStringLiteral("json"))) {
        QJsonObject json{{QStringLiteral("url"), st.membership.url.toString()},
                         {QStringLiteral("login"), st.membership.login},
                         {QStringLiteral("team_id"), st.membership.teamId},
                         {QStringLiteral("online"), st.online},
                         {QStringLiteral("position"), st.membership.feedPosition},
                         {QStringLiteral("decisions_to_push"), st.decisionsToPush},
                         {QStringLiteral("audit_entries_to_push"), st.auditsToPush},
                         {QStringLiteral("held_decisions"), st.heldDecisions},
                         {QStringLiteral("deferred_changes"), st.deferredChanges}};
        if (st.online) {
            json.insert(QStringLiteral("head"), st.headPosition);
            json.insert(QStringLiteral("changes_behind"), st.changesBehind);
            json.insert(QStringLiteral("oldest_missing_age_ms"), st.oldestMissingAgeMs);
        } else {
            json.insert(QStringLiteral("offline_reason"), st.offlineReason);
        }
        out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
        return kOk;
    }
    out() << QCoreApplication::translate("Cli", "Team: %1 as %2").arg(st.membership.url.toString(), st.membership.login)
          << Qt::endl;
    if (st.online)
        out() << QCoreApplication::translate("Cli", "Connection: online; the team's last change is %1.")
                     .arg(st.headPosition)
              << Qt::endl;
    else
        out() << QCoreApplication::translate("Cli", "Connection: offline (%1). Figures below are this cache's own.")
                     .arg(st.offlineReason)
              << Qt::endl;
    out() << QCoreApplication::translate("Cli", "Last change held: %1").arg(st.membership.feedPosition) << Qt::endl;
    out() << QCoreApplication::translate("Cli", "Decisions waiting to go up: %1").arg(st.decisionsToPush) << Qt::endl;
    if (st.heldDecisions > 0)
        out() << QCoreApplication::translate("Cli", "Held decisions (a colleague decided first): %1")
                     .arg(st.heldDecisions)
              << Qt::endl;
    if (st.deferredChanges > 0)
        out()
            << QCoreApplication::translate("Cli", "Changes waiting for what they belong to: %1").arg(st.deferredChanges)
            << Qt::endl;
    if (st.online)
        out() << QCoreApplication::translate("Cli", "Lag: %1 changes behind, the oldest %2 s old.")
                     .arg(st.changesBehind)
                     .arg(st.oldestMissingAgeMs / 1000)
              << Qt::endl;
    return kOk;
}

int runTeam(const Invocation &call)
{
    const QString action = call.arguments.value(0);
    if (std::optional<int> worked = runTeamWork(call))
        return *worked;
    if (call.arguments.size() == 1) {
        if (action == QLatin1String("join"))
            return teamJoin(call);
        if (action == QLatin1String("leave"))
            return teamLeave(call);
        if (action == QLatin1String("status"))
            return teamStatus(call);
    }
    if (action == QLatin1String("init") && call.arguments.size() == 1)
        return teamInit(call);
    if (action == QLatin1String("agent") && call.arguments.size() == 2) {
        const QString what = call.arguments.value(1);
        if (what == QLatin1String("add"))
            return teamAgentAdd(call);
        if (what == QLatin1String("list"))
            return teamAgentList(call);
        if (what == QLatin1String("remove"))
            return teamAgentRemove(call);
    }
    if (action == QLatin1String("agent") && call.arguments.value(1) == QLatin1String("set"))
        return teamAgentSet(call);
    return usageError(QCoreApplication::translate(
        "Cli", "team needs an action: init, join, leave, status, agent add|list|set|remove, next, claim, release, "
               "assign, note, approvals, approve, reject, resubmit, routing show|use, approval show|set, or board."));
}

} // namespace

QVector<Command> teamCommands()
{
    return {
        {QStringLiteral("team"),
         QCoreApplication::translate(
             "Cli",
             "Team mode on PostgreSQL: init creates or upgrades the team database; agent add, list, set and remove "
             "manage the team's logins (each agent is a database login with the grants of its role) and their "
             "department, skills, capacity and scope; join makes this cache a replica of the team (sync then pushes "
             "decisions and pulls the team's changes), status shows where it stands, leave forgets the team. As the "
             "login this cache joined with: next claims the next thread routing gives you (exit 3 when none waits for "
             "you, 5 when you hold as many as your capacity), claim, release (exit 3 when there was no claim) and "
             "assign hold threads, note adds an internal note, approvals lists the replies awaiting approval and "
             "approve, reject and resubmit decide on them, routing and approval show or change the team's rules, "
             "board shows the supervisor's board."),
         QStringLiteral(
             "team init --url URL [--password-env VAR] | "
             "agent add --url URL --login LOGIN --name NAME --role agent|supervisor|admin|hub|external|dpo "
             "[--password-env VAR] [--admin-password-env VAR] [PROFILE] | "
             "agent set LOGIN --url URL [--admin-password-env VAR] PROFILE | "
             "agent list --url URL [--json] [--admin-password-env VAR] | "
             "agent remove --url URL --login LOGIN [--admin-password-env VAR] | "
             "join --url URL --login LOGIN [--password-env VAR] | status [--json] | leave | "
             "next [--json] | claim CHANNEL:ID [--take-over] [--json] | release CHANNEL:ID [--reason TEXT] | "
             "assign CHANNEL:ID LOGIN | note CHANNEL:ID TEXT | approvals [--sent-back] [--json] | "
             "approve ENTRY [--text TEXT] [--comment TEXT] | reject ENTRY --comment TEXT | "
             "resubmit ENTRY --text TEXT | routing show [--json] | "
             "routing use skills|dedicated|mixed [--order most-urgent|longest-waiting] "
             "[--external-first-minutes N] | approval show [--json] | "
             "approval set [--roles ROLE,...] [--categories CATEGORY,...] | board [--json]; "
             "PROFILE: [--department NAME] [--skills-categories LIST] [--skills-channels LIST] "
             "[--skills-languages LIST] [--capacity N] [--scope-accounts LIST] [--scope-channels LIST] "
             "[--scope-categories LIST]"),
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(
                 QStringLiteral("action"),
                 QCoreApplication::translate(
                     "Cli", "init, join, leave, status, agent add|list|set|remove, next, claim, release, assign, note, "
                            "approvals, approve, reject, resubmit, routing show|use, approval show|set, or board."),
                 QCoreApplication::translate("Cli", "ACTION"));
             parser.addOption(
                 {QStringLiteral("url"),
                  QCoreApplication::translate(
                      "Cli", "The team database as a libpq URI: postgresql://LOGIN@HOST:PORT/DATABASE"
                             "?sslmode=verify-full (TLS is required unless the server is on this machine)."),
                  QCoreApplication::translate("Cli", "URL")});
             parser.addOption({QStringLiteral("login"),
                               QCoreApplication::translate("Cli", "agent, join: the agent's database login."),
                               QCoreApplication::translate("Cli", "LOGIN")});
             parser.addOption({QStringLiteral("name"),
                               QCoreApplication::translate("Cli", "agent add: the name colleagues see."),
                               QCoreApplication::translate("Cli", "NAME")});
             parser.addOption(
                 {QStringLiteral("role"),
                  QCoreApplication::translate("Cli", "agent add: agent, supervisor, admin, hub, external "
                                                     "(outside staff, who see only their scope) or dpo (the data "
                                                     "protection officer, who reads the access records)."),
                  QCoreApplication::translate("Cli", "ROLE")});
             parser.addOption(
                 {QStringLiteral("password-env"),
                  QCoreApplication::translate(
                      "Cli",
                      "init: the environment variable holding the password of the URL's login; agent add: the one "
                      "holding the new agent's password (default: read from standard input); join: the one holding "
                      "the agent's password at every sync (default: read from standard input once and kept in the "
                      "system keychain)."),
                  QCoreApplication::translate("Cli", "VAR")});
             parser.addOption({QStringLiteral("admin-password-env"),
                               QCoreApplication::translate(
                                   "Cli", "agent: the environment variable holding the password of the URL's login "
                                          "(default: PGPASSWORD or ~/.pgpass, as libpq reads them)."),
                               QCoreApplication::translate("Cli", "VAR")});
             parser.addOption({QStringLiteral("json"),
                               QCoreApplication::translate("Cli", "agent list, status, next, claim, approvals, routing "
                                                                  "show and use, approval show and set, board: JSON "
                                                                  "objects, one per line.")});
             addTeamWorkOptions(parser);
         },
         runTeam},
    };
}

} // namespace sportello::cli
