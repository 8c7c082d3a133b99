#pragma once
// A real PostgreSQL 15 server for tests (Debian's postgresql package, no mocks): its own data
// directory in a temporary folder, 127.0.0.1 on a free port, SCRAM passwords, optionally TLS with a
// CA of its own. Stopped and removed with the object.
//
// Run as root (CI), every server process runs as the unprivileged `postgres` user (runuser): the
// server refuses to run as root. initdb runs once per build: its result is kept as a template data
// directory and copied for each server, since many test processes each start one.
//
// Binaries come from SPORTELLO_PG_BIN_DIR if set, else /usr/lib/postgresql/15/bin; the template
// lives in SPORTELLO_PG_TEMPLATE_DIR if set, else in the temporary folder, named after the uid and
// the PostgreSQL binaries (a new package version gets a new template).

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

namespace sportello::test {

// Runs a program to completion without QProcess (see PgServer.cpp: ThreadSanitizer and clone());
// stdout and stderr together in *output. False with *error on a failure or a non-zero exit.
bool runProgram(const QString &program, const QStringList &arguments, const QString &workDir, QString *output,
                QString *error);

class PgServer {
public:
    struct Options {
        bool tls = false;     // ssl=on with a server certificate for localhost / 127.0.0.1
        bool durable = false; // false: fsync, synchronous_commit and full_page_writes off (tests)
    };

    // A running server, or nullptr with *error saying why (with the end of the server log).
    static std::unique_ptr<PgServer> start(const Options &options, QString *error);
    ~PgServer(); // stops the server (immediate mode) and removes its folder
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 port() const { return m_port; }
    QString socketDirectory() const;
    QString superuser() const { return QStringLiteral("sportello_superuser"); }
    QString superuserPassword() const { return m_password; }
    QString dataDirectory() const;
    QString caCertificatePath() const; // empty without Options::tls
    bool running() const { return m_running; }
    QString logText() const; // the server's log, for failure messages

    // An open QPSQL connection (superuser by default) over TCP, or a closed one whose lastError()
    // says why. connectOptions as QSqlDatabase::setConnectOptions ("sslmode=verify-full;...").
    // The caller removes the connection (QSqlDatabase::removeDatabase) when done.
    QSqlDatabase connect(const QString &connectionName, const QString &database = QStringLiteral("postgres"),
                         const QString &user = {}, const QString &password = {},
                         const QString &connectOptions = {}) const;
    // postgresql://user@127.0.0.1:PORT/database (superuser by default), no password in it.
    QString url(const QString &database, const QString &user = {}) const;

    // As superuser, on a connection of their own.
    bool createDatabase(const QString &name, QString *error);
    bool exec(const QString &sql, QString *error, const QString &database = QStringLiteral("postgres"));

    bool stop(QString *error);    // pg_ctl stop -m fast
    bool restart(QString *error); // stop, then start on the same port: clients lose their connection
    bool kill();                  // pg_ctl stop -m immediate (a crash, as far as clients can tell)

private:
    PgServer() = default;
    bool prepare(const Options &options, QString *error);
    bool startOn(quint16 port, QString *error, bool *portTaken);
    bool pgCtlStop(const QString &mode, QString *error);
    // The log from byte `from` on, its last lineCount lines (all of it if lineCount < 0).
    QString logTail(qint64 from = 0, int lineCount = 30) const; // 30: enough for a failed start

    QTemporaryDir m_dir{QStringLiteral("/tmp/sportello-pg-XXXXXX")}; // short: the socket path has a length limit
    Options m_options;
    QString m_password;
    quint16 m_port = 0;
    bool m_running = false;
};

} // namespace sportello::test
