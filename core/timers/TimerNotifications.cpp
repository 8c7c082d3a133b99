#include "timers/TimerNotifications.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <algorithm>

namespace sportello {

namespace {

// A crossing's thread, post, channel, due time, category and author, read by CrossingReader.
const QString kCrossingColumns =
    QStringLiteral("t.id AS thread_id, t.timer_post_id AS post_id, t.channel AS channel, t.due_at AS due_at, "
                   "p.category AS category, a.handle AS handle, a.display_name AS display_name "
                   "FROM threads t JOIN posts p ON p.id = t.timer_post_id LEFT JOIN authors a ON a.id = p.author_id");

// Reads crossings from a query over kCrossingColumns: the columns are found by name once.
class CrossingReader {
public:
    explicit CrossingReader(const QSqlQuery &query)
    {
        const sql::Columns column(query);
        m_thread = column("thread_id");
        m_post = column("post_id");
        m_channel = column("channel");
        m_dueAt = column("due_at");
        m_category = column("category");
        m_handle = column("handle");
        m_name = column("display_name");
    }

    TimerCrossing at(const QSqlQuery &row, qint64 nowMs) const
    {
        TimerCrossing c;
        c.threadId = row.value(m_thread).toLongLong();
        c.postId = row.value(m_post).toLongLong();
        c.channel = channelFromId(row.value(m_channel).toString()).value_or(Channel::Facebook);
        c.dueAtMs = row.value(m_dueAt).toLongLong();
        c.state = c.dueAtMs <= nowMs ? TimerState::Overdue : TimerState::DueSoon;
        if (!row.value(m_category).isNull())
            c.category = categoryFromId(row.value(m_category).toString());
        c.authorHandle = row.value(m_handle).toString();
        c.authorName = row.value(m_name).toString();
        return c;
    }

private:
    int m_thread = -1, m_post = -1, m_channel = -1, m_dueAt = -1, m_category = -1, m_handle = -1, m_name = -1;
};

// New notices at :asof: overdue ones not yet recorded overdue, due-soon ones not recorded at all.
// The unary + keeps SQLite on the chunk's range of threads(status, due_soon_at): with an index on
// due_at it would walk every thread due before :asof instead.
const QString kNewOverdue = QStringLiteral("+t.due_at <= :asof AND NOT EXISTS (SELECT 1 FROM timer_notifications n "
                                           "WHERE n.post_id = t.timer_post_id AND n.state = 'overdue')");
const QString kNewDueSoon = QStringLiteral(
    "+t.due_at > :asof AND NOT EXISTS (SELECT 1 FROM timer_notifications n WHERE n.post_id = t.timer_post_id)");

} // namespace

Result<qint64> TimerNotifications::nextStateChangeAfter(qint64 nowMs) const
{
    // Each MIN is one seek in threads(status, due_soon_at) or threads(status, due_at).
    sql::ReusedQuery reusedQuery(
        m_database.connection(),
        QStringLiteral("SELECT (SELECT min(due_soon_at) FROM threads WHERE status = 'waiting' AND due_soon_at > ?), "
                       "(SELECT min(due_at) FROM threads WHERE status = 'waiting' AND due_at > ?)"));
    if (!reusedQuery.prepared())
        return reusedQuery.prepared().failure();
    QSqlQuery &query = reusedQuery.query();
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    qint64 next = -1;
    if (query.next()) {
        for (int i = 0; i < 2; ++i) {
            if (query.value(i).isNull())
                continue;
            const qint64 at = query.value(i).toLongLong();
            if (next < 0 || at < next)
                next = at;
        }
    }
    return next;
}

Result<QVector<TimerCrossing>> TimerNotifications::takeNewCrossings(qint64 nowMs, qint64 sinceMs)
{
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();

    // Candidates: every waiting thread already due soon, or only those that crossed a line in
    // (since, now]. due_soon_at <= due_at, so a due time in that range implies due soon.
    const bool incremental = sinceMs != kFromTheStart;
    const QString candidates =
        incremental
            ? QStringLiteral("t.id IN (SELECT id FROM threads WHERE status = 'waiting' AND due_soon_at > :since "
                             "AND due_soon_at <= :now UNION SELECT id FROM threads WHERE status = 'waiting' "
                             "AND due_at > :since AND due_at <= :now)")
            : QStringLiteral("t.status = 'waiting' AND t.due_soon_at <= :now");
    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (Status s =
            sql::prepare(read, QStringLiteral("SELECT %2 WHERE %1 AND t.status = 'waiting' AND ("
                                              " (t.due_at <= :now AND NOT EXISTS (SELECT 1 FROM timer_notifications n "
                                              "   WHERE n.post_id = t.timer_post_id AND n.state = 'overdue')) OR "
                                              " (t.due_at > :now AND NOT EXISTS (SELECT 1 FROM timer_notifications n "
                                              "WHERE n.post_id = t.timer_post_id))) "
                                              "ORDER BY t.due_at, t.id")
                                   .arg(candidates, kCrossingColumns));
        !s)
        return s.failure();
    read.bindValue(QStringLiteral(":now"), nowMs);
    if (incremental)
        read.bindValue(QStringLiteral(":since"), sinceMs);
    if (Status s = sql::exec(read); !s)
        return s.failure();
    QVector<TimerCrossing> crossings;
    const CrossingReader crossing(read);
    while (read.next())
        crossings.push_back(crossing.at(read, nowMs));
    read.finish();

    // One statement for the whole batch: a large cache opened for the first time can have a
    // backlog of a hundred thousand overdue threads to record.
    QByteArray rows = "[";
    for (const TimerCrossing &c : crossings) {
        if (rows.size() > 1)
            rows += ',';
        rows += '[' + QByteArray::number(c.postId) + ",\"" + toId(c.state).toLatin1() + "\"]";
    }
    rows += ']';
    QSqlQuery write(db);
    if (Status s = sql::prepare(
            write,
            QStringLiteral("INSERT OR IGNORE INTO timer_notifications(post_id, state, notified_at) "
                           "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), ? FROM json_each(?)"));
        !s)
        return s.failure();
    write.addBindValue(nowMs);
    write.addBindValue(QString::fromLatin1(rows));
    if (Status s = sql::exec(write); !s)
        return s.failure();
    write.finish();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    std::stable_partition(crossings.begin(), crossings.end(),
                          [](const TimerCrossing &c) { return c.state == TimerState::Overdue; });
    return crossings;
}

Result<BacklogChunk> TimerNotifications::recordBacklog(BacklogCursor &cursor, qint64 nowMs, int limit, int samples)
{
    BacklogChunk chunk;
    if (cursor.done)
        return chunk;
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();

    // The chunk ends at its limit-th thread in threads(status, due_soon_at) after the cursor, or at
    // :asof when fewer are left. Every statement below is a range of that index.
    QSqlQuery bound(db);
    if (Status s = sql::prepare(
            bound, QStringLiteral("SELECT due_soon_at, id AS thread_id FROM threads WHERE status = 'waiting' "
                                  "AND (due_soon_at, id) > (:key, :id) "
                                  "AND due_soon_at <= :asof ORDER BY due_soon_at, id LIMIT 1 OFFSET :offset"));
        !s)
        return s.failure();
    bound.bindValue(QStringLiteral(":key"), cursor.dueSoonAtMs);
    bound.bindValue(QStringLiteral(":id"), cursor.threadId);
    bound.bindValue(QStringLiteral(":asof"), cursor.asOfMs);
    bound.bindValue(QStringLiteral(":offset"), qMax(1, limit) - 1);
    if (Status s = sql::exec(bound); !s)
        return s.failure();
    const bool last = !bound.next();
    const qint64 endKey = last ? 0 : bound.value(QStringLiteral("due_soon_at")).toLongLong();
    const qint64 endId = last ? 0 : bound.value(QStringLiteral("thread_id")).toLongLong();
    bound.finish();
    const QString inChunk = QStringLiteral("t.status = 'waiting' AND (t.due_soon_at, t.id) > (:key, :id) AND ") +
                            (last ? QStringLiteral("t.due_soon_at <= :asof")
                                  : QStringLiteral("(t.due_soon_at, t.id) <= (:endKey, :endId)"));
    const auto bindChunk = [&](QSqlQuery &query) {
        query.bindValue(QStringLiteral(":key"), cursor.dueSoonAtMs);
        query.bindValue(QStringLiteral(":id"), cursor.threadId);
        query.bindValue(QStringLiteral(":asof"), cursor.asOfMs);
        if (!last) {
            query.bindValue(QStringLiteral(":endKey"), endKey);
            query.bindValue(QStringLiteral(":endId"), endId);
        }
    };

    // Names for the announcement (read before they are recorded), then the recording in SQL.
    struct Part {
        const QString &isNew;
        const char *state;
        int *count;
        QVector<TimerCrossing> *first;
    };
    for (const Part &part : {Part{kNewOverdue, "overdue", &chunk.overdue, &chunk.firstOverdue},
                             Part{kNewDueSoon, "due_soon", &chunk.dueSoon, &chunk.firstDueSoon}}) {
        if (samples > 0) {
            QSqlQuery read(db);
            read.setForwardOnly(true);
            // The few first by due time are picked from the chunk alone, then joined to their post.
            if (Status s = sql::prepare(read, QStringLiteral("SELECT %1 WHERE t.id IN (SELECT t.id FROM threads t "
                                                             "WHERE %2 AND %3 ORDER BY +t.due_at, t.id LIMIT %4) "
                                                             "ORDER BY t.due_at, t.id")
                                                  .arg(kCrossingColumns, inChunk, part.isNew)
                                                  .arg(samples));
                !s)
                return s.failure();
            bindChunk(read);
            if (Status s = sql::exec(read); !s)
                return s.failure();
            const CrossingReader crossing(read);
            while (read.next())
                part.first->push_back(crossing.at(read, cursor.asOfMs));
        }
        QSqlQuery write(db);
        if (Status s = sql::prepare(
                write, QStringLiteral("INSERT OR IGNORE INTO timer_notifications(post_id, state, notified_at) "
                                      "SELECT t.timer_post_id, '%1', :now FROM threads t WHERE %2 AND %3")
                           .arg(QLatin1String(part.state), inChunk, part.isNew));
            !s)
            return s.failure();
        bindChunk(write);
        write.bindValue(QStringLiteral(":now"), nowMs);
        if (Status s = sql::exec(write); !s)
            return s.failure();
        *part.count = write.numRowsAffected();
    }
    if (Status s = transaction.commit(); !s)
        return s.failure();
    if (last) {
        cursor.done = true;
    } else {
        cursor.dueSoonAtMs = endKey;
        cursor.threadId = endId;
    }
    return chunk;
}

} // namespace sportello
