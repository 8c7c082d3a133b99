#include "queue/QueueQuery.h"

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>

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
// The WHERE terms of a filter over threads t, with their values.
void filterTerms(const QueueFilter &filter, QStringList &where, QVariantList &binds)
{
    if (filter.status) {
        where << QStringLiteral("t.status = ?");
        binds << toId(*filter.status);
    }
    if (filter.channel) {
        where << QStringLiteral("t.channel = ?");
        binds << toId(*filter.channel);
    }
    if (filter.category) {
        where << QStringLiteral("t.category = ?");
        binds << toId(*filter.category);
    }
    const QString fts = QueueQuery::ftsQuery(filter.search);
    if (!fts.isEmpty()) {
        where << QStringLiteral("t.id IN (SELECT p2.thread_id FROM posts p2 WHERE p2.id IN "
                                "(SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?))");
        binds << fts;
    }
}
} // namespace

Result<QSet<qint64>> QueueQuery::listed(const QueueFilter &filter, const QSet<qint64> &threadIds) const
{
    if (threadIds.isEmpty())
        return QSet<qint64>{};
    QStringList where;
    QVariantList binds;
    filterTerms(filter, where, binds);
    QJsonArray ids;
    for (qint64 id : threadIds)
        ids.append(id);
    where.prepend(QStringLiteral("t.id IN (SELECT value FROM json_each(?))"));
    binds.prepend(QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact)));
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT t.id FROM threads t WHERE ") +
                                           where.join(QStringLiteral(" AND ")));
        !s)
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
    QStringList where;
    QVariantList binds;
    filterTerms(filter, where, binds);
    // The post shown is the one waiting, or for a thread not waiting its latest inbound post.
    const QString statement =
        QStringLiteral("SELECT t.id, t.channel, t.status, t.category, t.waiting_since, t.due_at, t.last_activity_at, "
                       "a.handle, a.display_name, a.follower_count, substr(p.text, 1, 160), p.visibility, "
                       "t.due_soon_at, tp.target_ms, tp.business_clock, tp.created_at, "
                       "EXISTS(SELECT 1 FROM drafts d WHERE d.thread_id = t.id) "
                       "FROM threads t "
                       "LEFT JOIN posts p ON p.id = coalesce(t.waiting_post_id, (SELECT max(id) FROM posts x "
                       "  WHERE x.thread_id = t.id AND x.direction = 'inbound')) "
                       "LEFT JOIN authors a ON a.id = p.author_id "
                       "LEFT JOIN posts tp ON tp.id = t.timer_post_id "
                       "LEFT JOIN authors ta ON ta.id = tp.author_id "
                       "%1 ORDER BY %2 LIMIT ? OFFSET ?")
            .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                 orderBy(sort, ascending, filter.status == ThreadStatus::Waiting));
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    for (const QVariant &v : binds)
        query.addBindValue(v);
    query.addBindValue(limit);
    query.addBindValue(offset);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QVector<QueueRow> rows;
    rows.reserve(limit);
    while (query.next()) {
        QueueRow row;
        row.threadId = query.value(0).toLongLong();
        row.channel = channelFromId(query.value(1).toString()).value_or(Channel::Facebook);
        row.status = threadStatusFromId(query.value(2).toString()).value_or(ThreadStatus::Waiting);
        row.category = optionalCategory(query.value(3));
        row.waitingSinceMs = query.value(4).toLongLong();
        row.dueAtMs = query.value(5).toLongLong();
        row.lastActivityMs = query.value(6).toLongLong();
        row.authorHandle = query.value(7).toString();
        row.authorName = query.value(8).toString();
        row.authorFollowers = query.value(9).toLongLong();
        row.preview = query.value(10).toString().simplified();
        row.visibility = visibilityFromId(query.value(11).toString()).value_or(Visibility::Public);
        row.dueSoonAtMs = query.value(12).toLongLong();
        row.targetMs = query.value(13).toLongLong();
        row.businessClock = query.value(14).toInt() != 0;
        row.timerArrivedMs = query.value(15).toLongLong();
        row.hasDraft = query.value(16).toInt() != 0;
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
                       "SELECT t.id, t.channel, t.status, "
                       "  (SELECT a.handle FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.thread_id = t.id "
                       "     ORDER BY p.direction <> 'inbound', p.created_at, p.id LIMIT 1), "
                       "  (SELECT substr(p.text, 1, 120) FROM posts p WHERE p.thread_id = t.id "
                       "     ORDER BY p.direction <> 'inbound', p.created_at, p.id LIMIT 1) "
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
    while (query.next()) {
        ThreadMatch m;
        m.id = query.value(0).toLongLong();
        m.channel = channelFromId(query.value(1).toString()).value_or(Channel::Facebook);
        m.status = threadStatusFromId(query.value(2).toString()).value_or(ThreadStatus::Waiting);
        m.authorHandle = query.value(3).toString();
        m.preview = query.value(4).toString().simplified();
        matches.push_back(std::move(m));
    }
    return matches;
}

Result<ThreadDetail> QueueQuery::thread(qint64 threadId) const
{
    const QSqlDatabase db = m_database.connection();
    QSqlQuery head(db);
    if (Status s = sql::prepare(
            head,
            QStringLiteral(
                "SELECT channel, external_id, status, category, waiting_since, "
                "due_at, due_soon_at, (SELECT o.case_reference FROM outbox o JOIN decisions d ON d.id = o.decision_id "
                "WHERE d.thread_id = threads.id AND o.case_reference IS NOT NULL "
                "ORDER BY o.created_at DESC LIMIT 1) FROM threads WHERE id = ?"));
        !s)
        return s.failure();
    head.addBindValue(threadId);
    if (Status s = sql::exec(head); !s)
        return s.failure();
    if (!head.next())
        return Error{QCoreApplication::translate("Queue", "Thread %1 is not in the cache.").arg(threadId)};
    ThreadDetail detail;
    detail.id = threadId;
    detail.channel = channelFromId(head.value(0).toString()).value_or(Channel::Facebook);
    detail.externalId = head.value(1).toString();
    detail.status = threadStatusFromId(head.value(2).toString()).value_or(ThreadStatus::Waiting);
    detail.category = optionalCategory(head.value(3));
    detail.waitingSinceMs = head.value(4).toLongLong();
    detail.dueAtMs = head.value(5).toLongLong();
    detail.dueSoonAtMs = head.value(6).toLongLong();
    detail.caseReference = head.value(7).toString();

    QSqlQuery posts(db);
    posts.setForwardOnly(true);
    if (Status s = sql::prepare(
            posts,
            QStringLiteral(
                "SELECT p.id, p.external_id, p.direction, p.visibility, p.created_at, p.text, a.handle, "
                "a.display_name, "
                "a.follower_count, p.category, p.due_at, p.answered_at, p.due_soon_at, p.target_ms, p.business_clock, "
                "p.category_source, p.classifier_confidence, p.classifier_cues, p.likely_spam, p.language "
                "FROM posts p JOIN authors a ON a.id = p.author_id "
                "WHERE p.thread_id = ? ORDER BY p.created_at, p.id"));
        !s)
        return s.failure();
    posts.addBindValue(threadId);
    if (Status s = sql::exec(posts); !s)
        return s.failure();
    while (posts.next()) {
        PostView post;
        post.id = posts.value(0).toLongLong();
        post.externalId = posts.value(1).toString();
        post.direction = directionFromId(posts.value(2).toString()).value_or(Direction::Inbound);
        post.visibility = visibilityFromId(posts.value(3).toString()).value_or(Visibility::Public);
        post.createdAtMs = posts.value(4).toLongLong();
        post.text = posts.value(5).toString();
        post.authorHandle = posts.value(6).toString();
        post.authorName = posts.value(7).toString();
        post.authorFollowers = posts.value(8).toLongLong();
        post.category = optionalCategory(posts.value(9));
        post.dueAtMs = posts.value(10).toLongLong();
        post.answeredAtMs = posts.value(11).toLongLong();
        post.dueSoonAtMs = posts.value(12).toLongLong();
        post.targetMs = posts.value(13).toLongLong();
        post.businessClock = posts.value(14).toInt() != 0;
        post.categorySource = posts.value(15).toString();
        if (!posts.value(16).isNull())
            post.classifierConfidence = posts.value(16).toDouble();
        if (!posts.value(17).isNull())
            post.classifierCues = posts.value(17).toString().split(QChar(0x1f), Qt::SkipEmptyParts);
        post.likelySpam = posts.value(18).toInt() != 0;
        post.language = posts.value(19).toString();
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
    while (decisions.next()) {
        DecisionView d;
        d.id = decisions.value(0).toString();
        d.kind = decisionKindFromId(decisions.value(1).toString()).value_or(DecisionKind::Close);
        if (!decisions.value(2).isNull())
            d.closeReason = closeReasonFromId(decisions.value(2).toString());
        d.text = decisions.value(3).toString();
        d.agentName = decisions.value(4).toString();
        d.decidedAtMs = decisions.value(5).toLongLong();
        detail.decisions.push_back(std::move(d));
    }
    return detail;
}

Result<QueueCounts> QueueQuery::counts(qint64 nowMs) const
{
    // Index range counts on threads(status, due_at) and threads(status, due_soon_at).
    QSqlQuery query(m_database.connection());
    if (Status s = sql::prepare(
            query, QStringLiteral("SELECT (SELECT count(*) FROM threads WHERE status = 'waiting'), "
                                  "(SELECT count(*) FROM threads WHERE status = 'waiting' AND due_soon_at <= ?) - "
                                  "(SELECT count(*) FROM threads WHERE status = 'waiting' AND due_at <= ?), "
                                  "(SELECT count(*) FROM threads WHERE status = 'waiting' AND due_at <= ?)"));
        !s)
        return s.failure();
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QueueCounts counts;
    if (query.next()) {
        counts.waiting = query.value(0).toInt();
        counts.dueSoon = query.value(1).toInt();
        counts.overdue = query.value(2).toInt();
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
