#pragma once
// The schema's history: one step per version, applied in order, each in its own transaction.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QStringList>
#include <optional>
#include <vector>

namespace sportello {

// Data a step installs that belongs to a module above storage (the response policies, the saved
// replies). Storage names it; whoever opens the cache supplies it (core/cache/OpenCache.h), so
// storage includes nothing of those modules.
enum class SeedData { PolicyPresets, StarterReplies };

struct Migration {
    int version; // the user_version this step produces
    QStringList statements;
    // A step that needs more than SQL (computing due times on a calendar) names the seed run
    // after the statements, in the same transaction.
    std::optional<SeedData> seed = std::nullopt;
};

const std::vector<Migration> &schemaMigrations();

// Fills the empty queue_buckets (schema 15) from the waiting threads.
QStringList fillQueueBuckets();

// The hour bucket of a waiting thread's due or due-soon time, as the triggers of queue_buckets
// count it (schema 15): floor division by an hour; a thread without the time in the last bucket.
qint64 queueBucketHour(std::optional<qint64> ms);

// While app_state holds this key, the update trigger of queue_buckets does nothing (schema 16):
// the transaction that set it applies the buckets' net changes itself and removes the key before
// it commits.
inline constexpr char kQueueBucketsDeferredKey[] = "queue_buckets_deferred";

// Tables that hold only what can be derived from the others (the status bar's buckets, the
// reports' stored measures): salvage rebuilds them rather than copy them.
QStringList derivedTables();

// The tables of the reports' stored measures (schema 14) in `schema` ("main", or "temp" for a
// cache that cannot be written), without the triggers that keep the stored ones current.
QStringList measureTables(const QString &schema);

} // namespace sportello
