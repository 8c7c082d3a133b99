#pragma once
// Access tokens in the operating system's keychain (Secret Service / KWallet on Linux, Keychain on
// macOS, Credential Manager on Windows) through QtKeychain, service "Sportello". The blocking
// calls run in a local event loop with a timeout (for the CLI's account commands); the console
// uses the asynchronous ones, which never nest an event loop. A token read once is kept in
// memory for the process's life, so a sync or an outbox pass does not ask the keychain again;
// writing, removing or forget() (the token was refused) drop it. There is no plaintext
// fallback: when no keychain is available the call fails with a clear message. See
// docs/accounts.md.

#include "accounts/TokenStore.h"

namespace sportello::accounts {

class KeychainTokenStore final : public TokenStore {
public:
    explicit KeychainTokenStore(int timeoutMs = 15'000) : m_timeoutMs(timeoutMs) {}

    static QString serviceName();

    Result<QString> read(const QString &accountKey) override;
    Status write(const QString &accountKey, const QString &token) override;
    Status remove(const QString &accountKey) override;
    void readAsync(const QString &accountKey, QObject *context, ReadDone done) override;
    void writeAsync(const QString &accountKey, const QString &token, QObject *context, StatusDone done) override;
    void removeAsync(const QString &accountKey, QObject *context, StatusDone done) override;
    void forget(const QString &accountKey) override { m_cache.remove(accountKey); }

private:
    int m_timeoutMs;
    QHash<QString, QString> m_cache;
};

} // namespace sportello::accounts
