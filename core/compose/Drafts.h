#pragma once
// Unsent replies, one per thread, kept in the cache (table drafts) so that they survive
// switching threads, the queue's refresh and a restart. The queue marks threads with a draft.

#include "common/Result.h"
#include "domain/Domain.h"

#include <QString>
#include <optional>

class QSqlDatabase;

namespace sportello {

class Database;

struct Draft {
    QString text;
    std::optional<DecisionKind> armed; // the decision the agent had chosen, if any
    qint64 updatedAtMs = 0;
};

class DraftStore {
public:
    explicit DraftStore(Database &database) : m_database(database) {}

    Result<std::optional<Draft>> load(qint64 threadId) const;
    // Stores the draft; an empty text with no decision chosen removes it.
    Status save(qint64 threadId, const QString &text, std::optional<DecisionKind> armed, qint64 nowMs);
    Status remove(qint64 threadId);
    // The same on `db`, inside the caller's transaction: a decision clears the draft it came from.
    static Status removeIn(const QSqlDatabase &db, qint64 threadId);

private:
    Database &m_database;
};

} // namespace sportello
