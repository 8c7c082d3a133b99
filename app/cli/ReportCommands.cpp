// report: CSV exports for scheduled jobs (docs/reports.md).

#include "cli/AccessCommands.h"
#include "cli/Cli.h"

#include "privacy/AccessLog.h"
#include "report/ReportExport.h"
#include "storage/Database.h"
#include "timers/PolicyStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>

namespace sportello::cli {

namespace {

QString opt(const Invocation &call, const char *name) { return call.parser.value(QString::fromLatin1(name)); }

bool isSet(const Invocation &call, const char *name) { return call.parser.isSet(QString::fromLatin1(name)); }

// The export's access record (privacy/AccessLog.h), once the file is written. Signed by the
// cache's login in a team, else by the system's user (--agent is the report's filter here). An
// export that cannot be recorded is not left behind.
Status recordExport(Database &db, qint64 now, const QString &table, const ReportFilter &filter,
                    const ExportOptions &options, const QString &path)
{
    Status recorded =
        privacy::recordAccess(db.connection(), now, accessAgent(db, QString()), privacy::AccessKind::ReportExport,
                              reportExportSubject(table, filter, options));
    if (!recorded)
        QFile::remove(path);
    return recorded;
}

int runReport(const Invocation &call)
{
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "report takes no arguments (got \"%1\").")
                              .arg(call.arguments.join(QLatin1Char(' '))));
    if (!isSet(call, "from") || !isSet(call, "to") || !isSet(call, "out"))
        return usageError(QCoreApplication::translate("Cli", "report needs --from DATE, --to DATE and --out FILE."));
    ReportFilter filter;
    auto from = parseReportDate(opt(call, "from"), QStringLiteral("--from"));
    auto to = parseReportDate(opt(call, "to"), QStringLiteral("--to"));
    if (!from)
        return usageError(from.error());
    if (!to)
        return usageError(to.error());
    filter.from = from.value();
    filter.to = to.value();
    if (isSet(call, "channel")) {
        filter.channel = channelFromId(opt(call, "channel"));
        if (!filter.channel)
            return usageError(QCoreApplication::translate("Cli", "Unknown channel \"%1\": use one of %2.")
                                  .arg(opt(call, "channel"), allChannelIds().join(QStringLiteral(", "))));
    }
    filter.category = opt(call, "category");
    filter.agent = opt(call, "agent");
    if (Status s = validate(filter); !s)
        return usageError(s.error());

    QVector<GroupField> groups;
    if (isSet(call, "group-by")) {
        auto parsed = parseGroupFields(opt(call, "group-by"));
        if (!parsed)
            return usageError(parsed.error());
        groups = parsed.value();
    }
    const QString table = opt(call, "table");
    if (!table.isEmpty() && table != QLatin1String("cetif") && table != QLatin1String("purpose") &&
        table != QLatin1String("histogram") && table != QLatin1String("handoffs"))
        return usageError(
            QCoreApplication::translate("Cli", "Unknown table \"%1\": use cetif, purpose, histogram or handoffs.")
                .arg(table));
    if (!table.isEmpty() && isSet(call, "group-by"))
        return usageError(QCoreApplication::translate("Cli", "--table and --group-by cannot be used together."));

    QString language = opt(call, "locale");
    if (language.isEmpty())
        language = QLocale().language() == QLocale::Italian ? QStringLiteral("it") : QStringLiteral("en");
    if (language != QLatin1String("it") && language != QLatin1String("en"))
        return usageError(QCoreApplication::translate("Cli", "Unknown locale \"%1\": use it or en.").arg(language));
    ExportOptions options;
    options.format = CsvFormat::forLanguage(language);
    if (isSet(call, "delimiter")) {
        const auto delimiter = CsvFormat::parseDelimiter(opt(call, "delimiter"));
        if (!delimiter)
            return usageError(QCoreApplication::translate("Cli", "Unknown delimiter \"%1\": use ';', ',' or tab.")
                                  .arg(opt(call, "delimiter")));
        options.format.delimiter = *delimiter;
    }
    if (options.format.delimiter == ',' && options.format.decimalComma)
        return usageError(QCoreApplication::translate("Cli",
                                                      "A ',' delimiter cannot go with the Italian decimal comma: "
                                                      "use --delimiter ';' or tab, or --locale en."));
    options.format.byteOrderMark = !isSet(call, "no-bom");
    // Pseudonymised unless personal data is asked for; --pseudonymise spells out the default.
    if (isSet(call, "pseudonymise") && isSet(call, "personal-data"))
        return usageError(
            QCoreApplication::translate("Cli", "--pseudonymise and --personal-data cannot be used together."));
    options.pseudonymise = !isSet(call, "personal-data");
    // A pseudonymised export always leaves the references out: asking for them is a mistake.
    if (isSet(call, "include-policyholder-ref") && options.pseudonymise)
        return usageError(QCoreApplication::translate("Cli", "--include-policyholder-ref needs --personal-data."));
    options.includePolicyholderRef = isSet(call, "include-policyholder-ref");
    const QString path = opt(call, "out");
    if (path.trimmed().isEmpty())
        return usageError(QCoreApplication::translate("Cli", "--out needs a file path."));

    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    // Outside staff do not export (the team's policy); the core refuses it too (ReportExport).
    auto audience = reportAudience(*db);
    if (!audience)
        return fail(audience.failure());
    if (Status s = checkExportAllowed(audience.value()); !s)
        return fail(s.failure());
    if (Status s = checkPersonalDataAllowed(*db, options); !s)
        return fail(s.failure());
    auto policy = PolicyStore(*db).active();
    if (!policy)
        return fail(policy.failure());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString shown = QDir::toNativeSeparators(path);

    if (groups.isEmpty() && table.isEmpty()) {
        auto rows = exportPostLog(*db, policy.value(), filter, now, path, options);
        if (!rows)
            return fail(rows.failure());
        if (Status s = recordExport(*db, now, QStringLiteral("post_log"), filter, options, path); !s)
            return fail(s.failure());
        out() << QCoreApplication::translate("Cli", "Wrote %Ln post(s) to %1.", nullptr, int(rows.value())).arg(shown)
              << Qt::endl;
        return kOk;
    }
    auto data = ReportData::build(*db, policy.value(), filter, now);
    if (!data)
        return fail(data.failure());
    Result<ReportTable> result = table == QLatin1String("cetif")       ? data.value()->cetif()
                                 : table == QLatin1String("purpose")   ? data.value()->purposes()
                                 : table == QLatin1String("histogram") ? data.value()->histogram()
                                 : table == QLatin1String("handoffs")  ? data.value()->handoffs()
                                                                       : data.value()->grouped(groups);
    if (!result)
        return fail(result.failure());
    if (Status s = exportTable(result.value(), path, options); !s)
        return fail(s.failure());
    const QString tableName = table.isEmpty() ? QStringLiteral("grouped:") + opt(call, "group-by") : table;
    if (Status s = recordExport(*db, now, tableName, filter, options, path); !s)
        return fail(s.failure());
    out() << QCoreApplication::translate("Cli", "Wrote %Ln row(s) to %1.", nullptr, int(result->rows.size())).arg(shown)
          << Qt::endl;
    return kOk;
}

} // namespace

QVector<Command> reportCommands()
{
    return {
        {QStringLiteral("report"),
         QCoreApplication::translate("Cli",
                                     "Export a CSV report: the post-level log, or figures grouped by category, "
                                     "decision, channel, star rating, agent, day, week, department or skill, or the "
                                     "Cetif, "
                                     "purpose, histogram or hand-offs table (columns in docs/reports.md). Refused to "
                                     "outside staff (the team's policy)."),
         QStringLiteral("report --from DATE --to DATE [--group-by FIELDS | --table cetif|purpose|histogram|handoffs] "
                        "[--channel ID] [--category ID] [--agent NAME] [--locale it|en] [--delimiter ';'|','|tab] "
                        "[--no-bom] [--pseudonymise | --personal-data] [--include-policyholder-ref] --out FILE"),
         [](QCommandLineParser &parser) {
             const QString date = QCoreApplication::translate("Cli", "DATE");
             parser.addOption(
                 {QStringLiteral("from"),
                  QCoreApplication::translate("Cli", "First day (YYYY-MM-DD, in the business calendar's time zone)."),
                  date});
             parser.addOption({QStringLiteral("to"), QCoreApplication::translate("Cli", "Last day, included."), date});
             parser.addOption(
                 {QStringLiteral("group-by"),
                  QCoreApplication::translate("Cli", "Aggregate by these fields, comma-separated: category, "
                                                     "decision, channel, rating, agent, day, week, department, "
                                                     "skill."),
                  QCoreApplication::translate("Cli", "FIELDS")});
             parser.addOption(
                 {QStringLiteral("table"),
                  QCoreApplication::translate("Cli", "Export the cetif, purpose, histogram or handoffs table."),
                  QCoreApplication::translate("Cli", "NAME")});
             parser.addOption({QStringLiteral("channel"),
                               QCoreApplication::translate("Cli", "Only posts of this channel."),
                               QCoreApplication::translate("Cli", "ID")});
             parser.addOption({QStringLiteral("category"),
                               QCoreApplication::translate("Cli", "Only posts of this category (or none)."),
                               QCoreApplication::translate("Cli", "ID")});
             parser.addOption({QStringLiteral("agent"),
                               QCoreApplication::translate("Cli", "Only posts this agent decided."),
                               QCoreApplication::translate("Cli", "NAME")});
             parser.addOption(
                 {QStringLiteral("locale"),
                  QCoreApplication::translate("Cli", "it: ';' and decimal comma; en: ',' and decimal point "
                                                     "(default: the system's language)."),
                  QCoreApplication::translate("Cli", "LANG")});
             parser.addOption({QStringLiteral("delimiter"),
                               QCoreApplication::translate("Cli", "Field delimiter: ';', ',' or tab."),
                               QCoreApplication::translate("Cli", "CHAR")});
             parser.addOption({QStringLiteral("no-bom"),
                               QCoreApplication::translate("Cli", "Leave out the UTF-8 byte-order mark.")});
             parser.addOption(
                 {QStringLiteral("pseudonymise"),
                  QCoreApplication::translate("Cli", "Replace author handles and names (and @mentions) with "
                                                     "a keyed hash, stable within this export (the default).")});
             parser.addOption(
                 {QStringLiteral("personal-data"),
                  QCoreApplication::translate("Cli", "Keep customers' handles, names and ids as they are (in a team: "
                                                     "supervisors, admins and the data protection officer only).")});
             parser.addOption(
                 {QStringLiteral("include-policyholder-ref"),
                  QCoreApplication::translate("Cli", "With --personal-data: keep customers' policyholder references "
                                                     "in the posts' text (left out otherwise).")});
             parser.addOption({QStringLiteral("out"), QCoreApplication::translate("Cli", "The CSV file to write."),
                               QCoreApplication::translate("Cli", "FILE")});
         },
         runReport},
    };
}

} // namespace sportello::cli
