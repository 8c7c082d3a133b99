#include "fileimport/CsvRecordReader.h"

#include <QCoreApplication>
#include <QIODevice>

namespace sportello {

namespace {
constexpr qint64 kChunkBytes = 64 * 1024;
} // namespace

CsvRecordReader::CsvRecordReader(QIODevice &device, qint64 maxRecordBytes)
    : m_device(device), m_maxRecordBytes(maxRecordBytes)
{}

bool CsvRecordReader::fill()
{
    if (m_pos < m_chunk.size())
        return true;
    if (m_readError || m_device.atEnd())
        return false;
    m_chunk.resize(kChunkBytes);
    const qint64 read = m_device.read(m_chunk.data(), kChunkBytes);
    if (read < 0) {
        m_readError = true;
        m_chunk.clear();
        return false;
    }
    m_chunk.resize(read);
    m_pos = 0;
    if (!m_started) {
        m_started = true;
        if (m_chunk.startsWith("\xEF\xBB\xBF"))
            m_pos = 3; // UTF-8 byte order mark
    }
    return m_pos < m_chunk.size();
}

int CsvRecordReader::get()
{
    if (!fill())
        return -1;
    const auto c = static_cast<unsigned char>(m_chunk[m_pos++]);
    if (c == '\n')
        ++m_line;
    return c;
}

int CsvRecordReader::peek()
{
    if (!fill())
        return -1;
    return static_cast<unsigned char>(m_chunk[m_pos]);
}

void CsvRecordReader::skipToLineEnd()
{
    for (int c = get(); c != -1 && c != '\n'; c = get()) {
    }
}

CsvRecordReader::Outcome CsvRecordReader::invalid(const QString &problem)
{
    m_problem = problem;
    m_fields.clear();
    return Outcome::Invalid;
}

CsvRecordReader::Outcome CsvRecordReader::next()
{
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    for (;;) {
        m_fields.clear();
        m_problem.clear();
        if (peek() == -1)
            return m_readError ? Outcome::Error : Outcome::End;
        m_recordLine = m_line;
        QByteArray field;
        State state = State::FieldStart;
        qint64 bytes = 0;
        bool blank = true;
        bool ended = false;
        while (!ended) {
            const int c = get();
            if (c == -1) {
                if (m_readError)
                    return Outcome::Error;
                if (state == State::Quoted)
                    return invalid(QCoreApplication::translate(
                        "Import", "a quoted field that starts here is not closed before the end of the file"));
                break;
            }
            if (++bytes > m_maxRecordBytes) {
                if (c != '\n')
                    skipToLineEnd();
                return invalid(QCoreApplication::translate(
                                   "Import",
                                   "record too long (over %1 bytes; is a quote left open?); it was skipped up to "
                                   "the next line break")
                                   .arg(m_maxRecordBytes));
            }
            // CRLF ends a record outside quotes; a bare CR is text.
            const bool lineEnd = c == '\n' || (c == '\r' && peek() == '\n');
            switch (state) {
            case State::FieldStart:
            case State::Unquoted:
                if (lineEnd) {
                    if (c == '\r')
                        get();
                    ended = true;
                } else if (c == ',') {
                    m_fields.append(field);
                    field.clear();
                    state = State::FieldStart;
                    blank = false;
                } else if (c == '"' && state == State::FieldStart) {
                    state = State::Quoted;
                    blank = false;
                } else {
                    field.append(char(c));
                    state = State::Unquoted;
                    if (c != ' ' && c != '\t')
                        blank = false;
                }
                break;
            case State::Quoted:
                if (c == '"')
                    state = State::QuoteInQuoted;
                else
                    field.append(char(c));
                break;
            case State::QuoteInQuoted:
                if (c == '"') {
                    field.append('"');
                    state = State::Quoted;
                } else if (c == ',') {
                    m_fields.append(field);
                    field.clear();
                    state = State::FieldStart;
                } else if (lineEnd) {
                    if (c == '\r')
                        get();
                    ended = true;
                } else {
                    if (c != '\n')
                        skipToLineEnd();
                    return invalid(
                        QCoreApplication::translate("Import", "unexpected text after the closing quote of field %1")
                            .arg(m_fields.size() + 1));
                }
                break;
            }
        }
        if (blank)
            continue;
        m_fields.append(field);
        return Outcome::Record;
    }
}

QString CsvRecordReader::errorString() const { return m_device.errorString(); }

} // namespace sportello
