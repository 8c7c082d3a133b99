#pragma once
// A Google OAuth 2.0 token endpoint for the service-account sign-in (RFC 7523 jwt-bearer), served
// by LocalHttpServer: it checks the request form, VERIFIES the assertion's RS256 signature with
// the test key's public half (with OpenSSL directly, not with the product's code), checks the
// header and claims, and answers a numbered access token, or invalid_grant as Google does.

#include "GoogleServiceAccountTestKeys.h"
#include "LocalHttpServer.h"
#include "common/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QUrlQuery>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace sportello::test {

struct GoogleTokenEndpoint {
    const Clock *clock = nullptr;
    QString audience;                   // the token_uri the assertion must name
    QByteArray publicKey = kTestRsaPublicKey;
    int expiresInSecs = 3600;
    int issued = 0;                     // access tokens handed out: "ya29.sa-token-<n>"
    QStringList refusals;               // why each refused assertion was refused
    QList<QJsonObject> claims;          // of each accepted assertion

    static bool rs256Valid(const QByteArray &publicPem, const QByteArray &input, const QByteArray &signature)
    {
        BIO *bio = BIO_new_mem_buf(publicPem.constData(), int(publicPem.size()));
        EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        const bool ok = key && ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
                        EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                                         size_t(signature.size()),
                                         reinterpret_cast<const unsigned char *>(input.constData()),
                                         size_t(input.size())) == 1;
        EVP_MD_CTX_free(ctx);
        EVP_PKEY_free(key);
        return ok;
    }

    CannedResponse refuse(const QString &why)
    {
        refusals << why;
        return CannedResponse::json(
            400, QJsonDocument(QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_grant")},
                                           {QStringLiteral("error_description"), why}})
                     .toJson(QJsonDocument::Compact));
    }

    CannedResponse handle(const ReceivedRequest &r)
    {
        if (r.method != "POST" || !r.header("content-type").startsWith("application/x-www-form-urlencoded"))
            return refuse(QStringLiteral("not a form POST"));
        const QUrlQuery form(QString::fromLatin1(r.body));
        if (form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded) !=
            QLatin1String("urn:ietf:params:oauth:grant-type:jwt-bearer"))
            return refuse(QStringLiteral("wrong grant_type"));
        const QByteArray assertion = form.queryItemValue(QStringLiteral("assertion"), QUrl::FullyDecoded).toLatin1();
        const QList<QByteArray> parts = assertion.split('.');
        if (parts.size() != 3)
            return refuse(QStringLiteral("not a JWT"));
        const auto decode = [](const QByteArray &p) {
            return QByteArray::fromBase64(p, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        };
        if (!rs256Valid(publicKey, parts[0] + '.' + parts[1], decode(parts[2])))
            return refuse(QStringLiteral("Invalid JWT Signature."));
        const QJsonObject header = QJsonDocument::fromJson(decode(parts[0])).object();
        if (header.value(QLatin1String("alg")).toString() != QLatin1String("RS256") ||
            header.value(QLatin1String("kid")).toString() != kTestPrivateKeyId)
            return refuse(QStringLiteral("wrong header"));
        const QJsonObject c = QJsonDocument::fromJson(decode(parts[1])).object();
        const qint64 iat = qint64(c.value(QLatin1String("iat")).toDouble());
        const qint64 exp = qint64(c.value(QLatin1String("exp")).toDouble());
        const qint64 now = clock->nowMs() / 1000;
        if (c.value(QLatin1String("iss")).toString() != kTestClientEmail ||
            c.value(QLatin1String("scope")).toString() !=
                QLatin1String("https://www.googleapis.com/auth/androidpublisher") ||
            c.value(QLatin1String("aud")).toString() != audience)
            return refuse(QStringLiteral("wrong claims"));
        if (iat > now + 60 || iat < now - 60 || exp <= now || exp - iat > 3600)
            return refuse(QStringLiteral("Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                                         "reasonable timeframe."));
        claims << c;
        ++issued;
        return CannedResponse::json(
            200, QJsonDocument(QJsonObject{{QStringLiteral("access_token"),
                                            QStringLiteral("ya29.sa-token-%1").arg(issued)},
                                           {QStringLiteral("expires_in"), expiresInSecs},
                                           {QStringLiteral("token_type"), QStringLiteral("Bearer")}})
                     .toJson(QJsonDocument::Compact));
    }

    // Serves this endpoint at path on server; returns the token_uri.
    QString install(LocalHttpServer &server, const QString &path, const Clock &c)
    {
        clock = &c;
        audience = server.url(path).toString();
        server.setHandler(path, [this](const ReceivedRequest &r) { return handle(r); });
        return audience;
    }
};

} // namespace sportello::test
