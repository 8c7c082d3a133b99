// Access records go up (team schema 9): what this desktop's agent opened or exported, from the
// cache's access_log ('to_push', cache schema 29) to sportello.access_log, as the login the cache
// joined with. They never come down again: only the data protection role reads them, from the
// team database (privacy/AccessLog.h).

#include "team/TeamLog.h"
#include "team/TeamReplicaInternal.h"

#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "team/TeamDatabase.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QVariant>

namespace sportello::team {

Result<int> pushAccessRecords(const QSqlDatabase &cache, const QSqlDatabase &team)
{
    QVector<QSqlRecord> records;
    {
        QSqlQuery pending(cache);
        pending.setForwardOnly(true);
        if (Status s =
                sql::prepare(pending, QStringLiteral("SELECT id, at, agent_id, agent_name, kind, subject FROM "
                                                     "access_log WHERE team_state = 'to_push' ORDER BY at, rowid"));
            !s)
            return s.failure();
        if (Status s = sql::exec(pending); !s)
            return s.failure();
        while (pending.next())
            records.push_back(pending.record());
    }
    if (records.isEmpty())
        return 0;
    Status pushed;
    {
        TeamTransaction transaction(team);
        if (!transaction.started())
            return transaction.startFailure();
        QSqlQuery insert(team);
        // Through the function (team schema 9): the login may write records, never read them.
        pushed = teamPrepare(insert, QStringLiteral("SELECT sportello.record_access(?, ?, ?, ?, ?, ?)"));
        for (const QSqlRecord &r : records) {
            if (!pushed)
                break;
            insert.addBindValue(r.value(0).toString());
            insert.addBindValue(r.value(1).toLongLong());
            for (int column = 2; column <= 5; ++column)
                insert.addBindValue(r.value(column).toString());
            pushed = teamExec(insert);
        }
        if (pushed)
            pushed = transaction.commit();
    }
    // A login the team does not let write them (a hub's cache where someone opened a card) would
    // be refused at every push and hold nothing else back, but fill the log: they stay on this
    // desktop only (team_state NULL, as alone), readable there. Any other failure: next time.
    const bool refused = !pushed && pushed.errorKind() == ErrorKind::RefusedByPolicy;
    if (!pushed && !refused)
        return pushed.failure();
    Transaction transaction(cache);
    if (!transaction.started())
        return transaction.startFailure();
    QSqlQuery mark(cache);
    if (Status s = sql::prepare(mark, QStringLiteral("UPDATE access_log SET team_state = ? WHERE id = ? "
                                                     "AND team_state = 'to_push'"));
        !s)
        return s.failure();
    for (const QSqlRecord &r : records) {
        mark.addBindValue(refused ? QVariant(QMetaType(QMetaType::QString)) : QVariant(QStringLiteral("pushed")));
        mark.addBindValue(r.value(0).toString());
        if (Status s = sql::exec(mark); !s)
            return s.failure();
    }
    if (Status s = transaction.commit(); !s)
        return s.failure();
    if (refused) {
        qCWarning(lcTeam) << records.size()
                          << "access records refused by the team database, kept on this desktop:" << pushed.error();
        return 0;
    }
    qCInfo(lcTeam) << "pushed" << records.size() << "access records";
    return int(records.size());
}

} // namespace sportello::team
