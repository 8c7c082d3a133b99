// The whole team system end to end against a real PostgreSQL 15 (PgServer) and a fake X on a
// local HTTP server, wired as in production: desktops are TeamReplica caches that decide through
// TriageService and push; the hub is team::Hub over its own cache, joined with TeamReplica::join,
// its feed pulled by a TeamReplica on that cache (as app/cli/HubCommands.cpp wires it), delivering
// to the fake X. The faults of issue 13: a desktop offline for a day whose decisions collide with a
// colleague's, a server restart under connected desktops, a hub that dies mid-page, a lost
// notification under a live TeamLink, a dropped TLS connection.
#include "catch_compat.h"

#include "FakeXPlatform.h"
#include "LocalHttpServer.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "sync/Connector.h"
#include "team/Hub.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamLink.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "triage/TriageService.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <memory>
#include <tuple>

using namespace sportello;
using namespace sportello::team;
using namespace sportello::test;

namespace {

const QString kXAccount = QStringLiteral("2222222222");
const QString kAgentPassword = QStringLiteral("a long enough password");
const QString kHubPassword = QStringLiteral("hub-password-0123456789");
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// Thread n is a customer's post on X (n + 1 its id), answering the conversation's first tweet.
QString threadOf(int n) { return QString::number(1700000000000000000LL + 1000LL * n); }
QString postOf(int n) { return QString::number(1700000000000000000LL + 1000LL * n + 1); }

// What the platform has for the hub's connector: the customers' posts, in pages. A connector
// resumes after the pages stored (its cursor is stored with each page, as the real ones do).
struct Mentions {
    QVector<QVector<PostRecord>> pages;
    int commitDelayMs = 0; // a page's transaction stays open this long before its commit
    int pagesStored = 0;   // committed, by every connector so far
    bool pageOpen = false; // a page's transaction is open now
};

class MentionsConnector : public sync::Connector {
public:
    MentionsConnector(sync::ConnectorContext context, Mentions &mentions)
        : Connector(std::move(context)), m_mentions(mentions)
    {}
    ~MentionsConnector() override
    {
        if (m_ingestor)
            m_mentions.pageOpen = false;
    }
    void start() override
    {
        QTimer::singleShot(0, this, [this] { nextPage(); });
    }

private:
    void nextPage()
    {
        const int index = m_mentions.pagesStored;
        if (index >= m_mentions.pages.size() || stopRequested()) {
            m_result.ok = true;
            m_result.stopped = index < m_mentions.pages.size();
            emit finished(m_result);
            return;
        }
        m_ingestor = std::make_unique<Ingestor>(*m_context.database);
        bool ok = m_ingestor->begin().ok();
        for (const PostRecord &p : m_mentions.pages.at(index))
            ok = ok && m_ingestor->add(p).ok();
        if (!ok)
            return fail();
        m_mentions.pageOpen = true;
        QTimer::singleShot(m_mentions.commitDelayMs, this, [this] {
            const bool committed = m_ingestor->commit().ok();
            const int added = m_ingestor->counts().postsAdded;
            m_ingestor.reset();
            m_mentions.pageOpen = false;
            if (!committed)
                return fail();
            ++m_mentions.pagesStored;
            ++m_result.pages;
            m_result.postsAdded += added;
            nextPage();
        });
    }
    void fail()
    {
        m_ingestor.reset();
        m_mentions.pageOpen = false;
        m_result.ok = false;
        m_result.error = QStringLiteral("the page could not be stored");
        emit finished(m_result);
    }

    Mentions &m_mentions;
    // Destroyed mid-page (the hub dies): the page's transaction rolls back.
    std::unique_ptr<Ingestor> m_ingestor;
    sync::SyncResult m_result;
};

// A team database on its own server: two agents (Marta Verdi, Paolo Neri) and a hub login; the
// fake X the hub delivers to; what the platform holds for the hub's connector.
struct System {
    std::unique_ptr<PgServer> server;
    TeamUrl url; // the administrator's
    bool tls = false;
    std::unique_ptr<TeamConnection> admin;
    LocalHttpServer http;
    FakeX x;
    Mentions mentions;
    QNetworkAccessManager nam;
    SystemClock clock;
    accounts::MemoryTokenStore tokens; // the hub's platform tokens
    QTemporaryDir dir;

    explicit System(PgServer::Options options = {}) : tls(options.tls)
    {
        QString error;
        server = PgServer::start(options, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        auto parsed = TeamUrl::parse(server->url(QStringLiteral("team")));
        REQUIRE(parsed.ok());
        url = *parsed;
        openAdmin();
        auto init = initTeamSchema(admin->db());
        INFO(init.error().toStdString());
        REQUIRE(init.ok());
        for (const auto &[login, name, role, password] :
             {std::tuple{QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), AgentRole::Agent, kAgentPassword},
              std::tuple{QStringLiteral("pneri"), QStringLiteral("Paolo Neri"), AgentRole::Agent, kAgentPassword},
              std::tuple{QStringLiteral("hub1"), QStringLiteral("Hub 1"), AgentRole::Hub, kHubPassword}}) {
            const Status added = addAgent(admin->db(), TeamAgent{login, name, role}, password, 1000);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
        REQUIRE(http.listening());
        x.account = kXAccount;
        http.setHandler(QStringLiteral("/2/"), [this](const ReceivedRequest &r) { return x.handle(r); });
    }

    void openAdmin()
    {
        admin.reset();
        auto opened = TeamConnection::open(url, server->superuserPassword());
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        admin = std::move(opened).value();
    }

    // How a desktop or the hub reaches the team: over TLS verified against the server's CA by
    // name (localhost) when the server has TLS.
    TeamUrl agentUrl(const QString &login) const
    {
        if (!tls)
            return url.withUser(login);
        auto parsed =
            TeamUrl::parse(QStringLiteral("postgresql://%1@localhost:%2/team?sslmode=verify-full&sslrootcert=%3")
                               .arg(login)
                               .arg(server->port())
                               .arg(server->caCertificatePath()));
        INFO(parsed.error().toStdString());
        REQUIRE(parsed.ok());
        return *parsed;
    }

    QString hubCachePath() const { return dir.filePath(QStringLiteral("hub.sqlite")); }

    // Customers write on threads first..last (posted two days ago), `perPage` to a page of the
    // hub's connector; the fake X knows each post for the read-back.
    void publish(int first, int last, int perPage = 100)
    {
        const qint64 at = clock.nowMs() - 2 * kDayMs;
        for (int n = first; n <= last; ++n) {
            if (mentions.pages.isEmpty() || mentions.pages.last().size() >= perPage ||
                mentions.pages.size() <= mentions.pagesStored)
                mentions.pages.append(QVector<PostRecord>());
            PostRecord p = inboundPost(threadOf(n), postOf(n), at + n * 1000,
                                       QStringLiteral("Buongiorno, la polizza %1 non risulta attiva").arg(n),
                                       Channel::X);
            p.inReplyTo = threadOf(n);
            mentions.pages.last().append(p);
            x.tellAbout(postOf(n), threadOf(n), p.text, p.author.externalId);
        }
    }

    // The first value a statement returns, as the database's administrator. The test's own
    // connection is opened again once if the server dropped it.
    QVariant value(const QString &statement)
    {
        INFO(statement.toStdString());
        {
            QSqlQuery q(admin->db());
            if (q.exec(statement) && q.next())
                return q.value(0);
        }
        openAdmin();
        QSqlQuery q(admin->db());
        const bool done = q.exec(statement);
        INFO(q.lastError().text().toStdString());
        REQUIRE(done);
        REQUIRE(q.next());
        return q.value(0);
    }
    int count(const QString &statement) { return value(statement).toInt(); }

    void exec(const QString &sql)
    {
        QString error;
        const bool done = server->exec(sql, &error, QStringLiteral("team"));
        INFO(error.toStdString());
        REQUIRE(done);
    }
    // Drops every connection of a login, as a network failure or an administrator would.
    void dropConnections(const QString &login)
    {
        exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '%1'").arg(login));
        REQUIRE(QTest::qWaitFor(
            [&] {
                return count(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = '%1'").arg(login)) ==
                       0;
            },
            5000));
    }

    int tweetPosts() const
    {
        int n = 0;
        for (const auto &r : http.requests())
            n += r.method == "POST" && r.path == QLatin1String("/2/tweets") ? 1 : 0;
        return n;
    }
};

// The hub as `sportello-cli hub` wires it (app/cli/HubCommands.cpp): its own cache joined to the
// team as the hub's login, the X account with its token, the team connection, the replica whose
// pull is the round's feed step.
struct HubNode {
    std::unique_ptr<Database> db;
    accounts::MemoryTokenStore keychain; // the hub login's password, as the system keychain keeps it
    std::unique_ptr<TeamConnection> connection;
    std::unique_ptr<TeamReplica> replica;
    std::unique_ptr<Hub> hub;

    // clock: the hub's (the system's by default).
    explicit HubNode(System &s, const Clock *clock = nullptr)
    {
        const Clock &hubClock = clock ? *clock : s.clock;
        auto opened = openCache(s.hubCachePath());
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        auto membership = TeamMembership::load(db->connection());
        REQUIRE(membership.ok());
        if (!membership->has_value()) {
            auto joined = TeamReplica::join(*db, s.agentUrl(QStringLiteral("hub1")), QStringLiteral("hub1"), QString(),
                                            kHubPassword, s.clock.nowMs());
            INFO(joined.error().toStdString());
            REQUIRE(joined.ok());
            *membership = *joined;
            auto added = accounts::AccountStore(*db).add(Channel::X, kXAccount,
                                                         s.http.url(QStringLiteral("/2")).toString(), QString(), 1000);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
            REQUIRE(s.tokens.write(added->tokenKey(), QStringLiteral("HUB-TOKEN-5d1f0c")).ok());
        }
        REQUIRE(keychain.write(passwordKey((*membership)->url), kHubPassword).ok());
        auto connected = (*membership)->connect(&keychain);
        INFO(connected.error().toStdString());
        REQUIRE(connected.ok());
        connection = std::move(connected).value();
        REQUIRE(requireCurrentTeamSchema(connection->db()).ok());
        replica = std::make_unique<TeamReplica>(*db, hubClock, &keychain);
        auto id = hubIdentity(*db);
        REQUIRE(id.ok());
        HubOptions options;
        options.sync.timeoutMs = 3000;
        hub = std::make_unique<Hub>(*db, connection->db(), *id, &s.nam, s.tokens, hubClock, options);
        hub->setPull([this]() -> Status {
            auto pulled = replica->pull();
            if (!pulled)
                return pulled.failure();
            return {};
        });
        Mentions &mentions = s.mentions;
        hub->setConnectorFactory([&mentions](sync::ConnectorContext context, const sync::SyncOptions &) {
            return std::make_unique<MentionsConnector>(std::move(context), mentions);
        });
    }

    HubRoundReport round()
    {
        QSignalSpy rounds(hub.get(), &Hub::roundFinished);
        REQUIRE(hub->runOnce());
        REQUIRE(rounds.wait(20'000));
        return rounds.takeFirst().at(0).value<HubRoundReport>();
    }
    // A round that must go through.
    HubRoundReport goodRound()
    {
        const HubRoundReport report = round();
        INFO(report.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(report.ok());
        return report;
    }

    int count(const QString &statement) const { return scalar(*db, statement).toInt(); }
};

// An agent's desktop without a window: its cache, a replica of the team; decisions through the
// triage service on the cache, as the console takes them.
struct Desktop {
    TempCache cache;
    ManualClock clock{QDateTime::currentMSecsSinceEpoch()};
    Agent agent;
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<TeamReplica> replica;

    Desktop(System &s, const QString &login, const QString &name) : agent{login, name}
    {
        auto joined = TeamReplica::join(*cache.db, s.agentUrl(login), login, QString(), kAgentPassword, clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(passwordKey(joined->url), kAgentPassword).ok());
        replica = std::make_unique<TeamReplica>(*cache.db, clock, &keychain);
    }

    // A sync that must go through both ways.
    SyncReport sync()
    {
        auto report = replica->syncOnce();
        INFO(report.error().toStdString());
        REQUIRE(report.ok());
        INFO(report->errors.join(QLatin1Char('\n')).toStdString());
        REQUIRE(report->ok());
        return *report;
    }
    // A sync that cannot reach the team.
    void syncFails()
    {
        auto report = replica->syncOnce();
        CHECK((!report.ok() || !report->ok()));
    }

    QString decide(int n, const QString &text, bool offline)
    {
        TriageService triage(*cache.db, clock, agent);
        DecisionRequest request;
        request.threadId = scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'")
                                                 .arg(threadOf(n)))
                               .toLongLong();
        request.kind = DecisionKind::ReplyPublic;
        request.text = text;
        request.decidedOffline = offline;
        auto decided = triage.decide(request);
        INFO(decided.error().toStdString());
        REQUIRE(decided.ok());
        return decided->decisionId;
    }

    int count(const QString &statement) const { return scalar(*cache.db, statement).toInt(); }
};

} // namespace

TEST_CASE("A desktop offline for a day reconnects after a colleague decided some of its threads: those are held, "
          "the rest delivered once",
          "[team][system][faults]")
{
    System s;
    s.publish(1, 4);
    HubNode hub(s);
    CHECK(hub.goodRound().posts.inserted == 4);
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    Desktop paolo(s, QStringLiteral("pneri"), QStringLiteral("Paolo Neri"));
    marta.sync();
    paolo.sync();
    REQUIRE(marta.count(QStringLiteral("SELECT count(*) FROM threads")) == 4);

    // Marta's laptop leaves the network for a day (her login cannot reach the team meanwhile).
    s.exec(QStringLiteral("ALTER ROLE mverdi NOLOGIN"));
    s.dropConnections(QStringLiteral("mverdi"));
    marta.clock.setNowMs(s.clock.nowMs() - kDayMs);
    QStringList martas;
    for (int n = 1; n <= 4; ++n)
        martas << marta.decide(n, QStringLiteral("Marta: la polizza %1 è attiva da oggi.").arg(n), true);
    marta.syncFails();
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM decisions WHERE team_state = 'to_push'")) == 4);

    // Meanwhile Paolo answers threads 2 and 3 and the hub delivers his replies.
    const QString paolo2 = paolo.decide(2, QStringLiteral("Paolo: verifichiamo subito la polizza 2."), false);
    const QString paolo3 = paolo.decide(3, QStringLiteral("Paolo: verifichiamo subito la polizza 3."), false);
    CHECK(paolo.sync().push.decisions == 2);
    CHECK(hub.goodRound().drain.delivered == 2);
    CHECK(s.tweetPosts() == 2);

    // Marta is back: her decisions go up; the two Paolo took first are held.
    s.exec(QStringLiteral("ALTER ROLE mverdi LOGIN"));
    marta.clock.setNowMs(s.clock.nowMs());
    const SyncReport back = marta.sync();
    CHECK(back.push.decisions == 4);
    CHECK(back.push.held == 2);
    for (int n : {2, 3}) {
        INFO("thread " << n);
        const QString id = martas.at(n - 1);
        const QString first = n == 2 ? paolo2 : paolo3;
        CHECK(s.value(QStringLiteral("SELECT state FROM sportello.decisions WHERE id = '%1'").arg(id)).toString() ==
              QLatin1String("held"));
        CHECK(s.value(QStringLiteral("SELECT held_because FROM sportello.decisions WHERE id = '%1'").arg(id))
                  .toString() == first);
        CHECK(s.value(QStringLiteral("SELECT state FROM sportello.outbox WHERE decision_id = '%1'").arg(id))
                  .toString() == QLatin1String("held"));
        CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'decision_held' AND "
                                     "decision_id = '%1'")
                          .arg(id)) == 1);
        CHECK(marta.count(QStringLiteral("SELECT count(*) FROM decisions WHERE id = '%1' AND team_state = 'held' AND "
                                         "held_because = '%2'")
                              .arg(id, first)) == 1);
        const QString reason =
            scalar(*marta.cache.db,
                   QStringLiteral("SELECT state || ': ' || coalesce(last_error, '') FROM outbox WHERE decision_id = '%1'")
                       .arg(id))
                .toString();
        INFO(reason.toStdString());
        CHECK(reason.startsWith(QLatin1String("held: ")));
        CHECK(reason.contains(QLatin1String("Paolo Neri")));
    }
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'decision_held'")) == 2);
    for (int n : {1, 4})
        CHECK(s.value(QStringLiteral("SELECT state FROM sportello.decisions WHERE id = '%1'").arg(martas.at(n - 1)))
                  .toString() == QLatin1String("accepted"));

    // The hub delivers Marta's 1 and 4 (read back first: decided offline), and nothing else, ever.
    const HubRoundReport delivered = hub.goodRound();
    CHECK(delivered.drain.delivered == 2);
    hub.goodRound();
    CHECK(s.tweetPosts() == 4);
    CHECK(s.x.created == 4);
    for (int n = 1; n <= 4; ++n) {
        INFO("thread " << n);
        CHECK(s.x.repliesTo(postOf(n)) == 1);
    }
    for (int n : {1, 4}) {
        INFO("thread " << n);
        CHECK(s.value(QStringLiteral("SELECT state FROM sportello.outbox WHERE decision_id = '%1'")
                          .arg(martas.at(n - 1)))
                  .toString() == QLatin1String("delivered"));
        CHECK(s.http.requestCount(QStringLiteral("/2/tweets/") + postOf(n)) == 1); // the target checked first
    }
    for (int n : {2, 3})
        CHECK(s.http.requestCount(QStringLiteral("/2/tweets/") + postOf(n)) == 0); // sent online: no check
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.outbox WHERE state = 'delivered'")) == 4);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.outbox WHERE state = 'held'")) == 2);
    CHECK(hub.count(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'delivered'")) == 4);
    CHECK(hub.count(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'held'")) == 2);
}

TEST_CASE("The team database restarts under connected desktops: they go on deciding, then every decision arrives "
          "once everywhere and is delivered once",
          "[team][system][faults]")
{
    System s;
    s.publish(1, 6);
    HubNode hub(s);
    hub.goodRound();
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    Desktop paolo(s, QStringLiteral("pneri"), QStringLiteral("Paolo Neri"));
    marta.sync();
    paolo.sync();
    marta.decide(1, QStringLiteral("Marta: risposta 1"), false);
    paolo.decide(2, QStringLiteral("Paolo: risposta 2"), false);
    marta.sync();
    paolo.sync();
    CHECK(hub.goodRound().drain.delivered == 2);

    // The server goes down with everyone connected; the desktops go on deciding locally.
    QString error;
    REQUIRE(s.server->stop(&error));
    marta.decide(3, QStringLiteral("Marta: risposta 3"), true);
    paolo.decide(4, QStringLiteral("Paolo: risposta 4"), true);
    marta.syncFails();
    paolo.syncFails();
    marta.decide(5, QStringLiteral("Marta: risposta 5"), true);
    paolo.decide(6, QStringLiteral("Paolo: risposta 6"), true);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM decisions WHERE team_state = 'to_push'")) == 2);
    CHECK(paolo.count(QStringLiteral("SELECT count(*) FROM decisions WHERE team_state = 'to_push'")) == 2);

    const bool restarted = s.server->restart(&error);
    INFO(error.toStdString());
    REQUIRE(restarted);
    CHECK(marta.sync().push.decisions == 2);
    CHECK(paolo.sync().push.decisions == 2);
    marta.sync(); // Paolo's, pushed after Marta's pull
    // The hub's connections died too: its next round opens them again, pulls and delivers the four.
    CHECK(hub.goodRound().drain.delivered == 4);
    CHECK(hub.goodRound().drain.delivered == 0);

    // Everything exactly once: the team database, both caches, the hub's cache, the platform.
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.decisions")) == 6);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.decisions WHERE state = 'accepted'")) == 6);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.outbox WHERE state = 'delivered'")) == 6);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.outbox")) == 6);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.posts WHERE direction = 'inbound'")) == 6);
    const int audits = marta.count(QStringLiteral("SELECT count(*) FROM audit_log WHERE team_state = 'pushed'")) +
                       paolo.count(QStringLiteral("SELECT count(*) FROM audit_log WHERE team_state = 'pushed'"));
    CHECK(audits > 0);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE agent_login IN ('mverdi', 'pneri')")) ==
          audits);
    for (Desktop *desktop : {&marta, &paolo}) {
        INFO(desktop->agent.name.toStdString());
        CHECK(desktop->count(QStringLiteral("SELECT count(*) FROM decisions")) == 6);
        CHECK(desktop->count(QStringLiteral("SELECT count(DISTINCT id) FROM decisions")) == 6);
        CHECK(desktop->count(QStringLiteral("SELECT count(*) FROM decisions WHERE team_state = 'to_push'")) == 0);
        CHECK(desktop->count(QStringLiteral("SELECT count(*) FROM outbox")) == 6);
        CHECK(desktop->count(QStringLiteral("SELECT count(*) FROM posts WHERE direction = 'inbound'")) == 6);
        CHECK(desktop->count(QStringLiteral("SELECT count(*) FROM threads")) == 6);
    }
    CHECK(hub.count(QStringLiteral("SELECT count(*) FROM decisions")) == 6);
    CHECK(hub.count(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'delivered'")) == 6);
    CHECK(s.tweetPosts() == 6);
    for (int n = 1; n <= 6; ++n) {
        INFO("thread " << n);
        CHECK(s.x.repliesTo(postOf(n)) == 1);
    }
}

// A hub that dies mid-delivery is tested in test_team_hub.cpp ("An entry left sending by a hub
// that died is read back by the next hub, never sent twice", and "A stop during a delivery lets
// it finish, records it, then releases the leases"); here, a hub that dies while storing pages.
TEST_CASE("A hub that stops or dies mid-page: the next hub on the same cache loses and doubles no post",
          "[team][system][faults]")
{
    System s;
    constexpr int kPosts = 15;
    s.publish(1, kPosts, 3); // five pages of three
    s.mentions.commitDelayMs = 300;
    ManualClock restartedAt(s.clock.nowMs());
    auto first = std::make_unique<HubNode>(s);
    QSignalSpy rounds(first->hub.get(), &Hub::roundFinished);
    QSignalSpy stopped(first->hub.get(), &Hub::stopped);
    REQUIRE(first->hub->runOnce());
    // Two pages stored, the third in its transaction.
    REQUIRE(QTest::qWaitFor([&] { return s.mentions.pagesStored == 2 && s.mentions.pageOpen; }, 10'000));

    SECTION("a stop stores the page in hand and sends what was stored")
    {
        first->hub->requestStop();
        REQUIRE(stopped.wait(10'000));
        REQUIRE(rounds.size() == 1);
        const HubRoundReport report = rounds.takeFirst().at(0).value<HubRoundReport>();
        CHECK(report.interrupted);
        CHECK(s.mentions.pagesStored == 3);
        CHECK(report.posts.inserted == 9);
        CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.posts")) == 9);
    }
    SECTION("a hub that dies loses the page in hand, which the next hub fetches again")
    {
        first.reset(); // mid-page: its transaction rolls back, nothing went up
        // The runner going away rolls its page back before it releases its sync lease, so the
        // rollback does not bring the lease back (it did: the account then looked busy until
        // the lease expired).
        {
            auto cache = openCache(s.hubCachePath());
            REQUIRE(cache.ok());
            CHECK(scalar(**cache, QStringLiteral("SELECT count(*) FROM app_state WHERE key LIKE 'sync_lease:%'"))
                      .toInt() == 0);
        }
        // A hub process that is killed releases nothing: its lease expires (core/sync/SyncLease.h),
        // and the next hub syncs once it has.
        restartedAt.advanceMs(5 * 60'000);
        CHECK(s.mentions.pagesStored == 2);
        CHECK_FALSE(s.mentions.pageOpen);
        CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.posts")) == 0);
    }
    first.reset();
    const int storedBefore = s.count(QStringLiteral("SELECT count(*) FROM sportello.posts"));

    // The next hub on the same cache resumes after the pages stored.
    s.mentions.commitDelayMs = 0;
    HubNode next(s, &restartedAt);
    const HubRoundReport report = next.goodRound();
    INFO("held " << report.accountsHeld.join(QLatin1Char(' ')).toStdString() << ", other "
                 << report.accountsOther.join(QLatin1Char(' ')).toStdString() << ", synced pages "
                 << report.sync.pages() << ", error " << report.sync.error.toStdString());
    CHECK(report.posts.inserted == kPosts - storedBefore);
    CHECK(s.mentions.pagesStored == 5);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.posts")) == kPosts);
    CHECK(next.count(QStringLiteral("SELECT count(*) FROM posts")) == kPosts);
    CHECK(next.count(QStringLiteral("SELECT count(DISTINCT external_id) FROM posts")) == kPosts);
    CHECK(next.goodRound().posts.inserted == 0);

    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    marta.sync();
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM posts")) == kPosts);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM threads")) == kPosts);
}

TEST_CASE("A lost notification: the live link's poll finds the dead connection, reconnects and catches up",
          "[team][system][faults][link]")
{
    System s;
    s.publish(1, 3);
    HubNode hub(s);
    hub.goodRound();
    Desktop paolo(s, QStringLiteral("pneri"), QStringLiteral("Paolo Neri"));
    paolo.sync();
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));

    TeamLink link(marta.cache.path, kAgentPassword, s.clock);
    constexpr int kPollMs = 3000;
    link.setPollIntervalMs(kPollMs);
    QSignalSpy rounds(&link, &TeamLink::roundFinished);
    link.start();
    REQUIRE(QTest::qWaitFor([&] { return marta.count(QStringLiteral("SELECT count(*) FROM threads")) == 3; }, 10'000));
    REQUIRE(QTest::qWaitFor([&] { return link.state() == TeamLink::State::Connected; }, 5000));
    const int backend = s.count(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE usename = 'mverdi'"));

    // The link's connection dies quietly, its LISTEN with it: no notification reaches it.
    s.dropConnections(QStringLiteral("mverdi"));
    paolo.decide(1, QStringLiteral("Paolo: risposta 1"), false);
    paolo.decide(2, QStringLiteral("Paolo: risposta 2"), false);
    paolo.sync();
    s.publish(4, 5);
    hub.goodRound();

    // The poll finds the connection dead, a new one catches up from the position held.
    REQUIRE(QTest::qWaitFor(
        [&] {
            return marta.count(QStringLiteral("SELECT count(*) FROM decisions")) == 2 &&
                   marta.count(QStringLiteral("SELECT count(*) FROM threads")) == 5;
        },
        15'000));
    REQUIRE(QTest::qWaitFor([&] { return link.state() == TeamLink::State::Connected; }, 5000));
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = 'mverdi'")) == 1);
    CHECK(s.count(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE usename = 'mverdi'")) != backend);
    // One more round (the poll: nothing else changes meanwhile) applies nothing twice.
    rounds.clear();
    REQUIRE(rounds.wait(2 * kPollMs));
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM decisions")) == 2);
    CHECK(marta.count(QStringLiteral("SELECT count(DISTINCT id) FROM decisions")) == 2);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM outbox")) == 2);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM posts")) == 5);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM threads WHERE external_id IN ('%1', '%2') AND "
                                     "status = 'answered'")
                          .arg(threadOf(1), threadOf(2))) == 2);

    // The new connection LISTENs again: right after a poll, a change arrives well before the next.
    QElapsedTimer arrival;
    arrival.start();
    paolo.decide(3, QStringLiteral("Paolo: risposta 3"), false);
    paolo.sync();
    const bool woken =
        QTest::qWaitFor([&] { return marta.count(QStringLiteral("SELECT count(*) FROM decisions")) == 3; }, kPollMs / 2);
    INFO("arrived after " << arrival.elapsed() << " ms");
    CHECK(woken);
    link.stop();
}

TEST_CASE("A dropped TLS connection: the next sync reconnects over verified TLS and catches up",
          "[team][system][faults][tls]")
{
    PgServer::Options options;
    options.tls = true;
    System s(options);
    s.publish(1, 3);
    HubNode hub(s);
    hub.goodRound();
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    CHECK(marta.replica->status().value().membership.url.sslMode == QLatin1String("verify-full"));
    marta.sync();
    REQUIRE(marta.count(QStringLiteral("SELECT count(*) FROM threads")) == 3);
    const QString sslOf = QStringLiteral("SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) "
                                         "WHERE a.usename = 'mverdi' AND s.ssl");
    CHECK(s.count(sslOf) == 1);
    const int before = s.count(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE usename = 'mverdi'"));

    SECTION("the backend is terminated")
    {
        s.dropConnections(QStringLiteral("mverdi"));
    }
    SECTION("the server restarts")
    {
        QString error;
        const bool restarted = s.server->restart(&error);
        INFO(error.toStdString());
        REQUIRE(restarted);
    }
    s.publish(4, 5);
    CHECK(hub.round().posts.inserted == 2); // the hub's connections are opened again too
    const SyncReport report = marta.sync();
    CHECK(report.pull.changes > 0);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM threads")) == 5);
    CHECK(s.count(sslOf) == 1);
    marta.decide(1, QStringLiteral("Marta: risposta 1"), false);
    CHECK(marta.sync().push.decisions == 1);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = 'mverdi'")) == 1);
    CHECK(s.count(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE usename = 'mverdi'")) != before);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.decisions WHERE agent_login = 'mverdi'")) == 1);
}

TEST_CASE("sportello-cli hub killed with SIGKILL mid-delivery: the restarted hub reads the platform back and sends "
          "nothing twice",
          "[team][system][faults][cli]")
{
    System s;
    s.publish(1, 1);
    {
        // The hub's cache as `team join` and `account add --token-env` leave it: a service takes the
        // token and its team password from its environment.
        HubNode hub(s);
        hub.goodRound();
        REQUIRE(scalar(*hub.db, QStringLiteral("UPDATE accounts SET token_env = 'HUB_X_TOKEN'")).isNull());
        REQUIRE(scalar(*hub.db, QStringLiteral("INSERT OR REPLACE INTO app_state(key, value) "
                                               "VALUES('team_password_env', 'HUB_PASSWORD')"))
                    .isNull());
    }
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    marta.sync();
    marta.decide(1, QStringLiteral("Ci pensiamo noi, le scriviamo in privato."), false);
    marta.sync();
    REQUIRE(s.count(QStringLiteral("SELECT count(*) FROM sportello.outbox WHERE state = 'pending'")) == 1);

    // The platform creates the reply but its answer never comes; the hub is killed meanwhile.
    s.x.hang = true;
    auto startHub = [&](const QStringList &extra) {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        environment.insert(QStringLiteral("HUB_X_TOKEN"), QStringLiteral("HUB-TOKEN-5d1f0c"));
        environment.insert(QStringLiteral("HUB_PASSWORD"), kHubPassword);
        process->setProcessEnvironment(environment);
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->start(QStringLiteral(SPORTELLO_CLI_PATH),
                       QStringList{QStringLiteral("--database"), s.hubCachePath(), QStringLiteral("hub")} + extra);
        REQUIRE(process->waitForStarted(30000));
        return process;
    };
    auto first = startHub({QStringLiteral("--interval"), QStringLiteral("1")});
    const bool sent = QTest::qWaitFor([&] { return s.x.created == 1; }, 30000);
    INFO(QString::fromUtf8(first->readAll()).toStdString());
    REQUIRE(sent);
    REQUIRE(QTest::qWaitFor(
        [&] { return s.count(QStringLiteral("SELECT count(*) FROM sportello.outbox WHERE state = 'sending'")) == 1; },
        10000));
    first->kill(); // SIGKILL: no clean stop, no lease released, the request's outcome unknown
    REQUIRE(first->waitForFinished(10000));
    CHECK(first->exitStatus() == QProcess::CrashExit);

    // The same hub starts again: it takes its own leases back at once, finds its entry left in
    // flight, reads the thread back on X, finds the reply and sends nothing.
    s.x.hang = false;
    auto second = startHub({QStringLiteral("--once")});
    const bool finished = QTest::qWaitFor([&] { return second->state() == QProcess::NotRunning; }, 60000);
    const QString output = QString::fromUtf8(second->readAll());
    INFO(output.toStdString());
    REQUIRE(finished);
    CHECK(s.x.created == 1);
    CHECK(s.tweetPosts() == 1);
    CHECK(s.x.repliesTo(postOf(1)) == 1);
    CHECK(s.value(QStringLiteral("SELECT state FROM sportello.outbox")).toString() == QLatin1String("delivered"));
    CHECK(output.contains(QLatin1String("read back before any resend")));
    marta.sync();
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'delivered'")) == 1);
}

TEST_CASE("A steady stream of colleagues' changes does not put the live link's round off", "[team][system][link]")
{
    System s;
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    TeamLink link(marta.cache.path, kAgentPassword, s.clock);
    link.setPollIntervalMs(600'000); // only notifications wake it in this test
    QSignalSpy rounds(&link, &TeamLink::roundFinished);
    link.start();
    REQUIRE(QTest::qWaitFor([&] { return link.state() == TeamLink::State::Connected; }, 10'000));
    REQUIRE(QTest::qWaitFor([&] { return rounds.count() > 0; }, 10'000)); // the first round, at start
    rounds.clear();

    // Changes closer together than the link's short wait, for longer than it: each wakes the link,
    // and a wake must not start the wait again (it did, and the round came only when they stopped).
    int written = 0;
    bool roundDuringStream = false;
    for (; written < 400 && !roundDuringStream; ++written) {
        QSqlQuery change(s.admin->db());
        REQUIRE(change.exec(
            QStringLiteral("INSERT INTO sportello.settings(key, value) VALUES ('stream-%1', 'x')").arg(written)));
        QTest::qWait(5);
        roundDuringStream = rounds.count() > 0;
    }
    INFO("changes written before a round: " << written);
    CHECK(roundDuringStream);
    link.stop();
}
