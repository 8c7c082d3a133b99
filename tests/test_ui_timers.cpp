// The response timers in the console (offscreen): the state of each timer in the queue with its
// colour, icon and words, including "outside hours" on a weekend; the working and the target in
// tooltips and in the conversation header; the warnings when timers become due soon and overdue,
// once per post and state across ticks and restarts, a large backlog walked in chunks and
// announced once; the overdue count in the window title; the policy and calendar settings
// recomputing due times; the open complaints and their clock.
#include "ConsoleFixture.h"
#include "TestSupport.h"
#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "MainWindow.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "common/Language.h"
#include "common/TimerContext.h"
#include "dialogs/CalendarEditor.h"
#include "dialogs/PolicyEditor.h"
#include "dialogs/SettingsDialog.h"
#include "models/ComplaintsModel.h"
#include "models/ConversationModel.h"
#include "models/QueueModel.h"
#include "notify/TimerNotifier.h"
#include "session/ConsoleSession.h"
#include "storage/Sql.h"
#include "timers/PolicyStore.h"
#include "timers/TimerNotifications.h"
#include "timers/TimerWatch.h"
#include "triage/TriageService.h"
#include "views/ComplaintsPane.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <functional>

using namespace sportello;
using namespace sportello::test;
using sportello::ui::MainWindow;
using sportello::ui::QueueModel;

namespace {

constexpr qint64 kMinute = 60 * 1000;

PostRecord post(const QString &thread, qint64 at, Category category, Channel channel = Channel::Facebook)
{
    PostRecord p =
        inboundPost(thread, thread + QStringLiteral("-1"), at, QStringLiteral("Buongiorno, una domanda"), channel);
    p.category = category;
    return p;
}

int rowOf(const QueueModel &model, const QString &author)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r, QueueModel::AuthorColumn).data().toString().contains(author))
            return r;
    return -1;
}

// A console on a cache file that outlives it, so that a second console can open it again; its
// `announced` spy holds the notifier's announcements since it opened.
struct Console : ConsoleFixture {
    Console(const QString &path, const Clock &kept, const QString &language = QStringLiteral("en"))
        : ConsoleFixture(openCacheFile(path), on(kept, language))
    {}
    static ConsoleOptions on(const Clock &kept, const QString &language)
    {
        ConsoleOptions o;
        o.clock = &kept;
        o.language = language;
        return o;
    }
};

} // namespace

TEST_CASE("on a Saturday a business clock is paused, said in words, with its icon and colour", "[ui][timers]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    // Friday 6 March 2026, 17:40 in Rome: 20 minutes counted before 18:00, then paused until Monday.
    ingest(*cache.db, {post(QStringLiteral("fri"), utcMs("2026-03-06T16:40:00Z"), Category::Complaint)});
    ManualClock clock(utcMs("2026-03-07T10:00:00Z")); // Saturday 11:00 in Rome
    ui::TimerContext timers(clock);
    QueueModel model(timers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDatabase(cache.db.get());
    REQUIRE(model.rowCount() == 1);

    const QModelIndex cell = model.index(0, QueueModel::TimeLeftColumn);
    CHECK(cell.data(QueueModel::TimerStateRole).toInt() == int(TimerState::OutsideHours));
    // 100 business minutes left: the text, the icon and the colour all say "paused".
    CHECK(cell.data().toString() == QStringLiteral("paused · 1 h 40 min"));
    CHECK(cell.data(Qt::DecorationRole).value<QIcon>().cacheKey() ==
          ui::icons::timer(TimerState::OutsideHours).cacheKey());
    CHECK(cell.data(Qt::ForegroundRole).value<QBrush>().color() == ui::timerColor(TimerState::OutsideHours));

    // The tooltip shows the working and the target that applies.
    const QString tip = cell.data(Qt::ToolTipRole).toString();
    INFO(tip.toStdString());
    CHECK(tip.contains(QLatin1String("Outside hours: the clock is paused until Mon 9:00 AM, with 1 h 40 min left.")));
    CHECK(tip.contains(QStringLiteral(
        "arrived Fri 5:40 PM · 20 min counted before closing · resumes Mon 9:00 AM · due Mon 10:40 AM")));
    CHECK(tip.contains(QStringLiteral("Target: 120 business minutes (Complaint, “Systematic” policy)")));

    // The clock is stopped: hours later on Saturday nothing has moved.
    clock.advanceMs(5 * 60 * kMinute);
    model.refreshTimes(0, 0);
    CHECK(cell.data().toString() == QStringLiteral("paused · 1 h 40 min"));

    // Monday 09:30: counting again, 70 minutes left, on track (due soon from 30 minutes left).
    clock.setNowMs(utcMs("2026-03-09T08:30:00Z"));
    CHECK(cell.data(QueueModel::TimerStateRole).toInt() == int(TimerState::OnTrack));
    CHECK(cell.data().toString() == QLatin1String("1 h 10 min"));
    CHECK(cell.data(Qt::DecorationRole).value<QIcon>().cacheKey() == ui::icons::timer(TimerState::OnTrack).cacheKey());
    clock.setNowMs(utcMs("2026-03-09T09:15:00Z")); // 10:15: 25 minutes left
    CHECK(cell.data(QueueModel::TimerStateRole).toInt() == int(TimerState::DueSoon));
    CHECK(cell.data().toString() == QStringLiteral("due soon · 25 min"));
    CHECK(cell.data(Qt::ForegroundRole).value<QBrush>().color() == ui::timerColor(TimerState::DueSoon));
}

TEST_CASE("a calendar-time target keeps counting at the weekend", "[ui][timers]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    PolicyStore store(*cache.db);
    REQUIRE(store.activate(QStringLiteral("selective"), 0).ok());
    ingest(*cache.db, {post(QStringLiteral("sat"), utcMs("2026-03-07T09:00:00Z"), Category::NonNegative)});
    ManualClock clock(utcMs("2026-03-07T10:00:00Z"));
    ui::TimerContext timers(clock);
    auto policy = store.active();
    REQUIRE(policy.ok());
    timers.setPolicy(policy.value());
    QueueModel model(timers);
    model.setDatabase(cache.db.get());
    REQUIRE(model.rowCount() == 1);
    const QModelIndex cell = model.index(0, QueueModel::TimeLeftColumn);
    CHECK(cell.data(QueueModel::TimerStateRole).toInt() == int(TimerState::OnTrack));
    CHECK(cell.data().toString() == QLatin1String("23 h 00 min"));
    const QString tip = cell.data(Qt::ToolTipRole).toString();
    INFO(tip.toStdString());
    CHECK(tip.contains(QStringLiteral("Target: 24 calendar hours (Non-negative, “Selective” policy)")));
    CHECK(tip.contains(QLatin1String("1,440 min in calendar time")));
}

TEST_CASE("the conversation shows the working in its header and on the waiting post", "[ui][timers][gui]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    ingest(*cache.db, {post(QStringLiteral("fri"), utcMs("2026-03-06T16:40:00Z"), Category::Assistance)});
    const QString path = cache.path;
    cache.db.reset();
    ManualClock clock(utcMs("2026-03-07T10:00:00Z"));
    Console c(path, clock);
    REQUIRE(c.w().currentThreadId() != 0);
    ui::ConversationPane *pane = c.w().conversationPane();
    const QString working =
        QStringLiteral("arrived Fri 5:40 PM · 20 min counted before closing · resumes Mon 9:00 AM · due Mon 10:40 AM");
    INFO(pane->workingText().toStdString());
    CHECK(pane->workingText().contains(working));
    CHECK(pane->targetText() == QStringLiteral("Target: 120 business minutes (Assistance, “Systematic” policy)"));
    CHECK(pane->timingText().contains(QStringLiteral("paused · 1 h 40 min left")));
    CHECK(pane->complaintText().isEmpty());

    ui::ConversationModel *model = pane->model();
    REQUIRE(model->rowCount() == 1);
    const QModelIndex waiting = model->index(0, 0);
    CHECK(waiting.data(ui::ConversationModel::TimerStateRole).toInt() == int(TimerState::OutsideHours));
    CHECK(waiting.data(ui::ConversationModel::TimerTextRole).toString() == QStringLiteral("paused · 1 h 40 min left"));
    CHECK(waiting.data(Qt::ToolTipRole).toString().contains(working));
    CHECK(waiting.data(Qt::ToolTipRole).toString().contains(QLatin1String("Target: 120 business minutes")));
}

TEST_CASE("the working, due times, percentages, counts and durations follow the console's language",
          "[ui][timers][gui][locale]")
{
    // English again afterwards, whatever fails: the other tests expect it.
    struct English {
        ~English() { ui::applyLanguage(QStringLiteral("en")); }
    } restore;
    TempCache cache;
    ingest(*cache.db, {post(QStringLiteral("fri"), utcMs("2026-03-06T16:40:00Z"), Category::Assistance)});
    const QString path = cache.path;
    cache.db.reset();
    ManualClock clock(utcMs("2026-03-07T10:00:00Z")); // Saturday 11:00 in Rome
    // A due time in this computer's zone (formatTime shows local time): Wednesday 2 December 2026,
    // 14:30, seen on Monday 7 December and a year later.
    const qint64 due = QDateTime(QDate(2026, 12, 2), QTime(14, 30)).toMSecsSinceEpoch();
    const qint64 sameYear = QDateTime(QDate(2026, 12, 7), QTime(9, 0)).toMSecsSinceEpoch();
    const qint64 nextYear = QDateTime(QDate(2027, 1, 4), QTime(9, 0)).toMSecsSinceEpoch();
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const qint64 duration = (65 * 60 + 20) * 1000; // 1 h 05 min 20 s

    SECTION("Italian")
    {
        Console c(path, clock, QStringLiteral("it"));
        CHECK(QLocale().name() == QLatin1String("it_IT"));
        ui::ConversationPane *pane = c.w().conversationPane();
        INFO(pane->workingText().toStdString());
        CHECK(pane->workingText().contains(
            QStringLiteral("arrivato ven 17:40 · 20 min conteggiati prima della chiusura · riprende lun 09:00 · "
                           "scadenza lun 10:40")));
        CHECK(ui::formatTime(due, sameYear) == QStringLiteral("mer 2 dic 14:30"));
        CHECK(ui::formatTime(due, nextYear) == QStringLiteral("mer 2 dic 2026 14:30"));
        CHECK(ui::formatTime(due, due + 60000) == QStringLiteral("14:30"));
        CHECK(ui::formatDate(due, nextYear, zone) == QStringLiteral("2 dic 2026"));
        CHECK(ui::formatDate(due, sameYear, zone) == QStringLiteral("2 dic"));
        CHECK(ui::formatPercent(12.5, 1) == QStringLiteral("12,5%"));
        CHECK(ui::formatPercent(87) == QStringLiteral("87%"));
        CHECK(ui::formatCount(1234567) == QStringLiteral("1.234.567"));
        CHECK(ui::formatDecimal(4.5, 1) == QStringLiteral("4,5"));
        CHECK(ui::formatDuration(duration) == QStringLiteral("1 h 05 min"));
        CHECK(ui::formatDuration(1234LL * 24 * 3600 * 1000) == QStringLiteral("1.234 g 0 h"));
        CHECK(ui::formatDaysLeft(1500) == QStringLiteral("1.500 giorni rimasti"));
    }
    SECTION("American English")
    {
        Console c(path, clock, QStringLiteral("en"));
        CHECK(QLocale().name() == QLatin1String("en_US")); // the tests pin the system locale to C
        ui::ConversationPane *pane = c.w().conversationPane();
        INFO(pane->workingText().toStdString());
        CHECK(pane->workingText().contains(QStringLiteral(
            "arrived Fri 5:40 PM · 20 min counted before closing · resumes Mon 9:00 AM · due Mon 10:40 AM")));
        CHECK(ui::formatTime(due, sameYear) == QStringLiteral("Wed, Dec 2 2:30 PM"));
        CHECK(ui::formatTime(due, nextYear) == QStringLiteral("Wed, Dec 2, 2026 2:30 PM"));
        CHECK(ui::formatTime(due, due + 60000) == QStringLiteral("2:30 PM"));
        CHECK(ui::formatDate(due, nextYear, zone) == QStringLiteral("Dec 2, 2026"));
        CHECK(ui::formatDate(due, sameYear, zone) == QStringLiteral("Dec 2"));
        CHECK(ui::formatPercent(12.5, 1) == QStringLiteral("12.5%"));
        CHECK(ui::formatCount(1234567) == QStringLiteral("1,234,567"));
        CHECK(ui::formatDecimal(4.5, 1) == QStringLiteral("4.5"));
        CHECK(ui::formatDuration(duration) == QStringLiteral("1 h 05 min"));
        CHECK(ui::formatDaysLeft(1500) == QStringLiteral("1,500 days left"));
    }
    SECTION("British English, when the system is British")
    {
        const QLocale british = ui::localeFor(QStringLiteral("en"), QLocale(QLocale::English, QLocale::UnitedKingdom));
        CHECK(british.name() == QLatin1String("en_GB"));
        CHECK(ui::localeFor(QStringLiteral("en"), QLocale(QLocale::Italian, QLocale::Italy)).name() ==
              QLatin1String("en_US"));
        CHECK(ui::localeFor(QStringLiteral("it"), QLocale(QLocale::English, QLocale::UnitedKingdom)).name() ==
              QLatin1String("it_IT"));
        QLocale::setDefault(british);
        CHECK(ui::formatTime(due, sameYear) == QStringLiteral("Wed, 2 Dec 14:30"));
        CHECK(ui::formatDate(due, nextYear, zone) == QStringLiteral("2 Dec 2026"));
        CHECK(dayAndTimeText(QDateTime(QDate(2026, 12, 2), QTime(14, 30)), british) == QStringLiteral("Wed 14:30"));
    }
}

TEST_CASE("due soon and overdue are announced once per post and state, across ticks and a restart", "[ui][timers][gui]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    // Monday 2 March 2026 in Rome (UTC+1): three threads arrive in working hours.
    ingest(
        *cache.db,
        {post(QStringLiteral("a"), utcMs("2026-03-02T08:00:00Z"), Category::Complaint),   // due soon 09:30Z, due 10:00Z
         post(QStringLiteral("b"), utcMs("2026-03-02T08:05:00Z"), Category::NonNegative), // due soon 08:50Z, due 09:05Z
         post(QStringLiteral("c"), utcMs("2026-03-02T08:10:00Z"),
              Category::Assistance)}); // due soon 09:40Z, due 10:10Z
    const QString path = cache.path;
    cache.db.reset();
    ManualClock clock(utcMs("2026-03-02T08:20:00Z"));

    auto c = std::make_unique<Console>(path, clock);
    QSignalSpy &spy = *c->announced;
    TimerWatch *watch = &c->w().session()->timerWatch();
    CHECK(spy.isEmpty());
    // One single-shot timer, armed for the next state change read from the cache.
    CHECK(watch->isArmed());
    CHECK(watch->nextChangeMs() == utcMs("2026-03-02T08:50:00Z"));
    CHECK_FALSE(c->w().windowTitle().contains(QLatin1String("overdue")));

    clock.setNowMs(utcMs("2026-03-02T08:50:00Z"));
    c->w().tick();
    REQUIRE(spy.count() == 1);
    CHECK(spy.at(0).at(0).toString().startsWith(QLatin1String("Due soon: Cliente b on Facebook")));
    CHECK(spy.at(0).at(3).toInt() == 1);      // due soon
    CHECK(spy.at(0).at(4).toLongLong() != 0); // the one thread
    // No tray offscreen: the status bar says it.
    CHECK(c->w().statusBar()->currentMessage().contains(QLatin1String("Due soon: Cliente b")));
    CHECK(watch->nextChangeMs() == utcMs("2026-03-02T09:05:00Z"));
    for (int i = 0; i < 3; ++i) {
        clock.advanceMs(1000);
        c->w().tick();
    }
    CHECK(spy.count() == 1);
    watch->rescan(); // a full look finds nothing new either
    CHECK(spy.count() == 1);

    clock.setNowMs(utcMs("2026-03-02T09:05:00Z"));
    c->w().tick();
    REQUIRE(spy.count() == 2);
    CHECK(spy.at(1).at(0).toString().startsWith(QLatin1String("Overdue: Cliente b")));
    CHECK(c->w().windowTitle().contains(QStringLiteral("Sportello — 1 overdue")));

    // Two crossings at once make one announcement.
    clock.setNowMs(utcMs("2026-03-02T09:45:00Z"));
    c->w().tick();
    REQUIRE(spy.count() == 3);
    CHECK(spy.at(2).at(0).toString() == QLatin1String("2 threads are now due soon"));
    CHECK(spy.at(2).at(4).toLongLong() == 0);

    // A restart on the same cache announces nothing again.
    c.reset();
    c = std::make_unique<Console>(path, clock);
    CHECK(c->announced->isEmpty());
    c->w().tick();
    CHECK(c->announced->isEmpty());
    CHECK(c->w().session()->timerWatch().nextChangeMs() == utcMs("2026-03-02T10:00:00Z"));

    clock.setNowMs(utcMs("2026-03-02T10:30:00Z"));
    c->w().tick();
    REQUIRE(c->announced->count() == 1);
    CHECK(c->announced->at(0).at(0).toString() == QLatin1String("2 threads are now overdue"));
    CHECK(c->announced->at(0).at(2).toInt() == 2);
    c->w().tick();
    CHECK(c->announced->count() == 1);
    CHECK(c->w().counts().overdue == 3);
    CHECK(c->w().windowTitle().contains(QStringLiteral("Sportello — 3 overdue")));
    CHECK(c->w().session()->timerWatch().nextChangeMs() == -1);
    CHECK_FALSE(c->w().session()->timerWatch().isArmed());

    // Each post and state once in the record.
    CHECK(scalar(c->db(), QStringLiteral("SELECT count(*) FROM timer_notifications")).toInt() == 6);
    CHECK(scalar(c->db(), QStringLiteral("SELECT count(DISTINCT post_id) FROM timer_notifications")).toInt() == 3);

    // A batch of old posts (an import) is one announcement, not one per thread.
    QVector<PostRecord> old;
    for (int i = 0; i < 5; ++i)
        old << post(QStringLiteral("old%1").arg(i), utcMs("2026-02-27T09:00:00Z") + i * kMinute, Category::Complaint);
    ingest(c->db(), old);
    c->w().session()->timerWatch().rescan();
    REQUIRE(c->announced->count() == 2);
    CHECK(c->announced->at(1).at(0).toString() == QLatin1String("5 threads are now overdue"));
    CHECK(c->announced->at(1).at(1).toString().contains(QLatin1String("and 2 more")));
}

TEST_CASE("the settings dialog changes the policy and every waiting post's due time follows", "[ui][timers][gui]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    const qint64 arrived = utcMs("2026-03-02T08:00:00Z"); // Monday 09:00 in Rome
    ingest(*cache.db, {post(QStringLiteral("complaint"), arrived, Category::Complaint),
                       post(QStringLiteral("question"), arrived + kMinute, Category::NonNegative)});
    const QString path = cache.path;
    cache.db.reset();
    // 50 minutes on: the question (60 minutes) is due soon, the complaint (120) on track.
    ManualClock clock(arrived + 50 * kMinute);
    Console c(path, clock);
    QueueModel *model = c.w().queueModel();
    REQUIRE(model->rowCount() == 2);
    CHECK(c.w().counts().overdue == 0);
    CHECK(c.w().counts().dueSoon == 1);
    CHECK(rowOf(*model, QStringLiteral("question")) == 0);
    const auto dueOf = [&](const char *thread) {
        return scalar(c.db(),
                      QStringLiteral("SELECT due_at FROM posts WHERE external_id = '%1-1'").arg(QLatin1String(thread)))
            .toLongLong();
    };
    CHECK(dueOf("complaint") == arrived + 120 * kMinute);

    QString firstError;
    bool stayedOpen = false;
    whenModal(&c.w(), [&](QWidget *modal) {
        auto *dialog = qobject_cast<ui::SettingsDialog *>(modal);
        REQUIRE(dialog != nullptr);
        REQUIRE(dialog->policyEditor() != nullptr);
        CHECK(dialog->policyEditor()->selectedName() == QLatin1String("systematic"));
        // A wrong period is refused with the reason, and the dialog stays open.
        QLineEdit *monday = dialog->calendarEditor()->dayField(1);
        monday->setText(QStringLiteral("09:00-25:00"));
        dialog->accept();
        stayedOpen = dialog->isVisible() && dialog->result() != QDialog::Accepted;
        firstError = dialog->errorText();
        monday->setText(QStringLiteral("09:00-13:00, 14:00-18:00"));
        dialog->policyEditor()->minutesSpin(Category::Complaint)->setValue(30);
        dialog->accept();
        if (dialog->isVisible()) // should not happen: close it so the test goes on
            dialog->reject();
    });
    c.w().showSettings();
    INFO(firstError.toStdString());
    CHECK(stayedOpen);
    CHECK(firstError.contains(QLatin1String("Monday")));
    CHECK(firstError.contains(QLatin1String("09:00-25:00")));

    // Stored, active, and the due times recomputed in the cache: 30 business minutes.
    CHECK(dueOf("complaint") == arrived + 30 * kMinute);
    CHECK(dueOf("question") == arrived + kMinute + 60 * kMinute);
    auto active = PolicyStore(c.db()).active();
    REQUIRE(active.ok());
    CHECK(active->name == QLatin1String("systematic"));
    CHECK(active->targetFor(Category::Complaint, Channel::X).minutes == 30);
    CHECK(active->calendar.periods(1).size() == 2);
    // The console read them again: the queue and the tooltips follow.
    CHECK(c.w().timers().policy().calendar.periods(1).size() == 2);
    const int row = rowOf(*model, QStringLiteral("complaint"));
    REQUIRE(row >= 0);
    CHECK(model->index(row, 0).data(QueueModel::DueAtRole).toLongLong() == arrived + 30 * kMinute);
    // The complaint, due 20 minutes ago now, leads the queue and the counts say so.
    CHECK(row == 0);
    CHECK(c.w().counts().overdue == 1);
    CHECK(c.w().counts().dueSoon == 1);
    CHECK(c.w().windowTitle().contains(QStringLiteral("1 overdue")));
    CHECK(model->index(row, QueueModel::TimeLeftColumn)
              .data(Qt::ToolTipRole)
              .toString()
              .contains(QLatin1String("Target: 30 business minutes")));
}

TEST_CASE("the policy editor reads and writes per-channel targets and calendars", "[ui][timers][gui]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    ManualClock clock(utcMs("2026-03-02T08:00:00Z"));
    ui::AppSettings settings(cache.dir.filePath(QStringLiteral("settings.ini")));
    settings.setAgentName(QStringLiteral("Marta Verdi"));
    accounts::MemoryTokenStore tokens;
    ui::SettingsDialog dialog(settings, *cache.db, clock, tokens);
    ui::PolicyEditor *editor = dialog.policyEditor();
    ui::CalendarEditor *calendar = dialog.calendarEditor();

    SECTION("periods are parsed and checked")
    {
        auto two = ui::CalendarEditor::parsePeriods(QStringLiteral("14:00-18:00, 09:00–13:00"));
        REQUIRE(two.ok());
        CHECK(ui::CalendarEditor::periodsText(two.value()) == QLatin1String("09:00-13:00, 14:00-18:00"));
        CHECK(ui::CalendarEditor::parsePeriods(QString()).ok());
        CHECK(ui::CalendarEditor::parsePeriods(QStringLiteral("00:00-24:00")).ok());
        CHECK_FALSE(ui::CalendarEditor::parsePeriods(QStringLiteral("9 to 5")).ok());
        CHECK_FALSE(ui::CalendarEditor::parsePeriods(QStringLiteral("18:00-09:00")).ok());
        CHECK(ui::CalendarEditor::parsePeriods(QStringLiteral("09:00-13:00, 12:00-18:00"))
                  .error()
                  .contains(QLatin1String("overlap")));
    }

    SECTION("a copy with a channel target, a 24/7 calendar and a holiday")
    {
        QString error;
        REQUIRE(editor->addPolicyCopy(QStringLiteral("Weekend team"), &error));
        CHECK(editor->selectedName() == QLatin1String("weekend-team"));
        editor->addChannelTarget({Category::Complaint, Channel::X, 30, false});
        calendar->timeZoneCombo()->setCurrentIndex(
            calendar->timeZoneCombo()->findText(QStringLiteral("Europe/London")));
        calendar->addHoliday(QDate(2026, 8, 14));
        editor->dueSoonSpin()->setValue(40);
        auto policy = editor->policy();
        INFO(policy.error().toStdString());
        REQUIRE(policy.ok());
        CHECK(policy->label == QLatin1String("Weekend team"));
        CHECK(policy->dueSoonFraction == 0.4);
        CHECK(policy->targetFor(Category::Complaint, Channel::X) ==
              ResponseTarget{Category::Complaint, Channel::X, 30, false});
        CHECK(policy->targetFor(Category::Complaint, Channel::Facebook).minutes == 120);
        CHECK(policy->calendar.timeZone().id() == QByteArray("Europe/London"));
        CHECK(policy->calendar.extraHolidays().contains(QDate(2026, 8, 14)));

        // A second row for the same category and channel is refused with the row numbers.
        editor->addChannelTarget({Category::Complaint, Channel::X, 45, true});
        CHECK(editor->policy().error().contains(QLatin1String("row 2 repeats row 1")));

        // Back to the preset and again to the copy: the copy's edits are kept.
        dialog.policyEditor()->channelTable()->removeRow(1);
        REQUIRE(editor->selectPolicy(QStringLiteral("systematic")));
        CHECK(editor->minutesSpin(Category::Complaint)->value() == 120);
        CHECK(editor->channelTable()->rowCount() == 0);
        REQUIRE(editor->selectPolicy(QStringLiteral("weekend-team")));
        CHECK(editor->channelTable()->rowCount() == 1);
        CHECK(editor->dueSoonSpin()->value() == 40);

        dialog.accept();
        CHECK(dialog.result() == QDialog::Accepted);
        CHECK(dialog.policyChanged());
        auto active = PolicyStore(*cache.db).active();
        REQUIRE(active.ok());
        CHECK(active->name == QLatin1String("weekend-team"));
        CHECK(active->targetFor(Category::Complaint, Channel::X).minutes == 30);
    }

    SECTION("a star-rating row: set with the table's own combo, stored, shown again, and checked")
    {
        QString error;
        REQUIRE(editor->addPolicyCopy(QStringLiteral("Reviews"), &error));
        ResponseTarget lowStars{Category::Complaint, std::nullopt, 240, true};
        editor->addChannelTarget(lowStars);
        QTableWidget *table = editor->channelTable();
        REQUIRE(table->rowCount() == 1);
        // Without a channel or a rating the row would repeat the category's own target.
        CHECK(editor->policy().error().contains(QLatin1String("choose a channel or a star rating")));
        QComboBox *stars = nullptr;
        for (int c = 0; c < table->columnCount(); ++c)
            if (table->horizontalHeaderItem(c)->text() == QLatin1String("Star rating"))
                stars = qobject_cast<QComboBox *>(table->cellWidget(0, c));
        REQUIRE(stars != nullptr);
        CHECK(stars->currentText() == QLatin1String("Any rating"));
        stars->setCurrentIndex(stars->findText(QStringLiteral("1 to 2 stars")));
        auto policy = editor->policy();
        INFO(policy.error().toStdString());
        REQUIRE(policy.ok());
        lowStars.maxRating = 2;
        CHECK(policy->targetFor(Category::Complaint, Channel::GooglePlay, 2) == lowStars);
        CHECK(policy->targetFor(Category::Complaint, Channel::GooglePlay, 3).minutes == 120);
        // The timer's tooltip names the rating that set its target.
        ui::TimerContext timers(clock);
        timers.setPolicy(policy.value());
        ui::TimerInfo review;
        review.dueAtMs = review.arrivedMs = clock.nowMs();
        review.targetMs = 240 * 60'000;
        review.businessClock = true;
        review.category = Category::Complaint;
        review.channel = Channel::GooglePlay;
        review.rating = 1;
        CHECK(timers.target(review).contains(QLatin1String("Complaint, 1 to 2 stars")));
        review.rating = 4;
        CHECK_FALSE(timers.target(review).contains(QLatin1String("star")));

        // The same category and rating twice is refused; on one channel it is another target.
        ResponseTarget again = lowStars;
        editor->addChannelTarget(again);
        CHECK(editor->policy().error().contains(QLatin1String("row 2 repeats row 1")));
        table->removeRow(1);

        dialog.accept();
        CHECK(dialog.policyChanged());
        auto active = PolicyStore(*cache.db).active();
        REQUIRE(active.ok());
        CHECK(active->targetFor(Category::Complaint, Channel::AppStore, 1).minutes == 240);
        // Shown again from the stored policy.
        ui::SettingsDialog reopened(settings, *cache.db, clock, tokens);
        QTableWidget *shown = reopened.policyEditor()->channelTable();
        REQUIRE(shown->rowCount() == 1);
        bool found = false;
        for (int c = 0; c < shown->columnCount(); ++c)
            if (auto *combo = qobject_cast<QComboBox *>(shown->cellWidget(0, c)))
                found = found || combo->currentText() == QLatin1String("1 to 2 stars");
        CHECK(found);
    }

    SECTION("restoring a preset brings back its figures")
    {
        editor->minutesSpin(Category::NonNegative)->setValue(15);
        calendar->alwaysOpenBox()->setChecked(true);
        editor->restorePreset();
        auto policy = editor->policy();
        REQUIRE(policy.ok());
        CHECK(policy.value() == ResponsePolicy::systematic());
        // Nothing changed: OK stores nothing.
        dialog.accept();
        CHECK_FALSE(dialog.policyChanged());
    }
}

TEST_CASE("the complaints dock lists a forwarded complaint, marking it answered removes it", "[ui][timers][gui]")
{
    ui::applyLanguage(QStringLiteral("en"));
    TempCache cache;
    const qint64 arrived = utcMs("2026-03-02T08:00:00Z");
    ingest(*cache.db, {post(QStringLiteral("reclamo"), arrived, Category::Complaint),
                       post(QStringLiteral("domanda"), arrived + kMinute, Category::NonNegative)});
    const QString path = cache.path;
    cache.db.reset();
    ManualClock clock(arrived + 20 * kMinute);
    Console c(path, clock);
    MainWindow &w = c.w();

    // Forward the complaint to customer care from the keyboard.
    const qint64 complaint =
        scalar(c.db(), QStringLiteral("SELECT id FROM threads WHERE external_id = 'reclamo'")).toLongLong();
    REQUIRE(w.queuePane()->selectThread(complaint));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_3, Qt::ControlModifier);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Formal complaint about a late refund."));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(scalar(c.db(), QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(complaint)).toString() ==
            QLatin1String("forwarded"));

    // Go > Open Complaints (Ctrl+Shift+C).
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(w.complaintsDock()->isVisible());
    QTableView *table = w.complaintsPane()->view();
    QAbstractItemModel *model = table->model();
    REQUIRE(model->rowCount() == 1);
    CHECK(model->index(0, ui::ComplaintsModel::AuthorColumn)
              .data()
              .toString()
              .contains(QLatin1String("Cliente reclamo")));
    CHECK(model->index(0, ui::ComplaintsModel::DaysLeftColumn).data().toString() == QLatin1String("45 days left"));
    CHECK(model->index(0, ui::ComplaintsModel::DeadlineColumn).data().toString() == QLatin1String("Apr 16"));
    CHECK_FALSE(model->index(0, ui::ComplaintsModel::DaysLeftColumn).data(Qt::ForegroundRole).isValid());

    // The conversation header of the forwarded complaint shows the regulatory clock.
    w.complaintsPane()->openThreadRequested(complaint);
    REQUIRE(w.currentThreadId() == complaint);
    CHECK(w.conversationPane()->complaintText().contains(
        QLatin1String("Complaint: 45 days left to answer (deadline Apr 16)")));

    // Five days before the deadline: colour, icon and words; past it: late.
    clock.setNowMs(utcMs("2026-04-11T08:00:00Z"));
    const QModelIndex days = model->index(0, ui::ComplaintsModel::DaysLeftColumn);
    CHECK(days.data().toString() == QLatin1String("5 days left"));
    CHECK(days.data(Qt::ForegroundRole).value<QBrush>().color() == ui::timerColor(TimerState::DueSoon));
    CHECK(days.data(Qt::DecorationRole).value<QIcon>().cacheKey() == ui::icons::timer(TimerState::DueSoon).cacheKey());
    clock.setNowMs(utcMs("2026-04-18T08:00:00Z"));
    CHECK(days.data().toString() == QLatin1String("2 days late"));
    CHECK(days.data(Qt::ForegroundRole).value<QBrush>().color() == ui::timerColor(TimerState::Overdue));

    // Mark Answered… asks for a note, records it, and the complaint leaves the list.
    whenModal(&w, [](QWidget *modal) {
        auto *input = qobject_cast<QInputDialog *>(modal);
        REQUIRE(input != nullptr);
        input->setTextValue(QStringLiteral("Letter ref. 2026/118 sent by customer care"));
        input->accept();
    });
    table->setCurrentIndex(model->index(0, 0));
    REQUIRE(w.complaintsPane()->markAnsweredButton()->isEnabled());
    w.complaintsPane()->markAnsweredButton()->click();
    CHECK(model->rowCount() == 0);
    CHECK(scalar(c.db(), QStringLiteral("SELECT resolution_note FROM complaints WHERE thread_id = %1").arg(complaint))
              .toString() == QLatin1String("Letter ref. 2026/118 sent by customer care"));
    CHECK(
        scalar(c.db(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'complaint_resolved'")).toInt() ==
        1);
    CHECK(w.conversationPane()->complaintText().contains(QLatin1String("Complaint answered on Apr 18")));
}

TEST_CASE("TimerNotifications: the next change, and each crossing taken once", "[timers][notifications]")
{
    TempCache cache;
    // Monday 2 March 2026, office hours in Rome (UTC+1).
    ingest(*cache.db,
           {post(QStringLiteral("a"), utcMs("2026-03-02T08:00:00Z"), Category::NonNegative), // soon 08:45Z, due 09:00Z
            post(QStringLiteral("b"), utcMs("2026-03-02T08:30:00Z"), Category::Complaint)}); // soon 10:00Z, due 10:30Z
    TimerNotifications notifications(*cache.db);
    auto next = notifications.nextStateChangeAfter(utcMs("2026-03-02T08:10:00Z"));
    REQUIRE(next.ok());
    CHECK(next.value() == utcMs("2026-03-02T08:45:00Z"));
    next = notifications.nextStateChangeAfter(utcMs("2026-03-02T08:45:00Z"));
    REQUIRE(next.ok());
    CHECK(next.value() == utcMs("2026-03-02T09:00:00Z"));

    // Nothing crossed yet; then "a" is due soon, once.
    auto none = notifications.takeNewCrossings(utcMs("2026-03-02T08:10:00Z"));
    REQUIRE(none.ok());
    CHECK(none->isEmpty());
    auto soon = notifications.takeNewCrossings(utcMs("2026-03-02T08:50:00Z"), utcMs("2026-03-02T08:10:00Z"));
    REQUIRE(soon.ok());
    REQUIRE(soon->size() == 1);
    CHECK(soon->at(0).state == TimerState::DueSoon);
    CHECK(soon->at(0).authorName == QLatin1String("Cliente a"));
    auto again = notifications.takeNewCrossings(utcMs("2026-03-02T08:55:00Z"));
    REQUIRE(again.ok());
    CHECK(again->isEmpty());

    // Much later in one look: "a" overdue, "b" straight to overdue (never announced due soon after).
    auto late = notifications.takeNewCrossings(utcMs("2026-03-02T11:00:00Z"), utcMs("2026-03-02T08:55:00Z"));
    REQUIRE(late.ok());
    REQUIRE(late->size() == 2);
    CHECK(late->at(0).state == TimerState::Overdue);
    CHECK(late->at(1).state == TimerState::Overdue);
    auto full = notifications.takeNewCrossings(utcMs("2026-03-02T11:00:00Z"));
    REQUIRE(full.ok());
    CHECK(full->isEmpty());
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM timer_notifications")).toInt() == 3);
    next = notifications.nextStateChangeAfter(utcMs("2026-03-02T11:00:00Z"));
    REQUIRE(next.ok());
    CHECK(next.value() == -1);
}

TEST_CASE("TimerNotifications: the backlog is recorded chunk by chunk, each notice once", "[timers][notifications]")
{
    TempCache cache;
    // Monday 2 March 2026 (Rome, UTC+1). Five questions five minutes apart, each due soon 45 min and
    // due 60 min after arrival; a complaint still on track.
    QVector<PostRecord> posts;
    for (int i = 0; i < 5; ++i)
        posts << post(QStringLiteral("q%1").arg(i), utcMs("2026-03-02T08:00:00Z") + i * 5 * kMinute,
                      Category::NonNegative);
    posts << post(QStringLiteral("c"), utcMs("2026-03-02T08:30:00Z"), Category::Complaint); // soon 10:00Z
    ingest(*cache.db, posts);
    TimerNotifications notifications(*cache.db);
    // q0 already announced due soon by an earlier look.
    auto earlier = notifications.takeNewCrossings(utcMs("2026-03-02T08:47:00Z"));
    REQUIRE(earlier.ok());
    REQUIRE(earlier->size() == 1);

    // At 09:12Z q0, q1, q2 are overdue, q3 and q4 due soon: five new notices, two threads a chunk.
    const qint64 asOf = utcMs("2026-03-02T09:12:00Z");
    BacklogCursor cursor;
    cursor.asOfMs = asOf;
    int chunks = 0;
    int overdue = 0;
    int dueSoon = 0;
    QStringList named;
    while (!cursor.done) {
        REQUIRE(chunks < 10);
        auto chunk = notifications.recordBacklog(cursor, asOf, 2, 1);
        REQUIRE(chunk.ok());
        ++chunks;
        CHECK(chunk->overdue + chunk->dueSoon <= 2);
        CHECK(chunk->firstOverdue.size() <= 1);
        CHECK(chunk->firstDueSoon.size() <= 1);
        for (const TimerCrossing &c : chunk->firstOverdue) {
            CHECK(c.state == TimerState::Overdue);
            named << c.authorName;
        }
        for (const TimerCrossing &c : chunk->firstDueSoon)
            CHECK(c.state == TimerState::DueSoon);
        overdue += chunk->overdue;
        dueSoon += chunk->dueSoon;
    }
    CHECK(chunks == 3);
    CHECK(overdue == 3);
    CHECK(dueSoon == 2);
    CHECK(named.first() == QLatin1String("Cliente q0"));
    // Each post and state once: q0 due soon and overdue, q1 and q2 overdue, q3 and q4 due soon.
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM timer_notifications")).toInt() == 6);
    CHECK(
        scalar(*cache.db, QStringLiteral("SELECT count(*) FROM timer_notifications WHERE state = 'overdue'")).toInt() ==
        3);

    // A second walk, and a full look, find nothing new.
    BacklogCursor again;
    again.asOfMs = asOf;
    auto chunk = notifications.recordBacklog(again, asOf, 100, 3);
    REQUIRE(chunk.ok());
    CHECK(again.done);
    CHECK(chunk->overdue + chunk->dueSoon == 0);
    CHECK(chunk->firstOverdue.isEmpty());
    auto full = notifications.takeNewCrossings(asOf);
    REQUIRE(full.ok());
    CHECK(full->isEmpty());
}

// Five overdue posts from the Friday before, a watch walking them two at a time from Monday
// 08:20, and the notifier that words its reports.
struct BacklogWatch {
    TempCache cache;
    ManualClock clock{utcMs("2026-03-02T08:20:00Z")};
    TimerWatch watch{clock};
    ui::TimerNotifier words;
    QSignalSpy announced{&words, &ui::TimerNotifier::announced};
    QSignalSpy failed{&watch, &TimerWatch::failed};

    BacklogWatch()
    {
        ui::applyLanguage(QStringLiteral("en"));
        QVector<PostRecord> old;
        for (int i = 0; i < 5; ++i)
            old << post(QStringLiteral("old%1").arg(i), utcMs("2026-02-27T09:00:00Z") + i * kMinute,
                        Category::Complaint);
        ingest(*cache.db, old);
        watch.setBacklogChunk(2);
        words.setWatch(&watch);
        watch.setDatabase(cache.db.get());
    }
};

TEST_CASE("a large backlog is walked over several turns of the event loop and announced once",
          "[ui][timers][notifications]")
{
    BacklogWatch b;
    TempCache &cache = b.cache;
    ManualClock &clock = b.clock;
    TimerWatch &watch = b.watch;
    QSignalSpy &spy = b.announced;
    const auto recorded = [&] {
        return scalar(*cache.db, QStringLiteral("SELECT count(*) FROM timer_notifications")).toInt();
    };

    // The first chunk at once; nothing is announced while the walk goes on.
    watch.rescan();
    CHECK(watch.isWalkingBacklog());
    CHECK(recorded() == 2);
    CHECK(spy.isEmpty());
    // A look at the next change meanwhile finds nothing after the walk's moment.
    clock.advanceMs(1000);
    watch.check();
    CHECK(spy.isEmpty());

    int turns = 0;
    while (watch.isWalkingBacklog() && turns < 50) {
        QCoreApplication::processEvents();
        ++turns;
    }
    CHECK_FALSE(watch.isWalkingBacklog());
    CHECK(turns >= 2);
    CHECK(recorded() == 5);
    // One announcement for the whole backlog, naming the earliest due.
    REQUIRE(spy.count() == 1);
    CHECK(spy.at(0).at(0).toString() == QLatin1String("5 threads are now overdue"));
    CHECK(spy.at(0).at(1).toString() == QLatin1String("Cliente old0, Cliente old1, Cliente old2 and 2 more"));
    CHECK(spy.at(0).at(2).toInt() == 5);
    CHECK(spy.at(0).at(4).toLongLong() == 0);

    // Looked at again (a policy change), nothing is new.
    watch.rescan();
    for (int i = 0; i < 10 && watch.isWalkingBacklog(); ++i)
        QCoreApplication::processEvents();
    CHECK_FALSE(watch.isWalkingBacklog());
    CHECK(spy.count() == 1);
    CHECK(recorded() == 5);
}

TEST_CASE("a backlog walk gives way to the agent's input, and still ends while the agent keeps typing",
          "[ui][timers][notifications]")
{
    BacklogWatch b;
    TimerWatch &watch = b.watch;
    const auto recorded = [&] {
        return scalar(*b.cache.db, QStringLiteral("SELECT count(*) FROM timer_notifications")).toInt();
    };

    watch.rescan();
    REQUIRE(watch.isWalkingBacklog());
    REQUIRE(recorded() == 2);
    // A key: the next step waits, so turns of the event loop right after it do not walk.
    QElapsedTimer sinceInput;
    sinceInput.start();
    watch.yieldToInput();
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
    if (sinceInput.elapsed() < TimerWatch::kInputWaitMs) // a machine too slow to tell says nothing
        CHECK(recorded() == 2);

    // The agent types without a pause: the walk still takes a step now and then, and ends.
    QElapsedTimer typing;
    typing.start();
    while (watch.isWalkingBacklog() && typing.elapsed() < 120 * TimerWatch::kMaxInputWaitMs) {
        watch.yieldToInput();
        QTest::qWait(10);
    }
    CHECK_FALSE(watch.isWalkingBacklog());
    CHECK(recorded() == 5);
    CHECK(b.announced.count() == 1);
    // Without a walk under way, input changes nothing.
    watch.yieldToInput();
    CHECK_FALSE(watch.isWalkingBacklog());
}

TEST_CASE("a backlog chunk that fails is tried again, and the walk still announces everything once",
          "[ui][timers][notifications]")
{
    BacklogWatch b;
    TempCache &cache = b.cache;
    TimerWatch &watch = b.watch;
    QSignalSpy &announced = b.announced;
    QSignalSpy &failed = b.failed;
    const auto recorded = [&](const char *table) {
        return scalar(*cache.db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))).toInt();
    };

    watch.rescan();
    REQUIRE(watch.isWalkingBacklog());
    CHECK(recorded("timer_notifications") == 2);

    // Another program holds the write lock for a moment: the next chunk fails as busy (after a
    // short busy timeout), the walk waits.
    REQUIRE(sql::exec(cache.db->connection(), QStringLiteral("PRAGMA busy_timeout=50")).ok());
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backlog-writer"));
        other.setDatabaseName(cache.db->path());
        REQUIRE(other.open());
        QSqlQuery lock(other);
        REQUIRE(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        REQUIRE(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 2000));
        CHECK(watch.isWalkingBacklog());
        CHECK(announced.isEmpty());
        REQUIRE(lock.exec(QStringLiteral("ROLLBACK")));
        lock.finish();
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("backlog-writer"));

    // Back: the walk resumes where it was, records the rest and announces the whole backlog once.
    REQUIRE(QTest::qWaitFor([&] { return !watch.isWalkingBacklog(); }, 5000));
    CHECK(recorded("timer_notifications") == 5);
    REQUIRE(announced.count() == 1);
    CHECK(announced.at(0).at(0).toString() == QLatin1String("5 threads are now overdue"));
    CHECK(announced.at(0).at(2).toInt() == 5);
}

TEST_CASE("a backlog chunk that fails on a damaged cache ends the walk instead of retrying",
          "[ui][timers][notifications][errors]")
{
    BacklogWatch b;
    TempCache &cache = b.cache;
    TimerWatch &watch = b.watch;
    QSignalSpy &announced = b.announced;
    QSignalSpy &failed = b.failed;

    watch.rescan();
    REQUIRE(watch.isWalkingBacklog());

    // A table the schema must have is missing: the cache is damaged, which waiting will not mend.
    QSqlQuery away(cache.db->connection());
    REQUIRE(away.exec(QStringLiteral("ALTER TABLE timer_notifications RENAME TO timer_notifications_away")));
    REQUIRE(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 2000));
    CHECK_FALSE(watch.isWalkingBacklog());
    CHECK(failed.count() == 1);
    // What the walk recorded before it stopped is announced, not lost.
    REQUIRE(announced.count() == 1);
    CHECK(announced.at(0).at(2).toInt() == 2);

    // Mended, the next full look walks the backlog again and announces only the rest.
    REQUIRE(away.exec(QStringLiteral("ALTER TABLE timer_notifications_away RENAME TO timer_notifications")));
    watch.rescan();
    REQUIRE(QTest::qWaitFor([&] { return !watch.isWalkingBacklog(); }, 5000));
    REQUIRE(announced.count() == 2);
    CHECK(announced.at(1).at(2).toInt() == 3);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM timer_notifications")).toInt() == 5);
    CHECK(failed.count() == 1);
}
