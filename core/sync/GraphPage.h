#pragma once
// The Graph connector's page parser, apart from the network job and the database: one answered
// page of an edge (feed, comments, conversations, messages, media) read into posts and the
// requests it leads to. GraphConnector queues and stores what it returns; tests and the fuzz
// target (fuzz/fuzz_graph_page.cpp) call it on page bodies directly. See docs/network.md,
// "Graph connector".

#include "common/Result.h"
#include "ingest/PostRecord.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>
#include <QVector>

namespace sportello::sync {

// One request of a pass still to be made: an edge of an object, or a paging link.
struct GraphTask {
    enum class Edge { Feed, PostComments, Conversations, ConversationMessages, IgMedia, IgComments };
    Edge edge = Edge::Feed;
    QUrl url;                 // without token; relative (path and query) once stored in a cursor
    QString parentId;         // the post, media or conversation the items belong to
    qint64 stopBeforeSec = 0; // newest first: stop paging at items older than this (0: read all)
};

// What reading a page needs to know of the account and of the pass.
struct GraphPageContext {
    Channel channel = Channel::Facebook;
    QString accountId;         // the page or Instagram user: what it wrote is outbound
    qint64 thresholdSec = 0;   // what is new: from here on (0: everything)
    qint64 activeSinceSec = 0; // posts and media from here on are looked at for new comments
    QUrl base;                 // ends with '/'; child links are built on it, paging links must stay on its server
    QString version;           // the Graph API version, the first path segment of child links
    int pageSize = 100;        // the limit of child links
    QString token;             // only to scrub it out of error messages; never put in a link
};

// What one page brought.
struct GraphPage {
    QVector<PostRecord> posts;
    // To run before every request already queued, in this order: the page's paging.next, then
    // the conversations' nested message pages (the last conversation's first).
    QList<GraphTask> next;
    // To run after every request already queued (the comments of a post or media), page order;
    // a parent may come twice when the platform repeats an item.
    QList<GraphTask> children;
    QList<qint64> times;       // the items' times in seconds, page order (for the early end of paging)
    QStringList partialErrors; // error objects and skipped items, as text without the token
};

// Reads a page whose root is a JSON object with a "data" list.
GraphPage parseGraphPage(const GraphPageContext &context, const GraphTask &task, const QJsonObject &root);
// The same from the raw body; an error (Corrupt) when it is not a JSON object with a "data" list.
Result<GraphPage> parseGraphPage(const GraphPageContext &context, const GraphTask &task, const QByteArray &body);

// {base}{version}/{objectId}/{edge}?{query}&limit={pageSize}[&since={sinceSec}]
QUrl graphEdgeUrl(const GraphPageContext &context, const QString &objectId, const QString &edge,
                  const QList<QPair<QString, QString>> &query, qint64 sinceSec);
// The URL without access_token (and the other secret query items redactedUrl knows).
QUrl graphUrlWithoutToken(const QUrl &url);
// Never lets a token through into a message, whatever the platform echoed.
QString scrubGraphToken(QString text, const QString &token);

} // namespace sportello::sync
