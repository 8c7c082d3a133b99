#include "cache/CacheLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcCache, "sportello.cache", QtWarningMsg)
} // namespace sportello
