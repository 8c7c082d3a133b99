#pragma once
// The app stores' reviews as a channel: the Google Play Developer API (reviews.list, token
// paging) and the App Store Connect API (customerReviews with their responses, cursor paging).
// Each review is a thread of its own: the customer's review is the inbound post (its star rating
// with it), the developer's reply the company's outbound post. Pages are stored as the other
// connectors store them: each page's posts and the cursor after them in one transaction.
// See docs/app-stores.md.
//
// An edited review: Google Play keeps the review id and moves lastModified, so the post id is
// "{reviewId}@{lastModified seconds}" and an edit arrives as a new version in the same thread,
// after the company's reply; the thread waits for an answer again. The reply's id carries its own
// lastModified the same way ("{reviewId}:reply@{seconds}"), so an edited reply is a new version
// too. Neither store names the reviewer: each review's author is keyed by the review id. App
// Store Connect shows no edit time for a review; its post id is the review id, and a
// replaced response (a new response id) is a new outbound post.

#include "ingest/PostRecord.h"
#include "sync/Connector.h"

#include <QPointer>
#include <QUrl>
#include <QVector>

namespace sportello::sync {

// One page of reviews parsed into posts; nothing is stored while a page is only parsed.
struct StoreReviewPage {
    QVector<PostRecord> posts;
    QString nextToken; // Google Play: tokenPagination.nextPageToken; empty at the end
    QUrl nextUrl;      // App Store Connect: links.next as given; empty at the end
    int reviews = 0;
};

// Parses one reviews.list page (or, with single = true, one reviews.get body). accountId is the
// package name: the developer's replies are posted by it. An error for malformed JSON or a review
// without id or rating.
Result<StoreReviewPage> parseGooglePlayReviews(const QByteArray &body, const QString &accountId, bool single = false);
// Parses one customerReviews page requested with include=response. accountId is the app id.
Result<StoreReviewPage> parseAppStoreReviews(const QByteArray &body, const QString &accountId);

class StoreConnector : public Connector {
    Q_OBJECT
public:
    explicit StoreConnector(ConnectorContext context, QObject *parent = nullptr);
    ~StoreConnector() override;

    void start() override;
    net::HttpJob *currentJob() const { return m_job.data(); }
    bool isRunning() const { return m_running; }

private:
    QString platform() const;
    QUrl firstPageUrl() const;
    QUrl rebased(const QUrl &next) const;
    bool usesServiceAccount() const;
    // Finds the page's Authorization header (a service account's may need an exchange first),
    // then sends.
    void fetchPage();
    void sendPage(const QByteArray &authorization);
    void signInFailed(const net::HttpOutcome &outcome);
    void onPageFinished(const net::HttpOutcome &outcome);
    void storePage(const StoreReviewPage &page);
    void finish(bool ok, const QString &error, net::OutcomeKind kind, ErrorKind errorKind = ErrorKind::Unspecified);
    QString describeFailure(const net::HttpOutcome &outcome) const;

    QPointer<net::HttpJob> m_job;
    QString m_cursor; // Google Play: the next page token; App Store: the next page's path and query
    bool m_running = false;
    bool m_firstPage = true;
    bool m_renewedToken = false; // a service account's token was renewed after a 401 on this page
    SyncResult m_result;
};

} // namespace sportello::sync
