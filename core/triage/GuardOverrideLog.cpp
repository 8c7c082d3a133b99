#include "triage/GuardOverrideLog.h"

#include "storage/Sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace sportello {

void readGuardOverrideDetails(const QString &details, GuardOverrideEntry &entry)
{
    const QJsonObject object = QJsonDocument::fromJson(details.toUtf8()).object();
    entry.decision = object.value(QStringLiteral("decision")).toString();
    entry.reason = object.value(QStringLiteral("reason")).toString();
    entry.kinds.clear();
    const QJsonArray kinds = object.value(QStringLiteral("kinds")).toArray();
    for (const QJsonValue &kind : kinds)
        entry.kinds << kind.toString();
}

Result<QVector<GuardOverrideEntry>> readGuardOverrides(const QSqlDatabase &db, qint64 sinceMs, int limit)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status s = sql::prepare(
            query, QStringLiteral("SELECT a.at, a.agent_id, a.agent_name, coalesce(t.channel, ''), "
                                  "coalesce(t.external_id, ''), coalesce(a.thread_id, 0), a.details "
                                  "FROM audit_log a LEFT JOIN threads t ON t.id = a.thread_id "
                                  "WHERE a.action = 'guard_overridden' AND a.at >= ? "
                                  "ORDER BY a.at DESC, a.rowid DESC LIMIT ?"));
        !s)
        return s.failure();
    query.addBindValue(sinceMs);
    query.addBindValue(limit);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QVector<GuardOverrideEntry> entries;
    while (query.next()) {
        GuardOverrideEntry entry;
        entry.atMs = query.value(0).toLongLong();
        entry.agentId = query.value(1).toString();
        entry.agentName = query.value(2).toString();
        entry.channel = query.value(3).toString();
        entry.thread = query.value(4).toString();
        entry.threadId = query.value(5).toLongLong();
        readGuardOverrideDetails(query.value(6).toString(), entry);
        entries.push_back(entry);
    }
    return entries;
}

} // namespace sportello
