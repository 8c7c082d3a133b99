#include "outbox/ChannelPublisher.h"

#include "accounts/Accounts.h"
#include "common/Clock.h"
#include "net/PlatformTime.h"
#include "outbox/StorePublishers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>
#include <algorithm>
#include <memory>

namespace sportello::outbox {

namespace {

QString encoded(const QString &id) { return QString::fromLatin1(QUrl::toPercentEncoding(id)); }

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// The JSON object of a 2xx answer; an error message when the body is not one.
Result<QJsonObject> answerObject(const net::HttpOutcome &outcome, const QString &what)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.body, &pe);
    if (outcome.body.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Outbox", "%1: the answer was empty.").arg(what), ErrorKind::Network};
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error{QCoreApplication::translate("Outbox", "%1: the answer is not a JSON object.").arg(what),
                     ErrorKind::Network};
    return doc.object();
}

// A 2xx that cannot be read is an outcome the dispatcher must not trust either way.
net::HttpOutcome unreadable(net::HttpOutcome outcome, const QString &message, net::OutcomeKind kind)
{
    outcome.kind = kind;
    outcome.message = message;
    return outcome;
}

// A 2xx that names no new post: created or not, we cannot tell, so the thread is read back
// before anything else. `what` says what was sent ("The reply was accepted").
net::HttpOutcome withoutNewPostId(const net::HttpOutcome &outcome, const QString &what)
{
    return unreadable(
        outcome, QCoreApplication::translate("Outbox", "%1 but its answer carries no id of the new post.").arg(what),
        net::OutcomeKind::UnknownDelivery);
}

// A 2xx to a request that creates something may well have created it, whatever its body says.
net::HttpOutcome sendOutcome(const net::HttpOutcome &outcome)
{
    net::HttpOutcome o = outcome;
    if (o.httpStatus >= 200 && o.httpStatus < 300 && o.kind == net::OutcomeKind::Failed) {
        o.kind = net::OutcomeKind::UnknownDelivery;
        o.message = QCoreApplication::translate("Outbox", "%1; the reply may have been created, so the thread is "
                                                          "checked before any resend")
                        .arg(o.message);
    }
    return o;
}

net::HttpOutcome refusedLocally(const QString &message)
{
    net::HttpOutcome o;
    o.kind = net::OutcomeKind::Failed;
    o.message = message;
    return o;
}

qint64 isoTime(const QString &text)
{
    const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    return when.isValid() ? when.toMSecsSinceEpoch() : -1;
}

void sortOldestFirst(QVector<RemoteReply> &replies)
{
    std::stable_sort(replies.begin(), replies.end(),
                     [](const RemoteReply &a, const RemoteReply &b) { return a.createdAtMs < b.createdAtMs; });
}

// Graph says an object is gone with HTTP 404, or code 100 with subcode 33 ("Object with ID ...
// does not exist"). Code 100 alone is also a missing permission, which is not a deleted post.
bool graphObjectGone(const net::HttpOutcome &outcome)
{
    if (outcome.httpStatus == 404)
        return true;
    if (outcome.apiErrorCode != 100)
        return false;
    const QJsonObject error = QJsonDocument::fromJson(outcome.body).object().value(QLatin1String("error")).toObject();
    return error.value(QLatin1String("error_subcode")).toInt() == 33 ||
           error.value(QLatin1String("message")).toString().contains(QLatin1String("does not exist"));
}

// One page of an X list (timeline or DM events): the items `ours` accepts, the next page by
// meta.next_token, and the oldest created_at on the page.
Result<ChannelPublisher::Page> xPage(const net::HttpOutcome &outcome, const QUrl &url, const QString &what,
                                     const std::function<bool(const QJsonObject &)> &ours)
{
    auto root = answerObject(outcome, what);
    if (!root)
        return root.failure();
    const QJsonValue data = root->value(QLatin1String("data"));
    if (!(data.isArray() || data.isUndefined()))
        return Error{QCoreApplication::translate("Outbox", "%1: data is not a list.").arg(what), ErrorKind::Network};
    ChannelPublisher::Page page;
    for (const QJsonValue &v : data.toArray()) {
        const QJsonObject item = v.toObject();
        const qint64 at = isoTime(item.value(QLatin1String("created_at")).toString());
        if (at >= 0 && (page.oldestMs < 0 || at < page.oldestMs))
            page.oldestMs = at;
        if (ours(item))
            page.replies.append(
                {item.value(QLatin1String("id")).toString(), item.value(QLatin1String("text")).toString(), at});
    }
    const QString token = root->value(QLatin1String("meta")).toObject().value(QLatin1String("next_token")).toString();
    if (!token.isEmpty()) {
        QUrlQuery q(url);
        q.removeAllQueryItems(QStringLiteral("pagination_token"));
        q.addQueryItem(QStringLiteral("pagination_token"), token);
        page.next = url;
        page.next.setQuery(q);
    }
    return page;
}

} // namespace

bool sameReplyText(const QString &sent, const QString &seen)
{
    static const QRegularExpression leadingMentions(QStringLiteral("^(@\\w+\\s+)+"));
    static const QRegularExpression links(QStringLiteral("\\bhttps?://\\S+"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression numeric(QStringLiteral("&#(x[0-9A-Fa-f]+|[0-9]+);"));
    auto norm = [](QString t) {
        // X returns text HTML-escaped; &amp; last, so "&amp;lt;" stays "&lt;".
        QString out;
        qsizetype from = 0;
        auto it = numeric.globalMatch(t);
        while (it.hasNext()) {
            const auto m = it.next();
            const QString code = m.captured(1);
            bool ok = false;
            const uint cp = code.startsWith(QLatin1Char('x')) ? code.mid(1).toUInt(&ok, 16) : code.toUInt(&ok);
            out += t.mid(from, m.capturedStart() - from);
            out += ok && cp > 0 && cp <= 0x10FFFF ? QString::fromUcs4(reinterpret_cast<const char32_t *>(&cp), 1)
                                                  : m.captured();
            from = m.capturedEnd();
        }
        out += t.mid(from);
        out.replace(QLatin1String("&lt;"), QLatin1String("<"));
        out.replace(QLatin1String("&gt;"), QLatin1String(">"));
        out.replace(QLatin1String("&quot;"), QLatin1String("\""));
        out.replace(QLatin1String("&apos;"), QLatin1String("'"));
        out.replace(QLatin1String("&amp;"), QLatin1String("&"));
        // Every link becomes one mark: X shows https://t.co/... for whatever was sent.
        out.replace(links, QStringLiteral("\u2009URL\u2009"));
        out = out.simplified();
        out.remove(leadingMentions);
        return out;
    };
    const QString a = norm(sent);
    return !a.isEmpty() && a == norm(seen);
}

ChannelPublisher::ChannelPublisher(PublisherContext context, QObject *parent)
    : QObject(parent), m_context(std::move(context))
{}

ChannelPublisher::~ChannelPublisher() = default;

Result<std::unique_ptr<ChannelPublisher>> ChannelPublisher::create(PublisherContext context)
{
    switch (context.account.channel) {
    case Channel::X: return std::unique_ptr<ChannelPublisher>(new XPublisher(std::move(context)));
    case Channel::Facebook:
    case Channel::Instagram: return std::unique_ptr<ChannelPublisher>(new GraphPublisher(std::move(context)));
    case Channel::GooglePlay: return std::unique_ptr<ChannelPublisher>(new GooglePlayPublisher(std::move(context)));
    case Channel::AppStore: return std::unique_ptr<ChannelPublisher>(new AppStorePublisher(std::move(context)));
    default:
        return Error{QCoreApplication::translate("Outbox", "Sportello cannot send replies on %1.")
                         .arg(label(context.account.channel)),
                     ErrorKind::RefusedByPolicy};
    }
}

Result<QByteArray> ChannelPublisher::authorization() const { return "Bearer " + m_context.token.toUtf8(); }

void ChannelPublisher::authorizeAsync(AuthorizeDone done)
{
    auto authorized = authorization();
    if (!authorized) {
        net::HttpOutcome refused;
        refused.kind = net::OutcomeKind::AuthExpired;
        refused.message = authorized.error();
        done(refused, {});
        return;
    }
    done({}, *authorized);
}

void ChannelPublisher::request(const QByteArray &verb, const QUrl &url, const QByteArray &jsonBody, bool idempotent,
                               std::function<void(const net::HttpOutcome &)> done)
{
    send(verb, url, jsonBody, idempotent, std::move(done), false);
}

void ChannelPublisher::send(const QByteArray &verb, const QUrl &url, const QByteArray &jsonBody, bool idempotent,
                            std::function<void(const net::HttpOutcome &)> done, bool renewed)
{
    QPointer<ChannelPublisher> self(this);
    authorizeAsync([self, verb, url, jsonBody, idempotent, done = std::move(done),
                    renewed](const net::HttpOutcome &refused, const QByteArray &header) mutable {
        if (!self)
            return;
        if (header.isEmpty()) {
            done(refused);
            return;
        }
        net::HttpRequestSpec spec;
        spec.verb = verb;
        spec.url = url;
        spec.body = jsonBody;
        spec.timeoutMs = self->m_context.timeoutMs;
        spec.idempotent = idempotent;
        spec.expectJson = verb != "DELETE";
        spec.headers.append({QByteArrayLiteral("Authorization"), header});
        spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
        if (!jsonBody.isEmpty())
            spec.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        // One attempt: the dispatcher decides about every retry, with the outbox state committed.
        net::RetryPolicy once;
        once.maxAttempts = 1;
        auto *job = new net::HttpJob(self->m_context.network, *self->m_context.clock, spec, once, self);
        connect(job, &net::HttpJob::finished, self,
                [self, job, verb, url, jsonBody, idempotent, done = std::move(done),
                 renewed](const net::HttpOutcome &outcome) mutable {
                    job->deleteLater();
                    if (outcome.httpStatus == 401 && !renewed && self && self->renewAuthorization()) {
                        self->send(verb, url, jsonBody, idempotent, std::move(done), true);
                        return;
                    }
                    done(outcome);
                });
        job->start();
    });
}

void ChannelPublisher::readPages(const QUrl &url, qint64 notBeforeMs, PageParser parse, ReadBackResult sofar,
                                 ReadBackDone done)
{
    QPointer<ChannelPublisher> self(this);
    request("GET", url, {}, true, [self, notBeforeMs, parse, sofar, done](const net::HttpOutcome &outcome) mutable {
        if (!self)
            return;
        sofar.outcome = outcome;
        if (outcome.kind != net::OutcomeKind::Success)
            return done(sofar);
        auto page = parse(outcome);
        if (!page) {
            sofar.outcome = unreadable(outcome, page.error(), net::OutcomeKind::Failed);
            return done(sofar);
        }
        ++sofar.pages;
        sofar.companyReplies += page->replies;
        const bool reachedBack = page->oldestMs >= 0 && page->oldestMs < notBeforeMs;
        if (page->next.isEmpty() || reachedBack) {
            sortOldestFirst(sofar.companyReplies);
            return done(sofar);
        }
        if (sofar.pages >= kReadBackMaxPages) {
            sofar.complete = false;
            sortOldestFirst(sofar.companyReplies);
            return done(sofar);
        }
        self->readPages(page->next, notBeforeMs, parse, sofar, done);
    });
}

// ---------------------------------------------------------------------------------------- X

XPublisher::XPublisher(PublisherContext context, QObject *parent) : ChannelPublisher(std::move(context), parent) {}

QUrl XPublisher::endpoint(const QString &path) const
{
    QString base = m_context.account.baseUrl;
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    return QUrl(base).resolved(QUrl(path));
}

void XPublisher::publish(const OutboundReply &reply, PublishDone done)
{
    QUrl url;
    QJsonObject body{{QStringLiteral("text"), reply.text}};
    const bool dm = reply.visibility == Visibility::Private;
    if (dm) {
        if (reply.recipientId.isEmpty()) {
            done(
                {refusedLocally(QCoreApplication::translate("Outbox", "The customer's X user id is unknown: the direct "
                                                                      "message cannot be addressed.")),
                 {},
                 {}});
            return;
        }
        url = endpoint(QStringLiteral("dm_conversations/with/%1/messages").arg(encoded(reply.recipientId)));
    } else {
        if (reply.threadIsPrivate) {
            done({refusedLocally(QCoreApplication::translate("Outbox", "A direct-message conversation cannot get a "
                                                                       "public reply; choose a private reply.")),
                  {},
                  {}});
            return;
        }
        url = endpoint(QStringLiteral("tweets"));
        body.insert(QStringLiteral("reply"), QJsonObject{{QStringLiteral("in_reply_to_tweet_id"), reply.targetPostId}});
    }
    request("POST", url, compact(body), false, [done, dm](const net::HttpOutcome &answer) {
        const net::HttpOutcome outcome = sendOutcome(answer);
        PublishResult result{outcome, {}, {}};
        if (outcome.kind == net::OutcomeKind::Success) {
            const QString what = QCoreApplication::translate("Outbox", "X accepted the reply");
            auto root = answerObject(outcome, what);
            const QJsonObject data = root ? root->value(QLatin1String("data")).toObject() : QJsonObject();
            result.remoteId = data.value(dm ? QLatin1String("dm_event_id") : QLatin1String("id")).toString();
            result.remoteThreadId = data.value(QLatin1String("dm_conversation_id")).toString();
            if (result.remoteId.isEmpty())
                result.outcome = withoutNewPostId(outcome, what);
        }
        done(result);
    });
}

void XPublisher::readBack(const OutboundReply &reply, ReadBackDone done)
{
    const QString account = m_context.account.accountId;
    const qint64 notBefore = reply.decidedAtMs - kPlatformClockSkewMs;
    if (reply.visibility == Visibility::Private) {
        QUrl url = endpoint(QStringLiteral("dm_conversations/with/%1/dm_events").arg(encoded(reply.recipientId)));
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("dm_event.fields"), QStringLiteral("id,text,created_at,sender_id,event_type"));
        q.addQueryItem(QStringLiteral("event_types"), QStringLiteral("MessageCreate"));
        q.addQueryItem(QStringLiteral("max_results"), QStringLiteral("100"));
        url.setQuery(q);
        readPages(
            url, notBefore,
            [url, account](const net::HttpOutcome &outcome) -> Result<Page> {
                return xPage(outcome, url, QCoreApplication::translate("Outbox", "Reading the X conversation back"),
                             [account](const QJsonObject &e) {
                                 return e.value(QLatin1String("sender_id")).toString() == account;
                             });
            },
            ReadBackResult{}, done);
        return;
    }
    // First the target itself: X answers 200 with a "Not Found Error" for a deleted post.
    QUrl target = endpoint(QStringLiteral("tweets/%1").arg(encoded(reply.targetPostId)));
    QPointer<XPublisher> self(this);
    request("GET", target, {}, true, [self, reply, done](const net::HttpOutcome &outcome) {
        if (!self)
            return;
        ReadBackResult gone;
        gone.outcome = outcome;
        if (outcome.httpStatus == 404) {
            gone.targetGone = true;
        } else if (outcome.kind == net::OutcomeKind::Success) {
            auto root = answerObject(outcome, QCoreApplication::translate("Outbox", "Reading the X post back"));
            if (!root) {
                gone.outcome = unreadable(outcome, root.error(), net::OutcomeKind::Failed);
                return done(gone);
            }
            if (!root->value(QLatin1String("data")).isObject()) {
                bool notFound = false;
                for (const QJsonValue &e : root->value(QLatin1String("errors")).toArray()) {
                    const QJsonObject err = e.toObject();
                    notFound =
                        notFound ||
                        err.value(QLatin1String("type")).toString().endsWith(QLatin1String("resource-not-found")) ||
                        err.value(QLatin1String("title")).toString() == QLatin1String("Not Found Error");
                }
                if (!notFound) {
                    gone.outcome =
                        unreadable(outcome,
                                   QCoreApplication::translate("Outbox", "Reading the X post back: "
                                                                         "neither the post nor an error came back."),
                                   net::OutcomeKind::Failed);
                    return done(gone);
                }
                gone.targetGone = true;
            }
        } else {
            return done(gone);
        }
        self->readPublicReplies(reply, [done, gone](const ReadBackResult &replies) {
            ReadBackResult result = replies;
            result.targetGone = gone.targetGone;
            done(result);
        });
    });
}

void XPublisher::readPublicReplies(const OutboundReply &reply, ReadBackDone done)
{
    const QString account = m_context.account.accountId;
    // The account's own posts newer than the target, replies included: a reply to the target
    // can only be among them, and this timeline is consistent at once (search is not).
    QUrl url = endpoint(QStringLiteral("users/%1/tweets").arg(encoded(account)));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("since_id"), reply.targetPostId);
    q.addQueryItem(QStringLiteral("max_results"), QStringLiteral("100"));
    q.addQueryItem(QStringLiteral("tweet.fields"),
                   QStringLiteral("created_at,conversation_id,referenced_tweets,author_id"));
    url.setQuery(q);
    // Back to the decision at most (X keeps the timeline newest first).
    const qint64 notBefore = reply.decidedAtMs - kPlatformClockSkewMs;
    if (notBefore > 0) {
        q.addQueryItem(QStringLiteral("start_time"),
                       QDateTime::fromMSecsSinceEpoch(notBefore, Qt::UTC).toString(Qt::ISODate));
        url.setQuery(q);
    }
    const QString target = reply.targetPostId;
    readPages(
        url, notBefore,
        [url, target, account](const net::HttpOutcome &outcome) -> Result<Page> {
            return xPage(outcome, url, QCoreApplication::translate("Outbox", "Reading the X thread back"),
                         [target, account](const QJsonObject &t) {
                             const QString author = t.value(QLatin1String("author_id")).toString();
                             if (!author.isEmpty() && author != account)
                                 return false;
                             for (const QJsonValue &ref : t.value(QLatin1String("referenced_tweets")).toArray()) {
                                 const QJsonObject r = ref.toObject();
                                 if (r.value(QLatin1String("type")).toString() == QLatin1String("replied_to") &&
                                     r.value(QLatin1String("id")).toString() == target)
                                     return true;
                             }
                             return false;
                         });
        },
        ReadBackResult{}, done);
}

// ------------------------------------------------------------------------------------ Graph

GraphPublisher::GraphPublisher(PublisherContext context, QObject *parent) : ChannelPublisher(std::move(context), parent)
{
    QString base = m_context.account.baseUrl;
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    m_base = QUrl(base);
}

QUrl GraphPublisher::endpoint(const QString &objectId, const QString &edge) const
{
    const QString version = m_context.graphApiVersion.isEmpty() ? QString::fromLatin1(accounts::kDefaultGraphApiVersion)
                                                                : m_context.graphApiVersion;
    return m_base.resolved(QUrl(version + QLatin1Char('/') + encoded(objectId) + QLatin1Char('/') + edge));
}

QString GraphPublisher::publicReplyObject(const OutboundReply &reply)
{
    // A reply to a reply goes on its parent comment; the thread's root post is never a parent.
    if (!reply.targetParentId.isEmpty() && reply.targetParentId != reply.threadExternalId)
        return reply.targetParentId;
    return reply.targetPostId;
}

void GraphPublisher::publish(const OutboundReply &reply, PublishDone done)
{
    const bool ig = m_context.account.channel == Channel::Instagram;
    QUrl url;
    QJsonObject body;
    QString idField = QStringLiteral("id");
    if (reply.visibility == Visibility::Public) {
        if (reply.threadIsPrivate) {
            done({refusedLocally(QCoreApplication::translate("Outbox", "A Messenger conversation cannot get a public "
                                                                       "reply; choose a private reply.")),
                  {},
                  {}});
            return;
        }
        const QString object = publicReplyObject(reply);
        // Instagram: comments on the media itself, replies on a comment.
        const QString edge =
            ig && object != reply.threadExternalId ? QStringLiteral("replies") : QStringLiteral("comments");
        url = endpoint(object, edge);
        body.insert(QStringLiteral("message"), reply.text);
    } else {
        url = endpoint(m_context.account.accountId, QStringLiteral("messages"));
        idField = QStringLiteral("message_id");
        if (reply.threadIsPrivate) {
            if (reply.recipientId.isEmpty()) {
                done(
                    {refusedLocally(QCoreApplication::translate("Outbox", "The customer's Messenger id is unknown: the "
                                                                          "message cannot be addressed.")),
                     {},
                     {}});
                return;
            }
            body.insert(QStringLiteral("recipient"), QJsonObject{{QStringLiteral("id"), reply.recipientId}});
            body.insert(QStringLiteral("messaging_type"), QStringLiteral("RESPONSE"));
        } else {
            // A private reply to a public comment.
            body.insert(QStringLiteral("recipient"), QJsonObject{{QStringLiteral("comment_id"), reply.targetPostId}});
        }
        body.insert(QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), reply.text}});
    }
    const QString channelName = label(m_context.account.channel);
    request("POST", url, compact(body), false, [done, idField, channelName](const net::HttpOutcome &answer) {
        const net::HttpOutcome outcome = sendOutcome(answer);
        PublishResult result{outcome, {}, {}};
        if (outcome.kind == net::OutcomeKind::Success) {
            const QString what = QCoreApplication::translate("Outbox", "%1 accepted the reply").arg(channelName);
            auto root = answerObject(outcome, what);
            if (root)
                result.remoteId = root->value(idField).toString();
            if (result.remoteId.isEmpty())
                result.outcome = withoutNewPostId(outcome, what);
        }
        done(result);
    });
}

void GraphPublisher::readBack(const OutboundReply &reply, ReadBackDone done)
{
    const bool ig = m_context.account.channel == Channel::Instagram;
    QUrl url;
    QUrlQuery q;
    if (reply.visibility == Visibility::Private) {
        if (!reply.threadIsPrivate) {
            ReadBackResult result;
            result.supported = false;
            result.outcome.kind = net::OutcomeKind::Success;
            done(result);
            return;
        }
        url = endpoint(reply.threadExternalId, QStringLiteral("messages"));
        q.addQueryItem(QStringLiteral("fields"), QStringLiteral("id,message,created_time,from"));
    } else {
        const QString object = publicReplyObject(reply);
        const QString edge =
            ig && object != reply.threadExternalId ? QStringLiteral("replies") : QStringLiteral("comments");
        url = endpoint(object, edge);
        q.addQueryItem(QStringLiteral("fields"), ig ? QStringLiteral("id,text,timestamp,from,username")
                                                    : QStringLiteral("id,message,created_time,from"));
        if (!ig) {
            q.addQueryItem(QStringLiteral("filter"), QStringLiteral("stream"));
            q.addQueryItem(QStringLiteral("order"), QStringLiteral("reverse_chronological"));
        }
    }
    q.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
    url.setQuery(q);
    const QString account = m_context.account.accountId;
    // Comments read reverse_chronological and Messenger messages come newest first, so paging stops
    // once a page reaches back before the decision; Instagram replies come oldest first: read to the end.
    const bool newestFirst = !ig || reply.visibility == Visibility::Private;
    auto parse = [account, ig, newestFirst](const net::HttpOutcome &outcome) -> Result<Page> {
        auto root = answerObject(outcome, QCoreApplication::translate("Outbox", "Reading the thread back"));
        if (!root)
            return root.failure();
        if (!root->value(QLatin1String("data")).isArray())
            return Error{QCoreApplication::translate("Outbox", "Reading the thread back: the answer has no data list."),
                         ErrorKind::Network};
        Page page;
        for (const QJsonValue &v : root->value(QLatin1String("data")).toArray()) {
            const QJsonObject item = v.toObject();
            const QString when = item.value(ig ? QLatin1String("timestamp") : QLatin1String("created_time")).toString();
            const qint64 at = parseGraphTime(when);
            if (newestFirst && at >= 0 && (page.oldestMs < 0 || at < page.oldestMs))
                page.oldestMs = at;
            if (item.value(QLatin1String("from")).toObject().value(QLatin1String("id")).toString() != account)
                continue;
            const QString text = item.value(ig ? QLatin1String("text") : QLatin1String("message")).toString();
            page.replies.append({item.value(QLatin1String("id")).toString(), text, at});
        }
        const QString next = root->value(QLatin1String("paging")).toObject().value(QLatin1String("next")).toString();
        if (!next.isEmpty()) {
            // The token travels in the header; a token Graph echoes into the link is dropped.
            QUrl nextUrl(next);
            QUrlQuery nextQuery(nextUrl);
            nextQuery.removeAllQueryItems(QStringLiteral("access_token"));
            nextUrl.setQuery(nextQuery);
            page.next = nextUrl;
        }
        return page;
    };
    readPages(url, reply.decidedAtMs - kPlatformClockSkewMs, parse, ReadBackResult{},
              [done](const ReadBackResult &read) {
                  ReadBackResult result = read;
                  if (result.outcome.kind != net::OutcomeKind::Success && result.pages == 0 &&
                      graphObjectGone(result.outcome)) {
                      result.targetGone = true;
                      result.outcome.kind = net::OutcomeKind::Success; // the answer is clear: nothing to reply to
                  }
                  done(result);
              });
}

} // namespace sportello::outbox
