// Settings > Privacy (offscreen): the retention policy shown, edited with a dry run that counts and
// changes nothing, stored by OK with its audit entry, an invalid one refused with the reason; and
// the console's schedule: a run some time after the cache opens, held back while the agent writes
// a reply, then its message in the status bar.
#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Language.h"
#include "dialogs/PrivacyPage.h"
#include "dialogs/SettingsDialog.h"
#include "privacy/Retention.h"
#include "privacy/RetentionSchedule.h"
#include "storage/Database.h"
#include "views/TriagePanel.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>

using namespace sportello;
using namespace sportello::test;
using sportello::ui::PrivacyPage;
using sportello::ui::SettingsDialog;

namespace {

const char *const kNow = "2029-06-15T12:00:00Z";

// Two answered threads: one whose last activity is 30 months old, one 18 months old.
void fill(Database &db)
{
    ingest(db, {inboundPost(QStringLiteral("t-30"), QStringLiteral("t-30-in"), utcMs("2026-12-15T09:00:00Z")),
                outboundPost(QStringLiteral("t-30"), QStringLiteral("t-30-out"), utcMs("2026-12-15T10:00:00Z")),
                inboundPost(QStringLiteral("t-18"), QStringLiteral("t-18-in"), utcMs("2027-12-15T09:00:00Z")),
                outboundPost(QStringLiteral("t-18"), QStringLiteral("t-18-out"), utcMs("2027-12-15T10:00:00Z"))});
}

qint64 readable(Database &db)
{
    return scalar(db, QStringLiteral("SELECT count(*) FROM posts WHERE text <> ''")).toLongLong();
}

struct Dialog {
    TempCache cache;
    ManualClock clock{utcMs(kNow)};
    ui::AppSettings settings{cache.dir.filePath(QStringLiteral("settings.ini"))};
    accounts::MemoryTokenStore tokens;
    std::unique_ptr<SettingsDialog> dialog;

    Dialog()
    {
        ui::applyLanguage(QStringLiteral("en"));
        settings.setAgentName(QStringLiteral("Marta Verdi"));
        fill(*cache.db);
        dialog = std::make_unique<SettingsDialog>(settings, *cache.db, clock, tokens);
        dialog->setCurrentPage(SettingsDialog::Page::Privacy);
    }
    PrivacyPage *page() const { return dialog->privacyPage(); }
};

} // namespace

TEST_CASE("Settings > Privacy: the policy, a dry run under the edited limits, OK stores it", "[ui][privacy]")
{
    Dialog d;
    PrivacyPage *page = d.page();
    REQUIRE(page != nullptr);
    CHECK(page->editable());
    CHECK(page->closedThreadsField()->value() == 24);
    CHECK(page->complaintsField()->value() == 120);
    CHECK(page->auditField()->value() == 120);
    CHECK(page->accessLogField()->value() == 60);
    CHECK(page->stateText().contains(QLatin1String("the defaults apply")));

    const qint64 before = readable(*d.cache.db);
    page->dryRunButton()->click();
    CHECK(page->dryRunText().startsWith(QLatin1String("A run now would anonymise 1 conversations (2 posts) and 1 "
                                                      "authors")));
    // Under 12 months, both threads; the count follows the edit, and nothing changed.
    page->closedThreadsField()->setValue(12);
    CHECK(page->dryRunText().isEmpty());
    page->dryRunButton()->click();
    CHECK(page->dryRunText().startsWith(QLatin1String("A run now would anonymise 2 conversations (4 posts)")));
    CHECK(readable(*d.cache.db) == before);
    CHECK_FALSE(*privacy::retentionPolicyStored(d.cache.db->connection()));

    // Complaints kept shorter than other threads: OK stays with the reason, nothing stored.
    page->complaintsField()->setValue(6);
    d.dialog->accept();
    CHECK(d.dialog->result() != QDialog::Accepted);
    CHECK(d.dialog->errorText().contains(QLatin1String("complaint_months (6) must not be shorter")));
    CHECK_FALSE(*privacy::retentionPolicyStored(d.cache.db->connection()));

    page->complaintsField()->setValue(120);
    d.dialog->accept();
    CHECK(d.dialog->errorText().isEmpty());
    CHECK(d.dialog->result() == QDialog::Accepted);
    const privacy::RetentionPolicy stored = *privacy::readRetentionPolicy(d.cache.db->connection());
    CHECK(stored.closedThreadsMonths == 12);
    CHECK(stored.complaintMonths == 120);
    CHECK(scalar(*d.cache.db, QStringLiteral("SELECT agent_name FROM audit_log WHERE action = "
                                             "'retention_policy_changed'"))
              .toString() == QLatin1String("Marta Verdi"));
    CHECK(readable(*d.cache.db) == before);
}

TEST_CASE("Settings > Privacy: OK without an edit stores no policy", "[ui][privacy]")
{
    Dialog d;
    d.dialog->accept();
    CHECK(d.dialog->result() == QDialog::Accepted);
    CHECK_FALSE(*privacy::retentionPolicyStored(d.cache.db->connection()));
    CHECK(scalar(*d.cache.db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt() == 0);
}

TEST_CASE("console: the retention schedule waits for its delay and for the agent's reply, then runs and says so",
          "[ui][privacy][schedule]")
{
    ConsoleOptions options;
    options.nowMs = utcMs(kNow);
    ConsoleFixture console(fill, std::move(options));
    privacy::RetentionSchedule::Timing timing;
    timing.startDelayMs = 5 * 60'000;
    timing.intervalMs = 86'400'000;
    timing.retryMs = 60'000;
    console.w().setRetentionTiming(timing);
    privacy::RetentionSchedule *schedule = console.w().retentionSchedule();
    REQUIRE(schedule != nullptr);
    QSignalSpy finished(schedule, &privacy::RetentionSchedule::finished);

    console.w().tick();
    CHECK_FALSE(schedule->running());
    // Due, but the agent is writing a reply: it waits.
    console.panel().editor()->setPlainText(QStringLiteral("Gentile cliente, ..."));
    CHECK(console.w().agentMidDecision());
    console.clock.advanceMs(timing.startDelayMs);
    console.w().tick();
    CHECK_FALSE(schedule->running());
    CHECK(readable(console.db()) == 4);
    // The reply gone, the next look after the retry runs it.
    console.panel().editor()->clear();
    CHECK_FALSE(console.w().agentMidDecision());
    console.clock.advanceMs(timing.retryMs);
    console.w().tick();
    CHECK(schedule->running());
    REQUIRE(finished.wait(60'000));
    CHECK(console.w().statusBar()->currentMessage().startsWith(
        QLatin1String("Retention policy applied: 1 conversations anonymised")));
    CHECK(readable(console.db()) == 2);
}
