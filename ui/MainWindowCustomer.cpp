// The customer card beside the conversation (views/CustomerCard, docs/customers.md): created with
// the panes, bound to the session's cache, told which thread is shown; Ctrl+Shift+U goes to it.

#include "MainWindow.h"

#include "common/AppSettings.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "team/TeamRoles.h"
#include "views/CustomerCard.h"
#include "views/QueuePane.h"

#include <QAction>
#include <QStatusBar>

namespace sportello::ui {

void MainWindow::createCustomerCard()
{
    m_customer = new CustomerCard(m_clock);
    connect(m_customer, &CustomerCard::openThreadRequested, this, [this](qint64 threadId) {
        // Another thread of the customer's may have left the waiting queue: show it regardless.
        if (!m_queue->selectThread(threadId))
            showThread(threadId);
    });
    // A stored or cleared reference changes what the guard knows: the composer's live check and
    // the conversation's marks follow at once (decisions read it from the cache anyway).
    connect(m_customer, &CustomerCard::referenceChanged, this, [this] {
        if (!m_session)
            return;
        if (Status s = m_session->reloadGuardConfiguration(); !s)
            statusBar()->showMessage(s.error(), 10000);
    });
    m_actions.customerCard = new QAction(this);
    // Ctrl+Shift+U: free among the window's shortcuts (F1 lists them).
    m_actions.customerCard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    connect(m_actions.customerCard, &QAction::triggered, this, [this] { m_customer->focusCard(); });
    addAction(m_actions.customerCard);
    // Ctrl+Shift+M: free too; the CRM on the customer shown, wherever the focus is.
    m_actions.openInCrm = new QAction(this);
    m_actions.openInCrm->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(m_actions.openInCrm, &QAction::triggered, this, [this] {
        if (!m_customer->openInCrm())
            statusBar()->showMessage(m_customer->message(), 8000);
    });
    addAction(m_actions.openInCrm);
}

void MainWindow::bindCustomerCard(ConsoleSession *session)
{
    m_customer->setDatabase(session ? &session->database() : nullptr);
    if (!session)
        return;
    // In a team the agent is the login colleagues know; alone, the agent of the settings.
    Agent agent = m_settings.agent();
    auto own = team::ownTeamRole(session->database().connection());
    if (own && own->has_value()) {
        agent.id = (*own)->login;
        if (!(*own)->name.isEmpty())
            agent.name = (*own)->name;
    }
    m_customer->setAgent(agent);
    // The queue may have opened a thread while the views were being bound.
    m_customer->setThread(m_currentThreadId);
}

void MainWindow::retranslateCustomerCard()
{
    m_actions.customerCard->setText(tr("Go to the Cus&tomer Card"));
    m_actions.openInCrm->setText(tr("Open the Customer in the CR&M"));
    m_actions.openInCrm->setStatusTip(tr("Opens the company's CRM on the customer shown, with the address set by "
                                         "sportello-cli customer crm-template"));
    m_actions.customerCard->setStatusTip(tr("The customer behind the conversation: other threads, identities, "
                                            "reference, notes"));
}

} // namespace sportello::ui
