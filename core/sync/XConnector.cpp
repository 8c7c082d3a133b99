#include "sync/XConnector.h"

#include "accounts/TokenProblems.h"
#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "storage/Database.h"
#include "sync/SyncLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>

namespace sportello::sync {

namespace {

// "title: detail (resource_type resource_id)" for one entry of a top-level "errors" array.
QString describeError(const QJsonValue &value)
{
    if (!value.isObject())
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    const QJsonObject e = value.toObject();
    QString text = e.value(QLatin1String("title")).toString();
    const QString detail = e.value(QLatin1String("detail")).toString(e.value(QLatin1String("message")).toString());
    if (!detail.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + detail;
    const QString resource = e.value(QLatin1String("resource_type")).toString();
    const QString id = e.value(QLatin1String("resource_id")).toString();
    if (!resource.isEmpty() || !id.isEmpty())
        text += QStringLiteral(" (%1 %2)").arg(resource, id).replace(QStringLiteral("( "), QStringLiteral("("));
    return text.trimmed();
}

// The cache's text columns are NOT NULL: an absent field is an empty text, not a null one.
QString nonNull(const QString &text) { return text.isNull() ? QString::fromLatin1("") : text; }

} // namespace

bool xIdLess(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return a.size() < b.size();
    return a < b;
}

namespace {

// X's ids are decimal numbers (up to 19 digits today). A stored id that is not one comes from a
// damaged cursor: it is dropped, and the next pass reads the window again (the cache keeps no
// duplicate). Kept, it would go to X as since_id and, written back in the plain form, change on
// the next read (the fuzzer's finding: a since_id of "\v000" became "000").
QString xIdOrEmpty(const QString &id)
{
    if (id.isEmpty() || id.size() > 20)
        return QString();
    for (const QChar c : id)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return QString();
    return id;
}

} // namespace

XCursor XCursor::parse(const QString &stored)
{
    XCursor c;
    const QString text = stored.trimmed();
    if (text.startsWith(QLatin1Char('{'))) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        c.sinceId = xIdOrEmpty(o.value(QLatin1String("since_id")).toString());
        c.newestId = xIdOrEmpty(o.value(QLatin1String("newest_id")).toString());
        c.paginationToken = o.value(QLatin1String("pagination_token")).toString();
        c.dmSinceId = xIdOrEmpty(o.value(QLatin1String("dm_since_id")).toString());
        c.dmNewestId = xIdOrEmpty(o.value(QLatin1String("dm_newest_id")).toString());
        c.dmPaginationToken = o.value(QLatin1String("dm_pagination_token")).toString();
    } else {
        c.sinceId = xIdOrEmpty(text);
    }
    return c;
}

QString XCursor::toString() const
{
    if (!inProgress() && dmSinceId.isEmpty() && !dmInProgress())
        return sinceId;
    QJsonObject o;
    const std::pair<const char *, const QString *> fields[] = {
        {"since_id", &sinceId},      {"newest_id", &newestId},      {"pagination_token", &paginationToken},
        {"dm_since_id", &dmSinceId}, {"dm_newest_id", &dmNewestId}, {"dm_pagination_token", &dmPaginationToken},
    };
    for (const auto &[name, value] : fields) {
        if (!value->isEmpty())
            o.insert(QLatin1String(name), *value);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

namespace {

// Checks the common shape of a page (a JSON object; "data", when present, a list) and collects
// its top-level errors into page.partialErrors.
Result<QJsonObject> pageRoot(const QByteArray &body, XPage &page)
{
    if (body.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Sync", "X answered with an empty page."), ErrorKind::Corrupt};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{
            QCoreApplication::translate(
                "Sync", "X answered with a page that is not valid JSON (%1 at byte %2); nothing from it was stored.")
                .arg(parseError.errorString())
                .arg(parseError.offset),
            ErrorKind::Corrupt};
    if (!doc.isObject())
        return Error{
            QCoreApplication::translate(
                "Sync",
                "X answered with a page of an unexpected shape (not a JSON object); nothing from it was stored."),
            ErrorKind::Corrupt};
    const QJsonObject root = doc.object();
    const QJsonValue errors = root.value(QLatin1String("errors"));
    if (errors.isArray()) {
        for (const QJsonValue &e : errors.toArray())
            page.partialErrors << describeError(e);
    }
    const QJsonValue data = root.value(QLatin1String("data"));
    if (data.isUndefined()) {
        // No data: a page with nothing new ({"meta":{"result_count":0}}) or errors only.
        if (!root.value(QLatin1String("meta")).isObject() && !errors.isArray())
            return Error{QCoreApplication::translate("Sync", "X answered with a page of an unexpected shape (no data, "
                                                             "meta or errors); nothing from it was stored."),
                         ErrorKind::Corrupt};
    } else if (!data.isArray()) {
        return Error{
            QCoreApplication::translate(
                "Sync",
                "X answered with a page of an unexpected shape (data is not a list); nothing from it was stored."),
            ErrorKind::Corrupt};
    }
    page.nextToken = root.value(QLatin1String("meta")).toObject().value(QLatin1String("next_token")).toString();
    return root;
}

QHash<QString, QJsonObject> includedUsers(const QJsonObject &root)
{
    QHash<QString, QJsonObject> users;
    for (const QJsonValue &u :
         root.value(QLatin1String("includes")).toObject().value(QLatin1String("users")).toArray()) {
        const QJsonObject user = u.toObject();
        users.insert(user.value(QLatin1String("id")).toString(), user);
    }
    return users;
}

void fillAuthor(PostRecord &post, const QString &authorId, const QHash<QString, QJsonObject> &users)
{
    post.author.externalId = nonNull(authorId);
    post.author.handle = nonNull(QString());
    post.author.displayName = nonNull(QString());
    if (auto it = users.constFind(authorId); it != users.constEnd()) {
        post.author.handle = nonNull(it->value(QLatin1String("username")).toString());
        post.author.displayName = nonNull(it->value(QLatin1String("name")).toString());
        // A count X could not send (negative, fractional, beyond 2^53 or not finite) is left at 0:
        // converting a double outside qint64 would be undefined behaviour.
        const double followers =
            it->value(QLatin1String("public_metrics")).toObject().value(QLatin1String("followers_count")).toDouble();
        post.author.followerCount =
            followers >= 0 && followers <= 9007199254740992.0 ? static_cast<qint64>(followers) : 0;
    }
}

Status fillDate(PostRecord &post, const QJsonValue &created, qint64 fallbackMs)
{
    if (created.isUndefined()) {
        post.createdAtMs = fallbackMs;
        return {};
    }
    const QDateTime when = QDateTime::fromString(created.toString(), Qt::ISODateWithMs);
    if (!when.isValid())
        return Error{
            QCoreApplication::translate(
                "Sync", "X answered with a post whose date cannot be read (%1); nothing from the page was stored.")
                .arg(created.toString()),
            ErrorKind::Corrupt};
    post.createdAtMs = when.toMSecsSinceEpoch();
    return {};
}

Error postWithoutId()
{
    return Error{QCoreApplication::translate(
                     "Sync", "X answered with a post without id or text; nothing from the page was stored."),
                 ErrorKind::Corrupt};
}

Error postNotObject()
{
    return Error{
        QCoreApplication::translate(
            "Sync",
            "X answered with a page of an unexpected shape (a post is not an object); nothing from it was stored."),
        ErrorKind::Corrupt};
}

} // namespace

Result<XPage> parseXMentionsPage(const QByteArray &body, const QString &accountId, qint64 fallbackCreatedAtMs)
{
    XPage page;
    auto root = pageRoot(body, page);
    if (!root)
        return root.failure();
    const QHash<QString, QJsonObject> users = includedUsers(*root);

    for (const QJsonValue &value : root->value(QLatin1String("data")).toArray()) {
        if (!value.isObject())
            return postNotObject();
        const QJsonObject tweet = value.toObject();
        const QString id = tweet.value(QLatin1String("id")).toString();
        if (id.isEmpty() || !tweet.value(QLatin1String("text")).isString())
            return postWithoutId();

        PostRecord post;
        post.channel = Channel::X;
        post.postExternalId = id;
        post.threadExternalId = tweet.value(QLatin1String("conversation_id")).toString();
        if (post.threadExternalId.isEmpty())
            post.threadExternalId = id;
        for (const QJsonValue &ref : tweet.value(QLatin1String("referenced_tweets")).toArray()) {
            const QJsonObject r = ref.toObject();
            if (r.value(QLatin1String("type")).toString() == QLatin1String("replied_to"))
                post.inReplyTo = r.value(QLatin1String("id")).toString();
        }
        const QString authorId = tweet.value(QLatin1String("author_id")).toString();
        fillAuthor(post, authorId, users);
        post.direction = (!accountId.isEmpty() && authorId == accountId) ? Direction::Outbound : Direction::Inbound;
        post.visibility = Visibility::Public;
        if (Status s = fillDate(post, tweet.value(QLatin1String("created_at")), fallbackCreatedAtMs); !s)
            return s.failure();
        post.text = nonNull(tweet.value(QLatin1String("text")).toString());
        post.language = tweet.value(QLatin1String("lang")).toString();
        if (page.newestId.isEmpty() || xIdLess(page.newestId, id))
            page.newestId = id;
        page.posts << post;
    }

    const QString metaNewest =
        root->value(QLatin1String("meta")).toObject().value(QLatin1String("newest_id")).toString();
    if (!metaNewest.isEmpty() && (page.newestId.isEmpty() || xIdLess(page.newestId, metaNewest)))
        page.newestId = metaNewest;
    return page;
}

Result<XPage> parseXDmEventsPage(const QByteArray &body, const QString &accountId, const QString &knownId,
                                 qint64 fallbackCreatedAtMs)
{
    XPage page;
    auto root = pageRoot(body, page);
    if (!root)
        return root.failure();
    const QHash<QString, QJsonObject> users = includedUsers(*root);

    for (const QJsonValue &value : root->value(QLatin1String("data")).toArray()) {
        if (!value.isObject())
            return postNotObject();
        const QJsonObject event = value.toObject();
        const QString id = event.value(QLatin1String("id")).toString();
        if (id.isEmpty())
            return postWithoutId();
        if (!knownId.isEmpty() && !xIdLess(knownId, id)) {
            page.reachedKnown = true; // this event and everything after it was synced before
            continue;
        }
        if (page.newestId.isEmpty() || xIdLess(page.newestId, id))
            page.newestId = id;
        const QString type = event.value(QLatin1String("event_type")).toString();
        if (!type.isEmpty() && type != QLatin1String("MessageCreate"))
            continue; // participants joining or leaving: not messages
        if (!event.value(QLatin1String("text")).isString())
            return postWithoutId();

        PostRecord post;
        post.channel = Channel::X;
        post.postExternalId = id;
        post.threadExternalId = event.value(QLatin1String("dm_conversation_id")).toString();
        const QString senderId = event.value(QLatin1String("sender_id")).toString();
        if (post.threadExternalId.isEmpty())
            post.threadExternalId = QStringLiteral("dm:") + (senderId.isEmpty() ? id : senderId);
        fillAuthor(post, senderId, users);
        post.direction = (!accountId.isEmpty() && senderId == accountId) ? Direction::Outbound : Direction::Inbound;
        post.visibility = Visibility::Private;
        if (Status s = fillDate(post, event.value(QLatin1String("created_at")), fallbackCreatedAtMs); !s)
            return s.failure();
        post.text = nonNull(event.value(QLatin1String("text")).toString());
        page.posts << post;
    }
    return page;
}

XConnector::XConnector(ConnectorContext context, QObject *parent) : Connector(std::move(context), parent) {}

XConnector::~XConnector() { delete m_job.data(); }

void XConnector::start()
{
    if (m_running)
        return;
    m_running = true;
    m_firstPage = true;
    m_dmPhase = false;
    m_result = SyncResult{};
    if (!m_context.network || !m_context.database || !m_context.clock) {
        finish(false,
               QCoreApplication::translate("Sync", "The X sync is not set up (network, cache or clock missing)."),
               net::OutcomeKind::Failed, ErrorKind::InvalidInput);
        return;
    }
    // The stored cursor, as it is now (an earlier connector may have advanced it).
    accounts::AccountStore store(*m_context.database);
    auto found = store.find(Channel::X, m_context.account.accountId);
    if (!found) {
        finish(false, found.error(), net::OutcomeKind::Failed, found.errorKind());
        return;
    }
    if (found->has_value())
        m_context.account = **found;
    if (m_context.account.needsSignIn) {
        finish(false,
               QCoreApplication::translate("Sync", "The X account %1 needs signing in again before it can sync.")
                   .arg(m_context.account.accountId),
               net::OutcomeKind::AuthExpired, ErrorKind::RefusedByPolicy);
        return;
    }
    m_cursor = XCursor::parse(m_context.account.syncCursor);
    fetchPage();
}

QUrl XConnector::pageUrl() const
{
    QString base = m_context.account.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QUrl url(base + QStringLiteral("/users/") +
             QString::fromLatin1(QUrl::toPercentEncoding(m_context.account.accountId)) + QStringLiteral("/mentions"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("tweet.fields"),
                       QStringLiteral("created_at,conversation_id,in_reply_to_user_id,referenced_tweets,author_id"));
    query.addQueryItem(QStringLiteral("expansions"), QStringLiteral("author_id"));
    query.addQueryItem(QStringLiteral("user.fields"), QStringLiteral("username,name,public_metrics"));
    query.addQueryItem(QStringLiteral("max_results"), QString::number(m_context.pageSize));
    if (!m_cursor.sinceId.isEmpty())
        query.addQueryItem(QStringLiteral("since_id"), m_cursor.sinceId);
    if (!m_cursor.paginationToken.isEmpty())
        query.addQueryItem(QStringLiteral("pagination_token"), m_cursor.paginationToken);
    url.setQuery(query);
    return url;
}

QUrl XConnector::dmPageUrl() const
{
    QString base = m_context.account.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QUrl url(base + QStringLiteral("/dm_events"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("dm_event.fields"),
                       QStringLiteral("id,event_type,created_at,sender_id,dm_conversation_id,text"));
    query.addQueryItem(QStringLiteral("event_types"), QStringLiteral("MessageCreate"));
    query.addQueryItem(QStringLiteral("expansions"), QStringLiteral("sender_id"));
    query.addQueryItem(QStringLiteral("user.fields"), QStringLiteral("username,name,public_metrics"));
    query.addQueryItem(QStringLiteral("max_results"), QString::number(m_context.pageSize));
    if (!m_cursor.dmPaginationToken.isEmpty())
        query.addQueryItem(QStringLiteral("pagination_token"), m_cursor.dmPaginationToken);
    url.setQuery(query);
    return url;
}

void XConnector::fetchPage()
{
    net::HttpRequestSpec spec;
    spec.url = m_dmPhase ? dmPageUrl() : pageUrl();
    spec.timeoutMs = m_context.timeoutMs;
    spec.headers << qMakePair(QByteArray("Authorization"), QByteArray("Bearer ") + m_context.token.toUtf8());
    auto *job = new net::HttpJob(m_context.network, *m_context.clock, spec, m_context.retry, this);
    m_job = job;
    connect(job, &net::HttpJob::finished, this, &XConnector::onPageFinished);
    job->start();
}

void XConnector::onPageFinished(const net::HttpOutcome &outcome)
{
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    m_result.lastOutcome = outcome.kind;

    switch (outcome.kind) {
    case net::OutcomeKind::Success: break;
    case net::OutcomeKind::AuthExpired: {
        accounts::AccountStore store(*m_context.database);
        const Status marked = store.setNeedsSignIn(m_context.account.id, true);
        // What happened and what to do, in plain words (the token refused is never quoted).
        QString error = accounts::explainTokenProblem(outcome, Channel::X, m_context.account.accountId).text();
        if (!marked)
            error += QLatin1Char(' ') + marked.error();
        finish(false, error, outcome.kind, outcome.errorKind());
        return;
    }
    case net::OutcomeKind::Failed:
        if (m_firstPage && outcome.httpStatus == 400 && (m_dmPhase ? m_cursor.dmInProgress() : m_cursor.inProgress())) {
            // The pagination token of an interrupted sync is refused (expired): start that sync
            // again from its since_id. Posts already stored are recognised, none is skipped.
            if (m_dmPhase) {
                m_cursor.dmPaginationToken.clear();
                m_cursor.dmNewestId.clear();
            } else {
                m_cursor.paginationToken.clear();
                m_cursor.newestId.clear();
            }
            m_firstPage = false;
            fetchPage();
            return;
        }
        [[fallthrough]];
    default:
        finish(false,
               QCoreApplication::translate("Sync", "The X sync of account %1 stopped: %2")
                   .arg(m_context.account.accountId, outcome.message),
               outcome.kind, outcome.errorKind());
        return;
    }

    auto page = m_dmPhase ? parseXDmEventsPage(outcome.body, m_context.account.accountId, m_cursor.dmSinceId,
                                               m_context.clock->nowMs())
                          : parseXMentionsPage(outcome.body, m_context.account.accountId, m_context.clock->nowMs());
    if (!page) {
        finish(false, page.error(), net::OutcomeKind::Failed, page.errorKind());
        return;
    }
    m_firstPage = false;
    storePage(*page);
}

XCursor XConnector::cursorAfter(const XPage &page) const
{
    // A resumable state while more pages follow; the newest id seen by this sync once its last
    // page is stored. The newest id comes from the first page (results are newest first).
    XCursor next = m_cursor;
    QString &newest = m_dmPhase ? next.dmNewestId : next.newestId;
    QString &since = m_dmPhase ? next.dmSinceId : next.sinceId;
    QString &token = m_dmPhase ? next.dmPaginationToken : next.paginationToken;
    const bool resuming = !token.isEmpty();
    if (!resuming)
        newest = page.newestId;
    else if (!page.newestId.isEmpty() && (newest.isEmpty() || xIdLess(newest, page.newestId)))
        newest = page.newestId;
    // Direct messages have no since_id: paging stops where the previous sync's events begin.
    token = (m_dmPhase && page.reachedKnown) ? QString() : page.nextToken;
    if (token.isEmpty()) {
        if (!newest.isEmpty() && (since.isEmpty() || xIdLess(since, newest)))
            since = newest;
        newest.clear();
    }
    return next;
}

void XConnector::storePage(const XPage &page)
{
    const XCursor next = cursorAfter(page);

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
    if (Status s = store.setSyncCursor(m_context.account.id, next.toString()); !s) {
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
    m_context.account.syncCursor = next.toString();
    m_result.pages += 1;
    m_result.postsAdded += ingestor.counts().postsAdded;
    m_result.postsAlreadyPresent += ingestor.counts().postsAlreadyPresent;
    m_result.partialErrors << page.partialErrors;
    emit progress(SyncProgress{m_context.account.tokenKey(), m_result.pages, m_result.postsAdded, storeMs});

    if (m_result.pages >= m_context.maxPages &&
        (m_cursor.inProgress() || (m_fetchDms && (m_dmPhase ? m_cursor.dmInProgress() : true)))) {
        // The safety bound: the stored state resumes at the next page on the next sync.
        finish(true, QString(), net::OutcomeKind::Success);
        return;
    }
    if (!m_dmPhase && !m_cursor.inProgress()) {
        if (!m_fetchDms) {
            finish(true, QString(), net::OutcomeKind::Success);
            return;
        }
        m_dmPhase = true; // the mentions are complete: now the direct messages
        m_firstPage = true;
    } else if (m_dmPhase && !m_cursor.dmInProgress()) {
        finish(true, QString(), net::OutcomeKind::Success);
        return;
    }
    if (m_stopRequested) { // the page and its cursor are committed: the next sync resumes after it
        m_result.stopped = true;
        finish(false, QCoreApplication::translate("Sync", "Stopped on request after page %1.").arg(m_result.pages),
               net::OutcomeKind::Failed);
        return;
    }
    fetchPage();
}

void XConnector::finish(bool ok, const QString &error, net::OutcomeKind kind, ErrorKind errorKind)
{
    m_running = false;
    m_result.ok = ok;
    m_result.error = error;
    m_result.errorKind = ok ? ErrorKind::Unspecified : errorKind;
    qCInfo(lcSync) << "X sync finished:" << (ok ? "ok" : errorKindName(errorKind)) << m_result.pages << "pages,"
                   << m_result.postsAdded << "posts added";
    if (!ok)
        m_result.lastOutcome = kind;
    emit finished(m_result);
}

} // namespace sportello::sync
