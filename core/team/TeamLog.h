#pragma once
// The logging category of the team module, "sportello.team": warnings only, unless QT_LOGGING_RULES
// turns on more (for example "sportello.team.debug=true" or "sportello.*=true"). Log what happened
// and how much, never a token, the text of a post or reply, or an author's name or handle.

#include <QLoggingCategory>

namespace sportello::team {
Q_DECLARE_LOGGING_CATEGORY(lcTeam)
} // namespace sportello::team
