#include "report/ReportLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcReport, "sportello.report", QtWarningMsg)
} // namespace sportello
