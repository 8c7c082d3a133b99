// The console reads the in-app inbox with every sync, also without any platform account: the
// app's messages appear in the queue, a bad file is reported on the status bar and set aside.
#include "ConsoleFixture.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "MainWindow.h"
#include "fileimport/InAppInbox.h"
#include "models/QueueModel.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace sportello;
using namespace sportello::test;

TEST_CASE("the console's sync reads the in-app inbox", "[ui][inapp]")
{
    QTemporaryDir inbox;
    REQUIRE(inbox.isValid());
    ConsoleOptions options;
    options.nowMs = utcMs("2026-12-01T09:30:00Z");
    ConsoleFixture c([&](Database &db) { REQUIRE(setInAppInboxFolder(db, inbox.path()).ok()); }, std::move(options));
    ui::MainWindow &w = c.w();
    CHECK(w.queueModel()->rowCount() == 0);
    const QDir dir(inbox.path());
    QFile good(dir.filePath(QStringLiteral("m.jsonl")));
    REQUIRE(good.open(QIODevice::WriteOnly));
    good.write(R"({"channel":"in_app","thread_id":"app-t1","post_id":"app-m1","author":{"id":"u1","name":"Lucia"},)"
               R"("direction":"inbound","visibility":"private","created_at":"2026-12-01T09:00:00Z",)"
               R"("text":"L'app non mi fa caricare le foto del sinistro"})"
               "\n");
    good.close();
    QFile bad(dir.filePath(QStringLiteral("n.jsonl")));
    REQUIRE(bad.open(QIODevice::WriteOnly));
    bad.write("{broken\n");
    bad.close();

    w.syncNow(true); // no account: the inbox is read all the same
    REQUIRE(QTest::qWaitFor([&] { return w.queueModel()->rowCount() == 1; }, 5000));
    CHECK(w.statusBar()->currentMessage().contains(QLatin1String("rejected")));
    CHECK(QFile::exists(dir.filePath(QStringLiteral("rejected/n.jsonl"))));
    CHECK(QFile::exists(dir.filePath(QStringLiteral("processed/m.jsonl"))));
}
