// Routing at scale (issue 14): --agents agents, each a login with its own PostgreSQL connection on
// a thread of its own, pulling `next` in a loop on a team queue of --threads waiting threads, in a
// real PostgreSQL 15 started by the tests' PgServer with durable settings.
//
// Each agent: next (timed: the one statement sportello.next_thread, as Ctrl+J and `team next` run
// it), then handles the thread it got by a close decision (its own transaction, not timed), and
// again, for --run-seconds. Measured: claims per second over the whole team, the latency of next
// (p50, p95, p99, max), and double assignments counted twice: by the agents (a thread handed to
// two of them) and by the database (a decision held because another agent decided first).
//
//   bench_team_next [--threads 100000] [--agents 50] [--run-seconds 60] [--preset dedicated|skills|mixed]
//                   [--order most_urgent|longest_waiting]
#include "PgServer.h"

#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamSchema.h"
#include "team/TeamWork.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace sportello;
using sportello::test::PgServer;

namespace {

const QString kPassword = QStringLiteral("bench password long enough");

void fail(const QString &message)
{
    std::fprintf(stderr, "bench_team_next: %s\n", qPrintable(message));
}

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

qint64 scalar(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery q(db);
    return q.exec(statement) && q.next() ? q.value(0).toLongLong() : -1;
}

struct AgentRun {
    std::vector<double> nextMs;
    std::vector<QString> threads;
    int atCapacity = 0;
    int none = 0;
    QString error;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("threads"), QStringLiteral("Waiting threads in the queue."), QStringLiteral("n"),
                        QStringLiteral("100000")},
                       {QStringLiteral("agents"), QStringLiteral("Agents pulling next."), QStringLiteral("n"),
                        QStringLiteral("50")},
                       {QStringLiteral("run-seconds"), QStringLiteral("How long they pull."), QStringLiteral("s"),
                        QStringLiteral("60")},
                       {QStringLiteral("preset"), QStringLiteral("Routing preset."), QStringLiteral("name"),
                        QStringLiteral("dedicated")},
                       {QStringLiteral("order"), QStringLiteral("Routing order."), QStringLiteral("order"),
                        QStringLiteral("most_urgent")}});
    parser.process(app);
    const int threadCount = parser.value(QStringLiteral("threads")).toInt();
    const int agentCount = parser.value(QStringLiteral("agents")).toInt();
    const int runSeconds = parser.value(QStringLiteral("run-seconds")).toInt();
    const auto preset = team::routingPresetFromId(parser.value(QStringLiteral("preset")));
    const auto order = team::routingOrderFromId(parser.value(QStringLiteral("order")));
    if (!preset || !order || threadCount < 1 || agentCount < 1 || runSeconds < 1) {
        fail(QStringLiteral("bad arguments"));
        return 2;
    }

    QString error;
    auto server = PgServer::start({.tls = false, .durable = true}, &error);
    if (!server || !server->createDatabase(QStringLiteral("team"), &error)) {
        fail(error);
        return 1;
    }
    const team::TeamUrl url = *team::TeamUrl::parse(server->url(QStringLiteral("team")));
    auto admin = team::TeamConnection::open(url, server->superuserPassword());
    if (!admin || !team::initTeamSchema((*admin)->db())) {
        fail(admin ? QStringLiteral("team init failed") : admin.error());
        return 1;
    }
    const QSqlDatabase adminDb = (*admin)->db();

    // The queue: one inbound post per thread over the last days, categories and languages mixed,
    // under the systematic policy's targets (so "most urgent" mixes categories).
    std::printf("seeding %d waiting threads...\n", threadCount);
    std::fflush(stdout);
    QElapsedTimer seed;
    seed.start();
    {
        QSqlQuery q(adminDb);
        const bool ok =
            q.exec(QStringLiteral(
                "INSERT INTO sportello.policies(name, definition, updated_at) VALUES ('systematic', "
                "'{\"targets\":[{\"category\":\"non_negative\",\"minutes\":60,\"clock\":\"business\"},"
                "{\"category\":\"complaint\",\"minutes\":120,\"clock\":\"business\"},"
                "{\"category\":\"assistance\",\"minutes\":120,\"clock\":\"business\"}]}', 1)")) &&
            q.exec(QStringLiteral("INSERT INTO sportello.settings(key, value) VALUES ('active_policy', 'systematic')"));
        if (!ok) {
            fail(q.lastError().text());
            return 1;
        }
        const qint64 base = nowMs() - qint64(threadCount) * 5000;
        for (int first = 1; first <= threadCount; first += 10000) {
            const int last = std::min(threadCount, first + 9999);
            if (!q.exec(QStringLiteral(
                            "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                            "direction, visibility, created_at, text, category, language) "
                            "SELECT (ARRAY['facebook', 'instagram', 'x'])[1 + g % 3], 'p' || g, 't' || g, 'a' || g, "
                            "'inbound', 'public', %1 + g * 5000::bigint, 'Buongiorno, la pratica ' || g, "
                            "(ARRAY['complaint', 'assistance', 'non_negative'])[1 + (g / 3) % 3], "
                            "(ARRAY['it', 'it', 'en'])[1 + g % 3] FROM generate_series(%2, %3) g")
                            .arg(base)
                            .arg(first)
                            .arg(last))) {
                fail(q.lastError().text());
                return 1;
            }
        }
        (void)q.exec(QStringLiteral("VACUUM ANALYZE"));
    }
    std::printf("seeded in %.1f s; %lld threads waiting\n", seed.elapsed() / 1000.0,
                scalar(adminDb, QStringLiteral("SELECT count(*) FROM sportello.threads WHERE status = 'waiting'")));

    team::RoutingConfig routing = team::RoutingConfig::usingPreset(*preset, team::RoutingConfig{});
    routing.order = *order;
    if (Status s = team::writeRouting(adminDb, routing); !s) {
        fail(s.error());
        return 1;
    }
    // Agents spread over the three departments (the skills preset routes by them).
    const QStringList departments{QStringLiteral("claims office"), QStringLiteral("customer care"),
                                  QStringLiteral("marketing")};
    for (int i = 0; i < agentCount; ++i) {
        team::TeamAgent agent;
        agent.login = QStringLiteral("agent%1").arg(i);
        agent.name = QStringLiteral("Agent %1").arg(i);
        agent.profile.department = departments[i % 3];
        if (Status s = team::addAgent(adminDb, agent, kPassword, nowMs()); !s) {
            fail(s.error());
            return 1;
        }
    }

    std::printf("%d agents pulling next for %d s (preset %s, order %s)...\n", agentCount, runSeconds,
                qPrintable(team::toId(*preset)), qPrintable(team::toId(*order)));
    std::fflush(stdout);
    std::vector<AgentRun> runs(static_cast<size_t>(agentCount));
    std::atomic<bool> go{false};
    std::atomic<int> ready{0};
    std::vector<std::thread> agents;
    QElapsedTimer wall;
    for (int i = 0; i < agentCount; ++i) {
        agents.emplace_back([&, i] {
            AgentRun &run = runs[size_t(i)];
            auto connection = team::TeamConnection::open(url.withUser(QStringLiteral("agent%1").arg(i)), kPassword);
            ++ready;
            if (!connection) {
                run.error = connection.error();
                return;
            }
            const QSqlDatabase db = (*connection)->db();
            while (!go.load())
                std::this_thread::yield();
            const QString desktop = QStringLiteral("desk%1").arg(i);
            QSqlQuery decide(db);
            decide.prepare(QStringLiteral(
                "INSERT INTO sportello.decisions(id, channel, thread_external_id, kind, close_reason, agent_id, "
                "agent_name, decided_at) VALUES (?, ?, ?, 'close', 'handled_elsewhere', ?, ?, ?)"));
            while (wall.elapsed() < runSeconds * 1000LL) {
                QElapsedTimer t;
                t.start();
                auto next = team::nextThread(db, desktop);
                const double ms = double(t.nsecsElapsed()) / 1e6;
                if (!next) {
                    run.error = next.error();
                    return;
                }
                run.nextMs.push_back(ms);
                if (next->outcome == team::NextThread::Outcome::AtCapacity) {
                    ++run.atCapacity;
                    continue;
                }
                if (next->outcome == team::NextThread::Outcome::NoneWaiting) {
                    ++run.none;
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                    continue;
                }
                run.threads.push_back(next->thread.toString());
                decide.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
                decide.addBindValue(next->thread.channel);
                decide.addBindValue(next->thread.externalId);
                decide.addBindValue(QStringLiteral("agent%1").arg(i));
                decide.addBindValue(QStringLiteral("Agent %1").arg(i));
                decide.addBindValue(nowMs());
                if (!decide.exec()) {
                    run.error = decide.lastError().text();
                    return;
                }
            }
        });
    }
    while (ready.load() < agentCount)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    wall.start();
    go = true;
    for (auto &agent : agents)
        agent.join();
    const double seconds = double(wall.elapsed()) / 1000.0;

    std::vector<double> all;
    QHash<QString, int> handedOut;
    int claims = 0, atCapacity = 0, none = 0;
    for (const AgentRun &run : runs) {
        if (!run.error.isEmpty()) {
            fail(run.error);
            return 1;
        }
        all.insert(all.end(), run.nextMs.begin(), run.nextMs.end());
        claims += int(run.threads.size());
        atCapacity += run.atCapacity;
        none += run.none;
        for (const QString &thread : run.threads)
            ++handedOut[thread];
    }
    int doubles = 0;
    for (int n : std::as_const(handedOut))
        doubles += n > 1 ? n - 1 : 0;
    const qint64 held = scalar(adminDb, QStringLiteral("SELECT count(*) FROM sportello.decisions WHERE state = 'held'"));
    const qint64 left = scalar(adminDb, QStringLiteral("SELECT count(*) FROM sportello.threads WHERE status = 'waiting'"));

    std::printf("\nmachine: %s, %d cores; PostgreSQL 15 durable, on the same machine\n",
                qPrintable(QSysInfo::prettyProductName()), int(std::thread::hardware_concurrency()));
    std::printf("| measure | value |\n|---|---|\n");
    std::printf("| next calls | %zu (claimed %d, at capacity %d, none waiting %d) |\n", all.size(), claims, atCapacity,
                none);
    std::printf("| claims per second, whole team | %.0f |\n", claims / seconds);
    std::printf("| next latency p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |\n", percentile(all, 0.5),
                percentile(all, 0.95), percentile(all, 0.99), all.empty() ? 0.0 : *std::max_element(all.begin(), all.end()));
    std::printf("| threads handed to two agents (agents' count) | %d |\n", doubles);
    std::printf("| decisions held by the database (another agent decided first) | %lld |\n", held);
    std::printf("| threads still waiting at the end | %lld of %d |\n", left, threadCount);
    return doubles == 0 && held == 0 ? 0 : 3;
}
