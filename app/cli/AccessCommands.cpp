// privacy export, privacy access-log (docs/cli.md).

#include "cli/AccessCommands.h"

#include "KeychainTokenStore.h"
#include "common/Secrets.h"
#include "privacy/AccessLog.h"
#include "privacy/PersonExport.h"
#include "report/PostMeasures.h"
#include "storage/Database.h"
#include "team/TeamMembership.h"
#include "team/TeamRoles.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace sportello::cli {

namespace {

int runExport(const Invocation &call)
{
    const QCommandLineParser &p = call.parser;
    if (call.arguments.size() != 1)
        return usageError(
            QCoreApplication::translate("Cli", "privacy export takes no other arguments than its options."));
    const QString author = p.value(QStringLiteral("author")).trimmed();
    const QString path = p.value(QStringLiteral("out"));
    if (author.isEmpty() || path.trimmed().isEmpty())
        return usageError(
            QCoreApplication::translate("Cli", "privacy export needs --author CHANNEL:AUTHOR_ID and --out FILE."));
    const QString formatText =
        p.isSet(QStringLiteral("format")) ? p.value(QStringLiteral("format")) : QStringLiteral("html");
    if (formatText != QLatin1String("html") && formatText != QLatin1String("json"))
        return usageError(
            QCoreApplication::translate("Cli", "Unknown format \"%1\": use html or json.").arg(formatText));
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto authorId = privacy::findAuthor(db->connection(), author);
    if (!authorId)
        return authorId.errorKind() == ErrorKind::InvalidInput ? usageError(authorId.error())
                                                               : fail(authorId.failure());
    const Agent agent = accessAgent(*db, p.value(QStringLiteral("agent")).trimmed());
    auto written = privacy::exportPersonData(db->connection(), *authorId, path,
                                             formatText == QLatin1String("json") ? privacy::PersonExportFormat::Json
                                                                                 : privacy::PersonExportFormat::Html,
                                             QLocale(), agent, QDateTime::currentMSecsSinceEpoch());
    if (!written)
        return fail(written.failure());
    out() << QCoreApplication::translate("Cli", "Wrote the data of %1 (%Ln post(s)) to %2.", nullptr, written->posts)
                 .arg(author, QDir::toNativeSeparators(path))
          << Qt::endl;
    return kOk;
}

// --since/--until DATE: the local day's start; --until's day is included.
int dayOption(const Invocation &call, const char *name, bool endOfDay, std::optional<qint64> &ms)
{
    const QString option = QString::fromLatin1(name);
    if (!call.parser.isSet(option))
        return kOk;
    auto day = parseReportDate(call.parser.value(option), QStringLiteral("--") + option);
    if (!day)
        return usageError(day.error());
    ms = QDateTime(endOfDay ? day->addDays(1) : *day, QTime(0, 0)).toMSecsSinceEpoch();
    return kOk;
}

int runAccessLog(const Invocation &call)
{
    if (call.arguments.size() != 1)
        return usageError(
            QCoreApplication::translate("Cli", "privacy access-log takes no other arguments than its options."));
    privacy::AccessLogFilter filter;
    if (int code = dayOption(call, "since", false, filter.sinceMs); code != kOk)
        return code;
    if (int code = dayOption(call, "until", true, filter.untilMs); code != kOk)
        return code;
    filter.agent = call.parser.value(QStringLiteral("agent")).trimmed();
    const bool json = call.parser.isSet(QStringLiteral("json"));

    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto own = team::ownTeamRole(db->connection());
    if (!own)
        return fail(own.failure());
    // Alone: this desktop's own records. In a team: the team's, which only the data protection
    // role reads (the database refuses anyone else too).
    std::unique_ptr<team::TeamConnection> connection;
    QSqlDatabase source = db->connection();
    privacy::AccessLogSource kind = privacy::AccessLogSource::Cache;
    if (own->has_value()) {
        if (!team::mayReadAccessLog(own.value()))
            return fail(Error{QCoreApplication::translate(
                                  "Cli", "The access records are read by the team's data protection officer (role dpo) "
                                         "alone; this cache joined the team as %1.")
                                  .arg((*own)->login),
                              ErrorKind::RefusedByPolicy});
        auto membership = team::TeamMembership::load(db->connection());
        if (!membership)
            return fail(membership.failure());
        accounts::KeychainTokenStore keychain;
        auto opened = membership->value().connect(&keychain);
        if (!opened)
            return fail(opened.failure());
        if (auto schema = team::requireCurrentTeamSchema((*opened)->db()); !schema)
            return fail(schema.failure());
        connection = std::move(*opened);
        source = connection->db();
        kind = privacy::AccessLogSource::Team;
    }
    // Page by page, so that years of records never sit in memory at once.
    constexpr qint64 kPage = 1000;
    QJsonArray all;
    for (qint64 offset = 0;; offset += kPage) {
        auto page = privacy::readAccessLog(source, kind, filter, offset, kPage);
        if (!page)
            return fail(page.failure());
        for (const privacy::AccessRecord &r : *page) {
            const QString at = QDateTime::fromMSecsSinceEpoch(r.atMs, Qt::UTC).toString(Qt::ISODate);
            if (json) {
                QJsonObject o{{QStringLiteral("id"), r.id},
                              {QStringLiteral("at"), at},
                              {QStringLiteral("agent_id"), r.agentId},
                              {QStringLiteral("agent_name"), r.agentName},
                              {QStringLiteral("kind"), r.kind},
                              {QStringLiteral("subject"), r.subject}};
                if (kind == privacy::AccessLogSource::Team)
                    o.insert(QStringLiteral("agent_login"), r.agentLogin);
                all.append(o);
            } else {
                out() << QStringLiteral("%1  %2  %3  %4\n")
                             .arg(at, r.agentLogin.isEmpty() ? r.agentName : r.agentLogin, r.kind, r.subject);
            }
        }
        if (page->size() < kPage)
            break;
    }
    if (json)
        out() << QJsonDocument(all).toJson(QJsonDocument::Compact) << '\n';
    out().flush();
    return kOk;
}

} // namespace

Agent accessAgent(Database &db, const QString &name)
{
    auto own = team::ownTeamRole(db.connection());
    if (own && own->has_value())
        return Agent{(*own)->login, (*own)->name.isEmpty() ? (*own)->login : (*own)->name};
    // The record must name someone: the system's user, else the account's home folder (a
    // scheduled job may run without USER), else the program itself.
    // A token pasted into --agent by mistake is not stored (common/Secrets.h).
    QString who = hideCredentials(name);
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        if (who.isEmpty())
            who = qEnvironmentVariable(variable).trimmed();
    }
    if (who.isEmpty())
        who = QDir::home().dirName();
    if (who.isEmpty())
        who = QStringLiteral("sportello-cli");
    return Agent{QStringLiteral("cli:") + who, who};
}

QList<QCommandLineOption> accessOptions()
{
    QList<QCommandLineOption> options;
    options.append(
        {QStringLiteral("author"),
         QCoreApplication::translate("Cli", "export: the person, as one of their accounts (linked accounts come too)."),
         QCoreApplication::translate("Cli", "CHANNEL:ID")});
    options.append({QStringLiteral("out"), QCoreApplication::translate("Cli", "export: the file to write."),
                      QCoreApplication::translate("Cli", "FILE")});
    options.append({QStringLiteral("format"),
                      QCoreApplication::translate(
                          "Cli", "export: html (a readable page, the default) or json (for another system)."),
                      QCoreApplication::translate("Cli", "FORMAT")});
    options.append(
        {QStringLiteral("agent"),
         QCoreApplication::translate(
             "Cli", "export: who signs the access record (alone; default: the system's user); access-log: only "
                    "this agent's records (a login in a team)."),
         QCoreApplication::translate("Cli", "NAME")});
    options.append({QStringLiteral("since"),
                      QCoreApplication::translate("Cli", "access-log: from this day (YYYY-MM-DD, local time)."),
                      QCoreApplication::translate("Cli", "DATE")});
    options.append({QStringLiteral("until"),
                      QCoreApplication::translate("Cli", "access-log: up to this day, included."),
                      QCoreApplication::translate("Cli", "DATE")});
    options.append(
        {QStringLiteral("json"), QCoreApplication::translate("Cli", "access-log: one JSON array on one line.")});
    return options;
}

QVector<PrivacyAction> privacyAccessActions()
{
    const QList<QCommandLineOption> options = accessOptions();
    return {
        {QStringLiteral("export"),
         QStringLiteral("export --author CHANNEL:ID --out FILE [--format html|json] [--agent NAME]"), options,
         runExport},
        {QStringLiteral("access-log"), QStringLiteral("access-log [--since DATE] [--until DATE] [--agent LOGIN] [--json]"),
         options, runAccessLog},
    };
}

} // namespace sportello::cli
