#pragma once
// CSV files that open right in Excel and LibreOffice (docs/reports.md): RFC 4180 quoting, UTF-8
// with a byte-order mark, the delimiter and decimal separator of the reader's locale, ISO 8601
// times with their offset, a guard against formula injection in text fields, and an atomic
// write (QSaveFile) that leaves no partial file when anything fails. Rows are streamed through a
// small buffer, so memory stays flat whatever the number of rows.

#include "common/Result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QHash>
#include <QString>
#include <QTimeZone>
#include <memory>

namespace sportello {

struct CsvFormat {
    char delimiter = ',';
    bool decimalComma = false;
    bool byteOrderMark = true;

    // Italian: ';' and decimal comma (what Excel and LibreOffice expect with Italian settings);
    // English: ',' and decimal point.
    static CsvFormat forLanguage(const QString &language);
    // "," ";" "tab" (or a tab character); nullopt for anything else.
    static std::optional<char> parseDelimiter(const QString &text);
};

// Keyed hash of author handles and names, stable within one export and unlinkable across
// exports: HMAC-SHA256 with a random key made for each export and never stored.
class Pseudonymiser {
public:
    Pseudonymiser(); // random key
    explicit Pseudonymiser(QByteArray key);
    // "user-" and 16 hex digits; an empty input stays empty.
    QString pseudonym(const QString &value) const;
    // "id-" and 16 hex digits, for platform post and thread ids (case kept: ids are exact).
    QString idPseudonym(const QString &id) const;
    // The text with every @mention replaced by the pseudonym of the mentioned handle.
    QString maskMentions(const QString &text) const;

private:
    QByteArray m_key;
};

// Formats epoch milliseconds as ISO 8601 in a zone, with its offset ("2026-03-06T17:50:00+01:00").
// Zone offsets are cached by quarter hour: converting through QDateTime for every row of a large
// export would cost more than everything else together.
class IsoTimeFormatter {
public:
    explicit IsoTimeFormatter(const QTimeZone &zone) : m_zone(zone) {}
    void append(QByteArray &out, qint64 utcMs);
    QString format(qint64 utcMs);
    // Seconds east of UTC at that moment.
    int offsetSeconds(qint64 utcMs);

private:
    QTimeZone m_zone;
    QHash<qint64, int> m_offsets;
};

class CsvWriter {
public:
    CsvWriter(const QString &path, CsvFormat format);
    ~CsvWriter();
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &operator=(const CsvWriter &) = delete;

    // Opens the temporary file beside the target; fails with the folder and the reason.
    Status open();

    // Fields of the current row, in order.
    void text(const QString &value); // quoted when needed, formula triggers guarded
    // A platform id: text as above, but an id of digits only gets a leading "'" so that a
    // spreadsheet keeps all 19 digits of an X id instead of reading 1.23E+18.
    void identifier(const QString &value);
    void integer(qint64 value);
    void null(); // an empty field
    // A decimal with at most `decimals` digits after the separator (trailing zeros dropped).
    void decimal(double value, int decimals);
    // Milliseconds as minutes with two decimals at most.
    void minutesFromMs(qint64 ms);
    void timestamp(qint64 utcMs, IsoTimeFormatter &formatter);
    // Ends the row (CRLF, as RFC 4180 says); writes the buffer out when it is full.
    Status endRow();

    // Writes what is left and renames the file into place; nothing is left behind on failure.
    Status commit();
    // Abandons the file: the target is untouched.
    void cancel();

    const QString &path() const { return m_path; }
    qint64 rowsWritten() const { return m_rows; }

    // The field as it is written: a leading '=', '+', '-', '@', tab or CR gets a "'" in front, then
    // RFC 4180 quoting if it holds the delimiter, a quote, CR or LF.
    static QByteArray encodeText(const QString &value, char delimiter);

private:
    Status flush();
    Error writeError() const;
    void separator();

    QString m_path;
    CsvFormat m_format;
    // A QSaveFile, or a plain QFile for a device such as /dev/stdout, which cannot be renamed into.
    std::unique_ptr<QFileDevice> m_file;
    bool m_direct = false;
    QByteArray m_buffer;
    bool m_rowStarted = false;
    bool m_failed = false;
    QString m_failure;
    qint64 m_rows = 0;
};

} // namespace sportello
