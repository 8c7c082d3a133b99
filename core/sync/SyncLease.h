#pragma once
// One process syncs an account at a time: the console and a scheduled `sportello-cli sync` on the
// same cache would otherwise fetch the same pages and race on the account's cursor. The lease is a
// row in app_state, key "sync_lease:<account uuid>", value {"owner": id, "expires_at": ms}; it is
// taken before an account's first request, renewed after every stored page and released when the
// account is done. A holder that died leaves a lease that simply expires. See docs/network.md,
// "Sync runner".

#include "common/Result.h"

#include <QString>

namespace sportello {
class Database;
}

namespace sportello::sync {

QString syncLeaseKey(const QString &accountUuid);

// Takes or renews the lease for owner until nowMs + ttlMs: true when owner holds it now, false
// when another owner holds an unexpired one. One statement, so two processes cannot both win.
Result<bool> acquireSyncLease(Database &database, const QString &accountUuid, const QString &owner, qint64 nowMs,
                              qint64 ttlMs);
// Gives the lease up if owner holds it; nothing otherwise.
Status releaseSyncLease(Database &database, const QString &accountUuid, const QString &owner);

} // namespace sportello::sync
