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
    const QString &startError() const { return m_startError; }
    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QString m_startError;
};

} // namespace sportello
