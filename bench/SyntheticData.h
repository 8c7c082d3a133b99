#pragma once
// Synthetic posts for benchmarks: varied Italian and English insurance texts over every channel,
// deterministic for a given seed so runs can be compared.

#include "ingest/PostRecord.h"

#include <QRandomGenerator>
#include <QVector>
#include <memory>

class QCommandLineParser;
class QTemporaryDir;

namespace sportello {
class Database;
}

namespace sportello::bench {

class SyntheticPosts {
public:
    explicit SyntheticPosts(quint32 seed = 42) : m_random(seed) {}

    // The posts of one thread: an inbound opening post, then alternating replies; the last
    // post is inbound for about `waitingShare` of threads, so those threads wait.
    QVector<PostRecord> thread(int threadIndex, int postCount, qint64 startMs, double waitingShare);

    QString sentence();

private:
    QRandomGenerator m_random;
};

// Fills an empty cache with `posts` posts in `threads` threads over the 30 days before `nowMs`,
// committing in batches; prints the time it took.
bool buildSyntheticCache(Database &db, int threads, int posts, qint64 nowMs);

// The options of the benchmarks over a synthetic cache: --posts, --threads and --cache.
void addSyntheticCacheOptions(QCommandLineParser &parser);
// Opens the cache --cache names (or a new file in dir) and fills it with the synthetic data when the
// file is new. Prints the reason and returns null on failure.
std::unique_ptr<Database> openSyntheticCache(const QCommandLineParser &parser, const QTemporaryDir &dir, qint64 nowMs);

// Peak resident memory of this process in MiB, or -1 where unknown.
double peakResidentMiB();

} // namespace sportello::bench
