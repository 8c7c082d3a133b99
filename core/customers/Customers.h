#pragma once
// The customer behind the posts (docs/customers.md): an agent links the author identities of one
// person across channels (and unlinks them); Sportello suggests identities whose handle or name
// match, and never links by itself. A customer carries notes and, once verified in a private
// conversation, the policyholder reference: personal data the guard blocks in public replies
// (compose/PersonalReference.h) and the exports leave out unless asked.
//
// An author no agent linked is a customer of its own: the card reads it the same way, and the
// `customers` row is created by the first link, note or reference. Every change is audited (ids
// and kinds, never a note's text or the reference) in the change's transaction.

#include "common/Result.h"
#include "domain/Agent.h"
#include "domain/Domain.h"

#include <QString>
#include <QVector>
#include <optional>

namespace sportello {

class Clock;
class Database;

inline constexpr int kMaxCustomerNoteLength = 2000;
// Most threads, decisions and hand-offs one card reads (the latest); the card says when there are more.
inline constexpr int kCustomerCardRows = 100;

struct CustomerIdentity {
    qint64 authorId = 0;
    Channel channel = Channel::Facebook;
    QString externalId;
    QString handle;
    QString displayName;
    QString linkedBy; // empty for an identity no agent linked (the author shown alone)
    qint64 linkedAtMs = 0;
    bool operator==(const CustomerIdentity &) const = default;
};

struct CustomerThread {
    qint64 threadId = 0;
    qint64 authorId = 0; // the identity that wrote in it
    Channel channel = Channel::Facebook;
    QString externalId;
    ThreadStatus status = ThreadStatus::Waiting;
    std::optional<Category> category;
    bool isPrivate = false; // every post of the thread is private (a direct message)
    qint64 lastActivityMs = 0;
};

struct CustomerDecision {
    QString decisionId;
    qint64 threadId = 0;
    Channel channel = Channel::Facebook;
    DecisionKind kind = DecisionKind::ReplyPublic;
    std::optional<CloseReason> closeReason;
    QString agentName;
    qint64 decidedAtMs = 0;
};

struct CustomerComplaint {
    qint64 threadId = 0;
    Channel channel = Channel::Facebook;
    qint64 receivedAtMs = 0;
    qint64 deadlineAtMs = 0; // the 45-day regulatory deadline (timers/Complaints.h)
};

// A forward to customer care. `state` is today's delivery state of its outbox entry (an
// OutboxState id: pending, delivered, failed...); `careState` what customer care last reported of
// it (table `handoffs`, schema 18), shown beside the delivery.
struct CustomerHandoff {
    QString decisionId;
    qint64 threadId = 0;
    Channel channel = Channel::Facebook;
    QString caseReference;
    QString state;
    QString careState; // what customer care last reported (received, in_progress, resolved); empty: nothing yet
    qint64 decidedAtMs = 0;
};

struct CustomerNote {
    qint64 id = 0;
    qint64 atMs = 0;
    QString agentName;
    QString text;
};

struct PolicyholderReference {
    QString value;                 // as the agent typed it (trimmed)
    qint64 verifiedInThreadId = 0; // the private conversation where the agent verified it
    QString setBy;                 // the agent's name
    qint64 setAtMs = 0;
};

struct CustomerCard {
    qint64 customerId = 0;                     // 0: no customer row yet (an author alone, with no note or reference)
    QVector<CustomerIdentity> identities;      // the author asked for first, then by channel and handle
    QVector<CustomerThread> threads;           // every thread of the identities but the one shown, latest first
    bool moreThreads = false;                  // more than kCustomerCardRows
    QVector<CustomerDecision> decisions;       // latest first, on every thread of the identities
    QVector<CustomerComplaint> openComplaints; // nearest deadline first
    QVector<CustomerHandoff> handoffs;         // latest first
    QVector<CustomerNote> notes;               // oldest first
    std::optional<PolicyholderReference> policyholderRef;
};

struct IdentitySuggestion {
    CustomerIdentity identity;
    bool handleMatches = false; // its handle or name, normalised, equals one of the customer's handles
    bool nameMatches = false;   // ... one of the customer's display names
};

// The form handles and names are compared in for suggestions: letters and digits only, lower
// case, accents removed, trailing digits dropped ("@Mario_Rossi85" and "Mario Rossì" -> "mariorossi").
// Empty when fewer than 4 letters are left (too short to suggest anything).
QString identityMatchKey(const QString &handleOrName);

class CustomerStore {
public:
    // `database` and `clock` are not owned and outlive the store.
    CustomerStore(Database &database, const Clock &clock);

    // The customer's author of a thread: the author of its first inbound post (0 when none).
    Result<qint64> threadAuthor(qint64 threadId) const;
    // The customer `authorId` belongs to (0 when none).
    Result<qint64> customerOf(qint64 authorId) const;

    // Everything known about the customer of `authorId`; `shownThreadId` is left out of the threads.
    Result<CustomerCard> card(qint64 authorId, qint64 shownThreadId = 0) const;

    // Authors not of this customer whose handle or name matches one of its identities'
    // (identityMatchKey), companies left out; at most `limit`, by channel and handle. Indexes the
    // keys of authors added since the last call first (unless the cache is read-only).
    Result<QVector<IdentitySuggestion>> suggestions(qint64 authorId, int limit = 20);

    // Links `otherAuthorId` (and, when it has a customer already, that customer's identities, notes
    // and reference) to the customer of `authorId`. Refused: the same author, a company's author,
    // two customers with different references, an author already linked to this customer.
    Status link(qint64 authorId, qint64 otherAuthorId, const Agent &agent);
    // Takes `authorId` out of its customer; it becomes a customer of its own again (with nothing).
    // Refused when it is not linked, or when the reference was verified in one of its threads
    // (clear the reference first: it would stay with the wrong person).
    Status unlink(qint64 authorId, const Agent &agent);

    Result<qint64> addNote(qint64 authorId, const QString &text, const Agent &agent);

    // Stores the policyholder reference, verified by the agent in `shownThreadId`: refused
    // (RefusedByPolicy) unless that thread is private (every post of it) and one of the customer's
    // identities wrote in it. The reference: 4 to 40 characters of letters, digits, blanks,
    // '-', '.', '/', holding at least 4 letters or digits.
    Status setPolicyholderRef(qint64 authorId, qint64 shownThreadId, const QString &reference, const Agent &agent);
    Status clearPolicyholderRef(qint64 authorId, const Agent &agent);

private:
    Result<qint64> ensureCustomer(qint64 authorId, const Agent &agent, qint64 nowMs);
    Result<QVector<qint64>> identityIds(qint64 authorId) const;
    Status indexMatchKeys();

    Database &m_database;
    const Clock &m_clock;
};

} // namespace sportello
