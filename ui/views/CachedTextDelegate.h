#pragma once
// The text cells of a long table (the queue) painted without shaping their text again on every
// paint. The style's item-view painting shapes, measures and elides each cell's text several times
// per paint; after one row leaves the queue every row below moves and is painted again, so at a
// million posts the decision round trip spent a third of its time there. This delegate keeps, per
// row (by a stable id role, so that rows keep their entry when they move) and column, the elided
// text's laid-out QTextLayout and where the style puts it. The entry is used only while everything
// it was made from is unchanged (the text, font, cell size, style, features, decoration size,
// alignment, direction and elide mode): a data change or a resize makes a new one. Backgrounds and
// icons are still the style's, and so is the whole focused cell; what is painted is the same as
// QStyledItemDelegate's (tested pixel for pixel).

#include <QHash>
#include <QPointF>
#include <QStyledItemDelegate>
#include <memory>

class QTextLayout;

namespace sportello::ui {

class CachedTextDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    // idRole: a role whose qint64 value names the row whatever its place (a thread id).
    CachedTextDelegate(int idRole, QObject *parent = nullptr);
    ~CachedTextDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The text the last paint of this cell drew (elided to the cell), or a null string when the
    // cell was painted the style's way or not yet: for tests.
    QString shownText(const QModelIndex &index) const;
    int cachedCells() const { return int(m_cells.size()); }
    // How many cells were laid out since the delegate was made: tests check that moving rows
    // lays none out again.
    int cellsMade() const { return m_cellsMade; }
    void clearCache() { m_cells.clear(); }

private:
    struct Cell;
    // Lays the cell's text out as the style would; false when the style must paint it (text on
    // several lines, word wrap, or a layout this shortcut does not reproduce).
    bool makeCell(const QStyleOptionViewItem &opt, Cell &cell) const;

    int m_idRole;
    mutable QHash<quint64, std::shared_ptr<Cell>> m_cells;
    mutable int m_cellsMade = 0;
};

} // namespace sportello::ui
