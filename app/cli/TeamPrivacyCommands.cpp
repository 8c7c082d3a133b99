// Erasure and retention in team mode (docs/privacy.md, "Team mode"): `privacy erase` on a cache
// in a team (eraseInTeam, called by PrivacyCommands.cpp), and `team-retention`, the team's
// retention policy applied to the team database now (the hub does it once a day).

#include "cli/TeamPrivacyCommands.h"

#include "cli/Cli.h"

#include "KeychainTokenStore.h"
#include "common/Clock.h"
#include "privacy/Erasure.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamPrivacy.h"
#include "team/TeamReplica.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace sportello::cli {

namespace {

// The keys of the person as this cache knows them: the author named, and every author its own
// customer links tie to them (links made here and not pushed yet included). The team finds more
// through its own links; an author this cache has never seen still has its key.
Result<QStringList> personKeys(const QSqlDatabase &db, const QString &channel, const QString &externalId)
{
    QSqlQuery find(db);
    if (Status s = sql::prepare(find, QStringLiteral("SELECT id FROM authors WHERE channel = ? AND external_id = ?"));
        !s)
        return s.failure();
    find.addBindValue(channel);
    find.addBindValue(externalId);
    if (Status s = sql::exec(find); !s)
        return s.failure();
    if (!find.next())
        return QStringList{privacy::authorKey(channel, externalId)};
    return privacy::personKeys(db, find.value(0).toLongLong());
}

int runTeamRetention(const Invocation &call)
{
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "team-retention takes no arguments."));
    const bool dryRun = call.parser.isSet(QStringLiteral("dry-run"));
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const SystemClock clock;
    accounts::KeychainTokenStore keychain;
    team::TeamReplica replica(*db, clock, &keychain);
    if (Status s = replica.connect(); !s)
        return fail(s.failure());
    auto counts = team::applyTeamRetention(replica.teamDatabase(), dryRun);
    if (!counts)
        return fail(counts.failure());
    const team::TeamRetentionCounts &c = *counts;
    if (call.parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("dry_run"), dryRun},
                                           {QStringLiteral("policy_set"), c.policySet},
                                           {QStringLiteral("threads"), c.threads},
                                           {QStringLiteral("posts"), c.posts},
                                           {QStringLiteral("authors"), c.authors},
                                           {QStringLiteral("audit_entries"), c.auditEntries},
                                           {QStringLiteral("access_records"), c.accessRecords}})
                     .toJson(QJsonDocument::Compact)
              << Qt::endl;
        return kOk;
    }
    if (!c.policySet) {
        out() << QCoreApplication::translate("Cli", "The team has no retention policy: nothing expires in the team "
                                                    "database.")
              << Qt::endl;
        return kOk;
    }
    out() << (dryRun ? QCoreApplication::translate("Cli", "Would anonymise %1 threads (%2 posts) and %3 identities, "
                                                          "and delete %4 audit entries and %5 access records, in the "
                                                          "team database.")
                     : QCoreApplication::translate("Cli", "Anonymised %1 threads (%2 posts) and %3 identities, and "
                                                          "deleted %4 audit entries and %5 access records, in the team "
                                                          "database."))
                 .arg(c.threads)
                 .arg(c.posts)
                 .arg(c.authors)
                 .arg(c.auditEntries)
                 .arg(c.accessRecords)
          << Qt::endl;
    return kOk;
}

} // namespace

int eraseInTeam(Database &db, const QString &channel, const QString &externalId, const QString &reason,
                const QString &request, bool json)
{
    auto keys = personKeys(db.connection(), channel, externalId);
    if (!keys)
        return fail(keys.failure());
    const SystemClock clock;
    accounts::KeychainTokenStore keychain;
    team::TeamReplica replica(db, clock, &keychain);
    // Offline nothing is erased, here either: an erasure of this cache alone would come back with
    // the next pull of anything the team still holds, and the others would never learn of it.
    if (Status s = replica.connect(); !s)
        return fail(Error{QCoreApplication::translate("Cli", "The team database cannot be reached, and in a team the "
                                                             "erasure goes through it: nothing was erased. Try again "
                                                             "when online. (%1)")
                              .arg(s.error()),
                          s.errorKind()});
    auto team = team::erasePersonInTeam(replica.teamDatabase(), *keys, reason, request);
    if (!team)
        return fail(team.failure());
    // This cache applies it as every replica does, the feed's catch-up.
    auto here = replica.applyErasures();
    if (json) {
        QJsonObject object{{QStringLiteral("erasure"), team->erasureId},
                           {QStringLiteral("authors"), team->authors},
                           {QStringLiteral("posts"), team->posts},
                           {QStringLiteral("threads"), team->threads},
                           {QStringLiteral("decisions"), team->decisions},
                           {QStringLiteral("outbox"), team->outbox},
                           {QStringLiteral("notes"), team->notes},
                           {QStringLiteral("customers"), team->customers},
                           {QStringLiteral("applied_here"), here.ok()}};
        if (here) {
            object.insert(QStringLiteral("authors_here"), here->authors);
            object.insert(QStringLiteral("posts_here"), here->posts);
        }
        out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        out() << QCoreApplication::translate("Cli", "Erased in the team database: %1 identities, %2 posts, %3 whole "
                                                    "threads (%4 decisions, %5 outbox entries, %6 notes), %7 "
                                                    "customer cards. Every desktop applies it at its next sync.")
                     .arg(team->authors)
                     .arg(team->posts)
                     .arg(team->threads)
                     .arg(team->decisions)
                     .arg(team->outbox)
                     .arg(team->notes)
                     .arg(team->customers)
              << Qt::endl;
    }
    if (!here)
        return fail(Error{QCoreApplication::translate("Cli", "The erasure is recorded in the team database, but this "
                                                             "cache could not apply it now (%1): it does at its next "
                                                             "sync, before anything else.")
                              .arg(here.error()),
                          here.errorKind()});
    if (!json)
        out() << QCoreApplication::translate("Cli", "Applied here: %1 identities, %2 posts.")
                     .arg(here->authors)
                     .arg(here->posts)
              << Qt::endl;
    return kOk;
}

QVector<Command> teamPrivacyCommands()
{
    return {
        {QStringLiteral("team-retention"),
         QCoreApplication::translate("Cli", "Apply the team's retention policy to the team database now (the hub "
                                            "does it once a day), or count what it would change."),
         QStringLiteral("team-retention [--dry-run] [--json]"),
         [](QCommandLineParser &parser) {
             parser.addOption({QStringLiteral("dry-run"),
                               QCoreApplication::translate("Cli", "Count what would change; change nothing.")});
             parser.addOption(
                 {QStringLiteral("json"), QCoreApplication::translate("Cli", "One JSON object on one line.")});
         },
         runTeamRetention},
    };
}

} // namespace sportello::cli
