// The release's identity (docs/release.md): one version, from project() in CMakeLists.txt, that
// both executables print with the commit and its date; the build info script that computes those
// at build time; and the changelog's top release, which must be the version being built.

#include "CliProcess.h"
#include "catch_compat.h"
#include "version/BuildInfo.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace sportello;
using namespace sportello::test;

namespace {

// `program arguments`, run with no display at all: no X server, no Wayland, no platform plug-in
// chosen, as in an SSH session or a packaging check.
CliRun runWithoutDisplay(const QString &program, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANGUAGE"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    REQUIRE(process.waitForStarted(30000));
    REQUIRE(process.waitForFinished(60000));
    INFO(process.readAllStandardError().toStdString());
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// cmake/BuildInfo.cmake run as the build runs it, with `environment` added (an empty value
// removes the variable); returns the header it wrote.
QString runBuildInfo(const QString &sourceDir, const QString &output, const QList<std::pair<QString, QString>> &extra)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("SPORTELLO_COMMIT"));
    environment.remove(QStringLiteral("SOURCE_DATE_EPOCH"));
    overlayEnvironment(environment, extra);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CMAKE_COMMAND),
                  {QStringLiteral("-DSOURCE_DIR=") + sourceDir, QStringLiteral("-DOUTPUT=") + output, QStringLiteral("-P"),
                   QStringLiteral(SPORTELLO_SOURCE_DIR "/cmake/BuildInfo.cmake")});
    REQUIRE(process.waitForFinished(60000));
    INFO(process.readAllStandardError().toStdString());
    REQUIRE(process.exitCode() == 0);
    QFile file(output);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return QString::fromUtf8(file.readAll());
}

QString define(const QString &header, const QString &name)
{
    const QRegularExpression line(QStringLiteral("#define %1 \"([^\"]*)\"").arg(name));
    return line.match(header).captured(1);
}

// "sportello-cli 0.1.0 (commit 8afa59a, built 2026-12-07)"
const QRegularExpression kVersionLine(
    QStringLiteral(R"(^(\S+) (\d+\.\d+\.\d+) \(commit ([A-Za-z0-9._+-]+), built (\d{4}-\d{2}-\d{2}|unknown)\)$)"));

} // namespace

TEST_CASE("the version is project()'s, and the build knows its commit and date", "[release]")
{
    CHECK(versionNumber() == QLatin1String(SPORTELLO_PROJECT_VERSION));
    CHECK_FALSE(buildCommit().isEmpty());
    CHECK_FALSE(buildDate().isEmpty());
    const QRegularExpressionMatch match = kVersionLine.match(versionLine(QStringLiteral("sportello")));
    REQUIRE(match.hasMatch());
    CHECK(match.captured(2) == versionNumber());
    CHECK(match.captured(3) == buildCommit());
    CHECK(match.captured(4) == buildDate());
}

TEST_CASE("both executables print the version, commit and build date, without a display", "[release]")
{
    for (const auto &[path, name] : {std::pair{QStringLiteral(SPORTELLO_CLI_PATH), QStringLiteral("sportello-cli")},
                                     std::pair{QStringLiteral(SPORTELLO_GUI_PATH), QStringLiteral("sportello")}}) {
        INFO(name.toStdString());
        const CliRun run = runWithoutDisplay(path, {QStringLiteral("--version")});
        CHECK(run.exitCode == 0);
        CHECK(outputLines(run.out) == QStringList{versionLine(name)});
        CHECK(kVersionLine.match(run.out.trimmed()).hasMatch());
    }
}

TEST_CASE("sportello --help answers without a display", "[release]")
{
    const CliRun run = runWithoutDisplay(QStringLiteral(SPORTELLO_GUI_PATH), {QStringLiteral("--help")});
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("--database <path>")));
    CHECK(run.out.contains(QLatin1String("--demo")));
    CHECK(run.out.contains(QLatin1String("--version")));
    CHECK_FALSE(run.out.contains(QLatin1String("--screenshot"))); // hidden: for the documentation's pictures
    // The options still work with Qt's own before them, which only the full parse knows.
    const CliRun withQtOption = runWithoutDisplay(QStringLiteral(SPORTELLO_GUI_PATH),
                                                  {QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                                   QStringLiteral("--version")});
    CHECK(withQtOption.exitCode == 0);
    CHECK(outputLines(withQtOption.out) == QStringList{versionLine(QStringLiteral("sportello"))});
    const CliRun helpWithQtOption = runWithoutDisplay(
        QStringLiteral(SPORTELLO_GUI_PATH), {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--help")});
    CHECK(helpWithQtOption.exitCode == 0);
    CHECK(helpWithQtOption.out.contains(QLatin1String("--database <path>")));
}

TEST_CASE("Qt's own single-dash options with an h or a v start the console, not the help or the version", "[release]")
{
    QTemporaryDir home;
    REQUIRE(home.isValid());
    QFile styleSheet(home.filePath(QStringLiteral("style.qss")));
    REQUIRE(styleSheet.open(QIODevice::WriteOnly));
    styleSheet.close();
    const QString png = home.filePath(QStringLiteral("console.png"));
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    process.setProcessEnvironment(environment);
    // -reverse holds a v, -stylesheet and -platform an h: read as one-letter options they would
    // answer --version or --help and exit without starting.
    process.start(QStringLiteral(SPORTELLO_GUI_PATH),
                  {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-reverse"),
                   QStringLiteral("-stylesheet"), styleSheet.fileName(), QStringLiteral("--demo"),
                   QStringLiteral("--screenshot"), png});
    REQUIRE(process.waitForFinished(120000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    INFO(out.toStdString() << process.readAllStandardError().toStdString());
    CHECK(process.exitCode() == 0);
    CHECK_FALSE(out.contains(versionLine(QStringLiteral("sportello"))));
    CHECK_FALSE(out.contains(QLatin1String("--database")));
    CHECK(QFileInfo(png).size() > 0);
}

TEST_CASE("the build info script reads the commit and its date, and is overridden for tarballs", "[release]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString output = dir.filePath(QStringLiteral("BuildInfo.h"));

    SECTION("outside a git tree: unknown, or what the environment says")
    {
        const QString source = dir.filePath(QStringLiteral("tarball"));
        REQUIRE(QDir().mkpath(source));
        QString header = runBuildInfo(source, output, {});
        CHECK(define(header, QStringLiteral("SPORTELLO_COMMIT")) == QLatin1String("unknown"));
        CHECK(define(header, QStringLiteral("SPORTELLO_BUILD_DATE")) == QLatin1String("unknown"));
        header = runBuildInfo(source, output,
                              {{QStringLiteral("SPORTELLO_COMMIT"), QStringLiteral("v0.1.0")},
                               {QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("1780000000")}});
        CHECK(define(header, QStringLiteral("SPORTELLO_COMMIT")) == QLatin1String("v0.1.0"));
        CHECK(define(header, QStringLiteral("SPORTELLO_BUILD_DATE")) == QLatin1String("2026-05-28"));
        // Characters a C string would need escaped do not reach the header.
        header = runBuildInfo(source, output, {{QStringLiteral("SPORTELLO_COMMIT"), QStringLiteral("a\"b\\c d")}});
        CHECK(define(header, QStringLiteral("SPORTELLO_COMMIT")) == QLatin1String("a_b_c_d"));
    }

    SECTION("in a git tree: the commit, -dirty with changes, the commit's date; rewritten only on a change")
    {
        const QString repo = dir.filePath(QStringLiteral("repo"));
        REQUIRE(QDir().mkpath(repo));
        const auto git = [&repo](const QStringList &arguments) {
            QProcess process;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("GIT_AUTHOR_DATE"), QStringLiteral("2026-03-02T10:00:00Z"));
            environment.insert(QStringLiteral("GIT_COMMITTER_DATE"), QStringLiteral("2026-03-02T23:30:00Z"));
            process.setProcessEnvironment(environment);
            process.setWorkingDirectory(repo);
            process.start(QStringLiteral("git"), QStringList{QStringLiteral("-c"), QStringLiteral("user.name=t"),
                                                             QStringLiteral("-c"), QStringLiteral("user.email=t@t")} +
                                                     arguments);
            REQUIRE(process.waitForFinished(30000));
            REQUIRE(process.exitCode() == 0);
            return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
        };
        git({QStringLiteral("init"), QStringLiteral("-q")});
        QFile file(repo + QStringLiteral("/a.txt"));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("a\n");
        file.close();
        git({QStringLiteral("add"), QStringLiteral("a.txt")});
        git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("first")});
        const QString commit = git({QStringLiteral("describe"), QStringLiteral("--always")});
        REQUIRE_FALSE(commit.isEmpty());

        QString header = runBuildInfo(repo, output, {});
        CHECK(define(header, QStringLiteral("SPORTELLO_COMMIT")) == commit);
        CHECK(define(header, QStringLiteral("SPORTELLO_BUILD_DATE")) == QLatin1String("2026-03-02"));

        // Nothing changed: the header is left alone, so nothing is compiled again.
        const QDateTime longAgo = QDateTime::fromSecsSinceEpoch(1000000000, Qt::UTC);
        {
            QFile written(output);
            REQUIRE(written.open(QIODevice::ReadWrite));
            REQUIRE(written.setFileTime(longAgo, QFileDevice::FileModificationTime));
        }
        header = runBuildInfo(repo, output, {});
        CHECK(define(header, QStringLiteral("SPORTELLO_COMMIT")) == commit);
        CHECK(QFileInfo(output).lastModified() == longAgo);

        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("b\n");
        file.close();
        header = runBuildInfo(repo, output, {});
        CHECK(define(header, QStringLiteral("SPORTELLO_COMMIT")) == commit + QStringLiteral("-dirty"));
        // SOURCE_DATE_EPOCH wins over the commit's date (reproducible builds set it).
        header = runBuildInfo(repo, output, {{QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("0")}});
        CHECK(define(header, QStringLiteral("SPORTELLO_BUILD_DATE")) == QLatin1String("1970-01-01"));

        // A tarball unpacked inside this repository is not this repository's commit.
        const QString unpacked = repo + QStringLiteral("/sportello-0.1.0");
        REQUIRE(QDir().mkpath(unpacked));
        header = runBuildInfo(unpacked, output, {});
        CHECK(define(header, QStringLiteral("SPORTELLO_COMMIT")) == QLatin1String("unknown"));
        CHECK(define(header, QStringLiteral("SPORTELLO_BUILD_DATE")) == QLatin1String("unknown"));
    }
}

TEST_CASE("the changelog's latest release is the version being built", "[release]")
{
    QFile file(QStringLiteral(SPORTELLO_SOURCE_DIR "/CHANGELOG.md"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    // "## [0.1.0] - 2026-12-07"; "## [Unreleased]" above it collects what the next one brings.
    static const QRegularExpression release(QStringLiteral(R"(^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$)"),
                                            QRegularExpression::MultilineOption);
    const QRegularExpressionMatch latest = release.match(text);
    REQUIRE(latest.hasMatch());
    CHECK(latest.captured(1) == QLatin1String(SPORTELLO_PROJECT_VERSION));
    CHECK(text.indexOf(QLatin1String("## [Unreleased]")) < latest.capturedStart());
}
