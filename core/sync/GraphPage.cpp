#include "sync/GraphPage.h"

#include "net/HttpJob.h"
#include "net/PlatformTime.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>
#include <optional>

namespace sportello::sync {

namespace {

using Edge = GraphTask::Edge;

const QStringList &secretKeys()
{
    static const QStringList keys{QStringLiteral("access_token"),  QStringLiteral("input_token"),
                                  QStringLiteral("client_secret"), QStringLiteral("appsecret_proof"),
                                  QStringLiteral("oauth_token"),   QStringLiteral("fb_exchange_token")};
    return keys;
}

QString lastIdPart(const QString &id)
{
    const int underscore = id.lastIndexOf(QLatin1Char('_'));
    return underscore < 0 ? id : id.mid(underscore + 1);
}

// True when a newest-first page has gone back past stopBeforeSec, so its next page holds only
// what an earlier pass stored. A page that is not newest first (the platform ignored the order)
// or a single item proves nothing: paging goes on, and the cache drops what it already has.
bool reachedOlder(const QList<qint64> &times, qint64 stopBeforeSec)
{
    if (stopBeforeSec <= 0 || times.size() < 2 || times.last() >= stopBeforeSec)
        return false;
    for (int i = 1; i < times.size(); ++i)
        if (times.at(i) > times.at(i - 1))
            return false;
    return times.first() > times.last();
}

// Reads the items of one page into a GraphPage.
class PageReader {
public:
    PageReader(const GraphPageContext &context, const GraphTask &task) : m_context(context), m_task(task) {}

    GraphPage read(const QJsonObject &root)
    {
        const QString where = net::redactedUrl(m_task.url);
        noteError(root.value(QLatin1String("error")).toObject(), where);
        const QJsonArray data = root.value(QLatin1String("data")).toArray();
        for (const QJsonValue &v : data)
            readItem(v.toObject());
        // Paging: follow "next" without its token, only on our host, and not past the last pass.
        if (!data.isEmpty() && !reachedOlder(m_page.times, m_task.stopBeforeSec))
            if (auto next = followable(
                    root.value(QLatin1String("paging")).toObject().value(QLatin1String("next")).toString(), where))
                m_page.next.prepend({m_task.edge, *next, m_task.parentId, m_task.stopBeforeSec});
        return std::move(m_page);
    }

private:
    void noteTime(qint64 ms)
    {
        if (ms > 0)
            m_page.times.append(ms / 1000);
    }

    void noteError(const QJsonObject &error, const QString &where)
    {
        if (error.isEmpty())
            return;
        m_page.partialErrors.append(scrubGraphToken(QStringLiteral("%1: (#%2) %3")
                                                        .arg(where)
                                                        .arg(error.value(QLatin1String("code")).toInt())
                                                        .arg(error.value(QLatin1String("message")).toString()),
                                                    m_context.token));
    }

    // A paging link we may follow: same server as the base URL, no token, no JSONP callback.
    std::optional<QUrl> followable(const QString &next, const QString &where)
    {
        if (next.isEmpty())
            return std::nullopt;
        QUrl url = graphUrlWithoutToken(QUrl(next));
        // Links copied from the Graph Explorer carry a JSONP callback: the answer would not be JSON.
        QUrlQuery q(url);
        if (q.hasQueryItem(QStringLiteral("callback"))) {
            q.removeAllQueryItems(QStringLiteral("callback"));
            url.setQuery(q);
        }
        const QUrl &base = m_context.base;
        if (url.isValid() && url.scheme() == base.scheme() && url.host() == base.host() &&
            url.port(-1) == base.port(-1))
            return url;
        m_page.partialErrors.append(
            QCoreApplication::translate("Sync", "%1: the next page points at another server (%2) and was not fetched.")
                .arg(where, net::redactedUrl(url)));
        return std::nullopt;
    }

    AuthorRecord authorOf(const QJsonObject &from, const QString &fallbackName) const
    {
        AuthorRecord a;
        a.externalId = from.value(QLatin1String("id")).toString();
        const QString name = from.value(QLatin1String("name")).toString();
        const QString username = from.value(QLatin1String("username")).toString();
        a.handle = !username.isEmpty() ? username : (!name.isEmpty() ? name : fallbackName);
        a.displayName = !name.isEmpty() ? name : a.handle;
        if (a.externalId.isEmpty() && !a.handle.isEmpty())
            a.externalId = QStringLiteral("username:") + a.handle;
        // Graph leaves "from" out when it hides who wrote (or the field was not granted): one
        // shared unknown author, and the post counts as a customer's (inbound).
        if (a.externalId.isEmpty())
            a.externalId = QStringLiteral("unknown");
        if (a.handle.isEmpty())
            a.handle = a.externalId;
        if (a.displayName.isEmpty())
            a.displayName = a.handle;
        return a;
    }

    Direction directionOf(const AuthorRecord &author) const
    {
        return !author.externalId.isEmpty() && author.externalId == m_context.accountId ? Direction::Outbound
                                                                                         : Direction::Inbound;
    }

    PostRecord messageRecord(const QJsonObject &m, const QString &conversation) const
    {
        PostRecord p;
        p.channel = m_context.channel;
        p.threadExternalId = conversation;
        p.postExternalId = m.value(QLatin1String("id")).toString();
        p.author = authorOf(m.value(QLatin1String("from")).toObject(), QString());
        p.direction = directionOf(p.author);
        p.visibility = Visibility::Private;
        p.createdAtMs = parseGraphTime(m.value(QLatin1String("created_time")).toString());
        p.text = m.value(QLatin1String("message")).toString();
        return p;
    }

    void readItem(const QJsonObject &item)
    {
        if (item.contains(QLatin1String("error"))) { // a per-item error
            noteError(item.value(QLatin1String("error")).toObject(), net::redactedUrl(m_task.url));
            return;
        }
        switch (m_task.edge) {
        case Edge::Feed: readFeedPost(item); break;
        case Edge::PostComments:
        case Edge::IgComments: readComment(item); break;
        case Edge::Conversations: readConversation(item); break;
        case Edge::ConversationMessages: {
            const PostRecord p = messageRecord(item, m_task.parentId);
            if (p.postExternalId.isEmpty())
                return;
            noteTime(p.createdAtMs);
            m_page.posts.append(p);
            break;
        }
        case Edge::IgMedia: readMedia(item); break;
        }
    }

    void readFeedPost(const QJsonObject &item)
    {
        const QString id = item.value(QLatin1String("id")).toString();
        if (id.isEmpty())
            return;
        PostRecord p;
        p.channel = m_context.channel;
        p.threadExternalId = id;
        p.postExternalId = id;
        p.author = authorOf(item.value(QLatin1String("from")).toObject(), QString());
        p.direction = directionOf(p.author);
        p.visibility = Visibility::Public;
        p.createdAtMs = parseGraphTime(item.value(QLatin1String("created_time")).toString());
        p.text = item.value(QLatin1String("message")).toString();
        noteTime(p.createdAtMs);
        m_page.posts.append(p);
        // updated_time moves when someone comments: a post untouched since the last pass needs no
        // request. Without it, every post of the window is read again.
        const qint64 threshold = m_context.thresholdSec;
        const qint64 updatedMs = parseGraphTime(item.value(QLatin1String("updated_time")).toString());
        const bool active =
            threshold == 0 || (updatedMs > 0 ? updatedMs / 1000 >= threshold
                                             : p.createdAtMs < 0 || p.createdAtMs / 1000 >= m_context.activeSinceSec);
        if (active)
            m_page.children.append(
                {Edge::PostComments,
                 graphEdgeUrl(
                     m_context, id, QStringLiteral("comments"),
                     {{QStringLiteral("filter"), QStringLiteral("stream")},
                      {QStringLiteral("order"), QStringLiteral("reverse_chronological")},
                      {QStringLiteral("fields"),
                       QStringLiteral("id,message,created_time,from,parent,permalink_url,is_hidden,can_hide")}},
                     threshold),
                 id, threshold});
    }

    void readComment(const QJsonObject &item)
    {
        const bool ig = m_task.edge == Edge::IgComments;
        QString id = item.value(QLatin1String("id")).toString();
        QString parent = item.value(QLatin1String("parent")).toObject().value(QLatin1String("id")).toString();
        if (parent.isEmpty())
            parent = item.value(QLatin1String("parent_id")).toString();
        // Without "id" (a field list that left it out), the permalink names the comment.
        const QUrl permalinkUrl(item.value(QLatin1String("permalink_url")).toString());
        const QUrlQuery permalink(permalinkUrl);
        // ".../{page}/posts/{object}/?comment_id=..": Graph comment ids are "{object}_{comment}".
        const QStringList segments = permalinkUrl.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const int postsAt = segments.indexOf(QStringLiteral("posts"));
        const QString objectPart =
            postsAt >= 0 && postsAt + 1 < segments.size() ? segments.at(postsAt + 1) : lastIdPart(m_task.parentId);
        if (id.isEmpty()) {
            const QString reply = permalink.queryItemValue(QStringLiteral("reply_comment_id"));
            const QString comment = permalink.queryItemValue(QStringLiteral("comment_id"));
            if (!reply.isEmpty())
                id = objectPart + QLatin1Char('_') + reply;
            else if (!comment.isEmpty())
                id = objectPart + QLatin1Char('_') + comment;
        }
        if (parent.isEmpty() && !permalink.queryItemValue(QStringLiteral("reply_comment_id")).isEmpty())
            parent = objectPart + QLatin1Char('_') + permalink.queryItemValue(QStringLiteral("comment_id"));
        if (id.isEmpty()) {
            m_page.partialErrors.append(QCoreApplication::translate("Sync", "%1: a comment without an id was skipped.")
                                            .arg(net::redactedUrl(m_task.url)));
            return;
        }
        PostRecord p;
        p.channel = m_context.channel;
        p.threadExternalId = m_task.parentId;
        p.postExternalId = id;
        p.inReplyTo = parent.isEmpty() ? m_task.parentId : parent;
        p.author =
            authorOf(item.value(QLatin1String("from")).toObject(), item.value(QLatin1String("username")).toString());
        p.direction = directionOf(p.author);
        p.visibility = Visibility::Public;
        p.createdAtMs =
            parseGraphTime(item.value(ig ? QLatin1String("timestamp") : QLatin1String("created_time")).toString());
        p.text = item.value(ig ? QLatin1String("text") : QLatin1String("message")).toString();
        p.moderation = moderationOf(item, ig);
        noteTime(p.createdAtMs);
        m_page.posts.append(p);
    }

    // Facebook names the flag is_hidden and says can_hide; Instagram names it hidden and says
    // nothing of whether it may be hidden. A comment that carries neither says nothing.
    static std::optional<ModerationFlags> moderationOf(const QJsonObject &item, bool ig)
    {
        const QJsonValue hidden = item.value(ig ? QLatin1String("hidden") : QLatin1String("is_hidden"));
        const QJsonValue canHide = item.value(QLatin1String("can_hide"));
        if (!hidden.isBool() && !canHide.isBool())
            return std::nullopt;
        ModerationFlags flags;
        flags.hidden = hidden.toBool(false);
        if (canHide.isBool())
            flags.canHide = canHide.toBool();
        return flags;
    }

    void readConversation(const QJsonObject &item)
    {
        const QString conversation = item.value(QLatin1String("id")).toString();
        if (conversation.isEmpty())
            return;
        noteTime(parseGraphTime(item.value(QLatin1String("updated_time")).toString()));
        const QJsonObject nested = item.value(QLatin1String("messages")).toObject();
        QList<qint64> messageTimes;
        for (const QJsonValue &mv : nested.value(QLatin1String("data")).toArray()) {
            const PostRecord p = messageRecord(mv.toObject(), conversation);
            if (p.postExternalId.isEmpty())
                continue;
            if (p.createdAtMs > 0)
                messageTimes.append(p.createdAtMs / 1000);
            m_page.posts.append(p);
        }
        // Only the newest messages come embedded: older ones are on the nested next page, read
        // until the messages reach the last pass.
        if (!reachedOlder(messageTimes, m_context.thresholdSec))
            if (auto next = followable(
                    nested.value(QLatin1String("paging")).toObject().value(QLatin1String("next")).toString(),
                    net::redactedUrl(m_task.url)))
                m_page.next.prepend({Edge::ConversationMessages, *next, conversation, m_context.thresholdSec});
    }

    void readMedia(const QJsonObject &item)
    {
        const QString id = item.value(QLatin1String("id")).toString();
        const qint64 ms = parseGraphTime(item.value(QLatin1String("timestamp")).toString());
        noteTime(ms);
        // Media older than the window are not looked at again (see docs/network.md).
        const qint64 activeSince = m_context.activeSinceSec;
        if (!id.isEmpty() && (activeSince == 0 || ms < 0 || ms / 1000 >= activeSince))
            m_page.children.append({Edge::IgComments,
                                    graphEdgeUrl(m_context, id, QStringLiteral("comments"),
                                                 {{QStringLiteral("fields"),
                                                   QStringLiteral("id,text,timestamp,username,from,parent_id,hidden")}},
                                                 m_context.thresholdSec),
                                    id, m_context.thresholdSec});
    }

    const GraphPageContext &m_context;
    const GraphTask &m_task;
    GraphPage m_page;
};

} // namespace

GraphPage parseGraphPage(const GraphPageContext &context, const GraphTask &task, const QJsonObject &root)
{
    return PageReader(context, task).read(root);
}

Result<GraphPage> parseGraphPage(const GraphPageContext &context, const GraphTask &task, const QByteArray &body)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject() ||
        !doc.object().value(QLatin1String("data")).isArray())
        return Error{QCoreApplication::translate("Sync", "%1 answered without a \"data\" list.")
                         .arg(net::redactedUrl(task.url)),
                     ErrorKind::Corrupt};
    return parseGraphPage(context, task, doc.object());
}

QUrl graphEdgeUrl(const GraphPageContext &context, const QString &objectId, const QString &edge,
                  const QList<QPair<QString, QString>> &query, qint64 sinceSec)
{
    QUrl url = context.base.resolved(QUrl(context.version + QLatin1Char('/') +
                                          QString::fromLatin1(QUrl::toPercentEncoding(objectId)) + QLatin1Char('/') +
                                          edge));
    QUrlQuery q;
    for (const auto &item : query)
        q.addQueryItem(item.first, QString::fromLatin1(QUrl::toPercentEncoding(item.second)));
    q.addQueryItem(QStringLiteral("limit"), QString::number(context.pageSize));
    if (sinceSec > 0)
        q.addQueryItem(QStringLiteral("since"), QString::number(sinceSec));
    url.setQuery(q);
    return url;
}

QUrl graphUrlWithoutToken(const QUrl &url)
{
    QUrl copy = url;
    copy.setUserInfo(QString());
    if (copy.hasQuery()) {
        QUrlQuery query(copy);
        QUrlQuery kept;
        for (const auto &item : query.queryItems(QUrl::FullyEncoded)) {
            const QString key = QUrl::fromPercentEncoding(item.first.toUtf8());
            if (!secretKeys().contains(key, Qt::CaseInsensitive))
                kept.addQueryItem(item.first, item.second);
        }
        copy.setQuery(kept);
    }
    return copy;
}

QString scrubGraphToken(QString text, const QString &token)
{
    if (!token.isEmpty())
        text.replace(token, QStringLiteral("REDACTED"));
    return text;
}

} // namespace sportello::sync
