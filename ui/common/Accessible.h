#pragma once
// What the console needs to be used with a screen reader, by the keyboard alone and on any palette
// (docs/accessibility.md): one call for a control's accessible name and description, and the colours
// of states drawn on the palette in use rather than fixed for a light one.

#include <QColor>
#include <QPalette>
#include <QString>

class QWidget;

namespace sportello::ui {

// The name a screen reader says for the control and the description it reads after it (both
// already translated).
void setAccessible(QWidget *widget, const QString &name, const QString &description);

// An error's text colour that stays readable on the palette's window: the usual dark red on a
// light palette, a light red on a dark one.
QColor errorTextColor(const QPalette &palette);

// A style sheet rule "QLabel { color: …; font-weight: 600; }" for an error shown in a label.
QString errorLabelStyle(const QPalette &palette);

} // namespace sportello::ui
