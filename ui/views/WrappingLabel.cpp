#include "views/WrappingLabel.h"

#include <QEvent>

namespace sportello::ui {

WrappingLabel::WrappingLabel(QWidget *parent) : QLabel(parent) { setWordWrap(true); }

bool WrappingLabel::Source::operator==(const Source &other) const
{
    return text == other.text && margin == other.margin && indent == other.indent && alignment == other.alignment &&
           format == other.format && interaction == other.interaction && wordWrap == other.wordWrap &&
           contents == other.contents && maximumSize == other.maximumSize && sizePolicy == other.sizePolicy &&
           font == other.font;
}

WrappingLabel::Source WrappingLabel::source() const
{
    return {text(),   font(),      contentsMargins(), maximumSize(),          sizePolicy(), margin(),
            indent(), alignment(), textFormat(),      textInteractionFlags(), wordWrap()};
}

void WrappingLabel::forget() const
{
    m_sizeHint.reset();
    m_minimumSizeHint.reset();
    m_heightsKept = 0;
    m_nextHeight = 0;
}

void WrappingLabel::validate() const
{
    Source now = source();
    if (now == m_source)
        return;
    m_source = std::move(now);
    forget();
}

int WrappingLabel::heightForWidth(int width) const
{
    validate();
    for (int i = 0; i < m_heightsKept; ++i)
        if (m_heights[size_t(i)].first == width)
            return m_heights[size_t(i)].second;
    const int height = QLabel::heightForWidth(width);
    ++m_measured;
    m_heights[size_t(m_nextHeight)] = {width, height};
    m_nextHeight = (m_nextHeight + 1) % int(m_heights.size());
    m_heightsKept = std::min(m_heightsKept + 1, int(m_heights.size()));
    return height;
}

QSize WrappingLabel::kept(std::optional<QSize> &hint, bool minimum) const
{
    validate();
    if (!hint) {
        // QLabel's own, called directly (not through the virtual functions this class overrides).
        hint = minimum ? QLabel::minimumSizeHint() : QLabel::sizeHint();
        ++m_measured;
    }
    return *hint;
}

QSize WrappingLabel::sizeHint() const { return kept(m_sizeHint, false); }

QSize WrappingLabel::minimumSizeHint() const { return kept(m_minimumSizeHint, true); }

void WrappingLabel::changeEvent(QEvent *event)
{
    // The style or font may have changed without any property of the label changing (a style
    // sheet, the system font): measure again.
    switch (event->type()) {
    case QEvent::StyleChange:
    case QEvent::FontChange:
    case QEvent::LayoutDirectionChange: forget(); break;
    default: break;
    }
    QLabel::changeEvent(event);
}

} // namespace sportello::ui
