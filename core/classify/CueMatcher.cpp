#include "classify/CueMatcher.h"

#include <QHash>
#include <QSet>

namespace sportello::classify {
namespace {

struct Word {
    QString fold;
    bool prefix = false;
};

struct CompiledCue {
    QVector<Word> words;
    Signal signal;
    Lang lang;
    double weight;
};

struct Index {
    QVector<CompiledCue> cues;
    QHash<QString, QVector<int>> byFirstWord; // exact first word
    QVector<int> prefixFirst;                 // first word is a prefix ("vergogn*")
    QHash<QString, const EmojiCue *> emoji;
    QSet<QString> stopIt, stopEn, negators, openers, greetings, contrast;

    Index()
    {
        for (const CueTable &table : cueTables()) {
            for (const Cue &cue : table.cues) {
                CompiledCue compiled{{}, table.signal, table.lang, cue.weight};
                const QStringList parts = QString::fromUtf8(cue.pattern).split(QLatin1Char(' '), Qt::SkipEmptyParts);
                for (QString part : parts) {
                    const bool prefix = part.endsWith(QLatin1Char('*'));
                    if (prefix)
                        part.chop(1);
                    // A pattern is tokenised like a text: "l app" and "i d" are two words.
                    compiled.words.append({foldWord(part), prefix});
                }
                if (compiled.words.isEmpty())
                    continue;
                const int at = int(cues.size());
                cues.append(compiled);
                if (compiled.words.first().prefix)
                    prefixFirst.append(at);
                else
                    byFirstWord[compiled.words.first().fold].append(at);
            }
        }
        for (const EmojiCue &cue : emojiCues())
            emoji.insert(QString::fromUtf8(cue.emoji), &cue);
        const auto fill = [](QSet<QString> &set, std::span<const char *const> words) {
            for (const char *w : words)
                set.insert(foldWord(QString::fromUtf8(w)));
        };
        fill(stopIt, stopWords(Lang::It));
        fill(stopEn, stopWords(Lang::En));
        fill(negators, classify::negators());
        fill(openers, questionOpeners());
        fill(greetings, classify::greetings());
        fill(contrast, contrastWords());
    }
};

const Index &index()
{
    static const Index compiled;
    return compiled;
}

bool wordMatches(const Word &word, const QString &fold)
{
    return word.prefix ? fold.startsWith(word.fold) : fold == word.fold;
}

// Length in tokens of the cue's match at position i, or 0.
int matchAt(const CompiledCue &cue, const QVector<Token> &tokens, qsizetype i)
{
    if (i + cue.words.size() > tokens.size())
        return 0;
    for (qsizetype k = 0; k < cue.words.size(); ++k)
        if (!wordMatches(cue.words[k], tokens[i + k].fold))
            return 0;
    return int(cue.words.size());
}

} // namespace

QVector<CueMatch> matchCues(const QVector<Token> &tokens)
{
    const Index &ix = index();
    QVector<CueMatch> matches;
    QSet<int> seen;
    qsizetype i = 0;
    while (i < tokens.size()) {
        int bestCue = -1;
        int bestLength = 0;
        const auto consider = [&](int cueIndex) {
            const int length = matchAt(ix.cues[cueIndex], tokens, i);
            if (length > bestLength) {
                bestLength = length;
                bestCue = cueIndex;
            }
        };
        for (const int c : ix.byFirstWord.value(tokens[i].fold))
            consider(c);
        for (const int c : ix.prefixFirst)
            consider(c);
        if (bestCue < 0) {
            ++i;
            continue;
        }
        if (!seen.contains(bestCue)) {
            seen.insert(bestCue);
            const CompiledCue &cue = ix.cues[bestCue];
            QStringList words;
            for (qsizetype k = i; k < i + bestLength; ++k)
                words.append(tokens[k].text);
            bool negated = false;
            for (qsizetype back = i - 1; back >= 0 && back >= i - 3; --back)
                negated = negated || ix.negators.contains(tokens[back].fold);
            matches.append({cue.signal, cue.lang, cue.weight, words.join(QLatin1Char(' ')), negated, i});
        }
        i += bestLength;
    }
    return matches;
}

const EmojiCue *emojiCue(const QString &emoji) { return index().emoji.value(emoji, nullptr); }

bool isStopWord(Lang lang, const QString &fold)
{
    return (lang == Lang::En ? index().stopEn : index().stopIt).contains(fold);
}

bool isQuestionOpener(const QString &fold) { return index().openers.contains(fold); }
bool isGreeting(const QString &fold) { return index().greetings.contains(fold); }
bool isContrast(const QString &fold) { return index().contrast.contains(fold); }

} // namespace sportello::classify
