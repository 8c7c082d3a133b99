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
            sql::prepare(query, QStringLiteral("SELECT p.id, p.channel, p.external_id, p.category, p.created_at, "
                                               "p.target_ms, p.due_at, p.due_soon_at, "
                                               "p.business_clock FROM threads t JOIN posts p ON p.thread_id = t.id "
                                               "WHERE t.status = 'waiting' AND p.direction = 'inbound' AND "
                                               "p.answered_at IS NULL AND p.created_at <= ? "
                                               "ORDER BY p.due_at, p.id"));
        !s)
        return s;
    query.addBindValue(atMs);
    if (Status s = sql::exec(query); !s)
        return s;
    while (query.next()) {
        WaitingPost post;
        post.postId = query.value(0).toLongLong();
        post.channel = channelFromId(query.value(1).toString()).value_or(Channel::Facebook);
        post.externalId = query.value(2).toString();
        post.category = query.value(3).isNull() ? std::nullopt : categoryFromId(query.value(3).toString());
        post.arrivedAtMs = query.value(4).toLongLong();
        post.targetMs = query.value(5).toLongLong();
        post.dueAtMs = query.value(6).toLongLong();
        post.dueSoonAtMs = query.value(7).toLongLong();
        post.businessClock = query.value(8).toInt() != 0;
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
