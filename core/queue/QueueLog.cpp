#include "queue/QueueLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcQueue, "sportello.queue", QtWarningMsg)
} // namespace sportello
