// import, demo and check.

#include "cli/Cli.h"

#include "fileimport/Importer.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>

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

int runCheck(const Invocation &call)
{
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    if (Status checked = db->checkIntegrity(); !checked)
        return fail(checked.failure());
    out() << QCoreApplication::translate("Cli", "%1: the cache is sound (schema version %2).")
                 .arg(QDir::toNativeSeparators(db->path()), QString::number(db->schemaVersion()))
          << Qt::endl;
    return kOk;
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
    };
}

} // namespace sportello::cli
