// Erasure of personal data from the cache (core/privacy/Erasure): one person's posts, author,
// linked identities, customer card, and their threads' contents anonymised; rows, decisions and
// audit entries kept without the personal data; the full-text index holding none of the person's
// terms (even those of a handle the person had before); retention's threads; the team key.

#include "CliProcess.h"
#include "ImportHelpers.h"

#include "common/Clock.h"
#include "customers/Customers.h"
#include "ingest/Ingestor.h"
#include "privacy/Erasure.h"
#include "storage/Transaction.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace sportello;
using namespace sportello::test;

namespace {

const Agent kAgent{QStringLiteral("agent-1"), QStringLiteral("Anna Neri")};

// The person's strings: each appears nowhere else, so finding one anywhere is a leak.
const QString kTaxCode = QStringLiteral("RSSMRA80A01H501U");
const QString kOldHandle = QStringLiteral("zoltanvecchio");
const QString kHandle = QStringLiteral("zoltanrossi");
const QString kName = QStringLiteral("Zoltan Quaglierini");
const QString kXHandle = QStringLiteral("zqx_quaglia");
const QString kText = QStringLiteral("Il mio codice fiscale è %1, sinistro tamponamento").arg(kTaxCode);
const QString kXText = QStringLiteral("Scrivo anche qui: pratica fermissima da settimane");
const QString kShared = QStringLiteral("Anche a me succede, ombrellificio chiuso");
const QString kReply = QStringLiteral("Gentile Zoltan, ci scriva in privato");
const QString kDecision = QStringLiteral("Gentile Zoltan, abbiamo inoltrato la pratica");
const QString kNote = QStringLiteral("Zoltan ha chiamato due volte, cliente storico");
const QString kCardNote = QStringLiteral("Preferisce essere ricontattato la mattina, pianoforte");
const QString kDraft = QStringLiteral("Bozza per Zoltan: rimborso del parabrezza");
const QString kPacket = QStringLiteral("packet for Zoltan with the plate AB123CD");
const QString kAnswer = QStringLiteral("Care answered: the garage in Pordenone");
const QString kReference = QStringLiteral("POL-99887766");
const QString kModerationNote = QStringLiteral("nasconde il numero di targa XY987ZZ");
const QString kComplaintNote = QStringLiteral("risolto con il perito Bartolomeo");

// Luca's thread holds texts of the same kinds, which must stay: the same words backwards.
QString lucasCopy(const QString &text)
{
    QString reversed(text.size(), QChar());
    std::reverse_copy(text.cbegin(), text.cend(), reversed.begin());
    return QStringLiteral("Luca: ") + reversed;
}

PostRecord by(Channel channel, const QString &thread, const QString &id, const QString &authorId, const QString &handle,
              const QString &name, const char *at, const QString &text, Visibility visibility = Visibility::Public)
{
    PostRecord p = inboundPost(thread, id, utcMs(at), text, channel);
    p.author = {authorId, handle, name, 321};
    p.visibility = visibility;
    return p;
}

qint64 idOf(Database &db, const char *table, const QString &externalId)
{
    return value(db, QStringLiteral("SELECT id FROM %1 WHERE external_id = '%2'").arg(QLatin1String(table), externalId))
        .toLongLong();
}

void exec(Database &db, const QString &statement, const QVariantList &binds = {})
{
    QSqlQuery q(db.connection());
    REQUIRE(q.prepare(statement));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    INFO(statement.toStdString() << ": " << q.lastError().text().toStdString());
    REQUIRE(q.exec());
}

// Every value of every table (but the full-text index's own, checked through FTS5), as text.
QString everyValue(Database &db)
{
    QSqlQuery tables(db.connection());
    REQUIRE(tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                       "'sqlite_%' AND name NOT LIKE 'posts_fts%'")));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    QString all;
    for (const QString &name : names) {
        QSqlQuery rows(db.connection());
        REQUIRE(rows.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(name)));
        while (rows.next())
            for (int i = 0; i < rows.record().count(); ++i)
                all += rows.value(i).toString() + QLatin1Char('\n');
    }
    return all.toLower();
}

qint64 matches(Database &db, const QString &term)
{
    return value(db, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH '\"%1\"'").arg(term))
        .toLongLong();
}

// Terms the index holds (all of them: an erased person's must be gone, not only unmatched).
qint64 indexedTerms(Database &db, const QString &term)
{
    exec(db,
         QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_terms USING fts5vocab(main, posts_fts, row)"));
    return value(db, QStringLiteral("SELECT count(*) FROM temp.test_terms WHERE term = '%1'").arg(term.toLower()))
        .toLongLong();
}

// Zoltan on Facebook (a public thread, then a private one where he gave his tax code) and on X
// (linked to the same customer), a comment of his in a thread shared with Luca, and Luca alone.
struct Person {
    TempCache cache;
    ManualClock clock{utcMs("2026-03-10T12:00:00Z")};
    qint64 fb = 0, x = 0, luca = 0, company = 0;
    qint64 fbThread = 0, privateThread = 0, xThread = 0, sharedThread = 0, lucaThread = 0;

    Person()
    {
        Database &db = *cache.db;
        // Indexed first under a handle he changed since.
        ingest(db, {by(Channel::Facebook, QStringLiteral("fb-t1"), QStringLiteral("fb-p1"), QStringLiteral("fb-zoltan"),
                       kOldHandle, kName, "2026-03-02T09:00:00Z", QStringLiteral("Buongiorno, una domanda"))});
        PostRecord reply =
            outboundPost(QStringLiteral("fb-t1"), QStringLiteral("fb-p2"), utcMs("2026-03-02T10:00:00Z"), kReply);
        ingest(db,
               {
                   reply,
                   by(Channel::Facebook, QStringLiteral("fb-t9"), QStringLiteral("fb-p9"), QStringLiteral("fb-zoltan"),
                      kHandle, kName, "2026-03-03T09:00:00Z", kText, Visibility::Private),
                   by(Channel::X, QStringLiteral("x-t1"), QStringLiteral("x-p1"), QStringLiteral("x-zoltan"), kXHandle,
                      QStringLiteral("ZQ"), "2026-03-03T10:00:00Z", kXText),
                   by(Channel::Facebook, QStringLiteral("fb-t3"), QStringLiteral("fb-p31"), QStringLiteral("fb-luca"),
                      QStringLiteral("luca.verdi"), QStringLiteral("Luca Verdi"), "2026-03-04T09:00:00Z",
                      QStringLiteral("Post della pagina, commento di Luca gabbiano")),
                   by(Channel::Facebook, QStringLiteral("fb-t3"), QStringLiteral("fb-p32"), QStringLiteral("fb-zoltan"),
                      kHandle, kName, "2026-03-04T09:05:00Z", kShared),
                   by(Channel::Facebook, QStringLiteral("fb-t4"), QStringLiteral("fb-p41"), QStringLiteral("fb-luca"),
                      QStringLiteral("luca.verdi"), QStringLiteral("Luca Verdi"), "2026-03-05T09:00:00Z",
                      QStringLiteral("Il mio preventivo pellicano")),
               });
        fb = idOf(db, "authors", QStringLiteral("fb-zoltan"));
        x = idOf(db, "authors", QStringLiteral("x-zoltan"));
        luca = idOf(db, "authors", QStringLiteral("fb-luca"));
        company = idOf(db, "authors", QStringLiteral("company"));
        fbThread = idOf(db, "threads", QStringLiteral("fb-t1"));
        privateThread = idOf(db, "threads", QStringLiteral("fb-t9"));
        xThread = idOf(db, "threads", QStringLiteral("x-t1"));
        sharedThread = idOf(db, "threads", QStringLiteral("fb-t3"));
        lucaThread = idOf(db, "threads", QStringLiteral("fb-t4"));

        // The customer card: both identities linked, a note, the reference verified in private.
        CustomerStore store(db, clock);
        REQUIRE(store.link(fb, x, kAgent).ok());
        REQUIRE(store.addNote(fb, kCardNote, kAgent).ok());
        Status ref = store.setPolicyholderRef(fb, privateThread, kReference, kAgent);
        INFO(ref.error().toStdString());
        REQUIRE(ref.ok());
        exec(db,
             QStringLiteral("INSERT OR REPLACE INTO author_match_keys(author_id, handle_key, name_key) "
                            "VALUES(?, ?, ?), (?, 'luca.verdi', 'luca verdi')"),
             {fb, kHandle, kName.toLower(), luca});

        // What the threads hold beside their posts, on Zoltan's private thread and on Luca's.
        for (const auto &[thread, suffix] :
             {std::pair{privateThread, QStringLiteral("z")}, std::pair{lucaThread, QStringLiteral("l")}}) {
            const bool zoltan = suffix == QLatin1String("z");
            const auto own = [zoltan](const QString &text) { return zoltan ? text : lucasCopy(text); };
            exec(db,
                 QStringLiteral("INSERT INTO decisions(id, thread_id, kind, text, agent_id, agent_name, decided_at) "
                                "VALUES(?, ?, 'forward', ?, 'agent-1', 'Anna Neri', 1)"),
                 {QStringLiteral("d-") + suffix, thread, own(kDecision)});
            exec(db,
                 QStringLiteral("INSERT INTO outbox(id, decision_id, idempotency_key, created_at, text, sent_text, "
                                "packet, review_comment, last_error, case_reference, delivered_at) "
                                "VALUES(?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 2)"),
                 {QStringLiteral("o-") + suffix, QStringLiteral("d-") + suffix, QStringLiteral("k-") + suffix,
                  own(kDecision), own(kDecision), own(kPacket).toUtf8(), own(kDraft), own(kDraft),
                  QStringLiteral("CASE-") + suffix});
            exec(db, QStringLiteral("INSERT INTO drafts(thread_id, text, updated_at) VALUES(?, ?, 1)"),
                 {thread, own(kDraft)});
            exec(db,
                 QStringLiteral("INSERT INTO notes(id, thread_id, author_name, at, text, mentions) "
                                "VALUES(?, ?, 'Anna Neri', 1, ?, '[\"bruno\"]')"),
                 {QStringLiteral("n-") + suffix, thread, own(kNote)});
            exec(db,
                 QStringLiteral("INSERT INTO handoffs(outbox_id, case_reference, thread_id, state, state_at, source, "
                                "answer, recorded_at) VALUES(?, ?, ?, 'resolved', 1, 'cli', ?, 1)"),
                 {QStringLiteral("o-") + suffix, QStringLiteral("CASE-") + suffix, thread, own(kAnswer)});
            exec(db,
                 QStringLiteral("INSERT INTO handoff_updates(outbox_id, state, state_at, source, answer, "
                                "recorded_at) VALUES(?, 'resolved', 1, 'cli', ?, 1)"),
                 {QStringLiteral("o-") + suffix, own(kAnswer)});
            exec(db,
                 QStringLiteral("INSERT INTO complaints(thread_id, decision_id, received_at, forwarded_at, "
                                "deadline_at, resolved_at, resolved_by, resolution_note) "
                                "VALUES(?, ?, 1, 1, 2, 2, 'Anna Neri', ?)"),
                 {thread, QStringLiteral("d-") + suffix, own(kComplaintNote)});
            exec(db,
                 QStringLiteral("INSERT INTO audit_log(id, at, agent_id, agent_name, action, thread_id, details) "
                                "VALUES(?, 1, 'agent-1', 'Anna Neri', 'complaint_resolved', ?, ?)"),
                 {QStringLiteral("a-") + suffix, thread, QStringLiteral("{\"note\":\"%1\"}").arg(own(kComplaintNote))});
        }
        // A forward in the shared thread: its hand-off packet copies every post, his comment too.
        exec(db,
             QStringLiteral("INSERT INTO decisions(id, thread_id, kind, text, agent_id, agent_name, decided_at) "
                            "VALUES('d-s', ?, 'forward', 'Luca chiede un preventivo', 'agent-1', 'Anna Neri', 1)"),
             {sharedThread});
        exec(db,
             QStringLiteral("INSERT INTO outbox(id, decision_id, idempotency_key, created_at, text, packet) "
                            "VALUES('o-s', 'd-s', 'k-s', 1, 'Luca chiede un preventivo', ?)"),
             {QStringLiteral("{\"posts\":[{\"author\":\"%1\",\"text\":\"%2\"}]}").arg(kHandle, kShared).toUtf8()});
        // A moderation request on Zoltan's comment in the shared thread, with its audit entry.
        exec(db,
             QStringLiteral("INSERT INTO moderation_requests(id, channel, comment_id, thread_external_id, action, "
                            "reason, note, requested_at, team_state) VALUES('m-1', 'facebook', 'fb-p32', 'fb-t3', "
                            "'hide', 'personal_data', ?, 1, 'pushed')"),
             {kModerationNote});
        exec(db,
             QStringLiteral("INSERT INTO audit_log(id, at, agent_id, agent_name, action, thread_id, details) "
                            "VALUES('a-m', 1, 'agent-1', 'Anna Neri', 'comment_hidden', ?, ?)"),
             {sharedThread, QStringLiteral("{\"post_id\":\"fb-p32\",\"note\":\"%1\"}").arg(kModerationNote)});
    }

    QStringList personStrings() const
    {
        return {kTaxCode,
                kOldHandle,
                kHandle,
                kName,
                kXHandle,
                kXText,
                kShared,
                kReply,
                kDecision,
                kNote,
                kCardNote,
                kDraft,
                kPacket,
                kAnswer,
                kReference,
                kModerationNote,
                kComplaintNote,
                QStringLiteral("fb-zoltan"),
                QStringLiteral("x-zoltan"),
                QStringLiteral("tamponamento")};
    }
};

privacy::ErasureCounts eraseIn(Database &db, const QList<qint64> &authors)
{
    Transaction transaction(db.connection());
    REQUIRE(transaction.started());
    auto counts = privacy::anonymiseAuthors(db.connection(), authors);
    INFO(counts.error().toStdString());
    REQUIRE(counts.ok());
    REQUIRE(transaction.commit().ok());
    return counts.value();
}

const char *const kKeptCounts =
    "SELECT (SELECT count(*) FROM posts) || '/' || (SELECT count(*) FROM threads) || '/' || "
    "(SELECT count(*) FROM decisions) || '/' || (SELECT count(*) FROM audit_log) || '/' || "
    "(SELECT count(*) FROM outbox) || '/' || (SELECT count(*) FROM notes) || '/' || "
    "(SELECT count(*) FROM handoffs) || '/' || (SELECT count(*) FROM complaints) || '/' || "
    "(SELECT count(*) FROM authors)";

// The same but the audit entries: the erasure adds its own.
const char *const kKeptRows = "SELECT (SELECT count(*) FROM posts) || '/' || (SELECT count(*) FROM threads) || '/' || "
                              "(SELECT count(*) FROM decisions) || '/' || (SELECT count(*) FROM outbox) || '/' || "
                              "(SELECT count(*) FROM notes) || '/' || (SELECT count(*) FROM handoffs) || '/' || "
                              "(SELECT count(*) FROM complaints) || '/' || (SELECT count(*) FROM authors)";

} // namespace

TEST_CASE("The team key of an author is the hex SHA-256 of its channel and id", "[privacy]")
{
    // printf 'facebook\nfb-zoltan' | sha256sum
    CHECK(privacy::authorKey(QStringLiteral("facebook"), QStringLiteral("fb-zoltan")) ==
          QString::fromLatin1(QCryptographicHash::hash("facebook\nfb-zoltan", QCryptographicHash::Sha256).toHex()));
    CHECK(privacy::authorKey(QStringLiteral("x"), QStringLiteral("ü1")).size() == 64);
    CHECK(privacy::authorKey(QStringLiteral("x"), QStringLiteral("ü1")) ==
          QString::fromLatin1(
              QCryptographicHash::hash(QStringLiteral("x\nü1").toUtf8(), QCryptographicHash::Sha256).toHex()));
    CHECK(privacy::authorKey(QStringLiteral("x"), QStringLiteral("1")) !=
          privacy::authorKey(QStringLiteral("facebook"), QStringLiteral("1")));
}

TEST_CASE("A person is the author and every author linked to the same customer, and keys find them", "[privacy]")
{
    Person p;
    const QSqlDatabase db = p.cache.db->connection();
    auto person = privacy::personAuthors(db, p.x);
    REQUIRE(person.ok());
    CHECK(person.value() == QList<qint64>{p.fb, p.x});
    auto alone = privacy::personAuthors(db, p.luca);
    REQUIRE(alone.ok());
    CHECK(alone.value() == QList<qint64>{p.luca});
    auto unknown = privacy::personAuthors(db, 987654);
    CHECK(unknown.errorKind() == ErrorKind::NotFound);

    auto found =
        privacy::authorsByKeys(db, {privacy::authorKey(QStringLiteral("x"), QStringLiteral("x-zoltan")),
                                    privacy::authorKey(QStringLiteral("facebook"), QStringLiteral("fb-luca")).toUpper(),
                                    privacy::authorKey(QStringLiteral("facebook"), QStringLiteral("nobody"))});
    REQUIRE(found.ok());
    CHECK(found.value() == QList<qint64>{p.x, p.luca});
    // Once erased, an author has no key any more.
    eraseIn(*p.cache.db, {p.x});
    auto after = privacy::authorsByKeys(db, {privacy::authorKey(QStringLiteral("x"), QStringLiteral("x-zoltan"))});
    REQUIRE(after.ok());
    CHECK(after->isEmpty());
}

TEST_CASE("Erasing a person anonymises every table that held their data and keeps the rows", "[privacy]")
{
    Person p;
    Database &db = *p.cache.db;
    const QString keptBefore = value(db, QLatin1String(kKeptCounts)).toString();
    const QString lucaBefore =
        value(db, QStringLiteral("SELECT group_concat(text, '|') FROM (SELECT text FROM posts WHERE author_id = %1 "
                                 "ORDER BY id)")
                      .arg(p.luca))
            .toString();
    const qint64 measuredBefore = count(db, QStringLiteral("SELECT count(*) FROM posts WHERE due_at IS NOT NULL"));
    {
        const QString all = everyValue(db);
        // All but the handle he had before: only the full-text index still holds that one.
        for (const QString &s : p.personStrings())
            if (s != kOldHandle)
                CHECK(all.contains(s.toLower()));
    }
    REQUIRE(matches(db, kOldHandle) == 1);
    REQUIRE(matches(db, kTaxCode) == 1);

    auto person = privacy::personAuthors(db.connection(), p.fb);
    REQUIRE(person.ok());
    const privacy::ErasureCounts counts = eraseIn(db, person.value());
    CHECK(counts.authors == 2);
    // His four posts and the company's reply in his thread; the shared thread stays as a whole.
    CHECK(counts.posts == 5);
    CHECK(counts.threads == 3);
    CHECK(counts.decisions == 1);
    CHECK(counts.outbox == 1);
    CHECK(counts.drafts == 1);
    CHECK(counts.notes == 1);
    CHECK(counts.customers == 1);

    // Rows stay: posts, threads, decisions, audit entries, outbox entries, notes, hand-offs.
    CHECK(value(db, QLatin1String(kKeptCounts)).toString() == keptBefore);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts WHERE due_at IS NOT NULL")) == measuredBefore);
    // Nothing of the person is left in any table.
    const QString all = everyValue(db);
    for (const QString &s : p.personStrings()) {
        INFO(s.toStdString());
        CHECK_FALSE(all.contains(s.toLower()));
    }
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM authors WHERE id IN (%1, %2) AND handle = '' AND "
                                   "display_name = '' AND follower_count = 0 AND external_id LIKE 'erased:%'")
                        .arg(p.fb)
                        .arg(p.x)) == 2);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM customers")) == 0);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM customer_identities")) == 0);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM customer_notes")) == 0);
    CHECK(
        count(
            db,
            QStringLiteral("SELECT count(*) FROM author_match_keys WHERE author_id IN (%1, %2)").arg(p.fb).arg(p.x)) ==
        0);
    CHECK(value(db, QStringLiteral("SELECT details FROM audit_log WHERE id = 'a-z'")).toString() ==
          QLatin1String("{\"personal_data_erased\":true}"));
    CHECK(value(db, QStringLiteral("SELECT details FROM audit_log WHERE id = 'a-m'")).toString() ==
          QLatin1String("{\"personal_data_erased\":true}"));
    CHECK(value(db, QStringLiteral("SELECT kind || agent_name FROM decisions WHERE id = 'd-z'")).toString() ==
          QLatin1String("forwardAnna Neri"));
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM outbox WHERE id = 'o-z' AND packet IS NULL AND "
                                   "delivered_at = 2 AND case_reference = 'CASE-z'")) == 1);
    // The shared thread's forward keeps its texts (Luca's) but not the packet that copied his comment.
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM outbox WHERE id = 'o-s' AND packet IS NULL AND text = 'Luca "
                                   "chiede un preventivo'")) == 1);

    // Luca keeps everything: his posts, his thread's decision, outbox, draft, note, audit.
    CHECK(value(db, QStringLiteral("SELECT group_concat(text, '|') FROM (SELECT text FROM posts WHERE author_id = %1 "
                                   "ORDER BY id)")
                        .arg(p.luca))
              .toString() == lucaBefore);
    for (const QString &s : {kDecision, kNote, kDraft, kAnswer, kComplaintNote})
        CHECK(all.contains(lucasCopy(s).toLower()));
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM authors WHERE handle = 'luca.verdi'")) == 1);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM author_match_keys WHERE author_id = %1").arg(p.luca)) == 1);

    // Search: nothing of his, even under the handle his first post was indexed with; Luca's found.
    for (const QString &term :
         {kTaxCode, kOldHandle, kHandle, QStringLiteral("quaglierini"), kXHandle, QStringLiteral("tamponamento"),
          QStringLiteral("ombrellificio"), QStringLiteral("zoltan")}) {
        INFO(term.toStdString());
        CHECK(matches(db, term) == 0);
        CHECK(indexedTerms(db, term) == 0);
    }
    CHECK(matches(db, QStringLiteral("gabbiano")) == 1);
    CHECK(matches(db, QStringLiteral("pellicano")) == 1);
    CHECK(matches(db, QStringLiteral("verdi")) == 2);
    checkFullTextCoversPosts(db);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts_fts_docsize")) ==
          count(db, QStringLiteral("SELECT count(*) FROM posts")));
}

TEST_CASE("A re-import of an erased person's posts brings nothing back", "[privacy]")
{
    Person p;
    Database &db = *p.cache.db;
    auto person = privacy::personAuthors(db.connection(), p.fb);
    REQUIRE(person.ok());
    eraseIn(db, person.value());
    const QString keptBefore = value(db, QLatin1String(kKeptCounts)).toString();

    Ingestor ingestor(db);
    REQUIRE(ingestor.begin().ok());
    for (const PostRecord &post :
         {by(Channel::Facebook, QStringLiteral("fb-t1"), QStringLiteral("fb-p1"), QStringLiteral("fb-zoltan"),
             kOldHandle, kName, "2026-03-02T09:00:00Z", QStringLiteral("Buongiorno, una domanda")),
          by(Channel::Facebook, QStringLiteral("fb-t9"), QStringLiteral("fb-p9"), QStringLiteral("fb-zoltan"), kHandle,
             kName, "2026-03-03T09:00:00Z", kText, Visibility::Private),
          by(Channel::X, QStringLiteral("x-t1"), QStringLiteral("x-p1"), QStringLiteral("x-zoltan"), kXHandle,
             QStringLiteral("ZQ"), "2026-03-03T10:00:00Z", kXText)})
        REQUIRE(ingestor.add(post).ok());
    CHECK(ingestor.counts().postsAdded == 0);
    CHECK(ingestor.counts().postsAlreadyPresent == 3);
    REQUIRE(ingestor.commit().ok());

    CHECK(value(db, QLatin1String(kKeptCounts)).toString() == keptBefore);
    const QString all = everyValue(db);
    for (const QString &s : p.personStrings())
        CHECK_FALSE(all.contains(s.toLower()));
    CHECK(matches(db, kTaxCode) == 0);

    // A new post from the same person is a new contact: a new author, nothing of the old one.
    ingest(db, {by(Channel::Facebook, QStringLiteral("fb-t1"), QStringLiteral("fb-p77"), QStringLiteral("fb-zoltan"),
                   kHandle, kName, "2026-04-02T09:00:00Z", QStringLiteral("Sono tornato, nuova domanda"))});
    const qint64 newAuthor = idOf(db, "authors", QStringLiteral("fb-zoltan"));
    CHECK(newAuthor != p.fb);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts WHERE author_id = %1").arg(newAuthor)) == 1);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM customer_identities WHERE author_id = %1").arg(newAuthor)) ==
          0);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts WHERE author_id = %1 AND text <> ''").arg(p.fb)) == 0);
}

TEST_CASE("Anonymising threads lets go of their posts and of authors left with nothing readable", "[privacy]")
{
    Person p;
    Database &db = *p.cache.db;
    const QString keptBefore = value(db, QLatin1String(kKeptCounts)).toString();
    Transaction transaction(db.connection());
    REQUIRE(transaction.started());
    // Luca's own thread and Zoltan's public one: Luca still has his comment in the shared thread,
    // Zoltan his other posts, so both authors stay as they are.
    auto first = privacy::anonymiseThreads(db.connection(), {p.lucaThread, p.fbThread});
    INFO(first.error().toStdString());
    REQUIRE(first.ok());
    CHECK(first->threads == 2);
    CHECK(first->posts == 3);
    CHECK(first->authors == 0);
    CHECK(first->decisions == 1);
    CHECK(first->drafts == 1);
    CHECK(first->notes == 1);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM authors WHERE handle = 'luca.verdi'")) == 1);
    CHECK(matches(db, QStringLiteral("pellicano")) == 0);
    CHECK(matches(db, QStringLiteral("gabbiano")) == 1);
    // The shared thread: Luca's last readable post goes, so does he; Zoltan keeps his others.
    auto second = privacy::anonymiseThreads(db.connection(), {p.sharedThread});
    REQUIRE(second.ok());
    CHECK(second->authors == 1);
    CHECK(second->posts == 2);
    CHECK(second->customers == 0);
    REQUIRE(transaction.commit().ok());
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM authors WHERE id = %1 AND handle = '' AND external_id LIKE "
                                   "'erased:%'")
                        .arg(p.luca)) == 1);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM author_match_keys WHERE author_id = %1").arg(p.luca)) == 0);
    CHECK(
        count(db,
              QStringLiteral("SELECT count(*) FROM authors WHERE id = %1 AND handle = '%2'").arg(p.fb).arg(kHandle)) ==
        1);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM authors WHERE id = %1 AND is_company = 1 AND handle <> ''")
                        .arg(p.company)) == 1);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM customers")) == 1);
    CHECK(value(db, QLatin1String(kKeptCounts)).toString() == keptBefore);
    CHECK(matches(db, QStringLiteral("gabbiano")) == 0);
    CHECK(matches(db, QStringLiteral("verdi")) == 0);
    CHECK(matches(db, kTaxCode) == 1);
    checkFullTextCoversPosts(db);
}

namespace {

// The whole full-text index: every term of every row at its place, and every row's size.
QString fullTextIndex(Database &db)
{
    exec(db, QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_instances USING fts5vocab(main, posts_fts, "
                            "instance)"));
    return value(db, QStringLiteral("SELECT (SELECT group_concat(doc || ':' || col || ':' || offset || ':' || term, ' ') "
                                    "FROM (SELECT * FROM temp.test_instances ORDER BY doc, col, offset)) || ' | ' || "
                                    "(SELECT group_concat(id || ':' || hex(sz), ' ') FROM (SELECT * FROM "
                                    "posts_fts_docsize ORDER BY id))"))
        .toString();
}

// One transaction of anonymiseThreads, with the terms read ahead or not.
void anonymiseIn(Database &db, const QList<qint64> &threads, privacy::IndexedTerms *indexed)
{
    Transaction transaction(db.connection());
    REQUIRE(transaction.started());
    auto counts = privacy::anonymiseThreads(db.connection(), threads, indexed);
    INFO(counts.error().toStdString());
    REQUIRE(counts.ok());
    REQUIRE(transaction.commit().ok());
}

} // namespace

TEST_CASE("Anonymising threads with their full-text terms read ahead leaves the same index as reading them inside",
          "[privacy]")
{
    Person inside, ahead;
    Database &reference = *inside.cache.db;
    Database &db = *ahead.cache.db;
    REQUIRE(fullTextIndex(reference) == fullTextIndex(db));
    auto terms = privacy::readIndexedTerms(db.connection(), {ahead.lucaThread, ahead.fbThread, ahead.sharedThread});
    INFO(terms.error().toStdString());
    REQUIRE(terms.ok());
    privacy::IndexedTerms indexed = std::move(terms).value();
    // The threads' posts and their authors' other posts (Zoltan's private one, indexed under his
    // old handle; Luca's), never the company's other replies.
    CHECK(indexed.rows.size() == count(db, QStringLiteral("SELECT count(*) FROM posts WHERE thread_id IN (%1, %2, %3) "
                                                          "OR author_id IN (%4, %5)")
                                               .arg(ahead.lucaThread)
                                               .arg(ahead.fbThread)
                                               .arg(ahead.sharedThread)
                                               .arg(ahead.fb)
                                               .arg(ahead.luca)));

    // Luca's thread and Zoltan's public one; then the shared thread, whose anonymisation lets go
    // of Luca and so deletes again the rows of his posts the first transaction wrote.
    anonymiseIn(reference, {inside.lucaThread, inside.fbThread}, nullptr);
    anonymiseIn(db, {ahead.lucaThread, ahead.fbThread}, &indexed);
    CHECK(fullTextIndex(db) == fullTextIndex(reference));
    anonymiseIn(reference, {inside.sharedThread}, nullptr);
    anonymiseIn(db, {ahead.sharedThread}, &indexed);
    CHECK(fullTextIndex(db) == fullTextIndex(reference));
    CHECK(matches(db, QStringLiteral("verdi")) == 0);

    // Terms read ahead that the index no longer holds (Zoltan erased meanwhile, his rows written
    // again empty) are not used: the transaction reads the index itself.
    terms = privacy::readIndexedTerms(db.connection(), {ahead.xThread, ahead.privateThread});
    REQUIRE(terms.ok());
    indexed = std::move(terms).value();
    auto person = privacy::personAuthors(db.connection(), ahead.fb);
    REQUIRE(person.ok());
    eraseIn(reference, person.value());
    eraseIn(db, person.value());
    REQUIRE(fullTextIndex(db) == fullTextIndex(reference));
    anonymiseIn(reference, {inside.xThread, inside.privateThread}, nullptr);
    anonymiseIn(db, {ahead.xThread, ahead.privateThread}, &indexed);
    CHECK(fullTextIndex(db) == fullTextIndex(reference));
    CHECK(indexedTerms(db, kTaxCode) == 0);
    CHECK(indexedTerms(db, kOldHandle) == 0);
    checkFullTextCoversPosts(db);
    exec(db, QStringLiteral("INSERT INTO posts_fts(posts_fts, rank) VALUES('integrity-check', 0)"));
}

namespace {

// Other customers' posts, many and long enough that the pages the person's rows were on split
// and move while the person's rows are still there.
void churn(Database &db, int from, int count)
{
    static const QStringList words{QStringLiteral("polizza"),    QStringLiteral("sinistro"),
                                   QStringLiteral("rimborso"),   QStringLiteral("preventivo"),
                                   QStringLiteral("agenzia"),    QStringLiteral("scadenza"),
                                   QStringLiteral("franchigia"), QStringLiteral("carrozzeria")};
    QVector<PostRecord> posts;
    for (int n = from; n < from + count; ++n) {
        QString text;
        for (int w = 0; w < 12 + n % 30; ++w)
            text += words.at((n * 7 + w * 3) % words.size()) + QLatin1Char(' ') + QString::number(n * 31 + w) +
                    QLatin1Char(' ');
        PostRecord post = by(n % 2 ? Channel::Facebook : Channel::X, QStringLiteral("churn-t%1").arg(n / 3),
                             QStringLiteral("churn-p%1").arg(n), QStringLiteral("churn-a%1").arg(n % 97),
                             QStringLiteral("cliente%1").arg(n % 97), QStringLiteral("Cliente %1").arg(n % 97),
                             "2026-03-06T09:00:00Z", text);
        post.createdAtMs += n * 1000;
        posts << post;
    }
    ingest(db, posts);
}

// The needle in the haystack in any letter case (ASCII), or in UTF-16 either way round.
bool holds(const QByteArray &lowerBytes, const QString &needle)
{
    const QString lower = needle.toLower();
    if (lowerBytes.contains(lower.toUtf8()))
        return true;
    QByteArray le, be;
    for (QChar c : lower) {
        le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
    }
    return lowerBytes.contains(le) || lowerBytes.contains(be);
}

QByteArray cacheBytes(const QString &path)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFileInfo::exists(path + suffix))
            all += fileBytes(path + suffix);
    return all.toLower();
}

} // namespace

TEST_CASE("After erasePerson no byte of the cache, its log or its index holds the person's strings", "[privacy]")
{
    Person p;
    Database &db = *p.cache.db;
    REQUIRE(value(db, QStringLiteral("PRAGMA encoding")).toString() == QLatin1String("UTF-8"));
    // A long post of his (overflow pages), then much more of everybody else's around it.
    churn(db, 0, 1500);
    QString longText = QStringLiteral("Vi riassumo tutto. ");
    while (longText.size() < 9000)
        longText += QStringLiteral("Il perito non risponde e la carrozzeria aspetta. ");
    longText += QStringLiteral("Codice fiscale %1, targa AB123CD.").arg(kTaxCode);
    ingest(db, {by(Channel::Facebook, QStringLiteral("fb-t9"), QStringLiteral("fb-p99"), QStringLiteral("fb-zoltan"),
                   kHandle, kName, "2026-03-07T09:00:00Z", longText, Visibility::Private)});
    churn(db, 1500, 1500);
    exec(db, QStringLiteral("DELETE FROM drafts WHERE thread_id = ?"), {p.lucaThread});

    // His strings, and the tokens the full-text index holds for them (lower case, diacritics
    // folded); an index term is stored after the prefix it shares with the term before it, so its
    // ending is looked for too.
    QStringList needles = p.personStrings();
    needles.removeAll(QStringLiteral("fb-zoltan")); // his id: the platform's, checked through the authors table
    needles.removeAll(QStringLiteral("x-zoltan"));
    const QStringList tokens{kTaxCode,
                             kOldHandle,
                             kHandle,
                             QStringLiteral("quaglierini"),
                             QStringLiteral("tamponamento"),
                             QStringLiteral("ombrellificio"),
                             QStringLiteral("fermissima"),
                             QStringLiteral("pianoforte"),
                             QStringLiteral("bartolomeo"),
                             QStringLiteral("pordenone"),
                             QStringLiteral("parabrezza"),
                             QStringLiteral("xy987zz"),
                             QStringLiteral("ab123cd"),
                             QStringLiteral("99887766")};
    for (const QString &token : tokens)
        needles << token << token.right(std::max(6, int(token.size()) - 3));
    {
        const QByteArray before = cacheBytes(p.cache.path);
        for (const QString &needle : needles) {
            INFO("before: " << needle.toStdString());
            CHECK(holds(before, needle));
        }
    }
    const qint64 auditBefore = count(db, QStringLiteral("SELECT count(*) FROM audit_log"));
    const QString keptBefore = value(db, QLatin1String(kKeptRows)).toString();

    auto erased = privacy::erasePerson(db, QStringLiteral("facebook"), QStringLiteral("fb-zoltan"), kAgent,
                                       QStringLiteral("GDPR article 17"), QStringLiteral("REQ-2026-0042"));
    INFO(erased.error().toStdString());
    REQUIRE(erased.ok());
    CHECK(erased->authors == 2);
    CHECK(erased->posts == 6);

    const QByteArray after = cacheBytes(p.cache.path);
    for (const QString &needle : needles) {
        INFO("after: " << needle.toStdString());
        CHECK_FALSE(holds(after, needle));
    }
    CHECK(QFileInfo(p.cache.path + QStringLiteral("-wal")).size() == 0);
    CHECK(count(db, QStringLiteral("PRAGMA freelist_count")) == 0);
    // Everybody else is still there and found.
    CHECK(value(db, QLatin1String(kKeptRows)).toString() == keptBefore);
    for (const QString &token : tokens)
        CHECK(indexedTerms(db, token) == 0);
    CHECK(matches(db, QStringLiteral("carrozzeria")) > 1000);
    CHECK(matches(db, QStringLiteral("gabbiano")) == 1);
    checkFullTextCoversPosts(db);

    // One audit entry for the erasure: who, why, the request; no thread, nothing erased.
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM audit_log")) == auditBefore + 1);
    QSqlQuery entry(db.connection());
    REQUIRE(entry.exec(QStringLiteral("SELECT agent_id, agent_name, thread_id IS NULL, decision_id IS NULL, details "
                                      "FROM audit_log WHERE action = 'privacy_erasure'")));
    REQUIRE(entry.next());
    CHECK(entry.value(0).toString() == kAgent.id);
    CHECK(entry.value(1).toString() == kAgent.name);
    CHECK(entry.value(2).toBool());
    CHECK(entry.value(3).toBool());
    CHECK(entry.value(4).toString() == QLatin1String("{\"reason\":\"GDPR article 17\",\"request\":\"REQ-2026-0042\"}"));
    CHECK_FALSE(entry.next());
    // His platform ids are gone with him.
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM authors WHERE external_id IN ('fb-zoltan', 'x-zoltan')")) ==
          0);
}

TEST_CASE("Once the cache had its VACUUM, anonymised threads leave no copy in its bytes with a scrub without one",
          "[privacy]")
{
    Person p;
    Database &db = *p.cache.db;
    churn(db, 0, 1500);
    QString longText = QStringLiteral("Vi riassumo tutto. ");
    while (longText.size() < 9000)
        longText += QStringLiteral("Il perito non risponde e la carrozzeria aspetta. ");
    longText += QStringLiteral("Codice fiscale %1, targa AB123CD.").arg(kTaxCode);
    ingest(db, {by(Channel::Facebook, QStringLiteral("fb-t9"), QStringLiteral("fb-p99"), QStringLiteral("fb-zoltan"),
                   kHandle, kName, "2026-03-07T09:00:00Z", longText, Visibility::Private)});
    // The first scrub rewrites the file; from then on every page freed, and every row's bytes
    // moved or deleted, are zeroed by the connection (secure_delete, set at open).
    REQUIRE(privacy::scrubFreedSpace(db, privacy::Vacuum::UntilDone).ok());
    CHECK(value(db, QStringLiteral("SELECT value FROM app_state WHERE key = 'secure_delete_vacuumed'")).toString() ==
          QLatin1String("1"));
    // Much more of everybody else's around his rows, written by another connection (the console's,
    // while retention has its own): pages split and move while his rows are there.
    {
        auto other = Database::open(p.cache.path);
        INFO(other.error().toStdString());
        REQUIRE(other.ok());
        // Every connection zeroes what it deletes (without, the draft below stays in its page).
        CHECK(value(*other.value(), QStringLiteral("PRAGMA secure_delete")).toInt() == 1);
        // In many imports: the full-text index merges its segments, his terms' old ones freed.
        for (int from = 1500; from < 3000; from += 50)
            churn(*other.value(), from, 50);
        // The agent throws his draft away in the console.
        exec(*other.value(), QStringLiteral("DELETE FROM drafts"));
        // And a new post of his under a shorter name: his author row is rewritten in its page.
        ingest(*other.value(), {by(Channel::Facebook, QStringLiteral("fb-t9"), QStringLiteral("fb-p98"),
                                   QStringLiteral("fb-zoltan"), kHandle, QStringLiteral("Z. Q."),
                                   "2026-03-08T09:00:00Z", QStringLiteral("Ancora io"), Visibility::Private)});
    }
    // His and Luca's strings, and the index's terms for them (a term is stored after the prefix it
    // shares with the one before it: its ending is looked for too).
    QStringList needles{kText, kXText, kShared, kReply, kDecision, kNote, kDraft, kHandle, kName, kXHandle};
    // (His old handle, merged into one segment after "zoltanrossi", is stored as "vecchio": the
    // index's own terms are checked for it.)
    CHECK(indexedTerms(db, kOldHandle) == 1);
    for (const QString &token : {kTaxCode, QStringLiteral("quaglierini"), QStringLiteral("tamponamento"),
                                 QStringLiteral("ombrellificio"), QStringLiteral("fermissima"),
                                 QStringLiteral("ab123cd")})
        needles << token << token.right(std::max(6, int(token.size()) - 3));
    {
        const QByteArray before = cacheBytes(p.cache.path);
        for (const QString &needle : needles) {
            INFO("before: " << needle.toStdString());
            CHECK(holds(before, needle));
        }
    }
    const qint64 pages = count(db, QStringLiteral("PRAGMA page_count"));

    // Every thread of his and Luca's, as retention lets them go, then the scheduled scrub.
    anonymiseIn(db, {p.fbThread, p.privateThread, p.xThread, p.sharedThread, p.lucaThread}, nullptr);
    REQUIRE(privacy::scrubFreedSpace(db, privacy::Vacuum::UntilDone).ok());
    // No VACUUM: the pages freed stay in the file, zeroed.
    CHECK(count(db, QStringLiteral("PRAGMA freelist_count")) > 0);
    CHECK(count(db, QStringLiteral("PRAGMA page_count")) >= pages);
    const QByteArray after = cacheBytes(p.cache.path);
    for (const QString &needle : needles) {
        INFO("after: " << needle.toStdString());
        CHECK_FALSE(holds(after, needle));
    }
    CHECK(QFileInfo(p.cache.path + QStringLiteral("-wal")).size() == 0);
    CHECK(indexedTerms(db, kOldHandle) == 0);
    CHECK(matches(db, QStringLiteral("carrozzeria")) > 1000);
    checkFullTextCoversPosts(db);
}

TEST_CASE("erasePerson refuses an unknown author, the company, a missing reason and a cache in a team", "[privacy]")
{
    Person p;
    Database &db = *p.cache.db;
    const QString before = value(db, QLatin1String(kKeptCounts)).toString();
    const qint64 audit = count(db, QStringLiteral("SELECT count(*) FROM audit_log"));
    const auto erase = [&](const char *channel, const char *id, const QString &reason) {
        return privacy::erasePerson(db, QLatin1String(channel), QLatin1String(id), kAgent, reason);
    };
    CHECK(erase("facebook", "nobody", QStringLiteral("request")).errorKind() == ErrorKind::NotFound);
    CHECK(erase("x", "fb-zoltan", QStringLiteral("request")).errorKind() == ErrorKind::NotFound);
    CHECK(erase("facebook", "company", QStringLiteral("request")).errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(erase("facebook", "fb-zoltan", QStringLiteral("  ")).errorKind() == ErrorKind::InvalidInput);
    exec(db,
         QStringLiteral("INSERT INTO app_state(key, value) VALUES('team_url', 'postgresql://team.example/sportello')"));
    auto inTeam = erase("facebook", "fb-zoltan", QStringLiteral("request"));
    CHECK(inTeam.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(inTeam.error().contains(QStringLiteral("team database")));
    CHECK(value(db, QLatin1String(kKeptCounts)).toString() == before);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM audit_log")) == audit);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM authors WHERE external_id = 'fb-zoltan' AND handle = '%1'")
                        .arg(kHandle)) == 1);
}

TEST_CASE("The scrub says so when another connection keeps the log from being emptied", "[privacy]")
{
    Person p;
    Database &db = *p.cache.db;
    {
        QSqlDatabase reader = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("privacy-reader"));
        reader.setDatabaseName(p.cache.path);
        REQUIRE(reader.open());
        QSqlQuery begin(reader);
        REQUIRE(begin.exec(QStringLiteral("BEGIN")));
        QSqlQuery read(reader);
        REQUIRE(read.exec(QStringLiteral("SELECT count(*) FROM posts")));
        REQUIRE(read.next());
        exec(db, QStringLiteral("UPDATE drafts SET text = 'x'"));
        Status busy = privacy::scrubFreedSpace(db);
        CHECK(busy.errorKind() == ErrorKind::Busy);
        read.finish();
        REQUIRE(QSqlQuery(reader).exec(QStringLiteral("COMMIT")));
        reader.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("privacy-reader"));
    Status done = privacy::scrubFreedSpace(db);
    INFO(done.error().toStdString());
    CHECK(done.ok());
    CHECK(QFileInfo(p.cache.path + QStringLiteral("-wal")).size() == 0);
}

TEST_CASE("sportello-cli privacy erase prints the counts and refuses what it cannot erase", "[privacy][cli]")
{
    Person p;
    const QString path = p.cache.path;
    p.cache.db.reset(); // the command opens the cache itself
    const auto cli = [&](QStringList arguments) {
        arguments.prepend(path);
        arguments.prepend(QStringLiteral("--database"));
        return runCli(arguments, {});
    };
    const CliRun missingAgent =
        cli({QStringLiteral("privacy"), QStringLiteral("erase"), QStringLiteral("--author"),
             QStringLiteral("facebook:fb-zoltan"), QStringLiteral("--reason"), QStringLiteral("request")});
    CHECK(missingAgent.exitCode == 2);
    CHECK(missingAgent.err.contains(QStringLiteral("--agent")));
    const CliRun malformed = cli({QStringLiteral("privacy"), QStringLiteral("erase"), QStringLiteral("--author"),
                                  QStringLiteral("fb-zoltan"), QStringLiteral("--reason"), QStringLiteral("request"),
                                  QStringLiteral("--agent"), QStringLiteral("Anna Neri")});
    CHECK(malformed.exitCode == 2);
    const CliRun unknown = cli({QStringLiteral("privacy"), QStringLiteral("erase"), QStringLiteral("--author"),
                                QStringLiteral("facebook:nobody"), QStringLiteral("--reason"),
                                QStringLiteral("request"), QStringLiteral("--agent"), QStringLiteral("Anna Neri")});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.contains(QStringLiteral("There is no author facebook:nobody in this cache.")));

    const CliRun erased = cli({QStringLiteral("privacy"), QStringLiteral("erase"), QStringLiteral("--author"),
                               QStringLiteral("x:x-zoltan"), QStringLiteral("--reason"),
                               QStringLiteral("GDPR article 17"), QStringLiteral("--request"), QStringLiteral("REQ-7"),
                               QStringLiteral("--agent"), QStringLiteral("Anna Neri"), QStringLiteral("--json")});
    INFO(erased.err.toStdString());
    REQUIRE(erased.exitCode == 0);
    CHECK(erased.out.trimmed() ==
          QLatin1String("{\"authors\":2,\"customers\":1,\"decisions\":1,\"drafts\":1,\"notes\":1,\"outbox\":1,"
                        "\"posts\":5,\"threads\":3}"));
    // The same person again: their ids are gone, so they are not found.
    const CliRun again = cli({QStringLiteral("privacy"), QStringLiteral("erase"), QStringLiteral("--author"),
                              QStringLiteral("facebook:fb-zoltan"), QStringLiteral("--reason"),
                              QStringLiteral("request"), QStringLiteral("--agent"), QStringLiteral("Anna Neri")});
    CHECK(again.exitCode == 1);
    const CliRun luca = cli({QStringLiteral("privacy"), QStringLiteral("erase"), QStringLiteral("--author"),
                             QStringLiteral("facebook:fb-luca"), QStringLiteral("--reason"), QStringLiteral("request"),
                             QStringLiteral("--agent"), QStringLiteral("Anna Neri")});
    CHECK(luca.exitCode == 0);
    CHECK(luca.out.startsWith(QStringLiteral("Erased: 1 identities, 2 posts, 1 whole threads")));
    const CliRun scrub = cli({QStringLiteral("privacy"), QStringLiteral("scrub")});
    CHECK(scrub.exitCode == 0);

    auto reopened = Database::open(path);
    REQUIRE(reopened.ok());
    Database &db = *reopened.value();
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'privacy_erasure' AND agent_name = "
                                   "'Anna Neri' AND agent_id = 'cli:Anna Neri'")) == 2);
    // In a team the command erases nothing here: the team's path takes it.
    exec(db, QStringLiteral("INSERT INTO authors(channel, external_id, handle) VALUES('x', 'x-other', 'other')"));
    exec(db, QStringLiteral("INSERT INTO app_state(key, value) VALUES('team_url', 'postgresql://team.example/s')"));
    reopened.value().reset();
    const CliRun team = cli({QStringLiteral("privacy"), QStringLiteral("erase"), QStringLiteral("--author"),
                             QStringLiteral("x:x-other"), QStringLiteral("--reason"), QStringLiteral("request"),
                             QStringLiteral("--agent"), QStringLiteral("Anna Neri")});
    CHECK(team.exitCode == 1);
    CHECK(team.err.contains(QStringLiteral("team database")));
}
