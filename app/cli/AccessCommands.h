#pragma once
// privacy export and privacy access-log (docs/privacy.md, "Access to personal data";
// docs/cli.md): a person's data as a file, and who opened or exported personal data. The
// `privacy` command's other actions (erase, retention) live in their own files; privacyCommands()
// gathers them all (PrivacyCommands.cpp).

#include "cli/Cli.h"
#include "domain/Agent.h"

#include <QCommandLineOption>
#include <QList>

namespace sportello::cli {

// The options of these two actions (privacyAccessActions(), Cli.h, lists them with the actions).
QList<QCommandLineOption> accessOptions();

// Who the command line's access records name: in a team the login the cache joined with (and its
// name on the team); alone `name` when given, else the system's user name.
Agent accessAgent(Database &db, const QString &name);

} // namespace sportello::cli
