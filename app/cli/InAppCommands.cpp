// inapp: the mobile app's support messages on a desktop alone, from a folder the app backend
// fills (fileimport/InAppInbox.h). See docs/cli.md and docs/import.md, "In-app inbox".

#include "cli/Cli.h"
#include "domain/Domain.h"
#include "fileimport/InAppInbox.h"
#include "outbox/InAppReplies.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDir>

namespace sportello::cli {

namespace {

// One destination, as "inapp replies" shows it after a colon.
QString describe(const outbox::InAppReplySettings &settings)
{
    if (!settings.webhook.isEmpty())
        return QCoreApplication::translate("Cli", "the webhook %1").arg(settings.webhook);
    return QDir::toNativeSeparators(settings.folder);
}

// An app's own destination, in a whole sentence (a translation may not compose "go to" with either).
QString ownDestination(const outbox::InAppReplySettings &route)
{
    if (!route.webhook.isEmpty())
        return QCoreApplication::translate("Cli", "Replies to %1 go to the webhook %2.").arg(route.app, route.webhook);
    return QCoreApplication::translate("Cli", "Replies to %1 are written into %2.")
        .arg(route.app, QDir::toNativeSeparators(route.folder));
}

// inapp replies [--app APP] [webhook URL | folder FOLDER | clear]: where replies to in-app
// messages go, the default or one app's own.
int runReplies(const Invocation &call)
{
    const QString how = call.arguments.value(1);
    const bool setting = !how.isEmpty();
    if ((how == QLatin1String("webhook") || how == QLatin1String("folder"))
            ? call.arguments.size() != 3
            : call.arguments.size() > 2 || (setting && how != QLatin1String("clear")))
        return usageError(QCoreApplication::translate("Cli", "inapp replies takes webhook URL, folder FOLDER or "
                                                             "clear (nothing: show where replies go)."));
    const bool forApp = call.parser.isSet(QStringLiteral("app"));
    const QString app = call.parser.value(QStringLiteral("app"));
    if (forApp && !isValidInAppName(app))
        return usageError(QCoreApplication::translate("Cli", "--app takes the app's name: 1 to 64 letters, digits, "
                                                             "dots, dashes or underscores."));
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    Status changed;
    if (forApp && setting) {
        changed = outbox::setInAppReplyRoute(*db, app, how == QLatin1String("webhook") ? call.arguments.at(2) : QString(),
                                             how == QLatin1String("folder") ? QDir(call.arguments.at(2)).absolutePath()
                                                                            : QString());
    } else if (how == QLatin1String("webhook")) {
        changed = outbox::setInAppReplyWebhook(*db, call.arguments.at(2));
        if (changed)
            changed = outbox::setInAppReplyFolder(*db, QString());
    } else if (how == QLatin1String("folder")) {
        changed = outbox::setInAppReplyFolder(*db, QDir(call.arguments.at(2)).absolutePath());
        if (changed)
            changed = outbox::setInAppReplyWebhook(*db, QString());
    } else if (how == QLatin1String("clear")) {
        changed = outbox::setInAppReplyWebhook(*db, QString());
        if (changed)
            changed = outbox::setInAppReplyFolder(*db, QString());
    }
    if (!changed)
        return changed.errorKind() == ErrorKind::InvalidInput ? usageError(changed.error()) : fail(changed.failure());
    if (forApp) {
        auto settings = outbox::readInAppReplySettings(*db, app);
        if (!settings)
            return fail(settings.failure());
        if (!settings->app.isEmpty())
            out() << ownDestination(*settings) << Qt::endl;
        else if (settings->configured())
            out() << QCoreApplication::translate("Cli", "Replies to %1 go where the other apps' go: %2.")
                         .arg(app, describe(*settings))
                  << Qt::endl;
        else
            out() << QCoreApplication::translate("Cli", "Replies to %1 have nowhere to go yet.").arg(app) << Qt::endl;
        return kOk;
    }
    auto settings = outbox::readInAppReplySettings(*db);
    if (!settings)
        return fail(settings.failure());
    if (!settings->webhook.isEmpty())
        out() << QCoreApplication::translate("Cli", "Replies go to the webhook %1.").arg(settings->webhook) << Qt::endl;
    else if (!settings->folder.isEmpty())
        out() << QCoreApplication::translate("Cli", "Replies are written into %1.")
                     .arg(QDir::toNativeSeparators(settings->folder))
              << Qt::endl;
    else
        out() << QCoreApplication::translate("Cli", "Replies to in-app messages have nowhere to go yet.") << Qt::endl;
    // The apps with their own destination, after the default the others use.
    auto routes = outbox::readInAppReplyRoutes(*db);
    if (!routes)
        return fail(routes.failure());
    for (const outbox::InAppReplySettings &route : std::as_const(*routes))
        out() << ownDestination(route) << Qt::endl;
    return kOk;
}

int runInApp(const Invocation &call)
{
    const QString what = call.arguments.value(0);
    if (what == QLatin1String("folder")) {
        if (call.arguments.size() > 2)
            return usageError(QCoreApplication::translate("Cli", "inapp folder takes at most one FOLDER."));
        auto db = openDatabase(call.databasePath, false);
        if (!db)
            return db.exitCode();
        if (call.arguments.size() == 2 || call.parser.isSet(QStringLiteral("clear"))) {
            const QString folder =
                call.parser.isSet(QStringLiteral("clear")) ? QString() : QDir(call.arguments.at(1)).absolutePath();
            if (Status s = setInAppInboxFolder(*db, folder); !s)
                return s.errorKind() == ErrorKind::InvalidInput ? usageError(s.error()) : fail(s.failure());
        }
        auto folder = inAppInboxFolder(*db);
        if (!folder)
            return fail(folder.failure());
        out() << (folder->isEmpty() ? QCoreApplication::translate("Cli", "No in-app inbox is set.")
                                    : QDir::toNativeSeparators(*folder))
              << Qt::endl;
        return kOk;
    }
    if (what == QLatin1String("replies"))
        return runReplies(call);
    if (what != QLatin1String("scan") || call.arguments.size() != 1)
        return usageError(QCoreApplication::translate("Cli", "inapp needs scan, folder [FOLDER] or replies [...]."));
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    QString folder = call.parser.value(QStringLiteral("folder"));
    if (!folder.isEmpty())
        folder = QDir(folder).absolutePath();
    else if (auto configured = inAppInboxFolder(*db); !configured)
        return fail(configured.failure());
    else if (configured->isEmpty())
        return usageError(QCoreApplication::translate("Cli", "No in-app inbox is set: give --folder, or set one with "
                                                             "\"inapp folder FOLDER\"."));
    auto scan = scanInAppInbox(*db, folder);
    if (!scan)
        return fail(scan.failure());
    bool busy = false;
    for (const InboxFile &file : scan->files) {
        if (file.stored)
            out() << QCoreApplication::translate("Cli", "%1: %Ln new message(s).", nullptr, int(file.postsAdded))
                         .arg(file.name)
                  << Qt::endl;
        else if (file.leftForLater)
            err() << QCoreApplication::translate("Cli", "%1: left for the next scan: %2").arg(file.name, file.error)
                  << Qt::endl;
        else
            err() << QCoreApplication::translate("Cli", "%1: rejected (moved to %2): %3")
                         .arg(file.name, QDir::toNativeSeparators(file.movedTo), file.error)
                  << Qt::endl;
        busy = busy || file.leftForLater;
    }
    if (scan->files.isEmpty())
        out() << QCoreApplication::translate("Cli", "The in-app inbox holds no file.") << Qt::endl;
    if (scan->rejected > 0)
        return kFailure;
    return busy ? int(kBusy) : int(kOk);
}

} // namespace

QVector<Command> inAppCommands()
{
    return {
        {QStringLiteral("inapp"),
         QCoreApplication::translate("Cli", "Read the mobile app's support messages from the in-app inbox folder, "
                                            "set that folder, or set where replies go (a webhook or a folder)."),
         QStringLiteral("inapp scan [--folder FOLDER] | inapp folder [FOLDER | --clear] | "
                        "inapp replies [--app APP] [webhook URL | folder FOLDER | clear]"),
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(QStringLiteral("what"),
                                          QCoreApplication::translate("Cli", "scan, folder or replies."),
                                          QStringLiteral("scan|folder|replies"));
             parser.addOption({QStringLiteral("folder"),
                               QCoreApplication::translate("Cli", "Scan this folder instead of the one set."),
                               QCoreApplication::translate("Cli", "FOLDER")});
             parser.addOption({QStringLiteral("clear"),
                               QCoreApplication::translate("Cli", "With folder: no in-app inbox any more.")});
             parser.addOption({QStringLiteral("app"),
                               QCoreApplication::translate("Cli", "With replies: this app's own destination, used "
                                                                  "instead of the default for its threads."),
                               QCoreApplication::translate("Cli", "APP")});
         },
         runInApp},
    };
}

} // namespace sportello::cli
