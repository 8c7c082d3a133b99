#pragma once
// Runs sportello-cli as a separate process for the CLI tests: English messages, standard input
// given, output and exit code collected. The test target defines SPORTELLO_CLI_PATH.

#include "catch_compat.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <utility>

namespace sportello::test {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

// Adds each of `extra` to the environment, or removes it when its value is empty.
inline void overlayEnvironment(QProcessEnvironment &environment, const QList<std::pair<QString, QString>> &extra)
{
    for (const auto &[name, value] : extra) {
        if (value.isEmpty())
            environment.remove(name);
        else
            environment.insert(name, value);
    }
}

// `extra` adds to (or, with an empty value, removes from) the environment.
inline CliRun runCli(const QStringList &arguments, const QByteArray &input,
                     const QList<std::pair<QString, QString>> &extra = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8")); // English messages
    environment.remove(QStringLiteral("LANGUAGE"));
    overlayEnvironment(environment, extra);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH), arguments);
    REQUIRE(process.waitForStarted(30000));
    process.write(input);
    process.closeWriteChannel();
    REQUIRE(process.waitForFinished(60000));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// The output's lines, without the empty one after the final line break.
inline QStringList outputLines(const QString &out)
{
    QStringList lines = out.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace sportello::test
