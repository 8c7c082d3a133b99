#pragma once
// Response policies kept in the database (table `policies`, JSON definitions) and the one that
// is active (table `app_state`). Changing the active policy recomputes every waiting post's due
// time in the same transaction.

#include "common/Result.h"
#include "timers/ResponsePolicy.h"

#include <QSqlDatabase>
#include <QStringList>

namespace sportello {

class Database;

class PolicyStore {
public:
    explicit PolicyStore(Database &database) : m_database(database) {}

    Result<ResponsePolicy> active() const;
    Result<QString> activeName() const;
    Result<QStringList> names() const;
    Result<ResponsePolicy> load(const QString &name) const;

    // Stores the policy (replacing one of the same name) and makes it the active one; if it
    // already was active, the due times follow the new definition.
    Status saveAndActivate(const ResponsePolicy &policy, qint64 nowMs);
    // Makes a stored policy (or a preset, stored on first use) the active one.
    Status activate(const QString &name, qint64 nowMs);

    static Result<ResponsePolicy> activeIn(const QSqlDatabase &db);

private:
    Database &m_database;
};

enum class DueTimeScope { WaitingPosts, AllInboundPosts };

// Recomputes the stored timer (target, due, due soon, clock) of inbound posts under `policy`,
// then the waiting threads' summaries. Runs inside the caller's transaction.
Status recomputeDueTimes(const QSqlDatabase &db, const ResponsePolicy &policy, DueTimeScope scope);

// The step of schema version 4: stores the presets, makes "systematic" active, and gives every
// inbound post the timer that policy implies.
Status installPolicyPresets(const QSqlDatabase &db);

} // namespace sportello
