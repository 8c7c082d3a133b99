// The customer behind the posts (core/customers): linking and unlinking identities, suggestions
// (the class of near-matches, never linked by themselves), notes, the policyholder reference
// (refused unless verified in a private conversation of the customer's), the guard blocking it in
// any formatting, and the exports leaving it out unless asked.

#include "CliProcess.h"
#include "ImportHelpers.h"

#include "common/Clock.h"
#include "compose/Guard.h"
#include "compose/PersonalReference.h"
#include "customers/CrmLink.h"
#include "customers/Customers.h"
#include "outbox/Handoff.h"
#include "outbox/Outbox.h"
#include "report/ReportExport.h"
#include "timers/PolicyStore.h"
#include "triage/TriageService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QRandomGenerator>

using namespace sportello;
using namespace sportello::test;

namespace {

const Agent kAgent{QStringLiteral("agent-1"), QStringLiteral("Anna Neri")};

PostRecord postBy(Channel channel, const QString &thread, const QString &id, const QString &authorId,
                  const QString &handle, const QString &name, Visibility visibility, const char *at,
                  const QString &text = QStringLiteral("Buongiorno, ho una domanda sulla polizza"))
{
    PostRecord p = inboundPost(thread, id, utcMs(at), text, channel);
    p.author = {authorId, handle, name, 10};
    p.visibility = visibility;
    return p;
}

qint64 authorId(Database &db, const char *externalId)
{
    return value(db, QStringLiteral("SELECT id FROM authors WHERE external_id = '%1'").arg(QLatin1String(externalId)))
        .toLongLong();
}

qint64 threadId(Database &db, const char *externalId)
{
    return value(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(QLatin1String(externalId)))
        .toLongLong();
}

// Mario on three channels (public posts on Facebook and X, a private conversation on Instagram),
// a namesake who is someone else, and a stranger.
struct Sample {
    TempCache cache;
    ManualClock clock{utcMs("2026-03-10T12:00:00Z")};
    CustomerStore store{*cache.db, clock};
    qint64 fb = 0, x = 0, ig = 0, maria = 0, other = 0;
    qint64 fbThread = 0, xThread = 0, igThread = 0, otherPrivate = 0;

    Sample()
    {
        Database &db = *cache.db;
        ingest(db, {
                       postBy(Channel::Facebook, QStringLiteral("fb-t1"), QStringLiteral("fb-p1"),
                              QStringLiteral("fb-mario"), QStringLiteral("mario.rossi"), QStringLiteral("Mario Rossi"),
                              Visibility::Public, "2026-03-02T09:00:00Z"),
                       postBy(Channel::X, QStringLiteral("x-t1"), QStringLiteral("x-p1"), QStringLiteral("x-mario"),
                              QStringLiteral("Mario_Rossi85"), QStringLiteral("Mario R."), Visibility::Public,
                              "2026-03-03T09:00:00Z"),
                       postBy(Channel::Instagram, QStringLiteral("ig-t1"), QStringLiteral("ig-p1"),
                              QStringLiteral("ig-mario"), QStringLiteral("m.r_1985"), QStringLiteral("Mario Rossì"),
                              Visibility::Private, "2026-03-04T09:00:00Z"),
                       postBy(Channel::X, QStringLiteral("x-t2"), QStringLiteral("x-p2"), QStringLiteral("x-maria"),
                              QStringLiteral("maria_rossi"), QStringLiteral("Maria Rossi"), Visibility::Public,
                              "2026-03-05T09:00:00Z"),
                       postBy(Channel::Facebook, QStringLiteral("fb-t2"), QStringLiteral("fb-p2"),
                              QStringLiteral("fb-luca"), QStringLiteral("luca.verdi"), QStringLiteral("Luca Verdi"),
                              Visibility::Private, "2026-03-06T09:00:00Z"),
                   });
        fb = authorId(db, "fb-mario");
        x = authorId(db, "x-mario");
        ig = authorId(db, "ig-mario");
        maria = authorId(db, "x-maria");
        other = authorId(db, "fb-luca");
        fbThread = threadId(db, "fb-t1");
        xThread = threadId(db, "x-t1");
        igThread = threadId(db, "ig-t1");
        otherPrivate = threadId(db, "fb-t2");
    }

    CustomerCard card(qint64 author, qint64 shown = 0)
    {
        auto c = store.card(author, shown);
        INFO(c.error().toStdString());
        REQUIRE(c.ok());
        return c.value();
    }

    void link(qint64 a, qint64 b)
    {
        Status s = store.link(a, b, kAgent);
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
};

QVector<qint64> identityIds(const CustomerCard &card)
{
    QVector<qint64> ids;
    for (const CustomerIdentity &i : card.identities)
        ids << i.authorId;
    return ids;
}

QVector<qint64> threadIds(const CustomerCard &card)
{
    QVector<qint64> ids;
    for (const CustomerThread &t : card.threads)
        ids << t.threadId;
    return ids;
}

} // namespace

TEST_CASE("identity match keys: case, accents, punctuation and digit suffixes fold, other names do not",
          "[customers][suggest]")
{
    // Every spelling in a group is the same key; groups differ.
    const QVector<QStringList> groups{
        {QStringLiteral("Mario Rossi"), QStringLiteral("mario.rossi"), QStringLiteral("@Mario_Rossi85"),
         QStringLiteral("MARIO-ROSSI"), QStringLiteral("Mario Rossì"), QStringLiteral("márió rössi 2024"),
         QStringLiteral("mario rossi!!"), QStringLiteral("ｍａｒｉｏ ｒｏｓｓｉ"), QStringLiteral("mario__rossi_1")},
        {QStringLiteral("Giulia Bianchi"), QStringLiteral("giulia.bianchi"), QStringLiteral("GIULIA_BIANCHI99"),
         QStringLiteral("Giùlia Biànchi")},
        {QStringLiteral("Maria Rossi"), QStringLiteral("maria_rossi7")},
    };
    QStringList keys;
    for (const QStringList &group : groups) {
        const QString key = identityMatchKey(group.first());
        REQUIRE_FALSE(key.isEmpty());
        for (const QString &spelling : group) {
            INFO(spelling.toStdString());
            CHECK(identityMatchKey(spelling) == key);
        }
        CHECK_FALSE(keys.contains(key));
        keys << key;
    }
    // Digits inside a name stay (only a suffix is dropped); too short to suggest anything: empty.
    CHECK(identityMatchKey(QStringLiteral("r2d2fan")) != identityMatchKey(QStringLiteral("rdfan")));
    CHECK(identityMatchKey(QStringLiteral("ab12")).isEmpty());
    CHECK(identityMatchKey(QStringLiteral("___")).isEmpty());
    CHECK(identityMatchKey(QStringLiteral("12345678")).isEmpty());
}

TEST_CASE("suggestions: matching handles and names on other channels, never linked by themselves",
          "[customers][suggest]")
{
    Sample s;
    auto suggested = s.store.suggestions(s.fb);
    INFO(suggested.error().toStdString());
    REQUIRE(suggested.ok());
    QVector<qint64> ids;
    for (const IdentitySuggestion &g : suggested.value())
        ids << g.identity.authorId;
    // X's "Mario_Rossi85" (handle) and Instagram's "Mario Rossì" (name); not Maria, not Luca.
    CHECK(ids.contains(s.x));
    CHECK(ids.contains(s.ig));
    CHECK_FALSE(ids.contains(s.maria));
    CHECK_FALSE(ids.contains(s.other));
    CHECK_FALSE(ids.contains(s.fb));
    for (const IdentitySuggestion &g : suggested.value()) {
        if (g.identity.authorId == s.x)
            CHECK(g.handleMatches);
        if (g.identity.authorId == s.ig)
            CHECK(g.nameMatches); // its handle "m.r_1985" matches nothing; its name does
    }
    // Suggested, not linked.
    CHECK(count(*s.cache.db, QStringLiteral("SELECT count(*) FROM customer_identities")) == 0);
    CHECK(s.card(s.fb).identities.size() == 1);
    CHECK(s.card(s.fb).customerId == 0);

    // Once linked, a linked identity is no longer suggested; the others' names count too.
    s.link(s.fb, s.x);
    auto again = s.store.suggestions(s.x);
    REQUIRE(again.ok());
    REQUIRE(again->size() == 1);
    CHECK(again->first().identity.authorId == s.ig);

    // An author met after the first look is indexed at the next one.
    ingest(*s.cache.db, {postBy(Channel::Instagram, QStringLiteral("ig-t9"), QStringLiteral("ig-p9"),
                                QStringLiteral("ig-mario2"), QStringLiteral("MARIO.ROSSI.2"), QStringLiteral("M R"),
                                Visibility::Public, "2026-03-07T09:00:00Z")});
    auto later = s.store.suggestions(s.fb);
    REQUIRE(later.ok());
    CHECK(std::any_of(later->cbegin(), later->cend(), [&](const IdentitySuggestion &g) {
        return g.identity.authorId == authorId(*s.cache.db, "ig-mario2");
    }));
}

TEST_CASE("linking identities across channels shows every thread, unlinking separates them again", "[customers][link]")
{
    Sample s;
    CHECK(s.card(s.fb, s.fbThread).threads.isEmpty());
    s.link(s.fb, s.x);
    s.link(s.fb, s.ig);
    const CustomerCard card = s.card(s.fb, s.fbThread);
    CHECK(card.customerId != 0);
    CHECK(identityIds(card).first() == s.fb); // the author asked for comes first
    CHECK(identityIds(card).size() == 3);
    // The other threads, latest first; the one shown is left out.
    CHECK(threadIds(card) == QVector<qint64>{s.igThread, s.xThread});
    CHECK(card.threads.first().isPrivate);
    CHECK_FALSE(card.threads.last().isPrivate);
    CHECK(card.threads.first().channel == Channel::Instagram);
    // The same customer from any of its identities.
    CHECK(s.card(s.x).customerId == card.customerId);
    CHECK(count(*s.cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'customer_link'")) == 2);

    // Refusals: already linked, itself, a company account, an unknown author.
    CHECK(s.store.link(s.x, s.ig, kAgent).errorKind() == ErrorKind::Conflict);
    CHECK(s.store.link(s.x, s.x, kAgent).errorKind() == ErrorKind::InvalidInput);
    CHECK(s.store.link(s.x, 999999, kAgent).errorKind() == ErrorKind::NotFound);
    CHECK(s.store.link(s.x, s.other, Agent{}).errorKind() == ErrorKind::InvalidInput);

    REQUIRE(s.store.unlink(s.x, kAgent).ok());
    CHECK(threadIds(s.card(s.fb, s.fbThread)) == QVector<qint64>{s.igThread});
    CHECK(s.card(s.x).customerId == 0);
    CHECK(s.card(s.x, s.xThread).threads.isEmpty());
    // Not linked any more: nothing to unlink.
    CHECK(s.store.unlink(s.x, kAgent).errorKind() == ErrorKind::InvalidInput);
    REQUIRE(s.store.unlink(s.ig, kAgent).ok());
    // The last identity keeps the customer's notes; it is linked to no one.
    CHECK(s.store.unlink(s.fb, kAgent).errorKind() == ErrorKind::InvalidInput);
    CHECK(count(*s.cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'customer_unlink'")) == 2);
}

TEST_CASE("linking two customers merges their notes and keeps one reference, two references refuse",
          "[customers][link]")
{
    Sample s;
    REQUIRE(s.store.addNote(s.fb, QStringLiteral("Prefers to be called after 17"), kAgent).ok());
    REQUIRE(s.store.addNote(s.ig, QStringLiteral("Wrote about the hail claim"), kAgent).ok());
    REQUIRE(s.store.setPolicyholderRef(s.ig, s.igThread, QStringLiteral("AB-123 456"), kAgent).ok());
    s.link(s.fb, s.ig);
    const CustomerCard card = s.card(s.fb);
    CHECK(card.notes.size() == 2);
    REQUIRE(card.policyholderRef);
    CHECK(card.policyholderRef->value == QLatin1String("AB-123 456"));
    CHECK(card.policyholderRef->verifiedInThreadId == s.igThread);
    CHECK(count(*s.cache.db, QStringLiteral("SELECT count(*) FROM customers")) == 1);

    // Another customer with another reference is another person.
    REQUIRE(s.store.setPolicyholderRef(s.other, s.otherPrivate, QStringLiteral("ZZ 999 000"), kAgent).ok());
    CHECK(s.store.link(s.fb, s.other, kAgent).errorKind() == ErrorKind::Conflict);
    CHECK(s.card(s.other).identities.size() == 1);
}

TEST_CASE("the policyholder reference is stored only from a private conversation of the customer's",
          "[customers][reference]")
{
    Sample s;
    const QString ref = QStringLiteral("PH-2024 77881");
    // The thread shown is public: refused, nothing stored.
    Status onPublic = s.store.setPolicyholderRef(s.fb, s.fbThread, ref, kAgent);
    CHECK(onPublic.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(onPublic.error().contains(QLatin1String("private")));
    // Private, but someone else's conversation.
    CHECK(s.store.setPolicyholderRef(s.fb, s.otherPrivate, ref, kAgent).errorKind() == ErrorKind::RefusedByPolicy);
    // A thread with a public post among private ones is public.
    ingest(*s.cache.db, {postBy(Channel::Instagram, QStringLiteral("ig-t1"), QStringLiteral("ig-p1b"),
                                QStringLiteral("ig-mario"), QStringLiteral("m.r_1985"), QStringLiteral("Mario Rossì"),
                                Visibility::Private, "2026-03-04T10:00:00Z")});
    CHECK(count(*s.cache.db, QStringLiteral("SELECT count(*) FROM customers")) == 0);
    CHECK(s.card(s.fb).policyholderRef == std::nullopt);
    // Not a reference.
    for (const QString &bad : {QStringLiteral("ab1"), QStringLiteral("AB<12345>"), QString(50, QLatin1Char('7')),
                               QStringLiteral("  -- / .  ")})
        CHECK(s.store.setPolicyholderRef(s.ig, s.igThread, bad, kAgent).errorKind() == ErrorKind::InvalidInput);

    // Linked, Mario's private Instagram conversation verifies it for the Facebook identity shown.
    s.link(s.fb, s.ig);
    REQUIRE(s.store.setPolicyholderRef(s.fb, s.igThread, ref, kAgent).ok());
    const CustomerCard card = s.card(s.fb);
    REQUIRE(card.policyholderRef);
    CHECK(card.policyholderRef->value == ref);
    CHECK(card.policyholderRef->verifiedInThreadId == s.igThread);
    CHECK(card.policyholderRef->setBy == kAgent.name);
    // The audit records that it was set and where, never the reference.
    CHECK(count(*s.cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'customer_ref_set' AND "
                                            "thread_id = %1")
                                 .arg(s.igThread)) == 1);
    CHECK(count(*s.cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE details LIKE '%77881%'")) == 0);
    // The identity whose conversation verified it cannot leave with it.
    CHECK(s.store.unlink(s.ig, kAgent).errorKind() == ErrorKind::RefusedByPolicy);
    REQUIRE(s.store.clearPolicyholderRef(s.fb, kAgent).ok());
    CHECK(s.card(s.fb).policyholderRef == std::nullopt);
    CHECK(s.store.unlink(s.ig, kAgent).ok());
}

TEST_CASE("a stored reference is found in any formatting, and not inside a longer word", "[customers][guard]")
{
    const QString key = referenceKey(QStringLiteral("ab-123 456"));
    REQUIRE(key == QLatin1String("AB123456"));
    const QString separators = QStringLiteral(" -./_\u2013\u00a0");
    QRandomGenerator random(19);
    for (int round = 0; round < 300; ++round) {
        // Each character in either case, any run of separators (up to two) between any two.
        QString written;
        for (int i = 0; i < key.size(); ++i) {
            if (i > 0)
                for (int n = int(random.bounded(3)); n > 0; --n)
                    written += separators.at(int(random.bounded(separators.size())));
            written += random.bounded(2) ? key.at(i).toLower() : key.at(i);
        }
        const QString text = QStringLiteral("Il mio numero cliente è ") + written + QStringLiteral(", grazie.");
        INFO(text.toStdString());
        const auto spans = findReferences(text, {key});
        REQUIRE(spans.size() == 1);
        CHECK(text.mid(spans.first().first, spans.first().second - spans.first().first) == written);
        // A letter or digit right before or after: another code, not this reference.
        CHECK(findReferences(QStringLiteral("cod X ") + written + QStringLiteral(" ok"), {key}).size() == 1);
        CHECK(findReferences(QStringLiteral("codX") + written, {key}).isEmpty());
        CHECK(findReferences(written + QStringLiteral("7"), {key}).isEmpty());
    }
    CHECK(findReferences(QStringLiteral("AB12345"), {key}).isEmpty());
    CHECK(findReferences(QStringLiteral("AB 123 457"), {key}).isEmpty());
    CHECK(findReferences(QStringLiteral("AB, 123456"), {key}).isEmpty()); // a comma is not a separator
    CHECK(maskReferences(QStringLiteral("ref ab 123-456!"), {key}, QStringLiteral("[x]")) == QLatin1String("ref [x]!"));
}

TEST_CASE("the guard blocks a customer's stored reference in a public reply, in every formatting", "[customers][guard]")
{
    Sample s;
    auto before = GuardConfig::load(s.cache.db->connection());
    REQUIRE(before.ok());
    CHECK(before->policyholderRefs.isEmpty());
    REQUIRE(s.store.setPolicyholderRef(s.ig, s.igThread, QStringLiteral("PH-2024 77881"), kAgent).ok());
    auto config = GuardConfig::load(s.cache.db->connection());
    REQUIRE(config.ok());
    CHECK(config->policyholderRefs == QStringList{QStringLiteral("PH202477881")});
    // Never part of the configuration's JSON (it travels to the team and to `guard export`).
    CHECK_FALSE(config->toJson().contains("77881"));
    const Guard guard(config.value());
    for (const QString &written :
         {QStringLiteral("PH-2024 77881"), QStringLiteral("ph202477881"), QStringLiteral("Ph 2024-77881"),
          QStringLiteral("PH.2024.77881"), QStringLiteral("PH/2024/77881"), QStringLiteral("p h 2 0 2 4 7 7 8 8 1"),
          QStringLiteral("PH_2024_77881"), QStringLiteral("ph\u2013202477881")}) {
        const QString reply = QStringLiteral("Gentile cliente, abbiamo verificato la posizione ") + written +
                              QStringLiteral(": la ricontattiamo.");
        INFO(reply.toStdString());
        auto findings = guard.check(reply);
        REQUIRE(findings.ok());
        REQUIRE(findings->size() == 1);
        CHECK(findings->first().kind == FindingKind::PolicyholderRef);
        CHECK(findings->first().text == written);
    }
    // Without the stored reference, the same text is not this finding.
    auto plain = Guard(before.value()).check(QStringLiteral("abbiamo verificato ph202477881"));
    REQUIRE(plain.ok());
    CHECK(std::none_of(plain->cbegin(), plain->cend(),
                       [](const Finding &f) { return f.kind == FindingKind::PolicyholderRef; }));
    CHECK(toId(FindingKind::PolicyholderRef) == QLatin1String("policyholder_ref"));
}

TEST_CASE("exports leave the policyholder reference out unless asked, and always when pseudonymised",
          "[customers][export]")
{
    Sample s;
    Database &db = *s.cache.db;
    ingest(db, {postBy(Channel::Instagram, QStringLiteral("ig-t1"), QStringLiteral("ig-p2"), QStringLiteral("ig-mario"),
                       QStringLiteral("m.r_1985"), QStringLiteral("Mario Rossì"), Visibility::Private,
                       "2026-03-04T10:00:00Z", QStringLiteral("Il mio codice contraente è ph 2024-77881, grazie"))});
    REQUIRE(s.store.setPolicyholderRef(s.ig, s.igThread, QStringLiteral("PH-2024 77881"), kAgent).ok());
    auto policy = PolicyStore(db).active();
    REQUIRE(policy.ok());
    ReportFilter filter;
    filter.from = QDate(2026, 3, 1);
    filter.to = QDate(2026, 3, 31);
    const auto exported = [&](bool include, bool pseudonymise) {
        ExportOptions options;
        options.includePolicyholderRef = include;
        options.pseudonymise = pseudonymise;
        const QString path = s.cache.dir.filePath(QStringLiteral("export.csv"));
        auto written = exportPostLog(db, policy.value(), filter, s.clock.nowMs(), path, options);
        INFO(written.error().toStdString());
        REQUIRE(written.ok());
        return QString::fromUtf8(fileBytes(path));
    };
    const QString plain = exported(false, false);
    CHECK_FALSE(plain.contains(QLatin1String("77881")));
    CHECK(plain.contains(QStringLiteral("Il mio codice contraente è [policyholder-ref], grazie")));
    CHECK(exported(true, false).contains(QLatin1String("ph 2024-77881")));
    const QString pseudonymised = exported(true, true);
    CHECK_FALSE(pseudonymised.contains(QLatin1String("77881")));
    CHECK(pseudonymised.contains(QLatin1String("[policyholder-ref]")));
}

TEST_CASE("the CRM address: placeholders percent-encoded, unknown ones and non-web addresses refused",
          "[customers][crm]")
{
    const QString t = QStringLiteral("https://crm.example/customers?ref={policyholder_ref}&handle={handle}");
    CHECK(checkCrmTemplate(t).ok());
    // Refused with a message that says why.
    for (const QString &bad :
         {QStringLiteral("https://crm.example/c?x={tax_code}"), QStringLiteral("ftp://crm.example/{handle}"),
          QStringLiteral("javascript:alert({handle})"), QStringLiteral("file:///tmp/{handle}"),
          QStringLiteral("crm.example/c?h={handle}"), QStringLiteral("https://{handle}.crm.example/"),
          QStringLiteral("https://crm.example/c?h={handle"), QStringLiteral("   ")}) {
        INFO(bad.toStdString());
        const Status s = checkCrmTemplate(bad);
        CHECK(s.errorKind() == ErrorKind::InvalidInput);
        CHECK(s.error().contains(QLatin1String("CRM")));
    }
    CHECK(checkCrmTemplate(QStringLiteral("https://crm.example/c?x={tax_code}"))
              .error()
              .contains(QLatin1String("{tax_code}")));
    CHECK(checkCrmTemplate(QStringLiteral("HTTP://crm.example/c?h={handle}")).ok());

    // Every character that means something in a URL is encoded.
    auto url = buildCrmUrl(t, {{QStringLiteral("policyholder_ref"), QStringLiteral("AB 12/3&4#5")},
                               {QStringLiteral("handle"), QStringLiteral("mario rossì?")}});
    REQUIRE(url.ok());
    CHECK(url->toString(QUrl::FullyEncoded) ==
          QLatin1String("https://crm.example/customers?ref=AB%2012%2F3%264%235&handle=mario%20ross%C3%AC%3F"));
    CHECK(url->host() == QLatin1String("crm.example"));
    // No reference: that parameter is left out rather than searched for empty.
    auto noRef = buildCrmUrl(t, {{QStringLiteral("handle"), QStringLiteral("mario")}});
    REQUIRE(noRef.ok());
    CHECK(noRef->toString(QUrl::FullyEncoded) == QLatin1String("https://crm.example/customers?handle=mario"));
    auto onlyRef = buildCrmUrl(t, {{QStringLiteral("policyholder_ref"), QStringLiteral("AB1234")}});
    REQUIRE(onlyRef.ok());
    CHECK(onlyRef->toString(QUrl::FullyEncoded) == QLatin1String("https://crm.example/customers?ref=AB1234"));
    // In a path an empty value leaves the place empty; with no value at all there is nothing to look up.
    auto inPath = buildCrmUrl(QStringLiteral("https://crm.example/c/{channel}/{handle}"),
                              {{QStringLiteral("channel"), QStringLiteral("x")}});
    REQUIRE(inPath.ok());
    CHECK(inPath->toString(QUrl::FullyEncoded) == QLatin1String("https://crm.example/c/x/"));
    CHECK(buildCrmUrl(t, {}).errorKind() == ErrorKind::InvalidInput);

    // Kept in the cache; a bad one is never stored.
    TempCache cache;
    CHECK(loadCrmTemplate(cache.db->connection()).value().isEmpty());
    REQUIRE(saveCrmTemplate(cache.db->connection(), t).ok());
    CHECK(loadCrmTemplate(cache.db->connection()).value() == t);
    CHECK_FALSE(saveCrmTemplate(cache.db->connection(), QStringLiteral("ftp://x/{handle}")).ok());
    CHECK(loadCrmTemplate(cache.db->connection()).value() == t);
    REQUIRE(saveCrmTemplate(cache.db->connection(), QString()).ok());
    CHECK(loadCrmTemplate(cache.db->connection()).value().isEmpty());
}

TEST_CASE("the hand-off packet carries the policyholder reference and the linked identities", "[customers][handoff]")
{
    Sample s;
    s.link(s.fb, s.ig);
    REQUIRE(s.store.setPolicyholderRef(s.fb, s.igThread, QStringLiteral("PH-2024 77881"), kAgent).ok());
    const auto packetOf = [&](qint64 thread) {
        TriageService triage(*s.cache.db, s.clock, kAgent);
        DecisionRequest request;
        request.threadId = thread;
        request.kind = DecisionKind::Forward;
        request.text = QStringLiteral("Rinnovo non risulta");
        auto outcome = triage.decide(request);
        INFO(outcome.error().toStdString());
        REQUIRE(outcome.ok());
        auto entry = outbox::OutboxStore(*s.cache.db, s.clock).find(outcome->outboxId);
        REQUIRE(entry.ok());
        auto packet = outbox::buildHandoffPacket(*s.cache.db, entry.value(), s.clock.nowMs());
        INFO(packet.error().toStdString());
        REQUIRE(packet.ok());
        return packet->value(QStringLiteral("customer")).toObject();
    };
    const QJsonObject customer = packetOf(s.fbThread);
    CHECK(customer.value(QStringLiteral("handle")).toString() == QLatin1String("mario.rossi"));
    CHECK(customer.value(QStringLiteral("policyholder_ref")).toString() == QLatin1String("PH-2024 77881"));
    const QJsonArray linked = customer.value(QStringLiteral("linked_identities")).toArray();
    REQUIRE(linked.size() == 1);
    CHECK(linked.first().toObject().value(QStringLiteral("channel")).toString() == QLatin1String("instagram"));
    CHECK(linked.first().toObject().value(QStringLiteral("id")).toString() == QLatin1String("ig-mario"));
    // The card shows the forward, and what customer care last reported of it.
    auto forwards = s.card(s.fb).handoffs;
    REQUIRE(forwards.size() == 1);
    CHECK(forwards.first().careState.isEmpty());
    REQUIRE(scalar(*s.cache.db,
                   QStringLiteral("INSERT INTO handoffs(outbox_id, case_reference, thread_id, state, state_at, source, "
                                  "recorded_at) SELECT o.id, o.case_reference, d.thread_id, 'in_progress', 1, 'cli', 1 "
                                  "FROM outbox o JOIN decisions d ON d.id = o.decision_id RETURNING 1"))
                .toInt() == 1);
    forwards = s.card(s.fb).handoffs;
    REQUIRE(forwards.size() == 1);
    CHECK(forwards.first().careState == QLatin1String("in_progress"));
    // A customer of its own: no reference, no other identity.
    const QJsonObject alone = packetOf(s.xThread);
    CHECK(alone.value(QStringLiteral("policyholder_ref")).isNull());
    CHECK(alone.value(QStringLiteral("linked_identities")).toArray().isEmpty());
}

TEST_CASE("sportello-cli customer: show, suggest, link, unlink, note, set-ref, crm-url", "[customers][cli]")
{
    Sample s;
    const QString db = s.cache.path;
    s.cache.db.reset(); // the CLI opens the file itself
    const auto cli = [&](QStringList arguments) {
        arguments.prepend(db);
        arguments.prepend(QStringLiteral("--database"));
        arguments.prepend(QStringLiteral("customer"));
        return runCli(arguments, {});
    };
    const QString fb = QString::number(s.fbThread), ig = QString::number(s.igThread);
    const QString agent = QStringLiteral("--agent=Anna Neri");

    CliRun run = cli({QStringLiteral("suggest"), fb});
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("\"author\":\"x:x-mario\"")));
    CHECK(run.out.contains(QLatin1String("\"author\":\"instagram:ig-mario\"")));
    CHECK_FALSE(run.out.contains(QLatin1String("maria")));

    // A change needs the agent; a bad author is a usage error.
    CHECK(cli({QStringLiteral("link"), fb, QStringLiteral("x:x-mario")}).exitCode == 2);
    CHECK(cli({QStringLiteral("link"), fb, QStringLiteral("nowhere"), agent}).exitCode == 2);
    CHECK(cli({QStringLiteral("link"), fb, QStringLiteral("x:nobody"), agent}).exitCode == 1);
    run = cli({QStringLiteral("link"), fb, QStringLiteral("instagram:ig-mario"), agent});
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    REQUIRE(cli({QStringLiteral("note"), fb, QStringLiteral("Richiamare dopo le 17"), agent}).exitCode == 0);

    // The reference: refused from the public Facebook thread, stored from the private one.
    run = cli({QStringLiteral("set-ref"), fb, QStringLiteral("PH-2024 77881"), agent});
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("public")));
    REQUIRE(cli({QStringLiteral("set-ref"), ig, QStringLiteral("PH-2024 77881"), agent}).exitCode == 0);

    run = cli({QStringLiteral("show"), fb, QStringLiteral("--json")});
    REQUIRE(run.exitCode == 0);
    const QJsonObject card = QJsonDocument::fromJson(run.out.toUtf8()).object();
    CHECK(card.value(QStringLiteral("identities")).toArray().size() == 2);
    CHECK(card.value(QStringLiteral("threads"))
              .toArray()
              .first()
              .toObject()
              .value(QStringLiteral("thread"))
              .toInteger() == s.igThread);
    CHECK(card.value(QStringLiteral("notes")).toArray().size() == 1);
    CHECK(card.value(QStringLiteral("policyholder_ref"))
              .toObject()
              .value(QStringLiteral("verified_in_thread"))
              .toInteger() == s.igThread);

    // The CRM address.
    CHECK(cli({QStringLiteral("crm-url"), fb}).exitCode == 1);
    CHECK(cli({QStringLiteral("crm-template"), QStringLiteral("ftp://crm.example/{handle}")}).exitCode == 1);
    REQUIRE(cli({QStringLiteral("crm-template"),
                 QStringLiteral("https://crm.example/customers?ref={policyholder_ref}&handle={handle}")})
                .exitCode == 0);
    run = cli({QStringLiteral("crm-url"), fb});
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.trimmed() == QLatin1String("https://crm.example/customers?ref=PH-2024%2077881&handle=mario.rossi"));

    // The identity whose conversation verified the reference cannot leave with it.
    CHECK(cli({QStringLiteral("unlink"), QStringLiteral("instagram:ig-mario"), agent}).exitCode == 1);
    REQUIRE(cli({QStringLiteral("clear-ref"), fb, agent}).exitCode == 0);
    REQUIRE(cli({QStringLiteral("unlink"), QStringLiteral("instagram:ig-mario"), agent}).exitCode == 0);
    CHECK(cli({QStringLiteral("unlink"), QStringLiteral("instagram:ig-mario"), agent}).exitCode == 1);
}
