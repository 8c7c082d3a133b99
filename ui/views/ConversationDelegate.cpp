#include "views/ConversationDelegate.h"

#include "common/Clock.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "models/ConversationModel.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QPainterPath>
#include <optional>

namespace sportello::ui {

namespace {

constexpr int kOuterMarginX = 12;
constexpr int kOuterMarginY = 6;
constexpr int kPadding = 10;
constexpr int kLineGap = 6;
constexpr int kBadgeIcon = 14;
constexpr double kBubbleShare = 0.86; // a post takes at most this share of the width

const QColor kText(0x1f, 0x23, 0x28);
const QColor kDim(0x57, 0x60, 0x6a);
const QColor kPublicInk(0x1b, 0x6e, 0x3a);
const QColor kPublicFill(0xe3, 0xf4, 0xe8);
const QColor kPrivateInk(0x6a, 0x3d, 0xb8);
const QColor kPrivateFill(0xef, 0xe7, 0xfb);

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

QFont smallFont(QFont font)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.88);
    else
        font.setPixelSize(qMax(9, int(font.pixelSize() * 0.88)));
    return font;
}

QColor decisionColor(DecisionKind kind)
{
    switch (kind) {
    case DecisionKind::ReplyPublic: return kPublicInk;
    case DecisionKind::ReplyPrivate: return kPrivateInk;
    case DecisionKind::Forward: return QColor(0x0b, 0x5c, 0xad);
    case DecisionKind::Close: return QColor(0x5f, 0x63, 0x68);
    }
    return kDim;
}

} // namespace

struct ConversationDelegate::Layout {
    bool isDecision = false;
    bool inbound = true;
    Visibility visibility = Visibility::Public;
    QRect bubble;
    QRect header; // badge, author and time
    QRect body;
    QRect footer;
    QRect exposure; // the guard's line: personal data the customer made public
    QString exposureText;
    QRect hidden; // the comment is hidden on Facebook or Instagram
    QString hiddenText;
    QRect moderation; // team mode: the request for the hub, waiting or refused
    QString moderationText;
    QString badgeText;
    QString author; // name or decision title
    QString detail; // handle and followers, or the agent
    QString time;
    QString text;
    QString footerText;
    QColor footerColor;
    std::optional<TimerState> timerState; // a waiting post's timer: its icon leads the footer
    QColor accent;
    int height = 0;
};

ConversationDelegate::ConversationDelegate(const Clock &clock, QAbstractItemView *view)
    : QStyledItemDelegate(view), m_clock(clock), m_view(view)
{}

int ConversationDelegate::availableWidth(const QStyleOptionViewItem &option) const
{
    if (m_view && m_view->viewport()->width() > 0)
        return m_view->viewport()->width();
    return qMax(200, option.rect.width());
}

ConversationDelegate::Layout ConversationDelegate::layout(const QStyleOptionViewItem &option, const QModelIndex &index,
                                                          int width) const
{
    Layout l;
    const qint64 now = m_clock.nowMs();
    l.isDecision = index.data(ConversationModel::KindRole).toInt() == ConversationModel::DecisionItem;
    l.inbound = index.data(ConversationModel::DirectionRole).toString() == toId(Direction::Inbound);
    l.visibility =
        visibilityFromId(index.data(ConversationModel::VisibilityRole).toString()).value_or(Visibility::Public);
    l.text = index.data(Qt::DisplayRole).toString();
    l.time = formatTime(index.data(ConversationModel::TimeRole).toLongLong(), now);

    const QFont font = option.font;
    const QFontMetrics fm(font);
    const QFontMetrics small(smallFont(font));
    const int inner = width - 2 * kOuterMarginX;

    int bubbleWidth = inner;
    if (l.isDecision) {
        const DecisionKind kind = decisionKindFromId(index.data(ConversationModel::DecisionKindRole).toString())
                                      .value_or(DecisionKind::Close);
        l.accent = decisionColor(kind);
        l.author = label(kind);
        l.detail = tr("by %1").arg(index.data(ConversationModel::AuthorNameRole).toString());
        if (kind == DecisionKind::Close) {
            const auto reason = closeReasonFromId(index.data(ConversationModel::CloseReasonRole).toString());
            l.footerText = reason ? tr("Reason: %1").arg(label(*reason)) : QString();
        } else if (kind == DecisionKind::Forward) {
            l.footerText = tr("Handed off to customer care");
        } else {
            l.footerText = tr("Queued for delivery in the outbox");
        }
        l.footerColor = kDim;
    } else {
        bubbleWidth = int(inner * kBubbleShare);
        const QString name = index.data(ConversationModel::AuthorNameRole).toString();
        const QString handle = formatHandle(index.data(ConversationModel::AuthorHandleRole).toString());
        l.author = name.isEmpty() ? handle : name;
        l.detail = name.isEmpty() ? QString() : handle;
        if (l.inbound)
            l.detail =
                l.detail.isEmpty()
                    ? formatFollowers(index.data(ConversationModel::FollowersRole).toLongLong())
                    : tr("%1 · %2", "handle · followers")
                          .arg(l.detail, formatFollowers(index.data(ConversationModel::FollowersRole).toLongLong()));
        // An app-store review: its stars and the digits instead of a reach the stores do not give.
        if (const int rating = index.data(ConversationModel::RatingRole).toInt(); l.inbound && rating > 0)
            l.detail = ratingStars(rating);
        l.badgeText = l.visibility == Visibility::Private ? tr("Private") : tr("Public");
        if (l.inbound) {
            const qint64 due = index.data(ConversationModel::DueAtRole).toLongLong();
            const qint64 answered = index.data(ConversationModel::AnsweredAtRole).toLongLong();
            const qint64 created = index.data(ConversationModel::TimeRole).toLongLong();
            const int state = index.data(ConversationModel::TimerStateRole).toInt();
            if (state >= 0 && due > 0) {
                // The state in colour, with its icon and in words.
                l.timerState = TimerState(state);
                l.footerColor = timerColor(*l.timerState, false); // on the bubble, light on every palette
                l.footerText = tr("Waiting: %1").arg(index.data(ConversationModel::TimerTextRole).toString());
            } else if (answered > 0) {
                l.footerColor = kDim;
                l.footerText = tr("Answered after %1").arg(formatDuration(answered - created));
            }
        }
    }

    const int x = l.isDecision || l.inbound ? kOuterMarginX : kOuterMarginX + inner - bubbleWidth;
    const int contentWidth = bubbleWidth - 2 * kPadding;
    int y = kOuterMarginY + kPadding;
    l.header = QRect(x + kPadding, y, contentWidth, qMax(fm.height(), kBadgeIcon + 4));
    y += l.header.height() + kLineGap;
    if (!l.text.isEmpty()) {
        l.body = QRect(x + kPadding, y, contentWidth, wrappedHeight(font, l.text, contentWidth));
        y += l.body.height() + kLineGap;
    }
    // The insurance guard's marker, between the text and the footer.
    if (!l.isDecision && l.inbound) {
        const QString exposed = index.data(ConversationModel::ExposureRole).toString();
        if (!exposed.isEmpty()) {
            l.exposureText = tr("Personal data in public: %1. Suggest a private reply.").arg(exposed);
            const int height = wrappedHeight(boldFont(smallFont(font)), l.exposureText, contentWidth - 20);
            l.exposure = QRect(x + kPadding, y, contentWidth, qMax(height, 16));
            y += l.exposure.height() + kLineGap;
        }
    }
    // A hidden comment says so in words, under its text.
    if (!l.isDecision && index.data(ConversationModel::HiddenRole).toBool()) {
        l.hiddenText = tr("Hidden: only its author, anyone tagged in it and the page's admins see it.");
        const int height = wrappedHeight(smallFont(font), l.hiddenText, contentWidth - 20);
        l.hidden = QRect(x + kPadding, y, contentWidth, qMax(height, 16));
        y += l.hidden.height() + kLineGap;
    }
    if (!l.isDecision) {
        l.moderationText = index.data(ConversationModel::ModerationRequestRole).toString();
        if (!l.moderationText.isEmpty()) {
            const int height = wrappedHeight(smallFont(font), l.moderationText, contentWidth - 20);
            l.moderation = QRect(x + kPadding, y, contentWidth, qMax(height, 16));
            y += l.moderation.height() + kLineGap;
        }
    }
    // The footer always holds the time (right) and, when there is one, the state (left).
    l.footer = QRect(x + kPadding, y, contentWidth, small.height());
    y += l.footer.height() + kLineGap;
    y += kPadding - kLineGap;
    l.bubble = QRect(x, kOuterMarginY, bubbleWidth, y - kOuterMarginY);
    l.height = y + kOuterMarginY;
    return l;
}

int ConversationDelegate::wrappedHeight(const QFont &font, const QString &text, int width) const
{
    constexpr int kMaxEntries = 1024; // a few long conversations at a few widths
    const QString key = font.key() + QChar(0x1f) + QString::number(width) + QChar(0x1f) + text;
    if (const auto it = m_heights.constFind(key); it != m_heights.constEnd())
        return *it;
    if (m_heights.size() >= kMaxEntries)
        m_heights.clear();
    const int height = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap, text).height();
    m_heights.insert(key, height);
    return height;
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = availableWidth(option);
    return {width, layout(option, index, width).height};
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = availableWidth(option);
    const Layout l = layout(option, index, width);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(option.rect.topLeft());

    const bool isPrivate = l.visibility == Visibility::Private;
    const QRectF bubble = QRectF(l.bubble).adjusted(0.5, 0.5, -0.5, -0.5);
    QPen border;
    QColor fill;
    if (l.isDecision) {
        fill = QColor(0xfb, 0xf7, 0xea);
        border = QPen(QColor(0xe3, 0xd3, 0x9c), 1);
    } else if (l.inbound) {
        fill = isPrivate ? QColor(0xfb, 0xf9, 0xff) : Qt::white;
        border = QPen(isPrivate ? kPrivateInk : QColor(0xc8, 0xcf, 0xd8), isPrivate ? 1.4 : 1);
    } else {
        fill = isPrivate ? QColor(0xf1, 0xeb, 0xfb) : QColor(0xe6, 0xf0, 0xfd);
        border = QPen(isPrivate ? kPrivateInk : QColor(0xa8, 0xc5, 0xee), isPrivate ? 1.4 : 1);
    }
    if (isPrivate && !l.isDecision)
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(bubble, 8, 8);
    if (l.isDecision) {
        // A stripe in the decision's colour on the left edge.
        QPainterPath clip;
        clip.addRoundedRect(bubble, 8, 8);
        painter->setClipPath(clip);
        painter->fillRect(QRectF(bubble.left(), bubble.top(), 5, bubble.height()), l.accent);
        painter->setClipping(false);
    }

    const QFont font = option.font;
    const QFontMetrics fm(font);
    const QFont small = smallFont(font);
    const QFontMetrics smallFm(small);
    QRect header = l.header;

    // Left: the public/private badge, or the decision's icon.
    if (l.isDecision) {
        const DecisionKind kind = decisionKindFromId(index.data(ConversationModel::DecisionKindRole).toString())
                                      .value_or(DecisionKind::Close);
        const QRect iconRect(header.left(), header.center().y() - 8, 16, 16);
        icons::decision(kind).paint(painter, iconRect);
        header.setLeft(iconRect.right() + 7);
    } else {
        const QColor ink = isPrivate ? kPrivateInk : kPublicInk;
        const QColor badgeFill = isPrivate ? kPrivateFill : kPublicFill;
        const QFont badgeFont = boldFont(small);
        const QFontMetrics badgeFm(badgeFont);
        const int badgeWidth = 6 + kBadgeIcon + 4 + badgeFm.horizontalAdvance(l.badgeText) + 7;
        const int badgeHeight = qMax(kBadgeIcon + 4, badgeFm.height() + 2);
        const QRect badge(header.left(), header.center().y() - badgeHeight / 2, badgeWidth, badgeHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(badgeFill);
        painter->drawRoundedRect(badge, badgeHeight / 2.0, badgeHeight / 2.0);
        icons::visibility(l.visibility)
            .paint(painter, QRect(badge.left() + 6, badge.center().y() - kBadgeIcon / 2, kBadgeIcon, kBadgeIcon));
        painter->setFont(badgeFont);
        painter->setPen(ink);
        painter->drawText(badge.adjusted(6 + kBadgeIcon + 4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, l.badgeText);
        header.setLeft(badge.right() + 8);
    }

    // Middle: author name (bold) and handle, or decision title and agent.
    const QFont bold = boldFont(font);
    const QFontMetrics boldFm(bold);
    const QString author = boldFm.elidedText(l.author, Qt::ElideRight, header.width());
    painter->setFont(bold);
    painter->setPen(l.isDecision ? l.accent : kText);
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, author);
    const int authorWidth = boldFm.horizontalAdvance(author) + 6;
    if (!l.detail.isEmpty() && header.width() - authorWidth > 24) {
        painter->setFont(small);
        painter->setPen(kDim);
        const QRect detailRect = header.adjusted(authorWidth, 0, 0, 0);
        painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                          smallFm.elidedText(l.detail, Qt::ElideRight, detailRect.width()));
    }

    if (!l.body.isEmpty()) {
        painter->setFont(font);
        painter->setPen(kText);
        painter->drawText(l.body, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, l.text);
    }
    if (!l.exposure.isEmpty()) {
        icons::guard().paint(painter, QRect(l.exposure.left(), l.exposure.top() + 1, 14, 14));
        painter->setFont(boldFont(small));
        painter->setPen(QColor(0xb4, 0x23, 0x18));
        painter->drawText(l.exposure.adjusted(20, 0, 0, 0), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                          l.exposureText);
    }
    if (!l.hidden.isEmpty()) {
        icons::visibility(Visibility::Private).paint(painter, QRect(l.hidden.left(), l.hidden.top() + 1, 14, 14));
        painter->setFont(small);
        painter->setPen(kDim);
        painter->drawText(l.hidden.adjusted(20, 0, 0, 0), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                          l.hiddenText);
    }
    if (!l.moderation.isEmpty()) {
        painter->setFont(small);
        painter->setPen(kDim);
        painter->drawText(l.moderation.adjusted(20, 0, 0, 0), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                          l.moderationText);
    }
    painter->setFont(small);
    painter->setPen(kDim);
    const int timeWidth = smallFm.horizontalAdvance(l.time);
    painter->drawText(l.footer, Qt::AlignRight | Qt::AlignVCenter, l.time);
    if (!l.footerText.isEmpty()) {
        QRect state = l.footer.adjusted(0, 0, -(timeWidth + 12), 0);
        if (l.timerState) {
            const int iconSize = qMin(14, state.height());
            icons::timer(*l.timerState, false) // on the bubble, light on every palette
                .paint(painter, QRect(state.left(), state.center().y() - iconSize / 2 + 1, iconSize, iconSize));
            state.setLeft(state.left() + iconSize + 5);
        }
        painter->setPen(l.footerColor.isValid() ? l.footerColor : kDim);
        painter->drawText(state, Qt::AlignLeft | Qt::AlignVCenter,
                          smallFm.elidedText(l.footerText, Qt::ElideRight, state.width()));
    }
    painter->restore();
}

} // namespace sportello::ui
