#include "Startup.h"

#include "MainWindow.h"
#include "accounts/Accounts.h"
#include "common/AppPaths.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Language.h"
#include "common/TimerContext.h"
#include "compose/Guard.h"
#include "compose/ReplyTemplate.h"
#include "compose/SavedReplies.h"
#include "dialogs/AccountsPage.h"
#include "dialogs/CalendarEditor.h"
#include "dialogs/GuardPage.h"
#include "dialogs/PolicyEditor.h"
#include "dialogs/PrivacyPage.h"
#include "dialogs/SettingsDialog.h"
#include "models/QueueModel.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "timers/TimerState.h"
#include "views/CustomerCard.h"
#include "views/QueuePane.h"
#include "views/ReportWindow.h"
#include "views/TriagePanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPalette>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <memory>

namespace sportello::ui {

namespace {
constexpr int kScreenshotDelayMs = 1500;
// Screenshots are taken at a fixed moment, so that they show the same thing on every run:
// Friday 6 March 2026, 17:50 in Rome, ten minutes before the office closes for the weekend.
constexpr qint64 kScreenshotTimeMs = 1772815800000; // 2026-03-06T16:50:00Z

// The thread the console screenshot opens: one whose timer shows its working across the
// weekend, with a conversation to read; otherwise the first with earlier replies.
int screenshotRow(MainWindow &window)
{
    Database *db = window.database();
    if (!db)
        return 0;
    const QueueQuery query(*db);
    int fallback = -1;
    for (int r = 0; r < qMin(120, window.queueModel()->rowCount()); ++r) {
        auto detail = query.thread(window.queueModel()->threadIdAt(r));
        if (!detail || detail->posts.size() < 2)
            continue;
        if (fallback < 0 && detail->posts.size() >= 3)
            fallback = r;
        // Not yet overdue, with a pause for the closing in its working.
        const QueueRow *row = window.queueModel()->rowAt(r);
        if (!row || row->dueAtMs <= window.timers().nowMs())
            continue;
        const TimerWorking working = explainTimer(row->timerArrivedMs, row->targetMs, row->dueAtMs, row->businessClock,
                                                  window.timers().calendar());
        if (working.resumesAtMs >= 0)
            return r;
    }
    return qMax(0, fallback);
}
// The thread the composer screenshot opens: a waiting one where the customer wrote personal data
// in public, so the picture shows the exposure marker, the suggestion and a blocked reply.
// The first app-store review with a star rating (the "review" page): the mobile channels.
int reviewRow(MainWindow &window)
{
    Database *db = window.database();
    if (!db)
        return -1;
    const QueueQuery query(*db);
    for (int r = 0; r < qMin(300, window.queueModel()->rowCount()); ++r) {
        const QString channel = window.queueModel()->index(r, 0).data(QueueModel::ChannelRole).toString();
        if (channel != toId(Channel::GooglePlay) && channel != toId(Channel::AppStore))
            continue;
        auto detail = query.thread(window.queueModel()->threadIdAt(r));
        if (detail &&
            std::any_of(detail->posts.cbegin(), detail->posts.cend(), [](const PostView &p) { return p.rating > 0; }))
            return r;
    }
    return -1;
}

int exposedRow(MainWindow &window)
{
    Database *db = window.database();
    if (!db)
        return -1;
    const QueueQuery query(*db);
    const Guard guard;
    for (int r = 0; r < qMin(200, window.queueModel()->rowCount()); ++r) {
        auto detail = query.thread(window.queueModel()->threadIdAt(r));
        if (!detail)
            continue;
        for (const PostView &p : detail->posts)
            if (p.direction == Direction::Inbound && p.visibility == Visibility::Public && p.answeredAtMs == 0) {
                const auto found = guard.check(p.text);
                if (found)
                    for (const Finding &f : found.value())
                        if (f.kind == FindingKind::ClaimNumber)
                            return r;
            }
    }
    return -1;
}

// A public draft that repeats the claim number: the guard blocks it.
void composeBlockedReply(MainWindow &window)
{
    TriagePanel *panel = window.triagePanel();
    panel->arm(DecisionKind::ReplyPublic);
    auto reply = SavedReplyStore(*window.database()).byCode(QStringLiteral("claim"), panel->replyContext().language);
    if (!reply || !reply->has_value())
        return;
    QString number;
    for (const Finding &f : panel->exposedFindings())
        if (f.kind == FindingKind::ClaimNumber)
            number = f.text;
    const bool en = panel->replyContext().language == QLatin1String("en");
    auto text = ReplyTemplate::expand(
        reply->value().body, panel->replyContext(),
        {{QStringLiteral("claim_status"), en ? QStringLiteral("the adjuster's report has arrived and "
                                                              "payment is being prepared")
                                             : QStringLiteral("la perizia è arrivata e stiamo "
                                                              "preparando la liquidazione")}});
    // The slip the guard exists for: the agent quotes the customer's claim number in public.
    if (text && !number.isEmpty())
        panel->setDraft((en ? QStringLiteral("Claim %1: ") : QStringLiteral("Sinistro n. %1: ")).arg(number) +
                            text.value(),
                        DecisionKind::ReplyPublic);
}

// A dark palette as a desktop's dark or high-contrast theme gives one, for the screenshots that show
// the console follows it (SPORTELLO_SCREENSHOT_PALETTE=dark): every colour the console draws must
// come from the palette or be readable on both.
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x20, 0x22, 0x25), base(0x17, 0x19, 0x1c), text(0xe8, 0xea, 0xed);
    const QColor button(0x2b, 0x2e, 0x33), highlight(0x3d, 0x8b, 0xfd), dim(0x8b, 0x93, 0x9c);
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        const bool disabled = group == QPalette::Disabled;
        p.setColor(group, QPalette::Window, window);
        p.setColor(group, QPalette::WindowText, disabled ? dim : text);
        p.setColor(group, QPalette::Base, base);
        p.setColor(group, QPalette::AlternateBase, QColor(0x22, 0x25, 0x29));
        p.setColor(group, QPalette::Text, disabled ? dim : text);
        p.setColor(group, QPalette::PlaceholderText, dim);
        p.setColor(group, QPalette::Button, button);
        p.setColor(group, QPalette::ButtonText, disabled ? dim : text);
        p.setColor(group, QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
        p.setColor(group, QPalette::Highlight, disabled ? button : highlight);
        p.setColor(group, QPalette::HighlightedText, Qt::white);
        p.setColor(group, QPalette::ToolTipBase, button);
        p.setColor(group, QPalette::ToolTipText, text);
        p.setColor(group, QPalette::Link, QColor(0x6c, 0xb6, 0xff));
        p.setColor(group, QPalette::LinkVisited, QColor(0xc2, 0x97, 0xff));
        p.setColor(group, QPalette::Light, QColor(0x3a, 0x3e, 0x44));
        p.setColor(group, QPalette::Midlight, QColor(0x33, 0x36, 0x3b));
        p.setColor(group, QPalette::Mid, QColor(0x44, 0x48, 0x4f));
        p.setColor(group, QPalette::Dark, QColor(0x10, 0x11, 0x13));
        p.setColor(group, QPalette::Shadow, Qt::black);
    }
    return p;
}

} // namespace

bool askAgentName(AppSettings &settings)
{
    SettingsDialog dialog(settings, SettingsDialog::Mode::FirstRun);
    // The name field has the keys, not the first button (Cancel while OK is off for want of a
    // name), so that Enter after the name means OK, the default button.
    dialog.nameField()->setFocus(Qt::OtherFocusReason);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    if (dialog.save())
        applyLanguage(settings.language());
    return true;
}

QString conflictingOptions(const StartupOptions &options)
{
    if (options.demo && !options.databasePath.isEmpty())
        return QCoreApplication::translate("Startup", "--demo opens a fresh cache of demo data, discarded on exit, and "
                                                      "cannot be combined with --database %1. To load the demo data "
                                                      "into that cache, run \"sportello-cli --database %1 demo\".")
            .arg(QDir::toNativeSeparators(options.databasePath));
    return {};
}

int runConsole(QApplication &app, const StartupOptions &options, const Clock &systemClock, accounts::TokenStore &tokens)
{
    const bool screenshot = !options.screenshotPath.isEmpty();
    // The product follows the system's palette (Qt applies it); a screenshot can show the dark one
    // on a machine without a dark theme.
    if (screenshot && qEnvironmentVariable("SPORTELLO_SCREENSHOT_PALETTE") == QLatin1String("dark"))
        QApplication::setPalette(darkPalette());
    // A screenshot run leaves the agent's own settings alone.
    QTemporaryDir screenshotSettingsDir;
    std::unique_ptr<AppSettings> settings =
        screenshot ? std::make_unique<AppSettings>(screenshotSettingsDir.filePath(QStringLiteral("settings.ini")))
                   : std::make_unique<AppSettings>();
    if (screenshot) {
        settings->setAgentName(QStringLiteral("Marta Verdi"));
        settings->setLanguage(options.screenshotLanguage.isEmpty() ? QStringLiteral("en") : options.screenshotLanguage);
    }
    settings->ensureAgentId();
    applyLanguage(settings->language());

    if (settings->agentName().isEmpty())
        askAgentName(*settings);

    static const ManualClock screenshotClock(kScreenshotTimeMs);
    const Clock &clock = screenshot ? static_cast<const Clock &>(screenshotClock) : systemClock;
    MainWindow window(*settings, clock, tokens);

    if (options.demo || screenshot) {
        QString error;
        if (!window.openDemo(&error)) {
            QMessageBox::critical(nullptr, QCoreApplication::translate("Startup", "Sportello"),
                                  QCoreApplication::translate("Startup", "The demo data could not be loaded.") +
                                      QLatin1Char('\n') + error);
            return 1;
        }
    } else {
        QString path = options.databasePath;
        if (path.isEmpty()) {
            path = defaultDatabasePath(); // shared with sportello-cli
            QDir().mkpath(QFileInfo(path).absolutePath());
        }
        if (!window.openCacheInteractive(path, true))
            return 1;
    }

    window.show();
    if (screenshot) {
        window.resize(1400, 850);
        const QString page = options.screenshotPage;
        const int exposed = page == QLatin1String("composer") ? exposedRow(window) : -1;
        const int review = page == QLatin1String("review") ? reviewRow(window) : -1;
        const int row = exposed >= 0 ? exposed : review >= 0 ? review : screenshotRow(window);
        window.queuePane()->selectRow(row);
        // The chosen thread in the middle of the queue, with the most urgent ones above it.
        window.queuePane()->view()->scrollTo(window.queueModel()->index(row, 0), QAbstractItemView::PositionAtCenter);
        QWidget *subject = &window;
        std::unique_ptr<SettingsDialog> settingsDialog;
        if (exposed >= 0)
            composeBlockedReply(window);
        if (page == QLatin1String("customer")) {
            // The card in use: the first suggested identity linked, a note written (the demo
            // cache is thrown away).
            CustomerCard *card = window.customerCard();
            if (card->suggestionList()->count() > 0) {
                card->suggestionList()->setCurrentRow(0);
                card->linkSelectedSuggestion();
            }
            card->noteInput()->setText(
                QCoreApplication::translate("Startup", "Prefers private messages; pays the renewal by bank transfer."));
            card->addNote();
        }
        if (page == QLatin1String("replies") && window.database()) {
            settingsDialog = std::make_unique<SettingsDialog>(*settings, *window.database(), clock, tokens, &window);
            settingsDialog->setCurrentPage(SettingsDialog::Page::SavedReplies);
            settingsDialog->resize(820, 680);
            settingsDialog->show();
            subject = settingsDialog.get();
        }
        if (page == QLatin1String("settings") && window.database()) {
            // The agent's page, with the company's CRM address filled in.
            settingsDialog = std::make_unique<SettingsDialog>(*settings, *window.database(), clock, tokens, &window);
            settingsDialog->setCurrentPage(SettingsDialog::Page::General);
            settingsDialog->crmTemplateField()->setText(
                QStringLiteral("https://crm.assicuraserena.example/clienti?polizza={policyholder_ref}&nome={name}"));
            settingsDialog->resize(820, 560);
            settingsDialog->show();
            subject = settingsDialog.get();
        }
        if (page == QLatin1String("accounts") && window.database()) {
            // Two accounts, one of them refused: what the page looks like in use (the demo cache
            // is thrown away; no token is stored anywhere).
            accounts::AccountStore store(*window.database());
            (void)store.add(Channel::Facebook, QStringLiteral("104523887162"), QString(),
                            QStringLiteral("SPORTELLO_FB_TOKEN"), kScreenshotTimeMs);
            auto x = store.add(Channel::X, QStringLiteral("1551234567"), QString(), QStringLiteral("SPORTELLO_X_TOKEN"),
                               kScreenshotTimeMs);
            if (x)
                (void)store.setNeedsSignIn(x->id, true);
            // Signed in through the browser: who, and when the token expires (within a day here).
            if (auto ig = store.add(Channel::Instagram, QStringLiteral("17841405822304914"), QString(), QString(),
                                    kScreenshotTimeMs))
                (void)store.setTokenInfo(ig->id, {QStringLiteral("@assicura_serena"),
                                                  {QStringLiteral("instagram_basic")},
                                                  kScreenshotTimeMs + 5 * 60 * 60 * 1000,
                                                  false});
            if (auto signedIn = store.add(Channel::X, QStringLiteral("1072250532645998596"), QString(), QString(),
                                          kScreenshotTimeMs))
                (void)store.setTokenInfo(signedIn->id, {QStringLiteral("@AssicuraSerena"),
                                                        {QStringLiteral("tweet.read"), QStringLiteral("users.read")},
                                                        kScreenshotTimeMs + 2 * 60 * 60 * 1000,
                                                        true});
            // An app's Google Play reviews, and an App Store app being added with its API key.
            (void)store.add(Channel::GooglePlay, QStringLiteral("it.assicuraserena.app"), QString(),
                            QStringLiteral("SPORTELLO_PLAY_TOKEN"), kScreenshotTimeMs);
            settingsDialog = std::make_unique<SettingsDialog>(*settings, *window.database(), clock, tokens, &window);
            settingsDialog->setCurrentPage(SettingsDialog::Page::Accounts);
            settingsDialog->resize(960, 820);
            AccountsPage *accountsPage = settingsDialog->accountsPage();
            accountsPage->view()->selectRow(3);
            accountsPage->tokenFormToggle()->setChecked(true);
            accountsPage->channelCombo()->setCurrentIndex(
                accountsPage->channelCombo()->findData(toId(Channel::AppStore)));
            accountsPage->accountField()->setText(QStringLiteral("682658836"));
            accountsPage->issuerIdField()->setText(QStringLiteral("57246542-96fe-1a63-e053-0824d011072a"));
            accountsPage->keyIdField()->setText(QStringLiteral("2X9R4HXF34"));
            accountsPage->keyFileField()->setText(
                QDir::toNativeSeparators(QDir::home().filePath(QStringLiteral("AuthKey_2X9R4HXF34.p8"))));
            settingsDialog->show();
            subject = settingsDialog.get();
        }
        if ((page == QLatin1String("policy") || page == QLatin1String("calendar")) && window.database()) {
            settingsDialog = std::make_unique<SettingsDialog>(*settings, *window.database(), clock, tokens, &window);
            settingsDialog->setCurrentPage(page == QLatin1String("policy") ? SettingsDialog::Page::Policy
                                                                           : SettingsDialog::Page::Calendar);
            // An edit in progress, to show what the page can do (nothing is saved).
            settingsDialog->policyEditor()->addChannelTarget({Category::Complaint, Channel::X, 30, true});
            settingsDialog->calendarEditor()->dayField(5)->setText(QStringLiteral("09:00-13:00, 14:00-17:00"));
            settingsDialog->calendarEditor()->addHoliday(QDate(2026, 8, 14));
            settingsDialog->show();
            subject = settingsDialog.get();
        }
        if (page == QLatin1String("guard") && window.database()) {
            // The company's configuration being edited, and what the guard finds in a sample reply
            // with it (nothing is saved).
            settingsDialog = std::make_unique<SettingsDialog>(*settings, *window.database(), clock, tokens, &window);
            settingsDialog->setCurrentPage(SettingsDialog::Page::Guard);
            GuardPage *guard = settingsDialog->guardPage();
            guard->addPattern({FindingKind::PolicyNumber, QStringLiteral(R"(\bAS\d{9}\b)"),
                               QStringLiteral("contracts: AS and nine digits")});
            guard->addPattern({FindingKind::ClaimNumber, QStringLiteral(R"(\bSX-(\d{4}-\d{6}\b)"),
                               QStringLiteral("claim files (a bracket left open)")});
            guard->domainsField()->setPlainText(QStringLiteral("assicuraserena.it"));
            guard->phonesField()->setPlainText(QStringLiteral("02 8765 4321"));
            guard->sampleField()->setPlainText(
                QStringLiteral("Gentile Giulia, per il contratto AS123456789 scriva a reclami@assicuraserena.it "
                               "o chiami lo 02 8765 4321; il perito la contatterà al 347 123 4567 "
                               "(giulia.moretti@gmail.com)."));
            guard->refreshPreview();
            settingsDialog->resize(900, 720);
            settingsDialog->show();
            subject = settingsDialog.get();
        }
        if (page == QLatin1String("privacy") && window.database()) {
            // The retention policy being edited, and what a run would do now under it (nothing is
            // saved or changed).
            settingsDialog = std::make_unique<SettingsDialog>(*settings, *window.database(), clock, tokens, &window);
            settingsDialog->setCurrentPage(SettingsDialog::Page::Privacy);
            PrivacyPage *privacy = settingsDialog->privacyPage();
            privacy->closedThreadsField()->setValue(36);
            privacy->dryRun();
            settingsDialog->resize(900, 560);
            settingsDialog->show();
            subject = settingsDialog.get();
        }
        const auto grabAndExit = [&window, &app, &options](QWidget *shown) {
            window.tick();
            const bool saved = shown->grab().save(options.screenshotPath);
            if (!saved)
                qWarning("Could not save the screenshot to %s", qPrintable(options.screenshotPath));
            app.exit(saved ? 0 : 1);
        };
        if (page == QLatin1String("report")) {
            // The demo's figures by category, over the week of the demo data, once the worker
            // thread has computed them.
            if (ReportWindow *report = window.showReports()) {
                report->resize(1280, 900);
                subject = report;
                QObject::connect(report, &ReportWindow::computed, &window, [&window, grabAndExit, report] {
                    QTimer::singleShot(kScreenshotDelayMs, &window, [grabAndExit, report] { grabAndExit(report); });
                });
                report->setGrouping({GroupField::Category});
                return app.exec();
            }
        }
        QTimer::singleShot(kScreenshotDelayMs, &window, [grabAndExit, subject] { grabAndExit(subject); });
        return app.exec();
    } else if (!options.demo) {
        QTimer::singleShot(0, &window, [&window] { window.offerDemoIfEmpty(); });
    }
    return app.exec();
}

} // namespace sportello::ui
