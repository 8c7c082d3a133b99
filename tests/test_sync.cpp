// SyncRunner (one pass over every account) and NetworkStatus, against a local HTTP server on
// 127.0.0.1. X pages are synthetic in the shape of the real documentation bodies; the Graph
// account reads an empty feed (the real "no data" shape).
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "SyntheticPages.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "net/HttpJob.h"
#include "net/NetworkStatus.h"
#include "sync/SyncLease.h"
#include "sync/SyncRunner.h"

#include <QNetworkAccessManager>
#include <QNetworkInformation>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <optional>

using namespace sportello;
using namespace sportello::sync;
using namespace sportello::net;
using namespace sportello::accounts;
using namespace sportello::outbox;
using namespace sportello::test;

namespace {

const QString kToken = QStringLiteral("sync-runner-SECRET-4c1d");
const char *kEnv = "SPORTELLO_TEST_SYNC_TOKEN";

struct RunnerFixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{1'705'420'000'000};
    TempCache cache;
    AccountStore store{*cache.db};
    MemoryTokenStore keychain;

    RunnerFixture() { REQUIRE(server.listening()); }
    QString base(const QString &path = {}) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(path);
    }

    Account add(Channel channel, const QString &id, const QString &tokenEnv = {})
    {
        auto added = store.add(channel, id, channel == Channel::X ? base(QStringLiteral("/2")) : base(), tokenEnv, 0);
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
        return *added;
    }

    SyncRunReport run(SyncRunner &runner)
    {
        std::optional<SyncRunReport> report;
        const auto connection =
            QObject::connect(&runner, &SyncRunner::finished, [&](const SyncRunReport &r) { report = r; });
        REQUIRE(runner.start());
        const bool done = QTest::qWaitFor([&] { return report.has_value(); }, 10000);
        QObject::disconnect(connection);
        REQUIRE(done);
        return *report;
    }
    SyncOptions options() const
    {
        SyncOptions o;
        o.retry.maxAttempts = 1;
        o.timeoutMs = 2000;
        o.pageSize = 10;
        o.xDirectMessages = false;
        return o;
    }
    qint64 posts() { return scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM posts")).toLongLong(); }
};

} // namespace

TEST_CASE("a sync pass runs every account, skips those needing sign-in or without a token, and reports each", "[sync]")
{
    RunnerFixture f;
    qputenv(kEnv, kToken.toUtf8());
    const Account x = f.add(Channel::X, QStringLiteral("1111"));
    REQUIRE(f.keychain.write(x.tokenKey(), kToken).ok());
    const Account fb = f.add(Channel::Facebook, QStringLiteral("4242"), QString::fromLatin1(kEnv));
    const Account signIn = f.add(Channel::Instagram, QStringLiteral("7777"), QString::fromLatin1(kEnv));
    REQUIRE(f.store.setNeedsSignIn(signIn.id, true).ok());
    const Account noToken = f.add(Channel::X, QStringLiteral("9999")); // nothing in the keychain

    SyntheticMentions mentions;
    mentions.pages = 3;
    mentions.newestCreatedAtMs = f.clock.nowMs() - 60'000;
    for (const QByteArray &page : mentions.allPages())
        f.server.enqueue(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, page));
    f.server.enqueue(QStringLiteral("/v19.0/4242/feed"), CannedResponse::json(200, "{\"data\":[]}"));
    f.server.enqueue(QStringLiteral("/v19.0/4242/conversations"), CannedResponse::json(200, "{\"data\":[]}"));

    SyncRunner runner(&f.nam, *f.cache.db, f.clock, f.keychain);
    runner.setOptions(f.options());
    QSignalSpy progress(&runner, &SyncRunner::progress);
    QSignalSpy started(&runner, &SyncRunner::accountStarted);
    QSignalSpy announced(&runner, &SyncRunner::signInNeeded);
    const SyncRunReport report = f.run(runner);

    REQUIRE(report.accounts.size() == 4);
    CHECK(started.size() == 4);
    const auto find = [&](const QString &key) {
        for (const AccountSyncReport &a : report.accounts)
            if (a.key == key)
                return a;
        FAIL("no report for " << key.toStdString());
        return AccountSyncReport{};
    };
    const AccountSyncReport xr = find(x.tokenKey());
    CHECK(xr.outcome == AccountSyncReport::Outcome::Synced);
    CHECK(xr.result.pages == 3);
    CHECK(xr.result.postsAdded == 30);
    const AccountSyncReport fr = find(fb.tokenKey());
    INFO(fr.error.toStdString());
    CHECK(fr.outcome == AccountSyncReport::Outcome::Synced);
    const AccountSyncReport sr = find(signIn.tokenKey());
    CHECK(sr.outcome == AccountSyncReport::Outcome::NeedsSignIn);
    CHECK(sr.skipped);
    CHECK(sr.error.contains(QLatin1String("signing in again")));
    const AccountSyncReport nr = find(noToken.tokenKey());
    CHECK(nr.outcome == AccountSyncReport::Outcome::NoToken);
    CHECK(nr.skipped);
    CHECK(nr.error.contains(QLatin1String("x account 9999")));
    CHECK(nr.error.contains(QLatin1String("No token is stored")));

    CHECK_FALSE(report.ok()); // two accounts were not synced
    CHECK(report.postsAdded() == 30);
    CHECK(report.pages() == 3 + fr.result.pages);
    CHECK(report.accountsNeedingSignIn() == QStringList{signIn.tokenKey()});
    CHECK(announced.isEmpty()); // marked before: nothing new to announce
    CHECK(f.posts() == 30);
    CHECK(checkFullTextCoversPosts(*f.cache.db) == 30);
    // Progress after every stored page, with the account, pages and posts so far.
    QVector<SyncProgress> xProgress;
    for (const QList<QVariant> &args : progress) {
        const auto p = args.first().value<SyncProgress>();
        if (p.account == x.tokenKey())
            xProgress << p;
    }
    REQUIRE(xProgress.size() == 3);
    CHECK(xProgress.at(0).pages == 1);
    CHECK(xProgress.at(0).postsAdded == 10);
    CHECK(xProgress.at(2).pages == 3);
    CHECK(xProgress.at(2).postsAdded == 30);
    // The pass's longest store is the longest of the pages' stores it reported.
    qint64 longestPage = -1;
    for (const QList<QVariant> &args : progress)
        longestPage = qMax(longestPage, args.first().value<SyncProgress>().storeMs);
    CHECK(report.longestStoreMs() == longestPage);
    // Neither skipped account was contacted.
    for (const ReceivedRequest &r : f.server.requests()) {
        CHECK_FALSE(r.path.contains(QLatin1String("7777")));
        CHECK_FALSE(r.path.contains(QLatin1String("9999")));
    }
    qunsetenv(kEnv);
}

TEST_CASE("a refused token during a pass marks the account, announces it and fails the pass", "[sync]")
{
    RunnerFixture f;
    const Account x = f.add(Channel::X, QStringLiteral("1111"));
    REQUIRE(f.keychain.write(x.tokenKey(), kToken).ok());
    f.server.enqueue(QStringLiteral("/2/users/1111/mentions"),
                     CannedResponse::json(
                         401, R"({"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"})"));

    SyncRunner runner(&f.nam, *f.cache.db, f.clock, f.keychain);
    runner.setOptions(f.options());
    QSignalSpy signIn(&runner, &SyncRunner::signInNeeded);
    const SyncRunReport report = f.run(runner);

    REQUIRE(report.accounts.size() == 1);
    CHECK(report.accounts.first().outcome == AccountSyncReport::Outcome::NeedsSignIn);
    CHECK_FALSE(report.accounts.first().skipped);
    CHECK_FALSE(report.ok());
    REQUIRE(signIn.size() == 1);
    CHECK(signIn.first().first().toString() == x.tokenKey());
    CHECK((*f.store.find(Channel::X, QStringLiteral("1111")))->needsSignIn);
    CHECK_FALSE(report.accounts.first().error.contains(kToken));

    // The next pass does not send the refused token again.
    const int before = f.server.requestCount(QStringLiteral("/2/users/1111/mentions"));
    const SyncRunReport again = f.run(runner);
    CHECK(again.accounts.first().skipped);
    CHECK(f.server.requestCount(QStringLiteral("/2/users/1111/mentions")) == before);
}

TEST_CASE("the pass-end step runs after the accounts and its failure fails the pass", "[sync]")
{
    RunnerFixture f;
    SyncRunner runner(&f.nam, *f.cache.db, f.clock, f.keychain);
    bool stepOk = true;
    int calls = 0;
    runner.setPassEndStep([&](std::function<void(bool, const QString &)> done) {
        ++calls;
        // Answers later, as the outbox dispatcher does.
        QTimer::singleShot(10, [done, stepOk] { done(stepOk, QStringLiteral("2 delivered")); });
    });
    SyncRunReport report = f.run(runner);
    CHECK(calls == 1);
    CHECK(report.accounts.isEmpty());
    CHECK(report.drainRan);
    CHECK(report.drainSummary == QLatin1String("2 delivered"));
    CHECK(report.ok());

    stepOk = false;
    report = f.run(runner);
    CHECK(calls == 2);
    CHECK_FALSE(report.ok());

    // A second start while a pass runs is refused.
    QSignalSpy finished(&runner, &SyncRunner::finished);
    REQUIRE(runner.start());
    CHECK_FALSE(runner.start());
    REQUIRE(finished.wait(5000));
    CHECK(finished.size() == 1);
}

TEST_CASE("the network status goes offline after requests get no answer and online with any HTTP answer",
          "[sync][offline]")
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    server.enqueue(QStringLiteral("/ok"), CannedResponse::json(500, "{}"));
    // A port with nobody listening: connection refused.
    QTcpServer closed;
    REQUIRE(closed.listen(QHostAddress::LocalHost));
    const quint16 deadPort = closed.serverPort();
    closed.close();

    QNetworkAccessManager nam;
    NetworkStatus status;
    status.watch(&nam);
    QSignalSpy changed(&status, &NetworkStatus::onlineChanged);
    CHECK(status.isOnline());
    CHECK(status.platform() == NetworkStatus::Platform::Unavailable);
    // Nothing known yet: a decision now is treated as taken offline.
    CHECK_FALSE(status.knownOnline());

    const auto get = [&](const QUrl &url) {
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        REQUIRE(QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000));
        reply->deleteLater();
    };
    const QUrl dead(QStringLiteral("http://127.0.0.1:%1/x").arg(deadPort));
    get(dead);
    CHECK(status.isOnline()); // one failure is not enough
    get(dead);
    CHECK_FALSE(status.isOnline());
    CHECK(status.reason().contains(QLatin1String("no answer")));
    REQUIRE(changed.size() == 1);
    CHECK(changed.first().first().toBool() == false);

    CHECK_FALSE(status.knownOnline());
    get(server.url(QStringLiteral("/ok"))); // a 500 is still an answer
    CHECK(status.isOnline());
    CHECK(changed.size() == 2);
    // Without a platform backend, a recent answer is what makes the network known to be there.
    CHECK(status.knownOnline());
    CHECK(status.msSinceLastAnswer() >= 0);
    CHECK_FALSE(status.knownOnline(-1)); // an answer older than the window does not count
    status.reportFailure();
    CHECK(status.isOnline());
    CHECK_FALSE(status.knownOnline()); // a failure since the answer
    status.reportSuccess();
    CHECK(status.knownOnline());

    // The platform's word wins over answers, and its return clears earlier failures.
    status.setPlatformReachability(NetworkStatus::Platform::Offline);
    CHECK_FALSE(status.isOnline());
    status.reportSuccess();
    CHECK_FALSE(status.isOnline());
    status.reportFailure();
    status.reportFailure();
    status.setPlatformReachability(NetworkStatus::Platform::Online);
    CHECK(status.isOnline());
    CHECK(status.consecutiveFailures() == 0);
    CHECK(status.knownOnline(-1)); // the platform's word is enough
}

TEST_CASE("the network status follows the system backend only once loaded", "[sync][offline]")
{
    NetworkStatus status;
    // Nothing is loaded at construction: the console loads it after its first show.
    CHECK(status.platform() == NetworkStatus::Platform::Unavailable);
    CHECK(status.backendName().isEmpty());
    const bool followed = status.loadSystemBackend();
    QNetworkInformation *info = QNetworkInformation::instance();
    const bool supported = info && info->supports(QNetworkInformation::Feature::Reachability);
    CHECK(followed == supported);
    if (supported) {
        CHECK(status.backendName() == info->backendName());
        CHECK(status.platform() != NetworkStatus::Platform::Unavailable);
        CHECK(status.isOnline() == (status.platform() != NetworkStatus::Platform::Offline));
    } else { // a container: the requests alone decide
        CHECK(status.backendName().isEmpty());
        CHECK(status.platform() == NetworkStatus::Platform::Unavailable);
        CHECK(status.isOnline());
    }
}

TEST_CASE("a request Sportello gives up is not counted as no answer", "[sync][offline]")
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    CannedResponse slow = CannedResponse::json(200, "{}");
    slow.delayMs = 5000;
    server.enqueue(QStringLiteral("/slow"), slow);
    server.enqueue(QStringLiteral("/slow"), slow);
    QNetworkAccessManager nam;
    NetworkStatus status;
    status.watch(&nam);
    QSignalSpy ended(&nam, &QNetworkAccessManager::finished); // after the status: it has judged each one
    const ManualClock clock{1'705'420'000'000};
    for (int i = 0; i < NetworkStatus::kFailuresForOffline; ++i) {
        HttpRequestSpec spec;
        spec.url = server.url(QStringLiteral("/slow"));
        auto job = std::make_unique<HttpJob>(&nam, clock, spec, RetryPolicy{});
        job->start();
        REQUIRE(QTest::qWaitFor([&] { return server.requestCount(QStringLiteral("/slow")) == i + 1; }, 5000));
        job.reset(); // aborts the reply in flight
        REQUIRE(QTest::qWaitFor([&] { return ended.count() == i + 1; }, 5000));
    }
    CHECK(status.consecutiveFailures() == 0);
    CHECK(status.isOnline());
}

TEST_CASE("an account another process is syncing is skipped, reported and not an error, until its lease expires",
          "[sync][lease]")
{
    RunnerFixture f;
    const Account x = f.add(Channel::X, QStringLiteral("1111"));
    REQUIRE(f.keychain.write(x.tokenKey(), kToken).ok());
    SyncRunner runner(&f.nam, *f.cache.db, f.clock, f.keychain);
    runner.setOptions(f.options());

    // The cron job holds it for another minute.
    REQUIRE(acquireSyncLease(*f.cache.db, x.id, QStringLiteral("cron"), f.clock.nowMs(), 60'000).value());
    SyncRunReport report = f.run(runner);
    REQUIRE(report.accounts.size() == 1);
    CHECK(report.accounts.first().outcome == AccountSyncReport::Outcome::Busy);
    CHECK(report.accounts.first().error.contains(QLatin1String("another Sportello process")));
    CHECK(report.ok());
    CHECK(f.server.requests().isEmpty());

    // Expired (its holder died): taken over; released at the end of the account.
    f.clock.advanceMs(61'000);
    f.server.enqueue(QStringLiteral("/2/users/1111/mentions"),
                     CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    report = f.run(runner);
    CHECK(report.accounts.first().outcome == AccountSyncReport::Outcome::Synced);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT COUNT(*) FROM app_state WHERE key = '%1'").arg(syncLeaseKey(x.id)))
              .toInt() == 0);
    // Free again for the other process.
    CHECK(acquireSyncLease(*f.cache.db, x.id, QStringLiteral("cron"), f.clock.nowMs(), 60'000).value());
    CHECK_FALSE(acquireSyncLease(*f.cache.db, x.id, QStringLiteral("gui"), f.clock.nowMs(), 60'000).value());
    REQUIRE(releaseSyncLease(*f.cache.db, x.id, QStringLiteral("cron")).ok());
}
