// The customer card beside the conversation (views/CustomerCard, docs/customers.md): created with
// the panes, bound to the session's cache, told which thread is shown; Ctrl+Shift+U goes to it.

#include "MainWindow.h"

#include "common/AppSettings.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "team/TeamMembership.h"
#include "team/TeamRoles.h"
#include "views/AccessLogWindow.h"
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
    m_actions.accessLog = new QAction(this);
    connect(m_actions.accessLog, &QAction::triggered, this, &MainWindow::showAccessLog);
}

void MainWindow::bindCustomerCard(ConsoleSession *session)
{
    m_customer->setDatabase(session ? &session->database() : nullptr);
    // The access records: alone always (the desktop's own), in a team for its data protection
    // officer alone (the team database grants them to no one else).
    bool mayReadAccessLog = false;
    if (session) {
        auto own = team::ownTeamRole(session->database().connection());
        mayReadAccessLog = own && team::mayReadAccessLog(own.value());
    }
    m_actions.accessLog->setVisible(mayReadAccessLog);
    m_actions.accessLog->setEnabled(mayReadAccessLog);
    if (!session)
        return;
    m_customer->setAgent(signingAgent());
    // The queue may have opened a thread while the views were being bound.
    m_customer->setThread(m_currentThreadId);
}

Agent MainWindow::signingAgent() const
{
    // In a team the agent is the login colleagues know; alone, the agent of the settings.
    Agent agent = m_settings.agent();
    if (!m_session)
        return agent;
    auto own = team::ownTeamRole(m_session->database().connection());
    if (own && own->has_value()) {
        agent.id = (*own)->login;
        if (!(*own)->name.isEmpty())
            agent.name = (*own)->name;
    }
    return agent;
}

AccessLogWindow *MainWindow::showAccessLog()
{
    if (!m_session)
        return nullptr;
    if (!m_accessLogWindow) {
        const QSqlDatabase cache = m_session->database().connection();
        auto own = team::ownTeamRole(cache);
        if (!own) {
            statusBar()->showMessage(own.error(), 10000);
            return nullptr;
        }
        if (!team::mayReadAccessLog(own.value())) {
            statusBar()->showMessage(tr("The access records are read by the team's data protection officer."), 10000);
            return nullptr;
        }
        if (!own->has_value()) {
            m_accessLogWindow = new AccessLogWindow(cache, privacy::AccessLogSource::Cache, nullptr, this);
        } else {
            // The team's records, on a connection of the window's own as the cache's login.
            auto membership = team::TeamMembership::load(cache);
            if (!membership || !membership->has_value()) {
                statusBar()->showMessage(membership ? tr("This cache is not in a team.") : membership.error(), 10000);
                return nullptr;
            }
            auto connection = membership->value().connect(m_tokens);
            if (!connection) {
                statusBar()->showMessage(tr("The team database could not be reached: %1").arg(connection.error()),
                                         10000);
                return nullptr;
            }
            const QSqlDatabase team = (*connection)->db();
            m_accessLogWindow =
                new AccessLogWindow(team, privacy::AccessLogSource::Team, std::move(connection).value(), this);
        }
        m_accessLogWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_accessLogWindow->show();
    m_accessLogWindow->raise();
    m_accessLogWindow->activateWindow();
    return m_accessLogWindow;
}

void MainWindow::retranslateCustomerCard()
{
    m_actions.accessLog->setText(tr("&Access Records…"));
    m_actions.accessLog->setStatusTip(tr("Who opened a customer's card and who exported a report or a person's data"));
    m_actions.customerCard->setText(tr("Go to the Cus&tomer Card"));
    m_actions.openInCrm->setText(tr("Open the Customer in the CR&M"));
    m_actions.openInCrm->setStatusTip(tr("Opens the company's CRM on the customer shown, with the address set by "
                                         "sportello-cli customer crm-template"));
    m_actions.customerCard->setStatusTip(tr("The customer behind the conversation: other threads, identities, "
                                            "reference, notes"));
}

} // namespace sportello::ui
