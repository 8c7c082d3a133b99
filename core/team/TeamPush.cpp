// Decisions go up: everything the cache marked 'to_push', in one transaction on the team
// database, then what the team made of it written back in one transaction on the cache.

#include "team/TeamCustomers.h"
#include "team/TeamLog.h"
#include "team/TeamReplicaInternal.h"

#include "common/LocaleText.h"
#include "domain/Domain.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "team/TeamDatabase.h"
#include "team/TeamModeration.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace sportello::team {

namespace {

QVariant textOrNull(const QVariant &value)
{
    return value.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value.toString());
}

// A decision of the cache as it goes up, with its outbox entry when it has one.
struct PendingDecision {
    QSqlRecord row;
    bool hasOutbox() const { return !row.value(QStringLiteral("outbox_id")).isNull(); }
    QString id() const { return row.value(QStringLiteral("id")).toString(); }
};

// Forwards before the messages that follow them: those are a millisecond later, and the tie is
// broken on `follows` for safety.
const QString kPendingDecisions = QStringLiteral(
    "SELECT d.id AS id, d.kind AS kind, d.close_reason AS close_reason, d.text AS text, "
    "d.category_before AS category_before, d.category_after AS category_after, d.agent_id AS agent_id, "
    "d.agent_name AS agent_name, d.decided_at AS decided_at, d.target_post AS target_post, d.follows AS follows, "
    "t.channel AS channel, t.external_id AS thread_external_id, o.id AS outbox_id, "
    "o.idempotency_key AS idempotency_key, o.text AS outbox_text, o.case_reference AS case_reference, "
    "o.created_at AS outbox_created_at, coalesce(o.decided_offline, 0) AS decided_offline, "
    "o.seen_outbound AS seen_outbound, o.target_post_id AS target_post_id "
    "FROM decisions d JOIN threads t ON t.id = d.thread_id LEFT JOIN outbox o ON o.decision_id = d.id "
    "WHERE d.team_state = 'to_push' ORDER BY d.decided_at, d.follows IS NOT NULL, d.rowid");

const QString kPendingAudits = QStringLiteral(
    "SELECT a.id AS id, a.at AS at, a.agent_id AS agent_id, a.agent_name AS agent_name, a.action AS action, "
    "t.channel AS channel, t.external_id AS thread_external_id, a.decision_id AS decision_id, a.details AS details "
    "FROM audit_log a LEFT JOIN threads t ON t.id = a.thread_id WHERE a.team_state = 'to_push' "
    "AND NOT (a.action = 'handoff_update' AND json_extract(a.details, '$.report_id') IS NOT NULL) "
    "ORDER BY a.at, a.rowid");

// Notes written here; the team fills in the author (from the login) and the mentions.
const QString kPendingNotes = QStringLiteral(
    "SELECT n.id AS id, t.channel AS channel, t.external_id AS thread_external_id, n.author_name AS author_name, "
    "n.at AS at, n.text AS text FROM notes n JOIN threads t ON t.id = n.thread_id WHERE n.team_state = 'to_push' "
    "ORDER BY n.at, n.rowid");

Result<QVector<QSqlRecord>> readAll(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QVector<QSqlRecord> rows;
    while (query.next())
        rows.push_back(query.record());
    return rows;
}

Status insertDecision(const QSqlDatabase &team, const QSqlRecord &d)
{
    QSqlQuery insert(team);
    if (Status s = teamPrepare(
            insert,
            QStringLiteral("INSERT INTO sportello.decisions(id, channel, thread_external_id, target_post, follows, "
                           "kind, close_reason, text, category_before, category_after, agent_id, agent_name, "
                           "decided_at, decided_offline) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (id) DO NOTHING"));
        !s)
        return s;
    for (const char *column : {"id", "channel", "thread_external_id", "target_post", "follows", "kind", "close_reason",
                               "text", "category_before", "category_after", "agent_id", "agent_name"})
        insert.addBindValue(textOrNull(d.value(QLatin1String(column))));
    insert.addBindValue(d.value(QStringLiteral("decided_at")).toLongLong());
    insert.addBindValue(d.value(QStringLiteral("decided_offline")).toInt() != 0);
    return teamExec(insert);
}

Status insertOutbox(const QSqlDatabase &team, const QSqlRecord &d)
{
    QSqlQuery insert(team);
    if (Status s = teamPrepare(
            insert, QStringLiteral("INSERT INTO sportello.outbox(id, decision_id, idempotency_key, kind, text, "
                                   "case_reference, created_at, decided_offline, seen_outbound, target_post_id) "
                                   "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"));
        !s)
        return s;
    insert.addBindValue(d.value(QStringLiteral("outbox_id")).toString());
    insert.addBindValue(d.value(QStringLiteral("id")).toString());
    insert.addBindValue(d.value(QStringLiteral("idempotency_key")).toString());
    insert.addBindValue(d.value(QStringLiteral("kind")).toString());
    insert.addBindValue(textOrNull(d.value(QStringLiteral("outbox_text"))));
    insert.addBindValue(textOrNull(d.value(QStringLiteral("case_reference"))));
    insert.addBindValue(d.value(QStringLiteral("outbox_created_at")).toLongLong());
    insert.addBindValue(d.value(QStringLiteral("decided_offline")).toInt() != 0);
    insert.addBindValue(textOrNull(d.value(QStringLiteral("seen_outbound"))));
    insert.addBindValue(textOrNull(d.value(QStringLiteral("target_post_id"))));
    return teamExec(insert);
}

Status insertAudit(const QSqlDatabase &team, const QSqlRecord &a)
{
    QSqlQuery insert(team);
    if (Status s = teamPrepare(insert, QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, "
                                                      "action, channel, thread_external_id, decision_id, details) "
                                                      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"));
        !s)
        return s;
    insert.addBindValue(a.value(QStringLiteral("id")).toString());
    insert.addBindValue(a.value(QStringLiteral("at")).toLongLong());
    for (const char *column : {"agent_id", "agent_name", "action", "channel", "thread_external_id", "decision_id"})
        insert.addBindValue(textOrNull(a.value(QLatin1String(column))));
    insert.addBindValue(a.value(QStringLiteral("details")).toString());
    return teamExec(insert);
}

Status insertNote(QSqlQuery &insert, const QSqlRecord &n)
{
    if (Status s = teamPrepare(insert, QStringLiteral("INSERT INTO sportello.notes(id, channel, thread_external_id, "
                                                      "author_name, at, text) VALUES(?, ?, ?, ?, ?, ?) "
                                                      "ON CONFLICT (id) DO NOTHING"));
        !s)
        return s;
    for (const char *column : {"id", "channel", "thread_external_id", "author_name"})
        insert.addBindValue(n.value(QLatin1String(column)).toString());
    insert.addBindValue(n.value(QStringLiteral("at")).toLongLong());
    insert.addBindValue(n.value(QStringLiteral("text")).toString());
    return teamExec(insert);
}

// A note the team refuses for good: the login may not write on that thread (an external's scope,
// row-level security), is no longer on the team, or the text breaks the team's rules (empty, too
// long). Pushing it again would fail again and, in the same transaction, hold back every other
// change: it is set aside ('refused') and stays readable on this desktop.
bool refusedForGood(const Status &status)
{
    return status.errorKind() == ErrorKind::RefusedByPolicy || status.errorKind() == ErrorKind::InvalidInput;
}

// Each note in a savepoint of its own, so that a refused one is undone alone.
Result<bool> pushNote(const QSqlDatabase &team, const QSqlRecord &note)
{
    if (Status s = teamExec(team, QStringLiteral("SAVEPOINT sportello_note")); !s)
        return s.failure();
    // The statement outlives the rollback to the savepoint: freeing it inside the aborted
    // transaction would fail (and say so on the log).
    QSqlQuery insert(team);
    const Status inserted = insertNote(insert, note);
    if (inserted) {
        if (Status s = teamExec(team, QStringLiteral("RELEASE SAVEPOINT sportello_note")); !s)
            return s.failure();
        return true;
    }
    if (!refusedForGood(inserted))
        return inserted.failure();
    if (Status s = teamExec(team, QStringLiteral("ROLLBACK TO SAVEPOINT sportello_note")); !s)
        return s.failure();
    qCWarning(lcTeam) << "note" << note.value(QStringLiteral("id")).toString()
                      << "refused by the team database, kept on this desktop:" << inserted.error();
    return false;
}

struct TeamVerdict {
    QString state; // accepted or held
    QString heldBecause;
    QString heldMessage;
};

// What the team database made of a decision just pushed (or pushed before): its state, and for
// a held one who decided the post first, named as the team knows them.
Result<TeamVerdict> readVerdict(const QSqlDatabase &team, const QString &decisionId)
{
    QSqlQuery query(team);
    if (Status s = teamPrepare(
            query,
            QStringLiteral("SELECT d.state, d.held_because, coalesce(a.name, f.agent_name), f.kind, f.decided_at "
                           "FROM sportello.decisions d LEFT JOIN sportello.decisions f ON f.id = d.held_because "
                           "LEFT JOIN sportello.agents a ON a.login = f.agent_login WHERE d.id = ?"));
        !s)
        return s.failure();
    query.addBindValue(decisionId);
    if (Status s = teamExec(query); !s)
        return s.failure();
    if (!query.next())
        return Error{QCoreApplication::translate("Team", "The team database did not keep decision %1.").arg(decisionId),
                     ErrorKind::Corrupt};
    TeamVerdict verdict{query.value(0).toString(), query.value(1).toString(), QString()};
    if (verdict.state == QLatin1String("held"))
        verdict.heldMessage =
            heldMessage(query.value(2).toString(), query.value(3).toString(), query.value(4).toLongLong());
    return verdict;
}

// The cache learns what the team made of its decisions; a held decision's outbox entry is held
// with the reason, so the outbox view shows it next to the colleague's decision.
Status markPushed(const QSqlDatabase &cache, const QVector<std::pair<QString, TeamVerdict>> &verdicts,
                  const QVector<QSqlRecord> &audits, const QVector<std::pair<QString, bool>> &notes)
{
    Transaction transaction(cache);
    if (!transaction.started())
        return transaction.startFailure();
    QSqlQuery decision(cache), outbox(cache), audit(cache);
    if (Status s = sql::prepare(decision, QStringLiteral("UPDATE decisions SET team_state = ?, held_because = ? "
                                                         "WHERE id = ?"));
        !s)
        return s;
    if (Status s = sql::prepare(outbox, QStringLiteral("UPDATE outbox SET state = 'held', last_error = ?, "
                                                       "revision = revision + 1, updated_at = ? "
                                                       "WHERE decision_id = ? AND state <> 'held'"));
        !s)
        return s;
    if (Status s = sql::prepare(audit, QStringLiteral("UPDATE audit_log SET team_state = 'pushed' WHERE id = ? "
                                                      "AND team_state = 'to_push'"));
        !s)
        return s;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const auto &[id, verdict] : verdicts) {
        decision.addBindValue(verdict.state);
        decision.addBindValue(sql::nullableText(verdict.heldBecause));
        decision.addBindValue(id);
        if (Status s = sql::exec(decision); !s)
            return s;
        if (verdict.state != QLatin1String("held"))
            continue;
        outbox.addBindValue(verdict.heldMessage);
        outbox.addBindValue(now);
        outbox.addBindValue(id);
        if (Status s = sql::exec(outbox); !s)
            return s;
    }
    for (const QSqlRecord &a : audits) {
        audit.addBindValue(a.value(QStringLiteral("id")).toString());
        if (Status s = sql::exec(audit); !s)
            return s;
    }
    QSqlQuery note(cache);
    if (Status s = sql::prepare(note, QStringLiteral("UPDATE notes SET team_state = ? WHERE id = ? "
                                                     "AND team_state = 'to_push'"));
        !s)
        return s;
    for (const auto &[id, accepted] : notes) {
        note.addBindValue(accepted ? QStringLiteral("pushed") : QStringLiteral("refused"));
        note.addBindValue(id);
        if (Status s = sql::exec(note); !s)
            return s;
    }
    return transaction.commit();
}

} // namespace

QString heldMessage(const QString &firstAgent, const QString &firstKind, qint64 firstDecidedAtMs)
{
    const auto kind = decisionKindFromId(firstKind);
    // Written once, in the words and the date order of the agent's language, like the rest of it.
    const QString when = dateTimeText(QDateTime::fromMSecsSinceEpoch(firstDecidedAtMs, Qt::UTC).toLocalTime());
    return QCoreApplication::translate("Team", "Held, not sent: %1 decided this post first (%2, %3).")
        .arg(firstAgent.isEmpty() ? QCoreApplication::translate("Team", "a colleague") : firstAgent,
             kind ? label(*kind) : firstKind, when);
}

QString heldMessageFromCache(const QSqlDatabase &cache, const QString &firstDecisionId)
{
    QSqlQuery query(cache);
    if (sql::prepare(query, QStringLiteral("SELECT agent_name, kind, decided_at FROM decisions WHERE id = ?"))) {
        query.addBindValue(firstDecisionId);
        if (sql::exec(query) && query.next())
            return heldMessage(query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong());
    }
    return QCoreApplication::translate("Team", "Held, not sent: a colleague decided this post first.");
}

namespace {

// One noted change of what the team shares, as the cache holds it now: upserted into the team's
// table, or deleted there when it is gone here. Last writer wins, as in the console.
Status pushSharedRow(const QSqlDatabase &cache, const QSqlDatabase &team, const QString &kind, const QString &key)
{
    struct Shape {
        const char *local;  // the cache's row, by key
        const char *upsert; // its columns, in the same order, into the team's table
        const char *remove;
    };
    static const QHash<QString, Shape> shapes{
        {QStringLiteral("policy"),
         {"SELECT name, definition, updated_at FROM policies WHERE name = ?",
          "INSERT INTO sportello.policies(name, definition, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE "
          "SET definition = excluded.definition, updated_at = excluded.updated_at",
          "DELETE FROM sportello.policies WHERE name = ?"}},
        {QStringLiteral("saved_reply"),
         {"SELECT id, code, title, language, category, channel, body, updated_at FROM saved_replies WHERE id = ?",
          "INSERT INTO sportello.saved_replies(id, code, title, language, category, channel, body, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code, title = "
          "excluded.title, language = excluded.language, category = excluded.category, channel = excluded.channel, "
          "body = excluded.body, updated_at = excluded.updated_at",
          "DELETE FROM sportello.saved_replies WHERE id = ?"}},
        // The cache keeps the team's routing and approval under keys of its own (team_...).
        {QStringLiteral("setting"),
         {"SELECT CASE key WHEN 'team_routing' THEN 'routing' WHEN 'team_approval' THEN 'approval' ELSE key END, "
          "value FROM app_state WHERE key = ?",
          "INSERT INTO sportello.settings(key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
          "excluded.value, updated_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
          "DELETE FROM sportello.settings WHERE key = ?"}},
    };
    const auto shape = shapes.constFind(kind);
    if (shape == shapes.constEnd())
        return {};
    QSqlQuery local(cache);
    if (Status s = sql::prepare(local, QLatin1String(shape->local)); !s)
        return s;
    local.addBindValue(key);
    if (Status s = sql::exec(local); !s)
        return s;
    QSqlQuery up(team);
    if (local.next()) {
        if (Status s = teamPrepare(up, QLatin1String(shape->upsert)); !s)
            return s;
        for (int column = 0; column < local.record().count(); ++column)
            up.addBindValue(local.value(column));
    } else {
        if (Status s = teamPrepare(up, QLatin1String(shape->remove)); !s)
            return s;
        up.addBindValue(key.startsWith(QLatin1String("team_")) ? key.mid(5) : key);
    }
    return teamExec(up);
}

} // namespace

Result<int> pushShared(const QSqlDatabase &cache, const QSqlDatabase &team)
{
    auto noted = readAll(cache, QStringLiteral("SELECT kind, key FROM team_outgoing ORDER BY kind, key"));
    if (!noted)
        return noted.failure();
    if (noted->isEmpty())
        return 0;
    Status pushed;
    {
        TeamTransaction transaction(team);
        if (!transaction.started())
            return transaction.startFailure();
        for (const QSqlRecord &row : *noted) {
            pushed = pushSharedRow(cache, team, row.value(0).toString(), row.value(1).toString());
            if (!pushed)
                break;
        }
        if (pushed)
            pushed = transaction.commit();
    }
    if (!pushed && pushed.errorKind() != ErrorKind::RefusedByPolicy)
        return pushed.failure(); // tried again at the next push
    // Went up, or refused for good (an agent's login): the notes go either way, so that a refusal
    // is said once instead of at every round.
    for (const QSqlRecord &row : *noted) {
        QSqlQuery done(cache);
        if (Status s = sql::prepare(done, QStringLiteral("DELETE FROM team_outgoing WHERE kind = ? AND key = ?")); !s)
            return s.failure();
        done.addBindValue(row.value(0));
        done.addBindValue(row.value(1));
        if (Status s = sql::exec(done); !s)
            return s.failure();
    }
    if (!pushed)
        return pushed.failure().withMessage(
            QCoreApplication::translate("Team", "Only a supervisor or an administrator changes what the team "
                                                "shares (response policies, the guard configuration, saved "
                                                "replies, the CRM address, routing and approval): your "
                                                "change stays on this desktop. (%1)")
                .arg(pushed.error()));
    qCInfo(lcTeam) << "pushed" << noted->size() << "changes of what the team shares";
    return int(noted->size());
}

namespace {

// Hand-off reports recorded here, oldest first; the team fills in the case, the thread and who
// pushed it from the forward it holds.
const QString kPendingHandoffUpdates = QStringLiteral(
    "SELECT team_id, outbox_id, state, state_at, source, reported_by, answer, recorded_at FROM handoff_updates "
    "WHERE team_state = 'to_push' ORDER BY id");
// A report's audit entry (its details name the report): it goes up with the report, from the
// hub too (which pushes no other audit entry), and is refused with it.
const QString kReportAudits = QStringLiteral(
    "SELECT a.id AS id, a.at AS at, a.agent_id AS agent_id, a.agent_name AS agent_name, a.action AS action, "
    "t.channel AS channel, t.external_id AS thread_external_id, a.decision_id AS decision_id, a.details AS details "
    "FROM audit_log a LEFT JOIN threads t ON t.id = a.thread_id WHERE a.team_state = 'to_push' "
    "AND a.action = 'handoff_update' AND json_extract(a.details, '$.report_id') = ? ORDER BY a.at, a.rowid");

Result<QVector<QSqlRecord>> reportAudits(const QSqlDatabase &cache, const QString &reportId)
{
    QSqlQuery query(cache);
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, kReportAudits); !s)
        return s.failure();
    query.addBindValue(reportId);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QVector<QSqlRecord> rows;
    while (query.next())
        rows.push_back(query.record());
    return rows;
}

// One report and its audit entry in a savepoint of their own: refused for good, they are undone
// alone (as a note is).
Result<bool> pushHandoffUpdate(const QSqlDatabase &team, const QSqlRecord &u, const QVector<QSqlRecord> &audits)
{
    if (Status s = teamExec(team, QStringLiteral("SAVEPOINT sportello_handoff")); !s)
        return s.failure();
    QSqlQuery insert(team);
    Status inserted;
    for (const QSqlRecord &a : audits) {
        if (inserted)
            inserted = insertAudit(team, a);
    }
    if (inserted)
        inserted = teamPrepare(
            insert, QStringLiteral("INSERT INTO sportello.handoff_updates(id, outbox_id, state, state_at, source, "
                                   "reported_by, answer, recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (id) DO NOTHING"));
    if (inserted) {
        for (const char *column : {"team_id", "outbox_id", "state"})
            insert.addBindValue(u.value(QLatin1String(column)).toString());
        insert.addBindValue(u.value(QStringLiteral("state_at")).toLongLong());
        insert.addBindValue(u.value(QStringLiteral("source")).toString());
        insert.addBindValue(textOrNull(u.value(QStringLiteral("reported_by"))));
        insert.addBindValue(textOrNull(u.value(QStringLiteral("answer"))));
        insert.addBindValue(u.value(QStringLiteral("recorded_at")).toLongLong());
        inserted = teamExec(insert);
    }
    if (inserted) {
        if (Status s = teamExec(team, QStringLiteral("RELEASE SAVEPOINT sportello_handoff")); !s)
            return s.failure();
        return true;
    }
    if (!refusedForGood(inserted))
        return inserted.failure();
    if (Status s = teamExec(team, QStringLiteral("ROLLBACK TO SAVEPOINT sportello_handoff")); !s)
        return s.failure();
    qCWarning(lcTeam) << "hand-off report" << u.value(QStringLiteral("team_id")).toString()
                      << "refused by the team database, kept on this desktop:" << inserted.error();
    return false;
}

} // namespace

Result<HandoffPush> pushHandoffUpdates(const QSqlDatabase &cache, const QSqlDatabase &team)
{
    auto updates = readAll(cache, kPendingHandoffUpdates);
    if (!updates)
        return updates.failure();
    HandoffPush report;
    if (updates->isEmpty())
        return report;
    QVector<QVector<QSqlRecord>> audits; // each report's
    for (const QSqlRecord &u : *updates) {
        auto own = reportAudits(cache, u.value(QStringLiteral("team_id")).toString());
        if (!own)
            return own.failure();
        audits.push_back(*own);
    }
    QVector<std::pair<QString, bool>> outcomes; // team id, and whether the team took it
    {
        TeamTransaction transaction(team);
        if (!transaction.started())
            return transaction.startFailure();
        for (qsizetype i = 0; i < updates->size(); ++i) {
            const QSqlRecord &u = updates->at(i);
            auto taken = pushHandoffUpdate(team, u, audits.at(i));
            if (!taken)
                return taken.failure().withMessage(
                    QCoreApplication::translate("Team", "Customer care's report %1 did not go up: %2")
                        .arg(u.value(QStringLiteral("team_id")).toString(), taken.error()));
            outcomes.push_back({u.value(QStringLiteral("team_id")).toString(), *taken});
        }
        if (Status s = transaction.commit(); !s)
            return s.failure();
    }
    // A stop before this commit pushes them again, which changes nothing (the ids).
    Transaction transaction(cache);
    if (!transaction.started())
        return transaction.startFailure();
    // A refused report's audit entry stays on this desktop only (team_state NULL, as alone).
    QSqlQuery audit(cache), update(cache);
    if (Status s = sql::prepare(audit, QStringLiteral("UPDATE audit_log SET team_state = ? WHERE id = ? "
                                                      "AND team_state = 'to_push'"));
        !s)
        return s.failure();
    if (Status s = sql::prepare(update, QStringLiteral("UPDATE handoff_updates SET team_state = ? WHERE team_id = ? "
                                                       "AND team_state = 'to_push'"));
        !s)
        return s.failure();
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        const auto &[id, taken] = outcomes.at(i);
        for (const QSqlRecord &a : audits.at(i)) {
            audit.addBindValue(taken ? QVariant(QStringLiteral("pushed")) : QVariant(QMetaType(QMetaType::QString)));
            audit.addBindValue(a.value(QStringLiteral("id")).toString());
            if (Status s = sql::exec(audit); !s)
                return s.failure();
        }
        update.addBindValue(taken ? QStringLiteral("pushed") : QStringLiteral("refused"));
        update.addBindValue(id);
        if (Status s = sql::exec(update); !s)
            return s.failure();
        ++(taken ? report.pushed : report.refused);
    }
    if (Status s = transaction.commit(); !s)
        return s.failure();
    qCInfo(lcTeam) << "pushed" << report.pushed << "hand-off reports," << report.refused << "refused";
    return report;
}

Result<PushReport> pushToTeam(const QSqlDatabase &cache, const QSqlDatabase &team)
{
    auto decisions = readAll(cache, kPendingDecisions);
    if (!decisions)
        return decisions.failure();
    auto audits = readAll(cache, kPendingAudits);
    if (!audits)
        return audits.failure();
    auto notes = readAll(cache, kPendingNotes);
    if (!notes)
        return notes.failure();
    PushReport report;
    // The customers go up before the decisions: the hub builds a forward's hand-off packet, with
    // the customer's policyholder reference and linked identities, when it first sends it, so they
    // must be in the team before the forward is. A failure here does not hold the decisions back
    // (they matter more): it is reported after them.
    auto customers = pushCustomers(cache, team); // TeamCustomers.cpp
    // What the team shares goes up after the decisions, which matter more if either fails.
    // Care's reports go up after the decisions too: their forward must be in the team first.
    const auto withShared = [&cache, &team, &customers](PushReport done) -> Result<PushReport> {
        if (!customers)
            return customers.failure();
        done.customerChanges = customers->changes;
        done.customerChangesRefused = customers->refused;
        auto handoffs = pushHandoffUpdates(cache, team);
        if (!handoffs)
            return handoffs.failure();
        done.handoffUpdates = handoffs->pushed;
        done.handoffUpdatesRefused = handoffs->refused;
        // Moderation requests for the hub (TeamModeration.h), each repeat-safe by its id.
        auto moderation = detail::pushModerationRequests(cache, team);
        if (!moderation)
            return moderation.failure();
        done.moderation = *moderation;
        // Who opened or exported personal data here (TeamAccessLog.cpp): after the work itself.
        auto access = pushAccessRecords(cache, team);
        if (!access)
            return access.failure();
        done.accessRecords = *access;
        auto shared = pushShared(cache, team);
        if (!shared)
            return shared.failure();
        done.shared = *shared;
        return done;
    };
    if (decisions->isEmpty() && audits->isEmpty() && notes->isEmpty())
        return withShared(report);

    // Everything in one transaction: a decision never reaches the team without its outbox and
    // audit entries. Each insert is idempotent by id, so pushing again after a crash is harmless.
    QVector<std::pair<QString, TeamVerdict>> verdicts;
    QVector<std::pair<QString, bool>> noteOutcomes; // id, and whether the team took it
    {
        TeamTransaction transaction(team);
        if (!transaction.started())
            return transaction.startFailure();
        for (const QSqlRecord &d : *decisions) {
            if (Status s = insertDecision(team, d); !s)
                return s.failure().withMessage(QCoreApplication::translate("Team", "Decision %1 did not go up: %2")
                                                   .arg(d.value(QStringLiteral("id")).toString(), s.error()));
            if (!PendingDecision{d}.hasOutbox())
                continue;
            if (Status s = insertOutbox(team, d); !s)
                return s.failure();
        }
        for (const QSqlRecord &a : *audits) {
            if (Status s = insertAudit(team, a); !s)
                return s.failure();
        }
        for (const QSqlRecord &n : *notes) {
            auto taken = pushNote(team, n);
            if (!taken)
                return taken.failure().withMessage(QCoreApplication::translate("Team", "Note %1 did not go up: %2")
                                                       .arg(n.value(QStringLiteral("id")).toString(), taken.error()));
            noteOutcomes.push_back({n.value(QStringLiteral("id")).toString(), *taken});
        }
        for (const QSqlRecord &d : *decisions) {
            const QString id = d.value(QStringLiteral("id")).toString();
            auto verdict = readVerdict(team, id);
            if (!verdict)
                return verdict.failure();
            verdicts.push_back({id, *verdict});
        }
        if (Status s = transaction.commit(); !s)
            return s.failure();
    }
    if (Status s = markPushed(cache, verdicts, *audits, noteOutcomes); !s)
        return s.failure().withMessage(
            QCoreApplication::translate("Team", "The decisions went up, but the cache could not record it (they go up "
                                                "again, harmlessly, at the next sync): %1")
                .arg(s.error()));
    report.decisions = verdicts.size();
    for (const auto &[id, verdict] : verdicts)
        report.held += verdict.state == QLatin1String("held") ? 1 : 0;
    report.audits = audits->size();
    for (const auto &[id, taken] : noteOutcomes)
        ++(taken ? report.notes : report.notesRefused);
    qCInfo(lcTeam) << "pushed" << report.decisions << "decisions," << report.held << "held," << report.audits
                   << "audit entries," << report.notes << "notes," << report.notesRefused << "notes refused";
    return withShared(report);
}

} // namespace sportello::team
