#include "team/HubUpload.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "team/TeamDatabase.h"
#include "team/TeamLog.h"
#include "team/TeamSchema.h"

#include <QSqlQuery>
#include <QVariantList>

namespace sportello::team {

namespace {

struct LocalPost {
    qint64 id = 0;
    QVariantList values; // in the order of kInsert's columns
};

// The local posts, authors and threads join, in the columns of sportello.posts.
constexpr const char *kSelect =
    "SELECT p.id, p.channel, p.external_id, t.external_id, p.in_reply_to, a.external_id, a.handle, "
    "a.display_name, a.follower_count, p.direction, p.visibility, p.created_at, p.text, p.category, p.language, "
    "p.rating FROM posts p JOIN threads t ON t.id = p.thread_id JOIN authors a ON a.id = p.author_id "
    "WHERE p.id > ? ORDER BY p.id LIMIT ?";
constexpr int kColumns = 15;

// rating: an app-store review's stars (team schema 3), NULL on every other post.
constexpr const char *kInsert =
    "INSERT INTO sportello.posts(channel, external_id, thread_external_id, in_reply_to, author_external_id, "
    "author_handle, author_name, author_followers, direction, visibility, created_at, text, category, language, "
    "rating) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, external_id) DO NOTHING";

// The comments whose flags the team does not hold as this cache has them, at or below the mark.
// post_moderation is walked in id order and posts looked up by id: the '+' keeps SQLite from
// starting at posts' (channel, external_id) index instead, which sorts every comment first
// (200,000 comments: about 100 ms against 40, under load). Only the Graph channels have flags; the
// filter keeps anything else out of the team's CHECK.
constexpr const char *kSelectFlags =
    "SELECT m.post_id, p.channel, p.external_id, m.is_hidden, m.can_hide FROM post_moderation m "
    "LEFT JOIN team_comment_flags f ON f.post_id = m.post_id JOIN posts p ON p.id = m.post_id "
    "WHERE m.post_id <= ? AND (f.post_id IS NULL OR f.is_hidden IS NOT m.is_hidden OR f.can_hide IS NOT m.can_hide) "
    "AND +p.channel IN ('facebook', 'instagram') ORDER BY m.post_id LIMIT ?";

// The team database keeps the newest read and leaves out one that changes nothing (its trigger).
constexpr const char *kUpsertFlags =
    "INSERT INTO sportello.comment_flags(channel, external_id, is_hidden, can_hide, read_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (channel, external_id) DO UPDATE SET is_hidden = excluded.is_hidden, "
    "can_hide = excluded.can_hide, read_at = excluded.read_at";

constexpr const char *kRecordFlags =
    "INSERT INTO team_comment_flags(post_id, is_hidden, can_hide, read_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(post_id) DO UPDATE SET is_hidden = excluded.is_hidden, can_hide = excluded.can_hide, "
    "read_at = excluded.read_at";

struct LocalFlags {
    qint64 postId = 0;
    QString channel;
    QString externalId;
    bool hidden = false;
    QVariant canHide; // NULL when the platform did not say
};

} // namespace

Result<qint64> HubUpload::mark() const
{
    QSqlQuery q(m_cache.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    q.addBindValue(QLatin1String(kHubPostsMarkKey));
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() ? q.value(0).toLongLong() : 0;
}

Status HubUpload::setMark(qint64 postId)
{
    QSqlQuery q(m_cache.connection());
    if (Status s = sql::prepare(q, QStringLiteral("INSERT INTO app_state(key, value) VALUES (?, ?) "
                                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    q.addBindValue(QLatin1String(kHubPostsMarkKey));
    q.addBindValue(QString::number(postId));
    return sql::exec(q);
}

Result<UploadSummary> HubUpload::uploadPosts()
{
    UploadSummary summary;
    auto from = mark();
    if (!from)
        return from.failure();
    summary.mark = *from;
    for (;;) {
        QVector<LocalPost> batch;
        {
            QSqlQuery q(m_cache.connection());
            q.setForwardOnly(true);
            if (Status s = sql::prepare(q, QLatin1String(kSelect)); !s)
                return s.failure();
            q.addBindValue(summary.mark);
            q.addBindValue(m_batchSize);
            if (Status s = sql::exec(q); !s)
                return s.failure();
            while (q.next()) {
                LocalPost post;
                post.id = q.value(0).toLongLong();
                for (int c = 1; c <= kColumns; ++c)
                    post.values << q.value(c);
                // Empty strings, not NULLs, where the team's columns are NOT NULL.
                for (int c : {5, 6})
                    if (post.values[c].isNull())
                        post.values[c] = QString(QLatin1String(""));
                batch << post;
            }
        }
        if (batch.isEmpty())
            return summary;

        TeamTransaction transaction(m_team);
        if (!transaction.started())
            return transaction.startFailure();
        QSqlQuery insert(m_team);
        if (Status s = teamPrepare(insert, QLatin1String(kInsert)); !s)
            return s.failure();
        int inserted = 0;
        for (const LocalPost &post : batch) {
            for (int c = 0; c < kColumns; ++c)
                insert.bindValue(c, post.values.at(c));
            if (Status s = teamExec(insert); !s)
                return s.failure();
            inserted += insert.numRowsAffected() > 0 ? 1 : 0;
        }
        if (Status s = transaction.commit(); !s)
            return s.failure();
        // After the commit only: a stop in between sends this batch again, which changes nothing.
        if (Status s = setMark(batch.last().id); !s)
            return s.failure();
        summary.mark = batch.last().id;
        summary.sent += int(batch.size());
        summary.inserted += inserted;
        ++summary.batches;
        qCDebug(lcTeam) << "hub upload: batch of" << batch.size() << "posts," << inserted << "new";
    }
}

Result<int> HubUpload::uploadCommentFlags(qint64 readAtMs)
{
    auto upTo = mark();
    if (!upTo)
        return upTo.failure();
    int sent = 0;
    for (;;) {
        QVector<LocalFlags> batch;
        {
            QSqlQuery q(m_cache.connection());
            q.setForwardOnly(true);
            if (Status s = sql::prepare(q, QLatin1String(kSelectFlags)); !s)
                return s.failure();
            q.addBindValue(*upTo);
            q.addBindValue(m_batchSize);
            if (Status s = sql::exec(q); !s)
                return s.failure();
            while (q.next())
                batch.append(
                    {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toInt() != 0,
                     q.value(4).isNull() ? QVariant(QMetaType(QMetaType::Bool)) : QVariant(q.value(4).toInt() != 0)});
        }
        if (batch.isEmpty())
            return sent;

        TeamTransaction transaction(m_team);
        if (!transaction.started())
            return transaction.startFailure();
        // The feed's lock before any row's (kLockOrder in TeamSchemaV2.cpp): an update's row lock
        // comes first otherwise, and its trigger takes the feed's lock after it.
        if (Status s = teamExec(m_team, takeFeedLockStatement()); !s)
            return s.failure();
        QSqlQuery upsert(m_team);
        if (Status s = teamPrepare(upsert, QLatin1String(kUpsertFlags)); !s)
            return s.failure();
        for (const LocalFlags &flags : batch) {
            upsert.bindValue(0, flags.channel);
            upsert.bindValue(1, flags.externalId);
            upsert.bindValue(2, flags.hidden);
            upsert.bindValue(3, flags.canHide);
            upsert.bindValue(4, readAtMs);
            if (Status s = teamExec(upsert); !s)
                return s.failure();
        }
        if (Status s = transaction.commit(); !s)
            return s.failure();
        // After the commit only: a stop in between sends these again, which the team database
        // leaves out (nothing changes). A read the team refused as older than its own is recorded
        // too: the next sync's read, or the feed, brings this cache up to date.
        Transaction local(m_cache.connection());
        if (!local.started())
            return local.startFailure();
        QSqlQuery record(m_cache.connection());
        if (Status s = sql::prepare(record, QLatin1String(kRecordFlags)); !s)
            return s.failure();
        for (const LocalFlags &flags : batch) {
            record.addBindValue(flags.postId);
            record.addBindValue(flags.hidden ? 1 : 0);
            record.addBindValue(flags.canHide.isNull() ? QVariant(QMetaType(QMetaType::Int))
                                                       : QVariant(flags.canHide.toBool() ? 1 : 0));
            record.addBindValue(readAtMs);
            if (Status s = sql::exec(record); !s)
                return s.failure();
        }
        if (Status s = local.commit(); !s)
            return s.failure();
        sent += int(batch.size());
        qCDebug(lcTeam) << "hub upload: flags of" << batch.size() << "comments";
    }
}

} // namespace sportello::team
