#include "accounts/Credential.h"

#include "common/Secrets.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace sportello::accounts {

namespace {

const QString kFormat = QStringLiteral("sportello.credential");

Error corrupt()
{
    return Error{QCoreApplication::translate("Accounts", "The keychain entry of this account is damaged: sign in "
                                                         "again to replace it."),
                 ErrorKind::Corrupt};
}

// Of what the two slots answered, the credential to use and whether the next slot held it.
struct Pick {
    Result<Credential> credential = Error{QString(), ErrorKind::NotFound};
    bool fromNextSlot = false;
};

Pick pick(const Result<QString> &main, const Result<QString> &next)
{
    Pick p;
    // A keychain that failed on the account's own slot is that failure: nothing can be decided.
    if (!main && main.errorKind() != ErrorKind::NotFound) {
        p.credential = main.failure();
        return p;
    }
    Result<Credential> fromMain = main ? Credential::fromStored(*main) : Result<Credential>(main.failure());
    Result<Credential> fromNext = next ? Credential::fromStored(*next) : Result<Credential>(next.failure());
    if (fromNext && (!fromMain || fromNext->issuedAtMs >= fromMain->issuedAtMs)) {
        p.credential = fromNext;
        p.fromNextSlot = true;
        return p;
    }
    p.credential = fromMain;
    return p;
}

} // namespace

QString nextSlotKey(const QString &accountKey) { return accountKey + QLatin1String("#next"); }

QString Credential::toStored() const
{
    // Bare, unless it starts like JSON: an API key or service-account key (a JSON object itself)
    // stored bare would read back as a damaged credential.
    if (refreshToken.isEmpty() && expiresAtMs == 0 && scopes.isEmpty() && issuedAtMs == 0 &&
        !accessToken.trimmed().startsWith(QLatin1Char('{')))
        return accessToken;
    QJsonObject o{{QStringLiteral("format"), kFormat}, {QStringLiteral("access_token"), accessToken}};
    if (!refreshToken.isEmpty())
        o.insert(QStringLiteral("refresh_token"), refreshToken);
    if (expiresAtMs > 0)
        o.insert(QStringLiteral("expires_at"), expiresAtMs);
    if (issuedAtMs > 0)
        o.insert(QStringLiteral("issued_at"), issuedAtMs);
    if (!scopes.isEmpty())
        o.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(scopes));
    if (!clientId.isEmpty())
        o.insert(QStringLiteral("client_id"), clientId);
    if (!tokenUrl.isEmpty())
        o.insert(QStringLiteral("token_url"), tokenUrl);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<Credential> Credential::fromStored(const QString &stored)
{
    Credential c;
    const QString trimmed = stored.trimmed();
    if (!trimmed.startsWith(QLatin1Char('{'))) {
        if (trimmed.isEmpty())
            return corrupt();
        c.accessToken = trimmed;
        rememberSecret(c.accessToken);
        return c;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8());
    const QJsonObject o = doc.object();
    if (doc.isObject() && !o.contains(QStringLiteral("format")) && o.value(QStringLiteral("private_key")).isString()) {
        // An App Store Connect API key stored bare by an earlier version: the key is the token.
        c.accessToken = trimmed;
        rememberSecret(c.accessToken);
        return c;
    }
    if (!doc.isObject() || o.value(QStringLiteral("format")).toString() != kFormat)
        return corrupt();
    c.accessToken = o.value(QStringLiteral("access_token")).toString();
    if (c.accessToken.isEmpty())
        return corrupt();
    c.refreshToken = o.value(QStringLiteral("refresh_token")).toString();
    c.expiresAtMs = qint64(o.value(QStringLiteral("expires_at")).toDouble());
    c.issuedAtMs = qint64(o.value(QStringLiteral("issued_at")).toDouble());
    for (const QJsonValue &scope : o.value(QStringLiteral("scopes")).toArray())
        c.scopes << scope.toString();
    c.clientId = o.value(QStringLiteral("client_id")).toString();
    c.tokenUrl = o.value(QStringLiteral("token_url")).toString();
    rememberSecret(c.accessToken);
    if (!c.refreshToken.isEmpty())
        rememberSecret(c.refreshToken);
    return c;
}

Result<Credential> readCredential(TokenStore &store, const QString &accountKey)
{
    const Result<QString> main = store.read(accountKey);
    const Result<QString> next = store.read(nextSlotKey(accountKey));
    const Pick p = pick(main, next);
    if (p.credential && p.fromNextSlot) {
        // Finish what the stopped save began; if that fails too, the next slot still holds it.
        if (store.write(accountKey, p.credential->toStored()))
            (void)store.remove(nextSlotKey(accountKey));
    }
    return p.credential;
}

Status writeCredential(TokenStore &store, const QString &accountKey, const Credential &credential)
{
    const QString stored = credential.toStored();
    if (Status s = store.write(nextSlotKey(accountKey), stored); !s)
        return s;
    if (Status s = store.write(accountKey, stored); !s)
        return s;
    return store.remove(nextSlotKey(accountKey));
}

Status removeCredential(TokenStore &store, const QString &accountKey)
{
    const Status next = store.remove(nextSlotKey(accountKey));
    const Status main = store.remove(accountKey);
    return main ? next : main;
}

void readCredentialAsync(TokenStore &store, const QString &accountKey, QObject *context, CredentialDone done)
{
    TokenStore *s = &store;
    store.readAsync(accountKey, context, [s, accountKey, context, done](const Result<QString> &main) {
        s->readAsync(nextSlotKey(accountKey), context,
                     [s, accountKey, context, done, main](const Result<QString> &next) {
                         const Pick p = pick(main, next);
                         if (!p.credential || !p.fromNextSlot) {
                             done(p.credential);
                             return;
                         }
                         const Result<Credential> credential = p.credential;
                         s->writeAsync(accountKey, credential->toStored(), context,
                                       [s, accountKey, context, done, credential](const Status &written) {
                                           if (!written) {
                                               done(credential);
                                               return;
                                           }
                                           s->removeAsync(nextSlotKey(accountKey), context,
                                                          [done, credential](const Status &) { done(credential); });
                                       });
                     });
    });
}

void writeCredentialAsync(TokenStore &store, const QString &accountKey, const Credential &credential, QObject *context,
                          TokenStore::StatusDone done)
{
    TokenStore *s = &store;
    const QString stored = credential.toStored();
    store.writeAsync(
        nextSlotKey(accountKey), stored, context, [s, accountKey, stored, context, done](const Status &first) {
            if (!first) {
                done(first);
                return;
            }
            s->writeAsync(accountKey, stored, context, [s, accountKey, context, done](const Status &second) {
                if (!second) {
                    done(second);
                    return;
                }
                s->removeAsync(nextSlotKey(accountKey), context, done);
            });
        });
}

void removeCredentialAsync(TokenStore &store, const QString &accountKey, QObject *context, TokenStore::StatusDone done)
{
    TokenStore *s = &store;
    store.removeAsync(nextSlotKey(accountKey), context, [s, accountKey, context, done](const Status &next) {
        s->removeAsync(accountKey, context, [next, done](const Status &main) { done(main ? next : main); });
    });
}

} // namespace sportello::accounts
