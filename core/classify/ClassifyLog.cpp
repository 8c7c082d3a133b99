#include "classify/ClassifyLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcClassify, "sportello.classify", QtWarningMsg)
} // namespace sportello
