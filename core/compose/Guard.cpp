#include "compose/Guard.h"

#include "common/Clock.h"
#include "compose/PersonalReference.h"
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

constexpr std::array<std::pair<FindingKind, const char *>, 10> kKinds{
    {{FindingKind::TaxCode, "tax_code"},
     {FindingKind::Iban, "iban"},
     {FindingKind::PolicyNumber, "policy_number"},
     {FindingKind::ClaimNumber, "claim_number"},
     {FindingKind::Plate, "plate"},
     {FindingKind::Phone, "phone"},
     {FindingKind::Email, "email"},
     {FindingKind::BirthDate, "birth_date"},
     {FindingKind::Health, "health"},
     {FindingKind::PolicyholderRef, "policyholder_ref"}}};

// When two detectors claim overlapping text, the more specific one keeps it: a checksum beats a
// pattern, a pattern beats a run of digits.
int priority(FindingKind kind)
{
    switch (kind) {
    // Known by value: whatever else reads the same characters, they are this customer's reference.
    case FindingKind::PolicyholderRef: return -1;
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
// five digits in all; not an amount, not a date. (kPolicyNumber and kClaimNumber are the same
// today; they are kept apart so that a company can tell them apart.)
// A group of letters may stand between two groups of digits ("2024-CL-88102").
const char *const kPolicyNumber =
    R"((?<number>(?!\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b)(?=(?:[A-Z]{1,4}[-/]?)?(?:[-/.A-Z]{0,5}\d){5})(?:[A-Z]{1,4}[-/]?)?\d[\dA-Z]*(?:[-/.](?:[A-Z]{1,4}[-/.](?=\d))?(?=[\dA-Z]*\d)[\dA-Z]+)*)(?![,.]?\d|\s*(?:€|euro\b|eur\b)))";
const char *const kClaimNumber =
    R"((?<number>(?!\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b)(?=(?:[A-Z]{1,4}[-/]?)?(?:[-/.A-Z]{0,5}\d){5})(?:[A-Z]{1,4}[-/]?)?\d[\dA-Z]*(?:[-/.](?:[A-Z]{1,4}[-/.](?=\d))?(?=[\dA-Z]*\d)[\dA-Z]+)*)(?![,.]?\d|\s*(?:€|euro\b|eur\b)))";
// Runs of blanks are possessive (\s*+): what follows each never starts with a blank, so giving
// blanks back cannot make a match, and trying every split of a long run among the several \s*
// took time in the square of its length (a keyword, then a page of spaces).
const char *const kNumberWord =
    R"((?:numero|num\.?|nr\.?|n\.?|n°|nº|no\.?|number|#|id|ref\.?|reference|riferimento|rif\.?)?\s*+(?:(?:is|\x{e8}|e')\s*+(?:(?:il|la|lo|the)\s++)?)?\s*+[:°º.]?\s*+)";

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
    "(?<!venire\\x20un\\x20)(?<!viene\\x20un\\x20)(?<!da\\x20)infarto",
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
    "in a wheelchair",
    "rotto il (?:crociato|menisco|legamento|femore|polso|braccio|naso|setto)",
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
    "(?<!vicino\\x20)(?<!davanti\\x20)(?:in |all'|dall')\\s*ospedale(?! (?:parcheggio|ingresso|cancello|bar))",
    "terapia intensiva",
    "rianimazione",
    "(?<!davanti\\x20al\\x20)(?<!vicino\\x20al\\x20)pronto soccorso(?! stradale)",
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
    "ansia",
    "sord[oa]",
    "ciec[oa]",
    "non vedente",
    "ipovedente",
    "(?:perso|persa|perdita) (?:dell'\\s*|l'\\s*|la |il )?(?:udito|vista)(?: da un occhio)?",
    "demenza",
    "appendicite",
    "bipolare",
    "allettat[oa]",
    "contusion[ei]",
    "ematoma",
    "(?:la )?104(?![\\d/])",
    "tac",
    "risonanza",
    "ecografia",
    "radiografia",
    "mammografia",
    "colonscopia",
    "gastroscopia",
    "biopsia",
    "elettrocardiogramma",
    "(?:visita|visite) (?:medic[ahe]|specialistic[ahe]|ortopedic[ahe]|cardiologic[ahe]|neurologic[ahe]|oculistic[ahe])",
    "dolore (?:al(?:la|lo)? |all'\\s*)\\w+",
    "(?:mi|gli|le) fa male (?:il |la |lo |l'\\s*)?\\w+",
    "dimess[oa] (?:dall'\\s*ospedale|ieri|oggi|stamattina|stamani)",
    // Words medicine makes with its suffixes, with the everyday words that share them left out.
    "(?!nostalgi)\\w{3,}algi[ae]",
    "(?!(?:accademi|epidemi|pandemi|bohemi|academi))\\w{2,}emi[ae]",
    "\\w{3,}ectomi[ae]",
    "(?!(?:microscopi|telescopi|caleidoscopi))\\w{3,}scopi[ae]",
    "(?!(?:aromaterapi|cromoterapi))\\w{3,}terapi[ae]",
    "(?!(?:simpatia|antipatia|empatia|apatia|telepatia)(?![\\p{L}]))\\w{1,10}patia",
    "(?:tendin|artr|gastr|bronch|ot|cist|epat|appendic|mening|dermat|col|sinus|congiuntiv|pancreat|polmon|tiroid|bors|"
    "fasc|epicondil|labirint|nefr|encefal|fleb|spondil|prostat|esofag|laring|faring|tonsill|mi|neur|ost|vascul|uve|"
    "cheratocongiuntiv|pleur|periton|pericard|endocard|miocard|vestibol|rin|diverticol)it[ei]",
    "(?:artrosi|scoliosi|trombosi|cirrosi|psicosi|nevrosi|fibrosi|osteoporosi|endometriosi|steatosi|stenosi|"
    "tubercolosi|lordosi|cifosi|acidosi|necrosi|candidosi|toxoplasmosi|diverticolosi|ipertiroidismo|ipotiroidismo)",
    "(?:melan|carcin|glauc|linf|mi|fibr|lip|aden|angi|sarc|neur|emat|mening|gli|blast|osteosarc)oma",
    "colica(?: renale| biliare)?",
    "febbre",
    "nausea",
    "insufficienza (?:cardiaca|renale|respiratoria|epatica|venosa)",
    "arresto cardiaco",
    "ischemi[ae]",
    "trapianto(?: di \\w+)?",
    "riabilitazione",
    "psicolog[oa]",
    "psicoterapeuta",
    "neurolog[oa]",
    "oncolog[oa]",
    "cardiolog[oa]",
    "ortopedico",
    "day hospital",
    "tutore",
    "apparecchio acustico",
    "apparecchi acustici",
    "dipendenza da (?:alcol|droga|droghe|gioco|farmaci|cocaina|eroina)",
    "alcolista",
    "tossicodipendente",
    "paralizzat[oa]",
    "paralisi",
    "in malattia",
    "al (?:primo|secondo|terzo|quarto|quinto|sesto|settimo|ottavo|nono|\\d°?) mese(?! di)",
    "test di gravidanza positivo",
    "(?:e|e'|sono|era|ero|stat[oa]|rimast[oa]|sn stat[oa]) (?:in |all'\\s*)ospedale",
    "al ps",
    "in rsa",
    "(?<!da\\x20)in terapia intensiva",
    "attacc(?:o|hi) di panico",
    "emicrania",
    "amniocentesi",
    "adhd",
    "dislessi[ao]",
    "ritalin",
    "malore",
    "patologi[ae](?: oncologic[ahe]| cardiac[ahe]| psichiatric[ahe])?",
    "lesion[ei]",
    "disintossica\\w*",
    "(?:fecondazione assistita|pma)",
    "trombosi venosa",
    "apnea notturna",
    "apnee notturne",
    "cpap",
    "shock anafilattico",
    "allergic[oa] (?:a|al|alla|alle|ai|agli) \\w+",
    "in coma",
    "coma",
    "ipovedente",
    "malattia rara",
    "malattie rare",
    "malattia(?! (?:professionale|grave|gravi)\\b)(?= (?:di|del|della|cronica|autoimmune|genetica|degenerativa|rara|"
    "neurologica|oncologica))",
    "(?:schizofreni[ao]|schizofrenic[oa]|psicotic[oa])",
    "dislessic[oa]",
    "bpco",
    "bombola (?:dell'\\s*|di )ossigeno",
    "ossigenoterapia",
    "soffio al cuore",
    "fibrillazione atriale",
    "(?:calcoli|calcolo) (?:renali|renale|alla cistifellea)",
    "(?:legamento )?crociato",
    "amputat[oaie]",
    "amputazione",
    "morso da un cane",
    "antitetanica",
    "punti (?:sul|sulla|alla|in) \\w+",
    "punti al (?!pronto)\\w+",
    "(?:spalla|ginocchio|anca|schiena|gamba|braccio|polso|caviglia) operat[oa]",
    "incrinat[oa]",
    "ustion[ei]",
    "bruxismo",
    "miopia",
    "occhiali",
    "impianti dentali",
    "(?:gravidanza|gravidanze) a rischio",
    "(?:\\d+|\\d+esima|\\d+a) settimana(?: di gravidanza)?",
    "in rianimazione",
    "(?<!da\\x20)ricovero", // "un call center da ricovero" is a figure of speech
    "infezione",
    "parto(?: cesareo)?",
    "cesareo",
    "herpes(?: zoster)?",
    "fuoco di sant'antonio",
    "morbo di \\w+",
    "cataratta",
    "bypass",
    "dialisi",
    "cervicale",
    "tecar",
    "osteopata",
    "fisioterapista",
    "(?:spalla|schiena|collo|ginocchio|caviglia|polso|gamba|braccio) (?:\\w+ )?(?:bloccat[oa]|gonfi[oa]|rott[oa])",
    "dolori (?:al(?:la|lo)? |all'\\s*|ai |alle )\\w+",
    "intervento (?:di|per) \\w+",
    "(?:coumadin|warfarin|eutirox|levotiroxina|metformina|xanax|prozac|cortisone|antibiotic[oi]|chemio(?:terapia)?)",
    "mort[oa] (?!(?:di|dal|dalle) (?:fame|sete|paura|ridere|noia|risate|sonno|freddo|caldo))(?:per|di|a causa di|dopo) "
    "(?:un |una |un'\\s*|il |la |le |l'\\s*)?\\w+",
    "lettera di dimissioni",
    "(?:tolt[oa]|asportat[oa]|rimoss[oa]) (?:la |il |lo |l'\\s*|le |i |un |una )?(?:cistifellea|colecisti|appendice|utero|"
    "tiroide|milza|rene|tonsille|calcoli|polipi?|ernia|menisco|ovaie?|prostata|seno)",
    "punti in testa",
    "(?:visita|visite) (?:oncologic[ahe]|ginecologic[ahe]|psichiatric[ahe]|dermatologic[ahe])",
    "(?:braccio|gamba|polso|caviglia|femore|bacino|costol[ae]|naso|spalla|ginocchio|dito|mano|piede|clavicola|vertebr[ae]) "
    "(?:rott[oaie]|fratturat[oaie]|ingessat[oaie]|lussat[oaie])",
    "gesso",
    "stampelle",
    "collare(?: cervicale)?",
    "(?:giorni|settimane) di prognosi",
    "prognosi",
    "interventi (?:al(?:la|lo)? |all'\\s*|ai |alle )\\w+",
    "pressione alta",
    "ipertensione",
    "(?:cardio)?aspirina",
    "antidepressivi",
    "ansiolitici",
    "psicofarmaci",
    "insulina",
    "anticoagulanti",
    "esaurimento nervoso",
    "burn-?out",
    "mal di testa",
    "vertigini",
    "giramenti di testa",
    "positiv[oa] al (?:covid|tampone)",
    "in terapia(?! intensiva)",
    "in cura",
    "attacchi d'ansia",
    "mal di schiena",
    "dolore cronico",
    "dolori cronici",
    "risonanza (?:al(?:la|lo)? |all'\\s*)\\w+",
    "(?:tac|ecografia|radiografia|lastra|biopsia|colonscopia|mammografia) (?:al(?:la|lo)? |all'\\s*)\\w+",
    "(?:analisi|esami) del sangue",
    "(?:mi sono|si e|ho|ha) (?:rott[oa]|fratturat[oa]|slogat[oa]|lussat[oa]) (?:il |la |lo |l'\\s*|un |una )?\\w+",
    "(?:distorsione|lussazione|rottura|strappo) (?:al(?:la|lo)? |all'\\s*|del(?:la|lo)? |dell'\\s*)\\w+",
    "punti di sutura",
    "operazione (?:al(?:la|lo)? |all'\\s*)\\w+",
    "(?:invalid[oaie]|disabil[ei]) (?:al |del |per il )?\\d{1,3}\\s?(?:%|per ?cento)",
    "(?:invalidita|disabilita) (?:del |al |pari al )?\\d{1,3}\\s?(?:%|per ?cento)",
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
    "(?<!gave\\x20me\\x20a\\x20)(?<!give\\x20me\\x20a\\x20)(?<!gives\\x20me\\x20a\\x20)heart attack",
    "(?<!gave\\x20me\\x20)(?<!give\\x20me\\x20)(?<!gives\\x20me\\x20)(?:a|his|her|my|their|mild|minor|major|massive|\\w+'s) stroke(?! of)",
    "depression",
    "panic attacks?",
    "hernia",
    "anorexia",
    "bulimia",
    "ivf",
    "adhd",
    "dyslexia",
    "ritalin",
    "(?<!giving\\x20me\\x20a\\x20)(?<!gives\\x20me\\x20a\\x20)(?<!gave\\x20me\\x20a\\x20)(?<!give\\x20me\\x20a\\x20)migraines?",
    "dvt",
    "deep vein thrombosis",
    "amniocentesis",
    "(?:head |brain |spinal |back |neck |knee )?injur(?:y|ies)",
    "lost (?:my|his|her|their|your) (?:sense of (?:smell|taste)|sight|hearing)",
    "(?:tonsils|appendix|gallbladder|wisdom teeth) (?:out|removed)",
    "hurt (?:my|his|her|their|your) (?:back|neck|knee|shoulder|leg|arm|wrist|ankle|hip|head)",
    "(?:rehab|detox)",
    "inpatient",
    "sleep apn(?:o)?ea",
    "cpap(?: machine)?",
    "anaphyla(?:xis|ctic shock)",
    "allergic to \\w+",
    "(?:in|into) a coma",
    "coma",
    "partially sighted",
    "visually impaired",
    "hearing loss",
    "(?:lost|knocked out|broke) (?:two |three |a |my |his |her )?(?:front )?teeth",
    "(?:dental )?implants",
    "crohn'?s",
    "schizophreni[ac]",
    "copd",
    "oxygen (?:tank|cylinder|therapy)",
    "heart murmur",
    "atrial fibrillation",
    "kidney stones?",
    "post-op bloods",
    "(?:second|third|first)[ -]degree burns",
    "burns",
    "burned (?:my|his|her|their) \\w+",
    "glasses",
    "short-sighted",
    "amputat(?:ed|ion)",
    "(?:\\d+|\\d+th|\\d+rd|\\d+nd) weeks? (?:pregnant|of pregnancy)",
    "hepatitis",
    "AIDS",
    "MS", // multiple sclerosis, in capitals only: "Ms" is a title
    "SLA", // sclerosi laterale amiotrofica, in capitals; a service-level agreement has no owner
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
    // A hospital's car park or entrance is a place, not a stay.
    "in (?:the )?hospital(?! (?:car ?park|parking|lot|entrance|gate|cafeteria|canteen|shop|grounds))",
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
    "anxiety",
    "deaf",
    "blind(?! spot| eye)",
    "hard of hearing",
    "dementia",
    "appendicitis",
    "bipolar",
    "bedridden",
    "bruised (?:ribs?|knee|leg|arm|shoulder|chest|hip)",
    "contusion",
    "(?:gp|doctor's|medical|specialist|hospital) (?:visit|appointment)",
    "(?:neck|back|head|chest|knee|shoulder|arm|leg|wrist|ankle|hip) hurts",
    "pain in (?:my|his|her|their|your) \\w+",
    "(?:out of|discharged from) (?:the )?hospital",
    "pregnant with",
    "pacemaker",
    "in therapy",
    "on crutches",
    "(?:hospital )?discharge letter",
    "(?:ptsd|post-traumatic stress)",
    "insomnia",
    "high blood pressure",
    "hypertension",
    "antidepressants",
    "anti-?anxiety (?:meds|medication|pills)",
    "painkillers",
    "insulin",
    "burn-?out",
    "headaches",
    "dizziness",
    "(?:tested )?positive for covid(?:-?19)?",
    "(?:days|nights|weeks) in (?:the )?hospital",
    "(?:is|was|been|am|are|were|still) in (?:the )?hospital",
    "(?!nostalgia)\\w{3,}algia",
    "\\w{3,}itis",
    "(?!(?:osmosis|hypnosis|metamorphosis|apotheosis|symbiosis)(?![\\p{L}]))\\w{3,}osis",
    "(?!(?:academia|bohemia)(?![\\p{L}]))\\w{2,}emia",
    "\\w{3,}ectomy",
    "(?!(?:microscopy|telescopy|kaleidoscopy|horoscopy)(?![\\p{L}]))\\w{3,}scopy",
    "(?!aromatherapy)\\w{3,}therapy",
    "(?!(?:sympathy|empathy|apathy|telepathy|antipathy)(?![\\p{L}]))\\w{1,10}pathy",
    "(?:mel|carcin|glauc|lymph|my|fibr|lip|aden|angi|sarc|neur|haemat|hemat|mening|gli|blast)oma",
    "fever",
    "nausea",
    "nightmares",
    "heart failure",
    "cardiac arrest",
    "blood clot",
    "transplant",
    "rehab(?:ilitation)?",
    "psychologist",
    "psychotherapist",
    "neurologist",
    "oncologist",
    "cardiologist",
    "(?:neck|knee|back|wrist|ankle) brace",
    "hearing aids?",
    "sick leave",
    "off sick",
    "alcoholic",
    "addict(?:ion|ed)?",
    "sober",
    "(?:in (?:the )?)?icu",
    "paraly[sz]ed",
    "post-op",
    "positive pregnancy test",
    "(?:\\d+|first|second|third) trimester",
    "(?:\\d+) weeks pregnant",
    "diabetic",
    "type [12] diabet\\w*",
    "long covid",
    "fatigue",
    "alcoholism",
    "biopsy(?: results?)?",
    "cataracts?",
    "(?:triple |double |heart )?bypass",
    "herniated discs?",
    "slipped disc",
    "c-section",
    "infection",
    "hubby's",
    "(?:metformin|warfarin|insulin|lithium|prozac|xanax|statins|steroids|antibiotics)",
    "(?:died|passed away) (?:of|from) (?:a |an |the )?\\w+",
    "panic disorder",
    "(?:chronic|severe|back|neck|chest) pain",
    "co?eliac(?: disease)?",
    "(?:broke|broken|fractured|sprained|twisted|dislocated|tore|torn) (?:(?:my|his|her|their|your|a|the) )?"
    "(?:leg|arm|wrist|ankle|hip|knee|shoulder|collarbone|rib|ribs|nose|finger|foot|hand|elbow|neck|acl|meniscus|skull|"
    "jaw|pelvis|spine|cheekbone|toe|thumb)",
    "(?:at|in|to) (?:the )?a&e",
    "(?:mri|ct|x-ray|scan|ultrasound) (?:on|of) (?:my|his|her|your|their) \\w+",
    "blood tests?",
    "stitches",
    "\\d{1,3}\\s?% (?:disabled|disability)",
    "(?:registered|permanently|severely) disabled",
};

// Health words matched as written: in lower case they are ordinary words ("it aids").
bool isCaseSensitiveTerm(const char *term)
{
    return qstrcmp(term, "AIDS") == 0 || qstrcmp(term, "MS") == 0 || qstrcmp(term, "SLA") == 0;
}

// Words that say a date nearby is a date of birth.
const char *const kBirthCue =
    R"((?<![\p{L}\p{N}])(?:nat[oaie]|nascita|nasc\.|nasce|born|birth|birthday|d\.?o\.?b\.?|d\.?d\.?n\.?|compleanno|compio gli anni)(?![\p{L}\p{N}]))";
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

// `shaped` receives, in text order, every run that has an IBAN's shape (country in capitals, check
// digits, at least 11 more characters, mostly digits), valid or not: the digits of a mistyped
// IBAN are not a phone.
void findIbans(const QString &text, QVector<Finding> &out, QVector<std::pair<int, int>> &shaped)
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
        // The shape: the country in capitals as written, and mostly digits ("al 347 220 1893
        // entro venerdì" is Albania's code only by accident).
        const auto digitCount = std::count_if(compact.cbegin(), compact.cend(), [](QChar c) { return c.isDigit(); });
        if (compact.size() >= 15 && text.at(start).isUpper() && text.at(start + 1).isUpper() &&
            digitCount * 10 >= compact.size() * 6)
            shaped.push_back({start, end});
        if (compact.size() != length || (end < text.size() && isAsciiAlnum(text.at(end))))
            continue;
        if (Guard::isValidIban(compact)) {
            add(out, FindingKind::Iban, text, start, end);
            resumeAt = end;
        }
    }
}

// A company address is the company's when it names a function ("reclami@") or the company itself
// (its name is in its domain: "lanterna.assicurazioni@pec.lanternaassicurazioni.it"), not a person
// ("giulia.moretti@", "n.lombardi@"): an employee's own address is personal data too.
bool namesAPerson(const QString &local, const QString &domain)
{
    static const QRegularExpression person(QStringLiteral("^[a-z]+[._-][a-z]{2,}(?:[._-][a-z]{2,})?\\d*$"),
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
    if (std::all_of(parts.begin(), parts.end(), [&domain](const QString &p) { return domain.contains(p); }))
        return false;
    return std::none_of(parts.begin(), parts.end(), [](const QString &p) { return functions.contains(p); });
}

// An address as people write it to dodge filters or by dictation: "tom dot baker at gmail dot com",
// "giulia punto ferri chiocciola libero punto it", "sara . gentile @ gmail . com". Its parts are
// rebuilt into the address before the company's domains are looked at.
QString rebuiltAddressPart(QString part)
{
    static const QRegularExpression dot(QStringLiteral("\\s*(?:\\.|[\\[(]\\s*(?:dot|punto)\\s*[\\])])\\s*|\\s+(?:dot|punto)\\s+"),
                                        QRegularExpression::CaseInsensitiveOption);
    return part.replace(dot, QStringLiteral(".")).toLower();
}

void addEmail(const QString &text, const QRegularExpressionMatch &m, const QStringList &ownDomains,
              QVector<Finding> &out)
{
    const QString domain = rebuiltAddressPart(m.captured(QStringLiteral("domain")));
    const QString local = rebuiltAddressPart(m.captured(QStringLiteral("local")));
    const bool own = std::any_of(ownDomains.begin(), ownDomains.end(), [&domain](const QString &d) {
        return domain == d || domain.endsWith(QLatin1Char('.') + d);
    });
    if (!own || namesAPerson(local, domain))
        add(out, FindingKind::Email, text, int(m.capturedStart()), int(m.capturedEnd()));
}

void findEmails(const QString &text, const QStringList &ownDomains, QVector<Finding> &out)
{
    // Light obfuscation hides nothing: "mario.rossi [at] gmail.com", "chiocciola", blanks around
    // "@" and the dots. A blank before "@" and none after is a handle ("follow @giulia.ferri").
    static const QRegularExpression re(
        QStringLiteral("(?<![\\w.+-])(?<local>[A-Za-z0-9][A-Za-z0-9_%+-]*(?:(?: ?\\. ?)[A-Za-z0-9_%+-]+){0,6})"
                       "(?:@|\\s++@\\s++|\\s*[\\[(]\\s*(?:at|chiocciola)\\s*[\\])]\\s*|\\s+chiocciola\\s+)"
                       "(?<domain>[A-Za-z0-9-]+(?: ?\\. ?[A-Za-z0-9-]+){0,6}\\.[A-Za-z]{2,}|"
                       "[A-Za-z0-9-]+(?: ?\\. ?[A-Za-z0-9-]+){0,6} \\. [A-Za-z]{2,})(?![\\w-])"),
        QRegularExpression::CaseInsensitiveOption);
    // The parts of an address are bounded ({0,6}): with blanks allowed around the dots every word
    // of a sentence can start one, and an unbounded part would read the rest of the text from
    // each of them (a square of the length).
    // Spelled out: the separators are words. Only with a known top-level domain, so that "meet me
    // at the office dot" is not taken for an address; "at" needs a local part that is not a word
    // of the sentence ("write to me at ...").
    static const QString dot =
        QStringLiteral("(?:\\s*[\\[(]\\s*(?:dot|punto)\\s*[\\])]\\s*|\\s+(?:dot|punto)\\s+|\\s?\\.\\s?)");
    static const QRegularExpression spelled(
        QStringLiteral("(?<![\\w.+-])(?<local>(?!(?:me|us|you|him|her|them|it|this|that|home|work|least|last|"
                       "first|once|all|the|a|an|and|or|mail|email|e-mail|noon|night|school|lunch|risk)\\b)"
                       "[A-Za-z0-9][A-Za-z0-9_%+-]*(?:%1[A-Za-z0-9_%+-]+){0,6})"
                       "(?:\\s*[\\[(]\\s*(?:at|chiocciola)\\s*[\\])]\\s*|\\s+at\\s+|\\s+chiocciola\\s+|@|\\s++@\\s++)"
                       "(?<domain>[A-Za-z0-9-]+(?:%1[A-Za-z0-9-]+){0,6}%1(?:com|it|net|org|eu|info|biz|me|io|co|uk|de|"
                       "fr|es|ch|at|be|nl|edu|gov|email|mail|pec))(?![\\w-]|%1\\w)")
            .arg(dot),
        QRegularExpression::CaseInsensitiveOption);
    auto it = re.globalMatch(text);
    while (it.hasNext())
        addEmail(text, it.next(), ownDomains, out);
    it = spelled.globalMatch(text);
    while (it.hasNext())
        addEmail(text, it.next(), ownDomains, out);
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
    // A format hint is not a plate: "XX000XX", "AA 999 AA" (one letter repeated, or the digits 000).
    const auto isPlaceholder = [](QStringView plate) {
        QString letters, digits;
        for (QChar c : plate) {
            if (c.isLetter())
                letters += c.toUpper();
            else if (c.isDigit())
                digits += c;
        }
        return digits == QLatin1String("000") || letters.count(letters.at(0)) == letters.size();
    };
    // ...and so is a plate given as an example of the format ("AB123CD è il formato corretto"),
    // with the words in the 40 characters on either side.
    static const QRegularExpression exampleBefore(
        QStringLiteral("\\b(?:formato|format|esempio|example|e\\.g\\.|ad es\\.|per es\\.|such as)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression exampleAfter(
        QStringLiteral("^\\W{0,3}(?:\\x{e8}|e'|is)\\s+(?:il|un|the|an?)\\s+(?:formato|format|esempio|example)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto addPlate = [&](int start, int end) {
        const int from = std::max(0, start - 40);
        if (!isPlaceholder(QStringView(text).mid(start, end - start)) &&
            !exampleBefore.match(QStringView(text).mid(from, start - from)).hasMatch() &&
            !exampleAfter.match(QStringView(text).mid(end, std::min<qsizetype>(40, text.size() - end))).hasMatch())
            add(out, FindingKind::Plate, text, start, end);
    };
    auto it = upper.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        addPlate(int(m.capturedStart()), int(m.capturedEnd()));
    }
    it = cued.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        addPlate(int(m.capturedStart(QStringLiteral("plate"))), int(m.capturedEnd(QStringLiteral("plate"))));
    }
}

// Where a clause ends, for the detectors that read a term in its sentence.
bool isClauseEnd(QChar c)
{
    return c == u'.' || c == u'!' || c == u'?' || c == u';' || c == u':' || c == u'\n' || c == u'\r';
}

// A dot inside a word ("Sig.ra", "S.p.A.") or after a title or an abbreviation ("Sig. Romano", "Dr.
// Shah", "tel. 011…") does not end the clause: what it introduces stays in its sentence.
bool endsClause(const QString &folded, int i)
{
    const QChar c = folded.at(i);
    if (c != u'.')
        return isClauseEnd(c);
    if (i + 1 < folded.size() && !folded.at(i + 1).isSpace())
        return false;
    int word = i;
    while (word > 0 && folded.at(word - 1).isLetter())
        --word;
    static const QStringList titles{QStringLiteral("sig"),  QStringLiteral("sigg"), QStringLiteral("dott"),
                                    QStringLiteral("dr"),   QStringLiteral("mr"),   QStringLiteral("mrs"),
                                    QStringLiteral("ms"),   QStringLiteral("prof"), QStringLiteral("ing"),
                                    QStringLiteral("avv"),  QStringLiteral("geom"), QStringLiteral("rag"),
                                    QStringLiteral("sra"),  QStringLiteral("st"),   QStringLiteral("tel"),
                                    QStringLiteral("cell"), QStringLiteral("fax"),  QStringLiteral("n"),
                                    QStringLiteral("nr"),   QStringLiteral("num"),  QStringLiteral("art")};
    return !titles.contains(folded.mid(word, i - word));
}

bool looksLikeDate(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}$"));
    return re.match(s.trimmed()).hasMatch();
}

// Where a search for the words that say a number is not a phone ("P.IVA", "codice fiscale",
// "riferimento"...) must start for a number at `start`: the words end at most 48 characters
// before it (a VAT or tax word: 45 others in the same sentence, "La partita IVA di Lanterna
// Assicurazioni è", then "IT "; other words 12), are at most 13 letters long, and can hold one run
// of blanks ("partita    iva"). Searching the whole text before each number made the guard
// quadratic.
qsizetype cueWindowStart(const QString &text, qsizetype start)
{
    qsizetype from = std::max<qsizetype>(0, start - 60);
    while (from > 0 && text.at(from - 1).isSpace())
        --from;
    return std::max<qsizetype>(0, from - 16);
}

// Whether a number as written (digits and separators) is a person's phone: an international
// number, an Italian mobile or landline, not a service number nor one of the company's own.
bool isPersonalPhone(const QString &s, const QStringList &ownPhones)
{
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
        return false;
    // Service numbers (toll free 800/803, 199, 89x premium) belong to companies, not people.
    static const QRegularExpression service(QStringLiteral("^(?:80[0-9]|199|89[0-9]|848|840)"));
    if (!international && service.match(digits).hasMatch())
        return false;
    if (ownPhones.contains(digits))
        return false;
    return true;
}

// An Italian landline: 0…, or +39 / 0039 and then 0….
bool isItalianLandline(const QString &written)
{
    QString digits = digitsOnly(written);
    if (written.trimmed().startsWith(QLatin1Char('+')) && digits.startsWith(QLatin1String("39")))
        digits = digits.mid(2);
    else if (digits.startsWith(QLatin1String("0039")))
        digits = digits.mid(4);
    return digits.startsWith(QLatin1Char('0')) && !digits.startsWith(QLatin1String("00"));
}

// Words that present a landline as the company's: an agency, a branch, a switchboard, an office.
const char *const kCompanyLine =
    "\\b(?:agenzi[ae]|sede|filiale|centralino|servizio clienti|numero verde|call center|ufficio (?:sinistri|reclami)|"
    "nostr[oi] uffici[o]?|customer (?:service|care)|switchboard|helpline|claims line|"
    "our (?:number|line|office|offices|branch|agency)|nostro numero)\\b";
// ...unless the writer gives it as where to reach them ("chiamatemi in ufficio allo 02…").
const char *const kReachMe =
    "\\b(?:chiamatemi|richiamatemi|contattatemi|mi|me|my|mio|mia|i'm|sono|call me|ring me|reach me)\\b";

void findPhones(const QString &text, const QString &folded, const QStringList &ownPhones,
                const QVector<std::pair<int, int>> &ibanShaped, QVector<Finding> &out)
{
    static const QRegularExpression companyLine(QString::fromLatin1(kCompanyLine));
    static const QRegularExpression reachMe(QString::fromLatin1(kReachMe));
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
                "\\b(?:(?:p\\.?\\s?iva|partita\\s+iva|vat(?:\\s+(?:number|no\\.?))?|c\\.\\s?f\\.|cf|codice\\s+fiscale)"
                "(?:[^\\d\\n.!?]|\\.(?!\\s+\\p{Lu})){0,45}|"
                "(?:reference|riferimento|rif\\.|ref\\.|codice|code|ordine|order|ticket|fattura|invoice|preventivo|"
                "quote|reclamo|complaint|segnalazione|richiesta|request|case|verbale|protocollo|otp|pin|matricola|"
                "serial|tracking|spedizione|shipment|cro|trn|transazione|transaction|ricevuta|receipt)"
                // ...unless a phone's own label stands between ("preventivo casa, tel: 06 …")
                "(?:(?!tel|cell|phone|mobile|whatsapp)[^\\d\\n]){0,12})(?:\\bit\\s?)?$"),
            QRegularExpression::CaseInsensitiveOption);
        if (notPhone.match(QStringView(text).left(start), cueWindowStart(text, start)).hasMatch())
            continue;
        // Inside an IBAN's shape (a valid one is an IBAN finding; a mistyped one is nothing).
        const auto iban = std::lower_bound(ibanShaped.begin(), ibanShaped.end(), start,
                                           [](const std::pair<int, int> &span, int at) { return span.second <= at; });
        if (iban != ibanShaped.end() && iban->first < end)
            continue;
        if (!isPersonalPhone(s, ownPhones))
            continue;
        // A landline the sentence presents as the company's office (a mobile is always a person's:
        // an agent's or an adjuster's own phone is personal data).
        if (isItalianLandline(s)) {
            int from = start;
            while (from > 0 && start - from < 80 && !endsClause(folded, from - 1))
                --from;
            int to = end;
            while (to < folded.size() && to - end < 60 && !endsClause(folded, to))
                ++to;
            const QStringView clause = QStringView(folded).mid(from, to - from);
            if (companyLine.match(clause).hasMatch() && !reachMe.match(clause).hasMatch())
                continue;
        }
        add(out, FindingKind::Phone, text, start, end);
    }
}

// A number spelled out in words, digit by digit ("tre quattro sette, due due uno...", "three four
// seven..."): rebuilt into its digits and judged like a written one.
void findSpelledPhones(const QString &folded, const QString &text, const QStringList &ownPhones,
                       QVector<Finding> &out)
{
    static const QStringList it{QStringLiteral("zero"), QStringLiteral("uno"),    QStringLiteral("due"),
                                QStringLiteral("tre"),  QStringLiteral("quattro"), QStringLiteral("cinque"),
                                QStringLiteral("sei"),  QStringLiteral("sette"),  QStringLiteral("otto"),
                                QStringLiteral("nove")};
    static const QStringList en{QStringLiteral("zero"), QStringLiteral("one"),  QStringLiteral("two"),
                                QStringLiteral("three"), QStringLiteral("four"), QStringLiteral("five"),
                                QStringLiteral("six"),  QStringLiteral("seven"), QStringLiteral("eight"),
                                QStringLiteral("nine")};
    static const QString word = QStringLiteral("(?:%1|%2|oh)").arg(it.join(QLatin1Char('|')), en.join(QLatin1Char('|')));
    // Eight or more digit words in a row, separated by blanks, commas or dashes.
    static const QRegularExpression run(
        QStringLiteral("(?<![\\p{L}])%1(?:[\\s,.-]+%1){7,15}(?![\\p{L}])").arg(word),
        QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression words(QStringLiteral("\\p{L}+"), QRegularExpression::UseUnicodePropertiesOption);
    auto m = run.globalMatch(folded);
    while (m.hasNext()) {
        const auto found = m.next();
        QString digits;
        auto w = words.globalMatch(found.captured());
        while (w.hasNext()) {
            const QString token = w.next().captured();
            int value = it.indexOf(token);
            if (value < 0)
                value = en.indexOf(token);
            digits += QChar(u'0' + (token == QLatin1String("oh") ? 0 : value));
        }
        // Spelling a number out is approximate (a digit said twice, one group too many): a run of
        // digit words that starts like a mobile is one with 9 to 11 digits.
        const bool spelledMobile = digits.startsWith(QLatin1Char('3')) && digits.size() >= 9 && digits.size() <= 11 &&
                                   !ownPhones.contains(digits);
        if (spelledMobile || isPersonalPhone(digits, ownPhones))
            add(out, FindingKind::Phone, text, int(found.capturedStart()), int(found.capturedEnd()));
    }
}

// Words before a birth word that say what was born is not a person: a company, an agency, an app,
// a problem ("Lanterna Assicurazioni è nata il 12/03/1998", "the app was born broken on 1 April").
const char *const kNotAPersonBorn =
    "\\b(?:agenzi[ae]|societa|compagnia|azienda|impresa|gruppo|filiale|sede|ufficio|brand|marchio|app|"
    "applicazione|sito|problema|progetto|servizio|company|agency|branch|office|firm|business|group|insurer|"
    "problem|issue|project|service|website|assicurazion[ei]|insurance|s\\.?p\\.?a|s\\.?r\\.?l|fondat[oa]|"
    "founded|anniversari[oa]|anniversary|campagna|campaign|iniziativa|initiative|evento|event|festival|"
    "fondazione|foundation|associazione|association|club|squadra|progetto)\\b";
// Words that make a date an example of a format: "in the format DD/MM/YYYY, e.g. 01/01/1980".
const char *const kFormatHint =
    "(?:\\b(?:dd|gg)[/.-]mm[/.-](?:yyyy|aaaa|yy|aa)\\b|\\be\\.g\\.|\\bad es\\.|\\bper es\\.|\\besempio|\\bexample|"
    "\\bformat|\\bformato|\\bsuch as|\\bcome ad es)";

void findBirthDates(const QString &text, const QString &folded, const QDate &today, QVector<Finding> &out)
{
    static const QRegularExpression cue(QString::fromLatin1(kBirthCue), QRegularExpression::CaseInsensitiveOption);
    // Day and month are enough next to a birth word ("my birthday is 14 August"); numbers alone
    // ("3/5") need their year.
    static const QRegularExpression date(
        QStringLiteral("(?<![\\d])(?:(?<d1>\\d{1,2})[/.-](?<m1>\\d{1,2})[/.-](?<y1>\\d{4}|\\d{2})"
                       "|(?<y2>\\d{4})-(?<m2>\\d{2})-(?<d2>\\d{2})"
                       "|(?<d3>\\d{1,2})(?:°|º|st|nd|rd|th)?\\s+(?:of\\s+)?(?<m3>%1)\\b\\.?(?:\\s+(?<y3>\\d{4}))?"
                       "|(?<m4>%1)\\.?\\s+(?<d4>\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(?<y4>\\d{4}))?)(?![\\d])")
            .arg(QString::fromLatin1(kMonthNames)),
        QRegularExpression::CaseInsensitiveOption);
    // "sono del 7 luglio 1995": the writer's birth date, only with the full date right after.
    static const QRegularExpression sonoDel(QStringLiteral("\\bsono\\s+del(?:l')?\\s*$"));
    static const QRegularExpression notAPerson(QString::fromLatin1(kNotAPersonBorn));
    static const QRegularExpression formatHint(QString::fromLatin1(kFormatHint));
    QVector<std::pair<int, int>> cues;
    auto c = cue.globalMatch(folded);
    while (c.hasNext()) {
        const auto m = c.next();
        const int cueStart = int(m.capturedStart());
        // What was born: the subject, in the eight words before the birth word (at most 60
        // characters, in its clause), unless the writer says it was them ("sono nato", "I was born").
        int from = cueStart;
        int words = 0;
        // (a colon does not end the search: "La campagna compie 10 anni: è nata il…")
        while (from > 0 && cueStart - from < 60 && (folded.at(from - 1) == u':' || !endsClause(folded, from - 1)) &&
               words <= 8) {
            --from;
            if (folded.at(from).isSpace() && from > 0 && !folded.at(from - 1).isSpace())
                ++words;
        }
        static const QRegularExpression writerBorn(QStringLiteral("\\b(?:sono|ero|io|i was|i'm|i am|we were)\\s+$"));
        if (writerBorn.match(QStringView(folded).mid(from, cueStart - from)).hasMatch()) {
            cues.push_back({cueStart, int(m.capturedEnd())});
            continue;
        }
        // ...or right after it: "happy birthday to our agency, born on…"
        const int cueEnd = int(m.capturedEnd());
        int upTo = cueEnd; // the words between the birth word and the date
        while (upTo < folded.size() && upTo - cueEnd < 40 && !folded.at(upTo).isDigit())
            ++upTo;
        if (notAPerson.match(QStringView(folded).mid(from, cueStart - from)).hasMatch() ||
            notAPerson.match(QStringView(folded).mid(cueEnd, upTo - cueEnd)).hasMatch())
            continue;
        cues.push_back({cueStart, cueEnd});
    }
    const int thisYear = today.year();
    auto it = date.globalMatch(folded);
    while (it.hasNext()) {
        const auto m = it.next();
        int d = 0, mo = 0, y = 0;
        bool hasYear = false;
        for (int k = 1; k <= 4; ++k) {
            const QString ks = QString::number(k);
            if (m.capturedLength(QStringLiteral("m") + ks) > 0) {
                d = m.captured(QStringLiteral("d") + ks).toInt();
                const QString month = m.captured(QStringLiteral("m") + ks);
                mo = month.at(0).isDigit() ? month.toInt() : monthNumber(month);
                hasYear = m.capturedLength(QStringLiteral("y") + ks) > 0;
                y = hasYear ? m.captured(QStringLiteral("y") + ks).toInt() : 2000; // a leap year: 29 February
            }
        }
        if (hasYear && y < 100)
            y += y > thisYear % 100 ? 1900 : 2000;
        if (mo > 12 && d >= 1 && d <= 12 && m.capturedLength(QStringLiteral("m1")) > 0)
            std::swap(d, mo); // written month first, as in the US ("11/23/1986")
        const QDate when(y, mo, d);
        if (!when.isValid() || (hasYear && (y < 1900 || when > today)))
            continue;
        const int start = int(m.capturedStart());
        const int end = int(m.capturedEnd());
        if (formatHint.match(QStringView(folded).mid(std::max(0, start - 60), start - std::max(0, start - 60)))
                .hasMatch())
            continue;
        if (hasYear &&
            sonoDel.match(QStringView(folded).mid(std::max(0, start - 12), start - std::max(0, start - 12)))
                .hasMatch()) {
            add(out, FindingKind::BirthDate, text, start, end);
            continue;
        }
        if (cues.isEmpty())
            continue;
        // The cue comes before the date ("nato il 12/03/1985", "DOB: ...") within a few words, or
        // right after it ("12/03/1985, data di nascita"); a date without its year only after the
        // cue. The cues are in text order and apart: the nearest ones are found by halving.
        const auto before = std::lower_bound(cues.begin(), cues.end(), start - 40,
                                             [](const std::pair<int, int> &span, int at) { return span.second < at; });
        const auto after = std::lower_bound(cues.begin(), cues.end(), end,
                                            [](const std::pair<int, int> &span, int at) { return span.first < at; });
        const bool near = (before != cues.end() && before->second <= start) ||
                          (hasYear && after != cues.end() && after->first - end <= 25);
        if (near)
            add(out, FindingKind::BirthDate, text, start, end);
    }
}

// ---- whose health --------------------------------------------------------------------------
// A health word is vocabulary; it is a finding only when the text says whose condition it is
// (docs/guard.md, "Health: whose condition"). The words are looked for in the clause of the term
// (between . ! ? ; : or a line break), on the folded text, never more than kOwnerReach characters
// away: the cost per term is bounded, so the scan stays linear.
constexpr int kOwnerReach = 80;

// Words that make a cover, a product or a payment of what follows: "my policy covers
// physiotherapy" names no one's condition. A person's word linked to the term across one of these
// is not the term's owner.
const char *const kCoverWords =
    "polizz[ae]|pol|policy|policies|cover|covers|covered|coverage|copr[eo]|copert[oaie]|copertura|coperture|"
    "garanzi[ae]|piano sanitario|piano salute|plan|plans|insurance|assicurazion[ei]|add-on|opzione|option|franchigia|deductible|"
    "excess|clausol[ae]|clause|carenza|waiting period|prodotto|product|sconto|sconti|discount|rimbors\\w*|reimburs\\w*|"
    "pay|pays|paid|paga|pagano|indennizz\\w*|esclus[oaie]|exclud\\w*|inclus[oaie]|includ\\w*|preventivo|quote|"
    "premio|premium|tariff\\w*|price|prezzo|costs?|spese";
// (A claim, a sinistro, a pratica are not cover words: "my claim for the physio after the crash"
// and "week 3 on crutches and no word from your claims team" are about the writer.)

// Things that are said to be ill or broken as a figure of speech ("la vostra app è malata"): a
// person's word linked to the term across one of them is not the term's owner.
const char *const kThingWords = "app|sito|site|website|sistema|system|servizio|service|portale|portal|software|campagna|"
                                "campaign|iniziativa|initiative|pazienza|patience|nervi|nerves|"
                                "server|call center|centralino|"
                                "assistenza|ufficio|office|agenzia|agency";

// Who a condition can belong to: the writer (a subject with a verb, or a possessive), a relative,
// the addressee, someone named, or someone the writer is sorry for.
const char *const kOwnerBefore =
    // first, second and third person subjects with the verbs that state a condition
    "(?:\\b(?:i|he|she|we|they|you)\\s+(?:also\\s+|still\\s+|just\\s+|recently\\s+|now\\s+|really\\s+)?"
    "(?:am|was|were|are|is|have|has|had|got|get|suffer|suffers|suffered|broke|fractured|tore|need|needed|needs|"
    "take|takes|took|spent|went|been|developed|live|lives|lived|struggle|struggles|struggled|caught|contracted|"
    "underwent|started|ended)\\b"
    "|\\b(?:i'm|im|i've|ive|i'd|he's|she's|we've|we're|they've|they're|you're|you've)\\b"
    // Italian verbs in the first person, and the third person after a pronoun or a name
    "|\\b(?:ho|avevo|ho avuto|soffro|soffrivo|sto|stavo|faccio|facevo|prendo|devo|dovro|sono stat[oa]|ero stat[oa]|"
    "sono|ero|mi hanno|mi ha|mi e|mi sono|mi devo|mi tocca|mi curo|mi trovo|mi hanno fatto|mi faccio|"
    "io|siamo|abbiamo|dobbiamo|andiamo|stiamo|facciamo|eravamo|avevamo|vado|andavo|porto|indosso|uso|seguo|"
    "sono seguit[oa]|compio)\\b"
    "|\\bi\\s+(?:wear|use|see|go|went|attend)\\b"
    "|\\b(?:lui|lei|egli|ella)\\s+(?:ha|e|aveva|era|soffre|sta)\\b"
    // a sentence that starts with the event, its subject left out ("Diagnosed with depression last
    // year", "Recovering from a hip replacement")
    "|\\b(?:diagnosed with|recovering|recovered from|suffering from|battling|fighting|living with|"
    "affett[oa] da|convalescente|in convalescenza)\\b"
    "|\\b(?:si e|e stat[oa]|sono stati|sono state|ha avuto|ha fatto|hanno fatto|hanno avuto|soffre|soffriva|"
    "(?:le|gli) (?:hanno|ha|e|sono)|sn|sn stat[oa])\\b"
    "|\\b(?:they|doctors|the doctors|i medici)\\s+(?:found|diagnosed|told me|said|hanno trovato|hanno detto)\\b"
    // the subject left out at the start of the sentence: "Still have headaches…", "Been off work
    // with burnout…"
    "|(?:^|,)\\s*(?:been|still have|still got|just had|spent|had|got|having|feeling|felt|in recovery|still|ancora|"
    "wearing|taking|on|lost|burned|broke|rotto|passed|allergic[oa]?)\\b"
    // possessives (an adjective or two may stand between: "my recent surgery")
    "|\\b(?:my|your|his|her|their|mio|mia|miei|mie|tuo|tua|tuoi|tue|suo|sua|suoi|sue|vostr[oaie])\\b"
    // relatives and children, with or without a possessive ("la bambina ha l'asma")
    "|\\b(?:figli[oae]?|moglie|marito|madre|padre|mamma|papa|fratell[oi]|sorell[ae]|nonn[oaie]|zi[oa]|nipot[ei]|"
    "nipotin[oaie]|bambin[oaie]|bimb[oaie]|compagn[oa]|fidanzat[oa]|suocer[oa]|cognat[oa]|son|sons|daughters?|"
    "child|children|kids?|wife|husband|partner|mum|mom|mother|dad|father|brother|sister|grandma|grandpa|"
    "grandmother|grandfather|granny|grandad|granddad|nan|nonna|aunt|uncle|nephew|niece|baby|toddler|boyfriend|"
    "girlfriend|fiancee?|spouse|neighbou?r|vicin[oa]|vicini|amic[oa]|friend|collega|colleague|socio|hubby|wifey|"
    "cugin[oa]|cousin|signora|signore|flatmate|coinquilin[oa]|"
    "\\d+-year-old)(?:'s)?\\b"
    // someone named or addressed
    "|\\b(?:mr|mrs|ms|miss|dr|sig|sig\\.ra|signor[ae]?|dott(?:\\.ssa)?)\\.?\\s+\\p{L}+"
    // sympathy for the addressee's condition ("ci dispiace per l'intervento al ginocchio")
    "|\\b(?:dispiace|dispiaciut[oi]|spiace|sorry|get well|pronta guarigione|guarisca|recovery|"
    "(?:capiamo|capisco|comprendiamo|immaginiamo) quanto|(?:we|i) (?:understand|know|can imagine) how|speriamo|"
    "spero|auguriamo|ci auguriamo|hope|hoping|congratulations|congrats|congratulazioni|auguri|condoglianze|"
    "condolences|in bocca al lupo)\\b)";

// The third person without a pronoun ("ha l'Alzheimer", "è stato ricoverato") names its owner only
// in a sentence that is not about a cover: "il piano ha la fisioterapia inclusa" names no one.
const char *const kThirdPersonBefore =
    "\\b(?:ha|hanno|aveva|avevano|era|has|had|was)\\b(?:[\\s']+[\\p{L}\\p{N}%'-]+){0,3}[\\s'(]*$";

// Words that make the sentence hypothetical or generic: "se viene ricoverato", "if you are
// hospitalised", "chi ha la 104".
const char *const kNotAnyone =
    "\\b(?:(?<!sapere\\x20)(?<!chiedo\\x20)(?<!chiedere\\x20)(?<!capire\\x20)(?<!domando\\x20)se|qualora|nel caso|"
    "in caso|if|in case|should|chi|chiunque|who|whoever|anyone|those|coloro|"
    "clienti|customers|people|persone|pazienti|patients|women|donne|uomini|men|ogni|every|each)\\b";

// Animals: pet insurance is not about a person's health.
const char *const kAnimals = "\\b(?:gatt[oaie]|can[ei]|cagnolin[oa]|cucciol[oi]|animal[ei]|animals?|pets?|cats?|"
                             "dogs?|pupp(?:y|ies)|kittens?|cavall[oi]|horses?|coniglio|rabbit)\\b";

// A hospital as a workplace ("lavoro in ospedale", "I work as a nurse in the hospital").
const char *const kWorkplace =
    "\\b(?:lavor\\w*|work\\w*|job|nurse|infermier[ea]|turno|shift|medico|doctor)\\b";

// Terms that state an event about someone by themselves ("è stato ricoverato", "broke my ankle",
// "frattura al polso a marzo"): their owner is implied, unless the sentence is hypothetical or
// about a cover.
const char *const kEventTerms =
    "^(?:ricoverat|ingessat|fratturat|operat|diagnosticat|diagnosed|hospitali|frattura|colpo di frusta|"
    "whiplash|trauma cranico|concussion|commozione|broke|broken|fractured|sprained|twisted|dislocated|tore|torn|"
    "mi sono|si e|ho |ha |distorsione|lussazione|rottura|strappo|punti di sutura|stitches|in a cast|"
    "\\d|registered|permanently|severely|intervento |operazione |invalid[oa] civile|pronto soccorso|dimess|out of|discharged|pregnant with|"
    "(?:perso|persa|perdita) |in terapia intensiva|in rianimazione|in terapia|knee replacement|hip replacement|"
    "herniated|biopsy result|in therapy|on crutches|tested|positiv|"
    "(?:days|nights|weeks) in|(?:braccio|gamba|polso|caviglia|femore|bacino|costol|naso|spalla|ginocchio|dito|mano|piede|"
    "clavicola|vertebr)|gesso|stampelle|collare|(?:giorni|settimane) di prognosi|punti in testa|"
    "(?:tolt|asportat|rimoss)|dimess|paraly|paralizzat|post-op|positive pregnancy|test di gravidanza|al ps|"
    "(?:e|e'|sono|era|ero|stat|rimast|sn stat) |(?:is|was|been|am|are|were|still) in|sick leave|in malattia|"
    "(?:neck|knee|back|wrist|ankle) brace|in (?:the )?icu|icu|tutore|allettat|bedridden|invalid|disabil|in coma|"
    "in a coma|into a coma|amputat|rotto|rott|morso|lost |knocked out|burned|passed my|kidney stone|"
    "(?:spalla|ginocchio|anca|schiena|gamba|braccio|polso|caviglia) operat|sedia a rotelle|in a wheelchair|"
    "\\d+esima|\\d+a settimana|gravidanz|punti )";

// Does the health term at [start, end) of the folded text belong to someone?
bool healthHasOwner(const QString &text, const QString &folded, int start, int end, bool addressed)
{
    static const QRegularExpression owner(
        QStringLiteral("(?:%1)(?:[\\s'()]+(?!(?:%2|%3)\\b)[\\p{L}\\p{N}%'-]+){0,6}[\\s'()]*$")
            .arg(QString::fromLatin1(kOwnerBefore), QString::fromLatin1(kCoverWords), QString::fromLatin1(kThingWords)),
        QRegularExpression::UseUnicodePropertiesOption);
    // "la frattura di mio figlio", "the surgery of my father"; "la depressione mi ha rovinato",
    // "the surgery left me unable to drive"
    static const QRegularExpression ownerAfter(
        QStringLiteral("^[\\s-]*(?:here\\b|(?:[\\p{L}\\p{N}'-]+\\s+){0,5}(?:of|di|del|della|dello)\\s+(?:the\\s+|a\\s+|il\\s+|"
                       "la\\s+|lo\\s+|l')?(?:little\\s+|young\\s+|piccol[oa]\\s+)?(?:boy|girl|child|kid|man|woman|driver|"
                       "passenger|pedestrian|cyclist|bambin[oa]|ragazz[oa]|conducente|pedone|passeggero|ciclista|"
                       "signor[ae]?)\\b|(?:[\\p{L}\\p{N}'-]+\\s+){0,5}(?:di|del|della|dello|dei|delle|of|for|per|in|on|to|nel|"
                       "nella|nello|al|alla|allo)\\s+(?:(?:il|la|lo|the)\\s+)?(?:my|his|her|your|their|mio|mia|miei|mie|"
                       "suo|sua|suoi|sue|tuo|tua|our|nostr[oaie]|vostr[oaie])\\b(?!\\s+(?:[\\p{L}'-]+\\s+)?(?:%1|%2)\\b)|"
                       "(?:[\\p{L}']+\\s+){0,3}(?:mi|ci)\\s+\\p{L}+|(?:left|leaves|kept|keeps|made|makes|gave|gives|stopped|"
                       "stops|put|puts)\\s+me\\b|(?:[\\p{L}']+\\s+){0,3}(?:ho|i'm|i am|i was|i have|i've)\\b)")
            .arg(QString::fromLatin1(kCoverWords), QString::fromLatin1(kThingWords)),
        QRegularExpression::UseUnicodePropertiesOption);
    // Someone named, in capitals as written: "Marco ha avuto un infarto", "Anna was in hospital".
    static const QRegularExpression named(
        QStringLiteral("\\b\\p{Lu}\\p{Ll}+\\s+(?:ha|è|e'|aveva|era|has|had|is|was|got|broke)\\b(?:[\\s']+[\\p{L}\\p{N}%'-]+){"
                       "0,4}[\\s'(]*$"),
        QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression thirdPerson(QString::fromLatin1(kThirdPersonBefore),
                                                QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression notAnyone(QString::fromLatin1(kNotAnyone));
    // As written and in lower case: "Sig.ra Gatti" is a surname, not cats.
    static const QRegularExpression animals(QString::fromLatin1(kAnimals));
    static const QRegularExpression workplace(QString::fromLatin1(kWorkplace));
    static const QRegularExpression cover(QStringLiteral("\\b(?:%1)\\b").arg(QString::fromLatin1(kCoverWords)));
    static const QRegularExpression event(QString::fromLatin1(kEventTerms));
    static const QRegularExpression hospital(QStringLiteral("ospedale|hospital|a&e|pronto soccorso|emergency room"));
    static const QRegularExpression campaign(QStringLiteral("#\\p{L}|\\b(?:awareness|prevenzione|giornata mondiale|"
                                                            "world \\w+ day|mese della)\\b"),
                                             QRegularExpression::UseUnicodePropertiesOption);

    int clauseStart = start;
    while (clauseStart > 0 && start - clauseStart < kOwnerReach && !endsClause(folded, clauseStart - 1))
        --clauseStart;
    int clauseEnd = end;
    while (clauseEnd < folded.size() && clauseEnd - end < kOwnerReach && !endsClause(folded, clauseEnd))
        ++clauseEnd;
    const QString before = folded.mid(clauseStart, start - clauseStart);
    const QString after = folded.mid(end, clauseEnd - end);
    const QString clause = folded.mid(clauseStart, clauseEnd - clauseStart);
    const QString term = folded.mid(start, end - start);

    if (animals.match(QStringView(text).mid(clauseStart, clauseEnd - clauseStart)).hasMatch())
        return false;
    if (hospital.match(term).hasMatch() && workplace.match(clause).hasMatch())
        return false;
    if (notAnyone.match(before).hasMatch())
        return false;
    // The term may hold its owner itself ("I'm disabled", "ho avuto il covid").
    if (owner.match(before).hasMatch() || owner.match(term).hasMatch() || ownerAfter.match(after).hasMatch() ||
        named.match(QStringView(text).mid(clauseStart, start - clauseStart)).hasMatch())
        return true;
    if (campaign.match(clause).hasMatch())
        return false;
    // The part of the sentence between commas: "pol n 5530019, mio figlio ha la celiachia" is about
    // the son, "il piano ha la fisioterapia inclusa" about a cover.
    // Parts end at a comma or a dash between words.
    const auto partEndsAt = [&folded](int i) {
        const QChar c = folded.at(i);
        return c == u',' || c == QChar(0x2013) || c == QChar(0x2014) ||
               (c == u'-' && i > 0 && i + 1 < folded.size() && folded.at(i - 1) == u' ' && folded.at(i + 1) == u' ');
    };
    int partStart = start;
    while (partStart > clauseStart && !partEndsAt(partStart - 1))
        --partStart;
    int partEnd = end;
    while (partEnd < clauseEnd && !partEndsAt(partEnd))
        ++partEnd;
    const QStringView part = QStringView(folded).mid(partStart, partEnd - partStart);
    const bool partIsAboutCover = cover.match(part).hasMatch();
    // The third person without a pronoun, or a reply addressed to someone by name ("Gentile
    // Sig.ra Longo, il day hospital del 12…"), outside a part about a cover.
    if ((thirdPerson.match(before).hasMatch() || addressed) && !partIsAboutCover)
        return true;
    // An event stated by itself ("frattura al polso a marzo, pratica aperta"), in a part of the
    // sentence that is not about a cover ("is a broken wrist covered?").
    // ...nor a figure of speech about a thing ("la vostra app è in coma").
    static const QRegularExpression thing(QStringLiteral("\\b(?:%1)\\b").arg(QString::fromLatin1(kThingWords)));
    return event.match(term).hasMatch() && !partIsAboutCover && !thing.match(part).hasMatch();
}

void findHealth(const QString &text, const QString &folded, QVector<Finding> &out)
{
    const auto compile = [](bool caseSensitive) {
        QStringList terms;
        for (const char *t : kHealthTerms)
            if (isCaseSensitiveTerm(t) == caseSensitive)
                terms << QString::fromLatin1(t).replace(QLatin1Char(' '), QStringLiteral("\\s+"));
        // The longer wordings first, so that "pregnant with" is tried before "pregnant" and
        // "risonanza al ginocchio" before "risonanza": the alternation takes the first that fits.
        std::stable_sort(terms.begin(), terms.end(),
                         [](const QString &a, const QString &b) { return a.size() > b.size(); });
        return QRegularExpression(
            QStringLiteral("(?<![\\p{L}\\p{N}])(?:%1)(?![\\p{L}\\p{N}])").arg(terms.join(QLatin1Char('|'))),
            caseSensitive ? QRegularExpression::NoPatternOption : QRegularExpression::CaseInsensitiveOption);
    };
    static const QRegularExpression anyCase = compile(false);
    static const QRegularExpression asWritten = compile(true);
    Q_ASSERT(anyCase.isValid() && asWritten.isValid());
    // A reply that opens by addressing someone by name ("Gentile Sig.ra Longo,", "Hi Priya,") is about
    // that person.
    static const QRegularExpression vocative(
        QStringLiteral("^\\W*(?:gentile|gentili|egregi[oa]|car[oa]|ciao|buongiorno|buonasera|salve|hi|hello|dear|hey)\\s+"
                       "(?:(?:sig|sig\\.ra|sig\\.na|signor[ae]?|dott|dott\\.ssa|mr|mrs|ms|miss|dr)\\.?\\s+)?"
                       "\\p{L}+(?:\\s+\\p{L}+)?\\s*,"),
        QRegularExpression::UseUnicodePropertiesOption);
    const bool addressed = vocative.match(folded).hasMatch();
    for (const auto &[re, subject] : {std::pair{&anyCase, &folded}, std::pair{&asWritten, &text}}) {
        QVector<std::pair<int, int>> spans;
        QVector<bool> owned;
        auto it = re->globalMatch(*subject);
        while (it.hasNext()) {
            const auto m = it.next();
            spans.push_back({int(m.capturedStart()), int(m.capturedEnd())});
            owned.push_back(healthHasOwner(text, folded, spans.back().first, spans.back().second, addressed));
        }
        // The terms of a clause whose owner is known, before or after, belong to the same person
        // ("I had surgery on my knee, am I covered for physio?", "operato di ernia, dimesso stamattina").
        const auto sameClause = [&folded](const std::pair<int, int> &a, const std::pair<int, int> &b) {
            if (b.first - a.second > kOwnerReach)
                return false;
            for (int i = a.second; i < b.first; ++i)
                if (endsClause(folded, i))
                    return false;
            return true;
        };
        for (qsizetype i = 1; i < spans.size(); ++i)
            if (owned[i - 1] && !owned[i] && sameClause(spans[i - 1], spans[i]))
                owned[i] = true;
        for (qsizetype i = spans.size() - 2; i >= 0; --i)
            if (owned[i + 1] && !owned[i] && sameClause(spans[i], spans[i + 1]))
                owned[i] = true;
        for (qsizetype i = 0; i < spans.size(); ++i)
            if (owned[i])
                add(out, FindingKind::Health, text, spans[i].first, spans[i].second);
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
    case FindingKind::PolicyholderRef: return QCoreApplication::translate("Guard", "policyholder reference");
    }
    return {};
}

// ---- configuration ------------------------------------------------------------------------

QVector<GuardPattern> GuardConfig::defaultPatterns()
{
    const QString number = QString::fromUtf8(kNumberWord);
    return {
        {FindingKind::PolicyNumber,
         QStringLiteral(
             R"(\b(?:polizza|pol(?:\.|\b)|contratto(?:\s+di\s+assicurazione)?|certificato(?:\s+di\s+assicurazione)?|policy)(?:\s+(?:auto|casa|vita|rca?|moto|salute|infortuni|viaggio|home|car|life|travel))?\s*+)") +
             number + QString::fromUtf8(kPolicyNumber),
         QCoreApplication::translate("Guard", "polizza / pol. / contratto / policy, then the number (5+ digits)")},
        // A product's name between the word and an explicit number word: "Polizza Casa Serena n. …".
        {FindingKind::PolicyNumber,
         QStringLiteral(R"(\b(?:polizza|policy)(?:\s+[\p{L}'-]+){1,3}\s+(?:n\.|nr\.?|n°|numero|no\.|number|#)\s*+[:°.]?\s*+)") +
             QString::fromUtf8(kPolicyNumber),
         QCoreApplication::translate("Guard", "polizza / policy, a product name, n. / no. / #, then the number")},
        // "la polizza vita di mio padre è la 00887123", "my policy with you is 88301922"
        {FindingKind::PolicyNumber,
         QStringLiteral(
             R"(\b(?:polizza|policy)(?:\s+[\p{L}'-]+){1,4}\s+(?:\x{e8}|e'|is)\s+(?:(?:la|il|the)\s+)?(?:n\.\s*|number\s+)?)") +
             QString::fromUtf8(kPolicyNumber),
         QCoreApplication::translate("Guard", "polizza / policy, a few words, è / is, then the number")},
        {FindingKind::PolicyNumber,
         QStringLiteral(R"(\b(?:numero|n\.?|nr\.?|n°)\s*(?:di\s+|del(?:la)?\s+)?(?:polizza|pol\.|contratto)\s*+[:°.]?\s*+)") +
             QString::fromUtf8(kPolicyNumber),
         QCoreApplication::translate("Guard", "numero di polizza / n. contratto, then the number")},
        {FindingKind::ClaimNumber,
         QStringLiteral(R"(\b(?:sinistro|sin\.|denuncia|claim|pratica(?:\s+di\s+sinistro)?)\s*+)") + number +
             QString::fromUtf8(kClaimNumber),
         QCoreApplication::translate("Guard", "sinistro / sin. / denuncia / pratica / claim, then the number (5+ digits)")},
        {FindingKind::ClaimNumber,
         QStringLiteral(
             R"(\b(?:sinistro|claim|pratica)(?:\s+[\p{L}'-]+){1,4}\s+(?:\x{e8}|e'|is)\s+(?:(?:il|la|the)\s+)?(?:n\.\s*|number\s+)?)") +
             QString::fromUtf8(kClaimNumber),
         QCoreApplication::translate("Guard", "sinistro / claim / pratica, a few words, è / is, then the number")},
        {FindingKind::ClaimNumber,
         QStringLiteral(
             R"(\b(?:numero|n\.?|nr\.?|n°)\s*(?:di\s+|del\s+)?(?:sinistro|sin\.|pratica|denuncia)\s*+[:°.]?\s*+)") +
             QString::fromUtf8(kClaimNumber),
         QCoreApplication::translate("Guard", "numero di sinistro / n. pratica, then the number")},
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
    GuardConfig config = defaults();
    if (query.next()) {
        auto stored = fromJson(query.value(0).toString().toUtf8());
        if (!stored)
            return Error{
                QCoreApplication::translate("Guard", "The guard configuration stored in the cache is damaged: %1")
                    .arg(stored.error()),
                ErrorKind::Corrupt};
        config = std::move(stored).value();
    }
    auto refs = storedReferenceKeys(db);
    if (!refs)
        return refs.failure();
    config.policyholderRefs = std::move(refs).value();
    // Sorted, so that two loads of the same references compare equal.
    config.policyholderRefs.sort();
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
    : m_clock(clock), m_ownDomains(config.ownDomains), m_ownPhones(config.ownPhones),
      m_policyholderRefs(config.policyholderRefs)
{
    const auto compile = [this](const QVector<GuardPattern> &patterns, bool company) {
        for (const GuardPattern &p : patterns) {
            QRegularExpression re(p.pattern, QRegularExpression::CaseInsensitiveOption |
                                                 QRegularExpression::UseUnicodePropertiesOption);
            if (re.isValid())
                m_patterns.push_back({p.kind, re, company});
        }
    };
    compile(config.patterns, true);
    if (config.useDefaultPatterns)
        compile(GuardConfig::defaultPatterns(), false);
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
    QVector<std::pair<int, int>> ibanShaped;
    findIbans(text, candidates, ibanShaped);
    findEmails(text, m_ownDomains, candidates);
    // The company's own patterns apply first: what they find wins any overlap, even with a
    // built-in pattern that reads the same number as another kind.
    QVector<Finding> companyFindings;
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
                add(p.company ? companyFindings : candidates, p.kind, text, start, end);
        }
    }
    // Today from the injected clock, in local time: a birth date is never in the future.
    const QDate today = m_clock ? m_clock->now().toLocalTime().date() : QDate::currentDate();
    findBirthDates(text, folded, today, candidates);
    findPlates(text, candidates);
    findPhones(text, folded, m_ownPhones, ibanShaped, candidates);
    findSpelledPhones(folded, text, m_ownPhones, candidates);
    findHealth(text, folded, candidates);

    // The most specific detector keeps overlapping text; then text order.
    std::stable_sort(candidates.begin(), candidates.end(), [](const Finding &a, const Finding &b) {
        if (priority(a.kind) != priority(b.kind))
            return priority(a.kind) < priority(b.kind);
        return a.start < b.start;
    });
    std::stable_sort(companyFindings.begin(), companyFindings.end(),
                     [](const Finding &a, const Finding &b) { return a.start < b.start; });
    // A stored policyholder reference wins any overlap: it is known personal data, whatever a
    // pattern reads it as.
    QVector<Finding> referenceFindings;
    for (const auto &[start, end] : findReferences(text, m_policyholderRefs))
        add(referenceFindings, FindingKind::PolicyholderRef, text, start, end);
    candidates = referenceFindings + companyFindings + candidates;
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
