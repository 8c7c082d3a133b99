// sportello-cli sync and decide, run as a separate process. The local HTTP server lives in this
// test process, so the CLI runs asynchronously while the event loop serves its requests.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "SyntheticPages.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace sportello;
using namespace sportello::accounts;
using namespace sportello::test;

namespace {

const QByteArray kToken = "cli-sync-SECRET-91ab";

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCliAsync(const QStringList &arguments, const QHash<QString, QString> &env = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    environment.remove(QStringLiteral("USER"));
    environment.remove(QStringLiteral("USERNAME"));
    for (auto it = env.constBegin(); it != env.constEnd(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH), arguments);
    REQUIRE(process.waitForStarted(30000));
    REQUIRE(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

std::string str(const QString &s) { return s.toStdString(); }

} // namespace

TEST_CASE("sportello-cli sync --once fetches every account and exits 0 when all went well", "[cli][sync]")
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    TempCache cache;
    {
        AccountStore store(*cache.db);
        REQUIRE(store
                    .add(Channel::X, QStringLiteral("1111"), server.url(QStringLiteral("/2")).toString(),
                         QStringLiteral("SPORTELLO_CLI_X_TOKEN"), 0)
                    .ok());
    }
    SyntheticMentions mentions;
    mentions.pages = 2;
    mentions.newestCreatedAtMs = QDateTime::currentMSecsSinceEpoch() - 120'000;
    for (const QByteArray &page : mentions.allPages())
        server.enqueue(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, page));
    server.enqueue(QStringLiteral("/2/dm_events"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    // Every Qt log category on, debug included: whatever the process logs goes to stderr, checked below.
    const QHash<QString, QString> env{{QStringLiteral("SPORTELLO_CLI_X_TOKEN"), QString::fromLatin1(kToken)},
                                      {QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")}};
    const QStringList args{QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("--once")};

    CliRun run = runCliAsync(args, env);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("x 1111: 20 new posts, 0 already in the cache")));
    CHECK(run.out.contains(QLatin1String("1 of 1 accounts synced")));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM posts")).toInt() == 20);
    for (const ReceivedRequest &r : server.requests())
        CHECK(r.header("authorization") == "Bearer " + kToken);

    // Again: incremental from the newest mention, nothing new.
    server.enqueue(QStringLiteral("/2/users/1111/mentions"),
                   CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    run = runCliAsync(args, env);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("0 new posts")));
    QString lastMentionsQuery;
    for (const ReceivedRequest &r : server.requests())
        if (r.path == QLatin1String("/2/users/1111/mentions"))
            lastMentionsQuery = r.query;
    CHECK(lastMentionsQuery.contains(QLatin1String("since_id=") + mentions.ids(0).first()));

    // A decision taken from a script is delivered by the next pass: the outbox drains after the
    // accounts, and its outcome is part of the exit code.
    const QString tweet = mentions.ids(1).at(3);
    run = runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("decide"), tweet,
                       QStringLiteral("--public"), QStringLiteral("--text"),
                       QStringLiteral("Ci scriva in privato, grazie."), QStringLiteral("--agent"),
                       QStringLiteral("Ops")});
    REQUIRE(run.exitCode == 0);
    // A script's decision is checked against the thread before it is sent, as one taken offline.
    CHECK(scalar(*cache.db, QStringLiteral("SELECT decided_offline FROM outbox")).toInt() == 1);
    server.enqueue(
        QStringLiteral("/2/tweets/") + tweet,
        CannedResponse::json(200, QStringLiteral(R"({"data":{"id":"%1","text":"@acme aiuto"}})").arg(tweet).toUtf8()));
    server.enqueue(QStringLiteral("/2/users/1111/tweets"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    server.enqueue(
        QStringLiteral("/2/tweets"),
        CannedResponse::json(201, R"({"data":{"id":"1900000000000000001","text":"Ci scriva in privato, grazie."}})"));
    run = runCliAsync(args, env);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("Outbox: 1 delivered, 0 failed, 0 held; 0 in the outbox")));
    CHECK(server.requestCount(QStringLiteral("/2/users/1111/tweets")) == 1); // the check came first
    REQUIRE(server.requestCount(QStringLiteral("/2/tweets")) == 1);
    for (const ReceivedRequest &r : server.requests())
        if (r.path == QLatin1String("/2/tweets"))
            CHECK(r.body.contains(tweet.toUtf8()));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT state FROM outbox")).toString() == QLatin1String("delivered"));

    // The token is in no output and not in the cache file.
    CHECK_FALSE(run.out.contains(QString::fromLatin1(kToken)));
    CHECK_FALSE(run.err.contains(QString::fromLatin1(kToken)));
    cache.db->connection().close();
    QByteArray bytes = fileBytes(cache.path);
    if (QFile::exists(cache.path + QStringLiteral("-wal")))
        bytes += fileBytes(cache.path + QStringLiteral("-wal"));
    CHECK_FALSE(bytes.contains(kToken));
}

TEST_CASE("sportello-cli sync --once exits 1 when an account fails, with the reason per account", "[cli][sync]")
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    TempCache cache;
    {
        AccountStore store(*cache.db);
        REQUIRE(store
                    .add(Channel::X, QStringLiteral("1111"), server.url(QStringLiteral("/2")).toString(),
                         QStringLiteral("SPORTELLO_CLI_X_TOKEN"), 0)
                    .ok());
        REQUIRE(store
                    .add(Channel::Facebook, QStringLiteral("4242"), server.url(QString()).toString(),
                         QStringLiteral("SPORTELLO_CLI_UNSET_TOKEN"), 0)
                    .ok());
    }
    server.enqueue(QStringLiteral("/2/users/1111/mentions"),
                   CannedResponse::json(401, R"({"title":"Unauthorized","status":401,"detail":"Unauthorized"})"));
    const CliRun run =
        runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("--once")},
                    {{QStringLiteral("SPORTELLO_CLI_X_TOKEN"), QString::fromLatin1(kToken)}});
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("x 1111: needs sign-in")));
    CHECK(run.err.contains(QLatin1String("facebook 4242: no access token")));
    CHECK(run.err.contains(QLatin1String("SPORTELLO_CLI_UNSET_TOKEN")));
    CHECK(run.out.contains(QLatin1String("0 of 2 accounts synced")));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT needs_sign_in FROM accounts WHERE account_id = '1111'")).toInt() ==
          1);
    CHECK(server.requestCount(QStringLiteral("/v19.0/4242/feed")) == 0);
}

TEST_CASE("sportello-cli sync says in plain words why a token was refused and what to do", "[cli][sync][tokens]")
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    TempCache cache;
    {
        AccountStore store(*cache.db);
        REQUIRE(store
                    .add(Channel::Facebook, QStringLiteral("4242"), server.url(QString()).toString(),
                         QStringLiteral("SPORTELLO_CLI_FB_TOKEN"), 0)
                    .ok());
        REQUIRE(store
                    .add(Channel::X, QStringLiteral("1111"), server.url(QStringLiteral("/2")).toString(),
                         QStringLiteral("SPORTELLO_CLI_X_TOKEN"), 0)
                    .ok());
    }
    const QString oauthMeta = sharedDataDir() + QStringLiteral("/oauth_meta/");
    const QString oauthX = sharedDataDir() + QStringLiteral("/oauth_x/");
    server.enqueue(
        QStringLiteral("/v19.0/4242/feed"),
        CannedResponse::jsonFile(400, oauthMeta + QStringLiteral("error_190_460_password_changed_TRANSCRIBED.json")));
    server.enqueue(QStringLiteral("/2/users/1111/mentions"),
                   CannedResponse::jsonFile(403, oauthX + QStringLiteral("api_403_client_not_enrolled.json")));
    const CliRun run =
        runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("--once")},
                    {{QStringLiteral("SPORTELLO_CLI_FB_TOKEN"), QString::fromLatin1(kToken)},
                     {QStringLiteral("SPORTELLO_CLI_X_TOKEN"), QString::fromLatin1(kToken)}});
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("facebook 4242: needs sign-in. The Facebook password of the person who "
                                         "signed in changed (or Facebook reset the session for security reasons), "
                                         "so Meta cancelled the token. Sign in again: in the console, Edit > "
                                         "Settings > Accounts, select the account and press Sign In Again (or "
                                         "\"Sign in with Facebook\"); with sportello-cli, \"account sign-in "
                                         "--channel facebook\". (Meta error 190, subcode 460)")));
    CHECK(run.err.contains(QLatin1String("x 1111: needs sign-in. X refused the token because the X developer app it "
                                         "belongs to is not attached to a Project")));
    CHECK(run.err.contains(QLatin1String("(X: HTTP 403, client-not-enrolled)")));
    CHECK_FALSE((run.out + run.err).contains(QString::fromLatin1(kToken)));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT SUM(needs_sign_in) FROM accounts")).toInt() == 2);
    // Refused once: the next pass sends neither token again.
    const CliRun again =
        runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("--once")},
                    {{QStringLiteral("SPORTELLO_CLI_FB_TOKEN"), QString::fromLatin1(kToken)},
                     {QStringLiteral("SPORTELLO_CLI_X_TOKEN"), QString::fromLatin1(kToken)}});
    CHECK(again.exitCode == 1);
    CHECK(server.requestCount(QStringLiteral("/v19.0/4242/feed")) == 1);
    CHECK(server.requestCount(QStringLiteral("/2/users/1111/mentions")) == 1);
}

TEST_CASE("sportello-cli sync checks its options", "[cli][sync]")
{
    TempCache cache;
    CHECK(runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("--interval"),
                       QStringLiteral("abc")})
              .exitCode == 2);
    CHECK(runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("extra")})
              .exitCode == 2);
    // A missing cache is not created by sync.
    const CliRun missing = runCliAsync({QStringLiteral("--database"), cache.dir.filePath(QStringLiteral("none.sqlite")),
                                        QStringLiteral("sync"), QStringLiteral("--once")});
    CHECK(missing.exitCode == 1);
}

TEST_CASE("sportello-cli decide takes a decision by thread number or post id through the triage service",
          "[cli][decide]")
{
    TempCache cache;
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
    ingest(*cache.db, {inboundPost(QStringLiteral("th-a"), QStringLiteral("p-a1"), t0),
                       inboundPost(QStringLiteral("th-b"), QStringLiteral("p-b1"), t0 + 1000),
                       inboundPost(QStringLiteral("th-c"), QStringLiteral("p-c1"), t0 + 2000),
                       // The same post id on two channels: ambiguous without --channel.
                       inboundPost(QStringLiteral("th-d"), QStringLiteral("dup-7"), t0 + 3000,
                                   QStringLiteral("Spam spam"), Channel::X),
                       inboundPost(QStringLiteral("th-e"), QStringLiteral("dup-7"), t0 + 4000, QStringLiteral("Ciao"),
                                   Channel::Instagram)});
    const auto threadOf = [&](const char *post, const char *channel) {
        return scalar(*cache.db,
                      QStringLiteral("SELECT thread_id FROM posts WHERE external_id = '%1' AND channel = '%2'")
                          .arg(QLatin1String(post), QLatin1String(channel)))
            .toLongLong();
    };
    const auto status = [&](qint64 thread) {
        return scalar(*cache.db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(thread)).toString();
    };
    const QStringList db{QStringLiteral("--database"), cache.path};
    const QStringList agent{QStringLiteral("--agent"), QStringLiteral("Script Bot")};

    // By number: close as spam.
    const qint64 a = threadOf("p-a1", "facebook");
    CliRun run = runCliAsync(
        db +
        QStringList{QStringLiteral("decide"), QString::number(a), QStringLiteral("--close"), QStringLiteral("spam")} +
        agent);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(status(a) == QLatin1String("closed"));
    CHECK(
        scalar(*cache.db, QStringLiteral("SELECT agent_name FROM decisions WHERE thread_id = %1").arg(a)).toString() ==
        QLatin1String("Script Bot"));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE thread_id = %1").arg(a)).toInt() >= 1);

    // By a post's channel id: a public reply goes to the outbox with its text.
    const qint64 b = threadOf("p-b1", "facebook");
    run = runCliAsync(db +
                      QStringList{QStringLiteral("decide"), QStringLiteral("p-b1"), QStringLiteral("--public"),
                                  QStringLiteral("--text"), QStringLiteral("Le scriviamo in privato.")} +
                      agent);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("queued in the outbox")));
    CHECK(status(b) == QLatin1String("answered"));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM outbox o JOIN decisions d ON d.id = o.decision_id "
                                           "WHERE d.thread_id = %1")
                                .arg(b))
              .toInt() == 1);

    // Ambiguous: both threads listed, exit 2, nothing decided; --channel chooses.
    run = runCliAsync(db +
                      QStringList{QStringLiteral("decide"), QStringLiteral("dup-7"), QStringLiteral("--close"),
                                  QStringLiteral("spam")} +
                      agent);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 2);
    CHECK(run.err.contains(QLatin1String("names 2 threads")));
    CHECK(run.err.contains(QStringLiteral("thread #%1 (x").arg(threadOf("dup-7", "x"))));
    CHECK(run.err.contains(QStringLiteral("thread #%1 (instagram").arg(threadOf("dup-7", "instagram"))));
    CHECK(status(threadOf("dup-7", "x")) == QLatin1String("waiting"));
    run = runCliAsync(db +
                      QStringList{QStringLiteral("decide"), QStringLiteral("dup-7"), QStringLiteral("--channel"),
                                  QStringLiteral("x"), QStringLiteral("--close"), QStringLiteral("spam")} +
                      agent);
    CHECK(run.exitCode == 0);
    CHECK(status(threadOf("dup-7", "x")) == QLatin1String("closed"));
    CHECK(status(threadOf("dup-7", "instagram")) == QLatin1String("waiting"));

    // Validation from the triage service: exit 1, nothing written.
    const qint64 c = threadOf("p-c1", "facebook");
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(c), QStringLiteral("--private")} +
                      agent);
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("Write the reply")));
    CHECK(status(c) == QLatin1String("waiting"));
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(a), QStringLiteral("--forward")} +
                      agent);
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("no longer waiting")));
    run = runCliAsync(
        db + QStringList{QStringLiteral("decide"), QStringLiteral("no-such-post"), QStringLiteral("--forward")} +
        agent);
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("No thread")));

    // Usage errors: exit 2.
    CHECK(runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(c)} + agent).exitCode == 2);
    CHECK(runCliAsync(db +
                      QStringList{QStringLiteral("decide"), QString::number(c), QStringLiteral("--public"),
                                  QStringLiteral("--forward"), QStringLiteral("--text"), QStringLiteral("x")} +
                      agent)
              .exitCode == 2);
    CHECK(runCliAsync(db +
                      QStringList{QStringLiteral("decide"), QString::number(c), QStringLiteral("--close"),
                                  QStringLiteral("boring")} +
                      agent)
              .exitCode == 2);
    // Without --agent and without a system user name there is nobody to record.
    CHECK(runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(c), QStringLiteral("--forward")})
              .exitCode == 2);
    CHECK(status(c) == QLatin1String("waiting"));
}

namespace {

// An X account whose mentions and direct messages are empty, and one waiting X thread.
struct XCache {
    LocalHttpServer server;
    TempCache cache;
    QString tweet = QStringLiteral("1800000000000000042");
    QHash<QString, QString> env{{QStringLiteral("SPORTELLO_CLI_X_TOKEN"), QString::fromLatin1(kToken)}};

    XCache()
    {
        REQUIRE(server.listening());
        REQUIRE(AccountStore(*cache.db)
                    .add(Channel::X, QStringLiteral("1111"), server.url(QStringLiteral("/2")).toString(),
                         QStringLiteral("SPORTELLO_CLI_X_TOKEN"), 0)
                    .ok());
        ingest(*cache.db, {inboundPost(QStringLiteral("x-th"), tweet, QDateTime::currentMSecsSinceEpoch() - 600'000,
                                       QStringLiteral("@acme la mia pratica?"), Channel::X)});
        server.replace(QStringLiteral("/2/users/1111/mentions"),
                       CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
        server.replace(QStringLiteral("/2/dm_events"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    }
    QStringList args(const QStringList &rest) const
    {
        return QStringList{QStringLiteral("--database"), cache.path} + rest;
    }
};

} // namespace

TEST_CASE("sportello-cli sync --once exits 1 when the outbox only rescheduled an entry", "[cli][sync][outbox]")
{
    XCache x;
    CliRun run = runCliAsync(
        x.args({QStringLiteral("decide"), x.tweet, QStringLiteral("--public"), QStringLiteral("--text"),
                QStringLiteral("Le scriviamo in privato."), QStringLiteral("--agent"), QStringLiteral("Ops")}));
    REQUIRE(run.exitCode == 0);
    // Sent at once (no thread check), so that the 500 is what the pass meets.
    QSqlQuery update(x.cache.db->connection());
    REQUIRE(update.exec(QStringLiteral("UPDATE outbox SET decided_offline = 0")));
    x.server.enqueue(QStringLiteral("/2/tweets"), CannedResponse::json(500, R"({"title":"Internal Error"})"));
    run = runCliAsync(x.args({QStringLiteral("sync"), QStringLiteral("--once")}), x.env);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 1);
    CHECK(run.out.contains(QLatin1String("1 of 1 accounts synced")));
    CHECK(run.err.contains(QLatin1String("Outbox: 0 delivered, 0 failed, 0 held; 1 in the outbox")));
    CHECK(x.server.requestCount(QStringLiteral("/2/tweets")) == 1);
    CHECK(scalar(*x.cache.db, QStringLiteral("SELECT state FROM outbox")).toString() == QLatin1String("unknown"));
}

TEST_CASE("sportello-cli decide is refused by the insurance guard and by the channel's length limit", "[cli][decide]")
{
    XCache x;
    const QStringList agent{QStringLiteral("--agent"), QStringLiteral("Ops")};
    CliRun run = runCliAsync(
        x.args(QStringList{QStringLiteral("decide"), x.tweet, QStringLiteral("--public"), QStringLiteral("--text"),
                           QStringLiteral("Ci scriva a mario.rossi@example.com")} +
               agent));
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("personal data")));
    // 281 characters: one over X's limit for a post.
    run = runCliAsync(x.args(QStringList{QStringLiteral("decide"), x.tweet, QStringLiteral("--public"),
                                         QStringLiteral("--text"), QString(281, QLatin1Char('a'))} +
                             agent));
    INFO(str(run.err));
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("Too long: 1 characters over the limit of 280")));
    CHECK(scalar(*x.cache.db, QStringLiteral("SELECT COUNT(*) FROM decisions")).toInt() == 0);
    CHECK(scalar(*x.cache.db, QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt() == 0);
    // At the limit it goes.
    run = runCliAsync(x.args(QStringList{QStringLiteral("decide"), x.tweet, QStringLiteral("--public"),
                                         QStringLiteral("--text"), QString(280, QLatin1Char('a'))} +
                             agent));
    CHECK(run.exitCode == 0);
}

TEST_CASE("sportello-cli decide tells a thread number from an equal post id", "[cli][decide]")
{
    TempCache cache;
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
    ingest(*cache.db, {inboundPost(QStringLiteral("th-a"), QStringLiteral("p-a1"), t0),
                       inboundPost(QStringLiteral("th-b"), QStringLiteral("p-b1"), t0 + 1000)});
    const qint64 a =
        scalar(*cache.db, QStringLiteral("SELECT thread_id FROM posts WHERE external_id = 'p-a1'")).toLongLong();
    // A TWCS-style small numeric tweet id equal to thread a's number, in another thread.
    ingest(*cache.db, {inboundPost(QStringLiteral("tw-9"), QString::number(a), t0 + 2000, QStringLiteral("@acme ciao"),
                                   Channel::X)});
    const qint64 tw = scalar(*cache.db, QStringLiteral("SELECT thread_id FROM posts WHERE channel = 'x'")).toLongLong();
    REQUIRE(tw != a);
    const auto status = [&](qint64 thread) {
        return scalar(*cache.db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(thread)).toString();
    };
    const QStringList db{QStringLiteral("--database"), cache.path};
    const QStringList agent{QStringLiteral("--agent"), QStringLiteral("Ops")};

    CliRun run = runCliAsync(
        db +
        QStringList{QStringLiteral("decide"), QString::number(a), QStringLiteral("--close"), QStringLiteral("spam")} +
        agent);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 2);
    CHECK(run.err.contains(QLatin1String("names 2 threads")));
    // --channel applies to the number too: x has no thread numbered a, only the post.
    run = runCliAsync(db +
                      QStringList{QStringLiteral("decide"), QString::number(a), QStringLiteral("--channel"),
                                  QStringLiteral("x"), QStringLiteral("--close"), QStringLiteral("spam")} +
                      agent);
    CHECK(run.exitCode == 0);
    CHECK(status(tw) == QLatin1String("closed"));
    CHECK(status(a) == QLatin1String("waiting"));
    // "#N" names the thread by number only.
    run = runCliAsync(db +
                      QStringList{QStringLiteral("decide"), QStringLiteral("#%1").arg(a), QStringLiteral("--close"),
                                  QStringLiteral("spam")} +
                      agent);
    CHECK(run.exitCode == 0);
    CHECK(status(a) == QLatin1String("closed"));
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QStringLiteral("#p-b1"), QStringLiteral("--forward")} +
                      agent);
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("No thread")));
}

TEST_CASE("sportello-cli sync exits 130 when interrupted, after storing the page in flight", "[cli][sync]")
{
    XCache x;
    SyntheticMentions mentions;
    mentions.pages = 3;
    mentions.newestCreatedAtMs = QDateTime::currentMSecsSinceEpoch() - 120'000;
    const QVector<QByteArray> pages = mentions.allPages();
    x.server.replace(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, pages.at(0)));
    CannedResponse slow = CannedResponse::json(200, pages.at(1));
    slow.delayMs = 1500;
    x.server.enqueue(QStringLiteral("/2/users/1111/mentions"), slow);
    for (int n = 2; n < pages.size(); ++n)
        x.server.enqueue(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, pages.at(n)));

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("SPORTELLO_CLI_X_TOKEN"), QString::fromLatin1(kToken));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH), x.args({QStringLiteral("sync"), QStringLiteral("--once")}));
    REQUIRE(process.waitForStarted(30000));
    // The second page is on its way: interrupt (SIGTERM, handled as Ctrl+C).
    REQUIRE(
        QTest::qWaitFor([&] { return x.server.requestCount(QStringLiteral("/2/users/1111/mentions")) == 2; }, 30000));
    process.terminate();
    REQUIRE(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const QString err = QString::fromUtf8(process.readAllStandardError());
    INFO(str(out) << str(err));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    CHECK(process.exitCode() == 130);
    CHECK(err.contains(QLatin1String("Interrupted")));
    CHECK(err.contains(QLatin1String("Stopped on request after page 2")));
    // The page in flight was stored; the third was never asked for, nor the outbox drained.
    CHECK(x.server.requestCount(QStringLiteral("/2/users/1111/mentions")) == 2);
    CHECK(x.server.requestCount(QStringLiteral("/2/dm_events")) == 0);
    CHECK(scalar(*x.cache.db, QStringLiteral("SELECT COUNT(*) FROM posts WHERE channel = 'x'")).toInt() ==
          1 + 2 * mentions.perPage);
}

TEST_CASE("sportello-cli account add refuses a token given as the variable name and never prints it", "[cli][accounts]")
{
    TempCache cache;
    const QStringList db{QStringLiteral("--database"), cache.path};
    const QString graphToken = QStringLiteral("EAAGm0PX4ZCpsBAKZC8ZBZCaBcDeF1234567890abcdefGHIJ");
    for (const QString &name :
         {graphToken, QStringLiteral("ab12cd34ef56gh78ij90kl12mn34op56qr78"), QString(65, QLatin1Char('A'))}) {
        const CliRun run =
            runCliAsync(db + QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"),
                                         QStringLiteral("facebook"), QStringLiteral("--id"), QStringLiteral("104523"),
                                         QStringLiteral("--token-env"), name});
        INFO(str(run.err));
        CHECK(run.exitCode == 2);
        CHECK(run.err.contains(QLatin1String("not the token itself")));
        CHECK_FALSE(run.err.contains(name));
        CHECK_FALSE(run.out.contains(name));
    }
    CHECK(scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM accounts")).toInt() == 0);
    cache.db->connection().close();
    CHECK_FALSE(fileBytes(cache.path).contains(graphToken.toUtf8()));
}
