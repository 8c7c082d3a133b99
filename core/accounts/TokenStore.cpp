#include "accounts/TokenStore.h"

#include "accounts/Accounts.h"
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
    Result<QString> token = keychain.read(account.tokenKey());
    if (token)
        rememberSecret(token.value());
    return token;
}

void tokenForAsync(const Account &account, TokenStore &keychain, QObject *context, TokenStore::ReadDone done)
{
    if (!account.tokenEnv.isEmpty()) {
        done(EnvironmentTokenSource().read(account.tokenEnv));
        return;
    }
    keychain.readAsync(account.tokenKey(), context, [done = std::move(done)](const Result<QString> &token) {
        if (token)
            rememberSecret(token.value());
        done(token);
    });
}

} // namespace sportello::accounts
