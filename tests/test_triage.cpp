#include "TestSupport.h"
#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "compose/Drafts.h"
#include "outbox/Outbox.h"
#include "queue/MatchingPosts.h"
#include "queue/QueueCounter.h"
#include "queue/QueueQuery.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "timers/Complaints.h"
#include "timers/ResponseTimers.h"
#include "triage/TriageService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <limits>
#include <random>

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

namespace {
// The counts as the definition gives them: every waiting thread walked.
QueueCounts countedByWalk(Database &db, qint64 nowMs)
{
    QueueCounts c;
    c.waiting = scalar(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting'")).toInt();
    c.overdue =
        scalar(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting' AND due_at <= %1").arg(nowMs))
            .toInt();
    c.dueSoon = scalar(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting' AND "
                                          "due_soon_at <= %1")
                               .arg(nowMs))
                    .toInt() -
                c.overdue;
    return c;
}

// The thread ids of rows, in their order.
QVector<qint64> ids(const QVector<QueueRow> &rows)
{
    QVector<qint64> out;
    for (const QueueRow &r : rows)
        out << r.threadId;
    return out;
}

// The ids of a search's rows by urgency from the first up to `end`, read `size` at a time as the
// queue pages them.
QVector<qint64> pagedIds(QueueQuery &query, const QueueFilter &filter, int size, int end)
{
    QVector<qint64> paged;
    for (int offset = 0; offset < end; offset += size) {
        auto page = query.page(filter, QueueSort::Urgency, true, offset, size);
        REQUIRE(page.ok());
        CHECK(page->size() <= size);
        paged += ids(page.value());
    }
    return paged;
}
} // namespace

TEST_CASE("the counts from hourly buckets equal a walk of the queue through syncs, decisions, colleagues and time "
          "jumps",
          "[queue][counts]")
{
    TempCache cache;
    Database &db = *cache.db;
    auto other = openCache(db.path()); // a colleague, a sync worker or the command line
    REQUIRE(other.ok());
    const qint64 t0 = utcMs("2026-03-02T08:00:00Z");
    std::mt19937 random(16);
    const auto pick = [&](int n) { return int(random() % unsigned(n)); };
    qint64 now = t0;
    int nextThread = 0;
    int nextPost = 0;
    QueueCounter counter(db);
    QueueQuery query(db);
    ManualClock clock(now);
    TriageService triage(db, clock, kAgent);
    REQUIRE(counter.recount(now).ok());
    for (int step = 0; step < 300; ++step) {
        const int action = pick(7);
        if (action == 0 || action == 1) {
            // A page of a sync on the other connection: new threads, and new posts in old ones
            // (an answered thread waits again).
            QVector<PostRecord> page;
            for (int i = 0, n = 1 + pick(8); i < n; ++i) {
                const bool old = nextThread > 0 && pick(3) == 0;
                const QString thread = QStringLiteral("t%1").arg(old ? pick(nextThread) : nextThread++);
                const qint64 at = now - pick(3) * 3600000LL - pick(3600) * 1000LL;
                auto p = inboundPost(thread, QStringLiteral("p%1").arg(nextPost++), at);
                p.category = pick(2) ? Category::Complaint : Category::Assistance;
                page << p;
            }
            ingest(*other.value(), page);
        } else if (action == 2) {
            // This console decides the most urgent thread.
            auto rows = query.page({}, QueueSort::Urgency, true, pick(3), 1);
            REQUIRE(rows.ok());
            if (!rows->isEmpty()) {
                clock.setNowMs(now);
                REQUIRE(triage
                            .decide({rows->front().threadId, DecisionKind::ReplyPublic, QStringLiteral("Ci siamo"),
                                     {}, {}})
                            .ok());
                counter.threadLeftQueue(rows->front().dueAtMs, rows->front().dueSoonAtMs, now);
            }
        } else if (action == 3) {
            // A colleague answers or closes a thread, or reopens one.
            QSqlQuery q(other.value()->connection());
            const QString status = pick(4) == 0 ? QStringLiteral("waiting") : QStringLiteral("answered");
            REQUIRE(q.exec(QStringLiteral("UPDATE threads SET status = '%1' WHERE id = (SELECT id FROM threads "
                                          "ORDER BY id LIMIT 1 OFFSET %2)")
                               .arg(status)
                               .arg(pick(qMax(1, nextThread)))));
        } else if (action == 4) {
            // A policy change moves some timers (earlier or later, across hours).
            QSqlQuery q(other.value()->connection());
            const qint64 shift = (pick(2) ? 1 : -1) * (pick(5) * 3600000LL + pick(3600) * 1000LL);
            REQUIRE(q.exec(QStringLiteral("UPDATE threads SET due_at = due_at + %1, due_soon_at = due_soon_at + %1 "
                                          "WHERE id % %2 = 0")
                               .arg(shift)
                               .arg(2 + pick(3))));
        } else if (action == 5) {
            // Time passes, a little or a lot; a computer that slept, or a clock set back.
            now += pick(4) == 0 ? -pick(7200) * 1000LL : pick(3 * 3600) * 1000LL;
        } else {
            now += pick(120) * 1000LL;
        }
        REQUIRE(counter.advance(now).ok());
        auto full = query.counts(now);
        REQUIRE(full.ok());
        const QueueCounts walked = countedByWalk(db, now);
        INFO("step " << step << ", action " << action << ", at +" << (now - t0) / 1000 << " s");
        CHECK(full->waiting == walked.waiting);
        CHECK(full->dueSoon == walked.dueSoon);
        CHECK(full->overdue == walked.overdue);
        CHECK(counter.counts().waiting == walked.waiting);
        CHECK(counter.counts().dueSoon == walked.dueSoon);
        CHECK(counter.counts().overdue == walked.overdue);
    }
    CHECK(counter.counts().waiting > 0);
    CHECK(counter.counts().overdue > 0);
    // No bucket is left empty.
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM queue_buckets WHERE n <= 0")).toInt() == 0);
}

TEST_CASE("listed seeks the loaded threads by id, whatever the filter", "[queue]")
{
    TempCache cache;
    Database &db = *cache.db;
    QVector<QueueFilter> filters(4);
    filters[1].channel = Channel::X;
    filters[2].category = Category::Complaint;
    filters[2].channel = Channel::Facebook;
    filters[3].status = std::nullopt;
    filters[3].search = QStringLiteral("polizza");
    for (const QueueFilter &filter : filters) {
        QVariantList binds;
        const QString statement = QueueQuery::listedStatement(filter, &binds);
        QSqlQuery plan(db.connection());
        REQUIRE(plan.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + statement));
        plan.addBindValue(QStringLiteral("[1,2,3]"));
        for (const QVariant &v : binds)
            plan.addBindValue(v);
        REQUIRE(plan.exec());
        QStringList steps;
        while (plan.next())
            steps << plan.value(3).toString();
        INFO(statement.toStdString() << "\n" << steps.join(QLatin1Char('\n')).toStdString());
        CHECK(steps.join(QLatin1Char('\n')).contains(QLatin1String("SEARCH t USING INTEGER PRIMARY KEY (rowid=?)")));
        for (const QString &step : steps)
            CHECK_FALSE((step.contains(QLatin1String(" t USING")) && step.contains(QLatin1String("INDEX"))));
    }

    // And what it finds.
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    ingest(db, {inboundPost(QStringLiteral("a"), QStringLiteral("a1"), t0),
                inboundPost(QStringLiteral("b"), QStringLiteral("b1"), t0, QStringLiteral("Grazie"), Channel::X)});
    const qint64 a = threadId(db, "a"), b = threadId(db, "b");
    QueueQuery queue(db);
    auto all = queue.listed({}, {a, b, 99999});
    REQUIRE(all.ok());
    CHECK(all.value() == QSet<qint64>{a, b});
    QueueFilter onX;
    onX.channel = Channel::X;
    auto x = queue.listed(onX, {a, b});
    REQUIRE(x.ok());
    CHECK(x.value() == QSet<qint64>{b});
    QueueFilter words;
    words.search = QStringLiteral("polizza");
    auto w = queue.listed(words, {a, b});
    REQUIRE(w.ok());
    CHECK(w.value() == QSet<qint64>{a});
}

TEST_CASE("a search by urgency walked in due order lists the same threads in the same order as the sorted matches",
          "[queue][search]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T08:00:00Z");
    QVector<PostRecord> posts;
    const Channel channels[] = {Channel::Facebook, Channel::X, Channel::Instagram};
    const Category categories[] = {Category::Complaint, Category::Assistance, Category::NonNegative};
    for (int i = 0; i < 240; ++i) {
        QStringList words{QStringLiteral("Buongiorno")};
        if (i % 3 != 0)
            words << QStringLiteral("polizza");
        if (i % 2 == 0)
            words << QStringLiteral("carrozzeria");
        if (i % 17 == 0)
            words << QStringLiteral("grandine");
        // Groups of six threads arrive at the same moment: their due times tie, and the order
        // between them comes from the category, the author's reach and the id.
        auto p = inboundPost(QStringLiteral("t%1").arg(i), QStringLiteral("p%1").arg(i), t0 + (i / 6) * 60000,
                             words.join(QLatin1Char(' ')), channels[i % 3]);
        p.category = categories[(i / 2) % 3];
        p.author = {QStringLiteral("u%1").arg(i % 40), QStringLiteral("cliente%1").arg(i % 40),
                    QStringLiteral("Cliente %1").arg(i % 40), qint64((i * 37) % 11) * 100};
        posts << p;
    }
    ingest(db, posts);
    // Some threads leave the queue.
    {
        ManualClock clock(t0 + 3600000);
        TriageService triage(db, clock, kAgent);
        for (int i = 5; i < 240; i += 11)
            REQUIRE(triage
                        .decide({threadId(db, qPrintable(QStringLiteral("t%1").arg(i))), DecisionKind::ReplyPublic,
                                 QStringLiteral("Ci siamo"), {}, {}})
                        .ok());
    }

    QueueQuery sorted(db);
    sorted.setSearchPlan(SearchPlan::SortMatches);
    QueueQuery walked(db);
    walked.setSearchPlan(SearchPlan::WalkUrgency);
    QueueQuery automatic(db);
    for (const char *words : {"polizza", "carrozzeria", "grandine", "poliz", "polizza grandine", "cliente7",
                              "Buongiorno", "nessuna"}) {
        for (int variant = 0; variant < 6; ++variant) {
            QueueFilter filter;
            filter.search = QLatin1String(words);
            if (variant == 1)
                filter.channel = Channel::X;
            if (variant == 2)
                filter.category = Category::Complaint;
            if (variant == 3) {
                filter.channel = Channel::Facebook;
                filter.category = Category::Assistance;
            }
            if (variant == 4)
                filter.status = ThreadStatus::Answered;
            if (variant == 5)
                filter.status = std::nullopt;
            INFO("search '" << words << "', variant " << variant);
            auto all = sorted.page(filter, QueueSort::Urgency, true, 0, 1000);
            REQUIRE(all.ok());
            if (std::string(words) != "nessuna" && variant == 0)
                CHECK(all->size() > 5);
            for (QueueQuery *query : {&walked, &automatic}) {
                auto whole = query->page(filter, QueueSort::Urgency, true, 0, 1000);
                REQUIRE(whole.ok());
                CHECK(ids(whole.value()) == ids(all.value()));
                // Page by page: no thread twice, none missing, the same order.
                for (int size : {1, 7, 25})
                    CHECK(pagedIds(*query, filter, size, int(all->size()) + size) == ids(all.value()));
                // The rows' columns are the same as well.
                auto first = query->page(filter, QueueSort::Urgency, true, 0, 10);
                auto expected = sorted.page(filter, QueueSort::Urgency, true, 0, 10);
                REQUIRE((first.ok() && expected.ok()));
                REQUIRE(first->size() == expected->size());
                for (int i = 0; i < first->size(); ++i) {
                    CHECK(first->at(i).preview == expected->at(i).preview);
                    CHECK(first->at(i).authorHandle == expected->at(i).authorHandle);
                    CHECK(first->at(i).dueAtMs == expected->at(i).dueAtMs);
                    CHECK(first->at(i).targetMs == expected->at(i).targetMs);
                }
            }
        }
    }

    // The walk reads threads in due order from threads(status, due_at) and each one's posts from
    // a covering index, with no sort, whatever the filter.
    for (int variant = 0; variant < 3; ++variant) {
        QueueFilter filter;
        filter.search = QStringLiteral("polizza");
        if (variant >= 1)
            filter.channel = Channel::X;
        if (variant == 2)
            filter.category = Category::Complaint;
        QVariantList binds;
        const QString statement = QueueQuery::searchWalkStatement(filter, &binds);
        QSqlQuery plan(db.connection());
        REQUIRE(plan.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + statement));
        for (const QVariant &v : binds)
            plan.addBindValue(v);
        REQUIRE(plan.exec());
        QStringList stepList;
        while (plan.next())
            stepList << plan.value(3).toString();
        const QString steps = stepList.join(QLatin1Char('\n'));
        INFO(statement.toStdString() << "\n" << steps.toStdString());
        CHECK(steps.contains(QLatin1String("SEARCH t USING")));
        CHECK(steps.contains(QLatin1String("INDEX threads_queue (status=?)")));
        CHECK(steps.contains(QLatin1String("SEARCH p USING COVERING INDEX posts_by_thread")));
        CHECK_FALSE(steps.contains(QLatin1String("TEMP B-TREE")));
    }
}

TEST_CASE("a search walked in due order agrees with the sorted matches on threads of several posts", "[queue][search]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T08:00:00Z");
    std::mt19937 random(16);
    const auto chance = [&](int percent) { return int(random() % 100) < percent; };
    const Channel channels[] = {Channel::Facebook, Channel::X, Channel::Instagram};
    const Category categories[] = {Category::Complaint, Category::Assistance, Category::NonNegative};
    const char *const vocabulary[] = {"polizza", "carrozzeria", "grandine", "sinistro", "rimborso"};
    QVector<PostRecord> posts;
    int laterMatchOnly = 0; // threads whose first post lacks "carrozzeria" and a later one has it
    for (int i = 0; i < 400; ++i) {
        const QString thread = QStringLiteral("t%1").arg(i);
        const Channel channel = channels[random() % 3];
        const Category category = categories[random() % 3];
        // Few distinct moments, authors and reaches: due times tie often, and so do the orders
        // that break their ties.
        qint64 at = t0 + qint64(random() % 40) * 60000;
        const int author = int(random() % 30);
        const int count = 1 + int(random() % 5);
        bool firstMatches = false;
        bool laterMatches = false;
        for (int k = 0; k < count; ++k) {
            QStringList words{QStringLiteral("Buongiorno")};
            for (const char *word : vocabulary)
                if (chance(k == 0 ? 15 : 25))
                    words << QLatin1String(word);
            const bool has = words.contains(QStringLiteral("carrozzeria"));
            (k == 0 ? firstMatches : laterMatches) |= has;
            const QString id = QStringLiteral("p%1-%2").arg(i).arg(k);
            // The company answers now and then; a thread whose last post is its answer is not waiting.
            PostRecord p = k > 0 && chance(35) ? outboundPost(thread, id, at, words.join(QLatin1Char(' ')), channel)
                                               : inboundPost(thread, id, at, words.join(QLatin1Char(' ')), channel);
            if (p.direction == Direction::Inbound) {
                p.category = category;
                p.author = {QStringLiteral("u%1").arg(author), QStringLiteral("cliente%1").arg(author),
                            QStringLiteral("Cliente %1").arg(author), qint64(author % 3) * 100};
            }
            posts << p;
            at += qint64(1 + random() % 3) * 60000;
        }
        if (!firstMatches && laterMatches)
            ++laterMatchOnly;
    }
    ingest(db, posts);
    CHECK(laterMatchOnly > 10);
    // Some waiting threads without a due time: they come first in the order, and a page that ends
    // on one of them is sorted instead of walked.
    REQUIRE(sql::exec(db.connection(), QStringLiteral("UPDATE threads SET due_at = NULL WHERE status = 'waiting' "
                                                      "AND id % 37 = 0"))
                .ok());
    CHECK(
        scalar(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting' AND due_at IS NULL")).toInt() >
        3);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM threads WHERE status <> 'waiting'")).toInt() > 20);

    QueueQuery sorted(db);
    sorted.setSearchPlan(SearchPlan::SortMatches);
    QueueQuery walked(db);
    walked.setSearchPlan(SearchPlan::WalkUrgency);
    QueueQuery automatic(db);
    for (const char *words :
         {"carrozzeria", "polizza", "sinistro rimborso", "carrozz", "cliente1", "Buongiorno", "nessuna"}) {
        for (int variant = 0; variant < 4; ++variant) {
            QueueFilter filter;
            filter.search = QLatin1String(words);
            if (variant == 1 || variant == 3)
                filter.channel = channels[variant % 3];
            if (variant >= 2)
                filter.category = Category::Assistance;
            INFO("search '" << words << "', variant " << variant);
            auto all = sorted.page(filter, QueueSort::Urgency, true, 0, 1000);
            REQUIRE(all.ok());
            if (std::string(words) != "nessuna" && variant == 0)
                CHECK(all->size() > 20);
            for (QueueQuery *query : {&walked, &automatic}) {
                auto whole = query->page(filter, QueueSort::Urgency, true, 0, 1000);
                REQUIRE(whole.ok());
                CHECK(ids(whole.value()) == ids(all.value()));
                for (int size : {1, 7, 50}) {
                    // Pages of one thread: the first forty (a page's end on every kind of tie).
                    const int end = size == 1 ? std::min(40, int(all->size())) : int(all->size()) + size;
                    const QVector<qint64> paged = pagedIds(*query, filter, size, end);
                    CHECK(paged == ids(all.value()).mid(0, paged.size()));
                    if (size > 1)
                        CHECK(paged.size() == all->size());
                }
            }
        }
    }
}

TEST_CASE("the matching posts of a search are found by id, below and beyond the largest post id", "[queue][search]")
{
    MatchingPosts none(0);
    none.seal();
    CHECK_FALSE(none.contains(0));
    CHECK_FALSE(none.contains(1));
    CHECK(none.count() == 0);

    MatchingPosts matching(1000);
    const QVector<qint64> inside{0, 1, 63, 64, 65, 127, 128, 500, 999, 1000};
    const QVector<qint64> beyond{5000, 1001, -7, std::numeric_limits<qint64>::max()};
    for (qint64 id : inside + beyond)
        matching.add(id);
    matching.seal();
    CHECK(matching.count() == inside.size() + beyond.size());
    for (qint64 id : inside + beyond)
        CHECK(matching.contains(id));
    for (qint64 id : {qint64(2), qint64(62), qint64(66), qint64(126), qint64(998), qint64(1002), qint64(4999),
                      qint64(-1), std::numeric_limits<qint64>::min()})
        CHECK_FALSE(matching.contains(id));
}

TEST_CASE("decide's refusals carry their kind", "[triage][errors]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    ingest(db, {inboundPost(QStringLiteral("a"), QStringLiteral("a1"), t0),
                inboundPost(QStringLiteral("b"), QStringLiteral("b1"), t0)});
    ManualClock clock(t0 + 60000);
    TriageService triage(db, clock, kAgent);
    const qint64 a = threadId(db, "a");
    const qint64 kNoSuchThread = 999'999;

    // A bad request: an empty reply, a close without its reason, a customer message that is a forward.
    auto empty = triage.decide({a, DecisionKind::ReplyPrivate, QStringLiteral("  "), {}, {}});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.errorKind() == ErrorKind::InvalidInput);
    auto close = triage.decide({a, DecisionKind::Close, QString(), {}, {}});
    REQUIRE_FALSE(close.ok());
    CHECK(close.errorKind() == ErrorKind::InvalidInput);
    DecisionRequest odd{a, DecisionKind::Forward, QString(), {}, {}};
    odd.customerText = QStringLiteral("La inoltriamo");
    odd.customerKind = DecisionKind::Forward;
    auto oddResult = triage.decide(odd);
    REQUIRE_FALSE(oddResult.ok());
    CHECK(oddResult.errorKind() == ErrorKind::InvalidInput);

    // A thread the cache does not hold.
    auto missing = triage.decide({kNoSuchThread, DecisionKind::ReplyPrivate, QStringLiteral("Salve"), {}, {}});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.errorKind() == ErrorKind::NotFound);

    // The guard refusing personal data in public.
    auto leaking =
        triage.decide({a, DecisionKind::ReplyPublic, QStringLiteral("Il suo codice fiscale RSSMRA85T10A562S"), {}, {}});
    REQUIRE_FALSE(leaking.ok());
    CHECK(leaking.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'guard_refused'")).toInt() == 1);

    // A reply longer than the channel takes.
    auto tooLong = triage.decide({a, DecisionKind::ReplyPublic, QString(70'000, QLatin1Char('x')), {}, {}});
    REQUIRE_FALSE(tooLong.ok());
    CHECK(tooLong.errorKind() == ErrorKind::InvalidInput);

    // A thread already decided: someone else got there first.
    REQUIRE(triage.decide({a, DecisionKind::ReplyPrivate, QStringLiteral("Le scriviamo in privato"), {}, {}}).ok());
    auto twice = triage.decide({a, DecisionKind::ReplyPrivate, QStringLiteral("Di nuovo"), {}, {}});
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.errorKind() == ErrorKind::Conflict);

    // No agent name: nothing may be recorded without one.
    TriageService anonymous(db, clock, Agent{});
    auto nameless = anonymous.decide({threadId(db, "b"), DecisionKind::ReplyPrivate, QStringLiteral("Salve"), {}, {}});
    REQUIRE_FALSE(nameless.ok());
    CHECK(nameless.errorKind() == ErrorKind::RefusedByPolicy);

    // Resolving a complaint that was never forwarded.
    Status resolved = triage.resolveComplaint(threadId(db, "b"), QStringLiteral("Risolto"));
    REQUIRE_FALSE(resolved.ok());
    CHECK(resolved.errorKind() == ErrorKind::NotFound);
    CHECK(triage.setCategory(kNoSuchThread, Category::Complaint).errorKind() == ErrorKind::NotFound);
}

TEST_CASE("a decision's writes are all or nothing when one of them fails", "[triage][transaction]")
{
    // Each table a forward of a complaint writes refuses in turn: nothing of the decision may remain.
    const char *refusals[] = {
        "CREATE TRIGGER refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END",
        "CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END",
        "CREATE TRIGGER refuse BEFORE INSERT ON complaints BEGIN SELECT RAISE(ABORT, 'complaint refused'); END",
        "CREATE TRIGGER refuse BEFORE DELETE ON drafts BEGIN SELECT RAISE(ABORT, 'draft refused'); END",
    };
    for (const char *refusal : refusals) {
        INFO(refusal);
        TempCache cache;
        Database &db = *cache.db;
        const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
        auto post = inboundPost(QStringLiteral("a"), QStringLiteral("a1"), t0, QStringLiteral("Reclamo formale"));
        post.category = Category::Complaint;
        ingest(db, {post});
        ManualClock clock(t0 + 60000);
        TriageService triage(db, clock, kAgent);
        const qint64 a = threadId(db, "a");
        REQUIRE(DraftStore(db).save(a, QStringLiteral("Nota per l'assistenza"), DecisionKind::Forward, t0).ok());
        REQUIRE(sql::exec(db.connection(), QString::fromLatin1(refusal)).ok());

        DecisionRequest forward{a, DecisionKind::Forward, QStringLiteral("Nota per l'assistenza"), {}, {}};
        forward.customerText = QStringLiteral("La sua pratica è la {case_reference}");
        forward.customerKind = DecisionKind::ReplyPrivate;
        auto refused = triage.decide(forward);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().contains(QLatin1String("refused")));
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt() == 0);
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM complaints")).toInt() == 0);
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM drafts")).toInt() == 1);
        CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(a)).toString() ==
              QLatin1String("waiting"));

        // Once the table takes writes again, the same decision goes through whole.
        REQUIRE(sql::exec(db.connection(), QStringLiteral("DROP TRIGGER refuse")).ok());
        auto decided = triage.decide(forward);
        INFO(decided.error().toStdString());
        REQUIRE(decided.ok());
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 2);
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt() == 2);
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 2);
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM complaints")).toInt() == 1);
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM drafts")).toInt() == 0);
        CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(a)).toString() ==
              QLatin1String("forwarded"));
    }
}

TEST_CASE("the stores decide writes through run inside the caller's transaction", "[triage][transaction]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    ingest(db, {inboundPost(QStringLiteral("a"), QStringLiteral("a1"), t0),
                outboundPost(QStringLiteral("a"), QStringLiteral("a2"), t0 + 1000),
                inboundPost(QStringLiteral("a"), QStringLiteral("a3"), t0 + 2000)});
    const qint64 a = threadId(db, "a");
    ManualClock clock(t0 + 60000);
    TriageService triage(db, clock, kAgent);
    // Closed: a decision without an outbox entry or a complaint clock of its own.
    auto decided = triage.decide({a, DecisionKind::Close, QString(), CloseReason::Spam, {}});
    REQUIRE(decided.ok());
    const QTimeZone rome("Europe/Rome");
    const QSqlDatabase connection = db.connection();

    {
        // Rolled back: none of the writes stays.
        Transaction transaction(connection);
        REQUIRE(transaction.started());
        REQUIRE(outbox::OutboxStore::enqueue(connection,
                                             {QStringLiteral("o-1"), decided->decisionId, DecisionKind::ReplyPrivate, a,
                                              QStringLiteral("Salve"), clock.nowMs(), true, QString()})
                    .ok());
        REQUIRE(openComplaint(connection, a, decided->decisionId, t0, clock.nowMs(), rome).ok());
        REQUIRE(appendAudit(connection, {clock.nowMs(), kAgent, QStringLiteral("test"), a, QString(), {}}).ok());
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 1);
        transaction.rollback();
    }
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM complaints")).toInt() == 0);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'test'")).toInt() == 0);

    // An entry fixes the post it answers, and an offline one the company posts the cache showed.
    {
        Transaction transaction(connection);
        REQUIRE(outbox::OutboxStore::enqueue(connection,
                                             {QStringLiteral("o-2"), decided->decisionId, DecisionKind::ReplyPrivate, a,
                                              QStringLiteral("Salve"), clock.nowMs(), true, QString()})
                    .ok());
        REQUIRE(transaction.commit().ok());
    }
    CHECK(scalar(db, QStringLiteral("SELECT target_post_id FROM outbox WHERE id = 'o-2'")).toString() ==
          QLatin1String("a3"));
    CHECK(scalar(db, QStringLiteral("SELECT seen_outbound FROM outbox WHERE id = 'o-2'")).toString() ==
          QLatin1String("[\"a2\"]"));
    CHECK(scalar(db, QStringLiteral("SELECT state FROM outbox WHERE id = 'o-2'")).toString() ==
          QLatin1String("pending"));

    // A complaint clock: an open one is kept, a resolved one opens again; resolving needs an open one.
    REQUIRE(openComplaint(connection, a, decided->decisionId, t0, t0 + 1000, rome).ok());
    REQUIRE(openComplaint(connection, a, decided->decisionId, t0 + 5000, t0 + 6000, rome).ok());
    CHECK(scalar(db, QStringLiteral("SELECT received_at FROM complaints WHERE thread_id = %1").arg(a)).toLongLong() ==
          t0);
    CHECK(scalar(db, QStringLiteral("SELECT deadline_at FROM complaints WHERE thread_id = %1").arg(a)).toLongLong() ==
          complaintDeadline(t0, rome));
    auto resolved = markComplaintResolved(connection, a, t0 + 7000, kAgent.name, QStringLiteral("Fatto"));
    REQUIRE(resolved.ok());
    CHECK(*resolved);
    auto again = markComplaintResolved(connection, a, t0 + 8000, kAgent.name, QStringLiteral("Fatto"));
    REQUIRE(again.ok());
    CHECK_FALSE(*again);
    REQUIRE(openComplaint(connection, a, decided->decisionId, t0 + 9000, t0 + 9500, rome).ok());
    CHECK(scalar(db, QStringLiteral("SELECT received_at FROM complaints WHERE thread_id = %1").arg(a)).toLongLong() ==
          t0 + 9000);
    CHECK(scalar(db, QStringLiteral("SELECT resolved_at FROM complaints WHERE thread_id = %1").arg(a)).isNull());

    // A draft removed inside a transaction that rolls back is still there.
    REQUIRE(DraftStore(db).save(a, QStringLiteral("Bozza"), std::nullopt, t0).ok());
    {
        Transaction transaction(connection);
        REQUIRE(DraftStore::removeIn(connection, a).ok());
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM drafts")).toInt() == 0);
    }
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM drafts")).toInt() == 1);
}

TEST_CASE("a private reply is refused on the channels that have none, and only there", "[triage]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    ManualClock clock(t0 + 60000);
    TriageService triage(db, clock, kAgent);
    const Channel channels[] = {Channel::Facebook, Channel::Instagram,  Channel::X,
                                Channel::AppStore, Channel::GooglePlay, Channel::InApp};
    int n = 0;
    for (const Channel channel : channels) {
        INFO(toId(channel).toStdString());
        const bool hasPrivate = channel != Channel::AppStore && channel != Channel::GooglePlay;
        CHECK(channelHasPrivateReplies(channel) == hasPrivate);
        // A private reply, and a forward that tells the customer privately.
        for (const bool forward : {false, true}) {
            const QString thread = QStringLiteral("t%1").arg(++n);
            ingest(db, {inboundPost(thread, thread + QStringLiteral("-1"), t0, QStringLiteral("Buongiorno"), channel)});
            DecisionRequest request{threadId(db, thread.toLatin1().constData()),
                                    forward ? DecisionKind::Forward : DecisionKind::ReplyPrivate,
                                    QStringLiteral("La contattiamo noi"),
                                    {},
                                    {}};
            if (forward) {
                request.customerText = QStringLiteral("Le scriviamo in privato");
                request.customerKind = DecisionKind::ReplyPrivate;
            }
            auto decided = triage.decide(request);
            INFO(decided.error().toStdString());
            CHECK(decided.ok() == hasPrivate);
            if (!hasPrivate) {
                CHECK(decided.errorKind() == ErrorKind::InvalidInput);
                CHECK(decided.error().contains(label(channel)));
                CHECK(decided.error().contains(QLatin1String("no private replies")));
                CHECK(
                    scalar(db,
                           QStringLiteral("SELECT count(*) FROM decisions WHERE thread_id = %1").arg(request.threadId))
                        .toInt() == 0);
                // In public it is accepted.
                request.kind = forward ? DecisionKind::Forward : DecisionKind::ReplyPublic;
                request.customerKind = DecisionKind::ReplyPublic;
                auto inPublic = triage.decide(request);
                INFO(inPublic.error().toStdString());
                CHECK(inPublic.ok());
            }
        }
    }
}
