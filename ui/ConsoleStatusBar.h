#pragma once
// The console's status bar: the queue's counts (waiting, due soon, overdue), the agent, the cache,
// whether the console is online, the outbox count and the sync's progress. It only presents what
// it is given; the window decides when (the tick, a decision, a sync), the session says what.

#include "queue/QueueQuery.h"

#include <QObject>

class QLabel;
class QStatusBar;
class QWidget;

namespace sportello {
class ConsoleSession;
namespace net {
class NetworkStatus;
} // namespace net
} // namespace sportello

namespace sportello::ui {

class ConsoleStatusBar : public QObject {
    Q_OBJECT
public:
    // Places its labels on `bar` (permanent widgets, right-aligned).
    ConsoleStatusBar(QStatusBar *bar, QWidget *owner);
    // The indicators' accessible names and descriptions, in the language in use.
    void retranslateUi();

    void showCounts(const QueueCounts &counts);
    void clearCounts();
    void showCountsError(const QString &error);
    // The open cache (its description or path); nullptr: none.
    void showCache(const ConsoleSession *session);
    void showAgent(const QString &name);
    void showNetwork(const net::NetworkStatus &status);
    // Team mode: "Team: connected / reconnecting / offline" and the decisions waiting to go up;
    // hidden for a cache that is not in a team (nullptr or not in team mode).
    void showTeam(const ConsoleSession *session);
    // "N in outbox" from the session's outbox; nullptr: nothing.
    void showOutbox(const ConsoleSession *session);
    // The cache's disk is not known to be encrypted (docs/privacy.md): a warning that stays, with
    // the reason in its tooltip; an empty problem hides it. `cannotTell`: whether it is encrypted
    // cannot be told (rather than: it is not).
    void showAtRestProblem(const QString &problem, bool cannotTell);

    QLabel *networkLabel() const { return m_network; }
    QLabel *outboxLabel() const { return m_outbox; }
    QLabel *teamLabel() const { return m_team; }
    QLabel *atRestLabel() const { return m_atRest; }
    // The sync's progress and outcome (written by the window, which reads the sync's report).
    QLabel *syncLabel() const { return m_sync; }

private:
    QLabel *m_waiting;
    QLabel *m_dueSoonIcon;
    QLabel *m_dueSoon;
    QLabel *m_overdueIcon;
    QLabel *m_overdue;
    QLabel *m_cache;
    QLabel *m_agent;
    QLabel *m_network;
    QLabel *m_outbox;
    QLabel *m_sync;
    QLabel *m_atRest;
    QLabel *m_team;
};

} // namespace sportello::ui
