// The hub's HTTPS intake (docs/hub.md, "Intake"): in-app messages posted by an app backend with its
// secret, stored once through the in-app inbox's own function; customer care's status callback
// recorded like a status file; and the strict HTTP reader's refusals (sizes, methods, types,
// stalled clients, plain HTTP on the TLS port). The listener runs on 127.0.0.1 with a
// certificate made for the test by the openssl command.
#include "catch_compat.h"

#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "compose/Drafts.h"
#include "outbox/Handoff.h"
#include "outbox/HandoffStatus.h"
#include "outbox/OutboxDispatcher.h"
#include "storage/Sql.h"
#include "team/HubIntake.h"
#include "triage/TriageService.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace sportello;
using namespace sportello::outbox;
using namespace sportello::team;
using namespace sportello::test;

namespace {

const QByteArray kAppSecret = "s3cret-of-the-app-0123456789";
const QByteArray kCareSecret = "care-callback-secret-9876543210";
const QByteArray kOtherAppSecret = "another-app-s3cret-5555555555";

QByteArray message(const QString &thread, const QString &post, const QString &channel = QStringLiteral("in_app"),
                   const QString &author = QStringLiteral("app-user-77"),
                   const QString &name = QStringLiteral("Lucia Bianchi"))
{
    QJsonObject record{
        {QStringLiteral("channel"), channel},
        {QStringLiteral("thread_id"), thread},
        {QStringLiteral("post_id"), post},
        {QStringLiteral("author"), QJsonObject{{QStringLiteral("id"), author}, {QStringLiteral("name"), name}}},
        {QStringLiteral("direction"), QStringLiteral("inbound")},
        {QStringLiteral("visibility"), QStringLiteral("private")},
        {QStringLiteral("created_at"), QStringLiteral("2026-12-01T09:00:00Z")},
        {QStringLiteral("text"), QStringLiteral("Non riesco ad aprire la denuncia sinistro nell'app")}};
    return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
}

struct Answer {
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// A raw connection's whole exchange: what the server sent until it closed.
struct RawExchange {
    QByteArray received;
    bool closed = false;
    int status() const
    {
        if (!received.startsWith("HTTP/1.1 "))
            return 0;
        return received.mid(9, 3).toInt();
    }
};

struct IntakeFixture {
    QTemporaryDir dir;
    QString certificateFile;
    QString keyFile;
    QSslCertificate certificate;
    ManualClock clock{utcMs("2024-01-16T10:00:00Z")};
    TempCache cache;
    QNetworkAccessManager nam;
    std::unique_ptr<HubIntake> intake;

    explicit IntakeFixture(int requestTimeoutMs = 10'000, int maxConnections = 32)
    {
        REQUIRE(dir.isValid());
        certificateFile = dir.filePath(QStringLiteral("cert.pem"));
        keyFile = dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                       QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyFile, QStringLiteral("-out"),
                       certificateFile, QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1")});
        REQUIRE(openssl.waitForFinished(60'000));
        INFO(openssl.readAllStandardError().toStdString());
        REQUIRE(openssl.exitCode() == 0);
        const auto certificates = QSslCertificate::fromPath(certificateFile);
        REQUIRE(certificates.size() == 1);
        certificate = certificates.first();

        IntakeOptions options;
        options.certificateFile = certificateFile;
        options.keyFile = keyFile;
        options.appSecrets.insert(QStringLiteral("polizza-app"), kAppSecret);
        options.appSecrets.insert(QStringLiteral("sinistri-app"), kOtherAppSecret);
        options.careSecret = kCareSecret;
        options.requestTimeoutMs = requestTimeoutMs;
        options.maxConnections = maxConnections;
        intake = std::make_unique<HubIntake>(*cache.db, clock, options);
        const Status listening = intake->listen();
        INFO(listening.error().toStdString());
        REQUIRE(listening.ok());
        REQUIRE(intake->isTls());
    }

    QSslConfiguration trusting() const
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({certificate});
        return configuration;
    }

    Answer post(const QString &path, const QByteArray &body, const QByteArray &secret,
                const QByteArray &contentType = "application/x-ndjson", const QByteArray &verb = "POST")
    {
        QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(intake->port()).arg(path)));
        request.setSslConfiguration(trusting());
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (!secret.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + secret);
        QNetworkReply *reply = verb == "POST" ? nam.post(request, body) : nam.sendCustomRequest(request, verb);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        REQUIRE(finished.wait(30'000));
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        INFO(reply->errorString().toStdString());
        CHECK(answer.status != 0); // an HTTP answer, not a broken connection
        reply->deleteLater();
        return answer;
    }

    // Sends `bytes` over TLS, then reads until the server closes the connection.
    RawExchange raw(const QByteArray &bytes, bool encrypted = true)
    {
        RawExchange exchange;
        std::unique_ptr<QTcpSocket> socket;
        if (encrypted) {
            auto tls = std::make_unique<QSslSocket>();
            tls->setSslConfiguration(trusting());
            QSignalSpy ready(tls.get(), &QSslSocket::encrypted);
            tls->connectToHostEncrypted(QStringLiteral("127.0.0.1"), intake->port());
            REQUIRE(ready.wait(30'000));
            socket = std::move(tls);
        } else {
            socket = std::make_unique<QTcpSocket>();
            QSignalSpy connected(socket.get(), &QTcpSocket::connected);
            socket->connectToHost(QStringLiteral("127.0.0.1"), intake->port());
            REQUIRE(connected.wait(30'000));
        }
        QObject::connect(socket.get(), &QTcpSocket::readyRead,
                         [&exchange, s = socket.get()] { exchange.received += s->readAll(); });
        QSignalSpy closed(socket.get(), &QTcpSocket::disconnected);
        socket->write(bytes);
        if (socket->state() != QAbstractSocket::UnconnectedState)
            exchange.closed = closed.wait(30'000);
        else
            exchange.closed = true;
        exchange.received += socket->readAll();
        return exchange;
    }

    int posts() { return scalar(*cache.db, QStringLiteral("SELECT count(*) FROM posts")).toInt(); }
};

QByteArray head(const QByteArray &path, qint64 length, const QByteArray &secret = kAppSecret,
                const QByteArray &extra = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + secret +
           "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + QByteArray::number(length) + "\r\n" + extra +
           "\r\n";
}

} // namespace

TEST_CASE("An app's messages posted with its secret are stored once, and a repeat counts as duplicates",
          "[hub][intake][inapp]")
{
    IntakeFixture f;
    const QByteArray body =
        message(QStringLiteral("A1"), QStringLiteral("A1-m1")) + message(QStringLiteral("A1"), QStringLiteral("A1-m2"));
    Answer first = f.post(QStringLiteral("/v1/inapp/polizza-app"), body, kAppSecret);
    INFO(first.body.toStdString());
    REQUIRE(first.status == 200);
    CHECK(first.json().value(QStringLiteral("stored")).toInt() == 2);
    CHECK(first.json().value(QStringLiteral("duplicates")).toInt() == 0);
    CHECK(f.posts() == 2);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id "
                                             "WHERE t.channel = 'in_app' AND p.visibility = 'private'"))
              .toInt() == 2);

    Answer again = f.post(QStringLiteral("/v1/inapp/polizza-app"), body, kAppSecret);
    REQUIRE(again.status == 200);
    CHECK(again.json().value(QStringLiteral("stored")).toInt() == 0);
    CHECK(again.json().value(QStringLiteral("duplicates")).toInt() == 2);
    CHECK(f.posts() == 2);

    // application/json is taken too (one record, or several lines), with its charset.
    Answer json =
        f.post(QStringLiteral("/v1/inapp/polizza-app"), message(QStringLiteral("A2"), QStringLiteral("A2-m1")),
               kAppSecret, "application/json; charset=UTF-8");
    CHECK(json.status == 200);
    CHECK(f.posts() == 3);
}

TEST_CASE("The intake refuses wrong secrets, unknown apps and paths, bad bodies, methods and types, storing nothing",
          "[hub][intake][inapp]")
{
    IntakeFixture f;
    const QByteArray good = message(QStringLiteral("B1"), QStringLiteral("B1-m1"));

    SECTION("a wrong or missing secret is 401")
    {
        Answer wrong = f.post(QStringLiteral("/v1/inapp/polizza-app"), good, "not-the-secret");
        CHECK(wrong.status == 401);
        Answer missing = f.post(QStringLiteral("/v1/inapp/polizza-app"), good, {});
        CHECK(missing.status == 401);
        // The care secret opens the care route only.
        Answer other = f.post(QStringLiteral("/v1/inapp/polizza-app"), good, kCareSecret);
        CHECK(other.status == 401);
    }
    SECTION("an unknown app is refused as a wrong secret is, without its name; an unknown path is 404")
    {
        const auto unknown = f.post(QStringLiteral("/v1/inapp/other-app"), good, kAppSecret);
        CHECK(unknown.status == 401);
        CHECK_FALSE(unknown.body.contains("other-app"));
        CHECK(f.post(QStringLiteral("/v1/inapp"), good, kAppSecret).status == 404);
        CHECK(f.post(QStringLiteral("/v2/inapp/polizza-app"), good, kAppSecret).status == 404);
    }
    SECTION("broken JSON is 400 with the reason, and nothing of the body is stored")
    {
        Answer broken = f.post(QStringLiteral("/v1/inapp/polizza-app"),
                               good + QByteArray("{\"channel\": \"in_app\",\n"), kAppSecret);
        INFO(broken.body.toStdString());
        CHECK(broken.status == 400);
        CHECK(!broken.json().value(QStringLiteral("error")).toString().isEmpty());
        CHECK(broken.json().value(QStringLiteral("issues")).toArray().size() == 1);
        CHECK(broken.json()
                  .value(QStringLiteral("issues"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QStringLiteral("line"))
                  .toInt() == 2);
    }
    SECTION("a record on another channel is 400")
    {
        Answer other = f.post(QStringLiteral("/v1/inapp/polizza-app"),
                              good + message(QStringLiteral("B2"), QStringLiteral("B2-m1"), QStringLiteral("facebook")),
                              kAppSecret);
        CHECK(other.status == 400);
        CHECK(other.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("in_app")));
    }
    SECTION("a company post among the customer's messages is 400, nothing of the body stored")
    {
        QJsonObject outbound = QJsonDocument::fromJson(message(QStringLiteral("B3"), QStringLiteral("B3-m2"))).object();
        outbound.insert(QStringLiteral("direction"), QStringLiteral("outbound"));
        Answer company = f.post(QStringLiteral("/v1/inapp/polizza-app"),
                                message(QStringLiteral("B3"), QStringLiteral("B3-m1")) +
                                    QJsonDocument(outbound).toJson(QJsonDocument::Compact) + '\n',
                                kAppSecret);
        CHECK(company.status == 400);
        CHECK(company.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("outbound")));
    }
    SECTION("an empty body is 400")
    {
        CHECK(f.post(QStringLiteral("/v1/inapp/polizza-app"), {}, kAppSecret).status == 400);
    }
    SECTION("another method is 405")
    {
        CHECK(f.post(QStringLiteral("/v1/inapp/polizza-app"), {}, kAppSecret, "application/x-ndjson", "GET").status ==
              405);
        CHECK(f.post(QStringLiteral("/v1/inapp/polizza-app"), good, kAppSecret, "application/x-ndjson", "PUT").status ==
              405);
    }
    SECTION("another content type is 415")
    {
        CHECK(f.post(QStringLiteral("/v1/inapp/polizza-app"), good, kAppSecret, "text/plain").status == 415);
        CHECK(f.post(QStringLiteral("/v1/inapp/polizza-app"), good, kAppSecret, "application/json; charset=latin1")
                  .status == 415);
    }
    CHECK(f.posts() == 0);
}

TEST_CASE("An app's secret writes its own threads only: another app's thread is 409, another app's name 403",
          "[hub][intake][inapp][apps]")
{
    IntakeFixture f;
    Answer first = f.post(QStringLiteral("/v1/inapp/polizza-app"), message(QStringLiteral("P1"), QStringLiteral("P1-m1")),
                          kAppSecret);
    REQUIRE(first.status == 200);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT app FROM inapp_thread_apps WHERE thread_external_id = 'P1'"))
              .toString() == QLatin1String("polizza-app"));

    // The other app, with its own secret, writing into polizza-app's thread: nothing of the body stored.
    Answer crossed = f.post(QStringLiteral("/v1/inapp/sinistri-app"),
                            message(QStringLiteral("S1"), QStringLiteral("S1-m1"), QStringLiteral("in_app"),
                                    QStringLiteral("app-user-88")) +
                                message(QStringLiteral("P1"), QStringLiteral("S-m2"), QStringLiteral("in_app"),
                                        QStringLiteral("app-user-88")),
                            kOtherAppSecret);
    INFO(crossed.body.toStdString());
    CHECK(crossed.status == 409);
    CHECK(crossed.json().value(QStringLiteral("error")).toString().contains(QLatin1String("belongs to another app")));
    CHECK_FALSE(crossed.body.contains("polizza"));
    CHECK(f.posts() == 1);

    // A record naming another app than the path's: 403, whichever app it names.
    QJsonObject claiming = QJsonDocument::fromJson(message(QStringLiteral("S2"), QStringLiteral("S2-m1"),
                                                           QStringLiteral("in_app"), QStringLiteral("app-user-88")))
                               .object();
    claiming.insert(QStringLiteral("app"), QStringLiteral("polizza-app"));
    Answer claimed = f.post(QStringLiteral("/v1/inapp/sinistri-app"),
                            QJsonDocument(claiming).toJson(QJsonDocument::Compact) + '\n', kOtherAppSecret);
    CHECK(claimed.status == 403);
    CHECK(claimed.json().value(QStringLiteral("error")).toString().contains(QLatin1String("another app")));
    claiming.insert(QStringLiteral("app"), QStringLiteral("nobody-app"));
    CHECK(f.post(QStringLiteral("/v1/inapp/sinistri-app"), QJsonDocument(claiming).toJson(QJsonDocument::Compact) + '\n',
                 kOtherAppSecret)
              .status == 403);
    CHECK(f.posts() == 1);

    // Its own thread, its own name: taken, and the owner goes on writing its thread.
    claiming.insert(QStringLiteral("app"), QStringLiteral("sinistri-app"));
    CHECK(f.post(QStringLiteral("/v1/inapp/sinistri-app"), QJsonDocument(claiming).toJson(QJsonDocument::Compact) + '\n',
                 kOtherAppSecret)
              .status == 200);
    CHECK(f.post(QStringLiteral("/v1/inapp/polizza-app"), message(QStringLiteral("P1"), QStringLiteral("P1-m2")),
                 kAppSecret)
              .status == 200);
    CHECK(f.posts() == 3);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT app FROM inapp_thread_apps WHERE thread_external_id = 'S2'"))
              .toString() == QLatin1String("sinistri-app"));

    // polizza-app's customer in sinistri-app's own new thread: 409, her name untouched, nothing stored.
    Answer renamed = f.post(QStringLiteral("/v1/inapp/sinistri-app"),
                            message(QStringLiteral("S3"), QStringLiteral("S3-m1"), QStringLiteral("in_app"),
                                    QStringLiteral("app-user-77"), QStringLiteral("Someone Else")),
                            kOtherAppSecret);
    INFO(renamed.body.toStdString());
    CHECK(renamed.status == 409);
    CHECK(renamed.json().value(QStringLiteral("error")).toString().contains(QLatin1String("another app")));
    CHECK_FALSE(renamed.body.contains("polizza"));
    CHECK(f.posts() == 3);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT display_name FROM authors WHERE external_id = 'app-user-77'"))
              .toString() == QLatin1String("Lucia Bianchi"));
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT count(*) FROM inapp_thread_apps WHERE thread_external_id = 'S3'"))
              .toInt() == 0);
}

TEST_CASE("A message the cache fails to store is a 500 the app retries, never a refusal", "[hub][intake][inapp][apps]")
{
    IntakeFixture f;
    // A constraint failure of the cache's own (SQLite reports it as a conflict, like a refusal).
    REQUIRE(f.cache.db->connection()
                .exec(QStringLiteral("CREATE TRIGGER refuse_posts BEFORE INSERT ON posts "
                                     "BEGIN SELECT RAISE(ABORT, 'the disk said no'); END"))
                .lastError()
                .type() == QSqlError::NoError);
    Answer failed = f.post(QStringLiteral("/v1/inapp/polizza-app"),
                           message(QStringLiteral("P1"), QStringLiteral("P1-m1")), kAppSecret);
    INFO(failed.body.toStdString());
    CHECK(failed.status == 500);
    CHECK(f.posts() == 0);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT count(*) FROM inapp_thread_apps")).toInt() == 0);
    REQUIRE(f.cache.db->connection().exec(QStringLiteral("DROP TRIGGER refuse_posts")).lastError().type() ==
            QSqlError::NoError);
    CHECK(f.post(QStringLiteral("/v1/inapp/polizza-app"), message(QStringLiteral("P1"), QStringLiteral("P1-m1")),
                 kAppSecret)
              .status == 200);
}

TEST_CASE("The HTTP reader: too large, chunked, no length, malformed, stalled, plain HTTP on the TLS port",
          "[hub][intake][http]")
{
    IntakeFixture f(300);
    const QByteArray good = message(QStringLiteral("C1"), QStringLiteral("C1-m1"));

    SECTION("a body over 16 MiB is 413 as soon as its length is read")
    {
        // Only a few bytes of the announced body are sent: the answer cannot have waited for it.
        RawExchange e = f.raw(head("/v1/inapp/polizza-app", 16 * 1024 * 1024 + 1) + good);
        CHECK(e.status() == 413);
        CHECK(e.closed);
    }
    SECTION("a head over 64 KiB is 431")
    {
        RawExchange e = f.raw(
            "POST /v1/inapp/polizza-app HTTP/1.1\r\nHost: x\r\nX-Padding: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n");
        CHECK(e.status() == 431);
    }
    SECTION("chunked transfer is 501, a body without its length 411")
    {
        CHECK(f.raw(head("/v1/inapp/polizza-app", good.size())
                        .replace("Content-Length", "Transfer-Encoding")
                        .replace(QByteArray::number(good.size()), "chunked"))
                  .status() == 501);
        QByteArray noLength = head("/v1/inapp/polizza-app", 0);
        noLength.replace("Content-Length: 0\r\n", "");
        CHECK(f.raw(noLength + good).status() == 411);
    }
    SECTION("malformed requests are 400")
    {
        CHECK(f.raw("POST /v1/inapp/polizza-app\r\nHost: x\r\n\r\n").status() == 400);
        CHECK(f.raw("POST /v1/inapp/polizza-app HTTP/1.1\r\nHost: x\r\n folded: value\r\n\r\n").status() == 400);
        CHECK(f.raw("POST /v1/inapp/polizza-app HTTP/1.1\r\nHost : x\r\n\r\n").status() == 400);
        CHECK(f.raw(head("/v1/inapp/polizza-app", good.size(), kAppSecret,
                         "Content-Length: " + QByteArray::number(good.size()) + "\r\n") +
                    good)
                  .status() == 400);
        CHECK(f.raw(head("/v1/inapp/polizza-app", good.size()).replace("\r\nHost", "\nHost") + good).status() == 400);
        CHECK(f.raw("POST /v1/inapp/polizza-app HTTP/2.0\r\nHost: x\r\n\r\n").status() == 505);
    }
    SECTION("a client that stalls is answered 408 and disconnected")
    {
        // The head never ends; then, in another connection, the body never comes.
        RawExchange head1 = f.raw("POST /v1/inapp/polizza-app HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        CHECK(head1.status() == 408);
        CHECK(head1.closed);
        RawExchange body = f.raw(head("/v1/inapp/polizza-app", good.size() * 2) + good);
        CHECK(body.status() == 408);
        CHECK(body.closed);
    }
    SECTION("a client that never starts its TLS handshake is disconnected")
    {
        RawExchange e = f.raw(QByteArray(), false);
        CHECK(e.closed);
        CHECK(e.received.isEmpty());
    }
    SECTION("plain HTTP on the TLS port gets no HTTP answer")
    {
        RawExchange e = f.raw(head("/v1/inapp/polizza-app", good.size()) + good, false);
        CHECK(e.closed);
        CHECK_FALSE(e.received.startsWith("HTTP/"));
    }
    SECTION("a complete raw request is served, with Expect: 100-continue")
    {
        RawExchange e =
            f.raw(head("/v1/inapp/polizza-app", good.size(), kAppSecret, "Expect: 100-continue\r\n") + good);
        CHECK(e.received.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"));
        CHECK(e.closed);
        CHECK(f.posts() == 1);
        return;
    }
    CHECK(f.posts() == 0);
}

TEST_CASE("Connections over the limit are answered 503 at once", "[hub][intake][http]")
{
    IntakeFixture f(10'000, 1);
    // One client holds the only place, sending nothing.
    QSslSocket idle;
    idle.setSslConfiguration(f.trusting());
    QSignalSpy encrypted(&idle, &QSslSocket::encrypted);
    idle.connectToHostEncrypted(QStringLiteral("127.0.0.1"), f.intake->port());
    REQUIRE(encrypted.wait(30'000));
    REQUIRE(QTest::qWaitFor([&] { return f.intake->connectionCount() == 1; }, 30'000));

    RawExchange refused = f.raw(head("/v1/inapp/polizza-app", 0));
    CHECK(refused.status() == 503);
    CHECK(refused.received.contains("Retry-After: 5\r\n"));
    CHECK(refused.closed);

    // Once it leaves, the place is free again.
    QSignalSpy gone(&idle, &QSslSocket::disconnected);
    idle.disconnectFromHost();
    if (idle.state() != QAbstractSocket::UnconnectedState)
        REQUIRE(gone.wait(30'000));
    REQUIRE(QTest::qWaitFor([&] { return f.intake->connectionCount() == 0; }, 30'000));
    const QByteArray good = message(QStringLiteral("D1"), QStringLiteral("D1-m1"));
    CHECK(f.raw(head("/v1/inapp/polizza-app", good.size()) + good).status() == 200);
    CHECK(f.posts() == 1);
}

TEST_CASE("Without a certificate the intake listens on loopback only", "[hub][intake]")
{
    TempCache cache;
    ManualClock clock{utcMs("2024-01-16T10:00:00Z")};
    IntakeOptions options;
    options.address = QHostAddress::AnyIPv4;
    HubIntake refused(*cache.db, clock, options);
    const Status listening = refused.listen();
    CHECK(listening.errorKind() == ErrorKind::InvalidInput);
    CHECK(refused.port() == 0);

    options.address = QHostAddress::LocalHost;
    options.certificateFile = QStringLiteral("/nonexistent/cert.pem"); // without its key
    CHECK(HubIntake(*cache.db, clock, options).listen().errorKind() == ErrorKind::InvalidInput);

    options.certificateFile.clear();
    options.appSecrets.insert(QStringLiteral("app"), "secret");
    HubIntake plain(*cache.db, clock, options);
    REQUIRE(plain.listen().ok());
    CHECK_FALSE(plain.isTls());
    CHECK(plain.port() != 0);
    options.appSecrets.insert(QStringLiteral("bad/name"), "secret");
    CHECK(HubIntake(*cache.db, clock, options).listen().errorKind() == ErrorKind::InvalidInput);
}

namespace {

// A delivered hand-off in the intake's cache, as the hub's dispatcher leaves it.
QString deliveredHandoff(IntakeFixture &f, const QString &thread, QTemporaryDir &folder)
{
    accounts::MemoryTokenStore tokens;
    OutboxDispatcher dispatcher(*f.cache.db, &f.nam, tokens, f.clock);
    dispatcher.setAutoSchedule(false);
    REQUIRE(setHandoffFolder(*f.cache.db, folder.path()).ok());
    PostRecord p = inboundPost(thread, thread + QStringLiteral("-P1"), f.clock.nowMs() - 3'600'000,
                               QStringLiteral("Reclamo: il sinistro 2023/SX/04512 e' fermo da mesi"));
    ingest(*f.cache.db, {p});
    TriageService triage(*f.cache.db, f.clock, Agent{QStringLiteral("agent-7"), QStringLiteral("Giulia Rossi")});
    DecisionRequest request;
    request.threadId =
        scalar(*f.cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(thread)).toLongLong();
    request.kind = DecisionKind::Forward;
    request.text = QStringLiteral("Da richiamare");
    request.category = Category::Complaint;
    auto outcome = triage.decide(request);
    REQUIRE(outcome.ok());
    QSignalSpy drained(&dispatcher, &OutboxDispatcher::drained);
    dispatcher.drain();
    if (drained.isEmpty())
        REQUIRE(drained.wait(10'000));
    REQUIRE(drained.takeFirst().at(0).value<DrainSummary>().delivered == 1);
    return outcome->caseReference;
}

QByteArray statusJson(const char *status, const QString &answer = {})
{
    QJsonObject o{{QStringLiteral("status"), QLatin1String(status)},
                  {QStringLiteral("by"), QStringLiteral("Ufficio reclami")}};
    if (!answer.isEmpty())
        o.insert(QStringLiteral("answer"), answer);
    return QJsonDocument(o).toJson();
}

} // namespace

TEST_CASE("Care's status callback moves a hand-off and makes its draft like a status file", "[hub][intake][handoff]")
{
    IntakeFixture f;
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString reference = deliveredHandoff(f, QStringLiteral("H1"), folder);
    const QString path = QStringLiteral("/v1/handoff/%1/status").arg(reference);
    const auto audited = [&] {
        return scalar(*f.cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'handoff_update'"))
            .toInt();
    };

    CHECK(f.post(path, statusJson("received"), kAppSecret, "application/json").status == 401);
    CHECK(audited() == 0);

    Answer received = f.post(path, statusJson("received"), kCareSecret, "application/json");
    INFO(received.body.toStdString());
    REQUIRE(received.status == 200);
    CHECK(received.json().value(QStringLiteral("status")).toString() == QStringLiteral("received"));
    CHECK(received.json().value(QStringLiteral("changed")).toBool());

    const QString answer = QStringLiteral("Gentile cliente, il sinistro e' stato liquidato oggi.");
    Answer resolved = f.post(path, statusJson("resolved", answer), kCareSecret, "application/json");
    REQUIRE(resolved.status == 200);
    CHECK(resolved.json().value(QStringLiteral("before")).toString() == QStringLiteral("received"));
    CHECK(resolved.json().value(QStringLiteral("draft")).toString() == QStringLiteral("created"));
    auto status = HandoffLoop(*f.cache.db, f.clock).status(reference);
    REQUIRE(status.ok());
    REQUIRE(status->has_value());
    CHECK((*status)->state == HandoffState::Resolved);
    CHECK((*status)->source == HandoffSource::Endpoint);
    CHECK((*status)->reportedBy == QStringLiteral("Ufficio reclami"));
    auto draft = DraftStore(*f.cache.db).load((*status)->threadId);
    REQUIRE(draft.ok());
    REQUIRE(draft->has_value());
    CHECK((*draft)->text == answer);
    CHECK(audited() == 2);

    // The same report again changes nothing; a report that goes backwards is a conflict.
    Answer repeat = f.post(path, statusJson("resolved", answer), kCareSecret, "application/json");
    CHECK(repeat.status == 200);
    CHECK_FALSE(repeat.json().value(QStringLiteral("changed")).toBool());
    CHECK(f.post(path, statusJson("received"), kCareSecret, "application/json").status == 409);
    CHECK(audited() == 2);

    // What the status file refuses, the callback refuses.
    CHECK(f.post(path, statusJson("done"), kCareSecret, "application/json").status == 400);
    CHECK(f.post(path, "{\"status\": ", kCareSecret, "application/json").status == 400);
    QJsonObject otherCase{{QStringLiteral("status"), QStringLiteral("received")},
                          {QStringLiteral("case_reference"), QStringLiteral("SPT-20240101-AAAAAA")}};
    CHECK(f.post(path, QJsonDocument(otherCase).toJson(), kCareSecret, "application/json").status == 400);
    CHECK(f.post(path, statusJson("received"), kCareSecret, "application/x-ndjson").status == 415);
    CHECK(f.post(QStringLiteral("/v1/handoff/SPT-20240101-ZZZZZZ/status"), statusJson("received"), kCareSecret,
                 "application/json")
              .status == 404);
    CHECK(audited() == 2);
}
