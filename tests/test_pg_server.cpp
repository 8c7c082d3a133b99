// The PostgreSQL test server (PgServer): a real PostgreSQL 15 reached through QPSQL with SCRAM
// passwords, notifications, TLS with its own CA, restarts and several servers at once.
#include "catch_compat.h"

#include "PgServer.h"

#include <QDeadlineTimer>
#include <QCoreApplication>
#include <QProcess>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <memory>

using namespace sportello::test;

namespace {

std::unique_ptr<PgServer> startServer(const PgServer::Options &options = PgServer::Options{})
{
    QString error;
    auto server = PgServer::start(options, &error);
    INFO(error.toStdString());
    REQUIRE(server);
    return server;
}

// Removes a QPSQL connection when the test leaves, pass or fail.
struct Connection {
    QString name;
    QSqlDatabase db;
    Connection(const PgServer &server, const QString &connectionName, const QString &database = QStringLiteral("postgres"),
               const QString &user = {}, const QString &password = {}, const QString &options = {})
        : name(connectionName), db(server.connect(connectionName, database, user, password, options))
    {
    }
    ~Connection()
    {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
};

QVariant scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    INFO(sql.toStdString());
    const bool ok = query.exec(sql) && query.next();
    INFO(query.lastError().text().toStdString());
    REQUIRE(ok);
    return query.value(0);
}

} // namespace

TEST_CASE("a PostgreSQL 15 server starts and takes the superuser's SCRAM password over QPSQL")
{
    auto server = startServer();
    CHECK(server->running());
    CHECK(server->port() != 0);
    CHECK(server->url(QStringLiteral("app")) == QStringLiteral("postgresql://sportello_superuser@127.0.0.1:%1/app").arg(server->port()));
    Connection c(*server, QStringLiteral("superuser"));
    INFO(c.db.lastError().text().toStdString());
    REQUIRE(c.db.isOpen());
    CHECK(scalar(c.db, QStringLiteral("SELECT current_setting('server_version_num')::int / 10000")).toInt() == 15);
    // The connection is over TCP to 127.0.0.1 and authenticated with SCRAM.
    CHECK(scalar(c.db, QStringLiteral("SELECT inet_server_addr()::text")).toString() == QStringLiteral("127.0.0.1/32"));
    CHECK(scalar(c.db, QStringLiteral("SELECT current_setting('password_encryption')")).toString()
          == QStringLiteral("scram-sha-256"));
    CHECK(scalar(c.db, QStringLiteral("SELECT current_setting('fsync')")).toString() == QStringLiteral("off"));
}

TEST_CASE("the PostgreSQL test server refuses a wrong password")
{
    auto server = startServer();
    QString error;
    REQUIRE(server->exec(QStringLiteral("CREATE ROLE app LOGIN PASSWORD 'right-password'"), &error));
    REQUIRE(server->createDatabase(QStringLiteral("app"), &error));
    {
        Connection right(*server, QStringLiteral("right"), QStringLiteral("app"), QStringLiteral("app"),
                         QStringLiteral("right-password"));
        INFO(right.db.lastError().text().toStdString());
        CHECK(right.db.isOpen());
    }
    Connection wrong(*server, QStringLiteral("wrong"), QStringLiteral("app"), QStringLiteral("app"),
                     QStringLiteral("wrong-password"));
    CHECK_FALSE(wrong.db.isOpen());
    CHECK(wrong.db.lastError().text().contains(QStringLiteral("password authentication failed")));
    Connection wrongSuperuser(*server, QStringLiteral("wrong-superuser"), QStringLiteral("postgres"),
                              server->superuser(), QStringLiteral("not-") + server->superuserPassword());
    CHECK_FALSE(wrongSuperuser.db.isOpen());
}

TEST_CASE("a NOTIFY on one connection reaches another connection's LISTEN through QPSQL")
{
    auto server = startServer();
    Connection listener(*server, QStringLiteral("listener"));
    Connection notifier(*server, QStringLiteral("notifier"));
    REQUIRE(listener.db.isOpen());
    REQUIRE(notifier.db.isOpen());
    REQUIRE(listener.db.driver()->subscribeToNotification(QStringLiteral("sportello_events")));

    QStringList received;
    QList<QSqlDriver::NotificationSource> sources;
    QObject::connect(listener.db.driver(), &QSqlDriver::notification,
                     [&](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
                         received << name + QLatin1Char(':') + payload.toString();
                         sources << source;
                     });
    QSqlQuery notify(notifier.db);
    REQUIRE(notify.exec(QStringLiteral("NOTIFY sportello_events, 'outbox 42'")));
    QDeadlineTimer deadline(10000);
    while (received.isEmpty() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    REQUIRE(received == QStringList{QStringLiteral("sportello_events:outbox 42")});
    CHECK(sources.front() == QSqlDriver::OtherSource);
}

TEST_CASE("the TLS test server is verified against its CA and refused against another")
{
    PgServer::Options options;
    options.tls = true;
    auto server = startServer(options);
    REQUIRE_FALSE(server->caCertificatePath().isEmpty());
    {
        Connection verified(*server, QStringLiteral("verified"), QStringLiteral("postgres"), {}, {},
                            QStringLiteral("sslmode=verify-full;sslrootcert=") + server->caCertificatePath());
        INFO(verified.db.lastError().text().toStdString());
        INFO(server->logText().toStdString());
        REQUIRE(verified.db.isOpen());
        CHECK(scalar(verified.db, QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).toBool());
    }
    // Plain connections still work (host line) but are not encrypted.
    {
        Connection plain(*server, QStringLiteral("plain"), QStringLiteral("postgres"), {}, {},
                         QStringLiteral("sslmode=disable"));
        REQUIRE(plain.db.isOpen());
        CHECK_FALSE(scalar(plain.db, QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).toBool());
    }
    // A CA of someone else: the server's certificate does not verify.
    QTemporaryDir other;
    REQUIRE(other.isValid());
    const QString otherCa = other.filePath(QStringLiteral("other-ca.crt"));
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=Another CA"), QStringLiteral("-days"), QStringLiteral("1"),
                   QStringLiteral("-keyout"), other.filePath(QStringLiteral("other-ca.key")), QStringLiteral("-out"), otherCa});
    REQUIRE(openssl.waitForFinished(30000));
    INFO(openssl.readAll().toStdString());
    REQUIRE(openssl.exitCode() == 0);
    Connection refused(*server, QStringLiteral("refused"), QStringLiteral("postgres"), {}, {},
                       QStringLiteral("sslmode=verify-full;sslrootcert=") + otherCa);
    CHECK_FALSE(refused.db.isOpen());
    INFO(refused.db.lastError().text().toStdString());
    CHECK(refused.db.lastError().text().contains(QStringLiteral("certificate verify failed")));
}

TEST_CASE("a restarted test server keeps its rows, and an open connection loses its session")
{
    auto server = startServer();
    QString error;
    REQUIRE(server->exec(QStringLiteral("CREATE TABLE kept (n int); INSERT INTO kept SELECT generate_series(1, 100)"), &error));
    const quint16 port = server->port();
    Connection before(*server, QStringLiteral("before"));
    REQUIRE(before.db.isOpen());
    CHECK(scalar(before.db, QStringLiteral("SELECT count(*) FROM kept")).toInt() == 100);

    const bool restarted = server->restart(&error);
    INFO(error.toStdString());
    REQUIRE(restarted);
    CHECK(server->port() == port);
    CHECK(server->running());

    QSqlQuery stale(before.db);
    CHECK_FALSE(stale.exec(QStringLiteral("SELECT count(*) FROM kept")));
    Connection after(*server, QStringLiteral("after"));
    REQUIRE(after.db.isOpen());
    CHECK(scalar(after.db, QStringLiteral("SELECT count(*) FROM kept")).toInt() == 100);

    // Stopped, nothing answers; killed twice or stopped twice is harmless.
    REQUIRE(server->stop(&error));
    CHECK_FALSE(server->running());
    Connection down(*server, QStringLiteral("down"));
    CHECK_FALSE(down.db.isOpen());
    CHECK(server->stop(&error));
    CHECK(server->kill());
}

TEST_CASE("a killed test server drops its clients")
{
    auto server = startServer();
    Connection c(*server, QStringLiteral("killed"));
    REQUIRE(c.db.isOpen());
    REQUIRE(server->kill());
    CHECK_FALSE(server->running());
    QSqlQuery query(c.db);
    CHECK_FALSE(query.exec(QStringLiteral("SELECT 1")));
}

TEST_CASE("two PostgreSQL test servers run at the same time")
{
    auto first = startServer();
    PgServer::Options durable;
    durable.durable = true;
    auto second = startServer(durable);
    CHECK(first->port() != second->port());
    CHECK(first->dataDirectory() != second->dataDirectory());
    QString error;
    REQUIRE(first->exec(QStringLiteral("CREATE TABLE only_in_first (n int)"), &error));
    Connection a(*first, QStringLiteral("first"));
    Connection b(*second, QStringLiteral("second"));
    REQUIRE(a.db.isOpen());
    REQUIRE(b.db.isOpen());
    CHECK(scalar(a.db, QStringLiteral("SELECT to_regclass('only_in_first') IS NOT NULL")).toBool());
    CHECK_FALSE(scalar(b.db, QStringLiteral("SELECT to_regclass('only_in_first') IS NOT NULL")).toBool());
    CHECK(scalar(b.db, QStringLiteral("SELECT current_setting('fsync')")).toString() == QStringLiteral("on"));
    // Each has a server process of its own.
    CHECK(scalar(a.db, QStringLiteral("SELECT current_setting('port')")).toInt() == first->port());
    CHECK(scalar(b.db, QStringLiteral("SELECT current_setting('port')")).toInt() == second->port());
}
