#include "compose/Guard.h"

#include "common/Clock.h"
#include "domain/Domain.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace sportello {

namespace {

constexpr std::array<std::pair<FindingKind, const char *>, 9> kKinds{{{FindingKind::TaxCode, "tax_code"},
                                                                      {FindingKind::Iban, "iban"},
                                                                      {FindingKind::PolicyNumber, "policy_number"},
                                                                      {FindingKind::ClaimNumber, "claim_number"},
                                                                      {FindingKind::Plate, "plate"},
                                                                      {FindingKind::Phone, "phone"},
                                                                      {FindingKind::Email, "email"},
                                                                      {FindingKind::BirthDate, "birth_date"},
                                                                      {FindingKind::Health, "health"}}};

// When two detectors claim overlapping text, the more specific one keeps it: a checksum beats a
// pattern, a pattern beats a run of digits.
int priority(FindingKind kind)
{
    switch (kind) {
    case FindingKind::TaxCode: return 0;
    case FindingKind::Iban: return 1;
    case FindingKind::Email: return 2;
    case FindingKind::PolicyNumber: return 3;
    case FindingKind::ClaimNumber: return 3;
    case FindingKind::BirthDate: return 4;
    case FindingKind::Plate: return 5;
    case FindingKind::Phone: return 6;
    case FindingKind::Health: return 7;
    }
    return 9;
}

const QString kSettingKey = QStringLiteral("guard_config");

// The number after a policy or claim word: optional letters, then digits and letters in groups
// joined by - / or . ("AU-2023-0045871", "410/22/1187345", "3023SA0078412"), holding at least
// six (policies) or five (claims) digits in all; not an amount, not a date.
const char *const kPolicyNumber =
    R"((?<number>(?!\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b)(?=(?:[A-Z]{1,4}[-/]?)?(?:[-/.A-Z]{0,3}\d){6})(?:[A-Z]{1,4}[-/]?)?\d[\dA-Z]*(?:[-/.](?=[\dA-Z]*\d)[\dA-Z]+)*)(?![,.]?\d|\s*(?:€|euro\b|eur\b)))";
const char *const kClaimNumber =
    R"((?<number>(?!\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b)(?=(?:[A-Z]{1,4}[-/]?)?(?:[-/.A-Z]{0,3}\d){5})(?:[A-Z]{1,4}[-/]?)?\d[\dA-Z]*(?:[-/.](?=[\dA-Z]*\d)[\dA-Z]+)*)(?![,.]?\d|\s*(?:€|euro\b|eur\b)))";
// Runs of blanks are possessive (\s*+): what follows each never starts with a blank, so giving
// blanks back cannot make a match, and trying every split of a long run among the several \s*
// took time in the square of its length (a keyword, then a page of spaces).
const char *const kNumberWord =
    R"((?:numero|num\.?|nr\.?|n\.?|n°|nº|no\.?|number|#|id|ref\.?|reference|riferimento|rif\.?)?\s*+(?:is|è)?\s*+[:°º.]?\s*+)";

// ---- codice fiscale ----------------------------------------------------------------------

// Values of the characters in odd positions (1st, 3rd, ...) for the check character; digits
// take the value of the letter at the same index (0 = A).
constexpr int kOddValues[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
const QString kOmocodia = QStringLiteral("LMNPQRSTUV"); // letters that replace 0..9 in homocodic codes
const QString kMonths = QStringLiteral("ABCDEHLMPRST");

int omocodiaDigit(QChar c)
{
    if (c.isDigit())
        return c.digitValue();
    const int i = kOmocodia.indexOf(c);
    return i;
}

// ---- IBAN lengths by country (ISO 13616 registry) ------------------------------------------

struct IbanCountry {
    const char *code;
    int length;
};
constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24},
    {"AE", 23},
    {"AL", 28},
    {"AT", 20},
    {"AZ", 28},
    {"BA", 20},
    {"BE", 16},
    {"BG", 22},
    {"BH", 22},
    {"BR", 29},
    {"CH", 21},
    {"CR", 22},
    {"CY", 28},
    {"CZ", 24},
    {"DE", 22},
    {"DK", 18},
    {"DO", 28},
    {"EE", 20},
    {"EG", 29},
    {"ES", 24},
    {"FI", 18},
    {"FO", 18},
    {"FR", 27},
    {"GB", 22},
    {"GE", 22},
    {"GI", 23},
    {"GL", 18},
    {"GR", 27},
    {"GT", 28},
    {"HR", 21},
    {"HU", 28},
    {"IE", 22},
    {"IL", 23},
    {"IS", 26},
    {"IT", 27},
    {"JO", 30},
    {"KW", 30},
    {"KZ", 20},
    {"LB", 28},
    {"LI", 21},
    {"LT", 20},
    {"LU", 20},
    {"LV", 21},
    {"MC", 27},
    {"MD", 24},
    {"ME", 22},
    {"MK", 19},
    {"MR", 27},
    {"MT", 31},
    {"MU", 30},
    {"NL", 18},
    {"NO", 15},
    {"PK", 24},
    {"PL", 28},
    {"PS", 29},
    {"PT", 25},
    {"QA", 29},
    {"RO", 24},
    {"RS", 22},
    {"SA", 24},
    {"SE", 24},
    {"SI", 19},
    {"SK", 24},
    {"SM", 27},
    {"TN", 24},
    {"TR", 26},
    {"UA", 29},
    {"VA", 22},
    {"VG", 24},
    {"XK", 20},
    // Added to the registry since 2016 (Belarus to Honduras, up to release 100, 2025).
    {"BI", 27},
    {"BY", 28},
    {"DJ", 27},
    {"FK", 18},
    {"HN", 28},
    {"IQ", 23},
    {"LC", 32},
    {"LY", 25},
    {"MN", 20},
    {"NI", 28},
    {"OM", 23},
    {"RU", 33},
    {"SC", 31},
    {"SD", 18},
    {"SO", 23},
    {"ST", 25},
    {"SV", 28},
    {"TL", 23},
    {"YE", 30},
};

bool isAsciiAlnum(QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
// What people put between the groups of an IBAN or a tax code: spaces (also the non-breaking
// ones a copy from a bank's page brings) and dashes.
bool isGroupSeparator(QChar c) { return c == u' ' || c == QChar(0x00A0) || c == QChar(0x202F) || c == u'-'; }

// ---- health words ----------------------------------------------------------------------

// Conditions, treatments and states that say something about a person's health, matched as
// whole words on text folded to lower case without accents. Product words ("polizza salute",
// "health insurance", "malattia" as a cover) and the greeting "salute!" are not here on purpose.
const char *const kHealthTerms[] = {
    // Italian
    "diabete",
    "diabetic[oaie]",
    "tumore",
    "tumori",
    "cancro",
    "carcinoma",
    "leucemia",
    "linfoma",
    "metastas[ie]",
    // Words that also have an everyday sense carry their context (docs/guard.md, "Health words"):
    // SLA is also a service-level agreement, "aids" a verb, "disabled" an account, a diagnosi may
    // be a car's, a stroke of luck, "depresso" a mood; a hospital is a health detail only when
    // someone is in it or taken to it, not as a landmark.
    "chemioterapia",
    "chemio",
    "radioterapia",
    "(?<!venire\\x20un\\x20)(?<!viene\\x20un\\x20)infarto",
    "ictus",
    "depressione",
    "attacchi di panico",
    "hiv",
    "sieropositiv[oa]",
    "epatite",
    "dialisi",
    "sclerosi multipla",
    "sclerosi laterale amiotrofica",
    "(?:malat[oaie]|affett[oaie]) di sla",
    "alzheimer",
    "parkinson",
    "epilessia",
    "epilettic[oa]",
    "autismo",
    "autistic[oa]",
    "gravidanza",
    "incinta",
    "aborto",
    "disabilita",
    "disabile",
    "disabili",
    "invalidita",
    "invalid[oaie] civil[ei]",
    "handicap",
    "handicappat[oaie]",
    "sedia a rotelle",
    "commozione cerebrale",
    "risonanza magnetica",
    "menisco",
    "legament[oi]",
    "sindrome di \\w+",
    "legge 104(?:/(?:19)?92)?",
    "104/(?:19)?92",
    "permess[oi] (?:della |legge )?104",
    "malat[oaie]",
    "(?:ho|ha|hanno|abbiamo|avuto|preso|positiv[oaie] al|malat[oaie] di) (?:il |la )?covid(?:-?19)?",
    "ricoverat[oaie]",
    "(?<!vicino\\x20)(?<!davanti\\x20)(?:in |all'|dall')\\s*ospedale",
    "terapia intensiva",
    "rianimazione",
    "pronto soccorso",
    "intervento chirurgico",
    "intervento (?:al(?:la|lo)? |all'\\s*)\\w+",
    "operat[oaie] (?:al(?:la|lo)? |all'\\s*|di )\\w+",
    "frattura",
    "fratturat[oaie]",
    "colpo di frusta",
    "trauma cranico",
    "ernia",
    "cardiopatia",
    "aritmia",
    "asma",
    "allergia",
    "allergic[oa]",
    "psichiatr[ai]",
    "psichiatric[oa]",
    // One pattern over two lines (the parentheses say the two literals are meant to join).
    ("diagnosi(?! (?:dell'\\s*(?:auto|impianto|veicolo)|del(?:la)? (?:motore|centralina|guasto|veicolo|macchina|danno)|"
     "elettronica|computerizzata))"),
    "diagnosticat[oa]",
    "cartella clinica",
    "referto",
    "referti",
    "certificato medico",
    "malattia cronica",
    "celiachia",
    "celiac[oa]",
    "anoressia",
    "bulimia",
    "tossicodipendenza",
    "protesi",
    "fisioterapia",
    "ingessat[oa]",
    // English
    "diabetes",
    "cancer",
    "tumou?r",
    "leukaemia",
    "leukemia",
    "lymphoma",
    "chemotherapy",
    "chemo",
    "radiotherapy",
    "heart attack",
    "(?:a|his|her|my|their|mild|minor|major|massive) stroke(?! of)",
    "depression",
    "panic attacks",
    "hepatitis",
    "AIDS",
    "dialysis",
    "multiple sclerosis",
    "motor neurone? disease",
    "alzheimer'?s",
    "parkinson'?s",
    "epilepsy",
    "epileptic",
    "autism",
    "autistic",
    "pregnant",
    "pregnancy",
    "miscarriage",
    "disability",
    "handicapped",
    "(?:i am|i'm|im|he is|she is|he's|she's|is registered|registered) disabled",
    "disabled (?:person|people|child|children|son|daughter|father|mother|husband|wife|driver|passenger)",
    "covid(?:-?19)? (?:positive|patient)",
    "(?:had|has|got|caught|positive for|sick with|ill with) covid(?:-?19)?",
    "hospitali[sz]ed",
    "in (?:the )?hospital",
    "(?:to|from) (?:the )?hospital",
    "intensive care",
    "emergency room",
    "(?<!the\\x20)(?<!your\\x20)(?<!our\\x20)surgery(?! (?:opening )?hours)",
    "fracture",
    "fractured",
    "broken (?:leg|arm|wrist|ankle|hip)",
    "whiplash",
    "concussion",
    "asthma",
    "allergy",
    "allergic",
    "psychiatrist",
    "psychiatric",
    "diagnosis(?! of the (?:car|engine|fault|vehicle|damage))",
    "diagnosed",
    "medical records?",
    "medical certificate",
    "chronic illness",
    "mental health",
    "physiotherapy",
    "physio",
    "in a cast",
    "wheelchair",
    "mri",
    "(?:hip|knee) replacement",
    "torn (?:ligament|meniscus|muscle)",
    "ligaments?",
};

// Health words matched as written: in lower case they are ordinary words ("it aids").
bool isCaseSensitiveTerm(const char *term) { return qstrcmp(term, "AIDS") == 0; }

// Words that say a date nearby is a date of birth.
const char *const kBirthCue =
    R"((?<![\p{L}\p{N}])(?:nat[oaie]|nascita|nasce|born|birth|birthday|d\.?o\.?b\.?|compleanno)(?![\p{L}\p{N}]))";
const char *const kMonthNames = "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|"
                                "dicembre|gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic|january|february|march|"
                                "april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
                                "jun|jul|aug|sep|sept|oct|nov|dec";

int monthNumber(const QString &name)
{
    static const QStringList it{QStringLiteral("gen"), QStringLiteral("feb"), QStringLiteral("mar"),
                                QStringLiteral("apr"), QStringLiteral("mag"), QStringLiteral("giu"),
                                QStringLiteral("lug"), QStringLiteral("ago"), QStringLiteral("set"),
                                QStringLiteral("ott"), QStringLiteral("nov"), QStringLiteral("dic")};
    static const QStringList en{QStringLiteral("jan"), QStringLiteral("feb"), QStringLiteral("mar"),
                                QStringLiteral("apr"), QStringLiteral("may"), QStringLiteral("jun"),
                                QStringLiteral("jul"), QStringLiteral("aug"), QStringLiteral("sep"),
                                QStringLiteral("oct"), QStringLiteral("nov"), QStringLiteral("dec")};
    const QString head = name.left(3).toLower();
    int i = it.indexOf(head);
    if (i < 0)
        i = en.indexOf(head);
    return i < 0 ? 0 : i + 1;
}

// Lower case without diacritics, one character for one, so that offsets stay those of the text.
QString foldKeepingOffsets(const QString &text)
{
    QString folded = text.toLower();
    if (folded.size() != text.size())
        folded = text; // a rare special case (İ): fall back to the text as is
    for (QChar &c : folded) {
        if (c.unicode() < 0x80)
            continue;
        const QString d = QString(c).normalized(QString::NormalizationForm_D);
        if (!d.isEmpty() && d.at(0).unicode() < 0x80)
            c = d.at(0);
        else if (c == QChar(0x2019))
            c = QLatin1Char('\''); // typographic apostrophe
    }
    return folded;
}

QString digitsOnly(const QString &s)
{
    QString d;
    for (QChar c : s)
        if (c.isDigit())
            d += c;
    return d;
}

void add(QVector<Finding> &out, FindingKind kind, const QString &text, int start, int end)
{
    out.push_back({kind, start, end, text.mid(start, end - start)});
}

// ---- detectors ------------------------------------------------------------------------

void findTaxCodes(const QString &text, QVector<Finding> &out)
{
    static const QRegularExpression re(
        QStringLiteral("(?<![A-Za-z0-9])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}"
                       "[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![A-Za-z0-9])"));
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        if (Guard::isValidTaxCode(m.captured()))
            add(out, FindingKind::TaxCode, text, int(m.capturedStart()), int(m.capturedEnd()));
    }
}

// A tax code written in groups ("RSS MRA 85T10 A562S"): runs of letters and digits joined by one
// separator whose concatenation is a valid code. The check character keeps this precise.
void findSpacedTaxCodes(const QString &text, QVector<Finding> &out)
{
    static const QRegularExpression token(QStringLiteral("[A-Za-z0-9]+"));
    QVector<std::pair<int, int>> tokens;
    auto it = token.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        tokens.push_back({int(m.capturedStart()), int(m.capturedEnd())});
    }
    for (int i = 0; i < tokens.size(); ++i) {
        QString compact = text.mid(tokens[i].first, tokens[i].second - tokens[i].first);
        int j = i;
        while (compact.size() < 16 && j + 1 < tokens.size() && tokens[j + 1].first - tokens[j].second == 1 &&
               isGroupSeparator(text.at(tokens[j].second))) {
            ++j;
            compact += text.mid(tokens[j].first, tokens[j].second - tokens[j].first);
        }
        if (j > i && compact.size() == 16 && Guard::isValidTaxCode(compact))
            add(out, FindingKind::TaxCode, text, tokens[i].first, tokens[j].second);
    }
}

void findIbans(const QString &text, QVector<Finding> &out)
{
    // The country and check digits may be written apart too, as Italian banks print them.
    static const QRegularExpression head(QStringLiteral("(?<![A-Za-z0-9])[A-Za-z]{2}[ \u00A0-]?[0-9]{2}"));
    auto it = head.globalMatch(text);
    int resumeAt = 0;
    while (it.hasNext()) {
        const auto m = it.next();
        const int start = int(m.capturedStart());
        if (start < resumeAt)
            continue;
        const int length = Guard::ibanLength(m.captured().left(2).toUpper());
        if (length == 0)
            continue;
        // Gather the IBAN's characters, allowing one or two separators between them (groups).
        QString compact;
        for (QChar c : m.captured())
            if (isAsciiAlnum(c))
                compact += c.toUpper();
        int pos = int(m.capturedEnd());
        int end = pos;
        while (compact.size() < length && pos < text.size()) {
            const QChar c = text.at(pos);
            if (isAsciiAlnum(c)) {
                compact += c.toUpper();
                ++pos;
                end = pos;
                continue;
            }
            int next = pos;
            while (next < text.size() && next - pos < 2 && isGroupSeparator(text.at(next)))
                ++next;
            if (next == pos || next >= text.size() || !isAsciiAlnum(text.at(next)))
                break;
            pos = next;
        }
        if (compact.size() != length || (end < text.size() && isAsciiAlnum(text.at(end))))
            continue;
        if (Guard::isValidIban(compact)) {
            add(out, FindingKind::Iban, text, start, end);
            resumeAt = end;
        }
    }
}

// A company address is the company's when it names a function ("reclami@"), not a person
// ("giulia.moretti@"): an employee's own address is personal data too.
bool namesAPerson(const QString &local)
{
    static const QRegularExpression person(QStringLiteral("^[a-z]{2,}[._-][a-z]{2,}(?:[._-][a-z]{2,})?\\d*$"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QStringList functions{
        QStringLiteral("customer"),   QStringLiteral("care"),    QStringLiteral("service"), QStringLiteral("servizio"),
        QStringLiteral("clienti"),    QStringLiteral("ufficio"), QStringLiteral("reclami"), QStringLiteral("sinistri"),
        QStringLiteral("assistenza"), QStringLiteral("privacy"), QStringLiteral("info"),    QStringLiteral("support"),
        QStringLiteral("no"),         QStringLiteral("reply"),   QStringLiteral("noreply"), QStringLiteral("team"),
        QStringLiteral("help"),       QStringLiteral("pec")};
    if (!person.match(local).hasMatch())
        return false;
    const QStringList parts =
        local.toLower().split(QRegularExpression(QStringLiteral("[._\\-\\d]")), Qt::SkipEmptyParts);
    return std::none_of(parts.begin(), parts.end(), [](const QString &p) { return functions.contains(p); });
}

void findEmails(const QString &text, const QStringList &ownDomains, QVector<Finding> &out)
{
    // Light obfuscation hides nothing: "mario.rossi [at] gmail.com", "chiocciola".
    static const QRegularExpression re(
        QStringLiteral("(?<![\\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)(?:@|\\s*[\\[(]at[\\])]\\s*|\\s+chiocciola\\s+)"
                       "([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})(?![\\w-])"),
        QRegularExpression::CaseInsensitiveOption);
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString domain = m.captured(2).toLower();
        const bool own = std::any_of(ownDomains.begin(), ownDomains.end(), [&domain](const QString &d) {
            return domain == d || domain.endsWith(QLatin1Char('.') + d);
        });
        if (!own || namesAPerson(m.captured(1)))
            add(out, FindingKind::Email, text, int(m.capturedStart()), int(m.capturedEnd()));
    }
}

void findPlates(const QString &text, QVector<Finding> &out)
{
    // Since 1994: two letters, three digits, two letters; I, O, Q and U are never used.
    // Written in capitals as on the plate, or in any case right after the word targa / plate.
    // Spaces or dashes between the groups in capitals; in lower case only as one token
    // ("fb551zx"), since "km 123 da" is ordinary text.
    static const QRegularExpression upper(
        QStringLiteral("(?<![\\p{L}\\p{N}-])(?:[A-HJ-NPR-TV-Z]{2}([ "
                       "-]?)[0-9]{3}\\1[A-HJ-NPR-TV-Z]{2}|[a-hj-npr-tv-z]{2}[0-9]{3}[a-hj-npr-tv-z]{2})"
                       "(?![\\p{L}\\p{N}]|-[\\p{L}\\p{N}])"));
    static const QRegularExpression cued(
        QStringLiteral(
            "(?<![\\p{L}])(?:targa|targato|targata|plate|reg(?:istration)?)\\s*+(?:n\\.?|nr\\.?|number|:)?\\s*+"
            "(?<plate>[A-HJ-NPR-TV-Z]{2} ?[0-9]{3} ?[A-HJ-NPR-TV-Z]{2})(?![\\p{L}\\p{N}])"),
        QRegularExpression::CaseInsensitiveOption);
    auto it = upper.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        add(out, FindingKind::Plate, text, int(m.capturedStart()), int(m.capturedEnd()));
    }
    it = cued.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        add(out, FindingKind::Plate, text, int(m.capturedStart(QStringLiteral("plate"))),
            int(m.capturedEnd(QStringLiteral("plate"))));
    }
}

bool looksLikeDate(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}$"));
    return re.match(s.trimmed()).hasMatch();
}

// Where a search for the words that say a number is not a phone ("P.IVA", "codice fiscale",
// "riferimento"...) must start for a number at `start`: the words end at most 15 characters
// before it (12 others, then "IT "), are at most 13 letters long, and can hold one run of blanks
// ("partita    iva"). Searching the whole text before each number made the guard quadratic.
qsizetype cueWindowStart(const QString &text, qsizetype start)
{
    qsizetype from = std::max<qsizetype>(0, start - 40);
    while (from > 0 && text.at(from - 1).isSpace())
        --from;
    return std::max<qsizetype>(0, from - 16);
}

void findPhones(const QString &text, const QStringList &ownPhones, QVector<Finding> &out)
{
    // A run of digits with the separators people use in phone numbers, not inside a longer number,
    // a word, an amount or a decimal.
    static const QRegularExpression re(
        QStringLiteral("(?:(?<![\\w+€$£/.,:-])|(?<=[A-Za-z][.:]))(?:\\(?(?:\\+|00)\\d{1,3}\\)?[ .-]?)?\\(?\\d[\\d "
                       ".\\-/()]{4,18}\\d"
                       "(?![\\w€$£%]|[.,]\\d| ?(?:€|euro|eur|usd|%|km|kg|anni|years))"),
        QRegularExpression::CaseInsensitiveOption);
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        QString s = m.captured();
        int start = int(m.capturedStart());
        int end = int(m.capturedEnd());
        // Trailing separators and unbalanced brackets are not part of the number.
        while (!s.isEmpty() && !s.back().isDigit()) {
            s.chop(1);
            --end;
        }
        if (looksLikeDate(s))
            continue;
        // A number introduced as a VAT or tax number (11 digits like a landline) or as a
        // reference or code is not a phone.
        static const QRegularExpression notPhone(
            QStringLiteral(
                "\\b(?:p\\.?\\s?iva|partita\\s+iva|vat(?:\\s+(?:number|no\\.?))?|c\\.\\s?f\\.|codice\\s+fiscale|"
                "reference|riferimento|rif\\.|ref\\.|codice|code|ordine|order|ticket|fattura|invoice)"
                "[^\\d\\n]{0,12}(?:\\bit\\s?)?$"),
            QRegularExpression::CaseInsensitiveOption);
        if (notPhone.match(QStringView(text).left(start), cueWindowStart(text, start)).hasMatch())
            continue;
        // "10:30", "3-4 giorni", "1/2": times, ranges and fractions have short groups only.
        const QString trimmed = s.trimmed();
        const bool international = trimmed.startsWith(QLatin1Char('+')) || trimmed.startsWith(QLatin1String("(+")) ||
                                   trimmed.startsWith(QLatin1String("00"));
        QString digits = digitsOnly(s);
        bool phone = false;
        if (international) {
            QString rest = digits;
            if (trimmed.startsWith(QLatin1String("00")) || trimmed.startsWith(QLatin1String("(00")))
                rest = rest.mid(2);
            phone = rest.size() >= 9 && rest.size() <= 14;
            if (rest.startsWith(QLatin1String("39")))
                digits = rest.mid(2); // compare with the company's own numbers without the prefix
        } else if (digits.startsWith(QLatin1Char('3'))) {
            phone = digits.size() == 9 || digits.size() == 10; // Italian mobiles
        } else if (digits.startsWith(QLatin1Char('0'))) {
            phone = digits.size() >= 8 && digits.size() <= 11; // Italian landlines keep the leading 0
        }
        if (!phone)
            continue;
        // Service numbers (toll free 800/803, 199, 89x premium) belong to companies, not people.
        static const QRegularExpression service(QStringLiteral("^(?:80[0-9]|199|89[0-9]|848|840)"));
        if (!international && service.match(digits).hasMatch())
            continue;
        if (ownPhones.contains(digits))
            continue;
        add(out, FindingKind::Phone, text, start, end);
    }
}

void findBirthDates(const QString &text, const QString &folded, const QDate &today, QVector<Finding> &out)
{
    static const QRegularExpression cue(QString::fromLatin1(kBirthCue), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression date(
        QStringLiteral("(?<![\\d])(?:(?<d1>\\d{1,2})[/.-](?<m1>\\d{1,2})[/.-](?<y1>\\d{4}|\\d{2})"
                       "|(?<y2>\\d{4})-(?<m2>\\d{2})-(?<d2>\\d{2})"
                       "|(?<d3>\\d{1,2})(?:°|º|st|nd|rd|th)?\\s+(?:of\\s+)?(?<m3>%1)\\.?\\s+(?<y3>\\d{4})"
                       "|(?<m4>%1)\\.?\\s+(?<d4>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y4>\\d{4}))(?![\\d])")
            .arg(QString::fromLatin1(kMonthNames)),
        QRegularExpression::CaseInsensitiveOption);
    QVector<std::pair<int, int>> cues;
    auto c = cue.globalMatch(folded);
    while (c.hasNext()) {
        const auto m = c.next();
        cues.push_back({int(m.capturedStart()), int(m.capturedEnd())});
    }
    if (cues.isEmpty())
        return;
    const int thisYear = today.year();
    auto it = date.globalMatch(folded);
    while (it.hasNext()) {
        const auto m = it.next();
        int d = 0, mo = 0, y = 0;
        for (int k = 1; k <= 4; ++k) {
            const QString ks = QString::number(k);
            if (m.capturedLength(QStringLiteral("y") + ks) > 0) {
                d = m.captured(QStringLiteral("d") + ks).toInt();
                const QString month = m.captured(QStringLiteral("m") + ks);
                mo = month.at(0).isDigit() ? month.toInt() : monthNumber(month);
                y = m.captured(QStringLiteral("y") + ks).toInt();
            }
        }
        if (y < 100)
            y += y > thisYear % 100 ? 1900 : 2000;
        const QDate when(y, mo, d);
        if (!when.isValid() || y < 1900 || when > today)
            continue;
        const int start = int(m.capturedStart());
        const int end = int(m.capturedEnd());
        // The cue comes before the date ("nato il 12/03/1985", "DOB: ...") within a few words, or
        // right after it ("12/03/1985, data di nascita").
        // The cues are in text order and apart: the nearest ones are found by halving.
        const auto before = std::lower_bound(cues.begin(), cues.end(), start - 40,
                                             [](const std::pair<int, int> &span, int at) { return span.second < at; });
        const auto after = std::lower_bound(cues.begin(), cues.end(), end,
                                            [](const std::pair<int, int> &span, int at) { return span.first < at; });
        const bool near =
            (before != cues.end() && before->second <= start) || (after != cues.end() && after->first - end <= 25);
        if (near)
            add(out, FindingKind::BirthDate, text, start, end);
    }
}

void findHealth(const QString &text, const QString &folded, QVector<Finding> &out)
{
    const auto compile = [](bool caseSensitive) {
        QStringList terms;
        for (const char *t : kHealthTerms)
            if (isCaseSensitiveTerm(t) == caseSensitive)
                terms << QString::fromLatin1(t).replace(QLatin1Char(' '), QStringLiteral("\\s+"));
        return QRegularExpression(
            QStringLiteral("(?<![\\p{L}\\p{N}])(?:%1)(?![\\p{L}\\p{N}])").arg(terms.join(QLatin1Char('|'))),
            caseSensitive ? QRegularExpression::NoPatternOption : QRegularExpression::CaseInsensitiveOption);
    };
    static const QRegularExpression anyCase = compile(false);
    static const QRegularExpression asWritten = compile(true);
    Q_ASSERT(anyCase.isValid() && asWritten.isValid());
    for (const auto &[re, subject] : {std::pair{&anyCase, &folded}, std::pair{&asWritten, &text}}) {
        auto it = re->globalMatch(*subject);
        while (it.hasNext()) {
            const auto m = it.next();
            add(out, FindingKind::Health, text, int(m.capturedStart()), int(m.capturedEnd()));
        }
    }
}

} // namespace

QString toId(FindingKind kind)
{
    for (const auto &[k, id] : kKinds)
        if (k == kind)
            return QString::fromLatin1(id);
    return {};
}

std::optional<FindingKind> findingKindFromId(const QString &id)
{
    for (const auto &[k, name] : kKinds)
        if (id == QLatin1String(name))
            return k;
    return std::nullopt;
}

QStringList allFindingKindIds()
{
    QStringList ids;
    for (const auto &entry : kKinds)
        ids << QString::fromLatin1(entry.second);
    return ids;
}

QString label(FindingKind kind)
{
    switch (kind) {
    case FindingKind::TaxCode: return QCoreApplication::translate("Guard", "tax code (codice fiscale)");
    case FindingKind::Iban: return QCoreApplication::translate("Guard", "IBAN");
    case FindingKind::PolicyNumber: return QCoreApplication::translate("Guard", "policy number");
    case FindingKind::ClaimNumber: return QCoreApplication::translate("Guard", "claim number");
    case FindingKind::Plate: return QCoreApplication::translate("Guard", "number plate");
    case FindingKind::Phone: return QCoreApplication::translate("Guard", "phone number");
    case FindingKind::Email: return QCoreApplication::translate("Guard", "e-mail address");
    case FindingKind::BirthDate: return QCoreApplication::translate("Guard", "date of birth");
    case FindingKind::Health: return QCoreApplication::translate("Guard", "health detail");
    }
    return {};
}

// ---- configuration ------------------------------------------------------------------------

QVector<GuardPattern> GuardConfig::defaultPatterns()
{
    const QString number = QString::fromLatin1(kNumberWord);
    return {
        {FindingKind::PolicyNumber,
         QStringLiteral(
             R"(\b(?:polizza|contratto(?:\s+di\s+assicurazione)?|certificato(?:\s+di\s+assicurazione)?|policy)(?:\s+(?:auto|casa|vita|rca?|moto|salute|infortuni|viaggio|home|car|life|travel))?\s*+)") +
             number + QString::fromLatin1(kPolicyNumber),
         QStringLiteral("polizza / contratto / policy, then the number (6+ digits)")},
        {FindingKind::PolicyNumber,
         QStringLiteral(R"(\b(?:numero|n\.?|nr\.?|n°)\s*(?:di\s+|del(?:la)?\s+)?(?:polizza|contratto)\s*+[:°.]?\s*+)") +
             QString::fromLatin1(kPolicyNumber),
         QStringLiteral("numero di polizza / n. contratto, then the number")},
        {FindingKind::ClaimNumber,
         QStringLiteral(R"(\b(?:sinistro|denuncia|claim|pratica(?:\s+di\s+sinistro)?)\s*+)") + number +
             QString::fromLatin1(kClaimNumber),
         QStringLiteral("sinistro / denuncia / pratica / claim, then the number (5+ digits)")},
        {FindingKind::ClaimNumber,
         QStringLiteral(
             R"(\b(?:numero|n\.?|nr\.?|n°)\s*(?:di\s+|del\s+)?(?:sinistro|pratica|denuncia)\s*+[:°.]?\s*+)") +
             QString::fromLatin1(kClaimNumber),
         QStringLiteral("numero di sinistro / n. pratica, then the number")},
    };
}

Result<GuardConfig> GuardConfig::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{QCoreApplication::translate("Guard", "The guard configuration is not valid JSON: %1 (at byte %2).")
                         .arg(parseError.errorString())
                         .arg(parseError.offset),
                     ErrorKind::InvalidInput};
    if (!doc.isObject())
        return Error{QCoreApplication::translate("Guard", "The guard configuration must be a JSON object."),
                     ErrorKind::InvalidInput};
    const QJsonObject root = doc.object();
    GuardConfig config;
    const QJsonValue useDefaults = root.value(QStringLiteral("use_default_patterns"));
    if (!useDefaults.isUndefined() && !useDefaults.isBool())
        return Error{QCoreApplication::translate("Guard", "\"use_default_patterns\" must be true or false."),
                     ErrorKind::InvalidInput};
    config.useDefaultPatterns = useDefaults.toBool(true);
    const QJsonValue patterns = root.value(QStringLiteral("patterns"));
    if (!patterns.isUndefined() && !patterns.isArray())
        return Error{QCoreApplication::translate("Guard", "\"patterns\" must be an array."), ErrorKind::InvalidInput};
    const QJsonArray list = patterns.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject p = list.at(i).toObject();
        const QString where = QCoreApplication::translate("Guard", "patterns[%1]").arg(i);
        const auto kind = findingKindFromId(p.value(QStringLiteral("kind")).toString());
        if (!kind || (*kind != FindingKind::PolicyNumber && *kind != FindingKind::ClaimNumber))
            return Error{
                QCoreApplication::translate("Guard", "%1: \"kind\" must be \"policy_number\" or \"claim_number\".")
                    .arg(where),
                ErrorKind::InvalidInput};
        const QString regex = p.value(QStringLiteral("pattern")).toString();
        if (regex.isEmpty())
            return Error{QCoreApplication::translate("Guard", "%1: \"pattern\" is missing or empty.").arg(where),
                         ErrorKind::InvalidInput};
        const QRegularExpression compiled(regex);
        if (!compiled.isValid())
            return Error{QCoreApplication::translate(
                             "Guard", "%1: the pattern is not a valid regular expression: %2 (at offset %3).")
                             .arg(where, compiled.errorString())
                             .arg(compiled.patternErrorOffset()),
                         ErrorKind::InvalidInput};
        if (compiled.match(QString()).hasMatch())
            return Error{QCoreApplication::translate("Guard", "%1: the pattern matches empty text.").arg(where),
                         ErrorKind::InvalidInput};
        config.patterns.push_back({*kind, regex, p.value(QStringLiteral("description")).toString()});
    }
    for (const QJsonValue v : root.value(QStringLiteral("own_domains")).toArray())
        config.ownDomains << v.toString().trimmed().toLower();
    for (const QJsonValue v : root.value(QStringLiteral("own_phones")).toArray())
        config.ownPhones << digitsOnly(v.toString());
    config.ownDomains.removeAll(QString());
    config.ownPhones.removeAll(QString());
    return config;
}

QByteArray GuardConfig::toJson() const
{
    QJsonArray list;
    for (const GuardPattern &p : patterns)
        list.append(QJsonObject{{QStringLiteral("kind"), toId(p.kind)},
                                {QStringLiteral("pattern"), p.pattern},
                                {QStringLiteral("description"), p.description}});
    QJsonObject root{{QStringLiteral("use_default_patterns"), useDefaultPatterns},
                     {QStringLiteral("patterns"), list},
                     {QStringLiteral("own_domains"), QJsonArray::fromStringList(ownDomains)},
                     {QStringLiteral("own_phones"), QJsonArray::fromStringList(ownPhones)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<GuardConfig> GuardConfig::load(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    query.addBindValue(kSettingKey);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next())
        return defaults();
    auto config = fromJson(query.value(0).toString().toUtf8());
    if (!config)
        return Error{QCoreApplication::translate("Guard", "The guard configuration stored in the cache is damaged: %1")
                         .arg(config.error()),
                     ErrorKind::Corrupt};
    return config;
}

Status GuardConfig::save(const QSqlDatabase &db, const GuardConfig &config)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    query.addBindValue(kSettingKey);
    query.addBindValue(QString::fromUtf8(config.toJson()));
    return sql::exec(query);
}

// ---- the guard ---------------------------------------------------------------------------

Guard::Guard(const GuardConfig &config, const Clock *clock)
    : m_clock(clock), m_ownDomains(config.ownDomains), m_ownPhones(config.ownPhones)
{
    QVector<GuardPattern> patterns =
        config.useDefaultPatterns ? GuardConfig::defaultPatterns() : QVector<GuardPattern>();
    patterns += config.patterns;
    for (const GuardPattern &p : patterns) {
        QRegularExpression re(p.pattern, QRegularExpression::CaseInsensitiveOption |
                                             QRegularExpression::UseUnicodePropertiesOption);
        if (re.isValid())
            m_patterns.push_back({p.kind, re});
    }
}

bool Guard::isValidTaxCode(const QString &input)
{
    const QString code = input.toUpper();
    if (code.size() != 16)
        return false;
    for (int i : {0, 1, 2, 3, 4, 5, 8, 11, 15})
        if (code.at(i) < u'A' || code.at(i) > u'Z')
            return false;
    for (int i : {6, 7, 9, 10, 12, 13, 14})
        if (omocodiaDigit(code.at(i)) < 0)
            return false;
    if (!kMonths.contains(code.at(8)))
        return false;
    const int day = omocodiaDigit(code.at(9)) * 10 + omocodiaDigit(code.at(10));
    if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71)))
        return false;
    int sum = 0;
    for (int i = 0; i < 15; ++i) {
        const QChar c = code.at(i);
        const int index = c.isDigit() ? c.digitValue() : c.unicode() - u'A';
        sum += (i % 2 == 0) ? kOddValues[index] : index; // positions 1, 3, ... are odd (1-based)
    }
    return code.at(15).unicode() == u'A' + sum % 26;
}

int Guard::ibanLength(const QString &country)
{
    for (const IbanCountry &c : kIbanCountries)
        if (country == QLatin1String(c.code))
            return c.length;
    return 0;
}

bool Guard::isValidIban(const QString &input)
{
    QString iban;
    for (QChar c : input)
        if (c != u' ')
            iban += c.toUpper();
    if (iban.size() < 15 || ibanLength(iban.left(2)) != iban.size())
        return false;
    if (!iban.at(2).isDigit() || !iban.at(3).isDigit())
        return false;
    // ISO 7064 mod 97-10: move the first four characters to the end, letters become 10..35.
    const QString rearranged = iban.mid(4) + iban.left(4);
    int remainder = 0;
    for (QChar c : rearranged) {
        if (c.isDigit()) {
            remainder = (remainder * 10 + c.digitValue()) % 97;
        } else if (c >= u'A' && c <= u'Z') {
            remainder = (remainder * 100 + (c.unicode() - u'A' + 10)) % 97;
        } else {
            return false;
        }
    }
    return remainder == 1;
}

Result<QVector<Finding>> Guard::check(const QString &text) const
{
    if (Status size = checkTextLength(text); !size)
        return size.failure();
    return scan(text);
}

QVector<Finding> Guard::scan(const QString &text) const
{
    QVector<Finding> candidates;
    if (text.trimmed().isEmpty())
        return candidates;
    const QString folded = foldKeepingOffsets(text);
    findTaxCodes(text, candidates);
    findSpacedTaxCodes(text, candidates);
    findIbans(text, candidates);
    findEmails(text, m_ownDomains, candidates);
    for (const Compiled &p : m_patterns) {
        auto it = p.regex.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            const bool named = p.regex.namedCaptureGroups().contains(QStringLiteral("number")) &&
                               m.capturedStart(QStringLiteral("number")) >= 0;
            const int start = int(named ? m.capturedStart(QStringLiteral("number")) : m.capturedStart());
            int end = int(named ? m.capturedEnd(QStringLiteral("number")) : m.capturedEnd());
            while (end > start && text.at(end - 1).isSpace())
                --end;
            if (end > start)
                add(candidates, p.kind, text, start, end);
        }
    }
    // Today from the injected clock, in local time: a birth date is never in the future.
    const QDate today = m_clock ? m_clock->now().toLocalTime().date() : QDate::currentDate();
    findBirthDates(text, folded, today, candidates);
    findPlates(text, candidates);
    findPhones(text, m_ownPhones, candidates);
    findHealth(text, folded, candidates);

    // The most specific detector keeps overlapping text; then text order.
    std::stable_sort(candidates.begin(), candidates.end(), [](const Finding &a, const Finding &b) {
        if (priority(a.kind) != priority(b.kind))
            return priority(a.kind) < priority(b.kind);
        return a.start < b.start;
    });
    // What is kept never overlaps: by start, each span's neighbours are the only ones to look at.
    std::map<int, Finding> kept;
    for (const Finding &f : candidates) {
        const auto next = kept.lower_bound(f.start);
        if (next != kept.end() && next->first < f.end)
            continue;
        if (next != kept.begin() && std::prev(next)->second.end > f.start)
            continue;
        if (f.start == f.end && next != kept.end() && next->first == f.start)
            continue;
        kept.emplace(f.start, f);
    }
    QVector<Finding> inOrder;
    inOrder.reserve(qsizetype(kept.size()));
    for (auto &entry : kept)
        inOrder.push_back(std::move(entry.second));
    return inOrder;
}

} // namespace sportello
