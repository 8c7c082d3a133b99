// The retention policy applied by the console (privacy/RetentionSchedule, docs/privacy.md
// "Retention"): a schedule per open cache, polled by the tick, run off the GUI thread, held back
// while the agent is in the middle of a decision; the status bar says what a run did.

#include "MainWindow.h"

#include "common/AppSettings.h"
#include "privacy/RetentionSchedule.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "views/TriagePanel.h"

#include <QApplication>
#include <QLocale>
#include <QStatusBar>

namespace sportello::ui {

void MainWindow::bindRetention(ConsoleSession *session)
{
    // The previous cache's schedule stops after its current batch (and is waited for).
    delete m_retention;
    m_retention = nullptr;
    // A damaged cache opened read-only is not written; a cache that is nobody's file (no path) has
    // nothing to keep.
    if (!session || session->isReadOnly() || session->database().path().isEmpty())
        return;
    m_retention = new privacy::RetentionSchedule(session->database().path(), m_clock, m_settings.agent(),
                                                 m_retentionTiming, this);
    connect(m_retention, &privacy::RetentionSchedule::finished, this, &MainWindow::retentionFinished);
}

void MainWindow::setRetentionTiming(const privacy::RetentionSchedule::Timing &timing)
{
    m_retentionTiming = timing;
    bindRetention(m_session.get());
}

bool MainWindow::agentMidDecision() const
{
    // A reply being written (or an armed decision's text), or a dialog open (a decision's
    // confirmation, the settings): the run waits, so that nothing the agent reads changes under
    // them.
    return !m_panel->draft().trimmed().isEmpty() || QApplication::activeModalWidget() != nullptr;
}

void MainWindow::pollRetention()
{
    if (!m_retention || !m_retention->due())
        return;
    m_retention->setAgent(m_settings.agent());
    m_retention->poll(agentMidDecision());
}

void MainWindow::retentionFinished(const privacy::RetentionSchedule::Outcome &outcome)
{
    if (!outcome.ok) {
        statusBar()->showMessage(tr("The retention policy could not be applied: %1").arg(outcome.error), 15000);
        return;
    }
    const privacy::RetentionCounts &counts = outcome.counts;
    if (counts.threads == 0 && counts.auditEntries == 0 && counts.accessRecords == 0)
        return; // nothing expired: nothing to say
    const QLocale locale;
    statusBar()->showMessage(tr("Retention policy applied: %1 conversations anonymised, %2 audit entries and %3 "
                                "access records deleted.")
                                 .arg(locale.toString(counts.threads), locale.toString(counts.auditEntries),
                                      locale.toString(counts.accessRecords)),
                             15000);
    // The queue and the conversation shown may hold texts that are gone now.
    if (counts.threads > 0)
        refreshAfterSync();
}

} // namespace sportello::ui
