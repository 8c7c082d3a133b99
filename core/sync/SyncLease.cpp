#include "sync/SyncLease.h"

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace sportello::sync {

QString syncLeaseKey(const QString &accountUuid) { return QStringLiteral("sync_lease:") + accountUuid; }

Result<bool> acquireSyncLease(Database &database, const QString &accountUuid, const QString &owner, qint64 nowMs,
                              qint64 ttlMs)
{
    const QJsonObject lease{{QStringLiteral("owner"), owner}, {QStringLiteral("expires_at"), nowMs + ttlMs}};
    QSqlQuery q(database.connection());
    // The update applies only to a lease of our own or an expired one (or an unreadable value).
    if (Status s = sql::prepare(
            q,
            QStringLiteral(
                "INSERT INTO app_state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value "
                "WHERE NOT json_valid(app_state.value) OR json_extract(app_state.value, '$.owner') = ? "
                "OR coalesce(json_extract(app_state.value, '$.expires_at'), 0) <= ?"));
        !s)
        return s.failure();
    q.addBindValue(syncLeaseKey(accountUuid));
    q.addBindValue(QString::fromUtf8(QJsonDocument(lease).toJson(QJsonDocument::Compact)));
    q.addBindValue(owner);
    q.addBindValue(nowMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.numRowsAffected() > 0;
}

Status releaseSyncLease(Database &database, const QString &accountUuid, const QString &owner)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("DELETE FROM app_state WHERE key = ? AND json_valid(value) "
                                                  "AND json_extract(value, '$.owner') = ?"));
        !s)
        return s;
    q.addBindValue(syncLeaseKey(accountUuid));
    q.addBindValue(owner);
    return sql::exec(q);
}

} // namespace sportello::sync
