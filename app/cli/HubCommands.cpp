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
#include "team/HubIntake.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "team/TeamSchema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <memory>
#include <optional>

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

// The intake's options (docs/hub.md, "Intake"): --intake-listen HOST:PORT, the TLS files, and
// the secrets by the names of the environment variables holding them (a service has no keychain;
// the values never appear on the command line, where every user of the machine could read them).
Result<std::optional<team::IntakeOptions>> intakeOptions(const Invocation &call)
{
    const auto usage = [](const QString &message) { return Error{message, ErrorKind::InvalidInput}; };
    const QStringList apps = call.parser.values(QStringLiteral("intake-app"));
    const bool care = call.parser.isSet(QStringLiteral("care-secret-env"));
    if (!call.parser.isSet(QStringLiteral("intake-listen"))) {
        if (!apps.isEmpty() || care || call.parser.isSet(QStringLiteral("intake-cert")) ||
            call.parser.isSet(QStringLiteral("intake-key")))
            return usage(QCoreApplication::translate("Cli", "The intake's options need --intake-listen HOST:PORT."));
        return std::optional<team::IntakeOptions>();
    }
    team::IntakeOptions options;
    const QString listen = call.parser.value(QStringLiteral("intake-listen")).trimmed();
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    QString host = colon > 0 ? listen.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!portOk || port < 1 || port > 65535 || !options.address.setAddress(host))
        return usage(QCoreApplication::translate(
                         "Cli", "--intake-listen needs an IP address and a port, like 0.0.0.0:8443 or [::1]:8080: %1")
                         .arg(listen));
    options.port = quint16(port);
    options.certificateFile = call.parser.value(QStringLiteral("intake-cert"));
    options.keyFile = call.parser.value(QStringLiteral("intake-key"));
    // Refused here, before the team is joined; listen() checks the same for other callers.
    if (options.certificateFile.isEmpty() != options.keyFile.isEmpty())
        return usage(QCoreApplication::translate("Cli", "--intake-cert and --intake-key go together."));
    if (options.certificateFile.isEmpty() && !options.address.isLoopback())
        return usage(QCoreApplication::translate(
                         "Cli", "The intake listens on %1 only with TLS: give --intake-cert and --intake-key (plain "
                                "HTTP is served on a loopback address only).")
                         .arg(options.address.toString()));
    for (const QString &app : apps) {
        const qsizetype equals = app.indexOf(QLatin1Char('='));
        const QString name = app.left(equals);
        if (equals <= 0 || !team::isValidIntakeAppName(name))
            return usage(QCoreApplication::translate(
                             "Cli", "--intake-app needs APP=VAR: the app's name (letters, digits, dots, dashes, "
                                    "underscores) and the environment variable holding its secret: %1")
                             .arg(app));
        if (options.appSecrets.contains(name))
            return usage(QCoreApplication::translate("Cli", "The app %1 is given twice.").arg(name));
        auto secret = passwordFromEnvironment(QStringLiteral("intake-app"), app.mid(equals + 1));
        if (!secret)
            return secret.failure();
        options.appSecrets.insert(name, secret->toUtf8());
    }
    if (care) {
        auto secret = passwordFromEnvironment(QStringLiteral("care-secret-env"),
                                              call.parser.value(QStringLiteral("care-secret-env")));
        if (!secret)
            return secret.failure();
        options.careSecret = secret->toUtf8();
    }
    if (options.appSecrets.isEmpty() && options.careSecret.isEmpty())
        return usage(QCoreApplication::translate(
            "Cli", "The intake serves nobody: give --intake-app APP=VAR and/or --care-secret-env VAR."));
    return std::optional<team::IntakeOptions>(options);
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
                     "Cli", "%Ln outbox entries left in flight by a stopped hub are read back before any resend.",
                     nullptr, report.recovered.readBack)
              << Qt::endl;
    if (report.drainRan)
        (report.drain.ok() ? out() : err())
            << QCoreApplication::translate("Cli", "Outbox: %1").arg(sync::describe(report.drain)) << Qt::endl;
    if (report.handoffUpdates > 0)
        out() << QCoreApplication::translate("Cli",
                                             "%Ln reports of customer care on hand-offs sent to the team database.",
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

    auto intake = intakeOptions(call);
    if (!intake)
        return intake.errorKind() == ErrorKind::InvalidInput ? usageError(intake.error()) : fail(intake.failure());

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

    // The intake serves between the round's steps, in the same event loop, on the same cache: what it
    // stores goes up with the next round's upload.
    std::unique_ptr<team::HubIntake> listener;
    if (*intake) {
        listener = std::make_unique<team::HubIntake>(*db, clock, **intake);
        if (Status s = listener->listen(); !s)
            return fail(s.failure());
        QStringList apps = (*intake)->appSecrets.keys();
        apps.sort();
        out() << QCoreApplication::translate("Cli", "Intake listening on %1://%2:%3 for the apps %4; care's status "
                                                    "callback %5.")
                     .arg(listener->isTls() ? QStringLiteral("https") : QStringLiteral("http"),
                          (*intake)->address.protocol() == QAbstractSocket::IPv6Protocol
                              ? QStringLiteral("[%1]").arg((*intake)->address.toString())
                              : (*intake)->address.toString())
                     .arg(listener->port())
                     .arg(apps.isEmpty() ? QStringLiteral("-") : apps.join(QStringLiteral(", ")),
                          (*intake)->careSecret.isEmpty() ? QCoreApplication::translate("Cli", "off")
                                                          : QCoreApplication::translate("Cli", "on"))
              << Qt::endl;
    }

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
         QStringLiteral("hub [--once] [--interval SECONDS] [--team-url URL --login LOGIN [--password-env VAR]] "
                        "[--intake-listen HOST:PORT [--intake-cert FILE --intake-key FILE] [--intake-app APP=VAR]... "
                        "[--care-secret-env VAR]]"),
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
             parser.addOption({QStringLiteral("intake-listen"),
                               QCoreApplication::translate(
                                   "Cli", "Accept in-app messages and care's status callbacks over HTTPS on this "
                                          "address and port (docs/hub.md, \"Intake\")."),
                               QCoreApplication::translate("Cli", "HOST:PORT")});
             parser.addOption({QStringLiteral("intake-cert"),
                               QCoreApplication::translate(
                                   "Cli", "The intake's TLS certificate (PEM, with its chain); required unless it "
                                          "listens on a loopback address."),
                               QCoreApplication::translate("Cli", "FILE")});
             parser.addOption({QStringLiteral("intake-key"),
                               QCoreApplication::translate("Cli", "The certificate's private key (PEM, unencrypted)."),
                               QCoreApplication::translate("Cli", "FILE")});
             parser.addOption(
                 {QStringLiteral("intake-app"),
                  QCoreApplication::translate("Cli", "An app whose backend may post messages, and the environment "
                                                     "variable holding its secret (repeat for each app)."),
                  QCoreApplication::translate("Cli", "APP=VAR")});
             parser.addOption({QStringLiteral("care-secret-env"),
                               QCoreApplication::translate(
                                   "Cli", "The environment variable holding customer care's secret for the status "
                                          "callback."),
                               QCoreApplication::translate("Cli", "VAR")});
         },
         runHub},
    };
}

} // namespace sportello::cli
