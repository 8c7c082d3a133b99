#include "team/HubUpload.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamDatabase.h"
#include "team/TeamLog.h"

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

} // namespace sportello::team
