// Sign-in to X and Facebook and the renewal of X tokens, against FakeAuthServer (a local
// authorization server on 127.0.0.1 answering with the real bodies in ../shared/data).

#include "FakeAuthServer.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "accounts/Accounts.h"
#include "accounts/Credential.h"
#include "accounts/OAuthApps.h"
#include "accounts/OAuthReplies.h"
#include "accounts/RenewingTokenStore.h"
#include "accounts/SignIn.h"
#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "storage/Database.h"

#include <QDir>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace sportello;
using namespace sportello::accounts;
using sportello::test::FakeAuthServer;

namespace {

constexpr qint64 kStart = 1'790'000'000'000; // 2026-09

OAuthApp xApp(FakeAuthServer &fake)
{
    OAuthApp app = defaultOAuthApp(OAuthProvider::X, QStringLiteral("v19.0"));
    app.clientId = fake.x.clientId;
    app.authorizeUrl = fake.url(fake.paths().xAuthorize).toString();
    app.tokenUrl = fake.url(fake.paths().xToken).toString();
    app.apiUrl = fake.baseUrl() + QStringLiteral("/2");
    return app;
}

OAuthApp metaApp(FakeAuthServer &fake, bool withExchange)
{
    OAuthApp app = defaultOAuthApp(OAuthProvider::Meta, QStringLiteral("v19.0"));
    app.clientId = fake.meta.clientId;
    app.authorizeUrl = fake.url(fake.paths().metaDialog).toString();
    app.tokenUrl = fake.url(fake.paths().metaAccessToken).toString();
    app.apiUrl = fake.baseUrl() + QStringLiteral("/v19.0");
    if (withExchange)
        app.exchangeUrl = fake.url(fake.paths().metaExchange).toString();
    return app;
}

// The browser: fetches the consent page and follows the redirect to the loopback, as a person
// approving would.
struct FakeBrowser {
    QNetworkAccessManager nam;
    int opened = 0;
    SignInFlow::BrowserOpener opener()
    {
        return [this](const QUrl &url) {
            ++opened;
            nam.get(QNetworkRequest(url)); // Qt follows the 302 to 127.0.0.1 by itself
            return true;
        };
    }
};

Result<SignInResult> runSignIn(SignInFlow &flow)
{
    std::optional<Result<SignInResult>> outcome;
    QObject::connect(&flow, &SignInFlow::finished, [&outcome](const Result<SignInResult> &r) { outcome = r; });
    const Status started = flow.start();
    if (!started)
        return started.failure();
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error{QStringLiteral("the sign-in did not finish"), ErrorKind::Busy};
    return *outcome;
}

Result<QString> accessToken(TokenStore &store, const Account &account)
{
    std::optional<Result<QString>> token;
    QObject context;
    store.accessTokenAsync(account, &context, [&token](const Result<QString> &t) { token = t; });
    if (!QTest::qWaitFor([&] { return token.has_value(); }, 20'000))
        return Error{QStringLiteral("no token came back"), ErrorKind::Busy};
    return *token;
}

// A keychain that stops taking writes after a number of them, as a process killed between two
// steps of a save would.
class StoppingStore final : public TokenStore {
public:
    StoppingStore(TokenStore &inner, int writesAllowed) : m_inner(inner), m_allowed(writesAllowed) {}
    Result<QString> read(const QString &key) override { return m_inner.read(key); }
    Status write(const QString &key, const QString &token) override
    {
        if (m_allowed-- <= 0)
            return Error{QStringLiteral("the process stopped"), ErrorKind::Io};
        return m_inner.write(key, token);
    }
    Status remove(const QString &key) override
    {
        if (m_allowed <= 0)
            return Error{QStringLiteral("the process stopped"), ErrorKind::Io};
        return m_inner.remove(key);
    }
    void resume(int writes) { m_allowed = writes; }

private:
    TokenStore &m_inner;
    int m_allowed;
};

QStringList logLines;
QMutex logMutex;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&logMutex);
    logLines << message;
}

// An X account signed in against the fake, its credential in keychain.
struct SignedInX {
    FakeAuthServer fake;
    test::TempCache cache;
    MemoryTokenStore keychain;
    ManualClock clock{kStart};
    QTemporaryDir locks;
    Account account;

    SignedInX()
    {
        FakeBrowser browser;
        SignInFlow flow(xApp(fake), clock);
        flow.setBrowserOpener(browser.opener());
        auto result = runSignIn(flow);
        REQUIRE(result.ok());
        auto saved = saveXSignIn(*cache.db, keychain, *result, clock.nowMs());
        REQUIRE(saved.ok());
        account = *saved;
    }
};

} // namespace

TEST_CASE("PKCE: the verifier is RFC 7636's length and alphabet, the challenge its S256", "[oauth]")
{
    const QString v = pkceVerifier();
    CHECK(v.size() >= 43);
    CHECK(v.size() <= 128);
    CHECK(QRegularExpression(QStringLiteral("^[A-Za-z0-9._~-]+$")).match(v).hasMatch());
    CHECK(pkceVerifier() != v);
    // Computed independently: base64url(sha256(verifier)) without padding, by Python's hashlib.
    CHECK(pkceChallenge(QStringLiteral("dBjftJeZ4CVP-mJ92K27uhbUWU2A6SNsBf0X8T0jHt4")) ==
          QLatin1String("4MKUA7rzplOZzVTzGFjjil3rkF6zjrDUdC8jILK7rh4"));
}

TEST_CASE("X sign-in: browser, loopback redirect on 127.0.0.1, state, PKCE S256, who signed in", "[oauth]")
{
    FakeAuthServer fake;
    ManualClock clock(kStart);
    FakeBrowser browser;
    SignInFlow flow(xApp(fake), clock);
    flow.setBrowserOpener(browser.opener());
    auto result = runSignIn(flow);
    REQUIRE(result.ok());
    CHECK(browser.opened == 1);
    const auto &authorize = fake.lastXAuthorize();
    CHECK(authorize.accepted);
    CHECK(authorize.codeChallengeMethod == QLatin1String("S256"));
    CHECK(authorize.codeChallenge.size() == 43);
    const QUrl redirect(authorize.redirectUri);
    CHECK(redirect.host() == QLatin1String("127.0.0.1"));
    CHECK(redirect.port() > 0);
    CHECK(authorize.state.size() >= 16);
    CHECK(fake.counts().xCodeExchanges == 1); // the fake checked the verifier against the challenge
    CHECK(result->userHandle == fake.x.username);
    CHECK(result->signedInAs() == QLatin1Char('@') + fake.x.username);
    CHECK(result->credential.accessToken == fake.latest(FakeAuthServer::TokenKind::XAccess));
    CHECK(result->credential.refreshToken == fake.latest(FakeAuthServer::TokenKind::XRefresh));
    CHECK(result->credential.expiresAtMs == kStart + 7200 * 1000);
    CHECK(result->credential.renewable());
    CHECK(result->missingScopes.isEmpty());
    for (const ScopeNeed &need : scopeNeeds(OAuthProvider::X))
        CHECK(result->grantedScopes.contains(need.scope));
}

TEST_CASE("X sign-in saved: the account, who and scopes in the cache, the credential in the keychain only", "[oauth]")
{
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    {
        QMutexLocker lock(&logMutex);
        logLines.clear();
    }
    SignedInX s;
    qInstallMessageHandler(previous);
    CHECK(s.account.channel == Channel::X);
    CHECK(s.account.accountId == s.fake.x.id);
    CHECK(s.account.signedInAs == QLatin1String("@TweepyDev"));
    CHECK(s.account.renewable);
    CHECK(s.account.tokenExpiresAtMs == kStart + 7200 * 1000);
    CHECK(s.account.grantedScopes.contains(QStringLiteral("offline.access")));
    auto stored = readCredential(s.keychain, s.account.tokenKey());
    REQUIRE(stored.ok());
    CHECK(stored->accessToken == s.fake.latest(FakeAuthServer::TokenKind::XAccess));
    CHECK(s.keychain.size() == 1); // the next slot was removed after the save
    // No token in the cache file or in any log line.
    const QByteArray bytes = test::fileBytes(s.cache.path) + test::fileBytes(s.cache.path + QStringLiteral("-wal"));
    const QString logs = logLines.join(QLatin1Char('\n'));
    for (const QString &secret : s.fake.issuedSecrets()) {
        INFO(secret.left(6).toStdString());
        CHECK_FALSE(bytes.contains(secret.toUtf8()));
        CHECK_FALSE(logs.contains(secret));
    }
}

TEST_CASE("X sign-in without some scopes names each one and what will not work", "[oauth]")
{
    FakeAuthServer fake;
    fake.x.untickedScopes = {QStringLiteral("dm.write"), QStringLiteral("offline.access")};
    ManualClock clock(kStart);
    FakeBrowser browser;
    SignInFlow flow(xApp(fake), clock);
    flow.setBrowserOpener(browser.opener());
    auto result = runSignIn(flow);
    REQUIRE(result.ok());
    QStringList missing;
    for (const ScopeNeed &need : result->missingScopes) {
        missing << need.scope;
        CHECK_FALSE(need.withoutIt.isEmpty());
    }
    CHECK(missing == QStringList{QStringLiteral("dm.write"), QStringLiteral("offline.access")});
    // Without offline.access there is no refresh token: the sign-in cannot renew itself.
    CHECK(result->credential.refreshToken.isEmpty());
    CHECK_FALSE(result->credential.renewable());
}

TEST_CASE("A sign-in answer with the wrong state is refused and no code is exchanged", "[oauth]")
{
    FakeAuthServer fake;
    fake.x.wrongState = true;
    ManualClock clock(kStart);
    FakeBrowser browser;
    SignInFlow flow(xApp(fake), clock);
    flow.setBrowserOpener(browser.opener());
    auto result = runSignIn(flow);
    REQUIRE_FALSE(result.ok());
    CHECK(result.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(result.error().contains(QLatin1String("state")));
    CHECK(fake.counts().xCodeExchanges == 0);
}

TEST_CASE("Declined in the browser: a plain message and nothing added, on both platforms", "[oauth]")
{
    FakeAuthServer fake;
    fake.x.decision = FakeAuthServer::Decision::Deny;
    fake.meta.decision = FakeAuthServer::Decision::Deny;
    ManualClock clock(kStart);
    for (const OAuthApp &app : {xApp(fake), metaApp(fake, true)}) {
        FakeBrowser browser;
        SignInFlow flow(app, clock);
        flow.setBrowserOpener(browser.opener());
        auto result = runSignIn(flow);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().contains(QLatin1String("declined")));
    }
    CHECK(fake.counts().xCodeExchanges == 0);
    CHECK(fake.counts().metaCodeExchanges == 0);
}

TEST_CASE("Without a browser: the address the browser ended on is pasted", "[oauth]")
{
    FakeAuthServer fake;
    ManualClock clock(kStart);
    SignInFlow flow(xApp(fake), clock);
    flow.setBrowserOpener([](const QUrl &) { return false; });
    std::optional<Result<SignInResult>> outcome;
    QObject::connect(&flow, &SignInFlow::finished, [&outcome](const Result<SignInResult> &r) { outcome = r; });
    REQUIRE(flow.start().ok());
    CHECK_FALSE(flow.browserOpened());
    REQUIRE(flow.authorizationUrl().isValid());
    CHECK(flow.redirectUri().startsWith(QLatin1String("http://127.0.0.1:")));
    // Not an answer: refused, the sign-in keeps waiting.
    CHECK_FALSE(flow.acceptRedirect(QStringLiteral("hello")).ok());
    CHECK_FALSE(flow.acceptRedirect(QStringLiteral("http://127.0.0.1:1/?nothing=here")).ok());
    CHECK(flow.isRunning());
    // The person's browser on another machine: it follows nothing, the address is copied.
    QNetworkAccessManager nam;
    QNetworkRequest request(flow.authorizationUrl());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nam.get(request);
    REQUIRE(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10'000));
    const QString location = QString::fromUtf8(reply->rawHeader("Location"));
    reply->deleteLater();
    REQUIRE(location.contains(QLatin1String("code=")));
    REQUIRE(flow.acceptRedirect(location).ok());
    REQUIRE(QTest::qWaitFor([&] { return outcome.has_value(); }, 10'000));
    REQUIRE(outcome->ok());
    CHECK((*outcome)->credential.accessToken == fake.latest(FakeAuthServer::TokenKind::XAccess));
}

TEST_CASE("No client id configured: the sign-in says where to set one", "[oauth]")
{
    FakeAuthServer fake;
    ManualClock clock(kStart);
    OAuthApp app = xApp(fake);
    app.clientId.clear();
    SignInFlow flow(app, clock);
    const Status started = flow.start();
    REQUIRE_FALSE(started.ok());
    CHECK(started.error().contains(QLatin1String("client id")));
}

TEST_CASE("Facebook sign-in: long-lived exchange, who, permissions, Pages with Instagram, only Page tokens kept",
          "[oauth]")
{
    FakeAuthServer fake;
    fake.meta.untickedScopes = {QStringLiteral("pages_messaging")};
    ManualClock clock(kStart);
    FakeBrowser browser;
    SignInFlow flow(metaApp(fake, true), clock);
    flow.setBrowserOpener(browser.opener());
    auto result = runSignIn(flow);
    REQUIRE(result.ok());
    CHECK(fake.lastMetaDialog().codeChallengeMethod == QLatin1String("S256"));
    CHECK(fake.counts().metaExchanges == 1);
    CHECK(result->longLived);
    CHECK(result->notice.isEmpty());
    CHECK(result->credential.accessToken.isEmpty()); // the user token is dropped once the Pages are read
    CHECK(result->userName == fake.meta.name);
    QStringList missing;
    for (const ScopeNeed &need : result->missingScopes)
        missing << need.scope;
    CHECK(missing == QStringList{QStringLiteral("pages_messaging")});
    // Both pages of /me/accounts were read.
    REQUIRE(result->pages.size() == 6);
    QSet<QString> pageTokens;
    const ManagedPage *linked = nullptr;
    for (const ManagedPage &p : result->pages) {
        pageTokens.insert(p.pageToken);
        if (p.pageId == QLatin1String("123"))
            linked = &p;
    }
    CHECK(pageTokens.size() == 6);
    REQUIRE(linked);
    CHECK(linked->instagramId == QLatin1String("987654321"));
    CHECK(linked->instagramUsername == QLatin1String("assicura_serena"));

    test::TempCache cache;
    MemoryTokenStore keychain;
    auto saved = saveMetaPages(*cache.db, keychain, *result, {QStringLiteral("123"), QStringLiteral("987654321")},
                               clock.nowMs());
    REQUIRE(saved.ok());
    REQUIRE(saved->size() == 2);
    CHECK((*saved)[0].channel == Channel::Facebook);
    CHECK((*saved)[1].channel == Channel::Instagram);
    CHECK((*saved)[1].signedInAs == QLatin1String("@assicura_serena"));
    CHECK((*saved)[0].tokenExpiresAtMs == 0); // from a long-lived user token: does not expire
    for (const Account &a : *saved) {
        auto c = readCredential(keychain, a.tokenKey());
        REQUIRE(c.ok());
        CHECK(c->accessToken == linked->pageToken);
    }
    // The user tokens are stored nowhere.
    const QStringList userTokens{fake.latest(FakeAuthServer::TokenKind::MetaShortLived),
                                 fake.latest(FakeAuthServer::TokenKind::MetaLongLived)};
    for (const Account &a : *saved) {
        const QString stored = keychain.read(a.tokenKey()).value();
        for (const QString &t : userTokens)
            CHECK_FALSE(stored.contains(t));
    }
    const QByteArray bytes = test::fileBytes(cache.path) + test::fileBytes(cache.path + QStringLiteral("-wal"));
    for (const QString &secret : fake.issuedSecrets())
        CHECK_FALSE(bytes.contains(secret.toUtf8()));
}

TEST_CASE("Facebook sign-in without an exchange endpoint says the Page tokens will expire", "[oauth]")
{
    FakeAuthServer fake;
    fake.meta.singlePageAccounts = true;
    ManualClock clock(kStart);
    FakeBrowser browser;
    SignInFlow flow(metaApp(fake, false), clock);
    flow.setBrowserOpener(browser.opener());
    auto result = runSignIn(flow);
    REQUIRE(result.ok());
    CHECK_FALSE(result->longLived);
    CHECK_FALSE(result->notice.isEmpty());
    CHECK(fake.counts().metaExchanges == 0);
    CHECK(result->credential.expiresAtMs == kStart + 3600 * 1000);
    REQUIRE_FALSE(result->pages.isEmpty());
    test::TempCache cache;
    MemoryTokenStore keychain;
    auto saved = saveMetaPages(*cache.db, keychain, *result, {result->pages.first().pageId}, clock.nowMs());
    REQUIRE(saved.ok());
    REQUIRE(saved->size() == 1);
    CHECK(saved->first().tokenExpiresAtMs == kStart + 3600 * 1000);
    CHECK(saved->first().signedInAs == result->pages.first().name); // UTF-8 names come through
}

TEST_CASE("Renewal: a token about to expire is renewed, the rotated refresh token saved, a fresh one is not",
          "[oauth][renewal]")
{
    SignedInX s;
    RenewingTokenStore store(s.keychain, s.clock, s.locks.path());
    store.setAccountsDatabase(s.cache.db.get());
    // Two hours left: handed out as it is.
    auto token = accessToken(store, s.account);
    REQUIRE(token.ok());
    CHECK(*token == s.fake.latest(FakeAuthServer::TokenKind::XAccess));
    CHECK(store.renewalsStarted() == 0);
    // Five minutes left: renewed first.
    const QString oldRefresh = s.fake.latest(FakeAuthServer::TokenKind::XRefresh);
    s.clock.advanceMs(7200 * 1000 - 5 * 60 * 1000);
    QSignalSpy renewed(&store, &RenewingTokenStore::renewed);
    token = accessToken(store, s.account);
    REQUIRE(token.ok());
    CHECK(store.renewalsStarted() == 1);
    CHECK(renewed.size() == 1);
    CHECK(*token == s.fake.latest(FakeAuthServer::TokenKind::XAccess));
    CHECK_FALSE(s.fake.isCurrent(oldRefresh));
    auto stored = readCredential(s.keychain, s.account.tokenKey());
    REQUIRE(stored.ok());
    CHECK(stored->refreshToken == s.fake.latest(FakeAuthServer::TokenKind::XRefresh));
    CHECK(stored->expiresAtMs == s.clock.nowMs() + 7200 * 1000);
    auto account = AccountStore(*s.cache.db).find(Channel::X, s.account.accountId);
    CHECK((*account)->tokenExpiresAtMs == s.clock.nowMs() + 7200 * 1000);
    // Across a restart: a new store, the same keychain, and the rotation goes on.
    s.clock.advanceMs(7200 * 1000);
    RenewingTokenStore restarted(s.keychain, s.clock, s.locks.path());
    token = accessToken(restarted, s.account);
    REQUIRE(token.ok());
    CHECK(*token == s.fake.latest(FakeAuthServer::TokenKind::XAccess));
    CHECK(s.fake.counts().xRefreshes == 2);
}

TEST_CASE("Renewal refused (revoked): the account needs sign-in, with a message saying so", "[oauth][renewal]")
{
    SignedInX s;
    RenewingTokenStore store(s.keychain, s.clock, s.locks.path());
    store.setAccountsDatabase(s.cache.db.get());
    QSignalSpy signIn(&store, &RenewingTokenStore::signInNeeded);
    s.fake.revokeAll();
    s.clock.advanceMs(7200 * 1000);
    auto token = accessToken(store, s.account);
    REQUIRE_FALSE(token.ok());
    CHECK(token.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(token.error().contains(QLatin1String("sign in again")));
    CHECK(signIn.size() == 1);
    auto account = AccountStore(*s.cache.db).find(Channel::X, s.account.accountId);
    CHECK((*account)->needsSignIn);
}

TEST_CASE("Renewal with no answer keeps a still-valid token and does not mark the account", "[oauth][renewal]")
{
    SignedInX s;
    RenewingTokenStore store(s.keychain, s.clock, s.locks.path());
    store.setAccountsDatabase(s.cache.db.get());
    store.setTimeoutMs(2000);
    const QString before = s.fake.latest(FakeAuthServer::TokenKind::XAccess);
    s.clock.advanceMs(7200 * 1000 - 60 * 1000); // a minute left
    s.fake.dropNextTokenRequests(FakeAuthServer::DropWhen::BeforeProcessing);
    auto token = accessToken(store, s.account);
    REQUIRE(token.ok());
    CHECK(*token == before);
    // Expired and still no answer: an error of the network, not of the sign-in.
    s.clock.advanceMs(2 * 60 * 1000);
    s.fake.dropNextTokenRequests(FakeAuthServer::DropWhen::BeforeProcessing);
    token = accessToken(store, s.account);
    REQUIRE_FALSE(token.ok());
    CHECK(token.errorKind() == ErrorKind::Network);
    CHECK_FALSE((*AccountStore(*s.cache.db).find(Channel::X, s.account.accountId))->needsSignIn);
    // The network is back: renewed.
    s.fake.clearFaults();
    token = accessToken(store, s.account);
    REQUIRE(token.ok());
    CHECK(*token == s.fake.latest(FakeAuthServer::TokenKind::XAccess));
}

TEST_CASE("A process stopped in the middle of saving a renewal loses nothing", "[oauth][renewal]")
{
    // After each step of the save: the next slot written; both written; (all three is a normal save).
    for (const int writesDone : {1, 2}) {
        DYNAMIC_SECTION("stopped after " << writesDone << " of the save's writes")
        {
            SignedInX s;
            StoppingStore stopping(s.keychain, writesDone);
            {
                RenewingTokenStore dying(stopping, s.clock, s.locks.path());
                s.clock.advanceMs(7200 * 1000 - 60 * 1000);
                auto token = accessToken(dying, s.account);
                REQUIRE(token.ok());
                CHECK(*token == s.fake.latest(FakeAuthServer::TokenKind::XAccess));
            } // the process is gone, with what it held in memory
            // The next process finds the renewed credential (and its rotated refresh token) ...
            RenewingTokenStore next(s.keychain, s.clock, s.locks.path());
            auto stored = readCredential(s.keychain, s.account.tokenKey());
            REQUIRE(stored.ok());
            CHECK(stored->refreshToken == s.fake.latest(FakeAuthServer::TokenKind::XRefresh));
            CHECK(s.keychain.size() == 1); // moved to the account's own slot on reading
            // ... and renews with it two hours later.
            s.clock.advanceMs(7200 * 1000);
            auto token = accessToken(next, s.account);
            REQUIRE(token.ok());
            CHECK(*token == s.fake.latest(FakeAuthServer::TokenKind::XAccess));
            CHECK(s.fake.counts().xTokenRefusals == 0);
        }
    }
}

TEST_CASE("A keychain that refuses the save: the renewed credential is used, kept and saved later", "[oauth][renewal]")
{
    SignedInX s;
    StoppingStore failing(s.keychain, 0);
    RenewingTokenStore store(failing, s.clock, s.locks.path());
    QSignalSpy saveFailed(&store, &RenewingTokenStore::saveFailed);
    s.clock.advanceMs(7200 * 1000 - 60 * 1000);
    auto token = accessToken(store, s.account);
    REQUIRE(token.ok());
    const QString renewed = s.fake.latest(FakeAuthServer::TokenKind::XAccess);
    CHECK(*token == renewed);
    CHECK(saveFailed.size() == 1);
    // Asked again while the keychain still refuses: the renewed token, no second renewal.
    token = accessToken(store, s.account);
    CHECK(*token == renewed);
    CHECK(s.fake.counts().xRefreshAttempts == 1);
    // The keychain works again: the next request saves it.
    failing.resume(100);
    token = accessToken(store, s.account);
    REQUIRE(token.ok());
    REQUIRE(QTest::qWaitFor([&] {
        auto c = readCredential(s.keychain, s.account.tokenKey());
        return c && c->refreshToken == s.fake.latest(FakeAuthServer::TokenKind::XRefresh);
    }));
}

TEST_CASE("Two processes due to renew the same account: one renewal, both get a working token", "[oauth][renewal]")
{
    SignedInX s;
    RenewingTokenStore first(s.keychain, s.clock, s.locks.path());
    RenewingTokenStore second(s.keychain, s.clock, s.locks.path());
    s.clock.advanceMs(7200 * 1000 + 1000); // already expired: the second must wait for the first
    s.fake.delayNextTokenRequest(300);
    std::optional<Result<QString>> a, b;
    QObject context;
    first.accessTokenAsync(s.account, &context, [&a](const Result<QString> &t) { a = t; });
    second.accessTokenAsync(s.account, &context, [&b](const Result<QString> &t) { b = t; });
    REQUIRE(QTest::qWaitFor([&] { return a.has_value() && b.has_value(); }, 20'000));
    REQUIRE(a->ok());
    REQUIRE(b->ok());
    CHECK(**a == s.fake.latest(FakeAuthServer::TokenKind::XAccess));
    CHECK(**b == **a);
    CHECK(s.fake.counts().xRefreshAttempts == 1);
}

TEST_CASE("Pasted tokens and environment variables are handed out as before", "[oauth][renewal]")
{
    test::TempCache cache;
    MemoryTokenStore keychain;
    ManualClock clock(kStart);
    QTemporaryDir locks;
    auto pasted = AccountStore(*cache.db).add(Channel::Facebook, QStringLiteral("111"), QString(), QString(), kStart);
    REQUIRE(pasted.ok());
    REQUIRE(keychain.write(pasted->tokenKey(), QStringLiteral("pasted-page-token-123456")).ok());
    RenewingTokenStore store(keychain, clock, locks.path());
    CHECK(accessToken(store, *pasted).value() == QLatin1String("pasted-page-token-123456"));
    CHECK(tokenFor(*pasted, keychain).value() == QLatin1String("pasted-page-token-123456"));
    qputenv("SPORTELLO_TEST_OAUTH_ENV", "env-token-for-test-1234");
    auto env = AccountStore(*cache.db).add(Channel::X, QStringLiteral("222"), QString(),
                                           QStringLiteral("SPORTELLO_TEST_OAUTH_ENV"), kStart);
    REQUIRE(env.ok());
    CHECK(accessToken(store, *env).value() == QLatin1String("env-token-for-test-1234"));
    qunsetenv("SPORTELLO_TEST_OAUTH_ENV");
    // A damaged entry is a clear error, never its content.
    REQUIRE(
        keychain.write(pasted->tokenKey(), QStringLiteral("{\"format\":\"other\",\"access_token\":\"s3cr3t\"}")).ok());
    auto damaged = accessToken(store, *pasted);
    REQUIRE_FALSE(damaged.ok());
    CHECK(damaged.errorKind() == ErrorKind::Corrupt);
    CHECK_FALSE(damaged.error().contains(QLatin1String("s3cr3t")));
}

TEST_CASE("OAuth apps: stored per cache, URLs checked, defaults not stored", "[oauth]")
{
    test::TempCache cache;
    auto app = loadOAuthApp(*cache.db, OAuthProvider::X);
    REQUIRE(app.ok());
    CHECK(app->clientId.isEmpty());
    CHECK(app->tokenUrl == QLatin1String("https://api.x.com/2/oauth2/token"));
    app->clientId = QStringLiteral("company-client-id");
    REQUIRE(saveOAuthApp(*cache.db, *app).ok());
    CHECK(loadOAuthApp(*cache.db, OAuthProvider::X)->clientId == QLatin1String("company-client-id"));
    CHECK(
        test::scalar(*cache.db, QStringLiteral("SELECT count(*) FROM app_state WHERE key LIKE 'oauth_x_%'")).toInt() ==
        1);
    auto meta = loadOAuthApp(*cache.db, OAuthProvider::Meta);
    meta->exchangeUrl = QStringLiteral("http://exchange.example.com/token"); // plain http off this machine
    CHECK_FALSE(saveOAuthApp(*cache.db, *meta).ok());
    meta->exchangeUrl = QStringLiteral("https://user:pw@exchange.example.com/token");
    CHECK_FALSE(saveOAuthApp(*cache.db, *meta).ok());
    meta->exchangeUrl = QStringLiteral("https://exchange.example.com/token");
    meta->clientId = QStringLiteral("1234567890");
    REQUIRE(saveOAuthApp(*cache.db, *meta).ok());
    CHECK(loadOAuthApp(*cache.db, OAuthProvider::Meta)->exchangeUrl ==
          QLatin1String("https://exchange.example.com/token"));
    CHECK(loadOAuthApp(*cache.db, OAuthProvider::Meta)->authorizeUrl ==
          QLatin1String("https://www.facebook.com/v19.0/dialog/oauth"));
}

TEST_CASE("A token pasted after an interrupted renewal replaces both slots", "[oauth][renewal]")
{
    MemoryTokenStore keychain;
    const QString key = accountTokenKey(Channel::X, QStringLiteral("42"));
    Credential interrupted;
    interrupted.accessToken = QStringLiteral("left-by-a-stopped-renewal");
    interrupted.refreshToken = QStringLiteral("refresh-left-behind-1");
    interrupted.tokenUrl = QStringLiteral("https://api.x.com/2/oauth2/token");
    interrupted.issuedAtMs = kStart;
    REQUIRE(keychain.write(nextSlotKey(key), interrupted.toStored()).ok());
    Credential pasted;
    pasted.accessToken = QStringLiteral("pasted-by-the-agent-1234");
    REQUIRE(writeCredential(keychain, key, pasted).ok());
    auto read = readCredential(keychain, key);
    REQUIRE(read.ok());
    CHECK(read->accessToken == pasted.accessToken);
    CHECK_FALSE(read->renewable());
    CHECK(keychain.size() == 1);
    REQUIRE(removeCredential(keychain, key).ok());
    CHECK(keychain.size() == 0);
}

TEST_CASE("Token endpoint answers from ../shared/data are classified by their body", "[oauth]")
{
    struct Case {
        QString pattern;
        TokenAnswer::Kind kind;
    };
    const QString x = test::sharedDataDir() + QStringLiteral("/oauth_x/");
    const QString meta = test::sharedDataDir() + QStringLiteral("/oauth_meta/");
    const QVector<std::pair<QString, Case>> folders{
        {x, {QStringLiteral("token_200_*.json"), TokenAnswer::Kind::Granted}},
        {x, {QStringLiteral("token_400_invalid_request_*.json"), TokenAnswer::Kind::Refused}},
        {x, {QStringLiteral("token_401_unauthorized_client_*.json"), TokenAnswer::Kind::Failed}},
        {meta, {QStringLiteral("fb_exchange_token_200_*.json"), TokenAnswer::Kind::Granted}},
        {meta, {QStringLiteral("device_login_poll_200_*.json"), TokenAnswer::Kind::Granted}},
        {meta, {QStringLiteral("error_190_*.json"), TokenAnswer::Kind::Refused}},
        {meta, {QStringLiteral("error_10_*.json"), TokenAnswer::Kind::Failed}},
        {meta, {QStringLiteral("error_2*.json"), TokenAnswer::Kind::Failed}},
    };
    int seen = 0;
    for (const auto &[folder, c] : folders) {
        const QStringList files = QDir(folder).entryList({c.pattern}, QDir::Files, QDir::Name);
        REQUIRE_FALSE(files.isEmpty());
        for (const QString &file : files) {
            INFO(file.toStdString());
            const QByteArray body = test::fileBytes(folder + file);
            // The status the platform sends these with: 200 for tokens, 500 for the one Graph
            // permission error that came with it, else 400 (401 for X's client error).
            int status = c.kind == TokenAnswer::Kind::Granted ? 200 : 400;
            if (file.contains(QLatin1String("_401_")))
                status = 401;
            if (file.contains(QLatin1String("http_500")))
                status = 500;
            const TokenAnswer answer = classifyTokenAnswer(status, body, QStringLiteral("api.example"));
            CHECK(answer.kind == c.kind);
            if (answer.granted())
                CHECK_FALSE(answer.values.value(QStringLiteral("access_token")).toString().isEmpty());
            else
                CHECK_FALSE(answer.message.isEmpty());
            ++seen;
        }
    }
    CHECK(seen >= 15);
    // What is not a token endpoint's answer, and trouble on the way.
    CHECK(classifyTokenAnswer(200, "<html>login</html>", QStringLiteral("h")).kind == TokenAnswer::Kind::Unreadable);
    CHECK(classifyTokenAnswer(200, R"({"token_type":"bearer"})", QStringLiteral("h")).kind ==
          TokenAnswer::Kind::Unreadable);
    CHECK(classifyTokenAnswer(400, R"({"unexpected":true})", QStringLiteral("h")).kind ==
          TokenAnswer::Kind::Unreadable);
    CHECK(classifyTokenAnswer(503, "Service Unavailable", QStringLiteral("h")).kind == TokenAnswer::Kind::Network);
    CHECK(classifyTokenAnswer(400, R"({"error":"temporarily_unavailable"})", QStringLiteral("h")).kind ==
          TokenAnswer::Kind::Network);
    CHECK(classifyTokenAnswer(200, R"({"access_token":"abc12345678","expires_in":60)", QStringLiteral("h")).kind ==
          TokenAnswer::Kind::Unreadable); // cut short
    // The legacy form-encoded answer.
    const TokenAnswer form =
        classifyTokenAnswer(200, "access_token=legacy-token-123456&expires=5184000", QStringLiteral("h"));
    REQUIRE(form.granted());
    CHECK(form.values.value(QStringLiteral("expires_in")).toInt() == 5184000);
}
