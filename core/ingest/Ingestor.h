#pragma once
// The one path by which posts enter the cache, from importers and (later) connectors.
// A batch is one transaction: begin(), add() any number of posts, commit(); destroying an
// uncommitted Ingestor rolls everything back.

#include "classify/Classifier.h"
#include "common/Result.h"
#include "ingest/PostRecord.h"
#include "storage/Statement.h"
#include "timers/ResponsePolicy.h"

#include <QHash>
#include <QSet>
#include <memory>

namespace sportello {

class Database;
class Transaction;

class Ingestor {
public:
    struct Counts {
        int postsAdded = 0;
        int postsAlreadyPresent = 0; // same channel, id and thread: left as is
        int postsInOtherThread = 0;  // the id is already stored in another thread: left where it is
        int threadsTouched = 0;
    };

    explicit Ingestor(Database &database);
    ~Ingestor();

    // What add() did with the post it was given last.
    struct Added {
        enum Kind { New, AlreadyPresent, InOtherThread } kind = New;
        QString storedThread; // for AlreadyPresent and InOtherThread: the thread the post is in
    };

    Status begin();
    // Adds one post. A post already in the cache (same channel and external id) is left as is and
    // its thread is neither created nor touched, also when the post names another thread. A post
    // whose ids or texts break the rules of ingest/PostRules.h is refused (InvalidInput).
    Status add(const PostRecord &post);
    // Recomputes the waiting state of every thread the batch touched, then commits.
    Status commit();
    void rollback();

    const Counts &counts() const { return m_counts; }
    const Added &lastAdded() const { return m_lastAdded; }

private:
    // An author as stored: its row id and the text its posts' full-text rows index (handle and
    // name, NULL when either is NULL, as SQL's || gives it).
    struct StoredAuthor {
        qint64 id = -1;
        QString ftsText;
    };
    Result<StoredAuthor> author(const PostRecord &post);
    Result<qint64> threadId(const PostRecord &post);
    // Looks the post up; when stored, counts it as already present or in another thread and
    // says true.
    Result<bool> storedThreadOf(const QString &channel, const PostRecord &post);
    Status addPost(const PostRecord &post);
    // Stores what the platform said of hiding the post, for a new post and a stored one alike.
    Status noteModeration(const PostRecord &post);
    Status flushFts();
    void releaseQueries();

    Database &m_database;
    std::unique_ptr<Transaction> m_transaction;
    // Prepared once per batch on the raw SQLite handle: the import runs them for every post.
    sql::Statement m_insertAuthor, m_insertThread, m_findThread, m_findPost, m_insertPost, m_insertFts,
        m_noteModeration;
    QHash<QString, StoredAuthor> m_authors; // "channel\x1fexternal id" -> the stored author
    QHash<QString, qint64> m_threadIds;
    // The full-text rows of the posts added since the last flush. They are written in runs:
    // every statement that runs in a statement savepoint (an upsert, RETURNING, a trigger) makes
    // FTS5 write its pending terms as a new segment, so rows written one by one between such
    // statements would leave a tiny segment per post (3 to 5 times slower imports). Bounded, so
    // memory stays flat.
    struct PendingFts {
        qint64 postId = 0;
        QString text;
        QString author;
    };
    static constexpr int kFtsChunk = 2048;
    QVector<PendingFts> m_pendingFts;
    QSet<qint64> m_touchedThreads;
    ResponsePolicy m_policy;
    Classifier m_classifier;
    Counts m_counts;
    Added m_lastAdded;
};

} // namespace sportello
