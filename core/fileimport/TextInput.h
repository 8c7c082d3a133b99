#pragma once
// Reading text files safely: UTF-8 validation and a line reader that never holds more than a
// fixed number of bytes, whatever the file contains. Internal to core/import.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QIODevice;

namespace sportello {

// -1 when the bytes are UTF-8 text without NUL bytes, else the offset of the first bad byte.
qsizetype firstNonTextByte(const char *data, qsizetype size);
inline qsizetype firstNonTextByte(const QByteArray &bytes) { return firstNonTextByte(bytes.constData(), bytes.size()); }
// The reason for a person: "not UTF-8 text: ..." naming the bad byte, where it is (`where`, for
// example "at byte 12 of the line") and the likely cause.
QString describeNonText(char badByte, const QString &where);

// Valid UTF-8 to text, every character kept: QString::fromUtf8 drops a byte order mark (U+FEFF)
// at the start of what it decodes, which would silently change an id or a text.
QString utf8Exactly(QByteArrayView bytes);

// Reads a device line by line. Lines end with LF or CRLF; the UTF-8 byte order mark at the start
// of the file is dropped. A line longer than the limit is skipped up to its end and reported as
// TooLong, using no more memory than the limit.
class LineReader {
public:
    enum class Outcome { Line, TooLong, End, Error };

    LineReader(QIODevice &device, qint64 maxLineBytes);

    // `line` stays valid until the next call.
    Outcome next(QByteArray &line);
    // The 1-based number of the line returned last.
    qint64 lineNumber() const { return m_lineNumber; }
    QString errorString() const;

private:
    QIODevice &m_device;
    QByteArray m_buffer;
    qint64 m_maxLineBytes;
    qint64 m_lineNumber = 0;
};

} // namespace sportello
