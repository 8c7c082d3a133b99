#pragma once
// Access tokens in the operating system's keychain (Secret Service / KWallet on Linux, Keychain on
// macOS, Credential Manager on Windows) through QtKeychain, service "Sportello". Each call runs
// synchronously in a local event loop with a timeout. There is no plaintext fallback: when no
// keychain is available the call fails with a clear message. See docs/accounts.md.

#include "sync/TokenStore.h"

namespace sportello::sync {

class KeychainTokenStore final : public TokenStore {
public:
    explicit KeychainTokenStore(int timeoutMs = 15'000) : m_timeoutMs(timeoutMs) {}

    static QString serviceName();

    Result<QString> read(const QString &accountKey) override;
    Status write(const QString &accountKey, const QString &token) override;
    Status remove(const QString &accountKey) override;

private:
    int m_timeoutMs;
};

} // namespace sportello::sync
