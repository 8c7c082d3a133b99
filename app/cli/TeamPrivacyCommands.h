#pragma once
// Erasure and retention in team mode for sportello-cli (TeamPrivacyCommands.cpp).

#include <QString>

namespace sportello {
class Database;
}

namespace sportello::cli {

// `privacy erase` on a cache joined to a team: the erasure goes through the team database (every
// replica applies it from there), then this cache applies it by the replicas' own catch-up.
// Offline, or refused by the team (a login that may not erase), nothing is erased anywhere.
int eraseInTeam(Database &db, const QString &channel, const QString &externalId, const QString &reason,
                const QString &request, bool json);

} // namespace sportello::cli
