#pragma once
// The hub (sportello-cli hub): the only process of a team that talks to Meta and X. It keeps its
// own cache and runs today's code on it: SyncRunner and the connectors fetch into it, the
// OutboxDispatcher delivers from it. One round:
//
//   1. take or renew the lease of each of the cache's accounts (TeamLeases);
//   2. sync the accounts whose lease it holds;
//   3. upload the new posts (HubUpload);
//   4. pull the team's feed into the cache (injected: the replica's pull);
//   5. read back what a dead hub left in flight, then drain the outbox through the send gate
//      (HubOutbox), uploading every transition;
//   6. push customer care's reports on hand-offs recorded in the hub's cache (the endpoint's
//      answers, the status files of the hand-off folder) for every desktop.
//   7. perform the team's pending comment moderation requests of its accounts (HubModeration).
//   8. once a day (HubOptions::retentionIntervalMs), the team's retention policy on the team
//      database (team schema 8): the hub whose round finds the day's turn free takes it, so with
//      several hubs it still runs once a day, and a restarted hub does not run it again.
//
// A stop finishes the page or the delivery in flight, then releases the leases, so another hub
// takes over at once. See docs/hub.md.

#include "common/Result.h"
#include "outbox/OutboxDispatcher.h"
#include "sync/SyncRunner.h"
#include "team/HubModeration.h"
#include "team/HubOutbox.h"
#include "team/HubUpload.h"
#include "team/TeamLeases.h"
#include "team/TeamPrivacy.h"

#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace sportello::team {

// This hub's id in the leases and the team's outbox: app_state "hub_id" of its cache, made once,
// so that a restarted hub takes its own leases back at once.
Result<QString> hubIdentity(Database &cache);

struct HubOptions {
    qint64 leaseTtlMs = 5 * 60'000; // longer than a request's timeout and a round's gap
    sync::SyncOptions sync;
    // How often the team's retention policy is applied to the team database (step 8).
    qint64 retentionIntervalMs = 24 * 3600'000;
    // Threads per transaction of that run (applyTeamRetention).
    int retentionBatchThreads = kRetentionBatchThreads;
};

struct HubRoundReport {
    QStringList accountsHeld;  // lease names
    QStringList accountsOther; // served by another hub this round
    sync::SyncRunReport sync;
    bool syncRan = false;
    UploadSummary posts;
    bool pulled = false;
    RecoverSummary recovered;
    outbox::DrainSummary drain;
    bool drainRan = false;
    int handoffUpdates = 0; // customer care's reports recorded in the hub's cache that went up
    ModerationRoundSummary moderation;
    bool retentionRan = false; // this round applied the team's retention policy
    TeamRetentionCounts retention;
    QStringList errors; // what failed in this round, for a person
    bool interrupted = false;

    bool ok() const;
};

class Hub : public QObject {
    Q_OBJECT
public:
    // All owned by the caller, outliving the hub, on its thread. team: a hub login's connection.
    Hub(Database &cache, QSqlDatabase team, QString hubId, QNetworkAccessManager *network, accounts::TokenStore &tokens,
        const Clock &clock, HubOptions options = {}, QObject *parent = nullptr);
    ~Hub() override;

    // The feed's pull into the cache (the replica's); without one the round skips it.
    void setPull(std::function<Status()> pull) { m_pull = std::move(pull); }
    void setConnectorFactory(sync::ConnectorFactory factory) { m_runner.setConnectorFactory(std::move(factory)); }
    outbox::OutboxDispatcher &dispatcher() { return m_dispatcher; }
    TeamLeases &leases() { return m_leases; }
    HubModeration &moderation() { return m_moderation; }

    // One round; roundFinished() tells how it went. False when a round is running or stopping.
    bool runOnce();
    // Rounds every intervalMs (from the end of one to the start of the next) until stopped.
    void runEvery(int intervalMs);
    // Finishes the page or delivery in flight, releases the leases, then emits stopped().
    void requestStop();
    bool isRunning() const { return m_running; }

signals:
    void roundFinished(const sportello::team::HubRoundReport &report);
    void stopped();

private:
    void takeLeases();
    void onSynced(const sync::SyncRunReport &report);
    void onDrained(const outbox::DrainSummary &summary);
    void applyRetentionIfDue();
    void finishRound();
    void finishStop();
    qint64 teamNowMs();

    Database &m_cache;
    QSqlDatabase m_team;
    const Clock &m_clock;
    HubOptions m_options;
    TeamLeases m_leases;
    HubUpload m_upload;
    HubOutbox m_outbox;
    sync::SyncRunner m_runner;
    outbox::OutboxDispatcher m_dispatcher;
    HubModeration m_moderation;
    std::function<Status()> m_pull;
    bool m_uploadedAll = false; // this round's upload sent everything above the mark
    QSet<QString> m_held;
    HubRoundReport m_report;
    qint64 m_roundStartedMs = 0; // the team database's clock as the round began (teamNowMs)
    QTimer m_next;
    QTimer m_renew; // keeps the leases while a round takes long
    int m_intervalMs = 0;
    bool m_running = false;
    bool m_stopRequested = false;
    bool m_stopped = false;
};

} // namespace sportello::team

Q_DECLARE_METATYPE(sportello::team::HubRoundReport)
