#pragma once
// The classifier's curated word lists (Lexicon.cpp). Internal to core/classify.
//
// Every list was written for Sportello by its authors from their knowledge of Italian and English
// customer-care language; none is derived from a third-party lexicon or data set (the Sentix
// lexicon in ../shared/data is CC BY-SA and the TWCS, SENTIPOLC and QA4FAQ corpora are
// NonCommercial, so nothing from them may ship in the product).

#include <span>

namespace sportello::classify {

enum class Signal { Complaint, Assistance, Positive, Domain, Spam };
enum class Lang { Any, It, En };

// A cue is one or more words separated by spaces, matched on whole tokens after lower-casing and
// removing accents; a word ending in '*' matches any word it begins. Weights: 3 strong, 2 clear,
// 1 weak, below 1 only a hint.
struct Cue {
    const char *pattern;
    double weight;
};

struct CueTable {
    Signal signal;
    Lang lang;
    std::span<const Cue> cues;
};

struct EmojiCue {
    const char *emoji; // one pictograph, UTF-8
    Signal signal;
    double weight;
};

std::span<const CueTable> cueTables();
std::span<const EmojiCue> emojiCues();
// Function words that tell the language; they carry no sentiment.
std::span<const char *const> stopWords(Lang lang);
// Words that turn praise around when they come just before it ("non soddisfatto", "not happy").
std::span<const char *const> negators();
// Words that open a question ("come", "dove", "how", "can"...), after an optional greeting.
std::span<const char *const> questionOpeners();
std::span<const char *const> greetings();
// "but", "ma", "però"...: praise before one of these counts for less ("great app, but...").
std::span<const char *const> contrastWords();

} // namespace sportello::classify
