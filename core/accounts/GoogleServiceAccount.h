#pragma once
// The Google Play Developer API's sign-in with a Google Cloud service account: the account's JSON
// key file (type "service_account", client_email, private_key, private_key_id, token_uri) lives in
// the system keychain, never in the cache. To call the API, a JSON Web Token signed RS256 with the
// private key (claims iss = client_email, scope = androidpublisher, aud = token_uri, iat, exp; the
// header's kid = private_key_id) is exchanged at token_uri for a bearer access token
// (grant_type urn:ietf:params:oauth:grant-type:jwt-bearer, RFC 7523). The access token is kept in
// memory only, until a minute before it expires, then a new one is asked for; a 401 from the API
// drops it so the next request asks again. A pasted access token (a bare string in the keychain)
// keeps working as before. The signature comes from OpenSSL's libcrypto. See docs/app-stores.md.

#include "common/Result.h"
#include "net/HttpJob.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QObject;

namespace sportello {
class Clock;
}

namespace sportello::accounts {

// Google refuses assertions that live longer than an hour.
inline constexpr int kGoogleJwtMaxLifetimeSecs = 60 * 60;
// An access token is asked for again this long before Google says it expires.
inline constexpr qint64 kGoogleTokenRenewMarginMs = 60'000;
inline constexpr char kAndroidPublisherScope[] = "https://www.googleapis.com/auth/androidpublisher";

// What is kept of a key file (the keychain holds these fields as compact JSON).
struct GoogleServiceAccountKey {
    QString clientEmail;
    QString privateKeyId;
    QString tokenUri;
    QByteArray privateKeyPem;

    // The keychain entry: {"type":"service_account","client_email","private_key_id",
    // "private_key","token_uri"}.
    QString toSecret() const;
    // A key file's (or a keychain entry's) JSON, checked strictly: JSON, an object of type
    // "service_account", every field present, client_email an address, private_key an RSA key of at
    // least 2048 bits, token_uri https (http only to this computer, for tests). The error says which
    // of these failed and never quotes the key.
    static Result<GoogleServiceAccountKey> fromJson(const QByteArray &json);
};

// Whether a keychain entry is a service-account key rather than a pasted access token: a JSON
// object whose type is "service_account". Cheap; does not check the key.
bool isGoogleServiceAccountSecret(const QString &secret);

// The keychain entry for a key file (at most 64 KiB), checked as fromJson does and signed once.
// Shared by the console's accounts page and `account add`; errors name the file, never the key.
Result<QString> googlePlaySecretFromKeyFile(const QString &keyFile, qint64 nowSecs);

// The signed assertion: header {"alg":"RS256","kid","typ":"JWT"}, claims {"iss","scope","aud",
// "iat","exp"}, exp = iat + lifetimeSecs (at most an hour), signature RSASSA-PKCS1-v1_5 SHA-256.
Result<QByteArray> makeGoogleServiceJwt(const GoogleServiceAccountKey &key, qint64 nowSecs,
                                        int lifetimeSecs = kGoogleJwtMaxLifetimeSecs);

// For tests and diagnostics: verifies an RS256 JWT against the public half of pem (a private or
// public key) and returns its claims' JSON; an error for a bad signature or a malformed token.
Result<QByteArray> verifyRs256Jwt(const QByteArray &jwt, const QByteArray &pem);

// A bearer token for a request, or why there is none.
struct GoogleAuthorization {
    // Success; or AuthExpired when Google refused the key (invalid_grant and the like: the account
    // needs its key added again), Retryable when the token endpoint did not answer, answered 5xx
    // or answered something unreadable (try again later). The message names the cause.
    net::HttpOutcome outcome;
    QByteArray header;       // "Bearer <access token>" on Success
    bool fromCache = false; // a token kept from an earlier exchange
};
using GoogleAuthorizationDone = std::function<void(const GoogleAuthorization &)>;

// The Authorization header for secret (a keychain entry of a service account): the kept access
// token while it has more than kGoogleTokenRenewMarginMs to live by clock, else a new exchange at
// the key's token_uri (one attempt, timeoutMs). done runs once on context's thread, unless
// context is destroyed first; it may run before this returns. The kept tokens are shared by the
// whole process (every connector and publisher of the account) and are never written anywhere.
void googleAuthorizationAsync(QNetworkAccessManager *network, const Clock &clock, const QString &secret,
                              int timeoutMs, QObject *context, GoogleAuthorizationDone done);
// The API refused the kept token (a 401): the next call exchanges again.
void forgetGoogleAccessToken(const QString &secret);
// Every kept token (tests; a sign-out).
void clearGoogleAccessTokens();

} // namespace sportello::accounts
