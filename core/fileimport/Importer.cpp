#include "fileimport/Importer.h"

#include "common/FileKind.h"
#include "fileimport/DateParsing.h"
#include "fileimport/FileImportLog.h"
#include "fileimport/JsonLinesReader.h"
#include "fileimport/RecordSink.h"
#include "fileimport/TwcsCsvReader.h"
#include "ingest/Ingestor.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace sportello {

namespace {

// Counted nouns, written out so that English reads right without a translation file.
QString records(qint64 n)
{
    return n == 1 ? QCoreApplication::translate("Import", "1 record")
                  : QCoreApplication::translate("Import", "%1 records").arg(n);
}
QString posts(qint64 n)
{
    return n == 1 ? QCoreApplication::translate("Import", "1 post")
                  : QCoreApplication::translate("Import", "%1 posts").arg(n);
}
QString threads(qint64 n)
{
    return n == 1 ? QCoreApplication::translate("Import", "1 thread")
                  : QCoreApplication::translate("Import", "%1 threads").arg(n);
}
QString invalidRecords(qint64 n)
{
    return n == 1 ? QCoreApplication::translate("Import", "1 invalid record")
                  : QCoreApplication::translate("Import", "%1 invalid records").arg(n);
}

// Hands valid posts to the ingest path and collects the invalid records.
class IngestSink final : public RecordSink {
public:
    IngestSink(Ingestor &ingestor, ImportReport &report, const ImportOptions &options)
        : m_ingestor(ingestor), m_report(report), m_options(options)
    {}

    Status post(const PostRecord &post, qint64 line) override
    {
        // Once the file is rejected, the rest is only checked, to report every problem at once.
        if (m_report.invalidCount > 0 && !m_options.skipInvalid)
            return {};
        if (m_options.checkPost)
            if (Status s = m_options.checkPost(post, line); !s)
                return s; // the import stops, and the Ingestor rolls back
        if (Status s = m_ingestor.add(post); !s)
            return s.failure().withMessage(
                QCoreApplication::translate("Import", "line %1 could not be stored: %2").arg(line).arg(s.error()));
        ++m_valid;
        if (const Ingestor::Added &added = m_ingestor.lastAdded();
            added.kind == Ingestor::Added::InOtherThread &&
            m_report.otherThreadPosts.size() < m_options.maxReportedIssues)
            m_report.otherThreadPosts.append(
                {m_report.file, line,
                 QCoreApplication::translate("Import", "post \"%1\" is already in thread \"%2\"; this record puts "
                                                       "it in thread \"%3\". It was left where it is.")
                     .arg(post.postExternalId, added.storedThread, post.threadExternalId)});
        return {};
    }

    void invalid(qint64 line, const QString &reason) override
    {
        ++m_report.invalidCount;
        if (m_report.issues.size() < m_options.maxReportedIssues)
            m_report.issues.append({m_report.file, line, reason});
    }

    Status progress(qint64 done, qint64 total) override
    {
        // Cancelled by the person who started it: a stop, not a failure of any kind (Unspecified).
        if (m_options.progress && !m_options.progress(done, total))
            return Error{QCoreApplication::translate("Import", "the import was cancelled")};
        return {};
    }

    qint64 valid() const { return m_valid; }

private:
    Ingestor &m_ingestor;
    ImportReport &m_report;
    const ImportOptions &m_options;
    qint64 m_valid = 0;
};

// The first line that is not blank, without a UTF-8 byte order mark.
QByteArray firstLine(QByteArray head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            return trimmed;
    }
    return {};
}

bool looksLikeTwcsHeader(const QByteArray &line)
{
    QSet<QByteArray> names;
    for (const QByteArray &field : line.split(','))
        names.insert(field.trimmed().toLower().replace('"', QByteArray()));
    return names.contains("tweet_id") && names.contains("author_id") && names.contains("inbound");
}

Result<ImportFormat> detectFormat(QFile &file, const QString &shownPath)
{
    const QString suffix = QFileInfo(file.fileName()).suffix().toLower();
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json"))
        return ImportFormat::JsonLines;
    if (suffix == QLatin1String("csv"))
        return ImportFormat::TwcsCsv;
    const QByteArray head = file.peek(64 * 1024);
    if (head.contains('\0'))
        return Error{QCoreApplication::translate(
                         "Import",
                         "%1 is not a text file (it holds NUL bytes). Sportello imports UTF-8 text: JSON Lines or "
                         "a Customer Support on Twitter CSV.")
                         .arg(shownPath),
                     ErrorKind::InvalidInput};
    const QByteArray line = firstLine(head);
    if (line.startsWith('{'))
        return ImportFormat::JsonLines;
    if (looksLikeTwcsHeader(line))
        return ImportFormat::TwcsCsv;
    return Error{QCoreApplication::translate(
                     "Import",
                     "The format of %1 cannot be told: it is neither JSON Lines (one JSON object per line) nor a "
                     "Customer Support on Twitter CSV (a header with tweet_id, author_id, inbound, ...). Name the "
                     "file .jsonl or .csv, or choose the format.")
                     .arg(shownPath),
                 ErrorKind::InvalidInput};
}

// A file in UTF-16 or UTF-32 starts with its byte order mark.
bool startsWithWideBom(const QByteArray &head)
{
    return head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF") || head.startsWith(QByteArray("\0\0\xFE\xFF", 4));
}

ImportReport fail(ImportReport report, const QString &error, ErrorKind kind)
{
    qCInfo(lcFileImport) << "import refused:" << errorKindName(kind) << report.invalidCount << "invalid records";
    report.ok = false;
    report.error = error;
    report.errorKind = kind;
    return report;
}

} // namespace

QString ImportIssue::toString() const
{
    if (line <= 0)
        return QStringLiteral("%1: %2").arg(file, reason);
    return QStringLiteral("%1:%2: %3").arg(file, QString::number(line), reason);
}

QString formatName(ImportFormat format)
{
    switch (format) {
    case ImportFormat::JsonLines: return QCoreApplication::translate("Import", "JSON Lines");
    case ImportFormat::TwcsCsv: return QCoreApplication::translate("Import", "Customer Support on Twitter CSV");
    }
    return {};
}

std::optional<ImportFormat> importFormatFromId(const QString &id)
{
    const QString lower = id.trimmed().toLower();
    if (lower == QLatin1String("jsonl") || lower == QLatin1String("json") || lower == QLatin1String("ndjson"))
        return ImportFormat::JsonLines;
    if (lower == QLatin1String("twcs") || lower == QLatin1String("csv"))
        return ImportFormat::TwcsCsv;
    return std::nullopt;
}

QString ImportReport::summary() const
{
    if (!ok)
        return error;
    QString text = QCoreApplication::translate(
                       "Import", "Imported %1 (%2): %3 read, %4 added, %5 already in the cache, %6 updated.")
                       .arg(file, formatName(format), records(recordsRead), posts(postsAdded),
                            QString::number(postsAlreadyPresent), threads(threadsTouched));
    if (postsInOtherThread > 0)
        text +=
            QLatin1Char(' ') +
            (postsInOtherThread == 1
                 ? QCoreApplication::translate("Import", "1 post already in another thread was left where it is.")
                 : QCoreApplication::translate("Import", "%1 posts already in another thread were left where they are.")
                       .arg(postsInOtherThread));
    if (invalidCount > 0) {
        text +=
            QLatin1Char(' ') + QCoreApplication::translate("Import", "%1 skipped.").arg(invalidRecords(invalidCount));
        if (invalidCount > issues.size())
            text +=
                QLatin1Char(' ') + QCoreApplication::translate("Import", "The first %1 are listed.").arg(issues.size());
    }
    return text;
}

ImportReport importFile(Database &database, const QString &path, const ImportOptions &options)
{
    ImportReport report;
    report.file = QDir::toNativeSeparators(path);
    const QString &shown = report.file;
    // A pipe, a device or a socket is refused from its metadata, before anything opens it.
    if (Status regular =
            requireRegularFileOrMissing(path, shown, QCoreApplication::translate("Import", "a file to import"));
        !regular)
        return fail(report, regular.error(), regular.errorKind());
    const QFileInfo info(path);
    if (!info.exists())
        return fail(report, QCoreApplication::translate("Import", "%1 does not exist.").arg(shown),
                    ErrorKind::NotFound);
    if (info.isDir())
        return fail(report, QCoreApplication::translate("Import", "%1 is a folder, not a file.").arg(shown),
                    ErrorKind::InvalidInput);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(report,
                    QCoreApplication::translate("Import", "%1 cannot be read: %2.").arg(shown, file.errorString()),
                    ErrorKind::Io);
    ImportOptions detected = options;
    if (!options.format && file.size() > 0 && !startsWithWideBom(file.peek(4))) {
        // The format is told from the file's name first, which only a file has.
        auto format = detectFormat(file, shown);
        if (!format)
            return fail(report, format.error(), format.errorKind());
        detected.format = *format;
    }
    return importDevice(database, file, shown, detected);
}

ImportReport importDevice(Database &database, QIODevice &device, const QString &shownName, const ImportOptions &options)
{
    ImportReport report;
    report.file = shownName;
    const QString &shown = report.file;
    if (device.size() == 0)
        return fail(report,
                    QCoreApplication::translate("Import", "%1 is empty: there is nothing to import.").arg(shown),
                    ErrorKind::InvalidInput);
    if (startsWithWideBom(device.peek(4)))
        return fail(report,
                    QCoreApplication::translate(
                        "Import", "%1 is UTF-16 (or UTF-32) text; Sportello reads UTF-8. Save the file as UTF-8 and "
                                  "import it again.")
                        .arg(shown),
                    ErrorKind::InvalidInput);
    report.format = options.format.value_or(ImportFormat::JsonLines);

    Ingestor ingestor(database);
    if (Status begun = ingestor.begin(); !begun)
        return fail(report,
                    QCoreApplication::translate("Import", "%1 was not imported: the cache cannot be written (%2).")
                        .arg(shown, begun.error()),
                    begun.errorKind());
    IngestSink sink(ingestor, report, options);
    Status read;
    bool empty = false;
    if (report.format == ImportFormat::JsonLines) {
        JsonLinesReader reader(device, options.timeShiftMs);
        read = reader.read(sink);
        report.recordsRead = reader.recordsSeen();
        empty = report.recordsRead == 0;
    } else {
        TwcsCsvReader reader(device, options.timeShiftMs);
        read = reader.read(sink);
        report.recordsRead = reader.recordsSeen();
        if (read && reader.headerSeen() && report.recordsRead == 0)
            return fail(
                report,
                QCoreApplication::translate("Import", "%1 has a header but no records: there is nothing to import.")
                    .arg(shown),
                ErrorKind::InvalidInput);
        empty = !reader.headerSeen();
    }
    // From here on, every failure leaves the cache as it was: the Ingestor rolls back.
    if (!read)
        return fail(report,
                    QCoreApplication::translate("Import", "%1 was not imported: %2. Nothing was stored.")
                        .arg(shown, read.error()),
                    read.errorKind());
    if (empty)
        return fail(report,
                    QCoreApplication::translate("Import", "%1 is empty: there is nothing to import.").arg(shown),
                    ErrorKind::InvalidInput);
    if (report.invalidCount > 0 && !options.skipInvalid) {
        QString error = QCoreApplication::translate("Import", "%1 was not imported: %2 out of %3. Nothing was stored.")
                            .arg(shown, invalidRecords(report.invalidCount), records(report.recordsRead));
        if (report.invalidCount > report.issues.size())
            error += QLatin1Char(' ') +
                     QCoreApplication::translate("Import", "The first %1 are listed.").arg(report.issues.size());
        return fail(report, error, ErrorKind::InvalidInput);
    }
    if (sink.valid() == 0)
        return fail(report,
                    QCoreApplication::translate("Import", "%1 was not imported: all its %2 are invalid.")
                        .arg(shown, records(report.recordsRead)),
                    ErrorKind::InvalidInput);
    if (Status committed = ingestor.commit(); !committed)
        return fail(report,
                    QCoreApplication::translate("Import", "%1 was not imported: %2. Nothing was stored.")
                        .arg(shown, committed.error()),
                    committed.errorKind());
    const Ingestor::Counts &counts = ingestor.counts();
    report.postsAdded = counts.postsAdded;
    report.postsAlreadyPresent = counts.postsAlreadyPresent;
    report.threadsTouched = counts.threadsTouched;
    report.postsInOtherThread = counts.postsInOtherThread;
    report.ok = true;
    qCInfo(lcFileImport) << "imported" << report.recordsRead << "records:" << report.postsAdded << "posts added,"
                         << report.postsAlreadyPresent << "already present," << report.threadsTouched
                         << "threads touched," << report.invalidCount << "invalid";
    return report;
}

ImportReport importDemo(Database &database, const QString &demoPath, qint64 nowMs)
{
    ImportOptions options;
    options.format = ImportFormat::JsonLines;
    options.skipInvalid = false;
    const auto reference = parseIsoDateTime(QString::fromLatin1(kDemoReferenceTime));
    options.timeShiftMs = nowMs - (reference ? *reference : 0);
    return importFile(database, demoPath, options);
}

} // namespace sportello
