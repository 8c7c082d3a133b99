#include "ConsoleFixture.h"

#include "MainWindow.h"
#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "catch_compat.h"
#include "common/Language.h"
#include "notify/TimerNotifier.h"
#include "storage/Database.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

namespace sportello::test {

ConsoleFixture::ConsoleFixture(const std::function<void(Database &)> &fill, ConsoleOptions options)
    : settings(settingsDir.filePath(QStringLiteral("settings.ini"))), clock(options.nowMs)
{
    m_ownCache = std::make_unique<TempCache>();
    if (fill)
        fill(*m_ownCache->db);
    open(std::move(m_ownCache->db), std::move(options));
}

ConsoleFixture::ConsoleFixture(std::unique_ptr<Database> db, ConsoleOptions options)
    : settings(settingsDir.filePath(QStringLiteral("settings.ini"))), clock(options.nowMs)
{
    open(std::move(db), std::move(options));
}

// The window goes first: the spy, the settings, the clock and the cache's folder outlive it.
ConsoleFixture::~ConsoleFixture()
{
    announced.reset();
    window.reset();
}

void ConsoleFixture::open(std::unique_ptr<Database> db, ConsoleOptions options)
{
    REQUIRE(settingsDir.isValid());
    REQUIRE(db != nullptr);
    m_cachePath = db->path();
    settings.setAgentName(QStringLiteral("Marta Verdi"));
    settings.ensureAgentId();
    if (!options.language.isEmpty()) {
        settings.setLanguage(options.language);
        ui::applyLanguage(options.language);
    }
    if (options.syncIntervalMinutes)
        settings.setSyncIntervalMinutes(*options.syncIntervalMinutes);

    tokens = options.tokens ? std::move(options.tokens) : std::make_unique<accounts::MemoryTokenStore>();
    window = std::make_unique<ui::MainWindow>(settings, options.clock ? *options.clock : clock, *tokens);
    announced = std::make_unique<QSignalSpy>(window->timerNotifier(), &ui::TimerNotifier::announced);
    window->setDatabase(std::move(db));
    if (options.size.isValid())
        window->resize(options.size);
    window->show();
    QApplication::setActiveWindow(window.get());
    REQUIRE(QTest::qWaitForWindowActive(window.get()));
}

Database &ConsoleFixture::db()
{
    REQUIRE(window->database() != nullptr);
    return *window->database();
}

ui::TriagePanel &ConsoleFixture::panel() { return *window->triagePanel(); }

QString ConsoleFixture::settingsPath() const { return settingsDir.filePath(QStringLiteral("settings.ini")); }

QWidget *ConsoleFixture::focus() const
{
    QWidget *w = QApplication::focusWidget();
    REQUIRE(w != nullptr);
    return w;
}

void ConsoleFixture::key(Qt::Key key, Qt::KeyboardModifiers modifiers) { QTest::keyClick(focus(), key, modifiers); }

void ConsoleFixture::type(const QString &text) { QTest::keyClicks(focus(), text); }

std::unique_ptr<Database> openCacheFile(const QString &path)
{
    auto opened = openCache(path);
    INFO(opened.error().toStdString());
    REQUIRE(opened.ok());
    return std::move(opened).value();
}

void whenModal(QObject *context, std::function<void(QWidget *)> inside)
{
    auto *poll = new QTimer(context);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, context, [poll, inside = std::move(inside)] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            poll->stop();
            poll->deleteLater();
            inside(modal);
        }
    });
    poll->start();
}

} // namespace sportello::test
