#include "accounts/TokenStore.h"

#include "accounts/Accounts.h"
#include "accounts/Credential.h"
#include "common/Secrets.h"

#include <QCoreApplication>

namespace sportello::accounts {

void TokenStore::readAsync(const QString &accountKey, QObject *context, ReadDone done)
{
    const QPointer<QObject> alive(context);
    const Result<QString> token = read(accountKey);
    if (alive)
        done(token);
}

void TokenStore::writeAsync(const QString &accountKey, const QString &token, QObject *context, StatusDone done)
{
    const QPointer<QObject> alive(context);
    const Status s = write(accountKey, token);
    if (alive)
        done(s);
}

void TokenStore::removeAsync(const QString &accountKey, QObject *context, StatusDone done)
{
    const QPointer<QObject> alive(context);
    const Status s = remove(accountKey);
    if (alive)
        done(s);
}

void TokenStore::accessTokenAsync(const Account &account, QObject *context, ReadDone done)
{
    readCredentialAsync(*this, account.tokenKey(), context, [done = std::move(done)](const Result<Credential> &c) {
        done(c ? Result<QString>(c->accessToken) : Result<QString>(c.failure()));
    });
}

Result<QString> MemoryTokenStore::read(const QString &accountKey)
{
    const auto it = m_tokens.constFind(accountKey);
    if (it == m_tokens.constEnd())
        return Error{QCoreApplication::translate("Accounts", "No token is stored for %1.").arg(accountKey),
                     ErrorKind::NotFound};
    return it.value();
}

Status MemoryTokenStore::write(const QString &accountKey, const QString &token)
{
    m_tokens.insert(accountKey, token);
    return Status::success();
}

Status MemoryTokenStore::remove(const QString &accountKey)
{
    m_tokens.remove(accountKey);
    return Status::success();
}

Result<QString> EnvironmentTokenSource::read(const QString &variableName)
{
    if (!isValidEnvironmentName(variableName))
        return Error{environmentNameRefusal(), ErrorKind::InvalidInput};
    const QString token = qEnvironmentVariable(variableName.toLocal8Bit().constData()).trimmed();
    if (token.isEmpty())
        return Error{QCoreApplication::translate("Accounts",
                                                 "The environment variable %1, which should hold the access "
                                                 "token, is not set or empty.")
                         .arg(variableName),
                     ErrorKind::NotFound};
    // From now on no message of this process shows it, whatever its shape.
    rememberSecret(token);
    return token;
}

Status EnvironmentTokenSource::write(const QString &variableName, const QString &)
{
    return Error{QCoreApplication::translate("Accounts",
                                             "A token cannot be stored in the environment variable %1: set it "
                                             "outside Sportello.")
                     .arg(variableName),
                 ErrorKind::RefusedByPolicy};
}

Status EnvironmentTokenSource::remove(const QString &) { return Status::success(); }

Result<QString> tokenFor(const Account &account, TokenStore &keychain)
{
    if (!account.tokenEnv.isEmpty())
        return EnvironmentTokenSource().read(account.tokenEnv);
    const Result<Credential> credential = readCredential(keychain, account.tokenKey());
    if (!credential)
        return credential.failure();
    return credential->accessToken;
}

void tokenForAsync(const Account &account, TokenStore &keychain, QObject *context, TokenStore::ReadDone done)
{
    if (!account.tokenEnv.isEmpty()) {
        done(EnvironmentTokenSource().read(account.tokenEnv));
        return;
    }
    keychain.accessTokenAsync(account, context, std::move(done));
}

} // namespace sportello::accounts
