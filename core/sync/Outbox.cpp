#include "sync/Outbox.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "timers/Clock.h"

#include <QCoreApplication>
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
    "d.agent_id, d.agent_name "
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
    return e;
}

Result<QVector<OutboxEntry>> selectEntries(const QSqlDatabase &db, const QString &where,
                                           const QVariantList &binds)
{
    QSqlQuery q(db);
    if (Status s = sql::prepare(q, kSelect + where); !s)
        return Error{s.error()};
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (Status s = sql::exec(q); !s)
        return Error{s.error()};
    QVector<OutboxEntry> entries;
    while (q.next())
        entries.append(entryFrom(q));
    return entries;
}

QString activeStates()
{
    return QStringLiteral("('pending','sending','unknown','failed','held')");
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

bool OutboxEntry::isActive() const
{
    return state != OutboxState::Delivered && state != OutboxState::Cancelled;
}

OutboxStore::OutboxStore(Database &database, const Clock &clock) : m_database(database), m_clock(clock) {}

Result<OutboxEntry> OutboxStore::find(const QString &id) const
{
    auto rows = selectEntries(m_database.connection(), QStringLiteral("WHERE o.id = ?"), {id});
    if (!rows)
        return Error{rows.error()};
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

Result<int> OutboxStore::countWaiting() const
{
    auto v = sql::scalar(m_database.connection(),
                         QStringLiteral("SELECT count(*) FROM outbox WHERE state IN ") + activeStates());
    if (!v)
        return Error{v.error()};
    return v->toInt();
}

Result<int> OutboxStore::countInState(OutboxState state) const
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT count(*) FROM outbox WHERE state = ?")); !s)
        return Error{s.error()};
    q.addBindValue(toId(state));
    if (Status s = sql::exec(q); !s)
        return Error{s.error()};
    return q.next() ? q.value(0).toInt() : 0;
}

Status OutboxStore::agentAction(const QString &id, const Agent &agent, const QString &action,
                                const std::function<Result<QString>(const OutboxEntry &)> &apply)
{
    if (agent.id.isEmpty())
        return Error{QCoreApplication::translate("Outbox", "Set your agent name in the settings before changing the outbox.")};
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};
    auto entry = find(id);
    if (!entry)
        return Error{entry.error()};
    // apply() writes the change and returns what the audit entry records about it.
    auto detail = apply(*entry);
    if (!detail)
        return Error{detail.error()};
    QSqlQuery audit(db);
    if (Status s = sql::prepare(audit, QStringLiteral("INSERT INTO audit_log(id, at, agent_id, agent_name, action, "
                                                      "thread_id, decision_id, details) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
        !s)
        return s;
    QJsonObject details{{QStringLiteral("outbox_id"), entry->id},
                        {QStringLiteral("state_before"), toId(entry->state)}};
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
        QSqlQuery q(m_database.connection());
        if (Status s = sql::prepare(q, QStringLiteral("UPDATE outbox SET text = ?, updated_at = ? WHERE id = ?")); !s)
            return Error{s.error()};
        q.addBindValue(text);
        q.addBindValue(m_clock.nowMs());
        q.addBindValue(e.id);
        if (Status s = sql::exec(q); !s)
            return Error{s.error()};
        return QString(e.text);
    });
}

Status OutboxStore::retry(const QString &id, const Agent &agent)
{
    return agentAction(id, agent, QStringLiteral("outbox_retry"), [&](const OutboxEntry &e) -> Result<QString> {
        if (e.state != OutboxState::Failed && e.state != OutboxState::Held)
            return notAllowed(e, QCoreApplication::translate("Outbox", "retried"));
        // Sent before: it may have arrived, so the dispatcher reads the thread back first.
        const OutboxState next = e.attempts > 0 ? OutboxState::Unknown : OutboxState::Pending;
        if (Status s = setState(e.id, next, QString(), m_clock.nowMs()); !s)
            return Error{s.error()};
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
        if (Status s = setState(e.id, OutboxState::Cancelled, e.lastError, 0); !s)
            return Error{s.error()};
        return QString();
    });
}

Status OutboxStore::confirmHeld(const QString &id, const Agent &agent)
{
    return agentAction(id, agent, QStringLiteral("outbox_confirm"), [&](const OutboxEntry &e) -> Result<QString> {
        if (e.state != OutboxState::Held)
            return notAllowed(e, QCoreApplication::translate("Outbox", "confirmed"));
        // The agent has seen the reason and wants it sent: no offline check, no read-back.
        QSqlQuery q(m_database.connection());
        if (Status s = sql::prepare(q, QStringLiteral("UPDATE outbox SET state = 'pending', decided_offline = 0, "
                                                      "last_error = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?"));
            !s)
            return Error{s.error()};
        q.addBindValue(m_clock.nowMs());
        q.addBindValue(m_clock.nowMs());
        q.addBindValue(e.id);
        if (Status s = sql::exec(q); !s)
            return Error{s.error()};
        return QString(e.lastError);
    });
}

Result<QVector<OutboxEntry>> OutboxStore::due(qint64 nowMs) const
{
    return selectEntries(m_database.connection(),
                         QStringLiteral("WHERE o.state IN ('pending','unknown') AND coalesce(o.next_attempt_at, 0) <= ? "
                                        "ORDER BY o.created_at, o.rowid"),
                         {nowMs});
}

Result<qint64> OutboxStore::nextDueAtMs(qint64 nowMs) const
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT min(next_attempt_at) FROM outbox WHERE state IN "
                                                  "('pending','unknown') AND next_attempt_at > ?")); !s)
        return Error{s.error()};
    q.addBindValue(nowMs);
    if (Status s = sql::exec(q); !s)
        return Error{s.error()};
    return q.next() && !q.value(0).isNull() ? q.value(0).toLongLong() : qint64(0);
}

Result<int> OutboxStore::recoverInterrupted()
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE outbox SET state = 'unknown', next_attempt_at = NULL, "
                                                  "last_error = ?, updated_at = ? WHERE state = 'sending'")); !s)
        return Error{s.error()};
    q.addBindValue(QCoreApplication::translate("Outbox", "Sportello stopped while this was being sent; the thread "
                                                         "is checked before anything is sent again."));
    q.addBindValue(m_clock.nowMs());
    if (Status s = sql::exec(q); !s)
        return Error{s.error()};
    return q.numRowsAffected();
}

Status OutboxStore::markSending(const QString &id)
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE outbox SET state = 'sending', sent_at = ?, attempts = attempts + 1, "
                                                  "updated_at = ? WHERE id = ? AND state IN ('pending','unknown')")); !s)
        return s;
    const qint64 now = m_clock.nowMs();
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(id);
    if (Status s = sql::exec(q); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return Error{QCoreApplication::translate("Outbox", "The outbox entry %1 changed while it was about to be sent "
                                                           "(cancelled or edited); it was not sent.").arg(id)};
    return {};
}

Status OutboxStore::setState(const QString &id, OutboxState state, const QString &reason, qint64 nextAttemptAtMs)
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, "
                                                  "updated_at = ? WHERE id = ?")); !s)
        return s;
    q.addBindValue(toId(state));
    q.addBindValue(sql::nullableText(reason));
    q.addBindValue(sql::nullableInt(nextAttemptAtMs, nextAttemptAtMs <= 0));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(id);
    return sql::exec(q);
}

Status OutboxStore::reschedule(const QString &id, OutboxState state, qint64 nextAttemptAtMs, const QString &reason)
{
    if (state != OutboxState::Pending && state != OutboxState::Unknown)
        return Error{QStringLiteral("OutboxStore::reschedule: only pending or unknown entries wait for a next attempt")};
    return setState(id, state, reason, nextAttemptAtMs);
}

Status OutboxStore::markFailed(const QString &id, const QString &reason)
{
    return setState(id, OutboxState::Failed, reason, 0);
}

Status OutboxStore::markHeld(const QString &id, const QString &reason)
{
    return setState(id, OutboxState::Held, reason, 0);
}

Status OutboxStore::markDelivered(const QString &id, const QString &remoteId, qint64 deliveredAtMs)
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE outbox SET state = 'delivered', remote_id = ?, delivered_at = ?, "
                                                  "last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?"));
        !s)
        return s;
    q.addBindValue(sql::nullableText(remoteId));
    q.addBindValue(deliveredAtMs);
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(id);
    return sql::exec(q);
}

} // namespace sportello::sync
