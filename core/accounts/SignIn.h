#pragma once
// Signing in to X or Facebook the way their users do: the system browser opens the platform's
// consent page, the answer comes back to a loopback redirect on 127.0.0.1 (any free port unless
// the app registration needs a fixed one), the `state` is checked, and the code is exchanged with
// PKCE S256. Built on Qt Network Authorization (QOAuth2AuthorizationCodeFlow); Qt 6.4 has no PKCE
// of its own, so the challenge and the verifier go in through its parameter hook.
//
// X: the user's access and refresh tokens, then who signed in (users/me).
// Facebook: a short-lived user token, swapped for a long-lived one by the company's exchange
// endpoint when one is configured (the swap needs the app secret, which is never in this program),
// then who signed in, the permissions granted, and the Pages the person manages with their linked
// Instagram business accounts and the Page tokens. The user token is dropped once the Pages are
// read; only the Page tokens of the Pages the agent picks are stored. See docs/accounts.md.

#include "accounts/Credential.h"
#include "accounts/OAuthApps.h"
#include "common/Result.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>
#include <QVector>
#include <functional>

class QJsonObject;
class QNetworkAccessManager;
class QNetworkReply;
class QOAuth2AuthorizationCodeFlow;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::accounts {

class LoopbackReplyHandler;
struct Account;

struct ManagedPage {
    QString pageId;
    QString name;
    QString category;
    QString pageToken; // never shown, logged or stored except in the keychain
    QStringList tasks; // what the person may do on the Page (MODERATE, MESSAGING, ...)
    QString instagramId;
    QString instagramUsername;
};

struct SignInResult {
    OAuthProvider provider = OAuthProvider::X;
    // X: what is stored. Facebook: the user token's expiry only; the token itself is dropped once
    // the Pages are read.
    Credential credential;
    QString userId;        // the person on the platform
    QString userName;      // display name
    QString userHandle;    // X: username, without "@"
    QStringList grantedScopes;
    QVector<ScopeNeed> missingScopes;
    bool longLived = false; // Facebook: the user token was swapped for a long-lived one
    QString notice;         // Facebook: why it was not (no exchange endpoint, or it failed)
    QVector<ManagedPage> pages;
    QString accountBaseUrl; // the API the new accounts sync from (the app's, without Graph's version)

    QString signedInAs() const; // "@handle" on X, the name on Facebook
};

class SignInFlow : public QObject {
    Q_OBJECT
public:
    // Opens the consent page; false when no browser could be started (the URL is still shown).
    using BrowserOpener = std::function<bool(const QUrl &)>;

    SignInFlow(OAuthApp app, const Clock &clock, QObject *parent = nullptr);
    ~SignInFlow() override;

    void setBrowserOpener(BrowserOpener opener) { m_opener = std::move(opener); }
    // Every request's timeout, and how long the whole sign-in may wait for the person.
    void setRequestTimeoutMs(int ms) { m_requestTimeoutMs = ms; }
    void setWaitTimeoutMs(int ms) { m_waitTimeoutMs = ms; }

    // Listens on the loopback redirect and opens the consent page. An error when the app has no
    // client id, or the redirect port cannot be opened. Then finished() comes exactly once.
    Status start();
    QUrl authorizationUrl() const { return m_authorizationUrl; }
    QString redirectUri() const;
    bool browserOpened() const { return m_browserOpened; }
    // The address the browser ended on, pasted by a person on a machine without a browser
    // (or whose browser cannot reach this machine's 127.0.0.1).
    Status acceptRedirect(const QString &pastedUrl);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(const QString &what);
    void finished(const sportello::Result<sportello::accounts::SignInResult> &result);

private:
    void onCallback(const QVariantMap &data);
    void onGranted();
    void fail(const Error &error);
    void succeed();
    // Facebook, after the code: exchange, who, permissions, Pages (one request at a time).
    void metaExchange();
    void metaWho();
    void metaPermissions();
    void metaPages(const QUrl &url, int page);
    void xWho();
    // GETs url with the signed-in token; an answer that is a JSON object usable() accepts goes
    // to then(), anything else ends the sign-in with failure ("...: %1", the platform's problem).
    void getJson(const QUrl &url, const QString &failure, const std::function<bool(const QJsonObject &)> &usable,
                 const std::function<void(const QJsonObject &)> &then);

    OAuthApp m_app;
    const Clock &m_clock;
    BrowserOpener m_opener;
    int m_requestTimeoutMs = 30'000;
    int m_waitTimeoutMs = 10 * 60'000;
    QNetworkAccessManager *m_network = nullptr;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    LoopbackReplyHandler *m_handler = nullptr;
    QTimer m_wait;
    QString m_verifier;
    QUrl m_authorizationUrl;
    QVariantMap m_tokenValues;
    bool m_browserOpened = false;
    bool m_running = false;
    SignInResult m_result;
};

// Stores an X sign-in: adds the account of the person who signed in (or renews an existing one:
// new tokens, the sign-in mark cleared) and writes the credential to the keychain. A new account
// syncs from the app's API (SignInResult::accountBaseUrl).
Result<Account> saveXSignIn(Database &database, TokenStore &keychain, const SignInResult &signIn, qint64 nowMs);
// Stores the chosen Pages (by page id) and Instagram accounts (by Instagram id) of a Facebook
// sign-in, each with its Page's token; the user token is not stored.
Result<QVector<Account>> saveMetaPages(Database &database, TokenStore &keychain, const SignInResult &signIn,
                                       const QStringList &chosenIds, qint64 nowMs);

// PKCE (RFC 7636): a random verifier and its S256 challenge.
QString pkceVerifier();
QString pkceChallenge(const QString &verifier);

} // namespace sportello::accounts
