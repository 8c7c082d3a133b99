// HttpJob against a local HTTP server replaying real X API v2 and Graph API bodies.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "net/HttpJob.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace sportello;
using namespace sportello::net;
using namespace sportello::test;

namespace {

QString xDocs(const char *name)
{
    return sharedDataDir() + QStringLiteral("/x_api_v2_docs_examples/") + QLatin1String(name);
}
QString errorBodies(const char *name)
{
    return sharedDataDir() + QStringLiteral("/meta_graph_x_error_bodies_from_issues/") + QLatin1String(name);
}

// Fast policy for tests: 20 ms base, jitter 50 %.
RetryPolicy fastPolicy(int maxAttempts = 4)
{
    RetryPolicy p;
    p.maxAttempts = maxAttempts;
    p.baseDelayMs = 20;
    p.maxDelayMs = 1000;
    p.jitter = 0.5;
    p.rateLimitBaseMs = 30;
    return p;
}

struct Fixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{1705420770'000}; // 30 s before the reset in the X docs example

    std::unique_ptr<HttpJob> job(const QString &path, RetryPolicy policy = fastPolicy(), QByteArray verb = "GET",
                                 bool idempotent = true)
    {
        HttpRequestSpec spec;
        spec.verb = verb;
        spec.url = server.url(path);
        spec.timeoutMs = 200;
        spec.idempotent = idempotent;
        if (verb != "GET")
            spec.body = R"({"text":"Ci scriva in privato, grazie"})";
        auto j = std::make_unique<HttpJob>(&nam, clock, spec, policy);
        j->setRandomSource([] { return 0.75; }); // jitter factor 1 + 0.5 * 0.5 = 1.25
        return j;
    }
};

// Runs the job to its end, firing scheduled retries as they come (real short timers).
HttpOutcome run(HttpJob &job, int timeoutMs = 5000)
{
    QSignalSpy finished(&job, &HttpJob::finished);
    job.start();
    if (finished.isEmpty())
        REQUIRE(finished.wait(timeoutMs));
    return job.outcome();
}

// Runs until the job either finishes or schedules a wait; returns true if it waits.
bool runUntilWaitOrEnd(HttpJob &job)
{
    QSignalSpy finished(&job, &HttpJob::finished);
    QSignalSpy scheduled(&job, &HttpJob::retryScheduled);
    job.start();
    REQUIRE(QTest::qWaitFor([&] { return !finished.isEmpty() || !scheduled.isEmpty(); }, 5000));
    REQUIRE((finished.size() + scheduled.size()) == 1);
    return !scheduled.isEmpty();
}

} // namespace

TEST_CASE("HttpJob returns a real X search body on success", "[http]")
{
    REQUIRE(QFileInfo::exists(xDocs("search_recent_with_author_expansion.json")));
    Fixture f;
    REQUIRE(f.server.listening());
    f.server.enqueue(QStringLiteral("/2/tweets/search/recent"),
                     CannedResponse::jsonFile(200, xDocs("search_recent_with_author_expansion.json")));
    auto job = f.job(QStringLiteral("/2/tweets/search/recent?query=%40sportello&expansions=author_id"));
    const HttpOutcome out = run(*job);
    CHECK(out.kind == OutcomeKind::Success);
    CHECK(job->status() == JobStatus::Succeeded);
    CHECK(out.httpStatus == 200);
    CHECK(out.attempts == 1);
    CHECK(out.body == fileBytes(xDocs("search_recent_with_author_expansion.json")));
    REQUIRE(f.server.requests().size() == 1);
    CHECK(f.server.requests()[0].method == QByteArray("GET"));
    CHECK(f.server.requests()[0].query.contains(QLatin1String("expansions=author_id")));
}

TEST_CASE("HttpJob retries a 500 with backoff from the table", "[http]")
{
    Fixture f;
    f.server.enqueue(QStringLiteral("/feed"), CannedResponse::json(500, R"({"error":"boom"})"));
    f.server.enqueue(QStringLiteral("/feed"),
                     CannedResponse::json(503, "<html><body>Service Unavailable</body></html>"));
    f.server.enqueue(QStringLiteral("/feed"), CannedResponse::json(200, R"({"data":[]})"));
    auto job = f.job(QStringLiteral("/feed"));
    const HttpOutcome out = run(*job);
    CHECK(out.kind == OutcomeKind::Success);
    CHECK(job->attempts() == 3);
    CHECK(f.server.requestCount(QStringLiteral("/feed")) == 3);
    // 20 ms * 2^(n-1) * 1.25
    CHECK(job->scheduledDelays() == QList<qint64>{25, 50});
}

TEST_CASE("Backoff table: exponential, capped, jittered", "[http]")
{
    RetryPolicy p;
    p.baseDelayMs = 1000;
    p.maxDelayMs = 60'000;
    p.jitter = 0.2;
    CHECK(p.delayMs(1, 0.5, p.baseDelayMs) == 1000);
    CHECK(p.delayMs(2, 0.5, p.baseDelayMs) == 2000);
    CHECK(p.delayMs(4, 0.5, p.baseDelayMs) == 8000);
    CHECK(p.delayMs(3, 0.0, p.baseDelayMs) == 3200);
    CHECK(p.delayMs(3, 1.0, p.baseDelayMs) == 4800);
    CHECK(p.delayMs(20, 0.5, p.baseDelayMs) == 60'000);
    CHECK(p.delayMs(20, 1.0, p.baseDelayMs) == 60'000); // the cap holds after jitter
}

TEST_CASE("HttpJob retries a slow answer past the timeout, then gives up", "[http]")
{
    Fixture f;
    CannedResponse slow = CannedResponse::json(200, R"({"data":[]})");
    slow.delayMs = 600;
    f.server.enqueue(QStringLiteral("/slow"), slow);
    auto job = f.job(QStringLiteral("/slow"), fastPolicy(2));
    const HttpOutcome out = run(*job);
    CHECK(job->status() == JobStatus::GaveUp);
    CHECK(out.kind == OutcomeKind::Retryable);
    CHECK(out.attempts == 2);
    CHECK(job->scheduledDelays() == QList<qint64>{25});
    CHECK(out.message.contains(QLatin1String("no answer within 200 ms")));
    CHECK(out.message.contains(QLatin1String("gave up after 2 attempts")));
}

TEST_CASE("HttpJob waits until x-rate-limit-reset on an X 429", "[http]")
{
    Fixture f;
    CannedResponse limited = CannedResponse::jsonFile(429, errorBodies("x_api_v2_http429_body.json"));
    // The real docs headers, with remaining set to 0 as a 429 would have it.
    limited.header("x-rate-limit-limit", "900")
        .header("x-rate-limit-remaining", "0")
        .header("x-rate-limit-reset", "1705420800");
    f.server.enqueue(QStringLiteral("/2/users/1/mentions"), limited);
    f.server.enqueue(QStringLiteral("/2/users/1/mentions"), CannedResponse::json(200, R"({"data":[]})"));
    auto job = f.job(QStringLiteral("/2/users/1/mentions"));
    REQUIRE(runUntilWaitOrEnd(*job));
    CHECK(job->status() == JobStatus::WaitingRetry);
    CHECK(job->outcome().kind == OutcomeKind::RateLimited);
    CHECK(job->outcome().retryAfterMs == 30'000);
    CHECK(job->retryTimer().isActive());
    CHECK(job->retryTimer().interval() == 30'000);
    CHECK(job->scheduledDelays() == QList<qint64>{30'000});

    QSignalSpy finished(job.get(), &HttpJob::finished);
    f.clock.advanceMs(30'000);
    job->retryNow();
    REQUIRE(finished.wait(2000));
    CHECK(job->outcome().kind == OutcomeKind::Success);
    CHECK(job->attempts() == 2);
}

TEST_CASE("HttpJob honours Retry-After and gives up on waits too long", "[http]")
{
    Fixture f;
    f.server.enqueue(QStringLiteral("/a"), CannedResponse::json(429, "{}").header("Retry-After", "7"));
    auto a = f.job(QStringLiteral("/a"));
    REQUIRE(runUntilWaitOrEnd(*a));
    CHECK(a->retryTimer().interval() == 7000);

    f.server.enqueue(QStringLiteral("/b"), CannedResponse::json(429, "{}").header("Retry-After", "3600"));
    auto b = f.job(QStringLiteral("/b"));
    const HttpOutcome out = run(*b);
    CHECK(b->status() == JobStatus::GaveUp);
    CHECK(out.kind == OutcomeKind::RateLimited);
    CHECK(out.retryAfterMs == 3'600'000);
}

TEST_CASE("Graph rate-limit codes 4, 17, 32 and 613 are rate limits", "[http]")
{
    const char *files[] = {
        "graph_code4_application_request_limit.json",
        "graph_code4_application_request_limit_escaped_slash.json",
        "graph_code17_user_request_limit_RECONSTRUCTED.json",
        "graph_code32_page_request_limit.json",
        "legacy_rest_code613_rate_limit_TRUNCATED.json",
    };
    const int codes[] = {4, 4, 17, 32, 613};
    for (int i = 0; i < 5; ++i) {
        INFO(files[i]);
        Fixture f;
        // Graph answers these with 400 or 403; 613 came with 200 in the legacy API.
        f.server.enqueue(QStringLiteral("/v19.0/me/feed"),
                         CannedResponse::jsonFile(i == 4 ? 200 : 400, errorBodies(files[i])));
        f.server.enqueue(QStringLiteral("/v19.0/me/feed"), CannedResponse::json(200, R"({"data":[]})"));
        auto job = f.job(QStringLiteral("/v19.0/me/feed"));
        REQUIRE(runUntilWaitOrEnd(*job));
        CHECK(job->outcome().kind == OutcomeKind::RateLimited);
        CHECK(job->outcome().apiErrorCode == codes[i]);
        // No reset time given: the rate-limit row of the table, 30 ms * 1.25.
        CHECK(job->retryTimer().interval() == 38);
        QSignalSpy finished(job.get(), &HttpJob::finished);
        REQUIRE(finished.wait(2000));
        CHECK(job->outcome().kind == OutcomeKind::Success);
    }
}

TEST_CASE("Graph usage headers at 90 % or more back off", "[http]")
{
    Fixture f;
    f.server.enqueue(
        QStringLiteral("/busy"),
        CannedResponse::json(500, R"({"error":{"message":"An unknown error occurred","code":1}})")
            .header(
                "x-business-use-case-usage",
                R"({"112233":[{"type":"pages","call_count":95,"total_cputime":10,"total_time":12,"estimated_time_to_regain_access":2}]})"));
    auto job = f.job(QStringLiteral("/busy"), fastPolicy(), "GET");
    REQUIRE(runUntilWaitOrEnd(*job));
    CHECK(job->outcome().kind == OutcomeKind::RateLimited);
    CHECK(job->outcome().usagePercent == 95);
    CHECK(job->retryTimer().interval() == 120'000);

    // The single-quoted form quoted in the shared folder still parses; 85 % is below the line.
    ManualClock clock;
    ReplyFacts facts;
    facts.httpStatus = 200;
    facts.headers = {{"X-Page-Usage", "{'call_count' : 85, 'total_cputime' : 56, 'total_time' : 60}"}};
    facts.body = "{}";
    const HttpOutcome ok = classifyReply(HttpRequestSpec{}, facts, clock);
    CHECK(ok.kind == OutcomeKind::Success);
    CHECK(ok.usagePercent == 85);
    CHECK(ok.retryAfterMs == -1);
}

TEST_CASE("Expired token: Graph 190 and HTTP 401 are not retried", "[http]")
{
    Fixture f;
    f.server.enqueue(QStringLiteral("/graph"),
                     CannedResponse::jsonFile(
                         400, sharedDataDir() + QStringLiteral("/meta_graph_restfb_fixtures/exampleErrorNew.json")));
    f.server.enqueue(QStringLiteral("/x"),
                     CannedResponse::json(
                         401, R"({"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"})"));
    for (const char *path : {"/graph", "/x"}) {
        INFO(path);
        auto job = f.job(QString::fromLatin1(path));
        const HttpOutcome out = run(*job);
        CHECK(out.kind == OutcomeKind::AuthExpired);
        CHECK(job->status() == JobStatus::Failed);
        CHECK(out.attempts == 1);
        CHECK(job->scheduledDelays().isEmpty());
    }
    CHECK(f.server.requestCount(QStringLiteral("/graph")) == 1);
    CHECK(f.server.requestCount(QStringLiteral("/x")) == 1);
}

TEST_CASE("Duplicate content is its own outcome", "[http]")
{
    Fixture f;
    f.server.enqueue(
        QStringLiteral("/2/tweets"),
        CannedResponse::json(
            403,
            R"({"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403})"));
    f.server.enqueue(
        QStringLiteral("/v19.0/123_456/comments"),
        CannedResponse::json(
            400,
            R"({"error":{"message":"(#506) Duplicate status message","type":"OAuthException","code":506,"fbtrace_id":"AbC"}})"));
    for (const char *path : {"/2/tweets", "/v19.0/123_456/comments"}) {
        INFO(path);
        auto job = f.job(QString::fromLatin1(path), fastPolicy(), "POST", false);
        const HttpOutcome out = run(*job);
        CHECK(out.kind == OutcomeKind::Duplicate);
        CHECK(job->status() == JobStatus::Failed);
        CHECK(out.attempts == 1);
    }
}

TEST_CASE("Unreadable answers give a clear error, never a crash", "[http]")
{
    Fixture f;
    const QByteArray real = fileBytes(xDocs("search_recent_with_author_expansion.json"));
    f.server.enqueue(QStringLiteral("/empty"), CannedResponse::json(200, ""));
    f.server.enqueue(QStringLiteral("/truncated"), CannedResponse::json(200, real.left(real.size() / 2)));
    CannedResponse html = CannedResponse::json(200, "<!DOCTYPE html><html><body>Login</body></html>");
    html.headers = {{"Content-Type", "text/html"}};
    f.server.enqueue(QStringLiteral("/html"), html);
    f.server.enqueue(QStringLiteral("/html400"), CannedResponse::json(400, "<html><body>Bad Request</body></html>"));
    f.server.enqueue(QStringLiteral("/problem"),
                     CannedResponse::jsonFile(400, xDocs("error_problem_invalid_request.json")));

    auto check = [&](const char *path, const char *expected) {
        INFO(path);
        auto job = f.job(QString::fromLatin1(path));
        const HttpOutcome out = run(*job);
        CHECK(out.kind == OutcomeKind::Failed);
        CHECK(job->status() == JobStatus::Failed);
        CHECK(out.attempts == 1);
        CHECK(out.message.contains(QLatin1String(expected)));
        CHECK(out.message.contains(QLatin1String(path)));
    };
    check("/empty", "an empty body");
    check("/truncated", "malformed or truncated JSON");
    check("/html", "HTML");
    check("/html400", "HTTP 400 (an HTML");
    check("/problem", "HTTP 400");
}

TEST_CASE("A body cut off mid-transfer is a network error", "[http]")
{
    Fixture f;
    CannedResponse cut = CannedResponse::jsonFile(200, xDocs("search_recent_with_author_expansion.json"));
    cut.fault = CannedResponse::Fault::TruncateBody;
    f.server.enqueue(QStringLiteral("/cut"), cut);
    auto job = f.job(QStringLiteral("/cut"), fastPolicy(2));
    const HttpOutcome out = run(*job);
    CHECK(out.kind == OutcomeKind::Retryable);
    CHECK(job->status() == JobStatus::GaveUp);
    CHECK(f.server.requestCount(QStringLiteral("/cut")) == 2);
}

TEST_CASE("A dropped connection after a reply was sent is an unknown delivery", "[http]")
{
    Fixture f;
    CannedResponse drop;
    drop.fault = CannedResponse::Fault::DropAfterRequest;
    f.server.enqueue(QStringLiteral("/2/tweets"), drop);
    auto job = f.job(QStringLiteral("/2/tweets"), fastPolicy(), "POST", false);
    const HttpOutcome out = run(*job);
    CHECK(out.kind == OutcomeKind::UnknownDelivery);
    CHECK(job->status() == JobStatus::Failed);
    CHECK(out.attempts == 1);
    CHECK(out.message.contains(QLatin1String("may or may not have been delivered")));
    // The job never resends it. Qt 6.4's HTTP/1 layer, however, silently resends a request
    // once when the connection closes before the status line, even a POST (later Qt versions
    // check methodIsIdempotent()). So the server may have received it twice: this is why an
    // unknown delivery must be resolved by reading the thread back, never by resending. Either
    // way the server has read every request before the job ends: it drops the connection only
    // after reading one.
    const int received = f.server.requestCount(QStringLiteral("/2/tweets"));
    CHECK(received >= 1);
    CHECK(received <= 2);
    if (received == 2)
        WARN("Qt's HTTP layer resent the dropped POST once (known Qt 6.4 behaviour)");
    CHECK(f.server.requests()[0].method == QByteArray("POST"));
    CHECK(f.server.requests()[0].body.contains(QLatin1String("Ci scriva in privato")));

    SECTION("a read that drops is simply retried")
    {
        f.server.enqueue(QStringLiteral("/read"), drop);
        f.server.enqueue(QStringLiteral("/read"), CannedResponse::json(200, "{}"));
        auto read = f.job(QStringLiteral("/read"));
        CHECK(run(*read).kind == OutcomeKind::Success);
    }
}

TEST_CASE("A refused connection is retried even for a non-idempotent request", "[http]")
{
    QNetworkAccessManager nam;
    ManualClock clock;
    quint16 closedPort = 0;
    {
        LocalHttpServer gone;
        closedPort = gone.port();
    }
    HttpRequestSpec spec;
    spec.verb = "POST";
    spec.idempotent = false;
    spec.timeoutMs = 200;
    spec.url = QUrl(QStringLiteral("http://127.0.0.1:%1/2/tweets").arg(closedPort));
    HttpJob job(&nam, clock, spec, fastPolicy(2));
    job.setRandomSource([] { return 0.5; });
    const HttpOutcome out = run(job);
    CHECK(out.kind == OutcomeKind::Retryable);
    CHECK(job.status() == JobStatus::GaveUp);
    CHECK(job.scheduledDelays() == QList<qint64>{20});
}

TEST_CASE("redactedUrl strips access tokens and passwords", "[http]")
{
    const QUrl paging(QStringLiteral(
        "https://graph.facebook.com/v19.0/1234/feed?access_token=EAAB%2Fsecret123&limit=25&after=QVFIUj"));
    const QString r = redactedUrl(paging);
    CHECK_FALSE(r.contains(QLatin1String("secret123")));
    CHECK_FALSE(r.contains(QLatin1String("EAAB")));
    CHECK(r.contains(QLatin1String("access_token=REDACTED")));
    CHECK(r.contains(QLatin1String("limit=25")));
    CHECK(r.contains(QLatin1String("after=QVFIUj")));
    CHECK(r.startsWith(QLatin1String("https://graph.facebook.com/v19.0/1234/feed?")));
    CHECK_FALSE(redactedUrl(QUrl(QStringLiteral("https://user:pw@example.org/x?Access_Token=abc")))
                    .contains(QLatin1String("pw")));
    CHECK_FALSE(
        redactedUrl(QUrl(QStringLiteral("https://example.org/x?Access_Token=abc"))).contains(QLatin1String("abc")));
    CHECK(redactedUrl(QUrl(QStringLiteral("https://example.org/x?a=1"))) == QLatin1String("https://example.org/x?a=1"));
}

TEST_CASE("Error messages never carry the token", "[http]")
{
    Fixture f;
    f.server.enqueue(QStringLiteral("/v19.0/me/feed"), CannedResponse::json(500, "oops"));
    auto job = f.job(QStringLiteral("/v19.0/me/feed?access_token=SECRETTOKEN42&limit=5"), fastPolicy(1));
    const HttpOutcome out = run(*job);
    CHECK(job->status() == JobStatus::GaveUp);
    CHECK_FALSE(out.message.contains(QLatin1String("SECRETTOKEN42")));
    CHECK(out.message.contains(QLatin1String("access_token=REDACTED")));
    // The server did receive it: redaction is for printing only.
    REQUIRE(f.server.requests().size() == 1);
    CHECK(f.server.requests()[0].query.contains(QLatin1String("SECRETTOKEN42")));
}

TEST_CASE("A body shorter than its Content-Length is a cut-off transfer, whatever Qt reported", "[http]")
{
    // The server's close can race the end of the reply: Qt then reports no error for half a body.
    ManualClock clock;
    const QByteArray whole = fileBytes(xDocs("search_recent_with_author_expansion.json"));
    for (const qsizetype kept : {qsizetype(0), qsizetype(1), whole.size() / 2, whole.size() - 1}) {
        ReplyFacts facts;
        facts.httpStatus = 200;
        facts.headers = {{QByteArrayLiteral("content-length"), QByteArray::number(whole.size())}};
        facts.body = whole.left(kept);
        const HttpOutcome get = classifyReply(HttpRequestSpec{}, facts, clock);
        CHECK(get.kind == OutcomeKind::Retryable);
        CHECK(get.message.contains(QLatin1String("cut off")));
        HttpRequestSpec post;
        post.verb = "POST";
        post.idempotent = false;
        CHECK(classifyReply(post, facts, clock).kind == OutcomeKind::UnknownDelivery);
    }
    ReplyFacts complete;
    complete.httpStatus = 200;
    complete.headers = {{QByteArrayLiteral("Content-Length"), QByteArray::number(whole.size())}};
    complete.body = whole;
    CHECK(classifyReply(HttpRequestSpec{}, complete, clock).kind == OutcomeKind::Success);
}

TEST_CASE("classifyReply reads the body of unusual server errors", "[http]")
{
    ManualClock clock;
    ReplyFacts facts;
    facts.error = QNetworkReply::UnknownServerError; // how Qt reports e.g. HTTP 520
    facts.httpStatus = 520;
    facts.body = fileBytes(errorBodies("graph_code32_page_request_limit.json"));
    HttpRequestSpec post;
    post.verb = "POST";
    post.idempotent = false;
    CHECK(classifyReply(post, facts, clock).kind == OutcomeKind::RateLimited);
    facts.body = "<html>oops</html>";
    // A server error to a POST may come after the creation: unknown, read back before any resend.
    CHECK(classifyReply(post, facts, clock).kind == OutcomeKind::UnknownDelivery);
    CHECK(classifyReply(HttpRequestSpec{}, facts, clock).kind == OutcomeKind::Retryable);
    // A protocol failure without any status is a lost answer for a non-idempotent request.
    facts.error = QNetworkReply::ProtocolFailure;
    facts.httpStatus = 0;
    CHECK(classifyReply(post, facts, clock).kind == OutcomeKind::UnknownDelivery);
    CHECK(classifyReply(HttpRequestSpec{}, facts, clock).kind == OutcomeKind::Retryable);
}
