#pragma once
// Importing files into the cache through the one ingest path. Two formats: Sportello's JSON Lines
// interchange format (docs/interchange-format.md) and the public "Customer Support on Twitter"
// CSV. By default one invalid record rejects the whole file and nothing is stored.

#include "common/Result.h"

#include <QString>
#include <QVector>
#include <functional>
#include <optional>

class QIODevice;

namespace sportello {

struct PostRecord;

class Database;

enum class ImportFormat { JsonLines, TwcsCsv };

// A line (JSON Lines) or record (CSV) longer than this is refused without being read into memory.
constexpr qint64 kMaxRecordBytes = 1024 * 1024;

struct ImportOptions {
    // Store the valid records and list the invalid ones, instead of rejecting the file.
    bool skipInvalid = false;
    // How many invalid records are described one by one (the rest are only counted).
    int maxReportedIssues = 20;
    // Added to every timestamp; the demo uses it to move its history up to the present.
    qint64 timeShiftMs = 0;
    // Detected from the file name and first line when not given.
    std::optional<ImportFormat> format;
    // Called now and then with the work done and the work to do (in bytes read; a CSV file is read
    // twice, so its total is twice its size). Returning false cancels: nothing is stored.
    std::function<bool(qint64 done, qint64 total)> progress;
    // Called inside the import's transaction with each valid record (and its line) before it is
    // stored: what it writes is kept only with the records, and a failure refuses the whole import
    // with its error and kind, nothing stored. The in-app inbox checks and stamps threads' apps here.
    std::function<Status(const PostRecord &post, qint64 line)> checkPost;
};

struct ImportIssue {
    QString file;
    qint64 line = 0; // 1-based; 0 when the issue is about the whole file
    QString reason;
    // "file:line: reason", or "file: reason" for the whole file.
    QString toString() const;
};

struct ImportReport {
    bool ok = false;                              // false: nothing was stored (see error and issues)
    QString error;                                // what went wrong, for a person; empty when ok
    ErrorKind errorKind = ErrorKind::Unspecified; // for code: InvalidInput, NotFound, Io, Busy...
    QString file;                                 // the path as given
    ImportFormat format = ImportFormat::JsonLines;
    qint64 recordsRead = 0; // valid and invalid records (blank lines are not records)
    qint64 postsAdded = 0;
    qint64 postsAlreadyPresent = 0;
    qint64 threadsTouched = 0;
    // Posts whose id is already stored in another thread (or earlier in the file, under another
    // thread id): left where they are, counted and named (at most maxReportedIssues).
    qint64 postsInOtherThread = 0;
    QVector<ImportIssue> otherThreadPosts;
    qint64 invalidCount = 0;     // all invalid records, reported or not
    QVector<ImportIssue> issues; // at most maxReportedIssues
    // One paragraph for a person: what was stored, what was skipped or why nothing was.
    QString summary() const;
};

QString formatName(ImportFormat format);
// "jsonl" or "twcs", as the CLI's --format option takes them.
std::optional<ImportFormat> importFormatFromId(const QString &id);

ImportReport importFile(Database &database, const QString &path, const ImportOptions &options = {});
// The same import from a device already open for reading (a request's body held in a QBuffer):
// `shownName` names it in the report's messages; the format is JSON Lines unless options say.
ImportReport importDevice(Database &database, QIODevice &device, const QString &shownName,
                          const ImportOptions &options = {});

// The demo data set is written relative to this moment; importDemo shifts it to `nowMs`.
constexpr const char *kDemoReferenceTime = "2026-01-01T12:00:00Z";
ImportReport importDemo(Database &database, const QString &demoPath, qint64 nowMs);

} // namespace sportello
