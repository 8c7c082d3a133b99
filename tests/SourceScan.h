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

} // namespace sportello::test
