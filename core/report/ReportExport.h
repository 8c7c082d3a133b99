#pragma once
// CSV exports of the reports: the post-level log (streamed from the cache) and any aggregated
// table. Used by `sportello-cli report` and by the report window alike. Columns: docs/reports.md.

#include "common/Result.h"
#include "report/CsvWriter.h"
#include "report/ReportData.h"

namespace sportello {

struct ExportOptions {
    CsvFormat format;
    // Pseudonymised unless personal data is asked for (docs/reports.md): an export leaves the
    // team lead's machine, and a file of customers' names and texts must be meant. Only those
    // allowed to take personal data out (team::mayExportPersonalData) may turn this off.
    bool pseudonymise = true;
    // A policyholder reference stored on a customer (core/customers) is personal data: the text
    // column shows it as kMaskedReference unless this is asked for, and never when pseudonymised.
    bool includePolicyholderRef = false;
};

// What stands in a post's text for a policyholder reference left out of an export.
inline constexpr const char *kMaskedReference = "[policyholder-ref]";

// The stable column identifiers of the post-level log, in order.
QStringList postLogColumns();

// Writes one row per inbound post of the filter. Returns the number of rows written. Setting
// `cancelled` stops it with cancelledMessage() and leaves no file. Refused (RefusedByPolicy,
// no file) on a cache joined as outside staff (ReportAudience), and without pseudonymisation
// on a cache whose role may not take personal data out (checkPersonalDataAllowed).
Result<qint64> exportPostLog(Database &database, const ResponsePolicy &policy, const ReportFilter &filter, qint64 nowMs,
                             const QString &path, const ExportOptions &options,
                             const std::atomic<bool> *cancelled = nullptr);

// Writes an aggregated table; numbers stay numbers, shares are fractions (0.25), minutes decimals.
// Agent names are staff, not customers: pseudonymising leaves aggregated tables as they are.
// A table computed for outside staff (ReportTable::forOutsideStaff) is refused, no file made.
Status exportTable(const ReportTable &table, const QString &path, const ExportOptions &options);

// RefusedByPolicy when an export with personal data (not pseudonymised) is asked on a cache
// whose team role may not take personal data out (an agent's, an external's); success alone.
Status checkPersonalDataAllowed(Database &database, const ExportOptions &options);

// What an export was, for its access record (privacy/AccessLog.h): the table ("post_log",
// "cetif", "grouped:agent,day"...), the range and the filter, and whether it was pseudonymised.
// Never a customer's data: the filter's fields are the agent's own choices.
QString reportExportSubject(const QString &table, const ReportFilter &filter, const ExportOptions &options);

} // namespace sportello
