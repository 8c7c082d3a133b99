// The console (offscreen) syncing an X account from a local HTTP server on 127.0.0.1: pages of
// mentions in the shape of the real X API v2 bodies (tests/SyntheticPages), stored page by page
// while the GUI runs. Reports posts per second and the longest time the GUI event loop was
// blocked during the sync, measured by a 1 ms precise timer: the largest gap between two of its
// ticks, minus the 1 ms it is due every (target: under 50 ms).
//
// With --answer-selected the agent has a thread selected and a colleague answers it during the
// sync (it leaves the waiting queue while the agent reads it): the queue's refresh must not walk
// the whole queue to find it (run it with --waiting 100000).
//
//   bench_sync [--pages 100] [--per-page 100] [--waiting 2000] [--answer-selected]
#include "BenchConsole.h"
#include "LocalHttpServer.h"
#include "SyntheticPages.h"

#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "ingest/Ingestor.h"
#include "ingest/PostRecord.h"
#include "models/QueueModel.h"
#include "storage/Database.h"
#include "sync/BackgroundSync.h"
#include "sync/SyncRunner.h"
#include "timers/TimerWatch.h"
#include "views/QueuePane.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace sportello;

namespace {

// Times every event the GUI thread delivers (outermost only), so that the longest block can be
// told apart: a page's signal from the worker, the queue refresh, or the console's 1 Hz tick.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    struct Slow {
        qint64 ms = 0;
        QString what;
    };
    bool recording = false;
    QVector<Slow> slowest; // the three longest, longest first

    bool notify(QObject *receiver, QEvent *event) override
    {
        // Events of the worker thread pass here too: only the GUI thread's are timed.
        if (!recording || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        // Named before delivery: a deferred delete takes the receiver with it.
        QString what = QString::fromLatin1(receiver->metaObject()->className());
        if (auto *timer = qobject_cast<QTimer *>(receiver)) {
            what += QStringLiteral(" (%1 ms)").arg(timer->interval());
            if (timer->parent()) // whose timer it is
                what += QStringLiteral(" of %1").arg(QString::fromLatin1(timer->parent()->metaObject()->className()));
        }
        what += QStringLiteral(", event %1").arg(int(event->type()));
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const bool done = QApplication::notify(receiver, event);
        const qint64 ms = t.elapsed();
        --m_depth;
        if (ms > 0 && (slowest.size() < 3 || ms > slowest.last().ms)) {
            slowest.append({ms, what});
            std::sort(slowest.begin(), slowest.end(), [](const Slow &a, const Slow &b) { return a.ms > b.ms; });
            slowest.resize(std::min<qsizetype>(slowest.size(), 3));
        }
        return done;
    }

private:
    int m_depth = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("pages"), QStringLiteral("Pages to sync."), QStringLiteral("N"), QStringLiteral("100")});
    parser.addOption(
        {QStringLiteral("per-page"), QStringLiteral("Posts per page."), QStringLiteral("N"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("waiting"), QStringLiteral("Threads already waiting in the cache."),
                      QStringLiteral("N"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("answer-selected"),
                      QStringLiteral("Select a thread and have a colleague answer it during the sync.")});
    parser.process(app);
    const bool answerSelected = parser.isSet(QStringLiteral("answer-selected"));
    const int pages = parser.value(QStringLiteral("pages")).toInt();
    const int perPage = parser.value(QStringLiteral("per-page")).toInt();
    const int waiting = parser.value(QStringLiteral("waiting")).toInt();

    QTemporaryDir dir;
    auto opened = openCache(dir.filePath(QStringLiteral("bench.sqlite")));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error()));
        return 1;
    }
    std::unique_ptr<Database> db = std::move(opened).value();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        Ingestor ingestor(*db);
        if (!ingestor.begin())
            return 1;
        for (int i = 0; i < waiting; ++i) {
            PostRecord p;
            p.channel = Channel::Facebook;
            p.threadExternalId = QStringLiteral("fb-%1").arg(i);
            p.postExternalId = p.threadExternalId + QStringLiteral("-1");
            p.direction = Direction::Inbound;
            p.createdAtMs = now - qint64(i) * 30'000;
            p.text = QStringLiteral("Buongiorno, ho una domanda sulla polizza %1").arg(i);
            p.author = {QStringLiteral("a%1").arg(i), QStringLiteral("cliente%1").arg(i),
                        QStringLiteral("Cliente %1").arg(i), 10};
            if (!ingestor.add(p))
                return 1;
        }
        if (!ingestor.commit())
            return 1;
    }

    test::LocalHttpServer server;
    test::SyntheticMentions mentions;
    mentions.pages = pages;
    mentions.perPage = perPage;
    mentions.newestCreatedAtMs = now - 60'000;
    mentions.spacingMs = 5'000;
    for (const QByteArray &page : mentions.allPages())
        server.enqueue(QStringLiteral("/2/users/1111/mentions"), test::CannedResponse::json(200, page));
    server.enqueue(QStringLiteral("/2/dm_events"), test::CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    if (!accounts::AccountStore(*db).add(Channel::X, QStringLiteral("1111"),
                                         server.url(QStringLiteral("/2")).toString(),
                                         QStringLiteral("SPORTELLO_BENCH_TOKEN"), now)) {
        return 1;
    }
    qputenv("SPORTELLO_BENCH_TOKEN", "bench-token");

    bench::BenchConsole console;
    console.settings.setSyncIntervalMinutes(0);
    console.window.setDatabase(std::move(db));
    console.window.show();
    // Past the timer notifier's first look at the cache (a one-off backlog scan after the window
    // shows: ~0.8 s on 100,000 overdue threads), which is not the sync's to measure.
    QEventLoop settle;
    QTimer::singleShot(TimerWatch::kFirstLookDelayMs + 500, &settle, &QEventLoop::quit);
    settle.exec();

    // The gap probe: a precise 1 ms timer; a gap is the time the loop could not serve it.
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.elapsed();
    qint64 longest = 0;
    QVector<qint64> gaps;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 t = clock.elapsed();
        gaps << t - last;
        longest = std::max(longest, t - last);
        last = t;
    });

    qint64 selected = 0;
    int maxRefreshQueries = 0;
    std::unique_ptr<QThread> colleague;
    if (answerSelected) {
        console.window.queuePane()->selectRow(10);
        selected = console.window.queuePane()->currentThreadId();
        // After the first stored page: the colleague's answer arrives with it, written (as a sync
        // would write it) on a connection of its own, off the GUI thread the probe measures.
        const QString path = console.window.database()->path();
        QObject::connect(console.window.syncRunner(), &sync::BackgroundSync::progress, &app, [&, path] {
            if (selected <= 0)
                return;
            const qint64 thread = selected;
            colleague.reset(QThread::create([path, thread] {
                auto other = openCache(path);
                if (!other)
                    return;
                QSqlQuery q((*other)->connection());
                q.exec(QStringLiteral("UPDATE threads SET status = 'answered' WHERE id = %1").arg(thread));
            }));
            colleague->start();
            selected = -selected; // once
        });
    }
    QTimer refreshWatch; // the queue refreshes every 500 ms during the sync: note its query count
    QObject::connect(&refreshWatch, &QTimer::timeout, [&] {
        maxRefreshQueries = std::max(maxRefreshQueries, console.window.queueModel()->lastRefreshQueryCount());
    });
    refreshWatch.start(50);

    sync::SyncRunReport report;
    QEventLoop loop;
    QObject::connect(console.window.syncRunner(), &sync::BackgroundSync::finished, &loop,
                     [&](const sync::SyncRunReport &r) {
                         report = r;
                         loop.quit();
                     });
    QElapsedTimer elapsed;
    probe.start();
    app.recording = true;
    last = clock.elapsed();
    elapsed.start();
    if (!console.window.syncNow(true))
        return 1;
    loop.exec();
    const qint64 ms = elapsed.elapsed();
    probe.stop();
    app.recording = false;
    if (colleague)
        colleague->wait();

    std::sort(gaps.begin(), gaps.end());
    const auto pct = [&](double p) {
        return gaps.isEmpty() ? 0 : gaps.at(qMin(gaps.size() - 1, int(p * gaps.size())));
    };
    const int rows = console.window.queueModel()->rowCount();
    std::printf("sync: %d pages x %d posts into a cache with %d waiting threads\n", pages, perPage, waiting);
    std::printf("ok=%s posts added=%d pages=%d in %lld ms: %.0f posts/s\n", report.ok() ? "yes" : "no",
                report.postsAdded(), report.pages(), static_cast<long long>(ms),
                report.postsAdded() * 1000.0 / std::max<qint64>(1, ms));
    std::printf("longest page transaction: %lld ms\n", static_cast<long long>(report.longestStoreMs()));
    std::printf("event loop: longest block %lld ms (gap of the 1 ms probe), p99 %lld ms, p50 %lld ms, %d gaps\n",
                static_cast<long long>(longest), static_cast<long long>(pct(0.99)), static_cast<long long>(pct(0.5)),
                int(gaps.size()));
    for (const TimedApplication::Slow &slow : app.slowest)
        std::printf("slow GUI event: %lld ms in %s\n", static_cast<long long>(slow.ms), qPrintable(slow.what));
    maxRefreshQueries = std::max(maxRefreshQueries, console.window.queueModel()->lastRefreshQueryCount());
    std::printf("queue rows loaded after the sync: %d; most queries in one queue refresh: %d\n", rows,
                maxRefreshQueries);
    if (answerSelected)
        std::printf("selected thread answered by a colleague during the sync: still selected=%s\n",
                    console.window.queuePane()->currentThreadId() == -selected ? "yes" : "no");
    return report.ok() ? 0 : 1;
}
