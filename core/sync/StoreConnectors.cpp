#include "sync/StoreConnectors.h"

#include "accounts/AppStoreJwt.h"
#include "accounts/GoogleServiceAccount.h"
#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "outbox/StorePublishers.h"
#include "storage/Database.h"
#include "sync/SyncLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace sportello::sync {

namespace {

// The cache's text columns are NOT NULL: an absent field is an empty text, not a null one.
QString nonNull(const QString &text) { return text.isNull() ? QString::fromLatin1("") : text; }

Error corrupt(const QString &platform, const QString &what)
{
    return Error{QCoreApplication::translate("Sync", "%1 answered with %2; nothing from the page was stored.")
                     .arg(platform, what),
                 ErrorKind::Corrupt};
}

Result<QJsonObject> rootObject(const QByteArray &body, const QString &platform)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (body.trimmed().isEmpty())
        return corrupt(platform, QCoreApplication::translate("Sync", "an empty page"));
    if (parseError.error != QJsonParseError::NoError)
        return corrupt(platform, QCoreApplication::translate("Sync", "a page that is not valid JSON (%1 at byte %2)")
                                     .arg(parseError.errorString())
                                     .arg(parseError.offset));
    if (!doc.isObject())
        return corrupt(platform, QCoreApplication::translate("Sync", "a page that is not a JSON object"));
    return doc.object();
}

// A Google Timestamp {"seconds": "1443676826", "nanos": 713000000}: seconds is an int64 sent as a
// string (a number is accepted too). -1 when absent or unreadable.
qint64 timestampSecs(const QJsonValue &value)
{
    const QJsonValue seconds = value.toObject().value(QLatin1String("seconds"));
    if (seconds.isString()) {
        bool ok = false;
        const qint64 secs = seconds.toString().toLongLong(&ok);
        return ok && secs >= 0 ? secs : -1;
    }
    if (seconds.isDouble() && seconds.toDouble() >= 0 && seconds.toDouble() < 1e12)
        return qint64(seconds.toDouble());
    return -1;
}

qint64 timestampMs(const QJsonValue &value)
{
    const qint64 secs = timestampSecs(value);
    if (secs < 0)
        return -1;
    const int nanos = value.toObject().value(QLatin1String("nanos")).toInt(0);
    return secs * 1000 + qBound(0, nanos, 999'999'999) / 1'000'000;
}

// Google sends "title\tbody"; a review without a title still starts with the tab. The title,
// when there is one, becomes the first line.
QString googleReviewText(const QString &raw)
{
    const qsizetype tab = raw.indexOf(QLatin1Char('\t'));
    if (tab < 0)
        return raw.trimmed();
    const QString title = raw.left(tab).trimmed();
    const QString body = raw.mid(tab + 1).trimmed();
    if (title.isEmpty())
        return body;
    return body.isEmpty() ? title : title + QStringLiteral("\n") + body;
}

AuthorRecord companyAuthor(const QString &accountId)
{
    AuthorRecord a;
    a.externalId = accountId;
    a.handle = nonNull(QString());
    a.displayName = nonNull(QString());
    return a;
}

} // namespace

Result<StoreReviewPage> parseGooglePlayReviews(const QByteArray &body, const QString &accountId, bool single)
{
    const QString platform = QStringLiteral("Google Play");
    auto root = rootObject(body, platform);
    if (!root)
        return root.failure();
    StoreReviewPage page;
    QJsonArray reviews;
    if (single) {
        reviews.append(*root);
    } else {
        // An empty window is "{}": no reviews and no tokenPagination.
        const QJsonValue list = root->value(QLatin1String("reviews"));
        if (!list.isUndefined() && !list.isArray())
            return corrupt(platform, QCoreApplication::translate("Sync", "a page whose reviews are not a list"));
        reviews = list.toArray();
        page.nextToken =
            root->value(QLatin1String("tokenPagination")).toObject().value(QLatin1String("nextPageToken")).toString();
    }
    for (const QJsonValue &value : reviews) {
        const QJsonObject review = value.toObject();
        const QString reviewId = review.value(QLatin1String("reviewId")).toString();
        if (reviewId.isEmpty())
            return corrupt(platform, QCoreApplication::translate("Sync", "a review without id"));
        // comments[0] is the customer's comment, comments[1] (if any) the developer's reply; a
        // Comment holds exactly one of the two, so each is looked for by name, not position.
        QJsonObject user;
        QJsonObject developer;
        for (const QJsonValue &c : review.value(QLatin1String("comments")).toArray()) {
            const QJsonObject comment = c.toObject();
            if (comment.contains(QLatin1String("userComment")))
                user = comment.value(QLatin1String("userComment")).toObject();
            else if (comment.contains(QLatin1String("developerComment")))
                developer = comment.value(QLatin1String("developerComment")).toObject();
        }
        const int stars = user.value(QLatin1String("starRating")).toInt(0);
        const qint64 modifiedSecs = timestampSecs(user.value(QLatin1String("lastModified")));
        if (user.isEmpty() || stars < 1 || stars > 5 || modifiedSecs < 0)
            return corrupt(platform,
                           QCoreApplication::translate("Sync", "review %1 without its rating or date").arg(reviewId));
        ++page.reviews;

        PostRecord post;
        post.channel = Channel::GooglePlay;
        post.threadExternalId = reviewId;
        post.postExternalId = outbox::googlePlayReviewPostId(reviewId, modifiedSecs);
        // The API names no reviewer id: each review has an author of its own, so that reviews by
        // different people with the same (or no) name are never taken for one customer.
        post.author.externalId = reviewId;
        post.author.handle = nonNull(QString());
        // authorName may be "" or absent: the review stays anonymous then.
        post.author.displayName = nonNull(review.value(QLatin1String("authorName")).toString().trimmed());
        post.direction = Direction::Inbound;
        post.visibility = Visibility::Public;
        post.createdAtMs = timestampMs(user.value(QLatin1String("lastModified")));
        post.text = nonNull(googleReviewText(user.value(QLatin1String("text")).toString()));
        post.language = user.value(QLatin1String("reviewerLanguage")).toString().section(QLatin1Char('_'), 0, 0);
        post.rating = stars;
        page.posts << post;

        if (!developer.isEmpty()) {
            const qint64 replySecs = timestampSecs(developer.value(QLatin1String("lastModified")));
            PostRecord reply;
            reply.channel = Channel::GooglePlay;
            reply.threadExternalId = reviewId;
            reply.postExternalId = outbox::googlePlayReplyPostId(reviewId, qMax<qint64>(replySecs, 0));
            reply.inReplyTo = post.postExternalId;
            reply.author = companyAuthor(accountId);
            reply.direction = Direction::Outbound;
            reply.visibility = Visibility::Public;
            reply.createdAtMs = replySecs < 0 ? post.createdAtMs : timestampMs(developer.value(QLatin1String("lastModified")));
            reply.text = nonNull(developer.value(QLatin1String("text")).toString());
            page.posts << reply;
        }
    }
    return page;
}

Result<StoreReviewPage> parseAppStoreReviews(const QByteArray &body, const QString &accountId)
{
    const QString platform = QStringLiteral("App Store Connect");
    auto root = rootObject(body, platform);
    if (!root)
        return root.failure();
    const QJsonValue data = root->value(QLatin1String("data"));
    if (!data.isArray())
        return corrupt(platform, QCoreApplication::translate("Sync", "a page without its list of reviews"));
    StoreReviewPage page;
    const QString next = root->value(QLatin1String("links")).toObject().value(QLatin1String("next")).toString();
    if (!next.isEmpty())
        page.nextUrl = QUrl(next);

    QHash<QString, QJsonObject> responses; // included customerReviewResponses by id
    for (const QJsonValue &v : root->value(QLatin1String("included")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("type")).toString() == QLatin1String("customerReviewResponses"))
            responses.insert(o.value(QLatin1String("id")).toString(), o);
    }
    for (const QJsonValue &value : data.toArray()) {
        const QJsonObject review = value.toObject();
        const QString reviewId = review.value(QLatin1String("id")).toString();
        const QJsonObject attributes = review.value(QLatin1String("attributes")).toObject();
        const int stars = attributes.value(QLatin1String("rating")).toInt(0);
        // createdDate carries a local offset (-08:00), which ISO parsing keeps.
        const QDateTime created =
            QDateTime::fromString(attributes.value(QLatin1String("createdDate")).toString(), Qt::ISODateWithMs);
        if (reviewId.isEmpty() || stars < 1 || stars > 5 || !created.isValid())
            return corrupt(platform, QCoreApplication::translate("Sync", "a review without id, rating or date"));
        ++page.reviews;

        PostRecord post;
        post.channel = Channel::AppStore;
        post.threadExternalId = reviewId;
        post.postExternalId = reviewId;
        post.author.externalId = reviewId; // no reviewer id either: one author per review
        post.author.handle = nonNull(QString());
        post.author.displayName = nonNull(attributes.value(QLatin1String("reviewerNickname")).toString().trimmed());
        post.direction = Direction::Inbound;
        post.visibility = Visibility::Public;
        post.createdAtMs = created.toMSecsSinceEpoch();
        const QString title = attributes.value(QLatin1String("title")).toString().trimmed();
        const QString text = attributes.value(QLatin1String("body")).toString().trimmed();
        post.text = nonNull(title.isEmpty() ? text : text.isEmpty() ? title : title + QStringLiteral("\n") + text);
        post.rating = stars;
        page.posts << post;

        const QString responseId = review.value(QLatin1String("relationships"))
                                       .toObject()
                                       .value(QLatin1String("response"))
                                       .toObject()
                                       .value(QLatin1String("data"))
                                       .toObject()
                                       .value(QLatin1String("id"))
                                       .toString();
        if (auto it = responses.constFind(responseId); !responseId.isEmpty() && it != responses.constEnd()) {
            const QJsonObject r = it->value(QLatin1String("attributes")).toObject();
            const QDateTime modified =
                QDateTime::fromString(r.value(QLatin1String("lastModifiedDate")).toString(), Qt::ISODateWithMs);
            PostRecord reply;
            reply.channel = Channel::AppStore;
            reply.threadExternalId = reviewId;
            reply.postExternalId = responseId;
            reply.inReplyTo = reviewId;
            reply.author = companyAuthor(accountId);
            reply.direction = Direction::Outbound;
            reply.visibility = Visibility::Public;
            reply.createdAtMs = modified.isValid() ? modified.toMSecsSinceEpoch() : post.createdAtMs;
            reply.text = nonNull(r.value(QLatin1String("responseBody")).toString());
            page.posts << reply;
        }
    }
    return page;
}

StoreConnector::StoreConnector(ConnectorContext context, QObject *parent) : Connector(std::move(context), parent) {}

StoreConnector::~StoreConnector() { delete m_job.data(); }

QString StoreConnector::platform() const
{
    return m_context.account.channel == Channel::GooglePlay ? QStringLiteral("Google Play")
                                                            : QStringLiteral("App Store Connect");
}

void StoreConnector::start()
{
    if (m_running)
        return;
    m_running = true;
    m_firstPage = true;
    m_renewedToken = false;
    m_result = SyncResult{};
    if (!m_context.network || !m_context.database || !m_context.clock) {
        finish(false,
               QCoreApplication::translate("Sync", "The %1 sync is not set up (network, cache or clock missing).")
                   .arg(platform()),
               net::OutcomeKind::Failed, ErrorKind::InvalidInput);
        return;
    }
    if (m_context.account.channel != Channel::GooglePlay && m_context.account.channel != Channel::AppStore) {
        finish(false, QCoreApplication::translate("Sync", "This connector syncs app-store accounts only."),
               net::OutcomeKind::Failed, ErrorKind::InvalidInput);
        return;
    }
    accounts::AccountStore store(*m_context.database);
    auto found = store.find(m_context.account.channel, m_context.account.accountId);
    if (!found) {
        finish(false, found.error(), net::OutcomeKind::Failed, found.errorKind());
        return;
    }
    if (found->has_value())
        m_context.account = **found;
    if (m_context.account.needsSignIn) {
        finish(false,
               QCoreApplication::translate("Sync", "The %1 account %2 needs signing in again before it can sync.")
                   .arg(platform(), m_context.account.accountId),
               net::OutcomeKind::AuthExpired, ErrorKind::RefusedByPolicy);
        return;
    }
    m_cursor = m_context.account.syncCursor;
    fetchPage();
}

QUrl StoreConnector::firstPageUrl() const
{
    QString base = m_context.account.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QString id = QString::fromLatin1(QUrl::toPercentEncoding(m_context.account.accountId));
    QUrlQuery query;
    QUrl url;
    if (m_context.account.channel == Channel::GooglePlay) {
        url = QUrl(base + QStringLiteral("/applications/") + id + QStringLiteral("/reviews"));
        query.addQueryItem(QStringLiteral("maxResults"), QString::number(qBound(1, m_context.pageSize, 100)));
        if (!m_cursor.isEmpty())
            query.addQueryItem(QStringLiteral("token"), m_cursor);
    } else {
        url = QUrl(base + QStringLiteral("/v1/apps/") + id + QStringLiteral("/customerReviews"));
        query.addQueryItem(QStringLiteral("include"), QStringLiteral("response"));
        query.addQueryItem(QStringLiteral("sort"), QStringLiteral("-createdDate"));
        query.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, m_context.pageSize, 200)));
    }
    url.setQuery(query);
    return url;
}

QUrl StoreConnector::rebased(const QUrl &next) const
{
    // links.next is followed as Apple gives it (its cursor is opaque), but only its path and
    // query: the token goes to the configured host alone, never to one a page names.
    QUrl url(m_context.account.baseUrl);
    url.setPath(next.path(QUrl::FullyEncoded), QUrl::TolerantMode);
    url.setQuery(next.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    return url;
}

bool StoreConnector::usesServiceAccount() const
{
    return m_context.account.channel == Channel::GooglePlay && accounts::isGoogleServiceAccountSecret(m_context.token);
}

void StoreConnector::fetchPage()
{
    if (usesServiceAccount()) {
        // The bearer token comes from the service account's key: kept from an earlier exchange,
        // or exchanged now at its token_uri.
        QPointer<StoreConnector> self(this);
        accounts::googleAuthorizationAsync(m_context.network, *m_context.clock, m_context.token, m_context.timeoutMs,
                                           this, [self](const accounts::GoogleAuthorization &authorized) {
                                               if (!self)
                                                   return;
                                               if (authorized.outcome.kind != net::OutcomeKind::Success)
                                                   self->signInFailed(authorized.outcome);
                                               else
                                                   self->sendPage(authorized.header);
                                           });
        return;
    }
    QByteArray authorization = QByteArray("Bearer ") + m_context.token.toUtf8();
    if (m_context.account.channel == Channel::AppStore) {
        // A fresh token for each page: a long sync outlives the 20 minutes one may live.
        auto made = accounts::appStoreAuthorization(m_context.token, m_context.clock->nowMs());
        if (!made) {
            finish(false, made.error(), net::OutcomeKind::AuthExpired, made.errorKind());
            return;
        }
        authorization = *made;
    }
    sendPage(authorization);
}

void StoreConnector::signInFailed(const net::HttpOutcome &outcome)
{
    // Nothing was fetched and the cursor is where the last stored page left it: the next sync
    // goes on from there. A key Google refused waits for the agent, as a refused token does.
    if (outcome.kind == net::OutcomeKind::AuthExpired) {
        QString error = outcome.message;
        accounts::AccountStore store(*m_context.database);
        if (Status marked = store.setNeedsSignIn(m_context.account.id, true); !marked)
            error += QLatin1Char(' ') + marked.error();
        finish(false, error, net::OutcomeKind::AuthExpired, ErrorKind::RefusedByPolicy);
        return;
    }
    finish(false, outcome.message, outcome.kind, outcome.errorKind());
}

void StoreConnector::sendPage(const QByteArray &authorization)
{
    net::HttpRequestSpec spec;
    const bool appStore = m_context.account.channel == Channel::AppStore;
    spec.url = appStore && !m_cursor.isEmpty() ? rebased(QUrl(m_cursor)) : firstPageUrl();
    spec.timeoutMs = m_context.timeoutMs;
    spec.headers << qMakePair(QByteArray("Authorization"), authorization);
    auto *job = new net::HttpJob(m_context.network, *m_context.clock, spec, m_context.retry, this);
    m_job = job;
    connect(job, &net::HttpJob::finished, this, &StoreConnector::onPageFinished);
    job->start();
}

QString StoreConnector::describeFailure(const net::HttpOutcome &outcome) const
{
    const QString account = m_context.account.accountId;
    switch (outcome.kind) {
    case net::OutcomeKind::RateLimited:
        return QCoreApplication::translate("Sync", "%1 says the API quota for %2 is used up (%3). The sync "
                                                   "resumes from the last stored page later; Google Play allows "
                                                   "about 200 review reads an hour, App Store Connect about 3600.")
            .arg(platform(), account, outcome.message);
    case net::OutcomeKind::AuthExpired:
        return m_context.account.channel == Channel::GooglePlay
                   ? QCoreApplication::translate("Sync", "Google Play refused the credentials of %1 (%2). Give the "
                                                         "service account access to the app's reviews in the Play "
                                                         "Console, then add the account again with a new access token "
                                                         "or service-account key file.")
                         .arg(account, outcome.message)
                   : QCoreApplication::translate("Sync", "App Store Connect refused the API key of app %1 (%2). "
                                                         "Check that the key is not revoked and the issuer and key "
                                                         "ids are right, then add the key again.")
                         .arg(account, outcome.message);
    default: break;
    }
    if (outcome.httpStatus == 403)
        return QCoreApplication::translate("Sync", "%1 refused access to the reviews of %2 (%3). The account lacks "
                                                   "the permission, or an agreement must be accepted first.")
            .arg(platform(), account, outcome.message);
    if (outcome.httpStatus == 404)
        return QCoreApplication::translate("Sync", "%1 does not know the app %2 (%3); check the account id.")
            .arg(platform(), account, outcome.message);
    return QCoreApplication::translate("Sync", "The %1 sync of %2 stopped: %3").arg(platform(), account, outcome.message);
}

void StoreConnector::onPageFinished(const net::HttpOutcome &outcome)
{
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    m_result.lastOutcome = outcome.kind;

    if (outcome.kind == net::OutcomeKind::AuthExpired && usesServiceAccount() && !m_renewedToken) {
        // The kept access token was revoked or expired early: exchange the key again, once.
        m_renewedToken = true;
        accounts::forgetGoogleAccessToken(m_context.token);
        fetchPage();
        return;
    }
    if (outcome.kind != net::OutcomeKind::Success) {
        // A credential refused: a 401, or a 403 that is not a quota (Google sends its quota errors
        // as 403 too; those were classified RateLimited). The account waits for a new sign-in.
        const bool refused = outcome.kind == net::OutcomeKind::AuthExpired ||
                             (outcome.kind == net::OutcomeKind::Failed && outcome.httpStatus == 403 &&
                              m_context.account.channel == Channel::GooglePlay);
        QString error = describeFailure(outcome);
        if (refused) {
            accounts::AccountStore store(*m_context.database);
            if (Status marked = store.setNeedsSignIn(m_context.account.id, true); !marked)
                error += QLatin1Char(' ') + marked.error();
        }
        if (m_firstPage && outcome.httpStatus == 400 && !m_cursor.isEmpty()) {
            // The page token of an interrupted sync is refused (expired): start again from the
            // first page; reviews already stored are recognised.
            m_cursor.clear();
            m_firstPage = false;
            fetchPage();
            return;
        }
        finish(false, error, refused ? net::OutcomeKind::AuthExpired : outcome.kind,
               refused ? ErrorKind::RefusedByPolicy : outcome.errorKind());
        return;
    }
    auto page = m_context.account.channel == Channel::GooglePlay
                    ? parseGooglePlayReviews(outcome.body, m_context.account.accountId)
                    : parseAppStoreReviews(outcome.body, m_context.account.accountId);
    if (!page) {
        finish(false, page.error(), net::OutcomeKind::Failed, page.errorKind());
        return;
    }
    m_firstPage = false;
    m_renewedToken = false; // a later page may renew again
    storePage(*page);
}

void StoreConnector::storePage(const StoreReviewPage &page)
{
    QString next;
    if (m_context.account.channel == Channel::GooglePlay)
        next = page.nextToken;
    else if (!page.nextUrl.isEmpty())
        next = page.nextUrl.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded);

    QElapsedTimer storeTime;
    storeTime.start();
    Ingestor ingestor(*m_context.database);
    if (Status s = ingestor.begin(); !s) {
        finish(false, s.error(), net::OutcomeKind::Failed, s.errorKind());
        return;
    }
    for (const PostRecord &post : page.posts) {
        if (Status s = ingestor.add(post); !s) {
            ingestor.rollback();
            finish(false, s.error(), net::OutcomeKind::Failed, s.errorKind());
            return;
        }
    }
    accounts::AccountStore store(*m_context.database);
    if (Status s = store.setSyncCursor(m_context.account.id, next); !s) {
        ingestor.rollback();
        finish(false, s.error(), net::OutcomeKind::Failed, s.errorKind());
        return;
    }
    if (Status s = ingestor.commit(); !s) {
        finish(false, s.error(), net::OutcomeKind::Failed, s.errorKind());
        return;
    }
    const qint64 storeMs = storeTime.elapsed();
    m_result.longestStoreMs = qMax(m_result.longestStoreMs, storeMs);
    m_cursor = next;
    m_context.account.syncCursor = next;
    m_result.pages += 1;
    m_result.postsAdded += ingestor.counts().postsAdded;
    m_result.postsAlreadyPresent += ingestor.counts().postsAlreadyPresent;
    emit progress(SyncProgress{m_context.account.tokenKey(), m_result.pages, m_result.postsAdded, storeMs});

    // To the end of the list: every sync reads the whole window (Google Play lists the last
    // week's reviews, created or edited), since an edit can move any review; the cursor only
    // lets an interrupted sync resume.
    if (m_cursor.isEmpty() || m_result.pages >= m_context.maxPages) {
        finish(true, QString(), net::OutcomeKind::Success);
        return;
    }
    if (m_stopRequested) {
        m_result.stopped = true;
        finish(false, QCoreApplication::translate("Sync", "Stopped on request after page %1.").arg(m_result.pages),
               net::OutcomeKind::Failed);
        return;
    }
    fetchPage();
}

void StoreConnector::finish(bool ok, const QString &error, net::OutcomeKind kind, ErrorKind errorKind)
{
    m_running = false;
    m_result.ok = ok;
    m_result.error = error;
    m_result.errorKind = ok ? ErrorKind::Unspecified : errorKind;
    qCInfo(lcSync) << platform() << "sync finished:" << (ok ? "ok" : errorKindName(errorKind)) << m_result.pages
                   << "pages," << m_result.postsAdded << "posts added";
    if (!ok)
        m_result.lastOutcome = kind;
    emit finished(m_result);
}

} // namespace sportello::sync
