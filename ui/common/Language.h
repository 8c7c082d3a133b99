#pragma once
// Installs the console's translator (and Qt's own, where available) for a language setting.
// Installing a translator sends QEvent::LanguageChange, which every view handles by
// retranslating itself, so a switch takes effect at once.

#include <QLocale>
#include <QString>

namespace sportello::ui {

// `setting` is "system", "en" or "it". Returns false when no translation was found for the
// language asked (the console then stays in English, its source language).
bool applyLanguage(const QString &setting);

// The locale a setting stands for, dates and numbers included: Italian (Italy) for "it"; for "en"
// the system's English when the system is English (en_GB keeps its 24 hour clock and day-month
// order), American English otherwise; the system's locale for "system".
QLocale localeFor(const QString &setting, const QLocale &system = QLocale::system());

} // namespace sportello::ui
