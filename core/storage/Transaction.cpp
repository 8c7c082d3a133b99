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
        m_startError = QCoreApplication::translate("Database", "Could not start a transaction: %1")
                           .arg(sql::describe(begin.lastError()));
}

Transaction::~Transaction() { rollback(); }

Status Transaction::commit()
{
    if (!m_active)
        return Error{m_startError.isEmpty() ? QCoreApplication::translate("Database", "No transaction is open.")
                                            : m_startError};
    QSqlQuery commit(m_db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const QString reason = sql::describe(commit.lastError());
        rollback();
        return Error{QCoreApplication::translate("Database", "Could not save the changes: %1").arg(reason)};
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
