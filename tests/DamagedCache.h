#pragma once
// Damaged caches for the tests: a sound cache written and closed (its write-ahead log folded in),
// then one header field or one table's page overwritten, as a disk or a copy gone wrong would.

#include "TestSupport.h"
#include "catch_compat.h"

#include "cache/OpenCache.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QByteArray>
#include <QFile>
#include <QPair>
#include <QString>
#include <QVector>

namespace sportello::test {

// Three waiting threads with a post each, vacuumed (an empty freelist) and closed.
inline void writeSoundCache(const QString &path, bool vacuum = true)
{
    auto opened = openCache(path);
    REQUIRE(opened.ok());
    ingest(*opened.value(), {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), 1772438400000),
                             inboundPost(QStringLiteral("t2"), QStringLiteral("p2"), 1772438460000),
                             inboundPost(QStringLiteral("t3"), QStringLiteral("p3"), 1772438520000)});
    if (vacuum)
        REQUIRE(sql::exec(opened.value()->connection(), QStringLiteral("VACUUM")).ok());
}

inline void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(bytes) == bytes.size());
}

// The header damages the open-time check claims to catch, for a cache with an empty freelist:
// every byte of the freelist's first trunk page (32..35) and count (36..39) and the most
// significant byte of the database size (28), each changed to several values.
inline QVector<QPair<int, quint8>> headerDamages(const QByteArray &sound)
{
    QVector<QPair<int, quint8>> damages;
    QVector<int> offsets{28};
    for (int offset = 32; offset < 40; ++offset)
        offsets << offset;
    for (int offset : offsets) {
        const auto was = static_cast<quint8>(sound.at(offset));
        for (quint8 value : {static_cast<quint8>(was ^ 0x01U), static_cast<quint8>(was ^ 0x80U), quint8{0xFF}})
            if (value != was)
                damages.append({offset, value});
    }
    return damages;
}

inline QByteArray withByte(QByteArray bytes, int offset, quint8 value)
{
    bytes[offset] = static_cast<char>(value);
    return bytes;
}

// Overwrites the root page of `table` in the closed cache at `path` with junk.
inline void wreckTable(const QString &path, const QString &table)
{
    qint64 root = 0;
    qint64 pageSize = 0;
    {
        auto opened = openCache(path);
        REQUIRE(opened.ok());
        root =
            scalar(*opened.value(),
                   QStringLiteral("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = '%1'").arg(table))
                .toLongLong();
        pageSize = scalar(*opened.value(), QStringLiteral("PRAGMA page_size")).toLongLong();
    }
    REQUIRE(root > 1);
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadWrite));
    REQUIRE(file.seek((root - 1) * pageSize));
    REQUIRE(file.write(QByteArray(static_cast<int>(pageSize), '\xA5')) == pageSize);
}

} // namespace sportello::test
