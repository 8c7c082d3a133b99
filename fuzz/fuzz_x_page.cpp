// Fuzzes the X connector's page parsers (core/sync/XConnector): parseXMentionsPage and
// parseXDmEventsPage take a response body and parse it without any network or storage, and
// xIdLess / XCursor::parse, which read ids and cursors that come from those pages.
#include "FuzzSupport.h"
#include "sync/XConnector.h"

using namespace sportello;
using namespace sportello::sync;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // X pages hold at most 100 posts (a few hundred KiB); twice that is plenty.
    if (size > 512 * 1024)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString account = QStringLiteral("1234567890");
    const qint64 fallback = 1700000000000;

    const Result<XPage> mentions = parseXMentionsPage(body, account, fallback);
    if (mentions.ok()) {
        for (const PostRecord &post : mentions.value().posts)
            FUZZ_CHECK(!post.postExternalId.isEmpty());
        const QString newest = mentions.value().newestId;
        FUZZ_CHECK(!xIdLess(newest, newest));
    }
    const Result<XPage> dms = parseXDmEventsPage(body, account, QStringLiteral("1500000000000000000"), fallback);
    if (dms.ok())
        for (const PostRecord &post : dms.value().posts)
            FUZZ_CHECK(!post.postExternalId.isEmpty());

    // The same bytes as a stored cursor: parse, write, parse again gives the same text.
    const XCursor cursor = XCursor::parse(QString::fromUtf8(body.left(4096)));
    const QString written = cursor.toString();
    FUZZ_CHECK(XCursor::parse(written).toString() == written);
    return 0;
}
