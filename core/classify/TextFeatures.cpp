#include "classify/TextFeatures.h"

#include <QHash>
#include <QRegularExpression>
#include <utility>

namespace sportello::classify {
namespace {

const QRegularExpression &emailPattern()
{
    static const QRegularExpression re(QStringLiteral(R"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"),
                                       QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// Full links, in any case.
const QRegularExpression &linkPattern()
{
    static const QRegularExpression re(QStringLiteral(R"((?:https?://|www\.)\S+)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Bare domains such as bit.ly/abc or claim-drop.xyz: lower case, and a known top-level domain,
// so that "1.200", "e.g." or a missing space ("Grazie.Io ho...") are not taken for links.
const QRegularExpression &bareDomainPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"(\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*)"
                       R"(\.(?:com|it|net|org|ly|gl|gd|top|xyz|win|click|link|io|info|biz|me|co|de|uk|eu|)"
                       R"(online|site|store|shop|live|app)\b(?:/\S*)?)"));
    return re;
}

// An amount of money: "500€", "€ 500", "$300", "87 euro", "10k".
const QRegularExpression &moneyPattern()
{
    static const QRegularExpression re(QStringLiteral(R"((?:[$€£]\s?\d|\d\s?(?:[$€£]|euro\b|k\b)))"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Shorteners and cheap top-level domains that spam favours.
const QRegularExpression &oddLinkPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"((?:bit\.ly|tinyurl|goo\.gl|cutt\.ly|is\.gd|ow\.ly|shorturl|rb\.gy)|)"
                       R"(\.(?:top|xyz|win|click|link|online|site|live|shop|store|biz|info)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &mentionPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(@\w+)"), QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

const QRegularExpression &elisionPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"(\b(?:l|d|c|dell|nell|all|sull|dall|un|quest|nessun|po|anch|dov|qual)'(?=\p{L}))"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

const QRegularExpression &contractionPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(\p{L}(?:n't|'s|'m|'ve|'ll|'re)\b)"),
                                       QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// English negative contractions, with and without the apostrophe.
void expandContractions(QString &s)
{
    static const QRegularExpression cant(QStringLiteral(R"(\bcan'?t\b)"));
    static const QRegularExpression wont(QStringLiteral(R"(\bwon't\b)"));
    static const QRegularExpression nt(QStringLiteral(R"(\b(\w+)n't\b)"));
    static const QRegularExpression bare(
        QStringLiteral(R"(\b(do|does|did|is|was|are|were|have|has|had|could|would|should)nt\b)"));
    s.replace(cant, QStringLiteral("cannot"));
    s.replace(wont, QStringLiteral("will not"));
    s.replace(nt, QStringLiteral("\\1 not"));
    s.replace(bare, QStringLiteral("\\1 not"));
}

// Texting forms, word for word.
const QHash<QString, QString> &textingForms()
{
    static const QHash<QString, QString> forms{
        {QStringLiteral("nn"), QStringLiteral("non")},        {QStringLiteral("xke"), QStringLiteral("perché")},
        {QStringLiteral("xché"), QStringLiteral("perché")},   {QStringLiteral("xche"), QStringLiteral("perché")},
        {QStringLiteral("perche"), QStringLiteral("perché")}, {QStringLiteral("xké"), QStringLiteral("perché")},
        {QStringLiteral("cmq"), QStringLiteral("comunque")},  {QStringLiteral("ke"), QStringLiteral("che")},
        {QStringLiteral("pls"), QStringLiteral("please")},    {QStringLiteral("plz"), QStringLiteral("please")},
        {QStringLiteral("thx"), QStringLiteral("thanks")},    {QStringLiteral("u"), QStringLiteral("you")},
        {QStringLiteral("ur"), QStringLiteral("your")},
    };
    return forms;
}

bool isEmoji(char32_t c)
{
    if (c >= 0x1F3FB && c <= 0x1F3FF) // skin tone modifiers
        return false;
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || c == 0x2B50 || c == 0x2B06 ||
           c == 0x2B07 || c == 0x2B05 || c == 0x2934 || c == 0x2935 || c == 0x203C || c == 0x2049;
}

// What QString::count(re) counts (each match, the next searched from one past its start), in time
// linear in the text: QString::count has PCRE check the rest of the text's UTF-16 at every match,
// which made a long text's features quadratic. Here the text is checked once, by the first match;
// "one past" is one character (a surrogate pair is not cut, which the unchecked search needs).
qsizetype countMatches(const QString &s, const QRegularExpression &re)
{
    qsizetype count = 0;
    for (auto m = re.match(s); m.hasMatch();) {
        ++count;
        qsizetype next = m.capturedStart() + 1;
        if (next < s.size() && s.at(next - 1).isHighSurrogate() && s.at(next).isLowSurrogate())
            ++next;
        m = re.match(s, next, QRegularExpression::NormalMatch, QRegularExpression::DontCheckSubjectStringMatchOption);
    }
    return count;
}

int removeAll(QString &s, const QRegularExpression &re, int *oddCount = nullptr)
{
    int count = 0;
    auto it = re.globalMatch(s);
    QVector<QPair<qsizetype, qsizetype>> spans;
    while (it.hasNext()) {
        const auto m = it.next();
        ++count;
        if (oddCount && oddLinkPattern().match(m.captured()).hasMatch())
            ++*oddCount;
        spans.append({m.capturedStart(), m.capturedLength()});
    }
    if (spans.isEmpty())
        return count;
    // One pass: replacing each span in place moved the rest of the text every time (quadratic).
    QString out;
    out.reserve(s.size());
    qsizetype from = 0;
    for (const auto &[start, length] : std::as_const(spans)) {
        out += QStringView(s).mid(from, start - from);
        out += QLatin1Char(' ');
        from = start + length;
    }
    out += QStringView(s).mid(from);
    s = std::move(out);
    return count;
}

} // namespace

QString foldWord(const QString &word)
{
    const QString decomposed = word.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed)
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c.toLower());
    return out;
}

TextFeatures analyse(const QString &text)
{
    TextFeatures f;
    QString s = text;
    for (const QChar quote : {QChar(0x2019), QChar(0x2018), QChar(0x00B4), QChar(0x0060)})
        s.replace(quote, QLatin1Char('\''));

    removeAll(s, emailPattern());
    f.links = removeAll(s, linkPattern(), &f.oddLinks);
    f.links += removeAll(s, bareDomainPattern(), &f.oddLinks);
    f.moneyAmount = moneyPattern().match(s).hasMatch();
    f.mentions = removeAll(s, mentionPattern());

    // Marks, capitals and pictographs.
    QChar lastMark;
    const QList<uint> codePoints = s.toUcs4();
    for (const uint cp : codePoints) {
        const char32_t c = cp;
        if (isEmoji(c)) {
            f.emoji.append(QString::fromUcs4(&c, 1));
            continue;
        }
        if (c == U'?' || c == U'!' || c == U'.')
            lastMark = QChar(c);
        if (c == U'?')
            ++f.questionMarks;
        else if (c == U'!')
            ++f.exclamationMarks;
        if (QChar::isLetter(c)) {
            lastMark = QChar();
            ++f.letters;
            if (QChar::isUpper(c))
                ++f.upperLetters;
        } else if (QChar::isDigit(c)) {
            lastMark = QChar();
        }
    }
    f.endsWithQuestion = lastMark == QLatin1Char('?');
    f.indignantQuestion = s.contains(QLatin1String("?!")) || s.contains(QLatin1String("!?"));

    // A shouted word ("NEVER", "TRE") in a text that is not all capitals; acronyms are not shouting.
    if (f.upperLetters * 10 < f.letters * 6) {
        static const QRegularExpression shout(QStringLiteral(R"(\b\p{Lu}{4,}\b)"),
                                              QRegularExpression::UseUnicodePropertiesOption);
        static const QStringList acronyms{QStringLiteral("IBAN"),  QStringLiteral("SPID"),  QStringLiteral("IVASS"),
                                          QStringLiteral("ISVAP"), QStringLiteral("HTTP"),  QStringLiteral("HTTPS"),
                                          QStringLiteral("INPS"),  QStringLiteral("IRPEF"), QStringLiteral("SEPA"),
                                          QStringLiteral("IMEI"),  QStringLiteral("NASA"),  QStringLiteral("ASAP")};
        for (auto it = shout.globalMatch(s); it.hasNext();) {
            const QString word = it.next().captured();
            if (!acronyms.contains(word)) {
                f.shouted = word.toLower();
                break;
            }
        }
    }

    QString lower = s.toLower();
    for (const QChar c : lower)
        if (QStringLiteral("àèìòù").contains(c))
            ++f.graveAccents;
    static const QRegularExpression acuteEnding(QStringLiteral(R"(é\b)"),
                                                QRegularExpression::UseUnicodePropertiesOption);
    f.graveAccents += int(countMatches(lower, acuteEnding));
    f.italianElisions = int(countMatches(lower, elisionPattern()));
    f.englishContractions = int(countMatches(lower, contractionPattern()));
    expandContractions(lower);

    // Tokens: runs of letters and digits.
    const auto &forms = textingForms();
    const QList<uint> lowerPoints = lower.toUcs4();
    QString current;
    const auto flush = [&] {
        if (current.isEmpty())
            return;
        const QString word = forms.value(current, current);
        for (const QString &part : word.split(QLatin1Char(' ')))
            f.tokens.append({part, foldWord(part)});
        current.clear();
    };
    for (const uint cp : lowerPoints) {
        if (QChar::isLetterOrNumber(cp) || QChar::category(cp) == QChar::Mark_NonSpacing) {
            const char32_t c = cp;
            current += QString::fromUcs4(&c, 1);
        } else {
            flush();
        }
    }
    flush();

    QStringList folds;
    folds.reserve(f.tokens.size());
    for (const Token &t : f.tokens)
        folds.append(t.fold);
    f.folded = folds.join(QLatin1Char(' '));
    return f;
}

} // namespace sportello::classify
