#pragma once
// Why a platform refused an account's access token, in words for customer-care staff: what
// happened and what to do. Meta's Graph API answers with error code 190 (or 102) and a subcode
// (error_subcode in API errors, subcode inside /debug_token's data.error); X answers HTTP 401,
// or 403 with a problem type that says the token cannot be used. The connectors, the sync report
// and the outbox show these texts instead of the raw HTTP error. See docs/network.md,
// "Refused tokens".

#include "domain/Domain.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace sportello::net {
struct HttpOutcome;
}

namespace sportello::accounts {

enum class TokenProblemReason {
    Expired,                   // Graph 463; X 401 is Unauthorized (X does not say which)
    PasswordChanged,           // Graph 460
    LoggedOut,                 // Graph 467
    AppRemoved,                // Graph 458: the person removed the app, or never authorised it
    Checkpoint,                // Graph 459: the person's Facebook account is locked behind a check
    UnconfirmedUser,           // Graph 464
    Invalidated,               // Graph 466: revoked on purpose through the API
    SessionInvalid,            // Graph 492: no longer a role on the Page
    Unreadable,                // Graph 190 "could not be decrypted" / "cannot parse": not a usable token
    PermissionMissing,         // Graph 190 "permission(s) must be granted"; X 403 oauth1-permissions
    Unauthorized,              // X 401: expired or revoked
    AppNotEnrolled,            // X 403 client-forbidden (client-not-enrolled)
    UnsupportedAuthentication, // X 403 unsupported-authentication: the wrong kind of token
    Unknown,                   // refused, without a reason Sportello knows
};

// The reason as a stable English id ("password-changed"), for logs and tests.
const char *reasonId(TokenProblemReason reason);

// What the platform said about a refused token. No token is ever part of it.
struct TokenProblemFacts {
    Channel channel = Channel::Facebook;
    QString accountId;     // the page, Instagram account or X user id, for the instructions
    int httpStatus = 0;    // 0 when not known (a /debug_token answer is a 200 about another token)
    int code = 0;          // Graph error code (190, 102), 0 for X
    int subcode = 0;       // Graph error_subcode / subcode, 0 if none
    QString message;       // the platform's own message (Graph error.message, X detail)
    QString problemType;   // X: the last segment of the problem type ("client-forbidden")
    QString problemReason; // X: the "reason" field ("client-not-enrolled")
};

struct TokenProblem {
    TokenProblemReason reason = TokenProblemReason::Unknown;
    QString message;   // what happened, one or two sentences
    QString whatToDo;  // what to do about it, naming where to sign in again
    QString reference; // for support: "Meta error 190, subcode 460" or "X: HTTP 401"

    // message, whatToDo and (reference), as one paragraph.
    QString text() const;
};

// The explanation of a refused token.
TokenProblem explainTokenProblem(const TokenProblemFacts &facts);

// The facts of an HttpOutcome (AuthExpired), read from its status, codes and body.
TokenProblemFacts tokenProblemFacts(const net::HttpOutcome &outcome, Channel channel, const QString &accountId);
// Shorthand: explainTokenProblem(tokenProblemFacts(outcome, channel, accountId)).
TokenProblem explainTokenProblem(const net::HttpOutcome &outcome, Channel channel, const QString &accountId);

// A Graph error object: {"code":190,"error_subcode":460,"message":...} as API errors carry it,
// or {"code":190,"subcode":460,...} as /debug_token's data.error does. Both keys are read.
void readGraphError(const QJsonObject &error, TokenProblemFacts &facts);

// The problem /debug_token reports about a token: nothing when the body is not a /debug_token
// answer or says is_valid: true.
std::optional<TokenProblem> explainDebugToken(const QByteArray &body, Channel channel, const QString &accountId);

} // namespace sportello::accounts
