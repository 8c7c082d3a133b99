// Timers at scale (issue 3): with N waiting posts in the cache,
//  - the once-a-second refresh of the console (MainWindow::tick) on the GUI thread,
//  - recomputing every due time after a policy change,
//  - the longest time the GUI event loop is blocked in the first seconds after the console opens
//    (the ticks, and the first look recording the backlog of due-soon and overdue notices), by a
//    1 ms precise timer as in bench_sync,
//  - the CPU the console uses while idle between ticks.
//   bench_timers [--waiting 100000] [--idle-seconds 10] [--startup-seconds 4]

#include "BenchConsole.h"
#include "SyntheticData.h"

#include "MainWindow.h"
#include "cache/OpenCache.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "storage/Database.h"
#include "timers/PolicyStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif

using namespace sportello;

namespace {

double cpuSeconds()
{
#if defined(Q_OS_UNIX)
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
#else
    return -1;
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("waiting"), QStringLiteral("Waiting posts."), QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("idle-seconds"), QStringLiteral("Idle time to measure."), QStringLiteral("S"),
                      QStringLiteral("10")});
    parser.addOption({QStringLiteral("startup-seconds"),
                      QStringLiteral("Time after opening to watch the event loop (the first look waits 1 s)."),
                      QStringLiteral("S"), QStringLiteral("4")});
    parser.process(app);
    const int waiting = parser.value(QStringLiteral("waiting")).toInt();

    QTemporaryDir dir;
    auto opened = openCache(dir.filePath(QStringLiteral("timers.sqlite")));
    if (!opened)
        return 1;
    Database &db = *opened.value();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        // One waiting post per thread, arrivals spread over the last five days.
        bench::SyntheticPosts synthetic;
        Ingestor ingestor(db);
        if (!ingestor.begin().ok())
            return 1;
        for (int t = 0; t < waiting; ++t)
            for (const PostRecord &p :
                 synthetic.thread(t, 1, now - qint64(5) * 24 * 3600 * 1000 + qint64(t) * 4000, 1.0))
                if (!ingestor.add(p).ok())
                    return 1;
        if (!ingestor.commit().ok())
            return 1;
    }

    PolicyStore store(db);
    std::vector<double> recompute;
    for (const char *name : {"selective", "systematic", "selective", "systematic"}) {
        QElapsedTimer t;
        t.start();
        if (Status s = store.activate(QString::fromLatin1(name), now); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error()));
            return 1;
        }
        recompute.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(recompute.begin(), recompute.end());
    std::printf("waiting_posts=%d\n", waiting);
    std::printf("policy_change_recompute_ms median %.0f max %.0f\n", recompute[recompute.size() / 2], recompute.back());

    bench::BenchConsole console;
    ui::MainWindow &window = console.window;
    // The window first, then the cache (as File > Open does), so that the first look runs while
    // the probe watches: from the moment the cache is open, the ticks and the first look (on this
    // new cache it records the whole backlog) as the agent would feel them, the largest gap of a
    // 1 ms precise timer.
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QElapsedTimer opening;
    opening.start();
    window.setDatabase(std::move(opened).value());
    std::printf("open_cache_ms %lld (setDatabase: the queue's first page, the counts)\n",
                static_cast<long long>(opening.elapsed()));
    QElapsedTimer sinceOpen;
    qint64 lastProbe = 0;
    std::vector<qint64> gaps;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 t = sinceOpen.elapsed();
        gaps.push_back(t - lastProbe);
        lastProbe = t;
    });
    sinceOpen.start();
    probe.start();
    {
        QEventLoop startup;
        QTimer::singleShot(int(parser.value(QStringLiteral("startup-seconds")).toDouble() * 1000), &startup,
                           &QEventLoop::quit);
        startup.exec();
    }
    probe.stop();
    std::sort(gaps.begin(), gaps.end());
    QSqlQuery recorded(window.database()->connection());
    recorded.exec(QStringLiteral("SELECT count(*) FROM timer_notifications"));
    std::printf(
        "startup_event_loop_block_ms max %lld p99 %lld (%zu gaps over %.1f s after opening; notices recorded %lld)\n",
        static_cast<long long>(gaps.empty() ? 0 : gaps.back()),
        static_cast<long long>(gaps.empty() ? 0 : gaps[gaps.size() * 99 / 100]), gaps.size(),
        sinceOpen.elapsed() / 1000.0, recorded.next() ? recorded.value(0).toLongLong() : -1LL);
    // The console's start-up work is over before the ticks are timed.
    QTest::qWait(1500);

    // The tick as the 1 Hz timer runs it, including the repaint of the cells it invalidates.
    std::vector<double> ticks;
    for (int i = 0; i < 60; ++i) {
        QElapsedTimer t;
        t.start();
        window.tick();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        ticks.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(ticks.begin(), ticks.end());
    std::printf("tick_ms median %.2f p95 %.2f max %.2f (n=60; every %dth tick also re-counts the status bar)\n",
                ticks[30], ticks[57], ticks.back(), ui::MainWindow::kCountsEveryTicks);

    const int idleSeconds = parser.value(QStringLiteral("idle-seconds")).toInt();
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    // A plain event loop, as the console runs (QTest::qWait would wake every few milliseconds).
    QEventLoop idle;
    QTimer::singleShot(idleSeconds * 1000, &idle, &QEventLoop::quit);
    idle.exec();
    const double cpu = cpuSeconds() - cpuBefore;
    std::printf("idle_cpu_percent %.2f (%.3f s CPU over %.1f s, ticks included)\n",
                100.0 * cpu / (wall.elapsed() / 1000.0), cpu, wall.elapsed() / 1000.0);
    std::printf("peak_rss_mib %.1f\n", bench::peakResidentMiB());
    return 0;
}
