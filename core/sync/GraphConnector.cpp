#include "sync/GraphConnector.h"

#include "accounts/TokenProblems.h"
#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "storage/Database.h"
#include "sync/SyncLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace sportello::sync {

namespace {

QString scrub(const QString &text, const QString &token)
{
    return scrubGraphToken(text, token);
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
    return graphUrlWithoutToken(url);
}

QUrl GraphConnector::edgeUrl(const QString &objectId, const QString &edge, const QList<QPair<QString, QString>> &query,
                             qint64 sinceSec) const
{
    return graphEdgeUrl(pageContext(), objectId, edge, query, sinceSec);
}

GraphPageContext GraphConnector::pageContext() const
{
    GraphPageContext c;
    c.channel = m_context.account.channel;
    c.accountId = m_context.account.accountId;
    c.thresholdSec = m_thresholdSec;
    c.activeSinceSec = m_activeSinceSec;
    c.base = m_base;
    c.version = m_version;
    c.pageSize = m_context.pageSize;
    c.token = m_context.token;
    return c;
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
    std::optional<GraphPage> page = readPage(task, outcome);
    if (!page)
        return; // the pass has finished with the reason
    m_tasks.removeFirst();
    // Every message of the page without the token, whatever part of a link or answer carried it.
    for (const QString &error : std::as_const(page->partialErrors))
        m_result.partialErrors.append(scrubGraphToken(error, m_context.token));
    // The page's paging links run before what was queued, the comments of its posts after.
    for (auto it = page->next.crbegin(); it != page->next.crend(); ++it)
        m_tasks.prepend(*it);
    for (const Task &child : page->children) // a post seen on two feed pages is read once
        if (!m_queuedParents.contains(child.parentId)) {
            m_queuedParents.insert(child.parentId);
            m_tasks.append(child);
        }
    storePage(page->posts);
}

std::optional<GraphPage> GraphConnector::readPage(const Task &task, const net::HttpOutcome &outcome)
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
            // What happened and what to do, in plain words (the token refused is never quoted).
            QString message =
                scrub(accounts::explainTokenProblem(outcome, account.channel, account.accountId).text(), token);
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

    Result<GraphPage> page = parseGraphPage(pageContext(), task, outcome.body);
    if (!page) {
        finish(false,
               QCoreApplication::translate(
                   "Sync",
                   "The sync of %1 stopped: %2 answered without a \"data\" list; nothing from this page was stored.")
                   .arg(account.tokenKey(), net::redactedUrl(task.url)),
               ErrorKind::Corrupt);
        return std::nullopt;
    }
    return std::move(*page);
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
