#include "storage/Sql.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QSqlResult>

namespace sportello::sql {

ErrorKind errorKind(const QSqlError &error)
{
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric);
    if (!numeric) // no SQLite code: the driver is missing or the connection could not be made
        return error.type() == QSqlError::ConnectionError ? ErrorKind::Io : ErrorKind::Unspecified;
    return errorKind(code, error.databaseText());
}

ErrorKind errorKind(int sqliteCode, const QString &message)
{
    // The SQLite driver puts the result code in nativeErrorCode(); the low byte is the primary
    // code also when extended codes are on (SQLITE_IOERR_WRITE is SQLITE_IOERR | 3 << 8).
    switch (sqliteCode & 0xff) {
    case 1: { // SQLITE_ERROR: among others, a table or column the schema must have is missing
        if (message.startsWith(QLatin1String("no such table")) || message.startsWith(QLatin1String("no such column")))
            return ErrorKind::Corrupt;
        return ErrorKind::Unspecified;
    }
    case 5: // SQLITE_BUSY: another connection holds the lock beyond the busy timeout
    case 6: // SQLITE_LOCKED: a conflict inside this connection's shared cache
        return ErrorKind::Busy;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return ErrorKind::Corrupt;
    case 3:  // SQLITE_PERM
    case 8:  // SQLITE_READONLY
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
    case 22: // SQLITE_NOLFS
        return ErrorKind::Io;
    case 19: // SQLITE_CONSTRAINT: a unique key, a foreign key, a check
        return ErrorKind::Conflict;
    case 18: // SQLITE_TOOBIG
    case 20: // SQLITE_MISMATCH
    case 25: // SQLITE_RANGE: a bound parameter out of range
        return ErrorKind::InvalidInput;
    case 23: // SQLITE_AUTH
        return ErrorKind::RefusedByPolicy;
    default: return ErrorKind::Unspecified;
    }
}

Error failure(const QSqlError &error)
{
    return Error{QCoreApplication::translate("Database", "Database error: %1").arg(describe(error)), errorKind(error)};
}

QString describe(const QSqlError &error)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.driverText();
    if (text.isEmpty())
        text = error.text();
    return text;
}

Status exec(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return failure(query.lastError());
    return {};
}

Status exec(QSqlQuery &query)
{
    if (!query.exec())
        return failure(query.lastError());
    return {};
}

Status prepare(QSqlQuery &query, const QString &statement)
{
    if (!query.prepare(statement))
        return failure(query.lastError());
    return {};
}

struct ReusedQuery::Entry {
    QSqlQuery query;
    bool inUse = false;
};

namespace {
// Whether a kept statement can run again: the SQLite driver finalizes a statement after some
// failures (a busy or misused step), and a statement whose last run failed is not trusted.
bool runnable(const QSqlQuery &query)
{
    if (query.lastError().isValid())
        return false;
    const QVariant handle = query.result() ? query.result()->handle() : QVariant();
    if (!handle.isValid())
        return false;
    if (qstrcmp(handle.typeName(), "sqlite3_stmt*") == 0)
        return *static_cast<void *const *>(handle.constData()) != nullptr;
    return true;
}
} // namespace

namespace {
// Statements a connection keeps at most: the hot paths use a few dozen.
constexpr int kMaxReusedPerConnection = 128;

// Connection name -> statement text -> kept statement. Connections live on several threads (the
// sync worker, the report's recompute), each used by one thread at a time: the lock guards the
// map only. Never destroyed: a kept statement outliving its driver at exit must not be freed.
struct ReusedRegistry {
    QMutex mutex;
    QHash<QString, QHash<QString, std::shared_ptr<ReusedQuery::Entry>>> byConnection;
};
ReusedRegistry &reusedRegistry()
{
    static auto *registry = new ReusedRegistry;
    return *registry;
}
} // namespace

ReusedQuery::ReusedQuery(const QSqlDatabase &db, const QString &statement)
{
    ReusedRegistry &registry = reusedRegistry();
    const QString connection = db.connectionName();
    {
        QMutexLocker lock(&registry.mutex);
        auto &kept = registry.byConnection[connection];
        if (const auto found = kept.find(statement); found != kept.end() && !found.value()->inUse) {
            if (runnable(found.value()->query)) {
                m_entry = found.value();
                m_entry->inUse = true;
                m_query = &m_entry->query;
                return;
            }
            kept.erase(found); // prepared anew below
        }
    }
    auto entry = std::make_shared<Entry>(Entry{QSqlQuery(db), true});
    entry->query.setForwardOnly(true);
    m_prepared = prepare(entry->query, statement);
    if (!m_prepared) {
        m_own.emplace(std::move(entry->query));
        m_query = &*m_own;
        return;
    }
    QMutexLocker lock(&registry.mutex);
    auto &kept = registry.byConnection[connection];
    if (kept.size() < kMaxReusedPerConnection && !kept.contains(statement)) {
        kept.insert(statement, entry);
        m_entry = std::move(entry);
        m_query = &m_entry->query;
    } else {
        lock.unlock();
        m_own.emplace(std::move(entry->query));
        m_query = &*m_own;
    }
}

ReusedQuery::~ReusedQuery()
{
    m_query->finish();
    if (m_entry) {
        QMutexLocker lock(&reusedRegistry().mutex);
        m_entry->inUse = false;
    }
}

void forgetReusedQueries(const QString &connectionName)
{
    QHash<QString, std::shared_ptr<ReusedQuery::Entry>> kept;
    {
        ReusedRegistry &registry = reusedRegistry();
        QMutexLocker lock(&registry.mutex);
        kept = registry.byConnection.take(connectionName);
    }
    // Destroyed here, outside the lock, while the driver is still open.
}

int reusedQueryCount(const QString &connectionName)
{
    ReusedRegistry &registry = reusedRegistry();
    QMutexLocker lock(&registry.mutex);
    return int(registry.byConnection.value(connectionName).size());
}

int Columns::operator()(const char *name) const
{
    const int index = m_record.indexOf(QLatin1String(name));
    Q_ASSERT_X(index >= 0, "sql::Columns", name);
    return index;
}

QString jsonIdList(const QVector<qint64> &ids)
{
    QByteArray text;
    text.reserve(ids.size() * 8 + 2);
    text += '[';
    for (qint64 id : ids) {
        if (text.size() > 1)
            text += ',';
        text += QByteArray::number(id);
    }
    text += ']';
    return QString::fromLatin1(text);
}

Result<QVariant> scalar(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return failure(query.lastError());
    if (!query.next())
        return QVariant();
    return query.value(0);
}

} // namespace sportello::sql
