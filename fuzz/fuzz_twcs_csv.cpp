// Fuzzes the TWCS CSV reader (core/fileimport/TwcsCsvReader) over an in-memory (seekable) device,
// and parseId on the first field.
#include "FuzzSupport.h"
#include "fileimport/RecordSink.h"
#include "fileimport/TwcsCsvReader.h"
#include <QBuffer>

using namespace sportello;

namespace {

class CountingSink : public RecordSink {
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

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A few records' worth: the reader streams line by line, so larger inputs only repeat.
    if (size > 256 * 1024)
        return 0;
    QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    TwcsCsvReader reader(device, 0);
    CountingSink sink;
    // A header without a required column is a failure, not a crash: either outcome is fine.
    (void)reader.read(sink);

    const qsizetype end = bytes.indexOf(',');
    const Result<qint64> id =
        TwcsCsvReader::parseId(end < 0 ? QByteArrayView(bytes) : QByteArrayView(bytes).first(end));
    if (id.ok())
        FUZZ_CHECK(id.value() >= 0);
    return 0;
}
