#include "triage/TriageService.h"

#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "common/Secrets.h"
#include "compose/ChannelLimits.h"
#include "compose/Drafts.h"
#include "outbox/CaseReference.h"
#include "outbox/HandoffStatus.h"
#include "outbox/Outbox.h"
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
#include <QSqlRecord>
#include <QUuid>

#include <algorithm>

namespace sportello {

namespace {

QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
QVariant nullableId(const std::optional<Category> &c)
{
    return c ? QVariant(toId(*c)) : QVariant(QMetaType(QMetaType::QString));
}

Error agentNameMissing()
{
    return Error{QCoreApplication::translate("Triage", "Set your agent name in the settings before taking decisions."),
                 ErrorKind::RefusedByPolicy};
}

// The message does not quote the token.
Error tokenInTextRefusal()
{
    return Error{QCoreApplication::translate("Triage", "A reply or a note cannot carry an access token: remove it. "
                                                       "Tokens belong in the keychain or in an environment variable "
                                                       "(see docs/accounts.md)."),
                 ErrorKind::RefusedByPolicy};
}

// Recorded with every decision and change, and shown in the audit: a token typed as the agent's
// name would be stored (the message does not quote it).
Status refuseTokenAsAgent(const Agent &agent)
{
    if (!containsCredential(agent.name) && !containsCredential(agent.id))
        return {};
    return Error{QCoreApplication::translate("Triage", "The agent name looks like an access token: give your name."),
                 ErrorKind::InvalidInput};
}

struct ThreadHead {
    ThreadStatus status;
    std::optional<Category> category;
    qint64 waitingSinceMs = 0;
    Channel channel = Channel::Facebook;
    QString waitingPost = {}; // external id of the customer's post the thread waits on; may be empty
};

Result<ThreadHead> readThread(const QSqlDatabase &db, qint64 threadId)
{
    sql::ReusedQuery reusedQuery(
        db, QStringLiteral("SELECT t.status AS status, t.category AS category, t.waiting_since AS waiting_since, "
                           "t.channel AS channel, p.external_id AS waiting_post FROM threads t "
                           "LEFT JOIN posts p ON p.id = t.waiting_post_id WHERE t.id = ?"));
    if (!reusedQuery.prepared())
        return reusedQuery.prepared().failure();
    QSqlQuery &query = reusedQuery.query();
    query.addBindValue(threadId);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next())
        return Error{QCoreApplication::translate("Triage", "Thread %1 is not in the cache.").arg(threadId),
                     ErrorKind::NotFound};
    const QVariant category = query.value(QStringLiteral("category"));
    return ThreadHead{
        threadStatusFromId(query.value(QStringLiteral("status")).toString()).value_or(ThreadStatus::Waiting),
        category.isNull() ? std::nullopt : categoryFromId(category.toString()),
        query.value(QStringLiteral("waiting_since")).toLongLong(),
        channelFromId(query.value(QStringLiteral("channel")).toString()).value_or(Channel::Facebook),
        query.value(QStringLiteral("waiting_post")).toString()};
}

// Sets the category of the thread's waiting inbound posts, recomputes their timers under the
// active policy, and the thread's summary. Inside the caller's transaction.
Status applyCategoryToWaitingPosts(const QSqlDatabase &db, qint64 threadId, Category category)
{
    auto policy = PolicyStore::activeIn(db);
    if (!policy)
        return policy.failure();
    QSqlQuery read(db);
    if (Status s =
            sql::prepare(read, QStringLiteral("SELECT id, channel, created_at, rating FROM posts WHERE thread_id = ? "
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
    const QSqlRecord columns = read.record();
    const int id = columns.indexOf(QLatin1String("id")), channelColumn = columns.indexOf(QLatin1String("channel")),
              createdAt = columns.indexOf(QLatin1String("created_at")),
              ratingColumn = columns.indexOf(QLatin1String("rating"));
    while (read.next()) {
        const Channel channel = channelFromId(read.value(channelColumn).toString()).value_or(Channel::Facebook);
        const QVariant stars = read.value(ratingColumn);
        const PostTimer timer = policy->timerFor(category, channel, read.value(createdAt).toLongLong(),
                                                 stars.isNull() ? std::nullopt : std::optional<int>(stars.toInt()));
        write.addBindValue(toId(category));
        write.addBindValue(timer.targetMs);
        write.addBindValue(timer.dueAtMs);
        write.addBindValue(timer.dueSoonAtMs);
        write.addBindValue(timer.businessTime ? 1 : 0);
        write.addBindValue(read.value(id));
        if (Status s = sql::exec(write); !s)
            return s;
    }
    return recomputeThreads(db, {threadId});
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

QJsonArray findingsJson(const QVector<Finding> &findings)
{
    QJsonArray list;
    for (const Finding &f : findings)
        list.append(QJsonObject{{QStringLiteral("kind"), toId(f.kind)},
                                {QStringLiteral("start"), f.start},
                                {QStringLiteral("end"), f.end}});
    return list;
}

// The channel's length limit, next to the guard: a script or another front end cannot queue a
// reply the platform would refuse.
Status checkReplyLength(const QString &text, Channel channel, DecisionKind kind)
{
    const Visibility visibility = kind == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private;
    if (const LengthCheck length = checkLength(text, channel, visibility); !length.sendable)
        return Error{length.reason, ErrorKind::InvalidInput};
    return {};
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
    QString targetPost = {}; // the customer's post answered (external id)
    QString follows = {};    // a forward's message to the customer: the forward
};

Status insertDecision(const QSqlDatabase &db, const DecisionRow &row)
{
    sql::ReusedQuery reusedDecision(
        db, QStringLiteral(
                "INSERT INTO decisions(id, thread_id, kind, close_reason, text, category_before, category_after, "
                "agent_id, agent_name, decided_at, target_post, follows) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!reusedDecision.prepared())
        return reusedDecision.prepared();
    QSqlQuery &decision = reusedDecision.query();
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
    decision.addBindValue(sql::nullableText(row.targetPost));
    decision.addBindValue(sql::nullableText(row.follows));
    return sql::exec(decision);
}

// One decision being written, step by step, on the connection of the transaction decide() holds:
// each step writes one thing (through the owner of its table) and may refuse the whole decision.
class DecisionWriter {
public:
    DecisionWriter(const QSqlDatabase &db, const Agent &agent, qint64 nowMs, const DecisionRequest &request,
                   const std::function<QString(qint64)> &caseReferences)
        : m_db(db), m_agent(agent), m_now(nowMs), m_request(request), m_caseReferences(caseReferences)
    {}

    const DecisionOutcome &outcome() const { return m_outcome; }

    // The thread must be in the cache and still waiting; a reply must fit the channel.
    Status readWaitingThread()
    {
        auto head = readThread(m_db, m_request.threadId);
        if (!head)
            return head.failure();
        if (head->status != ThreadStatus::Waiting) {
            // A forwarded thread whose hand-off customer care resolved is back with the agent:
            // care's answer is owed to the customer (docs/handoff.md).
            auto back = head->status == ThreadStatus::Forwarded ? outbox::handoffAwaitsAgent(m_db, m_request.threadId)
                                                                : Result<bool>(false);
            if (!back)
                return back.failure();
            if (!*back)
                return Error{QCoreApplication::translate(
                                 "Triage", "This thread is no longer waiting: a decision was already taken on it."),
                             ErrorKind::Conflict};
        }
        m_head = *head;
        // A store review has no private reply: refused here, for the console and the CLI alike.
        const bool toldPrivately =
            m_request.kind == DecisionKind::ReplyPrivate ||
            (m_request.kind == DecisionKind::Forward && !m_request.customerText.trimmed().isEmpty() &&
             m_request.customerKind == DecisionKind::ReplyPrivate);
        if (toldPrivately && !channelHasPrivateReplies(m_head.channel))
            return Error{QCoreApplication::translate("Triage", "%1 has no private replies: a review there is answered "
                                                               "only in public. Reply in public, forward the thread "
                                                               "or close it.")
                             .arg(label(m_head.channel)),
                         ErrorKind::InvalidInput};
        m_categoryAfter = m_request.category ? m_request.category : m_head.category;
        if (m_request.kind == DecisionKind::ReplyPublic || m_request.kind == DecisionKind::ReplyPrivate)
            return checkReplyLength(m_request.text, m_head.channel, m_request.kind);
        return {};
    }

    Status recordDecision()
    {
        m_outcome.decisionId = newId();
        return insertDecision(m_db, {m_outcome.decisionId, m_request.threadId, m_request.kind, m_request.text,
                                     m_head.category, m_categoryAfter, m_agent, m_now, m_request.closeReason,
                                     m_head.waitingPost});
    }

    // The text is in the decision row; the audit keeps no copy of what may be personal data.
    Status auditDecision()
    {
        QJsonObject details{
            {QStringLiteral("decision"), toId(m_request.kind)},
            {QStringLiteral("decided_offline"), m_request.decidedOffline},
            {QStringLiteral("text_length"), int(m_request.text.size())},
            {QStringLiteral("category_before"), m_head.category ? toId(*m_head.category) : QJsonValue()},
            {QStringLiteral("category_after"), m_categoryAfter ? toId(*m_categoryAfter) : QJsonValue()}};
        if (m_request.closeReason)
            details.insert(QStringLiteral("close_reason"), toId(*m_request.closeReason));
        if (!m_request.guard.isEmpty())
            details.insert(QStringLiteral("guard"), guardDetails(m_request.guard));
        return appendAudit(
            m_db, {m_now, m_agent, QStringLiteral("decision"), m_request.threadId, m_outcome.decisionId, details});
    }

    // A forward's case reference, unique among the outbox's entries.
    Status takeCaseReference()
    {
        if (m_request.kind != DecisionKind::Forward)
            return {};
        auto reference = outbox::uniqueCaseReference(m_db, m_now, m_caseReferences);
        if (!reference)
            return reference.failure();
        m_outcome.caseReference = *reference;
        return {};
    }

    // The outbox entry that delivers the decision; a close delivers nothing.
    Status queueDelivery()
    {
        if (m_request.kind == DecisionKind::Close)
            return {};
        m_outcome.outboxId = newId();
        return outbox::OutboxStore::enqueue(m_db, {m_outcome.outboxId, m_outcome.decisionId, m_request.kind,
                                                   m_request.threadId, m_request.text, m_now, m_request.decidedOffline,
                                                   m_outcome.caseReference});
    }

    // The forward's message to the customer: its own reply decision, audit entry and outbox
    // entry, a millisecond after the forward so that timers and reports, which take the first
    // decision after a post, see the forward, and the outbox delivers it after the forward.
    Status tellCustomer()
    {
        if (m_request.kind != DecisionKind::Forward || m_request.customerText.trimmed().isEmpty())
            return {};
        QString text = m_request.customerText.trimmed();
        const bool filled = text.contains(kCaseReferencePlaceholder);
        text.replace(kCaseReferencePlaceholder, m_outcome.caseReference);
        if (Status s = checkReplyLength(text, m_head.channel, m_request.customerKind); !s)
            return s;
        const qint64 at = m_now + 1;
        m_outcome.customerDecisionId = newId();
        if (Status s = insertDecision(m_db, {m_outcome.customerDecisionId, m_request.threadId, m_request.customerKind,
                                             text, m_head.category, m_categoryAfter, m_agent, at, std::nullopt,
                                             m_head.waitingPost, m_outcome.decisionId});
            !s)
            return s;
        const QJsonObject details{{QStringLiteral("decision"), toId(m_request.customerKind)},
                                  {QStringLiteral("decided_offline"), m_request.decidedOffline},
                                  {QStringLiteral("text_length"), int(text.size())},
                                  {QStringLiteral("after_forward"), m_outcome.decisionId},
                                  {QStringLiteral("case_reference_filled"), filled}};
        if (Status s = appendAudit(m_db, {at, m_agent, QStringLiteral("decision"), m_request.threadId,
                                          m_outcome.customerDecisionId, details});
            !s)
            return s;
        m_outcome.customerOutboxId = newId();
        return outbox::OutboxStore::enqueue(m_db, {m_outcome.customerOutboxId, m_outcome.customerDecisionId,
                                                   m_request.customerKind, m_request.threadId, text, at,
                                                   m_request.decidedOffline, QString()});
    }

    // The agent overrode the guard: its own entry with the kinds and the reason, never the
    // findings' text nor the reply's; on the public reply's decision (a forward's message).
    Status auditOverride()
    {
        if (m_request.overrides.isEmpty())
            return {};
        QStringList kinds;
        for (const GuardOverride &o : m_request.overrides.findings)
            if (!kinds.contains(toId(o.kind)))
                kinds << toId(o.kind);
        kinds.sort();
        const bool forward = m_request.kind == DecisionKind::Forward;
        const QJsonObject details{
            {QStringLiteral("decision"), toId(forward ? m_request.customerKind : m_request.kind)},
            {QStringLiteral("kinds"), QJsonArray::fromStringList(kinds)},
            {QStringLiteral("reason"), m_request.overrides.reason.trimmed()}};
        return appendAudit(m_db, {forward ? m_now + 1 : m_now, m_agent, QStringLiteral("guard_overridden"),
                                  m_request.threadId,
                                  forward ? m_outcome.customerDecisionId : m_outcome.decisionId, details});
    }

    // The thread leaves the queue; a forwarded complaint opens its regulatory clock.
    Status updateThread()
    {
        return applyDecisionToThread(m_db, {m_request.threadId, m_request.kind, m_categoryAfter,
                                            m_outcome.decisionId, m_now});
    }

    // The draft became the decision.
    Status clearDraft() { return DraftStore::removeIn(m_db, m_request.threadId); }

private:
    // The guard's findings (kinds and spans, never the data itself) and what the agent chose.
    static QJsonObject guardDetails(const GuardNote &note)
    {
        QJsonObject guard;
        if (!note.blocked.isEmpty()) {
            guard.insert(QStringLiteral("blocked"), findingsJson(note.blocked));
            guard.insert(QStringLiteral("choice"), note.choice);
        }
        if (!note.exposed.isEmpty()) {
            guard.insert(QStringLiteral("exposed_in_post"), findingsJson(note.exposed));
            guard.insert(QStringLiteral("suggested"), note.hideSuggested ? QStringLiteral("reply_private,hide_comment")
                                                                         : QStringLiteral("reply_private"));
        }
        return guard;
    }

    const QSqlDatabase &m_db;
    const Agent &m_agent;
    const qint64 m_now;
    const DecisionRequest &m_request;
    const std::function<QString(qint64)> &m_caseReferences;
    ThreadHead m_head{ThreadStatus::Waiting, std::nullopt, 0, Channel::Facebook};
    std::optional<Category> m_categoryAfter;
    DecisionOutcome m_outcome;
};

} // namespace

Status applyDecisionToThread(const QSqlDatabase &db, const DecisionEffect &effect)
{
    auto head = readThread(db, effect.threadId);
    if (!head)
        return head.failure();
    // A complaint forwarded to customer care opens the regulatory clock, from its arrival.
    if (effect.kind == DecisionKind::Forward && effect.categoryAfter == Category::Complaint) {
        auto policy = PolicyStore::activeIn(db);
        if (!policy)
            return policy.failure();
        const qint64 received = head->waitingSinceMs > 0 ? head->waitingSinceMs : effect.decidedAtMs;
        if (Status s = openComplaint(db, effect.threadId, effect.decisionId, received, effect.decidedAtMs,
                                     policy->calendar.timeZone());
            !s)
            return s;
    }
    // The thread leaves the queue with its new status and category; the category the agent
    // confirmed is recorded on the posts this decision answers, so that reports judge them
    // against that category's target.
    const ThreadStatus status = effect.kind == DecisionKind::Forward ? ThreadStatus::Forwarded
                                : effect.kind == DecisionKind::Close ? ThreadStatus::Closed
                                                                     : ThreadStatus::Answered;
    sql::ReusedQuery reusedThread(db, QStringLiteral("UPDATE threads SET status = ?, category = ? WHERE id = ?"));
    if (!reusedThread.prepared())
        return reusedThread.prepared();
    QSqlQuery &thread = reusedThread.query();
    thread.addBindValue(toId(status));
    thread.addBindValue(nullableId(effect.categoryAfter ? effect.categoryAfter : head->category));
    thread.addBindValue(effect.threadId);
    if (Status s = sql::exec(thread); !s)
        return s;
    if (effect.categoryAfter && effect.categoryAfter != head->category) {
        if (Status s = applyCategoryToWaitingPosts(db, effect.threadId, *effect.categoryAfter); !s)
            return s;
    }
    return recomputeThreads(db, {effect.threadId});
}

QString TriageService::guardRefusal(const QVector<Finding> &findings)
{
    return guardRefusal(findings, QCoreApplication::translate("Triage", "switch to a private reply with Ctrl+Shift+P"));
}

QString TriageService::guardRefusal(const QVector<Finding> &findings, const QString &privateReplyHint)
{
    QStringList kinds;
    for (const Finding &f : findings)
        if (!kinds.contains(label(f.kind)))
            kinds << label(f.kind);
    return QCoreApplication::translate("Triage", "A public reply cannot carry personal data (%1): remove it, or %2.")
        .arg(kinds.join(QStringLiteral(", ")), privateReplyHint);
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
            appendAudit(db, {m_clock.nowMs(), m_agent, QStringLiteral("guard_refused"), threadId, QString(), details});
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
            return Error{QCoreApplication::translate("Triage", "Write the reply before sending it."),
                         ErrorKind::InvalidInput};
        break;
    case DecisionKind::Forward:
        // The note for customer care is optional; so is the message to the customer.
        if (!request.customerText.trimmed().isEmpty() && request.customerKind != DecisionKind::ReplyPublic &&
            request.customerKind != DecisionKind::ReplyPrivate)
            return Error{QCoreApplication::translate(
                             "Triage", "The message to the customer must be a public or a private reply."),
                         ErrorKind::InvalidInput};
        break;
    case DecisionKind::Close:
        if (!request.closeReason)
            return Error{QCoreApplication::translate("Triage", "Choose why the thread is closed without a reply."),
                         ErrorKind::InvalidInput};
        break;
    }
    return {};
}

bool canOverride(FindingKind kind)
{
    return kind != FindingKind::TaxCode && kind != FindingKind::Iban && kind != FindingKind::PolicyholderRef;
}

QString TriageService::checksumOverrideRefusal(FindingKind kind)
{
    if (kind == FindingKind::PolicyholderRef)
        return QCoreApplication::translate("Triage", "A customer's policyholder reference cannot be marked as not "
                                                     "personal data in a public reply: it is stored as theirs. Send "
                                                     "it privately.");
    return QCoreApplication::translate("Triage", "The %1 cannot be marked as not personal data in a public reply: a "
                                                 "tax code or IBAN is verified by its checksum. Send it privately.")
        .arg(label(kind));
}

Result<QVector<Finding>> TriageService::publicFindings(const DecisionRequest &request) const
{
    // Nothing personal leaves in public, whoever asks for it: the reply itself, or a forward's
    // public message to the customer.
    const bool tellsCustomer = request.kind == DecisionKind::Forward && !request.customerText.trimmed().isEmpty();
    const QString publicText = request.kind == DecisionKind::ReplyPublic ? request.text
                               : tellsCustomer && request.customerKind == DecisionKind::ReplyPublic
                                   ? request.customerText
                                   : QString();
    if (publicText.isEmpty())
        return QVector<Finding>();
    auto config = GuardConfig::load(m_database.connection());
    if (!config)
        return config.failure();
    if (!m_guard || !(m_guard->config == config.value()))
        m_guard.emplace(CompiledGuard{config.value(), Guard(config.value(), &m_clock)});
    auto checked = m_guard->guard.check(publicText);
    if (!checked)
        return checked.failure();
    // Spans in the text as stored: trimmed (QString::trimmed drops what QChar::isSpace says).
    int lead = 0;
    while (lead < publicText.size() && publicText.at(lead).isSpace())
        ++lead;
    QVector<Finding> findings = checked.value();
    for (Finding &f : findings) {
        f.start = std::max(0, f.start - lead);
        f.end = std::max(0, f.end - lead);
    }
    return findings;
}

GuardOverrides TriageService::overridesFor(const QVector<Finding> &findings, const QVector<FindingKind> &kinds,
                                           const QString &reason)
{
    GuardOverrides overrides;
    overrides.reason = reason;
    for (const Finding &f : findings)
        if (kinds.contains(f.kind))
            overrides.findings.push_back({f.kind, f.start, f.end});
    return overrides;
}

Status TriageService::checkOverrides(const GuardOverrides &overrides, const QVector<Finding> &findings)
{
    if (overrides.isEmpty())
        return {};
    const QString reason = overrides.reason.trimmed();
    if (reason.isEmpty())
        return Error{QCoreApplication::translate("Triage", "Say why the marked data is not personal data: an override "
                                                           "of the personal-data guard needs a reason."),
                     ErrorKind::InvalidInput};
    if (reason.size() > kMaxOverrideReasonLength)
        return Error{QCoreApplication::translate("Triage", "The reason for the override is %1 characters long: keep it "
                                                           "within %2.")
                         .arg(reason.size())
                         .arg(kMaxOverrideReasonLength),
                     ErrorKind::InvalidInput};
    for (const GuardOverride &o : overrides.findings) {
        if (!canOverride(o.kind))
            return Error{checksumOverrideRefusal(o.kind), ErrorKind::RefusedByPolicy};
        const bool found = std::any_of(findings.cbegin(), findings.cend(), [&o](const Finding &f) {
            return f.kind == o.kind && f.start == o.start && f.end == o.end;
        });
        if (!found)
            return Error{QCoreApplication::translate("Triage", "The %1 marked as not personal data (characters %2 to "
                                                               "%3) is not what the guard finds in the text: the text "
                                                               "changed. Check the reply again.")
                             .arg(label(o.kind))
                             .arg(o.start)
                             .arg(o.end),
                         ErrorKind::InvalidInput};
    }
    return {};
}

Status TriageService::checkGuard(const DecisionRequest &request)
{
    // An access token leaves in no reply, public or private, and is kept in no note: what is
    // decided is stored in the cache and the outbox. The message does not quote it. The reason
    // of an override goes to the audit.
    if (containsCredential(request.text) || containsCredential(request.customerText) ||
        containsCredential(request.overrides.reason))
        return tokenInTextRefusal();
    const bool hasPublicText =
        request.kind == DecisionKind::ReplyPublic ||
        (request.kind == DecisionKind::Forward && !request.customerText.trimmed().isEmpty() &&
         request.customerKind == DecisionKind::ReplyPublic);
    if (!request.overrides.isEmpty() && !hasPublicText)
        return Error{QCoreApplication::translate("Triage", "Only what the guard finds in a public reply can be marked "
                                                           "as not personal data."),
                     ErrorKind::InvalidInput};
    auto found = publicFindings(request);
    if (!found)
        return found.failure();
    const QVector<Finding> &findings = found.value();
    if (findings.isEmpty() && request.overrides.isEmpty())
        return {};
    if (Status s = checkOverrides(request.overrides, findings); !s)
        return s;
    // What the agent did not mark still blocks the reply.
    QVector<Finding> blocking;
    for (const Finding &f : findings) {
        const GuardOverride asOverride{f.kind, f.start, f.end};
        if (!request.overrides.findings.contains(asOverride))
            blocking.push_back(f);
    }
    if (blocking.isEmpty())
        return {};
    // The refusal is audited (the kinds found, never the text), in a transaction of its own.
    if (Status s = auditGuardRefusal(request.threadId, DecisionKind::ReplyPublic, blocking); !s)
        return s;
    return Error{m_privateReplyHint.isEmpty() ? guardRefusal(blocking) : guardRefusal(blocking, m_privateReplyHint),
                 ErrorKind::RefusedByPolicy};
}

Result<DecisionOutcome> TriageService::decide(const DecisionRequest &request)
{
    if (Status valid = validate(request); !valid)
        return valid.failure();
    if (m_agent.id.isEmpty())
        return agentNameMissing();
    if (Status agent = refuseTokenAsAgent(m_agent); !agent)
        return agent.failure();
    if (Status guard = checkGuard(request); !guard)
        return guard.failure();

    // One transaction: every step below writes through its table's owner, and a refusal or an
    // error at any of them leaves nothing behind.
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};
    DecisionWriter decision(db, m_agent, m_clock.nowMs(), request, m_caseReferences);
    for (Status (DecisionWriter::*step)() :
         {&DecisionWriter::readWaitingThread, &DecisionWriter::recordDecision, &DecisionWriter::auditDecision,
          &DecisionWriter::takeCaseReference, &DecisionWriter::queueDelivery, &DecisionWriter::tellCustomer,
          &DecisionWriter::auditOverride, &DecisionWriter::updateThread, &DecisionWriter::clearDraft}) {
        if (Status s = (decision.*step)(); !s)
            return s.failure();
    }
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return decision.outcome();
}

Status TriageService::saveGuardConfig(const GuardConfig &config)
{
    if (m_agent.id.isEmpty())
        return Error{QCoreApplication::translate("Triage",
                                                 "Set your agent name before changing the guard configuration: "
                                                 "the change is recorded with it."),
                     ErrorKind::RefusedByPolicy};
    if (Status agent = refuseTokenAsAgent(m_agent); !agent)
        return agent;
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
            appendAudit(db, {m_clock.nowMs(), m_agent, QStringLiteral("guard_config_changed"), 0, QString(), details});
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
    if (Status s = appendAudit(
            db, {m_clock.nowMs(), m_agent, QStringLiteral("category_changed"), threadId, QString(), details});
        !s)
        return s;
    return transaction.commit();
}

Status TriageService::resolveComplaint(qint64 threadId, const QString &note)
{
    if (m_agent.id.isEmpty())
        return agentNameMissing();
    if (Status agent = refuseTokenAsAgent(m_agent); !agent)
        return agent;
    // The note is kept in the audit log.
    if (containsCredential(note))
        return tokenInTextRefusal();
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};
    const qint64 now = m_clock.nowMs();
    auto resolved = markComplaintResolved(db, threadId, now, m_agent.name, note);
    if (!resolved)
        return resolved.failure();
    if (!*resolved)
        return Error{QCoreApplication::translate("Triage", "Thread %1 has no open complaint.").arg(threadId),
                     ErrorKind::NotFound};
    if (Status s = appendAudit(db, {now, m_agent, QStringLiteral("complaint_resolved"), threadId, QString(),
                                    QJsonObject{{QStringLiteral("note"), note}}});
        !s)
        return s;
    return transaction.commit();
}

} // namespace sportello
