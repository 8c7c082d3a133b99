#pragma once
// Saving what can be read of a damaged cache: table by table into a new cache made by openCache.
// The damaged file is opened read-only and never written.

#include "common/Result.h"

#include <QString>
#include <QVector>

namespace sportello {

struct SalvagedTable {
    QString name;
    qint64 copied = 0;  // rows stored in the new cache
    qint64 skipped = 0; // rows read but refused by the new cache (or whose parent row was lost)
    QString problem;    // why reading stopped early (empty: the table was read to its end)
};

struct SalvageReport {
    QString source;
    QString target;
    QString damage; // what the open-time check found (empty: none)
    QVector<SalvagedTable> tables;
    // Every table was read to its end and every row kept.
    bool complete() const;
};

// Copies what can be read of the cache at `source` into a new cache at `target`, which must not
// exist yet. Fails when the source cannot be read at all (its schema is unreadable) or the
// target cannot be made; a table that cannot be read (in full or in part) is reported, not fatal.
Result<SalvageReport> salvageCache(const QString &source, const QString &target);

} // namespace sportello
