#pragma once
// Time stamps as the platforms write them, shared by the connectors that read posts and the
// publishers that read a delivered reply back.

#include <QString>

namespace sportello {

// Graph's "2017-10-02T08:57:21+0000" (also "+00:00" and "Z") to UTC milliseconds; -1 if unreadable.
qint64 parseGraphTime(const QString &text);

} // namespace sportello
