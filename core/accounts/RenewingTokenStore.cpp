#include "accounts/RenewingTokenStore.h"

#include "accounts/Accounts.h"
#include "accounts/AccountsLog.h"
#include "accounts/OAuthReplies.h"
#include "common/AppPaths.h"
#include "common/Clock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QOAuth2AuthorizationCodeFlow>
#include <QTimer>

namespace sportello::accounts {

namespace {

constexpr int kLockPollMs = 500;

QString channelLabel(const QString &accountKey)
{
    const QString channel = accountKey.section(QLatin1Char(':'), 0, 0);
    return channel == QLatin1String("x") ? QStringLiteral("X") : channel;
}

} // namespace

// Lives from taking the lock to the last answer: the lock, and the flow with its network manager.
struct RenewingTokenStore::Renewal {
    Account account;
    std::unique_ptr<QLockFile> lock;
    std::unique_ptr<QObject> holder; // parent of the flow, its reply handler and network manager
    QVariantMap values;              // the token endpoint's answer, read before the flow's granted()
    bool answered = false;
};

RenewingTokenStore::RenewingTokenStore(TokenStore &inner, const Clock &clock, QString lockDirectory, QObject *parent)
    : QObject(parent), m_inner(inner), m_clock(clock), m_lockDirectory(std::move(lockDirectory))
{}

RenewingTokenStore::~RenewingTokenStore() = default;

QString RenewingTokenStore::defaultLockDirectory()
{
    return QFileInfo(defaultDatabasePath()).dir().filePath(QStringLiteral("locks"));
}

void RenewingTokenStore::readAsync(const QString &accountKey, QObject *context, ReadDone done)
{
    m_inner.readAsync(accountKey, context, std::move(done));
}

void RenewingTokenStore::writeAsync(const QString &accountKey, const QString &token, QObject *context, StatusDone done)
{
    m_unsaved.remove(accountKey); // a new sign-in replaces whatever was waiting to be saved
    m_inner.writeAsync(accountKey, token, context, std::move(done));
}

void RenewingTokenStore::removeAsync(const QString &accountKey, QObject *context, StatusDone done)
{
    m_unsaved.remove(accountKey);
    m_inner.removeAsync(accountKey, context, std::move(done));
}

void RenewingTokenStore::forget(const QString &accountKey)
{
    m_unsaved.remove(accountKey);
    m_inner.forget(accountKey);
}

void RenewingTokenStore::accessTokenAsync(const Account &account, QObject *context, ReadDone done)
{
    if (!account.tokenEnv.isEmpty()) {
        done(EnvironmentTokenSource().read(account.tokenEnv));
        return;
    }
    auto &waiting = m_waiting[account.tokenKey()];
    waiting.append(Waiter{context, std::move(done)});
    if (waiting.size() == 1) // else a renewal for this account is under way and answers everyone
        begin(account, 0);
}

void RenewingTokenStore::begin(const Account &account, int attempt)
{
    const QString key = account.tokenKey();
    if (auto unsaved = m_unsaved.constFind(key); unsaved != m_unsaved.constEnd()) {
        // Renewed earlier but not saved: save it now; it is the only valid one either way.
        const Credential credential = *unsaved;
        writeCredentialAsync(m_inner, key, credential, this, [this, key](const Status &saved) {
            if (saved)
                m_unsaved.remove(key);
        });
        decide(account, credential, attempt);
        return;
    }
    readCredentialAsync(m_inner, key, this,
                        [this, account, attempt](const Result<Credential> &c) { decide(account, c, attempt); });
}

void RenewingTokenStore::decide(const Account &account, const Result<Credential> &credential, int attempt)
{
    const QString key = account.tokenKey();
    if (!credential) {
        finish(key, credential.failure());
        return;
    }
    const qint64 now = m_clock.nowMs();
    auto due = [now](const Credential &c) {
        return c.renewable() && c.expiresAtMs > 0 && c.expiresAtMs - now <= kRenewAheadMs;
    };
    if (!due(*credential)) {
        finish(key, credential->accessToken);
        return;
    }
    QDir().mkpath(m_lockDirectory);
    const QByteArray name = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    auto lock = std::make_unique<QLockFile>(
        QDir(m_lockDirectory).filePath(QStringLiteral("renew-%1.lock").arg(QString::fromLatin1(name))));
    // A process that died holding it: the lock is taken over once the longest renewal is over.
    lock->setStaleLockTime(2 * m_timeoutMs);
    if (!lock->tryLock(0)) {
        if (credential->expiresAtMs > now + 60'000) {
            finish(key, credential->accessToken); // still good; the other process renews it
            return;
        }
        if (attempt * kLockPollMs < m_lockWaitMs) {
            QTimer::singleShot(kLockPollMs, this, [this, account, attempt] {
                m_inner.forget(account.tokenKey()); // read what the other process saved
                begin(account, attempt + 1);
            });
            return;
        }
        finish(key, Error{QCoreApplication::translate("Accounts", "The sign-in of the %1 account %2 is being renewed "
                                                                  "by another Sportello process; try again shortly.")
                              .arg(channelLabel(key), account.accountId),
                          ErrorKind::Busy});
        return;
    }
    auto renewal = std::make_shared<Renewal>();
    renewal->account = account;
    renewal->lock = std::move(lock);
    // Holding the lock: read again, another process may have renewed while we looked.
    const bool haveUnsaved = m_unsaved.contains(key);
    if (haveUnsaved) {
        renewLocked(renewal, m_unsaved.value(key), false);
        return;
    }
    m_inner.forget(key);
    readCredentialAsync(m_inner, key, this, [this, renewal, due, key](const Result<Credential> &fresh) {
        if (!fresh || !due(*fresh)) {
            renewal->lock->unlock();
            finish(key, fresh ? Result<QString>(fresh->accessToken) : Result<QString>(fresh.failure()));
            return;
        }
        renewLocked(renewal, *fresh, false);
    });
}

void RenewingTokenStore::renewLocked(const std::shared_ptr<Renewal> &renewal, const Credential &credential,
                                     bool retried)
{
    ++m_renewalsStarted;
    const QString key = renewal->account.tokenKey();
    renewal->holder = std::make_unique<QObject>();
    renewal->values.clear();
    renewal->answered = false;
    auto *network = new QNetworkAccessManager(renewal->holder.get());
    network->setTransferTimeout(m_timeoutMs);
    auto *flow = new QOAuth2AuthorizationCodeFlow(network, renewal->holder.get());
    flow->setClientIdentifier(credential.clientId);
    flow->setAccessTokenUrl(QUrl(credential.tokenUrl));
    flow->setRefreshToken(credential.refreshToken);
    // Qt 6.4 adds a redirect_uri and an empty client_secret to a renewal: a public client has
    // neither, and X refuses what it does not expect.
    flow->setModifyParametersFunction([](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
        if (stage != QAbstractOAuth::Stage::RefreshingAccessToken)
            return;
        parameters->remove(QStringLiteral("redirect_uri"));
        if (parameters->value(QStringLiteral("client_secret")).toString().isEmpty())
            parameters->remove(QStringLiteral("client_secret"));
    });
    auto *handler = new TokenReplyHandler(renewal->holder.get());
    flow->setReplyHandler(handler);
    QPointer<RenewingTokenStore> self(this);
    handler->onAnswer = [self, renewal, credential, retried](const TokenAnswer &answer) {
        if (!self || renewal->answered)
            return;
        if (answer.granted()) {
            renewal->values = answer.values; // the flow's granted() follows
            return;
        }
        renewal->answered = true;
        const QString accountKey = renewal->account.tokenKey();
        qCWarning(lcAccounts) << "renewal of" << accountKey << "failed:" << int(answer.kind) << answer.httpStatus;
        if (answer.kind == TokenAnswer::Kind::Refused) {
            self->refused(renewal, credential, answer.message, retried);
            return;
        }
        renewal->lock->unlock();
        const QString what = QCoreApplication::translate("Accounts", "The sign-in of the %1 account %2 could not be "
                                                                     "renewed: %3")
                                 .arg(channelLabel(accountKey), renewal->account.accountId, answer.message);
        if (credential.expiresAtMs > self->m_clock.nowMs())
            self->finish(accountKey, credential.accessToken); // still valid: the next request tries again
        else
            self->finish(accountKey, Error{what, ErrorKind::Network});
        renewal->holder.release()->deleteLater();
    };
    connect(flow, &QAbstractOAuth::granted, this, [this, renewal, flow, credential] {
        if (renewal->answered)
            return;
        renewal->answered = true;
        const QString accountKey = renewal->account.tokenKey();
        const qint64 now = m_clock.nowMs();
        Credential next = credential;
        next.accessToken = flow->token();
        next.refreshToken = flow->refreshToken(); // the new one when the platform rotates
        const int expiresIn = renewal->values.value(QStringLiteral("expires_in")).toInt();
        next.expiresAtMs = expiresIn > 0 ? now + qint64(expiresIn) * 1000 : 0;
        next.issuedAtMs = std::max(now, credential.issuedAtMs + 1);
        const QString scope = renewal->values.value(QStringLiteral("scope")).toString();
        if (!scope.isEmpty())
            next.scopes = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        // Kept before anything else can fail: from now on the old refresh token is spent.
        m_unsaved.insert(accountKey, next);
        renewal->holder.release()->deleteLater();
        writeCredentialAsync(m_inner, accountKey, next, this, [this, renewal, next, accountKey](const Status &saved) {
            if (saved) {
                m_unsaved.remove(accountKey);
            } else {
                qCWarning(lcAccounts) << "renewed credential of" << accountKey
                                      << "not saved:" << errorKindName(saved.errorKind());
                emit saveFailed(accountKey, saved.error());
            }
            if (m_database)
                (void)AccountStore(*m_database).setTokenExpiry(renewal->account.id, next.expiresAtMs);
            renewal->lock->unlock();
            emit renewed(accountKey, next.expiresAtMs);
            finish(accountKey, next.accessToken);
        });
    });
    flow->refreshAccessToken();
}

void RenewingTokenStore::refused(const std::shared_ptr<Renewal> &renewal, const Credential &used,
                                 const QString &message, bool retried)
{
    const QString key = renewal->account.tokenKey();
    m_unsaved.remove(key);
    m_inner.forget(key);
    renewal->holder.release()->deleteLater();
    readCredentialAsync(
        m_inner, key, this, [this, renewal, used, message, retried, key](const Result<Credential> &stored) {
            // Another process renewed under our feet (its lock went stale): use what it saved.
            if (!retried && stored && stored->renewable() && stored->refreshToken != used.refreshToken) {
                renewLocked(renewal, *stored, true);
                return;
            }
            const QString reason = QCoreApplication::translate(
                                       "Accounts", "%1 refused to renew the sign-in of the account %2 (%3): sign in "
                                                   "again from Settings > Accounts, or with sportello-cli account "
                                                   "sign-in.")
                                       .arg(channelLabel(key), renewal->account.accountId, message);
            if (m_database)
                (void)AccountStore(*m_database).setNeedsSignIn(renewal->account.id, true);
            renewal->lock->unlock();
            emit signInNeeded(key, reason);
            finish(key, Error{reason, ErrorKind::RefusedByPolicy});
        });
}

void RenewingTokenStore::finish(const QString &accountKey, const Result<QString> &token)
{
    const QVector<Waiter> waiters = m_waiting.take(accountKey);
    for (const Waiter &w : waiters) {
        if (w.context)
            w.done(token);
    }
}

} // namespace sportello::accounts
