#include "outbox/OutboxLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcOutbox, "sportello.outbox", QtWarningMsg)
} // namespace sportello
