#include "net/NetworkStatus.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkInformation>
#include <QNetworkReply>

namespace sportello::net {

namespace {

NetworkStatus::Platform fromReachability(QNetworkInformation::Reachability r)
{
    switch (r) {
    case QNetworkInformation::Reachability::Online:
    case QNetworkInformation::Reachability::Site: // an intranet with a way out (a proxy, for example)
        return NetworkStatus::Platform::Online;
    case QNetworkInformation::Reachability::Disconnected:
    case QNetworkInformation::Reachability::Local: // the local network only: no platform API is there
        return NetworkStatus::Platform::Offline;
    case QNetworkInformation::Reachability::Unknown: break;
    }
    return NetworkStatus::Platform::Unknown;
}

// Errors where no HTTP answer came back because the network (not the server) is missing. A
// refused connection counts too: from the agent's seat it is the same (nothing gets through).
bool isConnectionLevel(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError: return true;
    default: return false;
    }
}

} // namespace

NetworkStatus::NetworkStatus(QObject *parent) : QObject(parent) {}

bool NetworkStatus::loadSystemBackend()
{
    if (!m_backend.isEmpty())
        return true;
    // Not every platform has a backend (a container, a minimal desktop): then the requests alone
    // decide, which is how every platform notices a dead network behind a live link anyway.
    if (!QNetworkInformation::instance())
        QNetworkInformation::loadDefaultBackend();
    QNetworkInformation *info = QNetworkInformation::instance();
    if (!info || !info->supports(QNetworkInformation::Feature::Reachability))
        return false;
    m_backend = info->backendName();
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability r) { setPlatformReachability(fromReachability(r)); });
    setPlatformReachability(fromReachability(info->reachability()));
    return true;
}

NetworkStatus::~NetworkStatus() = default;

void NetworkStatus::watch(QNetworkAccessManager *manager)
{
    connect(manager, &QNetworkAccessManager::finished, this, &NetworkStatus::onReply);
}

NetworkStatus::Verdict NetworkStatus::judge(const QNetworkReply *reply)
{
    if (reply->property(kDeliberateAbort).toBool())
        return Verdict::Ignored; // given up by Sportello: says nothing about the network
    // An HTTP status means a server answered, whatever it said.
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        return Verdict::Answered;
    // A transfer timeout ends as OperationCanceledError in Qt 6.4: no answer in time counts.
    if (isConnectionLevel(reply->error()) || reply->error() == QNetworkReply::OperationCanceledError)
        return Verdict::NoAnswer;
    return Verdict::Ignored;
}

void NetworkStatus::onReply(QNetworkReply *reply)
{
    switch (judge(reply)) {
    case Verdict::Answered: reportSuccess(); break;
    case Verdict::NoAnswer: reportFailure(reply->url().host()); break;
    case Verdict::Ignored: break;
    }
}

void NetworkStatus::reportFailure(const QString &message)
{
    ++m_failures;
    m_lastFailure = message;
    update();
}

bool NetworkStatus::knownOnline(qint64 recentMs) const
{
    if (!m_online || m_failures > 0)
        return false;
    if (m_platform == Platform::Online)
        return true;
    if (m_platform == Platform::Offline)
        return false;
    // No word from the platform (no backend, or one without reachability): a recent answer is
    // the only evidence.
    const qint64 since = msSinceLastAnswer();
    return since >= 0 && since <= recentMs;
}

void NetworkStatus::reportSuccess()
{
    m_lastAnswer.start();
    m_failures = 0;
    m_lastFailure.clear();
    update();
}

void NetworkStatus::setPlatformReachability(Platform platform)
{
    const Platform before = m_platform;
    m_platform = platform;
    // The connection came back: earlier failures say nothing about the new one.
    if (before != Platform::Online && platform == Platform::Online)
        m_failures = 0;
    update();
}

void NetworkStatus::update()
{
    const bool online = m_platform != Platform::Offline && m_failures < kFailuresForOffline;
    if (online == m_online)
        return;
    m_online = online;
    emit onlineChanged(online);
}

QString NetworkStatus::reason() const
{
    if (m_platform == Platform::Offline)
        return QCoreApplication::translate("Sync", "The system reports no network connection.");
    if (m_failures >= kFailuresForOffline)
        return m_lastFailure.isEmpty()
                   ? QCoreApplication::translate("Sync", "The last %Ln requests got no answer.", nullptr, m_failures)
                   : QCoreApplication::translate("Sync", "The last %Ln requests got no answer (last: %1).", nullptr,
                                                 m_failures)
                         .arg(m_lastFailure);
    if (m_platform == Platform::Online)
        return QCoreApplication::translate("Sync", "The system reports a network connection.");
    return QCoreApplication::translate("Sync", "Requests are getting answers.");
}

} // namespace sportello::net
