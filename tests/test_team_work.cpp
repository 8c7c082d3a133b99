// How a care team works in the team database (schema 2), against a real PostgreSQL 15: claims and
// their race, take-over and expiry, routing by presets with capacity, the external role under
// row-level security (read directly with psql), approval of public replies, notes and mentions,
// and the board.
#include "catch_compat.h"

#include "PgServer.h"

#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamWork.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <atomic>
#include <barrier>
#include <memory>
#include <thread>
#include <vector>

using namespace sportello;
using namespace sportello::team;
using sportello::test::PgServer;

namespace {

const QString kPassword = QStringLiteral("a long enough password");

std::unique_ptr<TeamConnection> connectAs(const TeamUrl &url, const QString &password)
{
    auto connection = TeamConnection::open(url, password);
    INFO(connection.error().toStdString());
    REQUIRE(connection.ok());
    return std::move(connection).value();
}

// A team database on a server of its own: the superuser plays the hub (posts) and the admin.
struct Team {
    std::unique_ptr<PgServer> server;
    std::unique_ptr<TeamConnection> admin;
    TeamUrl url;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        url = *TeamUrl::parse(server->url(QStringLiteral("team")));
        admin = connectAs(url, server->superuserPassword());
        auto init = initTeamSchema(admin->db());
        INFO(init.error().toStdString());
        REQUIRE(init.ok());
    }

    void add(const QString &login, const QString &name, AgentRole role, const AgentProfile &profile = {}) const
    {
        TeamAgent agent;
        agent.login = login;
        agent.name = name;
        agent.role = role;
        agent.profile = profile;
        const Status added = addAgent(admin->db(), agent, kPassword, QDateTime::currentMSecsSinceEpoch());
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
    }
    std::unique_ptr<TeamConnection> as(const QString &login) const { return connectAs(url.withUser(login), kPassword); }

    void exec(const QString &statement) const
    {
        const Status s = teamExec(admin->db(), statement);
        INFO(statement.toStdString());
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
    // A customer's post as the hub stores it.
    void post(const QString &channel, const QString &thread, const QString &id, qint64 at, const QString &category,
              const QString &language = QStringLiteral("it"), const QString &direction = QStringLiteral("inbound"),
              const QString &account = {}) const
    {
        exec(QStringLiteral("INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                            "direction, visibility, created_at, text, category, language, account_id) VALUES "
                            "('%1', '%2', '%3', 'customer-%3', '%4', 'public', %5, 'text of %2', %6, '%7', %8)")
                 .arg(channel, id, thread, direction)
                 .arg(at)
                 .arg(category.isEmpty() ? QStringLiteral("NULL") : QStringLiteral("'%1'").arg(category), language,
                      account.isEmpty() ? QStringLiteral("NULL") : QStringLiteral("'%1'").arg(account)));
    }
    int count(const QString &statement) const { return countOn(admin->db(), statement); }

    static int countOn(const QSqlDatabase &db, const QString &statement)
    {
        QSqlQuery q(db);
        INFO(statement.toStdString());
        const bool ran = q.exec(statement);
        INFO(q.lastError().text().toStdString());
        REQUIRE(ran);
        REQUIRE(q.next());
        return q.value(0).toInt();
    }
};

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// A decision as a desktop pushes it, by that desktop's login.
Status decide(const QSqlDatabase &db, const QString &id, const QString &channel, const QString &thread,
              const QString &kind, const QString &text = QStringLiteral("Thank you, we are on it."))
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO sportello.decisions(id, channel, thread_external_id, kind, text, agent_id, "
                             "agent_name, decided_at) VALUES (?, ?, ?, ?, ?, 'id', 'name', ?)"));
    for (const QVariant &v : QVariantList{id, channel, thread, kind, text, nowMs()})
        q.addBindValue(v);
    if (!q.exec())
        return teamFailure(q.lastError());
    QSqlQuery entry(db);
    entry.prepare(QStringLiteral("INSERT INTO sportello.outbox(id, decision_id, idempotency_key, kind, text, "
                                 "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : QVariantList{QStringLiteral("o-") + id, id, QStringLiteral("k-") + id, kind, text, nowMs()})
        entry.addBindValue(v);
    if (!entry.exec())
        return teamFailure(entry.lastError());
    return {};
}

QString outboxState(const Team &team, const QString &entry)
{
    QSqlQuery q(team.admin->db());
    q.prepare(QStringLiteral("SELECT state FROM sportello.outbox WHERE id = ?"));
    q.addBindValue(entry);
    REQUIRE(q.exec());
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace

TEST_CASE("Two agents opening the same thread at the same instant: exactly one holds it, every time", "[team][claims]")
{
    Team team;
    constexpr int kClients = 6;
    constexpr int kRounds = 400; // 2,400 claims racing in pairs of six
    for (int c = 0; c < kClients; ++c)
        team.add(QStringLiteral("agent%1").arg(c), QStringLiteral("Agent %1").arg(c), AgentRole::Agent);
    for (int r = 0; r < kRounds; ++r)
        team.post(QStringLiteral("x"), QStringLiteral("t%1").arg(r), QStringLiteral("p%1").arg(r), 1000 + r,
                  QStringLiteral("assistance"));

    std::vector<std::atomic<int>> winners(kRounds);
    std::vector<std::atomic<int>> losersToldTheWinner(kRounds);
    std::vector<QString> winnerOf(kRounds);
    std::vector<std::vector<QString>> heardOf(kRounds, std::vector<QString>(kClients));
    std::atomic<int> failures{0};
    std::barrier sync(kClients);
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            auto connection = TeamConnection::open(team.url.withUser(QStringLiteral("agent%1").arg(c)), kPassword);
            for (int r = 0; r < kRounds; ++r) {
                sync.arrive_and_wait(); // everyone claims round r together
                if (!connection) {
                    ++failures;
                    continue;
                }
                auto claim = claimThread((*connection)->db(), {QStringLiteral("x"), QStringLiteral("t%1").arg(r)},
                                         QStringLiteral("desk%1").arg(c));
                if (!claim) {
                    ++failures;
                    continue;
                }
                if (claim->mine) {
                    ++winners[r];
                    winnerOf[r] = claim->login;
                } else {
                    heardOf[r][c] = claim->login;
                }
            }
        });
    }
    for (auto &client : clients)
        client.join();
    REQUIRE(failures.load() == 0);
    int roundsWithOneWinner = 0;
    int losersTold = 0;
    for (int r = 0; r < kRounds; ++r) {
        if (winners[r].load() == 1)
            ++roundsWithOneWinner;
        for (int c = 0; c < kClients; ++c)
            if (!heardOf[r][c].isEmpty() && heardOf[r][c] == winnerOf[r])
                ++losersTold;
    }
    CHECK(roundsWithOneWinner == kRounds);
    // Every loser was told at once who holds it.
    CHECK(losersTold == kRounds * (kClients - 1));
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.claims")) == kRounds);
}

TEST_CASE("Next thread: many agents pulling at once never get the same thread, whatever the load", "[team][routing]")
{
    Team team;
    constexpr int kClients = 8;
    constexpr int kThreads = 600;
    AgentProfile roomy;
    roomy.capacity = 1000;
    for (int c = 0; c < kClients; ++c)
        team.add(QStringLiteral("agent%1").arg(c), QStringLiteral("Agent %1").arg(c), AgentRole::Agent, roomy);
    team.exec(QStringLiteral(
        "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, direction, "
        "visibility, created_at, text, category) SELECT 'x', 'p' || g, 't' || g, 'a' || g, 'inbound', 'public', "
        "1000 + g, 'text', 'assistance' FROM generate_series(1, %1) g")
                 .arg(kThreads));

    std::vector<std::vector<QString>> got(kClients);
    std::atomic<int> failures{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            auto connection = TeamConnection::open(team.url.withUser(QStringLiteral("agent%1").arg(c)), kPassword);
            if (!connection) {
                ++failures;
                return;
            }
            for (;;) {
                auto next = nextThread((*connection)->db(), QStringLiteral("desk%1").arg(c));
                if (!next) {
                    ++failures;
                    return;
                }
                if (next->outcome != NextThread::Outcome::Claimed)
                    return;
                got[c].push_back(next->thread.toString());
                // Every other thread is answered at once, the others stay claimed: a search whose
                // snapshot predates an answer must not hand the thread out again.
                if (got[c].size() % 2 == 0 &&
                    !decide((*connection)->db(), QUuid::createUuid().toString(QUuid::WithoutBraces),
                            next->thread.channel, next->thread.externalId, QStringLiteral("close")))
                    ++failures;
            }
        });
    }
    for (auto &client : clients)
        client.join();
    REQUIRE(failures.load() == 0);
    QSet<QString> distinct;
    int total = 0;
    for (const auto &list : got) {
        total += int(list.size());
        for (const QString &thread : list)
            distinct.insert(thread);
    }
    CHECK(total == kThreads);
    CHECK(distinct.size() == kThreads);
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.decisions WHERE state = 'held'")) == 0);
}

TEST_CASE("Next thread follows the team's order and each agent's capacity", "[team][routing]")
{
    Team team;
    AgentProfile two;
    two.capacity = 2;
    team.add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), AgentRole::Agent, two);
    auto marta = team.as(QStringLiteral("marta"));
    const qint64 base = nowMs() - 3600 * 1000;
    // A complaint (120 min target) waiting since base, a non-negative post (60 min) since base + 30
    // min: the non-negative one is due first (base + 90 min against base + 120 min), the complaint
    // waited longest.
    team.exec(QStringLiteral("INSERT INTO sportello.policies(name, definition, updated_at) VALUES ('p', "
                             "'{\"targets\":[{\"category\":\"complaint\",\"minutes\":120,\"clock\":\"calendar\"},"
                             "{\"category\":\"non_negative\",\"minutes\":60,\"clock\":\"calendar\"},"
                             "{\"category\":\"assistance\",\"minutes\":240,\"clock\":\"calendar\"}]}', 1)"));
    team.exec(QStringLiteral("INSERT INTO sportello.settings(key, value) VALUES ('active_policy', 'p') "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    team.post(QStringLiteral("x"), QStringLiteral("complaint"), QStringLiteral("c1"), base, QStringLiteral("complaint"));
    team.post(QStringLiteral("x"), QStringLiteral("praise"), QStringLiteral("n1"), base + 30 * 60000,
              QStringLiteral("non_negative"));
    team.post(QStringLiteral("x"), QStringLiteral("question"), QStringLiteral("a1"), base + 10 * 60000,
              QStringLiteral("assistance"));

    SECTION("most urgent first: the earliest due time under the active policy")
    {
        auto first = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(first.ok());
        REQUIRE(first->outcome == NextThread::Outcome::Claimed);
        CHECK(first->thread.externalId == QLatin1String("praise"));
        CHECK(first->dueAtMs == base + 90 * 60000);
        auto second = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(second.ok());
        CHECK(second->thread.externalId == QLatin1String("complaint"));
        // Two open claims: at capacity.
        auto third = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(third.ok());
        CHECK(third->outcome == NextThread::Outcome::AtCapacity);
        // Letting one go makes room.
        REQUIRE(releaseThread(marta->db(), {QStringLiteral("x"), QStringLiteral("praise")}).value());
        auto fourth = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(fourth.ok());
        REQUIRE(fourth->outcome == NextThread::Outcome::Claimed);
        // The released thread is the most urgent again.
        CHECK(fourth->thread.externalId == QLatin1String("praise"));
    }
    SECTION("longest waiting first, when the team chooses it")
    {
        RoutingConfig routing = *readRouting(team.admin->db());
        routing.order = RoutingOrder::LongestWaiting;
        REQUIRE(writeRouting(team.admin->db(), routing).ok());
        auto first = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(first.ok());
        CHECK(first->thread.externalId == QLatin1String("complaint"));
        auto second = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(second.ok());
        CHECK(second->thread.externalId == QLatin1String("question"));
    }
    SECTION("a changed policy moves the due times of waiting threads")
    {
        team.exec(QStringLiteral("UPDATE sportello.policies SET definition = "
                                 "'{\"targets\":[{\"category\":\"complaint\",\"minutes\":30,\"clock\":\"calendar\"},"
                                 "{\"category\":\"non_negative\",\"minutes\":60,\"clock\":\"calendar\"}]}'"));
        auto first = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(first.ok());
        CHECK(first->thread.externalId == QLatin1String("complaint"));
        CHECK(first->dueAtMs == base + 30 * 60000);
    }
    SECTION("a target for reviews of few stars does not stand for its category's target")
    {
        // Listed first, so that a routing that took it would rank every complaint by it.
        team.exec(QStringLiteral(
            "UPDATE sportello.policies SET definition = "
            "'{\"targets\":[{\"category\":\"complaint\",\"max_rating\":2,\"minutes\":5,\"clock\":\"calendar\"},"
            "{\"category\":\"complaint\",\"minutes\":120,\"clock\":\"calendar\"},"
            "{\"category\":\"non_negative\",\"minutes\":60,\"clock\":\"calendar\"},"
            "{\"category\":\"assistance\",\"minutes\":240,\"clock\":\"calendar\"}]}'"));
        CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.threads WHERE external_id = 'complaint' "
                                        "AND due_at = %1")
                             .arg(base + 120 * 60000)) == 1);
        auto first = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(first.ok());
        CHECK(first->thread.externalId == QLatin1String("praise"));
    }
    SECTION("a thread answered leaves the queue, and a new post from the customer brings it back")
    {
        REQUIRE(decide(marta->db(), QStringLiteral("d1"), QStringLiteral("x"), QStringLiteral("praise"),
                       QStringLiteral("reply_public"))
                    .ok());
        CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.threads WHERE status = 'waiting'")) == 2);
        team.post(QStringLiteral("x"), QStringLiteral("praise"), QStringLiteral("n2"), nowMs() + 1000,
                  QStringLiteral("non_negative"));
        CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.threads WHERE status = 'waiting'")) == 3);
    }
    SECTION("an empty queue says so")
    {
        team.exec(QStringLiteral("UPDATE sportello.threads SET status = 'answered', waiting_since = NULL"));
        auto next = nextThread(marta->db(), QStringLiteral("desk"));
        REQUIRE(next.ok());
        CHECK(next->outcome == NextThread::Outcome::NoneWaiting);
    }
}

TEST_CASE("The three organisations as routing presets: skills across departments, dedicated, in-house plus outside",
          "[team][routing]")
{
    Team team;
    AgentProfile claims;
    claims.department = QStringLiteral("claims office");
    AgentProfile care;
    care.department = QStringLiteral("customer care");
    AgentProfile marketing;
    marketing.department = QStringLiteral("marketing");
    AgentProfile outside;
    outside.scopeCategories = {QStringLiteral("assistance")};
    team.add(QStringLiteral("claims"), QStringLiteral("Claims Office"), AgentRole::Agent, claims);
    team.add(QStringLiteral("care"), QStringLiteral("Customer Care"), AgentRole::Agent, care);
    team.add(QStringLiteral("mkt"), QStringLiteral("Marketing"), AgentRole::Agent, marketing);
    team.add(QStringLiteral("ext"), QStringLiteral("Outsourcer"), AgentRole::External, outside);
    const qint64 base = nowMs() - 10 * 60000; // ten minutes ago
    team.post(QStringLiteral("x"), QStringLiteral("complaint"), QStringLiteral("c"), base, QStringLiteral("complaint"));
    team.post(QStringLiteral("x"), QStringLiteral("question"), QStringLiteral("q"), base + 1, QStringLiteral("assistance"));
    team.post(QStringLiteral("x"), QStringLiteral("praise"), QStringLiteral("p"), base + 2, QStringLiteral("non_negative"));
    RoutingConfig routing = *readRouting(team.admin->db());
    routing.order = RoutingOrder::LongestWaiting;

    const auto nextFor = [&](const QString &login) {
        auto connection = team.as(login);
        auto next = nextThread(connection->db(), QStringLiteral("desk"));
        INFO(next.error().toStdString());
        REQUIRE(next.ok());
        return next->outcome == NextThread::Outcome::Claimed ? next->thread.externalId : QStringLiteral("none");
    };

    SECTION("skills: complaints to the claims office, assistance to customer care, the rest to marketing")
    {
        REQUIRE(writeRouting(team.admin->db(), RoutingConfig::usingPreset(RoutingPreset::Skills, routing)).ok());
        CHECK(nextFor(QStringLiteral("mkt")) == QLatin1String("praise"));
        CHECK(nextFor(QStringLiteral("mkt")) == QLatin1String("none"));
        CHECK(nextFor(QStringLiteral("care")) == QLatin1String("question"));
        CHECK(nextFor(QStringLiteral("claims")) == QLatin1String("complaint"));
    }
    SECTION("skills: an agent's own skills come before the department's")
    {
        REQUIRE(writeRouting(team.admin->db(), RoutingConfig::usingPreset(RoutingPreset::Skills, routing)).ok());
        AgentProfile both = marketing;
        both.skillCategories = {QStringLiteral("complaint")};
        REQUIRE(setAgentProfile(team.admin->db(), QStringLiteral("mkt"), both).ok());
        CHECK(nextFor(QStringLiteral("mkt")) == QLatin1String("complaint"));
        CHECK(nextFor(QStringLiteral("mkt")) == QLatin1String("none"));
    }
    SECTION("dedicated: every in-house agent takes every thread, outside staff are not routed")
    {
        REQUIRE(writeRouting(team.admin->db(), RoutingConfig::usingPreset(RoutingPreset::Dedicated, routing)).ok());
        CHECK(nextFor(QStringLiteral("ext")) == QLatin1String("none"));
        CHECK(nextFor(QStringLiteral("mkt")) == QLatin1String("complaint"));
        CHECK(nextFor(QStringLiteral("mkt")) == QLatin1String("question"));
    }
    SECTION("mixed: outside staff first on their share, in-house agents once it waited the head start")
    {
        RoutingConfig mixed = RoutingConfig::usingPreset(RoutingPreset::Mixed, routing);
        mixed.externalFirstMinutes = 30;
        REQUIRE(writeRouting(team.admin->db(), mixed).ok());
        // In-house: the complaint and the praise (no external covers them), not the question yet.
        CHECK(nextFor(QStringLiteral("care")) == QLatin1String("complaint"));
        CHECK(nextFor(QStringLiteral("care")) == QLatin1String("praise"));
        CHECK(nextFor(QStringLiteral("care")) == QLatin1String("none"));
        CHECK(nextFor(QStringLiteral("ext")) == QLatin1String("question"));
    }
    SECTION("mixed: a thread outside staff left beyond the head start goes to in-house agents")
    {
        RoutingConfig mixed = RoutingConfig::usingPreset(RoutingPreset::Mixed, routing);
        mixed.externalFirstMinutes = 5;
        REQUIRE(writeRouting(team.admin->db(), mixed).ok());
        CHECK(nextFor(QStringLiteral("care")) == QLatin1String("complaint"));
        CHECK(nextFor(QStringLiteral("care")) == QLatin1String("question"));
    }
}

TEST_CASE("A claim is taken over only explicitly and audited, released by its holder or a supervisor, and a "
          "crashed desktop's claim expires by itself",
          "[team][claims]")
{
    Team team;
    team.add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), AgentRole::Agent);
    team.add(QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), AgentRole::Agent);
    team.add(QStringLiteral("sara"), QStringLiteral("Sara Neri"), AgentRole::Supervisor);
    team.post(QStringLiteral("x"), QStringLiteral("t1"), QStringLiteral("p1"), nowMs(), QStringLiteral("complaint"));
    const TeamThreadRef t1{QStringLiteral("x"), QStringLiteral("t1")};
    auto luca = team.as(QStringLiteral("luca"));
    auto sara = team.as(QStringLiteral("sara"));

    {
        auto marta = team.as(QStringLiteral("marta"));
        auto claim = claimThread(marta->db(), t1, QStringLiteral("marta-pc"));
        REQUIRE(claim.ok());
        CHECK(claim->mine);
        CHECK(claim->how == QLatin1String("opened"));
        // Renewing keeps the claim's start.
        auto renewed = claimThread(marta->db(), t1, QStringLiteral("marta-pc"));
        REQUIRE(renewed.ok());
        CHECK(renewed->claimedAtMs == claim->claimedAtMs);
        CHECK(renewed->untilMs >= claim->untilMs);
        CHECK(markTyping(marta->db(), t1).value());
    }
    auto refused = claimThread(luca->db(), t1, QStringLiteral("luca-pc"));
    REQUIRE(refused.ok());
    CHECK_FALSE(refused->mine);
    CHECK(refused->agentName == QLatin1String("Marta Verdi"));
    // Luca is not typing on a thread he does not hold.
    CHECK_FALSE(markTyping(luca->db(), t1).value());
    // Nor may he release Marta's claim.
    auto notHis = releaseThread(luca->db(), t1);
    CHECK_FALSE(notHis.ok());
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action LIKE 'claim%'")) == 0);

    auto taken = claimThread(luca->db(), t1, QStringLiteral("luca-pc"), true);
    REQUIRE(taken.ok());
    CHECK(taken->mine);
    CHECK(taken->how == QLatin1String("taken_over"));
    QSqlQuery audit(team.admin->db());
    REQUIRE(audit.exec(QStringLiteral("SELECT agent_login, details FROM sportello.audit_log "
                                      "WHERE action = 'claim_taken_over'")));
    REQUIRE(audit.next());
    CHECK(audit.value(0).toString() == QLatin1String("luca"));
    CHECK(QJsonDocument::fromJson(audit.value(1).toString().toUtf8())[QLatin1String("from_login")].toString() ==
          QLatin1String("marta"));

    // A supervisor releases a colleague's claim, audited with the reason; then assigns it.
    REQUIRE(releaseThread(sara->db(), t1, QStringLiteral("Luca went home")).value());
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'claim_released' "
                                    "AND details LIKE '%Luca went home%'")) == 1);
    REQUIRE(assignThread(sara->db(), t1, QStringLiteral("marta")).ok());
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.claims WHERE login = 'marta' AND how = "
                                    "'assigned'")) == 1);
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'claim_assigned'")) == 1);
    // An agent may not assign.
    CHECK_FALSE(assignThread(luca->db(), t1, QStringLiteral("luca")).ok());

    // Marta's desktop crashes holding her claim: nobody releases it, and it expires.
    REQUIRE(releaseThread(sara->db(), t1).ok());
    {
        auto marta = team.as(QStringLiteral("marta"));
        REQUIRE(claimThread(marta->db(), t1, QStringLiteral("marta-pc"))->mine);
    } // the connection is gone, the claim stays
    CHECK_FALSE(claimThread(luca->db(), t1, QStringLiteral("luca-pc"))->mine);
    // Its three minutes pass (moved on the server's clock, not waited for).
    team.exec(QStringLiteral("UPDATE sportello.claims SET until_at = until_at - %1").arg(kClaimTtlMs + 1000));
    auto afterExpiry = claimThread(luca->db(), t1, QStringLiteral("luca-pc"));
    REQUIRE(afterExpiry.ok());
    CHECK(afterExpiry->mine);
    CHECK(afterExpiry->how == QLatin1String("opened")); // not a take-over: nothing to audit
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'claim_taken_over'")) == 1);

    // Colleagues' replicas read what changed since their last look: Luca's claim is there.
    auto before = readClaimsSince(sara->db(), 0);
    REQUIRE(before.ok());
    REQUIRE(before->rows.size() == 1);
    CHECK(before->rows[0][QLatin1String("login")].toString() == QLatin1String("luca"));
    const qint64 lastLook = before->serverNowMs;

    // A decision accepted on the thread ends its claim: expired, so the next look sees the end.
    REQUIRE(decide(luca->db(), QStringLiteral("d1"), QStringLiteral("x"), QStringLiteral("t1"),
                   QStringLiteral("reply_private"))
                .ok());
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.claims WHERE until_at > "
                                    "(extract(epoch FROM clock_timestamp()) * 1000)::bigint")) == 0);
    auto after = readClaimsSince(sara->db(), lastLook - kClaimsOverlapMs);
    REQUIRE(after.ok());
    REQUIRE(after->rows.size() == 1);
    CHECK(qint64(after->rows[0][QLatin1String("until_at")].toDouble()) <= after->serverNowMs);
    // Nothing changed since: an empty answer (beyond the overlap).
    auto quiet = readClaimsSince(sara->db(), after->serverNowMs);
    REQUIRE(quiet.ok());
    CHECK(quiet->rows.isEmpty());
    // Claims are not in the feed: they would hold its lock through a durable commit each.
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.changes WHERE kind = 'claim'")) == 0);
}

TEST_CASE("An external login reads only its share, directly in SQL as with psql, and cannot act outside it",
          "[team][external]")
{
    Team team;
    AgentProfile share;
    share.scopeChannels = {QStringLiteral("x")};
    share.scopeCategories = {QStringLiteral("assistance")};
    team.add(QStringLiteral("ext"), QStringLiteral("Outsourcer One"), AgentRole::External, share);
    team.add(QStringLiteral("unscoped"), QStringLiteral("Outsourcer Two"), AgentRole::External);
    team.add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), AgentRole::Agent);
    auto marta = team.as(QStringLiteral("marta"));
    // In scope: x assistance. Outside: x complaint, facebook assistance.
    team.post(QStringLiteral("x"), QStringLiteral("in"), QStringLiteral("in-1"), nowMs(), QStringLiteral("assistance"));
    team.post(QStringLiteral("x"), QStringLiteral("in"), QStringLiteral("in-2"), nowMs() + 1, QStringLiteral("assistance"));
    team.post(QStringLiteral("x"), QStringLiteral("out"), QStringLiteral("out-1"), nowMs(), QStringLiteral("complaint"));
    team.post(QStringLiteral("facebook"), QStringLiteral("fb"), QStringLiteral("fb-1"), nowMs(),
              QStringLiteral("assistance"));
    team.exec(QStringLiteral("INSERT INTO sportello.accounts(id, channel, account_id, base_url, created_at) VALUES "
                             "('x:care', 'x', 'care', 'https://x', 1), ('facebook:page', 'facebook', 'page', "
                             "'https://fb', 1)"));
    for (const char *thread : {"in", "out", "fb"}) {
        const QString channel = QLatin1String(thread) == QLatin1String("fb") ? QStringLiteral("facebook")
                                                                              : QStringLiteral("x");
        REQUIRE(claimThread(marta->db(), {channel, QLatin1String(thread)}, QStringLiteral("m")).ok());
        REQUIRE(addNote(marta->db(), {channel, QLatin1String(thread)}, QStringLiteral("note on %1").arg(QLatin1String(thread)),
                        nowMs())
                    .ok());
        REQUIRE(releaseThread(marta->db(), {channel, QLatin1String(thread)}).ok());
        REQUIRE(decide(marta->db(), QStringLiteral("d-%1").arg(QLatin1String(thread)), channel, QLatin1String(thread),
                       QStringLiteral("reply_private"))
                    .ok());
    }
    team.exec(QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, "
                             "thread_external_id) VALUES ('a-none', 1, 'marta', 'Marta', 'settings_changed', NULL, "
                             "NULL), ('a-in', 1, 'marta', 'Marta', 'thread_opened', 'x', 'in'), "
                             "('a-out', 1, 'marta', 'Marta', 'thread_opened', 'x', 'out')"));

    // What psql shows the external login: every table the feed carries, and the feed itself.
    const QString script = QStringLiteral(
        "SELECT 'posts', count(*), string_agg(DISTINCT thread_external_id, ',') FROM sportello.posts;"
        "SELECT 'decisions', count(*), string_agg(DISTINCT thread_external_id, ',') FROM sportello.decisions;"
        "SELECT 'outbox', count(*), string_agg(DISTINCT decision_id, ',') FROM sportello.outbox;"
        "SELECT 'notes', count(*), string_agg(DISTINCT thread_external_id, ',') FROM sportello.notes;"
        "SELECT 'threads', count(*), string_agg(DISTINCT external_id, ',') FROM sportello.threads;"
        "SELECT 'audit', count(*), string_agg(DISTINCT coalesce(thread_external_id, '-'), ',') FROM sportello.audit_log;"
        "SELECT 'accounts', count(*), string_agg(id, ',') FROM sportello.accounts;"
        "SELECT 'agents', count(*), string_agg(login, ',') FROM sportello.agents;"
        "SELECT 'changes', count(*), string_agg(DISTINCT coalesce(row->>'thread_external_id', row->>'login', "
        "row->>'key', row->>'id', '?'), ',' ORDER BY coalesce(row->>'thread_external_id', row->>'login', "
        "row->>'key', row->>'id', '?')) FROM sportello.changes WHERE kind IN ('post', 'decision', 'note', 'claim', "
        "'outbox', 'audit', 'agent', 'account');");
    const auto psqlAs = [&](const QString &login) {
        QString output;
        QString error;
        const QString uri = QStringLiteral("postgresql://%1:%2@127.0.0.1:%3/team")
                                .arg(login, QString(kPassword).replace(QLatin1Char(' '), QStringLiteral("%20")))
                                .arg(team.server->port());
        const bool ran = sportello::test::runProgram(
            QStringLiteral("/usr/bin/psql"),
            {QStringLiteral("--no-psqlrc"), QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"),
             QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), uri, QStringLiteral("-c"),
             script},
            QString(), &output, &error);
        INFO(error.toStdString());
        INFO(output.toStdString());
        REQUIRE(ran);
        return output.trimmed().split(QLatin1Char('\n'));
    };
    const QStringList seen = psqlAs(QStringLiteral("ext"));
    INFO(seen.join(QLatin1Char('\n')).toStdString());
    CHECK(seen == QStringList{QStringLiteral("posts|2|in"), QStringLiteral("decisions|1|in"),
                              QStringLiteral("outbox|1|d-in"), QStringLiteral("notes|1|in"),
                              QStringLiteral("threads|1|in"), QStringLiteral("audit|1|in"),
                              QStringLiteral("accounts|1|x:care"), QStringLiteral("agents|1|ext"),
                              QStringLiteral("changes|9|ext,in,o-d-in,x:care")});
    // An external with no scope at all sees nothing of the team's work.
    const QStringList nothing = psqlAs(QStringLiteral("unscoped"));
    INFO(nothing.join(QLatin1Char('\n')).toStdString());
    CHECK(nothing == QStringList{QStringLiteral("posts|0|"), QStringLiteral("decisions|0|"), QStringLiteral("outbox|0|"),
                                 QStringLiteral("notes|0|"), QStringLiteral("threads|0|"), QStringLiteral("audit|0|"),
                                 QStringLiteral("accounts|0|"), QStringLiteral("agents|1|unscoped"),
                                 QStringLiteral("changes|2|unscoped")});
    // The same script as an in-house agent sees everything: the filter is the role, not the query.
    const QStringList everything = psqlAs(QStringLiteral("marta"));
    REQUIRE(everything.size() == 9);
    CHECK(everything[0] == QLatin1String("posts|4|fb,in,out"));

    // Claims, read as a replica reads them, are filtered the same way.
    auto ext = team.as(QStringLiteral("ext"));
    auto claims = readClaimsSince(ext->db(), 0);
    REQUIRE(claims.ok());
    REQUIRE(claims->rows.size() == 1);
    CHECK(claims->rows[0][QLatin1String("thread_external_id")].toString() == QLatin1String("in"));

    // Acting outside the share is refused by the database too.
    CHECK_FALSE(decide(ext->db(), QStringLiteral("e-out"), QStringLiteral("x"), QStringLiteral("out"),
                       QStringLiteral("reply_public"))
                    .ok());
    CHECK_FALSE(claimThread(ext->db(), {QStringLiteral("x"), QStringLiteral("out")}, QStringLiteral("e")).ok());
    CHECK_FALSE(addNote(ext->db(), {QStringLiteral("facebook"), QStringLiteral("fb")}, QStringLiteral("hi"), nowMs()).ok());
    // Nor may it change what the team shares.
    const Status settings = teamExec(ext->db(), QStringLiteral("UPDATE sportello.settings SET value = value"));
    CHECK(settings.failure().kind == ErrorKind::RefusedByPolicy);
    CHECK_FALSE(writeRouting(ext->db(), RoutingConfig{}).ok());
    // Inside it, it works.
    CHECK(claimThread(ext->db(), {QStringLiteral("x"), QStringLiteral("in")}, QStringLiteral("e"))->mine);
    CHECK(addNote(ext->db(), {QStringLiteral("x"), QStringLiteral("in")}, QStringLiteral("on it"), nowMs()).ok());
}

TEST_CASE("Approval of public replies: awaiting, sent back with a comment, edited, approved, every step audited",
          "[team][approval]")
{
    Team team;
    AgentProfile share;
    share.scopeChannels = {QStringLiteral("x")};
    team.add(QStringLiteral("ext"), QStringLiteral("Outsourcer One"), AgentRole::External, share);
    team.add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), AgentRole::Agent);
    team.add(QStringLiteral("sara"), QStringLiteral("Sara Neri"), AgentRole::Supervisor);
    auto ext = team.as(QStringLiteral("ext"));
    auto marta = team.as(QStringLiteral("marta"));
    auto sara = team.as(QStringLiteral("sara"));
    for (const char *thread : {"t1", "t2", "t3", "t4"})
        team.post(QStringLiteral("x"), QLatin1String(thread), QStringLiteral("p-%1").arg(QLatin1String(thread)), nowMs(),
                  QLatin1String(thread) == QLatin1String("t4") ? QStringLiteral("complaint")
                                                                : QStringLiteral("assistance"));

    // By default: an external's public reply waits; its private reply and an in-house reply do not.
    REQUIRE(decide(ext->db(), QStringLiteral("d1"), QStringLiteral("x"), QStringLiteral("t1"),
                   QStringLiteral("reply_public"), QStringLiteral("We wil call you"))
                .ok());
    REQUIRE(decide(ext->db(), QStringLiteral("d2"), QStringLiteral("x"), QStringLiteral("t2"),
                   QStringLiteral("reply_private"))
                .ok());
    REQUIRE(decide(marta->db(), QStringLiteral("d3"), QStringLiteral("x"), QStringLiteral("t3"),
                   QStringLiteral("reply_public"))
                .ok());
    CHECK(outboxState(team, QStringLiteral("o-d1")) == QLatin1String("awaiting_approval"));
    CHECK(outboxState(team, QStringLiteral("o-d2")) == QLatin1String("pending"));
    CHECK(outboxState(team, QStringLiteral("o-d3")) == QLatin1String("pending"));
    // The timer keeps running: the thread of the reply awaiting approval still waits, due as before.
    const QString waitingT1 = QStringLiteral("SELECT count(*) FROM sportello.threads WHERE external_id = 't1' "
                                             "AND status = 'waiting' AND due_at IS NOT NULL");
    CHECK(team.count(waitingT1) == 1);
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.threads WHERE external_id = 't2' "
                                    "AND status = 'answered'")) == 1);
    // The supervisor's queue: the reply, its author, the customer's post, its due time.
    auto queue = listRepliesForReview(sara->db());
    REQUIRE(queue.ok());
    REQUIRE(queue->size() == 1);
    CHECK(queue->at(0).entryId == QLatin1String("o-d1"));
    CHECK(queue->at(0).authorName == QLatin1String("Outsourcer One"));
    CHECK(queue->at(0).customerText == QLatin1String("text of p-t1"));
    CHECK(queue->at(0).dueAtMs > 0);

    // An agent may not approve, nor may the author approve their own.
    CHECK_FALSE(reviewReply(marta->db(), QStringLiteral("o-d1"), ReviewVerdict::Approve).ok());
    CHECK_FALSE(reviewReply(ext->db(), QStringLiteral("o-d1"), ReviewVerdict::Approve).ok());
    // Sending back needs a reason.
    CHECK_FALSE(reviewReply(sara->db(), QStringLiteral("o-d1"), ReviewVerdict::SendBack).ok());
    auto back = reviewReply(sara->db(), QStringLiteral("o-d1"), ReviewVerdict::SendBack, {},
                            QStringLiteral("Spelling, and give the claim line's hours"));
    REQUIRE(back.ok());
    CHECK(back->state == QLatin1String("sent_back"));
    // Not approvable while sent back; only its author resubmits.
    CHECK_FALSE(reviewReply(sara->db(), QStringLiteral("o-d1"), ReviewVerdict::Approve).ok());
    CHECK_FALSE(reviewReply(marta->db(), QStringLiteral("o-d1"), ReviewVerdict::Resubmit, QStringLiteral("x")).ok());
    auto again = reviewReply(ext->db(), QStringLiteral("o-d1"), ReviewVerdict::Resubmit,
                             QStringLiteral("We will call you, the claims line is open 9-18"));
    REQUIRE(again.ok());
    CHECK(again->state == QLatin1String("awaiting_approval"));
    // The supervisor edits and approves: the entry goes to the hub as edited.
    auto approved = reviewReply(sara->db(), QStringLiteral("o-d1"), ReviewVerdict::Approve,
                                QStringLiteral("We will call you today: the claims line is open 9-18."));
    REQUIRE(approved.ok());
    CHECK(approved->state == QLatin1String("pending"));
    CHECK(approved->text == QLatin1String("We will call you today: the claims line is open 9-18."));
    CHECK(outboxState(team, QStringLiteral("o-d1")) == QLatin1String("pending"));
    // Approved, the reply answers its thread.
    CHECK(team.count(waitingT1) == 0);

    QSqlQuery audit(team.admin->db());
    // In the order they were written (the feed's), not by time alone: two steps may share a millisecond.
    REQUIRE(audit.exec(QStringLiteral("SELECT a.action, a.agent_login, a.details FROM sportello.audit_log a "
                                      "JOIN sportello.changes c ON c.kind = 'audit' AND c.row ->> 'id' = a.id "
                                      "WHERE a.decision_id = 'd1' ORDER BY c.seq")));
    QStringList steps;
    while (audit.next())
        steps << audit.value(0).toString() + QLatin1Char(' ') + audit.value(1).toString();
    CHECK(steps == QStringList{QStringLiteral("reply_sent_back sara"), QStringLiteral("reply_resubmitted ext"),
                               QStringLiteral("reply_approved sara")});

    // A team that requires approval of everyone's complaints.
    ApprovalRule rule;
    rule.roles = {QStringLiteral("agent"), QStringLiteral("external")};
    rule.categories = {QStringLiteral("complaint")};
    REQUIRE(writeApprovalRule(team.admin->db(), rule).ok());
    REQUIRE(decide(marta->db(), QStringLiteral("d4"), QStringLiteral("x"), QStringLiteral("t4"),
                   QStringLiteral("reply_public"))
                .ok());
    CHECK(outboxState(team, QStringLiteral("o-d4")) == QLatin1String("awaiting_approval"));
    // Sorted by time left: a complaint due sooner than an assistance question waits first.
    REQUIRE(decide(ext->db(), QStringLiteral("d5"), QStringLiteral("x"), QStringLiteral("t2b"),
                   QStringLiteral("reply_public"))
                .ok() == false); // no such thread in the team: refused by scope
    auto ordered = listRepliesForReview(sara->db());
    REQUIRE(ordered.ok());
    REQUIRE(ordered->size() == 1);
    // The board counts what waits.
    auto board = readBoard(sara->db());
    REQUIRE(board.ok());
    CHECK(board->awaitingApproval == 1);
}

TEST_CASE("Notes stay inside the team: never in the outbox, mentions read by the database", "[team][notes]")
{
    Team team;
    team.add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), AgentRole::Agent);
    team.add(QStringLiteral("luca.b"), QStringLiteral("Luca Bianchi"), AgentRole::Agent);
    team.post(QStringLiteral("x"), QStringLiteral("t1"), QStringLiteral("p1"), nowMs(), QStringLiteral("complaint"));
    auto marta = team.as(QStringLiteral("marta"));
    const TeamThreadRef t1{QStringLiteral("x"), QStringLiteral("t1")};

    auto note = addNote(marta->db(), t1, QStringLiteral("@luca.b can you check the policy? cc @MARTA, not @nobody, "
                                                        "not mail@luca.b"),
                        nowMs());
    INFO(note.error().toStdString());
    REQUIRE(note.ok());
    CHECK(note->mentions == QStringList{QStringLiteral("luca.b"), QStringLiteral("marta")});
    // The same note pushed again (a desktop retrying) is one note.
    auto again = addNote(marta->db(), t1, QStringLiteral("@luca.b can you check the policy?"), nowMs(), note->id);
    REQUIRE(again.ok());
    CHECK(again->mentions == note->mentions);
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.notes")) == 1);
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.outbox")) == 0);
    // The author is the login, whatever the desktop says.
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.notes WHERE author_login = 'marta' AND "
                                    "author_name = 'Marta Verdi'")) == 1);
    CHECK_FALSE(addNote(marta->db(), t1, QStringLiteral("   "), nowMs()).ok());
    // A note on a thread the team does not hold (a typo in a script) is refused, not orphaned.
    CHECK_FALSE(addNote(marta->db(), {QStringLiteral("x"), QStringLiteral("no-such-thread")}, QStringLiteral("hi"),
                        nowMs())
                    .ok());
    // Notes reach colleagues through the feed.
    CHECK(team.count(QStringLiteral("SELECT count(*) FROM sportello.changes WHERE kind = 'note'")) == 1);
}

TEST_CASE("The board: who is online, what each holds, the queue by category and department", "[team][board]")
{
    Team team;
    AgentProfile care;
    care.department = QStringLiteral("customer care");
    team.add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), AgentRole::Agent, care);
    team.add(QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), AgentRole::Agent);
    team.add(QStringLiteral("sara"), QStringLiteral("Sara Neri"), AgentRole::Supervisor);
    REQUIRE(writeRouting(team.admin->db(), RoutingConfig::usingPreset(RoutingPreset::Skills, RoutingConfig{})).ok());
    team.post(QStringLiteral("x"), QStringLiteral("q1"), QStringLiteral("q1"), nowMs() - 5 * 3600000,
              QStringLiteral("assistance"));
    team.post(QStringLiteral("x"), QStringLiteral("q2"), QStringLiteral("q2"), nowMs(), QStringLiteral("assistance"));
    team.post(QStringLiteral("x"), QStringLiteral("c1"), QStringLiteral("c1"), nowMs(), QStringLiteral("complaint"));
    auto marta = team.as(QStringLiteral("marta"));
    REQUIRE(heartbeat(marta->db(), QStringLiteral("marta-pc")).ok());
    REQUIRE(claimThread(marta->db(), {QStringLiteral("x"), QStringLiteral("q2")}, QStringLiteral("marta-pc")).ok());
    REQUIRE(markTyping(marta->db(), {QStringLiteral("x"), QStringLiteral("q2")}).value());

    auto board = readBoard(team.as(QStringLiteral("sara"))->db());
    REQUIRE(board.ok());
    REQUIRE(board->agents.size() == 3);
    const BoardAgent &first = board->agents[0]; // by name: Luca, Marta, Sara
    CHECK(first.login == QLatin1String("luca"));
    CHECK_FALSE(first.online);
    const BoardAgent &m = board->agents[1];
    CHECK(m.online);
    REQUIRE(m.holding.size() == 1);
    CHECK(m.holding[0].thread.externalId == QLatin1String("q2"));
    CHECK(m.holding[0].typing);
    REQUIRE(board->byCategory.size() == 2);
    CHECK(board->byCategory[0].group == QLatin1String("assistance"));
    CHECK(board->byCategory[0].waiting == 2);
    CHECK(board->byCategory[0].unclaimed == 1);
    CHECK(board->byCategory[0].overdue == 1); // five hours is past the default hour
    bool foundCare = false;
    for (const BoardQueue &queue : board->byDepartment) {
        if (queue.group != QLatin1String("customer care"))
            continue;
        foundCare = true;
        CHECK(queue.waiting == 2);
    }
    CHECK(foundCare);
}

TEST_CASE("The board lists the guard's overrides for supervisors only", "[team][board][guard]")
{
    Team team;
    team.add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), AgentRole::Agent);
    team.add(QStringLiteral("sara"), QStringLiteral("Sara Neri"), AgentRole::Supervisor);
    team.post(QStringLiteral("x"), QStringLiteral("t1"), QStringLiteral("p1"), nowMs(), QStringLiteral("assistance"));
    auto marta = team.as(QStringLiteral("marta"));
    // What a desktop pushes when its agent overrides the guard (TeamPush: the cache's audit row).
    QSqlQuery push(marta->db());
    REQUIRE(push.prepare(QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, "
                                        "thread_external_id, details) VALUES (?, ?, 'marta', 'Marta Verdi', ?, 'x', "
                                        "'t1', ?)")));
    const qint64 at = 1772438400000;
    for (const auto &[id, action, details] :
         {std::tuple{"o1", "guard_overridden",
                     R"({"decision":"reply_public","kinds":["phone","plate"],"reason":"office number"})"},
          std::tuple{"o2", "guard_refused", R"({"decision":"reply_public","kinds":["phone"]})"}}) {
        push.addBindValue(QString::fromLatin1(id));
        push.addBindValue(at);
        push.addBindValue(QString::fromLatin1(action));
        push.addBindValue(QString::fromLatin1(details));
        INFO(push.lastError().text().toStdString());
        REQUIRE(push.exec());
    }

    auto board = readBoard(team.as(QStringLiteral("sara"))->db());
    REQUIRE(board.ok());
    CHECK(board->seesGuardOverrides);
    REQUIRE(board->guardOverrides.size() == 1);
    const GuardOverrideEntry &o = board->guardOverrides[0];
    CHECK(o.atMs == at);
    CHECK(o.agentName == QLatin1String("Marta Verdi"));
    CHECK(o.channel == QLatin1String("x"));
    CHECK(o.thread == QLatin1String("t1"));
    CHECK(o.kinds == QStringList{QStringLiteral("phone"), QStringLiteral("plate")});
    CHECK(o.reason == QLatin1String("office number"));
    CHECK(team::readGuardOverrides(team.as(QStringLiteral("sara"))->db(), at + 1)->isEmpty());

    // An agent reads the board without them, and is refused the list.
    auto agentsBoard = readBoard(marta->db());
    REQUIRE(agentsBoard.ok());
    CHECK_FALSE(agentsBoard->seesGuardOverrides);
    CHECK(agentsBoard->guardOverrides.isEmpty());
    CHECK(team::readGuardOverrides(marta->db(), 0).errorKind() == ErrorKind::RefusedByPolicy);

    // A reply awaiting approval carries its author's override, for the supervisor who reviews it.
    ApprovalRule rule;
    rule.roles = {QStringLiteral("agent")};
    REQUIRE(writeApprovalRule(team.admin->db(), rule).ok());
    REQUIRE(decide(marta->db(), QStringLiteral("d1"), QStringLiteral("x"), QStringLiteral("t1"),
                   QStringLiteral("reply_public"), QStringLiteral("Il nostro ufficio: 06 4567 8901"))
                .ok());
    CHECK(outboxState(team, QStringLiteral("o-d1")) == QLatin1String("awaiting_approval"));
    QSqlQuery overridden(marta->db());
    REQUIRE(overridden.exec(
        QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, "
                       "thread_external_id, decision_id, details) VALUES ('o3', 1772438400001, 'marta', 'Marta Verdi', "
                       "'guard_overridden', 'x', 't1', 'd1', "
                       "'{\"decision\":\"reply_public\",\"kinds\":[\"phone\"],\"reason\":\"office\"}')")));
    auto review = listRepliesForReview(team.as(QStringLiteral("sara"))->db());
    REQUIRE(review.ok());
    REQUIRE(review->size() == 1);
    CHECK(review->at(0).overriddenKinds == QStringList{QStringLiteral("phone")});
    CHECK(review->at(0).overrideReason == QLatin1String("office"));
}
