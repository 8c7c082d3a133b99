// MainWindow, continued: how the session's network side is presented. Sync (File > Sync Now, F5,
// and every few minutes while online) with its progress on the status bar, the online/offline
// state, the outbox count and the outbox dock; the session does the work. Nothing here is modal: a sync runs while the
// agent keeps working, and new posts join the queue without moving the selection, the scroll position or the reply
// being typed.
#include "MainWindow.h"

#include "ConsoleStatusBar.h"

#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Format.h"
#include "models/ConversationModel.h"
#include "models/OutboxModel.h"
#include "models/QueueModel.h"
#include "net/NetworkStatus.h"
#include "notify/TimerNotifier.h"
#include "outbox/OutboxDispatcher.h"
#include "session/ConsoleSession.h"
#include "sync/BackgroundSync.h"
#include "sync/SyncRunner.h"
#include "views/ConversationPane.h"
#include "views/CustomerCard.h"
#include "views/NotesPanel.h"
#include "views/OutboxPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

namespace sportello::ui {

namespace {
// New rows join the queue at most this often while pages arrive: often enough to see them come,
// rarely enough that a fast sync does not spend its time repainting.
constexpr int kQueueRefreshMs = 500;
} // namespace

void MainWindow::createSync()
{
    m_networkStatus = new net::NetworkStatus(this); // the system backend after the first show
    connect(m_networkStatus, &net::NetworkStatus::onlineChanged, this, &MainWindow::onOnlineChanged);

    m_syncTimer = new QTimer(this);
    connect(m_syncTimer, &QTimer::timeout, this, [this] { syncNow(false); });
    m_queueRefresh = new QTimer(this);
    m_queueRefresh->setSingleShot(true);
    m_queueRefresh->setInterval(kQueueRefreshMs);
    connect(m_queueRefresh, &QTimer::timeout, this, &MainWindow::refreshAfterSync);

    m_outboxModel = new OutboxModel(m_clock, this);
    connect(m_outboxModel, &OutboxModel::queryFailed, this, &MainWindow::showQueryError);
    m_outbox = new OutboxPane(m_outboxModel, m_clock);
    m_outbox->setAgentSource([this] { return m_settings.agent(); });
    m_outboxDock = new QDockWidget(this);
    m_outboxDock->setObjectName(QStringLiteral("outboxDock"));
    m_outboxDock->setWidget(m_outbox);
    m_outboxDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_outboxDock);
    m_outboxDock->hide();
    connect(m_outbox, &OutboxPane::deliveryRequested, this, [this] {
        if (m_session)
            m_session->deliverOutbox();
    });
    connect(m_outbox, &OutboxPane::entryChanged, this, &MainWindow::refreshOutboxCount);
    connect(m_outbox, &OutboxPane::openThreadRequested, this, [this](qint64 threadId) {
        if (!m_queue->selectThread(threadId))
            showThread(threadId);
    });
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    m_closing = false; // shown again after a close: it may sync again
    if (m_networkBackendQueued)
        return;
    m_networkBackendQueued = true;
    // From the event loop, once the window is on screen: loading may wait on D-Bus.
    QTimer::singleShot(0, m_networkStatus, [this] {
        m_networkStatus->loadSystemBackend();
        showNetworkState();
    });
}

void MainWindow::setTokenStore(accounts::TokenStore &tokens)
{
    m_tokens = &tokens;
    if (m_session)
        m_session->setTokenStore(tokens);
}

sync::BackgroundSync *MainWindow::syncRunner() const { return m_session ? m_session->backgroundSync() : nullptr; }

QLabel *MainWindow::networkLabel() const { return m_status->networkLabel(); }

QLabel *MainWindow::outboxLabel() const { return m_status->outboxLabel(); }

QLabel *MainWindow::syncLabel() const { return m_status->syncLabel(); }

outbox::OutboxDispatcher *MainWindow::outboxDispatcher() const
{
    return m_session ? m_session->outboxDispatcher() : nullptr;
}

void MainWindow::connectSession()
{
    ConsoleSession *session = m_session.get();
    connect(session, &ConsoleSession::countsChanged, this, &MainWindow::showCounts);
    connect(session, &ConsoleSession::guardConfigurationChanged, this, &MainWindow::onGuardConfigurationChanged);
    connect(session, &ConsoleSession::outboxEntryChanged, this, [this](const QString &id) {
        refreshOutboxCount();
        if (m_outboxDock->isVisible())
            m_outboxModel->refreshEntry(id); // one row, in place: the selection stays
    });
    connect(session, &ConsoleSession::outboxDrained, this, [this](const outbox::DrainSummary &summary) {
        refreshOutboxCount();
        m_outboxModel->reload();
        if (summary.failed > 0 || summary.held > 0)
            statusBar()->showMessage(
                tr("Outbox: %1 failed, %2 held for you to decide (Go > Outbox).").arg(summary.failed).arg(summary.held),
                10000);
    });
    connect(session, &ConsoleSession::authNeeded, this, &MainWindow::onAuthNeeded);
    connect(session, &ConsoleSession::syncStarted, this, [this] {
        syncLabel()->setText(tr("Syncing…"));
        syncLabel()->setToolTip(QString());
    });
    connect(session, &ConsoleSession::syncProgress, this, &MainWindow::onSyncProgress);
    connect(session, &ConsoleSession::postsArrived, this, [this] {
        if (!m_queueRefresh->isActive())
            m_queueRefresh->start();
    });
    connect(session, &ConsoleSession::inAppInboxRead, this, [this](qint64 added, const QStringList &rejected) {
        if (rejected.isEmpty()) {
            statusBar()->showMessage(tr("In-app inbox: %Ln new message(s).", nullptr, int(added)), 8000);
            return;
        }
        // Not a dialog: a sync may run while the agent types. The reasons are in the folder and the log.
        statusBar()->showMessage(tr("In-app inbox: %Ln file(s) could not be read and were set aside in its "
                                    "\"rejected\" folder, with the reason beside each.",
                                    nullptr, int(rejected.size())),
                                 15000);
        syncLabel()->setToolTip(rejected.join(QLatin1Char('\n')));
    });
    connect(session, &ConsoleSession::outboxDeliveryStarted, this,
            [this] { syncLabel()->setText(tr("Delivering the outbox…")); });
    connect(session, &ConsoleSession::syncFinished, this, &MainWindow::onSyncFinished);
    // Team mode: colleagues' decisions and new posts arrive live; what the agent is reading, its
    // selection and the reply being written stay (refreshAfterSync keeps them).
    connect(session, &ConsoleSession::teamStateChanged, this, [this] { m_status->showTeam(m_session.get()); });
    connectClaims();
    connect(session, &ConsoleSession::teamChangesArrived, this, [this](const team::SyncReport &report) {
        // A supervisor may have changed the team's policy: the countdowns follow it (one read).
        if (report.pull.changes > 0)
            reloadPolicy();
        refreshAfterSync();
        // The thread Claim Next Thread gave the agent has arrived.
        if (m_pendingNext && selectTeamThread(*m_pendingNext))
            m_pendingNext.reset();
        reloadGuardIfChanged();
        m_notes->reload();
        // A colleague's link, note or reference on the customer shown (docs/team.md "Customers");
        // what the agent types in the card stays.
        if (report.pull.changes > 0)
            m_customer->reload();
        announceMentions();
        announceModerationOutcomes();
        refreshOutboxCount();
        if (m_outboxDock->isVisible())
            m_outboxModel->reload();
        if (report.push.held > 0)
            statusBar()->showMessage(tr("%Ln of your decisions were held: a colleague decided the same post first "
                                        "(Go > Outbox).",
                                        nullptr, report.push.held),
                                     10000);
    });
    connect(session, &ConsoleSession::switchedReadOnly, this, [this] {
        m_syncTimer->stop();
        showReadOnly();
    });
    // After a change of policy the reports' stored figures are recomputed in the background.
    connect(session, &ConsoleSession::reportFiguresProgress, this, [this](qint64 done, qint64 total) {
        if (done < total)
            statusBar()->showMessage(tr("Recomputing the report figures under the new policy: %1 of %2 "
                                        "conversations…")
                                         .arg(QLocale().toString(done), QLocale().toString(total)),
                                     10000);
    });
    connect(session, &ConsoleSession::reportFiguresRecomputed, this, [this](const QString &error) {
        if (error.isEmpty())
            statusBar()->showMessage(tr("The report figures follow the new policy."), 6000);
        else
            statusBar()->showMessage(tr("The report figures could not be recomputed: %1. The report window will "
                                        "try again when it opens.")
                                         .arg(error),
                                     15000);
    });
    connect(session, &ConsoleSession::handoffUpdated, this, &MainWindow::onHandoffUpdated);
    // Customer care's status files dropped while the console was closed.
    if (auto refused = session->readHandoffStatusFiles(); !refused)
        showQueryError(refused.error());
    else if (!refused->isEmpty())
        statusBar()->showMessage(tr("Customer care's status files: %1").arg(refused->join(QStringLiteral("; "))),
                                 15000);
}

void MainWindow::applySyncInterval()
{
    const int minutes = m_settings.syncIntervalMinutes();
    if (m_session && !m_session->isReadOnly() && minutes > 0)
        m_syncTimer->start(minutes * 60'000);
    else
        m_syncTimer->stop();
}

bool MainWindow::syncNow(bool manual)
{
    if (m_closing)
        return false; // the window was closed: no new sync pass after the shutdown
    if (!m_session) {
        if (manual)
            statusBar()->showMessage(tr("Open a cache first (File > Open Cache)."), 5000);
        return false;
    }
    auto started = m_session->syncNow(manual);
    if (!started) {
        statusBar()->showMessage(tr("The accounts could not be read: %1").arg(started.error()), 10000);
        return false;
    }
    switch (*started) {
    case ConsoleSession::SyncStart::Started: return true;
    case ConsoleSession::SyncStart::AlreadyRunning:
        if (manual)
            statusBar()->showMessage(tr("A sync is already running; its progress is on the status bar."), 5000);
        return false;
    case ConsoleSession::SyncStart::NoAccounts:
        // What the in-app inbox just brought (or refused) stays on the status bar.
        if (manual && statusBar()->currentMessage().isEmpty())
            statusBar()->showMessage(tr("No account to sync: add one in Edit > Settings > Accounts."), 8000);
        return false;
    case ConsoleSession::SyncStart::Offline: return false;
    }
    return false;
}

void MainWindow::onSyncProgress(const sync::SyncProgress &progress)
{
    syncLabel()->setText(tr("Syncing %1: page %2, %3 new posts")
                             .arg(progress.account, formatCount(progress.pages), formatCount(progress.postsAdded)));
}

void MainWindow::refreshAfterSync()
{
    if (!m_session)
        return;
    m_queue->refreshRows();
    refreshCounts();
    // New posts in the thread being read: the conversation shows them; the reply being written,
    // its cursor and the armed decision are left alone.
    if (m_currentThreadId != 0) {
        auto detail = m_session->thread(m_currentThreadId);
        if (detail && detail->posts.size() + detail->decisions.size() != m_conversation->model()->rowCount()) {
            // What the customer exposed in the new posts, and whom the reply goes to.
            m_panel->refreshThread(&detail.value());
            std::optional<ComplaintClock> complaint;
            if (auto clock = m_session->complaint(m_currentThreadId))
                complaint = clock.value();
            m_conversation->setThread(std::move(detail).value(), complaint);
            showHandoff(m_currentThreadId);
        }
    }
}

void MainWindow::onSyncFinished(const sync::SyncRunReport &report)
{
    m_queueRefresh->stop();
    refreshAfterSync();
    reloadGuardIfChanged();
    refreshOutboxCount();

    QStringList lines;
    int failed = 0;
    for (const sync::AccountSyncReport &a : report.accounts) {
        if (a.outcome == sync::AccountSyncReport::Outcome::Busy)
            lines << tr("%1: skipped, another Sportello process is syncing it").arg(a.key);
        else if (a.ok())
            lines << tr("%1: %2 new posts").arg(a.key).arg(a.result.postsAdded);
        else {
            ++failed;
            lines << tr("%1: %2").arg(a.key, a.error);
        }
        for (const QString &partial : a.result.partialErrors)
            lines << tr("%1: the platform reported: %2").arg(a.key, partial);
    }
    if (report.drainRan)
        lines << tr("Outbox: %1").arg(report.drainSummary);
    if (!report.error.isEmpty())
        lines.prepend(report.error);
    const QString time = timeText(QDateTime::fromMSecsSinceEpoch(m_clock.nowMs()).time());
    if (report.ok())
        syncLabel()->setText(tr("Synced at %1: %2 new posts").arg(time, formatCount(report.postsAdded())));
    else if (!report.error.isEmpty())
        syncLabel()->setText(tr("Sync failed at %1").arg(time));
    else
        syncLabel()->setText(
            tr("Synced at %1: %2 new posts; %3 of %4 accounts failed")
                .arg(time, formatCount(report.postsAdded()), formatCount(failed), formatCount(report.accounts.size())));
    syncLabel()->setToolTip(lines.join(QLatin1Char('\n')));
    const QStringList signIn = report.accountsNeedingSignIn();
    if (!signIn.isEmpty())
        statusBar()->showMessage(
            tr("Sign in again to %1: Edit > Settings > Accounts.").arg(signIn.join(QStringLiteral(", "))), 15000);
    else if (!report.ok() && !lines.isEmpty())
        statusBar()->showMessage(tr("Sync: %1").arg(lines.first()), 10000);
}

void MainWindow::onAuthNeeded(const QString &accountKey)
{
    statusBar()->showMessage(tr("The access token of %1 was refused: sign in again in Edit > Settings > Accounts. "
                                "Its replies wait in the outbox.")
                                 .arg(accountKey),
                             15000);
}

void MainWindow::onOnlineChanged(bool online)
{
    showNetworkState();
    if (!online)
        return;
    // Back online: new posts, and what was decided meanwhile goes out (checked first).
    syncNow(false);
}

void MainWindow::showNetworkState() { m_status->showNetwork(*m_networkStatus); }

void MainWindow::refreshOutboxCount()
{
    m_status->showOutbox(m_session.get());
    m_status->showTeam(m_session.get());
}

void MainWindow::showOutbox(bool show)
{
    if (!show) {
        m_outboxDock->hide();
        m_queue->focusQueue();
        return;
    }
    m_outboxModel->reload();
    m_outboxDock->show();
    m_outboxDock->raise();
    m_outbox->view()->setFocus(Qt::ShortcutFocusReason);
}

} // namespace sportello::ui
