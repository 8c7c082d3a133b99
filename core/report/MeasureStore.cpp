#include "report/MeasureStore.h"

#include "report/PostMeasures.h"
#include "storage/Database.h"
#include "storage/Migrations.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>

namespace sportello {

namespace {

// Bumped when what a measure row holds, or how it is computed, changes: every stored row is then
// recomputed once.
constexpr const char *kMeasureFormat = "1";

// The measures depend on the policy's every part (targets, the calendar of business time, the
// zone of the local days), so the whole of it names them.
QString policyKey(const ResponsePolicy &policy)
{
    return QString::fromLatin1(kMeasureFormat) + QLatin1Char(':') +
           QString::fromLatin1(QCryptographicHash::hash(QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact),
                                                        QCryptographicHash::Sha1)
                                   .toHex());
}

Result<QString> appState(const QSqlDatabase &db, const char *key)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT value FROM main.app_state WHERE key = ?")); !s)
        return s.failure();
    query.addBindValue(QLatin1String(key));
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0).toString() : QString();
}

Status setAppState(const QSqlDatabase &db, const char *key, const QString &value)
{
    QSqlQuery query(db);
    if (Status s =
            sql::prepare(query, QStringLiteral("INSERT OR REPLACE INTO main.app_state(key, value) VALUES(?, ?)"));
        !s)
        return s;
    query.addBindValue(QLatin1String(key));
    query.addBindValue(value);
    return sql::exec(query);
}

// Stored measures need the schema-15 tables in the cache and a cache that can be written.
Result<bool> storedInMain(Database &database)
{
    if (database.isReadOnly())
        return false;
    auto tables = sql::scalar(database.connection(),
                              QStringLiteral("SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name IN "
                                             "('post_measures', 'measure_company_starts', 'measure_stale_threads')"));
    if (!tables)
        return tables.failure();
    return tables->toInt() == 3;
}

QString outcomeOrNull(const PostMeasure &m)
{
    // Still waiting (no answer, not closed): whether it has missed is judged against its due
    // time (stored beside it) when a report runs.
    const bool waiting = m.answeredMs < 0 && (m.outcome == Outcome::Waiting || m.outcome == Outcome::Missed);
    return waiting ? QString() : toId(m.outcome);
}

// Recomputes the threads listed in temp.measure_batch into `schema`'s tables.
Status recomputeBatch(Database &database, const ResponsePolicy &policy, const QString &schema)
{
    const QSqlDatabase db = database.connection();
    for (const QString &statement :
         {QStringLiteral("DELETE FROM %1.post_measures WHERE thread_id IN (SELECT thread_id FROM temp.measure_batch)"),
          QStringLiteral("DELETE FROM %1.measure_company_starts WHERE thread_id IN "
                         "(SELECT thread_id FROM temp.measure_batch)"),
          QStringLiteral("INSERT INTO %1.measure_company_starts(thread_id, created_at, channel) "
                         "SELECT p.thread_id, p.created_at, p.channel FROM temp.measure_batch b "
                         "JOIN main.posts p ON p.id = (SELECT e.id FROM main.posts e WHERE e.thread_id = b.thread_id "
                         "ORDER BY e.created_at, e.id LIMIT 1) WHERE p.direction = 'outbound'")})
        if (Status s = sql::exec(db, statement.arg(schema)); !s)
            return s;

    QSqlQuery insert(db);
    if (Status s = sql::prepare(insert, QStringLiteral("INSERT INTO %1.post_measures(post_id, thread_id, day, week, "
                                                       "category, channel, decision, decision_source, agent_name, "
                                                       "agent_id, response_kind, business_ms, calendar_ms, outcome, "
                                                       "due_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                                            .arg(schema));
        !s)
        return s;
    MeasureOptions options;
    options.withText = false;
    options.threadsTable = QStringLiteral("temp.measure_batch");
    Status failure;
    const Status read = forEachPostMeasure(database, policy, options, [&](const PostMeasure &m) {
        insert.bindValue(0, m.postId);
        insert.bindValue(1, m.threadId);
        insert.bindValue(2, m.day.toJulianDay());
        insert.bindValue(3, m.week.toJulianDay());
        insert.bindValue(4, m.category.isEmpty() ? QStringLiteral("none") : m.category);
        insert.bindValue(5, toId(m.channel));
        insert.bindValue(6, m.decision ? toId(*m.decision) : QStringLiteral("none"));
        insert.bindValue(7, sql::nullableText(m.decisionSource));
        insert.bindValue(8, m.agent.isEmpty() ? QStringLiteral("") : m.agent); // "" not NULL
        insert.bindValue(9, sql::nullableText(m.agent.isEmpty() ? QString() : m.agentId));
        insert.bindValue(10, m.responseKind.isEmpty() ? QStringLiteral("") : m.responseKind);
        insert.bindValue(11, sql::nullableInt(m.responseBusinessMs, m.responseBusinessMs < 0));
        insert.bindValue(12, sql::nullableInt(m.responseCalendarMs, m.responseCalendarMs < 0));
        insert.bindValue(13, sql::nullableText(outcomeOrNull(m)));
        insert.bindValue(14, m.dueMs);
        if (Status s = sql::exec(insert); !s) {
            failure = s;
            return false;
        }
        return true;
    });
    if (!read)
        return read;
    if (!failure)
        return failure;
    return sql::exec(db, QStringLiteral("DELETE FROM %1.measure_stale_threads WHERE thread_id IN "
                                        "(SELECT thread_id FROM temp.measure_batch)")
                             .arg(schema));
}

// Notes as stale what changed without a trigger: posts added since the last refresh (by id),
// and every thread when the policy is not the one the measures were computed under.
Result<qint64> noteStaleThreads(const QSqlDatabase &db, const ResponsePolicy &policy)
{
    const QString key = policyKey(policy);
    auto stored = appState(db, "measures_policy");
    if (!stored)
        return stored.failure();
    if (stored.value() != key) {
        if (Status s = sql::exec(db, QStringLiteral("INSERT OR IGNORE INTO main.measure_stale_threads(thread_id) "
                                                    "SELECT id FROM main.threads"));
            !s)
            return s.failure();
        if (Status s = setAppState(db, "measures_policy", key); !s)
            return s.failure();
    }
    auto through = appState(db, "measures_through_post");
    if (!through)
        return through.failure();
    QSqlQuery added(db);
    if (Status s = sql::prepare(added, QStringLiteral("INSERT OR IGNORE INTO main.measure_stale_threads(thread_id) "
                                                      "SELECT DISTINCT thread_id FROM main.posts WHERE id > ?"));
        !s)
        return s.failure();
    added.addBindValue(through->isEmpty() ? qint64(-1) : through->toLongLong());
    if (Status s = sql::exec(added); !s)
        return s.failure();
    auto last = sql::scalar(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM main.posts"));
    if (!last)
        return last.failure();
    if (Status s = setAppState(db, "measures_through_post", last->toString()); !s)
        return s.failure();
    auto count = sql::scalar(db, QStringLiteral("SELECT count(*) FROM main.measure_stale_threads"));
    if (!count)
        return count.failure();
    return count->toLongLong();
}

// The next `limit` stale threads of `schema` into temp.measure_batch; how many there are.
Result<qint64> takeBatch(const QSqlDatabase &db, const QString &schema, int limit)
{
    if (Status s = sql::exec(db, QStringLiteral("DELETE FROM temp.measure_batch")); !s)
        return s.failure();
    if (Status s = sql::exec(db, QStringLiteral("INSERT INTO temp.measure_batch(thread_id) SELECT thread_id FROM "
                                                "%1.measure_stale_threads ORDER BY thread_id LIMIT %2")
                                     .arg(schema)
                                     .arg(limit));
        !s)
        return s.failure();
    auto n = sql::scalar(db, QStringLiteral("SELECT count(*) FROM temp.measure_batch"));
    if (!n)
        return n.failure();
    return n->toLongLong();
}

Status refreshTemporary(Database &database, const ResponsePolicy &policy, const MeasureRefreshOptions &options)
{
    const QSqlDatabase db = database.connection();
    dropTemporaryMeasures(database);
    for (const QString &statement : measureTables(QStringLiteral("temp")))
        if (Status s = sql::exec(db, statement); !s)
            return s;
    if (Status s = sql::exec(db, QStringLiteral("INSERT INTO temp.measure_stale_threads(thread_id) "
                                                "SELECT id FROM main.threads"));
        !s)
        return s;
    auto total = sql::scalar(db, QStringLiteral("SELECT count(*) FROM temp.measure_stale_threads"));
    if (!total)
        return total.failure();
    qint64 done = 0;
    for (;;) {
        if (options.cancelled && options.cancelled->load(std::memory_order_relaxed))
            return Error{cancelledMessage()};
        auto n = takeBatch(db, QStringLiteral("temp"), options.threadsPerTransaction);
        if (!n)
            return n.failure();
        if (n.value() == 0)
            return {};
        if (Status s = recomputeBatch(database, policy, QStringLiteral("temp")); !s)
            return s;
        done += n.value();
        if (options.progress)
            options.progress(done, total->toLongLong());
    }
}

} // namespace

Status refreshPostMeasures(Database &database, const ResponsePolicy &policy, const MeasureRefreshOptions &options)
{
    const QSqlDatabase db = database.connection();
    if (Status s = sql::exec(db, QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS measure_batch(thread_id INTEGER "
                                                "PRIMARY KEY)"));
        !s)
        return s;
    auto stored = storedInMain(database);
    if (!stored)
        return stored.failure();
    if (!stored.value())
        return refreshTemporary(database, policy, options);
    dropTemporaryMeasures(database); // the stored ones are read from here on

    qint64 total = 0;
    {
        Transaction transaction(db);
        if (!transaction.started())
            return transaction.startFailure();
        auto stale = noteStaleThreads(db, policy);
        if (!stale)
            return stale.failure();
        if (Status s = transaction.commit(); !s)
            return s;
        total = stale.value();
    }
    qint64 done = 0;
    for (;;) {
        if (options.cancelled && options.cancelled->load(std::memory_order_relaxed))
            return Error{cancelledMessage()};
        // Each batch in one write transaction: what a writer changes meanwhile is noted again
        // by the triggers after the batch, never lost between reading and writing.
        Transaction transaction(db);
        if (!transaction.started())
            return transaction.startFailure();
        auto n = takeBatch(db, QStringLiteral("main"), options.threadsPerTransaction);
        if (!n)
            return n.failure();
        if (n.value() == 0)
            return transaction.commit();
        if (Status s = recomputeBatch(database, policy, QStringLiteral("main")); !s)
            return s;
        if (Status s = transaction.commit(); !s)
            return s;
        done += n.value();
        if (options.progress)
            options.progress(done, std::max(total, done));
    }
}

Result<qint64> staleMeasureThreads(Database &database, const ResponsePolicy &policy)
{
    const QSqlDatabase db = database.connection();
    auto stored = storedInMain(database);
    if (!stored)
        return stored.failure();
    const QString threads = QStringLiteral("SELECT count(*) FROM main.threads");
    if (!stored.value()) {
        auto all = sql::scalar(db, threads);
        return all ? Result<qint64>(all->toLongLong()) : Result<qint64>(all.failure());
    }
    auto key = appState(db, "measures_policy");
    if (!key)
        return key.failure();
    const bool policyChanged = key.value() != policyKey(policy);
    auto through = appState(db, "measures_through_post");
    if (!through)
        return through.failure();
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, policyChanged ? threads
                                                     : QStringLiteral("SELECT count(*) FROM (SELECT thread_id FROM "
                                                                      "main.measure_stale_threads UNION SELECT "
                                                                      "thread_id FROM main.posts WHERE id > ?)"));
        !s)
        return s.failure();
    if (!policyChanged)
        query.addBindValue(through->isEmpty() ? qint64(-1) : through->toLongLong());
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0).toLongLong() : 0;
}

void dropTemporaryMeasures(Database &database)
{
    // Its own errors add nothing: the tables are gone or never were.
    for (const char *table : {"post_measures", "measure_company_starts", "measure_stale_threads"})
        QSqlQuery(database.connection()).exec(QStringLiteral("DROP TABLE IF EXISTS temp.%1").arg(QLatin1String(table)));
}

} // namespace sportello
