#include "timers/TimersLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcTimers, "sportello.timers", QtWarningMsg)
} // namespace sportello
