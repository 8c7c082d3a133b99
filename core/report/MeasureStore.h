#pragma once
// The stored first-response measures of every inbound post (docs/reports.md "Stored measures"):
// the table post_measures, which the reports aggregate in SQL instead of measuring every post
// again. Triggers (schema 14) note the threads an event changed; posts added since the last
// refresh are found by their id. A refresh recomputes those threads, a few thousand per
// transaction, so a writer never waits long. A change of the policy (its targets, its calendar
// or its zone) makes every thread's measures stale: the next refresh recomputes them all,
// with progress.

#include "common/Result.h"
#include "timers/ResponsePolicy.h"

#include <QtGlobal>
#include <atomic>
#include <functional>

namespace sportello {

class Database;

struct MeasureRefreshOptions {
    // Called after each transaction: threads recomputed so far, of how many.
    std::function<void(qint64 done, qint64 total)> progress;
    const std::atomic<bool> *cancelled = nullptr; // checked between transactions
    int threadsPerTransaction = 500;              // short write transactions: the console's own writes wait little
};

// Brings post_measures up to date for `policy`. A cache opened read-only (damaged) or at an
// older schema gets the same tables in the connection's temporary schema, computed for every
// post, where they hide the stored ones until dropTemporaryMeasures().
Status refreshPostMeasures(Database &database, const ResponsePolicy &policy, const MeasureRefreshOptions &options = {});

// How many threads a refresh for `policy` would recompute (0: the stored measures are current);
// every thread when the policy changed since the last refresh.
Result<qint64> staleMeasureThreads(Database &database, const ResponsePolicy &policy);

// Drops what refreshPostMeasures() made in the temporary schema, if anything.
void dropTemporaryMeasures(Database &database);

} // namespace sportello
