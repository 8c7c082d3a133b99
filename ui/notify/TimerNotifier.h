#pragma once
// Warnings before and at a breach, in the agent's words: the session's timer watch
// (core/timers/TimerWatch) says which threads crossed into due soon or overdue; this turns each
// report into one announcement ("5 threads are now overdue"). How an announcement reaches the
// agent (tray message or status bar) is the window's business. The notifier outlives the
// sessions: the console points it at each new session's watch.

#include "timers/TimerNotifications.h"
#include "timers/TimerWatch.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>

namespace sportello::ui {

class TimerNotifier : public QObject {
    Q_OBJECT
public:
    // How many threads one announcement names before it says "and 3 more".
    static constexpr int kNamesShown = TimerWatch::kNamesShown;

    explicit TimerNotifier(QObject *parent = nullptr);

    // The watch whose reports are announced; nullptr: none.
    void setWatch(TimerWatch *watch);

    // The words of one announcement, from the crossings of one look.
    struct Text {
        QString title;
        QString message; // may hold several lines
        QString summary; // one line, for a status bar
    };
    static Text describe(const QVector<TimerCrossing> &crossings, qint64 nowMs);
    // The same from counts and the crossings to name (overdue first, by due time).
    static Text describe(const QVector<TimerCrossing> &first, int overdue, int dueSoon, qint64 nowMs);

signals:
    // `threadId`: the thread when there is only one, 0 otherwise.
    void announced(const QString &title, const QString &message, int overdue, int dueSoon, qint64 threadId,
                   const QString &summary);
    void failed(const QString &message);

private:
    void announce(const QVector<TimerCrossing> &first, int overdue, int dueSoon, qint64 nowMs);

    QPointer<TimerWatch> m_watch;
};

} // namespace sportello::ui
