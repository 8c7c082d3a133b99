#pragma once
// Installs the console's translator (and Qt's own, where available) for a language setting.
// Installing a translator sends QEvent::LanguageChange, which every view handles by
// retranslating itself, so a switch takes effect at once.

#include <QString>

namespace sportello::ui {

// `setting` is "system", "en" or "it". Returns false when no translation was found for the
// language asked (the console then stays in English, its source language).
bool applyLanguage(const QString &setting);

} // namespace sportello::ui
