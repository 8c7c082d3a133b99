#pragma once
// Paints a conversation: customers' posts on the left, the company's on the right, decisions as
// cards across the width. Public and private are told apart by a labelled badge with an icon,
// a colour and the border (solid for public, dashed for private), never by colour alone.

#include <QHash>
#include <QStyledItemDelegate>

class QAbstractItemView;

namespace sportello {
class Clock;
}

namespace sportello::ui {

class ConversationDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    ConversationDelegate(const Clock &clock, QAbstractItemView *view);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index, int width) const;
    int availableWidth(const QStyleOptionViewItem &option) const;
    // The height of word-wrapped text at a width, measured once: the list asks for every item's
    // size when a thread opens and each paint lays its item out again.
    int wrappedHeight(const QFont &font, const QString &text, int width) const;

    const Clock &m_clock;
    QAbstractItemView *m_view;
    mutable QHash<QString, int> m_heights; // font key, width and text -> height
};

} // namespace sportello::ui
