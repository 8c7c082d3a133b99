#include "dialogs/RoutingPage.h"

#include "domain/Domain.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamRoles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QSpinBox>
#include <QSqlQuery>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {

const char *kRoutingKey = "team_routing";
const char *kApprovalKey = "team_approval";

Result<QJsonObject> stored(const QSqlDatabase &db, const char *key)
{
    QSqlQuery q(db);
    if (Status s = sql::prepare(q, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    q.addBindValue(QLatin1String(key));
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return QJsonObject{};
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

Status store(const QSqlDatabase &db, const char *key, const QJsonObject &value)
{
    QSqlQuery q(db);
    if (Status s = sql::prepare(q, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    q.addBindValue(QLatin1String(key));
    q.addBindValue(QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact)));
    return sql::exec(q);
}

} // namespace

RoutingPage::RoutingPage(Database &database, QWidget *parent)
    : QWidget(parent), m_database(database), m_intro(new QLabel(this)), m_presetLabel(new QLabel(this)),
      m_preset(new QComboBox(this)), m_presetHelp(new QLabel(this)), m_orderLabel(new QLabel(this)),
      m_order(new QComboBox(this)), m_headStartLabel(new QLabel(this)), m_headStart(new QSpinBox(this)),
      m_departments(new QLabel(this)), m_approvalTitle(new QLabel(this)), m_approvalExternal(new QCheckBox(this)),
      m_approvalAgent(new QCheckBox(this)), m_approvalCategoriesTitle(new QLabel(this)),
      m_approvalComplaint(new QCheckBox(this)), m_approvalAssistance(new QCheckBox(this)),
      m_approvalNonNegative(new QCheckBox(this)), m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("routingPage"));
    for (QLabel *label : {m_intro, m_presetHelp, m_departments, m_state})
        label->setWordWrap(true);
    m_presetHelp->setForegroundRole(QPalette::PlaceholderText);
    m_preset->addItem(QString(), team::toId(team::RoutingPreset::Skills));
    m_preset->addItem(QString(), team::toId(team::RoutingPreset::Dedicated));
    m_preset->addItem(QString(), team::toId(team::RoutingPreset::Mixed));
    m_order->addItem(QString(), team::toId(team::RoutingOrder::MostUrgent));
    m_order->addItem(QString(), team::toId(team::RoutingOrder::LongestWaiting));
    m_headStart->setRange(0, 24 * 60);
    m_presetLabel->setBuddy(m_preset);
    m_orderLabel->setBuddy(m_order);
    m_headStartLabel->setBuddy(m_headStart);
    m_approvalExternal->setProperty("role", QStringLiteral("external"));
    m_approvalAgent->setProperty("role", QStringLiteral("agent"));
    m_approvalComplaint->setProperty("category", QStringLiteral("complaint"));
    m_approvalAssistance->setProperty("category", QStringLiteral("assistance"));
    m_approvalNonNegative->setProperty("category", QStringLiteral("non_negative"));

    auto *form = new QFormLayout;
    form->addRow(m_presetLabel, m_preset);
    form->addRow(QString(), m_presetHelp);
    form->addRow(m_orderLabel, m_order);
    form->addRow(m_headStartLabel, m_headStart);
    form->addRow(QString(), m_departments);
    auto *approval = new QVBoxLayout;
    approval->addWidget(m_approvalTitle);
    approval->addWidget(m_approvalExternal);
    approval->addWidget(m_approvalAgent);
    approval->addWidget(m_approvalCategoriesTitle);
    auto *categories = new QHBoxLayout;
    categories->addWidget(m_approvalComplaint);
    categories->addWidget(m_approvalAssistance);
    categories->addWidget(m_approvalNonNegative);
    categories->addStretch();
    approval->addLayout(categories);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addSpacing(12);
    layout->addLayout(approval);
    layout->addWidget(m_state);
    layout->addStretch(1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        // A preset fills in what it implies (the departments' categories for skills).
        const auto preset = team::routingPresetFromId(m_preset->currentData().toString());
        if (preset && m_editable) {
            const team::RoutingConfig next = team::RoutingConfig::usingPreset(*preset, routing());
            show(next, this->approval());
        }
        updateState();
    });
    load();
    retranslateUi();
    updateState();
}

void RoutingPage::load()
{
    const QSqlDatabase db = m_database.connection();
    auto own = team::ownTeamRole(db);
    m_joined = own && own->has_value();
    m_editable = m_joined && team::mayChangeTeamSettings(*own);
    auto routing = stored(db, kRoutingKey);
    auto approval = stored(db, kApprovalKey);
    // Nothing stored yet (the feed has not brought them): the team database's defaults.
    m_loadedRouting = {};
    if (routing && !routing->isEmpty())
        if (auto parsed = team::RoutingConfig::fromJson(*routing))
            m_loadedRouting = *parsed;
    m_loadedApproval = {};
    if (approval && !approval->isEmpty())
        if (auto parsed = team::ApprovalRule::fromJson(*approval))
            m_loadedApproval = *parsed;
    show(m_loadedRouting, m_loadedApproval);
}

void RoutingPage::show(const team::RoutingConfig &routing, const team::ApprovalRule &approval)
{
    const QSignalBlocker blockPreset(m_preset);
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(team::toId(routing.preset))));
    m_order->setCurrentIndex(std::max(0, m_order->findData(team::toId(routing.order))));
    m_headStart->setValue(routing.externalFirstMinutes);
    m_departments->setProperty("departments", routing.toJson().value(QStringLiteral("departments")).toObject());
    for (QCheckBox *box : {m_approvalExternal, m_approvalAgent})
        box->setChecked(approval.roles.contains(box->property("role").toString()));
    for (QCheckBox *box : {m_approvalComplaint, m_approvalAssistance, m_approvalNonNegative})
        box->setChecked(approval.categories.contains(box->property("category").toString()));
    retranslateUi();
}

team::RoutingConfig RoutingPage::routing() const
{
    team::RoutingConfig config = m_loadedRouting;
    config.preset = team::routingPresetFromId(m_preset->currentData().toString()).value_or(config.preset);
    config.order = team::routingOrderFromId(m_order->currentData().toString()).value_or(config.order);
    config.externalFirstMinutes = m_headStart->value();
    const QJsonObject departments = m_departments->property("departments").toJsonObject();
    config.departments.clear();
    for (auto it = departments.begin(); it != departments.end(); ++it) {
        QStringList categories;
        for (const QJsonValue &v : it.value().toArray())
            categories << v.toString();
        config.departments.push_back({it.key(), categories});
    }
    return config;
}

team::ApprovalRule RoutingPage::approval() const
{
    team::ApprovalRule rule;
    rule.roles.clear();
    for (QCheckBox *box : {m_approvalExternal, m_approvalAgent})
        if (box->isChecked())
            rule.roles << box->property("role").toString();
    for (QCheckBox *box : {m_approvalComplaint, m_approvalAssistance, m_approvalNonNegative})
        if (box->isChecked())
            rule.categories << box->property("category").toString();
    return rule;
}

QCheckBox *RoutingPage::approvalFor(const QString &role) const
{
    for (QCheckBox *box : {m_approvalExternal, m_approvalAgent})
        if (box->property("role").toString() == role)
            return box;
    return nullptr;
}

QCheckBox *RoutingPage::approvalIn(const QString &category) const
{
    for (QCheckBox *box : {m_approvalComplaint, m_approvalAssistance, m_approvalNonNegative})
        if (box->property("category").toString() == category)
            return box;
    return nullptr;
}

bool RoutingPage::changed() const
{
    return m_editable && (!(routing() == m_loadedRouting) || !(approval() == m_loadedApproval));
}

Status RoutingPage::save()
{
    if (!changed())
        return {};
    const QSqlDatabase db = m_database.connection();
    if (Status s = store(db, kRoutingKey, routing().toJson()); !s)
        return s;
    if (Status s = store(db, kApprovalKey, approval().toJson()); !s)
        return s;
    m_loadedRouting = routing();
    m_loadedApproval = approval();
    return {};
}

void RoutingPage::updateState()
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_preset, m_order, m_headStart, m_approvalExternal,
                                                       m_approvalAgent, m_approvalComplaint, m_approvalAssistance,
                                                       m_approvalNonNegative})
        w->setEnabled(m_editable);
    m_headStart->setEnabled(m_editable && m_preset->currentData().toString() == team::toId(team::RoutingPreset::Mixed));
    retranslateUi();
}

void RoutingPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RoutingPage::retranslateUi()
{
    m_intro->setText(tr("How the team hands out threads (Go > Claim Next Thread, Ctrl+J) and which public replies wait "
                        "for a supervisor's approval. These are the team's settings: a change goes to every "
                        "desktop with the next sync."));
    m_presetLabel->setText(tr("&Organisation:"));
    m_preset->setItemText(0, tr("Skills across departments"));
    m_preset->setItemText(1, tr("Dedicated in-house team"));
    m_preset->setItemText(2, tr("In-house plus outside staff"));
    const QString preset = m_preset->currentData().toString();
    m_presetHelp->setText(preset == team::toId(team::RoutingPreset::Skills)
                              ? tr("Each thread goes to the agents whose skills match it, else to their "
                                   "department's: complaints to the claims office, assistance to customer care, "
                                   "non-negative posts to marketing.")
                          : preset == team::toId(team::RoutingPreset::Dedicated)
                              ? tr("One social care team takes every thread; outside staff are not given threads.")
                              : tr("Outside staff take the threads of their share first; in-house agents take "
                                   "everything else, and theirs too once it has waited the head start."));
    m_orderLabel->setText(tr("O&rder:"));
    m_order->setItemText(0, tr("Most urgent first (least time left)"));
    m_order->setItemText(1, tr("Longest waiting first"));
    m_headStartLabel->setText(tr("Outside staff's &head start:"));
    m_headStart->setSuffix(tr(" min"));
    QStringList departments;
    const QJsonObject map = m_departments->property("departments").toJsonObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        QStringList categories;
        for (const QJsonValue &v : it.value().toArray()) {
            const auto category = categoryFromId(v.toString());
            categories << (category ? label(*category) : v.toString());
        }
        departments << tr("%1: %2").arg(it.key(), categories.join(QStringLiteral(", ")));
    }
    m_departments->setText(departments.isEmpty() ? QString()
                                                 : tr("Departments' categories: %1").arg(departments.join(
                                                       QStringLiteral("; "))));
    m_departments->setVisible(!departments.isEmpty());
    m_approvalTitle->setText(tr("Public replies wait for a supervisor's approval when written by:"));
    m_approvalExternal->setText(tr("Outside s&taff"));
    m_approvalAgent->setText(tr("&Agents"));
    m_approvalCategoriesTitle->setText(tr("Only in these categories (none ticked: in every category):"));
    m_approvalComplaint->setText(tr("&Complaints"));
    m_approvalAssistance->setText(tr("A&ssistance"));
    m_approvalNonNegative->setText(tr("&Non-negative"));
    m_state->setText(!m_joined    ? tr("This cache works alone: routing and approval are a team's (Settings > Team).")
                     : m_editable ? QString()
                                  : tr("Only a supervisor or an administrator changes these."));
    m_state->setVisible(!m_state->text().isEmpty());
    // What a screen reader reads after each control's name.
    m_preset->setAccessibleDescription(m_presetHelp->text());
    m_order->setAccessibleDescription(tr("Which waiting thread Claim Next Thread gives first"));
    m_headStart->setAccessibleDescription(
        tr("How long outside staff have a thread of their share before in-house agents may take it"));
    const QString approval = tr("Public replies by them wait for a supervisor's approval");
    m_approvalExternal->setAccessibleDescription(approval);
    m_approvalAgent->setAccessibleDescription(approval);
    const QString category = tr("Approval only in this category; none ticked: in every category");
    for (QCheckBox *box : {m_approvalComplaint, m_approvalAssistance, m_approvalNonNegative})
        box->setAccessibleDescription(category);
}

} // namespace sportello::ui
