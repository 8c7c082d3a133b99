#pragma once
// Which timer warnings have already been shown. A thread's timer post is announced when it
// becomes due soon and when it becomes overdue, at most once per post and state, across
// restarts: each announcement is recorded in `timer_notifications(post_id, state, notified_at)`.
// The console asks for the next moment a state can change (two index-backed MIN queries) and
// sleeps until then, instead of running a timer per post.

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
    qint64 postId = 0;                       // the thread's timer post
    TimerState state = TimerState::DueSoon;  // DueSoon or Overdue
    Channel channel = Channel::Facebook;
    std::optional<Category> category;
    QString authorHandle;
    QString authorName;
    qint64 dueAtMs = 0;
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

private:
    Database &m_database;
};

} // namespace sportello
