#include "team/TeamModeration.h"

#include "common/LocaleText.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "team/TeamDatabase.h"
#include "team/TeamLog.h"
#include "team/TeamReplicaInternal.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

#include <utility>

namespace sportello::team {

namespace {

const QString kColumns = QStringLiteral(
    "SELECT id, channel, comment_id, thread_external_id, action, reason, note, agent_name, requested_by, "
    "requested_at, state, explanation, hub_id, settled_at, team_state FROM moderation_requests ");

TeamModerationRequest requestFrom(const QSqlQuery &q)
{
    TeamModerationRequest r;
    r.id = q.value(0).toString();
    r.channel = channelFromId(q.value(1).toString()).value_or(Channel::Facebook);
    r.commentId = q.value(2).toString();
    r.threadExternalId = q.value(3).toString();
    r.action = q.value(4).toString() == QLatin1String("unhide") ? outbox::ModerationAction::Unhide
                                                                : outbox::ModerationAction::Hide;
    r.reason = q.value(5).toString();
    r.note = q.value(6).toString();
    r.agentName = q.value(7).toString();
    r.requestedBy = q.value(8).toString();
    r.requestedAtMs = q.value(9).toLongLong();
    r.state = q.value(10).toString();
    r.explanation = q.value(11).toString();
    r.hubId = q.value(12).toString();
    r.settledAtMs = q.value(13).toLongLong();
    r.teamState = q.value(14).toString();
    return r;
}

Result<QVector<TeamModerationRequest>> select(Database &cache, const QString &where, const QVariantList &values)
{
    QSqlQuery q(cache.connection());
    if (Status s = sql::prepare(q, kColumns + where); !s)
        return s.failure();
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<TeamModerationRequest> found;
    while (q.next())
        found.append(requestFrom(q));
    return found;
}

Result<std::optional<TeamModerationRequest>> first(Result<QVector<TeamModerationRequest>> rows)
{
    if (!rows)
        return rows.failure();
    if (rows->isEmpty())
        return std::optional<TeamModerationRequest>();
    return std::optional<TeamModerationRequest>(rows->first());
}

QString when(qint64 ms)
{
    // Part of a sentence written for people, in their language's date order.
    return dateTimeText(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime());
}

} // namespace

Result<QString> requestModerationThroughHub(Database &cache, const outbox::ModerationRequest &request, qint64 nowMs)
{
    // The same checks as before a request alone: what needs no platform is refused here, and
    // nothing goes up.
    if (Status s = outbox::checkModerationRequest(request); !s)
        return s.failure();
    if (Status s = outbox::checkModeration(request.target, request.action); !s)
        return s.failure();
    const QSqlDatabase db = cache.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    // One open request per comment: the hub performs them in order, and a second one (the same,
    // or its opposite) before the first is settled would be decided on a state nobody knows yet.
    // A pending request that went up more than a lifetime ago is left to the team database,
    // which expires it by its own clock when the new one arrives (this desktop's clock only
    // decides whether to try).
    auto open = select(cache,
                       QStringLiteral("WHERE channel = ? AND comment_id = ? AND (state = 'in_progress' OR "
                                      "(state = 'pending' AND (team_state = 'to_push' OR requested_at >= ?))) "
                                      "ORDER BY requested_at DESC LIMIT 1"),
                       {toId(request.target.channel), request.target.commentId, nowMs - kModerationRequestLifetimeMs});
    if (!open)
        return open.failure();
    if (!open->isEmpty()) {
        const TeamModerationRequest &waiting = open->first();
        return Error{(waiting.action == outbox::ModerationAction::Hide
                          ? QCoreApplication::translate("Team", "%1 already asked the hub to hide this comment (%2); "
                                                                "wait for its answer.")
                          : QCoreApplication::translate("Team", "%1 already asked the hub to show this comment "
                                                                "again (%2); wait for its answer."))
                         .arg(waiting.agentName, when(waiting.requestedAtMs)),
                     ErrorKind::Conflict};
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery insert(db);
    if (Status s = sql::prepare(insert, QStringLiteral("INSERT INTO moderation_requests(id, channel, comment_id, "
                                                       "thread_external_id, action, reason, note, agent_id, "
                                                       "agent_name, requested_at, state, team_state) "
                                                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 'to_push')"));
        !s)
        return s.failure();
    insert.addBindValue(id);
    insert.addBindValue(toId(request.target.channel));
    insert.addBindValue(request.target.commentId);
    insert.addBindValue(request.target.threadExternalId);
    insert.addBindValue(outbox::toId(request.action));
    insert.addBindValue(outbox::toId(request.reason));
    insert.addBindValue(sql::nullableText(request.note.trimmed()));
    insert.addBindValue(request.agent.id);
    insert.addBindValue(request.agent.name);
    insert.addBindValue(nowMs);
    if (Status s = sql::exec(insert); !s)
        return s.failure();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    qCInfo(lcTeam) << "moderation request" << id << outbox::toId(request.action) << "of post" << request.target.postId
                   << "recorded for the hub";
    return id;
}

Result<std::optional<TeamModerationRequest>> latestModerationRequest(Database &cache, Channel channel,
                                                                     const QString &commentId)
{
    return first(select(cache, QStringLiteral("WHERE channel = ? AND comment_id = ? ORDER BY requested_at DESC, "
                                              "rowid DESC LIMIT 1"),
                        {toId(channel), commentId}));
}

Result<std::optional<TeamModerationRequest>> findModerationRequest(Database &cache, const QString &id)
{
    return first(select(cache, QStringLiteral("WHERE id = ?"), {id}));
}

Result<QVector<TeamModerationRequest>> listModerationRequests(Database &cache, bool mineOnly, int limit)
{
    return select(cache,
                  QStringLiteral("WHERE (? = 0 OR team_state <> 'from_team') ORDER BY requested_at DESC, rowid DESC "
                                 "LIMIT ?"),
                  {mineOnly ? 1 : 0, limit});
}

Result<QVector<TeamModerationRequest>> openModerationRequests(Database &cache, const QString &commentId,
                                                              std::optional<Channel> channel)
{
    return select(
        cache,
        QStringLiteral("WHERE comment_id = ? AND (coalesce(?, '') = '' OR channel = ?) AND state IN ('pending', "
                       "'in_progress') ORDER BY requested_at DESC, rowid DESC"),
        {commentId, channel ? toId(*channel) : QString(), channel ? toId(*channel) : QString()});
}

Result<bool> withdrawModerationRequest(Database &cache, const QString &id, const QString &agentName, qint64 nowMs)
{
    // Conditional on to_push: the push marks what it took up 'pushed' in its own transaction, so
    // either it went up (and is cancelled in the team) or it never will.
    QSqlQuery q(cache.connection());
    if (Status s =
            sql::prepare(q, QStringLiteral("UPDATE moderation_requests SET state = 'cancelled', explanation = ?, "
                                           "settled_at = ?, team_state = 'withdrawn' WHERE id = ? AND "
                                           "team_state = 'to_push' AND state = 'pending'"));
        !s)
        return s.failure();
    q.addBindValue(agentName);
    q.addBindValue(nowMs);
    q.addBindValue(id);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (q.numRowsAffected() != 1)
        return false;
    qCInfo(lcTeam) << "moderation request" << id << "withdrawn before it went up";
    return true;
}

Result<ModerationCancel> cancelModerationRequestInTeam(const QSqlDatabase &team, const QString &id)
{
    QSqlQuery q(team);
    if (Status s = teamPrepare(q, QStringLiteral("SELECT sportello.cancel_moderation_request(?)")); !s)
        return s.failure();
    q.addBindValue(id);
    if (Status s = teamExec(q); !s)
        return s.failure();
    if (!q.next())
        return Error{QCoreApplication::translate("Team", "The team database gave no answer to the cancellation."),
                     ErrorKind::Unspecified};
    const QString outcome = q.value(0).toString();
    if (outcome == QLatin1String("cancelled")) {
        qCInfo(lcTeam) << "moderation request" << id << "cancelled in the team database";
        return ModerationCancel::Cancelled;
    }
    if (outcome == QLatin1String("in_progress"))
        return Error{QCoreApplication::translate("Team", "The hub is already performing this request on the platform: "
                                                         "it can no longer be cancelled. Wait for its outcome, then "
                                                         "ask the opposite if needed."),
                     ErrorKind::Conflict};
    if (outcome == QLatin1String("not_yours"))
        return Error{QCoreApplication::translate("Team",
                                                 "Only the agent who asked, a supervisor or an admin may cancel "
                                                 "this request."),
                     ErrorKind::RefusedByPolicy};
    if (outcome == QLatin1String("not_found"))
        return Error{QCoreApplication::translate("Team", "The team database holds no such moderation request."),
                     ErrorKind::NotFound};
    if (outcome == QLatin1String("settled"))
        return ModerationCancel::AlreadySettled;
    return Error{QCoreApplication::translate("Team", "The team database answered the cancellation with \"%1\", "
                                                     "which this version does not know.")
                     .arg(outcome),
                 ErrorKind::Unspecified};
}

QString describeModerationState(const TeamModerationRequest &request)
{
    const bool hide = request.action == outbox::ModerationAction::Hide;
    if (request.teamState == QLatin1String("refused"))
        return QCoreApplication::translate("Team", "refused by the team database: %1").arg(request.explanation);
    if (request.state == QLatin1String("pending"))
        return request.teamState == QLatin1String("to_push")
                   ? QCoreApplication::translate("Team", "waiting to go up to the team")
                   : QCoreApplication::translate("Team", "waiting for the hub");
    if (request.state == QLatin1String("in_progress"))
        return QCoreApplication::translate("Team", "the hub is asking %1").arg(label(request.channel));
    if (request.state == QLatin1String("done"))
        return hide ? QCoreApplication::translate("Team", "hidden on %1").arg(label(request.channel))
                    : QCoreApplication::translate("Team", "visible again on %1").arg(label(request.channel));
    if (request.state == QLatin1String("cancelled"))
        return QCoreApplication::translate("Team", "cancelled by %1").arg(request.explanation);
    if (request.state == QLatin1String("expired"))
        return QCoreApplication::translate("Team", "expired: no hub took it up within a day");
    return QCoreApplication::translate("Team", "failed: %1").arg(request.explanation);
}

namespace detail {

namespace {

std::function<void()> &pushHookForTest()
{
    static std::function<void()> hook;
    return hook;
}

// A request the team refuses for good (see pushNote in TeamPush.cpp for the same rule).
bool refusedForGood(const Status &status)
{
    return status.errorKind() == ErrorKind::RefusedByPolicy || status.errorKind() == ErrorKind::InvalidInput ||
           status.errorKind() == ErrorKind::NotFound || status.errorKind() == ErrorKind::Conflict;
}

Status insertRequest(QSqlQuery &insert, const QSqlRecord &r)
{
    if (Status s = teamPrepare(insert, QStringLiteral("INSERT INTO sportello.moderation_requests(id, channel, "
                                                      "comment_id, thread_external_id, action, reason, note, "
                                                      "agent_name, requested_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                                      "ON CONFLICT (id) DO NOTHING"));
        !s)
        return s;
    for (const char *column : {"id", "channel", "comment_id", "thread_external_id", "action", "reason"})
        insert.addBindValue(r.value(QLatin1String(column)).toString());
    const QVariant note = r.value(QStringLiteral("note"));
    insert.addBindValue(note.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(note.toString()));
    insert.addBindValue(r.value(QStringLiteral("agent_name")).toString());
    insert.addBindValue(r.value(QStringLiteral("requested_at")).toLongLong());
    return teamExec(insert);
}

} // namespace

void setModerationPushHookForTest(std::function<void()> hook) { pushHookForTest() = std::move(hook); }

Result<int> pushModerationRequests(const QSqlDatabase &cache, const QSqlDatabase &team)
{
    QVector<QSqlRecord> pending;
    {
        QSqlQuery q(cache);
        q.setForwardOnly(true);
        if (Status s = sql::prepare(q, QStringLiteral("SELECT id, channel, comment_id, thread_external_id, action, "
                                                      "reason, note, agent_name, requested_at FROM "
                                                      "moderation_requests WHERE team_state = 'to_push' "
                                                      "ORDER BY requested_at, rowid"));
            !s)
            return s.failure();
        if (Status s = sql::exec(q); !s)
            return s.failure();
        while (q.next())
            pending.append(q.record());
    }
    if (pending.isEmpty())
        return 0;
    if (pushHookForTest())
        pushHookForTest()();
    // Marked before the team's transaction and committed after it, holding the cache's write lock
    // across: a withdrawal cannot slip between the team's commit and the mark (then it would say
    // "cancelled" while the hub performs the request). A row withdrawn since the read is dropped.
    Transaction transaction(cache);
    if (!transaction.started())
        return transaction.startFailure();
    {
        QSqlQuery pushed(cache);
        if (Status s = sql::prepare(pushed, QStringLiteral("UPDATE moderation_requests SET team_state = 'pushed' "
                                                           "WHERE id = ? AND team_state = 'to_push'"));
            !s)
            return s.failure();
        QVector<QSqlRecord> marked;
        for (const QSqlRecord &r : std::as_const(pending)) {
            pushed.addBindValue(r.value(QStringLiteral("id")).toString());
            if (Status s = sql::exec(pushed); !s)
                return s.failure();
            if (pushed.numRowsAffected() == 1)
                marked.append(r);
            else
                qCInfo(lcTeam) << "moderation request" << r.value(QStringLiteral("id")).toString()
                               << "withdrawn while the push read it: it does not go up";
        }
        pending = std::move(marked);
    }
    if (pending.isEmpty()) {
        if (Status s = transaction.commit(); !s)
            return s.failure();
        return 0;
    }
    QVector<std::pair<QString, QString>> refused; // id, the team's words
    {
        TeamTransaction teamTransaction(team);
        if (!teamTransaction.started())
            return teamTransaction.startFailure();
        // The feed's lock before any row's (kLockOrder): the rows' triggers take it after theirs.
        if (Status s = teamExec(team, takeFeedLockStatement()); !s)
            return s.failure();
        for (const QSqlRecord &r : pending) {
            if (Status s = teamExec(team, QStringLiteral("SAVEPOINT sportello_moderation")); !s)
                return s.failure();
            QSqlQuery insert(team); // outlives the rollback to the savepoint, as in pushNote
            const Status inserted = insertRequest(insert, r);
            if (inserted) {
                if (Status s = teamExec(team, QStringLiteral("RELEASE SAVEPOINT sportello_moderation")); !s)
                    return s.failure();
                continue;
            }
            if (!refusedForGood(inserted))
                return inserted.failure();
            if (Status s = teamExec(team, QStringLiteral("ROLLBACK TO SAVEPOINT sportello_moderation")); !s)
                return s.failure();
            // A login without the right (outside staff): said in words; anything else in the team's.
            refused.append({r.value(QStringLiteral("id")).toString(),
                            inserted.errorKind() == ErrorKind::RefusedByPolicy
                                ? QCoreApplication::translate("Team", "this login may not ask the hub to hide or show "
                                                                      "comments (outside staff may not). (%1)")
                                      .arg(inserted.error())
                            : inserted.errorKind() == ErrorKind::Conflict
                                ? QCoreApplication::translate("Team", "a colleague asked the hub about this comment "
                                                                      "first; see the comment's state before asking "
                                                                      "again.")
                                : inserted.error()});
        }
        if (Status s = teamTransaction.commit(); !s)
            return s.failure();
    }
    QSqlQuery refuse(cache);
    // Settled now, so that the console announces it to whoever asked like any other outcome.
    if (Status s =
            sql::prepare(refuse, QStringLiteral("UPDATE moderation_requests SET team_state = 'refused', "
                                                "state = 'failed', explanation = ?, settled_at = ? WHERE id = ?"));
        !s)
        return s.failure();
    const qint64 settledAt = QDateTime::currentMSecsSinceEpoch();
    for (const auto &[id, why] : refused) {
        refuse.addBindValue(why);
        refuse.addBindValue(settledAt);
        refuse.addBindValue(id);
        if (Status s = sql::exec(refuse); !s)
            return s.failure();
        qCWarning(lcTeam) << "moderation request" << id << "refused by the team database:" << why;
    }
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return int(pending.size() - refused.size());
}

Result<bool> applyModerationChange(const QSqlDatabase &cache, const FeedChange &change)
{
    const QJsonObject &row = change.row;
    const QString id = row.value(QLatin1String("id")).toString();
    const QString channel = row.value(QLatin1String("channel")).toString();
    const QString commentId = row.value(QLatin1String("comment_id")).toString();
    const QString action = row.value(QLatin1String("action")).toString();
    const QString state = row.value(QLatin1String("state")).toString();
    const auto malformed = [&change](const QString &what) {
        return Error{QCoreApplication::translate("Team", "Change %1 of the team feed (%2) cannot be applied: %3. "
                                                         "Nothing of its page was applied; the next sync tries again.")
                         .arg(change.seq)
                         .arg(change.kind, what),
                     ErrorKind::Corrupt};
    };
    if (id.isEmpty() || channel.isEmpty() || commentId.isEmpty() || action.isEmpty() || state.isEmpty() ||
        !row.value(QLatin1String("requested_at")).isDouble())
        return malformed(QCoreApplication::translate("Team", "id, channel, comment, action, state or time missing"));
    if (change.op == QLatin1String("delete")) {
        QSqlQuery remove(cache);
        if (Status s = sql::prepare(remove, QStringLiteral("DELETE FROM moderation_requests WHERE id = ? AND "
                                                           "team_state = 'from_team'"));
            !s)
            return s.failure();
        remove.addBindValue(id);
        if (Status s = sql::exec(remove); !s)
            return s.failure();
        return true;
    }
    const auto text = [&row](const char *key) {
        const QJsonValue v = row.value(QLatin1String(key));
        return v.isString() ? QVariant(v.toString()) : QVariant(QMetaType(QMetaType::QString));
    };
    const auto number = [&row](const char *key) {
        const QJsonValue v = row.value(QLatin1String(key));
        return v.isDouble() ? QVariant(qint64(v.toDouble())) : QVariant(QMetaType(QMetaType::LongLong));
    };
    // A comment hidden or shown by the hub shows so here; the comment must be here to show it.
    qint64 postId = 0;
    if (state == QLatin1String("done")) {
        QSqlQuery post(cache);
        if (Status s = sql::prepare(post, QStringLiteral("SELECT id FROM posts WHERE channel = ? AND external_id = ?"));
            !s)
            return s.failure();
        post.addBindValue(channel);
        post.addBindValue(commentId);
        if (Status s = sql::exec(post); !s)
            return s.failure();
        if (!post.next())
            return false;
        postId = post.value(0).toLongLong();
    }
    QSqlQuery upsert(cache);
    if (Status s = sql::prepare(
            upsert,
            QStringLiteral("INSERT INTO moderation_requests(id, channel, comment_id, thread_external_id, action, "
                           "reason, note, agent_name, requested_by, requested_at, state, explanation, hub_id, "
                           "settled_at, team_state) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'from_team') "
                           "ON CONFLICT(id) DO UPDATE SET agent_name = excluded.agent_name, requested_by = "
                           "excluded.requested_by, state = excluded.state, explanation = excluded.explanation, "
                           "hub_id = excluded.hub_id, settled_at = excluded.settled_at, team_state = CASE "
                           "team_state WHEN 'to_push' THEN 'pushed' ELSE team_state END"));
        !s)
        return s.failure();
    upsert.addBindValue(id);
    upsert.addBindValue(channel);
    upsert.addBindValue(commentId);
    upsert.addBindValue(row.value(QLatin1String("thread_external_id")).toString());
    upsert.addBindValue(action);
    upsert.addBindValue(row.value(QLatin1String("reason")).toString());
    upsert.addBindValue(text("note"));
    upsert.addBindValue(row.value(QLatin1String("agent_name")).toString());
    upsert.addBindValue(text("requested_by"));
    upsert.addBindValue(number("requested_at"));
    upsert.addBindValue(state);
    upsert.addBindValue(text("explanation"));
    upsert.addBindValue(text("hub_id"));
    upsert.addBindValue(number("settled_at"));
    if (Status s = sql::exec(upsert); !s)
        return s.failure();
    if (postId == 0)
        return true;
    const bool hide = action == QLatin1String("hide");
    QSqlQuery moderation(cache);
    if (Status s = sql::prepare(moderation, QStringLiteral("INSERT INTO post_moderation(post_id, is_hidden, can_hide, "
                                                           "changed_at, changed_by) VALUES(?, ?, ?, ?, ?) "
                                                           "ON CONFLICT(post_id) DO UPDATE SET is_hidden = "
                                                           "excluded.is_hidden, can_hide = coalesce(excluded.can_hide, "
                                                           "can_hide), changed_at = excluded.changed_at, changed_by = "
                                                           "excluded.changed_by"));
        !s)
        return s.failure();
    moderation.addBindValue(postId);
    moderation.addBindValue(hide ? 1 : 0);
    moderation.addBindValue(hide ? QVariant(1) : QVariant(QMetaType(QMetaType::Int))); // as recordModeration
    moderation.addBindValue(number("settled_at"));
    moderation.addBindValue(row.value(QLatin1String("agent_name")).toString());
    if (Status s = sql::exec(moderation); !s)
        return s.failure();
    return true;
}

} // namespace detail

} // namespace sportello::team
