#pragma once

#include <QString>

namespace sportello {

// The person taking decisions; recorded with every decision and audit entry.
struct Agent {
    QString id;
    QString name;
};

} // namespace sportello
