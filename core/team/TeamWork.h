#pragma once
// How a care team works in the team database (schema 2, docs/team.md "Working as a team"): claims
// on threads, the next thread by routing, approval of public replies, notes, the routing and
// approval settings, and what the supervisor's board shows. Each call is one statement on the
// connection given (the rules live in the database's functions, so a desktop, a script and the
// command line get the same answers); every failure says what to do.

#include "common/Result.h"
#include "triage/GuardOverrideLog.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace sportello::team {

// A thread as the team names it.
struct TeamThreadRef {
    QString channel;
    QString externalId;
    // "x:1234": how the command line and messages write a thread.
    QString toString() const { return channel + QLatin1Char(':') + externalId; }
    static Result<TeamThreadRef> parse(const QString &text);
    bool operator==(const TeamThreadRef &) const = default;
};

// How long a claim lasts without renewal, and how often a desktop that keeps a thread open
// renews it: a crashed desktop's claims are free again within kClaimTtlMs.
inline constexpr qint64 kClaimTtlMs = 3 * 60 * 1000;
inline constexpr qint64 kClaimRenewMs = 60 * 1000;
// "Is typing" lasts this long after the last keystroke that reported it.
inline constexpr qint64 kTypingMs = 8 * 1000;

struct TeamClaim {
    bool mine = false;     // false: a colleague holds it
    QString login;
    QString agentName;
    QString how;           // opened, next, taken_over, assigned
    qint64 claimedAtMs = 0;
    qint64 untilMs = 0;
};

// Claims a thread for the connected login (opening it): new, renewed, or an expired claim
// replaced. A colleague's live claim is replaced only with takeOver (audited by the database);
// otherwise the result names the colleague (mine = false). A thread the login may not take (an
// external's scope) is NotFound.
Result<TeamClaim> claimThread(const QSqlDatabase &db, const TeamThreadRef &thread, const QString &desktop,
                              bool takeOver = false, qint64 ttlMs = kClaimTtlMs);
// Lets go of one's own claim; a supervisor may release a colleague's (audited, with the reason).
// False when there was nothing to release.
Result<bool> releaseThread(const QSqlDatabase &db, const TeamThreadRef &thread, const QString &reason = {});
// A supervisor gives a thread to an agent, replacing any claim (audited).
Status assignThread(const QSqlDatabase &db, const TeamThreadRef &thread, const QString &login,
                    qint64 ttlMs = kClaimTtlMs);
// "Is typing a reply" on one's own live claim; false without one.
Result<bool> markTyping(const QSqlDatabase &db, const TeamThreadRef &thread, qint64 forMs = kTypingMs);

// Claims are not in the feed (TeamSchemaV2.cpp says why): a replica reads those changed since its
// last look, as rows of sportello.claims in JSON (an ended claim is one whose until_at passed). It
// asks from the previous answer's serverNowMs minus kClaimsOverlapMs, so a claim whose change
// committed a little after it was stamped is not missed; reading one twice changes nothing.
inline constexpr qint64 kClaimsOverlapMs = 5000;
struct ClaimsRead {
    qint64 serverNowMs = 0;
    QVector<QJsonObject> rows;
};
// sinceServerMs < 0: the claims live now only (a replica's first look).
Result<ClaimsRead> readClaimsSince(const QSqlDatabase &db, qint64 sinceServerMs);

// A colleague's (or one's own) claim as a console shows it: "Marta Verdi is on this thread",
// "is typing a reply". Times on the clock of whoever holds the value (TeamLink turns the server's
// into the desktop's).
struct LiveClaim {
    TeamThreadRef thread;
    QString login;
    QString agentName;
    QString how;
    qint64 claimedAtMs = 0;
    qint64 untilMs = 0;
    qint64 typingUntilMs = 0;
    bool liveAt(qint64 nowMs) const { return untilMs > nowMs; }
    bool typingAt(qint64 nowMs) const { return liveAt(nowMs) && typingUntilMs > nowMs; }
    // A row of sportello.claims as readClaimsSince gives it; nullopt for a row without its keys.
    static std::optional<LiveClaim> fromRow(const QJsonObject &row);
    bool operator==(const LiveClaim &) const = default;
};

struct NextThread {
    enum class Outcome { Claimed, NoneWaiting, AtCapacity };
    Outcome outcome = Outcome::NoneWaiting;
    TeamThreadRef thread;
    QString category;
    QString language;
    qint64 waitingSinceMs = 0;
    qint64 dueAtMs = 0;
    qint64 claimUntilMs = 0;
};
// The most urgent (or longest waiting, as the team chose) waiting thread routing gives the
// connected login and nobody holds, claimed atomically.
Result<NextThread> nextThread(const QSqlDatabase &db, const QString &desktop, qint64 ttlMs = kClaimTtlMs);

// The team's routing: a preset of the three organisations, the order, the departments' categories.
enum class RoutingPreset { Skills, Dedicated, Mixed };
QString toId(RoutingPreset preset);
std::optional<RoutingPreset> routingPresetFromId(const QString &id);
enum class RoutingOrder { MostUrgent, LongestWaiting };
QString toId(RoutingOrder order);
std::optional<RoutingOrder> routingOrderFromId(const QString &id);

struct RoutingConfig {
    RoutingPreset preset = RoutingPreset::Dedicated;
    RoutingOrder order = RoutingOrder::MostUrgent;
    // department -> the categories it answers (the skills preset, for agents without own skills)
    QVector<QPair<QString, QStringList>> departments;
    // mixed: how long outside staff have a thread in their scope to themselves
    int externalFirstMinutes = 30;

    QJsonObject toJson() const;
    static Result<RoutingConfig> fromJson(const QJsonObject &json);
    // What a preset sets: skills routes complaints to the claims office, assistance to customer
    // care, non-negative posts to marketing; the others keep the departments as they are.
    static RoutingConfig usingPreset(RoutingPreset preset, const RoutingConfig &from);
    bool operator==(const RoutingConfig &) const = default;
};
Result<RoutingConfig> readRouting(const QSqlDatabase &db);
Status writeRouting(const QSqlDatabase &db, const RoutingConfig &config);

// Which public replies wait for a supervisor: by the author's role, optionally only in some
// categories (none: all). By default outside staff's.
struct ApprovalRule {
    QStringList roles{QStringLiteral("external")};
    QStringList categories;
    QJsonObject toJson() const;
    static Result<ApprovalRule> fromJson(const QJsonObject &json);
    bool operator==(const ApprovalRule &) const = default;
};
Result<ApprovalRule> readApprovalRule(const QSqlDatabase &db);
Status writeApprovalRule(const QSqlDatabase &db, const ApprovalRule &rule);

// A supervisor's verdict on a reply awaiting approval; an author's resubmission of one sent back.
enum class ReviewVerdict { Approve, SendBack, Resubmit };
struct ReviewedReply {
    QString entryId;
    QString state;
    QString text;
};
// text: the edited reply (empty: as it is); comment: required to send back.
Result<ReviewedReply> reviewReply(const QSqlDatabase &db, const QString &entryId, ReviewVerdict verdict,
                                  const QString &text = {}, const QString &comment = {});

// A public reply held for review: awaiting a supervisor's approval, or sent back to its author.
struct ReplyForReview {
    QString entryId; // the outbox entry reviewReply takes
    TeamThreadRef thread;
    QString authorLogin;
    QString authorName;
    QString text;
    QString state;         // awaiting_approval or sent_back
    QString reviewComment; // why it was sent back
    QString reviewedBy;
    qint64 createdAtMs = 0;
    qint64 dueAtMs = 0;       // the thread's due time (0: not waiting any more)
    qint64 waitingSinceMs = 0; // since when the thread waits (0: not waiting)
    QString category;          // the thread's, as the team has it
    QString customerText;     // the customer's post the reply answers (else the thread's latest)
    // The author marked findings of these kinds as not personal data (audit guard_overridden of
    // the reply's decision), with this reason; empty: no override.
    QStringList overriddenKinds = {};
    QString overrideReason = {};
};
// The replies in that state the connected login may see (an external: its scope's), the least
// time left first (then the oldest).
Result<QVector<ReplyForReview>> listRepliesForReview(const QSqlDatabase &db,
                                                     const QString &state = QStringLiteral("awaiting_approval"));

// Adds an internal note to a thread (never delivered). Its id is a new UUID unless given (a
// desktop pushing a note written offline gives its own, and a second push changes nothing).
// Returns the logins the database read as mentioned.
struct AddedNote {
    QString id;
    QStringList mentions;
};
Result<AddedNote> addNote(const QSqlDatabase &db, const TeamThreadRef &thread, const QString &text, qint64 atMs,
                          const QString &id = {});

// "I am here": a desktop says so every few seconds; the board counts a login online for
// kOnlineForMs after.
inline constexpr qint64 kOnlineForMs = 60 * 1000;
Status heartbeat(const QSqlDatabase &db, const QString &desktop);

// The supervisor's board, read from the team database.
struct BoardAgent {
    QString login;
    QString name;
    QString role;
    QString department;
    bool online = false;
    qint64 seenAtMs = 0;
    int capacity = 0;
    struct Held {
        TeamThreadRef thread;
        qint64 sinceMs = 0;
        bool typing = false;
    };
    QVector<Held> holding;
};
struct BoardQueue {
    QString group;       // a category, or a department
    int waiting = 0;
    int unclaimed = 0;
    int overdue = 0;     // due time passed
    qint64 oldestWaitingSinceMs = 0;
};
struct Board {
    qint64 atMs = 0;     // the server's clock
    QVector<BoardAgent> agents; // the care staff: neither hubs nor the data protection officer
    QVector<BoardQueue> byCategory;
    QVector<BoardQueue> byDepartment;
    int awaitingApproval = 0;
    int sentBack = 0;
    // The latest overrides of the personal-data guard (the team's audit_log), newest first: read
    // for supervisors and administrators only (seesGuardOverrides), empty for anyone else.
    bool seesGuardOverrides = false;
    QVector<GuardOverrideEntry> guardOverrides;
};
Result<Board> readBoard(const QSqlDatabase &db);
// The team's "guard_overridden" audit entries at or after `sinceMs`, newest first, at most
// `limit`; refused (RefusedByPolicy) unless the login is a supervisor or an administrator.
inline constexpr int kBoardOverrides = 100;
Result<QVector<GuardOverrideEntry>> readGuardOverrides(const QSqlDatabase &db, qint64 sinceMs,
                                                       int limit = kBoardOverrides);

} // namespace sportello::team
