#pragma once
// The hub's side of comment moderation in team mode (docs/hub.md, "Moderation requests"): the
// requests desktops pushed (sportello.moderation_requests, team schema 5) performed for the
// accounts whose lease this hub holds, through the same CommentModerator as alone (its checks,
// its Graph request, its audit entry, its refusals worded for the agent), then settled in the team
// database, from where the feed brings the outcome to every replica.
//
// At most once across hubs: a request is claimed with a conditional UPDATE (pending ->
// in_progress under this hub's id) before its Graph call, as HubOutbox claims a reply. A claim
// left by a hub that stopped mid-request (this one before a restart, or one whose claim is older
// than a lease; an outcome this process could not write is written again instead) is not sent
// again blind: it is settled as failed, saying its outcome is unknown,
// and the agent looks at the comment and asks again if needed.
//
// Every round first expires the team's pending requests that no hub claimed within a day (team
// schema 7), whichever account they are for: a request for an account no hub serves would
// otherwise block its comment for ever.

#include "common/Result.h"
#include "outbox/Moderation.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>
#include <QVector>
#include <functional>

class QNetworkAccessManager;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::accounts {
class TokenStore;
}

namespace sportello::team {

class TeamLeases;

struct ModerationRoundSummary {
    int done = 0;       // performed, or the comment was already in that state
    int failed = 0;     // settled as failed, with the explanation
    int leftAlone = 0;  // another hub's account, claimed by another hub, or the comment not here yet
    int unknown = 0;    // a stopped hub's claims settled as failed (outcome unknown)
    QStringList errors; // what failed on this hub's side (the team database, the cache)
    int expired = 0;    // pending requests no hub claimed within a day, settled as expired (schema 7)
};

class HubModeration : public QObject {
    Q_OBJECT
public:
    // All owned by the caller, outliving this, on its thread.
    HubModeration(Database &cache, const QSqlDatabase &team, TeamLeases &leases, QNetworkAccessManager *network,
                  accounts::TokenStore &tokens, const Clock &clock, qint64 leaseTtlMs, QObject *parent = nullptr);
    ~HubModeration() override;

    outbox::CommentModerator &moderator() { return m_moderator; }
    // Nothing new is claimed; the request on its way gets its answer and is settled.
    void setStopping(bool stopping) { m_stopping = stopping; }

    // One pass over the team's open requests, one Graph request at a time; done is called once.
    void run(const QSet<QString> &heldAccounts, std::function<void(const ModerationRoundSummary &)> done);

private:
    // A pending request as the team database holds it.
    struct Open {
        QString id, channel, commentId, action, reason, note, agentName, requestedBy;
    };
    Status settleStale(const QSet<QString> &held);
    Status expireUnclaimed();
    // pending -> in_progress under this hub's id; false when it is no longer pending.
    Result<bool> claim(const QString &id);
    void next();
    void finish();
    Status settle(const QString &id, bool done, const QString &explanation);
    QString leaseNameFor(const outbox::ModerationTarget &target);

    Database &m_cache;
    QSqlDatabase m_team;
    TeamLeases &m_leases;
    const Clock &m_clock;
    qint64 m_leaseTtlMs;
    outbox::CommentModerator m_moderator;
    bool m_stopping = false;
    bool m_running = false;
    QSet<QString> m_held;
    QVector<Open> m_queue;
    // Performed by this process, but the team database did not take the outcome (it was
    // unreachable): written again at the next pass instead of being settled as unknown.
    struct Outcome {
        bool done = false;
        QString explanation;
    };
    QHash<QString, Outcome> m_unsettled;
    ModerationRoundSummary m_summary;
    std::function<void(const ModerationRoundSummary &)> m_done;
};

} // namespace sportello::team
