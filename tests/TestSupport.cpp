#include "TestSupport.h"
#include "cache/OpenCache.h"

#include "catch_compat.h"
#include "ingest/Ingestor.h"
#include "storage/Sql.h"

#include <QFile>

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

} // namespace sportello::test
