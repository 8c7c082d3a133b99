#pragma once
// Pieces of TeamReplica shared by its files (TeamReplica.cpp: connection, pull loop, status;
// TeamPush.cpp: decisions up; TeamFeedApply.cpp: the feed's changes into the cache). Not part
// of the module's interface.

#include "common/Result.h"
#include "team/TeamReplica.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

namespace sportello {
class Clock;
class Database;
class Ingestor;
} // namespace sportello

namespace sportello::team {

// What the outbox entry of a held decision says: who decided the post first, and what.
QString heldMessage(const QString &firstAgent, const QString &firstKind, qint64 firstDecidedAtMs);
// The same from the first decision as the cache holds it (a colleague's comes down the feed
// first); a generic message when the cache does not hold it yet.
QString heldMessageFromCache(const QSqlDatabase &cache, const QString &firstDecisionId);

// Pushes every decision, audit entry and note the cache marked 'to_push' (see TeamReplica::push).
Result<PushReport> pushToTeam(const QSqlDatabase &cache, const QSqlDatabase &team);
// The policies, settings and saved replies changed in this cache (team_outgoing, schema 11), in
// one transaction of the team database; returns how many went up. A login that may not change
// them (an agent's) is refused: the notes are dropped and the refusal returned once.
Result<int> pushShared(const QSqlDatabase &cache, const QSqlDatabase &team);
// The hand-off reports recorded in this cache (handoff_updates 'to_push', cache schema 21), with
// their audit entries, in one transaction of the team database, each in a savepoint: one the team
// refuses for good (an external login outside its scope, a forward the team does not hold) is
// kept here as 'refused'. Returns how many went up. The desktops push them with their decisions;
// the hub, which records care's answers to the hand-offs it delivers, after each delivery.
struct HandoffPush {
    int pushed = 0;
    int refused = 0;
};
Result<HandoffPush> pushHandoffUpdates(const QSqlDatabase &cache, const QSqlDatabase &team);
// The access records written in this cache (access_log 'to_push', cache schema 29) in one
// transaction of the team database (TeamAccessLog.cpp); returns how many went up. Refused for
// good (a login without the grant), they stay on this desktop only.
Result<int> pushAccessRecords(const QSqlDatabase &cache, const QSqlDatabase &team);

// One change of the feed.
struct FeedChange {
    qint64 seq = 0;
    QString kind;
    QString op; // "upsert" or "delete"
    QString rowText;
    QJsonObject row;
};

// Applies changes of the feed to the cache, inside the page's transaction (which the Ingestor
// holds: posts go through the ingest path).
class FeedApplier {
public:
    FeedApplier(Database &cache, Ingestor &ingestor, const Clock &clock);
    // Parses row text; a row that is not a JSON object is Corrupt.
    static Result<FeedChange> parse(qint64 seq, const QString &kind, const QString &op, const QString &rowText);
    // Applies one change, or puts it in team_deferred when it cannot apply yet. A malformed
    // change or an unknown kind is an error (the page is refused).
    Status apply(const FeedChange &change);
    // Tries the deferred changes again, in feed order; those that apply leave team_deferred.
    Status retryDeferred();
    int deferredNow() const { return m_deferred; }
    // The threads whose hand-off a report of this page (or a deferred one) changed.
    const QVector<qint64> &handoffThreads() const { return m_handoffThreads; }

private:
    enum class Outcome { Applied, NotYet };
    Result<Outcome> applyOne(const FeedChange &change);
    Result<Outcome> applyPost(const FeedChange &change);
    Result<Outcome> applyDecision(const FeedChange &change);
    static bool isUnderReview(const QString &state);
    Result<Outcome> rethinkThreadOf(const QString &decisionId);
    Result<Outcome> applyOutbox(const FeedChange &change);
    Result<Outcome> applyAudit(const FeedChange &change);
    Result<Outcome> applyPolicy(const FeedChange &change);
    Result<Outcome> applySetting(const FeedChange &change);
    Result<Outcome> applySavedReply(const FeedChange &change);
    Result<Outcome> applyAccount(const FeedChange &change);
    Result<Outcome> applyAgent(const FeedChange &change);
    Result<Outcome> applyNote(const FeedChange &change);
    Result<Outcome> applyHandoffUpdate(const FeedChange &change);
    Status defer(const FeedChange &change);

    Database &m_cache;
    const Clock &m_clock;
    QSqlDatabase m_db;
    Ingestor &m_ingestor;
    int m_deferred = 0;
    QVector<qint64> m_handoffThreads;
};

} // namespace sportello::team
