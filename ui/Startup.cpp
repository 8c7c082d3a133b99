#include "Startup.h"

#include "MainWindow.h"
#include "common/AppPaths.h"
#include "common/AppSettings.h"
#include "common/Language.h"
#include "dialogs/SettingsDialog.h"
#include "timers/Clock.h"
#include "models/QueueModel.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "views/QueuePane.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>
#include <memory>

namespace sportello::ui {

namespace {
constexpr int kScreenshotDelayMs = 1500;
}

int runConsole(QApplication &app, const StartupOptions &options)
{
    const bool screenshot = !options.screenshotPath.isEmpty();
    // A screenshot run leaves the agent's own settings alone.
    QTemporaryDir screenshotSettingsDir;
    std::unique_ptr<AppSettings> settings =
        screenshot ? std::make_unique<AppSettings>(screenshotSettingsDir.filePath(QStringLiteral("settings.ini")))
                   : std::make_unique<AppSettings>();
    if (screenshot) {
        settings->setAgentName(QStringLiteral("Marta Verdi"));
        settings->setLanguage(QStringLiteral("en"));
    }
    settings->ensureAgentId();
    applyLanguage(settings->language());

    if (settings->agentName().isEmpty()) {
        SettingsDialog dialog(*settings, SettingsDialog::Mode::FirstRun);
        if (dialog.exec() == QDialog::Accepted && dialog.save())
            applyLanguage(settings->language());
    }

    static const SystemClock clock;
    MainWindow window(*settings, clock);

    if (options.demo || screenshot) {
        QString error;
        if (!window.openDemo(&error)) {
            QMessageBox::critical(nullptr, QCoreApplication::translate("Startup", "Sportello"),
                                  QCoreApplication::translate("Startup", "The demo data could not be loaded.") +
                                      QLatin1Char('\n') + error);
            return 1;
        }
    } else {
        QString path = options.databasePath;
        if (path.isEmpty()) {
            path = defaultDatabasePath(); // shared with sportello-cli
            QDir().mkpath(QFileInfo(path).absolutePath());
        }
        if (!window.openCacheInteractive(path, true))
            return 1;
    }

    window.show();
    if (screenshot) {
        window.resize(1400, 850);
        // The first thread in the queue that has a conversation to show (earlier replies).
        int row = 0;
        if (Database *db = window.database()) {
            const QueueQuery query(*db);
            for (int r = 0; r < qMin(60, window.queueModel()->rowCount()); ++r) {
                auto detail = query.thread(window.queueModel()->threadIdAt(r));
                if (detail && detail->posts.size() >= 3) {
                    row = r;
                    break;
                }
            }
        }
        window.queuePane()->selectRow(row);
        QTimer::singleShot(kScreenshotDelayMs, &window, [&window, &app, &options] {
            window.tick();
            const bool saved = window.grab().save(options.screenshotPath);
            if (!saved)
                qWarning("Could not save the screenshot to %s", qPrintable(options.screenshotPath));
            app.exit(saved ? 0 : 1);
        });
    } else if (!options.demo) {
        QTimer::singleShot(0, &window, [&window] { window.offerDemoIfEmpty(); });
    }
    return app.exec();
}

} // namespace sportello::ui
