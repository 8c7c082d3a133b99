#include "timers/ResponseTimers.h"

#include "storage/Sql.h"

#include <QSqlQuery>

namespace sportello {

namespace {

// Set-based: each statement runs once for the whole batch of threads, whose ids arrive as one
// JSON array (json_each), so an import of 50,000 threads costs four statements, not 200,000.
// Every look-up inside is an index seek on posts(thread_id, direction, created_at).
const char *const kRecomputeStatements[] = {
    R"(UPDATE threads SET last_answer_at = (
        SELECT max(t) FROM (
          SELECT max(created_at) AS t FROM posts WHERE thread_id = threads.id AND direction = 'outbound'
          UNION ALL SELECT max(decided_at) FROM decisions WHERE thread_id = threads.id)),
        last_activity_at = (SELECT max(created_at) FROM posts WHERE thread_id = threads.id),
        created_at = coalesce((SELECT min(created_at) FROM posts WHERE thread_id = threads.id), created_at)
       WHERE id IN (SELECT value FROM json_each(:ids)))",
    R"(UPDATE posts SET answered_at = (
        SELECT min(t) FROM (
          SELECT min(o.created_at) AS t FROM posts o WHERE o.thread_id = posts.thread_id
            AND o.direction = 'outbound' AND o.created_at >= posts.created_at
          UNION ALL SELECT min(d.decided_at) FROM decisions d WHERE d.thread_id = posts.thread_id
            AND d.decided_at >= posts.created_at))
       WHERE thread_id IN (SELECT value FROM json_each(:ids)) AND direction = 'inbound')",
    R"(UPDATE threads SET waiting_post_id = (
        SELECT p.id FROM posts p WHERE p.thread_id = threads.id AND p.direction = 'inbound'
          AND p.created_at > coalesce(threads.last_answer_at, -9223372036854775807)
        ORDER BY p.created_at, p.id LIMIT 1)
       WHERE id IN (SELECT value FROM json_each(:ids)))",
    R"(UPDATE threads SET
        waiting_since = (SELECT created_at FROM posts WHERE id = threads.waiting_post_id),
        due_at = (SELECT due_at FROM posts WHERE id = threads.waiting_post_id),
        status = CASE WHEN waiting_post_id IS NOT NULL THEN 'waiting'
                      WHEN status = 'waiting' THEN 'answered' ELSE status END
       WHERE id IN (SELECT value FROM json_each(:ids)))",
};

} // namespace

Status recomputeThreads(const QSqlDatabase &db, const QVector<qint64> &threadIds)
{
    if (threadIds.isEmpty())
        return {};
    QByteArray ids;
    ids.reserve(threadIds.size() * 8);
    ids += '[';
    for (qint64 id : threadIds) {
        if (ids.size() > 1)
            ids += ',';
        ids += QByteArray::number(id);
    }
    ids += ']';
    const QString idList = QString::fromLatin1(ids);
    for (const char *statement : kRecomputeStatements) {
        QSqlQuery query(db);
        if (Status s = sql::prepare(query, QString::fromLatin1(statement)); !s)
            return s;
        query.bindValue(QStringLiteral(":ids"), idList);
        if (Status s = sql::exec(query); !s)
            return s;
    }
    return {};
}

} // namespace sportello
