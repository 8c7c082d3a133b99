#pragma once
// The regulatory clock: an Italian insurer must answer a formal complaint (reclamo) within 45
// days of receiving it (ISVAP Regulation 24/2008 as amended by IVASS). A complaint forwarded to
// customer care opens this clock, counted from when the customer's complaint arrived.

#include "common/Result.h"
#include "domain/Domain.h"

#include <QString>
#include <QTimeZone>
#include <QVector>
#include <optional>

class QSqlDatabase;

namespace sportello {

class Database;

constexpr int kComplaintResponseDays = 45;

// The same local time, 45 calendar days after receipt, in the calendar's time zone.
qint64 complaintDeadline(qint64 receivedMs, const QTimeZone &zone);
// Whole days left until the deadline, rounded up; 0 on the last day, negative once past.
int complaintDaysLeft(qint64 nowMs, qint64 deadlineMs);

struct OpenComplaint {
    qint64 threadId = 0;
    Channel channel = Channel::Facebook;
    QString threadExternalId;
    QString authorHandle;
    QString authorName;
    qint64 receivedAtMs = 0;
    qint64 forwardedAtMs = 0;
    qint64 deadlineAtMs = 0;
    QString forwardedBy;
};

// Complaints forwarded to customer care and not yet marked resolved, nearest deadline first.
Result<QVector<OpenComplaint>> openComplaints(Database &database);

// The regulatory clock of one thread, open or resolved.
struct ComplaintClock {
    qint64 receivedAtMs = 0;
    qint64 forwardedAtMs = 0;
    qint64 deadlineAtMs = 0;
    qint64 resolvedAtMs = 0; // 0 while open
    QString resolvedBy;
};

// nullopt when the thread was never forwarded as a complaint.
Result<std::optional<ComplaintClock>> complaintClock(Database &database, qint64 threadId);

// The writes, on `db` inside the caller's transaction (the forward's decision, the agent's
// resolution). A complaint forwarded to customer care opens its clock from receivedAtMs, the
// deadline counted in `zone`; a thread whose complaint is still open keeps its clock, one whose
// complaint was resolved opens a new one.
Status openComplaint(const QSqlDatabase &db, qint64 threadId, const QString &decisionId, qint64 receivedAtMs,
                     qint64 forwardedAtMs, const QTimeZone &zone);
// Customer care has answered: the thread's open complaint is closed. False when it has none.
Result<bool> markComplaintResolved(const QSqlDatabase &db, qint64 threadId, qint64 atMs, const QString &resolvedBy,
                                   const QString &note);

} // namespace sportello
