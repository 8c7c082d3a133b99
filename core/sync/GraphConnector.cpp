#include "sync/GraphConnector.h"

#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "net/PlatformTime.h"
#include "storage/Database.h"
#include "sync/SyncLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>

namespace sportello::sync {

namespace {

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

// Never lets a token through into a message, whatever the platform echoed.
QString scrub(QString text, const QString &token)
{
    if (!token.isEmpty())
        text.replace(token, QStringLiteral("REDACTED"));
    return text;
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

const char *edgeName(GraphTask::Edge edge)
{
    switch (edge) {
    case GraphTask::Edge::Feed: return "feed";
    case GraphTask::Edge::PostComments: return "comments";
    case GraphTask::Edge::Conversations: return "conversations";
    case GraphTask::Edge::ConversationMessages: return "messages";
    case GraphTask::Edge::IgMedia: return "media";
    case GraphTask::Edge::IgComments: return "ig_comments";
    }
    return "";
}

std::optional<GraphTask::Edge> edgeFromName(const QString &name)
{
    for (auto e : {GraphTask::Edge::Feed, GraphTask::Edge::PostComments, GraphTask::Edge::Conversations,
                   GraphTask::Edge::ConversationMessages, GraphTask::Edge::IgMedia, GraphTask::Edge::IgComments})
        if (name == QLatin1String(edgeName(e)))
            return e;
    return std::nullopt;
}

} // namespace

GraphCursor GraphCursor::parse(const QString &stored)
{
    GraphCursor c;
    const QString text = stored.trimmed();
    if (!text.startsWith(QLatin1Char('{'))) {
        c.sinceSec = qMax<qint64>(0, text.toLongLong());
        return c;
    }
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    c.sinceSec = qMax<qint64>(0, o.value(QLatin1String("since")).toInteger());
    c.startedSec = qMax<qint64>(0, o.value(QLatin1String("started")).toInteger());
    for (const QJsonValue &v : o.value(QLatin1String("pending")).toArray()) {
        const QJsonObject t = v.toObject();
        const auto edge = edgeFromName(t.value(QLatin1String("edge")).toString());
        const QString link = t.value(QLatin1String("url")).toString();
        const QUrl url(link, QUrl::StrictMode);
        // toString() writes a path from the root and a query, nothing else. Anything more (a
        // scheme, a host: "//host/x", a fragment) or less (no path) was not written here: resolved
        // against the base URL, a host of its own would take the account's token elsewhere. Such an
        // entry, like an unreadable one, is dropped; the next complete pass reads it again.
        const bool pathAndQueryOnly = link.startsWith(QLatin1Char('/')) && !link.startsWith(QLatin1String("//")) &&
                                      url.isValid() && url.scheme().isEmpty() && !url.hasFragment();
        if (!edge || !pathAndQueryOnly)
            continue;
        c.pending.append({*edge, url, t.value(QLatin1String("parent")).toString(),
                          t.value(QLatin1String("stop_before")).toInteger()});
    }
    return c;
}

QString GraphCursor::toString() const
{
    if (!inProgress())
        return sinceSec > 0 ? QString::number(sinceSec) : QString();
    QJsonArray tasks;
    for (const GraphTask &t : pending) {
        // Only the path and query: the base URL is the account's, and may change.
        QJsonObject o{
            {QStringLiteral("edge"), QLatin1String(edgeName(t.edge))},
            {QStringLiteral("url"), t.url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded)}};
        if (!t.parentId.isEmpty())
            o.insert(QStringLiteral("parent"), t.parentId);
        if (t.stopBeforeSec > 0)
            o.insert(QStringLiteral("stop_before"), t.stopBeforeSec);
        tasks.append(o);
    }
    QJsonObject o{{QStringLiteral("since"), sinceSec},
                  {QStringLiteral("started"), startedSec},
                  {QStringLiteral("pending"), tasks}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

GraphConnector::GraphConnector(ConnectorContext context, QObject *parent) : Connector(std::move(context), parent)
{
    m_version = m_context.graphApiVersion.isEmpty() ? QString::fromLatin1(accounts::kDefaultGraphApiVersion)
                                                    : m_context.graphApiVersion;
    QString base = m_context.account.baseUrl.isEmpty() ? accounts::defaultBaseUrl(m_context.account.channel)
                                                       : m_context.account.baseUrl;
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    m_base = QUrl(base);
}

GraphConnector::~GraphConnector() = default;

QUrl GraphConnector::withoutToken(const QUrl &url)
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

QUrl GraphConnector::edgeUrl(const QString &objectId, const QString &edge, const QList<QPair<QString, QString>> &query,
                             qint64 sinceSec) const
{
    QUrl url = m_base.resolved(QUrl(m_version + QLatin1Char('/') +
                                    QString::fromLatin1(QUrl::toPercentEncoding(objectId)) + QLatin1Char('/') + edge));
    QUrlQuery q;
    for (const auto &item : query)
        q.addQueryItem(item.first, QString::fromLatin1(QUrl::toPercentEncoding(item.second)));
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_context.pageSize));
    if (sinceSec > 0)
        q.addQueryItem(QStringLiteral("since"), QString::number(sinceSec));
    url.setQuery(q);
    return url;
}

std::optional<QUrl> GraphConnector::followable(const QString &next, const QString &where)
{
    if (next.isEmpty())
        return std::nullopt;
    QUrl url = withoutToken(QUrl(next));
    // Links copied from the Graph Explorer carry a JSONP callback: the answer would not be JSON.
    QUrlQuery q(url);
    if (q.hasQueryItem(QStringLiteral("callback"))) {
        q.removeAllQueryItems(QStringLiteral("callback"));
        url.setQuery(q);
    }
    if (url.isValid() && url.scheme() == m_base.scheme() && url.host() == m_base.host() &&
        url.port(-1) == m_base.port(-1))
        return url;
    m_result.partialErrors.append(
        QCoreApplication::translate("Sync", "%1: the next page points at another server (%2) and was not fetched.")
            .arg(where, net::redactedUrl(url)));
    return std::nullopt;
}

QString GraphConnector::cursorAfterPage() const
{
    GraphCursor c;
    if (m_tasks.isEmpty()) {
        c.sinceSec = m_startedSec; // the pass is complete
    } else {
        c.sinceSec = m_sinceSec;
        c.startedSec = m_startedSec;
        c.pending = m_tasks;
    }
    return c.toString();
}

void GraphConnector::start()
{
    m_result = SyncResult{};
    m_finished = false;
    m_tasks.clear();
    m_queuedParents.clear();

    const accounts::Account &account = m_context.account;
    if (!m_context.network || !m_context.database || !m_context.clock || !m_base.isValid()) {
        finish(false,
               QCoreApplication::translate("Sync", "The sync of %1 cannot start: it is not configured.")
                   .arg(account.tokenKey()),
               ErrorKind::InvalidInput);
        return;
    }
    if (account.needsSignIn) {
        finish(false,
               QCoreApplication::translate("Sync", "The account %1 needs signing in again before it can sync.")
                   .arg(account.tokenKey()),
               ErrorKind::RefusedByPolicy);
        return;
    }
    if (account.channel != Channel::Facebook && account.channel != Channel::Instagram) {
        finish(false,
               QCoreApplication::translate("Sync", "The channel of %1 is not a Graph API channel.")
                   .arg(account.tokenKey()),
               ErrorKind::InvalidInput);
        return;
    }
    auto lookbackDays = accounts::AccountStore(*m_context.database).graphLookbackDays();
    if (!lookbackDays) {
        finish(false,
               QCoreApplication::translate("Sync", "The sync of %1 cannot read its settings: %2")
                   .arg(account.tokenKey(), lookbackDays.error()),
               lookbackDays.errorKind());
        return;
    }

    const GraphCursor cursor = GraphCursor::parse(account.syncCursor);
    m_sinceSec = cursor.sinceSec;
    m_startedSec = cursor.inProgress() ? cursor.startedSec : m_context.clock->nowMs() / 1000;
    m_thresholdSec = m_sinceSec > 0 ? qMax<qint64>(1, m_sinceSec - kOverlapSec) : 0;
    // A first pass reads everything; later ones look back over the window for new comments on
    // older posts, and further when the last complete pass is older than the window.
    m_activeSinceSec = m_thresholdSec > 0 ? qMin(m_thresholdSec, m_startedSec - qint64(*lookbackDays) * 86400) : 0;

    if (cursor.inProgress()) { // resume the interrupted pass with the requests it had left
        for (GraphTask task : cursor.pending) {
            task.url = m_base.resolved(task.url);
            m_tasks.append(task);
            if (!task.parentId.isEmpty())
                m_queuedParents.insert(task.parentId);
        }
    } else if (account.channel == Channel::Facebook) {
        m_tasks.append(
            {Edge::Feed,
             edgeUrl(account.accountId, QStringLiteral("feed"),
                     {{QStringLiteral("fields"), QStringLiteral("id,message,created_time,updated_time,from")}},
                     m_activeSinceSec),
             QString(), m_activeSinceSec});
        m_tasks.append({Edge::Conversations,
                        edgeUrl(account.accountId, QStringLiteral("conversations"),
                                {{QStringLiteral("fields"),
                                  QStringLiteral("id,updated_time,messages{id,message,created_time,from,to}")}},
                                m_thresholdSec),
                        QString(), m_thresholdSec});
    } else {
        // The media list has no since: it is read newest first and stops at the window.
        m_tasks.append({Edge::IgMedia,
                        edgeUrl(account.accountId, QStringLiteral("media"),
                                {{QStringLiteral("fields"), QStringLiteral("id,timestamp")}}, 0),
                        QString(), m_activeSinceSec});
    }
    runNext();
}

void GraphConnector::runNext()
{
    if (m_finished)
        return;
    if (m_tasks.isEmpty()) {
        finish(true, QString());
        return;
    }
    if (m_stopRequested) { // between pages: what was stored stays, the next sync reads again
        m_result.stopped = true;
        finish(false, QCoreApplication::translate("Sync", "Stopped on request after page %1.").arg(m_result.pages));
        return;
    }
    if (m_result.pages >= m_context.maxPages) {
        finish(false,
               QCoreApplication::translate("Sync", "The sync of %1 stopped after %2 pages (the limit for one sync).")
                   .arg(m_context.account.tokenKey())
                   .arg(m_result.pages),
               ErrorKind::RefusedByPolicy);
        return;
    }
    const Task task = m_tasks.first();
    net::HttpRequestSpec spec;
    spec.url = task.url;
    spec.timeoutMs = m_context.timeoutMs;
    spec.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + m_context.token.toUtf8()});
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    auto *job = new net::HttpJob(m_context.network, *m_context.clock, spec, m_context.retry, this);
    connect(job, &net::HttpJob::finished, this, [this, job, task](const net::HttpOutcome &outcome) {
        job->deleteLater();
        onPage(task, outcome);
    });
    job->start();
}

void GraphConnector::onPage(const Task &task, const net::HttpOutcome &outcome)
{
    if (m_finished)
        return;
    m_result.lastOutcome = outcome.kind;
    const std::optional<QJsonObject> root = pageBody(task, outcome);
    if (!root)
        return; // the pass has finished with the reason
    m_tasks.removeFirst();
    noteError(root->value(QLatin1String("error")).toObject(), net::redactedUrl(task.url));

    PageItems items;
    const QJsonArray data = root->value(QLatin1String("data")).toArray();
    for (const QJsonValue &v : data)
        readItem(task, v.toObject(), items);
    queueFollowUps(task, *root, items);
    storePage(items.posts);
}

std::optional<QJsonObject> GraphConnector::pageBody(const Task &task, const net::HttpOutcome &outcome)
{
    const QString &token = m_context.token;
    const accounts::Account &account = m_context.account;
    // A 2xx that still carries an error object next to data: keep the data (partial result).
    bool usable = outcome.kind == net::OutcomeKind::Success;
    if (!usable && outcome.httpStatus >= 200 && outcome.httpStatus < 300 &&
        (outcome.kind == net::OutcomeKind::Failed)) {
        QJsonParseError pe{};
        const QJsonDocument doc = QJsonDocument::fromJson(outcome.body, &pe);
        if (pe.error == QJsonParseError::NoError && doc.isObject() &&
            doc.object().value(QLatin1String("data")).isArray()) {
            usable = true;
            m_result.lastOutcome = net::OutcomeKind::Success;
        }
    }
    if (!usable) {
        if (outcome.kind == net::OutcomeKind::AuthExpired) {
            accounts::AccountStore store(*m_context.database);
            const Status marked = store.setNeedsSignIn(account.id, true);
            QString message =
                QCoreApplication::translate("Sync", "The access token of %1 is expired or revoked: sign in again. (%2)")
                    .arg(account.tokenKey(), scrub(outcome.message, token));
            if (!marked.ok())
                message += QLatin1Char(' ') + marked.error();
            finish(false, message, ErrorKind::RefusedByPolicy);
            return std::nullopt;
        }
        if (outcome.kind == net::OutcomeKind::RateLimited) {
            finish(false,
                   QCoreApplication::translate(
                       "Sync",
                       "The Graph API rate limit stopped the sync of %1; it resumes from the last stored page. (%2)")
                       .arg(account.tokenKey(), scrub(outcome.message, token)),
                   ErrorKind::Busy);
            return std::nullopt;
        }
        finish(false,
               QCoreApplication::translate("Sync", "The sync of %1 stopped; nothing from this page was stored. (%2)")
                   .arg(account.tokenKey(), scrub(outcome.message, token)),
               outcome.errorKind());
        return std::nullopt;
    }

    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject() ||
        !doc.object().value(QLatin1String("data")).isArray()) {
        finish(false,
               QCoreApplication::translate(
                   "Sync",
                   "The sync of %1 stopped: %2 answered without a \"data\" list; nothing from this page was stored.")
                   .arg(account.tokenKey(), net::redactedUrl(task.url)),
               ErrorKind::Corrupt);
        return std::nullopt;
    }
    return doc.object();
}

void GraphConnector::noteError(const QJsonObject &error, const QString &where)
{
    if (error.isEmpty())
        return;
    m_result.partialErrors.append(scrub(QStringLiteral("%1: (#%2) %3")
                                            .arg(where)
                                            .arg(error.value(QLatin1String("code")).toInt())
                                            .arg(error.value(QLatin1String("message")).toString()),
                                        m_context.token));
}

AuthorRecord GraphConnector::authorOf(const QJsonObject &from, const QString &fallbackName) const
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

Direction GraphConnector::directionOf(const AuthorRecord &author) const
{
    return !author.externalId.isEmpty() && author.externalId == m_context.account.accountId ? Direction::Outbound
                                                                                            : Direction::Inbound;
}

PostRecord GraphConnector::messageRecord(const QJsonObject &m, const QString &conversation) const
{
    PostRecord p;
    p.channel = m_context.account.channel;
    p.threadExternalId = conversation;
    p.postExternalId = m.value(QLatin1String("id")).toString();
    p.author = authorOf(m.value(QLatin1String("from")).toObject(), QString());
    p.direction = directionOf(p.author);
    p.visibility = Visibility::Private;
    p.createdAtMs = parseGraphTime(m.value(QLatin1String("created_time")).toString());
    p.text = m.value(QLatin1String("message")).toString();
    return p;
}

void GraphConnector::readItem(const Task &task, const QJsonObject &item, PageItems &items)
{
    if (item.contains(QLatin1String("error"))) { // a per-item error
        noteError(item.value(QLatin1String("error")).toObject(), net::redactedUrl(task.url));
        return;
    }
    switch (task.edge) {
    case Edge::Feed: readFeedPost(item, items); break;
    case Edge::PostComments:
    case Edge::IgComments: readComment(task, item, items); break;
    case Edge::Conversations: readConversation(task, item, items); break;
    case Edge::ConversationMessages: {
        const PostRecord p = messageRecord(item, task.parentId);
        if (p.postExternalId.isEmpty())
            return;
        items.noteTime(p.createdAtMs);
        items.posts.append(p);
        break;
    }
    case Edge::IgMedia: readMedia(item, items); break;
    }
}

void GraphConnector::readFeedPost(const QJsonObject &item, PageItems &items)
{
    const QString id = item.value(QLatin1String("id")).toString();
    if (id.isEmpty())
        return;
    PostRecord p;
    p.channel = m_context.account.channel;
    p.threadExternalId = id;
    p.postExternalId = id;
    p.author = authorOf(item.value(QLatin1String("from")).toObject(), QString());
    p.direction = directionOf(p.author);
    p.visibility = Visibility::Public;
    p.createdAtMs = parseGraphTime(item.value(QLatin1String("created_time")).toString());
    p.text = item.value(QLatin1String("message")).toString();
    items.noteTime(p.createdAtMs);
    items.posts.append(p);
    // updated_time moves when someone comments: a post untouched since the last pass needs no
    // request. Without it, every post of the window is read again.
    const qint64 updatedMs = parseGraphTime(item.value(QLatin1String("updated_time")).toString());
    const bool active =
        m_thresholdSec == 0 || (updatedMs > 0 ? updatedMs / 1000 >= m_thresholdSec
                                              : p.createdAtMs < 0 || p.createdAtMs / 1000 >= m_activeSinceSec);
    if (active)
        items.children.append(
            {Edge::PostComments,
             edgeUrl(id, QStringLiteral("comments"),
                     {{QStringLiteral("filter"), QStringLiteral("stream")},
                      {QStringLiteral("order"), QStringLiteral("reverse_chronological")},
                      {QStringLiteral("fields"), QStringLiteral("id,message,created_time,from,parent,permalink_url")}},
                     m_thresholdSec),
             id, m_thresholdSec});
}

void GraphConnector::readComment(const Task &task, const QJsonObject &item, PageItems &items)
{
    const bool ig = task.edge == Edge::IgComments;
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
        postsAt >= 0 && postsAt + 1 < segments.size() ? segments.at(postsAt + 1) : lastIdPart(task.parentId);
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
        m_result.partialErrors.append(QCoreApplication::translate("Sync", "%1: a comment without an id was skipped.")
                                          .arg(net::redactedUrl(task.url)));
        return;
    }
    PostRecord p;
    p.channel = m_context.account.channel;
    p.threadExternalId = task.parentId;
    p.postExternalId = id;
    p.inReplyTo = parent.isEmpty() ? task.parentId : parent;
    p.author = authorOf(item.value(QLatin1String("from")).toObject(), item.value(QLatin1String("username")).toString());
    p.direction = directionOf(p.author);
    p.visibility = Visibility::Public;
    p.createdAtMs =
        parseGraphTime(item.value(ig ? QLatin1String("timestamp") : QLatin1String("created_time")).toString());
    p.text = item.value(ig ? QLatin1String("text") : QLatin1String("message")).toString();
    items.noteTime(p.createdAtMs);
    items.posts.append(p);
}

void GraphConnector::readConversation(const Task &task, const QJsonObject &item, PageItems &items)
{
    const QString conversation = item.value(QLatin1String("id")).toString();
    if (conversation.isEmpty())
        return;
    items.noteTime(parseGraphTime(item.value(QLatin1String("updated_time")).toString()));
    const QJsonObject nested = item.value(QLatin1String("messages")).toObject();
    QList<qint64> messageTimes;
    for (const QJsonValue &mv : nested.value(QLatin1String("data")).toArray()) {
        const PostRecord p = messageRecord(mv.toObject(), conversation);
        if (p.postExternalId.isEmpty())
            continue;
        if (p.createdAtMs > 0)
            messageTimes.append(p.createdAtMs / 1000);
        items.posts.append(p);
    }
    // Only the newest messages come embedded: older ones are on the nested next page, read until
    // the messages reach the last pass.
    if (!reachedOlder(messageTimes, m_thresholdSec))
        if (auto next =
                followable(nested.value(QLatin1String("paging")).toObject().value(QLatin1String("next")).toString(),
                           net::redactedUrl(task.url)))
            m_tasks.prepend({Edge::ConversationMessages, *next, conversation, m_thresholdSec});
}

void GraphConnector::readMedia(const QJsonObject &item, PageItems &items)
{
    const QString id = item.value(QLatin1String("id")).toString();
    const qint64 ms = parseGraphTime(item.value(QLatin1String("timestamp")).toString());
    items.noteTime(ms);
    // Media older than the window are not looked at again (see docs/network.md).
    if (!id.isEmpty() && (m_activeSinceSec == 0 || ms < 0 || ms / 1000 >= m_activeSinceSec))
        items.children.append(
            {Edge::IgComments,
             edgeUrl(id, QStringLiteral("comments"),
                     {{QStringLiteral("fields"), QStringLiteral("id,text,timestamp,username,from,parent_id")}},
                     m_thresholdSec),
             id, m_thresholdSec});
}

void GraphConnector::queueFollowUps(const Task &task, const QJsonObject &root, const PageItems &items)
{
    // Paging: follow "next" without its token, only on our host, and not past the last pass.
    const bool empty = root.value(QLatin1String("data")).toArray().isEmpty();
    if (!empty && !reachedOlder(items.times, task.stopBeforeSec))
        if (auto next =
                followable(root.value(QLatin1String("paging")).toObject().value(QLatin1String("next")).toString(),
                           net::redactedUrl(task.url)))
            m_tasks.prepend({task.edge, *next, task.parentId, task.stopBeforeSec});
    for (const Task &child : items.children) // a post seen on two feed pages is read once
        if (!m_queuedParents.contains(child.parentId)) {
            m_queuedParents.insert(child.parentId);
            m_tasks.append(child);
        }
}

void GraphConnector::storePage(QVector<PostRecord> &posts)
{
    // The page and the cursor after it (the requests left, or the completed pass) in one
    // transaction.
    const accounts::Account &account = m_context.account;
    QElapsedTimer storeTime;
    storeTime.start();
    Ingestor ingestor(*m_context.database);
    Status s = ingestor.begin();
    for (int i = 0; s.ok() && i < posts.size(); ++i) {
        if (posts[i].text.isNull()) // a photo or share without a message
            posts[i].text = QStringLiteral("");
        s = ingestor.add(posts.at(i));
    }
    if (s.ok()) {
        accounts::AccountStore store(*m_context.database);
        s = store.setSyncCursor(account.id, cursorAfterPage());
    }
    if (s.ok())
        s = ingestor.commit();
    if (!s.ok()) {
        ingestor.rollback();
        finish(false,
               QCoreApplication::translate("Sync", "The sync of %1 could not store a page: %2")
                   .arg(account.tokenKey(), scrub(s.error(), m_context.token)),
               s.errorKind());
        return;
    }
    const qint64 storeMs = storeTime.elapsed();
    m_result.longestStoreMs = qMax(m_result.longestStoreMs, storeMs);
    m_result.pages += 1;
    m_result.postsAdded += ingestor.counts().postsAdded;
    m_result.postsAlreadyPresent += ingestor.counts().postsAlreadyPresent;
    emit progress(SyncProgress{account.tokenKey(), m_result.pages, m_result.postsAdded, storeMs});
    runNext();
}

void GraphConnector::finish(bool ok, const QString &error, ErrorKind errorKind)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.ok = ok;
    m_result.error = scrub(error, m_context.token);
    m_result.errorKind = ok ? ErrorKind::Unspecified : errorKind;
    qCInfo(lcSync) << "Graph sync finished:" << (ok ? "ok" : errorKindName(errorKind)) << m_result.pages << "pages,"
                   << m_result.postsAdded << "posts added";
    emit finished(m_result);
}

} // namespace sportello::sync
