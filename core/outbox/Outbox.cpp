#include "outbox/Outbox.h"

#include "common/Clock.h"
#include "compose/ChannelLimits.h"
#include "compose/Guard.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

namespace sportello::sync {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT o.id, o.decision_id, o.idempotency_key, d.thread_id, t.external_id, t.channel, d.kind, "
    "coalesce(o.text, d.text), d.text, o.state, o.attempts, coalesce(o.last_error, ''), o.created_at, "
    "coalesce(o.updated_at, o.created_at), d.decided_at, coalesce(o.next_attempt_at, 0), coalesce(o.sent_at, 0), "
    "coalesce(o.delivered_at, 0), coalesce(o.remote_id, ''), coalesce(o.case_reference, ''), o.decided_offline, "
    "d.agent_id, d.agent_name, coalesce(o.sent_text, ''), coalesce(o.target_post_id, ''), o.seen_outbound, "
    "o.check_failures, o.packet, o.revision, coalesce(o.lease_owner, ''), coalesce(o.lease_until, 0) "
    "FROM outbox o JOIN decisions d ON d.id = o.decision_id JOIN threads t ON t.id = d.thread_id ");

OutboxEntry entryFrom(const QSqlQuery &q)
{
    OutboxEntry e;
    e.id = q.value(0).toString();
    e.decisionId = q.value(1).toString();
    e.idempotencyKey = q.value(2).toString();
    e.threadId = q.value(3).toLongLong();
    e.threadExternalId = q.value(4).toString();
    e.channel = channelFromId(q.value(5).toString()).value_or(Channel::Facebook);
    e.kind = decisionKindFromId(q.value(6).toString()).value_or(DecisionKind::ReplyPublic);
    e.text = q.value(7).toString();
    e.decisionText = q.value(8).toString();
    e.state = outboxStateFromId(q.value(9).toString()).value_or(OutboxState::Failed);
    e.attempts = q.value(10).toInt();
    e.lastError = q.value(11).toString();
    e.createdAtMs = q.value(12).toLongLong();
    e.updatedAtMs = q.value(13).toLongLong();
    e.decidedAtMs = q.value(14).toLongLong();
    e.nextAttemptAtMs = q.value(15).toLongLong();
    e.sentAtMs = q.value(16).toLongLong();
    e.deliveredAtMs = q.value(17).toLongLong();
    e.remoteId = q.value(18).toString();
    e.caseReference = q.value(19).toString();
    e.decidedOffline = q.value(20).toInt() != 0;
    e.agent = Agent{q.value(21).toString(), q.value(22).toString()};
    e.sentText = q.value(23).toString();
    e.targetPostId = q.value(24).toString();
    e.hasSeenOutbound = !q.value(25).isNull();
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(25).toString().toUtf8()).array())
        e.seenOutbound << v.toString();
    e.checkFailures = q.value(26).toInt();
    e.packet = q.value(27).toByteArray();
    e.revision = q.value(28).toLongLong();
    e.leaseOwner = q.value(29).toString();
    e.leaseUntilMs = q.value(30).toLongLong();
    return e;
}

Result<QVector<OutboxEntry>> selectEntries(const QSqlDatabase &db, const QString &where, const QVariantList &binds)
{
    QSqlQuery q(db);
    if (Status s = sql::prepare(q, kSelect + where); !s)
        return s.failure();
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<OutboxEntry> entries;
    while (q.next())
        entries.append(entryFrom(q));
    return entries;
}

QString activeStates() { return QStringLiteral("('pending','sending','unknown','failed','held')"); }

QString changedMeanwhile()
{
    return QCoreApplication::translate("Outbox", "This entry changed meanwhile (it is being delivered); look at it "
                                                 "again, then try once more.");
}

Error notAllowed(const OutboxEntry &entry, const QString &action)
{
    return Error{QCoreApplication::translate("Outbox", "This entry is %1: it cannot be %2.")
                     .arg(label(entry.state).toLower(), action)};
}

} // namespace

QString toId(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending: return QStringLiteral("pending");
    case OutboxState::Sending: return QStringLiteral("sending");
    case OutboxState::Unknown: return QStringLiteral("unknown");
    case OutboxState::Delivered: return QStringLiteral("delivered");
    case OutboxState::Failed: return QStringLiteral("failed");
    case OutboxState::Held: return QStringLiteral("held");
    case OutboxState::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("failed");
}

std::optional<OutboxState> outboxStateFromId(const QString &id)
{
    for (OutboxState s : {OutboxState::Pending, OutboxState::Sending, OutboxState::Unknown, OutboxState::Delivered,
                          OutboxState::Failed, OutboxState::Held, OutboxState::Cancelled}) {
        if (toId(s) == id)
            return s;
    }
    return std::nullopt;
}

QString label(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending: return QCoreApplication::translate("Outbox", "Waiting");
    case OutboxState::Sending: return QCoreApplication::translate("Outbox", "Sending");
    case OutboxState::Unknown: return QCoreApplication::translate("Outbox", "Checking delivery");
    case OutboxState::Delivered: return QCoreApplication::translate("Outbox", "Delivered");
    case OutboxState::Failed: return QCoreApplication::translate("Outbox", "Failed");
    case OutboxState::Held: return QCoreApplication::translate("Outbox", "Held");
    case OutboxState::Cancelled: return QCoreApplication::translate("Outbox", "Cancelled");
    }
    return {};
}

bool OutboxEntry::isActive() const { return state != OutboxState::Delivered && state != OutboxState::Cancelled; }

OutboxStore::OutboxStore(Database &database, const Clock &clock) : m_database(database), m_clock(clock) {}

Result<OutboxEntry> OutboxStore::find(const QString &id) const
{
    auto rows = selectEntries(m_database.connection(), QStringLiteral("WHERE o.id = ?"), {id});
    if (!rows)
        return rows.failure();
    if (rows->isEmpty())
        return Error{QCoreApplication::translate("Outbox", "There is no outbox entry %1.").arg(id)};
    return rows->first();
}

Result<QVector<OutboxEntry>> OutboxStore::list(const OutboxListOptions &options) const
{
    const QString where = options.includeFinished ? QString() : QStringLiteral("WHERE o.state IN ") + activeStates();
    return selectEntries(m_database.connection(),
                         where + QStringLiteral(" ORDER BY o.created_at DESC, o.rowid DESC LIMIT ? OFFSET ?"),
                         {std::max(0, options.limit), std::max(0, options.offset)});
}

namespace {
const QString kListSelect =
    QStringLiteral(
        "SELECT o.id, d.thread_id, t.channel, d.kind, substr(coalesce(o.text, d.text), 1, %1), o.state, o.attempts, "
        "coalesce(o.last_error, ''), d.decided_at, coalesce(o.next_attempt_at, 0), o.decided_offline, d.agent_name "
        "FROM outbox o JOIN decisions d ON d.id = o.decision_id JOIN threads t ON t.id = d.thread_id "
        "WHERE o.state IN ('pending','sending','unknown','failed','held') ")
        .arg(OutboxListRow::kTextChars);

Result<QVector<OutboxListRow>> selectListRows(const QSqlDatabase &db, const QString &rest, const QVariantList &binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (Status s = sql::prepare(q, kListSelect + rest); !s)
        return s.failure();
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<OutboxListRow> rows;
    while (q.next()) {
        OutboxListRow r;
        r.id = q.value(0).toString();
        r.threadId = q.value(1).toLongLong();
        r.channel = channelFromId(q.value(2).toString()).value_or(Channel::Facebook);
        r.kind = decisionKindFromId(q.value(3).toString()).value_or(DecisionKind::ReplyPublic);
        r.text = q.value(4).toString();
        r.state = outboxStateFromId(q.value(5).toString()).value_or(OutboxState::Failed);
        r.attempts = q.value(6).toInt();
        r.lastError = q.value(7).toString();
        r.decidedAtMs = q.value(8).toLongLong();
        r.nextAttemptAtMs = q.value(9).toLongLong();
        r.decidedOffline = q.value(10).toInt() != 0;
        r.agentName = q.value(11).toString();
        rows.append(std::move(r));
    }
    return rows;
}
} // namespace

Result<QVector<OutboxListRow>> OutboxStore::listRows(int offset, int limit) const
{
    return selectListRows(m_database.connection(),
                          QStringLiteral("ORDER BY o.state IN ('failed','held') DESC, o.created_at DESC, o.rowid DESC "
                                         "LIMIT ? OFFSET ?"),
                          {std::max(0, limit), std::max(0, offset)});
}

Result<std::optional<OutboxListRow>> OutboxStore::listRow(const QString &id) const
{
    auto rows = selectListRows(m_database.connection(), QStringLiteral("AND o.id = ?"), {id});
    if (!rows)
        return rows.failure();
    if (rows->isEmpty())
        return std::optional<OutboxListRow>{};
    return std::optional<OutboxListRow>{rows->first()};
}

Result<int> OutboxStore::countWaiting() const
{
    auto v = sql::scalar(m_database.connection(),
                         QStringLiteral("SELECT count(*) FROM outbox WHERE state IN ") + activeStates());
    if (!v)
        return v.failure();
    return v->toInt();
}

Result<int> OutboxStore::countInState(OutboxState state) const
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT count(*) FROM outbox WHERE state = ?")); !s)
        return s.failure();
    q.addBindValue(toId(state));
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() ? q.value(0).toInt() : 0;
}

Status OutboxStore::agentAction(const QString &id, const Agent &agent, const QString &action,
                                const std::function<Result<QString>(const OutboxEntry &)> &apply)
{
    if (agent.id.isEmpty())
        return Error{
            QCoreApplication::translate("Outbox", "Set your agent name in the settings before changing the outbox.")};
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};
    auto entry = find(id);
    if (!entry)
        return entry.failure();
    // apply() writes the change and returns what the audit entry records about it.
    auto detail = apply(*entry);
    if (!detail)
        return detail.failure();
    QSqlQuery audit(db);
    if (Status s =
            sql::prepare(audit, QStringLiteral("INSERT INTO audit_log(id, at, agent_id, agent_name, action, "
                                               "thread_id, decision_id, details) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
        !s)
        return s;
    QJsonObject details{{QStringLiteral("outbox_id"), entry->id}, {QStringLiteral("state_before"), toId(entry->state)}};
    if (!detail->isEmpty())
        details.insert(QStringLiteral("detail"), *detail);
    audit.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    audit.addBindValue(m_clock.nowMs());
    audit.addBindValue(agent.id);
    audit.addBindValue(agent.name);
    audit.addBindValue(action);
    audit.addBindValue(entry->threadId);
    audit.addBindValue(entry->decisionId);
    audit.addBindValue(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    if (Status s = sql::exec(audit); !s)
        return s;
    return transaction.commit();
}

Status OutboxStore::editText(const QString &id, const QString &text, const Agent &agent)
{
    return agentAction(id, agent, QStringLiteral("outbox_edit"), [&](const OutboxEntry &e) -> Result<QString> {
        if (e.state != OutboxState::Pending && e.state != OutboxState::Failed && e.state != OutboxState::Held)
            return notAllowed(e, QCoreApplication::translate("Outbox", "edited"));
        const bool needsText = e.kind == DecisionKind::ReplyPublic || e.kind == DecisionKind::ReplyPrivate;
        if (needsText && text.trimmed().isEmpty())
            return Error{QCoreApplication::translate("Outbox", "A reply cannot be empty.")};
        // An edited reply passes the checks the decision passed: the channel's limit, and the
        // insurance guard in public (the refusal names the kinds found, never the data).
        if (needsText) {
            const Visibility visibility =
                e.kind == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private;
            if (const LengthCheck length = checkLength(text, e.channel, visibility); !length.sendable)
                return Error{length.reason};
        }
        if (e.kind == DecisionKind::ReplyPublic) {
            auto config = GuardConfig::load(m_database.connection());
            if (!config)
                return config.failure();
            if (const QVector<Finding> findings = Guard(config.value(), &m_clock).check(text); !findings.isEmpty()) {
                QStringList kinds;
                for (const Finding &f : findings)
                    if (!kinds.contains(label(f.kind)))
                        kinds << label(f.kind);
                return Error{QCoreApplication::translate("Outbox",
                                                         "A public reply cannot carry personal data (%1): remove "
                                                         "it, or cancel this entry and reply privately.")
                                 .arg(kinds.join(QStringLiteral(", ")))};
            }
        }
        OutboxEntry changed = e;
        if (auto applied = transition(changed, e.state, QStringLiteral("text = ?"), {text}); !applied || !*applied)
            return Error{applied ? changedMeanwhile() : applied.error()};
        // Lengths only: the texts are in the entry and the decision, and may hold personal data.
        return QStringLiteral("text length %1 -> %2").arg(e.text.size()).arg(text.size());
    });
}

Status OutboxStore::retry(const QString &id, const Agent &agent)
{
    return agentAction(id, agent, QStringLiteral("outbox_retry"), [&](const OutboxEntry &e) -> Result<QString> {
        if (e.state != OutboxState::Failed && e.state != OutboxState::Held)
            return notAllowed(e, QCoreApplication::translate("Outbox", "retried"));
        // Sent before: it may have arrived, so the dispatcher reads the thread back first.
        const OutboxState next = e.attempts > 0 ? OutboxState::Unknown : OutboxState::Pending;
        OutboxEntry changed = e;
        if (auto applied =
                transition(changed, next, QStringLiteral("last_error = NULL, next_attempt_at = ?, check_failures = 0"),
                           {m_clock.nowMs()});
            !applied || !*applied)
            return Error{applied ? changedMeanwhile() : applied.error()};
        return QString(e.lastError);
    });
}

Status OutboxStore::cancel(const QString &id, const Agent &agent)
{
    return agentAction(id, agent, QStringLiteral("outbox_cancel"), [&](const OutboxEntry &e) -> Result<QString> {
        if (e.state == OutboxState::Sending)
            return Error{QCoreApplication::translate("Outbox", "This entry is being sent right now; cancel it when the "
                                                               "attempt has finished.")};
        if (!e.isActive())
            return notAllowed(e, QCoreApplication::translate("Outbox", "cancelled"));
        OutboxEntry changed = e;
        if (auto applied = transition(changed, OutboxState::Cancelled, QStringLiteral("next_attempt_at = NULL"), {});
            !applied || !*applied)
            return Error{applied ? changedMeanwhile() : applied.error()};
        return QString();
    });
}

Status OutboxStore::confirmHeld(const QString &id, const Agent &agent)
{
    return agentAction(id, agent, QStringLiteral("outbox_confirm"), [&](const OutboxEntry &e) -> Result<QString> {
        if (e.state != OutboxState::Held)
            return notAllowed(e, QCoreApplication::translate("Outbox", "confirmed"));
        // The agent has seen the reason and wants it sent: no offline check, no read-back.
        // The agent has seen the reason and wants it sent: no offline check, no read-back.
        OutboxEntry changed = e;
        if (auto applied = transition(changed, OutboxState::Pending,
                                      QStringLiteral("decided_offline = 0, last_error = NULL, "
                                                     "next_attempt_at = ?, check_failures = 0"),
                                      {m_clock.nowMs()});
            !applied || !*applied)
            return Error{applied ? changedMeanwhile() : applied.error()};
        return QString(e.lastError);
    });
}

Result<QVector<OutboxEntry>> OutboxStore::due(qint64 nowMs) const
{
    return selectEntries(
        m_database.connection(),
        QStringLiteral("WHERE o.state IN ('pending','unknown') AND coalesce(o.next_attempt_at, 0) <= ? "
                       "ORDER BY o.created_at, o.rowid"),
        {nowMs});
}

Result<qint64> OutboxStore::nextDueAtMs(qint64 nowMs) const
{
    // Entries due now count too (a NULL next_attempt_at is "at once"), and so does the moment an
    // abandoned `sending` lease expires.
    auto v =
        sql::scalar(m_database.connection(),
                    QStringLiteral("SELECT min(at) FROM (SELECT coalesce(next_attempt_at, 0) AS at FROM outbox WHERE "
                                   "state IN ('pending','unknown') UNION ALL SELECT coalesce(lease_until, 0) FROM "
                                   "outbox WHERE state = 'sending')"));
    if (!v)
        return v.failure();
    if (v->isNull())
        return qint64(0);
    return std::max(nowMs, v->toLongLong());
}

Result<qint64> OutboxStore::nextDueAfterMs(qint64 nowMs) const
{
    QSqlQuery q(m_database.connection());
    if (Status s =
            sql::prepare(q, QStringLiteral("SELECT min(at) FROM (SELECT next_attempt_at AS at FROM outbox WHERE "
                                           "state IN ('pending','unknown') UNION ALL SELECT lease_until FROM outbox "
                                           "WHERE state = 'sending') WHERE at > ?"));
        !s)
        return s.failure();
    q.addBindValue(nowMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() && !q.value(0).isNull() ? q.value(0).toLongLong() : qint64(0);
}

Result<int> OutboxStore::recoverInterrupted(qint64 nowMs)
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE outbox SET state = 'unknown', next_attempt_at = NULL, "
                                                  "last_error = ?, updated_at = ?, revision = revision + 1, "
                                                  "lease_owner = NULL, lease_until = NULL "
                                                  "WHERE state = 'sending' AND coalesce(lease_until, 0) < ?"));
        !s)
        return s.failure();
    q.addBindValue(QCoreApplication::translate("Outbox", "Sportello stopped while this was being sent; the thread "
                                                         "is checked before anything is sent again."));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(nowMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.numRowsAffected();
}

Status OutboxStore::renewLeases(const QString &owner, qint64 leaseUntilMs)
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(
            q, QStringLiteral("UPDATE outbox SET lease_until = ? WHERE state = 'sending' AND lease_owner = ?"));
        !s)
        return s;
    q.addBindValue(leaseUntilMs);
    q.addBindValue(owner);
    return sql::exec(q);
}

Result<bool> OutboxStore::transition(OutboxEntry &entry, OutboxState to, const QString &assignments,
                                     const QVariantList &binds)
{
    QSqlQuery q(m_database.connection());
    if (Status s =
            sql::prepare(q, QStringLiteral("UPDATE outbox SET state = ?, %1%2revision = revision + 1, updated_at = ? "
                                           "WHERE id = ? AND state = ? AND revision = ?")
                                .arg(assignments, assignments.isEmpty() ? QString() : QStringLiteral(", ")));
        !s)
        return s.failure();
    const qint64 now = m_clock.nowMs();
    q.addBindValue(toId(to));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    q.addBindValue(now);
    q.addBindValue(entry.id);
    q.addBindValue(toId(entry.state));
    q.addBindValue(entry.revision);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (q.numRowsAffected() != 1)
        return false;
    entry.state = to;
    ++entry.revision;
    entry.updatedAtMs = now;
    return true;
}

Result<bool> OutboxStore::markSending(OutboxEntry &entry, const QString &sentText, const QString &owner,
                                      qint64 leaseUntilMs, const QByteArray &packet)
{
    if (entry.state != OutboxState::Pending && entry.state != OutboxState::Unknown)
        return false;
    const qint64 now = m_clock.nowMs();
    auto applied = transition(entry, OutboxState::Sending,
                              QStringLiteral("sent_at = ?, sent_text = ?, attempts = attempts + 1, lease_owner = ?, "
                                             "lease_until = ?, packet = coalesce(packet, ?)"),
                              {now, sentText, owner, leaseUntilMs,
                               packet.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(packet)});
    if (applied && *applied) {
        entry.sentAtMs = now;
        entry.sentText = sentText;
        ++entry.attempts;
        entry.leaseOwner = owner;
        entry.leaseUntilMs = leaseUntilMs;
        if (entry.packet.isEmpty())
            entry.packet = packet;
    }
    return applied;
}

Result<bool> OutboxStore::reschedule(OutboxEntry &entry, OutboxState state, qint64 nextAttemptAtMs,
                                     const QString &reason, int checkFailures)
{
    if (state != OutboxState::Pending && state != OutboxState::Unknown)
        return Error{
            QStringLiteral("OutboxStore::reschedule: only pending or unknown entries wait for a next attempt")};
    auto applied =
        transition(entry, state,
                   QStringLiteral("last_error = ?, next_attempt_at = ?, check_failures = ?, "
                                  "lease_owner = NULL, lease_until = NULL"),
                   {sql::nullableText(reason), sql::nullableInt(nextAttemptAtMs, nextAttemptAtMs <= 0), checkFailures});
    if (applied && *applied) {
        entry.lastError = reason;
        entry.nextAttemptAtMs = std::max<qint64>(0, nextAttemptAtMs);
        entry.checkFailures = checkFailures;
    }
    return applied;
}

Result<bool> OutboxStore::markFailed(OutboxEntry &entry, const QString &reason)
{
    return transition(entry, OutboxState::Failed,
                      QStringLiteral("last_error = ?, next_attempt_at = NULL, lease_owner = NULL, "
                                     "lease_until = NULL"),
                      {sql::nullableText(reason)});
}

Result<bool> OutboxStore::markHeld(OutboxEntry &entry, const QString &reason)
{
    return transition(entry, OutboxState::Held,
                      QStringLiteral("last_error = ?, next_attempt_at = NULL, lease_owner = NULL, "
                                     "lease_until = NULL"),
                      {sql::nullableText(reason)});
}

Result<bool> OutboxStore::markDelivered(OutboxEntry &entry, const QString &remoteId, qint64 deliveredAtMs,
                                        const QString &note)
{
    return transition(entry, OutboxState::Delivered,
                      QStringLiteral("remote_id = ?, delivered_at = ?, last_error = ?, next_attempt_at = NULL, "
                                     "check_failures = 0, lease_owner = NULL, lease_until = NULL"),
                      {sql::nullableText(remoteId), deliveredAtMs, sql::nullableText(note)});
}

} // namespace sportello::sync
