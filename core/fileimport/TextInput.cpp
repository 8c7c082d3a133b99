#include "fileimport/TextInput.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QStringDecoder>

namespace sportello {

qsizetype firstNonTextByte(const char *data, qsizetype size)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data);
    qsizetype i = 0;
    const auto continuation = [&](qsizetype at, unsigned char low = 0x80, unsigned char high = 0xBF) {
        return at < size && bytes[at] >= low && bytes[at] <= high;
    };
    while (i < size) {
        const unsigned char c = bytes[i];
        if (c >= 0x01 && c <= 0x7F) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            if (!continuation(i + 1))
                return i;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            // No overlong forms (E0 needs A0..BF) and no surrogates (ED needs 80..9F).
            const unsigned char low = c == 0xE0 ? 0xA0 : 0x80;
            const unsigned char high = c == 0xED ? 0x9F : 0xBF;
            if (!continuation(i + 1, low, high) || !continuation(i + 2))
                return i;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            // No overlong forms (F0 needs 90..BF) and nothing past U+10FFFF (F4 needs 80..8F).
            const unsigned char low = c == 0xF0 ? 0x90 : 0x80;
            const unsigned char high = c == 0xF4 ? 0x8F : 0xBF;
            if (!continuation(i + 1, low, high) || !continuation(i + 2) || !continuation(i + 3))
                return i;
            i += 4;
        } else {
            return i; // NUL, a stray continuation byte, C0/C1 or F5..FF
        }
    }
    return -1;
}

QString describeNonText(char badByte, const QString &where)
{
    if (badByte == '\0')
        return QCoreApplication::translate("Import", "not UTF-8 text: NUL byte %1 (binary data, or text in UTF-16)")
            .arg(where);
    return QCoreApplication::translate("Import", "not UTF-8 text: byte 0x%1 %2 (if the file is in Latin-1 or "
                                                 "Windows-1252, save it as UTF-8)")
        .arg(QString::number(static_cast<unsigned char>(badByte), 16).toUpper(), where);
}

QString utf8Exactly(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::ConvertInitialBom | QStringDecoder::Flag::Stateless);
    return decoder(bytes);
}

LineReader::LineReader(QIODevice &device, qint64 maxLineBytes) : m_device(device), m_maxLineBytes(maxLineBytes)
{
    // Room for one byte past the limit, so that "too long" can be told from "exactly the limit".
    m_buffer.resize(maxLineBytes + 2);
}

LineReader::Outcome LineReader::next(QByteArray &line)
{
    if (m_device.atEnd())
        return Outcome::End;
    char *data = m_buffer.data();
    const qint64 read = m_device.readLine(data, m_maxLineBytes + 2);
    if (read < 0)
        return Outcome::Error;
    ++m_lineNumber;
    qint64 length = read;
    const bool complete = length > 0 && data[length - 1] == '\n';
    if (!complete && length > m_maxLineBytes) {
        // Skip the rest of the line, a buffer at a time.
        while (!m_device.atEnd()) {
            const qint64 more = m_device.readLine(data, m_maxLineBytes + 2);
            if (more < 0)
                return Outcome::Error;
            if (more > 0 && data[more - 1] == '\n')
                break;
        }
        line.clear();
        return Outcome::TooLong;
    }
    if (complete) {
        --length;
        if (length > 0 && data[length - 1] == '\r')
            --length;
    }
    qint64 start = 0;
    if (m_lineNumber == 1 && length >= 3 && data[0] == '\xEF' && data[1] == '\xBB' && data[2] == '\xBF')
        start = 3;
    line = QByteArray::fromRawData(data + start, length - start);
    return Outcome::Line;
}

QString LineReader::errorString() const { return m_device.errorString(); }

} // namespace sportello
