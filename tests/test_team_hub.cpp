// The hub against a real PostgreSQL 15 (PgServer) and a fake X on a local HTTP server: leases on
// the server's clock, the posts' upload (idempotent, resumable), the outbox bridge that makes
// delivery exactly-once across hubs (two hubs, one entry: one POST; a hub that died mid-send: read
// back by the next one, no second POST), a whole round, and `sportello-cli hub` stopping cleanly
// on SIGTERM.
#include "catch_compat.h"

#include "CliProcess.h"
#include "FakeXPlatform.h"
#include "LocalHttpServer.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "storage/Sql.h"
#include "team/Hub.h"
#include "team/HubOutbox.h"
#include "team/HubUpload.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamLeases.h"
#include "triage/TriageService.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUrlQuery>
#include <atomic>
#include <latch>
#include <memory>
#include <thread>

using namespace sportello;
using namespace sportello::outbox;
using namespace sportello::team;
using namespace sportello::test;

namespace {

const QString kXAccount = QStringLiteral("2222222222");
const QString kThread = QStringLiteral("1234567890");
const QString kCustomerPost = QStringLiteral("1234567891"); // the X docs' reply example
const QString kHubPassword = QStringLiteral("hub-password-0123456789");

// A team database on its own server, with two hub logins.
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
        auto parsed = TeamUrl::parse(server->url(QStringLiteral("team")));
        REQUIRE(parsed.ok());
        url = *parsed;
        auto opened = TeamConnection::open(url, server->superuserPassword());
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        admin = std::move(opened).value();
        auto init = initTeamSchema(admin->db());
        INFO(init.error().toStdString());
        REQUIRE(init.ok());
        for (const char *login : {"hub1", "hub2"}) {
            TeamAgent agent{QLatin1String(login), QStringLiteral("Hub ") + QLatin1String(login), AgentRole::Hub};
            const Status added = addAgent(admin->db(), agent, kHubPassword, 1000);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
    }

    std::unique_ptr<TeamConnection> hub(const char *login) const
    {
        auto opened = TeamConnection::open(url.withUser(QLatin1String(login)), kHubPassword);
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

    // What a desktop pushes for a decision: the decision and its outbox entry, by their ids.
    void push(const OutboxEntry &entry) const
    {
        QSqlQuery d(admin->db());
        REQUIRE(
            d.prepare(QStringLiteral("INSERT INTO sportello.decisions(id, channel, thread_external_id, target_post, "
                                     "kind, text, agent_id, agent_name, decided_at) VALUES (?, ?, ?, ?, "
                                     "'reply_public', ?, 'agent-7', 'Giulia Rossi', ?)")));
        d.addBindValue(entry.decisionId);
        d.addBindValue(toId(entry.channel));
        d.addBindValue(entry.threadExternalId);
        d.addBindValue(entry.targetPostId);
        d.addBindValue(entry.text);
        d.addBindValue(entry.decidedAtMs);
        INFO(d.lastError().text().toStdString());
        REQUIRE(d.exec());
        QSqlQuery o(admin->db());
        REQUIRE(o.prepare(QStringLiteral("INSERT INTO sportello.outbox(id, decision_id, idempotency_key, kind, text, "
                                         "created_at, target_post_id) VALUES (?, ?, ?, 'reply_public', ?, ?, ?)")));
        o.addBindValue(entry.id);
        o.addBindValue(entry.decisionId);
        o.addBindValue(entry.idempotencyKey);
        o.addBindValue(entry.text);
        o.addBindValue(entry.createdAtMs);
        o.addBindValue(entry.targetPostId);
        INFO(o.lastError().text().toStdString());
        REQUIRE(o.exec());
    }

    QString outboxState(const QString &id) const
    {
        return value(QStringLiteral("SELECT state FROM sportello.outbox WHERE id = '%1'").arg(id)).toString();
    }
};

// A hub's cache with the X account and the customer's mention; copies of it share the entry ids.
struct HubCache {
    QString path;
    std::unique_ptr<Database> db;

    void reopen()
    {
        db.reset();
        auto opened = openCache(path);
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        db = std::move(opened).value();
    }
};

struct Fixture {
    Team team;
    LocalHttpServer http;
    QNetworkAccessManager nam;
    SystemClock clock;
    accounts::MemoryTokenStore tokens;
    FakeX x;
    QTemporaryDir dir;
    HubCache a, b;
    QString entryId;

    Fixture()
    {
        REQUIRE(http.listening());
        x.account = kXAccount;
        x.tellAboutFile(kCustomerPost, sharedDataDir() + QStringLiteral("/x_api_v2_docs_examples/"
                                                                        "tweet_lookup_reply_with_conversation_id.json"));
        http.setHandler(QStringLiteral("/2/"), [this](const ReceivedRequest &r) { return x.handle(r); });
        a.path = dir.filePath(QStringLiteral("hub-a.sqlite"));
        b.path = dir.filePath(QStringLiteral("hub-b.sqlite"));
        a.reopen();
        auto added = accounts::AccountStore(*a.db).add(Channel::X, kXAccount, http.url(QStringLiteral("/2")).toString(),
                                                       QString(), 1000);
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
        REQUIRE(tokens.write(added->tokenKey(), QStringLiteral("HUB-TOKEN-5d1f0c")).ok());
        PostRecord p;
        p.channel = Channel::X;
        p.threadExternalId = kThread;
        p.postExternalId = kCustomerPost;
        p.inReplyTo = kThread;
        p.author = {QStringLiteral("2244994945"), QStringLiteral("customer"), QStringLiteral("Mario Bianchi"), 10};
        p.createdAtMs = clock.nowMs() - 3'600'000;
        p.text = QStringLiteral("Buongiorno, la polizza non risulta attiva");
        ingest(*a.db, {p});
        const qint64 thread =
            scalar(*a.db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(kThread)).toLongLong();
        TriageService triage(*a.db, clock, Agent{QStringLiteral("agent-7"), QStringLiteral("Giulia Rossi")});
        DecisionRequest request;
        request.threadId = thread;
        request.kind = DecisionKind::ReplyPublic;
        request.text = QStringLiteral("Ci pensiamo noi, le scriviamo in privato.");
        auto decided = triage.decide(request);
        INFO(decided.error().toStdString());
        REQUIRE(decided.ok());
        entryId = decided->outboxId;
        team.push(entry(a));
        // The second hub's cache: the same posts and entry, as the feed would have brought them.
        a.db.reset();
        REQUIRE(QFile::copy(a.path, b.path));
        a.reopen();
        b.reopen();
    }

    OutboxEntry entry(HubCache &cache) const
    {
        auto e = OutboxStore(*cache.db, clock).find(entryId);
        INFO(e.error().toStdString());
        REQUIRE(e.ok());
        return *e;
    }

    int tweetPosts() const
    {
        int n = 0;
        for (const auto &r : http.requests())
            n += r.method == "POST" && r.path == QLatin1String("/2/tweets") ? 1 : 0;
        return n;
    }
};

// One hub's delivery side: its team connection, leases, bridge and dispatcher.
struct HubSide {
    std::unique_ptr<TeamConnection> connection;
    std::unique_ptr<TeamLeases> leases;
    std::unique_ptr<HubOutbox> bridge;
    std::unique_ptr<OutboxDispatcher> dispatcher;

    HubSide(Fixture &f, HubCache &cache, const char *login, qint64 leaseTtlMs)
    {
        connection = f.team.hub(login);
        leases = std::make_unique<TeamLeases>(connection->db(), QLatin1String(login));
        bridge = std::make_unique<HubOutbox>(*cache.db, connection->db(), *leases, f.clock, leaseTtlMs);
        dispatcher = std::make_unique<OutboxDispatcher>(*cache.db, &f.nam, f.tokens, f.clock);
        dispatcher->setAutoSchedule(false);
        dispatcher->setTimeoutMs(3000);
        bridge->attach(*dispatcher);
    }

    DrainSummary drain()
    {
        QSignalSpy spy(dispatcher.get(), &OutboxDispatcher::drained);
        dispatcher->drain();
        if (spy.isEmpty())
            REQUIRE(spy.wait(15'000));
        return spy.takeFirst().at(0).value<DrainSummary>();
    }
};

const QString kLease = QStringLiteral("account:x:2222222222");

} // namespace

TEST_CASE("Two hubs contend for one lease: exactly one holds it, the other takes over once it expired",
          "[team][hub][lease]")
{
    Team team;
    auto one = team.hub("hub1");
    auto two = team.hub("hub2");
    TeamLeases first(one->db(), QStringLiteral("hub-one"));
    TeamLeases second(two->db(), QStringLiteral("hub-two"));

    // At the same moment from two threads would be the same: one statement, the row locked.
    auto a = first.acquire(kLease, 800);
    auto b = second.acquire(kLease, 800);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a);
    CHECK_FALSE(*b);
    CHECK(first.acquire(kLease, 800).value()); // renewed by its holder
    CHECK(second.holder(kLease).value() == QStringLiteral("hub-one"));
    CHECK(team.value(QStringLiteral("SELECT owner_login FROM sportello.leases")).toString() == QStringLiteral("hub1"));

    QThread::msleep(1000); // hub-one stops renewing: expired on the server's clock
    CHECK(second.acquire(kLease, 800).value());
    CHECK_FALSE(first.acquire(kLease, 800).value());
    CHECK(first.holder(kLease).value() == QStringLiteral("hub-two"));

    // A clean stop gives it up at once.
    REQUIRE(second.releaseAll().ok());
    CHECK(first.holder(kLease).value().isEmpty());
    CHECK(first.acquire(kLease, 800).value());
}

TEST_CASE("Hubs asking for the same lease at the same instant: exactly one wins, every time", "[team][hub][lease]")
{
    Team team;
    constexpr int kRounds = 20;
    constexpr int kHubs = 4;
    std::atomic<int> winners[kRounds] = {};
    std::atomic<int> failures{0};
    std::latch ready(kHubs);
    std::vector<std::thread> hubs;
    for (int h = 0; h < kHubs; ++h) {
        hubs.emplace_back([&, h] {
            // A connection belongs to its thread: each hub opens its own.
            auto opened = TeamConnection::open(
                team.url.withUser(h % 2 ? QStringLiteral("hub2") : QStringLiteral("hub1")), kHubPassword);
            ready.count_down();
            if (!opened) {
                ++failures;
                return;
            }
            TeamLeases leases((*opened)->db(), QStringLiteral("hub-%1").arg(h));
            ready.wait();
            for (int r = 0; r < kRounds; ++r) {
                auto held = leases.acquire(QStringLiteral("account:x:%1").arg(r), 60'000);
                if (!held)
                    ++failures;
                else if (*held)
                    ++winners[r];
            }
        });
    }
    for (std::thread &t : hubs)
        t.join();
    CHECK(failures == 0);
    for (int r = 0; r < kRounds; ++r) {
        INFO("lease " << r);
        CHECK(winners[r] == 1);
    }
}

TEST_CASE("The hub's posts go up idempotently and resume after a stop between commit and mark", "[team][hub][upload]")
{
    Team team;
    auto connection = team.hub("hub1");
    TempCache cache;
    QVector<PostRecord> posts;
    for (int i = 0; i < 5; ++i)
        posts << inboundPost(QStringLiteral("245628824887810_%1").arg(i), QStringLiteral("c_%1").arg(i),
                             utcMs("2024-01-16T10:00:00Z") + i);
    posts << outboundPost(QStringLiteral("245628824887810_0"), QStringLiteral("r_0"), utcMs("2024-01-16T11:00:00Z"));
    ingest(*cache.db, posts);

    HubUpload upload(*cache.db, connection->db());
    upload.setBatchSize(2);
    auto first = upload.uploadPosts();
    INFO(first.error().toStdString());
    REQUIRE(first.ok());
    CHECK(first->sent == 6);
    CHECK(first->inserted == 6);
    CHECK(first->batches == 3);
    CHECK(team.value(QStringLiteral("SELECT count(*) FROM sportello.posts")).toInt() == 6);
    CHECK(team.value(QStringLiteral("SELECT count(*) FROM sportello.posts WHERE direction = 'outbound'")).toInt() == 1);
    CHECK(team.value(QStringLiteral("SELECT author_name FROM sportello.posts WHERE external_id = 'c_1'"))
              .toString()
              .size() > 0);
    CHECK(team.value(QStringLiteral("SELECT stored_by FROM sportello.posts LIMIT 1")).toString() ==
          QStringLiteral("hub1"));

    // Nothing new: nothing sent.
    auto again = upload.uploadPosts();
    REQUIRE(again.ok());
    CHECK(again->sent == 0);

    // The hub stopped after the team database committed, before the mark moved: all again, harmlessly.
    REQUIRE(upload.setMark(0).ok());
    auto resumed = upload.uploadPosts();
    REQUIRE(resumed.ok());
    CHECK(resumed->sent == 6);
    CHECK(resumed->inserted == 0);
    CHECK(team.value(QStringLiteral("SELECT count(*) FROM sportello.posts")).toInt() == 6);

    // A second hub with the same posts adds nothing either.
    auto other = team.hub("hub2");
    HubUpload second(*cache.db, other->db());
    REQUIRE(second.setMark(0).ok());
    auto both = second.uploadPosts();
    REQUIRE(both.ok());
    CHECK(both->inserted == 0);
    CHECK(team.value(QStringLiteral("SELECT count(*) FROM sportello.posts")).toInt() == 6);
}

TEST_CASE("Two hubs with the same pending entry deliver it exactly once", "[team][hub][exactly-once]")
{
    Fixture f;
    HubSide one(f, f.a, "hub1", 60'000);
    HubSide two(f, f.b, "hub2", 60'000);

    SECTION("the lease holder sends; the other is refused by the lease")
    {
        REQUIRE(one.leases->acquire(kLease, 60'000).value());
        const DrainSummary s2 = two.drain();
        CHECK(s2.delivered == 0);
        CHECK(s2.leftAlone == 1);
        CHECK(s2.ok());
        CHECK(f.entry(f.b).state == OutboxState::Pending);
        const DrainSummary s1 = one.drain();
        CHECK(s1.delivered == 1);
        CHECK(f.tweetPosts() == 1);
        CHECK(f.team.outboxState(f.entryId) == QStringLiteral("delivered"));
        CHECK(f.team.value(QStringLiteral("SELECT remote_id FROM sportello.outbox")).toString() ==
              f.x.tweets.first().id);
        CHECK(f.team.value(QStringLiteral("SELECT attempts FROM sportello.outbox")).toInt() == 1);
    }
    SECTION("after a takeover, a stale pending copy is refused by the team's entry")
    {
        REQUIRE(one.leases->acquire(kLease, 60'000).value());
        CHECK(one.drain().delivered == 1);
        REQUIRE(one.leases->releaseAll().ok()); // hub 1 stops cleanly; hub 2 serves the account
        REQUIRE(two.leases->acquire(kLease, 60'000).value());
        CHECK(f.entry(f.b).state == OutboxState::Pending); // its feed has not brought the delivery yet
        const DrainSummary s = two.drain();
        CHECK(s.delivered == 0);
        CHECK(s.leftAlone == 1);
        CHECK(s.errors.isEmpty());
        CHECK(f.tweetPosts() == 1);
        CHECK(f.x.created == 1);
        CHECK(f.team.outboxState(f.entryId) == QStringLiteral("delivered"));
    }
}

TEST_CASE("An entry left sending by a hub that died is read back by the next hub, never sent twice",
          "[team][hub][exactly-once]")
{
    Fixture f;
    auto one = std::make_unique<HubSide>(f, f.a, "hub1", 1500);
    REQUIRE(one->leases->acquire(kLease, 1500).value());
    f.x.hang = true; // the reply is created, the answer never arrives
    one->dispatcher->drain();
    REQUIRE(QTest::qWaitFor([&] { return f.x.created == 1; }, 10'000));
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("sending"));
    CHECK(f.team.value(QStringLiteral("SELECT lease_owner FROM sportello.outbox")).toString() ==
          QStringLiteral("hub1"));
    one.reset(); // the hub dies (its connection with it); its lease runs out
    f.x.hang = false;

    HubSide two(f, f.b, "hub2", 60'000);
    // While hub 1's lease holds, hub 2 neither serves the account nor touches the entry.
    CHECK_FALSE(two.leases->acquire(kLease, 60'000).value());
    auto early = two.bridge->recover({});
    REQUIRE(early.ok());
    CHECK(early->readBack == 0);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("sending"));

    REQUIRE(QTest::qWaitFor([&] { return two.leases->acquire(kLease, 60'000).value(); }, 10'000));
    auto recovered = two.bridge->recover({kLease});
    INFO(recovered.error().toStdString());
    REQUIRE(recovered.ok());
    CHECK(recovered->readBack == 1);
    CHECK(f.entry(f.b).state == OutboxState::Unknown);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("unknown"));

    const DrainSummary s = two.drain();
    CHECK(s.delivered == 1);
    CHECK(f.tweetPosts() == 1); // read back, found, not sent again
    CHECK(f.x.created == 1);
    CHECK(f.entry(f.b).state == OutboxState::Delivered);
    CHECK(f.entry(f.b).remoteId == f.x.tweets.first().id);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("delivered"));
    CHECK(f.team.value(QStringLiteral("SELECT remote_id FROM sportello.outbox")).toString() == f.x.tweets.first().id);
}

TEST_CASE("A team entry whose outcome is unknown is never sent from a pending copy", "[team][hub][exactly-once]")
{
    Fixture f;
    f.team.value(QStringLiteral("UPDATE sportello.outbox SET state = 'unknown', attempts = 1 RETURNING 1"));
    HubSide two(f, f.b, "hub2", 60'000);
    REQUIRE(two.leases->acquire(kLease, 60'000).value());
    // Without recover(): the gate alone refuses a blind send.
    DrainSummary s = two.drain();
    CHECK(s.delivered == 0);
    CHECK(f.tweetPosts() == 0);
    // recover() makes the local copy unknown: read back (nothing there), then sent once.
    auto recovered = two.bridge->recover({kLease});
    REQUIRE(recovered.ok());
    CHECK(f.entry(f.b).state == OutboxState::Unknown);
    s = two.drain();
    CHECK(s.delivered == 1);
    CHECK(f.tweetPosts() == 1);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("delivered"));
    CHECK(f.team.value(QStringLiteral("SELECT attempts FROM sportello.outbox")).toInt() == 2);
}

TEST_CASE("A reply approved in the team while the hub's copy still awaits approval is neither failed nor sent",
          "[team][hub][approval]")
{
    Fixture f;
    // The hub pulled the entry while it awaited a supervisor; the supervisor approved it since
    // (the team's entry is pending), and the hub has not pulled that yet.
    REQUIRE(sql::exec(f.b.db->connection(), QStringLiteral("UPDATE outbox SET state = 'awaiting_approval'")).ok());
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("pending"));
    CHECK(f.entry(f.b).state == OutboxState::AwaitingApproval);
    HubSide two(f, f.b, "hub2", 60'000);
    REQUIRE(two.leases->acquire(kLease, 60'000).value());
    auto recovered = two.bridge->recover({kLease});
    INFO(recovered.error().toStdString());
    REQUIRE(recovered.ok());
    CHECK(recovered->reuploaded == 0);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("pending"));
    const DrainSummary s = two.drain();
    CHECK(s.delivered == 0);
    CHECK(f.tweetPosts() == 0);
    CHECK(f.entry(f.b).state == OutboxState::AwaitingApproval);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("pending"));
}

namespace {

// Stores one new post per sync, as a connector would after a page.
class OnePostConnector : public sync::Connector {
public:
    using Connector::Connector;
    void start() override
    {
        QTimer::singleShot(0, this, [this] {
            Ingestor ingestor(*m_context.database);
            PostRecord p =
                inboundPost(QStringLiteral("1234567890"), QStringLiteral("1234567999"), m_context.clock->nowMs() - 1000,
                            QStringLiteral("Ancora nessuna risposta"), Channel::X);
            sync::SyncResult result;
            result.ok = ingestor.begin() && ingestor.add(p) && ingestor.commit();
            result.pages = 1;
            result.postsAdded = result.ok ? 1 : 0;
            emit finished(result);
        });
    }
};

} // namespace

TEST_CASE("A hub round: leases, sync of the held accounts, upload, feed, delivery, and a stop that releases the leases",
          "[team][hub][round]")
{
    Fixture f;
    auto connection = f.team.hub("hub1");
    auto id = hubIdentity(*f.a.db);
    REQUIRE(id.ok());
    CHECK(hubIdentity(*f.a.db).value() == *id); // kept in the cache
    HubOptions options;
    options.sync.timeoutMs = 3000;
    Hub hub(*f.a.db, connection->db(), *id, &f.nam, f.tokens, f.clock, options);
    hub.setConnectorFactory([](sync::ConnectorContext context, const sync::SyncOptions &) {
        return std::make_unique<OnePostConnector>(std::move(context));
    });
    int pulls = 0;
    hub.setPull([&] {
        ++pulls;
        return Status{};
    });
    QSignalSpy rounds(&hub, &Hub::roundFinished);
    REQUIRE(hub.runOnce());
    REQUIRE(rounds.wait(20'000));
    const HubRoundReport report = rounds.takeFirst().at(0).value<HubRoundReport>();
    INFO(report.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(report.ok());
    CHECK(report.accountsHeld == QStringList{kLease});
    CHECK(report.sync.postsAdded() == 1);
    CHECK(report.posts.inserted == 2); // the customer's first post and the one the sync fetched
    CHECK(pulls == 1);
    CHECK(report.drain.delivered == 1);
    CHECK(f.tweetPosts() == 1);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("delivered"));
    CHECK(f.team.value(QStringLiteral("SELECT owner FROM sportello.leases")).toString() == *id);

    QSignalSpy stopped(&hub, &Hub::stopped);
    hub.requestStop();
    REQUIRE(stopped.wait(5000));
    CHECK(f.team.value(QStringLiteral("SELECT count(*) FROM sportello.leases")).toInt() == 0);
}

TEST_CASE("sportello-cli hub stops cleanly on SIGTERM and releases its leases", "[team][hub][cli]")
{
    Fixture f;
    f.a.db.reset();
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("SPORTELLO_TEST_HUB_PASSWORD"), kHubPassword);
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH),
                  {QStringLiteral("--database"), f.a.path, QStringLiteral("hub"), QStringLiteral("--interval"),
                   QStringLiteral("1"), QStringLiteral("--team-url"), f.team.url.toString(), QStringLiteral("--login"),
                   QStringLiteral("hub1"), QStringLiteral("--password-env"),
                   QStringLiteral("SPORTELLO_TEST_HUB_PASSWORD")});
    REQUIRE(process.waitForStarted(30'000));
    QByteArray output;
    // A round has run (the account's lease is held) before the signal.
    REQUIRE(QTest::qWaitFor(
        [&] {
            output += process.readAllStandardOutput();
            return output.contains("hub round") || process.state() == QProcess::NotRunning;
        },
        30'000));
    INFO(QString::fromUtf8(output + process.readAllStandardError()).toStdString());
    REQUIRE(process.state() == QProcess::Running);
    CHECK(f.team.value(QStringLiteral("SELECT count(*) FROM sportello.leases")).toInt() == 1);
    process.terminate(); // SIGTERM
    REQUIRE(process.waitForFinished(30'000));
    CHECK(process.exitStatus() == QProcess::NormalExit);
    CHECK(process.exitCode() == 0);
    CHECK(f.team.value(QStringLiteral("SELECT count(*) FROM sportello.leases")).toInt() == 0);
}

TEST_CASE("A stop during a delivery lets it finish, records it, then releases the leases", "[team][hub][round]")
{
    Fixture f;
    auto connection = f.team.hub("hub1");
    HubOptions options;
    options.sync.timeoutMs = 5000;
    Hub hub(*f.a.db, connection->db(), QStringLiteral("hub-one"), &f.nam, f.tokens, f.clock, options);
    hub.setConnectorFactory([](sync::ConnectorContext context, const sync::SyncOptions &) {
        return std::make_unique<OnePostConnector>(std::move(context));
    });
    f.x.answerDelayMs = 1500; // the reply is on its way when the stop comes
    QSignalSpy rounds(&hub, &Hub::roundFinished);
    QSignalSpy stopped(&hub, &Hub::stopped);
    REQUIRE(hub.runOnce());
    REQUIRE(QTest::qWaitFor([&] { return f.x.created == 1; }, 10'000));
    hub.requestStop();
    REQUIRE(stopped.wait(10'000));
    REQUIRE(rounds.size() == 1);
    const HubRoundReport report = rounds.takeFirst().at(0).value<HubRoundReport>();
    CHECK(report.interrupted);
    CHECK(report.drain.delivered == 1);
    CHECK(f.entry(f.a).state == OutboxState::Delivered);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("delivered"));
    CHECK(f.tweetPosts() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT count(*) FROM sportello.leases")).toInt() == 0);
}

TEST_CASE("sportello-cli hub --once exits non-zero when its round fails, and on a refused login", "[team][hub][cli]")
{
    Fixture f;
    f.a.db.reset();
    const QStringList common{QStringLiteral("--database"),
                             f.a.path,
                             QStringLiteral("hub"),
                             QStringLiteral("--once"),
                             QStringLiteral("--team-url"),
                             f.team.url.toString(),
                             QStringLiteral("--login"),
                             QStringLiteral("hub1"),
                             QStringLiteral("--password-env"),
                             QStringLiteral("SPORTELLO_TEST_HUB_PASSWORD")};
    const auto run = [&](const QString &password) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        environment.insert(QStringLiteral("SPORTELLO_TEST_HUB_PASSWORD"), password);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(SPORTELLO_CLI_PATH), common);
        REQUIRE(process.waitForStarted(30'000));
        REQUIRE(process.waitForFinished(60'000));
        return std::pair{process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
    };
    // The account's token is in no keychain this process can read: its sync fails, so the round does.
    const auto [failedRound, roundErrors] = run(kHubPassword);
    INFO(roundErrors.toStdString());
    CHECK(failedRound == 1);
    CHECK(f.team.value(QStringLiteral("SELECT count(*) FROM sportello.leases")).toInt() == 0); // released
    const auto [refused, refusal] = run(QStringLiteral("not-the-password-at-all"));
    CHECK(refused == 1);
    CHECK(refusal.contains(QStringLiteral("hub1")));
}

TEST_CASE("Each outcome of a delivery reaches the team's entry", "[team][hub][outcomes]")
{
    Fixture f;
    HubSide one(f, f.a, "hub1", 60'000);
    REQUIRE(one.leases->acquire(kLease, 60'000).value());

    // A 503: the request may have arrived, so unknown for everyone, and nobody else's to send.
    f.x.nextPostAnswers << CannedResponse::json(503, R"({"title":"Service Unavailable"})");
    DrainSummary s = one.drain();
    CHECK(s.delivered == 0);
    CHECK(f.entry(f.a).state == OutboxState::Unknown);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("unknown"));
    CHECK(f.team.value(QStringLiteral("SELECT attempts FROM sportello.outbox")).toInt() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT lease_owner IS NULL FROM sportello.outbox")).toBool());
    CHECK_FALSE(f.team.value(QStringLiteral("SELECT last_error FROM sportello.outbox")).toString().isEmpty());

    // Read back (absent), sent again, refused for good: failed, with the reason.
    f.x.nextPostAnswers << CannedResponse::json(
        400,
        R"({"errors":[{"message":"Invalid reply target"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"})");
    OutboxEntry waiting = f.entry(f.a); // due now instead of after the backoff
    REQUIRE(waiting.state == OutboxState::Unknown);
    REQUIRE(OutboxStore(*f.a.db, f.clock).reschedule(waiting, OutboxState::Unknown, 0, waiting.lastError, 0).value());
    s = one.drain();
    CHECK(s.failed == 1);
    CHECK(f.entry(f.a).state == OutboxState::Failed);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("failed"));
    CHECK(f.team.value(QStringLiteral("SELECT attempts FROM sportello.outbox")).toInt() == 2);
    CHECK(f.team.value(QStringLiteral("SELECT last_error FROM sportello.outbox")).toString() == f.entry(f.a).lastError);
    CHECK(f.tweetPosts() == 2);
}

TEST_CASE("After the team database restarts, the hub's next round connects again and delivers", "[team][hub][faults]")
{
    Fixture f;
    auto connection = f.team.hub("hub1");
    Hub hub(*f.a.db, connection->db(), QStringLiteral("hub-one"), &f.nam, f.tokens, f.clock);
    hub.setConnectorFactory([](sync::ConnectorContext context, const sync::SyncOptions &) {
        return std::make_unique<OnePostConnector>(std::move(context));
    });
    QString error;
    REQUIRE(f.team.server->restart(&error)); // every client loses its connection
    QSqlDatabase admin = f.team.admin->db();
    admin.close(); // the test's own connection, opened again by hand
    REQUIRE(admin.open());
    QSignalSpy rounds(&hub, &Hub::roundFinished);
    REQUIRE(hub.runOnce());
    REQUIRE(rounds.wait(20'000));
    const HubRoundReport report = rounds.takeFirst().at(0).value<HubRoundReport>();
    INFO(report.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(report.ok());
    CHECK(report.drain.delivered == 1);
    CHECK(f.team.outboxState(f.entryId) == QStringLiteral("delivered"));
}
