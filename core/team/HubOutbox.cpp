#include "team/HubOutbox.h"

#include "accounts/Accounts.h"
#include "common/Clock.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "storage/Database.h"
#include "team/TeamDatabase.h"
#include "team/TeamLeases.h"
#include "team/TeamLog.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVector>

namespace sportello::team {

using outbox::OutboxEntry;
using outbox::OutboxState;

namespace {

// The server's clock in epoch milliseconds.
constexpr const char *kServerNowMs = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

// Where this hub may still move the team's entry to `state`: not settled, not another hub's
// delivery in flight, and an unknown outcome never turned back into a blind pending.
constexpr const char *kMayMove = "(state = 'pending' OR (state = 'unknown' AND ?::text <> 'pending') "
                                 "OR (state = 'sending' AND lease_owner = ?))";

} // namespace

HubOutbox::HubOutbox(Database &cache, const QSqlDatabase &team, TeamLeases &leases, const Clock &clock, qint64 leaseTtlMs)
    : m_cache(cache), m_team(team), m_leases(leases), m_clock(clock), m_leaseTtlMs(leaseTtlMs)
{}

void HubOutbox::attach(outbox::OutboxDispatcher &dispatcher)
{
    dispatcher.setSendGate(
        [this](const OutboxEntry &entry, const accounts::Account &account) { return claim(entry, account); });
    QObject::connect(&dispatcher, &outbox::OutboxDispatcher::entryChanged, &dispatcher, [this](const QString &id) {
        // A failed upload is repaired by recover() in the next round; the round reports it.
        if (Status s = uploadState(id); !s)
            m_errors << s.error();
    });
}

QStringList HubOutbox::takeErrors()
{
    QStringList errors;
    errors.swap(m_errors);
    return errors;
}

Status HubOutbox::claim(const OutboxEntry &entry, const accounts::Account &account)
{
    if (m_stopping)
        return Error{QCoreApplication::translate("Hub", "The hub is stopping: the entry waits for the next start."),
                     ErrorKind::Conflict};
    // Hand-offs carry no account (and an Idempotency-Key); replies need the account's lease,
    // renewed here so that it cannot run out while the request is on its way.
    if (!account.id.isEmpty()) {
        auto held = m_leases.acquire(accountLeaseName(account.channel, account.accountId), m_leaseTtlMs);
        if (!held)
            return held.failure();
        if (!*held)
            return Error{QCoreApplication::translate("Hub", "Another hub serves the %1 account %2.")
                             .arg(toId(account.channel), account.accountId),
                         ErrorKind::Conflict};
    }
    QSqlQuery q(m_team);
    if (Status s = teamPrepare(q, QStringLiteral("UPDATE sportello.outbox SET state = 'sending', sent_at = ?, "
                                                 "sent_text = ?, attempts = attempts + 1, lease_owner = ?, "
                                                 "revision = revision + 1, updated_at = %1 "
                                                 "WHERE id = ? AND (state = 'pending' OR (state = 'unknown' AND ?))")
                                      .arg(QLatin1String(kServerNowMs)));
        !s)
        return s;
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(entry.text);
    q.addBindValue(m_leases.owner());
    q.addBindValue(entry.id);
    // An unknown outcome is claimed only after this hub read the thread back (its copy is unknown).
    q.addBindValue(entry.state == OutboxState::Unknown);
    if (Status s = teamExec(q); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return Error{QCoreApplication::translate(
                         "Hub", "The team's outbox entry %1 is being sent by another hub, or is settled.")
                         .arg(entry.id),
                     ErrorKind::Conflict};
    return {};
}

Status HubOutbox::uploadState(const QString &entryId)
{
    auto found = outbox::OutboxStore(m_cache, m_clock).find(entryId);
    if (!found)
        return found.failure();
    const OutboxEntry &entry = *found;
    QSqlQuery q(m_team);
    switch (entry.state) {
    case OutboxState::Sending:
    case OutboxState::Cancelled: return {}; // claim() wrote sending; agents cancel on their desktop
    case OutboxState::AwaitingApproval:
    case OutboxState::SentBack: return {}; // a supervisor's and its author's, in the team database
    case OutboxState::Delivered: {
        // The platform's answer is the truth: written over anything not settled.
        if (Status s = teamPrepare(q, QStringLiteral("UPDATE sportello.outbox SET state = 'delivered', remote_id = ?, "
                                                     "delivered_at = ?, last_error = ?, "
                                                     "attempts = greatest(attempts, ?), revision = revision + 1, "
                                                     "updated_at = %1 WHERE id = ? AND state NOT IN "
                                                     "('delivered', 'cancelled')")
                                          .arg(QLatin1String(kServerNowMs)));
            !s)
            return s;
        q.addBindValue(entry.remoteId);
        q.addBindValue(entry.deliveredAtMs);
        q.addBindValue(entry.lastError.isEmpty() ? QVariant() : QVariant(entry.lastError));
        q.addBindValue(entry.attempts);
        q.addBindValue(entry.id);
        return teamExec(q);
    }
    case OutboxState::Pending:
    case OutboxState::Unknown:
    case OutboxState::Failed:
    case OutboxState::Held: break;
    }
    if (Status s = teamPrepare(q, QStringLiteral("UPDATE sportello.outbox SET state = ?, last_error = ?, "
                                                 "attempts = greatest(attempts, ?), lease_owner = NULL, "
                                                 "revision = revision + 1, updated_at = %1 WHERE id = ? AND %2 "
                                                 "AND (state <> ? OR last_error IS DISTINCT FROM ?)")
                                      .arg(QLatin1String(kServerNowMs), QLatin1String(kMayMove)));
        !s)
        return s;
    const QString state = outbox::toId(entry.state);
    const QVariant reason = entry.lastError.isEmpty() ? QVariant() : QVariant(entry.lastError);
    q.addBindValue(state);
    q.addBindValue(reason);
    q.addBindValue(entry.attempts);
    q.addBindValue(entry.id);
    q.addBindValue(state);
    q.addBindValue(m_leases.owner());
    q.addBindValue(state);
    q.addBindValue(reason);
    return teamExec(q);
}

QString HubOutbox::leaseNameFor(const OutboxEntry &entry) const
{
    auto accounts = accounts::AccountStore(m_cache).list();
    if (!accounts)
        return {};
    QVector<accounts::Account> candidates;
    for (const accounts::Account &a : *accounts)
        if (a.channel == entry.channel)
            candidates << a;
    if (candidates.size() > 1) {
        QVector<accounts::Account> narrowed;
        for (const accounts::Account &a : candidates)
            if (entry.threadExternalId.startsWith(a.accountId + QLatin1Char('_')))
                narrowed << a;
        candidates = narrowed;
    }
    return candidates.size() == 1 ? accountLeaseName(candidates.first().channel, candidates.first().accountId)
                                  : QString();
}

Result<RecoverSummary> HubOutbox::recover(const QSet<QString> &heldAccounts)
{
    RecoverSummary summary;
    struct TeamRow {
        QString id, state;
        qint64 revision = 0;
        bool stale = false; // a hand-off's claim older than a lease
    };
    QVector<TeamRow> rows;
    {
        QSqlQuery q(m_team);
        if (Status s = teamPrepare(q, QStringLiteral("SELECT id, state, revision, updated_at < %1 - ? FROM "
                                                     "sportello.outbox WHERE state IN ('pending', 'sending', "
                                                     "'unknown')")
                                          .arg(QLatin1String(kServerNowMs)));
            !s)
            return s.failure();
        q.addBindValue(m_leaseTtlMs);
        if (Status s = teamExec(q); !s)
            return s.failure();
        while (q.next())
            rows << TeamRow{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toBool()};
    }
    outbox::OutboxStore store(m_cache, m_clock);
    for (const TeamRow &row : rows) {
        auto local = store.find(row.id);
        if (!local) {
            if (local.errorKind() == ErrorKind::NotFound)
                continue; // not pulled into this cache yet
            return local.failure();
        }
        OutboxEntry entry = *local;
        // Settled here, not there: the upload after the transition did not reach the team database.
        if (entry.state == OutboxState::Delivered || entry.state == OutboxState::Failed ||
            entry.state == OutboxState::Held) {
            if (Status s = uploadState(entry.id); !s)
                return s.failure();
            ++summary.reuploaded;
            continue;
        }
        if (row.state == QLatin1String("pending") || entry.state == OutboxState::Cancelled)
            continue;
        // sending or unknown in the team database: this hub reads it back, if the entry is its to serve.
        // Hand-offs and in-app replies go out under no account's lease, with an Idempotency-Key:
        // another hub's claim is taken over once it is older than a lease.
        const bool keyed = entry.kind == DecisionKind::Forward || entry.channel == Channel::InApp;
        if (keyed ? !row.stale : !heldAccounts.contains(leaseNameFor(entry)))
            continue;
        const QString reason = QCoreApplication::translate(
            "Hub", "Another hub, or this one before a restart, stopped while this reply may have been on its way: "
                   "Sportello checks the thread before sending it again.");
        if (row.state == QLatin1String("sending")) {
            QSqlQuery q(m_team);
            if (Status s =
                    teamPrepare(q, QStringLiteral("UPDATE sportello.outbox SET state = 'unknown', last_error = ?, "
                                                  "lease_owner = NULL, revision = revision + 1, "
                                                  "updated_at = %1 WHERE id = ? AND state = 'sending' "
                                                  "AND revision = ?")
                                       .arg(QLatin1String(kServerNowMs)));
                !s)
                return s.failure();
            q.addBindValue(reason);
            q.addBindValue(row.id);
            q.addBindValue(row.revision);
            if (Status s = teamExec(q); !s)
                return s.failure();
            if (q.numRowsAffected() != 1)
                continue; // moved meanwhile: looked at again next round
        } else if (entry.state == OutboxState::Unknown) {
            continue; // unknown on both sides already: the dispatcher reads it back
        }
        if (entry.state != OutboxState::Unknown) {
            auto moved = store.reschedule(entry, OutboxState::Unknown, 0, reason, entry.checkFailures);
            if (!moved)
                return moved.failure();
        }
        ++summary.readBack;
        qCInfo(lcTeam) << "hub: outbox entry" << row.id << "is read back before any resend";
    }
    return summary;
}

} // namespace sportello::team
