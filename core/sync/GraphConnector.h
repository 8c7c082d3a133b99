#pragma once
// The Meta Graph API connector: a Facebook page (its posts, their comments and replies, and its
// Messenger conversations) or an Instagram professional account (its media's comments).
// See docs/network.md, "Graph connector".
//
// Requests (every one an HttpJob, the token in an "Authorization: Bearer" header only):
//   Facebook:  {base}/{version}/{page}/feed?fields=id,message,created_time,updated_time,from
//              &limit=N[&since=A], then for each active post {base}/{version}/{post}/comments
//              ?filter=stream&order=reverse_chronological&fields=...&limit=N[&since=T],
//              then {base}/{version}/{page}/conversations?fields=id,updated_time,
//              messages{id,message,created_time,from,to}&limit=N[&since=T], following each
//              conversation's messages.paging.next back to T
//   Instagram: {base}/{version}/{ig-user}/media?fields=id,timestamp&limit=N (back to A), then for
//              each media since A {base}/{version}/{media}/comments?fields=...&limit=N[&since=T]
// T is the start of the last complete pass less an overlap, A the older of T and the look-back
// window (app_state "graph_lookback_days", default 14). Paging follows paging.next (its
// access_token removed; it must point at the base URL's host). Each page is one ingest
// transaction together with the cursor after it (GraphCursor), so an interrupted pass resumes
// with the requests it had left. A page's body is read by parseGraphPage (sync/GraphPage.h), apart
// from the network job. See docs/network.md, "Graph connector".

#include "ingest/PostRecord.h"
#include "sync/Connector.h"
#include "sync/GraphPage.h"

#include <QList>
#include <QSet>
#include <QUrl>
#include <optional>

namespace sportello::sync {

// What AccountStore::sync_cursor holds for a Graph account. After a complete pass: the Unix
// seconds it started (a plain number; older versions stored the newest created_time, read the
// same way). During a pass: {"since":S,"started":P,"pending":[tasks]}, written with each page.
struct GraphCursor {
    qint64 sinceSec = 0;   // start of the last complete pass; 0: never synced
    qint64 startedSec = 0; // unfinished pass: when it started
    QList<GraphTask> pending;

    bool inProgress() const { return startedSec > 0 && !pending.isEmpty(); }
    static GraphCursor parse(const QString &stored);
    QString toString() const;
};

class GraphConnector : public Connector {
    Q_OBJECT
public:
    explicit GraphConnector(ConnectorContext context, QObject *parent = nullptr);
    ~GraphConnector() override;

    void start() override;

    // The URL without access_token (and the other secret query items redactedUrl knows).
    static QUrl withoutToken(const QUrl &url);

    // Comments written this long before the last pass started are read again: the local clock
    // and Graph's may differ, and a comment may show up on the edge a little after it was made.
    static constexpr qint64 kOverlapSec = 600;

private:
    using Task = GraphTask;
    using Edge = GraphTask::Edge;

    QUrl edgeUrl(const QString &objectId, const QString &edge, const QList<QPair<QString, QString>> &query,
                 qint64 sinceSec) const;
    // What parseGraphPage needs of this account and pass.
    GraphPageContext pageContext() const;
    void runNext();
    // A page answered: read its items, queue what follows, store it with the cursor.
    void onPage(const Task &task, const net::HttpOutcome &outcome);
    // The page read when it can be used; otherwise the pass finishes with the reason.
    std::optional<GraphPage> readPage(const Task &task, const net::HttpOutcome &outcome);
    void storePage(QVector<PostRecord> &posts);
    void finish(bool ok, const QString &error, ErrorKind errorKind = ErrorKind::Unspecified);
    QString cursorAfterPage() const;

    QUrl m_base;
    QString m_version;
    QList<Task> m_tasks;
    QSet<QString> m_queuedParents;
    SyncResult m_result;
    qint64 m_sinceSec = 0;       // start of the last complete pass (the stored cursor)
    qint64 m_startedSec = 0;     // start of this pass (or of the interrupted pass it resumes)
    qint64 m_thresholdSec = 0;   // m_sinceSec less the overlap: what is new; 0 = everything
    qint64 m_activeSinceSec = 0; // posts and media from here on are looked at for new comments
    bool m_finished = false;
};

} // namespace sportello::sync
