#include "storage/Sql.h"

#include <QCoreApplication>

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
