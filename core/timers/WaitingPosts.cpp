#include "timers/WaitingPosts.h"

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QDateTime>
#include <QSqlQuery>

namespace sportello {

namespace {
QString isoUtc(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); }
} // namespace

Status forEachWaitingPost(Database &database, qint64 atMs, const std::function<void(const WaitingPost &)> &visit)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (Status s =
            sql::prepare(query, QStringLiteral("SELECT p.id AS id, p.channel AS channel, p.external_id AS external_id, "
                                               "p.category AS category, p.created_at AS created_at, "
                                               "p.target_ms AS target_ms, p.due_at AS due_at, "
                                               "p.due_soon_at AS due_soon_at, p.business_clock AS business_clock "
                                               "FROM threads t JOIN posts p ON p.thread_id = t.id "
                                               "WHERE t.status = 'waiting' AND p.direction = 'inbound' AND "
                                               "p.answered_at IS NULL AND p.created_at <= ? "
                                               "ORDER BY p.due_at, p.id"));
        !s)
        return s;
    query.addBindValue(atMs);
    if (Status s = sql::exec(query); !s)
        return s;
    const sql::Columns column(query);
    const int cId = column("id"), cChannel = column("channel"), cExternal = column("external_id"),
              cCategory = column("category"), cArrived = column("created_at"), cTarget = column("target_ms"),
              cDue = column("due_at"), cDueSoon = column("due_soon_at"), cBusinessClock = column("business_clock");
    while (query.next()) {
        WaitingPost post;
        post.postId = query.value(cId).toLongLong();
        post.channel = channelFromId(query.value(cChannel).toString()).value_or(Channel::Facebook);
        post.externalId = query.value(cExternal).toString();
        post.category =
            query.value(cCategory).isNull() ? std::nullopt : categoryFromId(query.value(cCategory).toString());
        post.arrivedAtMs = query.value(cArrived).toLongLong();
        post.targetMs = query.value(cTarget).toLongLong();
        post.dueAtMs = query.value(cDue).toLongLong();
        post.dueSoonAtMs = query.value(cDueSoon).toLongLong();
        post.businessClock = query.value(cBusinessClock).toInt() != 0;
        visit(post);
    }
    return {};
}

QJsonObject waitingPostJson(const WaitingPost &post, qint64 atMs, const ResponsePolicy &policy)
{
    const TimerState state = timerState(atMs, post.dueAtMs, post.dueSoonAtMs, post.businessClock, policy.calendar);
    return {{QStringLiteral("channel"), toId(post.channel)},
            {QStringLiteral("external_id"), post.externalId},
            {QStringLiteral("category"), post.category ? QJsonValue(toId(*post.category)) : QJsonValue()},
            {QStringLiteral("arrived_at"), isoUtc(post.arrivedAtMs)},
            {QStringLiteral("due_at"), isoUtc(post.dueAtMs)},
            {QStringLiteral("state"), toId(state)},
            {QStringLiteral("business_minutes_elapsed"),
             policy.calendar.businessTimeBetween(post.arrivedAtMs, atMs) / (60 * 1000)}};
}

} // namespace sportello
