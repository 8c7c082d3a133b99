#pragma once
// The logging category of the session module, "sportello.session": warnings only, unless QT_LOGGING_RULES
// turns on more (for example "sportello.session.debug=true" or "sportello.*=true"). Log what happened
// and how much, never a token, the text of a post or reply, or an author's name or handle.

#include <QLoggingCategory>

namespace sportello {
Q_DECLARE_LOGGING_CATEGORY(lcSession)
} // namespace sportello
