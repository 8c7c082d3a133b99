#include "MainWindow.h"

#include "common/AppSettings.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "common/Language.h"
#include "dialogs/SettingsDialog.h"
#include "import/Importer.h"
#include "models/QueueModel.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "timers/Clock.h"
#include "timers/ResponseTimers.h"
#include "triage/TriageService.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {
const DecisionKind kKinds[] = {DecisionKind::ReplyPublic, DecisionKind::ReplyPrivate, DecisionKind::Forward,
                               DecisionKind::Close};
const char *const kDemoResource = ":/demo/demo_threads.jsonl";
} // namespace

MainWindow::MainWindow(AppSettings &settings, const Clock &clock, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_clock(clock)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_queueModel = new QueueModel(m_clock, this);
    connect(m_queueModel, &QueueModel::queryFailed, this, &MainWindow::showQueryError);

    m_queue = new QueuePane(m_queueModel);
    m_conversation = new ConversationPane(m_clock);
    m_panel = new TriagePanel;

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    leftLayout->addWidget(m_queue);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_conversation);
    m_splitter->addWidget(m_panel);
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 0);
    m_panel->setMinimumWidth(300);
    m_conversation->setMinimumWidth(320);
    left->setMinimumWidth(420);
    m_splitter->setSizes({710, 380, 310});
    setCentralWidget(m_splitter);

    connect(m_queue, &QueuePane::currentThreadChanged, this, &MainWindow::showThread);
    connect(m_panel, &TriagePanel::confirmRequested, this, &MainWindow::confirmDecision);
    connect(m_panel, &TriagePanel::cancelRequested, this, &MainWindow::cancel);
    connect(m_panel, &TriagePanel::categoryChosen, this, &MainWindow::changeCategory);

    createActions();
    createMenus();
    createStatusBar();
    retranslateUi();

    // The single timer of the console; every countdown is recomputed from stored due times.
    m_tick = new QTimer(this);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &MainWindow::tick);
    m_tick->start();

    resize(1400, 850);
    if (!m_settings.windowGeometry().isEmpty())
        restoreGeometry(m_settings.windowGeometry());
    if (!m_settings.windowState().isEmpty())
        m_splitter->restoreState(m_settings.windowState());
    applySettings();
}

MainWindow::~MainWindow()
{
    // The models and views go before the cache they read.
    m_queueModel->setDatabase(nullptr);
    m_triage.reset();
    m_database.reset();
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

    const Qt::Key digits[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (int i = 0; i < 4; ++i) {
        const DecisionKind kind = kKinds[i];
        m_actions.decide[i] = make({QKeySequence(Qt::CTRL | digits[i])}, [this, kind] { armDecision(kind); });
        m_actions.decide[i]->setIcon(icons::decision(kind));
    }
    m_actions.confirm = make({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
                             &MainWindow::confirmDecision);
    m_actions.cancel = make({QKeySequence(Qt::Key_Escape)}, &MainWindow::cancel);

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
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actions.openCache);
    m_fileMenu->addAction(m_actions.openDemo);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actions.quit);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_actions.settings);

    m_goMenu = menuBar()->addMenu(QString());
    m_goMenu->addAction(m_actions.next);
    m_goMenu->addAction(m_actions.previous);
    m_goMenu->addSeparator();
    m_goMenu->addAction(m_actions.find);
    m_goMenu->addAction(m_actions.focusQueue);
    m_goMenu->addAction(m_actions.focusEditor);
    m_goMenu->addSeparator();
    m_goMenu->addAction(m_actions.scrollUp);
    m_goMenu->addAction(m_actions.scrollDown);

    m_triageMenu = menuBar()->addMenu(QString());
    for (QAction *a : m_actions.decide)
        m_triageMenu->addAction(a);
    m_triageMenu->addSeparator();
    m_triageMenu->addAction(m_actions.confirm);
    m_triageMenu->addAction(m_actions.cancel);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_actions.shortcuts);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_actions.about);
    m_helpMenu->addAction(m_actions.aboutQt);
}

void MainWindow::createStatusBar()
{
    auto iconLabel = [this](Urgency urgency) {
        auto *label = new QLabel(this);
        label->setPixmap(icons::urgency(urgency).pixmap(14, 14));
        return label;
    };
    m_waitingLabel = new QLabel(this);
    m_dueSoonIcon = iconLabel(Urgency::DueSoon);
    m_dueSoonLabel = new QLabel(this);
    m_overdueIcon = iconLabel(Urgency::Overdue);
    m_overdueLabel = new QLabel(this);
    m_cacheLabel = new QLabel(this);
    m_cacheLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_agentLabel = new QLabel(this);

    auto *counts = new QWidget(this);
    auto *layout = new QHBoxLayout(counts);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(5);
    layout->addWidget(m_waitingLabel);
    layout->addSpacing(10);
    layout->addWidget(m_dueSoonIcon);
    layout->addWidget(m_dueSoonLabel);
    layout->addSpacing(10);
    layout->addWidget(m_overdueIcon);
    layout->addWidget(m_overdueLabel);
    statusBar()->addPermanentWidget(counts);
    statusBar()->addPermanentWidget(m_agentLabel);
    statusBar()->addPermanentWidget(m_cacheLabel);
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_goMenu->setTitle(tr("&Go"));
    m_triageMenu->setTitle(tr("&Triage"));
    m_helpMenu->setTitle(tr("&Help"));
    m_actions.import->setText(tr("&Import Conversations…"));
    m_actions.openCache->setText(tr("&Open Cache…"));
    m_actions.openDemo->setText(tr("Open &Demo Data"));
    m_actions.quit->setText(tr("&Quit"));
    m_actions.settings->setText(tr("&Settings…"));
    m_actions.next->setText(tr("&Next Thread"));
    m_actions.previous->setText(tr("&Previous Thread"));
    m_actions.find->setText(tr("&Search the Queue"));
    m_actions.focusQueue->setText(tr("Go to the &Queue"));
    m_actions.focusEditor->setText(tr("Go to the &Reply Editor"));
    m_actions.scrollUp->setText(tr("Scroll the Conversation &Up"));
    m_actions.scrollDown->setText(tr("Scroll the Conversation &Down"));
    m_actions.decide[0]->setText(tr("Reply &Publicly"));
    m_actions.decide[1]->setText(tr("Reply Pri&vately"));
    m_actions.decide[2]->setText(tr("&Forward to Customer Care"));
    m_actions.decide[3]->setText(tr("&Close Without Reply"));
    m_actions.confirm->setText(tr("C&onfirm Decision"));
    m_actions.cancel->setText(tr("Cancel &Decision"));
    m_actions.shortcuts->setText(tr("&Keyboard Shortcuts"));
    m_actions.about->setText(tr("&About Sportello"));
    m_actions.aboutQt->setText(tr("About &Qt"));
    updateCacheLabels();
    applySettings();
    refreshCounts();
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
    if (m_triage)
        m_triage->setAgent(agent);
    m_agentLabel->setText(agent.name.isEmpty() ? tr("No agent name set") : tr("Agent: %1").arg(agent.name));
}

void MainWindow::setDatabase(std::unique_ptr<Database> database, const QString &description)
{
    m_drafts.clear();
    m_currentThreadId = 0;
    m_queueModel->setDatabase(nullptr);
    m_triage.reset();
    m_database = std::move(database);
    if (m_database) {
        m_triage = std::make_unique<TriageService>(*m_database, m_clock, m_settings.agent());
        m_cacheDescription = description;
    } else {
        m_cacheDescription.clear();
    }
    updateCacheLabels();
    m_queueModel->setDatabase(m_database.get());
    if (m_queue->currentThreadId() == 0)
        showThread(0);
    refreshCounts();
    m_queue->focusQueue();
}

void MainWindow::updateCacheLabels()
{
    if (!m_database) {
        m_cacheLabel->setText(tr("No cache open"));
        m_cacheLabel->setToolTip(QString());
        setWindowTitle(tr("Sportello"));
        return;
    }
    const QString path = QDir::toNativeSeparators(m_database->path());
    m_cacheLabel->setText(tr("Cache: %1").arg(m_cacheDescription.isEmpty() ? path : m_cacheDescription));
    m_cacheLabel->setToolTip(path);
    setWindowTitle(tr("%1 — Sportello")
                       .arg(m_cacheDescription.isEmpty() ? QFileInfo(m_database->path()).fileName() : m_cacheDescription));
}

void MainWindow::tick()
{
    m_queue->refreshVisibleTimes();
    m_conversation->refreshTimes();
    if (++m_tickCount % kCountsEveryTicks == 0)
        refreshCounts();
}

void MainWindow::refreshCounts()
{
    if (!m_database) {
        m_waitingLabel->clear();
        m_dueSoonLabel->clear();
        m_overdueLabel->clear();
        return;
    }
    const QueueQuery query(*m_database);
    auto counts = query.counts(m_clock.nowMs());
    if (!counts) {
        m_waitingLabel->setText(tr("Counts unavailable"));
        m_waitingLabel->setToolTip(counts.error());
        return;
    }
    showCounts(*counts);
}

void MainWindow::showCounts(const QueueCounts &counts)
{
    m_counts = counts;
    m_waitingLabel->setText(tr("Waiting: %1").arg(counts.waiting));
    m_waitingLabel->setToolTip(tr("Threads waiting for a decision"));
    m_dueSoonLabel->setText(tr("Due soon: %1").arg(counts.dueSoon));
    m_dueSoonLabel->setToolTip(tr("Threads with a quarter or less of their response target left"));
    m_overdueLabel->setText(tr("Overdue: %1").arg(counts.overdue));
    m_overdueLabel->setToolTip(tr("Threads past their response target"));
    // Style sheets re-polish the label: set them only when the emphasis changes.
    const QString bold = QStringLiteral("QLabel { color: %1; font-weight: 600; }");
    const QString dueSoonStyle = counts.dueSoon > 0 ? bold.arg(urgencyColor(Urgency::DueSoon).name()) : QString();
    const QString overdueStyle = counts.overdue > 0 ? bold.arg(urgencyColor(Urgency::Overdue).name()) : QString();
    if (m_dueSoonLabel->styleSheet() != dueSoonStyle)
        m_dueSoonLabel->setStyleSheet(dueSoonStyle);
    if (m_overdueLabel->styleSheet() != overdueStyle)
        m_overdueLabel->setStyleSheet(overdueStyle);
}

void MainWindow::saveDraft()
{
    if (m_currentThreadId == 0)
        return;
    const QString text = m_panel->draft();
    if (text.trimmed().isEmpty() && !m_panel->armedKind())
        m_drafts.remove(m_currentThreadId);
    else
        m_drafts.insert(m_currentThreadId, {text, m_panel->armedKind()});
}

void MainWindow::showThread(qint64 threadId)
{
    if (threadId != m_currentThreadId)
        saveDraft();
    m_currentThreadId = threadId;
    if (threadId == 0 || !m_database) {
        m_conversation->clear();
        m_panel->setThread(nullptr);
        m_panel->editor()->clear();
        return;
    }
    const QueueQuery query(*m_database);
    auto detail = query.thread(threadId);
    if (!detail) {
        m_conversation->clear();
        m_panel->setThread(nullptr);
        m_panel->showError(detail.error());
        return;
    }
    m_panel->setThread(&detail.value());
    const Draft draft = m_drafts.value(threadId);
    m_panel->setDraft(draft.text, draft.armed);
    m_conversation->setThread(std::move(detail).value());
}

void MainWindow::armDecision(DecisionKind kind)
{
    if (!m_database) {
        statusBar()->showMessage(tr("Open a cache first (File > Open Cache)."), 5000);
        return;
    }
    m_panel->arm(kind);
}

void MainWindow::confirmDecision()
{
    if (!m_triage || m_panel->threadId() == 0) {
        m_panel->showError(tr("Select a thread in the queue first."));
        return;
    }
    if (!m_panel->armedKind()) {
        m_panel->showError(tr("Choose a decision first: Ctrl+1 replies publicly, Ctrl+2 privately, Ctrl+3 forwards "
                              "to customer care, Ctrl+4 closes without a reply."));
        return;
    }
    if (m_settings.agentName().isEmpty()) {
        m_panel->showError(tr("Enter your agent name in Edit > Settings before taking decisions: every decision "
                              "is recorded with it."));
        return;
    }
    const DecisionRequest request = m_panel->request();
    auto outcome = m_triage->decide(request);
    if (!outcome) {
        m_panel->showError(outcome.error());
        // Back to where the agent can fix it.
        if (request.kind == DecisionKind::Close && !request.closeReason)
            m_panel->reasonCombo()->setFocus(Qt::OtherFocusReason);
        else
            m_panel->editor()->setFocus(Qt::OtherFocusReason);
        return;
    }

    const qint64 decided = request.threadId;
    const int row = m_queueModel->rowOfThread(decided);
    // The counts follow the decision at once without a count over the whole queue (which costs
    // milliseconds on a large cache); the periodic refresh re-reads them from the database.
    if (const QueueRow *decidedRow = m_queueModel->rowAt(row); decidedRow && decidedRow->status == ThreadStatus::Waiting) {
        QueueCounts counts = m_counts;
        const qint64 now = m_clock.nowMs();
        counts.waiting = qMax(0, counts.waiting - 1);
        if (decidedRow->dueAtMs <= now)
            counts.overdue = qMax(0, counts.overdue - 1);
        else if (decidedRow->dueSoonAtMs <= now)
            counts.dueSoon = qMax(0, counts.dueSoon - 1);
        showCounts(counts);
    } else {
        refreshCounts();
    }
    m_drafts.remove(decided);
    m_panel->resetAfterDecision();
    m_currentThreadId = 0; // nothing left to keep as a draft for the decided thread
    const bool removed = m_queueModel->refreshThread(decided);
    int next = row < 0 ? 0 : (removed ? row : row + 1);
    if (next >= m_queueModel->rowCount() && m_queueModel->canFetchMore({}))
        m_queueModel->fetchMore({});
    next = qMin(next, m_queueModel->rowCount() - 1);
    m_queue->selectRow(next);
    if (m_currentThreadId != m_queue->currentThreadId())
        showThread(m_queue->currentThreadId());

    statusBar()->showMessage(request.kind == DecisionKind::Close
                                 ? tr("Closed without reply. The decision is recorded in the audit log.")
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
    if (!m_triage || m_currentThreadId == 0)
        return;
    const qint64 threadId = m_currentThreadId;
    if (Status s = m_triage->setCategory(threadId, category); !s) {
        m_panel->showError(s.error());
        return;
    }
    // Keep what the agent is writing across the refresh of the thread.
    saveDraft();
    if (!m_queueModel->refreshThread(threadId)) {
        m_currentThreadId = 0;
        showThread(threadId);
    }
    statusBar()->showMessage(tr("Category set to “%1”.").arg(label(category)), 4000);
}

void MainWindow::showQueryError(const QString &message)
{
    statusBar()->showMessage(tr("The queue could not be read: %1").arg(message), 10000);
}

void MainWindow::importInteractive()
{
    if (!m_database)
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import Conversations"), m_settings.lastImportFolder(),
        tr("Conversation files (*.jsonl *.ndjson *.csv);;JSON Lines (*.jsonl *.ndjson);;CSV (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings.setLastImportFolder(QFileInfo(path).absolutePath());
    importPath(path);
}

void MainWindow::importPath(const QString &path)
{
    if (!m_database)
        return;
    auto run = [this, &path](bool skipInvalid) {
        ImportOptions options;
        options.skipInvalid = skipInvalid;
        QApplication::setOverrideCursor(Qt::WaitCursor);
        statusBar()->showMessage(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
        ImportReport report = importFile(*m_database, path, options);
        statusBar()->clearMessage();
        QApplication::restoreOverrideCursor();
        return report;
    };
    ImportReport report = run(false);

    auto issueText = [&report] {
        QStringList lines;
        for (const ImportIssue &issue : report.issues) {
            const QString where = issue.line > 0 ? tr("%1, line %2").arg(QDir::toNativeSeparators(issue.file)).arg(issue.line)
                                                 : QDir::toNativeSeparators(issue.file);
            lines << tr("%1: %2").arg(where, issue.reason);
        }
        if (report.invalidCount > report.issues.size())
            lines << tr("…and %1 more invalid records.").arg(report.invalidCount - report.issues.size());
        return lines.join(QLatin1Char('\n'));
    };

    const bool someValid = report.recordsRead > report.invalidCount;
    if (!report.ok && report.invalidCount > 0 && someValid) {
        QMessageBox box(QMessageBox::Warning, tr("Import Conversations"),
                        tr("Nothing was imported from “%1”.").arg(QFileInfo(path).fileName()), QMessageBox::NoButton, this);
        box.setInformativeText(report.summary() + QStringLiteral("\n\n") +
                               tr("You can import the valid records and leave out the invalid ones."));
        box.setDetailedText(issueText());
        QPushButton *skip = box.addButton(tr("Import Valid Records Only"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != skip)
            return;
        report = run(true);
    }

    QMessageBox box(report.ok ? (report.invalidCount > 0 ? QMessageBox::Warning : QMessageBox::Information)
                              : QMessageBox::Critical,
                    tr("Import Conversations"),
                    report.ok ? tr("“%1” was imported.").arg(QFileInfo(path).fileName())
                              : tr("Nothing was imported from “%1”.").arg(QFileInfo(path).fileName()),
                    QMessageBox::Ok, this);
    box.setInformativeText(report.summary());
    if (!report.issues.isEmpty())
        box.setDetailedText(issueText());
    box.exec();
    if (report.ok) {
        m_queueModel->reload();
        refreshCounts();
    }
}

QString MainWindow::askCachePath()
{
    QFileDialog dialog(this, tr("Open Cache"),
                       m_database ? QFileInfo(m_database->path()).absolutePath() : QDir::homePath(),
                       tr("Sportello caches (*.sqlite *.db);;All files (*)"));
    dialog.setFileMode(QFileDialog::AnyFile); // a new name creates a new, empty cache
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setLabelText(QFileDialog::Accept, tr("Open"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().constFirst();
}

void MainWindow::openCacheDialog()
{
    const QString path = askCachePath();
    if (path.isEmpty())
        return;
    if (openCacheInteractive(path, false))
        offerDemoIfEmpty();
}

bool MainWindow::openCacheInteractive(const QString &path, bool atStartup)
{
    QString candidate = path;
    for (;;) {
        auto opened = Database::open(candidate);
        if (opened) {
            setDatabase(std::move(opened).value());
            return true;
        }
        QMessageBox box(QMessageBox::Critical, tr("Cannot Open the Cache"),
                        tr("Sportello could not open the cache “%1”.").arg(QDir::toNativeSeparators(candidate)),
                        QMessageBox::NoButton, this);
        box.setInformativeText(opened.error() + QStringLiteral("\n\n") +
                               tr("You can open another cache (or type a new file name to create an empty one)."));
        QPushButton *another = box.addButton(tr("Open Another Cache…"), QMessageBox::AcceptRole);
        QPushButton *giveUp = box.addButton(atStartup ? tr("Quit") : tr("Cancel"), QMessageBox::RejectRole);
        box.setDefaultButton(another);
        box.setEscapeButton(giveUp);
        box.exec();
        if (box.clickedButton() != another)
            return false;
        candidate = askCachePath();
        if (candidate.isEmpty())
            return false;
    }
}

bool MainWindow::openDemo(QString *error)
{
    auto dir = std::make_unique<QTemporaryDir>();
    if (!dir->isValid()) {
        if (error)
            *error = tr("No temporary folder could be created for the demo: %1").arg(dir->errorString());
        return false;
    }
    auto opened = Database::open(dir->filePath(QStringLiteral("demo.sqlite")));
    if (!opened) {
        if (error)
            *error = opened.error();
        return false;
    }
    std::unique_ptr<Database> database = std::move(opened).value();
    const ImportReport report = importDemo(*database, QString::fromLatin1(kDemoResource), m_clock.nowMs());
    if (!report.ok) {
        if (error)
            *error = report.error.isEmpty() ? report.summary() : report.error;
        return false;
    }
    m_temporaryDirs.push_back(std::move(dir));
    setDatabase(std::move(database), tr("demo data (temporary, discarded on exit)"));
    return true;
}

void MainWindow::openDemoInteractive()
{
    QString error;
    if (!openDemo(&error))
        QMessageBox::critical(this, tr("Demo Data"), tr("The demo data could not be loaded.") + QLatin1Char('\n') + error);
}

void MainWindow::offerDemoIfEmpty()
{
    if (!m_database)
        return;
    auto count = QueueQuery(*m_database).threadCount();
    if (!count || *count > 0)
        return;
    QMessageBox box(QMessageBox::Question, tr("Empty Cache"), tr("There are no conversations in this cache yet."),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("You can try Sportello on the demo data: about 150 insurance threads on every channel, "
                              "in a temporary cache that is discarded when you quit, so your own cache stays empty. "
                              "Or import a file of conversations into this cache."));
    QPushButton *demo = box.addButton(tr("Open the Demo"), QMessageBox::AcceptRole);
    QPushButton *import = box.addButton(tr("Import a File…"), QMessageBox::ActionRole);
    QPushButton *empty = box.addButton(tr("Start Empty"), QMessageBox::RejectRole);
    box.setDefaultButton(demo);
    box.setEscapeButton(empty);
    box.exec();
    if (box.clickedButton() == demo)
        openDemoInteractive();
    else if (box.clickedButton() == import)
        importInteractive();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, SettingsDialog::Mode::Settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.save())
        applyLanguage(m_settings.language());
    applySettings();
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
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard Shortcuts"),
                    QStringLiteral("<table>%1</table>").arg(rows), QMessageBox::Ok, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Sportello"),
        tr("<h3>Sportello %1</h3>"
           "<p>A console for the people who answer an insurance company's customers on social networks and in "
           "its app: a queue of posts waiting for an answer, a response timer on each, and three decisions "
           "(reply publicly, reply privately, forward to customer care) recorded with an audit trail.</p>"
           "<p>It works offline on a local cache; decisions wait in the outbox until they can be delivered.</p>"
           "<p>Licensed under the Apache License, version 2.0.</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setWindowGeometry(saveGeometry(), m_splitter->saveState());
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

} // namespace sportello::ui
