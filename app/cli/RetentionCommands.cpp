// privacy retention: the retention policy of the cache (privacy/Retention.h) from the command line:
// show it, set it (from a JSON file or from options), count what a run would do, run it. See
// docs/cli.md and docs/privacy.md, "Retention".

#include "cli/Cli.h"
#include "common/Clock.h"
#include "privacy/Retention.h"
#include "privacy/RetentionSchedule.h"
#include "storage/Database.h"
#include "team/TeamRoles.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace sportello::cli {

namespace {

using privacy::RetentionCounts;
using privacy::RetentionPolicy;

struct MonthsOption {
    const char *name;
    int RetentionPolicy::*member;
};
constexpr MonthsOption kMonthsOptions[] = {
    {"closed-threads-months", &RetentionPolicy::closedThreadsMonths},
    {"complaint-months", &RetentionPolicy::complaintMonths},
    {"audit-months", &RetentionPolicy::auditMonths},
    {"access-log-months", &RetentionPolicy::accessLogMonths},
};

QString jsonLine(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Who runs or changes the policy, for the audit: --agent, else the system user.
Result<Agent> agentOf(const Invocation &call)
{
    QString name = call.parser.value(QStringLiteral("agent")).trimmed();
    if (name.isEmpty())
        name = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")).trimmed();
    if (name.isEmpty())
        return Error{QCoreApplication::translate("Cli", "privacy retention %1 needs --agent NAME: it is recorded "
                                                        "with it.")
                         .arg(call.arguments.value(1)),
                     ErrorKind::InvalidInput};
    return Agent{QStringLiteral("cli:") + name, name};
}

void printPolicy(const RetentionPolicy &policy, bool stored)
{
    out() << (stored ? QCoreApplication::translate("Cli", "Retention policy of this cache:")
                     : QCoreApplication::translate("Cli", "Retention policy of this cache (the defaults: none is "
                                                          "stored):"))
          << Qt::endl
          << QCoreApplication::translate("Cli", "  closed threads anonymised after %1 months")
                 .arg(policy.closedThreadsMonths)
          << Qt::endl
          << QCoreApplication::translate("Cli", "  complaints anonymised after %1 months").arg(policy.complaintMonths)
          << Qt::endl
          << QCoreApplication::translate("Cli", "  audit entries deleted after %1 months").arg(policy.auditMonths)
          << Qt::endl
          << QCoreApplication::translate("Cli", "  access records deleted after %1 months").arg(policy.accessLogMonths)
          << Qt::endl;
}

void printCounts(const RetentionCounts &counts, bool dryRun)
{
    if (dryRun)
        out() << QCoreApplication::translate("Cli", "A retention run now would anonymise %1 threads (%2 posts, %3 "
                                                    "authors) and delete %4 audit entries.")
                     .arg(counts.threads)
                     .arg(counts.posts)
                     .arg(counts.authors)
                     .arg(counts.auditEntries);
    else
        out() << QCoreApplication::translate("Cli", "Retention anonymised %1 threads (%2 posts, %3 authors) and "
                                                    "deleted %4 audit entries.")
                     .arg(counts.threads)
                     .arg(counts.posts)
                     .arg(counts.authors)
                     .arg(counts.auditEntries);
    out() << Qt::endl;
    if (dryRun)
        out() << QCoreApplication::translate("Cli", "Access records to delete: %1.").arg(counts.accessRecords);
    else
        out() << QCoreApplication::translate("Cli", "Access records deleted: %1.").arg(counts.accessRecords);
    out() << Qt::endl;
    if (!dryRun && !counts.scrubbed && (counts.threads > 0 || counts.auditEntries > 0 || counts.accessRecords > 0))
        out() << QCoreApplication::translate("Cli", "The freed space is scrubbed at the next run: another program "
                                                    "has the cache open.")
              << Qt::endl;
}

int runShow(const Invocation &call)
{
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto policy = privacy::readRetentionPolicy(db->connection());
    if (!policy)
        return fail(policy.failure());
    auto stored = privacy::retentionPolicyStored(db->connection());
    if (!stored)
        return fail(stored.failure());
    if (call.parser.isSet(QStringLiteral("json")))
        out() << QString::fromUtf8(privacy::retentionPolicyJson(*policy)) << Qt::endl;
    else
        printPolicy(*policy, *stored);
    return kOk;
}

// set FILE: the whole policy from a JSON file (keys left out take their defaults); set with
// --closed-threads-months and the others: the stored policy with those limits changed.
int runSet(const Invocation &call)
{
    const QString file = call.arguments.value(2);
    bool anyOption = false;
    for (const MonthsOption &o : kMonthsOptions)
        anyOption = anyOption || call.parser.isSet(QLatin1String(o.name));
    if (call.arguments.size() > 3 || (file.isEmpty() == !anyOption))
        return usageError(QCoreApplication::translate("Cli", "privacy retention set takes either a JSON file or one "
                                                             "or more of --closed-threads-months, --complaint-months, "
                                                             "--audit-months and --access-log-months."));
    auto agent = agentOf(call);
    if (!agent)
        return usageError(agent.error());
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const QSqlDatabase connection = db->connection();
    // In a team the policy is the team's: a supervisor or an administrator changes it (the team
    // database's grants refuse the others' push anyway), as for the guard's configuration.
    auto own = team::ownTeamRole(connection);
    if (!own)
        return fail(own.failure());
    if (!team::mayChangeTeamSettings(*own))
        return fail(Error{QCoreApplication::translate("Cli", "Only a supervisor or an administrator of the team "
                                                             "changes the retention policy."),
                          ErrorKind::RefusedByPolicy});
    RetentionPolicy policy;
    if (!file.isEmpty()) {
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly))
            return fail(Error{QCoreApplication::translate("Cli", "Cannot read %1: %2").arg(file, input.errorString()),
                              ErrorKind::Io});
        auto parsed = privacy::parseRetentionPolicy(input.readAll());
        if (!parsed)
            return fail(parsed.failure());
        policy = *parsed;
    } else {
        auto current = privacy::readRetentionPolicy(connection);
        // A damaged stored policy is replaced only by a whole one, from a file.
        if (!current)
            return fail(current.failure());
        policy = *current;
        for (const MonthsOption &o : kMonthsOptions) {
            if (!call.parser.isSet(QLatin1String(o.name)))
                continue;
            bool ok = false;
            const int months = call.parser.value(QLatin1String(o.name)).toInt(&ok);
            if (!ok)
                return usageError(QCoreApplication::translate("Cli", "--%1 takes a whole number of months.")
                                      .arg(QLatin1String(o.name)));
            policy.*o.member = months;
        }
    }
    const SystemClock clock;
    if (Status s = privacy::writeRetentionPolicy(connection, policy, *agent, clock.nowMs()); !s)
        return fail(s.failure());
    if (call.parser.isSet(QStringLiteral("json")))
        out() << QString::fromUtf8(privacy::retentionPolicyJson(policy)) << Qt::endl;
    else
        printPolicy(policy, true);
    return kOk;
}

int runDry(const Invocation &call)
{
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto policy = privacy::readRetentionPolicy(db->connection());
    if (!policy)
        return fail(policy.failure());
    const SystemClock clock;
    auto counts = privacy::dryRunRetention(db->connection(), *policy, clock.nowMs());
    if (!counts)
        return fail(counts.failure());
    if (call.parser.isSet(QStringLiteral("json"))) {
        QJsonObject object = counts->toJson();
        object.insert(QStringLiteral("policy"), privacy::retentionPolicyObject(*policy));
        out() << jsonLine(object) << Qt::endl;
    } else {
        printCounts(*counts, true);
    }
    return kOk;
}

int runNow(const Invocation &call)
{
    auto agent = agentOf(call);
    if (!agent)
        return usageError(agent.error());
    // The run opens the cache itself (the same path as the console's schedule); a missing or
    // damaged cache is said as openDatabase would.
    {
        auto db = openDatabase(call.databasePath, false);
        if (!db)
            return db.exitCode();
    }
    const SystemClock clock;
    const auto outcome = privacy::runStoredRetention(call.databasePath, clock.nowMs(), *agent, nullptr);
    if (!outcome.ok) {
        err() << outcome.error << Qt::endl;
        return kFailure;
    }
    if (call.parser.isSet(QStringLiteral("json"))) {
        QJsonObject object = outcome.counts.toJson();
        object.insert(QStringLiteral("scrubbed"), outcome.counts.scrubbed);
        out() << jsonLine(object) << Qt::endl;
    } else {
        printCounts(outcome.counts, false);
    }
    return kOk;
}

} // namespace

namespace {

int runRetention(const Invocation &call)
{
    // call.arguments: "retention", then the action.
    const QString action = call.arguments.value(1);
    if (action == QLatin1String("set"))
        return runSet(call);
    if (call.arguments.size() != 2)
        return usageError(QCoreApplication::translate("Cli", "privacy retention takes show, set FILE or options, "
                                                             "dry-run or run."));
    if (action == QLatin1String("show"))
        return runShow(call);
    if (action == QLatin1String("dry-run"))
        return runDry(call);
    if (action == QLatin1String("run"))
        return runNow(call);
    return usageError(QCoreApplication::translate("Cli", "privacy retention takes show, set FILE or options, "
                                                         "dry-run or run."));
}

} // namespace

QVector<PrivacyAction> privacyRetentionActions()
{
    // The help texts are marked for translation where they are written (QT_TRANSLATE_NOOP).
    const auto months = [](const char *name, const char *help) {
        return QCommandLineOption(QLatin1String(name), QCoreApplication::translate("Cli", help),
                                  QCoreApplication::translate("Cli", "N"));
    };
    return {
        {QStringLiteral("retention"),
         QStringLiteral("retention show|dry-run|run [--agent NAME] [--json] | retention set FILE|"
                        "[--closed-threads-months N] [--complaint-months N] [--audit-months N] "
                        "[--access-log-months N] [--agent NAME] [--json]"),
         {{QStringLiteral("agent"),
           QCoreApplication::translate("Cli", "Who sets or runs the retention policy (audited; default: the system "
                                              "user)."),
           QCoreApplication::translate("Cli", "NAME")},
          {QStringLiteral("json"), QCoreApplication::translate("Cli", "One JSON object on one line.")},
          months("closed-threads-months",
                 QT_TRANSLATE_NOOP("Cli", "With retention set: anonymise closed threads after N months.")),
          months("complaint-months",
                 QT_TRANSLATE_NOOP("Cli", "With retention set: anonymise threads with a complaint after N months.")),
          months("audit-months", QT_TRANSLATE_NOOP("Cli", "With retention set: delete audit entries after N months.")),
          months("access-log-months",
                 QT_TRANSLATE_NOOP("Cli", "With retention set: delete access records after N months."))},
         runRetention},
    };
}

} // namespace sportello::cli
