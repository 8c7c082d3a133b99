#include "views/CachedTextDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QTextLayout>

namespace sportello::ui {

namespace {
// Entries beyond this many are dropped all at once: a screen holds a few hundred cells.
constexpr int kMaxCells = 4096;
constexpr int kColumnBits = 6;
} // namespace

struct CachedTextDelegate::Cell {
    // What the entry was made from.
    QString text;
    QFont font;
    QSize cellSize;
    QStyleOptionViewItem::ViewItemFeatures features;
    QSize decorationSize;
    Qt::Alignment alignment;
    Qt::LayoutDirection direction = Qt::LeftToRight;
    Qt::TextElideMode elideMode = Qt::ElideRight;
    const QStyle *style = nullptr; // its metrics place the text
    bool styled = false;           // the style paints this cell itself
    // What is drawn: the elided text laid out, at this offset from the cell's top left.
    QString shown;
    QTextLayout layout;
    QPointF position;

    // The features that place the text: not Alternate, which flips on every row below one that
    // leaves and only changes the background.
    static QStyleOptionViewItem::ViewItemFeatures placing(QStyleOptionViewItem::ViewItemFeatures f)
    {
        return f & (QStyleOptionViewItem::WrapText | QStyleOptionViewItem::HasCheckIndicator |
                    QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration);
    }

    bool matches(const QStyleOptionViewItem &opt, const QStyle *current) const
    {
        return style == current && cellSize == opt.rect.size() && features == placing(opt.features) &&
               decorationSize == opt.decorationSize && alignment == opt.displayAlignment &&
               direction == opt.direction && elideMode == opt.textElideMode && text == opt.text && font == opt.font;
    }
};

CachedTextDelegate::CachedTextDelegate(int idRole, QObject *parent) : QStyledItemDelegate(parent), m_idRole(idRole) {}

CachedTextDelegate::~CachedTextDelegate() = default;

bool CachedTextDelegate::makeCell(const QStyleOptionViewItem &opt, Cell &cell) const
{
    // What QCommonStyle does for CE_ItemViewItem's text (viewItemDrawText and
    // calculateElidedText), for the one-line case: the text rect the style gives, less the focus
    // frame's margin; elided when wider; centred vertically by the layout's bounding rect.
    if ((opt.features & QStyleOptionViewItem::WrapText) || opt.text.contains(QChar::LineSeparator) ||
        opt.text.contains(QLatin1Char('\n')))
        return false;
    const QWidget *widget = opt.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect =
        style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(margin, 0, -margin, 0);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::ManualWrap);
    textOption.setTextDirection(opt.direction);
    textOption.setAlignment(QStyle::visualAlignment(opt.direction, opt.displayAlignment));

    QTextLayout probe(opt.text, opt.font);
    probe.setTextOption(textOption);
    probe.beginLayout();
    QTextLine line = probe.createLine();
    if (!line.isValid()) {
        probe.endLayout();
        return false;
    }
    line.setLineWidth(textRect.width());
    line.setPosition(QPointF(0, 0));
    const bool more = probe.createLine().isValid();
    probe.endLayout();
    if (more)
        return false;
    const QRect layoutRect = QStyle::alignedRect(Qt::LayoutDirectionAuto, opt.displayAlignment,
                                                 probe.boundingRect().size().toSize(), textRect);
    if (line.height() + layoutRect.top() <= textRect.top())
        return false; // above the visible rect: the style's multi-line path
    cell.shown = line.naturalTextWidth() > textRect.width()
                     ? QFontMetrics(opt.font).elidedText(opt.text, opt.textElideMode, textRect.width())
                     : opt.text;
    cell.layout.setText(cell.shown);
    cell.layout.setFont(opt.font);
    cell.layout.setTextOption(textOption);
    cell.layout.beginLayout();
    qreal height = 0;
    for (QTextLine l = cell.layout.createLine(); l.isValid(); l = cell.layout.createLine()) {
        l.setLineWidth(textRect.width());
        l.setPosition(QPointF(0, height));
        height += l.height();
    }
    cell.layout.endLayout();
    cell.position = QPointF(textRect.x(), layoutRect.top()) - QPointF(opt.rect.topLeft());
    return true;
}

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // The focused cell is one per view: the style paints it, since its focus frame goes over the
    // text (Fusion tints it).
    if (opt.text.isEmpty() || (opt.state & QStyle::State_HasFocus)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const quint64 key = (quint64(index.data(m_idRole).toLongLong()) << kColumnBits) | quint64(index.column());
    std::shared_ptr<Cell> cell = m_cells.value(key);
    if (!cell || !cell->matches(opt, style)) {
        if (m_cells.size() >= kMaxCells)
            m_cells.clear();
        cell = std::make_shared<Cell>();
        cell->text = opt.text;
        cell->font = opt.font;
        cell->cellSize = opt.rect.size();
        cell->features = Cell::placing(opt.features);
        cell->decorationSize = opt.decorationSize;
        cell->alignment = opt.displayAlignment;
        cell->direction = opt.direction;
        cell->elideMode = opt.textElideMode;
        cell->style = style;
        cell->styled = !makeCell(opt, *cell);
        ++m_cellsMade;
        m_cells.insert(key, cell);
    }
    if (cell->styled) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    // The style paints the background and the icon; the text is the cached one, in the pen
    // CE_ItemViewItem would choose.
    QStyleOptionViewItem frame = opt;
    frame.text.clear();
    frame.features &= ~QStyleOptionViewItem::HasDisplay;
    style->drawControl(QStyle::CE_ItemViewItem, &frame, painter, widget);

    painter->save();
    painter->setClipRect(opt.rect, painter->hasClipping() ? Qt::IntersectClip : Qt::ReplaceClip);
    QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !(opt.state & QStyle::State_Active))
        group = QPalette::Inactive;
    painter->setPen(
        opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    cell->layout.draw(painter, QPointF(opt.rect.topLeft()) + cell->position);
    painter->restore();
}

QString CachedTextDelegate::shownText(const QModelIndex &index) const
{
    const quint64 key = (quint64(index.data(m_idRole).toLongLong()) << kColumnBits) | quint64(index.column());
    const auto cell = m_cells.value(key);
    return cell && !cell->styled ? cell->shown : QString();
}

} // namespace sportello::ui
