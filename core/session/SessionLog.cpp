#include "session/SessionLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcSession, "sportello.session", QtWarningMsg)
} // namespace sportello
