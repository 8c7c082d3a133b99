// The fake X / Meta authorization server (FakeAuthServer), driven by a plain QNetworkAccessManager:
// what a browser and an OAuth client would send, checked against the real bodies in ../shared/data.
#include "catch_compat.h"

#include "FakeAuthServer.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QUrlQuery>

using namespace sportello::test;
using TokenKind = FakeAuthServer::TokenKind;

namespace {

const QString kRedirect = QStringLiteral("http://127.0.0.1:50123/");
const QString kVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier-0123456789");

QString challengeOf(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toUtf8(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

struct Answer {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray contentType;
    QUrl location;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QUrlQuery locationQuery() const { return QUrlQuery(location); }
};

struct Client {
    FakeAuthServer fake;
    QNetworkAccessManager nam;

    Client() { REQUIRE(fake.server().listening()); }

    Answer wait(QNetworkReply *reply)
    {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            REQUIRE(finished.wait(10'000));
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.error = reply->error();
        a.body = reply->readAll();
        a.contentType = reply->rawHeader("Content-Type");
        a.location = QUrl::fromEncoded(reply->rawHeader("Location"));
        reply->deleteLater();
        return a;
    }
    QNetworkRequest request(const QUrl &url, const QString &bearer = {})
    {
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!bearer.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + bearer.toLatin1());
        return req;
    }
    Answer get(const QUrl &url, const QString &bearer = {}) { return wait(nam.get(request(url, bearer))); }
    Answer post(const QString &path, const QUrlQuery &form)
    {
        QNetworkRequest req = request(fake.url(path));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
        return wait(nam.post(req, form.toString(QUrl::FullyEncoded).toUtf8()));
    }

    // --- X ---
    static QUrl xAuthorizeUrl(const FakeAuthServer &fake, const QString &scope, const QString &state,
                              const QString &redirectUri = kRedirect)
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        q.addQueryItem(QStringLiteral("client_id"), fake.x.clientId);
        q.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
        q.addQueryItem(QStringLiteral("scope"), scope);
        q.addQueryItem(QStringLiteral("state"), state);
        q.addQueryItem(QStringLiteral("code_challenge"), challengeOf(kVerifier));
        q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        QUrl url = fake.url(fake.paths().xAuthorize);
        url.setQuery(q);
        return url;
    }
    Answer xAuthorize(const QString &scope = QStringLiteral("tweet.read users.read offline.access"),
                      const QString &state = QStringLiteral("st4te-x"))
    {
        return get(xAuthorizeUrl(fake, scope, state));
    }
    Answer xExchange(const QString &code, const QString &verifier = kVerifier)
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        form.addQueryItem(QStringLiteral("code"), code);
        form.addQueryItem(QStringLiteral("redirect_uri"), kRedirect);
        form.addQueryItem(QStringLiteral("code_verifier"), verifier);
        form.addQueryItem(QStringLiteral("client_id"), fake.x.clientId);
        return post(fake.paths().xToken, form);
    }
    Answer xRefresh(const QString &refreshToken)
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("refresh_token"), refreshToken);
        form.addQueryItem(QStringLiteral("client_id"), fake.x.clientId);
        return post(fake.paths().xToken, form);
    }
    // authorize + exchange: the token answer
    Answer xSignIn(const QString &scope = QStringLiteral("tweet.read users.read offline.access"))
    {
        const Answer redirect = xAuthorize(scope);
        REQUIRE(redirect.status == 302);
        const Answer tokens = xExchange(redirect.locationQuery().queryItemValue(QStringLiteral("code")));
        REQUIRE(tokens.status == 200);
        return tokens;
    }

    // --- Meta ---
    Answer metaDialog(const QString &scope = QStringLiteral("pages_show_list,pages_messaging,instagram_basic"))
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("client_id"), fake.meta.clientId);
        q.addQueryItem(QStringLiteral("redirect_uri"), kRedirect);
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("st4te-meta"));
        q.addQueryItem(QStringLiteral("scope"), scope);
        q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        q.addQueryItem(QStringLiteral("code_challenge"), challengeOf(kVerifier));
        q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        QUrl url = fake.url(fake.paths().metaDialog);
        url.setQuery(q);
        return get(url);
    }
    Answer metaCodeExchange(const QString &code, const QString &verifier = kVerifier, bool useGet = false)
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("client_id"), fake.meta.clientId);
        form.addQueryItem(QStringLiteral("redirect_uri"), kRedirect);
        form.addQueryItem(QStringLiteral("code"), code);
        form.addQueryItem(QStringLiteral("code_verifier"), verifier);
        if (!useGet)
            return post(fake.paths().metaAccessToken, form);
        QUrl url = fake.url(fake.paths().metaAccessToken);
        url.setQuery(form);
        return get(url);
    }
    QString metaShortLived()
    {
        const Answer redirect = metaDialog();
        REQUIRE(redirect.status == 302);
        const Answer tokens = metaCodeExchange(redirect.locationQuery().queryItemValue(QStringLiteral("code")));
        INFO(tokens.body.toStdString());
        REQUIRE(tokens.status == 200);
        REQUIRE(tokens.json().value(QStringLiteral("expires_in")).toInt() == 3600);
        return tokens.json().value(QStringLiteral("access_token")).toString();
    }
    Answer metaExchange(const QString &path, const QString &userToken)
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("fb_exchange_token"));
        form.addQueryItem(QStringLiteral("client_id"), fake.meta.clientId);
        form.addQueryItem(QStringLiteral("fb_exchange_token"), userToken);
        return post(path, form);
    }
};

QByteArray xData(const char *name)
{
    return fileBytes(sharedDataDir() + QStringLiteral("/oauth_x/") + QLatin1String(name));
}
QByteArray metaData(const char *name)
{
    return fileBytes(sharedDataDir() + QStringLiteral("/oauth_meta/") + QLatin1String(name));
}

} // namespace

TEST_CASE("JsonEdit changes values and members and keeps the rest of the text as it was", "[fakeauth]")
{
    JsonEdit e(QByteArray("{\n    \"a\": 1,\n    \"b\": \"x\",\n    \"c\": [1, {\"d\": 2}]\n}"));
    e.setString({QStringLiteral("b")}, QStringLiteral("quote\" and \u00e8"));
    e.setNumber({QStringLiteral("c"), QStringLiteral("1"), QStringLiteral("d")}, 7);
    e.insert({}, QStringLiteral("z"), "true", QStringLiteral("a"));
    e.remove({QStringLiteral("c")});
    CHECK(e.text() == QByteArray("{\n    \"a\": 1,\n    \"z\": true,\n    \"b\": \"quote\\\" and \u00e8\"\n}"));
    CHECK(e.keys({}) == QStringList{QStringLiteral("a"), QStringLiteral("z"), QStringLiteral("b")});
    CHECK_FALSE(e.has({QStringLiteral("c")}));
    e.remove({QStringLiteral("a")});
    CHECK(e.text() == QByteArray("{\n    \"z\": true,\n    \"b\": \"quote\\\" and \u00e8\"\n}"));
}

TEST_CASE("X authorize redirects to the loopback with a code and the same state", "[fakeauth]")
{
    Client c;
    const Answer a = c.xAuthorize();
    REQUIRE(a.status == 302);
    CHECK(a.location.toString(QUrl::RemoveQuery) == kRedirect);
    CHECK(a.locationQuery().queryItemValue(QStringLiteral("state")) == QLatin1String("st4te-x"));
    const QString code = a.locationQuery().queryItemValue(QStringLiteral("code"));
    CHECK(code.size() == 91);
    CHECK(c.fake.issuedSecrets().contains(code));
    CHECK(c.fake.lastXAuthorize().codeChallenge == challengeOf(kVerifier));
    CHECK(c.fake.lastXAuthorize().scope == QLatin1String("tweet.read users.read offline.access"));
    CHECK(c.fake.lastXAuthorize().redirectUri == kRedirect);

    c.fake.x.wrongState = true;
    CHECK(c.xAuthorize().locationQuery().queryItemValue(QStringLiteral("state")) != QLatin1String("st4te-x"));
    c.fake.x.wrongState = false;
    c.fake.x.decision = FakeAuthServer::Decision::Deny;
    const Answer denied = c.xAuthorize();
    REQUIRE(denied.status == 302);
    CHECK(denied.locationQuery().queryItemValue(QStringLiteral("error")) == QLatin1String("access_denied"));
    CHECK_FALSE(denied.locationQuery().hasQueryItem(QStringLiteral("code")));

    const Answer bare = c.get(c.fake.url(c.fake.paths().xAuthorize)); // no parameters at all
    CHECK(bare.status == 400);
    CHECK(bare.contentType.startsWith("text/html"));
    CHECK(bare.location.isEmpty());
    const QUrl accepted = c.fake.lastXAuthorize().url;
    c.fake.x.clientId = QStringLiteral("another-app"); // the same request now carries the wrong client_id
    CHECK(c.get(accepted).status == 400);
    CHECK_FALSE(c.fake.lastXAuthorize().accepted);
}

TEST_CASE("A QNAM that follows redirects plays the browser: the code reaches the loopback server", "[fakeauth]")
{
    Client c;
    LocalHttpServer loopback; // stands for the client's QOAuthHttpServerReplyHandler
    CannedResponse page;
    page.body = "You may close this window";
    loopback.enqueue(QStringLiteral("/callback"), page);
    const QUrl authorize = Client::xAuthorizeUrl(c.fake, QStringLiteral("tweet.read"), QStringLiteral("s1"),
                                                 loopback.url(QStringLiteral("/callback")).toString());
    const Answer a = c.wait(c.nam.get(QNetworkRequest(authorize))); // Qt 6 follows http -> http redirects
    CHECK(a.status == 200);
    CHECK(a.body == page.body);
    REQUIRE(loopback.requests().size() == 1);
    const QUrlQuery callback(loopback.requests().at(0).query);
    CHECK(callback.queryItemValue(QStringLiteral("state")) == QLatin1String("s1"));
    CHECK(callback.queryItemValue(QStringLiteral("code")) == c.fake.latest(TokenKind::XCode));
}

TEST_CASE("X code exchange checks the PKCE verifier and answers with the real bodies", "[fakeauth]")
{
    Client c;
    c.fake.x.untickedScopes = {QStringLiteral("users.read")};
    const QString code = c.xAuthorize().locationQuery().queryItemValue(QStringLiteral("code"));

    const Answer wrong = c.xExchange(code, kVerifier + QLatin1Char('x'));
    CHECK(wrong.status == 400);
    CHECK(wrong.body == xData("token_400_invalid_request_authorization_code_was_invalid.json"));

    const Answer ok = c.xExchange(code);
    REQUIRE(ok.status == 200);
    CHECK(ok.contentType.startsWith("application/json"));
    const JsonEdit real =
        JsonEdit::fromFile(sharedDataDir() + QStringLiteral("/oauth_x/token_200_authorization_code_bk-rs.json"));
    CHECK(JsonEdit(ok.body).keys({}) == real.keys({}));
    const QJsonObject json = ok.json();
    CHECK(json.value(QStringLiteral("token_type")).toString() == QLatin1String("bearer"));
    CHECK(json.value(QStringLiteral("expires_in")).toInt() == 7200);
    CHECK(json.value(QStringLiteral("scope")).toString() == QLatin1String("tweet.read offline.access"));
    const QString access = json.value(QStringLiteral("access_token")).toString();
    const QString refresh = json.value(QStringLiteral("refresh_token")).toString();
    CHECK(access.size() == 91);
    CHECK(refresh.size() == 91);
    CHECK(access != refresh);
    CHECK(c.fake.issuedSecrets().contains(access));
    CHECK(c.fake.latest(TokenKind::XRefresh) == refresh);

    const Answer reused = c.xExchange(code);
    CHECK(reused.status == 400);
    CHECK(reused.body == xData("token_400_invalid_request_authorization_code_was_invalid.json"));
    CHECK(c.fake.counts().xCodeExchanges == 1);
    CHECK(c.fake.counts().xTokenRefusals == 2);
}

TEST_CASE("X without offline.access gets no refresh token", "[fakeauth]")
{
    Client c;
    const QJsonObject json = c.xSignIn(QStringLiteral("tweet.read users.read")).json();
    CHECK_FALSE(json.contains(QStringLiteral("refresh_token")));
    CHECK(json.value(QStringLiteral("scope")).toString() == QLatin1String("tweet.read users.read"));
}

TEST_CASE("X refresh rotates and the old refresh token is refused with the real body", "[fakeauth]")
{
    Client c;
    const QString first = c.xSignIn().json().value(QStringLiteral("refresh_token")).toString();
    const Answer rotated = c.xRefresh(first);
    REQUIRE(rotated.status == 200);
    const QString second = rotated.json().value(QStringLiteral("refresh_token")).toString();
    CHECK_FALSE(second.isEmpty());
    CHECK(second != first);
    CHECK(c.fake.isCurrent(second));
    CHECK_FALSE(c.fake.isCurrent(first));

    // The real refresh body, byte for byte, but for the values.
    const JsonEdit real(xData("token_200_refresh_token_openintegrations_REDACTED.json"));
    JsonEdit restored(rotated.body);
    for (const char *key : {"access_token", "scope", "refresh_token"})
        restored.setRaw({QLatin1String(key)}, *real.raw({QLatin1String(key)}));
    CHECK(restored.text() == real.text());

    const Answer spent = c.xRefresh(first);
    CHECK(spent.status == 400);
    CHECK(spent.body == xData("token_400_invalid_request_token_was_invalid.json"));
    CHECK(c.fake.counts().xRefreshes == 1);
    CHECK(c.fake.counts().xRefreshAttempts == 2);
}

TEST_CASE("X users/me answers a current token, and 401 after revokeAll or expiry", "[fakeauth]")
{
    Client c;
    c.fake.x.username = QStringLiteral("AssicuraSerena");
    const QJsonObject tokens = c.xSignIn().json();
    const QString access = tokens.value(QStringLiteral("access_token")).toString();
    const QUrl me = c.fake.url(c.fake.paths().xUsersMe);

    const Answer ok = c.get(me, access);
    REQUIRE(ok.status == 200);
    CHECK(ok.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("username")).toString() ==
          QLatin1String("AssicuraSerena"));

    c.fake.expireAccessTokens();
    CHECK(c.get(me, access).status == 401);
    const Answer refreshed = c.xRefresh(tokens.value(QStringLiteral("refresh_token")).toString());
    REQUIRE(refreshed.status == 200); // the refresh token outlives the access token
    const QString fresh = refreshed.json().value(QStringLiteral("access_token")).toString();
    CHECK(c.get(me, fresh).status == 200);

    c.fake.revokeAll();
    const Answer revoked = c.get(me, fresh);
    CHECK(revoked.status == 401);
    CHECK(revoked.contentType == "application/problem+json");
    CHECK(revoked.body == xData("api_401_unauthorized_raw.json"));
    CHECK(c.xRefresh(refreshed.json().value(QStringLiteral("refresh_token")).toString()).status == 400);
}

TEST_CASE("X token requests can drop or be late", "[fakeauth]")
{
    Client c;
    const QString refresh = c.xSignIn().json().value(QStringLiteral("refresh_token")).toString();

    const QString tokenPath = c.fake.paths().xToken;
    const int before = c.fake.server().requestCount(tokenPath);
    c.fake.dropNextTokenRequests(FakeAuthServer::DropWhen::BeforeProcessing);
    CHECK(c.xRefresh(refresh).error == QNetworkReply::RemoteHostClosedError);
    const int sent = c.fake.server().requestCount(tokenPath) - before;
    CHECK((sent == 1 || sent == 2));  // QNAM may send it once more
    CHECK(c.fake.isCurrent(refresh)); // nothing happened on the server
    c.fake.clearFaults();

    c.fake.dropNextTokenRequests(FakeAuthServer::DropWhen::AfterProcessing);
    CHECK(c.xRefresh(refresh).error == QNetworkReply::RemoteHostClosedError);
    CHECK_FALSE(c.fake.isCurrent(refresh)); // rotated, and the answer with the new tokens was lost
    CHECK(c.fake.isCurrent(c.fake.latest(TokenKind::XRefresh)));
    CHECK(c.fake.counts().xRefreshes == 1);
    c.fake.clearFaults();

    c.fake.delayNextTokenRequest(300);
    QElapsedTimer timer;
    timer.start();
    CHECK(c.xRefresh(c.fake.latest(TokenKind::XRefresh)).status == 200);
    CHECK(timer.elapsed() >= 250);
}

TEST_CASE("Meta: code, short-lived token, company exchange, two pages of accounts", "[fakeauth]")
{
    Client c;
    c.fake.meta.untickedScopes = {QStringLiteral("pages_messaging")};
    const Answer redirect = c.metaDialog();
    REQUIRE(redirect.status == 302);
    CHECK(redirect.locationQuery().queryItemValue(QStringLiteral("state")) == QLatin1String("st4te-meta"));
    CHECK(c.fake.lastMetaDialog().scope == QLatin1String("pages_show_list,pages_messaging,instagram_basic"));

    const QString shortLived = c.metaShortLived();
    CHECK(shortLived.startsWith(QLatin1String("EAA")));
    const Answer exchanged = c.metaExchange(c.fake.paths().metaExchange, shortLived);
    REQUIRE(exchanged.status == 200);
    CHECK(JsonEdit(exchanged.body).keys({}) ==
          JsonEdit(metaData("fb_exchange_token_200_python-facebook.json")).keys({}));
    CHECK(exchanged.json().value(QStringLiteral("expires_in")).toInt() == 5184000);
    const QString longLived = exchanged.json().value(QStringLiteral("access_token")).toString();
    CHECK(longLived != shortLived);
    CHECK(c.fake.issuedSecrets().contains(longLived));

    const QString meBase = c.fake.paths().metaMe;
    const Answer perms = c.get(c.fake.url(meBase + QStringLiteral("/permissions")), longLived);
    REQUIRE(perms.status == 200);
    const QJsonArray permissions = perms.json().value(QStringLiteral("data")).toArray();
    REQUIRE(permissions.size() == 3);
    CHECK(permissions.at(1).toObject().value(QStringLiteral("status")).toString() == QLatin1String("declined"));

    QUrl accounts = c.fake.url(meBase + QStringLiteral("/accounts"));
    accounts.setQuery(
        QStringLiteral("fields=id,name,access_token,tasks,instagram_business_account{id,username}&limit=4"));
    const Answer page1 = c.get(accounts, longLived);
    REQUIRE(page1.status == 200);
    const QUrl next(page1.json().value(QStringLiteral("paging")).toObject().value(QStringLiteral("next")).toString());
    CHECK(next.host() == QLatin1String("127.0.0.1"));
    CHECK(next.port() == c.fake.server().port());
    CHECK(QUrlQuery(next).hasQueryItem(QStringLiteral("after")));
    const Answer page2 = c.get(next);
    REQUIRE(page2.status == 200);
    CHECK_FALSE(page2.json().value(QStringLiteral("paging")).toObject().contains(QStringLiteral("next")));
    CHECK_FALSE(page2.body.contains('\n')); // the linked Instagram account went in minified, like the body
    const QUrl previous(
        page2.json().value(QStringLiteral("paging")).toObject().value(QStringLiteral("previous")).toString());
    CHECK_FALSE(QUrlQuery(previous).hasQueryItem(QStringLiteral("after")));
    CHECK(QUrlQuery(previous).queryItemValue(QStringLiteral("fields")) ==
          QUrlQuery(next).queryItemValue(QStringLiteral("fields"))); // Graph keeps the fields in its links

    QSet<QString> pageTokens;
    int withInstagram = 0;
    for (const Answer *page : {&page1, &page2}) {
        for (const auto item : page->json().value(QStringLiteral("data")).toArray()) {
            const QJsonObject o = item.toObject();
            CHECK_FALSE(o.contains(QStringLiteral("category"))); // not asked for
            pageTokens << o.value(QStringLiteral("access_token")).toString();
            if (o.contains(QStringLiteral("instagram_business_account"))) {
                ++withInstagram;
                CHECK_FALSE(o.value(QStringLiteral("instagram_business_account"))
                                .toObject()
                                .value(QStringLiteral("username"))
                                .toString()
                                .isEmpty());
            }
        }
    }
    CHECK(pageTokens.size() == 6);
    CHECK(withInstagram == 2);
    for (const QString &t : pageTokens)
        CHECK(c.fake.issuedSecrets().contains(t));
}

TEST_CASE("Meta: the Graph exchange path refuses a request without the app secret", "[fakeauth]")
{
    Client c;
    const QString shortLived = c.metaShortLived();
    const Answer refused = c.metaExchange(c.fake.paths().metaAccessToken, shortLived);
    CHECK(refused.status == 400);
    const QJsonObject error = refused.json().value(QStringLiteral("error")).toObject();
    CHECK(error.value(QStringLiteral("code")).toInt() == 101);
    CHECK(error.value(QStringLiteral("type")).toString() == QLatin1String("OAuthException"));
    CHECK(c.fake.counts().metaTokenRefusals == 1);
}

TEST_CASE("Meta: an expired or revoked user token gets the chosen 190 body", "[fakeauth]")
{
    Client c;
    const QString token = c.metaShortLived();
    const QUrl me = c.fake.url(c.fake.paths().metaMe + QStringLiteral("?fields=id,name"));
    const Answer ok = c.get(me, token);
    REQUIRE(ok.status == 200);
    CHECK(ok.json().value(QStringLiteral("id")).toString() == c.fake.meta.id);

    c.fake.expireAccessTokens();
    const Answer expired = c.get(me, token);
    CHECK(expired.status == 400);
    CHECK(expired.body == metaData("error_190_463_expired_blynk.json"));

    c.fake.meta.invalidTokenError = FakeAuthServer::Graph190::PasswordChanged460;
    CHECK(c.get(me, token).body == metaData("error_190_460_password_changed_TRANSCRIBED.json"));
}

TEST_CASE("Meta: the dialog's denial, a wrong verifier, the GET form of the code exchange", "[fakeauth]")
{
    Client c;
    c.fake.meta.decision = FakeAuthServer::Decision::Deny;
    const Answer denied = c.metaDialog();
    REQUIRE(denied.status == 302);
    CHECK(denied.location.toEncoded().contains(
        "?error=access_denied&error_reason=user_denied&error_description=Permissions+error&state=st4te-meta#_=_"));

    c.fake.meta.decision = FakeAuthServer::Decision::Approve;
    const QString code = c.metaDialog().locationQuery().queryItemValue(QStringLiteral("code"));
    const Answer wrong = c.metaCodeExchange(code, kVerifier + QLatin1Char('x'));
    CHECK(wrong.status == 400);
    CHECK(wrong.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt() == 100);
    const Answer ok = c.metaCodeExchange(code, kVerifier, true);
    REQUIRE(ok.status == 200);
    CHECK(c.fake.isCurrent(ok.json().value(QStringLiteral("access_token")).toString()));
    const Answer reused = c.metaCodeExchange(code);
    CHECK(reused.status == 400);
    CHECK(reused.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("error_subcode")).toInt() ==
          36009);
}

TEST_CASE("Meta knobs: a long-lived token without expires_in, one page of accounts in UTF-8", "[fakeauth]")
{
    Client c;
    c.fake.meta.longLivedWithoutExpiresIn = true;
    c.fake.meta.singlePageAccounts = true;
    const Answer exchanged = c.metaExchange(c.fake.paths().metaExchange, c.metaShortLived());
    REQUIRE(exchanged.status == 200);
    CHECK_FALSE(exchanged.json().contains(QStringLiteral("expires_in")));
    const QString token = exchanged.json().value(QStringLiteral("access_token")).toString();

    const Answer accounts = c.get(c.fake.url(c.fake.paths().metaMe + QStringLiteral("/accounts")), token);
    REQUIRE(accounts.status == 200);
    const QJsonArray data = accounts.json().value(QStringLiteral("data")).toArray();
    REQUIRE(data.size() == 1);
    CHECK(data.at(0).toObject().value(QStringLiteral("category")).toString() == QStringLiteral("相机/照片"));
    CHECK(c.fake.isCurrent(data.at(0).toObject().value(QStringLiteral("access_token")).toString()));
    CHECK_FALSE(accounts.json().value(QStringLiteral("paging")).toObject().contains(QStringLiteral("next")));

    const Answer garbage = c.get(c.fake.url(c.fake.paths().metaMe), QStringLiteral("EAAGnot-a-token"));
    CHECK(garbage.status == 400);
    CHECK(garbage.body == metaData("error_190_could_not_be_decrypted_bk-rs.json"));
}
