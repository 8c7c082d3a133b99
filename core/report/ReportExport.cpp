#include "report/ReportExport.h"

#include "common/Secrets.h"
#include "compose/PersonalReference.h"
#include "storage/Database.h"
#include "team/TeamRoles.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace sportello {

QStringList postLogColumns()
{
    return {QStringLiteral("post_id"),
            QStringLiteral("thread_id"),
            QStringLiteral("channel"),
            QStringLiteral("visibility"),
            QStringLiteral("author_handle"),
            QStringLiteral("author_name"),
            QStringLiteral("arrived_at"),
            QStringLiteral("category"),
            QStringLiteral("category_source"),
            QStringLiteral("decision"),
            QStringLiteral("decision_source"),
            QStringLiteral("agent"),
            QStringLiteral("decided_at"),
            QStringLiteral("delivered_at"),
            QStringLiteral("first_response_at"),
            QStringLiteral("first_response_kind"),
            QStringLiteral("first_response_business_min"),
            QStringLiteral("first_response_calendar_min"),
            QStringLiteral("target_min"),
            QStringLiteral("target_clock"),
            QStringLiteral("due_at"),
            QStringLiteral("outcome"),
            QStringLiteral("complaint_deadline_at"),
            QStringLiteral("text")};
}

namespace {

void header(CsvWriter &csv, const QStringList &columns)
{
    for (const QString &c : columns)
        csv.text(c);
}

void optionalTime(CsvWriter &csv, qint64 ms, IsoTimeFormatter &times)
{
    if (ms < 0)
        csv.null();
    else
        csv.timestamp(ms, times);
}

void optionalMinutes(CsvWriter &csv, qint64 ms)
{
    if (ms < 0)
        csv.null();
    else
        csv.minutesFromMs(ms);
}

} // namespace

Result<qint64> exportPostLog(Database &database, const ResponsePolicy &policy, const ReportFilter &filter, qint64 nowMs,
                             const QString &path, const ExportOptions &options, const std::atomic<bool> *cancelled)
{
    if (Status s = validate(filter); !s)
        return s.failure();
    // Outside staff do not export (the team's policy): refused before any file is made.
    auto audience = reportAudience(database);
    if (!audience)
        return audience.failure();
    if (Status s = checkExportAllowed(audience.value()); !s)
        return s.failure();
    if (Status s = checkPersonalDataAllowed(database, options); !s)
        return s.failure();
    CsvWriter csv(path, options.format);
    if (Status s = csv.open(); !s)
        return s.failure();
    header(csv, postLogColumns());
    if (Status s = csv.endRow(); !s)
        return s.failure();

    // The stored policyholder references, in whatever form a customer wrote them in a post.
    QStringList references;
    if (!options.includePolicyholderRef || options.pseudonymise) {
        auto keys = storedReferenceKeys(database.connection());
        if (!keys) {
            csv.cancel();
            return keys.failure();
        }
        references = std::move(keys).value();
    }
    const QString masked = QString::fromLatin1(kMaskedReference);
    const TempStoreOnDisk tempStore(database.connection()); // the sort by arrival spills to disk
    const Pseudonymiser pseudonyms;
    IsoTimeFormatter times(policy.calendar.timeZone());
    Status failure;
    MeasureOptions measureOptions;
    measureOptions.filter = filter;
    measureOptions.nowMs = nowMs;
    measureOptions.cancelled = cancelled;
    const Status read = forEachPostMeasure(database, policy, measureOptions, [&](const PostMeasure &m) {
        if (options.pseudonymise) {
            // A platform id leads back to the author's post as surely as the handle does.
            csv.text(pseudonyms.idPseudonym(m.postExternalId));
            csv.text(pseudonyms.idPseudonym(m.threadExternalId));
        } else {
            csv.identifier(m.postExternalId);
            csv.identifier(m.threadExternalId);
        }
        csv.text(toId(m.channel));
        csv.text(toId(m.visibility));
        if (options.pseudonymise) {
            // Names are replaced by the handle's pseudonym: the same person, no name.
            const QString alias = pseudonyms.pseudonym(m.authorHandle);
            csv.text(alias);
            csv.text(alias);
        } else {
            csv.text(m.authorHandle);
            csv.text(m.authorName);
        }
        csv.timestamp(m.arrivedMs, times);
        csv.text(m.category);
        csv.text(m.categorySource);
        csv.text(m.decision ? toId(*m.decision) : QString());
        csv.text(m.decisionSource);
        csv.text(m.agent);
        optionalTime(csv, m.decidedMs, times);
        optionalTime(csv, m.deliveredMs, times);
        optionalTime(csv, m.answeredMs, times);
        csv.text(m.responseKind);
        optionalMinutes(csv, m.responseBusinessMs);
        optionalMinutes(csv, m.responseCalendarMs);
        csv.minutesFromMs(m.targetMs);
        csv.text(m.businessClock ? QStringLiteral("business") : QStringLiteral("calendar"));
        csv.timestamp(m.dueMs, times);
        csv.text(toId(m.outcome));
        optionalTime(csv, m.complaintDeadlineMs, times);
        const QString text = references.isEmpty() ? m.text : maskReferences(m.text, references, masked);
        csv.text(options.pseudonymise ? pseudonyms.maskMentions(text) : text);
        if (Status s = csv.endRow(); !s) {
            failure = s;
            return false;
        }
        return true;
    });
    if (!failure)
        return failure.failure();
    if (!read) {
        csv.cancel();
        return read.failure();
    }
    const qint64 rows = csv.rowsWritten() - 1;
    if (Status s = csv.commit(); !s)
        return s.failure();
    return rows;
}

Status checkPersonalDataAllowed(Database &database, const ExportOptions &options)
{
    if (options.pseudonymise)
        return {};
    auto own = team::ownTeamRole(database.connection());
    if (!own)
        return own.failure();
    if (team::mayExportPersonalData(own.value()))
        return {};
    return Error{QCoreApplication::translate("Report",
                                             "Exports with customers' names and texts are for a supervisor, an admin "
                                             "or the data protection officer: export it pseudonymised (the "
                                             "default), or ask one of them."),
                 ErrorKind::RefusedByPolicy};
}

QString reportExportSubject(const QString &table, const ReportFilter &filter, const ExportOptions &options)
{
    QJsonObject subject{{QStringLiteral("table"), table},
                        {QStringLiteral("from"), filter.from.toString(Qt::ISODate)},
                        {QStringLiteral("to"), filter.to.toString(Qt::ISODate)},
                        {QStringLiteral("pseudonymised"), options.pseudonymise}};
    if (filter.channel)
        subject.insert(QStringLiteral("channel"), toId(*filter.channel));
    if (!filter.category.isEmpty())
        subject.insert(QStringLiteral("category"), hideCredentials(filter.category));
    // What was typed in the filter is stored: a token pasted there by mistake is not (common/Secrets).
    if (!filter.agent.isEmpty())
        subject.insert(QStringLiteral("agent"), hideCredentials(filter.agent));
    if (options.includePolicyholderRef && !options.pseudonymise)
        subject.insert(QStringLiteral("policyholder_refs"), true);
    return QString::fromUtf8(QJsonDocument(subject).toJson(QJsonDocument::Compact));
}

Status exportTable(const ReportTable &table, const QString &path, const ExportOptions &options)
{
    if (table.forOutsideStaff)
        return Error{exportRefusedMessage(), ErrorKind::RefusedByPolicy};
    CsvWriter csv(path, options.format);
    if (Status s = csv.open(); !s)
        return s;
    for (const ReportColumn &c : table.columns)
        csv.text(c.id);
    if (Status s = csv.endRow(); !s)
        return s;
    for (const auto &row : table.rows) {
        for (int c = 0; c < table.columns.size(); ++c) {
            const QVariant &v = row.value(c);
            if (v.isNull()) {
                csv.null();
                continue;
            }
            switch (table.columns.at(c).type) {
            case ColumnType::Integer: csv.integer(v.toLongLong()); break;
            case ColumnType::Minutes: csv.decimal(v.toDouble(), 2); break;
            case ColumnType::Share: csv.decimal(v.toDouble(), 4); break;
            case ColumnType::Text:
            case ColumnType::Date: csv.text(v.toString()); break;
            }
        }
        if (Status s = csv.endRow(); !s)
            return s;
    }
    return csv.commit();
}

} // namespace sportello
