#include "SourceScan.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

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

SourceScanReport scanLatin1Literals(const QString &root, const QStringList &folders)
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
            for (const Latin1Offence &o : nonAsciiLatin1Literals(file.readAll()))
                report.offences << QStringLiteral("%1:%2: %3(%4)")
                                       .arg(base.relativeFilePath(path))
                                       .arg(o.line)
                                       .arg(QString::fromLatin1(o.call), QString::fromUtf8(o.literal));
        }
    }
    return report;
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

SourceScanReport scanFixedFormats(const QString &root, const QStringList &folders)
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
            for (const FormatOffence &o : fixedFormatCalls(file.readAll()))
                report.offences << QStringLiteral("%1:%2: %3: %4")
                                       .arg(base.relativeFilePath(path))
                                       .arg(o.line)
                                       .arg(QString::fromLatin1(o.kind), QString::fromUtf8(o.excerpt));
        }
    }
    return report;
}

} // namespace sportello::test
