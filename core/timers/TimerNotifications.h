#pragma once
// Which timer warnings have already been shown. A thread's timer post is announced when it
// becomes due soon and when it becomes overdue, at most once per post and state, across
// restarts: each announcement is recorded in `timer_notifications(post_id, state, notified_at)`.
// The console asks for the next moment a state can change (two index-backed MIN queries) and
// sleeps until then, instead of running a timer per post. The backlog (every thread already due
// soon when the console opens a cache or timers were recomputed: 100,000 on a large cache) is
// recorded in bounded chunks, so that no single step holds the GUI thread for long.

#include "common/Result.h"
#include "domain/Domain.h"
#include "timers/TimerState.h"

#include <QString>
#include <QVector>
#include <limits>
#include <optional>

namespace sportello {

class Database;

struct TimerCrossing {
    qint64 threadId = 0;
    qint64 postId = 0;                      // the thread's timer post
    TimerState state = TimerState::DueSoon; // DueSoon or Overdue
    Channel channel = Channel::Facebook;
    std::optional<Category> category;
    QString authorHandle;
    QString authorName;
    qint64 dueAtMs = 0;
};

// Where a walk over the backlog stands: waiting threads due soon at `asOfMs`, in the order of
// threads(status, due_soon_at) and id, after the last one looked at.
struct BacklogCursor {
    qint64 asOfMs = 0;
    qint64 dueSoonAtMs = std::numeric_limits<qint64>::min();
    qint64 threadId = 0;
    bool done = false;
};

// What one chunk of the backlog recorded: how many new notices of each state, and the first few
// of each by due time, for the words of the announcement.
struct BacklogChunk {
    int overdue = 0;
    int dueSoon = 0;
    QVector<TimerCrossing> firstOverdue; // by due time, at most `samples`
    QVector<TimerCrossing> firstDueSoon;
};

class TimerNotifications {
public:
    static constexpr qint64 kFromTheStart = std::numeric_limits<qint64>::min();

    explicit TimerNotifications(Database &database) : m_database(database) {}

    // The earliest due-soon or due time after `nowMs` among waiting threads; -1 when none.
    Result<qint64> nextStateChangeAfter(qint64 nowMs) const;

    // Waiting threads whose timer post is due soon or overdue at `nowMs` and has not been
    // announced in that state yet (a post announced overdue is not announced due soon later).
    // Records them, in one transaction, and returns them, overdue first.
    // With `sinceMs`, only crossings after that moment are looked for (two index range scans):
    // enough between two checks when no timer has been recomputed in between.
    Result<QVector<TimerCrossing>> takeNewCrossings(qint64 nowMs, qint64 sinceMs = kFromTheStart);

    // The same as a full takeNewCrossings at `cursor.asOfMs`, a chunk of at most `limit` threads
    // at a time (one transaction each; the cursor moves only when it commits). The recording is
    // done in SQL: only `samples` new notices of each state are read, for naming them. Sets
    // `cursor.done` after the last chunk.
    Result<BacklogChunk> recordBacklog(BacklogCursor &cursor, qint64 nowMs, int limit, int samples);

private:
    Database &m_database;
};

} // namespace sportello
