#pragma once
// The Meta Graph API connector: a Facebook page (its posts, their comments and replies, and its
// Messenger conversations) or an Instagram professional account (its media's comments).
// See docs/network.md, "Graph connector".
//
// Requests (every one an HttpJob, the token in an "Authorization: Bearer" header only):
//   Facebook:  {base}/{version}/{page}/feed?fields=id,message,created_time,from&limit=N[&since=S]
//              then for each post {base}/{version}/{post}/comments?filter=stream&fields=id,
//              message,created_time,from,parent,permalink_url&limit=N[&since=S]
//              then {base}/{version}/{page}/conversations?fields=id,updated_time,
//              messages{id,message,created_time,from,to}&limit=N[&since=S]
//   Instagram: {base}/{version}/{ig-user}/media?fields=id,timestamp&limit=N
//              then for each media {base}/{version}/{media}/comments?fields=id,text,timestamp,
//              username,from,parent_id&limit=N[&since=S]
// Paging follows paging.next (its access_token removed; it must point at the base URL's host).
// Each page is one ingest transaction; the cursor (the newest created_time seen, Unix seconds,
// sent as since=) is written in the transaction of the sync's last page, so it only advances
// once everything before it is committed.

#include "sync/Connector.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QUrl>

namespace sportello::sync {

class GraphConnector : public Connector {
    Q_OBJECT
public:
    explicit GraphConnector(ConnectorContext context, QObject *parent = nullptr);
    ~GraphConnector() override;

    void start() override;

    // "2017-10-02T08:57:21+0000" (also "+00:00" and "Z") to UTC milliseconds; -1 if unreadable.
    static qint64 parseGraphTime(const QString &text);
    // The URL without access_token (and the other secret query items redactedUrl knows).
    static QUrl withoutToken(const QUrl &url);

private:
    enum class Edge { Feed, PostComments, Conversations, IgMedia, IgComments };
    struct Task {
        Edge edge;
        QUrl url;
        QString parentId; // the post or media whose comments these are
    };

    QUrl edgeUrl(const QString &objectId, const QString &edge, const QList<QPair<QString, QString>> &query) const;
    void runNext();
    void onPage(const Task &task, const HttpOutcome &outcome);
    void finish(bool ok, const QString &error);
    QString since() const;

    QUrl m_base;
    QString m_version;
    QList<Task> m_tasks;
    QSet<QString> m_queuedParents;
    SyncResult m_result;
    qint64 m_newestSec = 0;   // newest created_time seen (stored or already present)
    qint64 m_cursorSec = 0;   // the cursor this sync started from
    bool m_finished = false;
};

} // namespace sportello::sync
