// What applying the retention policy costs on a large cache (docs/privacy.md, "Retention"): the
// selection of expired threads, the dry run, the run in batches (the longest batch is how long
// the console's writes may wait behind it), the scrub, and the dry run again once nothing is left
// to anonymise (the daily cost from then on).
//   bench_retention --cache PATH --now ISO-TIME [--batch N] [--read-ahead N] [--threads N]
// --read-ahead 0 reads the full-text terms inside each batch's transaction (as before
// readIndexedTerms); --threads stops after the first N expired threads (a shorter bench).
// The cache is WRITTEN: give a copy (cp bench1m.pristine.sqlite /tmp/retention.sqlite). The
// policy is the default one (24 months for closed threads); --now places the limit inside the
// cache's dates.

#include "cache/OpenCache.h"
#include "privacy/Erasure.h"
#include "privacy/Retention.h"
#include "storage/Database.h"
#include "storage/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <cstdio>

using namespace sportello;

namespace {

double msSince(const QElapsedTimer &timer) { return static_cast<double>(timer.nsecsElapsed()) / 1e6; }

int fail(const QString &what, const QString &error)
{
    std::fprintf(stderr, "bench_retention: %s: %s\n", qPrintable(what), qPrintable(error));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Each figure as soon as it is measured (a run may be stopped early).
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption cacheOption(QStringLiteral("cache"), QStringLiteral("A copy of a cache: it is written."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption nowOption(QStringLiteral("now"), QStringLiteral("The run's time (ISO 8601, UTC)."),
                                       QStringLiteral("TIME"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Threads per transaction."),
                                         QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption readAheadOption(QStringLiteral("read-ahead"),
                                             QStringLiteral("Threads whose full-text terms are read before their "
                                                            "transactions (0: read in each transaction)."),
                                             QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
                                           QStringLiteral("Anonymise only the first N expired threads."),
                                           QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({cacheOption, nowOption, batchOption, readAheadOption, threadsOption});
    parser.process(app);
    const QString path = parser.value(cacheOption);
    const QDateTime now = QDateTime::fromString(parser.value(nowOption), Qt::ISODate);
    if (path.isEmpty() || !QFileInfo(path).isFile() || !now.isValid()) {
        std::fprintf(stderr, "bench_retention: give a copy of a cache with --cache PATH and --now TIME\n");
        return 2;
    }
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const privacy::RetentionPolicy policy;

    QElapsedTimer timer;
    timer.start();
    Database::Options options;
    options.createIfMissing = false;
    auto opened = openCache(path, options);
    if (!opened)
        return fail(QStringLiteral("open"), opened.error());
    Database &db = *opened.value();
    const QSqlDatabase connection = db.connection();
    std::printf("cache %s opened (and migrated) in %.0f ms\n", qPrintable(path), msSince(timer));

    timer.restart();
    auto expired = privacy::expiredThreads(connection, policy, nowMs);
    if (!expired)
        return fail(QStringLiteral("selection"), expired.error());
    std::printf("selection: %lld expired threads in %.0f ms\n", static_cast<long long>(expired->size()),
                msSince(timer));

    timer.restart();
    auto dry = privacy::dryRunRetention(connection, policy, nowMs);
    if (!dry)
        return fail(QStringLiteral("dry run"), dry.error());
    std::printf("dry run: %lld threads, %lld posts, %lld authors, %lld audit entries in %.0f ms\n",
                static_cast<long long>(dry->threads), static_cast<long long>(dry->posts),
                static_cast<long long>(dry->authors), static_cast<long long>(dry->auditEntries), msSince(timer));

    // The batches one by one, as runRetention makes them, to see the longest write transaction.
    const int batch = std::max(1, parser.value(batchOption).toInt());
    const qsizetype readAhead = std::max(0, parser.value(readAheadOption).toInt());
    const qsizetype limit = parser.value(threadsOption).toInt() > 0
                                ? std::min<qsizetype>(expired->size(), parser.value(threadsOption).toInt())
                                : expired->size();
    double longest = 0, total = 0, reading = 0;
    qint64 posts = 0;
    privacy::IndexedTerms indexed;
    qsizetype readUntil = 0;
    for (qsizetype from = 0; from < limit; from += batch) {
        QElapsedTimer one;
        one.start();
        const qsizetype chunk = std::max<qsizetype>(readAhead, batch);
        if (readAhead > 0 && from >= readUntil) {
            readUntil = from + chunk;
            auto terms = privacy::readIndexedTerms(connection, expired->mid(from, std::min(chunk, limit - from)));
            if (!terms)
                return fail(QStringLiteral("read ahead"), terms.error());
            indexed = std::move(terms).value();
            const double ms = msSince(one);
            reading += ms;
            std::printf("  terms of %lld threads' posts read ahead (no write lock): %.0f ms\n",
                        static_cast<long long>(std::min(chunk, limit - from)), ms);
            one.restart();
        }
        Transaction transaction(connection);
        if (!transaction.started())
            return fail(QStringLiteral("begin"), transaction.startError());
        auto changed = privacy::anonymiseThreads(connection, expired->mid(from, std::min<qsizetype>(batch, limit - from)),
                                                 readAhead > 0 ? &indexed : nullptr);
        if (!changed)
            return fail(QStringLiteral("anonymise"), changed.error());
        if (Status s = transaction.commit(); !s)
            return fail(QStringLiteral("commit"), s.error());
        posts += changed->posts;
        const double ms = msSince(one);
        longest = std::max(longest, ms);
        total += ms;
        if ((from / batch) % 10 == 0)
            std::printf("  batch %lld: %.0f ms (%lld threads done)\n", static_cast<long long>(from / batch), ms,
                        static_cast<long long>(std::min(from + batch, limit)));
    }
    std::printf("anonymised %lld posts of %lld threads in batches of %d threads: %.0f ms in transactions, longest "
                "batch %.0f ms; %.0f ms reading terms ahead\n",
                static_cast<long long>(posts), static_cast<long long>(limit), batch, total, longest, reading);

    timer.restart();
    if (Status s = privacy::scrubFreedSpace(db, privacy::Vacuum::UntilDone); !s)
        return fail(QStringLiteral("scrub"), s.error());
    std::printf("scrub (with its VACUUM if the cache never had one): %.0f ms\n", msSince(timer));
    // A later scheduled run: one more batch, then its scrub without VACUUM.
    if (limit < expired->size()) {
        timer.restart();
        auto terms = privacy::readIndexedTerms(connection, expired->mid(limit, batch));
        if (!terms)
            return fail(QStringLiteral("read ahead"), terms.error());
        privacy::IndexedTerms later = std::move(terms).value();
        const double readLater = msSince(timer);
        timer.restart();
        Transaction transaction(connection);
        if (!transaction.started())
            return fail(QStringLiteral("begin"), transaction.startError());
        auto changed = privacy::anonymiseThreads(connection, expired->mid(limit, batch), &later);
        if (!changed)
            return fail(QStringLiteral("anonymise"), changed.error());
        if (Status s = transaction.commit(); !s)
            return fail(QStringLiteral("commit"), s.error());
        const double writing = msSince(timer);
        timer.restart();
        if (Status s = privacy::scrubFreedSpace(db, privacy::Vacuum::UntilDone); !s)
            return fail(QStringLiteral("scrub"), s.error());
        std::printf("a later run of %d threads: terms read ahead %.0f ms, transaction %.0f ms, scrub without VACUUM "
                    "%.0f ms\n",
                    batch, readLater, writing, msSince(timer));
    }

    // The daily cost from now on: the same limit finds the anonymised threads in its range and
    // passes them by.
    timer.restart();
    auto after = privacy::dryRunRetention(connection, policy, nowMs);
    if (!after)
        return fail(QStringLiteral("dry run after"), after.error());
    std::printf("dry run after the run: %lld threads in %.0f ms\n", static_cast<long long>(after->threads),
                msSince(timer));
    timer.restart();
    auto run = privacy::runRetention(db, policy, nowMs, Agent{QStringLiteral("bench"), QStringLiteral("bench")});
    if (!run)
        return fail(QStringLiteral("run after"), run.error());
    // Nothing to do after a whole run; with --threads, the rest of the expired threads.
    std::printf("runRetention after that: %lld threads anonymised, %s, in %.0f ms\n",
                static_cast<long long>(run->threads), run->scrubbed ? "scrubbed" : "no scrub", msSince(timer));
    return 0;
}
