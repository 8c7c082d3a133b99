#pragma once
// What a post's ids and texts may hold, and the dates a file may carry: one set of rules for every
// path into the cache (the importers check records with them and say where; the Ingestor refuses
// what breaks them, for the connectors too). See docs/interchange-format.md, "What a record may hold".

#include "common/Result.h"
#include "ingest/PostRecord.h"

#include <QStringView>

namespace sportello {

// An id (post, thread, reply-to, author) is compared and shown as it is, so it may not hold what
// cannot be seen or told apart: controls (Cc), format characters (Cf, such as U+FEFF or U+200B),
// line and paragraph separators, private-use characters, noncharacters and unpaired surrogates;
// nor may it be empty or start or end with white space. Nothing is ever stripped: `what` names the
// id for the reason ("the post id").
Status checkId(QStringView id, const QString &what);

// A text (post text, author name or handle, language) may hold anything but NUL and unpaired
// surrogates, which SQLite and the CSV reports cannot carry as they are, nor start with U+FEFF,
// which SQLite drops there (it takes it for a byte order mark).
Status checkText(QStringView text, const QString &what);

// Every id and text of the post, by the two rules above; fails with ErrorKind::InvalidInput. The
// reply-to and author ids may be empty (none known).
Status checkPostRecord(const PostRecord &post);

// Posts are dated from 2000-01-01T00:00:00Z (inclusive) to 2100-01-01T00:00:00Z (exclusive): no
// social post is older, and a later date is a mistake, not a post from the future.
constexpr qint64 kEarliestPostMs = 946684800000LL;
constexpr qint64 kLatestPostMs = 4102444800000LL;
constexpr bool isAcceptedPostTime(qint64 utcMs) { return utcMs >= kEarliestPostMs && utcMs < kLatestPostMs; }
// "2000-01-01 to 2100-01-01 UTC", for the reason given when a date is refused.
QString acceptedPostTimeRange();

} // namespace sportello
