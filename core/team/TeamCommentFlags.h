#pragma once
// Comment flags in team mode (team schema 6, cache schema 25): what Facebook or Instagram said of
// a comment at the hub's last sync (hidden; may be hidden) reaches every replica's post_moderation
// through the feed's kind 'comment_flags', so a comment hidden directly on the platform shows
// hidden on the desktops, and one the platform will not let anyone hide is refused on the desktop,
// by the alone-mode check, before anything goes up. docs/team.md, "Comment flags".
//
// The rule between a sync's flags and a moderation outcome (kind 'moderation', settled by a hub):
// the later fact wins. A sync's flags carry read_at, the time its hub's round began (nothing it
// read is older); an outcome carries settled_at; both are the team database's clock. A replica
// applies flags to a comment only when read_at is after the comment's changed_at (the last hide
// or unhide done through Sportello): flags read before or while a hub hid the comment, arriving
// after the outcome, are left out, and the next sync's read, which started after the outcome,
// applies.

#include "common/Result.h"

#include <QSqlDatabase>

namespace sportello::team {

struct FeedChange;

namespace detail {
// The feed's kind 'comment_flags' into the cache, inside the page's transaction: the team's flags
// of the comment (team_comment_flags) and, when no later fact holds, post_moderation. False (not
// yet) when the comment has not come down yet.
Result<bool> applyCommentFlagsChange(const QSqlDatabase &cache, const FeedChange &change);
} // namespace detail

} // namespace sportello::team
