#pragma once
// The triage console: the queue (left), the conversation (centre) and the decision panel
// (right), the open complaints (a dock), the menus, the status bar with the counts, the one 1 Hz
// timer that refreshes the countdowns of the visible rows, and the warnings when timers become
// due soon or overdue (a tray message, or the status bar where there is no tray).
// Everything that lives with the open cache (the database, triage, counts, drafts, the guard
// configuration, the outbox and the sync) is the ConsoleSession the window receives; switching
// caches is replacing the session. The clock and the token store come from the application.

#include "DiskEncryption.h"
#include "compose/Guard.h"
#include "domain/Agent.h"
#include "domain/Domain.h"
#include "privacy/RetentionSchedule.h"
#include "queue/QueueQuery.h"
#include "team/TeamWork.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QSplitter;
class QSystemTrayIcon;
class QTimer;

namespace sportello {
class Clock;
class ConsoleSession;
class Database;
struct DecisionRequest;
struct Error;
} // namespace sportello

namespace sportello::accounts {
class TokenStore;
} // namespace sportello::accounts
namespace sportello::net {
class NetworkStatus;
} // namespace sportello::net
namespace sportello::outbox {
enum class ModerationAction;
enum class ModerationReason;
class OutboxDispatcher;
} // namespace sportello::outbox
namespace sportello::sync {
class BackgroundSync;
struct SyncProgress;
struct SyncRunReport;
} // namespace sportello::sync

namespace sportello::ui {

class AppSettings;
class ApprovalPane;
class ComplaintsModel;
class ConsoleStatusBar;
class ComplaintsPane;
class ConversationPane;
class OutboxModel;
class OutboxPane;
class QueueModel;
class QueuePane;
class ReportWindow;
class AccessLogWindow;
class NotesPanel;
class CustomerCard;
class TeamBoardPane;
class TimerContext;
class TimerNotifier;
class TriagePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int kTickMs = 1000;
    // The status-bar counts advance every tick: QueueCounter looks only at the second that passed.
    static constexpr int kCountsEveryTicks = 1;
    // How long a change to the reply may wait before it is stored as a draft.
    static constexpr int kDraftSaveDelayMs = 800;
    // How often (in ticks) the console looks whether the guard's stored configuration changed;
    // also when the console becomes active and after a sync.
    static constexpr int kGuardCheckTicks = 30;

    // The clock and the token store are the application's (app/gui_main.cpp creates them).
    MainWindow(AppSettings &settings, const Clock &clock, accounts::TokenStore &tokens, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Works on this session from now on (nullptr: none); the previous one is closed with its cache.
    void setSession(std::unique_ptr<ConsoleSession> session);
    // The open cache again, in a new session (after joining or leaving a team).
    void reopenSession();
    ConsoleSession *session() const { return m_session.get(); }
    // A session over an opened cache, with the window's clock, token store and network status;
    // `description` is shown in the status bar instead of the path.
    std::unique_ptr<ConsoleSession> createSession(std::unique_ptr<Database> database,
                                                  const QString &description = {}) const;
    // The same in one step: setSession(createSession(database, description)); nullptr closes.
    void setDatabase(std::unique_ptr<Database> database, const QString &description = {});
    Database *database() const;

    // Opens a cache; on failure asks the agent to open another one or give up (returns false).
    // The disk under it is checked first: see platform/atrest/DiskEncryption.h.
    bool openCacheInteractive(const QString &path, bool atStartup);
    // Tests: the disk check and the company's policy (the system's own by default).
    void setDiskEncryptionCheck(std::function<platform::DiskEncryption(const QString &)> check,
                                std::function<platform::DiskEncryptionPolicy()> policy);
    // Fills a new temporary cache with the demo data set and switches to it.
    bool openDemo(QString *error);
    // When the cache holds no thread at all, offers the demo data or an import.
    void offerDemoIfEmpty();
    // Imports a file through the core's importer and reports the outcome in a message box.
    void importPath(const QString &path);

    QueueModel *queueModel() const { return m_queueModel; }
    QueuePane *queuePane() const { return m_queue; }
    ConversationPane *conversationPane() const { return m_conversation; }
    TriagePanel *triagePanel() const { return m_panel; }
    ComplaintsPane *complaintsPane() const { return m_complaints; }
    QDockWidget *complaintsDock() const { return m_complaintsDock; }
    TimerNotifier *timerNotifier() const { return m_notifier; }
    const TimerContext &timers() const { return *m_timers; }
    qint64 currentThreadId() const { return m_currentThreadId; }

    // Once a second: the visible rows' countdowns, the conversation header, the status-bar
    // counts, and the timer warnings when one is due. Public so that tests can drive it with a
    // manual clock.
    void tick();
    // Counts the queue again in full (after an import, a policy change, a new cache).
    void refreshCounts();
    const QueueCounts &counts() const { return m_counts; }
    // Stores the draft of the thread shown (also shortly after a change and on close).
    void saveDraft();
    // Tests shorten the draft delay.
    void setDraftSaveDelay(int ms);
    // The session applies the guard configuration stored in the cache if it differs from the one
    // in use (also every kGuardCheckTicks, after a sync and when the console becomes active).
    void reloadGuardIfChanged();
    // New posts arrived: the queue's rows, the counts, and the thread shown (its conversation and
    // what its customer exposed). Public so that tests can drive it without a network.
    void refreshAfterSync();
    // The conversation header's hand-off line for this thread.
    void showHandoff(qint64 threadId);
    // The retention schedule of the open cache (none without one, or read-only), and its timing:
    // tests shorten it and drive it with the window's clock through tick().
    privacy::RetentionSchedule *retentionSchedule() const { return m_retention; }
    void setRetentionTiming(const privacy::RetentionSchedule::Timing &timing);
    // Whether the agent is in the middle of a decision (a reply written, a dialog open): a due
    // retention run waits.
    bool agentMidDecision() const;
    // Customer care reported on a hand-off of this thread (docs/handoff.md).
    void onHandoffUpdated(qint64 threadId);
    // Re-reads the agent from the settings (after the settings dialog).
    void applySettings();
    // Edit > Settings; with a cache open, also its response policy and business calendar.
    void showSettings();
    // Go > Open Complaints: shows (and focuses) or hides the dock.
    void showComplaints(bool show);
    // A policy or calendar was changed: reads the active policy and every timer again.
    void policyChanged();
    // Go > Reports: the report window over the open cache (one at a time); nullptr without a cache.
    ReportWindow *showReports();
    // Help > Access Records: who opened or exported personal data (MainWindowCustomer.cpp). Alone
    // this cache's records; in a team the team's, for the data protection role only (the action
    // is hidden for the others). nullptr without a cache, or when refused (the reason on the
    // status bar).
    AccessLogWindow *showAccessLog();

    // --- sync and the outbox (MainWindowSync.cpp) ---
    // Where access tokens are read and written (the application's; a test may set another).
    void setTokenStore(accounts::TokenStore &tokens);
    accounts::TokenStore &tokenStore() const { return *m_tokens; }
    net::NetworkStatus *networkStatus() const { return m_networkStatus; }
    // The session's sync: each pass on a worker thread (see BackgroundSync); nullptr without one.
    sync::BackgroundSync *syncRunner() const;
    outbox::OutboxDispatcher *outboxDispatcher() const;
    OutboxPane *outboxPane() const { return m_outbox; }
    QDockWidget *outboxDock() const { return m_outboxDock; }
    // Go > Team Board and Go > Approvals (team mode; MainWindowTeam.cpp).
    TeamBoardPane *teamBoardPane() const { return m_board; }
    QDockWidget *teamBoardDock() const { return m_boardDock; }
    ApprovalPane *approvalPane() const { return m_approvals; }
    QDockWidget *approvalsDock() const { return m_approvalsDock; }
    QLabel *networkLabel() const;
    QLabel *outboxLabel() const;
    QLabel *syncLabel() const;
    // The visible message of a damaged (read-only) cache; hidden while the cache is writable.
    QLabel *readOnlyLabel() const { return m_readOnlyLabel; }
    // File > Sync Now (F5), and the periodic sync while online (manual = false: skipped when
    // offline or when no account is set up). Returns false when no pass was started.
    bool syncNow(bool manual = true);
    // "N in outbox" on the status bar, from the outbox's own count.
    void refreshOutboxCount();
    // Go > Outbox: shows (and focuses) or hides the dock.
    void showOutbox(bool show);
    // The periodic sync's interval from the settings (0 stops it).
    void applySyncInterval();

    // --- team mode: claims and presence (MainWindowTeam.cpp) ---
    // Go > Claim Next Thread (Ctrl+J in team mode): the team's routing gives the agent the most
    // urgent waiting thread nobody holds; it is claimed and selected in the queue.
    void takeNextThread();
    // The Take over action of the triage panel: asks for a confirmation, then takes the thread
    // over from the colleague who holds it (the team database audits it).
    void confirmTakeOver();
    QAction *nextTeamThreadAction() const { return m_actions.nextTeamThread; }
    NotesPanel *notesPanel() const { return m_notes; }
    CustomerCard *customerCard() const { return m_customer; }
    QAction *customerCardAction() const { return m_actions.customerCard; }
    QAction *openInCrmAction() const { return m_actions.openInCrm; }
    QAction *addNoteAction() const { return m_actions.addNote; }

    // --- moderation (MainWindowModeration.cpp) ---
    // Triage > Hide or Unhide a Comment (Ctrl+Shift+H), the triage panel's Hide button and the
    // conversation's context menu: asks which of the thread's customer comments (postId first,
    // else the one exposing personal data, else the one waiting) and why, then runs it.
    void moderateComment(qint64 postId = 0);
    // Runs what the dialog asked: the platform's answer is shown, the thread shown again.
    void applyModeration(qint64 postId, outbox::ModerationAction action, outbox::ModerationReason reason,
                         const QString &note);
    QAction *moderateAction() const { return m_actions.moderate; }
    // Team mode: Triage > Cancel the Hub's Moderation Request (Ctrl+Shift+X) and the comment's
    // context menu: cancels the open thread's pending request for the hub (postId's, else the
    // first pending one), which no hub may be able to perform; a claimed one is refused, said why.
    void cancelModerationRequest(qint64 postId = 0);
    QAction *cancelModerationAction() const { return m_actions.cancelModeration; }

protected:
    void closeEvent(QCloseEvent *event) override;
    // The agent's keys and clicks anywhere in the application: background steps give way.
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The constructor's steps.
    void createPanes();
    // The conversation's context menu and the triage panel's Hide button (MainWindowModeration.cpp).
    void connectModeration();
    void createDraftAutosave();
    void createComplaintsDock();
    void createAnnouncements();
    void createActions();
    void createMenus();
    void createStatusBar();
    void retranslateUi();
    void updateCacheLabels();
    void showCounts(const QueueCounts &counts);
    void advanceCounts();

    void showThread(qint64 threadId);
    void reshowCurrentThread();
    void reloadPolicy();
    void updateWindowTitle();
    void announce(const QString &title, const QString &message, int overdue, int dueSoon, qint64 threadId,
                  const QString &summary);
    void armDecision(DecisionKind kind);
    void decide(const DecisionRequest &request);
    void cancel();
    void changeCategory(Category category);

    void importInteractive();
    void openCacheDialog();
    QString askCachePath();
    void openDemoInteractive();
    void showShortcuts();
    void showAbout();
    void showQueryError(const QString &message);
    // A damaged cache: the message shown, the actions that write disabled.
    void showReadOnly();
    // File > Salvage into a New Cache…: copies what can be read into a file the agent chooses.
    void salvageInteractive();

    // Hands the session's cache to every view and model that reads it (nullptr: lets go of it).
    void bindViews(ConsoleSession *session);
    void connectSession();
    void applyGuardConfig(const GuardConfig &config);
    void onGuardConfigurationChanged(const GuardConfig &config);

    void createSync();
    void createTeamDocks();
    void bindTeamViews(ConsoleSession *session);
    void retranslateTeam();
    void createNotes();
    void bindNotes(ConsoleSession *session);
    // The customer card beside the conversation (MainWindowCustomer.cpp).
    void createCustomerCard();
    void bindCustomerCard(ConsoleSession *session);
    void erasePersonInteractive(qint64 authorId);
    void bindRetention(ConsoleSession *session);
    void pollRetention();
    void retentionFinished(const privacy::RetentionSchedule::Outcome &outcome);
    void retranslateCustomerCard();
    // Who the access records of this desktop name: in a team the login colleagues know (with its
    // name on the team), alone the agent of the settings.
    Agent signingAgent() const;
    void announceMentions();
    // Team mode: moderation requests the hub settled since the last look: the open thread shows
    // them, and this desktop's newest outcome is announced (a refusal in a message box).
    void announceModerationOutcomes();
    void onSyncProgress(const sync::SyncProgress &progress);
    void onSyncFinished(const sync::SyncRunReport &report);
    void onOnlineChanged(bool online);
    void showNetworkState();
    void onAuthNeeded(const QString &accountKey);

    // Team mode (MainWindowTeam.cpp).
    void connectClaims();
    void updateTeamActions();
    // The thread shown is the one the agent has open: claimed, the previous one released.
    void openClaim();
    // Who is on the thread shown (header, triage panel) and on the queue's rows.
    void showClaims();
    // Selects a thread the team names; false when it has not reached this cache yet.
    bool selectTeamThread(const team::TeamThreadRef &thread);

    AppSettings &m_settings;
    const Clock &m_clock;
    accounts::TokenStore *m_tokens;
    std::unique_ptr<ConsoleSession> m_session;
    privacy::RetentionSchedule *m_retention = nullptr;
    privacy::RetentionSchedule::Timing m_retentionTiming;

    std::unique_ptr<TimerContext> m_timers; // the clock and the active policy, shared by the views
    QueueModel *m_queueModel;
    QueuePane *m_queue;
    ConversationPane *m_conversation;
    TriagePanel *m_panel;
    QSplitter *m_splitter;
    ComplaintsModel *m_complaintsModel;
    ComplaintsPane *m_complaints;
    QDockWidget *m_complaintsDock;
    QPointer<ReportWindow> m_reportWindow;
    QPointer<AccessLogWindow> m_accessLogWindow;
    TimerNotifier *m_notifier;
    QSystemTrayIcon *m_tray = nullptr; // only where the desktop has a system tray
    qint64 m_announcedThread = 0;      // the thread of the last single-thread warning
    QTimer *m_tick;
    int m_tickCount = 0;

    // Unsent replies live in the cache (DraftStore): stored when the agent pauses typing, leaves
    // the thread or closes the window.
    QTimer *m_draftTimer;
    qint64 m_currentThreadId = 0;
    bool m_loadingThread = false; // the panel is being filled: its changes are not the agent's typing
    // Team mode: the thread Claim Next Thread gave the agent before it reached this cache.
    std::optional<team::TeamThreadRef> m_pendingNext;
    NotesPanel *m_notes = nullptr;
    CustomerCard *m_customer = nullptr;
    qint64 m_mentionMark = 0; // the last note announced (TeamNotes::mentionsSince)
    qint64 m_moderationMark = 0; // settled_at of the newest moderation outcome announced (team mode)

    QueueCounts m_counts;
    ConsoleStatusBar *m_status = nullptr;
    std::function<platform::DiskEncryption(const QString &)> m_diskEncryptionCheck = platform::checkDiskEncryption;
    std::function<platform::DiskEncryptionPolicy()> m_diskEncryptionPolicy = platform::diskEncryptionPolicy;
    QLabel *m_readOnlyLabel = nullptr;

    // Online or not: outlives the sessions, which report their requests to it.
    net::NetworkStatus *m_networkStatus = nullptr;
    bool m_networkBackendQueued = false; // the platform's network information loads after the first show
    bool m_closing = false;              // closeEvent ran: no new sync pass starts
    QTimer *m_syncTimer = nullptr;       // the periodic sync
    QTimer *m_queueRefresh = nullptr;    // new rows at most this often while pages arrive
    OutboxModel *m_outboxModel = nullptr;
    OutboxPane *m_outbox = nullptr;
    QDockWidget *m_outboxDock = nullptr;
    TeamBoardPane *m_board = nullptr;
    QDockWidget *m_boardDock = nullptr;
    ApprovalPane *m_approvals = nullptr;
    QDockWidget *m_approvalsDock = nullptr;

    struct Actions {
        QAction *import = nullptr;
        QAction *openCache = nullptr;
        QAction *openDemo = nullptr;
        QAction *salvage = nullptr;
        QAction *quit = nullptr;
        QAction *settings = nullptr;
        QAction *next = nullptr;
        QAction *previous = nullptr;
        QAction *nextTeamThread = nullptr;
        QAction *addNote = nullptr;
        QAction *customerCard = nullptr;
        QAction *openInCrm = nullptr;
        QAction *find = nullptr;
        QAction *focusQueue = nullptr;
        QAction *focusEditor = nullptr;
        QAction *scrollUp = nullptr;
        QAction *scrollDown = nullptr;
        QAction *complaints = nullptr;
        QAction *sync = nullptr;
        QAction *outbox = nullptr;
        QAction *reports = nullptr;
        QAction *teamBoard = nullptr;
        QAction *approvals = nullptr;
        QAction *decide[4] = {};
        QAction *confirm = nullptr;
        QAction *switchPrivate = nullptr;
        QAction *pickReply = nullptr;
        QAction *moderate = nullptr;
        QAction *cancelModeration = nullptr;
        QAction *cancel = nullptr;
        QAction *shortcuts = nullptr;
        QAction *accessLog = nullptr;
        QAction *about = nullptr;
        QAction *aboutQt = nullptr;
    } m_actions;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_goMenu = nullptr;
    QMenu *m_triageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
};

} // namespace sportello::ui
