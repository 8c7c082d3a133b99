#pragma once
// The bridge between the hub's outbox (its cache, delivered by today's OutboxDispatcher) and the
// team's (sportello.outbox): what makes delivery exactly-once across hubs.
//
// - claim(), the dispatcher's send gate: right before a request leaves, the hub must hold the
//   account's lease (renewed here, on the server's clock) and move the team's entry to `sending`
//   under its own name; an entry another hub claimed, or one already settled, is left alone. A
//   team entry whose outcome is unknown is claimed only from a local copy that is unknown too,
//   that is, after this hub's dispatcher read the thread back.
// - uploadState(), after each transition the dispatcher reports: delivered, failed, held, or
//   back to pending / unknown, written to the team's entry if this hub may still move it.
// - recover(), before each drain: an entry left `sending` in the team database by a hub that
//   died (or by this hub before a restart) whose account lease this hub now holds (a hand-off or
//   an in-app reply, which need no account: once its claim is older than a lease) becomes
//   `unknown` there and in the cache, so the dispatcher reads it back before any resend; an
//   entry the team database has as unknown is never sent blindly from a stale pending copy; and
//   local outcomes the team database missed (it was unreachable) are written again.
//
// The entries have the same id in the cache and in the team database (the replica stores the
// feed's outbox rows by id).

#include "common/Result.h"
#include "domain/Domain.h"

#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <functional>

namespace sportello {
class Clock;
class Database;
namespace accounts {
struct Account;
}
namespace outbox {
class OutboxDispatcher;
struct OutboxEntry;
} // namespace outbox
} // namespace sportello

namespace sportello::team {

class TeamLeases;

struct RecoverSummary {
    int readBack = 0;   // entries made unknown: read back before any resend
    int reuploaded = 0; // local outcomes written to the team database again
};

class HubOutbox {
public:
    // All owned by the caller; same thread. leaseTtlMs: how long a claim renews the lease for.
    HubOutbox(Database &cache, const QSqlDatabase &team, TeamLeases &leases, const Clock &clock, qint64 leaseTtlMs);

    // Sets claim() as the dispatcher's send gate and uploads every transition it reports.
    void attach(outbox::OutboxDispatcher &dispatcher);
    // While stopping, nothing new is claimed (the delivery in flight finishes).
    void setStopping(bool stopping) { m_stopping = stopping; }

    // The send gate. Conflict when another hub has the entry or the lease, or the entry is
    // settled; other kinds when the team database could not be asked.
    Status claim(const outbox::OutboxEntry &entry, const accounts::Account &account);
    // Writes the local entry's state to the team's entry (nothing for `sending`: claim did).
    Status uploadState(const QString &entryId);
    // heldAccounts: the lease names this hub holds ("account:<channel>:<id>"). Only between
    // drains: nothing of this hub's may be in flight.
    Result<RecoverSummary> recover(const QSet<QString> &heldAccounts);

    // Errors of uploads made from the dispatcher's signal, since the last call.
    QStringList takeErrors();

private:
    // The lease name of the account that sends the entry, from the cache's accounts (the only
    // one on its channel, or the Facebook page whose id prefixes the thread); empty if unknown.
    QString leaseNameFor(const outbox::OutboxEntry &entry) const;

    Database &m_cache;
    QSqlDatabase m_team;
    TeamLeases &m_leases;
    const Clock &m_clock;
    qint64 m_leaseTtlMs;
    bool m_stopping = false;
    QStringList m_errors;
};

} // namespace sportello::team
