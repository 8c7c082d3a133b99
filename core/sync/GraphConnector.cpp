#include "sync/GraphConnector.h"

#include "ingest/Ingestor.h"
#include "storage/Database.h"

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
    static const QStringList keys{QStringLiteral("access_token"), QStringLiteral("input_token"),
                                  QStringLiteral("client_secret"), QStringLiteral("appsecret_proof"),
                                  QStringLiteral("oauth_token"), QStringLiteral("fb_exchange_token")};
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

} // namespace

GraphConnector::GraphConnector(ConnectorContext context, QObject *parent)
    : Connector(std::move(context), parent)
{
    m_version = m_context.graphApiVersion.isEmpty() ? QString::fromLatin1(kDefaultGraphApiVersion)
                                                    : m_context.graphApiVersion;
    QString base = m_context.account.baseUrl.isEmpty() ? defaultBaseUrl(m_context.account.channel)
                                                       : m_context.account.baseUrl;
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    m_base = QUrl(base);
}

GraphConnector::~GraphConnector() = default;

qint64 GraphConnector::parseGraphTime(const QString &text)
{
    QString t = text.trimmed();
    // Graph writes the offset without a colon ("+0000"); Qt's ISO parser wants "+00:00".
    if (t.size() > 5) {
        const QChar sign = t.at(t.size() - 5);
        if ((sign == QLatin1Char('+') || sign == QLatin1Char('-')) && t.at(t.size() - 3) != QLatin1Char(':'))
            t.insert(t.size() - 2, QLatin1Char(':'));
    }
    const QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
    if (!dt.isValid())
        return -1;
    return dt.toMSecsSinceEpoch();
}

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

QString GraphConnector::since() const
{
    return m_cursorSec > 0 ? QString::number(m_cursorSec) : QString();
}

QUrl GraphConnector::edgeUrl(const QString &objectId, const QString &edge,
                             const QList<QPair<QString, QString>> &query) const
{
    QUrl url = m_base.resolved(QUrl(m_version + QLatin1Char('/')
                                    + QString::fromLatin1(QUrl::toPercentEncoding(objectId)) + QLatin1Char('/') + edge));
    QUrlQuery q;
    for (const auto &item : query)
        q.addQueryItem(item.first, QString::fromLatin1(QUrl::toPercentEncoding(item.second)));
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_context.pageSize));
    if (!since().isEmpty())
        q.addQueryItem(QStringLiteral("since"), since());
    url.setQuery(q);
    return url;
}

void GraphConnector::start()
{
    m_result = SyncResult{};
    m_finished = false;
    m_tasks.clear();
    m_queuedParents.clear();
    bool okCursor = false;
    m_cursorSec = m_context.account.syncCursor.toLongLong(&okCursor);
    if (!okCursor)
        m_cursorSec = 0;
    m_newestSec = m_cursorSec;

    const Account &account = m_context.account;
    if (!m_context.network || !m_context.database || !m_context.clock || !m_base.isValid()) {
        finish(false, QCoreApplication::translate("Sync", "The sync of %1 cannot start: it is not configured.")
                          .arg(account.tokenKey()));
        return;
    }
    if (account.needsSignIn) {
        finish(false, QCoreApplication::translate("Sync", "The account %1 needs signing in again before it can sync.")
                          .arg(account.tokenKey()));
        return;
    }
    if (account.channel == Channel::Facebook) {
        m_tasks.append({Edge::Feed,
                        edgeUrl(account.accountId, QStringLiteral("feed"),
                                {{QStringLiteral("fields"), QStringLiteral("id,message,created_time,from")}}),
                        QString()});
        m_tasks.append({Edge::Conversations,
                        edgeUrl(account.accountId, QStringLiteral("conversations"),
                                {{QStringLiteral("fields"),
                                  QStringLiteral("id,updated_time,messages{id,message,created_time,from,to}")}}),
                        QString()});
    } else if (account.channel == Channel::Instagram) {
        QUrl media = edgeUrl(account.accountId, QStringLiteral("media"),
                             {{QStringLiteral("fields"), QStringLiteral("id,timestamp")}});
        // Comments arrive on old media too: every media is looked at, its comments filtered by since.
        QUrlQuery q(media);
        q.removeAllQueryItems(QStringLiteral("since"));
        media.setQuery(q);
        m_tasks.append({Edge::IgMedia, media, QString()});
    } else {
        finish(false, QCoreApplication::translate("Sync", "The channel of %1 is not a Graph API channel.")
                          .arg(account.tokenKey()));
        return;
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
        finish(false, QCoreApplication::translate("Sync", "The sync of %1 stopped after %2 pages (the limit for one sync).")
                          .arg(m_context.account.tokenKey()).arg(m_result.pages));
        return;
    }
    const Task task = m_tasks.first();
    HttpRequestSpec spec;
    spec.url = task.url;
    spec.timeoutMs = m_context.timeoutMs;
    spec.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + m_context.token.toUtf8()});
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    auto *job = new HttpJob(m_context.network, *m_context.clock, spec, m_context.retry, this);
    connect(job, &HttpJob::finished, this, [this, job, task](const HttpOutcome &outcome) {
        job->deleteLater();
        onPage(task, outcome);
    });
    job->start();
}

void GraphConnector::onPage(const Task &task, const HttpOutcome &outcome)
{
    if (m_finished)
        return;
    const QString token = m_context.token;
    const Account &account = m_context.account;
    m_result.lastOutcome = outcome.kind;
    const QString where = redactedUrl(task.url);

    // A 2xx that still carries an error object next to data: keep the data (partial result).
    QJsonObject root;
    bool usable = outcome.kind == OutcomeKind::Success;
    if (!usable && outcome.httpStatus >= 200 && outcome.httpStatus < 300
        && (outcome.kind == OutcomeKind::Failed)) {
        QJsonParseError pe{};
        const QJsonDocument doc = QJsonDocument::fromJson(outcome.body, &pe);
        if (pe.error == QJsonParseError::NoError && doc.isObject()
            && doc.object().value(QLatin1String("data")).isArray()) {
            usable = true;
            m_result.lastOutcome = OutcomeKind::Success;
        }
    }
    if (!usable) {
        if (outcome.kind == OutcomeKind::AuthExpired) {
            AccountStore store(*m_context.database);
            const Status marked = store.setNeedsSignIn(account.id, true);
            QString message = QCoreApplication::translate("Sync", "The access token of %1 is expired or revoked: sign in again. (%2)")
                                  .arg(account.tokenKey(), scrub(outcome.message, token));
            if (!marked.ok())
                message += QLatin1Char(' ') + marked.error();
            finish(false, message);
            return;
        }
        if (outcome.kind == OutcomeKind::RateLimited) {
            finish(false, QCoreApplication::translate("Sync", "The Graph API rate limit stopped the sync of %1; it resumes from the last stored page. (%2)")
                              .arg(account.tokenKey(), scrub(outcome.message, token)));
            return;
        }
        finish(false, QCoreApplication::translate("Sync", "The sync of %1 stopped; nothing from this page was stored. (%2)")
                          .arg(account.tokenKey(), scrub(outcome.message, token)));
        return;
    }

    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()
        || !doc.object().value(QLatin1String("data")).isArray()) {
        finish(false, QCoreApplication::translate("Sync", "The sync of %1 stopped: %2 answered without a \"data\" list; nothing from this page was stored.")
                          .arg(account.tokenKey(), where));
        return;
    }
    root = doc.object();
    m_tasks.removeFirst();

    const QJsonObject pageError = root.value(QLatin1String("error")).toObject();
    if (!pageError.isEmpty())
        m_result.partialErrors.append(scrub(QStringLiteral("%1: (#%2) %3")
                                                .arg(where)
                                                .arg(pageError.value(QLatin1String("code")).toInt())
                                                .arg(pageError.value(QLatin1String("message")).toString()),
                                            token));

    const Channel channel = account.channel;
    QVector<PostRecord> posts;
    QList<Task> children;
    auto noteTime = [this](qint64 ms) {
        if (ms > 0)
            m_newestSec = qMax(m_newestSec, ms / 1000);
    };
    auto authorFrom = [](const QJsonObject &from, const QString &fallbackName) {
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
    };
    auto direction = [&account](const AuthorRecord &author) {
        return !author.externalId.isEmpty() && author.externalId == account.accountId
            ? Direction::Outbound
            : Direction::Inbound;
    };

    const QJsonArray data = root.value(QLatin1String("data")).toArray();
    for (const QJsonValue &v : data) {
        const QJsonObject item = v.toObject();
        if (item.contains(QLatin1String("error"))) { // a per-item error
            const QJsonObject e = item.value(QLatin1String("error")).toObject();
            m_result.partialErrors.append(scrub(QStringLiteral("%1: (#%2) %3")
                                                    .arg(where)
                                                    .arg(e.value(QLatin1String("code")).toInt())
                                                    .arg(e.value(QLatin1String("message")).toString()),
                                                token));
            continue;
        }
        switch (task.edge) {
        case Edge::Feed: {
            const QString id = item.value(QLatin1String("id")).toString();
            if (id.isEmpty())
                continue;
            PostRecord p;
            p.channel = channel;
            p.threadExternalId = id;
            p.postExternalId = id;
            p.author = authorFrom(item.value(QLatin1String("from")).toObject(), QString());
            p.direction = direction(p.author);
            p.visibility = Visibility::Public;
            p.createdAtMs = parseGraphTime(item.value(QLatin1String("created_time")).toString());
            p.text = item.value(QLatin1String("message")).toString();
            noteTime(p.createdAtMs);
            posts.append(p);
            children.append({Edge::PostComments,
                             edgeUrl(id, QStringLiteral("comments"),
                                     {{QStringLiteral("filter"), QStringLiteral("stream")},
                                      {QStringLiteral("fields"),
                                       QStringLiteral("id,message,created_time,from,parent,permalink_url")}}),
                             id});
            break;
        }
        case Edge::PostComments:
        case Edge::IgComments: {
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
            const QString objectPart = postsAt >= 0 && postsAt + 1 < segments.size()
                ? segments.at(postsAt + 1)
                : lastIdPart(task.parentId);
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
                m_result.partialErrors.append(QCoreApplication::translate("Sync", "%1: a comment without an id was skipped.").arg(where));
                continue;
            }
            PostRecord p;
            p.channel = channel;
            p.threadExternalId = task.parentId;
            p.postExternalId = id;
            p.inReplyTo = parent.isEmpty() ? task.parentId : parent;
            p.author = authorFrom(item.value(QLatin1String("from")).toObject(),
                                  item.value(QLatin1String("username")).toString());
            p.direction = direction(p.author);
            p.visibility = Visibility::Public;
            p.createdAtMs = parseGraphTime(item.value(ig ? QLatin1String("timestamp") : QLatin1String("created_time")).toString());
            p.text = item.value(ig ? QLatin1String("text") : QLatin1String("message")).toString();
            noteTime(p.createdAtMs);
            posts.append(p);
            break;
        }
        case Edge::Conversations: {
            const QString conversation = item.value(QLatin1String("id")).toString();
            if (conversation.isEmpty())
                continue;
            const QJsonArray messages = item.value(QLatin1String("messages")).toObject().value(QLatin1String("data")).toArray();
            for (const QJsonValue &mv : messages) {
                const QJsonObject m = mv.toObject();
                const QString id = m.value(QLatin1String("id")).toString();
                if (id.isEmpty())
                    continue;
                PostRecord p;
                p.channel = channel;
                p.threadExternalId = conversation;
                p.postExternalId = id;
                p.author = authorFrom(m.value(QLatin1String("from")).toObject(), QString());
                p.direction = direction(p.author);
                p.visibility = Visibility::Private;
                p.createdAtMs = parseGraphTime(m.value(QLatin1String("created_time")).toString());
                p.text = m.value(QLatin1String("message")).toString();
                noteTime(p.createdAtMs);
                posts.append(p);
            }
            break;
        }
        case Edge::IgMedia: {
            const QString id = item.value(QLatin1String("id")).toString();
            if (!id.isEmpty())
                children.append({Edge::IgComments,
                                 edgeUrl(id, QStringLiteral("comments"),
                                         {{QStringLiteral("fields"),
                                           QStringLiteral("id,text,timestamp,username,from,parent_id")}}),
                                 id});
            break;
        }
        }
    }

    // Paging: follow "next" without its token, and only on the host we were configured with.
    const QString nextText = root.value(QLatin1String("paging")).toObject().value(QLatin1String("next")).toString();
    if (!nextText.isEmpty() && !data.isEmpty()) {
        const QUrl next = withoutToken(QUrl(nextText));
        if (next.isValid() && next.scheme() == m_base.scheme() && next.host() == m_base.host()
            && next.port(-1) == m_base.port(-1)) {
            m_tasks.prepend({task.edge, next, task.parentId});
        } else {
            m_result.partialErrors.append(QCoreApplication::translate("Sync", "%1: the next page points at another server (%2) and was not fetched.")
                                              .arg(where, redactedUrl(next)));
        }
    }
    for (const Task &child : children) // a post seen on two feed pages is read once
        if (!m_queuedParents.contains(child.parentId)) {
            m_queuedParents.insert(child.parentId);
            m_tasks.append(child);
        }

    // Store the page in one transaction; on the sync's last page the cursor goes with it.
    QElapsedTimer storeTime;
    storeTime.start();
    Ingestor ingestor(*m_context.database);
    Status s = ingestor.begin();
    for (int i = 0; s.ok() && i < posts.size(); ++i) {
        if (posts[i].text.isNull()) // a photo or share without a message
            posts[i].text = QStringLiteral("");
        s = ingestor.add(posts.at(i));
    }
    if (s.ok() && m_tasks.isEmpty() && m_newestSec > m_cursorSec) {
        AccountStore store(*m_context.database);
        s = store.setSyncCursor(account.id, QString::number(m_newestSec));
    }
    if (s.ok())
        s = ingestor.commit();
    if (!s.ok()) {
        ingestor.rollback();
        finish(false, QCoreApplication::translate("Sync", "The sync of %1 could not store a page: %2")
                          .arg(account.tokenKey(), scrub(s.error(), token)));
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

void GraphConnector::finish(bool ok, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.ok = ok;
    m_result.error = scrub(error, m_context.token);
    emit finished(m_result);
}

} // namespace sportello::sync
