#pragma once
// The answers of an OAuth token endpoint, read for Qt Network Authorization's flow. Qt 6.4's reply
// handlers drop a refused request with a log line and no signal, so neither a sign-in nor a
// renewal could tell "the platform refused" from "no answer yet". These handlers read every answer
// themselves: a usable one goes on to the flow (tokensReceived), any other is reported, classified,
// through onAnswer. Nothing they report quotes a token.

#include <QByteArray>
#include <QOAuthHttpServerReplyHandler>
#include <QOAuthOobReplyHandler>
#include <QString>
#include <QVariantMap>
#include <functional>

class QNetworkReply;

namespace sportello::accounts {

struct TokenAnswer {
    enum class Kind {
        Granted,    // tokens came back
        Refused,    // the platform refused the code or the refresh token (a new sign-in is needed)
        Failed,     // the platform refused for another reason (client id, configuration)
        Network,    // no answer: network down, timeout, connection dropped
        Unreadable, // an answer that is not a token endpoint's
    };
    Kind kind = Kind::Unreadable;
    int httpStatus = 0;
    QVariantMap values; // Granted: the endpoint's fields (access_token, refresh_token, expires_in, scope)
    QString error;      // the OAuth "error" code, or Graph's error type
    QString message;    // for people: what happened; never a token

    bool granted() const { return kind == Kind::Granted; }
};

// Classifies one finished token request.
TokenAnswer readTokenAnswer(QNetworkReply *reply);
// The same from what came back: the HTTP status, the body, the host (for messages).
TokenAnswer classifyTokenAnswer(int httpStatus, const QByteArray &body, const QString &host);

using TokenAnswerHandler = std::function<void(const TokenAnswer &)>;

// For renewals: no redirect.
class TokenReplyHandler final : public QOAuthOobReplyHandler {
public:
    using QOAuthOobReplyHandler::QOAuthOobReplyHandler;
    void networkReplyFinished(QNetworkReply *reply) override;
    TokenAnswerHandler onAnswer;
};

// For a sign-in: the loopback redirect on 127.0.0.1 (never on other interfaces).
class LoopbackReplyHandler final : public QOAuthHttpServerReplyHandler {
public:
    // Listens on 127.0.0.1:port, port 0 meaning any free one; isListening() says whether it could.
    explicit LoopbackReplyHandler(quint16 port, QObject *parent = nullptr);
    void networkReplyFinished(QNetworkReply *reply) override;
    TokenAnswerHandler onAnswer;
};

} // namespace sportello::accounts
