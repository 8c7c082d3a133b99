#include "accounts/AccountsLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcAccounts, "sportello.accounts", QtWarningMsg)
} // namespace sportello
