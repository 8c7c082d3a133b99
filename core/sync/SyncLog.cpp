#include "sync/SyncLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcSync, "sportello.sync", QtWarningMsg)
} // namespace sportello
