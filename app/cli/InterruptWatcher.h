#pragma once
// Ctrl+C or SIGTERM for a long-running command (sync, hub): the first signal calls onInterrupt
// from the event loop, so the command stops after the page or delivery in flight; a second one
// ends the process at once (the default action): SQLite commits are atomic and an outbox entry
// caught mid-send is read back before any resend.

#include <QObject>
#include <functional>

#if defined(Q_OS_UNIX)
#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace sportello::cli {

class InterruptWatcher : public QObject {
public:
    explicit InterruptWatcher(std::function<void()> onInterrupt) : m_onInterrupt(std::move(onInterrupt))
    {
#if defined(Q_OS_UNIX)
        if (::pipe(s_pipe) != 0)
            return;
        ::fcntl(s_pipe[1], F_SETFL, O_NONBLOCK);
        m_notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, [this] {
            char byte;
            (void)::read(s_pipe[0], &byte, 1);
            m_onInterrupt();
        });
        struct sigaction action {};
        action.sa_handler = &InterruptWatcher::handle;
        action.sa_flags = SA_RESETHAND; // the second signal gets the default action
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
#endif
    }
    ~InterruptWatcher() override
    {
#if defined(Q_OS_UNIX)
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        if (s_pipe[0] >= 0) {
            ::close(s_pipe[0]);
            ::close(s_pipe[1]);
            s_pipe[0] = s_pipe[1] = -1;
        }
#endif
    }
    InterruptWatcher(const InterruptWatcher &) = delete;
    InterruptWatcher &operator=(const InterruptWatcher &) = delete;

private:
#if defined(Q_OS_UNIX)
    static void handle(int)
    {
        const char byte = 1;
        (void)::write(s_pipe[1], &byte, 1); // async-signal-safe; the notifier does the rest
    }
    static inline int s_pipe[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
#endif
    std::function<void()> m_onInterrupt;
};

} // namespace sportello::cli
