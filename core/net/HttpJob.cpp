#include "net/HttpJob.h"

#include "net/NetLog.h"
#include "net/NetworkStatus.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace sportello::net {

namespace {

bool isSecretKey(const QString &key)
{
    static const QStringList secrets = {
        QStringLiteral("access_token"),    QStringLiteral("input_token"), QStringLiteral("client_secret"),
        QStringLiteral("appsecret_proof"), QStringLiteral("oauth_token"), QStringLiteral("fb_exchange_token"),
        QStringLiteral("token"),           QStringLiteral("api_key"),     QStringLiteral("password"),
        QStringLiteral("secret"),
    };
    return secrets.contains(key, Qt::CaseInsensitive);
}

QByteArray headerValue(const QList<QPair<QByteArray, QByteArray>> &headers, const char *name)
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    return {};
}

bool looksLikeMarkup(const QByteArray &body) { return body.trimmed().startsWith('<'); }

// X problem types of a 403 that refuse the token itself, whatever the request: the developer app
// is not enrolled (client-forbidden, reason client-not-enrolled), the token is of the wrong kind
// (unsupported-authentication), or it was issued without the app permission (oauth1-permissions).
// No request with this token can succeed until it is replaced, as with a 401.
bool isXTokenRefusal(const QJsonObject &problem)
{
    static const QStringList types = {QStringLiteral("client-forbidden"), QStringLiteral("unsupported-authentication"),
                                      QStringLiteral("oauth1-permissions")};
    const QString type = problem.value(QLatin1String("type")).toString();
    return problem.value(QLatin1String("reason")).toString() == QLatin1String("client-not-enrolled") ||
           (type.contains(QLatin1String("/problems/")) && types.contains(type.section(QLatin1Char('/'), -1)));
}

QString describeBody(const QByteArray &body)
{
    if (body.isEmpty())
        return QCoreApplication::translate("Network", "an empty body");
    if (looksLikeMarkup(body))
        return QCoreApplication::translate("Network", "an HTML/XML page instead of JSON (%1 bytes)").arg(body.size());
    return QCoreApplication::translate("Network", "%1 bytes that are not JSON").arg(body.size());
}

// Parses a Graph usage header value; tolerates the single-quoted form seen in the wild.
QJsonValue parseUsage(const QByteArray &raw)
{
    QJsonParseError err{};
    QJsonDocument doc = QJsonDocument::fromJson(raw, &err);
    if (err.error != QJsonParseError::NoError) {
        QByteArray fixed = raw;
        fixed.replace('\'', '"');
        doc = QJsonDocument::fromJson(fixed, &err);
        if (err.error != QJsonParseError::NoError)
            return {};
    }
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

void usageFromObject(const QJsonObject &o, int &percent, qint64 &regainMs)
{
    for (const char *key : {"call_count", "total_cputime", "total_time", "acc_id_util_pct"})
        percent = std::max(percent, o.value(QLatin1String(key)).toInt(-1));
    const int minutes = o.value(QLatin1String("estimated_time_to_regain_access")).toInt(0);
    if (minutes > 0)
        regainMs = std::max(regainMs, qint64(minutes) * 60'000);
}

// Highest figure over x-app-usage, x-page-usage, x-ad-account-usage and
// x-business-use-case-usage ({"<id>": [{...}]}); -1 when none is present.
void graphUsage(const QList<QPair<QByteArray, QByteArray>> &headers, int &percent, qint64 &regainMs)
{
    for (const char *name : {"x-app-usage", "x-page-usage", "x-ad-account-usage"}) {
        const QJsonValue v = parseUsage(headerValue(headers, name));
        if (v.isObject())
            usageFromObject(v.toObject(), percent, regainMs);
    }
    const QJsonValue buc = parseUsage(headerValue(headers, "x-business-use-case-usage"));
    if (buc.isObject()) {
        const QJsonObject o = buc.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QJsonArray entries = it.value().toArray();
            for (const QJsonValue &e : entries)
                usageFromObject(e.toObject(), percent, regainMs);
        }
    }
}

// Wait asked by an X 429 (x-rate-limit-reset, epoch seconds) or a Retry-After header.
qint64 serverWaitMs(const QList<QPair<QByteArray, QByteArray>> &headers, const Clock &clock)
{
    bool ok = false;
    const qint64 reset = headerValue(headers, "x-rate-limit-reset").toLongLong(&ok);
    if (ok && reset > 0)
        return std::max<qint64>(0, reset * 1000 - clock.nowMs());
    const QByteArray retryAfter = headerValue(headers, "retry-after");
    if (retryAfter.isEmpty())
        return -1;
    const qint64 seconds = retryAfter.toLongLong(&ok);
    if (ok)
        return std::max<qint64>(0, seconds * 1000);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
    if (when.isValid())
        return std::max<qint64>(0, when.toMSecsSinceEpoch() - clock.nowMs());
    return -1;
}

bool requestNeverLeft(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError: return true;
    default: return false;
    }
}

bool isRateLimitCode(int code)
{
    return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014);
}

// Google APIs (the Play Developer API among them) report an exhausted quota in their error
// envelope, and androidpublisher sends it as 403 PERMISSION_DENIED rather than 429: the reason
// (rateLimitExceeded and kin), the domain usageLimits or the status RESOURCE_EXHAUSTED tell it from
// a refused permission. Graph errors carry none of these members.
bool isGoogleQuotaError(const QJsonObject &error)
{
    if (error.value(QLatin1String("status")).toString() == QLatin1String("RESOURCE_EXHAUSTED"))
        return true;
    static const QStringList reasons = {QStringLiteral("rateLimitExceeded"), QStringLiteral("userRateLimitExceeded"),
                                        QStringLiteral("quotaExceeded"), QStringLiteral("dailyLimitExceeded")};
    for (const QJsonValue &entry : error.value(QLatin1String("errors")).toArray()) {
        const QJsonObject e = entry.toObject();
        if (reasons.contains(e.value(QLatin1String("reason")).toString()) ||
            e.value(QLatin1String("domain")).toString() == QLatin1String("usageLimits"))
            return true;
    }
    return false;
}

// The first entry of a JSON:API "errors" list (App Store Connect): its detail, else its title.
QString firstListedError(const QJsonObject &root)
{
    const QJsonObject first = root.value(QLatin1String("errors")).toArray().at(0).toObject();
    const QString detail = first.value(QLatin1String("detail")).toString();
    const QString title = first.value(QLatin1String("title")).toString();
    if (!title.isEmpty() && !detail.isEmpty())
        return QStringLiteral("%1 %2").arg(title, detail);
    return detail.isEmpty() ? title : detail;
}

} // namespace

QString redactedUrl(const QUrl &url, Redaction redaction)
{
    const QString kRedacted = QStringLiteral("REDACTED");
    // Text that is not an address with a host (a token pasted alone, say) is not shown at all.
    if (!url.isValid() || url.host().isEmpty())
        return kRedacted;
    QUrl copy = url;
    // A token pasted before the host is the user name as often as the password.
    if (!copy.userInfo().isEmpty())
        copy.setUserInfo(kRedacted);
    // Graph accepts access_token after "#" and as a ";" parameter of the path: both are dropped.
    if (copy.hasFragment())
        copy.setFragment(kRedacted);
    const QString path = copy.path(QUrl::FullyEncoded);
    if (path.contains(QLatin1Char(';'))) {
        QStringList segments = path.split(QLatin1Char('/'));
        for (QString &segment : segments) {
            const qsizetype semicolon = segment.indexOf(QLatin1Char(';'));
            if (semicolon >= 0)
                segment = segment.left(semicolon) + QLatin1Char(';') + kRedacted;
        }
        copy.setPath(segments.join(QLatin1Char('/')), QUrl::TolerantMode);
    }
    if (copy.hasQuery()) {
        if (redaction == Redaction::Location) {
            copy.setQuery(kRedacted);
        } else if (!copy.query().isEmpty()) {
            QUrlQuery query(copy);
            const auto items = query.queryItems(QUrl::FullyEncoded);
            QUrlQuery kept;
            for (const auto &item : items) {
                const QString key = QUrl::fromPercentEncoding(item.first.toUtf8());
                if (item.second.isEmpty())
                    kept.addQueryItem(kRedacted, QString()); // "?TOKEN": the key may be the secret
                else
                    kept.addQueryItem(item.first, isSecretKey(key) ? kRedacted : item.second);
            }
            copy.setQuery(kept);
        }
    }
    return copy.toString(QUrl::RemovePassword);
}

const char *outcomeName(OutcomeKind kind)
{
    switch (kind) {
    case OutcomeKind::Success: return "success";
    case OutcomeKind::Retryable: return "retryable";
    case OutcomeKind::RateLimited: return "rate-limited";
    case OutcomeKind::AuthExpired: return "auth-expired";
    case OutcomeKind::Duplicate: return "duplicate";
    case OutcomeKind::UnknownDelivery: return "unknown-delivery";
    case OutcomeKind::Failed: return "failed";
    }
    return "?";
}

const char *statusName(JobStatus status)
{
    switch (status) {
    case JobStatus::Pending: return "pending";
    case JobStatus::Running: return "running";
    case JobStatus::Succeeded: return "succeeded";
    case JobStatus::Failed: return "failed";
    case JobStatus::WaitingRetry: return "waiting-retry";
    case JobStatus::GaveUp: return "gave-up";
    }
    return "?";
}

namespace {

qint64 backoff(int failedAttempt, double random01, qint64 base, qint64 cap, double jitter)
{
    const int exponent = std::clamp(failedAttempt - 1, 0, 30);
    const double raw = std::min<double>(double(cap), double(base) * std::pow(2.0, exponent));
    const double r = std::clamp(random01, 0.0, 1.0);
    const double jittered = raw * (1.0 + jitter * (2.0 * r - 1.0));
    return std::clamp<qint64>(qint64(std::llround(jittered)), 0, cap);
}

// Qt resends a request by itself when the connection drops before the answer, if it can rewind
// the body. This one cannot be rewound (sequential, reset refused; not a QBuffer, which Qt reads
// directly): a POST that creates something leaves at most once, and a lost answer reaches us as
// an error (UnknownDelivery).
class OneShotBody final : public QIODevice {
public:
    OneShotBody(const QByteArray &data, QObject *parent) : QIODevice(parent), m_data(data) {}
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

qint64 RetryPolicy::delayMs(int failedAttempt, double random01, qint64 base) const
{
    return backoff(failedAttempt, random01, base, maxDelayMs, jitter);
}

qint64 RetryPolicy::rateLimitDelayMs(int hit, double random01) const
{
    return backoff(hit, random01, rateLimitBaseMs, std::max(maxRateLimitDelayMs, rateLimitBaseMs), jitter);
}

ErrorKind HttpOutcome::errorKind() const
{
    switch (kind) {
    case OutcomeKind::Success: return ErrorKind::Unspecified;
    case OutcomeKind::Retryable:
    case OutcomeKind::UnknownDelivery: return ErrorKind::Network;
    case OutcomeKind::RateLimited: return ErrorKind::Busy;
    case OutcomeKind::AuthExpired: return ErrorKind::RefusedByPolicy;
    case OutcomeKind::Duplicate: return ErrorKind::Conflict;
    case OutcomeKind::Failed: break;
    }
    if (httpStatus == 0 || httpStatus >= 500)
        return ErrorKind::Network;
    if (httpStatus >= 200 && httpStatus < 300)
        return ErrorKind::Corrupt; // an answer that cannot be read
    switch (httpStatus) {
    case 401:
    case 403: return ErrorKind::RefusedByPolicy;
    case 404:
    case 410: return ErrorKind::NotFound;
    case 409: return ErrorKind::Conflict;
    default: return httpStatus >= 400 ? ErrorKind::InvalidInput : ErrorKind::Network;
    }
}

HttpOutcome classifyReply(const HttpRequestSpec &spec, const ReplyFacts &facts, const Clock &clock)
{
    HttpOutcome out;
    out.httpStatus = facts.httpStatus;
    out.headers = facts.headers;
    out.body = facts.body;
    const QString where = QStringLiteral("%1 %2").arg(QString::fromLatin1(spec.verb), redactedUrl(spec.url));

    // 1. No complete HTTP answer: connection failure, drop, timeout, truncated transfer. A body
    // shorter than its Content-Length is a truncated transfer even when the connection's close
    // raced the reply's end and Qt reported no error.
    bool numericLength = false;
    const qint64 contentLength = headerValue(facts.headers, "Content-Length").trimmed().toLongLong(&numericLength);
    const bool shortBody = numericLength && facts.body.size() < contentLength;
    const bool transportError =
        shortBody || (facts.error != QNetworkReply::NoError &&
                      (facts.error < QNetworkReply::ContentAccessDenied || facts.error == QNetworkReply::ProtocolFailure));
    if (transportError || facts.httpStatus == 0) {
        const char *name = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(facts.error);
        const QString what =
            facts.error == QNetworkReply::OperationCanceledError || facts.error == QNetworkReply::TimeoutError
                ? QCoreApplication::translate("Network", "no answer within %1 ms").arg(spec.timeoutMs)
            : shortBody && facts.error == QNetworkReply::NoError
                ? QCoreApplication::translate("Network", "the answer was cut off (%1 of %2 bytes)")
                      .arg(facts.body.size())
                      .arg(QString::fromLatin1(headerValue(facts.headers, "Content-Length")))
                : QCoreApplication::translate("Network", "network error %1")
                      .arg(QLatin1String(name ? name : "unknown"));
        if (!spec.idempotent && !requestNeverLeft(facts.error)) {
            out.kind = OutcomeKind::UnknownDelivery;
            out.message = QCoreApplication::translate("Network", "%1: %2 after the request was sent; it may or may not "
                                                                 "have been delivered")
                              .arg(where, what);
        } else {
            out.kind = OutcomeKind::Retryable;
            out.message = QCoreApplication::translate("Network", "%1: %2").arg(where, what);
        }
        return out;
    }

    // 2. An HTTP answer: read the JSON body if there is one.
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(facts.body, &parseError);
    const bool isJson = !facts.body.isEmpty() && parseError.error == QJsonParseError::NoError;
    QString apiMessage;
    bool tokenRefused = false; // an X 403 saying this token cannot be used at all
    bool googleQuota = false;  // a Google quota error, whatever its HTTP status
    if (isJson && doc.isObject()) {
        const QJsonObject root = doc.object();
        const QJsonObject graph = root.value(QLatin1String("error")).toObject();
        if (!graph.isEmpty()) {
            out.apiErrorCode = graph.value(QLatin1String("code")).toInt(0);
            out.apiErrorSubcode = graph.value(QLatin1String("error_subcode")).toInt(0);
            apiMessage = graph.value(QLatin1String("message")).toString();
            googleQuota = facts.httpStatus >= 400 && isGoogleQuotaError(graph);
        } else if (root.contains(QLatin1String("error_code"))) { // legacy REST shape
            out.apiErrorCode = root.value(QLatin1String("error_code")).toInt(0);
            apiMessage = root.value(QLatin1String("error_msg")).toString();
        } else if (facts.httpStatus >= 400) { // X problem+json
            apiMessage = root.value(QLatin1String("detail")).toString();
            if (apiMessage.isEmpty())
                apiMessage = root.value(QLatin1String("title")).toString();
            if (apiMessage.isEmpty())
                apiMessage = firstListedError(root);
            tokenRefused = facts.httpStatus == 403 && isXTokenRefusal(root);
        }
    }
    qint64 regainMs = -1;
    graphUsage(facts.headers, out.usagePercent, regainMs);
    const bool nearLimit = out.usagePercent >= 90;
    const QString detail = apiMessage.isEmpty() ? QString() : QStringLiteral(": %1").arg(apiMessage);
    const int status = facts.httpStatus;

    if (status >= 200 && status < 300 && out.apiErrorCode == 0) {
        if (nearLimit)
            out.retryAfterMs = regainMs; // a hint for the caller's next request
        if (spec.expectJson && !isJson) {
            out.kind = OutcomeKind::Failed;
            out.message = facts.body.isEmpty() || looksLikeMarkup(facts.body)
                              ? QCoreApplication::translate("Network", "%1: HTTP %2 with %3")
                                    .arg(where)
                                    .arg(status)
                                    .arg(describeBody(facts.body))
                              : QCoreApplication::translate(
                                    "Network", "%1: HTTP %2 with malformed or truncated JSON (%3 at offset %4)")
                                    .arg(where)
                                    .arg(status)
                                    .arg(parseError.errorString())
                                    .arg(parseError.offset);
            return out;
        }
        out.kind = OutcomeKind::Success;
        return out;
    }

    const QString bodyNote = isJson ? detail : QStringLiteral(" (%1)").arg(describeBody(facts.body));
    if (status == 429 || isRateLimitCode(out.apiErrorCode) || googleQuota) {
        out.kind = OutcomeKind::RateLimited;
        out.retryAfterMs = serverWaitMs(facts.headers, clock);
        if (out.retryAfterMs < 0)
            out.retryAfterMs = regainMs;
        out.message =
            QCoreApplication::translate("Network", "%1: rate limited, HTTP %2%3").arg(where).arg(status).arg(bodyNote);
        return out;
    }
    if (status == 401 || out.apiErrorCode == 190 || out.apiErrorCode == 102 || tokenRefused) {
        out.kind = OutcomeKind::AuthExpired;
        out.message = QCoreApplication::translate("Network", "%1: the access token was refused, HTTP %2%3")
                          .arg(where)
                          .arg(status)
                          .arg(bodyNote);
        return out;
    }
    if (out.apiErrorCode == 506 ||
        (status == 403 && apiMessage.contains(QLatin1String("duplicate"), Qt::CaseInsensitive))) {
        out.kind = OutcomeKind::Duplicate;
        out.message = QCoreApplication::translate("Network", "%1: the platform reports a duplicate, HTTP %2%3")
                          .arg(where)
                          .arg(status)
                          .arg(bodyNote);
        return out;
    }
    if (status >= 500 || status == 408) {
        // Only 429 and the rate-limit codes say nothing was done. A server error to a request
        // that creates something may come after the creation, whatever the usage headers say.
        if (!spec.idempotent && status >= 500)
            out.kind = OutcomeKind::UnknownDelivery;
        else
            out.kind = nearLimit ? OutcomeKind::RateLimited : OutcomeKind::Retryable;
        if (nearLimit)
            out.retryAfterMs = regainMs;
        out.message =
            QCoreApplication::translate("Network", "%1: server error HTTP %2%3").arg(where).arg(status).arg(bodyNote);
        return out;
    }
    out.kind = OutcomeKind::Failed;
    out.message = QCoreApplication::translate("Network", "%1: HTTP %2%3").arg(where).arg(status).arg(bodyNote);
    return out;
}

HttpJob::HttpJob(QNetworkAccessManager *nam, const Clock &clock, HttpRequestSpec spec, RetryPolicy policy,
                 QObject *parent)
    : QObject(parent), m_nam(nam), m_clock(clock), m_spec(std::move(spec)), m_policy(policy),
      m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &HttpJob::sendAttempt);
}

HttpJob::~HttpJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->setProperty(NetworkStatus::kDeliberateAbort, true);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpJob::start()
{
    if (m_status == JobStatus::Pending)
        sendAttempt();
}

void HttpJob::retryNow()
{
    if (m_status != JobStatus::WaitingRetry)
        return;
    m_retryTimer.stop();
    sendAttempt();
}

void HttpJob::sendAttempt()
{
    ++m_attempts;
    m_status = JobStatus::Running;
    if (!m_nam) {
        // Later, from the event loop: the caller may still be setting up.
        m_outcome = HttpOutcome{};
        m_outcome.kind = OutcomeKind::Retryable;
        m_outcome.message = QCoreApplication::translate("Network", "%1 %2: the network connection was closed")
                                .arg(QString::fromLatin1(m_spec.verb), redactedUrl(m_spec.url));
        m_outcome.attempts = m_attempts;
        QMetaObject::invokeMethod(
            this, [this] { finish(JobStatus::Failed); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(m_spec.url);
    request.setTransferTimeout(m_spec.timeoutMs);
    for (const auto &h : m_spec.headers)
        request.setRawHeader(h.first, h.second);
    if (!m_spec.idempotent && !m_spec.body.isEmpty()) {
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_spec.body.size());
        auto *body = new OneShotBody(m_spec.body, this);
        body->open(QIODevice::ReadOnly);
        m_reply = m_nam->sendCustomRequest(request, m_spec.verb, body);
        body->setParent(m_reply); // lives as long as the reply reads it
    } else {
        m_reply = m_nam->sendCustomRequest(request, m_spec.verb, m_spec.body);
    }
    m_sent.start();
    qCDebug(lcNet).noquote() << "sent" << m_spec.verb << redactedUrl(m_spec.url) << "attempt" << m_attempts;
    connect(m_reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
    connect(m_reply, &QObject::destroyed, this, &HttpJob::onReplyDestroyed);
}

void HttpJob::onReplyDestroyed()
{
    if (m_status != JobStatus::Running)
        return;
    m_reply = nullptr;
    ReplyFacts facts;
    facts.error = QNetworkReply::OperationCanceledError;
    m_outcome = classifyReply(m_spec, facts, m_clock);
    m_outcome.message =
        QCoreApplication::translate("Network", "%1 %2: the network connection was closed before the "
                                               "answer%3")
            .arg(QString::fromLatin1(m_spec.verb), redactedUrl(m_spec.url),
                 m_spec.idempotent ? QString()
                                   : QCoreApplication::translate("Network", "; the request may or may not "
                                                                            "have been delivered"));
    m_outcome.attempts = m_attempts;
    m_status = JobStatus::Failed;
    // Not from inside the manager's destructor: the caller may start the next request.
    QMetaObject::invokeMethod(
        this, [this] { finish(JobStatus::Failed); }, Qt::QueuedConnection);
}

void HttpJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->disconnect(this);
    reply->deleteLater();

    ReplyFacts facts;
    facts.error = reply->error();
    facts.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        facts.headers.append(pair);
    if (reply->isOpen())
        facts.body = reply->readAll();
    m_outcome = classifyReply(m_spec, facts, m_clock);
    m_outcome.attempts = m_attempts;
    // Method, URL without credentials, status, time: never a header (the token) or a body.
    qCInfo(lcNet).noquote() << m_spec.verb << redactedUrl(m_spec.url) << "HTTP" << facts.httpStatus
                            << outcomeName(m_outcome.kind) << m_sent.elapsed() << "ms, attempt" << m_attempts;

    switch (m_outcome.kind) {
    case OutcomeKind::Success: finish(JobStatus::Succeeded); return;
    case OutcomeKind::Retryable:
    case OutcomeKind::RateLimited: break;
    default: finish(JobStatus::Failed); return;
    }

    if (m_attempts >= m_policy.maxAttempts) {
        if (m_attempts > 1) // after one attempt there is nothing to add
            m_outcome.message += QCoreApplication::translate("Network", " (gave up after %1 attempts)").arg(m_attempts);
        finish(JobStatus::GaveUp);
        return;
    }
    qint64 delay = 0;
    if (m_outcome.kind == OutcomeKind::RateLimited) {
        ++m_rateLimitWaits;
        delay = m_outcome.retryAfterMs >= 0 ? m_outcome.retryAfterMs
                                            : m_policy.rateLimitDelayMs(m_rateLimitWaits, m_random());
        m_outcome.retryAfterMs = delay;
    } else {
        ++m_retryWaits;
        delay = m_policy.delayMs(m_retryWaits, m_random(), m_policy.baseDelayMs);
    }
    if (delay > m_policy.maxWaitMs) {
        m_outcome.message += QCoreApplication::translate("Network", " (asked to wait %1 s, longer than this job waits)")
                                 .arg(delay / 1000);
        finish(JobStatus::GaveUp);
        return;
    }
    m_delays.append(delay);
    m_status = JobStatus::WaitingRetry;
    m_retryTimer.setInterval(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
    m_retryTimer.start();
    qCInfo(lcNet).noquote() << "retrying" << m_spec.verb << redactedUrl(m_spec.url) << "in" << delay << "ms ("
                            << outcomeName(m_outcome.kind) << ")";
    emit retryScheduled(delay, m_outcome.message);
}

void HttpJob::finish(JobStatus status)
{
    m_status = status;
    emit finished(m_outcome);
}

} // namespace sportello::net
