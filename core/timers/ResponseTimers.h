#pragma once
// Stored response timers. A thread waits while it has an inbound post newer than its last answer
// (an outbound post or a decision); its due time is that of its oldest waiting post. Everything is
// derived from stored timestamps, so timers survive restarts and offline periods.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QVector>

namespace sportello {

// Recomputes the waiting state of the given threads from their posts and decisions: which
// posts are answered, which wait, and the thread's timer (its waiting post due first).
// Each post's own due time is set by the policy (PolicyStore.h). Runs inside the caller's
// transaction.
Status recomputeThreads(const QSqlDatabase &db, const QVector<qint64> &threadIds);
// The same for every thread that is waiting now.
Status recomputeWaitingThreads(const QSqlDatabase &db);
// Every thread of the cache (a schema upgrade).
Status recomputeAllThreads(const QSqlDatabase &db);

} // namespace sportello
