// hub: the team's only process that talks to the platforms, as a long-running service
// (packaging/sportello-hub.service). It syncs the accounts whose lease it holds into its cache,
// uploads their posts to the team database, and delivers the team's outbox exactly once across
// hubs. See docs/hub.md.

#include "cli/Cli.h"
#include "cli/InterruptWatcher.h"

#include "KeychainTokenStore.h"
#include "accounts/Accounts.h"
#include "accounts/RenewingTokenStore.h"
#include "common/Clock.h"
#include "storage/Database.h"
#include "sync/SyncRunner.h"
#include "team/Hub.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace sportello::cli {

namespace {

// The hub's cache is a replica of the team database like a desktop's: it receives the desktops'
// decisions and outbox entries through the feed. A cache not joined yet is joined here with
// --team-url, --login and --password-env (the variable's name is kept, never its value).
Result<team::TeamMembership> ensureJoined(const Invocation &call, Database &cache, accounts::TokenStore &keychain)
{
    auto membership = team::TeamMembership::load(cache.connection());
    if (!membership)
        return membership.failure();
    if (membership->has_value())
        return membership->value();
    const QString urlText = call.parser.value(QStringLiteral("team-url"));
    if (urlText.trimmed().isEmpty())
        return Error{QCoreApplication::translate(
                         "Cli", "This cache is not joined to a team: join it with \"sportello-cli --database FILE team "
                                "join --url URL --login HUB_LOGIN\", or give --team-url URL and --login here."),
                     ErrorKind::InvalidInput};
    auto url = team::TeamUrl::parse(urlText);
    if (!url)
        return url.failure();
    if (call.parser.isSet(QStringLiteral("login")))
        *url = url->withUser(call.parser.value(QStringLiteral("login")));
    if (url->user.isEmpty())
        return Error{
            QCoreApplication::translate(
                "Cli", "Give the hub's login with --login (added with \"sportello-cli team agent add --role hub\")."),
            ErrorKind::InvalidInput};
    QString passwordEnv;
    QString password;
    if (call.parser.isSet(QStringLiteral("password-env"))) {
        passwordEnv = call.parser.value(QStringLiteral("password-env"));
        auto fromEnvironment = passwordFromEnvironment(QStringLiteral("password-env"), passwordEnv);
        if (!fromEnvironment)
            return fromEnvironment.failure();
        password = *fromEnvironment;
    } else if (auto stored = keychain.read(team::passwordKey(*url)); stored) {
        password = *stored;
    }
    return team::TeamReplica::join(cache, *url, url->user, passwordEnv, password,
                                   QDateTime::currentMSecsSinceEpoch());
}

void printRound(const team::HubRoundReport &report)
{
    const QString when = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    out() << QCoreApplication::translate(
                 "Cli",
                 "%1 hub round: %2 accounts served here, %3 by another hub; %4 new posts fetched, %5 posts sent to "
                 "the team database (%6 new there).")
                 .arg(when)
                 .arg(report.accountsHeld.size())
                 .arg(report.accountsOther.size())
                 .arg(report.sync.postsAdded())
                 .arg(report.posts.sent)
                 .arg(report.posts.inserted)
          << Qt::endl;
    if (!report.sync.error.isEmpty())
        err() << QCoreApplication::translate("Cli", "The sync could not start: %1").arg(report.sync.error) << Qt::endl;
    for (const sync::AccountSyncReport &a : report.sync.accounts)
        if (!a.ok())
            err() << QCoreApplication::translate("Cli", "%1 %2: %3. %4")
                         .arg(toId(a.channel), a.accountId, sync::describe(a.outcome), a.error)
                  << Qt::endl;
    if (report.recovered.readBack > 0)
        out() << QCoreApplication::translate(
                     "Cli", "%n outbox entries left in flight by a stopped hub are read back before any resend.",
                     nullptr, report.recovered.readBack)
              << Qt::endl;
    if (report.drainRan)
        (report.drain.ok() ? out() : err())
            << QCoreApplication::translate("Cli", "Outbox: %1").arg(sync::describe(report.drain)) << Qt::endl;
    if (report.handoffUpdates > 0)
        out() << QCoreApplication::translate("Cli",
                                             "%n reports of customer care on hand-offs sent to the team database.",
                                             nullptr, report.handoffUpdates)
              << Qt::endl;
    for (const QString &error : report.errors)
        err() << error << Qt::endl;
}

int runHub(const Invocation &call)
{
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "hub takes no arguments."));
    const bool once = call.parser.isSet(QStringLiteral("once"));
    int intervalSeconds = 60;
    if (call.parser.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        intervalSeconds = call.parser.value(QStringLiteral("interval")).toInt(&ok);
        if (!ok || intervalSeconds < 1)
            return usageError(QCoreApplication::translate("Cli", "--interval needs a number of seconds, 1 or more."));
    }

    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const SystemClock clock;
    QNetworkAccessManager network;
    accounts::KeychainTokenStore systemKeychain;
    // Signed-in X tokens are renewed before the sync and the outbox use them.
    // The renewal locks next to the hub's cache: a service writes nowhere else.
    const QString lockDirectory = call.databasePath.isEmpty()
                                      ? accounts::RenewingTokenStore::defaultLockDirectory()
                                      : QFileInfo(call.databasePath).dir().filePath(QStringLiteral("locks"));
    accounts::RenewingTokenStore keychain(systemKeychain, clock, lockDirectory);
    keychain.setAccountsDatabase(&*db);
    auto membership = ensureJoined(call, *db, systemKeychain);
    if (!membership)
        return fail(membership.failure());
    auto connection = membership->connect(&systemKeychain);
    if (!connection)
        return fail(connection.failure());
    if (auto schema = team::requireCurrentTeamSchema((*connection)->db()); !schema)
        return fail(schema.failure());
    // The feed brings the desktops' decisions and outbox entries into the hub's cache, between
    // deliveries (Hub calls it at its step of the round).
    team::TeamReplica replica(*db, clock, &systemKeychain);
    auto hubId = team::hubIdentity(*db);
    if (!hubId)
        return fail(hubId.failure());

    team::HubOptions options;
    // Rounds apart by the interval must not let the leases lapse in between.
    options.leaseTtlMs = std::max<qint64>(options.leaseTtlMs, 3LL * intervalSeconds * 1000);
    team::Hub hub(*db, (*connection)->db(), *hubId, &network, keychain, clock, options);
    hub.setPull([&replica]() -> Status {
        auto pulled = replica.pull();
        if (!pulled)
            return pulled.failure();
        return {};
    });

    QEventLoop loop;
    bool stopping = false;
    int lastCode = kOk;
    InterruptWatcher watcher([&] {
        stopping = true;
        err() << QCoreApplication::translate("Cli", "Stopping once the current page or delivery is done.") << Qt::endl;
        hub.requestStop();
    });
    QObject::connect(&hub, &team::Hub::roundFinished, &loop, [&](const team::HubRoundReport &report) {
        printRound(report);
        if (!report.interrupted)
            lastCode = report.ok() ? kOk : kFailure;
        if (once && !stopping)
            hub.requestStop();
    });
    QObject::connect(&hub, &team::Hub::stopped, &loop, &QEventLoop::quit);
    out() << QCoreApplication::translate("Cli", "Hub %1 serving the team database %2 as %3.")
                 .arg(*hubId, (*connection)->url().database, (*connection)->login())
          << Qt::endl;
    if (once)
        hub.runOnce();
    else
        hub.runEvery(intervalSeconds * 1000);
    loop.exec();
    // A clean stop on a signal is success; --once reports its round.
    return once ? lastCode : kOk;
}

} // namespace

QVector<Command> hubCommands()
{
    return {
        {QStringLiteral("hub"),
         QCoreApplication::translate(
             "Cli",
             "Serve a team: sync the accounts this hub holds, upload their posts to the team database and deliver "
             "the team's outbox. Runs until stopped (SIGTERM or Ctrl+C), or one round with --once."),
         QStringLiteral("hub [--once] [--interval SECONDS] [--team-url URL --login LOGIN [--password-env VAR]]"),
         [](QCommandLineParser &parser) {
             parser.addOption({QStringLiteral("once"),
                               QCoreApplication::translate("Cli", "One round, then exit; non-zero if it failed.")});
             parser.addOption({QStringLiteral("interval"),
                               QCoreApplication::translate("Cli", "Seconds between rounds (default 60)."),
                               QCoreApplication::translate("Cli", "SECONDS")});
             parser.addOption({QStringLiteral("team-url"),
                               QCoreApplication::translate(
                                   "Cli", "The team database, as postgresql://HOST:PORT/DATABASE?sslmode=verify-full."),
                               QCoreApplication::translate("Cli", "URL")});
             parser.addOption({QStringLiteral("login"),
                               QCoreApplication::translate("Cli", "The hub's login in the team database."),
                               QCoreApplication::translate("Cli", "LOGIN")});
             parser.addOption(
                 {QStringLiteral("password-env"),
                  QCoreApplication::translate(
                      "Cli", "The environment variable holding the login's password (default: the keychain)."),
                  QCoreApplication::translate("Cli", "VAR")});
         },
         runHub},
    };
}

} // namespace sportello::cli
