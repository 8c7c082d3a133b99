#include "accounts/OAuthApps.h"

#include "accounts/Accounts.h"
#include "common/Secrets.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace sportello::accounts {

namespace {

QString key(OAuthProvider provider, const char *field)
{
    return QStringLiteral("oauth_%1_%2").arg(providerId(provider), QLatin1String(field));
}

Result<QString> stateValue(Database &database, const QString &name)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    q.addBindValue(name);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() ? q.value(0).toString() : QString();
}

Status setStateValue(Database &database, const QString &name, const QString &value)
{
    QSqlQuery q(database.connection());
    if (value.isEmpty()) {
        if (Status s = sql::prepare(q, QStringLiteral("DELETE FROM app_state WHERE key = ?")); !s)
            return s;
        q.addBindValue(name);
        return sql::exec(q);
    }
    if (Status s = sql::prepare(q, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    q.addBindValue(name);
    q.addBindValue(value);
    return sql::exec(q);
}

} // namespace

QString providerId(OAuthProvider provider)
{
    return provider == OAuthProvider::X ? QStringLiteral("x") : QStringLiteral("meta");
}

QString providerLabel(OAuthProvider provider)
{
    return provider == OAuthProvider::X ? QStringLiteral("X") : QStringLiteral("Facebook");
}

OAuthApp defaultOAuthApp(OAuthProvider provider, const QString &graphApiVersion)
{
    OAuthApp app;
    app.provider = provider;
    if (provider == OAuthProvider::X) {
        app.authorizeUrl = QStringLiteral("https://x.com/i/oauth2/authorize");
        app.tokenUrl = QStringLiteral("https://api.x.com/2/oauth2/token");
        app.apiUrl = QStringLiteral("https://api.x.com/2");
    } else {
        app.authorizeUrl = QStringLiteral("https://www.facebook.com/%1/dialog/oauth").arg(graphApiVersion);
        app.tokenUrl = QStringLiteral("https://graph.facebook.com/%1/oauth/access_token").arg(graphApiVersion);
        app.apiUrl = QStringLiteral("https://graph.facebook.com/%1").arg(graphApiVersion);
    }
    for (const ScopeNeed &need : scopeNeeds(provider))
        app.scopes << need.scope;
    return app;
}

Result<OAuthApp> loadOAuthApp(Database &database, OAuthProvider provider)
{
    const auto version = AccountStore(database).graphApiVersion();
    if (!version)
        return version.failure();
    OAuthApp app = defaultOAuthApp(provider, *version);
    struct Field {
        const char *name;
        QString *value;
    };
    const Field fields[] = {{"client_id", &app.clientId},
                            {"authorize_url", &app.authorizeUrl},
                            {"token_url", &app.tokenUrl},
                            {"api_url", &app.apiUrl},
                            {"exchange_url", &app.exchangeUrl}};
    for (const Field &f : fields) {
        auto stored = stateValue(database, key(provider, f.name));
        if (!stored)
            return stored.failure();
        if (!stored->isEmpty())
            *f.value = *stored;
    }
    auto port = stateValue(database, key(provider, "redirect_port"));
    if (!port)
        return port.failure();
    app.redirectPort = port->toInt();
    return app;
}

Status saveOAuthApp(Database &database, const OAuthApp &app)
{
    const QString clientId = app.clientId.trimmed();
    // Never quoted: what was typed may be a token pasted in the wrong field.
    if (clientId.size() > 200 || clientId.contains(QLatin1Char(' ')) || containsCredential(clientId))
        return Error{QCoreApplication::translate(
                         "Accounts", "The app's client id is not valid: copy it from the platform's developer portal."),
                     ErrorKind::InvalidInput};
    QStringList urls{app.authorizeUrl, app.tokenUrl, app.apiUrl};
    if (!app.exchangeUrl.isEmpty()) // optional
        urls << app.exchangeUrl;
    for (const QString &url : urls) {
        if (auto checked = validateBaseUrl(url); !checked)
            return checked.failure();
    }
    if (app.redirectPort < 0 || app.redirectPort > 65535)
        return Error{QCoreApplication::translate(
                         "Accounts", "The redirect port must be between 1 and 65535, or 0 for any free port."),
                     ErrorKind::InvalidInput};
    const auto version = AccountStore(database).graphApiVersion();
    if (!version)
        return version.failure();
    const OAuthApp defaults = defaultOAuthApp(app.provider, *version);
    auto differing = [](const QString &value, const QString &fallback) {
        return value == fallback ? QString() : value;
    };
    const QPair<const char *, QString> values[] = {
        {"client_id", clientId},
        {"authorize_url", differing(app.authorizeUrl, defaults.authorizeUrl)},
        {"token_url", differing(app.tokenUrl, defaults.tokenUrl)},
        {"api_url", differing(app.apiUrl, defaults.apiUrl)},
        {"exchange_url", app.exchangeUrl},
        {"redirect_port", app.redirectPort > 0 ? QString::number(app.redirectPort) : QString()}};
    for (const auto &[name, value] : values) {
        if (Status s = setStateValue(database, key(app.provider, name), value); !s)
            return s;
    }
    return Status::success();
}

QVector<ScopeNeed> scopeNeeds(OAuthProvider provider)
{
    if (provider == OAuthProvider::X)
        return {
            {QStringLiteral("tweet.read"),
             QCoreApplication::translate("Accounts", "Sportello cannot read mentions and replies.")},
            {QStringLiteral("users.read"),
             QCoreApplication::translate("Accounts", "Sportello cannot tell who signed in or who wrote a post.")},
            {QStringLiteral("tweet.write"), QCoreApplication::translate("Accounts", "Public replies cannot be sent.")},
            {QStringLiteral("dm.read"), QCoreApplication::translate("Accounts", "Direct messages cannot be read.")},
            {QStringLiteral("dm.write"),
             QCoreApplication::translate("Accounts", "Private replies (direct messages) cannot be sent.")},
            {QStringLiteral("offline.access"),
             QCoreApplication::translate(
                 "Accounts", "The sign-in cannot be renewed: it stops working after two hours and must be repeated.")},
        };
    return {
        {QStringLiteral("pages_show_list"),
         QCoreApplication::translate("Accounts", "Sportello cannot list the Pages you manage.")},
        {QStringLiteral("pages_read_engagement"),
         QCoreApplication::translate("Accounts", "Sportello cannot read the Page's posts and comments.")},
        {QStringLiteral("pages_read_user_content"),
         QCoreApplication::translate("Accounts", "Comments and posts by customers on the Page cannot be read.")},
        {QStringLiteral("pages_manage_engagement"),
         QCoreApplication::translate("Accounts", "Public replies to comments cannot be sent.")},
        {QStringLiteral("pages_messaging"),
         QCoreApplication::translate("Accounts", "Private replies (Messenger) cannot be sent.")},
        {QStringLiteral("instagram_basic"),
         QCoreApplication::translate("Accounts", "The Instagram business account linked to the Page cannot be found.")},
        {QStringLiteral("instagram_manage_comments"),
         QCoreApplication::translate("Accounts", "Instagram comments cannot be read or answered.")},
        {QStringLiteral("instagram_manage_messages"),
         QCoreApplication::translate("Accounts", "Instagram direct messages cannot be answered.")},
    };
}

QVector<ScopeNeed> missingScopes(OAuthProvider provider, const QStringList &granted)
{
    QVector<ScopeNeed> missing;
    for (const ScopeNeed &need : scopeNeeds(provider)) {
        if (!granted.contains(need.scope))
            missing << need;
    }
    return missing;
}

} // namespace sportello::accounts
