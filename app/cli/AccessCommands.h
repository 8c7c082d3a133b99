#pragma once
// privacy export and privacy access-log (docs/privacy.md, "Access to personal data";
// docs/cli.md): a person's data as a file, and who opened or exported personal data. The
// `privacy` command's other actions (erase, retention) live in their own files; its dispatcher
// calls runAccessAction() for these two.

#include "cli/Cli.h"
#include "domain/Agent.h"

#include <optional>

namespace sportello::cli {

// The options of these two actions, added to the privacy command's parser.
void addAccessOptions(QCommandLineParser &parser);
// Runs `export` or `access-log` when the first argument names one; std::nullopt otherwise.
std::optional<int> runAccessAction(const Invocation &call);
// "export --author CHANNEL:ID --out FILE [--format html|json] [--agent NAME] | access-log ...".
QString accessSynopsis();

// Who the command line's access records name: in a team the login the cache joined with (and its
// name on the team); alone `name` when given, else the system's user name.
Agent accessAgent(Database &db, const QString &name);

} // namespace sportello::cli
