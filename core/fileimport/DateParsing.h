#pragma once
// Strict, locale-independent parsing of the timestamps the import formats carry. A date that
// does not exist (30 February, 25:61) is an error, never silently moved to another day.

#include "common/Result.h"

#include <QStringView>

namespace sportello {

// ISO 8601 / RFC 3339 date and time with a zone: "2026-03-02T09:14:00Z",
// "2026-03-02T09:14:00.250+01:00", "2026-03-02 09:14+0100". Returns UTC epoch milliseconds.
Result<qint64> parseIsoDateTime(QStringView text);

// Twitter's created_at: "Tue Oct 31 22:10:47 +0000 2017", with English day and month names
// whatever the system locale. Returns UTC epoch milliseconds.
Result<qint64> parseTwitterDateTime(QStringView text);

// The reason a parsed date outside the accepted range of posts (ingest/PostRules.h) is refused.
QString describeOutOfRange(QStringView text);

} // namespace sportello
