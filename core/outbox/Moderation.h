#pragma once
// Comment moderation: hiding and unhiding a customer's public comment on Facebook or Instagram
// through the Graph API, audited with the reason. A hidden comment stays visible to its author
// and the page's admins, and disappears for everyone else: the way to take personal data out of
// public view without deleting what the customer wrote. See docs/network.md, "Moderation".
//
// Requests (one HttpJob; setting the flag again is harmless, so network errors are retried):
//   Facebook   POST {base}/{v}/{comment-id}  form is_hidden=true|false
//   Instagram  POST {base}/{v}/{ig-comment-id}  form hide=true|false
// Both answer {"success": true}; Graph may also answer 200 with {"success": false}, which is a
// refusal, not a success.
//
// Sportello asks before sending what it can know itself: the comment is a customer's public
// comment on a page's post (not the post itself, not the page's own comment, not a message), the
// platform did not say it cannot be hidden (can_hide false), and it is not in that state already.

#include "common/Result.h"
#include "domain/Agent.h"
#include "domain/Domain.h"
#include "net/HttpJob.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::accounts {
class TokenStore;
}

namespace sportello::outbox {

enum class ModerationAction { Hide, Unhide };
// Why an agent hid or unhid a comment, for the audit trail.
enum class ModerationReason { PersonalData, Offensive, Spam, Other };

QString toId(ModerationReason reason);
std::optional<ModerationReason> moderationReasonFromId(const QString &id);
QStringList allModerationReasonIds();
QString label(ModerationReason reason);
QString toId(ModerationAction action); // "hide", "unhide"

// A post of the cache as moderation sees it.
struct ModerationTarget {
    qint64 postId = 0;
    qint64 threadId = 0;
    Channel channel = Channel::Facebook;
    QString commentId; // the platform's id
    QString threadExternalId;
    QString inReplyTo; // empty for the thread's first post (the page's post or media, or a message)
    Direction direction = Direction::Inbound;
    Visibility visibility = Visibility::Public;
    bool hidden = false;
    std::optional<bool> canHide; // what the platform said at the last sync
    QString authorHandle;        // for people (the CLI's list of matches)
};

Result<ModerationTarget> readModerationTarget(Database &database, qint64 postId);
// The Facebook and Instagram posts with this platform id (the CLI names a comment so), on one
// channel when given.
Result<QVector<ModerationTarget>> findModerationTargets(Database &database, const QString &commentId,
                                                        std::optional<Channel> channel);

// Whether a channel has comments Sportello can hide (Facebook and Instagram).
bool channelCanHideComments(Channel channel);
// Refuses (RefusedByPolicy) what cannot be asked of the platform, with the reason for the agent;
// Conflict when the comment is already in that state.
Status checkModeration(const ModerationTarget &target, ModerationAction action);

// The request for the platform; base ends with '/', version is the Graph API version.
net::HttpRequestSpec moderationRequest(const QUrl &base, const QString &version, const ModerationTarget &target,
                                       ModerationAction action, const QString &token, int timeoutMs);
// What the platform's answer means: success, or the refusal explained for the agent (a missing
// permission, a comment that cannot be hidden or no longer exists, a token to renew, a limit,
// no answer).
Status moderationAnswer(const net::HttpOutcome &outcome, Channel channel, ModerationAction action);

struct ModerationRequest {
    ModerationTarget target;
    ModerationAction action = ModerationAction::Hide;
    ModerationReason reason = ModerationReason::PersonalData;
    QString note; // the agent's words, optional; at most kModerationNoteMax characters
    Agent agent;
};
inline constexpr int kModerationNoteMax = 200;

// Refuses a request whose note is too long or whose reason is Other without a note.
Status checkModerationRequest(const ModerationRequest &request);

// Stores the new state (post_moderation) and the audit entry ("comment_hidden" or
// "comment_unhidden", with the reason and the note; never the comment's text) in one transaction.
Status recordModeration(Database &database, const ModerationRequest &request, qint64 nowMs);

// Runs one request: the checks, the account that owns the thread and its token, the platform's
// answer, the record. done is called once, unless the moderator is destroyed first.
class CommentModerator : public QObject {
    Q_OBJECT
public:
    // All references are owned by the caller and must outlive the moderator; same thread.
    CommentModerator(Database &database, QNetworkAccessManager *network, accounts::TokenStore &tokens,
                     const Clock &clock, QObject *parent = nullptr);
    ~CommentModerator() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setRetryPolicy(const net::RetryPolicy &policy) { m_retry = policy; }

    void moderate(const ModerationRequest &request, std::function<void(const Status &)> done);

signals:
    // The platform did what was asked, before Sportello records it: a recording that fails after
    // this does not undo it (the hub settles such a request done, not failed).
    void platformAccepted(qint64 postId);

private:
    Database &m_database;
    QPointer<QNetworkAccessManager> m_network;
    accounts::TokenStore &m_tokens;
    const Clock &m_clock;
    int m_timeoutMs = 30'000;
    net::RetryPolicy m_retry;
};

} // namespace sportello::outbox
