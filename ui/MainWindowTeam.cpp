// The console's team windows for supervisors: Go > Team Board and Go > Approvals, docked under
// the console like the outbox. Shown in team mode only; both read the team database through the
// session's TeamLink while they are visible. And the internal notes under the conversation, with
// the notice when a colleague mentions this agent.

#include "MainWindow.h"

#include "common/AppSettings.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "team/TeamModeration.h"
#include "team/TeamNotes.h"
#include "team/TeamRoles.h"
#include "views/NotesPanel.h"
#include "views/ApprovalPane.h"
#include "views/OutboxPane.h"
#include "views/TeamBoardPane.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace sportello::ui {

void MainWindow::createTeamDocks()
{
    m_board = new TeamBoardPane;
    m_boardDock = new QDockWidget(this);
    m_boardDock->setObjectName(QStringLiteral("teamBoardDock"));
    m_boardDock->setWidget(m_board);
    m_boardDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_boardDock);
    m_boardDock->hide();

    m_approvals = new ApprovalPane(*m_timers);
    m_approvalsDock = new QDockWidget(this);
    m_approvalsDock->setObjectName(QStringLiteral("approvalsDock"));
    m_approvalsDock->setWidget(m_approvals);
    m_approvalsDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_approvalsDock);
    m_approvalsDock->hide();
    connect(m_approvals, &ApprovalPane::reviewed, this, [this] {
        if (m_session && m_session->teamLink())
            m_session->teamLink()->syncSoon(); // the entry's new state comes down the feed
    });

    // Shown but elsewhere: bring the keys to it; shown with the keys: hide it (as the outbox).
    const auto toggle = [](QDockWidget *dock, QWidget *pane) {
        const bool show = !(dock->isVisible() && pane->isAncestorOf(QApplication::focusWidget()));
        dock->setVisible(show);
        if (show) {
            dock->raise();
            pane->setFocus();
        }
    };
    m_actions.teamBoard = new QAction(this);
    m_actions.teamBoard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_actions.teamBoard->setCheckable(true);
    connect(m_actions.teamBoard, &QAction::triggered, this, [this, toggle] { toggle(m_boardDock, m_board); });
    connect(m_boardDock, &QDockWidget::visibilityChanged, m_actions.teamBoard, &QAction::setChecked);
    m_actions.approvals = new QAction(this);
    m_actions.approvals->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_actions.approvals->setCheckable(true);
    connect(m_actions.approvals, &QAction::triggered, this, [this, toggle] { toggle(m_approvalsDock, m_approvals); });
    connect(m_approvalsDock, &QDockWidget::visibilityChanged, m_actions.approvals, &QAction::setChecked);
    addAction(m_actions.teamBoard);
    addAction(m_actions.approvals);
}

void MainWindow::bindTeamViews(ConsoleSession *session)
{
    team::TeamLink *link = session ? session->teamLink() : nullptr;
    m_board->setTeamLink(link);
    m_approvals->setTeamLink(link);
    m_outbox->setTeamLink(link);
    // Outside a team there is nothing to show: the actions go, and the docks with them.
    m_actions.teamBoard->setEnabled(link != nullptr);
    m_actions.approvals->setEnabled(link != nullptr);
    m_actions.teamBoard->setVisible(link != nullptr);
    m_actions.approvals->setVisible(link != nullptr);
    if (!link) {
        m_boardDock->hide();
        m_approvalsDock->hide();
    }
}

void MainWindow::createNotes()
{
    m_notes = new NotesPanel(m_clock);
    connect(m_notes, &NotesPanel::noteAdded, this, [this] {
        if (m_session && m_session->teamLink())
            m_session->teamLink()->syncSoon(); // the note goes up to the team now
        statusBar()->showMessage(m_session && m_session->teamLink()
                                     ? tr("Note added; it goes to the team with the next sync.")
                                     : tr("Note added."),
                                 5000);
    });
    m_actions.addNote = new QAction(this);
    m_actions.addNote->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_actions.addNote, &QAction::triggered, this, [this] { m_notes->focusInput(); });
    addAction(m_actions.addNote);
}

void MainWindow::bindNotes(ConsoleSession *session)
{
    m_notes->setDatabase(session ? &session->database() : nullptr);
    m_mentionMark = 0;
    if (!session)
        return;
    // In a team a note is the login's, under the name colleagues know; alone, the agent's.
    QString login = m_settings.agent().id;
    QString name = m_settings.agent().name;
    auto own = team::ownTeamRole(session->database().connection());
    if (own && own->has_value()) {
        login = (*own)->login;
        if (!(*own)->name.isEmpty())
            name = (*own)->name;
        // What arrives from now on is announced; older mentions are in their threads' notes.
        if (auto mark = team::latestNoteMark(session->database().connection()))
            m_mentionMark = *mark;
    }
    // Likewise the hub's outcomes of moderation requests: those settled before are old news.
    m_moderationMark = 0;
    if (auto requests = team::listModerationRequests(session->database(), false, 100))
        for (const team::TeamModerationRequest &r : *requests)
            m_moderationMark = std::max(m_moderationMark, r.settledAtMs);
    m_notes->setAuthor(login, name);
}

void MainWindow::announceMentions()
{
    if (!m_session || !m_session->teamMembership())
        return;
    auto mentions = team::mentionsSince(m_session->database().connection(), m_session->teamMembership()->login,
                                        m_mentionMark);
    if (!mentions) {
        showQueryError(mentions.error());
        return;
    }
    if (mentions->isEmpty())
        return;
    const team::Note &latest = mentions->constLast();
    const QString notice = mentions->size() == 1
                               ? tr("%1 mentioned you in a note: \u201c%2\u201d").arg(latest.authorName, latest.text)
                               : tr("%Ln notes mention you; the latest, by %1: \u201c%2\u201d", nullptr,
                                    int(mentions->size()))
                                     .arg(latest.authorName, latest.text);
    // In the tray when there is one (clicking it opens the thread), and in the status bar.
    m_announcedThread = latest.threadId;
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(tr("Sportello: you were mentioned"), notice, QSystemTrayIcon::Information, 10000);
    statusBar()->showMessage(notice, 15000);
}

void MainWindow::retranslateTeam()
{
    m_actions.addNote->setText(tr("Add Internal &Note"));
    m_actions.addNote->setStatusTip(tr("A note on this thread for the team, never sent to the customer"));
    m_actions.teamBoard->setText(tr("Team &Board"));
    m_actions.teamBoard->setStatusTip(tr("Who is online, what each holds, the queue by category and department"));
    m_boardDock->setWindowTitle(tr("Team Board"));
    m_actions.approvals->setText(tr("&Approvals"));
    m_actions.approvals->setStatusTip(tr("Public replies waiting for a supervisor's approval"));
    m_approvalsDock->setWindowTitle(tr("Approvals"));
}

} // namespace sportello::ui
