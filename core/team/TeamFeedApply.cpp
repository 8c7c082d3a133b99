// The team feed's changes into the cache, one kind at a time. Everything here runs inside the
// page's transaction; a change that cannot apply yet (its thread or decision has not arrived)
// waits in team_deferred, and a malformed one refuses the whole page.

#include "team/TeamCommentFlags.h"
#include "team/TeamCustomers.h"
#include "team/TeamLog.h"
#include "team/TeamReplicaInternal.h"

#include "ingest/Ingestor.h"
#include "ingest/PostRecord.h"
#include "outbox/HandoffStatus.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "timers/PolicyStore.h"
#include "timers/ResponseTimers.h"
#include "team/TeamModeration.h"
#include "triage/TriageService.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace sportello::team {

namespace {

Error malformed(const FeedChange &change, const QString &what)
{
    return Error{QCoreApplication::translate("Team", "Change %1 of the team feed (%2) cannot be applied: %3. Nothing "
                                                     "of its page was applied; the next sync tries again.")
                     .arg(change.seq)
                     .arg(change.kind, what),
                 ErrorKind::Corrupt};
}

// Field readers: a missing required field makes the change malformed.
Result<QString> text(const FeedChange &change, const char *key)
{
    const QJsonValue value = change.row.value(QLatin1String(key));
    if (!value.isString())
        return malformed(change, QCoreApplication::translate("Team", "\"%1\" is missing").arg(QLatin1String(key)));
    return value.toString();
}
QString optionalText(const FeedChange &change, const char *key)
{
    return change.row.value(QLatin1String(key)).toString();
}
QVariant textOrNull(const FeedChange &change, const char *key)
{
    const QJsonValue value = change.row.value(QLatin1String(key));
    return value.isString() ? QVariant(value.toString()) : QVariant(QMetaType(QMetaType::QString));
}
Result<qint64> number(const FeedChange &change, const char *key)
{
    const QJsonValue value = change.row.value(QLatin1String(key));
    if (!value.isDouble())
        return malformed(change, QCoreApplication::translate("Team", "\"%1\" is missing").arg(QLatin1String(key)));
    return qint64(value.toDouble());
}
QVariant numberOrNull(const FeedChange &change, const char *key)
{
    const QJsonValue value = change.row.value(QLatin1String(key));
    return value.isDouble() ? QVariant(qint64(value.toDouble())) : QVariant(QMetaType(QMetaType::LongLong));
}

// A JSON array of the row (text[] in the team database) as compact JSON text; "[]" when absent.
QString arrayText(const FeedChange &change, const char *key)
{
    const QJsonValue value = change.row.value(QLatin1String(key));
    return QString::fromUtf8(
        QJsonDocument(value.isArray() ? value.toArray() : QJsonArray()).toJson(QJsonDocument::Compact));
}

// Runs a statement with its values bound in order.
Status run(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, statement); !s)
        return s;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return sql::exec(query);
}

// The first column of the first row, or an invalid QVariant when there is none.
Result<QVariant> lookup(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0) : QVariant();
}

Result<QVariant> localThread(const QSqlDatabase &db, const QString &channel, const QString &externalId)
{
    return lookup(db, QStringLiteral("SELECT id FROM threads WHERE channel = ? AND external_id = ?"),
                  {channel, externalId});
}

bool isDelete(const FeedChange &change) { return change.op == QLatin1String("delete"); }

} // namespace

FeedApplier::FeedApplier(Database &cache, Ingestor &ingestor, const Clock &clock)
    : m_cache(cache), m_clock(clock), m_db(cache.connection()), m_ingestor(ingestor)
{}

Result<FeedChange> FeedApplier::parse(qint64 seq, const QString &kind, const QString &op, const QString &rowText)
{
    FeedChange change{seq, kind, op, rowText, {}};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(rowText.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return malformed(change, QCoreApplication::translate("Team", "its row is not a JSON object"));
    if (op != QLatin1String("upsert") && op != QLatin1String("delete"))
        return malformed(change, QCoreApplication::translate("Team", "unknown operation \"%1\"").arg(op));
    change.row = document.object();
    return change;
}

Status FeedApplier::apply(const FeedChange &change)
{
    auto outcome = applyOne(change);
    if (!outcome)
        return outcome.failure();
    if (*outcome == Outcome::NotYet)
        return defer(change);
    return {};
}

Status FeedApplier::defer(const FeedChange &change)
{
    ++m_deferred;
    return run(m_db, QStringLiteral("INSERT OR REPLACE INTO team_deferred(seq, kind, op, row) VALUES(?, ?, ?, ?)"),
               {change.seq, change.kind, change.op, change.rowText});
}

Status FeedApplier::retryDeferred()
{
    QVector<FeedChange> waiting;
    {
        QSqlQuery query(m_db);
        if (Status s = sql::prepare(query, QStringLiteral("SELECT seq, kind, op, row FROM team_deferred ORDER BY seq"));
            !s)
            return s;
        if (Status s = sql::exec(query); !s)
            return s;
        while (query.next()) {
            auto change = parse(query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                                query.value(3).toString());
            if (!change)
                return change.failure();
            waiting.push_back(*change);
        }
    }
    m_deferred = 0;
    for (const FeedChange &change : waiting) {
        auto outcome = applyOne(change);
        if (!outcome)
            return outcome.failure();
        if (*outcome == Outcome::NotYet) {
            ++m_deferred;
            continue;
        }
        if (Status s = run(m_db, QStringLiteral("DELETE FROM team_deferred WHERE seq = ?"), {change.seq}); !s)
            return s;
    }
    return {};
}

Result<FeedApplier::Outcome> FeedApplier::applyOne(const FeedChange &change)
{
    const QString &k = change.kind;
    if (k == QLatin1String("post"))
        return applyPost(change);
    if (k == QLatin1String("decision"))
        return applyDecision(change);
    if (k == QLatin1String("outbox"))
        return applyOutbox(change);
    if (k == QLatin1String("audit"))
        return applyAudit(change);
    if (k == QLatin1String("policy"))
        return applyPolicy(change);
    if (k == QLatin1String("setting"))
        return applySetting(change);
    if (k == QLatin1String("saved_reply"))
        return applySavedReply(change);
    if (k == QLatin1String("account"))
        return applyAccount(change);
    if (k == QLatin1String("agent"))
        return applyAgent(change);
    if (k == QLatin1String("note"))
        return applyNote(change);
    if (isCustomerKind(k)) {
        auto applied = applyCustomerChange(m_db, change); // TeamCustomers.cpp
        if (!applied)
            return applied.failure();
        return *applied ? Outcome::Applied : Outcome::NotYet;
    }
    if (k == QLatin1String("moderation")) {
        auto applied = detail::applyModerationChange(m_db, change);
        if (!applied)
            return applied.failure();
        return *applied ? Outcome::Applied : Outcome::NotYet;
    }
    if (k == QLatin1String("handoff_update"))
        return applyHandoffUpdate(change);
    if (k == QLatin1String("comment_flags")) {
        auto applied = detail::applyCommentFlagsChange(m_db, change); // TeamCommentFlags.cpp
        if (!applied)
            return applied.failure();
        return *applied ? Outcome::Applied : Outcome::NotYet;
    }
    return malformed(change, QCoreApplication::translate("Team", "this version of Sportello does not know the kind "
                                                                 "\"%1\" (update Sportello)")
                                 .arg(k));
}

// Posts take the ingest path, as from a connector: de-duplicated by channel and id, timers, search.
Result<FeedApplier::Outcome> FeedApplier::applyPost(const FeedChange &change)
{
    if (isDelete(change))
        return Outcome::Applied; // posts are never deleted from the team database
    PostRecord post;
    const auto channel = channelFromId(optionalText(change, "channel"));
    const auto direction = directionFromId(optionalText(change, "direction"));
    const auto visibility = visibilityFromId(optionalText(change, "visibility"));
    auto createdAt = number(change, "created_at");
    if (!channel || !direction || !visibility || !createdAt)
        return malformed(change, QCoreApplication::translate("Team", "channel, direction, visibility or time missing"));
    post.channel = *channel;
    post.direction = *direction;
    post.visibility = *visibility;
    post.createdAtMs = *createdAt;
    post.postExternalId = optionalText(change, "external_id");
    post.threadExternalId = optionalText(change, "thread_external_id");
    post.inReplyTo = optionalText(change, "in_reply_to");
    post.author.externalId = optionalText(change, "author_external_id");
    post.author.handle = optionalText(change, "author_handle");
    post.author.displayName = optionalText(change, "author_name");
    post.author.followerCount = qint64(change.row.value(QLatin1String("author_followers")).toDouble());
    post.text = optionalText(change, "text");
    if (const QString category = optionalText(change, "category"); !category.isEmpty()) {
        post.category = categoryFromId(category);
        if (!post.category)
            return malformed(change, QCoreApplication::translate("Team", "unknown category \"%1\"").arg(category));
    }
    post.language = optionalText(change, "language");
    // An app-store review's stars (team schema 3); the ingest path refuses anything but 1 to 5.
    if (const QJsonValue rating = change.row.value(QLatin1String("rating")); rating.isDouble())
        post.rating = rating.toInt();
    if (Status s = m_ingestor.add(post); !s)
        return s.errorKind() == ErrorKind::InvalidInput ? Result<Outcome>(malformed(change, s.error()))
                                                        : Result<Outcome>(s.failure());
    return Outcome::Applied;
}

// Our own decision comes back with the team's verdict; a colleague's is stored and, accepted,
// does to the thread what a decision taken here does.
Result<FeedApplier::Outcome> FeedApplier::applyDecision(const FeedChange &change)
{
    if (isDelete(change))
        return Outcome::Applied; // decisions are never deleted from the team database
    auto id = text(change, "id");
    auto state = text(change, "state");
    if (!id || !state)
        return (!id ? id : state).failure();
    if (*state != QLatin1String("accepted") && *state != QLatin1String("held"))
        return malformed(change, QCoreApplication::translate("Team", "unknown state \"%1\"").arg(*state));
    const QString heldBecause = optionalText(change, "held_because");
    auto known = lookup(m_db, QStringLiteral("SELECT 1 FROM decisions WHERE id = ?"), {*id});
    if (!known)
        return known.failure();
    if (known->isValid()) {
        if (Status s = run(m_db, QStringLiteral("UPDATE decisions SET team_state = ?, held_because = ? WHERE id = ?"),
                           {*state, sql::nullableText(heldBecause), *id});
            !s)
            return s.failure();
        if (*state == QLatin1String("held")) {
            if (Status s = run(m_db,
                               QStringLiteral("UPDATE outbox SET state = 'held', last_error = ?, "
                                              "revision = revision + 1 WHERE decision_id = ? AND state <> 'held'"),
                               {heldMessageFromCache(m_db, heldBecause), *id});
                !s)
                return s.failure();
        }
        return Outcome::Applied;
    }

    auto channel = text(change, "channel");
    auto threadExternal = text(change, "thread_external_id");
    auto decidedAt = number(change, "decided_at");
    const auto kind = decisionKindFromId(optionalText(change, "kind"));
    if (!channel || !threadExternal || !decidedAt || !kind)
        return malformed(change, QCoreApplication::translate("Team", "channel, thread, kind or time missing"));
    auto thread = localThread(m_db, *channel, *threadExternal);
    if (!thread)
        return thread.failure();
    if (!thread->isValid())
        return Outcome::NotYet; // its posts have not come down yet
    if (Status s = run(m_db,
                       QStringLiteral("INSERT INTO decisions(id, thread_id, kind, close_reason, text, category_before, "
                                      "category_after, agent_id, agent_name, decided_at, target_post, follows, "
                                      "team_state, held_because) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {*id, *thread, toId(*kind), textOrNull(change, "close_reason"), optionalText(change, "text"),
                        textOrNull(change, "category_before"), textOrNull(change, "category_after"),
                        optionalText(change, "agent_id"), optionalText(change, "agent_name"), *decidedAt,
                        textOrNull(change, "target_post"), textOrNull(change, "follows"), *state,
                        sql::nullableText(heldBecause)});
        !s)
        return s.failure();
    if (*state != QLatin1String("accepted") || !optionalText(change, "follows").isEmpty())
        return Outcome::Applied;
    const QString categoryAfter = optionalText(change, "category_after");
    const DecisionEffect effect{thread->toLongLong(), *kind,
                                categoryAfter.isEmpty() ? std::nullopt : categoryFromId(categoryAfter), *id,
                                *decidedAt};
    if (Status s = applyDecisionToThread(m_db, effect); !s)
        return s.failure();
    return Outcome::Applied;
}

// Delivery is the hub's: the cache follows the team outbox's state. A held entry keeps (or gets)
// the message naming who decided first.
Result<FeedApplier::Outcome> FeedApplier::applyOutbox(const FeedChange &change)
{
    if (isDelete(change))
        return Outcome::Applied;
    auto id = text(change, "id");
    auto decisionId = text(change, "decision_id");
    auto state = text(change, "state");
    if (!id || !decisionId || !state)
        return malformed(change, QCoreApplication::translate("Team", "id, decision or state missing"));
    auto heldBecause = lookup(m_db, QStringLiteral("SELECT held_because FROM decisions WHERE id = ?"), {*decisionId});
    if (!heldBecause)
        return heldBecause.failure();
    auto known = lookup(m_db, QStringLiteral("SELECT state FROM outbox WHERE id = ?"), {*id});
    if (!known)
        return known.failure();
    const bool held = *state == QLatin1String("held");
    QVariant lastError = textOrNull(change, "last_error");
    if (held)
        lastError = heldMessageFromCache(m_db, heldBecause->toString());
    const QVariant updatedAt = numberOrNull(change, "updated_at");
    if (known->isValid()) {
        if (held && known->toString() == QLatin1String("held"))
            return Outcome::Applied; // already held here, with its message
        // The text follows the team's: a supervisor who approves a reply may have edited it, and
        // the hub delivers from its cache's copy.
        if (Status s = run(m_db,
                           QStringLiteral("UPDATE outbox SET state = ?, attempts = ?, sent_at = ?, delivered_at = ?, "
                                          "remote_id = ?, last_error = ?, case_reference = ?, updated_at = ?, "
                                          "text = coalesce(?, text), review_comment = ?, reviewed_by = ?, "
                                          "reviewed_at = ?, revision = revision + 1 WHERE id = ?"),
                           {*state, numberOrNull(change, "attempts"), numberOrNull(change, "sent_at"),
                            numberOrNull(change, "delivered_at"), textOrNull(change, "remote_id"), lastError,
                            textOrNull(change, "case_reference"), updatedAt, textOrNull(change, "text"),
                            textOrNull(change, "review_comment"), textOrNull(change, "reviewed_by"),
                            numberOrNull(change, "reviewed_at"), *id});
            !s)
            return s.failure();
        if (isUnderReview(*state) || isUnderReview(known->toString()))
            return rethinkThreadOf(*decisionId);
        return Outcome::Applied;
    }
    if (!heldBecause->isValid())
        return Outcome::NotYet; // its decision waits for its thread
    auto createdAt = number(change, "created_at");
    auto key = text(change, "idempotency_key");
    if (!createdAt || !key)
        return malformed(change, QCoreApplication::translate("Team", "time or idempotency key missing"));
    if (Status s = run(
            m_db,
            QStringLiteral("INSERT INTO outbox(id, decision_id, idempotency_key, state, created_at, text, "
                           "decided_offline, case_reference, target_post_id, seen_outbound, attempts, "
                           "sent_at, delivered_at, remote_id, last_error, updated_at, review_comment, "
                           "reviewed_by, reviewed_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {*id, *decisionId, *key, *state, *createdAt, optionalText(change, "text"),
             change.row.value(QLatin1String("decided_offline")).toBool() ? 1 : 0, textOrNull(change, "case_reference"),
             textOrNull(change, "target_post_id"), textOrNull(change, "seen_outbound"),
             qint64(change.row.value(QLatin1String("attempts")).toDouble()), numberOrNull(change, "sent_at"),
             numberOrNull(change, "delivered_at"), textOrNull(change, "remote_id"), lastError,
             updatedAt.isNull() ? QVariant(*createdAt) : updatedAt, textOrNull(change, "review_comment"),
             textOrNull(change, "reviewed_by"), numberOrNull(change, "reviewed_at")});
        !s)
        return s.failure();
    if (isUnderReview(*state))
        return rethinkThreadOf(*decisionId);
    return Outcome::Applied;
}

// A public reply under review answers nothing yet: its thread waits and its timer runs
// (timers/ResponseTimers.cpp); approved, it answers at the approval. The thread's timers follow
// each move of the review.
bool FeedApplier::isUnderReview(const QString &state)
{
    return state == QLatin1String("awaiting_approval") || state == QLatin1String("sent_back");
}

Result<FeedApplier::Outcome> FeedApplier::rethinkThreadOf(const QString &decisionId)
{
    auto thread = lookup(m_db, QStringLiteral("SELECT thread_id FROM decisions WHERE id = ?"), {decisionId});
    if (!thread)
        return thread.failure();
    if (!thread->isValid())
        return Outcome::Applied;
    if (Status s = recomputeThreads(m_db, {thread->toLongLong()}); !s)
        return s.failure();
    return Outcome::Applied;
}

// The team's audit trail, every agent's and the database's own (a held decision), kept whole.
Result<FeedApplier::Outcome> FeedApplier::applyAudit(const FeedChange &change)
{
    if (isDelete(change))
        return Outcome::Applied; // the audit log is never rewritten
    auto id = text(change, "id");
    auto at = number(change, "at");
    auto action = text(change, "action");
    if (!id || !at || !action)
        return malformed(change, QCoreApplication::translate("Team", "id, time or action missing"));
    auto known = lookup(m_db, QStringLiteral("SELECT 1 FROM audit_log WHERE id = ?"), {*id});
    if (!known)
        return known.failure();
    if (known->isValid())
        return Outcome::Applied; // ours, or already here
    const QString decisionId = optionalText(change, "decision_id");
    if (!decisionId.isEmpty()) {
        auto decision = lookup(m_db, QStringLiteral("SELECT 1 FROM decisions WHERE id = ?"), {decisionId});
        if (!decision)
            return decision.failure();
        if (!decision->isValid())
            return Outcome::NotYet;
    }
    QVariant thread = QVariant(QMetaType(QMetaType::LongLong)); // no local thread: NULL
    if (const QString external = optionalText(change, "thread_external_id"); !external.isEmpty()) {
        auto local = localThread(m_db, optionalText(change, "channel"), external);
        if (!local)
            return local.failure();
        if (local->isValid())
            thread = *local;
    }
    if (Status s = run(m_db,
                       QStringLiteral("INSERT INTO audit_log(id, at, agent_id, agent_name, action, thread_id, "
                                      "decision_id, details, team_state) VALUES(?, ?, ?, ?, ?, ?, ?, ?, 'from_team')"),
                       {*id, *at, optionalText(change, "agent_id"), optionalText(change, "agent_name"), *action, thread,
                        sql::nullableText(decisionId),
                        change.row.value(QLatin1String("details")).toString(QStringLiteral("{}"))});
        !s)
        return s.failure();
    return Outcome::Applied;
}

// A policy the team changed; the active one moves the waiting posts' due times with it.
Result<FeedApplier::Outcome> FeedApplier::applyPolicy(const FeedChange &change)
{
    auto name = text(change, "name");
    if (!name)
        return name.failure();
    auto active = lookup(m_db, QStringLiteral("SELECT value FROM app_state WHERE key = 'active_policy'"), {});
    if (!active)
        return active.failure();
    const bool isActive = active->toString() == *name;
    if (isDelete(change)) {
        // The active policy stays until the team names another one.
        if (isActive)
            return Outcome::Applied;
        if (Status s = run(m_db, QStringLiteral("DELETE FROM policies WHERE name = ?"), {*name}); !s)
            return s.failure();
        return Outcome::Applied;
    }
    auto definition = text(change, "definition");
    auto updatedAt = number(change, "updated_at");
    if (!definition || !updatedAt)
        return malformed(change, QCoreApplication::translate("Team", "definition or time missing"));
    if (Status s = run(m_db,
                       QStringLiteral("INSERT INTO policies(name, definition, updated_at) VALUES(?, ?, ?) "
                                      "ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, "
                                      "updated_at = excluded.updated_at"),
                       {*name, *definition, *updatedAt});
        !s)
        return s.failure();
    if (!isActive)
        return Outcome::Applied;
    auto policy = PolicyStore::activeIn(m_db);
    if (!policy)
        return malformed(change, policy.error());
    if (Status s = recomputeDueTimes(m_db, *policy, DueTimeScope::WaitingPosts); !s)
        return s.failure();
    return Outcome::Applied;
}

// The settings a team shares; others (the hub's own) are not the cache's business.
Result<FeedApplier::Outcome> FeedApplier::applySetting(const FeedChange &change)
{
    auto key = text(change, "key");
    if (!key)
        return key.failure();
    // How the team routes threads and which replies wait for approval: kept for the console to
    // show (the team database applies them), under keys of their own.
    if (*key == QLatin1String("routing") || *key == QLatin1String("approval")) {
        const QString local = QStringLiteral("team_") + *key;
        if (isDelete(change)) {
            if (Status s = run(m_db, QStringLiteral("DELETE FROM app_state WHERE key = ?"), {local}); !s)
                return s.failure();
            return Outcome::Applied;
        }
        auto value = text(change, "value");
        if (!value)
            return value.failure();
        if (Status s = run(m_db,
                           QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                           {local, *value});
            !s)
            return s.failure();
        return Outcome::Applied;
    }
    const bool activePolicy = *key == QLatin1String("active_policy");
    // retention_policy (team schema 8): the team's, which each desktop applies to its cache too.
    if (!activePolicy && *key != QLatin1String("guard_config") && *key != QLatin1String("graph_api_version") &&
        *key != QLatin1String("crm_url_template") && *key != QLatin1String("retention_policy"))
        return Outcome::Applied;
    if (isDelete(change)) {
        if (activePolicy)
            return Outcome::Applied; // a cache always has an active policy
        if (Status s = run(m_db, QStringLiteral("DELETE FROM app_state WHERE key = ?"), {*key}); !s)
            return s.failure();
        return Outcome::Applied;
    }
    auto value = text(change, "value");
    if (!value)
        return value.failure();
    // The named policy may not have come down yet: a savepoint undoes the change then.
    if (Status s = run(m_db, QStringLiteral("SAVEPOINT team_setting"), {}); !s)
        return s.failure();
    Status written = run(m_db,
                         QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                         {*key, *value});
    Outcome outcome = Outcome::Applied;
    if (written && activePolicy) {
        auto policy = PolicyStore::activeIn(m_db);
        if (!policy && policy.errorKind() == ErrorKind::NotFound)
            outcome = Outcome::NotYet;
        else if (!policy)
            written = malformed(change, policy.error());
        else
            written = recomputeDueTimes(m_db, *policy, DueTimeScope::WaitingPosts);
    }
    if (!written || outcome == Outcome::NotYet) {
        if (Status s = run(m_db, QStringLiteral("ROLLBACK TO team_setting"), {}); !s)
            return s.failure();
    }
    if (Status s = run(m_db, QStringLiteral("RELEASE team_setting"), {}); !s)
        return s.failure();
    if (!written)
        return written.failure();
    return outcome;
}

Result<FeedApplier::Outcome> FeedApplier::applySavedReply(const FeedChange &change)
{
    auto id = text(change, "id");
    if (!id)
        return id.failure();
    if (isDelete(change)) {
        if (Status s = run(m_db, QStringLiteral("DELETE FROM saved_replies WHERE id = ?"), {*id}); !s)
            return s.failure();
        return Outcome::Applied;
    }
    auto code = text(change, "code");
    auto language = text(change, "language");
    auto updatedAt = number(change, "updated_at");
    if (!code || !language || !updatedAt)
        return malformed(change, QCoreApplication::translate("Team", "code, language or time missing"));
    // The team's reply replaces this desktop's own of the same code and language.
    if (Status s = run(m_db, QStringLiteral("DELETE FROM saved_replies WHERE code = ? AND language = ? AND id <> ?"),
                       {*code, *language, *id});
        !s)
        return s.failure();
    if (Status s = run(m_db,
                       QStringLiteral("INSERT INTO saved_replies(id, code, title, language, category, channel, body, "
                                      "updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                                      "code = excluded.code, title = excluded.title, language = excluded.language, "
                                      "category = excluded.category, channel = excluded.channel, body = excluded.body, "
                                      "updated_at = excluded.updated_at"),
                       {*id, *code, optionalText(change, "title"), *language, textOrNull(change, "category"),
                        textOrNull(change, "channel"), optionalText(change, "body"), *updatedAt});
        !s)
        return malformed(change, s.error());
    return Outcome::Applied;
}

// The accounts the hub serves, shown on the accounts page. No token comes with them; on the hub's
// own cache the account's token source (token_env) is left as the hub configured it.
Result<FeedApplier::Outcome> FeedApplier::applyAccount(const FeedChange &change)
{
    auto id = text(change, "id");
    if (!id)
        return id.failure();
    if (isDelete(change)) {
        if (Status s = run(m_db, QStringLiteral("DELETE FROM accounts WHERE id = ?"), {*id}); !s)
            return s.failure();
        return Outcome::Applied;
    }
    auto channel = text(change, "channel");
    auto accountId = text(change, "account_id");
    auto createdAt = number(change, "created_at");
    if (!channel || !accountId || !createdAt)
        return malformed(change, QCoreApplication::translate("Team", "channel, account or time missing"));
    if (Status s = run(m_db, QStringLiteral("DELETE FROM accounts WHERE channel = ? AND account_id = ? AND id <> ?"),
                       {*channel, *accountId, *id});
        !s)
        return s.failure();
    if (Status s = run(m_db,
                       QStringLiteral("INSERT INTO accounts(id, channel, account_id, base_url, created_at) "
                                      "VALUES(?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET channel = excluded.channel, "
                                      "account_id = excluded.account_id, base_url = excluded.base_url"),
                       {*id, *channel, *accountId, optionalText(change, "base_url"), *createdAt});
        !s)
        return malformed(change, s.error());
    return Outcome::Applied;
}

Result<FeedApplier::Outcome> FeedApplier::applyAgent(const FeedChange &change)
{
    auto login = text(change, "login");
    if (!login)
        return login.failure();
    if (isDelete(change)) {
        if (Status s = run(m_db, QStringLiteral("DELETE FROM team_agents WHERE login = ?"), {*login}); !s)
            return s.failure();
        return Outcome::Applied;
    }
    auto name = text(change, "name");
    auto role = text(change, "role");
    if (!name || !role)
        return malformed(change, QCoreApplication::translate("Team", "name or role missing"));
    // Team schema 2's profile: department, skills and scope (JSON arrays), capacity.
    if (Status s = run(m_db,
                       QStringLiteral("INSERT INTO team_agents(login, name, role, department, skill_categories, "
                                      "skill_channels, skill_languages, capacity, scope_accounts, scope_channels, "
                                      "scope_categories) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(login) "
                                      "DO UPDATE SET name = excluded.name, role = excluded.role, "
                                      "department = excluded.department, skill_categories = excluded.skill_categories, "
                                      "skill_channels = excluded.skill_channels, "
                                      "skill_languages = excluded.skill_languages, capacity = excluded.capacity, "
                                      "scope_accounts = excluded.scope_accounts, "
                                      "scope_channels = excluded.scope_channels, "
                                      "scope_categories = excluded.scope_categories"),
                       {*login, *name, *role, optionalText(change, "department"), arrayText(change, "skill_categories"),
                        arrayText(change, "skill_channels"), arrayText(change, "skill_languages"),
                        numberOrNull(change, "capacity"), arrayText(change, "scope_accounts"),
                        arrayText(change, "scope_channels"), arrayText(change, "scope_categories")});
        !s)
        return s.failure();
    return Outcome::Applied;
}

// A note on a thread, a colleague's or our own coming back. Ours is known by its id: it keeps its
// text and gains what the team computed (the mentions, the login as the team knows it).
Result<FeedApplier::Outcome> FeedApplier::applyNote(const FeedChange &change)
{
    auto id = text(change, "id");
    if (!id)
        return id.failure();
    if (isDelete(change)) {
        if (Status s = run(m_db, QStringLiteral("DELETE FROM notes WHERE id = ? AND team_state = 'from_team'"), {*id});
            !s)
            return s.failure();
        return Outcome::Applied;
    }
    const QString mentions = arrayText(change, "mentions");
    auto known = lookup(m_db, QStringLiteral("SELECT 1 FROM notes WHERE id = ?"), {*id});
    if (!known)
        return known.failure();
    if (known->isValid()) {
        if (Status s = run(m_db,
                           QStringLiteral("UPDATE notes SET mentions = ?, author_login = coalesce(?, author_login), "
                                          "team_state = CASE team_state WHEN 'to_push' THEN 'pushed' "
                                          "ELSE team_state END WHERE id = ?"),
                           {mentions, textOrNull(change, "author_login"), *id});
            !s)
            return s.failure();
        return Outcome::Applied;
    }
    auto channel = text(change, "channel");
    auto threadExternal = text(change, "thread_external_id");
    auto at = number(change, "at");
    auto noteText = text(change, "text");
    if (!channel || !threadExternal || !at || !noteText)
        return malformed(change, QCoreApplication::translate("Team", "channel, thread, time or text missing"));
    auto thread = localThread(m_db, *channel, *threadExternal);
    if (!thread)
        return thread.failure();
    if (!thread->isValid())
        return Outcome::NotYet; // its posts have not come down yet
    if (Status s = run(m_db,
                       QStringLiteral("INSERT INTO notes(id, thread_id, author_login, author_name, at, text, mentions, "
                                      "team_state) VALUES(?, ?, ?, ?, ?, ?, ?, 'from_team')"),
                       {*id, *thread, textOrNull(change, "author_login"), optionalText(change, "author_name"), *at,
                        *noteText, mentions});
        !s)
        return s.failure();
    return Outcome::Applied;
}

// A report of customer care on a hand-off, recorded by another cache of the team (or by this one,
// coming back), applied by the same steps as one recorded here (outbox/HandoffStatus.h): the
// thread's hand-off state, care's answer as the draft, the complaint clock. It waits until the
// forward's outbox entry is here and delivered; a report that crossed a newer one here (it goes
// backwards) is left out, as it would be if it had been recorded here.
Result<FeedApplier::Outcome> FeedApplier::applyHandoffUpdate(const FeedChange &change)
{
    if (isDelete(change))
        return Outcome::Applied; // reports are never deleted from the team database
    auto id = text(change, "id");
    if (!id)
        return id.failure();
    auto ours = lookup(m_db, QStringLiteral("SELECT 1 FROM handoff_updates WHERE team_id = ?"), {*id});
    if (!ours)
        return ours.failure();
    if (ours->isValid())
        return Outcome::Applied; // recorded here (and pushed), or applied before
    auto outboxId = text(change, "outbox_id");
    auto stateId = text(change, "state");
    auto stateAt = number(change, "state_at");
    auto sourceId = text(change, "source");
    auto recordedAt = number(change, "recorded_at");
    if (!outboxId || !stateId || !stateAt || !sourceId || !recordedAt)
        return malformed(change, QCoreApplication::translate("Team", "outbox entry, state, source or time missing"));
    const auto state = outbox::reportedHandoffStateFromId(*stateId);
    std::optional<outbox::HandoffSource> source;
    for (outbox::HandoffSource s :
         {outbox::HandoffSource::Endpoint, outbox::HandoffSource::StatusFile, outbox::HandoffSource::Cli})
        if (*sourceId == outbox::toId(s))
            source = s;
    if (!state || !source)
        return malformed(
            change,
            QCoreApplication::translate("Team", "unknown state \"%1\" or source \"%2\"").arg(*stateId, *sourceId));
    // The forward's entry comes down the feed, and so does the hub's delivery of it.
    QSqlQuery entry(m_db);
    if (Status s = sql::prepare(entry, QStringLiteral("SELECT case_reference, attempts FROM outbox WHERE id = ?")); !s)
        return s.failure();
    entry.addBindValue(*outboxId);
    if (Status s = sql::exec(entry); !s)
        return s.failure();
    if (!entry.next() || entry.value(0).isNull() || entry.value(1).toInt() == 0)
        return Outcome::NotYet;
    outbox::HandoffUpdate update;
    update.caseReference = entry.value(0).toString();
    entry.finish();
    update.state = *state;
    update.answer = optionalText(change, "answer");
    update.source = *source;
    update.reportedBy = optionalText(change, "reported_by");
    update.atMs = *stateAt;
    auto applied =
        outbox::HandoffLoop(m_cache, m_clock).applyFromTeam(update, outbox::TeamReportOrigin{*id, *recordedAt});
    if (applied) {
        if (applied->changed && !m_handoffThreads.contains(applied->threadId))
            m_handoffThreads.push_back(applied->threadId);
        return Outcome::Applied;
    }
    if (applied.errorKind() == ErrorKind::Conflict) {
        qCInfo(lcTeam) << "hand-off report" << *id << "goes backwards here: left out";
        return Outcome::Applied;
    }
    if (applied.errorKind() == ErrorKind::NotFound)
        return Outcome::NotYet;
    if (applied.errorKind() == ErrorKind::InvalidInput)
        return malformed(change, applied.error());
    return applied.failure();
}

} // namespace sportello::team
