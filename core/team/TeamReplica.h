#pragma once
// The desktop's cache as a replica of its team database (docs/team.md). Two directions:
//
// - push: the decisions taken here (team_state 'to_push') go up with their outbox and audit
//   entries, in one PostgreSQL transaction, idempotent by UUID (a crash between the team's commit
//   and the local mark re-pushes harmlessly); what the team made of each (accepted, or held
//   because a colleague decided that post first) is written back locally. Notes written here go
//   up in the same transaction, each in a savepoint: one the team refuses for good is kept
//   locally as 'refused' instead of holding back the rest.
// - pull: the feed sportello.changes after the position the cache holds, page by page, each
//   page one SQLite transaction together with the new position. A change that cannot apply yet
//   waits in team_deferred and is retried on every pull; a malformed page is refused whole and
//   the position does not move.
//
// Every failure leaves the cache as it was. Same thread as the cache's connection.

#include "common/Result.h"
#include "team/TeamMembership.h"
#include "team/TeamPrivacy.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>
#include <memory>

class QSqlDriver;

namespace sportello {
class Clock;
class Database;
namespace accounts {
class TokenStore;
}
} // namespace sportello

namespace sportello::team {

struct PushReport {
    int decisions = 0; // went up (or were already there)
    int held = 0;      // of those, held: a colleague decided the post first
    int audits = 0;    // audit entries that went up
    int shared = 0;    // policies, settings and saved replies changed here that went up
    int notes = 0;     // notes written here that went up (or were already there)
    int notesRefused = 0; // notes the team refused for good, kept here as 'refused'
    int customerChanges = 0; // customers, identity links and customer notes that went up
    int customerChangesRefused = 0; // refused for good (a login that may not share customers), kept here
    int handoffUpdates = 0;        // customer care's reports recorded here that went up
    int handoffUpdatesRefused = 0; // refused by the team for good, kept here as 'refused'
    int moderation = 0;   // moderation requests for the hub that went up (or were already there)
    int accessRecords = 0; // who opened or exported personal data here (team schema 9) that went up
};

struct PullReport {
    int changes = 0; // changes of the feed read and applied or deferred
    int pages = 0;
    int deferred = 0; // waiting in team_deferred after this pull
    int erasures = 0; // erasures of a person's data applied before the feed (team schema 8)
    qint64 position = 0;
    // Threads (ids in this cache) whose hand-off changed by a report of customer care that came
    // down: the console tells the agent and refreshes them as when a report is recorded here.
    QVector<qint64> handoffThreads;
};

struct SyncReport {
    PushReport push;
    PullReport pull;
    QStringList errors; // empty when everything went through
    bool ok() const { return errors.isEmpty(); }
};

// What `team status` shows. Offline (no connection) the team's side is unknown (-1).
struct ReplicaStatus {
    TeamMembership membership;
    bool online = false;
    QString offlineReason;
    qint64 headPosition = -1; // the feed's last seq
    qint64 changesBehind = -1;
    qint64 oldestMissingAgeMs = -1; // age of the oldest change not yet held; 0 when caught up
    int decisionsToPush = 0;
    int auditsToPush = 0;
    int heldDecisions = 0;
    int deferredChanges = 0;
    int notesToPush = 0;
    int notesRefused = 0; // refused by the team for good, kept on this desktop
    int handoffUpdatesToPush = 0;  // customer care's reports recorded here, not yet up
    int handoffUpdatesRefused = 0; // refused by the team for good, kept on this desktop
    int accessRecordsToPush = 0;   // access records written here, not yet up
};

class TeamReplica {
public:
    // `keychain` may be null: the password then comes from the environment variable the
    // membership names, or from libpq (PGPASSWORD, ~/.pgpass).
    TeamReplica(Database &cache, const Clock &clock, accounts::TokenStore *keychain = nullptr);
    ~TeamReplica();
    TeamReplica(const TeamReplica &) = delete;
    TeamReplica &operator=(const TeamReplica &) = delete;

    // Joins the cache to a team: connects as `login` (the URL's user is replaced) with
    // `password`, checks the schema version and that the login is on the team, and stores the
    // membership (position 0: the first pull brings everything). A cache already joined to
    // another team is refused. Does not pull.
    static Result<TeamMembership> join(Database &cache, const TeamUrl &url, const QString &login,
                                       const QString &passwordEnv, const QString &password, qint64 nowMs);
    // Forgets the team; the cache stays readable. Returns how many decisions had not gone up.
    static Result<int> leave(Database &cache);

    // Rows of the feed read per page (default 500).
    void setPageSize(int rows);

    // Opens the connection (once; again after a failure) and checks the database is the team's.
    Status connect();
    void disconnect();
    bool isConnected() const;
    // The open connection's driver (for LISTEN: TeamLink subscribes to the feed's channel);
    // nullptr when not connected.
    QSqlDriver *connectionDriver() const;
    // The open connection itself (TeamLink runs the console's claims, next and reviews on it);
    // an invalid QSqlDatabase when not connected.
    QSqlDatabase teamDatabase() const;

    Result<PushReport> push();
    // Pulls the feed. The team's erasures not applied here yet go first (applyTeamErasures).
    Result<PullReport> pull();
    // Only the erasures: connects and applies those not applied here yet (the console at start,
    // before it shows the queue; `privacy erase` in a team, right after the team recorded it).
    Result<ErasureCatchUp> applyErasures();
    // Push, then pull until caught up. A connection that cannot be opened is the error; a push
    // or pull that fails afterwards is reported in `errors` (the other direction still runs).
    Result<SyncReport> syncOnce();
    // Local figures always; the team's when a connection opens.
    Result<ReplicaStatus> status();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sportello::team
