// The console on the offscreen platform: the queue model under QAbstractItemModelTester, the
// one-second refresh of only the rows asked for, and three threads triaged by keyboard alone.
#include "ConsoleFixture.h"
#include "DamagedCache.h"
#include "FileChecks.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "MainWindow.h"
#include "Startup.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Format.h"
#include "common/Language.h"
#include "common/TimerContext.h"
#include "models/QueueModel.h"
#include "storage/Sql.h"
#include "timers/ResponseTimers.h"
#include "triage/TriageService.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLocalServer>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace sportello;
using namespace sportello::test;
using sportello::ui::MainWindow;
using sportello::ui::QueueModel;

namespace {

constexpr qint64 kMinute = 60 * 1000;
// 2026-03-02T08:00:00Z (a plain constant: utcMs() may only run inside a test).
constexpr qint64 kStart = 1772438400000;

// Collects what QAbstractItemModelTester reports, so a broken model contract fails the test.
struct ModelTesterLog {
    static inline QStringList failures;
    static inline QtMessageHandler previous = nullptr;
    ModelTesterLog()
    {
        failures.clear();
        previous = qInstallMessageHandler(&handle);
    }
    ~ModelTesterLog() { qInstallMessageHandler(previous); }
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (context.category && qstrcmp(context.category, "qt.modeltest") == 0 && type >= QtWarningMsg)
            failures << message;
        else if (previous)
            previous(type, context, message);
    }
};

// `count` threads of one inbound post each, a minute apart, over the six channels; every
// seventh mentions hail ("grandine") for the search.
void fillQueue(Database &db, int count)
{
    const QList<Channel> channels{Channel::Facebook, Channel::Instagram,  Channel::X,
                                  Channel::AppStore, Channel::GooglePlay, Channel::InApp};
    QVector<PostRecord> posts;
    for (int i = 0; i < count; ++i) {
        const QString thread = QStringLiteral("t%1").arg(i, 4, 10, QLatin1Char('0'));
        const QString text = i % 7 == 0 ? QStringLiteral("Danni da grandine sull'auto, polizza %1").arg(i)
                                        : QStringLiteral("Domanda numero %1 sulla polizza").arg(i);
        PostRecord p = inboundPost(thread, thread + QStringLiteral("-1"), kStart + i * kMinute, text,
                                   channels.at(i % channels.size()));
        p.category = i % 3 == 0 ? Category::Complaint : (i % 3 == 1 ? Category::Assistance : Category::NonNegative);
        posts << p;
    }
    ingest(db, posts);
}

QVector<qint64> loadedThreadIds(const QueueModel &model)
{
    QVector<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids << model.threadIdAt(r);
    return ids;
}

} // namespace

TEST_CASE("the queue model pages with fetchMore and re-queries SQL on sort and filter", "[ui][model]")
{
    TempCache cache;
    fillQueue(*cache.db, 450);
    ManualClock clock(kStart + 500 * kMinute);
    ModelTesterLog log;

    ui::TimerContext timers(clock);
    QueueModel model(timers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setDatabase(cache.db.get());

    SECTION("paging")
    {
        CHECK(model.rowCount() == QueueModel::kDefaultPageSize);
        REQUIRE(model.canFetchMore({}));
        model.fetchMore({});
        CHECK(model.rowCount() == 400);
        model.fetchMore({});
        CHECK(model.rowCount() == 450);
        CHECK_FALSE(model.canFetchMore({}));
        // Most urgent first: the due times never decrease, and no thread appears twice.
        const QVector<qint64> ids = loadedThreadIds(model);
        CHECK(QSet<qint64>(ids.begin(), ids.end()).size() == 450);
        for (int r = 1; r < model.rowCount(); ++r)
            REQUIRE(model.index(r - 1, 0).data(QueueModel::DueAtRole).toLongLong() <=
                    model.index(r, 0).data(QueueModel::DueAtRole).toLongLong());
        CHECK(model.index(0, QueueModel::TimeLeftColumn).data().toString().startsWith(QLatin1String("overdue ")));
    }

    SECTION("sorting resets the model and orders in SQL")
    {
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.sort(QueueModel::AgeColumn, Qt::AscendingOrder); // youngest first
        CHECK(resets.count() == 1);
        CHECK(model.rowCount() == QueueModel::kDefaultPageSize);
        CHECK(model.index(0, 0).data(QueueModel::WaitingSinceRole).toLongLong() == kStart + 449 * kMinute);

        model.sort(QueueModel::ChannelColumn, Qt::DescendingOrder);
        CHECK(resets.count() == 2);
        while (model.canFetchMore({}))
            model.fetchMore({});
        CHECK(model.rowCount() == 450);
        for (int r = 1; r < model.rowCount(); ++r)
            REQUIRE(model.index(r - 1, 0).data(QueueModel::ChannelRole).toString() >=
                    model.index(r, 0).data(QueueModel::ChannelRole).toString());

        // A column without an SQL order is not sorted (and the model is not reset).
        model.sort(QueueModel::PostColumn, Qt::AscendingOrder);
        CHECK(resets.count() == 2);
    }

    SECTION("filters reset the model and run in SQL, search through FTS")
    {
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QueueFilter filter;
        filter.channel = Channel::X;
        model.setFilter(filter);
        CHECK(resets.count() == 1);
        CHECK(model.rowCount() == 75);
        CHECK_FALSE(model.canFetchMore({}));
        for (int r = 0; r < model.rowCount(); ++r)
            REQUIRE(model.index(r, 0).data(QueueModel::ChannelRole).toString() == QLatin1String("x"));

        filter = {};
        filter.search = QStringLiteral("grand");
        model.setFilter(filter);
        CHECK(model.rowCount() == 65); // i % 7 == 0 for i < 450

        filter.category = Category::Complaint;
        model.setFilter(filter);
        CHECK(model.rowCount() == 22); // i % 21 == 0

        filter = {};
        filter.status.reset(); // every status
        model.setFilter(filter);
        CHECK(model.rowCount() == QueueModel::kDefaultPageSize);
        CHECK(model.canFetchMore({}));
    }

    SECTION("a decided thread leaves the waiting queue and paging stays aligned")
    {
        const qint64 first = model.threadIdAt(0);
        TriageService triage(*cache.db, clock, {QStringLiteral("a1"), QStringLiteral("Marta Verdi")});
        REQUIRE(triage.decide({first, DecisionKind::Close, {}, CloseReason::Spam, {}}).ok());
        CHECK(model.refreshThread(first));
        CHECK(model.rowCount() == QueueModel::kDefaultPageSize - 1);
        CHECK(model.rowOfThread(first) == -1);
        while (model.canFetchMore({}))
            model.fetchMore({});
        const QVector<qint64> ids = loadedThreadIds(model);
        CHECK(ids.size() == 449);
        CHECK(QSet<qint64>(ids.begin(), ids.end()).size() == 449);
    }

    INFO(log.failures.join(QLatin1Char('\n')).toStdString());
    CHECK(log.failures.isEmpty());
}

TEST_CASE("refreshTimes announces only the rows asked for, and only the two time columns", "[ui][model]")
{
    TempCache cache;
    fillQueue(*cache.db, 30);
    ManualClock clock(kStart + 40 * kMinute);
    ui::TimerContext timers(clock);
    QueueModel model(timers);
    model.setDatabase(cache.db.get());
    REQUIRE(model.rowCount() == 30);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QString before = model.index(7, QueueModel::TimeLeftColumn).data().toString();
    clock.advanceMs(2 * kMinute);
    model.refreshTimes(5, 9);
    REQUIRE(changed.count() == 1);
    const auto topLeft = changed.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = changed.at(0).at(1).value<QModelIndex>();
    CHECK(topLeft.row() == 5);
    CHECK(bottomRight.row() == 9);
    CHECK(topLeft.column() == QueueModel::AgeColumn);
    CHECK(bottomRight.column() == QueueModel::TimeLeftColumn);
    // The text follows the clock; nothing is counted in memory.
    CHECK(model.index(7, QueueModel::TimeLeftColumn).data().toString() != before);

    // Rows outside the model are clamped; an empty range announces nothing.
    changed.clear();
    model.refreshTimes(25, 100);
    REQUIRE(changed.count() == 1);
    CHECK(changed.at(0).at(1).value<QModelIndex>().row() == 29);
    changed.clear();
    model.refreshTimes(9, 5);
    CHECK(changed.isEmpty());

    // A second in which no text changes ("42 min" stays "42 min") announces nothing, so nothing
    // is repainted; the minute after, the rows come back. (Half a minute in, so that one second
    // crosses no minute.)
    clock.advanceMs(30 * 1000);
    model.refreshTimes(0, 29);
    changed.clear();
    clock.advanceMs(1000);
    model.refreshTimes(10, 20);
    CHECK(changed.isEmpty());
    clock.advanceMs(kMinute);
    model.refreshTimes(10, 20);
    REQUIRE(changed.count() == 1);
    CHECK(changed.at(0).at(0).value<QModelIndex>().row() == 10);
    CHECK(changed.at(0).at(1).value<QModelIndex>().row() == 20);
    clock.setNowMs(kStart + 40 * kMinute);

    // Overdue is said in words and with an icon, not only in red.
    // Row 0 is due first: t0002, non-negative (60 business minutes from 08:02Z, office hours).
    clock.setNowMs(kStart + 75 * kMinute);
    const QModelIndex overdue = model.index(0, QueueModel::TimeLeftColumn);
    CHECK(overdue.data().toString() == QLatin1String("overdue 13 min"));
    CHECK_FALSE(overdue.data(Qt::DecorationRole).value<QIcon>().isNull());
    CHECK(overdue.data(QueueModel::TimerStateRole).toInt() == int(TimerState::Overdue));
}

namespace {

// A console on `threads` queued threads (see fillQueue), with their order when it opened.
struct QueueConsole : ConsoleFixture {
    QVector<qint64> order; // thread ids, most urgent first

    explicit QueueConsole(int threads) : ConsoleFixture([threads](Database &db) { fillQueue(db, threads); }, options())
    {
        for (int r = 0; r < window->queueModel()->rowCount(); ++r)
            order << window->queueModel()->threadIdAt(r);
    }
    static ConsoleOptions options()
    {
        ConsoleOptions o;
        o.nowMs = kStart + 20 * kMinute;
        return o;
    }
};

} // namespace

TEST_CASE("three threads are triaged by keyboard alone and stored with audit and outbox", "[ui][gui]")
{
    QueueConsole f(8);
    MainWindow &w = *f.window;
    ui::TriagePanel *panel = w.triagePanel();
    QTableView *queue = w.queuePane()->view();
    REQUIRE(f.order.size() == 8);
    REQUIRE(w.currentThreadId() == f.order[0]);
    CHECK(QApplication::focusWidget() == queue);

    struct Step {
        Qt::Key digit;
        DecisionKind kind;
        QString text;
        Qt::Key confirm;
    };
    const Step steps[] = {
        {Qt::Key_1, DecisionKind::ReplyPublic, QStringLiteral("Thank you, we are checking your claim now."),
         Qt::Key_Return},
        {Qt::Key_2, DecisionKind::ReplyPrivate, QStringLiteral("Please send us your policy number here."),
         Qt::Key_Return},
        {Qt::Key_3, DecisionKind::Forward, QStringLiteral("Customer asks for a callback about a refund."),
         Qt::Key_Enter},
    };
    for (int i = 0; i < 3; ++i) {
        const Step &s = steps[i];
        INFO("decision " << i + 1);
        REQUIRE(w.currentThreadId() == f.order[i]);
        f.key(s.digit, Qt::ControlModifier); // choose: the decision is armed, the editor takes the keys
        CHECK(panel->armedKind() == s.kind);
        CHECK(panel->button(s.kind)->isChecked());
        CHECK(QApplication::focusWidget() == panel->editor());
        f.type(s.text);
        f.clock.advanceMs(kMinute);
        f.key(s.confirm, Qt::ControlModifier); // confirm
        INFO(panel->message().toStdString());
        // The thread left the queue, the next one is selected, the editor is clear, the queue has the keys.
        CHECK(w.queueModel()->rowOfThread(f.order[i]) == -1);
        CHECK(w.queueModel()->rowCount() == 8 - (i + 1));
        CHECK(w.currentThreadId() == f.order[i + 1]);
        CHECK(w.queuePane()->currentThreadId() == f.order[i + 1]);
        CHECK(queue->selectionModel()->isRowSelected(0, {}));
        CHECK(panel->editor()->toPlainText().isEmpty());
        CHECK_FALSE(panel->armedKind().has_value());
        CHECK(QApplication::focusWidget() == queue);
        // The status-bar counts follow each decision without a full count, and agree with one.
        auto counted = QueueQuery(f.db()).counts(f.clock.nowMs());
        REQUIRE(counted.ok());
        CHECK(w.counts().waiting == counted->waiting);
        CHECK(w.counts().dueSoon == counted->dueSoon);
        CHECK(w.counts().overdue == counted->overdue);
    }

    Database &db = f.db();
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT thread_id, kind, text, agent_name FROM decisions ORDER BY decided_at")));
    for (int i = 0; i < 3; ++i) {
        REQUIRE(q.next());
        CHECK(q.value(0).toLongLong() == f.order[i]);
        CHECK(q.value(1).toString() == toId(steps[i].kind));
        CHECK(q.value(2).toString() == steps[i].text);
        CHECK(q.value(3).toString() == QLatin1String("Marta Verdi"));
    }
    CHECK_FALSE(q.next());
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'decision' AND "
                                    "agent_name = 'Marta Verdi' AND decision_id IS NOT NULL"))
              .toInt() == 3);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM outbox o JOIN decisions d ON d.id = o.decision_id "
                                    "WHERE o.state = 'pending'"))
              .toInt() == 3);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting'")).toInt() == 5);
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(f.order[0])).toString() ==
          QLatin1String("answered"));
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(f.order[1])).toString() ==
          QLatin1String("answered"));
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(f.order[2])).toString() ==
          QLatin1String("forwarded"));
}

TEST_CASE("the keyboard moves, searches, cancels, closes with a reason and reports errors", "[ui][gui]")
{
    QueueConsole f(8);
    MainWindow &w = *f.window;
    ui::TriagePanel *panel = w.triagePanel();
    QTableView *queue = w.queuePane()->view();

    SECTION("moving through the queue")
    {
        f.key(Qt::Key_J, Qt::ControlModifier);
        CHECK(w.currentThreadId() == f.order[1]);
        f.key(Qt::Key_Down);
        CHECK(w.currentThreadId() == f.order[2]);
        f.key(Qt::Key_K, Qt::ControlModifier);
        CHECK(w.currentThreadId() == f.order[1]);
        f.key(Qt::Key_Up);
        CHECK(w.currentThreadId() == f.order[0]);
    }

    SECTION("searching goes through the FTS query after a pause, Enter returns to the results")
    {
        f.key(Qt::Key_L, Qt::ControlModifier);
        REQUIRE(QApplication::focusWidget() == w.queuePane()->searchField());
        f.type(QStringLiteral("grandine"));
        CHECK(w.queueModel()->rowCount() == 8); // not yet: the search waits for a pause in typing
        REQUIRE(QTest::qWaitFor([&] { return w.queueModel()->rowCount() == 2; }, 2000)); // threads 0 and 7
        f.key(Qt::Key_Return);
        CHECK(QApplication::focusWidget() == queue);
        // The first result is selected: t0000, a complaint due before t0007, an assistance request.
        CHECK(w.currentThreadId() ==
              scalar(f.db(), QStringLiteral("SELECT id FROM threads WHERE external_id = 't0000'")).toLongLong());
        f.key(Qt::Key_F3);
        CHECK(QApplication::focusWidget() == w.queuePane()->searchField());
    }

    SECTION("an empty reply is refused with a message, Esc disarms and keeps the thread")
    {
        f.key(Qt::Key_1, Qt::ControlModifier);
        f.key(Qt::Key_Return, Qt::ControlModifier);
        CHECK_FALSE(panel->message().isEmpty());
        CHECK(w.currentThreadId() == f.order[0]);
        CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
        CHECK(QApplication::focusWidget() == panel->editor());
        f.key(Qt::Key_Escape);
        CHECK_FALSE(panel->armedKind().has_value());
        CHECK(QApplication::focusWidget() == queue);
        // Confirming with nothing armed says what to do.
        f.key(Qt::Key_Return, Qt::ControlModifier);
        CHECK(panel->message().contains(QLatin1String("Ctrl+1")));
    }

    SECTION("close without reply takes its reason from the keyboard")
    {
        f.key(Qt::Key_4, Qt::ControlModifier);
        CHECK(panel->armedKind() == DecisionKind::Close);
        REQUIRE(QApplication::focusWidget() == panel->reasonCombo());
        f.key(Qt::Key_Return, Qt::ControlModifier); // no reason yet
        CHECK_FALSE(panel->message().isEmpty());
        CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
        REQUIRE(QApplication::focusWidget() == panel->reasonCombo());
        f.key(Qt::Key_Down); // Spam
        f.key(Qt::Key_Down); // No answer needed
        f.key(Qt::Key_Return, Qt::ControlModifier);
        CHECK(scalar(f.db(), QStringLiteral("SELECT kind || ':' || close_reason FROM decisions")).toString() ==
              QLatin1String("close:no_answer_needed"));
        CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);
        CHECK(w.currentThreadId() == f.order[1]);
    }

    SECTION("a category change is recorded and audited")
    {
        const QString before =
            scalar(f.db(), QStringLiteral("SELECT category FROM threads WHERE id = %1").arg(f.order[0])).toString();
        panel->categoryCombo()->setFocus();
        f.key(before == QLatin1String("assistance") ? Qt::Key_Up : Qt::Key_Down);
        const QString after =
            scalar(f.db(), QStringLiteral("SELECT category FROM threads WHERE id = %1").arg(f.order[0])).toString();
        CHECK(after != before);
        CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'category_changed'"))
                  .toInt() == 1);
    }
}

TEST_CASE("the one-second tick refreshes only the rows the queue shows", "[ui][gui]")
{
    QueueConsole f(300);
    MainWindow &w = *f.window;
    QTableView *queue = w.queuePane()->view();
    const int top = queue->rowAt(0);
    const int bottom = queue->rowAt(queue->viewport()->height() - 1);
    REQUIRE(top == 0);
    REQUIRE(bottom > 0);
    REQUIRE(bottom < w.queueModel()->rowCount() - 1);

    QSignalSpy changed(w.queueModel(), &QAbstractItemModel::dataChanged);
    w.tick();
    REQUIRE(changed.count() == 1);
    CHECK(changed.at(0).at(0).value<QModelIndex>().row() == top);
    CHECK(changed.at(0).at(1).value<QModelIndex>().row() == bottom);
}

TEST_CASE("File > Import stores the file, reports it and refreshes the queue", "[ui][gui]")
{
    QueueConsole f(3);
    MainWindow &w = *f.window;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("two-threads.jsonl"));
    {
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"channel":"x","thread_id":"imp-1","post_id":"imp-1-1","author":{"id":"u1","handle":"luca.r","name":"Luca Rossi","followers":80},"direction":"inbound","visibility":"public","created_at":"2026-03-02T07:50:00Z","text":"La app non mi fa entrare, password rifiutata."})"
            "\n"
            R"({"channel":"in_app","thread_id":"imp-2","post_id":"imp-2-1","author":{"id":"u2","handle":"anna","name":"Anna Neri"},"direction":"inbound","visibility":"private","created_at":"2026-03-02T07:55:00Z","text":"Quando scade la mia polizza casa?"})"
            "\n");
    }
    // The report is a modal message box: read it and close it from inside its event loop.
    QString reported;
    whenModal(&w, [&reported](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        REQUIRE(box != nullptr);
        reported = box->text() + QLatin1Char('\n') + box->informativeText();
        box->accept();
    });
    w.importPath(path);
    INFO(reported.toStdString());
    CHECK(reported.contains(QLatin1String("was imported")));
    CHECK(w.queueModel()->rowCount() == 5);
    // Both imported threads are listed (the classifier made them assistance requests, 120 minutes).
    QStringList previews;
    for (int r = 0; r < w.queueModel()->rowCount(); ++r)
        previews << w.queueModel()->index(r, QueueModel::PostColumn).data().toString();
    CHECK(previews.filter(QStringLiteral("La app")).size() == 1);
    CHECK(previews.filter(QStringLiteral("Quando scade")).size() == 1);
    CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM threads")).toInt() == 5);
}

TEST_CASE("an unsent reply is kept per thread while the agent looks elsewhere", "[ui][gui]")
{
    QueueConsole f(4);
    MainWindow &w = *f.window;
    ui::TriagePanel *panel = w.triagePanel();
    f.key(Qt::Key_2, Qt::ControlModifier);
    f.type(QStringLiteral("Draft for the first thread"));
    f.key(Qt::Key_J, Qt::ControlModifier); // Ctrl+J works from the editor too
    REQUIRE(w.currentThreadId() == f.order[1]);
    CHECK(panel->editor()->toPlainText().isEmpty());
    CHECK_FALSE(panel->armedKind().has_value());
    f.key(Qt::Key_Up, Qt::AltModifier);
    REQUIRE(w.currentThreadId() == f.order[0]);
    CHECK(panel->editor()->toPlainText() == QLatin1String("Draft for the first thread"));
    CHECK(panel->armedKind() == DecisionKind::ReplyPrivate);
}

TEST_CASE("switching the language retranslates the console in place", "[ui][gui]")
{
    QueueConsole f(3);
    MainWindow &w = *f.window;
    ui::applyLanguage(QStringLiteral("it"));
    QCoreApplication::processEvents();
    CHECK_FALSE(w.queueModel()->headerData(QueueModel::AuthorColumn, Qt::Horizontal).toString().isEmpty());
    CHECK(w.queueModel()->rowCount() == 3);
    ui::applyLanguage(QStringLiteral("en"));
    QCoreApplication::processEvents();
    CHECK(w.queueModel()->headerData(QueueModel::AuthorColumn, Qt::Horizontal).toString() == QLatin1String("Author"));
    CHECK(w.currentThreadId() == f.order[0]);
}

TEST_CASE("the triage panel shows the classifier's suggestion with its confidence and cues", "[ui][classify]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    ingest(*cache.db,
           {inboundPost(QStringLiteral("c"), QStringLiteral("c-1"), kStart,
                        QStringLiteral("Vergogna, aspetto il rimborso da tre settimane. Voglio fare reclamo!")),
            [] {
                auto p = inboundPost(QStringLiteral("g"), QStringLiteral("g-1"), kStart, QStringLiteral("Grazie!"));
                p.category = Category::NonNegative; // given by the file: nothing to suggest
                return p;
            }()});
    const QueueQuery query(*cache.db);
    ui::TriagePanel panel;
    auto *suggestion = panel.findChild<QLabel *>(QStringLiteral("classifierSuggestion"));
    REQUIRE(suggestion != nullptr);
    auto suggested =
        query.thread(scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'c'")).toLongLong());
    REQUIRE(suggested.ok());
    panel.setThread(&suggested.value());
    CHECK_FALSE(suggestion->isHidden());
    CHECK(suggestion->text().startsWith(QLatin1String("Suggested: Negative feedback / complaint")));
    CHECK(suggestion->text().contains(QLatin1String("reclamo")));
    auto given =
        query.thread(scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'g'")).toLongLong());
    REQUIRE(given.ok());
    panel.setThread(&given.value());
    CHECK(suggestion->isHidden());
}

TEST_CASE("the suggestion line separates its parts with a middle dot in every language", "[ui][classify]")
{
    TempCache cache;
    ingest(*cache.db,
           {inboundPost(QStringLiteral("c"), QStringLiteral("c-1"), kStart,
                        QStringLiteral("Vergogna, aspetto il rimborso da tre settimane. Voglio fare reclamo!"))});
    auto thread = QueueQuery(*cache.db).thread(
        scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'c'")).toLongLong());
    REQUIRE(thread.ok());
    for (const char *language : {"en", "it"}) {
        ui::applyLanguage(QString::fromLatin1(language));
        ui::TriagePanel panel;
        panel.setThread(&thread.value());
        auto *suggestion = panel.findChild<QLabel *>(QStringLiteral("classifierSuggestion"));
        REQUIRE(suggestion != nullptr);
        const QString text = suggestion->text();
        INFO(language << ": " << text.toStdString());
        REQUIRE_FALSE(suggestion->isHidden());
        // "Suggested: …, 87% sure · cues: …": a middle dot (U+00B7), not its UTF-8 bytes read as Latin-1 ("Â·").
        CHECK(text.contains(QStringLiteral(" %1 ").arg(QChar(0x00b7))));
        CHECK_FALSE(text.contains(QChar(0x00c2)));
    }
    ui::applyLanguage(QStringLiteral("en"));
}

TEST_CASE("on first run a new agent types their name and presses Enter, and the name is stored", "[ui][gui][startup]")
{
    QTemporaryDir dir;
    ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setLanguage(QStringLiteral("en"));
    REQUIRE(settings.agentName().isEmpty());
    bool closed = false;
    whenModal(qApp, [&closed](QWidget *dialog) {
        // What a new user does: type into whatever has the keys, then Enter.
        CHECK(QTest::qWaitForWindowActive(dialog));
        QWidget *keys = QApplication::focusWidget();
        CHECK(keys != nullptr);
        if (keys) {
            QTest::keyClicks(keys, QStringLiteral("Marta Verdi"));
            QTest::keyClick(keys, Qt::Key_Return);
        }
        closed = !dialog->isVisible();
        if (dialog->isVisible()) // Enter did not answer it: close it so the test goes on
            qobject_cast<QDialog *>(dialog)->reject();
    });
    CHECK(ui::askAgentName(settings));
    CHECK(closed);
    CHECK(settings.agentName() == QLatin1String("Marta Verdi"));
    // Stored in the file, for the next start.
    CHECK(ui::AppSettings(dir.filePath(QStringLiteral("settings.ini"))).agentName() == QLatin1String("Marta Verdi"));
}

TEST_CASE("the console refuses --demo together with --database, naming the cache, instead of ignoring it",
          "[ui][startup]")
{
    ui::StartupOptions options;
    options.demo = true;
    CHECK(ui::conflictingOptions(options).isEmpty());
    options.databasePath = QStringLiteral("/srv/team/cache.sqlite");
    const QString conflict = ui::conflictingOptions(options);
    CHECK(conflict.contains(QLatin1String("--demo")));
    CHECK(conflict.contains(QLatin1String("--database")));
    CHECK(conflict.contains(QDir::toNativeSeparators(options.databasePath)));
    options.demo = false;
    CHECK(ui::conflictingOptions(options).isEmpty());
}

TEST_CASE("File > Open refuses a pipe, a device or a socket by name and keeps the open cache", "[ui][gui][files]")
{
    ConsoleFixture f([](Database &) {});
    MainWindow &w = *f.window;
    const QString before = w.database()->path();
    QTemporaryDir dir;
    // A pipe whose writer has written already: opened by mistake, it would be read, not waited on.
    const QString fifo = dir.filePath(QStringLiteral("pipe.sqlite"));
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const int holder = ::open(QFile::encodeName(fifo).constData(), O_RDWR | O_NONBLOCK);
    REQUIRE(holder >= 0);
    REQUIRE(::write(holder, "not a cache", 11) == 11);
    QLocalServer socketServer;
    const QString socket = dir.filePath(QStringLiteral("socket.sqlite"));
    REQUIRE(socketServer.listen(socket));
    const std::pair<QString, const char *> targets[] = {
        {fifo, "named pipe"}, {socket, "socket"}, {QStringLiteral("/dev/null"), "device"}};
    for (const auto &[path, what] : targets) {
        QString reported;
        whenModal(&w, [&reported](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            REQUIRE(box != nullptr);
            reported = box->text() + QLatin1Char('\n') + box->informativeText();
            box->reject();
        });
        const FilesBeside beside(path);
        CHECK_FALSE(w.openCacheInteractive(path, false));
        INFO(reported.toStdString());
        CHECK(reported.contains(path));
        CHECK(reported.contains(QLatin1String(what)));
        CHECK(w.database()->path() == before);
        CHECK(beside.changed().isEmpty());
    }
    char buffer[32] = {};
    CHECK(::read(holder, buffer, sizeof buffer) == 11); // nobody read from the pipe
    ::close(holder);
}

TEST_CASE("the console opens a damaged cache read-only and says so on the window", "[ui][gui][damaged]")
{
    ConsoleFixture f([](Database &) {});
    MainWindow &w = *f.window;
    REQUIRE(w.readOnlyLabel()->isHidden());
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("damaged.sqlite"));
    writeSoundCache(path);
    const QByteArray damaged = withByte(fileBytes(path), 36, 0x7F); // the freelist count
    writeBytes(path, damaged);
    REQUIRE(w.openCacheInteractive(path, false));
    REQUIRE(w.database() != nullptr);
    CHECK(w.database()->isReadOnly());
    CHECK_FALSE(w.readOnlyLabel()->isHidden());
    CHECK(w.readOnlyLabel()->text().contains(QLatin1String("read-only")));
    CHECK(w.readOnlyLabel()->text().contains(QDir::toNativeSeparators(path)));
    CHECK(fileBytes(path) == damaged);
    // A sound cache opened next is writable, and the message goes.
    REQUIRE(w.openCacheInteractive(f.cachePath(), false));
    CHECK(w.readOnlyLabel()->isHidden());
    CHECK(fileBytes(path) == damaged);
}

// The company's disk-encryption policy (docs/privacy.md, "Data at rest"), with the disk's state
// given: this machine's own disk is whatever it is.
TEST_CASE("the console opens no cache on a disk the company requires encrypted, and warns under a warning policy",
          "[ui][gui][privacy][atrest]")
{
    using sportello::platform::DiskEncryption;
    using sportello::platform::DiskEncryptionPolicy;
    using sportello::platform::DiskEncryptionState;
    ConsoleFixture f([](Database &) {});
    MainWindow &w = *f.window;
    auto *label = w.findChild<QLabel *>(QStringLiteral("atRestLabel"));
    REQUIRE(label != nullptr);
    const QString before = w.database()->path();
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("second.sqlite"));
    writeSoundCache(path);
    QString checked;
    DiskEncryptionState state = DiskEncryptionState::NotEncrypted;
    DiskEncryptionPolicy policy = DiskEncryptionPolicy::Require;
    w.setDiskEncryptionCheck(
        [&](const QString &p) {
            checked = p;
            return DiskEncryption{state, QStringLiteral("vdz is not encrypted")};
        },
        [&] { return policy; });

    for (const DiskEncryptionState refused : {DiskEncryptionState::NotEncrypted, DiskEncryptionState::Unknown}) {
        state = refused;
        QString reported;
        whenModal(&w, [&reported](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            REQUIRE(box != nullptr);
            reported = box->text() + QLatin1Char('\n') + box->informativeText();
            box->reject();
        });
        CHECK_FALSE(w.openCacheInteractive(path, false));
        CHECK(checked == path);
        INFO(reported.toStdString());
        CHECK(reported.contains(QLatin1String("vdz is not encrypted")));
        CHECK(reported.contains(QLatin1String("requires")));
        CHECK(w.database()->path() == before);
    }

    // Encrypted: opened, no warning.
    state = DiskEncryptionState::Encrypted;
    REQUIRE(w.openCacheInteractive(path, false));
    CHECK(w.database()->path() == path);
    CHECK(label->isHidden());

    // The default policy opens it and keeps a warning in the status bar, with the reason.
    policy = DiskEncryptionPolicy::Warn;
    state = DiskEncryptionState::NotEncrypted;
    REQUIRE(w.openCacheInteractive(f.cachePath(), false));
    CHECK_FALSE(label->isHidden());
    CHECK(label->text().contains(QLatin1String("not encrypted")));
    CHECK(label->toolTip().contains(QLatin1String("vdz is not encrypted")));

    // No check at all when the company turns it off.
    policy = DiskEncryptionPolicy::Off;
    checked.clear();
    REQUIRE(w.openCacheInteractive(path, false));
    CHECK(checked.isEmpty());
    CHECK(label->isHidden());
}
