#include "classify/Classifier.h"

#include "classify/CueMatcher.h"
#include "classify/TextFeatures.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace sportello {

using namespace classify;

namespace {

// ------------------------------------------------------------------ tuning (docs/classifier.md)
constexpr double kQuestionMark = 1.5;      // any '?' in the post
constexpr double kEndsWithQuestion = 0.5;  // ... and the post ends with one
constexpr double kQuestionOpener = 1.0;    // first word (after a greeting) opens a question
constexpr double kDomainCap = 1.0;         // insurance/service topics: a hint of a request, at most
constexpr double kIndignantQuestion = 1.5; // "?!"
constexpr double kShouting = 1.0;          // a word in capitals: "NEVER"
constexpr double kBeforeContrast = 0.5;    // praise before "but"/"ma" counts half
constexpr double kWaiting = 1.5;           // "da 3 settimane", "for two weeks"
constexpr double kNegatedPraise = 0.8;     // "non soddisfatto": praise weight moved to complaint
constexpr double kClearComplaint = 2.0;    // a complaint this clear wins over a request
constexpr double kSpamThreshold = 3.5;
constexpr double kOtherLanguage = 0.5; // a cue of the other language, in a text whose language is clear

// "da 3 settimane", "sono mesi", "dopo due mesi", "tre mesi per"... on folded text.
const QRegularExpression &waitingIt()
{
    static const QRegularExpression re(
        QStringLiteral(R"(\b(?:da|dopo|per|ormai|oltre|quasi|aspetto|attendo|aspettare)\s+)"
                       R"((?:\d+|un|una|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|)"
                       R"(molti|molte|tanti|tante|diversi|diverse|parecchi|parecchie|piu)\s+)"
                       R"((?:giorni|settimane|mesi|ore|minuti)\b|)"
                       R"(\b(?:\d+|due|tre|quattro|cinque|sei|sette|otto|nove|dieci)\s+(?:giorni|settimane|mesi)\s+)"
                       R"((?:per|che|senza|fa e))"));
    return re;
}

const QRegularExpression &waitingEn()
{
    static const QRegularExpression re(QStringLiteral(
        R"(\b(?:for|after|over|almost|nearly|waited|waiting|been)\s+)"
        R"((?:\d+|a|two|three|four|five|six|seven|eight|nine|ten|several|many|few)\s+)"
        R"((?:days|weeks|months|hours|minutes)\b|)"
        R"(\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days|weeks|months|hours|minutes)\s+)"
        R"((?:later|now|and|without|so far|since))"));
    return re;
}

struct Evidence {
    QString cue;
    double weight;
};

struct Tally {
    double score = 0;
    QVector<Evidence> evidence;
    void add(const QString &cue, double weight)
    {
        if (weight <= 0)
            return;
        score += weight;
        evidence.append({cue, weight});
    }
};

// The cues of a tally, strongest first, each once, at most six.
QStringList topCues(QVector<Evidence> evidence)
{
    std::stable_sort(evidence.begin(), evidence.end(),
                     [](const Evidence &a, const Evidence &b) { return a.weight > b.weight; });
    QStringList cues;
    for (const Evidence &e : evidence)
        if (!cues.contains(e.cue) && cues.size() < 6)
            cues.append(e.cue);
    return cues;
}

struct LanguageGuess {
    QString language;
    bool guessed = false;
};

LanguageGuess detectLanguage(const TextFeatures &f, const QVector<CueMatch> &matches, const QString &fallback)
{
    double it = std::min(f.graveAccents, 3) + f.italianElisions;
    double en = f.englishContractions;
    for (const Token &t : f.tokens) {
        it += isStopWord(Lang::It, t.fold) ? 1 : 0;
        en += isStopWord(Lang::En, t.fold) ? 1 : 0;
    }
    for (const CueMatch &m : matches) {
        it += m.lang == Lang::It ? 0.5 : 0;
        en += m.lang == Lang::En ? 0.5 : 0;
    }
    if (it == 0 && en == 0)
        return {fallback, true};
    const QString best = it > en ? QStringLiteral("it") : en > it ? QStringLiteral("en") : fallback;
    // One function word, or a near tie, is a guess.
    return {best, std::max(it, en) < 2 || std::abs(it - en) < 1};
}

// Likely spam: money, crypto, giveaway or follow-for-follow wording, helped by links, many emoji
// and shouting. Wording is required: a link with emoji alone is not spam.
bool detectSpam(const TextFeatures &f, const QVector<CueMatch> &matches, Tally &spam)
{
    bool wording = false;
    for (const CueMatch &m : matches) {
        if (m.signal == Signal::Spam) {
            spam.add(m.text, m.weight);
            wording = true;
        }
    }
    if (!wording)
        return false;
    if (f.links > 0)
        spam.add(QStringLiteral("link"), f.links > 1 ? 1.5 : 1);
    if (f.oddLinks > 0)
        spam.add(QStringLiteral("odd link"), 1);
    if (f.emoji.size() >= 4)
        spam.add(QStringLiteral("emoji×%1").arg(f.emoji.size()), f.emoji.size() >= 8 ? 2 : 1);
    if (f.letters >= 12 && f.upperLetters * 10 >= f.letters * 7)
        spam.add(QStringLiteral("CAPS"), 1);
    if (f.exclamationMarks >= 2)
        spam.add(QStringLiteral("!!"), 0.5);
    if (f.moneyAmount)
        spam.add(QStringLiteral("money"), 0.5);
    return spam.score >= kSpamThreshold;
}

// Evidence for a request that does not come from the word lists: question marks and openers.
void addQuestionEvidence(const TextFeatures &f, Tally &assistance)
{
    if (f.questionMarks > 0)
        assistance.add(QStringLiteral("?"), kQuestionMark + (f.endsWithQuestion ? kEndsWithQuestion : 0));
    for (const Token &t : f.tokens) {
        if (isGreeting(t.fold))
            continue;
        if (isQuestionOpener(t.fold))
            assistance.add(t.text + QStringLiteral("…"), kQuestionOpener);
        break;
    }
}

double confidenceOf(double chosen, double strongestOther)
{
    if (chosen <= 0 && strongestOther <= 0)
        return 0.34;
    const double c = 0.5 + 0.47 * (chosen - strongestOther) / (chosen + strongestOther + 2);
    return std::clamp(c, 0.34, 0.97);
}

} // namespace

Classification Classifier::classify(const QString &text) const
{
    Classification result;
    if (text.trimmed().isEmpty()) {
        // Nothing to go on: the default language, no cue, the lowest confidence.
        result.language = m_defaultLanguage;
        result.languageGuessed = true;
        result.confidence = confidenceOf(0, 0);
        return result;
    }
    const TextFeatures f = analyse(text);
    const QVector<CueMatch> matches = matchCues(f.tokens);

    const LanguageGuess language = detectLanguage(f, matches, m_defaultLanguage);
    result.language = language.language;
    result.languageGuessed = language.guessed;

    Tally spam;
    result.spam = detectSpam(f, matches, spam);

    // The last "but"/"ma": praise before it is mostly politeness ("great app, but...").
    qsizetype contrastAt = -1;
    for (qsizetype i = 0; i < f.tokens.size(); ++i)
        if (isContrast(f.tokens[i].fold))
            contrastAt = i;

    // Words of the other language count less once the language is clear ("rate" is Italian for
    // instalments, "come" English for "vieni").
    const Lang detected = result.language == QLatin1String("en") ? Lang::En : Lang::It;
    Tally complaint, assistance, positive, domain;
    for (const CueMatch &m : matches) {
        const double weight =
            m.lang != Lang::Any && m.lang != detected && !language.guessed ? m.weight * kOtherLanguage : m.weight;
        switch (m.signal) {
        case Signal::Complaint: complaint.add(m.text, weight); break;
        case Signal::Assistance: assistance.add(m.text, weight); break;
        case Signal::Positive:
            if (m.negated)
                complaint.add(QStringLiteral("non ") + m.text, weight * kNegatedPraise);
            else
                positive.add(m.text, m.position < contrastAt ? weight * kBeforeContrast : weight);
            break;
        case Signal::Domain: domain.add(m.text, weight); break;
        case Signal::Spam: break;
        }
    }
    QSet<QString> seenEmoji; // a set: a text of many different emoji is not searched once per emoji
    for (const QString &e : f.emoji) {
        if (seenEmoji.contains(e))
            continue;
        seenEmoji.insert(e);
        if (const EmojiCue *cue = emojiCue(e)) {
            Tally &tally = cue->signal == Signal::Complaint  ? complaint
                           : cue->signal == Signal::Positive ? positive
                                                             : assistance;
            tally.add(e, cue->weight);
        }
    }
    bool waiting = false;
    for (const QRegularExpression *re : {&waitingIt(), &waitingEn()}) {
        const auto m = re->match(f.folded);
        if (m.hasMatch()) {
            complaint.add(m.captured().trimmed(), kWaiting);
            waiting = true;
        }
    }
    // Praise next to a long wait is sarcasm: "Bravi, davvero bravi: tre mesi per liquidare".
    if (waiting && positive.score > 0) {
        for (const Evidence &e : std::as_const(positive.evidence))
            complaint.add(e.cue, e.weight);
        positive = Tally();
    }
    if (f.indignantQuestion)
        complaint.add(QStringLiteral("?!"), kIndignantQuestion);
    if (!f.shouted.isEmpty())
        complaint.add(f.shouted.toUpper(), kShouting);
    addQuestionEvidence(f, assistance);
    // Topics lean to a request, never to a complaint, and only so far.
    if (domain.score > 0) {
        const double scale = std::min(1.0, kDomainCap / domain.score);
        for (const Evidence &e : std::as_const(domain.evidence))
            assistance.add(e.cue, e.weight * scale);
    }

    const double c = complaint.score, a = assistance.score, p = positive.score;
    const Tally *decided = &positive;
    if (result.spam) {
        result.category = Category::NonNegative;
        result.cues = topCues(spam.evidence);
        result.confidence = std::clamp(0.6 + 0.08 * (spam.score - kSpamThreshold), 0.6, 0.97);
    } else {
        if (c >= kClearComplaint && c >= p) {
            result.category = Category::Complaint;
            decided = &complaint;
        } else if (a > 0 && a >= p && a >= c && (a >= 1 || domain.score > 0)) {
            result.category = Category::Assistance;
            decided = &assistance;
        } else if (c > 0 && c > p) {
            result.category = Category::Complaint;
            decided = &complaint;
        } else {
            result.category = Category::NonNegative;
        }
        const double chosen = decided->score;
        // A clear complaint outranks a request, so the request only half counts against it.
        const double other = decided == &complaint    ? std::max(a * 0.5, p)
                             : decided == &assistance ? std::max(c, p)
                                                      : std::max(c, a);
        result.confidence = confidenceOf(chosen, other);
        result.cues = topCues(decided->evidence);
    }
    if (result.languageGuessed)
        result.cues.append(QStringLiteral("lang:guess"));
    return result;
}

} // namespace sportello
