#pragma once
// How the console reads response timers at a moment: each timer's state (on track, due soon,
// overdue, outside hours) from its stored due and due-soon times and the active policy's
// calendar, the time left, and the words that go with them. One object is shared by the queue,
// the conversation and the notifications.
//
// The calendar is asked "are we open?" once per opening or closing, not once per row: the answer
// is kept with the moment it stops being true (the end of the open period, or the next opening).
// While the calendar is closed a business clock is stopped, so a paused timer's business time
// left is computed once per closed stretch and kept.

#include "domain/Domain.h"
#include "timers/ResponsePolicy.h"
#include "timers/TimerState.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <limits>
#include <optional>

namespace sportello {
class Clock;
struct QueueRow;
struct PostView;
} // namespace sportello

namespace sportello::ui {

// What the console knows about one timer: a queue row's, or a waiting post's.
struct TimerInfo {
    qint64 arrivedMs = 0;
    qint64 targetMs = 0;
    qint64 dueAtMs = 0; // 0: no timer (not waiting)
    qint64 dueSoonAtMs = 0;
    bool businessClock = false;
    std::optional<Category> category;
    Channel channel = Channel::Facebook;
    int rating = 0; // an app-store review's stars, 0 for any other post

    static TimerInfo of(const QueueRow &row);
    static TimerInfo of(const PostView &post, Channel channel);
    bool isSet() const { return dueAtMs > 0; }
};

class TimerContext {
    Q_DECLARE_TR_FUNCTIONS(TimerContext)
public:
    explicit TimerContext(const Clock &clock);
    TimerContext(const TimerContext &) = delete;
    TimerContext &operator=(const TimerContext &) = delete;

    const Clock &clock() const { return m_clock; }
    qint64 nowMs() const;

    // The active policy (its calendar decides "outside hours"); forgets what was cached.
    void setPolicy(ResponsePolicy policy);
    const ResponsePolicy &policy() const { return m_policy; }
    const BusinessCalendar &calendar() const { return m_policy.calendar; }

    bool calendarOpen(qint64 nowMs) const;
    // When the calendar opens again; -1 while it is open (or never opens).
    qint64 resumesAt(qint64 nowMs) const;

    TimerState state(const TimerInfo &timer, qint64 nowMs) const;
    // Time left to the due time: business time for a business clock, calendar time otherwise;
    // negative (calendar time past the due time) once overdue.
    qint64 timeLeft(const TimerInfo &timer, qint64 nowMs) const;

    // For the narrow time-left column: "42 min", "due soon · 12 min", "overdue 13 min",
    // "paused · 35 min".
    QString shortText(const TimerInfo &timer, qint64 nowMs) const;
    // For sentences: "42 min left", "due soon · 12 min left", "overdue by 13 min",
    // "paused · 35 min left".
    QString longText(const TimerInfo &timer, qint64 nowMs) const;
    // "Outside hours: the clock is paused until Mon 09:00 with 35 min left."
    QString stateSentence(const TimerInfo &timer, qint64 nowMs) const;
    // "arrived Fri 17:40 · 20 min counted before closing · resumes Mon 09:00 · due Mon 09:40",
    // in the calendar's time zone and the console's language.
    QString working(const TimerInfo &timer) const;
    // "Target: 120 business minutes (Complaint, “Systematic” policy)".
    QString target(const TimerInfo &timer) const;
    // The three above, one a line.
    QString toolTip(const TimerInfo &timer, qint64 nowMs) const;

private:
    struct Stretch {
        qint64 fromMs = std::numeric_limits<qint64>::max(); // empty until computed
        qint64 untilMs = 0;                                 // the calendar changes state here
        bool open = false;
    };
    const Stretch &stretchAt(qint64 nowMs) const;
    qint64 businessFromBoundary(qint64 boundaryMs, qint64 dueAtMs) const;

    const Clock &m_clock;
    ResponsePolicy m_policy;
    mutable Stretch m_stretch;
    mutable QHash<qint64, qint64> m_afterBoundary; // due time -> business time from the stretch's end
};

// A policy's name for people: the presets' translated names, otherwise its own label.
QString policyLabel(const ResponsePolicy &policy);
// "120 business minutes", "24 calendar hours".
QString targetDuration(qint64 minutes, bool businessTime);

} // namespace sportello::ui
