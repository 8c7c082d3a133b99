// The `sportello` desktop console: application identity, command-line options, then the
// console itself (ui/Startup.cpp), given the clock and the token store it runs on.
#include "KeychainTokenStore.h"
#include "Startup.h"
#include "common/Clock.h"
#include "common/Secrets.h"
#include "version/BuildInfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStringList>
#include <cstdio>
#include <cstdlib>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Sportello"));
    QCoreApplication::setApplicationName(QStringLiteral("sportello"));
    QCoreApplication::setApplicationVersion(sportello::versionNumber());
}

struct Options {
    QCommandLineOption database{QStringLiteral("database"),
                                QCoreApplication::translate("main", "Use the cache at <path>."), QStringLiteral("path")};
    QCommandLineOption demo{QStringLiteral("demo"),
                            QCoreApplication::translate("main", "Open a fresh cache of demo data, discarded on exit.")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"), QStringLiteral("Save a picture of the window and quit."),
                                  QStringLiteral("file")};
    QCommandLineOption screenshotPage{
        QStringLiteral("screenshot-page"),
        QStringLiteral("What the screenshot shows: console, composer, settings, replies, policy, calendar, accounts, "
                       "guard, privacy, report, customer or review."),
        QStringLiteral("page")};
    QCommandLineOption screenshotLanguage{QStringLiteral("screenshot-language"),
                                          QStringLiteral("The language of the screenshot: en or it."),
                                          QStringLiteral("language")};

    void addTo(QCommandLineParser &parser)
    {
        parser.setApplicationDescription(
            QCoreApplication::translate("main", "Sportello: the social customer-care console for insurance teams."));
        parser.addHelpOption();
        parser.addVersionOption();
        screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
        screenshotPage.setFlags(QCommandLineOption::HiddenFromHelp);
        screenshotLanguage.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOptions({database, demo, screenshot, screenshotPage, screenshotLanguage});
    }
};

// --help and --version answer without a display: QApplication aborts when it finds no window
// system (an administrator's SSH session, a packaging check), so they are looked for first, on
// the raw arguments, and answered with a QCoreApplication. Qt's own options (-platform, -style)
// are unknown to this first look, which is why its errors are left to the real parse.
int answerHelpOrVersion(int &argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    Options look;
    QCommandLineParser first;
    // Qt's own options are single-dash words (-reverse, -stylesheet): read as words, not as runs
    // of one-letter options, or the v of -reverse would ask for the version.
    first.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    look.addTo(first);
    (void)first.parse(arguments);
    const bool version = first.isSet(QStringLiteral("version"));
    if (!version && !first.isSet(QStringLiteral("help")) && !arguments.contains(QLatin1String("--help-all")))
        return -1;
    QCoreApplication app(argc, argv);
    setIdentity();
    if (version) {
        std::printf("%s\n", qPrintable(sportello::versionLine(QStringLiteral("sportello"))));
        return 0;
    }
    Options options;
    QCommandLineParser parser;
    options.addTo(parser);
    if (first.isSet(QStringLiteral("help"))) {
        (void)parser.parse(QCoreApplication::arguments()); // for the program's name in "Usage:"
        parser.showHelp(EXIT_SUCCESS);
    }
    parser.process(app); // --help-all: Qt's own options too; shows the help and exits
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Log lines quote paths and ids the user typed: a token among them is hidden.
    qInstallMessageHandler(sportello::printLogMessageHidingCredentials);
    if (const int answered = answerHelpOrVersion(argc, argv); answered >= 0)
        return answered;
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Sportello"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sportello.svg")));

    Options o;
    QCommandLineParser parser;
    o.addTo(parser);
    parser.process(app);

    sportello::ui::StartupOptions options;
    options.databasePath = parser.value(o.database);
    options.demo = parser.isSet(o.demo);
    options.screenshotPath = parser.value(o.screenshot);
    options.screenshotPage = parser.value(o.screenshotPage);
    options.screenshotLanguage = parser.value(o.screenshotLanguage);
    if (const QString conflict = sportello::ui::conflictingOptions(options); !conflict.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(conflict));
        return 2;
    }
    // Created here, once, and handed down: the console never picks its own clock or keychain.
    const sportello::SystemClock clock;
    sportello::accounts::KeychainTokenStore tokens;
    return sportello::ui::runConsole(app, options, clock, tokens);
}
