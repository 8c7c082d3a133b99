// Channel accounts: the store, base URL rules, where tokens live, and sportello-cli account.

#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "GoogleServiceAccountTestKeys.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "net/HttpJob.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QUuid>

using namespace sportello;
using namespace sportello::net;
using namespace sportello::accounts;
using namespace sportello::test;

namespace {

// The cache file and its write-ahead log, as bytes.
QByteArray cacheBytes(const QString &path)
{
    QByteArray bytes = fileBytes(path);
    if (QFile::exists(path + QStringLiteral("-wal")))
        bytes += fileBytes(path + QStringLiteral("-wal"));
    return bytes;
}

struct CliResult {
    int code = -1;
    QByteArray out;
    QByteArray err;
    QByteArray all() const { return out + err; }
};

CliResult runCli(const QString &database, const QStringList &args, const QByteArray &input = {},
                 const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SPORTELLO_CLI_PATH), QStringList{QStringLiteral("--database"), database} + args);
    p.write(input);
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(60000));
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace

TEST_CASE("the account store adds, lists, finds and removes accounts, one per channel and id", "[accounts]")
{
    TempCache cache;
    AccountStore store(*cache.db);
    auto fb = store.add(Channel::Facebook, QStringLiteral("1234"), QString(), QString(), 1000);
    INFO(fb.error().toStdString());
    REQUIRE(fb.ok());
    CHECK(fb->baseUrl == QLatin1String("https://graph.facebook.com"));
    CHECK(QUuid::fromString(fb->id).isNull() == false);
    CHECK(fb->tokenKey() == QLatin1String("facebook:1234"));
    auto x = store.add(Channel::X, QStringLiteral("99"), QStringLiteral("http://127.0.0.1:8080/2"),
                       QStringLiteral("X_TOKEN"), 2000);
    REQUIRE(x.ok());
    CHECK(x->baseUrl == QLatin1String("http://127.0.0.1:8080/2"));
    CHECK(store.add(Channel::Instagram, QStringLiteral("1234"), QString(), QString(), 3000)
              .ok()); // same id, other channel
    CHECK(defaultBaseUrl(Channel::X) == QLatin1String("https://api.x.com/2"));

    // Uniqueness: by the store and by the database itself.
    auto dup = store.add(Channel::Facebook, QStringLiteral("1234"), QString(), QString(), 4000);
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.error().contains(QLatin1String("already")));
    QSqlQuery raw(cache.db->connection());
    CHECK_FALSE(raw.exec(QStringLiteral("INSERT INTO accounts(id, channel, account_id, base_url, created_at) "
                                        "VALUES('u', 'facebook', '1234', 'https://h', 0)")));
    CHECK_FALSE(raw.exec(QStringLiteral("INSERT INTO accounts(id, channel, account_id, base_url, created_at) "
                                        "VALUES('v', 'appstore', '1', 'https://h', 0)")));
    CHECK_FALSE(store.add(Channel::InApp, QStringLiteral("1"), QString(), QString(), 0).ok());
    CHECK_FALSE(store.add(Channel::X, QStringLiteral("  "), QString(), QString(), 0).ok());
    CHECK_FALSE(store.add(Channel::X, QStringLiteral("7"), QString(), QStringLiteral("NOT A NAME"), 0).ok());

    auto all = store.list();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 3);
    CHECK(all->at(0).channel == Channel::Facebook);
    CHECK(all->at(2).channel == Channel::X);
    CHECK(all->at(2).tokenEnv == QLatin1String("X_TOKEN"));
    CHECK_FALSE(all->at(2).needsSignIn);

    REQUIRE(store.setNeedsSignIn(x->id, true).ok());
    auto found = store.find(Channel::X, QStringLiteral("99"));
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK(found->value().needsSignIn);

    REQUIRE(store.remove(Channel::X, QStringLiteral("99")).ok());
    CHECK_FALSE(store.find(Channel::X, QStringLiteral("99"))->has_value());
    CHECK_FALSE(store.remove(Channel::X, QStringLiteral("99")).ok());
    CHECK(store.list()->size() == 2);

    // The Graph API version is pinned in configuration.
    CHECK(store.graphApiVersion().value() == QLatin1String("v19.0"));
    REQUIRE(store.setGraphApiVersion(QStringLiteral("v21.0")).ok());
    CHECK(store.graphApiVersion().value() == QLatin1String("v21.0"));
    CHECK_FALSE(store.setGraphApiVersion(QStringLiteral("latest")).ok());

    // So is the Graph look-back window for new comments on older posts.
    CHECK(store.graphLookbackDays().value() == 14);
    REQUIRE(store.setGraphLookbackDays(30).ok());
    CHECK(store.graphLookbackDays().value() == 30);
    CHECK_FALSE(store.setGraphLookbackDays(0).ok());
    CHECK_FALSE(store.setGraphLookbackDays(366).ok());
    CHECK(store.graphLookbackDays().value() == 30);
}

TEST_CASE("base URLs must be https, or http to this computer", "[accounts]")
{
    CHECK(validateBaseUrl(QStringLiteral("https://graph.facebook.com")).ok());
    CHECK(validateBaseUrl(QStringLiteral("https://api.x.com/2")).ok());
    CHECK(validateBaseUrl(QStringLiteral("http://127.0.0.1:8080")).ok());
    CHECK(validateBaseUrl(QStringLiteral("http://127.3.4.5:1/v19.0")).ok());
    CHECK(validateBaseUrl(QStringLiteral("http://[::1]:9000")).ok());
    CHECK(validateBaseUrl(QStringLiteral("http://localhost:9000")).ok());

    auto plain = validateBaseUrl(QStringLiteral("http://example.com"));
    REQUIRE_FALSE(plain.ok());
    CHECK(plain.error().contains(QLatin1String("https")));
    CHECK(plain.error().contains(QLatin1String("example.com")));
    CHECK_FALSE(validateBaseUrl(QStringLiteral("http://10.0.0.1")).ok());
    CHECK_FALSE(validateBaseUrl(QStringLiteral("http://localhost.example.com")).ok());
    CHECK_FALSE(validateBaseUrl(QStringLiteral("ftp://127.0.0.1/files")).ok());
    CHECK_FALSE(validateBaseUrl(QStringLiteral("ftp://example.com")).ok());
    CHECK_FALSE(validateBaseUrl(QStringLiteral("not a url")).ok());
    CHECK_FALSE(validateBaseUrl(QStringLiteral("graph.facebook.com")).ok());
    CHECK_FALSE(validateBaseUrl(QStringLiteral("https://")).ok());
    CHECK_FALSE(validateBaseUrl(QString()).ok());

    // Credentials never go into a base URL, and the message does not repeat them.
    auto withToken = validateBaseUrl(QStringLiteral("https://graph.facebook.com/v19.0?access_token=EAAB-secret-1"));
    REQUIRE_FALSE(withToken.ok());
    CHECK_FALSE(withToken.error().contains(QLatin1String("EAAB-secret-1")));
    CHECK(withToken.error().contains(QLatin1String("REDACTED")));
    auto withPassword = validateBaseUrl(QStringLiteral("https://user:pa55word@api.x.com/2"));
    REQUIRE_FALSE(withPassword.ok());
    CHECK_FALSE(withPassword.error().contains(QLatin1String("pa55word")));
}

TEST_CASE("tokens come from the keychain store or the named environment variable", "[accounts]")
{
    MemoryTokenStore keychain;
    Account a;
    a.channel = Channel::X;
    a.accountId = QStringLiteral("42");
    REQUIRE(keychain.write(a.tokenKey(), QStringLiteral("tok-42")).ok());
    CHECK(tokenFor(a, keychain).value() == QLatin1String("tok-42"));
    REQUIRE(keychain.remove(a.tokenKey()).ok());
    CHECK_FALSE(tokenFor(a, keychain).ok());
    CHECK(keychain.remove(a.tokenKey()).ok());

    a.tokenEnv = QStringLiteral("SPORTELLO_TEST_TOKEN_42");
    qunsetenv("SPORTELLO_TEST_TOKEN_42");
    auto missing = tokenFor(a, keychain);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().contains(QLatin1String("SPORTELLO_TEST_TOKEN_42")));
    qputenv("SPORTELLO_TEST_TOKEN_42", "env-token-42\n");
    CHECK(tokenFor(a, keychain).value() == QLatin1String("env-token-42"));
    qunsetenv("SPORTELLO_TEST_TOKEN_42");
    CHECK_FALSE(EnvironmentTokenSource().write(a.tokenEnv, QStringLiteral("x")).ok());
}

TEST_CASE("sportello-cli account with --token-env, end to end, the token is never stored or printed", "[accounts][cli]")
{
    TempCache cache;
    const QString path = cache.db->path();
    cache.db.reset();
    const QByteArray secret = "EAAB-very-secret-token-0001";
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SPORTELLO_FB_TOKEN"), QString::fromLatin1(secret));

    auto added = runCli(path,
                        {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"),
                         QStringLiteral("facebook"), QStringLiteral("--id"), QStringLiteral("1122"),
                         QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:8080"),
                         QStringLiteral("--token-env"), QStringLiteral("SPORTELLO_FB_TOKEN")},
                        {}, env);
    INFO(added.all().toStdString());
    REQUIRE(added.code == 0);
    CHECK(added.out.contains("SPORTELLO_FB_TOKEN"));
    CHECK(runCli(path,
                 {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"), QStringLiteral("x"),
                  QStringLiteral("--id"), QStringLiteral("77"), QStringLiteral("--token-env"),
                  QStringLiteral("X_BEARER")},
                 {}, env)
              .code == 0);

    // The same account twice fails; wrong arguments are usage errors.
    CHECK(runCli(path,
                 {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"),
                  QStringLiteral("facebook"), QStringLiteral("--id"), QStringLiteral("1122"),
                  QStringLiteral("--token-env"), QStringLiteral("OTHER")},
                 {}, env)
              .code == 1);
    CHECK(runCli(path,
                 {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"),
                  QStringLiteral("myspace"), QStringLiteral("--id"), QStringLiteral("1"), QStringLiteral("--token-env"),
                  QStringLiteral("T")},
                 {}, env)
              .code == 2);
    CHECK(runCli(path,
                 {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"), QStringLiteral("x"),
                  QStringLiteral("--id"), QStringLiteral("1"), QStringLiteral("--base-url"),
                  QStringLiteral("http://example.com"), QStringLiteral("--token-env"), QStringLiteral("T")},
                 {}, env)
              .code == 2);
    CHECK(runCli(path, {QStringLiteral("account"), QStringLiteral("frobnicate")}).code == 2);

    // A base URL carrying a token is refused, and printed only redacted.
    auto withToken =
        runCli(path,
               {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"), QStringLiteral("x"),
                QStringLiteral("--id"), QStringLiteral("5"), QStringLiteral("--base-url"),
                QStringLiteral("https://api.x.com/2?access_token=") + QString::fromLatin1(secret),
                QStringLiteral("--token-env"), QStringLiteral("T")},
               {}, env);
    CHECK(withToken.code == 2);
    CHECK_FALSE(withToken.all().contains(secret));
    CHECK(withToken.all().contains("REDACTED"));

    auto listed = runCli(path, {QStringLiteral("account"), QStringLiteral("list")}, {}, env);
    INFO(listed.all().toStdString());
    REQUIRE(listed.code == 0);
    CHECK(listed.out.contains("facebook 1122"));
    CHECK(listed.out.contains("http://127.0.0.1:8080"));
    CHECK(listed.out.contains("SPORTELLO_FB_TOKEN"));
    CHECK(listed.out.contains("https://api.x.com/2"));
    CHECK_FALSE(listed.all().contains(secret));

    auto json = runCli(path, {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, {}, env);
    REQUIRE(json.code == 0);
    const QList<QByteArray> lines = json.out.trimmed().split('\n');
    REQUIRE(lines.size() == 2);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
    CHECK(first.value(QStringLiteral("channel")).toString() == QLatin1String("facebook"));
    CHECK(first.value(QStringLiteral("token")).toString() == QLatin1String("env:SPORTELLO_FB_TOKEN"));
    CHECK(first.value(QStringLiteral("needs_sign_in")).toBool() == false);

    CHECK_FALSE(cacheBytes(path).contains(secret));

    auto removed = runCli(path,
                          {QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--channel"),
                           QStringLiteral("facebook"), QStringLiteral("--id"), QStringLiteral("1122")},
                          {}, env);
    INFO(removed.all().toStdString());
    CHECK(removed.code == 0);
    CHECK(runCli(path,
                 {QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--channel"),
                  QStringLiteral("facebook"), QStringLiteral("--id"), QStringLiteral("1122")},
                 {}, env)
              .code == 1);
    auto after = openCache(path);
    REQUIRE(after.ok());
    CHECK(scalar(*after.value(), QStringLiteral("SELECT count(*) FROM accounts")).toInt() == 1);
}

TEST_CASE("sportello-cli account add without --token-env uses the keychain or fails clearly, never plaintext",
          "[accounts][cli]")
{
    TempCache cache;
    const QString path = cache.db->path();
    cache.db.reset();
    const QByteArray secret = "kc-secret-token-0002";
    const QString id = QStringLiteral("sportello-test-%1").arg(QCoreApplication::applicationPid());
    const QStringList args{QStringLiteral("account"),   QStringLiteral("add"),  QStringLiteral("--channel"),
                           QStringLiteral("instagram"), QStringLiteral("--id"), id};

    // No token on standard input is a usage error.
    CHECK(runCli(path, args, "\n").code == 2);

    auto added = runCli(path, args, secret + '\n');
    INFO(added.all().toStdString());
    CHECK_FALSE(added.all().contains(secret));
    {
        auto db = openCache(path);
        REQUIRE(db.ok());
        const int accounts = scalar(*db.value(), QStringLiteral("SELECT count(*) FROM accounts")).toInt();
        if (added.code == 0) {
            // A keychain is available here: the account is recorded, its token is not.
            CHECK(accounts == 1);
        } else {
            CHECK(added.code == 1);
            CHECK(added.err.contains("The system keychain is not available"));
            CHECK(added.err.contains("--token-env"));
            CHECK(accounts == 0);
        }
    }
    CHECK_FALSE(cacheBytes(path).contains(secret));
    auto listed = runCli(path, {QStringLiteral("account"), QStringLiteral("list")});
    CHECK_FALSE(listed.all().contains(secret));
    if (added.code == 0) {
        CHECK(listed.out.contains("keychain"));
        // Clean up the keychain entry this test made.
        auto removed = runCli(path, {QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--channel"),
                                     QStringLiteral("instagram"), QStringLiteral("--id"), id});
        CHECK(removed.code == 0);
    }
}

TEST_CASE("printed URLs never carry tokens", "[accounts]")
{
    const QString shown =
        redactedUrl(QUrl(QStringLiteral("https://graph.facebook.com/v19.0/me/feed?access_token=EAAB-x&after=QVFI")));
    CHECK_FALSE(shown.contains(QLatin1String("EAAB-x")));
    CHECK(shown.contains(QLatin1String("after=QVFI")));
    CHECK_FALSE(redactedUrl(QUrl(QStringLiteral("https://u:pw-123@api.x.com/2"))).contains(QLatin1String("pw-123")));
}

TEST_CASE("an environment variable name that looks like a token is refused without quoting it", "[accounts]")
{
    CHECK(isValidEnvironmentName(QStringLiteral("SPORTELLO_X_TOKEN")));
    CHECK(isValidEnvironmentName(QStringLiteral("sportello_fb_token_2")));
    CHECK(isValidEnvironmentName(QString(64, QLatin1Char('A'))));
    CHECK_FALSE(isValidEnvironmentName(QString(65, QLatin1Char('A'))));
    // A Graph token: EAA, letters and digits, no underscore.
    const QString graph = QStringLiteral("EAAGm0PX4ZCpsBAKZC8ZBZCaBcDeF1234567890");
    CHECK(looksLikeToken(graph));
    CHECK_FALSE(isValidEnvironmentName(graph));
    CHECK(isValidEnvironmentName(QStringLiteral("EAABwzLixnjYBO12345")));        // 19 characters: a name
    CHECK_FALSE(isValidEnvironmentName(QStringLiteral("a1b2c3d4e5f6g7h8i9j0"))); // 20, mixed, no underscore
    CHECK_FALSE(isValidEnvironmentName(QStringLiteral("my_token_value_abc123_def456_ghi789"))); // over 32, mixed
    CHECK(isValidEnvironmentName(QStringLiteral("MY_VERY_LONG_TOKEN_VARIABLE_NAME_FOR_SPORTELLO_2024")));

    TempCache cache;
    AccountStore store(*cache.db);
    auto added = store.add(Channel::Facebook, QStringLiteral("104523"), QString(), graph, 0);
    REQUIRE_FALSE(added.ok());
    CHECK_FALSE(added.error().contains(graph));
    CHECK(added.error().contains(QLatin1String("not the token itself")));
    auto read = EnvironmentTokenSource().read(graph);
    REQUIRE_FALSE(read.ok());
    CHECK_FALSE(read.error().contains(graph));
}

TEST_CASE("sportello-cli account add takes Google Play and App Store Connect accounts, the .p8 key to the keychain",
          "[accounts][cli]")
{
    TempCache cache;
    const QString path = cache.db->path();
    cache.db.reset();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PLAY_TOKEN"), QStringLiteral("ya29.play-secret-0003"));

    // Google Play: the package name and an access token, like the other channels.
    auto play = runCli(path,
                       {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"),
                        QStringLiteral("google_play"), QStringLiteral("--id"), QStringLiteral("com.example.insurance"),
                        QStringLiteral("--token-env"), QStringLiteral("PLAY_TOKEN")},
                       {}, env);
    INFO(play.all().toStdString());
    REQUIRE(play.code == 0);
    auto listed = runCli(path, {QStringLiteral("account"), QStringLiteral("list")}, {}, env);
    CHECK(listed.out.contains("google_play com.example.insurance"));
    CHECK(listed.out.contains("https://androidpublisher.googleapis.com/androidpublisher/v3"));

    // App Store Connect: the issuer id, key id and .p8 key file; a test-only P-256 key.
    const QByteArray p8 = "-----BEGIN PRIVATE KEY-----\n"
                          "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgM87nDc820e5flzYg\n"
                          "q2svAbT0WqoBesCGnFCOCeVkIPWhRANCAATJNfuZU60PKEvLVRJZSWLbbaQ7eE4/\n"
                          "XLCI+SKS7pon0VbhVHTUcu5gq4ESh0PfXfFkVQS+upev1q7RZGRuoqQV\n"
                          "-----END PRIVATE KEY-----\n";
    const auto writeFile = [&](const QString &name, const QByteArray &bytes) {
        const QString file = cache.dir.filePath(name);
        QFile out(file);
        REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        REQUIRE(out.write(bytes) == bytes.size());
        return file;
    };
    const QString keyFile = writeFile(QStringLiteral("AuthKey_2X9R4HXF34.p8"), p8);
    const QString wrongKey = writeFile(QStringLiteral("ed25519.p8"),
                                       "-----BEGIN PRIVATE KEY-----\n"
                                       "MC4CAQAwBQYDK2VwBCIEIJocIapsbbyihYXnJwCLZvd5Vkmn/dRLDJV9Qvvdjr0V\n"
                                       "-----END PRIVATE KEY-----\n");
    const QString appId = QStringLiteral("6826%1").arg(QCoreApplication::applicationPid());
    auto appStore = [&](const QStringList &extra) {
        return runCli(path,
                      QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"),
                                  QStringLiteral("app_store"), QStringLiteral("--id"), appId} +
                          extra,
                      {}, env);
    };
    // Missing parts and keys of the wrong kind are usage errors that say why, before anything is stored.
    auto missing = appStore({QStringLiteral("--issuer-id"), QStringLiteral("57246542"), QStringLiteral("--key-file"),
                             keyFile});
    CHECK(missing.code == 2);
    CHECK(missing.err.contains("--key-id"));
    auto wrong = appStore({QStringLiteral("--issuer-id"), QStringLiteral("57246542"), QStringLiteral("--key-id"),
                           QStringLiteral("2X9R4HXF34"), QStringLiteral("--key-file"), wrongKey});
    CHECK(wrong.code == 2);
    CHECK(wrong.err.contains("not an elliptic-curve key"));
    auto added = appStore({QStringLiteral("--issuer-id"), QStringLiteral("57246542"), QStringLiteral("--key-id"),
                           QStringLiteral("2X9R4HXF34"), QStringLiteral("--key-file"), keyFile});
    INFO(added.all().toStdString());
    CHECK_FALSE(added.all().contains("MIGHAgEA"));
    CHECK_FALSE(cacheBytes(path).contains("MIGHAgEA"));
    if (added.code == 0) {
        CHECK(added.out.contains("API key is in the system keychain"));
        CHECK(runCli(path,
                     {QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--channel"),
                      QStringLiteral("app_store"), QStringLiteral("--id"), appId},
                     {}, env)
                  .code == 0);
    } else {
        CHECK(added.code == 1);
        CHECK(added.err.contains("The system keychain is not available"));
    }
    auto db = openCache(path);
    REQUIRE(db.ok());
    CHECK(scalar(*db.value(), QStringLiteral("SELECT count(*) FROM accounts WHERE channel = 'app_store'")).toInt() == 0);
}

TEST_CASE("sportello-cli account add --service-account-file keeps a Google Play service account's key in the "
          "keychain only",
          "[accounts][cli][service_account]")
{
    TempCache cache;
    const QString path = cache.db->path();
    const auto writeFile = [&](const QString &name, const QByteArray &bytes) {
        const QString file = cache.dir.filePath(name);
        QFile out(file);
        REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        REQUIRE(out.write(bytes) == bytes.size());
        return file;
    };
    cache.db.reset();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString keyFile =
        writeFile(QStringLiteral("play-key.json"), serviceAccountJson(QStringLiteral("https://oauth2.googleapis.com/token")));
    QJsonObject oauthClient = QJsonDocument::fromJson(serviceAccountJson(QStringLiteral("https://x.test/t"))).object();
    oauthClient.insert(QStringLiteral("type"), QStringLiteral("authorized_user"));
    const QString wrongType = writeFile(QStringLiteral("user.json"), QJsonDocument(oauthClient).toJson());
    const QString notJson = writeFile(QStringLiteral("key.p8"), "-----BEGIN PRIVATE KEY-----\n");
    const QString package = QStringLiteral("com.example.sa%1").arg(QCoreApplication::applicationPid());
    auto add = [&](const QString &channel, const QStringList &extra) {
        return runCli(path,
                      QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"), channel,
                                  QStringLiteral("--id"), package} +
                          extra,
                      {}, env);
    };
    const QString google = QStringLiteral("google_play");
    const QString option = QStringLiteral("--service-account-file");
    // Files that are not a service account's key, and misplaced options: usage errors that say why.
    auto wrong = add(google, {option, wrongType});
    CHECK(wrong.code == 2);
    CHECK(wrong.err.contains("\"authorized_user\", not \"service_account\""));
    CHECK(wrong.err.contains("user.json"));
    auto garbled = add(google, {option, notJson});
    CHECK(garbled.code == 2);
    CHECK(garbled.err.contains("not JSON"));
    auto missing = add(google, {option, cache.dir.filePath(QStringLiteral("absent.json"))});
    CHECK(missing.code != 0);
    CHECK(missing.err.contains("absent.json"));
    CHECK(add(QStringLiteral("instagram"), {option, keyFile}).code == 2);
    CHECK(add(google, {option, keyFile, QStringLiteral("--token-env"), QStringLiteral("PLAY_TOKEN")}).code == 2);

    auto added = add(google, {option, keyFile});
    INFO(added.all().toStdString());
    CHECK_FALSE(added.all().contains("MIIE"));
    CHECK_FALSE(cacheBytes(path).contains("MIIE"));
    CHECK_FALSE(cacheBytes(path).contains("PRIVATE KEY"));
    if (added.code == 0) {
        CHECK(added.out.contains("service-account key is in the system keychain"));
        CHECK(runCli(path,
                     {QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--channel"), google,
                      QStringLiteral("--id"), package},
                     {}, env)
                  .code == 0);
    } else {
        CHECK(added.code == 1);
        CHECK(added.err.contains("The system keychain is not available"));
    }
    auto db = openCache(path);
    REQUIRE(db.ok());
    CHECK(scalar(*db.value(), QStringLiteral("SELECT count(*) FROM accounts WHERE channel = 'google_play'")).toInt() == 0);
}
