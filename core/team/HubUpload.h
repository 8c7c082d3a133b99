#pragma once
// The hub's new posts go up to the team database: every post of the hub's cache above a
// high-water mark (app_state "hub_posts_uploaded", the highest posts.id uploaded), inbound ones
// the connectors fetched and outbound replies the dispatcher stored. Each batch is one PostgreSQL
// transaction of INSERT ... ON CONFLICT (channel, external_id) DO NOTHING, and the mark moves
// only after that commit: a hub that stops between the two uploads the batch again, harmlessly,
// and two hubs uploading the same post store it once.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace sportello {
class Database;
}

namespace sportello::team {

inline constexpr const char *kHubPostsMarkKey = "hub_posts_uploaded";

struct UploadSummary {
    int batches = 0;
    int sent = 0;     // posts sent up
    int inserted = 0; // of those, new to the team database
    qint64 mark = 0;  // the high-water mark afterwards
    int flags = 0;    // comments whose flags went up (uploadCommentFlags)
};

class HubUpload {
public:
    // cache: the hub's cache; team: a hub login's connection. Same thread.
    HubUpload(Database &cache, const QSqlDatabase &team) : m_cache(cache), m_team(team) {}
    void setBatchSize(int posts) { m_batchSize = posts; }

    // Uploads every post above the mark, batch after batch; stops at the first failure (what
    // was committed stays committed, and its mark moved).
    Result<UploadSummary> uploadPosts();

    // The flags of every comment at or below the mark (so its post is in the team database) whose
    // post_moderation differs from what the team holds of it (team_comment_flags, cache schema 25):
    // what a sync read, or this hub's own moderation outcome. readAtMs: when the sync pass that read
    // them began, the time replicas compare with a moderation outcome (TeamCommentFlags.h). Each
    // batch is one transaction; what went up is then recorded in team_comment_flags. Returns how
    // many comments went up.
    Result<int> uploadCommentFlags(qint64 readAtMs);

    // The mark in the hub's cache (0 when nothing was uploaded).
    Result<qint64> mark() const;
    Status setMark(qint64 postId);

private:
    Database &m_cache;
    QSqlDatabase m_team;
    int m_batchSize = 500;
};

} // namespace sportello::team
