#include "fileimport/FileImportLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcFileImport, "sportello.fileimport", QtWarningMsg)
} // namespace sportello
