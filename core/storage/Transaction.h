#pragma once
// RAII transaction: rolls back on destruction unless commit() succeeded.

#include "common/Result.h"

#include <QSqlDatabase>

namespace sportello {

class Transaction {
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // False when BEGIN itself failed (for example another writer holds the lock).
    bool started() const { return m_active; }
    const QString &startError() const { return m_startError.message; }
    // The whole error, with its kind (busy when another writer holds the lock).
    const Error &startFailure() const { return m_startError; }
    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    Error m_startError;
};

} // namespace sportello
