#pragma once
// The App Store Connect API's sign-in: every request carries a short-lived JSON Web Token signed
// with ES256 (ECDSA over P-256 with SHA-256) by the team's API key, a .p8 file (PKCS#8 PEM).
// The key, its key id and the issuer id live together in the system keychain under the account's
// token key (see AppStoreKey); the token is made afresh for each sync or reply and never stored.
// The signature comes from OpenSSL's libcrypto; nothing cryptographic is written by hand here.
// See docs/app-stores.md.

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace sportello::accounts {

// Apple refuses tokens that live longer than 20 minutes.
inline constexpr int kAppStoreJwtMaxLifetimeSecs = 20 * 60;

// What the keychain holds for an App Store Connect account, as one JSON object
// {"issuer_id","key_id","private_key"} (the PEM text of the .p8 file).
struct AppStoreKey {
    QString issuerId;
    QString keyId;
    QByteArray privateKeyPem;

    QString toSecret() const;
    // An error that says what is missing; never quotes the key.
    static Result<AppStoreKey> fromSecret(const QString &secret);
};

// Checks that pem is a private key OpenSSL can read and that it is an EC key on P-256, as
// ES256 needs; the error says which of these failed (never quoting the key).
Status checkAppStorePrivateKey(const QByteArray &pem);

// The keychain entry for an API key read from its .p8 file (at most 64 KiB), checked: the issuer
// and key ids are given, the key is an EC P-256 key, and it signs. Shared by the console's accounts
// page and `account add`; errors name the file, never the key.
Result<QString> appStoreSecretFromKeyFile(const QString &issuerId, const QString &keyId, const QString &keyFile,
                                          qint64 nowSecs);

// The signed token: header {"alg":"ES256","kid","typ":"JWT"}, claims {"iss","iat","exp","aud":
// "appstoreconnect-v1"}, exp = iat + lifetimeSecs (at most 20 minutes), signature the 64-byte
// r||s form JWS asks for (OpenSSL gives DER; it is converted).
Result<QByteArray> makeAppStoreJwt(const AppStoreKey &key, qint64 nowSecs,
                                   int lifetimeSecs = kAppStoreJwtMaxLifetimeSecs);

// The Authorization header value for a request now: "Bearer " and a fresh token made from the
// keychain entry (AppStoreKey::toSecret's form).
Result<QByteArray> appStoreAuthorization(const QString &secret, qint64 nowMs);

// For tests and diagnostics: verifies an ES256 JWT against the public half of pem (a private or
// public key) and returns its claims' JSON; an error for a bad signature or a malformed token.
Result<QByteArray> verifyEs256Jwt(const QByteArray &jwt, const QByteArray &pem);

} // namespace sportello::accounts
