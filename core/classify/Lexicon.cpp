// The classifier's word lists: our own, written for insurance and customer-care posts in Italian
// and English (see Lexicon.h for why no third-party lexicon is used). Patterns are matched after
// lower-casing and removing accents, so "perché" also matches "perche".
//
// Insurance and service words (polizza, sinistro, franchigia, perito, rimborso, premio; claim,
// policy, excess, premium...) are *domain* words, never sentiment: general-purpose lexicons score
// "sinistro" (an insurance claim, but also "sinister") as negative, which would turn every claim
// notice into a complaint. Here a post that only mentions a claim leans to an assistance request.

#include "classify/Lexicon.h"

namespace sportello::classify {
namespace {

// ---------------------------------------------------------------- negative feedback / complaint
constexpr Cue kComplaintIt[] = {
    {"vergogn*", 3}, {"schifo", 3}, {"fate schifo", 3}, {"schifos*", 3}, {"pessim*", 3}, {"ladri", 3},
    {"truffa", 3}, {"truffatori", 3}, {"reclamo", 3}, {"reclami", 3}, {"cambio compagnia", 3},
    {"cambiare compagnia", 3}, {"cambierò compagnia", 3}, {"vado altrove", 3}, {"disdico", 3},
    {"inaccettabile", 3}, {"non è accettabile", 3}, {"scandalo*", 3}, {"ridicol*", 3}, {"indecente", 3},
    {"incompetent*", 3}, {"vaffanculo", 3}, {"merda", 3}, {"stronzi", 3}, {"disservizi*", 3},
    {"presa in giro", 3}, {"prendete in giro", 3}, {"mai più", 2}, {"sconsiglio", 3}, {"delusion*", 3},
    {"delus*", 3}, {"arrabbiat*", 3}, {"furios*", 3}, {"assurd*", 2}, {"inutile", 2}, {"vergognatevi", 3},
    {"ancora nessun*", 2}, {"ancora niente", 2}, {"ancora non", 1.5}, {"nessuno risponde", 2},
    {"nessuno mi risponde", 2}, {"non risponde nessuno", 2}, {"non mi ha risposto nessuno", 2},
    {"non ha risposto nessuno", 2}, {"nessuna risposta", 2}, {"senza risposta", 2}, {"nessuna notizia", 2},
    {"da settimane", 2}, {"da mesi", 2}, {"sono mesi", 2}, {"sono settimane", 2}, {"ennesima", 2},
    {"per la seconda volta", 2}, {"per la terza volta", 2}, {"la terza volta", 2}, {"tre volte", 1.5},
    {"quattro volte", 1.5}, {"due volte", 1}, {"doppio addebito", 2}, {"non è normale", 2},
    {"non è possibile", 1.5}, {"è possibile che", 1}, {"mi spiegate", 1.5}, {"i miei soldi", 2},
    {"voglio il rimborso", 2}, {"rivoglio", 2}, {"ridà", 1.5}, {"ridate", 1.5}, {"restituite", 1.5},
    {"e niente", 2}, {"annullatelo", 1.5}, {"sempre peggio", 3}, {"peggior*", 2}, {"peggio", 2},
    {"lentissim*", 2}, {"aumento del", 1.5}, {"rincar*", 1.5}, {"messo in attesa", 2},
    {"minuti di attesa", 2}, {"ore di attesa", 2}, {"tempi biblici", 3}, {"una volta per tutte", 2},
    {"avete sbagliato", 2}, {"colpa vostra", 2}, {"non vi meritate", 3}, {"a cosa serve", 2},
    {"da migliorare", 2}, {"non si fa", 2}, {"di nuovo", 1}, {"ancora una volta", 2},
    {"nessuno si è fatto sentire", 2}, {"lamentel*", 2}, {"mi lamento", 2}, {"protesta", 1.5},
    {"mi avete addebitato", 2}, {"non pagate", 1.5}, {"che tristezza", 1.5}, {"non è giusto", 2},
    {"ingiust*", 2}, {"nessuna spiegazione", 2},
};

constexpr Cue kComplaintEn[] = {
    {"terrible", 3}, {"horrible", 3}, {"awful", 3}, {"worst", 3}, {"disgrace*", 3}, {"disgust*", 3},
    {"ridiculous", 3}, {"unacceptable", 3}, {"not acceptable", 3}, {"useless", 3}, {"pathetic", 3},
    {"shameful", 3}, {"shame on", 3}, {"scam", 3}, {"scammers", 3}, {"fraud", 2}, {"rip off", 3},
    {"ripoff", 3}, {"incompetent", 3}, {"never again", 3}, {"switching insurers", 3}, {"switching to", 2},
    {"formal complaint", 3}, {"complaint", 3}, {"complain*", 3}, {"fed up", 3}, {"sick of", 3},
    {"fix your", 2}, {"get your act together", 3}, {"wtf", 3}, {"shady", 3}, {"rude", 3}, {"nasty", 3},
    {"fuck*", 3}, {"shit*", 2}, {"1 star", 3}, {"one star", 3}, {"not happy", 3}, {"unhappy", 3},
    {"disappoint*", 3}, {"frustrat*", 3}, {"annoying", 3}, {"annoyed", 3}, {"angry", 3}, {"furious", 3},
    {"ruined", 3}, {"broken", 1.5}, {"broke", 1.5}, {"still waiting", 3}, {"still not", 2}, {"still no", 2},
    {"still charging", 3}, {"still", 1}, {"yet again", 2}, {"again", 1}, {"another week", 2},
    {"every single time", 2}, {"every time", 1.5}, {"constant", 1.5}, {"constantly", 1.5}, {"nobody", 2},
    {"no one", 2}, {"no reply", 2}, {"no response", 2}, {"no answer", 2}, {"never came", 2},
    {"never showed", 2}, {"never arrived", 2}, {"never received", 1.5}, {"charged me twice", 3},
    {"charged twice", 3}, {"double charged", 3}, {"overcharged", 3}, {"charged my account", 2},
    {"charged me", 1.5}, {"money back", 1.5}, {"my money", 1.5}, {"reverse the charges", 1.5},
    {"reverse it", 1.5}, {"supposed to", 1.5}, {"was told", 1.5}, {"i was promised", 2}, {"promised", 1},
    {"seriously", 1}, {"unhelpful", 3}, {"on hold", 1.5}, {"keep chasing", 2}, {"chasing", 1},
    {"no excuse", 2}, {"wrong", 1}, {"incorrect", 1.5}, {"messed up", 2}, {"messes up", 2}, {"mess up", 2},
    {"mess", 1.5}, {"failing", 2}, {"failed to", 2}, {"hidden", 1}, {"spamming", 2}, {"stop sending", 2},
    {"thanks for nothing", 3}, {"hate", 2}, {"sucks", 3}, {"suck", 2}, {"worse", 2}, {"poor service", 3},
    {"poor", 1.5}, {"bad service", 3}, {"customer service sucks", 3}, {"slow", 1}, {"stranded", 2},
    {"stress", 1}, {"sigh", 1.5}, {"ugh", 1.5}, {"nothing", 0.5}, {"what the hell", 3}, {"the hell", 2},
    {"not good enough", 3}, {"lost my", 1}, {"deleted", 1}, {"uninstall*", 1.5}, {"went up", 1.5},
    {"gone up", 1.5}, {"refuse", 1.5}, {"refused", 1.5},
};

// ------------------------------------------------------------------------ assistance request
constexpr Cue kAssistanceIt[] = {
    {"come faccio", 2}, {"come devo fare", 2}, {"come posso", 2}, {"come si fa", 2}, {"come fare", 2},
    {"come si", 1.5}, {"come devo", 2}, {"cosa devo fare", 2}, {"cosa devo", 2}, {"che faccio", 2},
    {"che devo fare", 2}, {"cosa fare", 2}, {"cosa succede", 1.5}, {"non riesco", 2}, {"aiuto", 2},
    {"aiutatemi", 2}, {"mi aiutate", 2}, {"potete aiutarmi", 2}, {"aiutarmi", 2}, {"mi potete", 1.5},
    {"potete", 1}, {"mi serve", 1.5}, {"ho bisogno", 2}, {"vorrei sapere", 2}, {"volevo sapere", 2},
    {"vorrei", 1.5}, {"volevo", 1}, {"informazioni", 1.5}, {"info", 1}, {"è possibile", 1.5},
    {"si può", 1.5}, {"posso", 1.5}, {"devo", 1}, {"dove trovo", 2}, {"dove posso", 2}, {"a chi", 1.5},
    {"chi devo contattare", 2}, {"contattatemi", 1.5}, {"mi contattate", 1.5}, {"richiamatemi", 1.5},
    {"chiamatemi", 1}, {"scrivetemi", 1}, {"per favore", 1}, {"per cortesia", 1}, {"gentilmente", 0.5},
    {"non funziona", 1.5}, {"non va", 1}, {"errore", 1.5}, {"bloccat*", 1}, {"non accetta", 1.5},
    {"non mi arriva", 1.5}, {"non arriva", 1}, {"non trovo", 1.5}, {"impossibile", 1}, {"quanto costa", 2},
    {"quanto", 1}, {"quando", 1}, {"quale", 1}, {"quali", 1}, {"dove", 1}, {"come", 0.5}, {"perché", 0.5},
    {"richiesta", 1}, {"richiedere", 1.5}, {"attivare", 1}, {"disattivare", 1}, {"cambiare", 1},
    {"modificare", 1}, {"aggiornare", 1}, {"annullare", 1}, {"sospendere", 1}, {"trasferire", 1},
    {"pagare", 1}, {"scaricare", 1}, {"caricare", 1}, {"registrar*", 1}, {"accedere", 1}, {"password", 1},
    {"numero verde", 1.5}, {"orari", 1}, {"ufficio", 1}, {"uffici", 1}, {"modulo", 1}, {"moduli", 1},
    {"documenti", 1}, {"copre", 1.5}, {"coperto", 1}, {"vale anche", 1.5}, {"è normale che", 1},
    {"sapere", 1}, {"verificare", 1}, {"controllare", 1}, {"inviare", 1}, {"inoltrare", 1},
    {"segnalare", 0.5}, {"dubbio", 1.5}, {"domanda", 1.5}, {"chiarimento", 1.5}, {"chiarimenti", 1.5},
    {"spiegazioni", 1}, {"indicazioni", 1}, {"cosa", 0.5},
};

constexpr Cue kAssistanceEn[] = {
    {"how do i", 2}, {"how can i", 2}, {"how to", 2}, {"how does", 2}, {"how long", 2}, {"how do", 1.5},
    {"what do i", 2}, {"what should i", 2}, {"what can i", 2}, {"what does", 2}, {"what happens", 2},
    {"where can i", 2}, {"where do i", 2}, {"where is my", 2}, {"wheres my", 2}, {"where s my", 2},
    {"when will", 2}, {"can i", 2}, {"could i", 2}, {"can you", 1.5}, {"could you", 1.5},
    {"can someone", 2}, {"could someone", 2}, {"do you", 1.5}, {"does it", 1}, {"is it possible", 2},
    {"is there", 1.5}, {"are there", 1.5}, {"do i need", 2}, {"will i", 1.5}, {"would i", 1.5}, {"help", 2},
    {"help me", 2}, {"please help", 2}, {"need help", 2}, {"i need", 1.5}, {"need to", 1},
    {"i d like", 1.5}, {"i would like", 1.5}, {"wanted to know", 2}, {"want to know", 2},
    {"looking for", 1}, {"any update", 2}, {"assist*", 1.5}, {"cannot", 1.5}, {"unable to", 1.5},
    {"not working", 1.5}, {"does not work", 1.5}, {"do not work", 1.5}, {"will not", 1}, {"error", 1.5},
    {"locked out", 2}, {"reset", 1}, {"password", 1}, {"log in", 1}, {"login", 1}, {"sign in", 1},
    {"sign up", 1}, {"cancel", 1}, {"change", 1}, {"update", 0.5}, {"check", 1}, {"send me", 1},
    {"let me know", 1}, {"call me", 1.5}, {"call back", 1.5}, {"please", 1}, {"advise", 1.5}, {"status", 1},
    {"covered", 1}, {"cover", 1}, {"quote", 1}, {"trying to", 1}, {"tried", 0.5}, {"question", 1.5},
    {"wondering", 1.5}, {"how", 0.5}, {"where", 0.5}, {"what", 0.5}, {"when", 0.5}, {"is this", 0.5},
    {"am i", 1}, {"i m trying", 1}, {"recover*", 1}, {"replace*", 1}, {"apply", 1}, {"info", 1},
    {"details", 0.5}, {"contact", 1}, {"lost", 0.5}, {"happens", 0.5}, {"hoping", 1}, {"try again", 1},
    {"tried again", 1},
};

// ------------------------------------------------------ praise, thanks, engagement (non-negative)
constexpr Cue kPositiveIt[] = {
    {"grazie", 1.5}, {"grazie mille", 2}, {"grazie per", 2}, {"grazie a voi", 2}, {"ringrazi*", 2},
    {"complimenti", 2}, {"brava", 2}, {"bravi", 2}, {"bravo", 2}, {"bravissim*", 2}, {"ottim*", 2},
    {"eccellente", 2}, {"perfetto", 1.5}, {"perfetta", 1.5}, {"fantastic*", 2}, {"gentilissim*", 2},
    {"gentile", 1.5}, {"cortesi*", 1.5}, {"professional*", 1.5}, {"consigliat*", 2},
    {"mi sono sempre trovat*", 3}, {"trovata bene", 2}, {"trovato bene", 2}, {"soddisfatt*", 2},
    {"bellissim*", 2}, {"bella", 1}, {"bello", 1}, {"buona", 1}, {"buon", 1}, {"buone", 1}, {"auguri", 2},
    {"comodissim*", 2}, {"comoda", 1.5}, {"comodo", 1.5}, {"veloce", 1}, {"velocissim*", 2}, {"chiara", 1},
    {"semplice", 1}, {"facile", 1}, {"risolto", 2}, {"tutto risolto", 2}, {"benissimo", 2}, {"bene", 1},
    {"entusiast*", 2}, {"felice", 1.5}, {"contento", 1.5}, {"contenta", 1.5}, {"cinque stelle", 2},
    {"utile", 1.5}, {"già arrivato", 2}, {"è arrivato", 1}, {"buona notizia", 2}, {"finalmente", 0.5},
    {"speriamo", 0.5}, {"iniziativa", 1}, {"ok", 0.5}, {"top", 1}, {"grande", 1}, {"grandi", 1},
    {"fiducia", 1}, {"magnific*", 2}, {"stupend*", 2}, {"meraviglios*", 2}, {"evviva", 1.5}, {"ahah*", 1},
    {"haha*", 1}, {"viva", 1}, {"pazienza", 0.5},
};

constexpr Cue kPositiveEn[] = {
    {"thanks", 1.5}, {"thank you", 2}, {"cheers", 1.5}, {"appreciated", 2}, {"appreciate", 1.5},
    {"great", 1.5}, {"amazing", 2}, {"awesome", 2}, {"excellent", 2}, {"love", 1.5}, {"loved", 1.5},
    {"lovely", 1.5}, {"best", 1.5}, {"nice", 1.5}, {"kind", 1.5}, {"helpful", 2}, {"fantastic", 2},
    {"wonderful", 1.5}, {"smooth*", 1.5}, {"easy", 1}, {"easier", 1}, {"fast", 1}, {"quick", 1},
    {"quickly", 1}, {"fun", 1.5}, {"happy", 1.5}, {"glad", 1.5}, {"well done", 2}, {"good job", 2},
    {"shoutout", 2}, {"shout out", 2}, {"five stars", 2}, {"5 stars", 2}, {"recommend*", 2},
    {"no problem", 1.5}, {"all good", 1.5}, {"we are good", 1.5}, {"works fine", 1.5}, {"works well", 1.5},
    {"useful", 1.5}, {"saved", 1}, {"stress free", 2}, {"enjoy*", 1}, {"favourite", 1.5}, {"favorite", 1.5},
    {"good", 1}, {"perfect", 1.5}, {"resolved", 1.5}, {"sorted", 1.5}, {"ok", 0.5}, {"okay", 0.5},
    {"yes", 0.3}, {"yep", 0.5}, {"cool", 1}, {"excited", 1.5}, {"brilliant", 2}, {"super", 1},
    {"impressed", 2}, {"pleased", 1.5}, {"lol", 0.5}, {"interesting", 1}, {"kudos", 2}, {"congrats", 2},
};

// -------------------------------------------------------------- domain words: neutral topics
constexpr Cue kDomainIt[] = {
    {"polizza", 0.5}, {"polizze", 0.5}, {"sinistro", 0.5}, {"sinistri", 0.5}, {"franchigia", 0.5},
    {"perito", 0.5}, {"perizia", 0.5}, {"rimborso", 0.5}, {"rimbors*", 0.5}, {"premio", 0.5}, {"rata", 0.5},
    {"rate", 0.5}, {"rinnovo", 0.5}, {"disdetta", 0.5}, {"preventivo", 0.5}, {"carrozzeria", 0.5},
    {"kasko", 0.5}, {"rc auto", 0.5}, {"scatola nera", 0.5}, {"attestato di rischio", 0.5},
    {"constatazione amichevole", 0.5}, {"cai", 0.5}, {"copertura", 0.5}, {"massimale", 0.5},
    {"liquidazione", 0.5}, {"denuncia", 0.5}, {"agenzia", 0.5}, {"agente", 0.5}, {"contratt*", 0.5},
    {"bolletta", 0.5}, {"bollette", 0.5}, {"fattura", 0.5}, {"fatture", 0.5}, {"contatore", 0.5},
    {"allacci*", 0.5}, {"subentro", 0.5}, {"voltura", 0.5}, {"domiciliazione", 0.5}, {"pagamento", 0.5},
    {"bonifico", 0.5}, {"iban", 0.5}, {"tariff*", 0.5}, {"addebito", 0.5}, {"lettura", 0.5},
    {"autolettura", 0.5}, {"bonus", 0.5}, {"pratica", 0.5}, {"area clienti", 0.5}, {"codice cliente", 0.5},
    {"assicurazione", 0.5}, {"garanzia", 0.5}, {"beneficiario", 0.5}, {"danno", 0.5}, {"danni", 0.5},
    {"incidente", 0.5}, {"furto", 0.5}, {"grandine", 0.5}, {"tamponamento", 0.5}, {"infortunio", 0.5},
    {"ricovero", 0.5}, {"nessun ferito", 0.5}, {"nessuno si è fatto male", 0.5},
};

constexpr Cue kDomainEn[] = {
    {"policy", 0.5}, {"claim", 0.5}, {"claims", 0.5}, {"premium", 0.5}, {"excess", 0.5},
    {"deductible", 0.5}, {"adjuster", 0.5}, {"assessor", 0.5}, {"payout", 0.5}, {"refund", 0.5},
    {"renewal", 0.5}, {"coverage", 0.5}, {"windscreen", 0.5}, {"roadside", 0.5}, {"account", 0.5},
    {"bill", 0.5}, {"billing", 0.5}, {"invoice", 0.5}, {"payment", 0.5}, {"direct debit", 0.5},
    {"order", 0.5}, {"delivery", 0.5}, {"package", 0.5}, {"booking", 0.5}, {"subscription", 0.5},
    {"membership", 0.5}, {"insurance", 0.5}, {"instalment", 0.5}, {"credit", 0.5}, {"flight", 0.5},
    {"damage", 0.5}, {"accident", 0.5}, {"theft", 0.5}, {"stolen", 0.5}, {"hail", 0.5}, {"injury", 0.5},
    {"nobody hurt", 0.5}, {"no one hurt", 0.5}, {"nobody injured", 0.5},
};

// ------------------------------------------------------------------------------------- spam
constexpr Cue kSpam[] = {
    {"bitcoin", 2}, {"crypto*", 2}, {"cripto*", 2}, {"trading", 1.5}, {"airdrop", 2}, {"wallet", 1.5},
    {"eth", 1}, {"nft", 2}, {"forex", 2}, {"guadagna*", 2}, {"earn", 2}, {"soldi facili", 2},
    {"easy money", 2}, {"al giorno", 1}, {"a day", 1}, {"hai vinto", 2}, {"you won", 2}, {"vinci il", 2},
    {"vinci un", 2}, {"vinci una", 2}, {"win a", 2}, {"to win", 1.5}, {"giveaway", 2}, {"free", 1},
    {"gratis", 1}, {"clicca qui", 2}, {"click here", 2}, {"follow for follow", 3}, {"f4f", 3},
    {"seguimi", 2}, {"ti seguo", 2}, {"follow back", 2}, {"dm me", 2}, {"scrivimi in privato", 2},
    {"scrivimi in dm", 2}, {"scrivimi", 1}, {"sconti fino", 2}, {"soddisfatti o rimborsati", 2},
    {"buono da", 2}, {"riscatta*", 1.5}, {"link in bio", 2}, {"followers", 1.5}, {"cambiare vita", 2},
    {"garantiti", 1.5}, {"guaranteed", 1.5}, {"no experience", 2}, {"da casa", 1}, {"from home", 1},
    {"like and share", 2}, {"promo", 1}, {"offerta limitata", 2},
};

constexpr CueTable kTables[] = {
    {Signal::Complaint, Lang::It, kComplaintIt},   {Signal::Complaint, Lang::En, kComplaintEn},
    {Signal::Assistance, Lang::It, kAssistanceIt}, {Signal::Assistance, Lang::En, kAssistanceEn},
    {Signal::Positive, Lang::It, kPositiveIt},     {Signal::Positive, Lang::En, kPositiveEn},
    {Signal::Domain, Lang::It, kDomainIt},         {Signal::Domain, Lang::En, kDomainEn},
    {Signal::Spam, Lang::Any, kSpam},
};

constexpr EmojiCue kEmoji[] = {
    {"😡", Signal::Complaint, 3},  {"🤬", Signal::Complaint, 3},   {"😠", Signal::Complaint, 2.5},
    {"👎", Signal::Complaint, 2.5}, {"😤", Signal::Complaint, 2},  {"🙄", Signal::Complaint, 2},
    {"😒", Signal::Complaint, 2},  {"🙃", Signal::Complaint, 1.5}, {"🤨", Signal::Complaint, 1.5},
    {"💩", Signal::Complaint, 2},  {"🤦", Signal::Complaint, 1},   {"😞", Signal::Complaint, 1},
    {"😢", Signal::Complaint, 1},  {"😭", Signal::Complaint, 1},   {"😩", Signal::Complaint, 0.5},
    {"👍", Signal::Positive, 1.5}, {"👏", Signal::Positive, 1.5},  {"❤", Signal::Positive, 1.5},
    {"😊", Signal::Positive, 1.5}, {"😀", Signal::Positive, 1.5},  {"😃", Signal::Positive, 1.5},
    {"😄", Signal::Positive, 1.5}, {"😁", Signal::Positive, 1.5},  {"😍", Signal::Positive, 2},
    {"🥰", Signal::Positive, 2},   {"🙏", Signal::Positive, 1},    {"💛", Signal::Positive, 1.5},
    {"💙", Signal::Positive, 1.5}, {"💚", Signal::Positive, 1.5},  {"💜", Signal::Positive, 1.5},
    {"🧡", Signal::Positive, 1.5}, {"⭐", Signal::Positive, 1},    {"🎉", Signal::Positive, 1.5},
    {"😎", Signal::Positive, 1},   {"🤗", Signal::Positive, 1},    {"😂", Signal::Positive, 1},
    {"😻", Signal::Positive, 1},   {"💪", Signal::Positive, 1},    {"👌", Signal::Positive, 1.5},
    {"🎄", Signal::Positive, 1},
    {"😆", Signal::Positive, 1},   {"🥳", Signal::Positive, 1.5},  {"😉", Signal::Positive, 1},
    {"🤔", Signal::Assistance, 0.5}, {"🙈", Signal::Assistance, 0.5},
};

constexpr const char *kStopIt[] = {
    "il", "lo", "la", "gli", "le", "ecco", "un", "una", "uno", "di", "del", "della", "dei", "delle",
    "dello", "da", "dal", "dalla", "nel", "nella", "con", "su", "sul", "sulla", "per", "tra", "fra", "che",
    "chi", "non", "e", "ed", "ma", "o", "se", "anche", "mi", "ti", "ci", "vi", "si", "ho", "hai", "ha",
    "abbiamo", "sono", "sei", "siamo", "questo", "questa", "quello", "quella", "mio", "mia", "suo", "sua",
    "vostro", "vostra", "vostri", "nostro", "gia", "ancora", "piu", "molto", "tutto", "tutti", "ogni",
    "dopo", "quando", "dove", "perche", "cosa", "qualcuno", "niente", "nessuno", "buongiorno", "buonasera",
    "salve", "ciao", "grazie", "sto", "devo", "posso", "vorrei", "al", "allo", "alla", "ai", "agli", "alle",
    "l", "dell", "nell", "all", "po", "essere", "fatto", "stato", "sempre", "mai", "come", "sia", "qui",
    "oggi", "ieri", "dei", "nostra", "loro", "fare", "ora", "adesso",
};

constexpr const char *kStopEn[] = {
    "the", "and", "to", "of", "is", "are", "was", "were", "be", "been", "my", "me", "you", "your", "it",
    "its", "this", "that", "for", "with", "have", "has", "had", "not", "do", "does", "did", "what", "why",
    "how", "when", "where", "there", "they", "we", "our", "us", "he", "she", "will", "would", "can",
    "could", "just", "get", "got", "from", "at", "on", "an", "or", "if", "but", "so", "all", "i", "am",
    "cannot", "any", "about", "after", "again", "been", "by", "hi", "hello", "thanks", "thank", "please",
    "yes", "yet", "still", "which", "who", "their", "them", "should", "now", "today", "yesterday", "im",
    "ive", "dont", "one", "out", "up", "no", "than",
};

constexpr const char *kNegators[] = {
    "non", "not", "never", "mai", "no", "nessun", "nessuna", "senza", "without", "niente",
};

constexpr const char *kOpeners[] = {
    "come", "dove", "quando", "quanto", "quanti", "quale", "quali", "cosa", "chi", "posso", "potete", "si",
    "e", "perche", "avete", "ci", "mi", "how", "where", "when", "what", "whats", "which", "who", "why",
    "can", "could", "do", "does", "is", "are", "will", "would", "should", "may", "any", "did",
};

constexpr const char *kGreetings[] = {
    "salve", "buongiorno", "buonasera", "ciao", "scusate", "scusi", "ehi", "hi", "hello", "hey", "excuse",
    "me", "sorry", "ok", "ma", "allora", "domanda", "quick", "question", "so", "but",
};

constexpr const char *kContrast[] = {"but", "ma", "però", "tuttavia", "however", "peccato"};

} // namespace

std::span<const CueTable> cueTables() { return kTables; }
std::span<const EmojiCue> emojiCues() { return kEmoji; }
std::span<const char *const> stopWords(Lang lang)
{
    return lang == Lang::En ? std::span<const char *const>(kStopEn) : std::span<const char *const>(kStopIt);
}
std::span<const char *const> negators() { return kNegators; }
std::span<const char *const> questionOpeners() { return kOpeners; }
std::span<const char *const> greetings() { return kGreetings; }
std::span<const char *const> contrastWords() { return kContrast; }

} // namespace sportello::classify
