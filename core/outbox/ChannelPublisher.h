#pragma once
// The write side of a channel: send one reply (public reply or private message) and read the
// thread back to find a reply the company already sent. The outbox dispatcher uses the read-back
// before any resend, so a reply whose first request lost its answer is never doubled.
// See docs/network.md, "Outbox".
//
// Requests (every one an HttpJob with one attempt: the dispatcher owns retries and timing; the
// token only in the Authorization header):
//   X public     POST {base}/tweets {"text","reply":{"in_reply_to_tweet_id"}}
//                read back: GET {base}/users/{account}/tweets?since_id={target} (the account's own
//                posts after the target; replies to the target are picked out); the target itself
//                GET {base}/tweets/{target} to tell a deleted post
//   X private    POST {base}/dm_conversations/with/{recipient}/messages {"text"}
//                read back: GET {base}/dm_conversations/with/{recipient}/dm_events
//   Facebook     public: POST {base}/{v}/{comment-or-post}/comments {"message"}
//                read back: GET {base}/{v}/{comment-or-post}/comments (code 100 / 404: deleted)
//                private, Messenger thread: POST {base}/{v}/{page}/messages
//                {"recipient":{"id"},"messaging_type":"RESPONSE","message":{"text"}}
//                read back: GET {base}/{v}/{conversation}/messages
//                private reply to a comment: POST {base}/{v}/{page}/messages
//                {"recipient":{"comment_id"},"message":{"text"}}; no read-back (see below)
//   Google Play, App Store Connect: see StorePublishers.h
//   Instagram    public: POST {base}/{v}/{ig-comment}/replies {"message"} (a comment on the media
//                itself: POST {base}/{v}/{media}/comments); read back with GET on the same edge
//                private reply to a comment: POST {base}/{v}/{ig-user}/messages, no read-back
//
// A private reply to a comment opens a conversation whose id Graph does not return; it cannot be
// read back, so an unknown outcome there is held for the agent (ReadBackResult::supported).

#include "accounts/Accounts.h"
#include "common/Result.h"
#include "domain/Domain.h"
#include "net/HttpJob.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>
#include <functional>
#include <memory>

#include <QNetworkAccessManager>

namespace sportello {
class Clock;
}

namespace sportello::outbox {

// One reply to deliver, resolved from the cache by the dispatcher.
struct OutboundReply {
    Channel channel = Channel::X;
    Visibility visibility = Visibility::Public; // public reply or private message
    QString targetPostId;                       // platform id of the customer's post being answered
    QString targetParentId;                     // Graph: the comment the target replies to (comments nest one level)
    QString threadExternalId;                   // X conversation id, Graph post or Messenger conversation id
    bool threadIsPrivate = false;               // the thread is a direct-message or Messenger conversation
    QString recipientId;                        // the customer's platform id (X user id, Messenger PSID)
    QString text;                               // what is sent now
    QString originalText;                       // what was decided, if the agent edited it since; also matched
    qint64 decidedAtMs = 0;
};

struct PublishResult {
    net::HttpOutcome outcome; // Success only with a remote id
    QString remoteId;         // the new post, comment or message id
    QString remoteThreadId;   // X direct messages: the dm_conversation_id
};

// A reply the account posted to the target, as the platform shows it.
struct RemoteReply {
    QString id;
    QString text;
    qint64 createdAtMs = 0;
};

struct ReadBackResult {
    net::HttpOutcome outcome; // Success when the thread could be read (the last page's answer)
    bool supported = true;    // false: this channel and kind cannot be read back at all
    bool targetGone = false;  // the post being answered was deleted (X not found, Graph 100/404)
    // false: the pages ran out of the bound (kReadBackMaxPages) before reaching posts older than
    // the decision; a reply may be on a page not read.
    bool complete = true;
    int pages = 0;
    QVector<RemoteReply> companyReplies; // the account's replies to the target, oldest first
};

// The platform's clock and ours may disagree: a reply counts as after the decision from this
// long before it, and the read-back pages back to the decision minus this.
inline constexpr qint64 kPlatformClockSkewMs = 2 * 60'000;
// A read-back follows at most this many pages (X next_token, Graph paging.next).
inline constexpr int kReadBackMaxPages = 10;

// Texts compare after trimming, folding runs of white space, removing the leading @mentions X
// adds to a reply, unescaping the HTML entities X returns (&amp; &lt; &gt; &quot; &#39;), and
// masking links (X rewrites every URL to t.co); case matters.
bool sameReplyText(const QString &sent, const QString &seen);

struct PublisherContext {
    QPointer<QNetworkAccessManager> network; // may go away: requests then end as lost
    const Clock *clock = nullptr;
    accounts::Account account;
    QString token;           // sent in a header only
    QString graphApiVersion; // Facebook and Instagram
    int timeoutMs = 30'000;
};

class ChannelPublisher : public QObject {
    Q_OBJECT
public:
    using PublishDone = std::function<void(const PublishResult &)>;
    using ReadBackDone = std::function<void(const ReadBackResult &)>;

    // The publisher for the account's channel; null (with an error) for a channel that has no API.
    static Result<std::unique_ptr<ChannelPublisher>> create(PublisherContext context);
    ~ChannelPublisher() override;

    // Sends the reply once (no automatic retry). done is called exactly once, unless the
    // publisher is destroyed first (its request is then aborted).
    virtual void publish(const OutboundReply &reply, PublishDone done) = 0;
    // Reads the thread back: the account's replies to the target and whether the target is gone.
    virtual void readBack(const OutboundReply &reply, ReadBackDone done) = 0;

    const PublisherContext &context() const { return m_context; }

protected:
    explicit ChannelPublisher(PublisherContext context, QObject *parent = nullptr);
    // The Authorization header of every request: "Bearer " and the token. App Store Connect
    // makes a signed token from its key instead; an error there ends the request as AuthExpired.
    virtual Result<QByteArray> authorization() const;
    // The same without waiting, for a publisher whose header needs a request first (a Google
    // service account's token exchange). done gets the header, or (header empty) the outcome that
    // ends the request. The default calls authorization() and answers before it returns.
    using AuthorizeDone = std::function<void(const net::HttpOutcome &refused, const QByteArray &header)>;
    virtual void authorizeAsync(AuthorizeDone done);
    // A request was answered 401: true when the publisher dropped a kept token and a new one may
    // be accepted, so the request is sent once more (a 401 means the platform did nothing).
    virtual bool renewAuthorization() { return false; }
    // Starts one request with the token header; calls done with its outcome. A DELETE expects
    // no body (204).
    void request(const QByteArray &verb, const QUrl &url, const QByteArray &jsonBody, bool idempotent,
                 std::function<void(const net::HttpOutcome &)> done);

public:
    // One page of a read-back: the company's replies to the target on it, the next page (empty
    // at the end) and the oldest creation time on the page (-1 unknown).
    struct Page {
        QVector<RemoteReply> replies;
        QUrl next;
        qint64 oldestMs = -1;
    };
    using PageParser = std::function<Result<Page>(const net::HttpOutcome &)>;

protected:
    // Reads pages from url on, newest first, until a page reaches back before notBeforeMs, the
    // pages end, or kReadBackMaxPages were read (then complete = false).
    void readPages(const QUrl &url, qint64 notBeforeMs, PageParser parse, ReadBackResult sofar, ReadBackDone done);

    PublisherContext m_context;

private:
    void send(const QByteArray &verb, const QUrl &url, const QByteArray &jsonBody, bool idempotent,
              std::function<void(const net::HttpOutcome &)> done, bool renewed);
};

// X API v2; base URL like https://api.x.com/2.
class XPublisher final : public ChannelPublisher {
    Q_OBJECT
public:
    explicit XPublisher(PublisherContext context, QObject *parent = nullptr);
    void publish(const OutboundReply &reply, PublishDone done) override;
    void readBack(const OutboundReply &reply, ReadBackDone done) override;

private:
    QUrl endpoint(const QString &path) const;
    void readPublicReplies(const OutboundReply &reply, ReadBackDone done);
};

// Meta Graph API, Facebook pages and Instagram professional accounts.
class GraphPublisher final : public ChannelPublisher {
    Q_OBJECT
public:
    explicit GraphPublisher(PublisherContext context, QObject *parent = nullptr);
    void publish(const OutboundReply &reply, PublishDone done) override;
    void readBack(const OutboundReply &reply, ReadBackDone done) override;

    // The object whose comment edge a public reply goes to: Graph comments nest one level, so a
    // reply to a reply goes to its parent comment.
    static QString publicReplyObject(const OutboundReply &reply);

private:
    QUrl endpoint(const QString &objectId, const QString &edge) const;
    QUrl m_base;
};

} // namespace sportello::outbox
