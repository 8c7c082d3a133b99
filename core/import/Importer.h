#pragma once
// Importing files into the cache through the one ingest path. Two formats: Sportello's JSON Lines
// interchange format (docs/interchange-format.md) and the public "Customer Support on Twitter"
// CSV. By default one invalid record rejects the whole file and nothing is stored.

#include "common/Result.h"

#include <QString>
#include <QVector>
#include <optional>

namespace sportello {

class Database;

enum class ImportFormat { JsonLines, TwcsCsv };

struct ImportOptions {
    // Store the valid records and list the invalid ones, instead of rejecting the file.
    bool skipInvalid = false;
    // How many invalid records are described one by one (the rest are only counted).
    int maxReportedIssues = 20;
    // Added to every timestamp; the demo uses it to move its history up to the present.
    qint64 timeShiftMs = 0;
    // Detected from the file name and first line when not given.
    std::optional<ImportFormat> format;
};

struct ImportIssue {
    QString file;
    qint64 line = 0; // 1-based; 0 when the issue is about the whole file
    QString reason;
};

struct ImportReport {
    bool ok = false;       // false: nothing was stored (see error and issues)
    QString error;         // what went wrong, for a person; empty when ok
    ImportFormat format = ImportFormat::JsonLines;
    qint64 recordsRead = 0;
    qint64 postsAdded = 0;
    qint64 postsAlreadyPresent = 0;
    qint64 threadsTouched = 0;
    qint64 invalidCount = 0;     // all invalid records, reported or not
    QVector<ImportIssue> issues; // at most maxReportedIssues
    // One paragraph for a person: what was stored, what was skipped or why nothing was.
    QString summary() const;
};

ImportReport importFile(Database &database, const QString &path, const ImportOptions &options = {});

// The demo data set is written relative to this moment; importDemo shifts it to `nowMs`.
constexpr const char *kDemoReferenceTime = "2026-01-01T12:00:00Z";
ImportReport importDemo(Database &database, const QString &demoPath, qint64 nowMs);

} // namespace sportello
