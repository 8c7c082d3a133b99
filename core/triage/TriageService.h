#pragma once
// The write side of the triage: every decision is one transaction holding the decision, its
// audit entry, the outbox entry that will deliver it, and the thread's new waiting state.

#include "common/Result.h"
#include "compose/Guard.h"
#include "domain/Agent.h"
#include "domain/Domain.h"

#include <QString>
#include <functional>
#include <optional>

namespace sportello {

class Clock;
class Database;

// What the insurance guard found around a decision and what the agent did; goes to the audit.
struct GuardNote {
    QVector<Finding> blocked; // findings that blocked the public draft
    QString choice;           // "switched_to_private" or "removed"; empty when nothing was blocked
    QVector<Finding> exposed; // findings in the customer's own public post
    bool hideSuggested = false; // the channel can hide comments: hiding was suggested
    bool isEmpty() const { return blocked.isEmpty() && exposed.isEmpty(); }
};

struct DecisionRequest {
    qint64 threadId = 0;
    DecisionKind kind = DecisionKind::ReplyPublic;
    QString text;                           // the reply, or the note for customer care
    std::optional<CloseReason> closeReason; // required for Close
    std::optional<Category> category;       // the category the agent confirms or sets
    // Taken while the console was offline: before delivery the dispatcher checks that the post
    // still exists and that no colleague answered it since (outbox.decided_offline).
    bool decidedOffline = false;
    GuardNote guard = {};  // what the insurance guard found, for the audit
};

struct DecisionOutcome {
    QString decisionId;
    QString outboxId; // empty for Close, which delivers nothing
    QString caseReference; // forwards only: "SPT-20240116-7KQ2M9", unique, quoted to customer care
};

class TriageService {
public:
    TriageService(Database &database, const Clock &clock, Agent agent);

    Result<DecisionOutcome> decide(const DecisionRequest &request);
    // Changes a thread's category outside a decision; audited. The posts still waiting take
    // the category and the target the active policy gives it.
    Status setCategory(qint64 threadId, Category category);
    // Customer care has answered a forwarded complaint: its regulatory clock stops; audited.
    Status resolveComplaint(qint64 threadId, const QString &note);

    const Agent &agent() const { return m_agent; }
    void setAgent(Agent agent) { m_agent = std::move(agent); }

    // Where forwards' case references come from (default: sync::newCaseReference); a candidate
    // already in the outbox is skipped. Tests use it to force a clash.
    void setCaseReferenceSource(std::function<QString(qint64 nowMs)> source) { m_caseReferences = std::move(source); }

    // Checks a request before anything is written; returns a message for the agent.
    static Status validate(const DecisionRequest &request);
    // The message that refuses a public reply holding these findings.
    static QString guardRefusal(const QVector<Finding> &findings);

private:
    Database &m_database;
    const Clock &m_clock;
    Agent m_agent;
    std::function<QString(qint64)> m_caseReferences;
};

} // namespace sportello
