#include "report/ReportJob.h"

#include "cache/OpenCache.h"
#include "storage/Database.h"
#include "timers/PolicyStore.h"

#include <QSqlQuery>

namespace sportello {

namespace {

Result<std::unique_ptr<Database>> openExisting(const QString &path)
{
    Database::Options options;
    options.createIfMissing = false;
    return openCache(path, options);
}

} // namespace

Result<ReportTables> computeReportTables(const QString &databasePath, const ReportFilter &filter,
                                         const QVector<GroupField> &grouping, qint64 nowMs,
                                         const std::atomic<bool> *cancelled,
                                         const std::function<void(qint64, qint64)> &progress)
{
    auto db = openExisting(databasePath);
    if (!db)
        return db.failure();
    auto policy = PolicyStore(*db.value()).active();
    if (!policy)
        return policy.failure();
    auto data = ReportData::build(*db.value(), policy.value(), filter, nowMs, cancelled, progress);
    if (!data)
        return data.failure();
    const ReportData &report = *data.value();
    ReportTables tables;
    tables.filter = filter;
    tables.audience = report.audience();
    tables.grouping = grouping;
    tables.postCount = report.postCount();
    // By category once: the grouped table when that is the grouping, and the Cetif and purpose tables.
    auto byCategory = report.grouped({GroupField::Category});
    if (!byCategory)
        return byCategory.failure();
    auto grouped = grouping == QVector<GroupField>{GroupField::Category} ? byCategory : report.grouped(grouping);
    if (!grouped)
        return grouped.failure();
    auto cetif = report.cetif(byCategory.value());
    if (!cetif)
        return cetif.failure();
    auto purposes = report.purposes(byCategory.value());
    if (!purposes)
        return purposes.failure();
    auto histogram = report.histogram();
    if (!histogram)
        return histogram.failure();
    auto handoffs = report.handoffs();
    if (!handoffs)
        return handoffs.failure();
    auto days = grouping == QVector<GroupField>{GroupField::Day} ? grouped : report.grouped({GroupField::Day});
    if (!days)
        return days.failure();
    tables.grouped = std::move(grouped.value());
    tables.cetif = std::move(cetif.value());
    tables.purposes = std::move(purposes.value());
    tables.histogram = std::move(histogram.value());
    tables.handoffs = std::move(handoffs.value());
    tables.days = std::move(days.value());
    return tables;
}

Result<qint64> exportPostLogFile(const QString &databasePath, const ReportFilter &filter, qint64 nowMs,
                                 const QString &path, const ExportOptions &options, const std::atomic<bool> *cancelled)
{
    auto db = openExisting(databasePath);
    if (!db)
        return db.failure();
    auto policy = PolicyStore(*db.value()).active();
    if (!policy)
        return policy.failure();
    return exportPostLog(*db.value(), policy.value(), filter, nowMs, path, options, cancelled);
}

QStringList decisionAgents(Database &database)
{
    QStringList agents;
    const auto audience = reportAudience(database);
    if (!audience)
        return agents; // only the filter's list is shorter
    QSqlQuery query(database.connection());
    if (audience->outsideStaff) {
        // Their own name as their decisions carry it, then everyone else as one.
        if (query.prepare(QStringLiteral("SELECT DISTINCT agent_name FROM decisions WHERE agent_id = ? "
                                         "ORDER BY agent_name"))) {
            query.addBindValue(audience->ownLogin);
            if (query.exec())
                while (query.next())
                    agents << query.value(0).toString();
        }
        QSqlQuery others(database.connection());
        if (others.prepare(QStringLiteral("SELECT 1 FROM decisions WHERE agent_id <> ? LIMIT 1"))) {
            others.addBindValue(audience->ownLogin);
            if (others.exec() && others.next())
                agents << colleagueName();
        }
        return agents;
    }
    if (query.exec(QStringLiteral("SELECT DISTINCT agent_name FROM decisions ORDER BY agent_name")))
        while (query.next())
            agents << query.value(0).toString();
    return agents; // on failure only the filter's list is shorter
}

} // namespace sportello
