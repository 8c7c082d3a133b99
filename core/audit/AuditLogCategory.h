#pragma once
// The logging category of the audit module, "sportello.audit": warnings only, unless QT_LOGGING_RULES
// turns on more (for example "sportello.audit.debug=true" or "sportello.*=true"). Log what happened
// and how much, never a token, the text of a post or reply, or an author's name or handle.

#include <QLoggingCategory>

namespace sportello {
Q_DECLARE_LOGGING_CATEGORY(lcAudit)
} // namespace sportello
