// timers, policy and complaints: the response clocks from the command line.

#include "cli/Cli.h"

#include "common/Clock.h"
#include "common/FileKind.h"
#include "storage/Database.h"
#include "timers/Complaints.h"
#include "timers/PolicyStore.h"
#include "timers/WaitingPosts.h"
#include "triage/TriageService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace sportello::cli {

namespace {

// The largest policy file read: a policy is a few kilobytes.
constexpr qint64 kMaxPolicyFileBytes = 1 << 20;

int runTimers(const Invocation &call)
{
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "timers takes no arguments (got \"%1\").")
                              .arg(call.arguments.join(QLatin1Char(' '))));
    qint64 at = QDateTime::currentMSecsSinceEpoch();
    if (call.parser.isSet(QStringLiteral("at"))) {
        const QDateTime parsed = QDateTime::fromString(call.parser.value(QStringLiteral("at")), Qt::ISODateWithMs);
        if (!parsed.isValid() || parsed.timeSpec() == Qt::LocalTime)
            return usageError(QCoreApplication::translate("Cli", "--at needs an ISO 8601 time with Z or an offset, "
                                                                 "for example 2026-03-06T17:40:00Z."));
        at = parsed.toMSecsSinceEpoch();
    }
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto policy = PolicyStore(*db).active();
    if (!policy)
        return fail(policy.failure());
    const Status listed = forEachWaitingPost(*db, at, [&](const WaitingPost &post) {
        out() << QJsonDocument(waitingPostJson(post, at, policy.value())).toJson(QJsonDocument::Compact) << '\n';
    });
    out().flush();
    if (!listed)
        return fail(listed.failure());
    return kOk;
}

int policyShow(Database &db)
{
    auto policy = PolicyStore(db).active();
    if (!policy)
        return fail(policy.failure());
    out() << QJsonDocument(policy->toJson()).toJson(QJsonDocument::Indented);
    out().flush();
    return kOk;
}

int policyList(Database &db)
{
    PolicyStore store(db);
    auto names = store.names();
    auto active = store.activeName();
    if (!names || !active) {
        err() << (names ? active.error() : names.error()) << Qt::endl;
        return kFailure;
    }
    for (const QString &name : names.value())
        out() << (name == active.value() ? QStringLiteral("* ") : QStringLiteral("  ")) << name << '\n';
    out().flush();
    return kOk;
}

int policyUse(Database &db, const QString &name)
{
    if (Status s = PolicyStore(db).activate(name, QDateTime::currentMSecsSinceEpoch()); !s)
        return fail(s.failure());
    out() << QCoreApplication::translate("Cli", "The policy \"%1\" is active; the due times of the waiting posts were "
                                                "recomputed.")
                 .arg(name)
          << Qt::endl;
    return kOk;
}

int policyImport(Database &db, const QString &path)
{
    // A pipe or a device is refused before it is opened (reading a pipe would wait for a writer).
    if (Status regular = requireRegularFileOrMissing(path, path, QCoreApplication::translate("Cli", "a policy file"));
        !regular)
        return fail(regular.failure());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err() << QCoreApplication::translate("Cli", "Cannot read %1: %2").arg(path, file.errorString()) << Qt::endl;
        return kFailure;
    }
    // A policy is a few kilobytes; a larger file is refused as too large, not cut and then
    // reported as broken JSON.
    if (file.size() > kMaxPolicyFileBytes) {
        err() << QCoreApplication::translate("Cli",
                                             "%1 is too large for a policy file: %2 bytes; the limit is %3 bytes "
                                             "(1 MiB).")
                     .arg(path)
                     .arg(file.size())
                     .arg(kMaxPolicyFileBytes)
              << Qt::endl;
        return kFailure;
    }
    auto policy = ResponsePolicy::fromJsonText(file.read(kMaxPolicyFileBytes));
    if (!policy) {
        err() << QStringLiteral("%1: %2").arg(path, policy.error()) << Qt::endl;
        return kFailure;
    }
    if (Status s = PolicyStore(db).saveAndActivate(policy.value(), QDateTime::currentMSecsSinceEpoch()); !s)
        return fail(s.failure());
    out() << QCoreApplication::translate("Cli",
                                         "Imported the policy \"%1\" from %2 and made it active; the due times of "
                                         "the waiting posts were recomputed.")
                 .arg(policy->name, path)
          << Qt::endl;
    return kOk;
}

int policyExport(Database &db, const QString &path)
{
    auto policy = PolicyStore(db).active();
    if (!policy)
        return fail(policy.failure());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(policy->toJson()).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        err() << QCoreApplication::translate("Cli", "Cannot write %1: %2").arg(path, file.errorString()) << Qt::endl;
        return kFailure;
    }
    out() << QCoreApplication::translate("Cli", "Wrote the policy \"%1\" to %2.").arg(policy->name, path) << Qt::endl;
    return kOk;
}

int runPolicy(const Invocation &call)
{
    const QString action = call.arguments.value(0);
    const QStringList rest = call.arguments.mid(1);
    const bool needsOne =
        action == QLatin1String("use") || action == QLatin1String("import") || action == QLatin1String("export");
    const bool needsNone = action == QLatin1String("show") || action == QLatin1String("list");
    if (!needsOne && !needsNone)
        return usageError(QCoreApplication::translate(
            "Cli", "policy needs an action: show, list, use NAME, import FILE or export FILE."));
    if ((needsOne && rest.size() != 1) || (needsNone && !rest.isEmpty()))
        return usageError(QCoreApplication::translate("Cli", "Wrong arguments for \"policy %1\".").arg(action));
    auto db = openDatabase(call.databasePath, action == QLatin1String("import") || action == QLatin1String("use"));
    if (!db)
        return db.exitCode();
    if (action == QLatin1String("show"))
        return policyShow(*db);
    if (action == QLatin1String("list"))
        return policyList(*db);
    if (action == QLatin1String("use"))
        return policyUse(*db, rest.first());
    if (action == QLatin1String("import"))
        return policyImport(*db, rest.first());
    return policyExport(*db, rest.first());
}

int runComplaints(const Invocation &call)
{
    const QString action = call.arguments.value(0, QStringLiteral("list"));
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (action == QLatin1String("list") && call.arguments.size() <= 1) {
        auto complaints = openComplaints(*db);
        if (!complaints)
            return fail(complaints.failure());
        const bool json = call.parser.isSet(QStringLiteral("json"));
        for (const OpenComplaint &c : complaints.value()) {
            const auto iso = [](qint64 ms) {
                return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
            };
            if (json) {
                const QJsonObject o{{QStringLiteral("thread"), c.threadId},
                                    {QStringLiteral("channel"), toId(c.channel)},
                                    {QStringLiteral("thread_external_id"), c.threadExternalId},
                                    {QStringLiteral("author"), c.authorHandle},
                                    {QStringLiteral("received_at"), iso(c.receivedAtMs)},
                                    {QStringLiteral("forwarded_at"), iso(c.forwardedAtMs)},
                                    {QStringLiteral("deadline_at"), iso(c.deadlineAtMs)},
                                    {QStringLiteral("days_left"), complaintDaysLeft(now, c.deadlineAtMs)}};
                out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
            } else {
                out() << QCoreApplication::translate("Cli",
                                                     "thread %1 (%2, @%3): received %4, deadline %5, %6 days left")
                             .arg(c.threadId)
                             .arg(toId(c.channel), c.authorHandle, iso(c.receivedAtMs), iso(c.deadlineAtMs))
                             .arg(complaintDaysLeft(now, c.deadlineAtMs))
                      << '\n';
            }
        }
        out().flush();
        return kOk;
    }
    if (action == QLatin1String("resolve") && call.arguments.size() == 2) {
        bool ok = false;
        const qint64 thread = call.arguments.at(1).toLongLong(&ok);
        const QString agentName = call.parser.value(QStringLiteral("agent")).trimmed();
        if (!ok)
            return usageError(
                QCoreApplication::translate("Cli", "\"%1\" is not a thread number.").arg(call.arguments.at(1)));
        if (agentName.isEmpty())
            return usageError(
                QCoreApplication::translate("Cli", "complaints resolve needs --agent NAME: every change is audited."));
        const SystemClock clock;
        TriageService triage(*db, clock, Agent{QStringLiteral("cli:") + agentName, agentName});
        if (Status s = triage.resolveComplaint(thread, call.parser.value(QStringLiteral("note"))); !s)
            return fail(s.failure());
        out() << QCoreApplication::translate("Cli", "The complaint on thread %1 is marked as answered.").arg(thread)
              << Qt::endl;
        return kOk;
    }
    return usageError(
        QCoreApplication::translate("Cli", "complaints takes: list, or resolve THREAD --agent NAME [--note TEXT]."));
}

} // namespace

QVector<Command> timerCommands()
{
    return {
        {QStringLiteral("timers"),
         QCoreApplication::translate("Cli",
                                     "Print one JSON object per line for each waiting inbound post: its timer, due "
                                     "time and state."),
         QStringLiteral("timers [--at ISO-8601-TIME]"),
         [](QCommandLineParser &parser) {
             parser.addOption({QStringLiteral("at"),
                               QCoreApplication::translate("Cli", "Compute the states at this time instead of now."),
                               QCoreApplication::translate("Cli", "TIME")});
         },
         runTimers},
        {QStringLiteral("policy"),
         QCoreApplication::translate("Cli", "Show, list, choose, import or export the response policy (targets and "
                                            "business calendar; JSON format in docs/policies.md)."),
         QStringLiteral("policy show|list|use NAME|import FILE|export FILE"),
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(QStringLiteral("action"),
                                          QCoreApplication::translate("Cli", "show, list, use, import or export."),
                                          QCoreApplication::translate("Cli", "ACTION [NAME|FILE]"));
         },
         runPolicy},
        {QStringLiteral("complaints"),
         QCoreApplication::translate("Cli", "List the complaints forwarded to customer care whose 45-day regulatory "
                                            "deadline is open, or mark one as answered."),
         QStringLiteral("complaints [list [--json] | resolve THREAD --agent NAME [--note TEXT]]"),
         [](QCommandLineParser &parser) {
             parser.addOption(
                 {QStringLiteral("json"), QCoreApplication::translate("Cli", "One JSON object per line.")});
             parser.addOption({QStringLiteral("agent"), QCoreApplication::translate("Cli", "Who records the change."),
                               QCoreApplication::translate("Cli", "NAME")});
             parser.addOption({QStringLiteral("note"),
                               QCoreApplication::translate("Cli", "A note kept in the audit log."),
                               QCoreApplication::translate("Cli", "TEXT")});
         },
         runComplaints},
    };
}

} // namespace sportello::cli
