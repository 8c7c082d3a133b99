// In-app messages on a desktop alone: the inbox folder the app backend fills (every kind of bad
// file set aside with its reason, nothing lost, nothing stored twice), replies delivered back to
// the backend's webhook or folder through the outbox, and sportello-cli inapp.
#include "catch_compat.h"

#include "CliProcess.h"
#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "fileimport/InAppInbox.h"
#include "outbox/InAppReplies.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "triage/TriageService.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace sportello;
using namespace sportello::outbox;
using namespace sportello::test;

namespace {

QByteArray message(const QString &thread, const QString &post, const QString &channel = QStringLiteral("in_app"),
                   const QString &text = QStringLiteral("Non riesco ad aprire la denuncia sinistro nell'app"))
{
    QJsonObject record{
        {QStringLiteral("channel"), channel},
        {QStringLiteral("thread_id"), thread},
        {QStringLiteral("post_id"), post},
        {QStringLiteral("author"), QJsonObject{{QStringLiteral("id"), QStringLiteral("app-user-77")},
                                               {QStringLiteral("handle"), QStringLiteral("user77")},
                                               {QStringLiteral("name"), QStringLiteral("Lucia Bianchi")}}},
        {QStringLiteral("direction"), QStringLiteral("inbound")},
        {QStringLiteral("visibility"), QStringLiteral("private")},
        {QStringLiteral("created_at"), QStringLiteral("2026-12-01T09:00:00Z")},
        {QStringLiteral("text"), text}};
    return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(bytes) == bytes.size());
}

int posts(Database &db) { return scalar(db, QStringLiteral("SELECT count(*) FROM posts")).toInt(); }

} // namespace

TEST_CASE("the in-app inbox stores finished files and sets every bad one aside with its reason", "[inapp]")
{
    TempCache cache;
    QTemporaryDir inbox;
    REQUIRE(inbox.isValid());
    const QDir dir(inbox.path());
    write(dir.filePath(QStringLiteral("001-good.jsonl")),
          message(QStringLiteral("app-t1"), QStringLiteral("app-m1")) +
              message(QStringLiteral("app-t1"), QStringLiteral("app-m2")));
    // Another channel's record: the whole file is refused (nothing of it stored).
    write(dir.filePath(QStringLiteral("002-other-channel.jsonl")),
          message(QStringLiteral("app-t2"), QStringLiteral("app-m3")) +
              message(QStringLiteral("x-t"), QStringLiteral("x-p"), QStringLiteral("x")));
    // Broken JSON, a record without its text, an empty file.
    write(dir.filePath(QStringLiteral("003-broken.jsonl")),
          message(QStringLiteral("app-t3"), QStringLiteral("app-m4")).left(40));
    QJsonObject noText = QJsonDocument::fromJson(message(QStringLiteral("app-t4"), QStringLiteral("app-m5"))).object();
    noText.remove(QStringLiteral("text"));
    write(dir.filePath(QStringLiteral("004-no-text.jsonl")), QJsonDocument(noText).toJson(QJsonDocument::Compact));
    // Still being written (not yet renamed), and not a message file at all: left alone.
    write(dir.filePath(QStringLiteral("005-partial.jsonl.part")),
          message(QStringLiteral("app-t5"), QStringLiteral("app-m6")));
    write(dir.filePath(QStringLiteral("notes.txt")), "hello");
    // Too large for the inbox.
    write(dir.filePath(QStringLiteral("006-huge.jsonl")), QByteArray(kInAppInboxMaxFileBytes + 1, ' '));
    // A company post among the customer's: the company's replies come from Sportello only.
    QJsonObject outbound =
        QJsonDocument::fromJson(message(QStringLiteral("app-t7"), QStringLiteral("app-m8"))).object();
    outbound.insert(QStringLiteral("direction"), QStringLiteral("outbound"));
    write(dir.filePath(QStringLiteral("007-outbound.jsonl")),
          message(QStringLiteral("app-t7"), QStringLiteral("app-m7")) +
              QJsonDocument(outbound).toJson(QJsonDocument::Compact) + '\n');

    REQUIRE(setInAppInboxFolder(*cache.db, inbox.path()).ok());
    auto scan = scanInAppInbox(*cache.db);
    REQUIRE(scan.ok());
    CHECK(scan->postsAdded == 2);
    CHECK(scan->rejected == 5);
    CHECK(posts(*cache.db) == 2);
    CHECK(QFile::exists(dir.filePath(QStringLiteral("processed/001-good.jsonl"))));
    for (const char *name :
         {"002-other-channel.jsonl", "003-broken.jsonl", "004-no-text.jsonl", "006-huge.jsonl", "007-outbound.jsonl"}) {
        INFO(name);
        const QString rejected = dir.filePath(QStringLiteral("rejected/") + QLatin1String(name));
        CHECK(QFile::exists(rejected));                                        // nothing lost
        CHECK(fileBytes(rejected + QStringLiteral(".error.txt")).size() > 10); // the reason beside it
        CHECK_FALSE(QFile::exists(dir.filePath(QLatin1String(name))));
    }
    CHECK(QString::fromUtf8(fileBytes(dir.filePath(QStringLiteral("rejected/002-other-channel.jsonl.error.txt"))))
              .contains(QLatin1String("in_app")));
    CHECK(QString::fromUtf8(fileBytes(dir.filePath(QStringLiteral("rejected/007-outbound.jsonl.error.txt"))))
              .contains(QLatin1String("outbound")));
    CHECK(QFile::exists(dir.filePath(QStringLiteral("005-partial.jsonl.part"))));
    CHECK(QFile::exists(dir.filePath(QStringLiteral("notes.txt"))));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM posts WHERE channel = 'in_app'")).toInt() == 2);

    // The same messages dropped again, under the same name: stored once, the file kept aside under a new name.
    write(dir.filePath(QStringLiteral("001-good.jsonl")), message(QStringLiteral("app-t1"), QStringLiteral("app-m1")));
    scan = scanInAppInbox(*cache.db);
    REQUIRE(scan.ok());
    CHECK(scan->postsAdded == 0);
    CHECK(posts(*cache.db) == 2);
    CHECK(QDir(dir.filePath(QStringLiteral("processed"))).entryList(QDir::Files).size() == 2);

    // Nothing left: a scan does nothing; no folder set: nothing to do either.
    scan = scanInAppInbox(*cache.db);
    REQUIRE(scan.ok());
    CHECK(scan->files.isEmpty());
    REQUIRE(setInAppInboxFolder(*cache.db, QString()).ok());
    CHECK(scanInAppInbox(*cache.db)->files.isEmpty());
    // A folder that is not one is refused when set, and reported when it went away.
    CHECK(setInAppInboxFolder(*cache.db, QStringLiteral("relative/path")).errorKind() == ErrorKind::InvalidInput);
    CHECK(scanInAppInbox(*cache.db, dir.filePath(QStringLiteral("gone"))).errorKind() == ErrorKind::NotFound);
}

namespace {

struct InAppFixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{utcMs("2026-12-01T10:00:00Z")};
    TempCache cache;
    accounts::MemoryTokenStore tokens;
    OutboxDispatcher dispatcher{*cache.db, &nam, tokens, clock};
    QTemporaryDir inbox;

    InAppFixture()
    {
        REQUIRE(server.listening());
        dispatcher.setAutoSchedule(false);
        dispatcher.setRandomSource([] { return 0.5; });
        dispatcher.setTimeoutMs(3000);
        write(QDir(inbox.path()).filePath(QStringLiteral("m.jsonl")),
              message(QStringLiteral("app-t1"), QStringLiteral("app-m1")));
        REQUIRE(scanInAppInbox(*cache.db, inbox.path())->postsAdded == 1);
    }

    QString reply(const QString &text = QStringLiteral("Gentile Lucia, le abbiamo riattivato l'accesso."))
    {
        TriageService triage(*cache.db, clock, Agent{QStringLiteral("a1"), QStringLiteral("Giulia Rossi")});
        DecisionRequest request;
        request.threadId =
            scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'app-t1'")).toLongLong();
        request.kind = DecisionKind::ReplyPrivate;
        request.text = text;
        auto outcome = triage.decide(request);
        INFO(outcome.error().toStdString());
        REQUIRE(outcome.ok());
        return outcome->outboxId;
    }

    DrainSummary drain()
    {
        QSignalSpy spy(&dispatcher, &OutboxDispatcher::drained);
        dispatcher.drain();
        if (spy.isEmpty())
            REQUIRE(spy.wait(10'000));
        return spy.takeFirst().at(0).value<DrainSummary>();
    }

    OutboxEntry entry(const QString &id) { return *OutboxStore(*cache.db, clock).find(id); }
};

} // namespace

TEST_CASE("a reply to an in-app message goes to the app backend's folder once", "[inapp][outbox]")
{
    InAppFixture f;
    const QString id = f.reply();
    // Nowhere to go yet: the entry says how to set it.
    DrainSummary summary = f.drain();
    CHECK(summary.failed == 1);
    CHECK(f.entry(id).lastError.contains(QLatin1String("inapp replies")));

    QTemporaryDir replies;
    REQUIRE(setInAppReplyFolder(*f.cache.db, replies.path()).ok());
    REQUIRE(OutboxStore(*f.cache.db, f.clock).retry(id, Agent{QStringLiteral("a1"), QStringLiteral("Giulia")}).ok());
    summary = f.drain();
    CHECK(summary.delivered == 1);
    const OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Delivered);
    const QString file = QDir(replies.path()).filePath(e.idempotencyKey + QStringLiteral(".json"));
    const QJsonObject packet = QJsonDocument::fromJson(fileBytes(file)).object();
    CHECK(packet.value(QStringLiteral("format")).toString() == QLatin1String("sportello.inapp_reply"));
    CHECK(packet.value(QStringLiteral("in_reply_to")).toString() == QLatin1String("app-m1"));
    CHECK(packet.value(QStringLiteral("thread_id")).toString() == QLatin1String("app-t1"));
    CHECK(packet.value(QStringLiteral("recipient_id")).toString() == QLatin1String("app-user-77"));
    CHECK(packet.value(QStringLiteral("text")).toString().contains(QLatin1String("riattivato")));
    CHECK(packet.value(QStringLiteral("idempotency_key")).toString() == e.idempotencyKey);
    CHECK(QDir(replies.path()).entryList(QDir::Files).size() == 1);
}

TEST_CASE("a reply to an in-app message is posted to the webhook with its Idempotency-Key", "[inapp][outbox]")
{
    InAppFixture f;
    REQUIRE(setInAppReplyWebhook(*f.cache.db, f.server.url(QStringLiteral("/replies")).toString()).ok());
    const QString id = f.reply();
    // The backend fails once (5xx): the entry waits for the next attempt, with the same body.
    f.server.enqueue(QStringLiteral("/replies"), CannedResponse::json(503, R"({"error":"maintenance"})"));
    f.server.enqueue(QStringLiteral("/replies"), CannedResponse::json(202, R"({"ok":true})"));
    DrainSummary summary = f.drain();
    CHECK(summary.delivered == 0);
    CHECK(f.entry(id).state == OutboxState::Pending);
    f.clock.advanceMs(3'600'000); // past the backoff
    summary = f.drain();
    CHECK(summary.delivered == 1);
    REQUIRE(f.server.requests().size() == 2);
    const ReceivedRequest &first = f.server.requests().at(0);
    const ReceivedRequest &second = f.server.requests().at(1);
    CHECK(first.body == second.body); // byte for byte
    CHECK(first.header("idempotency-key") == f.entry(id).idempotencyKey.toUtf8());
    CHECK(QJsonDocument::fromJson(second.body).object().value(QStringLiteral("in_reply_to")).toString() ==
          QLatin1String("app-m1"));
    // The webhook follows the base-URL rules: no plain http away from this machine, no credentials.
    CHECK(setInAppReplyWebhook(*f.cache.db, QStringLiteral("http://backend.example/replies")).errorKind() ==
          ErrorKind::InvalidInput);
    CHECK(setInAppReplyFolder(*f.cache.db, QStringLiteral("not/absolute")).errorKind() == ErrorKind::InvalidInput);
}

TEST_CASE("sportello-cli inapp sets the folders and scans with exit codes for scripts", "[inapp][cli]")
{
    TempCache cache;
    QTemporaryDir inbox;
    const QDir dir(inbox.path());
    auto cli = [&](const QStringList &arguments) {
        return runCli(QStringList{QStringLiteral("--database"), cache.path, QStringLiteral("inapp")} + arguments,
                      QByteArray());
    };
    CHECK(cli({QStringLiteral("scan")}).exitCode == 2); // no folder set
    CliRun run = cli({QStringLiteral("folder"), inbox.path()});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QDir::toNativeSeparators(inbox.path())));
    write(dir.filePath(QStringLiteral("a.jsonl")), message(QStringLiteral("app-t1"), QStringLiteral("app-m1")));
    run = cli({QStringLiteral("scan")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("a.jsonl: 1 new message")));
    write(dir.filePath(QStringLiteral("b.jsonl")), "{not json\n");
    run = cli({QStringLiteral("scan")});
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("b.jsonl: rejected")));
    CHECK(cli({QStringLiteral("folder"), QStringLiteral("--clear")}).out.contains(QLatin1String("No in-app inbox")));
    CHECK(cli({QStringLiteral("folder"), dir.filePath(QStringLiteral("missing"))}).exitCode == 2);
    CHECK(cli({QStringLiteral("replies"), QStringLiteral("webhook"), QStringLiteral("ftp://x")}).exitCode == 2);
    run = cli({QStringLiteral("replies"), QStringLiteral("folder"), inbox.path()});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("Replies are written into")));
    CHECK(cli({QStringLiteral("replies"), QStringLiteral("clear")}).out.contains(QLatin1String("nowhere")));
    CHECK(cli({QStringLiteral("nonsense")}).exitCode == 2);
}

namespace {

// The record with the field "app" naming the app it comes from.
QByteArray fromApp(const QByteArray &record, const QString &app)
{
    QJsonObject object = QJsonDocument::fromJson(record).object();
    object.insert(QStringLiteral("app"), app);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// The record with another customer as its author.
QByteArray byAuthor(const QByteArray &record, const QString &author, const QString &name = QStringLiteral("Gino Neri"))
{
    QJsonObject object = QJsonDocument::fromJson(record).object();
    object.insert(QStringLiteral("author"),
                  QJsonObject{{QStringLiteral("id"), author}, {QStringLiteral("name"), name}});
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// A sinistri-app record, by its own customer.
QByteArray fromSinistri(const QString &thread, const QString &post)
{
    return fromApp(byAuthor(message(thread, post), QStringLiteral("app-user-88")), QStringLiteral("sinistri"));
}

QString threadApp(Database &db, const QString &thread)
{
    return scalar(db, QStringLiteral("SELECT app FROM inapp_thread_apps WHERE thread_external_id = '%1'").arg(thread))
        .toString();
}

QString rejectionOf(const QDir &dir, const QString &name)
{
    return QString::fromUtf8(fileBytes(dir.filePath(QStringLiteral("rejected/") + name + QStringLiteral(".error.txt"))));
}

} // namespace

TEST_CASE("the in-app inbox keeps each thread to the app that wrote it first", "[inapp][apps]")
{
    TempCache cache;
    QTemporaryDir inbox;
    REQUIRE(inbox.isValid());
    const QDir dir(inbox.path());
    // Polizza's message starts its thread; an old record without an app starts another.
    write(dir.filePath(QStringLiteral("001-polizza.jsonl")),
          fromApp(message(QStringLiteral("t1"), QStringLiteral("p-m1")), QStringLiteral("polizza")));
    write(dir.filePath(QStringLiteral("002-old.jsonl")), message(QStringLiteral("t9"), QStringLiteral("old-m1")));
    auto scan = scanInAppInbox(*cache.db, inbox.path());
    REQUIRE(scan.ok());
    CHECK(scan->rejected == 0);
    CHECK(posts(*cache.db) == 2);
    CHECK(threadApp(*cache.db, QStringLiteral("t1")) == QLatin1String("polizza"));
    CHECK(threadApp(*cache.db, QStringLiteral("t9")).isEmpty()); // no app said: none stamped

    // Another app writing into polizza's thread, a record without an app there, one body giving a
    // thread to two apps, a name that is not one: each file refused whole, nothing of it stored,
    // and the reason never names the thread's app.
    write(dir.filePath(QStringLiteral("003-sinistri.jsonl")),
          fromSinistri(QStringLiteral("t2"), QStringLiteral("s-m0")) +
              fromSinistri(QStringLiteral("t1"), QStringLiteral("s-m1")));
    write(dir.filePath(QStringLiteral("004-no-app.jsonl")), message(QStringLiteral("t1"), QStringLiteral("x-m1")));
    write(dir.filePath(QStringLiteral("005-two-apps.jsonl")),
          fromSinistri(QStringLiteral("t3"), QStringLiteral("s-m3")) +
              fromApp(message(QStringLiteral("t3"), QStringLiteral("p-m3")), QStringLiteral("polizza")));
    write(dir.filePath(QStringLiteral("006-bad-name.jsonl")),
          fromApp(message(QStringLiteral("t4"), QStringLiteral("s-m4")), QStringLiteral("sin istri")));
    scan = scanInAppInbox(*cache.db, inbox.path());
    REQUIRE(scan.ok());
    CHECK(scan->postsAdded == 0);
    CHECK(scan->rejected == 4);
    CHECK(posts(*cache.db) == 2);
    const QString crossed = rejectionOf(dir, QStringLiteral("003-sinistri.jsonl"));
    CHECK(crossed.contains(QLatin1String("line 2: the thread \"t1\" belongs to another app")));
    CHECK_FALSE(crossed.contains(QLatin1String("polizza")));
    CHECK(rejectionOf(dir, QStringLiteral("004-no-app.jsonl")).contains(QLatin1String("belongs to another app")));
    CHECK(rejectionOf(dir, QStringLiteral("005-two-apps.jsonl"))
              .contains(QLatin1String("line 2: the thread \"t3\" belongs to another app")));
    CHECK(rejectionOf(dir, QStringLiteral("006-bad-name.jsonl")).contains(QLatin1String("\"app\"")));
    // The refused files stamped nothing: their threads are free.
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM inapp_thread_apps")).toInt() == 1);

    // The same app again is taken; an old thread is claimed by the first app that writes it.
    write(dir.filePath(QStringLiteral("007-polizza.jsonl")),
          fromApp(message(QStringLiteral("t1"), QStringLiteral("p-m2")), QStringLiteral("polizza")) +
              fromApp(message(QStringLiteral("t9"), QStringLiteral("p-m9")), QStringLiteral("polizza")));
    write(dir.filePath(QStringLiteral("008-sinistri.jsonl")),
          fromSinistri(QStringLiteral("t9"), QStringLiteral("s-m9")));
    scan = scanInAppInbox(*cache.db, inbox.path());
    REQUIRE(scan.ok());
    CHECK(scan->postsAdded == 2);
    CHECK(scan->rejected == 1);
    CHECK(threadApp(*cache.db, QStringLiteral("t9")) == QLatin1String("polizza"));
    CHECK(rejectionOf(dir, QStringLiteral("008-sinistri.jsonl")).contains(QLatin1String("belongs to another app")));

    // Polizza's customer in sinistri's own new thread, renamed: refused, her name kept; sinistri's
    // own customer is taken there.
    write(dir.filePath(QStringLiteral("009-sinistri.jsonl")),
          fromSinistri(QStringLiteral("t5"), QStringLiteral("s-m5")) +
              fromApp(byAuthor(message(QStringLiteral("t5"), QStringLiteral("s-m6")), QStringLiteral("app-user-77"),
                               QStringLiteral("Someone Else")),
                      QStringLiteral("sinistri")));
    scan = scanInAppInbox(*cache.db, inbox.path());
    REQUIRE(scan.ok());
    CHECK(scan->postsAdded == 0);
    CHECK(scan->rejected == 1);
    const QString customer = rejectionOf(dir, QStringLiteral("009-sinistri.jsonl"));
    CHECK(customer.contains(QLatin1String("line 2: the author \"app-user-77\" is another app's customer")));
    CHECK_FALSE(customer.contains(QLatin1String("polizza")));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT display_name FROM authors WHERE external_id = 'app-user-77'"))
              .toString() == QLatin1String("Lucia Bianchi"));
    CHECK(threadApp(*cache.db, QStringLiteral("t5")).isEmpty());
    write(dir.filePath(QStringLiteral("010-sinistri.jsonl")),
          fromSinistri(QStringLiteral("t5"), QStringLiteral("s-m5")));
    scan = scanInAppInbox(*cache.db, inbox.path());
    REQUIRE(scan.ok());
    CHECK(scan->postsAdded == 1);
    CHECK(threadApp(*cache.db, QStringLiteral("t5")) == QLatin1String("sinistri"));
}

TEST_CASE("a batch sent for one app cannot name another", "[inapp][apps]")
{
    TempCache cache;
    QByteArray bytes = fromApp(message(QStringLiteral("t1"), QStringLiteral("m1")), QStringLiteral("sinistri"));
    QBuffer body(&bytes);
    REQUIRE(body.open(QIODevice::ReadOnly));
    ImportReport report = storeInAppMessages(*cache.db, body, QStringLiteral("test"), QStringLiteral("polizza"));
    CHECK_FALSE(report.ok);
    CHECK(report.errorKind == ErrorKind::RefusedByPolicy);
    CHECK(posts(*cache.db) == 0);
    body.close();
    // Its own name, or none: stamped with the app it was sent for.
    bytes = fromApp(message(QStringLiteral("t1"), QStringLiteral("m1")), QStringLiteral("polizza")) +
            message(QStringLiteral("t2"), QStringLiteral("m2"));
    REQUIRE(body.open(QIODevice::ReadOnly));
    report = storeInAppMessages(*cache.db, body, QStringLiteral("test"), QStringLiteral("polizza"));
    INFO(report.error.toStdString());
    CHECK(report.ok);
    CHECK(threadApp(*cache.db, QStringLiteral("t1")) == QLatin1String("polizza"));
    CHECK(threadApp(*cache.db, QStringLiteral("t2")) == QLatin1String("polizza"));
    body.close();
    bytes = message(QStringLiteral("t2"), QStringLiteral("m3"));
    REQUIRE(body.open(QIODevice::ReadOnly));
    report = storeInAppMessages(*cache.db, body, QStringLiteral("test"), QStringLiteral("sinistri"));
    CHECK(report.errorKind == ErrorKind::Conflict);
    CHECK(posts(*cache.db) == 2);
}

TEST_CASE("replies to two apps go to each app's own webhook, the others to the default", "[inapp][outbox][apps]")
{
    InAppFixture f; // app-t1 from the folder, without an app
    QByteArray bytes = byAuthor(message(QStringLiteral("s-t1"), QStringLiteral("s-m1")), QStringLiteral("app-user-88"));
    QBuffer body(&bytes);
    REQUIRE(body.open(QIODevice::ReadOnly));
    REQUIRE(storeInAppMessages(*f.cache.db, body, QStringLiteral("test"), QStringLiteral("sinistri")).ok);
    body.close();
    bytes = message(QStringLiteral("p-t1"), QStringLiteral("p-m1"));
    REQUIRE(body.open(QIODevice::ReadOnly));
    REQUIRE(storeInAppMessages(*f.cache.db, body, QStringLiteral("test"), QStringLiteral("polizza")).ok);
    body.close();

    QTemporaryDir fallback;
    REQUIRE(setInAppReplyFolder(*f.cache.db, fallback.path()).ok());
    REQUIRE(setInAppReplyRoute(*f.cache.db, QStringLiteral("polizza"),
                               f.server.url(QStringLiteral("/polizza")).toString(), QString())
                .ok());
    REQUIRE(setInAppReplyRoute(*f.cache.db, QStringLiteral("sinistri"),
                               f.server.url(QStringLiteral("/sinistri")).toString(), QString())
                .ok());
    f.server.enqueue(QStringLiteral("/polizza"), CannedResponse::json(202, R"({"ok":true})"));
    f.server.enqueue(QStringLiteral("/sinistri"), CannedResponse::json(202, R"({"ok":true})"));
    auto replyTo = [&f](const QString &thread) {
        TriageService triage(*f.cache.db, f.clock, Agent{QStringLiteral("a1"), QStringLiteral("Giulia Rossi")});
        DecisionRequest request;
        request.threadId =
            scalar(*f.cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(thread))
                .toLongLong();
        request.kind = DecisionKind::ReplyPrivate;
        request.text = QStringLiteral("Risposta per ") + thread;
        auto outcome = triage.decide(request);
        REQUIRE(outcome.ok());
        return outcome->outboxId;
    };
    const QString toPolizza = replyTo(QStringLiteral("p-t1"));
    const QString toSinistri = replyTo(QStringLiteral("s-t1"));
    const QString toOld = replyTo(QStringLiteral("app-t1"));
    const DrainSummary summary = f.drain();
    CHECK(summary.delivered == 3);
    REQUIRE(f.server.requestCount(QStringLiteral("/polizza")) == 1);
    REQUIRE(f.server.requestCount(QStringLiteral("/sinistri")) == 1);
    for (const ReceivedRequest &request : f.server.requests()) {
        const QJsonObject packet = QJsonDocument::fromJson(request.body).object();
        const QString app = request.path.mid(1);
        CHECK(packet.value(QStringLiteral("app")).toString() == app);
        CHECK(packet.value(QStringLiteral("thread_id")).toString() == (app == QLatin1String("polizza")
                                                                           ? QLatin1String("p-t1")
                                                                           : QLatin1String("s-t1")));
        CHECK(request.header("idempotency-key") ==
              f.entry(app == QLatin1String("polizza") ? toPolizza : toSinistri).idempotencyKey.toUtf8());
    }
    // The thread without an app: the default folder, and no "app" in its packet.
    const QString file = QDir(fallback.path()).filePath(f.entry(toOld).idempotencyKey + QStringLiteral(".json"));
    const QJsonObject packet = QJsonDocument::fromJson(fileBytes(file)).object();
    CHECK(packet.value(QStringLiteral("thread_id")).toString() == QLatin1String("app-t1"));
    CHECK_FALSE(packet.contains(QStringLiteral("app")));
    CHECK(QDir(fallback.path()).entryList(QDir::Files).size() == 1);

    // An app's own destination taken away: its replies go to the default again.
    REQUIRE(setInAppReplyRoute(*f.cache.db, QStringLiteral("polizza"), QString(), QString()).ok());
    auto settings = readInAppReplySettings(*f.cache.db, QStringLiteral("polizza"));
    REQUIRE(settings.ok());
    CHECK(settings->app.isEmpty());
    CHECK(settings->folder == QDir::cleanPath(fallback.path()));
    CHECK(readInAppReplySettings(*f.cache.db, QStringLiteral("sinistri"))->app == QLatin1String("sinistri"));
    // The rules: a name, one destination, the webhook's and the folder's own rules.
    CHECK(setInAppReplyRoute(*f.cache.db, QStringLiteral("no name"), QString(), fallback.path()).errorKind() ==
          ErrorKind::InvalidInput);
    CHECK(setInAppReplyRoute(*f.cache.db, QStringLiteral("polizza"), f.server.url(QStringLiteral("/x")).toString(),
                             fallback.path())
              .errorKind() == ErrorKind::InvalidInput);
    CHECK(setInAppReplyRoute(*f.cache.db, QStringLiteral("polizza"), QStringLiteral("http://backend.example/r"),
                             QString())
              .errorKind() == ErrorKind::InvalidInput);
    CHECK(setInAppReplyRoute(*f.cache.db, QStringLiteral("polizza"), QString(), QStringLiteral("not/absolute"))
              .errorKind() == ErrorKind::InvalidInput);
}

TEST_CASE("sportello-cli inapp replies --app sets an app's own destination", "[inapp][cli][apps]")
{
    TempCache cache;
    QTemporaryDir folder;
    auto cli = [&](const QStringList &arguments) {
        return runCli(QStringList{QStringLiteral("--database"), cache.path, QStringLiteral("inapp"),
                                  QStringLiteral("replies")} +
                          arguments,
                      QByteArray());
    };
    CliRun run = cli({QStringLiteral("--app"), QStringLiteral("polizza")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("Replies to polizza have nowhere to go yet.")));
    REQUIRE(cli({QStringLiteral("folder"), folder.path()}).exitCode == 0);
    run = cli({QStringLiteral("--app"), QStringLiteral("polizza")});
    CHECK(run.out.contains(QLatin1String("go where the other apps' go")));
    run = cli({QStringLiteral("--app"), QStringLiteral("polizza"), QStringLiteral("webhook"),
               QStringLiteral("https://polizza.example/replies")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("Replies to polizza go to the webhook https://polizza.example/replies.")));
    run = cli({});
    CHECK(run.out.contains(QLatin1String("Replies are written into")));
    CHECK(run.out.contains(QLatin1String("Replies to polizza go to the webhook")));
    CHECK(cli({QStringLiteral("--app"), QStringLiteral("bad name"), QStringLiteral("clear")}).exitCode == 2);
    CHECK(cli({QStringLiteral("--app"), QStringLiteral("polizza"), QStringLiteral("webhook"), QStringLiteral("ftp://x")})
              .exitCode == 2);
    run = cli({QStringLiteral("--app"), QStringLiteral("polizza"), QStringLiteral("clear")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("go where the other apps' go")));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM inapp_reply_routes")).toInt() == 0);
}
