#include "queue/QueueCounter.h"

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QSqlQuery>

namespace sportello {

Result<qint64> QueueCounter::dataVersion() const
{
    auto version = sql::scalar(m_database.connection(), QStringLiteral("PRAGMA data_version"));
    if (!version)
        return version.failure();
    return version->toLongLong();
}

Status QueueCounter::recount(qint64 nowMs)
{
    auto version = dataVersion();
    if (!version)
        return version.failure();
    auto counts = QueueQuery(m_database).counts(nowMs);
    if (!counts)
        return counts.failure();
    m_counts = counts.value();
    m_countedAt = nowMs;
    m_dataVersion = version.value();
    return {};
}

Status QueueCounter::advance(qint64 nowMs)
{
    auto version = dataVersion();
    if (!version)
        return version.failure();
    if (m_countedAt < 0 || version.value() != m_dataVersion || nowMs < m_countedAt)
        return recount(nowMs);
    if (nowMs == m_countedAt)
        return {};
    QSqlQuery query(m_database.connection());
    if (Status s = sql::prepare(
            query,
            QStringLiteral("SELECT (SELECT count(*) FROM threads WHERE status = 'waiting' AND due_soon_at > ? AND "
                           "due_soon_at <= ?) AS became_due_soon, "
                           "(SELECT count(*) FROM threads WHERE status = 'waiting' AND due_at > ? AND due_at <= ?) "
                           "AS became_overdue"));
        !s)
        return s;
    query.addBindValue(m_countedAt);
    query.addBindValue(nowMs);
    query.addBindValue(m_countedAt);
    query.addBindValue(nowMs);
    if (Status s = sql::exec(query); !s)
        return s;
    if (query.next()) {
        const int becameDueSoon = query.value(QStringLiteral("became_due_soon")).toInt();
        const int becameOverdue = query.value(QStringLiteral("became_overdue")).toInt();
        m_counts.dueSoon += becameDueSoon - becameOverdue;
        m_counts.overdue += becameOverdue;
    }
    m_countedAt = nowMs;
    return {};
}

void QueueCounter::threadLeftQueue(qint64 dueAtMs, qint64 dueSoonAtMs, qint64 nowMs)
{
    if (m_countedAt < 0)
        return;
    // The counts stand at m_countedAt; the thread's state is judged there.
    const qint64 at = qMin(nowMs, m_countedAt);
    m_counts.waiting = qMax(0, m_counts.waiting - 1);
    if (dueAtMs <= at)
        m_counts.overdue = qMax(0, m_counts.overdue - 1);
    else if (dueSoonAtMs <= at)
        m_counts.dueSoon = qMax(0, m_counts.dueSoon - 1);
}

} // namespace sportello
