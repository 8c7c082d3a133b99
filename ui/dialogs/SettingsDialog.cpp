#include "dialogs/SettingsDialog.h"

#include "common/AppSettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sportello::ui {

SettingsDialog::SettingsDialog(AppSettings &settings, Mode mode, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_mode(mode)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_nameLabel = new QLabel(this);
    m_name = new QLineEdit(m_settings.agentName(), this);
    m_name->setObjectName(QStringLiteral("agentName"));
    m_nameLabel->setBuddy(m_name);
    m_idLabel = new QLabel(this);
    m_id = new QLineEdit(m_settings.ensureAgentId(), this);
    m_id->setObjectName(QStringLiteral("agentId"));
    m_id->setReadOnly(true);
    m_idHelp = new QLabel(this);
    m_idHelp->setWordWrap(true);
    m_idHelp->setForegroundRole(QPalette::PlaceholderText);
    m_languageLabel = new QLabel(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(QString(), QStringLiteral("system"));
    // Language names are written in their own language, as people look for them.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Italiano"), QStringLiteral("it"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_settings.language())));
    m_languageLabel->setBuddy(m_language);
    m_languageHelp = new QLabel(this);
    m_languageHelp->setWordWrap(true);
    m_languageHelp->setForegroundRole(QPalette::PlaceholderText);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &SettingsDialog::updateOk);

    auto *form = new QFormLayout;
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_idLabel, m_id);
    form->addRow(QString(), m_idHelp);
    form->addRow(m_languageLabel, m_language);
    form->addRow(QString(), m_languageHelp);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
    retranslateUi();
    updateOk();
}

void SettingsDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_name->text().trimmed().isEmpty());
}

bool SettingsDialog::save()
{
    m_settings.setAgentName(m_name->text());
    m_settings.setAgentId(m_id->text());
    const QString language = m_language->currentData().toString();
    const bool changed = language != m_settings.language();
    m_settings.setLanguage(language);
    m_settings.sync();
    return changed;
}

void SettingsDialog::retranslateUi()
{
    if (m_mode == Mode::FirstRun) {
        setWindowTitle(tr("Welcome to Sportello"));
        m_intro->setText(tr("Every decision you take is recorded with your name, so that your team can see who "
                            "answered what. Please enter the name your colleagues know you by."));
    } else {
        setWindowTitle(tr("Settings"));
        m_intro->setText(tr("Your name is recorded with every decision and audit entry."));
    }
    m_nameLabel->setText(tr("Agent &name:"));
    m_name->setPlaceholderText(tr("For example, Marta Verdi"));
    m_idLabel->setText(tr("Agent ID:"));
    m_idHelp->setText(tr("Generated on first run; it identifies you in the audit log even if your name changes."));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, tr("System default"));
    m_languageHelp->setText(tr("The console switches language as soon as you press OK."));
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace sportello::ui
