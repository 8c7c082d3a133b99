// Shared main for the test executables: a Qt application object must exist before any Qt Sql
// or widget code runs. GUI tests are built with SPORTELLO_GUI_TESTS and run offscreen.
#define CATCH_CONFIG_RUNNER
#include "catch_compat.h"

#ifdef SPORTELLO_GUI_TESTS
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

int main(int argc, char *argv[])
{
#ifdef SPORTELLO_GUI_TESTS
    // Offscreen unless told otherwise: CTest discovers the test names by running the executable
    // at build time, without the ENVIRONMENT property that the test runs get.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
    // The system locale is pinned: "en" follows the system's English (en_GB has a 24 hour clock,
    // en_US a 12 hour one), and the tests' expected texts are American English's.
    qputenv("LC_ALL", "C.UTF-8");
    TestApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
