#include "cli/Cli.h"

#include "cache/OpenCache.h"
#include "storage/Database.h"

#include <QCoreApplication>

namespace sportello::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString &message)
{
    err() << message << '\n'
          << QCoreApplication::translate("Cli", "Run \"sportello-cli --help\" for usage.") << Qt::endl;
    return kUsage;
}

std::unique_ptr<Database> openDatabase(const QString &path, bool createIfMissing)
{
    Database::Options options;
    options.createIfMissing = createIfMissing;
    auto opened = openCache(path, options);
    if (!opened) {
        err() << opened.error() << Qt::endl;
        return nullptr;
    }
    return std::move(opened).value();
}

} // namespace sportello::cli
