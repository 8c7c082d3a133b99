// team: the team database (PostgreSQL) a care team shares. init creates or upgrades it, agent
// adds, lists and removes the logins of the team. See docs/team.md.

#include "cli/Cli.h"

#include "accounts/Accounts.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace sportello::cli {

namespace {

using team::TeamAgent;
using team::TeamConnection;
using team::TeamUrl;

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

// The value of the environment variable an option names, checked; empty name: not given.
Result<QString> passwordFromEnvironment(const QString &option, const QString &variable)
{
    if (!accounts::isValidEnvironmentName(variable))
        return Error{tr("--%1 needs the name of an environment variable, not the password itself.").arg(option),
                     ErrorKind::InvalidInput};
    const QByteArray value = qgetenv(variable.toLocal8Bit().constData());
    if (value.isEmpty())
        return Error{tr("The environment variable %1 named by --%2 is empty or not set.").arg(variable, option),
                     ErrorKind::InvalidInput};
    return QString::fromUtf8(value);
}

// Connects with --url; the password from the environment variable named by `passwordOption` when
// given, else libpq's own sources (PGPASSWORD, ~/.pgpass) or none (a Unix socket).
Result<std::unique_ptr<TeamConnection>> connectFromOptions(const Invocation &call, const QString &passwordOption)
{
    const QString urlText = call.parser.value(QStringLiteral("url"));
    if (urlText.trimmed().isEmpty())
        return Error{tr("Give the team database with --url postgresql://LOGIN@HOST:PORT/DATABASE."),
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
        out() << tr("The team database %1 is up to date (schema %2).")
                     .arg((*connection)->db().databaseName())
                     .arg(state->version)
              << Qt::endl;
    else if (*before == 0)
        out() << tr("Created the team database %1 (schema %2). Add the team's agents with "
                    "`sportello-cli team agent add`.")
                     .arg((*connection)->db().databaseName())
                     .arg(state->version)
              << Qt::endl;
    else
        out() << tr("Upgraded the team database %1 from schema %2 to %3.")
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
        return usageError(tr("team agent add needs --login LOGIN, --name NAME and --role agent|supervisor|admin|hub."));
    const auto role = team::agentRoleFromId(roleText);
    if (!role)
        return usageError(tr("Unknown role \"%1\": use agent, supervisor, admin or hub.").arg(roleText));
    agent.role = *role;
    if (Status s = team::checkLogin(agent.login); !s)
        return usageError(s.error());

    QString password;
    if (call.parser.isSet(QStringLiteral("password-env"))) {
        auto fromEnvironment =
            passwordFromEnvironment(QStringLiteral("password-env"), call.parser.value(QStringLiteral("password-env")));
        if (!fromEnvironment)
            return usageError(fromEnvironment.error());
        password = *fromEnvironment;
    } else {
        password = readSecretLine(tr("Password for %1 (not shown): ").arg(agent.login));
        if (password.isEmpty())
            return usageError(tr("No password on standard input: give it on one line, or use --password-env NAME."));
    }
    auto connection = connectFromOptions(call, QStringLiteral("admin-password-env"));
    if (!connection)
        return fail(connection.failure());
    if (Status s = team::addAgent((*connection)->db(), agent, password, QDateTime::currentMSecsSinceEpoch()); !s)
        return fail(s.failure());
    out() << tr("Added %1 (%2) as %3. They join from their desktop with `sportello-cli team join --url URL --login "
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
            out() << QJsonDocument(QJsonObject{{QStringLiteral("login"), a.login},
                                               {QStringLiteral("name"), a.name},
                                               {QStringLiteral("role"), toId(a.role)},
                                               {QStringLiteral("can_log_in"), a.canLogIn},
                                               {QStringLiteral("valid_until"),
                                                expires.isEmpty() ? QJsonValue() : QJsonValue(expires)}})
                         .toJson(QJsonDocument::Compact)
                  << '\n';
        } else {
            QString state;
            if (!a.canLogIn)
                state = tr("  (cannot log in)");
            else if (!expires.isEmpty())
                state = tr("  (valid until %1)").arg(expires);
            out() << QStringLiteral("%1  %2  %3%4").arg(a.login, toId(a.role), a.name, state) << '\n';
        }
    }
    out().flush();
    return kOk;
}

int teamAgentRemove(const Invocation &call)
{
    const QString login = call.parser.value(QStringLiteral("login")).trimmed();
    if (login.isEmpty())
        return usageError(tr("team agent remove needs --login LOGIN."));
    auto connection = connectFromOptions(call, QStringLiteral("admin-password-env"));
    if (!connection)
        return fail(connection.failure());
    if (auto state = team::requireCurrentTeamSchema((*connection)->db()); !state)
        return fail(state.failure());
    if (Status s = team::removeAgent((*connection)->db(), login); !s)
        return fail(s.failure());
    out() << tr("Removed %1 from the team; their decisions and audit entries stay.").arg(login) << Qt::endl;
    return kOk;
}

int runTeam(const Invocation &call)
{
    const QString action = call.arguments.value(0);
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
    return usageError(tr("team needs an action: init, or agent add|list|remove."));
}

} // namespace

QVector<Command> teamCommands()
{
    return {
        {QStringLiteral("team"),
         tr("Team mode on PostgreSQL: init creates or upgrades the team database; agent add, list and remove manage "
            "the team's logins (each agent is a database login with the grants of its role)."),
         QStringLiteral("team init --url URL [--password-env VAR] | "
                        "agent add --url URL --login LOGIN --name NAME --role agent|supervisor|admin|hub "
                        "[--password-env VAR] [--admin-password-env VAR] | "
                        "agent list --url URL [--json] [--admin-password-env VAR] | "
                        "agent remove --url URL --login LOGIN [--admin-password-env VAR]"),
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(QStringLiteral("action"), tr("init, or agent add|list|remove."),
                                          tr("ACTION"));
             parser.addOption({QStringLiteral("url"),
                               tr("The team database as a libpq URI: postgresql://LOGIN@HOST:PORT/DATABASE"
                                  "?sslmode=verify-full (TLS is required unless the server is on this machine)."),
                               tr("URL")});
             parser.addOption({QStringLiteral("login"), tr("agent: the agent's database login."), tr("LOGIN")});
             parser.addOption({QStringLiteral("name"), tr("agent add: the name colleagues see."), tr("NAME")});
             parser.addOption({QStringLiteral("role"), tr("agent add: agent, supervisor, admin or hub."), tr("ROLE")});
             parser.addOption(
                 {QStringLiteral("password-env"),
                  tr("init: the environment variable holding the password of the URL's login; agent add: the one "
                     "holding the new agent's password (default: read from standard input)."),
                  tr("VAR")});
             parser.addOption({QStringLiteral("admin-password-env"),
                               tr("agent: the environment variable holding the password of the URL's login "
                                  "(default: PGPASSWORD or ~/.pgpass, as libpq reads them)."),
                               tr("VAR")});
             parser.addOption({QStringLiteral("json"), tr("agent list: one JSON object per line.")});
         },
         runTeam},
    };
}

} // namespace sportello::cli
