#include "dialogs/PrivacyPage.h"

#include "common/Clock.h"
#include "domain/Agent.h"
#include "storage/Database.h"
#include "team/TeamRoles.h"

#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sportello::ui {

PrivacyPage::PrivacyPage(Database &database, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_database(database), m_clock(clock), m_intro(new QLabel(this)), m_closedLabel(new QLabel(this)),
      m_closed(new QSpinBox(this)), m_complaintsLabel(new QLabel(this)), m_complaints(new QSpinBox(this)),
      m_auditLabel(new QLabel(this)), m_audit(new QSpinBox(this)), m_accessLogLabel(new QLabel(this)),
      m_accessLog(new QSpinBox(this)), m_help(new QLabel(this)), m_dryRunButton(new QPushButton(this)),
      m_dryRunResult(new QLabel(this)), m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("privacyPage"));
    m_closed->setObjectName(QStringLiteral("closedThreadsMonths"));
    m_complaints->setObjectName(QStringLiteral("complaintMonths"));
    m_audit->setObjectName(QStringLiteral("auditMonths"));
    m_accessLog->setObjectName(QStringLiteral("accessLogMonths"));
    m_dryRunButton->setObjectName(QStringLiteral("retentionDryRun"));
    for (QLabel *label : {m_intro, m_help, m_dryRunResult, m_state})
        label->setWordWrap(true);
    m_help->setForegroundRole(QPalette::PlaceholderText);
    m_dryRunResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const std::pair<QLabel *, QSpinBox *> fields[] = {{m_closedLabel, m_closed},
                                                      {m_complaintsLabel, m_complaints},
                                                      {m_auditLabel, m_audit},
                                                      {m_accessLogLabel, m_accessLog}};
    auto *form = new QFormLayout;
    // A number of months needs no more room than its widest value.
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    for (const auto &[label, box] : fields) {
        box->setRange(1, privacy::kMaxRetentionMonths);
        label->setBuddy(box);
        form->addRow(label, box);
        connect(box, &QSpinBox::valueChanged, this, [this] {
            m_dryRunResult->clear(); // counted under other limits
            updateState();
            emit edited();
        });
    }
    auto *dryRunRow = new QHBoxLayout;
    dryRunRow->addWidget(m_dryRunButton);
    dryRunRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_help);
    layout->addSpacing(8);
    layout->addLayout(dryRunRow);
    layout->addWidget(m_dryRunResult);
    layout->addWidget(m_state);
    layout->addStretch(1);
    connect(m_dryRunButton, &QPushButton::clicked, this, &PrivacyPage::dryRun);

    load();
    retranslateUi();
    updateState();
}

void PrivacyPage::load()
{
    const QSqlDatabase db = m_database.connection();
    auto own = team::ownTeamRole(db);
    m_joined = own && own->has_value();
    m_editable = !m_joined || team::mayChangeTeamSettings(*own);
    auto stored = privacy::readRetentionPolicy(db);
    auto present = privacy::retentionPolicyStored(db);
    // A damaged policy is shown as the defaults with the reason; saving replaces it.
    m_loadError = stored ? QString() : stored.error();
    m_stored = stored ? *stored : privacy::RetentionPolicy{};
    m_wasStored = stored && present && *present;
    show(m_stored);
}

void PrivacyPage::show(const privacy::RetentionPolicy &policy)
{
    const QSignalBlocker b1(m_closed), b2(m_complaints), b3(m_audit), b4(m_accessLog);
    m_closed->setValue(policy.closedThreadsMonths);
    m_complaints->setValue(policy.complaintMonths);
    m_audit->setValue(policy.auditMonths);
    m_accessLog->setValue(policy.accessLogMonths);
}

privacy::RetentionPolicy PrivacyPage::policy() const
{
    privacy::RetentionPolicy p;
    p.closedThreadsMonths = m_closed->value();
    p.complaintMonths = m_complaints->value();
    p.auditMonths = m_audit->value();
    p.accessLogMonths = m_accessLog->value();
    return p;
}

Result<privacy::RetentionPolicy> PrivacyPage::checkedPolicy() const
{
    const privacy::RetentionPolicy p = policy();
    if (Status s = privacy::validateRetentionPolicy(p); !s)
        return s.failure();
    return p;
}

Status PrivacyPage::save(const Agent &agent)
{
    // The defaults shown for a cache that stores none are saved only once edited: opening the
    // settings and pressing OK writes no policy (and, in a team, pushes none).
    if (!m_editable || policy() == m_stored)
        return {};
    auto checked = checkedPolicy();
    if (!checked)
        return checked.failure();
    if (Status s = privacy::writeRetentionPolicy(m_database.connection(), *checked, agent, m_clock.nowMs()); !s)
        return s;
    m_stored = *checked;
    m_wasStored = true;
    m_loadError.clear();
    updateState();
    return {};
}

void PrivacyPage::dryRun()
{
    auto checked = checkedPolicy();
    if (!checked) {
        m_dryRunResult->setText(checked.error());
        return;
    }
    // A count over the cache's indexes: well under a second on a million posts (docs/privacy.md).
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto counts = privacy::dryRunRetention(m_database.connection(), *checked, m_clock.nowMs());
    QApplication::restoreOverrideCursor();
    if (!counts) {
        m_dryRunResult->setText(tr("The dry run failed: %1").arg(counts.error()));
        return;
    }
    const QLocale locale;
    QString text = tr("A run now would anonymise %1 conversations (%2 posts) and %3 authors, and delete %4 audit "
                      "entries.")
                       .arg(locale.toString(counts->threads), locale.toString(counts->posts),
                            locale.toString(counts->authors), locale.toString(counts->auditEntries));
    text += QLatin1Char(' ');
    text += tr("Access records to delete: %1.").arg(locale.toString(counts->accessRecords));
    m_dryRunResult->setText(text);
}

QString PrivacyPage::dryRunText() const { return m_dryRunResult->text(); }

QString PrivacyPage::stateText() const { return m_state->text(); }

void PrivacyPage::updateState()
{
    for (QSpinBox *box : {m_closed, m_complaints, m_audit, m_accessLog})
        box->setEnabled(m_editable);
    QStringList state;
    if (!m_loadError.isEmpty())
        state << tr("The stored policy could not be read (%1): the defaults are shown; saving replaces it.")
                     .arg(m_loadError);
    else if (!m_wasStored)
        state << tr("No policy is stored yet: the defaults apply.");
    if (m_joined)
        state << (m_editable ? tr("The policy is the team's: your change reaches every desktop with the next sync.")
                             : tr("Only a supervisor or an administrator of the team changes the retention policy; "
                                  "you can try a dry run."));
    if (auto checked = checkedPolicy(); !checked && m_editable)
        state << checked.error();
    m_state->setText(state.join(QLatin1Char(' ')));
    m_state->setVisible(!m_state->text().isEmpty());
}

void PrivacyPage::retranslateUi()
{
    m_intro->setText(tr("How long this cache keeps personal data. Conversations are anonymised, never deleted: "
                        "their times, categories, decisions and the reports' figures stay."));
    m_closedLabel->setText(tr("C&losed conversations:"));
    m_complaintsLabel->setText(tr("Co&mplaints:"));
    m_auditLabel->setText(tr("Aud&it entries:"));
    m_accessLogLabel->setText(tr("Acc&ess records:"));
    for (QSpinBox *box : {m_closed, m_complaints, m_audit, m_accessLog})
        box->setSuffix(tr(" months"));
    m_closed->setAccessibleDescription(tr("Months after its last activity before a closed conversation is "
                                          "anonymised"));
    m_complaints->setAccessibleDescription(tr("Months after its last activity before a conversation with a complaint "
                                              "is anonymised"));
    m_audit->setAccessibleDescription(tr("Months before an audit entry is deleted"));
    m_accessLog->setAccessibleDescription(tr("Months before a record of access to personal data is deleted"));
    m_help->setText(tr("Counted from a conversation's last activity. A conversation waiting for an answer, or with a "
                       "reply still to be delivered, is kept. The console applies the policy a few minutes after it "
                       "starts, then once a day."));
    m_dryRunButton->setText(tr("Dr&y Run"));
    m_dryRunButton->setToolTip(tr("Count what a run would do now under these limits, without changing anything"));
    updateState();
}

void PrivacyPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
