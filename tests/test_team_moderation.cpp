// Comment moderation in team mode against a real PostgreSQL 15 (PgServer) and a local Graph server
// replaying ../shared/data/meta_graph_comment_moderation: a desktop records a request after the
// alone-mode checks, the push takes it up (repeat-safe), the hub performs it through the same
// CommentModerator once (two hubs, two passes, a claim taken in between), the feed brings the
// outcome to the replicas (the comment hidden, or the platform's refusal explained), and a claim
// left by a hub that stopped is settled as unknown, never sent again blind.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "outbox/Moderation.h"
#include "storage/Database.h"
#include "ingest/Ingestor.h"
#include "sync/Connector.h"
#include "team/Hub.h"
#include "team/HubModeration.h"
#include "team/HubUpload.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamLeases.h"
#include "team/TeamModeration.h"
#include "team/TeamReplica.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <memory>
#include <optional>

using namespace sportello;
using namespace sportello::outbox;
using namespace sportello::team;
using namespace sportello::test;

namespace {

const QString kPage = QStringLiteral("1234567890321");
const QString kPost = QStringLiteral("1234567890321_901097836652708");
const QString kComment = QStringLiteral("901097836652708_900744590021366");
const QString kOtherComment = QStringLiteral("901097836652708_900744590021399");
const QString kAnswer = QStringLiteral("1234567890321_901097836652708_answer");
const QString kMessageThread = QStringLiteral("t_mid.1457764197618:41d102a3e1ae206a38");
const QString kMessage = QStringLiteral("m_mid.1457764197618:41d102a3e1ae206a38");
const QString kToken = QStringLiteral("EAAGteamModerationSECRET0123");
const QString kHubPassword = QStringLiteral("hub-password-0123456789");
const QString kMartaPassword = QStringLiteral("marta-password-1");
const QString kGraphPath = QStringLiteral("/v19.0/") + kComment;

bool exec(Database &db, const QString &statement)
{
    QSqlQuery q(db.connection());
    const bool ran = q.exec(statement);
    INFO(q.lastError().text().toStdString());
    CHECK(ran);
    return ran;
}

QString moderationBody(const QString &name)
{
    return sharedDataDir() + QStringLiteral("/meta_graph_comment_moderation/") + name;
}

// The page's post, a customer's comment (with personal data), another customer's comment, the
// page's own answer, and a private message: what a hub's connectors would have stored.
void fillPage(Database &db)
{
    const qint64 t = utcMs("2026-11-30T09:00:00Z");
    PostRecord root = outboundPost(kPost, kPost, t, QStringLiteral("Nuova polizza casa"));
    root.author.externalId = kPage;
    PostRecord customer = inboundPost(kPost, kComment, t + 60'000,
                                      QStringLiteral("Il mio codice fiscale è RSSMRA85T10A562S, chiamatemi"));
    customer.inReplyTo = kPost;
    PostRecord other = inboundPost(kPost, kOtherComment, t + 90'000, QStringLiteral("Anche io aspetto"));
    other.inReplyTo = kPost;
    other.author.externalId = QStringLiteral("customer-2");
    PostRecord answer = outboundPost(kPost, kAnswer, t + 120'000, QStringLiteral("Le scriviamo in privato"));
    answer.inReplyTo = kComment;
    answer.author.externalId = kPage;
    PostRecord message = inboundPost(kMessageThread, kMessage, t + 180'000, QStringLiteral("Salve, in privato"));
    message.visibility = Visibility::Private;
    message.inReplyTo = kMessageThread;
    ingest(db, {root, customer, other, answer, message});
}

struct Team {
    std::unique_ptr<PgServer> server;
    TeamUrl url;
    std::unique_ptr<TeamConnection> admin;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        url = *TeamUrl::parse(server->url(QStringLiteral("team")));
        auto opened = TeamConnection::open(url, server->superuserPassword());
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        admin = std::move(opened).value();
        auto init = initTeamSchema(admin->db());
        INFO(init.error().toStdString());
        REQUIRE(init.ok());
        const struct {
            const char *login;
            const char *name;
            AgentRole role;
            QString password;
        } logins[] = {{"hub1", "Hub one", AgentRole::Hub, kHubPassword},
                      {"hub2", "Hub two", AgentRole::Hub, kHubPassword},
                      {"marta", "Marta Rossi", AgentRole::Agent, kMartaPassword},
                      {"esterno", "Perito esterno", AgentRole::External, kMartaPassword}};
        for (const auto &l : logins) {
            TeamAgent agent{QLatin1String(l.login), QLatin1String(l.name), l.role};
            const Status added = addAgent(admin->db(), agent, l.password, 1000);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
    }

    std::unique_ptr<TeamConnection> login(const char *name, const QString &password) const
    {
        auto opened = TeamConnection::open(url.withUser(QLatin1String(name)), password);
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        return std::move(opened).value();
    }

    QVariant value(const QString &statement) const
    {
        QSqlQuery q(admin->db());
        INFO(statement.toStdString());
        REQUIRE(q.exec(statement));
        REQUIRE(q.next());
        return q.value(0);
    }
    void exec(const QString &statement) const
    {
        const Status s = teamExec(admin->db(), statement);
        INFO(statement.toStdString() << ": " << s.error().toStdString());
        REQUIRE(s.ok());
    }
    int requests() const { return value(QStringLiteral("SELECT count(*) FROM sportello.moderation_requests")).toInt(); }
};

// One hub: its cache (account, token, the page's posts), its team login, lease and moderation.
struct HubSide {
    TempCache cache;
    std::unique_ptr<TeamConnection> connection;
    std::unique_ptr<TeamLeases> leases;
    std::unique_ptr<HubModeration> moderation;
    QString leaseName = accountLeaseName(Channel::Facebook, kPage);

    HubSide(const Team &team, const char *login, const QString &owner, LocalHttpServer &graph,
        QNetworkAccessManager &nam, accounts::MemoryTokenStore &tokens, const Clock &clock, qint64 leaseTtlMs)
    {
        REQUIRE(accounts::AccountStore(*cache.db)
                    .add(Channel::Facebook, kPage, QStringLiteral("http://127.0.0.1:%1").arg(graph.port()), QString(),
                         0)
                    .ok());
        REQUIRE(tokens.write(accounts::accountTokenKey(Channel::Facebook, kPage), kToken).ok());
        fillPage(*cache.db);
        connection = team.login(login, kHubPassword);
        leases = std::make_unique<TeamLeases>(connection->db(), owner);
        moderation = std::make_unique<HubModeration>(*cache.db, connection->db(), *leases, &nam, tokens, clock,
                                                     leaseTtlMs);
        moderation->moderator().setTimeoutMs(3000);
        net::RetryPolicy quick;
        quick.maxAttempts = 1;
        moderation->moderator().setRetryPolicy(quick);
    }

    bool takeLease(qint64 ttlMs = 60'000) { return leases->acquire(leaseName, ttlMs).value(); }

    ModerationRoundSummary run()
    {
        std::optional<ModerationRoundSummary> result;
        moderation->run({leaseName}, [&](const ModerationRoundSummary &s) { result = s; });
        REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 15'000));
        INFO(result->errors.join(QLatin1Char('\n')).toStdString());
        CHECK(result->errors.isEmpty());
        return *result;
    }
};

struct Desktop {
    TempCache cache;
    SystemClock clock;
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<TeamReplica> replica;

    Desktop(const Team &team, const QString &login, const QString &password, const QString &passwordEnv = {})
    {
        auto joined = TeamReplica::join(*cache.db, team.url, login, passwordEnv, password, clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(passwordKey(joined->url), password).ok());
        replica = std::make_unique<TeamReplica>(*cache.db, clock, &keychain);
    }
    SyncReport sync() const
    {
        auto report = replica->syncOnce();
        INFO(report.error().toStdString());
        REQUIRE(report.ok());
        INFO(report->errors.join(QLatin1Char('\n')).toStdString());
        REQUIRE(report->ok());
        return *report;
    }
    qint64 post(const QString &externalId) const
    {
        return scalar(*cache.db, QStringLiteral("SELECT id FROM posts WHERE external_id = '%1'").arg(externalId))
            .toLongLong();
    }
    Result<QString> request(const QString &externalId, ModerationAction action = ModerationAction::Hide,
                            ModerationReason reason = ModerationReason::PersonalData, const QString &note = {}) const
    {
        auto target = readModerationTarget(*cache.db, post(externalId));
        INFO(target.error().toStdString());
        REQUIRE(target.ok());
        ModerationRequest request;
        request.target = *target;
        request.action = action;
        request.reason = reason;
        request.note = note;
        request.agent = Agent{QStringLiteral("marta"), QStringLiteral("Marta R.")};
        return requestModerationThroughHub(*cache.db, request, clock.nowMs());
    }
    int hidden(const QString &externalId) const
    {
        return scalar(*cache.db,
                      QStringLiteral("SELECT coalesce((SELECT is_hidden FROM post_moderation WHERE post_id = %1), 0)")
                          .arg(post(externalId)))
            .toInt();
    }
    TeamModerationRequest latest(const QString &externalId) const
    {
        auto found = latestModerationRequest(*cache.db, Channel::Facebook, externalId);
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        return **found;
    }
};

struct Fixture {
    Team team;
    LocalHttpServer graph;
    QNetworkAccessManager nam;
    SystemClock clock;
    accounts::MemoryTokenStore tokens;
    std::unique_ptr<HubSide> one;
    std::unique_ptr<Desktop> marta;

    Fixture()
    {
        REQUIRE(graph.listening());
        one = std::make_unique<HubSide>(team, "hub1", QStringLiteral("hub-one"), graph, nam, tokens, clock, 60'000);
        // The hub's posts reach the team, then the desktop.
        auto uploaded = HubUpload(*one->cache.db, one->connection->db()).uploadPosts();
        INFO(uploaded.error().toStdString());
        REQUIRE(uploaded.ok());
        marta = std::make_unique<Desktop>(team, QStringLiteral("marta"), kMartaPassword);
        marta->sync();
        REQUIRE(marta->post(kComment) != 0);
    }

    int graphPosts(const QString &path = kGraphPath) const
    {
        int n = 0;
        for (const ReceivedRequest &r : graph.requests())
            n += r.method == "POST" && r.path == path ? 1 : 0;
        return n;
    }
};

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

// sportello-cli on the desktop's cache; the hub passes run here while it waits (the local Graph
// server answers from this process's event loop too).
CliResult runCli(const QStringList &arguments, const QString &cache, HubSide *hub = nullptr)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    environment.insert(QStringLiteral("SPORTELLO_TEST_TEAM_PASSWORD"), kMartaPassword);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH),
                  QStringList{QStringLiteral("--database"), cache, QStringLiteral("moderate")} + arguments);
    REQUIRE(process.waitForStarted(30000));
    REQUIRE(QTest::qWaitFor(
        [&] {
            if (hub)
                hub->run();
            return process.state() == QProcess::NotRunning;
        },
        60000));
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

TEST_CASE("a desktop's hide request goes up once, the hub performs it once, the replica shows the comment hidden",
          "[team][moderation]")
{
    Fixture f;
    auto id = f.marta->request(kComment);
    INFO(id.error().toStdString());
    REQUIRE(id.ok());
    CHECK(f.marta->latest(kComment).state == QLatin1String("pending"));
    CHECK(f.marta->latest(kComment).teamState == QLatin1String("to_push"));
    // Recorded only: nothing reached the platform from the desktop, nor the comment's state.
    CHECK(f.marta->hidden(kComment) == 0);

    const SyncReport pushed = f.marta->sync();
    CHECK(pushed.push.moderation == 1);
    CHECK(f.team.requests() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT requested_by || '|' || agent_name || '|' || state || '|' || action "
                                      "FROM sportello.moderation_requests"))
              .toString() == QStringLiteral("marta|Marta Rossi|pending|hide"));
    CHECK(f.marta->latest(kComment).teamState == QLatin1String("pushed"));
    CHECK(describeModerationState(f.marta->latest(kComment)).contains(QLatin1String("hub")));

    // A repeated push (a crash between the team's commit and the local mark) changes nothing.
    REQUIRE(exec(*f.marta->cache.db, QStringLiteral("UPDATE moderation_requests SET team_state = 'to_push'")));
    f.marta->sync();
    CHECK(f.team.requests() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT count(*) FROM sportello.changes WHERE kind = 'moderation'")).toInt() ==
          1);

    // Two hubs: the second one does not hold the account's lease and asks nothing.
    HubSide two(f.team, "hub2", QStringLiteral("hub-two"), f.graph, f.nam, f.tokens, f.clock, 60'000);
    REQUIRE(f.one->takeLease());
    CHECK_FALSE(two.takeLease());
    f.graph.enqueue(kGraphPath,
                    CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    const ModerationRoundSummary skipped = two.run();
    CHECK(skipped.leftAlone == 1);
    CHECK(f.graphPosts() == 0);

    std::optional<ModerationRoundSummary> result;
    f.one->moderation->run({f.one->leaseName}, [&](const ModerationRoundSummary &r) { result = r; });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 15'000));
    const ModerationRoundSummary performed = *result;
    CHECK(performed.done == 1);
    REQUIRE(f.graphPosts() == 1);
    CHECK(f.graph.requests().first().body == "is_hidden=true");
    CHECK(f.graph.requests().first().header("authorization") == "Bearer " + kToken.toUtf8());
    CHECK(f.team.value(QStringLiteral("SELECT state || '|' || hub_id || '|' || (settled_at IS NOT NULL) FROM "
                                      "sportello.moderation_requests"))
              .toString() == QStringLiteral("done|hub-one|true"));
    // The hub's audit and state are the alone-mode ones, in the name of the agent who asked.
    CHECK(scalar(*f.one->cache.db, QStringLiteral("SELECT agent_name || '|' || json_extract(details, '$.reason') FROM "
                                                  "audit_log WHERE action = 'comment_hidden'"))
              .toString() == QStringLiteral("Marta Rossi|personal_data"));

    // A second pass, and the other hub once it serves the account: no second request.
    CHECK(f.one->run().done == 0);
    REQUIRE(f.one->leases->releaseAll().ok());
    REQUIRE(two.takeLease());
    CHECK(two.run().done == 0);
    CHECK(f.graphPosts() == 1);

    // The replica learns the outcome from the feed: the comment shows hidden.
    f.marta->sync();
    CHECK(f.marta->hidden(kComment) == 1);
    const TeamModerationRequest settled = f.marta->latest(kComment);
    CHECK(settled.state == QLatin1String("done"));
    CHECK(settled.requestedBy == QLatin1String("marta"));
    CHECK(settled.hubId == QLatin1String("hub-one"));
    // Hidden now: hiding it again is refused on the desktop, and unhiding is a new request.
    auto again = f.marta->request(kComment);
    CHECK(again.errorKind() == ErrorKind::Conflict);
    auto unhide = f.marta->request(kComment, ModerationAction::Unhide, ModerationReason::Other,
                                   QStringLiteral("nascosto per errore"));
    INFO(unhide.error().toStdString());
    CHECK(unhide.ok());
}

TEST_CASE("a refusal by the platform comes back to the desktop as failed, with its explanation",
          "[team][moderation]")
{
    Fixture f;
    REQUIRE(f.marta->request(kComment).ok());
    f.marta->sync();
    REQUIRE(f.one->takeLease());
    f.graph.enqueue(kGraphPath,
                    CannedResponse::jsonFile(
                        403, moderationBody(QStringLiteral("error_code200_requires_pages_manage_engagement_"
                                                           "RECONSTRUCTED.json"))));
    const ModerationRoundSummary s = f.one->run();
    CHECK(s.failed == 1);
    CHECK(f.graphPosts() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT state FROM sportello.moderation_requests")).toString() ==
          QLatin1String("failed"));
    f.marta->sync();
    CHECK(f.marta->hidden(kComment) == 0);
    const TeamModerationRequest failed = f.marta->latest(kComment);
    CHECK(failed.state == QLatin1String("failed"));
    // Moderation's own words: the permission to grant.
    CHECK(failed.explanation.contains(QLatin1String("pages_manage_engagement")));
    CHECK(describeModerationState(failed).contains(failed.explanation));
    // Settled: asking again is a new request, not a retry the hub made by itself.
    CHECK(f.one->run().failed == 0);
    CHECK(f.graphPosts() == 1);
    CHECK(f.marta->request(kComment).ok());
}

TEST_CASE("what needs no request is refused on the desktop, and nothing goes up", "[team][moderation]")
{
    Fixture f;
    // The page's own answer, a private message, the post itself.
    for (const QString &post : {kAnswer, kMessage, kPost}) {
        INFO(post.toStdString());
        auto refused = f.marta->request(post);
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
    }
    // The platform said it cannot be hidden.
    REQUIRE(exec(*f.marta->cache.db,
                 QStringLiteral("INSERT INTO post_moderation(post_id, is_hidden, can_hide) VALUES (%1, 0, 0)")
                     .arg(f.marta->post(kOtherComment))));
    CHECK(f.marta->request(kOtherComment).errorKind() == ErrorKind::RefusedByPolicy);
    // Not hidden: nothing to unhide.
    CHECK(f.marta->request(kComment, ModerationAction::Unhide).errorKind() == ErrorKind::Conflict);
    // "other" without a note.
    CHECK(f.marta->request(kComment, ModerationAction::Hide, ModerationReason::Other).errorKind() ==
          ErrorKind::InvalidInput);
    // One open request per comment.
    REQUIRE(f.marta->request(kComment).ok());
    CHECK(f.marta->request(kComment).errorKind() == ErrorKind::Conflict);
    CHECK(scalar(*f.marta->cache.db, QStringLiteral("SELECT count(*) FROM moderation_requests")).toInt() == 1);
    f.marta->sync();
    CHECK(f.team.requests() == 1);
    CHECK(f.graphPosts() == 0);
}

TEST_CASE("a request another hub claimed in the meantime is not asked twice", "[team][moderation][exactly-once]")
{
    Fixture f;
    REQUIRE(f.marta->request(kComment).ok());
    REQUIRE(f.marta->request(kOtherComment, ModerationAction::Hide, ModerationReason::Spam).ok());
    // Asked a second later: the hub takes the oldest first, and the two may share a millisecond.
    REQUIRE(exec(*f.marta->cache.db, QStringLiteral("UPDATE moderation_requests SET requested_at = requested_at + "
                                                    "1000 WHERE comment_id = '%1'")
                                         .arg(kOtherComment)));
    f.marta->sync();
    REQUIRE(f.team.requests() == 2);
    REQUIRE(f.one->takeLease());
    // While the hub waits for the first answer, another hub (after a takeover) claims the second
    // request, which this hub has already read as pending.
    f.graph.setHandler(kGraphPath, [&f](const ReceivedRequest &) {
        f.team.exec(QStringLiteral("UPDATE sportello.moderation_requests SET state = 'in_progress', hub_id = "
                                   "'hub-two', claimed_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint "
                                   "WHERE comment_id = '%1'")
                        .arg(kOtherComment));
        return CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json")));
    });
    const ModerationRoundSummary s = f.one->run();
    CHECK(s.done == 1);
    CHECK(s.leftAlone == 1);
    CHECK(f.graphPosts() == 1);
    CHECK(f.graphPosts(QStringLiteral("/v19.0/") + kOtherComment) == 0);
    CHECK(f.team.value(QStringLiteral("SELECT hub_id FROM sportello.moderation_requests WHERE comment_id = '%1'")
                           .arg(kOtherComment))
              .toString() == QLatin1String("hub-two"));
}

TEST_CASE("a claim left by a hub that stopped is settled as unknown, never asked again blind",
          "[team][moderation][exactly-once]")
{
    Fixture f;
    REQUIRE(f.marta->request(kComment).ok());
    f.marta->sync();
    // hub-dead claimed it ten minutes ago and never came back.
    f.team.exec(QStringLiteral("UPDATE sportello.moderation_requests SET state = 'in_progress', hub_id = 'hub-dead', "
                               "claimed_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 600000"));
    REQUIRE(f.one->takeLease());
    const ModerationRoundSummary s = f.one->run();
    CHECK(s.unknown == 1);
    CHECK(s.done == 0);
    CHECK(f.graphPosts() == 0);
    f.marta->sync();
    const TeamModerationRequest settled = f.marta->latest(kComment);
    CHECK(settled.state == QLatin1String("failed"));
    CHECK(settled.explanation.contains(QLatin1String("not known")));

    // A fresh claim of a live hub is left to it.
    REQUIRE(f.marta->request(kComment).ok());
    f.marta->sync();
    f.team.exec(QStringLiteral("UPDATE sportello.moderation_requests SET state = 'in_progress', hub_id = 'hub-two', "
                               "claimed_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint WHERE state = "
                               "'pending'"));
    CHECK(f.one->run().unknown == 0);
    CHECK(f.team.value(QStringLiteral("SELECT count(*) FROM sportello.moderation_requests WHERE state = "
                                      "'in_progress'"))
              .toInt() == 1);
}

TEST_CASE("who may ask: agents for themselves, not an external login nor a hub", "[team][moderation]")
{
    Fixture f;
    const QString insert = QStringLiteral("INSERT INTO sportello.moderation_requests(id, channel, comment_id, "
                                          "thread_external_id, action, reason, agent_name, requested_at) VALUES "
                                          "('%1', 'facebook', '%2', '%3', 'hide', 'spam', 'Qualcun altro', 1)");
    auto external = f.team.login("esterno", kMartaPassword);
    const Status byExternal =
        teamExec(external->db(), insert.arg(QStringLiteral("a0000000-0000-0000-0000-000000000001"), kComment, kPost));
    CHECK(byExternal.errorKind() == ErrorKind::RefusedByPolicy);
    const Status byHub = teamExec(f.one->connection->db(),
                                  insert.arg(QStringLiteral("a0000000-0000-0000-0000-000000000002"), kComment, kPost));
    CHECK(byHub.errorKind() == ErrorKind::RefusedByPolicy);
    // An external login does not read the requests either.
    QSqlQuery read(external->db());
    CHECK_FALSE(read.exec(QStringLiteral("SELECT count(*) FROM sportello.moderation_requests")));

    // An agent asks in its own name whatever it claims, and cannot settle a request.
    auto marta = f.team.login("marta", kMartaPassword);
    REQUIRE(teamExec(marta->db(), insert.arg(QStringLiteral("a0000000-0000-0000-0000-000000000003"), kComment, kPost))
                .ok());
    CHECK(f.team.value(QStringLiteral("SELECT requested_by || '|' || agent_name FROM sportello.moderation_requests"))
              .toString() == QStringLiteral("marta|Marta Rossi"));
    CHECK(teamExec(marta->db(), QStringLiteral("UPDATE sportello.moderation_requests SET state = 'done'"))
              .errorKind() == ErrorKind::RefusedByPolicy);
    // A request for a thread the team does not hold is refused.
    CHECK_FALSE(teamExec(marta->db(), insert.arg(QStringLiteral("a0000000-0000-0000-0000-000000000004"), kComment,
                                                 QStringLiteral("no-such-thread")))
                    .ok());
}

TEST_CASE("sportello-cli moderate in a team: sent to the hub, --wait for its outcome, status lists it",
          "[team][moderation][cli]")
{
    Fixture f;
    qputenv("SPORTELLO_TEST_TEAM_PASSWORD", kMartaPassword.toUtf8());
    Desktop cli(f.team, QStringLiteral("marta"), kMartaPassword, QStringLiteral("SPORTELLO_TEST_TEAM_PASSWORD"));
    cli.sync();
    const QStringList hide{QStringLiteral("hide"), kComment, QStringLiteral("--reason"), QStringLiteral("personal-data"),
                           QStringLiteral("--agent"), QStringLiteral("Marta")};
    CliResult run = runCli(hide, cli.cache.path);
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("sent to the hub")));
    CHECK(f.team.requests() == 1);
    CHECK(f.graphPosts() == 0);
    // Asked already: nothing to do (3), nothing more goes up.
    run = runCli(hide, cli.cache.path);
    CHECK(run.exitCode == 3);
    CHECK(f.team.requests() == 1);

    REQUIRE(f.one->takeLease());
    f.graph.enqueue(kGraphPath,
                    CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    CHECK(f.one->run().done == 1);
    cli.sync();
    CHECK(cli.hidden(kComment) == 1);

    // Unhide, waiting for the hub, which the platform refuses: 1 and the explanation.
    f.graph.replace(kGraphPath,
                    CannedResponse::jsonFile(
                        403, moderationBody(QStringLiteral("error_code200_requires_pages_manage_engagement_"
                                                           "RECONSTRUCTED.json"))));
    run = runCli({QStringLiteral("unhide"), kComment, QStringLiteral("--reason"), QStringLiteral("other"),
                  QStringLiteral("--note"), QStringLiteral("nascosto per errore"), QStringLiteral("--agent"),
                  QStringLiteral("Marta"), QStringLiteral("--wait"), QStringLiteral("30")},
                 cli.cache.path, f.one.get());
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("pages_manage_engagement")));
    CHECK(f.graphPosts() == 2);

    run = runCli({QStringLiteral("status")}, cli.cache.path);
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("hidden on Facebook")));
    CHECK(run.out.contains(QLatin1String("failed: ")));
    // --wait means nothing alone.
    TempCache alone;
    run = runCli(hide + QStringList{QStringLiteral("--wait"), QStringLiteral("5")}, alone.path);
    CHECK(run.exitCode == 2);
}

namespace {

// The hub's sync in a round: nothing new on the page.
class QuietConnector : public sync::Connector {
public:
    using Connector::Connector;
    void start() override
    {
        QTimer::singleShot(0, this, [this] {
            sync::SyncResult result;
            result.ok = true;
            emit finished(result);
        });
    }
};

} // namespace

TEST_CASE("a hub round performs the pending requests of its accounts after the outbox, once",
          "[team][moderation][round]")
{
    Fixture f;
    REQUIRE(f.marta->request(kComment).ok());
    f.marta->sync();
    HubOptions options;
    options.sync.timeoutMs = 3000;
    sportello::team::Hub hub(*f.one->cache.db, f.one->connection->db(), QStringLiteral("hub-round"), &f.nam, f.tokens,
                             f.clock, options);
    hub.setConnectorFactory([](sync::ConnectorContext context, const sync::SyncOptions &) {
        return std::make_unique<QuietConnector>(std::move(context));
    });
    f.graph.enqueue(kGraphPath,
                    CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    QSignalSpy rounds(&hub, &sportello::team::Hub::roundFinished);
    for (int round = 0; round < 2; ++round) {
        REQUIRE(hub.runOnce());
        REQUIRE(rounds.wait(20'000));
        const HubRoundReport report = rounds.takeFirst().at(0).value<HubRoundReport>();
        INFO(report.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(report.ok());
        CHECK(report.moderation.done == (round == 0 ? 1 : 0));
    }
    CHECK(f.graphPosts() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT state || '|' || hub_id FROM sportello.moderation_requests")).toString() ==
          QStringLiteral("done|hub-round"));
    f.marta->sync();
    CHECK(f.marta->hidden(kComment) == 1);
    QSignalSpy stopped(&hub, &sportello::team::Hub::stopped);
    hub.requestStop();
    REQUIRE(stopped.wait(5000));
}

TEST_CASE("an outside agent's request is refused by the team for good and kept on the desktop as refused",
          "[team][moderation]")
{
    Fixture f;
    // Scoped to Facebook: the thread reaches the external's replica, moderation does not.
    f.team.exec(QStringLiteral("UPDATE sportello.agents SET scope_channels = '{facebook}' WHERE login = 'esterno'"));
    Desktop outside(f.team, QStringLiteral("esterno"), kMartaPassword);
    outside.sync();
    REQUIRE(outside.post(kComment) != 0);
    auto id = outside.request(kComment);
    INFO(id.error().toStdString());
    REQUIRE(id.ok());
    const SyncReport report = outside.sync(); // not an error of the sync: said on the request
    CHECK(report.push.moderation == 0);
    CHECK(f.team.requests() == 0);
    const TeamModerationRequest refused = outside.latest(kComment);
    CHECK(refused.teamState == QLatin1String("refused"));
    CHECK(refused.state == QLatin1String("failed"));
    CHECK(describeModerationState(refused).startsWith(QLatin1String("refused by the team database")));
    CHECK(refused.explanation.contains(QLatin1String("may not ask the hub")));
    // Not tried again at the next push.
    CHECK(outside.sync().push.moderation == 0);
    // Marta's requests, and the hub's outcomes, never reach the external's feed.
    REQUIRE(f.marta->request(kComment).ok());
    f.marta->sync();
    CHECK(f.team.requests() == 1);
    outside.sync();
    CHECK(scalar(*outside.cache.db, QStringLiteral("SELECT count(*) FROM moderation_requests")).toInt() == 1);
}

TEST_CASE("one open request per comment in the team, a request the team cannot place refused alone, and a comment "
          "the platform hid never reported as not hidden",
          "[team][moderation]")
{
    Fixture f;
    // A second desktop asks about the same comment before it has seen Marta's request.
    Desktop other(f.team, QStringLiteral("marta"), kMartaPassword);
    other.sync();
    REQUIRE(f.marta->request(kComment).ok());
    auto second = other.request(kComment);
    REQUIRE(second.ok());
    f.marta->sync();
    const SyncReport refusedPush = other.sync();
    CHECK(refusedPush.errors.isEmpty()); // refused alone, said on the request
    CHECK(f.team.requests() == 1);
    const auto byId = [&] {
        auto found = findModerationRequest(*other.cache.db, *second);
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        return **found;
    };
    TeamModerationRequest refused = byId();
    CHECK(refused.state == QLatin1String("failed"));
    CHECK(refused.teamState == QLatin1String("refused"));
    CHECK(refused.explanation.contains(QLatin1String("a colleague asked")));
    CHECK(refused.settledAtMs > 0); // settled, so the console announces it to whoever asked

    // A request naming a thread the team does not hold is refused alone, and pushes go on.
    REQUIRE(exec(*other.cache.db, QStringLiteral("UPDATE moderation_requests SET thread_external_id = "
                                                 "'no-such-thread', team_state = 'to_push', state = 'pending', "
                                                 "explanation = NULL, settled_at = NULL WHERE id = '%1'")
                                      .arg(*second)));
    const SyncReport unknownThread = other.sync();
    CHECK(unknownThread.errors.isEmpty());
    refused = byId();
    INFO(refused.explanation.toStdString());
    CHECK(refused.teamState == QLatin1String("refused"));
    CHECK(refused.explanation.contains(QLatin1String("no thread")));
    CHECK(other.sync().errors.isEmpty());

    // Graph hides the comment, then the hub's own cache cannot record it: the request is done
    // (the comment is hidden), the hub's trouble is its own error, not the agent's refusal.
    for (const char *event : {"INSERT", "UPDATE"})
        REQUIRE(exec(*f.one->cache.db, QStringLiteral("CREATE TRIGGER cannot_record_%1 BEFORE %2 ON post_moderation "
                                                      "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
                                           .arg(QString::fromLatin1(event).toLower(), QLatin1String(event))));
    REQUIRE(f.one->takeLease());
    f.graph.enqueue(kGraphPath,
                    CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    std::optional<ModerationRoundSummary> result;
    f.one->moderation->run({f.one->leaseName}, [&](const ModerationRoundSummary &r) { result = r; });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 15'000));
    const ModerationRoundSummary performed = *result;
    CHECK(f.graphPosts() == 1);
    CHECK(performed.done == 1);
    CHECK(performed.failed == 0);
    CHECK_FALSE(performed.errors.isEmpty());
    CHECK(f.team.value(QStringLiteral("SELECT state FROM sportello.moderation_requests")).toString() ==
          QLatin1String("done"));
}

TEST_CASE("an outcome the team database did not take is written again at the next pass, not asked again",
          "[team][moderation][exactly-once]")
{
    Fixture f;
    REQUIRE(f.marta->request(kComment).ok());
    f.marta->sync();
    REQUIRE(f.one->takeLease());
    f.graph.enqueue(kGraphPath,
                    CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    // The claim goes through; writing the outcome is refused (as if the server went away).
    f.team.exec(QStringLiteral("REVOKE UPDATE (settled_at) ON sportello.moderation_requests FROM sportello_hub"));
    std::optional<ModerationRoundSummary> first;
    f.one->moderation->run({f.one->leaseName}, [&](const ModerationRoundSummary &s) { first = s; });
    REQUIRE(QTest::qWaitFor([&] { return first.has_value(); }, 15'000));
    CHECK(first->errors.size() == 1);
    CHECK(f.graphPosts() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT state FROM sportello.moderation_requests")).toString() ==
          QLatin1String("in_progress"));
    f.team.exec(QStringLiteral("GRANT UPDATE (settled_at) ON sportello.moderation_requests TO sportello_hub"));
    const ModerationRoundSummary second = f.one->run();
    CHECK(second.done == 1);
    CHECK(second.unknown == 0);
    CHECK(f.graphPosts() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT state FROM sportello.moderation_requests")).toString() ==
          QLatin1String("done"));
}

// --- Cancelling and expiring requests (team schema 7, cache schema 26) ---

namespace {

const QString kColleaguePassword = QStringLiteral("colleague-password-1");

// A second agent and a supervisor on the team.
void addColleagues(const Team &team)
{
    for (const auto &[login, name, role] : {std::tuple{"luca", "Luca Bianchi", AgentRole::Agent},
                                            std::tuple{"sara", "Sara Conti", AgentRole::Supervisor}}) {
        const Status added = addAgent(team.admin->db(), TeamAgent{QLatin1String(login), QLatin1String(name), role},
                                      kColleaguePassword, 1000);
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
    }
}

QString teamState(const Team &team, const QString &id)
{
    return team.value(QStringLiteral("SELECT state FROM sportello.moderation_requests WHERE id = '%1'").arg(id))
        .toString();
}

// What the hub does when it takes a request up (HubModeration's claim).
void claim(const Team &team, const QString &id)
{
    team.exec(QStringLiteral("UPDATE sportello.moderation_requests SET state = 'in_progress', hub_id = 'hub-one', "
                             "claimed_at = 1 WHERE id = '%1'")
                  .arg(id));
}

// The request arrived `hours` ago by the team database's clock (stored_at is the database's time).
void ageInTeam(const Team &team, const QString &id, int hours)
{
    team.exec(QStringLiteral("UPDATE sportello.moderation_requests SET stored_at = stored_at - %1::bigint * 3600000 "
                             "WHERE id = '%2'")
                  .arg(hours)
                  .arg(id));
}

// ... and was asked `hours` ago by the desktop's clock.
void ageOnDesktop(Database &cache, const QString &id, int hours)
{
    REQUIRE(exec(cache, QStringLiteral("UPDATE moderation_requests SET requested_at = requested_at - %1 * 3600000 "
                                       "WHERE id = '%2'")
                            .arg(hours)
                            .arg(id)));
}

ModerationRoundSummary runUnserved(HubSide &hub)
{
    // A hub that serves no account: it holds no lease, yet its round settles the stale requests.
    std::optional<ModerationRoundSummary> result;
    hub.moderation->run({}, [&](const ModerationRoundSummary &s) { result = s; });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 15'000));
    INFO(result->errors.join(QLatin1Char('\n')).toStdString());
    CHECK(result->errors.isEmpty());
    return *result;
}

} // namespace

TEST_CASE("a pending request is cancelled by whoever asked or a supervisor, never by a colleague, outsiders or once "
          "claimed",
          "[team][moderation][cancel]")
{
    Fixture f;
    addColleagues(f.team);
    auto id = f.marta->request(kComment);
    REQUIRE(id.ok());
    f.marta->sync();
    REQUIRE(teamState(f.team, *id) == QLatin1String("pending"));
    Desktop luca(f.team, QStringLiteral("luca"), kColleaguePassword);
    luca.sync();
    REQUIRE(luca.latest(kComment).state == QLatin1String("pending"));

    // Another agent may not (a check in the function), outside staff may not call it at all, and
    // nobody but the hub may write the state directly.
    auto lucaLogin = f.team.login("luca", kColleaguePassword);
    auto refused = cancelModerationRequestInTeam(lucaLogin->db(), *id);
    CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
    auto outsider = f.team.login("esterno", kMartaPassword);
    refused = cancelModerationRequestInTeam(outsider->db(), *id);
    CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
    auto martaLogin = f.team.login("marta", kMartaPassword);
    const Status direct =
        teamExec(martaLogin->db(), QStringLiteral("UPDATE sportello.moderation_requests SET state = 'cancelled'"));
    CHECK(direct.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(teamState(f.team, *id) == QLatin1String("pending"));
    CHECK(cancelModerationRequestInTeam(martaLogin->db(), QStringLiteral("no-such-request")).errorKind() ==
          ErrorKind::NotFound);

    SECTION("the agent who asked cancels it: every replica shows it, the hub leaves it, a new request is accepted")
    {
        auto cancelled = cancelModerationRequestInTeam(martaLogin->db(), *id);
        INFO(cancelled.error().toStdString());
        REQUIRE(cancelled.ok());
        CHECK(*cancelled == ModerationCancel::Cancelled);
        CHECK(teamState(f.team, *id) == QLatin1String("cancelled"));
        CHECK(f.team.value(QStringLiteral("SELECT explanation FROM sportello.moderation_requests")).toString() ==
              QLatin1String("Marta Rossi"));
        CHECK_FALSE(
            f.team.value(QStringLiteral("SELECT settled_at IS NULL FROM sportello.moderation_requests")).toBool());
        // Twice: settled already, nothing changes.
        cancelled = cancelModerationRequestInTeam(martaLogin->db(), *id);
        REQUIRE(cancelled.ok());
        CHECK(*cancelled == ModerationCancel::AlreadySettled);

        f.marta->sync();
        luca.sync();
        for (const Desktop *desktop : {f.marta.get(), &luca}) {
            const TeamModerationRequest seen = desktop->latest(kComment);
            CHECK(seen.state == QLatin1String("cancelled"));
            CHECK_FALSE(seen.open());
            CHECK(describeModerationState(seen) == QLatin1String("cancelled by Marta Rossi"));
            CHECK(desktop->hidden(kComment) == 0);
        }
        REQUIRE(f.one->takeLease());
        CHECK(f.one->run().done == 0);
        CHECK(f.graphPosts() == 0);

        auto again = f.marta->request(kComment);
        INFO(again.error().toStdString());
        REQUIRE(again.ok());
        CHECK(f.marta->sync().push.moderation == 1);
        CHECK(teamState(f.team, *again) == QLatin1String("pending"));
    }
    SECTION("a supervisor cancels a colleague's request")
    {
        auto sara = f.team.login("sara", kColleaguePassword);
        auto cancelled = cancelModerationRequestInTeam(sara->db(), *id);
        INFO(cancelled.error().toStdString());
        REQUIRE(cancelled.ok());
        CHECK(*cancelled == ModerationCancel::Cancelled);
        luca.sync();
        CHECK(describeModerationState(luca.latest(kComment)) == QLatin1String("cancelled by Sara Conti"));
    }
    SECTION("a request a hub has claimed cannot be cancelled: the hub is performing it")
    {
        claim(f.team, *id);
        auto cancelled = cancelModerationRequestInTeam(martaLogin->db(), *id);
        CHECK(cancelled.errorKind() == ErrorKind::Conflict);
        CHECK(cancelled.error().contains(QLatin1String("already performing")));
        CHECK(teamState(f.team, *id) == QLatin1String("in_progress"));
    }
}

TEST_CASE("a request that has not gone up is withdrawn on the desktop and never goes up", "[team][moderation][cancel]")
{
    Fixture f;
    auto id = f.marta->request(kComment);
    REQUIRE(id.ok());
    auto withdrawn = withdrawModerationRequest(*f.marta->cache.db, *id, QStringLiteral("Marta R."), 5);
    REQUIRE(withdrawn.ok());
    CHECK(*withdrawn);
    const TeamModerationRequest seen = f.marta->latest(kComment);
    CHECK(seen.state == QLatin1String("cancelled"));
    CHECK(seen.teamState == QLatin1String("withdrawn"));
    CHECK(f.marta->sync().push.moderation == 0);
    CHECK(f.team.requests() == 0);
    // Once pushed it is the team's to cancel.
    auto again = f.marta->request(kComment);
    REQUIRE(again.ok());
    f.marta->sync();
    withdrawn = withdrawModerationRequest(*f.marta->cache.db, *again, QStringLiteral("Marta R."), 5);
    REQUIRE(withdrawn.ok());
    CHECK_FALSE(*withdrawn);
    CHECK(teamState(f.team, *again) == QLatin1String("pending"));
}

TEST_CASE("a withdrawal landing while the push reads the rows keeps the request out of the team",
          "[team][moderation][cancel]")
{
    Fixture f;
    auto id = f.marta->request(kComment);
    REQUIRE(id.ok());
    // The push has read the row 'to_push'; the agent withdraws it before the team commits.
    std::optional<Result<bool>> withdrawn;
    detail::setModerationPushHookForTest(
        [&] { withdrawn = withdrawModerationRequest(*f.marta->cache.db, *id, QStringLiteral("Marta R."), 5); });
    const SyncReport pushed = f.marta->sync();
    detail::setModerationPushHookForTest({});
    REQUIRE(withdrawn.has_value());
    REQUIRE(withdrawn->ok());
    // Told "cancelled", so the hub must never see it.
    CHECK(**withdrawn);
    CHECK(pushed.push.moderation == 0);
    CHECK(f.team.requests() == 0);
    const TeamModerationRequest seen = f.marta->latest(kComment);
    CHECK(seen.state == QLatin1String("cancelled"));
    CHECK(seen.teamState == QLatin1String("withdrawn"));
    // Nor later.
    CHECK(f.marta->sync().push.moderation == 0);
    CHECK(f.team.requests() == 0);
}

TEST_CASE("a request no hub claimed within a day expires, by the team database's clock", "[team][moderation][expiry]")
{
    Fixture f;
    auto id = f.marta->request(kComment);
    REQUIRE(id.ok());
    f.marta->sync();

    SECTION("any hub's round expires it, even one that serves no account; the replica shows it")
    {
        ageInTeam(f.team, *id, 23);
        CHECK(runUnserved(*f.one).expired == 0);
        CHECK(teamState(f.team, *id) == QLatin1String("pending"));
        ageInTeam(f.team, *id, 2);
        CHECK(runUnserved(*f.one).expired == 1);
        CHECK(teamState(f.team, *id) == QLatin1String("expired"));
        f.marta->sync();
        const TeamModerationRequest seen = f.marta->latest(kComment);
        CHECK(seen.state == QLatin1String("expired"));
        CHECK(describeModerationState(seen).contains(QLatin1String("expired")));
        // The comment is free again.
        auto again = f.marta->request(kComment);
        INFO(again.error().toStdString());
        REQUIRE(again.ok());
        f.marta->sync();
        CHECK(teamState(f.team, *again) == QLatin1String("pending"));
    }
    SECTION("with no hub at all, a new request on the comment expires the stale one and is accepted")
    {
        ageInTeam(f.team, *id, 25);
        ageOnDesktop(*f.marta->cache.db, *id, 25);
        auto again = f.marta->request(kComment);
        INFO(again.error().toStdString());
        REQUIRE(again.ok());
        CHECK(f.marta->sync().push.moderation == 1);
        CHECK(teamState(f.team, *id) == QLatin1String("expired"));
        CHECK(teamState(f.team, *again) == QLatin1String("pending"));
        CHECK(f.marta->latest(kComment).id == *again);
        CHECK(f.marta->latest(kComment).teamState == QLatin1String("pushed"));
    }
    SECTION("desktops' clocks a day off do not expire it: the team refuses the new request")
    {
        // Asked by a desktop whose clock was a day behind, asked again by one that agrees with it.
        f.team.exec(QStringLiteral("UPDATE sportello.moderation_requests SET requested_at = requested_at - "
                                   "25 * 3600000::bigint"));
        ageOnDesktop(*f.marta->cache.db, *id, 25);
        auto again = f.marta->request(kComment);
        REQUIRE(again.ok()); // this desktop thinks the old one stale
        f.marta->sync();
        CHECK(teamState(f.team, *id) == QLatin1String("pending"));
        CHECK(f.team.requests() == 1);
        auto refused = findModerationRequest(*f.marta->cache.db, *again);
        REQUIRE(refused.ok());
        REQUIRE(refused->has_value());
        CHECK((*refused)->teamState == QLatin1String("refused"));
    }
    SECTION("a fresh request still blocks its comment on the desktop")
    {
        auto again = f.marta->request(kComment);
        CHECK(again.errorKind() == ErrorKind::Conflict);
    }
}

TEST_CASE("sportello-cli moderate cancel: 0 cancelled, 3 nothing open, 1 claimed or a colleague's",
          "[team][moderation][cancel][cli]")
{
    Fixture f;
    addColleagues(f.team);
    qputenv("SPORTELLO_TEST_TEAM_PASSWORD", kMartaPassword.toUtf8());
    Desktop cli(f.team, QStringLiteral("marta"), kMartaPassword, QStringLiteral("SPORTELLO_TEST_TEAM_PASSWORD"));
    cli.sync();
    const QStringList cancel{QStringLiteral("cancel"), kComment, QStringLiteral("--agent"), QStringLiteral("Marta")};
    CliResult run = runCli(cancel, cli.cache.path);
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 3);

    // Not gone up yet: withdrawn here.
    auto id = cli.request(kComment);
    REQUIRE(id.ok());
    run = runCli(cancel, cli.cache.path);
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(cli.latest(kComment).teamState == QLatin1String("withdrawn"));
    CHECK(f.team.requests() == 0);

    // Gone up: cancelled in the team, and the cancellation pulled back.
    id = cli.request(kComment);
    REQUIRE(id.ok());
    cli.sync();
    run = runCli(cancel, cli.cache.path);
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(teamState(f.team, *id) == QLatin1String("cancelled"));
    CHECK(cli.latest(kComment).state == QLatin1String("cancelled"));
    run = runCli({QStringLiteral("status")}, cli.cache.path);
    CHECK(run.out.contains(QLatin1String("cancelled by Marta Rossi")));

    // Claimed by a hub: refused, saying so.
    id = cli.request(kComment);
    REQUIRE(id.ok());
    cli.sync();
    claim(f.team, *id);
    run = runCli(cancel, cli.cache.path);
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("already performing")));
    CHECK(teamState(f.team, *id) == QLatin1String("in_progress"));

    // A colleague's pending request, from Marta's desktop (an agent): refused.
    f.team.exec(QStringLiteral("UPDATE sportello.moderation_requests SET state = 'failed', settled_at = 1"));
    auto luca = f.team.login("luca", kColleaguePassword);
    REQUIRE(teamExec(luca->db(), QStringLiteral("INSERT INTO sportello.moderation_requests(id, channel, comment_id, "
                                                "thread_external_id, action, reason, requested_at) VALUES "
                                                "('luca-1', 'facebook', '%1', '%2', 'hide', 'spam', 1)")
                                     .arg(kComment, kPost))
                .ok());
    run = runCli(cancel, cli.cache.path);
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 1);
    CHECK(teamState(f.team, QStringLiteral("luca-1")) == QLatin1String("pending"));
    // Outside a team: a usage error.
    TempCache alone;
    CHECK(runCli(cancel, alone.path).exitCode == 2);
}
