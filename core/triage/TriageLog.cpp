#include "triage/TriageLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcTriage, "sportello.triage", QtWarningMsg)
} // namespace sportello
