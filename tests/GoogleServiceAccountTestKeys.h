#pragma once
// Google Cloud service-account keys for tests only, shared by the connector tests, the accounts
// page's and the CLI's. TEST-ONLY KEYS: made for these tests (openssl genpkey -algorithm RSA
// -pkeyopt rsa_keygen_bits:2048, public half with openssl pkey -pubout); they sign nothing real
// and are published here on purpose.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace sportello::test {

inline const QByteArray kTestRsaKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCHhXZa1UsIHQX1\n"
    "KTjOA4523AdJXAfMwzC1mks1xo/ZOMUktCbQJurUKTsRRpoV1oWdVYdkAdImE0L7\n"
    "zESgHzkuMaXgjc+jYiELw0n/yv7SW/D74WhnlsyBA8CG2uEAI80ik8/iBxGzrtS1\n"
    "blIeN/XNE3RA3uVUeraR+MsVi/7T/VhlBOM3lcTXqBDzcaknUCLZAoiY2nGLZbXG\n"
    "b5PubHuqhAtO70lBuqcXBSIKUJ3SZPU/gPqUG8ZP/AYbnaK/BOVZ4Ia4zsz0+pE/\n"
    "WGB9t2hTWVP4Icizcit1ZOISrMOea460rl291bAs2E5SrwOgqRZEd1lLN4Abrmdk\n"
    "erQ8fedbAgMBAAECggEALl4ck5F8vYbonev/soUG/mXj3FavmICELu5eo0SPvRuu\n"
    "YBN/YCKgn/yHaC7G04f1aVJ1I2N4Gmzmsy49oKduMf7sqTr7+wO9GMA1ll5G94Rb\n"
    "nGKQDTlMOSwmeD11VE3rhtQaAVS32smLn5PiZtJwuDzavsNEpbXit2jvWyzuAGuj\n"
    "l1agA+hOS+O3py2Di74NmUlwvJM22ntJn1HUrDz20VgTSTUZYGDcdcll9khIIE0I\n"
    "Kskh2YjDP+Pkh1W1dViSiI6yVlOOQ71P47dnUFtP2yeywdAscnJ8mqMpBCquuEsu\n"
    "Ui2ssVAAxnrjex3mEic1jmCTqWZolnjJ/84n1+GJaQKBgQC73tQqlNH40gOEvasH\n"
    "Ld7OyZkCIMZC5FznQMYXUIW7OJaY0VxkCtO5SFglDpwg+IHSiB96TP6qpURvEDMv\n"
    "DLLDsIDuw7N2kTsSmM7gWrK2kMP6FmOX06U3dRc9bEKLYgbmozM8LsVjFcBtJpiG\n"
    "RupVkXMEZKwbNqfobnbswdVdtQKBgQC4qr6eAXDrc00rGXupUuvN7mIAVRNJba+b\n"
    "DzfvVR+EAxr7Wjv45EOithjM5iuJthULc2yi/SMPCEm7eSEIVPcD1t3vArpyhHNi\n"
    "AV3ANfxqK85hF2clWPfnGUZOW5ejHueT8pwgk7+AyqZfq7w8wOG50dRYn2qvW0+g\n"
    "fElbhV/azwKBgG2HO6qXmNK3ndWFvnAxDfUBE3NqKCxXdtJbsSFmkJDWLPZrGLI6\n"
    "nbUnuDviiKOwPf+/3JowyUgzkfIuP6jufkoYXRLWhYpaoVX2QKYMOqS1QYxMAURC\n"
    "38+1NBdbRnB8dgmAnB46JlneFJGOLt4Z+gRpB+VHzA8RjlK0FCFz4DEBAoGAbZxL\n"
    "kJXiZJ8HyvFRSWwCszUvzmqxDACjHzKlTNYF4uHE/jTNLCqxSr8zcUudxBvj2ewl\n"
    "K4l9acrNmQ2I4d0s0YaULO49pQOhSSbucsyYipx933t4qd5pJy8FYDVViGkro9F5\n"
    "goywOs4OevMAxD7ovNcjZ4cYWAWm+edL05sTDlkCgYEAoVsm3AKraVdUYz/86pxO\n"
    "aA9QM/sgb2rKFH1lRrRRmiNAWEjmDZ/PuBoTqGy3X2fpuCDkEo7jfXbWvrFms0Up\n"
    "/lL7t37klgcp79YoHno66XojVJ6PPBUMCPcMt0UvrROr75zIKIL/1qEbVyTN+rBd\n"
    "ng46wKVk+JBObORDiFVJv04=\n"
    "-----END PRIVATE KEY-----\n";

inline const QByteArray kTestRsaPublicKey =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAh4V2WtVLCB0F9Sk4zgOO\n"
    "dtwHSVwHzMMwtZpLNcaP2TjFJLQm0Cbq1Ck7EUaaFdaFnVWHZAHSJhNC+8xEoB85\n"
    "LjGl4I3Po2IhC8NJ/8r+0lvw++FoZ5bMgQPAhtrhACPNIpPP4gcRs67UtW5SHjf1\n"
    "zRN0QN7lVHq2kfjLFYv+0/1YZQTjN5XE16gQ83GpJ1Ai2QKImNpxi2W1xm+T7mx7\n"
    "qoQLTu9JQbqnFwUiClCd0mT1P4D6lBvGT/wGG52ivwTlWeCGuM7M9PqRP1hgfbdo\n"
    "U1lT+CHIs3IrdWTiEqzDnmuOtK5dvdWwLNhOUq8DoKkWRHdZSzeAG65nZHq0PH3n\n"
    "WwIDAQAB\n"
    "-----END PUBLIC KEY-----\n";

// A second RSA key the token endpoint does not know: its signatures do not verify.
inline const QByteArray kOtherRsaKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCvZ/Or0BFhszXF\n"
    "VfHeYyfpO7GQ2Z87IUvMJESuHmhrFae2ASha+t515BUqJpN40DVJg/s6P+1chlu2\n"
    "WEwqMYVaQjckf5J12mR4pUQOUxejM8V6Nclp/y2pW87cIWRqZjWYZEjxwYd8sdsZ\n"
    "ineB93qLMLRvZ/cLUZSQismIST8UfZmf9ppYX8Z27rlf4RRo0kUn/3jC+XN0nlqQ\n"
    "pRyi/kBJR/bQzH4HyUyFk7XoU8s7Gf572nAOucqTCK4xBLP2/UxlxTE14rTuaEF8\n"
    "rotwWXeXxA0VZ+9bhuvPGIzPuIu7ksKcr/mSFeFbgIjiO3BqgLkszKfXIvH9VzSz\n"
    "4iFWgj6hAgMBAAECggEAFpmSL8TzOF9awj48l6a28bobOsqPVZMIrRjPMJACbCmy\n"
    "HiUwCejg2Ne2UmP+BEbvVrWGnQ63ioBVOL1PsvAGeoaljDJTsJOe9lx01FOobAKz\n"
    "ovdjKCEUxQlrMbmrsnnQ1f212FBTIKHZ1QSeOUSlqWFxHhmLHw430hfPt5uYYQ9H\n"
    "K+FwF8WUKoGP2P2ls14KFLymuvI4EWPgujjYick/b0ySlmkT5VX5TaZ2wfN4fjm9\n"
    "9Runa3iGTQN4KQ4XXnHap3pwmyfIylPd4B4vZlMKYkgqOgxl4zD34KqDOG9vOBPr\n"
    "MG4mvK7wplKPPiZtzJ0QMKidVYCdDoHa7WQIzGCJQQKBgQDWWUncEA4mQXIrrDRy\n"
    "iwyAD0ZJYaNRuhMQGHALpl45KzYfA5Eco8tyRTKGhvp1EMkhS6IoPvXT2vpZzLNs\n"
    "RPqEk9Hz7gVDuvqE9H+FIFCXpP2G/0INiBtXrFDr4Dvljq7D+I4Rjptc6siQY9Wk\n"
    "ZMn9LYTqvFiuiBIdrgYDMr4/xQKBgQDRfXhbDB5Up8qUamHZQXbHjx7yRceMdS34\n"
    "bXzlP/8v9/2nsEI5DlGR3W5FEy8PiPWp7RvjLzTP3beWGqN86ptN52G2n4fy5TCc\n"
    "RlUeL/IN/ZzKqHDUIoXNFT8VJMPYRkMXnLHB2VjioOL5UjRxGWTaYjY3KK1S4s8s\n"
    "JYrsCvx1LQKBgCEIma1kfAnBREseuuZ8L2z87aQZfAX4Wz+7xGjHNvYwhqK49gAn\n"
    "7g6qQ2MgIjEwaQ7MjS0OpuwDb1mvhmdFKiaMcWraX81UX49l7tEhbcoxDzFi3Vcg\n"
    "hrY4RDBV2mVCXASvpZVnGOJ0/HvkJuSy874k6bsTU8dyCPix/RM5GsDRAoGBAJ3h\n"
    "4gM8bt9+Vb7lLjl+jPZ5dulAjdPdvHeujKJ6SOjuDc2DmWVG1VMJf0Gv45fhsMQQ\n"
    "XyQpP7QpdWM7UFuktMdRyuLH+L2m3avpldzaZaMFsFVL/Tzjh9O4X4Kf4rnsukPh\n"
    "ZFakZ8jlWCpvOfbDHK85tYJ8taPyLBEpejnLTdlBAoGBANHDovHU5PqIKT2Zgd8m\n"
    "ZO076UaNW3cxWGcbo7or91YN8AQLEMCpiNpiH+QZVKcxFrSvqxatm4+CnqdjV8RF\n"
    "/ROGRkkkYydLNnSe3cUr9oY1YzLGUSwDsPtYPyi4d+/aQK8vH83ismEHBdu+Djux\n"
    "ZEiBpalgTXOsayKyzD7w1si/\n"
    "-----END PRIVATE KEY-----\n";

inline const QString kTestClientEmail = QStringLiteral("sportello-reviews@example-project.iam.gserviceaccount.com");
inline const QString kTestPrivateKeyId = QStringLiteral("5a7f3c1e9b2d4f6a8c0e1f2a3b4c5d6e7f8a9b0c");

// A key file as the Google Cloud console gives it, with tokenUri as its token_uri and pem as its
// private key.
inline QByteArray serviceAccountJson(const QString &tokenUri, const QByteArray &pem = kTestRsaKey)
{
    const QJsonObject o{{QStringLiteral("type"), QStringLiteral("service_account")},
                        {QStringLiteral("project_id"), QStringLiteral("example-project")},
                        {QStringLiteral("private_key_id"), kTestPrivateKeyId},
                        {QStringLiteral("private_key"), QString::fromLatin1(pem)},
                        {QStringLiteral("client_email"), kTestClientEmail},
                        {QStringLiteral("client_id"), QStringLiteral("104235671928374650123")},
                        {QStringLiteral("auth_uri"), QStringLiteral("https://accounts.google.com/o/oauth2/auth")},
                        {QStringLiteral("token_uri"), tokenUri}};
    return QJsonDocument(o).toJson();
}

} // namespace sportello::test
