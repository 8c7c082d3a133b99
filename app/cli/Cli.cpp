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

int exitCodeFor(ErrorKind kind) { return kind == ErrorKind::Busy ? kBusy : kFailure; }

int fail(const Error &error)
{
    err() << error.message << Qt::endl;
    return exitCodeFor(error.kind);
}

OpenedCache::OpenedCache(Result<std::unique_ptr<Database>> opened)
{
    if (opened)
        m_database = std::move(opened).value();
    else
        m_failure = opened.failure();
}

OpenedCache::OpenedCache(OpenedCache &&) noexcept = default;
OpenedCache &OpenedCache::operator=(OpenedCache &&) noexcept = default;
OpenedCache::~OpenedCache() = default;

OpenedCache openDatabase(const QString &path, bool createIfMissing)
{
    Database::Options options;
    options.createIfMissing = createIfMissing;
    OpenedCache opened(openCache(path, options));
    if (!opened)
        fail(opened.failure());
    return opened;
}

} // namespace sportello::cli
