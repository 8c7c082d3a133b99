#include "accounts/GoogleServiceAccount.h"

#include "accounts/JwtSigning.h"
#include "common/Clock.h"
#include "common/Secrets.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QUrlQuery>

#include <openssl/evp.h>

namespace sportello::accounts {

namespace {

constexpr int kMinRsaBits = 2048;

Error keyError(const QString &why)
{
    return Error{QCoreApplication::translate("GooglePlay", "The Google Cloud service-account key cannot be used: %1").arg(why), ErrorKind::InvalidInput};
}

// token_uri gets the signed assertion: only over https, or plain http to this computer (a test
// server; nothing leaves the machine).
bool acceptableTokenUri(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    if (url.host() == QLatin1String("localhost"))
        return true;
    const QHostAddress host(url.host());
    return !host.isNull() && host.isLoopback();
}

Result<jwt::Key> readRsaKey(const QByteArray &pem, bool allowPublic)
{
    jwt::Key key = jwt::readPemKey(pem, allowPublic);
    if (!key)
        return keyError(QCoreApplication::translate("GooglePlay", "its private_key is not a PEM private key (\"-----BEGIN PRIVATE KEY-----\"), or it is "
                           "damaged."));
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
        return keyError(QCoreApplication::translate("GooglePlay", "its private_key is not an RSA key; RS256 needs the RSA key Google Cloud issues."));
    if (EVP_PKEY_get_bits(key.get()) < kMinRsaBits)
        return keyError(QCoreApplication::translate("GooglePlay", "its RSA key has %1 bits; Google signs with at least %2.")
                            .arg(EVP_PKEY_get_bits(key.get()))
                            .arg(kMinRsaBits));
    return key;
}

// The access tokens got so far, by the key they were got with (its hash: the map holds no key).
struct KeptToken {
    QByteArray header;
    qint64 expiresAtMs = 0;
};

class TokenCache {
public:
    static TokenCache &instance()
    {
        static TokenCache cache;
        return cache;
    }
    static QByteArray idOf(const QString &secret)
    {
        return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256);
    }
    QByteArray usable(const QByteArray &id, qint64 nowMs)
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_tokens.constFind(id);
        if (it == m_tokens.constEnd() || nowMs >= it->expiresAtMs - kGoogleTokenRenewMarginMs)
            return {};
        return it->header;
    }
    void keep(const QByteArray &id, const KeptToken &token)
    {
        const QMutexLocker lock(&m_mutex);
        m_tokens.insert(id, token);
    }
    void forget(const QByteArray &id)
    {
        const QMutexLocker lock(&m_mutex);
        m_tokens.remove(id);
    }
    void clear()
    {
        const QMutexLocker lock(&m_mutex);
        m_tokens.clear();
    }

private:
    QMutex m_mutex; // a sync may run on a worker thread while the console's outbox sends
    QHash<QByteArray, KeptToken> m_tokens;
};

GoogleAuthorization failed(net::OutcomeKind kind, const net::HttpOutcome &answer, const QString &message)
{
    GoogleAuthorization a;
    a.outcome = answer;
    a.outcome.kind = kind;
    a.outcome.message = message;
    a.outcome.body.clear(); // the endpoint's answer is summed up in the message
    return a;
}

// What the token endpoint answered, as a header to use or the reason there is none.
GoogleAuthorization readTokenAnswer(const net::HttpOutcome &answer, const QUrl &tokenUri, const QString &clientEmail,
                                    qint64 nowMs, KeptToken &kept)
{
    const QString where = net::redactedUrl(tokenUri, net::Redaction::Location);
    if (answer.httpStatus == 0)
        return failed(net::OutcomeKind::Retryable, answer,
                      QCoreApplication::translate("GooglePlay", "Google's token endpoint %1 did not answer (%2); the service account signs in again at the "
                         "next attempt.")
                          .arg(where, answer.message));
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    if (answer.httpStatus >= 500)
        return failed(net::OutcomeKind::Retryable, answer,
                      QCoreApplication::translate("GooglePlay", "Google's token endpoint %1 failed (HTTP %2); the service account signs in again at the "
                         "next attempt.")
                          .arg(where)
                          .arg(answer.httpStatus));
    if (answer.httpStatus < 200 || answer.httpStatus >= 300) {
        // RFC 6749, 5.2: {"error","error_description"}. invalid_grant is a key that was deleted or
        // disabled, a service account that is gone, or a clock far off; all need a person.
        const QString code = body.value(QLatin1String("error")).toString();
        const QString description = body.value(QLatin1String("error_description")).toString();
        const QString detail = code.isEmpty() ? QStringLiteral("HTTP %1").arg(answer.httpStatus)
                                              : description.isEmpty() ? code
                                                                      : code + QStringLiteral(": ") + description;
        const bool refused = answer.httpStatus == 401 || answer.httpStatus == 403 ||
                             code == QLatin1String("invalid_grant") || code == QLatin1String("invalid_client") ||
                             code == QLatin1String("unauthorized_client") || code == QLatin1String("access_denied");
        if (refused)
            return failed(net::OutcomeKind::AuthExpired, answer,
                          QCoreApplication::translate("GooglePlay", "Google refused the service account %1 (%2). Check that its key is not deleted or "
                             "disabled and that this computer's clock is right, then add the key file again.")
                              .arg(clientEmail, detail));
        return failed(net::OutcomeKind::Retryable, answer,
                      QCoreApplication::translate("GooglePlay", "Google's token endpoint %1 did not give an access token (%2); the service account signs "
                         "in again at the next attempt.")
                          .arg(where, detail));
    }
    const QString accessToken = body.value(QLatin1String("access_token")).toString();
    const QString type = body.value(QLatin1String("token_type")).toString();
    const double expiresIn = body.value(QLatin1String("expires_in")).toDouble(-1);
    if (accessToken.isEmpty() || accessToken.contains(QLatin1Char('\n')) || accessToken.contains(QLatin1Char('\r')) ||
        (!type.isEmpty() && type.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0) || expiresIn <= 0)
        return failed(net::OutcomeKind::Retryable, answer,
                      QCoreApplication::translate("GooglePlay", "Google's token endpoint %1 answered without a usable access token (not JSON with "
                         "access_token, expires_in and a Bearer token_type); the service account signs in again at "
                         "the next attempt.")
                          .arg(where));
    rememberSecret(accessToken); // hidden from every message and refused in a reply from now on
    GoogleAuthorization a;
    a.outcome = answer;
    a.outcome.body.clear(); // holds the token
    a.header = QByteArray("Bearer ") + accessToken.toUtf8();
    kept.header = a.header;
    kept.expiresAtMs = nowMs + qint64(qMin(expiresIn, double(24 * 3600))) * 1000;
    return a;
}

} // namespace

QString GoogleServiceAccountKey::toSecret() const
{
    const QJsonObject o{{QStringLiteral("type"), QStringLiteral("service_account")},
                        {QStringLiteral("client_email"), clientEmail},
                        {QStringLiteral("private_key_id"), privateKeyId},
                        {QStringLiteral("private_key"), QString::fromLatin1(privateKeyPem)},
                        {QStringLiteral("token_uri"), tokenUri}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<GoogleServiceAccountKey> GoogleServiceAccountKey::fromJson(const QByteArray &json)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return keyError(QCoreApplication::translate("GooglePlay", "it is not JSON (%1 at character %2); a service-account key is the .json file the "
                           "Google Cloud console downloads.")
                            .arg(parseError.errorString())
                            .arg(parseError.offset));
    if (!doc.isObject())
        return keyError(QCoreApplication::translate("GooglePlay", "it is not a JSON object; a service-account key is the .json file the Google Cloud "
                           "console downloads."));
    const QJsonObject o = doc.object();
    const QString type = o.value(QLatin1String("type")).toString();
    if (type != QLatin1String("service_account"))
        return keyError(type.isEmpty() ? QCoreApplication::translate("GooglePlay", "it has no \"type\"; a service-account key says \"type\": "
                                            "\"service_account\".")
                                       : QCoreApplication::translate("GooglePlay", "its type is \"%1\", not \"service_account\" (an OAuth client or a "
                                            "user's credentials cannot sign in as a service account).")
                                             .arg(type));
    QStringList missing;
    for (const char *field : {"client_email", "private_key", "private_key_id", "token_uri"}) {
        if (o.value(QLatin1String(field)).toString().trimmed().isEmpty())
            missing << QString::fromLatin1(field);
    }
    if (!missing.isEmpty())
        return keyError(QCoreApplication::translate("GooglePlay", "it lacks %1.").arg(missing.join(QStringLiteral(", "))));
    GoogleServiceAccountKey key;
    key.clientEmail = o.value(QLatin1String("client_email")).toString().trimmed();
    key.privateKeyId = o.value(QLatin1String("private_key_id")).toString().trimmed();
    key.tokenUri = o.value(QLatin1String("token_uri")).toString().trimmed();
    key.privateKeyPem = o.value(QLatin1String("private_key")).toString().toLatin1();
    if (!key.clientEmail.contains(QLatin1Char('@')))
        return keyError(QCoreApplication::translate("GooglePlay", "its client_email \"%1\" is not an address.").arg(key.clientEmail));
    if (!acceptableTokenUri(QUrl(key.tokenUri, QUrl::StrictMode)))
        return keyError(QCoreApplication::translate("GooglePlay", "its token_uri \"%1\" is not an https address.")
                            .arg(net::redactedUrl(QUrl(key.tokenUri), net::Redaction::Location)));
    if (auto rsa = readRsaKey(key.privateKeyPem, false); !rsa)
        return rsa.failure();
    return key;
}

bool isGoogleServiceAccountSecret(const QString &secret)
{
    const QString trimmed = secret.trimmed();
    if (!trimmed.startsWith(QLatin1Char('{')))
        return false;
    return QJsonDocument::fromJson(trimmed.toUtf8()).object().value(QLatin1String("type")).toString() ==
           QLatin1String("service_account");
}

Result<QString> googlePlaySecretFromKeyFile(const QString &keyFile, qint64 nowSecs)
{
    if (keyFile.trimmed().isEmpty())
        return Error{QCoreApplication::translate("GooglePlay", "A Google Play account signs in with an access token or a service account's .json key "
                        "file."),
                     ErrorKind::InvalidInput};
    constexpr qint64 kMaxKeyFileBytes = 64 * 1024; // a key file is about 2.3 KB
    QFile file(keyFile.trimmed());
    const QString name = QDir::toNativeSeparators(file.fileName());
    if (file.size() > kMaxKeyFileBytes)
        return Error{QCoreApplication::translate("GooglePlay", "The key file %1 is too large to be a service-account key.").arg(name), ErrorKind::InvalidInput};
    if (!file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("GooglePlay", "The key file %1 cannot be read (%2).").arg(name, file.errorString()), ErrorKind::Io};
    auto key = GoogleServiceAccountKey::fromJson(file.read(kMaxKeyFileBytes));
    if (!key)
        return Error{QCoreApplication::translate("GooglePlay", "%1 (file %2)").arg(key.error(), name), key.errorKind()};
    if (auto signs = makeGoogleServiceJwt(*key, nowSecs); !signs)
        return signs.failure();
    return key->toSecret();
}

Result<QByteArray> makeGoogleServiceJwt(const GoogleServiceAccountKey &key, qint64 nowSecs, int lifetimeSecs)
{
    if (lifetimeSecs <= 0 || lifetimeSecs > kGoogleJwtMaxLifetimeSecs)
        return Error{QCoreApplication::translate("GooglePlay", "A service-account assertion lives 1 to %1 seconds.").arg(kGoogleJwtMaxLifetimeSecs),
                     ErrorKind::InvalidInput};
    auto pkey = readRsaKey(key.privateKeyPem, false);
    if (!pkey)
        return pkey.failure();
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("kid"), key.privateKeyId},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QJsonObject claims{{QStringLiteral("iss"), key.clientEmail},
                             {QStringLiteral("scope"), QLatin1String(kAndroidPublisherScope)},
                             {QStringLiteral("aud"), key.tokenUri},
                             {QStringLiteral("iat"), nowSecs},
                             {QStringLiteral("exp"), nowSecs + lifetimeSecs}};
    const QByteArray signingInput = jwt::base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    jwt::base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    // RSA signs PKCS#1 v1.5 by default with EVP_DigestSign: exactly RS256 (RFC 7518, 3.3).
    const QByteArray signature = jwt::signSha256(pkey->get(), signingInput);
    if (signature.isEmpty())
        return keyError(QCoreApplication::translate("GooglePlay", "OpenSSL could not sign with it."));
    return signingInput + '.' + jwt::base64Url(signature);
}

Result<QByteArray> verifyRs256Jwt(const QByteArray &token, const QByteArray &pem)
{
    jwt::Parts parts;
    if (!jwt::splitJws(token, parts) ||
        QJsonDocument::fromJson(parts.header).object().value(QLatin1String("alg")).toString() !=
            QLatin1String("RS256"))
        return Error{QCoreApplication::translate("GooglePlay", "The token is not an RS256-signed JWT."), ErrorKind::Corrupt};
    auto pkey = readRsaKey(pem, true);
    if (!pkey)
        return pkey.failure();
    if (!jwt::verifySha256(pkey->get(), parts.signingInput, parts.signature))
        return Error{QCoreApplication::translate("GooglePlay", "The token's signature does not match the key."), ErrorKind::RefusedByPolicy};
    return parts.claims;
}

void googleAuthorizationAsync(QNetworkAccessManager *network, const Clock &clock, const QString &secret,
                              int timeoutMs, QObject *context, GoogleAuthorizationDone done)
{
    const QByteArray id = TokenCache::idOf(secret);
    const qint64 nowMs = clock.nowMs();
    if (const QByteArray kept = TokenCache::instance().usable(id, nowMs); !kept.isEmpty()) {
        GoogleAuthorization a;
        a.outcome.kind = net::OutcomeKind::Success;
        a.header = kept;
        a.fromCache = true;
        done(a);
        return;
    }
    auto key = GoogleServiceAccountKey::fromJson(secret.toUtf8());
    if (!key) {
        net::HttpOutcome refused;
        done(failed(net::OutcomeKind::AuthExpired, refused,
                    QCoreApplication::translate("GooglePlay", "The keychain entry of this Google Play account is not a usable service-account key (%1); "
                       "add the key file again.")
                        .arg(key.error())));
        return;
    }
    auto assertion = makeGoogleServiceJwt(*key, nowMs / 1000);
    if (!assertion) {
        done(failed(net::OutcomeKind::AuthExpired, net::HttpOutcome{}, assertion.error()));
        return;
    }
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
    form.addQueryItem(QStringLiteral("assertion"), QString::fromLatin1(*assertion));
    net::HttpRequestSpec spec;
    spec.verb = "POST";
    spec.url = QUrl(key->tokenUri);
    spec.body = form.toString(QUrl::FullyEncoded).toLatin1();
    spec.timeoutMs = timeoutMs;
    spec.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    // One attempt: the sync and the outbox each decide when to try again.
    net::RetryPolicy once;
    once.maxAttempts = 1;
    auto *job = new net::HttpJob(network, clock, spec, once, context);
    const QUrl tokenUri = spec.url;
    const QString clientEmail = key->clientEmail;
    const Clock *clockPtr = &clock;
    QObject::connect(job, &net::HttpJob::finished, context,
                     [job, id, tokenUri, clientEmail, clockPtr, done](const net::HttpOutcome &answer) {
                         job->deleteLater();
                         KeptToken kept;
                         const GoogleAuthorization a =
                             readTokenAnswer(answer, tokenUri, clientEmail, clockPtr->nowMs(), kept);
                         if (!a.header.isEmpty())
                             TokenCache::instance().keep(id, kept);
                         done(a);
                     });
    job->start();
}

void forgetGoogleAccessToken(const QString &secret) { TokenCache::instance().forget(TokenCache::idOf(secret)); }

void clearGoogleAccessTokens() { TokenCache::instance().clear(); }

} // namespace sportello::accounts
