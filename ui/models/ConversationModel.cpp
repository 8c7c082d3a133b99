#include "models/ConversationModel.h"

#include "common/Format.h"
#include "common/TimerContext.h"

#include <algorithm>

namespace sportello::ui {

ConversationModel::ConversationModel(const TimerContext &timers, QObject *parent)
    : QAbstractListModel(parent), m_timers(timers)
{}

void ConversationModel::setThread(ThreadDetail detail)
{
    beginResetModel();
    m_thread = std::move(detail);
    m_hasThread = true;
    m_items.clear();
    m_exposure.clear();
    for (int i = 0; i < m_thread.posts.size(); ++i) {
        const PostView &p = m_thread.posts.at(i);
        m_items.push_back({PostItem, i, p.createdAtMs});
        // Personal data the customer wrote where everyone can read it.
        if (p.direction == Direction::Inbound && p.visibility == Visibility::Public) {
            QStringList kinds;
            // A post longer than any platform sends (kMaxTextLength) is not read.
            const auto found = m_guard.check(p.text);
            if (found)
                for (const Finding &f : found.value())
                    if (!kinds.contains(label(f.kind)))
                        kinds << label(f.kind);
            if (!kinds.isEmpty())
                m_exposure.insert(i, kinds.join(QStringLiteral(", ")));
        }
    }
    for (int i = 0; i < m_thread.decisions.size(); ++i)
        m_items.push_back({DecisionItem, i, m_thread.decisions.at(i).decidedAtMs});
    // Posts and decisions each arrive in order; merge them by time, a post before a decision
    // taken in the same millisecond.
    std::stable_sort(m_items.begin(), m_items.end(), [](const Item &a, const Item &b) {
        return a.timeMs < b.timeMs || (a.timeMs == b.timeMs && a.kind < b.kind);
    });
    endResetModel();
}

void ConversationModel::clear()
{
    beginResetModel();
    m_thread = {};
    m_items.clear();
    m_exposure.clear();
    m_hasThread = false;
    endResetModel();
}

int ConversationModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_items.size()); }

Qt::ItemFlags ConversationModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren : Qt::NoItemFlags;
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    if (role == KindRole)
        return int(item.kind);
    if (role == TimeRole)
        return item.timeMs;

    if (item.kind == DecisionItem) {
        const DecisionView &d = m_thread.decisions.at(item.index);
        switch (role) {
        case Qt::DisplayRole: return d.text;
        case DirectionRole: return toId(Direction::Outbound);
        case VisibilityRole:
            return toId(d.kind == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private);
        case AuthorNameRole: return d.agentName;
        case DecisionKindRole: return toId(d.kind);
        case CloseReasonRole: return d.closeReason ? toId(*d.closeReason) : QString();
        case Qt::ToolTipRole: return label(d.kind);
        }
        return {};
    }

    const PostView &p = m_thread.posts.at(item.index);
    const bool waiting = p.direction == Direction::Inbound && m_thread.status == ThreadStatus::Waiting &&
                         p.answeredAtMs == 0 && p.dueAtMs > 0;
    switch (role) {
    case Qt::DisplayRole: return p.text;
    case DirectionRole: return toId(p.direction);
    case VisibilityRole: return toId(p.visibility);
    case AuthorNameRole: return p.authorName;
    case AuthorHandleRole: return p.authorHandle;
    case FollowersRole: return p.authorFollowers;
    case DueAtRole: return p.direction == Direction::Inbound ? p.dueAtMs : 0;
    case DueSoonAtRole: return p.direction == Direction::Inbound ? p.dueSoonAtMs : 0;
    case AnsweredAtRole: return p.direction == Direction::Inbound ? p.answeredAtMs : 0;
    case WaitingRole:
        return p.direction == Direction::Inbound && m_thread.status == ThreadStatus::Waiting && p.answeredAtMs == 0;
    case TimerStateRole:
        return waiting ? int(m_timers.state(TimerInfo::of(p, m_thread.channel), m_timers.nowMs())) : -1;
    case TimerTextRole:
        return waiting ? m_timers.longText(TimerInfo::of(p, m_thread.channel), m_timers.nowMs()) : QString();
    case ExposureRole: return m_exposure.value(item.index);
    case PostIdRole: return p.id;
    case HiddenRole: return p.hidden;
    case ModerationRequestRole:
        // Team mode: the hub performs moderation; until it has, and when it could not, the comment says so.
        if (p.moderationState == QLatin1String("pending") || p.moderationState == QLatin1String("in_progress"))
            return p.moderationHide ? tr("Waiting for the hub to hide this comment on %1.").arg(label(m_thread.channel))
                                    : tr("Waiting for the hub to show this comment again on %1.")
                                          .arg(label(m_thread.channel));
        if (p.moderationState == QLatin1String("expired"))
            return p.moderationHide ? tr("No hub hid this comment within a day: the request expired.")
                                    : tr("No hub showed this comment again within a day: the request expired.");
        if (p.moderationState == QLatin1String("failed"))
            return p.moderationHide ? tr("The hub could not hide this comment: %1").arg(p.moderationExplanation)
                                    : tr("The hub could not show this comment again: %1").arg(p.moderationExplanation);
        return QString();
    case RatingRole: return p.rating;
    case Qt::ToolTipRole: {
        QStringList tip;
        if (p.rating > 0)
            tip << ratingText(p.rating);
        if (waiting)
            tip << m_timers.toolTip(TimerInfo::of(p, m_thread.channel), m_timers.nowMs());
        // What the classifier suggested, so the agent can judge the category before confirming it.
        if (p.direction == Direction::Inbound && p.category && p.categorySource == QLatin1String("classifier"))
            tip << tr("Category suggested by the classifier: %1 (confidence %2)")
                       .arg(label(*p.category), formatPercent(qRound(p.classifierConfidence * 100)));
        if (!p.classifierCues.isEmpty() && p.categorySource == QLatin1String("classifier"))
            tip << tr("Cues: %1").arg(p.classifierCues.join(QStringLiteral(", ")));
        if (p.likelySpam)
            tip << tr("Likely spam.");
        if (m_exposure.contains(item.index))
            tip << tr("Personal data in public: %1. Suggested: reply privately and ask the customer to continue there; "
                      "hide the comment where the platform allows (Ctrl+Shift+H on Facebook and Instagram).")
                       .arg(m_exposure.value(item.index));
        if (p.hidden)
            tip << tr("Hidden on %1: only its author, anyone tagged in it and the page's admins see it.")
                       .arg(label(m_thread.channel));
        return tip.join(QLatin1Char('\n'));
    }
    }
    return {};
}

} // namespace sportello::ui
