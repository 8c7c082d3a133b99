#include "privacy/AccessLog.h"

#include "privacy/Erasure.h"
#include "privacy/PrivacyLog.h"
#include "storage/Sql.h"
#include "team/TeamDatabase.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QUuid>
#include <QVariantList>

namespace sportello::privacy {

QString toId(AccessKind kind)
{
    switch (kind) {
    case AccessKind::CustomerCard: return QStringLiteral("customer_card");
    case AccessKind::ReportExport: return QStringLiteral("report_export");
    case AccessKind::PersonExport: return QStringLiteral("person_export");
    }
    return QStringLiteral("customer_card");
}

QString accessKindText(const QString &id)
{
    if (id == toId(AccessKind::CustomerCard))
        return QCoreApplication::translate("Privacy", "Customer card opened");
    if (id == toId(AccessKind::ReportExport))
        return QCoreApplication::translate("Privacy", "Report exported");
    if (id == toId(AccessKind::PersonExport))
        return QCoreApplication::translate("Privacy", "Person's data exported");
    return id;
}

Status recordAccess(const QSqlDatabase &db, qint64 atMs, const Agent &agent, AccessKind kind, const QString &subject)
{
    // A record that names no one records nothing: the caller forgot who works here.
    if (agent.id.isEmpty() && agent.name.isEmpty())
        return Error{QCoreApplication::translate("Privacy", "An access to personal data must name who made it."),
                     ErrorKind::InvalidInput};
    QSqlQuery insert(db);
    if (Status s = sql::prepare(insert, QStringLiteral("INSERT INTO access_log(id, at, agent_id, agent_name, kind, "
                                                       "subject) VALUES(?, ?, ?, ?, ?, ?)"));
        !s)
        return s;
    insert.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    insert.addBindValue(atMs);
    // A desktop whose agent has no name yet signs with its id alone (never NULL).
    insert.addBindValue(agent.id.isNull() ? QStringLiteral("") : agent.id);
    insert.addBindValue(agent.name.isNull() ? QStringLiteral("") : agent.name);
    insert.addBindValue(toId(kind));
    insert.addBindValue(subject);
    Status written = sql::exec(insert);
    if (!written)
        qCWarning(lcPrivacy) << "access record not written:" << toId(kind) << errorKindName(written.errorKind());
    return written;
}

Result<QString> personSubject(const QSqlDatabase &db, qint64 authorId)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT a.channel, a.external_id, c.uuid FROM authors a "
                                                      "LEFT JOIN customer_identities i ON i.author_id = a.id "
                                                      "LEFT JOIN customers c ON c.id = i.customer_id WHERE a.id = ?"));
        !s)
        return s.failure();
    query.addBindValue(authorId);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next())
        return Error{QCoreApplication::translate("Privacy", "No author %1 in this cache.").arg(authorId),
                     ErrorKind::NotFound};
    if (!query.value(2).isNull())
        return QStringLiteral("customer:") + query.value(2).toString();
    return QStringLiteral("author:") + authorKey(query.value(0).toString(), query.value(1).toString());
}

namespace {

// The WHERE clause of a filter, its values appended to `values`.
QString whereOf(AccessLogSource source, const AccessLogFilter &filter, QVariantList &values)
{
    QStringList terms{QStringLiteral("1 = 1")};
    if (filter.sinceMs) {
        terms << QStringLiteral("at >= ?");
        values << *filter.sinceMs;
    }
    if (filter.untilMs) {
        terms << QStringLiteral("at < ?");
        values << *filter.untilMs;
    }
    if (!filter.agent.isEmpty()) {
        // The team knows agents by their login (the database's, not what the desktop said);
        // alone, an agent is whatever id or name the console or the command line gave.
        if (source == AccessLogSource::Team) {
            terms << QStringLiteral("agent_login = ?");
            values << filter.agent;
        } else {
            terms << QStringLiteral("(agent_id = ? OR agent_name = ?)");
            values << filter.agent << filter.agent;
        }
    }
    return terms.join(QStringLiteral(" AND "));
}

Status prepared(AccessLogSource source, QSqlQuery &query, const QString &statement)
{
    return source == AccessLogSource::Team ? team::teamPrepare(query, statement) : sql::prepare(query, statement);
}

Status executed(AccessLogSource source, QSqlQuery &query)
{
    return source == AccessLogSource::Team ? team::teamExec(query) : sql::exec(query);
}

QString tableOf(AccessLogSource source)
{
    return source == AccessLogSource::Team ? QStringLiteral("sportello.access_log") : QStringLiteral("access_log");
}

} // namespace

Result<QVector<AccessRecord>> readAccessLog(const QSqlDatabase &db, AccessLogSource source,
                                            const AccessLogFilter &filter, qint64 offset, qint64 limit)
{
    QVariantList values;
    const QString where = whereOf(source, filter, values);
    // Newest first; records of one millisecond in the order they were written (the cache's rowid)
    // or, in the team database, by id (the order there is the order they were pushed, unknown).
    const QString statement =
        QStringLiteral("SELECT id, at, agent_id, agent_name, %1, kind, subject FROM %2 WHERE %3 ORDER BY at DESC, %4 "
                       "LIMIT ? OFFSET ?")
            .arg(source == AccessLogSource::Team ? QStringLiteral("agent_login") : QStringLiteral("''"),
                 tableOf(source), where,
                 source == AccessLogSource::Team ? QStringLiteral("id") : QStringLiteral("rowid DESC"));
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status s = prepared(source, query, statement); !s)
        return s.failure();
    for (const QVariant &v : values)
        query.addBindValue(v);
    query.addBindValue(limit);
    query.addBindValue(offset);
    if (Status s = executed(source, query); !s)
        return s.failure();
    QVector<AccessRecord> records;
    while (query.next()) {
        AccessRecord r;
        r.id = query.value(0).toString();
        r.atMs = query.value(1).toLongLong();
        r.agentId = query.value(2).toString();
        r.agentName = query.value(3).toString();
        r.agentLogin = query.value(4).toString();
        r.kind = query.value(5).toString();
        r.subject = query.value(6).toString();
        records.push_back(std::move(r));
    }
    return records;
}

Result<qint64> countAccessLog(const QSqlDatabase &db, AccessLogSource source, const AccessLogFilter &filter)
{
    QVariantList values;
    const QString where = whereOf(source, filter, values);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status s =
            prepared(source, query, QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(tableOf(source), where));
        !s)
        return s.failure();
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (Status s = executed(source, query); !s)
        return s.failure();
    if (!query.next())
        return Error{QCoreApplication::translate("Privacy", "The access records could not be counted.")};
    return query.value(0).toLongLong();
}

} // namespace sportello::privacy
