#pragma once
// account sign-in and account app: signing in to X or Facebook from a terminal (the browser on
// this machine, or the address pasted from a browser elsewhere), and the company's app settings
// the sign-in uses. See docs/accounts.md.

#include "cli/Cli.h"

namespace sportello::cli {

int accountSignIn(const Invocation &call);
int accountApp(const Invocation &call);

} // namespace sportello::cli
