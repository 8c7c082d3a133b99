// Fuzzes the TWCS CSV reader (core/fileimport/TwcsCsvReader) over an in-memory (seekable) device,
// and parseId on the first field.
#include "CheckingSink.h"
#include "FuzzSupport.h"
#include "fileimport/TwcsCsvReader.h"
#include <QBuffer>

using namespace sportello;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A few records' worth: the reader streams line by line, so larger inputs only repeat.
    if (size > 256 * 1024)
        return 0;
    QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    TwcsCsvReader reader(device, 0);
    fuzz::CheckingSink sink;
    // A header without a required column is a failure, not a crash: either outcome is fine.
    (void)reader.read(sink);

    const qsizetype end = bytes.indexOf(',');
    const Result<qint64> id =
        TwcsCsvReader::parseId(end < 0 ? QByteArrayView(bytes) : QByteArrayView(bytes).first(end));
    if (id.ok())
        FUZZ_CHECK(id.value() >= 0);
    return 0;
}
