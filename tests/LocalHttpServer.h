#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 for tests: canned answers per path, delays, faults, and a
// record of every request it received. One request per connection (it answers with
// "Connection: close").

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>
#include <functional>

class QTcpSocket;

namespace sportello::test {

struct CannedResponse {
    enum class Fault {
        None,
        DropAfterRequest, // read the whole request, then close without answering
        TruncateBody,     // announce the full Content-Length, send half of the body, close
    };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0; // wait this long before answering (or dropping)
    Fault fault = Fault::None;

    static CannedResponse json(int status, const QByteArray &body);
    static CannedResponse jsonFile(int status, const QString &path);
    CannedResponse &header(const QByteArray &name, const QByteArray &value);
};

struct ReceivedRequest {
    QByteArray method;
    QString path;
    QString query;
    // The request target as sent: path and query, still percent-encoded.
    QByteArray target;
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;
    QByteArray header(const QByteArray &name) const;
};

class LocalHttpServer : public QObject {
    Q_OBJECT
public:
    explicit LocalHttpServer(QObject *parent = nullptr);
    ~LocalHttpServer() override;

    bool listening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    // http://127.0.0.1:PORT + path
    QUrl url(const QString &pathAndQuery) const;

    // Answers for a path (query ignored) are served in order; the last one repeats.
    void enqueue(const QString &path, const CannedResponse &response);
    // A fake platform with state: every request whose path starts with pathPrefix is answered by
    // the handler of the longest matching prefix (before any queued answer), which sees the request already recorded.
    using Handler = std::function<CannedResponse(const ReceivedRequest &)>;
    void setHandler(const QString &pathPrefix, Handler handler);
    // Drops what is still queued for the path (its repeating last answer too), then enqueues.
    void replace(const QString &path, const CannedResponse &response);

    const QList<ReceivedRequest> &requests() const { return m_requests; }
    int requestCount(const QString &path) const;
    // Requests whose client hung up before the server answered (say, while it held a delayed answer).
    int abandonedCount(const QString &path) const { return m_abandoned.count(path); }

signals:
    void requestAbandoned(const QString &path);

private:
    struct Pending {
        QByteArray buffer;
        bool answered = false;  // the request was read and an answer chosen
        bool responded = false; // the answer (or the fault) went out
        QString path;
    };
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const CannedResponse &response);

    QTcpServer m_server;
    QHash<QString, QList<CannedResponse>> m_responses;
    QList<QPair<QString, Handler>> m_handlers;
    QHash<QTcpSocket *, Pending> m_pending;
    QList<ReceivedRequest> m_requests;
    QStringList m_abandoned; // the paths of abandoned requests
};

} // namespace sportello::test
