// Access to personal data in the console (docs/privacy.md): the customer card records its opening
// once per thread shown and exports the person's data, Help > Access Records lists the records
// page by page from SQL, the report window exports pseudonymised unless unchecked, and a team's
// agent may neither uncheck it nor export a person's data.
// SPORTELLO_PRIVACY_SCREENSHOTS=DIR saves the card and the access records window there.

#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "ReportTeamSample.h"
#include "TestSupport.h"

#include "common/Clock.h"
#include "models/AccessLogModel.h"
#include "privacy/AccessLog.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "views/AccessLogWindow.h"
#include "views/CustomerCard.h"
#include "views/QueuePane.h"
#include "views/ReportWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace sportello;
using namespace sportello::test;
using CardView = sportello::ui::CustomerCard;
using sportello::ui::AccessLogModel;
using sportello::ui::AccessLogWindow;
using sportello::ui::MainWindow;
using sportello::ui::ReportWindow;

namespace {

PostRecord postBy(Channel channel, const char *thread, const char *id, const char *authorId, const char *handle,
                  const char *name, Visibility visibility, const char *at, const char *text)
{
    PostRecord p = inboundPost(QLatin1String(thread), QLatin1String(id), utcMs(at), QString::fromUtf8(text), channel);
    p.author = {QLatin1String(authorId), QLatin1String(handle), QLatin1String(name), 10};
    p.visibility = visibility;
    return p;
}

void fill(Database &db)
{
    ingest(db, {postBy(Channel::Facebook, "fb-t1", "fb-p1", "fb-mario", "mario.rossi", "Mario Rossi",
                       Visibility::Public, "2026-03-10T09:00:00Z", "Buongiorno, il sinistro <n. 4411> è fermo"),
                postBy(Channel::Instagram, "ig-t1", "ig-p1", "ig-luca", "luca.verdi", "Luca Verdi", Visibility::Private,
                       "2026-03-10T09:20:00Z", "Salve, una domanda sul rinnovo")});
}

qint64 threadId(Database &db, const char *external)
{
    return scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(QLatin1String(external)))
        .toLongLong();
}

qint64 records(Database &db, const char *kind)
{
    return scalar(db, QStringLiteral("SELECT count(*) FROM access_log WHERE kind = '%1'").arg(QLatin1String(kind)))
        .toLongLong();
}

void saveScreenshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("SPORTELLO_PRIVACY_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    CHECK(widget->grab().save(QDir(dir).filePath(QString::fromLatin1(name))));
}

} // namespace

TEST_CASE("customer card: its opening is recorded once per thread shown, and it exports the person's data",
          "[ui][privacy]")
{
    ConsoleOptions options;
    options.nowMs = utcMs("2026-03-10T12:00:00Z");
    options.size = QSize(1280, 800);
    ConsoleFixture console(fill, std::move(options));
    MainWindow &w = console.w();
    Database &db = w.session()->database();
    CardView *card = w.customerCard();
    REQUIRE(card);
    const qint64 fb = threadId(db, "fb-t1"), ig = threadId(db, "ig-t1");
    // Whatever the console showed first, Luca's card is shown now.
    REQUIRE(w.queuePane()->selectThread(ig));
    const qint64 before = records(db, "customer_card");
    CHECK(before >= 1);

    REQUIRE(w.queuePane()->selectThread(fb));
    CHECK(records(db, "customer_card") == before + 1);
    // Working on the card (a note reloads it) is not opening it again.
    card->noteInput()->setText(QStringLiteral("Richiamare"));
    REQUIRE(card->addNote());
    CHECK(records(db, "customer_card") == before + 1);
    REQUIRE(w.queuePane()->selectThread(ig));
    REQUIRE(w.queuePane()->selectThread(fb));
    CHECK(records(db, "customer_card") == before + 3);
    CHECK(scalar(db, QStringLiteral("SELECT agent_name FROM access_log ORDER BY rowid DESC LIMIT 1")).toString() ==
          console.settings.agent().name);

    // Alone, the export is the desktop user's to make.
    REQUIRE(card->exportButton()->isEnabled());
    CHECK(card->exportButton()->text() == QStringLiteral("Export this person's data…"));
    saveScreenshot(&w, "customer-card-export.png");
    const QString html = QFileInfo(console.cachePath()).dir().filePath(QStringLiteral("mario.html"));
    REQUIRE(card->exportPersonData(html));
    CHECK(card->message().contains(QLatin1String("mario.html")));
    const QString page = QString::fromUtf8(fileBytes(html));
    CHECK(page.contains(QLatin1String("il sinistro &lt;n. 4411&gt;")));
    CHECK_FALSE(page.contains(QLatin1String("<n. 4411>")));
    CHECK_FALSE(page.contains(QLatin1String("Luca")));
    CHECK(records(db, "person_export") == 1);
    const QString json = QFileInfo(console.cachePath()).dir().filePath(QStringLiteral("mario.json"));
    REQUIRE(card->exportPersonData(json));
    CHECK(fileBytes(json).startsWith("{"));
    // A failure is said on the card and leaves nothing.
    CHECK_FALSE(card->exportPersonData(QStringLiteral("/proc/mario.html")));
    CHECK(card->message().contains(QLatin1String("Cannot write /proc/mario.html")));
    CHECK(records(db, "person_export") == 2);
}

TEST_CASE("Help > Access Records: every record, newest first, page by page, filtered", "[ui][privacy]")
{
    ConsoleOptions options;
    options.nowMs = utcMs("2026-03-10T12:00:00Z");
    ConsoleFixture console(fill, std::move(options));
    MainWindow &w = console.w();
    Database &db = w.session()->database();
    // 450 records by two agents over the last days, the newest Bruno's.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        QSqlQuery insert(db.connection());
        REQUIRE(insert.exec(QStringLiteral("BEGIN")));
        for (int i = 0; i < 450; ++i) {
            const Agent who = i % 3 == 0 ? Agent{QStringLiteral("bruno"), QStringLiteral("Bruno Galli")}
                                         : Agent{QStringLiteral("anna"), QStringLiteral("Anna Neri")};
            REQUIRE(privacy::recordAccess(db.connection(), now - qint64(449 - i) * 600000, who,
                                          i % 2 ? privacy::AccessKind::CustomerCard : privacy::AccessKind::ReportExport,
                                          QStringLiteral("customer:record-%1").arg(i))
                        .ok());
        }
        REQUIRE(insert.exec(QStringLiteral("COMMIT")));
    }
    QAction *action = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == QStringLiteral("&Access Records…"))
            action = a;
    REQUIRE(action);
    CHECK(action->isVisible()); // alone: the desktop's user reads their own records
    AccessLogWindow *window = w.showAccessLog();
    REQUIRE(window);
    window->resize(980, 560);
    AccessLogModel *model = window->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    window->setRange(QDate::currentDate().addDays(-30), QDate::currentDate());
    window->applyFilter();
    CHECK(model->total() == 450);
    // One page read, the rest on demand.
    CHECK(model->rowCount() == AccessLogModel::kPageSize);
    CHECK(model->recordAt(0).subject == QLatin1String("customer:record-449"));
    CHECK(model->index(0, AccessLogModel::AgentColumn).data().toString() == QLatin1String("Anna Neri"));
    CHECK(model->index(0, AccessLogModel::KindColumn).data().toString() == QLatin1String("Customer card opened"));
    CHECK(model->index(1, AccessLogModel::KindColumn).data().toString() == QLatin1String("Report exported"));
    CHECK(model->index(2, AccessLogModel::AgentColumn).data().toString() == QLatin1String("Bruno Galli"));
    REQUIRE(model->canFetchMore({}));
    model->fetchMore({});
    model->fetchMore({});
    CHECK(model->rowCount() == 450);
    CHECK_FALSE(model->canFetchMore({}));
    CHECK(model->recordAt(449).subject == QLatin1String("customer:record-0"));
    CHECK(window->summary().contains(QLatin1String("450 record")));
    CHECK(window->summary().contains(QLatin1String("450 shown")));
    // By agent, then by day.
    window->setAgentFilter(QStringLiteral("Bruno Galli"));
    window->applyFilter();
    CHECK(model->total() == 150);
    window->setAgentFilter(QString());
    window->setRange(QDate::currentDate().addDays(1), QDate::currentDate().addDays(1));
    window->applyFilter();
    CHECK(model->total() == 0);
    CHECK(model->rowCount() == 0);
    window->setRange(QDate::currentDate().addDays(-30), QDate::currentDate());
    window->applyFilter();
    window->show();
    REQUIRE(QTest::qWaitForWindowExposed(window));
    QApplication::processEvents();
    saveScreenshot(window, "access-records.png");
}

TEST_CASE("report window: pseudonymised by default, and a team's agent cannot uncheck it", "[ui][privacy][report]")
{
    TempCache cache;
    buildTeamSample(*cache.db, true);
    ManualClock clock(utcMs("2026-03-31T12:00:00Z"));
    const QString out = cache.dir.filePath(QStringLiteral("log.csv"));
    const auto exportLog = [&](ReportWindow &window) {
        QSignalSpy exported(&window, &ReportWindow::exportFinished);
        REQUIRE(window.exportTo(ReportWindow::Export::PostLog, out).ok());
        REQUIRE(exported.wait(60000));
        INFO(exported.at(0).at(1).toString().toStdString());
        REQUIRE(exported.at(0).at(0).toBool());
        return QString::fromUtf8(fileBytes(out));
    };
    {
        // Alone: checked, and the user may uncheck it.
        ReportWindow window(*cache.db, clock);
        window.setAccessAgent(Agent{QStringLiteral("desk"), QStringLiteral("Sara Blu")});
        QSignalSpy computed(&window, &ReportWindow::computed);
        window.show();
        REQUIRE(computed.wait(60000));
        CHECK(window.pseudonymiseBox()->isChecked());
        CHECK(window.pseudonymiseBox()->isEnabled());
        const QString pseudonymised = exportLog(window);
        CHECK(records(*cache.db, "report_export") == 1);
        window.pseudonymiseBox()->setChecked(false);
        const QString personal = exportLog(window);
        // The sample's authors' handles appear only in the personal export.
        const QString handle = scalar(*cache.db, QStringLiteral("SELECT handle FROM authors WHERE handle <> '' "
                                                                "AND is_company = 0 LIMIT 1"))
                                   .toString();
        REQUIRE_FALSE(handle.isEmpty());
        CHECK(personal.contains(handle));
        CHECK_FALSE(pseudonymised.contains(handle));
        CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM access_log WHERE kind = 'report_export' AND "
                                               "agent_name = 'Sara Blu' AND subject LIKE '%\"pseudonymised\":false%'"))
                  .toLongLong() == 1);
    }
    QFile::remove(out);
    joinTeamAs(*cache.db, QStringLiteral("marta")); // an agent
    ReportWindow window(*cache.db, clock);
    QSignalSpy computed(&window, &ReportWindow::computed);
    window.show();
    REQUIRE(computed.wait(60000));
    CHECK(window.pseudonymiseBox()->isChecked());
    CHECK_FALSE(window.pseudonymiseBox()->isEnabled());
    CHECK(window.pseudonymiseBox()->toolTip().contains(QLatin1String("data protection officer")));
    window.pseudonymiseBox()->setChecked(false); // as if it could be
    const Status refused = window.exportTo(ReportWindow::Export::PostLog, out);
    CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK_FALSE(QFileInfo::exists(out));

    // Nor does the agent's customer card export a person's data.
    CardView card(clock);
    card.setDatabase(cache.db.get());
    card.setAgent(Agent{QStringLiteral("marta"), QStringLiteral("Marta Verdi")});
    card.setThread(
        scalar(*cache.db, QStringLiteral("SELECT min(thread_id) FROM posts WHERE direction = 'inbound'")).toLongLong());
    REQUIRE(card.authorId() > 0);
    CHECK_FALSE(card.exportButton()->isEnabled());
    CHECK(card.exportButton()->toolTip().contains(QLatin1String("data protection officer")));
    const QString person = cache.dir.filePath(QStringLiteral("person.html"));
    CHECK_FALSE(card.exportPersonData(person));
    CHECK_FALSE(QFileInfo::exists(person));
    // The card's opening is still recorded, signed as the agent, for the team.
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM access_log WHERE kind = 'customer_card' AND "
                                           "team_state = 'to_push'"))
              .toLongLong() == 1);
}
