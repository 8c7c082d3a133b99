#pragma once
// The guard's overrides as a supervisor reads them (docs/guard.md, "When the guard is wrong"):
// the audit's "guard_overridden" entries, newest first, with when, who, which thread, the kinds
// and the reason. Never a finding's text: the audit does not hold it.

#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <QVector>

class QSqlDatabase;

namespace sportello {

struct GuardOverrideEntry {
    qint64 atMs = 0;
    QString agentId;
    QString agentName;
    QString channel;  // the thread's channel id
    QString thread;   // the thread's external id
    qint64 threadId = 0; // the cache's number (0 in the team database)
    QString decision; // "reply_public"
    QStringList kinds; // finding kind ids, sorted
    QString reason;
};

// Fills decision, kinds and reason from an entry's details (compact JSON).
void readGuardOverrideDetails(const QString &details, GuardOverrideEntry &entry);

// The cache's overrides made at or after `sinceMs`, newest first, at most `limit`.
Result<QVector<GuardOverrideEntry>> readGuardOverrides(const QSqlDatabase &db, qint64 sinceMs, int limit = 1000);

} // namespace sportello
