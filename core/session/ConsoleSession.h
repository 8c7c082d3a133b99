#pragma once
// The console's one seam: everything that lives with one open cache, created and replaced as one
// object. The console (ui/MainWindow) keeps layout, actions and presentation; it receives a
// session, reads and decides through it, and listens to what it says changed. Switching caches
// is replacing the session: the old one stops its sync and its deliveries and lets the file go.
//
// Today's backend is the desktop alone: a SQLite cache it owns, the platforms reached from here
// (the outbox dispatcher, the background sync). The team backend (a PostgreSQL team database
// behind a hub, the SQLite cache kept as its replica) must provide the same surface, marked
// "backend" below: the local replica every read goes to, decide(), the counts, drafts, the guard
// configuration, the outbox counts and delivery, sync, and the signals. What is marked "local
// backend" (the dispatcher, the background sync, the token store) has no place in a team desktop,
// which holds no platform token.
//
// The clock, the token store and the network status are injected (SessionEnvironment): the
// application creates them once and hands them to every session.

#include "common/Result.h"
#include "compose/Drafts.h"
#include "compose/Guard.h"
#include "domain/Agent.h"
#include "fileimport/Importer.h"
#include "outbox/HandoffStatus.h"
#include "outbox/OutboxDispatcher.h"
#include "queue/QueueQuery.h"
#include "sync/SyncRunner.h"
#include "team/TeamLink.h"
#include "team/TeamMembership.h"
#include "timers/Complaints.h"
#include "timers/ResponsePolicy.h"
#include "triage/TriageService.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QThread;
class QTemporaryDir;

namespace sportello {

class Clock;
class Database;
class QueueCounter;
class ThreadClaims;
class TimerWatch;

namespace accounts {
class TokenStore;
class RenewingTokenStore;
} // namespace accounts
namespace net {
class NetworkStatus;
} // namespace net
namespace outbox {
class CommentModerator;
class OutboxDispatcher;
struct ModerationRequest;
} // namespace outbox
namespace sync {
class BackgroundSync;
} // namespace sync

// What outlives a session and is handed to each: created by the application (app/), never by a
// session or the console.
struct SessionEnvironment {
    const Clock *clock = nullptr;
    accounts::TokenStore *tokens = nullptr;
    // Whether the network is there; fed by the session's requests. Required.
    net::NetworkStatus *networkStatus = nullptr;
    // Where token renewals take their per-account lock files; empty: next to the default cache
    // (RenewingTokenStore::defaultLockDirectory).
    QString tokenLockDirectory;
};

// The outbox as the status bar shows it.
struct OutboxCounts {
    int waiting = 0;   // waiting for delivery, or for the agent
    int needAgent = 0; // failed or held: the agent decides what happens to them
};

class ConsoleSession : public QObject {
    Q_OBJECT
public:
    // Why syncNow() started no pass (Started: it did).
    enum class SyncStart { Started, AlreadyRunning, Offline, NoAccounts };

    // A session over this open cache. `description` is how the console names the cache (empty:
    // its path). Nothing is read yet: open() loads the guard configuration.
    ConsoleSession(std::unique_ptr<Database> database, const SessionEnvironment &environment, const Agent &agent,
                   const QString &description = {}, QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Loads what the session keeps (the guard configuration) and starts watching the timers; a
    // failure leaves the built-in guard in use and is reported, the cache stays open.
    Status open();
    // Keeps a folder (a demo cache's temporary folder) until the cache in it is closed.
    void keepFolder(std::unique_ptr<QTemporaryDir> folder);
    // Hands the kept folder over (to the session that reopens the same cache).
    std::unique_ptr<QTemporaryDir> takeFolder();

    // --- backend: what the cache is ---
    // The local cache every read goes to (the models and the views page through it).
    Database &database() const { return *m_database; }
    QString path() const;
    QString description() const { return m_description; }
    const Clock &clock() const { return *m_environment.clock; }
    void setAgent(const Agent &agent);

    // --- backend: a damaged cache ---
    // A cache found damaged (at open, or by a corruption met during work) is read-only: the
    // session refuses decisions, category changes, imports, drafts, deliveries and sync, and
    // stops its sync and dispatcher. readOnlyMessage() says so for the agent (empty: writable).
    bool isReadOnly() const;
    QString readOnlyMessage() const;

    // --- backend: reading ---
    Result<ThreadDetail> thread(qint64 threadId) const;
    Result<std::optional<ComplaintClock>> complaint(qint64 threadId) const;
    // The thread's latest hand-off to customer care as care reported it (docs/handoff.md);
    // nullopt when none reached care.
    Result<std::optional<outbox::HandoffStatus>> handoff(qint64 threadId) const;
    // Reads customer care's status files in the hand-off folder now (each outbox pass reads them
    // too): at start, once the console listens to handoffUpdated. Nothing on a read-only cache.
    // Returns the reasons of the files refused (moved aside), for the agent.
    Result<QStringList> readHandoffStatusFiles();
    Result<qint64> threadCount() const;
    Result<ResponsePolicy> activePolicy() const;
    Result<std::optional<Draft>> loadDraft(qint64 threadId) const;
    Status saveDraft(qint64 threadId, const QString &text, std::optional<DecisionKind> armed);

    // --- backend: deciding ---
    // Records the decision (decision, audit and outbox entry in one transaction). Unless the
    // network is known to be there, the entry is marked decided offline, so that the thread is
    // checked again before delivery. Delivery starts at once when online and accounts exist.
    Result<DecisionOutcome> decide(DecisionRequest request);
    Status setCategory(qint64 threadId, Category category);
    // The service the complaints dock resolves through.
    TriageService &triage() const { return *m_triage; }
    ImportReport importFile(const QString &path, const ImportOptions &options);

    // --- backend: the counts on the status bar ---
    // A full count; countsChanged() on success.
    Status recount();
    // The counts one tick later: only the second that passed is looked at.
    Status advanceCounts();
    // A waiting thread left the queue (decided): the counts follow without a full count.
    void threadLeftQueue(qint64 dueAtMs, qint64 dueSoonAtMs);
    const QueueCounts &counts() const;

    // --- backend: the response timers' crossings ---
    // Reports each post's crossing into due soon and overdue once (the console words and shows
    // them). The session re-arms it after a decision and looks again after a category change and
    // a sync that brought posts; the console calls recheckTimers() after an import or a policy
    // change, once the agent has seen its result.
    TimerWatch &timerWatch() const { return *m_timers; }
    void recheckTimers();

    // --- backend: the insurance guard's configuration (its one owner) ---
    const GuardConfig &guardConfiguration() const { return m_guard; }
    // Reads the stored configuration; emits guardConfigurationChanged() when it differs from the
    // one in use (changed by the CLI or a colleague).
    Status reloadGuardConfiguration();

    // --- backend: the outbox ---
    Result<OutboxCounts> outboxCounts() const;
    // Delivers what waits (Go > Outbox, "Deliver now").
    void deliverOutbox();
    // Decisions left from an earlier session go out when the network is there and accounts exist.
    void deliverWaiting();

    // --- backend: moderation ---
    // Hides or unhides a customer's comment on Facebook or Instagram (outbox/Moderation.h); done
    // is called once with the outcome, on this thread, after the state and its audit entry are
    // stored. Refused on a read-only cache. In a team only the hub holds platform tokens: done
    // then means the request is recorded for the hub (team/TeamModeration.h) and goes up with the
    // next push; the feed brings the hub's outcome (the comment hidden, or the refusal).
    void moderateComment(const outbox::ModerationRequest &request, std::function<void(const Status &)> done);
    // Team mode: cancels the pending request for the hub `requestId` (team/TeamModeration.h): one
    // that has not gone up is withdrawn here at once; else the team database cancels it through
    // the link (the agent who asked, a supervisor or an admin, while no hub has claimed it), and
    // the feed brings the cancellation to every desktop. done is called once, on this thread, with
    // true when cancelled, false when it was settled meanwhile, or the refusal (Conflict: a hub
    // is performing it).
    void cancelModerationRequest(const QString &requestId, const QString &agentName,
                                 std::function<void(const Result<bool> &)> done);

    // --- backend: sync ---
    Result<SyncStart> syncNow(bool manual);
    bool isSyncing() const;
    // Stops a pass in flight after the page being stored (the window closes).
    void shutdown();

    // --- team backend ---
    // A cache joined to a team (sportello-cli team join, Settings > Team) is a replica: the
    // session runs a TeamLink instead of the dispatcher and the background sync, which have no
    // place on a team desktop (it holds no platform token). Decisions are pushed as soon as they
    // are written, colleagues' changes arrive live while online.
    bool isTeamMode() const { return m_team.has_value(); }
    const std::optional<team::TeamMembership> &teamMembership() const { return m_team; }
    team::TeamLink::State teamState() const;
    // The live link in team mode (nullptr otherwise): the board, approvals and claims call through it.
    team::TeamLink *teamLink() const { return m_teamLink.get(); }
    QString teamStateMessage() const;
    // Decisions taken here that have not gone up to the team yet.
    Result<int> decisionsToPush() const;
    // The held decisions waiting for their agent (a colleague decided the same post first).
    Result<int> heldDecisions() const;
    // The claims (docs/team.md "Claims and presence"): the agent's claim on the thread open and
    // the team's live claims; nullptr alone. The console tells it which thread is open.
    ThreadClaims *claims() const { return m_claims.get(); }
    // How the team names a thread of this cache (its channel and external id); nullopt when the
    // thread is not in the cache.
    Result<std::optional<team::TeamThreadRef>> teamThreadRef(qint64 threadId) const;
    // The thread of this cache the team names so; nullopt when it has not arrived yet.
    Result<std::optional<qint64>> threadIdOf(const team::TeamThreadRef &thread) const;

    // --- the reports' stored figures ---
    // Recomputes the reports' stored measures (core/report/MeasureStore) on a thread and a
    // connection of its own: after a change of policy, every conversation's, so that the next
    // report opens on current figures. A call while one runs restarts it; the session's end
    // stops it. reportFiguresProgress() while it works, reportFiguresRecomputed() at the end.
    void recomputeReportFigures();
    bool recomputingReportFigures() const { return m_figuresThread != nullptr; }

    // --- local backend ---
    // Where access tokens are read (the dispatcher and the sync are rebuilt over it).
    void setTokenStore(accounts::TokenStore &tokens);
    outbox::OutboxDispatcher *outboxDispatcher() const { return m_dispatcher.get(); }
    sync::BackgroundSync *backgroundSync() const { return m_sync.get(); }

signals:
    void countsChanged(const sportello::QueueCounts &counts);
    void guardConfigurationChanged(const sportello::GuardConfig &config);
    // One outbox entry changed state (delivered, failed, held...).
    void outboxEntryChanged(const QString &entryId);
    void outboxDrained(const sportello::outbox::DrainSummary &summary);
    // Customer care reported on a hand-off of this thread: its state, draft or complaint clock
    // may have changed.
    void handoffUpdated(qint64 threadId);
    void syncStarted();
    void syncProgress(const sportello::sync::SyncProgress &progress);
    // A sync pass brought posts (the queue may show them before the pass ends).
    void postsArrived();
    void outboxDeliveryStarted();
    void syncFinished(const sportello::sync::SyncRunReport &report);
    // An account's token was refused: the agent signs in again.
    void authNeeded(const QString &accountKey);
    // Team mode: the link to the team database connected, is reconnecting, or is offline.
    void teamStateChanged(sportello::team::TeamLink::State state, const QString &message);
    // Team mode: a round pushed or pulled something (colleagues' decisions, new posts, policies);
    // the console refreshes what it shows without moving the agent's selection or typing.
    void teamChangesArrived(const sportello::team::SyncReport &report);
    // A corruption was met during work: the session is read-only from now on.
    void switchedReadOnly(const QString &message);
    // The in-app inbox (fileimport/InAppInbox.h) was read at the start of a sync: how many
    // messages it stored, and the files it set aside as unreadable, each with its reason.
    void inAppInboxRead(qint64 postsAdded, const QStringList &rejected);
    // recomputeReportFigures(): conversations done, of how many; then the end (error: empty).
    void reportFiguresProgress(qint64 done, qint64 total);
    void reportFiguresRecomputed(const QString &error);

private:
    // Refusal for a write on a read-only session.
    Error readOnlyRefusal() const;
    // A failure of kind Corrupt turns the session read-only (once); returns the status as it is.
    Status noteFailure(Status status);
    void switchReadOnly(const QString &reason);
    void startDelivery();
    void stopDelivery();
    // Alone: the app backend's files of in-app messages, read with every sync (manual or not).
    void readInAppInbox();
    bool hasAccounts() const;
    void applyTeamErasures();
    void startTeamLink();
    void onTeamRound(const team::SyncReport &report);
    void stopReportFigures();

    SessionEnvironment m_environment;
    // Declared before the database so that a demo cache's folder outlives the open file.
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<Database> m_database;
    QString m_description;
    QThread *m_figuresThread = nullptr; // recomputeReportFigures(), joined before the cache closes
    std::shared_ptr<std::atomic<bool>> m_figuresCancel;
    std::unique_ptr<TriageService> m_triage;
    std::unique_ptr<QueueCounter> m_counter;
    std::unique_ptr<TimerWatch> m_timers;
    GuardConfig m_guard;
    QNetworkAccessManager *m_network;
    // Over the environment's keychain: renews signed-in tokens for the outbox and the sync (both
    // ask for tokens on this thread), and marks refused ones in this cache. Outlives both.
    std::unique_ptr<accounts::RenewingTokenStore> m_tokens;
    std::unique_ptr<outbox::OutboxDispatcher> m_dispatcher;
    std::unique_ptr<outbox::CommentModerator> m_moderator;
    std::unique_ptr<sync::BackgroundSync> m_sync;
    std::optional<team::TeamMembership> m_team;
    std::unique_ptr<team::TeamLink> m_teamLink;
    std::unique_ptr<ThreadClaims> m_claims; // team mode only
};

} // namespace sportello
