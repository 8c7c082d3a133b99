#pragma once
// Forward to customer care: the hand-off packet (documented JSON, docs/handoff.md) and its
// delivery, to a configured HTTPS endpoint (POST with an Idempotency-Key header) or, when no
// endpoint is configured, as <case_reference>.json written atomically into a configured folder.

#include "common/Result.h"
#include "net/HttpJob.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

#include <QNetworkAccessManager>
#include <QPointer>

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::outbox {

struct OutboxEntry;

inline constexpr int kHandoffFormatVersion = 1;

// Where hand-offs go (app_state keys handoff_endpoint and handoff_folder).
struct HandoffSettings {
    QString endpoint; // https URL (plain http only on loopback); empty: use the folder
    QString folder;   // absolute folder path; used when no endpoint is set
    bool configured() const { return !endpoint.isEmpty() || !folder.isEmpty(); }
};

Result<HandoffSettings> readHandoffSettings(Database &database);
// An empty value clears the setting. The endpoint follows the base-URL rules (validateBaseUrl);
// the folder must be an absolute path.
Status setHandoffEndpoint(Database &database, const QString &endpoint);
Status setHandoffFolder(Database &database, const QString &folder);

// Policy and claim numbers quoted in a text, by the documented patterns (docs/handoff.md): a
// keyword (polizza, contratto, policy / sinistro, pratica, claim) followed within a few
// characters by a code of 6 to 20 letters, digits, '/', '-' or '.' holding at least 5 digits.
QStringList findPolicyNumbers(const QString &text);
QStringList findClaimNumbers(const QString &text);

// The packet for a forward entry, from the cache; nowMs dates it and the timer state.
Result<QJsonObject> buildHandoffPacket(Database &database, const OutboxEntry &entry, qint64 nowMs);

// Writes <folder>/<caseReference>.json with QSaveFile (all or nothing). If that file already
// holds a packet with the same idempotency key the hand-off was already delivered and the file
// is left as it is (alreadyThere). A different file of that name is an error.
struct FileDelivery {
    QString path;
    bool alreadyThere = false;
};
Result<FileDelivery> writeHandoffFile(const QString &folder, const QString &caseReference,
                                      const QString &idempotencyKey, const QByteArray &json);

// Posts packets to the endpoint, one HttpJob each (a POST with the same Idempotency-Key is safe
// to repeat, so the job may retry network errors itself).
class HandoffSender : public QObject {
    Q_OBJECT
public:
    HandoffSender(QNetworkAccessManager *network, const Clock &clock, QObject *parent = nullptr);
    ~HandoffSender() override;
    void setRetryPolicy(const net::RetryPolicy &policy) { m_retry = policy; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setRandomSource(net::RandomSource random) { m_random = std::move(random); }

    // done is called once with the outcome, unless the sender is destroyed first.
    void post(const QUrl &endpoint, const QString &idempotencyKey, const QByteArray &json,
              std::function<void(const net::HttpOutcome &)> done);

private:
    QPointer<QNetworkAccessManager> m_network;
    const Clock &m_clock;
    net::RetryPolicy m_retry;
    net::RandomSource m_random;
    int m_timeoutMs = 30'000;
};

} // namespace sportello::outbox
