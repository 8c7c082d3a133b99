#include "timers/TimerNotifications.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <algorithm>

namespace sportello {

Result<qint64> TimerNotifications::nextStateChangeAfter(qint64 nowMs) const
{
    // Each MIN is one seek in threads(status, due_soon_at) or threads(status, due_at).
    QSqlQuery query(m_database.connection());
    if (Status s = sql::prepare(query, QStringLiteral(
            "SELECT (SELECT min(due_soon_at) FROM threads WHERE status = 'waiting' AND due_soon_at > ?), "
            "(SELECT min(due_at) FROM threads WHERE status = 'waiting' AND due_at > ?)")); !s)
        return Error{s.error()};
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    if (Status s = sql::exec(query); !s)
        return Error{s.error()};
    qint64 next = -1;
    if (query.next()) {
        for (int i = 0; i < 2; ++i) {
            if (query.value(i).isNull())
                continue;
            const qint64 at = query.value(i).toLongLong();
            if (next < 0 || at < next)
                next = at;
        }
    }
    return next;
}

Result<QVector<TimerCrossing>> TimerNotifications::takeNewCrossings(qint64 nowMs, qint64 sinceMs)
{
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return Error{transaction.startError()};

    // Candidates: every waiting thread already due soon, or only those that crossed a line in
    // (since, now]. due_soon_at <= due_at, so a due time in that range implies due soon.
    const bool incremental = sinceMs != kFromTheStart;
    const QString candidates =
        incremental ? QStringLiteral("t.id IN (SELECT id FROM threads WHERE status = 'waiting' AND due_soon_at > :since "
                                     "AND due_soon_at <= :now UNION SELECT id FROM threads WHERE status = 'waiting' "
                                     "AND due_at > :since AND due_at <= :now)")
                    : QStringLiteral("t.status = 'waiting' AND t.due_soon_at <= :now");
    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (Status s = sql::prepare(read, QStringLiteral(
            "SELECT t.id, t.timer_post_id, t.channel, t.due_at, p.category, a.handle, a.display_name "
            "FROM threads t JOIN posts p ON p.id = t.timer_post_id LEFT JOIN authors a ON a.id = p.author_id "
            "WHERE %1 AND t.status = 'waiting' AND ("
            " (t.due_at <= :now AND NOT EXISTS (SELECT 1 FROM timer_notifications n "
            "   WHERE n.post_id = t.timer_post_id AND n.state = 'overdue')) OR "
            " (t.due_at > :now AND NOT EXISTS (SELECT 1 FROM timer_notifications n WHERE n.post_id = t.timer_post_id))) "
            "ORDER BY t.due_at, t.id").arg(candidates)); !s)
        return Error{s.error()};
    read.bindValue(QStringLiteral(":now"), nowMs);
    if (incremental)
        read.bindValue(QStringLiteral(":since"), sinceMs);
    if (Status s = sql::exec(read); !s)
        return Error{s.error()};
    QVector<TimerCrossing> crossings;
    while (read.next()) {
        TimerCrossing c;
        c.threadId = read.value(0).toLongLong();
        c.postId = read.value(1).toLongLong();
        c.channel = channelFromId(read.value(2).toString()).value_or(Channel::Facebook);
        c.dueAtMs = read.value(3).toLongLong();
        c.state = c.dueAtMs <= nowMs ? TimerState::Overdue : TimerState::DueSoon;
        if (!read.value(4).isNull())
            c.category = categoryFromId(read.value(4).toString());
        c.authorHandle = read.value(5).toString();
        c.authorName = read.value(6).toString();
        crossings.push_back(std::move(c));
    }
    read.finish();

    // One statement for the whole batch: a large cache opened for the first time can have a
    // backlog of a hundred thousand overdue threads to record.
    QByteArray rows = "[";
    for (const TimerCrossing &c : crossings) {
        if (rows.size() > 1)
            rows += ',';
        rows += '[' + QByteArray::number(c.postId) + ",\"" + toId(c.state).toLatin1() + "\"]";
    }
    rows += ']';
    QSqlQuery write(db);
    if (Status s = sql::prepare(write, QStringLiteral(
            "INSERT OR IGNORE INTO timer_notifications(post_id, state, notified_at) "
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), ? FROM json_each(?)")); !s)
        return Error{s.error()};
    write.addBindValue(nowMs);
    write.addBindValue(QString::fromLatin1(rows));
    if (Status s = sql::exec(write); !s)
        return Error{s.error()};
    write.finish();
    if (Status s = transaction.commit(); !s)
        return Error{s.error()};
    std::stable_partition(crossings.begin(), crossings.end(),
                          [](const TimerCrossing &c) { return c.state == TimerState::Overdue; });
    return crossings;
}

} // namespace sportello
