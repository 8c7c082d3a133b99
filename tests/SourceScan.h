#pragma once
// A small C++ scanner for the source checks: finds Latin-1 literals that hold a byte outside
// ASCII. A UTF-8 literal read as Latin-1 shows "Â·" for "·" in every language, and nothing warns.

#include <QByteArray>
#include <QString>
#include <QVector>

namespace sportello::test {

struct Latin1Offence {
    int line = 0;       // 1-based line of the literal
    QByteArray call;    // QLatin1String, QLatin1Char, QLatin1StringView, QLatin1Literal or _L1
    QByteArray literal; // the literal as written in the source
};

// Every string or character literal with a byte >= 0x80 (written as is, or as an escape) that is
// an argument of QLatin1String(...), QLatin1Char(...), QLatin1StringView(...), QLatin1Literal(...)
// (also with braces, or as a declaration `QLatin1String name(...)`), and every such "..."_L1.
// Comments are skipped; string, raw string and character literals are read whole (escaped
// quotes, calls over several lines, digit separators).
QVector<Latin1Offence> nonAsciiLatin1Literals(const QByteArray &source);

struct SourceScanReport {
    int files = 0;          // files read
    QStringList offences;   // "path:line: call(literal)"
    QStringList unreadable; // files that could not be opened
};

// Scans the C++ files (.h, .hpp, .cpp, .cc, .mm) under each folder of root.
SourceScanReport scanLatin1Literals(const QString &root, const QStringList &folders);

struct PlatformOffence {
    int line = 0;
    QByteArray what; // "#include <unistd.h>", "fork()", or the literal "/tmp/x"
};

// What would not compile, or not work, on one of the three desktops, written outside code meant
// for a platform: an #include of a POSIX-only (or Windows-only) header, a call of a POSIX-only
// function (fork, exec*, getpid, pipe, popen, mkstemp, realpath, setenv, flock, chmod, symlink,
// isatty, dlopen, sigaction and their kin; a member call or one qualified by a class is not
// one), and a string literal naming a fixed place in one system's file tree ("/tmp", "~/",
// "/home/", "/Users/", "C:\"): paths come from Qt (QDir, QStandardPaths, QTemporaryDir).
// Code inside #if/#ifdef/#ifndef blocks whose condition names a platform macro (Q_OS_*, _WIN32,
// WIN32, __unix__, __linux__, __APPLE__, __MACH__), their #elif and #else branches included, is
// platform code and is not reported.
QVector<PlatformOffence> unguardedPlatformCode(const QByteArray &source);

// The same over the C++ files under each folder of root; files under a folder named "platform"
// (the tree's place for platform services) are platform code.
SourceScanReport scanPlatformCode(const QString &root, const QStringList &folders);

// Display formatting that bypasses the locale (issue 18, point 4): people read dates, times and
// numbers in their language's conventions, through ui/common/Format.h or core's
// common/LocaleText.h. Found in C++ source, comments skipped:
//   "date pattern"   a toString(...) call with a literal holding a date/time pattern ("HH:mm",
//                    "yyyy-MM-dd", "ddd"), which fixes the order and the 12/24 hour clock;
//   "ISO date"       toString(Qt::ISODate...) or another Qt::DateFormat;
//   "QString::number" which writes "12.5" and "1234" in every language;
//   "hand-made %"    a '%' or "%" literal, or "%2%" in a text, instead of the locale's percent.
struct FormatOffence {
    int line = 0;
    QByteArray kind;    // one of the above
    QByteArray excerpt; // the source line, trimmed
};
QVector<FormatOffence> fixedFormatCalls(const QByteArray &source);

// fixedFormatCalls() over the C++ files under each folder of root; offences as
// "path:line: kind: excerpt" (path relative to root, '/' separated).
SourceScanReport scanFixedFormats(const QString &root, const QStringList &folders);

} // namespace sportello::test
