// Import throughput from the interchange format, next to plain prepared INSERTs of the same posts
// in one transaction on the same machine.
//   bench_import [--posts N] [--threads N] [--first-thread N] [--cache PATH]
// --cache imports into that existing cache (migrated first if older; give it a copy, it is changed)
// instead of a fresh one; --first-thread numbers the synthetic threads from N, so that their ids do
// not meet those of a cache made by the same generator.

#include "SyntheticData.h"

#include "cache/OpenCache.h"
#include "fileimport/Importer.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>

using namespace sportello;

namespace {

QJsonObject toJson(const PostRecord &p)
{
    QJsonObject author{{QStringLiteral("id"), p.author.externalId},
                       {QStringLiteral("handle"), p.author.handle},
                       {QStringLiteral("name"), p.author.displayName},
                       {QStringLiteral("followers"), p.author.followerCount}};
    QJsonObject o{
        {QStringLiteral("channel"), toId(p.channel)},
        {QStringLiteral("thread_id"), p.threadExternalId},
        {QStringLiteral("post_id"), p.postExternalId},
        {QStringLiteral("author"), author},
        {QStringLiteral("direction"), toId(p.direction)},
        {QStringLiteral("visibility"), toId(p.visibility)},
        {QStringLiteral("created_at"), QDateTime::fromMSecsSinceEpoch(p.createdAtMs, Qt::UTC).toString(Qt::ISODate)},
        {QStringLiteral("text"), p.text}};
    if (!p.inReplyTo.isEmpty())
        o.insert(QStringLiteral("in_reply_to"), p.inReplyTo);
    if (p.category)
        o.insert(QStringLiteral("category"), toId(*p.category));
    return o;
}

// Plain prepared INSERTs of the same rows in one transaction, into `table` of a fresh cache.
double plainInsertRate(const QString &path, const QVector<PostRecord> &posts, bool intoRealSchema)
{
    auto db = openCache(path);
    if (!db)
        return -1;
    QSqlDatabase c = db.value()->connection();
    if (!intoRealSchema)
        (void)sql::exec(
            c, QStringLiteral(
                   "CREATE TABLE plain(channel TEXT, thread TEXT, external_id TEXT, in_reply_to TEXT, "
                   "author TEXT, direction TEXT, visibility TEXT, created_at INTEGER, text TEXT, category TEXT)"));
    else {
        // Authors and threads exist already, so the INSERT into posts is the only statement per post.
        (void)sql::exec(c, QStringLiteral("INSERT INTO authors(id, channel, external_id) VALUES(1, 'x', 'a')"));
        (void)sql::exec(
            c, QStringLiteral("INSERT INTO threads(id, channel, external_id, created_at) VALUES(1, 'x', 't', 0)"));
    }
    QElapsedTimer timer;
    timer.start();
    Transaction tx(c);
    QSqlQuery q(c);
    (void)sql::prepare(
        q, intoRealSchema
               ? QStringLiteral("INSERT INTO posts(thread_id, channel, external_id, in_reply_to, author_id, direction, "
                                "visibility, created_at, text, category) VALUES(1, ?, ?, ?, 1, ?, ?, ?, ?, ?)")
               : QStringLiteral("INSERT INTO plain VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const PostRecord &p : posts) {
        q.addBindValue(toId(p.channel));
        if (!intoRealSchema)
            q.addBindValue(p.threadExternalId);
        q.addBindValue(p.postExternalId);
        q.addBindValue(p.inReplyTo);
        if (!intoRealSchema)
            q.addBindValue(p.author.externalId);
        q.addBindValue(toId(p.direction));
        q.addBindValue(toId(p.visibility));
        q.addBindValue(p.createdAtMs);
        q.addBindValue(p.text);
        q.addBindValue(p.category ? toId(*p.category) : QString());
        if (!q.exec()) {
            std::fprintf(stderr, "insert failed: %s\n", qPrintable(q.lastError().text()));
            return -1;
        }
    }
    q.finish();
    if (!tx.commit())
        return -1;
    return posts.size() / (timer.nsecsElapsed() / 1e9);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("posts"), QStringLiteral("Posts to import."), QStringLiteral("N"), QStringLiteral("200000")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Threads they form."), QStringLiteral("N"),
                      QStringLiteral("50000")});
    parser.addOption({QStringLiteral("first-thread"), QStringLiteral("Number of the first thread."),
                      QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("cache"), QStringLiteral("Import into this existing cache (a copy: it is changed)."),
                      QStringLiteral("PATH")});
    parser.process(app);
    const int threads = parser.value(QStringLiteral("threads")).toInt();
    const int firstThread = parser.value(QStringLiteral("first-thread")).toInt();
    const int perThread = std::max(1, parser.value(QStringLiteral("posts")).toInt() / threads);

    QTemporaryDir dir;
    bench::SyntheticPosts synthetic;
    QVector<PostRecord> posts;
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(30) * 24 * 3600 * 1000;
    for (int t = firstThread; t < firstThread + threads; ++t)
        posts += synthetic.thread(t, perThread, start + (t - firstThread) * 10000LL, 0.5);
    const QString file = dir.filePath(QStringLiteral("posts.jsonl"));
    {
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly))
            return 1;
        for (const PostRecord &p : posts)
            out.write(QJsonDocument(toJson(p)).toJson(QJsonDocument::Compact) + '\n');
    }

    const double bare = plainInsertRate(dir.filePath(QStringLiteral("plain.sqlite")), posts, false);
    const double schema = plainInsertRate(dir.filePath(QStringLiteral("schema.sqlite")), posts, true);

    const QString target =
        parser.isSet(QStringLiteral("cache")) ? parser.value(QStringLiteral("cache")) : dir.filePath(QStringLiteral("import.sqlite"));
    auto db = openCache(target);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error()));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    const ImportReport report = importFile(*db.value(), file);
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (!report.ok) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error));
        return 1;
    }
    const double rate = report.postsAdded / seconds;
    std::printf("posts=%lld threads=%lld\n", static_cast<long long>(report.postsAdded),
                static_cast<long long>(report.threadsTouched));
    std::printf("import_posts_per_s=%.0f\n", rate);
    std::printf("plain_insert_bare_table_posts_per_s=%.0f (ratio %.2f)\n", bare, bare / rate);
    std::printf("plain_insert_posts_table_posts_per_s=%.0f (ratio %.2f)\n", schema, schema / rate);
    // The target: the import at least 0.6 times the bare-table rate of the same run.
    std::printf("import_vs_bare_table=%.2f\n", rate / bare);
    return 0;
}
