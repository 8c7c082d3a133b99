// MainWindow, continued: the cache it works on (opening one, the demo data) and importing
// files into it. Kept apart from MainWindow.cpp, which holds the console's layout and the triage.
#include "MainWindow.h"

#include "ConsoleStatusBar.h"
#include "cache/OpenCache.h"
#include "cache/Salvage.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Format.h"
#include "fileimport/Importer.h"
#include "models/QueueModel.h"
#include "notify/TimerNotifier.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>

namespace sportello::ui {

namespace {
const char *const kDemoResource = ":/demo/demo_threads.jsonl";
} // namespace

void MainWindow::importInteractive()
{
    if (!m_session)
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
    if (!m_session)
        return;
    auto run = [this, &path](bool skipInvalid) {
        ImportOptions options;
        options.skipInvalid = skipInvalid;
        QApplication::setOverrideCursor(Qt::WaitCursor);
        statusBar()->showMessage(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
        ImportReport report = m_session->importFile(path, options);
        statusBar()->clearMessage();
        QApplication::restoreOverrideCursor();
        return report;
    };
    ImportReport report = run(false);

    auto issueText = [&report] {
        QStringList lines;
        for (const ImportIssue &issue : report.issues) {
            const QString where = issue.line > 0
                                      ? tr("%1, line %2").arg(QDir::toNativeSeparators(issue.file)).arg(issue.line)
                                      : QDir::toNativeSeparators(issue.file);
            lines << tr("%1: %2").arg(where, issue.reason);
        }
        if (report.invalidCount > report.issues.size())
            lines << tr("…and %1 more invalid records.").arg(formatCount(report.invalidCount - report.issues.size()));
        for (const ImportIssue &issue : report.otherThreadPosts)
            lines << tr("%1: %2").arg(tr("%1, line %2").arg(QDir::toNativeSeparators(issue.file)).arg(issue.line),
                                      issue.reason);
        if (report.postsInOtherThread > report.otherThreadPosts.size())
            lines << tr("…and %1 more posts already in another thread.")
                         .arg(formatCount(report.postsInOtherThread - report.otherThreadPosts.size()));
        return lines.join(QLatin1Char('\n'));
    };

    const bool someValid = report.recordsRead > report.invalidCount;
    if (!report.ok && report.invalidCount > 0 && someValid) {
        QMessageBox box(QMessageBox::Warning, tr("Import Conversations"),
                        tr("Nothing was imported from “%1”.").arg(QFileInfo(path).fileName()), QMessageBox::NoButton,
                        this);
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

    QMessageBox box(report.ok ? (report.invalidCount > 0 || report.postsInOtherThread > 0 ? QMessageBox::Warning
                                                                                          : QMessageBox::Information)
                              : QMessageBox::Critical,
                    tr("Import Conversations"),
                    report.ok ? tr("“%1” was imported.").arg(QFileInfo(path).fileName())
                              : tr("Nothing was imported from “%1”.").arg(QFileInfo(path).fileName()),
                    QMessageBox::Ok, this);
    box.setInformativeText(report.summary());
    if (!report.issues.isEmpty() || !report.otherThreadPosts.isEmpty())
        box.setDetailedText(issueText());
    box.exec();
    if (report.ok) {
        m_queueModel->reload();
        refreshCounts();
        // New posts, and answers to old ones: what is due soon or overdue is said once, grouped.
        m_session->recheckTimers();
    }
}

QString MainWindow::askCachePath()
{
    QFileDialog dialog(this, tr("Open Cache"),
                       m_session ? QFileInfo(m_session->path()).absolutePath() : QDir::homePath(),
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
        // The company may require the operating system's disk encryption under a cache
        // (docs/privacy.md): a cache on a disk it does not accept is not opened at all.
        const platform::DiskEncryptionPolicy policy = m_diskEncryptionPolicy();
        const platform::DiskEncryption disk =
            policy == platform::DiskEncryptionPolicy::Off ? platform::DiskEncryption{} : m_diskEncryptionCheck(candidate);
        const QString atRestProblem = platform::diskEncryptionProblem(disk, policy, candidate);
        QString failure;
        if (!atRestProblem.isEmpty() && policy == platform::DiskEncryptionPolicy::Require) {
            failure = atRestProblem + QLatin1Char(' ') +
                      tr("Your company requires it: Sportello does not open a cache on this disk.");
        } else {
            // A damaged cache whose schema can be read opens read-only, with a message saying so.
            Database::Options options;
            options.readOnlyIfDamaged = true;
            auto opened = openCache(candidate, options);
            if (opened) {
                setSession(createSession(std::move(opened).value()));
                m_status->showAtRestProblem(atRestProblem,
                                            disk.state == platform::DiskEncryptionState::Unknown);
                return true;
            }
            failure = opened.error();
        }
        QMessageBox box(QMessageBox::Critical, tr("Cannot Open the Cache"),
                        tr("Sportello could not open the cache “%1”.").arg(QDir::toNativeSeparators(candidate)),
                        QMessageBox::NoButton, this);
        box.setInformativeText(failure + QStringLiteral("\n\n") +
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

void MainWindow::setDiskEncryptionCheck(std::function<platform::DiskEncryption(const QString &)> check,
                                        std::function<platform::DiskEncryptionPolicy()> policy)
{
    m_diskEncryptionCheck = std::move(check);
    m_diskEncryptionPolicy = std::move(policy);
}

void MainWindow::showReadOnly()
{
    const bool readOnly = m_session && m_session->isReadOnly();
    m_readOnlyLabel->setText(readOnly ? m_session->readOnlyMessage() : QString());
    m_readOnlyLabel->setVisible(readOnly);
    m_actions.import->setEnabled(!readOnly);
    m_actions.sync->setEnabled(!readOnly);
    m_actions.salvage->setEnabled(m_session != nullptr);
}

void MainWindow::salvageInteractive()
{
    if (!m_session)
        return;
    const QString target =
        QFileDialog::getSaveFileName(this, tr("Salvage into a New Cache"), QFileInfo(m_session->path()).absolutePath(),
                                     tr("Sportello cache (*.sqlite);;All files (*)"));
    if (target.isEmpty())
        return;
    auto salvaged = salvageCache(m_session->path(), target);
    if (!salvaged) {
        QMessageBox::critical(this, tr("Salvage"), salvaged.error());
        return;
    }
    QStringList lines;
    for (const SalvagedTable &table : salvaged->tables) {
        QString line = tr("%1: %2 rows saved").arg(table.name).arg(table.copied);
        if (table.skipped > 0)
            line += tr(", %1 rows not kept").arg(table.skipped);
        if (!table.problem.isEmpty())
            line += tr("; the rest could not be read: %1").arg(table.problem);
        lines << line;
    }
    QMessageBox box(salvaged->complete() ? QMessageBox::Information : QMessageBox::Warning, tr("Salvage"),
                    tr("What could be read is in %1. Open it with File > Open Cache.")
                        .arg(QDir::toNativeSeparators(salvaged->target)),
                    QMessageBox::Ok, this);
    box.setDetailedText(lines.join(QLatin1Char('\n')));
    box.exec();
}

bool MainWindow::openDemo(QString *error)
{
    auto dir = std::make_unique<QTemporaryDir>();
    if (!dir->isValid()) {
        if (error)
            *error = tr("No temporary folder could be created for the demo: %1").arg(dir->errorString());
        return false;
    }
    auto opened = openCache(dir->filePath(QStringLiteral("demo.sqlite")));
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
    std::unique_ptr<ConsoleSession> session =
        createSession(std::move(database), tr("demo data (temporary, discarded on exit)"));
    session->keepFolder(std::move(dir)); // removed when the session closes its cache
    setSession(std::move(session));
    m_status->showAtRestProblem({}, false); // made-up data, thrown away on exit
    return true;
}

void MainWindow::openDemoInteractive()
{
    QString error;
    if (!openDemo(&error))
        QMessageBox::critical(this, tr("Demo Data"),
                              tr("The demo data could not be loaded.") + QLatin1Char('\n') + error);
}

void MainWindow::offerDemoIfEmpty()
{
    if (!m_session)
        return;
    auto count = m_session->threadCount();
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

} // namespace sportello::ui
