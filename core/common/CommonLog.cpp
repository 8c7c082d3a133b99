#include "common/CommonLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcCommon, "sportello.common", QtWarningMsg)
} // namespace sportello
