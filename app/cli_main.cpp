// sportello-cli: headless commands over the same core as the console (see docs/cli.md).
// Results go to stdout, errors and invalid records to stderr.
// Exit codes: 0 success, 1 failure (including a rejected file), 2 usage error, 3 nothing to do (team next,
// team release), 4 cache busy, 5 at capacity (team next) (see docs/cli.md).
// The commands themselves live in app/cli/, one file per group.

#include "cli/Cli.h"
#include "common/AppPaths.h"
#include "common/Secrets.h"
#include "version/BuildInfo.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace sportello;
using namespace sportello::cli;

namespace {

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

QVector<Command> allCommands()
{
    QVector<Command> commands;
    commands += importCommands();
    commands += classifyCommands();
    commands += guardCommands();
    commands += timerCommands();
    commands += handoffCommands();
    commands += accountCommands();
    commands += syncCommands();
    commands += reportCommands();
    commands += customerCommands();
    commands += teamCommands();
    commands += hubCommands();
    commands += moderationCommands();
    commands += inAppCommands();
    commands += privacyCommands();
    commands += teamPrivacyCommands();
    return commands;
}

QString commandList(const QVector<Command> &commands)
{
    QString text = QCoreApplication::translate("Cli", "Commands:") + QLatin1Char('\n');
    for (const Command &c : commands)
        text += QStringLiteral("  %1\n      %2\n").arg(c.synopsis, c.summary);
    text += QCoreApplication::translate("Cli", "Run \"sportello-cli COMMAND --help\" for a command's options.") +
            QLatin1Char('\n');
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    // Log lines quote paths and ids the user typed: they are filtered like every other output.
    qInstallMessageHandler(printLogMessageHidingCredentials);
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Sportello"));
    QCoreApplication::setApplicationName(QStringLiteral("sportello"));
    QCoreApplication::setApplicationVersion(versionNumber());
    installTranslators(app);
    const QVector<Command> commands = allCommands();

    const QCommandLineOption database(QStringLiteral("database"),
                                      QCoreApplication::translate("Cli", "The cache file to use (default: %1).")
                                          .arg(QDir::toNativeSeparators(defaultDatabasePath())),
                                      QCoreApplication::translate("Cli", "PATH"));
    const auto baseParser = [&](QCommandLineParser &parser) {
        parser.setApplicationDescription(
            QCoreApplication::translate("Cli", "Sportello command-line tool: headless commands over the local cache."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(database);
    };

    // A first look finds the command (options may come before it): each command is tried with its
    // own options, so that two commands may have an option of the same name (--json); the real
    // parse then knows only that command's options.
    const QStringList arguments = QCoreApplication::arguments();
    QString name;
    for (const Command &c : commands) {
        QCommandLineParser look;
        baseParser(look);
        c.addOptions(look);
        if (look.parse(arguments) && look.positionalArguments().value(0) == c.name) {
            name = c.name;
            break;
        }
    }
    if (name.isEmpty()) {
        QCommandLineParser look;
        baseParser(look);
        look.parse(arguments);
        name = look.positionalArguments().value(0);
    }
    const Command *command = nullptr;
    for (const Command &c : commands)
        if (c.name == name)
            command = &c;

    QCommandLineParser parser;
    baseParser(parser);
    if (command) {
        parser.addPositionalArgument(command->name, command->summary, command->name);
        command->addOptions(parser);
    } else {
        parser.addPositionalArgument(QStringLiteral("command"),
                                     QCoreApplication::translate("Cli", "The command to run."),
                                     QCoreApplication::translate("Cli", "COMMAND"));
    }
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        if (!command)
            out() << '\n' << commandList(commands);
        out().flush();
        return kOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << versionLine(QStringLiteral("sportello-cli")) << Qt::endl;
        return kOk;
    }
    QStringList names;
    for (const Command &c : commands)
        names << c.name;
    if (name.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "No command given: use one of %1.")
                              .arg(names.join(QStringLiteral(", "))));
    if (!command)
        return usageError(QCoreApplication::translate("Cli", "Unknown command \"%1\": use one of %2.")
                              .arg(name, names.join(QStringLiteral(", "))));

    const QString databasePath = parser.isSet(database) ? parser.value(database) : defaultDatabasePath();
    if (databasePath.trimmed().isEmpty())
        return usageError(QCoreApplication::translate("Cli", "--database needs a file path."));
    return command->run({parser, databasePath, parser.positionalArguments().mid(1)});
}
