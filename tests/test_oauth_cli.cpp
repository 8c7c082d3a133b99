// sportello-cli account sign-in and account app, as a separate process, against FakeAuthServer
// and a real Secret Service: ctest runs this executable under dbus-run-session with a GNOME
// Keyring of its own (tests/scripts/with_keyring.sh), so tokens go where a user's would.

#include "FakeAuthServer.h"
#include "KeychainTokenStore.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "accounts/Accounts.h"
#include "accounts/Credential.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>

using namespace sportello;
using namespace sportello::accounts;
using sportello::test::FakeAuthServer;
using sportello::test::TempCache;

namespace {

std::string str(const QString &s) { return s.toStdString(); }

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    return environment;
}

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runCli(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.setProcessEnvironment(cliEnvironment());
    process.start(QStringLiteral(SPORTELLO_CLI_PATH), arguments);
    REQUIRE(process.waitForStarted(30000));
    process.write(input);
    process.closeWriteChannel();
    // The event loop runs meanwhile: the fake server answers from this process.
    REQUIRE(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// A sign-in in progress: started, its printed address read, the rest left to the test.
struct SignIn {
    QProcess process;
    QString printed;
    QUrl address;

    explicit SignIn(const QStringList &arguments)
    {
        process.setProcessEnvironment(cliEnvironment());
        process.start(QStringLiteral(SPORTELLO_CLI_PATH), arguments);
        REQUIRE(process.waitForStarted(30000));
        REQUIRE(QTest::qWaitFor(
            [&] {
                printed += QString::fromUtf8(process.readAllStandardOutput());
                return printed.contains(QLatin1String("Waiting for the answer")) ||
                       process.state() == QProcess::NotRunning;
            },
            30000));
        for (const QString &line : printed.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("  http")))
                address = QUrl(line.trimmed());
        }
        INFO(str(printed) << str(QString::fromUtf8(process.readAllStandardError())));
        REQUIRE(address.isValid());
    }
    Run finish()
    {
        REQUIRE(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));
        return {process.exitCode(), printed + QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }
};

// The person's browser: follows the consent page's redirect to the CLI's loopback.
void approveInBrowser(const QUrl &address)
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(address));
    REQUIRE(QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000));
    reply->deleteLater();
}

// A browser on another machine: the address it ends on, not followed.
QString redirectTarget(const QUrl &address)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(address);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nam.get(request);
    REQUIRE(QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000));
    reply->deleteLater();
    return QString::fromUtf8(reply->rawHeader("Location"));
}

void configureX(FakeAuthServer &fake, const QString &cache)
{
    const Run run = runCli(
        {QStringLiteral("--database"), cache, QStringLiteral("account"), QStringLiteral("app"),
         QStringLiteral("--channel"), QStringLiteral("x"), QStringLiteral("--client-id"), fake.x.clientId,
         QStringLiteral("--authorize-url"), fake.url(fake.paths().xAuthorize).toString(), QStringLiteral("--token-url"),
         fake.url(fake.paths().xToken).toString(), QStringLiteral("--api-url"), fake.baseUrl() + QStringLiteral("/2")});
    INFO(str(run.out) << str(run.err));
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("client id: fake-x-client-id")));
}

void configureMeta(FakeAuthServer &fake, const QString &cache)
{
    const Run run =
        runCli({QStringLiteral("--database"), cache, QStringLiteral("account"), QStringLiteral("app"),
                QStringLiteral("--channel"), QStringLiteral("facebook"), QStringLiteral("--client-id"),
                fake.meta.clientId, QStringLiteral("--authorize-url"), fake.url(fake.paths().metaDialog).toString(),
                QStringLiteral("--token-url"), fake.url(fake.paths().metaAccessToken).toString(),
                QStringLiteral("--api-url"), fake.baseUrl() + QStringLiteral("/v19.0"),
                QStringLiteral("--exchange-url"), fake.url(fake.paths().metaExchange).toString()});
    INFO(str(run.out) << str(run.err));
    REQUIRE(run.exitCode == 0);
}

void checkNoSecret(const FakeAuthServer &fake, const QString &text, const QString &cachePath)
{
    const QByteArray bytes = test::fileBytes(cachePath) + test::fileBytes(cachePath + QStringLiteral("-wal"));
    for (const QString &secret : fake.issuedSecrets()) {
        CHECK_FALSE(text.contains(secret));
        CHECK_FALSE(bytes.contains(secret.toUtf8()));
    }
}

} // namespace

TEST_CASE("sportello-cli account sign-in --channel x: the address printed, the loopback answer, tokens in the "
          "system keychain, renewed by the next sync",
          "[cli][oauth]")
{
    FakeAuthServer fake;
    fake.x.expiresIn = 300; // due for renewal at once
    TempCache cache;
    configureX(fake, cache.path);
    SignIn signIn({QStringLiteral("--database"), cache.path, QStringLiteral("account"), QStringLiteral("sign-in"),
                   QStringLiteral("--channel"), QStringLiteral("x"), QStringLiteral("--no-browser")});
    CHECK(signIn.address.toString().startsWith(fake.url(fake.paths().xAuthorize).toString()));
    approveInBrowser(signIn.address);
    const Run run = signIn.finish();
    INFO(str(run.out) << str(run.err));
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("Signed in to X as @TweepyDev")));
    CHECK(run.out.contains(QLatin1String("Permissions granted: ")));
    CHECK(run.out.contains(QLatin1String("offline.access")));
    // In the system keychain: the credential with the fake's tokens.
    KeychainTokenStore keychain;
    const QString key = accountTokenKey(Channel::X, fake.x.id);
    auto stored = readCredential(keychain, key);
    REQUIRE(stored.ok());
    CHECK(stored->accessToken == fake.latest(FakeAuthServer::TokenKind::XAccess));
    CHECK(stored->refreshToken == fake.latest(FakeAuthServer::TokenKind::XRefresh));
    const Run listed = runCli({QStringLiteral("--database"), cache.path, QStringLiteral("account"),
                               QStringLiteral("list"), QStringLiteral("--json")});
    CHECK(listed.out.contains(QLatin1String("\"signed_in_as\":\"@TweepyDev\"")));
    CHECK(listed.out.contains(QLatin1String("\"renews_itself\":true")));

    // The next sync renews the token before it uses it, in a new process.
    fake.server().enqueue(QStringLiteral("/2/users/%1/mentions").arg(fake.x.id),
                          test::CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    fake.server().enqueue(QStringLiteral("/2/dm_events"),
                          test::CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    keychain.forget(key);
    const Run synced =
        runCli({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("--once")});
    INFO(str(synced.out) << str(synced.err));
    CHECK(fake.counts().xRefreshes == 1);
    auto renewed = readCredential(keychain, key);
    REQUIRE(renewed.ok());
    CHECK(renewed->refreshToken == fake.latest(FakeAuthServer::TokenKind::XRefresh));
    CHECK(renewed->refreshToken != stored->refreshToken);
    bool usedRenewed = false;
    for (const auto &r : fake.server().requests()) {
        if (r.path.endsWith(QLatin1String("/mentions")))
            usedRenewed = r.header("authorization") == "Bearer " + renewed->accessToken.toUtf8();
    }
    CHECK(usedRenewed);
    checkNoSecret(fake, run.out + run.err + listed.out + synced.out + synced.err, cache.path);
}

TEST_CASE("sportello-cli account sign-in without a browser takes the pasted address", "[cli][oauth]")
{
    FakeAuthServer fake;
    TempCache cache;
    configureX(fake, cache.path);
    SignIn signIn({QStringLiteral("--database"), cache.path, QStringLiteral("account"), QStringLiteral("sign-in"),
                   QStringLiteral("--channel"), QStringLiteral("x"), QStringLiteral("--no-browser")});
    const QString location = redirectTarget(signIn.address);
    REQUIRE(location.contains(QLatin1String("code=")));
    signIn.process.write("not an address\n");
    signIn.process.write(location.toUtf8() + '\n');
    const Run run = signIn.finish();
    INFO(str(run.out) << str(run.err));
    REQUIRE(run.exitCode == 0);
    CHECK(run.err.contains(QLatin1String("That is not the address the browser ended on")));
    CHECK(run.out.contains(QLatin1String("Signed in to X as @TweepyDev")));
    checkNoSecret(fake, run.out + run.err, cache.path);
}

TEST_CASE("sportello-cli account sign-in: declined, or without an app configured, adds nothing", "[cli][oauth]")
{
    FakeAuthServer fake;
    TempCache cache;
    const Run unconfigured =
        runCli({QStringLiteral("--database"), cache.path, QStringLiteral("account"), QStringLiteral("sign-in"),
                QStringLiteral("--channel"), QStringLiteral("x"), QStringLiteral("--no-browser")});
    CHECK(unconfigured.exitCode == 1);
    CHECK(unconfigured.err.contains(QLatin1String("account app --channel x --client-id")));
    configureX(fake, cache.path);
    fake.x.decision = FakeAuthServer::Decision::Deny;
    SignIn signIn({QStringLiteral("--database"), cache.path, QStringLiteral("account"), QStringLiteral("sign-in"),
                   QStringLiteral("--channel"), QStringLiteral("x"), QStringLiteral("--no-browser")});
    approveInBrowser(signIn.address);
    const Run run = signIn.finish();
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("declined")));
    CHECK(test::scalar(*cache.db, QStringLiteral("SELECT count(*) FROM accounts")).toInt() == 0);
}

TEST_CASE("sportello-cli account sign-in --channel facebook lists the Pages and adds the ones chosen", "[cli][oauth]")
{
    FakeAuthServer fake;
    fake.meta.untickedScopes = {QStringLiteral("instagram_manage_comments")};
    TempCache cache;
    configureMeta(fake, cache.path);
    SignIn signIn({QStringLiteral("--database"), cache.path, QStringLiteral("account"), QStringLiteral("sign-in"),
                   QStringLiteral("--channel"), QStringLiteral("facebook"), QStringLiteral("--no-browser")});
    approveInBrowser(signIn.address);
    REQUIRE(QTest::qWaitFor(
        [&] {
            signIn.printed += QString::fromUtf8(signIn.process.readAllStandardOutput());
            return signIn.printed.contains(QLatin1String("Which to add?"));
        },
        30000));
    CHECK(signIn.printed.contains(QLatin1String("Not granted: instagram_manage_comments.")));
    CHECK(signIn.printed.contains(QLatin1String("Instagram @assicura_serena (987654321)")));
    // The first Page of the list, with its Instagram account.
    signIn.process.write("1\n");
    const Run run = signIn.finish();
    INFO(str(run.out) << str(run.err));
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("Added the facebook account")));
    CHECK(run.out.contains(QLatin1String("it does not expire")));
    CHECK(test::scalar(*cache.db, QStringLiteral("SELECT count(*) FROM accounts")).toInt() >= 1);
    // Only Page tokens in the keychain; the user tokens nowhere.
    KeychainTokenStore keychain;
    auto accounts = AccountStore(*cache.db).list();
    REQUIRE(accounts.ok());
    for (const Account &a : *accounts) {
        auto c = readCredential(keychain, a.tokenKey());
        REQUIRE(c.ok());
        CHECK(c->accessToken != fake.latest(FakeAuthServer::TokenKind::MetaLongLived));
        CHECK(c->accessToken != fake.latest(FakeAuthServer::TokenKind::MetaShortLived));
    }
    checkNoSecret(fake, run.out + run.err, cache.path);
}
