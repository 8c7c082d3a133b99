#pragma once
// The logging category of the privacy module, "sportello.privacy": warnings only, unless
// QT_LOGGING_RULES turns on more. Log what happened and how much, never a handle, a name, a text
// or an author's platform id.

#include <QLoggingCategory>

namespace sportello {
Q_DECLARE_LOGGING_CATEGORY(lcPrivacy)
} // namespace sportello
