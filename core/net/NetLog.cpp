#include "net/NetLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcNet, "sportello.net", QtWarningMsg)
} // namespace sportello
