#pragma once
// The write side of the triage: every decision is one transaction holding the decision, its
// audit entry, the outbox entry that will deliver it, and the thread's new waiting state.

#include "common/Result.h"
#include "compose/Guard.h"
#include "domain/Agent.h"
#include "domain/Domain.h"

#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <optional>

namespace sportello {

class Clock;
class Database;

// What the insurance guard found around a decision and what the agent did; goes to the audit.
struct GuardNote {
    QVector<Finding> blocked;   // findings that blocked the public draft
    QString choice;             // "switched_to_private" or "removed"; empty when nothing was blocked
    QVector<Finding> exposed;   // findings in the customer's own public post
    bool hideSuggested = false; // the channel can hide comments: hiding was suggested
    bool isEmpty() const { return blocked.isEmpty() && exposed.isEmpty(); }
};

// The agent says the guard is wrong about some findings of the public text ("not personal data"),
// with one reason. Each overridden finding is named by its kind and span; spans are in UTF-16
// units of the public text trimmed (QString::trimmed), which is the text stored and sent: the
// core checks the text as it comes, then shifts its findings by the blanks trimmed at the start,
// and an override matches a finding only with the same kind, start and end (docs/guard.md).
struct GuardOverride {
    FindingKind kind = FindingKind::Phone;
    int start = 0;
    int end = 0;
    bool operator==(const GuardOverride &) const = default;
};
struct GuardOverrides {
    QVector<GuardOverride> findings;
    QString reason; // required, trimmed, at most kMaxOverrideReasonLength characters
    bool isEmpty() const { return findings.isEmpty(); }
};
inline constexpr int kMaxOverrideReasonLength = 500;
// A tax code or an IBAN is verified by its checksum, a policyholder reference is known by value
// (core/customers): never overridden for a public reply.
bool canOverride(FindingKind kind);

struct DecisionRequest {
    qint64 threadId = 0;
    DecisionKind kind = DecisionKind::ReplyPublic;
    QString text;                           // the reply, or the note for customer care
    std::optional<CloseReason> closeReason; // required for Close
    std::optional<Category> category;       // the category the agent confirms or sets
    // Taken while the console was offline: before delivery the dispatcher checks that the post
    // still exists and that no colleague answered it since (outbox.decided_offline).
    bool decidedOffline = false;
    GuardNote guard = {}; // what the insurance guard found, for the audit
    // Forwards only: what the customer is told, sent as a reply (public or private) after the
    // forward, in the same transaction. "{case_reference}" in it becomes the forward's reference.
    // Empty text: the customer is told nothing.
    QString customerText = {};
    DecisionKind customerKind = DecisionKind::ReplyPrivate;
    // Findings of the public text (the reply, or a forward's public message) the agent marked as
    // not personal data; audited as "guard_overridden" with the kinds and the reason.
    GuardOverrides overrides = {};
};

struct DecisionOutcome {
    QString decisionId;
    QString outboxId;      // empty for Close, which delivers nothing
    QString caseReference; // forwards only: "SPT-20240116-7KQ2M9", unique, quoted to customer care
    // Forwards with a customer message: the reply's own decision and outbox entry.
    QString customerDecisionId;
    QString customerOutboxId;
};

// What a decision does to its thread, whoever took it (this desktop, or a colleague whose
// decision came down the team feed): the thread leaves the queue as answered, forwarded or
// closed with the category decided, the waiting posts take that category's targets, and a
// forwarded complaint opens its regulatory clock. Inside the caller's transaction.
struct DecisionEffect {
    qint64 threadId = 0;
    DecisionKind kind = DecisionKind::ReplyPublic;
    std::optional<Category> categoryAfter; // none: the thread keeps its category
    QString decisionId;
    qint64 decidedAtMs = 0;
};
Status applyDecisionToThread(const QSqlDatabase &db, const DecisionEffect &effect);

// What a forward's customer message holds where the case reference goes.
inline const QString kCaseReferencePlaceholder = QStringLiteral("{case_reference}");

class TriageService {
public:
    TriageService(Database &database, const Clock &clock, Agent agent);

    Result<DecisionOutcome> decide(const DecisionRequest &request);
    // Stores the team's guard configuration (app_state "guard_config") with an audit entry that
    // holds the configuration before and after: company patterns and numbers, no personal data.
    Status saveGuardConfig(const GuardConfig &config);
    // Changes a thread's category outside a decision; audited. The posts still waiting take
    // the category and the target the active policy gives it.
    Status setCategory(qint64 threadId, Category category);
    // Customer care has answered a forwarded complaint: its regulatory clock stops; audited.
    Status resolveComplaint(qint64 threadId, const QString &note);

    const Agent &agent() const { return m_agent; }
    void setAgent(Agent agent) { m_agent = std::move(agent); }

    // Where forwards' case references come from (default: outbox::newCaseReference, in
    // outbox/CaseReference.h); a candidate
    // already in the outbox is skipped. Tests use it to force a clash.
    void setCaseReferenceSource(std::function<QString(qint64 nowMs)> source) { m_caseReferences = std::move(source); }

    // Checks a request before anything is written; returns a message for the agent.
    static Status validate(const DecisionRequest &request);
    // The message that refuses a public reply holding these findings; it names the console's way
    // to a private reply (Ctrl+Shift+P), or `privateReplyHint` ("run it again with --private").
    static QString guardRefusal(const QVector<Finding> &findings);
    static QString guardRefusal(const QVector<Finding> &findings, const QString &privateReplyHint);
    // How the person deciding turns a refused public reply into a private one, for the guard's
    // refusal: set by a front end other than the console (the CLI). Empty: the console's.
    void setPrivateReplyHint(QString hint) { m_privateReplyHint = std::move(hint); }
    // Records in the audit that the guard refused a public reply on this thread: the kinds
    // found, never the text. decide() calls it for every refusal, from the console or the CLI.
    Status auditGuardRefusal(qint64 threadId, DecisionKind kind, const QVector<Finding> &findings);
    // What the guard finds in the request's public text (the reply, or a forward's public
    // message), with spans in that text trimmed; empty when nothing goes out in public.
    Result<QVector<Finding>> publicFindings(const DecisionRequest &request) const;
    // Overrides for every finding of these kinds, with the reason (the command line's way).
    static GuardOverrides overridesFor(const QVector<Finding> &findings, const QVector<FindingKind> &kinds,
                                       const QString &reason);
    // Checks the overrides of a request against the findings of its public text: the reason, the
    // kinds that may be overridden, and that each override names a finding; empty status: valid.
    static Status checkOverrides(const GuardOverrides &overrides, const QVector<Finding> &findings);
    // The refusal of an override of a tax code or an IBAN.
    static QString checksumOverrideRefusal(FindingKind kind);

private:
    // The insurance guard on the public text of a request; a refusal is audited.
    Status checkGuard(const DecisionRequest &request);

    Database &m_database;
    const Clock &m_clock;
    Agent m_agent;
    std::function<QString(qint64)> m_caseReferences;
    QString m_privateReplyHint;
    // The guard compiled for the configuration last read: compiling its patterns costs more than
    // a decision's SQL, so it is made again only when the stored configuration changes.
    struct CompiledGuard {
        GuardConfig config;
        Guard guard;
    };
    mutable std::optional<CompiledGuard> m_guard;
};

} // namespace sportello
