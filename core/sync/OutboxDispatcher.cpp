#include "sync/OutboxDispatcher.h"

#include "ingest/Ingestor.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "sync/Accounts.h"
#include "sync/ChannelPublisher.h"
#include "sync/Handoff.h"
#include "sync/TokenStore.h"
#include "timers/Clock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <algorithm>
#include <limits>

namespace sportello::sync {

namespace {

const QString kHandoffLane = QStringLiteral("handoff");
// A reply found on the platform counts as ours from this long before the decision: the two
// clocks (this desktop, the platform) may disagree a little.
constexpr qint64 kClockSkewMs = 2 * 60'000;

QString shortText(const QString &text)
{
    const QString t = text.simplified();
    return t.size() > 80 ? t.left(79) + QChar(0x2026) : t;
}

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

struct OutboxDispatcher::Lane {
    Account account;                 // empty id for the hand-off lane
    QVector<OutboxEntry> entries;
    int next = 0;
};

OutboxDispatcher::OutboxDispatcher(Database &database, QNetworkAccessManager *network, TokenStore &tokens,
                                   const Clock &clock, QObject *parent)
    : QObject(parent), m_database(database), m_network(network), m_tokens(tokens), m_clock(clock),
      m_store(database, clock), m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
    qRegisterMetaType<sportello::sync::DrainSummary>();
    m_handoff = new HandoffSender(network, clock, this);
    m_nextTimer.setSingleShot(true);
    connect(&m_nextTimer, &QTimer::timeout, this, &OutboxDispatcher::drain);
}

OutboxDispatcher::~OutboxDispatcher()
{
    // Publishers abort their requests; entries in flight stay `sending` and are read back by the
    // next dispatcher.
    m_lanes.clear();
    qDeleteAll(m_publishers);
}

void OutboxDispatcher::setRandomSource(RandomSource random)
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

qint64 OutboxDispatcher::backoffMs(int attempts) const
{
    return m_retry.delayMs(std::max(1, attempts), m_random(), m_retry.baseDelayMs);
}

void OutboxDispatcher::drain()
{
    if (m_draining)
        return;
    m_draining = true;
    m_nextTimer.stop();
    m_summary = DrainSummary{};
    // Publishers carry a token: make fresh ones each pass, so a new sign-in is used.
    qDeleteAll(m_publishers);
    m_publishers.clear();

    // Nothing is in flight between passes: an entry still `sending` was left by a process that stopped.
    if (auto recovered = m_store.recoverInterrupted(); !recovered)
        m_summary.errors << recovered.error();

    const qint64 now = m_clock.nowMs();
    auto due = m_store.due(now);
    auto accounts = AccountStore(m_database).list();
    if (!due || !accounts) {
        m_summary.errors << (!due ? due.error() : accounts.error());
        finishPass();
        return;
    }
    for (const OutboxEntry &entry : *due) {
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
        // The account of the thread: the only one on its channel, or (Facebook) the page whose id
        // prefixes the post id, or the account that already posted in the thread.
        QVector<Account> candidates;
        for (const Account &a : *accounts)
            if (a.channel == entry.channel)
                candidates.append(a);
        if (candidates.size() > 1) {
            QVector<Account> narrowed;
            for (const Account &a : candidates)
                if (entry.threadExternalId.startsWith(a.accountId + QLatin1Char('_')))
                    narrowed.append(a);
            if (narrowed.isEmpty()) {
                QSqlQuery q(m_database.connection());
                if (sql::prepare(q, QStringLiteral("SELECT DISTINCT a.external_id FROM posts p JOIN authors a ON "
                                                   "a.id = p.author_id WHERE p.thread_id = ? AND p.direction = 'outbound'"))) {
                    q.addBindValue(entry.threadId);
                    if (sql::exec(q)) {
                        while (q.next())
                            for (const Account &a : candidates)
                                if (a.accountId == q.value(0).toString())
                                    narrowed.append(a);
                    }
                }
            }
            candidates = narrowed;
        }
        if (candidates.size() != 1) {
            fail(QString(), entry, candidates.isEmpty()
                     ? QCoreApplication::translate("Outbox", "No %1 account is set up to send this reply; add the account, "
                                                             "then retry.").arg(label(entry.channel))
                     : QCoreApplication::translate("Outbox", "More than one %1 account could send this reply; Sportello "
                                                             "cannot tell which one the thread belongs to.").arg(label(entry.channel)));
            continue;
        }
        const Account &account = candidates.first();
        if (account.needsSignIn) {
            const QString reason = QCoreApplication::translate("Outbox", "Waiting: sign in again to the %1 account %2.")
                                       .arg(label(account.channel), account.accountId);
            if (entry.lastError != reason && m_store.reschedule(entry.id, entry.state, 0, reason))
                emit entryChanged(entry.id);
            continue;
        }
        if (m_accountPausedUntil.value(account.id) > now)
            continue; // rate limited: the timer drains again at the reset
        auto &lane = m_lanes[account.id];
        if (!lane) {
            lane = std::make_shared<Lane>();
            lane->account = account;
        }
        lane->entries.append(entry);
    }
    if (m_lanes.isEmpty()) {
        finishPass();
        return;
    }
    const QStringList keys = m_lanes.keys();
    for (const QString &key : keys)
        processNext(key);
}

void OutboxDispatcher::processNext(const QString &laneKey)
{
    auto lane = m_lanes.value(laneKey);
    if (!lane)
        return;
    if (lane->next >= lane->entries.size()) {
        stopLane(laneKey);
        return;
    }
    // Re-read: the agent may have cancelled or edited the entry while the pass ran.
    auto entry = m_store.find(lane->entries.at(lane->next).id);
    if (!entry || (entry->state != OutboxState::Pending && entry->state != OutboxState::Unknown)) {
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
    QMetaObject::invokeMethod(this, [this, laneKey] { processNext(laneKey); }, Qt::QueuedConnection);
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
    if (auto waiting = m_store.countWaiting())
        m_summary.waiting = *waiting;
    else
        m_summary.errors << waiting.error();
    scheduleNext();
    emit drained(m_summary);
}

void OutboxDispatcher::scheduleNext()
{
    if (!m_autoSchedule)
        return;
    const qint64 now = m_clock.nowMs();
    auto next = m_store.nextDueAtMs(now);
    qint64 at = next ? *next : 0;
    for (auto it = m_accountPausedUntil.cbegin(); it != m_accountPausedUntil.cend(); ++it)
        if (it.value() > now && (at == 0 || it.value() < at))
            at = it.value();
    if (at > 0)
        m_nextTimer.start(int(std::clamp<qint64>(at - now, 0, std::numeric_limits<int>::max())));
}

void OutboxDispatcher::reportNetwork(const HttpOutcome &outcome)
{
    if (outcome.httpStatus > 0)
        emit networkSuccess();
    else if (outcome.kind == OutcomeKind::Retryable || outcome.kind == OutcomeKind::UnknownDelivery)
        emit networkFailure(outcome.message);
}

Result<ChannelPublisher *> OutboxDispatcher::publisherFor(const Account &account)
{
    if (auto it = m_publishers.constFind(account.id); it != m_publishers.constEnd())
        return *it;
    auto token = tokenFor(account, m_tokens);
    if (!token)
        return Error{QCoreApplication::translate("Outbox", "The access token of the %1 account %2 cannot be read: %3")
                         .arg(label(account.channel), account.accountId, token.error())};
    PublisherContext context;
    context.network = m_network;
    context.clock = &m_clock;
    context.account = account;
    context.token = *token;
    context.timeoutMs = m_timeoutMs;
    if (account.channel != Channel::X) {
        auto version = AccountStore(m_database).graphApiVersion();
        context.graphApiVersion = version ? *version : QString::fromLatin1(kDefaultGraphApiVersion);
    }
    auto publisher = ChannelPublisher::create(std::move(context));
    if (!publisher)
        return Error{publisher.error()};
    ChannelPublisher *p = publisher->release();
    p->setParent(this);
    m_publishers.insert(account.id, p);
    return p;
}

void OutboxDispatcher::processEntry(const QString &laneKey, const OutboxEntry &entry)
{
    if (entry.kind == DecisionKind::Forward) {
        deliverHandoff(laneKey, entry);
        return;
    }
    const Account account = m_lanes.value(laneKey)->account;
    auto publisher = publisherFor(account);
    if (!publisher) {
        // No token: like an expired one, the entry waits for the agent to sign in.
        if (m_store.reschedule(entry.id, entry.state, 0, publisher.error()))
            emit entryChanged(entry.id);
        emit authNeeded(account.tokenKey(), publisher.error());
        stopLane(laneKey);
        return;
    }

    // The customer's post this reply answers: the latest inbound post at the decision.
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral(
            "SELECT p.external_id, coalesce(p.in_reply_to, ''), p.visibility, a.external_id FROM posts p "
            "JOIN authors a ON a.id = p.author_id WHERE p.thread_id = ? AND p.direction = 'inbound' "
            "ORDER BY (p.created_at <= ?) DESC, p.created_at DESC, p.id DESC LIMIT 1")); !s) {
        fail(laneKey, entry, s.error());
        return;
    }
    q.addBindValue(entry.threadId);
    q.addBindValue(entry.decidedAtMs);
    if (Status s = sql::exec(q); !s) {
        fail(laneKey, entry, s.error());
        return;
    }
    if (!q.next()) {
        fail(laneKey, entry, QCoreApplication::translate("Outbox", "The thread has no customer post to reply to."));
        return;
    }
    OutboundReply reply;
    reply.channel = entry.channel;
    reply.visibility = entry.kind == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private;
    reply.targetPostId = q.value(0).toString();
    reply.targetParentId = q.value(1).toString();
    reply.threadExternalId = entry.threadExternalId;
    reply.threadIsPrivate = q.value(2).toString() == QLatin1String("private");
    reply.recipientId = q.value(3).toString();
    reply.text = entry.text;
    reply.originalText = entry.decisionText;
    reply.decidedAtMs = entry.decidedAtMs;
    if (reply.text.trimmed().isEmpty()) {
        fail(laneKey, entry, QCoreApplication::translate("Outbox", "The reply is empty; write it, then retry."));
        return;
    }
    deliverReply(laneKey, entry, reply, *publisher);
}

void OutboxDispatcher::deliverReply(const QString &laneKey, const OutboxEntry &entry, const OutboundReply &reply,
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

void OutboxDispatcher::onReadBack(const QString &laneKey, const OutboxEntry &entry, const OutboundReply &reply,
                                  ChannelPublisher *publisher, const ReadBackResult &result, bool afterDuplicate)
{
    reportNetwork(result.outcome);
    const QString channel = label(entry.channel);
    if (!result.supported) {
        if (afterDuplicate)
            fail(laneKey, entry, QCoreApplication::translate("Outbox", "%1 refused the reply as a duplicate, and this kind "
                                                                       "of reply cannot be checked on the platform.").arg(channel));
        else if (entry.state == OutboxState::Unknown)
            hold(laneKey, entry, QCoreApplication::translate("Outbox", "Sportello cannot check on %1 whether this private "
                                                                       "reply arrived. Look at the conversation, then "
                                                                       "confirm to send it again or cancel it.").arg(channel));
        else
            hold(laneKey, entry, QCoreApplication::translate("Outbox", "Decided offline: Sportello cannot check on %1 "
                                                                       "whether a colleague already answered privately. "
                                                                       "Confirm to send it or cancel it.").arg(channel));
        return;
    }
    if (result.outcome.kind != OutcomeKind::Success) {
        if (applyFailure(laneKey, entry, result.outcome, false,
                         QCoreApplication::translate("Outbox", "Checking the thread before sending")))
            finishEntry(laneKey);
        return;
    }

    // Ours: sent before (attempts > 0), after the decision, with our text.
    const bool sentBefore = entry.attempts > 0 || entry.state == OutboxState::Unknown;
    const RemoteReply *mine = nullptr;
    QVector<const RemoteReply *> others;
    for (const RemoteReply &r : result.companyReplies) {
        const bool afterDecision = r.createdAtMs < 0 || r.createdAtMs >= entry.decidedAtMs - kClockSkewMs;
        const bool sameText = sameReplyText(reply.text, r.text) || sameReplyText(reply.originalText, r.text);
        if (sentBefore && afterDecision && sameText && !mine)
            mine = &r;
        else
            others.append(&r);
    }
    if (mine) {
        delivered(laneKey, entry, &reply, mine->id);
        return;
    }
    if (result.targetGone) {
        const QString reason = QCoreApplication::translate("Outbox", "The customer's post was deleted on %1.").arg(channel);
        if (entry.decidedOffline)
            hold(laneKey, entry, reason + QLatin1Char(' ') + QCoreApplication::translate("Outbox", "Confirm to send anyway or cancel."));
        else
            fail(laneKey, entry, reason);
        return;
    }
    if (entry.decidedOffline) {
        // A colleague's answer: a company reply to the post that this agent's cache did not show
        // when the decision was taken (a reply already in the cache then was seen by the agent).
        QSet<QString> seenAtDecision;
        QSqlQuery q(m_database.connection());
        if (sql::prepare(q, QStringLiteral("SELECT external_id FROM posts WHERE thread_id = ? AND direction = 'outbound' "
                                           "AND created_at < ?"))) {
            q.addBindValue(entry.threadId);
            q.addBindValue(entry.decidedAtMs);
            if (sql::exec(q))
                while (q.next())
                    seenAtDecision.insert(q.value(0).toString());
        }
        for (const RemoteReply *r : others) {
            if (seenAtDecision.contains(r->id))
                continue;
            hold(laneKey, entry, QCoreApplication::translate("Outbox", "Decided offline, and meanwhile a colleague answered "
                                                                       "on %1 (%2): \"%3\". Confirm to send yours too or cancel it.")
                                     .arg(channel, localTime(r->createdAtMs > 0 ? r->createdAtMs : m_clock.nowMs()), shortText(r->text)));
            return;
        }
        // The cache may know a colleague's reply the read-back did not list (synced from elsewhere).
        QSqlQuery cached(m_database.connection());
        if (sql::prepare(cached, QStringLiteral("SELECT created_at, text FROM posts WHERE thread_id = ? AND direction = "
                                                "'outbound' AND created_at >= ? ORDER BY created_at LIMIT 1"))) {
            cached.addBindValue(entry.threadId);
            cached.addBindValue(entry.decidedAtMs);
            if (sql::exec(cached) && cached.next()) {
                hold(laneKey, entry, QCoreApplication::translate("Outbox", "Decided offline, and meanwhile a colleague "
                                                                           "answered on %1 (%2): \"%3\". Confirm to send "
                                                                           "yours too or cancel it.")
                                         .arg(channel, localTime(cached.value(0).toLongLong()), shortText(cached.value(1).toString())));
                return;
            }
        }
    }
    if (afterDuplicate) {
        fail(laneKey, entry, QCoreApplication::translate("Outbox", "%1 refused the reply as a duplicate of an earlier post, "
                                                                   "and it is not on the thread. Edit the text, then retry.").arg(channel));
        return;
    }
    send(laneKey, entry, reply, publisher);
}

void OutboxDispatcher::send(const QString &laneKey, const OutboxEntry &entry, const OutboundReply &reply,
                            ChannelPublisher *publisher)
{
    // Committed before the request leaves: a crash from here on leaves `sending`, read back later.
    if (Status s = m_store.markSending(entry.id); !s) {
        m_summary.errors << s.error();
        finishEntry(laneKey);
        return;
    }
    emit entryChanged(entry.id);
    OutboxEntry sent = entry;
    sent.state = OutboxState::Sending;
    ++sent.attempts;
    QPointer<ChannelPublisher> guard(publisher);
    publisher->publish(reply, [this, laneKey, sent, reply, guard](const PublishResult &result) {
        if (!guard)
            return;
        reportNetwork(result.outcome);
        if (result.outcome.kind == OutcomeKind::Success) {
            delivered(laneKey, sent, &reply, result.remoteId);
            return;
        }
        if (result.outcome.kind == OutcomeKind::Duplicate) {
            // The platform may already hold our reply (an earlier attempt, or Qt's own resend).
            OutboxEntry unknown = sent;
            unknown.state = OutboxState::Unknown;
            if (m_store.reschedule(sent.id, OutboxState::Unknown, 0, result.outcome.message))
                emit entryChanged(sent.id);
            guard->readBack(reply, [this, laneKey, unknown, reply, guard](const ReadBackResult &rb) {
                if (guard)
                    onReadBack(laneKey, unknown, reply, guard, rb, true);
            });
            return;
        }
        if (applyFailure(laneKey, sent, result.outcome, true, QString()))
            finishEntry(laneKey);
    });
}

bool OutboxDispatcher::applyFailure(const QString &laneKey, const OutboxEntry &entry, const HttpOutcome &outcome,
                                    bool requestMayHaveArrived, const QString &context)
{
    const qint64 now = m_clock.nowMs();
    const QString message = context.isEmpty() ? outcome.message : context + QStringLiteral(": ") + outcome.message;
    // After a send: 429 and 401 are definite refusals (nothing created); anything else might not be.
    // After a read-back: the entry keeps the state it had.
    const OutboxState previous = entry.state == OutboxState::Sending ? OutboxState::Pending : entry.state;
    auto lane = m_lanes.value(laneKey);
    switch (outcome.kind) {
    case OutcomeKind::AuthExpired: {
        if (!lane || lane->account.id.isEmpty()) { // customer care's endpoint, not a channel account
            fail(laneKey, entry, message);
            return false;
        }
        const QString reason = QCoreApplication::translate("Outbox", "Waiting: sign in again to the %1 account %2 (%3).")
                                   .arg(label(lane->account.channel), lane->account.accountId, message);
        if (Status s = AccountStore(m_database).setNeedsSignIn(lane->account.id, true); !s)
            m_summary.errors << s.error();
        if (m_store.reschedule(entry.id, previous, 0, reason))
            emit entryChanged(entry.id);
        emit authNeeded(lane->account.tokenKey(), reason);
        stopLane(laneKey);
        return false;
    }
    case OutcomeKind::RateLimited: {
        ++m_rateLimitHits;
        const qint64 wait = outcome.retryAfterMs >= 0
            ? outcome.retryAfterMs
            : m_retry.delayMs(m_rateLimitHits, m_random(), m_retry.rateLimitBaseMs);
        m_accountPausedUntil.insert(laneKey, now + wait);
        if (m_store.reschedule(entry.id, previous, now + wait, message))
            emit entryChanged(entry.id);
        stopLane(laneKey); // the whole account waits for the reset
        return false;
    }
    case OutcomeKind::Retryable:
    case OutcomeKind::UnknownDelivery:
    case OutcomeKind::Duplicate: {
        const OutboxState next = requestMayHaveArrived ? OutboxState::Unknown : previous;
        if (m_store.reschedule(entry.id, next, now + backoffMs(entry.attempts), message))
            emit entryChanged(entry.id);
        if (outcome.httpStatus == 0) {
            stopLane(laneKey); // no network: the others would fail the same way
            return false;
        }
        return true;
    }
    case OutcomeKind::Success:
    case OutcomeKind::Failed:
        break;
    }
    fail(laneKey, entry, message);
    return false;
}

void OutboxDispatcher::delivered(const QString &laneKey, const OutboxEntry &entry, const OutboundReply *reply,
                                 const QString &remoteId)
{
    const qint64 now = m_clock.nowMs();
    Ingestor ingest(m_database);
    Status s = ingest.begin();
    if (s && reply) {
        // The reply goes into the cache as the company's post, so the thread shows it and the
        // next sync recognises it instead of adding it again.
        const Account account = m_lanes.value(laneKey) ? m_lanes.value(laneKey)->account : Account{};
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
        if (sql::prepare(author, QStringLiteral("SELECT handle, display_name, follower_count FROM authors WHERE channel = ? "
                                                "AND external_id = ?"))) {
            author.addBindValue(toId(entry.channel));
            author.addBindValue(account.accountId);
            if (sql::exec(author) && author.next()) {
                post.author.handle = author.value(0).toString();
                post.author.displayName = author.value(1).toString();
                post.author.followerCount = author.value(2).toLongLong();
            }
        }
        if (post.author.handle.isNull())
            post.author.handle = QLatin1String("");
        if (post.author.displayName.isNull())
            post.author.displayName = QLatin1String("");
        s = ingest.add(post);
    }
    if (s)
        s = m_store.markDelivered(entry.id, remoteId, now);
    if (s)
        s = ingest.commit();
    if (!s) {
        // Delivered on the platform but not recorded: unknown, so the next pass reads it back.
        ingest.rollback();
        const QString reason = QCoreApplication::translate("Outbox", "Delivered, but the cache could not record it: %1").arg(s.error());
        if (m_store.reschedule(entry.id, OutboxState::Unknown, now + backoffMs(entry.attempts), reason))
            emit entryChanged(entry.id);
        m_summary.errors << reason;
        finishEntry(laneKey);
        return;
    }
    ++m_summary.delivered;
    emit entryChanged(entry.id);
    finishEntry(laneKey);
}

void OutboxDispatcher::fail(const QString &laneKey, const OutboxEntry &entry, const QString &reason)
{
    if (Status s = m_store.markFailed(entry.id, reason); !s)
        m_summary.errors << s.error();
    ++m_summary.failed;
    m_summary.errors << reason;
    emit entryChanged(entry.id);
    if (!laneKey.isEmpty())
        finishEntry(laneKey);
}

void OutboxDispatcher::hold(const QString &laneKey, const OutboxEntry &entry, const QString &reason)
{
    if (Status s = m_store.markHeld(entry.id, reason); !s)
        m_summary.errors << s.error();
    ++m_summary.held;
    emit entryChanged(entry.id);
    if (!laneKey.isEmpty())
        finishEntry(laneKey);
}

void OutboxDispatcher::deliverHandoff(const QString &laneKey, const OutboxEntry &entry)
{
    auto settings = readHandoffSettings(m_database);
    if (!settings) {
        fail(laneKey, entry, settings.error());
        return;
    }
    if (!settings->configured()) {
        fail(laneKey, entry, QCoreApplication::translate("Outbox", "No customer-care hand-off is configured: set an "
                                                                   "endpoint or a folder in the settings, then retry."));
        return;
    }
    auto packet = buildHandoffPacket(m_database, entry, m_clock.nowMs());
    if (!packet) {
        fail(laneKey, entry, packet.error());
        return;
    }
    const QByteArray json = QJsonDocument(*packet).toJson(QJsonDocument::Indented);
    if (Status s = m_store.markSending(entry.id); !s) {
        m_summary.errors << s.error();
        finishEntry(laneKey);
        return;
    }
    emit entryChanged(entry.id);
    OutboxEntry sent = entry;
    sent.state = OutboxState::Sending;
    ++sent.attempts;

    if (settings->endpoint.isEmpty()) {
        auto written = writeHandoffFile(settings->folder, entry.caseReference, entry.idempotencyKey, json);
        if (!written)
            fail(laneKey, sent, written.error());
        else
            delivered(laneKey, sent, nullptr, written->path);
        return;
    }
    auto url = validateBaseUrl(settings->endpoint);
    if (!url) {
        fail(laneKey, sent, QCoreApplication::translate("Outbox", "Hand-off endpoint: %1").arg(url.error()));
        return;
    }
    RetryPolicy once;
    once.maxAttempts = 1; // the dispatcher owns the backoff between attempts
    m_handoff->setRetryPolicy(once);
    m_handoff->setTimeoutMs(m_timeoutMs);
    m_handoff->post(*url, entry.idempotencyKey, json, [this, laneKey, sent](const HttpOutcome &outcome) {
        reportNetwork(outcome);
        if (outcome.kind == OutcomeKind::Success) {
            delivered(laneKey, sent, nullptr, QString());
            return;
        }
        // The Idempotency-Key makes a repeat harmless: nothing here needs a read-back.
        if (applyFailure(laneKey, sent, outcome, false,
                         QCoreApplication::translate("Outbox", "Customer care's endpoint")))
            finishEntry(laneKey);
    });
}

} // namespace sportello::sync
