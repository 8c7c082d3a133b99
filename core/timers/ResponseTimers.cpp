#include "timers/ResponseTimers.h"

#include "storage/Sql.h"

#include <QSqlQuery>

namespace sportello {

namespace {

// Set-based: each statement runs once for the whole batch of threads, selected either by a JSON
// array of ids (json_each) or as every waiting thread, so an import of 50,000 threads costs four
// statements, not 200,000. Every look-up inside is an index seek on
// posts(thread_id, direction, created_at). {threads} selects the threads, {posts} their posts.
//
// A decision answers when it is taken, except a public reply held for a supervisor's approval
// (team mode, outbox state awaiting_approval or sent_back): it answers nothing yet, the timer
// keeps running; once approved it answers at the approval (reviewed_at).
// {answers_at} is that moment for a decision d with its outbox entry ob (LEFT JOIN).
const char *const kDecisionAnswersAt = "CASE WHEN ob.state IN ('awaiting_approval', 'sent_back') THEN NULL "
                                       "ELSE max(d.decided_at, coalesce(ob.reviewed_at, d.decided_at)) END";
const char *const kRecomputeStatements[] = {
    R"(UPDATE threads SET last_answer_at = (
        SELECT max(t) FROM (
          SELECT max(created_at) AS t FROM posts WHERE thread_id = threads.id AND direction = 'outbound'
          UNION ALL SELECT max({answers_at}) FROM decisions d
            LEFT JOIN outbox ob ON ob.decision_id = d.id WHERE d.thread_id = threads.id)),
        last_activity_at = (SELECT max(created_at) FROM posts WHERE thread_id = threads.id),
        created_at = coalesce((SELECT min(created_at) FROM posts WHERE thread_id = threads.id), created_at)
       WHERE {threads})",
    // An inbound post is answered by the first outbound post or decision at or after it.
    R"(UPDATE posts SET answered_at = (
        SELECT min(t) FROM (
          SELECT min(o.created_at) AS t FROM posts o WHERE o.thread_id = posts.thread_id
            AND o.direction = 'outbound' AND o.created_at >= posts.created_at
          UNION ALL SELECT min({answers_at}) FROM decisions d
            LEFT JOIN outbox ob ON ob.decision_id = d.id WHERE d.thread_id = posts.thread_id
            AND d.decided_at >= posts.created_at))
       WHERE {posts} AND direction = 'inbound')",
    // The post shown in the queue is the oldest waiting one; the thread's timer is the waiting
    // post due first (under the selective policy a later complaint can be due before an
    // earlier comment).
    R"(UPDATE threads SET
        waiting_post_id = (
          SELECT p.id FROM posts p WHERE p.thread_id = threads.id AND p.direction = 'inbound'
            AND p.created_at > coalesce(threads.last_answer_at, -9223372036854775807)
          ORDER BY p.created_at, p.id LIMIT 1),
        timer_post_id = (
          SELECT p.id FROM posts p WHERE p.thread_id = threads.id AND p.direction = 'inbound'
            AND p.created_at > coalesce(threads.last_answer_at, -9223372036854775807)
          ORDER BY p.due_at, p.created_at, p.id LIMIT 1)
       WHERE {threads})",
    R"(UPDATE threads SET
        waiting_since = (SELECT created_at FROM posts WHERE id = threads.waiting_post_id),
        due_at = (SELECT due_at FROM posts WHERE id = threads.timer_post_id),
        due_soon_at = (SELECT due_soon_at FROM posts WHERE id = threads.timer_post_id),
        status = CASE WHEN waiting_post_id IS NOT NULL THEN 'waiting'
                      WHEN status = 'waiting' THEN 'answered' ELSE status END
       WHERE {threads})",
};

// Before cache schema 12 (a migration's seed recomputes timers mid-upgrade) there is no review.
const char *const kDecisionAnswersAtBeforeReview = "d.decided_at";

Result<bool> outboxHasReview(const QSqlDatabase &db)
{
    auto columns = sql::scalar(db, QStringLiteral("SELECT count(*) FROM pragma_table_info('outbox') "
                                                  "WHERE name IN ('state', 'reviewed_at')"));
    if (!columns)
        return columns.failure();
    return columns->toInt() == 2;
}

Status runRecompute(const QSqlDatabase &db, const QString &threads, const QString &posts, const QVariant &ids)
{
    auto review = outboxHasReview(db);
    if (!review)
        return review.failure();
    const QLatin1String answersAt(*review ? kDecisionAnswersAt : kDecisionAnswersAtBeforeReview);
    for (const char *statement : kRecomputeStatements) {
        // Run after every decision, on the decided thread: prepared once per connection (the
        // statements fire the threads' triggers, which preparing compiles).
        sql::ReusedQuery reused(db, QString::fromLatin1(statement)
                                        .replace(QLatin1String("{answers_at}"), answersAt)
                                        .replace(QLatin1String("{threads}"), threads)
                                        .replace(QLatin1String("{posts}"), posts));
        if (!reused.prepared())
            return reused.prepared();
        QSqlQuery &query = reused.query();
        if (ids.isValid())
            query.bindValue(QStringLiteral(":ids"), ids);
        if (Status s = sql::exec(query); !s)
            return s;
    }
    return {};
}

} // namespace

Status recomputeThreads(const QSqlDatabase &db, const QVector<qint64> &threadIds)
{
    if (threadIds.isEmpty())
        return {};
    return runRecompute(db, QStringLiteral("id IN (SELECT value FROM json_each(:ids))"),
                        QStringLiteral("thread_id IN (SELECT value FROM json_each(:ids))"), sql::jsonIdList(threadIds));
}

Status recomputeWaitingThreads(const QSqlDatabase &db)
{
    return runRecompute(db, QStringLiteral("status = 'waiting'"),
                        QStringLiteral("thread_id IN (SELECT id FROM threads WHERE status = 'waiting')"), QVariant());
}

Status recomputeAllThreads(const QSqlDatabase &db)
{
    return runRecompute(db, QStringLiteral("1"), QStringLiteral("1"), QVariant());
}

} // namespace sportello
