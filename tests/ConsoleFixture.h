#pragma once
// The console for the GUI tests (offscreen): a MainWindow over a cache, with an agent's settings
// in a temporary folder, a clock the test moves, the keyboard through the focused widget; and the
// one helper that acts inside the next modal dialog. The window is built in one place
// (ConsoleFixture::open), so that a change to how the console is put together is made once.

#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"

#include <QSize>
#include <QString>
#include <QTemporaryDir>
#include <functional>
#include <memory>
#include <optional>

class QObject;
class QSignalSpy;
class QWidget;

namespace sportello {
class Database;
namespace ui {
class MainWindow;
class TriagePanel;
} // namespace ui
} // namespace sportello

namespace sportello::test {

struct ConsoleOptions {
    qint64 nowMs = 0;                             // where the fixture's own manual clock starts
    const Clock *clock = nullptr;                 // a clock the test keeps across consoles; nullptr: the fixture's own
    QString language = QStringLiteral("en");      // applied and stored before the window is built
    std::optional<int> syncIntervalMinutes;       // unset: the settings' default
    std::unique_ptr<accounts::TokenStore> tokens; // the console's token store; nullptr: one in memory
    QSize size;                                   // the window's size; invalid: its default
};

class ConsoleFixture {
public:
    // A console on a fresh cache of its own, filled by `fill` (may be empty) before it opens.
    explicit ConsoleFixture(const std::function<void(Database &)> &fill, ConsoleOptions options = {});
    // A console on `db`; the test keeps its file, say to open it again after a restart.
    explicit ConsoleFixture(std::unique_ptr<Database> db, ConsoleOptions options = {});
    ~ConsoleFixture();

    ui::MainWindow &w() { return *window; }
    Database &db();
    ui::TriagePanel &panel();
    // The file of the cache the console opened.
    QString cachePath() const { return m_cachePath; }
    QString settingsPath() const;

    // The widget with the keyboard focus; fails the test when there is none.
    QWidget *focus() const;
    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    void type(const QString &text);

    QTemporaryDir settingsDir;
    ui::AppSettings settings;
    ManualClock clock;
    std::unique_ptr<accounts::TokenStore> tokens; // outlives the window, which holds it by reference
    std::unique_ptr<ui::MainWindow> window;
    // The timer notifier's announcements since the console opened its cache.
    std::unique_ptr<QSignalSpy> announced;

private:
    void open(std::unique_ptr<Database> db, ConsoleOptions options);

    std::unique_ptr<TempCache> m_ownCache;
    QString m_cachePath;
};

// The cache file at `path`, opened as the application opens it; fails the test on an error.
std::unique_ptr<Database> openCacheFile(const QString &path);

// Runs `inside` once the next modal dialog is up, from inside its event loop (a dialog's exec()
// returns only when it is answered). `context` owns the wait.
void whenModal(QObject *context, std::function<void(QWidget *)> inside);

} // namespace sportello::test
