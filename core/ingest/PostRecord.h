#pragma once
// One post as every importer and connector hands it to the ingest path.

#include "domain/Domain.h"

#include <QString>
#include <optional>

namespace sportello {

struct AuthorRecord {
    QString externalId;
    QString handle;
    QString displayName;
    qint64 followerCount = 0;
};

// What Facebook or Instagram said of hiding a comment: whether it is hidden, and whether the page
// may hide it (unset when the platform did not say: a hidden comment comes without can_hide).
struct ModerationFlags {
    bool hidden = false;
    std::optional<bool> canHide;
};

struct PostRecord {
    Channel channel = Channel::Facebook;
    QString threadExternalId;
    QString postExternalId;
    QString inReplyTo; // external id of the post this one answers; may be empty
    AuthorRecord author;
    Direction direction = Direction::Inbound;
    Visibility visibility = Visibility::Public;
    qint64 createdAtMs = 0; // UTC
    QString text;
    std::optional<Category> category;
    QString language;
    std::optional<ModerationFlags> moderation; // comments read from Graph; unset elsewhere
    std::optional<int> rating; // app-store reviews: the star rating, 1 to 5; none on other channels
    // In-app messages: the app the record says it comes from (JSON Lines field "app"), checked by
    // the in-app inbox against the app its thread belongs to; not stored with the post.
    QString app;
};

} // namespace sportello
