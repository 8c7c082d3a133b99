#include "ingest/IngestLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcIngest, "sportello.ingest", QtWarningMsg)
} // namespace sportello
