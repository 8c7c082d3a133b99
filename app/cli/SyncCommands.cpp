// sync and decide: the network side of the cache from scripts and scheduled jobs. sync fetches
// every account's new posts (and delivers the outbox); decide takes a triage decision through the
// same service as the console. See docs/cli.md.

#include "cli/Cli.h"
#include "cli/InterruptWatcher.h"

#include "KeychainTokenStore.h"
#include "accounts/RenewingTokenStore.h"
#include "common/Clock.h"
#include "common/LocaleText.h"
#include "outbox/OutboxDispatcher.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "sync/SyncRunner.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "triage/TriageService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>
#include <algorithm>

namespace sportello::cli {

namespace {

using sync::AccountSyncReport;
using sync::SyncRunner;
using sync::SyncRunReport;

// Ctrl+C (or SIGTERM): the connector in flight stores the page it is fetching, then the command
// exits with 130 (cli/InterruptWatcher.h).

void printReport(const SyncRunReport &report)
{
    if (!report.error.isEmpty()) {
        err() << QCoreApplication::translate("Cli", "The sync could not start: %1").arg(report.error) << Qt::endl;
        return;
    }
    if (report.accounts.isEmpty())
        out() << QCoreApplication::translate("Cli",
                                             "No accounts are configured: add one with \"sportello-cli account add\".")
              << Qt::endl;
    int synced = 0;
    for (const AccountSyncReport &a : report.accounts) {
        const QString who = QStringLiteral("%1 %2").arg(toId(a.channel), a.accountId);
        if (a.outcome == AccountSyncReport::Outcome::Busy) { // reported, not an error
            out() << a.error << Qt::endl;
        } else if (a.ok()) {
            ++synced;
            out() << QCoreApplication::translate("Cli", "%1: %2 new posts, %3 already in the cache (pages read: %4).")
                         .arg(who)
                         .arg(a.result.postsAdded)
                         .arg(a.result.postsAlreadyPresent)
                         .arg(a.result.pages)
                  << Qt::endl;
        } else {
            if (a.result.pages > 0)
                out() << QCoreApplication::translate(
                             "Cli", "%1: %2 new posts stored before the sync stopped (pages read: %3).")
                             .arg(who)
                             .arg(a.result.postsAdded)
                             .arg(a.result.pages)
                      << Qt::endl;
            err() << QCoreApplication::translate("Cli", "%1: %2. %3").arg(who, sync::describe(a.outcome), a.error)
                  << Qt::endl;
        }
        for (const QString &partial : a.result.partialErrors)
            err() << QCoreApplication::translate("Cli", "%1: the platform reported: %2").arg(who, partial) << Qt::endl;
    }
    if (report.interrupted)
        err() << QCoreApplication::translate("Cli", "The pass was interrupted: what was fetched is stored, the rest "
                                                    "waits for the next sync.")
              << Qt::endl;
    if (report.drainRan)
        (report.drainOk ? out() : err()) << QCoreApplication::translate("Cli", "Outbox: %1").arg(report.drainSummary)
                                         << Qt::endl;
    out() << QCoreApplication::translate("Cli", "Sync finished in %1 s: %2 new posts; %3 of %4 accounts synced.")
                 .arg(double(report.elapsedMs) / 1000.0, 0, 'f', 1)
                 .arg(report.postsAdded())
                 .arg(synced)
                 .arg(report.accounts.size())
          << Qt::endl;
}

void printTeamReport(const team::SyncReport &report)
{
    out() << QCoreApplication::translate("Cli", "Team: %1 decisions went up (%2 held: a colleague decided first), %3 "
                                                "changes pulled in %4 pages; the cache holds the team's changes up to "
                                                "%5.")
                 .arg(report.push.decisions)
                 .arg(report.push.held)
                 .arg(report.pull.changes)
                 .arg(report.pull.pages)
                 .arg(report.pull.position)
          << Qt::endl;
    if (report.pull.deferred > 0)
        out() << QCoreApplication::translate("Cli", "%1 changes wait for what they belong to and are tried again at "
                                                    "the next sync.")
                     .arg(report.pull.deferred)
              << Qt::endl;
    if (report.push.customerChangesRefused > 0)
        err() << QCoreApplication::translate("Cli", "%1 customer changes (identity links, notes, policyholder "
                                                    "references) were refused by the team database (this login may "
                                                    "not share customers, or a value is not one the team takes). "
                                                    "They stay on this desktop.")
                     .arg(report.push.customerChangesRefused)
              << Qt::endl;
    if (report.push.handoffUpdatesRefused > 0)
        err() << QCoreApplication::translate("Cli", "%1 reports of customer care were refused by the team database "
                                                    "(a thread outside this login's scope, or a forward the team does "
                                                    "not hold). They stay on this desktop.")
                     .arg(report.push.handoffUpdatesRefused)
              << Qt::endl;
    for (const QString &error : report.errors)
        err() << error << Qt::endl;
}

// A cache joined to a team never calls the platforms (the hub does): a sync pushes its decisions
// and pulls the team's changes.
int runTeamSync(Database &db, bool once, int intervalSeconds)
{
    const SystemClock clock;
    accounts::KeychainTokenStore keychain;
    team::TeamReplica replica(db, clock, &keychain);
    auto pass = [&] {
        auto report = replica.syncOnce();
        if (!report) {
            err() << QCoreApplication::translate("Cli", "The team sync failed: %1").arg(report.error()) << Qt::endl;
            return exitCodeFor(report.errorKind());
        }
        printTeamReport(*report);
        return report->ok() ? int(kOk) : int(kFailure);
    };
    int lastCode = pass();
    if (once)
        return lastCode;
    QEventLoop loop;
    QTimer wait;
    bool interrupted = false;
    InterruptWatcher watcher([&] {
        interrupted = true;
        loop.quit();
    });
    QObject::connect(&wait, &QTimer::timeout, &loop, [&] { lastCode = pass(); });
    wait.start(intervalSeconds * 1000);
    loop.exec();
    return interrupted ? kInterrupted : lastCode;
}

int runSync(const Invocation &call)
{
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "sync takes no arguments."));
    const bool once = call.parser.isSet(QStringLiteral("once"));
    int intervalSeconds = 300;
    if (call.parser.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        intervalSeconds = call.parser.value(QStringLiteral("interval")).toInt(&ok);
        if (!ok || intervalSeconds < 10)
            return usageError(QCoreApplication::translate("Cli", "--interval needs a number of seconds, 10 or more."));
    }
    int timeoutSeconds = 30;
    if (call.parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        timeoutSeconds = call.parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || timeoutSeconds < 1)
            return usageError(QCoreApplication::translate("Cli", "--timeout needs a number of seconds, 1 or more."));
    }

    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto membership = team::TeamMembership::load(db->connection());
    if (!membership)
        return fail(membership.failure());
    if (*membership)
        return runTeamSync(*db, once, intervalSeconds);
    const SystemClock clock;
    QNetworkAccessManager network;
    accounts::KeychainTokenStore systemKeychain;
    // Signed-in X tokens are renewed before the sync and the outbox use them.
    accounts::RenewingTokenStore keychain(systemKeychain, clock, accounts::RenewingTokenStore::defaultLockDirectory());
    keychain.setAccountsDatabase(&*db);
    SyncRunner runner(&network, *db, clock, keychain);
    sync::SyncOptions options;
    options.timeoutMs = timeoutSeconds * 1000;
    runner.setOptions(options);
    // The outbox after the accounts, within the same pass: one exit code for both.
    outbox::OutboxDispatcher dispatcher(*db, &network, keychain, clock);
    dispatcher.setAutoSchedule(false);
    dispatcher.setTimeoutMs(options.timeoutMs);
    runner.setPassEndStep(sync::outboxDrainStep(dispatcher));

    QEventLoop loop;
    QTimer wait;
    wait.setSingleShot(true);
    bool interrupted = false;
    int lastCode = kOk;
    InterruptWatcher watcher([&] {
        interrupted = true;
        err() << QCoreApplication::translate("Cli", "Interrupted: stopping once the current page is stored.")
              << Qt::endl;
        if (runner.isRunning())
            runner.requestStop();
        else
            loop.quit();
    });
    QObject::connect(&runner, &SyncRunner::finished, &loop, [&](const SyncRunReport &report) {
        printReport(report);
        lastCode = report.ok() ? kOk : kFailure;
        if (once || interrupted) {
            loop.quit();
            return;
        }
        out() << QCoreApplication::translate("Cli", "Next sync at %1.")
                     .arg(timeText(QDateTime::currentDateTime().addSecs(intervalSeconds).time()))
              << Qt::endl;
        wait.start(intervalSeconds * 1000);
    });
    QObject::connect(&wait, &QTimer::timeout, &runner, [&] { runner.start(); });
    runner.start();
    loop.exec();
    // An interrupted run did not do what it was asked, whatever its last pass reported.
    return interrupted ? kInterrupted : lastCode;
}

std::optional<CloseReason> closeReasonFromText(const QString &text)
{
    // Both "no_answer_needed" and "no-answer-needed" are accepted.
    QString id = text.trimmed().toLower();
    id.replace(QLatin1Char('-'), QLatin1Char('_'));
    return closeReasonFromId(id);
}

int runDecide(const Invocation &call)
{
    if (call.arguments.size() != 1)
        return usageError(
            QCoreApplication::translate("Cli", "decide needs one THREAD: the thread's number (#42 names only the "
                                               "thread numbered 42) or the channel id of one of its posts."));
    const QCommandLineParser &p = call.parser;
    struct Choice {
        const char *option;
        DecisionKind kind;
    };
    const Choice choices[] = {{"public", DecisionKind::ReplyPublic},
                              {"private", DecisionKind::ReplyPrivate},
                              {"forward", DecisionKind::Forward},
                              {"close", DecisionKind::Close}};
    std::optional<DecisionKind> kind;
    int chosen = 0;
    for (const Choice &c : choices) {
        if (p.isSet(QString::fromLatin1(c.option))) {
            kind = c.kind;
            ++chosen;
        }
    }
    if (chosen != 1)
        return usageError(QCoreApplication::translate("Cli",
                                                      "decide needs exactly one of --public, --private, --forward or "
                                                      "--close REASON."));
    DecisionRequest request;
    request.kind = *kind;
    request.text = p.value(QStringLiteral("text"));
    if (request.kind == DecisionKind::Close) {
        request.closeReason = closeReasonFromText(p.value(QStringLiteral("close")));
        if (!request.closeReason)
            return usageError(QCoreApplication::translate("Cli", "Unknown reason \"%1\" for --close: use spam, "
                                                                 "no_answer_needed or answered_elsewhere.")
                                  .arg(p.value(QStringLiteral("close"))));
    }
    if (p.isSet(QStringLiteral("category"))) {
        request.category = categoryFromId(p.value(QStringLiteral("category")).trimmed().toLower());
        if (!request.category)
            return usageError(QCoreApplication::translate("Cli",
                                                          "Unknown category \"%1\": use non_negative, complaint or "
                                                          "assistance.")
                                  .arg(p.value(QStringLiteral("category"))));
    }
    std::optional<Channel> channel;
    if (p.isSet(QStringLiteral("channel"))) {
        channel = channelFromId(p.value(QStringLiteral("channel")).trimmed().toLower());
        if (!channel)
            return usageError(QCoreApplication::translate("Cli", "Unknown channel \"%1\" (expected %2).")
                                  .arg(p.value(QStringLiteral("channel")), allChannelIds().join(QStringLiteral(", "))));
    }
    // Every decision is recorded with its agent; a script without --agent acts as its system user.
    QString agentName = p.value(QStringLiteral("agent")).trimmed();
    if (agentName.isEmpty())
        agentName = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")).trimmed();
    if (agentName.isEmpty())
        return usageError(QCoreApplication::translate("Cli",
                                                      "decide needs --agent NAME: every decision is recorded with "
                                                      "its agent."));
    if (Status valid = TriageService::validate(request); !valid)
        return fail(valid.failure());
    // --override-guard KIND[,KIND] --override-reason TEXT: public replies only.
    QVector<FindingKind> overrideKinds;
    const QString overrideReason = p.value(QStringLiteral("override-reason")).trimmed();
    if (p.isSet(QStringLiteral("override-guard"))) {
        if (request.kind != DecisionKind::ReplyPublic)
            return usageError(QCoreApplication::translate("Cli", "--override-guard goes with --public only."));
        for (const QString &raw : p.value(QStringLiteral("override-guard")).split(QLatin1Char(','))) {
            const auto k = findingKindFromId(raw.trimmed().toLower());
            if (!k)
                return usageError(QCoreApplication::translate("Cli", "Unknown kind \"%1\" for --override-guard "
                                                                     "(expected %2).")
                                      .arg(raw.trimmed(), allFindingKindIds().join(QStringLiteral(", "))));
            if (!overrideKinds.contains(*k))
                overrideKinds << *k;
        }
        if (overrideReason.isEmpty())
            return usageError(QCoreApplication::translate("Cli", "--override-guard needs --override-reason TEXT: "
                                                                 "say why the data is not personal data."));
    } else if (p.isSet(QStringLiteral("override-reason"))) {
        return usageError(QCoreApplication::translate("Cli", "--override-reason goes with --override-guard."));
    }

    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const QString reference = call.arguments.first();
    auto matches = QueueQuery(*db).findThreads(reference, channel);
    if (!matches)
        return fail(matches.failure());
    if (matches->isEmpty()) {
        err() << QCoreApplication::translate("Cli", "No thread in the cache has the number or post id \"%1\".")
                     .arg(reference)
              << Qt::endl;
        return kFailure;
    }
    if (matches->size() > 1) {
        err() << QCoreApplication::translate("Cli", "\"%1\" names %2 threads; give the thread's number as #NUMBER (or "
                                                    "--channel) to choose one:")
                     .arg(reference)
                     .arg(matches->size())
              << '\n';
        for (const ThreadMatch &m : matches.value())
            err() << QCoreApplication::translate("Cli", "  thread #%1 (%2, @%3, %4): %5")
                         .arg(m.id)
                         .arg(toId(m.channel), m.authorHandle, toId(m.status), m.preview.left(60))
                  << '\n';
        err().flush();
        return kUsage;
    }
    request.threadId = matches->first().id;
    // A script reads a cache that may be hours old: the dispatcher checks the thread (deleted,
    // answered by a colleague meanwhile) before it sends, as for a decision taken offline.
    request.decidedOffline = true;

    const SystemClock clock;
    TriageService triage(*db, clock, Agent{QStringLiteral("cli:") + agentName, agentName});
    triage.setPrivateReplyHint(
        QCoreApplication::translate("Cli", "run the same command with --private instead of --public (on a channel "
                                           "that has private replies)"));
    // The guard is wrong about these kinds: every finding of them is marked as not personal data.
    if (!overrideKinds.isEmpty()) {
        auto findings = triage.publicFindings(request);
        if (!findings)
            return fail(findings.failure());
        request.overrides = TriageService::overridesFor(findings.value(), overrideKinds, overrideReason);
        for (FindingKind k : overrideKinds) {
            if (!canOverride(k)) {
                err() << QCoreApplication::translate("Cli", "Thread %1: %2")
                             .arg(request.threadId)
                             .arg(TriageService::checksumOverrideRefusal(k))
                      << Qt::endl;
                return kFailure;
            }
            const bool found = std::any_of(request.overrides.findings.cbegin(), request.overrides.findings.cend(),
                                           [k](const GuardOverride &o) { return o.kind == k; });
            if (!found) {
                err() << QCoreApplication::translate("Cli", "Thread %1: the guard finds no %2 in the reply: nothing "
                                                            "to override.")
                             .arg(request.threadId)
                             .arg(label(k))
                      << Qt::endl;
                return kFailure;
            }
        }
    }
    auto outcome = triage.decide(request);
    if (!outcome) {
        err() << QCoreApplication::translate("Cli", "Thread %1: %2").arg(request.threadId).arg(outcome.error())
              << Qt::endl;
        return kFailure;
    }
    if (outcome->outboxId.isEmpty())
        out() << QCoreApplication::translate("Cli", "Thread %1: %2 (%3). Decision %4.")
                     .arg(request.threadId)
                     .arg(label(request.kind), label(*request.closeReason), outcome->decisionId)
              << Qt::endl;
    else
        out() << QCoreApplication::translate("Cli", "Thread %1: %2. Decision %3, queued in the outbox as %4; "
                                                    "\"sportello-cli sync\" delivers it.")
                     .arg(request.threadId)
                     .arg(label(request.kind), outcome->decisionId, outcome->outboxId)
              << Qt::endl;
    return kOk;
}

} // namespace

QVector<Command> syncCommands()
{
    return {
        {QStringLiteral("sync"),
         QCoreApplication::translate("Cli",
                                     "Fetch every account's new posts into the cache and deliver the outbox. Exits "
                                     "non-zero if anything failed. Without --once it repeats until interrupted."),
         QStringLiteral("sync [--once] [--interval SECONDS] [--timeout SECONDS]"),
         [](QCommandLineParser &parser) {
             parser.addOption({QStringLiteral("once"), QCoreApplication::translate("Cli", "One pass, then exit.")});
             parser.addOption(
                 {QStringLiteral("interval"),
                  QCoreApplication::translate("Cli", "Seconds between passes when repeating (default 300)."),
                  QCoreApplication::translate("Cli", "SECONDS")});
             parser.addOption({QStringLiteral("timeout"),
                               QCoreApplication::translate("Cli", "Seconds to wait for each answer (default 30)."),
                               QCoreApplication::translate("Cli", "SECONDS")});
         },
         runSync},
        {QStringLiteral("decide"),
         QCoreApplication::translate("Cli",
                                     "Take a triage decision on a thread, as the console does: reply publicly or "
                                     "privately, forward to customer care, or close without reply."),
         QStringLiteral("decide THREAD --public|--private|--forward|--close REASON [--text TEXT] [--category C] "
                        "[--channel C] [--agent NAME] [--override-guard KIND[,KIND] --override-reason TEXT]"),
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(QStringLiteral("thread"),
                                          QCoreApplication::translate("Cli",
                                                                      "The thread's number (#42: only the "
                                                                      "thread numbered 42), or the channel id of "
                                                                      "any of its posts."),
                                          QCoreApplication::translate("Cli", "THREAD"));
             parser.addOption(
                 {QStringLiteral("public"), QCoreApplication::translate("Cli", "Reply publicly (needs --text).")});
             parser.addOption(
                 {QStringLiteral("private"), QCoreApplication::translate("Cli", "Reply privately (needs --text).")});
             parser.addOption({QStringLiteral("forward"),
                               QCoreApplication::translate("Cli", "Forward to customer care (--text is the note).")});
             parser.addOption({QStringLiteral("close"),
                               QCoreApplication::translate("Cli", "Close without reply: spam, no_answer_needed or "
                                                                  "answered_elsewhere."),
                               QCoreApplication::translate("Cli", "REASON")});
             parser.addOption({QStringLiteral("text"), QCoreApplication::translate("Cli", "The reply, or the note."),
                               QCoreApplication::translate("Cli", "TEXT")});
             parser.addOption(
                 {QStringLiteral("category"),
                  QCoreApplication::translate("Cli", "Set the category: non_negative, complaint or assistance."),
                  QCoreApplication::translate("Cli", "C")});
             parser.addOption({QStringLiteral("channel"),
                               QCoreApplication::translate("Cli", "Look the thread or post up on this channel only."),
                               QCoreApplication::translate("Cli", "CHANNEL")});
             parser.addOption(
                 {QStringLiteral("agent"),
                  QCoreApplication::translate("Cli", "Who takes the decision (default: the system user name)."),
                  QCoreApplication::translate("Cli", "NAME")});
             parser.addOption(
                 {QStringLiteral("override-guard"),
                  QCoreApplication::translate("Cli", "With --public: the guard is wrong about these kinds "
                                                     "(comma-separated, e.g. phone,plate); every finding of them is "
                                                     "marked as not personal data, audited. Not tax_code nor iban."),
                  QCoreApplication::translate("Cli", "KINDS")});
             parser.addOption({QStringLiteral("override-reason"),
                               QCoreApplication::translate("Cli", "Why the marked data is not personal data "
                                                                  "(required with --override-guard)."),
                               QCoreApplication::translate("Cli", "TEXT")});
         },
         runDecide},
    };
}

} // namespace sportello::cli
