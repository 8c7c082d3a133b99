#include "common/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace sportello::ui {

namespace {
QTranslator *appTranslator = nullptr;
QTranslator *qtTranslator = nullptr;

void removeTranslator(QTranslator *&translator)
{
    if (!translator)
        return;
    QCoreApplication::removeTranslator(translator);
    delete translator;
    translator = nullptr;
}
} // namespace

QLocale localeFor(const QString &setting, const QLocale &system)
{
    if (setting == QLatin1String("it"))
        return QLocale(QLocale::Italian, QLocale::Italy);
    if (setting == QLatin1String("en"))
        return system.language() == QLocale::English ? system : QLocale(QLocale::English, QLocale::UnitedStates);
    return system;
}

bool applyLanguage(const QString &setting)
{
    removeTranslator(appTranslator);
    removeTranslator(qtTranslator);

    const QLocale locale = localeFor(setting);
    QLocale::setDefault(locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true; // English is the source language: no translator needed

    bool found = false;
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(locale, QStringLiteral("sportello"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(translator);
        appTranslator = translator;
        found = true;
    } else {
        delete translator;
    }
    // Qt's own strings (standard buttons, file dialogs), when the system has them.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator = qt;
    } else {
        delete qt;
    }
    return found;
}

} // namespace sportello::ui
