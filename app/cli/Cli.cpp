#include "cli/Cli.h"

#include "accounts/Accounts.h"
#include "cache/OpenCache.h"
#include "common/Secrets.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QIODevice>

#include <cstdio>
#include <iostream>
#include <string>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <windows.h>
#endif
#include <utility>

namespace sportello::cli {

namespace {

bool mayContinueAWord(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%' ||
           c == '-';
}

// Everything the CLI prints passes here: a value the user typed (a path, an id, an option's value)
// is quoted back in messages, and it may be a token pasted in the wrong place. The end of a write
// that may be the start of a token (or of a UTF-8 character) waits for the next write or the end.
class HidingDevice : public QIODevice {
public:
    explicit HidingDevice(FILE *file) : m_file(file) { open(QIODevice::WriteOnly | QIODevice::Unbuffered); }
    ~HidingDevice() override { emitText(std::exchange(m_pending, {})); }
    HidingDevice(const HidingDevice &) = delete;
    HidingDevice &operator=(const HidingDevice &) = delete;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        m_pending.append(data, size);
        qsizetype end = m_pending.size();
        while (end > 0 && mayContinueAWord(m_pending.at(end - 1)))
            --end;
        emitText(m_pending.left(end));
        m_pending.remove(0, end);
        return size;
    }

private:
    void emitText(const QByteArray &bytes) const
    {
        if (bytes.isEmpty())
            return;
        const QByteArray shown = hideCredentials(QString::fromUtf8(bytes)).toUtf8();
        std::fwrite(shown.constData(), 1, size_t(shown.size()), m_file);
        std::fflush(m_file);
    }

    FILE *m_file;
    QByteArray m_pending;
};

} // namespace

QTextStream &out()
{
    static HidingDevice device(stdout);
    static QTextStream stream(&device);
    return stream;
}

QTextStream &err()
{
    static HidingDevice device(stderr);
    static QTextStream stream(&device);
    return stream;
}

// Reads one line from standard input without echoing it when it is a terminal.
QString readSecretLine(const QString &prompt)
{
    std::string line;
#if defined(Q_OS_UNIX)
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        err() << prompt << Qt::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err() << Qt::endl;
    }
#elif defined(Q_OS_WIN)
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    const bool console = GetConsoleMode(in, &mode);
    if (console) {
        err() << prompt << Qt::flush;
        SetConsoleMode(in, mode & ~DWORD(ENABLE_ECHO_INPUT));
    }
    std::getline(std::cin, line);
    if (console) {
        SetConsoleMode(in, mode);
        err() << Qt::endl;
    }
#else
    Q_UNUSED(prompt);
    std::getline(std::cin, line);
#endif
    return QString::fromUtf8(line.data(), qsizetype(line.size())).trimmed();
}

Result<QString> passwordFromEnvironment(const QString &option, const QString &variable)
{
    if (!accounts::isValidEnvironmentName(variable))
        return Error{QCoreApplication::translate(
                         "Cli", "--%1 needs the name of an environment variable, not the password itself.")
                         .arg(option),
                     ErrorKind::InvalidInput};
    const QByteArray value = qgetenv(variable.toLocal8Bit().constData());
    if (value.isEmpty())
        return Error{
            QCoreApplication::translate("Cli", "The environment variable %1 named by --%2 is empty or not set.")
                .arg(variable, option),
            ErrorKind::InvalidInput};
    return QString::fromUtf8(value);
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
