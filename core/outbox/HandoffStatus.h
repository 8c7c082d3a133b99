#pragma once
// The loop back from customer care (docs/handoff.md, "Customer care's answer"). A delivered
// hand-off is *sent*; customer care then reports it received, in progress or resolved, in one of
// three ways: the answer body of the hand-off's POST, a <case_reference>.status.json file dropped
// in the hand-off folder, or `sportello-cli handoff update`. Every accepted report is kept
// (handoff_updates, cache schema 18) and audited; the latest is the hand-off's state (handoffs).
//
// What a resolution does, in the report's transaction: it stops the thread's 45-day complaint
// clock (timers/Complaints.h), and care's answer becomes the thread's draft, for the agent to
// send or not (the guard checks it like any reply). A draft the agent had already typed is kept:
// the answer is added below it, never over it.

#include "common/Result.h"
#include "domain/Domain.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

class QSqlDatabase;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::outbox {

// Sent: delivered, nothing heard from customer care yet. The others are what care reports.
enum class HandoffState { Sent, Received, InProgress, Resolved };
QString toId(HandoffState state); // sent, received, in_progress, resolved
// The states care may report (received, in_progress, resolved); nullopt for anything else.
std::optional<HandoffState> reportedHandoffStateFromId(const QString &id);
QString label(HandoffState state); // translated

enum class HandoffSource { Endpoint, StatusFile, Cli };
QString toId(HandoffSource source);  // endpoint, status_file, cli
QString label(HandoffSource source); // translated

inline constexpr int kHandoffStatusFormatVersion = 1;
// Limits of one report: an answer is a reply to a customer, not a document.
inline constexpr int kHandoffAnswerMaxChars = 8000;
inline constexpr int kHandoffReporterMaxChars = 200;
inline constexpr qint64 kHandoffStatusFileMaxBytes = 64 * 1024;

struct HandoffUpdate {
    QString caseReference;
    HandoffState state = HandoffState::Received; // never Sent
    QString answer;                              // optional: care's answer to the customer
    HandoffSource source = HandoffSource::Cli;
    QString reportedBy; // who at customer care, when the report names them
    qint64 atMs = 0;    // when care says the state changed; 0: when it is recorded
};

// One accepted report, as handoff_updates keeps it.
struct HandoffEvent {
    HandoffState state = HandoffState::Received;
    qint64 atMs = 0;
    HandoffSource source = HandoffSource::Cli;
    QString reportedBy;
    QString answer;
    qint64 recordedAtMs = 0;
};

struct HandoffStatus {
    QString caseReference;
    QString outboxId;
    qint64 threadId = 0;
    HandoffState state = HandoffState::Sent;
    qint64 stateAtMs = 0; // for Sent, the delivery
    std::optional<HandoffSource> source;
    QString reportedBy;
    QString answer;
    qint64 resolvedAtMs = 0; // 0 unless resolved
    // Resolved, and the agent has taken no decision on the thread since: the thread is back with
    // the agent (the conversation header says so; the queue marks its draft).
    bool needsAgent = false;
};

// Where a report recorded by another cache of the team came from (team mode, docs/team.md
// "Hand-off updates"): the id the team knows it by and when that cache recorded it.
struct TeamReportOrigin {
    QString id;
    qint64 recordedAtMs = 0;
};

struct HandoffUpdateResult {
    enum class Draft { None, Created, Appended, AlreadyThere };
    bool changed = false; // false: the same report again, nothing recorded
    HandoffState before = HandoffState::Sent;
    HandoffState after = HandoffState::Sent;
    qint64 threadId = 0;
    Draft draft = Draft::None;
    bool complaintStopped = false;
    bool complaintReopened = false;
};

// A status report as JSON (the status file's format, and the hand-off POST's answer body;
// docs/handoff.md). `caseReference`, when not empty, is the case the report must be about (the
// file's name, the POST's case). Malformed, unknown fields' types, an unknown status or an answer
// over the limits are refused (InvalidInput) with the reason.
Result<HandoffUpdate> parseHandoffStatus(const QByteArray &json, HandoffSource source,
                                         const QString &caseReference = {});
// The answer body of the hand-off POST: nullopt when it carries no "status" (an empty body, or
// the receiver's own acknowledgement), the report otherwise, or why it cannot be read.
Result<std::optional<HandoffUpdate>> parseEndpointAnswer(const QByteArray &body, const QString &caseReference);

// Customer care resolved a hand-off of this thread and no decision was taken on the thread since:
// the thread is back with the agent, who may decide on it again although it is forwarded (the
// triage takes a reply, a close or a new forward; docs/handoff.md). Runs on `db` inside the
// caller's transaction. QueueQuery::thread reads the same condition for the console.
Result<bool> handoffAwaitsAgent(const QSqlDatabase &db, qint64 threadId);

// What a scan of the hand-off folder did (scanStatusFolder).
struct StatusFolderScan {
    int applied = 0;         // reports recorded
    int unchanged = 0;       // the same report again: nothing to record, the file is put away all the same
    int rejected = 0;        // moved to rejected/ with a .error.txt beside
    QStringList errors;      // every rejection and every file that could not be moved, for people
    QVector<qint64> threads; // the threads whose hand-off changed
};

class HandoffLoop {
public:
    HandoffLoop(Database &database, const Clock &clock);

    // Records a report: checks it (a known case whose packet left; see docs/handoff.md for the
    // order of states), then in one transaction writes the state, its history row and the audit
    // entry, and for a resolution stops the complaint clock and makes the draft. The same report
    // twice changes nothing (changed = false). Refusals: NotFound (unknown case), InvalidInput
    // (never delivered, a bad report), Conflict (a report that goes backwards).
    Result<HandoffUpdateResult> apply(const HandoffUpdate &update);
    // Records a report that came down the team's feed, inside the caller's transaction (the feed
    // page's), by the same steps as apply(): the state, the history row, the complaint clock and
    // the draft. It keeps the id and the recording time it came with (the time a decision on the
    // thread is compared with, as everywhere in the team), and is neither audited here (the
    // recording cache's audit entry comes down the feed) nor pushed back up.
    Result<HandoffUpdateResult> applyFromTeam(const HandoffUpdate &update, const TeamReportOrigin &origin);

    // nullopt when no forward has this case reference, or its packet was never delivered and
    // care never reported on it.
    Result<std::optional<HandoffStatus>> status(const QString &caseReference) const;
    // The thread's latest forward's hand-off.
    Result<std::optional<HandoffStatus>> latestForThread(qint64 threadId) const;
    // The accepted reports on a case, oldest first.
    Result<QVector<HandoffEvent>> history(const QString &caseReference) const;

    // Reads every <case_reference>.status.json in `folder`, oldest name first, and records it.
    // A recorded (or repeated) report is moved to processed/, a refused one to rejected/ with the
    // reason in <file>.error.txt beside it: a file is never lost and never read twice. A file the
    // cache could not take now (busy) stays for the next scan.
    Result<StatusFolderScan> scanStatusFolder(const QString &folder);

private:
    // apply()'s steps on the open transaction; origin: the team's report, or null for one made here.
    Result<HandoffUpdateResult> record(const HandoffUpdate &update, const TeamReportOrigin *origin);
    Result<std::optional<HandoffStatus>> readStatus(const QString &where, const QVariant &key) const;

    Database &m_database;
    const Clock &m_clock;
};

} // namespace sportello::outbox
