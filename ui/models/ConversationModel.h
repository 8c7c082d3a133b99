#pragma once
// One thread's conversation as a list: its posts and the decisions taken on it, in time order.
// Loaded from QueueQuery::thread; holds one thread only.

#include "compose/Guard.h"
#include "queue/QueueQuery.h"

#include <QAbstractListModel>
#include <QHash>

namespace sportello::ui {

class TimerContext;

class ConversationModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum ItemKind { PostItem, DecisionItem };
    Q_ENUM(ItemKind)
    enum Role {
        KindRole = Qt::UserRole + 1, // int(ItemKind)
        DirectionRole,               // "inbound" / "outbound" (decisions count as outbound)
        VisibilityRole,              // "public" / "private"
        TimeRole,                    // epoch ms: created or decided
        AuthorNameRole,              // a post's author, or the agent who decided
        AuthorHandleRole,
        FollowersRole,
        DecisionKindRole, // decision id ("reply_public", ...); decisions only
        CloseReasonRole,  // close reason id or empty; decisions only
        DueAtRole,        // inbound posts: epoch ms, 0 otherwise
        DueSoonAtRole,    // epoch ms, inbound posts only
        AnsweredAtRole,   // inbound posts: epoch ms, 0 while unanswered
        WaitingRole,      // bool: the inbound post that the thread is waiting on
        TimerStateRole,   // waiting inbound posts: int(TimerState); -1 otherwise
        TimerTextRole,    // waiting inbound posts: "due soon · 12 min left"
        ExposureRole, // inbound public posts: the kinds of personal data the customer exposed, for people; empty when
                      // none
        PostIdRole,   // posts: the cache's post id (0 for decisions)
        HiddenRole,   // posts: hidden on Facebook or Instagram
        RatingRole,   // app-store reviews: the star rating 1 to 5; 0 otherwise
        ModerationRequestRole, // team mode: the open or failed request for the hub on this comment, for people
    };
    Q_ENUM(Role)

    // `timers` gives the waiting posts' states, texts and tooltips (the working and the target).
    explicit ConversationModel(const TimerContext &timers, QObject *parent = nullptr);

    void setThread(ThreadDetail detail);
    // Marks personal data in customers' public posts with this guard.
    void setGuard(Guard guard) { m_guard = std::move(guard); }
    void clear();
    bool hasThread() const { return m_hasThread; }
    const ThreadDetail &thread() const { return m_thread; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Item {
        ItemKind kind;
        int index; // into m_thread.posts or m_thread.decisions
        qint64 timeMs;
    };

    const TimerContext &m_timers;
    Guard m_guard;
    ThreadDetail m_thread;
    QHash<int, QString> m_exposure; // post index -> kinds exposed, computed when the thread is set
    QVector<Item> m_items;
    bool m_hasThread = false;
};

} // namespace sportello::ui
