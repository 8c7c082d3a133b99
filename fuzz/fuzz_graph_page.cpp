// Fuzzes the Graph connector's page parser (core/sync/GraphPage): parseGraphPage reads a page
// body into posts and the requests it leads to, without any network or storage. The first byte
// chooses the edge (feed, comments, conversations, messages, media, ig_comments), the channel
// and whether a pass came before; the rest is the body. The whole input is also read by the
// small public functions around it: parseGraphTime, GraphConnector::withoutToken (every
// paging.next link) and GraphCursor::parse (the cursor written after each page).
#include "FuzzSupport.h"
#include "net/PlatformTime.h"
#include "sync/GraphConnector.h"
#include "sync/GraphPage.h"
#include <QUrl>
#include <QUrlQuery>

using namespace sportello;
using namespace sportello::sync;

namespace {

bool onBase(const QUrl &url, const QUrl &base)
{
    return url.scheme() == base.scheme() && url.host() == base.host() && url.port(-1) == base.port(-1);
}

void checkTask(const GraphTask &task, const QUrl &base)
{
    FUZZ_CHECK(task.url.isValid());
    FUZZ_CHECK(onBase(task.url, base));
    FUZZ_CHECK(!QUrlQuery(task.url).hasQueryItem(QStringLiteral("access_token")));
}

void parsePage(uint8_t selector, const QByteArray &body)
{
    static const GraphTask::Edge edges[] = {GraphTask::Edge::Feed,          GraphTask::Edge::PostComments,
                                            GraphTask::Edge::Conversations, GraphTask::Edge::ConversationMessages,
                                            GraphTask::Edge::IgMedia,       GraphTask::Edge::IgComments};
    GraphPageContext context;
    context.channel = (selector / 6) % 2 == 0 ? Channel::Facebook : Channel::Instagram;
    context.accountId = QStringLiteral("120042743874449");
    context.base = QUrl(QStringLiteral("https://graph.facebook.com/"));
    context.version = QStringLiteral("v19.0");
    context.pageSize = 25;
    context.token = QStringLiteral("EAAGfuzzSECRET");
    if ((selector / 12) % 2 == 1) { // a later pass: the early end of paging and the window apply
        context.thresholdSec = 1334000000;
        context.activeSinceSec = 1330000000;
    }
    GraphTask task;
    task.edge = edges[selector % 6];
    const bool hasParent = task.edge == GraphTask::Edge::PostComments ||
                           task.edge == GraphTask::Edge::ConversationMessages ||
                           task.edge == GraphTask::Edge::IgComments;
    if (hasParent) // the connector always names the post, media or conversation of these edges
        task.parentId = QStringLiteral("120042743874449_10150113223469450");
    task.url = graphEdgeUrl(context, hasParent ? task.parentId : context.accountId, QStringLiteral("edge"), {},
                            context.thresholdSec);
    task.stopBeforeSec = context.thresholdSec;

    const Result<GraphPage> page = parseGraphPage(context, task, body);
    if (!page)
        return;
    for (const PostRecord &post : page->posts) {
        FUZZ_CHECK(!post.postExternalId.isEmpty());
        FUZZ_CHECK(!post.threadExternalId.isEmpty());
        FUZZ_CHECK(post.channel == context.channel);
        FUZZ_CHECK(!post.author.externalId.isEmpty());
    }
    for (const GraphTask &next : page->next)
        checkTask(next, context.base);
    for (const GraphTask &child : page->children) {
        checkTask(child, context.base);
        FUZZ_CHECK(!child.parentId.isEmpty());
    }
    for (const qint64 sec : page->times)
        FUZZ_CHECK(sec >= 0);
    for (const QString &error : page->partialErrors)
        FUZZ_CHECK(!error.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A Graph page of 100 items with nested messages is a few tens of KiB; a cursor holds a few
    // hundred links at most; a time or a link is short.
    if (size > 64 * 1024)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString text = QString::fromUtf8(bytes);

    if (size > 0)
        parsePage(data[0], bytes.mid(1));

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
