#include "common/AppSettings.h"

#include <QUuid>

namespace sportello::ui {

namespace {
const QString kAgentName = QStringLiteral("agent/name");
const QString kAgentId = QStringLiteral("agent/id");
const QString kLanguage = QStringLiteral("ui/language");
const QString kImportFolder = QStringLiteral("ui/lastImportFolder");
const QString kGeometry = QStringLiteral("ui/windowGeometry");
const QString kState = QStringLiteral("ui/windowState");
const QString kSyncInterval = QStringLiteral("sync/intervalMinutes");
} // namespace

AppSettings::AppSettings() : m_settings(std::make_unique<QSettings>()) {}

AppSettings::AppSettings(const QString &iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{}

QString AppSettings::agentName() const { return m_settings->value(kAgentName).toString().trimmed(); }
void AppSettings::setAgentName(const QString &name) { m_settings->setValue(kAgentName, name.trimmed()); }
QString AppSettings::agentId() const { return m_settings->value(kAgentId).toString().trimmed(); }
void AppSettings::setAgentId(const QString &id) { m_settings->setValue(kAgentId, id.trimmed()); }

QString AppSettings::ensureAgentId()
{
    QString id = agentId();
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        setAgentId(id);
    }
    return id;
}

QString AppSettings::language() const
{
    const QString language = m_settings->value(kLanguage, QStringLiteral("system")).toString();
    if (language == QLatin1String("en") || language == QLatin1String("it"))
        return language;
    return QStringLiteral("system");
}

void AppSettings::setLanguage(const QString &language) { m_settings->setValue(kLanguage, language); }

int AppSettings::syncIntervalMinutes() const
{
    bool ok = false;
    const int minutes = m_settings->value(kSyncInterval, 5).toInt(&ok);
    return ok ? qBound(0, minutes, 24 * 60) : 5;
}

void AppSettings::setSyncIntervalMinutes(int minutes)
{
    m_settings->setValue(kSyncInterval, qBound(0, minutes, 24 * 60));
}

QString AppSettings::lastImportFolder() const { return m_settings->value(kImportFolder).toString(); }
void AppSettings::setLastImportFolder(const QString &folder) { m_settings->setValue(kImportFolder, folder); }

QByteArray AppSettings::windowGeometry() const { return m_settings->value(kGeometry).toByteArray(); }
QByteArray AppSettings::windowState() const { return m_settings->value(kState).toByteArray(); }

void AppSettings::setWindowGeometry(const QByteArray &geometry, const QByteArray &state)
{
    m_settings->setValue(kGeometry, geometry);
    m_settings->setValue(kState, state);
}

} // namespace sportello::ui
