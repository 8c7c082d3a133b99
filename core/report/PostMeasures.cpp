#include "report/PostMeasures.h"

#include "report/CsvWriter.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>

namespace sportello {

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;
constexpr qint64 kJulianDayOfEpoch = 2440588;

// The answer of each post is found by two index seeks per post (decisions_by_thread and
// posts_by_thread_direction): the first decision and the first company post at or after it.
// Complaints are joined by thread: a complaint forwarded after an earlier reply still carries
// its deadline to the posts that arrived before the forward. Posts are read through
// posts_by_direction_created (schema version 8), already in arrival order.
const char *const kMeasureSql = R"(
SELECT p.id AS post_id, p.thread_id AS thread_id, p.external_id AS post_external_id, t.external_id AS thread_external_id,
       p.channel AS channel, p.visibility AS visibility, a.handle AS handle, a.display_name AS display_name,
       %1 AS text, p.created_at AS arrived_at, p.category AS category, p.category_source AS category_source,
       p.target_ms AS target_ms, p.business_clock AS business_clock, p.due_at AS due_at,
       d.kind AS decision_kind, %3 AS agent_name, d.agent_id AS agent_id, d.decided_at AS decided_at,
       o.delivered_at AS delivered_at, c.deadline_at AS complaint_deadline_at,
       r.visibility AS reply_visibility, r.created_at AS replied_at
FROM posts p
JOIN threads t ON t.id = p.thread_id
JOIN authors a ON a.id = p.author_id
LEFT JOIN decisions d ON d.id = (SELECT d2.id FROM decisions d2 WHERE d2.thread_id = p.thread_id
                                   AND d2.decided_at >= p.created_at ORDER BY d2.decided_at, d2.id LIMIT 1)
LEFT JOIN outbox o ON o.decision_id = d.id
LEFT JOIN complaints c ON c.thread_id = p.thread_id AND p.created_at <= c.forwarded_at
LEFT JOIN posts r ON r.id = (SELECT r2.id FROM posts r2 WHERE r2.thread_id = p.thread_id AND r2.direction = 'outbound'
                               AND r2.created_at >= p.created_at ORDER BY r2.created_at, r2.id LIMIT 1)
WHERE p.direction = 'inbound' %4 %2
%5)";

// Local dates of UTC moments, with the zone's offset cached by quarter hour.
class LocalDates {
public:
    explicit LocalDates(const QTimeZone &zone) : m_times(zone) {}
    QDate date(qint64 utcMs)
    {
        const qint64 local = utcMs + qint64(m_times.offsetSeconds(utcMs)) * 1000;
        const qint64 days = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
        return QDate::fromJulianDay(days + kJulianDayOfEpoch);
    }

private:
    IsoTimeFormatter m_times;
};

} // namespace

QString toId(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Met: return QStringLiteral("met");
    case Outcome::Missed: return QStringLiteral("missed");
    case Outcome::HandledByPolicy: return QStringLiteral("handled_by_policy");
    case Outcome::Waiting: return QStringLiteral("waiting");
    case Outcome::Closed: return QStringLiteral("closed");
    }
    return {};
}

QString label(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Met: return QCoreApplication::translate("Report", "Met");
    case Outcome::Missed: return QCoreApplication::translate("Report", "Missed");
    case Outcome::HandledByPolicy: return QCoreApplication::translate("Report", "Handled by policy");
    case Outcome::Waiting: return QCoreApplication::translate("Report", "Waiting");
    case Outcome::Closed: return QCoreApplication::translate("Report", "Closed without reply");
    }
    return {};
}

QString cancelledMessage() { return QCoreApplication::translate("Report", "Cancelled."); }

Result<QDate> parseReportDate(const QString &text, const QString &optionName)
{
    const QDate date = QDate::fromString(text.trimmed(), Qt::ISODate);
    if (!date.isValid())
        return Error{QCoreApplication::translate("Report", "%1 needs a date written as YYYY-MM-DD, for example "
                                                           "2026-03-01 (got \"%2\").")
                         .arg(optionName, text),
                     ErrorKind::InvalidInput};
    return date;
}

Status validate(const ReportFilter &filter)
{
    if (!filter.from.isValid() || !filter.to.isValid())
        return Error{QCoreApplication::translate("Report", "A report needs a first and a last date."),
                     ErrorKind::InvalidInput};
    if (filter.from > filter.to)
        return Error{QCoreApplication::translate("Report", "The first date (%1) is after the last date (%2).")
                         .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate)),
                     ErrorKind::InvalidInput};
    if (!filter.category.isEmpty() && filter.category != QLatin1String("none") && !categoryFromId(filter.category))
        return Error{QCoreApplication::translate("Report", "Unknown category \"%1\": use one of %2 or none.")
                         .arg(filter.category, allCategoryIds().join(QStringLiteral(", "))),
                     ErrorKind::InvalidInput};
    return {};
}

TempStoreOnDisk::TempStoreOnDisk(const QSqlDatabase &db) : m_db(db)
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("PRAGMA temp_store")) && query.next() && query.value(0).toInt() != 1) {
        m_previous = query.value(0);
        query.finish();
        QSqlQuery(m_db).exec(QStringLiteral("PRAGMA temp_store=FILE")); // on failure: only memory use differs
    }
}

TempStoreOnDisk::~TempStoreOnDisk()
{
    if (m_previous.isValid())
        QSqlQuery(m_db).exec(QStringLiteral("PRAGMA temp_store=%1").arg(m_previous.toInt()));
}

std::pair<qint64, qint64> utcRange(const QDate &from, const QDate &to, const QTimeZone &zone)
{
    const qint64 start = QDateTime(from, QTime(0, 0), zone).toMSecsSinceEpoch();
    const qint64 end = QDateTime(to.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
    return {start, end};
}

Status forEachPostMeasure(Database &database, const ResponsePolicy &policy, const MeasureOptions &options,
                          const std::function<bool(const PostMeasure &)> &visit)
{
    const ReportFilter &filter = options.filter;
    const bool byThreads = !options.threadsTable.isEmpty();
    if (Status s = byThreads ? Status() : validate(filter); !s)
        return s;
    const BusinessCalendar &calendar = policy.calendar;
    const auto [start, end] =
        byThreads ? std::pair<qint64, qint64>() : utcRange(filter.from, filter.to, calendar.timeZone());

    QString conditions; // none by threads: every post of the threads
    if (!byThreads && filter.channel)
        conditions += QStringLiteral(" AND p.channel = :channel");
    if (!byThreads && filter.category == QLatin1String("none"))
        conditions += QStringLiteral(" AND p.category IS NULL");
    else if (!byThreads && !filter.category.isEmpty())
        conditions += QStringLiteral(" AND p.category = :category");
    // Outside staff see their own name and "Colleague" for everyone else (AgentMasking).
    const AgentMasking &masking = options.masking;
    const auto agentName = [&](const char *suffix) {
        return masking.active ? QStringLiteral("(CASE WHEN d.id IS NULL THEN NULL WHEN d.agent_id = :self%1 THEN d.agent_name "
                                               "ELSE :colleague%1 END)")
                                    .arg(QLatin1String(suffix))
                              : QStringLiteral("d.agent_name");
    };
    // The agent's own decision answered the post: it came before any company post.
    if (!byThreads && !filter.agent.isEmpty())
        conditions += QStringLiteral(" AND %1 = :agent AND (r.id IS NULL OR d.decided_at <= r.created_at)")
                          .arg(agentName("2"));

    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (Status s = sql::prepare(
            query, QString::fromLatin1(kMeasureSql)
                       .arg(options.withText ? QStringLiteral("p.text") : QStringLiteral("''"), conditions, agentName("1"),
                            byThreads ? QStringLiteral("AND p.thread_id IN (SELECT thread_id FROM %1)")
                                            .arg(options.threadsTable)
                                      : QStringLiteral("AND p.created_at >= :start AND p.created_at < :end"),
                            // By threads in no order: an order by arrival would walk every inbound
                            // post (posts_by_direction_created) instead of seeking the threads'.
                            byThreads ? QString() : QStringLiteral("ORDER BY p.created_at, p.id")));
        !s)
        return s;
    if (!byThreads) {
        query.bindValue(QStringLiteral(":start"), start);
        query.bindValue(QStringLiteral(":end"), end);
        if (filter.channel)
            query.bindValue(QStringLiteral(":channel"), toId(*filter.channel));
        if (!filter.category.isEmpty() && filter.category != QLatin1String("none"))
            query.bindValue(QStringLiteral(":category"), filter.category);
        if (!filter.agent.isEmpty())
            query.bindValue(QStringLiteral(":agent"), filter.agent);
    }
    if (masking.active) {
        query.bindValue(QStringLiteral(":self1"), masking.ownLogin);
        query.bindValue(QStringLiteral(":colleague1"), masking.colleague);
        if (!byThreads && !filter.agent.isEmpty()) {
            query.bindValue(QStringLiteral(":self2"), masking.ownLogin);
            query.bindValue(QStringLiteral(":colleague2"), masking.colleague);
        }
    }
    if (Status s = sql::exec(query); !s)
        return s;

    LocalDates dates(calendar.timeZone());
    // Column positions by name, once for the query (this loop is benchmarked).
    const sql::Columns column(query);
    const int cPost = column("post_id"), cThread = column("thread_id"), cPostExternal = column("post_external_id"),
              cThreadExternal = column("thread_external_id"), cChannel = column("channel"),
              cVisibility = column("visibility"), cHandle = column("handle"), cName = column("display_name"),
              cText = column("text"), cArrived = column("arrived_at"), cCategory = column("category"),
              cCategorySource = column("category_source"), cTarget = column("target_ms"),
              cBusinessClock = column("business_clock"), cDue = column("due_at"),
              cDecisionKind = column("decision_kind"), cAgent = column("agent_name"),
              cAgentId = column("agent_id"), cDecided = column("decided_at"),
              cDelivered = column("delivered_at"), cComplaintDeadline = column("complaint_deadline_at"),
              cReplyVisibility = column("reply_visibility"), cReplied = column("replied_at");
    PostMeasure m;
    while (query.next()) {
        // Cancelled by the person who asked: a stop, not a failure of any kind (Unspecified).
        if (options.cancelled && options.cancelled->load(std::memory_order_relaxed))
            return Error{cancelledMessage()};
        const bool hasDecision = !query.value(cDecisionKind).isNull();
        const bool hasReplyPost = !query.value(cReplied).isNull();
        const qint64 decidedAt = hasDecision ? query.value(cDecided).toLongLong() : -1;
        const qint64 repliedAt = hasReplyPost ? query.value(cReplied).toLongLong() : -1;
        // Whichever came first decided how the post was handled.
        const bool byDecision = hasDecision && (!hasReplyPost || decidedAt <= repliedAt);

        m.postId = query.value(cPost).toLongLong();
        m.threadId = query.value(cThread).toLongLong();
        m.postExternalId = query.value(cPostExternal).toString();
        m.threadExternalId = query.value(cThreadExternal).toString();
        m.channel = channelFromId(query.value(cChannel).toString()).value_or(Channel::Facebook);
        m.visibility = visibilityFromId(query.value(cVisibility).toString()).value_or(Visibility::Public);
        m.authorHandle = query.value(cHandle).toString();
        m.authorName = query.value(cName).toString();
        m.text = query.value(cText).toString();
        m.arrivedMs = query.value(cArrived).toLongLong();
        m.day = dates.date(m.arrivedMs);
        m.week = m.day.addDays(1 - m.day.dayOfWeek());
        m.category = query.value(cCategory).toString();
        m.categorySource = query.value(cCategorySource).toString();
        m.targetMs = query.value(cTarget).toLongLong();
        m.businessClock = query.value(cBusinessClock).toInt() != 0;
        m.dueMs = query.value(cDue).toLongLong();
        m.agent.clear();
        m.agentId.clear();
        m.deliveredMs = -1;
        m.answeredMs = -1;
        m.responseKind.clear();
        m.complaintDeadlineMs =
            query.value(cComplaintDeadline).isNull() ? -1 : query.value(cComplaintDeadline).toLongLong();
        bool closed = false;
        if (byDecision) {
            m.decision = decisionKindFromId(query.value(cDecisionKind).toString());
            m.decisionSource = QStringLiteral("decision");
            m.agent = query.value(cAgent).toString();
            m.agentId = query.value(cAgentId).toString();
            m.decidedMs = decidedAt;
            m.deliveredMs = query.value(cDelivered).isNull() ? -1 : query.value(cDelivered).toLongLong();
            closed = m.decision == DecisionKind::Close;
            // What the customer saw first: the delivered reply, or a company post made before
            // it was delivered. A forward is handled when the hand-off reaches customer care.
            // A close answers nothing; a reply still in the outbox has not answered yet.
            if (!closed && m.deliveredMs >= 0) {
                m.answeredMs = m.deliveredMs;
                m.responseKind =
                    m.decision == DecisionKind::Forward ? QStringLiteral("handoff") : QStringLiteral("reply");
            }
            if (!closed && hasReplyPost && (m.answeredMs < 0 || repliedAt < m.answeredMs)) {
                m.answeredMs = repliedAt;
                m.responseKind = QStringLiteral("reply");
            }
        } else if (hasReplyPost) {
            m.decision = query.value(cReplyVisibility).toString() == QLatin1String("private")
                             ? DecisionKind::ReplyPrivate
                             : DecisionKind::ReplyPublic;
            m.decisionSource = QStringLiteral("outbound_post");
            m.decidedMs = repliedAt;
            m.deliveredMs = repliedAt; // a post in the channel was delivered when it was made
            m.answeredMs = repliedAt;
            m.responseKind = QStringLiteral("reply");
        } else {
            m.decision.reset();
            m.decisionSource.clear();
            m.decidedMs = -1;
        }
        if (m.answeredMs >= 0) {
            m.responseCalendarMs = m.answeredMs - m.arrivedMs;
            m.responseBusinessMs = calendar.isAlwaysOpen() ? m.responseCalendarMs
                                                           : calendar.businessTimeBetween(m.arrivedMs, m.answeredMs);
            m.outcome = responseOutcome(policy, categoryFromId(m.category), m.dueMs, m.answeredMs, false) ==
                                ResponseOutcome::Met
                            ? Outcome::Met
                            : Outcome::Missed;
        } else if (closed) {
            m.responseCalendarMs = -1;
            m.responseBusinessMs = -1;
            // The timers' rule: a close is handled where the policy says so (core/timers).
            m.outcome = responseOutcome(policy, categoryFromId(m.category), m.dueMs, m.decidedMs, true) ==
                                ResponseOutcome::HandledByPolicy
                            ? Outcome::HandledByPolicy
                            : Outcome::Closed;
        } else {
            m.responseCalendarMs = -1;
            m.responseBusinessMs = -1;
            // Still waiting: already a miss once its due time has passed.
            m.outcome = options.nowMs > m.dueMs ? Outcome::Missed : Outcome::Waiting;
        }
        if (!visit(m))
            break;
    }
    if (query.lastError().isValid())
        return sql::failure(query.lastError());
    return {};
}

} // namespace sportello
