#include "team/TeamWork.h"

#include "team/TeamDatabase.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

namespace sportello::team {

namespace {

Error noAnswer()
{
    return Error{QCoreApplication::translate("Team", "Team database: no answer to a query.")};
}

// Prepares, binds and runs one statement; the query is positioned before its first row.
Status run(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    if (Status s = teamPrepare(query, statement); !s)
        return s;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return teamExec(query);
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list << v.toString();
    return list;
}

Result<QJsonObject> readSetting(const QSqlDatabase &db, const QString &key)
{
    QSqlQuery q(db);
    if (Status s = run(q, QStringLiteral("SELECT value FROM sportello.settings WHERE key = ?"), {key}); !s)
        return s.failure();
    if (!q.next())
        return QJsonObject{};
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(q.value(0).toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error{QCoreApplication::translate("Team", "The team's setting %1 is not valid JSON: %2")
                         .arg(key, error.errorString()),
                     ErrorKind::Corrupt};
    return doc.object();
}

Status writeSetting(const QSqlDatabase &db, const QString &key, const QJsonObject &value)
{
    QSqlQuery q(db);
    return run(q,
               QStringLiteral("INSERT INTO sportello.settings(key, value, updated_at) VALUES (?, ?, "
                              "(extract(epoch FROM clock_timestamp()) * 1000)::bigint) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"),
               {key, QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact))});
}

} // namespace

Result<TeamThreadRef> TeamThreadRef::parse(const QString &text)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == text.size() - 1)
        return Error{QCoreApplication::translate("Team", "\"%1\" is not a thread: write it as CHANNEL:ID, e.g. x:1234.")
                         .arg(text),
                     ErrorKind::InvalidInput};
    return TeamThreadRef{text.left(colon), text.mid(colon + 1)};
}

Result<TeamClaim> claimThread(const QSqlDatabase &db, const TeamThreadRef &thread, const QString &desktop,
                              bool takeOver, qint64 ttlMs)
{
    QSqlQuery q(db);
    if (Status s = run(q,
                       QStringLiteral("SELECT mine, login, agent_name, how, claimed_at, until_at "
                                      "FROM sportello.claim_thread(?, ?, ?, ?, ?)"),
                       {thread.channel, thread.externalId, desktop, ttlMs, takeOver});
        !s)
        return s.failure();
    if (!q.next())
        return noAnswer();
    return TeamClaim{q.value(0).toBool(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                     q.value(4).toLongLong(), q.value(5).toLongLong()};
}

Result<bool> releaseThread(const QSqlDatabase &db, const TeamThreadRef &thread, const QString &reason)
{
    QSqlQuery q(db);
    if (Status s = run(q, QStringLiteral("SELECT sportello.release_thread(?, ?, ?)"),
                       {thread.channel, thread.externalId, reason});
        !s)
        return s.failure();
    if (!q.next())
        return noAnswer();
    return q.value(0).toBool();
}

Status assignThread(const QSqlDatabase &db, const TeamThreadRef &thread, const QString &login, qint64 ttlMs)
{
    QSqlQuery q(db);
    return run(q, QStringLiteral("SELECT sportello.assign_thread(?, ?, ?, ?)"),
               {thread.channel, thread.externalId, login, ttlMs});
}

Result<bool> markTyping(const QSqlDatabase &db, const TeamThreadRef &thread, qint64 forMs)
{
    QSqlQuery q(db);
    if (Status s = run(q, QStringLiteral("SELECT sportello.mark_typing(?, ?, ?)"),
                       {thread.channel, thread.externalId, forMs});
        !s)
        return s.failure();
    if (!q.next())
        return noAnswer();
    return q.value(0).toBool();
}

Result<ClaimsRead> readClaimsSince(const QSqlDatabase &db, qint64 sinceServerMs)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (Status s = run(q,
                       QStringLiteral("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint, "
                                      "(SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY c.changed_at), '[]')::text "
                                      "FROM sportello.claims c WHERE CASE WHEN ?::bigint < 0 THEN c.until_at > "
                                      "(extract(epoch FROM clock_timestamp()) * 1000)::bigint "
                                      "ELSE c.changed_at > ?::bigint END)"),
                       {sinceServerMs, sinceServerMs});
        !s)
        return s.failure();
    if (!q.next())
        return noAnswer();
    ClaimsRead read;
    read.serverNowMs = q.value(0).toLongLong();
    QJsonParseError error{};
    const QJsonDocument rows = QJsonDocument::fromJson(q.value(1).toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !rows.isArray())
        return Error{QCoreApplication::translate("Team", "Team database: the claims came back unreadable."),
                     ErrorKind::Corrupt};
    for (const QJsonValue &row : rows.array())
        read.rows.push_back(row.toObject());
    return read;
}

std::optional<LiveClaim> LiveClaim::fromRow(const QJsonObject &row)
{
    const QString channel = row.value(QLatin1String("channel")).toString();
    const QString thread = row.value(QLatin1String("thread_external_id")).toString();
    const QString login = row.value(QLatin1String("login")).toString();
    if (channel.isEmpty() || thread.isEmpty() || login.isEmpty())
        return std::nullopt;
    LiveClaim claim;
    claim.thread = {channel, thread};
    claim.login = login;
    claim.agentName = row.value(QLatin1String("agent_name")).toString();
    claim.how = row.value(QLatin1String("how")).toString();
    claim.claimedAtMs = qint64(row.value(QLatin1String("claimed_at")).toDouble());
    claim.untilMs = qint64(row.value(QLatin1String("until_at")).toDouble());
    claim.typingUntilMs = qint64(row.value(QLatin1String("typing_until")).toDouble());
    return claim;
}

Result<NextThread> nextThread(const QSqlDatabase &db, const QString &desktop, qint64 ttlMs)
{
    QSqlQuery q(db);
    if (Status s = run(q,
                       QStringLiteral("SELECT outcome, channel, thread_external_id, category, language, "
                                      "waiting_since, due_at, until_at FROM sportello.next_thread(?, ?)"),
                       {desktop, ttlMs});
        !s)
        return s.failure();
    if (!q.next())
        return noAnswer();
    NextThread next;
    const QString outcome = q.value(0).toString();
    next.outcome = outcome == QLatin1String("claimed")       ? NextThread::Outcome::Claimed
                   : outcome == QLatin1String("at_capacity") ? NextThread::Outcome::AtCapacity
                                                             : NextThread::Outcome::NoneWaiting;
    next.thread = {q.value(1).toString(), q.value(2).toString()};
    next.category = q.value(3).toString();
    next.language = q.value(4).toString();
    next.waitingSinceMs = q.value(5).toLongLong();
    next.dueAtMs = q.value(6).toLongLong();
    next.claimUntilMs = q.value(7).toLongLong();
    return next;
}

QString toId(RoutingPreset preset)
{
    switch (preset) {
    case RoutingPreset::Skills: return QStringLiteral("skills");
    case RoutingPreset::Dedicated: return QStringLiteral("dedicated");
    case RoutingPreset::Mixed: return QStringLiteral("mixed");
    }
    return QStringLiteral("dedicated");
}

std::optional<RoutingPreset> routingPresetFromId(const QString &id)
{
    for (RoutingPreset p : {RoutingPreset::Skills, RoutingPreset::Dedicated, RoutingPreset::Mixed})
        if (toId(p) == id)
            return p;
    return std::nullopt;
}

QString toId(RoutingOrder order)
{
    return order == RoutingOrder::LongestWaiting ? QStringLiteral("longest_waiting") : QStringLiteral("most_urgent");
}

std::optional<RoutingOrder> routingOrderFromId(const QString &id)
{
    for (RoutingOrder o : {RoutingOrder::MostUrgent, RoutingOrder::LongestWaiting})
        if (toId(o) == id)
            return o;
    return std::nullopt;
}

QJsonObject RoutingConfig::toJson() const
{
    QJsonObject departmentMap;
    for (const auto &[department, categories] : departments)
        departmentMap.insert(department, QJsonArray::fromStringList(categories));
    return {{QStringLiteral("preset"), toId(preset)},
            {QStringLiteral("order"), toId(order)},
            {QStringLiteral("departments"), departmentMap},
            {QStringLiteral("external_first_minutes"), externalFirstMinutes}};
}

Result<RoutingConfig> RoutingConfig::fromJson(const QJsonObject &json)
{
    RoutingConfig config;
    const auto preset = routingPresetFromId(json.value(QStringLiteral("preset")).toString(QStringLiteral("dedicated")));
    const auto order = routingOrderFromId(json.value(QStringLiteral("order")).toString(QStringLiteral("most_urgent")));
    if (!preset || !order)
        return Error{QCoreApplication::translate("Team", "The team's routing names a preset or an order Sportello "
                                                         "does not know; set it again with `team routing use`."),
                     ErrorKind::Corrupt};
    config.preset = *preset;
    config.order = *order;
    const QJsonObject departmentMap = json.value(QStringLiteral("departments")).toObject();
    for (auto it = departmentMap.begin(); it != departmentMap.end(); ++it)
        config.departments.push_back({it.key(), stringList(it.value())});
    config.externalFirstMinutes = json.value(QStringLiteral("external_first_minutes")).toInt(30);
    return config;
}

RoutingConfig RoutingConfig::usingPreset(RoutingPreset preset, const RoutingConfig &from)
{
    RoutingConfig config = from;
    config.preset = preset;
    if (preset == RoutingPreset::Skills && config.departments.isEmpty())
        config.departments = {{QStringLiteral("claims office"), {QStringLiteral("complaint")}},
                              {QStringLiteral("customer care"), {QStringLiteral("assistance")}},
                              {QStringLiteral("marketing"), {QStringLiteral("non_negative")}}};
    return config;
}

Result<RoutingConfig> readRouting(const QSqlDatabase &db)
{
    auto json = readSetting(db, QStringLiteral("routing"));
    if (!json)
        return json.failure();
    return RoutingConfig::fromJson(*json);
}

Status writeRouting(const QSqlDatabase &db, const RoutingConfig &config)
{
    if (config.externalFirstMinutes < 0 || config.externalFirstMinutes > 24 * 60)
        return Error{QCoreApplication::translate("Team", "Outside staff's head start is between 0 and 1440 minutes."),
                     ErrorKind::InvalidInput};
    return writeSetting(db, QStringLiteral("routing"), config.toJson());
}

QJsonObject ApprovalRule::toJson() const
{
    return {{QStringLiteral("roles"), QJsonArray::fromStringList(roles)},
            {QStringLiteral("categories"), QJsonArray::fromStringList(categories)}};
}

Result<ApprovalRule> ApprovalRule::fromJson(const QJsonObject &json)
{
    ApprovalRule rule;
    rule.roles = stringList(json.value(QStringLiteral("roles")));
    rule.categories = stringList(json.value(QStringLiteral("categories")));
    return rule;
}

Result<ApprovalRule> readApprovalRule(const QSqlDatabase &db)
{
    auto json = readSetting(db, QStringLiteral("approval"));
    if (!json)
        return json.failure();
    return ApprovalRule::fromJson(*json);
}

Status writeApprovalRule(const QSqlDatabase &db, const ApprovalRule &rule)
{
    for (const QString &role : rule.roles)
        if (role != QLatin1String("agent") && role != QLatin1String("external") && role != QLatin1String("supervisor"))
            return Error{QCoreApplication::translate("Team", "Approval applies to the roles agent, external and "
                                                             "supervisor, not \"%1\".")
                             .arg(role),
                         ErrorKind::InvalidInput};
    for (const QString &category : rule.categories)
        if (category != QLatin1String("complaint") && category != QLatin1String("assistance") &&
            category != QLatin1String("non_negative"))
            return Error{QCoreApplication::translate("Team", "\"%1\" is not a category.").arg(category),
                         ErrorKind::InvalidInput};
    return writeSetting(db, QStringLiteral("approval"), rule.toJson());
}

Result<ReviewedReply> reviewReply(const QSqlDatabase &db, const QString &entryId, ReviewVerdict verdict,
                                  const QString &text, const QString &comment)
{
    const QString verdictId = verdict == ReviewVerdict::Approve    ? QStringLiteral("approve")
                              : verdict == ReviewVerdict::SendBack ? QStringLiteral("send_back")
                                                                   : QStringLiteral("resubmit");
    QSqlQuery q(db);
    if (Status s = run(q, QStringLiteral("SELECT id, state, text FROM sportello.review_reply(?, ?, ?, ?)"),
                       {entryId, verdictId, text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text),
                        comment.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(comment)});
        !s)
        return s.failure();
    if (!q.next())
        return noAnswer();
    return ReviewedReply{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()};
}

Result<QVector<ReplyForReview>> listRepliesForReview(const QSqlDatabase &db, const QString &state)
{
    QSqlQuery q(db);
    if (Status s = run(q,
                       QStringLiteral("SELECT o.id, d.channel, d.thread_external_id, d.agent_login, "
                                      "coalesce(a.name, d.agent_name), coalesce(o.text, ''), o.state, "
                                      "coalesce(o.review_comment, ''), coalesce(o.reviewed_by, ''), o.created_at, "
                                      "coalesce(t.due_at, 0), coalesce(t.waiting_since, 0), coalesce(t.category, ''), "
                                      "coalesce((SELECT p.text FROM sportello.posts p "
                                      "WHERE p.channel = d.channel AND p.thread_external_id = d.thread_external_id "
                                      "AND p.direction = 'inbound' ORDER BY (p.external_id = d.target_post) DESC, "
                                      "p.created_at DESC LIMIT 1), ''), "
                                      "coalesce((SELECT l.details FROM sportello.audit_log l "
                                      "WHERE l.decision_id = d.id AND l.action = 'guard_overridden' "
                                      "ORDER BY l.at DESC LIMIT 1), '') "
                                      "FROM sportello.outbox o JOIN sportello.decisions d ON d.id = o.decision_id "
                                      "LEFT JOIN sportello.agents a ON a.login = d.agent_login "
                                      "LEFT JOIN sportello.threads t ON t.channel = d.channel "
                                      "AND t.external_id = d.thread_external_id AND t.status = 'waiting' "
                                      "WHERE o.state = ? ORDER BY t.due_at NULLS LAST, o.created_at, o.id"),
                       {state});
        !s)
        return s.failure();
    QVector<ReplyForReview> replies;
    while (q.next()) {
        replies.push_back({q.value(0).toString(),
                           {q.value(1).toString(), q.value(2).toString()},
                           q.value(3).toString(),
                           q.value(4).toString(),
                           q.value(5).toString(),
                           q.value(6).toString(),
                           q.value(7).toString(),
                           q.value(8).toString(),
                           q.value(9).toLongLong(),
                           q.value(10).toLongLong(),
                           q.value(11).toLongLong(),
                           q.value(12).toString(),
                           q.value(13).toString()});
        if (const QString details = q.value(14).toString(); !details.isEmpty()) {
            GuardOverrideEntry entry;
            readGuardOverrideDetails(details, entry);
            replies.back().overriddenKinds = entry.kinds;
            replies.back().overrideReason = entry.reason;
        }
    }
    return replies;
}

Result<AddedNote> addNote(const QSqlDatabase &db, const TeamThreadRef &thread, const QString &text, qint64 atMs,
                          const QString &id)
{
    if (text.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Team", "A note needs some text."), ErrorKind::InvalidInput};
    if (text.size() > 4000)
        return Error{QCoreApplication::translate("Team", "A note is at most 4000 characters."), ErrorKind::InvalidInput};
    const QString noteId = id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : id;
    QSqlQuery q(db);
    // A second push of the same note changes nothing and still answers with its mentions.
    if (Status s = run(q,
                       QStringLiteral("WITH added AS (INSERT INTO sportello.notes(id, channel, thread_external_id, "
                                      "author_name, at, text) VALUES (?, ?, ?, '', ?, ?) ON CONFLICT (id) DO NOTHING "
                                      "RETURNING mentions) "
                                      "SELECT to_jsonb(mentions)::text FROM added UNION ALL "
                                      "SELECT to_jsonb(mentions)::text FROM sportello.notes WHERE id = ? "
                                      "AND NOT EXISTS (SELECT 1 FROM added)"),
                       {noteId, thread.channel, thread.externalId, atMs, text, noteId});
        !s)
        return s.failure();
    if (!q.next())
        return noAnswer();
    AddedNote added{noteId, {}};
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array())
        added.mentions << v.toString();
    return added;
}

Status heartbeat(const QSqlDatabase &db, const QString &desktop)
{
    QSqlQuery q(db);
    return run(q, QStringLiteral("SELECT sportello.heartbeat(?)"), {desktop});
}

Result<Board> readBoard(const QSqlDatabase &db)
{
    Board board;
    QSqlQuery now(db);
    if (Status s = run(now, QStringLiteral("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint"), {}); !s)
        return s.failure();
    if (!now.next())
        return noAnswer();
    board.atMs = now.value(0).toLongLong();

    QSqlQuery agents(db);
    if (Status s = run(agents,
                       QStringLiteral("SELECT a.login, a.name, a.role, a.department, a.capacity, p.seen_at "
                                      "FROM sportello.agents a LEFT JOIN sportello.presence p ON p.login = a.login "
                                      "WHERE a.role NOT IN ('hub', 'dpo') ORDER BY a.name, a.login"),
                       {});
        !s)
        return s.failure();
    while (agents.next()) {
        BoardAgent agent;
        agent.login = agents.value(0).toString();
        agent.name = agents.value(1).toString();
        agent.role = agents.value(2).toString();
        agent.department = agents.value(3).toString();
        agent.capacity = agents.value(4).toInt();
        agent.seenAtMs = agents.value(5).toLongLong();
        agent.online = !agents.value(5).isNull() && board.atMs - agent.seenAtMs <= kOnlineForMs;
        board.agents.push_back(agent);
    }

    QSqlQuery claims(db);
    if (Status s = run(claims,
                       QStringLiteral("SELECT login, channel, thread_external_id, claimed_at, "
                                      "coalesce(typing_until, 0) > ? FROM sportello.claims WHERE until_at > ? "
                                      "ORDER BY claimed_at"),
                       {board.atMs, board.atMs});
        !s)
        return s.failure();
    while (claims.next()) {
        for (BoardAgent &agent : board.agents) {
            if (agent.login != claims.value(0).toString())
                continue;
            agent.holding.push_back({{claims.value(1).toString(), claims.value(2).toString()},
                                     claims.value(3).toLongLong(),
                                     claims.value(4).toBool()});
        }
    }

    QSqlQuery queues(db);
    if (Status s = run(queues,
                       QStringLiteral("SELECT coalesce(t.category, ''), count(*), "
                                      "count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM sportello.claims c "
                                      "WHERE c.channel = t.channel AND c.thread_external_id = t.external_id "
                                      "AND c.until_at > ?)), "
                                      "count(*) FILTER (WHERE t.due_at < ?), min(t.waiting_since) "
                                      "FROM sportello.threads t WHERE t.status = 'waiting' GROUP BY 1 ORDER BY 1"),
                       {board.atMs, board.atMs});
        !s)
        return s.failure();
    while (queues.next())
        board.byCategory.push_back({queues.value(0).toString(), queues.value(1).toInt(), queues.value(2).toInt(),
                                    queues.value(3).toInt(), queues.value(4).toLongLong()});

    auto routing = readRouting(db);
    if (!routing)
        return routing.failure();
    for (const auto &[department, categories] : routing->departments) {
        BoardQueue queue{department, 0, 0, 0, 0};
        for (const BoardQueue &byCategory : board.byCategory) {
            if (!categories.contains(byCategory.group))
                continue;
            queue.waiting += byCategory.waiting;
            queue.unclaimed += byCategory.unclaimed;
            queue.overdue += byCategory.overdue;
            if (byCategory.oldestWaitingSinceMs &&
                (!queue.oldestWaitingSinceMs || byCategory.oldestWaitingSinceMs < queue.oldestWaitingSinceMs))
                queue.oldestWaitingSinceMs = byCategory.oldestWaitingSinceMs;
        }
        board.byDepartment.push_back(queue);
    }

    QSqlQuery approvals(db);
    if (Status s = run(approvals,
                       QStringLiteral("SELECT count(*) FILTER (WHERE state = 'awaiting_approval'), "
                                      "count(*) FILTER (WHERE state = 'sent_back') FROM sportello.outbox "
                                      "WHERE state IN ('awaiting_approval', 'sent_back')"),
                       {});
        !s)
        return s.failure();
    if (!approvals.next())
        return noAnswer();
    board.awaitingApproval = approvals.value(0).toInt();
    board.sentBack = approvals.value(1).toInt();

    // Supervisors see the guard's overrides, so that its rules improve.
    auto overrides = readGuardOverrides(db, 0);
    if (overrides) {
        board.seesGuardOverrides = true;
        board.guardOverrides = std::move(overrides.value());
    } else if (overrides.failure().kind != ErrorKind::RefusedByPolicy) {
        return overrides.failure();
    }
    return board;
}

Result<QVector<GuardOverrideEntry>> readGuardOverrides(const QSqlDatabase &db, qint64 sinceMs, int limit)
{
    QSqlQuery role(db);
    if (Status s = run(role, QStringLiteral("SELECT role FROM sportello.agents WHERE login = session_user"), {}); !s)
        return s.failure();
    const QString me = role.next() ? role.value(0).toString() : QString();
    if (me != QLatin1String("supervisor") && me != QLatin1String("admin"))
        return Error{QCoreApplication::translate("Team", "Only a supervisor or an administrator reads the guard's "
                                                         "overrides."),
                     ErrorKind::RefusedByPolicy};
    QSqlQuery query(db);
    if (Status s = run(query,
                       QStringLiteral("SELECT at, agent_id, agent_name, coalesce(channel, ''), "
                                      "coalesce(thread_external_id, ''), details FROM sportello.audit_log "
                                      "WHERE action = 'guard_overridden' AND at >= ? ORDER BY at DESC, id LIMIT ?"),
                       {sinceMs, limit});
        !s)
        return s.failure();
    QVector<GuardOverrideEntry> entries;
    while (query.next()) {
        GuardOverrideEntry entry;
        entry.atMs = query.value(0).toLongLong();
        entry.agentId = query.value(1).toString();
        entry.agentName = query.value(2).toString();
        entry.channel = query.value(3).toString();
        entry.thread = query.value(4).toString();
        readGuardOverrideDetails(query.value(5).toString(), entry);
        entries.push_back(entry);
    }
    return entries;
}

} // namespace sportello::team
