#include "TestSupport.h"
#include "cache/OpenCache.h"

#include "catch_compat.h"
#include "ingest/Ingestor.h"
#include "storage/Sql.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>

namespace sportello::test {

QString sharedDataDir() { return QStringLiteral(SPORTELLO_SHARED_DATA_DIR); }
QString testDataDir() { return QStringLiteral(SPORTELLO_TEST_DATA_DIR); }

TempCache::TempCache()
{
    REQUIRE(dir.isValid());
    path = dir.filePath(QStringLiteral("cache.sqlite"));
    auto opened = openCache(path);
    INFO(opened.error().toStdString());
    REQUIRE(opened.ok());
    db = std::move(opened).value();
}

qint64 utcMs(const char *iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    REQUIRE(t.isValid());
    return t.toMSecsSinceEpoch();
}

namespace {
PostRecord post(const QString &thread, const QString &id, qint64 at, const QString &text, Channel channel,
                Direction direction)
{
    PostRecord p;
    p.channel = channel;
    p.threadExternalId = thread;
    p.postExternalId = id;
    p.direction = direction;
    p.visibility = Visibility::Public;
    p.createdAtMs = at;
    p.text = text;
    if (direction == Direction::Inbound)
        p.author = {QStringLiteral("cust-") + thread, QStringLiteral("cliente_") + thread,
                    QStringLiteral("Cliente ") + thread, 120};
    else
        p.author = {QStringLiteral("company"), QStringLiteral("AssicuraSerena"), QStringLiteral("Assicura Serena"),
                    50000};
    return p;
}
} // namespace

PostRecord inboundPost(const QString &thread, const QString &id, qint64 at, const QString &text, Channel channel)
{
    return post(thread, id, at, text, channel, Direction::Inbound);
}

PostRecord outboundPost(const QString &thread, const QString &id, qint64 at, const QString &text, Channel channel)
{
    return post(thread, id, at, text, channel, Direction::Outbound);
}

void ingest(Database &db, const QVector<PostRecord> &posts)
{
    Ingestor ingestor(db);
    Status begun = ingestor.begin();
    INFO(begun.error().toStdString());
    REQUIRE(begun.ok());
    for (const PostRecord &p : posts) {
        Status added = ingestor.add(p);
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
    }
    Status committed = ingestor.commit();
    INFO(committed.error().toStdString());
    REQUIRE(committed.ok());
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

QVariant scalar(Database &db, const QString &statement)
{
    auto v = sql::scalar(db.connection(), statement);
    INFO(v.error().toStdString());
    REQUIRE(v.ok());
    return v.value();
}

qint64 checkFullTextCoversPosts(Database &db)
{
    // posts_fts is contentless: its docsize table holds one row per indexed rowid.
    const qint64 posts = scalar(db, QStringLiteral("SELECT count(*) FROM posts")).toLongLong();
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM posts_fts_docsize")).toLongLong() == posts);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM posts p WHERE NOT EXISTS "
                                    "(SELECT 1 FROM posts_fts_docsize d WHERE d.id = p.id)"))
              .toLongLong() == 0);
    QSqlQuery all(db.connection());
    all.setForwardOnly(true);
    REQUIRE(all.exec(QStringLiteral("SELECT id, text FROM posts ORDER BY id")));
    QSqlQuery match(db.connection());
    REQUIRE(match.prepare(QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ? AND rowid = ?")));
    static const QRegularExpression nonWord(QStringLiteral("[^\\p{L}\\p{N}]+"));
    qint64 checked = 0;
    while (all.next()) {
        QString longest;
        for (const QString &word : all.value(1).toString().split(nonWord, Qt::SkipEmptyParts))
            if (word.size() > longest.size())
                longest = word;
        if (longest.isEmpty())
            continue;
        match.addBindValue(QLatin1Char('"') + longest + QLatin1Char('"'));
        match.addBindValue(all.value(0));
        REQUIRE(match.exec());
        REQUIRE(match.next());
        INFO("post " << all.value(0).toLongLong() << ", word " << longest.toStdString());
        CHECK(match.value(0).toInt() == 1);
        ++checked;
    }
    return checked;
}

} // namespace sportello::test
