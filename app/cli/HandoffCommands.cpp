// handoff: customer care's side of a forward, from the command line (docs/handoff.md, "Customer
// care's answer"): report a hand-off received, in progress or resolved, show its state and
// history, read the status files dropped in the hand-off folder.

#include "cli/Cli.h"

#include "common/Clock.h"
#include "outbox/Handoff.h"
#include "outbox/HandoffStatus.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sportello::cli {

namespace {

using outbox::HandoffLoop;
using outbox::HandoffState;
using outbox::HandoffUpdate;
using outbox::HandoffUpdateResult;

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

int handoffUpdate(const Invocation &call)
{
    if (call.arguments.size() != 2)
        return usageError(QCoreApplication::translate("Cli", "handoff update needs one CASE_REFERENCE."));
    if (!call.parser.isSet(QStringLiteral("status")))
        return usageError(
            QCoreApplication::translate("Cli", "handoff update needs --status received, in_progress or resolved."));
    HandoffUpdate update;
    update.caseReference = call.arguments.at(1).trimmed();
    update.source = outbox::HandoffSource::Cli;
    const QString status = call.parser.value(QStringLiteral("status"));
    const auto state = outbox::reportedHandoffStateFromId(status);
    if (!state)
        return usageError(
            QCoreApplication::translate("Cli", "Unknown status \"%1\": use received, in_progress or resolved.")
                .arg(status));
    update.state = *state;
    update.answer = call.parser.value(QStringLiteral("answer"));
    if (!update.answer.isEmpty() && update.state != HandoffState::Resolved)
        return usageError(QCoreApplication::translate(
            "Cli", "--answer goes with --status resolved: it becomes the reply the agent sends to the customer."));
    update.reportedBy = call.parser.value(QStringLiteral("by")).trimmed();
    if (call.parser.isSet(QStringLiteral("at"))) {
        const QDateTime at = QDateTime::fromString(call.parser.value(QStringLiteral("at")), Qt::ISODateWithMs);
        if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
            return usageError(QCoreApplication::translate("Cli", "--at needs an ISO 8601 time with Z or an offset, "
                                                                 "for example 2026-03-06T17:40:00Z."));
        update.atMs = at.toMSecsSinceEpoch();
    }
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const SystemClock clock;
    auto applied = HandoffLoop(*db, clock).apply(update);
    if (!applied)
        return fail(applied.failure());
    if (!applied->changed) {
        out() << QCoreApplication::translate("Cli", "%1 is already %2: nothing to record.")
                     .arg(update.caseReference, label(applied->after))
              << Qt::endl;
        return kOk;
    }
    out() << QCoreApplication::translate("Cli", "%1: %2 -> %3.")
                 .arg(update.caseReference, label(applied->before), label(applied->after))
          << Qt::endl;
    if (applied->complaintStopped)
        out() << QCoreApplication::translate("Cli", "The complaint's 45-day clock on thread %1 is stopped.")
                     .arg(applied->threadId)
              << Qt::endl;
    if (applied->complaintReopened)
        out() << QCoreApplication::translate("Cli", "The complaint's 45-day clock on thread %1 runs again.")
                     .arg(applied->threadId)
              << Qt::endl;
    switch (applied->draft) {
    case HandoffUpdateResult::Draft::Created:
        out() << QCoreApplication::translate("Cli", "The answer is now the draft reply on thread %1.")
                     .arg(applied->threadId)
              << Qt::endl;
        break;
    case HandoffUpdateResult::Draft::Appended:
        out() << QCoreApplication::translate("Cli", "The answer was added below the agent's draft on thread %1.")
                     .arg(applied->threadId)
              << Qt::endl;
        break;
    case HandoffUpdateResult::Draft::None:
    case HandoffUpdateResult::Draft::AlreadyThere: break;
    }
    return kOk;
}

int handoffShow(const Invocation &call)
{
    if (call.arguments.size() != 2)
        return usageError(QCoreApplication::translate("Cli", "handoff show needs one CASE_REFERENCE."));
    const QString reference = call.arguments.at(1).trimmed();
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const SystemClock clock;
    HandoffLoop loop(*db, clock);
    auto status = loop.status(reference);
    if (!status)
        return fail(status.failure());
    if (!status->has_value())
        return fail(
            Error{QCoreApplication::translate("Cli", "No delivered hand-off has the case reference %1.").arg(reference),
                  ErrorKind::NotFound});
    auto history = loop.history(reference);
    if (!history)
        return fail(history.failure());
    const outbox::HandoffStatus &h = **status;
    if (call.parser.isSet(QStringLiteral("json"))) {
        QJsonArray events;
        for (const outbox::HandoffEvent &e : *history)
            events.append(QJsonObject{{QStringLiteral("status"), toId(e.state)},
                                      {QStringLiteral("at"), iso(e.atMs)},
                                      {QStringLiteral("source"), toId(e.source)},
                                      {QStringLiteral("by"), e.reportedBy},
                                      {QStringLiteral("answer"), e.answer},
                                      {QStringLiteral("recorded_at"), iso(e.recordedAtMs)}});
        const QJsonObject o{{QStringLiteral("case_reference"), h.caseReference},
                            {QStringLiteral("thread"), h.threadId},
                            {QStringLiteral("status"), toId(h.state)},
                            {QStringLiteral("at"), iso(h.stateAtMs)},
                            {QStringLiteral("source"), h.source ? toId(*h.source) : QString()},
                            {QStringLiteral("by"), h.reportedBy},
                            {QStringLiteral("answer"), h.answer},
                            {QStringLiteral("resolved_at"), iso(h.resolvedAtMs)},
                            {QStringLiteral("needs_agent"), h.needsAgent},
                            {QStringLiteral("history"), events}};
        out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << Qt::endl;
        return kOk;
    }
    out() << QCoreApplication::translate("Cli", "%1 (thread %2): %3 since %4")
                 .arg(h.caseReference)
                 .arg(h.threadId)
                 .arg(label(h.state), iso(h.stateAtMs))
          << '\n';
    for (const outbox::HandoffEvent &e : *history)
        out() << QCoreApplication::translate("Cli", "  %1  %2  (%3%4)")
                     .arg(iso(e.atMs), label(e.state), label(e.source),
                          e.reportedBy.isEmpty() ? QString() : QStringLiteral(", ") + e.reportedBy)
              << '\n';
    out().flush();
    return kOk;
}

int handoffScan(const Invocation &call)
{
    if (call.arguments.size() != 1)
        return usageError(QCoreApplication::translate("Cli", "handoff scan takes no arguments."));
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto settings = outbox::readHandoffSettings(*db);
    if (!settings)
        return fail(settings.failure());
    if (settings->folder.isEmpty())
        return fail(
            Error{QCoreApplication::translate("Cli", "No hand-off folder is configured."), ErrorKind::InvalidInput});
    const SystemClock clock;
    auto scan = HandoffLoop(*db, clock).scanStatusFolder(settings->folder);
    if (!scan)
        return fail(scan.failure());
    for (const QString &error : scan->errors)
        err() << error << '\n';
    err().flush();
    out() << QCoreApplication::translate("Cli", "Status files: %1 recorded, %2 already known, %3 refused.")
                 .arg(scan->applied)
                 .arg(scan->unchanged)
                 .arg(scan->rejected)
          << Qt::endl;
    // A refused file is moved aside, not lost, but someone must look at it.
    return scan->errors.isEmpty() ? kOk : kFailure;
}

int runHandoff(const Invocation &call)
{
    const QString action = call.arguments.value(0);
    if (action == QLatin1String("update"))
        return handoffUpdate(call);
    if (action == QLatin1String("show"))
        return handoffShow(call);
    if (action == QLatin1String("scan"))
        return handoffScan(call);
    return usageError(QCoreApplication::translate("Cli", "handoff takes: update CASE_REFERENCE --status STATUS, "
                                                         "show CASE_REFERENCE, or scan."));
}

} // namespace

QVector<Command> handoffCommands()
{
    return {
        {QStringLiteral("handoff"),
         QCoreApplication::translate("Cli", "Record customer care's answer to a hand-off (received, in progress, "
                                            "resolved), show a hand-off's state and history, or read the status "
                                            "files in the hand-off folder."),
         QStringLiteral("handoff update CASE_REFERENCE --status received|in_progress|resolved [--answer TEXT] "
                        "[--by NAME] [--at TIME] | show CASE_REFERENCE [--json] | scan"),
         [](QCommandLineParser &parser) {
             parser.addOption({QStringLiteral("status"),
                               QCoreApplication::translate("Cli", "received, in_progress or resolved."),
                               QCoreApplication::translate("Cli", "STATUS")});
             parser.addOption({QStringLiteral("answer"),
                               QCoreApplication::translate("Cli", "With resolved: customer care's answer, which "
                                                                  "becomes the agent's draft reply."),
                               QCoreApplication::translate("Cli", "TEXT")});
             parser.addOption({QStringLiteral("by"),
                               QCoreApplication::translate("Cli", "Who at customer care reports it."),
                               QCoreApplication::translate("Cli", "NAME")});
             parser.addOption({QStringLiteral("at"),
                               QCoreApplication::translate("Cli", "When the state changed (ISO 8601 with Z or an "
                                                                  "offset); default: now."),
                               QCoreApplication::translate("Cli", "TIME")});
             parser.addOption({QStringLiteral("json"), QCoreApplication::translate("Cli", "show: one JSON object.")});
         },
         runHandoff},
    };
}

} // namespace sportello::cli
