#include "dialogs/SettingsDialog.h"

#include "common/Accessible.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "customers/CrmLink.h"
#include "dialogs/AccountsPage.h"
#include "dialogs/CalendarEditor.h"
#include "dialogs/GuardPage.h"
#include "dialogs/PrivacyPage.h"
#include "dialogs/PolicyEditor.h"
#include "dialogs/RoutingPage.h"
#include "dialogs/SavedRepliesPage.h"
#include "dialogs/TeamPage.h"
#include "domain/Agent.h"
#include "storage/Database.h"
#include "timers/PolicyStore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sportello::ui {

SettingsDialog::SettingsDialog(AppSettings &settings, Mode mode, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_mode(mode)
{
    QWidget *general = createGeneralPage();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(general, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
    retranslateUi();
    updateOk();
}

SettingsDialog::~SettingsDialog() = default;

SettingsDialog::SettingsDialog(AppSettings &settings, Database &database, const Clock &clock,
                               accounts::TokenStore &tokens, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_mode(Mode::Settings), m_database(&database), m_clock(&clock)
{
    QWidget *general = createGeneralPage();
    addCrmSection(general);
    m_calendarEditor = new CalendarEditor(clock);
    m_calendarEditor->setObjectName(QStringLiteral("calendarPage"));
    m_policyEditor = new PolicyEditor(m_calendarEditor);
    m_policyEditor->setObjectName(QStringLiteral("policyPage"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_tabs->addTab(general, QString());
    m_tabs->addTab(m_policyEditor, QString());
    m_tabs->addTab(m_calendarEditor, QString());
    m_accountsPage = new AccountsPage(database, tokens, settings);
    m_accountsPage->setClock(clock);
    m_tabs->addTab(m_accountsPage, QString());
    m_savedReplies = new SavedRepliesPage(database, clock);
    m_tabs->addTab(m_savedReplies, QString());
    m_teamPage = new TeamPage(database, clock, tokens);
    m_tabs->addTab(m_teamPage, QString());
    m_routingPage = new RoutingPage(database);
    m_tabs->addTab(m_routingPage, QString());
    m_guardPage = new GuardPage(database);
    m_tabs->addTab(m_guardPage, QString());
    connect(m_guardPage, &GuardPage::edited, this, [this] { showError(QString()); });
    m_privacyPage = new PrivacyPage(database, clock);
    m_tabs->addTab(m_privacyPage, QString());
    connect(m_privacyPage, &PrivacyPage::edited, this, [this] { showError(QString()); });
    connect(m_policyEditor, &PolicyEditor::changed, this, [this] { showError(QString()); });
    connect(m_policyEditor, &PolicyEditor::invalid, this, &SettingsDialog::showError);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumSize(720, 640);
    loadPolicies();
    retranslateUi();
    updateOk();
}

QWidget *SettingsDialog::createGeneralPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("generalPage"));
    m_intro = new QLabel(page);
    m_intro->setWordWrap(true);
    m_nameLabel = new QLabel(page);
    m_name = new QLineEdit(m_settings.agentName(), page);
    m_name->setObjectName(QStringLiteral("agentName"));
    m_nameLabel->setBuddy(m_name);
    m_idLabel = new QLabel(page);
    m_id = new QLineEdit(m_settings.ensureAgentId(), page);
    m_id->setObjectName(QStringLiteral("agentId"));
    m_id->setReadOnly(true);
    m_idHelp = new QLabel(page);
    m_idHelp->setWordWrap(true);
    m_idHelp->setForegroundRole(QPalette::PlaceholderText);
    m_languageLabel = new QLabel(page);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(QString(), QStringLiteral("system"));
    // Language names are written in their own language, as people look for them.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Italiano"), QStringLiteral("it"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_settings.language())));
    m_languageLabel->setBuddy(m_language);
    m_languageHelp = new QLabel(page);
    m_languageHelp->setWordWrap(true);
    m_languageHelp->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_idLabel, m_id);
    form->addRow(QString(), m_idHelp);
    form->addRow(m_languageLabel, m_language);
    form->addRow(QString(), m_languageHelp);
    auto *layout = new QVBoxLayout(page);
    if (m_mode == Mode::FirstRun || !m_database)
        layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addStretch(1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorLabelStyle(m_error->palette()));
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &SettingsDialog::updateOk);
    return page;
}

void SettingsDialog::addCrmSection(QWidget *general)
{
    m_crmBox = new QGroupBox(general);
    m_crmBox->setObjectName(QStringLiteral("crmLookup"));
    m_crmLabel = new QLabel(m_crmBox);
    auto stored = loadCrmTemplate(m_database->connection());
    m_crmStored = stored ? stored.value() : QString();
    m_crmTemplate = new QLineEdit(m_crmStored, m_crmBox);
    m_crmTemplate->setObjectName(QStringLiteral("crmTemplate"));
    m_crmTemplate->setClearButtonEnabled(true);
    m_crmLabel->setBuddy(m_crmTemplate);
    m_crmHelp = new QLabel(m_crmBox);
    m_crmHelp->setWordWrap(true);
    m_crmHelp->setForegroundRole(QPalette::PlaceholderText);
    m_crmHelp->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A row and the help under it (a form's word-wrapped help row takes spare height).
    auto *row = new QHBoxLayout;
    row->addWidget(m_crmLabel);
    row->addWidget(m_crmTemplate, 1);
    auto *box = new QVBoxLayout(m_crmBox);
    box->addLayout(row);
    box->addWidget(m_crmHelp);
    // Before the page's closing stretch.
    auto *layout = static_cast<QVBoxLayout *>(general->layout());
    layout->insertWidget(layout->count() - 1, m_crmBox);
    connect(m_crmTemplate, &QLineEdit::textEdited, this, [this] { showError(QString()); });
    if (!stored)
        showError(stored.error());
}

void SettingsDialog::loadPolicies()
{
    const PolicyStore store(*m_database);
    QVector<ResponsePolicy> policies;
    QStringList problems;
    auto names = store.names();
    if (!names) {
        problems << names.error();
    } else {
        for (const QString &name : names.value()) {
            auto policy = store.load(name);
            if (policy)
                policies << policy.value();
            else
                problems << policy.error();
        }
    }
    auto active = store.activeName();
    m_policyEditor->setPolicies(policies, active ? active.value() : QStringLiteral("systematic"));
    if (!problems.isEmpty())
        showError(problems.join(QLatin1Char('\n')));
}

void SettingsDialog::setCurrentPage(Page page)
{
    if (!m_tabs)
        return;
    m_tabs->setCurrentWidget(page == Page::Policy         ? static_cast<QWidget *>(m_policyEditor)
                             : page == Page::Calendar     ? static_cast<QWidget *>(m_calendarEditor)
                             : page == Page::Accounts     ? static_cast<QWidget *>(m_accountsPage)
                             : page == Page::SavedReplies ? static_cast<QWidget *>(m_savedReplies)
                             : page == Page::Team         ? static_cast<QWidget *>(m_teamPage)
                             : page == Page::Routing      ? static_cast<QWidget *>(m_routingPage)
                             : page == Page::Guard        ? static_cast<QWidget *>(m_guardPage)
                             : page == Page::Privacy      ? static_cast<QWidget *>(m_privacyPage)
                                                          : m_tabs->widget(0));
}

bool SettingsDialog::guardConfigChanged() const { return m_guardPage && m_guardPage->saved(); }

bool SettingsDialog::teamMembershipChanged() const { return m_teamPage && m_teamPage->membershipChanged(); }

QString SettingsDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void SettingsDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void SettingsDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_name->text().trimmed().isEmpty());
}

void SettingsDialog::accept()
{
    // The guard's configuration is checked before anything is stored, so that its errors do not
    // leave the other pages half saved.
    if (m_guardPage && m_guardPage->changed()) {
        if (auto guard = m_guardPage->config(); !guard) {
            setCurrentPage(Page::Guard);
            showError(tr("The personal data guard's configuration cannot be saved: %1").arg(guard.error()));
            return;
        }
    }
    if (m_privacyPage && m_privacyPage->editable() && m_privacyPage->changed()) {
        if (auto retention = m_privacyPage->checkedPolicy(); !retention) {
            setCurrentPage(Page::Privacy);
            showError(tr("The retention policy cannot be saved: %1").arg(retention.error()));
            return;
        }
    }
    const bool crmChanged = m_crmTemplate && m_crmTemplate->text().trimmed() != m_crmStored;
    if (crmChanged && !m_crmTemplate->text().trimmed().isEmpty()) {
        if (Status s = checkCrmTemplate(m_crmTemplate->text().trimmed()); !s) {
            setCurrentPage(Page::General);
            m_crmTemplate->setFocus();
            showError(tr("The CRM address cannot be saved: %1").arg(s.error()));
            return;
        }
    }
    if (m_policyEditor) {
        // The calendar first, so that its errors lead to its page.
        if (auto calendar = m_calendarEditor->calendar(); !calendar) {
            setCurrentPage(Page::Calendar);
            showError(tr("The business calendar is not valid: %1").arg(calendar.error()));
            return;
        }
        auto policy = m_policyEditor->policy();
        if (!policy) {
            setCurrentPage(Page::Policy);
            showError(policy.error());
            return;
        }
        PolicyStore store(*m_database);
        auto active = store.active();
        auto activeName = store.activeName();
        const bool unchanged =
            active && activeName && activeName.value() == policy->name && active.value() == policy.value();
        if (!unchanged) {
            if (Status s = store.saveAndActivate(policy.value(), m_clock->nowMs()); !s) {
                setCurrentPage(Page::Policy);
                showError(tr("The policy could not be saved: %1").arg(s.error()));
                return;
            }
            m_policyChanged = true;
        }
    }
    if (m_routingPage) {
        if (Status s = m_routingPage->save(); !s) {
            m_tabs->setCurrentWidget(m_routingPage);
            showError(tr("The team's routing could not be saved: %1").arg(s.error()));
            return;
        }
    }
    if (m_guardPage) {
        // Recorded in the audit with the agent's name as this dialog has it (stored just after).
        const Agent agent{m_id->text(), m_name->text().trimmed()};
        if (Status s = m_guardPage->save(agent, *m_clock); !s) {
            setCurrentPage(Page::Guard);
            showError(tr("The personal data guard's configuration could not be saved: %1").arg(s.error()));
            return;
        }
    }
    if (m_privacyPage) {
        const Agent agent{m_id->text(), m_name->text().trimmed()};
        if (Status s = m_privacyPage->save(agent); !s) {
            setCurrentPage(Page::Privacy);
            showError(tr("The retention policy could not be saved: %1").arg(s.error()));
            return;
        }
    }
    if (crmChanged) {
        if (Status s = saveCrmTemplate(m_database->connection(), m_crmTemplate->text()); !s) {
            setCurrentPage(Page::General);
            showError(tr("The CRM address could not be saved: %1").arg(s.error()));
            return;
        }
        m_crmStored = m_crmTemplate->text().trimmed();
    }
    showError(QString());
    QDialog::accept();
}

bool SettingsDialog::save()
{
    m_settings.setAgentName(m_name->text());
    m_settings.setAgentId(m_id->text());
    const QString language = m_language->currentData().toString();
    const bool changed = language != m_settings.language();
    m_settings.setLanguage(language);
    if (m_accountsPage)
        m_accountsPage->save();
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
    // The help under a field is what a screen reader reads after the field's name.
    m_name->setAccessibleDescription(tr("The name your colleagues know you by, recorded with every decision"));
    m_id->setAccessibleName(tr("Agent ID"));
    m_id->setAccessibleDescription(m_idHelp->text());
    m_language->setAccessibleDescription(m_languageHelp->text());
    if (m_crmBox) {
        m_crmBox->setTitle(tr("Customer Records (CRM)"));
        m_crmLabel->setText(tr("CRM &web address:"));
        m_crmTemplate->setPlaceholderText(tr("For example %1")
                                              .arg(QStringLiteral("https://crm.example/customers?ref={policyholder_ref}"
                                                                  "&handle={handle}")));
        m_crmHelp->setText(
            tr("Opened from the customer card (Ctrl+Shift+M) with the customer's values in place of "
               "%1. Empty: no CRM lookup. In a team, a supervisor's change reaches every desktop.")
                .arg(QLatin1Char('{') + crmPlaceholders().join(QStringLiteral("}, {")) + QLatin1Char('}')));
        m_crmTemplate->setAccessibleDescription(m_crmHelp->text());
    }
    if (m_tabs) {
        m_tabs->setTabText(0, tr("&Agent and Language"));
        m_tabs->setTabText(1, tr("Response &Policy"));
        m_tabs->setTabText(2, tr("Business &Calendar"));
        m_tabs->setTabText(3, tr("Acc&ounts"));
        m_tabs->setTabText(4, tr("Saved &Replies"));
        m_tabs->setTabText(5, tr("&Team"));
        m_tabs->setTabText(6, tr("Ro&uting"));
        m_tabs->setTabText(7, tr("Personal &Data Guard"));
        m_tabs->setTabText(8, tr("Pri&vacy"));
        // Every tab's title whole, in this language and font: the dialog is never narrower than its
        // tab bar (a scrolled tab bar hid the last pages' titles).
        const QMargins margins = contentsMargins() + (layout() ? layout()->contentsMargins() : QMargins());
        setMinimumWidth(m_tabs->tabBar()->sizeHint().width() + margins.left() + margins.right() +
                        2 * m_tabs->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 8);
    }
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace sportello::ui
