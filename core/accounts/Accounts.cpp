#include "accounts/Accounts.h"

#include "common/Secrets.h"
#include "net/HttpJob.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

namespace sportello::accounts {

namespace {

const QString kGraphVersionKey = QStringLiteral("graph_api_version");
const QString kGraphLookbackKey = QStringLiteral("graph_lookback_days");

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Account accountFrom(const QSqlQuery &q)
{
    Account a;
    a.id = q.value(QStringLiteral("id")).toString();
    a.channel = channelFromId(q.value(QStringLiteral("channel")).toString()).value_or(Channel::Facebook);
    a.accountId = q.value(QStringLiteral("account_id")).toString();
    a.baseUrl = q.value(QStringLiteral("base_url")).toString();
    a.tokenEnv = q.value(QStringLiteral("token_env")).toString();
    a.needsSignIn = q.value(QStringLiteral("needs_sign_in")).toInt() != 0;
    a.syncCursor = q.value(QStringLiteral("sync_cursor")).toString();
    a.createdAtMs = q.value(QStringLiteral("created_at")).toLongLong();
    a.signedInAs = q.value(QStringLiteral("signed_in_as")).toString();
    a.grantedScopes = q.value(QStringLiteral("granted_scopes")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    a.tokenExpiresAtMs = q.value(QStringLiteral("sign_in_expires_at")).toLongLong();
    a.renewable = q.value(QStringLiteral("renewable")).toInt() != 0;
    return a;
}

const QString kColumns =
    QStringLiteral("id, channel, account_id, base_url, token_env, needs_sign_in, sync_cursor, created_at, "
                   "signed_in_as, granted_scopes, sign_in_expires_at, renewable");

} // namespace

QString accountTokenKey(Channel channel, const QString &accountId)
{
    return toId(channel) + QLatin1Char(':') + accountId;
}

QString Account::tokenKey() const { return accountTokenKey(channel, accountId); }

bool channelHasAccounts(Channel channel)
{
    return channel == Channel::Facebook || channel == Channel::Instagram || channel == Channel::X ||
           channel == Channel::GooglePlay || channel == Channel::AppStore;
}

QString defaultBaseUrl(Channel channel)
{
    switch (channel) {
    case Channel::Facebook:
    case Channel::Instagram: return QStringLiteral("https://graph.facebook.com");
    case Channel::X: return QStringLiteral("https://api.x.com/2");
    case Channel::GooglePlay: return QStringLiteral("https://androidpublisher.googleapis.com/androidpublisher/v3");
    case Channel::AppStore: return QStringLiteral("https://api.appstoreconnect.apple.com");
    default: return {};
    }
}

Result<QUrl> validateBaseUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    // Every refusal shows the URL with only its scheme, host, port and path: a refused URL may
    // carry the token in its user name, password, ";" parameters, query or fragment.
    const QString shown = net::redactedUrl(url, net::Redaction::Location);
    // Text that is not a URL is not quoted at all: it may be the token itself, pasted in the
    // wrong field.
    if (!url.isValid() || url.isRelative())
        return Error{QCoreApplication::translate("Accounts", "The base URL is not a valid address: give a full address "
                                                             "such as https://graph.facebook.com."),
                     ErrorKind::InvalidInput};
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return Error{QCoreApplication::translate("Accounts", "The base URL %1 uses \"%2\": only https (or http to this "
                                                             "computer) is allowed.")
                         .arg(shown, url.scheme()),
                     ErrorKind::InvalidInput};
    if (url.host().isEmpty())
        return Error{QCoreApplication::translate("Accounts", "The base URL %1 has no host.").arg(shown),
                     ErrorKind::InvalidInput};
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment() || url.path().contains(QLatin1Char(';')))
        return Error{QCoreApplication::translate("Accounts",
                                                 "The base URL %1 carries a user name, password, \";\" parameter, "
                                                 "query or fragment: give only scheme, host, port and path. Tokens "
                                                 "belong in the system keychain or an environment variable, never "
                                                 "in a URL.")
                         .arg(shown),
                     ErrorKind::InvalidInput};
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return Error{QCoreApplication::translate("Accounts",
                                                 "The base URL %1 uses plain http to %2: tokens would travel "
                                                 "unencrypted. Use https; plain http is accepted only for this "
                                                 "computer (127.0.0.1, ::1, localhost).")
                         .arg(shown, url.host()),
                     ErrorKind::RefusedByPolicy};
    return url;
}

QString environmentNameRefusal()
{
    // The refused text is never quoted: it may be the token itself.
    return QCoreApplication::translate("Accounts", "The token's environment variable needs a name: letters, digits and "
                                                   "underscores, at most %1 characters, not the token itself.")
        .arg(kMaxEnvironmentNameLength);
}

bool looksLikeToken(const QString &name)
{
    bool lower = false, digit = false;
    for (const QChar c : name) {
        lower = lower || c.isLower();
        digit = digit || c.isDigit();
    }
    const bool mixed = lower && digit;
    // Meta's access tokens start with EAA; others are long runs of letters and digits. Variable
    // names are short words joined by underscores, conventionally in capitals.
    if (name.startsWith(QLatin1String("EAA")) && name.size() >= 20 && !name.contains(QLatin1Char('_')))
        return true;
    if (mixed && name.size() >= 20 && !name.contains(QLatin1Char('_')))
        return true;
    return mixed && name.size() > kMaxTokenLikeMixedLength;
}

bool isValidEnvironmentName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return name.size() <= kMaxEnvironmentNameLength && pattern.match(name).hasMatch() && !looksLikeToken(name);
}

Result<Account> AccountStore::add(Channel channel, const QString &accountId, const QString &baseUrl,
                                  const QString &tokenEnv, qint64 nowMs)
{
    if (!channelHasAccounts(channel))
        return Error{QCoreApplication::translate("Accounts", "The channel %1 has no accounts to sync: use facebook, "
                                                             "instagram or x.")
                         .arg(toId(channel)),
                     ErrorKind::InvalidInput};
    const QString id = accountId.trimmed();
    if (id.isEmpty())
        return Error{QCoreApplication::translate("Accounts", "The account id is empty."), ErrorKind::InvalidInput};
    // Kept in the cache and listed: a token pasted here would be stored and shown (not quoted).
    if (containsCredential(id))
        return Error{QCoreApplication::translate("Accounts", "The account id looks like an access token: give the "
                                                             "page's or the user's id, and the token in the keychain "
                                                             "or an environment variable."),
                     ErrorKind::InvalidInput};
    auto url = validateBaseUrl(baseUrl.trimmed().isEmpty() ? defaultBaseUrl(channel) : baseUrl);
    if (!url)
        return url.failure();
    if (!tokenEnv.isEmpty() && !isValidEnvironmentName(tokenEnv))
        return Error{environmentNameRefusal(), ErrorKind::InvalidInput};
    auto existing = find(channel, id);
    if (!existing)
        return existing.failure();
    if (existing->has_value())
        return Error{
            QCoreApplication::translate("Accounts", "The %1 account %2 is already configured.").arg(toId(channel), id),
            ErrorKind::Conflict};

    Account a;
    a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.channel = channel;
    a.accountId = id;
    a.baseUrl = url->toString();
    a.tokenEnv = tokenEnv;
    a.createdAtMs = nowMs;
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(
            q, QStringLiteral("INSERT INTO accounts(id, channel, account_id, base_url, token_env, created_at) "
                              "VALUES(?, ?, ?, ?, ?, ?)"));
        !s)
        return s.failure();
    q.addBindValue(a.id);
    q.addBindValue(toId(channel));
    q.addBindValue(a.accountId);
    q.addBindValue(a.baseUrl);
    q.addBindValue(sql::nullableText(a.tokenEnv));
    q.addBindValue(a.createdAtMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return a;
}

Result<QVector<Account>> AccountStore::list() const
{
    QSqlQuery q(m_db.connection());
    if (Status s =
            sql::prepare(q, QStringLiteral("SELECT %1 FROM accounts ORDER BY channel, account_id").arg(kColumns));
        !s)
        return s.failure();
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<Account> accounts;
    while (q.next())
        accounts.push_back(accountFrom(q));
    return accounts;
}

Result<std::optional<Account>> AccountStore::find(Channel channel, const QString &accountId) const
{
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(
            q, QStringLiteral("SELECT %1 FROM accounts WHERE channel = ? AND account_id = ?").arg(kColumns));
        !s)
        return s.failure();
    q.addBindValue(toId(channel));
    q.addBindValue(accountId.trimmed());
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return std::optional<Account>{};
    return std::optional<Account>{accountFrom(q)};
}

Status AccountStore::remove(Channel channel, const QString &accountId)
{
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("DELETE FROM accounts WHERE channel = ? AND account_id = ?")); !s)
        return s;
    q.addBindValue(toId(channel));
    q.addBindValue(accountId.trimmed());
    if (Status s = sql::exec(q); !s)
        return s;
    if (q.numRowsAffected() < 1)
        return Error{QCoreApplication::translate("Accounts", "There is no %1 account %2.")
                         .arg(toId(channel), accountId.trimmed()),
                     ErrorKind::NotFound};
    return Status::success();
}

Status AccountStore::setNeedsSignIn(const QString &id, bool needsSignIn)
{
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE accounts SET needs_sign_in = ? WHERE id = ?")); !s)
        return s;
    q.addBindValue(needsSignIn ? 1 : 0);
    q.addBindValue(id);
    return sql::exec(q);
}

Status AccountStore::setTokenInfo(const QString &id, const TokenInfo &info)
{
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE accounts SET signed_in_as = ?, granted_scopes = ?, "
                                                  "sign_in_expires_at = ?, renewable = ? WHERE id = ?"));
        !s)
        return s;
    q.addBindValue(info.signedInAs);
    q.addBindValue(info.grantedScopes.join(QLatin1Char(' ')));
    q.addBindValue(info.expiresAtMs > 0 ? QVariant(info.expiresAtMs) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(info.renewable ? 1 : 0);
    q.addBindValue(id);
    return sql::exec(q);
}

Status AccountStore::setTokenExpiry(const QString &id, qint64 expiresAtMs)
{
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE accounts SET sign_in_expires_at = ? WHERE id = ?")); !s)
        return s;
    q.addBindValue(expiresAtMs > 0 ? QVariant(expiresAtMs) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(id);
    return sql::exec(q);
}

Status AccountStore::setSyncCursor(const QString &id, const QString &cursor)
{
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("UPDATE accounts SET sync_cursor = ? WHERE id = ?")); !s)
        return s;
    q.addBindValue(cursor);
    q.addBindValue(id);
    return sql::exec(q);
}

Result<QString> AccountStore::graphApiVersion() const
{
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    q.addBindValue(kGraphVersionKey);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() ? q.value(0).toString() : QString::fromLatin1(kDefaultGraphApiVersion);
}

Status AccountStore::setGraphApiVersion(const QString &version)
{
    static const QRegularExpression pattern(QStringLiteral("^v[0-9]+\\.[0-9]+$"));
    if (!pattern.match(version).hasMatch())
        return Error{QCoreApplication::translate("Accounts", "\"%1\" is not a Graph API version (for example v19.0).")
                         .arg(version),
                     ErrorKind::InvalidInput};
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    q.addBindValue(kGraphVersionKey);
    q.addBindValue(version);
    return sql::exec(q);
}

Result<int> AccountStore::graphLookbackDays() const
{
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    q.addBindValue(kGraphLookbackKey);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return kDefaultGraphLookbackDays;
    bool ok = false;
    const int days = q.value(0).toString().toInt(&ok);
    // A hand-edited value out of range falls back to the default rather than stopping every sync.
    return ok && days >= 1 && days <= 365 ? days : kDefaultGraphLookbackDays;
}

Status AccountStore::setGraphLookbackDays(int days)
{
    if (days < 1 || days > 365)
        return Error{
            QCoreApplication::translate("Accounts", "The look-back window must be between 1 and 365 days, not %1.")
                .arg(days),
            ErrorKind::InvalidInput};
    QSqlQuery q(m_db.connection());
    if (Status s = sql::prepare(q, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    q.addBindValue(kGraphLookbackKey);
    q.addBindValue(QString::number(days));
    return sql::exec(q);
}

} // namespace sportello::accounts
