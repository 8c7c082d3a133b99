#pragma once
// Reader for the public "Customer Support on Twitter" CSV (columns tweet_id, author_id, inbound,
// created_at, text, response_tweet_id, in_response_to_tweet_id; other columns are ignored).
//
// Threads are rebuilt from the reply links: a post's thread is the topmost post reached by
// following in_response_to_tweet_id within the file. That needs the whole file's links, so the
// file is read twice: the first pass checks every record and keeps only a map of ids to parent
// ids and roots (about 40 bytes a post); the second hands the posts to the sink with their threads.
// The device must therefore be seekable (a file is).

#include "common/Result.h"
#include "ingest/PostRecord.h"

#include <QHash>
#include <QStringList>
#include <QVector>
#include <array>

class QIODevice;

namespace sportello {

class CsvRecordReader;
class RecordSink;

class TwcsCsvReader {
public:
    TwcsCsvReader(QIODevice &device, qint64 timeShiftMs);

    // Reads the file, handing every invalid record (first pass) and every post (second pass) to
    // the sink. Fails when the header lacks a column, the device cannot be read or the sink fails.
    Status read(RecordSink &sink);
    // Records seen after the header, valid or not.
    qint64 recordsSeen() const { return m_records; }
    // False when the file held nothing at all, not even a header.
    bool headerSeen() const { return m_headerSeen; }

    static QStringList requiredColumns();
    // "3" and "3.0" give 3; "3.5", "-3", "x" are refused.
    static Result<qint64> parseId(QByteArrayView text);

private:
    // Where each required column is in a record (in the order of requiredColumns()), and how many
    // fields a record has.
    struct Columns {
        std::array<int, 7> index{-1, -1, -1, -1, -1, -1, -1};
        qsizetype count = 0;
    };
    struct Row {
        qint64 id = 0;
        qint64 parent = -1;
        QString author;
        bool inbound = true;
        qint64 createdAtMs = 0;
        QString text;
    };

    Result<Columns> readHeader(CsvRecordReader &records);
    Result<Row> parseRow(const QVector<QByteArray> &fields, const Columns &columns) const;
    qint64 rootOf(qint64 id);

    QIODevice &m_device;
    qint64 m_timeShiftMs;
    qint64 m_records = 0;
    bool m_headerSeen = false;
    // Every valid tweet id -> its in_response_to id and (once known) its thread's root:
    // about 40 bytes a post.
    struct Link {
        qint64 parent;
        qint64 root;
    };
    QHash<qint64, Link> m_links;
};

} // namespace sportello
