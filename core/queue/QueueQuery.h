#pragma once
// Read side of the triage console: the queue of threads (filtered, sorted and paged in SQL),
// a thread's conversation, and the status-bar counts. The UI reads only through this API.

#include "common/Result.h"
#include "domain/Domain.h"

#include <QSet>
#include <QString>
#include <QVector>
#include <optional>

namespace sportello {

class Database;

struct QueueFilter {
    std::optional<Channel> channel;
    std::optional<Category> category;
    // Waiting by default; nullopt lists every thread.
    std::optional<ThreadStatus> status = ThreadStatus::Waiting;
    // Free text, matched as word prefixes against post text and author names (FTS5).
    QString search;
    // App-store reviews: the star rating of the thread's latest rated post, 1 to 5, within these
    // bounds (inclusive; an absent bound is 1 or 5). Set, it lists rated threads only.
    std::optional<int> minRating;
    std::optional<int> maxRating;
};

// Urgency: time left, then category (complaint, assistance, non-negative), then the author's reach.
enum class QueueSort { Urgency, Age, Channel, Author, Category, LastActivity };

struct QueueRow {
    qint64 threadId = 0;
    Channel channel = Channel::Facebook;
    ThreadStatus status = ThreadStatus::Waiting;
    std::optional<Category> category;
    QString authorHandle;
    QString authorName;
    qint64 authorFollowers = 0;
    QString preview; // the first words of the waiting (or latest inbound) post
    Visibility visibility = Visibility::Public;
    qint64 waitingSinceMs = 0;  // 0 when not waiting
    qint64 dueAtMs = 0;         // 0 when not waiting
    qint64 dueSoonAtMs = 0;     // 0 when not waiting
    qint64 targetMs = 0;        // the target of the post that sets the thread's timer
    bool businessClock = false; // that target counts business time
    qint64 timerArrivedMs = 0;  // arrival of the post that sets the thread's timer
    qint64 lastActivityMs = 0;
    bool hasDraft = false; // an unsent reply is stored for the thread
    QString externalId;    // the thread's id on its channel (how the team names it, with the channel)
    int rating = 0;        // app-store reviews: the latest star rating (what the filter uses), 0 when none
};

struct PostView {
    qint64 id = 0;
    QString externalId;
    Direction direction = Direction::Inbound;
    Visibility visibility = Visibility::Public;
    qint64 createdAtMs = 0;
    QString text;
    QString authorHandle;
    QString authorName;
    qint64 authorFollowers = 0;
    std::optional<Category> category;
    qint64 dueAtMs = 0;     // inbound only
    qint64 dueSoonAtMs = 0; // inbound only
    qint64 targetMs = 0;    // inbound only
    bool businessClock = false;
    qint64 answeredAtMs = 0;          // inbound only, 0 while waiting
    QString categorySource;           // import, classifier or agent
    double classifierConfidence = -1; // -1 when the category did not come from the classifier
    QStringList classifierCues;
    bool likelySpam = false;
    QString language; // "it", "en" or empty when unknown
    QString inReplyTo;           // the platform id of the post this one answers; empty for a thread's first post
    bool hidden = false;         // hidden on Facebook or Instagram (post_moderation)
    std::optional<bool> canHide; // what the platform said at the last sync; unset: it did not say
    // Team mode: the newest moderation request for the hub on this comment (team/TeamModeration.h):
    // its state (pending, in_progress, done, failed; empty when none), action and explanation.
    QString moderationState;
    bool moderationHide = true;
    QString moderationExplanation;
    int rating = 0;   // app-store reviews: the star rating, 1 to 5; 0 when none
};

struct DecisionView {
    QString id;
    DecisionKind kind = DecisionKind::ReplyPublic;
    std::optional<CloseReason> closeReason;
    QString text;
    QString agentName;
    qint64 decidedAtMs = 0;
};

struct ThreadDetail {
    qint64 id = 0;
    Channel channel = Channel::Facebook;
    QString externalId;
    ThreadStatus status = ThreadStatus::Waiting;
    std::optional<Category> category;
    qint64 waitingSinceMs = 0;
    qint64 dueAtMs = 0;
    qint64 dueSoonAtMs = 0;
    QString caseReference; // of the latest forward to customer care, when one was given
    // Forwarded, and customer care resolved the hand-off since the agent's last decision: the
    // thread may be decided again (outbox::handoffAwaitsAgent; docs/handoff.md).
    bool backFromCare = false;
    QVector<PostView> posts;         // oldest first
    QVector<DecisionView> decisions; // oldest first
};

// A thread found by a reference a person typed (its number, or a channel id of one of its posts).
struct ThreadMatch {
    qint64 id = 0;
    Channel channel = Channel::Facebook;
    ThreadStatus status = ThreadStatus::Waiting;
    QString authorHandle; // of the thread's first inbound post
    QString preview;      // its first words
};

struct QueueCounts {
    int waiting = 0;
    int dueSoon = 0;
    int overdue = 0;
};

// How page() finds the threads of a search in the waiting queue by urgency. Auto walks the queue
// in due order for a common word and sorts the matches of a rare one; the others force a way
// (tests compare them, the console benchmark times them).
enum class SearchPlan { Auto, SortMatches, WalkUrgency };

class QueueQuery {
public:
    explicit QueueQuery(Database &database) : m_database(database) {}
    void setSearchPlan(SearchPlan plan) { m_searchPlan = plan; }

    Result<QVector<QueueRow>> page(const QueueFilter &filter, QueueSort sort, bool ascending, int offset,
                                   int limit) const;
    Result<ThreadDetail> thread(qint64 threadId) const;
    // Which of these threads the filter still lists (one query, whatever their number).
    Result<QSet<qint64>> listed(const QueueFilter &filter, const QSet<qint64> &threadIds) const;
    // Due soon and overdue come from the stored due-soon and due times of each thread's timer.
    Result<QueueCounts> counts(qint64 nowMs) const;
    // The threads a reference names: the thread whose number it is, the thread whose channel id it
    // is, and the threads holding a post with that channel id (on `channel` only, when given, for
    // the number too). "#42" names only thread number 42.
    // Several matches mean the reference is ambiguous; none, that it is unknown. Ordered by id.
    Result<QVector<ThreadMatch>> findThreads(const QString &reference,
                                             std::optional<Channel> channel = std::nullopt) const;
    // Total number of threads in the cache; an empty cache is offered the demo.
    Result<qint64> threadCount() const;

    // Turns what a person typed into a safe FTS5 query: every word a quoted prefix term.
    static QString ftsQuery(const QString &typed);
    // The statement listed() runs for a filter, and the filter's values (bound after the ids).
    static QString listedStatement(const QueueFilter &filter, QVariantList *binds = nullptr);
    // The statement a search by urgency walks (threads in due order, each with its posts' ids),
    // and the filter's values.
    static QString searchWalkStatement(const QueueFilter &filter, QVariantList *binds = nullptr);

private:
    // The threads of a page of a search by urgency in the waiting queue, and the threads due at
    // the same moment as its last (in no particular order); nullopt when sorting the matches is
    // the cheaper way (a rare word, or threads without a due time at the page's end).
    Result<std::optional<QVector<qint64>>> searchWalk(const QueueFilter &filter, int offset, int limit) const;
    Result<QVector<QueueRow>> pageRows(const QString &from, const QStringList &where, const QVariantList &binds,
                                       const QString &order, int offset, int limit) const;

    Database &m_database;
    SearchPlan m_searchPlan = SearchPlan::Auto;
};

} // namespace sportello
