#pragma once
// A word-wrapped label that measures its text once per width. QLabel computes its height for a
// width anew on every call, and a layout asks several times per pass; a selectable label lays
// out a whole text document each time. In the conversation's header and the triage panel, whose
// texts change with every thread shown, that was a quarter of a decision's time at a million
// posts. The hints are kept while everything they depend on is unchanged (the text, font,
// margins, indent, alignment, format, wrapping, size policy, maximum size, style), so they are always QLabel's own.

#include <QLabel>

#include <array>
#include <optional>

namespace sportello::ui {

class WrappingLabel : public QLabel {
    Q_OBJECT
public:
    explicit WrappingLabel(QWidget *parent = nullptr);

    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // How many hints were measured (not taken from the cache): for tests.
    int measured() const { return m_measured; }

protected:
    void changeEvent(QEvent *event) override;

private:
    // What the hints depend on, besides the style (whose change clears them).
    struct Source {
        QString text;
        QFont font;
        QMargins contents;
        QSize maximumSize;
        QSizePolicy sizePolicy;
        int margin = 0;
        int indent = 0;
        Qt::Alignment alignment;
        Qt::TextFormat format = Qt::AutoText;
        Qt::TextInteractionFlags interaction;
        bool wordWrap = false;
        bool operator==(const Source &other) const;
    };
    Source source() const;
    // Clears the hints when what they were measured from changed.
    void validate() const;
    void forget() const;
    // A hint from its cache, measured by QLabel (its minimum size hint or its size hint) when not kept.
    QSize kept(std::optional<QSize> &hint, bool minimum) const;

    mutable Source m_source;
    mutable std::optional<QSize> m_sizeHint;
    mutable std::optional<QSize> m_minimumSizeHint;
    // The last few widths asked for, and their heights (a layout asks for one or two).
    mutable std::array<std::pair<int, int>, 4> m_heights{};
    mutable int m_heightsKept = 0;
    mutable int m_nextHeight = 0;
    mutable int m_measured = 0;
};

} // namespace sportello::ui
