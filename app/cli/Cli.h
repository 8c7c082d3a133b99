#pragma once
// Shared pieces of sportello-cli: output streams, exit codes, opening the cache, and the
// command table that main() dispatches on. Each command group lives in its own file.

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <QVector>
#include <functional>
#include <memory>

namespace sportello {
class Database;
}

namespace sportello::cli {

// 130 is the shell's code for a command ended by Ctrl+C (128 + SIGINT).
enum ExitCode { kOk = 0, kFailure = 1, kUsage = 2, kInterrupted = 130 };

QTextStream &out();
QTextStream &err();
// Prints the message and a pointer to --help on stderr; returns kUsage.
int usageError(const QString &message);
// Opens the cache, printing the reason on stderr when it cannot be opened.
std::unique_ptr<Database> openDatabase(const QString &path, bool createIfMissing);

struct Invocation {
    const QCommandLineParser &parser;
    QString databasePath;
    QStringList arguments; // positional arguments after the command's name
};

struct Command {
    QString name;
    QString summary;  // one line for the command list, translated
    QString synopsis; // e.g. "import [--skip-invalid] FILE..."
    std::function<void(QCommandLineParser &)> addOptions;
    std::function<int(const Invocation &)> run;
};

// The command groups; main() lists them in this order.
QVector<Command> importCommands();   // import, demo, check
QVector<Command> classifyCommands(); // classify
QVector<Command> guardCommands();    // guard
QVector<Command> timerCommands();    // timers, policy, complaints
QVector<Command> accountCommands();  // account
QVector<Command> syncCommands();     // sync, decide
QVector<Command> reportCommands();   // report

} // namespace sportello::cli
