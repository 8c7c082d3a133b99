// Fuzzes the JSON Lines reader (core/fileimport/JsonLinesReader) over an in-memory device, and
// parseLine on the first line alone.
#include "CheckingSink.h"
#include "FuzzSupport.h"
#include "fileimport/JsonLinesReader.h"
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
    JsonLinesReader reader(device, 0);
    fuzz::CheckingSink sink;
    const Status status = reader.read(sink);
    FUZZ_CHECK(status.ok());
    FUZZ_CHECK(sink.posts + sink.invalids == reader.recordsSeen());

    const qsizetype end = bytes.indexOf('\n');
    (void)JsonLinesReader::parseLine(end < 0 ? bytes : bytes.left(end), 3600 * 1000);
    return 0;
}
