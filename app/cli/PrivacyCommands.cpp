// privacy: personal data on request (docs/privacy.md, docs/cli.md). `privacy erase` erases one
// person from the cache; `privacy scrub` rewrites the cache so that no free page, log frame or
// full-text segment keeps a copy of what was erased (the erasure runs it itself; run again when
// another program held the cache open).

#include "cli/Cli.h"

#include "DiskEncryption.h"
#include "cli/TeamPrivacyCommands.h"

#include "domain/Domain.h"
#include "privacy/Erasure.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace sportello::cli {

namespace {

// Every group's actions, in the order `privacy --help` lists them.
QVector<PrivacyAction> privacyActions()
{
    return privacyErasureActions() + privacyRetentionActions() + privacyAccessActions();
}

QString usage()
{
    QStringList synopses;
    for (const PrivacyAction &action : privacyActions())
        synopses << action.synopsis;
    return QCoreApplication::translate("Cli", "privacy takes: %1.").arg(synopses.join(QStringLiteral(", ")));
}

QJsonObject countsJson(const privacy::ErasureCounts &c)
{
    return {{QStringLiteral("authors"), c.authors}, {QStringLiteral("posts"), c.posts},
            {QStringLiteral("threads"), c.threads}, {QStringLiteral("decisions"), c.decisions},
            {QStringLiteral("outbox"), c.outbox},   {QStringLiteral("drafts"), c.drafts},
            {QStringLiteral("notes"), c.notes},     {QStringLiteral("customers"), c.customers}};
}

int runErase(const Invocation &call)
{
    const QString author = call.parser.value(QStringLiteral("author")).trimmed();
    const QString reason = call.parser.value(QStringLiteral("reason")).trimmed();
    const QString request = call.parser.value(QStringLiteral("request")).trimmed();
    const QString agentName = call.parser.value(QStringLiteral("agent")).trimmed();
    if (call.arguments.size() != 1 || author.isEmpty())
        return usageError(usage());
    const qsizetype colon = author.indexOf(QLatin1Char(':'));
    const auto channel = colon > 0 ? channelFromId(author.left(colon)) : std::nullopt;
    if (!channel || colon + 1 >= author.size())
        return usageError(
            QCoreApplication::translate("Cli", "\"%1\" is not CHANNEL:AUTHOR_ID (for example x:1551234567).")
                .arg(author));
    if (reason.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "privacy erase needs --reason TEXT: why the person's data "
                                                             "is erased (it is audited; do not name the person)."));
    if (agentName.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "privacy erase needs --agent NAME: the erasure is "
                                                             "audited."));
    const Agent agent{QStringLiteral("cli:") + agentName, agentName};
    const QString externalId = author.mid(colon + 1);

    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto team = privacy::inTeam(db->connection());
    if (!team)
        return fail(team.failure());
    // In a team the erasure goes through the team database, so that every replica applies it
    // (TeamPrivacyCommands.cpp); the audit entry's login is the database's.
    if (*team)
        return eraseInTeam(*db, toId(*channel), externalId, reason, request, call.parser.isSet(QStringLiteral("json")));
    auto counts = privacy::erasePerson(*db, toId(*channel), externalId, agent, reason, request);
    if (!counts)
        return fail(counts.failure());
    if (call.parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(countsJson(*counts)).toJson(QJsonDocument::Compact) << Qt::endl;
        return kOk;
    }
    const privacy::ErasureCounts &c = *counts;
    out() << QCoreApplication::translate("Cli", "Erased: %1 identities, %2 posts, %3 whole threads (%4 decisions, %5 "
                                                "outbox entries, %6 drafts, %7 notes), %8 customer cards. The cache "
                                                "keeps no copy in its free space.")
                 .arg(c.authors)
                 .arg(c.posts)
                 .arg(c.threads)
                 .arg(c.decisions)
                 .arg(c.outbox)
                 .arg(c.drafts)
                 .arg(c.notes)
                 .arg(c.customers)
          << Qt::endl;
    return kOk;
}

int runScrub(const Invocation &call)
{
    if (call.arguments.size() != 1)
        return usageError(usage());
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    if (Status s = privacy::scrubFreedSpace(*db); !s)
        return fail(s.failure());
    out() << QCoreApplication::translate("Cli", "The cache was rewritten: no free page, log frame or index segment "
                                                "keeps erased data.")
          << Qt::endl;
    return kOk;
}

// Whether the cache's disk is encrypted, against what the company requires (docs/privacy.md, "Data
// at rest"): exit 1 when the company requires it and the disk is not known to be encrypted.
int runStatus(const Invocation &call)
{
    if (call.arguments.size() != 1)
        return usageError(usage());
    const platform::DiskEncryptionPolicy policy = platform::diskEncryptionPolicy();
    const QString path = QDir::toNativeSeparators(call.databasePath);
    if (policy == platform::DiskEncryptionPolicy::Off) {
        out() << QCoreApplication::translate("Cli", "Disk encryption: not checked (the company turned the check off).")
              << Qt::endl;
        return kOk;
    }
    const platform::DiskEncryption disk = platform::checkDiskEncryption(call.databasePath);
    QString state;
    switch (disk.state) {
    case platform::DiskEncryptionState::Encrypted:
        state = QCoreApplication::translate("Cli", "encrypted");
        break;
    case platform::DiskEncryptionState::NotEncrypted:
        state = QCoreApplication::translate("Cli", "NOT encrypted");
        break;
    case platform::DiskEncryptionState::InMemory:
        state = QCoreApplication::translate("Cli", "in memory, not on a disk");
        break;
    case platform::DiskEncryptionState::Unknown:
        state = QCoreApplication::translate("Cli", "cannot be told");
        break;
    }
    out() << QCoreApplication::translate("Cli", "Cache: %1").arg(path) << Qt::endl
          << QCoreApplication::translate("Cli", "Disk encryption: %1 (%2)").arg(state, disk.how) << Qt::endl
          << QCoreApplication::translate("Cli", "The company's policy: %1")
                 .arg(policy == platform::DiskEncryptionPolicy::Require
                          ? QCoreApplication::translate("Cli", "required")
                          : QCoreApplication::translate("Cli", "warn"))
          << Qt::endl;
    const QString problem = platform::diskEncryptionProblem(disk, policy, call.databasePath);
    if (problem.isEmpty())
        return kOk;
    if (policy == platform::DiskEncryptionPolicy::Require)
        return fail(Error{problem, ErrorKind::RefusedByPolicy});
    err() << problem << Qt::endl;
    return kOk;
}

} // namespace

QVector<PrivacyAction> privacyErasureActions()
{
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("Cli", "JSON on one line (access-log: one array)."));
    return {
        {QStringLiteral("erase"),
         QStringLiteral("erase --author CHANNEL:AUTHOR_ID --reason TEXT [--request REF] --agent NAME [--json]"),
         {{QStringLiteral("author"),
           QCoreApplication::translate("Cli", "The person (erase, export): one of their identities, as the channel "
                                              "and the platform's id; linked identities come too."),
           QCoreApplication::translate("Cli", "CHANNEL:AUTHOR_ID")},
          {QStringLiteral("reason"), QCoreApplication::translate("Cli", "Why the data is erased (audited)."),
           QCoreApplication::translate("Cli", "TEXT")},
          {QStringLiteral("request"),
           QCoreApplication::translate("Cli", "The reference of the person's request (audited)."),
           QCoreApplication::translate("Cli", "REF")},
          {QStringLiteral("agent"),
           QCoreApplication::translate("Cli", "Who erases or exports (default: the system's user); access-log: only "
                                              "this agent's records (a login in a team)."),
           QCoreApplication::translate("Cli", "NAME")},
          json},
         runErase},
        {QStringLiteral("scrub"), QStringLiteral("scrub"), {}, runScrub},
        {QStringLiteral("status"), QStringLiteral("status"), {}, runStatus},
    };
}

QVector<Command> privacyCommands()
{
    const QVector<PrivacyAction> actions = privacyActions();
    QStringList synopses;
    for (const PrivacyAction &action : actions)
        synopses << action.synopsis;
    return {
        {QStringLiteral("privacy"),
         QCoreApplication::translate("Cli", "Personal data: erase one person on request, the retention policy, one "
                                            "person's data export (a GDPR access request) and who opened or exported "
                                            "personal data (the access records)."),
         QStringLiteral("privacy ") + synopses.join(QStringLiteral(" | ")),
         [actions](QCommandLineParser &parser) {
             QStringList declared;
             for (const PrivacyAction &action : actions)
                 for (const QCommandLineOption &option : action.options)
                     if (!declared.contains(option.names().constFirst())) {
                         declared << option.names().constFirst();
                         parser.addOption(option);
                     }
         },
         [actions](const Invocation &call) {
             const QString name = call.arguments.value(0);
             for (const PrivacyAction &action : actions)
                 if (action.name == name)
                     return action.run(call);
             return usageError(usage());
         }},
    };
}

} // namespace sportello::cli
