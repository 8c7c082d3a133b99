#include "audit/AuditLogCategory.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcAudit, "sportello.audit", QtWarningMsg)
} // namespace sportello
