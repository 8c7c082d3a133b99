#include "TestSupport.h"
#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "common/Clock.h"
#include "queue/QueueCounter.h"
#include "queue/QueueQuery.h"
#include "storage/Sql.h"
#include "timers/ResponseTimers.h"
#include "triage/TriageService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace sportello;
using namespace sportello::test;

namespace {
qint64 threadId(Database &db, const char *externalId)
{
    return scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(QLatin1String(externalId)))
        .toLongLong();
}

const Agent kAgent{QStringLiteral("agent-7"), QStringLiteral("Marta Verdi")};
} // namespace

TEST_CASE("waiting state and due times are derived from stored posts", "[timers]")
{
    TempCache cache;
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    // Non-negative posts: 60 business minutes under the default policy, inside office hours.
    const auto praise = [](const char *thread, const char *id, qint64 at) {
        auto p = inboundPost(QString::fromLatin1(thread), QString::fromLatin1(id), at, QStringLiteral("Grazie mille!"));
        p.category = Category::NonNegative;
        return p;
    };
    ingest(*cache.db, {
                          praise("a", "a1", t0),
                          outboundPost(QStringLiteral("a"), QStringLiteral("a2"), t0 + 20 * 60000),
                          praise("b", "b1", t0 + 5 * 60000),
                          praise("b", "b2", t0 + 9 * 60000),
                      });
    Database &db = *cache.db;
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE external_id = 'a'")).toString() ==
          QLatin1String("answered"));
    CHECK(scalar(db, QStringLiteral("SELECT answered_at FROM posts WHERE external_id = 'a1'")).toLongLong() ==
          t0 + 20 * 60000);
    // The thread's timer is its oldest waiting post's.
    CHECK(scalar(db, QStringLiteral("SELECT due_at FROM threads WHERE external_id = 'b'")).toLongLong() ==
          t0 + 5 * 60000 + 60 * 60000);

    // A new customer post after the company's reply starts a new timer; posts may arrive out of order.
    ingest(*cache.db, {praise("a", "a3", t0 + 30 * 60000)});
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE external_id = 'a'")).toString() ==
          QLatin1String("waiting"));
    CHECK(scalar(db, QStringLiteral("SELECT waiting_since FROM threads WHERE external_id = 'a'")).toLongLong() ==
          t0 + 30 * 60000);

    QueueQuery queue(db);
    auto counts = queue.counts(t0 + 66 * 60000);
    REQUIRE(counts.ok());
    CHECK(counts->waiting == 2);
    CHECK(counts->overdue == 1); // b, due at 10:05
    CHECK(counts->dueSoon == 0); // a is due at 10:30, 24 minutes away
    counts = queue.counts(t0 + 80 * 60000);
    REQUIRE(counts.ok());
    CHECK(counts->dueSoon == 1);
}

TEST_CASE("a decision is stored with its audit entry and outbox entry, and the thread leaves the queue", "[triage]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    auto complaint = inboundPost(QStringLiteral("a"), QStringLiteral("a1"), t0,
                                 QStringLiteral("Pessimo servizio, sinistro fermo da un mese"));
    complaint.category = Category::Complaint;
    ingest(db, {complaint, inboundPost(QStringLiteral("b"), QStringLiteral("b1"), t0 + 60000)});
    ManualClock clock(t0 + 10 * 60000);
    TriageService triage(db, clock, kAgent);

    DecisionRequest request;
    request.threadId = threadId(db, "a");
    request.kind = DecisionKind::ReplyPrivate;
    request.text = QStringLiteral("Ci scusiamo, le scriviamo in privato per verificare la pratica.");
    request.category = Category::Assistance;
    auto outcome = triage.decide(request);
    INFO(outcome.error().toStdString());
    REQUIRE(outcome.ok());
    CHECK_FALSE(outcome->outboxId.isEmpty());

    QSqlQuery d(db.connection());
    REQUIRE(
        d.exec(QStringLiteral("SELECT kind, text, category_before, category_after, agent_id, agent_name, decided_at "
                              "FROM decisions WHERE id = '%1'")
                   .arg(outcome->decisionId)));
    REQUIRE(d.next());
    CHECK(d.value(0).toString() == QLatin1String("reply_private"));
    CHECK(d.value(1).toString() == request.text);
    CHECK(d.value(2).toString() == QLatin1String("complaint"));
    CHECK(d.value(3).toString() == QLatin1String("assistance"));
    CHECK(d.value(4).toString() == kAgent.id);
    CHECK(d.value(5).toString() == kAgent.name);
    CHECK(d.value(6).toLongLong() == clock.nowMs());

    QSqlQuery a(db.connection());
    REQUIRE(a.exec(QStringLiteral("SELECT action, agent_name, at, details FROM audit_log WHERE decision_id = '%1'")
                       .arg(outcome->decisionId)));
    REQUIRE(a.next());
    CHECK(a.value(0).toString() == QLatin1String("decision"));
    CHECK(a.value(1).toString() == kAgent.name);
    const QJsonObject details = QJsonDocument::fromJson(a.value(3).toString().toUtf8()).object();
    CHECK(details.value(QStringLiteral("category_before")).toString() == QLatin1String("complaint"));
    CHECK(details.value(QStringLiteral("category_after")).toString() == QLatin1String("assistance"));
    CHECK(details.value(QStringLiteral("text_length")).toInt() ==
          request.text.size()); // the text is in the decision row only

    CHECK(scalar(db, QStringLiteral("SELECT state FROM outbox WHERE id = '%1'").arg(outcome->outboxId)).toString() ==
          QLatin1String("pending"));
    CHECK(scalar(db, QStringLiteral("SELECT idempotency_key FROM outbox WHERE id = '%1'").arg(outcome->outboxId))
              .toString()
              .contains(outcome->decisionId));
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(request.threadId)).toString() ==
          QLatin1String("answered"));
    CHECK(scalar(db, QStringLiteral("SELECT answered_at FROM posts WHERE external_id = 'a1'")).toLongLong() ==
          clock.nowMs());

    QueueQuery queue(db);
    auto rows = queue.page({}, QueueSort::Urgency, true, 0, 10);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().authorHandle == QLatin1String("cliente_b"));

    // The same thread cannot be decided twice, and nothing is written by the refusal.
    auto again = triage.decide(request);
    CHECK_FALSE(again.ok());
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 1);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt() == 1);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 1);
}

TEST_CASE("each decision kind sets the thread status, and close needs a reason and sends nothing", "[triage]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    ingest(db, {inboundPost(QStringLiteral("f"), QStringLiteral("f1"), t0),
                inboundPost(QStringLiteral("c"), QStringLiteral("c1"), t0),
                inboundPost(QStringLiteral("p"), QStringLiteral("p1"), t0)});
    ManualClock clock(t0 + 60000);
    TriageService triage(db, clock, kAgent);

    DecisionRequest forward{
        threadId(db, "f"), DecisionKind::Forward, QStringLiteral("Cliente chiede stato pratica"), {}, {}};
    REQUIRE(triage.decide(forward).ok());
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE external_id = 'f'")).toString() ==
          QLatin1String("forwarded"));

    DecisionRequest close{threadId(db, "c"), DecisionKind::Close, QString(), {}, {}};
    auto refused = triage.decide(close);
    CHECK_FALSE(refused.ok());
    CHECK(
        scalar(db, QStringLiteral("SELECT count(*) FROM decisions WHERE thread_id = %1").arg(close.threadId)).toInt() ==
        0);
    close.closeReason = CloseReason::Spam;
    auto closed = triage.decide(close);
    INFO(closed.error().toStdString());
    REQUIRE(closed.ok());
    CHECK(closed->outboxId.isEmpty());
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE external_id = 'c'")).toString() ==
          QLatin1String("closed"));
    CHECK(scalar(db, QStringLiteral("SELECT close_reason FROM decisions WHERE id = '%1'").arg(closed->decisionId))
              .toString() == QLatin1String("spam"));

    DecisionRequest empty{threadId(db, "p"), DecisionKind::ReplyPublic, QStringLiteral("   "), {}, {}};
    CHECK_FALSE(triage.decide(empty).ok());

    // A customer writing again after a forward puts the thread back in the queue.
    ingest(db, {inboundPost(QStringLiteral("f"), QStringLiteral("f2"), t0 + 120000)});
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE external_id = 'f'")).toString() ==
          QLatin1String("waiting"));
    CHECK(scalar(db, QStringLiteral("SELECT waiting_since FROM threads WHERE external_id = 'f'")).toLongLong() ==
          t0 + 120000);
}

TEST_CASE("a category edit is stored and audited", "[triage]")
{
    TempCache cache;
    Database &db = *cache.db;
    ingest(db, {inboundPost(QStringLiteral("a"), QStringLiteral("a1"), 1000)});
    ManualClock clock(5000);
    TriageService triage(db, clock, kAgent);
    const qint64 id = threadId(db, "a");
    REQUIRE(triage.setCategory(id, Category::Complaint).ok());
    CHECK(scalar(db, QStringLiteral("SELECT category FROM threads WHERE id = %1").arg(id)).toString() ==
          QLatin1String("complaint"));
    CHECK(
        scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'category_changed' AND thread_id = %1")
                       .arg(id))
            .toInt() == 1);
    // Setting the same category again records nothing new.
    REQUIRE(triage.setCategory(id, Category::Complaint).ok());
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt() == 1);
    // A later import does not overwrite the agent's category.
    auto p = inboundPost(QStringLiteral("a"), QStringLiteral("a2"), 2000);
    p.category = Category::NonNegative;
    ingest(db, {p});
    CHECK(scalar(db, QStringLiteral("SELECT category FROM threads WHERE id = %1").arg(id)).toString() ==
          QLatin1String("complaint"));
}

TEST_CASE("the queue filters, sorts and pages in SQL", "[queue]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    QVector<PostRecord> posts;
    for (int i = 0; i < 25; ++i) {
        auto p = inboundPost(QStringLiteral("t%1").arg(i), QStringLiteral("p%1").arg(i), t0 + i * 60000,
                             QStringLiteral("messaggio numero %1").arg(i), i % 2 ? Channel::X : Channel::Instagram);
        p.category = i % 3 == 0 ? Category::Complaint : Category::Assistance;
        posts << p;
    }
    ingest(db, posts);
    QueueQuery queue(db);

    auto first = queue.page({}, QueueSort::Urgency, true, 0, 10);
    auto second = queue.page({}, QueueSort::Urgency, true, 10, 10);
    auto third = queue.page({}, QueueSort::Urgency, true, 20, 10);
    REQUIRE((first.ok() && second.ok() && third.ok()));
    CHECK(first->size() == 10);
    CHECK(second->size() == 10);
    CHECK(third->size() == 5);
    CHECK(first->front().authorHandle == QLatin1String("cliente_t0")); // oldest due first
    CHECK(third->back().authorHandle == QLatin1String("cliente_t24"));
    for (int i = 1; i < first->size(); ++i)
        CHECK(first->at(i - 1).dueAtMs <= first->at(i).dueAtMs);

    QueueFilter onX;
    onX.channel = Channel::X;
    auto x = queue.page(onX, QueueSort::Urgency, false, 0, 100);
    REQUIRE(x.ok());
    CHECK(x->size() == 12);
    CHECK(x->front().authorHandle == QLatin1String("cliente_t23"));
    for (const auto &r : x.value())
        CHECK(r.channel == Channel::X);

    QueueFilter complaints;
    complaints.category = Category::Complaint;
    complaints.channel = Channel::Instagram;
    auto c = queue.page(complaints, QueueSort::Urgency, true, 0, 100);
    REQUIRE(c.ok());
    CHECK(c->size() == 5); // 0, 6, 12, 18, 24
    QueueFilter search;
    search.search = QStringLiteral("numero 7");
    auto s = queue.page(search, QueueSort::Urgency, true, 0, 100);
    REQUIRE(s.ok());
    REQUIRE(s->size() == 1);
    CHECK(s->front().preview == QLatin1String("messaggio numero 7"));

    QueueFilter all;
    all.status = std::nullopt;
    auto everything = queue.page(all, QueueSort::Author, true, 0, 100);
    REQUIRE(everything.ok());
    CHECK(everything->size() == 25);
}

TEST_CASE("a thread's conversation lists posts and decisions in order", "[queue]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    auto dm =
        inboundPost(QStringLiteral("a"), QStringLiteral("a3"), t0 + 3000, QStringLiteral("Le mando i dati in privato"));
    dm.visibility = Visibility::Private;
    ingest(db, {dm, inboundPost(QStringLiteral("a"), QStringLiteral("a1"), t0),
                outboundPost(QStringLiteral("a"), QStringLiteral("a2"), t0 + 2000)});
    QueueQuery queue(db);
    auto detail = queue.thread(threadId(db, "a"));
    REQUIRE(detail.ok());
    REQUIRE(detail->posts.size() == 3);
    CHECK(detail->posts[0].externalId == QLatin1String("a1"));
    CHECK(detail->posts[1].direction == Direction::Outbound);
    CHECK(detail->posts[2].visibility == Visibility::Private);
    CHECK(detail->status == ThreadStatus::Waiting);
    CHECK_FALSE(queue.thread(987654).ok());
}

TEST_CASE("the queue counter follows time incrementally and agrees with a full count", "[queue][counts]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T08:00:00Z"); // Monday 09:00 in Rome: office hours
    QVector<PostRecord> posts;
    for (int i = 0; i < 40; ++i) {
        auto p = inboundPost(QStringLiteral("t%1").arg(i), QStringLiteral("p%1").arg(i), t0 + i * 3 * 60000);
        p.category = i % 2 ? Category::NonNegative : Category::Complaint;
        posts << p;
    }
    ingest(db, posts);
    QueueCounter counter(db);
    QueueQuery query(db);
    REQUIRE(counter.recount(t0).ok());
    CHECK(counter.counts().waiting == 40);
    CHECK(counter.counts().overdue == 0);
    for (qint64 now = t0; now < t0 + 5 * 3600000; now += 7 * 60000 + 1234) {
        REQUIRE(counter.advance(now).ok());
        auto full = query.counts(now);
        REQUIRE(full.ok());
        INFO("at +" << (now - t0) / 60000 << " min");
        CHECK(counter.counts().waiting == full->waiting);
        CHECK(counter.counts().dueSoon == full->dueSoon);
        CHECK(counter.counts().overdue == full->overdue);
    }

    // A decision taken here is applied without a recount.
    const qint64 now = t0 + 100 * 60000;
    REQUIRE(counter.advance(now).ok());
    ManualClock clock(now);
    TriageService triage(db, clock, kAgent);
    auto rows = query.page({}, QueueSort::Urgency, true, 0, 1);
    REQUIRE((rows.ok() && rows->size() == 1));
    REQUIRE(
        triage.decide({rows->front().threadId, DecisionKind::ReplyPublic, QStringLiteral("Ci siamo"), {}, {}}).ok());
    counter.threadLeftQueue(rows->front().dueAtMs, rows->front().dueSoonAtMs, now);
    REQUIRE(counter.advance(now + 60000).ok());
    auto full = query.counts(now + 60000);
    REQUIRE(full.ok());
    CHECK(counter.counts().waiting == 39);
    CHECK(counter.counts().overdue == full->overdue);
    CHECK(counter.counts().dueSoon == full->dueSoon);

    // Another connection's commit (a second console, the command line) is noticed.
    {
        auto other = openCache(db.path());
        REQUIRE(other.ok());
        ingest(*other.value(), {inboundPost(QStringLiteral("late"), QStringLiteral("late-1"), now)});
    }
    REQUIRE(counter.advance(now + 120000).ok());
    CHECK(counter.counts().waiting == 40);
}
