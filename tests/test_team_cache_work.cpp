// The cache follows how the team works (team schema 2, cache schema 12), against a real
// PostgreSQL 15 (PgServer): notes with their mentions and notes
// written here going up once, replies awaiting approval, the routing and approval settings, the
// agents' profiles. The team's side is changed with the TeamWork calls, each on the login's own
// connection; the desktop pulls with TeamReplica and reads its cache with TeamNotes. Also,
// without a team: notes stay local, never reach the outbox or a CSV export.
#include "catch_compat.h"

#include "PgServer.h"
#include "TestSupport.h"

#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "outbox/Outbox.h"
#include "report/ReportExport.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamNotes.h"
#include "team/TeamReplica.h"
#include "team/TeamWork.h"
#include "timers/PolicyStore.h"
#include "triage/TriageService.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <memory>

using namespace sportello;
using namespace sportello::test;
using sportello::team::TeamReplica;

namespace {

const QString kMartaPassword = QStringLiteral("marta-password-1");
const QString kLucaPassword = QStringLiteral("luca-password-12");
const QString kSaraPassword = QStringLiteral("sara-password-123");
const QString kEliaPassword = QStringLiteral("elia-password-123");

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// A team database on a server of its own: two agents (marta, luca), a supervisor (sara) and an
// external (elia, whose scope is Facebook and X).
struct Team {
    std::unique_ptr<PgServer> server;
    std::unique_ptr<team::TeamConnection> admin;
    std::map<QString, std::unique_ptr<team::TeamConnection>> logins;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        auto connection = team::TeamConnection::open(url(), server->superuserPassword());
        INFO(connection.error().toStdString());
        REQUIRE(connection.ok());
        admin = std::move(*connection);
        REQUIRE(team::initTeamSchema(admin->db()).ok());
        for (const auto &[login, name, role, password] :
             {std::tuple{QStringLiteral("marta"), QStringLiteral("Marta Rossi"), team::AgentRole::Agent,
                         kMartaPassword},
              std::tuple{QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), team::AgentRole::Agent, kLucaPassword},
              std::tuple{QStringLiteral("sara"), QStringLiteral("Sara Neri"), team::AgentRole::Supervisor,
                         kSaraPassword},
              std::tuple{QStringLiteral("elia"), QStringLiteral("Elia Conti"), team::AgentRole::External,
                         kEliaPassword}}) {
            team::TeamAgent agent;
            agent.login = login;
            agent.name = name;
            agent.role = role;
            if (role == team::AgentRole::External)
                agent.profile.scopeChannels = {QStringLiteral("facebook"), QStringLiteral("x")};
            const Status added = team::addAgent(admin->db(), agent, password, 1);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
    }
    team::TeamUrl url() const { return *team::TeamUrl::parse(server->url(QStringLiteral("team"))); }
    // A login's own connection to the team database (what its desktop's TeamWork calls use).
    QSqlDatabase as(const QString &login)
    {
        auto &connection = logins[login];
        if (!connection) {
            const QString password = login == QLatin1String("marta")  ? kMartaPassword
                                     : login == QLatin1String("luca") ? kLucaPassword
                                     : login == QLatin1String("sara") ? kSaraPassword
                                                                      : kEliaPassword;
            auto opened = team::TeamConnection::open(url().withUser(login), password);
            INFO(opened.error().toStdString());
            REQUIRE(opened.ok());
            connection = std::move(*opened);
        }
        return connection->db();
    }
    void exec(const QString &statement) const
    {
        INFO(statement.toStdString());
        const Status s = team::teamExec(admin->db(), statement);
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
    QVariant scalar(const QString &statement) const
    {
        QSqlQuery query(admin->db());
        INFO(statement.toStdString());
        REQUIRE(query.exec(statement));
        REQUIRE(query.next());
        return query.value(0);
    }
    // As the hub would: a customer's post, a few minutes old.
    void post(const QString &thread, const QString &id, const QString &channel = QStringLiteral("facebook")) const
    {
        exec(
            QStringLiteral("INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                           "author_handle, author_name, direction, visibility, created_at, text) VALUES('%3', "
                           "'%1', '%2', 'author-%1', 'cliente', 'Cliente', 'inbound', 'public', "
                           "(extract(epoch FROM now()) * 1000)::bigint - 600000, 'Buongiorno, la mia pratica è ferma')")
                .arg(id, thread, channel));
    }
};

// One desktop: its cache joined to the team, its replica, its triage as its agent.
struct Desktop {
    TempCache cache;
    SystemClock clock;
    accounts::MemoryTokenStore keychain;
    QString login;
    std::unique_ptr<TeamReplica> replica;
    std::unique_ptr<TriageService> triage;

    Desktop(const Team &team, const QString &agentLogin, const QString &name, const QString &password)
        : login(agentLogin)
    {
        auto joined = TeamReplica::join(*cache.db, team.url(), login, QString(), password, clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(team::passwordKey(joined->url), password).ok());
        replica = std::make_unique<TeamReplica>(*cache.db, clock, &keychain);
        triage = std::make_unique<TriageService>(*cache.db, clock, Agent{login, name});
    }
    QSqlDatabase db() const { return cache.db->connection(); }
    team::SyncReport sync() const
    {
        auto report = replica->syncOnce();
        INFO(report.error().toStdString());
        REQUIRE(report.ok());
        INFO(report->errors.join(QLatin1Char('\n')).toStdString());
        REQUIRE(report->ok());
        return *report;
    }
    qint64 thread(const QString &externalId) const
    {
        return scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(externalId))
            .toLongLong();
    }
    DecisionOutcome decide(const QString &threadExternalId, DecisionKind kind, const QString &text) const
    {
        DecisionRequest request;
        request.threadId = thread(threadExternalId);
        request.kind = kind;
        request.text = text;
        auto outcome = triage->decide(request);
        INFO(outcome.error().toStdString());
        REQUIRE(outcome.ok());
        return *outcome;
    }
    QVariant value(const QString &statement) const { return scalar(*cache.db, statement); }
    QVector<team::Note> notes(const QString &threadExternalId) const
    {
        auto n = team::notesOf(db(), thread(threadExternalId));
        INFO(n.error().toStdString());
        REQUIRE(n.ok());
        return *n;
    }
};

const team::TeamThreadRef kT1{QStringLiteral("facebook"), QStringLiteral("t1")};
const team::TeamThreadRef kT2{QStringLiteral("facebook"), QStringLiteral("t2")};

} // namespace

TEST_CASE("leaving the team forgets its routing and approval settings")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"));
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), kLucaPassword);
    luca.sync();
    const QString settings =
        QStringLiteral("SELECT count(*) FROM app_state WHERE key IN ('team_routing', 'team_approval')");
    REQUIRE(luca.value(settings).toInt() == 2);
    luca.replica.reset();
    REQUIRE(TeamReplica::leave(*luca.cache.db).ok());
    CHECK(luca.value(settings).toInt() == 0);
}

TEST_CASE("a colleague's note arrives with its mentions, and one on a thread new to the desktop comes with it")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"));
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), kLucaPassword);
    luca.sync();
    CHECK(luca.notes(QStringLiteral("t1")).isEmpty());

    const qint64 at = nowMs();
    auto added = team::addNote(team.as(QStringLiteral("marta")), kT1,
                               QStringLiteral("@luca il cliente ha già chiamato, sentite anche @sara e @nessuno"), at);
    INFO(added.error().toStdString());
    REQUIRE(added.ok());
    CHECK(added->mentions == QStringList{QStringLiteral("luca"), QStringLiteral("sara")});
    luca.sync();
    const auto notes = luca.notes(QStringLiteral("t1"));
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].id == added->id);
    CHECK(notes[0].authorLogin == QStringLiteral("marta"));
    CHECK(notes[0].authorName == QStringLiteral("Marta Rossi"));
    CHECK(notes[0].atMs == at);
    CHECK(notes[0].text.startsWith(QStringLiteral("@luca il cliente")));
    CHECK(notes[0].mentions == QStringList{QStringLiteral("luca"), QStringLiteral("sara")});
    CHECK(notes[0].teamState == QStringLiteral("from_team"));
    // Notes never enter the outbox.
    CHECK(luca.value(QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);

    // The team takes notes only on threads it holds (no orphans); a note on a thread new to this
    // desktop comes down after the thread's posts, in the same pull.
    const team::TeamThreadRef t3{QStringLiteral("facebook"), QStringLiteral("t3")};
    CHECK_FALSE(team::addNote(team.as(QStringLiteral("marta")), t3, QStringLiteral("In arrivo un reclamo"), at).ok());
    team.post(QStringLiteral("t3"), QStringLiteral("p3"));
    REQUIRE(team::addNote(team.as(QStringLiteral("marta")), t3, QStringLiteral("In arrivo un reclamo"), at).ok());
    CHECK(luca.sync().pull.deferred == 0);
    REQUIRE(luca.notes(QStringLiteral("t3")).size() == 1);
    CHECK(luca.notes(QStringLiteral("t3"))[0].text == QStringLiteral("In arrivo un reclamo"));
}

TEST_CASE("a note written offline goes up once and reaches a colleague with its mentions")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"));
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), kLucaPassword);
    marta.sync();
    luca.sync();

    const qint64 at = nowMs() - 60000;
    auto id = team::addLocalNote(marta.db(), marta.thread(QStringLiteral("t1")),
                                 QStringLiteral("Chiesto il numero di polizza, @luca ci pensi tu?"),
                                 QStringLiteral("marta"), QStringLiteral("Marta Rossi"), at);
    INFO(id.error().toStdString());
    REQUIRE(id.ok());
    CHECK(marta.value(QStringLiteral("SELECT team_state FROM notes")).toString() == QStringLiteral("to_push"));
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);
    auto status = marta.replica->status();
    REQUIRE(status.ok());
    CHECK(status->notesToPush == 1);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.notes")).toInt() == 0);

    CHECK(marta.sync().push.notes == 1);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.notes")).toInt() == 1);
    CHECK(team.scalar(QStringLiteral("SELECT author_login || '|' || author_name || '|' || at || '|' || "
                                     "array_to_string(mentions, ',') FROM sportello.notes"))
              .toString() == QStringLiteral("marta|Marta Rossi|%1|luca").arg(at));
    // Its own note came back down: pushed, with the mentions the team read.
    const auto mine = marta.notes(QStringLiteral("t1"));
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].id == *id);
    CHECK(mine[0].teamState == QStringLiteral("pushed"));
    CHECK(mine[0].mentions == QStringList{QStringLiteral("luca")});

    // Pushed again (a crash before the cache recorded it): still one row.
    CHECK(marta.sync().push.notes == 0);
    REQUIRE(sql::exec(marta.db(), QStringLiteral("UPDATE notes SET team_state = 'to_push'")).ok());
    CHECK(marta.sync().push.notes == 1);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.notes")).toInt() == 1);

    luca.sync();
    const auto theirs = luca.notes(QStringLiteral("t1"));
    REQUIRE(theirs.size() == 1);
    CHECK(theirs[0].id == *id);
    CHECK(theirs[0].authorName == QStringLiteral("Marta Rossi"));
    CHECK(theirs[0].text == QStringLiteral("Chiesto il numero di polizza, @luca ci pensi tu?"));
    CHECK(theirs[0].mentions == QStringList{QStringLiteral("luca")});
    CHECK(theirs[0].teamState == QStringLiteral("from_team"));
}

TEST_CASE("a note the team refuses stays on the desktop as refused and holds back nothing else")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"));
    team.post(QStringLiteral("tx"), QStringLiteral("px"), QStringLiteral("x"));
    Desktop elia(team, QStringLiteral("elia"), QStringLiteral("Elia Conti"), kEliaPassword);
    elia.sync();
    REQUIRE(elia.value(QStringLiteral("SELECT count(*) FROM threads")).toInt() == 2);

    // Elia's scope narrows to Facebook while a note on the X thread waits on the desktop.
    team::AgentProfile narrowed;
    narrowed.scopeChannels = {QStringLiteral("facebook")};
    REQUIRE(team::setAgentProfile(team.admin->db(), QStringLiteral("elia"), narrowed).ok());
    auto refused = team::addLocalNote(elia.db(), elia.thread(QStringLiteral("tx")), QStringLiteral("Nota fuori ambito"),
                                      QStringLiteral("elia"), QStringLiteral("Elia Conti"), nowMs());
    REQUIRE(refused.ok());
    auto taken = team::addLocalNote(elia.db(), elia.thread(QStringLiteral("t1")), QStringLiteral("Nota in ambito"),
                                    QStringLiteral("elia"), QStringLiteral("Elia Conti"), nowMs() + 1);
    REQUIRE(taken.ok());
    elia.decide(QStringLiteral("t1"), DecisionKind::ReplyPrivate, QStringLiteral("Ci scriva in privato, grazie."));

    const team::SyncReport first = elia.sync();
    CHECK(first.push.notes == 1);
    CHECK(first.push.notesRefused == 1);
    CHECK(first.push.decisions == 1);
    CHECK(team.scalar(QStringLiteral("SELECT string_agg(text, ',') FROM sportello.notes")).toString() ==
          QStringLiteral("Nota in ambito"));
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.decisions")).toInt() == 1);
    CHECK(elia.value(QStringLiteral("SELECT team_state FROM notes WHERE id = '%1'").arg(*refused)).toString() ==
          QStringLiteral("refused"));
    CHECK(elia.value(QStringLiteral("SELECT team_state FROM notes WHERE id = '%1'").arg(*taken)).toString() ==
          QStringLiteral("pushed"));
    // Not tried again.
    const team::SyncReport second = elia.sync();
    CHECK(second.push.notes == 0);
    CHECK(second.push.notesRefused == 0);
    auto status = elia.replica->status();
    REQUIRE(status.ok());
    CHECK(status->notesRefused == 1);
    CHECK(status->notesToPush == 0);
}

TEST_CASE("an external's public reply awaits approval in the cache, and approved with an edit the cache's text changes")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"));
    team.post(QStringLiteral("t2"), QStringLiteral("p2"));
    Desktop elia(team, QStringLiteral("elia"), QStringLiteral("Elia Conti"), kEliaPassword);
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    elia.sync();
    marta.sync();

    const QString draft = QStringLiteral("Buongiorno, ci scriva in privato il numero di pratica.");
    const DecisionOutcome reply = elia.decide(QStringLiteral("t1"), DecisionKind::ReplyPublic, draft);
    const QString entryState = QStringLiteral("SELECT state FROM outbox WHERE id = '%1'").arg(reply.outboxId);
    const QString entryText = QStringLiteral("SELECT text FROM outbox WHERE id = '%1'").arg(reply.outboxId);
    CHECK(elia.value(entryState).toString() == QStringLiteral("pending"));
    elia.sync();
    marta.sync();
    CHECK(elia.value(entryState).toString() == QStringLiteral("awaiting_approval"));
    CHECK(marta.value(entryState).toString() == QStringLiteral("awaiting_approval"));
    // While it waits for approval the reply answers nothing: the thread waits, its timer runs, on
    // the author's desktop and on everyone's.
    const QString t1Status = QStringLiteral("SELECT status FROM threads WHERE external_id = 't1'");
    const QString t1Answered =
        QStringLiteral("SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.external_id = 't1' "
                       "AND p.direction = 'inbound' AND p.answered_at IS NOT NULL");
    for (const Desktop *desktop : {&elia, &marta}) {
        CHECK(desktop->value(t1Status).toString() == QStringLiteral("waiting"));
        CHECK(desktop->value(t1Answered).toInt() == 0);
    }
    // The outbox reads it as what it is, not as a failure (a hub's recovery would upload a
    // failure over the supervisor's approval).
    auto entry = outbox::OutboxStore(*elia.cache.db, elia.clock).find(reply.outboxId);
    REQUIRE(entry.ok());
    CHECK(entry->state == outbox::OutboxState::AwaitingApproval);
    CHECK(outbox::label(entry->state) == QStringLiteral("Awaiting approval"));

    const QString edited = QStringLiteral("Buongiorno, ci scriva in privato: la aiutiamo subito.");
    auto approved =
        team::reviewReply(team.as(QStringLiteral("sara")), reply.outboxId, team::ReviewVerdict::Approve, edited);
    INFO(approved.error().toStdString());
    REQUIRE(approved.ok());
    CHECK(approved->state == QStringLiteral("pending"));
    CHECK(elia.value(entryText).toString() == draft);
    elia.sync();
    marta.sync();
    for (const Desktop *desktop : {&elia, &marta}) {
        CHECK(desktop->value(entryState).toString() == QStringLiteral("pending"));
        CHECK(desktop->value(entryText).toString() == edited);
        CHECK(desktop->value(QStringLiteral("SELECT reviewed_by FROM outbox WHERE id = '%1'").arg(reply.outboxId))
                  .toString() == QStringLiteral("Sara Neri"));
        CHECK(desktop->value(QStringLiteral("SELECT reviewed_at FROM outbox WHERE id = '%1'").arg(reply.outboxId))
                  .toLongLong() > 0);
        // Approved: it answers the thread, at the approval.
        CHECK(desktop->value(t1Status).toString() == QStringLiteral("answered"));
        CHECK(desktop->value(QStringLiteral("SELECT p.answered_at FROM posts p JOIN threads t ON t.id = p.thread_id "
                                            "WHERE t.external_id = 't1' AND p.direction = 'inbound'"))
                  .toLongLong() ==
              desktop->value(QStringLiteral("SELECT reviewed_at FROM outbox WHERE id = '%1'").arg(reply.outboxId))
                  .toLongLong());
    }

    // Sent back with a comment; resubmitted edited by its author.
    const DecisionOutcome second =
        elia.decide(QStringLiteral("t2"), DecisionKind::ReplyPublic, QStringLiteral("Ciao! Scrivici in DM"));
    elia.sync();
    const QString secondState = QStringLiteral("SELECT state FROM outbox WHERE id = '%1'").arg(second.outboxId);
    CHECK(elia.value(secondState).toString() == QStringLiteral("awaiting_approval"));
    auto sentBack = team::reviewReply(team.as(QStringLiteral("sara")), second.outboxId, team::ReviewVerdict::SendBack,
                                      {}, QStringLiteral("Troppo informale: dia del lei al cliente."));
    INFO(sentBack.error().toStdString());
    REQUIRE(sentBack.ok());
    elia.sync();
    CHECK(elia.value(secondState).toString() == QStringLiteral("sent_back"));
    CHECK(elia.value(QStringLiteral("SELECT status FROM threads WHERE external_id = 't2'")).toString() ==
          QStringLiteral("waiting"));
    CHECK(outbox::OutboxStore(*elia.cache.db, elia.clock).find(second.outboxId)->state ==
          outbox::OutboxState::SentBack);
    CHECK(elia.value(QStringLiteral("SELECT review_comment FROM outbox WHERE id = '%1'").arg(second.outboxId))
              .toString() == QStringLiteral("Troppo informale: dia del lei al cliente."));
    auto resubmitted =
        team::reviewReply(team.as(QStringLiteral("elia")), second.outboxId, team::ReviewVerdict::Resubmit,
                          QStringLiteral("Buongiorno, ci scriva in privato."));
    INFO(resubmitted.error().toStdString());
    REQUIRE(resubmitted.ok());
    elia.sync();
    CHECK(elia.value(secondState).toString() == QStringLiteral("awaiting_approval"));
    CHECK(elia.value(QStringLiteral("SELECT text FROM outbox WHERE id = '%1'").arg(second.outboxId)).toString() ==
          QStringLiteral("Buongiorno, ci scriva in privato."));
}

TEST_CASE("the team's routing and approval settings land in app_state, and a deleted one leaves it")
{
    Team team;
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    const QString routing = QStringLiteral("SELECT value FROM app_state WHERE key = 'team_routing'");
    const QString approval = QStringLiteral("SELECT count(*) FROM app_state WHERE key = 'team_approval'");
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM app_state WHERE key = 'team_routing'")).toInt() == 0);
    marta.sync();
    // The defaults the team database starts with.
    auto first =
        team::RoutingConfig::fromJson(QJsonDocument::fromJson(marta.value(routing).toString().toUtf8()).object());
    REQUIRE(first.ok());
    CHECK(first->preset == team::RoutingPreset::Dedicated);
    CHECK(marta.value(approval).toInt() == 1);

    const team::RoutingConfig skills =
        team::RoutingConfig::usingPreset(team::RoutingPreset::Skills, team::RoutingConfig{});
    REQUIRE(team::writeRouting(team.as(QStringLiteral("sara")), skills).ok());
    team::ApprovalRule rule;
    rule.roles = {QStringLiteral("external"), QStringLiteral("agent")};
    rule.categories = {QStringLiteral("complaint")};
    REQUIRE(team::writeApprovalRule(team.as(QStringLiteral("sara")), rule).ok());
    marta.sync();
    auto now =
        team::RoutingConfig::fromJson(QJsonDocument::fromJson(marta.value(routing).toString().toUtf8()).object());
    REQUIRE(now.ok());
    CHECK(*now == skills);
    auto ruleHere = team::ApprovalRule::fromJson(
        QJsonDocument::fromJson(
            marta.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'team_approval'")).toString().toUtf8())
            .object());
    REQUIRE(ruleHere.ok());
    CHECK(*ruleHere == rule);
    // Not noted to go back up: it came from the team.
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM team_outgoing")).toInt() == 0);

    team.exec(QStringLiteral("DELETE FROM sportello.settings WHERE key = 'approval'"));
    marta.sync();
    CHECK(marta.value(approval).toInt() == 0);
}

TEST_CASE("agents' department, skills, capacity and scope land in team_agents")
{
    Team team;
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    marta.sync();
    const QString luca = QStringLiteral("SELECT %1 FROM team_agents WHERE login = 'luca'");
    CHECK(marta.value(luca.arg(QStringLiteral("department"))).toString().isEmpty());
    CHECK(marta.value(luca.arg(QStringLiteral("capacity"))).toInt() == 5);
    CHECK(marta.value(QStringLiteral("SELECT role FROM team_agents WHERE login = 'elia'")).toString() ==
          QStringLiteral("external"));
    CHECK(marta.value(QStringLiteral("SELECT scope_channels FROM team_agents WHERE login = 'elia'")).toString() ==
          QStringLiteral("[\"facebook\",\"x\"]"));

    team::AgentProfile profile;
    profile.department = QStringLiteral("claims office");
    profile.skillCategories = {QStringLiteral("complaint")};
    profile.skillChannels = {QStringLiteral("facebook"), QStringLiteral("instagram")};
    profile.skillLanguages = {QStringLiteral("it")};
    profile.capacity = 3;
    REQUIRE(team::setAgentProfile(team.admin->db(), QStringLiteral("luca"), profile).ok());
    marta.sync();
    CHECK(marta.value(luca.arg(QStringLiteral("department"))).toString() == QStringLiteral("claims office"));
    CHECK(marta.value(luca.arg(QStringLiteral("skill_categories"))).toString() == QStringLiteral("[\"complaint\"]"));
    CHECK(marta.value(luca.arg(QStringLiteral("skill_channels"))).toString() ==
          QStringLiteral("[\"facebook\",\"instagram\"]"));
    CHECK(marta.value(luca.arg(QStringLiteral("skill_languages"))).toString() == QStringLiteral("[\"it\"]"));
    CHECK(marta.value(luca.arg(QStringLiteral("capacity"))).toInt() == 3);
    CHECK(marta.value(luca.arg(QStringLiteral("scope_accounts"))).toString() == QStringLiteral("[]"));
}

TEST_CASE("a change of a kind this version does not know still refuses its page")
{
    Team team;
    team.post(QStringLiteral("t1"), QStringLiteral("p1"));
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"), kMartaPassword);
    marta.sync();
    const qint64 before =
        marta.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'team_feed_position'")).toLongLong();
    team.exec(QStringLiteral("INSERT INTO sportello.changes(seq, at, kind, op, row) "
                             "VALUES (nextval('sportello.change_seq'), 1, 'mystery', 'upsert', '{}')"));
    auto report = marta.replica->syncOnce();
    REQUIRE(report.ok());
    REQUIRE(report->errors.size() == 1);
    CHECK(report->errors[0].contains(QStringLiteral("mystery")));
    CHECK(marta.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'team_feed_position'")).toLongLong() ==
          before);
}

// Without a team: the same API on a cache alone.

TEST_CASE("notes on a desktop alone stay local, in time order, and never reach the outbox or a CSV export")
{
    TempCache cache;
    const qint64 t = utcMs("2026-03-02T09:00:00Z");
    ingest(*cache.db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), t)});
    const QSqlDatabase db = cache.db->connection();
    const qint64 thread = scalar(*cache.db, QStringLiteral("SELECT id FROM threads")).toLongLong();

    auto second = team::addLocalNote(db, thread, QStringLiteral("NOTA-INTERNA-SEGRETA seconda"), QString(),
                                     QStringLiteral("Marta Rossi"), t + 120000);
    REQUIRE(second.ok());
    auto first = team::addLocalNote(db, thread, QStringLiteral("NOTA-INTERNA-SEGRETA prima"), QString(),
                                    QStringLiteral("Marta Rossi"), t + 60000);
    REQUIRE(first.ok());
    CHECK(*first != *second);
    auto notes = team::notesOf(db, thread);
    REQUIRE(notes.ok());
    REQUIRE(notes->size() == 2);
    CHECK((*notes)[0].id == *first);
    CHECK((*notes)[1].id == *second);
    CHECK((*notes)[0].teamState.isEmpty()); // alone: nothing to push
    CHECK((*notes)[0].authorLogin.isEmpty());
    CHECK((*notes)[0].mentions.isEmpty());
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM notes WHERE team_state IS NULL")).toInt() == 2);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);

    // What a note may not be.
    CHECK(team::addLocalNote(db, thread, QStringLiteral("   "), QString(), QStringLiteral("M"), t).errorKind() ==
          ErrorKind::InvalidInput);
    CHECK(team::addLocalNote(db, thread, QString(team::kNoteMaxLength + 1, QLatin1Char('a')), QString(),
                             QStringLiteral("M"), t)
              .errorKind() == ErrorKind::InvalidInput);
    CHECK(team::addLocalNote(db, thread + 100, QStringLiteral("ok"), QString(), QStringLiteral("M"), t).errorKind() ==
          ErrorKind::NotFound);

    // The post-level export has the post and not the notes.
    auto policy = PolicyStore::activeIn(db);
    REQUIRE(policy.ok());
    ExportOptions options;
    options.format = CsvFormat::forLanguage(QStringLiteral("it"));
    const QString path = cache.dir.filePath(QStringLiteral("log.csv"));
    ReportFilter filter;
    filter.from = QDate(2026, 3, 1);
    filter.to = QDate(2026, 3, 31);
    auto written = exportPostLog(*cache.db, *policy, filter, t + 3600000, path, options);
    INFO(written.error().toStdString());
    REQUIRE(written.ok());
    CHECK(*written == 1);
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(file.readAll());
    CHECK(csv.contains(QStringLiteral("polizza")));
    CHECK_FALSE(csv.contains(QStringLiteral("NOTA-INTERNA-SEGRETA")));
}

