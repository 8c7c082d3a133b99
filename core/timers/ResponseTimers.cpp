#include "timers/ResponseTimers.h"

#include "storage/Sql.h"

#include <QSqlQuery>

namespace sportello {

namespace {

// Statements are run per thread id: a thread holds few posts, and every lookup is indexed.
const char *const kRecomputeStatements[] = {
    R"(UPDATE threads SET last_answer_at = (
        SELECT max(t) FROM (
          SELECT max(created_at) AS t FROM posts WHERE thread_id = :id AND direction = 'outbound'
          UNION ALL SELECT max(decided_at) FROM decisions WHERE thread_id = :id)),
        last_activity_at = (SELECT max(created_at) FROM posts WHERE thread_id = :id)
       WHERE id = :id)",
    R"(UPDATE posts SET answered_at = (
        SELECT min(t) FROM (
          SELECT min(o.created_at) AS t FROM posts o WHERE o.thread_id = :id
            AND o.direction = 'outbound' AND o.created_at >= posts.created_at
          UNION ALL SELECT min(d.decided_at) FROM decisions d WHERE d.thread_id = :id
            AND d.decided_at >= posts.created_at))
       WHERE thread_id = :id AND direction = 'inbound')",
    R"(UPDATE threads SET waiting_post_id = (
        SELECT p.id FROM posts p WHERE p.thread_id = :id AND p.direction = 'inbound'
          AND p.created_at > coalesce(threads.last_answer_at, -9223372036854775807)
        ORDER BY p.created_at, p.id LIMIT 1)
       WHERE id = :id)",
    R"(UPDATE threads SET
        waiting_since = (SELECT created_at FROM posts WHERE id = threads.waiting_post_id),
        due_at = (SELECT due_at FROM posts WHERE id = threads.waiting_post_id),
        status = CASE WHEN waiting_post_id IS NOT NULL THEN 'waiting'
                      WHEN status = 'waiting' THEN 'answered' ELSE status END
       WHERE id = :id)",
};

} // namespace

Status recomputeThreads(const QSqlDatabase &db, const QVector<qint64> &threadIds)
{
    std::vector<QSqlQuery> queries;
    for (const char *statement : kRecomputeStatements) {
        QSqlQuery query(db);
        if (Status s = sql::prepare(query, QString::fromLatin1(statement)); !s)
            return s;
        queries.push_back(std::move(query));
    }
    for (qint64 id : threadIds) {
        for (QSqlQuery &query : queries) {
            query.bindValue(QStringLiteral(":id"), id);
            if (Status s = sql::exec(query); !s)
                return s;
        }
    }
    return {};
}

} // namespace sportello
