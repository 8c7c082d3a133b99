#include "team/TeamAccounts.h"

#include "accounts/Accounts.h"
#include "team/TeamDatabase.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace sportello::team {

Status publishAccount(const QSqlDatabase &team, const accounts::Account &account)
{
    QSqlQuery q(team);
    if (Status s = teamPrepare(q, QStringLiteral(
                                      "INSERT INTO sportello.accounts(id, channel, account_id, base_url, created_at) "
                                      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url"));
        !s)
        return s;
    q.addBindValue(account.id);
    q.addBindValue(toId(account.channel));
    q.addBindValue(account.accountId);
    q.addBindValue(account.baseUrl);
    q.addBindValue(account.createdAtMs);
    if (Status s = teamExec(q); !s) {
        if (s.errorKind() == ErrorKind::Conflict)
            return s.failure().withMessage(
                QCoreApplication::translate("Team", "The team already serves the %1 account %2 (added by another "
                                                    "hub): remove it there first, or join this hub's cache to the "
                                                    "team and let the feed bring it.")
                    .arg(toId(account.channel), account.accountId));
        if (s.errorKind() == ErrorKind::RefusedByPolicy)
            return s.failure().withMessage(
                QCoreApplication::translate("Team", "%1. Accounts are added to the team from the hub's cache (a login "
                                                    "with the hub or admin role).")
                    .arg(s.error()));
        return s;
    }
    return {};
}

Status withdrawAccount(const QSqlDatabase &team, const accounts::Account &account)
{
    QSqlQuery q(team);
    if (Status s = teamPrepare(q, QStringLiteral("DELETE FROM sportello.accounts WHERE channel = ? AND account_id = ?"));
        !s)
        return s;
    q.addBindValue(toId(account.channel));
    q.addBindValue(account.accountId);
    return teamExec(q);
}

} // namespace sportello::team
