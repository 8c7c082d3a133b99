// The starter library of saved replies, written for Sportello in Italian and English. Installed
// by schema migration 7; agents edit it in Settings > Saved replies.

#include "compose/SavedReplies.h"

namespace sportello {

namespace {

SavedReply reply(const char *code, const char *language, std::optional<Category> category, QString title, QString body)
{
    SavedReply r;
    r.code = QString::fromLatin1(code);
    r.language = QString::fromLatin1(language);
    r.category = category;
    r.title = std::move(title);
    r.body = std::move(body);
    return r;
}

} // namespace

QVector<SavedReply> SavedReplyStore::starterLibrary()
{
    const auto complaint = Category::Complaint;
    const auto assistance = Category::Assistance;
    const auto nonNegative = Category::NonNegative;
    return {
        reply(
            "ack", "it", complaint, QStringLiteral("Presa in carico di un reclamo"),
            QStringLiteral("Gentile {customer_name}, ci dispiace davvero per quanto ci racconta e la ringraziamo per "
                           "avercelo segnalato. Stiamo verificando la sua situazione e le daremo una risposta il prima "
                           "possibile. {agent_name}")),
        reply("ack", "en", complaint, QStringLiteral("Acknowledge a complaint"),
              QStringLiteral("Dear {customer_name}, we are truly sorry to hear this and thank you for letting us know. "
                             "We are looking into it now and will get back to you as soon as we can. {agent_name}")),
        reply(
            "dm", "it", std::nullopt, QStringLiteral("Continuiamo in privato"),
            QStringLiteral("Gentile {customer_name}, per tutelare i suoi dati continuiamo in un messaggio privato: le "
                           "abbiamo appena scritto su {channel}. A presto!")),
        reply(
            "dm", "en", std::nullopt, QStringLiteral("Let's continue privately"),
            QStringLiteral("Hi {customer_name}, to keep your details safe let's continue in a private message: we have "
                           "just written to you on {channel}. Talk soon!")),
        reply("privacy", "it", std::nullopt, QStringLiteral("Dati personali scritti in pubblico"),
              QStringLiteral(
                  "Gentile {customer_name}, per la sua sicurezza le consigliamo di non scrivere in pubblico dati "
                  "personali come codice fiscale, IBAN o numero di polizza. Le abbiamo scritto in privato per "
                  "continuare lì.")),
        reply("privacy", "en", std::nullopt, QStringLiteral("Personal data posted in public"),
              QStringLiteral(
                  "Hi {customer_name}, for your own safety please don't post personal details such as tax "
                  "codes, bank details or policy numbers in public. We've sent you a private message so we can "
                  "continue there.")),
        reply("fwd", "it", std::nullopt, QStringLiteral("Conferma di inoltro al servizio clienti"),
              QStringLiteral(
                  "Gentile {customer_name}, abbiamo inoltrato la sua richiesta al nostro servizio clienti "
                  "(riferimento {case_reference}). La contatteranno al più presto; se ci scrive di nuovo, citi "
                  "questo riferimento. {agent_name}")),
        reply(
            "fwd", "en", std::nullopt, QStringLiteral("Confirm a forward to customer care"),
            QStringLiteral("Dear {customer_name}, we have passed your request on to our customer care team (reference "
                           "{case_reference}). They will contact you shortly; please quote this reference if you write "
                           "to us again. {agent_name}")),
        reply("claim", "it", assistance, QStringLiteral("Stato del sinistro"),
              // No claim number: the reply may be public, where the guard would (rightly) stop it.
              QStringLiteral(
                  "Gentile {customer_name}, abbiamo verificato la sua pratica di sinistro: "
                  "{?claim_status:Stato della pratica}. Aggiornamento del {today}. Per i dettagli le scriviamo in "
                  "privato; per qualsiasi dubbio siamo qui. {agent_name}")),
        reply(
            "claim", "en", assistance, QStringLiteral("Claim status"),
            QStringLiteral("Dear {customer_name}, we have checked your claim: {?claim_status:Claim status}. "
                           "Updated on {today}. We'll send you the details in a private message; any questions, we're "
                           "here. {agent_name}")),
        reply("renew", "it", assistance, QStringLiteral("Rinnovo della polizza"),
              QStringLiteral(
                  "Gentile {customer_name}, l'avviso di rinnovo arriva circa 30 giorni prima della scadenza, "
                  "nell'area riservata e per e-mail. Può rinnovare online o in agenzia; se il premio le sembra "
                  "cambiato, ci scriva in privato e lo verifichiamo insieme.")),
        reply("renew", "en", assistance, QStringLiteral("Policy renewal"),
              QStringLiteral(
                  "Dear {customer_name}, your renewal notice arrives about 30 days before the due date, in your "
                  "account and by e-mail. You can renew online or at your agency; if the premium looks different, "
                  "send us a private message and we'll check it together.")),
        reply("login", "it", assistance, QStringLiteral("Accesso all'app"),
              QStringLiteral(
                  "Ciao {customer_name}, per accedere all'app aggiornala all'ultima versione e usa l'indirizzo "
                  "e-mail con cui ti sei registrato. Se la password non funziona, tocca \"Password dimenticata\" "
                  "nella schermata di accesso. Se il problema resta, scrivici in privato.")),
        reply("login", "en", assistance, QStringLiteral("App login help"),
              QStringLiteral(
                  "Hi {customer_name}, to sign in please update the app to the latest version and use the "
                  "e-mail address you registered with. If your password is not accepted, tap \"Forgot password\" "
                  "on the sign-in screen. Still stuck? Send us a private message.")),
        reply("thanks", "it", nonNegative, QStringLiteral("Grazie per i complimenti"),
              QStringLiteral("Grazie di cuore, {customer_name}! Le sue parole fanno piacere a tutto il team: le "
                             "riferiremo ai colleghi. 😊")),
        reply(
            "thanks", "en", nonNegative, QStringLiteral("Thanks for praise"),
            QStringLiteral("Thank you so much, {customer_name}! Your words mean a lot to the whole team and we'll pass "
                           "them on. 😊")),
    };
}

} // namespace sportello
