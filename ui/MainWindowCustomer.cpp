// The customer card beside the conversation (views/CustomerCard, docs/customers.md): created with
// the panes, bound to the session's cache, told which thread is shown; Ctrl+Shift+U goes to it.

#include "MainWindow.h"

#include "common/AppSettings.h"
#include "privacy/Erasure.h"
#include "privacy/Retention.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamMembership.h"
#include "team/TeamPrivacy.h"
#include "team/TeamReplica.h"
#include "team/TeamRoles.h"
#include "views/AccessLogWindow.h"
#include "views/CustomerCard.h"
#include "views/QueuePane.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlQuery>
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
    connect(m_customer, &CustomerCard::eraseRequested, this, &MainWindow::erasePersonInteractive);
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

// The person of the card, erased on their request (docs/privacy.md, "Erasure"): why (audited,
// never the person's name), a confirmation, then alone privacy::erasePerson on this cache, in a
// team the team database's erasure, which this cache applies at once as every replica does at
// its next sync. The views then show the anonymised threads.
void MainWindow::erasePersonInteractive(qint64 authorId)
{
    if (!m_session)
        return;
    Database &db = m_session->database();
    QSqlQuery author(db.connection());
    if (!sql::prepare(author, QStringLiteral("SELECT channel, external_id, handle FROM authors WHERE id = ?")))
        return;
    author.addBindValue(authorId);
    if (!sql::exec(author) || !author.next())
        return;
    const QString channel = author.value(0).toString();
    const QString externalId = author.value(1).toString();
    const QString handle = author.value(2).toString();
    author.finish();

    bool ok = false;
    const QString reason =
        QInputDialog::getText(this, tr("Erase This Person's Data"),
                              tr("Why is the data erased? It is audited and read by everyone who reads the audit: give "
                                 "the request, never the person's name (for example \"GDPR art. 17, request "
                                 "REQ-2026-0042\")."),
                              QLineEdit::Normal, QString(), &ok)
            .trimmed();
    if (!ok)
        return;
    if (reason.isEmpty()) {
        QMessageBox::warning(this, tr("Erase This Person's Data"),
                             tr("An erasure needs its reason: nothing was erased."));
        return;
    }
    QMessageBox confirm(QMessageBox::Warning, tr("Erase This Person's Data"),
                        tr("Erase everything Sportello keeps about %1 and the identities linked to them?").arg(handle),
                        QMessageBox::NoButton, this);
    confirm.setInformativeText(tr("Their messages, identities, customer card and the texts of the conversations that "
                                  "were theirs alone are erased for good; decisions, timers and the audit stay, "
                                  "without their data. This cannot be undone."));
    QPushButton *erase = confirm.addButton(tr("Erase"), QMessageBox::DestructiveRole);
    QPushButton *cancel = confirm.addButton(QMessageBox::Cancel);
    confirm.setDefaultButton(cancel);
    confirm.setEscapeButton(cancel);
    confirm.exec();
    if (confirm.clickedButton() != erase)
        return;

    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString outcome;
    bool failed = false;
    auto inTeam = privacy::inTeam(db.connection());
    if (!inTeam) {
        failed = true;
        outcome = inTeam.error();
    } else if (*inTeam) {
        // The person's keys: the team database never receives a platform id.
        auto keys = privacy::personKeys(db.connection(), authorId);
        team::TeamReplica replica(db, m_clock, m_tokens);
        if (!keys) {
            failed = true;
            outcome = keys.error();
        } else if (Status s = replica.connect(); !s) {
            failed = true;
            outcome = tr("The team database cannot be reached, and in a team the erasure goes through it: nothing was "
                         "erased. Try again when online. (%1)")
                          .arg(s.error());
        } else if (auto team = team::erasePersonInTeam(replica.teamDatabase(), *keys, reason, QString()); !team) {
            failed = true;
            outcome = team.error();
        } else {
            auto here = replica.applyErasures();
            outcome = tr("Erased in the team database: %Ln posts; every desktop applies it at its next sync.", nullptr,
                         int(team->posts));
            if (!here)
                outcome += QLatin1Char(' ') + tr("This desktop applies it at its next sync: %1").arg(here.error());
        }
    } else {
        auto counts = privacy::erasePerson(db, channel, externalId, signingAgent(), reason);
        if (counts) {
            outcome = tr("Erased: %Ln posts of this person; the cache keeps no copy of them.", nullptr,
                         int(counts->posts));
        } else if (counts.errorKind() == ErrorKind::Busy) {
            // The data is anonymised; the scrub of the freed space waits until the cache is not in use.
            (void)privacy::markScrubPending(db.connection());
            outcome = counts.error() + QLatin1Char(' ') +
                      tr("The next retention run scrubs it (or sportello-cli privacy scrub with the console closed).");
        } else {
            failed = true;
            outcome = counts.error();
        }
    }
    QApplication::restoreOverrideCursor();

    m_queue->refreshRows();
    refreshCounts();
    if (m_currentThreadId != 0)
        showThread(m_currentThreadId);
    m_customer->setThread(m_currentThreadId);
    if (failed)
        QMessageBox::critical(this, tr("Erase This Person's Data"), outcome);
    else
        QMessageBox::information(this, tr("Erase This Person's Data"), outcome);
}

} // namespace sportello::ui
