// sportello-cli decide: what a refusal says from the command line, and what it leaves behind.

#include "TestSupport.h"
#include "catch_compat.h"

#include "cache/OpenCache.h"

#include <QProcess>

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
