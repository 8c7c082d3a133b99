#include "MainWindow.h"

#include "ConsoleStatusBar.h"

#include "cache/OpenCache.h"
#include "common/Accessible.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "common/Language.h"
#include "common/TimerContext.h"
#include "dialogs/SettingsDialog.h"
#include "models/ComplaintsModel.h"
#include "models/OutboxModel.h"
#include "models/QueueModel.h"
#include "net/NetworkStatus.h"
#include "notify/TimerNotifier.h"
#include "session/ConsoleSession.h"
#include "session/ThreadClaims.h"
#include "storage/Database.h"
#include "views/ApprovalPane.h"
#include "views/ComplaintsPane.h"
#include "views/ConversationPane.h"
#include "views/CustomerCard.h"
#include "views/NotesPanel.h"
#include "views/OutboxPane.h"
#include "views/QueuePane.h"
#include "views/AccessLogWindow.h"
#include "views/ReportWindow.h"
#include "views/TriagePanel.h"
#include "version/BuildInfo.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDate>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {
const DecisionKind kKinds[] = {DecisionKind::ReplyPublic, DecisionKind::ReplyPrivate, DecisionKind::Forward,
                               DecisionKind::Close};
} // namespace

MainWindow::MainWindow(AppSettings &settings, const Clock &clock, accounts::TokenStore &tokens, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_clock(clock), m_tokens(&tokens)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_timers = std::make_unique<TimerContext>(m_clock);
    m_queueModel = new QueueModel(*m_timers, this);
    connect(m_queueModel, &QueueModel::queryFailed, this, &MainWindow::showQueryError);

    createPanes();
    createDraftAutosave();
    createComplaintsDock();
    createAnnouncements();

    // Back to the console: rules a colleague or the CLI changed meanwhile apply at once.
    connect(qApp, &QGuiApplication::applicationStateChanged, this, [this](Qt::ApplicationState state) {
        if (state == Qt::ApplicationActive)
            reloadGuardIfChanged();
    });

    createSync();
    createTeamDocks();
    createActions();
    createMenus();
    createStatusBar();
    retranslateUi();

    // The single timer of the console; every countdown is recomputed from stored due times.
    m_tick = new QTimer(this);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &MainWindow::tick);
    m_tick->start();
    // A full look at the timers on a large cache walks for seconds in steps between events: the
    // agent's input moves its next step back, so the decision and the next thread are not kept
    // waiting behind one (TimerWatch::yieldToInput).
    qApp->installEventFilter(this);

    resize(1400, 850);
    if (!m_settings.windowGeometry().isEmpty())
        restoreGeometry(m_settings.windowGeometry());
    if (!m_settings.windowState().isEmpty())
        m_splitter->restoreState(m_settings.windowState());
    applySettings();
}

// The queue, the conversation and the triage panel side by side, and what the panel asks for.
void MainWindow::createPanes()
{
    m_queue = new QueuePane(m_queueModel);
    m_conversation = new ConversationPane(*m_timers);
    m_panel = new TriagePanel;

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    leftLayout->addWidget(m_queue);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(left);
    createNotes();
    // The conversation above, the team's internal notes on it below.
    auto *conversationColumn = new QSplitter(Qt::Vertical);
    conversationColumn->setObjectName(QStringLiteral("conversationSplitter"));
    conversationColumn->setChildrenCollapsible(false);
    conversationColumn->addWidget(m_conversation);
    conversationColumn->addWidget(m_notes);
    conversationColumn->setStretchFactor(0, 4);
    conversationColumn->setStretchFactor(1, 1);
    m_splitter->addWidget(conversationColumn);
    createCustomerCard();
    m_splitter->addWidget(m_customer);
    m_splitter->addWidget(m_panel);
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 1);
    m_splitter->setStretchFactor(3, 0);
    m_panel->setMinimumWidth(300);
    m_conversation->setMinimumWidth(320);
    left->setMinimumWidth(420);
    m_splitter->setSizes({620, 360, 250, 310});
    setCentralWidget(m_splitter);

    connect(m_queue, &QueuePane::currentThreadChanged, this, &MainWindow::showThread);
    connect(m_panel, &TriagePanel::confirmRequested, this, &MainWindow::decide);
    connect(m_panel, &TriagePanel::cancelRequested, this, &MainWindow::cancel);
    connect(m_panel, &TriagePanel::categoryChosen, this, &MainWindow::changeCategory);
    connect(m_panel, &TriagePanel::takeOverRequested, this, &MainWindow::confirmTakeOver);
    connectModeration();
    // Team mode: arming a decision on the thread the console showed by itself claims it.
    connect(m_panel, &TriagePanel::decisionArmed, this, [this] {
        if (m_session && m_session->claims())
            m_session->claims()->claimOnIntent();
    });
    // Team mode: colleagues see "is typing a reply" (ThreadClaims throttles the reports).
    connect(m_panel->editor(), &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loadingThread && m_session && m_session->claims())
            m_session->claims()->noteTyping();
    });
}

// A draft is stored at most kDraftSaveDelayMs after the first change not yet stored, even while
// the agent types on without a pause, so a crash loses a second at most.
void MainWindow::createDraftAutosave()
{
    m_draftTimer = new QTimer(this);
    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(kDraftSaveDelayMs);
    connect(m_draftTimer, &QTimer::timeout, this, &MainWindow::saveDraft);
    connect(m_panel, &TriagePanel::draftChanged, this, [this] {
        if (!m_draftTimer->isActive())
            m_draftTimer->start();
    });
}

// The open complaints, under the console when asked for (Go > Open Complaints).
void MainWindow::createComplaintsDock()
{
    m_complaintsModel = new ComplaintsModel(*m_timers, this);
    connect(m_complaintsModel, &ComplaintsModel::queryFailed, this, &MainWindow::showQueryError);
    m_complaints = new ComplaintsPane(m_complaintsModel);
    m_complaintsDock = new QDockWidget(this);
    m_complaintsDock->setObjectName(QStringLiteral("complaintsDock"));
    m_complaintsDock->setWidget(m_complaints);
    m_complaintsDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_complaintsDock);
    m_complaintsDock->hide();
    connect(m_complaints, &ComplaintsPane::openThreadRequested, this, [this](qint64 threadId) {
        // A forwarded thread is not in the waiting queue: show it without the queue's selection.
        if (!m_queue->selectThread(threadId))
            showThread(threadId);
    });
    connect(m_complaints, &ComplaintsPane::complaintResolved, this, [this](qint64 threadId) {
        if (threadId == m_currentThreadId)
            reshowCurrentThread();
        statusBar()->showMessage(tr("The complaint is marked answered; its regulatory clock has stopped."), 6000);
    });
}

// Warnings when timers become due soon or overdue (the session's watch says when; the notifier
// words it), in the tray when there is one, else in the status bar.
void MainWindow::createAnnouncements()
{
    m_notifier = new TimerNotifier(this);
    connect(m_notifier, &TimerNotifier::announced, this, &MainWindow::announce);
    connect(m_notifier, &TimerNotifier::failed, this, &MainWindow::showQueryError);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        QIcon icon = QApplication::windowIcon();
        if (icon.isNull())
            icon = icons::timer(TimerState::OnTrack);
        m_tray = new QSystemTrayIcon(icon, this);
        m_tray->setObjectName(QStringLiteral("trayIcon"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
            if (m_announcedThread != 0 && !m_queue->selectThread(m_announcedThread))
                showThread(m_announcedThread);
        });
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
}

MainWindow::~MainWindow()
{
    // The models and views let go of the cache before the session closes it.
    bindViews(nullptr);
    bindRetention(nullptr);
    m_session.reset();
}

void MainWindow::createActions()
{
    auto make = [this](QList<QKeySequence> keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcuts(keys);
        connect(action, &QAction::triggered, this, slot);
        addAction(action); // shortcuts work even with the menu bar hidden
        return action;
    };
    m_actions.import = make({QKeySequence(Qt::CTRL | Qt::Key_I)}, &MainWindow::importInteractive);
    m_actions.openCache = make({QKeySequence::Open}, &MainWindow::openCacheDialog);
    m_actions.openDemo = make({}, &MainWindow::openDemoInteractive);
    m_actions.salvage = make({}, &MainWindow::salvageInteractive);
    m_actions.quit = make({QKeySequence(Qt::CTRL | Qt::Key_Q)}, &QWidget::close);
    m_actions.quit->setMenuRole(QAction::QuitRole);
    QList<QKeySequence> preferences = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!preferences.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)))
        preferences.append(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_actions.settings = make(preferences, &MainWindow::showSettings);
    m_actions.settings->setMenuRole(QAction::PreferencesRole);

    m_actions.next = make({QKeySequence(Qt::CTRL | Qt::Key_J), QKeySequence(Qt::ALT | Qt::Key_Down)},
                          [this] { m_queue->moveSelection(+1); });
    m_actions.previous = make({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::ALT | Qt::Key_Up)},
                              [this] { m_queue->moveSelection(-1); });
    // Team mode only; takes Ctrl+J from Next Thread there (updateTeamActions).
    m_actions.nextTeamThread = make({}, &MainWindow::takeNextThread);
    m_actions.nextTeamThread->setEnabled(false);
    m_actions.find = make({QKeySequence(Qt::CTRL | Qt::Key_L), QKeySequence(Qt::Key_F3), QKeySequence::Find},
                          [this] { m_queue->focusSearch(); });
    m_actions.focusQueue = make({QKeySequence(Qt::CTRL | Qt::Key_0)}, [this] { m_queue->focusQueue(); });
    m_actions.focusEditor = make({QKeySequence(Qt::CTRL | Qt::Key_E)}, [this] {
        if (m_panel->editor()->isEnabled())
            m_panel->editor()->setFocus(Qt::ShortcutFocusReason);
    });

    // The conversation never takes the focus; these scroll it from wherever the agent is typing.
    m_actions.scrollUp = make({QKeySequence(Qt::ALT | Qt::Key_PageUp)}, [this] {
        m_conversation->listView()->verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepSub);
    });
    m_actions.scrollDown = make({QKeySequence(Qt::ALT | Qt::Key_PageDown)}, [this] {
        m_conversation->listView()->verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepAdd);
    });
    m_actions.complaints = make({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}, [this] {
        // Shown but elsewhere: bring the keys to it; shown with the keys: hide it.
        showComplaints(!(m_complaintsDock->isVisible() && m_complaints->isAncestorOf(QApplication::focusWidget())));
    });
    m_actions.complaints->setCheckable(true);
    m_actions.reports = make({QKeySequence(Qt::CTRL | Qt::Key_R)}, &MainWindow::showReports);
    connect(m_complaintsDock, &QDockWidget::visibilityChanged, m_actions.complaints, &QAction::setChecked);
    m_actions.sync = make({QKeySequence(Qt::Key_F5)}, [this] { syncNow(true); });
    m_actions.outbox = make({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}, [this] {
        showOutbox(!(m_outboxDock->isVisible() && m_outbox->isAncestorOf(QApplication::focusWidget())));
    });
    m_actions.outbox->setCheckable(true);
    connect(m_outboxDock, &QDockWidget::visibilityChanged, m_actions.outbox, &QAction::setChecked);

    const Qt::Key digits[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (int i = 0; i < 4; ++i) {
        const DecisionKind kind = kKinds[i];
        m_actions.decide[i] = make({QKeySequence(Qt::CTRL | digits[i])}, [this, kind] { armDecision(kind); });
        m_actions.decide[i]->setIcon(icons::decision(kind));
    }
    m_actions.confirm = make({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
                             [this] { m_panel->requestConfirm(); });
    m_actions.cancel = make({QKeySequence(Qt::Key_Escape)}, &MainWindow::cancel);
    m_actions.switchPrivate = make({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)}, [this] {
        if (m_session)
            m_panel->switchToPrivate();
    });
    m_actions.switchPrivate->setIcon(icons::visibility(Visibility::Private));
    m_actions.pickReply = make({QKeySequence(Qt::CTRL | Qt::Key_T), QKeySequence(Qt::CTRL | Qt::Key_Space)}, [this] {
        if (m_session)
            m_panel->openPicker();
    });

    m_actions.moderate = make({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)}, [this] { moderateComment(); });
    m_actions.cancelModeration =
        make({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X)}, [this] { cancelModerationRequest(); });

    m_actions.shortcuts = make({QKeySequence(Qt::Key_F1)}, &MainWindow::showShortcuts);
    m_actions.about = make({}, &MainWindow::showAbout);
    m_actions.about->setMenuRole(QAction::AboutRole);
    m_actions.aboutQt = make({}, [] { QApplication::aboutQt(); });
    m_actions.aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_actions.import);
    m_fileMenu->addAction(m_actions.sync);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actions.openCache);
    m_fileMenu->addAction(m_actions.openDemo);
    m_fileMenu->addAction(m_actions.salvage);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actions.quit);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_actions.settings);

    m_goMenu = menuBar()->addMenu(QString());
    m_goMenu->addAction(m_actions.next);
    m_goMenu->addAction(m_actions.previous);
    m_goMenu->addAction(m_actions.nextTeamThread);
    m_goMenu->addSeparator();
    m_goMenu->addAction(m_actions.find);
    m_goMenu->addAction(m_actions.focusQueue);
    m_goMenu->addAction(m_actions.focusEditor);
    m_goMenu->addAction(m_actions.customerCard);
    m_goMenu->addAction(m_actions.openInCrm);
    m_goMenu->addSeparator();
    m_goMenu->addAction(m_actions.scrollUp);
    m_goMenu->addAction(m_actions.scrollDown);
    m_goMenu->addSeparator();
    m_goMenu->addAction(m_actions.complaints);
    m_goMenu->addAction(m_actions.outbox);
    m_goMenu->addAction(m_actions.reports);
    m_goMenu->addSeparator();
    m_goMenu->addAction(m_actions.teamBoard);
    m_goMenu->addAction(m_actions.approvals);

    m_triageMenu = menuBar()->addMenu(QString());
    for (QAction *a : m_actions.decide)
        m_triageMenu->addAction(a);
    m_triageMenu->addSeparator();
    m_triageMenu->addAction(m_actions.confirm);
    m_triageMenu->addAction(m_actions.cancel);
    m_triageMenu->addSeparator();
    m_triageMenu->addAction(m_actions.pickReply);
    m_triageMenu->addAction(m_actions.switchPrivate);
    m_triageMenu->addAction(m_actions.moderate);
    m_triageMenu->addAction(m_actions.cancelModeration);
    m_triageMenu->addSeparator();
    m_triageMenu->addAction(m_actions.addNote);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_actions.shortcuts);
    m_helpMenu->addAction(m_actions.accessLog);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_actions.about);
    m_helpMenu->addAction(m_actions.aboutQt);
}

void MainWindow::createStatusBar()
{
    m_status = new ConsoleStatusBar(statusBar(), this);
    // A damaged cache says so where the agent looks while working, for as long as it is open.
    m_readOnlyLabel = new QLabel(this);
    m_readOnlyLabel->setObjectName(QStringLiteral("readOnlyMessage"));
    m_readOnlyLabel->setWordWrap(true);
    m_readOnlyLabel->setStyleSheet(errorLabelStyle(palette()));
    m_readOnlyLabel->hide();
    statusBar()->insertPermanentWidget(0, m_readOnlyLabel, 1);
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_goMenu->setTitle(tr("&Go"));
    m_triageMenu->setTitle(tr("&Triage"));
    m_helpMenu->setTitle(tr("&Help"));
    m_status->retranslateUi();
    m_actions.import->setText(tr("&Import Conversations…"));
    m_actions.openCache->setText(tr("&Open Cache…"));
    m_actions.openDemo->setText(tr("Open &Demo Data"));
    m_actions.salvage->setText(tr("Sal&vage into a New Cache…"));
    m_actions.quit->setText(tr("&Quit"));
    m_actions.settings->setText(tr("&Settings…"));
    m_actions.next->setText(tr("&Next Thread"));
    m_actions.previous->setText(tr("&Previous Thread"));
    m_actions.nextTeamThread->setText(tr("Claim Ne&xt Thread"));
    m_actions.nextTeamThread->setStatusTip(tr("Claims the most urgent waiting thread nobody holds, as the team's "
                                              "routing gives it to you, and opens it"));
    m_actions.find->setText(tr("&Search the Queue"));
    m_actions.focusQueue->setText(tr("Go to the &Queue"));
    m_actions.focusEditor->setText(tr("Go to the &Reply Editor"));
    retranslateCustomerCard();
    m_actions.scrollUp->setText(tr("Scroll the Conversation &Up"));
    m_actions.scrollDown->setText(tr("Scroll the Conversation &Down"));
    m_actions.complaints->setText(tr("Open &Complaints"));
    m_complaintsDock->setWindowTitle(tr("Open Complaints"));
    m_actions.sync->setText(tr("&Sync Now"));
    m_actions.outbox->setText(tr("&Outbox"));
    m_outboxDock->setWindowTitle(tr("Outbox"));
    retranslateTeam();
    m_actions.reports->setText(tr("&Reports…"));
    m_actions.decide[0]->setText(tr("Reply &Publicly"));
    m_actions.decide[1]->setText(tr("Reply Pri&vately"));
    m_actions.decide[2]->setText(tr("&Forward to Customer Care"));
    m_actions.decide[3]->setText(tr("&Close Without Reply"));
    m_actions.confirm->setText(tr("C&onfirm Decision"));
    m_actions.cancel->setText(tr("Cancel &Decision"));
    m_actions.pickReply->setText(tr("Insert a &Saved Reply…"));
    m_actions.moderate->setText(tr("&Hide or Unhide a Comment…"));
    m_actions.moderate->setStatusTip(tr("Hides a customer's comment on Facebook or Instagram (or shows it again), "
                                        "with the reason in the audit trail"));
    m_actions.cancelModeration->setText(tr("Cancel the Hub's &Moderation Request"));
    m_actions.cancelModeration->setStatusTip(tr("Team mode: withdraws a request to hide or show a comment that no "
                                                "hub has taken up yet"));
    m_actions.switchPrivate->setText(tr("Switch to a Private &Reply"));
    m_actions.shortcuts->setText(tr("&Keyboard Shortcuts"));
    m_actions.about->setText(tr("&About Sportello"));
    m_actions.aboutQt->setText(tr("About &Qt"));
    // What each action does, on the status bar while its menu item is highlighted and for screen
    // readers (docs/accessibility.md).
    m_actions.import->setStatusTip(tr("Reads conversations from an exported file (JSON Lines or CSV) into the cache"));
    m_actions.openCache->setStatusTip(tr("Opens another cache file"));
    m_actions.openDemo->setStatusTip(tr("Opens a fresh cache of demo data, thrown away on exit"));
    m_actions.salvage->setStatusTip(tr("Copies what can still be read from a damaged cache into a new file"));
    m_actions.quit->setStatusTip(tr("Closes Sportello; drafts are kept"));
    m_actions.settings->setStatusTip(
        tr("Your name and language, the accounts, the response policy, the calendar and the team"));
    m_actions.next->setStatusTip(tr("Opens the next thread in the queue"));
    m_actions.previous->setStatusTip(tr("Opens the previous thread in the queue"));
    m_actions.find->setStatusTip(tr("Moves the keyboard to the queue's search field"));
    m_actions.focusQueue->setStatusTip(tr("Moves the keyboard to the queue"));
    m_actions.focusEditor->setStatusTip(tr("Moves the keyboard to the reply editor"));
    m_actions.scrollUp->setStatusTip(tr("Scrolls the conversation up by a page"));
    m_actions.scrollDown->setStatusTip(tr("Scrolls the conversation down by a page"));
    m_actions.complaints->setStatusTip(
        tr("Shows or hides the complaints forwarded to customer care and their deadlines"));
    m_actions.sync->setStatusTip(tr("Fetches new posts from the accounts and delivers the outbox"));
    m_actions.outbox->setStatusTip(tr("Shows or hides the replies and forwards waiting to be delivered"));
    m_actions.reports->setStatusTip(tr("Opens the report window: response times and volumes"));
    m_actions.confirm->setStatusTip(tr("Carries out the decision armed in the triage panel"));
    m_actions.cancel->setStatusTip(tr("Drops the decision armed in the triage panel"));
    m_actions.pickReply->setStatusTip(tr("Inserts a reply from the saved replies into the reply editor"));
    m_actions.switchPrivate->setStatusTip(tr("Turns the public reply being written into a private message"));
    m_actions.shortcuts->setStatusTip(tr("Lists the keyboard shortcuts"));
    m_actions.about->setStatusTip(tr("Version and licence of Sportello"));
    m_actions.aboutQt->setStatusTip(tr("Version and licence of Qt"));
    m_actions.decide[0]->setStatusTip(tr("Answers the customer with a public reply on the channel"));
    m_actions.decide[1]->setStatusTip(tr("Answers the customer with a private message"));
    m_actions.decide[2]->setStatusTip(tr("Hands the thread to customer care with a message for them"));
    m_actions.decide[3]->setStatusTip(tr("Closes the thread without answering"));
    updateCacheLabels();
    applySettings();
    refreshCounts();
    showNetworkState();
    refreshOutboxCount();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::applySettings()
{
    const Agent agent = m_settings.agent();
    if (m_session)
        m_session->setAgent(agent);
    m_panel->setAgentName(agent.name);
    m_status->showAgent(agent.name);
}

std::unique_ptr<ConsoleSession> MainWindow::createSession(std::unique_ptr<Database> database,
                                                          const QString &description) const
{
    SessionEnvironment environment;
    environment.clock = &m_clock;
    environment.tokens = m_tokens;
    environment.networkStatus = m_networkStatus;
    return std::make_unique<ConsoleSession>(std::move(database), environment, m_settings.agent(), description);
}

void MainWindow::reopenSession()
{
    Database::Options options;
    options.readOnlyIfDamaged = true;
    auto opened = openCache(m_session->path(), options);
    if (!opened) {
        showQueryError(opened.error());
        return;
    }
    auto session = createSession(std::move(opened).value(), m_session->description());
    // A demo cache's folder moves to the new session before the old one closes.
    session->keepFolder(m_session->takeFolder());
    setSession(std::move(session));
}

void MainWindow::setDatabase(std::unique_ptr<Database> database, const QString &description)
{
    setSession(database ? createSession(std::move(database), description) : nullptr);
}

Database *MainWindow::database() const { return m_session ? &m_session->database() : nullptr; }

void MainWindow::setSession(std::unique_ptr<ConsoleSession> session)
{
    saveDraft(); // into the cache being closed
    m_draftTimer->stop();
    m_syncTimer->stop();
    m_queueRefresh->stop();
    bindViews(nullptr);
    bindRetention(nullptr);
    m_currentThreadId = 0;
    m_session = std::move(session); // the previous session stops its sync and closes its cache
    if (m_session) {
        m_session->setAgent(m_settings.agent());
        // What the watch says from its first look on is announced.
        m_notifier->setWatch(&m_session->timerWatch());
        // Loaded before the session's signals are connected: a new cache is no "change".
        if (Status s = m_session->open(); !s)
            showQueryError(s.error());
        connectSession();
    }
    updateTeamActions();
    showReadOnly();
    applyGuardConfig(m_session ? m_session->guardConfiguration() : GuardConfig());
    reloadPolicy();
    updateCacheLabels();
    refreshCounts();
    // Announces what is already due soon or overdue in this cache (once: the cache remembers).
    bindViews(m_session.get());
    if (m_queue->currentThreadId() == 0)
        showThread(0);
    applySyncInterval();
    refreshOutboxCount();
    showNetworkState();
    // Decisions left from an earlier session go out as soon as the network is there.
    if (m_session)
        m_session->deliverWaiting();
    // The retention policy: some minutes from now, then once a day.
    bindRetention(m_session.get());
    m_queue->focusQueue();
}

void MainWindow::bindViews(ConsoleSession *session)
{
    Database *database = session ? &session->database() : nullptr;
    if (!session) {
        delete m_reportWindow;    // it reads the cache that is going
        delete m_accessLogWindow; // so may this one
    }
    m_panel->setDatabase(database);
    m_queueModel->setDatabase(database);
    m_queueModel->setClaims(session ? session->claims() : nullptr);
    m_complaints->setTriageService(session ? &session->triage() : nullptr);
    m_complaintsModel->setDatabase(database);
    m_outboxModel->setDatabase(database);
    m_outbox->setDatabase(database);
    bindTeamViews(session);
    bindNotes(session);
    bindCustomerCard(session);
}

void MainWindow::applyGuardConfig(const GuardConfig &config)
{
    m_panel->setGuardConfig(config);
    m_conversation->setGuardConfig(config);
    m_approvals->setGuardConfig(config);
}

void MainWindow::onGuardConfigurationChanged(const GuardConfig &config)
{
    applyGuardConfig(config);
    if (m_currentThreadId != 0) {
        if (auto detail = m_session->thread(m_currentThreadId))
            m_panel->refreshThread(&detail.value());
    }
    statusBar()->showMessage(tr("The insurance guard's configuration changed; the new rules apply."), 8000);
}

void MainWindow::updateCacheLabels()
{
    m_status->showCache(m_session.get());
    updateWindowTitle();
}

void MainWindow::updateWindowTitle()
{
    QString title = m_session ? tr("%1 — Sportello")
                                    .arg(m_session->description().isEmpty() ? QFileInfo(m_session->path()).fileName()
                                                                            : m_session->description())
                              : tr("Sportello");
    // The overdue count where the agent sees it from any other window (task bar, window switcher).
    if (m_session && m_counts.overdue > 0)
        title = tr("%1 — %2 overdue", "window title, overdue count").arg(title, formatCount(m_counts.overdue));
    setWindowTitle(title);
    if (m_tray) {
        m_tray->setToolTip(m_session ? tr("Sportello — %1 overdue, %2 due soon")
                                           .arg(formatCount(m_counts.overdue), formatCount(m_counts.dueSoon))
                                     : tr("Sportello"));
    }
}

void MainWindow::reloadPolicy()
{
    if (!m_session) {
        m_timers->setPolicy(ResponsePolicy::systematic());
        return;
    }
    auto policy = m_session->activePolicy();
    if (!policy) {
        showQueryError(policy.error());
        m_timers->setPolicy(ResponsePolicy::systematic());
        return;
    }
    m_timers->setPolicy(std::move(policy).value());
}

void MainWindow::policyChanged()
{
    reloadPolicy();
    saveDraft();
    m_queueModel->reload();
    refreshCounts();
    m_complaintsModel->reload();
    reshowCurrentThread();
    if (m_session) {
        m_session->recheckTimers();
        m_session->recomputeReportFigures();
    }
    statusBar()->showMessage(tr("The “%1” policy is active: the due time of every waiting post was recomputed.")
                                 .arg(policyLabel(m_timers->policy())),
                             8000);
}

void MainWindow::reshowCurrentThread()
{
    // Keep what the agent is writing across the refresh of the thread.
    saveDraft();
    const qint64 current = m_currentThreadId != 0 ? m_currentThreadId : m_queue->currentThreadId();
    m_currentThreadId = 0;
    showThread(current);
}

void MainWindow::announce(const QString &title, const QString &message, int overdue, int dueSoon, qint64 threadId,
                          const QString &summary)
{
    Q_UNUSED(dueSoon)
    m_announcedThread = threadId;
    refreshCounts(); // the title and the status bar follow at once
    if (m_tray && m_tray->isVisible()) {
        m_tray->showMessage(title, message, icons::timer(overdue > 0 ? TimerState::Overdue : TimerState::DueSoon),
                            10000);
        return;
    }
    // No system tray (or an offscreen session): the status bar says it instead.
    statusBar()->showMessage(summary, 15000);
}

void MainWindow::showComplaints(bool show)
{
    if (!show) {
        m_complaintsDock->hide();
        m_queue->focusQueue();
        return;
    }
    m_complaintsModel->reload();
    m_complaintsDock->show();
    m_complaintsDock->raise();
    m_complaints->view()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::tick()
{
    m_queue->refreshVisibleTimes();
    m_conversation->refreshTimes();
    // The notifier's own timer wakes it at the next state change; this catches a clock that
    // jumped (a computer that slept). One comparison unless a change is due.
    if (m_session)
        m_session->timerWatch().poll(m_clock.nowMs());
    if (++m_tickCount % kCountsEveryTicks == 0)
        advanceCounts();
    if (m_tickCount % kGuardCheckTicks == 0)
        reloadGuardIfChanged();
    // A claim whose time passed leaves the header and the queue (claimsChanged says so).
    if (m_session && m_session->claims())
        m_session->claims()->expire();
    // The complaints' days left change once a day; a look a minute is plenty.
    if (m_tickCount % 60 == 0 && m_complaintsDock->isVisible())
        m_complaintsModel->refreshDays();
    pollRetention();
}

void MainWindow::refreshCounts()
{
    if (!m_session) {
        m_status->clearCounts();
        m_counts = {};
        updateWindowTitle();
        return;
    }
    // countsChanged() shows them.
    if (Status s = m_session->recount(); !s) {
        m_status->showCountsError(s.error());
    }
}

void MainWindow::advanceCounts()
{
    if (!m_session)
        return;
    if (Status s = m_session->advanceCounts(); !s) {
        m_status->showCountsError(s.error());
    }
}

void MainWindow::showCounts(const QueueCounts &counts)
{
    m_counts = counts;
    m_status->showCounts(counts);
    updateWindowTitle();
}

void MainWindow::setDraftSaveDelay(int ms) { m_draftTimer->setInterval(ms); }

void MainWindow::reloadGuardIfChanged()
{
    // A changed configuration comes back as guardConfigurationChanged(); a failed read keeps the
    // rules in use.
    if (m_session)
        (void)m_session->reloadGuardConfiguration();
}

void MainWindow::saveDraft()
{
    m_draftTimer->stop();
    if (m_currentThreadId == 0 || !m_session || m_panel->threadId() != m_currentThreadId || m_session->isReadOnly())
        return;
    const QString text = m_panel->draft();
    const std::optional<DecisionKind> armed = m_panel->armedKind();
    if (Status s = m_session->saveDraft(m_currentThreadId, text, armed); !s) {
        statusBar()->showMessage(tr("The draft could not be stored: %1").arg(s.error()), 10000);
        return;
    }
    m_queueModel->setDraftMarker(m_currentThreadId, !text.trimmed().isEmpty() || armed.has_value());
}

void MainWindow::showThread(qint64 threadId)
{
    if (threadId != m_currentThreadId)
        saveDraft();
    m_currentThreadId = threadId;
    m_notes->setThread(m_session ? threadId : 0);
    if (m_customer)
        m_customer->setThread(m_session ? threadId : 0);
    if (threadId == 0 || !m_session) {
        m_conversation->clear();
        m_panel->setThread(nullptr);
        m_loadingThread = true;
        m_panel->editor()->clear();
        m_loadingThread = false;
        openClaim();
        return;
    }
    auto detail = m_session->thread(threadId);
    if (!detail) {
        m_conversation->clear();
        m_panel->setThread(nullptr);
        m_panel->showError(detail.error());
        return;
    }
    // A complaint forwarded to customer care shows its regulatory clock in the header.
    std::optional<ComplaintClock> complaint;
    if (auto clock = m_session->complaint(threadId))
        complaint = clock.value();
    else
        showQueryError(clock.error());
    m_panel->setToday(QDateTime::fromMSecsSinceEpoch(m_clock.nowMs()).date());
    m_panel->setThread(&detail.value());
    auto draft = m_session->loadDraft(threadId);
    if (!draft)
        showQueryError(draft.error());
    const bool hasDraft = draft && draft->has_value();
    m_loadingThread = true;
    m_panel->setDraft(hasDraft ? draft->value().text : QString(), hasDraft ? draft->value().armed : std::nullopt);
    m_loadingThread = false;
    m_draftTimer->stop(); // what was just loaded needs no storing
    m_conversation->setThread(std::move(detail).value(), complaint);
    showHandoff(threadId);
    openClaim();
}

void MainWindow::showHandoff(qint64 threadId)
{
    auto handoff = m_session->handoff(threadId);
    if (!handoff)
        showQueryError(handoff.error());
    m_conversation->setHandoff(handoff ? handoff.value() : std::nullopt);
}

void MainWindow::onHandoffUpdated(qint64 threadId)
{
    // A resolution stops a complaint's clock: the pane drops it from the open complaints.
    m_complaintsModel->reload();
    if (!m_session)
        return;
    if (threadId != m_currentThreadId) {
        // Elsewhere in the queue (under the Forwarded filter, with its draft's mark): the agent is
        // told, in the tray when there is one, else on the status bar; the tray's message opens it.
        auto handoff = m_session->handoff(threadId);
        if (!handoff || !handoff.value() || !handoff.value()->needsAgent)
            return;
        const QString text =
            tr("Customer care resolved %1: the thread is back with you.").arg(handoff.value()->caseReference);
        if (m_tray && m_tray->isVisible()) {
            m_announcedThread = threadId;
            m_tray->showMessage(tr("Customer care answered"), text, QSystemTrayIcon::Information, 10000);
        } else {
            statusBar()->showMessage(text, 15000);
        }
        return;
    }
    auto detail = m_session->thread(threadId);
    auto handoff = m_session->handoff(threadId);
    if (!detail || !handoff) {
        showQueryError(!detail ? detail.error() : handoff.error());
        return;
    }
    std::optional<ComplaintClock> complaint;
    if (auto clock = m_session->complaint(threadId))
        complaint = clock.value();
    const bool back = detail->backFromCare;
    if (back)
        m_panel->setThread(&detail.value()); // the decisions are offered again
    m_conversation->setThread(std::move(detail).value(), complaint);
    m_conversation->setHandoff(handoff.value());
    // The agent is on the thread: the editor, whose text is stored over the draft, takes care's
    // answer below what the agent typed, the rule the draft store followed (docs/handoff.md).
    const QString answer = handoff.value() ? handoff.value()->answer.trimmed() : QString();
    if (back && !answer.isEmpty() && !m_panel->editor()->toPlainText().contains(answer)) {
        const QString typed = m_panel->editor()->toPlainText();
        m_panel->editor()->setPlainText(typed.trimmed().isEmpty() ? answer : typed + QStringLiteral("\n\n") + answer);
    }
}

void MainWindow::armDecision(DecisionKind kind)
{
    if (!m_session) {
        statusBar()->showMessage(tr("Open a cache first (File > Open Cache)."), 5000);
        return;
    }
    m_panel->arm(kind);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        if (m_session)
            m_session->timerWatch().yieldToInput();
        break;
    default: break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::decide(const DecisionRequest &request)
{
    if (!m_session)
        return;
    m_draftTimer->stop();
    auto outcome = m_session->decide(request);
    if (!outcome) {
        m_panel->showDecisionError(outcome.failure());
        return;
    }

    const qint64 decided = request.threadId;
    const int row = m_queueModel->rowOfThread(decided);
    // The counts follow the decision at once without a count over the whole queue (which costs
    // milliseconds on a large cache); the periodic refresh re-reads them from the database.
    if (const QueueRow *decidedRow = m_queueModel->rowAt(row);
        decidedRow && decidedRow->status == ThreadStatus::Waiting) {
        m_session->threadLeftQueue(decidedRow->dueAtMs, decidedRow->dueSoonAtMs);
    } else {
        refreshCounts();
    }
    m_queueModel->setDraftMarker(decided, false); // the decision took the draft with it
    m_panel->resetAfterDecision();
    m_draftTimer->stop();
    // A forward may open a complaint.
    if (request.kind == DecisionKind::Forward)
        m_complaintsModel->reload();
    m_currentThreadId = 0; // nothing left to keep as a draft for the decided thread
    const bool removed = m_queueModel->refreshThread(decided);
    int next = row < 0 ? 0 : (removed ? row : row + 1);
    if (next >= m_queueModel->rowCount() && m_queueModel->canFetchMore({}))
        m_queueModel->fetchMore({});
    next = qMin(next, m_queueModel->rowCount() - 1);
    m_queue->selectRow(next);
    if (m_currentThreadId != m_queue->currentThreadId())
        showThread(m_queue->currentThreadId());

    // The session started the delivery already when it could.
    refreshOutboxCount();
    statusBar()->showMessage(request.kind == DecisionKind::Close
                                 ? tr("Closed without reply. The decision is recorded in the audit log.")
                             : !m_networkStatus->isOnline()
                                 ? tr("%1: recorded while offline. It waits in the outbox and the thread is checked "
                                      "again before it is sent.")
                                       .arg(label(request.kind))
                                 : tr("%1: recorded and queued in the outbox for delivery.").arg(label(request.kind)),
                             8000);
    m_queue->focusQueue();
}

void MainWindow::cancel()
{
    if (m_panel->armedKind()) {
        m_panel->disarm();
        statusBar()->showMessage(tr("Decision cancelled; your text is kept."), 4000);
        m_queue->focusQueue();
        return;
    }
    m_panel->clearMessage();
    m_queue->focusQueue();
}

void MainWindow::changeCategory(Category category)
{
    if (!m_session || m_currentThreadId == 0)
        return;
    const qint64 threadId = m_currentThreadId;
    if (Status s = m_session->setCategory(threadId, category); !s) {
        m_panel->showError(s.error());
        return;
    }
    // Keep what the agent is writing across the refresh of the thread.
    saveDraft();
    if (!m_queueModel->refreshThread(threadId)) {
        m_currentThreadId = 0;
        showThread(threadId);
    }
    refreshCounts();
    statusBar()->showMessage(tr("Category set to “%1”.").arg(label(category)), 4000);
}

void MainWindow::showQueryError(const QString &message)
{
    statusBar()->showMessage(tr("The queue could not be read: %1").arg(message), 10000);
}

void MainWindow::showSettings()
{
    std::unique_ptr<SettingsDialog> dialog =
        m_session ? std::make_unique<SettingsDialog>(m_settings, m_session->database(), m_clock, *m_tokens, this)
                  : std::make_unique<SettingsDialog>(m_settings, SettingsDialog::Mode::Settings, this);
    const int result = dialog->exec();
    // Joining or leaving a team happened at once, whatever the dialog's answer: the cache is
    // opened again in its new mode (replica of the team, or alone).
    if (m_session && dialog->teamMembershipChanged())
        reopenSession();
    if (result != QDialog::Accepted)
        return;
    if (dialog->save())
        applyLanguage(m_settings.language());
    applySettings();
    applySyncInterval();
    if (dialog->policyChanged())
        policyChanged();
    // A new guard configuration applies at once (guardConfigurationChanged; in a team it also
    // goes up with the next sync, and every desktop applies it).
    if (m_session && dialog->guardConfigChanged())
        reloadGuardIfChanged();
}

void MainWindow::showShortcuts()
{
    // Built from the actions themselves, so the list is always the one in effect.
    QString rows;
    auto add = [&rows](const QAction *a) {
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText).toHtmlEscaped();
        if (keys.isEmpty())
            return;
        rows += QStringLiteral("<tr><td style=\"padding:2px 16px 2px 0\"><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.join(QStringLiteral(", ")), a->text().remove(QLatin1Char('&')).toHtmlEscaped());
    };
    for (QMenu *menu : {m_goMenu, m_triageMenu, m_fileMenu, m_editMenu, m_helpMenu})
        for (const QAction *a : menu->actions())
            if (!a->isSeparator())
                add(a);
    rows += QStringLiteral("<tr><td style=\"padding:2px 16px 2px 0\"><b>%1</b></td><td>%2</td></tr>")
                .arg(tr("Up, Down").toHtmlEscaped(), tr("Move in the queue (when it has the focus)").toHtmlEscaped());
    rows += QStringLiteral("<tr><td style=\"padding:2px 16px 2px 0\"><b>%1</b></td><td>%2</td></tr>")
                .arg(tr("Enter, Down").toHtmlEscaped(), tr("In the search field: go to the results").toHtmlEscaped());
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard Shortcuts"), QStringLiteral("<table>%1</table>").arg(rows),
                    QMessageBox::Ok, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::showAbout()
{
    // The build date comes as YYYY-MM-DD (or "unknown"); shown in the reader's date order.
    const QDate built = QDate::fromString(buildDate(), QStringLiteral("yyyy-MM-dd"));
    const QString builtText = built.isValid() ? dateText(built, true, QLocale()) : buildDate();
    QMessageBox::about(
        this, tr("About Sportello"),
        tr("<h3>Sportello %1</h3>"
           "<p>A console for the people who answer an insurance company's customers on social networks and in "
           "its app: a queue of posts waiting for an answer, a response timer on each, and three decisions "
           "(reply publicly, reply privately, forward to customer care) recorded with an audit trail.</p>"
           "<p>It works offline on a local cache; decisions wait in the outbox until they can be delivered.</p>"
           "<p>Licensed under the Apache License, version 2.0.</p>")
                .arg(versionNumber().toHtmlEscaped()) +
            // What a bug report needs to name this build exactly (version/BuildInfo.h).
            tr("<p>Version %1, commit %2, built on %3.</p>")
                .arg(versionNumber().toHtmlEscaped(), buildCommit().toHtmlEscaped(), builtText.toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveDraft();
    m_closing = true;
    // A pass in flight ends after the page being stored; its thread and connection go with it.
    if (m_syncTimer)
        m_syncTimer->stop();
    if (m_session)
        m_session->shutdown();
    m_settings.setWindowGeometry(saveGeometry(), m_splitter->saveState());
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

} // namespace sportello::ui

namespace sportello::ui {

ReportWindow *MainWindow::showReports()
{
    if (!m_session)
        return nullptr;
    if (!m_reportWindow)
        m_reportWindow = new ReportWindow(m_session->database(), m_clock, this);
    m_reportWindow->setAccessAgent(signingAgent());
    m_reportWindow->show();
    m_reportWindow->raise();
    m_reportWindow->activateWindow();
    return m_reportWindow;
}

} // namespace sportello::ui
