// The console's team windows for supervisors: Go > Team Board and Go > Approvals, docked under
// the console like the outbox. Shown in team mode only; both read the team database through the
// session's TeamLink while they are visible.

#include "MainWindow.h"

#include "session/ConsoleSession.h"
#include "views/ApprovalPane.h"
#include "views/OutboxPane.h"
#include "views/TeamBoardPane.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QStatusBar>

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
    const auto toggle = [this](QDockWidget *dock, QWidget *pane) {
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

void MainWindow::retranslateTeam()
{
    m_actions.teamBoard->setText(tr("Team &Board"));
    m_actions.teamBoard->setStatusTip(tr("Who is online, what each holds, the queue by category and department"));
    m_boardDock->setWindowTitle(tr("Team Board"));
    m_actions.approvals->setText(tr("&Approvals"));
    m_actions.approvals->setStatusTip(tr("Public replies waiting for a supervisor's approval"));
    m_approvalsDock->setWindowTitle(tr("Approvals"));
}

} // namespace sportello::ui
