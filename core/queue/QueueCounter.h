#pragma once
// The status-bar counts (waiting, due soon, overdue) kept current once a second without
// counting the whole queue each time: between two moments only the threads whose due-soon or
// due time falls in that interval change state, and two index range counts over one second find
// them. A full count runs when the data changed: after this connection's own imports, policy
// changes and reloads (the caller says so) and when another connection committed (SQLite's
// data_version tells).

#include "common/Result.h"
#include "queue/QueueQuery.h"

namespace sportello {

class Database;

class QueueCounter {
public:
    explicit QueueCounter(Database &database) : m_database(database) {}

    // Counts everything again at `nowMs`.
    Status recount(qint64 nowMs);
    // Moves the counts to `nowMs`: incremental unless the database changed under us.
    Status advance(qint64 nowMs);
    // This connection decided a waiting thread whose timer had these times, at `nowMs`.
    void threadLeftQueue(qint64 dueAtMs, qint64 dueSoonAtMs, qint64 nowMs);

    const QueueCounts &counts() const { return m_counts; }
    bool isValid() const { return m_countedAt >= 0; }
    qint64 countedAt() const { return m_countedAt; }

private:
    Result<qint64> dataVersion() const;

    Database &m_database;
    QueueCounts m_counts;
    qint64 m_countedAt = -1;
    qint64 m_dataVersion = -1;
};

} // namespace sportello
