#pragma once
// What a desktop's cache keeps about the team it joined (table app_state): where the team
// database is (the URI without anything secret), the agent's login, the team's id (a replica
// never mixes two teams), where the password comes from, and how far down the feed it holds.
// The password itself is never stored here: the keychain or an environment variable holds it.

#include "common/Result.h"
#include "team/TeamDatabase.h"

#include <QSqlDatabase>
#include <QString>
#include <memory>
#include <optional>

namespace sportello::accounts {
class TokenStore;
}

namespace sportello::team {

struct TeamMembership {
    TeamUrl url; // its user is the agent's login
    QString login;
    QString teamId;          // sportello.team_meta's team_id
    QString passwordEnv;     // name of an environment variable holding the password; empty: keychain
    qint64 feedPosition = 0; // the highest seq of sportello.changes this cache holds
    qint64 joinedAtMs = 0;

    // The membership of the cache, or none when it is not in a team.
    static Result<std::optional<TeamMembership>> load(const QSqlDatabase &db);
    // Writes every key (inside the caller's transaction, if any).
    Status save(const QSqlDatabase &db) const;
    // Forgets the team (the cache stays as it is, readable; new decisions are no longer marked
    // for the push).
    static Status clear(const QSqlDatabase &db);
    // Only the feed position: with the page it follows, in the page's transaction.
    static Status saveFeedPosition(const QSqlDatabase &db, qint64 seq);

    // The password: from passwordEnv when set (an unset or empty variable is an error), else from
    // `keychain` under passwordKey(url) when given and holding one, else empty (libpq then
    // reads PGPASSWORD or ~/.pgpass, or the server needs none).
    Result<QString> password(accounts::TokenStore *keychain) const;
    // Opens the connection as the member, with password().
    Result<std::unique_ptr<TeamConnection>> connect(accounts::TokenStore *keychain) const;
};

} // namespace sportello::team
