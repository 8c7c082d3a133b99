#include "outbox/HandoffStatus.h"

#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "compose/Drafts.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "timers/Complaints.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSaveFile>
#include <QSqlQuery>
#include <QUuid>

namespace sportello::outbox {

namespace {

int rank(HandoffState state) { return int(state); }

Error invalid(const QString &message) { return Error{message, ErrorKind::InvalidInput}; }

// "at": ISO 8601 with a zone (Z or an offset); a local time without one is ambiguous.
Result<qint64> parseAt(const QString &text)
{
    const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
        return invalid(
            QCoreApplication::translate(
                "Handoff", "\"at\" must be a date and time with its zone, like 2024-01-20T15:30:00Z: \"%1\".")
                .arg(text.left(40)));
    return at.toMSecsSinceEpoch();
}

// The database path of a recorded or refused status file: a name not yet taken in `dir`.
QString freeName(const QDir &dir, const QString &name, qint64 nowMs)
{
    if (!dir.exists(name))
        return dir.filePath(name);
    const QString stamp =
        QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz"));
    for (int n = 1;; ++n) {
        const QString candidate = QStringLiteral("%1-%2-%3").arg(stamp).arg(n).arg(name);
        if (!dir.exists(candidate))
            return dir.filePath(candidate);
    }
}

// Moves `path` into `folder`/`sub`; the reason, for people, when it cannot.
QString moveAside(const QString &folder, const QString &sub, const QString &path, qint64 nowMs, QString *movedTo)
{
    const QDir base(folder);
    if (!base.exists(sub) && !base.mkpath(sub))
        return QCoreApplication::translate("Handoff", "Cannot create the folder %1.")
            .arg(QDir::toNativeSeparators(base.filePath(sub)));
    const QString target = freeName(QDir(base.filePath(sub)), QFileInfo(path).fileName(), nowMs);
    if (!QFile::rename(path, target))
        return QCoreApplication::translate("Handoff", "Cannot move %1 to %2.")
            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(target));
    if (movedTo)
        *movedTo = target;
    return {};
}

} // namespace

QString toId(HandoffState state)
{
    switch (state) {
    case HandoffState::Sent: return QStringLiteral("sent");
    case HandoffState::Received: return QStringLiteral("received");
    case HandoffState::InProgress: return QStringLiteral("in_progress");
    case HandoffState::Resolved: return QStringLiteral("resolved");
    }
    return {};
}

std::optional<HandoffState> reportedHandoffStateFromId(const QString &id)
{
    for (HandoffState s : {HandoffState::Received, HandoffState::InProgress, HandoffState::Resolved})
        if (id == toId(s))
            return s;
    return std::nullopt;
}

QString label(HandoffState state)
{
    switch (state) {
    case HandoffState::Sent: return QCoreApplication::translate("Handoff", "sent, not yet acknowledged");
    case HandoffState::Received: return QCoreApplication::translate("Handoff", "received");
    case HandoffState::InProgress: return QCoreApplication::translate("Handoff", "in progress");
    case HandoffState::Resolved: return QCoreApplication::translate("Handoff", "resolved");
    }
    return {};
}

QString toId(HandoffSource source)
{
    switch (source) {
    case HandoffSource::Endpoint: return QStringLiteral("endpoint");
    case HandoffSource::StatusFile: return QStringLiteral("status_file");
    case HandoffSource::Cli: return QStringLiteral("cli");
    }
    return {};
}

QString label(HandoffSource source)
{
    switch (source) {
    case HandoffSource::Endpoint: return QCoreApplication::translate("Handoff", "the hand-off endpoint");
    case HandoffSource::StatusFile: return QCoreApplication::translate("Handoff", "a status file");
    case HandoffSource::Cli: return QCoreApplication::translate("Handoff", "the command line");
    }
    return {};
}

Result<HandoffUpdate> parseHandoffStatus(const QByteArray &json, HandoffSource source, const QString &caseReference)
{
    if (json.size() > kHandoffStatusFileMaxBytes)
        return invalid(QCoreApplication::translate("Handoff", "The status report is larger than %1 KiB.")
                           .arg(kHandoffStatusFileMaxBytes / 1024));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(
            QCoreApplication::translate(
                "Handoff", "The status report is not valid JSON (%1 at byte %2); was it still being written?")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    if (!document.isObject())
        return invalid(QCoreApplication::translate("Handoff", "The status report must be a JSON object."));
    const QJsonObject o = document.object();

    const QJsonValue format = o.value(QLatin1String("format"));
    if (!format.isUndefined() && format.toString() != QLatin1String("sportello-handoff-status"))
        return invalid(QCoreApplication::translate("Handoff", "\"format\" must be \"sportello-handoff-status\"."));
    const QJsonValue version = o.value(QLatin1String("version"));
    if (!version.isUndefined() && version.toInt(-1) != kHandoffStatusFormatVersion)
        return invalid(QCoreApplication::translate(
                           "Handoff", "Unknown status report version %1 (this Sportello reads version %2).")
                           .arg(version.toVariant().toString())
                           .arg(kHandoffStatusFormatVersion));

    HandoffUpdate update;
    update.source = source;
    const QJsonValue reference = o.value(QLatin1String("case_reference"));
    if (!reference.isUndefined() && !reference.isString())
        return invalid(QCoreApplication::translate("Handoff", "\"case_reference\" must be a string."));
    update.caseReference = reference.toString().trimmed();
    if (update.caseReference.isEmpty())
        update.caseReference = caseReference;
    if (update.caseReference.isEmpty())
        return invalid(QCoreApplication::translate("Handoff", "The status report has no \"case_reference\"."));
    if (!caseReference.isEmpty() && update.caseReference != caseReference)
        return invalid(QCoreApplication::translate("Handoff", "The status report is about %1, not %2.")
                           .arg(update.caseReference.left(40), caseReference));

    const QJsonValue status = o.value(QLatin1String("status"));
    if (!status.isString())
        return invalid(QCoreApplication::translate(
            "Handoff", "The status report has no \"status\" (received, in_progress or resolved)."));
    const auto state = reportedHandoffStateFromId(status.toString());
    if (!state)
        return invalid(
            QCoreApplication::translate("Handoff", "Unknown status \"%1\": use received, in_progress or resolved.")
                .arg(status.toString().left(40)));
    update.state = *state;

    const QJsonValue answer = o.value(QLatin1String("answer"));
    if (!answer.isUndefined() && !answer.isNull() && !answer.isString())
        return invalid(QCoreApplication::translate("Handoff", "\"answer\" must be a string."));
    update.answer = answer.toString();
    const QJsonValue by = o.value(QLatin1String("by"));
    if (!by.isUndefined() && !by.isNull() && !by.isString())
        return invalid(QCoreApplication::translate("Handoff", "\"by\" must be a string."));
    update.reportedBy = by.toString().trimmed();
    const QJsonValue at = o.value(QLatin1String("at"));
    if (!at.isUndefined() && !at.isNull()) {
        auto ms = parseAt(at.toString());
        if (!ms)
            return ms.failure();
        update.atMs = *ms;
    }
    return update;
}

Result<std::optional<HandoffUpdate>> parseEndpointAnswer(const QByteArray &body, const QString &caseReference)
{
    // A receiver that only acknowledges (an empty body, plain text, JSON without "status") has
    // reported nothing yet: the hand-off stays sent.
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject() || !document.object().contains(QLatin1String("status")))
        return std::optional<HandoffUpdate>();
    auto update = parseHandoffStatus(body, HandoffSource::Endpoint, caseReference);
    if (!update)
        return update.failure();
    return std::optional<HandoffUpdate>(std::move(update).value());
}

Result<bool> handoffAwaitsAgent(const QSqlDatabase &db, qint64 threadId)
{
    sql::ReusedQuery reused(db, QStringLiteral("SELECT EXISTS(SELECT 1 FROM handoffs h WHERE h.thread_id = ? AND "
                                               "h.state = 'resolved' AND NOT EXISTS(SELECT 1 FROM decisions d "
                                               "WHERE d.thread_id = h.thread_id AND d.decided_at > h.recorded_at))"));
    if (!reused.prepared())
        return reused.prepared().failure();
    QSqlQuery &q = reused.query();
    q.addBindValue(threadId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() && q.value(0).toInt() != 0;
}

HandoffLoop::HandoffLoop(Database &database, const Clock &clock) : m_database(database), m_clock(clock) {}

Result<HandoffUpdateResult> HandoffLoop::apply(const HandoffUpdate &update)
{
    Transaction transaction(m_database.connection());
    if (!transaction.started())
        return transaction.startFailure();
    auto recorded = record(update, nullptr);
    if (!recorded || !recorded->changed)
        return recorded;
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return recorded;
}

Result<HandoffUpdateResult> HandoffLoop::applyFromTeam(const HandoffUpdate &update, const TeamReportOrigin &origin)
{
    return record(update, &origin);
}

Result<HandoffUpdateResult> HandoffLoop::record(const HandoffUpdate &update, const TeamReportOrigin *origin)
{
    if (update.state == HandoffState::Sent)
        return invalid(
            QCoreApplication::translate("Handoff", "Customer care reports received, in_progress or resolved."));
    if (update.answer.size() > kHandoffAnswerMaxChars)
        return invalid(QCoreApplication::translate("Handoff", "The answer has %1 characters; at most %2 are taken.")
                           .arg(update.answer.size())
                           .arg(kHandoffAnswerMaxChars));
    if (update.reportedBy.size() > kHandoffReporterMaxChars)
        return invalid(QCoreApplication::translate("Handoff", "\"by\" has more than %1 characters.")
                           .arg(kHandoffReporterMaxChars));

    const QSqlDatabase db = m_database.connection();
    QSqlQuery read(db);
    if (Status s = sql::prepare(
            read, QStringLiteral(
                      "SELECT o.id AS outbox_id, o.decision_id AS decision_id, o.state AS outbox_state, "
                      "o.attempts AS attempts, d.thread_id AS thread_id, h.state AS state, h.answer AS answer, "
                      "NOT EXISTS(SELECT 1 FROM posts p WHERE p.thread_id = d.thread_id AND p.visibility = 'public') "
                      "AS private_thread FROM outbox o JOIN decisions d ON d.id = o.decision_id "
                      "LEFT JOIN handoffs h ON h.outbox_id = o.id WHERE o.case_reference = ?"));
        !s)
        return s.failure();
    read.addBindValue(update.caseReference);
    if (Status s = sql::exec(read); !s)
        return s.failure();
    if (!read.next())
        return Error{QCoreApplication::translate("Handoff", "No hand-off has the case reference %1.")
                         .arg(update.caseReference.left(40)),
                     ErrorKind::NotFound};
    const QString outboxId = read.value(QStringLiteral("outbox_id")).toString();
    const QString decisionId = read.value(QStringLiteral("decision_id")).toString();
    const qint64 threadId = read.value(QStringLiteral("thread_id")).toLongLong();
    const bool privateThread = read.value(QStringLiteral("private_thread")).toInt() != 0;
    // A packet that never left cannot have been read by customer care: a mistyped reference.
    if (read.value(QStringLiteral("attempts")).toInt() == 0)
        return invalid(
            QCoreApplication::translate("Handoff", "The hand-off %1 has not been delivered to customer care yet.")
                .arg(update.caseReference));

    HandoffUpdateResult result;
    result.threadId = threadId;
    result.after = update.state;
    const QVariant stored = read.value(QStringLiteral("state"));
    result.before = stored.isNull() ? HandoffState::Sent
                                    : reportedHandoffStateFromId(stored.toString()).value_or(HandoffState::Sent);
    const QString storedAnswer = read.value(QStringLiteral("answer")).toString();
    read.finish();

    // The same report again (a status file dropped twice, the endpoint repeating itself).
    if (result.before == result.after && (update.answer.isEmpty() || update.answer == storedAnswer))
        return result;
    // States move forward. The one way back is a reopening: care resolved the case, then took it
    // up again (resolved -> in_progress). Anything else backwards is a late report that crossed a
    // newer one, refused rather than undoing what care said last.
    const bool reopening = result.before == HandoffState::Resolved && result.after == HandoffState::InProgress;
    if (rank(result.after) < rank(result.before) && !reopening)
        return Error{QCoreApplication::translate(
                         "Handoff", "The hand-off %1 is already %2; a report that it is %3 goes backwards and was not "
                                    "recorded (a resolved case can only be reopened as in_progress).")
                         .arg(update.caseReference, label(result.before), label(result.after)),
                     ErrorKind::Conflict};

    const qint64 now = m_clock.nowMs();
    // A report from the team keeps the time its cache recorded it: whether a decision on the
    // thread came after it must read the same on every desktop and in the team database.
    const qint64 recordedAt = origin ? origin->recordedAtMs : now;
    const qint64 at = update.atMs > 0 ? update.atMs : now;
    const QVariant reportedBy = sql::nullableText(update.reportedBy);
    // A new state starts without an answer unless the report brings one; the same state with a
    // new answer replaces it.
    const QVariant answer = update.answer.isEmpty()
                                ? (result.before == result.after ? sql::nullableText(storedAnswer)
                                                                 : QVariant(QMetaType(QMetaType::QString)))
                                : QVariant(update.answer);
    const QString reportId = origin ? origin->id : QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery history(db);
    // Every report has the id a team knows it by (schema 21); its team_state is the trigger's to
    // set when this cache is in a team, or 'from_team' for the team's own.
    if (Status s = sql::prepare(history, QStringLiteral("INSERT INTO handoff_updates(outbox_id, state, state_at, "
                                                        "source, reported_by, answer, recorded_at, team_id, "
                                                        "team_state) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        !s)
        return s.failure();
    for (const QVariant &v :
         {QVariant(outboxId), QVariant(toId(update.state)), QVariant(at), QVariant(toId(update.source)), reportedBy,
          sql::nullableText(update.answer), QVariant(recordedAt), QVariant(reportId),
          origin ? QVariant(QStringLiteral("from_team")) : QVariant(QMetaType(QMetaType::QString))})
        history.addBindValue(v);
    if (Status s = sql::exec(history); !s)
        return s.failure();

    QSqlQuery latest(db);
    if (Status s = sql::prepare(
            latest,
            QStringLiteral("INSERT INTO handoffs(outbox_id, case_reference, thread_id, state, state_at, source, "
                           "reported_by, answer, resolved_at, recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT(outbox_id) DO UPDATE SET state = excluded.state, state_at = excluded.state_at, "
                           "source = excluded.source, reported_by = excluded.reported_by, answer = excluded.answer, "
                           "resolved_at = excluded.resolved_at, recorded_at = excluded.recorded_at"));
        !s)
        return s.failure();
    for (const QVariant &v :
         {QVariant(outboxId), QVariant(update.caseReference), QVariant(threadId), QVariant(toId(update.state)),
          QVariant(at), QVariant(toId(update.source)), reportedBy, answer,
          update.state == HandoffState::Resolved ? QVariant(at) : QVariant(QMetaType(QMetaType::LongLong)),
          QVariant(recordedAt)})
        latest.addBindValue(v);
    if (Status s = sql::exec(latest); !s)
        return s.failure();

    const QString careName =
        update.reportedBy.isEmpty() ? QCoreApplication::translate("Handoff", "Customer care") : update.reportedBy;
    if (update.state == HandoffState::Resolved && result.before != HandoffState::Resolved) {
        // The resolution note names the case, so that a reopening restarts only this clock.
        auto stopped = markComplaintResolved(db, threadId, at, careName, update.caseReference);
        if (!stopped)
            return stopped.failure();
        result.complaintStopped = *stopped;
    }
    if (reopening) {
        // The deadline still counts from the customer's complaint: reopening gives no extra days.
        QSqlQuery reopen(db);
        if (Status s = sql::prepare(reopen, QStringLiteral("UPDATE complaints SET resolved_at = NULL, resolved_by = "
                                                           "NULL, resolution_note = NULL WHERE thread_id = ? AND "
                                                           "resolved_at IS NOT NULL AND resolution_note = ?"));
            !s)
            return s.failure();
        reopen.addBindValue(threadId);
        reopen.addBindValue(update.caseReference);
        if (Status s = sql::exec(reopen); !s)
            return s.failure();
        result.complaintReopened = reopen.numRowsAffected() > 0;
    }

    if (update.state == HandoffState::Resolved && !update.answer.isEmpty()) {
        DraftStore drafts(m_database);
        auto draft = drafts.load(threadId);
        if (!draft)
            return draft.failure();
        const QString typed = *draft ? (*draft)->text : QString();
        if (typed.contains(update.answer.trimmed())) {
            result.draft = HandoffUpdateResult::Draft::AlreadyThere;
        } else if (typed.trimmed().isEmpty()) {
            // A private conversation is answered privately; on a public thread the agent chooses
            // (a public reply or a move to private messages) before anything is armed.
            std::optional<DecisionKind> armed = *draft ? (*draft)->armed : std::nullopt;
            if (!armed && privateThread)
                armed = DecisionKind::ReplyPrivate;
            if (Status s = drafts.save(threadId, update.answer, armed, now); !s)
                return s.failure();
            result.draft = HandoffUpdateResult::Draft::Created;
        } else {
            // The agent's own words stay first and untouched; care's answer follows them.
            if (Status s = drafts.save(threadId, typed + QStringLiteral("\n\n") + update.answer, (*draft)->armed, now);
                !s)
                return s.failure();
            result.draft = HandoffUpdateResult::Draft::Appended;
        }
    }

    result.changed = true;
    if (origin)
        return result; // its audit entry is the recording cache's, which the feed brings
    static const char *const draftIds[] = {"none", "created", "appended", "already_there"};
    // No text in the audit log (docs/guard.md): the answer's length, not the answer.
    // report_id: a team pushes the entry with its report (team/TeamPush.cpp), refused together.
    const QJsonObject details{
        {QStringLiteral("case_reference"), update.caseReference},
        {QStringLiteral("report_id"), reportId},
        {QStringLiteral("state_before"), toId(result.before)},
        {QStringLiteral("state_after"), toId(result.after)},
        {QStringLiteral("source"), toId(update.source)},
        {QStringLiteral("at"), at},
        {QStringLiteral("answer_chars"), int(update.answer.size())},
        {QStringLiteral("draft"), QLatin1String(draftIds[int(result.draft)])},
        {QStringLiteral("complaint_stopped"), result.complaintStopped},
        {QStringLiteral("complaint_reopened"), result.complaintReopened},
    };
    const Agent reporter{QStringLiteral("care:") + toId(update.source), careName};
    if (Status s = appendAudit(db, {now, reporter, QStringLiteral("handoff_update"), threadId, decisionId, details});
        !s)
        return s.failure();
    return result;
}

Result<std::optional<HandoffStatus>> HandoffLoop::readStatus(const QString &where, const QVariant &key) const
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(
            q, QStringLiteral(
                   "SELECT o.id AS outbox_id, o.case_reference AS case_reference, d.thread_id AS thread_id, "
                   "o.state AS outbox_state, o.delivered_at AS delivered_at, h.state AS state, h.state_at AS state_at, "
                   "h.source AS source, h.reported_by AS reported_by, h.answer AS answer, "
                   "h.resolved_at AS resolved_at, h.recorded_at AS recorded_at, "
                   "EXISTS(SELECT 1 FROM decisions later WHERE later.thread_id = d.thread_id "
                   "AND later.decided_at > h.recorded_at) AS seen "
                   "FROM outbox o JOIN decisions d ON d.id = o.decision_id "
                   "LEFT JOIN handoffs h ON h.outbox_id = o.id WHERE %1")
                   .arg(where));
        !s)
        return s.failure();
    q.addBindValue(key);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return std::optional<HandoffStatus>();
    const sql::Columns column(q);
    HandoffStatus h;
    h.outboxId = q.value(column("outbox_id")).toString();
    h.caseReference = q.value(column("case_reference")).toString();
    h.threadId = q.value(column("thread_id")).toLongLong();
    const QVariant state = q.value(column("state"));
    if (state.isNull()) {
        // Nothing heard from care: a hand-off that reached it is sent; one still on its way is the
        // outbox's business (its pane shows why it waits).
        if (q.value(column("outbox_state")).toString() != QLatin1String("delivered"))
            return std::optional<HandoffStatus>();
        h.state = HandoffState::Sent;
        h.stateAtMs = q.value(column("delivered_at")).toLongLong();
        return std::optional<HandoffStatus>(h);
    }
    h.state = reportedHandoffStateFromId(state.toString()).value_or(HandoffState::Sent);
    h.stateAtMs = q.value(column("state_at")).toLongLong();
    const QString source = q.value(column("source")).toString();
    for (HandoffSource s : {HandoffSource::Endpoint, HandoffSource::StatusFile, HandoffSource::Cli})
        if (source == toId(s))
            h.source = s;
    h.reportedBy = q.value(column("reported_by")).toString();
    h.answer = q.value(column("answer")).toString();
    h.resolvedAtMs = q.value(column("resolved_at")).toLongLong();
    h.needsAgent = h.state == HandoffState::Resolved && q.value(column("seen")).toInt() == 0;
    return std::optional<HandoffStatus>(h);
}

Result<std::optional<HandoffStatus>> HandoffLoop::status(const QString &caseReference) const
{
    return readStatus(QStringLiteral("o.case_reference = ?"), caseReference);
}

Result<std::optional<HandoffStatus>> HandoffLoop::latestForThread(qint64 threadId) const
{
    return readStatus(QStringLiteral("d.id = (SELECT f.id FROM decisions f JOIN outbox fo ON fo.decision_id = f.id "
                                     "WHERE f.thread_id = ? AND fo.case_reference IS NOT NULL "
                                     "ORDER BY f.decided_at DESC, f.id DESC LIMIT 1)"),
                      threadId);
}

Result<QVector<HandoffEvent>> HandoffLoop::history(const QString &caseReference) const
{
    QSqlQuery q(m_database.connection());
    if (Status s =
            sql::prepare(q, QStringLiteral("SELECT u.state AS state, u.state_at AS state_at, u.source AS source, "
                                           "u.reported_by AS reported_by, u.answer AS answer, "
                                           "u.recorded_at AS recorded_at FROM handoff_updates u "
                                           "JOIN outbox o ON o.id = u.outbox_id "
                                           "WHERE o.case_reference = ? ORDER BY u.id"));
        !s)
        return s.failure();
    q.addBindValue(caseReference);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<HandoffEvent> events;
    while (q.next()) {
        HandoffEvent e;
        e.state = reportedHandoffStateFromId(q.value(0).toString()).value_or(HandoffState::Sent);
        e.atMs = q.value(1).toLongLong();
        const QString source = q.value(2).toString();
        for (HandoffSource s : {HandoffSource::Endpoint, HandoffSource::StatusFile, HandoffSource::Cli})
            if (source == toId(s))
                e.source = s;
        e.reportedBy = q.value(3).toString();
        e.answer = q.value(4).toString();
        e.recordedAtMs = q.value(5).toLongLong();
        events.push_back(e);
    }
    return events;
}

Result<StatusFolderScan> HandoffLoop::scanStatusFolder(const QString &folder)
{
    StatusFolderScan scan;
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        return scan; // no folder, or not there now: nothing to read (the dispatcher reports a bad folder)
    const QString suffix = QStringLiteral(".status.json");
    const QDir dir(folder);
    // Hidden files are left alone: a name starting with a dot is how many writers stage a file
    // before renaming it into place.
    const QStringList names = dir.entryList({QStringLiteral("*") + suffix}, QDir::Files | QDir::NoSymLinks, QDir::Name);
    for (const QString &name : names) {
        const QString path = dir.filePath(name);
        const QString caseReference = name.left(name.size() - suffix.size());
        const qint64 now = m_clock.nowMs();
        Result<HandoffUpdate> update = [&]() -> Result<HandoffUpdate> {
            QFile file(path);
            if (file.size() > kHandoffStatusFileMaxBytes)
                return invalid(QCoreApplication::translate("Handoff", "The file is larger than %1 KiB.")
                                   .arg(kHandoffStatusFileMaxBytes / 1024));
            if (!file.open(QIODevice::ReadOnly))
                return Error{QCoreApplication::translate("Handoff", "Cannot read it: %1").arg(file.errorString()),
                             ErrorKind::Io};
            // One byte over the limit is enough to refuse a file that grew since its size was read.
            return parseHandoffStatus(file.read(kHandoffStatusFileMaxBytes + 1), HandoffSource::StatusFile,
                                      caseReference);
        }();
        Result<HandoffUpdateResult> applied = update ? apply(*update) : Result<HandoffUpdateResult>(update.failure());
        const bool filesFault = applied || applied.errorKind() == ErrorKind::InvalidInput ||
                                applied.errorKind() == ErrorKind::NotFound ||
                                applied.errorKind() == ErrorKind::Conflict;
        if (!filesFault) {
            // Not the file's fault (the cache busy, the file unreadable now): it stays for the next scan.
            scan.errors << QCoreApplication::translate("Handoff", "%1: %2").arg(name, applied.error());
            continue;
        }
        if (applied) {
            if (applied->changed) {
                ++scan.applied;
                scan.threads << applied->threadId;
            } else {
                ++scan.unchanged;
            }
            if (const QString why = moveAside(folder, QStringLiteral("processed"), path, now, nullptr); !why.isEmpty())
                scan.errors << QCoreApplication::translate("Handoff", "%1 was recorded, but: %2").arg(name, why);
            continue;
        }
        ++scan.rejected;
        const QString reason = applied.error();
        scan.errors << QCoreApplication::translate("Handoff", "%1 was refused: %2").arg(name, reason);
        QString movedTo;
        if (const QString why = moveAside(folder, QStringLiteral("rejected"), path, now, &movedTo); !why.isEmpty()) {
            scan.errors << why;
            continue;
        }
        // The reason beside the file, for customer care to read.
        QSaveFile note(movedTo + QStringLiteral(".error.txt"));
        if (!note.open(QIODevice::WriteOnly) || note.write(reason.toUtf8() + '\n') < 0 || !note.commit())
            scan.errors << QCoreApplication::translate("Handoff", "Cannot write the reason beside %1.")
                               .arg(QDir::toNativeSeparators(movedTo));
    }
    return scan;
}

} // namespace sportello::outbox
