#pragma once
// App Store Connect API keys for tests only, shared by the connector tests and the accounts page's.

#include <QByteArray>

namespace sportello::test {

// A P-256 key made for these tests only (openssl genpkey -algorithm EC -pkeyopt
// ec_paramgen_curve:P-256), and its public half (openssl pkey -pubout).
inline const QByteArray kTestKey = "-----BEGIN PRIVATE KEY-----\n"
                                   "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgM87nDc820e5flzYg\n"
                                   "q2svAbT0WqoBesCGnFCOCeVkIPWhRANCAATJNfuZU60PKEvLVRJZSWLbbaQ7eE4/\n"
                                   "XLCI+SKS7pon0VbhVHTUcu5gq4ESh0PfXfFkVQS+upev1q7RZGRuoqQV\n"
                                   "-----END PRIVATE KEY-----\n";
inline const QByteArray kTestPublicKey = "-----BEGIN PUBLIC KEY-----\n"
                                         "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEyTX7mVOtDyhLy1USWUli222kO3hO\n"
                                         "P1ywiPkiku6aJ9FW4VR01HLuYKuBEodD313xZFUEvrqXr9au0WRkbqKkFQ==\n"
                                         "-----END PUBLIC KEY-----\n";
// Keys of the wrong kind: Ed25519, and EC on P-384 (ES384's curve, not ES256's).
inline const QByteArray kEd25519Key = "-----BEGIN PRIVATE KEY-----\n"
                                      "MC4CAQAwBQYDK2VwBCIEIJocIapsbbyihYXnJwCLZvd5Vkmn/dRLDJV9Qvvdjr0V\n"
                                      "-----END PRIVATE KEY-----\n";
inline const QByteArray kP384Key = "-----BEGIN PRIVATE KEY-----\n"
                                   "MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBVZNzyQ/HlCkFVtDgp\n"
                                   "+h+4+Mu1mUXkT4YiuvYtwFFrjdZjhfC6UYB7E3xG7wAJ4IOhZANiAARKSi8gREoX\n"
                                   "OmdRsHJx0Uny3ECk65lvkPFS3zTXr+Q6KxtRgNkV2SfSDb48HXV3jHQ0lGhtkPEN\n"
                                   "dOhwD2OgYyInDELd5EvWYTA73jBLYylDy3RzTlg9+vX/3Ohhmrc6S/k=\n"
                                   "-----END PRIVATE KEY-----\n";

} // namespace sportello::test
