#include "report/ReportData.h"

#include "report/MeasureStore.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamRoles.h"
#include "timers/PolicyStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>
#include <atomic>
#include <tuple>

namespace sportello {

namespace {

Error databaseError(const QSqlQuery &query) { return sql::failure(query.lastError()); }

// The interpolated quantile q of column `v` within its group (the same as a spreadsheet's
// PERCENTILE.INC / MEDIAN): rank h = (n-1)q, value v[floor h] + (h - floor h)(v[floor h + 1] - v[floor h]),
// where `rank` numbers the group's non-null values from 0 in ascending order.
QString quantileSql(const QString &v, const QString &rank, const QString &n, const char *q)
{
    const QString h = QStringLiteral("((%1 - 1) * %2)").arg(n, QLatin1String(q));
    const QString lo = QStringLiteral("CAST(%1 AS INTEGER)").arg(h);
    return QStringLiteral("sum(CASE WHEN %1 IS NULL THEN NULL WHEN %2 = %3 THEN %1 * (1 - (%4 - %3)) "
                          "WHEN %2 = %3 + 1 THEN %1 * (%4 - %3) END) / 60000.0")
        .arg(v, rank, lo, h);
}

QString groupColumn(GroupField field)
{
    return toId(field); // the temporary table's columns have the group fields' names
}

QVariant nullable(const QVariant &v) { return v.isNull() ? QVariant() : v; }

} // namespace

QString toId(GroupField field)
{
    switch (field) {
    case GroupField::Category: return QStringLiteral("category");
    case GroupField::Decision: return QStringLiteral("decision");
    case GroupField::Channel: return QStringLiteral("channel");
    case GroupField::Agent: return QStringLiteral("agent");
    case GroupField::Day: return QStringLiteral("day");
    case GroupField::Week: return QStringLiteral("week");
    case GroupField::Department: return QStringLiteral("department");
    case GroupField::Skill: return QStringLiteral("skill");
    case GroupField::Rating: return QStringLiteral("rating");
    }
    return {};
}

QString label(GroupField field)
{
    switch (field) {
    case GroupField::Category: return QCoreApplication::translate("Report", "Category");
    case GroupField::Decision: return QCoreApplication::translate("Report", "Decision");
    case GroupField::Channel: return QCoreApplication::translate("Report", "Channel");
    case GroupField::Agent: return QCoreApplication::translate("Report", "Agent");
    case GroupField::Day: return QCoreApplication::translate("Report", "Day");
    case GroupField::Week: return QCoreApplication::translate("Report", "Week");
    case GroupField::Department: return QCoreApplication::translate("Report", "Department");
    case GroupField::Skill: return QCoreApplication::translate("Report", "Skill");
    case GroupField::Rating: return QCoreApplication::translate("Report", "Star rating");
    }
    return {};
}

QVector<GroupField> allGroupFields()
{
    return {GroupField::Category, GroupField::Decision, GroupField::Channel,    GroupField::Rating, GroupField::Agent,
            GroupField::Day,      GroupField::Week,     GroupField::Department, GroupField::Skill};
}

Result<QVector<GroupField>> parseGroupFields(const QString &text)
{
    QStringList known;
    for (GroupField f : allGroupFields())
        known << toId(f);
    QVector<GroupField> fields;
    const QStringList names = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (names.isEmpty())
        return Error{QCoreApplication::translate("Report", "--group-by needs one or more of %1, separated by commas.")
                         .arg(known.join(QStringLiteral(", "))),
                     ErrorKind::InvalidInput};
    for (const QString &raw : names) {
        const QString name = raw.trimmed().toLower();
        const qsizetype index = known.indexOf(name);
        if (index < 0)
            return Error{QCoreApplication::translate("Report", "Unknown group-by field \"%1\": use %2.")
                             .arg(raw.trimmed(), known.join(QStringLiteral(", "))),
                         ErrorKind::InvalidInput};
        const GroupField field = allGroupFields().at(index);
        if (fields.contains(field))
            return Error{QCoreApplication::translate("Report", "The group-by field \"%1\" is given twice.").arg(name),
                         ErrorKind::InvalidInput};
        fields << field;
    }
    return fields;
}

int ReportTable::column(const QString &id) const
{
    for (int i = 0; i < columns.size(); ++i)
        if (columns.at(i).id == id)
            return i;
    return -1;
}

QString ReportTable::columnLabel(int c) const
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("category"), QT_TRANSLATE_NOOP("Report", "Category")},
        {QStringLiteral("decision"), QT_TRANSLATE_NOOP("Report", "Decision")},
        {QStringLiteral("channel"), QT_TRANSLATE_NOOP("Report", "Channel")},
        {QStringLiteral("agent"), QT_TRANSLATE_NOOP("Report", "Agent")},
        {QStringLiteral("day"), QT_TRANSLATE_NOOP("Report", "Day")},
        {QStringLiteral("week"), QT_TRANSLATE_NOOP("Report", "Week of")},
        {QStringLiteral("department"), QT_TRANSLATE_NOOP("Report", "Department")},
        {QStringLiteral("skill"), QT_TRANSLATE_NOOP("Report", "Skill")},
        {QStringLiteral("rating"), QT_TRANSLATE_NOOP("Report", "Star rating")},
        {QStringLiteral("posts"), QT_TRANSLATE_NOOP("Report", "Posts")},
        {QStringLiteral("share"), QT_TRANSLATE_NOOP("Report", "Share")},
        {QStringLiteral("answered"), QT_TRANSLATE_NOOP("Report", "Answered")},
        {QStringLiteral("mean_business_min"), QT_TRANSLATE_NOOP("Report", "Mean (bus.)")},
        {QStringLiteral("median_business_min"), QT_TRANSLATE_NOOP("Report", "Median (bus.)")},
        {QStringLiteral("p90_business_min"), QT_TRANSLATE_NOOP("Report", "P90 (bus.)")},
        {QStringLiteral("mean_calendar_min"), QT_TRANSLATE_NOOP("Report", "Mean (cal.)")},
        {QStringLiteral("median_calendar_min"), QT_TRANSLATE_NOOP("Report", "Median (cal.)")},
        {QStringLiteral("p90_calendar_min"), QT_TRANSLATE_NOOP("Report", "P90 (cal.)")},
        {QStringLiteral("met"), QT_TRANSLATE_NOOP("Report", "Met")},
        {QStringLiteral("missed"), QT_TRANSLATE_NOOP("Report", "Missed")},
        {QStringLiteral("share_within_target"), QT_TRANSLATE_NOOP("Report", "Within target")},
        {QStringLiteral("handed_off"), QT_TRANSLATE_NOOP("Report", "Handed off")},
        {QStringLiteral("guard_overrides"), QT_TRANSLATE_NOOP("Report", "Guard overrides")},
        {QStringLiteral("study_selective_low_min"), QT_TRANSLATE_NOOP("Report", "Selective: from (min)")},
        {QStringLiteral("study_selective_high_min"), QT_TRANSLATE_NOOP("Report", "Selective: to (min)")},
        {QStringLiteral("mean_within_selective_range"), QT_TRANSLATE_NOOP("Report", "Within selective range")},
        {QStringLiteral("study_systematic_low_min"), QT_TRANSLATE_NOOP("Report", "Systematic: from (min)")},
        {QStringLiteral("study_systematic_high_min"), QT_TRANSLATE_NOOP("Report", "Systematic: to (min)")},
        {QStringLiteral("mean_within_systematic_range"), QT_TRANSLATE_NOOP("Report", "Within systematic range")},
        {QStringLiteral("share_reply_public"), QT_TRANSLATE_NOOP("Report", "Replied publicly")},
        {QStringLiteral("share_reply_private"), QT_TRANSLATE_NOOP("Report", "Replied privately")},
        {QStringLiteral("share_forward"), QT_TRANSLATE_NOOP("Report", "Forwarded to care")},
        {QStringLiteral("share_close"), QT_TRANSLATE_NOOP("Report", "Closed without reply")},
        {QStringLiteral("share_no_decision"), QT_TRANSLATE_NOOP("Report", "Not yet answered")},
        {QStringLiteral("study_policy"), QT_TRANSLATE_NOOP("Report", "Study practice")},
        {QStringLiteral("study_low_min"), QT_TRANSLATE_NOOP("Report", "Study: from (min)")},
        {QStringLiteral("study_high_min"), QT_TRANSLATE_NOOP("Report", "Study: to (min)")},
        {QStringLiteral("mean_within_study_range"), QT_TRANSLATE_NOOP("Report", "Mean within study range")},
        {QStringLiteral("purpose"), QT_TRANSLATE_NOOP("Report", "Purpose")},
        {QStringLiteral("study_share"), QT_TRANSLATE_NOOP("Report", "Study share")},
        {QStringLiteral("bin_from_min"), QT_TRANSLATE_NOOP("Report", "From (business min)")},
        {QStringLiteral("bin_to_min"), QT_TRANSLATE_NOOP("Report", "To (business min)")},
        {QStringLiteral("state"), QT_TRANSLATE_NOOP("Report", "Hand-off state")},
        {QStringLiteral("handoffs"), QT_TRANSLATE_NOOP("Report", "Hand-offs")},
        {QStringLiteral("complaints"), QT_TRANSLATE_NOOP("Report", "Complaints")},
        {QStringLiteral("complaints_resolved_in_time"), QT_TRANSLATE_NOOP("Report", "Complaints resolved in time")},
        {QStringLiteral("mean_resolution_min"), QT_TRANSLATE_NOOP("Report", "Mean to resolution (cal.)")},
        {QStringLiteral("median_resolution_min"), QT_TRANSLATE_NOOP("Report", "Median to resolution (cal.)")},
    };
    const QString id = columns.value(c).id;
    const char *text = labels.value(id);
    return text ? QCoreApplication::translate("Report", text) : id;
}

const QVector<int> &histogramEdgesMinutes()
{
    static const QVector<int> edges{0, 15, 30, 60, 120, 240, 480, 1440};
    return edges;
}

AgentMasking ReportAudience::masking() const
{
    AgentMasking masking;
    masking.active = outsideStaff;
    masking.ownLogin = ownLogin;
    masking.colleague = colleagueName();
    return masking;
}

QString colleagueName() { return QCoreApplication::translate("Report", "Colleague"); }

QString exportRefusedMessage()
{
    return QCoreApplication::translate("Report", "The team's policy: outside staff do not export reports. The figures "
                                                 "can be read in the report window.");
}

Result<ReportAudience> reportAudience(Database &database)
{
    auto own = team::ownTeamRole(database.connection());
    if (!own)
        return own.failure();
    ReportAudience audience;
    if (own->has_value())
        audience.ownLogin = own->value().login;
    audience.outsideStaff = team::isOutsideStaff(own.value());
    return audience;
}

Status checkExportAllowed(const ReportAudience &audience)
{
    if (audience.outsideStaff)
        return Error{exportRefusedMessage(), ErrorKind::RefusedByPolicy};
    return {};
}

ReportData::ReportData(Database &database, ResponsePolicy policy, ReportFilter filter, ReportAudience audience)
    : m_database(database), m_policy(std::move(policy)), m_filter(std::move(filter)), m_audience(std::move(audience)),
      m_tempStore(std::make_unique<TempStoreOnDisk>(database.connection()))
{}

ReportData::~ReportData()
{
    dropTemporaryMeasures(m_database);
    m_tempStore.reset();
}

Result<std::unique_ptr<ReportData>> ReportData::build(Database &database, const ResponsePolicy &policy,
                                                      const ReportFilter &filter, qint64 nowMs,
                                                      const std::atomic<bool> *cancelled,
                                                      const std::function<void(qint64, qint64)> &progress)
{
    if (Status s = validate(filter); !s)
        return s.failure();
    // Who reads it decides which names the query gives (outside staff: their own and "Colleague").
    auto audience = reportAudience(database);
    if (!audience)
        return audience.failure();
    // The temporary storage goes to disk first: changing it later would drop the temporary
    // measures of a cache that cannot be written.
    std::unique_ptr<ReportData> data(new ReportData(database, policy, filter, audience.value()));
    data->m_nowMs = nowMs;
    MeasureRefreshOptions refresh;
    refresh.cancelled = cancelled;
    refresh.progress = progress;
    if (Status s = refreshPostMeasures(database, policy, refresh); !s)
        return s.failure();
    QVariantList values;
    const QString where = data->measureWhere(values);
    auto count = data->scalar(QStringLiteral("SELECT count(*) FROM post_measures WHERE %1").arg(where), values);
    if (!count)
        return count.failure();
    data->m_postCount = count->toLongLong();
    return data;
}

Result<QSqlQuery> ReportData::run(const QString &statement, const QVariantList &values) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query;
}

Result<QVariant> ReportData::scalar(const QString &statement, const QVariantList &values) const
{
    auto ran = run(statement, values);
    if (!ran)
        return ran.failure();
    QSqlQuery &query = ran.value();
    if (!query.next())
        return databaseError(query);
    return query.value(0);
}

// The agent a reader sees: outside staff see their own name and "Colleague" for everyone else.
// Empty when no decision of an agent answered the post.
QString ReportData::maskedAgent(QVariantList &values) const
{
    const AgentMasking masking = m_audience.masking();
    if (!masking.active)
        return QStringLiteral("agent_name");
    values << masking.ownLogin << masking.colleague;
    return QStringLiteral("(CASE WHEN decision_source IS NOT 'decision' THEN '' WHEN agent_id = ? THEN agent_name "
                          "ELSE ? END)");
}

// Met or missed, or for a post still waiting (no stored outcome) whether its due time has passed.
QString ReportData::missed(QVariantList &values) const
{
    values << m_nowMs;
    return QStringLiteral("(CASE WHEN outcome IS NOT NULL THEN outcome = 'missed' ELSE ? > due_at END)");
}

QString ReportData::measureWhere(QVariantList &values) const
{
    QString where = QStringLiteral("day BETWEEN ? AND ?");
    values << m_filter.from.toJulianDay() << m_filter.to.toJulianDay();
    if (m_filter.channel) {
        where += QStringLiteral(" AND channel = ?");
        values << toId(*m_filter.channel);
    }
    if (!m_filter.category.isEmpty()) {
        where += QStringLiteral(" AND category = ?");
        values << m_filter.category; // "none" is stored as such
    }
    // The agent's own decision answered the post: it came before any company post.
    if (!m_filter.agent.isEmpty()) {
        where += QStringLiteral(" AND decision_source = 'decision' AND %1 = ?").arg(maskedAgent(values));
        values << m_filter.agent;
    }
    return where;
}

// The report's posts with every column a grouping can name, as the generic tables read them.
QString ReportData::measureRows(QVariantList &values) const
{
    const QString agent = maskedAgent(values);
    const QString waiting = missed(values);
    const QString rows =
        QStringLiteral("SELECT *, CASE WHEN agent = '' THEN '' ELSE coalesce(stored_agent_id, '') END AS agent_id "
                       "FROM (SELECT post_id, category, decision, channel, %1 AS agent, agent_id AS stored_agent_id, "
                       "date(day - 0.5) AS day, date(week - 0.5) AS week, business_ms, calendar_ms, "
                       "coalesce(outcome, CASE WHEN %2 THEN 'missed' ELSE 'waiting' END) AS outcome, response_kind "
                       "FROM post_measures WHERE %3)")
            .arg(agent, waiting, measureWhere(values));
    return rows;
}

Result<ReportTable> ReportData::grouped(const QVector<GroupField> &fields) const
{
    if (fields == QVector<GroupField>{GroupField::Category} || fields == QVector<GroupField>{GroupField::Day})
        return groupedFromIndex(fields.front());
    QStringList groups;
    ReportTable table;
    for (GroupField f : fields) {
        groups << groupColumn(f);
        table.columns.push_back(
            {toId(f), f == GroupField::Day || f == GroupField::Week ? ColumnType::Date : ColumnType::Text});
    }
    const QString partition =
        groups.isEmpty() ? QString() : QStringLiteral("PARTITION BY ") + groups.join(QStringLiteral(", "));
    QVariantList values;
    const QString rows = measureRows(values);
    // The team's groupings join the deciding agent's row of team_agents (by login); a post counts
    // once under each skill category of its agent (json_each over the JSON array).
    QString source = QStringLiteral("r");
    const bool byDepartment = fields.contains(GroupField::Department), bySkill = fields.contains(GroupField::Skill);
    if (byDepartment || bySkill) {
        source = QStringLiteral(
                     "(SELECT r.*, CASE WHEN a.department IS NULL OR trim(a.department) = '' THEN 'none' "
                     "ELSE a.department END AS department, "
                     "CASE WHEN r.agent_id = '' THEN 'none' WHEN s.value IS NULL THEN 'any' "
                     "ELSE CAST(s.value AS TEXT) END AS skill "
                     "FROM r LEFT JOIN main.team_agents a ON r.agent_id <> '' AND a.login = r.agent_id "
                     "LEFT JOIN json_each(CASE WHEN %1 AND json_valid(a.skill_categories) "
                     "AND json_type(a.skill_categories) = 'array' THEN a.skill_categories ELSE '[]' END) s)")
                     .arg(bySkill ? QStringLiteral("1") : QStringLiteral("0"));
    }
    // The rating is the post's own (an edited review is a post of its own, with its new rating):
    // read from posts by primary key, and only when the grouping names it.
    if (fields.contains(GroupField::Rating))
        source = QStringLiteral("(SELECT w.*, coalesce(CAST(p.rating AS TEXT), 'none') AS rating FROM %1 AS w "
                                "LEFT JOIN main.posts p ON p.id = w.post_id)")
                     .arg(source);
    const QString select = groups.isEmpty() ? QString() : groups.join(QStringLiteral(", ")) + QStringLiteral(", ");
    const QString groupBy = groups.isEmpty()
                                ? QString()
                                : QStringLiteral(" GROUP BY %1 ORDER BY %1").arg(groups.join(QStringLiteral(", ")));
    // Non-null values first, so that their row numbers start at 0.
    const QString statement =
        QStringLiteral("WITH r AS (%2), ranked AS (SELECT *, "
                       "row_number() OVER (%1 ORDER BY business_ms IS NULL, business_ms) - 1 AS rb, "
                       "row_number() OVER (%1 ORDER BY calendar_ms IS NULL, calendar_ms) - 1 AS rc, "
                       "count(calendar_ms) OVER (%1) AS n FROM %9) "
                       "SELECT %3 count(*), count(*) * 1.0 / (SELECT count(*) FROM r), count(calendar_ms), "
                       "avg(business_ms) / 60000.0, %4, %5, avg(calendar_ms) / 60000.0, %6, %7, "
                       "sum(outcome = 'met'), sum(outcome = 'missed'), "
                       "sum(outcome = 'met') * 1.0 / nullif(sum(outcome IN ('met', 'missed')), 0), "
                       "sum(response_kind = 'handoff') "
                       "FROM ranked%8")
            .arg(partition, rows, select,
                 quantileSql(QStringLiteral("business_ms"), QStringLiteral("rb"), QStringLiteral("n"), "0.5"),
                 quantileSql(QStringLiteral("business_ms"), QStringLiteral("rb"), QStringLiteral("n"), "0.9"),
                 quantileSql(QStringLiteral("calendar_ms"), QStringLiteral("rc"), QStringLiteral("n"), "0.5"),
                 quantileSql(QStringLiteral("calendar_ms"), QStringLiteral("rc"), QStringLiteral("n"), "0.9"), groupBy,
                 source);
    table.columns += measureColumns();
    auto ran = run(statement, values);
    if (!ran)
        return ran.failure();
    QSqlQuery &query = ran.value();
    while (query.next()) {
        QVector<QVariant> row;
        row.reserve(table.columns.size());
        for (int c = 0; c < table.columns.size(); ++c) {
            const QVariant v = query.value(c);
            switch (table.columns.at(c).type) {
            case ColumnType::Integer: row << (v.isNull() ? QVariant() : QVariant(v.toLongLong())); break;
            case ColumnType::Minutes:
            case ColumnType::Share: row << (v.isNull() ? QVariant() : QVariant(v.toDouble())); break;
            default: row << v.toString(); break;
            }
        }
        // An empty report still has its one overall row, with zero posts.
        if (groups.isEmpty() && row.at(0).toLongLong() == 0)
            row[1] = QVariant();
        table.rows << row;
    }
    if (query.lastError().isValid())
        return databaseError(query);
    // By agent alone: how often each overrode the personal-data guard in the report's days.
    if (fields == QVector<GroupField>{GroupField::Agent})
        if (Status s = addGuardOverrides(table); !s)
            return s.failure();
    table.forOutsideStaff = m_audience.outsideStaff;
    return table;
}

const QVector<ReportColumn> &ReportData::measureColumns()
{
    static const QVector<ReportColumn> columns{
        {QStringLiteral("posts"), ColumnType::Integer},
        {QStringLiteral("share"), ColumnType::Share},
        {QStringLiteral("answered"), ColumnType::Integer},
        {QStringLiteral("mean_business_min"), ColumnType::Minutes},
        {QStringLiteral("median_business_min"), ColumnType::Minutes},
        {QStringLiteral("p90_business_min"), ColumnType::Minutes},
        {QStringLiteral("mean_calendar_min"), ColumnType::Minutes},
        {QStringLiteral("median_calendar_min"), ColumnType::Minutes},
        {QStringLiteral("p90_calendar_min"), ColumnType::Minutes},
        {QStringLiteral("met"), ColumnType::Integer},
        {QStringLiteral("missed"), ColumnType::Integer},
        {QStringLiteral("share_within_target"), ColumnType::Share},
        {QStringLiteral("handed_off"), ColumnType::Integer},
    };
    return columns;
}

// The report window's groupings, by category and by day, from the indexes made for them: one
// GROUP BY in index order, then each median and 90th percentile as an OFFSET into the group's
// values (the same interpolation as quantileSql, so the same figures as the generic tables).
Result<ReportTable> ReportData::groupedFromIndex(GroupField field) const
{
    const bool byDay = field == GroupField::Day;
    const QString group = byDay ? QStringLiteral("day") : QStringLiteral("category");
    const QString index = byDay ? QStringLiteral("post_measures_by_day") : QStringLiteral("post_measures_by_category");
    QVariantList values;
    const QString waiting = missed(values);
    // By category the same pass counts each decision (the Cetif table) and the answered posts of
    // at least each edge of the histogram.
    QString extra;
    if (!byDay) {
        for (const QString &decision : cetifDecisions()) {
            extra += QStringLiteral(", count(CASE WHEN decision = ? THEN 1 END)");
            values << decision;
        }
        for (int edge : histogramEdgesMinutes())
            extra += QStringLiteral(", count(CASE WHEN business_ms >= %1 THEN 1 END)").arg(qint64(edge) * 60000);
    }
    const QString where = measureWhere(values);
    auto ran = run(QStringLiteral("SELECT %1, count(*), count(business_ms), count(calendar_ms), "
                                  "avg(business_ms) / 60000.0, avg(calendar_ms) / 60000.0, "
                                  "count(CASE WHEN outcome = 'met' THEN 1 END), count(CASE WHEN %2 THEN 1 END), "
                                  "count(CASE WHEN response_kind = 'handoff' THEN 1 END)%5 "
                                  "FROM post_measures INDEXED BY %3 WHERE %4 GROUP BY %1 ORDER BY %1")
                       .arg(group, waiting, index, where, extra),
                   values);
    if (!ran)
        return ran.failure();
    QSqlQuery &query = ran.value();
    struct Group {
        QVariant key;
        qint64 posts, business, calendar, met, missed, handoffs;
        QVariant meanBusiness, meanCalendar;
    };
    QVector<Group> groups;
    qint64 total = 0;
    CategoryCounts counts;
    while (query.next()) {
        const auto mean = [&](int c) { return query.value(c).isNull() ? QVariant() : QVariant(query.value(c).toDouble()); };
        groups.push_back({query.value(0), query.value(1).toLongLong(), query.value(2).toLongLong(),
                          query.value(3).toLongLong(), query.value(6).toLongLong(), query.value(7).toLongLong(),
                          query.value(8).toLongLong(), mean(4), mean(5)});
        total += groups.back().posts;
        if (!byDay) {
            const QString category = query.value(0).toString();
            int c = 9;
            for (const QString &decision : cetifDecisions())
                counts.decisions[category][decision] = query.value(c++).toLongLong();
            counts.answered[category] = groups.back().business;
            QVector<qint64> &atLeast = counts.atLeast[category];
            for (qsizetype i = 0; i < histogramEdgesMinutes().size(); ++i)
                atLeast << query.value(c++).toLongLong();
            counts.order << category;
        }
    }
    if (query.lastError().isValid())
        return databaseError(query);
    query.finish();

    // The value at rank `rank` of the group's non-null values of `column`, and the next one.
    const auto quantile = [&](const QString &column, const QVariant &key, qint64 n, double q) -> Result<QVariant> {
        if (n == 0)
            return QVariant();
        const QString valueIndex = column == QLatin1String("business_ms")
                                       ? index
                                       : index + QStringLiteral("_calendar");
        QVariantList binds{key};
        const QString filter = measureWhere(binds);
        const double h = double(n - 1) * q;
        const auto lo = qint64(h);
        binds << lo;
        auto found = run(QStringLiteral("SELECT %1 FROM post_measures INDEXED BY %2 WHERE %3 = ? AND %1 IS NOT NULL "
                                        "AND %4 ORDER BY %1 LIMIT 2 OFFSET ?")
                             .arg(column, valueIndex, group, filter),
                         binds);
        if (!found)
            return found.failure();
        QSqlQuery &ranked = found.value();
        if (!ranked.next())
            return databaseError(ranked);
        const double fraction = h - double(lo);
        double sum = double(ranked.value(0).toLongLong()) * (1 - fraction);
        if (lo + 1 < n && ranked.next())
            sum += double(ranked.value(0).toLongLong()) * fraction;
        return QVariant(sum / 60000.0);
    };

    if (!byDay)
        m_categoryCounts = std::move(counts);
    ReportTable table;
    table.columns.push_back({toId(field), byDay ? ColumnType::Date : ColumnType::Text});
    table.columns += measureColumns();
    for (const Group &g : groups) {
        QVector<QVariant> row;
        row << (byDay ? QVariant(QDate::fromJulianDay(g.key.toLongLong()).toString(Qt::ISODate))
                      : QVariant(g.key.toString()));
        row << g.posts << double(g.posts) / double(total) << g.calendar << g.meanBusiness;
        for (const auto &[column, n, q] : {std::tuple{QStringLiteral("business_ms"), g.business, 0.5},
                                           std::tuple{QStringLiteral("business_ms"), g.business, 0.9},
                                           std::tuple{QString(), qint64(0), 0.0},
                                           std::tuple{QStringLiteral("calendar_ms"), g.calendar, 0.5},
                                           std::tuple{QStringLiteral("calendar_ms"), g.calendar, 0.9}}) {
            if (column.isEmpty()) {
                row << g.meanCalendar;
                continue;
            }
            auto value = quantile(column, g.key, n, q);
            if (!value)
                return value.failure();
            row << value.value();
        }
        row << g.met << g.missed
            << (g.met + g.missed > 0 ? QVariant(double(g.met) / double(g.met + g.missed)) : QVariant())
            << g.handoffs;
        table.rows << row;
    }
    table.forOutsideStaff = m_audience.outsideStaff;
    return table;
}

// The audit's "guard_overridden" entries of each agent made from the first to the last day of
// the report (the calendar's zone), by the agent's id; a masked name ("Colleague") sums the
// colleagues behind it. An agent is a row when they decided a post of the report.
Status ReportData::addGuardOverrides(ReportTable &table) const
{
    const auto [start, end] = utcRange(m_filter.from, m_filter.to, m_policy.calendar.timeZone());
    QVariantList values;
    const QString rows = measureRows(values);
    values << start << end;
    auto ran = run(QStringLiteral("SELECT r.agent, count(l.id) FROM (SELECT agent_id, min(agent) AS agent "
                                  "FROM (%1) WHERE agent_id <> '' GROUP BY agent_id) r "
                                  "JOIN main.audit_log l ON l.agent_id = r.agent_id AND l.action = 'guard_overridden' "
                                  "AND l.at >= ? AND l.at < ? GROUP BY r.agent")
                       .arg(rows),
                   values);
    if (!ran)
        return ran.failure();
    QSqlQuery &query = ran.value();
    QHash<QString, qint64> counts;
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toLongLong());
    const int agent = table.column(QStringLiteral("agent"));
    table.columns.push_back({QStringLiteral("guard_overrides"), ColumnType::Integer});
    for (QVector<QVariant> &row : table.rows)
        row << QVariant(counts.value(row.at(agent).toString(), 0));
    return {};
}

Result<ReportTable> ReportData::cetif() const
{
    auto byCategory = grouped({GroupField::Category});
    if (!byCategory)
        return byCategory;
    return cetif(byCategory.value());
}

Result<ReportTable> ReportData::cetif(const ReportTable &cats) const
{
    // Posts per category and decision, counted by the category pass.
    auto counts = categoryCounts();
    if (!counts)
        return counts.failure();
    const QHash<QString, QHash<QString, qint64>> &byDecision = counts->decisions;

    // The study's ranges of mean response time. For non-negative posts it saw two practices,
    // shown side by side: replying to selected posts (30 min to 24/48 h) and to all of them
    // (8 to 60 min). For the other categories it gave one range (10 to 120 min) for all firms,
    // shown in both. study_policy names the active policy's practice (closing without reply
    // counts as handled under the selective one).
    const bool selective = m_policy.closeWithoutReplyIsHandled.contains(Category::NonNegative);
    ReportTable table;
    table.columns = {{QStringLiteral("category"), ColumnType::Text},
                     {QStringLiteral("posts"), ColumnType::Integer},
                     {QStringLiteral("share_reply_public"), ColumnType::Share},
                     {QStringLiteral("share_reply_private"), ColumnType::Share},
                     {QStringLiteral("share_forward"), ColumnType::Share},
                     {QStringLiteral("share_close"), ColumnType::Share},
                     {QStringLiteral("share_no_decision"), ColumnType::Share},
                     {QStringLiteral("mean_calendar_min"), ColumnType::Minutes},
                     {QStringLiteral("median_calendar_min"), ColumnType::Minutes},
                     {QStringLiteral("mean_business_min"), ColumnType::Minutes},
                     {QStringLiteral("median_business_min"), ColumnType::Minutes},
                     {QStringLiteral("study_policy"), ColumnType::Text},
                     {QStringLiteral("study_selective_low_min"), ColumnType::Integer},
                     {QStringLiteral("study_selective_high_min"), ColumnType::Integer},
                     {QStringLiteral("mean_within_selective_range"), ColumnType::Integer},
                     {QStringLiteral("study_systematic_low_min"), ColumnType::Integer},
                     {QStringLiteral("study_systematic_high_min"), ColumnType::Integer},
                     {QStringLiteral("mean_within_systematic_range"), ColumnType::Integer}};
    const int cPosts = cats.column(QStringLiteral("posts"));
    for (Category category : {Category::NonNegative, Category::Complaint, Category::Assistance}) {
        const QString id = toId(category);
        QVector<QVariant> source;
        for (const auto &r : cats.rows)
            if (r.at(0).toString() == id)
                source = r;
        const qint64 posts = source.isEmpty() ? 0 : source.at(cPosts).toLongLong();
        const auto share = [&](const QString &decision) -> QVariant {
            if (posts == 0)
                return {};
            return double(byDecision.value(id).value(decision, 0)) / double(posts);
        };
        const auto measure = [&](const char *column) -> QVariant {
            return source.isEmpty() ? QVariant() : nullable(source.at(cats.column(QLatin1String(column))));
        };
        struct Range {
            int low, high;
        };
        Range selectiveRange{10, 120}, systematicRange{10, 120};
        QString practice = QStringLiteral("all");
        if (category == Category::NonNegative) {
            practice = selective ? QStringLiteral("selective") : QStringLiteral("systematic");
            selectiveRange = {30, 48 * 60};
            systematicRange = {8, 60};
        }
        const QVariant mean = measure("mean_calendar_min");
        const auto within = [&](Range range) {
            return mean.isNull() ? QVariant()
                                 : QVariant(qint64(mean.toDouble() >= range.low && mean.toDouble() <= range.high));
        };
        table.rows << QVector<QVariant>{id,
                                        posts,
                                        share(toId(DecisionKind::ReplyPublic)),
                                        share(toId(DecisionKind::ReplyPrivate)),
                                        share(toId(DecisionKind::Forward)),
                                        share(toId(DecisionKind::Close)),
                                        share(QStringLiteral("none")),
                                        mean,
                                        measure("median_calendar_min"),
                                        measure("mean_business_min"),
                                        measure("median_business_min"),
                                        practice,
                                        qint64(selectiveRange.low),
                                        qint64(selectiveRange.high),
                                        within(selectiveRange),
                                        qint64(systematicRange.low),
                                        qint64(systematicRange.high),
                                        within(systematicRange)};
    }
    table.forOutsideStaff = m_audience.outsideStaff;
    return table;
}

Result<ReportTable> ReportData::purposes() const
{
    auto byCategory = grouped({GroupField::Category});
    if (!byCategory)
        return byCategory;
    return purposes(byCategory.value());
}

Result<ReportTable> ReportData::purposes(const ReportTable &cats) const
{
    // Posts the company started itself (the first post of their thread is outbound): promotion
    // and engagement of the company's own, which the cache cannot tell apart; counted as
    // promotion. They are outside the filter's category and agent, which only inbound posts have.
    const auto [start, end] = utcRange(m_filter.from, m_filter.to, m_policy.calendar.timeZone());
    QString statement =
        QStringLiteral("SELECT count(*) FROM measure_company_starts WHERE created_at >= ? AND created_at < ?");
    QVariantList values{start, end};
    if (m_filter.channel) {
        statement += QStringLiteral(" AND channel = ?");
        values << toId(*m_filter.channel);
    }
    auto count = scalar(statement, values);
    if (!count)
        return count.failure();
    const qint64 companyPosts = count->toLongLong();

    qint64 engagement = 0, assistance = 0, uncategorised = 0;
    const int cPosts = cats.column(QStringLiteral("posts"));
    for (const auto &r : cats.rows) {
        const QString category = r.at(0).toString();
        const qint64 n = r.at(cPosts).toLongLong();
        if (category == toId(Category::NonNegative))
            engagement += n;
        else if (category == toId(Category::Complaint) || category == toId(Category::Assistance))
            assistance += n;
        else
            uncategorised += n;
    }
    const qint64 total = engagement + assistance + uncategorised + companyPosts;
    ReportTable table;
    table.columns = {{QStringLiteral("purpose"), ColumnType::Text},
                     {QStringLiteral("posts"), ColumnType::Integer},
                     {QStringLiteral("share"), ColumnType::Share},
                     {QStringLiteral("study_share"), ColumnType::Share}};
    // The study: engagement 50%, product promotion 39%, assistance 6% full + 6% light.
    const auto add = [&](const QString &purpose, qint64 n, QVariant study) {
        table.rows << QVector<QVariant>{purpose, n, total > 0 ? QVariant(double(n) / double(total)) : QVariant(),
                                        study};
    };
    add(QStringLiteral("engagement"), engagement, 0.50);
    add(QStringLiteral("promotion"), companyPosts, 0.39);
    add(QStringLiteral("assistance"), assistance, 0.12);
    add(QStringLiteral("uncategorised"), uncategorised, QVariant());
    table.forOutsideStaff = m_audience.outsideStaff;
    return table;
}

Result<ReportTable> ReportData::histogram() const
{
    // Per category, how many answered posts took at least each edge (the category pass); a bin
    // is the difference between its edge and the next.
    auto counts = categoryCounts();
    if (!counts)
        return counts.failure();
    const QVector<int> &edges = histogramEdgesMinutes();
    ReportTable table;
    table.columns = {{QStringLiteral("category"), ColumnType::Text},
                     {QStringLiteral("bin_from_min"), ColumnType::Integer},
                     {QStringLiteral("bin_to_min"), ColumnType::Integer},
                     {QStringLiteral("posts"), ColumnType::Integer}};
    for (const QString &category : counts->order) {
        const QVector<qint64> &atLeast = counts->atLeast.value(category);
        for (qsizetype i = 0; i < edges.size(); ++i) {
            // The first bin takes every answered post below the second edge.
            const qint64 here = i == 0 ? counts->answered.value(category) : atLeast.at(i);
            const qint64 above = i + 1 < edges.size() ? atLeast.at(i + 1) : 0;
            if (here - above > 0)
                table.rows << QVector<QVariant>{category, qint64(edges.at(i)),
                                                i + 1 < edges.size() ? QVariant(qint64(edges.at(i + 1))) : QVariant(),
                                                here - above};
        }
    }
    table.forOutsideStaff = m_audience.outsideStaff;
    return table;
}

Result<ReportTable> ReportData::handoffs() const
{
    // A hand-off counts once its packet reached care (delivered) or care reported on it; its time
    // to resolution runs from the agent's forward to the resolution care reported.
    const auto [start, end] = utcRange(m_filter.from, m_filter.to, m_policy.calendar.timeZone());
    QVariantList values{start, end};
    QString where;
    if (m_filter.channel) {
        where += QStringLiteral(" AND t.channel = ?");
        values << toId(*m_filter.channel);
    }
    if (m_filter.category == QLatin1String("none")) {
        where += QStringLiteral(" AND t.category IS NULL");
    } else if (!m_filter.category.isEmpty()) {
        where += QStringLiteral(" AND t.category = ?");
        values << m_filter.category;
    }
    if (!m_filter.agent.isEmpty()) {
        where += QStringLiteral(" AND d.agent_name = ?");
        values << m_filter.agent;
    }
    auto ran = run(
        QStringLiteral(
            "WITH h AS (SELECT coalesce(hs.state, 'sent') AS state, "
            "CASE WHEN hs.state = 'resolved' THEN hs.resolved_at - d.decided_at END AS ms, "
            "c.decision_id IS NOT NULL AS complaint, "
            "(c.decision_id IS NOT NULL AND c.resolved_at IS NOT NULL AND c.resolved_at <= c.deadline_at) AS in_time "
            "FROM main.outbox o JOIN main.decisions d ON d.id = o.decision_id JOIN main.threads t ON t.id = "
            "d.thread_id "
            "LEFT JOIN main.handoffs hs ON hs.outbox_id = o.id "
            "LEFT JOIN main.complaints c ON c.decision_id = d.id "
            "WHERE o.case_reference IS NOT NULL AND (hs.state IS NOT NULL OR o.state = 'delivered') "
            "AND d.decided_at >= ? AND d.decided_at < ?%1), "
            // The median: the middle value, or the mean of the two middle ones.
            "r AS (SELECT state, ms, row_number() OVER (PARTITION BY state ORDER BY ms) AS k, "
            "count(*) OVER (PARTITION BY state) AS n FROM h WHERE ms IS NOT NULL) "
            "SELECT h.state, count(*), sum(h.complaint), sum(h.in_time), avg(h.ms) / 60000.0, "
            "(SELECT avg(r.ms) / 60000.0 FROM r WHERE r.state = h.state AND r.k IN ((r.n + 1) / 2, (r.n + 2) / 2)) "
            "FROM h GROUP BY h.state")
            .arg(where),
        values);
    if (!ran)
        return ran.failure();
    QSqlQuery &query = ran.value();
    QHash<QString, QVector<QVariant>> byState;
    while (query.next()) {
        const auto minutes = [&](int c) {
            return query.value(c).isNull() ? QVariant() : QVariant(query.value(c).toDouble());
        };
        byState.insert(query.value(0).toString(),
                       {query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(),
                        query.value(3).toLongLong(), minutes(4), minutes(5)});
    }
    ReportTable table;
    table.columns = {{QStringLiteral("state"), ColumnType::Text},
                     {QStringLiteral("handoffs"), ColumnType::Integer},
                     {QStringLiteral("complaints"), ColumnType::Integer},
                     {QStringLiteral("complaints_resolved_in_time"), ColumnType::Integer},
                     {QStringLiteral("mean_resolution_min"), ColumnType::Minutes},
                     {QStringLiteral("median_resolution_min"), ColumnType::Minutes}};
    for (const char *state : {"sent", "received", "in_progress", "resolved"}) {
        const QString id = QLatin1String(state);
        table.rows << byState.value(id, {id, qint64(0), qint64(0), qint64(0), QVariant(), QVariant()});
    }
    table.forOutsideStaff = m_audience.outsideStaff;
    return table;
}

Result<ReportData::CategoryCounts> ReportData::categoryCounts() const
{
    if (!m_categoryCounts)
        if (auto byCategory = groupedFromIndex(GroupField::Category); !byCategory)
            return byCategory.failure();
    return *m_categoryCounts;
}

const QStringList &ReportData::cetifDecisions()
{
    static const QStringList decisions{toId(DecisionKind::ReplyPublic), toId(DecisionKind::ReplyPrivate),
                                       toId(DecisionKind::Forward), toId(DecisionKind::Close), QStringLiteral("none")};
    return decisions;
}

Result<DateSpan> reportDateSpan(Database &database, qint64 nowMs)
{
    auto policy = PolicyStore::activeIn(database.connection());
    const QTimeZone zone = policy ? policy->calendar.timeZone() : QTimeZone::systemTimeZone();
    auto bounds = [&](const char *function) -> Result<QDate> {
        auto v = sql::scalar(database.connection(),
                             QStringLiteral("SELECT %1(created_at) FROM posts WHERE direction = 'inbound'")
                                 .arg(QLatin1String(function)));
        if (!v)
            return v.failure();
        if (v->isNull())
            return QDate();
        return QDateTime::fromMSecsSinceEpoch(v->toLongLong(), zone).date();
    };
    auto firstPost = bounds("min");
    if (!firstPost)
        return firstPost.failure();
    auto lastPost = bounds("max");
    if (!lastPost)
        return lastPost.failure();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    DateSpan span;
    span.last = lastPost->isValid() ? std::min(*lastPost, today) : today;
    span.first = firstPost->isValid() ? std::max(*firstPost, span.last.addDays(-90)) : span.last.addDays(-29);
    return span;
}

} // namespace sportello
