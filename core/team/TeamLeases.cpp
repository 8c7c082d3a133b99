#include "team/TeamLeases.h"

#include "team/TeamDatabase.h"

#include <QSqlQuery>

namespace sportello::team {

namespace {

// The server's clock in epoch milliseconds, like every time in the team database.
constexpr const char *kServerNowMs = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

} // namespace

QString accountLeaseName(Channel channel, const QString &accountId)
{
    return QStringLiteral("account:%1:%2").arg(toId(channel), accountId);
}

Result<bool> TeamLeases::acquire(const QString &name, qint64 ttlMs)
{
    // One statement: the row is locked by the INSERT's conflict check, so two hubs asking at once
    // are served one after the other and the second sees the first's lease.
    QSqlQuery q(m_db);
    if (Status s = teamPrepare(q, QStringLiteral("INSERT INTO sportello.leases AS l(name, owner, until_at) "
                                                 "VALUES (?, ?, %1 + ?) "
                                                 "ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, "
                                                 "owner_login = session_user, until_at = excluded.until_at "
                                                 "WHERE l.owner = excluded.owner OR l.until_at < %1 "
                                                 "RETURNING owner")
                                      .arg(QLatin1String(kServerNowMs)));
        !s)
        return s.failure();
    q.addBindValue(name);
    q.addBindValue(m_owner);
    q.addBindValue(ttlMs);
    if (Status s = teamExec(q); !s)
        return s.failure();
    // No row returned: the WHERE refused, another hub holds a lease that has not expired.
    return q.next() && q.value(0).toString() == m_owner;
}

Status TeamLeases::release(const QString &name)
{
    QSqlQuery q(m_db);
    if (Status s = teamPrepare(q, QStringLiteral("DELETE FROM sportello.leases WHERE name = ? AND owner = ?")); !s)
        return s;
    q.addBindValue(name);
    q.addBindValue(m_owner);
    return teamExec(q);
}

Status TeamLeases::releaseAll()
{
    QSqlQuery q(m_db);
    if (Status s = teamPrepare(q, QStringLiteral("DELETE FROM sportello.leases WHERE owner = ?")); !s)
        return s;
    q.addBindValue(m_owner);
    return teamExec(q);
}

Result<QString> TeamLeases::holder(const QString &name) const
{
    QSqlQuery q(m_db);
    if (Status s = teamPrepare(q, QStringLiteral("SELECT owner FROM sportello.leases WHERE name = ? AND until_at >= %1")
                                      .arg(QLatin1String(kServerNowMs)));
        !s)
        return s.failure();
    q.addBindValue(name);
    if (Status s = teamExec(q); !s)
        return s.failure();
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace sportello::team
