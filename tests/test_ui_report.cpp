// The report window on the demo data, offscreen: its models (checked by QAbstractItemModelTester)
// agree with the core's figures, the charts draw something, the main window opens it with Ctrl+R,
// and its exports go through the same CSV code as the command line.

#include "ReportTeamSample.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "MainWindow.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "fileimport/Importer.h"
#include "models/ReportTableModel.h"
#include "report/ReportExport.h"
#include "timers/PolicyStore.h"
#include "views/ReportCharts.h"
#include "views/ReportWindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFileInfo>
#include <QPushButton>
#include <QApplication>
#include <QDateEdit>
#include <QDir>
#include <QEvent>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace sportello;
using namespace sportello::test;
using namespace sportello::ui;

namespace {

QString demoPath()
{
    return QDir::cleanPath(testDataDir() + QStringLiteral("/../../resources/demo/demo_threads.jsonl"));
}

// Pixels that are not the white background.
int inkedPixels(const QImage &image)
{
    int inked = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            if (image.pixel(x, y) != qRgb(255, 255, 255))
                ++inked;
    return inked;
}

} // namespace

TEST_CASE("report window: tables agree with the core, charts draw, exports are CSV", "[ui][report]")
{
    TempCache cache;
    const qint64 now = utcMs("2026-03-06T16:50:00Z");
    const ImportReport imported = importDemo(*cache.db, demoPath(), now);
    REQUIRE(imported.ok);
    ManualClock clock(now);
    ReportWindow window(*cache.db, clock);
    window.setAccessAgent(Agent{QStringLiteral("desk"), QStringLiteral("Sara Blu")}); // who exports
    QAbstractItemModelTester groupedTester(window.groupedModel(),
                                           QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester cetifTester(window.cetifModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    window.resize(1200, 860);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QSignalSpy computed(&window, &ReportWindow::computed);
    const auto waitComputed = [&] {
        // The figures are computed on the worker thread and arrive by a queued call.
        CHECK(window.isBusy());
        REQUIRE(computed.wait(60000));
        REQUIRE(computed.takeLast().at(0).toBool());
        CHECK_FALSE(window.isBusy());
    };

    // The window starts on the span of the demo's posts: every inbound post is in it.
    const qint64 inbound =
        scalar(*cache.db, QStringLiteral("SELECT count(*) FROM posts WHERE direction = 'inbound'")).toLongLong();
    window.setGrouping({GroupField::Category});
    waitComputed();
    const ReportTable &grouped = window.groupedModel()->table();
    REQUIRE(window.groupedModel()->rowCount() == 3);
    qint64 sum = 0;
    for (int r = 0; r < window.groupedModel()->rowCount(); ++r)
        sum += window.groupedModel()->index(r, grouped.column(QStringLiteral("posts"))).data(Qt::UserRole).toLongLong();
    CHECK(sum == inbound);
    // Labels for people, ids underneath.
    const QModelIndex first = window.groupedModel()->index(0, 0);
    CHECK(first.data(Qt::UserRole).toString() == QLatin1String("assistance"));
    CHECK(first.data().toString() == label(Category::Assistance));
    CHECK(window.groupedModel()
              ->headerData(grouped.column(QStringLiteral("p90_business_min")), Qt::Horizontal, Qt::ToolTipRole)
              .toString()
              .contains(QLatin1String("p90_business_min")));

    // The same figures as the core computes directly.
    ReportFilter filter;
    filter.from = QDate(2000, 1, 1);
    filter.to = QDate(2030, 1, 1);
    auto data = ReportData::build(*cache.db, PolicyStore(*cache.db).active().value(), filter, now);
    REQUIRE(data.ok());
    auto direct = data.value()->grouped({GroupField::Category});
    REQUIRE(direct.ok());
    CHECK(direct->rows == grouped.rows);
    CHECK(window.cetifModel()->rowCount() == 3);
    CHECK(window.purposeModel()->rowCount() == 4);
    // The hand-offs tab: one row per state, named for people, the same as the core's.
    CHECK(window.tabs()->count() == 3);
    CHECK(window.tabs()->tabText(2) == QLatin1String("Hand-offs"));
    auto handoffs = data.value()->handoffs();
    REQUIRE(handoffs.ok());
    CHECK(window.handoffModel()->table().rows == handoffs->rows);
    REQUIRE(window.handoffModel()->rowCount() == 4);
    CHECK(window.handoffModel()->index(0, 0).data(Qt::UserRole).toString() == QLatin1String("sent"));
    CHECK(window.handoffModel()->index(0, 0).data().toString() == QLatin1String("sent, not yet acknowledged"));
    CHECK(window.handoffModel()->index(3, 0).data().toString() == QLatin1String("resolved"));

    // Grouping by day: the daily chart and the histogram have something to draw.
    window.setGrouping({GroupField::Day, GroupField::Channel});
    waitComputed();
    CHECK(window.groupedModel()->table().columns.at(0).id == QLatin1String("day"));
    CHECK(window.groupedModel()->table().columns.at(1).id == QLatin1String("channel"));
    const QImage histogram = window.histogram()->image();
    const QImage daily = window.daily()->image();
    CHECK_FALSE(histogram.isNull());
    CHECK(inkedPixels(histogram) > 500);
    CHECK(inkedPixels(daily) > 500);

    // A language change announces headers again and recomputes nothing.
    QSignalSpy headers(window.groupedModel(), &QAbstractItemModel::headerDataChanged);
    QSignalSpy resets(window.groupedModel(), &QAbstractItemModel::modelReset);
    QEvent languageChange(QEvent::LanguageChange);
    QApplication::sendEvent(&window, &languageChange);
    CHECK(headers.size() == 1);
    CHECK(resets.isEmpty());
    CHECK_FALSE(window.isBusy());

    // Exports: the Cetif table and the post-level log, in the console's language (English here).
    const QString cetif = cache.dir.filePath(QStringLiteral("cetif.csv"));
    REQUIRE(window.exportTo(ReportWindow::Export::Cetif, cetif).ok());
    const QByteArray bytes = fileBytes(cetif);
    CHECK(bytes.startsWith("\xEF\xBB\xBF"
                           "category,posts,share_reply_public"));
    const QString log = cache.dir.filePath(QStringLiteral("log.csv"));
    QSignalSpy exported(&window, &ReportWindow::exportFinished);
    REQUIRE(window.exportTo(ReportWindow::Export::PostLog, log).ok());
    CHECK(window.isBusy()); // written on the worker thread
    REQUIRE(exported.wait(60000));
    CHECK(exported.at(0).at(0).toBool());
    CHECK(exported.at(0).at(1).toString().contains(QLatin1String("log.csv")));
    CHECK(fileBytes(log).count("\r\n") >= inbound + 1);
    const Status failed = window.exportTo(ReportWindow::Export::Grouped, QStringLiteral("/proc/no-such-report.csv"));
    CHECK_FALSE(failed.ok());
    CHECK(failed.error().contains(QLatin1String("/proc/no-such-report.csv")));
    // A post-level log that cannot be written says why, when it is done.
    REQUIRE(window.exportTo(ReportWindow::Export::PostLog, QStringLiteral("/proc/no-such-log.csv")).ok());
    REQUIRE(exported.wait(60000));
    CHECK_FALSE(exported.last().at(0).toBool());
    CHECK(exported.last().at(1).toString().contains(QLatin1String("/proc/no-such-log.csv")));

    // Filters changed but not applied: the figures shown no longer match them, no export.
    window.setGrouping({GroupField::Category});
    waitComputed();
    const ReportTable before = window.groupedModel()->table();
    const QString stale = cache.dir.filePath(QStringLiteral("stale.csv"));
    auto *from = window.findChild<QDateEdit *>();
    REQUIRE(from);
    from->setDate(from->date().addDays(1));
    CHECK(window.isStale());
    CHECK_FALSE(window.exportTo(ReportWindow::Export::Grouped, stale).ok());
    CHECK_FALSE(window.exportTo(ReportWindow::Export::PostLog, stale).ok());
    CHECK_FALSE(QFileInfo::exists(stale));

    // Cancelled: the previous figures stay and nothing arrives later.
    window.refresh();
    CHECK(window.isBusy());
    window.cancel();
    CHECK_FALSE(window.isBusy());
    CHECK(window.isStale());
    CHECK_FALSE(computed.wait(1000));
    CHECK(window.groupedModel()->table().rows == before.rows);

    // The agent filter: only the posts that agent's decisions answered.
    const QString agent =
        scalar(*cache.db, QStringLiteral("SELECT agent_name FROM decisions ORDER BY decided_at LIMIT 1")).toString();
    if (!agent.isEmpty()) {
        window.setAgent(agent);
        waitComputed();
        qint64 agentPosts = 0;
        for (int r = 0; r < window.groupedModel()->rowCount(); ++r)
            agentPosts += window.groupedModel()
                              ->index(r, grouped.column(QStringLiteral("posts")))
                              .data(Qt::UserRole)
                              .toLongLong();
        CHECK(agentPosts < inbound);
    }
}

TEST_CASE("the main window opens the report window with Ctrl+R", "[ui][report]")
{
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setAgentName(QStringLiteral("Marta Verdi"));
    ManualClock clock(utcMs("2026-03-06T16:50:00Z"));
    accounts::MemoryTokenStore tokens;
    MainWindow window(settings, clock, tokens);
    QString error;
    REQUIRE(window.openDemo(&error));
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
    QWidget *report = window.findChild<ReportWindow *>();
    REQUIRE(report);
    CHECK(report->isVisible());
    CHECK(window.showReports() == report); // one window, raised again
}

TEST_CASE("the daily chart draws a long range whole, by week", "[ui][report]")
{
    ReportTable byDay;
    byDay.columns = {{QStringLiteral("day"), ColumnType::Date},
                     {QStringLiteral("posts"), ColumnType::Integer},
                     {QStringLiteral("met"), ColumnType::Integer},
                     {QStringLiteral("missed"), ColumnType::Integer},
                     {QStringLiteral("share_within_target"), ColumnType::Share}};
    // Five years; posts on the first and on the last day (a Wednesday and a Thursday).
    const QDate from(2021, 1, 6), to(2025, 12, 31);
    byDay.rows << QVector<QVariant>{from.toString(Qt::ISODate), qint64(3), qint64(1), qint64(1), 0.5}
               << QVector<QVariant>{to.toString(Qt::ISODate), qint64(4), qint64(3), qint64(0), 1.0};
    DailyChart chart;
    chart.resize(600, 300);
    chart.setDays(byDay, from, to);
    CHECK(chart.weekly());
    CHECK(chart.points() == int(from.addDays(1 - from.dayOfWeek()).daysTo(to) / 7) + 1);
    CHECK(chart.title().contains(QLatin1String("week")));
    CHECK(inkedPixels(chart.image()) > 200);
    // A short range stays by day.
    chart.setDays(byDay, QDate(2025, 12, 1), to);
    CHECK_FALSE(chart.weekly());
    CHECK(chart.points() == 31);
}

namespace {

// The values the grouped view shows in its first column, as a person reads them.
QStringList shownGroups(ReportWindow &window)
{
    QStringList shown;
    ReportTableModel *model = window.groupedModel();
    for (int r = 0; r < model->rowCount(); ++r)
        shown << model->data(model->index(r, 0)).toString();
    return shown;
}

} // namespace

TEST_CASE("report window: department and skill groupings, outside staff see no names and cannot export",
          "[ui][report][team]")
{
    TempCache cache;
    buildTeamSample(*cache.db, true);
    joinTeamAs(*cache.db, QStringLiteral("elia"));
    ManualClock clock(utcMs("2026-03-31T12:00:00Z"));
    ReportWindow window(*cache.db, clock);
    QAbstractItemModelTester tester(window.groupedModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    window.show();
    QSignalSpy computed(&window, &ReportWindow::computed);
    const auto waitComputed = [&] {
        REQUIRE(computed.wait(60000));
        REQUIRE(computed.takeLast().at(0).toBool());
    };
    waitComputed(); // the first report, on the cache's span

    // The grouping choice offers the team's groupings.
    QStringList groupChoices;
    for (QComboBox *box : window.findChildren<QComboBox *>())
        for (int i = 0; i < box->count(); ++i)
            groupChoices << box->itemData(i).toString();
    CHECK(groupChoices.contains(QStringLiteral("department")));
    CHECK(groupChoices.contains(QStringLiteral("skill")));

    window.setGrouping({GroupField::Department});
    waitComputed();
    CHECK(shownGroups(window) == QStringList{QStringLiteral("claims office"), QStringLiteral("No department"),
                                             QStringLiteral("sales")});
    window.setGrouping({GroupField::Skill});
    waitComputed();
    CHECK(shownGroups(window) == QStringList{QStringLiteral("Any"), QStringLiteral("Assistance request"),
                                             QStringLiteral("Negative feedback / complaint"),
                                             QStringLiteral("(no agent: company post)")});

    // The Agent grouping: their own name and "Colleague"; nobody else's name anywhere in the window.
    window.setGrouping({GroupField::Agent});
    waitComputed();
    const QStringList agents = shownGroups(window);
    CHECK(agents.contains(QStringLiteral("Elia Conti")));
    CHECK(agents.contains(QStringLiteral("Colleague")));
    for (QComboBox *box : window.findChildren<QComboBox *>())
        for (int i = 0; i < box->count(); ++i)
            for (const char *name : {"Marta Verdi", "Paolo Neri", "Gino Ghost"})
                CHECK_FALSE(box->itemText(i).contains(QLatin1String(name)));
    for (const QString &shown : agents)
        for (const char *name : {"Marta Verdi", "Paolo Neri", "Gino Ghost"})
            CHECK_FALSE(shown.contains(QLatin1String(name)));

    // Export: the button disabled with the team's policy as its tooltip; exportTo refused, no file.
    CHECK(window.isOutsideStaff());
    CHECK_FALSE(window.exportButton()->isEnabled());
    CHECK(window.exportButton()->toolTip() == exportRefusedMessage());
    const QString out = cache.dir.filePath(QStringLiteral("figures.csv"));
    for (auto what : {ReportWindow::Export::Grouped, ReportWindow::Export::Cetif, ReportWindow::Export::PostLog}) {
        const Status refused = window.exportTo(what, out);
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
    }
    CHECK_FALSE(QFileInfo::exists(out));
}

TEST_CASE("report window: a team's agent sees every name and exports", "[ui][report][team]")
{
    TempCache cache;
    buildTeamSample(*cache.db, true);
    joinTeamAs(*cache.db, QStringLiteral("marta"));
    ManualClock clock(utcMs("2026-03-31T12:00:00Z"));
    ReportWindow window(*cache.db, clock);
    window.show();
    QSignalSpy computed(&window, &ReportWindow::computed);
    REQUIRE(computed.wait(60000));
    window.setGrouping({GroupField::Agent});
    REQUIRE(computed.wait(60000));
    CHECK(shownGroups(window).contains(QStringLiteral("Paolo Neri")));
    CHECK_FALSE(window.isOutsideStaff());
    CHECK(window.exportButton()->isEnabled());
    const QString out = cache.dir.filePath(QStringLiteral("figures.csv"));
    REQUIRE(window.exportTo(ReportWindow::Export::Grouped, out).ok());
    CHECK(QString::fromUtf8(fileBytes(out)).contains(QLatin1String("Paolo Neri")));
    // By agent, the guard's overrides are a column of the table and of its export.
    const int overrides = window.groupedModel()->table().column(QStringLiteral("guard_overrides"));
    REQUIRE(overrides >= 0);
    CHECK(window.groupedModel()->headerData(overrides, Qt::Horizontal).toString() == QLatin1String("Guard overrides"));
    CHECK(QString::fromUtf8(fileBytes(out)).contains(QLatin1String("guard_overrides")));
}
