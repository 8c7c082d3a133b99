#pragma once
// The record sink of the file-reader targets: counts what the reader hands over and checks what
// must always hold (lines from 1, a reason for every invalid record, progress within its total).
#include "FuzzSupport.h"
#include "fileimport/RecordSink.h"

namespace sportello::fuzz {

class CheckingSink : public RecordSink {
public:
    Status post(const PostRecord &, qint64 line) override
    {
        FUZZ_CHECK(line >= 1);
        ++posts;
        return {};
    }
    void invalid(qint64 line, const QString &reason) override
    {
        FUZZ_CHECK(line >= 1);
        FUZZ_CHECK(!reason.isEmpty());
        ++invalids;
    }
    Status progress(qint64 done, qint64 total) override
    {
        FUZZ_CHECK(done >= 0 && done <= total);
        return {};
    }
    qint64 posts = 0;
    qint64 invalids = 0;
};

} // namespace sportello::fuzz
