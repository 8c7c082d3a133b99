#include "accounts/JwtSigning.h"

#include <QList>

#include <openssl/pem.h>

namespace sportello::accounts::jwt {

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool splitJws(const QByteArray &jws, Parts &parts)
{
    const QList<QByteArray> split = jws.split('.');
    if (split.size() != 3)
        return false;
    const auto decode = [](const QByteArray &part) {
        return QByteArray::fromBase64Encoding(part, QByteArray::Base64UrlEncoding |
                                                        QByteArray::AbortOnBase64DecodingErrors);
    };
    const auto header = decode(split[0]);
    const auto claims = decode(split[1]);
    const auto signature = decode(split[2]);
    if (!header || !claims || !signature || signature.decoded.isEmpty())
        return false;
    parts.signingInput = split[0] + '.' + split[1];
    parts.header = header.decoded;
    parts.claims = claims.decoded;
    parts.signature = signature.decoded;
    return true;
}

Key readPemKey(const QByteArray &pem, bool allowPublic)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio)
        return nullptr;
    auto noPassphrase = [](char *, int, int, void *) -> int { return 0; };
    Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    if (!key && allowPublic) {
        Bio again(BIO_new_mem_buf(pem.constData(), int(pem.size())));
        key.reset(PEM_read_bio_PUBKEY(again.get(), nullptr, noPassphrase, nullptr));
    }
    return key;
}

QByteArray signSha256(EVP_PKEY *key, const QByteArray &input)
{
    MdCtx ctx(EVP_MD_CTX_new());
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(input.size())) != 1)
        return {};
    QByteArray signature(int(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, data,
                       size_t(input.size())) != 1)
        return {};
    signature.resize(int(length));
    return signature;
}

bool verifySha256(EVP_PKEY *key, const QByteArray &input, const QByteArray &signature)
{
    MdCtx ctx(EVP_MD_CTX_new());
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
           EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(input.constData()),
                            size_t(input.size())) == 1;
}

} // namespace sportello::accounts::jwt
