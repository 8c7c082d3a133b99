#pragma once
// Watches a cache's response timers for the moments they cross: when a waiting thread becomes
// due soon and when it becomes overdue, each post and state is reported once (across restarts;
// the record is in the cache, TimerNotifications). One single-shot timer sleeps until the next
// moment a timer can change state, read from the database; after a decision, an import or a
// policy change it is armed again. Many crossings at once make one report.
// A full look (a cache opened, timers recomputed) walks the backlog in chunks of kBacklogChunk
// threads, one per turn of the event loop, and reports it once at the end: on a large cache the
// backlog is 100,000 threads, far too many to record between two repaints.
// What the agent is told, and how, is the console's business (ui/notify/TimerNotifier).

#include "timers/TimerNotifications.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QVector>

class QTimer;

namespace sportello {

class Clock;
class Database;

class TimerWatch : public QObject {
    Q_OBJECT
public:
    static constexpr int kFirstLookDelayMs = 1000;
    // How many crossings of each state one report names (the earliest due).
    static constexpr int kNamesShown = 3;
    // Threads one step of a full look records at most: about 10 ms on a 2-core machine when idle.
    static constexpr int kBacklogChunk = 2000;
    // A step that took longer than this (a loaded machine, a large cache) makes the next ones
    // smaller, down to kMinBacklogChunk threads, so that the event loop is never held for long.
    static constexpr qint64 kBacklogStepBudgetMs = 6;
    static constexpr int kMinBacklogChunk = 100;
    // A step that finds the cache being written by another connection is tried again after this
    // wait, this many times without a word, before it counts as a failure (kBacklogRetryMs).
    static constexpr int kQuietBusyRetryMs = 50;
    static constexpr int kQuietBusyRetries = 20;
    // A chunk that failed because the cache was busy or a read failed (Busy, Io) is tried again
    // after this wait; any other failure (a damaged cache) ends the walk.
    static constexpr int kBacklogRetryMs = 1000;
    // After the agent's input (a key, a click), the next step of a full look waits this long, so
    // that what the input asked for (a decision, the next thread, its paint) has the event loop to
    // itself; a walk kept waiting kMaxInputWaitMs since its last step takes one anyway, so that
    // it ends even while the agent types without a pause.
    static constexpr int kInputWaitMs = 250;
    static constexpr int kMaxInputWaitMs = 500;

    explicit TimerWatch(const Clock &clock, QObject *parent = nullptr);

    // The cache to watch; nullptr stops. A new cache is looked at in full after
    // kFirstLookDelayMs, so that the console shows the queue first.
    void setDatabase(Database *database);
    // Timers may have been recomputed (an import, a policy or category change): look at every
    // waiting thread again, report what is new, and arm the timer. The first chunk is walked at
    // once (a small cache is done on return), the rest on the following turns of the event loop.
    void rescan();
    // After a decision nothing new can have crossed, but the next change may come later.
    void rearm();
    // Reports the crossings since the last look; what the timer calls.
    void check();
    // Called by the console's one-second tick: looks when the next change is due or past (after
    // the computer slept, or when a test moves the clock). Costs one comparison otherwise.
    void poll(qint64 nowMs);

    // The next moment a state can change; -1 when nothing waits.
    qint64 nextChangeMs() const { return m_nextMs; }
    bool isArmed() const;
    // A full look still has chunks to walk.
    bool isWalkingBacklog() const { return m_walking; }
    // While another connection writes the cache in bulk (a sync pass), the steps of a full look
    // wait: they would contend for its write lock from the GUI thread, and a pass that adds posts
    // starts the look again anyway. Released, the walk goes on where it was.
    void holdBacklog(bool held);
    // The agent just pressed a key or clicked: a full look under way gives way (kInputWaitMs).
    void yieldToInput();
    // For tests: a smaller chunk shows the walk over several steps.
    void setBacklogChunk(int threads) { m_backlogChunk = m_stepChunk = qMax(1, threads); }
    // The threads the next step of a full look records (kept within the time budget).
    int backlogStepChunk() const { return m_stepChunk; }

signals:
    // New crossings: `first` names up to kNamesShown of each state, earliest due first; at least
    // one of `overdue` and `dueSoon` is not zero.
    void crossed(const QVector<sportello::TimerCrossing> &first, int overdue, int dueSoon, qint64 nowMs);
    void failed(const QString &message);

private:
    void look();
    void walkBacklog();
    void report(const QVector<TimerCrossing> &first, int overdue, int dueSoon, qint64 nowMs);
    void arm(qint64 nowMs);

    const Clock &m_clock;
    Database *m_database = nullptr;
    QTimer *m_timer;
    QTimer *m_backlogTimer; // the next chunk of a full look, on the next turn of the event loop
    qint64 m_nextMs = -1;
    qint64 m_lookedAtMs = TimerNotifications::kFromTheStart; // crossings up to here are known
    // The full look under way and what it found so far.
    int m_backlogChunk = kBacklogChunk;
    int m_stepChunk = kBacklogChunk;
    int m_quietBusyRetries = 0;
    bool m_held = false;
    bool m_walking = false;
    QElapsedTimer m_sinceStep; // since the last step of the walk (monotonic, not the clock)
    BacklogCursor m_backlog;
    BacklogChunk m_found;
};

} // namespace sportello
