#pragma once
// Where Sportello keeps its files, shared by the GUI and the CLI so that both open the same cache.
// Call after QCoreApplication::setOrganizationName("Sportello") and setApplicationName("sportello").

#include <QString>

namespace sportello {

// <application data folder>/sportello.sqlite, e.g. ~/.local/share/Sportello/sportello/sportello.sqlite
// on Linux or %APPDATA%\Sportello\sportello\sportello.sqlite on Windows.
QString defaultDatabasePath();

} // namespace sportello
