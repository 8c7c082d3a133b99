// sportello-cli decide: what a refusal says from the command line, and what it leaves behind.

#include "CliProcess.h"
#include "DamagedCache.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "cache/OpenCache.h"
#include "storage/Sql.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QVector>

using namespace sportello;
using namespace sportello::test;

namespace {

struct Decided {
    int exitCode = -1;
    QString err;
};

Decided decide(const QString &database, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH),
                  QStringList{QStringLiteral("--database"), database, QStringLiteral("decide")} + arguments +
                      QStringList{QStringLiteral("--agent"), QStringLiteral("Marta")});
    REQUIRE(process.waitForFinished(60000));
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

TEST_CASE("decide: a public reply the guard refuses tells what to do in the CLI, and the refusal is audited",
          "[cli][triage]")
{
    TempCache cache;
    ingest(*cache.db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), 1772438400000)});
    const QString thread = scalar(*cache.db, QStringLiteral("SELECT id FROM threads")).toString();
    cache.db.reset();
    // Every kind of personal data the guard refuses in public.
    for (const QString &text :
         {QStringLiteral("Il suo codice RSSMRA85T10A562S è aggiornato"),
          QStringLiteral("La richiamiamo al 347 555 0199"), QStringLiteral("Scriva a mario.rossi@example.com")}) {
        INFO(text.toStdString());
        const Decided run = decide(cache.path, {thread, QStringLiteral("--public"), QStringLiteral("--text"), text});
        INFO(run.err.toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QLatin1String("--private")));
        CHECK_FALSE(run.err.contains(QLatin1String("Ctrl+")));
    }
    auto database = openCache(cache.path);
    REQUIRE(database.ok());
    CHECK(scalar(*database.value(), QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
    CHECK(scalar(*database.value(), QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);
    // Written on purpose (docs/cli.md): the audit trail keeps every refusal, with the kinds only.
    CHECK(scalar(*database.value(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'guard_refused'"))
              .toInt() == 3);
}

TEST_CASE("decide --override-guard marks a kind as not personal data with a reason, audited and listed",
          "[cli][triage][guard]")
{
    TempCache cache;
    ingest(*cache.db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), 1772438400000),
                       inboundPost(QStringLiteral("t2"), QStringLiteral("p2"), 1772438400000)});
    const QString t1 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 't1'")).toString();
    const QString t2 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 't2'")).toString();
    cache.db.reset();
    const QString office = QStringLiteral("Risponde lo 06 4567 8901 dalle 9 alle 18, chieda di Sportello Auto.");
    const QString taxCode = QStringLiteral("Il codice RSSMRA85T10A562S risulta aggiornato.");
    const QString overrideGuard = QStringLiteral("--override-guard");
    const QString reason = QStringLiteral("--override-reason");

    // Without a reason: a usage error, nothing written.
    CHECK(decide(cache.path, {t1, QStringLiteral("--public"), QStringLiteral("--text"), office, overrideGuard,
                              QStringLiteral("phone")})
              .exitCode == 2);
    // A tax code: refused, naming the kind and the checksum.
    const Decided tax = decide(cache.path, {t1, QStringLiteral("--public"), QStringLiteral("--text"), taxCode,
                                            overrideGuard, QStringLiteral("tax_code"), reason, QStringLiteral("x")});
    CHECK(tax.exitCode == 1);
    CHECK(tax.err.contains(QLatin1String("checksum")));
    // A kind the reply does not hold: nothing to override.
    CHECK(decide(cache.path, {t1, QStringLiteral("--public"), QStringLiteral("--text"), office, overrideGuard,
                              QStringLiteral("plate"), reason, QStringLiteral("x")})
              .exitCode == 1);
    // The office's number.
    const Decided ok = decide(cache.path, {t1, QStringLiteral("--public"), QStringLiteral("--text"), office,
                                           overrideGuard, QStringLiteral("phone"), reason,
                                           QStringLiteral("the office's number")});
    INFO(ok.err.toStdString());
    CHECK(ok.exitCode == 0);
    CHECK(decide(cache.path, {t2, QStringLiteral("--private"), QStringLiteral("--text"), office, overrideGuard,
                              QStringLiteral("phone"), reason, QStringLiteral("x")})
              .exitCode == 2);

    auto database = openCache(cache.path);
    REQUIRE(database.ok());
    CHECK(scalar(*database.value(), QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 1);
    CHECK(scalar(*database.value(),
                 QStringLiteral("SELECT details FROM audit_log WHERE action = 'guard_overridden'"))
              .toString() ==
          QLatin1String(R"({"decision":"reply_public","kinds":["phone"],"reason":"the office's number"})"));
    database.value().reset();

    QProcess list;
    list.start(QStringLiteral(SPORTELLO_CLI_PATH), {QStringLiteral("--database"), cache.path, QStringLiteral("guard"),
                                                    QStringLiteral("overrides"), QStringLiteral("--json")});
    REQUIRE(list.waitForFinished(60000));
    CHECK(list.exitCode() == 0);
    const QString listed = QString::fromUtf8(list.readAllStandardOutput());
    INFO(listed.toStdString());
    CHECK(listed.count(QLatin1Char('\n')) == 1);
    CHECK(listed.contains(QLatin1String(R"("agent":"Marta")")));
    CHECK(listed.contains(QLatin1String(R"("kinds":["phone"])")));
    CHECK(listed.contains(QLatin1String(R"("reason":"the office's number")")));
    CHECK_FALSE(listed.contains(QLatin1String("4567")));
}

TEST_CASE("decide --private on an App Store or Google Play thread is refused with the reason", "[cli][triage]")
{
    TempCache cache;
    ingest(*cache.db, {inboundPost(QStringLiteral("a1"), QStringLiteral("a1-1"), 1772438400000,
                                   QStringLiteral("App crashes"), Channel::AppStore),
                       inboundPost(QStringLiteral("g1"), QStringLiteral("g1-1"), 1772438400000,
                                   QStringLiteral("App crashes"), Channel::GooglePlay)});
    const QStringList threads{
        scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE channel = 'app_store'")).toString(),
        scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE channel = 'google_play'")).toString()};
    cache.db.reset();
    for (const QString &thread : threads) {
        const Decided run = decide(cache.path, {QLatin1Char('#') + thread, QStringLiteral("--private"),
                                                QStringLiteral("--text"), QStringLiteral("Le scriviamo")});
        INFO(run.err.toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QLatin1String("no private replies")));
    }
    auto database = openCache(cache.path);
    REQUIRE(database.ok());
    CHECK(scalar(*database.value(), QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
}

namespace {

QByteArray withSuffix(const QString &path, const char *suffix)
{
    QFile file(path + QLatin1String(suffix));
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("<none>");
    return file.readAll();
}

} // namespace

TEST_CASE("a cache whose header's freelist or page count is damaged is refused by decide and import and left "
          "untouched",
          "[cli][storage][damaged]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString sound = dir.filePath(QStringLiteral("sound.sqlite"));
    writeSoundCache(sound);
    QString thread;
    {
        auto opened = openCache(sound);
        REQUIRE(opened.ok());
        thread = scalar(*opened.value(), QStringLiteral("SELECT min(id) FROM threads")).toString();
    }
    const QByteArray original = fileBytes(sound);
    const QString importFileName =
        QDir::cleanPath(testDataDir() + QStringLiteral("/../../resources/demo/demo_threads.jsonl"));
    int runs = 0;
    for (const auto &[offset, value] : headerDamages(original)) {
        {
            INFO("offset " << offset << " value " << int(value));
            const QString path = dir.filePath(QStringLiteral("damaged-%1-%2.sqlite").arg(offset).arg(value));
            const QByteArray damaged = withByte(original, offset, value);
            writeBytes(path, damaged);
            const QByteArray wal = withSuffix(path, "-wal");
            const CliRun decided =
                runCli({QStringLiteral("--database"), path, QStringLiteral("decide"), thread, QStringLiteral("--close"),
                        QStringLiteral("spam"), QStringLiteral("--agent"), QStringLiteral("Marta")},
                       {});
            INFO(decided.err.toStdString());
            CHECK(decided.exitCode == 1);
            CHECK(decided.err.contains(QLatin1String("damaged")));
            const CliRun imported =
                runCli({QStringLiteral("--database"), path, QStringLiteral("import"), importFileName}, {});
            INFO(imported.err.toStdString());
            CHECK(imported.exitCode == 1);
            CHECK(imported.err.contains(QLatin1String("damaged")));
            const CliRun checked = runCli({QStringLiteral("--database"), path, QStringLiteral("check")}, {});
            CHECK(checked.exitCode == 1);
            CHECK(checked.err.contains(QLatin1String("salvage")));
            CHECK(fileBytes(path) == damaged);
            CHECK(withSuffix(path, "-wal") == wal);
            ++runs;
        }
    }
    CHECK(runs >= 20);
}

TEST_CASE("salvage copies what can be read of a damaged cache into a new sound cache and leaves the damaged one "
          "untouched",
          "[cli][storage][damaged]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("damaged.sqlite"));
    writeSoundCache(path);
    const QByteArray original = fileBytes(path);
    const auto salvageTo = [&](const QString &target) {
        return runCli({QStringLiteral("--database"), path, QStringLiteral("salvage"), QStringLiteral("--to"), target},
                      {});
    };

    SECTION("a damaged header: every row is saved")
    {
        const QByteArray damaged = withByte(original, 36, 0x7F);
        writeBytes(path, damaged);
        const QString target = dir.filePath(QStringLiteral("saved.sqlite"));
        const CliRun run = salvageTo(target);
        INFO(run.out.toStdString() << run.err.toStdString());
        CHECK(run.exitCode == 0);
        CHECK(run.out.contains(QLatin1String("posts: 3 rows saved")));
        CHECK(fileBytes(path) == damaged);
        auto saved = openCache(target);
        REQUIRE(saved.ok());
        CHECK_FALSE(saved.value()->isReadOnly());
        CHECK(saved.value()->checkIntegrity().ok());
        CHECK(scalar(*saved.value(), QStringLiteral("SELECT count(*) FROM posts")).toInt() == 3);
        CHECK(scalar(*saved.value(), QStringLiteral("SELECT count(*) FROM threads")).toInt() == 3);
        // The saved posts are searchable again (their full-text rows are rebuilt).
        CHECK(checkFullTextCoversPosts(*saved.value()) == 3);
        // Refused into a file that exists.
        const CliRun again = salvageTo(target);
        CHECK(again.exitCode == 1);
    }
    SECTION("the tables derived from the others are rebuilt from what was saved, never copied")
    {
        {
            // What a copy would carry over: a measure of a post the cache does not hold, a
            // bucket counting threads that are not there, the policy the measures were made under.
            auto sound = openCache(path);
            REQUIRE(sound.ok());
            for (const char *statement :
                 {"INSERT INTO post_measures(post_id, thread_id, day, week, category, channel, decision, agent_name, "
                  "response_kind, due_at) VALUES(999, 999, 2461100, 2461100, 'none', 'x', 'none', '', '', 0)",
                  "UPDATE queue_buckets SET n = n + 5",
                  "INSERT OR REPLACE INTO app_state(key, value) VALUES('measures_policy', 'stale'), "
                  "('measures_through_post', '999')"})
                REQUIRE(sql::exec(sound.value()->connection(), QString::fromLatin1(statement)).ok());
        }
        writeBytes(path, withByte(fileBytes(path), 36, 0x7F));
        const QString target = dir.filePath(QStringLiteral("saved.sqlite"));
        const CliRun run = salvageTo(target);
        INFO(run.out.toStdString() << run.err.toStdString());
        CHECK(run.exitCode == 0);
        CHECK_FALSE(run.out.contains(QLatin1String("queue_buckets")));
        auto saved = openCache(target);
        REQUIRE(saved.ok());
        CHECK(scalar(*saved.value(), QStringLiteral("SELECT count(*) FROM post_measures")).toInt() == 0);
        CHECK(scalar(*saved.value(), QStringLiteral("SELECT count(*) FROM app_state WHERE key LIKE 'measures_%'"))
                  .toInt() == 0);
        for (int kind : {0, 1})
            CHECK(scalar(*saved.value(),
                         QStringLiteral("SELECT coalesce(sum(n), 0) FROM queue_buckets WHERE kind = %1").arg(kind))
                      .toInt() == scalar(*saved.value(), QStringLiteral("SELECT count(*) FROM threads WHERE status = "
                                                                        "'waiting'"))
                                      .toInt());
        CHECK(scalar(*saved.value(), QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting'")).toInt() ==
              3);
    }
    SECTION("a wrecked table: the others are saved, the loss is reported")
    {
        wreckTable(path, QStringLiteral("saved_replies"));
        const QByteArray damaged = fileBytes(path);
        const CliRun checked = runCli({QStringLiteral("--database"), path, QStringLiteral("check")}, {});
        CHECK(checked.exitCode == 1);
        CHECK(checked.err.contains(QLatin1String("salvage")));
        const QString target = dir.filePath(QStringLiteral("saved.sqlite"));
        const CliRun run = salvageTo(target);
        INFO(run.out.toStdString() << run.err.toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.out.contains(QLatin1String("posts: 3 rows saved")));
        CHECK(run.out.contains(QLatin1String("saved_replies: 0 rows saved; the rest could not be read")));
        CHECK(fileBytes(path) == damaged);
        auto saved = openCache(target);
        REQUIRE(saved.ok());
        CHECK(saved.value()->checkIntegrity().ok());
        CHECK(scalar(*saved.value(), QStringLiteral("SELECT count(*) FROM posts")).toInt() == 3);
    }
}
