#pragma once
// The channel accounts Sportello syncs (table `accounts`, schema version 5): which channel, which
// account, where its API lives and where its access token comes from. A token itself is never
// stored here: it lives in the system keychain (see TokenStore.h) or in the environment variable
// named by tokenEnv. See docs/accounts.md.

#include "common/Result.h"
#include "domain/Domain.h"

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVector>
#include <optional>

namespace sportello {
class Database;
}

namespace sportello::accounts {

struct Account {
    QString id; // UUID
    Channel channel = Channel::Facebook;
    QString accountId; // the page, Instagram account or X user id on the platform
    QString baseUrl;   // no credentials, ever (validateBaseUrl refuses them)
    QString tokenEnv;  // empty: the token is in the system keychain
    bool needsSignIn = false;
    QString syncCursor;
    qint64 createdAtMs = 0;
    // From the sign-in (schema version 9); nothing here is secret.
    QString signedInAs;          // "@handle" or the person's name on the platform
    QStringList grantedScopes;   // as the platform granted them
    qint64 tokenExpiresAtMs = 0; // 0: not known, or the token does not expire
    bool renewable = false;      // Sportello renews the token by itself (X with offline.access)

    // The key of this account's token in a TokenStore: "channel:account_id".
    QString tokenKey() const;
};

QString accountTokenKey(Channel channel, const QString &accountId);

// facebook, instagram, x, google_play (the app's package name) and app_store (the App Store
// Connect app id); in-app messages have no account to sync.
bool channelHasAccounts(Channel channel);

inline constexpr const char *kDefaultGraphApiVersion = "v19.0";
inline constexpr int kDefaultGraphLookbackDays = 14;

// The real endpoints: https://graph.facebook.com for Facebook and Instagram (the Graph API version
// is configuration, see AccountStore::graphApiVersion, and is added by the connector), and
// https://api.x.com/2 for X, https://androidpublisher.googleapis.com/androidpublisher/v3 for
// Google Play and https://api.appstoreconnect.apple.com for App Store Connect (the /v1 paths are
// added by the connector).
QString defaultBaseUrl(Channel channel);

// A base URL must be http or https with a host, and carry no credentials, query or fragment.
// Plain http is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost), so that tests can
// point a connector at a local server; anything else must be https. The error message quotes the
// URL with credentials removed.
Result<QUrl> validateBaseUrl(const QString &text);

inline constexpr int kMaxEnvironmentNameLength = 64;
inline constexpr int kMaxTokenLikeMixedLength = 32;

// A name that is probably a token pasted in the wrong field: it starts with EAA (Meta) and runs
// 20 characters or more without an underscore; or it mixes lower-case letters and digits and
// either has no underscore and 20 characters or more, or is longer than 32 characters.
bool looksLikeToken(const QString &name);

// An environment variable name: letters, digits and underscores, not starting with a digit, at
// most 64 characters, and not looking like a token (see looksLikeToken). A name refused here is
// never echoed in a message: it may be the token itself.
bool isValidEnvironmentName(const QString &name);
// The message for a refused name, which does not quote it.
QString environmentNameRefusal();

class AccountStore {
public:
    explicit AccountStore(Database &db) : m_db(db) {}

    // Adds an account; an empty baseUrl means the channel's default. Refuses a second account
    // with the same channel and id, an invalid base URL or an invalid variable name.
    Result<Account> add(Channel channel, const QString &accountId, const QString &baseUrl, const QString &tokenEnv,
                        qint64 nowMs);
    Result<QVector<Account>> list() const;
    Result<std::optional<Account>> find(Channel channel, const QString &accountId) const;
    // Removes the account; an error when there is no such account.
    Status remove(Channel channel, const QString &accountId);
    Status setNeedsSignIn(const QString &id, bool needsSignIn);
    // What a sign-in or a renewal learnt about the account's token (never the token).
    struct TokenInfo {
        QString signedInAs;
        QStringList grantedScopes;
        qint64 expiresAtMs = 0;
        bool renewable = false;
    };
    Status setTokenInfo(const QString &id, const TokenInfo &info);
    // After a renewal: only the expiry moves.
    Status setTokenExpiry(const QString &id, qint64 expiresAtMs);
    // Runs on the cache's connection, inside whatever transaction is open: a connector stores a
    // page's posts and the cursor after them in the same transaction, so the cursor advances only
    // when the posts are committed.
    Status setSyncCursor(const QString &id, const QString &cursor);

    // The Graph API version connectors use (app_state "graph_api_version", default v19.0).
    Result<QString> graphApiVersion() const;
    Status setGraphApiVersion(const QString &version);
    // How many days back an incremental Graph sync looks for new comments on older posts and
    // media (app_state "graph_lookback_days", 1 to 365, default 14). See docs/network.md.
    Result<int> graphLookbackDays() const;
    Status setGraphLookbackDays(int days);

private:
    Database &m_db;
};

} // namespace sportello::accounts
