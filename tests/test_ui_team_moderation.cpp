// The console in team mode (offscreen) against a real PostgreSQL 15 (tests/PgServer) hides a
// comment through the hub: the request is recorded and goes up, the status bar says it was sent to
// the hub, the comment shows it waiting; the hub's outcome comes down the feed: the comment shown
// hidden, or the refusal explained to the agent who asked.
#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "models/ConversationModel.h"
#include "outbox/Moderation.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamReplica.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTest>

using namespace sportello;
using namespace sportello::test;
using sportello::test::PgServer;
using sportello::ui::MainWindow;

namespace {

const QString kPassword = QStringLiteral("a long enough password");
const QString kPost = QStringLiteral("1234567890321_901097836652708");
const QString kComment = QStringLiteral("901097836652708_900744590021366");

struct Team {
    std::unique_ptr<PgServer> server;
    team::TeamUrl url;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        url = *team::TeamUrl::parse(server->url(QStringLiteral("team")));
        auto admin = team::TeamConnection::open(url, server->superuserPassword());
        REQUIRE(admin.ok());
        REQUIRE(team::initTeamSchema((*admin)->db()).ok());
        for (const auto &[login, name] : {std::pair{QStringLiteral("mverdi"), QStringLiteral("Marta Verdi")},
                                          std::pair{QStringLiteral("pneri"), QStringLiteral("Paolo Neri")}}) {
            team::TeamAgent agent{login, name, team::AgentRole::Agent};
            REQUIRE(team::addAgent((*admin)->db(), agent, kPassword, 1).ok());
        }
        // The page's post and a customer's comment under it, as the hub stores them.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        exec(QStringLiteral("INSERT INTO sportello.posts(channel, external_id, thread_external_id, in_reply_to, "
                            "author_external_id, author_handle, author_name, direction, visibility, created_at, text) "
                            "VALUES ('facebook', '%1', '%1', NULL, '1234567890321', 'pagina', 'Pagina', 'outbound', "
                            "'public', %3, 'Nuova polizza casa'), ('facebook', '%2', '%1', '%1', 'c1', 'cliente', "
                            "'Cliente', 'inbound', 'public', %4, 'Il mio codice fiscale è RSSMRA85T10A562S')")
                 .arg(kPost, kComment)
                 .arg(now - 600'000)
                 .arg(now - 300'000));
    }
    void exec(const QString &statement) const
    {
        QString error;
        INFO(statement.toStdString());
        REQUIRE(server->exec(statement, &error, QStringLiteral("team")));
        INFO(error.toStdString());
    }
    // What the hub writes when it settles the request.
    void settle(const QString &state, const QString &explanation) const
    {
        exec(QStringLiteral("UPDATE sportello.moderation_requests SET state = '%1', explanation = %2, hub_id = "
                            "'hub-one', settled_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint WHERE "
                            "state = 'pending'")
                 .arg(state, explanation.isEmpty() ? QStringLiteral("NULL") : QLatin1Char('\'') + explanation +
                                                                                  QLatin1Char('\'')));
    }
};

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

QModelIndex commentRow(MainWindow &w, qint64 postId)
{
    const auto *model = w.conversationPane()->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex index = model->index(r, 0);
        if (index.data(ui::ConversationModel::PostIdRole).toLongLong() == postId)
            return index;
    }
    return {};
}

} // namespace

TEST_CASE("team mode: the console asks the hub to hide a comment and shows the hub's outcome", "[ui][team][moderation]")
{
    Team team;
    ConsoleOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    auto keychain = std::make_unique<accounts::MemoryTokenStore>();
    REQUIRE(keychain->write(team::passwordKey(team.url.withUser(QStringLiteral("mverdi"))), kPassword).ok());
    options.tokens = std::move(keychain);
    ConsoleFixture console(
        [&team](Database &db) {
            auto joined = team::TeamReplica::join(db, team.url.withUser(QStringLiteral("mverdi")),
                                                  QStringLiteral("mverdi"), QString(), kPassword,
                                                  QDateTime::currentMSecsSinceEpoch());
            INFO(joined.error().toStdString());
            REQUIRE(joined.ok());
        },
        std::move(options));
    MainWindow &w = console.w();
    Database &db = console.db();
    REQUIRE(w.session()->isTeamMode());
    REQUIRE(waitFor([&] {
        return scalar(db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id = '%1'").arg(kComment)).toInt() ==
               1;
    }));
    const qint64 thread =
        scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(kPost)).toLongLong();
    const qint64 comment =
        scalar(db, QStringLiteral("SELECT id FROM posts WHERE external_id = '%1'").arg(kComment)).toLongLong();
    REQUIRE(waitFor([&] { return w.queuePane()->selectThread(thread); }));
    // The guard found the tax code: hiding the comment is offered.
    REQUIRE(waitFor([&] { return w.triagePanel()->hideCommentButton()->isVisibleTo(&w); }));

    w.applyModeration(comment, outbox::ModerationAction::Hide, outbox::ModerationReason::PersonalData, QString());
    CHECK(w.statusBar()->currentMessage().contains(QLatin1String("Sent to the hub")));
    // It goes up, and the comment says it waits for the hub.
    QString pg;
    REQUIRE(waitFor([&] {
        return scalar(db, QStringLiteral("SELECT team_state FROM moderation_requests")).toString() ==
               QLatin1String("pushed");
    }));
    REQUIRE(waitFor([&] {
        return commentRow(w, comment).data(ui::ConversationModel::ModerationRequestRole).toString().contains(
            QLatin1String("Waiting for the hub to hide"));
    }));
    CHECK_FALSE(commentRow(w, comment).data(ui::ConversationModel::HiddenRole).toBool());
    // Waiting for the hub: the triage panel no longer offers to hide it.
    REQUIRE(waitFor([&] { return !w.triagePanel()->hideCommentButton()->isVisibleTo(&w); }));

    SECTION("the hub hid it: the comment shows hidden")
    {
        team.settle(QStringLiteral("done"), QString());
        REQUIRE(waitFor([&] { return commentRow(w, comment).data(ui::ConversationModel::HiddenRole).toBool(); }));
        CHECK(commentRow(w, comment).data(ui::ConversationModel::ModerationRequestRole).toString().isEmpty());
        REQUIRE(waitFor([&] { return w.statusBar()->currentMessage().contains(QLatin1String("The hub hid")); }));
    }
    SECTION("the platform refused: the agent who asked reads why")
    {
        QString told;
        whenModal(&w, [&](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            REQUIRE(box);
            told = box->text();
            box->accept();
        });
        team.settle(QStringLiteral("failed"), QStringLiteral("The Facebook account lacks the permission to moderate "
                                                             "comments (pages_manage_engagement)"));
        REQUIRE(waitFor([&] { return !told.isEmpty(); }));
        CHECK(told.contains(QLatin1String("pages_manage_engagement")));
        REQUIRE(waitFor([&] {
            return commentRow(w, comment).data(ui::ConversationModel::ModerationRequestRole).toString().contains(
                QLatin1String("could not hide"));
        }));
        CHECK_FALSE(commentRow(w, comment).data(ui::ConversationModel::HiddenRole).toBool());
    }
}

TEST_CASE("team mode: a colleague's comment hidden by the hub shows in the open thread, unannounced",
          "[ui][team][moderation]")
{
    Team team;
    ConsoleOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    auto keychain = std::make_unique<accounts::MemoryTokenStore>();
    REQUIRE(keychain->write(team::passwordKey(team.url.withUser(QStringLiteral("mverdi"))), kPassword).ok());
    options.tokens = std::move(keychain);
    ConsoleFixture console(
        [&team](Database &db) {
            REQUIRE(team::TeamReplica::join(db, team.url.withUser(QStringLiteral("mverdi")), QStringLiteral("mverdi"),
                                            QString(), kPassword, QDateTime::currentMSecsSinceEpoch())
                        .ok());
        },
        std::move(options));
    MainWindow &w = console.w();
    Database &db = console.db();
    REQUIRE(waitFor([&] {
        return scalar(db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id = '%1'").arg(kComment)).toInt() ==
               1;
    }));
    const qint64 thread =
        scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(kPost)).toLongLong();
    const qint64 comment =
        scalar(db, QStringLiteral("SELECT id FROM posts WHERE external_id = '%1'").arg(kComment)).toLongLong();
    REQUIRE(waitFor([&] { return w.queuePane()->selectThread(thread); }));

    // Paolo asks from his desktop (his login); the hub hides it.
    auto paolo = team::TeamConnection::open(team.url.withUser(QStringLiteral("pneri")), kPassword);
    REQUIRE(paolo.ok());
    REQUIRE(team::teamExec((*paolo)->db(),
                           QStringLiteral("INSERT INTO sportello.moderation_requests(id, channel, comment_id, "
                                          "thread_external_id, action, reason, requested_at) VALUES "
                                          "('b0000000-0000-0000-0000-000000000001', 'facebook', '%1', '%2', 'hide', "
                                          "'personal_data', 1)")
                               .arg(kComment, kPost))
                .ok());
    REQUIRE(waitFor([&] {
        return commentRow(w, comment).data(ui::ConversationModel::ModerationRequestRole).toString().contains(
                   QLatin1String("Waiting for the hub")) ||
               scalar(db, QStringLiteral("SELECT count(*) FROM moderation_requests")).toInt() == 1;
    }));
    bool boxShown = false;
    whenModal(&w, [&](QWidget *modal) {
        boxShown = true;
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            box->accept();
    });
    team.settle(QStringLiteral("done"), QString());
    REQUIRE(waitFor([&] { return commentRow(w, comment).data(ui::ConversationModel::HiddenRole).toBool(); }));
    CHECK_FALSE(w.statusBar()->currentMessage().contains(QLatin1String("The hub hid")));
    CHECK_FALSE(boxShown);
}

TEST_CASE("team mode: the console cancels its pending request to the hub, not one the hub has taken up",
          "[ui][team][moderation][cancel]")
{
    Team team;
    ConsoleOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    auto keychain = std::make_unique<accounts::MemoryTokenStore>();
    REQUIRE(keychain->write(team::passwordKey(team.url.withUser(QStringLiteral("mverdi"))), kPassword).ok());
    options.tokens = std::move(keychain);
    ConsoleFixture console(
        [&team](Database &db) {
            REQUIRE(team::TeamReplica::join(db, team.url.withUser(QStringLiteral("mverdi")), QStringLiteral("mverdi"),
                                            QString(), kPassword, QDateTime::currentMSecsSinceEpoch())
                        .ok());
        },
        std::move(options));
    MainWindow &w = console.w();
    Database &db = console.db();
    REQUIRE(waitFor([&] {
        return scalar(db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id = '%1'").arg(kComment))
                   .toInt() == 1;
    }));
    const qint64 thread =
        scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(kPost)).toLongLong();
    const qint64 comment =
        scalar(db, QStringLiteral("SELECT id FROM posts WHERE external_id = '%1'").arg(kComment)).toLongLong();
    REQUIRE(waitFor([&] { return w.queuePane()->selectThread(thread); }));
    // Reachable from the keyboard: in the Triage menu, with a shortcut.
    QAction *cancel = w.cancelModerationAction();
    REQUIRE(cancel);
    CHECK(cancel->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    CHECK(cancel->text().contains(QLatin1Char('&')));

    w.applyModeration(comment, outbox::ModerationAction::Hide, outbox::ModerationReason::PersonalData, QString());
    REQUIRE(waitFor([&] {
        return scalar(db, QStringLiteral("SELECT team_state FROM moderation_requests")).toString() ==
               QLatin1String("pushed");
    }));
    REQUIRE(waitFor([&] {
        return commentRow(w, comment)
            .data(ui::ConversationModel::ModerationRequestRole)
            .toString()
            .contains(QLatin1String("Waiting for the hub"));
    }));
    const auto teamState = [&team] {
        QString state;
        {
            QSqlDatabase pg = team.server->connect(QStringLiteral("cancel-check"), QStringLiteral("team"));
            QSqlQuery q(pg);
            if (q.exec(QStringLiteral("SELECT state FROM sportello.moderation_requests")) && q.next())
                state = q.value(0).toString();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("cancel-check"));
        return state;
    };

    SECTION("pending: cancelled in the team, and the comment no longer waits")
    {
        cancel->trigger();
        REQUIRE(waitFor([&] { return teamState() == QLatin1String("cancelled"); }));
        REQUIRE(waitFor([&] {
            return commentRow(w, comment).data(ui::ConversationModel::ModerationRequestRole).toString().isEmpty();
        }));
        CHECK(scalar(db, QStringLiteral("SELECT state FROM moderation_requests")).toString() ==
              QLatin1String("cancelled"));
        // The comment can be asked about again.
        REQUIRE(waitFor([&] { return w.triagePanel()->hideCommentButton()->isVisibleTo(&w); }));
    }
    SECTION("claimed by a hub: not cancelled, and the agent is told why")
    {
        team.exec(QStringLiteral("UPDATE sportello.moderation_requests SET state = 'in_progress', hub_id = 'hub-one', "
                                 "claimed_at = 1"));
        REQUIRE(waitFor([&] {
            return scalar(db, QStringLiteral("SELECT state FROM moderation_requests")).toString() ==
                   QLatin1String("in_progress");
        }));
        cancel->trigger();
        CHECK(w.statusBar()->currentMessage().contains(QLatin1String("already performing")));
        CHECK(teamState() == QLatin1String("in_progress"));
    }
}
