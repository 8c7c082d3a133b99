#pragma once
// Is the console online? Two sources, combined:
//  - the platform's network information (QNetworkInformation's default backend: NetworkManager on
//    Linux, Network List Manager on Windows, SCNetworkReachability on macOS) when one loads; it
//    says at once when the computer loses or regains its connection;
//  - the requests themselves, everywhere: connection-level failures (no answer at all: refused,
//    host not found, timeout, network down) reported by the network manager, the connectors and
//    the outbox dispatcher. An HTTP answer of any status proves the network is there.
// Offline when the platform says disconnected (or local network only), or when the last
// kFailuresForOffline requests in a row got no answer. See docs/network.md, "Offline".

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;

namespace sportello::net {

class NetworkStatus : public QObject {
    Q_OBJECT
public:
    static constexpr int kFailuresForOffline = 2;

    enum class Platform { Unavailable, Unknown, Online, Offline };

    // Requests alone decide until loadSystemBackend() is called (tests never call it, so that the
    // machine's own connection does not decide the outcome).
    explicit NetworkStatus(QObject *parent = nullptr);
    ~NetworkStatus() override;

    // Loads QNetworkInformation's default backend and follows it. Loading can take a while (it
    // talks to NetworkManager over D-Bus): the console calls it after its window is shown.
    // Returns whether a backend with reachability is followed.
    bool loadSystemBackend();

    bool isOnline() const { return m_online; }
    Platform platform() const { return m_platform; }
    // The platform backend's name ("networkmanager", ...), empty when none loaded.
    QString backendName() const { return m_backend; }
    // Why the status is what it is, for a tooltip.
    QString reason() const;
    int consecutiveFailures() const { return m_failures; }
    // Milliseconds since the last HTTP answer, -1 before the first one.
    qint64 msSinceLastAnswer() const { return m_lastAnswer.isValid() ? m_lastAnswer.elapsed() : -1; }
    // Whether the network is known to be there now: the platform says online, or (where the
    // platform reports nothing) a request got an answer within recentMs; and nothing failed since.
    // A decision taken otherwise is marked as decided offline.
    bool knownOnline(qint64 recentMs = 10 * 60'000) const;

    // Watches every reply of this manager (connectors and the dispatcher share it). A reply
    // carrying the property kDeliberateAbort was aborted by Sportello (a job given up), not by
    // the network: it counts neither way.
    void watch(QNetworkAccessManager *manager);
    static constexpr const char *kDeliberateAbort = "sportelloDeliberateAbort";

    // What a finished reply says about the network, judged on the reply's own thread (a manager
    // in a worker thread reports through reportSuccess()/reportFailure() instead of watch()).
    enum class Verdict { Answered, NoAnswer, Ignored };
    static Verdict judge(const QNetworkReply *reply);

public slots:
    // A request got no answer (connection-level); message for the tooltip.
    void reportFailure(const QString &message = {});
    // A request got an HTTP answer (any status).
    void reportSuccess();
    // Tests: what the platform would report.
    void setPlatformReachability(sportello::net::NetworkStatus::Platform platform);

signals:
    void onlineChanged(bool online);

private:
    void onReply(QNetworkReply *reply);
    void update();

    bool m_online = true;
    Platform m_platform = Platform::Unavailable;
    QString m_backend;
    int m_failures = 0;
    QString m_lastFailure;
    QElapsedTimer m_lastAnswer;
};

} // namespace sportello::net
