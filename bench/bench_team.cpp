// Team mode at scale (issue 13) against a real PostgreSQL 15 started by the tests' PgServer with
// durable settings (fsync, synchronous_commit and full_page_writes on):
//
// 1. a team database of --posts posts seeded by the superuser (INSERT ... SELECT generate_series
//    in chunks; the feed trigger fires for every row): seeding throughput, database size, the
//    feed's share of it;
// 2. a cache offline for --offline-changes changes catching up (a fresh replica whose position is
//    head - N pulling to the head);
// 3. --agents desktops, each a login of role agent with its own SQLite cache and its own TeamLink
//    (the console's live link: one PostgreSQL connection, LISTEN, a round when woken), deciding
//    every --decide-every-ms on a waiting thread of its own while a hub login inserts --new-posts
//    posts in pages of 100 at a steady pace over --run-seconds. A further desktop, the probe,
//    decides once a second and times push() itself.
//
// The agents' caches join after the seed at the feed's head: they hold only what arrives during
// the run (a million posts in each of 50 caches is not practical on the benchmark machine).
//
// Arrival of a colleague's decision: the local time the agent's thread handled the TeamLink round
// that applied it (the console refreshes at that moment), minus decisions.pushed_at (the database's
// clock when the decision was inserted, just before its commit; same machine).
//
//   bench_team [--posts 1000000] [--agents 50] [--new-posts 10000] [--offline-changes 100000]
//              [--run-seconds 300] [--decide-every-ms 8000]
#include "PgServer.h"
#include "SyntheticData.h"

#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "domain/Agent.h"
#include "storage/Database.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamLink.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"
#include "team/TeamSchema.h"
#include "triage/TriageService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

using namespace sportello;
using sportello::test::PgServer;

namespace {

const QString kPassword = QStringLiteral("bench password, long enough");
const QString kTeamDb = QStringLiteral("team");

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

struct Spread {
    qint64 n = 0;
    double p50 = 0, p95 = 0, max = 0;
};

template <typename T>
Spread spreadOf(QVector<T> values)
{
    Spread s;
    s.n = values.size();
    if (values.isEmpty())
        return s;
    std::sort(values.begin(), values.end());
    const auto at = [&](double p) {
        return double(values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size()))));
    };
    s.p50 = at(0.5);
    s.p95 = at(0.95);
    s.max = double(values.last());
    return s;
}

void fail(const QString &what)
{
    std::fprintf(stderr, "bench_team: %s\n", qPrintable(what));
    std::fflush(stderr);
}

// One value of a query on an open connection (-1 on failure, printed).
qint64 scalar(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery q(db);
    if (!q.exec(statement) || !q.next()) {
        fail(statement + QStringLiteral(": ") + q.lastError().text());
        return -1;
    }
    return q.value(0).toLongLong();
}

// What one simulated desktop did; written by its own thread only, read after it ended.
struct Desk {
    int index = 0;
    QString login;
    QString cachePath;
    QVector<QPair<QString, qint64>> arrivals; // decision id, local time its round was handled
    QVector<QPair<QString, qint64>> decided;  // own decision id, local time decided
    QVector<qint64> pushMs;                   // the probe only: push() of one decision
    int rounds = 0;
    int roundErrors = 0;
    int nothingToDecide = 0;
    int decideFailures = 0; // the local decision itself failed (the cache was busy too long)
    QString error;
};

// The thread a desk decides on: waiting, from the hub (n<k>), and its own share of them (k mod
// shares), so colleagues do not decide the same thread (as a team that routes work would not).
qint64 waitingThread(const QSqlDatabase &cache, int share, int shares)
{
    QSqlQuery q(cache);
    q.prepare(QStringLiteral("SELECT id FROM threads WHERE status = 'waiting' AND external_id LIKE 'n%' "
                             "AND CAST(substr(external_id, 2) AS INTEGER) % ? = ? LIMIT 1"));
    q.addBindValue(shares);
    q.addBindValue(share);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

Result<QString> decideOn(Database &cache, const Clock &clock, const Desk &desk, qint64 threadId)
{
    TriageService triage(cache, clock, Agent{desk.login, QStringLiteral("Agent %1").arg(desk.index)});
    DecisionRequest request;
    request.threadId = threadId;
    request.kind = DecisionKind::ReplyPublic;
    request.text = QStringLiteral("Gentile cliente, la ricontattiamo oggi stesso.");
    auto decided = triage.decide(request);
    if (!decided)
        return decided.failure();
    return decided->decisionId;
}

// An agent's desktop: its cache, a TeamLink, a decision every decideEveryMs (first one at a random
// moment in the first period), the decisions that come down recorded as they arrive.
void runAgent(Desk &desk, int shares, int decideEveryMs, const std::atomic<bool> &deciding,
              const std::atomic<bool> &stop)
{
    static const SystemClock clock;
    auto opened = openCache(desk.cachePath);
    if (!opened) {
        desk.error = opened.error();
        return;
    }
    std::unique_ptr<Database> cache = std::move(opened).value();
    QEventLoop loop;
    auto link = std::make_unique<team::TeamLink>(desk.cachePath, kPassword, clock);
    qint64 lastRow = 0;
    const auto observe = [&] {
        QSqlQuery q(cache->connection());
        q.prepare(QStringLiteral("SELECT rowid, id FROM decisions WHERE rowid > ? ORDER BY rowid"));
        q.addBindValue(lastRow);
        if (!q.exec())
            return;
        const qint64 at = nowMs();
        while (q.next()) {
            lastRow = q.value(0).toLongLong();
            desk.arrivals.push_back({q.value(1).toString(), at});
        }
    };
    QObject::connect(link.get(), &team::TeamLink::roundFinished, link.get(), [&](const team::SyncReport &report) {
        ++desk.rounds;
        if (!report.ok())
            ++desk.roundErrors;
        if (report.pull.changes > 0)
            observe();
    });
    QTimer decideTimer;
    decideTimer.setInterval(decideEveryMs);
    QObject::connect(&decideTimer, &QTimer::timeout, [&] {
        if (!deciding.load())
            return;
        const qint64 thread = waitingThread(cache->connection(), desk.index, shares);
        if (thread == 0) {
            ++desk.nothingToDecide;
            return;
        }
        auto id = decideOn(*cache, clock, desk, thread);
        if (!id) {
            ++desk.decideFailures;
            desk.error = id.error();
            return;
        }
        desk.decided.push_back({*id, nowMs()});
        link->syncSoon(); // as the console does after a decision
    });
    QTimer::singleShot(int(QRandomGenerator::global()->bounded(decideEveryMs)), &decideTimer,
                       [&] { decideTimer.start(); });
    QTimer stopWatch;
    QObject::connect(&stopWatch, &QTimer::timeout, [&] {
        if (stop.load())
            loop.quit();
    });
    stopWatch.start(100);
    link->start();
    loop.exec();
    decideTimer.stop();
    link.reset(); // joins the link's worker
    observe();    // what the last round brought
}

// The probe desktop: every probeEveryMs a pull, a decision and push(), timed.
void runProbe(Desk &desk, int shares, int probeEveryMs, const std::atomic<bool> &deciding,
              const std::atomic<bool> &stop)
{
    static const SystemClock clock;
    auto opened = openCache(desk.cachePath);
    if (!opened) {
        desk.error = opened.error();
        return;
    }
    std::unique_ptr<Database> cache = std::move(opened).value();
    accounts::MemoryTokenStore keychain;
    auto membership = team::TeamMembership::load(cache->connection());
    if (!membership || !membership->has_value()) {
        desk.error = QStringLiteral("the probe's cache is not joined");
        return;
    }
    (void)keychain.write(team::passwordKey(membership->value().url), kPassword);
    team::TeamReplica replica(*cache, clock, &keychain);
    while (deciding.load() && !stop.load()) {
        QElapsedTimer tick;
        tick.start();
        if (auto pulled = replica.pull(); !pulled)
            ++desk.roundErrors;
        ++desk.rounds;
        if (const qint64 thread = waitingThread(cache->connection(), desk.index, shares); thread != 0) {
            auto id = decideOn(*cache, clock, desk, thread);
            if (!id) {
                desk.error = id.error();
                return;
            }
            desk.decided.push_back({*id, nowMs()});
            QElapsedTimer push;
            push.start();
            auto pushed = replica.push();
            if (!pushed || pushed->decisions != 1) {
                desk.error = pushed ? QStringLiteral("push sent %1 decisions").arg(pushed->decisions) : pushed.error();
                return;
            }
            desk.pushMs.push_back(push.nsecsElapsed() / 1000); // µs
        } else {
            ++desk.nothingToDecide;
        }
        const qint64 rest = probeEveryMs - tick.elapsed();
        if (rest > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(rest));
    }
}

struct HubRun {
    QVector<qint64> pageMs;
    QString error;
};

// The hub: pages of 100 new posts (threads n<k>), one transaction each, at a steady pace.
void runHub(HubRun &hub, const team::TeamUrl &url, int newPosts, qint64 runMs)
{
    auto connection = team::TeamConnection::open(url.withUser(QStringLiteral("hub")), kPassword);
    if (!connection) {
        hub.error = connection.error();
        return;
    }
    const QSqlDatabase db = (*connection)->db();
    const int pages = (newPosts + 99) / 100;
    const qint64 every = std::max<qint64>(1, runMs / std::max(1, pages));
    QElapsedTimer run;
    run.start();
    for (int page = 0; page < pages; ++page) {
        const qint64 due = page * every;
        if (due > run.elapsed())
            std::this_thread::sleep_for(std::chrono::milliseconds(due - run.elapsed()));
        const int first = page * 100 + 1;
        const int last = std::min(newPosts, first + 99);
        QElapsedTimer t;
        t.start();
        QSqlDatabase(db).transaction();
        QSqlQuery q(db);
        const bool ok = q.exec(
            QStringLiteral(
                "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                "author_handle, author_name, direction, visibility, created_at, text, language) "
                "SELECT 'x', 'n' || g, 'n' || g, 'na' || g, 'cliente' || g, 'Cliente ' || g, 'inbound', 'public', "
                "%1, 'Buongiorno, il sinistro ' || g || ' non risulta ancora liquidato: potete aiutarmi?', 'it' "
                "FROM generate_series(%2, %3) g ON CONFLICT (channel, external_id) DO NOTHING")
                .arg(nowMs())
                .arg(first)
                .arg(last));
        if (!ok) {
            hub.error = q.lastError().text();
            QSqlDatabase(db).rollback();
            return;
        }
        if (!QSqlDatabase(db).commit()) {
            hub.error = db.lastError().text();
            return;
        }
        hub.pageMs.push_back(t.nsecsElapsed() / 1000); // µs
    }
}

Result<std::unique_ptr<Database>> joinedCache(const QString &path, const team::TeamUrl &url, const QString &login,
                                              qint64 position)
{
    auto opened = openCache(path);
    if (!opened)
        return opened.failure();
    std::unique_ptr<Database> cache = std::move(opened).value();
    auto joined = team::TeamReplica::join(*cache, url, login, QString(), kPassword, nowMs());
    if (!joined)
        return joined.failure();
    if (Status s = team::TeamMembership::saveFeedPosition(cache->connection(), position); !s)
        return s.failure();
    return cache;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const auto option = [&](const char *name, const char *what, const char *value) {
        parser.addOption({QLatin1String(name), QLatin1String(what), QStringLiteral("N"), QLatin1String(value)});
    };
    option("posts", "Posts seeded in the team database.", "1000000");
    option("agents", "Simulated agents, each with its own login, connection and cache.", "50");
    option("new-posts", "Posts the hub inserts during the run, in pages of 100.", "10000");
    option("offline-changes", "Changes a cache that was offline catches up.", "100000");
    option("run-seconds", "Length of the run (the hub's pages spread over it).", "300");
    option("decide-every-ms", "Each agent decides once per this many milliseconds.", "8000");
    option("chunk", "Posts per seeding statement.", "50000");
    parser.process(app);
    const int posts = parser.value(QStringLiteral("posts")).toInt();
    const int agents = std::max(2, parser.value(QStringLiteral("agents")).toInt());
    const int newPosts = parser.value(QStringLiteral("new-posts")).toInt();
    const int offlineChanges = parser.value(QStringLiteral("offline-changes")).toInt();
    const int runSeconds = parser.value(QStringLiteral("run-seconds")).toInt();
    const int decideEveryMs = parser.value(QStringLiteral("decide-every-ms")).toInt();
    const int chunk = std::max(1000, parser.value(QStringLiteral("chunk")).toInt());

    QString error;
    auto server = PgServer::start({.tls = false, .durable = true}, &error);
    if (!server || !server->createDatabase(kTeamDb, &error)) {
        fail(error);
        return 1;
    }
    auto parsedUrl = team::TeamUrl::parse(server->url(kTeamDb));
    if (!parsedUrl) {
        fail(parsedUrl.error());
        return 1;
    }
    const team::TeamUrl url = *parsedUrl;
    auto admin = team::TeamConnection::open(url, server->superuserPassword());
    if (!admin || !team::initTeamSchema((*admin)->db())) {
        fail(admin ? QStringLiteral("team init failed") : admin.error());
        return 1;
    }
    const QSqlDatabase adminDb = (*admin)->db();

    // 1. The seed, as the superuser, chunk by chunk (one transaction each).
    std::printf("seeding %d posts in chunks of %d (durable PostgreSQL, feed trigger per row)...\n", posts, chunk);
    std::fflush(stdout);
    const qint64 seedBase = nowMs() - qint64(posts) * 1000;
    QElapsedTimer seedTimer;
    seedTimer.start();
    for (int first = 1; first <= posts; first += chunk) {
        const int last = std::min(posts, first + chunk - 1);
        QSqlQuery q(adminDb);
        if (!q.exec(QStringLiteral(
                        "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                        "author_handle, author_name, direction, visibility, created_at, text, language) "
                        "SELECT (ARRAY['facebook', 'instagram', 'x'])[1 + g % 3], 's' || g, 'st' || (g / 4), "
                        "'a' || (g % 50000), 'cliente' || (g % 50000), 'Cliente ' || (g % 50000), 'inbound', "
                        "'public', %1 + g * 1000::bigint, "
                        "'Buongiorno, ho un problema con la polizza numero ' || g || ': la disdetta non risulta', "
                        "'it' FROM generate_series(%2, %3) g")
                        .arg(seedBase)
                        .arg(first)
                        .arg(last))) {
            fail(q.lastError().text());
            return 1;
        }
    }
    const qint64 seedMs = seedTimer.elapsed();
    (void)QSqlQuery(adminDb).exec(QStringLiteral("CHECKPOINT"));
    (void)QSqlQuery(adminDb).exec(QStringLiteral("VACUUM ANALYZE sportello.posts"));
    (void)QSqlQuery(adminDb).exec(QStringLiteral("VACUUM ANALYZE sportello.changes"));
    const qint64 dbBytes = scalar(adminDb, QStringLiteral("SELECT pg_database_size(current_database())"));
    const qint64 changesBytes = scalar(adminDb, QStringLiteral("SELECT pg_total_relation_size('sportello.changes')"));
    const qint64 postsBytes = scalar(adminDb, QStringLiteral("SELECT pg_total_relation_size('sportello.posts')"));
    const qint64 seededHead = scalar(adminDb, QStringLiteral("SELECT max(seq) FROM sportello.changes"));
    std::printf("seeded in %.1f s: %.0f posts/s; database %.0f MiB\n", seedMs / 1000.0,
                posts * 1000.0 / std::max<qint64>(1, seedMs), dbBytes / 1048576.0);
    std::fflush(stdout);

    QTemporaryDir dir(QStringLiteral("/tmp/bench-team-XXXXXX"));

    // The agents' logins (and the hub's and the probe's).
    const qint64 addStart = nowMs();
    for (int i = 0; i < agents; ++i) {
        if (Status s = team::addAgent(
                adminDb, {QStringLiteral("agent%1").arg(i), QStringLiteral("Agent %1").arg(i), team::AgentRole::Agent},
                kPassword, addStart);
            !s) {
            fail(s.error());
            return 1;
        }
    }
    for (const auto &[login, role] : {std::pair{QStringLiteral("probe"), team::AgentRole::Agent},
                                      std::pair{QStringLiteral("hub"), team::AgentRole::Hub}}) {
        if (Status s = team::addAgent(adminDb, {login, login, role}, kPassword, addStart); !s) {
            fail(s.error());
            return 1;
        }
    }

    // 2. A cache offline for offlineChanges changes: a fresh replica at head - N pulls to the head.
    const qint64 head = scalar(adminDb, QStringLiteral("SELECT max(seq) FROM sportello.changes"));
    const qint64 offlineFrom = std::max<qint64>(0, head - offlineChanges);
    qint64 catchUpMs = 0, statusMs = 0;
    team::PullReport catchUp;
    {
        auto cache =
            joinedCache(dir.filePath(QStringLiteral("offline.sqlite")), url, QStringLiteral("probe"), offlineFrom);
        if (!cache) {
            fail(cache.error());
            return 1;
        }
        SystemClock clock;
        accounts::MemoryTokenStore keychain;
        auto membership = team::TeamMembership::load((*cache)->connection());
        (void)keychain.write(team::passwordKey(membership->value().url), kPassword);
        team::TeamReplica replica(**cache, clock, &keychain);
        if (Status s = replica.connect(); !s) {
            fail(s.error());
            return 1;
        }
        QElapsedTimer t;
        t.start();
        auto pulled = replica.pull();
        catchUpMs = t.elapsed();
        if (!pulled) {
            fail(pulled.error());
            return 1;
        }
        catchUp = *pulled;
        // What `team status` costs on a database this size (it counts the changes not yet held).
        t.restart();
        auto status = replica.status();
        statusMs = t.elapsed();
        if (!status)
            fail(status.error());
    }
    std::printf("offline cache: %d changes caught up in %.1f s\n", catchUp.changes, catchUpMs / 1000.0);
    std::fflush(stdout);

    // 3. The desks join at the head (they hold only what arrives during the run).
    const qint64 runHead = scalar(adminDb, QStringLiteral("SELECT max(seq) FROM sportello.changes"));
    std::vector<Desk> desks(agents + 1);
    for (int i = 0; i <= agents; ++i) {
        Desk &desk = desks[i];
        desk.index = i;
        desk.login = i < agents ? QStringLiteral("agent%1").arg(i) : QStringLiteral("probe");
        desk.cachePath = dir.filePath(QStringLiteral("%1.sqlite").arg(desk.login));
        auto cache = joinedCache(desk.cachePath, url, desk.login, runHead);
        if (!cache) {
            fail(cache.error());
            return 1;
        }
    }
    std::printf("run: %d agents deciding every %d ms, the hub inserting %d posts over %d s...\n", agents, decideEveryMs,
                newPosts, runSeconds);
    std::fflush(stdout);

    std::atomic<bool> deciding{true};
    std::atomic<bool> stop{false};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < agents; ++i) {
        threads.emplace_back(
            QThread::create([&, i] { runAgent(desks[i], agents + 1, decideEveryMs, deciding, stop); }));
        threads.back()->start();
    }
    constexpr int kProbeEveryMs = 1000;
    threads.emplace_back(QThread::create([&] { runProbe(desks[agents], agents + 1, kProbeEveryMs, deciding, stop); }));
    threads.back()->start();
    HubRun hub;
    std::unique_ptr<QThread> hubThread(QThread::create([&] { runHub(hub, url, newPosts, qint64(runSeconds) * 1000); }));
    hubThread->start();

    // Connections per desktop, half-way through.
    std::this_thread::sleep_for(std::chrono::seconds(std::max(1, runSeconds / 2)));
    int mostPerAgent = 0, fewestPerAgent = 1 << 30, agentsSeen = 0;
    {
        QSqlQuery q(adminDb);
        if (q.exec(QStringLiteral("SELECT usename, count(*) FROM pg_stat_activity WHERE usename LIKE 'agent%' "
                                  "GROUP BY usename"))) {
            while (q.next()) {
                ++agentsSeen;
                mostPerAgent = std::max(mostPerAgent, q.value(1).toInt());
                fewestPerAgent = std::min(fewestPerAgent, q.value(1).toInt());
            }
        }
    }
    const qint64 totalConnections =
        scalar(adminDb, QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"));
    hubThread->wait();
    // Deciding ends with the hub's last page; the last decisions go up and come down.
    deciding = false;
    std::this_thread::sleep_for(std::chrono::seconds(5));
    stop = true;
    for (auto &thread : threads)
        thread->wait();
    if (!hub.error.isEmpty())
        fail(QStringLiteral("hub: ") + hub.error);

    // What the team database made of the decisions, by id.
    struct Pushed {
        qint64 pushedAt = 0;
        QString login;
    };
    QHash<QString, Pushed> pushed;
    {
        QSqlQuery q(adminDb);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, pushed_at, agent_login FROM sportello.decisions"))) {
            fail(q.lastError().text());
            return 1;
        }
        while (q.next())
            pushed.insert(q.value(0).toString(), {q.value(1).toLongLong(), q.value(2).toString()});
    }
    const qint64 heldCount =
        scalar(adminDb, QStringLiteral("SELECT count(*) FROM sportello.decisions WHERE state = 'held'"));
    const qint64 endHead = scalar(adminDb, QStringLiteral("SELECT max(seq) FROM sportello.changes"));
    QVector<qint64> arrival, upMs;
    qint64 expectedPairs = 0, decidedTotal = 0, decideFailures = 0, errors = 0, rounds = 0, roundErrors = 0, idle = 0;
    for (const Desk &desk : desks) {
        if (!desk.error.isEmpty()) {
            ++errors;
            fail(desk.login + QStringLiteral(": ") + desk.error);
        }
        rounds += desk.rounds;
        roundErrors += desk.roundErrors;
        idle += desk.nothingToDecide;
        decideFailures += desk.decideFailures;
        decidedTotal += desk.decided.size();
        for (const auto &[id, at] : desk.decided) {
            // Each of the other agents (not the probe) should receive it.
            expectedPairs += desk.index < agents ? agents - 1 : agents;
            if (desk.index < agents && pushed.contains(id))
                upMs.push_back(pushed.value(id).pushedAt - at);
        }
        if (desk.index == agents)
            continue;
        for (const auto &[id, at] : desk.arrivals) {
            const auto found = pushed.constFind(id);
            if (found == pushed.constEnd() || found->login == desk.login)
                continue;
            arrival.push_back(at - found->pushedAt);
        }
    }
    const Spread lat = spreadOf(arrival);
    const Spread up = spreadOf(upMs);
    const Spread push = spreadOf(desks[agents].pushMs);
    const Spread page = spreadOf(hub.pageMs);

    const double perMillion = 1'000'000.0 / std::max(1, posts);
    std::printf("\n## bench_team: %d posts, %d agents, %d new posts over %d s, one decision per agent every %d ms\n\n",
                posts, agents, newPosts, runSeconds, decideEveryMs);
    std::printf("| measure | target | measured |\n|---|---|---|\n");
    std::printf("| seeding (superuser, INSERT ... SELECT generate_series, %d per statement, feed trigger per row) | — "
                "| %d posts in %.1f s: %.0f posts/s |\n",
                chunk, posts, seedMs / 1000.0, posts * 1000.0 / std::max<qint64>(1, seedMs));
    std::printf("| team database size | — | %.0f MiB (%.0f MiB per million posts) |\n", dbBytes / 1048576.0,
                dbBytes / 1048576.0 * perMillion);
    std::printf(
        "| of which sportello.changes (the feed) | — | %.0f MiB (%.0f%%; %.0f MiB per million posts), %lld changes |\n",
        changesBytes / 1048576.0, 100.0 * changesBytes / std::max<qint64>(1, dbBytes),
        changesBytes / 1048576.0 * perMillion, static_cast<long long>(seededHead));
    std::printf("| of which sportello.posts | — | %.0f MiB (%.0f%%) |\n", postsBytes / 1048576.0,
                100.0 * postsBytes / std::max<qint64>(1, dbBytes));
    std::printf("| catch-up of a cache offline for %d changes (fresh cache, pages of 500) | < 30 s | %.1f s: %.0f "
                "changes/s (%d pages) |\n",
                catchUp.changes, catchUpMs / 1000.0, catchUp.changes * 1000.0 / std::max<qint64>(1, catchUpMs),
                catchUp.pages);
    std::printf("| `team status` (TeamReplica::status) on this database | — | %lld ms |\n",
                static_cast<long long>(statusMs));
    std::printf("| colleague's decision: committed in the team database -> in another agent's cache, all (decision, "
                "other agent) pairs | p95 < 1 s, aim 250 ms | p50 %.0f ms, p95 %.0f ms, max %.0f ms (%lld pairs of "
                "%lld expected) |\n",
                lat.p50, lat.p95, lat.max, static_cast<long long>(lat.n), static_cast<long long>(expectedPairs));
    std::printf("| push of one decision (probe desktop: TeamReplica::push with its outbox and audit entries) | — | p50 "
                "%.2f ms, p95 %.2f ms, max %.2f ms (n=%lld) |\n",
                push.p50 / 1000, push.p95 / 1000, push.max / 1000, static_cast<long long>(push.n));
    std::printf("| agent's decision taken -> committed in the team database (TeamLink: 50 ms debounce, round) | — | "
                "p50 %.0f ms, p95 %.0f ms, max %.0f ms (n=%lld) |\n",
                up.p50, up.p95, up.max, static_cast<long long>(up.n));
    std::printf("| hub page of 100 posts (one transaction, under the feed lock) | — | p50 %.2f ms, p95 %.2f ms, max "
                "%.2f ms (%lld pages) |\n",
                page.p50 / 1000, page.p95 / 1000, page.max / 1000, static_cast<long long>(page.n));
    std::printf("| connections per agent login (pg_stat_activity, half-way) | <= 2 | %d to %d (%d agents seen; %lld "
                "client connections in all) |\n",
                fewestPerAgent == (1 << 30) ? 0 : fewestPerAgent, mostPerAgent, agentsSeen,
                static_cast<long long>(totalConnections));
    std::printf("| decisions taken | — | %lld (%lld held; %lld failed locally: the cache busy past its 5 s timeout; "
                "%lld times an agent found nothing of its own waiting) |\n",
                static_cast<long long>(decidedTotal), static_cast<long long>(heldCount),
                static_cast<long long>(decideFailures), static_cast<long long>(idle));
    std::printf("| TeamLink rounds | — | %lld (%lld with an error); feed %lld -> %lld |\n",
                static_cast<long long>(rounds), static_cast<long long>(roundErrors), static_cast<long long>(runHead),
                static_cast<long long>(endHead));
    std::printf("| peak resident memory of this process (%d caches and links) | — | %.0f MiB |\n", agents + 1,
                bench::peakResidentMiB());
    std::printf(
        "\nAgents' caches joined at the feed's head after the seed: they hold only what arrived during the run.\n");
    return errors == 0 && hub.error.isEmpty() ? 0 : 1;
}
