#pragma once
// The console's live link to its team: a worker thread that owns its own connection to the cache
// file and the one connection to the team database, LISTENs on the feed's channel, and runs the
// replica's round (push what was decided here, pull what changed) when woken: by a notification,
// by a decision taken here, by the agent (Sync Now), and every `pollIntervalMs` in case a
// notification was lost or the connection died quietly. A lost connection is retried with a
// growing pause (1 s doubling to 30 s); while it is down the console works on the cache as it is.
//
// Two connections per desktop at most: this one, and none other (the console reads the cache).
// Signals arrive queued on the owner's thread.

#include "common/Result.h"
#include "team/TeamReplica.h"
#include "team/TeamWork.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>
#include <deque>
#include <functional>
#include <mutex>

class QThread;

namespace sportello {
class Clock;
} // namespace sportello

namespace sportello::team {

class TeamLinkWorker;

class TeamLink : public QObject {
    Q_OBJECT
public:
    enum class State { Connecting, Connected, Reconnecting, Offline };
    Q_ENUM(State)

    // `cachePath` is opened again by the worker (WAL: the console's connection sees each page as
    // it commits). `password` was read by the caller (the keychain answers on the GUI thread);
    // empty: the membership's environment variable, or libpq's own sources. clock must be safe to
    // read from another thread (SystemClock is) and outlive the link.
    TeamLink(const QString &cachePath, const QString &password, const Clock &clock, QObject *parent = nullptr);
    // Stops the worker after the page or push in hand, and joins its thread.
    ~TeamLink() override;

    void setPollIntervalMs(int ms);
    void start();
    // Ends the link (the console closes or leaves the team): no signal follows.
    void stop();
    // Runs a round soon (a decision was written, the agent asked for a sync).
    void syncSoon();
    // Work on the team database for the console (claims, next, reviews, the board), run on the
    // link's thread with its connection between rounds, one call at a time; `answer` is called on
    // this object's thread, which must be `receiver`'s, and never after receiver is gone. Without
    // a connection the answer is a Network error at once: claims and routing need the team.
    template <typename T>
    void call(std::function<Result<T>(const QSqlDatabase &team)> work, QObject *receiver,
              std::function<void(const Result<T> &)> answer)
    {
        Q_ASSERT(receiver && receiver->thread() == thread());
        QPointer<QObject> target(receiver);
        post([this, work = std::move(work), target, answer = std::move(answer)](const QSqlDatabase *team) {
            Result<T> result = team ? work(*team) : Result<T>(notConnected());
            // `target` is looked at on this object's thread only, when the answer is delivered.
            deliver([target, answer, result = std::move(result)] {
                if (target)
                    answer(result);
            });
        });
    }
    // The same for work that answers a Status.
    void callStatus(std::function<Status(const QSqlDatabase &team)> work, QObject *receiver,
                    std::function<void(const Status &)> answer);

    State state() const { return m_state; }
    const QString &stateMessage() const { return m_message; }
    bool isRunning() const { return m_thread != nullptr; }
    // What a call answers without a connection (also for callers that have no link yet).
    static Error notConnected();

signals:
    void stateChanged(sportello::team::TeamLink::State state, const QString &message);
    // A round ended; when it pushed or pulled something, the console refreshes what it shows.
    void roundFinished(const sportello::team::SyncReport &report);
    // The team's claims changed (read each round, and after each call): every claim live or
    // ended since the last signal, times on this desktop's clock.
    void claimsChanged(const QVector<sportello::team::LiveClaim> &claims);

private:
    void onState(State state, const QString &message);
    void post(std::function<void(const QSqlDatabase *team)> job);
    // Hands an answer from the worker to this object's thread. The answers wait in a queue under
    // a std::mutex rather than inside a queued functor, so that the hand-off is visible to thread
    // checkers (Qt's own event queue is not instrumented).
    void deliver(std::function<void()> answer);
    Q_INVOKABLE void deliverAnswers();

    QString m_cachePath;
    QString m_password;
    const Clock &m_clock;
    int m_pollIntervalMs = 15'000;
    QThread *m_thread = nullptr;
    TeamLinkWorker *m_worker = nullptr;
    State m_state = State::Offline;
    QString m_message;
    std::mutex m_answersMutex;
    std::deque<std::function<void()>> m_answers; // guarded by m_answersMutex
};

} // namespace sportello::team

Q_DECLARE_METATYPE(sportello::team::SyncReport)
Q_DECLARE_METATYPE(sportello::team::LiveClaim)
