#include "LocalHttpServer.h"

#include <QFile>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace sportello::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 302: return "Found";
    case 409: return "Conflict";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace

CannedResponse CannedResponse::json(int status, const QByteArray &body)
{
    CannedResponse r;
    r.status = status;
    r.body = body;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return r;
}

CannedResponse CannedResponse::jsonFile(int status, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("LocalHttpServer: cannot read %s", qPrintable(path));
    return json(status, file.readAll());
}

CannedResponse &CannedResponse::header(const QByteArray &name, const QByteArray &value)
{
    headers.append(qMakePair(name, value));
    return *this;
}

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first == name.toLower())
            return h.second;
    return {};
}

LocalHttpServer::LocalHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LocalHttpServer::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

LocalHttpServer::~LocalHttpServer()
{
    const auto sockets = m_pending.keys();
    for (QTcpSocket *s : sockets) {
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
}

QUrl LocalHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(pathAndQuery));
}

void LocalHttpServer::enqueue(const QString &path, const CannedResponse &response)
{
    m_responses[path].append(response);
}

void LocalHttpServer::setHandler(const QString &pathPrefix, Handler handler)
{
    m_handlers.append(qMakePair(pathPrefix, std::move(handler)));
}

void LocalHttpServer::replace(const QString &path, const CannedResponse &response) { m_responses[path] = {response}; }

int LocalHttpServer::requestCount(const QString &path) const
{
    int n = 0;
    for (const auto &r : m_requests)
        n += r.path == path ? 1 : 0;
    return n;
}

void LocalHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_pending.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            const Pending pending = m_pending.take(socket);
            socket->deleteLater();
            if (pending.answered && !pending.responded) {
                m_abandoned << pending.path;
                emit requestAbandoned(pending.path);
            }
        });
    }
}

void LocalHttpServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_pending.find(socket);
    if (it == m_pending.end() || it->answered)
        return;
    it->buffer += socket->readAll();
    const qsizetype headerEnd = it->buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = it->buffer.left(headerEnd).split('\n');
    ReceivedRequest req;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    req.method = requestLine.value(0);
    req.target = requestLine.value(1);
    const QUrl target(QString::fromLatin1(req.target));
    req.path = target.path();
    req.query = target.query(QUrl::FullyDecoded);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        req.headers.append(qMakePair(name, value));
        if (name == "content-length")
            contentLength = value.toLongLong();
    }
    const qsizetype bodyStart = headerEnd + 4;
    if (it->buffer.size() - bodyStart < contentLength)
        return; // wait for the rest of the body
    req.body = it->buffer.mid(bodyStart, contentLength);
    it->answered = true;
    it->path = req.path;
    m_requests.append(req);

    CannedResponse response;
    auto queued = m_responses.find(req.path);
    const Handler *handler = nullptr;
    qsizetype longest = -1; // the most specific prefix wins
    for (const auto &h : m_handlers) {
        if (req.path.startsWith(h.first) && h.first.size() > longest) {
            handler = &h.second;
            longest = h.first.size();
        }
    }
    if (handler) {
        response = (*handler)(req);
    } else if (queued == m_responses.end() || queued->isEmpty()) {
        response = CannedResponse::json(404, R"({"error":"no canned response"})");
    } else {
        response = queued->size() > 1 ? queued->takeFirst() : queued->first();
    }
    if (response.delayMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(response.delayMs, this, [this, guard, response] {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                answer(guard, response);
        });
    } else {
        answer(socket, response);
    }
}

void LocalHttpServer::answer(QTcpSocket *socket, const CannedResponse &response)
{
    if (auto it = m_pending.find(socket); it != m_pending.end())
        it->responded = true;
    if (response.fault == CannedResponse::Fault::DropAfterRequest) {
        socket->abort();
        return;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    if (response.fault == CannedResponse::Fault::TruncateBody) {
        out += response.body.left(response.body.size() / 2);
        socket->write(out);
        socket->disconnectFromHost(); // after the half body is written
        return;
    }
    out += response.body;
    socket->write(out);
    socket->disconnectFromHost();
}

} // namespace sportello::test
