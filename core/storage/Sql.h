#pragma once
// Small helpers so that no SQL result goes unchecked.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>
#include <QVector>

#include <memory>
#include <optional>

namespace sportello::sql {

QString describe(const QSqlError &error);
// The kind of an SQLite failure, from its native result code (busy, corrupt, I/O, constraint...).
ErrorKind errorKind(const QSqlError &error);
// The same from an SQLite result code (primary or extended) and its message.
ErrorKind errorKind(int sqliteCode, const QString &message);
// "Database error: ..." with the kind of the failure.
Error failure(const QSqlError &error);

// Runs one statement that takes no parameters.
Status exec(const QSqlDatabase &db, const QString &statement);
// Runs an already prepared and bound query.
Status exec(QSqlQuery &query);
Status prepare(QSqlQuery &query, const QString &statement);
// Runs a query that returns one value in one row.
Result<QVariant> scalar(const QSqlDatabase &db, const QString &statement);

// The columns of a query's result by name, looked up once when the query has run
// (QSqlRecord::indexOf), so that a loop over many rows reads `query.value(column)` with no string
// lookup per row. Name every computed column with AS; a name the result lacks is a programming
// error (asserted; -1 reads an invalid QVariant in release builds).
class Columns {
public:
    explicit Columns(const QSqlQuery &query) : m_record(query.record()) {}
    int operator()(const char *name) const;

private:
    QSqlRecord m_record;
};

// A statement prepared once per connection and kept while the connection is open: for those run
// on every decision and every thread shown, whose preparing (parsing, planning, compiling the
// triggers they fire) costs more than running them. Bind and run query() as usual; when the
// ReusedQuery goes out of scope its result is finished, so no read stays open between uses. A
// statement already in use (a nested call) is prepared anew for that use only. The connection's
// owner calls forgetReusedQueries before closing it (Database and TeamConnection do).
class ReusedQuery {
public:
    ReusedQuery(const QSqlDatabase &db, const QString &statement);
    ~ReusedQuery();
    ReusedQuery(const ReusedQuery &) = delete;
    ReusedQuery &operator=(const ReusedQuery &) = delete;

    // Whether the statement could be prepared; the query is not to be run otherwise.
    const Status &prepared() const { return m_prepared; }
    QSqlQuery &query() { return *m_query; }

    struct Entry;

private:
    std::shared_ptr<Entry> m_entry; // the connection's kept statement, or null
    std::optional<QSqlQuery> m_own; // prepared for this use only
    QSqlQuery *m_query = nullptr;
    Status m_prepared;
};
// Drops the statements kept for a connection; before it closes.
void forgetReusedQueries(const QString &connectionName);
// How many statements are kept for a connection: for tests.
int reusedQueryCount(const QString &connectionName);

// A JSON array of ids, for set-based statements: "... WHERE id IN (SELECT value FROM json_each(?))".
QString jsonIdList(const QVector<qint64> &ids);

// Nullable integers and texts, for binding.
inline QVariant nullableInt(qint64 value, bool isNull)
{
    return isNull ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(value);
}
inline QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

} // namespace sportello::sql
