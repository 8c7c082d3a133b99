#include "accounts/OAuthReplies.h"

#include "common/Secrets.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QUrlQuery>

namespace sportello::accounts {

namespace {

QString platformText(const QString &text)
{
    // The platform's own words, kept short and with nothing that looks like a token.
    return hideCredentials(text.simplified().left(300));
}

// Graph puts its error in an object; OAuth servers (X) in two strings.
void readError(const QJsonObject &body, TokenAnswer &answer, int &graphCode)
{
    const QJsonValue error = body.value(QStringLiteral("error"));
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        graphCode = e.value(QStringLiteral("code")).toInt();
        answer.error = e.value(QStringLiteral("type")).toString();
        answer.message = platformText(e.value(QStringLiteral("message")).toString());
        return;
    }
    answer.error = error.toString();
    answer.message = platformText(body.value(QStringLiteral("error_description")).toString());
}

} // namespace

TokenAnswer readTokenAnswer(QNetworkReply *reply)
{
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        TokenAnswer answer;
        answer.kind = TokenAnswer::Kind::Network;
        answer.message =
            QCoreApplication::translate("Accounts", "%1 did not answer (%2).")
                .arg(reply->url().host(), platformText(reply->errorString().section(QLatin1String(" - "), -1)));
        return answer;
    }
    return classifyTokenAnswer(status.toInt(), reply->readAll(), reply->url().host());
}

TokenAnswer classifyTokenAnswer(int httpStatus, const QByteArray &body, const QString &host)
{
    TokenAnswer answer;
    answer.httpStatus = httpStatus;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    QJsonObject object = doc.object();
    if (!doc.isObject()) {
        // Some endpoints still answer form-encoded (access_token=...&expires=...).
        const QUrlQuery form(QString::fromUtf8(body.trimmed()));
        for (const auto &[name, value] : form.queryItems(QUrl::FullyDecoded))
            object.insert(name, value);
        if (object.contains(QStringLiteral("expires")) && !object.contains(QStringLiteral("expires_in")))
            object.insert(QStringLiteral("expires_in"), object.value(QStringLiteral("expires")).toString().toInt());
    }
    if (httpStatus >= 200 && httpStatus < 300 && !object.contains(QStringLiteral("error"))) {
        const QString token = object.value(QStringLiteral("access_token")).toString();
        if (token.isEmpty()) {
            answer.kind = TokenAnswer::Kind::Unreadable;
            answer.message = QCoreApplication::translate("Accounts", "%1 answered without an access token.").arg(host);
            return answer;
        }
        rememberSecret(token);
        rememberSecret(object.value(QStringLiteral("refresh_token")).toString());
        answer.kind = TokenAnswer::Kind::Granted;
        answer.values = object.toVariantMap();
        return answer;
    }
    int graphCode = 0;
    readError(object, answer, graphCode);
    // A 5xx or 429 is a moment's trouble, unless its body says what was refused (Graph sends some
    // permission errors with HTTP 500); RFC 6749's server errors are trouble too.
    const bool trouble = answer.error == QLatin1String("server_error") ||
                         answer.error == QLatin1String("temporarily_unavailable") ||
                         ((httpStatus >= 500 || httpStatus == 429) && graphCode == 0 && answer.error.isEmpty());
    if (trouble) {
        answer.kind = TokenAnswer::Kind::Network;
        answer.message = QCoreApplication::translate("Accounts", "%1 could not answer now (HTTP %2); try again later.")
                             .arg(host)
                             .arg(httpStatus);
        return answer;
    }
    if (object.isEmpty() || (answer.error.isEmpty() && graphCode == 0)) {
        answer.kind = TokenAnswer::Kind::Unreadable;
        answer.message = QCoreApplication::translate("Accounts", "%1 answered HTTP %2 with something that is not a "
                                                                 "token endpoint's answer.")
                             .arg(host)
                             .arg(httpStatus);
        return answer;
    }
    // X answers a spent, revoked or unknown code or refresh token with invalid_request (RFC 6749
    // says invalid_grant); Graph with code 190 (the token) or 100 (the code or verifier).
    const bool refused = answer.error == QLatin1String("invalid_grant") ||
                         answer.error == QLatin1String("invalid_request") || graphCode == 190 || graphCode == 100;
    answer.kind = refused ? TokenAnswer::Kind::Refused : TokenAnswer::Kind::Failed;
    if (answer.message.isEmpty())
        answer.message = answer.error;
    return answer;
}

void TokenReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    const TokenAnswer answer = readTokenAnswer(reply);
    if (onAnswer)
        onAnswer(answer);
    if (answer.granted())
        emit tokensReceived(answer.values);
}

LoopbackReplyHandler::LoopbackReplyHandler(quint16 port, QObject *parent)
    : QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, port, parent)
{}

void LoopbackReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    const TokenAnswer answer = readTokenAnswer(reply);
    if (onAnswer)
        onAnswer(answer);
    if (answer.granted())
        emit tokensReceived(answer.values);
}

} // namespace sportello::accounts
