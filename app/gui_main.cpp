// The `sportello` desktop console: application identity, command-line options, then the
// console itself (ui/Startup.cpp), given the clock and the token store it runs on.
#include "KeychainTokenStore.h"
#include "Startup.h"
#include "common/Clock.h"
#include "common/Secrets.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <cstdio>

int main(int argc, char *argv[])
{
    // Log lines quote paths and ids the user typed: a token among them is hidden.
    qInstallMessageHandler(sportello::printLogMessageHidingCredentials);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Sportello"));
    QApplication::setApplicationName(QStringLiteral("sportello"));
    QApplication::setApplicationDisplayName(QStringLiteral("Sportello"));
    QApplication::setApplicationVersion(QStringLiteral(SPORTELLO_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sportello.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Sportello: the social customer-care console for insurance teams."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(QStringLiteral("database"),
                                      QCoreApplication::translate("main", "Use the cache at <path>."),
                                      QStringLiteral("path"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Open a fresh cache of demo data, discarded on exit."));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a picture of the window and quit."), QStringLiteral("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotPage(
        QStringLiteral("screenshot-page"),
        QStringLiteral("What the screenshot shows: console, composer, settings, replies, policy, calendar, accounts, "
                       "guard, report, customer or review."),
        QStringLiteral("page"));
    screenshotPage.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotLanguage(QStringLiteral("screenshot-language"),
                                          QStringLiteral("The language of the screenshot: en or it."),
                                          QStringLiteral("language"));
    screenshotLanguage.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({database, demo, screenshot, screenshotPage, screenshotLanguage});
    parser.process(app);

    sportello::ui::StartupOptions options;
    options.databasePath = parser.value(database);
    options.demo = parser.isSet(demo);
    options.screenshotPath = parser.value(screenshot);
    options.screenshotPage = parser.value(screenshotPage);
    options.screenshotLanguage = parser.value(screenshotLanguage);
    if (const QString conflict = sportello::ui::conflictingOptions(options); !conflict.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(conflict));
        return 2;
    }
    // Created here, once, and handed down: the console never picks its own clock or keychain.
    const sportello::SystemClock clock;
    sportello::accounts::KeychainTokenStore tokens;
    return sportello::ui::runConsole(app, options, clock, tokens);
}
