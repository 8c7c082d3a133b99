#include "report/CsvWriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSaveFile>
#include <algorithm>
#include <cmath>

namespace sportello {

namespace {

constexpr qsizetype kFlushBytes = 256 * 1024;
constexpr qint64 kQuarterHourMs = 15 * 60 * 1000;

// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
void civilFromDays(qint64 days, int &year, int &month, int &day)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = int(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

void appendDigits(QByteArray &out, qint64 value, int width)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value > 0 || n < width);
    while (n > 0)
        out += digits[--n];
}

// A non-negative fixed-point number (`scaled` in units of 10^-decimals), trailing zeros dropped.
void appendFixed(QByteArray &out, qint64 scaled, int decimals, char point)
{
    if (scaled < 0) {
        out += '-';
        scaled = -scaled;
    }
    qint64 unit = 1;
    for (int i = 0; i < decimals; ++i)
        unit *= 10;
    appendDigits(out, scaled / unit, 1);
    qint64 fraction = scaled % unit;
    if (fraction == 0)
        return;
    int width = decimals;
    while (fraction % 10 == 0) {
        fraction /= 10;
        --width;
    }
    out += point;
    appendDigits(out, fraction, width);
}

bool isFormulaTrigger(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') ||
           c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

bool isHandleChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.'); }

} // namespace

CsvFormat CsvFormat::forLanguage(const QString &language)
{
    CsvFormat format;
    if (language.startsWith(QLatin1String("it"))) {
        format.delimiter = ';';
        format.decimalComma = true;
    }
    return format;
}

std::optional<char> CsvFormat::parseDelimiter(const QString &text)
{
    if (text == QLatin1String(",") || text == QLatin1String("comma"))
        return ',';
    if (text == QLatin1String(";") || text == QLatin1String("semicolon"))
        return ';';
    if (text == QLatin1String("tab") || text == QLatin1String("\t") || text == QLatin1String("\\t"))
        return '\t';
    return std::nullopt;
}

Pseudonymiser::Pseudonymiser() : m_key(32, '\0')
{
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_key.data()), m_key.size() / 4);
}

Pseudonymiser::Pseudonymiser(QByteArray key) : m_key(std::move(key)) {}

QString Pseudonymiser::pseudonym(const QString &value) const
{
    if (value.isEmpty())
        return {};
    // Handles are case-insensitive on every channel we read.
    const QByteArray mac =
        QMessageAuthenticationCode::hash(value.toCaseFolded().toUtf8(), m_key, QCryptographicHash::Sha256);
    return QStringLiteral("user-") + QString::fromLatin1(mac.left(8).toHex());
}

QString Pseudonymiser::idPseudonym(const QString &id) const
{
    if (id.isEmpty())
        return {};
    // A prefix of its own keeps an id from ever hashing to the same text as a handle.
    const QByteArray mac = QMessageAuthenticationCode::hash("id:" + id.toUtf8(), m_key, QCryptographicHash::Sha256);
    return QStringLiteral("id-") + QString::fromLatin1(mac.left(8).toHex());
}

QString Pseudonymiser::maskMentions(const QString &text) const
{
    if (!text.contains(QLatin1Char('@')))
        return text;
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        if (text.at(i) == QLatin1Char('@') && (i == 0 || !isHandleChar(text.at(i - 1)))) {
            qsizetype end = i + 1;
            while (end < text.size() && isHandleChar(text.at(end)))
                ++end;
            if (end > i + 1) {
                result += QLatin1Char('@') + pseudonym(text.mid(i + 1, end - i - 1));
                i = end;
                continue;
            }
        }
        result += text.at(i++);
    }
    return result;
}

int IsoTimeFormatter::offsetSeconds(qint64 utcMs)
{
    const qint64 bucket = utcMs >= 0 ? utcMs / kQuarterHourMs : (utcMs - kQuarterHourMs + 1) / kQuarterHourMs;
    auto it = m_offsets.constFind(bucket);
    if (it != m_offsets.constEnd())
        return *it;
    const int offset = m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(bucket * kQuarterHourMs, Qt::UTC));
    if (m_offsets.size() > 200000) // a very long export: keep the cache bounded
        m_offsets.clear();
    m_offsets.insert(bucket, offset);
    return offset;
}

void IsoTimeFormatter::append(QByteArray &out, qint64 utcMs)
{
    const int offset = offsetSeconds(utcMs);
    qint64 local = utcMs + qint64(offset) * 1000;
    qint64 days = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
    qint64 msOfDay = local - days * 86400000;
    int year, month, day;
    civilFromDays(days, year, month, day);
    appendDigits(out, year, 4);
    out += '-';
    appendDigits(out, month, 2);
    out += '-';
    appendDigits(out, day, 2);
    out += 'T';
    appendDigits(out, msOfDay / 3600000, 2);
    out += ':';
    appendDigits(out, msOfDay / 60000 % 60, 2);
    out += ':';
    appendDigits(out, msOfDay / 1000 % 60, 2);
    if (offset == 0) {
        out += 'Z';
        return;
    }
    const int magnitude = std::abs(offset);
    out += offset < 0 ? '-' : '+';
    appendDigits(out, magnitude / 3600, 2);
    out += ':';
    appendDigits(out, magnitude / 60 % 60, 2);
}

QString IsoTimeFormatter::format(qint64 utcMs)
{
    QByteArray out;
    append(out, utcMs);
    return QString::fromLatin1(out);
}

CsvWriter::CsvWriter(const QString &path, CsvFormat format) : m_path(path), m_format(format) {}

CsvWriter::~CsvWriter() { cancel(); }

Status CsvWriter::open()
{
    const QFileInfo target(m_path);
    if (target.isDir())
        return Error{QCoreApplication::translate("Report", "Cannot write %1: it is a folder.")
                         .arg(QDir::toNativeSeparators(m_path)),
                     ErrorKind::Io};
    if (!target.absoluteDir().exists())
        return Error{QCoreApplication::translate("Report", "Cannot write %1: the folder %2 does not exist.")
                         .arg(QDir::toNativeSeparators(m_path), QDir::toNativeSeparators(target.absolutePath())),
                     ErrorKind::Io};
    // QSaveFile would rename its temporary file over a device (root may write /dev): a device
    // is written in place, where there is no partial file to leave anyway.
    m_direct = target.exists() && !target.isFile();
    if (m_direct)
        m_file = std::make_unique<QFile>(m_path);
    else
        m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        return Error{
            QCoreApplication::translate("Report", "Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), reason),
            ErrorKind::Io};
    }
    m_buffer.reserve(kFlushBytes + 64 * 1024);
    if (m_format.byteOrderMark)
        m_buffer += "\xEF\xBB\xBF";
    return {};
}

void CsvWriter::separator()
{
    if (m_rowStarted)
        m_buffer += m_format.delimiter;
    m_rowStarted = true;
}

QByteArray CsvWriter::encodeText(const QString &value, char delimiter)
{
    QByteArray bytes;
    if (!value.isEmpty() && isFormulaTrigger(value.front()))
        bytes += '\'';
    bytes += value.toUtf8();
    bool quote = false;
    for (char c : bytes) {
        if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote)
        return bytes;
    QByteArray quoted;
    quoted.reserve(bytes.size() + 8);
    quoted += '"';
    for (char c : bytes) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void CsvWriter::text(const QString &value)
{
    separator();
    m_buffer += encodeText(value, m_format.delimiter);
}

void CsvWriter::identifier(const QString &value)
{
    const bool digitsOnly = !value.isEmpty() && std::all_of(value.cbegin(), value.cend(), [](QChar c) {
        return c >= QLatin1Char('0') && c <= QLatin1Char('9');
    });
    if (!digitsOnly) {
        text(value);
        return;
    }
    separator();
    m_buffer += '\'';
    m_buffer += value.toLatin1();
}

void CsvWriter::integer(qint64 value)
{
    separator();
    if (value < 0) {
        m_buffer += '-';
        appendDigits(m_buffer, -value, 1);
    } else {
        appendDigits(m_buffer, value, 1);
    }
}

void CsvWriter::null() { separator(); }

void CsvWriter::decimal(double value, int decimals)
{
    separator();
    if (!std::isfinite(value))
        return;
    appendFixed(m_buffer, std::llround(value * std::pow(10.0, decimals)), decimals, m_format.decimalComma ? ',' : '.');
}

void CsvWriter::minutesFromMs(qint64 ms)
{
    separator();
    // Hundredths of a minute are 600 ms; round half away from zero.
    const qint64 hundredths = ms >= 0 ? (ms + 300) / 600 : -((-ms + 300) / 600);
    appendFixed(m_buffer, hundredths, 2, m_format.decimalComma ? ',' : '.');
}

void CsvWriter::timestamp(qint64 utcMs, IsoTimeFormatter &formatter)
{
    separator();
    formatter.append(m_buffer, utcMs);
}

Status CsvWriter::endRow()
{
    m_buffer += "\r\n";
    m_rowStarted = false;
    ++m_rows;
    if (m_buffer.size() >= kFlushBytes)
        return flush();
    return {};
}

Error CsvWriter::writeError() const
{
    return Error{QCoreApplication::translate("Report", "Cannot write %1: %2. Nothing was saved.")
                     .arg(QDir::toNativeSeparators(m_path), m_failure),
                 ErrorKind::Io};
}

Status CsvWriter::flush()
{
    if (m_failed)
        return writeError();
    if (!m_file)
        return Error{QCoreApplication::translate("Report", "Cannot write %1: the file is not open.")
                         .arg(QDir::toNativeSeparators(m_path)),
                     ErrorKind::Io};
    if (m_buffer.isEmpty())
        return {};
    if (m_file->write(m_buffer) != m_buffer.size()) {
        m_failed = true;
        m_failure = m_file->errorString();
        cancel();
        return writeError();
    }
    m_buffer.clear();
    return {};
}

Status CsvWriter::commit()
{
    if (Status s = flush(); !s)
        return s;
    bool done = false;
    if (m_direct) {
        done = m_file->flush();
        m_file->close();
        done = done && m_file->error() == QFileDevice::NoError;
    } else {
        done = static_cast<QSaveFile *>(m_file.get())->commit();
    }
    if (!done) {
        m_failed = true;
        m_failure = m_file->errorString();
        m_file.reset();
        return writeError();
    }
    m_file.reset();
    return {};
}

void CsvWriter::cancel()
{
    if (m_file && !m_direct) {
        auto *file = static_cast<QSaveFile *>(m_file.get());
        file->cancelWriting();
        file->commit(); // after cancelWriting this only removes the temporary file
    }
    m_file.reset();
}

} // namespace sportello
