// Claims and presence in the console (offscreen), two agents on one team against a real PostgreSQL
// 15 (tests/PgServer): each console has its own cache and session. What one agent opens, the other
// sees within a second in the queue and in the conversation header, and "is typing" likewise; a
// decision on a colleague's thread is refused with their name until an explicit take-over, which
// the team database audits; moving to another thread lets the first go; Ctrl+J claims the next
// thread the team's routing gives and selects it.
#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "models/QueueModel.h"
#include "session/ConsoleSession.h"
#include "session/ThreadClaims.h"
#include "storage/Database.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
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
using sportello::ui::QueueModel;

namespace {

const QString kPassword = QStringLiteral("a long enough password");
// How long a colleague's claim or typing may take to show before the test gives up: a wait, not a
// timing claim (no wall-clock assertion in tests; the time it took is printed with each step, and
// it was about 70 ms on the 2-core machine).
constexpr int kArrivalPatienceMs = 15000;

// A team database with Marta Verdi and Paolo Neri and `posts` waiting posts the hub stored.
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
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        REQUIRE(server->exec(
            QStringLiteral(
                "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                "author_handle, author_name, direction, visibility, created_at, text, language) "
                "SELECT 'x', 'p' || g, 't' || g, 'a' || g, 'cliente' || g, 'Cliente ' || g, 'inbound', 'public', "
                "%1 - (100 - g) * 60000, 'Buongiorno, ho un problema con la polizza numero ' || g, 'it' "
                "FROM generate_series(1, %2) g")
                .arg(now)
                .arg(posts),
            &error, QStringLiteral("team")));
    }

    team::TeamUrl urlOf(const QString &login) const { return url.withUser(login); }

    // One value from the team database, read as the superuser.
    QString value(const QString &sql) const
    {
        auto admin = team::TeamConnection::open(url, server->superuserPassword());
        REQUIRE(admin.ok());
        QSqlQuery q((*admin)->db());
        INFO(sql.toStdString());
        REQUIRE(q.exec(sql));
        return q.next() ? q.value(0).toString() : QString();
    }
};

std::function<void(Database &)> joinedAs(const Team &team, const QString &login)
{
    return [&team, login](Database &db) {
        auto joined = team::TeamReplica::join(db, team.urlOf(login), login, QString(), kPassword,
                                              QDateTime::currentMSecsSinceEpoch());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
    };
}

ConsoleOptions consoleFor(const Team &team, const QString &login)
{
    ConsoleOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    auto keychain = std::make_unique<accounts::MemoryTokenStore>();
    REQUIRE(keychain->write(team::passwordKey(team.urlOf(login)), kPassword).ok());
    options.tokens = std::move(keychain);
    options.size = QSize(1400, 850);
    return options;
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(10);
    }
    return true;
}

QLabel *teamLabel(MainWindow &w) { return w.statusBar()->findChild<QLabel *>(QStringLiteral("teamLabel")); }

// The queue row of the thread t<n> (its author is Cliente <n>).
int rowOf(MainWindow &w, int n)
{
    const QString author = QStringLiteral("Cliente %1 ").arg(n);
    for (int row = 0; row < w.queueModel()->rowCount(); ++row)
        if (w.queueModel()->index(row, QueueModel::AuthorColumn).data().toString().startsWith(author))
            return row;
    return -1;
}

QString claimOnRow(MainWindow &w, int n)
{
    const int row = rowOf(w, n);
    return row < 0 ? QStringLiteral("(no row)") : w.queueModel()->index(row, 0).data(QueueModel::ClaimRole).toString();
}

QString postCell(MainWindow &w, int n)
{
    const int row = rowOf(w, n);
    return row < 0 ? QString() : w.queueModel()->index(row, QueueModel::PostColumn).data().toString();
}

void open(ConsoleFixture &console, int n)
{
    QApplication::setActiveWindow(&console.w());
    const int row = rowOf(console.w(), n);
    REQUIRE(row >= 0);
    console.w().queuePane()->selectRow(row);
    console.w().queuePane()->view()->setFocus();
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("SPORTELLO_TEAM_SCREENSHOTS");
    if (!folder.isEmpty())
        REQUIRE(widget->grab().save(QDir(folder).filePath(name)));
}

} // namespace

TEST_CASE("Two agents on one team: presence within a second, a decision on a colleague's thread only after an "
          "audited take-over, Ctrl+J claims the next thread",
          "[ui][team][claims]")
{
    Team team(8);
    ConsoleFixture marta(joinedAs(team, QStringLiteral("mverdi")), consoleFor(team, QStringLiteral("mverdi")));
    ConsoleFixture paolo(joinedAs(team, QStringLiteral("pneri")), consoleFor(team, QStringLiteral("pneri")));
    MainWindow &a = marta.w();
    MainWindow &b = paolo.w();
    paolo.settings.setAgentName(QStringLiteral("Paolo Neri"));
    b.applySettings();
    for (MainWindow *w : {&a, &b}) {
        REQUIRE(w->session()->isTeamMode());
        REQUIRE(w->session()->claims() != nullptr);
        REQUIRE(waitFor([w] { return w->queueModel()->rowCount() == 8; }, 15000));
        REQUIRE(waitFor([w] { return teamLabel(*w)->text().startsWith(QLatin1String("Team: connected")); }, 15000));
        CHECK(w->nextTeamThreadAction()->isEnabled());
        CHECK(w->nextTeamThreadAction()->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_J));
    }
    // Opening the consoles claims nothing.
    QTest::qWait(200);
    CHECK(team.value(QStringLiteral("SELECT count(*) FROM sportello.claims")) == QLatin1String("0"));

    // Marta opens Cliente 5's thread: it is hers, and Paolo's queue says so within a second.
    open(marta, 5);
    QElapsedTimer since;
    since.start();
    REQUIRE(waitFor([&] { return a.conversationPane()->presenceText() == QLatin1String("You are on this thread"); },
                    kArrivalPatienceMs));
    REQUIRE(waitFor([&] { return claimOnRow(b, 5) == QLatin1String("Marta Verdi is on this thread"); },
                    kArrivalPatienceMs));
    INFO("Paolo's queue showed Marta's claim after " << since.elapsed() << " ms");
    CHECK(postCell(b, 5).startsWith(QLatin1String("[Marta Verdi] ")));
    CHECK(claimOnRow(a, 5).isEmpty()); // one's own claim is no marker in one's queue
    CHECK(claimOnRow(b, 4).isEmpty());

    // Paolo opens it too: the claim's answer names Marta at once.
    open(paolo, 5);
    since.restart();
    REQUIRE(waitFor([&] { return b.conversationPane()->presenceText() == QLatin1String("Marta Verdi is on this thread"); },
                    kArrivalPatienceMs));
    CHECK(b.session()->claims()->standing() == ThreadClaims::Standing::Colleague);
    saveScreenshot(&b, QStringLiteral("screenshot-team-claim.png"));

    // Marta types her reply: Paolo sees "is typing" within a second, in the header and the queue.
    QTest::keyClicks(a.triagePanel()->editor(), QStringLiteral("Buongiorno, la"));
    since.restart();
    REQUIRE(waitFor([&] { return b.conversationPane()->presenceText() == QLatin1String("Marta Verdi is typing a reply"); },
                    kArrivalPatienceMs));
    CHECK(claimOnRow(b, 5) == QLatin1String("Marta Verdi is typing a reply"));
    CHECK(postCell(b, 5).startsWith(QStringLiteral("[Marta Verdi typing…] ")));
    // Throttled: a burst of keystrokes is one report.
    QTest::keyClicks(a.triagePanel()->editor(), QStringLiteral(" richiamiamo"));
    CHECK(a.session()->claims()->typingReportsSent() == 1);

    // Paolo tries to decide: refused with Marta's name and the Take over action, nothing armed.
    QApplication::setActiveWindow(&b);
    b.queuePane()->view()->setFocus();
    paolo.key(Qt::Key_1, Qt::ControlModifier);
    CHECK_FALSE(b.triagePanel()->armedKind().has_value());
    CHECK(b.triagePanel()->message().contains(QLatin1String("Marta Verdi is on this thread")));
    QPushButton *takeOver = b.triagePanel()->takeOverButton();
    REQUIRE(takeOver->isVisible());
    CHECK(takeOver->text().contains(QLatin1String("Marta Verdi")));
    CHECK(takeOver->accessibleName() == QLatin1String("Take this thread over from Marta Verdi"));
    CHECK(takeOver->hasFocus()); // Space or Enter takes over from the keyboard
    // Confirming is what the panel refuses too.
    paolo.key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(b.triagePanel()->message().contains(QLatin1String("Marta Verdi is on this thread")));
    saveScreenshot(&b, QStringLiteral("screenshot-team-takeover.png"));

    SECTION("cancelling the confirmation changes nothing")
    {
        whenModal(&b, [](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            REQUIRE(box);
            box->button(QMessageBox::Cancel)->click();
        });
        QTest::keyClick(takeOver, Qt::Key_Space);
        CHECK(b.session()->claims()->standing() == ThreadClaims::Standing::Colleague);
        CHECK(team.value(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'claim_taken_over'")) ==
              QLatin1String("0"));
    }

    SECTION("taking over is confirmed and audited; then Paolo decides, Marta sees it, moves on, and Ctrl+J gives "
            "her the next thread")
    {
        QString question;
        whenModal(&b, [&question](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            REQUIRE(box);
            question = box->text();
            for (QAbstractButton *button : box->buttons())
                if (box->buttonRole(button) == QMessageBox::AcceptRole)
                    button->click();
        });
        QTest::keyClick(takeOver, Qt::Key_Space);
        CHECK(question == QLatin1String("Take this thread over from Marta Verdi?"));
        REQUIRE(waitFor([&] { return b.session()->claims()->standing() == ThreadClaims::Standing::Mine; },
                        kArrivalPatienceMs));
        CHECK(b.conversationPane()->presenceText() == QLatin1String("You are on this thread"));
        CHECK(b.triagePanel()->heldBy().isEmpty());
        CHECK_FALSE(takeOver->isVisible());
        CHECK(b.triagePanel()->message().contains(QLatin1String("You took this thread over from Marta Verdi")));
        CHECK(team.value(QStringLiteral("SELECT agent_id || ' from ' || (details::jsonb ->> 'from_login') FROM "
                                        "sportello.audit_log WHERE action = 'claim_taken_over' AND "
                                        "thread_external_id = 't5'")) == QLatin1String("pneri from mverdi"));
        // Now the decision can be armed.
        QApplication::setActiveWindow(&b);
        b.queuePane()->view()->setFocus();
        paolo.key(Qt::Key_1, Qt::ControlModifier);
        CHECK(b.triagePanel()->armedKind() == DecisionKind::ReplyPublic);

        // Marta sees that Paolo took it: her own decision is refused now, her text kept.
        REQUIRE(waitFor([&] { return a.conversationPane()->presenceText() == QLatin1String("Paolo Neri is on this thread"); },
                        kArrivalPatienceMs));
        CHECK(a.triagePanel()->heldBy() == QLatin1String("Paolo Neri"));
        CHECK(a.triagePanel()->editor()->toPlainText() == QLatin1String("Buongiorno, la richiamiamo"));
        CHECK(claimOnRow(b, 5).isEmpty()); // Paolo's own now

        // Marta moves on to Cliente 3, then Cliente 2: Paolo sees each claim come and the first go.
        open(marta, 3);
        REQUIRE(waitFor([&] { return claimOnRow(b, 3) == QLatin1String("Marta Verdi is on this thread"); },
                        kArrivalPatienceMs));
        open(marta, 2);
        since.restart();
        REQUIRE(waitFor([&] { return claimOnRow(b, 3).isEmpty() && !claimOnRow(b, 2).isEmpty(); }, kArrivalPatienceMs));
        INFO("Marta's release reached Paolo after " << since.elapsed() << " ms");
        const QString held = team.value(
            QStringLiteral("SELECT string_agg(thread_external_id, ',') FROM sportello.claims WHERE login = 'mverdi' AND "
                           "until_at > (extract(epoch from clock_timestamp()) * 1000)::bigint"));
        INFO("Marta holds " << held.toStdString());
        CHECK(held == QLatin1String("t2"));

        // Ctrl+J: the most urgent thread nobody holds (the oldest post, Cliente 1: t2 is hers, t5 Paolo's).
        QApplication::setActiveWindow(&a);
        a.queuePane()->view()->setFocus();
        since.restart();
        marta.key(Qt::Key_J, Qt::ControlModifier);
        const bool selected =
            waitFor([&] { return rowOf(a, 1) >= 0 && a.queuePane()->currentRow() == rowOf(a, 1); }, kArrivalPatienceMs);
        INFO("after " << since.elapsed() << " ms");
        INFO("Marta's status bar: " << a.statusBar()->currentMessage().toStdString() << "; current row "
                                     << a.queuePane()->currentRow() << ", Cliente 1's row " << rowOf(a, 1));
        REQUIRE(selected);
        CHECK(team.value(QStringLiteral("SELECT how FROM sportello.claims WHERE login = 'mverdi' AND "
                                        "thread_external_id = 't1'")) == QLatin1String("next"));
        REQUIRE(waitFor([&] { return claimOnRow(b, 1) == QLatin1String("Marta Verdi is on this thread"); },
                        kArrivalPatienceMs));

        // Marta closes her console: her claim goes with it (expiry would do it in three minutes).
        a.close();
        REQUIRE(waitFor([&] { return claimOnRow(b, 1).isEmpty(); }, kArrivalPatienceMs));
    }
}

TEST_CASE("Alone, nothing of the team's claims shows and Ctrl+J moves down the queue", "[ui][team][claims]")
{
    ConsoleOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    ConsoleFixture console([](Database &) {}, std::move(options));
    MainWindow &w = console.w();
    REQUIRE_FALSE(w.session()->isTeamMode());
    CHECK(w.session()->claims() == nullptr);
    CHECK_FALSE(w.nextTeamThreadAction()->isEnabled());
    CHECK(w.nextTeamThreadAction()->shortcuts().isEmpty());
    CHECK(w.conversationPane()->presenceText().isEmpty());
}

TEST_CASE("Offline, the thread is not claimed, the header says so and the agent may decide", "[ui][team][claims]")
{
    Team team(3);
    // Paolo's cache joined and caught up, then the team database goes away.
    auto cache = std::make_unique<TempCache>();
    joinedAs(team, QStringLiteral("pneri"))(*cache->db);
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        accounts::MemoryTokenStore keychain;
        REQUIRE(keychain.write(team::passwordKey(team.urlOf(QStringLiteral("pneri"))), kPassword).ok());
        team::TeamReplica replica(*cache->db, clock, &keychain);
        REQUIRE(replica.syncOnce().ok());
    }
    QString error;
    REQUIRE(team.server->stop(&error));
    ConsoleFixture paolo(std::move(cache->db), consoleFor(team, QStringLiteral("pneri")));
    MainWindow &w = paolo.w();
    REQUIRE(w.session()->isTeamMode());
    REQUIRE(waitFor([&] { return w.queueModel()->rowCount() == 3; }, 15000));

    open(paolo, 2);
    REQUIRE(waitFor([&] { return w.session()->claims()->standing() == ThreadClaims::Standing::Offline; },
                    kArrivalPatienceMs));
    const QString notice =
        QStringLiteral("Offline: this thread is not claimed; a colleague's decision made first wins.");
    CHECK(w.conversationPane()->presenceText() == notice);
    // Deciding is allowed, with the notice.
    paolo.key(Qt::Key_1, Qt::ControlModifier);
    CHECK(w.triagePanel()->armedKind() == DecisionKind::ReplyPublic);
    CHECK(w.triagePanel()->message() == notice);
    CHECK_FALSE(w.triagePanel()->takeOverButton()->isVisible());

    // Claim Next Thread says why it cannot.
    QApplication::setActiveWindow(&w);
    w.queuePane()->view()->setFocus();
    paolo.key(Qt::Key_J, Qt::ControlModifier);
    REQUIRE(waitFor([&] { return w.statusBar()->currentMessage().startsWith(QLatin1String("Not connected to the team")); },
                    kArrivalPatienceMs));
}
