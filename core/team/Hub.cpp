#include "team/Hub.h"

#include "accounts/Accounts.h"
#include "common/Clock.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamDatabase.h"
#include "team/TeamLog.h"
#include "team/TeamReplicaInternal.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QUuid>
#include <algorithm>

namespace sportello::team {

namespace {

constexpr const char *kHubIdKey = "hub_id";

} // namespace

Result<QString> hubIdentity(Database &cache)
{
    QSqlQuery q(cache.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    q.addBindValue(QLatin1String(kHubIdKey));
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (q.next())
        return q.value(0).toString();
    const QString id = QStringLiteral("hub-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery insert(cache.connection());
    if (Status s = sql::prepare(insert, QStringLiteral("INSERT INTO app_state(key, value) VALUES (?, ?)")); !s)
        return s.failure();
    insert.addBindValue(QLatin1String(kHubIdKey));
    insert.addBindValue(id);
    if (Status s = sql::exec(insert); !s)
        return s.failure();
    return id;
}

// The team database's clock, before the round's sync reads anything: the comments' flags carry it
// up as the time of their read (read_at), and the replicas compare it with moderation outcomes'
// settled_at, which the team database's clock wrote too, so the hub's own clock cannot skew the
// comparison. 0 when the team database does not answer (this round's flags then wait).
qint64 Hub::teamNowMs()
{
    QSqlQuery q(m_team);
    if (!q.exec(QStringLiteral("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

bool HubRoundReport::ok() const
{
    return errors.isEmpty() && !interrupted && (!syncRan || sync.ok()) && (!drainRan || drain.ok());
}

Hub::Hub(Database &cache, QSqlDatabase team, QString hubId, QNetworkAccessManager *network,
         accounts::TokenStore &tokens, const Clock &clock, HubOptions options, QObject *parent)
    : QObject(parent), m_cache(cache), m_team(team), m_clock(clock), m_options(options),
      m_leases(team, std::move(hubId)), m_upload(cache, team),
      m_outbox(cache, team, m_leases, clock, m_options.leaseTtlMs), m_runner(network, cache, clock, tokens),
      m_dispatcher(cache, network, tokens, clock),
      m_moderation(cache, team, m_leases, network, tokens, clock, m_options.leaseTtlMs)
{
    qRegisterMetaType<sportello::team::HubRoundReport>();
    m_runner.setOptions(m_options.sync);
    m_runner.setAccountFilter(
        [this](const accounts::Account &a) { return m_held.contains(accountLeaseName(a.channel, a.accountId)); });
    // The hub drains once per round, after the feed: never by itself between rounds.
    m_dispatcher.setAutoSchedule(false);
    m_dispatcher.setTimeoutMs(m_options.sync.timeoutMs);
    m_dispatcher.setRetryPolicy(m_options.sync.retry);
    m_moderation.moderator().setTimeoutMs(m_options.sync.timeoutMs);
    m_outbox.attach(m_dispatcher);
    connect(&m_runner, &sync::SyncRunner::finished, this, &Hub::onSynced);
    connect(&m_dispatcher, &outbox::OutboxDispatcher::drained, this, &Hub::onDrained);
    m_next.setSingleShot(true);
    connect(&m_next, &QTimer::timeout, this, [this] { runOnce(); });
    connect(&m_renew, &QTimer::timeout, this, [this] {
        for (const QString &name : QSet<QString>(m_held)) {
            auto held = m_leases.acquire(name, m_options.leaseTtlMs);
            if (held && !*held)
                m_held.remove(name); // lost: another hub took over after a long pause of this one
        }
    });
}

Hub::~Hub()
{
    m_next.stop();
    m_renew.stop();
}

void Hub::runEvery(int intervalMs)
{
    m_intervalMs = std::max(1, intervalMs);
    if (!m_running)
        runOnce();
}

bool Hub::runOnce()
{
    if (m_running || m_stopRequested)
        return false;
    m_running = true;
    m_report = HubRoundReport{};
    takeLeases();
    m_roundStartedMs = teamNowMs();
    m_renew.start(int(std::max<qint64>(1000, m_options.leaseTtlMs / 3)));
    m_report.syncRan = m_runner.start();
    if (!m_report.syncRan) {
        m_report.errors << QCoreApplication::translate("Hub", "A sync pass of this cache is already running.");
        finishRound();
    }
    return true;
}

void Hub::takeLeases()
{
    m_held.clear();
    // A connection the server or the network dropped is opened again with the same parameters.
    if (!QSqlQuery(m_team).exec(QStringLiteral("SELECT 1"))) {
        m_team.close();
        if (!m_team.open()) {
            m_report.errors << teamFailure(m_team.lastError()).message;
            return;
        }
    }
    auto accounts = accounts::AccountStore(m_cache).list();
    if (!accounts) {
        m_report.errors << accounts.error();
        return;
    }
    for (const accounts::Account &account : *accounts) {
        const QString name = accountLeaseName(account.channel, account.accountId);
        auto held = m_leases.acquire(name, m_options.leaseTtlMs);
        if (!held) {
            m_report.errors << held.error();
            continue;
        }
        if (*held) {
            m_held.insert(name);
            m_report.accountsHeld << name;
        } else {
            m_report.accountsOther << name;
        }
    }
}

void Hub::onSynced(const sync::SyncRunReport &report)
{
    if (!m_running)
        return;
    m_report.sync = report;
    // Even when stopping: what was stored goes up, it takes a moment.
    auto uploaded = m_upload.uploadPosts();
    m_uploadedAll = uploaded.ok();
    if (uploaded)
        m_report.posts = *uploaded;
    else
        m_report.errors << uploaded.error();
    // Then the comments' flags the sync read (or this hub's moderation changed): for comments
    // already in the team database only, so after the posts.
    if (m_roundStartedMs > 0) {
        auto flags = m_upload.uploadCommentFlags(m_roundStartedMs);
        if (flags)
            m_report.posts.flags = *flags;
        else
            m_report.errors << flags.error();
    }
    if (m_stopRequested) {
        finishRound();
        return;
    }
    if (m_pull) {
        if (Status s = m_pull(); !s) {
            m_report.errors << s.error();
        } else {
            m_report.pulled = true;
            // What the pull stored came from the team database and need not go up again. Nothing
            // else wrote posts since everything above the mark went up (the round runs one step
            // at a time; the intake, in the same event loop, cannot run between the upload and
            // here either), so the mark moves over them.
            if (m_uploadedAll) {
                auto top = sql::scalar(m_cache.connection(), QStringLiteral("SELECT coalesce(max(id), 0) FROM posts"));
                Status moved = top ? m_upload.setMark(top->toLongLong()) : Status(top.failure());
                if (!moved)
                    m_report.errors << moved.error();
            }
        }
    }
    auto recovered = m_outbox.recover(m_held);
    if (recovered)
        m_report.recovered = *recovered;
    else
        m_report.errors << recovered.error();
    m_report.drainRan = true;
    m_dispatcher.drain();
}

void Hub::onDrained(const outbox::DrainSummary &summary)
{
    if (!m_running || !m_report.drainRan)
        return;
    m_report.drain = summary;
    auto handoffs = pushHandoffUpdates(m_cache.connection(), m_team);
    if (handoffs)
        m_report.handoffUpdates = handoffs->pushed;
    else
        m_report.errors << handoffs.error();
    if (m_stopRequested) {
        finishRound();
        return;
    }
    m_moderation.run(m_held, [this](const ModerationRoundSummary &moderation) {
        m_report.moderation = moderation;
        m_report.errors << moderation.errors;
        if (!m_stopRequested)
            applyRetentionIfDue();
        finishRound();
    });
}

// The day's turn is the one row of sportello.retention_schedule (team schema 8), taken by a
// conditional UPDATE on the database's clock: with several hubs the policy still runs once a day,
// and a restarted hub does not run it again. The policy then runs in batches, each its own
// transaction (applyTeamRetention), so that a large backlog never holds the feed's lock for long;
// a failure gives the turn back (due at once), and the next round goes on from where it stopped.
void Hub::applyRetentionIfDue()
{
    const QString now = QStringLiteral("(extract(epoch FROM clock_timestamp()) * 1000)::bigint");
    QSqlQuery take(m_team);
    if (Status s = teamPrepare(take, QStringLiteral("UPDATE sportello.retention_schedule SET next_at = %1 + ?, "
                                                    "last_run_at = %1, last_run_by = session_user "
                                                    "WHERE id = 1 AND next_at <= %1 RETURNING 1")
                                         .arg(now));
        !s) {
        m_report.errors << s.error();
        return;
    }
    take.addBindValue(m_options.retentionIntervalMs);
    if (Status s = teamExec(take); !s) {
        m_report.errors << s.error();
        return;
    }
    if (!take.next())
        return; // done today already, by this hub or another
    auto applied = applyTeamRetention(m_team, false, m_options.retentionBatchThreads);
    if (!applied) {
        m_report.errors << applied.error();
        if (Status s = teamExec(m_team, QStringLiteral("UPDATE sportello.retention_schedule SET next_at = 0 WHERE id = 1"));
            !s)
            m_report.errors << s.error();
        return;
    }
    m_report.retentionRan = true;
    m_report.retention = *applied;
}

void Hub::finishRound()
{
    m_renew.stop();
    m_running = false;
    m_report.errors << m_outbox.takeErrors();
    m_report.interrupted = m_stopRequested;
    qCInfo(lcTeam) << "hub round:" << m_report.accountsHeld.size() << "accounts held," << m_report.posts.sent
                   << "posts up," << m_report.posts.flags << "comments' flags up," << m_report.drain.delivered
                   << "delivered";
    const HubRoundReport report = m_report;
    emit roundFinished(report);
    if (m_stopRequested)
        finishStop();
    else if (m_intervalMs > 0)
        m_next.start(m_intervalMs);
}

void Hub::requestStop()
{
    if (m_stopRequested)
        return;
    m_stopRequested = true;
    m_next.stop();
    // Nothing new leaves; the request in flight gets its answer and is recorded.
    m_outbox.setStopping(true);
    m_moderation.setStopping(true);
    if (m_running) {
        if (m_runner.isRunning())
            m_runner.requestStop();
        return; // finishRound() stops
    }
    QMetaObject::invokeMethod(this, &Hub::finishStop, Qt::QueuedConnection);
}

void Hub::finishStop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (Status s = m_leases.releaseAll(); !s)
        qCWarning(lcTeam) << "hub: leases not released, they expire by themselves:" << errorKindName(s.errorKind());
    m_held.clear();
    emit stopped();
}

} // namespace sportello::team
