#pragma once
// A prepared statement on the SQLite handle of a Qt connection, for the few hot loops (the
// import) where QSqlQuery's per-bind QVariant, placeholder formatting and value list cost more
// than SQLite itself. It shares the connection, and so its transaction, with every QSqlQuery on
// it. Binds are by 1-based index; texts are bound without a copy, so a bound QString must stay
// alive and unchanged until the next step() or reset().

#include "common/Result.h"

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>
#include <initializer_list>

struct sqlite3;
struct sqlite3_stmt;

namespace sportello::sql {

class Statement {
public:
    Statement() = default;
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Prepares `statement` on the connection's own handle. Fails when the connection is not an
    // open SQLite connection.
    static Result<Statement> prepare(const QSqlDatabase &db, const char *statement);

    bool isValid() const { return m_statement != nullptr; }
    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, static_cast<qint64>(value)); }
    void bind(int index, double value);
    // A null QString binds NULL (as QSqlQuery does), so does an empty one when `emptyIsNull`.
    void bind(int index, const QString &text, bool emptyIsNull = false);
    void bindNull(int index);

    // Runs one step: true when a row is ready to read, false when the statement is done.
    Result<bool> step();
    // Runs a statement that returns no row (or whose rows are not read), then resets it.
    Status exec();
    qint64 int64(int column) const;
    QString text(int column) const;
    // The column's UTF-8 bytes, valid until the next step(); NULL reads as empty.
    QByteArrayView utf8(int column) const;
    bool isNull(int column) const;
    // Binds the integers to ?1, ?2... and runs a statement that returns no row.
    Status run(std::initializer_list<qint64> values);
    // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    int changes() const;
    qint64 lastInsertRowId() const;
    // Ready to run again, with no value bound.
    void reset();

private:
    Error failure() const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace sportello::sql
