#include "queue/QueueQuery.h"

#include "queue/MatchingPosts.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Statement.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <cmath>

namespace sportello {

namespace {

std::optional<Category> optionalCategory(const QVariant &v)
{
    return v.isNull() ? std::nullopt : categoryFromId(v.toString());
}

const QString kCategoryRank = QStringLiteral(
    "CASE t.category WHEN 'complaint' THEN 0 WHEN 'assistance' THEN 1 WHEN 'non_negative' THEN 2 ELSE 1 END");

QString orderBy(QueueSort sort, bool ascending, bool onlyWaiting)
{
    const QString dir = ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    switch (sort) {
    case QueueSort::Urgency:
        // Waiting threads by due time, read in order from the (status, due_at) indexes; in a
        // list of every status, the waiting ones first and the others by last activity.
        if (onlyWaiting)
            return QStringLiteral("t.due_at %1, %2, ta.follower_count DESC, t.id %1").arg(dir, kCategoryRank);
        return QStringLiteral(
                   "t.due_at IS NULL, t.due_at %1, %2, ta.follower_count DESC, t.last_activity_at DESC, t.id %1")
            .arg(dir, kCategoryRank);
    case QueueSort::Age: return QStringLiteral("t.waiting_since %1, t.id %1").arg(dir);
    case QueueSort::Channel: return QStringLiteral("t.channel %1, t.due_at, t.id").arg(dir);
    case QueueSort::Author: return QStringLiteral("a.handle COLLATE NOCASE %1, t.due_at, t.id").arg(dir);
    case QueueSort::Category: return QStringLiteral("t.category %1, t.due_at, t.id").arg(dir);
    case QueueSort::LastActivity: return QStringLiteral("t.last_activity_at %1, t.id %1").arg(dir);
    }
    return QStringLiteral("t.id");
}

} // namespace

QString QueueQuery::ftsQuery(const QString &typed)
{
    static const QRegularExpression words(QStringLiteral("[\\p{L}\\p{N}_@.'-]+"));
    QStringList terms;
    auto it = words.globalMatch(typed);
    while (it.hasNext()) {
        QString word = it.next().captured();
        word.remove(QLatin1Char('"'));
        // FTS5 tokenises on punctuation anyway; quoting keeps operators like AND/NEAR literal.
        if (!word.isEmpty())
            terms << QLatin1Char('"') + word + QStringLiteral("\"*");
    }
    return terms.join(QLatin1Char(' '));
}

namespace {
// How the search term of a filter is written.
enum class SearchTerm {
    MatchingThreads, // t.id in the set of threads with a matching post (the matches sorted after)
    Walked,          // not written, and no other index than the due order's may lead: the threads
                     // are walked in due order and their posts tested against the matches in C++
    Left,            // not written (the threads are given by id)
};

// The WHERE terms of a filter over threads t, with their values.
void filterTerms(const QueueFilter &filter, QStringList &where, QVariantList &binds,
                 SearchTerm search = SearchTerm::MatchingThreads)
{
    if (filter.status) {
        where << QStringLiteral("t.status = ?");
        binds << toId(*filter.status);
    }
    // A walk in due order must not be led by another index (unary plus: not an index term).
    const QString plus = search == SearchTerm::Walked ? QStringLiteral("+") : QString();
    if (filter.channel) {
        where << plus + QStringLiteral("t.channel = ?");
        binds << toId(*filter.channel);
    }
    if (filter.category) {
        where << plus + QStringLiteral("t.category = ?");
        binds << toId(*filter.category);
    }
    if (filter.minRating || filter.maxRating) {
        // The latest rated post: an edited review counts with its newest rating.
        where << QStringLiteral("(SELECT r.rating FROM posts r WHERE r.thread_id = t.id AND r.rating IS NOT NULL "
                                "ORDER BY r.created_at DESC, r.id DESC LIMIT 1) BETWEEN ? AND ?");
        binds << qint64(filter.minRating.value_or(1)) << qint64(filter.maxRating.value_or(5));
    }
    const QString fts = QueueQuery::ftsQuery(filter.search);
    if (fts.isEmpty() || search != SearchTerm::MatchingThreads)
        return;
    where << QStringLiteral("t.id IN (SELECT p2.thread_id FROM posts p2 WHERE p2.id IN "
                            "(SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?))");
    binds << fts;
}

// Runs a statement to its end, handing each row to `row`; false from `row` stops early.
template <typename RowFunction>
Status eachRow(sql::Statement &statement, RowFunction row)
{
    for (;;) {
        auto more = statement.step();
        if (!more)
            return more.failure();
        if (!*more || !row())
            return {};
    }
}

// Binds a filter's values (texts and integers, or NULL) from the first parameter on; returns the
// next parameter's index. The statement keeps pointers to the texts (bound without a copy), so
// `texts` holds them and must outlive its last step.
int bindValues(sql::Statement &statement, const QVariantList &binds, QStringList &texts)
{
    texts.clear();
    for (const QVariant &v : binds)
        texts << (v.typeId() == QMetaType::QString ? v.toString() : QString());
    int index = 0;
    for (const QVariant &v : binds) {
        ++index;
        if (v.isNull())
            statement.bindNull(index);
        else if (v.typeId() == QMetaType::QString)
            statement.bind(index, texts.at(index - 1));
        else
            statement.bind(index, v.toLongLong());
    }
    return index + 1;
}
} // namespace

QString QueueQuery::listedStatement(const QueueFilter &filter, QVariantList *binds)
{
    QStringList where;
    QVariantList values;
    filterTerms(filter, where, values);
    if (binds)
        *binds = values;
    // The loaded ids drive the join (CROSS JOIN keeps json_each outside), so each is one seek by
    // primary key: filtered by an indexed term instead, SQLite walks every waiting thread.
    QString statement = QStringLiteral("SELECT t.id FROM json_each(?) j CROSS JOIN threads t ON t.id = j.value");
    if (!where.isEmpty())
        statement += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    return statement;
}

Result<QSet<qint64>> QueueQuery::listed(const QueueFilter &filter, const QSet<qint64> &threadIds) const
{
    if (threadIds.isEmpty())
        return QSet<qint64>{};
    QVariantList binds;
    const QString statement = listedStatement(filter, &binds);
    QJsonArray ids;
    for (qint64 id : threadIds)
        ids.append(id);
    binds.prepend(QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact)));
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    for (const QVariant &v : binds)
        query.addBindValue(v);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QSet<qint64> found;
    while (query.next())
        found.insert(query.value(0).toLongLong());
    return found;
}

Result<QVector<QueueRow>> QueueQuery::page(const QueueFilter &filter, QueueSort sort, bool ascending, int offset,
                                           int limit) const
{
    const QString order = orderBy(sort, ascending, filter.status == ThreadStatus::Waiting);
    QStringList where;
    QVariantList binds;
    // A common word in the waiting queue by urgency: the threads are walked in due order and
    // those without a match skipped, instead of sorting every match (see searchWalk).
    if (!ftsQuery(filter.search).isEmpty() && sort == QueueSort::Urgency && ascending &&
        filter.status == ThreadStatus::Waiting && m_searchPlan != SearchPlan::SortMatches) {
        auto walked = searchWalk(filter, offset, limit);
        if (!walked)
            return walked.failure();
        if (walked->has_value()) {
            // The rows are those threads (a page and the ties at its end), in the full order.
            QJsonArray ids;
            for (qint64 id : walked->value())
                ids.append(id);
            binds << QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
            filterTerms(filter, where, binds, SearchTerm::Left);
            return pageRows(QStringLiteral("json_each(?) j CROSS JOIN threads t ON t.id = j.value"), where, binds,
                            order, offset, limit);
        }
    }
    filterTerms(filter, where, binds);
    return pageRows(QStringLiteral("threads t"), where, binds, order, offset, limit);
}

QString QueueQuery::searchWalkStatement(const QueueFilter &filter, QVariantList *binds)
{
    QStringList where;
    QVariantList values;
    filterTerms(filter, where, values, SearchTerm::Walked);
    if (binds)
        *binds = values;
    // The threads in due order from threads(status, due_at), and each one's posts from
    // posts_by_thread, in one statement: t.id after due_at is the index's own order (its rowid), so
    // no sort, and a thread's posts come together.
    return QStringLiteral("SELECT t.id, t.due_at, p.id FROM threads t CROSS JOIN posts p ON p.thread_id = t.id "
                          "WHERE %1 ORDER BY t.due_at, t.id")
        .arg(where.join(QStringLiteral(" AND ")));
}

Result<std::optional<QVector<qint64>>> QueueQuery::searchWalk(const QueueFilter &filter, int offset, int limit) const
{
    const QSqlDatabase db = m_database.connection();
    const QString fts = ftsQuery(filter.search);
    const qint64 wanted = qint64(offset) + limit;
    auto largest = sql::Statement::prepare(db, "SELECT coalesce(max(id), 0) FROM posts");
    if (!largest)
        return largest.failure();
    if (auto row = largest->step(); !row)
        return row.failure();
    const qint64 posts = largest->int64(0);
    largest->reset(); // ends its read

    // Every matching post, read once. The same pass counts them: the walk looks at about
    // wanted * posts / matches threads, the sort at every match, so the walk pays when
    // matches² > wanted * posts; a rare word is sorted (and its few matches cost little to read).
    MatchingPosts matching(posts);
    {
        auto match = sql::Statement::prepare(db, "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1");
        if (!match)
            return match.failure();
        match->bind(1, fts);
        const auto add = [&] {
            matching.add(match->int64(0));
            return true;
        };
        if (Status s = eachRow(*match, add); !s)
            return s.failure();
    }
    matching.seal();
    const qint64 enough = qint64(std::ceil(std::sqrt(double(wanted) * double(qMax<qint64>(1, posts)))));
    if (m_searchPlan == SearchPlan::Auto && matching.count() < enough)
        return std::optional<QVector<qint64>>{};

    // The first `wanted` matching threads in due order, and then every other matching thread due
    // at the same moment as the last of them: the full order breaks ties of due time (category,
    // reach, id), so each of them may come before it.
    QVariantList binds;
    const QByteArray statement = searchWalkStatement(filter, &binds).toUtf8();
    auto walk = sql::Statement::prepare(db, statement.constData());
    if (!walk)
        return walk.failure();
    QStringList texts; // kept alive for the walk
    bindValues(*walk, binds, texts);
    QVector<qint64> ids;
    qint64 thread = 0;
    bool seen = false;             // a row of `thread` was read
    bool matched = false;          // `thread` has a matching post
    bool untimed = false;          // the page ends on a thread without a due time
    std::optional<qint64> lastDue; // set once `wanted` threads matched
    const Status walked = eachRow(*walk, [&] {
        const qint64 id = walk->int64(0);
        if (!seen || id != thread) {
            if (lastDue && (walk->isNull(1) || walk->int64(1) != *lastDue))
                return false; // past the threads due with the page's last
            thread = id;
            seen = true;
            matched = false;
        }
        if (matched || !matching.contains(walk->int64(2)))
            return true;
        matched = true;
        ids.push_back(id);
        if (!lastDue && ids.size() == wanted) {
            if (walk->isNull(1)) {
                untimed = true;
                return false;
            }
            lastDue = walk->int64(1);
        }
        return true;
    });
    if (!walked)
        return walked.failure();
    if (untimed)
        return std::optional<QVector<qint64>>{}; // threads without a due time: sorted instead
    return std::optional<QVector<qint64>>{ids};
}

Result<QVector<QueueRow>> QueueQuery::pageRows(const QString &from, const QStringList &where, const QVariantList &binds,
                                               const QString &order, int offset, int limit) const
{
    // The post shown is the one waiting, or for a thread not waiting its latest inbound post.
    const QString statement =
        QStringLiteral("SELECT t.id AS thread_id, t.channel AS channel, t.status AS status, t.category AS category, "
                       "t.waiting_since AS waiting_since, t.due_at AS due_at, t.last_activity_at AS last_activity_at, "
                       "a.handle AS handle, a.display_name AS display_name, a.follower_count AS follower_count, "
                       "substr(p.text, 1, 160) AS preview, p.visibility AS visibility, t.due_soon_at AS due_soon_at, "
                       "tp.target_ms AS target_ms, tp.business_clock AS business_clock, "
                       "tp.created_at AS timer_arrived_at, "
                       "EXISTS(SELECT 1 FROM drafts d WHERE d.thread_id = t.id) AS has_draft, "
                       "t.external_id AS external_id, (SELECT r.rating FROM posts r WHERE r.thread_id = t.id "
                       "  AND r.rating IS NOT NULL ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS rating "
                       "FROM %1 "
                       "LEFT JOIN posts p ON p.id = coalesce(t.waiting_post_id, (SELECT max(id) FROM posts x "
                       "  WHERE x.thread_id = t.id AND x.direction = 'inbound')) "
                       "LEFT JOIN authors a ON a.id = p.author_id "
                       "LEFT JOIN posts tp ON tp.id = t.timer_post_id "
                       "LEFT JOIN authors ta ON ta.id = tp.author_id "
                       "%2 ORDER BY %3 LIMIT ? OFFSET ?")
            .arg(from, where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                 order);
    // Read through SQLite's own statement: a QSqlQuery makes a QVariant of every cell of the page.
    const QByteArray text = statement.toUtf8();
    auto prepared = sql::Statement::prepare(m_database.connection(), text.constData());
    if (!prepared)
        return prepared.failure();
    sql::Statement &query = prepared.value();
    QStringList texts; // kept alive until the last row
    const int next = bindValues(query, binds, texts);
    query.bind(next, limit);
    query.bind(next + 1, offset);
    QVector<QueueRow> rows;
    rows.reserve(limit);
    // The statement's columns, in its order.
    enum Column {
        cThread,
        cChannel,
        cStatus,
        cCategory,
        cWaitingSince,
        cDueAt,
        cLastActivity,
        cHandle,
        cName,
        cFollowers,
        cPreview,
        cVisibility,
        cDueSoonAt,
        cTarget,
        cBusinessClock,
        cTimerArrived,
        cHasDraft,
        cExternalId,
        cRating
    };
    for (;;) {
        auto more = query.step();
        if (!more)
            return more.failure();
        if (!*more)
            break;
        QueueRow row;
        row.threadId = query.int64(cThread);
        row.channel = channelFromId(query.text(cChannel)).value_or(Channel::Facebook);
        row.status = threadStatusFromId(query.text(cStatus)).value_or(ThreadStatus::Waiting);
        if (!query.isNull(cCategory))
            row.category = categoryFromId(query.text(cCategory));
        row.waitingSinceMs = query.int64(cWaitingSince);
        row.dueAtMs = query.int64(cDueAt);
        row.lastActivityMs = query.int64(cLastActivity);
        row.authorHandle = query.text(cHandle);
        row.authorName = query.text(cName);
        row.authorFollowers = query.int64(cFollowers);
        row.preview = query.text(cPreview).simplified();
        row.visibility = visibilityFromId(query.text(cVisibility)).value_or(Visibility::Public);
        row.dueSoonAtMs = query.int64(cDueSoonAt);
        row.targetMs = query.int64(cTarget);
        row.businessClock = query.int64(cBusinessClock) != 0;
        row.timerArrivedMs = query.int64(cTimerArrived);
        row.hasDraft = query.int64(cHasDraft) != 0;
        row.externalId = query.text(cExternalId);
        row.rating = query.isNull(cRating) ? 0 : int(query.int64(cRating));
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<QVector<ThreadMatch>> QueueQuery::findThreads(const QString &reference, std::optional<Channel> channel) const
{
    const QString ref = reference.trimmed();
    if (ref.isEmpty())
        return QVector<ThreadMatch>{};
    // "#42" names thread 42 and nothing else: a channel's small numeric post ids (TWCS) can equal a
    // thread number, and the thread must stay nameable then.
    const bool numberOnly = ref.startsWith(QLatin1Char('#'));
    bool numeric = false;
    const qint64 number = (numberOnly ? ref.mid(1) : ref).toLongLong(&numeric);
    if (numberOnly && !numeric)
        return QVector<ThreadMatch>{};
    // One statement: the union of the three ways to name a thread, each through an index
    // (the primary key, threads(channel, external_id), posts(channel, external_id)); without a
    // channel, every channel is listed so that the (channel, external_id) indexes still serve.
    QStringList channels;
    if (channel)
        channels << toId(*channel);
    else
        channels = allChannelIds();
    for (QString &c : channels)
        c = QLatin1Char('\'') + c + QLatin1Char('\''); // fixed identifiers from the domain table
    const QString channelClause = QStringLiteral(" AND channel IN (%1)").arg(channels.join(QLatin1Char(',')));
    const QString statement =
        QStringLiteral("WITH hits(id) AS ("
                       "  SELECT id FROM threads WHERE id = ?%1"
                       "  UNION SELECT id FROM threads WHERE external_id = ?%1"
                       "  UNION SELECT thread_id FROM posts WHERE external_id = ?%1) "
                       "SELECT t.id AS thread_id, t.channel AS channel, t.status AS status, "
                       "  (SELECT a.handle FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.thread_id = t.id "
                       "     ORDER BY p.direction <> 'inbound', p.created_at, p.id LIMIT 1) AS handle, "
                       "  (SELECT substr(p.text, 1, 120) FROM posts p WHERE p.thread_id = t.id "
                       "     ORDER BY p.direction <> 'inbound', p.created_at, p.id LIMIT 1) AS preview "
                       "FROM hits JOIN threads t ON t.id = hits.id ORDER BY t.id")
            .arg(channelClause);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    query.addBindValue(numeric ? number : qint64(-1));
    // No channel id starts with '#': the number form matches threads by number only.
    query.addBindValue(numberOnly ? QString() : ref);
    query.addBindValue(numberOnly ? QString() : ref);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QVector<ThreadMatch> matches;
    const sql::Columns column(query);
    const int cThread = column("thread_id"), cChannel = column("channel"), cStatus = column("status"),
              cHandle = column("handle"), cPreview = column("preview");
    while (query.next()) {
        ThreadMatch m;
        m.id = query.value(cThread).toLongLong();
        m.channel = channelFromId(query.value(cChannel).toString()).value_or(Channel::Facebook);
        m.status = threadStatusFromId(query.value(cStatus).toString()).value_or(ThreadStatus::Waiting);
        m.authorHandle = query.value(cHandle).toString();
        m.preview = query.value(cPreview).toString().simplified();
        matches.push_back(std::move(m));
    }
    return matches;
}

Result<ThreadDetail> QueueQuery::thread(qint64 threadId) const
{
    const QSqlDatabase db = m_database.connection();
    // Run on every thread shown: prepared once per connection.
    sql::ReusedQuery reusedHead(
        db, QStringLiteral(
                "SELECT channel, external_id, status, category, waiting_since, "
                "due_at, due_soon_at, (SELECT o.case_reference FROM outbox o JOIN decisions d ON d.id = o.decision_id "
                "WHERE d.thread_id = threads.id AND o.case_reference IS NOT NULL "
                "ORDER BY o.created_at DESC LIMIT 1) AS case_reference, "
                // outbox::handoffAwaitsAgent's condition (this module reads the table, not that one).
                "(status = 'forwarded' AND EXISTS(SELECT 1 FROM handoffs h WHERE h.thread_id = threads.id AND "
                "h.state = 'resolved' AND NOT EXISTS(SELECT 1 FROM decisions d WHERE d.thread_id = h.thread_id "
                "AND d.decided_at > h.recorded_at))) AS back_from_care FROM threads WHERE id = ?"));
    if (!reusedHead.prepared())
        return reusedHead.prepared().failure();
    QSqlQuery &head = reusedHead.query();
    head.addBindValue(threadId);
    if (Status s = sql::exec(head); !s)
        return s.failure();
    if (!head.next())
        return Error{QCoreApplication::translate("Queue", "Thread %1 is not in the cache.").arg(threadId),
                     ErrorKind::NotFound};
    ThreadDetail detail;
    detail.id = threadId;
    detail.channel = channelFromId(head.value(QStringLiteral("channel")).toString()).value_or(Channel::Facebook);
    detail.externalId = head.value(QStringLiteral("external_id")).toString();
    detail.status = threadStatusFromId(head.value(QStringLiteral("status")).toString()).value_or(ThreadStatus::Waiting);
    detail.category = optionalCategory(head.value(QStringLiteral("category")));
    detail.waitingSinceMs = head.value(QStringLiteral("waiting_since")).toLongLong();
    detail.dueAtMs = head.value(QStringLiteral("due_at")).toLongLong();
    detail.dueSoonAtMs = head.value(QStringLiteral("due_soon_at")).toLongLong();
    detail.caseReference = head.value(QStringLiteral("case_reference")).toString();
    detail.backFromCare = head.value(QStringLiteral("back_from_care")).toInt() != 0;

    sql::ReusedQuery reusedPosts(
        db, QStringLiteral(
                "SELECT p.id AS id, p.external_id AS external_id, p.direction AS direction, "
                "p.visibility AS visibility, p.created_at AS created_at, p.text AS text, a.handle AS handle, "
                "a.display_name AS display_name, a.follower_count AS follower_count, p.category AS category, "
                "p.due_at AS due_at, p.answered_at AS answered_at, p.due_soon_at AS due_soon_at, "
                "p.target_ms AS target_ms, p.business_clock AS business_clock, p.category_source AS category_source, "
                "p.classifier_confidence AS classifier_confidence, p.classifier_cues AS classifier_cues, "
                "p.likely_spam AS likely_spam, p.language AS language, m.is_hidden AS is_hidden, "
                "m.can_hide AS can_hide, p.in_reply_to AS in_reply_to, p.rating AS rating, "
                // Team mode: the newest request for the hub on this comment (empty alone).
                "(SELECT r.state || char(31) || r.action || char(31) || coalesce(r.explanation, '') "
                "FROM moderation_requests r WHERE r.channel = p.channel AND r.comment_id = p.external_id "
                "ORDER BY r.requested_at DESC, r.rowid DESC LIMIT 1) AS moderation_request "
                "FROM posts p JOIN authors a ON a.id = p.author_id LEFT JOIN post_moderation m ON m.post_id = p.id "
                "WHERE p.thread_id = ? ORDER BY p.created_at, p.id"));
    if (!reusedPosts.prepared())
        return reusedPosts.prepared().failure();
    QSqlQuery &posts = reusedPosts.query();
    posts.addBindValue(threadId);
    if (Status s = sql::exec(posts); !s)
        return s.failure();
    const sql::Columns postColumn(posts);
    const int cId = postColumn("id"), cExternal = postColumn("external_id"), cDirection = postColumn("direction"),
              cVisibility = postColumn("visibility"), cCreated = postColumn("created_at"), cText = postColumn("text"),
              cHandle = postColumn("handle"), cName = postColumn("display_name"),
              cFollowers = postColumn("follower_count"), cCategory = postColumn("category"),
              cDueAt = postColumn("due_at"), cAnswered = postColumn("answered_at"),
              cDueSoonAt = postColumn("due_soon_at"), cTarget = postColumn("target_ms"),
              cBusinessClock = postColumn("business_clock"), cCategorySource = postColumn("category_source"),
              cConfidence = postColumn("classifier_confidence"), cCues = postColumn("classifier_cues"),
              cSpam = postColumn("likely_spam"), cLanguage = postColumn("language"), cHidden = postColumn("is_hidden"),
              cCanHide = postColumn("can_hide"), cInReplyTo = postColumn("in_reply_to"), cRating = postColumn("rating"),
              cModeration = postColumn("moderation_request");
    while (posts.next()) {
        PostView post;
        post.id = posts.value(cId).toLongLong();
        post.externalId = posts.value(cExternal).toString();
        post.direction = directionFromId(posts.value(cDirection).toString()).value_or(Direction::Inbound);
        post.visibility = visibilityFromId(posts.value(cVisibility).toString()).value_or(Visibility::Public);
        post.createdAtMs = posts.value(cCreated).toLongLong();
        post.text = posts.value(cText).toString();
        post.authorHandle = posts.value(cHandle).toString();
        post.authorName = posts.value(cName).toString();
        post.authorFollowers = posts.value(cFollowers).toLongLong();
        post.category = optionalCategory(posts.value(cCategory));
        post.dueAtMs = posts.value(cDueAt).toLongLong();
        post.answeredAtMs = posts.value(cAnswered).toLongLong();
        post.dueSoonAtMs = posts.value(cDueSoonAt).toLongLong();
        post.targetMs = posts.value(cTarget).toLongLong();
        post.businessClock = posts.value(cBusinessClock).toInt() != 0;
        post.categorySource = posts.value(cCategorySource).toString();
        if (!posts.value(cConfidence).isNull())
            post.classifierConfidence = posts.value(cConfidence).toDouble();
        if (!posts.value(cCues).isNull())
            post.classifierCues = posts.value(cCues).toString().split(QChar(0x1f), Qt::SkipEmptyParts);
        post.likelySpam = posts.value(cSpam).toInt() != 0;
        post.language = posts.value(cLanguage).toString();
        post.hidden = posts.value(cHidden).toInt() != 0;
        if (!posts.value(cCanHide).isNull())
            post.canHide = posts.value(cCanHide).toInt() != 0;
        post.inReplyTo = posts.value(cInReplyTo).toString();
        post.rating = posts.value(cRating).toInt();
        if (!posts.value(cModeration).isNull()) {
            const QStringList request = posts.value(cModeration).toString().split(QChar(0x1f));
            post.moderationState = request.value(0);
            post.moderationHide = request.value(1) != QLatin1String("unhide");
            post.moderationExplanation = request.value(2);
        }
        detail.posts.push_back(std::move(post));
    }

    QSqlQuery decisions(db);
    decisions.setForwardOnly(true);
    if (Status s = sql::prepare(decisions, QStringLiteral("SELECT id, kind, close_reason, text, agent_name, decided_at "
                                                          "FROM decisions WHERE thread_id = ? ORDER BY decided_at"));
        !s)
        return s.failure();
    decisions.addBindValue(threadId);
    if (Status s = sql::exec(decisions); !s)
        return s.failure();
    const sql::Columns decisionColumn(decisions);
    const int cDecision = decisionColumn("id"), cKind = decisionColumn("kind"),
              cReason = decisionColumn("close_reason"), cReply = decisionColumn("text"),
              cAgent = decisionColumn("agent_name"), cDecided = decisionColumn("decided_at");
    while (decisions.next()) {
        DecisionView d;
        d.id = decisions.value(cDecision).toString();
        d.kind = decisionKindFromId(decisions.value(cKind).toString()).value_or(DecisionKind::Close);
        if (!decisions.value(cReason).isNull())
            d.closeReason = closeReasonFromId(decisions.value(cReason).toString());
        d.text = decisions.value(cReply).toString();
        d.agentName = decisions.value(cAgent).toString();
        d.decidedAtMs = decisions.value(cDecided).toLongLong();
        detail.decisions.push_back(std::move(d));
    }
    return detail;
}

Result<QueueCounts> QueueQuery::counts(qint64 nowMs) const
{
    // The hourly buckets of waiting threads (schema 15, kept by triggers) give every hour before
    // now's; inside now's hour, index range counts on threads(status, due_at) and
    // threads(status, due_soon_at). A few hundred rows whatever the size of the queue.
    constexpr qint64 kHourMs = 3'600'000;
    const qint64 hour = nowMs >= 0 ? nowMs / kHourMs : (nowMs + 1) / kHourMs - 1;
    QSqlQuery query(m_database.connection());
    if (Status s = sql::prepare(
            query, QStringLiteral("SELECT (SELECT coalesce(sum(n), 0) FROM queue_buckets WHERE kind = 0) AS waiting, "
                                  "(SELECT coalesce(sum(n), 0) FROM queue_buckets WHERE kind = 1 AND hour < :hour) + "
                                  "(SELECT count(*) FROM threads WHERE status = 'waiting' AND due_soon_at >= :from "
                                  "AND due_soon_at <= :now) AS soon_or_overdue, "
                                  "(SELECT coalesce(sum(n), 0) FROM queue_buckets WHERE kind = 0 AND hour < :hour) + "
                                  "(SELECT count(*) FROM threads WHERE status = 'waiting' AND due_at >= :from "
                                  "AND due_at <= :now) AS overdue"));
        !s)
        return s.failure();
    query.bindValue(QStringLiteral(":hour"), hour);
    query.bindValue(QStringLiteral(":from"), hour * kHourMs);
    query.bindValue(QStringLiteral(":now"), nowMs);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QueueCounts counts;
    if (query.next()) {
        counts.waiting = query.value(QStringLiteral("waiting")).toInt();
        counts.overdue = query.value(QStringLiteral("overdue")).toInt();
        counts.dueSoon = query.value(QStringLiteral("soon_or_overdue")).toInt() - counts.overdue;
    }
    return counts;
}

Result<qint64> QueueQuery::threadCount() const
{
    auto count = sql::scalar(m_database.connection(), QStringLiteral("SELECT count(*) FROM threads"));
    if (!count)
        return count.failure();
    return count->toLongLong();
}

} // namespace sportello
