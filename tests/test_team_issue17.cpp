// Issue 17 in team mode (team schema 3, cache schema 21) against a real PostgreSQL 15 (PgServer),
// wired as in production (tests/test_team_system.cpp): the app stores' accounts and star ratings
// through the team database; customer care's reports on hand-offs recorded on the hub or on a
// desktop, shared with every replica through the same code path as alone, never pushed back up;
// and a decision on a thread back from customer care, accepted by the team as a desktop alone
// accepts it, held without care's resolution.
#include "catch_compat.h"

#include "FakeXPlatform.h"
#include "LocalHttpServer.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "compose/Drafts.h"
#include "ingest/Ingestor.h"
#include "outbox/Handoff.h"
#include "outbox/HandoffStatus.h"
#include "storage/Sql.h"
#include "sync/Connector.h"
#include "team/Hub.h"
#include "team/HubUpload.h"
#include "team/TeamAccounts.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "triage/TriageService.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <memory>
#include <tuple>

using namespace sportello;
using namespace sportello::outbox;
using namespace sportello::team;
using namespace sportello::test;

namespace {

const QString kXAccount = QStringLiteral("2222222222");
const QString kAgentPassword = QStringLiteral("a long enough password");
const QString kHubPassword = QStringLiteral("hub-password-0123456789");
const QString kAnswer = QStringLiteral("Gentile cliente, il rimborso del sinistro e' stato disposto oggi.");
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QString threadOf(int n) { return QString::number(1700000000000000000LL + 1000LL * n); }
QString postOf(int n) { return QString::number(1700000000000000000LL + 1000LL * n + 1); }

// The customers' posts for the hub's connector, one page per sync.
class PostsConnector : public sync::Connector {
public:
    PostsConnector(sync::ConnectorContext context, QVector<PostRecord> &posts)
        : Connector(std::move(context)), m_posts(posts)
    {}
    void start() override
    {
        QTimer::singleShot(0, this, [this] {
            sync::SyncResult result;
            Ingestor ingestor(*m_context.database);
            result.ok = ingestor.begin().ok();
            for (const PostRecord &p : m_posts)
                result.ok = result.ok && ingestor.add(p).ok();
            result.ok = result.ok && ingestor.commit().ok();
            result.postsAdded = ingestor.counts().postsAdded;
            m_posts.clear();
            emit finished(result);
        });
    }

private:
    QVector<PostRecord> &m_posts;
};

// A team database on its own server: two agents, a hub login, an external confined to Instagram;
// the fake X the hub answers on and customer care's hand-off endpoint.
struct System {
    std::unique_ptr<PgServer> server;
    TeamUrl url;
    std::unique_ptr<TeamConnection> admin;
    LocalHttpServer http;
    FakeX x;
    QVector<PostRecord> pending; // what the hub's connector stores at its next sync
    QNetworkAccessManager nam;
    SystemClock clock;
    accounts::MemoryTokenStore tokens;
    QTemporaryDir dir;
    QByteArray careAnswer = R"({"status":"received","by":"Ufficio reclami"})";

    System()
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
        for (const auto &[login, name, role, password] :
             {std::tuple{QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), AgentRole::Agent, kAgentPassword},
              std::tuple{QStringLiteral("pneri"), QStringLiteral("Paolo Neri"), AgentRole::Agent, kAgentPassword},
              std::tuple{QStringLiteral("ext1"), QStringLiteral("Esterno Uno"), AgentRole::External, kAgentPassword},
              std::tuple{QStringLiteral("hub1"), QStringLiteral("Hub 1"), AgentRole::Hub, kHubPassword}}) {
            const Status added = addAgent(admin->db(), TeamAgent{login, name, role}, password, 1000);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
        exec(QStringLiteral("UPDATE sportello.agents SET scope_channels = '{instagram}' WHERE login = 'ext1'"));
        REQUIRE(http.listening());
        x.account = kXAccount;
        http.setHandler(QStringLiteral("/2/"), [this](const ReceivedRequest &r) { return x.handle(r); });
        http.setHandler(QStringLiteral("/care/"),
                        [this](const ReceivedRequest &) { return CannedResponse::json(201, careAnswer); });
    }

    // Customers write on threads first..last, two days ago.
    void publish(int first, int last)
    {
        const qint64 at = clock.nowMs() - 2 * kDayMs;
        for (int n = first; n <= last; ++n) {
            PostRecord p = inboundPost(threadOf(n), postOf(n), at + n * 1000,
                                       QStringLiteral("Reclamo: il sinistro %1 e' fermo da mesi").arg(n), Channel::X);
            p.inReplyTo = threadOf(n);
            pending.append(p);
            x.tellAbout(postOf(n), threadOf(n), p.text, p.author.externalId);
        }
    }

    QVariant value(const QString &statement)
    {
        INFO(statement.toStdString());
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
    int tweetPosts() const
    {
        int n = 0;
        for (const auto &r : http.requests())
            n += r.method == "POST" && r.path == QLatin1String("/2/tweets") ? 1 : 0;
        return n;
    }
    int careRequests() const
    {
        int n = 0;
        for (const auto &r : http.requests())
            n += r.method == "POST" && r.path.startsWith(QLatin1String("/care/")) ? 1 : 0;
        return n;
    }
};

// The hub as `sportello-cli hub` wires it: its cache joined as hub1, the X account, the hand-off
// endpoint, the replica's pull as the round's feed step.
struct HubNode {
    std::unique_ptr<Database> db;
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<TeamConnection> connection;
    std::unique_ptr<TeamReplica> replica;
    std::unique_ptr<Hub> hub;

    explicit HubNode(System &s)
    {
        auto opened = openCache(s.dir.filePath(QStringLiteral("hub.sqlite")));
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        auto joined = TeamReplica::join(*db, s.url.withUser(QStringLiteral("hub1")), QStringLiteral("hub1"), QString(),
                                        kHubPassword, s.clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        auto added = accounts::AccountStore(*db).add(Channel::X, kXAccount, s.http.url(QStringLiteral("/2")).toString(),
                                                     QString(), 1000);
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
        REQUIRE(s.tokens.write(added->tokenKey(), QStringLiteral("HUB-TOKEN-5d1f0c")).ok());
        REQUIRE(setHandoffEndpoint(*db, s.http.url(QStringLiteral("/care/handoffs")).toString()).ok());
        REQUIRE(keychain.write(passwordKey(joined->url), kHubPassword).ok());
        auto connected = joined->connect(&keychain);
        INFO(connected.error().toStdString());
        REQUIRE(connected.ok());
        connection = std::move(connected).value();
        replica = std::make_unique<TeamReplica>(*db, s.clock, &keychain);
        auto id = hubIdentity(*db);
        REQUIRE(id.ok());
        HubOptions options;
        options.sync.timeoutMs = 3000;
        hub = std::make_unique<Hub>(*db, connection->db(), *id, &s.nam, s.tokens, s.clock, options);
        hub->setPull([this]() -> Status {
            auto pulled = replica->pull();
            if (!pulled)
                return pulled.failure();
            return {};
        });
        QVector<PostRecord> &pending = s.pending;
        hub->setConnectorFactory([&pending](sync::ConnectorContext context, const sync::SyncOptions &) {
            return std::make_unique<PostsConnector>(std::move(context), pending);
        });
    }

    HubRoundReport round()
    {
        QSignalSpy rounds(hub.get(), &Hub::roundFinished);
        REQUIRE(hub->runOnce());
        REQUIRE(rounds.wait(20'000));
        const auto report = rounds.takeFirst().at(0).value<HubRoundReport>();
        INFO(report.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(report.ok());
        return report;
    }
    int count(const QString &statement) const { return scalar(*db, statement).toInt(); }
    QString handoffState(const QString &caseReference) const
    {
        return scalar(*db, QStringLiteral("SELECT state FROM handoffs WHERE case_reference = '%1'").arg(caseReference))
            .toString();
    }
};

// An agent's desktop without a window, as in test_team_system.cpp.
struct Desktop {
    TempCache cache;
    ManualClock clock{QDateTime::currentMSecsSinceEpoch()};
    Agent agent;
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<TeamReplica> replica;

    Desktop(System &s, const QString &login, const QString &name) : agent{login, name}
    {
        auto joined =
            TeamReplica::join(*cache.db, s.url.withUser(login), login, QString(), kAgentPassword, clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(passwordKey(joined->url), kAgentPassword).ok());
        replica = std::make_unique<TeamReplica>(*cache.db, clock, &keychain);
    }

    SyncReport sync()
    {
        clock.setNowMs(QDateTime::currentMSecsSinceEpoch());
        auto report = replica->syncOnce();
        INFO(report.error().toStdString());
        REQUIRE(report.ok());
        INFO(report->errors.join(QLatin1Char('\n')).toStdString());
        REQUIRE(report->ok());
        return *report;
    }

    qint64 thread(int n) const
    {
        return scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(threadOf(n)))
            .toLongLong();
    }

    Result<DecisionOutcome> decide(int n, DecisionKind kind, const QString &text)
    {
        clock.setNowMs(QDateTime::currentMSecsSinceEpoch());
        TriageService triage(*cache.db, clock, agent);
        DecisionRequest request;
        request.threadId = thread(n);
        request.kind = kind;
        request.text = text;
        if (kind == DecisionKind::Forward)
            request.category = Category::Complaint;
        return triage.decide(request);
    }
    DecisionOutcome decided(int n, DecisionKind kind, const QString &text)
    {
        auto outcome = decide(n, kind, text);
        INFO(outcome.error().toStdString());
        REQUIRE(outcome.ok());
        return *outcome;
    }

    // `sportello-cli handoff update` on this desktop.
    HandoffUpdateResult report(const QString &caseReference, HandoffState state, const QString &answer = {})
    {
        clock.setNowMs(QDateTime::currentMSecsSinceEpoch());
        HandoffUpdate update;
        update.caseReference = caseReference;
        update.state = state;
        update.answer = answer;
        update.source = HandoffSource::Cli;
        auto applied = HandoffLoop(*cache.db, clock).apply(update);
        INFO(applied.error().toStdString());
        REQUIRE(applied.ok());
        return *applied;
    }

    std::optional<HandoffStatus> handoff(int n)
    {
        auto status = HandoffLoop(*cache.db, clock).latestForThread(thread(n));
        INFO(status.error().toStdString());
        REQUIRE(status.ok());
        return *status;
    }

    int count(const QString &statement) const { return scalar(*cache.db, statement).toInt(); }
};

} // namespace

TEST_CASE("A store review goes up from the hub with its stars and a replica shows them, and store accounts go through "
          "the team's accounts",
          "[team][issue17][stores]")
{
    System s;
    auto hub = TeamConnection::open(s.url.withUser(QStringLiteral("hub1")), kHubPassword);
    INFO(hub.error().toStdString());
    REQUIRE(hub.ok());

    // The hub's cache serves a Google Play app and an App Store app; --team publishes them.
    TempCache hubCache;
    auto play = accounts::AccountStore(*hubCache.db)
                    .add(Channel::GooglePlay, QStringLiteral("it.sportello.assicura"),
                         QStringLiteral("https://androidpublisher.googleapis.com"), QString(), 1000);
    INFO(play.error().toStdString());
    REQUIRE(play.ok());
    auto apple = accounts::AccountStore(*hubCache.db)
                     .add(Channel::AppStore, QStringLiteral("1234567890"),
                          QStringLiteral("https://api.appstoreconnect.apple.com"), QStringLiteral("ASC_KEY"), 1000);
    INFO(apple.error().toStdString());
    REQUIRE(apple.ok());
    for (const accounts::Account &account : {*play, *apple}) {
        const Status published = publishAccount((*hub)->db(), account);
        INFO(published.error().toStdString());
        CHECK(published.ok());
    }
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.accounts WHERE channel IN ('google_play', "
                                 "'app_store')")) == 2);

    // A one-star review, a five-star one and the company's answer (no stars) go up.
    const qint64 at = s.clock.nowMs() - kDayMs;
    PostRecord angry =
        inboundPost(QStringLiteral("gp:review-1"), QStringLiteral("gp:review-1"), at,
                    QStringLiteral("L'app si chiude quando carico la foto del sinistro"), Channel::GooglePlay);
    angry.rating = 1;
    PostRecord happy = inboundPost(QStringLiteral("as:review-2"), QStringLiteral("as:review-2"), at + 1000,
                                   QStringLiteral("Perfetta per la denuncia online"), Channel::AppStore);
    happy.rating = 5;
    PostRecord answer = outboundPost(QStringLiteral("gp:review-1"), QStringLiteral("gp:review-1:reply"), at + 2000,
                                     QStringLiteral("Ci scusiamo, stiamo correggendo l'errore."), Channel::GooglePlay);
    ingest(*hubCache.db, {angry, happy, answer});
    HubUpload upload(*hubCache.db, (*hub)->db());
    auto uploaded = upload.uploadPosts();
    INFO(uploaded.error().toStdString());
    REQUIRE(uploaded.ok());
    CHECK(uploaded->inserted == 3);
    CHECK(s.value(QStringLiteral("SELECT rating FROM sportello.posts WHERE external_id = 'gp:review-1'")).toInt() == 1);
    CHECK(s.value(QStringLiteral("SELECT rating FROM sportello.posts WHERE external_id = 'as:review-2'")).toInt() == 5);
    CHECK(s.value(QStringLiteral("SELECT rating IS NULL FROM sportello.posts WHERE external_id = 'gp:review-1:reply'"))
              .toBool());
    // The team keeps the cache's rule: no sixth star.
    {
        QSqlQuery q(s.admin->db());
        CHECK_FALSE(q.exec(QStringLiteral("UPDATE sportello.posts SET rating = 6 WHERE external_id = 'gp:review-1'")));
    }

    // A desktop receives both accounts and the reviews with their stars.
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    marta.sync();
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM accounts WHERE channel = 'google_play' AND account_id = "
                                     "'it.sportello.assicura'")) == 1);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM accounts WHERE channel = 'app_store' AND account_id = "
                                     "'1234567890'")) == 1);
    CHECK(marta.count(QStringLiteral("SELECT rating FROM posts WHERE external_id = 'gp:review-1'")) == 1);
    CHECK(marta.count(QStringLiteral("SELECT rating FROM posts WHERE external_id = 'as:review-2'")) == 5);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM posts WHERE external_id = 'gp:review-1:reply' AND rating "
                                     "IS NULL")) == 1);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM team_deferred")) == 0);

    // Withdrawn from the team, it leaves the desktops too.
    REQUIRE(withdrawAccount((*hub)->db(), *play).ok());
    marta.sync();
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM accounts WHERE channel = 'google_play'")) == 0);
}

TEST_CASE("Customer care's reports go up from the hub and from a desktop and reach every replica by the same path, "
          "never pushed back up",
          "[team][issue17][handoff]")
{
    System s;
    s.publish(1, 1);
    HubNode hub(s);
    CHECK(hub.round().posts.inserted == 1);
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    Desktop paolo(s, QStringLiteral("pneri"), QStringLiteral("Paolo Neri"));
    marta.sync();
    paolo.sync();

    // Marta forwards the complaint; the hub delivers it and care's endpoint answers "received".
    const DecisionOutcome forward = marta.decided(1, DecisionKind::Forward, QStringLiteral("Sinistro fermo"));
    REQUIRE_FALSE(forward.caseReference.isEmpty());
    CHECK(marta.sync().push.decisions == 1);
    const HubRoundReport delivered = hub.round();
    CHECK(delivered.drain.delivered == 1);
    CHECK(s.careRequests() == 1);
    CHECK(delivered.handoffUpdates == 1);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.handoff_updates WHERE case_reference = '%1' AND "
                                 "state = 'received' AND source = 'endpoint' AND recorded_by = 'hub1' AND "
                                 "reported_by = 'Ufficio reclami'")
                      .arg(forward.caseReference)) == 1);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'handoff_update'")) == 1);
    CHECK(hub.count(QStringLiteral("SELECT count(*) FROM handoff_updates WHERE team_state = 'pushed'")) == 1);

    // Both desktops learn it through the feed, as their own HandoffLoop records it; the pull names
    // the thread for the console.
    CHECK(marta.sync().pull.handoffThreads == QVector<qint64>{marta.thread(1)});
    CHECK(paolo.sync().pull.handoffThreads == QVector<qint64>{paolo.thread(1)});
    for (Desktop *d : {&marta, &paolo}) {
        INFO(d->agent.name.toStdString());
        const auto h = d->handoff(1);
        REQUIRE(h.has_value());
        CHECK(h->state == HandoffState::Received);
        CHECK(h->source == HandoffSource::Endpoint);
        CHECK(h->reportedBy == QStringLiteral("Ufficio reclami"));
        CHECK(d->count(QStringLiteral("SELECT count(*) FROM handoff_updates WHERE team_state = 'from_team'")) == 1);
        CHECK(d->count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'handoff_update'")) == 1);
    }

    // Paolo records care's resolution from his desktop (`handoff update`); it goes up with his push.
    const HandoffUpdateResult resolved = paolo.report(forward.caseReference, HandoffState::Resolved, kAnswer);
    CHECK(resolved.complaintStopped);
    CHECK(paolo.count(QStringLiteral("SELECT count(*) FROM handoff_updates WHERE team_state = 'to_push'")) == 1);
    auto waiting = paolo.replica->status();
    REQUIRE(waiting.ok());
    CHECK(waiting->handoffUpdatesToPush == 1);
    const SyncReport pushed = paolo.sync();
    CHECK(pushed.push.handoffUpdates == 1);
    CHECK(paolo.count(QStringLiteral("SELECT count(*) FROM handoff_updates WHERE team_state = 'to_push'")) == 0);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.handoff_updates")) == 2);
    CHECK(s.value(QStringLiteral("SELECT state FROM sportello.handoffs")).toString() == QLatin1String("resolved"));
    CHECK(s.value(QStringLiteral("SELECT answer FROM sportello.handoffs")).toString() == kAnswer);

    // Marta's desktop follows: the header's state, care's answer as her draft, the complaint's
    // clock stopped, the thread back with her; nothing of it goes back up.
    marta.sync();
    const auto h = marta.handoff(1);
    REQUIRE(h.has_value());
    CHECK(h->state == HandoffState::Resolved);
    CHECK(h->answer == kAnswer);
    CHECK(h->needsAgent);
    auto draft = DraftStore(*marta.cache.db).load(marta.thread(1));
    REQUIRE(draft.ok());
    REQUIRE(draft->has_value());
    CHECK((*draft)->text == kAnswer);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM complaints WHERE thread_id = %1 AND resolved_at IS NOT NULL")
                          .arg(marta.thread(1))) == 1);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM handoff_updates")) == 2);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM handoff_updates WHERE team_state = 'to_push'")) == 0);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'handoff_update'")) == 2);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM audit_log WHERE team_state = 'to_push'")) == 0);
    // The report's table reads the same on both desktops.
    CHECK(marta.count(QStringLiteral("SELECT resolved_at FROM handoffs")) ==
          paolo.count(QStringLiteral("SELECT resolved_at FROM handoffs")));

    // Another round of everyone changes nothing anywhere.
    CHECK(marta.sync().pull.handoffThreads.isEmpty());
    CHECK(marta.sync().push.handoffUpdates == 0);
    CHECK(paolo.sync().push.handoffUpdates == 0);
    CHECK(hub.round().handoffUpdates == 0);
    CHECK(hub.handoffState(forward.caseReference) == QLatin1String("resolved"));
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.handoff_updates")) == 2);
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'handoff_update'")) == 2);
    CHECK(paolo.count(QStringLiteral("SELECT count(*) FROM handoff_updates")) == 2);
    CHECK(hub.count(QStringLiteral("SELECT count(*) FROM handoff_updates")) == 2);

    // Care reopens the case (Marta records it); then Paolo's resolution goes up again, as after a
    // push whose end his cache never learnt. The team's latest state stays the reopening.
    marta.report(forward.caseReference, HandoffState::InProgress);
    CHECK(marta.sync().push.handoffUpdates == 1);
    CHECK(s.value(QStringLiteral("SELECT state FROM sportello.handoffs")).toString() == QLatin1String("in_progress"));
    REQUIRE(sql::exec(paolo.cache.db->connection(),
                      QStringLiteral("UPDATE handoff_updates SET team_state = 'to_push' WHERE state = 'resolved'"))
                .ok());
    paolo.sync();
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.handoff_updates")) == 3);
    CHECK(s.value(QStringLiteral("SELECT state FROM sportello.handoffs")).toString() == QLatin1String("in_progress"));

    // Only a hub records what care's endpoint answered: an agent's login that claims it is refused.
    QSqlQuery as(s.admin->db());
    REQUIRE(as.exec(QStringLiteral("SET SESSION AUTHORIZATION mverdi")));
    CHECK_FALSE(as.exec(QStringLiteral("INSERT INTO sportello.handoff_updates(id, outbox_id, state, state_at, "
                                       "source, recorded_at) SELECT 'forged-1', outbox_id, 'resolved', 1, "
                                       "'endpoint', 1 FROM sportello.handoffs")));
    CHECK(as.lastError().text().contains(QLatin1String("only a hub")));
    REQUIRE(as.exec(QStringLiteral("RESET SESSION AUTHORIZATION")));
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.handoff_updates")) == 3);

    // A refusal's message names what was wrong, never the row: PostgreSQL's DETAIL would quote
    // care's answer (here an IBAN) into the log and the agent's screen.
    const Status refused = teamExec(
        s.admin->db(), QStringLiteral("INSERT INTO sportello.handoff_updates(id, outbox_id, state, state_at, source, "
                                      "recorded_at, answer) SELECT 'too-long-1', outbox_id, 'resolved', 1, 'cli', 1, "
                                      "repeat('IBAN IT60X0542811101000000123456 ', 300) FROM sportello.handoffs"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.errorKind() == ErrorKind::InvalidInput);
    CHECK(refused.error().contains(QLatin1String("handoff_updates_answer_check")));
    CHECK_FALSE(refused.error().contains(QLatin1String("IT60X")));
}

TEST_CASE("An external login reports on hand-offs of its scope only", "[team][issue17][handoff][scope]")
{
    System s;
    s.publish(1, 1);
    HubNode hub(s);
    hub.round();
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    marta.sync();
    const DecisionOutcome forward = marta.decided(1, DecisionKind::Forward, QStringLiteral("Sinistro fermo"));
    marta.sync();
    hub.round();
    const QString outboxId = forward.outboxId;

    // The thread is on X; ext1's scope is Instagram: the database refuses the report.
    auto external = TeamConnection::open(s.url.withUser(QStringLiteral("ext1")), kAgentPassword);
    INFO(external.error().toStdString());
    REQUIRE(external.ok());
    const QString insert = QStringLiteral("INSERT INTO sportello.handoff_updates(id, outbox_id, state, state_at, "
                                          "source, recorded_at) VALUES ('%1', '%2', 'resolved', 1, 'cli', 1)");
    {
        QSqlQuery q((*external)->db());
        CHECK_FALSE(q.exec(insert.arg(QStringLiteral("ext-report-1"), outboxId)));
        INFO(q.lastError().text().toStdString());
        CHECK(q.lastError().nativeErrorCode() == QLatin1String("42501"));
    }
    // Nor does it see the reports of threads outside its scope.
    {
        QSqlQuery q((*external)->db());
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM sportello.handoff_updates")));
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == 0);
    }
    // Within its scope it may.
    s.exec(QStringLiteral("UPDATE sportello.agents SET scope_channels = '{x}' WHERE login = 'ext1'"));
    {
        QSqlQuery q((*external)->db());
        INFO(q.lastError().text().toStdString());
        CHECK(q.exec(insert.arg(QStringLiteral("ext-report-2"), outboxId)));
    }
    CHECK(s.value(QStringLiteral("SELECT recorded_by FROM sportello.handoff_updates WHERE id = 'ext-report-2'"))
              .toString() == QLatin1String("ext1"));
    // A report on something that is no forward is refused whatever the login.
    {
        QSqlQuery q(s.admin->db());
        CHECK_FALSE(q.exec(insert.arg(QStringLiteral("ext-report-3"), QStringLiteral("no-such-entry"))));
    }
}

TEST_CASE("A reply on a thread back from customer care is accepted by the team once care resolved the hand-off, "
          "and held without it",
          "[team][issue17][handoff][decisions]")
{
    System s;
    s.publish(1, 2);
    HubNode hub(s);
    hub.round();
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    Desktop paolo(s, QStringLiteral("pneri"), QStringLiteral("Paolo Neri"));
    marta.sync();
    paolo.sync();

    // Marta forwards both complaints; the hub delivers them (care acknowledges "received").
    const DecisionOutcome first = marta.decided(1, DecisionKind::Forward, QStringLiteral("Sinistro fermo"));
    const DecisionOutcome second = marta.decided(2, DecisionKind::Forward, QStringLiteral("Sinistro fermo"));
    marta.sync();
    CHECK(hub.round().drain.delivered == 2);
    paolo.sync();

    SECTION("care resolves on the hub: Marta replies with care's answer and the team delivers it")
    {
        // Without a resolution a forwarded thread takes no decision on a desktop.
        auto refused = marta.decide(1, DecisionKind::ReplyPublic, kAnswer);
        CHECK(refused.errorKind() == ErrorKind::Conflict);

        HandoffUpdate update;
        update.caseReference = first.caseReference;
        update.state = HandoffState::Resolved;
        update.answer = kAnswer;
        update.source = HandoffSource::Cli;
        REQUIRE(HandoffLoop(*hub.db, s.clock).apply(update).ok());
        CHECK(hub.round().handoffUpdates == 1);
        marta.sync();
        paolo.sync();
        REQUIRE(marta.handoff(1)->needsAgent);
        REQUIRE(paolo.handoff(1)->needsAgent);

        // Both may reply now; Marta's goes up first and is accepted, Paolo's is held behind hers.
        const DecisionOutcome reply = marta.decided(1, DecisionKind::ReplyPublic, kAnswer);
        const DecisionOutcome late = paolo.decided(1, DecisionKind::ReplyPublic, QStringLiteral("Risolto!"));
        const SyncReport up = marta.sync();
        CHECK(up.push.decisions == 1);
        CHECK(up.push.held == 0);
        CHECK(s.value(QStringLiteral("SELECT state FROM sportello.decisions WHERE id = '%1'").arg(reply.decisionId))
                  .toString() == QLatin1String("accepted"));
        CHECK(
            s.value(
                 QStringLiteral("SELECT back_from_care FROM sportello.decisions WHERE id = '%1'").arg(reply.decisionId))
                .toString() == first.outboxId);
        CHECK(s.value(QStringLiteral("SELECT status FROM sportello.threads WHERE external_id = '%1'").arg(threadOf(1)))
                  .toString() == QLatin1String("answered"));
        CHECK(marta.count(QStringLiteral("SELECT count(*) FROM decisions WHERE id = '%1' AND team_state = "
                                         "'accepted'")
                              .arg(reply.decisionId)) == 1);
        CHECK(paolo.sync().push.held == 1);
        CHECK(
            s.value(QStringLiteral("SELECT held_because FROM sportello.decisions WHERE id = '%1'").arg(late.decisionId))
                .toString() == reply.decisionId);

        // The hub delivers care's answer to the customer, once.
        CHECK(hub.round().drain.delivered == 1);
        hub.round();
        CHECK(s.x.repliesTo(postOf(1)) == 1);
        CHECK(s.tweetPosts() == 1);
        CHECK(
            s.value(QStringLiteral("SELECT state FROM sportello.outbox WHERE decision_id = '%1'").arg(reply.decisionId))
                .toString() == QLatin1String("delivered"));
    }

    SECTION("without care's resolution a second decision on the forwarded post is held")
    {
        // What desktops push: one that had not seen the forward answers the post it forwarded,
        // which the team holds as before (the forward decided that post first); one that saw
        // the thread forwarded names no post.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto push = [&](const QString &id, const QString &target, qint64 at, int thread = 2) {
            QSqlQuery q(s.admin->db());
            REQUIRE(q.prepare(QStringLiteral("INSERT INTO sportello.decisions(id, channel, thread_external_id, "
                                             "target_post, kind, text, agent_id, agent_name, decided_at) VALUES (?, "
                                             "'x', ?, ?, 'reply_public', 'Risolto', 'pneri', 'Paolo Neri', ?)")));
            q.addBindValue(id);
            q.addBindValue(threadOf(thread));
            q.addBindValue(target.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(target));
            q.addBindValue(at);
            INFO(q.lastError().text().toStdString());
            REQUIRE(q.exec());
            return s
                .value(QStringLiteral("SELECT state || ':' || coalesce(held_because, '') FROM "
                                      "sportello.decisions WHERE id = '%1'")
                           .arg(id))
                .toString();
        };
        CHECK(push(QStringLiteral("d-on-post"), postOf(2), now) == QStringLiteral("held:") + second.decisionId);
        CHECK(push(QStringLiteral("d-on-thread"), QString(), now) == QStringLiteral("held:") + second.decisionId);
        // Care only acknowledged, or is working on it: still held.
        HandoffUpdate update;
        update.caseReference = second.caseReference;
        update.state = HandoffState::InProgress;
        update.source = HandoffSource::Cli;
        REQUIRE(HandoffLoop(*hub.db, s.clock).apply(update).ok());
        CHECK(hub.round().handoffUpdates == 1);
        CHECK(push(QStringLiteral("d-in-progress"), QString(), now + 10) ==
              QStringLiteral("held:") + second.decisionId);
        // Resolved: a decision taken before care's resolution was recorded is still held (it did
        // not see care's answer); one taken after it is accepted, and only the first of those.
        update.state = HandoffState::Resolved;
        update.answer = kAnswer;
        REQUIRE(HandoffLoop(*hub.db, s.clock).apply(update).ok());
        CHECK(hub.round().handoffUpdates == 1);
        const qint64 recorded =
            s.value(QStringLiteral("SELECT recorded_at FROM sportello.handoffs WHERE outbox_id = '%1'")
                        .arg(second.outboxId))
                .toLongLong();
        CHECK(push(QStringLiteral("d-before"), QString(), recorded - 1) == QStringLiteral("held:") + second.decisionId);
        CHECK(push(QStringLiteral("d-after"), postOf(2), recorded + 1) == QStringLiteral("accepted:"));
        CHECK(push(QStringLiteral("d-after-2"), QString(), recorded + 2) == QStringLiteral("held:d-after"));
        CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.decisions WHERE back_from_care IS NOT NULL")) ==
              1);
        // Thread 1, whose hand-off care only acknowledged, still holds a reply.
        CHECK(push(QStringLiteral("d-other"), QString(), recorded + 3, 1) ==
              QStringLiteral("held:") + first.decisionId);
    }
}

TEST_CASE("Reports of care that cross each other end in the same state everywhere, and a reopening runs the clock "
          "again on every desktop",
          "[team][issue17][handoff]")
{
    System s;
    s.careAnswer = R"({"received":true})"; // an acknowledgement only: the hand-off is sent
    s.publish(1, 1);
    HubNode hub(s);
    hub.round();
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    Desktop paolo(s, QStringLiteral("pneri"), QStringLiteral("Paolo Neri"));
    marta.sync();
    const DecisionOutcome forward = marta.decided(1, DecisionKind::Forward, QStringLiteral("Sinistro fermo"));
    marta.sync();
    CHECK(hub.round().handoffUpdates == 0);
    paolo.sync();
    marta.sync();
    REQUIRE(marta.handoff(1).has_value());
    CHECK(marta.handoff(1)->state == HandoffState::Sent);

    // Paolo says "in progress" and pushes; on the hub, before its next pull, someone says "received".
    paolo.report(forward.caseReference, HandoffState::InProgress);
    paolo.sync();
    HandoffUpdate received;
    received.caseReference = forward.caseReference;
    received.state = HandoffState::Received;
    received.source = HandoffSource::Cli;
    REQUIRE(HandoffLoop(*hub.db, s.clock).apply(received).ok());
    CHECK(hub.round().handoffUpdates == 1);
    // The team keeps both reports and the newer state; every cache ends "in progress".
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.handoff_updates")) == 2);
    CHECK(s.value(QStringLiteral("SELECT state FROM sportello.handoffs")).toString() == QLatin1String("in_progress"));
    CHECK(hub.handoffState(forward.caseReference) == QLatin1String("in_progress"));
    marta.sync();
    paolo.sync();
    CHECK(marta.handoff(1)->state == HandoffState::InProgress);
    CHECK(paolo.handoff(1)->state == HandoffState::InProgress);
    // The late "received" was left out on the desktops, as if it had been refused there.
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM handoff_updates")) == 1);
    CHECK(marta.count(QStringLiteral("SELECT count(*) FROM team_deferred")) == 0);

    // Care resolves (from Paolo's desktop), then reopens the case (on the hub).
    paolo.report(forward.caseReference, HandoffState::Resolved, kAnswer);
    paolo.sync();
    marta.sync();
    const QString openComplaint = QStringLiteral("SELECT count(*) FROM complaints WHERE thread_id = %1 AND "
                                                 "resolved_at IS NULL");
    CHECK(marta.count(openComplaint.arg(marta.thread(1))) == 0);
    hub.round();
    HandoffUpdate reopened;
    reopened.caseReference = forward.caseReference;
    reopened.state = HandoffState::InProgress;
    reopened.source = HandoffSource::Cli;
    auto reopening = HandoffLoop(*hub.db, s.clock).apply(reopened);
    REQUIRE(reopening.ok());
    CHECK(reopening->complaintReopened);
    CHECK(hub.round().handoffUpdates == 1);
    marta.sync();
    paolo.sync();
    for (Desktop *d : {&marta, &paolo}) {
        INFO(d->agent.name.toStdString());
        CHECK(d->handoff(1)->state == HandoffState::InProgress);
        CHECK_FALSE(d->handoff(1)->needsAgent);
        CHECK(d->count(openComplaint.arg(d->thread(1))) == 1);
        // With care again, the thread takes no decision.
        CHECK(d->decide(1, DecisionKind::ReplyPublic, kAnswer).errorKind() == ErrorKind::Conflict);
    }
    CHECK(s.value(QStringLiteral("SELECT state FROM sportello.handoffs")).toString() == QLatin1String("in_progress"));
}

TEST_CASE("A report the team refuses for good stays on its desktop as refused and holds back nothing",
          "[team][issue17][handoff][scope]")
{
    System s;
    s.exec(QStringLiteral("UPDATE sportello.agents SET scope_channels = '{x}' WHERE login = 'ext1'"));
    s.publish(1, 1);
    HubNode hub(s);
    hub.round();
    Desktop marta(s, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"));
    Desktop outside(s, QStringLiteral("ext1"), QStringLiteral("Esterno Uno"));
    marta.sync();
    const DecisionOutcome forward = marta.decided(1, DecisionKind::Forward, QStringLiteral("Sinistro fermo"));
    marta.sync();
    hub.round();
    outside.sync();
    REQUIRE(outside.handoff(1).has_value());

    // The outside agent relays care's answer; meanwhile the thread leaves its scope.
    outside.report(forward.caseReference, HandoffState::Resolved, kAnswer);
    s.exec(QStringLiteral("UPDATE sportello.agents SET scope_channels = '{instagram}' WHERE login = 'ext1'"));
    const SyncReport report = outside.sync();
    CHECK(report.push.handoffUpdates == 0);
    CHECK(report.push.handoffUpdatesRefused == 1);
    CHECK(outside.count(QStringLiteral("SELECT count(*) FROM handoff_updates WHERE team_state = 'refused'")) == 1);
    // (The hub's report of care's "received", at the delivery, is the team's only one.)
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.handoff_updates WHERE recorded_by = 'ext1'")) == 0);
    CHECK(s.value(QStringLiteral("SELECT state FROM sportello.handoffs")).toString() == QLatin1String("received"));
    // Its audit entry was refused with it, and stays on the desktop only.
    CHECK(s.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'handoff_update' AND "
                                 "agent_login = 'ext1'")) == 0);
    CHECK(outside.count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'handoff_update' AND "
                                       "team_state IS NULL")) == 1);
    // Not tried again.
    CHECK(outside.sync().push.handoffUpdatesRefused == 0);
    auto status = outside.replica->status();
    REQUIRE(status.ok());
    CHECK(status->handoffUpdatesRefused == 1);
    CHECK(status->handoffUpdatesToPush == 0);
}
