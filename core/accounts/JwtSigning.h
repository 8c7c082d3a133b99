#pragma once
// What the JWT sign-ins share (App Store Connect's ES256, Google service accounts' RS256): the
// base64url form JWS uses, owners for OpenSSL's objects, reading a PEM key and signing or
// verifying with SHA-256. Internal to core/accounts; nothing cryptographic is written by hand,
// OpenSSL's libcrypto does it.

#include <QByteArray>

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>

namespace sportello::accounts::jwt {

struct BioFree {
    void operator()(BIO *b) const { BIO_free(b); }
};
struct KeyFree {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// base64url without padding (RFC 7515, 2).
QByteArray base64Url(const QByteArray &bytes);
// The three dot-separated parts of a compact JWS, decoded; false when it is not one.
struct Parts {
    QByteArray signingInput; // header.claims as sent, still encoded
    QByteArray header;
    QByteArray claims;
    QByteArray signature;
};
bool splitJws(const QByteArray &jws, Parts &parts);

// A private key, or with allowPublic also a public key, from PEM text; null when OpenSSL cannot
// read it. The passphrase callback refuses: a key file from a store is never encrypted, and a
// prompt must not block.
Key readPemKey(const QByteArray &pem, bool allowPublic);

// The signature over input with SHA-256 as OpenSSL gives it (DER for ECDSA, raw for RSA
// PKCS#1 v1.5); empty when signing failed.
QByteArray signSha256(EVP_PKEY *key, const QByteArray &input);
// Whether signature (OpenSSL's form, as above) is valid for input under key.
bool verifySha256(EVP_PKEY *key, const QByteArray &input, const QByteArray &signature);

} // namespace sportello::accounts::jwt
