#pragma once
// Erasure of personal data from the cache (docs/privacy.md, "Erasure"): one person on request
// (`sportello-cli privacy erase`), or the threads the retention policy lets go. Posts, threads and
// decisions are anonymised, never deleted: their rows, times, categories and timers stay, so the
// queue's history, the decisions and the reports' figures stay exactly as they were; only what
// names or describes the person goes (texts, handle, name, the platform's user id, the customer
// card). Platform ids of posts and threads stay: they stop a re-sync from importing the erased posts
// again, and say nothing without their text and author.

#include "common/Result.h"
#include "domain/Agent.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace sportello {
class Database;
}

namespace sportello::privacy {

// What an anonymisation changed. `threads` counts the threads anonymised as a whole (every inbound
// post the person's, or named by the caller); `customers` the customer cards deleted.
struct ErasureCounts {
    qint64 authors = 0, posts = 0, threads = 0, decisions = 0, outbox = 0, drafts = 0, notes = 0, customers = 0;
};

// The key a team knows an author by without its platform id: lower-case hex SHA-256 of the UTF-8
// of `channel + "\n" + externalId`.
QString authorKey(const QString &channel, const QString &externalId);

// The cache's authors whose key (authorKey of their channel and external id) is one of `keys`;
// authors already erased have no key any more. Ascending ids.
Result<QList<qint64>> authorsByKeys(const QSqlDatabase &db, const QStringList &keys);

// The person an author is: the author and every author linked to the same customer. NotFound when
// there is no such author. Ascending ids.
Result<QList<qint64>> personAuthors(const QSqlDatabase &db, qint64 authorId);

// The team keys of the person an author is (personAuthors), for an erasure through the team
// database, which is never sent a platform id. RefusedByPolicy for the company's own account.
Result<QStringList> personKeys(const QSqlDatabase &db, qint64 authorId);

// The terms the full-text index holds for some posts, by post id and column, in order. Deleting a
// post's row from the contentless index takes exactly these terms, and reading them takes one pass
// over the whole index (fts5vocab cannot seek by document: about a second at a million posts), so
// a caller that anonymises many threads reads them once, before its write transactions
// (readIndexedTerms), instead of once per transaction with the cache's write lock held.
struct IndexedTerms {
    struct Row {
        QStringList text, author;
    };
    QHash<qint64, Row> rows;
};

// Anonymises these authors and everything that is theirs, inside the caller's transaction (no
// audit entry; the caller records why): their posts; the threads where every inbound post is
// theirs as a whole (the company's replies, decisions' texts, outbox texts and packets, drafts,
// internal notes, hand-off answers, moderation notes, complaint notes, audit details); their
// customer card (customer, identities, notes) and match keys; their full-text rows. Turns on
// PRAGMA secure_delete for the connection first (it stays on for the connection's life), so the
// pages freed and the bytes of the rows rewritten are zeroed.
// `indexed`: as for anonymiseThreads below (readIndexedTerms of the threads of their posts).
Result<ErasureCounts> anonymiseAuthors(const QSqlDatabase &db, const QList<qint64> &authorIds,
                                       IndexedTerms *indexed = nullptr);

// The indexed terms of the posts of these threads and of every other post of their authors (not
// the company's): all the rows anonymiseThreads may delete for them. A read: run it outside any
// write transaction.
Result<IndexedTerms> readIndexedTerms(const QSqlDatabase &db, const QList<qint64> &threadIds);

// Anonymises these threads as a whole (retention), inside the caller's transaction: all their
// posts and what belongs to the threads, as above, and the authors of their posts who are left
// with no readable post elsewhere (with their match keys and customer links; a customer left with
// no identity goes with its notes). The company's own author is never anonymised.
// With `indexed` (readIndexedTerms of these threads, or of more), the full-text rows are deleted
// with those terms when they still match the index (each row's number of terms per column, read by
// post id); otherwise, or for a post they lack, the terms are read from the index as without it.
// The rows written again are noted in `indexed`, so it stays valid for the next transactions.
Result<ErasureCounts> anonymiseThreads(const QSqlDatabase &db, const QList<qint64> &threadIds,
                                       IndexedTerms *indexed = nullptr);

// Whether scrubFreedSpace rewrites the whole file.
enum class Vacuum {
    Always,
    // Only while the cache has not had one since its connections zero what they delete (PRAGMA
    // secure_delete, set by Database at every open; app_state 'secure_delete_vacuumed' records the
    // VACUUM): from then on no free page can hold a copy, and the file is not rewritten (seconds
    // on a large cache, with the write lock held). Retention's scheduled runs.
    UntilDone,
};

// After the anonymising transaction committed: merges the full-text index into one segment (no
// older segment keeps an erased term), rewrites the file (VACUUM: no free page keeps a copy, see
// Vacuum) and checkpoints the write-ahead log, truncating it (no frame keeps one). Busy when
// another connection reads the cache: the erasure stands, the scrub must be run again once it is
// closed.
Status scrubFreedSpace(Database &db, Vacuum vacuum = Vacuum::Always);

// The whole erasure of one person alone (a cache in a team is refused: there the erasure goes
// through the team database): the person of the author `channel:externalId`, anonymised in one
// transaction with one audit entry `privacy_erasure` (by `by`, details: the reason and the
// request's reference, never what was erased), then scrubFreedSpace. NotFound for an unknown
// author, RefusedByPolicy for the company's own account or a cache in a team, InvalidInput for an
// empty reason.
Result<ErasureCounts> erasePerson(Database &db, const QString &channel, const QString &externalId, const Agent &by,
                                  const QString &reason, const QString &request = QString());

// Whether the cache is joined to a team (app_state holds `team_url`).
Result<bool> inTeam(const QSqlDatabase &db);

} // namespace sportello::privacy
