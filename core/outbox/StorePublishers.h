#pragma once
// The write side of the app stores: a reply to a review, read back by fetching the review's reply.
// See docs/app-stores.md.
//
// Requests (one attempt each, as for every publisher):
//   Google Play        POST {base}/applications/{package}/reviews/{reviewId}:reply {"replyText"}
//                      read back: GET {base}/applications/{package}/reviews/{reviewId}, its
//                      developerComment (404: the review is gone)
//   App Store Connect  an existing response is replaced: GET {base}/v1/customerReviews/{id}/response,
//                      DELETE {base}/v1/customerReviewResponses/{responseId} (204), then
//                      POST {base}/v1/customerReviewResponses (JSON:API body, 201 with the new id)
//                      read back: GET {base}/v1/customerReviews/{id}/response; on 404,
//                      GET {base}/v1/customerReviews/{id} tells "no response yet" from "review gone"
//
// A review is the thread (threadExternalId is the review id). A reply longer than the channel's
// limit (ChannelLimits: 350 characters on Google Play) is refused before anything is sent.

#include "outbox/ChannelPublisher.h"

namespace sportello::outbox {

// The cache's post ids of a Google Play review version and of the developer's reply version
// (the review or reply lastModified in seconds): an edit is a new post in the same thread.
QString googlePlayReviewPostId(const QString &reviewId, qint64 lastModifiedSecs);
QString googlePlayReplyPostId(const QString &reviewId, qint64 lastModifiedSecs);

// Refuses text over the channel's limit before any request; the error names the limit.
Status checkStoreReplyLength(Channel channel, const QString &text);

class GooglePlayPublisher final : public ChannelPublisher {
    Q_OBJECT
public:
    explicit GooglePlayPublisher(PublisherContext context, QObject *parent = nullptr);
    void publish(const OutboundReply &reply, PublishDone done) override;
    void readBack(const OutboundReply &reply, ReadBackDone done) override;

protected:
    // A service account's key in the keychain: the bearer token from its exchange (kept until
    // near expiry, see GoogleServiceAccount.h); a pasted token as it is.
    void authorizeAsync(AuthorizeDone done) override;
    bool renewAuthorization() override;

private:
    QUrl reviewUrl(const QString &reviewId, const QString &suffix = {}) const;
};

class AppStorePublisher final : public ChannelPublisher {
    Q_OBJECT
public:
    explicit AppStorePublisher(PublisherContext context, QObject *parent = nullptr);
    void publish(const OutboundReply &reply, PublishDone done) override;
    void readBack(const OutboundReply &reply, ReadBackDone done) override;
    // Deletes the review's response, if it has one (done gets Success also when there was none).
    void deleteResponse(const QString &reviewId, std::function<void(const net::HttpOutcome &)> done);

protected:
    Result<QByteArray> authorization() const override;

private:
    QUrl endpoint(const QString &path) const;
    // The review's current response: its id and text (empty id: none); outcome as answered.
    struct Current {
        net::HttpOutcome outcome;
        RemoteReply response;
        bool reviewGone = false;
    };
    void currentResponse(const QString &reviewId, std::function<void(const Current &)> done);
    void create(const OutboundReply &reply, PublishDone done);
};

} // namespace sportello::outbox
