// The hub's intake in a team, against a real PostgreSQL 15 (PgServer): an in-app message posted
// to the hub goes up with the hub's next round, reaches a desktop through the feed, and the
// agent's reply decided there comes back down and is delivered by the hub to the app backend
// (docs/hub.md, "Intake"; docs/handoff.md, "In-app replies"). Also `sportello-cli hub`'s intake
// options.
#include "catch_compat.h"

#include "CliProcess.h"
#include "LocalHttpServer.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "outbox/InAppReplies.h"
#include "outbox/Outbox.h"
#include "storage/Sql.h"
#include "team/Hub.h"
#include "team/HubIntake.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamReplica.h"
#include "team/TeamSchema.h"
#include "triage/TriageService.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace sportello;
using namespace sportello::team;
using namespace sportello::test;

namespace {

const QString kHubPassword = QStringLiteral("hub-password-0123456789");
const QString kMartaPassword = QStringLiteral("marta-password-1");
const QByteArray kAppSecret = "app-secret-abcdefghijklmnop";

struct Team {
    std::unique_ptr<PgServer> server;
    TeamUrl url;
    std::unique_ptr<TeamConnection> admin;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        auto parsed = TeamUrl::parse(server->url(QStringLiteral("team")));
        REQUIRE(parsed.ok());
        url = *parsed;
        auto opened = TeamConnection::open(url, server->superuserPassword());
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        admin = std::move(opened).value();
        REQUIRE(initTeamSchema(admin->db()).ok());
        REQUIRE(addAgent(admin->db(), TeamAgent{QStringLiteral("hub1"), QStringLiteral("Hub"), AgentRole::Hub},
                         kHubPassword, 1)
                    .ok());
        REQUIRE(addAgent(admin->db(),
                         TeamAgent{QStringLiteral("marta"), QStringLiteral("Marta Rossi"), AgentRole::Agent},
                         kMartaPassword, 1)
                    .ok());
    }

    QVariant value(const QString &statement) const
    {
        QSqlQuery q(admin->db());
        INFO(statement.toStdString());
        REQUIRE(q.exec(statement));
        REQUIRE(q.next());
        return q.value(0);
    }
};

QByteArray message(const QString &thread = QStringLiteral("conv-4411"),
                   const QString &post = QStringLiteral("msg-4411-1"),
                   const QString &author = QStringLiteral("app-user-77"))
{
    const QJsonObject record{
        {QStringLiteral("channel"), QStringLiteral("in_app")},
        {QStringLiteral("thread_id"), thread},
        {QStringLiteral("post_id"), post},
        {QStringLiteral("author"),
         QJsonObject{{QStringLiteral("id"), author}, {QStringLiteral("name"), QStringLiteral("Lucia Bianchi")}}},
        {QStringLiteral("direction"), QStringLiteral("inbound")},
        {QStringLiteral("visibility"), QStringLiteral("private")},
        {QStringLiteral("created_at"), QStringLiteral("2026-12-01T09:00:00Z")},
        {QStringLiteral("text"), QStringLiteral("Non riesco ad aprire la denuncia sinistro nell'app")}};
    return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
}

// POSTs a body to the intake on loopback; the HTTP status.
int postToIntake(QNetworkAccessManager &nam, const HubIntake &intake, const QString &app, const QByteArray &secret,
                 const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/inapp/%2").arg(intake.port()).arg(app)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-ndjson"));
    request.setRawHeader("Authorization", "Bearer " + secret);
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    REQUIRE(finished.wait(30'000));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

HubRoundReport round(Hub &hub)
{
    QSignalSpy rounds(&hub, &Hub::roundFinished);
    REQUIRE(hub.runOnce());
    REQUIRE(rounds.wait(30'000));
    const HubRoundReport report = rounds.takeFirst().at(0).value<HubRoundReport>();
    INFO(report.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(report.ok());
    return report;
}

} // namespace

TEST_CASE("An in-app message posted to the hub reaches the team, and the desktop's reply goes back to the app backend",
          "[team][hub][intake]")
{
    Team team;
    SystemClock clock;
    QNetworkAccessManager nam;
    accounts::MemoryTokenStore tokens;

    // The hub: its cache joined as the hub login, its replica's pull, and the intake on loopback.
    TempCache hubCache;
    REQUIRE(
        TeamReplica::join(*hubCache.db, team.url, QStringLiteral("hub1"), QString(), kHubPassword, clock.nowMs()).ok());
    REQUIRE(tokens.write(passwordKey(team.url.withUser(QStringLiteral("hub1"))), kHubPassword).ok());
    TeamReplica hubReplica(*hubCache.db, clock, &tokens);
    auto connection = TeamConnection::open(team.url.withUser(QStringLiteral("hub1")), kHubPassword);
    REQUIRE(connection.ok());
    auto hubId = hubIdentity(*hubCache.db);
    REQUIRE(hubId.ok());
    Hub hub(*hubCache.db, (*connection)->db(), *hubId, &nam, tokens, clock);
    hub.setPull([&hubReplica]() -> Status {
        auto pulled = hubReplica.pull();
        return pulled ? Status{} : Status(pulled.failure());
    });
    IntakeOptions options;
    options.appSecrets.insert(QStringLiteral("polizza-app"), kAppSecret);
    HubIntake intake(*hubCache.db, clock, options);
    REQUIRE(intake.listen().ok());

    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/inapp/polizza-app").arg(intake.port())));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-ndjson"));
    request.setRawHeader("Authorization", "Bearer " + kAppSecret);
    QNetworkReply *reply = nam.post(request, message());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    REQUIRE(finished.wait(30'000));
    REQUIRE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200);
    reply->deleteLater();

    // The next round uploads it, on the in-app channel, private.
    HubRoundReport first = round(hub);
    CHECK(first.posts.inserted == 1);
    CHECK(team.value(QStringLiteral("SELECT channel || '/' || visibility FROM sportello.posts WHERE external_id = "
                                    "'msg-4411-1'"))
              .toString() == QStringLiteral("in_app/private"));

    // A desktop sees it, and its agent answers privately.
    TempCache desk;
    REQUIRE(
        TeamReplica::join(*desk.db, team.url, QStringLiteral("marta"), QString(), kMartaPassword, clock.nowMs()).ok());
    accounts::MemoryTokenStore keychain;
    REQUIRE(keychain.write(passwordKey(team.url.withUser(QStringLiteral("marta"))), kMartaPassword).ok());
    TeamReplica deskReplica(*desk.db, clock, &keychain);
    auto synced = deskReplica.syncOnce();
    REQUIRE(synced.ok());
    const qint64 thread =
        scalar(*desk.db,
               QStringLiteral("SELECT id FROM threads WHERE channel = 'in_app' AND external_id = 'conv-4411'"))
            .toLongLong();
    REQUIRE(thread > 0);
    TriageService triage(*desk.db, clock, Agent{QStringLiteral("marta"), QStringLiteral("Marta Rossi")});
    DecisionRequest decision;
    decision.threadId = thread;
    decision.kind = DecisionKind::ReplyPrivate;
    decision.text = QStringLiteral("Gentile Lucia, provi ad aggiornare l'app: la denuncia ora si apre.");
    auto decided = triage.decide(decision);
    INFO(decided.error().toStdString());
    REQUIRE(decided.ok());
    auto pushed = deskReplica.syncOnce();
    REQUIRE(pushed.ok());
    INFO(pushed->errors.join(QLatin1Char('\n')).toStdString());
    REQUIRE(pushed->ok());

    // The hub pulls the entry and delivers it into the app backend's folder, once.
    QTemporaryDir replies;
    REQUIRE(replies.isValid());
    REQUIRE(outbox::setInAppReplyFolder(*hubCache.db, replies.path()).ok());
    SECTION("delivered at the next round") {}
    SECTION("left sending by a hub that died, it is taken up again: its Idempotency-Key makes a repeat harmless")
    {
        // Like a hand-off, an in-app reply needs no account's lease: a claim older than a lease is stale.
        QSqlQuery dead(team.admin->db());
        REQUIRE(dead.exec(QStringLiteral("UPDATE sportello.outbox SET state = 'sending', lease_owner = 'hub-dead', "
                                         "attempts = 1, updated_at = 0 WHERE id = '%1'")
                              .arg(decided->outboxId)));
        REQUIRE(dead.numRowsAffected() == 1);
    }
    HubRoundReport second = round(hub);
    CHECK(second.drain.delivered == 1);
    CHECK(team.value(QStringLiteral("SELECT state FROM sportello.outbox WHERE id = '%1'").arg(decided->outboxId))
              .toString() == QStringLiteral("delivered"));
    const QStringList packets = QDir(replies.path()).entryList({QStringLiteral("*.json")}, QDir::Files);
    REQUIRE(packets.size() == 1);
    QFile packet(QDir(replies.path()).filePath(packets.first()));
    REQUIRE(packet.open(QIODevice::ReadOnly));
    CHECK(packet.readAll().contains("provi ad aggiornare"));
    CHECK(round(hub).drain.delivered == 0);
    CHECK(QDir(replies.path()).entryList({QStringLiteral("*.json")}, QDir::Files).size() == 1);
}

TEST_CASE("In a team, each app writes its own threads and the hub sends each app's replies to its own destination",
          "[team][hub][intake][apps]")
{
    Team team;
    SystemClock clock;
    QNetworkAccessManager nam;
    accounts::MemoryTokenStore tokens;
    const QByteArray otherSecret = "sinistri-secret-0123456789abc";

    TempCache hubCache;
    REQUIRE(
        TeamReplica::join(*hubCache.db, team.url, QStringLiteral("hub1"), QString(), kHubPassword, clock.nowMs()).ok());
    REQUIRE(tokens.write(passwordKey(team.url.withUser(QStringLiteral("hub1"))), kHubPassword).ok());
    TeamReplica hubReplica(*hubCache.db, clock, &tokens);
    auto connection = TeamConnection::open(team.url.withUser(QStringLiteral("hub1")), kHubPassword);
    REQUIRE(connection.ok());
    auto hubId = hubIdentity(*hubCache.db);
    REQUIRE(hubId.ok());
    Hub hub(*hubCache.db, (*connection)->db(), *hubId, &nam, tokens, clock);
    hub.setPull([&hubReplica]() -> Status {
        auto pulled = hubReplica.pull();
        return pulled ? Status{} : Status(pulled.failure());
    });
    IntakeOptions options;
    options.appSecrets.insert(QStringLiteral("polizza-app"), kAppSecret);
    options.appSecrets.insert(QStringLiteral("sinistri-app"), otherSecret);
    HubIntake intake(*hubCache.db, clock, options);
    REQUIRE(intake.listen().ok());

    REQUIRE(postToIntake(nam, intake, QStringLiteral("polizza-app"), kAppSecret,
                         message(QStringLiteral("conv-p"), QStringLiteral("msg-p-1"))) == 200);
    REQUIRE(postToIntake(nam, intake, QStringLiteral("sinistri-app"), otherSecret,
                         message(QStringLiteral("conv-s"), QStringLiteral("msg-s-1"), QStringLiteral("app-user-88"))) ==
            200);
    // sinistri-app's secret does not open polizza-app's conversation, nor reach polizza-app's customer.
    CHECK(postToIntake(nam, intake, QStringLiteral("sinistri-app"), otherSecret,
                       message(QStringLiteral("conv-p"), QStringLiteral("msg-s-2"), QStringLiteral("app-user-88"))) ==
          409);
    CHECK(postToIntake(nam, intake, QStringLiteral("sinistri-app"), otherSecret,
                       message(QStringLiteral("conv-s"), QStringLiteral("msg-s-3"))) == 409);
    CHECK(round(hub).posts.inserted == 2);
    CHECK(team.value(QStringLiteral("SELECT count(*) FROM sportello.posts WHERE external_id = 'msg-s-2'")).toInt() == 0);

    // A desktop answers both conversations.
    TempCache desk;
    REQUIRE(
        TeamReplica::join(*desk.db, team.url, QStringLiteral("marta"), QString(), kMartaPassword, clock.nowMs()).ok());
    accounts::MemoryTokenStore keychain;
    REQUIRE(keychain.write(passwordKey(team.url.withUser(QStringLiteral("marta"))), kMartaPassword).ok());
    TeamReplica deskReplica(*desk.db, clock, &keychain);
    REQUIRE(deskReplica.syncOnce().ok());
    TriageService triage(*desk.db, clock, Agent{QStringLiteral("marta"), QStringLiteral("Marta Rossi")});
    for (const char *thread : {"conv-p", "conv-s"}) {
        DecisionRequest decision;
        decision.threadId = scalar(*desk.db, QStringLiteral("SELECT id FROM threads WHERE channel = 'in_app' AND "
                                                            "external_id = '%1'")
                                                 .arg(QLatin1String(thread)))
                                .toLongLong();
        REQUIRE(decision.threadId > 0);
        decision.kind = DecisionKind::ReplyPrivate;
        decision.text = QStringLiteral("Risposta a ") + QLatin1String(thread);
        REQUIRE(triage.decide(decision).ok());
    }
    auto pushed = deskReplica.syncOnce();
    REQUIRE(pushed.ok());
    REQUIRE(pushed->ok());

    // On the hub's cache: polizza-app has its own webhook, sinistri-app uses the default folder.
    LocalHttpServer backend;
    REQUIRE(backend.listening());
    backend.enqueue(QStringLiteral("/polizza"), CannedResponse::json(202, R"({"ok":true})"));
    QTemporaryDir fallback;
    REQUIRE(fallback.isValid());
    REQUIRE(outbox::setInAppReplyFolder(*hubCache.db, fallback.path()).ok());
    REQUIRE(outbox::setInAppReplyRoute(*hubCache.db, QStringLiteral("polizza-app"),
                                       backend.url(QStringLiteral("/polizza")).toString(), QString())
                .ok());
    CHECK(round(hub).drain.delivered == 2);
    REQUIRE(backend.requestCount(QStringLiteral("/polizza")) == 1);
    const QJsonObject toPolizza = QJsonDocument::fromJson(backend.requests().at(0).body).object();
    CHECK(toPolizza.value(QStringLiteral("thread_id")).toString() == QLatin1String("conv-p"));
    CHECK(toPolizza.value(QStringLiteral("app")).toString() == QLatin1String("polizza-app"));
    const QStringList packets = QDir(fallback.path()).entryList({QStringLiteral("*.json")}, QDir::Files);
    REQUIRE(packets.size() == 1);
    QFile packet(QDir(fallback.path()).filePath(packets.first()));
    REQUIRE(packet.open(QIODevice::ReadOnly));
    const QJsonObject toSinistri = QJsonDocument::fromJson(packet.readAll()).object();
    CHECK(toSinistri.value(QStringLiteral("thread_id")).toString() == QLatin1String("conv-s"));
    CHECK(toSinistri.value(QStringLiteral("app")).toString() == QLatin1String("sinistri-app"));
}

TEST_CASE("sportello-cli hub checks its intake options before anything else", "[hub][intake][cli]")
{
    TempCache cache;
    cache.db.reset();
    const auto run = [&](const QStringList &arguments) {
        return runCli(QStringList{QStringLiteral("--database"), cache.path, QStringLiteral("hub")} + arguments, {},
                      {{QStringLiteral("SPORTELLO_UNSET_SECRET_VAR"), QString()}});
    };
    CliRun noListen = run({QStringLiteral("--intake-app"), QStringLiteral("polizza-app=APP_SECRET")});
    CHECK(noListen.exitCode == 2);
    CHECK(noListen.err.contains(QStringLiteral("--intake-listen")));
    CliRun badAddress = run({QStringLiteral("--intake-listen"), QStringLiteral("somewhere"),
                             QStringLiteral("--intake-app"), QStringLiteral("polizza-app=APP_SECRET")});
    CHECK(badAddress.exitCode == 2);
    CliRun badApp = run({QStringLiteral("--intake-listen"), QStringLiteral("127.0.0.1:8443"),
                         QStringLiteral("--intake-app"), QStringLiteral("polizza app")});
    CHECK(badApp.exitCode == 2);
    CliRun unset = run({QStringLiteral("--intake-listen"), QStringLiteral("127.0.0.1:8443"),
                        QStringLiteral("--intake-app"), QStringLiteral("polizza-app=SPORTELLO_UNSET_SECRET_VAR")});
    CHECK(unset.exitCode == 2);
    CHECK(unset.err.contains(QStringLiteral("SPORTELLO_UNSET_SECRET_VAR")));
    CliRun nobody = run({QStringLiteral("--intake-listen"), QStringLiteral("127.0.0.1:8443")});
    CHECK(nobody.exitCode == 2);
    // Plain HTTP off loopback is refused before the team is joined.
    CliRun plain = run({QStringLiteral("--intake-listen"), QStringLiteral("0.0.0.0:8443"),
                        QStringLiteral("--care-secret-env"), QStringLiteral("PATH")});
    CHECK(plain.exitCode == 2);
    CHECK(plain.err.contains(QStringLiteral("TLS")));
    CliRun halfTls =
        run({QStringLiteral("--intake-listen"), QStringLiteral("[::1]:8443"), QStringLiteral("--intake-cert"),
             QStringLiteral("/etc/sportello/intake.crt"), QStringLiteral("--care-secret-env"), QStringLiteral("PATH")});
    CHECK(halfTls.exitCode == 2);
    CHECK(halfTls.err.contains(QStringLiteral("--intake-key")));
}

TEST_CASE("sportello-cli hub --intake-listen serves the intake, and what it stores goes up with the next round",
          "[team][hub][intake][cli]")
{
    Team team;
    TempCache cache;
    cache.db.reset();
    quint16 port = 0;
    {
        // A port free now; the hub takes it a moment later.
        QTcpServer probe;
        REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("SPORTELLO_TEST_HUB_PASSWORD"), kHubPassword);
    environment.insert(QStringLiteral("SPORTELLO_TEST_APP_SECRET"), QString::fromLatin1(kAppSecret));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH),
                  {QStringLiteral("--database"), cache.path, QStringLiteral("hub"), QStringLiteral("--interval"),
                   QStringLiteral("1"), QStringLiteral("--team-url"), team.url.toString(), QStringLiteral("--login"),
                   QStringLiteral("hub1"), QStringLiteral("--password-env"),
                   QStringLiteral("SPORTELLO_TEST_HUB_PASSWORD"), QStringLiteral("--intake-listen"),
                   QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--intake-app"),
                   QStringLiteral("polizza-app=SPORTELLO_TEST_APP_SECRET")});
    REQUIRE(process.waitForStarted(30'000));
    QByteArray output;
    REQUIRE(QTest::qWaitFor(
        [&] {
            output += process.readAllStandardOutput();
            return output.contains("Intake listening") || process.state() == QProcess::NotRunning;
        },
        30'000));
    INFO(QString::fromUtf8(output + process.readAllStandardError()).toStdString());
    REQUIRE(process.state() == QProcess::Running);
    CHECK(output.contains(QStringLiteral("http://127.0.0.1:%1 for the apps polizza-app").arg(port).toUtf8()));

    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/inapp/polizza-app").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-ndjson"));
    request.setRawHeader("Authorization", "Bearer " + kAppSecret);
    QNetworkReply *reply = nam.post(request, message());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    REQUIRE(finished.wait(30'000));
    CHECK(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200);
    reply->deleteLater();
    CHECK(QTest::qWaitFor(
        [&] { return team.value(QStringLiteral("SELECT count(*) FROM sportello.posts")).toInt() == 1; }, 30'000));

    process.terminate(); // SIGTERM
    REQUIRE(process.waitForFinished(30'000));
    CHECK(process.exitStatus() == QProcess::NormalExit);
    CHECK(process.exitCode() == 0);
}
