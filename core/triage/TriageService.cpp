#include "triage/TriageService.h"

#include "common/Clock.h"
#include "compose/ChannelLimits.h"
#include "outbox/Handoff.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "timers/Complaints.h"
#include "timers/PolicyStore.h"
#include "timers/ResponseTimers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

namespace sportello {

namespace {

QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
QVariant nullableId(const std::optional<Category> &c)
{
    return c ? QVariant(toId(*c)) : QVariant(QMetaType(QMetaType::QString));
}

struct ThreadHead {
    ThreadStatus status;
    std::optional<Category> category;
    qint64 waitingSinceMs = 0;
    Channel channel = Channel::Facebook;
};

Result<ThreadHead> readThread(const QSqlDatabase &db, qint64 threadId)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(
            query, QStringLiteral("SELECT status, category, waiting_since, channel FROM threads WHERE id = ?"));
        !s)
        return s.failure();
    query.addBindValue(threadId);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next())
        return Error{QCoreApplication::translate("Triage", "Thread %1 is not in the cache.").arg(threadId)};
    ThreadHead head{threadStatusFromId(query.value(0).toString()).value_or(ThreadStatus::Waiting),
                    query.value(1).isNull() ? std::nullopt : categoryFromId(query.value(1).toString()),
                    query.value(2).toLongLong(), channelFromId(query.value(3).toString()).value_or(Channel::Facebook)};
    return head;
}

Status insertAudit(const QSqlDatabase &db, const Agent &agent, qint64 at, const QString &action, qint64 threadId,
                   const QString &decisionId, const QJsonObject &details)
{
    QSqlQuery audit(db);
    if (Status s =
            sql::prepare(audit, QStringLiteral("INSERT INTO audit_log(id, at, agent_id, agent_name, action, "
                                               "thread_id, decision_id, details) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
        !s)
        return s;
    audit.addBindValue(newId());
    audit.addBindValue(at);
    audit.addBindValue(agent.id);
    audit.addBindValue(agent.name);
    audit.addBindValue(action);
    // 0: not about a thread (a configuration change).
    audit.addBindValue(threadId > 0 ? QVariant(threadId) : QVariant(QMetaType(QMetaType::LongLong)));
    audit.addBindValue(sql::nullableText(decisionId));
    audit.addBindValue(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    return sql::exec(audit);
}

// Sets the category of the thread's waiting inbound posts, recomputes their timers under the
// active policy, and the thread's summary. Inside the caller's transaction.
Status applyCategoryToWaitingPosts(const QSqlDatabase &db, qint64 threadId, Category category)
{
    auto policy = PolicyStore::activeIn(db);
    if (!policy)
        return policy.failure();
    QSqlQuery read(db);
    if (Status s = sql::prepare(read, QStringLiteral("SELECT id, channel, created_at FROM posts WHERE thread_id = ? "
                                                     "AND direction = 'inbound' AND answered_at IS NULL"));
        !s)
        return s;
    read.addBindValue(threadId);
    if (Status s = sql::exec(read); !s)
        return s;
    QSqlQuery write(db);
    if (Status s = sql::prepare(
            write, QStringLiteral("UPDATE posts SET category = ?, category_source = 'agent', target_ms = ?, "
                                  "due_at = ?, due_soon_at = ?, business_clock = ? WHERE id = ?"));
        !s)
        return s;
    while (read.next()) {
        const Channel channel = channelFromId(read.value(1).toString()).value_or(Channel::Facebook);
        const PostTimer timer = policy->timerFor(category, channel, read.value(2).toLongLong());
        write.addBindValue(toId(category));
        write.addBindValue(timer.targetMs);
        write.addBindValue(timer.dueAtMs);
        write.addBindValue(timer.dueSoonAtMs);
        write.addBindValue(timer.businessTime ? 1 : 0);
        write.addBindValue(read.value(0));
        if (Status s = sql::exec(write); !s)
            return s;
    }
    return recomputeThreads(db, {threadId});
}

// A case reference no other outbox entry uses; inside the decision's transaction, so two
// decisions cannot take the same one.
Result<QString> uniqueCaseReference(const QSqlDatabase &db, qint64 nowMs,
                                    const std::function<QString(qint64)> &generate)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT 1 FROM outbox WHERE case_reference = ?")); !s)
        return s.failure();
    // 30^6 codes a day: a clash is rare, and five in a row would mean a broken random source.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const QString candidate = generate ? generate(nowMs) : sync::newCaseReference(nowMs);
        query.addBindValue(candidate);
        if (Status s = sql::exec(query); !s)
            return s.failure();
        if (!query.next())
            return candidate;
    }
    return Error{
        QCoreApplication::translate("Triage", "Could not find a free case reference for the forward; try again.")};
}

// The kinds found, each once, in text order: what an audit entry may say about refused text.
QJsonArray findingKinds(const QVector<Finding> &findings)
{
    QJsonArray kinds;
    for (const Finding &f : findings)
        if (!kinds.contains(toId(f.kind)))
            kinds.append(toId(f.kind));
    return kinds;
}

Result<Channel> threadChannel(const QSqlDatabase &db, qint64 threadId)
{
    QSqlQuery q(db);
    if (Status s = sql::prepare(q, QStringLiteral("SELECT channel FROM threads WHERE id = ?")); !s)
        return s.failure();
    q.addBindValue(threadId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return Error{QCoreApplication::translate("Triage", "Thread %1 is not in the cache.").arg(threadId)};
    return channelFromId(q.value(0).toString()).value_or(Channel::Facebook);
}

QJsonArray findingsJson(const QVector<Finding> &findings)
{
    QJsonArray list;
    for (const Finding &f : findings)
        list.append(QJsonObject{{QStringLiteral("kind"), toId(f.kind)},
                                {QStringLiteral("start"), f.start},
                                {QStringLiteral("end"), f.end}});
    return list;
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
    return q.next() ? q.value(0).toString() : QString();
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
    while (q.next())
        ids.append(q.value(0).toString());
    return QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
}

struct OutboxRow {
    QString id;
    QString decisionId;
    DecisionKind kind;
    qint64 threadId;
    QString text;
    qint64 at;
    bool decidedOffline;
    QString caseReference;
};

Status insertOutbox(const QSqlDatabase &db, const OutboxRow &row)
{
    QString target, seen;
    if (row.kind != DecisionKind::Forward) {
        auto post = targetPost(db, row.threadId);
        if (!post)
            return post.failure();
        target = *post;
    }
    if (row.decidedOffline) {
        auto ids = seenOutbound(db, row.threadId);
        if (!ids)
            return ids.failure();
        seen = *ids;
    }
    QSqlQuery outbox(db);
    if (Status s = sql::prepare(outbox, QStringLiteral("INSERT INTO outbox(id, decision_id, idempotency_key, state, "
                                                       "created_at, updated_at, text, decided_offline, case_reference, "
                                                       "target_post_id, seen_outbound) "
                                                       "VALUES(?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)"));
        !s)
        return s;
    outbox.addBindValue(row.id);
    outbox.addBindValue(row.decisionId);
    // The key travels with every delivery attempt, so a channel or customer care can refuse a repeat.
    outbox.addBindValue(QStringLiteral("sportello-") + row.decisionId);
    outbox.addBindValue(row.at);
    outbox.addBindValue(row.at);
    outbox.addBindValue(row.text.isNull() ? QString(QLatin1String("")) : row.text);
    outbox.addBindValue(row.decidedOffline ? 1 : 0);
    outbox.addBindValue(sql::nullableText(row.caseReference));
    outbox.addBindValue(sql::nullableText(target));
    outbox.addBindValue(sql::nullableText(seen));
    return sql::exec(outbox);
}

struct DecisionRow {
    QString id;
    qint64 threadId;
    DecisionKind kind;
    QString text;
    std::optional<Category> categoryBefore;
    std::optional<Category> categoryAfter;
    const Agent &agent;
    qint64 at;
    std::optional<CloseReason> closeReason = std::nullopt;
};

Status insertDecision(const QSqlDatabase &db, const DecisionRow &row)
{
    QSqlQuery decision(db);
    if (Status s = sql::prepare(
            decision,
            QStringLiteral(
                "INSERT INTO decisions(id, thread_id, kind, close_reason, text, category_before, category_after, "
                "agent_id, agent_name, decided_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        !s)
        return s;
    decision.addBindValue(row.id);
    decision.addBindValue(row.threadId);
    decision.addBindValue(toId(row.kind));
    decision.addBindValue(row.closeReason ? QVariant(toId(*row.closeReason)) : QVariant(QMetaType(QMetaType::QString)));
    // A null QString would bind as SQL NULL; an empty text is stored as ''.
    decision.addBindValue(row.text.isNull() ? QString(QLatin1String("")) : row.text);
    decision.addBindValue(nullableId(row.categoryBefore));
    decision.addBindValue(nullableId(row.categoryAfter));
    decision.addBindValue(row.agent.id);
    decision.addBindValue(row.agent.name);
    decision.addBindValue(row.at);
    return sql::exec(decision);
}

} // namespace

QString TriageService::guardRefusal(const QVector<Finding> &findings)
{
    QStringList kinds;
    for (const Finding &f : findings)
        if (!kinds.contains(label(f.kind)))
            kinds << label(f.kind);
    return QCoreApplication::translate("Triage",
                                       "A public reply cannot carry personal data (%1): remove it, or switch to a "
                                       "private reply with Ctrl+Shift+P.")
        .arg(kinds.join(QStringLiteral(", ")));
}

Status TriageService::auditGuardRefusal(qint64 threadId, DecisionKind kind, const QVector<Finding> &findings)
{
    if (m_agent.id.isEmpty())
        return {};
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};
    const QJsonObject details{{QStringLiteral("decision"), toId(kind)},
                              {QStringLiteral("kinds"), findingKinds(findings)}};
    if (Status s =
            insertAudit(db, m_agent, m_clock.nowMs(), QStringLiteral("guard_refused"), threadId, QString(), details);
        !s)
        return s;
    return transaction.commit();
}

TriageService::TriageService(Database &database, const Clock &clock, Agent agent)
    : m_database(database), m_clock(clock), m_agent(std::move(agent))
{}

Status TriageService::validate(const DecisionRequest &request)
{
    const QString text = request.text.trimmed();
    switch (request.kind) {
    case DecisionKind::ReplyPublic:
    case DecisionKind::ReplyPrivate:
        if (text.isEmpty())
            return Error{QCoreApplication::translate("Triage", "Write the reply before sending it.")};
        break;
    case DecisionKind::Forward:
        // The note for customer care is optional; so is the message to the customer.
        if (!request.customerText.trimmed().isEmpty() && request.customerKind != DecisionKind::ReplyPublic &&
            request.customerKind != DecisionKind::ReplyPrivate)
            return Error{QCoreApplication::translate(
                "Triage", "The message to the customer must be a public or a private reply.")};
        break;
    case DecisionKind::Close:
        if (!request.closeReason)
            return Error{QCoreApplication::translate("Triage", "Choose why the thread is closed without a reply.")};
        break;
    }
    return {};
}

Result<DecisionOutcome> TriageService::decide(const DecisionRequest &request)
{
    if (Status valid = validate(request); !valid)
        return valid.failure();
    if (m_agent.id.isEmpty())
        return Error{
            QCoreApplication::translate("Triage", "Set your agent name in the settings before taking decisions.")};
    const QSqlDatabase db = m_database.connection();
    const bool tellsCustomer = request.kind == DecisionKind::Forward && !request.customerText.trimmed().isEmpty();
    // The insurance guard: nothing personal leaves in public, whoever asks for it; a refusal is
    // audited (the kinds found, never the text).
    const QString publicText = request.kind == DecisionKind::ReplyPublic ? request.text
                               : tellsCustomer && request.customerKind == DecisionKind::ReplyPublic
                                   ? request.customerText
                                   : QString();
    if (!publicText.isEmpty()) {
        auto config = GuardConfig::load(db);
        if (!config)
            return config.failure();
        if (const QVector<Finding> findings = Guard(config.value(), &m_clock).check(publicText); !findings.isEmpty()) {
            if (Status s = auditGuardRefusal(request.threadId, DecisionKind::ReplyPublic, findings); !s)
                return s.failure();
            return Error{guardRefusal(findings)};
        }
    }
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};

    auto head = readThread(db, request.threadId);
    if (!head)
        return head.failure();
    if (head->status != ThreadStatus::Waiting)
        return Error{QCoreApplication::translate(
            "Triage", "This thread is no longer waiting: a decision was already taken on it.")};
    // The channel's length limit, next to the guard: a script or another front end cannot queue a
    // reply the platform would refuse.
    if (request.kind == DecisionKind::ReplyPublic || request.kind == DecisionKind::ReplyPrivate) {
        const Visibility visibility =
            request.kind == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private;
        if (const LengthCheck length = checkLength(request.text, head->channel, visibility); !length.sendable)
            return Error{length.reason};
    }

    const qint64 now = m_clock.nowMs();
    const std::optional<Category> categoryAfter = request.category ? request.category : head->category;
    DecisionOutcome outcome;
    outcome.decisionId = newId();

    if (Status s = insertDecision(db, {outcome.decisionId, request.threadId, request.kind, request.text, head->category,
                                       categoryAfter, m_agent, now, request.closeReason});
        !s)
        return s.failure();

    // The text is in the decision row; the audit keeps no copy of what may be personal data.
    QJsonObject details{{QStringLiteral("decision"), toId(request.kind)},
                        {QStringLiteral("decided_offline"), request.decidedOffline},
                        {QStringLiteral("text_length"), int(request.text.size())},
                        {QStringLiteral("category_before"), head->category ? toId(*head->category) : QJsonValue()},
                        {QStringLiteral("category_after"), categoryAfter ? toId(*categoryAfter) : QJsonValue()}};
    if (request.closeReason)
        details.insert(QStringLiteral("close_reason"), toId(*request.closeReason));
    // The findings (kinds and spans, never the data itself) and what the agent chose.
    if (!request.guard.isEmpty()) {
        QJsonObject guard;
        if (!request.guard.blocked.isEmpty()) {
            guard.insert(QStringLiteral("blocked"), findingsJson(request.guard.blocked));
            guard.insert(QStringLiteral("choice"), request.guard.choice);
        }
        if (!request.guard.exposed.isEmpty()) {
            guard.insert(QStringLiteral("exposed_in_post"), findingsJson(request.guard.exposed));
            guard.insert(QStringLiteral("suggested"), request.guard.hideSuggested
                                                          ? QStringLiteral("reply_private,hide_comment")
                                                          : QStringLiteral("reply_private"));
        }
        details.insert(QStringLiteral("guard"), guard);
    }
    if (Status s =
            insertAudit(db, m_agent, now, QStringLiteral("decision"), request.threadId, outcome.decisionId, details);
        !s)
        return s.failure();

    if (request.kind == DecisionKind::Forward) {
        auto reference = uniqueCaseReference(db, now, m_caseReferences);
        if (!reference)
            return reference.failure();
        outcome.caseReference = *reference;
    }

    if (request.kind != DecisionKind::Close) {
        outcome.outboxId = newId();
        if (Status s = insertOutbox(db, {outcome.outboxId, outcome.decisionId, request.kind, request.threadId,
                                         request.text, now, request.decidedOffline, outcome.caseReference});
            !s)
            return s.failure();
    }

    // The forward's message to the customer: its own reply decision, audit entry and outbox
    // entry, a millisecond after the forward so that timers and reports, which take the first
    // decision after a post, see the forward, and the outbox delivers it after the forward.
    if (tellsCustomer) {
        const Visibility visibility =
            request.customerKind == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private;
        QString text = request.customerText.trimmed();
        const bool filled = text.contains(kCaseReferencePlaceholder);
        text.replace(kCaseReferencePlaceholder, outcome.caseReference);
        auto channel = threadChannel(db, request.threadId);
        if (!channel)
            return channel.failure();
        if (const LengthCheck length = checkLength(text, *channel, visibility); !length.sendable)
            return Error{length.reason};
        const qint64 at = now + 1;
        outcome.customerDecisionId = newId();
        if (Status s = insertDecision(db, {outcome.customerDecisionId, request.threadId, request.customerKind, text,
                                           head->category, categoryAfter, m_agent, at});
            !s)
            return s.failure();
        const QJsonObject customerDetails{{QStringLiteral("decision"), toId(request.customerKind)},
                                          {QStringLiteral("decided_offline"), request.decidedOffline},
                                          {QStringLiteral("text_length"), int(text.size())},
                                          {QStringLiteral("after_forward"), outcome.decisionId},
                                          {QStringLiteral("case_reference_filled"), filled}};
        if (Status s = insertAudit(db, m_agent, at, QStringLiteral("decision"), request.threadId,
                                   outcome.customerDecisionId, customerDetails);
            !s)
            return s.failure();
        outcome.customerOutboxId = newId();
        if (Status s = insertOutbox(db, {outcome.customerOutboxId, outcome.customerDecisionId, request.customerKind,
                                         request.threadId, text, at, request.decidedOffline, QString()});
            !s)
            return s.failure();
    }

    // A complaint forwarded to customer care opens the regulatory clock, from its arrival.
    if (request.kind == DecisionKind::Forward && categoryAfter == Category::Complaint) {
        auto policy = PolicyStore::activeIn(db);
        if (!policy)
            return policy.failure();
        QSqlQuery complaint(db);
        if (Status s = sql::prepare(
                complaint,
                QStringLiteral(
                    "INSERT INTO complaints(thread_id, decision_id, received_at, forwarded_at, deadline_at) "
                    "VALUES(?, ?, ?, ?, ?) ON CONFLICT(thread_id) DO UPDATE SET decision_id = excluded.decision_id, "
                    "received_at = excluded.received_at, forwarded_at = excluded.forwarded_at, "
                    "deadline_at = excluded.deadline_at, resolved_at = NULL, resolved_by = NULL, resolution_note = "
                    "NULL "
                    "WHERE complaints.resolved_at IS NOT NULL"));
            !s)
            return s.failure();
        const qint64 received = head->waitingSinceMs > 0 ? head->waitingSinceMs : now;
        complaint.addBindValue(request.threadId);
        complaint.addBindValue(outcome.decisionId);
        complaint.addBindValue(received);
        complaint.addBindValue(now);
        complaint.addBindValue(complaintDeadline(received, policy->calendar.timeZone()));
        if (Status s = sql::exec(complaint); !s)
            return s.failure();
    }

    const ThreadStatus newStatus = request.kind == DecisionKind::Forward ? ThreadStatus::Forwarded
                                   : request.kind == DecisionKind::Close ? ThreadStatus::Closed
                                                                         : ThreadStatus::Answered;
    QSqlQuery thread(db);
    if (Status s = sql::prepare(thread, QStringLiteral("UPDATE threads SET status = ?, category = ? WHERE id = ?")); !s)
        return s.failure();
    thread.addBindValue(toId(newStatus));
    thread.addBindValue(nullableId(categoryAfter));
    thread.addBindValue(request.threadId);
    if (Status s = sql::exec(thread); !s)
        return s.failure();
    // The category the agent confirmed is recorded on the posts this decision answers, so that
    // reports judge them against that category's target.
    if (request.category && request.category != head->category) {
        if (Status s = applyCategoryToWaitingPosts(db, request.threadId, *request.category); !s)
            return s.failure();
    }
    if (Status s = recomputeThreads(db, {request.threadId}); !s)
        return s.failure();
    // The draft became the decision.
    QSqlQuery draft(db);
    if (Status s = sql::prepare(draft, QStringLiteral("DELETE FROM drafts WHERE thread_id = ?")); !s)
        return s.failure();
    draft.addBindValue(request.threadId);
    if (Status s = sql::exec(draft); !s)
        return s.failure();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return outcome;
}

Status TriageService::saveGuardConfig(const GuardConfig &config)
{
    if (m_agent.id.isEmpty())
        return Error{QCoreApplication::translate("Triage",
                                                 "Set your agent name before changing the guard configuration: "
                                                 "the change is recorded with it.")};
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};
    auto before = GuardConfig::load(db);
    const QJsonValue previous = before ? QJsonValue(QJsonDocument::fromJson(before->toJson()).object())
                                       : QJsonValue(QStringLiteral("unreadable"));
    if (Status s = GuardConfig::save(db, config); !s)
        return s;
    const QJsonObject details{{QStringLiteral("before"), previous},
                              {QStringLiteral("after"), QJsonDocument::fromJson(config.toJson()).object()}};
    if (Status s =
            insertAudit(db, m_agent, m_clock.nowMs(), QStringLiteral("guard_config_changed"), 0, QString(), details);
        !s)
        return s;
    return transaction.commit();
}

Status TriageService::setCategory(qint64 threadId, Category category)
{
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};
    auto head = readThread(db, threadId);
    if (!head)
        return head.failure();
    if (head->category == category)
        return {};
    QSqlQuery update(db);
    if (Status s = sql::prepare(update, QStringLiteral("UPDATE threads SET category = ? WHERE id = ?")); !s)
        return s;
    update.addBindValue(toId(category));
    update.addBindValue(threadId);
    if (Status s = sql::exec(update); !s)
        return s;
    // The agent's category applies to the posts still waiting, and so do its targets.
    if (Status s = applyCategoryToWaitingPosts(db, threadId, category); !s)
        return s;
    const QJsonObject details{
        {QStringLiteral("category_before"), head->category ? toId(*head->category) : QJsonValue()},
        {QStringLiteral("category_after"), toId(category)}};
    if (Status s =
            insertAudit(db, m_agent, m_clock.nowMs(), QStringLiteral("category_changed"), threadId, QString(), details);
        !s)
        return s;
    return transaction.commit();
}

Status TriageService::resolveComplaint(qint64 threadId, const QString &note)
{
    if (m_agent.id.isEmpty())
        return Error{
            QCoreApplication::translate("Triage", "Set your agent name in the settings before taking decisions.")};
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};
    const qint64 now = m_clock.nowMs();
    QSqlQuery update(db);
    if (Status s =
            sql::prepare(update, QStringLiteral("UPDATE complaints SET resolved_at = ?, resolved_by = ?, "
                                                "resolution_note = ? WHERE thread_id = ? AND resolved_at IS NULL"));
        !s)
        return s;
    update.addBindValue(now);
    update.addBindValue(m_agent.name);
    update.addBindValue(note);
    update.addBindValue(threadId);
    if (Status s = sql::exec(update); !s)
        return s;
    if (update.numRowsAffected() == 0)
        return Error{QCoreApplication::translate("Triage", "Thread %1 has no open complaint.").arg(threadId)};
    if (Status s = insertAudit(db, m_agent, now, QStringLiteral("complaint_resolved"), threadId, QString(),
                               QJsonObject{{QStringLiteral("note"), note}});
        !s)
        return s;
    return transaction.commit();
}

} // namespace sportello
