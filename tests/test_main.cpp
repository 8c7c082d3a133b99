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
    TestApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
