#include "accounts/TokenProblems.h"

#include "common/Secrets.h"
#include "net/HttpJob.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

namespace sportello::accounts {

namespace {

bool isGraphChannel(Channel channel) { return channel == Channel::Facebook || channel == Channel::Instagram; }

// Graph's subcodes of code 190 (and 102), as Meta documents them.
std::optional<TokenProblemReason> reasonOfSubcode(int subcode)
{
    switch (subcode) {
    case 458: return TokenProblemReason::AppRemoved;
    case 459: return TokenProblemReason::Checkpoint;
    case 460: return TokenProblemReason::PasswordChanged;
    case 463: return TokenProblemReason::Expired;
    case 464: return TokenProblemReason::UnconfirmedUser;
    case 466: return TokenProblemReason::Invalidated;
    case 467: return TokenProblemReason::LoggedOut;
    case 492: return TokenProblemReason::SessionInvalid;
    default: return std::nullopt;
    }
}

// Graph sends the same refusals without a subcode too ("Error validating access token: ..."):
// the reason is then read from the message's wording.
std::optional<TokenProblemReason> reasonOfGraphMessage(const QString &message)
{
    struct Wording {
        const char *words;
        TokenProblemReason reason;
    };
    static const Wording wordings[] = {
        {"changed their password", TokenProblemReason::PasswordChanged},
        {"changed the password", TokenProblemReason::PasswordChanged},
        {"has expired", TokenProblemReason::Expired},
        {"logged out", TokenProblemReason::LoggedOut},
        {"has not authorized application", TokenProblemReason::AppRemoved},
        {"invalidated explicitly", TokenProblemReason::Invalidated},
        {"checkpoint", TokenProblemReason::Checkpoint},
        {"not a confirmed user", TokenProblemReason::UnconfirmedUser},
        {"could not be decrypted", TokenProblemReason::Unreadable},
        {"cannot parse access token", TokenProblemReason::Unreadable},
        {"malformed access token", TokenProblemReason::Unreadable},
        {"must be granted", TokenProblemReason::PermissionMissing},
    };
    for (const Wording &w : wordings)
        if (message.contains(QLatin1String(w.words), Qt::CaseInsensitive))
            return w.reason;
    return std::nullopt;
}

TokenProblemReason graphReason(const TokenProblemFacts &facts)
{
    if (auto r = reasonOfSubcode(facts.subcode))
        return *r;
    if (auto r = reasonOfGraphMessage(facts.message))
        return *r;
    return TokenProblemReason::Unknown;
}

TokenProblemReason xReason(const TokenProblemFacts &facts)
{
    if (facts.problemType == QLatin1String("client-forbidden") ||
        facts.problemReason == QLatin1String("client-not-enrolled"))
        return TokenProblemReason::AppNotEnrolled;
    if (facts.problemType == QLatin1String("unsupported-authentication"))
        return TokenProblemReason::UnsupportedAuthentication;
    if (facts.problemType == QLatin1String("oauth1-permissions"))
        return TokenProblemReason::PermissionMissing;
    if (facts.httpStatus == 401)
        return TokenProblemReason::Unauthorized;
    return TokenProblemReason::Unknown;
}

// Where and how to sign in again, in the console and with sportello-cli.
QString signInAgain(Channel channel)
{
    // Instagram accounts come with their Facebook Page: they are signed in through Facebook.
    const bool x = channel == Channel::X;
    return QCoreApplication::translate("Accounts", "Sign in again: in the console, Edit > Settings > Accounts, select "
                                                   "the account and press Sign In Again (or \"Sign in with %1\"); with "
                                                   "sportello-cli, \"account sign-in --channel %2\".")
        .arg(x ? QStringLiteral("X") : QStringLiteral("Facebook"),
             x ? QStringLiteral("x") : QStringLiteral("facebook"));
}

// What happened, and what must be done before signing in again (empty when nothing).
std::pair<QString, QString> graphWords(TokenProblemReason reason)
{
    switch (reason) {
    case TokenProblemReason::Expired:
        return {
            QCoreApplication::translate(
                "Accounts", "The Facebook sign-in of this account has expired, so Meta no longer accepts its token."),
            {}};
    case TokenProblemReason::PasswordChanged:
        return {QCoreApplication::translate(
                    "Accounts",
                    "The Facebook password of the person who signed in changed (or Facebook reset the session for "
                    "security reasons), so Meta cancelled the token."),
                {}};
    case TokenProblemReason::LoggedOut:
        return {QCoreApplication::translate(
                    "Accounts", "The person who signed in logged out of Facebook, which cancelled the token."),
                {}};
    case TokenProblemReason::AppRemoved:
        return {QCoreApplication::translate(
                    "Accounts",
                    "The person who signed in removed the app from their Facebook settings, or never authorised it, so "
                    "Meta no longer accepts the token."),
                QCoreApplication::translate("Accounts", "When Facebook asks for the new token, allow the app.")};
    case TokenProblemReason::Checkpoint:
        return {
            QCoreApplication::translate(
                "Accounts",
                "Facebook has locked the account of the person who signed in until they complete a security "
                "check, so its token cannot be used."),
            QCoreApplication::translate(
                "Accounts", "That person should first log in at www.facebook.com and follow the steps shown there.")};
    case TokenProblemReason::UnconfirmedUser:
        return {QCoreApplication::translate(
                    "Accounts",
                    "The Facebook account of the person who signed in has not been confirmed, so Meta does not "
                    "accept its token."),
                QCoreApplication::translate(
                    "Accounts", "That person should first log in at www.facebook.com and confirm the account.")};
    case TokenProblemReason::Invalidated:
        return {QCoreApplication::translate(
                    "Accounts",
                    "The token was cancelled on purpose through Meta's API (for example by an administrator or a "
                    "security tool)."),
                {}};
    case TokenProblemReason::SessionInvalid:
        return {QCoreApplication::translate(
                    "Accounts",
                    "The person who signed in no longer has a suitable role on the Page, so Meta no longer accepts "
                    "the token."),
                QCoreApplication::translate(
                    "Accounts",
                    "The new token must come from someone with a full role on the Page, such as an administrator.")};
    case TokenProblemReason::Unreadable:
        return {
            QCoreApplication::translate(
                "Accounts", "Meta could not read the stored token: it is damaged, incomplete or not a Facebook token."),
            QCoreApplication::translate("Accounts", "Copy the whole token when you paste it.")};
    case TokenProblemReason::PermissionMissing:
        return {QCoreApplication::translate(
                    "Accounts",
                    "Meta refused the token because a permission the Page needs was not granted when the token was "
                    "created."),
                QCoreApplication::translate("Accounts",
                                            "When creating the new token, grant every permission asked for the Page.")};
    case TokenProblemReason::Unauthorized:
    case TokenProblemReason::AppNotEnrolled:
    case TokenProblemReason::UnsupportedAuthentication:
    case TokenProblemReason::Unknown: break;
    }
    return {QCoreApplication::translate(
                "Accounts",
                "Meta no longer accepts the token of this account: it has expired, was revoked or is otherwise "
                "invalid."),
            {}};
}

std::pair<QString, QString> xWords(TokenProblemReason reason)
{
    switch (reason) {
    case TokenProblemReason::Unauthorized:
        return {QCoreApplication::translate(
                    "Accounts",
                    "X no longer accepts the token of this account: it has expired or was revoked (for example, the "
                    "app's access was removed in the X account's settings)."),
                {}};
    case TokenProblemReason::AppNotEnrolled:
        return {QCoreApplication::translate(
                    "Accounts",
                    "X refused the token because the X developer app it belongs to is not attached to a Project "
                    "with access to the X API v2."),
                QCoreApplication::translate(
                    "Accounts", "Whoever manages the app should first attach it to a Project in the X developer portal "
                                "(developer.x.com).")};
    case TokenProblemReason::UnsupportedAuthentication:
        return {
            QCoreApplication::translate(
                "Accounts",
                "X refused the token because it is the wrong kind for this request (for example an app-only "
                "token where the X account itself must be signed in)."),
            QCoreApplication::translate(
                "Accounts", "The new token must be a user access token of the X account (OAuth 2.0 user context).")};
    case TokenProblemReason::PermissionMissing:
        return {
            QCoreApplication::translate(
                "Accounts", "X refused the token because the X app did not have the permission this needs (for example "
                            "write access) when the token was created."),
            QCoreApplication::translate(
                "Accounts", "Whoever manages the app should first check its permissions in the X developer portal.")};
    default: break;
    }
    return {QCoreApplication::translate("Accounts", "X refused the token of this account."), {}};
}

QString reference(const TokenProblemFacts &facts)
{
    if (isGraphChannel(facts.channel) && facts.code != 0) {
        if (facts.subcode != 0)
            return QCoreApplication::translate("Accounts", "Meta error %1, subcode %2")
                .arg(facts.code)
                .arg(facts.subcode);
        return QCoreApplication::translate("Accounts", "Meta error %1").arg(facts.code);
    }
    const QString problem = !facts.problemReason.isEmpty() ? facts.problemReason : facts.problemType;
    const QString platform = isGraphChannel(facts.channel) ? QStringLiteral("Meta") : QStringLiteral("X");
    if (facts.httpStatus == 0)
        return problem.isEmpty() ? platform : QStringLiteral("%1: %2").arg(platform, problem);
    if (problem.isEmpty())
        return QCoreApplication::translate("Accounts", "%1: HTTP %2").arg(platform).arg(facts.httpStatus);
    return QCoreApplication::translate("Accounts", "%1: HTTP %2, %3").arg(platform).arg(facts.httpStatus).arg(problem);
}

// A short id from the platform (an X problem type or reason) only: lower-case letters, digits and
// dashes. Anything else is not shown.
QString platformId(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^[a-z0-9-]{1,64}$"));
    return shape.match(text).hasMatch() ? text : QString();
}

} // namespace

const char *reasonId(TokenProblemReason reason)
{
    switch (reason) {
    case TokenProblemReason::Expired: return "expired";
    case TokenProblemReason::PasswordChanged: return "password-changed";
    case TokenProblemReason::LoggedOut: return "logged-out";
    case TokenProblemReason::AppRemoved: return "app-removed";
    case TokenProblemReason::Checkpoint: return "checkpoint";
    case TokenProblemReason::UnconfirmedUser: return "unconfirmed-user";
    case TokenProblemReason::Invalidated: return "invalidated";
    case TokenProblemReason::SessionInvalid: return "session-invalid";
    case TokenProblemReason::Unreadable: return "unreadable";
    case TokenProblemReason::PermissionMissing: return "permission-missing";
    case TokenProblemReason::Unauthorized: return "unauthorized";
    case TokenProblemReason::AppNotEnrolled: return "app-not-enrolled";
    case TokenProblemReason::UnsupportedAuthentication: return "unsupported-authentication";
    case TokenProblemReason::Unknown: return "unknown";
    }
    return "unknown";
}

QString TokenProblem::text() const
{
    QString text = message;
    if (!whatToDo.isEmpty())
        text += QLatin1Char(' ') + whatToDo;
    if (!reference.isEmpty())
        text += QStringLiteral(" (%1)").arg(reference);
    return hideCredentials(text);
}

TokenProblem explainTokenProblem(const TokenProblemFacts &facts)
{
    TokenProblem problem;
    const bool graph = isGraphChannel(facts.channel);
    problem.reason = graph ? graphReason(facts) : xReason(facts);
    const auto [happened, first] = graph ? graphWords(problem.reason) : xWords(problem.reason);
    problem.message = happened;
    const QString signIn = signInAgain(facts.channel);
    problem.whatToDo = first.isEmpty() ? signIn : first + QLatin1Char(' ') + signIn;
    problem.reference = reference(facts);
    return problem;
}

void readGraphError(const QJsonObject &error, TokenProblemFacts &facts)
{
    facts.code = error.value(QLatin1String("code")).toInt(0);
    // API errors: error_subcode; /debug_token's data.error: subcode.
    facts.subcode = error.value(QLatin1String("error_subcode")).toInt(0);
    if (facts.subcode == 0)
        facts.subcode = error.value(QLatin1String("subcode")).toInt(0);
    facts.message = error.value(QLatin1String("message")).toString();
}

TokenProblemFacts tokenProblemFacts(const net::HttpOutcome &outcome, Channel channel, const QString &accountId)
{
    TokenProblemFacts facts;
    facts.channel = channel;
    facts.accountId = accountId;
    facts.httpStatus = outcome.httpStatus;
    const QJsonObject root = QJsonDocument::fromJson(outcome.body).object();
    const QJsonObject error = root.value(QLatin1String("error")).toObject();
    if (!error.isEmpty()) {
        readGraphError(error, facts);
    } else {
        facts.message = root.value(QLatin1String("detail")).toString();
        // "https://api.twitter.com/2/problems/client-forbidden" -> "client-forbidden"
        facts.problemType = platformId(root.value(QLatin1String("type")).toString().section(QLatin1Char('/'), -1));
        facts.problemReason = platformId(root.value(QLatin1String("reason")).toString());
    }
    // The job's reading wins where it has one (the legacy error_code shape, for one).
    if (outcome.apiErrorCode != 0)
        facts.code = outcome.apiErrorCode;
    if (outcome.apiErrorSubcode != 0)
        facts.subcode = outcome.apiErrorSubcode;
    return facts;
}

TokenProblem explainTokenProblem(const net::HttpOutcome &outcome, Channel channel, const QString &accountId)
{
    return explainTokenProblem(tokenProblemFacts(outcome, channel, accountId));
}

std::optional<TokenProblem> explainDebugToken(const QByteArray &body, Channel channel, const QString &accountId)
{
    const QJsonObject data = QJsonDocument::fromJson(body).object().value(QLatin1String("data")).toObject();
    const QJsonValue valid = data.value(QLatin1String("is_valid"));
    if (!valid.isBool() || valid.toBool())
        return std::nullopt;
    TokenProblemFacts facts;
    facts.channel = channel;
    facts.accountId = accountId;
    readGraphError(data.value(QLatin1String("error")).toObject(), facts);
    return explainTokenProblem(facts);
}

} // namespace sportello::accounts
