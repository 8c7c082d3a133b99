#pragma once
// Stored response timers. A thread waits while it has an inbound post newer than its last answer
// (an outbound post or a decision); its due time is that of its oldest waiting post. Everything is
// derived from stored timestamps, so timers survive restarts and offline periods.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QVector>

namespace sportello {

// The foundation's single target until policies arrive: 60 minutes for every post.
constexpr qint64 kDefaultResponseTargetMs = 60 * 60 * 1000;
// A post is due soon when a quarter or less of its target remains.
constexpr qint64 kDefaultDueSoonMs = kDefaultResponseTargetMs / 4;

// Recomputes the waiting state of the given threads from their posts and decisions.
// Runs inside the caller's transaction.
Status recomputeThreads(const QSqlDatabase &db, const QVector<qint64> &threadIds);

} // namespace sportello
