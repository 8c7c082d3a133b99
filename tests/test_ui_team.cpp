// The console in team mode (offscreen) against a real PostgreSQL 15 (tests/PgServer): the cache is a
// replica; a colleague's decision and new posts arrive live without moving the agent's selection
// or the reply being typed; the status bar says Team: connected / reconnecting / offline and how
// many decisions wait to go up; a decision taken while the team database is down goes up when it
// is back, and one a colleague took first is held and shown in the outbox. Settings > Team joins.
#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/TeamPage.h"
#include "models/OutboxModel.h"
#include "models/QueueModel.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "triage/TriageService.h"
#include "views/OutboxPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace sportello;
using namespace sportello::test;
using sportello::test::PgServer;
using sportello::ui::MainWindow;

namespace {

const QString kPassword = QStringLiteral("a long enough password");

// A team database with two agents and `posts` waiting posts the hub would have stored.
struct Team {
    std::unique_ptr<PgServer> server;
    team::TeamUrl url;

    explicit Team(int posts)
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        auto parsed = team::TeamUrl::parse(server->url(QStringLiteral("team")));
        REQUIRE(parsed.ok());
        url = *parsed;
        auto admin = team::TeamConnection::open(url, server->superuserPassword());
        REQUIRE(admin.ok());
        REQUIRE(team::initTeamSchema((*admin)->db()).ok());
        for (const auto &[login, name] : {std::pair{QStringLiteral("mverdi"), QStringLiteral("Marta Verdi")},
                                          std::pair{QStringLiteral("pneri"), QStringLiteral("Paolo Neri")}}) {
            team::TeamAgent agent{login, name, team::AgentRole::Agent};
            REQUIRE(team::addAgent((*admin)->db(), agent, kPassword, 1).ok());
        }
        addPosts(1, posts);
    }

    // Posts as the hub stores them: threads t<first>..t<last>, newest last.
    void addPosts(int first, int last)
    {
        QString error;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        INFO(error.toStdString());
        REQUIRE(server->exec(
            QStringLiteral(
                "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                "author_handle, author_name, direction, visibility, created_at, text, language) "
                "SELECT 'x', 'p' || g, 't' || g, 'a' || g, 'cliente' || g, 'Cliente ' || g, 'inbound', 'public', "
                "%1 - (100 - g) * 60000, 'Buongiorno, ho un problema con la polizza numero ' || g, 'it' "
                "FROM generate_series(%2, %3) g")
                .arg(now)
                .arg(first)
                .arg(last),
            &error, QStringLiteral("team")));
    }

    team::TeamUrl urlOf(const QString &login) const { return url.withUser(login); }
};

// A colleague's desktop without a window: its own cache, replica of the same team.
struct Colleague {
    TempCache cache;
    ManualClock clock{QDateTime::currentMSecsSinceEpoch()};
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<team::TeamReplica> replica;

    Colleague(const Team &team, const QString &login)
    {
        auto joined = team::TeamReplica::join(*cache.db, team.urlOf(login), login, QString(), kPassword,
                                              clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(team::passwordKey(joined->url), kPassword).ok());
        replica = std::make_unique<team::TeamReplica>(*cache.db, clock, &keychain);
        auto synced = replica->syncOnce();
        REQUIRE(synced.ok());
    }

    qint64 threadId(const QString &externalId) const
    {
        QSqlQuery q(cache.db->connection());
        q.prepare(QStringLiteral("SELECT id FROM threads WHERE external_id = ?"));
        q.addBindValue(externalId);
        REQUIRE(q.exec());
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    }

    // Decides in this cache (not pushed yet).
    void decide(const QString &thread, const QString &text)
    {
        TriageService triage(*cache.db, clock, Agent{QStringLiteral("pneri"), QStringLiteral("Paolo Neri")});
        DecisionRequest request;
        request.threadId = threadId(thread);
        request.kind = DecisionKind::ReplyPublic;
        request.text = text;
        auto decided = triage.decide(request);
        INFO(decided.error().toStdString());
        REQUIRE(decided.ok());
    }
};

// The marta console's cache: joined, caught up, before the window opens.
std::function<void(Database &)> joinedAs(const Team &team, const QString &login)
{
    return [&team, login](Database &db) {
        auto joined = team::TeamReplica::join(db, team.urlOf(login), login, QString(), kPassword,
                                              QDateTime::currentMSecsSinceEpoch());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
    };
}

ConsoleOptions consoleWithPassword(const Team &team, const QString &login)
{
    ConsoleOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    auto keychain = std::make_unique<accounts::MemoryTokenStore>();
    REQUIRE(keychain->write(team::passwordKey(team.urlOf(login)), kPassword).ok());
    options.tokens = std::move(keychain);
    options.size = QSize(1400, 850);
    return options;
}

QLabel *teamLabel(MainWindow &w) { return w.statusBar()->findChild<QLabel *>(QStringLiteral("teamLabel")); }

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(20);
    }
    return true;
}

int queueRowOf(MainWindow &w, const QString &author)
{
    for (int row = 0; row < w.queueModel()->rowCount(); ++row)
        for (int column = 0; column < 2; ++column)
            if (w.queueModel()->index(row, column).data().toString().contains(author))
                return row;
    return -1;
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("SPORTELLO_TEAM_SCREENSHOTS");
    if (!folder.isEmpty())
        widget->grab().save(QDir(folder).filePath(name));
}

} // namespace

TEST_CASE("team mode: colleagues' decisions and new posts arrive live without moving the agent's work",
          "[ui][team]")
{
    Team team(20);
    Colleague paolo(team, QStringLiteral("pneri"));
    ConsoleFixture console(joinedAs(team, QStringLiteral("mverdi")), consoleWithPassword(team, QStringLiteral("mverdi")));
    MainWindow &w = console.w();
    REQUIRE(w.session()->isTeamMode());
    REQUIRE(waitFor([&] { return w.queueModel()->rowCount() == 20; }));
    REQUIRE(waitFor([&] { return teamLabel(w)->text().startsWith(QLatin1String("Team: connected")); }));

    // Marta reads one thread and starts a reply.
    const int martaRow = queueRowOf(w, QStringLiteral("Cliente 7"));
    REQUIRE(martaRow >= 0);
    w.queuePane()->selectRow(martaRow);
    const qint64 reading = w.currentThreadId();
    REQUIRE(reading != 0);
    console.key(Qt::Key_1, Qt::ControlModifier);
    console.type(QStringLiteral("Buongiorno, le scriviamo"));
    const QString typed = w.triagePanel()->findChild<QPlainTextEdit *>()->toPlainText();
    REQUIRE(typed.contains(QLatin1String("le scriviamo")));

    // Paolo answers another thread and it leaves Marta's queue; new posts join it.
    paolo.decide(QStringLiteral("t3"), QStringLiteral("Gentile cliente, la richiamiamo oggi."));
    REQUIRE(paolo.replica->push().ok());
    team.addPosts(21, 22);
    QElapsedTimer arrival;
    arrival.start();
    REQUIRE(waitFor([&] { return queueRowOf(w, QStringLiteral("Cliente 3 ")) < 0 && w.queueModel()->rowCount() == 21; }));
    INFO("arrived after " << arrival.elapsed() << " ms");
    CHECK(w.currentThreadId() == reading);
    CHECK(w.triagePanel()->findChild<QPlainTextEdit *>()->toPlainText() == typed);
    saveScreenshot(&w, QStringLiteral("screenshot-team.png"));

    SECTION("a decision taken while the team database is down goes up when it is back")
    {
        QString error;
        REQUIRE(team.server->stop(&error));
        REQUIRE(waitFor([&] { return !teamLabel(w)->text().startsWith(QLatin1String("Team: connected")); }));
        // Marta decides her thread with the team database down: recorded here, waiting to go up.
        console.key(Qt::Key_Return, Qt::ControlModifier);
        REQUIRE(waitFor([&] { return w.session()->decisionsToPush().value() == 1; }));
        REQUIRE(w.session()->recount().ok());
        REQUIRE(waitFor([&] { return teamLabel(w)->text().contains(QLatin1String("1 decision")); }));
        saveScreenshot(&w, QStringLiteral("screenshot-team-offline.png"));
        REQUIRE(team.server->restart(&error));
        REQUIRE(waitFor([&] { return w.session()->decisionsToPush().value() == 0; }, 60000));
        auto fresh = team::TeamConnection::open(team.url, team.server->superuserPassword());
        REQUIRE(fresh.ok());
        QSqlQuery up((*fresh)->db());
        REQUIRE(up.exec(QStringLiteral("SELECT agent_login, state FROM sportello.decisions WHERE agent_login = "
                                       "'mverdi'")));
        REQUIRE(up.next());
        CHECK(up.value(1).toString() == QLatin1String("accepted"));
        CHECK_FALSE(up.next());
    }
    SECTION("a decision a colleague took first is held and shown with both decisions")
    {
        // Paolo decides Cliente 7's thread first, while Marta cannot reach the team.
        QString error;
        REQUIRE(team.server->exec(QStringLiteral("ALTER ROLE mverdi NOLOGIN"), &error));
        REQUIRE(team.server->exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                                 "usename = 'mverdi'"),
                                  &error));
        // The next round finds the connection gone and the login refused: the poll's, or at once
        // when the agent syncs (F5).
        REQUIRE(w.session()->syncNow(true).ok());
        REQUIRE(waitFor([&] { return teamLabel(w)->text().startsWith(QLatin1String("Team: offline")); }));
        paolo.decide(QStringLiteral("t7"), QStringLiteral("Paolo's answer"));
        REQUIRE(paolo.replica->push().ok());
        console.key(Qt::Key_Return, Qt::ControlModifier);
        REQUIRE(waitFor([&] { return w.session()->decisionsToPush().value() == 1; }));
        REQUIRE(team.server->exec(QStringLiteral("ALTER ROLE mverdi LOGIN"), &error));
        REQUIRE(waitFor([&] { return w.session()->heldDecisions().value() == 1; }, 60000));
        REQUIRE(waitFor([&] { return teamLabel(w)->text().contains(QLatin1String("1 held")); }));
        w.showOutbox(true);
        REQUIRE(waitFor([&] { return w.outboxPane()->view()->model()->rowCount() > 0; }));
        QStringList rows;
        const QAbstractItemModel *outbox = w.outboxPane()->view()->model();
        for (int row = 0; row < outbox->rowCount(); ++row) {
            QStringList cells;
            for (int column = 0; column < outbox->columnCount(); ++column)
                cells << outbox->index(row, column).data().toString() +
                             outbox->index(row, column).data(Qt::ToolTipRole).toString();
            rows << cells.join(QLatin1Char('|'));
        }
        INFO(rows.join(QLatin1Char('\n')).toStdString());
        CHECK(rows.join(QLatin1Char('\n')).contains(QLatin1String("Paolo Neri")));
        saveScreenshot(&w, QStringLiteral("screenshot-team-held.png"));
    }
}

TEST_CASE("Settings > Team joins a cache to a team, keeps the password in the keychain only, and the console follows",
          "[ui][team]")
{
    Team team(5);
    ConsoleOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    options.size = QSize(1400, 850);
    ConsoleFixture console([](Database &) {}, std::move(options));
    MainWindow &w = console.w();
    REQUIRE_FALSE(w.session()->isTeamMode());

    ui::SettingsDialog dialog(console.settings, *w.database(), console.clock, w.tokenStore(), &w);
    dialog.setCurrentPage(ui::SettingsDialog::Page::Team);
    ui::TeamPage *page = dialog.teamPage();
    page->urlField()->setText(QStringLiteral("postgresql://db.example.com/sportello"));
    page->loginField()->setText(QStringLiteral("mverdi"));
    CHECK_FALSE(page->join());
    CHECK(page->status().contains(QLatin1String("sslmode=verify-full")));
    page->urlField()->setText(team.urlOf(QStringLiteral("mverdi")).toString());
    page->passwordField()->setText(QStringLiteral("not the password"));
    CHECK_FALSE(page->join());
    CHECK(page->status().contains(QLatin1String("mverdi")));
    CHECK_FALSE(page->status().contains(QLatin1String("not the password")));
    page->passwordField()->setText(kPassword);
    REQUIRE(page->join());
    CHECK(page->passwordField()->text().isEmpty());
    CHECK(page->leaveButton()->isEnabled());
    REQUIRE(waitFor([&] { return w.tokenStore().read(team::passwordKey(team.urlOf(QStringLiteral("mverdi")))).ok(); }));
    dialog.resize(820, 560);
    dialog.show();
    saveScreenshot(&dialog, QStringLiteral("screenshot-settings-team.png"));
    dialog.close();
    // What showSettings() does once the dialog closes.
    REQUIRE(dialog.teamMembershipChanged());
    w.reopenSession();
    REQUIRE(w.session()->isTeamMode());
    REQUIRE(waitFor([&] { return w.queueModel()->rowCount() == 5; }));
    REQUIRE(waitFor([&] { return teamLabel(w)->isVisible() && teamLabel(w)->text().startsWith(QLatin1String("Team:")); }));
    // No password in the cache.
    QSqlQuery stored(w.database()->connection());
    REQUIRE(stored.exec(QStringLiteral("SELECT count(*) FROM app_state WHERE value LIKE '%long enough%'")));
    REQUIRE(stored.next());
    CHECK(stored.value(0).toInt() == 0);

    SECTION("leaving keeps the cache readable and the console works alone")
    {
        ui::SettingsDialog again(console.settings, *w.database(), console.clock, w.tokenStore(), &w);
        REQUIRE(again.teamPage()->leave(true));
        w.reopenSession();
        CHECK_FALSE(w.session()->isTeamMode());
        CHECK(w.queueModel()->rowCount() == 5);
        CHECK_FALSE(teamLabel(w)->isVisible());
    }
}
