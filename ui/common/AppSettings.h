#pragma once
// The agent's own settings, kept in QSettings: who they are and the language of the console.
// Team-wide things (policies, calendars) live in the database, not here.

#include "domain/Agent.h"

#include <QSettings>
#include <QString>
#include <memory>

namespace sportello::ui {

class AppSettings {
public:
    // The platform's usual place (organization "Sportello", application "sportello").
    AppSettings();
    // A given file, in INI format; tests use a temporary one.
    explicit AppSettings(const QString &iniPath);

    QString agentName() const;
    void setAgentName(const QString &name);
    QString agentId() const;
    void setAgentId(const QString &id);
    // Gives the agent a new UUID when none is stored yet; returns the id in use.
    QString ensureAgentId();
    Agent agent() const { return {agentId(), agentName()}; }

    // "system", "en" or "it".
    QString language() const;
    void setLanguage(const QString &language);

    // Minutes between automatic syncs while online; 0: only on demand (F5). Default 5.
    int syncIntervalMinutes() const;
    void setSyncIntervalMinutes(int minutes);

    QString lastImportFolder() const;
    void setLastImportFolder(const QString &folder);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowGeometry(const QByteArray &geometry, const QByteArray &state);

    void sync() { m_settings->sync(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace sportello::ui
