// Exports the post-level log of a large cache to CSV and, in the same run, has the sqlite3 shell
// write the same columns from the same file (`sqlite3 -csv`), for the ratio in BENCHMARKS.md.
//   bench_export [--posts N] [--threads N] [--cache PATH] [--sqlite3 PATH] [--report-only]
// The sqlite3 side cannot compute business time (it has no calendar): its business-minutes
// column repeats the calendar-minutes expression, so it does a little less work than we do.
// Peak memory is that of the export alone: the peak is reset (Linux) after the cache is built.

#include "SyntheticData.h"

#include "report/ReportExport.h"
#include "report/ReportJob.h"
#include "storage/Database.h"
#include "timers/PolicyStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cstdio>

using namespace sportello;

namespace {

// The log's columns in the shell's SQL: the same joins, times as ISO 8601, minutes to 2 decimals.
const char *const kShellSql = R"(
SELECT p.external_id AS post_id, t.external_id AS thread_id, p.channel, p.visibility, a.handle AS author_handle,
  a.display_name AS author_name, strftime('%Y-%m-%dT%H:%M:%SZ', p.created_at / 1000, 'unixepoch') AS arrived_at,
  p.category, p.category_source,
  coalesce(d.kind, CASE WHEN r.id IS NULL THEN NULL WHEN r.visibility = 'private' THEN 'reply_private' ELSE 'reply_public' END) AS decision,
  CASE WHEN d.id IS NOT NULL THEN 'decision' WHEN r.id IS NOT NULL THEN 'outbound_post' END AS decision_source,
  d.agent_name AS agent,
  strftime('%Y-%m-%dT%H:%M:%SZ', coalesce(d.decided_at, r.created_at) / 1000, 'unixepoch') AS decided_at,
  strftime('%Y-%m-%dT%H:%M:%SZ', coalesce(o.delivered_at, r.created_at) / 1000, 'unixepoch') AS delivered_at,
  strftime('%Y-%m-%dT%H:%M:%SZ', p.answered_at / 1000, 'unixepoch') AS first_response_at,
  round((p.answered_at - p.created_at) / 60000.0, 2) AS first_response_business_min,
  round((p.answered_at - p.created_at) / 60000.0, 2) AS first_response_calendar_min,
  round(p.target_ms / 60000.0, 2) AS target_min,
  CASE WHEN p.business_clock THEN 'business' ELSE 'calendar' END AS target_clock,
  strftime('%Y-%m-%dT%H:%M:%SZ', p.due_at / 1000, 'unixepoch') AS due_at,
  CASE WHEN p.answered_at IS NULL THEN CASE WHEN p.due_at < %1 THEN 'missed' ELSE 'waiting' END
       WHEN p.answered_at <= p.due_at THEN 'met' ELSE 'missed' END AS outcome,
  strftime('%Y-%m-%dT%H:%M:%SZ', c.deadline_at / 1000, 'unixepoch') AS complaint_deadline_at,
  p.text
FROM posts p
JOIN threads t ON t.id = p.thread_id
JOIN authors a ON a.id = p.author_id
LEFT JOIN decisions d ON d.id = (SELECT d2.id FROM decisions d2 WHERE d2.thread_id = p.thread_id
                                   AND d2.decided_at >= p.created_at ORDER BY d2.decided_at, d2.id LIMIT 1)
LEFT JOIN outbox o ON o.decision_id = d.id
LEFT JOIN complaints c ON c.thread_id = p.thread_id AND p.created_at <= c.forwarded_at
LEFT JOIN posts r ON r.id = (SELECT r2.id FROM posts r2 WHERE r2.thread_id = p.thread_id AND r2.direction = 'outbound'
                               AND r2.created_at >= p.created_at ORDER BY r2.created_at, r2.id LIMIT 1)
WHERE p.direction = 'inbound' AND p.created_at >= %2 AND p.created_at < %3
ORDER BY p.created_at, p.id;
)";

double vmMiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    bench::addSyntheticCacheOptions(parser);
    parser.addOption({QStringLiteral("sqlite3"), QStringLiteral("The sqlite3 shell."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("report-only"), QStringLiteral("Time the report alone, not the export.")});
    parser.process(app);

    QTemporaryDir dir;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::unique_ptr<Database> cache = bench::openSyntheticCache(parser, dir, now);
    if (!cache)
        return 1;
    Database &db = *cache;
    const QString path = db.path();
    auto policy = PolicyStore(db).active();
    if (!policy) {
        std::fprintf(stderr, "%s\n", qPrintable(policy.error()));
        return 1;
    }
    // Everything in the cache: its posts span the 30 days before it was built.
    ReportFilter filter;
    filter.from = QDate(2000, 1, 1);
    filter.to = QDate(2100, 1, 1);
    const auto [start, end] = utcRange(filter.from, filter.to, policy->calendar.timeZone());

    // Let the page cache hold the file for both runs alike: one untimed pass first.
    {
        QProcess warm;
        warm.setStandardOutputFile(QProcess::nullDevice());
        warm.start(QStringLiteral("cat"), {path});
        warm.waitForFinished(-1);
    }
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5"); // resets the peak resident size (VmHWM)
    clearRefs.close();
    const double rssBefore = vmMiB("VmRSS:");

    const bool reportOnly = parser.isSet(QStringLiteral("report-only"));
    const QString ours = dir.filePath(QStringLiteral("ours.csv"));
    QString shell = parser.value(QStringLiteral("sqlite3"));
    if (shell.isEmpty())
        shell = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    QElapsedTimer timer;
    double oursS = 0, shellS = 0, peak = 0;
    qint64 rows = 0;
    const QString theirs = dir.filePath(QStringLiteral("sqlite3.csv"));
    if (!reportOnly) {
        timer.start();
        ExportOptions options;
        options.format = CsvFormat::forLanguage(QStringLiteral("it"));
        auto exported = exportPostLog(db, policy.value(), filter, now, ours, options);
        oursS = timer.nsecsElapsed() / 1e9;
        if (!exported) {
            std::fprintf(stderr, "%s\n", qPrintable(exported.error()));
            return 1;
        }
        rows = exported.value();
        peak = vmMiB("VmHWM:");

        QProcess sqlite;
        sqlite.setStandardOutputFile(theirs);
        timer.restart();
        sqlite.start(shell, {QStringLiteral("-csv"), QStringLiteral("-header"), QStringLiteral("-readonly"), path,
                             QString::fromLatin1(kShellSql).arg(now).arg(start).arg(end)});
        if (!sqlite.waitForStarted() || !sqlite.waitForFinished(-1) || sqlite.exitCode() != 0) {
            std::fprintf(stderr, "sqlite3 failed: %s\n", sqlite.readAllStandardError().constData());
            return 1;
        }
        shellS = timer.nsecsElapsed() / 1e9;
    }

    // The report window's work at the same scale, from the stored measures (core/report/
    // MeasureStore). First the recompute of every post's measures, as after a policy change or the
    // upgrade to schema 15 (the report window's background work), then the report itself on
    // measures kept current, then after a day's changes (2,000 conversations touched), each with
    // its own peak memory. The anchor: the sqlite3 shell's plain GROUP BY over the same stored
    // measures, in the same run.
    const auto timeReport = [&](const char *name) -> bool {
        if (clearRefs.open(QIODevice::WriteOnly))
            clearRefs.write("5");
        clearRefs.close();
        timer.restart();
        auto tables = computeReportTables(path, filter, {GroupField::Category}, now);
        const double seconds = timer.nsecsElapsed() / 1e9;
        if (!tables) {
            std::fprintf(stderr, "%s\n", qPrintable(tables.error()));
            return false;
        }
        std::printf("%s_posts=%lld %s_s=%.2f peak_rss_during_%s_mib=%.1f\n", name,
                    static_cast<long long>(tables->postCount), name, seconds, name, vmMiB("VmHWM:"));
        return true;
    };
    {
        QSqlQuery forget(db.connection());
        forget.exec(QStringLiteral("DELETE FROM app_state WHERE key = 'measures_policy'"));
    }
    if (!timeReport("measures_recompute"))
        return 1;
    if (!timeReport("grouped_report"))
        return 1;
    {
        QSqlQuery touch(db.connection());
        touch.exec(QStringLiteral("INSERT OR IGNORE INTO measure_stale_threads(thread_id) SELECT id FROM threads "
                                  "ORDER BY random() LIMIT 2000"));
    }
    if (!timeReport("grouped_report_after_changes"))
        return 1;
    QProcess anchor;
    anchor.setStandardOutputFile(QProcess::nullDevice());
    timer.restart();
    anchor.start(shell, {QStringLiteral("-readonly"), path,
                         QStringLiteral("SELECT category, count(*), count(calendar_ms), avg(business_ms), "
                                        "avg(calendar_ms), count(CASE WHEN outcome = 'met' THEN 1 END) "
                                        "FROM post_measures GROUP BY category;")});
    if (!anchor.waitForStarted() || !anchor.waitForFinished(-1) || anchor.exitCode() != 0) {
        std::fprintf(stderr, "sqlite3 failed: %s\n", anchor.readAllStandardError().constData());
        return 1;
    }
    std::printf("sqlite3_group_by_s=%.2f\n", timer.nsecsElapsed() / 1e9);

    if (reportOnly)
        return 0;
    std::printf("rows=%lld\n", static_cast<long long>(rows));
    std::printf("export_s=%.2f export_mib=%.0f\n", oursS, QFileInfo(ours).size() / 1048576.0);
    std::printf("sqlite3_csv_s=%.2f sqlite3_mib=%.0f\n", shellS, QFileInfo(theirs).size() / 1048576.0);
    std::printf("ratio=%.2f\n", oursS / shellS);
    std::printf("rss_before_mib=%.1f peak_rss_during_export_mib=%.1f\n", rssBefore, peak);
    return 0;
}
