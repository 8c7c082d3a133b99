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
    std::optional<int> rating; // app-store reviews: the star rating, 1 to 5; none on other channels
};

} // namespace sportello
