#pragma once
// One asynchronous HTTP request as a job: timeout, retry/backoff table, rate-limit handling and a
// classification of every answer into the outcomes connectors and the outbox act on.
// See docs/network.md.

#include "common/Clock.h"
#include "common/Result.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;

namespace sportello::net {

// How much of a URL redactedUrl keeps.
enum class Redaction {
    // Secrets only: the values of access_token and similar query items (and of query items
    // without a value, which may be a pasted token), the user name and password, every ";"
    // parameter of the path and the fragment become REDACTED; other query items (paging cursors,
    // limits) stay readable for the logs.
    Secrets,
    // Only scheme, host, port and path are kept: every query item, the user info, the ";"
    // parameters and the fragment become REDACTED. For a URL that was refused for carrying any
    // of these, where any of them may be the secret.
    Location,
};

// The URL as text with every credential removed; the only form of a URL that may be logged,
// stored or shown (docs/network.md, "Tokens").
QString redactedUrl(const QUrl &url, Redaction redaction = Redaction::Secrets);

enum class JobStatus { Pending, Running, Succeeded, Failed, WaitingRetry, GaveUp };

enum class OutcomeKind {
    Success,         // 2xx with a usable body
    Retryable,       // network error, timeout, 5xx: worth another attempt
    RateLimited,     // 429, Graph codes 4/17/32/613/80001..., usage headers >= 90 %
    AuthExpired,     // 401, Graph code 190/102, an X 403 refusing the token: sign in again; never retried
    Duplicate,       // X 403 "duplicate content", Graph duplicate post (code 506)
    UnknownDelivery, // a non-idempotent request was sent but no answer came back
    Failed,          // any other 4xx, or an answer that cannot be read
};

const char *outcomeName(OutcomeKind kind);
const char *statusName(JobStatus status);

struct HttpOutcome {
    OutcomeKind kind = OutcomeKind::Failed;
    int httpStatus = 0;                           // 0 when no HTTP answer arrived
    QList<QPair<QByteArray, QByteArray>> headers; // as received
    QByteArray body;
    int apiErrorCode = 0;     // Graph error.code / legacy error_code, 0 if none
    int apiErrorSubcode = 0;  // Graph error.error_subcode (why a token was refused: 460, 463...), 0 if none
    QString message;          // for people; never holds a token
    qint64 retryAfterMs = -1; // rate limits: how long the server asks us to wait
    int usagePercent = -1;    // highest Graph usage figure seen, -1 if no usage header
    int attempts = 0;         // filled in by the job

    // The kind of a failed outcome: no answer or a 5xx is Network, a rate limit Busy, an expired
    // token or a 403 RefusedByPolicy, a duplicate or a 409 Conflict, a 404 or 410 NotFound, any
    // other 4xx InvalidInput, a 2xx that cannot be read Corrupt. Unspecified for Success.
    ErrorKind errorKind() const;
    // The message with that kind, for Result/Status.
    Error error() const { return Error{message, errorKind()}; }
};

// Backoff table: delay after failed attempt n (1-based) is
//   min(cap, base * 2^(n-1)) * (1 + jitter * (2r - 1)),  r in [0, 1), never above cap
// with base baseDelayMs and cap maxDelayMs for errors; rate limits without a reset time use
// rateLimitBaseMs and their own, higher cap maxRateLimitDelayMs (a limit lasts longer than an outage).
struct RetryPolicy {
    int maxAttempts = 4;
    qint64 baseDelayMs = 1000;
    qint64 maxDelayMs = 60'000;
    double jitter = 0.2;
    qint64 rateLimitBaseMs = 60'000;
    qint64 maxRateLimitDelayMs = 60 * 60'000;
    qint64 maxWaitMs = 15 * 60'000; // a longer wait ends the job (GaveUp) with retryAfterMs set
    // Errors: base and cap maxDelayMs (kept for callers that pass their own base).
    qint64 delayMs(int failedAttempt, double random01, qint64 base) const;
    // The n-th rate limit in a row without a reset time: rateLimitBaseMs, capped by maxRateLimitDelayMs.
    qint64 rateLimitDelayMs(int hit, double random01) const;
};

struct HttpRequestSpec {
    QByteArray verb = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int timeoutMs = 30'000;
    // false for requests that create something (a reply, a message): once such a request may
    // have reached the server, a lost answer or a 5xx is UnknownDelivery and is never resent
    // blindly. Such a body is also handed to Qt unbuffered, so that Qt cannot resend it by
    // itself when the connection drops.
    bool idempotent = true;
    bool expectJson = true;
};

// What the classifier looks at; built from a QNetworkReply, or by hand in tests.
struct ReplyFacts {
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int httpStatus = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

HttpOutcome classifyReply(const HttpRequestSpec &spec, const ReplyFacts &facts, const Clock &clock);

using RandomSource = std::function<double()>; // values in [0, 1)

class HttpJob : public QObject {
    Q_OBJECT
public:
    // nam and clock are owned by the caller and must outlive the job; same thread.
    HttpJob(QNetworkAccessManager *nam, const Clock &clock, HttpRequestSpec spec, RetryPolicy policy = {},
            QObject *parent = nullptr);
    ~HttpJob() override;

    void setRandomSource(RandomSource random) { m_random = std::move(random); }

    void start();
    // Fires a scheduled retry at once (tests, or "retry now" in the UI).
    void retryNow();

    JobStatus status() const { return m_status; }
    int attempts() const { return m_attempts; }
    const HttpOutcome &outcome() const { return m_outcome; }
    // Every wait the job scheduled, in order (ms).
    const QList<qint64> &scheduledDelays() const { return m_delays; }
    // The timer of the pending retry; its interval is the current wait.
    const QTimer &retryTimer() const { return m_retryTimer; }
    const HttpRequestSpec &spec() const { return m_spec; }

signals:
    void retryScheduled(qint64 delayMs, const QString &reason);
    void finished(const sportello::net::HttpOutcome &outcome);

private:
    void sendAttempt();
    void onReplyFinished();
    // The reply vanished without finishing (its QNetworkAccessManager was destroyed).
    void onReplyDestroyed();
    void finish(JobStatus status);

    QPointer<QNetworkAccessManager> m_nam;
    const Clock &m_clock;
    HttpRequestSpec m_spec;
    RetryPolicy m_policy;
    RandomSource m_random;
    JobStatus m_status = JobStatus::Pending;
    int m_attempts = 0;
    int m_rateLimitWaits = 0;
    int m_retryWaits = 0;
    HttpOutcome m_outcome;
    QList<qint64> m_delays;
    QTimer m_retryTimer;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_sent; // since the attempt under way was sent, for the log only
};

} // namespace sportello::net

Q_DECLARE_METATYPE(sportello::net::HttpOutcome)
