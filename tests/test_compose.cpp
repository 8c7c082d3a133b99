// The reply composer's core: templates and their variables in both languages, the saved-reply
// store (short codes, ranking, JSON import and export), channel limits, drafts across a restart,
// and the guard in the triage service.
#include "TestSupport.h"
#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "common/Clock.h"
#include "compose/ChannelLimits.h"
#include "compose/Drafts.h"
#include "compose/ReplyTemplate.h"
#include "compose/SavedReplies.h"
#include "domain/Domain.h"
#include "outbox/Outbox.h"
#include "storage/Sql.h"
#include "triage/TriageService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace sportello;
using namespace sportello::test;

namespace {
constexpr qint64 kStart = 1772438400000; // 2026-03-02T08:00:00Z

ReplyContext context(const char *language)
{
    ReplyContext c;
    c.language = QString::fromLatin1(language);
    c.customerName = QStringLiteral("Anna Neri");
    c.customerHandle = QStringLiteral("anna.neri");
    c.agentName = QStringLiteral("Marta Verdi");
    c.channel = Channel::InApp;
    c.today = QDate(2026, 3, 2);
    return c;
}
} // namespace

TEST_CASE("template variables are filled in the customer's language", "[compose][template]")
{
    const QString body =
        QStringLiteral("{customer_name} ({customer_handle}), {agent_name} su {channel} il {today}. {{ok}}");
    auto it = ReplyTemplate::expand(body, context("it"));
    REQUIRE(it.ok());
    CHECK(it.value() == QStringLiteral("Anna Neri (@anna.neri), Marta Verdi su la nostra app il 2 marzo 2026. {ok}"));
    auto en = ReplyTemplate::expand(body, context("en"));
    REQUIRE(en.ok());
    CHECK(en.value() == QStringLiteral("Anna Neri (@anna.neri), Marta Verdi su our app il 2 March 2026. {ok}"));
    // No display name: the handle stands in.
    ReplyContext noName = context("en");
    noName.customerName.clear();
    CHECK(ReplyTemplate::expand(QStringLiteral("Hi {customer_name}"), noName).value() == QLatin1String("Hi anna.neri"));
}

TEST_CASE("prompted variables are asked for, in order, and required", "[compose][template]")
{
    const QString it =
        QStringLiteral("Pratica {?claim_number:Numero di sinistro}: {?claim_status:Stato}. Rif. {case_reference}, "
                       "sinistro {?claim_number}.");
    const ReplyContext c = context("it");
    const QVector<PromptedVariable> prompts = ReplyTemplate::prompts(it, c);
    REQUIRE(prompts.size() == 3);
    CHECK(prompts[0] == PromptedVariable{QStringLiteral("claim_number"), QStringLiteral("Numero di sinistro")});
    CHECK(prompts[1] == PromptedVariable{QStringLiteral("claim_status"), QStringLiteral("Stato")});
    CHECK(prompts[2].key == QLatin1String("case_reference")); // the thread has none yet
    CHECK(ReplyTemplate::expand(it, c, {{QStringLiteral("claim_number"), QStringLiteral("123")}})
              .error()
              .contains(QLatin1String("Stato")));
    auto filled = ReplyTemplate::expand(it, c,
                                        {{QStringLiteral("claim_number"), QStringLiteral("2024/77")},
                                         {QStringLiteral("claim_status"), QStringLiteral("in liquidazione")},
                                         {QStringLiteral("case_reference"), QStringLiteral("CC-9")}});
    REQUIRE(filled.ok());
    CHECK(filled.value() == QStringLiteral("Pratica 2024/77: in liquidazione. Rif. CC-9, sinistro 2024/77."));
    // The English starter reply prompts with English labels; a known case reference is not asked.
    ReplyContext en = context("en");
    en.caseReference = QStringLiteral("CC-2026-0042");
    const QString claim = QStringLiteral("Claim {?claim_number:Claim number} - ref {case_reference}");
    REQUIRE(ReplyTemplate::prompts(claim, en).size() == 1);
    CHECK(ReplyTemplate::prompts(claim, en)[0].label == QLatin1String("Claim number"));
    CHECK(ReplyTemplate::expand(claim, en, {{QStringLiteral("claim_number"), QStringLiteral("88")}}).value() ==
          QLatin1String("Claim 88 - ref CC-2026-0042"));
    // Syntax errors say where.
    CHECK(ReplyTemplate::validate(QStringLiteral("Ciao {nome}"))
              .error()
              .contains(QLatin1String("Unknown variable {nome}")));
    CHECK(
        ReplyTemplate::validate(QStringLiteral("Ciao {customer_name")).error().contains(QLatin1String("character 6")));
    CHECK(ReplyTemplate::validate(QStringLiteral("Ciao }")).error().contains(QLatin1String("character 6")));
    CHECK_FALSE(ReplyTemplate::validate(QStringLiteral("{?Bad Key:x}")).ok());
}

TEST_CASE("saved replies: the starter library, short codes in the post's language, ranking", "[compose][replies]")
{
    TempCache cache;
    SavedReplyStore store(*cache.db);
    auto all = store.all();
    REQUIRE(all.ok());
    CHECK(all->size() == SavedReplyStore::starterLibrary().size());
    for (const char *code : {"ack", "dm", "fwd", "claim", "renew", "login", "thanks", "privacy"}) {
        INFO(code);
        for (const char *language : {"it", "en"}) {
            auto found = store.byCode(QString::fromLatin1(code), QString::fromLatin1(language));
            REQUIRE(found.ok());
            REQUIRE(found->has_value());
            CHECK(found->value().language == QLatin1String(language));
            CHECK(ReplyTemplate::validate(found->value().body).ok());
        }
    }
    // A code that exists only in Italian is found for an English post too.
    SavedReply only;
    only.code = QStringLiteral("::Grandine");
    only.title = QStringLiteral("Grandine");
    only.body = QStringLiteral("La garanzia eventi atmosferici copre la grandine.");
    auto saved = store.save(only, kStart);
    REQUIRE(saved.ok());
    CHECK(saved->code == QLatin1String("grandine"));
    CHECK(store.byCode(QStringLiteral("grandine"), QStringLiteral("en")).value()->language == QLatin1String("it"));
    CHECK_FALSE(store.byCode(QStringLiteral("nope"), QStringLiteral("it")).value().has_value());
    // Two replies with one code and language are refused.
    SavedReply clash = only;
    clash.id.clear();
    clash.title = QStringLiteral("Other");
    CHECK(store.save(clash, kStart).ok()); // no id: the same code and language replace the stored one
    clash.id = QStringLiteral("another-id");
    CHECK(store.save(clash, kStart).error().contains(QLatin1String("::grandine")));

    QVector<SavedReply> list = store.all().value();
    SavedReplyStore::rank(list, QStringLiteral("en"), Category::Complaint, Channel::X);
    CHECK(list.first().code == QLatin1String("ack"));
    CHECK(list.first().language == QLatin1String("en"));
    // Every English reply comes before any Italian one.
    int lastEnglish = -1, firstItalian = int(list.size());
    for (int i = 0; i < list.size(); ++i) {
        if (list[i].language == QLatin1String("en"))
            lastEnglish = i;
        else
            firstItalian = qMin(firstItalian, i);
    }
    CHECK(lastEnglish < firstItalian);
    SavedReplyStore::rank(list, QStringLiteral("it"), Category::NonNegative, std::nullopt);
    CHECK(list.first().code == QLatin1String("thanks"));
    CHECK(list.first().language == QLatin1String("it"));
}

TEST_CASE("saved replies round-trip through JSON, and malformed files are refused with the place",
          "[compose][replies][json]")
{
    TempCache cache;
    SavedReplyStore store(*cache.db);
    auto exported = store.exportJson();
    REQUIRE(exported.ok());
    auto parsed = SavedReplyStore::parseJson(exported.value());
    REQUIRE(parsed.ok());
    CHECK(parsed->size() == SavedReplyStore::starterLibrary().size());
    auto summary = store.importJson(exported.value(), kStart);
    REQUIRE(summary.ok());
    CHECK(summary->added == 0);
    CHECK(summary->replaced == int(parsed->size()));

    const auto error = [&store](const char *json) { return store.importJson(QByteArray(json), kStart).error(); };
    CHECK(error("{").contains(QLatin1String("not valid")));
    CHECK(error(R"({"format":"other","version":1,"replies":[]})").contains(QLatin1String("\"format\"")));
    CHECK(
        error(R"({"format":"sportello-saved-replies","version":9,"replies":[]})").contains(QLatin1String("version 9")));
    CHECK(error(R"({"format":"sportello-saved-replies","version":1,"replies":{}})")
              .contains(QLatin1String("\"replies\"")));
    CHECK(
        error(
            R"({"format":"sportello-saved-replies","version":1,"replies":[{"code":"a","title":"A","language":"it"}]})")
            .contains(QLatin1String("replies[0]: \"body\"")));
    CHECK(
        error(
            R"({"format":"sportello-saved-replies","version":1,"replies":[{"code":"a","title":"A","language":"de","body":"x"}]})")
            .contains(QLatin1String("replies[0]")));
    CHECK(
        error(
            R"({"format":"sportello-saved-replies","version":1,"replies":[{"code":"a","title":"A","language":"it","body":"x","category":"praise"}]})")
            .contains(QLatin1String("unknown category \"praise\"")));
    CHECK(
        error(
            R"({"format":"sportello-saved-replies","version":1,"replies":[{"code":"a","title":"A","language":"it","body":"Ciao {nome}"}]})")
            .contains(QLatin1String("Unknown variable {nome}")));
    CHECK(error(R"({"format":"sportello-saved-replies","version":1,"replies":[
        {"code":"a","title":"A","language":"it","body":"x"},{"code":"A","title":"B","language":"it","body":"y"}]})")
              .contains(QLatin1String("replies[1]: the short code ::a appears twice")));
    // A rejected file stores nothing.
    CHECK(error(R"({"format":"sportello-saved-replies","version":1,"replies":[
        {"code":"new1","title":"A","language":"it","body":"x"},{"code":"bad code","title":"B","language":"it","body":"y"}]})")
              .contains(QLatin1String("replies[1]")));
    CHECK_FALSE(store.byCode(QStringLiteral("new1"), QStringLiteral("it")).value().has_value());
}

TEST_CASE("channel limits count as each platform does, emoji and URLs included", "[compose][limits]")
{
    // X: URLs count 23 whatever their length, an emoji 2 (a ZWJ family or a flag too), CJK 2.
    CHECK(xWeightedLength(QStringLiteral("hello")) == 5);
    CHECK(xWeightedLength(
              QStringLiteral("see https://www.assicuraserena.it/assistenza/sinistri/denuncia-online?x=1")) == 4 + 23);
    CHECK(xWeightedLength(QStringLiteral("vai su assicuraserena.it/app.")) == 7 + 23 + 1);
    CHECK(xWeightedLength(QStringLiteral("👍")) == 2);
    CHECK(xWeightedLength(QStringLiteral("👨‍👩‍👧‍👦")) == 2);
    CHECK(xWeightedLength(QStringLiteral("🇮🇹")) == 2);
    CHECK(xWeightedLength(QStringLiteral("👍🏽")) == 2);
    CHECK(xWeightedLength(QStringLiteral("保险")) == 4);
    CHECK(xWeightedLength(QStringLiteral("perché")) == 6);
    CHECK(xWeightedLength(QStringLiteral("perche\u0301")) == 6); // NFC first: e + combining accent is one
    // twitter-text v3 with twemoji-parser: © ® ™ are emoji only with U+FE0F; alone they weigh by
    // range (© and ® are Latin-1: 1; ™ is outside the light ranges: 2). U+FE0E weighs 2 on its own.
    CHECK(xWeightedLength(QStringLiteral("Serena\u00AE")) == 7);
    CHECK(xWeightedLength(QStringLiteral("Serena\u00AE\uFE0F")) == 8);
    CHECK(xWeightedLength(QStringLiteral("\u00A9 2024")) == 6);
    CHECK(xWeightedLength(QStringLiteral("\u2122")) == 2);
    CHECK(xWeightedLength(QStringLiteral("\u2122\uFE0F")) == 2);
    CHECK(xWeightedLength(QStringLiteral("\u2600\uFE0E")) == 4);
    CHECK(xWeightedLength(QStringLiteral("\u2764\uFE0F")) == 2);
    // Bare domains with the generic and country top-level domains in use.
    CHECK(xWeightedLength(QStringLiteral("serena.insurance")) == 23);
    CHECK(xWeightedLength(QStringLiteral("polizze.shop/offerta")) == 23);
    CHECK(xWeightedLength(QStringLiteral("serena.online e serena.app")) == 23 + 3 + 23);
    CHECK(xWeightedLength(QStringLiteral("serena.ch")) == 23);
    // Abbreviations are not domains: "Sig.ra" is no country, a known one needs no letter after it.
    CHECK(xWeightedLength(QStringLiteral("Sig.ra Rossi")) == 12);
    CHECK(xWeightedLength(QStringLiteral("serena.itx")) == 10);
    const QString full = QString(270, QLatin1Char('a')) + QStringLiteral(" 👍👍👍👍👍");
    LengthCheck x = checkLength(full, Channel::X, Visibility::Public);
    CHECK(x.length == 281);
    CHECK(x.remaining == -1);
    CHECK_FALSE(x.sendable);
    CHECK(x.reason.contains(QLatin1String("1 characters over the limit of 280")));
    x = checkLength(QString(280, QLatin1Char('a')), Channel::X, Visibility::Public);
    CHECK(x.sendable);
    CHECK(x.remaining == 0);
    // The same text as an X direct message fits.
    CHECK(checkLength(QString(3000, QLatin1Char('a')), Channel::X, Visibility::Private).sendable);
    // Meta and the stores count characters: an emoji is one.
    CHECK(checkLength(QString(2199, QLatin1Char('a')) + QStringLiteral("👍"), Channel::Instagram, Visibility::Public)
              .remaining == 0);
    CHECK_FALSE(checkLength(QString(2001, QLatin1Char('a')), Channel::Facebook, Visibility::Private).sendable);
    CHECK(checkLength(QString(8000, QLatin1Char('a')), Channel::Facebook, Visibility::Public).sendable);
    CHECK_FALSE(checkLength(QString(351, QLatin1Char('a')), Channel::GooglePlay, Visibility::Public).sendable);
    CHECK(checkLength(QString(5970, QLatin1Char('a')), Channel::AppStore, Visibility::Public).sendable);
    // Instagram messages count bytes: an emoji is four.
    const LengthCheck dm =
        checkLength(QString(997, QLatin1Char('a')) + QStringLiteral("👍"), Channel::Instagram, Visibility::Private);
    CHECK(dm.length == 1001);
    CHECK_FALSE(dm.sendable);
    CHECK(dm.reason.contains(QLatin1String("bytes")));
    // In-app messages have no platform limit.
    const LengthCheck inApp = checkLength(QString(20000, QLatin1Char('a')), Channel::InApp, Visibility::Private);
    CHECK(inApp.sendable);
    CHECK(inApp.maximum == 0);
}

TEST_CASE("drafts survive closing and reopening the cache, and leave with the decision", "[compose][drafts]")
{
    TempCache cache;
    ingest(*cache.db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart),
                       inboundPost(QStringLiteral("t2"), QStringLiteral("p2"), kStart)});
    const qint64 t1 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 't1'")).toLongLong();
    const qint64 t2 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 't2'")).toLongLong();
    {
        DraftStore drafts(*cache.db);
        REQUIRE(drafts.save(t1, QStringLiteral("Gentile cliente, "), DecisionKind::ReplyPrivate, kStart).ok());
        REQUIRE(drafts.save(t2, QStringLiteral("bozza"), std::nullopt, kStart).ok());
        REQUIRE(drafts.save(t2, QStringLiteral("   "), std::nullopt, kStart).ok()); // nothing left: removed
    }
    cache.db.reset();
    auto reopened = openCache(cache.path);
    REQUIRE(reopened.ok());
    cache.db = std::move(reopened).value();
    DraftStore drafts(*cache.db);
    auto d1 = drafts.load(t1);
    REQUIRE(d1.ok());
    REQUIRE(d1->has_value());
    CHECK(d1->value().text == QLatin1String("Gentile cliente, "));
    CHECK(d1->value().armed == DecisionKind::ReplyPrivate);
    CHECK_FALSE(drafts.load(t2).value().has_value());

    ManualClock clock(kStart + 60000);
    TriageService triage(*cache.db, clock, {QStringLiteral("a1"), QStringLiteral("Marta Verdi")});
    REQUIRE(
        triage.decide({t1, DecisionKind::ReplyPrivate, QStringLiteral("Gentile cliente, ci scriva qui."), {}, {}, {}})
            .ok());
    CHECK_FALSE(drafts.load(t1).value().has_value());
}

TEST_CASE("the triage service refuses public replies with personal data and audits the agent's choice",
          "[compose][triage][guard]")
{
    TempCache cache;
    ingest(*cache.db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart,
                                   QStringLiteral("Il mio CF è RSSMRA85T10A562S, rimborso?"))});
    const qint64 t1 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads")).toLongLong();
    ManualClock clock(kStart + 60000);
    TriageService triage(*cache.db, clock, {QStringLiteral("a1"), QStringLiteral("Marta Verdi")});
    const QString text = QStringLiteral("Abbiamo aggiornato il codice fiscale RSSMRA85T10A562S.");
    auto refused = triage.decide({t1, DecisionKind::ReplyPublic, text, {}, {}, {}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().contains(QLatin1String("tax code")));
    CHECK(refused.error().contains(QLatin1String("Ctrl+Shift+P")));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);

    DecisionRequest privately{t1, DecisionKind::ReplyPrivate, text, {}, {}, {}};
    const QVector<Finding> blocked = Guard().check(text).value();
    privately.guard.blocked = blocked;
    privately.guard.choice = QStringLiteral("switched_to_private");
    privately.guard.exposed = Guard().check(QStringLiteral("Il mio CF è RSSMRA85T10A562S, rimborso?")).value();
    privately.guard.hideSuggested = true;
    REQUIRE(triage.decide(privately).ok());
    const QJsonObject details =
        QJsonDocument::fromJson(
            scalar(*cache.db, QStringLiteral("SELECT details FROM audit_log WHERE action = 'decision'"))
                .toString()
                .toUtf8())
            .object();
    const QJsonObject guard = details.value(QStringLiteral("guard")).toObject();
    CHECK(guard.value(QStringLiteral("choice")).toString() == QLatin1String("switched_to_private"));
    CHECK(guard.value(QStringLiteral("blocked")).toArray().at(0).toObject().value(QStringLiteral("kind")).toString() ==
          QLatin1String("tax_code"));
    CHECK(guard.value(QStringLiteral("blocked")).toArray().at(0).toObject().value(QStringLiteral("start")).toInt() ==
          37);
    CHECK(guard.value(QStringLiteral("exposed_in_post")).toArray().size() == 1);
    CHECK(guard.value(QStringLiteral("suggested")).toString() == QLatin1String("reply_private,hide_comment"));
}

TEST_CASE("the audit keeps no reply text: decisions store lengths, outbox edits too", "[compose][triage][audit]")
{
    TempCache cache;
    ingest(*cache.db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart, QStringLiteral("Rimborso?"))});
    const qint64 t1 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads")).toLongLong();
    ManualClock clock(kStart + 60000);
    const Agent agent{QStringLiteral("a1"), QStringLiteral("Marta Verdi")};
    TriageService triage(*cache.db, clock, agent);
    const QString text =
        QStringLiteral("Le scriviamo sul conto IT25O0306909606100000012345 del codice RSSMRA85T10A562S");
    auto decided = triage.decide({t1, DecisionKind::ReplyPrivate, text, {}, {}, {}});
    REQUIRE(decided.ok());
    // The outbox entry can be edited; the audit says how long the texts were, never what.
    outbox::OutboxStore outbox(*cache.db, clock);
    REQUIRE(outbox.editText(decided->outboxId, text + QStringLiteral(" e IBAN DE89370400440532013000"), agent).ok());
    const QString audit =
        scalar(*cache.db, QStringLiteral("SELECT group_concat(details, ' ') FROM audit_log")).toString();
    INFO(audit.toStdString());
    CHECK(audit.contains(QLatin1String("text_length")));
    for (const char *secret : {"RSSMRA85T10A562S", "IT25O0306909606100000012345", "DE89370400440532013000"})
        CHECK_FALSE(audit.contains(QLatin1String(secret)));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT text FROM decisions")).toString() == text);
}

TEST_CASE("an outbox edit of a public reply passes the guard and the channel's limit", "[compose][outbox][guard]")
{
    TempCache cache;
    ingest(*cache.db,
           {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart, QStringLiteral("Rimborso?"), Channel::X)});
    const qint64 t1 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads")).toLongLong();
    ManualClock clock(kStart + 60000);
    const Agent agent{QStringLiteral("a1"), QStringLiteral("Marta Verdi")};
    TriageService triage(*cache.db, clock, agent);
    auto decided =
        triage.decide({t1, DecisionKind::ReplyPublic, QStringLiteral("Le scriviamo in privato."), {}, {}, {}});
    REQUIRE(decided.ok());
    outbox::OutboxStore outbox(*cache.db, clock);
    auto refused = outbox.editText(decided->outboxId, QStringLiteral("Il suo codice è RSSMRA85T10A562S"), agent);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().contains(QLatin1String("tax code")));
    CHECK_FALSE(refused.error().contains(QLatin1String("RSSMRA85T10A562S")));
    auto tooLong = outbox.editText(decided->outboxId, QString(281, QLatin1Char('a')), agent);
    REQUIRE_FALSE(tooLong.ok());
    CHECK(tooLong.error().contains(QLatin1String("Too long")));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT text FROM outbox")).toString() ==
          QLatin1String("Le scriviamo in privato."));
    REQUIRE(outbox.editText(decided->outboxId, QStringLiteral("Le abbiamo scritto in privato."), agent).ok());
}

TEST_CASE("a forward can tell the customer its case reference in a reply sent after it", "[compose][triage][forward]")
{
    TempCache cache;
    ingest(*cache.db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart, QStringLiteral("Reclamo!"))});
    const qint64 t1 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads")).toLongLong();
    ManualClock clock(kStart + 60000);
    TriageService triage(*cache.db, clock, {QStringLiteral("a1"), QStringLiteral("Marta Verdi")});
    triage.setCaseReferenceSource([](qint64) { return QStringLiteral("SPT-20260302-ABC123"); });
    DecisionRequest forward{t1, DecisionKind::Forward, QStringLiteral("Cliente arrabbiato"),
                            {}, Category::Complaint,   {}};
    forward.customerText = QStringLiteral("Abbiamo inoltrato la richiesta (riferimento {case_reference}).");
    forward.customerKind = DecisionKind::ReplyPublic;
    auto outcome = triage.decide(forward);
    INFO((outcome.ok() ? std::string() : outcome.error().toStdString()));
    REQUIRE(outcome.ok());
    CHECK(outcome->caseReference == QLatin1String("SPT-20260302-ABC123"));
    REQUIRE_FALSE(outcome->customerOutboxId.isEmpty());
    // Two decisions, the forward first; the reply carries the reference and goes to the post.
    CHECK(scalar(*cache.db,
                 QStringLiteral("SELECT group_concat(kind, ',') FROM (SELECT kind FROM decisions ORDER BY decided_at)"))
              .toString() == QLatin1String("forward,reply_public"));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT text FROM outbox WHERE id = '%1'").arg(outcome->customerOutboxId))
              .toString() == QLatin1String("Abbiamo inoltrato la richiesta (riferimento SPT-20260302-ABC123)."));
    CHECK(scalar(*cache.db,
                 QStringLiteral("SELECT target_post_id FROM outbox WHERE id = '%1'").arg(outcome->customerOutboxId))
              .toString() == QLatin1String("p1"));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT status FROM threads")).toString() == QLatin1String("forwarded"));
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM complaints")).toInt() == 1);

    // A public customer message with personal data refuses the whole forward, audited.
    ingest(*cache.db,
           {inboundPost(QStringLiteral("t2"), QStringLiteral("p2"), kStart, QStringLiteral("Altro reclamo"))});
    const qint64 t2 = scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 't2'")).toLongLong();
    DecisionRequest leaking{t2, DecisionKind::Forward, QString(), {}, {}, {}};
    leaking.customerText = QStringLiteral("Riferimento {case_reference} per RSSMRA85T10A562S");
    leaking.customerKind = DecisionKind::ReplyPublic;
    triage.setCaseReferenceSource({});
    REQUIRE_FALSE(triage.decide(leaking).ok());
    CHECK(scalar(*cache.db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(t2)).toString() ==
          QLatin1String("waiting"));
    CHECK(
        scalar(
            *cache.db,
            QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'guard_refused' AND thread_id = %1").arg(t2))
            .toInt() == 1);
    // In private it goes.
    leaking.customerKind = DecisionKind::ReplyPrivate;
    REQUIRE(triage.decide(leaking).ok());
}

TEST_CASE("a reply longer than any platform takes is refused with its size, on every channel", "[compose][limits]")
{
    const QString tooLong(kMaxTextLength + 1, QLatin1Char('a'));
    for (const Channel channel : {Channel::InApp, Channel::X, Channel::Facebook, Channel::Instagram}) {
        for (const Visibility visibility : {Visibility::Public, Visibility::Private}) {
            const LengthCheck length = checkLength(tooLong, channel, visibility);
            CHECK_FALSE(length.sendable);
            CHECK(length.length == kMaxTextLength + 1);
            CHECK(length.reason.contains(QString::number(kMaxTextLength + 1)));
        }
    }
    // In-app messages have no platform limit: up to Sportello's own, they can be sent.
    CHECK(checkLength(QString(kMaxTextLength, QLatin1Char('a')), Channel::InApp, Visibility::Private).sendable);
}
