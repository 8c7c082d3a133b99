#pragma once
// Where access tokens live. Core holds only the interface, an environment-variable source for
// headless use and an in-memory store for tests; the system keychain implementation
// (KeychainTokenStore, over QtKeychain) is in platform/keychain so that core links nothing but
// Qt Core, Sql and Network. A token is never written to the database, QSettings, a log or a
// printed URL. See docs/accounts.md.

#include "common/Result.h"

#include <QHash>
#include <QPointer>
#include <QString>
#include <functional>

namespace sportello::accounts {

struct Account;

class TokenStore {
public:
    virtual ~TokenStore() = default;
    // The token stored under key (an account's tokenKey()). No token stored is NotFound, like a
    // missing account: nothing was refused, the account needs one added (a token the platform
    // rejects is RefusedByPolicy, from the connector). A keychain that denies access is
    // RefusedByPolicy, one that does not answer in time Busy, one that is missing Io.
    virtual Result<QString> read(const QString &accountKey) = 0;
    virtual Status write(const QString &accountKey, const QString &token) = 0;
    // Removing a key that holds nothing is not an error.
    virtual Status remove(const QString &accountKey) = 0;

    // The same without waiting, for the GUI thread: done runs once, on context's thread, unless
    // context is gone by then. The defaults call the blocking functions and run done before
    // they return (right for stores that answer at once); the system keychain answers later.
    using ReadDone = std::function<void(const Result<QString> &)>;
    using StatusDone = std::function<void(const Status &)>;
    virtual void readAsync(const QString &accountKey, QObject *context, ReadDone done);
    virtual void writeAsync(const QString &accountKey, const QString &token, QObject *context, StatusDone done);
    virtual void removeAsync(const QString &accountKey, QObject *context, StatusDone done);
    // The platform refused this account's token: a store that remembers tokens forgets it.
    virtual void forget(const QString &accountKey) { Q_UNUSED(accountKey) }

    // The access token to call the platform with, from what the keychain holds for the account
    // (a pasted token or a sign-in's credential, see Credential.h). The default reads it as it
    // is; a RenewingTokenStore first renews one that is about to expire.
    virtual void accessTokenAsync(const Account &account, QObject *context, ReadDone done);
};

// Tokens kept in memory only, for tests.
class MemoryTokenStore final : public TokenStore {
public:
    Result<QString> read(const QString &accountKey) override;
    Status write(const QString &accountKey, const QString &token) override;
    Status remove(const QString &accountKey) override;
    int size() const { return int(m_tokens.size()); }

private:
    QHash<QString, QString> m_tokens;
};

// Reads a token from the environment variable of the given name; read-only.
class EnvironmentTokenSource final : public TokenStore {
public:
    Result<QString> read(const QString &variableName) override;
    Status write(const QString &variableName, const QString &token) override;
    Status remove(const QString &variableName) override;
};

// An account's token: from its environment variable when it names one, else from the keychain.
Result<QString> tokenFor(const Account &account, TokenStore &keychain);
// The same without waiting on the keychain (see TokenStore::readAsync).
void tokenForAsync(const Account &account, TokenStore &keychain, QObject *context, TokenStore::ReadDone done);

} // namespace sportello::accounts
