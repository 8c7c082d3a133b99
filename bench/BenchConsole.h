#pragma once
// The console as the GUI benchmarks open it: throwaway settings (agent "Benchmark", English),
// the system clock, tokens in memory, a 1400×850 window.

#include "MainWindow.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"

#include <QTemporaryDir>

namespace sportello::bench {

struct BenchConsole {
    QTemporaryDir settingsDir;
    ui::AppSettings settings;
    SystemClock clock;
    accounts::MemoryTokenStore tokens;
    ui::MainWindow window;

    BenchConsole()
        : settings(settingsDir.filePath(QStringLiteral("settings.ini"))),
          window((configure(settings), settings), clock, tokens)
    {
        window.resize(1400, 850);
    }

private:
    static void configure(ui::AppSettings &s)
    {
        s.setAgentName(QStringLiteral("Benchmark"));
        s.setLanguage(QStringLiteral("en"));
        s.ensureAgentId();
    }
};

} // namespace sportello::bench
