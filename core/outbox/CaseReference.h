#pragma once
// Case references: the code a forward to customer care carries ("SPT-20240116-7KQ2M9"), quoted
// to the customer and to customer care. Stored on the forward's outbox entry, unique there.

#include "common/Result.h"

#include <QString>
#include <functional>

class QSqlDatabase;

namespace sportello::outbox {

// "SPT-20240116-7KQ2M9": the decision's UTC date and six characters from an alphabet without
// look-alikes (no 0/O, 1/I/L). Not checked for uniqueness: see uniqueCaseReference.
QString newCaseReference(qint64 nowMs);

// A reference no outbox entry uses yet, from `generate` (newCaseReference when empty). Runs on
// `db` inside the decision's transaction, so two decisions cannot take the same one; a Conflict
// when every candidate was taken.
Result<QString> uniqueCaseReference(const QSqlDatabase &db, qint64 nowMs,
                                    const std::function<QString(qint64 nowMs)> &generate = {});

} // namespace sportello::outbox
