// The console at scale: process start to first page shown, filter and search, the decision round
// trip, peak memory. Needs a large cache made by bench_queue:
//   bench_queue --cache /tmp/bench1m.sqlite          (1,000,000 posts in 250,000 threads)
//   bench_console --cache /tmp/bench1m.sqlite [--runs 3] [--decisions 50]
// The parent starts itself as a child process once per run and times, from the moment it starts
// the child, until the child reports that the first page of the queue is painted.

#include "BenchConsole.h"
#include "SyntheticData.h"

#include "MainWindow.h"
#include "cache/OpenCache.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "domain/Domain.h"
#include "models/QueueModel.h"
#include "queue/QueueQuery.h"
#include "timers/TimerWatch.h"
#include "storage/Database.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace sportello;

namespace {

struct Stats {
    double median = 0, p95 = 0, max = 0;
};

// CPU time of the calling thread, in ms: on a shared machine the wall time of a decision also
// holds the time other processes had the processor.
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.empty())
        return {};
    return {v[v.size() / 2], v[std::min(v.size() - 1, size_t(v.size() * 0.95))], v.back()};
}

// Delivers what the change posted, including the paint of every region it made dirty (Qt paints
// on the UpdateRequest event), as the event loop would before the agent sees the result.
void settle(QWidget &)
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

int child(const QString &cache, int decisions)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    int argc = 1;
    char name[] = "bench_console";
    char *argv[] = {name, nullptr};
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    bench::BenchConsole console;
    ui::MainWindow &window = console.window;
    Database::Options noCreate;
    noCreate.createIfMissing = false;
    auto db = openCache(cache, noCreate);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error()));
        return 1;
    }
    window.setDatabase(std::move(db).value());
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    settle(window);
    if (window.queueModel()->rowCount() == 0)
        return 1;
    std::printf("FIRST_PAGE %.1f\n", sinceMain.nsecsElapsed() / 1e6);
    std::fflush(stdout);

    // Let the console finish its start-up work (the first look for due-soon and overdue
    // notices waits until the queue is shown) before timing interactions.
    QTest::qWait(TimerWatch::kFirstLookDelayMs + 500);

    ui::QueueModel *model = window.queueModel();
    const auto timeFilter = [&](const QueueFilter &filter) {
        std::vector<double> times;
        for (int i = 0; i < 5; ++i) {
            model->setFilter(QueueFilter{});
            settle(window);
            QElapsedTimer t;
            t.start();
            model->setFilter(filter);
            settle(window);
            times.push_back(t.nsecsElapsed() / 1e6);
        }
        return stats(times).median;
    };
    QueueFilter channel;
    channel.channel = Channel::X;
    QueueFilter search;
    search.search = QStringLiteral("carrozzeria");
    QueueFilter both = search;
    both.channel = Channel::Facebook;
    std::printf("channel_filter_ms %.1f\n", timeFilter(channel));
    std::printf("search_ms %.1f\n", timeFilter(search));
    std::printf("search_and_channel_ms %.1f\n", timeFilter(both));
    {
        // The anchor (issue 16, point 4): the raw FTS query of the same word on the same
        // connection, and the first page's query alone, walked in due order and sorted.
        const auto median = [](const std::function<void()> &work) {
            std::vector<double> times;
            for (int i = 0; i < 5; ++i) {
                QElapsedTimer t;
                t.start();
                work();
                times.push_back(t.nsecsElapsed() / 1e6);
            }
            return stats(times).median;
        };
        const double fts = median([&] {
            QSqlQuery q(window.database()->connection());
            q.exec(QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH '%1'")
                       .arg(QueueQuery::ftsQuery(search.search)));
            q.next();
        });
        QueueQuery query(*window.database());
        const double firstPage = median([&] { (void)query.page(search, QueueSort::Urgency, true, 0, 200); });
        query.setSearchPlan(SearchPlan::SortMatches);
        const double sorted = median([&] { (void)query.page(search, QueueSort::Urgency, true, 0, 200); });
        std::printf("search_fts_anchor_ms %.2f\nsearch_first_page_query_ms %.1f (sorting every match: %.1f)\n"
                    "search_ratio_to_fts %.1f\n",
                    fts, firstPage, sorted, firstPage / std::max(0.01, fts));
    }

    model->setFilter(QueueFilter{});
    window.queuePane()->selectRow(0);
    settle(window);
    std::vector<double> roundTrips;
    std::vector<double> cpuTimes;
    for (int i = 0; i < decisions; ++i) {
        const qint64 before = window.currentThreadId();
        // An app-store review has no private reply (it is answered in public there): the same
        // words go out in public on those threads, so that every decision is one the core takes.
        const DecisionKind kind = channelHasPrivateReplies(window.triagePanel()->replyContext().channel)
                                      ? DecisionKind::ReplyPrivate
                                      : DecisionKind::ReplyPublic;
        window.triagePanel()->setDraft(QStringLiteral("Grazie, le scriviamo in privato."), kind);
        QWidget *focus = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
        QElapsedTimer t;
        t.start();
        const double cpuBefore = threadCpuMs();
        QTest::keyClick(focus, Qt::Key_Return, Qt::ControlModifier);
        settle(window);
        roundTrips.push_back(t.nsecsElapsed() / 1e6);
        cpuTimes.push_back(threadCpuMs() - cpuBefore);
        if (window.currentThreadId() == before || window.currentThreadId() == 0) {
            std::fprintf(stderr, "decision %d did not move to the next thread\n", i);
            return 1;
        }
    }
    const Stats s = stats(roundTrips);
    std::printf("decision_round_trip_ms median %.1f p95 %.1f max %.1f (n=%d)\n", s.median, s.p95, s.max, decisions);
    // The GUI thread's own work in the same decisions, without waits (the commit's fsync, other
    // processes on the machine).
    const Stats cpu = stats(cpuTimes);
    std::printf("decision_gui_cpu_ms median %.1f p95 %.1f max %.1f (n=%d)\n", cpu.median, cpu.p95, cpu.max, decisions);
    std::printf("peak_rss_mib %.1f\n", bench::peakResidentMiB());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("cache"), QStringLiteral("Cache made by bench_queue."), QStringLiteral("PATH")});
    parser.addOption(
        {QStringLiteral("runs"), QStringLiteral("Process starts to time."), QStringLiteral("N"), QStringLiteral("3")});
    parser.addOption(
        {QStringLiteral("decisions"), QStringLiteral("Decisions to time."), QStringLiteral("N"), QStringLiteral("50")});
    parser.addOption({QStringLiteral("child"), QStringLiteral("Internal: the measured process.")});
    parser.parse(args);
    const QString cache = parser.value(QStringLiteral("cache"));
    if (cache.isEmpty()) {
        std::fprintf(stderr, "usage: bench_console --cache PATH (make it with bench_queue --cache PATH)\n");
        return 2;
    }
    if (parser.isSet(QStringLiteral("child")))
        return child(cache, parser.value(QStringLiteral("decisions")).toInt());

    // Parent: time from starting the process to the child's report; only the last run does the
    // filter and decision measures (they change the cache).
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    std::vector<double> startups;
    for (int r = 0; r < runs; ++r) {
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer t;
        t.start();
        process.start(args.first(),
                      {QStringLiteral("--child"), QStringLiteral("--cache"), cache, QStringLiteral("--decisions"),
                       r == runs - 1 ? parser.value(QStringLiteral("decisions")) : QStringLiteral("0")});
        double firstPage = -1;
        while (process.state() != QProcess::NotRunning || process.bytesAvailable() > 0) {
            if (!process.canReadLine() && !process.waitForReadyRead(60000) && process.state() == QProcess::NotRunning &&
                !process.canReadLine())
                break;
            while (process.canReadLine()) {
                const QByteArray line = process.readLine().trimmed();
                if (line.startsWith("FIRST_PAGE")) {
                    firstPage = t.nsecsElapsed() / 1e6;
                    std::printf("run %d: process start to first page %.1f ms (inside the process: %s ms)\n", r + 1,
                                firstPage, line.mid(11).constData());
                } else if (!line.isEmpty()) {
                    std::printf("%s\n", line.constData());
                }
            }
        }
        process.waitForFinished(-1);
        if (process.exitCode() != 0 || firstPage < 0) {
            std::fprintf(stderr, "child failed (exit %d)\n", process.exitCode());
            return 1;
        }
        startups.push_back(firstPage);
    }
    const Stats s = stats(startups);
    std::printf("startup_to_first_page_ms median %.1f max %.1f (runs=%d)\n", s.median, s.max, runs);
    return 0;
}
