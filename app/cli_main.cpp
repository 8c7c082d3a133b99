// sportello-cli: headless commands over the same core as the console (see docs/cli.md).
// Results go to stdout, errors and invalid records to stderr.
// Exit codes: 0 success, 1 failure (including a rejected file), 2 usage error.

#include "common/AppPaths.h"
#include "import/Importer.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>

using namespace sportello;

namespace {

enum ExitCode { kOk = 0, kFailure = 1, kUsage = 2 };

const QString kDemoResource = QStringLiteral(":/demo/demo_threads.jsonl");

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString &message)
{
    err() << message << '\n'
          << QCoreApplication::translate("Cli", "Run \"sportello-cli --help\" for usage.") << Qt::endl;
    return kUsage;
}

void installTranslators(QCoreApplication &app)
{
    if (QLocale().language() != QLocale::Italian)
        return;
    static QTranslator sportello;
    if (sportello.load(QLocale(), QStringLiteral("sportello"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(&sportello);
    static QTranslator qt;
    if (qt.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qt);
}

std::unique_ptr<Database> openDatabase(const QString &path, bool createIfMissing)
{
    Database::Options options;
    options.createIfMissing = createIfMissing;
    auto opened = Database::open(path, options);
    if (!opened) {
        err() << opened.error() << Qt::endl;
        return nullptr;
    }
    return std::move(opened).value();
}

// Prints one file's outcome: the summary on stdout, the invalid records on stderr.
void printReport(const ImportReport &report)
{
    if (report.ok)
        out() << report.summary() << Qt::endl;
    else
        err() << report.error << Qt::endl;
    for (const ImportIssue &issue : report.issues)
        err() << issue.toString() << '\n';
    err().flush();
}

int runImport(const QString &databasePath, const QStringList &files, const ImportOptions &options)
{
    auto db = openDatabase(databasePath, true);
    if (!db)
        return kFailure;
    // Each file is one transaction: a rejected file leaves the cache as it was, and the next
    // file is still imported.
    bool allOk = true;
    for (const QString &file : files) {
        const ImportReport report = importFile(*db, file, options);
        printReport(report);
        allOk = allOk && report.ok;
    }
    return allOk ? kOk : kFailure;
}

int runDemo(const QString &databasePath)
{
    auto db = openDatabase(databasePath, true);
    if (!db)
        return kFailure;
    const ImportReport report = importDemo(*db, kDemoResource, QDateTime::currentMSecsSinceEpoch());
    printReport(report);
    if (report.ok)
        out() << QCoreApplication::translate("Cli", "The demo data is in %1.").arg(QDir::toNativeSeparators(db->path()))
              << Qt::endl;
    return report.ok ? kOk : kFailure;
}

int runCheck(const QString &databasePath)
{
    auto db = openDatabase(databasePath, false);
    if (!db)
        return kFailure;
    if (Status checked = db->checkIntegrity(); !checked) {
        err() << checked.error() << Qt::endl;
        return kFailure;
    }
    out() << QCoreApplication::translate("Cli", "%1: the cache is sound (schema version %2).")
                 .arg(QDir::toNativeSeparators(db->path()), QString::number(db->schemaVersion()))
          << Qt::endl;
    return kOk;
}

QString commandList()
{
    return QCoreApplication::translate(
        "Cli", "Commands:\n"
               "  import FILE...  Import posts from JSON Lines (.jsonl) or Customer Support on Twitter CSV\n"
               "                  (.csv) files. A file with an invalid record is rejected as a whole.\n"
               "  demo            Load the demo data set into the cache, with its times moved to now.\n"
               "  check           Check the integrity of the cache.\n"
               "Run \"sportello-cli COMMAND --help\" for a command's options.\n");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Sportello"));
    QCoreApplication::setApplicationName(QStringLiteral("sportello"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPORTELLO_VERSION));
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Sportello command-line tool: imports posts into the local cache, loads the demo data and checks "
               "the cache."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption database(QStringLiteral("database"),
                                      QCoreApplication::translate("Cli", "The cache file to use (default: %1).")
                                          .arg(QDir::toNativeSeparators(defaultDatabasePath())),
                                      QCoreApplication::translate("Cli", "PATH"));
    parser.addOption(database);
    const QCommandLineOption skipInvalid(
        QStringLiteral("skip-invalid"),
        QCoreApplication::translate("Cli", "Store the valid records and list the invalid ones, instead of "
                                           "rejecting a file that has any."));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QCoreApplication::translate("Cli", "The files' format: jsonl (Sportello's JSON Lines) or twcs (Customer "
                                           "Support on Twitter CSV). Default: from the file name and first line."),
        QCoreApplication::translate("Cli", "FORMAT"));
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QCoreApplication::translate("Cli", "import, demo or check."),
                                 QCoreApplication::translate("Cli", "COMMAND"));

    // A first look, knowing every option, finds the command (options may come before it); the real
    // parse then knows only that command's options.
    const QStringList arguments = QCoreApplication::arguments();
    QString command;
    {
        QCommandLineParser look;
        look.addHelpOption();
        look.addVersionOption();
        look.addOptions({database, skipInvalid, format});
        look.parse(arguments);
        command = look.positionalArguments().value(0);
    }
    if (command == QLatin1String("import")) {
        parser.clearPositionalArguments();
        parser.addPositionalArgument(QStringLiteral("import"),
                                     QCoreApplication::translate("Cli", "Import posts from files into the cache."),
                                     QStringLiteral("import"));
        parser.addPositionalArgument(
            QStringLiteral("files"),
            QCoreApplication::translate("Cli", "JSON Lines or Customer Support on Twitter CSV files."),
            QCoreApplication::translate("Cli", "FILE..."));
        parser.addOption(skipInvalid);
        parser.addOption(format);
    } else if (command == QLatin1String("demo") || command == QLatin1String("check")) {
        parser.clearPositionalArguments();
        parser.addPositionalArgument(command,
                                     command == QLatin1String("demo")
                                         ? QCoreApplication::translate("Cli", "Load the demo data set into the cache.")
                                         : QCoreApplication::translate("Cli", "Check the integrity of the cache."),
                                     command);
    }
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        out() << parser.helpText();
        if (command.isEmpty())
            out() << '\n' << commandList();
        out().flush();
        return kOk;
    }
    if (parser.isSet(version)) {
        out() << QStringLiteral("sportello-cli %1").arg(QCoreApplication::applicationVersion()) << Qt::endl;
        return kOk;
    }
    if (command.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "No command given: use import, demo or check."));

    const QString databasePath = parser.isSet(database) ? parser.value(database) : defaultDatabasePath();
    if (databasePath.trimmed().isEmpty())
        return usageError(QCoreApplication::translate("Cli", "--database needs a file path."));
    const QStringList rest = parser.positionalArguments().mid(1);

    if (command == QLatin1String("import")) {
        if (rest.isEmpty())
            return usageError(QCoreApplication::translate("Cli", "import needs at least one FILE."));
        ImportOptions options;
        options.skipInvalid = parser.isSet(skipInvalid);
        if (parser.isSet(format)) {
            options.format = importFormatFromId(parser.value(format));
            if (!options.format)
                return usageError(QCoreApplication::translate("Cli", "Unknown format \"%1\": use jsonl or twcs.")
                                      .arg(parser.value(format)));
        }
        return runImport(databasePath, rest, options);
    }
    if (command == QLatin1String("demo") || command == QLatin1String("check")) {
        if (!rest.isEmpty())
            return usageError(QCoreApplication::translate("Cli", "%1 takes no arguments (got \"%2\").")
                                  .arg(command, rest.join(QLatin1Char(' '))));
        return command == QLatin1String("demo") ? runDemo(databasePath) : runCheck(databasePath);
    }
    return usageError(
        QCoreApplication::translate("Cli", "Unknown command \"%1\": use import, demo or check.").arg(command));
}
