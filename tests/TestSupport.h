#pragma once
// Helpers shared by the tests: temporary caches, sample posts, the shared data folder.

#include "ingest/PostRecord.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QString>
#include <QTemporaryDir>
#include <QVariant>
#include <memory>

namespace sportello::test {

// Path of ../shared/data (set by CMake), where the real public test data lives.
QString sharedDataDir();
// Path of tests/data in the source tree.
QString testDataDir();

// A fresh cache in a temporary folder that disappears with the object.
struct TempCache {
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    QString path;
    TempCache();
};

qint64 utcMs(const char *iso);

PostRecord inboundPost(const QString &thread, const QString &id, qint64 createdAtMs,
                       const QString &text = QStringLiteral("Buongiorno, ho un problema con la polizza"),
                       Channel channel = Channel::Facebook);
PostRecord outboundPost(const QString &thread, const QString &id, qint64 createdAtMs,
                        const QString &text = QStringLiteral("Ci scriva in privato, grazie"),
                        Channel channel = Channel::Facebook);

// Adds the posts in one ingest batch; fails the test on error.
void ingest(Database &db, const QVector<PostRecord> &posts);

QByteArray fileBytes(const QString &path);

// The one value a query returns; fails the test on a database error.
QVariant scalar(Database &db, const QString &statement);

// Checks that the full-text index covers exactly the stored posts: one index row per post and
// none for a post that is not there, and each post's longest word found under that post's id
// (so a writer of posts that forgets its full-text row fails). Returns the posts checked.
qint64 checkFullTextCoversPosts(Database &db);

} // namespace sportello::test
