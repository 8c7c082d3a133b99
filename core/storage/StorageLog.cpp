#include "storage/StorageLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcStorage, "sportello.storage", QtWarningMsg)
} // namespace sportello
