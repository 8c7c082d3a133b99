#include "outbox/StorePublishers.h"

#include "accounts/AppStoreJwt.h"
#include "accounts/GoogleServiceAccount.h"
#include "common/Clock.h"
#include "compose/ChannelLimits.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace sportello::outbox {

namespace {

QString encoded(const QString &id) { return QString::fromLatin1(QUrl::toPercentEncoding(id)); }

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

QJsonObject jsonObject(const QByteArray &body) { return QJsonDocument::fromJson(body).object(); }

net::HttpOutcome refusedLocally(const QString &message)
{
    net::HttpOutcome o;
    o.kind = net::OutcomeKind::Failed;
    o.message = message;
    return o;
}

// A 2xx to a request that creates something, whose answer cannot be read or names no id: the
// reply may exist, so the dispatcher reads back before anything else.
net::HttpOutcome createdWithoutId(net::HttpOutcome outcome, const QString &platform)
{
    outcome.kind = net::OutcomeKind::UnknownDelivery;
    outcome.message = QCoreApplication::translate("Outbox", "%1 accepted the reply but its answer carries no id of "
                                                            "it; the review is read back before any resend.")
                          .arg(platform);
    return outcome;
}

qint64 googleTimestampSecs(const QJsonValue &value)
{
    const QJsonValue seconds = value.toObject().value(QLatin1String("seconds"));
    bool ok = false;
    const qint64 secs = seconds.isString() ? seconds.toString().toLongLong(&ok) : qint64(seconds.toDouble(-1));
    if (seconds.isDouble())
        ok = seconds.toDouble() >= 0 && seconds.toDouble() < 1e12;
    return ok && secs >= 0 ? secs : -1;
}

qint64 isoTime(const QString &text)
{
    const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    return when.isValid() ? when.toMSecsSinceEpoch() : -1;
}

} // namespace

QString googlePlayReviewPostId(const QString &reviewId, qint64 lastModifiedSecs)
{
    return reviewId + QLatin1Char('@') + QString::number(lastModifiedSecs);
}

QString googlePlayReplyPostId(const QString &reviewId, qint64 lastModifiedSecs)
{
    return reviewId + QStringLiteral(":reply@") + QString::number(lastModifiedSecs);
}

Status checkStoreReplyLength(Channel channel, const QString &text)
{
    const LengthCheck check = checkLength(text, channel, Visibility::Public);
    if (check.sendable)
        return {};
    return Error{QCoreApplication::translate("Outbox", "The reply was not sent: %1 (%2 of at most %3 characters).")
                     .arg(check.reason.isEmpty() ? QCoreApplication::translate("Outbox", "it is too long")
                                                 : check.reason)
                     .arg(check.length)
                     .arg(check.maximum),
                 ErrorKind::InvalidInput};
}

// ------------------------------------------------------------------------------ Google Play

GooglePlayPublisher::GooglePlayPublisher(PublisherContext context, QObject *parent)
    : ChannelPublisher(std::move(context), parent)
{}

QUrl GooglePlayPublisher::reviewUrl(const QString &reviewId, const QString &suffix) const
{
    QString base = m_context.account.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QStringLiteral("/applications/") + encoded(m_context.account.accountId) +
                QStringLiteral("/reviews/") + encoded(reviewId) + suffix);
}

void GooglePlayPublisher::authorizeAsync(AuthorizeDone done)
{
    if (!accounts::isGoogleServiceAccountSecret(m_context.token)) {
        ChannelPublisher::authorizeAsync(std::move(done));
        return;
    }
    // A failed exchange ends the request before anything is sent: Retryable when Google's token
    // endpoint could not give a token (the outbox keeps the reply and tries later), AuthExpired
    // when it refused the key (the reply waits for the account's key to be added again).
    accounts::googleAuthorizationAsync(m_context.network, *m_context.clock, m_context.token, m_context.timeoutMs,
                                       this, [done = std::move(done)](const accounts::GoogleAuthorization &a) {
                                           done(a.outcome, a.header);
                                       });
}

bool GooglePlayPublisher::renewAuthorization()
{
    if (!accounts::isGoogleServiceAccountSecret(m_context.token))
        return false;
    accounts::forgetGoogleAccessToken(m_context.token);
    return true;
}

void GooglePlayPublisher::publish(const OutboundReply &reply, PublishDone done)
{
    // The API refuses "approximately" more than 350 characters after the reply may have been
    // counted against the quota; refusing here keeps the request from being made at all.
    if (Status length = checkStoreReplyLength(Channel::GooglePlay, reply.text); !length)
        return done({refusedLocally(length.error()), {}, {}});
    const QString reviewId = reply.threadExternalId;
    request("POST", reviewUrl(reviewId, QStringLiteral(":reply")),
            compact(QJsonObject{{QStringLiteral("replyText"), reply.text}}), false,
            [done, reviewId](const net::HttpOutcome &outcome) {
                PublishResult result{outcome, {}, {}};
                if (outcome.kind == net::OutcomeKind::Success) {
                    // {"result":{"replyText","lastEdited":{"seconds","nanos"}}}: the reply's
                    // version, which the next sync sees as the developerComment's lastModified.
                    const qint64 secs = googleTimestampSecs(jsonObject(outcome.body)
                                                                .value(QLatin1String("result"))
                                                                .toObject()
                                                                .value(QLatin1String("lastEdited")));
                    if (secs < 0)
                        result.outcome = createdWithoutId(outcome, QStringLiteral("Google Play"));
                    else
                        result.remoteId = googlePlayReplyPostId(reviewId, secs);
                }
                done(result);
            });
}

void GooglePlayPublisher::readBack(const OutboundReply &reply, ReadBackDone done)
{
    const QString reviewId = reply.threadExternalId;
    QPointer<GooglePlayPublisher> self(this);
    request("GET", reviewUrl(reviewId), {}, true, [self, done, reviewId](const net::HttpOutcome &outcome) {
        if (!self)
            return;
        ReadBackResult result;
        result.outcome = outcome;
        result.pages = 1;
        if (outcome.httpStatus == 404) {
            result.targetGone = true;
            result.outcome.kind = net::OutcomeKind::Success;
            return done(result);
        }
        if (outcome.kind != net::OutcomeKind::Success)
            return done(result);
        const QJsonObject review = jsonObject(outcome.body);
        if (review.value(QLatin1String("reviewId")).toString().isEmpty() &&
            !review.value(QLatin1String("comments")).isArray()) {
            result.outcome = refusedLocally(
                QCoreApplication::translate("Outbox", "Google Play answered the review read-back with something that "
                                                      "is not a review."));
            return done(result);
        }
        for (const QJsonValue &c : review.value(QLatin1String("comments")).toArray()) {
            const QJsonObject developer = c.toObject().value(QLatin1String("developerComment")).toObject();
            if (developer.isEmpty())
                continue;
            const qint64 secs = googleTimestampSecs(developer.value(QLatin1String("lastModified")));
            result.companyReplies.append({googlePlayReplyPostId(reviewId, qMax<qint64>(secs, 0)),
                                          developer.value(QLatin1String("text")).toString(),
                                          secs < 0 ? -1 : secs * 1000});
        }
        done(result);
    });
}

// ------------------------------------------------------------------------ App Store Connect

AppStorePublisher::AppStorePublisher(PublisherContext context, QObject *parent)
    : ChannelPublisher(std::move(context), parent)
{}

Result<QByteArray> AppStorePublisher::authorization() const
{
    // A token made now for this one request: it lives at most 20 minutes and is never kept.
    return accounts::appStoreAuthorization(m_context.token, m_context.clock->nowMs());
}

QUrl AppStorePublisher::endpoint(const QString &path) const
{
    QString base = m_context.account.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + path);
}

void AppStorePublisher::currentResponse(const QString &reviewId, std::function<void(const Current &)> done)
{
    QPointer<AppStorePublisher> self(this);
    request("GET", endpoint(QStringLiteral("/v1/customerReviews/%1/response").arg(encoded(reviewId))), {}, true,
            [self, done, reviewId](const net::HttpOutcome &outcome) {
                if (!self)
                    return;
                Current current;
                current.outcome = outcome;
                if (outcome.kind == net::OutcomeKind::Success) {
                    const QJsonObject data = jsonObject(outcome.body).value(QLatin1String("data")).toObject();
                    const QJsonObject attributes = data.value(QLatin1String("attributes")).toObject();
                    current.response = {data.value(QLatin1String("id")).toString(),
                                        attributes.value(QLatin1String("responseBody")).toString(),
                                        isoTime(attributes.value(QLatin1String("lastModifiedDate")).toString())};
                    return done(current);
                }
                if (outcome.httpStatus != 404)
                    return done(current);
                // No response, or no review: the review itself tells which.
                self->request("GET", self->endpoint(QStringLiteral("/v1/customerReviews/%1").arg(encoded(reviewId))),
                              {}, true, [self, done, current](const net::HttpOutcome &review) mutable {
                                  if (!self)
                                      return;
                                  current.outcome = review;
                                  if (review.httpStatus == 404) {
                                      current.reviewGone = true;
                                      current.outcome.kind = net::OutcomeKind::Success;
                                  }
                                  done(current);
                              });
            });
}

void AppStorePublisher::publish(const OutboundReply &reply, PublishDone done)
{
    if (Status length = checkStoreReplyLength(Channel::AppStore, reply.text); !length)
        return done({refusedLocally(length.error()), {}, {}});
    // One response per review: an existing one is deleted first, then the new one created (the
    // agent decided to replace it). Should the create fail after the delete, the review is left
    // without a response and the entry fails or is read back like any other.
    QPointer<AppStorePublisher> self(this);
    currentResponse(reply.threadExternalId, [self, reply, done](const Current &current) {
        if (!self)
            return;
        if (current.outcome.kind != net::OutcomeKind::Success)
            return done({current.outcome, {}, {}});
        if (current.reviewGone)
            return done({refusedLocally(QCoreApplication::translate(
                             "Outbox", "The App Store review was deleted; there is nothing to reply to.")),
                         {},
                         {}});
        if (current.response.id.isEmpty())
            return self->create(reply, done);
        self->request("DELETE",
                      self->endpoint(QStringLiteral("/v1/customerReviewResponses/%1").arg(encoded(current.response.id))),
                      {}, true, [self, reply, done](const net::HttpOutcome &deleted) {
                          if (!self)
                              return;
                          if (deleted.kind != net::OutcomeKind::Success && deleted.httpStatus != 404)
                              return done({deleted, {}, {}});
                          self->create(reply, done);
                      });
    });
}

void AppStorePublisher::create(const OutboundReply &reply, PublishDone done)
{
    const QJsonObject body{
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("customerReviewResponses")},
                     {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("responseBody"), reply.text}}},
                     {QStringLiteral("relationships"),
                      QJsonObject{{QStringLiteral("review"),
                                   QJsonObject{{QStringLiteral("data"),
                                                QJsonObject{{QStringLiteral("type"), QStringLiteral("customerReviews")},
                                                            {QStringLiteral("id"), reply.threadExternalId}}}}}}}}}};
    request("POST", endpoint(QStringLiteral("/v1/customerReviewResponses")), compact(body), false,
            [done](const net::HttpOutcome &outcome) {
                PublishResult result{outcome, {}, {}};
                if (outcome.kind == net::OutcomeKind::Success) {
                    result.remoteId =
                        jsonObject(outcome.body).value(QLatin1String("data")).toObject().value(QLatin1String("id")).toString();
                    if (result.remoteId.isEmpty())
                        result.outcome = createdWithoutId(outcome, QStringLiteral("App Store Connect"));
                }
                done(result);
            });
}

void AppStorePublisher::readBack(const OutboundReply &reply, ReadBackDone done)
{
    QPointer<AppStorePublisher> self(this);
    currentResponse(reply.threadExternalId, [self, done](const Current &current) {
        if (!self)
            return;
        ReadBackResult result;
        result.outcome = current.outcome;
        result.pages = 1;
        result.targetGone = current.reviewGone;
        if (!current.response.id.isEmpty())
            result.companyReplies.append(current.response);
        done(result);
    });
}

void AppStorePublisher::deleteResponse(const QString &reviewId, std::function<void(const net::HttpOutcome &)> done)
{
    QPointer<AppStorePublisher> self(this);
    currentResponse(reviewId, [self, done](const Current &current) {
        if (!self)
            return;
        if (current.outcome.kind != net::OutcomeKind::Success || current.response.id.isEmpty())
            return done(current.outcome);
        self->request("DELETE",
                      self->endpoint(QStringLiteral("/v1/customerReviewResponses/%1").arg(encoded(current.response.id))),
                      {}, true, done);
    });
}

} // namespace sportello::outbox
