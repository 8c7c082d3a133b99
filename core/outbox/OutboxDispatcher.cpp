#include "outbox/OutboxDispatcher.h"

#include "accounts/Accounts.h"
#include "accounts/TokenProblems.h"
#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "common/LocaleText.h"
#include "ingest/Ingestor.h"
#include "outbox/ChannelPublisher.h"
#include "outbox/Handoff.h"
#include "outbox/HandoffStatus.h"
#include "outbox/InAppReplies.h"
#include "outbox/OutboxLog.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <algorithm>
#include <limits>

namespace sportello::outbox {

namespace {

const QString kHandoffLane = QStringLiteral("handoff");
// Replies to in-app messages go to the company's app backend, not to a platform account.
const QString kInAppLane = QStringLiteral("inapp");
// A lease outlives the request's timeout by this much; it is renewed every third of its length.
constexpr qint64 kLeaseMarginMs = 30'000;
// A rate limit waits at least this long, so that a reset in the past cannot spin the queue.
constexpr qint64 kMinRateLimitWaitMs = 1000;

QString shortText(const QString &text)
{
    const QString t = text.simplified();
    return t.size() > 80 ? t.left(79) + QChar(0x2026) : t;
}

QString localTime(qint64 ms)
{
    // Part of a sentence written for people, in their language's date order.
    return dateTimeText(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime());
}

} // namespace

struct OutboxDispatcher::Lane {
    accounts::Account account; // empty id for the hand-off lane
    QVector<OutboxEntry> entries;
    int next = 0;
};

OutboxDispatcher::OutboxDispatcher(Database &database, QNetworkAccessManager *network, accounts::TokenStore &tokens,
                                   const Clock &clock, QObject *parent)
    : QObject(parent), m_database(database), m_network(network), m_tokens(tokens), m_clock(clock),
      m_store(database, clock), m_random([] { return QRandomGenerator::global()->generateDouble(); }),
      m_owner(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    qRegisterMetaType<sportello::outbox::DrainSummary>();
    m_handoff = new HandoffSender(network, clock, this);
    m_nextTimer.setSingleShot(true);
    connect(&m_nextTimer, &QTimer::timeout, this, &OutboxDispatcher::drain);
    connect(&m_leaseTimer, &QTimer::timeout, this, [this] {
        if (Status s = m_store.renewLeases(m_owner, m_clock.nowMs() + leaseMs()); !s)
            m_summary.errors << s.error();
    });
}

OutboxDispatcher::~OutboxDispatcher()
{
    // Publishers abort their requests; entries in flight stay `sending` until their lease
    // expires, and are then read back by the next dispatcher.
    m_lanes.clear();
    qDeleteAll(m_publishers);
}

void OutboxDispatcher::setRandomSource(net::RandomSource random)
{
    m_random = std::move(random);
    m_handoff->setRandomSource(m_random);
}

void OutboxDispatcher::setAutoSchedule(bool on)
{
    m_autoSchedule = on;
    if (!on)
        m_nextTimer.stop();
}

qint64 OutboxDispatcher::backoffMs(int failures) const
{
    return m_retry.delayMs(std::max(1, failures), m_random(), m_retry.baseDelayMs);
}

qint64 OutboxDispatcher::leaseMs() const { return qint64(m_timeoutMs) + kLeaseMarginMs; }

bool OutboxDispatcher::applied(const Result<bool> &result)
{
    if (!result) {
        m_summary.errors << result.error();
        return false;
    }
    return *result;
}

Result<accounts::Account> accountForThread(Database &database, Channel channel, qint64 threadId,
                                           const QString &threadExternalId, const QVector<accounts::Account> &accounts)
{
    QVector<accounts::Account> candidates;
    for (const accounts::Account &a : accounts)
        if (a.channel == channel)
            candidates.append(a);
    if (candidates.size() > 1) {
        QVector<accounts::Account> narrowed;
        for (const accounts::Account &a : candidates)
            if (threadExternalId.startsWith(a.accountId + QLatin1Char('_')))
                narrowed.append(a);
        if (narrowed.isEmpty()) {
            QSqlQuery q(database.connection());
            if (Status s = sql::prepare(
                    q, QStringLiteral("SELECT DISTINCT a.external_id FROM posts p JOIN authors a ON "
                                      "a.id = p.author_id WHERE p.thread_id = ? AND p.direction = 'outbound'"));
                !s)
                return s.failure();
            q.addBindValue(threadId);
            if (Status s = sql::exec(q); !s)
                return s.failure();
            const int externalId = q.record().indexOf(QLatin1String("external_id"));
            while (q.next())
                for (const accounts::Account &a : candidates)
                    if (a.accountId == q.value(externalId).toString())
                        narrowed.append(a);
        }
        candidates = narrowed;
    }
    if (candidates.size() == 1)
        return candidates.first();
    // Callers word the refusal for what they do (send a reply, hide a comment).
    return Error{candidates.isEmpty() ? QStringLiteral("no account") : QStringLiteral("several accounts"),
                 candidates.isEmpty() ? ErrorKind::NotFound : ErrorKind::Conflict};
}

Result<accounts::Account> OutboxDispatcher::accountFor(const OutboxEntry &entry,
                                                       const QVector<accounts::Account> &accounts)
{
    auto account = accountForThread(m_database, entry.channel, entry.threadId, entry.threadExternalId, accounts);
    if (account || (account.errorKind() != ErrorKind::NotFound && account.errorKind() != ErrorKind::Conflict))
        return account;
    return Error{
        account.errorKind() == ErrorKind::NotFound
            ? QCoreApplication::translate("Outbox", "No %1 account is set up to send this reply; add the account, "
                                                    "then retry.")
                  .arg(label(entry.channel))
            : QCoreApplication::translate("Outbox", "More than one %1 account could send this reply; Sportello "
                                                    "cannot tell which one the thread belongs to.")
                  .arg(label(entry.channel)),
        account.errorKind()};
}

void OutboxDispatcher::drain()
{
    if (m_draining) {
        m_drainRequested = true; // an entry may have been added after this pass read the queue
        return;
    }
    m_draining = true;
    m_drainRequested = false;
    m_nextTimer.stop();
    m_summary = DrainSummary{};
    // Publishers carry a token: make fresh ones each pass, so a new sign-in is used.
    qDeleteAll(m_publishers);
    m_publishers.clear();
    if (!m_network) {
        m_summary.errors << QCoreApplication::translate("Outbox", "The network connection of the outbox is closed.");
        finishPass();
        return;
    }
    m_leaseTimer.start(int(std::max<qint64>(1000, leaseMs() / 3)));

    const qint64 now = m_clock.nowMs();
    // Only entries whose sender has gone: a live dispatcher (this one, or another process on the
    // same file) keeps the lease of what it is sending.
    if (auto recovered = m_store.recoverInterrupted(now); !recovered)
        m_summary.errors << recovered.error();
    // Customer care's status files, once a pass: each sync round reads them.
    readHandoffStatusFiles();

    auto due = m_store.due(now);
    auto accounts = accounts::AccountStore(m_database).list();
    if (!due || !accounts) {
        m_summary.errors << (!due ? due.error() : accounts.error());
        finishPass();
        return;
    }
    for (OutboxEntry entry : *due) {
        ++m_summary.attempted;
        if (entry.kind == DecisionKind::Forward) {
            auto &lane = m_lanes[kHandoffLane];
            if (!lane)
                lane = std::make_shared<Lane>();
            lane->entries.append(entry);
            continue;
        }
        if (entry.kind == DecisionKind::Close) {
            fail(QString(), entry, QCoreApplication::translate("Outbox", "A closed thread has nothing to deliver."));
            continue;
        }
        if (entry.channel == Channel::InApp) {
            auto &lane = m_lanes[kInAppLane];
            if (!lane)
                lane = std::make_shared<Lane>();
            lane->entries.append(entry);
            continue;
        }
        auto account = accountFor(entry, *accounts);
        if (!account) {
            fail(QString(), entry, account.error());
            continue;
        }
        if (account->needsSignIn) {
            const QString reason = QCoreApplication::translate("Outbox", "Waiting: sign in again to the %1 account %2.")
                                       .arg(label(account->channel), account->accountId);
            // An entry that met the refusal keeps its explanation (it starts with the same words).
            if (!entry.lastError.startsWith(reason) &&
                applied(m_store.reschedule(entry, entry.state, 0, reason, entry.checkFailures)))
                emit entryChanged(entry.id);
            continue;
        }
        if (m_accountPausedUntil.value(account->id) > now)
            continue; // rate limited: the timer drains again at the reset
        auto &lane = m_lanes[account->id];
        if (!lane) {
            lane = std::make_shared<Lane>();
            lane->account = *account;
        }
        lane->entries.append(entry);
    }
    if (m_lanes.isEmpty()) {
        finishPass();
        return;
    }
    // The tokens first, without waiting on the keychain: each lane starts once its token is read.
    m_tokensRead.clear();
    const QStringList keys = m_lanes.keys();
    for (const QString &key : keys) {
        auto lane = m_lanes.value(key);
        if (!lane || lane->account.id.isEmpty()) { // the hand-off and in-app lanes need no token
            processNext(key);
            continue;
        }
        QPointer<OutboxDispatcher> self(this);
        const accounts::Account account = lane->account;
        accounts::tokenForAsync(account, m_tokens, this, [self, key, account](const Result<QString> &token) {
            if (!self || !self->m_draining || !self->m_lanes.contains(key))
                return;
            self->m_tokensRead.insert(account.id, token);
            self->processNext(key);
        });
    }
}

void OutboxDispatcher::processNext(const QString &laneKey)
{
    auto lane = m_lanes.value(laneKey);
    if (!lane)
        return;
    if (lane->next >= lane->entries.size() || m_accountPausedUntil.value(laneKey) > m_clock.nowMs()) {
        stopLane(laneKey);
        return;
    }
    // Re-read: the agent may have cancelled or edited the entry while the pass ran.
    auto entry = m_store.find(lane->entries.at(lane->next).id);
    if (!entry)
        m_summary.errors << entry.error();
    if (!entry || (entry->state != OutboxState::Pending && entry->state != OutboxState::Unknown)) {
        if (entry)
            ++m_summary.leftAlone;
        finishEntry(laneKey);
        return;
    }
    processEntry(laneKey, *entry);
}

void OutboxDispatcher::finishEntry(const QString &laneKey)
{
    auto lane = m_lanes.value(laneKey);
    if (!lane)
        return;
    ++lane->next;
    // Later, from the event loop: a chain of synchronous failures must not grow the stack.
    QMetaObject::invokeMethod(
        this, [this, laneKey] { processNext(laneKey); }, Qt::QueuedConnection);
}

void OutboxDispatcher::stopLane(const QString &laneKey)
{
    m_lanes.remove(laneKey);
    if (m_lanes.isEmpty())
        finishPass();
}

void OutboxDispatcher::finishPass()
{
    if (!m_draining)
        return;
    m_draining = false;
    m_leaseTimer.stop();
    if (auto waiting = m_store.countWaiting())
        m_summary.waiting = *waiting;
    else
        m_summary.errors << waiting.error();
    scheduleNext();
    const DrainSummary summary = m_summary;
    if (m_drainRequested) // asked for during the pass: not lost, whether or not auto-scheduling is on
        QMetaObject::invokeMethod(this, &OutboxDispatcher::drain, Qt::QueuedConnection);
    emit drained(summary);
}

bool OutboxDispatcher::anythingActionable(qint64 nowMs)
{
    auto due = m_store.due(nowMs);
    auto accounts = accounts::AccountStore(m_database).list();
    if (!due || !accounts)
        return false;
    for (const OutboxEntry &entry : *due) {
        if (entry.kind != DecisionKind::ReplyPublic && entry.kind != DecisionKind::ReplyPrivate)
            return true;
        auto account = accountFor(entry, *accounts);
        if (!account)
            return true; // the next pass fails it, with the reason
        if (!account->needsSignIn && m_accountPausedUntil.value(account->id) <= nowMs)
            return true;
    }
    return false;
}

void OutboxDispatcher::scheduleNext()
{
    if (!m_autoSchedule || m_drainRequested)
        return;
    const qint64 now = m_clock.nowMs();
    // Due already (new, or its wait ran out during the pass): at once. Entries whose account is
    // paused or needs signing in wait for the pause's end or the sign-in instead.
    if (anythingActionable(now)) {
        m_nextTimer.start(0);
        return;
    }
    auto next = m_store.nextDueAfterMs(now);
    if (!next)
        m_summary.errors << next.error();
    qint64 at = next ? *next : 0;
    for (auto it = m_accountPausedUntil.cbegin(); it != m_accountPausedUntil.cend(); ++it)
        if (it.value() > now && (at == 0 || it.value() < at))
            at = it.value();
    if (at > 0)
        m_nextTimer.start(int(std::clamp<qint64>(at - now, 0, std::numeric_limits<int>::max())));
}

void OutboxDispatcher::reportNetwork(const net::HttpOutcome &outcome)
{
    if (outcome.httpStatus > 0)
        emit networkSuccess();
    else if (outcome.kind == net::OutcomeKind::Retryable || outcome.kind == net::OutcomeKind::UnknownDelivery)
        emit networkFailure(outcome.message);
}

void OutboxDispatcher::pauseAccount(const QString &laneKey, qint64 waitMs)
{
    if (laneKey.isEmpty())
        return;
    m_accountPausedUntil.insert(laneKey, m_clock.nowMs() + std::max(kMinRateLimitWaitMs, waitMs));
}

void OutboxDispatcher::noteAnswer(const QString &laneKey, const net::HttpOutcome &outcome)
{
    if (outcome.usagePercent >= 90) {
        // Graph says the next calls will be refused: stop before they are.
        const int hits = ++m_rateLimitHits[laneKey];
        pauseAccount(laneKey,
                     outcome.retryAfterMs > 0 ? outcome.retryAfterMs : m_retry.rateLimitDelayMs(hits, m_random()));
    } else if (outcome.httpStatus >= 200 && outcome.httpStatus < 300) {
        m_rateLimitHits.remove(laneKey);
    }
}

Result<ChannelPublisher *> OutboxDispatcher::publisherFor(const accounts::Account &account)
{
    if (auto it = m_publishers.constFind(account.id); it != m_publishers.constEnd())
        return *it;
    const auto read = m_tokensRead.constFind(account.id);
    const Result<QString> token = read != m_tokensRead.constEnd() ? *read : accounts::tokenFor(account, m_tokens);
    if (!token)
        return Error{QCoreApplication::translate("Outbox", "The access token of the %1 account %2 cannot be read: %3")
                         .arg(label(account.channel), account.accountId, token.error()),
                     ErrorKind::RefusedByPolicy};
    PublisherContext context;
    context.network = m_network;
    context.clock = &m_clock;
    context.account = account;
    context.token = *token;
    context.timeoutMs = m_timeoutMs;
    if (account.channel != Channel::X) {
        auto version = accounts::AccountStore(m_database).graphApiVersion();
        context.graphApiVersion = version ? *version : QString::fromLatin1(accounts::kDefaultGraphApiVersion);
    }
    auto publisher = ChannelPublisher::create(std::move(context));
    if (!publisher)
        return publisher.failure();
    ChannelPublisher *p = publisher->release();
    p->setParent(this);
    m_publishers.insert(account.id, p);
    return p;
}

void OutboxDispatcher::processEntry(const QString &laneKey, OutboxEntry entry)
{
    if (entry.kind == DecisionKind::Forward) {
        deliverHandoff(laneKey, entry);
        return;
    }
    if (entry.channel == Channel::InApp) {
        deliverInApp(laneKey, entry);
        return;
    }
    const accounts::Account account = m_lanes.value(laneKey)->account;
    auto publisher = publisherFor(account);
    if (!publisher) {
        // No token: like an expired one, the entry waits for the agent to sign in; the account
        // is looked at again after a while, not in a loop.
        if (entry.lastError != publisher.error() &&
            applied(m_store.reschedule(entry, entry.state, 0, publisher.error(), entry.checkFailures)))
            emit entryChanged(entry.id);
        pauseAccount(laneKey, m_retry.maxDelayMs);
        emit authNeeded(account.tokenKey(), publisher.error());
        stopLane(laneKey);
        return;
    }

    auto reply = replyFor(entry);
    if (!reply) {
        fail(laneKey, entry, reply.error());
        return;
    }
    deliverReply(laneKey, entry, *reply, *publisher);
}

Result<OutboundReply> OutboxDispatcher::replyFor(const OutboxEntry &entry)
{
    // The customer's post this reply answers: the one fixed at the decision, else the latest
    // inbound post at the decision.
    QSqlQuery q(m_database.connection());
    const bool fixed = !entry.targetPostId.isEmpty();
    const QString statement =
        fixed ? QStringLiteral(
                    "SELECT p.external_id AS post_id, coalesce(p.in_reply_to, '') AS parent_id, p.visibility AS "
                    "visibility, a.external_id AS author_id FROM posts p JOIN authors a ON a.id = p.author_id "
                    "WHERE p.thread_id = ? AND p.external_id = ? LIMIT 1")
              : QStringLiteral(
                    "SELECT p.external_id AS post_id, coalesce(p.in_reply_to, '') AS parent_id, p.visibility AS "
                    "visibility, a.external_id AS author_id FROM posts p JOIN authors a ON a.id = p.author_id "
                    "WHERE p.thread_id = ? AND p.direction = 'inbound' "
                    "ORDER BY (p.created_at <= ?) DESC, p.created_at DESC, p.id DESC LIMIT 1");
    if (Status s = sql::prepare(q, statement); !s)
        return s.failure();
    q.addBindValue(entry.threadId);
    if (fixed)
        q.addBindValue(entry.targetPostId);
    else
        q.addBindValue(entry.decidedAtMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return Error{QCoreApplication::translate("Outbox", "The thread has no customer post to reply to."),
                     ErrorKind::NotFound};
    OutboundReply reply;
    reply.channel = entry.channel;
    reply.visibility = entry.kind == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private;
    reply.targetPostId = q.value(QStringLiteral("post_id")).toString();
    reply.targetParentId = q.value(QStringLiteral("parent_id")).toString();
    reply.threadExternalId = entry.threadExternalId;
    reply.threadIsPrivate = q.value(QStringLiteral("visibility")).toString() == QLatin1String("private");
    reply.recipientId = q.value(QStringLiteral("author_id")).toString();
    reply.text = entry.text;
    reply.originalText = entry.decisionText;
    reply.decidedAtMs = entry.decidedAtMs;
    if (reply.text.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Outbox", "The reply is empty; write it, then retry."),
                     ErrorKind::InvalidInput};
    return reply;
}

void OutboxDispatcher::deliverReply(const QString &laneKey, OutboxEntry entry, const OutboundReply &reply,
                                    ChannelPublisher *publisher)
{
    // Read first when the reply may already be there, or when the thread may have moved on
    // while the agent was offline.
    if (entry.state == OutboxState::Unknown || entry.decidedOffline) {
        QPointer<ChannelPublisher> guard(publisher);
        publisher->readBack(reply, [this, laneKey, entry, reply, guard](const ReadBackResult &result) {
            if (guard)
                onReadBack(laneKey, entry, reply, guard, result, false);
        });
        return;
    }
    send(laneKey, entry, reply, publisher);
}

// The company replies a read-back found after the decision, split by whether they are this
// entry's own reply (sent before, same text) or someone else's.
struct OutboxDispatcher::ReplyMatch {
    QVector<const RemoteReply *> mine, others;
};

void OutboxDispatcher::onReadBack(const QString &laneKey, OutboxEntry entry, const OutboundReply &reply,
                                  ChannelPublisher *publisher, const ReadBackResult &result, bool afterDuplicate)
{
    reportNetwork(result.outcome);
    if (!result.supported) {
        holdUnreadable(laneKey, entry, afterDuplicate);
        return;
    }
    if (result.outcome.kind != net::OutcomeKind::Success) {
        if (applyFailure(laneKey, entry, result.outcome, false,
                         QCoreApplication::translate("Outbox", "Checking the thread before sending")))
            finishEntry(laneKey);
        return;
    }
    noteAnswer(laneKey, result.outcome);

    auto known = knownCompanyReplies(entry);
    if (!known) {
        // Without the check nothing is sent: the agent decides.
        m_summary.errors << known.error();
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "The thread could not be checked in the cache (%1). "
                                                   "Look at it, then confirm to send or cancel.")
                 .arg(known.error()));
        return;
    }
    const ReplyMatch match = matchReplies(entry, reply, result, *known);
    if (settleSentReply(laneKey, entry, reply, result, match))
        return;
    if (result.targetGone) {
        const QString reason =
            QCoreApplication::translate("Outbox", "The customer's post was deleted on %1.").arg(label(entry.channel));
        if (entry.decidedOffline)
            hold(laneKey, entry,
                 reason + QLatin1Char(' ') +
                     QCoreApplication::translate("Outbox", "Confirm to send anyway or cancel."));
        else
            fail(laneKey, entry, reason);
        return;
    }
    if (entry.decidedOffline && holdIfAnsweredMeanwhile(laneKey, entry, result, match, *known))
        return;
    if (afterDuplicate) {
        fail(laneKey, entry,
             QCoreApplication::translate("Outbox", "%1 refused the reply as a duplicate of an earlier post, "
                                                   "and it is not on the thread. Edit the text, then retry.")
                 .arg(label(entry.channel)));
        return;
    }
    // A successful read-back ends the run of failures; a send counts again from here.
    entry.checkFailures = 0;
    send(laneKey, entry, reply, publisher);
}

void OutboxDispatcher::holdUnreadable(const QString &laneKey, OutboxEntry &entry, bool afterDuplicate)
{
    const QString channel = label(entry.channel);
    if (afterDuplicate)
        fail(laneKey, entry,
             QCoreApplication::translate("Outbox", "%1 refused the reply as a duplicate, and this kind "
                                                   "of reply cannot be checked on the platform.")
                 .arg(channel));
    else if (entry.state == OutboxState::Unknown)
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "Sportello cannot check on %1 whether this private "
                                                   "reply arrived. Look at the conversation, then "
                                                   "confirm to send it again or cancel it.")
                 .arg(channel));
    else
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "Decided offline: Sportello cannot check on %1 "
                                                   "whether a colleague already answered privately. "
                                                   "Confirm to send it or cancel it.")
                 .arg(channel));
}

Result<QSet<QString>> OutboxDispatcher::knownCompanyReplies(const OutboxEntry &entry)
{
    // The company replies the agent knew of when deciding: not a colleague's answer, not ours.
    if (entry.hasSeenOutbound)
        return QSet<QString>(entry.seenOutbound.cbegin(), entry.seenOutbound.cend());
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT external_id FROM posts WHERE thread_id = ? AND direction = "
                                                  "'outbound' AND created_at < ?"));
        !s)
        return s.failure();
    q.addBindValue(entry.threadId);
    q.addBindValue(entry.decidedAtMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QSet<QString> known;
    const int externalId = q.record().indexOf(QLatin1String("external_id"));
    while (q.next())
        known.insert(q.value(externalId).toString());
    return known;
}

OutboxDispatcher::ReplyMatch OutboxDispatcher::matchReplies(const OutboxEntry &entry, const OutboundReply &reply,
                                                            const ReadBackResult &result,
                                                            const QSet<QString> &known) const
{
    const bool sentBefore = entry.attempts > 0 || entry.state == OutboxState::Unknown;
    ReplyMatch match;
    for (const RemoteReply &r : result.companyReplies) {
        if (known.contains(r.id))
            continue;
        const bool afterDecision = r.createdAtMs < 0 || r.createdAtMs >= entry.decidedAtMs - kPlatformClockSkewMs;
        if (!afterDecision)
            continue;
        const bool sameText = sameReplyText(reply.text, r.text) || sameReplyText(reply.originalText, r.text) ||
                              (!entry.sentText.isEmpty() && sameReplyText(entry.sentText, r.text));
        (sentBefore && sameText ? match.mine : match.others).append(&r);
    }
    return match;
}

bool OutboxDispatcher::settleSentReply(const QString &laneKey, OutboxEntry &entry, const OutboundReply &reply,
                                       const ReadBackResult &result, const ReplyMatch &match)
{
    const QString channel = label(entry.channel);
    if (!match.mine.isEmpty()) {
        QString note;
        if (match.mine.size() > 1) {
            QStringList ids;
            for (const RemoteReply *r : match.mine)
                ids << r->id;
            note = QCoreApplication::translate("Outbox",
                                               "Delivered, but %1 copies of this reply are on %2 (%3); remove the "
                                               "extra ones there.")
                       .arg(match.mine.size())
                       .arg(channel, ids.join(QStringLiteral(", ")));
            m_summary.errors << note;
        }
        delivered(laneKey, entry, &reply, match.mine.first()->id, note);
        return true;
    }
    const bool sentBefore = entry.attempts > 0 || entry.state == OutboxState::Unknown;
    if (sentBefore && !match.others.isEmpty()) {
        // It may be ours as the platform rewrote it, or a colleague's: never sent again blindly.
        const RemoteReply *r = match.others.first();
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "After this reply was sent, a reply from the company "
                                                   "account appeared on %1 (%2): \"%3\". It may be this one "
                                                   "as the platform shows it, or a colleague's. Look at the "
                                                   "thread, then confirm to send it again or cancel it.")
                 .arg(channel, localTime(r->createdAtMs > 0 ? r->createdAtMs : m_clock.nowMs()), shortText(r->text)));
        return true;
    }
    if (sentBefore && !result.complete) {
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "Sportello read %1 pages of the thread on %2 without "
                                                   "reaching the time of the decision, so it cannot tell "
                                                   "whether this reply arrived. Look at the thread, then "
                                                   "confirm to send it again or cancel it.")
                 .arg(result.pages)
                 .arg(channel));
        return true;
    }
    return false;
}

bool OutboxDispatcher::holdIfAnsweredMeanwhile(const QString &laneKey, OutboxEntry &entry, const ReadBackResult &result,
                                               const ReplyMatch &match, const QSet<QString> &known)
{
    const QString channel = label(entry.channel);
    // A colleague's answer: a company reply the agent's cache did not show at the decision.
    if (!match.others.isEmpty()) {
        const RemoteReply *r = match.others.first();
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "Decided offline, and meanwhile a colleague answered "
                                                   "on %1 (%2): \"%3\". Confirm to send yours too or cancel it.")
                 .arg(channel, localTime(r->createdAtMs > 0 ? r->createdAtMs : m_clock.nowMs()), shortText(r->text)));
        return true;
    }
    if (!result.complete) {
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "Decided offline, and the thread on %1 is too long to "
                                                   "check whether a colleague answered meanwhile. Confirm "
                                                   "to send it or cancel it.")
                 .arg(channel));
        return true;
    }
    // The cache may know a colleague's reply the read-back did not list (synced from elsewhere).
    QSqlQuery cached(m_database.connection());
    Status s =
        sql::prepare(cached, QStringLiteral("SELECT external_id, created_at, text FROM posts WHERE thread_id = ? "
                                            "AND direction = 'outbound' ORDER BY created_at"));
    if (s) {
        cached.addBindValue(entry.threadId);
        s = sql::exec(cached);
    }
    if (!s) {
        m_summary.errors << s.error();
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "Decided offline, and the thread could not be checked "
                                                   "in the cache (%1). Confirm to send it or cancel it.")
                 .arg(s.error()));
        return true;
    }
    const QSqlRecord columns = cached.record();
    const int externalId = columns.indexOf(QLatin1String("external_id")),
              createdAt = columns.indexOf(QLatin1String("created_at")), text = columns.indexOf(QLatin1String("text"));
    while (cached.next()) {
        if (known.contains(cached.value(externalId).toString()))
            continue;
        hold(laneKey, entry,
             QCoreApplication::translate("Outbox", "Decided offline, and meanwhile a colleague "
                                                   "answered on %1 (%2): \"%3\". Confirm to send "
                                                   "yours too or cancel it.")
                 .arg(channel, localTime(cached.value(createdAt).toLongLong()),
                      shortText(cached.value(text).toString())));
        return true;
    }
    return false;
}

void OutboxDispatcher::send(const QString &laneKey, OutboxEntry entry, const OutboundReply &reply,
                            ChannelPublisher *publisher)
{
    if (!gateAllows(laneKey, entry))
        return;
    // Committed before the request leaves: a crash from here on leaves `sending`, read back later.
    // Refused when the entry changed since it was read (cancelled or edited): then nothing is sent.
    if (!applied(m_store.markSending(entry, reply.text, m_owner, m_clock.nowMs() + leaseMs()))) {
        ++m_summary.leftAlone; // or a database error, reported
        finishEntry(laneKey);
        return;
    }
    emit entryChanged(entry.id);
    QPointer<ChannelPublisher> guard(publisher);
    publisher->publish(reply, [this, laneKey, entry, reply, guard](const PublishResult &result) mutable {
        if (!guard)
            return;
        reportNetwork(result.outcome);
        if (result.outcome.kind == net::OutcomeKind::Success) {
            noteAnswer(laneKey, result.outcome);
            delivered(laneKey, entry, &reply, result.remoteId);
            return;
        }
        if (result.outcome.kind == net::OutcomeKind::Duplicate) {
            // The platform may already hold our reply (an earlier attempt): read back at once.
            if (!applied(
                    m_store.reschedule(entry, OutboxState::Unknown, 0, result.outcome.message, entry.checkFailures))) {
                finishEntry(laneKey);
                return;
            }
            emit entryChanged(entry.id);
            guard->readBack(reply, [this, laneKey, entry, reply, guard](const ReadBackResult &rb) {
                if (guard)
                    onReadBack(laneKey, entry, reply, guard, rb, true);
            });
            return;
        }
        if (applyFailure(laneKey, entry, result.outcome, true, QString()))
            finishEntry(laneKey);
    });
}

bool OutboxDispatcher::gateAllows(const QString &laneKey, const OutboxEntry &entry)
{
    if (!m_sendGate)
        return true;
    const auto lane = m_lanes.value(laneKey);
    const Status allowed = m_sendGate(entry, lane ? lane->account : accounts::Account{});
    if (allowed)
        return true;
    ++m_summary.leftAlone;
    if (allowed.errorKind() != ErrorKind::Conflict)
        m_summary.errors << allowed.error();
    finishEntry(laneKey);
    return false;
}

bool OutboxDispatcher::applyFailure(const QString &laneKey, OutboxEntry &entry, const net::HttpOutcome &outcome,
                                    bool requestMayHaveArrived, const QString &context)
{
    const qint64 now = m_clock.nowMs();
    const QString message = context.isEmpty() ? outcome.message : context + QStringLiteral(": ") + outcome.message;
    // After a send: 429, the rate-limit codes and 401 are definite refusals (nothing created);
    // anything else might not be. After a read-back: the entry keeps the state it had.
    const OutboxState previous = entry.state == OutboxState::Sending ? OutboxState::Pending : entry.state;
    auto lane = m_lanes.value(laneKey);
    switch (outcome.kind) {
    case net::OutcomeKind::AuthExpired: {
        if (!lane || lane->account.id.isEmpty()) { // customer care's endpoint, not a channel account
            fail(laneKey, entry, message);
            return false;
        }
        // What happened and what to do, in plain words, instead of the HTTP error. The explanation
        // reads X's and Graph's error shapes; an app store's refusal (a Google service account's
        // invalid_grant, say) already says what happened in its message.
        const bool store = lane->account.channel == Channel::GooglePlay || lane->account.channel == Channel::AppStore;
        const QString reason =
            QCoreApplication::translate("Outbox", "Waiting: sign in again to the %1 account %2. %3")
                .arg(label(lane->account.channel), lane->account.accountId,
                     store ? outcome.message
                           : accounts::explainTokenProblem(outcome, lane->account.channel, lane->account.accountId)
                                 .text());
        if (Status s = accounts::AccountStore(m_database).setNeedsSignIn(lane->account.id, true); !s)
            m_summary.errors << s.error();
        if (applied(m_store.reschedule(entry, previous, 0, reason, entry.checkFailures)))
            emit entryChanged(entry.id);
        m_tokens.forget(lane->account.tokenKey()); // a new one comes with the sign-in
        emit authNeeded(lane->account.tokenKey(), reason);
        stopLane(laneKey);
        return false;
    }
    case net::OutcomeKind::RateLimited: {
        const int hits = ++m_rateLimitHits[laneKey];
        const qint64 wait =
            std::max(kMinRateLimitWaitMs,
                     outcome.retryAfterMs >= 0 ? outcome.retryAfterMs : m_retry.rateLimitDelayMs(hits, m_random()));
        pauseAccount(laneKey, wait);
        if (applied(m_store.reschedule(entry, previous, now + wait, message, entry.checkFailures)))
            emit entryChanged(entry.id);
        stopLane(laneKey); // the whole account waits for the reset
        return false;
    }
    case net::OutcomeKind::Retryable:
    case net::OutcomeKind::UnknownDelivery:
    case net::OutcomeKind::Duplicate: {
        // Failed sends and failed read-backs alike: the wait grows with the run of failures.
        const int failures = entry.checkFailures + 1;
        const OutboxState next = requestMayHaveArrived ? OutboxState::Unknown : previous;
        if (applied(m_store.reschedule(entry, next, now + backoffMs(failures), message, failures)))
            emit entryChanged(entry.id);
        if (outcome.usagePercent >= 90)
            noteAnswer(laneKey, outcome); // near the limit as well: the account pauses
        if (outcome.httpStatus == 0) {
            stopLane(laneKey); // no network: the others would fail the same way
            return false;
        }
        return true;
    }
    case net::OutcomeKind::Success:
    case net::OutcomeKind::Failed: break;
    }
    fail(laneKey, entry, message);
    return false;
}

void OutboxDispatcher::delivered(const QString &laneKey, OutboxEntry &entry, const OutboundReply *reply,
                                 const QString &remoteId, const QString &note)
{
    const qint64 now = m_clock.nowMs();
    Ingestor ingest(m_database);
    Status s = ingest.begin();
    if (s && reply) {
        // The reply goes into the cache as the company's post, so the thread shows it and the
        // next sync recognises it instead of adding it again.
        const accounts::Account account =
            m_lanes.value(laneKey) ? m_lanes.value(laneKey)->account : accounts::Account{};
        PostRecord post;
        post.channel = entry.channel;
        post.threadExternalId = entry.threadExternalId;
        post.postExternalId = remoteId;
        post.inReplyTo = reply->targetPostId;
        post.author.externalId = account.accountId;
        post.direction = Direction::Outbound;
        post.visibility = reply->visibility;
        post.createdAtMs = now;
        post.text = reply->text;
        QSqlQuery author(m_database.connection());
        s = sql::prepare(author,
                         QStringLiteral("SELECT handle, display_name, follower_count FROM authors WHERE channel = ? "
                                        "AND external_id = ?"));
        if (s) {
            author.addBindValue(toId(entry.channel));
            author.addBindValue(account.accountId);
            s = sql::exec(author);
        }
        if (s && author.next()) {
            post.author.handle = author.value(QStringLiteral("handle")).toString();
            post.author.displayName = author.value(QStringLiteral("display_name")).toString();
            post.author.followerCount = author.value(QStringLiteral("follower_count")).toLongLong();
        }
        if (post.author.handle.isNull())
            post.author.handle = QLatin1String("");
        if (post.author.displayName.isNull())
            post.author.displayName = QLatin1String("");
        if (s)
            s = ingest.add(post);
    }
    bool won = true;
    if (s) {
        auto marked = m_store.markDelivered(entry, remoteId, now, note);
        if (!marked)
            s = marked.failure();
        else
            won = *marked;
    }
    if (s && won)
        s = ingest.commit();
    if (!s || !won) {
        ingest.rollback();
        if (!won) { // someone else moved the entry meanwhile (another dispatcher delivered it)
            ++m_summary.leftAlone;
            finishEntry(laneKey);
            return;
        }
        // Delivered on the platform but not recorded: unknown, so the next pass reads it back.
        const QString reason =
            QCoreApplication::translate("Outbox", "Delivered, but the cache could not record it: %1").arg(s.error());
        m_summary.errors << reason;
        const int failures = entry.checkFailures + 1;
        if (applied(m_store.reschedule(entry, OutboxState::Unknown, now + backoffMs(failures), reason, failures)))
            emit entryChanged(entry.id);
        finishEntry(laneKey);
        return;
    }
    ++m_summary.delivered;
    emit entryChanged(entry.id);
    finishEntry(laneKey);
}

void OutboxDispatcher::fail(const QString &laneKey, OutboxEntry &entry, const QString &reason)
{
    if (applied(m_store.markFailed(entry, reason))) {
        ++m_summary.failed;
        m_summary.errors << reason;
        emit entryChanged(entry.id);
    } else {
        ++m_summary.leftAlone;
    }
    if (!laneKey.isEmpty())
        finishEntry(laneKey);
}

void OutboxDispatcher::hold(const QString &laneKey, OutboxEntry &entry, const QString &reason)
{
    if (applied(m_store.markHeld(entry, reason))) {
        ++m_summary.held;
        emit entryChanged(entry.id);
    } else {
        ++m_summary.leftAlone;
    }
    if (!laneKey.isEmpty())
        finishEntry(laneKey);
}

void OutboxDispatcher::deliverHandoff(const QString &laneKey, OutboxEntry entry)
{
    auto settings = readHandoffSettings(m_database);
    if (!settings) {
        fail(laneKey, entry, settings.error());
        return;
    }
    if (!settings->configured()) {
        fail(laneKey, entry,
             QCoreApplication::translate("Outbox", "No customer-care hand-off is configured: set an "
                                                   "endpoint or a folder in the settings, then retry."));
        return;
    }
    // Built once, at the first attempt, and resent byte for byte: the same Idempotency-Key must
    // always carry the same body.
    QByteArray json = entry.packet;
    if (json.isEmpty()) {
        auto packet = buildHandoffPacket(m_database, entry, m_clock.nowMs());
        if (!packet) {
            fail(laneKey, entry, packet.error());
            return;
        }
        json = QJsonDocument(*packet).toJson(QJsonDocument::Indented);
    }
    PacketRoute route;
    route.endpoint = settings->endpoint;
    route.folder = settings->folder;
    route.fileName = entry.caseReference;
    route.badEndpoint = QCoreApplication::translate("Outbox", "Hand-off endpoint: %1");
    route.receiver = QCoreApplication::translate("Outbox", "Customer care's endpoint");
    route.answered = [this, entry](const QByteArray &body) { recordHandoffAnswer(entry, body); };
    sendPacket(laneKey, entry, json, route);
}

void OutboxDispatcher::sendPacket(const QString &laneKey, OutboxEntry entry, const QByteArray &json,
                                  const PacketRoute &route)
{
    if (!gateAllows(laneKey, entry))
        return;
    if (!applied(m_store.markSending(entry, entry.text, m_owner, m_clock.nowMs() + leaseMs(), json))) {
        ++m_summary.leftAlone; // or a database error, reported
        finishEntry(laneKey);
        return;
    }
    emit entryChanged(entry.id);

    if (route.endpoint.isEmpty()) {
        auto written = writeHandoffFile(route.folder, route.fileName, entry.idempotencyKey, entry.packet);
        if (!written)
            fail(laneKey, entry, written.error());
        else
            delivered(laneKey, entry, nullptr, written->path);
        return;
    }
    auto url = accounts::validateBaseUrl(route.endpoint);
    if (!url) {
        fail(laneKey, entry, route.badEndpoint.arg(url.error()));
        return;
    }
    net::RetryPolicy once;
    once.maxAttempts = 1; // the dispatcher owns the backoff between attempts
    m_handoff->setRetryPolicy(once);
    m_handoff->setTimeoutMs(m_timeoutMs);
    m_handoff->post(*url, entry.idempotencyKey, entry.packet,
                    [this, laneKey, entry, route](const net::HttpOutcome &outcome) mutable {
                        reportNetwork(outcome);
                        if (outcome.kind == net::OutcomeKind::Success) {
                            if (route.answered)
                                route.answered(outcome.body);
                            delivered(laneKey, entry, nullptr, QString());
                            return;
                        }
                        // The Idempotency-Key makes a repeat harmless: nothing here needs a read-back.
                        if (applyFailure(laneKey, entry, outcome, false, route.receiver))
                            finishEntry(laneKey);
                    });
}

void OutboxDispatcher::deliverInApp(const QString &laneKey, OutboxEntry entry)
{
    // A reply goes to its thread's app's own destination, else to the default one.
    auto app = inAppThreadApp(m_database, entry.threadId);
    if (!app) {
        fail(laneKey, entry, app.error());
        return;
    }
    auto settings = readInAppReplySettings(m_database, *app);
    if (!settings) {
        fail(laneKey, entry, settings.error());
        return;
    }
    if (!settings->configured()) {
        fail(laneKey, entry,
             QCoreApplication::translate("Outbox", "No way back to the mobile app is configured: set the in-app "
                                                   "reply webhook or folder (sportello-cli inapp replies), then "
                                                   "retry."));
        return;
    }
    // Built once and resent byte for byte, as a hand-off: the same key always carries the same body.
    QByteArray json = entry.packet;
    if (json.isEmpty()) {
        auto reply = replyFor(entry);
        if (!reply) {
            fail(laneKey, entry, reply.error());
            return;
        }
        json = QJsonDocument(buildInAppReplyPacket(entry, *reply, *app)).toJson(QJsonDocument::Indented);
    }
    PacketRoute route;
    route.endpoint = settings->webhook;
    route.folder = settings->folder;
    route.fileName = entry.idempotencyKey;
    route.badEndpoint = QCoreApplication::translate("Outbox", "In-app reply webhook: %1");
    route.receiver = QCoreApplication::translate("Outbox", "The app backend's webhook");
    sendPacket(laneKey, entry, json, route);
}

void OutboxDispatcher::readHandoffStatusFiles()
{
    auto settings = readHandoffSettings(m_database);
    if (!settings || settings->folder.isEmpty())
        return; // no folder: nothing to read (a bad setting is reported by the hand-offs it fails)
    HandoffLoop loop(m_database, m_clock);
    auto scan = loop.scanStatusFolder(settings->folder);
    if (!scan) {
        m_summary.errors << scan.error();
        return;
    }
    m_summary.handoffUpdates += scan->applied;
    for (const QString &error : scan->errors)
        m_summary.errors << QCoreApplication::translate("Outbox", "Customer care's status file %1").arg(error);
    for (qint64 thread : scan->threads)
        emit handoffUpdated(thread);
}

void OutboxDispatcher::recordHandoffAnswer(const OutboxEntry &entry, const QByteArray &body)
{
    // The delivery stands whatever the answer says: a report that cannot be read or recorded is
    // told to the agent, and care can report again (a status file, the command line).
    auto update = parseEndpointAnswer(body, entry.caseReference);
    Result<HandoffUpdateResult> applied = Error{};
    if (update && update->has_value())
        applied = HandoffLoop(m_database, m_clock).apply(**update);
    else if (!update)
        applied = update.failure();
    else
        return; // an acknowledgement without a state: the hand-off is sent
    if (!applied) {
        qCWarning(lcOutbox) << "customer care's answer to a hand-off was not recorded";
        m_summary.errors << QCoreApplication::translate("Outbox", "Customer care's answer to %1 was not recorded: %2")
                                .arg(entry.caseReference, applied.error());
        return;
    }
    if (applied->changed) {
        ++m_summary.handoffUpdates;
        emit handoffUpdated(entry.threadId);
    }
}

} // namespace sportello::outbox
