#pragma once
// Erasure and retention in team mode (team schema 8; docs/privacy.md, "Team mode").
//
// An erasure goes through the team database (sportello.erase_person): it anonymises the person
// there, rewrites the feed's rows that carried their data, and records the erasure by author keys
// only. Every replica applies the erasures it has not applied yet to its own cache before it
// applies anything else of the feed (applyTeamErasures, called by TeamReplica::pull), so a desktop
// offline at the time applies it when it reconnects, before it shows anything the feed brings.
//
// The team's retention policy (its setting 'retention_policy') is applied to the team database by
// the hub once a day (sportello.apply_retention), and by `sportello-cli privacy retention --team`.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace sportello {
class Database;
}

namespace sportello::team {

// What one erasure changed in the team database.
struct TeamErasureCounts {
    QString erasureId;
    qint64 seq = 0; // its position among the erasures (sportello.erasures.seq)
    qint64 authors = 0, posts = 0, threads = 0, decisions = 0, outbox = 0, notes = 0, customers = 0;
};

// Erases the person whose author keys are given (privacy::authorKey of channel and platform id:
// the database is never sent a platform id) with every author linked to the same customer, for
// `reason` (required; never the person's name: it is read by everyone who reads the audit) and an
// optional reference of the request. One transaction; RefusedByPolicy for a login that may not
// erase (only admins, and the data protection role).
Result<TeamErasureCounts> erasePersonInTeam(const QSqlDatabase &team, const QStringList &authorKeys,
                                            const QString &reason, const QString &request);

struct TeamRetentionCounts {
    bool policySet = false; // false: the team has no retention policy, nothing expires
    qint64 threads = 0, posts = 0, authors = 0, auditEntries = 0;
    qint64 accessRecords = 0; // access records older than access_log_months (team schema 9)
};

// Applies the team's retention policy to the team database, or with dryRun counts what it would
// change and changes nothing. A run goes in transactions of at most `batchThreads` threads (the
// oldest first; 0: all in one), each holding the feed's lock only for its own batch, and returns
// the sums; a failure leaves the batches before it applied. RefusedByPolicy for a login other
// than an admin or a hub.
inline constexpr int kRetentionBatchThreads = 2000;
Result<TeamRetentionCounts> applyTeamRetention(const QSqlDatabase &team, bool dryRun,
                                               int batchThreads = kRetentionBatchThreads);

// What a replica's catch-up applied.
struct ErasureCatchUp {
    int erasures = 0;     // erasures read from the team and applied here
    qint64 through = 0;   // the last one's seq (app_state 'team_erasures_through')
    qint64 authors = 0;   // authors of this cache anonymised
    qint64 posts = 0;     // posts of this cache anonymised
    qint64 customers = 0; // customers of this cache deleted
};

// Reads the erasures recorded after the last one this cache applied and applies them, in one
// cache transaction together with the new mark: the person's authors here (found by their keys,
// with every author linked to them by this cache's own customer links) are anonymised
// (privacy::anonymiseAuthors), the customers the erasure names are deleted, and the changes still
// waiting in team_deferred take their row as the team's feed holds it now (rewritten by the
// erasure; gone, for the erased customers'). Then the cache's freed space is scrubbed
// (privacy::scrubFreedSpace) when anything changed. Nothing to apply: the cache is not written.
Result<ErasureCatchUp> applyTeamErasures(Database &cache, const QSqlDatabase &team);

} // namespace sportello::team
