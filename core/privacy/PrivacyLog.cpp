#include "privacy/PrivacyLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcPrivacy, "sportello.privacy", QtWarningMsg)
} // namespace sportello
