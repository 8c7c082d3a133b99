#include "compose/Drafts.h"

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QSqlQuery>

namespace sportello {

Result<std::optional<Draft>> DraftStore::load(qint64 threadId) const
{
    sql::ReusedQuery reused(m_database.connection(),
                            QStringLiteral("SELECT text, decision, updated_at FROM drafts WHERE thread_id = ?"));
    if (!reused.prepared())
        return reused.prepared().failure();
    QSqlQuery &q = reused.query();
    q.addBindValue(threadId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return std::optional<Draft>();
    Draft d;
    d.text = q.value(QStringLiteral("text")).toString();
    const QVariant armed = q.value(QStringLiteral("decision"));
    d.armed = armed.isNull() ? std::nullopt : decisionKindFromId(armed.toString());
    d.updatedAtMs = q.value(QStringLiteral("updated_at")).toLongLong();
    return std::optional<Draft>(d);
}

Status DraftStore::save(qint64 threadId, const QString &text, std::optional<DecisionKind> armed, qint64 nowMs)
{
    if (text.trimmed().isEmpty() && !armed)
        return remove(threadId);
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(
            q, QStringLiteral("INSERT INTO drafts(thread_id, text, decision, updated_at) VALUES(?, ?, ?, ?) "
                              "ON CONFLICT(thread_id) DO UPDATE SET text = excluded.text, "
                              "decision = excluded.decision, updated_at = excluded.updated_at "
                              "WHERE drafts.text IS NOT excluded.text OR drafts.decision IS NOT excluded.decision"));
        !s)
        return s;
    q.addBindValue(threadId);
    q.addBindValue(text.isNull() ? QString(QLatin1String("")) : text);
    q.addBindValue(armed ? QVariant(toId(*armed)) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(nowMs);
    return sql::exec(q);
}

Status DraftStore::remove(qint64 threadId) { return removeIn(m_database.connection(), threadId); }

Status DraftStore::removeIn(const QSqlDatabase &db, qint64 threadId)
{
    sql::ReusedQuery reused(db, QStringLiteral("DELETE FROM drafts WHERE thread_id = ?"));
    if (!reused.prepared())
        return reused.prepared();
    QSqlQuery &q = reused.query();
    q.addBindValue(threadId);
    return sql::exec(q);
}

} // namespace sportello
