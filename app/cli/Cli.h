#pragma once
// Shared pieces of sportello-cli: output streams, exit codes, opening the cache, and the
// command table that main() dispatches on. Each command group lives in its own file.

#include "common/Result.h"

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

// kBusy: the cache is locked by another program (or the keychain did not answer in time), so
// running the same command again later may work. kNothingToDo and kAtCapacity are outcomes, not
// errors: `team next` found no thread for the agent (or `team release` no claim to let go), or
// the agent already holds as many threads as their capacity. 130 is the shell's code for a
// command ended by Ctrl+C (128 + SIGINT). See docs/cli.md.
enum ExitCode { kOk = 0, kFailure = 1, kUsage = 2, kNothingToDo = 3, kBusy = 4, kAtCapacity = 5, kInterrupted = 130 };

// The exit code of a command that failed with an error of this kind: kBusy for Busy, else
// kFailure. Finer codes (not found, corrupt...) would change what scripts already rely on.
int exitCodeFor(ErrorKind kind);
// Prints the error's message on stderr; returns exitCodeFor(its kind).
int fail(const Error &error);

// Both hide credentials (common/Secrets.h) from everything written to them.
QTextStream &out();
QTextStream &err();
// Reads one line from standard input, without echoing it when it is a terminal (the prompt goes
// to stderr then). For tokens and passwords.
QString readSecretLine(const QString &prompt);
// The password in the environment variable that an option (--password-env...) names: refused
// when the option holds no variable name (a password typed there), or the variable is empty.
Result<QString> passwordFromEnvironment(const QString &option, const QString &variable);
// Prints the message and a pointer to --help on stderr; returns kUsage.
int usageError(const QString &message);

// The cache a command works on, or why it could not be opened.
class OpenedCache {
public:
    explicit OpenedCache(Result<std::unique_ptr<Database>> opened);
    OpenedCache(OpenedCache &&) noexcept;
    OpenedCache &operator=(OpenedCache &&) noexcept;
    ~OpenedCache();
    explicit operator bool() const { return m_database != nullptr; }
    Database &operator*() const { return *m_database; }
    Database *operator->() const { return m_database.get(); }
    // For a cache that could not be opened: exitCodeFor the refusal's kind.
    int exitCode() const { return exitCodeFor(m_failure.kind); }
    const Error &failure() const { return m_failure; }

private:
    std::unique_ptr<Database> m_database;
    Error m_failure;
};
// Opens the cache, printing the reason on stderr when it cannot be opened.
OpenedCache openDatabase(const QString &path, bool createIfMissing);

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
QVector<Command> importCommands();     // import, demo, check
QVector<Command> classifyCommands();   // classify
QVector<Command> guardCommands();      // guard
QVector<Command> timerCommands();      // timers, policy, complaints
QVector<Command> handoffCommands();    // handoff
QVector<Command> accountCommands();    // account
QVector<Command> syncCommands();       // sync, decide
QVector<Command> reportCommands();     // report
QVector<Command> customerCommands();   // customer
QVector<Command> teamCommands();       // team
QVector<Command> hubCommands();        // hub
QVector<Command> moderationCommands(); // moderate
QVector<Command> inAppCommands();      // inapp
QVector<Command> privacyCommands();    // privacy: gathers the actions below into one command
QVector<Command> teamPrivacyCommands(); // team-retention (TeamPrivacyCommands.cpp)

// One action of `sportello-cli privacy` (erase, scrub, and those other files add): privacyCommands()
// (PrivacyCommands.cpp) lists every group's actions under the one command, their options merged
// (an option two actions share, such as --json, is declared once). Invocation::arguments starts
// with the action's name.
struct PrivacyAction {
    QString name;     // "erase"
    QString synopsis; // "erase --author CHANNEL:AUTHOR_ID ..." (after "privacy ")
    QList<QCommandLineOption> options;
    std::function<int(const Invocation &)> run;
};
QVector<PrivacyAction> privacyErasureActions(); // erase, scrub (PrivacyCommands.cpp)
QVector<PrivacyAction> privacyRetentionActions(); // retention show|set|dry-run|run (RetentionCommands.cpp)
QVector<PrivacyAction> privacyAccessActions();    // export, access-log (AccessCommands.cpp)

} // namespace sportello::cli
