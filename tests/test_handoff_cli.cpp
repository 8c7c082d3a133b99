// sportello-cli handoff: customer care's reports from the command line (update, show, scan), with
// the exit codes of docs/cli.md, and the report's hand-off table.

#include "CliProcess.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "compose/Drafts.h"
#include "outbox/Handoff.h"
#include "outbox/OutboxDispatcher.h"
#include "storage/Sql.h"
#include "timers/Complaints.h"
#include "triage/TriageService.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>

using namespace sportello;
using namespace sportello::test;

namespace {

// A cache with one complaint forwarded on 16 January 2024 and delivered into `folder`; returns
// its case reference. The cache is closed when it returns, for the CLI to open.
QString forwardedCase(TempCache &cache, const QString &folder)
{
    ManualClock clock{utcMs("2024-01-16T10:00:00Z")};
    ingest(*cache.db, {inboundPost(QStringLiteral("T1"), QStringLiteral("P1"), clock.nowMs() - 3'600'000,
                                   QStringLiteral("Reclamo: il rimborso non arriva"))});
    TriageService triage(*cache.db, clock, Agent{QStringLiteral("agent-7"), QStringLiteral("Giulia Rossi")});
    DecisionRequest request;
    request.threadId = scalar(*cache.db, QStringLiteral("SELECT id FROM threads")).toLongLong();
    request.kind = DecisionKind::Forward;
    request.text = QStringLiteral("Da richiamare");
    request.category = Category::Complaint;
    auto outcome = triage.decide(request);
    REQUIRE(outcome.ok());
    REQUIRE(outbox::setHandoffFolder(*cache.db, folder).ok());
    {
        QNetworkAccessManager nam;
        accounts::MemoryTokenStore tokens;
        outbox::OutboxDispatcher dispatcher(*cache.db, &nam, tokens, clock);
        dispatcher.setAutoSchedule(false);
        QSignalSpy drained(&dispatcher, &outbox::OutboxDispatcher::drained);
        dispatcher.drain();
        if (drained.isEmpty())
            REQUIRE(drained.wait(10'000));
        REQUIRE(drained.takeFirst().at(0).value<outbox::DrainSummary>().delivered == 1);
    }
    cache.db.reset();
    return outcome->caseReference;
}

CliRun handoff(const QString &database, const QStringList &arguments)
{
    return runCli(QStringList{QStringLiteral("--database"), database, QStringLiteral("handoff")} + arguments, {});
}

} // namespace

TEST_CASE("handoff update records care's reports, and refuses bad ones with a clear reason", "[cli][handoff]")
{
    TempCache cache;
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString reference = forwardedCase(cache, folder.path());

    CliRun run = handoff(cache.path,
                         {QStringLiteral("update"), reference, QStringLiteral("--status"), QStringLiteral("received")});
    INFO(run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QStringLiteral("%1: sent, not yet acknowledged -> received.").arg(reference)));

    const QString answer = QStringLiteral("Il rimborso e' stato disposto oggi.");
    run = handoff(cache.path,
                  {QStringLiteral("update"), reference, QStringLiteral("--status"), QStringLiteral("resolved"),
                   QStringLiteral("--answer"), answer, QStringLiteral("--by"), QStringLiteral("Ufficio reclami"),
                   QStringLiteral("--at"), QStringLiteral("2024-01-18T09:00:00Z")});
    INFO(run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QStringLiteral("received -> resolved")));
    CHECK(run.out.contains(QStringLiteral("45-day clock on thread 1 is stopped")));
    CHECK(run.out.contains(QStringLiteral("The answer is now the draft reply on thread 1.")));

    // The same report again: nothing to record, not an error.
    run = handoff(cache.path, {QStringLiteral("update"), reference, QStringLiteral("--status"),
                               QStringLiteral("resolved"), QStringLiteral("--answer"), answer});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QStringLiteral("is already resolved: nothing to record")));

    struct Bad {
        const char *what;
        QStringList arguments;
        int exitCode;
        const char *message;
    };
    const QVector<Bad> bad{
        {"backwards",
         {QStringLiteral("update"), reference, QStringLiteral("--status"), QStringLiteral("received")},
         1,
         "goes backwards"},
        {"unknown case",
         {QStringLiteral("update"), QStringLiteral("SPT-20240116-ZZZZZZ"), QStringLiteral("--status"),
          QStringLiteral("received")},
         1,
         "No hand-off has the case reference SPT-20240116-ZZZZZZ"},
        {"unknown status",
         {QStringLiteral("update"), reference, QStringLiteral("--status"), QStringLiteral("done")},
         2,
         "Unknown status \"done\""},
        {"no status", {QStringLiteral("update"), reference}, 2, "needs --status"},
        {"no case",
         {QStringLiteral("update"), QStringLiteral("--status"), QStringLiteral("received")},
         2,
         "needs one CASE_REFERENCE"},
        {"answer without resolution",
         {QStringLiteral("update"), reference, QStringLiteral("--status"), QStringLiteral("in_progress"),
          QStringLiteral("--answer"), QStringLiteral("x")},
         2,
         "--answer goes with --status resolved"},
        {"time without zone",
         {QStringLiteral("update"), reference, QStringLiteral("--status"), QStringLiteral("in_progress"),
          QStringLiteral("--at"), QStringLiteral("2024-01-18 09:00")},
         2,
         "--at needs an ISO 8601 time"},
        {"unknown action", {QStringLiteral("close"), reference}, 2, "handoff takes"},
    };
    for (const Bad &b : bad) {
        INFO(b.what);
        run = handoff(cache.path, b.arguments);
        INFO(run.err.toStdString());
        CHECK(run.exitCode == b.exitCode);
        CHECK(run.err.contains(QLatin1String(b.message)));
    }

    // show: the state and the history, as JSON.
    run = handoff(cache.path, {QStringLiteral("show"), reference, QStringLiteral("--json")});
    CHECK(run.exitCode == 0);
    const QJsonObject shown = QJsonDocument::fromJson(run.out.toUtf8()).object();
    CHECK(shown.value(QStringLiteral("status")).toString() == QStringLiteral("resolved"));
    CHECK(shown.value(QStringLiteral("at")).toString() == QStringLiteral("2024-01-18T09:00:00.000Z"));
    CHECK(shown.value(QStringLiteral("by")).toString() == QStringLiteral("Ufficio reclami"));
    CHECK(shown.value(QStringLiteral("answer")).toString() == answer);
    CHECK(shown.value(QStringLiteral("history")).toArray().size() == 2);
    run = handoff(cache.path, {QStringLiteral("show"), QStringLiteral("SPT-20240116-ZZZZZZ")});
    CHECK(run.exitCode == 1);

    {
        auto db = openCache(cache.path);
        REQUIRE(db.ok());
        CHECK((*DraftStore(*db.value()).load(1).value()).text == answer);
    }
    // The thread is back with the agent: a script decides on it again, once.
    const QStringList decide{QStringLiteral("--database"),
                             cache.path,
                             QStringLiteral("decide"),
                             QStringLiteral("1"),
                             QStringLiteral("--public"),
                             QStringLiteral("--text"),
                             answer,
                             QStringLiteral("--agent"),
                             QStringLiteral("Marta")};
    run = runCli(decide, {});
    INFO(run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(runCli(decide, {}).exitCode == 1);

    auto db = openCache(cache.path);
    REQUIRE(db.ok());
    CHECK((*complaintClock(*db.value(), 1).value()).resolvedAtMs == utcMs("2024-01-18T09:00:00Z"));
    CHECK(scalar(*db.value(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'handoff_update' AND "
                                             "agent_id = 'care:cli'"))
              .toInt() == 2);
}

TEST_CASE("handoff scan reads the status files, and says which it refused", "[cli][handoff]")
{
    TempCache cache;
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString reference = forwardedCase(cache, folder.path());
    const auto drop = [&](const QString &name, const QByteArray &bytes) {
        QFile file(QDir(folder.path()).filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        REQUIRE(file.write(bytes) == bytes.size());
    };
    drop(reference + QStringLiteral(".status.json"), R"({"status":"in_progress"})");
    CliRun run = handoff(cache.path, {QStringLiteral("scan")});
    INFO(run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QStringLiteral("1 recorded, 0 already known, 0 refused")));

    drop(QStringLiteral("SPT-20240116-ZZZZZZ.status.json"), R"({"status":"resolved"})");
    run = handoff(cache.path, {QStringLiteral("scan")});
    CHECK(run.exitCode == 1);
    CHECK(run.out.contains(QStringLiteral("0 recorded, 0 already known, 1 refused")));
    CHECK(run.err.contains(QStringLiteral("SPT-20240116-ZZZZZZ.status.json was refused: No hand-off has the case")));
    CHECK(QFile::exists(
        QDir(folder.path()).filePath(QStringLiteral("rejected/SPT-20240116-ZZZZZZ.status.json.error.txt"))));

    run = handoff(cache.path, {QStringLiteral("show"), reference});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QStringLiteral("in progress since")));
}

TEST_CASE("report --table handoffs exports the hand-offs by state", "[cli][handoff][report]")
{
    TempCache cache;
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString reference = forwardedCase(cache, folder.path());
    REQUIRE(handoff(cache.path,
                    {QStringLiteral("update"), reference, QStringLiteral("--status"), QStringLiteral("resolved"),
                     QStringLiteral("--at"), QStringLiteral("2024-01-16T12:00:00Z")})
                .exitCode == 0);
    const QString out = QDir(folder.path()).filePath(QStringLiteral("handoffs.csv"));
    const CliRun run =
        runCli({QStringLiteral("--database"), cache.path, QStringLiteral("report"), QStringLiteral("--from"),
                QStringLiteral("2024-01-16"), QStringLiteral("--to"), QStringLiteral("2024-01-16"),
                QStringLiteral("--table"), QStringLiteral("handoffs"), QStringLiteral("--locale"), QStringLiteral("en"),
                QStringLiteral("--no-bom"), QStringLiteral("--out"), out},
               {});
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    const QStringList lines = outputLines(QString::fromUtf8(fileBytes(out)).remove(QLatin1Char('\r')));
    INFO(lines.join(QLatin1Char('|')).toStdString());
    REQUIRE(lines.size() == 5);
    CHECK(lines.at(0) == QStringLiteral("state,handoffs,complaints,complaints_resolved_in_time,mean_resolution_min,"
                                        "median_resolution_min"));
    CHECK(lines.at(1).startsWith(QStringLiteral("sent,0,")));
    CHECK(lines.at(4) == QStringLiteral("resolved,1,1,1,120,120"));
}
