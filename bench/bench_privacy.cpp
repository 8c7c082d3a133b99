// What erasing one person costs on a large cache (docs/privacy.md, "Erasure"): the anonymising
// transaction (its full-text part apart), then the scrub (the full-text index merged, VACUUM, the
// log checkpointed and truncated), and erasePerson as a whole.
//   bench_privacy --cache PATH [--runs N]
// The cache is WRITTEN: give a copy (cp bench1m.sqlite /tmp/erase.sqlite). Each run erases another
// person, an author of inbound posts picked at a fixed spread over the posts, and their linked
// identities.

#include "cache/OpenCache.h"
#include "privacy/Erasure.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>
#include <cstdio>

using namespace sportello;

namespace {

double msSince(const QElapsedTimer &timer) { return static_cast<double>(timer.nsecsElapsed()) / 1e6; }

double mib(const QString &path) { return static_cast<double>(QFileInfo(path).size()) / 1048576.0; }

bool check(const Status &s, const char *what)
{
    if (!s)
        std::fprintf(stderr, "bench_privacy: %s: %s\n", what, qPrintable(s.error()));
    return s.ok();
}

// The author of the inbound post at this fraction of the posts, with its channel and id.
bool pickPerson(Database &db, double fraction, qint64 &id, QString &channel, QString &externalId)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT a.id, a.channel, a.external_id FROM posts p JOIN authors a ON a.id = "
                               "p.author_id WHERE p.id >= (SELECT CAST(max(id) * %1 AS INTEGER) FROM posts) AND "
                               "p.direction = 'inbound' AND a.external_id NOT LIKE 'erased:%' ORDER BY p.id LIMIT 1")
                    .arg(fraction)) ||
        !q.next())
        return false;
    id = q.value(0).toLongLong();
    channel = q.value(1).toString();
    externalId = q.value(2).toString();
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption cacheOption(QStringLiteral("cache"), QStringLiteral("A copy of a cache: it is written."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("People erased (default 3)."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    parser.addOption(cacheOption);
    parser.addOption(runsOption);
    parser.process(app);
    const QString path = parser.value(cacheOption);
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        std::fprintf(stderr, "bench_privacy: give a copy of a cache with --cache PATH\n");
        return 2;
    }
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QElapsedTimer timer;
    timer.start();
    Database::Options options;
    options.createIfMissing = false;
    auto opened = openCache(path, options);
    if (!opened) {
        std::fprintf(stderr, "bench_privacy: %s\n", qPrintable(opened.error()));
        return 1;
    }
    Database &db = *opened.value();
    const QSqlDatabase connection = db.connection();
    std::printf("cache %s, %.1f MiB, opened (and migrated) in %.0f ms\n", qPrintable(path), mib(path), msSince(timer));
    // The scrub alone once, on the cache as it came: what a retention run or a team erasure pays after
    // its own transaction.
    timer.restart();
    if (!check(privacy::scrubFreedSpace(db), "scrub"))
        return 1;
    std::printf("scrubFreedSpace on the untouched cache: %.0f ms, %.1f MiB after\n", msSince(timer), mib(path));

    for (int run = 0; run < runs; ++run) {
        qint64 author = 0;
        QString channel, externalId;
        if (!pickPerson(db, (run + 1.0) / (runs + 1.0), author, channel, externalId)) {
            std::fprintf(stderr, "bench_privacy: no author to erase\n");
            return 1;
        }
        // The anonymising transaction alone, its full-text deletion included, rolled back: the
        // same person is then erased for real by erasePerson.
        timer.restart();
        privacy::ErasureCounts counts;
        {
            Transaction transaction(connection);
            if (!transaction.started())
                return 1;
            auto person = privacy::personAuthors(connection, author);
            auto anonymised = person ? privacy::anonymiseAuthors(connection, *person)
                                     : Result<privacy::ErasureCounts>(person.failure());
            if (!anonymised)
                return check(anonymised.failure(), "anonymise") ? 0 : 1;
            counts = *anonymised;
            transaction.rollback();
        }
        const double anonymise = msSince(timer);

        timer.restart();
        auto erased =
            privacy::erasePerson(db, channel, externalId, Agent{QStringLiteral("bench"), QStringLiteral("Bench")},
                                 QStringLiteral("benchmark"));
        if (!erased)
            return check(erased.failure(), "erasePerson") ? 0 : 1;
        const double whole = msSince(timer);

        // The scrub's parts, on the cache just erased (the same work as the scrub above).
        timer.restart();
        if (!check(sql::exec(connection, QStringLiteral("INSERT INTO posts_fts(posts_fts) VALUES('optimize')")),
                   "optimize"))
            return 1;
        const double optimize = msSince(timer);
        timer.restart();
        if (!check(sql::exec(connection, QStringLiteral("VACUUM")), "vacuum"))
            return 1;
        const double vacuum = msSince(timer);
        timer.restart();
        if (!check(sql::exec(connection, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")), "checkpoint"))
            return 1;
        const double checkpoint = msSince(timer);

        std::printf("run %d: %lld authors, %lld posts, %lld threads; anonymising transaction %.0f ms; erasePerson "
                    "%.0f ms; scrub parts again: optimize %.0f ms, VACUUM %.0f ms, checkpoint %.0f ms; %.1f MiB\n",
                    run + 1, static_cast<long long>(counts.authors), static_cast<long long>(counts.posts),
                    static_cast<long long>(counts.threads), anonymise, whole, optimize, vacuum, checkpoint, mib(path));
    }
    return 0;
}
