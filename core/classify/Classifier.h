#pragma once
// Suggests the category of an inbound post (non-negative interaction, negative feedback /
// complaint, assistance request), tells Italian from English, and flags likely spam.
//
// Rule and lexicon based (see docs/classifier.md): the text is split into words, matched against
// our own curated cue lists (Lexicon.cpp) and a few patterns (question marks, "waiting three
// weeks", emoji, links), and the category with the clearest evidence wins. A complaint wins over
// an assistance request when both are clear. Insurance words (sinistro, polizza, claim...) are
// topics, not sentiment. The suggestion is for the agent, who sets the category.
//
// Cheap to construct and to copy; classify() is const and safe to call from several threads.

#include "domain/Domain.h"

#include <QString>
#include <QStringList>

namespace sportello {

struct Classification {
    Category category = Category::NonNegative;
    QString language;             // "it" or "en"
    bool languageGuessed = false; // too little evidence: a best guess (cue "lang:guess")
    double confidence = 0;        // 0..1; about 1/3 means "no evidence at all"
    // What decided, strongest first: words and phrases as written ("non riesco", "reclamo"), "?",
    // emoji, patterns such as "da 3 settimane"; for spam its cues ("link", "crypto"...).
    QStringList cues;
    bool spam = false;
};

class Classifier {
public:
    Classification classify(const QString &text) const;

    // The language assumed when a text gives no evidence at all ("ok", "👍").
    void setDefaultLanguage(const QString &language) { m_defaultLanguage = language; }
    QString defaultLanguage() const { return m_defaultLanguage; }

private:
    QString m_defaultLanguage = QStringLiteral("it");
};

} // namespace sportello
