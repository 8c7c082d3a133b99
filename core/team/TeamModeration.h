#pragma once
// Comment moderation in team mode, the desktop's side (docs/network.md, "Moderation", team mode).
// Only the hub holds the platforms' tokens, so a desktop in a team does not call Graph: it records
// a request in its cache (moderation_requests, cache schema 24) after the very checks that run
// before a request alone (outbox/Moderation.h), and the request goes up with the next push. The
// hub performs it (HubModeration) and the feed brings the outcome back: the comment shown hidden
// or not (post_moderation), or the platform's refusal explained for the agent who asked.

#include "common/Result.h"
#include "domain/Domain.h"
#include "outbox/Moderation.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <functional>
#include <optional>

namespace sportello {
class Database;
}

namespace sportello::team {

struct FeedChange;

// A request as the cache holds it: one of this desktop's, or a colleague's from the feed.
struct TeamModerationRequest {
    QString id;
    Channel channel = Channel::Facebook;
    QString commentId;
    QString threadExternalId;
    outbox::ModerationAction action = outbox::ModerationAction::Hide;
    QString reason; // toId(ModerationReason)
    QString note;
    QString agentName;
    QString requestedBy; // the login, once the team has it
    qint64 requestedAtMs = 0;
    QString state;       // pending, in_progress, done, failed, cancelled, expired
    QString explanation; // why it failed, in the platform's and Moderation's words; cancelled: by whom
    QString hubId;
    qint64 settledAtMs = 0;
    QString teamState; // to_push, pushed, refused (by the team database), from_team, withdrawn

    bool open() const { return state == QLatin1String("pending") || state == QLatin1String("in_progress"); }
};

// How long a request may wait for a hub to claim it before it expires: a day (the reasons are in
// TeamSchemaV7.cpp, which holds the same figure; the team database decides, by its own clock).
inline constexpr qint64 kModerationRequestLifetimeMs = 24 * 3600 * 1000;

// Records a request for the hub: checkModerationRequest and checkModeration as alone (the
// refusals that need no request are refused here, nothing recorded), and Conflict while a request
// on the same comment is still open. Returns the request's id (a UUID).
Result<QString> requestModerationThroughHub(Database &cache, const outbox::ModerationRequest &request,
                                            qint64 nowMs);

// The newest request on this comment, if any.
Result<std::optional<TeamModerationRequest>> latestModerationRequest(Database &cache, Channel channel,
                                                                     const QString &commentId);
Result<std::optional<TeamModerationRequest>> findModerationRequest(Database &cache, const QString &id);
// The requests the cache holds, newest first; mineOnly: those asked from this desktop.
Result<QVector<TeamModerationRequest>> listModerationRequests(Database &cache, bool mineOnly, int limit);

// The requests on this comment still open in this cache (pending or in_progress), newest first; on
// every channel that can hide comments unless `channel` is given.
Result<QVector<TeamModerationRequest>> openModerationRequests(Database &cache, const QString &commentId,
                                                              std::optional<Channel> channel = std::nullopt);

// Cancelling a pending request (docs/team.md, "Moderation requests").
enum class ModerationCancel {
    Withdrawn,      // it had not gone up yet: cancelled here, it never will
    Cancelled,      // the team database settled it as cancelled; the feed tells every desktop
    AlreadySettled, // done, failed, cancelled or expired meanwhile: nothing to cancel
};
// A request this desktop recorded that has not gone up (team_state to_push) is withdrawn in the
// cache, with `agentName` as who cancelled it. Returns false when it is no longer waiting to go
// up (the push took it meanwhile): cancel it in the team database then.
Result<bool> withdrawModerationRequest(Database &cache, const QString &id, const QString &agentName, qint64 nowMs);
// Cancels a request in the team database (sportello.cancel_moderation_request, team schema 7):
// the login who asked it, or a supervisor or admin, while it is pending. Conflict when a hub has
// claimed it (it is performing it: too late), RefusedByPolicy when it is a colleague's and this
// login is an agent (or outside staff), NotFound when the team does not hold it.
Result<ModerationCancel> cancelModerationRequestInTeam(const QSqlDatabase &team, const QString &id);

// What the state means for a person ("waiting for the hub", "hidden", "failed: ...").
QString describeModerationState(const TeamModerationRequest &request);

namespace detail {
// The requests marked 'to_push' into the team database, each in a savepoint; one the team refuses
// for good (a login that may not ask, a thread the team does not hold) is kept here as 'refused'
// with the team's words as its explanation. Returns how many went up. Called by the push.
// The rows are marked 'pushed' in a cache transaction opened before the team's and committed
// after it: a withdrawal (withdrawModerationRequest) either lands before the mark, and the row
// never goes up, or waits for (or fails on) the cache's lock and finds it pushed. It never reports
// "cancelled" for a request the team holds.
Result<int> pushModerationRequests(const QSqlDatabase &cache, const QSqlDatabase &team);
// Tests only: run between reading the rows to push and marking them, to interleave a withdrawal.
void setModerationPushHookForTest(std::function<void()> hook);
// The feed's kind 'moderation' into the cache: the request row, and when done the comment's
// post_moderation. False (not yet) when a done request's comment has not come down yet.
Result<bool> applyModerationChange(const QSqlDatabase &cache, const FeedChange &change);
} // namespace detail

} // namespace sportello::team
