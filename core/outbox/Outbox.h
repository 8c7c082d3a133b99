#pragma once
// The outbox: decisions waiting to be delivered to a channel or to customer care (table `outbox`,
// schema version 6). This module is the table's only writer: TriageService has an entry written
// here (OutboxStore::enqueue) in the decision's transaction; the OutboxDispatcher delivers it; the
// agent edits, retries, cancels or confirms it here. Every agent action is one transaction with
// its audit entry. See docs/network.md, "Outbox".
//
// The state machine (who moves an entry, and when):
//
//   pending ──dispatcher sends──▶ sending ──answer with an id──▶ delivered
//      ▲                            │
//      │                            ├─ rate limit, expired token (nothing was created) ─▶ pending
//      │                            │     (next_attempt_at later; "sign in again" waits for sign-in)
//      │                            ├─ lost answer, network error, 5xx, duplicate ─▶ unknown
//      │                            └─ refused (other 4xx, unreadable answer) ─▶ failed
//      │
//   unknown ──dispatcher reads the thread back──▶ delivered (our reply is there)
//      │                                          │  or resends (▶ sending) when it is absent
//      │                                          └─ channel cannot be read back ─▶ held
//   (an entry left in `sending` whose lease has expired is treated as unknown: the process that
//    sent it stopped after the request may have left; a live dispatcher keeps its lease renewed)
//
//   decided offline (pending, decided_offline = 1): before the first send the thread is read;
//      target deleted or a colleague already answered ─▶ held
//
//   held    ──agent confirmHeld──▶ pending (decided_offline cleared: sent without the checks)
//   failed  ──agent retry──▶ pending (never sent) or unknown (sent before: read back first)
//   held    ──agent retry──▶ the same as failed
//   pending, failed, held ──agent editText──▶ same state, new text
//   any state but delivered, sending ──agent cancel──▶ cancelled
//
// delivered and cancelled are final. An entry never goes from unknown to a blind resend.
//
// Every change bumps `revision`. The dispatcher's transitions apply only to the state and
// revision it read (UPDATE ... WHERE id AND state AND revision): an entry the agent cancelled or
// edited, or another process moved, meanwhile is left alone (the transition returns false).

#include "common/Result.h"
#include "domain/Agent.h"
#include "domain/Domain.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>
#include <optional>

class QSqlDatabase;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::outbox {

// AwaitingApproval and SentBack come only from a team (team schema 2): a public reply waiting for
// a supervisor, or sent back to its author with a comment. Neither is ever delivered.
enum class OutboxState { Pending, Sending, Unknown, Delivered, Failed, Held, Cancelled, AwaitingApproval, SentBack };

QString toId(OutboxState state);
std::optional<OutboxState> outboxStateFromId(const QString &id);
// Translated label for people ("Waiting", "Sending", ...).
QString label(OutboxState state);

struct OutboxEntry {
    QString id; // UUID
    QString decisionId;
    QString idempotencyKey; // "sportello-" + decision id; sent with hand-offs
    qint64 threadId = 0;
    QString threadExternalId;
    Channel channel = Channel::Facebook;
    DecisionKind kind = DecisionKind::ReplyPublic; // ReplyPublic, ReplyPrivate or Forward
    QString text;                                  // what will be sent (editable); decisionText is what was decided
    QString decisionText;
    OutboxState state = OutboxState::Pending;
    int attempts = 0;  // requests that may have left
    QString lastError; // the reason an entry waits, is held or failed; never holds a token
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 decidedAtMs = 0;
    qint64 nextAttemptAtMs = 0; // 0: at once
    qint64 sentAtMs = 0;        // 0: never sent
    qint64 deliveredAtMs = 0;
    QString remoteId;
    QString caseReference; // forwards only
    bool decidedOffline = false;
    Agent agent;          // who decided
    QString sentText;     // what the last request carried (empty: never sent)
    QString targetPostId; // the customer's post answered, fixed at the decision (replies)
    // Offline decisions: the thread's outbound post ids the agent's cache showed at the decision.
    QStringList seenOutbound;
    bool hasSeenOutbound = false;
    int checkFailures = 0; // consecutive failed sends and read-backs: the backoff
    QByteArray packet;     // forwards: the hand-off packet, built at the first attempt
    qint64 revision = 0;   // bumped by every change
    QString leaseOwner;    // the dispatcher with a request in flight
    qint64 leaseUntilMs = 0;

    // pending, sending, unknown, failed or held: still to be delivered or decided on.
    bool isActive() const;
};

// What the outbox list shows of an entry: no packet, no sent text, the text cut for display.
struct OutboxListRow {
    static constexpr int kTextChars = 400; // the cell shows one line; the editor reads the entry
    QString id;
    qint64 threadId = 0;
    Channel channel = Channel::Facebook;
    DecisionKind kind = DecisionKind::ReplyPublic;
    QString text; // at most kTextChars characters
    OutboxState state = OutboxState::Pending;
    int attempts = 0;
    QString lastError;
    qint64 decidedAtMs = 0;
    qint64 nextAttemptAtMs = 0;
    bool decidedOffline = false;
    QString agentName;
    QString reviewComment; // a supervisor's, when the reply was sent back (team mode)
    QString reviewedBy;

    // Failed, held, or sent back by a supervisor (team mode): the agent acts on it.
    bool needsAgent() const
    {
        return state == OutboxState::Failed || state == OutboxState::Held || state == OutboxState::SentBack;
    }
    bool operator==(const OutboxListRow &) const = default;
};

// A decision's new entry, as the triage hands it over.
struct NewOutboxEntry {
    QString id; // UUID
    QString decisionId;
    DecisionKind kind = DecisionKind::ReplyPublic; // ReplyPublic, ReplyPrivate or Forward
    qint64 threadId = 0;
    QString text; // the reply, or the note for customer care
    qint64 atMs = 0;
    bool decidedOffline = false;
    QString caseReference; // forwards only
};

struct OutboxListOptions {
    bool includeFinished = false; // delivered and cancelled too
    int limit = 100;
    int offset = 0;
};

class OutboxStore {
public:
    OutboxStore(Database &database, const Clock &clock);

    // Writes a decision's entry, `pending`, on `db` inside the decision's transaction (the only
    // INSERT into the outbox). A reply's target is fixed here, the thread's latest inbound post;
    // an entry decided offline records the company posts the cache showed on the thread.
    static Status enqueue(const QSqlDatabase &db, const NewOutboxEntry &entry);

    Result<OutboxEntry> find(const QString &id) const;
    // Newest first; active entries only unless options say otherwise.
    Result<QVector<OutboxEntry>> list(const OutboxListOptions &options = {}) const;
    // Entries that still wait for delivery or for the agent (pending, sending, unknown, held,
    // failed): the number on the status bar.
    Result<int> countWaiting() const;
    Result<int> countInState(OutboxState state) const;
    // The active entries for the outbox list, paged: those needing the agent (failed, held)
    // first, then newest first. Reads only the columns the list shows.
    Result<QVector<OutboxListRow>> listRows(int offset, int limit) const;
    // One entry's list row; nullopt when it is no longer active (delivered, cancelled) or gone.
    Result<std::optional<OutboxListRow>> listRow(const QString &id) const;

    // Agent actions; each one checks the state, writes the change and its audit entry in one
    // transaction, and explains a refusal.
    Status editText(const QString &id, const QString &text, const Agent &agent);
    Status retry(const QString &id, const Agent &agent);
    Status cancel(const QString &id, const Agent &agent);
    Status confirmHeld(const QString &id, const Agent &agent);

    // --- for the dispatcher ---
    // Entries due at nowMs (pending or unknown, next_attempt_at <= now), oldest first.
    Result<QVector<OutboxEntry>> due(qint64 nowMs) const;
    // The earliest time a pending or unknown entry is due (nowMs if one is due already), or an
    // abandoned `sending` lease expires; 0 if none.
    Result<qint64> nextDueAtMs(qint64 nowMs) const;
    // The same, strictly after nowMs (entries due now left out); 0 if none.
    Result<qint64> nextDueAfterMs(qint64 nowMs) const;
    // Entries left in `sending` whose lease expired before nowMs (the process that sent them
    // stopped) become `unknown`; returns how many. A live dispatcher's entries are not touched.
    Result<int> recoverInterrupted(qint64 nowMs);
    // Extends the lease of every entry `owner` is sending.
    Status renewLeases(const QString &owner, qint64 leaseUntilMs);

    // The transitions below change `entry` in the database only if it still has the state and
    // revision of the `entry` given (what the dispatcher read). They return true and update
    // `entry` when applied, false when the entry changed meanwhile (it is then left alone).
    //
    // Committed before the request leaves: state sending, sent_at, sent_text, attempts + 1, the
    // lease; a forward's packet on its first attempt.
    Result<bool> markSending(OutboxEntry &entry, const QString &sentText, const QString &owner, qint64 leaseUntilMs,
                             const QByteArray &packet = {});
    // pending or unknown again, tried at nextAttemptAtMs, with the reason it waits and the count
    // of consecutive failures.
    Result<bool> reschedule(OutboxEntry &entry, OutboxState state, qint64 nextAttemptAtMs, const QString &reason,
                            int checkFailures);
    Result<bool> markFailed(OutboxEntry &entry, const QString &reason);
    Result<bool> markHeld(OutboxEntry &entry, const QString &reason);
    // Runs on the cache's connection inside whatever transaction is open, so that the dispatcher
    // stores the delivered reply as a post in the same transaction. note: anything the agent
    // should know although it was delivered (several copies found on the thread).
    Result<bool> markDelivered(OutboxEntry &entry, const QString &remoteId, qint64 deliveredAtMs,
                               const QString &note = {});

private:
    // UPDATE outbox SET <assignments>, revision + 1, updated_at WHERE id, state, revision.
    Result<bool> transition(OutboxEntry &entry, OutboxState to, const QString &assignments, const QVariantList &binds);
    Status agentAction(const QString &id, const Agent &agent, const QString &action,
                       const std::function<Result<QString>(const OutboxEntry &)> &apply);

    Database &m_database;
    const Clock &m_clock;
};

} // namespace sportello::outbox
