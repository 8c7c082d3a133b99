#include "timers/Complaints.h"

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QSqlRecord>
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
            query,
            QStringLiteral("SELECT c.thread_id AS thread_id, t.channel AS channel, t.external_id AS external_id, "
                           "a.handle AS handle, a.display_name AS display_name, c.received_at AS received_at, "
                           "c.forwarded_at AS forwarded_at, c.deadline_at AS deadline_at, "
                           "d.agent_name AS agent_name FROM complaints c JOIN threads t ON t.id = c.thread_id "
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
    // Columns by name, looked up once for the whole list.
    const QSqlRecord record = query.record();
    const int threadId = record.indexOf(QLatin1String("thread_id")), channel = record.indexOf(QLatin1String("channel")),
              externalId = record.indexOf(QLatin1String("external_id")),
              handle = record.indexOf(QLatin1String("handle")), name = record.indexOf(QLatin1String("display_name")),
              receivedAt = record.indexOf(QLatin1String("received_at")),
              forwardedAt = record.indexOf(QLatin1String("forwarded_at")),
              deadlineAt = record.indexOf(QLatin1String("deadline_at")),
              forwardedBy = record.indexOf(QLatin1String("agent_name"));
    while (query.next()) {
        OpenComplaint c;
        c.threadId = query.value(threadId).toLongLong();
        c.channel = channelFromId(query.value(channel).toString()).value_or(Channel::Facebook);
        c.threadExternalId = query.value(externalId).toString();
        c.authorHandle = query.value(handle).toString();
        c.authorName = query.value(name).toString();
        c.receivedAtMs = query.value(receivedAt).toLongLong();
        c.forwardedAtMs = query.value(forwardedAt).toLongLong();
        c.deadlineAtMs = query.value(deadlineAt).toLongLong();
        c.forwardedBy = query.value(forwardedBy).toString();
        complaints.push_back(c);
    }
    return complaints;
}

Result<std::optional<ComplaintClock>> complaintClock(Database &database, qint64 threadId)
{
    sql::ReusedQuery reusedQuery(
        database.connection(), QStringLiteral("SELECT received_at, forwarded_at, deadline_at, resolved_at, resolved_by "
                                              "FROM complaints WHERE thread_id = ?"));
    if (!reusedQuery.prepared())
        return reusedQuery.prepared().failure();
    QSqlQuery &query = reusedQuery.query();
    query.addBindValue(threadId);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next())
        return std::optional<ComplaintClock>();
    ComplaintClock c;
    c.receivedAtMs = query.value(QStringLiteral("received_at")).toLongLong();
    c.forwardedAtMs = query.value(QStringLiteral("forwarded_at")).toLongLong();
    c.deadlineAtMs = query.value(QStringLiteral("deadline_at")).toLongLong();
    c.resolvedAtMs = query.value(QStringLiteral("resolved_at")).toLongLong();
    c.resolvedBy = query.value(QStringLiteral("resolved_by")).toString();
    return std::optional<ComplaintClock>(c);
}

Status openComplaint(const QSqlDatabase &db, qint64 threadId, const QString &decisionId, qint64 receivedAtMs,
                     qint64 forwardedAtMs, const QTimeZone &zone)
{
    QSqlQuery complaint(db);
    if (Status s = sql::prepare(
            complaint,
            QStringLiteral("INSERT INTO complaints(thread_id, decision_id, received_at, forwarded_at, deadline_at) "
                           "VALUES(?, ?, ?, ?, ?) ON CONFLICT(thread_id) DO UPDATE SET decision_id = "
                           "excluded.decision_id, received_at = excluded.received_at, forwarded_at = "
                           "excluded.forwarded_at, deadline_at = excluded.deadline_at, resolved_at = NULL, "
                           "resolved_by = NULL, resolution_note = NULL WHERE complaints.resolved_at IS NOT NULL"));
        !s)
        return s;
    complaint.addBindValue(threadId);
    complaint.addBindValue(decisionId);
    complaint.addBindValue(receivedAtMs);
    complaint.addBindValue(forwardedAtMs);
    complaint.addBindValue(complaintDeadline(receivedAtMs, zone));
    return sql::exec(complaint);
}

Result<bool> markComplaintResolved(const QSqlDatabase &db, qint64 threadId, qint64 atMs, const QString &resolvedBy,
                                   const QString &note)
{
    QSqlQuery update(db);
    if (Status s =
            sql::prepare(update, QStringLiteral("UPDATE complaints SET resolved_at = ?, resolved_by = ?, "
                                                "resolution_note = ? WHERE thread_id = ? AND resolved_at IS NULL"));
        !s)
        return s.failure();
    update.addBindValue(atMs);
    update.addBindValue(resolvedBy);
    update.addBindValue(note);
    update.addBindValue(threadId);
    if (Status s = sql::exec(update); !s)
        return s.failure();
    return update.numRowsAffected() > 0;
}

} // namespace sportello
