#pragma once
// The aggregated reports (docs/reports.md). Every table is SQL over the stored measures of the
// posts (post_measures, core/report/MeasureStore), brought up to date when a report is built.
// The report window's groupings (category, day) read indexes made for them: a GROUP BY in index
// order, and each median and 90th percentile an OFFSET into its group's values. Any other
// grouping uses window functions over the same rows. A report over a million posts never holds
// them in memory.

#include "common/Result.h"
#include "report/PostMeasures.h"

#include <QDate>
#include <QHash>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <QVector>
#include <functional>
#include <memory>
#include <optional>

namespace sportello {

class Database;

// Department and Skill come from the deciding agent's row of team_agents (agent_id = login):
// "none" for no department (or no agent, or a desktop alone); a post counts under each skill
// category of its agent, "any" for an agent without skills, "none" without an agent.
// Rating: the star rating of an app-store review (1 to 5, "none" for every other post).
enum class GroupField { Category, Decision, Channel, Agent, Day, Week, Department, Skill, Rating };
QString toId(GroupField field);
QString label(GroupField field);
QVector<GroupField> allGroupFields();
// "category,day" -> fields; unknown or repeated names are refused with the list of known ones.
Result<QVector<GroupField>> parseGroupFields(const QString &text);

// A column of a report table. The id is the stable English header of the CSV export.
enum class ColumnType { Text, Integer, Minutes, Share, Date };
struct ReportColumn {
    QString id;
    ColumnType type = ColumnType::Text;
};

// A small table (one row per group): values are QString, qint64, double or null.
struct ReportTable {
    QVector<ReportColumn> columns;
    QVector<QVector<QVariant>> rows;
    // Computed for outside staff (ReportAudience): names masked, and exportTable() refuses it.
    bool forOutsideStaff = false;
    int column(const QString &id) const;
    QString columnLabel(int column) const; // translated, for people
};

// Who reads the reports of a cache. Outside staff (a cache joined to a team as a login whose
// role in team_agents is external) see their own name and "Colleague" for every other agent,
// and may not export (the team's policy; docs/reports.md). A desktop alone, or any other role,
// sees every name and exports.
struct ReportAudience {
    QString ownLogin;          // the joined login; empty alone
    bool outsideStaff = false;
    AgentMasking masking() const;
};
Result<ReportAudience> reportAudience(Database &database);
// RefusedByPolicy with the team's policy for outside staff; success for anyone else.
Status checkExportAllowed(const ReportAudience &audience);
QString exportRefusedMessage();
QString colleagueName(); // "Colleague", translated

// Bins of the response-time histogram, in business minutes: [0,15), [15,30), ... [1440, inf).
const QVector<int> &histogramEdgesMinutes();

class ReportData {
public:
    // Reads the posts of the filter into a temporary table. `nowMs` decides which waiting posts
    // have already missed their target. Who reads it (reportAudience()) is read here too: for
    // outside staff, colleagues' names are masked in the query and every table is marked.
    // `cancelled`, when set, stops the build with cancelledMessage().
    // The posts' measures are the stored ones (core/report/MeasureStore), brought up to date
    // first; `progress` follows that recompute when the policy changed or many threads did.
    static Result<std::unique_ptr<ReportData>> build(Database &database, const ResponsePolicy &policy,
                                                     const ReportFilter &filter, qint64 nowMs,
                                                     const std::atomic<bool> *cancelled = nullptr,
                                                     const std::function<void(qint64, qint64)> &progress = {});
    ~ReportData();
    ReportData(const ReportData &) = delete;
    ReportData &operator=(const ReportData &) = delete;

    const ReportFilter &filter() const { return m_filter; }
    const ReportAudience &audience() const { return m_audience; }
    qint64 postCount() const { return m_postCount; }

    // Per group: posts, share, answered, mean/median/p90 of first response in business and in
    // calendar minutes, met, missed, share within target, handed off (first response = the
    // hand-off's delivery to customer care). No fields: one row for everything. By agent alone,
    // also guard_overrides: the agent's overrides of the personal-data guard in the report's days.
    Result<ReportTable> grouped(const QVector<GroupField> &fields) const;
    // For each category: the share of each decision and the mean and median response time, with
    // the ranges the Cetif study observed (selective and systematic practice) beside them.
    Result<ReportTable> cetif() const;
    // The same from grouped({Category}), when the caller has it already.
    Result<ReportTable> cetif(const ReportTable &byCategory) const;
    // Activity by purpose (engagement, promotion, assistance) with the study's shares.
    Result<ReportTable> purposes() const;
    Result<ReportTable> purposes(const ReportTable &byCategory) const;
    // Posts per category and response-time bin (business minutes), answered posts only.
    Result<ReportTable> histogram() const;
    // Hand-offs to customer care forwarded in the report's days, by the state care reported
    // (sent, received, in_progress, resolved; docs/handoff.md): how many, how many were
    // complaints, how many complaints were resolved by their 45-day deadline (the clock stopped in
    // time), and the mean and median calendar minutes from the forward to the resolution. One row
    // per state, in that order, zeros included.
    Result<ReportTable> handoffs() const;

private:
    // What the pass by category counts beside its table, for the Cetif table and the histogram.
    struct CategoryCounts {
        QStringList order;                                 // the categories, in the table's order
        QHash<QString, QHash<QString, qint64>> decisions;  // posts by category and decision
        QHash<QString, qint64> answered;                   // posts with a business time
        QHash<QString, QVector<qint64>> atLeast;           // per histogram edge: at least that long
    };
    Result<CategoryCounts> categoryCounts() const;
    static const QStringList &cetifDecisions();
    Status addGuardOverrides(ReportTable &table) const;
    Result<ReportTable> groupedFromIndex(GroupField field) const;
    static const QVector<ReportColumn> &measureColumns();
    // SQL over post_measures; each appends the values of its placeholders to `values`, in order.
    QString measureWhere(QVariantList &values) const;
    QString measureRows(QVariantList &values) const;
    QString maskedAgent(QVariantList &values) const;
    QString missed(QVariantList &values) const;
    // `statement` with `values` bound in order, run, to read forward.
    Result<QSqlQuery> run(const QString &statement, const QVariantList &values) const;
    Result<QVariant> scalar(const QString &statement, const QVariantList &values) const;
    ReportData(Database &database, ResponsePolicy policy, ReportFilter filter, ReportAudience audience);
    Database &m_database;
    ResponsePolicy m_policy;
    ReportFilter m_filter;
    ReportAudience m_audience;
    std::unique_ptr<TempStoreOnDisk> m_tempStore; // made before the temporary measures, if any
    qint64 m_nowMs = 0;
    qint64 m_postCount = 0;
    mutable std::optional<CategoryCounts> m_categoryCounts; // from the last pass by category
};

// The days a report window opens on: from the first to the last inbound post of the cache, in the
// active calendar's time zone (the system's when no policy can be read), ending today at the
// latest and spanning 91 days at most; the last 30 days when the cache holds no post.
struct DateSpan {
    QDate first;
    QDate last;
};
Result<DateSpan> reportDateSpan(Database &database, qint64 nowMs);

} // namespace sportello
