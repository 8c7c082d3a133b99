// account add, list and remove: the channel accounts to sync. Tokens go to the system keychain
// (or stay in an environment variable named with --token-env); they are never printed, logged or
// written to the cache. See docs/accounts.md.

#include "cli/Cli.h"

#include "cli/AccountSignIn.h"

#include "KeychainTokenStore.h"
#include "accounts/Accounts.h"
#include "accounts/AppStoreJwt.h"
#include "accounts/GoogleServiceAccount.h"
#include "accounts/Credential.h"
#include "accounts/TokenStore.h"
#include "common/LocaleText.h"
#include "net/HttpJob.h"
#include "storage/Database.h"
#include "team/TeamAccounts.h"
#include "team/TeamMembership.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>


namespace sportello::cli {

namespace {

using accounts::Account;
using accounts::AccountStore;

// --team: the team database of the cache's membership, connected (the hub's cache).
Result<std::unique_ptr<team::TeamConnection>> teamOfCache(Database &cache, accounts::TokenStore &keychain)
{
    auto membership = team::TeamMembership::load(cache.connection());
    if (!membership)
        return membership.failure();
    if (!membership->has_value())
        return Error{QCoreApplication::translate("Cli", "--team needs a cache joined to a team (the hub's): run "
                                                        "\"sportello-cli --database FILE team join --url URL --login "
                                                        "HUB_LOGIN\" first."),
                     ErrorKind::InvalidInput};
    return membership->value().connect(&keychain);
}

// --issuer-id, --key-id and --key-file of an App Store Connect account, checked, as the keychain
// entry's text. Errors never quote the key.
Result<QString> appStoreKeyFromOptions(const Invocation &call)
{
    const QString issuerId = call.parser.value(QStringLiteral("issuer-id")).trimmed();
    const QString keyId = call.parser.value(QStringLiteral("key-id")).trimmed();
    const QString file = call.parser.value(QStringLiteral("key-file")).trimmed();
    if (issuerId.isEmpty() || keyId.isEmpty() || file.isEmpty())
        return Error{QCoreApplication::translate("Cli", "An app_store account needs --issuer-id ID, --key-id ID and "
                                                        "--key-file FILE.p8 (the API key from App Store Connect)."),
                     ErrorKind::InvalidInput};
    return accounts::appStoreSecretFromKeyFile(issuerId, keyId, file, QDateTime::currentSecsSinceEpoch());
}

// --channel and --id, checked.
int readAccountKey(const Invocation &call, Channel &channel, QString &id)
{
    const QString channelText = call.parser.value(QStringLiteral("channel")).trimmed().toLower();
    id = call.parser.value(QStringLiteral("id")).trimmed();
    if (channelText.isEmpty() || id.isEmpty())
        return usageError(QCoreApplication::translate(
                              "Cli", "account %1 needs --channel facebook|instagram|x|google_play|app_store and --id "
                                     "ACCOUNT_ID.")
                              .arg(call.arguments.value(0)));
    const auto parsed = channelFromId(channelText);
    if (!parsed || !accounts::channelHasAccounts(*parsed))
        return usageError(QCoreApplication::translate(
                              "Cli", "Unknown channel \"%1\": use facebook, instagram, x, google_play or app_store.")
                              .arg(channelText));
    channel = *parsed;
    return kOk;
}

int accountAdd(const Invocation &call)
{
    Channel channel{};
    QString id;
    if (int code = readAccountKey(call, channel, id); code != kOk)
        return code;
    const QString baseUrl = call.parser.value(QStringLiteral("base-url")).trimmed();
    const QString tokenEnv = call.parser.value(QStringLiteral("token-env")).trimmed();
    if (call.parser.isSet(QStringLiteral("token-env")) && !accounts::isValidEnvironmentName(tokenEnv))
        return usageError(QCoreApplication::translate("Cli",
                                                      "--token-env needs the name of an environment variable (letters, "
                                                      "digits and underscores, at most %1 characters), not the token "
                                                      "itself.")
                              .arg(accounts::kMaxEnvironmentNameLength));
    if (!baseUrl.isEmpty()) {
        if (auto url = accounts::validateBaseUrl(baseUrl); !url)
            return usageError(url.error());
    }
    auto db = openDatabase(call.databasePath, true);
    if (!db)
        return db.exitCode();
    AccountStore store(*db);
    auto existing = store.find(channel, id);
    if (!existing)
        return fail(existing.failure());
    if (existing->has_value()) {
        err() << QCoreApplication::translate("Cli",
                                             "The %1 account %2 is already configured; remove it first to change it.")
                     .arg(toId(channel), id)
              << Qt::endl;
        return kFailure;
    }

    // App Store Connect signs in with the team's API key, not a token: its issuer id, key id and
    // .p8 file go to the keychain together (AppStoreJwt.h); each request makes its own token.
    // Google Play may sign in likewise with a service account's .json key instead of a pasted
    // token (GoogleServiceAccount.h); the access tokens it is exchanged for stay in memory.
    QString keySecret;
    const QString serviceAccountFile = call.parser.value(QStringLiteral("service-account-file")).trimmed();
    if (call.parser.isSet(QStringLiteral("service-account-file"))) {
        if (channel != Channel::GooglePlay)
            return usageError(QCoreApplication::translate("Cli", "--service-account-file is for google_play accounts."));
        if (!tokenEnv.isEmpty())
            return usageError(QCoreApplication::translate(
                "Cli", "Give either --service-account-file or --token-env, not both."));
        auto secret = accounts::googlePlaySecretFromKeyFile(serviceAccountFile, QDateTime::currentSecsSinceEpoch());
        if (!secret)
            return usageError(secret.error());
        keySecret = *secret;
    }
    if (channel == Channel::AppStore && tokenEnv.isEmpty()) {
        auto secret = appStoreKeyFromOptions(call);
        if (!secret)
            return usageError(secret.error());
        keySecret = *secret;
    }

    // Without --token-env the token is read now and put in the keychain before the account is
    // recorded, so that a missing keychain leaves nothing behind.
    accounts::KeychainTokenStore keychain;
    const QString key = accounts::accountTokenKey(channel, id);
    bool storedInKeychain = false;
    if (!keySecret.isEmpty()) {
        accounts::Credential apiKey;
        apiKey.accessToken = keySecret;
        if (Status s = accounts::writeCredential(keychain, key, apiKey); !s) {
            err() << QCoreApplication::translate("Cli", "%1; the API key was not stored.").arg(s.error()) << Qt::endl;
            return kFailure;
        }
        storedInKeychain = true;
    } else if (tokenEnv.isEmpty()) {
        const QString token =
            readSecretLine(QCoreApplication::translate("Cli", "Access token for the %1 account %2 (not shown): ")
                               .arg(toId(channel), id));
        if (token.isEmpty())
            return usageError(QCoreApplication::translate("Cli",
                                                          "No access token on standard input: give it on one line, or "
                                                          "use --token-env NAME."));
        // As a credential: a second slot left by an interrupted renewal goes too (Credential.h).
        accounts::Credential pasted;
        pasted.accessToken = token;
        if (Status s = accounts::writeCredential(keychain, key, pasted); !s) {
            err() << QCoreApplication::translate(
                         "Cli", "%1; the token was not stored. Use --token-env NAME to take it from an "
                                "environment variable instead.")
                         .arg(s.error())
                  << Qt::endl;
            return kFailure;
        }
        storedInKeychain = true;
    }
    auto added = store.add(channel, id, baseUrl, tokenEnv, QDateTime::currentMSecsSinceEpoch());
    if (!added) {
        if (storedInKeychain)
            (void)accounts::removeCredential(keychain, key);
        err() << added.error() << Qt::endl;
        return kFailure;
    }
    if (call.parser.isSet(QStringLiteral("team"))) {
        // The team serves it from now on: every desktop lists it, this hub syncs and delivers it.
        auto connection = teamOfCache(*db, keychain);
        Status published = connection ? team::publishAccount((*connection)->db(), *added) : Status(connection.failure());
        if (!published) {
            (void)store.remove(channel, id);
            if (storedInKeychain)
                (void)accounts::removeCredential(keychain, key);
            err() << QCoreApplication::translate("Cli", "The account was not added: %1").arg(published.error())
                  << Qt::endl;
            return exitCodeFor(published.errorKind());
        }
    }
    if (!keySecret.isEmpty() && channel == Channel::GooglePlay)
        out() << QCoreApplication::translate("Cli", "Added the %1 account %2 (%3); its service-account key is in the "
                                                    "system keychain (the .json file is no longer needed here).")
                     .arg(toId(channel), id, net::redactedUrl(QUrl(added->baseUrl), net::Redaction::Location))
              << Qt::endl;
    else if (!keySecret.isEmpty())
        out() << QCoreApplication::translate("Cli", "Added the %1 account %2 (%3); its API key is in the system "
                                                    "keychain (the .p8 file is no longer needed here).")
                     .arg(toId(channel), id, net::redactedUrl(QUrl(added->baseUrl), net::Redaction::Location))
              << Qt::endl;
    else if (storedInKeychain)
        out() << QCoreApplication::translate("Cli",
                                             "Added the %1 account %2 (%3); its token is in the system keychain.")
                     .arg(toId(channel), id, net::redactedUrl(QUrl(added->baseUrl), net::Redaction::Location))
              << Qt::endl;
    else
        out() << QCoreApplication::translate(
                     "Cli", "Added the %1 account %2 (%3); its token will be read from the environment "
                            "variable %4.")
                     .arg(toId(channel), id, net::redactedUrl(QUrl(added->baseUrl), net::Redaction::Location), tokenEnv)
              << Qt::endl;
    if (call.parser.isSet(QStringLiteral("team")))
        out() << QCoreApplication::translate("Cli", "The team serves it from this hub: every desktop of the team lists "
                                                    "it.")
              << Qt::endl;
    return kOk;
}

// A variable name stored before names were checked may be a token: it is never printed.
QString shownEnvName(const Account &a)
{
    return accounts::isValidEnvironmentName(a.tokenEnv) ? a.tokenEnv
                                                        : QCoreApplication::translate("Cli", "(invalid name)");
}

QString tokenSource(const Account &a)
{
    return a.tokenEnv.isEmpty() ? QStringLiteral("keychain") : QStringLiteral("env:") + shownEnvName(a);
}

int accountList(const Invocation &call)
{
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto accounts = AccountStore(*db).list();
    if (!accounts)
        return fail(accounts.failure());
    const bool json = call.parser.isSet(QStringLiteral("json"));
    for (const Account &a : accounts.value()) {
        const QString url = net::redactedUrl(QUrl(a.baseUrl), net::Redaction::Location);
        if (json) {
            const QJsonObject o{
                {QStringLiteral("channel"), toId(a.channel)},
                {QStringLiteral("id"), a.accountId},
                {QStringLiteral("base_url"), url},
                {QStringLiteral("token"), tokenSource(a)},
                {QStringLiteral("needs_sign_in"), a.needsSignIn},
                {QStringLiteral("signed_in_as"), a.signedInAs},
                {QStringLiteral("scopes"), QJsonArray::fromStringList(a.grantedScopes)},
                {QStringLiteral("token_expires_at"),
                 a.tokenExpiresAtMs > 0
                     ? QJsonValue(
                           QDateTime::fromMSecsSinceEpoch(a.tokenExpiresAtMs, Qt::UTC).toString(Qt::ISODateWithMs))
                     : QJsonValue()},
                {QStringLiteral("renews_itself"), a.renewable}};
            out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        } else {
            QString signedIn;
            if (!a.signedInAs.isEmpty())
                signedIn = QCoreApplication::translate("Cli", "  signed in as %1").arg(a.signedInAs);
            if (a.renewable)
                signedIn += QCoreApplication::translate("Cli", ", renews itself");
            else if (a.tokenExpiresAtMs > 0)
                signedIn += QCoreApplication::translate("Cli", ", expires %1")
                                .arg(dateTimeText(QDateTime::fromMSecsSinceEpoch(a.tokenExpiresAtMs)));
            out() << QCoreApplication::translate("Cli", "%1 %2  %3  token: %4%5%6")
                         .arg(toId(a.channel), a.accountId, url,
                              a.tokenEnv.isEmpty()
                                  ? QCoreApplication::translate("Cli", "system keychain")
                                  : QCoreApplication::translate("Cli", "environment variable %1").arg(shownEnvName(a)),
                              signedIn,
                              a.needsSignIn ? QCoreApplication::translate("Cli", "  (needs sign-in)") : QString())
                  << '\n';
        }
    }
    out().flush();
    return kOk;
}

int accountRemove(const Invocation &call)
{
    Channel channel{};
    QString id;
    if (int code = readAccountKey(call, channel, id); code != kOk)
        return code;
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    AccountStore store(*db);
    auto existing = store.find(channel, id);
    if (!existing)
        return fail(existing.failure());
    if (!existing->has_value()) {
        err() << QCoreApplication::translate("Cli", "There is no %1 account %2.").arg(toId(channel), id) << Qt::endl;
        return kFailure;
    }
    const bool inKeychain = existing->value().tokenEnv.isEmpty();
    if (call.parser.isSet(QStringLiteral("team"))) {
        accounts::KeychainTokenStore keychain;
        auto connection = teamOfCache(*db, keychain);
        if (!connection)
            return fail(connection.failure());
        if (Status s = team::withdrawAccount((*connection)->db(), existing->value()); !s)
            return fail(s.failure());
    }
    if (Status s = store.remove(channel, id); !s)
        return fail(s.failure());
    if (inKeychain) {
        accounts::KeychainTokenStore keychain;
        // Both slots of a signed-in account's credential (Credential.h).
        if (Status s = accounts::removeCredential(keychain, accounts::accountTokenKey(channel, id)); !s) {
            err() << QCoreApplication::translate(
                         "Cli", "Removed the %1 account %2, but its token could not be deleted from the "
                                "system keychain: %3. Delete the entry \"%4\" of the service \"%5\" with "
                                "the system's keychain tool.")
                         .arg(toId(channel), id, s.error(), accounts::accountTokenKey(channel, id),
                              accounts::KeychainTokenStore::serviceName())
                  << Qt::endl;
            return kFailure;
        }
    }
    out() << QCoreApplication::translate("Cli", "Removed the %1 account %2.").arg(toId(channel), id) << Qt::endl;
    return kOk;
}

int runAccount(const Invocation &call)
{
    const QString action = call.arguments.value(0);
    const QStringList actions{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("remove"),
                              QStringLiteral("sign-in"), QStringLiteral("app")};
    if (call.arguments.size() != 1 || !actions.contains(action))
        return usageError(
            QCoreApplication::translate("Cli", "account needs one action: sign-in, add, list, remove or app."));
    if (action == QLatin1String("sign-in"))
        return accountSignIn(call);
    if (action == QLatin1String("app"))
        return accountApp(call);
    if (action == QLatin1String("add"))
        return accountAdd(call);
    if (action == QLatin1String("list"))
        return accountList(call);
    return accountRemove(call);
}

} // namespace

QVector<Command> accountCommands()
{
    return {
        {QStringLiteral("account"),
         QCoreApplication::translate("Cli",
                                     "Sign in to X or Facebook, or add, list or remove the channel accounts to sync. "
                                     "sign-in opens the platform's sign-in page in the browser (or prints its address) "
                                     "and stores the tokens in the system keychain; app sets the company's app it "
                                     "signs in through. add reads an access token from standard input into the "
                                     "system keychain, or with --token-env keeps only the name of the environment "
                                     "variable that holds it."),
         QStringLiteral(
             "account sign-in --channel x|facebook [--no-browser] [--add all|IDS] [--wait SECONDS] | "
             "app --channel x|facebook [--client-id ID] [--exchange-url URL] [--authorize-url URL] [--token-url URL] "
             "[--api-url URL] [--redirect-port PORT] | "
             "add --channel facebook|instagram|x|google_play --id ACCOUNT_ID [--base-url URL] [--token-env NAME] "
             "[--team] | add --channel google_play --id PACKAGE --service-account-file KEY.json [--base-url URL] | "
             "add --channel app_store --id APP_ID --issuer-id ID --key-id ID --key-file FILE.p8 | "
             "list [--json] | remove --channel C --id ID [--team]"),
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(QStringLiteral("action"),
                                          QCoreApplication::translate("Cli", "sign-in, app, add, list or remove."),
                                          QCoreApplication::translate("Cli", "ACTION"));
             parser.addOption({QStringLiteral("channel"),
                               QCoreApplication::translate("Cli", "facebook, instagram, x, google_play or app_store."),
                               QCoreApplication::translate("Cli", "CHANNEL")});
             parser.addOption({QStringLiteral("id"),
                               QCoreApplication::translate("Cli", "The page, Instagram account or X user id; the "
                                                                  "app's package name on Google Play; the app id "
                                                                  "(a number) on App Store Connect."),
                               QCoreApplication::translate("Cli", "ACCOUNT_ID")});
             parser.addOption(
                 {QStringLiteral("base-url"),
                  QCoreApplication::translate("Cli", "The API's base URL (default: the real endpoint); https, "
                                                     "or http to this computer only."),
                  QCoreApplication::translate("Cli", "URL")});
             parser.addOption(
                 {QStringLiteral("token-env"),
                  QCoreApplication::translate("Cli", "Take the token from this environment variable at sync "
                                                     "time instead of the system keychain."),
                  QCoreApplication::translate("Cli", "NAME")});
             parser.addOption({QStringLiteral("issuer-id"),
                               QCoreApplication::translate("Cli", "app_store: the issuer id of the team's API keys "
                                                                  "(App Store Connect, Users and Access, "
                                                                  "Integrations)."),
                               QCoreApplication::translate("Cli", "ID")});
             parser.addOption({QStringLiteral("key-id"),
                               QCoreApplication::translate("Cli", "app_store: the id of the API key."),
                               QCoreApplication::translate("Cli", "ID")});
             parser.addOption({QStringLiteral("key-file"),
                               QCoreApplication::translate("Cli", "app_store: the API key's .p8 file; it is copied "
                                                                  "into the system keychain."),
                               QCoreApplication::translate("Cli", "FILE")});
             parser.addOption({QStringLiteral("service-account-file"),
                               QCoreApplication::translate("Cli", "google_play: sign in as a Google Cloud service "
                                                                  "account with its .json key file instead of an "
                                                                  "access token; the key is copied into the system "
                                                                  "keychain."),
                               QCoreApplication::translate("Cli", "FILE")});
             parser.addOption(
                 {QStringLiteral("json"), QCoreApplication::translate("Cli", "One JSON object per line.")});
             parser.addOption({QStringLiteral("team"),
                               QCoreApplication::translate("Cli", "add, remove: on the hub's cache joined to a team, "
                                                                  "also add the account to the team (every desktop "
                                                                  "lists it; the token stays here), or remove it.")});
             parser.addOption({QStringLiteral("no-browser"),
                               QCoreApplication::translate("Cli", "sign-in: print the sign-in address instead of "
                                                                  "opening the browser.")});
             parser.addOption({QStringLiteral("add"),
                               QCoreApplication::translate("Cli", "sign-in --channel facebook: the Pages and Instagram "
                                                                  "accounts to add, \"all\" or their ids separated by "
                                                                  "commas (default: asked on standard input)."),
                               QCoreApplication::translate("Cli", "IDS")});
             parser.addOption({QStringLiteral("wait"),
                               QCoreApplication::translate("Cli", "sign-in: how long to wait for the browser's answer "
                                                                  "(default 600 seconds)."),
                               QCoreApplication::translate("Cli", "SECONDS")});
             parser.addOption(
                 {QStringLiteral("client-id"),
                  QCoreApplication::translate("Cli", "app: the company's OAuth 2.0 client id (X) or app id "
                                                     "(Meta)."),
                  QCoreApplication::translate("Cli", "ID")});
             parser.addOption({QStringLiteral("exchange-url"),
                               QCoreApplication::translate("Cli", "app --channel facebook: the company's endpoint that "
                                                                  "swaps a short-lived user token for a long-lived one "
                                                                  "(it holds the app secret); empty to remove."),
                               QCoreApplication::translate("Cli", "URL")});
             parser.addOption({QStringLiteral("authorize-url"),
                               QCoreApplication::translate("Cli", "app: the consent page (default: the platform's)."),
                               QCoreApplication::translate("Cli", "URL")});
             parser.addOption({QStringLiteral("token-url"),
                               QCoreApplication::translate("Cli", "app: the token endpoint (default: the platform's)."),
                               QCoreApplication::translate("Cli", "URL")});
             parser.addOption({QStringLiteral("api-url"),
                               QCoreApplication::translate("Cli", "app: the API the sign-in asks who signed in "
                                                                  "(default: the platform's)."),
                               QCoreApplication::translate("Cli", "URL")});
             parser.addOption({QStringLiteral("redirect-port"),
                               QCoreApplication::translate("Cli", "app: a fixed port for the sign-in's redirect to "
                                                                  "127.0.0.1, when the app's registration needs one "
                                                                  "(0: any free port)."),
                               QCoreApplication::translate("Cli", "PORT")});
         },
         runAccount},
    };
}

} // namespace sportello::cli
