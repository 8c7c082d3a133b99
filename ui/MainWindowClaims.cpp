// The console in team mode: claims and presence (docs/team.md "Claims and presence"). The session's
// ThreadClaims holds the logic (the agent's claim, the book of the team's live claims); here they
// are shown: in the conversation header, on the queue's rows, in the triage panel (a decision on a
// colleague's thread needs an explicit take-over), and Go > Claim Next Thread.

#include "MainWindow.h"

#include "models/QueueModel.h"
#include "session/ConsoleSession.h"
#include "session/ThreadClaims.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QAction>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>

namespace sportello::ui {

void MainWindow::connectClaims()
{
    ThreadClaims *claims = m_session ? m_session->claims() : nullptr;
    if (!claims)
        return;
    connect(claims, &ThreadClaims::claimsChanged, this, [this] {
        m_queueModel->refreshClaims();
        showClaims();
    });
    connect(claims, &ThreadClaims::standingChanged, this, &MainWindow::showClaims);
    connect(claims, &ThreadClaims::takeOverFinished, this,
            [this](bool ok, const QString &previous, const QString &message) {
                if (!ok) {
                    m_panel->showError(message.isEmpty() ? tr("The thread could not be taken over.")
                                                         : tr("The thread could not be taken over: %1").arg(message));
                    return;
                }
                showClaims();
                const QString done =
                    previous.isEmpty()
                        ? tr("This thread is yours now; the team's log records the take-over.")
                        : tr("You took this thread over from %1; the team's log records it.").arg(previous);
                m_panel->showInfo(done);
                statusBar()->showMessage(done, 8000);
                if (m_panel->editor()->isEnabled())
                    m_panel->editor()->setFocus(Qt::OtherFocusReason);
            });
}

void MainWindow::updateTeamActions()
{
    const bool team = m_session && m_session->claims();
    // In team mode Ctrl+J takes the next thread from the team; Alt+Down still moves down the queue.
    QList<QKeySequence> next{QKeySequence(Qt::ALT | Qt::Key_Down)};
    if (!team)
        next.prepend(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_actions.next->setShortcuts(next);
    m_actions.nextTeamThread->setShortcuts(team ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_J)}
                                                : QList<QKeySequence>{});
    m_actions.nextTeamThread->setEnabled(team);
    m_actions.nextTeamThread->setVisible(team);
}

void MainWindow::openClaim()
{
    ThreadClaims *claims = m_session ? m_session->claims() : nullptr;
    if (!claims)
        return;
    std::optional<team::TeamThreadRef> thread;
    if (m_currentThreadId != 0) {
        auto ref = m_session->teamThreadRef(m_currentThreadId);
        if (!ref)
            showQueryError(ref.error());
        else
            thread = ref.value();
    }
    // The first row the queue shows by itself (after it was read again) is not claimed until the
    // agent acts on it: an idle console must not hold the most urgent thread from the team.
    claims->open(thread, !m_queue->isSelectingByItself());
    showClaims();
}

void MainWindow::showClaims()
{
    ThreadClaims *claims = m_session ? m_session->claims() : nullptr;
    if (!claims || m_currentThreadId == 0 || m_panel->threadId() != m_currentThreadId) {
        m_conversation->setPresence(ConversationPane::Presence::None, QString());
        m_panel->setHeldBy(QString());
        m_panel->setClaimNotice(QString());
        return;
    }
    switch (claims->standing()) {
    case ThreadClaims::Standing::Colleague: {
        const team::LiveClaim holder = *claims->holder();
        const QString name = holder.agentName.isEmpty() ? holder.login : holder.agentName;
        m_conversation->setPresence(ConversationPane::Presence::Colleague,
                                    holder.typingAt(m_clock.nowMs()) ? tr("%1 is typing a reply").arg(name)
                                                                     : tr("%1 is on this thread").arg(name));
        m_panel->setClaimNotice(QString());
        m_panel->setHeldBy(name);
        return;
    }
    case ThreadClaims::Standing::Mine:
        m_conversation->setPresence(ConversationPane::Presence::Mine, tr("You are on this thread"));
        m_panel->setClaimNotice(QString());
        m_panel->setHeldBy(QString());
        return;
    case ThreadClaims::Standing::Offline: {
        // Out of the team's reach, or refused by the database (which says why).
        const QString notice =
            claims->offlineKind() == ErrorKind::Network
                ? tr("Offline: this thread is not claimed; a colleague's decision made first wins.")
                : tr("This thread is not claimed (%1); a colleague's decision made first wins.")
                      .arg(claims->offlineReason());
        m_conversation->setPresence(ConversationPane::Presence::Offline, notice);
        m_conversation->presenceLabel()->setToolTip(claims->offlineReason());
        m_panel->setHeldBy(QString());
        m_panel->setClaimNotice(notice);
        return;
    }
    case ThreadClaims::Standing::Pending:
    case ThreadClaims::Standing::None:
        m_conversation->setPresence(ConversationPane::Presence::None, QString());
        m_panel->setHeldBy(QString());
        m_panel->setClaimNotice(QString());
        return;
    }
}

void MainWindow::confirmTakeOver()
{
    ThreadClaims *claims = m_session ? m_session->claims() : nullptr;
    if (!claims)
        return;
    const auto holder = claims->holder();
    if (!holder) {
        showClaims(); // the colleague let go meanwhile
        return;
    }
    const QString name = holder->agentName.isEmpty() ? holder->login : holder->agentName;
    QMessageBox box(QMessageBox::Question, tr("Take Over the Thread"),
                    tr("Take this thread over from %1?").arg(name), QMessageBox::NoButton, this);
    box.setInformativeText(tr("%1 may be writing a reply to this customer. The team's log records that you took "
                              "the thread over, and from whom.")
                               .arg(name));
    QPushButton *take = box.addButton(tr("&Take Over"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != take)
        return;
    if (m_session && m_session->claims() == claims)
        claims->takeOver();
}

void MainWindow::takeNextThread()
{
    ThreadClaims *claims = m_session ? m_session->claims() : nullptr;
    if (!claims)
        return;
    statusBar()->showMessage(tr("Asking the team for the next thread…"), 3000);
    QPointer<MainWindow> self(this);
    claims->next([self, claims](const Result<team::NextThread> &answer) {
        if (!self || !self->m_session || self->m_session->claims() != claims)
            return;
        if (!answer) {
            self->statusBar()->showMessage(answer.error(), 10000);
            return;
        }
        switch (answer->outcome) {
        case team::NextThread::Outcome::NoneWaiting:
            self->statusBar()->showMessage(tr("No thread is waiting for you: every waiting thread the team's routing "
                                              "gives you is answered or held by a colleague."),
                                           8000);
            return;
        case team::NextThread::Outcome::AtCapacity:
            self->statusBar()->showMessage(tr("You hold as many threads as your capacity allows: decide or leave one "
                                              "before claiming the next."),
                                           8000);
            return;
        case team::NextThread::Outcome::Claimed: break;
        }
        if (self->selectTeamThread(answer->thread)) {
            self->m_pendingNext.reset();
            return;
        }
        self->m_pendingNext = answer->thread;
        self->statusBar()->showMessage(tr("The next thread (%1) is yours but has not reached this desktop yet: it "
                                          "opens as soon as it arrives.")
                                           .arg(answer->thread.toString()),
                                       10000);
        (void)self->m_session->syncNow(false);
    });
}

bool MainWindow::selectTeamThread(const team::TeamThreadRef &thread)
{
    if (!m_session)
        return false;
    auto id = m_session->threadIdOf(thread);
    if (!id) {
        showQueryError(id.error());
        return false;
    }
    if (!id->has_value())
        return false;
    const qint64 threadId = id->value();
    if (m_queue->selectThread(threadId)) {
        m_queue->focusQueue();
        return true;
    }
    // Not among the rows listed (a filter or a search hides it): opened all the same.
    showThread(threadId);
    statusBar()->showMessage(tr("The thread is open; the queue's filters hide it from the list."), 8000);
    return true;
}

} // namespace sportello::ui
