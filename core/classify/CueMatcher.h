#pragma once
// Finds the lexicon's cues in a post's tokens. The lists are compiled once (folded, indexed by
// their first word) and shared, read-only, by every classifier. Internal to core/classify.

#include "classify/Lexicon.h"
#include "classify/TextFeatures.h"

#include <QString>
#include <QVector>

namespace sportello::classify {

struct CueMatch {
    Signal signal;
    Lang lang;
    double weight;
    QString text;           // the matched words as written, lower case
    bool negated = false;   // a negator came just before ("non soddisfatto")
    qsizetype position = 0; // index of its first token
};

// Longest match first at each position; a word belongs to one cue at most, and a cue counts once.
QVector<CueMatch> matchCues(const QVector<Token> &tokens);

// The emoji's cue, or nullptr.
const EmojiCue *emojiCue(const QString &emoji);

bool isStopWord(Lang lang, const QString &fold);
bool isQuestionOpener(const QString &fold);
bool isGreeting(const QString &fold);
bool isContrast(const QString &fold);

} // namespace sportello::classify
