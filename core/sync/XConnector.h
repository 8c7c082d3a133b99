#pragma once
// The X API v2 connector: mentions of the account (GET /2/users/{id}/mentions with the author
// expansion), paged by meta.next_token, incremental by since_id. Each page's posts and the
// cursor after them are stored in one transaction through the Ingestor. See docs/network.md,
// "X connector", for the cursor scheme.

#include "ingest/PostRecord.h"
#include "sync/Connector.h"

#include <QJsonObject>
#include <QPointer>
#include <QVector>
#include <optional>

namespace sportello::sync {

// What AccountStore::sync_cursor holds for an X account. When only mentions have been synced and
// no sync is unfinished it is a plain tweet id (the newest mention stored by the last complete
// sync); otherwise a small JSON object with the fields below, so that an unfinished paged sync
// resumes at the page after the last committed one. See docs/network.md, "X connector".
struct XCursor {
    QString sinceId;           // mentions: the newest id of the last complete sync; empty: never
    QString newestId;          // mentions, unfinished sync: the newest id seen on its first page
    QString paginationToken;   // mentions, unfinished sync: the next page to fetch
    QString dmSinceId;         // direct messages: the newest event id of the last complete sync
    QString dmNewestId;        // direct messages, unfinished sync: the newest event id seen
    QString dmPaginationToken; // direct messages, unfinished sync: the next page to fetch

    bool inProgress() const { return !paginationToken.isEmpty(); }
    bool dmInProgress() const { return !dmPaginationToken.isEmpty(); }
    static XCursor parse(const QString &stored);
    QString toString() const;
};

// Tweet ids are decimal strings of growing length; compares them as numbers.
bool xIdLess(const QString &a, const QString &b);

// One page of mentions or direct-message events parsed into posts; nothing is stored while a page
// is only parsed.
struct XPage {
    QVector<PostRecord> posts;
    QString nextToken;
    QString newestId;          // the highest tweet id on the page (or meta.newest_id)
    QStringList partialErrors; // the page's top-level "errors", as text
    bool reachedKnown = false; // direct messages: the page reached an event already synced
};

// Parses one mentions page. accountId is the company's own X user id: its tweets are outbound.
// fallbackCreatedAtMs is used for a tweet without created_at. An error for malformed JSON, an
// empty body or an unexpected shape.
Result<XPage> parseXMentionsPage(const QByteArray &body, const QString &accountId, qint64 fallbackCreatedAtMs);
// Parses one page of /2/dm_events (newest first) into private posts, thread = dm_conversation_id.
// Only MessageCreate events newer than knownId (the last synced event id; empty: none) are kept;
// reachedKnown tells that the page went back as far as knownId.
Result<XPage> parseXDmEventsPage(const QByteArray &body, const QString &accountId, const QString &knownId,
                                 qint64 fallbackCreatedAtMs);

class XConnector : public Connector {
    Q_OBJECT
public:
    explicit XConnector(ConnectorContext context, QObject *parent = nullptr);
    ~XConnector() override;

    void start() override;
    // Direct messages (GET /2/dm_events) are fetched after the mentions; on by default.
    void setFetchDirectMessages(bool fetch) { m_fetchDms = fetch; }

    // The request in flight (or waiting to be retried); null between requests. Tests use it to
    // inspect a rate-limit wait and fire it with retryNow().
    net::HttpJob *currentJob() const { return m_job.data(); }
    bool isRunning() const { return m_running; }

private:
    void fetchPage();
    void onPageFinished(const net::HttpOutcome &outcome);
    void storePage(const XPage &page);
    void finish(bool ok, const QString &error, net::OutcomeKind kind, ErrorKind errorKind = ErrorKind::Unspecified);
    QUrl pageUrl() const;
    QUrl dmPageUrl() const;
    XCursor cursorAfter(const XPage &page) const;

    QPointer<net::HttpJob> m_job;
    XCursor m_cursor;
    bool m_running = false;
    bool m_firstPage = true;
    bool m_fetchDms = true;
    bool m_dmPhase = false;
    SyncResult m_result;
};

} // namespace sportello::sync
