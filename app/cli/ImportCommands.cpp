// import, demo and check.

#include "cli/Cli.h"

#include "cache/OpenCache.h"
#include "cache/Salvage.h"
#include "fileimport/Importer.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace sportello::cli {

namespace {

const QString kDemoResource = QStringLiteral(":/demo/demo_threads.jsonl");

QCommandLineOption skipInvalidOption()
{
    return {QStringLiteral("skip-invalid"),
            QCoreApplication::translate("Cli", "Store the valid records and list the invalid ones, instead of "
                                               "rejecting a file that has any.")};
}

QCommandLineOption formatOption()
{
    return {QStringLiteral("format"),
            QCoreApplication::translate("Cli", "The files' format: jsonl (Sportello's JSON Lines) or twcs (Customer "
                                               "Support on Twitter CSV). Default: from the file name and first line."),
            QCoreApplication::translate("Cli", "FORMAT")};
}

// Prints one file's outcome: the summary on stdout, the invalid records and the posts already in
// another thread on stderr.
void printReport(const ImportReport &report)
{
    if (report.ok)
        out() << report.summary() << Qt::endl;
    else
        err() << report.error << Qt::endl;
    for (const ImportIssue &issue : report.issues)
        err() << issue.toString() << '\n';
    if (report.invalidCount > report.issues.size())
        err() << QCoreApplication::translate("Cli", "... and %1 more invalid records.")
                     .arg(report.invalidCount - report.issues.size())
              << '\n';
    for (const ImportIssue &issue : report.otherThreadPosts)
        err() << issue.toString() << '\n';
    if (report.postsInOtherThread > report.otherThreadPosts.size())
        err() << QCoreApplication::translate("Cli", "... and %1 more posts already in another thread.")
                     .arg(report.postsInOtherThread - report.otherThreadPosts.size())
              << '\n';
    err().flush();
}

int runImport(const Invocation &call)
{
    if (call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "import needs at least one FILE."));
    ImportOptions options;
    options.skipInvalid = call.parser.isSet(QStringLiteral("skip-invalid"));
    if (call.parser.isSet(QStringLiteral("format"))) {
        options.format = importFormatFromId(call.parser.value(QStringLiteral("format")));
        if (!options.format)
            return usageError(QCoreApplication::translate("Cli", "Unknown format \"%1\": use jsonl or twcs.")
                                  .arg(call.parser.value(QStringLiteral("format"))));
    }
    auto db = openDatabase(call.databasePath, true);
    if (!db)
        return db.exitCode();
    // Each file is one transaction: a rejected file leaves the cache as it was, and the next
    // file is still imported.
    // kBusy only when every failed file failed because the cache was busy: then running the
    // same command again may import them all (the files already imported are not stored twice).
    int code = kOk;
    for (const QString &file : call.arguments) {
        const ImportReport report = importFile(*db, file, options);
        printReport(report);
        if (!report.ok)
            code = code == kFailure ? kFailure : exitCodeFor(report.errorKind);
    }
    return code;
}

int runDemo(const Invocation &call)
{
    auto db = openDatabase(call.databasePath, true);
    if (!db)
        return db.exitCode();
    const ImportReport report = importDemo(*db, kDemoResource, QDateTime::currentMSecsSinceEpoch());
    printReport(report);
    if (report.ok)
        out() << QCoreApplication::translate("Cli", "The demo data is in %1.").arg(QDir::toNativeSeparators(db->path()))
              << Qt::endl;
    return report.ok ? kOk : exitCodeFor(report.errorKind);
}

QString salvageHint(const QString &path)
{
    return QCoreApplication::translate("Cli",
                                       "To save what can still be read into a new cache: sportello-cli --database %1 "
                                       "salvage --to NEW.sqlite")
        .arg(QDir::toNativeSeparators(path));
}

int runCheck(const Invocation &call)
{
    Database::Options options;
    options.createIfMissing = false;
    auto db = openCache(call.databasePath, options);
    if (!db) {
        err() << db.error() << Qt::endl;
        if (db.errorKind() == ErrorKind::Corrupt && QFileInfo(call.databasePath).size() > 0)
            err() << salvageHint(call.databasePath) << Qt::endl;
        return exitCodeFor(db.errorKind());
    }
    if (Status checked = db.value()->checkIntegrity(); !checked) {
        err() << checked.error() << Qt::endl << salvageHint(call.databasePath) << Qt::endl;
        return exitCodeFor(checked.errorKind());
    }
    out() << QCoreApplication::translate("Cli", "%1: the cache is sound (schema version %2).")
                 .arg(QDir::toNativeSeparators(db.value()->path()), QString::number(db.value()->schemaVersion()))
          << Qt::endl;
    return kOk;
}

QCommandLineOption salvageTargetOption()
{
    return {QStringLiteral("to"), QCoreApplication::translate("Cli", "The new cache to write (must not exist)."),
            QCoreApplication::translate("Cli", "FILE")};
}

int runSalvage(const Invocation &call)
{
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "salvage takes no arguments (got \"%1\").")
                              .arg(call.arguments.join(QLatin1Char(' '))));
    const QString target = call.parser.value(salvageTargetOption());
    if (target.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "salvage needs --to FILE, the new cache to write."));
    auto salvaged = salvageCache(call.databasePath, target);
    if (!salvaged)
        return fail(salvaged.failure());
    const SalvageReport &report = salvaged.value();
    if (!report.damage.isEmpty())
        out() << QCoreApplication::translate("Cli", "%1 is damaged (%2); it was read without being changed.")
                     .arg(QDir::toNativeSeparators(report.source), report.damage)
              << Qt::endl;
    for (const SalvagedTable &table : report.tables) {
        QString line = QCoreApplication::translate("Cli", "%1: %2 rows saved").arg(table.name).arg(table.copied);
        if (table.skipped > 0)
            line += QCoreApplication::translate("Cli", ", %1 rows not kept").arg(table.skipped);
        if (!table.problem.isEmpty())
            line += QCoreApplication::translate("Cli", "; the rest could not be read: %1").arg(table.problem);
        out() << line << Qt::endl;
    }
    out() << (report.complete() ? QCoreApplication::translate("Cli", "Everything that was read is in %1.")
                                : QCoreApplication::translate(
                                      "Cli", "What could be read is in %1; the lines above say what was lost."))
                 .arg(QDir::toNativeSeparators(report.target))
          << Qt::endl;
    return report.complete() ? kOk : kFailure;
}

int noArguments(const Invocation &call, const QString &name, int (*run)(const Invocation &))
{
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "%1 takes no arguments (got \"%2\").")
                              .arg(name, call.arguments.join(QLatin1Char(' '))));
    return run(call);
}

} // namespace

QVector<Command> importCommands()
{
    return {
        {QStringLiteral("import"),
         QCoreApplication::translate("Cli", "Import posts from JSON Lines (.jsonl) or Customer Support on Twitter CSV "
                                            "(.csv) files. A file with an invalid record is rejected as a whole."),
         QStringLiteral("import [--skip-invalid] [--format jsonl|twcs] FILE..."),
         [](QCommandLineParser &parser) {
             parser.addOption(skipInvalidOption());
             parser.addOption(formatOption());
             parser.addPositionalArgument(
                 QStringLiteral("files"),
                 QCoreApplication::translate("Cli", "JSON Lines or Customer Support on Twitter CSV files."),
                 QCoreApplication::translate("Cli", "FILE..."));
         },
         runImport},
        {QStringLiteral("demo"),
         QCoreApplication::translate("Cli", "Load the demo data set into the cache, with its times moved to now."),
         QStringLiteral("demo"), [](QCommandLineParser &) {},
         [](const Invocation &call) { return noArguments(call, QStringLiteral("demo"), runDemo); }},
        {QStringLiteral("check"), QCoreApplication::translate("Cli", "Check the integrity of the cache."),
         QStringLiteral("check"), [](QCommandLineParser &) {},
         [](const Invocation &call) { return noArguments(call, QStringLiteral("check"), runCheck); }},
        {QStringLiteral("salvage"),
         QCoreApplication::translate("Cli", "Copy what can be read of a damaged cache into a new cache, table by "
                                            "table; the damaged file is not changed."),
         QStringLiteral("salvage --to FILE"),
         [](QCommandLineParser &parser) { parser.addOption(salvageTargetOption()); }, runSalvage},
    };
}

} // namespace sportello::cli
