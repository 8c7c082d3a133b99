#pragma once
// The company's own apps on X and Meta, through which its agents sign in (app_state "oauth_*",
// shared by the console and the CLI): the client id (X) or app id (Meta), the platform's
// endpoints, and for Meta the company's exchange endpoint, which holds the app secret and turns a
// short-lived user token into a long-lived one. No secret is ever stored here or built into the
// program. And what each permission ("scope") is for, so that a sign-in that did not grant one can
// say what will not work. See docs/accounts.md.

#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace sportello {
class Database;
}

namespace sportello::accounts {

enum class OAuthProvider { X, Meta };

QString providerId(OAuthProvider provider); // "x", "meta"
// "X", "Facebook"; for people.
QString providerLabel(OAuthProvider provider);

struct OAuthApp {
    OAuthProvider provider = OAuthProvider::X;
    QString clientId;     // X: the OAuth 2.0 client id; Meta: the app id. Empty: not configured
    QString authorizeUrl; // the consent page, opened in the browser
    QString tokenUrl;     // the token endpoint (code exchange, X's renewals)
    QString apiUrl;       // X: https://api.x.com/2; Meta: https://graph.facebook.com/<version>
    QString exchangeUrl;  // Meta: the company's long-lived token exchange; empty: none configured
    int redirectPort = 0; // the loopback redirect's port; 0: any free port
    QStringList scopes;   // requested
};

// The platform's real endpoints and the scopes Sportello asks for; no client id.
OAuthApp defaultOAuthApp(OAuthProvider provider, const QString &graphApiVersion);

// The app as configured (defaults for what is not); the Graph API version is the accounts'.
Result<OAuthApp> loadOAuthApp(Database &database, OAuthProvider provider);
// Checks every URL (https, or http to this computer only, no credentials) and the port, then
// stores what differs from the defaults.
Status saveOAuthApp(Database &database, const OAuthApp &app);

// What a scope is for.
struct ScopeNeed {
    QString scope;
    QString withoutIt; // what will not work without it, for people
};
// The scopes Sportello asks for on that platform, with what each is for.
QVector<ScopeNeed> scopeNeeds(OAuthProvider provider);
// Of those, the ones not in granted.
QVector<ScopeNeed> missingScopes(OAuthProvider provider, const QStringList &granted);

} // namespace sportello::accounts
