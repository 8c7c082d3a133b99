#include "SourceScan.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <functional>

namespace sportello::test {

namespace {

enum class Kind { Identifier, Literal, Punct, Other };

struct Token {
    Kind kind = Kind::Other;
    QByteArray text;
    int line = 1;
    bool nonAscii = false; // a literal holding a byte >= 0x80, as is or as an escape
    QByteArray suffix;     // a literal's user-defined suffix, such as _L1
};

bool isIdentifierStart(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isIdentifierChar(char c) { return isIdentifierStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool isHigh(char c) { return static_cast<unsigned char>(c) >= 0x80; }

class Scanner {
public:
    explicit Scanner(const QByteArray &source) : m_s(source) {}

    QVector<Token> tokens()
    {
        QVector<Token> out;
        while (m_i < m_s.size()) {
            const char c = m_s.at(m_i);
            if (c == '\n') {
                ++m_line;
                ++m_i;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\\') {
                ++m_i; // a backslash here joins lines (the newline is counted next)
            } else if (c == '/' && peek(1) == '/') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '"' || c == '\'') {
                out << literal(m_i, false);
            } else if (isIdentifierStart(c)) {
                const int start = m_i;
                while (m_i < m_s.size() && isIdentifierChar(m_s.at(m_i)))
                    ++m_i;
                const QByteArray word = m_s.mid(start, m_i - start);
                const char next = peek(0);
                // An encoding prefix belongs to the literal it opens: u8"...", L'x', R"(...)".
                if (next == '"' && (word == "R" || word == "u8R" || word == "uR" || word == "UR" || word == "LR")) {
                    out << literal(start, true);
                } else if ((next == '"' || next == '\'') &&
                           (word == "u8" || word == "u" || word == "U" || word == "L")) {
                    out << literal(start, false);
                } else {
                    out << Token{Kind::Identifier, word, m_line, false, {}};
                }
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                skipNumber();
            } else {
                out << Token{isHigh(c) ? Kind::Other : Kind::Punct, QByteArray(1, c), m_line, false, {}};
                ++m_i;
            }
        }
        return out;
    }

private:
    char peek(int ahead) const { return m_i + ahead < m_s.size() ? m_s.at(m_i + ahead) : '\0'; }

    void skipLineComment()
    {
        while (m_i < m_s.size() && m_s.at(m_i) != '\n') {
            // A backslash at the end of the line continues the comment on the next one.
            if (m_s.at(m_i) == '\\' && peek(1) == '\n') {
                ++m_line;
                ++m_i;
            }
            ++m_i;
        }
    }

    void skipBlockComment()
    {
        m_i += 2;
        while (m_i < m_s.size() && !(m_s.at(m_i) == '*' && peek(1) == '/')) {
            if (m_s.at(m_i) == '\n')
                ++m_line;
            ++m_i;
        }
        m_i = qMin(m_i + 2, int(m_s.size()));
    }

    // Digits, with their separators (1'000'000), exponents and suffixes.
    void skipNumber()
    {
        while (m_i < m_s.size()) {
            const char c = m_s.at(m_i);
            const char before = m_i > 0 ? m_s.at(m_i - 1) : '\0';
            const bool exponentSign =
                (c == '+' || c == '-') && (before == 'e' || before == 'E' || before == 'p' || before == 'P');
            const bool separator = c == '\'' && isHexDigit(peek(1));
            if (isIdentifierChar(c) || c == '.' || exponentSign || separator)
                ++m_i;
            else
                break;
        }
    }

    // The literal starting at `start` (its prefix, if any); m_i is at its opening quote.
    Token literal(int start, bool raw)
    {
        Token t{Kind::Literal, {}, m_line, false, {}};
        const char quote = m_s.at(m_i);
        ++m_i;
        if (raw) {
            // R"delimiter( ... )delimiter"
            const int open = m_s.indexOf('(', m_i);
            const QByteArray delimiter = open < 0 ? QByteArray() : m_s.mid(m_i, open - m_i);
            const QByteArray end = ')' + delimiter + '"';
            const int close = open < 0 ? -1 : m_s.indexOf(end, open + 1);
            const int stop = close < 0 ? int(m_s.size()) : close + int(end.size());
            for (; m_i < stop; ++m_i) {
                if (m_s.at(m_i) == '\n')
                    ++m_line;
                t.nonAscii = t.nonAscii || isHigh(m_s.at(m_i));
            }
        } else {
            while (m_i < m_s.size() && m_s.at(m_i) != quote && m_s.at(m_i) != '\n') {
                if (m_s.at(m_i) == '\\') {
                    ++m_i;
                    escape(t);
                } else {
                    t.nonAscii = t.nonAscii || isHigh(m_s.at(m_i));
                    ++m_i;
                }
            }
            if (m_i < m_s.size() && m_s.at(m_i) == quote)
                ++m_i; // an unterminated literal ends at the line's end
        }
        // A user-defined suffix written right after the literal: "..."_L1.
        const int suffixStart = m_i;
        while (m_i < m_s.size() && isIdentifierChar(m_s.at(m_i)))
            ++m_i;
        t.suffix = m_s.mid(suffixStart, m_i - suffixStart);
        t.text = m_s.mid(start, m_i - start);
        return t;
    }

    // An escape after its backslash: \x.., \ooo, \u...., \U........ name a byte or character
    // that may be outside ASCII; the others are ASCII.
    void escape(Token &t)
    {
        if (m_i >= m_s.size())
            return;
        const char c = m_s.at(m_i);
        uint value = 0;
        if (c == 'x') {
            ++m_i;
            while (m_i < m_s.size() && isHexDigit(m_s.at(m_i)))
                value = value * 16 + uint(QByteArray(1, m_s.at(m_i++)).toUInt(nullptr, 16));
        } else if (c >= '0' && c <= '7') {
            for (int n = 0; n < 3 && m_i < m_s.size() && m_s.at(m_i) >= '0' && m_s.at(m_i) <= '7'; ++n)
                value = value * 8 + uint(m_s.at(m_i++) - '0');
        } else if (c == 'u' || c == 'U') {
            ++m_i;
            for (int n = 0; n < (c == 'u' ? 4 : 8) && m_i < m_s.size() && isHexDigit(m_s.at(m_i)); ++n)
                value = value * 16 + uint(QByteArray(1, m_s.at(m_i++)).toUInt(nullptr, 16));
        } else {
            if (c == '\n')
                ++m_line; // a continued line
            t.nonAscii = t.nonAscii || isHigh(c);
            ++m_i;
        }
        t.nonAscii = t.nonAscii || value >= 0x80;
    }

    const QByteArray &m_s;
    int m_i = 0;
    int m_line = 1;
};

bool isLatin1Type(const QByteArray &word)
{
    return word == "QLatin1String" || word == "QLatin1Char" || word == "QLatin1StringView" || word == "QLatin1Literal";
}

bool isOpening(const Token &t) { return t.kind == Kind::Punct && (t.text == "(" || t.text == "{" || t.text == "["); }
bool isClosing(const Token &t) { return t.kind == Kind::Punct && (t.text == ")" || t.text == "}" || t.text == "]"); }

} // namespace

QVector<Latin1Offence> nonAsciiLatin1Literals(const QByteArray &source)
{
    const QVector<Token> tokens = Scanner(source).tokens();
    QVector<QByteArray> flagged(tokens.size()); // the call that makes each literal Latin-1
    for (int i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens.at(i);
        if (t.kind == Kind::Literal && t.suffix == "_L1")
            flagged[i] = "_L1";
        if (t.kind != Kind::Identifier || !isLatin1Type(t.text))
            continue;
        int j = i + 1;
        if (j < tokens.size() && tokens.at(j).kind == Kind::Identifier)
            ++j; // a declaration: QLatin1String name("...")
        if (j >= tokens.size() || !(tokens.at(j).text == "(" || tokens.at(j).text == "{"))
            continue;
        // Every literal up to the matching bracket, however many lines the arguments take.
        int depth = 0;
        for (int k = j; k < tokens.size(); ++k) {
            if (isOpening(tokens.at(k)))
                ++depth;
            else if (isClosing(tokens.at(k)) && --depth == 0)
                break;
            else if (tokens.at(k).kind == Kind::Literal && flagged.at(k).isEmpty())
                flagged[k] = t.text;
        }
    }
    QVector<Latin1Offence> offences;
    for (int i = 0; i < tokens.size(); ++i)
        if (!flagged.at(i).isEmpty() && tokens.at(i).nonAscii)
            offences.push_back({tokens.at(i).line, flagged.at(i), tokens.at(i).text});
    return offences;
}

namespace {

// Calls `scan(relative path, contents)` for each C++ file under the folders, in path order.
SourceScanReport scanSources(const QString &root, const QStringList &folders,
                             const std::function<QStringList(const QString &, const QByteArray &)> &scan)
{
    SourceScanReport report;
    const QStringList patterns{QStringLiteral("*.h"), QStringLiteral("*.hpp"), QStringLiteral("*.cpp"),
                               QStringLiteral("*.cc"), QStringLiteral("*.mm")};
    const QDir base(root);
    for (const QString &folder : folders) {
        QDirIterator it(base.filePath(folder), patterns, QDir::Files, QDirIterator::Subdirectories);
        QStringList paths;
        while (it.hasNext())
            paths << it.next();
        paths.sort();
        for (const QString &path : paths) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                report.unreadable << path;
                continue;
            }
            ++report.files;
            report.offences += scan(base.relativeFilePath(path), file.readAll());
        }
    }
    return report;
}

// Headers of POSIX (and of its common extensions) that Windows does not have, and Windows' own
// that the others do not: an #include of one belongs in platform code.
bool isPlatformHeader(const QByteArray &name)
{
    static const QSet<QByteArray> exact{
        "unistd.h", "fcntl.h", "pwd.h", "grp.h", "dlfcn.h", "termios.h", "poll.h", "dirent.h", "pthread.h",
        "netdb.h", "syslog.h", "spawn.h", "libgen.h", "glob.h", "fnmatch.h", "sched.h", "semaphore.h",
        "strings.h", "utime.h", "regex.h", "wordexp.h", "ifaddrs.h", "err.h", "execinfo.h", "getopt.h",
        "langinfo.h", "mqueue.h", "aio.h", "utmp.h", "utmpx.h", "pty.h", "paths.h", "sysexits.h", "ucontext.h",
        "windows.h", "winsock2.h", "ws2tcpip.h", "io.h", "direct.h", "process.h", "shlobj.h", "winbase.h"};
    const QByteArray lower = name.toLower();
    return exact.contains(lower) || lower.startsWith("sys/") || lower.startsWith("netinet/") ||
           lower.startsWith("arpa/") || lower.startsWith("net/") || lower.startsWith("linux/") ||
           lower.startsWith("mach/");
}

// Functions POSIX has and Windows' C library does not (or has under another name, with other
// behaviour). Names as common as open, read, write, close, access, wait, select, poll, signal
// (also standard C), truncate or basename are left out: a method, a local function or a lambda of
// that name is called unqualified too, and would be a false alarm.
bool isPosixFunction(const QByteArray &name)
{
    static const QSet<QByteArray> names{
        // processes
        "fork", "vfork", "execl", "execlp", "execle", "execv", "execvp", "execvpe", "execve", "fexecve",
        "posix_spawn", "posix_spawnp", "waitpid", "wait3", "wait4", "getpid", "getppid", "getpgid", "setpgid",
        "setsid", "kill", "killpg", "getrlimit", "setrlimit", "getrusage",
        // users
        "getuid", "geteuid", "getgid", "getegid", "setuid", "seteuid", "setgid", "setegid", "getlogin",
        "getpwuid", "getpwnam", "getpwuid_r", "getpwnam_r", "getgrgid", "getgrnam", "getgroups", "initgroups",
        // signals
        "sigaction", "sigemptyset", "sigfillset", "sigaddset", "sigdelset", "sigprocmask",
        "pthread_sigmask", "sigwait", "alarm", "sigsuspend",
        // pipes, descriptors, terminals
        "pipe", "pipe2", "popen", "pclose", "dup", "dup2", "dup3", "fcntl", "ioctl", "isatty", "ttyname",
        "tcgetattr", "tcsetattr", "socketpair", "pread", "pwrite", "fsync", "fdatasync",
        "ftruncate", "mmap", "munmap", "mprotect", "msync", "sysconf", "pathconf", "uname",
        // files
        "mkstemp", "mkstemps", "mkdtemp", "mkfifo", "mknod", "realpath", "chmod", "fchmod", "chown", "fchown",
        "lchown", "symlink", "readlink", "lstat", "fstat", "fstatat", "flock", "lockf", "umask", "getcwd",
        "chdir", "fchdir", "opendir", "readdir", "closedir", "scandir", "nftw", "ftw", "utimes", "futimes",
        // environment, time, libraries, logs
        "setenv", "unsetenv", "putenv", "sleep", "usleep", "nanosleep", "gettimeofday", "clock_gettime",
        "localtime_r", "gmtime_r", "strptime", "timegm", "strerror_r", "dlopen", "dlsym", "dlclose", "dlerror",
        "syslog", "openlog", "closelog", "strcasecmp", "strncasecmp", "strdup", "strndup"};
    return names.contains(name);
}

// Macros whose test marks a block as written for some platforms.
bool namesPlatform(const QVector<Token> &condition)
{
    static const QSet<QByteArray> macros{"_WIN32", "_WIN64", "WIN32", "__unix__", "__unix", "__linux__",
                                         "__linux", "__APPLE__", "__MACH__", "__FreeBSD__", "_POSIX_VERSION"};
    for (const Token &t : condition)
        if (t.kind == Kind::Identifier && (t.text.startsWith("Q_OS_") || macros.contains(t.text)))
            return true;
    return false;
}

bool isPunct(const Token &t, char c) { return t.kind == Kind::Punct && t.text.size() == 1 && t.text.at(0) == c; }

// A literal that names a place in one system's tree, where Qt gives the portable one.
bool isFixedPath(const QByteArray &literal)
{
    const int quote = literal.indexOf('"');
    if (quote < 0)
        return false;
    const QByteArray text = literal.mid(quote + 1);
    return text.startsWith("/tmp") || text.startsWith("~/") || text.startsWith("/home/") ||
           text.startsWith("/Users/") || text.startsWith("C:\\\\") || text.startsWith("C:/");
}

} // namespace

SourceScanReport scanLatin1Literals(const QString &root, const QStringList &folders)
{
    return scanSources(root, folders, [](const QString &path, const QByteArray &source) {
        QStringList found;
        for (const Latin1Offence &o : nonAsciiLatin1Literals(source))
            found << QStringLiteral("%1:%2: %3(%4)")
                         .arg(path)
                         .arg(o.line)
                         .arg(QString::fromLatin1(o.call), QString::fromUtf8(o.literal));
        return found;
    });
}

QVector<PlatformOffence> unguardedPlatformCode(const QByteArray &source)
{
    const QVector<Token> tokens = Scanner(source).tokens();
    const QList<QByteArray> lines = source.split('\n');
    // A directive's tokens: from its '#' to the end of its line, and of the lines a backslash
    // continues it on.
    const auto directiveEnd = [&](int i) {
        int lastLine = tokens.at(i).line;
        while (lastLine - 1 < lines.size() && lines.at(lastLine - 1).trimmed().endsWith('\\'))
            ++lastLine;
        int j = i + 1;
        while (j < tokens.size() && tokens.at(j).line <= lastLine)
            ++j;
        return j;
    };

    QVector<PlatformOffence> offences;
    QVector<bool> blocks; // one per open #if: whether it is for some platforms
    const auto guarded = [&blocks] { return blocks.contains(true); };
    for (int i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens.at(i);
        const bool startsLine = i == 0 || tokens.at(i - 1).line != t.line;
        if (isPunct(t, '#') && startsLine && i + 1 < tokens.size() && tokens.at(i + 1).line == t.line) {
            const QByteArray directive = tokens.at(i + 1).text;
            const int end = directiveEnd(i);
            const QVector<Token> condition = tokens.mid(i + 2, end - i - 2);
            if (directive == "if" || directive == "ifdef" || directive == "ifndef") {
                blocks << namesPlatform(condition);
            } else if (directive == "elif" || directive == "elifdef" || directive == "elifndef") {
                if (!blocks.isEmpty())
                    blocks.last() = blocks.last() || namesPlatform(condition);
            } else if (directive == "endif") {
                if (!blocks.isEmpty())
                    blocks.removeLast();
            } else if (directive == "include" && !guarded()) {
                // <name>, as tokens: '<' sys '/' stat '.' h '>'
                QByteArray name;
                if (!condition.isEmpty() && isPunct(condition.first(), '<'))
                    for (int k = 1; k < condition.size() && !isPunct(condition.at(k), '>'); ++k)
                        name += condition.at(k).text;
                if (isPlatformHeader(name))
                    offences.push_back({t.line, "#include <" + name + ">"});
            }
            i = end - 1; // a directive's words are not calls
            continue;
        }
        if (guarded())
            continue;
        if (t.kind == Kind::Literal && isFixedPath(t.text)) {
            offences.push_back({t.line, t.text});
            continue;
        }
        if (t.kind != Kind::Identifier || !isPosixFunction(t.text) || i + 1 >= tokens.size() ||
            !isPunct(tokens.at(i + 1), '('))
            continue;
        // obj.kill(), ptr->kill() and Class::kill() are someone's methods; ::kill() and
        // std::signal() are the C library's.
        if (i >= 1 && isPunct(tokens.at(i - 1), '.'))
            continue;
        if (i >= 2 && isPunct(tokens.at(i - 1), '>') && isPunct(tokens.at(i - 2), '-'))
            continue;
        if (i >= 3 && isPunct(tokens.at(i - 1), ':') && isPunct(tokens.at(i - 2), ':') &&
            tokens.at(i - 3).kind == Kind::Identifier && tokens.at(i - 3).text != "std" &&
            tokens.at(i - 3).line == t.line)
            continue;
        // A declaration of a method of that name (`void kill();`, `bool pipe(int) const`) is not
        // a call: the word before is a type.
        static const QSet<QByteArray> keywords{"return", "else", "do", "throw", "co_return", "co_await", "not"};
        if (i >= 1 && tokens.at(i - 1).kind == Kind::Identifier && !keywords.contains(tokens.at(i - 1).text))
            continue;
        offences.push_back({t.line, t.text + "()"});
    }
    return offences;
}

QVector<FormatOffence> fixedFormatCalls(const QByteArray &source)
{
    const QVector<Token> tokens = Scanner(source).tokens();
    const QList<QByteArray> lines = source.split('\n');
    // Pattern letters Qt's date formats read; "MM" or "dd" alone count too ("d MMM").
    static const QRegularExpression datePattern(QStringLiteral("yy|MM|dd|HH|hh|mm|ss|AP|ap|ddd"));
    static const QRegularExpression handPercent(QStringLiteral("^u?[\"']%[\"']$|%L?[1-9]%"));
    QVector<FormatOffence> offences;
    const auto add = [&](int line, const char *kind) {
        if (!offences.isEmpty() && offences.last().line == line && offences.last().kind == kind)
            return; // one offence of a kind per line
        offences.push_back({line, kind, line <= lines.size() ? lines.at(line - 1).trimmed() : QByteArray()});
    };
    const auto text = [&](int i) { return i < tokens.size() ? tokens.at(i).text : QByteArray(); };
    for (int i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens.at(i);
        if (t.kind == Kind::Literal && handPercent.match(QString::fromUtf8(t.text)).hasMatch())
            add(t.line, "hand-made %");
        if (t.kind != Kind::Identifier)
            continue;
        if (t.text == "QString" && text(i + 1) == ":" && text(i + 2) == ":" && text(i + 3) == "number")
            add(t.line, "QString::number");
        if (t.text != "toString" || text(i + 1) != "(")
            continue;
        if (text(i + 2) == "Qt" && text(i + 3) == ":" && text(i + 4) == ":" &&
            (text(i + 5).startsWith("ISODate") || text(i + 5) == "TextDate" || text(i + 5) == "RFC2822Date"))
            add(t.line, "ISO date");
        // Any literal up to the call's closing bracket: toString(when, QStringLiteral("ddd HH:mm")).
        int depth = 0;
        for (int k = i + 1; k < tokens.size(); ++k) {
            if (isOpening(tokens.at(k)))
                ++depth;
            else if (isClosing(tokens.at(k)) && --depth == 0)
                break;
            else if (tokens.at(k).kind == Kind::Literal &&
                     datePattern.match(QString::fromUtf8(tokens.at(k).text)).hasMatch())
                add(tokens.at(k).line, "date pattern");
        }
    }
    return offences;
}

SourceScanReport scanPlatformCode(const QString &root, const QStringList &folders)
{
    return scanSources(root, folders, [](const QString &path, const QByteArray &source) {
        QStringList found;
        if (path.split(QLatin1Char('/')).contains(QLatin1String("platform")))
            return found;
        for (const PlatformOffence &o : unguardedPlatformCode(source))
            found << QStringLiteral("%1:%2: %3").arg(path).arg(o.line).arg(QString::fromUtf8(o.what));
        return found;
    });
}

SourceScanReport scanFixedFormats(const QString &root, const QStringList &folders)
{
    return scanSources(root, folders, [](const QString &path, const QByteArray &source) {
        QStringList found;
        for (const FormatOffence &o : fixedFormatCalls(source))
            found << QStringLiteral("%1:%2: %3: %4")
                         .arg(path)
                         .arg(o.line)
                         .arg(QString::fromLatin1(o.kind), QString::fromUtf8(o.excerpt));
        return found;
    });
}

} // namespace sportello::test
