#pragma once
// Reader for Sportello's JSON Lines interchange format (docs/interchange-format.md): one post per
// line, streamed, never more than one line (at most kMaxRecordBytes) in memory.

#include "common/Result.h"
#include "ingest/PostRecord.h"

#include <QByteArray>

class QIODevice;

namespace sportello {

class RecordSink;

class JsonLinesReader {
public:
    JsonLinesReader(QIODevice &device, qint64 timeShiftMs);

    // Reads to the end, handing every post and every invalid line to the sink. Fails only when
    // the device cannot be read or the sink fails; invalid lines are not failures here.
    Status read(RecordSink &sink);
    // Non-blank lines seen, valid or not.
    qint64 recordsSeen() const { return m_records; }

    // One line (without its line break) to a post, or the reason it is invalid.
    static Result<PostRecord> parseLine(const QByteArray &line, qint64 timeShiftMs = 0);

private:
    QIODevice &m_device;
    qint64 m_timeShiftMs;
    qint64 m_records = 0;
};

} // namespace sportello
