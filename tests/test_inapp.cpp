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
