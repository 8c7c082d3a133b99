#include "outbox/Outbox.h"

#include "audit/AuditLog.h"
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
#include <QSqlRecord>

namespace sportello::outbox {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT o.id AS id, o.decision_id AS decision_id, o.idempotency_key AS idempotency_key, "
    "d.thread_id AS thread_id, t.external_id AS thread_external_id, t.channel AS channel, d.kind AS kind, "
    "coalesce(o.text, d.text) AS text, d.text AS decision_text, o.state AS state, o.attempts AS attempts, "
    "coalesce(o.last_error, '') AS last_error, o.created_at AS created_at, "
    "coalesce(o.updated_at, o.created_at) AS updated_at, d.decided_at AS decided_at, "
    "coalesce(o.next_attempt_at, 0) AS next_attempt_at, coalesce(o.sent_at, 0) AS sent_at, "
    "coalesce(o.delivered_at, 0) AS delivered_at, coalesce(o.remote_id, '') AS remote_id, "
    "coalesce(o.case_reference, '') AS case_reference, o.decided_offline AS decided_offline, "
    "d.agent_id AS agent_id, d.agent_name AS agent_name, coalesce(o.sent_text, '') AS sent_text, "
    "coalesce(o.target_post_id, '') AS target_post_id, o.seen_outbound AS seen_outbound, "
    "o.check_failures AS check_failures, o.packet AS packet, o.revision AS revision, "
    "coalesce(o.lease_owner, '') AS lease_owner, coalesce(o.lease_until, 0) AS lease_until "
    "FROM outbox o JOIN decisions d ON d.id = o.decision_id JOIN threads t ON t.id = d.thread_id ");

// Reads OutboxEntry rows of kSelect by column name; the names are looked up once per query, not
// once a row (the dispatcher reads every due entry on each pass).
class EntryMapper {
public:
    explicit EntryMapper(const QSqlRecord &record)
        : m_id(record.indexOf(QLatin1String("id"))), m_decisionId(record.indexOf(QLatin1String("decision_id"))),
          m_idempotencyKey(record.indexOf(QLatin1String("idempotency_key"))),
          m_threadId(record.indexOf(QLatin1String("thread_id"))),
          m_threadExternalId(record.indexOf(QLatin1String("thread_external_id"))),
          m_channel(record.indexOf(QLatin1String("channel"))), m_kind(record.indexOf(QLatin1String("kind"))),
          m_text(record.indexOf(QLatin1String("text"))), m_decisionText(record.indexOf(QLatin1String("decision_text"))),
          m_state(record.indexOf(QLatin1String("state"))), m_attempts(record.indexOf(QLatin1String("attempts"))),
          m_lastError(record.indexOf(QLatin1String("last_error"))),
          m_createdAt(record.indexOf(QLatin1String("created_at"))),
          m_updatedAt(record.indexOf(QLatin1String("updated_at"))),
          m_decidedAt(record.indexOf(QLatin1String("decided_at"))),
          m_nextAttemptAt(record.indexOf(QLatin1String("next_attempt_at"))),
          m_sentAt(record.indexOf(QLatin1String("sent_at"))),
          m_deliveredAt(record.indexOf(QLatin1String("delivered_at"))),
          m_remoteId(record.indexOf(QLatin1String("remote_id"))),
          m_caseReference(record.indexOf(QLatin1String("case_reference"))),
          m_decidedOffline(record.indexOf(QLatin1String("decided_offline"))),
          m_agentId(record.indexOf(QLatin1String("agent_id"))),
          m_agentName(record.indexOf(QLatin1String("agent_name"))),
          m_sentText(record.indexOf(QLatin1String("sent_text"))),
          m_targetPostId(record.indexOf(QLatin1String("target_post_id"))),
          m_seenOutbound(record.indexOf(QLatin1String("seen_outbound"))),
          m_checkFailures(record.indexOf(QLatin1String("check_failures"))),
          m_packet(record.indexOf(QLatin1String("packet"))), m_revision(record.indexOf(QLatin1String("revision"))),
          m_leaseOwner(record.indexOf(QLatin1String("lease_owner"))),
          m_leaseUntil(record.indexOf(QLatin1String("lease_until")))
    {}

    OutboxEntry operator()(const QSqlQuery &q) const
    {
        OutboxEntry e;
        e.id = q.value(m_id).toString();
        e.decisionId = q.value(m_decisionId).toString();
        e.idempotencyKey = q.value(m_idempotencyKey).toString();
        e.threadId = q.value(m_threadId).toLongLong();
        e.threadExternalId = q.value(m_threadExternalId).toString();
        e.channel = channelFromId(q.value(m_channel).toString()).value_or(Channel::Facebook);
        e.kind = decisionKindFromId(q.value(m_kind).toString()).value_or(DecisionKind::ReplyPublic);
        e.text = q.value(m_text).toString();
        e.decisionText = q.value(m_decisionText).toString();
        e.state = outboxStateFromId(q.value(m_state).toString()).value_or(OutboxState::Failed);
        e.attempts = q.value(m_attempts).toInt();
        e.lastError = q.value(m_lastError).toString();
        e.createdAtMs = q.value(m_createdAt).toLongLong();
        e.updatedAtMs = q.value(m_updatedAt).toLongLong();
        e.decidedAtMs = q.value(m_decidedAt).toLongLong();
        e.nextAttemptAtMs = q.value(m_nextAttemptAt).toLongLong();
        e.sentAtMs = q.value(m_sentAt).toLongLong();
        e.deliveredAtMs = q.value(m_deliveredAt).toLongLong();
        e.remoteId = q.value(m_remoteId).toString();
        e.caseReference = q.value(m_caseReference).toString();
        e.decidedOffline = q.value(m_decidedOffline).toInt() != 0;
        e.agent = Agent{q.value(m_agentId).toString(), q.value(m_agentName).toString()};
        e.sentText = q.value(m_sentText).toString();
        e.targetPostId = q.value(m_targetPostId).toString();
        const QVariant seen = q.value(m_seenOutbound);
        e.hasSeenOutbound = !seen.isNull();
        for (const QJsonValue &v : QJsonDocument::fromJson(seen.toString().toUtf8()).array())
            e.seenOutbound << v.toString();
        e.checkFailures = q.value(m_checkFailures).toInt();
        e.packet = q.value(m_packet).toByteArray();
        e.revision = q.value(m_revision).toLongLong();
        e.leaseOwner = q.value(m_leaseOwner).toString();
        e.leaseUntilMs = q.value(m_leaseUntil).toLongLong();
        return e;
    }

private:
    int m_id, m_decisionId, m_idempotencyKey, m_threadId, m_threadExternalId, m_channel, m_kind, m_text, m_decisionText,
        m_state, m_attempts, m_lastError, m_createdAt, m_updatedAt, m_decidedAt, m_nextAttemptAt, m_sentAt,
        m_deliveredAt, m_remoteId, m_caseReference, m_decidedOffline, m_agentId, m_agentName, m_sentText,
        m_targetPostId, m_seenOutbound, m_checkFailures, m_packet, m_revision, m_leaseOwner, m_leaseUntil;
};

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
    const EntryMapper entryFrom(q.record());
    while (q.next())
        entries.append(entryFrom(q));
    return entries;
}

QString activeStates() { return QStringLiteral("('pending','sending','unknown','failed','held')"); }

Error changedMeanwhile()
{
    return Error{QCoreApplication::translate("Outbox", "This entry changed meanwhile (it is being delivered); look at "
                                                       "it again, then try once more."),
                 ErrorKind::Conflict};
}

// A transition an agent action asked for: refused as a Conflict when the entry moved meanwhile.
Status appliedOrConflict(const Result<bool> &applied)
{
    if (!applied)
        return applied.failure();
    if (!*applied)
        return changedMeanwhile();
    return {};
}

Error notAllowed(const OutboxEntry &entry, const QString &action)
{
    return Error{QCoreApplication::translate("Outbox", "This entry is %1: it cannot be %2.")
                     .arg(label(entry.state).toLower(), action),
                 ErrorKind::Conflict};
}

// The customer's post a reply answers: the thread's latest inbound post when the agent decides.
Result<QString> targetPost(const QSqlDatabase &db, qint64 threadId)
{
    QSqlQuery q(db);
    if (Status s = sql::prepare(q, QStringLiteral("SELECT external_id FROM posts WHERE thread_id = ? AND direction = "
                                                  "'inbound' ORDER BY created_at DESC, id DESC LIMIT 1"));
        !s)
        return s.failure();
    q.addBindValue(threadId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() ? q.value(QStringLiteral("external_id")).toString() : QString();
}

// The company's posts the agent's cache shows on the thread: anything else found on the platform
// later was not seen when an offline decision was taken.
Result<QString> seenOutbound(const QSqlDatabase &db, qint64 threadId)
{
    QSqlQuery q(db);
    if (Status s = sql::prepare(q, QStringLiteral("SELECT external_id FROM posts WHERE thread_id = ? AND direction = "
                                                  "'outbound' ORDER BY created_at, id"));
        !s)
        return s.failure();
    q.addBindValue(threadId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QJsonArray ids;
    const int externalId = q.record().indexOf(QLatin1String("external_id"));
    while (q.next())
        ids.append(q.value(externalId).toString());
    return QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
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
    case OutboxState::AwaitingApproval: return QStringLiteral("awaiting_approval");
    case OutboxState::SentBack: return QStringLiteral("sent_back");
    }
    return QStringLiteral("failed");
}

std::optional<OutboxState> outboxStateFromId(const QString &id)
{
    for (OutboxState s :
         {OutboxState::Pending, OutboxState::Sending, OutboxState::Unknown, OutboxState::Delivered, OutboxState::Failed,
          OutboxState::Held, OutboxState::Cancelled, OutboxState::AwaitingApproval, OutboxState::SentBack}) {
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
    case OutboxState::AwaitingApproval: return QCoreApplication::translate("Outbox", "Awaiting approval");
    case OutboxState::SentBack: return QCoreApplication::translate("Outbox", "Sent back");
    }
    return {};
}

bool OutboxEntry::isActive() const { return state != OutboxState::Delivered && state != OutboxState::Cancelled; }

OutboxStore::OutboxStore(Database &database, const Clock &clock) : m_database(database), m_clock(clock) {}

Status OutboxStore::enqueue(const QSqlDatabase &db, const NewOutboxEntry &entry)
{
    QString target, seen;
    if (entry.kind != DecisionKind::Forward) {
        auto post = targetPost(db, entry.threadId);
        if (!post)
            return post.failure();
        target = *post;
    }
    if (entry.decidedOffline) {
        auto ids = seenOutbound(db, entry.threadId);
        if (!ids)
            return ids.failure();
        seen = *ids;
    }
    sql::ReusedQuery reusedOutbox(db, QStringLiteral("INSERT INTO outbox(id, decision_id, idempotency_key, state, "
                                                     "created_at, updated_at, text, decided_offline, case_reference, "
                                                     "target_post_id, seen_outbound) "
                                                     "VALUES(?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)"));
    if (!reusedOutbox.prepared())
        return reusedOutbox.prepared();
    QSqlQuery &outbox = reusedOutbox.query();
    outbox.addBindValue(entry.id);
    outbox.addBindValue(entry.decisionId);
    // The key travels with every delivery attempt, so a channel or customer care can refuse a repeat.
    outbox.addBindValue(QStringLiteral("sportello-") + entry.decisionId);
    outbox.addBindValue(entry.atMs);
    outbox.addBindValue(entry.atMs);
    outbox.addBindValue(entry.text.isNull() ? QString(QLatin1String("")) : entry.text);
    outbox.addBindValue(entry.decidedOffline ? 1 : 0);
    outbox.addBindValue(sql::nullableText(entry.caseReference));
    outbox.addBindValue(sql::nullableText(target));
    outbox.addBindValue(sql::nullableText(seen));
    return sql::exec(outbox);
}

Result<OutboxEntry> OutboxStore::find(const QString &id) const
{
    auto rows = selectEntries(m_database.connection(), QStringLiteral("WHERE o.id = ?"), {id});
    if (!rows)
        return rows.failure();
    if (rows->isEmpty())
        return Error{QCoreApplication::translate("Outbox", "There is no outbox entry %1.").arg(id),
                     ErrorKind::NotFound};
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
    QStringLiteral("SELECT o.id AS id, d.thread_id AS thread_id, t.channel AS channel, d.kind AS kind, "
                   "substr(coalesce(o.text, d.text), 1, %1) AS text, o.state AS state, o.attempts AS attempts, "
                   "coalesce(o.last_error, '') AS last_error, d.decided_at AS decided_at, "
                   "coalesce(o.next_attempt_at, 0) AS next_attempt_at, o.decided_offline AS decided_offline, "
                   "d.agent_name AS agent_name, coalesce(o.review_comment, '') AS review_comment, "
                   "coalesce(o.reviewed_by, '') AS reviewed_by "
                   "FROM outbox o JOIN decisions d ON d.id = o.decision_id JOIN threads t ON t.id = d.thread_id "
                   "WHERE o.state IN ('pending','sending','unknown','failed','held','awaiting_approval','sent_back') ")
        .arg(OutboxListRow::kTextChars);

// Reads OutboxListRow rows of kListSelect by column name, looked up once per query.
class ListRowMapper {
public:
    explicit ListRowMapper(const QSqlRecord &record)
        : m_id(record.indexOf(QLatin1String("id"))), m_threadId(record.indexOf(QLatin1String("thread_id"))),
          m_channel(record.indexOf(QLatin1String("channel"))), m_kind(record.indexOf(QLatin1String("kind"))),
          m_text(record.indexOf(QLatin1String("text"))), m_state(record.indexOf(QLatin1String("state"))),
          m_attempts(record.indexOf(QLatin1String("attempts"))),
          m_lastError(record.indexOf(QLatin1String("last_error"))),
          m_decidedAt(record.indexOf(QLatin1String("decided_at"))),
          m_nextAttemptAt(record.indexOf(QLatin1String("next_attempt_at"))),
          m_decidedOffline(record.indexOf(QLatin1String("decided_offline"))),
          m_agentName(record.indexOf(QLatin1String("agent_name"))),
          m_reviewComment(record.indexOf(QLatin1String("review_comment"))),
          m_reviewedBy(record.indexOf(QLatin1String("reviewed_by")))
    {}

    OutboxListRow operator()(const QSqlQuery &q) const
    {
        OutboxListRow r;
        r.id = q.value(m_id).toString();
        r.threadId = q.value(m_threadId).toLongLong();
        r.channel = channelFromId(q.value(m_channel).toString()).value_or(Channel::Facebook);
        r.kind = decisionKindFromId(q.value(m_kind).toString()).value_or(DecisionKind::ReplyPublic);
        r.text = q.value(m_text).toString();
        r.state = outboxStateFromId(q.value(m_state).toString()).value_or(OutboxState::Failed);
        r.attempts = q.value(m_attempts).toInt();
        r.lastError = q.value(m_lastError).toString();
        r.decidedAtMs = q.value(m_decidedAt).toLongLong();
        r.nextAttemptAtMs = q.value(m_nextAttemptAt).toLongLong();
        r.decidedOffline = q.value(m_decidedOffline).toInt() != 0;
        r.agentName = q.value(m_agentName).toString();
        r.reviewComment = q.value(m_reviewComment).toString();
        r.reviewedBy = q.value(m_reviewedBy).toString();
        return r;
    }

private:
    int m_id, m_threadId, m_channel, m_kind, m_text, m_state, m_attempts, m_lastError, m_decidedAt, m_nextAttemptAt,
        m_decidedOffline, m_agentName, m_reviewComment, m_reviewedBy;
};

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
    const ListRowMapper rowFrom(q.record());
    while (q.next())
        rows.append(rowFrom(q));
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
    sql::ReusedQuery reused(m_database.connection(),
                            QStringLiteral("SELECT count(*) AS n FROM outbox WHERE state = ?"));
    if (!reused.prepared())
        return reused.prepared().failure();
    QSqlQuery &q = reused.query();
    q.addBindValue(toId(state));
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() ? q.value(QStringLiteral("n")).toInt() : 0;
}

Status OutboxStore::agentAction(const QString &id, const Agent &agent, const QString &action,
                                const std::function<Result<QString>(const OutboxEntry &)> &apply)
{
    if (agent.id.isEmpty())
        return Error{
            QCoreApplication::translate("Outbox", "Set your agent name in the settings before changing the outbox."),
            ErrorKind::RefusedByPolicy};
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
    QJsonObject details{{QStringLiteral("outbox_id"), entry->id}, {QStringLiteral("state_before"), toId(entry->state)}};
    if (!detail->isEmpty())
        details.insert(QStringLiteral("detail"), *detail);
    if (Status s = appendAudit(db, {m_clock.nowMs(), agent, action, entry->threadId, entry->decisionId, details}); !s)
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
            return Error{QCoreApplication::translate("Outbox", "A reply cannot be empty."), ErrorKind::InvalidInput};
        // An edited reply passes the checks the decision passed: the channel's limit, and the
        // insurance guard in public (the refusal names the kinds found, never the data).
        if (needsText) {
            const Visibility visibility =
                e.kind == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private;
            if (const LengthCheck length = checkLength(text, e.channel, visibility); !length.sendable)
                return Error{length.reason, ErrorKind::InvalidInput};
        }
        if (e.kind == DecisionKind::ReplyPublic) {
            auto config = GuardConfig::load(m_database.connection());
            if (!config)
                return config.failure();
            const auto checked = Guard(config.value(), &m_clock).check(text);
            if (!checked)
                return checked.failure();
            if (const QVector<Finding> &findings = checked.value(); !findings.isEmpty()) {
                QStringList kinds;
                for (const Finding &f : findings)
                    if (!kinds.contains(label(f.kind)))
                        kinds << label(f.kind);
                return Error{QCoreApplication::translate("Outbox",
                                                         "A public reply cannot carry personal data (%1): remove "
                                                         "it, or cancel this entry and reply privately.")
                                 .arg(kinds.join(QStringLiteral(", "))),
                             ErrorKind::RefusedByPolicy};
            }
        }
        OutboxEntry changed = e;
        if (Status s = appliedOrConflict(transition(changed, e.state, QStringLiteral("text = ?"), {text})); !s)
            return s.failure();
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
        if (Status s = appliedOrConflict(
                transition(changed, next, QStringLiteral("last_error = NULL, next_attempt_at = ?, check_failures = 0"),
                           {m_clock.nowMs()}));
            !s)
            return s.failure();
        return QString(e.lastError);
    });
}

Status OutboxStore::cancel(const QString &id, const Agent &agent)
{
    return agentAction(id, agent, QStringLiteral("outbox_cancel"), [&](const OutboxEntry &e) -> Result<QString> {
        if (e.state == OutboxState::Sending)
            return Error{QCoreApplication::translate("Outbox", "This entry is being sent right now; cancel it when the "
                                                               "attempt has finished."),
                         ErrorKind::Busy};
        if (!e.isActive())
            return notAllowed(e, QCoreApplication::translate("Outbox", "cancelled"));
        OutboxEntry changed = e;
        if (Status s = appliedOrConflict(
                transition(changed, OutboxState::Cancelled, QStringLiteral("next_attempt_at = NULL"), {}));
            !s)
            return s.failure();
        return QString();
    });
}

Status OutboxStore::confirmHeld(const QString &id, const Agent &agent)
{
    return agentAction(id, agent, QStringLiteral("outbox_confirm"), [&](const OutboxEntry &e) -> Result<QString> {
        if (e.state != OutboxState::Held)
            return notAllowed(e, QCoreApplication::translate("Outbox", "confirmed"));
        // The agent has seen the reason and wants it sent: no offline check, no read-back.
        OutboxEntry changed = e;
        if (Status s = appliedOrConflict(transition(changed, OutboxState::Pending,
                                                    QStringLiteral("decided_offline = 0, last_error = NULL, "
                                                                   "next_attempt_at = ?, check_failures = 0"),
                                                    {m_clock.nowMs()}));
            !s)
            return s.failure();
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
    if (Status s = sql::prepare(
            q, QStringLiteral("SELECT min(at) AS next_at FROM (SELECT next_attempt_at AS at FROM outbox WHERE "
                              "state IN ('pending','unknown') UNION ALL SELECT lease_until FROM outbox "
                              "WHERE state = 'sending') WHERE at > ?"));
        !s)
        return s.failure();
    q.addBindValue(nowMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return qint64(0);
    const QVariant at = q.value(QStringLiteral("next_at"));
    return at.isNull() ? qint64(0) : at.toLongLong();
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
        return Error{QStringLiteral("OutboxStore::reschedule: only pending or unknown entries wait for a next attempt"),
                     ErrorKind::InvalidInput};
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

} // namespace sportello::outbox
