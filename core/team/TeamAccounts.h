#pragma once
// The channel accounts a team serves, in sportello.accounts: configured on the hub, where their
// tokens are (`sportello-cli account add ... --team` on the hub's joined cache), and shown to every
// desktop through the feed. No token ever goes to the team database.

#include "common/Result.h"

#include <QSqlDatabase>

namespace sportello::accounts {
struct Account;
}

namespace sportello::team {

// Adds (or updates, by id) the account in the team database; the same id as in the hub's cache,
// so that the feed's copy coming back is the same account. Needs a hub or admin login.
Status publishAccount(const QSqlDatabase &team, const accounts::Account &account);
// Removes it from the team database (desktops drop it from their list).
Status withdrawAccount(const QSqlDatabase &team, const accounts::Account &account);

} // namespace sportello::team
