// Forward to customer care: the hand-off packet, the case reference, and delivery to an endpoint
// (Idempotency-Key) or, without one, as an atomic file in the hand-off folder.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "outbox/CaseReference.h"
#include "outbox/Handoff.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "storage/Sql.h"
#include "triage/TriageService.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>

using namespace sportello;
using namespace sportello::net;
using namespace sportello::accounts;
using namespace sportello::outbox;
using namespace sportello::test;

namespace {

struct HandoffFixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{utcMs("2024-01-16T10:00:00Z")};
    TempCache cache;
    MemoryTokenStore tokens;
    Agent agent{QStringLiteral("agent-7"), QStringLiteral("Giulia Rossi")};
    OutboxDispatcher dispatcher{*cache.db, &nam, tokens, clock};
    QTemporaryDir folder;

    HandoffFixture()
    {
        REQUIRE(server.listening());
        REQUIRE(folder.isValid());
        dispatcher.setAutoSchedule(false);
        dispatcher.setRandomSource([] { return 0.5; });
        dispatcher.setTimeoutMs(3000);
        PostRecord p = inboundPost(
            QStringLiteral("T1"), QStringLiteral("P1"), clock.nowMs() - 3'600'000,
            QStringLiteral("Reclamo: la polizza n. RCA-2023-778812 e il sinistro 2023/SX/04512 sono fermi da mesi"));
        PostRecord r = outboundPost(QStringLiteral("T1"), QStringLiteral("P2"), clock.nowMs() - 1'800'000);
        PostRecord q = inboundPost(QStringLiteral("T1"), QStringLiteral("P3"), clock.nowMs() - 600'000,
                                   QStringLiteral("Vi ho scritto in privato, pratica numero 88231-7"));
        ingest(*cache.db, {p, r, q});
    }

    QString forward(const QString &note = QStringLiteral("Cliente molto arrabbiato, richiamare"), bool offline = false)
    {
        TriageService triage(*cache.db, clock, agent);
        DecisionRequest request;
        request.threadId =
            scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'T1'")).toLongLong();
        request.kind = DecisionKind::Forward;
        request.text = note;
        request.category = Category::Complaint;
        request.decidedOffline = offline;
        auto outcome = triage.decide(request);
        INFO(outcome.error().toStdString());
        REQUIRE(outcome.ok());
        CHECK(QRegularExpression(QStringLiteral("^SPT-20240116-[2-9A-HJKMNP-Z]{6}$"))
                  .match(outcome->caseReference)
                  .hasMatch());
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

    OutboxEntry entry(const QString &id)
    {
        auto e = OutboxStore(*cache.db, clock).find(id);
        REQUIRE(e.ok());
        return *e;
    }
};

} // namespace

TEST_CASE("Policy and claim numbers are found by the documented patterns", "[handoff]")
{
    CHECK(findPolicyNumbers(QStringLiteral("la mia polizza n. 123456789 scade")) ==
          QStringList{QStringLiteral("123456789")});
    CHECK(findPolicyNumbers(QStringLiteral("Polizza: RCA-2023-778812, contratto nr 55/001234")) ==
          (QStringList{QStringLiteral("RCA-2023-778812"), QStringLiteral("55/001234")}));
    CHECK(findClaimNumbers(QStringLiteral("sinistro 2023/SX/04512 e claim #CL-88231-7")) ==
          (QStringList{QStringLiteral("2023/SX/04512"), QStringLiteral("CL-88231-7")}));
    CHECK(findPolicyNumbers(QStringLiteral("la polizza scade nel 2024")).isEmpty()); // 4 digits: a year, not a number
    CHECK(findClaimNumbers(QStringLiteral("nessun numero qui")).isEmpty());
}

TEST_CASE("A forward gets a unique case reference and the offline flag is stored", "[handoff][triage]")
{
    HandoffFixture f;
    const QString id = f.forward();
    const OutboxEntry e = f.entry(id);
    CHECK(e.kind == DecisionKind::Forward);
    CHECK_FALSE(e.decidedOffline);
    QSet<QString> seen;
    for (int i = 0; i < 500; ++i)
        seen.insert(newCaseReference(f.clock.nowMs()));
    CHECK(seen.size() == 500);

    // Taken offline: the flag is stored.
    ingest(*f.cache.db, {inboundPost(QStringLiteral("T2"), QStringLiteral("Q1"), f.clock.nowMs() - 1000)});
    TriageService triage(*f.cache.db, f.clock, f.agent);
    DecisionRequest request;
    request.threadId =
        scalar(*f.cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'T2'")).toLongLong();
    request.kind = DecisionKind::Forward;
    request.text = QStringLiteral("offline");
    request.decidedOffline = true;
    // The generator repeats the reference already taken: the database check skips it.
    QStringList candidates{e.caseReference, e.caseReference, QStringLiteral("SPT-20240116-ABCDEF")};
    triage.setCaseReferenceSource([&](qint64) { return candidates.takeFirst(); });
    auto outcome = triage.decide(request);
    INFO(outcome.error().toStdString());
    REQUIRE(outcome.ok());
    CHECK(outcome->caseReference == QStringLiteral("SPT-20240116-ABCDEF"));
    CHECK(f.entry(outcome->outboxId).decidedOffline);

    // Only clashes: the decision is refused, and nothing is written.
    ingest(*f.cache.db, {inboundPost(QStringLiteral("T3"), QStringLiteral("R1"), f.clock.nowMs() - 1000)});
    request.threadId =
        scalar(*f.cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'T3'")).toLongLong();
    triage.setCaseReferenceSource([&](qint64) { return e.caseReference; });
    CHECK_FALSE(triage.decide(request).ok());
    CHECK(
        scalar(*f.cache.db, QStringLiteral("SELECT count(*) FROM decisions WHERE thread_id = %1").arg(request.threadId))
            .toInt() == 0);
    // And the schema itself refuses a second row with the same reference.
    CHECK_FALSE(
        sql::exec(f.cache.db->connection(), QStringLiteral("UPDATE outbox SET case_reference = '%1' WHERE id = '%2'")
                                                .arg(e.caseReference, outcome->outboxId))
            .ok());
}

TEST_CASE("The hand-off goes to the endpoint with the same Idempotency-Key on every attempt", "[handoff][endpoint]")
{
    HandoffFixture f;
    const QString id = f.forward();
    REQUIRE(setHandoffEndpoint(*f.cache.db, f.server.url(QStringLiteral("/care/handoffs")).toString()).ok());
    f.server.enqueue(QStringLiteral("/care/handoffs"), CannedResponse::json(503, R"({"error":"maintenance"})"));
    f.server.enqueue(QStringLiteral("/care/handoffs"), CannedResponse::json(201, R"({"received":true})"));
    DrainSummary s = f.drain();
    CHECK(s.delivered == 0);
    OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Pending); // a repeat is harmless: no read-back needed
    CHECK(e.nextAttemptAtMs == f.clock.nowMs() + 1000);
    // A day later (timer state, days left and the packet's time would all differ if rebuilt).
    f.clock.advanceMs(24 * 3'600'000);
    s = f.drain();
    CHECK(s.delivered == 1);
    CHECK(f.entry(id).state == OutboxState::Delivered);

    const auto &requests = f.server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].header("idempotency-key") == e.idempotencyKey.toUtf8());
    CHECK(requests[1].header("idempotency-key") == e.idempotencyKey.toUtf8());
    CHECK(requests[0].body == requests[1].body); // the same key carries the same bytes
    const QJsonObject packet = QJsonDocument::fromJson(requests[1].body).object();
    CHECK(packet.value(QStringLiteral("format")).toString() == QStringLiteral("sportello-handoff"));
    CHECK(packet.value(QStringLiteral("case_reference")).toString() == e.caseReference);
    CHECK(packet.value(QStringLiteral("category")).toString() == QStringLiteral("complaint"));
    CHECK(packet.value(QStringLiteral("customer")).toObject().value(QStringLiteral("handle")).toString() ==
          QStringLiteral("cliente_T1"));
    CHECK(packet.value(QStringLiteral("posts")).toArray().size() == 3);
    CHECK(packet.value(QStringLiteral("note")).toString() == QStringLiteral("Cliente molto arrabbiato, richiamare"));
    CHECK(packet.value(QStringLiteral("agent")).toObject().value(QStringLiteral("name")).toString() ==
          QStringLiteral("Giulia Rossi"));
    CHECK(packet.value(QStringLiteral("policy_numbers")).toArray() == QJsonArray{QStringLiteral("RCA-2023-778812")});
    CHECK(packet.value(QStringLiteral("claim_numbers")).toArray() ==
          (QJsonArray{QStringLiteral("2023/SX/04512"), QStringLiteral("88231-7")}));
    const QJsonObject complaint = packet.value(QStringLiteral("complaint")).toObject();
    CHECK(complaint.value(QStringLiteral("deadline_at")).toString().startsWith(QStringLiteral("2024-03-01")));
    CHECK(packet.value(QStringLiteral("timer")).toObject().value(QStringLiteral("post_id")).toString() ==
          QStringLiteral("P3"));
    CHECK(packet.value(QStringLiteral("thread")).toObject().value(QStringLiteral("permalink")).toString() ==
          QStringLiteral("https://www.facebook.com/T1"));
}

TEST_CASE("Without an endpoint the hand-off is written atomically into the folder, once", "[handoff][folder]")
{
    HandoffFixture f;
    const QString id = f.forward();

    SECTION("no configuration is a clear reason")
    {
        CHECK(f.drain().failed == 1);
        CHECK(f.entry(id).lastError.contains(QStringLiteral("No customer-care hand-off is configured")));
    }
    SECTION("written, and a repeat finds it there")
    {
        REQUIRE(setHandoffFolder(*f.cache.db, f.folder.path()).ok());
        CHECK(f.drain().delivered == 1);
        const OutboxEntry e = f.entry(id);
        const QString path = QDir(f.folder.path()).filePath(e.caseReference + QStringLiteral(".json"));
        CHECK(e.remoteId == path);
        const QJsonObject packet = QJsonDocument::fromJson(fileBytes(path)).object();
        CHECK(packet.value(QStringLiteral("idempotency_key")).toString() == e.idempotencyKey);
        CHECK(QDir(f.folder.path()).entryList(QDir::Files) == QStringList{e.caseReference + QStringLiteral(".json")});

        auto again = writeHandoffFile(f.folder.path(), e.caseReference, e.idempotencyKey, "{}");
        REQUIRE(again.ok());
        CHECK(again->alreadyThere);
        CHECK(QJsonDocument::fromJson(fileBytes(path)).object() == packet);
        CHECK_FALSE(writeHandoffFile(f.folder.path(), e.caseReference, QStringLiteral("another-key"), "{}").ok());
    }
    SECTION("an unwritable folder fails with the reason and leaves no file")
    {
        // A regular file where the folder should be: cannot be written into, even by root.
        const QString notAFolder = QDir(f.folder.path()).filePath(QStringLiteral("handoffs"));
        QFile blocker(notAFolder);
        REQUIRE(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        REQUIRE(setHandoffFolder(*f.cache.db, notAFolder).ok());
        CHECK(f.drain().failed == 1);
        const OutboxEntry e = f.entry(id);
        CHECK(e.state == OutboxState::Failed);
        CHECK(e.lastError.contains(QStringLiteral("not a folder")));
        CHECK(QDir(f.folder.path()).entryList(QDir::Files) == QStringList{QStringLiteral("handoffs")});

        // A folder that exists but refuses the write, even to root: /proc takes no new files, so
        // QSaveFile's failure path runs.
        REQUIRE(QFileInfo(QStringLiteral("/proc")).isDir());
        auto refused = writeHandoffFile(QStringLiteral("/proc"), e.caseReference, e.idempotencyKey, "{}");
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().contains(QStringLiteral("Cannot write the hand-off file")));
        CHECK_FALSE(QFile::exists(QStringLiteral("/proc/") + e.caseReference + QStringLiteral(".json")));
    }
}

TEST_CASE("Hand-off settings follow the base-URL rules", "[handoff]")
{
    TempCache cache;
    CHECK_FALSE(setHandoffEndpoint(*cache.db, QStringLiteral("http://care.example.com/in")).ok());
    CHECK(setHandoffEndpoint(*cache.db, QStringLiteral("https://care.example.com/in")).ok());
    CHECK_FALSE(setHandoffFolder(*cache.db, QStringLiteral("relative/folder")).ok());
    auto settings = readHandoffSettings(*cache.db);
    REQUIRE(settings.ok());
    CHECK(settings->endpoint == QStringLiteral("https://care.example.com/in"));
    REQUIRE(setHandoffEndpoint(*cache.db, QString()).ok());
    CHECK(readHandoffSettings(*cache.db)->endpoint.isEmpty());
}

TEST_CASE("Hand-off refusals carry their kind", "[handoff][errors]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString reference = QStringLiteral("SPT-20240116-7KQ2M9");
    CHECK(writeHandoffFile(QString(), reference, QStringLiteral("k"), "{}").errorKind() == ErrorKind::InvalidInput);
    CHECK(writeHandoffFile(folder.path(), QStringLiteral("../outside"), QStringLiteral("k"), "{}").errorKind() ==
          ErrorKind::InvalidInput);
    CHECK(writeHandoffFile(folder.filePath(QStringLiteral("missing")), reference, QStringLiteral("k"), "{}")
              .errorKind() == ErrorKind::Io);
    REQUIRE(writeHandoffFile(folder.path(), reference, QStringLiteral("k"), "{\"idempotency_key\":\"k\"}").ok());
    CHECK(writeHandoffFile(folder.path(), reference, QStringLiteral("other"), "{}").errorKind() == ErrorKind::Conflict);

    TempCache cache;
    CHECK(setHandoffFolder(*cache.db, QStringLiteral("relative/folder")).errorKind() == ErrorKind::InvalidInput);
    CHECK(setHandoffEndpoint(*cache.db, QStringLiteral("ftp://care.example.com")).errorKind() ==
          ErrorKind::InvalidInput);
}
