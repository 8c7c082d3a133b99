#include "team/HubModeration.h"

#include "accounts/Accounts.h"
#include "common/Clock.h"
#include "outbox/OutboxDispatcher.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamDatabase.h"
#include "team/TeamLeases.h"
#include "team/TeamLog.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSqlQuery>
#include <memory>

namespace sportello::team {

namespace {

// The server's clock in epoch milliseconds (claims are compared on it, as leases are).
constexpr const char *kServerNowMs = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

} // namespace

HubModeration::HubModeration(Database &cache, const QSqlDatabase &team, TeamLeases &leases,
                             QNetworkAccessManager *network, accounts::TokenStore &tokens, const Clock &clock,
                             qint64 leaseTtlMs, QObject *parent)
    : QObject(parent), m_cache(cache), m_team(team), m_leases(leases), m_clock(clock), m_leaseTtlMs(leaseTtlMs),
      m_moderator(cache, network, tokens, clock)
{}

HubModeration::~HubModeration() = default;

QString HubModeration::leaseNameFor(const outbox::ModerationTarget &target)
{
    auto accounts = accounts::AccountStore(m_cache).list();
    if (!accounts)
        return {};
    auto account = outbox::accountForThread(m_cache, target.channel, target.threadId, target.threadExternalId,
                                            *accounts);
    return account ? accountLeaseName(account->channel, account->accountId) : QString();
}

Status HubModeration::settleStale(const QSet<QString> &held)
{
    for (auto it = m_unsettled.begin(); it != m_unsettled.end();) {
        if (Status s = settle(it.key(), it->done, it->explanation); !s)
            return s;
        ++(it->done ? m_summary.done : m_summary.failed);
        it = m_unsettled.erase(it);
    }
    struct Claim {
        QString id, channel, commentId, hubId;
        qint64 claimedAt = 0;
    };
    QVector<Claim> claims;
    {
        QSqlQuery q(m_team);
        if (Status s = teamPrepare(q, QStringLiteral("SELECT id, channel, comment_id, hub_id, claimed_at FROM "
                                                     "sportello.moderation_requests WHERE state = 'in_progress' "
                                                     "AND (hub_id = ? OR claimed_at < %1 - ?)")
                                          .arg(QLatin1String(kServerNowMs)));
            !s)
            return s;
        // This hub's own claims at the start of a pass were left by it before a restart: a pass
        // runs one request at a time and settles each before the next.
        q.addBindValue(m_leases.owner());
        q.addBindValue(m_leaseTtlMs);
        if (Status s = teamExec(q); !s)
            return s;
        while (q.next())
            claims.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                           q.value(4).toLongLong()});
    }
    for (const Claim &claim : claims) {
        const auto channel = channelFromId(claim.channel);
        if (!channel)
            continue;
        auto targets = outbox::findModerationTargets(m_cache, claim.commentId, channel);
        if (!targets)
            return targets.failure();
        // Only the hub that serves the comment's account settles it.
        if (targets->size() != 1 || !held.contains(leaseNameFor(targets->first())))
            continue;
        QSqlQuery q(m_team);
        if (Status s = teamPrepare(q, QStringLiteral("UPDATE sportello.moderation_requests SET state = 'failed', "
                                                     "explanation = ?, settled_at = %1 WHERE id = ? AND "
                                                     "state = 'in_progress' AND hub_id = ? AND claimed_at = ?")
                                          .arg(QLatin1String(kServerNowMs)));
            !s)
            return s;
        q.addBindValue(QCoreApplication::translate(
                           "Hub", "The hub stopped while asking %1, so whether the comment changed is not known; "
                                  "Sportello did not ask again by itself. Look at the comment on %1 and ask again "
                                  "if needed.")
                           .arg(label(*channel)));
        q.addBindValue(claim.id);
        q.addBindValue(claim.hubId);
        q.addBindValue(claim.claimedAt);
        if (Status s = teamExec(q); !s)
            return s;
        if (q.numRowsAffected() == 1) {
            ++m_summary.unknown;
            qCInfo(lcTeam) << "hub: moderation request" << claim.id << "left in progress by" << claim.hubId
                           << "settled as unknown, not sent again";
        }
    }
    return {};
}

Result<bool> HubModeration::claim(const QString &id)
{
    // The feed's lock before the row's (kLockOrder): a cancellation of the same request
    // (sportello.cancel_moderation_request, team schema 7) takes them in that order, and the
    // row's feed trigger would take the feed's after the row's, a deadlock between the two.
    TeamTransaction transaction(m_team);
    if (!transaction.started())
        return transaction.startFailure();
    if (Status s = teamExec(m_team, takeFeedLockStatement()); !s)
        return s.failure();
    QSqlQuery claim(m_team);
    if (Status s = teamPrepare(claim, QStringLiteral("UPDATE sportello.moderation_requests SET state = "
                                                     "'in_progress', hub_id = ?, claimed_at = %1 WHERE id = ? "
                                                     "AND state = 'pending'")
                                          .arg(QLatin1String(kServerNowMs)));
        !s)
        return s.failure();
    claim.addBindValue(m_leases.owner());
    claim.addBindValue(id);
    if (Status s = teamExec(claim); !s)
        return s.failure();
    const bool moved = claim.numRowsAffected() == 1;
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return moved;
}

Status HubModeration::expireUnclaimed()
{
    // By the database's clock, in its own function (TeamSchemaV7.cpp), which takes the feed's lock.
    QSqlQuery q(m_team);
    if (Status s = teamPrepare(q, QStringLiteral("SELECT sportello.expire_moderation_requests()")); !s)
        return s;
    if (Status s = teamExec(q); !s)
        return s;
    if (q.next() && q.value(0).toInt() > 0) {
        m_summary.expired += q.value(0).toInt();
        qCInfo(lcTeam) << "hub:" << q.value(0).toInt() << "moderation requests unclaimed for a day expired";
    }
    return {};
}

void HubModeration::run(const QSet<QString> &heldAccounts, std::function<void(const ModerationRoundSummary &)> done)
{
    if (m_running)
        return done(ModerationRoundSummary{{}, {}, {}, {}, {QCoreApplication::translate(
                                                               "Hub", "Moderation requests are already being "
                                                                      "performed.")}});
    m_running = true;
    m_summary = ModerationRoundSummary{};
    m_held = heldAccounts;
    m_done = std::move(done);
    m_queue.clear();
    if (Status s = settleStale(heldAccounts); !s)
        m_summary.errors << s.error();
    if (Status s = expireUnclaimed(); !s)
        m_summary.errors << s.error();
    QSqlQuery q(m_team);
    if (Status s = teamPrepare(q, QStringLiteral("SELECT id, channel, comment_id, action, reason, coalesce(note, ''), "
                                                 "agent_name, requested_by FROM sportello.moderation_requests "
                                                 "WHERE state = 'pending' ORDER BY requested_at, id"));
        !s) {
        m_summary.errors << s.error();
        return finish();
    }
    if (Status s = teamExec(q); !s) {
        m_summary.errors << s.error();
        return finish();
    }
    while (q.next())
        m_queue.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                        q.value(4).toString(), q.value(5).toString(), q.value(6).toString(), q.value(7).toString()});
    next();
}

void HubModeration::next()
{
    while (!m_queue.isEmpty()) {
        if (m_stopping)
            return finish();
        const Open request = m_queue.takeFirst();
        const auto channel = channelFromId(request.channel);
        const auto reason = outbox::moderationReasonFromId(request.reason);
        auto targets = channel ? outbox::findModerationTargets(m_cache, request.commentId, channel)
                               : Result<QVector<outbox::ModerationTarget>>(QVector<outbox::ModerationTarget>());
        if (!targets) {
            m_summary.errors << targets.error();
            continue;
        }
        // Not here yet (the pull brings it), or not one of this hub's accounts: another hub's.
        if (!reason || targets->size() != 1) {
            ++m_summary.leftAlone;
            continue;
        }
        const QString lease = leaseNameFor(targets->first());
        if (lease.isEmpty() || !m_held.contains(lease)) {
            ++m_summary.leftAlone;
            continue;
        }
        // Renewed here so that it cannot run out while the request is on its way.
        auto held = m_leases.acquire(lease, m_leaseTtlMs);
        if (!held) {
            m_summary.errors << held.error();
            continue;
        }
        if (!*held) {
            m_held.remove(lease);
            ++m_summary.leftAlone;
            continue;
        }
        // The send gate: only the hub whose UPDATE moves it from pending asks the platform.
        auto claimed = claim(request.id);
        if (!claimed) {
            m_summary.errors << claimed.error();
            continue;
        }
        if (!*claimed) {
            ++m_summary.leftAlone;
            continue;
        }
        outbox::ModerationRequest moderation;
        moderation.target = targets->first();
        moderation.action = request.action == QLatin1String("unhide") ? outbox::ModerationAction::Unhide
                                                                      : outbox::ModerationAction::Hide;
        // Already as asked (this hub's sync or an earlier request saw it): what was asked holds,
        // said as the reason, and the platform is not asked.
        if (Status already = outbox::checkModeration(moderation.target, moderation.action);
            !already && already.errorKind() == ErrorKind::Conflict) {
            if (Status s = settle(request.id, true, already.error()); !s) {
                m_summary.errors << s.error();
                m_unsettled.insert(request.id, Outcome{true, already.error()});
            } else {
                ++m_summary.done;
            }
            continue;
        }
        moderation.reason = *reason;
        moderation.note = request.note;
        moderation.agent = Agent{QStringLiteral("team:") + request.requestedBy, request.agentName};
        const QString id = request.id;
        QPointer<HubModeration> self(this);
        // Whether Graph did it, whatever recording it in this cache then gives: a comment hidden
        // must never be reported as not hidden (the agent would ask again, and Graph be asked twice).
        auto accepted = std::make_shared<bool>(false);
        const QMetaObject::Connection heard = connect(&m_moderator, &outbox::CommentModerator::platformAccepted, this,
                                                      [accepted](qint64) { *accepted = true; });
        m_moderator.moderate(moderation, [self, id, accepted, heard](const Status &status) {
            QObject::disconnect(heard);
            if (!self)
                return;
            const bool done = status.ok() || *accepted;
            const QString explanation = status.ok() || *accepted ? QString() : status.error();
            if (*accepted && !status.ok())
                self->m_summary.errors << status.error();
            if (Status s = self->settle(id, done, explanation); !s) {
                self->m_summary.errors << s.error();
                self->m_unsettled.insert(id, Outcome{done, explanation});
            } else {
                ++(done ? self->m_summary.done : self->m_summary.failed);
            }
            // The next one after this call returns: a long queue never deepens the stack.
            QMetaObject::invokeMethod(self, &HubModeration::next, Qt::QueuedConnection);
        });
        return;
    }
    finish();
}

Status HubModeration::settle(const QString &id, bool done, const QString &explanation)
{
    QSqlQuery q(m_team);
    // A 'done' outcome is also what the comment now is on the platform: it goes into
    // sportello.comment_flags in the same statement, read at the outcome's settled_at (team
    // clock). Otherwise the team keeps the flags read before it, and a later change made directly
    // on the platform back to those flags is dropped as unchanged by the hub and by the trigger,
    // leaving every replica with the outcome forever. can_hide is left as read (NULL if never).
    if (Status s = teamPrepare(q, QStringLiteral("WITH settled AS (UPDATE sportello.moderation_requests SET state = "
                                                 "?, explanation = ?, settled_at = %1 WHERE id = ? AND state = "
                                                 "'in_progress' AND hub_id = ? RETURNING channel, comment_id, "
                                                 "action, state, settled_at) "
                                                 "INSERT INTO sportello.comment_flags(channel, external_id, "
                                                 "is_hidden, read_at) SELECT s.channel, s.comment_id, s.action = "
                                                 "'hide', s.settled_at FROM settled s WHERE s.state = 'done' AND "
                                                 "EXISTS (SELECT 1 FROM sportello.posts p WHERE p.channel = "
                                                 "s.channel AND p.external_id = s.comment_id) "
                                                 "ON CONFLICT (channel, external_id) DO UPDATE SET is_hidden = "
                                                 "excluded.is_hidden, read_at = excluded.read_at "
                                                 "RETURNING channel, external_id, is_hidden, can_hide, read_at")
                                      .arg(QLatin1String(kServerNowMs)));
        !s)
        return s;
    q.addBindValue(done ? QStringLiteral("done") : QStringLiteral("failed"));
    q.addBindValue(explanation.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(explanation));
    q.addBindValue(id);
    q.addBindValue(m_leases.owner());
    if (Status s = teamExec(q); !s)
        return s;
    // Recorded as sent, so that this hub's next read of other flags goes up (and the same ones not).
    while (q.next()) {
        QSqlQuery record(m_cache.connection());
        if (Status s = sql::prepare(record, QStringLiteral("INSERT INTO team_comment_flags(post_id, is_hidden, "
                                                           "can_hide, read_at) SELECT id, ?, ?, ? FROM posts WHERE "
                                                           "channel = ? AND external_id = ? ON CONFLICT(post_id) DO "
                                                           "UPDATE SET is_hidden = excluded.is_hidden, can_hide = "
                                                           "excluded.can_hide, read_at = excluded.read_at"));
            !s)
            return s;
        record.addBindValue(q.value(2).toBool() ? 1 : 0);
        record.addBindValue(q.value(3).isNull() ? QVariant(QMetaType(QMetaType::Int))
                                                : QVariant(q.value(3).toBool() ? 1 : 0));
        record.addBindValue(q.value(4).toLongLong());
        record.addBindValue(q.value(0).toString());
        record.addBindValue(q.value(1).toString());
        if (Status s = sql::exec(record); !s)
            return s;
    }
    qCInfo(lcTeam) << "hub: moderation request" << id << (done ? "done" : "failed:") << explanation;
    return {};
}

void HubModeration::finish()
{
    m_running = false;
    m_queue.clear();
    auto done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(m_summary);
}

} // namespace sportello::team
