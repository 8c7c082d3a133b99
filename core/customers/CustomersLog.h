#pragma once
// The logging category of the customers module, "sportello.customers": warnings only, unless
// QT_LOGGING_RULES turns on more. Log what happened and how much, never a handle, a name, a note
// or a policyholder reference.

#include <QLoggingCategory>

namespace sportello {
Q_DECLARE_LOGGING_CATEGORY(lcCustomers)
} // namespace sportello
