#include "domain/DomainLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcDomain, "sportello.domain", QtWarningMsg)
} // namespace sportello
