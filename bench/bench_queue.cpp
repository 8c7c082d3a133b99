// Builds (or reuses) a large cache and times the queue queries the console runs.
//   bench_queue [--posts N] [--threads N] [--keep PATH]
// Prints one line per measure; see BENCHMARKS.md for recorded figures.

#include "SyntheticData.h"

#include "ingest/Ingestor.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "timers/ResponseTimers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

using namespace sportello;

namespace {

template <typename F>
double medianMs(int runs, F &&f)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        times.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    bench::addSyntheticCacheOptions(parser);
    parser.process(app);

    QTemporaryDir dir;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::unique_ptr<Database> cache = bench::openSyntheticCache(parser, dir, now);
    if (!cache)
        return 1;
    Database &db = *cache;

    QueueQuery queue(db);
    const auto page = [&](const QueueFilter &f) {
        auto rows = queue.page(f, QueueSort::Urgency, true, 0, 200);
        if (!rows || rows->isEmpty())
            std::fprintf(stderr, "empty page: %s\n", qPrintable(rows.error()));
    };
    QueueFilter waiting;
    QueueFilter channel;
    channel.channel = Channel::X;
    QueueFilter search;
    search.search = QStringLiteral("carrozzeria");
    QueueFilter rare;
    rare.search = QStringLiteral("giulia_rossi");
    QueueFilter combined = search;
    combined.channel = Channel::Facebook;
    combined.category = Category::Complaint;
    std::printf("first_page_ms=%.2f\n", medianMs(5, [&] { page(waiting); }));
    std::printf("channel_filter_ms=%.2f\n", medianMs(5, [&] { page(channel); }));
    std::printf("search_common_word_ms=%.2f\n", medianMs(5, [&] { page(search); }));
    std::printf("search_author_ms=%.2f\n", medianMs(5, [&] { page(rare); }));
    std::printf("search_with_filters_ms=%.2f\n", medianMs(5, [&] { page(combined); }));
    std::printf("counts_ms=%.2f\n", medianMs(5, [&] { (void)queue.counts(now); }));
    std::printf("peak_rss_mib=%.1f\n", bench::peakResidentMiB());
    return 0;
}
