#include "team/TeamPrivacy.h"

#include "team/TeamDatabase.h"
#include "team/TeamLog.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace sportello::team {

namespace {

// PostgreSQL's text[] literal of plain tokens (keys are hex digits).
QString textArray(const QStringList &values)
{
    return QLatin1Char('{') + values.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace

Result<TeamErasureCounts> erasePersonInTeam(const QSqlDatabase &team, const QStringList &authorKeys,
                                            const QString &reason, const QString &request)
{
    if (reason.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Team", "Say why the person's data is erased (--reason)."),
                     ErrorKind::InvalidInput};
    if (authorKeys.isEmpty())
        return Error{QCoreApplication::translate("Team", "Name the person whose data is erased."),
                     ErrorKind::InvalidInput};
    QSqlQuery query(team);
    if (Status s = teamPrepare(query, QStringLiteral("SELECT erasure_id, erasure_seq, authors, posts, threads, "
                                                     "decisions, outbox, notes, customers "
                                                     "FROM sportello.erase_person(?::text[], ?, ?)"));
        !s)
        return s.failure();
    query.addBindValue(textArray(authorKeys));
    query.addBindValue(reason.trimmed());
    query.addBindValue(request.trimmed().isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(request.trimmed()));
    // One statement is one transaction: the function's changes, the feed's rewrite, the erasure's
    // record and its audit entry commit together or not at all.
    if (Status s = teamExec(query); !s) {
        if (s.errorKind() == ErrorKind::RefusedByPolicy)
            return Error{QCoreApplication::translate(
                             "Team", "Only the team's administrators (and its data protection officer) erase a "
                                     "person's data: %1")
                             .arg(s.error()),
                         ErrorKind::RefusedByPolicy};
        return s.failure();
    }
    if (!query.next())
        return Error{QCoreApplication::translate("Team", "The team database did not answer."), ErrorKind::Unspecified};
    TeamErasureCounts counts;
    counts.erasureId = query.value(0).toString();
    counts.seq = query.value(1).toLongLong();
    counts.authors = query.value(2).toLongLong();
    counts.posts = query.value(3).toLongLong();
    counts.threads = query.value(4).toLongLong();
    counts.decisions = query.value(5).toLongLong();
    counts.outbox = query.value(6).toLongLong();
    counts.notes = query.value(7).toLongLong();
    counts.customers = query.value(8).toLongLong();
    qCInfo(lcTeam) << "erasure" << counts.seq << "in the team database:" << counts.authors << "authors,"
                   << counts.posts << "posts," << counts.threads << "threads";
    return counts;
}

Result<TeamRetentionCounts> applyTeamRetention(const QSqlDatabase &team, bool dryRun, int batchThreads)
{
    const bool batched = !dryRun && batchThreads > 0;
    TeamRetentionCounts total;
    for (;;) {
        QSqlQuery query(team);
        if (Status s = teamPrepare(query, QStringLiteral("SELECT policy_set, threads, posts, authors, audit_entries "
                                                         "FROM sportello.apply_retention(?, ?)"));
            !s)
            return s.failure();
        query.addBindValue(dryRun);
        query.addBindValue(batched ? QVariant(batchThreads) : QVariant(QMetaType(QMetaType::Int)));
        // One statement, one transaction: a batch is applied whole or not at all.
        if (Status s = teamExec(query); !s)
            return s.failure();
        if (!query.next())
            return Error{QCoreApplication::translate("Team", "The team database did not answer."),
                         ErrorKind::Unspecified};
        total.policySet = query.value(0).toBool();
        const qint64 threads = query.value(1).toLongLong();
        total.threads += threads;
        total.posts += query.value(2).toLongLong();
        total.authors += query.value(3).toLongLong();
        total.auditEntries += query.value(4).toLongLong();
        if (!batched || threads < batchThreads)
            break;
    }
    // The access records: not in the feed, one statement.
    QSqlQuery access(team);
    if (Status s = teamPrepare(access, QStringLiteral("SELECT sportello.expire_access_records(?)")); !s)
        return s.failure();
    access.addBindValue(dryRun);
    if (Status s = teamExec(access); !s)
        return s.failure();
    total.accessRecords = access.next() ? access.value(0).toLongLong() : 0;
    if (!dryRun)
        qCInfo(lcTeam) << "team retention:" << total.threads << "threads," << total.posts << "posts,"
                       << total.authors << "authors anonymised," << total.auditEntries << "audit entries,"
                       << total.accessRecords << "access records deleted";
    return total;
}

} // namespace sportello::team
