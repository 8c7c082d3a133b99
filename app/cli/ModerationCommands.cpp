// moderate: hide or unhide a customer's comment on Facebook or Instagram from a script, through
// the same core as the console (outbox/Moderation.h), audited with the reason; in a team, a request
// the hub performs (team/TeamModeration.h). See docs/cli.md.

#include "KeychainTokenStore.h"
#include "accounts/RenewingTokenStore.h"
#include "cli/Cli.h"
#include "common/Clock.h"
#include "common/LocaleText.h"
#include "outbox/Moderation.h"
#include "storage/Database.h"
#include "team/TeamMembership.h"
#include "team/TeamModeration.h"
#include "team/TeamReplica.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QThread>
#include <optional>

namespace sportello::cli {

namespace {

// One request as `moderate status` and --wait show it.
QString requestLine(const team::TeamModerationRequest &r)
{
    return QCoreApplication::translate("Cli", "%1  %2 %3 comment %4 (%5): %6")
        .arg(dateTimeText(QDateTime::fromMSecsSinceEpoch(r.requestedAtMs)), toId(r.action), toId(r.channel),
             r.commentId, r.agentName, team::describeModerationState(r));
}

// The requests for the hub this cache holds: this desktop's, or everyone's with --all.
int runModerateStatus(const Invocation &call)
{
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto requests = team::listModerationRequests(*db, !call.parser.isSet(QStringLiteral("all")), 200);
    if (!requests)
        return fail(requests.failure());
    if (requests->isEmpty()) {
        out() << QCoreApplication::translate("Cli", "No moderation request for the hub.") << Qt::endl;
        return kOk;
    }
    for (const team::TeamModerationRequest &r : requests.value())
        out() << requestLine(r) << '\n';
    out().flush();
    return kOk;
}

// In a team: the request is recorded for the hub and pushed at once (or with the next sync when
// the team database cannot be reached); with --wait, the feed is read until the hub settles it.
int requestThroughHub(Database &db, const outbox::ModerationRequest &request, const QString &commentId,
                      int waitSeconds)
{
    const SystemClock clock;
    auto id = team::requestModerationThroughHub(db, request, clock.nowMs());
    if (!id) {
        if (id.errorKind() == ErrorKind::Conflict) {
            out() << id.error() << Qt::endl;
            return kNothingToDo;
        }
        err() << QCoreApplication::translate("Cli", "Comment %1: %2").arg(commentId, id.error()) << Qt::endl;
        return exitCodeFor(id.errorKind());
    }
    accounts::KeychainTokenStore keychain;
    team::TeamReplica replica(db, clock, &keychain);
    auto pushed = replica.push();
    if (!pushed) {
        out() << QCoreApplication::translate("Cli", "Comment %1: the request for the hub is recorded and goes up with "
                                                    "the next sync (the team database cannot be reached: %2).")
                     .arg(commentId, pushed.error())
              << Qt::endl;
        return waitSeconds > 0 ? kBusy : kOk;
    }
    // The team may have refused it for good in this very push (outside staff, a colleague's
    // request on the same comment): said now, not as if it had gone to the hub.
    if (auto stored = team::findModerationRequest(db, *id); stored && *stored && !(*stored)->open()) {
        err() << QCoreApplication::translate("Cli", "Comment %1: %2").arg(commentId, (*stored)->explanation)
              << Qt::endl;
        return kFailure;
    }
    out() << QCoreApplication::translate("Cli", "Comment %1: sent to the hub, which asks %2 (request %3).")
                 .arg(commentId, label(request.target.channel), *id)
          << Qt::endl;
    if (waitSeconds <= 0)
        return kOk;
    QDeadlineTimer deadline(qint64(waitSeconds) * 1000);
    for (;;) {
        auto synced = replica.syncOnce();
        auto found = team::findModerationRequest(db, *id);
        if (!found)
            return fail(found.failure());
        if (*found && !(*found)->open()) {
            const team::TeamModerationRequest &settled = **found;
            if (settled.state == QLatin1String("done")) {
                out() << (request.action == outbox::ModerationAction::Hide
                              ? QCoreApplication::translate("Cli", "Comment %1 is hidden on %2 (thread #%3).")
                              : QCoreApplication::translate("Cli", "Comment %1 is visible again on %2 (thread #%3)."))
                             .arg(commentId, label(request.target.channel))
                             .arg(request.target.threadId)
                      << Qt::endl;
                return kOk;
            }
            err() << QCoreApplication::translate("Cli", "Comment %1: %2").arg(commentId, settled.explanation)
                  << Qt::endl;
            return kFailure;
        }
        if (deadline.hasExpired()) {
            const QString state = *found ? team::describeModerationState(**found) : QString();
            err() << QCoreApplication::translate("Cli", "Comment %1: no answer from the hub in %2 s (%3); "
                                                        "`sportello-cli moderate status` shows it later.")
                         .arg(commentId)
                         .arg(waitSeconds)
                         .arg(synced ? state : synced.error())
                  << Qt::endl;
            return kBusy;
        }
        QThread::msleep(500);
    }
}

// In a team: cancels the comment's request for the hub while no hub has taken it up. Exit 0
// cancelled, 3 nothing open (or settled meanwhile), 1 refused (claimed: the hub is performing it; a
// colleague's request and this login an agent), 4 the team database cannot be reached.
int runModerateCancel(const Invocation &call)
{
    if (call.arguments.size() != 2)
        return usageError(QCoreApplication::translate("Cli", "moderate cancel needs the comment's id on the "
                                                             "platform."));
    std::optional<Channel> channel;
    if (call.parser.isSet(QStringLiteral("channel"))) {
        channel = channelFromId(call.parser.value(QStringLiteral("channel")).trimmed().toLower());
        if (!channel || !outbox::channelCanHideComments(*channel))
            return usageError(QCoreApplication::translate("Cli", "--channel must be facebook or instagram."));
    }
    QString agentName = call.parser.value(QStringLiteral("agent")).trimmed();
    if (agentName.isEmpty())
        agentName = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")).trimmed();
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto membership = team::TeamMembership::load(db->connection());
    if (!membership)
        return fail(membership.failure());
    if (!*membership)
        return usageError(QCoreApplication::translate("Cli", "moderate cancel is for a cache in a team: alone, a "
                                                             "moderation is performed at once."));
    const QString commentId = call.arguments.at(1).trimmed();
    const SystemClock clock;
    accounts::KeychainTokenStore keychain;
    // One of this desktop's that has not gone up yet is withdrawn here, before a sync would push it.
    auto unpushed = team::openModerationRequests(*db, commentId, channel);
    if (!unpushed)
        return fail(unpushed.failure());
    for (const team::TeamModerationRequest &r : *unpushed) {
        if (r.teamState != QLatin1String("to_push") || unpushed->size() > 1)
            continue;
        auto withdrawn = team::withdrawModerationRequest(*db, r.id, agentName, clock.nowMs());
        if (!withdrawn)
            return fail(withdrawn.failure());
        if (*withdrawn) {
            out() << QCoreApplication::translate("Cli", "Comment %1: the request had not gone up to the team; it is "
                                                        "cancelled.")
                         .arg(commentId)
                  << Qt::endl;
            return kOk;
        }
    }
    team::TeamReplica replica(*db, clock, &keychain);
    // What the team holds now (a colleague's request, a claim, an expiry), when it can be reached.
    const auto synced = replica.syncOnce();
    auto open = team::openModerationRequests(*db, commentId, channel);
    if (!open)
        return fail(open.failure());
    if (open->isEmpty()) {
        out() << QCoreApplication::translate("Cli", "Comment %1: no request for the hub is open.").arg(commentId)
              << Qt::endl;
        return kNothingToDo;
    }
    if (open->size() > 1) {
        err() << QCoreApplication::translate("Cli", "\"%1\" has open requests on %2 channels; give --channel to "
                                                    "choose one.")
                     .arg(commentId)
                     .arg(open->size())
              << Qt::endl;
        return kUsage;
    }
    const team::TeamModerationRequest &request = open->first();
    if (request.state == QLatin1String("in_progress")) {
        err() << QCoreApplication::translate("Cli", "Comment %1: the hub is already performing the request (%2): it "
                                                    "can no longer be cancelled.")
                     .arg(commentId, request.hubId)
              << Qt::endl;
        return kFailure;
    }
    if (!synced) {
        err() << QCoreApplication::translate("Cli", "Comment %1: the team database cannot be reached (%2); nothing "
                                                    "was cancelled.")
                     .arg(commentId, synced.error())
              << Qt::endl;
        return kBusy;
    }
    auto cancelled = team::cancelModerationRequestInTeam(replica.teamDatabase(), request.id);
    if (!cancelled) {
        err() << QCoreApplication::translate("Cli", "Comment %1: %2").arg(commentId, cancelled.error()) << Qt::endl;
        return cancelled.errorKind() == ErrorKind::Network ? kBusy : kFailure;
    }
    // The cancellation comes back down the feed like any settlement: pulled now for `status` (a
    // failure leaves it for the next sync; the team has it cancelled either way).
    (void)replica.syncOnce();
    if (*cancelled == team::ModerationCancel::AlreadySettled) {
        auto settled = team::findModerationRequest(*db, request.id);
        out() << QCoreApplication::translate("Cli", "Comment %1: the request was settled meanwhile (%2).")
                     .arg(commentId, settled && *settled ? team::describeModerationState(**settled) : QString())
              << Qt::endl;
        return kNothingToDo;
    }
    out() << QCoreApplication::translate("Cli", "Comment %1: the request to the hub is cancelled.").arg(commentId)
          << Qt::endl;
    return kOk;
}

int runModerate(const Invocation &call)
{
    if (call.arguments.size() == 1 && call.arguments.at(0).trimmed().toLower() == QLatin1String("status"))
        return runModerateStatus(call);
    if (!call.arguments.isEmpty() && call.arguments.at(0).trimmed().toLower() == QLatin1String("cancel"))
        return runModerateCancel(call);
    if (call.arguments.size() != 2)
        return usageError(QCoreApplication::translate("Cli", "moderate needs hide or unhide, then the comment's id on "
                                                             "the platform."));
    const QString verb = call.arguments.at(0).trimmed().toLower();
    if (verb != QLatin1String("hide") && verb != QLatin1String("unhide"))
        return usageError(QCoreApplication::translate("Cli", "Unknown moderation \"%1\" (expected hide or unhide).")
                              .arg(call.arguments.at(0)));
    const outbox::ModerationAction action =
        verb == QLatin1String("hide") ? outbox::ModerationAction::Hide : outbox::ModerationAction::Unhide;
    const QCommandLineParser &p = call.parser;
    if (!p.isSet(QStringLiteral("reason")))
        return usageError(QCoreApplication::translate("Cli", "moderate needs --reason (%1): the audit trail records "
                                                             "why.")
                              .arg(outbox::allModerationReasonIds().join(QStringLiteral(", "))));
    QString reasonId = p.value(QStringLiteral("reason")).trimmed().toLower();
    reasonId.replace(QLatin1Char('-'), QLatin1Char('_'));
    const auto reason = outbox::moderationReasonFromId(reasonId);
    if (!reason)
        return usageError(
            QCoreApplication::translate("Cli", "Unknown reason \"%1\" (expected %2).")
                .arg(p.value(QStringLiteral("reason")), outbox::allModerationReasonIds().join(QStringLiteral(", "))));
    std::optional<Channel> channel;
    if (p.isSet(QStringLiteral("channel"))) {
        channel = channelFromId(p.value(QStringLiteral("channel")).trimmed().toLower());
        if (!channel || !outbox::channelCanHideComments(*channel))
            return usageError(QCoreApplication::translate("Cli", "--channel must be facebook or instagram."));
    }
    QString agentName = p.value(QStringLiteral("agent")).trimmed();
    if (agentName.isEmpty())
        agentName = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")).trimmed();
    if (agentName.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "moderate needs --agent NAME: every moderation is "
                                                             "recorded with its agent."));
    int timeoutSeconds = 30;
    if (p.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        timeoutSeconds = p.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || timeoutSeconds < 1)
            return usageError(QCoreApplication::translate("Cli", "--timeout needs a number of seconds, 1 or more."));
    }

    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto membership = team::TeamMembership::load(db->connection());
    if (!membership)
        return fail(membership.failure());
    int waitSeconds = 0;
    if (p.isSet(QStringLiteral("wait"))) {
        bool ok = false;
        waitSeconds = p.value(QStringLiteral("wait")).toInt(&ok);
        if (!ok || waitSeconds < 1)
            return usageError(QCoreApplication::translate("Cli", "--wait needs a number of seconds, 1 or more."));
        if (!*membership)
            return usageError(QCoreApplication::translate("Cli", "--wait is for a cache in a team, where the hub "
                                                                 "performs the request."));
    }
    const QString commentId = call.arguments.at(1).trimmed();
    auto matches = outbox::findModerationTargets(*db, commentId, channel);
    if (!matches)
        return fail(matches.failure());
    if (matches->isEmpty()) {
        err() << QCoreApplication::translate("Cli", "No Facebook or Instagram post in the cache has the id \"%1\".")
                     .arg(commentId)
              << Qt::endl;
        return kFailure;
    }
    if (matches->size() > 1) {
        err() << QCoreApplication::translate("Cli", "\"%1\" names %2 posts; give --channel to choose one:")
                     .arg(commentId)
                     .arg(matches->size())
              << '\n';
        for (const outbox::ModerationTarget &t : matches.value())
            err() << QCoreApplication::translate("Cli", "  %1, thread #%2, @%3")
                         .arg(toId(t.channel))
                         .arg(t.threadId)
                         .arg(t.authorHandle)
                  << '\n';
        err().flush();
        return kUsage;
    }

    outbox::ModerationRequest request;
    request.target = matches->first();
    request.action = action;
    request.reason = *reason;
    request.note = p.value(QStringLiteral("note"));
    request.agent = Agent{QStringLiteral("cli:") + agentName, agentName};
    if (Status valid = outbox::checkModerationRequest(request); !valid)
        return usageError(valid.error());
    // Only the hub holds the platforms' tokens in a team: it performs the request.
    if (*membership)
        return requestThroughHub(*db, request, commentId, waitSeconds);

    const SystemClock clock;
    QNetworkAccessManager network;
    accounts::KeychainTokenStore systemKeychain;
    accounts::RenewingTokenStore keychain(systemKeychain, clock, accounts::RenewingTokenStore::defaultLockDirectory());
    keychain.setAccountsDatabase(&*db);
    outbox::CommentModerator moderator(*db, &network, keychain, clock);
    moderator.setTimeoutMs(timeoutSeconds * 1000);
    QEventLoop loop;
    std::optional<Status> result;
    moderator.moderate(request, [&](const Status &status) {
        result = status;
        loop.quit();
    });
    // A refusal before any request comes back at once, before the loop would run.
    if (!result)
        loop.exec();
    if (!*result) {
        // Already in that state: nothing to do, as `team release` says when there is no claim.
        if (result->errorKind() == ErrorKind::Conflict) {
            out() << result->error() << Qt::endl;
            return kNothingToDo;
        }
        err() << QCoreApplication::translate("Cli", "Comment %1: %2").arg(commentId, result->error()) << Qt::endl;
        return exitCodeFor(result->errorKind());
    }
    out() << (action == outbox::ModerationAction::Hide
                  ? QCoreApplication::translate("Cli", "Comment %1 is hidden on %2 (thread #%3).")
                  : QCoreApplication::translate("Cli", "Comment %1 is visible again on %2 (thread #%3)."))
                 .arg(commentId, label(request.target.channel))
                 .arg(request.target.threadId)
          << Qt::endl;
    return kOk;
}

} // namespace

QVector<Command> moderationCommands()
{
    return {
        {QStringLiteral("moderate"),
         QCoreApplication::translate("Cli", "Hide a customer's comment on Facebook or Instagram, or show it again, "
                                            "with the reason in the audit trail."),
         QStringLiteral("moderate hide|unhide COMMENT_ID --reason R [--note TEXT] [--channel C] [--agent NAME] "
                        "[--timeout SECONDS] [--wait SECONDS] | moderate status [--all] | moderate cancel COMMENT_ID "
                        "[--channel C] [--agent NAME]"),
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(QStringLiteral("action"),
                                          QCoreApplication::translate("Cli", "hide or unhide (or, in a team, status: "
                                                                             "the requests for the hub; cancel: "
                                                                             "withdraw the comment's pending one)."),
                                          QStringLiteral("hide|unhide|status|cancel"));
             parser.addPositionalArgument(QStringLiteral("comment"),
                                          QCoreApplication::translate("Cli", "The comment's id on the platform."),
                                          QCoreApplication::translate("Cli", "COMMENT_ID"));
             parser.addOption({QStringLiteral("reason"),
                               QCoreApplication::translate("Cli", "Why: personal_data, offensive, spam or other."),
                               QCoreApplication::translate("Cli", "R")});
             parser.addOption({QStringLiteral("note"),
                               QCoreApplication::translate("Cli", "The agent's note for the audit trail (required "
                                                                  "with --reason other; at most 200 characters)."),
                               QCoreApplication::translate("Cli", "TEXT")});
             parser.addOption({QStringLiteral("channel"),
                               QCoreApplication::translate("Cli", "Look the comment up on this channel only."),
                               QCoreApplication::translate("Cli", "CHANNEL")});
             parser.addOption({QStringLiteral("agent"),
                               QCoreApplication::translate("Cli", "Who moderates (default: the system user name)."),
                               QCoreApplication::translate("Cli", "NAME")});
             parser.addOption({QStringLiteral("timeout"),
                               QCoreApplication::translate("Cli", "Seconds to wait for each answer (default 30)."),
                               QCoreApplication::translate("Cli", "SECONDS")});
             parser.addOption({QStringLiteral("wait"),
                               QCoreApplication::translate("Cli", "In a team: wait this long for the hub's outcome "
                                                                  "(exit 0 done, 1 refused, 4 no answer yet)."),
                               QCoreApplication::translate("Cli", "SECONDS")});
             parser.addOption({QStringLiteral("all"),
                               QCoreApplication::translate("Cli", "With status: the whole team's requests, not only "
                                                                  "this desktop's.")});
         },
         runModerate},
    };
}

} // namespace sportello::cli
