#pragma once
// What the format readers hand to the importer: valid posts and invalid records, in file order.
// Internal to core/import.

#include "common/Result.h"
#include "ingest/PostRecord.h"

namespace sportello {

class RecordSink {
public:
    virtual ~RecordSink() = default;
    // A valid record. A failure (the cache could not store it, or the import was cancelled)
    // stops the reading, and the reader returns that failure.
    virtual Status post(const PostRecord &post, qint64 line) = 0;
    // An invalid record, with the 1-based line where it starts and the reason, for a person.
    virtual void invalid(qint64 line, const QString &reason) = 0;
    // Called every few thousand records with the bytes done and to do; a failure cancels.
    virtual Status progress(qint64 done, qint64 total) = 0;
};

} // namespace sportello
