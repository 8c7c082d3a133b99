#pragma once
// A keychain that hands out access tokens still good for a while: a signed-in token that expires
// within kRenewAheadMs is renewed first, with its refresh token, through Qt Network Authorization
// (X's user tokens live two hours). Everything else goes straight to the keychain it wraps.
//
// One renewal per account at a time, across processes (the console's sync, its outbox and a
// `sportello-cli sync` share one keychain): a lock file per account, and the keychain read again
// once the lock is held, since another process may have renewed meanwhile. The renewed credential
// is saved before the old one is dropped (Credential.h). A save that fails keeps the renewed
// credential in memory, uses it, and tries the save again on the next request. A refresh token the
// platform refuses marks the account as needing sign-in; no answer keeps the current token while
// it is still valid. Renewals happen when a caller asks for a token (a sync pass, an outbox lane
// starting), never in the middle of a delivery. See docs/accounts.md, "Renewal".

#include "accounts/Credential.h"
#include "accounts/TokenStore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QVector>
#include <memory>

class QLockFile;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::accounts {

class RenewingTokenStore final : public QObject, public TokenStore {
    Q_OBJECT
public:
    static constexpr qint64 kRenewAheadMs = 10 * 60 * 1000;
    // inner, clock: owned by the caller, outliving this. lockDirectory: where the per-account
    // lock files go (created when missing).
    RenewingTokenStore(TokenStore &inner, const Clock &clock, QString lockDirectory, QObject *parent = nullptr);
    ~RenewingTokenStore() override;

    // Where the console and the CLI keep their lock files: next to the default cache.
    static QString defaultLockDirectory();

    // When set, renewals update the account's expiry and refusals mark it as needing sign-in in
    // this database (used on this object's thread). Without one, only the signals tell.
    void setAccountsDatabase(Database *database) { m_database = database; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // How long a caller waits for another process's renewal before giving up (tests shorten it).
    void setLockWaitMs(int ms) { m_lockWaitMs = ms; }

    Result<QString> read(const QString &accountKey) override { return m_inner.read(accountKey); }
    Status write(const QString &accountKey, const QString &token) override { return m_inner.write(accountKey, token); }
    Status remove(const QString &accountKey) override { return m_inner.remove(accountKey); }
    void readAsync(const QString &accountKey, QObject *context, ReadDone done) override;
    void writeAsync(const QString &accountKey, const QString &token, QObject *context, StatusDone done) override;
    void removeAsync(const QString &accountKey, QObject *context, StatusDone done) override;
    void forget(const QString &accountKey) override;
    void accessTokenAsync(const Account &account, QObject *context, ReadDone done) override;

    int renewalsStarted() const { return m_renewalsStarted; }

signals:
    void renewed(const QString &accountKey, qint64 expiresAtMs);
    void signInNeeded(const QString &accountKey, const QString &reason);
    // The renewed credential could not be saved (it is kept in memory and saved again later).
    void saveFailed(const QString &accountKey, const QString &reason);

private:
    struct Waiter {
        QPointer<QObject> context;
        ReadDone done;
    };
    struct Renewal; // one account's renewal in progress

    void begin(const Account &account, int attempt);
    void decide(const Account &account, const Result<Credential> &credential, int attempt);
    void renewLocked(const std::shared_ptr<Renewal> &renewal, const Credential &credential, bool retried);
    void finish(const QString &accountKey, const Result<QString> &token);
    void refused(const std::shared_ptr<Renewal> &renewal, const Credential &used, const QString &message, bool retried);

    TokenStore &m_inner;
    const Clock &m_clock;
    QString m_lockDirectory;
    Database *m_database = nullptr;
    int m_timeoutMs = 30'000;
    int m_lockWaitMs = 30'000;
    int m_renewalsStarted = 0;
    QHash<QString, QVector<Waiter>> m_waiting; // callers of a renewal in progress, by account key
    QHash<QString, Credential> m_unsaved;      // renewed, not yet in the keychain
};

} // namespace sportello::accounts
