#pragma once
// Delivers the outbox: every due entry (pending or unknown, next_attempt_at <= now), one request
// at a time per account, asynchronously on the thread that owns the QNetworkAccessManager.
// See Outbox.h for the state machine and docs/network.md, "Outbox", for the rules:
//
// - before a request leaves, the entry is committed as `sending` (sent_at, sent_text,
//   attempts + 1) with a lease this dispatcher renews while it waits; another dispatcher on the
//   same file (console and `sportello-cli sync`) takes over an entry only once its lease expired;
// - every transition applies only to the state and revision read (the agent may cancel or edit
//   meanwhile: the entry is then left alone);
// - an entry whose outcome is unknown is read back before any resend: delivered if the
//   company's reply is on the thread, resent only if it is absent;
// - an entry decided offline is checked first: held if the post was deleted or a colleague
//   answered it after the decision;
// - rate limits pause the account until the reset; an expired token marks the account as needing
//   sign-in, its entries wait, and authNeeded tells the UI;
// - a delivered reply is stored in the cache as an outbound post in the same transaction.

#include "domain/Agent.h"
#include "net/HttpJob.h"
#include "outbox/Outbox.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace sportello {
class Clock;
class Database;
namespace accounts {
class TokenStore;
struct Account;
} // namespace accounts
} // namespace sportello

namespace sportello::outbox {

class ChannelPublisher;
class HandoffSender;
struct OutboundReply;
struct ReadBackResult;

struct DrainSummary {
    int delivered = 0;
    int failed = 0;
    int held = 0;
    int waiting = 0;    // countWaiting() after the pass: entries still waiting for delivery or for the agent
    int attempted = 0;  // entries looked at in this pass
    int leftAlone = 0;  // entries the agent or another dispatcher moved during the pass
    QStringList errors; // why entries failed in this pass (held entries are not errors: they wait for the agent)
    // Customer care's reports recorded in this pass (status files in the hand-off folder, answers
    // to hand-off POSTs); a refused report is in errors.
    int handoffUpdates = 0;
    // A pass is ok only when every entry it looked at ended delivered or held (or was taken out
    // of its hands): a 5xx, a timeout, a rate limit or a refused token only reschedule, and a
    // scheduled `sportello-cli sync` must not report that as success.
    bool ok() const { return failed == 0 && errors.isEmpty() && delivered + held + leftAlone >= attempted; }
};

// The account that acts on a thread of this channel: the only one on its channel, or (Facebook)
// the page whose id prefixes the thread id, or the account that already posted in the thread.
// NotFound when none, Conflict when several could; the caller words the refusal.
Result<accounts::Account> accountForThread(Database &database, Channel channel, qint64 threadId,
                                           const QString &threadExternalId, const QVector<accounts::Account> &accounts);

class OutboxDispatcher : public QObject {
    Q_OBJECT
public:
    // All references are owned by the caller and must outlive the dispatcher; same thread.
    OutboxDispatcher(Database &database, QNetworkAccessManager *network, accounts::TokenStore &tokens,
                     const Clock &clock, QObject *parent = nullptr);
    ~OutboxDispatcher() override;

    // Backoff between attempts of one entry (baseDelayMs, maxDelayMs, jitter, rateLimitBaseMs).
    void setRetryPolicy(const net::RetryPolicy &policy) { m_retry = policy; }
    const net::RetryPolicy &retryPolicy() const { return m_retry; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setRandomSource(net::RandomSource random);
    // When on (the default), the dispatcher drains again by itself when the next entry is due.
    // Tests with a ManualClock turn it off and call drain().
    void setAutoSchedule(bool on);

    // Asked right before a request leaves for an entry, before the entry is committed as
    // `sending` (hand-offs with an empty account). A refusal leaves the entry as it is in this
    // pass, counted as left alone; a refusal of a kind other than Conflict ("someone else has
    // it") is also reported in the summary's errors. The hub claims the entry in the team
    // database here, so that two hubs never send it both. None by default.
    using SendGate = std::function<Status(const OutboxEntry &, const accounts::Account &)>;
    void setSendGate(SendGate gate) { m_sendGate = std::move(gate); }

    // Starts a pass over the due entries and emits drained(). Called during a pass, it runs
    // another pass as soon as this one ends.
    void drain();
    bool isDraining() const { return m_draining; }

signals:
    void entryChanged(const QString &entryId);
    // Customer care reported on a hand-off of this thread (docs/handoff.md): its state, draft or
    // complaint clock may have changed.
    void handoffUpdated(qint64 threadId);
    void drained(const sportello::outbox::DrainSummary &summary);
    // The account ("channel:account_id") needs signing in again; its entries wait.
    void authNeeded(const QString &accountKey, const QString &message);
    // A request got no HTTP answer at all (the network is likely down) / got one.
    void networkFailure(const QString &message);
    void networkSuccess();

private:
    struct Lane; // one account's queue in a pass
    void processNext(const QString &laneKey);
    void processEntry(const QString &laneKey, OutboxEntry entry);
    // The reply to send for an entry, with the customer's post it answers, from the cache.
    Result<OutboundReply> replyFor(const OutboxEntry &entry);
    void deliverReply(const QString &laneKey, OutboxEntry entry, const OutboundReply &reply,
                      ChannelPublisher *publisher);
    // What a read-back of the thread means for the entry, in named steps: delivered (our reply is
    // there), held for the agent (it cannot tell, or a colleague answered an offline decision),
    // failed, or sent.
    void onReadBack(const QString &laneKey, OutboxEntry entry, const OutboundReply &reply, ChannelPublisher *publisher,
                    const ReadBackResult &result, bool afterDuplicate);
    struct ReplyMatch;
    // The channel cannot be read back for this reply: held (or failed after a duplicate refusal).
    void holdUnreadable(const QString &laneKey, OutboxEntry &entry, bool afterDuplicate);
    // The company replies on the thread the agent knew of when deciding.
    Result<QSet<QString>> knownCompanyReplies(const OutboxEntry &entry);
    ReplyMatch matchReplies(const OutboxEntry &entry, const OutboundReply &reply, const ReadBackResult &result,
                            const QSet<QString> &known) const;
    // For an entry sent before: delivered when our reply is there, held when the read-back cannot
    // tell. True when the entry was settled.
    bool settleSentReply(const QString &laneKey, OutboxEntry &entry, const OutboundReply &reply,
                         const ReadBackResult &result, const ReplyMatch &match);
    // An offline decision is held when a colleague answered meanwhile (on the platform or in the
    // cache) or the thread is too long to tell. True when it was held.
    bool holdIfAnsweredMeanwhile(const QString &laneKey, OutboxEntry &entry, const ReadBackResult &result,
                                 const ReplyMatch &match, const QSet<QString> &known);
    void send(const QString &laneKey, OutboxEntry entry, const OutboundReply &reply, ChannelPublisher *publisher);
    void deliverHandoff(const QString &laneKey, OutboxEntry entry);
    // A reply to an in-app message, to the app backend's webhook or folder (outbox/InAppReplies.h).
    void deliverInApp(const QString &laneKey, OutboxEntry entry);
    // Where a packet (a hand-off, an in-app reply) goes: an endpoint (POST with its
    // Idempotency-Key) or, without one, <fileName>.json written into a folder.
    struct PacketRoute {
        QString endpoint;
        QString folder;
        QString fileName;
        QString badEndpoint; // "...: %1", the refusal of an endpoint that breaks the URL rules
        QString receiver;    // who did not answer, for the entry's error
        std::function<void(const QByteArray &)> answered; // the endpoint's 2xx body, before the delivery is recorded
    };
    // Marks the entry sending with the packet (built once, resent byte for byte), then delivers it.
    void sendPacket(const QString &laneKey, OutboxEntry entry, const QByteArray &json, const PacketRoute &route);
    void readHandoffStatusFiles();
    void recordHandoffAnswer(const OutboxEntry &entry, const QByteArray &body);
    // The send gate's answer; false (counted, and the entry finished) when it refused.
    bool gateAllows(const QString &laneKey, const OutboxEntry &entry);
    // Applies a non-success outcome to the entry; returns false when the lane must stop.
    bool applyFailure(const QString &laneKey, OutboxEntry &entry, const net::HttpOutcome &outcome,
                      bool requestMayHaveArrived, const QString &context);
    void delivered(const QString &laneKey, OutboxEntry &entry, const OutboundReply *reply, const QString &remoteId,
                   const QString &note = {});
    void fail(const QString &laneKey, OutboxEntry &entry, const QString &reason);
    void hold(const QString &laneKey, OutboxEntry &entry, const QString &reason);
    // A store transition's result: a database error goes to the summary; false unless applied.
    bool applied(const Result<bool> &result);
    // Success answers: a usage figure near the limit pauses the account; otherwise its
    // rate-limit count starts again.
    void noteAnswer(const QString &laneKey, const net::HttpOutcome &outcome);
    void pauseAccount(const QString &laneKey, qint64 waitMs);
    void finishEntry(const QString &laneKey);
    void stopLane(const QString &laneKey);
    void finishPass();
    void scheduleNext();
    void reportNetwork(const net::HttpOutcome &outcome);
    qint64 backoffMs(int failures) const;
    qint64 leaseMs() const;
    Result<ChannelPublisher *> publisherFor(const accounts::Account &account);
    // The account that sends this entry (accountForThread), with the refusal worded for a reply.
    Result<accounts::Account> accountFor(const OutboxEntry &entry, const QVector<accounts::Account> &accounts);
    // Due entries of accounts that can send now (not paused, no sign-in needed).
    bool anythingActionable(qint64 nowMs);

    Database &m_database;
    QPointer<QNetworkAccessManager> m_network;
    accounts::TokenStore &m_tokens;
    const Clock &m_clock;
    OutboxStore m_store;
    net::RetryPolicy m_retry;
    net::RandomSource m_random;
    QString m_owner; // this dispatcher's lease id
    int m_timeoutMs = 30'000;
    bool m_autoSchedule = true;
    bool m_draining = false;
    bool m_drainRequested = false; // drain() was called during a pass
    QHash<QString, std::shared_ptr<Lane>> m_lanes;
    QHash<QString, ChannelPublisher *> m_publishers; // by account uuid, owned (children)
    QHash<QString, Result<QString>> m_tokensRead;    // by account uuid, read at the start of the pass
    QHash<QString, qint64> m_accountPausedUntil;     // rate limits, by lane key
    QHash<QString, int> m_rateLimitHits;             // rate limits in a row without a reset time, by lane key
    HandoffSender *m_handoff = nullptr;
    SendGate m_sendGate;
    DrainSummary m_summary;
    QTimer m_nextTimer;
    QTimer m_leaseTimer; // renews the leases of entries in flight
};

} // namespace sportello::outbox

Q_DECLARE_METATYPE(sportello::outbox::DrainSummary)
