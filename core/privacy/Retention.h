#pragma once
// The retention policy (docs/privacy.md, "Retention"): how long the cache keeps the personal data
// of closed threads, of complaints, the audit trail and the access records. Expired threads are
// anonymised (privacy/Erasure.h: rows, times and measures stay, so reports keep their figures);
// expired audit entries and access records are deleted. The policy is the team's in a team (a
// setting like the guard's, in app_state 'retention_policy', that goes up with the push and comes
// down the feed), the desktop's alone.

#include "common/Result.h"
#include "domain/Agent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <atomic>

class QSqlDatabase;

namespace sportello {
class Database;
}

namespace sportello::privacy {

struct RetentionPolicy {
    int closedThreadsMonths = 24;
    int complaintMonths = 120;
    int auditMonths = 120;
    int accessLogMonths = 60;

    bool operator==(const RetentionPolicy &) const = default;
};

// The app_state key (alone) and team setting key (in a team) that hold the policy as JSON.
inline constexpr char kRetentionPolicyKey[] = "retention_policy";
// The longest limit accepted: a hundred years. More is a typing mistake, not a policy.
inline constexpr int kMaxRetentionMonths = 1200;

// Reads a policy from JSON: an object whose keys are among closed_threads_months,
// complaint_months, audit_months and access_log_months, each a whole number of months from 1 to
// kMaxRetentionMonths; a key left out takes its default. Refused (InvalidInput, saying which key
// and why): not JSON, not an object, an unknown key, a value that is not a whole number or is out
// of range, and complaint_months shorter than closed_threads_months (a complaint is a closed
// thread that must be kept longer, never shorter).
Result<RetentionPolicy> parseRetentionPolicy(const QByteArray &json);
// Checks a policy built in code (the settings page, the command line's options) the same way.
Status validateRetentionPolicy(const RetentionPolicy &policy);
QJsonObject retentionPolicyObject(const RetentionPolicy &policy);
QByteArray retentionPolicyJson(const RetentionPolicy &policy); // compact, keys in a fixed order

// The stored policy, or the defaults when none is stored. A stored value that no longer parses
// is an error (Corrupt): retention does not guess what a damaged policy meant.
Result<RetentionPolicy> readRetentionPolicy(const QSqlDatabase &db);
// Whether a policy is stored (false: the defaults apply).
Result<bool> retentionPolicyStored(const QSqlDatabase &db);
// Stores the policy, with an audit entry 'retention_policy_changed' (before and after), in one
// transaction. In a team the change goes up with the next push (cache schema 30); whether this
// agent may change it (a supervisor or an administrator) is the caller's check, as for the guard.
Status writeRetentionPolicy(const QSqlDatabase &db, const RetentionPolicy &policy, const Agent &by, qint64 nowMs);

// The times before which each kind of data has expired at `nowMs`: `months` calendar months
// before it, in UTC. Data exactly at a limit is kept.
struct RetentionCutoffs {
    qint64 closedThreads = 0;
    qint64 complaints = 0;
    qint64 audit = 0;
    qint64 accessLog = 0;
};
RetentionCutoffs retentionCutoffs(const RetentionPolicy &policy, qint64 nowMs);

struct RetentionCounts {
    qint64 threads = 0;            // threads whose posts are (or would be) anonymised
    qint64 posts = 0;              // their posts
    qint64 authors = 0;            // authors left with no readable post
    qint64 auditEntries = 0;       // audit entries deleted
    qint64 accessRecords = 0;      // access records deleted
    // Whether the freed space was scrubbed (privacy::scrubFreedSpace). False when another
    // connection held the cache (the console's own while the schedule runs): the anonymised rows
    // were rewritten with secure_delete on, and the scrub is tried again at the next run.
    bool scrubbed = false;

    QJsonObject toJson() const;
};

// The threads that have expired at `nowMs`, in id order: not waiting, with a readable post left
// (not anonymised already), no reply still on its way (an outbox entry pending, sending, of
// unknown outcome or held), no complaint still open, and a last activity (the latest of their
// last post and their last answer or decision) older than the limit: complaint_months for a
// thread with a complaint (category 'complaint' or a complaints row), closed_threads_months for
// the others. Reads threads_by_activity's range below the later of the two limits.
Result<QList<qint64>> expiredThreads(const QSqlDatabase &db, const RetentionPolicy &policy, qint64 nowMs);

// The statement expiredThreads runs (named parameters :upper, :complaints, :closed), for a test
// of its plan and for benchmarks.
QString expiredThreadsStatement();

// What a run at `nowMs` would anonymise and delete; changes nothing.
Result<RetentionCounts> dryRunRetention(const QSqlDatabase &db, const RetentionPolicy &policy, qint64 nowMs);

struct RetentionRunOptions {
    // Threads anonymised per transaction: each transaction holds the cache's write lock, so the
    // console's own writes (a decision, a sync) wait at most one batch. On the million-post cache
    // a batch of 200 threads takes under 0.1 s, its full-text terms read ahead (readAheadThreads;
    // BENCHMARKS.md, "Privacy (issue 19): retention").
    int batchThreads = 200;
    // Threads whose posts' full-text terms are read at once, before their batches' transactions
    // (privacy::readIndexedTerms: one pass over the whole index, about a second at a million
    // posts, whatever the number of threads), so no transaction reads the index itself.
    int readAheadThreads = 5000;
    // Scrub the freed space afterwards (privacy::scrubFreedSpace: FTS merge, checkpoint, and
    // VACUUM until the cache has had one, Vacuum::UntilDone) when the
    // run changed anything. Tests of the counts alone may turn it off.
    bool scrubFreedSpace = true;
    // Checked between batches: a run stopped early keeps the batches it committed and records
    // what it did.
    const std::atomic<bool> *cancelled = nullptr;
};

// Notes that the cache's freed space still has to be scrubbed (an erasure's scrub found the cache
// in use, e.g. in the console): the next retention run scrubs even when it changes nothing.
Status markScrubPending(const QSqlDatabase &db);

// Applies the policy at `nowMs`: anonymises the expired threads in batches
// (privacy::anonymiseThreads, each batch in its own transaction, the batch's threads checked
// again inside it), deletes the expired audit entries and access records (never those still to
// push to the team), writes one audit entry 'retention_run' with the counts and the policy, then
// scrubs the freed space. Returns what it did.
Result<RetentionCounts> runRetention(Database &db, const RetentionPolicy &policy, qint64 nowMs, const Agent &by,
                                     const RetentionRunOptions &options = {});

} // namespace sportello::privacy
