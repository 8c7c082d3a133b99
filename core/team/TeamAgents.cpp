#include "team/TeamAgents.h"

#include "team/TeamDatabase.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace sportello::team {

namespace {

constexpr int kMinimumPasswordLength = 12;

Status writeProfile(const QSqlDatabase &admin, const QString &login, const AgentProfile &profile);

} // namespace

QString toId(AgentRole role)
{
    switch (role) {
    case AgentRole::Agent: return QStringLiteral("agent");
    case AgentRole::Supervisor: return QStringLiteral("supervisor");
    case AgentRole::Admin: return QStringLiteral("admin");
    case AgentRole::Hub: return QStringLiteral("hub");
    case AgentRole::External: return QStringLiteral("external");
    case AgentRole::Dpo: return QStringLiteral("dpo");
    }
    return QStringLiteral("agent");
}

std::optional<AgentRole> agentRoleFromId(const QString &id)
{
    for (AgentRole role : {AgentRole::Agent, AgentRole::Supervisor, AgentRole::Admin, AgentRole::Hub,
                           AgentRole::External, AgentRole::Dpo})
        if (toId(role) == id)
            return role;
    return std::nullopt;
}

QString groupRoleOf(AgentRole role)
{
    switch (role) {
    case AgentRole::Agent: return QLatin1String(kAgentRole);
    case AgentRole::Supervisor: return QLatin1String(kSupervisorRole);
    case AgentRole::Admin: return QLatin1String(kAdminRole);
    case AgentRole::Hub: return QLatin1String(kHubRole);
    case AgentRole::External: return QLatin1String(kExternalRole);
    case AgentRole::Dpo: return QLatin1String(kDpoRole);
    }
    return QLatin1String(kAgentRole);
}

Status checkLogin(const QString &login)
{
    static const QRegularExpression shape(QStringLiteral("^[a-z][a-z0-9_.-]{0,62}$"));
    if (!shape.match(login).hasMatch())
        return Error{QCoreApplication::translate(
                         "Team",
                         "\"%1\" cannot be a login: use lower-case letters, digits, '_', '.' or '-', starting with a "
                         "letter, at most 63 characters (for example marta.verdi).")
                         .arg(login),
                     ErrorKind::InvalidInput};
    if (login == QLatin1String("postgres") || login.startsWith(QLatin1String("sportello_")) ||
        login.startsWith(QLatin1String("pg_")))
        return Error{QCoreApplication::translate("Team", "\"%1\" is reserved: choose another login.").arg(login),
                     ErrorKind::InvalidInput};
    return {};
}

QString scramVerifier(const QString &password, const QByteArray &salt, int iterations)
{
    const QByteArray normalised = password.normalized(QString::NormalizationForm_KC).toUtf8();
    const QByteArray salted =
        QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, normalised, salt, iterations, 32);
    const QByteArray clientKey =
        QMessageAuthenticationCode::hash(QByteArrayLiteral("Client Key"), salted, QCryptographicHash::Sha256);
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, QCryptographicHash::Sha256);
    const QByteArray serverKey =
        QMessageAuthenticationCode::hash(QByteArrayLiteral("Server Key"), salted, QCryptographicHash::Sha256);
    return QStringLiteral("SCRAM-SHA-256$%1:%2$%3:%4")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(storedKey.toBase64()),
             QString::fromLatin1(serverKey.toBase64()));
}

Status addAgent(const QSqlDatabase &admin, const TeamAgent &agent, const QString &password, qint64 nowMs)
{
    if (Status s = checkProfile(agent.profile, agent.role); !s)
        return s;
    if (Status s = checkLogin(agent.login); !s)
        return s;
    if (agent.name.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Team", "Give the agent's name as colleagues will see it (--name)."),
                     ErrorKind::InvalidInput};
    if (password.size() < kMinimumPasswordLength)
        return Error{QCoreApplication::translate("Team", "The password must have at least %1 characters.")
                         .arg(kMinimumPasswordLength),
                     ErrorKind::InvalidInput};
    if (auto state = requireCurrentTeamSchema(admin); !state)
        return state.failure();

    QSqlQuery exists(admin);
    if (Status s = teamPrepare(exists, QStringLiteral("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ?"));
        !s)
        return s;
    exists.addBindValue(agent.login);
    if (Status s = teamExec(exists); !s || !exists.next())
        return s ? Error{QCoreApplication::translate("Team", "Team database: no answer to a query.")} : s;
    if (exists.value(0).toInt() > 0)
        return Error{QCoreApplication::translate("Team", "The login %1 already exists on this database server.")
                         .arg(agent.login),
                     ErrorKind::Conflict};

    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), salt.size() / 4);
    const QString verifier = scramVerifier(password, salt);

    TeamTransaction transaction(admin);
    if (!transaction.started())
        return transaction.startFailure();
    // CREATE ROLE takes no parameters: format() quotes the login and the verifier on the server.
    QSqlQuery create(admin);
    if (Status s = teamPrepare(create, QStringLiteral("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I%s', "
                                                      "?::text, ?::text, ?::text, ?::text)"));
        !s)
        return s;
    create.addBindValue(agent.login);
    create.addBindValue(verifier);
    create.addBindValue(groupRoleOf(agent.role));
    // An admin adds agents, so its login may create roles.
    create.addBindValue(agent.role == AgentRole::Admin ? QStringLiteral(" CREATEROLE") : QString());
    if (Status s = teamExec(create); !s || !create.next())
        return s ? Error{QCoreApplication::translate("Team", "Team database: no answer to a query.")} : s;
    if (Status s = teamExec(admin, create.value(0).toString()); !s) {
        if (s.errorKind() == ErrorKind::RefusedByPolicy)
            return s.failure().withMessage(
                QCoreApplication::translate("Team",
                                            "%1. Adding agents needs an administrator's login (one with the right "
                                            "to create roles, such as the one that ran team init).")
                    .arg(s.error()));
        return s;
    }
    QSqlQuery row(admin);
    if (Status s = teamPrepare(row, QStringLiteral("INSERT INTO sportello.agents(login, name, role, created_at) "
                                                   "VALUES (?, ?, ?, ?)"));
        !s)
        return s;
    row.addBindValue(agent.login);
    row.addBindValue(agent.name.trimmed());
    row.addBindValue(toId(agent.role));
    row.addBindValue(nowMs);
    if (Status s = teamExec(row); !s)
        return s;
    if (Status s = writeProfile(admin, agent.login, agent.profile); !s)
        return s;
    return transaction.commit();
}

Status removeAgent(const QSqlDatabase &admin, const QString &login)
{
    if (Status s = checkLogin(login); !s)
        return s;
    TeamTransaction transaction(admin);
    if (!transaction.started())
        return transaction.startFailure();
    QSqlQuery row(admin);
    if (Status s = teamPrepare(row, QStringLiteral("DELETE FROM sportello.agents WHERE login = ?")); !s)
        return s;
    row.addBindValue(login);
    if (Status s = teamExec(row); !s)
        return s;
    if (row.numRowsAffected() == 0)
        return Error{QCoreApplication::translate("Team", "%1 is not an agent of this team.").arg(login),
                     ErrorKind::NotFound};
    QSqlQuery drop(admin);
    if (Status s = teamPrepare(drop, QStringLiteral("SELECT format('DROP ROLE IF EXISTS %I', ?::text)")); !s)
        return s;
    drop.addBindValue(login);
    if (Status s = teamExec(drop); !s || !drop.next())
        return s ? Error{QCoreApplication::translate("Team", "Team database: no answer to a query.")} : s;
    if (Status s = teamExec(admin, drop.value(0).toString()); !s)
        return s;
    return transaction.commit();
}

Status checkProfile(const AgentProfile &profile, AgentRole role)
{
    const auto refuse = [](const QString &what, const QString &value, const QString &known) {
        return Error{QCoreApplication::translate("Team", "\"%1\" is not a %2 Sportello knows (%3).")
                         .arg(value, what, known),
                     ErrorKind::InvalidInput};
    };
    const QStringList categories{QStringLiteral("non_negative"), QStringLiteral("complaint"),
                                 QStringLiteral("assistance")};
    const QStringList channels{QStringLiteral("facebook"), QStringLiteral("instagram"), QStringLiteral("x"),
                               QStringLiteral("app_store"), QStringLiteral("google_play"), QStringLiteral("in_app")};
    static const QRegularExpression language(QStringLiteral("^[a-z]{2,3}$"));
    for (const QStringList *list : {&profile.skillCategories, &profile.scopeCategories})
        for (const QString &c : *list)
            if (!categories.contains(c))
                return refuse(QCoreApplication::translate("Team", "category"), c, categories.join(QStringLiteral(", ")));
    for (const QStringList *list : {&profile.skillChannels, &profile.scopeChannels})
        for (const QString &c : *list)
            if (!channels.contains(c))
                return refuse(QCoreApplication::translate("Team", "channel"), c, channels.join(QStringLiteral(", ")));
    for (const QString &l : profile.skillLanguages)
        if (!language.match(l).hasMatch())
            return refuse(QCoreApplication::translate("Team", "language"), l,
                          QCoreApplication::translate("Team", "a two- or three-letter code such as it or en"));
    if (profile.capacity < 1 || profile.capacity > 1000)
        return Error{QCoreApplication::translate("Team", "A capacity is a number of threads from 1 to 1000, not %1.")
                         .arg(profile.capacity),
                     ErrorKind::InvalidInput};
    const bool scoped = !profile.scopeAccounts.isEmpty() || !profile.scopeChannels.isEmpty() ||
                        !profile.scopeCategories.isEmpty();
    if (scoped && role != AgentRole::External)
        return Error{QCoreApplication::translate("Team", "Only an external login has a scope: everyone else sees "
                                                         "the whole team's work."),
                     ErrorKind::InvalidInput};
    return {};
}

namespace {

// Arrays go to PostgreSQL as text[] literals built by the server from a JSON list, so no value
// needs quoting here.
QString jsonList(const QStringList &values)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

Status writeProfile(const QSqlDatabase &admin, const QString &login, const AgentProfile &profile)
{
    QSqlQuery q(admin);
    const QString list = QStringLiteral("ARRAY(SELECT jsonb_array_elements_text(?::jsonb))");
    if (Status s = teamPrepare(q, QStringLiteral("UPDATE sportello.agents SET department = coalesce(?, ''), skill_categories = %1, "
                                                 "skill_channels = %1, skill_languages = %1, capacity = ?, "
                                                 "scope_accounts = %1, scope_channels = %1, scope_categories = %1 "
                                                 "WHERE login = ?")
                                      .arg(list));
        !s)
        return s;
    q.addBindValue(profile.department.trimmed());
    q.addBindValue(jsonList(profile.skillCategories));
    q.addBindValue(jsonList(profile.skillChannels));
    q.addBindValue(jsonList(profile.skillLanguages));
    q.addBindValue(profile.capacity);
    q.addBindValue(jsonList(profile.scopeAccounts));
    q.addBindValue(jsonList(profile.scopeChannels));
    q.addBindValue(jsonList(profile.scopeCategories));
    q.addBindValue(login);
    if (Status s = teamExec(q); !s)
        return s;
    if (q.numRowsAffected() == 0)
        return Error{QCoreApplication::translate("Team", "%1 is not an agent of this team.").arg(login),
                     ErrorKind::NotFound};
    return {};
}

} // namespace

Status setAgentProfile(const QSqlDatabase &admin, const QString &login, const AgentProfile &profile)
{
    if (Status s = checkLogin(login); !s)
        return s;
    auto agents = listAgents(admin);
    if (!agents)
        return agents.failure();
    for (const TeamAgent &agent : *agents) {
        if (agent.login != login)
            continue;
        if (Status s = checkProfile(profile, agent.role); !s)
            return s;
        return writeProfile(admin, login, profile);
    }
    return Error{QCoreApplication::translate("Team", "%1 is not an agent of this team.").arg(login),
                 ErrorKind::NotFound};
}

namespace {

QStringList listFrom(const QVariant &value)
{
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    QStringList list;
    for (const QJsonValue &v : array)
        list << v.toString();
    return list;
}

TeamAgent agentFrom(const QSqlQuery &q)
{
    TeamAgent agent;
    agent.login = q.value(0).toString();
    agent.name = q.value(1).toString();
    agent.role = agentRoleFromId(q.value(2).toString()).value_or(AgentRole::Agent);
    agent.createdAtMs = q.value(3).toLongLong();
    agent.canLogIn = q.value(4).isNull() ? false : q.value(4).toBool();
    agent.validUntilMs = q.value(5).isNull() ? 0 : q.value(5).toLongLong();
    agent.profile.department = q.value(6).toString();
    agent.profile.skillCategories = listFrom(q.value(7));
    agent.profile.skillChannels = listFrom(q.value(8));
    agent.profile.skillLanguages = listFrom(q.value(9));
    agent.profile.capacity = q.value(10).toInt();
    agent.profile.scopeAccounts = listFrom(q.value(11));
    agent.profile.scopeChannels = listFrom(q.value(12));
    agent.profile.scopeCategories = listFrom(q.value(13));
    return agent;
}

const QString &agentColumns()
{
    static const QString columns = QStringLiteral(
        "SELECT a.login, a.name, a.role, a.created_at, r.rolcanlogin, "
        "CASE WHEN r.rolvaliduntil = 'infinity' THEN NULL "
        "ELSE (extract(epoch FROM r.rolvaliduntil) * 1000)::bigint END, "
        "a.department, to_jsonb(a.skill_categories)::text, to_jsonb(a.skill_channels)::text, "
        "to_jsonb(a.skill_languages)::text, a.capacity, to_jsonb(a.scope_accounts)::text, "
        "to_jsonb(a.scope_channels)::text, to_jsonb(a.scope_categories)::text "
        "FROM sportello.agents a LEFT JOIN pg_catalog.pg_roles r ON r.rolname = a.login");
    return columns;
}

} // namespace

Result<QVector<TeamAgent>> listAgents(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(agentColumns() + QStringLiteral(" ORDER BY a.login")))
        return teamFailure(q.lastError());
    QVector<TeamAgent> agents;
    while (q.next())
        agents << agentFrom(q);
    return agents;
}

Result<TeamAgent> currentAgent(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(agentColumns() + QStringLiteral(" WHERE a.login = session_user")))
        return teamFailure(q.lastError());
    if (!q.next())
        return Error{QCoreApplication::translate(
                         "Team",
                         "The login you connected with is not an agent of this team: an administrator adds it with "
                         "`sportello-cli team agent add`."),
                     ErrorKind::NotFound};
    return agentFrom(q);
}

} // namespace sportello::team
