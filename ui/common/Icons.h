#pragma once
// Small icons drawn with QPainter, so that they look the same on every platform and need no
// image files: channel badges, timer-state marks, public/private marks, decision marks.

#include "common/Format.h"
#include "domain/Domain.h"

#include <QColor>
#include <QIcon>

namespace sportello::ui::icons {

QColor channelColor(Channel channel);
QIcon channel(Channel channel);
// On track: a hollow circle; due soon: a clock; overdue: a warning triangle; outside hours: a pause sign.
QIcon timer(TimerState state);
// The same for a background of known lightness (the conversation's bubbles stay light).
QIcon timer(TimerState state, bool onDarkBackground);
QIcon visibility(Visibility visibility);
QIcon decision(DecisionKind kind);
// A pencil: the thread has an unsent draft.
QIcon draft();
// A shield with an exclamation mark: personal data in public (the insurance guard).
QIcon guard();

} // namespace sportello::ui::icons
