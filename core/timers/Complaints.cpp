#include "timers/Complaints.h"

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QDateTime>
#include <QSqlQuery>
#include <cmath>

namespace sportello {

qint64 complaintDeadline(qint64 receivedMs, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(receivedMs, zone).addDays(kComplaintResponseDays).toMSecsSinceEpoch();
}

int complaintDaysLeft(qint64 nowMs, qint64 deadlineMs)
{
    constexpr double kDayMs = 24.0 * 3600 * 1000;
    return int(std::ceil(double(deadlineMs - nowMs) / kDayMs));
}

Result<QVector<OpenComplaint>> openComplaints(Database &database)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (Status s = sql::prepare(
            query, QStringLiteral("SELECT c.thread_id, t.channel, t.external_id, a.handle, a.display_name, "
                                  "c.received_at, c.forwarded_at, "
                                  "c.deadline_at, d.agent_name FROM complaints c JOIN threads t ON t.id = c.thread_id "
                                  "JOIN decisions d ON d.id = c.decision_id "
                                  "LEFT JOIN posts p ON p.id = (SELECT min(id) FROM posts WHERE thread_id = "
                                  "c.thread_id AND direction = 'inbound') "
                                  "LEFT JOIN authors a ON a.id = p.author_id "
                                  "WHERE c.resolved_at IS NULL ORDER BY c.deadline_at, c.thread_id"));
        !s)
        return s.failure();
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QVector<OpenComplaint> complaints;
    while (query.next()) {
        OpenComplaint c;
        c.threadId = query.value(0).toLongLong();
        c.channel = channelFromId(query.value(1).toString()).value_or(Channel::Facebook);
        c.threadExternalId = query.value(2).toString();
        c.authorHandle = query.value(3).toString();
        c.authorName = query.value(4).toString();
        c.receivedAtMs = query.value(5).toLongLong();
        c.forwardedAtMs = query.value(6).toLongLong();
        c.deadlineAtMs = query.value(7).toLongLong();
        c.forwardedBy = query.value(8).toString();
        complaints.push_back(c);
    }
    return complaints;
}

Result<std::optional<ComplaintClock>> complaintClock(Database &database, qint64 threadId)
{
    QSqlQuery query(database.connection());
    if (Status s = sql::prepare(
            query, QStringLiteral("SELECT received_at, forwarded_at, deadline_at, resolved_at, resolved_by "
                                  "FROM complaints WHERE thread_id = ?"));
        !s)
        return s.failure();
    query.addBindValue(threadId);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next())
        return std::optional<ComplaintClock>();
    ComplaintClock c;
    c.receivedAtMs = query.value(0).toLongLong();
    c.forwardedAtMs = query.value(1).toLongLong();
    c.deadlineAtMs = query.value(2).toLongLong();
    c.resolvedAtMs = query.value(3).toLongLong();
    c.resolvedBy = query.value(4).toString();
    return std::optional<ComplaintClock>(c);
}

} // namespace sportello
