// Refused tokens explained: every Graph 190 body, every invalid /debug_token answer and every X
// 401/403 token refusal in ../shared/data (oauth_meta, oauth_x) is replayed through HttpJob
// against a local HTTP server, so the classification is the real one, then explained; and the
// explanation reaches the sync report through the real connectors and the sync runner.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenProblems.h"
#include "accounts/TokenStore.h"
#include "net/HttpJob.h"
#include "sync/SyncRunner.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <optional>

using namespace sportello;
using namespace sportello::accounts;
using namespace sportello::net;
using namespace sportello::sync;
using namespace sportello::test;

namespace {

using Reason = TokenProblemReason;

const QString kToken = QStringLiteral("EAAGtokenProblemsSECRET0123456789abc");

QString metaDir() { return sharedDataDir() + QStringLiteral("/oauth_meta"); }
QString xDir() { return sharedDataDir() + QStringLiteral("/oauth_x"); }

// Every file of a folder whose name matches the pattern; the folder must hold some.
QStringList filesMatching(const QString &dir, const QString &pattern)
{
    const QStringList names = QDir(dir).entryList({pattern}, QDir::Files, QDir::Name);
    INFO(dir.toStdString() << " " << pattern.toStdString());
    REQUIRE_FALSE(names.isEmpty());
    return names;
}

struct Expected {
    Reason reason;
    const char *words; // a phrase of the English explanation for this file
};

// What each body means. A new file in the shared data without a row here fails the tests below,
// so that it is looked at, not silently passed.
const QMap<QString, Expected> &expectedMeta()
{
    static const QMap<QString, Expected> table = {
        {QStringLiteral("error_190_458_app_not_authorized_airbyte.json"),
         {Reason::AppRemoved, "removed the app from their Facebook settings"}},
        {QStringLiteral("error_190_460_password_changed_TRANSCRIBED.json"),
         {Reason::PasswordChanged, "Facebook password of the person who signed in changed"}},
        {QStringLiteral("error_190_463_expired_blynk.json"), {Reason::Expired, "sign-in of this account has expired"}},
        {QStringLiteral("error_190_463_expired_bridgy_2014_subcode_first.json"),
         {Reason::Expired, "sign-in of this account has expired"}},
        {QStringLiteral("error_190_467_logged_out_RECONSTRUCTED.json"), {Reason::LoggedOut, "logged out of Facebook"}},
        {QStringLiteral("error_190_could_not_be_decrypted_bk-rs.json"),
         {Reason::Unreadable, "could not read the stored token"}},
        {QStringLiteral("error_190_expired_no_subcode_bk-rs.json"),
         {Reason::Expired, "sign-in of this account has expired"}},
        {QStringLiteral("error_190_page_permission_must_be_granted_airbyte.json"),
         {Reason::PermissionMissing, "a permission the Page needs was not granted"}},
        {QStringLiteral("error_190_password_changed_no_subcode_bk-rs.json"),
         {Reason::PasswordChanged, "Facebook password of the person who signed in changed"}},
    };
    return table;
}

const QMap<QString, Expected> &expectedDebugToken()
{
    static const QMap<QString, Expected> table = {
        {QStringLiteral("debug_token_200_invalid_cannot_parse.json"),
         {Reason::Unreadable, "could not read the stored token"}},
        {QStringLiteral("debug_token_200_invalid_expired_subcode_463.json"),
         {Reason::Expired, "sign-in of this account has expired"}},
        {QStringLiteral("debug_token_200_invalid_explicitly_invalidated_subcode_466.json"),
         {Reason::Invalidated, "cancelled on purpose"}},
        {QStringLiteral("debug_token_200_invalid_password_changed_subcode_460.json"),
         {Reason::PasswordChanged, "Facebook password of the person who signed in changed"}},
    };
    return table;
}

const QMap<QString, Expected> &expectedX()
{
    static const QMap<QString, Expected> table = {
        {QStringLiteral("api_401_unauthorized_bk-rs.json"), {Reason::Unauthorized, "expired or was revoked"}},
        {QStringLiteral("api_401_unauthorized_raw.json"), {Reason::Unauthorized, "expired or was revoked"}},
        {QStringLiteral("api_403_client_not_enrolled.json"), {Reason::AppNotEnrolled, "not attached to a Project"}},
        {QStringLiteral("api_403_client_not_enrolled_minified.json"),
         {Reason::AppNotEnrolled, "not attached to a Project"}},
        {QStringLiteral("api_403_oauth1_permissions_TRANSCRIBED.json"),
         {Reason::PermissionMissing, "did not have the permission this needs"}},
        {QStringLiteral("api_403_unsupported_authentication_app_only_on_users_me.json"),
         {Reason::UnsupportedAuthentication, "the wrong kind for this request"}},
        {QStringLiteral("api_403_unsupported_authentication_oauth1_not_allowed.json"),
         {Reason::UnsupportedAuthentication, "the wrong kind for this request"}},
    };
    return table;
}

// The HTTP status of an X body: its own "status" field, else 403 (the client-forbidden bodies
// carry none; X sends them with 403).
int xStatus(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QLatin1String("status")).toInt(403);
}

// The outcome of the body served by a local server through a real HttpJob.
HttpOutcome replay(const QByteArray &body, int status)
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    server.enqueue(QStringLiteral("/v19.0/104523/feed"), CannedResponse::json(status, body));
    QNetworkAccessManager nam;
    ManualClock clock{1'705'420'000'000};
    HttpRequestSpec spec;
    spec.url = server.url(QStringLiteral("/v19.0/104523/feed?access_token=") + kToken);
    spec.timeoutMs = 2000;
    RetryPolicy policy;
    policy.maxAttempts = 3;
    policy.baseDelayMs = 10;
    HttpJob job(&nam, clock, spec, policy);
    QSignalSpy finished(&job, &HttpJob::finished);
    job.start();
    if (finished.isEmpty())
        REQUIRE(finished.wait(5000));
    CHECK(server.requestCount(QStringLiteral("/v19.0/104523/feed")) == 1); // never retried
    return job.outcome();
}

// What every explanation must be: the right reason, words saying what happened, what to do with
// where to sign in again, a reference for support, and never a token or a URL.
void checkExplained(const TokenProblem &problem, const Expected &expected, Channel channel)
{
    INFO(problem.text().toStdString());
    CHECK(problem.reason == expected.reason);
    CHECK(problem.message.contains(QLatin1String(expected.words)));
    CHECK_FALSE(problem.whatToDo.isEmpty());
    CHECK(problem.whatToDo.contains(QLatin1String("Edit > Settings > Accounts")));
    CHECK(problem.whatToDo.contains(QStringLiteral("account sign-in --channel %1")
                                        .arg(channel == Channel::X ? QStringLiteral("x") : QStringLiteral("facebook"))));
    CHECK_FALSE(problem.reference.isEmpty());
    CHECK(problem.text().startsWith(problem.message));
    CHECK(problem.text().contains(problem.whatToDo));
    CHECK_FALSE(problem.text().contains(kToken));
    CHECK_FALSE(problem.text().contains(QLatin1String("access_token")));
    CHECK_FALSE(problem.text().contains(QLatin1String("http://")));
}

TokenProblem explainGraph(int code, int subcode, const QString &message)
{
    TokenProblemFacts facts;
    facts.channel = Channel::Facebook;
    facts.accountId = QStringLiteral("104523");
    facts.httpStatus = 400;
    facts.code = code;
    facts.subcode = subcode;
    facts.message = message;
    return explainTokenProblem(facts);
}

} // namespace

TEST_CASE("Every Graph 190 body is a refused token, explained with what to do", "[tokens][graph]")
{
    const QStringList files = filesMatching(metaDir(), QStringLiteral("error_190_*.json"));
    for (const QString &file : files) {
        INFO(file.toStdString());
        REQUIRE(expectedMeta().contains(file));
        const QByteArray body = fileBytes(metaDir() + QLatin1Char('/') + file);
        const QJsonObject error = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
        const HttpOutcome outcome = replay(body, 400);
        CHECK(outcome.kind == OutcomeKind::AuthExpired);
        CHECK(outcome.apiErrorCode == 190);
        CHECK(outcome.apiErrorSubcode == error.value(QLatin1String("error_subcode")).toInt(0));
        CHECK_FALSE(outcome.message.contains(kToken));
        const TokenProblem problem = explainTokenProblem(outcome, Channel::Facebook, QStringLiteral("104523"));
        checkExplained(problem, expectedMeta().value(file), Channel::Facebook);
        if (outcome.apiErrorSubcode != 0)
            CHECK(problem.reference == QStringLiteral("Meta error 190, subcode %1").arg(outcome.apiErrorSubcode));
        else
            CHECK(problem.reference == QLatin1String("Meta error 190"));
    }
}

TEST_CASE("Every invalid /debug_token answer is explained from data.error's subcode or message", "[tokens][graph]")
{
    const QStringList files = filesMatching(metaDir(), QStringLiteral("debug_token_200_invalid_*.json"));
    for (const QString &file : files) {
        INFO(file.toStdString());
        REQUIRE(expectedDebugToken().contains(file));
        const QByteArray body = fileBytes(metaDir() + QLatin1Char('/') + file);
        const HttpOutcome outcome = replay(body, 200);
        CHECK(outcome.kind == OutcomeKind::Success); // /debug_token answers 200 about another token
        const std::optional<TokenProblem> problem =
            explainDebugToken(outcome.body, Channel::Instagram, QStringLiteral("17841400000000000"));
        REQUIRE(problem.has_value());
        checkExplained(*problem, expectedDebugToken().value(file), Channel::Instagram);
        // The subcode is read from "subcode" (not error_subcode) inside data.error.
        const int subcode = QJsonDocument::fromJson(body)
                                .object()
                                .value(QLatin1String("data"))
                                .toObject()
                                .value(QLatin1String("error"))
                                .toObject()
                                .value(QLatin1String("subcode"))
                                .toInt(0);
        CHECK(problem->reference == (subcode != 0 ? QStringLiteral("Meta error 190, subcode %1").arg(subcode)
                                                  : QStringLiteral("Meta error 190")));
    }
}

TEST_CASE("A valid /debug_token answer, or a body that is not one, has no problem to explain", "[tokens][graph]")
{
    const QStringList files = filesMatching(metaDir(), QStringLiteral("debug_token_200_*.json"));
    int valid = 0;
    for (const QString &file : files) {
        if (file.startsWith(QLatin1String("debug_token_200_invalid_")))
            continue;
        INFO(file.toStdString());
        ++valid;
        CHECK_FALSE(explainDebugToken(fileBytes(metaDir() + QLatin1Char('/') + file), Channel::Facebook,
                                      QStringLiteral("104523"))
                        .has_value());
    }
    CHECK(valid >= 5);
    CHECK_FALSE(explainDebugToken("not json", Channel::Facebook, QString()).has_value());
    CHECK_FALSE(explainDebugToken(R"({"data":[]})", Channel::Facebook, QString()).has_value());
    CHECK_FALSE(explainDebugToken(R"({"data":{"is_valid":true}})", Channel::Facebook, QString()).has_value());
    // Invalid without an error object: still explained, generically.
    const auto bare = explainDebugToken(R"({"data":{"is_valid":false}})", Channel::Facebook, QStringLiteral("1"));
    REQUIRE(bare.has_value());
    CHECK(bare->reason == Reason::Unknown);
    CHECK_FALSE(bare->message.isEmpty());
    CHECK_FALSE(bare->whatToDo.isEmpty());
}

TEST_CASE("Every X 401 and token-refusing 403 body is a refused token, explained with what to do", "[tokens][x]")
{
    QStringList files = filesMatching(xDir(), QStringLiteral("api_401_*.json"));
    files += filesMatching(xDir(), QStringLiteral("api_403_*.json"));
    for (const QString &file : files) {
        INFO(file.toStdString());
        REQUIRE(expectedX().contains(file));
        const QByteArray body = fileBytes(xDir() + QLatin1Char('/') + file);
        const HttpOutcome outcome = replay(body, xStatus(body));
        CHECK(outcome.kind == OutcomeKind::AuthExpired);
        CHECK(outcome.errorKind() == ErrorKind::RefusedByPolicy);
        const TokenProblem problem = explainTokenProblem(outcome, Channel::X, QStringLiteral("1551"));
        checkExplained(problem, expectedX().value(file), Channel::X);
        CHECK(problem.reference.startsWith(QStringLiteral("X: HTTP %1").arg(xStatus(body))));
    }
}

TEST_CASE("Other X 403s stay what they were: a duplicate, or a plain refusal of one request", "[tokens][x]")
{
    const HttpOutcome duplicate = replay(
        R"({"title":"Forbidden","status":403,"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank"})",
        403);
    CHECK(duplicate.kind == OutcomeKind::Duplicate);
    const HttpOutcome refused = replay(
        R"({"title":"Forbidden","status":403,"detail":"You are not permitted to reply to this conversation.","type":"about:blank"})",
        403);
    CHECK(refused.kind == OutcomeKind::Failed);
    // "client-forbidden" only as a problem type, not anywhere in a text.
    const HttpOutcome mention = replay(
        R"({"title":"Forbidden","status":403,"detail":"see /problems/client-forbidden","type":"about:blank"})", 403);
    CHECK(mention.kind == OutcomeKind::Failed);
}

TEST_CASE("Each documented Graph subcode of 190 has its own explanation", "[tokens][graph]")
{
    const QString generic = QStringLiteral("Error validating access token");
    const QList<QPair<int, Reason>> subcodes = {
        {458, Reason::AppRemoved}, {459, Reason::Checkpoint},      {460, Reason::PasswordChanged},
        {463, Reason::Expired},    {464, Reason::UnconfirmedUser}, {466, Reason::Invalidated},
        {467, Reason::LoggedOut},  {492, Reason::SessionInvalid},
    };
    QSet<QString> messages;
    QSet<QString> whatToDo;
    for (const auto &[subcode, reason] : subcodes) {
        INFO(subcode);
        const TokenProblem problem = explainGraph(190, subcode, generic);
        CHECK(problem.reason == reason);
        CHECK_FALSE(problem.message.isEmpty());
        CHECK(problem.whatToDo.contains(QLatin1String("Sign in again")));
        CHECK(problem.reference == QStringLiteral("Meta error 190, subcode %1").arg(subcode));
        messages.insert(problem.message);
        whatToDo.insert(problem.whatToDo);
        // The subcode decides, whatever the message says; 102 with a subcode means the same.
        CHECK(explainGraph(190, subcode, QStringLiteral("Session has expired")).reason == reason);
        CHECK(explainGraph(102, subcode, generic).reason == reason);
    }
    CHECK(messages.size() == subcodes.size()); // one explanation each
    CHECK(whatToDo.size() > 1);                // some need more than signing in again
    CHECK(explainGraph(190, 459, generic).whatToDo.contains(QLatin1String("www.facebook.com")));
    CHECK(explainGraph(190, 464, generic).whatToDo.contains(QLatin1String("confirm the account")));
    CHECK(explainGraph(190, 492, generic).whatToDo.contains(QLatin1String("role on the Page")));
}

TEST_CASE("Without a subcode the wording of Graph's message decides, else a generic explanation", "[tokens][graph]")
{
    const QList<QPair<const char *, Reason>> wordings = {
        {"Error validating access token: The session is invalid because the user logged out.", Reason::LoggedOut},
        {"Error validating access token: This may be because the user logged out or may be due to a system error.",
         Reason::LoggedOut},
        {"Error validating access token: The user has not authorized application 2586347315015828.",
         Reason::AppRemoved},
        {"Error validating access token: The session was invalidated explicitly using an API call.",
         Reason::Invalidated},
        {"Error validating access token: Sessions for the user  are not allowed because the user is not a confirmed "
         "user.",
         Reason::UnconfirmedUser},
        {"Error validating access token: The user is enrolled in a blocking, logged-in checkpoint", Reason::Checkpoint},
        {"Invalid OAuth access token - Cannot parse access token", Reason::Unreadable},
        {"Malformed access token EAAGxyz", Reason::Unreadable},
    };
    for (const auto &[text, reason] : wordings) {
        INFO(text);
        CHECK(explainGraph(190, 0, QString::fromUtf8(text)).reason == reason);
    }

    // Plain 190 and 102, and a subcode Sportello does not know: refused, generically.
    for (const auto &[code, subcode] : QList<QPair<int, int>>{{190, 0}, {102, 0}, {190, 999}, {102, 1234}}) {
        INFO(code << "/" << subcode);
        const TokenProblem problem = explainGraph(code, subcode, QStringLiteral("Error validating access token"));
        CHECK(problem.reason == Reason::Unknown);
        CHECK(problem.message.contains(QLatin1String("Meta no longer accepts the token")));
        CHECK(problem.whatToDo.startsWith(QLatin1String("Sign in again")));
        CHECK(problem.reference.contains(QString::number(code)));
        if (subcode != 0)
            CHECK(problem.reference.contains(QStringLiteral("subcode %1").arg(subcode)));
    }
    // An unknown subcode with a known wording: the wording still helps.
    CHECK(
        explainGraph(190, 999, QStringLiteral("Error validating access token: Session has expired on Monday")).reason ==
        Reason::Expired);
}

TEST_CASE("102 and 190 are refused tokens through HttpJob, and the subcode is carried", "[tokens][graph]")
{
    const HttpOutcome session = replay(
        R"({"error":{"message":"A user access token is required to request this resource.","type":"OAuthException","code":102}})",
        400);
    CHECK(session.kind == OutcomeKind::AuthExpired);
    CHECK(session.apiErrorCode == 102);
    CHECK(session.apiErrorSubcode == 0);
    const TokenProblem problem = explainTokenProblem(session, Channel::Facebook, QStringLiteral("104523"));
    CHECK(problem.reason == Reason::Unknown);
    CHECK(problem.reference == QLatin1String("Meta error 102"));

    const HttpOutcome checkpoint = replay(
        R"({"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":459}})",
        400);
    CHECK(checkpoint.apiErrorSubcode == 459);
    CHECK(explainTokenProblem(checkpoint, Channel::Facebook, QStringLiteral("104523")).reason == Reason::Checkpoint);
}

TEST_CASE("A refused token's explanation never quotes a token", "[tokens][token]")
{
    // Whatever the platform puts in its message or problem fields, none of it is quoted.
    const QByteArray body =
        QStringLiteral(R"({"error":{"message":"Malformed access token %1","type":"OAuthException","code":190}})")
            .arg(kToken)
            .toUtf8();
    const HttpOutcome outcome = replay(body, 400);
    const TokenProblem problem = explainTokenProblem(outcome, Channel::Facebook, QStringLiteral("104523"));
    CHECK(problem.reason == Reason::Unreadable);
    CHECK_FALSE(problem.text().contains(kToken));

    TokenProblemFacts facts;
    facts.channel = Channel::X;
    facts.accountId = QStringLiteral("1551");
    facts.httpStatus = 403;
    facts.problemType = kToken; // only short lower-case ids are shown, and this one is hidden anyway
    CHECK_FALSE(explainTokenProblem(facts).text().contains(kToken));
    const HttpOutcome x =
        replay(QStringLiteral(
                   R"({"title":"Unauthorized","status":401,"type":"https://api.x.com/2/problems/%1","reason":"%1"})")
                   .arg(kToken)
                   .toUtf8(),
               401);
    const TokenProblem refused = explainTokenProblem(x, Channel::X, QStringLiteral("1551"));
    CHECK(refused.reason == Reason::Unauthorized);
    CHECK(refused.reference == QLatin1String("X: HTTP 401"));
    CHECK_FALSE(refused.text().contains(kToken));
}

namespace {

// One account synced by the real SyncRunner and its connector against the body.
struct RefusedSync {
    AccountSyncReport report;
    bool needsSignIn = false;
    int signInSignals = 0;
};

RefusedSync syncAgainst(Channel channel, const QString &accountId, const QString &path, const QByteArray &body,
                        int status)
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    QNetworkAccessManager nam;
    ManualClock clock{1'705'420'000'000};
    TempCache cache;
    AccountStore store(*cache.db);
    MemoryTokenStore keychain;
    const QString base = QStringLiteral("http://127.0.0.1:%1%2")
                             .arg(server.port())
                             .arg(channel == Channel::X ? QStringLiteral("/2") : QString());
    auto added = store.add(channel, accountId, base, QString(), 0);
    REQUIRE(added.ok());
    REQUIRE(keychain.write(added->tokenKey(), kToken).ok());
    server.enqueue(path, CannedResponse::json(status, body));

    SyncRunner runner(&nam, *cache.db, clock, keychain);
    SyncOptions options;
    options.retry.maxAttempts = 1;
    options.timeoutMs = 2000;
    options.pageSize = 10;
    options.xDirectMessages = false;
    runner.setOptions(options);
    QSignalSpy signIn(&runner, &SyncRunner::signInNeeded);
    std::optional<SyncRunReport> report;
    QObject::connect(&runner, &SyncRunner::finished, [&](const SyncRunReport &r) { report = r; });
    REQUIRE(runner.start());
    REQUIRE(QTest::qWaitFor([&] { return report.has_value(); }, 10000));
    REQUIRE(report->accounts.size() == 1);
    CHECK_FALSE(report->ok());
    CHECK(server.requestCount(path) == 1);
    auto found = store.find(channel, accountId);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return {report->accounts.first(), (*found)->needsSignIn, int(signIn.size())};
}

void checkReported(const RefusedSync &sync, const Expected &expected)
{
    INFO(sync.report.error.toStdString());
    CHECK(sync.report.outcome == AccountSyncReport::Outcome::NeedsSignIn);
    CHECK(sync.needsSignIn);
    CHECK(sync.signInSignals == 1);
    CHECK(sync.report.error.contains(QLatin1String(expected.words)));
    CHECK(sync.report.error.contains(QLatin1String("Sign in again: in the console")));
    CHECK_FALSE(sync.report.error.contains(kToken));
    CHECK_FALSE(sync.report.error.contains(QLatin1String("HTTP 400:"))); // not the raw HTTP error
}

} // namespace

TEST_CASE("A refused Graph token reaches the sync report in plain words and the account needs sign-in",
          "[tokens][graph][sync]")
{
    const QStringList files = filesMatching(metaDir(), QStringLiteral("error_190_*.json"));
    for (const QString &file : files) {
        INFO(file.toStdString());
        REQUIRE(expectedMeta().contains(file));
        const RefusedSync sync =
            syncAgainst(Channel::Facebook, QStringLiteral("104523"), QStringLiteral("/v19.0/104523/feed"),
                        fileBytes(metaDir() + QLatin1Char('/') + file), 400);
        checkReported(sync, expectedMeta().value(file));
        CHECK(sync.report.error.contains(QLatin1String("account sign-in --channel facebook")));
    }
}

TEST_CASE("A refused X token reaches the sync report in plain words and the account needs sign-in", "[tokens][x][sync]")
{
    QStringList files = filesMatching(xDir(), QStringLiteral("api_401_*.json"));
    files += filesMatching(xDir(), QStringLiteral("api_403_*.json"));
    for (const QString &file : files) {
        INFO(file.toStdString());
        REQUIRE(expectedX().contains(file));
        const QByteArray body = fileBytes(xDir() + QLatin1Char('/') + file);
        const RefusedSync sync = syncAgainst(Channel::X, QStringLiteral("1551"),
                                             QStringLiteral("/2/users/1551/mentions"), body, xStatus(body));
        checkReported(sync, expectedX().value(file));
        CHECK(sync.report.error.contains(QLatin1String("account sign-in --channel x")));
    }
}
