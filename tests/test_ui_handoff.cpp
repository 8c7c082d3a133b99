// The loop back from customer care in the console (offscreen): the conversation header says the
// hand-off's state in words, reachable with the keyboard; a resolution read from a status file
// stops the complaint's clock in the complaints pane and header, puts care's answer in the
// composer below what the agent typed, and gives the thread back to the agent, whose reply the
// guard still checks.
#include "ConsoleFixture.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "MainWindow.h"
#include "outbox/Handoff.h"
#include "outbox/OutboxDispatcher.h"
#include "storage/Sql.h"
#include "views/ComplaintsPane.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>

using namespace sportello;
using namespace sportello::test;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kArrived = 1772438400000; // 2026-03-02T08:00:00Z, a Monday

outbox::DrainSummary drain(ui::MainWindow &w)
{
    outbox::OutboxDispatcher *dispatcher = w.outboxDispatcher();
    REQUIRE(dispatcher != nullptr);
    QSignalSpy drained(dispatcher, &outbox::OutboxDispatcher::drained);
    dispatcher->drain();
    if (drained.isEmpty())
        REQUIRE(drained.wait(10'000));
    return drained.takeFirst().at(0).value<outbox::DrainSummary>();
}

// The queue shows every status, so that a forwarded thread can be opened, and opens it.
void open(ui::MainWindow &w, qint64 thread)
{
    QComboBox *status = w.queuePane()->statusCombo();
    status->setCurrentIndex(status->findData(QString()));
    REQUIRE(w.queuePane()->selectThread(thread));
    REQUIRE(w.currentThreadId() == thread);
}

} // namespace

TEST_CASE("a resolution from customer care shows in the header, stops the clock and returns the thread",
          "[ui][handoff][gui]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    ConsoleOptions options;
    options.nowMs = kArrived + 20 * kMinute;
    ConsoleFixture c(
        [&](Database &db) {
            PostRecord p = inboundPost(QStringLiteral("reclamo"), QStringLiteral("reclamo-1"), kArrived,
                                       QStringLiteral("Reclamo formale: il rimborso non arriva da due mesi"));
            p.category = Category::Complaint;
            ingest(db, {p});
            REQUIRE(outbox::setHandoffFolder(db, folder.path()).ok());
        },
        std::move(options));
    ui::MainWindow &w = c.w();
    ui::ConversationPane *pane = w.conversationPane();
    const qint64 thread = scalar(c.db(), QStringLiteral("SELECT id FROM threads")).toLongLong();

    // Forward to customer care from the keyboard, and deliver the packet into the folder.
    REQUIRE(w.queuePane()->selectThread(thread));
    c.key(Qt::Key_3, Qt::ControlModifier);
    c.type(QStringLiteral("Formal complaint about a late refund."));
    c.key(Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(scalar(c.db(), QStringLiteral("SELECT status FROM threads")).toString() == QLatin1String("forwarded"));
    REQUIRE(drain(w).delivered == 1);
    const QString reference = scalar(c.db(), QStringLiteral("SELECT case_reference FROM outbox")).toString();
    open(w, thread);
    INFO(pane->handoffText().toStdString());
    CHECK(pane->handoffText() ==
          QStringLiteral("Hand-off %1: sent to customer care on Mar 2, not yet acknowledged").arg(reference));
    REQUIRE(scalar(c.db(), QStringLiteral("SELECT count(*) FROM complaints")).toInt() == 1);
    CHECK(pane->complaintText().contains(QLatin1String("Complaint: 45 days left to answer")));
    // The line is read with the keyboard too: Tab reaches it, and a screen reader has its words.
    CHECK(pane->handoffLabel()->focusPolicy() & Qt::TabFocus);
    CHECK(pane->handoffLabel()->accessibleName() == pane->handoffText());
    // Still with customer care: no decision is offered.
    CHECK_FALSE(c.panel().confirmButton()->isEnabled());
    CHECK_FALSE(c.panel().editor()->isEnabled());

    // Care resolves with an answer; the next outbox pass reads the status file.
    const QString answer = QStringLiteral("Il rimborso e' stato disposto, lo ricevera' entro 5 giorni.");
    {
        QFile file(QDir(folder.path()).filePath(reference + QStringLiteral(".status.json")));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral(R"({"status":"resolved","by":"Ufficio reclami","at":"2026-03-04T10:00:00Z",)"
                                  R"("answer":"%1"})")
                       .arg(answer)
                       .toUtf8());
    }
    c.clock.setNowMs(utcMs("2026-03-04T10:05:00Z"));
    CHECK(drain(w).handoffUpdates == 1);
    INFO(pane->handoffText().toStdString());
    INFO(pane->complaintText().toStdString());
    CHECK(pane->handoffText() == QStringLiteral("Hand-off %1: resolved by customer care on Mar 4 · their answer "
                                                "is in your draft; the thread is back with you")
                                     .arg(reference));
    CHECK(pane->handoffLabel()->toolTip().contains(QLatin1String("Reported by Ufficio reclami")));
    CHECK(pane->handoffLabel()->toolTip().contains(answer));
    // The clock stopped: the header says so and the complaint left the open list.
    CHECK(pane->complaintText().contains(QLatin1String("Complaint answered on Mar 4")));
    CHECK(w.complaintsPane()->view()->model()->rowCount() == 0);
    // Back with the agent: the answer is in the composer, the decisions are offered again.
    CHECK(c.panel().editor()->isEnabled());
    CHECK(c.panel().editor()->toPlainText() == answer);

    // The guard still checks what goes out: a telephone number in public is refused.
    c.panel().editor()->setFocus();
    c.key(Qt::Key_1, Qt::ControlModifier);
    c.panel().editor()->moveCursor(QTextCursor::End);
    c.type(QStringLiteral(" Per info: 347 555 0199"));
    CHECK_FALSE(c.panel().confirmButton()->isEnabled());
    for (int i = 0; i < 23; ++i)
        c.key(Qt::Key_Backspace);
    CHECK(c.panel().editor()->toPlainText() == answer);
    CHECK(c.panel().confirmButton()->isEnabled());
    c.key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(scalar(c.db(), QStringLiteral("SELECT count(*) FROM decisions WHERE kind = 'reply_public' AND text = '%1'")
                             .arg(QString(answer).replace(QLatin1Char('\''), QStringLiteral("''"))))
              .toInt() == 1);
    CHECK(scalar(c.db(), QStringLiteral("SELECT status FROM threads")).toString() == QLatin1String("answered"));
}

TEST_CASE("care's answer goes below what the agent is typing on the open thread", "[ui][handoff][gui]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    ConsoleOptions options;
    options.nowMs = kArrived + 20 * kMinute;
    ConsoleFixture c(
        [&](Database &db) {
            ingest(db, {inboundPost(QStringLiteral("t"), QStringLiteral("t-1"), kArrived),
                        inboundPost(QStringLiteral("u"), QStringLiteral("u-1"), kArrived + kMinute)});
            REQUIRE(outbox::setHandoffFolder(db, folder.path()).ok());
        },
        std::move(options));
    ui::MainWindow &w = c.w();
    const qint64 thread = scalar(c.db(), QStringLiteral("SELECT id FROM threads WHERE external_id = 't'")).toLongLong();
    const qint64 other = scalar(c.db(), QStringLiteral("SELECT id FROM threads WHERE external_id = 'u'")).toLongLong();
    REQUIRE(w.queuePane()->selectThread(thread));
    c.key(Qt::Key_3, Qt::ControlModifier);
    c.type(QStringLiteral("Please check the policy."));
    c.key(Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(drain(w).delivered == 1);
    const QString reference = scalar(c.db(), QStringLiteral("SELECT case_reference FROM outbox")).toString();
    open(w, thread);
    // Care says it is received: the thread stays with care.
    QFile received(QDir(folder.path()).filePath(reference + QStringLiteral(".status.json")));
    REQUIRE(received.open(QIODevice::WriteOnly));
    received.write(R"({"status":"received"})");
    received.close();
    CHECK(drain(w).handoffUpdates == 1);
    CHECK(w.conversationPane()->handoffText().contains(QLatin1String("received by customer care")));
    CHECK_FALSE(c.panel().editor()->isEnabled());

    // Resolved while the agent reads the thread, whose composer holds words already (a draft
    // stored for it, here written by hand while the agent was on another thread).
    open(w, other);
    REQUIRE(sql::exec(c.db().connection(), QStringLiteral("INSERT INTO drafts(thread_id, text, decision, updated_at) "
                                                          "VALUES(%1, 'Gentile cliente,', NULL, 0)")
                                               .arg(thread))
                .ok());
    open(w, thread);
    REQUIRE(c.panel().editor()->toPlainText() == QStringLiteral("Gentile cliente,"));
    QFile resolved(QDir(folder.path()).filePath(reference + QStringLiteral(".status.json")));
    REQUIRE(resolved.open(QIODevice::WriteOnly));
    resolved.write(R"({"status":"resolved","answer":"la polizza e' attiva."})");
    resolved.close();
    CHECK(drain(w).handoffUpdates == 1);
    CHECK(c.panel().editor()->isEnabled());
    CHECK(c.panel().editor()->toPlainText() == QStringLiteral("Gentile cliente,\n\nla polizza e' attiva."));
}

TEST_CASE("a resolution on another thread is announced, and the thread opens with care's answer in its draft",
          "[ui][handoff][gui]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    ConsoleOptions options;
    options.nowMs = kArrived + 20 * kMinute;
    ConsoleFixture c(
        [&](Database &db) {
            ingest(db, {inboundPost(QStringLiteral("t"), QStringLiteral("t-1"), kArrived),
                        inboundPost(QStringLiteral("u"), QStringLiteral("u-1"), kArrived + kMinute)});
            REQUIRE(outbox::setHandoffFolder(db, folder.path()).ok());
        },
        std::move(options));
    ui::MainWindow &w = c.w();
    const qint64 thread = scalar(c.db(), QStringLiteral("SELECT id FROM threads WHERE external_id = 't'")).toLongLong();
    const qint64 other = scalar(c.db(), QStringLiteral("SELECT id FROM threads WHERE external_id = 'u'")).toLongLong();
    REQUIRE(w.queuePane()->selectThread(thread));
    c.key(Qt::Key_3, Qt::ControlModifier);
    c.type(QStringLiteral("Please check the policy."));
    c.key(Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(drain(w).delivered == 1);
    const QString reference = scalar(c.db(), QStringLiteral("SELECT case_reference FROM outbox")).toString();
    open(w, other);

    QFile resolved(QDir(folder.path()).filePath(reference + QStringLiteral(".status.json")));
    REQUIRE(resolved.open(QIODevice::WriteOnly));
    resolved.write(R"({"status":"resolved","answer":"La polizza risulta attiva."})");
    resolved.close();
    CHECK(drain(w).handoffUpdates == 1);
    // Offscreen there is no tray: the status bar says it.
    CHECK(w.statusBar()->currentMessage() ==
          QStringLiteral("Customer care resolved %1: the thread is back with you.").arg(reference));
    CHECK(w.currentThreadId() == other);

    open(w, thread);
    CHECK(c.panel().editor()->isEnabled());
    CHECK(c.panel().editor()->toPlainText() == QStringLiteral("La polizza risulta attiva."));
    CHECK(w.conversationPane()->handoffText().contains(QLatin1String("the thread is back with you")));
}
