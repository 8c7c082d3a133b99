// A token pasted where a user can paste it never comes back out: every sportello-cli command that
// takes user input is run with a known token in each such input (the base URL in every form that
// can carry it, the token variable's name, the variable's value, reply texts, texts to check or
// classify, an agent's name), with every log category on; the token must appear in no output, no
// log line, and neither in the cache nor its write-ahead log. (The console's accounts page has its
// twin in test_ui_sync.cpp.)

#include "LocalHttpServer.h"
#include "SecretInputs.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "accounts/Accounts.h"
#include "cache/OpenCache.h"
#include "common/Secrets.h"
#include "net/HttpJob.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sportello;
using namespace sportello::test;

namespace {

// Shaped like a Graph token, so that it is refused where a token-like text is refused.
const QString kToken = QStringLiteral("EAAGleakProbe7q3ZxT0k9Vw2mN8");
// Shaped like X's app-only bearer tokens (a run of "A", then letters, digits and %-escapes).
const QString kBearer = QStringLiteral(
    "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4X");

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the CLI with every sportello category on (their lines go to stderr), the event loop
// running meanwhile (the local server answers from this process).
CliRun runCli(const QString &database, const QStringList &arguments, const QByteArray &input = {},
              const QHash<QString, QString> &env = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("sportello.*=true"));
    environment.insert(QStringLiteral("QT_MESSAGE_PATTERN"), QStringLiteral("%{category}: %{message}"));
    for (auto it = env.constBegin(); it != env.constEnd(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH), QStringList{QStringLiteral("--database"), database} + arguments);
    REQUIRE(process.waitForStarted(30000));
    process.write(input);
    process.closeWriteChannel();
    REQUIRE(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QByteArray cacheAndLog(const QString &path)
{
    QByteArray bytes = fileBytes(path);
    if (QFile::exists(path + QStringLiteral("-wal")))
        bytes += fileBytes(path + QStringLiteral("-wal"));
    return bytes;
}

} // namespace

TEST_CASE("redactedUrl removes every part of a URL that can carry a token", "[secrets][accounts]")
{
    const QString t = QStringLiteral("tok3nValue");
    for (const QString &text : baseUrlsCarrying(t)) {
        const QUrl url(text.trimmed());
        if (url.isRelative())
            continue; // not a URL: never shown (validateBaseUrl does not quote it)
        INFO(text.toStdString());
        // Secrets keeps a query item with an ordinary name (a paging cursor) readable; base URLs,
        // which must have no query at all, are always shown as their Location.
        const bool ordinaryItem = text.contains(QLatin1String("?page=")) || text.contains(QLatin1String("?t="));
        const QString shown = net::redactedUrl(url);
        INFO(shown.toStdString());
        CHECK(shown.contains(t) == ordinaryItem);
        CHECK(shown.contains(QLatin1String("REDACTED")) != ordinaryItem);
        const QString location = net::redactedUrl(url, net::Redaction::Location);
        CHECK_FALSE(location.contains(t));
        CHECK(location.startsWith(url.scheme() + QLatin1String("://")));
    }
    // Only the secret parts go: paging cursors and limits stay readable in the logs.
    CHECK(net::redactedUrl(QUrl(QStringLiteral("https://graph.facebook.com/v19.0/1/feed?limit=25&after=QVFI"))) ==
          QLatin1String("https://graph.facebook.com/v19.0/1/feed?limit=25&after=QVFI"));
    // Location keeps scheme, host, port and path, and nothing of the query.
    CHECK(net::redactedUrl(QUrl(QStringLiteral("https://api.x.com:8443/2?limit=5")), net::Redaction::Location) ==
          QLatin1String("https://api.x.com:8443/2?REDACTED"));
}

TEST_CASE("a base URL that carries a token in any part is refused without quoting the token", "[secrets][accounts]")
{
    for (const QString &text : baseUrlsCarrying(kToken)) {
        INFO(text.toStdString());
        const auto checked = accounts::validateBaseUrl(text);
        REQUIRE_FALSE(checked.ok());
        INFO(checked.error().toStdString());
        CHECK_FALSE(checked.error().contains(kToken));
    }
    // A ";" parameter is refused like a query: Graph reads access_token from it.
    CHECK_FALSE(accounts::validateBaseUrl(QStringLiteral("https://graph.facebook.com/v19.0;x=1")).ok());
    CHECK(accounts::validateBaseUrl(QStringLiteral("https://graph.facebook.com/v19.0")).ok());
}

TEST_CASE("a token pasted into any input of sportello-cli reaches no output, log or cache file", "[secrets][cli]")
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString cache = dir.filePath(QStringLiteral("cache.sqlite"));
    QString seen; // every output and log line of every run
    const auto run = [&](const QStringList &arguments, const QByteArray &input = {},
                         const QHash<QString, QString> &env = {}) {
        const CliRun r = runCli(cache, arguments, input, env);
        seen += r.out + r.err;
        return r;
    };
    REQUIRE(run({QStringLiteral("demo")}).exitCode == 0);

    // account add: the token in the base URL (every form), as the variable's name, on standard
    // input next to a variable name.
    const QStringList add{QStringLiteral("account"),  QStringLiteral("add"),  QStringLiteral("--channel"),
                          QStringLiteral("facebook"), QStringLiteral("--id"), QStringLiteral("104523")};
    for (const QString &url : baseUrlsCarrying(kToken)) {
        const CliRun r = run(add + QStringList{QStringLiteral("--base-url"), url, QStringLiteral("--token-env"),
                                               QStringLiteral("SPORTELLO_LEAK_TOKEN")});
        INFO(url.toStdString() << ": " << (r.out + r.err).toStdString());
        CHECK(r.exitCode == 2);
    }
    CHECK(run(add + QStringList{QStringLiteral("--token-env"), kToken}).exitCode == 2);
    // A good account on the local server, its token in the environment.
    REQUIRE(run(add + QStringList{QStringLiteral("--base-url"), server.url(QString()).toString(),
                                  QStringLiteral("--token-env"), QStringLiteral("SPORTELLO_LEAK_TOKEN")},
                kToken.toUtf8() + '\n')
                .exitCode == 0);
    CHECK(run({QStringLiteral("account"), QStringLiteral("list")}).exitCode == 0);
    CHECK(run({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}).exitCode == 0);

    // sync: the token is the variable's value, sent to the server (which refuses it as expired).
    server.setHandler(QStringLiteral("/"), [](const ReceivedRequest &) {
        return CannedResponse::json(
            400, R"({"error":{"message":"Error validating access token","type":"OAuthException","code":190}})");
    });
    const QHash<QString, QString> env{{QStringLiteral("SPORTELLO_LEAK_TOKEN"), kToken}};
    const CliRun synced = run(
        {QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--timeout"), QStringLiteral("5")}, {}, env);
    CHECK(synced.exitCode == 1);
    CHECK_FALSE(server.requests().isEmpty());

    // decide: the token in replies the guard or the channel refuses.
    qint64 facebookThread = 0, storeThread = 0;
    {
        auto db = openCache(cache);
        REQUIRE(db.ok());
        facebookThread = scalar(*db.value(), QStringLiteral("SELECT min(id) FROM threads WHERE channel = "
                                                            "'facebook' AND status = 'waiting'"))
                             .toLongLong();
        storeThread = scalar(*db.value(), QStringLiteral("SELECT min(id) FROM threads WHERE channel = "
                                                         "'app_store' AND status = 'waiting'"))
                          .toLongLong();
    }
    REQUIRE(facebookThread > 0);
    REQUIRE(storeThread > 0);
    CHECK(run({QStringLiteral("decide"), QStringLiteral("#%1").arg(facebookThread), QStringLiteral("--public"),
               QStringLiteral("--text"), QStringLiteral("CF RSSMRA85T10A562S, token ") + kToken,
               QStringLiteral("--agent"), QStringLiteral("Leak Test")})
              .exitCode == 1);
    CHECK(run({QStringLiteral("decide"), QStringLiteral("#%1").arg(storeThread), QStringLiteral("--private"),
               QStringLiteral("--text"), kToken, QStringLiteral("--agent"), QStringLiteral("Leak Test")})
              .exitCode == 1);

    // Texts to check and to classify, on standard input.
    CHECK(run({QStringLiteral("guard")}, kToken.toUtf8() + "\nmy token is " + kToken.toUtf8() + '\n').exitCode == 0);
    CHECK(run({QStringLiteral("guard"), QStringLiteral("--json")}, kToken.toUtf8() + '\n').exitCode == 0);
    CHECK(run({QStringLiteral("classify")}, kToken.toUtf8() + "\nil mio token: " + kToken.toUtf8() + '\n').exitCode ==
          0);
    // A report filtered by an agent's name.
    CHECK(run({QStringLiteral("report"), QStringLiteral("--from"), QStringLiteral("2020-01-01"), QStringLiteral("--to"),
               QStringLiteral("2030-12-31"), QStringLiteral("--agent"), kToken, QStringLiteral("--out"),
               dir.filePath(QStringLiteral("report.csv"))})
              .exitCode == 0);
    CHECK(run({QStringLiteral("check")}).exitCode == 0);
    CHECK(run({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--channel"),
               QStringLiteral("facebook"), QStringLiteral("--id"), QStringLiteral("104523")})
              .exitCode == 0);

    INFO(seen.toStdString());
    CHECK_FALSE(seen.contains(kToken));
    CHECK(seen.contains(QLatin1String("sportello."))); // the logs were on
    CHECK_FALSE(cacheAndLog(cache).contains(kToken.toUtf8()));
    // Where it belongs: the requests to the platform.
    bool sent = false;
    for (const ReceivedRequest &r : server.requests())
        sent = sent || r.query.contains(kToken) || r.header("authorization").contains(kToken.toUtf8());
    CHECK(sent);
}

TEST_CASE("credentialSpans finds the token shapes as whole words and leaves paths and ids alone", "[secrets]")
{
    for (const QString &token : {kToken, kBearer, QStringLiteral("1234567890-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")}) {
        INFO(token.toStdString());
        for (const QString &around : {QStringLiteral("%1"), QStringLiteral("/tmp/x/%1.jsonl"), QStringLiteral("#%1"),
                                      QStringLiteral("\"%1\"."), QStringLiteral("token: %1, again %1")}) {
            const QString text = around.arg(token);
            CHECK(containsCredential(text));
            const QString shown = hideCredentials(text);
            CHECK_FALSE(shown.contains(token));
            CHECK(shown.contains(hiddenCredentialMarker()));
        }
    }
    for (const QString &ordinary :
         {QStringLiteral("/home/ada/posts.jsonl"), QStringLiteral("#1042"), QStringLiteral("104523"),
          QStringLiteral("EAAexports.jsonl"), QStringLiteral("SPORTELLO_FB_TOKEN"),
          QStringLiteral("2024-03-12T10:00:00Z"), QStringLiteral("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
          QStringLiteral("AAAA bbbb")}) {
        INFO(ordinary.toStdString());
        CHECK_FALSE(containsCredential(ordinary));
        CHECK(hideCredentials(ordinary) == ordinary);
    }
    // A token this process read is hidden whatever its shape.
    const QString odd = QStringLiteral("plain-looking-secret-value");
    CHECK_FALSE(containsCredential(QStringLiteral("x ") + odd));
    rememberSecret(odd);
    CHECK(hideCredentials(QStringLiteral("x ") + odd + QStringLiteral(" y")) ==
          QStringLiteral("x ") + hiddenCredentialMarker() + QStringLiteral(" y"));
}

TEST_CASE("a token typed as a file name, an id, an option's value or a reply reaches no output, log or cache file",
          "[secrets][cli]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString cache = dir.filePath(QStringLiteral("cache.sqlite"));
    QString seen;
    // Each run is refused, but for salvage, which makes the missing folder and says where it wrote.
    const auto run = [&](const QStringList &arguments, const QString &database = {}) {
        const CliRun r = runCli(database.isEmpty() ? cache : database, arguments);
        INFO(arguments.join(QLatin1Char(' ')).toStdString() << ": " << (r.out + r.err).toStdString());
        CHECK((r.exitCode != 0) == (arguments.value(0) != QLatin1String("salvage")));
        CHECK_FALSE((r.out + r.err).contains(kToken));
        seen += r.out + r.err;
        return r;
    };
    REQUIRE(runCli(cache, {QStringLiteral("demo")}).exitCode == 0);
    qint64 facebookThread = 0;
    {
        auto db = openCache(cache);
        REQUIRE(db.ok());
        facebookThread = scalar(*db.value(), QStringLiteral("SELECT min(id) FROM threads WHERE channel = "
                                                            "'facebook' AND status = 'waiting'"))
                             .toLongLong();
    }
    REQUIRE(facebookThread > 0);
    const QString thread = QStringLiteral("#%1").arg(facebookThread);
    const QString asFile = dir.filePath(kToken + QStringLiteral(".json"));
    const QString inFolder = dir.filePath(kToken + QStringLiteral("/x.csv"));
    const QString agent = QStringLiteral("Leak Test");
    const QString i = QStringLiteral("import"), d = QStringLiteral("decide"), txt = QStringLiteral("--text"),
                  ag = QStringLiteral("--agent");

    // File names and paths, missing or in a missing folder.
    run({i, dir.filePath(kToken + QStringLiteral(".jsonl"))});
    run({i, kToken});
    run({i, QStringLiteral("--format"), kToken, asFile});
    run({QStringLiteral("report"), QStringLiteral("--from"), QStringLiteral("2020-01-01"), QStringLiteral("--to"),
         QStringLiteral("2030-12-31"), QStringLiteral("--out"), inFolder});
    run({QStringLiteral("policy"), QStringLiteral("import"), asFile});
    run({QStringLiteral("policy"), QStringLiteral("export"), inFolder});
    run({QStringLiteral("guard"), QStringLiteral("--config"), asFile});
    run({QStringLiteral("salvage"), QStringLiteral("--to"), dir.filePath(kToken + QStringLiteral("/salvaged.sqlite"))});
    run({QStringLiteral("check")}, dir.filePath(kToken + QStringLiteral("/cache.sqlite")));
    QFile notACache(dir.filePath(kToken + QStringLiteral(".sqlite")));
    REQUIRE(notACache.open(QIODevice::WriteOnly));
    notACache.write("not a cache\n");
    notACache.close();
    run({QStringLiteral("check")}, notACache.fileName());
    // Ids and option values quoted back as unknown or invalid.
    run({d, kToken, QStringLiteral("--public"), txt, QStringLiteral("hi"), ag, agent});
    run({d, QLatin1Char('#') + kToken, QStringLiteral("--public"), txt, QStringLiteral("hi"), ag, agent});
    run({d, thread, QStringLiteral("--close"), kToken, ag, agent});
    run({d, thread, QStringLiteral("--public"), txt, QStringLiteral("hi"), QStringLiteral("--category"), kToken, ag,
         agent});
    run({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--channel"), QStringLiteral("facebook"),
         QStringLiteral("--id"), kToken});
    run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"), QStringLiteral("facebook"),
         QStringLiteral("--id"), kToken, QStringLiteral("--token-env"), QStringLiteral("SPORTELLO_LEAK_TOKEN")});
    run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--channel"), kToken, QStringLiteral("--id"),
         QStringLiteral("104523")});
    // The sign-in's settings and options: a token in the client id, an address, a number.
    const QString app = QStringLiteral("app"), signIn = QStringLiteral("sign-in");
    for (const QString &option : {QStringLiteral("--client-id"), QStringLiteral("--api-url"),
                                  QStringLiteral("--exchange-url"), QStringLiteral("--redirect-port")})
        run({QStringLiteral("account"), app, QStringLiteral("--channel"), QStringLiteral("facebook"), option, kToken});
    run({QStringLiteral("account"), app, QStringLiteral("--channel"), QStringLiteral("x"),
         QStringLiteral("--token-url"), QStringLiteral("https://api.x.com/2/oauth2/token?access_token=") + kToken});
    run({QStringLiteral("account"), signIn, QStringLiteral("--channel"), kToken});
    run({QStringLiteral("account"), signIn, QStringLiteral("--channel"), QStringLiteral("x"), QStringLiteral("--wait"),
         kToken});
    run({QStringLiteral("timers"), QStringLiteral("--at"), kToken});
    run({QStringLiteral("policy"), QStringLiteral("use"), kToken});
    run({QStringLiteral("complaints"), QStringLiteral("resolve"), kToken, ag, agent});
    run({QStringLiteral("sync"), QStringLiteral("--interval"), kToken});
    // The agent's name and a complaint's note are stored with the change.
    run({d, thread, QStringLiteral("--private"), txt, QStringLiteral("Ciao"), ag, kToken});
    const QString threadNumber = QString::number(facebookThread);
    run({QStringLiteral("complaints"), QStringLiteral("resolve"), threadNumber, ag, kToken});
    run({QStringLiteral("complaints"), QStringLiteral("resolve"), threadNumber, ag, agent, QStringLiteral("--note"),
         kToken});
    QFile config(dir.filePath(QStringLiteral("guard.json")));
    REQUIRE(config.open(QIODevice::WriteOnly));
    config.write("{}\n");
    config.close();
    run({QStringLiteral("guard"), QStringLiteral("--save-config"), config.fileName(), ag, kToken});
    run({QStringLiteral("report"), QStringLiteral("--from"), kToken, QStringLiteral("--to"),
         QStringLiteral("2030-12-31")});
    run({kToken});
    run({QStringLiteral("--") + kToken});
    // Replies the guard has no personal data against: a token leaves in no reply, public or
    // private, in either shape, and is kept in no note.
    for (const QString &token : {kToken, kBearer}) {
        const QString reply = QStringLiteral("Ecco il token: ") + token;
        for (const QString &kind : {QStringLiteral("--public"), QStringLiteral("--private")}) {
            const CliRun r = runCli(cache, {d, thread, kind, txt, reply, ag, agent});
            INFO((r.out + r.err).toStdString());
            CHECK(r.exitCode == 1);
            CHECK_FALSE((r.out + r.err).contains(token));
            seen += r.out + r.err;
        }
    }
    INFO(seen.toStdString());
    CHECK(seen.contains(hiddenCredentialMarker())); // the messages still say what was wrong
    const QByteArray stored = cacheAndLog(cache);
    CHECK_FALSE(stored.contains(kToken.toUtf8()));
    CHECK_FALSE(stored.contains(kBearer.toUtf8()));
    // The thread is still waiting: nothing was decided.
    auto db = openCache(cache);
    REQUIRE(db.ok());
    CHECK(scalar(*db.value(), QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(facebookThread))
              .toString() == QLatin1String("waiting"));
}

TEST_CASE("a base URL stored before the checks is listed without its secret parts", "[secrets][cli]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString cache = dir.filePath(QStringLiteral("cache.sqlite"));
    int n = 0;
    {
        auto db = openCache(cache);
        REQUIRE(db.ok());
        for (const QString &url : baseUrlsCarrying(kToken)) {
            QSqlQuery insert(db.value()->connection());
            REQUIRE(insert.prepare(QStringLiteral("INSERT INTO accounts(id, channel, account_id, base_url, token_env, "
                                                  "needs_sign_in, created_at) VALUES (?, 'x', ?, ?, NULL, 0, 0)")));
            insert.addBindValue(QStringLiteral("00000000-0000-0000-0000-%1").arg(++n, 12, 10, QLatin1Char('0')));
            insert.addBindValue(QString::number(1000 + n));
            insert.addBindValue(url);
            REQUIRE(insert.exec());
        }
    }
    for (const QStringList &list :
         {QStringList{QStringLiteral("account"), QStringLiteral("list")},
          QStringList{QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}}) {
        const CliRun r = runCli(cache, list);
        INFO((r.out + r.err).toStdString());
        CHECK(r.exitCode == 0);
        CHECK(r.out.count(QLatin1Char('\n')) == n);
        CHECK_FALSE((r.out + r.err).contains(kToken));
    }
}
