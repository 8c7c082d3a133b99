#include "storage/Statement.h"

#include "storage/Sql.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <sqlite3.h>
#include <utility>

namespace sportello::sql {

Statement::~Statement()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_statement(std::exchange(other.m_statement, nullptr))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_statement)
            sqlite3_finalize(m_statement);
        m_db = std::exchange(other.m_db, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
    }
    return *this;
}

Result<Statement> Statement::prepare(const QSqlDatabase &db, const char *statement)
{
    // The QSQLITE driver hands out its sqlite3* as a QVariant named "sqlite3*".
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    Statement prepared;
    if (db.isOpen() && handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        prepared.m_db = *static_cast<sqlite3 *const *>(handle.constData());
    if (!prepared.m_db)
        return Error{QCoreApplication::translate("Database", "Database error: %1")
                         .arg(QString::fromUtf8(sqlite3_errstr(SQLITE_MISUSE))),
                     ErrorKind::Unspecified};
    if (sqlite3_prepare_v3(prepared.m_db, statement, -1, SQLITE_PREPARE_PERSISTENT, &prepared.m_statement,
                           nullptr) != SQLITE_OK)
        return prepared.failure();
    return prepared;
}

Error Statement::failure() const
{
    const QString text = QString::fromUtf8(sqlite3_errmsg(m_db));
    return Error{QCoreApplication::translate("Database", "Database error: %1").arg(text),
                 errorKind(sqlite3_extended_errcode(m_db), text)};
}

void Statement::bind(int index, qint64 value) { sqlite3_bind_int64(m_statement, index, value); }

void Statement::bind(int index, double value) { sqlite3_bind_double(m_statement, index, value); }

void Statement::bind(int index, const QString &text, bool emptyIsNull)
{
    // A null QString binds NULL, as QSqlQuery does.
    if (text.isNull() || (text.isEmpty() && emptyIsNull))
        sqlite3_bind_null(m_statement, index);
    else
        // utf16() of an empty QString is a valid pointer to a terminating zero, never null.
        sqlite3_bind_text16(m_statement, index, text.utf16(), static_cast<int>(text.size() * sizeof(char16_t)),
                            SQLITE_STATIC);
}

void Statement::bindNull(int index) { sqlite3_bind_null(m_statement, index); }

Result<bool> Statement::step()
{
    switch (sqlite3_step(m_statement)) {
    case SQLITE_ROW: return true;
    case SQLITE_DONE: return false;
    default: {
        Error error = failure();
        sqlite3_reset(m_statement);
        return error;
    }
    }
}

Status Statement::exec()
{
    auto done = step();
    reset();
    if (!done)
        return done.failure();
    return {};
}

qint64 Statement::int64(int column) const { return sqlite3_column_int64(m_statement, column); }

QString Statement::text(int column) const
{
    const auto *data = static_cast<const char16_t *>(sqlite3_column_text16(m_statement, column));
    return data ? QString::fromUtf16(data, sqlite3_column_bytes16(m_statement, column) / 2) : QString();
}

QByteArrayView Statement::utf8(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return data ? QByteArrayView(data, sqlite3_column_bytes(m_statement, column)) : QByteArrayView();
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }

Status Statement::run(std::initializer_list<qint64> values)
{
    int index = 0;
    for (const qint64 value : values)
        bind(++index, value);
    return exec();
}

int Statement::changes() const { return sqlite3_changes(m_db); }

qint64 Statement::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

} // namespace sportello::sql
