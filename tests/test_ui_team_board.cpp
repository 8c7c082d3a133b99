// A supervisor's console in team mode (offscreen) against a real PostgreSQL 15: Go > Team Board
// shows who is online, what each holds (and typing), the queue by category and department, and
// releases a claim (audited); Go > Approvals lists an outside agent's public reply with the
// customer's post, refuses to approve it while the guard finds personal data, approves it edited,
// and sends another back with a comment.
#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "dialogs/RoutingPage.h"
#include "session/ConsoleSession.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamReplica.h"
#include "team/TeamWork.h"
#include "models/OutboxModel.h"
#include "models/QueueModel.h"
#include "views/ApprovalPane.h"
#include "views/NotesPanel.h"
#include "views/QueuePane.h"
#include "views/OutboxPane.h"
#include "views/TeamBoardPane.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>
#include <QListView>
#include <QStatusBar>

using namespace sportello;
using namespace sportello::test;
using sportello::test::PgServer;
using sportello::ui::MainWindow;

namespace {

const QString kPassword = QStringLiteral("a long enough password");

struct Team {
    std::unique_ptr<PgServer> server;
    std::unique_ptr<team::TeamConnection> admin;
    team::TeamUrl url;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        url = *team::TeamUrl::parse(server->url(QStringLiteral("team")));
        auto connection = team::TeamConnection::open(url, server->superuserPassword());
        REQUIRE(connection.ok());
        admin = std::move(*connection);
        REQUIRE(team::initTeamSchema(admin->db()).ok());
        team::AgentProfile care;
        care.department = QStringLiteral("customer care");
        team::AgentProfile outside;
        outside.scopeChannels = {QStringLiteral("x")};
        add(QStringLiteral("sara"), QStringLiteral("Sara Neri"), team::AgentRole::Supervisor, {});
        add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), team::AgentRole::Agent, care);
        add(QStringLiteral("ext"), QStringLiteral("Outsourcer One"), team::AgentRole::External, outside);
        REQUIRE(team::writeRouting(admin->db(), team::RoutingConfig::usingPreset(team::RoutingPreset::Skills, {})).ok());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        exec(QStringLiteral("INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                            "author_handle, author_name, direction, visibility, created_at, text, category, language) "
                            "SELECT 'x', 'p' || g, 't' || g, 'a' || g, 'cliente' || g, 'Cliente ' || g, 'inbound', "
                            "'public', %1 - (10 - g) * 60000, 'Buongiorno, la mia pratica ' || g || ' è ferma', "
                            "CASE WHEN g % 2 = 0 THEN 'assistance' ELSE 'complaint' END, 'it' "
                            "FROM generate_series(1, 6) g")
                 .arg(now));
    }
    void add(const QString &login, const QString &name, team::AgentRole role, const team::AgentProfile &profile) const
    {
        team::TeamAgent agent;
        agent.login = login;
        agent.name = name;
        agent.role = role;
        agent.profile = profile;
        REQUIRE(team::addAgent(admin->db(), agent, kPassword, 1).ok());
    }
    void exec(const QString &statement) const
    {
        const Status s = team::teamExec(admin->db(), statement);
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
    QString scalar(const QString &statement) const
    {
        QSqlQuery q(admin->db());
        REQUIRE(q.exec(statement));
        return q.next() ? q.value(0).toString() : QString();
    }
    std::unique_ptr<team::TeamConnection> as(const QString &login) const
    {
        auto connection = team::TeamConnection::open(url.withUser(login), kPassword);
        REQUIRE(connection.ok());
        return std::move(*connection);
    }
};

// A public reply as an outside agent's desktop pushes it.
void externalReply(const QSqlDatabase &ext, const QString &id, const QString &thread, const QString &text)
{
    QSqlQuery q(ext);
    q.prepare(QStringLiteral("INSERT INTO sportello.decisions(id, channel, thread_external_id, kind, text, agent_id, "
                             "agent_name, decided_at) VALUES (?, 'x', ?, 'reply_public', ?, 'ext', 'Outsourcer One', ?)"));
    for (const QVariant &v : QVariantList{id, thread, text, QDateTime::currentMSecsSinceEpoch()})
        q.addBindValue(v);
    REQUIRE(q.exec());
    QSqlQuery entry(ext);
    entry.prepare(QStringLiteral("INSERT INTO sportello.outbox(id, decision_id, idempotency_key, kind, text, created_at) "
                                 "VALUES (?, ?, ?, 'reply_public', ?, ?)"));
    for (const QVariant &v : QVariantList{QStringLiteral("o-") + id, id, QStringLiteral("k-") + id, text,
                                          QDateTime::currentMSecsSinceEpoch()})
        entry.addBindValue(v);
    REQUIRE(entry.exec());
}

ConsoleOptions supervisorConsole(const Team &team)
{
    ConsoleOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    auto keychain = std::make_unique<accounts::MemoryTokenStore>();
    REQUIRE(keychain->write(team::passwordKey(team.url.withUser(QStringLiteral("sara"))), kPassword).ok());
    options.tokens = std::move(keychain);
    options.size = QSize(1400, 900);
    return options;
}

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

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("SPORTELLO_TEAM_SCREENSHOTS");
    if (!folder.isEmpty())
        widget->grab().save(QDir(folder).filePath(name));
}

QString cell(QTableView *view, int row, int column) { return view->model()->index(row, column).data().toString(); }

int rowOf(QTableView *view, const QString &text)
{
    for (int row = 0; row < view->model()->rowCount(); ++row)
        if (cell(view, row, 0) == text)
            return row;
    return -1;
}

} // namespace

TEST_CASE("Team board and approvals: a supervisor sees the team live, releases a claim, approves an edited reply "
          "and sends one back",
          "[ui][team]")
{
    Team team;
    ConsoleFixture console(
        [&team](Database &db) {
            auto joined = team::TeamReplica::join(db, team.url.withUser(QStringLiteral("sara")), QStringLiteral("sara"),
                                                  QString(), kPassword, QDateTime::currentMSecsSinceEpoch());
            INFO(joined.error().toStdString());
            REQUIRE(joined.ok());
        },
        supervisorConsole(team));
    MainWindow &w = console.w();
    REQUIRE(w.session()->isTeamMode());
    REQUIRE(w.session()->teamLink() != nullptr);

    // Marta is at her desk on a thread, typing; an outside agent replied publicly to two threads.
    auto marta = team.as(QStringLiteral("marta"));
    REQUIRE(team::heartbeat(marta->db(), QStringLiteral("marta-pc")).ok());
    REQUIRE(team::claimThread(marta->db(), {QStringLiteral("x"), QStringLiteral("t2")}, QStringLiteral("marta-pc"))
                ->mine);
    REQUIRE(team::markTyping(marta->db(), {QStringLiteral("x"), QStringLiteral("t2")}, 60000).value());
    auto ext = team.as(QStringLiteral("ext"));
    externalReply(ext->db(), QStringLiteral("r1"), QStringLiteral("t3"),
                  QStringLiteral("Buongiorno, la richiamiamo al 333 1234567 entro oggi."));
    externalReply(ext->db(), QStringLiteral("r2"), QStringLiteral("t5"), QStringLiteral("Ci scriva."));

    // Go > Team Board, by its shortcut.
    ui::TeamBoardPane *board = w.teamBoardPane();
    REQUIRE(board != nullptr);
    console.key(Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(w.teamBoardDock()->isVisible());
    REQUIRE(waitFor([&] { return board->board().agents.size() == 3; }));
    CHECK(board->summaryText().contains(QLatin1String("2 awaiting approval")));
    const int martaRow = rowOf(board->agentsView(), QStringLiteral("Marta Verdi"));
    REQUIRE(martaRow >= 0);
    CHECK(cell(board->agentsView(), martaRow, ui::BoardAgentsModel::Status) == QLatin1String("Online"));
    CHECK(cell(board->agentsView(), martaRow, ui::BoardAgentsModel::Holding) == QLatin1String("1 of 5"));
    CHECK(cell(board->agentsView(), martaRow, ui::BoardAgentsModel::Typing) == QLatin1String("Typing a reply"));
    // The supervisor's own console says it is here; the outside agent has no desktop running.
    const int saraRow = rowOf(board->agentsView(), QStringLiteral("Sara Neri"));
    REQUIRE(saraRow >= 0);
    CHECK(cell(board->agentsView(), saraRow, ui::BoardAgentsModel::Status) == QLatin1String("Online"));
    const int extRow = rowOf(board->agentsView(), QStringLiteral("Outsourcer One"));
    REQUIRE(extRow >= 0);
    CHECK(cell(board->agentsView(), extRow, ui::BoardAgentsModel::Status) == QLatin1String("Offline"));
    // The queue by category, and by department under the skills preset.
    bool complaints = false, careDepartment = false;
    for (int row = 0; row < board->queueView()->model()->rowCount(); ++row) {
        const QString group = cell(board->queueView(), row, 0);
        if (group == QLatin1String("Complaints")) {
            complaints = true;
            CHECK(cell(board->queueView(), row, ui::BoardQueueModel::Waiting) == QLatin1String("3"));
        }
        if (group == QLatin1String("Department: customer care")) {
            careDepartment = true;
            // t2, t4, t6 are assistance; t2 is Marta's.
            CHECK(cell(board->queueView(), row, ui::BoardQueueModel::Unclaimed) == QLatin1String("2"));
        }
    }
    CHECK(complaints);
    CHECK(careDepartment);
    saveScreenshot(&w, QStringLiteral("screenshot-team-board.png"));

    // Release Marta's thread: audited with the reason, gone from the board.
    board->agentsView()->selectRow(martaRow);
    REQUIRE(board->releaseButton()->isEnabled());
    board->releaseSelected(QStringLiteral("Marta is in a meeting"));
    REQUIRE(waitFor([&] {
        const int row = rowOf(board->agentsView(), QStringLiteral("Marta Verdi"));
        return row >= 0 && cell(board->agentsView(), row, ui::BoardAgentsModel::Holding) == QLatin1String("0 of 5");
    }));
    CHECK(team.scalar(QStringLiteral("SELECT agent_login || ': ' || (details::jsonb ->> 'reason') FROM "
                                     "sportello.audit_log WHERE action = 'claim_released'")) ==
          QLatin1String("sara: Marta is in a meeting"));

    // Go > Approvals: the least time left first (t3 waited longer than t5).
    ui::ApprovalPane *approvals = w.approvalPane();
    w.teamBoardDock()->hide();
    console.key(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(w.approvalsDock()->isVisible());
    REQUIRE(waitFor([&] { return approvals->count() == 2; }));
    REQUIRE(waitFor([&] { return approvals->replyEditor()->toPlainText().contains(QLatin1String("333")); }));
    CHECK(approvals->customerText() == QStringLiteral("Buongiorno, la mia pratica 3 è ferma"));
    // The guard finds the phone number: not approvable as it is.
    CHECK(approvals->guardText().contains(QLatin1String("333 1234567")));
    CHECK_FALSE(approvals->approveButton()->isEnabled());
    saveScreenshot(&w, QStringLiteral("screenshot-team-approvals.png"));

    // Had the author marked the phone as not personal data, the supervisor reads the reason and may
    // approve it as it is; the board lists the override.
    {
        QSqlQuery overridden(ext->db());
        REQUIRE(overridden.exec(QStringLiteral(
            "INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, thread_external_id, "
            "decision_id, details) VALUES ('ov1', 1772438400000, 'ext', 'Outsourcer One', 'guard_overridden', 'x', "
            "'t3', 'r1', '{\"decision\":\"reply_public\",\"kinds\":[\"phone\"],\"reason\":\"our office\"}')")));
    }
    REQUIRE(waitFor([&] { return approvals->guardText().contains(QLatin1String("our office")); }));
    CHECK(approvals->guardText().contains(QLatin1String("The author marked as not personal data: phone number")));
    CHECK(approvals->approveButton()->isEnabled());
    board->refresh();
    REQUIRE(waitFor([&] { return board->overridesView()->model()->rowCount() == 1; }));
    CHECK(board->board().seesGuardOverrides);
    CHECK(cell(board->overridesView(), 0, ui::BoardOverridesModel::Reason) == QLatin1String("our office"));
    CHECK(cell(board->overridesView(), 0, ui::BoardOverridesModel::Kinds) == QLatin1String("phone number"));
    CHECK(board->overridesView()->isVisibleTo(board));
    w.teamBoardDock()->show();
    w.teamBoardDock()->raise();
    QCoreApplication::processEvents();
    saveScreenshot(&w, QStringLiteral("screenshot-team-overrides.png"));

    // Edited, then approved: the team's entry goes to the hub with the edited text.
    approvals->replyEditor()->setPlainText(QStringLiteral("Buongiorno, la richiamiamo entro oggi."));
    REQUIRE(approvals->approveButton()->isEnabled());
    approvals->approveSelected();
    REQUIRE(waitFor([&] { return team.scalar(QStringLiteral("SELECT state FROM sportello.outbox WHERE id = 'o-r1'")) ==
                                 QLatin1String("pending"); }));
    CHECK(team.scalar(QStringLiteral("SELECT text FROM sportello.outbox WHERE id = 'o-r1'")) ==
          QLatin1String("Buongiorno, la richiamiamo entro oggi."));
    CHECK(team.scalar(QStringLiteral("SELECT details::jsonb ->> 'edited' FROM sportello.audit_log WHERE action = "
                                     "'reply_approved'")) == QLatin1String("true"));
    REQUIRE(waitFor([&] { return approvals->count() == 1; }));

    // The other goes back, but not without a reason.
    approvals->sendBackSelected();
    CHECK(approvals->message().contains(QLatin1String("Say why")));
    CHECK(team.scalar(QStringLiteral("SELECT state FROM sportello.outbox WHERE id = 'o-r2'")) ==
          QLatin1String("awaiting_approval"));
    approvals->commentEdit()->setText(QStringLiteral("Tell the customer where to write"));
    approvals->sendBackSelected();
    REQUIRE(waitFor([&] { return team.scalar(QStringLiteral("SELECT state FROM sportello.outbox WHERE id = 'o-r2'")) ==
                                 QLatin1String("sent_back"); }));
    CHECK(team.scalar(QStringLiteral("SELECT review_comment FROM sportello.outbox WHERE id = 'o-r2'")) ==
          QLatin1String("Tell the customer where to write"));
    REQUIRE(waitFor([&] { return approvals->count() == 0; }));
}

TEST_CASE("Settings > Routing: a supervisor picks one of the three organisations and the approval rule, and they "
          "reach the team, an agent sees them read-only",
          "[ui][team]")
{
    Team team;
    ConsoleFixture console(
        [&team](Database &db) {
            auto joined = team::TeamReplica::join(db, team.url.withUser(QStringLiteral("sara")), QStringLiteral("sara"),
                                                  QString(), kPassword, QDateTime::currentMSecsSinceEpoch());
            REQUIRE(joined.ok());
        },
        supervisorConsole(team));
    MainWindow &w = console.w();
    // The team's settings have come down (routing: skills, set by the fixture).
    REQUIRE(waitFor([&] {
        return scalar(w.session()->database(), QStringLiteral("SELECT count(*) FROM app_state WHERE key = "
                                                              "'team_routing'"))
                   .toInt() == 1;
    }));
    ui::RoutingPage page(w.session()->database());
    REQUIRE(page.editable());
    CHECK(page.presetBox()->currentData().toString() == QLatin1String("skills"));
    CHECK(page.approvalFor(QStringLiteral("external"))->isChecked());
    CHECK_FALSE(page.changed());

    // In-house plus outside staff, longest waiting first, a 20-minute head start; complaints by
    // anyone need approval.
    page.presetBox()->setCurrentIndex(page.presetBox()->findData(QStringLiteral("mixed")));
    page.orderBox()->setCurrentIndex(page.orderBox()->findData(QStringLiteral("longest_waiting")));
    REQUIRE(page.headStartBox()->isEnabled());
    page.headStartBox()->setValue(20);
    page.approvalFor(QStringLiteral("agent"))->setChecked(true);
    page.approvalIn(QStringLiteral("complaint"))->setChecked(true);
    REQUIRE(page.changed());
    page.resize(720, 520);
    saveScreenshot(&page, QStringLiteral("screenshot-settings-routing.png"));
    REQUIRE(page.save().ok());
    w.session()->teamLink()->syncSoon();
    REQUIRE(waitFor([&] {
        return team.scalar(QStringLiteral("SELECT value::jsonb ->> 'preset' FROM sportello.settings WHERE key = "
                                          "'routing'")) == QLatin1String("mixed");
    }));
    auto routing = team::readRouting(team.admin->db());
    REQUIRE(routing.ok());
    CHECK(routing->order == team::RoutingOrder::LongestWaiting);
    CHECK(routing->externalFirstMinutes == 20);
    REQUIRE(waitFor([&] {
        auto rule = team::readApprovalRule(team.admin->db());
        return rule && rule->roles.contains(QStringLiteral("agent")) &&
               rule->categories == QStringList{QStringLiteral("complaint")};
    }));

    // An agent's desktop shows the team's choice, read-only.
    TempCache agentCache;
    auto joined = team::TeamReplica::join(*agentCache.db, team.url.withUser(QStringLiteral("marta")),
                                          QStringLiteral("marta"), QString(), kPassword,
                                          QDateTime::currentMSecsSinceEpoch());
    REQUIRE(joined.ok());
    ManualClock clock{QDateTime::currentMSecsSinceEpoch()};
    accounts::MemoryTokenStore keychain;
    REQUIRE(keychain.write(team::passwordKey(joined->url), kPassword).ok());
    team::TeamReplica replica(*agentCache.db, clock, &keychain);
    REQUIRE(replica.syncOnce().ok());
    ui::RoutingPage agentPage(*agentCache.db);
    CHECK_FALSE(agentPage.editable());
    CHECK_FALSE(agentPage.presetBox()->isEnabled());
    CHECK(agentPage.presetBox()->currentData().toString() == QLatin1String("mixed"));
    CHECK(agentPage.approvalIn(QStringLiteral("complaint"))->isChecked());
    CHECK(agentPage.save().ok()); // nothing to save
}

TEST_CASE("An outside agent's reply sent back shows in their outbox with the supervisor's comment, its thread "
          "still waiting, and goes back edited for approval",
          "[ui][team]")
{
    Team team;
    auto ext = team.as(QStringLiteral("ext"));
    externalReply(ext->db(), QStringLiteral("r9"), QStringLiteral("t1"), QStringLiteral("Ciao, scrivici!"));
    auto sara = team.as(QStringLiteral("sara"));
    REQUIRE(team::reviewReply(sara->db(), QStringLiteral("o-r9"), team::ReviewVerdict::SendBack, {},
                              QStringLiteral("Dia del lei al cliente"))
                .ok());

    ConsoleOptions options = supervisorConsole(team);
    auto keychain = std::make_unique<accounts::MemoryTokenStore>();
    REQUIRE(keychain->write(team::passwordKey(team.url.withUser(QStringLiteral("ext"))), kPassword).ok());
    options.tokens = std::move(keychain);
    ConsoleFixture console(
        [&team](Database &db) {
            auto joined = team::TeamReplica::join(db, team.url.withUser(QStringLiteral("ext")), QStringLiteral("ext"),
                                                  QString(), kPassword, QDateTime::currentMSecsSinceEpoch());
            REQUIRE(joined.ok());
        },
        std::move(options));
    MainWindow &w = console.w();
    const QString state = QStringLiteral("SELECT state FROM outbox WHERE id = 'o-r9'");
    REQUIRE(waitFor([&] { return scalar(w.session()->database(), state).toString() == QLatin1String("sent_back"); }));
    // The customer still waits: the thread is in the queue with its timer.
    CHECK(scalar(w.session()->database(), QStringLiteral("SELECT status FROM threads WHERE external_id = 't1'"))
              .toString() == QLatin1String("waiting"));

    console.key(Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    ui::OutboxPane *outbox = w.outboxPane();
    REQUIRE(waitFor([&] { return outbox->currentEntryId() == QLatin1String("o-r9"); }));
    const QModelIndex reason = outbox->view()->model()->index(outbox->view()->currentIndex().row(),
                                                              ui::OutboxModel::ReasonColumn);
    CHECK(reason.data().toString() == QLatin1String("Sent back by Sara Neri: Dia del lei al cliente"));
    REQUIRE(outbox->editButton()->isEnabled());
    CHECK(outbox->editButton()->text().contains(QLatin1String("Resubmit")));
    CHECK_FALSE(outbox->cancelButton()->isEnabled());

    REQUIRE(outbox->editAndRetry(QStringLiteral("o-r9"), QStringLiteral("Buongiorno, ci scriva in privato.")));
    REQUIRE(waitFor([&] {
        return team.scalar(QStringLiteral("SELECT state || ': ' || text FROM sportello.outbox WHERE id = 'o-r9'")) ==
               QLatin1String("awaiting_approval: Buongiorno, ci scriva in privato.");
    }));
    CHECK(team.scalar(QStringLiteral("SELECT agent_login FROM sportello.audit_log WHERE action = "
                                     "'reply_resubmitted'")) == QLatin1String("ext"));
    REQUIRE(waitFor(
        [&] { return scalar(w.session()->database(), state).toString() == QLatin1String("awaiting_approval"); }));
}

TEST_CASE("Internal notes: a colleague's note mentioning the agent arrives with a notice, the agent's own goes up "
          "with its mention, and none reaches the outbox",
          "[ui][team]")
{
    Team team;
    ConsoleOptions options = supervisorConsole(team);
    auto keychain = std::make_unique<accounts::MemoryTokenStore>();
    REQUIRE(keychain->write(team::passwordKey(team.url.withUser(QStringLiteral("marta"))), kPassword).ok());
    options.tokens = std::move(keychain);
    ConsoleFixture console(
        [&team](Database &db) {
            auto joined = team::TeamReplica::join(db, team.url.withUser(QStringLiteral("marta")),
                                                  QStringLiteral("marta"), QString(), kPassword,
                                                  QDateTime::currentMSecsSinceEpoch());
            REQUIRE(joined.ok());
        },
        std::move(options));
    MainWindow &w = console.w();
    REQUIRE(waitFor([&] { return w.queueModel()->rowCount() == 6; }));
    const auto threadId = [&](const QString &external) {
        return scalar(w.session()->database(),
                      QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(external))
            .toLongLong();
    };
    REQUIRE(w.queuePane()->selectThread(threadId(QStringLiteral("t2"))));
    ui::NotesPanel *notes = w.notesPanel();
    CHECK(notes->count() == 0);

    // Sara, the supervisor, writes on the thread and mentions Marta.
    auto sara = team.as(QStringLiteral("sara"));
    REQUIRE(team::addNote(sara->db(), {QStringLiteral("x"), QStringLiteral("t2")},
                          QStringLiteral("@marta il cliente ha già chiamato ieri"), QDateTime::currentMSecsSinceEpoch())
                .ok());
    REQUIRE(waitFor([&] { return notes->count() == 1; }));
    CHECK(notes->view()->model()->index(0, 0).data().toString().contains(QLatin1String("Sara Neri")));
    REQUIRE(waitFor([&] { return w.statusBar()->currentMessage().contains(QLatin1String("mentioned you")); }));
    CHECK(w.statusBar()->currentMessage().contains(QLatin1String("Sara Neri")));

    // Marta answers with a note of her own, by the keyboard.
    console.key(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(notes->input()->hasFocus());
    console.type(QStringLiteral("Grazie @sara, lo richiamo io"));
    console.key(Qt::Key_Return);
    CHECK(notes->count() == 2);
    REQUIRE(waitFor([&] {
        return team.scalar(QStringLiteral("SELECT author_login || ' ' || array_to_string(mentions, ',') FROM "
                                          "sportello.notes WHERE text LIKE 'Grazie%'")) == QLatin1String("marta sara");
    }));
    // Notes are never deliveries.
    CHECK(scalar(w.session()->database(), QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.outbox")) == QLatin1String("0"));
    saveScreenshot(&w, QStringLiteral("screenshot-team-notes.png"));
}
