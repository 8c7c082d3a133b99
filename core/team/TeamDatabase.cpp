#include "team/TeamDatabase.h"

#include "storage/Sql.h"
#include "team/TeamLog.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <algorithm>

namespace sportello::team {

namespace {

const QStringList &knownSslModes()
{
    static const QStringList modes{QStringLiteral("disable"), QStringLiteral("allow"),      QStringLiteral("prefer"),
                                   QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

// The advisory lock `team init` holds while it creates or upgrades the schema.
constexpr qint64 kInitLock = 1397772115;

} // namespace

Result<TeamUrl> TeamUrl::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(QLatin1String("postgresql://")) && !trimmed.startsWith(QLatin1String("postgres://")))
        return Error{QCoreApplication::translate("Team", "\"%1\" is not a PostgreSQL address: write it as "
                                                         "postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=verify-full.")
                         .arg(trimmed),
                     ErrorKind::InvalidInput};
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return Error{
            QCoreApplication::translate("Team", "The team database address cannot be read: %1.").arg(url.errorString()),
            ErrorKind::InvalidInput};
    if (!url.password().isEmpty())
        return Error{QCoreApplication::translate(
                         "Team",
                         "The team database address carries a password: take it out and give it with "
                         "--password-env VARIABLE or keep it in the system keychain, so that it is never written "
                         "to disk or shown."),
                     ErrorKind::InvalidInput};
    TeamUrl parsed;
    parsed.user = url.userName();
    if (!url.host().isEmpty())
        parsed.host = url.host();
    parsed.port = url.port(5432);
    parsed.database = url.path().mid(1);
    if (parsed.database.isEmpty() || parsed.database.contains(QLatin1Char('/')))
        return Error{QCoreApplication::translate(
                         "Team", "The team database address names no database: add it after the host, as in "
                                 "postgresql://LOGIN@HOST:5432/sportello."),
                     ErrorKind::InvalidInput};
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("sslmode")) {
            if (!knownSslModes().contains(value))
                return Error{QCoreApplication::translate("Team", "Unknown sslmode \"%1\": use one of %2.")
                                 .arg(value, knownSslModes().join(u", ")),
                             ErrorKind::InvalidInput};
            parsed.sslMode = value;
        } else if (key == QLatin1String("sslrootcert")) {
            parsed.sslRootCert = value;
        } else if (key == QLatin1String("sslcert")) {
            parsed.sslCert = value;
        } else if (key == QLatin1String("sslkey")) {
            parsed.sslKey = value;
        } else if (key == QLatin1String("host")) {
            parsed.host = value;
        } else if (key == QLatin1String("connect_timeout")) {
            bool ok = false;
            parsed.connectTimeoutS = value.toInt(&ok);
            if (!ok || parsed.connectTimeoutS < 1)
                return Error{
                    QCoreApplication::translate("Team", "connect_timeout must be a number of seconds, 1 or more."),
                    ErrorKind::InvalidInput};
        } else if (key == QLatin1String("password")) {
            return Error{QCoreApplication::translate(
                             "Team", "The team database address carries a password: take it out and give it with "
                                     "--password-env VARIABLE or keep it in the system keychain, so that it is never "
                                     "written to disk or shown."),
                         ErrorKind::InvalidInput};
        } else if (key != QLatin1String("application_name")) {
            return Error{QCoreApplication::translate(
                             "Team", "The team database address has a parameter Sportello does not know: \"%1\".")
                             .arg(key),
                         ErrorKind::InvalidInput};
        }
    }
    if (Status transport = parsed.checkTransport(); !transport)
        return transport.failure();
    return parsed;
}

QString TeamUrl::toString() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    QUrlQuery query;
    if (isSocket())
        query.addQueryItem(QStringLiteral("host"), host);
    else
        url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    if (!sslMode.isEmpty())
        query.addQueryItem(QStringLiteral("sslmode"), sslMode);
    if (!sslRootCert.isEmpty())
        query.addQueryItem(QStringLiteral("sslrootcert"), sslRootCert);
    if (!sslCert.isEmpty())
        query.addQueryItem(QStringLiteral("sslcert"), sslCert);
    if (!sslKey.isEmpty())
        query.addQueryItem(QStringLiteral("sslkey"), sslKey);
    if (connectTimeoutS != 10)
        query.addQueryItem(QStringLiteral("connect_timeout"), QString::number(connectTimeoutS));
    url.setQuery(query);
    return url.toString();
}

TeamUrl TeamUrl::withUser(const QString &login) const
{
    TeamUrl copy = *this;
    copy.user = login;
    return copy;
}

bool TeamUrl::isLoopback() const
{
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool TeamUrl::requiresTls() const
{
    return sslMode == QLatin1String("require") || sslMode == QLatin1String("verify-ca") ||
           sslMode == QLatin1String("verify-full");
}

Status TeamUrl::checkTransport() const
{
    if (isSocket() || isLoopback() || requiresTls())
        return {};
    return Error{QCoreApplication::translate(
                     "Team",
                     "The team database at %1 is not on this machine, and the address does not require TLS: add "
                     "?sslmode=verify-full (with sslrootcert=FILE for the company's certificate authority), or "
                     "sslmode=require, so that the team's data and your password never travel in clear.")
                     .arg(host),
                 ErrorKind::RefusedByPolicy};
}

QString passwordKey(const TeamUrl &url)
{
    return QStringLiteral("team:%1@%2:%3/%4").arg(url.user, url.host).arg(url.port).arg(url.database);
}

TeamConnection::TeamConnection(QString name, TeamUrl url) : m_name(std::move(name)), m_url(std::move(url)) {}

TeamConnection::~TeamConnection()
{
    sql::forgetReusedQueries(m_name); // before the driver closes
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase TeamConnection::db() const
{
    return QSqlDatabase::database(m_name, false);
}

Result<std::unique_ptr<TeamConnection>> TeamConnection::open(const TeamUrl &url, const QString &password)
{
    if (Status transport = url.checkTransport(); !transport)
        return transport.failure();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error{QCoreApplication::translate(
                         "Team",
                         "Qt's PostgreSQL driver (QPSQL) is not installed: on Debian and Ubuntu install the package "
                         "libqt6sql6-psql."),
                     ErrorKind::Io};
    const QString name = QStringLiteral("sportello-team-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<TeamConnection> connection(new TeamConnection(name, url));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host);
    db.setPort(url.port);
    db.setDatabaseName(url.database);
    db.setUserName(url.user);
    db.setPassword(password);
    QStringList options{QStringLiteral("connect_timeout=%1").arg(url.connectTimeoutS),
                        QStringLiteral("application_name=sportello")};
    if (!url.sslMode.isEmpty())
        options << QStringLiteral("sslmode=") + url.sslMode;
    if (!url.sslRootCert.isEmpty())
        options << QStringLiteral("sslrootcert=") + url.sslRootCert;
    if (!url.sslCert.isEmpty())
        options << QStringLiteral("sslcert=") + url.sslCert;
    if (!url.sslKey.isEmpty())
        options << QStringLiteral("sslkey=") + url.sslKey;
    db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!db.open()) {
        const Error failure = teamFailure(db.lastError());
        return failure.withMessage(
            QCoreApplication::translate("Team", "Could not connect to the team database %1 as %2: %3")
                .arg(url.host + QLatin1Char(':') + QString::number(url.port) + QLatin1Char('/') + url.database,
                     url.user.isEmpty() ? QCoreApplication::translate("Team", "(the system user)") : url.user,
                     failure.message));
    }
    // Times are epoch milliseconds and names are qualified, but the session's own settings must
    // not change how text compares or what the feed's JSON looks like.
    if (Status s = teamExec(db, QStringLiteral("SET search_path TO pg_catalog, sportello")); !s)
        return s.failure();
    auto login = sql::scalar(db, QStringLiteral("SELECT session_user"));
    if (!login)
        return teamFailure(db.lastError());
    connection->m_login = login->toString();
    return connection;
}

ErrorKind teamErrorKind(const QSqlError &error)
{
    const QString state = error.nativeErrorCode();
    if (state.size() == 5) {
        const QStringView cls = QStringView(state).left(2);
        if (state == QLatin1String("28P01") || cls == u"28")
            return ErrorKind::RefusedByPolicy; // invalid password or authorization
        if (state == QLatin1String("42501"))
            return ErrorKind::RefusedByPolicy; // insufficient privilege
        if (cls == u"08" || cls == u"57")
            return ErrorKind::Network; // connection exception, operator intervention (shutdown)
        if (state == QLatin1String("40001") || state == QLatin1String("40P01") || state == QLatin1String("55P03"))
            return ErrorKind::Busy;
        if (cls == u"53")
            return ErrorKind::Io; // disk full, out of memory, too many connections
        if (state == QLatin1String("23505"))
            return ErrorKind::Conflict;
        if (cls == u"23" || cls == u"22")
            return ErrorKind::InvalidInput;
        if (cls == u"42")
            return ErrorKind::Corrupt; // a table or column the schema must have is missing
        return ErrorKind::Unspecified;
    }
    // No SQLSTATE: libpq failed before or outside a statement.
    const QString text = error.databaseText() + QLatin1Char(' ') + error.driverText();
    if (text.contains(QLatin1String("password authentication failed")) ||
        text.contains(QLatin1String("no password supplied")) || text.contains(QLatin1String("authentication failed")) ||
        text.contains(QLatin1String("role \"")) || text.contains(QLatin1String("permission denied")))
        return ErrorKind::RefusedByPolicy;
    if (text.contains(QLatin1String("certificate")) || text.contains(QLatin1String("SSL")))
        return ErrorKind::RefusedByPolicy;
    return ErrorKind::Network;
}

Error teamFailure(const QSqlError &error)
{
    // PostgreSQL's DETAIL quotes the row or the key a statement failed on ("Failing row contains
    // (...)"): customers' notes, references, care's answers. Messages go to logs and screens, so
    // it is left out; the message names the constraint, which says what was wrong.
    QStringList lines = sql::describe(error).split(QLatin1Char('\n'));
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [](const QString &line) { return line.trimmed().startsWith(QLatin1String("DETAIL:")); }),
                lines.end());
    QString text = lines.join(QLatin1Char(' ')).simplified();
    if (text.isEmpty())
        text = QCoreApplication::translate("Team", "the server gave no reason");
    return Error{QCoreApplication::translate("Team", "Team database: %1").arg(text), teamErrorKind(error)};
}

Status teamExec(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return teamFailure(query.lastError());
    return {};
}

Status teamExec(QSqlQuery &query)
{
    if (!query.exec())
        return teamFailure(query.lastError());
    return {};
}

Status teamPrepare(QSqlQuery &query, const QString &statement)
{
    if (!query.prepare(statement))
        return teamFailure(query.lastError());
    return {};
}

TeamTransaction::TeamTransaction(QSqlDatabase db) : m_db(db)
{
    QSqlQuery begin(m_db);
    if (begin.exec(QStringLiteral("BEGIN")))
        m_active = true;
    else
        m_startError = teamFailure(begin.lastError());
}

TeamTransaction::~TeamTransaction() { rollback(); }

Status TeamTransaction::commit()
{
    if (!m_active)
        return m_startError.message.isEmpty()
                   ? Error{QCoreApplication::translate("Team", "No transaction is open."), ErrorKind::Conflict}
                   : m_startError;
    QSqlQuery commit(m_db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const QSqlError reason = commit.lastError();
        rollback();
        return teamFailure(reason);
    }
    m_active = false;
    return {};
}

void TeamTransaction::rollback()
{
    if (!m_active)
        return;
    QSqlQuery rollback(m_db);
    rollback.exec(QStringLiteral("ROLLBACK"));
    m_active = false;
}

Result<TeamSchemaState> readTeamSchema(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT to_regclass('sportello.team_meta') IS NOT NULL")) || !query.next())
        return teamFailure(query.lastError());
    TeamSchemaState state;
    if (!query.value(0).toBool()) {
        // Nothing of ours: the database must hold nothing else either.
        if (!query.exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                                       "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm') "
                                       "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                                       "AND n.nspname NOT LIKE 'pg_toast%'")) ||
            !query.next())
            return teamFailure(query.lastError());
        const int tables = query.value(0).toInt();
        QSqlQuery schema(db);
        if (!schema.exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'sportello'")) ||
            !schema.next())
            return teamFailure(schema.lastError());
        if (tables > 0 || schema.value(0).toInt() > 0)
            return Error{QCoreApplication::translate("Team",
                                                     "The database %1 already holds something that is not a "
                                                     "Sportello team database (%Ln table(s)): Sportello leaves it as "
                                                     "it is. Create an empty database for the team.",
                                                     nullptr, tables)
                             .arg(db.databaseName()),
                         ErrorKind::Conflict};
        return state;
    }
    if (!query.exec(QStringLiteral("SELECT key, value FROM sportello.team_meta")))
        return teamFailure(query.lastError());
    QString application;
    while (query.next()) {
        const QString key = query.value(0).toString();
        if (key == QLatin1String("application"))
            application = query.value(1).toString();
        else if (key == QLatin1String("schema_version"))
            state.version = query.value(1).toInt();
        else if (key == QLatin1String("team_id"))
            state.teamId = query.value(1).toString();
    }
    if (application != QLatin1String(kTeamApplication) || state.version <= 0)
        return Error{QCoreApplication::translate(
                         "Team",
                         "The database %1 has a schema named sportello that Sportello did not create: it is left as "
                         "it is.")
                         .arg(db.databaseName()),
                     ErrorKind::Conflict};
    state.empty = false;
    if (state.version > latestTeamVersion())
        return Error{QCoreApplication::translate(
                         "Team",
                         "The team database %1 was upgraded by a newer Sportello (schema %2; this program knows "
                         "up to %3): update Sportello on this machine. Nothing was changed.")
                         .arg(db.databaseName())
                         .arg(state.version)
                         .arg(latestTeamVersion()),
                     ErrorKind::Conflict};
    return state;
}

Result<int> initTeamSchema(const QSqlDatabase &db)
{
    if (Status s = teamExec(db, QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kInitLock)); !s)
        return s.failure();
    struct Unlock {
        const QSqlDatabase &db;
        ~Unlock() { QSqlQuery(db).exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kInitLock)); }
    } unlock{db};

    auto state = readTeamSchema(db);
    if (!state)
        return state.failure();
    const int before = state->version;
    for (const TeamMigration &migration : teamMigrations()) {
        if (migration.version <= before)
            continue;
        TeamTransaction transaction(db);
        if (!transaction.started())
            return transaction.startFailure();
        for (const QString &statement : migration.statements) {
            if (Status s = teamExec(db, statement); !s)
                return s.failure().withMessage(
                    QCoreApplication::translate(
                        "Team", "Creating the team schema (version %1) failed, nothing of this step was kept: %2")
                        .arg(migration.version)
                        .arg(s.error()));
        }
        QSqlQuery version(db);
        if (Status s = teamPrepare(version, QStringLiteral("INSERT INTO sportello.team_meta(key, value) VALUES "
                                                           "('schema_version', ?) ON CONFLICT (key) DO UPDATE SET "
                                                           "value = excluded.value"));
            !s)
            return s.failure();
        version.addBindValue(QString::number(migration.version));
        if (Status s = teamExec(version); !s)
            return s.failure();
        if (Status s = transaction.commit(); !s)
            return s.failure();
        qCInfo(lcTeam) << "team schema now at version" << migration.version;
    }
    return before;
}

Result<TeamSchemaState> requireCurrentTeamSchema(const QSqlDatabase &db)
{
    auto state = readTeamSchema(db);
    if (!state)
        return state.failure();
    if (state->empty)
        return Error{QCoreApplication::translate(
                         "Team",
                         "The database %1 is not a Sportello team database yet: an administrator creates it with "
                         "`sportello-cli team init --url URL`.")
                         .arg(db.databaseName()),
                     ErrorKind::NotFound};
    if (state->version < latestTeamVersion())
        return Error{QCoreApplication::translate(
                         "Team", "The team database %1 has schema %2, older than this program's %3: an administrator "
                                 "upgrades it with `sportello-cli team init --url URL`.")
                         .arg(db.databaseName())
                         .arg(state->version)
                         .arg(latestTeamVersion()),
                     ErrorKind::Conflict};
    return state;
}

} // namespace sportello::team
