#pragma once
// The measures of each inbound post (docs/reports.md): when it arrived, what was decided, by
// whom, when it was answered and delivered, its first response time in business and calendar
// minutes, the target that applied and whether it was met. One SQL query streams them; only the
// business time is computed here, on the policy's calendar, one row at a time.

#include "common/Result.h"
#include "domain/Domain.h"
#include "timers/ResponsePolicy.h"

#include <QDate>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVector>
#include <atomic>
#include <functional>
#include <optional>

namespace sportello {

class Database;

// What a report covers: inbound posts that arrived from `from` to `to` (both included, local
// dates in the policy calendar's time zone), optionally on one channel, of one category, or
// decided by one agent.
struct ReportFilter {
    QDate from;
    QDate to;
    std::optional<Channel> channel;
    QString category; // a category id, "none" for posts without one, empty for all
    QString agent;    // an agent's name, empty for all
};

// Checks the dates (both valid, from <= to) and the category.
Status validate(const ReportFilter &filter);
// "2026-03-01" (ISO date) or an error naming the option.
Result<QDate> parseReportDate(const QString &text, const QString &optionName);

// How a post's first response went (the stored target, judged by the rules of its day). A close
// without reply is no response: `handled_by_policy` where the policy says so, else `closed`;
// neither is met or missed.
enum class Outcome { Met, Missed, HandledByPolicy, Waiting, Closed };
QString toId(Outcome outcome); // met, missed, handled_by_policy, waiting, closed
QString label(Outcome outcome);

struct PostMeasure {
    qint64 postId = 0;
    qint64 threadId = 0;
    QString postExternalId;
    QString threadExternalId;
    Channel channel = Channel::Facebook;
    Visibility visibility = Visibility::Public;
    QString authorHandle;
    QString authorName;
    QString text;
    qint64 arrivedMs = 0;
    QDate day;              // local arrival date in the calendar's zone
    QDate week;             // the Monday of that week
    QString category;       // id, empty when none
    QString categorySource; // import, classifier, agent...
    // The first answer the customer saw: a decision (any kind), or else an outbound post of
    // the company, whose visibility tells a public from a private reply.
    std::optional<DecisionKind> decision;
    QString decisionSource; // "decision", "outbound_post" or empty
    QString agent;          // the agent who decided; empty for outbound posts from history
    QString agentId;        // that agent's id (in a team, the login); empty with `agent`
    qint64 decidedMs = -1;
    qint64 deliveredMs = -1; // when the outbox delivered the decision
    // The first response the customer saw (docs/reports.md): a delivered reply or company post,
    // or the delivery of the hand-off to customer care; -1 while there is none.
    qint64 answeredMs = -1;
    QString responseKind; // "reply", "handoff" or empty
    qint64 responseBusinessMs = -1;
    qint64 responseCalendarMs = -1;
    qint64 targetMs = 0;
    bool businessClock = false;
    qint64 dueMs = 0;
    Outcome outcome = Outcome::Waiting;
    qint64 complaintDeadlineMs = -1;
};

// Reports for outside staff (docs/reports.md): every agent but the reader's own login is named
// `colleague`, in the query itself, so no colleague's name leaves the cache; a filter's agent
// is matched against the masked name.
struct AgentMasking {
    bool active = false;
    QString ownLogin;
    QString colleague; // the name shown for everyone else (translated)
};

struct MeasureOptions {
    ReportFilter filter;
    AgentMasking masking;
    qint64 nowMs = 0;                             // a waiting post past its due time is a missed target
    bool withText = true;                         // the post text (only the post-level log needs it)
    const std::atomic<bool> *cancelled = nullptr; // checked for every row: the visit stops with an error
    // Every inbound post of the threads this table lists (a temporary table with a thread_id
    // column), whatever its date: the filter is then not used. How core/report/MeasureStore
    // recomputes the threads an event changed.
    QString threadsTable;
};

// The error of a report or export stopped through MeasureOptions::cancelled.
QString cancelledMessage();

// Calls `visit` for each inbound post in the filter, by arrival time. Streams: only one row is
// held at a time. `visit` returns false to stop early. The policy gives the calendar of business
// time and the time zone of the dates.
Status forEachPostMeasure(Database &database, const ResponsePolicy &policy, const MeasureOptions &options,
                          const std::function<bool(const PostMeasure &)> &visit);

// While it lives, the connection's temporary storage (sorts, temporary tables) spills to disk:
// the cache keeps it in memory (temp_store=MEMORY), which would make the memory of a report grow
// with its rows. Restores the setting only if it changed it; changing temp_store drops the
// connection's temporary tables, so a guard must outlive every ReportData made under it.
class TempStoreOnDisk {
public:
    explicit TempStoreOnDisk(const QSqlDatabase &db);
    ~TempStoreOnDisk();
    TempStoreOnDisk(const TempStoreOnDisk &) = delete;
    TempStoreOnDisk &operator=(const TempStoreOnDisk &) = delete;

private:
    QSqlDatabase m_db;
    QVariant m_previous;
};

// The UTC range [startMs, endMs) of the local dates from..to in `zone`.
std::pair<qint64, qint64> utcRange(const QDate &from, const QDate &to, const QTimeZone &zone);

} // namespace sportello
