// moderate: hide or unhide a customer's comment on Facebook or Instagram from a script, through
// the same core as the console (outbox/Moderation.h), audited with the reason. See docs/cli.md.

#include "KeychainTokenStore.h"
#include "accounts/RenewingTokenStore.h"
#include "cli/Cli.h"
#include "common/Clock.h"
#include "outbox/Moderation.h"
#include "storage/Database.h"
#include "team/TeamMembership.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <optional>

namespace sportello::cli {

namespace {

int runModerate(const Invocation &call)
{
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
    if (*membership) {
        err() << QCoreApplication::translate("Cli", "This cache is in a team: only the hub talks to Facebook and "
                                                    "Instagram, and moderation through the hub is not available "
                                                    "yet. Hide the comment on the platform.")
              << Qt::endl;
        return kFailure;
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
                        "[--timeout SECONDS]"),
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(QStringLiteral("action"),
                                          QCoreApplication::translate("Cli", "hide or unhide."),
                                          QStringLiteral("hide|unhide"));
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
         },
         runModerate},
    };
}

} // namespace sportello::cli
