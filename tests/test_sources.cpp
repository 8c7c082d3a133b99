// Checks over the product's sources. No QLatin1String/QLatin1Char/QLatin1StringView/_L1 literal
// holds a byte outside ASCII: the sources are UTF-8, so such a literal shows "Â·" for "·" in
// every language (as the triage panel's suggestion line did). The scanner is tested first, on
// small sources, so that a scanner that finds nothing cannot pass for a clean tree.
// The product also builds on Windows and macOS (packaging/README.md): no POSIX-only header or
// call outside platform code, no fixed path of one system's tree, scanned the same way.
#include "SourceScan.h"
#include "catch_compat.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <utility>

using namespace sportello::test;

namespace {

// The lines of the offences found in `source`.
QVector<int> offendingLines(const QByteArray &source)
{
    QVector<int> lines;
    for (const Latin1Offence &o : nonAsciiLatin1Literals(source))
        lines << o.line;
    return lines;
}

const QByteArray kDot = "\xc2\xb7"; // "·" in UTF-8, as an editor writes it

} // namespace

TEST_CASE("the scanner finds non-ASCII bytes in Latin-1 literals, wherever the call puts them", "[sources]")
{
    SECTION("a plain call, a character, a declaration and _L1")
    {
        CHECK(offendingLines("text += QLatin1String(\" " + kDot + " \") + tr(\"likely spam\");\n") == QVector<int>{1});
        CHECK(offendingLines("QChar c = QLatin1Char('\xe8');\n") == QVector<int>{1});
        CHECK(offendingLines("static const QLatin1String kSeparator(\"" + kDot + "\");\n") == QVector<int>{1});
        CHECK(offendingLines("constexpr QLatin1StringView kSep{\"" + kDot + "\"};\n") == QVector<int>{1});
        CHECK(offendingLines("auto s = \"a " + kDot + "\"_L1;\n") == QVector<int>{1});
        const QVector<Latin1Offence> found = nonAsciiLatin1Literals("x = QLatin1String(\"" + kDot + "\");");
        REQUIRE(found.size() == 1);
        CHECK(found.first().call == "QLatin1String");
        CHECK(found.first().literal == "\"" + kDot + "\"");
    }

    SECTION("escapes that name a byte outside ASCII")
    {
        CHECK(offendingLines(R"(x = QLatin1String("\xc2\xb7");)") == QVector<int>{1});
        CHECK(offendingLines(R"(x = QLatin1Char('\xb7');)") == QVector<int>{1});
        CHECK(offendingLines(R"(x = QLatin1String("\302\267");)") == QVector<int>{1});
        CHECK(offendingLines(R"(x = QLatin1String("\u00b7");)") == QVector<int>{1});
        // ASCII escapes are fine.
        CHECK(offendingLines(R"(x = QLatin1String("\x41\t\n\\\"\101\u0041");)").isEmpty());
    }

    SECTION("a call over several lines, with escaped quotes and comments before the literal")
    {
        const QByteArray source = "int a = 1;\n"
                                  "QString s = QLatin1String(\n"
                                  "    // a comment with a ) and a \"quote\n"
                                  "    \"say \\\"hi\\\" and \\\\\" /* ) */\n"
                                  "    \"then " +
                                  kDot + "\");\n";
        CHECK(offendingLines(source) == QVector<int>{5});
    }

    SECTION("raw strings are read whole, quotes and parentheses included")
    {
        CHECK(offendingLines("x = QLatin1String(R\"(a\")b " + kDot + ")\");\ny = 2;") == QVector<int>{1});
        CHECK(offendingLines("x = QLatin1String(R\"x(one\n)\"two\n" + kDot + ")x\");") == QVector<int>{1});
        // A raw string that only looks like a call holds nothing Latin-1.
        CHECK(offendingLines("x = QStringLiteral(R\"d(QLatin1String(\"" + kDot + "\"))d\");").isEmpty());
    }

    SECTION("what is not a Latin-1 literal is left alone")
    {
        // UTF-8 literals and QStringLiteral are where non-ASCII text belongs.
        CHECK(offendingLines("x = QStringLiteral(\" " + kDot + " \");").isEmpty());
        CHECK(offendingLines("x = QString::fromUtf8(\"" + kDot + "\") + QLatin1String(\"a\");").isEmpty());
        CHECK(offendingLines("x = QLatin1String(\"a\") + QString::fromUtf8(\"" + kDot + "\");").isEmpty());
        CHECK(offendingLines("x = u8\"" + kDot + "\"; y = QLatin1Char('a');").isEmpty());
        // Comments, and the text of other literals, that mention a call.
        CHECK(offendingLines("// QLatin1String(\"" + kDot + "\")\nx = 1;").isEmpty());
        CHECK(offendingLines("/* QLatin1String(\"" + kDot + "\") */ x = 1;").isEmpty());
        CHECK(offendingLines("x = QStringLiteral(\"QLatin1String(\\\"" + kDot + "\\\")\");").isEmpty());
        // Digit separators are not character literals.
        CHECK(offendingLines("n = 1'000'000; x = QLatin1Char('a'); y = QStringLiteral(\"" + kDot + "\");").isEmpty());
        // A parameter or a return type is not a call.
        CHECK(offendingLines("void f(QLatin1String a, const char *b = \"" + kDot + "\");").isEmpty());
        CHECK(offendingLines("QLatin1String name() { return QStringLiteral(\"" + kDot + "\"); }").isEmpty());
    }

    SECTION("lines are counted across comments, raw strings and continued lines")
    {
        const QByteArray source = "/* one\ntwo */\n"
                                  "x = R\"(three\nfour)\";\n"
                                  "// five \\\n six\n"
                                  "y = QLatin1String(\"" +
                                  kDot + "\");\n";
        CHECK(offendingLines(source) == QVector<int>{7});
    }
}

TEST_CASE("no Latin-1 literal in the product's sources holds a byte outside ASCII", "[sources]")
{
    const SourceScanReport report =
        scanLatin1Literals(QStringLiteral(SPORTELLO_SOURCE_DIR), {QStringLiteral("core"), QStringLiteral("ui"),
                                                                  QStringLiteral("app"), QStringLiteral("platform")});
    CHECK(report.unreadable.isEmpty());
    CHECK(report.files > 100); // the tree was found and read
    INFO("Write non-ASCII text with QStringLiteral, tr() or QString::fromUtf8, a single character as "
         "QChar(0x00b7):\n"
         << report.offences.join(QLatin1Char('\n')).toStdString());
    CHECK(report.offences.isEmpty());
}

// catch_discover_tests hands each test's name to CTest, which takes a ';' for a list separator:
// the test is registered under two names that match no test, and both "pass" without running.
TEST_CASE("no test's name holds a semicolon, which would make CTest run nothing under it", "[sources]")
{
    const QDir folder(QStringLiteral(SPORTELLO_SOURCE_DIR "/tests"));
    const QStringList files = folder.entryList({QStringLiteral("*.cpp")}, QDir::Files);
    REQUIRE(files.size() > 20);
    static const QRegularExpression testName(QStringLiteral(R"re(TEST_CASE\(\s*"((?:[^"\\]|\\.)*)")re"));
    QStringList offences;
    int names = 0;
    for (const QString &name : files) {
        QFile file(folder.filePath(name));
        REQUIRE(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        for (auto match = testName.globalMatch(text); match.hasNext();) {
            const QString title = match.next().captured(1);
            ++names;
            if (title.contains(QLatin1Char(';')))
                offences << name + QStringLiteral(": ") + title;
        }
    }
    CHECK(names > 300); // the names were found
    INFO(offences.join(QLatin1Char('\n')).toStdString());
    CHECK(offences.isEmpty());
}

namespace {

// What unguardedPlatformCode finds in `source`, as "line: what".
QStringList platformOffences(const QByteArray &source)
{
    QStringList found;
    for (const PlatformOffence &o : unguardedPlatformCode(source))
        found << QStringLiteral("%1: %2").arg(o.line).arg(QString::fromUtf8(o.what));
    return found;
}

} // namespace

TEST_CASE("the scanner finds POSIX-only headers and calls outside platform blocks", "[sources]")
{
    SECTION("headers, calls and fixed paths written for one system are found")
    {
        CHECK(platformOffences("#include <unistd.h>\n#include <QString>\n#include <sys/stat.h>\n") ==
              QStringList{QStringLiteral("1: #include <unistd.h>"), QStringLiteral("3: #include <sys/stat.h>")});
        CHECK(platformOffences("#  include <fcntl.h>\n#include <windows.h>\n") ==
              QStringList{QStringLiteral("1: #include <fcntl.h>"), QStringLiteral("2: #include <windows.h>")});
        CHECK(platformOffences("void f()\n{\n    const pid_t child = fork();\n    if (child == 0)\n"
                               "        execvp(argv[0], argv);\n    (void)::kill(child, SIGTERM);\n}\n") ==
              QStringList{QStringLiteral("3: fork()"), QStringLiteral("5: execvp()"), QStringLiteral("6: kill()")});
        CHECK(platformOffences("int p = getpid();\nFILE *f = popen(\"ls\", \"r\");\nsetenv(\"A\", \"b\", 1);\n"
                               "if (isatty(0)) return realpath(x, nullptr);\nelse mkstemp(name);\n") ==
              QStringList{QStringLiteral("1: getpid()"), QStringLiteral("2: popen()"), QStringLiteral("3: setenv()"),
                          QStringLiteral("4: isatty()"), QStringLiteral("4: realpath()"),
                          QStringLiteral("5: mkstemp()")});
        CHECK(platformOffences("struct sigaction action {};\n::sigaction(SIGTERM, &action, nullptr);\n") ==
              QStringList{QStringLiteral("2: sigaction()")});
        CHECK(platformOffences("const int fd = std::dup(1);\n") == QStringList{QStringLiteral("1: dup()")});
        CHECK(platformOffences("QString a = QStringLiteral(\"/tmp/sportello.db\");\nQString b = QStringLiteral("
                               "\"~/.config\");\n") ==
              QStringList{QStringLiteral("1: \"/tmp/sportello.db\""), QStringLiteral("2: \"~/.config\"")});
    }

    SECTION("platform blocks, their #else, methods of the same name, comments and text are not")
    {
        const QByteArray guarded = "#include <QtGlobal>\n"
                                   "#if defined(Q_OS_UNIX)\n"
                                   "#include <unistd.h>\n"
                                   "#endif\n"
                                   "#ifdef Q_OS_WIN\n"
                                   "#include <windows.h>\n"
                                   "#else\n"
                                   "void f() { (void)::pipe(fds); }\n"
                                   "#endif\n"
                                   "#if defined(SOMETHING) \\\n"
                                   "    && defined(__unix__)\n"
                                   "int p = getpid();\n"
                                   "#elif 1\n"
                                   "int q = getpid();\n"
                                   "#endif\n";
        CHECK(platformOffences(guarded).isEmpty());
        // A block for something else is not platform code, and ends where it ends.
        CHECK(platformOffences("#ifdef Q_OS_UNIX\n#ifdef DEBUG\n#endif\nint a = getpid();\n#endif\n"
                               "#ifdef DEBUG\nint b = getpid();\n#endif\nint c = getpid();\n") ==
              QStringList{QStringLiteral("7: getpid()"), QStringLiteral("9: getpid()")});
        CHECK(platformOffences("process.kill();\nm_process->kill();\nQProcess::kill();\nvoid kill();\n"
                               "bool pipe(int fd) const;\n// fork() here\n/* popen() */\n"
                               "auto s = tr(\"kill(1) fork()\");\n#include \"unistd.h\"\n")
                  .isEmpty());
    }
}

TEST_CASE("the product's sources call no POSIX-only function outside platform code", "[sources]")
{
    const SourceScanReport report =
        scanPlatformCode(QStringLiteral(SPORTELLO_SOURCE_DIR), {QStringLiteral("core"), QStringLiteral("ui"),
                                                                QStringLiteral("app"), QStringLiteral("platform")});
    CHECK(report.unreadable.isEmpty());
    CHECK(report.files > 100); // the tree was found and read
    INFO("Sportello builds on Windows and macOS too: put this in an #ifdef Q_OS_UNIX (or Q_OS_WIN) block with "
         "an alternative for the others, or use Qt's portable API (QProcess, QDir, QStandardPaths, "
         "QTemporaryFile, QFileInfo):\n"
         << report.offences.join(QLatin1Char('\n')).toStdString());
    CHECK(report.offences.isEmpty());
}

// Issue 18, point 4: dates, times and numbers shown to people follow the user's locale. The
// scanner is tried on small sources first (so that one finding nothing cannot pass), then on ui/.
TEST_CASE("the format scanner finds fixed date patterns, QString::number and hand-made percentages", "[sources]")
{
    const auto kinds = [](const QByteArray &source) {
        QList<QByteArray> found;
        for (const FormatOffence &o : fixedFormatCalls(source))
            found << QByteArray::number(o.line) + ' ' + o.kind;
        return found;
    };
    CHECK(kinds("return locale.toString(t, QStringLiteral(\"ddd HH:mm\"));\n") == QList<QByteArray>{"1 date pattern"});
    CHECK(kinds("a = at.toString(\"yyyy-MM-dd\");\nb = QLocale().toString(\n  when,\n  QLatin1String(\"d MMM\"));\n") ==
          (QList<QByteArray>{"1 date pattern", "4 date pattern"}));
    CHECK(kinds("x = day.toString(Qt::ISODate);\ny = t.toString(Qt::ISODateWithMs);\n") ==
          (QList<QByteArray>{"1 ISO date", "2 ISO date"}));
    CHECK(kinds("label->setText(QString::number(share, 'f', 1));\n") == QList<QByteArray>{"1 QString::number"});
    CHECK(kinds("s = locale.toString(v) + QLatin1Char('%');\nt = tr(\"%1 (confidence %2%)\");\n") ==
          (QList<QByteArray>{"1 hand-made %", "2 hand-made %"}));
    // Not offences: the locale's own formats, arguments, comments, a "%1" that is no percentage.
    CHECK(kinds("a = locale.toString(t, QLocale::ShortFormat);\n"
                "b = tr(\"%1 of %2\").arg(formatCount(n), formatCount(m));\n"
                "// at.toString(\"HH:mm\") and QString::number(x) in a comment\n"
                "c = value.toString();\n")
              .isEmpty());
}

TEST_CASE("the console formats dates and numbers for people through the locale", "[sources]")
{
    // Machine formats that stay as they are, each with its reason; an entry that no longer
    // matches anything fails too, so the list does not outlive the code it excuses.
    const QList<std::pair<QString, QString>> allowed{
        {QStringLiteral("ui/views/ConversationDelegate.cpp: QString::number: const QString key = font.key()"),
         QStringLiteral("a cache key, never shown")},
        {QStringLiteral("ui/models/QueueModel.cpp: QString::number: QString::number(data(index(r, TimeLeftColumn)"),
         QStringLiteral("a change-detection key built from the shown texts, never shown")},
        {QStringLiteral("ui/views/ReportWindow.cpp: ISO date: .arg(QLatin1String(names[int(what)]), "
                        "m_tables.filter.from.toString(Qt::ISODate),"),
         QStringLiteral("the suggested CSV file name: ISO dates sort and carry no '/'")},
        {QStringLiteral("ui/views/ReportWindow.cpp: ISO date: m_tables.filter.to.toString(Qt::ISODate)));"),
         QStringLiteral("the suggested CSV file name, as above")},
        {QStringLiteral(
             "ui/views/ReportCharts.cpp: ISO date: const int r = rows.value(d.addDays(i).toString(Qt::ISODate), -1);"),
         QStringLiteral("a lookup key into the report's rows, which store ISO dates")},
        {QStringLiteral(
             "ui/dialogs/CalendarEditor.cpp: date pattern: return t == kEndOfDay ? QStringLiteral(\"24:00\") : "
             "t.toString(QStringLiteral(\"HH:mm\"));"),
         QStringLiteral("the editable working-hours field (\"09:00-13:00\"), read back by the same editor and "
                        "stored in the policy file")},
        {QStringLiteral("ui/dialogs/GuardPage.cpp: QString::number: .arg(re.errorString(), QString::number("
                        "re.patternErrorOffset() + 1));"),
         QStringLiteral("a character position in a pattern, written as editors write positions, not as a quantity")},
        {QStringLiteral("ui/dialogs/GuardPage.cpp: QString::number: return Error{tr(\"Pattern %1: %2\").arg("
                        "QString::number(row + 1), problem), ErrorKind::InvalidInput};"),
         QStringLiteral("a row number in a short list, not a quantity")},
        {QStringLiteral("ui/dialogs/GuardPage.cpp: QString::number: .arg(QString::number(entry.line), entry.text),"),
         QStringLiteral("a line number in the patterns file, written as editors write line numbers (no grouping)")},
    };
    const SourceScanReport report = scanFixedFormats(QStringLiteral(SPORTELLO_SOURCE_DIR), {QStringLiteral("ui")});
    CHECK(report.unreadable.isEmpty());
    CHECK(report.files > 50); // the tree was found and read
    QStringList offences;
    QSet<int> used;
    for (const QString &offence : report.offences) {
        bool excused = false;
        for (int i = 0; i < allowed.size(); ++i) {
            // "path:line: kind: excerpt" matched without the line number, which moves with edits;
            // an entry gives the start of the excerpt.
            const QString path = allowed.at(i).first.section(QLatin1Char(':'), 0, 0);
            const QString rest = allowed.at(i).first.section(QLatin1Char(':'), 1).trimmed();
            if (offence.startsWith(path + QLatin1Char(':')) &&
                offence.section(QLatin1Char(':'), 2).trimmed().startsWith(rest)) {
                excused = true;
                used.insert(i);
            }
        }
        if (!excused)
            offences << offence;
    }
    INFO("Format for people through ui/common/Format.h (formatCount, formatPercent, formatDecimal, "
         "formatTime, formatDate) or common/LocaleText.h (timeText, dayAndTimeText, dateText); a machine "
         "format goes on the allow-list with its reason:\n"
         << offences.join(QLatin1Char('\n')).toStdString());
    CHECK(offences.isEmpty());
    QStringList stale;
    for (int i = 0; i < allowed.size(); ++i)
        if (!used.contains(i))
            stale << allowed.at(i).first;
    INFO("Allow-list entries that match nothing any more:\n" << stale.join(QLatin1Char('\n')).toStdString());
    CHECK(stale.isEmpty());
}
