#pragma once
// The audit trail (table `audit_log`): who did what, when, to which thread and decision. This is
// its only writer; triage, the outbox and anything else that must be audited come through here,
// inside their own transaction. An entry never holds a message's text or a token: the details
// record kinds, lengths, ids and states (docs/guard.md).

#include "common/Result.h"
#include "domain/Agent.h"

#include <QJsonObject>
#include <QString>

class QSqlDatabase;

namespace sportello {

struct AuditEntry {
    qint64 atMs = 0;
    Agent agent;
    QString action;      // "decision", "guard_refused", "outbox_edit", ...
    qint64 threadId = 0; // 0: not about a thread (a configuration change)
    QString decisionId;  // empty: not about a decision
    QJsonObject details; // stored as compact JSON
};

// Appends one entry with a new UUID on `db`, in whatever transaction the caller has open, so
// that the entry commits or rolls back with the change it records.
Status appendAudit(const QSqlDatabase &db, const AuditEntry &entry);

} // namespace sportello
