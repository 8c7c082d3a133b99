// Reports in a team: the department and skill groupings (the deciding agent's row of
// team_agents), and the rules for outside staff (names masked, no export), in the core and
// through sportello-cli. Figures checked against the hand-computed ones of ReportTeamSample.h.

#include "ReportTeamSample.h"

#include "report/ReportData.h"
#include "report/ReportExport.h"
#include "report/ReportJob.h"
#include "team/TeamRoles.h"
#include "timers/PolicyStore.h"

#include <QFileInfo>
#include <QProcess>

using namespace sportello;
using namespace sportello::test;

namespace {

ReportFilter march()
{
    ReportFilter filter;
    filter.from = QDate(2026, 3, 1);
    filter.to = QDate(2026, 3, 31);
    return filter;
}

const qint64 kNow = 1775000000000; // 2026-03-31, after every post

std::unique_ptr<ReportData> buildReport(Database &db, const ReportFilter &filter = march())
{
    auto policy = PolicyStore(db).active();
    INFO(policy.error().toStdString());
    REQUIRE(policy.ok());
    auto data = ReportData::build(db, policy.value(), filter, kNow);
    INFO(data.error().toStdString());
    REQUIRE(data.ok());
    return std::move(data).value();
}

ReportTable groupedBy(const ReportData &data, const QVector<GroupField> &fields)
{
    auto table = data.grouped(fields);
    INFO(table.error().toStdString());
    REQUIRE(table.ok());
    return table.value();
}

// The rows of a grouped table by their group values joined with '/'.
QHash<QString, QVector<QVariant>> rowsByGroup(const ReportTable &table, int groups)
{
    QHash<QString, QVector<QVariant>> rows;
    for (const auto &row : table.rows) {
        QStringList key;
        for (int c = 0; c < groups; ++c)
            key << row.at(c).toString();
        rows.insert(key.join(QLatin1Char('/')), row);
    }
    return rows;
}

struct Figures {
    qint64 posts;
    qint64 answered;
    QVariant meanCalendarMin; // null when nothing was answered
};

void checkFigures(const ReportTable &table, const QHash<QString, Figures> &expected, int groups = 1)
{
    const auto rows = rowsByGroup(table, groups);
    CHECK(rows.size() == expected.size());
    const int cPosts = table.column(QStringLiteral("posts")), cAnswered = table.column(QStringLiteral("answered")),
              cMean = table.column(QStringLiteral("mean_calendar_min")),
              cShare = table.column(QStringLiteral("share"));
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        INFO(it.key().toStdString());
        REQUIRE(rows.contains(it.key()));
        const auto &row = rows.value(it.key());
        CHECK(row.at(cPosts).toLongLong() == it->posts);
        CHECK(row.at(cAnswered).toLongLong() == it->answered);
        // The share stays a fraction of all the report's six posts.
        CHECK(row.at(cShare).toDouble() == Approx(double(it->posts) / 6.0));
        if (it->meanCalendarMin.isNull())
            CHECK(row.at(cMean).isNull());
        else
            CHECK(row.at(cMean).toDouble() == Approx(it->meanCalendarMin.toDouble()));
    }
}

bool mentionsAny(const ReportTable &table, const QStringList &names)
{
    for (const auto &row : table.rows)
        for (const QVariant &v : row)
            if (names.contains(v.toString()))
                return true;
    return false;
}

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH), arguments);
    REQUIRE(process.waitForStarted(30000));
    REQUIRE(process.waitForFinished(120000));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// An English CSV without quoted fields (the sample's values have none), as rows of fields.
QVector<QStringList> readSimpleCsv(const QString &path)
{
    QVector<QStringList> rows;
    for (const QString &line : QString::fromUtf8(fileBytes(path)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts))
        rows << line.split(QLatin1Char(','));
    return rows;
}

const QStringList kColleaguesNames{QStringLiteral("Marta Verdi"), QStringLiteral("Paolo Neri"),
                                   QStringLiteral("Gino Ghost")};

} // namespace

TEST_CASE("department and skill groupings count each decision under its agent's profile", "[report][team]")
{
    TempCache cache;
    buildTeamSample(*cache.db, true);
    const auto data = buildReport(*cache.db);
    REQUIRE(data->postCount() == 6);

    // Departments: Marta's two answered in 20 and 40 minutes; Paolo's in 10; Elia has no
    // department, Gino is not on the team, the sixth post has no agent.
    checkFigures(groupedBy(*data, {GroupField::Department}),
                 {{QStringLiteral("claims office"), {2, 2, 30.0}},
                  {QStringLiteral("sales"), {1, 1, 10.0}},
                  {QStringLiteral("none"), {3, 0, QVariant()}}});

    // Skills: Marta's posts under complaint and assistance both, Elia's under assistance, Paolo
    // (no skills) and Gino (no profile) under any, the undecided post under none: 8 counts for 6 posts.
    const ReportTable bySkill = groupedBy(*data, {GroupField::Skill});
    checkFigures(bySkill, {{QStringLiteral("assistance"), {3, 2, 30.0}},
                           {QStringLiteral("complaint"), {2, 2, 30.0}},
                           {QStringLiteral("any"), {2, 1, 10.0}},
                           {QStringLiteral("none"), {1, 0, QVariant()}}});

    // Nested, department then skill.
    checkFigures(groupedBy(*data, {GroupField::Department, GroupField::Skill}),
                 {{QStringLiteral("claims office/assistance"), {2, 2, 30.0}},
                  {QStringLiteral("claims office/complaint"), {2, 2, 30.0}},
                  {QStringLiteral("sales/any"), {1, 1, 10.0}},
                  {QStringLiteral("none/assistance"), {1, 0, QVariant()}},
                  {QStringLiteral("none/any"), {1, 0, QVariant()}},
                  {QStringLiteral("none/none"), {1, 0, QVariant()}}},
                 2);

    // The other groupings are as before: six posts, one row per agent.
    checkFigures(groupedBy(*data, {GroupField::Agent}),
                 {{QStringLiteral("Marta Verdi"), {2, 2, 30.0}},
                  {QStringLiteral("Paolo Neri"), {1, 1, 10.0}},
                  {QStringLiteral("Elia Conti"), {1, 0, QVariant()}},
                  {QStringLiteral("Gino Ghost"), {1, 0, QVariant()}},
                  {QString(), {1, 0, QVariant()}}});

    // A profile whose skills are not a JSON array counts as no skills, not as an error.
    QSqlQuery broken(cache.db->connection());
    REQUIRE(broken.exec(QStringLiteral("UPDATE team_agents SET skill_categories = 'broken' WHERE login = 'paolo'")));
    const auto again = buildReport(*cache.db);
    checkFigures(groupedBy(*again, {GroupField::Skill}), {{QStringLiteral("assistance"), {3, 2, 30.0}},
                                                         {QStringLiteral("complaint"), {2, 2, 30.0}},
                                                         {QStringLiteral("any"), {2, 1, 10.0}},
                                                         {QStringLiteral("none"), {1, 0, QVariant()}}});
}

TEST_CASE("a desktop alone: no department, every agent's posts under any skill", "[report][team]")
{
    TempCache cache;
    buildTeamSample(*cache.db, false);
    const auto data = buildReport(*cache.db);
    CHECK_FALSE(data->audience().outsideStaff);
    checkFigures(groupedBy(*data, {GroupField::Department}), {{QStringLiteral("none"), {6, 3, 70.0 / 3.0}}});
    checkFigures(groupedBy(*data, {GroupField::Skill}),
                 {{QStringLiteral("any"), {5, 3, 70.0 / 3.0}}, {QStringLiteral("none"), {1, 0, QVariant()}}});
    CHECK(mentionsAny(groupedBy(*data, {GroupField::Agent}), kColleaguesNames));
}

TEST_CASE("group-by names: department and skill are known", "[report][team]")
{
    auto fields = parseGroupFields(QStringLiteral("department,Skill"));
    REQUIRE(fields.ok());
    CHECK(fields.value() == QVector<GroupField>{GroupField::Department, GroupField::Skill});
    CHECK(parseGroupFields(QStringLiteral("mood")).error().contains(QLatin1String("department, skill")));
}

TEST_CASE("outside staff: colleagues' names masked in every table, every export refused", "[report][team]")
{
    TempCache cache;
    buildTeamSample(*cache.db, true);
    joinTeamAs(*cache.db, QStringLiteral("elia"));

    auto own = team::ownTeamRole(cache.db->connection());
    REQUIRE(own.ok());
    REQUIRE(own->has_value());
    CHECK(own->value().login == QLatin1String("elia"));
    CHECK(own->value().role == team::AgentRole::External);
    CHECK(team::isOutsideStaff(own.value()));

    const auto data = buildReport(*cache.db);
    CHECK(data->audience().outsideStaff);
    const ReportTable byAgent = groupedBy(*data, {GroupField::Agent});
    checkFigures(byAgent, {{QStringLiteral("Elia Conti"), {1, 0, QVariant()}},
                           {colleagueName(), {4, 3, 70.0 / 3.0}},
                           {QString(), {1, 0, QVariant()}}});
    CHECK(byAgent.forOutsideStaff);
    // Departments and skills are not names: shown as they are.
    checkFigures(groupedBy(*data, {GroupField::Department}),
                 {{QStringLiteral("claims office"), {2, 2, 30.0}},
                  {QStringLiteral("sales"), {1, 1, 10.0}},
                  {QStringLiteral("none"), {3, 0, QVariant()}}});
    for (const auto &fields : {QVector<GroupField>{GroupField::Agent, GroupField::Department},
                               QVector<GroupField>{GroupField::Skill, GroupField::Agent},
                               QVector<GroupField>{GroupField::Decision, GroupField::Agent}})
        CHECK_FALSE(mentionsAny(groupedBy(*data, fields), kColleaguesNames));

    // The agent filter's list and the filter itself know only "Colleague".
    CHECK(decisionAgents(*cache.db) == QStringList{QStringLiteral("Elia Conti"), colleagueName()});
    ReportFilter marta = march();
    marta.agent = QStringLiteral("Marta Verdi");
    CHECK(buildReport(*cache.db, marta)->postCount() == 0);
    ReportFilter colleagues = march();
    colleagues.agent = colleagueName();
    CHECK(buildReport(*cache.db, colleagues)->postCount() == 4);

    // The worker's tables (the report window's) are masked and marked too.
    auto tables = computeReportTables(cache.path, march(), {GroupField::Agent}, kNow);
    REQUIRE(tables.ok());
    CHECK(tables->audience.outsideStaff);
    CHECK_FALSE(mentionsAny(tables->grouped, kColleaguesNames));

    // Every export is refused with the team's policy, and leaves no file.
    ExportOptions options;
    options.format = CsvFormat::forLanguage(QStringLiteral("en"));
    const QString out = cache.dir.filePath(QStringLiteral("out.csv"));
    for (const ReportTable &table : {byAgent, tables->cetif, tables->purposes, tables->histogram, tables->days}) {
        const Status refused = exportTable(table, out, options);
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
        CHECK(refused.error().contains(QLatin1String("outside staff do not export")));
    }
    auto policy = PolicyStore(*cache.db).active();
    REQUIRE(policy.ok());
    auto log = exportPostLog(*cache.db, policy.value(), march(), kNow, out, options);
    CHECK(log.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(log.error() == exportRefusedMessage());
    auto logFile = exportPostLogFile(cache.path, march(), kNow, out, options);
    CHECK(logFile.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK_FALSE(QFileInfo::exists(out));
}

TEST_CASE("a team's agent sees every name and exports", "[report][team]")
{
    TempCache cache;
    buildTeamSample(*cache.db, true);
    joinTeamAs(*cache.db, QStringLiteral("marta"));
    auto own = team::ownTeamRole(cache.db->connection());
    REQUIRE(own.ok());
    CHECK(own->value().role == team::AgentRole::Agent);
    CHECK(own->value().name == QLatin1String("Marta Verdi"));
    CHECK_FALSE(team::isOutsideStaff(own.value()));

    const auto data = buildReport(*cache.db);
    CHECK_FALSE(data->audience().outsideStaff);
    const ReportTable byAgent = groupedBy(*data, {GroupField::Agent});
    CHECK_FALSE(byAgent.forOutsideStaff);
    CHECK(rowsByGroup(byAgent, 1).contains(QStringLiteral("Paolo Neri")));
    CHECK(decisionAgents(*cache.db).contains(QStringLiteral("Gino Ghost")));

    ExportOptions options;
    options.format = CsvFormat::forLanguage(QStringLiteral("en"));
    const QString out = cache.dir.filePath(QStringLiteral("agents.csv"));
    REQUIRE(exportTable(byAgent, out, options).ok());
    CHECK(QString::fromUtf8(fileBytes(out)).contains(QLatin1String("Paolo Neri")));
    auto policy = PolicyStore(*cache.db).active();
    REQUIRE(policy.ok());
    const QString log = cache.dir.filePath(QStringLiteral("log.csv"));
    auto rows = exportPostLog(*cache.db, policy.value(), march(), kNow, log, options);
    INFO(rows.error().toStdString());
    REQUIRE(rows.ok());
    CHECK(rows.value() == 6);
    CHECK(QString::fromUtf8(fileBytes(log)).contains(QLatin1String("Gino Ghost")));

    // A cache that has not (yet) received its login's row: nothing restricted.
    TempCache unknown;
    buildTeamSample(*unknown.db, false);
    joinTeamAs(*unknown.db, QStringLiteral("elia"));
    auto none = team::ownTeamRole(unknown.db->connection());
    REQUIRE(none.ok());
    CHECK_FALSE(none->value().role.has_value());
    CHECK_FALSE(buildReport(*unknown.db)->audience().outsideStaff);
}

TEST_CASE("sportello-cli report: department and skill for an agent, refused to outside staff", "[report][team][cli]")
{
    TempCache cache;
    buildTeamSample(*cache.db, true);
    joinTeamAs(*cache.db, QStringLiteral("marta"));
    const QString out = cache.dir.filePath(QStringLiteral("team.csv"));
    const QStringList base{QStringLiteral("--database"), cache.path,        QStringLiteral("report"),
                           QStringLiteral("--from"),     QStringLiteral("2026-03-01"), QStringLiteral("--to"),
                           QStringLiteral("2026-03-31"), QStringLiteral("--locale"),   QStringLiteral("en"),
                           QStringLiteral("--no-bom"),   QStringLiteral("--out"),      out};
    cache.db.reset(); // the command opens the cache itself

    const CliRun grouped = runCli(base + QStringList{QStringLiteral("--group-by"), QStringLiteral("department,skill")});
    INFO(grouped.err.toStdString());
    REQUIRE(grouped.exitCode == 0);
    const auto rows = readSimpleCsv(out);
    REQUIRE(rows.size() == 7);
    CHECK(rows.at(0).mid(0, 3) ==
          QStringList{QStringLiteral("department"), QStringLiteral("skill"), QStringLiteral("posts")});
    QHash<QString, QString> posts;
    for (qsizetype r = 1; r < rows.size(); ++r)
        posts.insert(rows.at(r).at(0) + QLatin1Char('/') + rows.at(r).at(1), rows.at(r).at(2));
    CHECK(posts == QHash<QString, QString>{{QStringLiteral("claims office/assistance"), QStringLiteral("2")},
                                           {QStringLiteral("claims office/complaint"), QStringLiteral("2")},
                                           {QStringLiteral("none/any"), QStringLiteral("1")},
                                           {QStringLiteral("none/assistance"), QStringLiteral("1")},
                                           {QStringLiteral("none/none"), QStringLiteral("1")},
                                           {QStringLiteral("sales/any"), QStringLiteral("1")}});
    const CliRun byAgent = runCli(base + QStringList{QStringLiteral("--group-by"), QStringLiteral("agent")});
    REQUIRE(byAgent.exitCode == 0);
    CHECK(QString::fromUtf8(fileBytes(out)).contains(QLatin1String("Paolo Neri")));
    REQUIRE(QFile::remove(out));

    // The same cache joined as the outside agent: every kind of report is refused, no file.
    {
        auto db = Database::open(cache.path);
        REQUIRE(db.ok());
        joinTeamAs(*db.value(), QStringLiteral("elia"));
    }
    for (const QStringList &extra : {QStringList{QStringLiteral("--group-by"), QStringLiteral("agent")},
                                     QStringList{QStringLiteral("--table"), QStringLiteral("cetif")}, QStringList{}}) {
        const CliRun refused = runCli(base + extra);
        INFO(refused.err.toStdString());
        CHECK(refused.exitCode == 1);
        CHECK(refused.err.contains(QLatin1String("The team's policy: outside staff do not export reports.")));
        CHECK_FALSE(refused.err.contains(QLatin1String("Marta")));
        CHECK(refused.out.isEmpty());
        CHECK_FALSE(QFileInfo::exists(out));
    }
}
