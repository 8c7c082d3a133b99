#include "team/HubIntake.h"

#include "domain/Domain.h"
#include "fileimport/InAppInbox.h"
#include "outbox/HandoffStatus.h"
#include "team/TeamLog.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>

namespace sportello::team {

namespace {

// After an answer given before the body was read (401, 413...), what the client still sends is
// read and thrown away for a moment, so that closing does not reset the connection under the
// answer before the client has read it; then the connection is closed whatever comes.
constexpr int kLingerMs = 2000;

enum class Route { None, InApp, Handoff };

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Internal Server Error";
    }
}

QByteArray errorBody(const QString &message, const QJsonArray &issues = {})
{
    QJsonObject o{{QStringLiteral("error"), message}};
    if (!issues.isEmpty())
        o.insert(QStringLiteral("issues"), issues);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// RFC 9110 token characters: a method and a header name are made of these only.
bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    static const QByteArray extra = "!#$%&'*+-.^_`|~";
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
    });
}

// Secrets are compared through their hashes, byte by byte to the end, so that the time taken
// tells an attacker neither how much of a guess was right nor how long the secret is.
// No secret (an app not configured) matches nothing, in the same time.
bool sameSecret(const QByteArray &given, const QByteArray &expected)
{
    const QByteArray a = QCryptographicHash::hash(given, QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(expected, QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0 && !expected.isEmpty();
}

bool isCaseReference(const QByteArray &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(QString::fromLatin1(text)).hasMatch();
}

// The media type without its parameters, lower case; nullopt when a charset other than UTF-8 is named.
std::optional<QByteArray> mediaType(const QByteArray &contentType)
{
    const QList<QByteArray> parts = contentType.split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray parameter = parts[i].trimmed().toLower();
        if (!parameter.startsWith("charset="))
            continue;
        QByteArray charset = parameter.mid(8);
        if (charset.size() >= 2 && charset.startsWith('"') && charset.endsWith('"'))
            charset = charset.mid(1, charset.size() - 2);
        if (charset != "utf-8" && charset != "utf8")
            return std::nullopt;
    }
    return parts.value(0).trimmed().toLower();
}

} // namespace

bool isValidIntakeAppName(const QString &name) { return isValidInAppName(name); }

struct HubIntake::Connection {
    QTcpSocket *socket = nullptr;
    QTimer *deadline = nullptr; // a child of the socket
    enum class Phase { Head, Body, Answered } phase = Phase::Head;
    QByteArray buffer; // the head as it arrives, then the body
    Route route = Route::None;
    QString subject; // the app, or the case reference
    qint64 contentLength = 0;
    bool bodyRead = false;
    qint64 discarded = 0;
};

HubIntake::HubIntake(Database &cache, const Clock &clock, IntakeOptions options, QObject *parent)
    : QObject(parent), m_cache(cache), m_clock(clock), m_options(std::move(options))
{}

HubIntake::~HubIntake() { close(); }

Status HubIntake::listen()
{
    close();
    const bool certificate = !m_options.certificateFile.isEmpty();
    const bool key = !m_options.keyFile.isEmpty();
    if (certificate != key)
        return Error{QCoreApplication::translate(
                         "HubIntake", "The intake needs both a certificate and its private key (PEM files)."),
                     ErrorKind::InvalidInput};
    if (!certificate && !m_options.address.isLoopback())
        return Error{QCoreApplication::translate(
                         "HubIntake",
                         "The intake listens on %1 only with TLS: give its certificate and private key. Plain HTTP "
                         "is served on a loopback address only.")
                         .arg(m_options.address.toString()),
                     ErrorKind::InvalidInput};
    for (auto it = m_options.appSecrets.cbegin(); it != m_options.appSecrets.cend(); ++it)
        if (!isValidIntakeAppName(it.key()) || it.value().isEmpty())
            return Error{QCoreApplication::translate(
                             "HubIntake",
                             "The app name \"%1\" must be 1 to 64 letters, digits, dots, dashes or underscores, with "
                             "a secret that is not empty.")
                             .arg(it.key().left(80)),
                         ErrorKind::InvalidInput};

    if (certificate) {
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(m_options.certificateFile, QSsl::Pem);
        if (chain.isEmpty() || chain.first().isNull())
            return Error{QCoreApplication::translate("HubIntake", "No PEM certificate can be read from %1.")
                             .arg(m_options.certificateFile),
                         ErrorKind::InvalidInput};
        QFile keyFile(m_options.keyFile);
        if (!keyFile.open(QIODevice::ReadOnly))
            return Error{QCoreApplication::translate("HubIntake", "The private key %1 cannot be read: %2.")
                             .arg(m_options.keyFile, keyFile.errorString()),
                         ErrorKind::InvalidInput};
        const QByteArray pem = keyFile.readAll();
        QSslKey privateKey(pem, QSsl::Rsa, QSsl::Pem);
        if (privateKey.isNull())
            privateKey = QSslKey(pem, QSsl::Ec, QSsl::Pem);
        if (privateKey.isNull())
            return Error{
                QCoreApplication::translate("HubIntake", "%1 holds no unencrypted RSA or EC private key in PEM.")
                    .arg(m_options.keyFile),
                ErrorKind::InvalidInput};
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificateChain(chain);
        configuration.setPrivateKey(privateKey);
        configuration.setProtocol(QSsl::TlsV1_2OrLater);
        // The callers prove who they are with their secret, not with a client certificate.
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(configuration);
        server->setHandshakeTimeout(m_options.requestTimeoutMs);
        m_server = std::move(server);
        m_tls = true;
    } else {
        m_server = std::make_unique<QTcpServer>();
        m_tls = false;
    }
    // A connection still in its TLS handshake is not counted yet; this bounds those too.
    m_server->setMaxPendingConnections(m_options.maxConnections);
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &HubIntake::accept);
    if (!m_server->listen(m_options.address, m_options.port)) {
        const QString why = m_server->errorString();
        m_server.reset();
        return Error{QCoreApplication::translate("HubIntake", "The intake cannot listen on %1 port %2: %3.")
                         .arg(m_options.address.toString())
                         .arg(m_options.port)
                         .arg(why),
                     ErrorKind::Io};
    }
    qCInfo(lcTeam) << "intake listening on" << m_options.address.toString() << m_server->serverPort()
                   << (m_tls ? "with TLS" : "in plain HTTP (loopback)");
    return {};
}

void HubIntake::close()
{
    for (Connection *c : std::as_const(m_connections)) {
        c->socket->disconnect(this);
        c->socket->abort();
        c->socket->deleteLater();
        delete c;
    }
    m_connections.clear();
    if (m_server)
        m_server->close();
    m_server.reset();
}

quint16 HubIntake::port() const { return m_server ? m_server->serverPort() : 0; }

void HubIntake::accept()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        auto *c = new Connection;
        c->socket = socket;
        c->deadline = new QTimer(socket);
        c->deadline->setSingleShot(true);
        m_connections.insert(socket, c);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (Connection *found = m_connections.value(socket))
                onReadable(found);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (Connection *found = m_connections.value(socket))
                drop(found);
        });
        connect(c->deadline, &QTimer::timeout, this, [this, socket] {
            Connection *found = m_connections.value(socket);
            if (!found)
                return;
            if (found->phase != Connection::Phase::Answered) {
                respond(found, 408,
                        errorBody(QCoreApplication::translate("HubIntake", "The request did not arrive in time.")));
                return;
            }
            socket->abort(); // drops it through disconnected()
        });
        if (m_connections.size() > m_options.maxConnections) {
            respond(c, 503, errorBody(QCoreApplication::translate("HubIntake", "Too many connections; try again.")),
                    "Retry-After: 5\r\n");
            continue;
        }
        c->deadline->start(m_options.requestTimeoutMs);
        onReadable(c); // what arrived with the handshake
    }
}

void HubIntake::onReadable(Connection *c)
{
    if (c->phase == Connection::Phase::Answered) {
        c->discarded += c->socket->skip(c->socket->bytesAvailable());
        return;
    }
    if (c->phase == Connection::Phase::Head) {
        // At most the limit is held: a head that does not end within it is refused.
        const qint64 room = m_options.maxHeaderBytes + 4 - c->buffer.size();
        c->buffer += c->socket->read(std::max<qint64>(room, 0));
        const qsizetype end = c->buffer.indexOf("\r\n\r\n");
        if (end < 0 || end > m_options.maxHeaderBytes) {
            if (c->buffer.size() > m_options.maxHeaderBytes)
                respond(c, 431,
                        errorBody(QCoreApplication::translate("HubIntake", "The request's head is larger than %1 KiB.")
                                      .arg(m_options.maxHeaderBytes / 1024)));
            return;
        }
        const QByteArray head = c->buffer.left(end);
        c->buffer.remove(0, end + 4);
        if (!readHead(c, head))
            return; // answered
        c->phase = Connection::Phase::Body;
    }
    readBody(c);
}

bool HubIntake::readHead(Connection *c, const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    // Every line ends with CRLF; a bare CR or LF is how request smuggling starts.
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const bool last = i + 1 == lines.size();
        if ((!last && !line.endsWith('\r')) || line.chopped(last ? 0 : 1).contains('\r')) {
            respond(c, 400,
                    errorBody(QCoreApplication::translate("HubIntake", "Lines of the request must end with CRLF.")));
            return false;
        }
    }
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine[0]) || !requestLine[1].startsWith('/')) {
        respond(
            c, 400,
            errorBody(QCoreApplication::translate("HubIntake", "The request line is not \"METHOD /path HTTP/1.1\".")));
        return false;
    }
    const QByteArray &method = requestLine[0];
    const QByteArray &target = requestLine[1];
    const QByteArray &version = requestLine[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        respond(c, version.startsWith("HTTP/") ? 505 : 400,
                errorBody(QCoreApplication::translate("HubIntake", "The intake speaks HTTP/1.1.")));
        return false;
    }

    QHash<QByteArray, QByteArray> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        // No folded lines, no space before the colon (RFC 9112 asks a server to refuse both).
        if (line.startsWith(' ') || line.startsWith('\t') || colon <= 0 || !isToken(line.left(colon))) {
            respond(c, 400, errorBody(QCoreApplication::translate("HubIntake", "A header line is malformed.")));
            return false;
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (headers.contains(name)) {
            // A repeated header that decides how the request is read or who sends it is ambiguous.
            static const QList<QByteArray> single = {
                "content-length", "transfer-encoding", "authorization", "content-type", "host", "expect"};
            if (single.contains(name)) {
                respond(c, 400,
                        errorBody(QCoreApplication::translate("HubIntake", "The header %1 is repeated.")
                                      .arg(QString::fromLatin1(name))));
                return false;
            }
            headers[name] += ", " + value;
        } else {
            headers.insert(name, value);
        }
    }
    if (version == "HTTP/1.1" && !headers.contains("host")) {
        respond(c, 400,
                errorBody(QCoreApplication::translate("HubIntake", "An HTTP/1.1 request needs a Host header.")));
        return false;
    }

    // The route: its path, without a query (none is used).
    const QByteArray path = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
    const QList<QByteArray> segments = path.split('/');
    QByteArray secret;
    qint64 maxBody = 0;
    QList<QByteArray> mediaTypes;
    if (segments.size() == 4 && segments[1] == "v1" && segments[2] == "inapp") {
        c->route = Route::InApp;
        c->subject = QString::fromLatin1(segments[3]);
        // An app that is not configured has no secret, so it is refused as a wrong secret is:
        // a caller without one learns nothing of which apps exist.
        secret = m_options.appSecrets.value(c->subject);
        maxBody = kInAppInboxMaxFileBytes;
        mediaTypes = {"application/x-ndjson", "application/jsonl", "application/json"};
    } else if (segments.size() == 5 && segments[1] == "v1" && segments[2] == "handoff" && segments[4] == "status" &&
               isCaseReference(segments[3]) && !m_options.careSecret.isEmpty()) {
        c->route = Route::Handoff;
        c->subject = QString::fromLatin1(segments[3]);
        secret = m_options.careSecret;
        maxBody = outbox::kHandoffStatusFileMaxBytes;
        mediaTypes = {"application/json"};
    } else {
        respond(c, 404, errorBody(QCoreApplication::translate("HubIntake", "There is nothing at this path.")));
        return false;
    }
    if (method != "POST") {
        respond(c, 405, errorBody(QCoreApplication::translate("HubIntake", "Only POST is taken here.")),
                "Allow: POST\r\n");
        return false;
    }
    const QByteArray authorization = headers.value("authorization");
    const bool bearer = authorization.size() > 7 && authorization.left(7).toLower() == "bearer ";
    if (!sameSecret(bearer ? authorization.mid(7).trimmed() : QByteArray(), secret)) {
        respond(c, 401, errorBody(QCoreApplication::translate("HubIntake", "The secret is missing or wrong.")),
                "WWW-Authenticate: Bearer realm=\"sportello-intake\"\r\n");
        return false;
    }
    if (headers.contains("transfer-encoding")) {
        respond(c, 501,
                errorBody(QCoreApplication::translate(
                    "HubIntake", "Send the body with a Content-Length, not a Transfer-Encoding.")));
        return false;
    }
    if (!headers.contains("content-length")) {
        respond(c, 411, errorBody(QCoreApplication::translate("HubIntake", "The request needs a Content-Length.")));
        return false;
    }
    const QByteArray length = headers.value("content-length");
    bool ok = length.size() <= 18 && !length.isEmpty() &&
              std::all_of(length.begin(), length.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    c->contentLength = ok ? length.toLongLong(&ok) : 0;
    if (!ok) {
        respond(c, 400, errorBody(QCoreApplication::translate("HubIntake", "The Content-Length is not a number.")));
        return false;
    }
    if (c->contentLength > maxBody) {
        respond(
            c, 413,
            errorBody(QCoreApplication::translate("HubIntake", "The body is larger than %1 KiB.").arg(maxBody / 1024)));
        return false;
    }
    const auto type = mediaType(headers.value("content-type"));
    if (!type || !mediaTypes.contains(*type)) {
        QStringList names;
        for (const QByteArray &name : mediaTypes)
            names << QString::fromLatin1(name);
        respond(c, 415,
                errorBody(QCoreApplication::translate("HubIntake", "The body must be %1, in UTF-8.")
                              .arg(names.join(QLatin1String(", ")))));
        return false;
    }
    if (headers.contains("expect")) {
        if (headers.value("expect").toLower() != "100-continue") {
            respond(
                c, 417,
                errorBody(QCoreApplication::translate("HubIntake", "Only \"Expect: 100-continue\" is understood.")));
            return false;
        }
        c->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    return true;
}

void HubIntake::readBody(Connection *c)
{
    if (c->buffer.size() < c->contentLength)
        c->buffer += c->socket->read(c->contentLength - c->buffer.size());
    if (c->buffer.size() < c->contentLength)
        return;
    // Anything after the body would be a second request: one is served per connection.
    c->buffer.truncate(c->contentLength);
    c->bodyRead = true;
    handle(c);
}

void HubIntake::handle(Connection *c)
{
    if (c->route == Route::InApp) {
        QBuffer body(&c->buffer);
        body.open(QIODevice::ReadOnly);
        InAppRefusal refusal = InAppRefusal::None;
        const ImportReport report =
            storeInAppMessages(m_cache, body, QStringLiteral("POST /v1/inapp/") + c->subject, c->subject, &refusal);
        body.close(); // respond() lets the body go
        if (report.ok) {
            const QJsonObject summary{
                {QStringLiteral("app"), c->subject},
                {QStringLiteral("records"), report.recordsRead},
                {QStringLiteral("stored"), report.postsAdded},
                {QStringLiteral("duplicates"), report.postsAlreadyPresent},
                {QStringLiteral("in_other_thread"), report.postsInOtherThread},
            };
            qCInfo(lcTeam) << "intake: app" << c->subject << "sent" << report.recordsRead << "records,"
                           << report.postsAdded << "new";
            respond(c, 200, QJsonDocument(summary).toJson(QJsonDocument::Compact));
            return;
        }
        QJsonArray issues;
        for (const ImportIssue &issue : report.issues)
            issues.append(QJsonObject{{QStringLiteral("line"), issue.line}, {QStringLiteral("reason"), issue.reason}});
        // 403: a record names another app than the secret's; 409: a thread or an author is another
        // app's. Only those refusals: a storage failure is a 500 (or 503), which the app retries.
        const int status = refusal == InAppRefusal::OtherApp             ? 403
                           : refusal != InAppRefusal::None               ? 409
                           : report.errorKind == ErrorKind::Busy         ? 503
                           : report.errorKind == ErrorKind::InvalidInput ? 400
                                                                         : 500;
        respond(c, status, errorBody(report.error, issues), status == 503 ? "Retry-After: 5\r\n" : QByteArray());
        return;
    }

    const QString caseReference = c->subject;
    auto update = outbox::parseHandoffStatus(c->buffer, outbox::HandoffSource::Endpoint, caseReference);
    Result<outbox::HandoffUpdateResult> applied = update ? outbox::HandoffLoop(m_cache, m_clock).apply(*update)
                                                         : Result<outbox::HandoffUpdateResult>(update.failure());
    if (!applied) {
        int status = 500;
        switch (applied.errorKind()) {
        case ErrorKind::InvalidInput: status = 400; break;
        case ErrorKind::NotFound: status = 404; break;
        case ErrorKind::Conflict: status = 409; break;
        case ErrorKind::Busy: status = 503; break;
        default: break;
        }
        respond(c, status, errorBody(applied.error()), status == 503 ? "Retry-After: 5\r\n" : QByteArray());
        return;
    }
    static const char *const draftIds[] = {"none", "created", "appended", "already_there"};
    const QJsonObject summary{
        {QStringLiteral("case_reference"), caseReference},
        {QStringLiteral("status"), outbox::toId(applied->after)},
        {QStringLiteral("before"), outbox::toId(applied->before)},
        {QStringLiteral("changed"), applied->changed},
        {QStringLiteral("draft"), QLatin1String(draftIds[int(applied->draft)])},
    };
    respond(c, 200, QJsonDocument(summary).toJson(QJsonDocument::Compact));
    qCInfo(lcTeam) << "intake: hand-off" << caseReference << "reported" << outbox::toId(applied->after);
}

void HubIntake::respond(Connection *c, int status, const QByteArray &json, const QByteArray &extraHeaders)
{
    if (c->phase == Connection::Phase::Answered)
        return;
    c->phase = Connection::Phase::Answered;
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    response += "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + QByteArray::number(json.size()) +
                "\r\nConnection: close\r\nCache-Control: no-store\r\n" + extraHeaders + "\r\n" + json;
    c->socket->write(response);
    if (status != 200)
        qCInfo(lcTeam) << "intake: answered" << status << "to" << c->socket->peerAddress().toString();
    c->buffer.clear();
    c->buffer.squeeze();
    QTcpSocket *socket = c->socket;
    if (c->bodyRead) {
        // Closed from the event loop, never inside a call that still uses the connection.
        QTimer::singleShot(0, socket, [socket] { socket->disconnectFromHost(); });
        c->deadline->start(m_options.requestTimeoutMs); // a client that never reads its answer
    } else {
        // Answered before the body was read: what still comes is thrown away for a moment, then
        // the connection closes.
        c->deadline->stop();
        QTimer::singleShot(std::min(kLingerMs, m_options.requestTimeoutMs), socket,
                           [socket] { socket->disconnectFromHost(); });
        c->deadline->start(std::min(kLingerMs, m_options.requestTimeoutMs) + m_options.requestTimeoutMs);
    }
}

void HubIntake::drop(Connection *c)
{
    m_connections.remove(c->socket);
    c->socket->deleteLater();
    delete c;
}

} // namespace sportello::team
