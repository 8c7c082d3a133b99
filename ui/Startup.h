#pragma once
// What the `sportello` executable does between parsing its options and the event loop: the
// language, the agent's first-run settings, the cache (or the demo), the main window. The clock
// and the token store are the application's (app/gui_main.cpp), handed down to the console.

#include <QString>

class QApplication;

namespace sportello {
class Clock;
namespace accounts {
class TokenStore;
} // namespace accounts
} // namespace sportello

namespace sportello::ui {

class AppSettings;

struct StartupOptions {
    QString databasePath;   // --database PATH; empty: the default cache
    bool demo = false;      // --demo: a fresh demo cache in a temporary folder
    QString screenshotPath; // --screenshot FILE (hidden): save a picture of the window and quit
    // --screenshot-page console|composer|replies|policy|calendar|accounts|report (hidden): what the picture shows.
    QString screenshotPage;
    // --screenshot-language en|it (hidden): the language of the picture (English by default).
    QString screenshotLanguage;
};

// Why these options cannot go together, or empty: --demo opens a fresh demo cache of its own,
// so a --database next to it is refused rather than silently ignored (docs/cli.md).
QString conflictingOptions(const StartupOptions &options);

// Runs the console on this clock (a screenshot uses a fixed moment instead) with this token
// store; returns the process exit code.
int runConsole(QApplication &app, const StartupOptions &options, const Clock &clock, accounts::TokenStore &tokens);

// First run: asks for the agent's name (and language) and stores them; returns whether the agent
// answered. The keys start in the name field, so that a name typed and Enter answer it.
bool askAgentName(AppSettings &settings);

} // namespace sportello::ui
