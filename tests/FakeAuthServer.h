#pragma once
// A fake authorization server for X (OAuth 2.0 authorization code + PKCE) and Meta (Facebook Login
// dialog, Graph token endpoint, /me, /me/permissions, /me/accounts) on 127.0.0.1, for tests that drive
// the real OAuth client in the test process. Built on LocalHttpServer's stateful handlers.
//
// Every body that exists in ../shared/data (oauth_x/, oauth_meta/) is read from there when it is
// served, and its tokens, ids and links are replaced by JSON-aware editing (JsonEdit below), so key
// order, whitespace and shape stay those of the real capture. Bodies with no capture (the error
// pages of the authorize endpoints, Graph's code-exchange and missing-secret errors, /me and
// /me/permissions) are constructed, and say so where they are built (FakeAuthServer.cpp).
//
// What the fake does not model: X's per-endpoint scope checks (users/me answers any current token),
// Graph's `limit` (the two /me/accounts pages are always the captured 4 + 2 pages), time (access
// tokens expire only when a test calls expireAccessTokens()), confidential clients (client_secret is
// never accepted: the desktop app holds none).

#include "LocalHttpServer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <optional>

namespace sportello::test {

// Edits a JSON text in place, keeping everything it does not touch byte for byte (key order,
// whitespace, escapes). A path is a list of object keys and array indices ("data", "0", "id").
// Every edit re-parses the text; an edit whose path does not exist stops the test run (qFatal),
// as LocalHttpServer does for a missing file: handlers run inside the event loop, not in a Catch section.
class JsonEdit {
public:
    explicit JsonEdit(QByteArray text); // an object or an array
    static JsonEdit fromFile(const QString &path);

    // The value at path as JSON text, or nullopt if the path does not exist.
    std::optional<QByteArray> raw(const QStringList &path) const;
    bool has(const QStringList &path) const { return raw(path).has_value(); }
    // The number of elements of the array (or members of the object) at path.
    int size(const QStringList &path) const;
    // The keys of the object at path, in document order.
    QStringList keys(const QStringList &path) const;

    JsonEdit &setString(const QStringList &path, const QString &value);
    JsonEdit &setNumber(const QStringList &path, qint64 value);
    JsonEdit &setRaw(const QStringList &path, const QByteArray &json); // json must be one valid value
    JsonEdit &remove(const QStringList &path);                         // a member or an array element
    // Adds a member to the object at objectPath, after the member `afterKey` (at the end if empty).
    JsonEdit &insert(const QStringList &objectPath, const QString &key, const QByteArray &json,
                     const QString &afterKey = {});

    JsonEdit &compact(); // drops the space between tokens (for a value going into a minified body)

    const QByteArray &text() const { return m_text; }

    static QByteArray quoted(const QString &value); // a JSON string literal

private:
    struct Span {
        qsizetype memberStart = -1; // start of the key (objects) or of the value (arrays)
        qsizetype keyEnd = -1;      // one past the key's closing quote (objects)
        qsizetype valueStart = -1;
        qsizetype valueEnd = -1; // one past the value
    };
    std::optional<Span> find(const QStringList &path) const;
    QByteArray m_text;
};

class FakeAuthServer {
public:
    enum class Decision { Approve, Deny };
    // The Graph 190 body sent for an expired or revoked Meta user token. A token the fake never issued
    // gets error_190_could_not_be_decrypted_bk-rs.json (Graph's answer to a garbage token).
    enum class Graph190 { Expired463, PasswordChanged460, LoggedOut467, AppRemoved458 };
    enum class DropWhen {
        BeforeProcessing, // the request is read and the connection closed: nothing changed on the server
        AfterProcessing,  // the server did the work (a refresh rotated the tokens), the answer is lost
    };
    enum class TokenKind { XCode, XAccess, XRefresh, MetaCode, MetaShortLived, MetaLongLived, MetaPage };

    struct Paths {
        QString xAuthorize = QStringLiteral("/i/oauth2/authorize");
        QString xToken = QStringLiteral("/2/oauth2/token");
        QString xUsersMe = QStringLiteral("/2/users/me");
        QString metaDialog = QStringLiteral("/v19.0/dialog/oauth");
        QString metaAccessToken = QStringLiteral("/v19.0/oauth/access_token");
        // Also /me/permissions and /me/accounts. Each path is a LocalHttpServer prefix: a request whose
        // path only starts with one (/v19.0/messages) gets a 404 here, not another handler's answer.
        QString metaMe = QStringLiteral("/v19.0/me");
        // The company's own exchange endpoint (it holds the app secret in real life).
        QString metaExchange = QStringLiteral("/exchange/oauth/access_token");
    };

    // What the last authorize (X) or dialog (Meta) request carried, decoded.
    struct AuthorizeRequest {
        QUrl url;
        QString responseType, clientId, redirectUri, scope, state, codeChallenge, codeChallengeMethod;
        bool accepted = false; // false: the fake answered 400 (bad or missing parameter)
    };

    struct XUser {
        QString clientId = QStringLiteral("fake-x-client-id");
        Decision decision = Decision::Approve;
        QStringList untickedScopes; // requested but not granted by the user
        bool wrongState = false;    // the redirect carries a state other than the one sent
        int expiresIn = 7200;
        QString id = QStringLiteral("1072250532645998596");
        QString name = QStringLiteral("Tweepy Testing");
        QString username = QStringLiteral("TweepyDev");
    };

    struct MetaUser {
        QString clientId = QStringLiteral("1234567890123456");
        Decision decision = Decision::Approve;
        QStringList untickedScopes;
        bool wrongState = false;
        int shortLivedExpiresIn = 3600;
        int longLivedExpiresIn = 5184000;
        bool longLivedWithoutExpiresIn = false; // fb_exchange_token_200_no_expires_in.json
        bool singlePageAccounts = false;        // me_accounts_200_cursors_only_utf8_category.json
        Graph190 invalidTokenError = Graph190::Expired463;
        QString id = QStringLiteral("413140042878187");
        QString name = QStringLiteral("Giulia Rossi");
        // Facebook Pages (ids of the captured /me/accounts bodies) linked to an Instagram business account.
        struct Instagram {
            QString pageId, igId, username;
        };
        QList<Instagram> instagram = {
            {QStringLiteral("123"), QStringLiteral("987654321"), QStringLiteral("assicura_serena")},
            {QStringLiteral("123456"), QStringLiteral("17841405822304914"), QStringLiteral("assicura_serena_auto")},
        };
    };

    struct Counts {
        int xAuthorizations = 0, xCodeExchanges = 0, xRefreshAttempts = 0, xRefreshes = 0, xTokenRefusals = 0;
        int metaDialogs = 0, metaCodeExchanges = 0, metaExchanges = 0, metaTokenRefusals = 0;
    };

    FakeAuthServer();
    explicit FakeAuthServer(Paths paths);
    FakeAuthServer(const FakeAuthServer &) = delete;
    FakeAuthServer &operator=(const FakeAuthServer &) = delete;

    // The user's choices and the platforms' settings: change them at any time.
    XUser x;
    MetaUser meta;

    LocalHttpServer &server() { return m_server; } // more handlers may share it; requests() has everything
    const Paths &paths() const { return m_paths; }
    QUrl url(const QString &pathAndQuery) const { return m_server.url(pathAndQuery); }
    QString baseUrl() const; // http://127.0.0.1:PORT

    const AuthorizeRequest &lastXAuthorize() const { return m_lastX; }
    const AuthorizeRequest &lastMetaDialog() const { return m_lastMeta; }
    const Counts &counts() const { return m_counts; }

    // Every secret the server handed out (codes, access, refresh and page tokens), in order.
    const QStringList &issuedSecrets() const { return m_issued; }
    // The newest secret of a kind (empty if none).
    QString latest(TokenKind kind) const;
    // Issued, not revoked, not spent (refresh tokens, codes) and not expired (access tokens).
    bool isCurrent(const QString &token) const;

    void revokeAll();          // every token of the user, on both platforms
    void expireAccessTokens(); // every access token issued so far (X access, Meta user and page tokens)

    // Faults for the next requests to a token endpoint (X token, Meta access_token or exchange).
    // QNetworkAccessManager (Qt 6.4) may send a request once more when the connection closes before
    // any answer (it did for the first drop on a connection channel, not for a later one), so the
    // default `count` 2 makes sure a QNAM client sees the drop. clearFaults() forgets what is left.
    void dropNextTokenRequests(DropWhen when, int count = 2);
    void delayNextTokenRequest(int delayMs); // answered (after doing the work) that much later
    void clearFaults();

private:
    struct Code {
        TokenKind kind = TokenKind::XCode;
        QString clientId, redirectUri, challenge;
        QStringList requested, granted;
        bool used = false;
    };
    struct Token {
        TokenKind kind = TokenKind::XAccess;
        QStringList requested, granted;
        bool revoked = false, expired = false, spent = false;
    };

    CannedResponse xAuthorize(const ReceivedRequest &r);
    CannedResponse xToken(const ReceivedRequest &r);
    CannedResponse xUsersMe(const ReceivedRequest &r);
    CannedResponse metaDialog(const ReceivedRequest &r);
    CannedResponse metaAccessToken(const ReceivedRequest &r);
    CannedResponse metaExchange(const ReceivedRequest &r);
    CannedResponse metaMe(const ReceivedRequest &r);
    CannedResponse metaAccounts(const ReceivedRequest &r, const QString &userToken);

    CannedResponse withTokenFault(const std::function<CannedResponse()> &work);
    QString issue(TokenKind kind, const QStringList &requested = {}, const QStringList &granted = {});
    CannedResponse xTokenAnswer(const QString &file, const QStringList &requested, const QStringList &granted);
    CannedResponse graph190(const QString &token) const;
    CannedResponse graphError(int status, int code, std::optional<int> subcode, const QString &message) const;
    bool currentAccess(const QString &token, TokenKind kind) const;
    const Token *metaUserToken(const QString &token) const;

    Paths m_paths;
    AuthorizeRequest m_lastX, m_lastMeta;
    Counts m_counts;
    QHash<QString, Code> m_codes;
    QHash<QString, Token> m_tokens;
    QHash<QString, QString> m_pageTokens; // user token + '/' + page id -> page token
    QHash<QString, QString> m_cursors;    // `after`/`before` cursor -> user token that got it
    QStringList m_issued;
    std::optional<DropWhen> m_drop;
    int m_dropCount = 0;
    int m_delayMs = 0;
    LocalHttpServer m_server; // last: destroyed first, while the state its handlers use still exists
};

} // namespace sportello::test
