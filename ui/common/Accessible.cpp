#include "common/Accessible.h"

#include <QPalette>
#include <QWidget>

namespace sportello::ui {

void setAccessible(QWidget *widget, const QString &name, const QString &description)
{
    widget->setAccessibleName(name);
    widget->setAccessibleDescription(description);
}

QColor errorTextColor(const QPalette &palette)
{
    // A dark window (a dark or high-contrast theme) needs a light red to keep the contrast.
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xa0, 0x00, 0x00);
}

QString errorLabelStyle(const QPalette &palette)
{
    return QStringLiteral("QLabel { color: %1; font-weight: 600; }").arg(errorTextColor(palette).name());
}

} // namespace sportello::ui
