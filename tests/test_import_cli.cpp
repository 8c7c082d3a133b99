// The demo data set through the importer, and sportello-cli run as a separate process.

#include "ImportHelpers.h"
#include "cache/OpenCache.h"

#include "fileimport/DateParsing.h"
#include "fileimport/Importer.h"
#include "storage/Sql.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace sportello;
using namespace sportello::test;

namespace {

QString demoPath()
{
    return QDir::cleanPath(testDataDir() + QStringLiteral("/../../resources/demo/demo_threads.jsonl"));
}

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH), arguments);
    REQUIRE(process.waitForStarted(30000));
    REQUIRE(process.waitForFinished(120000));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

TEST_CASE("the demo data set imports without an issue", "[import][demo]")
{
    TempCache cache;
    const ImportReport r = importFile(*cache.db, demoPath());
    INFO(issuesText(r));
    REQUIRE(r.ok);
    CHECK(r.invalidCount == 0);
    CHECK(r.issues.isEmpty());
    CHECK(r.threadsTouched >= 150);
    Database &db = *cache.db;
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM threads")) >= 150);
    CHECK(count(db, QStringLiteral("SELECT count(DISTINCT channel) FROM threads")) == 6);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts WHERE direction = 'outbound'")) > 0);
    CHECK(count(db, QStringLiteral("SELECT count(DISTINCT visibility) FROM posts")) == 2);
    CHECK(count(db, QStringLiteral("SELECT count(DISTINCT category) FROM threads")) == 3);
    CHECK(count(db, QStringLiteral("SELECT count(DISTINCT language) FROM posts")) >= 2);
}

TEST_CASE("the demo is moved to the present: its newest post is just before now", "[import][demo]")
{
    // The newest timestamp in the file, read here without the importer.
    qint64 newestInFile = 0;
    qint64 lines = 0;
    for (const QByteArray &line : fileBytes(demoPath()).split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        ++lines;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        const QDateTime at = QDateTime::fromString(document[QLatin1String("created_at")].toString(), Qt::ISODate);
        REQUIRE(at.isValid());
        newestInFile = std::max(newestInFile, at.toMSecsSinceEpoch());
    }
    const qint64 reference = utcMs(kDemoReferenceTime);
    REQUIRE(newestInFile <= reference);

    TempCache cache;
    // A fixed Wednesday afternoon in Rome: the due times follow the default working hours, so at
    // night or on a weekend every waiting post would honestly be due later and none overdue.
    const qint64 now = utcMs("2026-03-11T14:00:00Z");
    const ImportReport r = importDemo(*cache.db, demoPath(), now);
    INFO(issuesText(r));
    REQUIRE(r.ok);
    CHECK(r.recordsRead == lines);
    Database &db = *cache.db;
    const qint64 newest = count(db, QStringLiteral("SELECT max(created_at) FROM posts"));
    CHECK(newest == newestInFile + (now - reference));
    CHECK(newest <= now);
    CHECK(newest > now - 60 * 60 * 1000);
    // The timers show every state: overdue, still in time, answered.
    const QString at = QString::number(now);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting' AND due_at < ") + at) > 0);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting' AND due_at >= ") + at) > 0);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'answered'")) > 0);
}

TEST_CASE("sportello-cli imports files and exits non-zero on any failure", "[cli]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString database = dir.filePath(QStringLiteral("cli.sqlite"));
    const QStringList db{QStringLiteral("--database"), database};
    const QString good = writeFile(dir, QStringLiteral("good.jsonl"), validLines(1, 3));
    QByteArray badBytes = validLines(4, 4) + "{\"channel\":\"fax\"}\n";
    const QString bad = writeFile(dir, QStringLiteral("bad.jsonl"), badBytes);
    const auto posts = [&] {
        auto opened = openCache(database);
        REQUIRE(opened.ok());
        return count(*opened.value(), QStringLiteral("SELECT count(*) FROM posts"));
    };

    CliRun run = runCli(QStringList{QStringLiteral("import")} + db + QStringList{good});
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("3 posts added")));
    CHECK(posts() == 3);

    run = runCli(QStringList{QStringLiteral("import")} + db + QStringList{bad});
    CHECK(run.exitCode == 1);
    CHECK(run.out.isEmpty());
    CHECK(run.err.contains(QLatin1String("bad.jsonl was not imported")));
    CHECK(run.err.contains(QDir::toNativeSeparators(bad) + QLatin1String(":2: ")));
    CHECK(posts() == 3);

    run = runCli(db + QStringList{QStringLiteral("import"), QStringLiteral("--skip-invalid"), bad});
    CHECK(run.exitCode == 0);
    CHECK(run.err.contains(QLatin1String(":2: ")));
    CHECK(posts() == 4);

    // One bad file among good ones: the good ones are stored, the exit code says something failed.
    const QString good2 = writeFile(dir, QStringLiteral("good2.jsonl"), validLines(5, 6));
    run = runCli(QStringList{QStringLiteral("import")} + db + QStringList{bad, good2});
    CHECK(run.exitCode == 1);
    CHECK(posts() == 6);

    run =
        runCli(QStringList{QStringLiteral("import")} + db + QStringList{dir.filePath(QStringLiteral("missing.jsonl"))});
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("does not exist")));

    // A TWCS file under another name, with the format given.
    const QString twcs =
        writeFile(dir, QStringLiteral("tweets.txt"),
                  "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
                  "1,AcmeHelp,False,Tue Oct 31 10:00:00 +0000 2017,@9 Hello,,\n");
    run = runCli(QStringList{QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("twcs")} + db +
                 QStringList{twcs});
    CHECK(run.exitCode == 0);
    CHECK(posts() == 7);
}

TEST_CASE("sportello-cli: usage errors exit 2, demo and check work", "[cli]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString database = dir.filePath(QStringLiteral("cli.sqlite"));
    const QStringList db{QStringLiteral("--database"), database};

    for (const QStringList &arguments :
         {QStringList{}, QStringList{QStringLiteral("frobnicate")}, QStringList{QStringLiteral("import")},
          QStringList{QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("xml"),
                      QStringLiteral("a.xml")},
          QStringList{QStringLiteral("import"), QStringLiteral("--no-such-option"), QStringLiteral("a.jsonl")},
          QStringList{QStringLiteral("check"), QStringLiteral("extra")}}) {
        INFO(str(arguments.join(QLatin1Char(' '))));
        const CliRun run = runCli(db + arguments);
        CHECK(run.exitCode == 2);
        CHECK(run.err.contains(QLatin1String("--help")));
    }
    CHECK_FALSE(QFileInfo::exists(database)); // no usage error touched the cache

    CliRun run = runCli({QStringLiteral("--help")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("import [--skip-invalid] [--format jsonl|twcs] FILE...")));
    CHECK(run.out.contains(QLatin1String("check")));
    run = runCli({QStringLiteral("import"), QStringLiteral("--help")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("--skip-invalid")));
    run = runCli({QStringLiteral("--version")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("sportello-cli")));

    run = runCli(db + QStringList{QStringLiteral("check")});
    CHECK(run.exitCode == 1); // no cache there yet, and check does not create one
    CHECK_FALSE(QFileInfo::exists(database));

    run = runCli(db + QStringList{QStringLiteral("demo")});
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.err.isEmpty());
    {
        auto opened = openCache(database);
        REQUIRE(opened.ok());
        CHECK(count(*opened.value(), QStringLiteral("SELECT count(*) FROM threads")) >= 150);
        CHECK(count(*opened.value(), QStringLiteral("SELECT max(created_at) FROM posts")) <=
              QDateTime::currentMSecsSinceEpoch());
    }
    run = runCli(db + QStringList{QStringLiteral("check")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("sound")));

    // A file that is not a cache is refused and left as it is.
    const QString notACache = writeFile(dir, QStringLiteral("notes.sqlite"), "just some notes\n");
    run = runCli({QStringLiteral("--database"), notACache, QStringLiteral("demo")});
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("not a Sportello cache")));
    CHECK(fileBytes(notACache) == QByteArray("just some notes\n"));
    run = runCli({QStringLiteral("--database"), dir.path(), QStringLiteral("check")});
    CHECK(run.exitCode == 1);
}

TEST_CASE("sportello-cli exits 4 when another program holds the cache locked, and imports once it is free",
          "[cli][errors]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString database = dir.filePath(QStringLiteral("busy.sqlite"));
    {
        auto opened = openCache(database);
        REQUIRE(opened.ok());
        // Without WAL an exclusive transaction keeps readers out too.
        REQUIRE(sql::exec(opened.value()->connection(), QStringLiteral("PRAGMA journal_mode=DELETE")).ok());
    }
    const QString good = writeFile(dir, QStringLiteral("good.jsonl"), validLines(1, 2));
    const QStringList import{QStringLiteral("--database"), database, QStringLiteral("import"), good};
    {
        QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("cli-holder"));
        holder.setDatabaseName(database);
        REQUIRE(holder.open());
        QSqlQuery lock(holder);
        REQUIRE(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        const CliRun run = runCli(import);
        INFO(str(run.out) << str(run.err));
        CHECK(run.exitCode == 4);
        CHECK(run.err.contains(QLatin1String("locked")));
        REQUIRE(lock.exec(QStringLiteral("ROLLBACK")));
        lock.finish();
        holder.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("cli-holder"));
    const CliRun run = runCli(import);
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("2 posts added")));
}

TEST_CASE("sportello-cli names on stderr the posts already in another thread, and exits 0", "[cli][threads]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QStringList db{QStringLiteral("--database"), dir.filePath(QStringLiteral("cli.sqlite"))};
    const QString first = writeFile(dir, QStringLiteral("first.jsonl"), jsonLine(validPost(9, QStringLiteral("T1"))));
    CliRun run = runCli(QStringList{QStringLiteral("import")} + db + QStringList{first});
    REQUIRE(run.exitCode == 0);
    const QString moved =
        writeFile(dir, QStringLiteral("moved.jsonl"), validLines(1, 1) + jsonLine(validPost(9, QStringLiteral("T2"))));
    run = runCli(QStringList{QStringLiteral("import")} + db + QStringList{moved});
    INFO(str(run.out) << str(run.err));
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("1 post already in another thread was left where it is.")));
    CHECK(run.err.contains(QDir::toNativeSeparators(moved) +
                           QLatin1String(":2: post \"fb-p9\" is already in thread \"T1\"; this record puts it in "
                                         "thread \"T2\".")));
}
