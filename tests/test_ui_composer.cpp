// The composer in the console, offscreen: a public reply with personal data is blocked and
// switched to private with one key (audited), short codes expand with prompted variables, the
// counter follows the channel, drafts survive a restart and mark the queue, saved replies are
// edited and imported in the settings page.
#include "ConsoleFixture.h"
#include "TestSupport.h"
#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "MainWindow.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Language.h"
#include "dialogs/SavedRepliesPage.h"
#include "models/ConversationModel.h"
#include "models/QueueModel.h"
#include "models/SavedRepliesModel.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace sportello;
using namespace sportello::test;
using sportello::ui::MainWindow;
using sportello::ui::QueueModel;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kStart = 1772438400000; // 2026-03-02T08:00:00Z

// A console on the cache `db`, at 08:20 on the test's Monday.
ConsoleOptions at0820()
{
    ConsoleOptions o;
    o.nowMs = kStart + 20 * kMinute;
    return o;
}

struct Console : ConsoleFixture {
    explicit Console(std::unique_ptr<Database> db) : ConsoleFixture(std::move(db), at0820()) {}
};

// Three threads: an Italian complaint on Facebook where the customer wrote their tax code in
// public, an English question on X, an Italian private message in the app.
std::unique_ptr<Database> threeThreads(TempCache &cache)
{
    auto p1 =
        inboundPost(QStringLiteral("fb"), QStringLiteral("fb-1"), kStart,
                    QStringLiteral("Vergogna! Il mio codice fiscale è RSSMRA85T10A562S e il rimborso non arriva."));
    p1.category = Category::Complaint;
    p1.language = QStringLiteral("it");
    auto p2 = inboundPost(QStringLiteral("x"), QStringLiteral("x-1"), kStart + kMinute,
                          QStringLiteral("How do I log in to the app? It keeps rejecting my password"), Channel::X);
    p2.category = Category::Assistance;
    p2.language = QStringLiteral("en");
    auto p3 = inboundPost(QStringLiteral("app"), QStringLiteral("app-1"), kStart + 2 * kMinute,
                          QStringLiteral("Quando scade la mia polizza casa?"), Channel::InApp);
    p3.visibility = Visibility::Private;
    p3.category = Category::Assistance;
    p3.language = QStringLiteral("it");
    ingest(*cache.db, {p1, p2, p3});
    return std::move(cache.db);
}

qint64 threadId(Database &db, const char *external)
{
    return scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(QLatin1String(external)))
        .toLongLong();
}

} // namespace

TEST_CASE("a public reply with personal data is blocked, switched to private with one key, and audited",
          "[ui][composer][guard]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    Database &db = *w.database();
    const qint64 fb = threadId(db, "fb");
    REQUIRE(w.queuePane()->selectThread(fb));
    ui::TriagePanel &panel = c.panel();

    // The customer's own exposure is marked in the conversation and in the panel.
    CHECK(panel.exposedFindings().size() == 1);
    CHECK_FALSE(panel.exposureLabel()->isHidden());
    CHECK(panel.exposureLabel()->text().contains(QLatin1String("::privacy")));
    bool marked = false;
    for (int r = 0; r < w.conversationPane()->model()->rowCount(); ++r)
        marked = marked || w.conversationPane()
                               ->model()
                               ->index(r, 0)
                               .data(ui::ConversationModel::ExposureRole)
                               .toString()
                               .contains(QLatin1String("tax code"));
    CHECK(marked);

    c.key(Qt::Key_1, Qt::ControlModifier);
    REQUIRE(QApplication::focusWidget() == panel.editor());
    c.type(QStringLiteral("Abbiamo ricevuto il codice fiscale RSSMRA85T10A562S, grazie."));
    REQUIRE(panel.findings().size() == 1);
    CHECK(panel.findings()[0].kind == FindingKind::TaxCode);
    CHECK_FALSE(panel.confirmButton()->isEnabled());
    CHECK(panel.blockedReason().contains(QLatin1String("tax code")));
    CHECK(panel.switchToPrivateButton()->isVisible());
    CHECK(panel.editor()->extraSelections().size() == 1);

    // Ctrl+Enter is refused with the reason by the core, which audits the refusal (kinds only).
    c.key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(panel.message().contains(QLatin1String("tax code")));
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
    const QString refusal =
        scalar(db, QStringLiteral("SELECT details FROM audit_log WHERE action = 'guard_refused'")).toString();
    CHECK(refusal.contains(QLatin1String("tax_code")));
    CHECK_FALSE(refusal.contains(QLatin1String("RSSMRA85T10A562S")));

    // One key: the same text becomes a private reply, which may carry it.
    c.key(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(panel.armedKind() == DecisionKind::ReplyPrivate);
    CHECK(panel.findings().isEmpty());
    CHECK_FALSE(panel.switchToPrivateButton()->isVisible());
    CHECK(panel.confirmButton()->isEnabled());
    CHECK(panel.editor()->toPlainText().contains(QLatin1String("RSSMRA85T10A562S")));
    c.key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(scalar(db, QStringLiteral("SELECT kind FROM decisions")).toString() == QLatin1String("reply_private"));
    const QJsonObject guard =
        QJsonDocument::fromJson(
            scalar(db, QStringLiteral("SELECT details FROM audit_log WHERE action = 'decision'")).toString().toUtf8())
            .object()
            .value(QStringLiteral("guard"))
            .toObject();
    CHECK(guard.value(QStringLiteral("choice")).toString() == QLatin1String("switched_to_private"));
    CHECK(guard.value(QStringLiteral("blocked")).toArray().at(0).toObject().value(QStringLiteral("kind")).toString() ==
          QLatin1String("tax_code"));
    CHECK(guard.value(QStringLiteral("exposed_in_post")).toArray().size() == 1);
    CHECK(guard.value(QStringLiteral("suggested")).toString() == QLatin1String("reply_private,hide_comment"));
}

TEST_CASE("removing the finding unblocks the public reply, and the choice is audited as removed",
          "[ui][composer][guard]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    Database &db = *c.window->database();
    REQUIRE(c.window->queuePane()->selectThread(threadId(db, "fb")));
    c.key(Qt::Key_1, Qt::ControlModifier);
    c.type(QStringLiteral("Ci chiami al 347 555 0199"));
    CHECK_FALSE(c.panel().confirmButton()->isEnabled());
    c.key(Qt::Key_Return, Qt::ControlModifier); // refused: this is the block the audit records
    for (int i = 0; i < 12; ++i)
        c.key(Qt::Key_Backspace);
    c.type(QStringLiteral("numero verde."));
    CHECK(c.panel().findings().isEmpty());
    CHECK(c.panel().confirmButton()->isEnabled());
    c.key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(scalar(db, QStringLiteral("SELECT kind FROM decisions")).toString() == QLatin1String("reply_public"));
    CHECK(scalar(db, QStringLiteral(
                         "SELECT json_extract(details, '$.guard.choice') FROM audit_log WHERE action = 'decision'"))
              .toString() == QLatin1String("removed"));
}

TEST_CASE("short codes expand in the post's language, prompted variables are asked for, the counter follows X",
          "[ui][composer]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    Database &db = *w.database();
    ui::TriagePanel &panel = c.panel();

    SECTION("an English post on X: ::login expands to the English reply and the X counter counts it")
    {
        REQUIRE(w.queuePane()->selectThread(threadId(db, "x")));
        c.key(Qt::Key_1, Qt::ControlModifier);
        c.type(QStringLiteral("::login"));
        c.key(Qt::Key_Space);
        const QString text = panel.editor()->toPlainText();
        CHECK(text.startsWith(QLatin1String("Hi Cliente x, to sign in")));
        CHECK_FALSE(text.contains(QLatin1String("::login")));
        CHECK(panel.lengthCheck().maximum == 280);
        CHECK(panel.lengthCheck().length == 235); // plain ASCII, no link: one a character
        CHECK(panel.counterLabel()->text().contains(QLatin1String("X post")));
        CHECK(panel.lengthCheck().sendable);
        CHECK(panel.confirmButton()->isEnabled());
        // A link counts 23 however long; past 280 the confirm button says why it is off.
        c.type(QStringLiteral(" https://www.assicuraserena.it/assistenza/app/accesso-e-password-dimenticata"));
        CHECK(panel.lengthCheck().length == 235 + 1 + 23);
        c.type(QString(300 - panel.lengthCheck().length, QLatin1Char('!')));
        CHECK(panel.lengthCheck().remaining == -20);
        CHECK_FALSE(panel.lengthCheck().sendable);
        CHECK_FALSE(panel.confirmButton()->isEnabled());
        CHECK(panel.confirmButton()->toolTip().contains(QLatin1String("over the limit of 280")));
        // As a DM on X the same text fits.
        c.key(Qt::Key_2, Qt::ControlModifier);
        CHECK(panel.lengthCheck().sendable);
        CHECK(panel.confirmButton()->isEnabled());
    }

    SECTION("an Italian thread: ::claim with Tab asks for the claim's status")
    {
        REQUIRE(w.queuePane()->selectThread(threadId(db, "app")));
        c.key(Qt::Key_2, Qt::ControlModifier);
        c.type(QStringLiteral("::claim"));
        whenModal(&w, [](QWidget *dialog) {
            auto *status = dialog->findChild<QLineEdit *>(QStringLiteral("prompt_claim_status"));
            REQUIRE(status);
            // The starter reply asks for no claim number: it may go public.
            CHECK(dialog->findChild<QLineEdit *>(QStringLiteral("prompt_claim_number")) == nullptr);
            status->setText(QStringLiteral("in liquidazione"));
            QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
        });
        c.key(Qt::Key_Tab);
        const QString text = panel.editor()->toPlainText();
        INFO(text.toStdString());
        CHECK(text.startsWith(
            QLatin1String("Gentile Cliente app, abbiamo verificato la sua pratica di sinistro: in liquidazione.")));
        CHECK(text.contains(QLatin1String("2 marzo 2026")));
        CHECK(text.endsWith(QLatin1String("Marta Verdi")));
        CHECK(w.focusWidget() == panel.editor()); // Tab expanded, it did not move the focus
        CHECK(panel.counterLabel()->text().contains(QLatin1String("no limit")));
        // The same reply would pass the guard in public.
        CHECK(Guard().check(text).value().isEmpty());
    }

    SECTION("the picker lists the replies that fit first and inserts the chosen one")
    {
        REQUIRE(w.queuePane()->selectThread(threadId(db, "fb")));
        c.key(Qt::Key_2, Qt::ControlModifier);
        QString first;
        whenModal(&w, [&first](QWidget *dialog) {
            auto *list = dialog->findChild<QListView *>(QStringLiteral("pickerList"));
            REQUIRE(list);
            first = list->currentIndex().data().toString();
            auto *search = dialog->findChild<QLineEdit *>(QStringLiteral("pickerSearch"));
            search->setText(QStringLiteral("privat"));
            QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
        });
        c.key(Qt::Key_T, Qt::ControlModifier);
        // An Italian complaint: the Italian acknowledgement comes first.
        CHECK(first.startsWith(QLatin1String("::ack")));
        CHECK(first.contains(QLatin1String("Italian")));
        CHECK(panel.editor()->toPlainText().startsWith(QLatin1String("Gentile Cliente fb, per tutelare i suoi dati")));
    }
}

TEST_CASE("drafts survive switching threads and a restart, and the queue marks them", "[ui][composer][drafts]")
{
    TempCache cache;
    const QString path = cache.path;
    qint64 fb = 0;
    {
        Console c(threeThreads(cache));
        MainWindow &w = *c.window;
        fb = threadId(*w.database(), "fb");
        REQUIRE(w.queuePane()->selectThread(fb));
        c.key(Qt::Key_2, Qt::ControlModifier);
        c.type(QStringLiteral("Gentile cliente, le scriviamo"));
        c.key(Qt::Key_J, Qt::ControlModifier); // another thread
        REQUIRE(w.currentThreadId() != fb);
        const int row = w.queueModel()->rowOfThread(fb);
        CHECK(w.queueModel()->index(row, QueueModel::PostColumn).data(QueueModel::DraftRole).toBool());
        CHECK_FALSE(
            w.queueModel()->index(row, QueueModel::PostColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        // The queue's refresh keeps it: the marker comes from SQL.
        w.queueModel()->reload();
        CHECK(w.queueModel()
                  ->index(w.queueModel()->rowOfThread(fb), QueueModel::PostColumn)
                  .data(QueueModel::DraftRole)
                  .toBool());
        // Typing on the second thread is stored after a pause, without leaving it.
        c.key(Qt::Key_1, Qt::ControlModifier);
        c.type(QStringLiteral("Thanks"));
        REQUIRE(QTest::qWaitFor(
            [&] { return scalar(*w.database(), QStringLiteral("SELECT count(*) FROM drafts")).toInt() == 2; }, 3000));
        w.close();
    }
    auto reopened = openCache(path);
    REQUIRE(reopened.ok());
    Console again(std::move(reopened).value());
    MainWindow &w = *again.window;
    CHECK(w.queueModel()
              ->index(w.queueModel()->rowOfThread(fb), QueueModel::PostColumn)
              .data(QueueModel::DraftRole)
              .toBool());
    REQUIRE(w.queuePane()->selectThread(fb));
    CHECK(again.panel().editor()->toPlainText() == QLatin1String("Gentile cliente, le scriviamo"));
    CHECK(again.panel().armedKind() == DecisionKind::ReplyPrivate);
}

TEST_CASE("the saved-replies page adds, refuses bad ones, and imports with clear errors", "[ui][composer][settings]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    ManualClock clock(kStart);
    ui::SavedRepliesPage page(*cache.db, clock);
    const int before = page.model()->rowCount();
    REQUIRE(before > 0);
    page.newReply();
    page.codeField()->setText(QStringLiteral("grandine"));
    page.titleField()->setText(QStringLiteral("Grandine"));
    page.bodyField()->setPlainText(QStringLiteral("Ciao {nome}"));
    CHECK_FALSE(page.saveReply());
    CHECK(page.status().contains(QLatin1String("Unknown variable {nome}")));
    page.bodyField()->setPlainText(QStringLiteral("Ciao {customer_name}, la grandine è coperta."));
    CHECK(page.saveReply());
    CHECK(page.model()->rowCount() == before + 1);
    CHECK(page.view()->currentIndex().data().toString() == QLatin1String("::grandine"));
    CHECK(page.deleteReply());
    CHECK(page.model()->rowCount() == before);

    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("replies.json"));
    CHECK(page.exportFile(exported));
    CHECK(page.importFile(exported));
    CHECK(page.status().contains(QLatin1String("0 new")));
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile file(bad);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"format":"sportello-saved-replies","version":1,"replies":[{"code":"x","title":"X","language":"fr","body":"y"}]})");
    file.close();
    CHECK_FALSE(page.importFile(bad));
    CHECK(page.status().contains(QLatin1String("was not imported")));
    CHECK(page.status().contains(QLatin1String("replies[0]")));
    CHECK(page.model()->rowCount() == before);
}

TEST_CASE("the saved-replies page refuses a pipe or a device to import by name, without reading it",
          "[ui][composer][settings][files]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    ManualClock clock(kStart);
    ui::SavedRepliesPage page(*cache.db, clock);
    QTemporaryDir dir;
    // A pipe whose writer has written already: read by mistake, it would not freeze the test.
    const QString fifo = dir.filePath(QStringLiteral("replies.json"));
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const int holder = ::open(QFile::encodeName(fifo).constData(), O_RDWR | O_NONBLOCK);
    REQUIRE(holder >= 0);
    REQUIRE(::write(holder, "{}", 2) == 2);
    const std::pair<QString, const char *> inputs[] = {{fifo, "named pipe"}, {QStringLiteral("/dev/zero"), "device"}};
    for (const auto &[path, what] : inputs) {
        CHECK_FALSE(page.importFile(path));
        INFO(page.status().toStdString());
        CHECK(page.status().contains(path));
        CHECK(page.status().contains(QLatin1String(what)));
    }
    char buffer[8] = {};
    CHECK(::read(holder, buffer, sizeof buffer) == 2); // nobody read from the pipe
    ::close(holder);
}

TEST_CASE("a draft is stored while the agent types on without a pause", "[ui][composer][drafts]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    w.setDraftSaveDelay(150);
    REQUIRE(w.queuePane()->selectThread(threadId(*w.database(), "fb")));
    c.key(Qt::Key_2, Qt::ControlModifier);
    // A key every 20 ms, never a pause as long as the delay: the draft is stored all the same,
    // while the agent is still typing.
    bool stored = false;
    for (int keys = 0; keys < 200 && !stored; ++keys) {
        c.type(QStringLiteral("a"));
        QTest::qWait(20); // the agent's pace, not a wait for the result
        stored = scalar(*w.database(), QStringLiteral("SELECT count(*) FROM drafts")).toInt() == 1;
    }
    CHECK(stored);
    // What is stored is what had been typed when it was stored: nothing lost, nothing stale.
    const QString draft = scalar(*w.database(), QStringLiteral("SELECT text FROM drafts")).toString();
    CHECK_FALSE(draft.isEmpty());
    CHECK(draft == QString(draft.size(), QLatin1Char('a')));
    CHECK(c.panel().editor()->toPlainText().startsWith(draft));
}

TEST_CASE("a draft survives losing the console without closing it", "[ui][composer][drafts]")
{
    TempCache cache;
    const QString path = cache.path;
    qint64 fb = 0;
    {
        Console c(threeThreads(cache));
        MainWindow &w = *c.window;
        w.setDraftSaveDelay(100);
        fb = threadId(*w.database(), "fb");
        REQUIRE(w.queuePane()->selectThread(fb));
        c.key(Qt::Key_2, Qt::ControlModifier);
        c.type(QStringLiteral("Le scriviamo subito"));
        // Another connection to the file sees it on disk while the console still runs.
        auto other = openCache(path);
        REQUIRE(other.ok());
        REQUIRE(QTest::qWaitFor(
            [&] { return scalar(*other.value(), QStringLiteral("SELECT count(*) FROM drafts")).toInt() == 1; }, 3000));
        // Gone without closeEvent (no last save), as after a crash.
        c.window.reset();
    }
    auto reopened = openCache(path);
    REQUIRE(reopened.ok());
    Console again(std::move(reopened).value());
    REQUIRE(again.window->queuePane()->selectThread(fb));
    CHECK(again.panel().editor()->toPlainText() == QLatin1String("Le scriviamo subito"));
}

TEST_CASE("a saved reply chosen after the thread changed under the picker is not inserted anywhere", "[ui][composer]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    Database &db = *w.database();
    const qint64 fb = threadId(db, "fb");
    const qint64 x = threadId(db, "x");
    REQUIRE(w.queuePane()->selectThread(fb));
    c.key(Qt::Key_2, Qt::ControlModifier);
    c.type(QStringLiteral("Buongiorno, "));
    whenModal(&w, [&](QWidget *dialog) {
        // While the list is open, a refresh shows another thread.
        REQUIRE(w.queuePane()->selectThread(x));
        QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
    });
    c.key(Qt::Key_T, Qt::ControlModifier);
    CHECK(c.panel().threadId() == x);
    CHECK(c.panel().editor()->toPlainText().isEmpty());
    CHECK(c.panel().message().contains(QLatin1String("thread changed")));
    // The first thread's draft is what the agent had typed.
    w.saveDraft();
    CHECK(scalar(db, QStringLiteral("SELECT text FROM drafts WHERE thread_id = %1").arg(fb)).toString() ==
          QLatin1String("Buongiorno, "));
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM drafts WHERE thread_id = %1").arg(x)).toInt() == 0);
}

TEST_CASE(
    "findings seen while typing are not audited as blocks, a refused confirmation is, with spans of the stored text",
    "[ui][composer][guard]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    Database &db = *c.window->database();
    ui::TriagePanel &panel = c.panel();

    SECTION("typed and removed before confirming: no block")
    {
        REQUIRE(c.window->queuePane()->selectThread(threadId(db, "fb")));
        c.key(Qt::Key_1, Qt::ControlModifier);
        c.type(QStringLiteral("Ci chiami al 347 555 0199"));
        REQUIRE(panel.findings().size() == 1);
        for (int i = 0; i < 12; ++i)
            c.key(Qt::Key_Backspace);
        c.type(QStringLiteral("numero verde."));
        c.key(Qt::Key_Return, Qt::ControlModifier);
        CHECK(scalar(db, QStringLiteral("SELECT kind FROM decisions")).toString() == QLatin1String("reply_public"));
        CHECK(
            scalar(db, QStringLiteral(
                           "SELECT json_extract(details, '$.guard.blocked') FROM audit_log WHERE action = 'decision'"))
                .isNull());
    }
    SECTION("refused, then switched: the spans are those of the trimmed text")
    {
        REQUIRE(c.window->queuePane()->selectThread(threadId(db, "x")));
        c.key(Qt::Key_1, Qt::ControlModifier);
        c.type(QStringLiteral("   Call 347 555 0199"));
        c.key(Qt::Key_Return, Qt::ControlModifier);
        c.key(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        c.key(Qt::Key_Return, Qt::ControlModifier);
        CHECK(scalar(db, QStringLiteral("SELECT text FROM decisions")).toString() ==
              QLatin1String("Call 347 555 0199"));
        CHECK(scalar(db, QStringLiteral("SELECT json_extract(details, '$.guard.blocked[0].start') FROM audit_log WHERE "
                                        "action = 'decision'"))
                  .toInt() == 5);
    }
}

TEST_CASE("forwarding, the agent writes the customer's message and the case reference fills it",
          "[ui][composer][forward]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    Database &db = *w.database();
    ui::TriagePanel &panel = c.panel();
    REQUIRE(w.queuePane()->selectThread(threadId(db, "fb")));
    c.key(Qt::Key_3, Qt::ControlModifier);
    REQUIRE(panel.customerEditor()->isVisible());
    c.type(QStringLiteral("Cliente molto arrabbiato"));
    panel.customerEditor()->setFocus(Qt::OtherFocusReason);
    c.type(QStringLiteral("::fwd"));
    c.key(Qt::Key_Space);
    const QString message = panel.customerEditor()->toPlainText();
    INFO(message.toStdString());
    CHECK(message.contains(QLatin1String("(riferimento {case_reference})")));
    CHECK(panel.editor()->toPlainText() == QLatin1String("Cliente molto arrabbiato"));
    // In public, personal data in the message blocks the forward like a public reply.
    panel.customerKindCombo()->setCurrentIndex(panel.customerKindCombo()->findData(int(DecisionKind::ReplyPublic)));
    c.type(QStringLiteral(" Tel 347 555 0199"));
    CHECK(panel.findings().size() == 1);
    c.key(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier); // the message goes privately
    CHECK(panel.findings().isEmpty());
    CHECK(panel.armedKind() == DecisionKind::Forward);
    c.key(Qt::Key_Return, Qt::ControlModifier);
    const QString reference =
        scalar(db, QStringLiteral("SELECT case_reference FROM outbox WHERE case_reference IS NOT NULL")).toString();
    REQUIRE(reference.startsWith(QLatin1String("SPT-")));
    const QString sent =
        scalar(db, QStringLiteral("SELECT o.text FROM outbox o JOIN decisions d ON d.id = o.decision_id "
                                  "WHERE d.kind = 'reply_private'"))
            .toString();
    CHECK(sent.contains(QStringLiteral("(riferimento %1)").arg(reference)));
    CHECK(scalar(db, QStringLiteral("SELECT text FROM decisions WHERE kind = 'forward'")).toString() ==
          QLatin1String("Cliente molto arrabbiato"));
}

TEST_CASE("new posts after a sync and a changed guard configuration reach the composer", "[ui][composer][guard]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    Database &db = *w.database();
    ui::TriagePanel &panel = c.panel();
    REQUIRE(w.queuePane()->selectThread(threadId(db, "x")));
    c.key(Qt::Key_1, Qt::ControlModifier);
    c.type(QStringLiteral("Your contract AS204518832"));
    CHECK(panel.exposedFindings().isEmpty());
    CHECK(panel.findings().isEmpty());

    // The customer writes again, in public, with an e-mail address: the sync brings it.
    ingest(db, {inboundPost(QStringLiteral("x"), QStringLiteral("x-2"), kStart + 10 * kMinute,
                            QStringLiteral("Write me at john.smith77@example.com"), Channel::X)});
    w.refreshAfterSync();
    CHECK(panel.exposedFindings().size() == 1);
    CHECK(panel.editor()->toPlainText() == QLatin1String("Your contract AS204518832")); // the reply is kept
    CHECK(panel.armedKind() == DecisionKind::ReplyPublic);

    // Compliance stores the company's contract pattern from the command line: the console applies it.
    GuardConfig config;
    config.patterns.push_back(
        {FindingKind::PolicyNumber, QStringLiteral("\\bAS\\d{9}\\b"), QStringLiteral("contracts")});
    REQUIRE(GuardConfig::save(db.connection(), config).ok());
    w.reloadGuardIfChanged();
    CHECK(panel.findings().size() == 1);
}

TEST_CASE("the panel emits the complete decision, and a refusal puts the focus on the field to fix",
          "[ui][composer][panel]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    Database &db = *w.database();
    const qint64 x = threadId(db, "x");
    REQUIRE(w.queuePane()->selectThread(x));
    ui::TriagePanel &panel = c.panel();
    QSignalSpy confirmed(&panel, &ui::TriagePanel::confirmRequested);

    // Nothing armed: the panel says what is missing and asks nothing of the console.
    panel.requestConfirm();
    CHECK(confirmed.isEmpty());
    CHECK(panel.message().contains(QLatin1String("Choose a decision first")));

    // A close without its reason goes out complete; the core refuses it, and the focus goes to
    // the reason, where the agent can fix it.
    c.key(Qt::Key_4, Qt::ControlModifier);
    panel.reasonCombo()->setCurrentIndex(-1);
    panel.editor()->setPlainText(QStringLiteral("Nota interna"));
    panel.editor()->setFocus(Qt::OtherFocusReason);
    c.key(Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(confirmed.size() == 1);
    DecisionRequest request = confirmed.first().first().value<DecisionRequest>();
    CHECK(request.threadId == x);
    CHECK(request.kind == DecisionKind::Close);
    CHECK_FALSE(request.closeReason.has_value());
    CHECK(request.text == QLatin1String("Nota interna"));
    CHECK(request.category == Category::Assistance);
    CHECK(QApplication::focusWidget() == panel.reasonCombo());
    CHECK_FALSE(panel.message().isEmpty());
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);

    // A public reply: what the agent set is in the request, and the console records it.
    c.key(Qt::Key_1, Qt::ControlModifier);
    panel.editor()->setPlainText(QStringLiteral("Thanks, we are looking into it."));
    panel.editor()->setFocus(Qt::OtherFocusReason);
    c.key(Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(confirmed.size() == 2);
    request = confirmed.last().first().value<DecisionRequest>();
    CHECK(request.threadId == x);
    CHECK(request.kind == DecisionKind::ReplyPublic);
    CHECK(request.text == QLatin1String("Thanks, we are looking into it."));
    CHECK(request.category == Category::Assistance);
    CHECK(request.guard.isEmpty());
    CHECK(scalar(db, QStringLiteral("SELECT kind FROM decisions WHERE thread_id = %1").arg(x)).toString() ==
          QLatin1String("reply_public"));
}

TEST_CASE("the channel counter is read whole, in English and Italian, at the panel's default and minimum widths",
          "[ui][composer]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    ui::TriagePanel &panel = c.panel();
    auto *splitter = w.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    REQUIRE(splitter != nullptr);
    // The triage panel is the last pane (the customer card stands between it and the conversation).
    const int panelIndex = splitter->indexOf(&panel);
    REQUIRE(panelIndex == splitter->count() - 1);
    // The in-app message: the longest counter ("in-app message: … characters, no limit on this channel").
    REQUIRE(w.queuePane()->selectThread(threadId(*w.database(), "app")));
    c.key(Qt::Key_2, Qt::ControlModifier);
    c.type(QStringLiteral("Gentile cliente, la sua polizza casa scade il 31 marzo."));
    QLabel *counter = panel.counterLabel();
    REQUIRE(counter->isVisible());

    const int defaultWidth = panel.width();
    REQUIRE(panel.minimumWidth() > 0);
    REQUIRE(panel.minimumWidth() <= defaultWidth);
    for (const char *language : {"en", "it"}) {
        ui::applyLanguage(QString::fromLatin1(language));
        for (const int width : {defaultWidth, panel.minimumWidth()}) {
            QList<int> sizes = splitter->sizes();
            sizes[1] += sizes[panelIndex] - width;
            sizes[panelIndex] = width;
            splitter->setSizes(sizes);
            QApplication::processEvents(); // the layout follows
            INFO(language << " at " << panel.width() << " px: " << counter->text().toStdString());
            REQUIRE(panel.width() == width);
            CHECK(counter->text().contains(QLatin1String(language[0] == 'e' ? "in-app message" : "messaggio in-app")));
            // No line of the text is wider than the label, and the label is as tall as its lines.
            CHECK(counter->minimumSizeHint().width() <= counter->contentsRect().width());
            if (counter->hasHeightForWidth())
                CHECK(counter->heightForWidth(counter->width()) <= counter->height());
            CHECK(counter->geometry().left() >= 0);
            CHECK(counter->geometry().right() < panel.width());
        }
    }
    ui::applyLanguage(QStringLiteral("en"));
}

TEST_CASE("the agent marks a finding as not personal data by keyboard, which enables Confirm and is audited",
          "[ui][composer][guard][override]")
{
    TempCache cache;
    Console c(threeThreads(cache));
    MainWindow &w = *c.window;
    Database &db = *w.database();
    REQUIRE(w.queuePane()->selectThread(threadId(db, "fb")));
    ui::TriagePanel &panel = c.panel();
    c.key(Qt::Key_1, Qt::ControlModifier);

    // A tax code: no override offered, the reason says why.
    c.type(QStringLiteral("RSSMRA85T10A562S"));
    REQUIRE(panel.findings().size() == 1);
    CHECK(panel.notPersonalDataButton()->isHidden());
    CHECK(panel.guardLabel()->text().contains(QLatin1String("checksum")));
    CHECK(panel.overrideTargets().isEmpty());
    for (int i = 0; i < 16; ++i)
        c.key(Qt::Key_Backspace);

    // The office's own number, which the company has not configured: the guard is wrong.
    c.type(QStringLiteral("Risponde lo 06 4567 8901 dalle 9 alle 18, chieda di Sportello Auto."));
    REQUIRE(panel.findings().size() == 1);
    REQUIRE(panel.findings()[0].kind == FindingKind::Phone);
    CHECK_FALSE(panel.confirmButton()->isEnabled());
    CHECK_FALSE(panel.notPersonalDataButton()->isHidden());
    CHECK_FALSE(panel.notPersonalDataButton()->accessibleName().isEmpty());

    // Tab to "Not Personal Data…", Space, the reason, Enter.
    for (int i = 0; i < 12 && QApplication::focusWidget() != panel.notPersonalDataButton(); ++i)
        c.key(Qt::Key_Tab);
    REQUIRE(QApplication::focusWidget() == panel.notPersonalDataButton());
    bool asked = false;
    whenModal(&w, [&asked](QWidget *dialog) {
        asked = dialog->objectName() == QLatin1String("notPersonalDataDialog");
        auto *field = dialog->findChild<QLineEdit *>();
        REQUIRE(field);
        QTest::keyClicks(field, QStringLiteral("the office's number"));
        QTest::keyClick(field, Qt::Key_Return);
    });
    c.key(Qt::Key_Space);
    CHECK(asked);
    // The dialog closed: the console is the active window again (offscreen, say so).
    QApplication::setActiveWindow(&w);
    REQUIRE(QTest::qWaitForWindowActive(&w));
    CHECK(QApplication::focusWidget() == panel.confirmButton());
    REQUIRE(panel.overriddenFindings().size() == 1);
    CHECK(panel.confirmButton()->isEnabled());
    CHECK(panel.blockedReason().isEmpty());
    CHECK(panel.guardLabel()->text().contains(QLatin1String("Marked not personal data: phone number")));
    CHECK(panel.notPersonalDataButton()->isHidden());
    REQUIRE(panel.editor()->extraSelections().size() == 1);
    CHECK(panel.editor()->extraSelections()[0].format.fontStrikeOut());
    if (const QString shot = qEnvironmentVariable("SPORTELLO_OVERRIDE_SCREENSHOT"); !shot.isEmpty())
        CHECK(panel.grab().save(shot));

    // Text typed before the number moves its span: the mark is dropped.
    panel.editor()->setFocus();
    c.key(Qt::Key_Home, Qt::ControlModifier);
    c.type(QStringLiteral("Salve. "));
    CHECK(panel.overriddenFindings().isEmpty());
    CHECK_FALSE(panel.confirmButton()->isEnabled());

    // Marked again (the dialog's answer), then Ctrl+Enter sends it, with the override audited.
    REQUIRE(panel.overrideFindings(panel.overrideTargets(), QStringLiteral("the office's number")));
    CHECK(panel.confirmButton()->isEnabled());
    c.key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(scalar(db, QStringLiteral("SELECT kind FROM decisions")).toString() == QLatin1String("reply_public"));
    CHECK(scalar(db, QStringLiteral("SELECT details FROM audit_log WHERE action = 'guard_overridden'")).toString() ==
          QLatin1String(R"({"decision":"reply_public","kinds":["phone"],"reason":"the office's number"})"));
    CHECK(scalar(db, QStringLiteral(
                         "SELECT json_extract(details, '$.guard.choice') FROM audit_log WHERE action = 'decision'"))
              .toString() == QLatin1String("overridden"));
    CHECK(panel.overriddenFindings().isEmpty());
}
