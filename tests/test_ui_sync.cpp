// Sync in the console (offscreen), against a local HTTP server on 127.0.0.1: new posts join the
// queue while the agent works, without moving the selection, the rows in view or the reply being
// typed; the status bar shows the progress, Online/Offline and the outbox count; the outbox dock.
#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "AppStoreTestKeys.h"
#include "GoogleServiceAccountTestKeys.h"
#include "GoogleTokenEndpoint.h"
#include "ConsoleFixture.h"
#include "LocalHttpServer.h"
#include "MainWindow.h"
#include "SecretInputs.h"
#include "SyntheticPages.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/AppStoreJwt.h"
#include "accounts/Credential.h"
#include "accounts/GoogleServiceAccount.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "dialogs/AccountsPage.h"
#include "models/OutboxModel.h"
#include "models/QueueModel.h"
#include "net/NetworkStatus.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "sync/BackgroundSync.h"
#include "sync/SyncRunner.h"
#include "triage/TriageService.h"
#include "views/OutboxPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <optional>
#include <QTimer>
#include <QToolButton>
#include <QUrlQuery>
#include <mutex>

using namespace sportello;
using namespace sportello::test;
using sportello::ui::MainWindow;
using sportello::ui::QueueModel;

namespace {

constexpr qint64 kMinute = 60'000;
const char *kTokenEnv = "SPORTELLO_UI_SYNC_TOKEN";

// The fake X API the console's account points at: a base, so that it is up before the console.
struct FakeX {
    LocalHttpServer server;
};

// A fixed Wednesday, 15:00 in Rome: the urgency order of posts hours apart depends on the
// business calendar, so the test must not depend on when it runs.
ConsoleOptions syncConsole()
{
    ConsoleOptions o;
    o.nowMs = 1'795'615'200'000;
    o.syncIntervalMinutes = 0; // only the syncs the test asks for
    o.size = QSize(1200, 600);
    return o;
}

struct Console : FakeX, ConsoleFixture {
    explicit Console(int threads) : ConsoleFixture([this, threads](Database &db) { seed(db, threads); }, syncConsole())
    {}
    ~Console() { qunsetenv(kTokenEnv); }

    // Threads waiting for hours (all overdue, at the top of the urgency order), and an X account
    // on the local server whose token is in the environment.
    void seed(Database &db, int threads)
    {
        REQUIRE(server.listening());
        const qint64 now = clock.nowMs();
        QVector<PostRecord> posts;
        for (int i = 0; i < threads; ++i)
            posts << inboundPost(QStringLiteral("fb-%1").arg(i), QStringLiteral("fb-%1-1").arg(i),
                                 now - 300 * kMinute + i * kMinute);
        ingest(db, posts);
        accounts::AccountStore store(db);
        REQUIRE(store
                    .add(Channel::X, QStringLiteral("1111"), server.url(QStringLiteral("/2")).toString(),
                         QString::fromLatin1(kTokenEnv), 0)
                    .ok());
        qputenv(kTokenEnv, "ui-sync-SECRET-55aa");
    }

    void serveMentions(const SyntheticMentions &mentions)
    {
        const QVector<QByteArray> pages = mentions.allPages();
        server.replace(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, pages.first()));
        for (int n = 1; n < pages.size(); ++n)
            server.enqueue(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, pages.at(n)));
        server.replace(QStringLiteral("/2/dm_events"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    }
    sync::SyncRunReport sync()
    {
        QSignalSpy finished(window->syncRunner(), &sync::BackgroundSync::finished);
        REQUIRE(window->syncNow(true));
        REQUIRE(finished.wait(10000));
        return finished.first().first().value<sync::SyncRunReport>();
    }
    qint64 threadOfTweet(const QString &id)
    {
        return scalar(*window->database(), QStringLiteral("SELECT thread_id FROM posts WHERE channel = 'x' AND "
                                                          "external_id = '%1'")
                                               .arg(id))
            .toLongLong();
    }
};

} // namespace

TEST_CASE("new posts from a sync join the queue without moving the selection, the view or the reply", "[ui][sync]")
{
    Console c(80);
    QueueModel *model = c.window->queueModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTableView *view = c.window->queuePane()->view();
    REQUIRE(model->rowCount() == 80);

    // The agent reads thread 40, scrolled so that it is mid-screen, and types a reply.
    c.window->queuePane()->selectRow(40);
    view->scrollTo(model->index(40, 0), QAbstractItemView::PositionAtCenter);
    QApplication::processEvents();
    const qint64 selected = c.window->queuePane()->currentThreadId();
    REQUIRE(selected != 0);
    QScrollBar *bar = view->verticalScrollBar();
    const int scroll = bar->value();
    REQUIRE(scroll > 0);
    const qint64 topThread = model->threadIdAt(view->rowAt(0));
    QPlainTextEdit *editor = c.window->triagePanel()->editor();
    c.window->triagePanel()->arm(DecisionKind::ReplyPublic);
    editor->setFocus();
    QTest::keyClicks(editor, QStringLiteral("Gentile cliente, "));
    const int cursor = editor->textCursor().position();
    REQUIRE(editor->toPlainText() == QLatin1String("Gentile cliente, "));

    // 1. Posts that arrived just now: due later than everything waiting, so below the view.
    SyntheticMentions fresh;
    fresh.pages = 2;
    fresh.perPage = 5;
    fresh.newestCreatedAtMs = c.clock.nowMs() - kMinute;
    fresh.spacingMs = 1000;
    c.serveMentions(fresh);
    sync::SyncRunReport report = c.sync();
    INFO(report.accounts.value(0).error.toStdString());
    REQUIRE(report.ok());
    CHECK(report.postsAdded() == 10);
    QApplication::processEvents();

    CHECK(model->rowCount() == 90);
    for (int n = 0; n < fresh.pages; ++n)
        for (const QString &id : fresh.ids(n))
            CHECK(model->rowOfThread(c.threadOfTweet(id)) >= 0);
    CHECK(c.window->queuePane()->currentThreadId() == selected);
    CHECK(c.window->currentThreadId() == selected);
    CHECK(bar->value() == scroll);
    CHECK(model->threadIdAt(view->rowAt(0)) == topThread);
    CHECK(editor->toPlainText() == QLatin1String("Gentile cliente, "));
    CHECK(editor->textCursor().position() == cursor);
    CHECK(c.window->triagePanel()->armedKind() == DecisionKind::ReplyPublic);
    CHECK(c.window->syncLabel()->text().contains(QLatin1String("10 new posts")));
    CHECK(c.window->networkLabel()->text() == QLatin1String("Online"));
    CHECK(c.window->outboxLabel()->text() == QLatin1String("0 in outbox"));

    // 2. Posts that sort above the view (a late mention of a morning tweet, overdue for longer):
    // the rows in view stay in view.
    SyntheticMentions old;
    old.firstTweetId = 1'900'000'000'000'000'000;
    old.pages = 1;
    old.perPage = 6;
    old.newestCreatedAtMs = c.clock.nowMs() - 600 * kMinute;
    c.serveMentions(old);
    const int scrollBefore = bar->value();
    const int topYBefore = view->rowViewportPosition(model->rowOfThread(topThread));
    const int rowHeight = view->rowHeight(model->rowOfThread(topThread));
    report = c.sync();
    REQUIRE(report.ok());
    CHECK(report.postsAdded() == 6);
    QApplication::processEvents();
    CHECK(model->rowCount() == 96);
    for (const QString &id : old.ids(0))
        CHECK(model->rowOfThread(c.threadOfTweet(id)) >= 0);
    CHECK(model->rowOfThread(c.threadOfTweet(old.ids(0).first())) < model->rowOfThread(topThread));
    CHECK(c.window->queuePane()->currentThreadId() == selected);
    CHECK(model->threadIdAt(view->rowAt(0)) == topThread);
    CHECK(bar->value() == scrollBefore + 6 * rowHeight); // moved by exactly the rows inserted above
    CHECK(view->rowViewportPosition(model->rowOfThread(topThread)) == topYBefore);
    CHECK(editor->toPlainText() == QLatin1String("Gentile cliente, "));
    CHECK(editor->textCursor().position() == cursor);
    CHECK(editor->hasFocus());

    // 3. A colleague answered four threads above the view: they leave, and the rows in view stay.
    const int topRowNow = model->rowOfThread(topThread);
    REQUIRE(topRowNow >= 4);
    QSqlQuery answered(c.window->database()->connection());
    for (int r = 0; r < 4; ++r)
        REQUIRE(answered.exec(
            QStringLiteral("UPDATE threads SET status = 'answered' WHERE id = %1").arg(model->threadIdAt(r))));
    const int scrollBeforeRemoval = bar->value();
    const int topYBeforeRemoval = view->rowViewportPosition(topRowNow);
    // Nothing new comes: only removals, which must move the view just the same.
    c.server.replace(QStringLiteral("/2/users/1111/mentions"),
                     CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    REQUIRE(c.sync().ok());
    QApplication::processEvents();
    CHECK(model->rowOfThread(topThread) == topRowNow - 4);
    CHECK(bar->value() == scrollBeforeRemoval - 4 * rowHeight);
    CHECK(view->rowViewportPosition(model->rowOfThread(topThread)) == topYBeforeRemoval);
    CHECK(c.window->queuePane()->currentThreadId() == selected);

    // 4. The syncs got answers (no platform backend here): a decision now is not "decided offline".
    CHECK(c.window->networkStatus()->platform() == net::NetworkStatus::Platform::Unavailable);
    QTest::keyClicks(editor, QStringLiteral("ci scriva in privato."));
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    CHECK(scalar(*c.window->database(),
                 QStringLiteral("SELECT o.decided_offline FROM outbox o JOIN decisions d ON d.id = "
                                "o.decision_id WHERE d.thread_id = %1")
                     .arg(selected))
              .toInt() == 0);
}

TEST_CASE(
    "closing the console or switching cache mid-sync ends the worker after the stored page, and the next pass resumes",
    "[ui][sync]")
{
    Console c(5);
    SyntheticMentions mentions;
    mentions.pages = 3;
    mentions.perPage = 20;
    mentions.newestCreatedAtMs = c.clock.nowMs() - kMinute;
    const QVector<QByteArray> pages = mentions.allPages();
    const auto serveFrom = [&](int first) {
        CannedResponse slow = CannedResponse::json(200, pages.at(first + 1));
        slow.delayMs = 5000; // still in flight when the console goes
        c.server.replace(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, pages.at(first)));
        c.server.enqueue(QStringLiteral("/2/users/1111/mentions"), slow);
    };
    const auto stored = [&] {
        return scalar(*c.window->database(), QStringLiteral("SELECT count(*) FROM posts WHERE channel = 'x'")).toInt();
    };
    const auto leases = [&] {
        return scalar(*c.window->database(),
                      QStringLiteral("SELECT count(*) FROM app_state WHERE key LIKE 'sync_lease:%'"))
            .toInt();
    };
    serveFrom(0);
    c.server.replace(QStringLiteral("/2/dm_events"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));

    sync::BackgroundSync *runner = c.window->syncRunner();
    QSignalSpy progress(runner, &sync::BackgroundSync::progress);
    QSignalSpy finished(runner, &sync::BackgroundSync::finished);
    REQUIRE(c.window->syncNow(true));
    REQUIRE(progress.wait(10000));
    // The first page is committed by the worker and readable on the GUI's connection at once.
    CHECK(stored() == 20);
    // The worker's requests reach the status bar's network state through queued signals.
    CHECK(c.window->networkStatus()->msSinceLastAnswer() >= 0);
    // The next page's request is at the server (which holds its answer), so that the server takes
    // no stale request from this pass for the next one's.
    const QString path = QStringLiteral("/2/users/1111/mentions");
    REQUIRE(QTest::qWaitFor([&] { return c.server.requestCount(path) >= 2; }, 10000));
    REQUIRE(c.server.requestCount(path) == 2);

    QSignalSpy abandoned(&c.server, &LocalHttpServer::requestAbandoned);
    c.window->close();
    CHECK_FALSE(runner->isRunning());
    // The slow page is abandoned, not waited for: the console hung up while the server held its
    // answer, and not after its timeout (which would count as a request without an answer).
    REQUIRE(QTest::qWaitFor([&] { return abandoned.count() == 1; }, 10000));
    CHECK(c.server.abandonedCount(path) == 1);
    CHECK(c.window->networkStatus()->consecutiveFailures() == 0);
    QApplication::processEvents();
    CHECK(finished.isEmpty());
    CHECK(stored() == 20);
    CHECK(leases() == 0);
    CHECK_FALSE(c.window->syncNow(false)); // closed: no new pass starts (say, when the network returns)

    // The cursor did not move past the committed page: the next pass fetches the rest.
    c.server.replace(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, pages.at(1)));
    c.server.enqueue(QStringLiteral("/2/users/1111/mentions"), CannedResponse::json(200, pages.at(2)));
    c.window->show();
    const sync::SyncRunReport report = c.sync();
    CHECK(report.ok());
    CHECK(stored() == 60);

    // Switching cache mid-sync: the pass ends the same way, with the old cache's connection.
    serveFrom(0);
    QSignalSpy again(c.window->syncRunner(), &sync::BackgroundSync::progress);
    REQUIRE(c.window->syncNow(true));
    REQUIRE(again.wait(10000));
    REQUIRE(QTest::qWaitFor([&] { return c.server.requestCount(path) >= 6; }, 10000));
    c.window->setDatabase(nullptr);
    CHECK(c.window->syncRunner() == nullptr);
    // Again abandoned, not waited for.
    REQUIRE(QTest::qWaitFor([&] { return abandoned.count() == 2; }, 10000));
    CHECK(c.server.abandonedCount(path) == 2);
    CHECK(c.window->networkStatus()->consecutiveFailures() == 0);
}

TEST_CASE("decisions offline wait in the outbox, counted on the status bar, and the outbox dock acts on them",
          "[ui][sync][offline]")
{
    Console c(5);
    MainWindow &w = *c.window;
    w.networkStatus()->setPlatformReachability(net::NetworkStatus::Platform::Offline);
    CHECK(w.networkLabel()->text() == QLatin1String("Offline"));
    CHECK_FALSE(w.syncNow(false)); // the periodic sync waits for the network

    // A public reply decided offline: recorded with decided_offline, counted, not sent.
    w.queuePane()->selectRow(0);
    const qint64 thread = w.queuePane()->currentThreadId();
    w.triagePanel()->arm(DecisionKind::ReplyPublic);
    w.triagePanel()->editor()->setPlainText(QStringLiteral("Le rispondiamo in privato."));
    QTest::keyClick(w.triagePanel()->editor(), Qt::Key_Return, Qt::ControlModifier);
    CHECK(scalar(*w.database(), QStringLiteral("SELECT o.decided_offline FROM outbox o JOIN decisions d ON d.id = "
                                               "o.decision_id WHERE d.thread_id = %1")
                                    .arg(thread))
              .toInt() == 1);
    CHECK(w.outboxLabel()->text() == QLatin1String("1 in outbox"));
    CHECK(c.server.requests().isEmpty());

    // The outbox dock lists it with its state; Ctrl+Shift+O opens it with the keys on the list.
    QTest::keyClick(&w, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(w.outboxDock()->isVisible());
    ui::OutboxPane *pane = w.outboxPane();
    QAbstractItemModel *model = pane->view()->model();
    REQUIRE(model->rowCount() == 1);
    CHECK(model->index(0, ui::OutboxModel::StateColumn).data().toString().contains(QLatin1String("decided offline")));
    CHECK(pane->view()->hasFocus());
    const QString entry = pane->currentEntryId();
    REQUIRE_FALSE(entry.isEmpty());
    CHECK(pane->editButton()->isEnabled());
    CHECK_FALSE(pane->confirmButton()->isEnabled()); // only held entries are confirmed

    // Edit the text, then cancel it: audited, no longer counted.
    REQUIRE(pane->editAndRetry(entry, QStringLiteral("Le scriviamo in privato, grazie.")));
    CHECK(model->index(0, ui::OutboxModel::TextColumn).data().toString() ==
          QLatin1String("Le scriviamo in privato, grazie."));
    REQUIRE(pane->cancelEntry(entry));
    CHECK(model->rowCount() == 0);
    CHECK(w.outboxLabel()->text() == QLatin1String("0 in outbox"));
    CHECK(scalar(*w.database(), QStringLiteral("SELECT state FROM outbox WHERE id = '%1'").arg(entry)).toString() ==
          QLatin1String("cancelled"));
    CHECK(
        scalar(*w.database(), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action LIKE '%outbox%'")).toInt() >=
        2);
    // A refused action says why in the pane.
    CHECK_FALSE(pane->retry(entry));

    // Back online.
    w.networkStatus()->setPlatformReachability(net::NetworkStatus::Platform::Online);
    CHECK(w.networkLabel()->text() == QLatin1String("Online"));
}

namespace {
// A keychain that is not there, as on a server without a Secret Service.
class NoKeychain final : public accounts::TokenStore {
public:
    Result<QString> read(const QString &) override
    {
        return Error{QStringLiteral("The system keychain is not available (test)")};
    }
    Status write(const QString &, const QString &) override
    {
        return Error{QStringLiteral("The system keychain is not available (test)")};
    }
    Status remove(const QString &) override { return {}; }
};
} // namespace

TEST_CASE("the accounts page adds, signs in again and removes accounts, with tokens only in the keychain",
          "[ui][accounts]")
{
    TempCache cache;
    QTemporaryDir dir;
    ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    accounts::MemoryTokenStore keychain;
    ui::AccountsPage page(*cache.db, keychain, settings);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(page.tokenField()->echoMode() == QLineEdit::Password);

    // Add an X account with its token in the keychain.
    page.channelCombo()->setCurrentIndex(page.channelCombo()->findData(QStringLiteral("x")));
    page.accountField()->setText(QStringLiteral("1551"));
    page.tokenField()->setText(QStringLiteral("page-token-SECRET-77"));
    REQUIRE(page.addAccount());
    CHECK(page.model()->rowCount() == 1);
    CHECK(keychain.read(QStringLiteral("x:1551")).value() == QLatin1String("page-token-SECRET-77"));
    CHECK(page.tokenField()->text().isEmpty());
    // An env-var account; a bad base URL and a duplicate are refused with a reason.
    page.channelCombo()->setCurrentIndex(page.channelCombo()->findData(QStringLiteral("facebook")));
    page.accountField()->setText(QStringLiteral("104523"));
    page.baseUrlField()->setText(QStringLiteral("http://graph.example.com"));
    page.envChoice()->setChecked(true);
    page.envField()->setText(QStringLiteral("SPORTELLO_FB_TOKEN"));
    CHECK_FALSE(page.addAccount());
    CHECK(page.messageIsError());
    page.baseUrlField()->clear();
    REQUIRE(page.addAccount());
    CHECK(page.model()->rowCount() == 2);
    page.channelCombo()->setCurrentIndex(page.channelCombo()->findData(QStringLiteral("facebook")));
    page.accountField()->setText(QStringLiteral("104523"));
    CHECK_FALSE(page.addAccount());
    CHECK(page.message().contains(QLatin1String("already set up")));

    // Sign in again: a refused account gets a new token and loses its mark.
    accounts::AccountStore store(*cache.db);
    auto x = store.find(Channel::X, QStringLiteral("1551"));
    REQUIRE(store.setNeedsSignIn((*x)->id, true).ok());
    page.model()->reload();
    int xRow = -1;
    for (int r = 0; r < page.model()->rowCount(); ++r)
        if (page.model()->accountAt(r)->channel == Channel::X)
            xRow = r;
    REQUIRE(xRow >= 0);
    CHECK(page.model()->index(xRow, ui::AccountsModel::StatusColumn).data().toString() ==
          QLatin1String("Needs sign-in"));
    page.view()->selectRow(xRow);
    page.keychainChoice()->setChecked(true);
    CHECK_FALSE(page.signInSelected()); // no token typed
    page.tokenField()->setText(QStringLiteral("new-token-SECRET-88"));
    REQUIRE(page.signInSelected());
    CHECK_FALSE((*store.find(Channel::X, QStringLiteral("1551")))->needsSignIn);
    CHECK(keychain.read(QStringLiteral("x:1551")).value() == QLatin1String("new-token-SECRET-88"));

    // Remove: the account and its keychain entry go.
    page.view()->selectRow(xRow);
    REQUIRE(page.removeSelected());
    CHECK(page.model()->rowCount() == 1);
    CHECK_FALSE(keychain.read(QStringLiteral("x:1551")).ok());

    // The interval goes to the settings; the tokens went nowhere but the keychain.
    page.intervalField()->setValue(12);
    page.save();
    CHECK(settings.syncIntervalMinutes() == 12);
    settings.sync();
    CHECK_FALSE(fileBytes(dir.filePath(QStringLiteral("settings.ini"))).contains("SECRET"));
    cache.db->connection().close();
    CHECK_FALSE(fileBytes(cache.path).contains("SECRET"));
}

TEST_CASE("the accounts page adds app-store accounts: a Google Play token, an App Store API key checked first",
          "[ui][accounts][stores]")
{
    TempCache cache;
    QTemporaryDir dir;
    ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    accounts::MemoryTokenStore keychain;
    ui::AccountsPage page(*cache.db, keychain, settings);
    page.tokenFormToggle()->setChecked(true);
    const auto choose = [&](Channel c) {
        const int index = page.channelCombo()->findData(toId(c));
        REQUIRE(index >= 0);
        page.channelCombo()->setCurrentIndex(index);
    };

    // Google Play takes a token, like the social channels; the key fields stay hidden.
    choose(Channel::GooglePlay);
    CHECK_FALSE(page.tokenField()->isHidden());
    CHECK(page.issuerIdField()->isHidden());
    page.accountField()->setText(QStringLiteral("com.example.insurance"));
    page.tokenField()->setText(QStringLiteral("ya29.play-SECRET-1"));
    REQUIRE(page.addAccount());
    CHECK(keychain.read(QStringLiteral("google_play:com.example.insurance")).value() ==
          QLatin1String("ya29.play-SECRET-1"));

    // App Store Connect: the API key's three fields in place of the token.
    choose(Channel::AppStore);
    CHECK(page.tokenField()->isHidden());
    CHECK_FALSE(page.issuerIdField()->isHidden());
    CHECK_FALSE(page.keyFileField()->isHidden());
    page.accountField()->setText(QStringLiteral("682658836"));
    const auto writeKey = [&](const char *name, const QByteArray &pem) {
        const QString path = dir.filePath(QLatin1String(name));
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(pem);
        return path;
    };
    const QString good = writeKey("AuthKey_2X9R4HXF34.p8", test::kTestKey);
    // Each refusal says why, stores nothing, and never shows the key.
    struct Refusal {
        QString issuer, keyId, file;
        const char *says;
    };
    const Refusal refusals[] = {
        {QString(), QStringLiteral("2X9R4HXF34"), good, "issuer id"},
        {QStringLiteral("57246542-96fe-1a63-e053-0824d011072a"), QString(), good, "key id"},
        {QStringLiteral("57246542-96fe-1a63-e053-0824d011072a"), QStringLiteral("2X9R4HXF34"),
         dir.filePath(QStringLiteral("missing.p8")), "cannot be read"},
        {QStringLiteral("57246542-96fe-1a63-e053-0824d011072a"), QStringLiteral("2X9R4HXF34"),
         writeKey("ed25519.p8", test::kEd25519Key), "P-256"},
        {QStringLiteral("57246542-96fe-1a63-e053-0824d011072a"), QStringLiteral("2X9R4HXF34"),
         writeKey("garbage.p8", QByteArray("not a key at all\n")), "key"},
        {QStringLiteral("57246542-96fe-1a63-e053-0824d011072a"), QStringLiteral("2X9R4HXF34"),
         writeKey("huge.p8", QByteArray(70 * 1024, 'A')), "too large"},
    };
    for (const Refusal &r : refusals) {
        INFO(r.says);
        page.issuerIdField()->setText(r.issuer);
        page.keyIdField()->setText(r.keyId);
        page.keyFileField()->setText(r.file);
        CHECK_FALSE(page.addAccount());
        CHECK(page.messageIsError());
        CHECK(page.message().contains(QLatin1String(r.says)));
        CHECK_FALSE(page.message().contains(QLatin1String("MIG")));
        CHECK(page.model()->rowCount() == 1);
    }
    page.issuerIdField()->setText(QStringLiteral(" 57246542-96fe-1a63-e053-0824d011072a "));
    page.keyIdField()->setText(QStringLiteral("2X9R4HXF34"));
    page.keyFileField()->setText(good);
    REQUIRE(page.addAccount());
    CHECK(page.model()->rowCount() == 2);
    CHECK(page.keyFileField()->text().isEmpty());
    // The keychain holds the key itself (the file may go), in the form the connector signs with.
    auto entry = accounts::readCredential(keychain, QStringLiteral("app_store:682658836"));
    REQUIRE(entry.ok());
    const Result<QString> stored(entry->accessToken);
    auto key = accounts::AppStoreKey::fromSecret(stored.value());
    INFO(key.error().toStdString());
    REQUIRE(key.ok());
    CHECK(key->issuerId == QLatin1String("57246542-96fe-1a63-e053-0824d011072a"));
    CHECK(key->keyId == QLatin1String("2X9R4HXF34"));
    CHECK(key->privateKeyPem == test::kTestKey);
    REQUIRE(accounts::appStoreAuthorization(stored.value(), 1'780'000'000'000).ok());

    // Through an environment variable the key fields are not needed.
    page.envChoice()->setChecked(true);
    CHECK_FALSE(page.issuerIdField()->isEnabled());
    page.accountField()->setText(QStringLiteral("1234567"));
    page.envField()->setText(QStringLiteral("SPORTELLO_APP_STORE_KEY"));
    REQUIRE(page.addAccount());
    CHECK(page.model()->rowCount() == 3);

    // Back to a social channel: the token again.
    choose(Channel::X);
    CHECK_FALSE(page.tokenField()->isHidden());
    CHECK(page.keyIdField()->isHidden());
    cache.db->connection().close();
    CHECK_FALSE(fileBytes(cache.path).contains("PRIVATE KEY"));
    CHECK_FALSE(fileBytes(cache.path).contains("SECRET"));
}

TEST_CASE("the accounts page adds a Google Play account with a service-account key file instead of a token",
          "[ui][accounts][stores][service_account]")
{
    TempCache cache;
    QTemporaryDir dir;
    ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    accounts::MemoryTokenStore keychain;
    ui::AccountsPage page(*cache.db, keychain, settings);
    page.tokenFormToggle()->setChecked(true);
    const auto choose = [&](Channel c) {
        const int index = page.channelCombo()->findData(toId(c));
        REQUIRE(index >= 0);
        page.channelCombo()->setCurrentIndex(index);
    };
    const auto write = [&](const char *name, const QByteArray &bytes) {
        const QString path = dir.filePath(QLatin1String(name));
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        return path;
    };
    // The key file choice is Google Play's alone.
    choose(Channel::X);
    CHECK_FALSE(page.serviceAccountChoice()->isVisibleTo(&page));
    choose(Channel::GooglePlay);
    CHECK(page.serviceAccountChoice()->isVisibleTo(&page));
    CHECK_FALSE(page.serviceAccountFileField()->isEnabled());
    page.serviceAccountChoice()->setChecked(true);
    CHECK(page.serviceAccountFileField()->isEnabled());
    page.accountField()->setText(QStringLiteral("com.example.insurance"));

    LocalHttpServer server;
    REQUIRE(server.listening());
    ManualClock clock(1'780'000'000'000);
    test::GoogleTokenEndpoint endpoint;
    const QString tokenUri = endpoint.install(server, QStringLiteral("/token"), clock);
    QJsonObject ecKey = QJsonDocument::fromJson(test::serviceAccountJson(tokenUri)).object();
    ecKey.insert(QStringLiteral("private_key"), QString::fromLatin1(test::kTestKey));
    struct Refusal {
        QString file;
        const char *says;
    };
    const Refusal refusals[] = {
        {QString(), "key file"},
        {dir.filePath(QStringLiteral("missing.json")), "cannot be read"},
        {write("key.p8", test::kTestKey), "not JSON"},
        {write("ec.json", QJsonDocument(ecKey).toJson()), "not an RSA key"},
        {write("remote.json", test::serviceAccountJson(QStringLiteral("http://oauth2.example.com/token"))),
         "not an https address"},
    };
    for (const Refusal &r : refusals) {
        INFO(r.says);
        page.serviceAccountFileField()->setText(r.file);
        CHECK_FALSE(page.addAccount());
        CHECK(page.messageIsError());
        CHECK(page.message().contains(QLatin1String(r.says)));
        CHECK_FALSE(page.message().contains(QLatin1String("MII")));
        CHECK(page.model()->rowCount() == 0);
    }
    CHECK(keychain.size() == 0);

    page.serviceAccountFileField()->setText(write("play-key.json", test::serviceAccountJson(tokenUri)));
    REQUIRE(page.addAccount());
    CHECK(page.model()->rowCount() == 1);
    CHECK(page.serviceAccountFileField()->text().isEmpty());
    // The keychain holds the key (the file may go), as the connector reads it; it signs in.
    auto entry = accounts::readCredential(keychain, QStringLiteral("google_play:com.example.insurance"));
    REQUIRE(entry.ok());
    CHECK(accounts::isGoogleServiceAccountSecret(entry->accessToken));
    accounts::clearGoogleAccessTokens();
    QNetworkAccessManager nam;
    std::optional<accounts::GoogleAuthorization> signedIn;
    accounts::googleAuthorizationAsync(&nam, clock, entry->accessToken, 5000, &page,
                                       [&](const accounts::GoogleAuthorization &a) { signedIn = a; });
    for (int i = 0; i < 500 && !signedIn; ++i)
        QTest::qWait(10);
    REQUIRE(signedIn.has_value());
    INFO(signedIn->outcome.message.toStdString());
    CHECK(signedIn->header == "Bearer ya29.sa-token-1");
    accounts::clearGoogleAccessTokens();

    // Another channel drops the choice: a token again.
    choose(Channel::Facebook);
    CHECK_FALSE(page.serviceAccountChoice()->isChecked());
    CHECK(page.keychainChoice()->isChecked());
    cache.db->connection().close();
    CHECK_FALSE(fileBytes(cache.path).contains("PRIVATE KEY"));
    CHECK_FALSE(fileBytes(cache.path).contains("MIIE"));
}

TEST_CASE("without a keychain the accounts page says so and records nothing", "[ui][accounts]")
{
    TempCache cache;
    QTemporaryDir dir;
    ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    NoKeychain keychain;
    ui::AccountsPage page(*cache.db, keychain, settings);
    page.accountField()->setText(QStringLiteral("104523"));
    page.tokenField()->setText(QStringLiteral("tok-SECRET"));
    CHECK_FALSE(page.addAccount());
    CHECK(page.message().contains(QLatin1String("keychain is not available")));
    CHECK(page.model()->rowCount() == 0);
    CHECK(page.tokenField()->text().isEmpty() == false); // kept for a retry, never stored
}

TEST_CASE("a selected thread answered by a colleague during a sync costs the refresh a bounded number of queries",
          "[ui][sync]")
{
    Console c(600);
    QueueModel *model = c.window->queueModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model->setPageSize(50);
    model->reload();
    QApplication::processEvents();
    const int loaded = model->rowCount();
    REQUIRE(loaded < 600);
    c.window->queuePane()->selectRow(10);
    const qint64 selected = c.window->queuePane()->currentThreadId();
    REQUIRE(selected != 0);
    // A colleague answered it: the sync brings the answer, and the thread leaves the waiting queue.
    QSqlQuery answered(c.window->database()->connection());
    REQUIRE(answered.exec(QStringLiteral("UPDATE threads SET status = 'answered' WHERE id = %1").arg(selected)));

    SyntheticMentions fresh;
    fresh.pages = 1;
    fresh.perPage = 3;
    fresh.newestCreatedAtMs = c.clock.nowMs() - kMinute;
    c.serveMentions(fresh);
    REQUIRE(c.sync().ok());
    QApplication::processEvents();
    // The filter check, then the loaded rows' worth: never a walk through the 600 threads.
    CHECK(model->lastRefreshQueryCount() <= 3);
    CHECK(c.window->queuePane()->currentThreadId() == selected);
    CHECK(model->rowOfThread(selected) == 10);
    CHECK(model->rowAt(10)->status == ThreadStatus::Answered);
}

TEST_CASE("the outbox dock pages light rows, lists entries needing the agent first and keeps the selected entry",
          "[ui][sync][outbox]")
{
    Console c(250);
    MainWindow &w = *c.window;
    w.networkStatus()->setPlatformReachability(net::NetworkStatus::Platform::Offline); // nothing leaves
    TriageService triage(*w.database(), c.clock, Agent{QStringLiteral("agent-1"), QStringLiteral("Marta Verdi")});
    QSqlQuery threads(w.database()->connection());
    REQUIRE(threads.exec(QStringLiteral("SELECT id FROM threads ORDER BY id")));
    QVector<qint64> ids;
    while (threads.next())
        ids << threads.value(0).toLongLong();
    REQUIRE(ids.size() == 250);
    for (qint64 id : ids) {
        DecisionRequest r;
        r.threadId = id;
        r.kind = DecisionKind::ReplyPrivate;
        r.text = QStringLiteral("Le scriviamo in privato.");
        REQUIRE(triage.decide(r).ok());
        c.clock.advanceMs(1000); // distinct creation times: newest first is a strict order
    }
    w.showOutbox(true);
    ui::OutboxPane *pane = w.outboxPane();
    ui::OutboxModel *model = qobject_cast<ui::OutboxModel *>(pane->view()->model());
    REQUIRE(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // The counts are the whole outbox's, whatever is loaded.
    CHECK(model->totalCount() == 250);
    CHECK(pane->summaryText().contains(QLatin1String("250 decisions")));
    {
        ui::OutboxModel paged(c.clock);
        QAbstractItemModelTester pagedTester(&paged, QAbstractItemModelTester::FailureReportingMode::Fatal);
        paged.setDatabase(w.database());
        CHECK(paged.rowCount() == ui::OutboxModel::kPageSize);
        REQUIRE(paged.canFetchMore({}));
        paged.fetchMore({});
        CHECK(paged.rowCount() == 2 * ui::OutboxModel::kPageSize);
        paged.fetchMore({});
        CHECK(paged.rowCount() == 250);
        CHECK_FALSE(paged.canFetchMore({}));
    }
    while (model->canFetchMore({}))
        model->fetchMore({});
    REQUIRE(model->rowCount() == 250);

    // The agent is on the 6th entry; a dispatcher change to another entry, then a reload, leave them there.
    pane->view()->setCurrentIndex(model->index(5, 0));
    const QString chosen = pane->currentEntryId();
    const QString other = model->entryAt(7)->id;
    QSqlQuery change(w.database()->connection());
    REQUIRE(change.exec(
        QStringLiteral("UPDATE outbox SET attempts = 3, last_error = 'HTTP 503' WHERE id = '%1'").arg(other)));
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    emit w.outboxDispatcher()->entryChanged(other);
    CHECK(resets.isEmpty()); // in place
    CHECK(model->index(7, ui::OutboxModel::ReasonColumn).data().toString() == QLatin1String("HTTP 503"));
    CHECK(pane->currentEntryId() == chosen);

    // An entry that fails goes to the top, and the agent's entry stays current.
    const QString failing = model->entryAt(200)->id;
    REQUIRE(change.exec(
        QStringLiteral("UPDATE outbox SET state = 'failed', last_error = 'refused' WHERE id = '%1'").arg(failing)));
    emit w.outboxDispatcher()->entryChanged(failing);
    CHECK(model->entryAt(0)->id == failing);
    CHECK(model->needAgentCount() == 1);
    CHECK(pane->currentEntryId() == chosen);
    CHECK(model->rowOfEntry(chosen) == 6);
    model->reload();
    CHECK(pane->currentEntryId() == chosen);
}

namespace {
// A keychain that answers later, as the system one does; its blocking calls must not be used.
class SlowKeychain final : public accounts::TokenStore {
public:
    int blockingCalls = 0;
    QHash<QString, QString> tokens;
    Result<QString> read(const QString &) override
    {
        ++blockingCalls;
        return Error{QStringLiteral("blocking read")};
    }
    Status write(const QString &, const QString &) override
    {
        ++blockingCalls;
        return Error{QStringLiteral("blocking write")};
    }
    Status remove(const QString &) override
    {
        ++blockingCalls;
        return Error{QStringLiteral("blocking remove")};
    }
    int readsPending = 0;
    void readAsync(const QString &key, QObject *context, ReadDone done) override
    {
        ++readsPending;
        QTimer::singleShot(200, context, [this, key, done] {
            --readsPending;
            if (tokens.contains(key))
                done(tokens.value(key));
            else
                done(Error{QStringLiteral("no token")});
        });
    }
    void writeAsync(const QString &key, const QString &token, QObject *context, StatusDone done) override
    {
        QTimer::singleShot(200, context, [this, key, token, done] {
            tokens.insert(key, token);
            done(Status::success());
        });
    }
    void removeAsync(const QString &key, QObject *context, StatusDone done) override
    {
        QTimer::singleShot(200, context, [this, key, done] {
            tokens.remove(key);
            done(Status::success());
        });
    }
};

// Messages come from the sync worker's thread too (ThreadSanitizer found the unguarded list).
std::mutex g_logMutex;
QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    const std::lock_guard lock(g_logMutex);
    g_log << message;
}
void capturedLogClear()
{
    const std::lock_guard lock(g_logMutex);
    g_log.clear();
}
QString capturedLog()
{
    const std::lock_guard lock(g_logMutex);
    return g_log.join(QLatin1Char('\n'));
}
} // namespace

TEST_CASE("a sync reads keychain tokens without blocking, and the token reaches no log, settings or cache file",
          "[ui][sync][accounts]")
{
    SlowKeychain slow; // outlives the console that reads it
    Console c(5);
    SlowKeychain *keychain = &slow;
    const QString token = QStringLiteral("kc-SECRET-0e9f7d");
    keychain->tokens.insert(QStringLiteral("x:2222"), token);
    c.window->setTokenStore(slow);
    REQUIRE(accounts::AccountStore(*c.window->database())
                .add(Channel::X, QStringLiteral("2222"), c.server.url(QStringLiteral("/2")).toString(), QString(), 0)
                .ok());
    c.server.replace(QStringLiteral("/2/users/1111/mentions"),
                     CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    c.server.replace(QStringLiteral("/2/users/2222/mentions"),
                     CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    c.server.replace(QStringLiteral("/2/dm_events"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));

    // Every message Qt logs during the sync, debug included.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    capturedLogClear();
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    // Ticks of a timer while a token is being read: the event loop runs meanwhile. (The ticker
    // is due before the keychain's answer, so it fires first whenever the loop runs.)
    int ticks = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] { ticks += keychain->readsPending > 0 ? 1 : 0; });
    ticker.start(10);
    const sync::SyncRunReport report = c.sync();
    ticker.stop();
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    REQUIRE(report.accounts.size() == 2);
    for (const sync::AccountSyncReport &a : report.accounts) {
        INFO(a.error.toStdString());
        CHECK(a.ok());
    }
    CHECK(keychain->blockingCalls == 0);
    CHECK(ticks >= 1); // the event loop ran while the keychain answered
    for (const ReceivedRequest &r : c.server.requests())
        if (r.path == QLatin1String("/2/users/2222/mentions"))
            CHECK(r.header("authorization") == "Bearer " + token.toUtf8());
    CHECK_FALSE(capturedLog().contains(token));
    CHECK_FALSE(capturedLog().contains(QLatin1String("ui-sync-SECRET")));
    c.settings.sync();
    CHECK_FALSE(fileBytes(c.settingsPath()).contains("SECRET"));
    QByteArray bytes = fileBytes(c.cachePath());
    if (QFile::exists(c.cachePath() + QStringLiteral("-wal")))
        bytes += fileBytes(c.cachePath() + QStringLiteral("-wal"));
    CHECK_FALSE(bytes.contains("SECRET"));
}

TEST_CASE("the console's sync renews a signed-in X token that is about to expire, and syncs with the new one",
          "[ui][sync][renewal]")
{
    // Renewal lock files in a folder of the test's own, not the user's data folder.
    QTemporaryDir data;
    const QByteArray previousData = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", QFile::encodeName(data.path()));
    accounts::MemoryTokenStore keychain; // outlives the console that reads it
    Console c(3);
    QString currentRefresh = QStringLiteral("ui-refresh-1-abcdefgh");
    int renewals = 0;
    c.server.setHandler(QStringLiteral("/oauth2/token"), [&](const ReceivedRequest &r) {
        const QUrlQuery form(QString::fromUtf8(r.body));
        if (form.queryItemValue(QStringLiteral("refresh_token")) != currentRefresh)
            return CannedResponse::json(400, R"({"error":"invalid_request"})");
        ++renewals;
        currentRefresh = QStringLiteral("ui-refresh-%1-abcdefgh").arg(renewals + 1);
        return CannedResponse::json(200,
                                    QStringLiteral(R"({"token_type":"bearer","expires_in":7200,)"
                                                   R"("access_token":"ui-access-%1-abcdefgh","refresh_token":"%2"})")
                                        .arg(renewals + 1)
                                        .arg(currentRefresh)
                                        .toUtf8());
    });
    accounts::Credential signedIn;
    signedIn.accessToken = QStringLiteral("ui-access-1-abcdefgh");
    signedIn.refreshToken = currentRefresh;
    signedIn.expiresAtMs = c.clock.nowMs() + 3 * kMinute;
    signedIn.issuedAtMs = c.clock.nowMs() - 117 * kMinute;
    signedIn.clientId = QStringLiteral("company-x-client");
    signedIn.tokenUrl = c.server.url(QStringLiteral("/oauth2/token")).toString();
    REQUIRE(accounts::writeCredential(keychain, QStringLiteral("x:2222"), signedIn).ok());
    c.window->setTokenStore(keychain);
    REQUIRE(accounts::AccountStore(*c.window->database())
                .add(Channel::X, QStringLiteral("2222"), c.server.url(QStringLiteral("/2")).toString(), QString(), 0)
                .ok());
    c.server.replace(QStringLiteral("/2/users/1111/mentions"),
                     CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    c.server.replace(QStringLiteral("/2/users/2222/mentions"),
                     CannedResponse::json(200, R"({"meta":{"result_count":0}})"));
    c.server.replace(QStringLiteral("/2/dm_events"), CannedResponse::json(200, R"({"meta":{"result_count":0}})"));

    const sync::SyncRunReport report = c.sync();
    REQUIRE(report.accounts.size() == 2);
    for (const sync::AccountSyncReport &a : report.accounts) {
        INFO(a.error.toStdString());
        CHECK(a.ok());
    }
    CHECK(renewals == 1);
    for (const ReceivedRequest &r : c.server.requests())
        if (r.path == QLatin1String("/2/users/2222/mentions"))
            CHECK(r.header("authorization") == "Bearer ui-access-2-abcdefgh");
    auto stored = accounts::readCredential(keychain, QStringLiteral("x:2222"));
    REQUIRE(stored.ok());
    CHECK(stored->refreshToken == currentRefresh);
    auto account = accounts::AccountStore(*c.window->database()).find(Channel::X, QStringLiteral("2222"));
    CHECK((*account)->tokenExpiresAtMs == c.clock.nowMs() + 7200 * 1000);
    // The next pass has nothing to renew.
    c.sync();
    CHECK(renewals == 1);
    c.window.reset(); // before the keychain it reads
    if (previousData.isNull())
        qunsetenv("XDG_DATA_HOME");
    else
        qputenv("XDG_DATA_HOME", previousData);
}

TEST_CASE("a refused token is explained in the console's sync details and the account needs sign-in",
          "[ui][sync][tokens]")
{
    Console c(3);
    c.server.replace(
        QStringLiteral("/2/users/1111/mentions"),
        CannedResponse::jsonFile(403, sharedDataDir() + QStringLiteral("/oauth_x/api_403_client_not_enrolled.json")));
    const sync::SyncRunReport report = c.sync();
    QApplication::processEvents();

    REQUIRE(report.accounts.size() == 1);
    CHECK(report.accounts.first().outcome == sync::AccountSyncReport::Outcome::NeedsSignIn);
    CHECK((*accounts::AccountStore(*c.window->database()).find(Channel::X, QStringLiteral("1111")))->needsSignIn);
    // The details of the sync status say what happened and what to do, in plain words.
    const QString details = c.window->syncLabel()->toolTip();
    INFO(details.toStdString());
    CHECK(details.contains(QLatin1String("x:1111: X refused the token because the X developer app it belongs to is "
                                         "not attached to a Project")));
    CHECK(details.contains(QLatin1String("Whoever manages the app should first attach it to a Project")));
    CHECK(details.contains(QLatin1String("Edit > Settings > Accounts, select the account and press Sign In Again")));
    CHECK(details.contains(QLatin1String("(X: HTTP 403, client-not-enrolled)")));
    CHECK_FALSE(details.contains(QLatin1String("ui-sync-SECRET")));
    CHECK(c.window->statusBar()->currentMessage().contains(QLatin1String("Sign in again to x:1111")));
}

TEST_CASE("the accounts page shows it is busy while the keychain stores or deletes a token", "[ui][accounts]")
{
    TempCache cache;
    QTemporaryDir dir;
    ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    SlowKeychain keychain;
    ui::AccountsPage page(*cache.db, keychain, settings);
    page.channelCombo()->setCurrentIndex(page.channelCombo()->findData(QStringLiteral("x")));
    page.accountField()->setText(QStringLiteral("1551"));
    page.tokenField()->setText(QStringLiteral("page-token-SECRET-77"));
    REQUIRE(page.addAccount());
    CHECK(page.isBusy());
    CHECK(page.message().contains(QLatin1String("keychain")));
    CHECK(page.model()->rowCount() == 0); // recorded once the token is stored
    REQUIRE(QTest::qWaitFor([&] { return !page.isBusy(); }, 5000));
    CHECK(page.model()->rowCount() == 1);
    CHECK(keychain.tokens.value(QStringLiteral("x:1551")) == QLatin1String("page-token-SECRET-77"));
    page.view()->selectRow(0);
    REQUIRE(page.removeSelected());
    CHECK(page.isBusy());
    REQUIRE(QTest::qWaitFor([&] { return !page.isBusy(); }, 5000));
    CHECK(keychain.tokens.isEmpty());
    CHECK(keychain.blockingCalls == 0);
    CHECK(page.model()->rowCount() == 0);
}

TEST_CASE("a token pasted into any field of the accounts page reaches no message, table, log, settings or cache "
          "file, only the keychain",
          "[ui][accounts][secrets]")
{
    TempCache cache;
    QTemporaryDir dir;
    const QString settingsPath = dir.filePath(QStringLiteral("settings.ini"));
    ui::AppSettings settings(settingsPath);
    accounts::MemoryTokenStore keychain;
    ui::AccountsPage page(*cache.db, keychain, settings);
    const QString token = QStringLiteral("EAAGuiLeakProbe4r8TqW2zXk7Vb");

    QLoggingCategory::setFilterRules(QStringLiteral("sportello.*=true"));
    capturedLogClear();
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    QStringList shown; // every message the page showed
    const auto table = [&page] {
        QStringList cells;
        for (int r = 0; r < page.model()->rowCount(); ++r)
            for (int c = 0; c < page.model()->columnCount(); ++c)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                    cells << page.model()->index(r, c).data(role).toString();
        return cells.join(QLatin1Char('\n'));
    };

    // The token in the base URL, in every form, with the token also in the keychain field.
    for (const QString &url : baseUrlsCarrying(token)) {
        INFO(url.toStdString());
        page.channelCombo()->setCurrentIndex(page.channelCombo()->findData(QStringLiteral("facebook")));
        page.accountField()->setText(QStringLiteral("104523"));
        page.baseUrlField()->setText(url);
        page.keychainChoice()->setChecked(true);
        page.tokenField()->setText(token);
        CHECK_FALSE(page.addAccount());
        CHECK(page.messageIsError());
        shown << page.message();
    }
    // The token as the variable's name.
    page.baseUrlField()->clear();
    page.envChoice()->setChecked(true);
    page.envField()->setText(token);
    CHECK_FALSE(page.addAccount());
    shown << page.message();
    // Where it belongs: the keychain.
    page.keychainChoice()->setChecked(true);
    page.tokenField()->setText(token);
    REQUIRE(page.addAccount());
    REQUIRE(QTest::qWaitFor([&] { return !page.isBusy(); }));
    shown << page.message();
    CHECK(keychain.read(QStringLiteral("facebook:104523")).value() == token);
    shown << table();

    page.save(); // the settings file is written
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    INFO(shown.join(QLatin1Char('\n')).toStdString());
    CHECK_FALSE(shown.join(QLatin1Char('\n')).contains(token));
    CHECK_FALSE(capturedLog().contains(token));
    settings.sync();
    CHECK_FALSE(fileBytes(settingsPath).contains(token.toUtf8()));
    QByteArray bytes = fileBytes(cache.path);
    if (QFile::exists(cache.path + QStringLiteral("-wal")))
        bytes += fileBytes(cache.path + QStringLiteral("-wal"));
    CHECK_FALSE(bytes.contains(token.toUtf8()));
}

TEST_CASE("a base URL stored before the checks is shown on the accounts page without its secret parts",
          "[ui][accounts][secrets]")
{
    TempCache cache;
    QTemporaryDir dir;
    ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    accounts::MemoryTokenStore keychain;
    const QString token = QStringLiteral("EAAGoldRowProbe5s1LpQ9dYw3");
    int n = 0;
    for (const QString &url : baseUrlsCarrying(token)) {
        QSqlQuery insert(cache.db->connection());
        REQUIRE(insert.prepare(QStringLiteral("INSERT INTO accounts(id, channel, account_id, base_url, token_env, "
                                              "needs_sign_in, created_at) VALUES (?, 'facebook', ?, ?, NULL, 0, 0)")));
        insert.addBindValue(QStringLiteral("00000000-0000-0000-0000-%1").arg(++n, 12, 10, QLatin1Char('0')));
        insert.addBindValue(QString::number(1000 + n));
        insert.addBindValue(url);
        REQUIRE(insert.exec());
    }
    ui::AccountsPage page(*cache.db, keychain, settings);
    REQUIRE(page.model()->rowCount() == n);
    for (int r = 0; r < page.model()->rowCount(); ++r) {
        const QString cell = page.model()->index(r, ui::AccountsModel::BaseUrlColumn).data().toString();
        INFO(cell.toStdString());
        CHECK_FALSE(cell.contains(token));
    }
}
