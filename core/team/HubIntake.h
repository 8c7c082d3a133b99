#pragma once
// The hub's HTTPS intake (docs/hub.md, "Intake"): the one door through which the outside calls the
// team. Two routes, both POST, one request per connection:
//
//   POST /v1/inapp/{app}                   the mobile app backend's support messages, JSON Lines
//                                          in the interchange format (the in-app inbox's records),
//                                          stored in the hub's cache by storeInAppMessages; the
//                                          hub's next round uploads them like any fetched post.
//   POST /v1/handoff/{case}/status         customer care's callback: the status file's JSON,
//                                          recorded by HandoffLoop::apply like the file.
//
// Each app has its own shared secret, care has one; a request carries it as
// "Authorization: Bearer SECRET", compared in constant time. The HTTP/1.1 reader is written here,
// small and strict: a request line, headers (CRLF, no folding), a body by Content-Length only
// (no chunked transfer), limits on the head and the body checked before the body is read, and a
// deadline for the whole request so that a slow or stalled client cannot hold a connection. It
// runs in the hub's event loop, on the hub's cache, between the round's steps.

#include "common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::team {

struct IntakeOptions {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: a free port (tests read port())
    // PEM files: the certificate (followed by its chain, if any) and its unencrypted private key
    // (RSA or EC). Without them the intake speaks plain HTTP, and only on a loopback address
    // (behind a TLS-terminating proxy on the same machine).
    QString certificateFile;
    QString keyFile;
    QHash<QString, QByteArray> appSecrets; // app name ([A-Za-z0-9._-], 1 to 64) -> its secret
    QByteArray careSecret;                 // empty: the hand-off callback is not served (404)
    // The whole request (TLS handshake apart, which has the same allowance) must arrive within this.
    int requestTimeoutMs = 30'000;
    qint64 maxHeaderBytes = 64 * 1024;
    int maxConnections = 32; // beyond: answered 503 at once
};

// An app's name as the path and the options take it.
bool isValidIntakeAppName(const QString &name);

class HubIntake : public QObject {
    Q_OBJECT
public:
    // cache and clock are the hub's, outliving the intake, on its thread.
    HubIntake(Database &cache, const Clock &clock, IntakeOptions options, QObject *parent = nullptr);
    ~HubIntake() override;

    // Reads the certificate and key, then listens. Refused (InvalidInput) without them on an
    // address that is not loopback, with only one of them, or with a file that cannot be read.
    Status listen();
    void close();
    quint16 port() const;
    bool isTls() const { return m_tls; }
    // Connections past their TLS handshake and not yet closed.
    int connectionCount() const { return int(m_connections.size()); }

private:
    struct Connection;
    void accept();
    void onReadable(Connection *connection);
    bool readHead(Connection *connection, const QByteArray &head);
    void readBody(Connection *connection);
    void handle(Connection *connection);
    void respond(Connection *connection, int status, const QByteArray &json, const QByteArray &extraHeaders = {});
    void drop(Connection *connection);

    Database &m_cache;
    const Clock &m_clock;
    IntakeOptions m_options;
    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QHash<QTcpSocket *, Connection *> m_connections;
};

} // namespace sportello::team
