#include "audit/AuditLog.h"

#include "audit/AuditLogCategory.h"

#include "storage/Sql.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

namespace sportello {

Status appendAudit(const QSqlDatabase &db, const AuditEntry &entry)
{
    sql::ReusedQuery reusedAudit(db, QStringLiteral("INSERT INTO audit_log(id, at, agent_id, agent_name, action, "
                                                    "thread_id, decision_id, details) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!reusedAudit.prepared())
        return reusedAudit.prepared();
    QSqlQuery &audit = reusedAudit.query();
    audit.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    audit.addBindValue(entry.atMs);
    audit.addBindValue(entry.agent.id);
    audit.addBindValue(entry.agent.name);
    audit.addBindValue(entry.action);
    audit.addBindValue(entry.threadId > 0 ? QVariant(entry.threadId) : QVariant(QMetaType(QMetaType::LongLong)));
    audit.addBindValue(sql::nullableText(entry.decisionId));
    audit.addBindValue(QString::fromUtf8(QJsonDocument(entry.details).toJson(QJsonDocument::Compact)));
    Status written = sql::exec(audit);
    // The caller's transaction rolls back with it; the action and the kind say which write failed.
    if (!written)
        qCWarning(lcAudit) << "audit entry not written:" << entry.action << errorKindName(written.errorKind());
    return written;
}

} // namespace sportello
