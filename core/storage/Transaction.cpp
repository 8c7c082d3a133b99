#include "storage/Transaction.h"

#include "storage/Sql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace sportello {

Transaction::Transaction(QSqlDatabase db) : m_db(db) // QSqlDatabase has no move constructor
{
    // BEGIN IMMEDIATE takes the write lock now, so a busy database fails here, not half-way.
    QSqlQuery begin(m_db);
    if (begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        m_active = true;
    else
        m_startError = sql::failure(begin.lastError())
                           .withMessage(QCoreApplication::translate("Database", "Could not start a transaction: %1")
                                            .arg(sql::describe(begin.lastError())));
}

Transaction::~Transaction() { rollback(); }

Status Transaction::commit()
{
    if (!m_active)
        return m_startError.message.isEmpty()
                   ? Error{QCoreApplication::translate("Database", "No transaction is open."), ErrorKind::Conflict}
                   : m_startError;
    QSqlQuery commit(m_db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const QSqlError reason = commit.lastError();
        rollback();
        return sql::failure(reason).withMessage(
            QCoreApplication::translate("Database", "Could not save the changes: %1").arg(sql::describe(reason)));
    }
    m_active = false;
    return {};
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    QSqlQuery rollback(m_db);
    rollback.exec(QStringLiteral("ROLLBACK"));
    m_active = false;
}

} // namespace sportello
