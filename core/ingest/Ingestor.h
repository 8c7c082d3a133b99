#pragma once
// The one path by which posts enter the cache, from importers and (later) connectors.
// A batch is one transaction: begin(), add() any number of posts, commit(); destroying an
// uncommitted Ingestor rolls everything back.

#include "classify/Classifier.h"
#include "common/Result.h"
#include "ingest/PostRecord.h"
#include "timers/ResponsePolicy.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>
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
    Result<qint64> authorId(const PostRecord &post);
    Result<qint64> threadId(const PostRecord &post);
    void releaseQueries();

    Database &m_database;
    std::unique_ptr<Transaction> m_transaction;
    QSqlQuery m_insertAuthor, m_findAuthor, m_insertThread, m_findThread, m_findPost, m_insertPost;
    QHash<QString, qint64> m_authorIds; // "channel\x1fexternal id" -> row id
    QHash<QString, qint64> m_threadIds;
    QSet<qint64> m_touchedThreads;
    ResponsePolicy m_policy;
    Classifier m_classifier;
    Counts m_counts;
    Added m_lastAdded;
};

} // namespace sportello
