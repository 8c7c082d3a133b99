#include "accounts/AppStoreJwt.h"

#include "accounts/JwtSigning.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>

namespace sportello::accounts {

namespace {

using jwt::base64Url;
using jwt::Key;

struct SigFree {
    void operator()(ECDSA_SIG *s) const { ECDSA_SIG_free(s); }
};
using Sig = std::unique_ptr<ECDSA_SIG, SigFree>;

constexpr int kP256CoordinateBytes = 32;

Error keyError(const QString &why)
{
    return Error{QCoreApplication::translate("Accounts", "The App Store Connect key cannot be used: %1").arg(why),
                 ErrorKind::InvalidInput};
}

// Reads a private key, or (publicOnly allowed) a public key, from PEM text, and checks that it is
// an EC key on P-256.
Result<Key> readKey(const QByteArray &pem, bool allowPublic)
{
    if (pem.trimmed().isEmpty())
        return keyError(QCoreApplication::translate("Accounts", "the key file is empty."));
    Key key = jwt::readPemKey(pem, allowPublic);
    if (!key)
        return keyError(QCoreApplication::translate(
            "Accounts", "it is not a PEM private key (the .p8 file from App Store Connect, starting with "
                        "\"-----BEGIN PRIVATE KEY-----\"), or it is damaged."));
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC)
        return keyError(QCoreApplication::translate("Accounts", "it is not an elliptic-curve key; ES256 needs a P-256 "
                                                                "key such as App Store Connect issues."));
    char group[64] = {};
    size_t groupLength = 0;
    if (EVP_PKEY_get_group_name(key.get(), group, sizeof group, &groupLength) != 1 ||
        QByteArray(group, int(groupLength)) != "prime256v1")
        return keyError(QCoreApplication::translate("Accounts", "its curve is %1, not P-256, which ES256 needs.")
                            .arg(QString::fromLatin1(group, int(groupLength))));
    return key;
}

} // namespace

QString AppStoreKey::toSecret() const
{
    const QJsonObject o{{QStringLiteral("issuer_id"), issuerId},
                        {QStringLiteral("key_id"), keyId},
                        {QStringLiteral("private_key"), QString::fromLatin1(privateKeyPem)}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<AppStoreKey> AppStoreKey::fromSecret(const QString &secret)
{
    const QJsonObject o = QJsonDocument::fromJson(secret.toUtf8()).object();
    AppStoreKey key;
    key.issuerId = o.value(QLatin1String("issuer_id")).toString().trimmed();
    key.keyId = o.value(QLatin1String("key_id")).toString().trimmed();
    key.privateKeyPem = o.value(QLatin1String("private_key")).toString().toLatin1();
    if (key.issuerId.isEmpty() || key.keyId.isEmpty() || key.privateKeyPem.isEmpty())
        return Error{QCoreApplication::translate(
                         "Accounts", "The keychain entry of this App Store Connect account is not an API key (issuer "
                                     "id, key id and .p8 key): add the account again with its key file."),
                     ErrorKind::RefusedByPolicy};
    return key;
}

Status checkAppStorePrivateKey(const QByteArray &pem)
{
    auto key = readKey(pem, false);
    if (!key)
        return key.failure();
    return {};
}

Result<QByteArray> makeAppStoreJwt(const AppStoreKey &key, qint64 nowSecs, int lifetimeSecs)
{
    if (lifetimeSecs <= 0 || lifetimeSecs > kAppStoreJwtMaxLifetimeSecs)
        return Error{QCoreApplication::translate("Accounts", "An App Store Connect token lives 1 to %1 seconds.")
                         .arg(kAppStoreJwtMaxLifetimeSecs),
                     ErrorKind::InvalidInput};
    auto pkey = readKey(key.privateKeyPem, false);
    if (!pkey)
        return pkey.failure();

    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("ES256")},
                             {QStringLiteral("kid"), key.keyId},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QJsonObject claims{{QStringLiteral("iss"), key.issuerId},
                             {QStringLiteral("iat"), nowSecs},
                             {QStringLiteral("exp"), nowSecs + lifetimeSecs},
                             {QStringLiteral("aud"), QStringLiteral("appstoreconnect-v1")}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    const QByteArray der = jwt::signSha256(pkey->get(), signingInput);
    if (der.isEmpty())
        return keyError(QCoreApplication::translate("Accounts", "OpenSSL could not sign with it."));

    // OpenSSL gives the ASN.1 DER sequence of r and s; JWS (RFC 7518, 3.4) wants both as 32-byte
    // big-endian numbers, r then s.
    const auto *derBytes = reinterpret_cast<const unsigned char *>(der.constData());
    Sig sig(d2i_ECDSA_SIG(nullptr, &derBytes, long(der.size())));
    if (!sig)
        return keyError(QCoreApplication::translate("Accounts", "OpenSSL gave a signature that cannot be read."));
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * kP256CoordinateBytes, '\0');
    auto *rawBytes = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, rawBytes, kP256CoordinateBytes) != kP256CoordinateBytes ||
        BN_bn2binpad(s, rawBytes + kP256CoordinateBytes, kP256CoordinateBytes) != kP256CoordinateBytes)
        return keyError(QCoreApplication::translate("Accounts", "OpenSSL gave a signature that cannot be read."));
    return signingInput + '.' + base64Url(raw);
}

Result<QString> appStoreSecretFromKeyFile(const QString &issuerId, const QString &keyId, const QString &keyFile,
                                          qint64 nowSecs)
{
    AppStoreKey key;
    key.issuerId = issuerId.trimmed();
    key.keyId = keyId.trimmed();
    if (key.issuerId.isEmpty() || key.keyId.isEmpty() || keyFile.trimmed().isEmpty())
        return Error{QCoreApplication::translate("AppStore", "An App Store Connect account needs the issuer id, the "
                                                             "key id and the .p8 key file of an API key."),
                     ErrorKind::InvalidInput};
    constexpr qint64 kMaxKeyFileBytes = 64 * 1024; // a .p8 file is a few hundred bytes
    QFile p8(keyFile.trimmed());
    if (p8.size() > kMaxKeyFileBytes)
        return Error{QCoreApplication::translate("AppStore", "The key file %1 is too large to be a .p8 key.")
                         .arg(QDir::toNativeSeparators(p8.fileName())),
                     ErrorKind::InvalidInput};
    if (!p8.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("AppStore", "The key file %1 cannot be read (%2).")
                         .arg(QDir::toNativeSeparators(p8.fileName()), p8.errorString()),
                     ErrorKind::Io};
    key.privateKeyPem = p8.read(kMaxKeyFileBytes);
    if (Status usable = checkAppStorePrivateKey(key.privateKeyPem); !usable)
        return usable.failure();
    if (auto signs = makeAppStoreJwt(key, nowSecs); !signs)
        return signs.failure();
    return key.toSecret();
}

Result<QByteArray> appStoreAuthorization(const QString &secret, qint64 nowMs)
{
    auto key = AppStoreKey::fromSecret(secret);
    if (!key)
        return key.failure();
    auto jwt = makeAppStoreJwt(*key, nowMs / 1000);
    if (!jwt)
        return jwt.failure();
    return QByteArray("Bearer ") + *jwt;
}

Result<QByteArray> verifyEs256Jwt(const QByteArray &token, const QByteArray &pem)
{
    auto malformed = [] {
        return Error{QCoreApplication::translate("Accounts", "The token is not a signed JWT."), ErrorKind::Corrupt};
    };
    jwt::Parts parts;
    if (!jwt::splitJws(token, parts) || parts.signature.size() != 2 * kP256CoordinateBytes)
        return malformed();
    if (QJsonDocument::fromJson(parts.header).object().value(QLatin1String("alg")).toString() !=
        QLatin1String("ES256"))
        return malformed();
    auto pkey = readKey(pem, true);
    if (!pkey)
        return pkey.failure();

    // Back from r||s to the DER form OpenSSL verifies.
    const auto *raw = reinterpret_cast<const unsigned char *>(parts.signature.constData());
    Sig sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(raw, kP256CoordinateBytes, nullptr);
    BIGNUM *s = BN_bin2bn(raw + kP256CoordinateBytes, kP256CoordinateBytes, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return malformed();
    }
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig.get(), &der);
    if (derLength <= 0)
        return malformed();
    const QByteArray derSignature(reinterpret_cast<const char *>(der), derLength);
    OPENSSL_free(der);

    if (!jwt::verifySha256(pkey->get(), parts.signingInput, derSignature))
        return Error{QCoreApplication::translate("Accounts", "The token's signature does not match the key."),
                     ErrorKind::RefusedByPolicy};
    return parts.claims;
}

} // namespace sportello::accounts
