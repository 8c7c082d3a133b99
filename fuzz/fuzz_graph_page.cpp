// The Graph connector (core/sync/GraphConnector) reads a page body inside its private onPage(),
// reached only through an HttpJob's answer: the page parsing is not separable from the network
// job without changing the connector. This target fuzzes the smallest public functions that read
// what a page brings: parseGraphTime (every item's created_time / updated_time / timestamp),
// GraphConnector::withoutToken (every paging.next link) and GraphCursor::parse (the cursor
// written after each page, with the page's links in it).
#include "FuzzSupport.h"
#include "net/PlatformTime.h"
#include "sync/GraphConnector.h"
#include <QUrl>
#include <QUrlQuery>

using namespace sportello;
using namespace sportello::sync;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A cursor holds a few hundred links at most; a time or a link is short.
    if (size > 64 * 1024)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString text = QString::fromUtf8(bytes);

    (void)parseGraphTime(text.left(256));

    const QUrl link(text.left(8192));
    const QUrl clean = GraphConnector::withoutToken(link);
    FUZZ_CHECK(!QUrlQuery(clean).hasQueryItem(QStringLiteral("access_token")));

    const GraphCursor cursor = GraphCursor::parse(text);
    const QString written = cursor.toString();
    const GraphCursor again = GraphCursor::parse(written);
    FUZZ_CHECK(again.sinceSec == cursor.sinceSec);
    FUZZ_CHECK(again.inProgress() == cursor.inProgress());
    return 0;
}
