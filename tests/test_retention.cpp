// The retention policy (core/privacy/Retention, docs/privacy.md "Retention"): parsing and
// validation, the selection of expired threads at its boundaries, the dry run (counts, nothing
// changed), the run (exactly the expired threads anonymised, expired audit entries and access
// records deleted, one audit entry), the reports' figures kept, the console's schedule on an
// injected clock, and `sportello-cli privacy retention`.

#include "CliProcess.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "privacy/Erasure.h"
#include "privacy/Retention.h"
#include "privacy/RetentionSchedule.h"
#include "report/ReportJob.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "triage/TriageService.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace sportello;
using namespace sportello::test;
using privacy::RetentionCounts;
using privacy::RetentionPolicy;

namespace {

// "Now" of the tests: the default policy's limits fall on 2027-06-15 12:00 (24 months, closed
// threads) and 2019-06-15 12:00 (120 months, complaints and audit).
const char *const kNow = "2029-06-15T12:00:00Z";
const char *const kClosedLimit = "2027-06-15T12:00:00Z";

qint64 threadId(Database &db, const QString &external)
{
    return scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(external)).toLongLong();
}

// A thread with an inbound post and the company's reply `gapMs` later; the thread is answered,
// and its last activity is the reply's time.
void answeredThread(Database &db, const QString &thread, qint64 replyAt, qint64 gapMs = 3'600'000,
                    const QString &text = QStringLiteral("Ho un problema con la polizza"))
{
    ingest(db, {inboundPost(thread, thread + QStringLiteral("-in"), replyAt - gapMs, text),
                outboundPost(thread, thread + QStringLiteral("-out"), replyAt)});
}

// The sample: which thread a run at kNow under the defaults anonymises, and which it keeps.
struct Sample {
    QStringList expired; // external ids
    QStringList kept;
};

Sample buildSample(Database &db)
{
    const qint64 limit = utcMs(kClosedLimit);
    answeredThread(db, QStringLiteral("t-old"), utcMs("2027-01-10T10:00:00Z"));
    // Just past the limit, and exactly at it (kept: older than the limit expires).
    answeredThread(db, QStringLiteral("t-edge-out"), limit - 1);
    answeredThread(db, QStringLiteral("t-edge-at"), limit);
    answeredThread(db, QStringLiteral("t-recent"), utcMs("2028-12-01T10:00:00Z"));
    // Waiting for an answer for years: never anonymised.
    ingest(db,
           {inboundPost(QStringLiteral("t-waiting"), QStringLiteral("t-waiting-in"), utcMs("2026-05-01T09:00:00Z"))});
    // A complaint: kept for complaint_months (120), so a 2027 complaint stays.
    answeredThread(db, QStringLiteral("t-complaint"), utcMs("2027-01-10T10:00:00Z"));
    // An old complaint, past even 120 months.
    answeredThread(db, QStringLiteral("t-complaint-old"), utcMs("2019-01-10T10:00:00Z"));
    // Closed without a reply by a decision later than its last post: the decision is its last
    // activity, after the limit, so it is kept.
    ingest(db, {inboundPost(QStringLiteral("t-closed-late"), QStringLiteral("t-closed-late-in"),
                            utcMs("2027-01-10T10:00:00Z"))});
    // Closed by a decision in time: expired.
    ingest(db, {inboundPost(QStringLiteral("t-closed"), QStringLiteral("t-closed-in"), utcMs("2027-01-10T10:00:00Z"))});
    {
        ManualClock clock(utcMs("2027-01-10T11:00:00Z"));
        TriageService triage(db, clock, Agent{QStringLiteral("agent-1"), QStringLiteral("Marta Verdi")});
        REQUIRE(triage
                    .decide({threadId(db, QStringLiteral("t-closed")), DecisionKind::Close, QString(),
                             CloseReason::NoAnswerNeeded, Category::NonNegative})
                    .ok());
        REQUIRE(triage.setCategory(threadId(db, QStringLiteral("t-complaint")), Category::Complaint).ok());
        REQUIRE(triage.setCategory(threadId(db, QStringLiteral("t-complaint-old")), Category::Complaint).ok());
        clock.setNowMs(limit + 86'400'000);
        REQUIRE(triage
                    .decide({threadId(db, QStringLiteral("t-closed-late")), DecisionKind::Close, QString(),
                             CloseReason::NoAnswerNeeded, Category::NonNegative})
                    .ok());
    }
    // One person in an expired thread and a kept one: their author stays readable.
    PostRecord shared = inboundPost(QStringLiteral("t-old"), QStringLiteral("t-old-in2"), utcMs("2027-01-10T08:00:00Z"),
                                    QStringLiteral("Scrivo anche qui"));
    shared.author = {QStringLiteral("cust-both"), QStringLiteral("mario_both"), QStringLiteral("Mario Both"), 5};
    PostRecord sharedRecent = inboundPost(QStringLiteral("t-recent"), QStringLiteral("t-recent-in2"),
                                          utcMs("2028-12-01T08:00:00Z"), QStringLiteral("E ancora qui"));
    sharedRecent.author = shared.author;
    ingest(db, {shared, sharedRecent});
    return {{QStringLiteral("t-old"), QStringLiteral("t-edge-out"), QStringLiteral("t-complaint-old"),
             QStringLiteral("t-closed")},
            {QStringLiteral("t-edge-at"), QStringLiteral("t-recent"), QStringLiteral("t-waiting"),
             QStringLiteral("t-complaint"), QStringLiteral("t-closed-late")}};
}

QStringList externalIds(Database &db, const QList<qint64> &ids)
{
    QStringList out;
    for (qint64 id : ids)
        out << scalar(db, QStringLiteral("SELECT external_id FROM threads WHERE id = %1").arg(id)).toString();
    out.sort();
    return out;
}

// A digest of every row of every table of the cache (the FTS shadow tables included): equal
// digests, unchanged contents.
QByteArray contentDigest(Database &db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlQuery tables(db.connection());
    REQUIRE(tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                       "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    REQUIRE(names.contains(QStringLiteral("posts")));
    for (const QString &name : names) {
        QSqlQuery rows(db.connection());
        REQUIRE(rows.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY 1").arg(name)));
        hash.addData(name.toUtf8());
        while (rows.next())
            for (int i = 0; i < rows.record().count(); ++i)
                hash.addData(rows.value(i).toString().toUtf8() + '\x1f');
    }
    return hash.result();
}

void addAudit(Database &db, const char *at, const QString &action, const QString &teamState = QString())
{
    REQUIRE(appendAudit(db.connection(), {utcMs(at), Agent{QStringLiteral("a"), QStringLiteral("A")}, action, 0,
                                          QString(), QJsonObject{}})
                .ok());
    if (!teamState.isEmpty())
        REQUIRE(sql::exec(
                    db.connection(),
                    QStringLiteral("UPDATE audit_log SET team_state = '%1' WHERE action = '%2'").arg(teamState, action))
                    .ok());
}

// An access record (cache schema 29) at `at`.
void addAccess(Database &db, const QString &id, const char *at, const QString &teamState = QString())
{
    QSqlQuery q(db.connection());
    REQUIRE(q.prepare(QStringLiteral("INSERT INTO access_log(id, at, agent_id, agent_name, kind, subject, team_state) "
                                     "VALUES(?, ?, 'a', 'A', 'customer_card', 'x', ?)")));
    q.addBindValue(id);
    q.addBindValue(utcMs(at));
    q.addBindValue(sql::nullableText(teamState));
    REQUIRE(q.exec());
}

RetentionCounts runNoScrub(Database &db, const RetentionPolicy &policy, qint64 now, int batch = 200)
{
    privacy::RetentionRunOptions options;
    options.batchThreads = batch;
    auto counts =
        privacy::runRetention(db, policy, now, Agent{QStringLiteral("cli:test"), QStringLiteral("test")}, options);
    INFO(counts.error().toStdString());
    REQUIRE(counts.ok());
    return *counts;
}

// The readable text left in a thread's posts.
qint64 readablePosts(Database &db, const QString &thread)
{
    return scalar(db, QStringLiteral("SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE "
                                     "t.external_id = '%1' AND p.text <> ''")
                          .arg(thread))
        .toLongLong();
}

} // namespace

TEST_CASE("retention policy: parsed, validated, defaults for keys left out", "[retention][policy]")
{
    auto defaults = privacy::parseRetentionPolicy("{}");
    REQUIRE(defaults.ok());
    CHECK(*defaults == RetentionPolicy{});
    CHECK(defaults->closedThreadsMonths == 24);
    CHECK(defaults->complaintMonths == 120);
    CHECK(defaults->auditMonths == 120);
    CHECK(defaults->accessLogMonths == 60);

    auto full = privacy::parseRetentionPolicy(
        R"({"closed_threads_months": 36, "complaint_months": 132, "audit_months": 84, "access_log_months": 24})");
    REQUIRE(full.ok());
    CHECK(full->closedThreadsMonths == 36);
    CHECK(full->complaintMonths == 132);
    CHECK(full->auditMonths == 84);
    CHECK(full->accessLogMonths == 24);
    // Written and read back, in its own key order.
    CHECK(privacy::retentionPolicyJson(*full) ==
          R"({"closed_threads_months": 36, "complaint_months": 132, "audit_months": 84, "access_log_months": 24})");
    CHECK(*privacy::parseRetentionPolicy(privacy::retentionPolicyJson(*full)) == *full);

    const auto refused = [](const char *json, const char *says) {
        auto parsed = privacy::parseRetentionPolicy(json);
        INFO(json);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.errorKind() == ErrorKind::InvalidInput);
        INFO(parsed.error().toStdString());
        CHECK(parsed.error().contains(QLatin1String(says)));
    };
    refused("{\"closed_threads_months\": 24", "not valid JSON");
    refused("[24]", "must be a JSON object");
    refused(R"({"closed_thread_months": 24})", "Unknown key \"closed_thread_months\"");
    refused(R"({"closed_threads_months": -1})", "closed_threads_months must be from 1 to 1200 months, not -1");
    refused(R"({"audit_months": 0})", "audit_months must be from 1 to 1200 months, not 0");
    refused(R"({"access_log_months": 1201})", "access_log_months must be from 1 to 1200 months, not 1201");
    refused(R"({"audit_months": 1e12})", "audit_months must be a whole number");
    refused(R"({"audit_months": 24.5})", "audit_months must be a whole number");
    refused(R"({"audit_months": "24"})", "audit_months must be a whole number");
    refused(R"({"audit_months": null})", "audit_months must be a whole number");
    refused(R"({"closed_threads_months": 130})", "complaint_months (120) must not be shorter than "
                                                 "closed_threads_months (130)");
}

TEST_CASE("retention policy: stored in app_state with an audit entry, the defaults until then", "[retention][policy]")
{
    TempCache cache;
    const QSqlDatabase db = cache.db->connection();
    CHECK(*privacy::readRetentionPolicy(db) == RetentionPolicy{});
    CHECK_FALSE(*privacy::retentionPolicyStored(db));
    RetentionPolicy policy;
    policy.closedThreadsMonths = 12;
    const Agent marta{QStringLiteral("agent-1"), QStringLiteral("Marta Verdi")};
    REQUIRE(privacy::writeRetentionPolicy(db, policy, marta, utcMs(kNow)).ok());
    CHECK(*privacy::readRetentionPolicy(db) == policy);
    CHECK(*privacy::retentionPolicyStored(db));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT value FROM app_state WHERE key = 'retention_policy'")).toString() ==
          QString::fromUtf8(privacy::retentionPolicyJson(policy)));
    const QJsonObject details =
        QJsonDocument::fromJson(scalar(*cache.db, QStringLiteral("SELECT details FROM audit_log WHERE action = "
                                                                 "'retention_policy_changed'"))
                                    .toString()
                                    .toUtf8())
            .object();
    CHECK(details.value(QStringLiteral("before")).toString() == QLatin1String("defaults"));
    CHECK(details.value(QStringLiteral("after")).toObject().value(QStringLiteral("closed_threads_months")).toInt() ==
          12);
    // An invalid policy is refused before anything is written.
    policy.auditMonths = 0;
    CHECK(privacy::writeRetentionPolicy(db, policy, marta, utcMs(kNow)).errorKind() == ErrorKind::InvalidInput);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt() == 1);
    // A damaged stored value is an error, not the defaults.
    REQUIRE(sql::exec(db, QStringLiteral("UPDATE app_state SET value = '{\"audit_months\": -3}' WHERE key = "
                                         "'retention_policy'"))
                .ok());
    auto damaged = privacy::readRetentionPolicy(db);
    REQUIRE_FALSE(damaged.ok());
    CHECK(damaged.errorKind() == ErrorKind::Corrupt);
}

TEST_CASE("retention policy: a team setting, noted for the push and written back by the feed",
          "[retention][policy][team]")
{
    TempCache cache;
    const QSqlDatabase db = cache.db->connection();
    const Agent marta{QStringLiteral("agent-1"), QStringLiteral("Marta Verdi")};
    // Alone: nothing to push.
    REQUIRE(privacy::writeRetentionPolicy(db, RetentionPolicy{}, marta, utcMs(kNow)).ok());
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM team_outgoing")).toInt() == 0);
    // In a team: the change is noted as the setting 'retention_policy'.
    REQUIRE(
        sql::exec(db, QStringLiteral("INSERT INTO app_state(key, value) VALUES('team_url', 'postgresql://x')")).ok());
    RetentionPolicy policy;
    policy.closedThreadsMonths = 36;
    REQUIRE(privacy::writeRetentionPolicy(db, policy, marta, utcMs(kNow)).ok());
    CHECK(scalar(*cache.db, QStringLiteral("SELECT kind || ':' || key FROM team_outgoing")).toString() ==
          QLatin1String("setting:retention_policy"));
    // The feed's own write (marked by team_applying) is not noted again.
    REQUIRE(sql::exec(db, QStringLiteral("DELETE FROM team_outgoing")).ok());
    REQUIRE(sql::exec(db, QStringLiteral("INSERT INTO app_state(key, value) VALUES('team_applying', '1')")).ok());
    REQUIRE(sql::exec(db, QStringLiteral("UPDATE app_state SET value = '{}' WHERE key = 'retention_policy'")).ok());
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM team_outgoing")).toInt() == 0);
}

TEST_CASE("retention: the expired threads, at the limits", "[retention][selection]")
{
    TempCache cache;
    Database &db = *cache.db;
    const Sample sample = buildSample(db);
    const qint64 now = utcMs(kNow);
    auto expired = privacy::expiredThreads(db.connection(), RetentionPolicy{}, now);
    REQUIRE(expired.ok());
    QStringList want = sample.expired;
    want.sort();
    CHECK(externalIds(db, *expired) == want);
    // A complaint still open is kept, even past complaint_months.
    REQUIRE(sql::exec(db.connection(),
                      QStringLiteral("INSERT INTO complaints(thread_id, decision_id, received_at, forwarded_at, "
                                     "deadline_at) SELECT t.id, d.id, 0, 0, 0 FROM threads t, decisions d WHERE "
                                     "t.external_id = 't-complaint-old' LIMIT 1"))
                .ok());
    want.removeOne(QStringLiteral("t-complaint-old"));
    CHECK(externalIds(db, *privacy::expiredThreads(db.connection(), RetentionPolicy{}, now)) == want);
    // A complaints row makes a thread a complaint whatever its category: resolved, it is kept for
    // complaint_months like the others.
    REQUIRE(sql::exec(db.connection(), QStringLiteral("UPDATE complaints SET resolved_at = 1, thread_id = (SELECT id "
                                                      "FROM threads WHERE external_id = 't-old')"))
                .ok());
    want.removeOne(QStringLiteral("t-old"));
    want << QStringLiteral("t-complaint-old");
    want.sort();
    CHECK(externalIds(db, *privacy::expiredThreads(db.connection(), RetentionPolicy{}, now)) == want);
    // A reply still to deliver keeps its thread.
    REQUIRE(
        sql::exec(db.connection(),
                  QStringLiteral("INSERT INTO decisions(id, thread_id, kind, text, agent_id, agent_name, decided_at) "
                                 "SELECT 'd-pending', id, 'reply_public', 'x', 'a', 'A', %1 FROM threads WHERE "
                                 "external_id = 't-edge-out'")
                      .arg(utcMs("2027-01-01T00:00:00Z")))
            .ok());
    REQUIRE(sql::exec(db.connection(), QStringLiteral("INSERT INTO outbox(id, decision_id, idempotency_key, state, "
                                                      "created_at) VALUES('o1', 'd-pending', 'k1', 'pending', 0)"))
                .ok());
    want.removeOne(QStringLiteral("t-edge-out"));
    CHECK(externalIds(db, *privacy::expiredThreads(db.connection(), RetentionPolicy{}, now)) == want);
}

TEST_CASE("retention: the selection reads the activity index, the audit deletion the time index",
          "[retention][selection]")
{
    TempCache cache;
    const auto plan = [&](const QString &statement) {
        QSqlQuery q(cache.db->connection());
        REQUIRE(q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + statement));
        for (const char *name : {":upper", ":complaints", ":closed"})
            if (statement.contains(QLatin1String(name)))
                q.bindValue(QLatin1String(name), 5);
        REQUIRE(q.exec());
        QStringList lines;
        while (q.next())
            lines << q.value(3).toString();
        return lines.join(QLatin1Char('\n'));
    };
    const QString threads = plan(privacy::expiredThreadsStatement());
    INFO(threads.toStdString());
    // A range of the index per status, not a scan of every thread.
    CHECK(threads.contains(QLatin1String("SEARCH t USING INDEX threads_by_activity (status=? AND "
                                         "last_activity_at<?)")));
    CHECK_FALSE(threads.contains(QLatin1String("SCAN t")));
    const QString audit = plan(QStringLiteral("DELETE FROM audit_log WHERE at < 5 AND team_state IS NOT 'to_push'"));
    INFO(audit.toStdString());
    CHECK(audit.contains(QLatin1String("USING INDEX audit_by_time (at<?)")));
}

TEST_CASE("retention: the dry run counts what the run does, and changes nothing", "[retention][run]")
{
    TempCache cache;
    Database &db = *cache.db;
    const Sample sample = buildSample(db);
    const qint64 now = utcMs(kNow);
    addAudit(db, "2019-01-01T00:00:00Z", QStringLiteral("old_entry"));
    addAudit(db, "2019-02-01T00:00:00Z", QStringLiteral("old_unpushed"), QStringLiteral("to_push"));
    addAudit(db, "2020-01-01T00:00:00Z", QStringLiteral("kept_entry"));
    const qint64 auditBefore = scalar(db, QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();

    SECTION("with no access record")
    {
        const QByteArray before = contentDigest(db);
        auto dry = privacy::dryRunRetention(db.connection(), RetentionPolicy{}, now);
        REQUIRE(dry.ok());
        CHECK(contentDigest(db) == before);
        CHECK(dry->threads == sample.expired.size());
        // t-old: its customer's post, the reply and the shared author's; t-closed: one post, closed
        // without a reply; the others a post and its reply.
        CHECK(dry->posts == 3 + 2 + 2 + 1);
        // Each expired thread's own customer; not the shared one (readable in t-recent), never the
        // company.
        CHECK(dry->authors == sample.expired.size());
        CHECK(dry->auditEntries == 1);
        CHECK(dry->accessRecords == 0);

        const RetentionCounts done = runNoScrub(db, RetentionPolicy{}, now, 3);
        CHECK(done.threads == dry->threads);
        CHECK(done.posts == dry->posts);
        CHECK(done.authors == dry->authors);
        CHECK(done.auditEntries == dry->auditEntries);
        CHECK(done.accessRecords == 0);

        for (const QString &thread : sample.expired) {
            INFO(thread.toStdString());
            CHECK(readablePosts(db, thread) == 0);
            // The rows stay: anonymised, never deleted.
            CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE "
                                            "t.external_id = '%1'")
                                 .arg(thread))
                      .toLongLong() >= 1);
            CHECK(scalar(db, QStringLiteral("SELECT a.handle || a.display_name FROM authors a WHERE a.id = (SELECT "
                                            "p.author_id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE "
                                            "t.external_id = '%1' AND p.direction = 'inbound' AND p.external_id = "
                                            "'%1-in')")
                                 .arg(thread))
                      .toString()
                      .isEmpty());
        }
        for (const QString &thread : sample.kept) {
            INFO(thread.toStdString());
            CHECK(readablePosts(db, thread) > 0);
        }
        CHECK(scalar(db, QStringLiteral("SELECT handle FROM authors WHERE external_id = 'cust-both'")).toString() ==
              QLatin1String("mario_both"));
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM authors WHERE external_id = 'company'")).toInt() == 1);
        // The expired audit entry went; the one still to push and the recent one stayed; the run
        // wrote its own, with the counts and the policy.
        CHECK(scalar(db, QStringLiteral("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE "
                                        "action IN ('old_entry', 'old_unpushed', 'kept_entry') ORDER BY action)"))
                  .toString() == QLatin1String("kept_entry,old_unpushed"));
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong() == auditBefore - 1 + 1);
        const QJsonObject details =
            QJsonDocument::fromJson(
                scalar(db, QStringLiteral("SELECT details FROM audit_log WHERE action = 'retention_run'"))
                    .toString()
                    .toUtf8())
                .object();
        CHECK(details.value(QStringLiteral("threads")).toInt() == sample.expired.size());
        CHECK(details.value(QStringLiteral("audit_entries")).toInt() == 1);
        CHECK(
            details.value(QStringLiteral("policy")).toObject().value(QStringLiteral("closed_threads_months")).toInt() ==
            24);
        CHECK(details.value(QStringLiteral("access_records")).toInt(-1) == 0);

        // A second run finds nothing left to do.
        auto again = privacy::dryRunRetention(db.connection(), RetentionPolicy{}, now);
        REQUIRE(again.ok());
        CHECK(again->threads == 0);
        CHECK(again->posts == 0);
        CHECK(again->authors == 0);
        CHECK(again->auditEntries == 0);
    }
    SECTION("with access records")
    {
        addAccess(db, QStringLiteral("r-old"), "2024-01-01T00:00:00Z");
        addAccess(db, QStringLiteral("r-old-unpushed"), "2024-01-01T00:00:00Z", QStringLiteral("to_push"));
        addAccess(db, QStringLiteral("r-edge"), "2024-06-15T12:00:00Z"); // exactly 60 months: kept
        addAccess(db, QStringLiteral("r-new"), "2025-01-01T00:00:00Z");
        const QByteArray before = contentDigest(db);
        auto dry = privacy::dryRunRetention(db.connection(), RetentionPolicy{}, now);
        REQUIRE(dry.ok());
        CHECK(contentDigest(db) == before);
        CHECK(dry->accessRecords == 1);
        const RetentionCounts done = runNoScrub(db, RetentionPolicy{}, now);
        CHECK(done.accessRecords == 1);
        CHECK(scalar(db, QStringLiteral("SELECT group_concat(id, ',') FROM (SELECT id FROM access_log ORDER BY id)"))
                  .toString() == QLatin1String("r-edge,r-new,r-old-unpushed"));
    }
}

TEST_CASE("retention: batches using full-text terms read ahead leave the index one transaction leaves",
          "[retention][run]")
{
    // The same cache twice: one run in batches of one thread, its terms read ahead two threads at a
    // time (so some batches use terms noted by the one before); the other all the expired threads
    // in one transaction reading the index itself.
    TempCache inBatches, atOnce;
    const Sample sample = buildSample(*inBatches.db);
    buildSample(*atOnce.db);
    const qint64 now = utcMs(kNow);
    privacy::RetentionRunOptions options;
    options.batchThreads = 1;
    options.readAheadThreads = 2;
    options.scrubFreedSpace = false;
    auto done = privacy::runRetention(*inBatches.db, RetentionPolicy{}, now,
                                      Agent{QStringLiteral("cli:test"), QStringLiteral("test")}, options);
    INFO(done.error().toStdString());
    REQUIRE(done.ok());
    CHECK(done->threads == sample.expired.size());

    auto expired = privacy::expiredThreads(atOnce.db->connection(), RetentionPolicy{}, now);
    REQUIRE(expired.ok());
    {
        Transaction transaction(atOnce.db->connection());
        REQUIRE(transaction.started());
        REQUIRE(privacy::anonymiseThreads(atOnce.db->connection(), *expired).ok());
        REQUIRE(transaction.commit().ok());
    }
    const auto index = [](Database &db) {
        REQUIRE(sql::exec(db.connection(), QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_instances "
                                                          "USING fts5vocab(main, posts_fts, instance)"))
                    .ok());
        return scalar(db, QStringLiteral("SELECT (SELECT group_concat(doc || ':' || col || ':' || offset || ':' || "
                                         "term, ' ') FROM (SELECT * FROM temp.test_instances ORDER BY doc, col, "
                                         "offset)) || ' | ' || (SELECT group_concat(id || ':' || hex(sz), ' ') FROM "
                                         "(SELECT * FROM posts_fts_docsize ORDER BY id))"))
            .toString();
    };
    CHECK_FALSE(index(*inBatches.db).isEmpty());
    CHECK(index(*inBatches.db) == index(*atOnce.db));
    CHECK(sql::exec(inBatches.db->connection(),
                    QStringLiteral("INSERT INTO posts_fts(posts_fts, rank) VALUES('integrity-check', 0)"))
              .ok());
}

TEST_CASE("retention: a report's figures are the same after a run", "[retention][report]")
{
    TempCache cache;
    Database &db = *cache.db;
    buildSample(db);
    const qint64 now = utcMs(kNow);
    ReportFilter filter;
    filter.from = QDate(2018, 1, 1);
    filter.to = QDate(2029, 6, 15);
    const QVector<GroupField> grouping{GroupField::Category, GroupField::Channel};
    auto before = computeReportTables(cache.path, filter, grouping, now);
    REQUIRE(before.ok());
    REQUIRE(before->postCount > 0);

    const RetentionCounts done = runNoScrub(db, RetentionPolicy{}, now);
    REQUIRE(done.threads > 0);
    auto after = computeReportTables(cache.path, filter, grouping, now);
    REQUIRE(after.ok());
    CHECK(after->postCount == before->postCount);
    for (const auto member : {&ReportTables::grouped, &ReportTables::cetif, &ReportTables::purposes,
                              &ReportTables::histogram, &ReportTables::handoffs, &ReportTables::days}) {
        CHECK(((*after).*member).rows == ((*before).*member).rows);
    }
}

TEST_CASE("retention: the schedule runs after the start delay, then once an interval, never while the agent is busy",
          "[retention][schedule]")
{
    TempCache cache;
    Database &db = *cache.db;
    const Sample sample = buildSample(db);
    // The first run comes 90 seconds after the start: at kNow.
    ManualClock clock(utcMs(kNow) - 90'000);
    privacy::RetentionSchedule::Timing timing;
    timing.startDelayMs = 60'000;
    timing.intervalMs = 86'400'000;
    timing.retryMs = 30'000;
    privacy::RetentionSchedule schedule(cache.path, clock, Agent{QStringLiteral("agent-1"), QStringLiteral("Marta")},
                                        timing);
    QSignalSpy finished(&schedule, &privacy::RetentionSchedule::finished);

    CHECK_FALSE(schedule.poll(false)); // not yet: the start delay
    clock.advanceMs(60'000);
    CHECK_FALSE(schedule.poll(true)); // due, but the agent is mid-decision: later
    CHECK(schedule.nextDueMs() == clock.nowMs() + 30'000);
    CHECK_FALSE(schedule.poll(false));
    clock.advanceMs(30'000);
    REQUIRE(schedule.poll(false));
    CHECK(schedule.running());
    CHECK_FALSE(schedule.poll(false)); // one run at a time
    REQUIRE(finished.wait(60'000));
    const auto outcome = finished.at(0).at(0).value<privacy::RetentionSchedule::Outcome>();
    INFO(outcome.error.toStdString());
    REQUIRE(outcome.ok);
    CHECK(outcome.counts.threads == sample.expired.size());
    CHECK_FALSE(schedule.running());
    for (const QString &thread : sample.expired)
        CHECK(readablePosts(db, thread) == 0);

    CHECK(schedule.nextDueMs() == clock.nowMs() + timing.intervalMs);
    clock.advanceMs(timing.intervalMs - 1);
    CHECK_FALSE(schedule.poll(false));
    clock.advanceMs(1);
    REQUIRE(schedule.poll(false));
    REQUIRE(finished.wait(60'000));
    const auto second = finished.at(1).at(0).value<privacy::RetentionSchedule::Outcome>();
    REQUIRE(second.ok);
    // A day later, the thread whose last activity was exactly at the limit has expired too.
    CHECK(second.counts.threads == 1);
    CHECK(readablePosts(db, QStringLiteral("t-edge-at")) == 0);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'retention_run'")).toInt() == 2);
}

TEST_CASE("sportello-cli privacy retention: show, set, dry-run, run", "[retention][cli]")
{
    TempCache cache;
    // Threads dated from today's clock: the command line runs at the real time.
    const qint64 today = QDateTime::currentMSecsSinceEpoch();
    const qint64 day = 86'400'000;
    answeredThread(*cache.db, QStringLiteral("t-3y"), today - 3 * 365 * day);
    answeredThread(*cache.db, QStringLiteral("t-1y"), today - 365 * day);
    const QString path = cache.path;
    const auto cli = [&](QStringList arguments) {
        arguments << QStringLiteral("--database") << path;
        return runCli(arguments, {}, {{QStringLiteral("USER"), QStringLiteral("tester")}});
    };

    auto shown =
        cli({QStringLiteral("privacy"), QStringLiteral("retention"), QStringLiteral("show"), QStringLiteral("--json")});
    INFO(shown.err.toStdString());
    REQUIRE(shown.exitCode == 0);
    CHECK(shown.out.trimmed() == QString::fromUtf8(privacy::retentionPolicyJson(RetentionPolicy{})));

    auto dry = cli(
        {QStringLiteral("privacy"), QStringLiteral("retention"), QStringLiteral("dry-run"), QStringLiteral("--json")});
    INFO(dry.err.toStdString());
    REQUIRE(dry.exitCode == 0);
    const QJsonObject counts = QJsonDocument::fromJson(dry.out.toUtf8()).object();
    CHECK(counts.value(QStringLiteral("threads")).toInt() == 1);
    CHECK(counts.value(QStringLiteral("posts")).toInt() == 2);

    // Options change the stored policy's limits; a bad one is refused and changes nothing.
    auto set = cli({QStringLiteral("privacy"), QStringLiteral("retention"), QStringLiteral("set"),
                    QStringLiteral("--closed-threads-months"), QStringLiteral("6")});
    INFO(set.err.toStdString());
    REQUIRE(set.exitCode == 0);
    CHECK(set.out.contains(QLatin1String("closed threads anonymised after 6 months")));
    auto bad = cli({QStringLiteral("privacy"), QStringLiteral("retention"), QStringLiteral("set"),
                    QStringLiteral("--audit-months"), QStringLiteral("0")});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(QLatin1String("audit_months must be from 1 to 1200 months, not 0")));
    QFile file(cache.dir.filePath(QStringLiteral("policy.json")));
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(R"({"closed_threads_months": 6, "complaint_months": 120, "bogus": 1})");
    file.close();
    auto unknown =
        cli({QStringLiteral("privacy"), QStringLiteral("retention"), QStringLiteral("set"), file.fileName()});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.contains(QLatin1String("Unknown key \"bogus\"")));
    auto usage = cli({QStringLiteral("privacy"), QStringLiteral("retention"), QStringLiteral("set")});
    CHECK(usage.exitCode == 2);
    CHECK(*privacy::readRetentionPolicy(cache.db->connection()) == RetentionPolicy{6, 120, 120, 60});

    auto ran = cli({QStringLiteral("privacy"), QStringLiteral("retention"), QStringLiteral("run")});
    INFO(ran.err.toStdString());
    REQUIRE(ran.exitCode == 0);
    CHECK(ran.out.contains(QLatin1String("Retention anonymised 2 threads (4 posts, 2 authors)")));
    CHECK(readablePosts(*cache.db, QStringLiteral("t-3y")) == 0);
    CHECK(readablePosts(*cache.db, QStringLiteral("t-1y")) == 0);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT agent_name FROM audit_log WHERE action = 'retention_run'"))
              .toString() == QLatin1String("tester"));
}
