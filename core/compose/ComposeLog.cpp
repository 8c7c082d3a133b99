#include "compose/ComposeLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcCompose, "sportello.compose", QtWarningMsg)
} // namespace sportello
