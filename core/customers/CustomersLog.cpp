#include "customers/CustomersLog.h"

namespace sportello {
Q_LOGGING_CATEGORY(lcCustomers, "sportello.customers", QtWarningMsg)
} // namespace sportello
