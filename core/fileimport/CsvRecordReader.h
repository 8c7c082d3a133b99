#pragma once
// An RFC 4180 CSV record reader over a device, streamed in chunks. Quoted fields may hold commas,
// doubled quotes and line breaks. Records end with LF or CRLF; a bare CR inside a field (quoted or
// not) is kept as text, as written by tools that do not quote such fields. A record longer than
// the limit is skipped up to the next line break and reported, without being held in memory.
// Internal to core/import.

#include <QByteArray>
#include <QString>
#include <QVector>

class QIODevice;

namespace sportello {

class CsvRecordReader {
public:
    enum class Outcome { Record, Invalid, End, Error };

    CsvRecordReader(QIODevice &device, qint64 maxRecordBytes);

    // Blank lines are skipped. On Record, fields() holds the raw (UTF-8, unvalidated) fields;
    // on Invalid, problem() says why the record was skipped.
    Outcome next();
    const QVector<QByteArray> &fields() const { return m_fields; }
    const QString &problem() const { return m_problem; }
    // The 1-based line where the record returned last starts.
    qint64 line() const { return m_recordLine; }
    QString errorString() const;

private:
    int get();  // next byte, or -1 at the end (or on error, see m_readError)
    int peek(); // next byte without consuming it
    bool fill();
    void skipToLineEnd();
    Outcome invalid(const QString &problem);

    QIODevice &m_device;
    qint64 m_maxRecordBytes;
    QByteArray m_chunk;
    qsizetype m_pos = 0;
    bool m_started = false;
    bool m_readError = false;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    QVector<QByteArray> m_fields;
    QString m_problem;
};

} // namespace sportello
