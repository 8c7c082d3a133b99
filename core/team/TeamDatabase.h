#pragma once
// The connection to a team database: where it is (a libpq URI), how to reach it safely (TLS
// anywhere but loopback or a Unix socket; the password from the keychain or an environment
// variable, never from the URI or a file Sportello writes), and what it is (a Sportello team
// database of a schema this program knows, else refused). See docs/team.md.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <memory>

class QSqlError;
class QSqlQuery;

namespace sportello::team {

// A libpq connection URI, e.g. postgresql://marta@db.example:5432/sportello?sslmode=verify-full.
// Understood: user, host (a name, an address, or a socket directory, also as ?host=/path), port,
// database, and the parameters sslmode, sslrootcert, sslcert, sslkey, connect_timeout and
// application_name. A password in the URI is refused: it would end up on disk and in logs.
struct TeamUrl {
    QString user;
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString database;
    QString sslMode; // empty: not given
    QString sslRootCert;
    QString sslCert;
    QString sslKey;
    int connectTimeoutS = 10;

    static Result<TeamUrl> parse(const QString &text);
    // The URI again, without anything secret: what is stored in the cache and shown.
    QString toString() const;
    // The same for another login (team join as an agent of a team created by its admin).
    TeamUrl withUser(const QString &login) const;
    bool isSocket() const { return host.startsWith(QLatin1Char('/')); }
    bool isLoopback() const;
    // The TLS modes that refuse to go on without encryption.
    bool requiresTls() const;
    // Plain connections are allowed only to loopback or a Unix socket.
    Status checkTransport() const;
};

// Where a login's password comes from: the environment variable named by --password-env, else
// the keychain entry passwordKey(url) (see TokenStore), else none (a Unix socket with peer
// authentication, or ~/.pgpass which IT manages).
QString passwordKey(const TeamUrl &url);

// One open connection (QPSQL). Closes and removes itself when destroyed. Same thread only.
class TeamConnection {
public:
    static Result<std::unique_ptr<TeamConnection>> open(const TeamUrl &url, const QString &password);
    ~TeamConnection();
    TeamConnection(const TeamConnection &) = delete;
    TeamConnection &operator=(const TeamConnection &) = delete;

    QSqlDatabase db() const;
    const TeamUrl &url() const { return m_url; }
    QString connectionName() const { return m_name; }
    // The login connected (session_user).
    const QString &login() const { return m_login; }

private:
    TeamConnection(QString name, TeamUrl url);
    QString m_name;
    TeamUrl m_url;
    QString m_login;
};

// What kind of failure a PostgreSQL error is, from its SQLSTATE (or, for a connection that did
// not open, from libpq's message): a refused password or an expired role RefusedByPolicy, a
// missing privilege RefusedByPolicy, a dropped connection Network, a serialisation failure Busy,
// a full disk Io, a unique violation Conflict.
ErrorKind teamErrorKind(const QSqlError &error);
Error teamFailure(const QSqlError &error);
// Runs one statement without parameters / a prepared and bound query, with teamFailure().
Status teamExec(const QSqlDatabase &db, const QString &statement);
Status teamExec(QSqlQuery &query);
Status teamPrepare(QSqlQuery &query, const QString &statement);

// RAII transaction on the team database: rolls back on destruction unless commit() succeeded.
// (storage/Transaction is SQLite's BEGIN IMMEDIATE.)
class TeamTransaction {
public:
    explicit TeamTransaction(QSqlDatabase db);
    ~TeamTransaction();
    TeamTransaction(const TeamTransaction &) = delete;
    TeamTransaction &operator=(const TeamTransaction &) = delete;
    bool started() const { return m_active; }
    const Error &startFailure() const { return m_startError; }
    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    Error m_startError;
};

// What the database holds, read without changing anything.
struct TeamSchemaState {
    bool empty = true;    // no Sportello schema (and nothing else)
    int version = 0;      // schema_version, 0 when empty
    QString teamId;       // the team's id (empty when empty)
};
// Refuses a database that holds something else (tables but no Sportello schema) and one of a
// newer schema than this program knows (Conflict).
Result<TeamSchemaState> readTeamSchema(const QSqlDatabase &db);
// Creates or upgrades the schema to the latest version, each step in its own transaction, under
// an advisory lock so that two `team init` at once do not collide. Refuses what readTeamSchema
// refuses. Returns the version before.
Result<int> initTeamSchema(const QSqlDatabase &db);
// For a desktop or a hub: the database must be a Sportello team database of exactly this
// program's version (older: ask IT to run `sportello-cli team init`; newer: update Sportello).
Result<TeamSchemaState> requireCurrentTeamSchema(const QSqlDatabase &db);

} // namespace sportello::team
