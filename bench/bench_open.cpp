// What detecting damage costs when a cache is opened: the open alone, the header check it runs
// (Database::headerDamage), and SQLite's quick_check, limited and full, on an existing cache.
//   bench_open --cache PATH [--runs N]
// Build a large cache first with bench_queue --cache PATH (see BENCHMARKS.md). The cache is only
// read (the open runs no migration on a cache at the latest schema).

#include "cache/OpenCache.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>

using namespace sportello;

namespace {

double msSince(const QElapsedTimer &timer) { return static_cast<double>(timer.nsecsElapsed()) / 1e6; }

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption cacheOption(QStringLiteral("cache"), QStringLiteral("The cache to open."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs of each measure (default 3)."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    parser.addOption(cacheOption);
    parser.addOption(runsOption);
    parser.process(app);
    const QString path = parser.value(cacheOption);
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        std::fprintf(stderr, "bench_open: give an existing cache with --cache PATH\n");
        return 2;
    }
    const int runs = std::max(1, parser.value(runsOption).toInt());
    std::printf("cache %s, %.1f MiB\n", qPrintable(path), static_cast<double>(QFileInfo(path).size()) / 1048576.0);

    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const QString damage = Database::headerDamage(path);
        const double header = msSince(timer);

        Database::Options options;
        options.createIfMissing = false;
        timer.restart();
        auto opened = openCache(path, options);
        const double open = msSince(timer);
        if (!opened) {
            std::fprintf(stderr, "bench_open: %s\n", qPrintable(opened.error()));
            return 1;
        }
        Database &db = *opened.value();

        timer.restart();
        auto limited = sql::scalar(db.connection(), QStringLiteral("PRAGMA quick_check(1)"));
        const double quickLimited = msSince(timer);

        timer.restart();
        const Status full = db.checkIntegrity();
        const double quickFull = msSince(timer);

        std::printf("run %d: header check %.3f ms (%s); open with the header check %.1f ms; quick_check(1) %.0f ms "
                    "(%s); full quick_check %.0f ms (%s)\n",
                    run + 1, header, damage.isEmpty() ? "sound" : "damaged", open, quickLimited,
                    limited ? qPrintable(limited->toString()) : "error", quickFull, full ? "ok" : "failed");
    }
    return 0;
}
