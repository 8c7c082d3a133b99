#pragma once
// Access to personal data (docs/privacy.md, "Access to personal data"): who opened which
// customer's card, who exported which report or which person's data. Kept in the cache's
// access_log (cache schema 29) and, in a team, pushed up to sportello.access_log (team schema 9),
// which only the data protection role reads. A record names its subject without copying it: a
// customer's UUID or an author's key (a hash), a report's description.

#include "common/Result.h"
#include "domain/Agent.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <optional>

namespace sportello::privacy {

enum class AccessKind { CustomerCard, ReportExport, PersonExport };
QString toId(AccessKind kind);
// What the kind is called in the window and the command line, translated.
QString accessKindText(const QString &id);

struct AccessRecord {
    QString id;
    qint64 atMs = 0;
    QString agentId;
    QString agentName;
    QString agentLogin; // the team database's login; empty for the cache's own records
    QString kind;       // toId(AccessKind)
    QString subject;
};

// Appends one record with a new UUID, in whatever transaction the caller has open. In a team the
// cache marks it for the push (a trigger), like an audit entry.
Status recordAccess(const QSqlDatabase &db, qint64 atMs, const Agent &agent, AccessKind kind, const QString &subject);

// Whom an author's card or data is about, as a record's subject: "customer:" and the customer's
// UUID when the author is linked to one, else "author:" and the author's key.
Result<QString> personSubject(const QSqlDatabase &db, qint64 authorId);

// Which records to read: [sinceMs, untilMs), and one agent (a login in the team database; alone,
// an agent's id or name).
struct AccessLogFilter {
    std::optional<qint64> sinceMs;
    std::optional<qint64> untilMs;
    QString agent;
};

// The cache's own table, or the team database's (a connection of the data protection role).
enum class AccessLogSource { Cache, Team };

// One page of records, newest first.
Result<QVector<AccessRecord>> readAccessLog(const QSqlDatabase &db, AccessLogSource source,
                                            const AccessLogFilter &filter, qint64 offset, qint64 limit);
Result<qint64> countAccessLog(const QSqlDatabase &db, AccessLogSource source, const AccessLogFilter &filter);

} // namespace sportello::privacy
