// sportello-cli sync and decide, run as a separate process. The local HTTP server lives in this
// test process, so the CLI runs asynchronously while the event loop serves its requests.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "SyntheticPages.h"
#include "TestSupport.h"
#include "sync/Accounts.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QTest>

using namespace sportello;
using namespace sportello::sync;
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
        REQUIRE(store.add(Channel::X, QStringLiteral("1111"), server.url(QStringLiteral("/2")).toString(),
                          QStringLiteral("SPORTELLO_CLI_X_TOKEN"), 0).ok());
    }
    SyntheticMentions mentions;
    mentions.pages = 2;
    mentions.newestCreatedAtMs = QDateTime::currentMSecsSinceEpoch() - 120'000;
    for (const QByteArray &page : mentions.allPages())
        server.enqueue(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, page));
    server.enqueue(QStringLiteral("/2/dm_events"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    const QHash<QString, QString> env{{QStringLiteral("SPORTELLO_CLI_X_TOKEN"), QString::fromLatin1(kToken)}};
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
    server.enqueue(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
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
    run = runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("decide"), tweet, QStringLiteral("--public"),
                       QStringLiteral("--text"), QStringLiteral("Ci scriva in privato, grazie."), QStringLiteral("--agent"),
                       QStringLiteral("Ops")});
    REQUIRE(run.exitCode == 0);
    server.enqueue(QStringLiteral("/2/tweets"),
                   CannedResponse::json(201, R"({"data":{"id":"1900000000000000001","text":"Ci scriva in privato, grazie."}})"));
    run = runCliAsync(args, env);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("Outbox: 1 delivered, 0 failed, 0 held; 0 in the outbox")));
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
        REQUIRE(store.add(Channel::X, QStringLiteral("1111"), server.url(QStringLiteral("/2")).toString(),
                          QStringLiteral("SPORTELLO_CLI_X_TOKEN"), 0).ok());
        REQUIRE(store.add(Channel::Facebook, QStringLiteral("4242"), server.url(QString()).toString(),
                          QStringLiteral("SPORTELLO_CLI_UNSET_TOKEN"), 0).ok());
    }
    server.enqueue(QStringLiteral("/2/users/1111/mentions"),
                   CannedResponse::json(401, R"({"title":"Unauthorized","status":401,"detail":"Unauthorized"})"));
    const CliRun run = runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("--once")},
                                   {{QStringLiteral("SPORTELLO_CLI_X_TOKEN"), QString::fromLatin1(kToken)}});
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("x 1111: needs sign-in")));
    CHECK(run.err.contains(QLatin1String("facebook 4242: no access token")));
    CHECK(run.err.contains(QLatin1String("SPORTELLO_CLI_UNSET_TOKEN")));
    CHECK(run.out.contains(QLatin1String("0 of 2 accounts synced")));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT needs_sign_in FROM accounts WHERE account_id = '1111'")).toInt() == 1);
    CHECK(server.requestCount(QStringLiteral("/v19.0/4242/feed")) == 0);
}

TEST_CASE("sportello-cli sync checks its options", "[cli][sync]")
{
    TempCache cache;
    CHECK(runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("--interval"),
                       QStringLiteral("abc")}).exitCode == 2);
    CHECK(runCliAsync({QStringLiteral("--database"), cache.path, QStringLiteral("sync"), QStringLiteral("extra")}).exitCode == 2);
    // A missing cache is not created by sync.
    const CliRun missing = runCliAsync({QStringLiteral("--database"), cache.dir.filePath(QStringLiteral("none.sqlite")),
                                        QStringLiteral("sync"), QStringLiteral("--once")});
    CHECK(missing.exitCode == 1);
}

TEST_CASE("sportello-cli decide takes a decision by thread number or post id through the triage service", "[cli][decide]")
{
    TempCache cache;
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
    ingest(*cache.db, {inboundPost(QStringLiteral("th-a"), QStringLiteral("p-a1"), t0),
                       inboundPost(QStringLiteral("th-b"), QStringLiteral("p-b1"), t0 + 1000),
                       inboundPost(QStringLiteral("th-c"), QStringLiteral("p-c1"), t0 + 2000),
                       // The same post id on two channels: ambiguous without --channel.
                       inboundPost(QStringLiteral("th-d"), QStringLiteral("dup-7"), t0 + 3000, QStringLiteral("Spam spam"),
                                   Channel::X),
                       inboundPost(QStringLiteral("th-e"), QStringLiteral("dup-7"), t0 + 4000, QStringLiteral("Ciao"),
                                   Channel::Instagram)});
    const auto threadOf = [&](const char *post, const char *channel) {
        return scalar(*cache.db, QStringLiteral("SELECT thread_id FROM posts WHERE external_id = '%1' AND channel = '%2'")
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
    CliRun run = runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(a), QStringLiteral("--close"),
                                              QStringLiteral("spam")} + agent);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(status(a) == QLatin1String("closed"));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT agent_name FROM decisions WHERE thread_id = %1").arg(a)).toString() ==
          QLatin1String("Script Bot"));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE thread_id = %1").arg(a)).toInt() >= 1);

    // By a post's channel id: a public reply goes to the outbox with its text.
    const qint64 b = threadOf("p-b1", "facebook");
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QStringLiteral("p-b1"), QStringLiteral("--public"),
                                       QStringLiteral("--text"), QStringLiteral("Le scriviamo in privato.")} + agent);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("queued in the outbox")));
    CHECK(status(b) == QLatin1String("answered"));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM outbox o JOIN decisions d ON d.id = o.decision_id "
                                           "WHERE d.thread_id = %1").arg(b)).toInt() == 1);

    // Ambiguous: both threads listed, exit 2, nothing decided; --channel chooses.
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QStringLiteral("dup-7"), QStringLiteral("--close"),
                                       QStringLiteral("spam")} + agent);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 2);
    CHECK(run.err.contains(QLatin1String("names 2 threads")));
    CHECK(run.err.contains(QStringLiteral("thread %1 (x").arg(threadOf("dup-7", "x"))));
    CHECK(run.err.contains(QStringLiteral("thread %1 (instagram").arg(threadOf("dup-7", "instagram"))));
    CHECK(status(threadOf("dup-7", "x")) == QLatin1String("waiting"));
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QStringLiteral("dup-7"), QStringLiteral("--channel"),
                                       QStringLiteral("x"), QStringLiteral("--close"), QStringLiteral("spam")} + agent);
    CHECK(run.exitCode == 0);
    CHECK(status(threadOf("dup-7", "x")) == QLatin1String("closed"));
    CHECK(status(threadOf("dup-7", "instagram")) == QLatin1String("waiting"));

    // Validation from the triage service: exit 1, nothing written.
    const qint64 c = threadOf("p-c1", "facebook");
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(c), QStringLiteral("--private")} + agent);
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("Write the reply")));
    CHECK(status(c) == QLatin1String("waiting"));
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(a), QStringLiteral("--forward")} + agent);
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("no longer waiting")));
    run = runCliAsync(db + QStringList{QStringLiteral("decide"), QStringLiteral("no-such-post"), QStringLiteral("--forward")} +
                      agent);
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("No thread")));

    // Usage errors: exit 2.
    CHECK(runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(c)} + agent).exitCode == 2);
    CHECK(runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(c), QStringLiteral("--public"),
                                       QStringLiteral("--forward"), QStringLiteral("--text"), QStringLiteral("x")} + agent)
              .exitCode == 2);
    CHECK(runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(c), QStringLiteral("--close"),
                                       QStringLiteral("boring")} + agent).exitCode == 2);
    // Without --agent and without a system user name there is nobody to record.
    CHECK(runCliAsync(db + QStringList{QStringLiteral("decide"), QString::number(c), QStringLiteral("--forward")}).exitCode == 2);
    CHECK(status(c) == QLatin1String("waiting"));
}
