#pragma once
// Every inbound post still waiting for an answer, with its stored timer: what
// `sportello-cli timers` prints and what a team lead can check by hand (docs/timers.md).

#include "common/Result.h"
#include "domain/Domain.h"
#include "timers/ResponsePolicy.h"
#include "timers/TimerState.h"

#include <QJsonObject>
#include <functional>
#include <optional>

namespace sportello {

class Database;

struct WaitingPost {
    qint64 postId = 0;
    Channel channel = Channel::Facebook;
    QString externalId;
    std::optional<Category> category;
    qint64 arrivedAtMs = 0;
    qint64 targetMs = 0;
    qint64 dueAtMs = 0;
    qint64 dueSoonAtMs = 0;
    bool businessClock = false;
};

// Calls `visit` for each waiting inbound post that arrived at or before `atMs`, due first;
// streams, so a large queue is never held in memory.
Status forEachWaitingPost(Database &database, qint64 atMs, const std::function<void(const WaitingPost &)> &visit);

// The timer as one JSON object: channel, external_id, category, arrived_at, due_at (ISO 8601
// UTC), state, business_minutes_elapsed (business time on the policy's calendar).
QJsonObject waitingPostJson(const WaitingPost &post, qint64 atMs, const ResponsePolicy &policy);

} // namespace sportello
