// team next, claim, release, assign, note, approve, reject, resubmit, approvals, routing,
// approval, board: the team's work from the command line, each one call of core/team/TeamWork.h
// on a connection opened as the login the cache (--database) joined with, as sync and team status
// open it. The rules live in the team database's functions: a script gets the console's answers.

#include "cli/TeamWorkCommands.h"

#include "KeychainTokenStore.h"
#include "storage/Database.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamWork.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>

namespace sportello::cli {

namespace {

using team::TeamConnection;
using team::TeamThreadRef;

QString isoTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate) : QString();
}

QJsonValue isoJson(qint64 ms) { return ms > 0 ? QJsonValue(isoTime(ms)) : QJsonValue(); }

void printJson(const QJsonObject &object) { out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl; }

// Claims name the desktop that holds them; from a script, this program on this computer.
QString thisDesktop() { return QStringLiteral("sportello-cli@%1").arg(QSysInfo::machineHostName()); }

// "a, b,c" -> {a, b, c}; an empty value gives an empty list.
QStringList commaList(const QString &text)
{
    QStringList list;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString value = part.trimmed(); !value.isEmpty())
            list << value;
    return list;
}

QString listOrNone(const QStringList &list)
{
    return list.isEmpty() ? QCoreApplication::translate("Cli", "none") : list.join(QStringLiteral(", "));
}

QString categoryText(const QString &category)
{
    return category.isEmpty() ? QCoreApplication::translate("Cli", "no category") : category;
}

// The connection as the cache's member: the cache must have joined a team, the database must be
// that team's, of this program's schema. kOk, or the exit code (the reason printed).
int connectAsMember(const Invocation &call, std::unique_ptr<TeamConnection> &connection)
{
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto membership = team::TeamMembership::load(db->connection());
    if (!membership)
        return fail(membership.failure());
    if (!membership->has_value())
        return fail(Error{QCoreApplication::translate(
                              "Cli", "team %1 works as the login this cache joined the team with, and it has not "
                                     "joined one: run \"sportello-cli --database FILE team join --url URL --login "
                                     "LOGIN\" first.")
                              .arg(call.arguments.value(0)),
                          ErrorKind::InvalidInput});
    const team::TeamMembership &member = membership->value();
    accounts::KeychainTokenStore keychain;
    auto opened = member.connect(&keychain);
    if (!opened)
        return fail(opened.failure());
    auto schema = team::requireCurrentTeamSchema((*opened)->db());
    if (!schema)
        return fail(schema.failure());
    if (schema->teamId != member.teamId)
        return fail(Error{QCoreApplication::translate("Cli", "The team database at %1 belongs to another team than "
                                                             "the one this cache joined: refused.")
                              .arg(member.url.toString()),
                          ErrorKind::Conflict});
    connection = std::move(*opened);
    return kOk;
}

// The positional argument at `index` as a thread (CHANNEL:ID). kOk, or a usage error's code.
int threadArgument(const Invocation &call, int index, TeamThreadRef &thread)
{
    auto parsed = TeamThreadRef::parse(call.arguments.value(index).trimmed());
    if (!parsed)
        return usageError(parsed.error());
    thread = *parsed;
    return kOk;
}

// A change only a supervisor may make, refused for the login: say so in the team's words.
int failSupervisorOnly(const Error &error, const QString &what)
{
    if (error.kind != ErrorKind::RefusedByPolicy)
        return fail(error);
    return fail(
        error.withMessage(QCoreApplication::translate("Cli", "Only a supervisor or an administrator changes %1 (%2).")
                              .arg(what, error.message)));
}

int teamNext(const Invocation &call)
{
    if (call.arguments.size() != 1)
        return usageError(QCoreApplication::translate("Cli", "team next takes no arguments."));
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    auto next = team::nextThread(connection->db(), thisDesktop());
    if (!next)
        return fail(next.failure());
    const bool json = call.parser.isSet(QStringLiteral("json"));
    switch (next->outcome) {
    case team::NextThread::Outcome::Claimed:
        if (json) {
            printJson(
                {{QStringLiteral("outcome"), QStringLiteral("claimed")},
                 {QStringLiteral("thread"), next->thread.toString()},
                 {QStringLiteral("channel"), next->thread.channel},
                 {QStringLiteral("thread_id"), next->thread.externalId},
                 {QStringLiteral("category"), next->category.isEmpty() ? QJsonValue() : QJsonValue(next->category)},
                 {QStringLiteral("language"), next->language.isEmpty() ? QJsonValue() : QJsonValue(next->language)},
                 {QStringLiteral("waiting_since"), isoJson(next->waitingSinceMs)},
                 {QStringLiteral("due_at"), isoJson(next->dueAtMs)},
                 {QStringLiteral("claim_until"), isoJson(next->claimUntilMs)}});
        } else {
            out() << QCoreApplication::translate("Cli", "Claimed %1: %2, language %3, waiting since %4, due at %5; "
                                                        "yours until %6.")
                         .arg(next->thread.toString(), categoryText(next->category),
                              next->language.isEmpty() ? QCoreApplication::translate("Cli", "unknown") : next->language,
                              isoTime(next->waitingSinceMs), isoTime(next->dueAtMs), isoTime(next->claimUntilMs))
                  << Qt::endl;
        }
        return kOk;
    case team::NextThread::Outcome::NoneWaiting:
        if (json)
            printJson({{QStringLiteral("outcome"), QStringLiteral("none_waiting")}});
        else
            out() << QCoreApplication::translate(
                         "Cli", "No thread is waiting for you: routing gives you none that a colleague does not hold.")
                  << Qt::endl;
        return kNothingToDo;
    case team::NextThread::Outcome::AtCapacity:
        if (json)
            printJson({{QStringLiteral("outcome"), QStringLiteral("at_capacity")}});
        else
            err() << QCoreApplication::translate("Cli", "You already hold as many threads as your capacity allows: "
                                                        "finish one, or let one go with `team release THREAD`.")
                  << Qt::endl;
        return kAtCapacity;
    }
    return kFailure;
}

int teamClaim(const Invocation &call)
{
    if (call.arguments.size() != 2)
        return usageError(QCoreApplication::translate("Cli", "team claim needs the thread: team claim CHANNEL:ID."));
    TeamThreadRef thread;
    if (int code = threadArgument(call, 1, thread); code != kOk)
        return code;
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    const bool takeOver = call.parser.isSet(QStringLiteral("take-over"));
    auto claim = team::claimThread(connection->db(), thread, thisDesktop(), takeOver);
    if (!claim)
        return fail(claim.failure());
    if (call.parser.isSet(QStringLiteral("json"))) {
        printJson({{QStringLiteral("thread"), thread.toString()},
                   {QStringLiteral("mine"), claim->mine},
                   {QStringLiteral("login"), claim->login},
                   {QStringLiteral("name"), claim->agentName},
                   {QStringLiteral("how"), claim->how},
                   {QStringLiteral("claimed_at"), isoJson(claim->claimedAtMs)},
                   {QStringLiteral("until"), isoJson(claim->untilMs)}});
        return claim->mine ? kOk : kFailure;
    }
    if (!claim->mine) {
        err() << QCoreApplication::translate("Cli", "%1 is held by %2 (%3) since %4, until %5: ask them, or take it "
                                                    "over with --take-over (the team's audit log records it).")
                     .arg(thread.toString(), claim->agentName, claim->login, isoTime(claim->claimedAtMs),
                          isoTime(claim->untilMs))
              << Qt::endl;
        return kFailure;
    }
    out() << QCoreApplication::translate("Cli", "%1 is yours until %2.").arg(thread.toString(), isoTime(claim->untilMs))
          << Qt::endl;
    return kOk;
}

int teamRelease(const Invocation &call)
{
    if (call.arguments.size() != 2)
        return usageError(QCoreApplication::translate(
            "Cli", "team release needs the thread: team release CHANNEL:ID [--reason TEXT]."));
    TeamThreadRef thread;
    if (int code = threadArgument(call, 1, thread); code != kOk)
        return code;
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    auto released =
        team::releaseThread(connection->db(), thread, call.parser.value(QStringLiteral("reason")).trimmed());
    if (!released)
        return fail(released.failure());
    if (!*released) {
        out() << QCoreApplication::translate("Cli", "Nobody held %1: nothing to release.").arg(thread.toString())
              << Qt::endl;
        return kNothingToDo;
    }
    out() << QCoreApplication::translate("Cli", "Released %1.").arg(thread.toString()) << Qt::endl;
    return kOk;
}

int teamAssign(const Invocation &call)
{
    if (call.arguments.size() != 3)
        return usageError(QCoreApplication::translate(
            "Cli", "team assign needs the thread and the agent: team assign CHANNEL:ID LOGIN."));
    TeamThreadRef thread;
    if (int code = threadArgument(call, 1, thread); code != kOk)
        return code;
    const QString login = call.arguments.value(2).trimmed();
    if (Status s = team::checkLogin(login); !s)
        return usageError(s.error());
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    if (Status s = team::assignThread(connection->db(), thread, login); !s)
        return fail(s.failure());
    out() << QCoreApplication::translate("Cli", "Assigned %1 to %2.").arg(thread.toString(), login) << Qt::endl;
    return kOk;
}

int teamNote(const Invocation &call)
{
    if (call.arguments.size() < 3)
        return usageError(QCoreApplication::translate("Cli", "team note needs the thread and the text: team note "
                                                             "CHANNEL:ID TEXT."));
    TeamThreadRef thread;
    if (int code = threadArgument(call, 1, thread); code != kOk)
        return code;
    const QString text = call.arguments.mid(2).join(QLatin1Char(' '));
    if (text.trimmed().isEmpty())
        return usageError(QCoreApplication::translate("Cli", "A note needs some text."));
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    auto added = team::addNote(connection->db(), thread, text, QDateTime::currentMSecsSinceEpoch());
    if (!added)
        return fail(added.failure());
    out() << QCoreApplication::translate("Cli", "Added a note to %1 (%2).").arg(thread.toString(), added->id)
          << Qt::endl;
    if (added->mentions.isEmpty())
        out() << QCoreApplication::translate("Cli", "It mentions nobody.") << Qt::endl;
    else
        out() << QCoreApplication::translate("Cli", "It mentions: %1").arg(added->mentions.join(QStringLiteral(", ")))
              << Qt::endl;
    return kOk;
}

// approve, reject (send back) and resubmit a reply awaiting approval.
int teamReview(const Invocation &call, team::ReviewVerdict verdict)
{
    const QString action = call.arguments.value(0);
    const QString text = call.parser.value(QStringLiteral("text"));
    const QString comment = call.parser.value(QStringLiteral("comment"));
    if (call.arguments.size() != 2 || call.arguments.value(1).trimmed().isEmpty())
        return usageError(QCoreApplication::translate("Cli", "team %1 needs the outbox entry (as team approvals lists "
                                                             "it): team %1 ENTRY.")
                              .arg(action));
    if (verdict == team::ReviewVerdict::SendBack && comment.trimmed().isEmpty())
        return usageError(QCoreApplication::translate(
            "Cli", "team reject needs --comment TEXT: say why the reply goes back to its author."));
    if (verdict == team::ReviewVerdict::Resubmit && text.trimmed().isEmpty())
        return usageError(QCoreApplication::translate("Cli", "team resubmit needs --text TEXT: the reply as edited."));
    if (call.parser.isSet(QStringLiteral("text")) && text.trimmed().isEmpty())
        return usageError(QCoreApplication::translate("Cli", "--text cannot be empty: a reply needs some text."));
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    const QString entry = call.arguments.value(1).trimmed();
    auto reviewed = team::reviewReply(connection->db(), entry, verdict, text, comment.trimmed());
    if (!reviewed)
        return fail(reviewed.failure());
    switch (verdict) {
    case team::ReviewVerdict::Approve:
        out() << QCoreApplication::translate("Cli", "Approved %1: the hub delivers it (state %2).")
                     .arg(reviewed->entryId, reviewed->state)
              << Qt::endl;
        break;
    case team::ReviewVerdict::SendBack:
        out() << QCoreApplication::translate("Cli", "Sent %1 back to its author (state %2).")
                     .arg(reviewed->entryId, reviewed->state)
              << Qt::endl;
        break;
    case team::ReviewVerdict::Resubmit:
        out() << QCoreApplication::translate("Cli", "Resubmitted %1: it waits for a supervisor again (state %2).")
                     .arg(reviewed->entryId, reviewed->state)
              << Qt::endl;
        break;
    }
    return kOk;
}

int teamApprovals(const Invocation &call)
{
    if (call.arguments.size() != 1)
        return usageError(QCoreApplication::translate("Cli", "team approvals takes no arguments."));
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    const bool sentBack = call.parser.isSet(QStringLiteral("sent-back"));
    auto replies = team::listRepliesForReview(connection->db(), sentBack ? QStringLiteral("sent_back")
                                                                         : QStringLiteral("awaiting_approval"));
    if (!replies)
        return fail(replies.failure());
    const bool json = call.parser.isSet(QStringLiteral("json"));
    for (const team::ReplyForReview &r : *replies) {
        if (json) {
            QJsonObject object{{QStringLiteral("entry"), r.entryId},
                               {QStringLiteral("thread"), r.thread.toString()},
                               {QStringLiteral("author_login"), r.authorLogin},
                               {QStringLiteral("author_name"), r.authorName},
                               {QStringLiteral("text"), r.text},
                               {QStringLiteral("created_at"), isoJson(r.createdAtMs)},
                               {QStringLiteral("state"), r.state}};
            if (sentBack) {
                object.insert(QStringLiteral("review_comment"), r.reviewComment);
                object.insert(QStringLiteral("reviewed_by"), r.reviewedBy);
            }
            out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
            continue;
        }
        // One line each: a reply's line breaks would split it.
        QString text = r.text;
        text.replace(QLatin1Char('\n'), QLatin1Char(' '));
        out() << QStringLiteral("%1  %2  %3 (%4)  %5  %6")
                     .arg(r.entryId, r.thread.toString(), r.authorName, r.authorLogin, isoTime(r.createdAtMs), text);
        if (sentBack)
            out() << QCoreApplication::translate("Cli", "  [sent back by %1: %2]").arg(r.reviewedBy, r.reviewComment);
        out() << '\n';
    }
    if (!json && replies->isEmpty())
        out() << (sentBack ? QCoreApplication::translate("Cli", "No reply was sent back.")
                           : QCoreApplication::translate("Cli", "No reply awaits approval."))
              << '\n';
    out().flush();
    return kOk;
}

// most_urgent -> most-urgent: the command line writes its words with hyphens.
QString cliWord(const QString &id)
{
    QString word = id;
    return word.replace(QLatin1Char('_'), QLatin1Char('-'));
}

void printRouting(const team::RoutingConfig &config, bool json)
{
    if (json) {
        printJson(config.toJson());
        return;
    }
    out() << QCoreApplication::translate("Cli", "Routing: %1").arg(toId(config.preset)) << Qt::endl;
    out() << QCoreApplication::translate("Cli", "Order: %1").arg(cliWord(toId(config.order))) << Qt::endl;
    out() << QCoreApplication::translate("Cli", "Outside staff's head start: %Ln minute(s)", nullptr,
                                         config.externalFirstMinutes)
          << Qt::endl;
    if (config.departments.isEmpty()) {
        out() << QCoreApplication::translate("Cli", "Departments: none") << Qt::endl;
        return;
    }
    out() << QCoreApplication::translate("Cli", "Departments:") << Qt::endl;
    for (const auto &[department, categories] : config.departments)
        out() << QStringLiteral("  %1: %2").arg(department, listOrNone(categories)) << Qt::endl;
}

int teamRouting(const Invocation &call)
{
    const QString what = call.arguments.value(1);
    const bool show = what == QLatin1String("show") && call.arguments.size() == 2;
    const bool use = what == QLatin1String("use") && call.arguments.size() == 3;
    if (!show && !use)
        return usageError(QCoreApplication::translate(
            "Cli", "team routing needs show, or use skills|dedicated|mixed [--order most-urgent|longest-waiting] "
                   "[--external-first-minutes N]."));
    std::optional<team::RoutingPreset> preset;
    std::optional<team::RoutingOrder> order;
    std::optional<int> headStart;
    if (use) {
        preset = team::routingPresetFromId(call.arguments.value(2).trimmed());
        if (!preset)
            return usageError(
                QCoreApplication::translate("Cli", "Unknown routing \"%1\": use skills, dedicated or mixed.")
                    .arg(call.arguments.value(2)));
        if (call.parser.isSet(QStringLiteral("order"))) {
            const QString orderText = call.parser.value(QStringLiteral("order")).trimmed();
            order = team::routingOrderFromId(QString(orderText).replace(QLatin1Char('-'), QLatin1Char('_')));
            if (!order)
                return usageError(
                    QCoreApplication::translate("Cli", "Unknown order \"%1\": use most-urgent or longest-waiting.")
                        .arg(orderText));
        }
        if (call.parser.isSet(QStringLiteral("external-first-minutes"))) {
            bool ok = false;
            const int minutes = call.parser.value(QStringLiteral("external-first-minutes")).trimmed().toInt(&ok);
            if (!ok || minutes < 0 || minutes > 24 * 60)
                return usageError(QCoreApplication::translate(
                    "Cli", "--external-first-minutes takes a number of minutes from 0 to 1440."));
            headStart = minutes;
        }
    }
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    auto config = team::readRouting(connection->db());
    if (!config)
        return fail(config.failure());
    const bool json = call.parser.isSet(QStringLiteral("json"));
    if (show) {
        printRouting(*config, json);
        return kOk;
    }
    team::RoutingConfig changed = team::RoutingConfig::usingPreset(*preset, *config);
    if (order)
        changed.order = *order;
    if (headStart)
        changed.externalFirstMinutes = *headStart;
    if (Status s = team::writeRouting(connection->db(), changed); !s)
        return failSupervisorOnly(s.failure(), QCoreApplication::translate("Cli", "the team's routing"));
    if (!json)
        out() << QCoreApplication::translate("Cli", "The team's routing is now:") << Qt::endl;
    printRouting(changed, json);
    return kOk;
}

void printApprovalRule(const team::ApprovalRule &rule, bool json)
{
    if (json) {
        printJson(rule.toJson());
        return;
    }
    if (rule.roles.isEmpty()) {
        out() << QCoreApplication::translate("Cli", "No public reply waits for a supervisor's approval.") << Qt::endl;
        return;
    }
    out() << QCoreApplication::translate("Cli",
                                         "Public replies wait for a supervisor's approval when their author is: %1")
                 .arg(rule.roles.join(QStringLiteral(", ")))
          << Qt::endl;
    out() << QCoreApplication::translate("Cli", "In the categories: %1")
                 .arg(rule.categories.isEmpty() ? QCoreApplication::translate("Cli", "all")
                                                : rule.categories.join(QStringLiteral(", ")))
          << Qt::endl;
}

int teamApproval(const Invocation &call)
{
    const QString what = call.arguments.value(1);
    const bool show = what == QLatin1String("show") && call.arguments.size() == 2;
    const bool set = what == QLatin1String("set") && call.arguments.size() == 2;
    const bool hasRoles = call.parser.isSet(QStringLiteral("roles"));
    const bool hasCategories = call.parser.isSet(QStringLiteral("categories"));
    if ((!show && !set) || (set && !hasRoles && !hasCategories))
        return usageError(QCoreApplication::translate(
            "Cli", "team approval needs show, or set with --roles ROLE,... and/or --categories CATEGORY,..."));
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    auto rule = team::readApprovalRule(connection->db());
    if (!rule)
        return fail(rule.failure());
    const bool json = call.parser.isSet(QStringLiteral("json"));
    if (show) {
        printApprovalRule(*rule, json);
        return kOk;
    }
    team::ApprovalRule changed = *rule;
    if (hasRoles)
        changed.roles = commaList(call.parser.value(QStringLiteral("roles")));
    if (hasCategories)
        changed.categories = commaList(call.parser.value(QStringLiteral("categories")));
    if (Status s = team::writeApprovalRule(connection->db(), changed); !s) {
        if (s.errorKind() == ErrorKind::InvalidInput)
            return usageError(s.error());
        return failSupervisorOnly(s.failure(), QCoreApplication::translate("Cli", "which replies wait for approval"));
    }
    printApprovalRule(changed, json);
    return kOk;
}

QJsonArray queuesJson(const QVector<team::BoardQueue> &queues)
{
    QJsonArray array;
    for (const team::BoardQueue &q : queues)
        array.append(QJsonObject{{QStringLiteral("group"), q.group},
                                 {QStringLiteral("waiting"), q.waiting},
                                 {QStringLiteral("unclaimed"), q.unclaimed},
                                 {QStringLiteral("overdue"), q.overdue},
                                 {QStringLiteral("oldest_waiting_since"), isoJson(q.oldestWaitingSinceMs)}});
    return array;
}

void printQueues(const QString &title, const QVector<team::BoardQueue> &queues)
{
    out() << title << Qt::endl;
    if (queues.isEmpty())
        out() << QCoreApplication::translate("Cli", "  nothing waiting") << Qt::endl;
    for (const team::BoardQueue &q : queues) {
        out() << QCoreApplication::translate("Cli", "  %1: %2 waiting, %3 unclaimed, %4 overdue")
                     .arg(categoryText(q.group))
                     .arg(q.waiting)
                     .arg(q.unclaimed)
                     .arg(q.overdue);
        if (q.oldestWaitingSinceMs > 0)
            out() << QCoreApplication::translate("Cli", ", the oldest since %1").arg(isoTime(q.oldestWaitingSinceMs));
        out() << '\n';
    }
    out().flush();
}

int teamBoard(const Invocation &call)
{
    if (call.arguments.size() != 1)
        return usageError(QCoreApplication::translate("Cli", "team board takes no arguments."));
    std::unique_ptr<TeamConnection> connection;
    if (int code = connectAsMember(call, connection); code != kOk)
        return code;
    auto board = team::readBoard(connection->db());
    if (!board)
        return fail(board.failure());
    if (call.parser.isSet(QStringLiteral("json"))) {
        QJsonArray agents;
        for (const team::BoardAgent &a : board->agents) {
            QJsonArray holding;
            for (const team::BoardAgent::Held &h : a.holding)
                holding.append(QJsonObject{{QStringLiteral("thread"), h.thread.toString()},
                                           {QStringLiteral("since"), isoJson(h.sinceMs)},
                                           {QStringLiteral("typing"), h.typing}});
            agents.append(QJsonObject{{QStringLiteral("login"), a.login},
                                      {QStringLiteral("name"), a.name},
                                      {QStringLiteral("role"), a.role},
                                      {QStringLiteral("department"), a.department},
                                      {QStringLiteral("online"), a.online},
                                      {QStringLiteral("seen_at"), isoJson(a.seenAtMs)},
                                      {QStringLiteral("capacity"), a.capacity},
                                      {QStringLiteral("holding"), holding}});
        }
        QJsonObject object{{QStringLiteral("at"), isoJson(board->atMs)},
                           {QStringLiteral("agents"), agents},
                           {QStringLiteral("by_category"), queuesJson(board->byCategory)},
                           {QStringLiteral("by_department"), queuesJson(board->byDepartment)},
                           {QStringLiteral("awaiting_approval"), board->awaitingApproval},
                           {QStringLiteral("sent_back"), board->sentBack}};
        // Supervisors only: the guard's overrides.
        if (board->seesGuardOverrides) {
            QJsonArray overrides;
            for (const GuardOverrideEntry &o : board->guardOverrides)
                overrides.append(QJsonObject{{QStringLiteral("at"), isoJson(o.atMs)},
                                             {QStringLiteral("agent"), o.agentName},
                                             {QStringLiteral("agent_id"), o.agentId},
                                             {QStringLiteral("channel"), o.channel},
                                             {QStringLiteral("thread"), o.thread},
                                             {QStringLiteral("kinds"), QJsonArray::fromStringList(o.kinds)},
                                             {QStringLiteral("reason"), o.reason}});
            object.insert(QStringLiteral("guard_overrides"), overrides);
        }
        printJson(object);
        return kOk;
    }
    out() << QCoreApplication::translate("Cli", "The team's board at %1").arg(isoTime(board->atMs)) << Qt::endl;
    out() << QCoreApplication::translate("Cli", "Agents:") << Qt::endl;
    for (const team::BoardAgent &a : board->agents) {
        QStringList held;
        for (const team::BoardAgent::Held &h : a.holding)
            held << (h.typing ? QCoreApplication::translate("Cli", "%1 since %2, typing")
                              : QCoreApplication::translate("Cli", "%1 since %2"))
                        .arg(h.thread.toString(), isoTime(h.sinceMs));
        const QString who = a.department.isEmpty()
                                ? QStringLiteral("%1 (%2, %3)").arg(a.name, a.login, a.role)
                                : QStringLiteral("%1 (%2, %3, %4)").arg(a.name, a.login, a.role, a.department);
        out() << QStringLiteral("  %1: %2, %3")
                     .arg(who,
                          a.online ? QCoreApplication::translate("Cli", "online")
                                   : QCoreApplication::translate("Cli", "offline"),
                          QCoreApplication::translate("Cli", "holds %1 of %2").arg(a.holding.size()).arg(a.capacity));
        if (!held.isEmpty())
            out() << QStringLiteral(": ") << held.join(QStringLiteral("; "));
        out() << '\n';
    }
    printQueues(QCoreApplication::translate("Cli", "Waiting by category:"), board->byCategory);
    if (!board->byDepartment.isEmpty())
        printQueues(QCoreApplication::translate("Cli", "Waiting by department:"), board->byDepartment);
    out() << QCoreApplication::translate("Cli", "Replies awaiting approval: %1; sent back to their authors: %2")
                 .arg(board->awaitingApproval)
                 .arg(board->sentBack)
          << Qt::endl;
    if (board->seesGuardOverrides) {
        out() << QCoreApplication::translate("Cli", "Guard overrides (latest first): %1")
                     .arg(board->guardOverrides.size())
              << Qt::endl;
        for (const GuardOverrideEntry &o : board->guardOverrides)
            out() << QCoreApplication::translate("Cli", "  %1 %2 on %3/%4: %5 (reason: %6)")
                         .arg(isoTime(o.atMs), o.agentName, o.channel, o.thread, o.kinds.join(QLatin1Char(',')),
                              o.reason)
                  << '\n';
        out().flush();
    }
    return kOk;
}

} // namespace

void addTeamWorkOptions(QCommandLineParser &parser)
{
    const QString text = QCoreApplication::translate("Cli", "TEXT");
    const QString list = QCoreApplication::translate("Cli", "LIST");
    parser.addOption({QStringLiteral("take-over"),
                      QCoreApplication::translate("Cli", "claim: take the thread over from the colleague who holds "
                                                         "it (recorded in the team's audit log).")});
    parser.addOption({QStringLiteral("reason"),
                      QCoreApplication::translate("Cli", "release: why (recorded when a supervisor releases a "
                                                         "colleague's claim)."),
                      text});
    parser.addOption({QStringLiteral("text"),
                      QCoreApplication::translate("Cli", "approve: the reply as edited by the supervisor; resubmit: "
                                                         "the reply as edited by its author."),
                      text});
    parser.addOption({QStringLiteral("comment"),
                      QCoreApplication::translate("Cli", "reject: why the reply goes back to its author; approve: a "
                                                         "remark for the author."),
                      text});
    parser.addOption({QStringLiteral("sent-back"),
                      QCoreApplication::translate("Cli", "approvals: list the replies sent back to their authors "
                                                         "instead, with the supervisor's comment.")});
    parser.addOption({QStringLiteral("order"),
                      QCoreApplication::translate("Cli", "routing use: most-urgent (the nearest due time first, "
                                                         "the default) or longest-waiting."),
                      QCoreApplication::translate("Cli", "ORDER")});
    parser.addOption({QStringLiteral("external-first-minutes"),
                      QCoreApplication::translate("Cli", "routing use: how long outside staff have the threads of "
                                                         "their scope to themselves under mixed (0 to 1440, "
                                                         "default 30)."),
                      QCoreApplication::translate("Cli", "N")});
    parser.addOption({QStringLiteral("roles"),
                      QCoreApplication::translate("Cli", "approval set: the authors' roles whose public replies wait "
                                                         "for approval (agent, external, supervisor; empty: none)."),
                      list});
    parser.addOption({QStringLiteral("categories"),
                      QCoreApplication::translate("Cli", "approval set: only in these categories (complaint, "
                                                         "assistance, non_negative; empty: all)."),
                      list});
    parser.addOption({QStringLiteral("department"),
                      QCoreApplication::translate("Cli", "agent add, set: the agent's department (routing skills "
                                                         "uses its categories for agents without skills)."),
                      QCoreApplication::translate("Cli", "NAME")});
    parser.addOption({QStringLiteral("skills-categories"),
                      QCoreApplication::translate("Cli", "agent add, set: the categories the agent answers "
                                                         "(comma-separated; empty: any)."),
                      list});
    parser.addOption({QStringLiteral("skills-channels"),
                      QCoreApplication::translate("Cli", "agent add, set: the channels the agent answers "
                                                         "(comma-separated; empty: any)."),
                      list});
    parser.addOption({QStringLiteral("skills-languages"),
                      QCoreApplication::translate("Cli", "agent add, set: the languages the agent answers, as codes "
                                                         "such as it,en (empty: any)."),
                      list});
    parser.addOption({QStringLiteral("capacity"),
                      QCoreApplication::translate("Cli", "agent add, set: how many threads the agent may hold at "
                                                         "once (1 to 1000, default 5)."),
                      QCoreApplication::translate("Cli", "N")});
    parser.addOption({QStringLiteral("scope-accounts"),
                      QCoreApplication::translate("Cli", "agent add, set (external only): the accounts, by id, whose "
                                                         "threads the login sees."),
                      list});
    parser.addOption({QStringLiteral("scope-channels"),
                      QCoreApplication::translate("Cli", "agent add, set (external only): the channels whose threads "
                                                         "the login sees."),
                      list});
    parser.addOption({QStringLiteral("scope-categories"),
                      QCoreApplication::translate("Cli", "agent add, set (external only): the categories whose "
                                                         "threads the login sees."),
                      list});
}

std::optional<int> runTeamWork(const Invocation &call)
{
    const QString action = call.arguments.value(0);
    if (action == QLatin1String("next"))
        return teamNext(call);
    if (action == QLatin1String("claim"))
        return teamClaim(call);
    if (action == QLatin1String("release"))
        return teamRelease(call);
    if (action == QLatin1String("assign"))
        return teamAssign(call);
    if (action == QLatin1String("note"))
        return teamNote(call);
    if (action == QLatin1String("approve"))
        return teamReview(call, team::ReviewVerdict::Approve);
    if (action == QLatin1String("reject"))
        return teamReview(call, team::ReviewVerdict::SendBack);
    if (action == QLatin1String("resubmit"))
        return teamReview(call, team::ReviewVerdict::Resubmit);
    if (action == QLatin1String("approvals"))
        return teamApprovals(call);
    if (action == QLatin1String("routing"))
        return teamRouting(call);
    if (action == QLatin1String("approval"))
        return teamApproval(call);
    if (action == QLatin1String("board"))
        return teamBoard(call);
    return std::nullopt;
}

bool hasProfileOptions(const Invocation &call)
{
    for (const char *name : {"department", "skills-categories", "skills-channels", "skills-languages", "capacity",
                             "scope-accounts", "scope-channels", "scope-categories"})
        if (call.parser.isSet(QLatin1String(name)))
            return true;
    return false;
}

int applyProfileOptions(const Invocation &call, team::AgentRole role, team::AgentProfile &profile)
{
    const auto listOption = [&](const char *name, QStringList &field) {
        if (call.parser.isSet(QLatin1String(name)))
            field = commaList(call.parser.value(QLatin1String(name)));
    };
    if (call.parser.isSet(QStringLiteral("department")))
        profile.department = call.parser.value(QStringLiteral("department")).trimmed();
    listOption("skills-categories", profile.skillCategories);
    listOption("skills-channels", profile.skillChannels);
    listOption("skills-languages", profile.skillLanguages);
    listOption("scope-accounts", profile.scopeAccounts);
    listOption("scope-channels", profile.scopeChannels);
    listOption("scope-categories", profile.scopeCategories);
    if (call.parser.isSet(QStringLiteral("capacity"))) {
        bool ok = false;
        profile.capacity = call.parser.value(QStringLiteral("capacity")).trimmed().toInt(&ok);
        if (!ok)
            return usageError(
                QCoreApplication::translate("Cli", "--capacity takes a number of threads from 1 to 1000, not \"%1\".")
                    .arg(call.parser.value(QStringLiteral("capacity"))));
    }
    if (Status s = team::checkProfile(profile, role); !s)
        return usageError(s.error());
    return kOk;
}

QString describeProfile(const team::TeamAgent &agent)
{
    const team::AgentProfile &p = agent.profile;
    QStringList parts;
    if (!p.department.isEmpty())
        parts << QCoreApplication::translate("Cli", "department %1").arg(p.department);
    QStringList skills;
    if (!p.skillCategories.isEmpty())
        skills << QCoreApplication::translate("Cli", "categories %1").arg(p.skillCategories.join(QLatin1Char(',')));
    if (!p.skillChannels.isEmpty())
        skills << QCoreApplication::translate("Cli", "channels %1").arg(p.skillChannels.join(QLatin1Char(',')));
    if (!p.skillLanguages.isEmpty())
        skills << QCoreApplication::translate("Cli", "languages %1").arg(p.skillLanguages.join(QLatin1Char(',')));
    parts << QCoreApplication::translate("Cli", "skills: %1")
                 .arg(skills.isEmpty() ? QCoreApplication::translate("Cli", "any") : skills.join(QStringLiteral(", ")));
    parts << QCoreApplication::translate("Cli", "capacity %1").arg(p.capacity);
    if (agent.role == team::AgentRole::External) {
        QStringList scope;
        if (!p.scopeAccounts.isEmpty())
            scope << QCoreApplication::translate("Cli", "accounts %1").arg(p.scopeAccounts.join(QLatin1Char(',')));
        if (!p.scopeChannels.isEmpty())
            scope << QCoreApplication::translate("Cli", "channels %1").arg(p.scopeChannels.join(QLatin1Char(',')));
        if (!p.scopeCategories.isEmpty())
            scope << QCoreApplication::translate("Cli", "categories %1").arg(p.scopeCategories.join(QLatin1Char(',')));
        parts << QCoreApplication::translate("Cli", "scope: %1")
                     .arg(scope.isEmpty() ? QCoreApplication::translate("Cli", "nothing (sees no thread)")
                                          : scope.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

QJsonObject profileJson(const team::AgentProfile &profile)
{
    return {{QStringLiteral("department"), profile.department},
            {QStringLiteral("skill_categories"), QJsonArray::fromStringList(profile.skillCategories)},
            {QStringLiteral("skill_channels"), QJsonArray::fromStringList(profile.skillChannels)},
            {QStringLiteral("skill_languages"), QJsonArray::fromStringList(profile.skillLanguages)},
            {QStringLiteral("capacity"), profile.capacity},
            {QStringLiteral("scope_accounts"), QJsonArray::fromStringList(profile.scopeAccounts)},
            {QStringLiteral("scope_channels"), QJsonArray::fromStringList(profile.scopeChannels)},
            {QStringLiteral("scope_categories"), QJsonArray::fromStringList(profile.scopeCategories)}};
}

} // namespace sportello::cli
