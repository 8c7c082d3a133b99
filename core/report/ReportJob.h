#pragma once
// A report's work for another thread (the report window's worker): each call opens its own
// connection to the cache file, which WAL lets it read while the GUI's connection writes, and
// returns only the small tables a window shows. `cancelled` is checked for every post read.

#include "report/ReportExport.h"

#include <atomic>

namespace sportello {

class Database;

// Every table the report window shows, computed from one build of the report.
struct ReportTables {
    ReportFilter filter;
    ReportAudience audience; // outside staff: names masked, exports refused
    QVector<GroupField> grouping;
    qint64 postCount = 0;
    ReportTable grouped;
    ReportTable cetif;
    ReportTable purposes;
    ReportTable histogram;
    ReportTable handoffs; // hand-offs to customer care by state (ReportData::handoffs)
    ReportTable days; // grouped({Day}), for the daily chart
};

// `progress` follows the recompute of the stored measures first (after a policy change, or
// when many threads changed since the last report): threads done, of how many.
Result<ReportTables> computeReportTables(const QString &databasePath, const ReportFilter &filter,
                                         const QVector<GroupField> &grouping, qint64 nowMs,
                                         const std::atomic<bool> *cancelled = nullptr,
                                         const std::function<void(qint64, qint64)> &progress = {});

// exportPostLog() on a connection of its own, under the active policy.
Result<qint64> exportPostLogFile(const QString &databasePath, const ReportFilter &filter, qint64 nowMs,
                                 const QString &path, const ExportOptions &options,
                                 const std::atomic<bool> *cancelled = nullptr);

// The names of the agents who decided anything, for a filter's list. For outside staff, their
// own name and colleagueName() (ReportAudience): a colleague's name is never read out.
QStringList decisionAgents(Database &database);

} // namespace sportello
