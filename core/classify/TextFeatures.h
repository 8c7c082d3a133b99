#pragma once
// What the classifier looks at in a post's text: its words (lower-cased, and folded without
// accents for matching), its links, mentions, emoji, question marks and capitals.
// Internal to core/classify.

#include <QString>
#include <QStringList>
#include <QVector>

namespace sportello::classify {

struct Token {
    QString text; // lower case, as written (with accents): what a cue shows
    QString fold; // lower case without accents: what the lexicon matches
};

struct TextFeatures {
    QVector<Token> tokens;
    QString folded;           // the folded tokens joined by single spaces
    QStringList emoji;        // one entry per pictograph, in order (skin tones and joiners dropped)
    int links = 0;            // http(s)://, www. and bare domain links
    int oddLinks = 0;         // link shorteners and throw-away top-level domains
    int mentions = 0;         // @handles (removed from the tokens)
    bool moneyAmount = false; // "500€", "$300", "87 euro"
    int questionMarks = 0;
    int exclamationMarks = 0;
    bool endsWithQuestion = false;  // the last mark before trailing emoji/space is '?'
    bool indignantQuestion = false; // "?!" or "!?"
    int letters = 0;
    int upperLetters = 0;
    int graveAccents = 0;        // à è ì ò ù and é in a word ending: typical of Italian
    int italianElisions = 0;     // l' dell' un' c'è ...
    int englishContractions = 0; // n't 's 'm 've 'll 're
    QString shouted;             // the first word of 4+ capitals in a text not written in capitals
};

// Tokens are runs of letters and digits; apostrophes split them (l'app -> l, app). English
// negative contractions become words first (can't -> cannot, don't -> do not), and a few
// texting forms are expanded (nn -> non, xké -> perché, pls -> please).
TextFeatures analyse(const QString &text);

// Lower case without diacritics: "Perché È" -> "perche e".
QString foldWord(const QString &word);

} // namespace sportello::classify
