// What sportello-cli does with paths that are not what they should be: a named pipe, a device, a
// socket or a folder given as the cache or as a file to read; an empty file given to `check`; a
// cache in a folder the user cannot write to or cannot enter; a policy file over the size limit.
// The CLI runs as a separate process; a pipe opened for reading would block it, and the test's
// wait for the process to finish fails instead of hanging.

#include "FileChecks.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <unistd.h>

using namespace sportello;
using namespace sportello::test;

namespace {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

// Runs the CLI; `asUser` runs it as an unprivileged user (needed when the tests run as root, for
// whom no permission is ever missing).
CliRun runCli(const QStringList &arguments, bool asUser = false)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    if (asUser && ::geteuid() == 0)
        process.start(QStringLiteral("setpriv"),
                      QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                  QStringLiteral("--clear-groups"), QStringLiteral(SPORTELLO_CLI_PATH)} +
                          arguments);
    else
        process.start(QStringLiteral(SPORTELLO_CLI_PATH), arguments);
    REQUIRE(process.waitForStarted(30000));
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(60000);
    if (!finished)
        process.kill();
    REQUIRE(finished);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(bytes) == bytes.size());
    return path;
}

QString makeFifo(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    REQUIRE(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    return path;
}

void checkNothingNextTo(const QString &path)
{
    for (const char *suffix : {"-journal", "-wal", "-shm"}) {
        INFO(path.toStdString() << suffix);
        CHECK_FALSE(QFileInfo::exists(path + QLatin1String(suffix)));
    }
}

} // namespace

TEST_CASE("a pipe, a device, a socket or a folder as --database is refused at once by name, by every command",
          "[files][cli]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString posts = writeFile(dir.filePath(QStringLiteral("posts.jsonl")), "\n");
    QLocalServer socketServer;
    const QString socket = dir.filePath(QStringLiteral("socket.sqlite"));
    REQUIRE(socketServer.listen(socket));
    const QString folder = dir.filePath(QStringLiteral("folder.sqlite"));
    REQUIRE(QDir().mkpath(folder));
    struct Target {
        QString path;
        const char *what;
    };
    const Target targets[] = {{makeFifo(dir, QStringLiteral("pipe.sqlite")), "named pipe"},
                              {QStringLiteral("/dev/null"), "device"},
                              {QStringLiteral("/dev/zero"), "device"},
                              {socket, "socket"},
                              {folder, "folder"}};
    const QList<QStringList> commands{{QStringLiteral("check")},
                                      {QStringLiteral("demo")},
                                      {QStringLiteral("import"), posts},
                                      {QStringLiteral("policy"), QStringLiteral("show")},
                                      {QStringLiteral("account"), QStringLiteral("list")},
                                      {QStringLiteral("timers")},
                                      {QStringLiteral("complaints")}};
    for (const Target &target : targets) {
        for (const QStringList &command : commands) {
            const FilesBeside beside(target.path);
            const CliRun run = runCli(QStringList{QStringLiteral("--database"), target.path} + command);
            INFO(target.path.toStdString()
                 << " " << command.join(QLatin1Char(' ')).toStdString() << ": " << run.all().toStdString());
            CHECK(run.exitCode == 1);
            CHECK(run.err.contains(target.path));
            CHECK(run.err.contains(QLatin1String(target.what)));
            CHECK(beside.changed().isEmpty());
        }
    }
}

TEST_CASE("a pipe, a device or a socket given as a file to read is refused by name, unopened", "[files][cli]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString database = dir.filePath(QStringLiteral("cache.sqlite"));
    const QStringList db{QStringLiteral("--database"), database};
    QLocalServer socketServer;
    const QString socket = dir.filePath(QStringLiteral("socket.jsonl"));
    REQUIRE(socketServer.listen(socket));
    struct Input {
        QString path;
        const char *what;
    };
    const Input inputs[] = {{makeFifo(dir, QStringLiteral("pipe.jsonl")), "named pipe"},
                            {QStringLiteral("/dev/zero"), "device"},
                            {QStringLiteral("/dev/null"), "device"},
                            {socket, "socket"}};
    for (const Input &input : inputs) {
        INFO(input.path.toStdString());
        CliRun run = runCli(db + QStringList{QStringLiteral("import"), input.path});
        INFO(run.all().toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(input.path));
        CHECK(run.err.contains(QLatin1String(input.what)));
        CHECK_FALSE(run.err.contains(QLatin1String("empty")));

        run = runCli(db + QStringList{QStringLiteral("policy"), QStringLiteral("import"), input.path});
        INFO(run.all().toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(input.path));
        CHECK(run.err.contains(QLatin1String(input.what)));

        run = runCli(db + QStringList{QStringLiteral("guard"), QStringLiteral("--config"), input.path});
        INFO(run.all().toStdString());
        CHECK(run.exitCode != 0);
        CHECK(run.err.contains(input.path));
        CHECK(run.err.contains(QLatin1String(input.what)));
    }
}

TEST_CASE("check on an empty file writes nothing into it", "[files][cli]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString empty = writeFile(dir.filePath(QStringLiteral("empty.sqlite")), {});
    const CliRun run = runCli({QStringLiteral("--database"), empty, QStringLiteral("check")});
    INFO(run.all().toStdString());
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(empty));
    CHECK(run.err.contains(QLatin1String("empty")));
    CHECK_FALSE(run.out.contains(QLatin1String("sound")));
    CHECK(QFileInfo(empty).size() == 0);
    checkNothingNextTo(empty);
}

TEST_CASE("a cache the user cannot write next to, or cannot reach, is not called damaged or missing", "[files][cli]")
{
    if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty() && ::geteuid() == 0) {
        WARN("setpriv is missing: the permission checks cannot run as root");
        return;
    }
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    REQUIRE(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    const QString readOnly = dir.filePath(QStringLiteral("no-write"));
    const QString closed = dir.filePath(QStringLiteral("no-entry"));
    const QString readOnlyCache = readOnly + QStringLiteral("/cache.sqlite");
    const QString closedCache = closed + QStringLiteral("/cache.sqlite");
    for (const QString &cache : {readOnlyCache, closedCache}) {
        const CliRun made = runCli({QStringLiteral("--database"), cache, QStringLiteral("demo")});
        REQUIRE(made.exitCode == 0);
    }
    // The folders and caches belong to the user the CLI runs as; the folders lose their write
    // (and, for the closed one, search) permission.
    if (::geteuid() == 0) {
        for (const QString &path : {readOnly, readOnlyCache, closed, closedCache})
            REQUIRE(::chown(QFile::encodeName(path).constData(), 65534, 65534) == 0);
    }
    REQUIRE(::chmod(QFile::encodeName(readOnly).constData(), 0555) == 0);
    REQUIRE(::chmod(QFile::encodeName(closed).constData(), 0600) == 0);

    for (const QString &command : {QStringLiteral("check"), QStringLiteral("timers")}) {
        CliRun run = runCli({QStringLiteral("--database"), readOnlyCache, command}, true);
        INFO(run.all().toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(readOnlyCache));
        CHECK(run.err.contains(QLatin1String("is read-only for you")));
        CHECK_FALSE(run.err.contains(QLatin1String("damaged")));
        CHECK_FALSE(run.err.contains(QLatin1String("backup")));

        run = runCli({QStringLiteral("--database"), closedCache, command}, true);
        INFO(run.all().toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(closedCache));
        CHECK(run.err.contains(QLatin1String("cannot be reached")));
        CHECK_FALSE(run.err.contains(QLatin1String("does not exist")));
    }
    REQUIRE(::chmod(QFile::encodeName(readOnly).constData(), 0755) == 0);
    REQUIRE(::chmod(QFile::encodeName(closed).constData(), 0755) == 0);
    // Given its permissions back, the same cache is sound: nothing was changed.
    CHECK(runCli({QStringLiteral("--database"), readOnlyCache, QStringLiteral("check")}, true).exitCode == 0);
}

TEST_CASE("a policy file over the size limit is refused as too large, naming its size and the limit",
          "[files][cli][timers]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QStringList db{QStringLiteral("--database"), dir.filePath(QStringLiteral("cache.sqlite"))};
    const QString exported = dir.filePath(QStringLiteral("policy.json"));
    REQUIRE(runCli(db + QStringList{QStringLiteral("policy"), QStringLiteral("use"), QStringLiteral("systematic")})
                .exitCode == 0);
    REQUIRE(runCli(db + QStringList{QStringLiteral("policy"), QStringLiteral("export"), exported}).exitCode == 0);
    QByteArray policy;
    {
        QFile file(exported);
        REQUIRE(file.open(QIODevice::ReadOnly));
        policy = file.readAll();
    }
    REQUIRE(QJsonDocument::fromJson(policy).isObject());
    const qint64 limit = 1 << 20;
    // Valid JSON of every size around the limit: white space after the object.
    for (const qint64 size : {limit + 1, limit + 4096, qint64(10) * 1000 * 1000}) {
        QByteArray padded = policy;
        padded.append(QByteArray(size - policy.size(), ' '));
        REQUIRE(QJsonDocument::fromJson(padded).isObject());
        const QString path = writeFile(dir.filePath(QStringLiteral("big-%1.json").arg(size)), padded);
        const CliRun run = runCli(db + QStringList{QStringLiteral("policy"), QStringLiteral("import"), path});
        INFO(run.all().toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QLatin1String("too large")));
        CHECK(run.err.contains(QString::number(size)));
        CHECK(run.err.contains(QString::number(limit)));
        CHECK_FALSE(run.err.contains(QLatin1String("JSON")));
    }
    // At the limit, the same policy is read.
    QByteArray atLimit = policy;
    atLimit.append(QByteArray(limit - policy.size(), ' '));
    const QString path = writeFile(dir.filePath(QStringLiteral("at-limit.json")), atLimit);
    const CliRun run = runCli(db + QStringList{QStringLiteral("policy"), QStringLiteral("import"), path});
    INFO(run.all().toStdString());
    CHECK(run.exitCode == 0);
}
