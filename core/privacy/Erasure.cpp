#include "privacy/Erasure.h"

#include "audit/AuditLog.h"
#include "privacy/PrivacyLog.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace sportello::privacy {

namespace {

// The marked rows of one anonymisation, in temporary tables (connection-private, ids only): the
// statements below are set-based over them, whatever the number of threads retention lets go.
constexpr const char *kMarkedAuthors = "temp.privacy_authors";
constexpr const char *kMarkedThreads = "temp.privacy_threads";
constexpr const char *kMarkedPosts = "temp.privacy_posts";

// A random (version 4) UUID in SQLite's own terms, evaluated per row.
const char *const kSqlUuid = "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
                             "substr(lower(hex(randomblob(2))), 2) || '-' || "
                             "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || "
                             "'-' || lower(hex(randomblob(6))))";

// app_state: the cache had a VACUUM since its connections zero what they delete (Vacuum::UntilDone).
const char *const kVacuumedKey = "secure_delete_vacuumed";

// What an audit entry on an anonymised thread keeps of its details.
const char *const kErasedDetails = "'{\"personal_data_erased\":true}'";

Result<qint64> run(const QSqlDatabase &db, const QString &statement, const QVariantList &binds = {})
{
    QSqlQuery q(db);
    if (Status s = sql::prepare(q, statement); !s)
        return s.failure();
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return static_cast<qint64>(std::max(0, q.numRowsAffected()));
}

Result<QList<qint64>> ids(const QSqlDatabase &db, const QString &statement, const QVariantList &binds = {})
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (Status s = sql::prepare(q, statement); !s)
        return s.failure();
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QList<qint64> out;
    while (q.next())
        out << q.value(0).toLongLong();
    return out;
}

QString jsonIds(const QList<qint64> &list) { return sql::jsonIdList(QVector<qint64>(list.cbegin(), list.cend())); }

Status resetMarks(const QSqlDatabase &db)
{
    for (const char *table : {kMarkedAuthors, kMarkedThreads, kMarkedPosts}) {
        const QString name = QLatin1String(table);
        if (Status s = sql::exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS %1(id INTEGER PRIMARY KEY)").arg(name));
            !s)
            return s;
        if (Status s = sql::exec(db, QStringLiteral("DELETE FROM %1").arg(name)); !s)
            return s;
    }
    return {};
}

Status secureDelete(const QSqlDatabase &db)
{
    // Zeroes the bytes of deleted rows inside their pages and the pages freed, as SQLite writes
    // them (to the write-ahead log first, then the file at the checkpoint).
    return sql::exec(db, QStringLiteral("PRAGMA secure_delete = ON"));
}

constexpr const char *kFullTextInstances = "temp.privacy_fts_instances";

Status createInstancesTable(const QSqlDatabase &db)
{
    return sql::exec(db, QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS %1 USING fts5vocab(main, posts_fts, "
                                        "instance)")
                             .arg(QLatin1String(kFullTextInstances)));
}

// The terms of the rows of the posts in `postTable` (a table of ids), from one pass over `instances`
// (an fts5vocab 'instance' table), added to `into`.
Status readTerms(const QSqlDatabase &db, const QString &instances, const QString &postTable, IndexedTerms &into)
{
    QSqlQuery tokens(db);
    tokens.setForwardOnly(true);
    if (Status s = sql::prepare(tokens, QStringLiteral("SELECT doc, col, term FROM %1 WHERE doc IN (SELECT rowid FROM "
                                                       "%2) ORDER BY doc, col, offset")
                                            .arg(instances, postTable));
        !s)
        return s;
    if (Status s = sql::exec(tokens); !s)
        return s;
    qint64 current = -1;
    while (tokens.next()) {
        const qint64 doc = tokens.value(0).toLongLong();
        IndexedTerms::Row &row = into.rows[doc];
        if (doc != current) {
            // A row read again replaces what was known of it.
            row = {};
            current = doc;
        }
        (tokens.value(1).toString() == QLatin1String("author") ? row.author : row.text) << tokens.value(2).toString();
    }
    return {};
}

// The number of terms in each column of a full-text row: FTS5's docsize record, one SQLite
// varint per column.
QList<qint64> columnSizes(const QByteArray &record)
{
    QList<qint64> sizes;
    qsizetype i = 0;
    while (i < record.size()) {
        quint64 value = 0;
        int bytes = 0;
        for (; i < record.size(); ++bytes) {
            const auto byte = static_cast<quint8>(record.at(i++));
            if (bytes == 8) { // the ninth byte gives all its 8 bits
                value = (value << 8) | byte;
                break;
            }
            value = (value << 7) | (byte & 0x7f);
            if (!(byte & 0x80))
                break;
        }
        sizes << static_cast<qint64>(value);
    }
    return sizes;
}

// A private full-text table with posts_fts's tokenizer, in the temporary schema, and its
// instances: what a text tokenizes to, at the cost of that text alone.
Status createTokenizer(const QSqlDatabase &db)
{
    for (const QString &statement :
         {QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.privacy_tokens USING fts5(text, author, "
                         "tokenize='unicode61 remove_diacritics 2')"),
          QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.privacy_tokens_instances USING fts5vocab(temp, "
                         "privacy_tokens, instance)"),
          QStringLiteral("DELETE FROM temp.privacy_tokens")})
        if (Status s = sql::exec(db, statement); !s)
            return s;
    return {};
}

// Whether the rows' terms, joined by spaces, tokenize to themselves again.
Result<bool> tokenizeToThemselves(const QSqlDatabase &db, const QList<qint64> &docs, const IndexedTerms &terms)
{
    if (Status s = createTokenizer(db); !s)
        return s.failure();
    QSqlQuery write(db);
    if (Status s = sql::prepare(write, QStringLiteral("INSERT INTO temp.privacy_tokens(rowid, text, author) "
                                                      "VALUES(?, ?, ?)"));
        !s)
        return s.failure();
    IndexedTerms again;
    for (qint64 doc : docs) {
        const IndexedTerms::Row row = terms.rows.value(doc);
        write.addBindValue(doc);
        write.addBindValue(row.text.join(QLatin1Char(' ')));
        write.addBindValue(row.author.join(QLatin1Char(' ')));
        if (Status s = sql::exec(write); !s)
            return s.failure();
        again.rows.insert(doc, {});
    }
    if (Status s = readTerms(db, QStringLiteral("temp.privacy_tokens_instances"), QStringLiteral("temp.privacy_tokens"),
                             again);
        !s)
        return s.failure();
    if (Status s = sql::exec(db, QStringLiteral("DELETE FROM temp.privacy_tokens")); !s)
        return s.failure();
    for (qint64 doc : docs) {
        const IndexedTerms::Row told = terms.rows.value(doc), read = again.rows.value(doc);
        if (told.text != read.text || told.author != read.author)
            return false;
    }
    return true;
}

// The full-text rows of the marked posts are deleted with the exact tokens the index holds for
// them. posts_fts is contentless: FTS5 deletes a row by being told its indexed values again, and
// an author's handle and name may have changed since its post was indexed (the Ingestor's upsert
// keeps the newest), so the values stored now are not always those indexed; telling the old
// row's tokens from the index itself (fts5vocab, one pass over the index) removes exactly them.
// `indexed`, when given, holds tokens read before (readIndexedTerms): they are used when every
// marked row is in it with the number of terms per column the index records for it (posts are
// never edited in place, so a row's terms change only when it is written again, and then its
// size almost always changes too); otherwise the pass is made here, and its tokens noted in it.
// True when the index had to be emptied instead (every post's row is then to be written again).
Result<bool> deleteFullTextRows(const QSqlDatabase &db, IndexedTerms *indexed)
{
    if (Status s = createInstancesTable(db); !s)
        return s.failure();
    QSqlQuery sizes(db);
    sizes.setForwardOnly(true);
    if (Status s = sql::prepare(sizes, QStringLiteral("SELECT id, sz FROM posts_fts_docsize WHERE id IN (SELECT id "
                                                      "FROM %1) ORDER BY id")
                                           .arg(QLatin1String(kMarkedPosts)));
        !s)
        return s.failure();
    if (Status s = sql::exec(sizes); !s)
        return s.failure();
    QList<qint64> docs;
    bool known = indexed != nullptr;
    while (sizes.next()) {
        const qint64 doc = sizes.value(0).toLongLong();
        docs << doc;
        if (!known)
            continue;
        const auto row = indexed->rows.constFind(doc);
        const QList<qint64> counts = columnSizes(sizes.value(1).toByteArray());
        known = row != indexed->rows.cend() && counts.size() == 2 && counts.at(0) == row->text.size() &&
                counts.at(1) == row->author.size();
    }
    sizes.finish();
    if (docs.isEmpty())
        return false;
    IndexedTerms readHere;
    IndexedTerms &terms = indexed ? *indexed : readHere;
    if (!known) {
        if (indexed)
            qCDebug(lcPrivacy) << "full-text terms read ahead do not match the index: reading them again";
        // A row without any term has no instance to read: it is known empty.
        for (qint64 doc : std::as_const(docs))
            terms.rows.insert(doc, {});
        if (Status s = readTerms(db, QLatin1String(kFullTextInstances), QLatin1String(kMarkedPosts), terms); !s)
            return s.failure();
    }
    // The tokens are told folded and separated by spaces: they must tokenize to themselves, in
    // order, or the deletion would miss some (and corrupt the index). That is checked first on a
    // private copy of the tokenizer, at the cost of the batch's rows, not of the index; if one does
    // not, the whole index is written again from the posts as they are now.
    auto sameTokens = tokenizeToThemselves(db, docs, terms);
    if (!sameTokens)
        return sameTokens.failure();
    if (!*sameTokens) {
        qCWarning(lcPrivacy) << "full-text terms that do not tokenize to themselves - rebuilding the index";
        if (Status s = sql::exec(db, QStringLiteral("INSERT INTO posts_fts(posts_fts) VALUES('delete-all')")); !s)
            return s.failure();
        if (indexed)
            indexed->rows.clear();
        return true;
    }
    QSqlQuery remove(db);
    if (Status s = sql::prepare(remove, QStringLiteral("INSERT INTO posts_fts(posts_fts, rowid, text, author) "
                                                       "VALUES('delete', ?, ?, ?)"));
        !s)
        return s.failure();
    for (qint64 doc : std::as_const(docs)) {
        const IndexedTerms::Row row = terms.rows.value(doc);
        remove.addBindValue(doc);
        remove.addBindValue(row.text.join(QLatin1Char(' ')));
        remove.addBindValue(row.author.join(QLatin1Char(' ')));
        if (Status s = sql::exec(remove); !s)
            return s.failure();
    }
    return false;
}

// Notes in `indexed` the terms of the marked posts' rows as writeFullTextRows wrote them, tokenized
// the way posts_fts tokenizes (a private copy of its tokenizer in the temporary schema), so a later
// transaction can delete them again without reading the index.
Status noteWrittenTerms(const QSqlDatabase &db, IndexedTerms &indexed)
{
    if (Status s = createTokenizer(db); !s)
        return s;
    if (Status s = sql::exec(db, QStringLiteral("INSERT INTO temp.privacy_tokens(rowid, text, author) SELECT p.id, "
                                                "p.text, a.handle || ' ' || a.display_name FROM posts p JOIN authors a "
                                                "ON a.id = p.author_id WHERE p.id IN (SELECT id FROM %1)")
                                     .arg(QLatin1String(kMarkedPosts)));
        !s)
        return s;
    // Every marked row is written again, an empty one included.
    auto written = ids(db, QStringLiteral("SELECT id FROM %1").arg(QLatin1String(kMarkedPosts)));
    if (!written)
        return written.failure();
    for (qint64 id : std::as_const(*written))
        indexed.rows.insert(id, {});
    if (Status s = readTerms(db, QStringLiteral("temp.privacy_tokens_instances"), QLatin1String(kMarkedPosts), indexed);
        !s)
        return s;
    return sql::exec(db, QStringLiteral("DELETE FROM temp.privacy_tokens"));
}

// Writes the full-text rows of the marked posts again from what they hold now (an empty text, an
// erased author's empty names), so that every post keeps its row (as the Ingestor and salvage
// keep it); or every post's, when deleteFullTextRows had to empty the index (`everyPost`).
Status writeFullTextRows(const QSqlDatabase &db, bool everyPost)
{
    const QString which =
        everyPost ? QString() : QStringLiteral("WHERE p.id IN (SELECT id FROM %1)").arg(QLatin1String(kMarkedPosts));
    return sql::exec(db, QStringLiteral("INSERT INTO posts_fts(rowid, text, author) SELECT p.id, p.text, "
                                        "a.handle || ' ' || a.display_name FROM posts p JOIN authors a ON a.id = "
                                        "p.author_id %1")
                             .arg(which));
}

// Anonymises what the temporary tables mark: the posts, the authors and the threads as a whole.
// `wholeCustomers`: the marked authors' customers go with everything they have (one person);
// otherwise only the marked authors' links go, and a customer left with none (retention).
Result<ErasureCounts> anonymiseMarked(const QSqlDatabase &db, bool wholeCustomers, IndexedTerms *indexed = nullptr)
{
    ErasureCounts counts;
    const QString authors = QStringLiteral("SELECT id FROM %1").arg(QLatin1String(kMarkedAuthors));
    const QString threads = QStringLiteral("SELECT id FROM %1").arg(QLatin1String(kMarkedThreads));
    const QString posts = QStringLiteral("SELECT id FROM %1").arg(QLatin1String(kMarkedPosts));
    const QString threadDecisions = QStringLiteral("SELECT id FROM decisions WHERE thread_id IN (%1)").arg(threads);

    QElapsedTimer timer;
    timer.start();
    auto emptied = deleteFullTextRows(db, indexed);
    qCDebug(lcPrivacy) << "full-text rows deleted in" << timer.restart() << "ms";
    if (!emptied)
        return emptied.failure();

    auto customers = ids(db, QStringLiteral("SELECT DISTINCT customer_id FROM customer_identities WHERE author_id IN "
                                            "(%1)")
                                 .arg(authors));
    if (!customers)
        return customers.failure();
    const QString customerList = jsonIds(*customers);

    struct Step {
        Step(QString text, QVariantList values = {}, qint64 *counted = nullptr) // NOLINT(google-explicit-constructor)
            : statement(std::move(text)), binds(std::move(values)), count(counted)
        {}
        QString statement;
        QVariantList binds;
        qint64 *count;
    };
    QList<Step> steps{
        // Moderation notes and audit details on the marked posts themselves, found by their
        // platform ids, in whatever thread (one shared with others included).
        {QStringLiteral(
             "UPDATE moderation_requests SET note = NULL WHERE note IS NOT NULL AND (channel, comment_id) IN "
             "(SELECT channel, external_id FROM posts WHERE id IN (%1))")
             .arg(posts)},
        {QStringLiteral("UPDATE audit_log SET details = %1 WHERE action IN ('comment_hidden', 'comment_unhidden') AND "
                        "thread_id IN (SELECT thread_id FROM posts WHERE id IN (%2)) AND "
                        "CASE WHEN json_valid(details) THEN json_extract(details, '$.post_id') END IN (SELECT "
                        "external_id FROM posts WHERE id IN (%2))")
             .arg(QLatin1String(kErasedDetails), posts)},
        // A hand-off packet copies every post of its thread with its author: a forward in a thread
        // shared with others holds the person's posts too. An undelivered entry's packet is built
        // again, from the anonymised posts, at its next attempt.
        {QStringLiteral("UPDATE outbox SET packet = NULL WHERE packet IS NOT NULL AND decision_id IN (SELECT id FROM "
                        "decisions WHERE thread_id IN (SELECT thread_id FROM posts WHERE id IN (%1)))")
             .arg(posts)},
        {QStringLiteral("UPDATE posts SET text = '', classifier_cues = NULL WHERE id IN (%1) AND (text <> '' OR "
                        "classifier_cues IS NOT NULL)")
             .arg(posts),
         {},
         &counts.posts},
        {QStringLiteral("UPDATE authors SET handle = '', display_name = '', follower_count = 0, external_id = "
                        "'erased:' || %1 WHERE id IN (%2)")
             .arg(QLatin1String(kSqlUuid), authors),
         {},
         &counts.authors},
        {QStringLiteral("DELETE FROM author_match_keys WHERE author_id IN (%1)").arg(authors)},
        // The threads as a whole.
        {QStringLiteral("UPDATE decisions SET text = '' WHERE thread_id IN (%1) AND text <> ''").arg(threads),
         {},
         &counts.decisions},
        {QStringLiteral("UPDATE outbox SET text = CASE WHEN text IS NULL THEN NULL ELSE '' END, sent_text = CASE WHEN "
                        "sent_text IS NULL THEN NULL ELSE '' END, packet = NULL, review_comment = NULL, last_error = "
                        "NULL WHERE decision_id IN (%1)")
             .arg(threadDecisions),
         {},
         &counts.outbox},
        {QStringLiteral("DELETE FROM drafts WHERE thread_id IN (%1)").arg(threads), {}, &counts.drafts},
        {QStringLiteral("UPDATE notes SET text = '', mentions = '[]' WHERE thread_id IN (%1)").arg(threads),
         {},
         &counts.notes},
        {QStringLiteral("UPDATE handoffs SET answer = NULL WHERE thread_id IN (%1) AND answer IS NOT NULL")
             .arg(threads)},
        {QStringLiteral("UPDATE handoff_updates SET answer = NULL WHERE answer IS NOT NULL AND outbox_id IN (SELECT id "
                        "FROM outbox WHERE decision_id IN (%1))")
             .arg(threadDecisions)},
        {QStringLiteral("UPDATE complaints SET resolution_note = '' WHERE thread_id IN (%1) AND resolution_note <> ''")
             .arg(threads)},
        {QStringLiteral("UPDATE moderation_requests SET note = NULL WHERE note IS NOT NULL AND (channel, "
                        "thread_external_id) IN (SELECT channel, external_id FROM threads WHERE id IN (%1))")
             .arg(threads)},
        {QStringLiteral("UPDATE audit_log SET details = %1 WHERE thread_id IN (%2) AND details <> %1")
             .arg(QLatin1String(kErasedDetails), threads)},
    };
    // The customer card. A customer's notes and identities go before the customer (foreign keys).
    if (wholeCustomers) {
        steps << Step{QStringLiteral(
                          "DELETE FROM customer_notes WHERE customer_id IN (SELECT value FROM json_each(?))"),
                      {customerList}}
              << Step{QStringLiteral("DELETE FROM customer_identities WHERE customer_id IN (SELECT value FROM "
                                     "json_each(?))"),
                      {customerList}};
    } else {
        steps << Step{QStringLiteral("DELETE FROM customer_identities WHERE author_id IN (%1)").arg(authors)}
              << Step{QStringLiteral("DELETE FROM customer_notes WHERE customer_id IN (SELECT value FROM json_each(?)) "
                                     "AND customer_id NOT IN (SELECT customer_id FROM customer_identities)"),
                      {customerList}};
    }
    steps << Step{QStringLiteral("DELETE FROM customers WHERE id IN (SELECT value FROM json_each(?)) AND id NOT IN "
                                 "(SELECT customer_id FROM customer_identities)"),
                  {customerList},
                  &counts.customers};
    for (const Step &step : steps) {
        auto changed = run(db, step.statement, step.binds);
        if (!changed)
            return changed.failure();
        if (step.count)
            *step.count = *changed;
        qCDebug(lcPrivacy) << timer.restart() << "ms:" << step.statement.left(60);
    }
    if (Status s = writeFullTextRows(db, *emptied); !s)
        return s.failure();
    if (indexed && !*emptied)
        if (Status s = noteWrittenTerms(db, *indexed); !s)
            return s.failure();
    auto threadCount = sql::scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(kMarkedThreads)));
    if (!threadCount)
        return threadCount.failure();
    counts.threads = threadCount->toLongLong();
    if (Status s = resetMarks(db); !s)
        return s.failure();
    return counts;
}

} // namespace

QString authorKey(const QString &channel, const QString &externalId)
{
    const QByteArray bytes = (channel + QLatin1Char('\n') + externalId).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Result<QList<qint64>> authorsByKeys(const QSqlDatabase &db, const QStringList &keys)
{
    if (keys.isEmpty())
        return QList<qint64>{};
    QSet<QString> wanted;
    for (const QString &key : keys)
        wanted.insert(key.toLower());
    // SQLite has no SHA-256 of its own: the keys are computed here, over the authors not erased yet.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (Status s = sql::prepare(q, QStringLiteral("SELECT id, channel, external_id FROM authors WHERE external_id NOT "
                                                  "LIKE 'erased:%' ORDER BY id"));
        !s)
        return s.failure();
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QList<qint64> found;
    while (q.next())
        if (wanted.contains(authorKey(q.value(1).toString(), q.value(2).toString())))
            found << q.value(0).toLongLong();
    return found;
}

Result<QList<qint64>> personAuthors(const QSqlDatabase &db, qint64 authorId)
{
    auto exists = ids(db, QStringLiteral("SELECT id FROM authors WHERE id = ?"), {authorId});
    if (!exists)
        return exists.failure();
    if (exists->isEmpty())
        return Error{QCoreApplication::translate("Privacy", "There is no author %1 in this cache.").arg(authorId),
                     ErrorKind::NotFound};
    auto linked =
        ids(db,
            QStringLiteral("SELECT author_id FROM customer_identities WHERE customer_id = (SELECT customer_id "
                           "FROM customer_identities WHERE author_id = ?) UNION SELECT ? ORDER BY 1"),
            {authorId, authorId});
    return linked;
}

Result<QStringList> personKeys(const QSqlDatabase &db, qint64 authorId)
{
    auto person = personAuthors(db, authorId);
    if (!person)
        return person.failure();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT channel, external_id, is_company FROM authors WHERE id "
                                                      "IN (SELECT value FROM json_each(?)) ORDER BY id"));
        !s)
        return s.failure();
    query.addBindValue(jsonIds(*person));
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QStringList keys;
    while (query.next()) {
        if (query.value(2).toBool())
            return Error{QCoreApplication::translate("Privacy", "%1:%2 is the company's own account, not a person.")
                             .arg(query.value(0).toString(), query.value(1).toString()),
                         ErrorKind::RefusedByPolicy};
        keys << authorKey(query.value(0).toString(), query.value(1).toString());
    }
    return keys;
}

Result<ErasureCounts> anonymiseAuthors(const QSqlDatabase &db, const QList<qint64> &authorIds, IndexedTerms *indexed)
{
    if (Status s = secureDelete(db); !s)
        return s.failure();
    if (Status s = resetMarks(db); !s)
        return s.failure();
    const QString marked = QLatin1String(kMarkedAuthors);
    const QList<std::pair<QString, QVariantList>> marks{
        {QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT a.id FROM authors a WHERE a.id IN (SELECT value FROM "
                        "json_each(?))")
             .arg(marked),
         {jsonIds(authorIds)}},
        // The threads that are the person's as a whole: every inbound post theirs (and at least one).
        {QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT DISTINCT p.thread_id FROM posts p WHERE p.author_id IN "
                        "(SELECT id FROM %2) AND NOT EXISTS (SELECT 1 FROM posts o WHERE o.thread_id = p.thread_id "
                        "AND o.direction = 'inbound' AND o.author_id NOT IN (SELECT id FROM %2)) AND EXISTS (SELECT 1 "
                        "FROM posts i WHERE i.thread_id = p.thread_id AND i.direction = 'inbound')")
             .arg(QLatin1String(kMarkedThreads), marked),
         {}},
        {QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT id FROM posts WHERE author_id IN (SELECT id FROM %2)")
             .arg(QLatin1String(kMarkedPosts), marked),
         {}},
        // In those threads, the company's replies too: they answer, and so name, the person.
        {QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT id FROM posts WHERE thread_id IN (SELECT id FROM %2)")
             .arg(QLatin1String(kMarkedPosts), QLatin1String(kMarkedThreads)),
         {}},
    };
    for (const auto &[statement, binds] : marks)
        if (auto done = run(db, statement, binds); !done)
            return done.failure();
    return anonymiseMarked(db, true, indexed);
}

Result<IndexedTerms> readIndexedTerms(const QSqlDatabase &db, const QList<qint64> &threadIds)
{
    if (Status s = createInstancesTable(db); !s)
        return s.failure();
    const QString posts = QStringLiteral("temp.privacy_read_posts");
    for (const QString &statement : {QStringLiteral("CREATE TABLE IF NOT EXISTS %1(id INTEGER PRIMARY KEY)").arg(posts),
                                     QStringLiteral("DELETE FROM %1").arg(posts)})
        if (Status s = sql::exec(db, statement); !s)
            return s.failure();
    // The threads' posts and their authors' other posts (whose rows carry the authors' names), in
    // one statement: one snapshot of the cache.
    const QString threads = jsonIds(threadIds);
    if (auto marked = run(db,
                          QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT p.id FROM posts p WHERE p.thread_id IN "
                                         "(SELECT value FROM json_each(?)) UNION SELECT o.id FROM posts o WHERE "
                                         "o.author_id IN (SELECT p.author_id FROM posts p JOIN authors a ON a.id = "
                                         "p.author_id WHERE a.is_company = 0 AND p.thread_id IN (SELECT value FROM "
                                         "json_each(?)))")
                              .arg(posts),
                          {threads, threads});
        !marked)
        return marked.failure();
    IndexedTerms terms;
    // A row without any term (an empty text and author) is known too: it has no instance to read.
    auto marked = ids(db, QStringLiteral("SELECT id FROM %1").arg(posts));
    if (!marked)
        return marked.failure();
    terms.rows.reserve(marked->size());
    for (qint64 id : std::as_const(*marked))
        terms.rows.insert(id, {});
    if (Status s = readTerms(db, QLatin1String(kFullTextInstances), posts, terms); !s)
        return s.failure();
    if (Status s = sql::exec(db, QStringLiteral("DELETE FROM %1").arg(posts)); !s)
        return s.failure();
    return terms;
}

Result<ErasureCounts> anonymiseThreads(const QSqlDatabase &db, const QList<qint64> &threadIds, IndexedTerms *indexed)
{
    if (Status s = secureDelete(db); !s)
        return s.failure();
    if (Status s = resetMarks(db); !s)
        return s.failure();
    const QString threads = QLatin1String(kMarkedThreads);
    const QString posts = QLatin1String(kMarkedPosts);
    const QList<std::pair<QString, QVariantList>> marks{
        {QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT id FROM threads WHERE id IN (SELECT value FROM "
                        "json_each(?))")
             .arg(threads),
         {jsonIds(threadIds)}},
        {QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT id FROM posts WHERE thread_id IN (SELECT id FROM %2)")
             .arg(posts, threads),
         {}},
        // Their authors left with nothing readable elsewhere; never the company's own account.
        {QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT DISTINCT a.id FROM authors a JOIN posts p ON "
                        "p.author_id = a.id WHERE p.id IN (SELECT id FROM %2) AND a.is_company = 0 AND NOT EXISTS "
                        "(SELECT 1 FROM posts o WHERE o.author_id = a.id AND o.text <> '' AND o.id NOT IN (SELECT id "
                        "FROM %2))")
             .arg(QLatin1String(kMarkedAuthors), posts),
         {}},
        // Their other posts (already without text) carry their names in the full-text index.
        {QStringLiteral("INSERT OR IGNORE INTO %1(id) SELECT id FROM posts WHERE author_id IN (SELECT id FROM %2)")
             .arg(posts, QLatin1String(kMarkedAuthors)),
         {}},
    };
    for (const auto &[statement, binds] : marks)
        if (auto done = run(db, statement, binds); !done)
            return done.failure();
    return anonymiseMarked(db, false, indexed);
}

Status scrubFreedSpace(Database &database, Vacuum vacuum)
{
    const QSqlDatabase db = database.connection();
    if (Status s = secureDelete(db); !s)
        return s;
    // One segment: no older segment keeps an erased term (or the tombstone that hides it). The
    // segments it replaces are freed, and so zeroed.
    if (Status s = sql::exec(db, QStringLiteral("INSERT INTO posts_fts(posts_fts) VALUES('optimize')")); !s)
        return s;
    bool rewrite = vacuum == Vacuum::Always;
    if (!rewrite) {
        auto done = sql::scalar(db, QStringLiteral("SELECT count(*) FROM app_state WHERE key = '%1'")
                                        .arg(QLatin1String(kVacuumedKey)));
        if (!done)
            return done.failure();
        rewrite = done->toLongLong() == 0;
    }
    // The file written again without free pages, then the log emptied and truncated: VACUUM in WAL
    // mode writes the new pages to the log, and the checkpoint copies them into the file.
    if (rewrite) {
        if (Status s = sql::exec(db, QStringLiteral("VACUUM")); !s)
            return s;
        // Recorded before the checkpoint, which then takes it into the file with the rest; a
        // checkpoint refused now leaves the VACUUM's pages in the log, the next scrub's to copy.
        if (Status s = sql::exec(db, QStringLiteral("INSERT OR REPLACE INTO app_state(key, value) VALUES('%1', '1')")
                                         .arg(QLatin1String(kVacuumedKey)));
            !s)
            return s;
    }
    QSqlQuery checkpoint(db);
    if (Status s = sql::prepare(checkpoint, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !s)
        return s;
    if (Status s = sql::exec(checkpoint); !s)
        return s;
    if (!checkpoint.next() || checkpoint.value(0).toInt() != 0)
        return Error{QCoreApplication::translate("Privacy", "Another program is reading the cache, so its write-ahead "
                                                            "log could not be emptied: close it and run the scrub "
                                                            "again (sportello-cli privacy scrub)."),
                     ErrorKind::Busy};
    return {};
}

Result<bool> inTeam(const QSqlDatabase &db)
{
    auto found = sql::scalar(db, QStringLiteral("SELECT count(*) FROM app_state WHERE key = 'team_url'"));
    if (!found)
        return found.failure();
    return found->toLongLong() > 0;
}

Result<ErasureCounts> erasePerson(Database &database, const QString &channel, const QString &externalId,
                                  const Agent &by, const QString &reason, const QString &request)
{
    if (reason.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Privacy", "Give the reason for the erasure (for example the "
                                                            "request it answers)."),
                     ErrorKind::InvalidInput};
    const QSqlDatabase db = database.connection();
    auto team = inTeam(db);
    if (!team)
        return team.failure();
    if (*team)
        return Error{QCoreApplication::translate("Privacy", "This cache is in a team: the erasure goes through the "
                                                            "team database, so that every desktop applies it."),
                     ErrorKind::RefusedByPolicy};
    if (Status s = secureDelete(db); !s)
        return s.failure();
    // The full-text terms of the person's posts, read before the transaction (a pass over the
    // whole index) so that it holds the write lock for the person's rows only; the transaction
    // finds the person again and checks these terms against the index.
    IndexedTerms indexed;
    {
        auto author = ids(db, QStringLiteral("SELECT id FROM authors WHERE channel = ? AND external_id = ?"),
                          {channel, externalId});
        if (!author)
            return author.failure();
        if (!author->isEmpty()) {
            auto linked = personAuthors(db, author->first());
            if (!linked)
                return linked.failure();
            auto threads = ids(db, QStringLiteral("SELECT DISTINCT thread_id FROM posts WHERE author_id IN (SELECT "
                                                  "value FROM json_each(?))"),
                               {jsonIds(*linked)});
            if (!threads)
                return threads.failure();
            auto terms = readIndexedTerms(db, *threads);
            if (!terms)
                return terms.failure();
            indexed = std::move(terms).value();
        }
    }
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    QSqlQuery find(db);
    if (Status s = sql::prepare(find, QStringLiteral("SELECT id, is_company FROM authors WHERE channel = ? AND "
                                                     "external_id = ?"));
        !s)
        return s.failure();
    find.addBindValue(channel);
    find.addBindValue(externalId);
    if (Status s = sql::exec(find); !s)
        return s.failure();
    if (!find.next())
        return Error{
            QCoreApplication::translate("Privacy", "There is no author %1:%2 in this cache.").arg(channel, externalId),
            ErrorKind::NotFound};
    const qint64 authorId = find.value(0).toLongLong();
    const bool company = find.value(1).toBool();
    find.finish();
    if (company)
        return Error{QCoreApplication::translate("Privacy", "%1:%2 is the company's own account, not a person.")
                         .arg(channel, externalId),
                     ErrorKind::RefusedByPolicy};
    auto person = personAuthors(db, authorId);
    if (!person)
        return person.failure();
    auto counts = anonymiseAuthors(db, *person, &indexed);
    if (!counts)
        return counts.failure();
    // Who, when and why; never what: no id, handle or count that would say whom.
    QJsonObject details{{QStringLiteral("reason"), reason.trimmed()}};
    if (!request.trimmed().isEmpty())
        details.insert(QStringLiteral("request"), request.trimmed());
    if (Status s = appendAudit(
            db, {QDateTime::currentMSecsSinceEpoch(), by, QStringLiteral("privacy_erasure"), 0, QString(), details});
        !s)
        return s.failure();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    qCInfo(lcPrivacy) << "erasure:" << counts->authors << "authors," << counts->posts << "posts," << counts->threads
                      << "threads";
    if (Status s = scrubFreedSpace(database); !s)
        return s.failure().withMessage(
            QCoreApplication::translate("Privacy", "The person's data was erased, but the free space could not be "
                                                   "scrubbed yet: %1")
                .arg(s.error()));
    return std::move(counts).value();
}

} // namespace sportello::privacy
