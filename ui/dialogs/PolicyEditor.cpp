#include "dialogs/PolicyEditor.h"

#include "common/Format.h"
#include "common/TimerContext.h"
#include "dialogs/CalendarEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace sportello::ui {

namespace {
const Category kCategories[] = {Category::NonNegative, Category::Complaint, Category::Assistance};
enum TableColumn { CategoryColumn, ChannelColumn, StarsColumn, MinutesColumn, ClockColumn, TableColumns };
constexpr int kMaxMinutes = 60 * 24 * 365;

QSpinBox *newMinutesSpin(QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(1, kMaxMinutes);
    spin->setAccelerated(true);
    spin->setAlignment(Qt::AlignRight);
    return spin;
}

// The names and descriptions a screen reader gives the controls of one per-channel target: the
// column's header, and the row's place in the table.
void describeChannelRow(QTableWidget *table, int row)
{
    for (int column = 0; column < TableColumns; ++column) {
        QWidget *cell = table->cellWidget(row, column);
        const QTableWidgetItem *header = table->horizontalHeaderItem(column);
        if (!cell || !header)
            continue;
        cell->setAccessibleName(header->text());
        cell->setAccessibleDescription(PolicyEditor::tr("Per-channel target %1").arg(row + 1));
    }
}

// A policy name from what a person typed: "Weekend team" -> "weekend-team".
QString nameFrom(const QString &label)
{
    QString name = label.normalized(QString::NormalizationForm_KD).toLower();
    name.remove(QRegularExpression(QStringLiteral("[\\x{0300}-\\x{036f}]")));
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9_-]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return name.left(64);
}
} // namespace

PolicyEditor::PolicyEditor(CalendarEditor *calendar, QWidget *parent) : QWidget(parent), m_calendar(calendar)
{
    m_policyLabel = new QLabel(this);
    m_policy = new QComboBox(this);
    m_policy->setObjectName(QStringLiteral("policyChoice"));
    m_policy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_policyLabel->setBuddy(m_policy);
    m_newPolicy = new QPushButton(this);
    m_newPolicy->setObjectName(QStringLiteral("newPolicy"));
    m_restore = new QPushButton(this);
    m_restore->setObjectName(QStringLiteral("restorePreset"));
    m_explanation = new QLabel(this);
    m_explanation->setWordWrap(true);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);

    m_targetsBox = new QGroupBox(this);
    auto *grid = new QGridLayout(m_targetsBox);
    grid->setHorizontalSpacing(12);
    m_headerTarget = new QLabel(m_targetsBox);
    m_headerClock = new QLabel(m_targetsBox);
    m_headerHandled = new QLabel(m_targetsBox);
    m_headerHandled->setWordWrap(true);
    for (QLabel *l : {m_headerTarget, m_headerClock, m_headerHandled})
        l->setForegroundRole(QPalette::PlaceholderText);
    grid->addWidget(m_headerTarget, 0, 1);
    grid->addWidget(m_headerClock, 0, 2);
    grid->addWidget(m_headerHandled, 0, 3);
    for (Category c : kCategories) {
        Row &row = m_rows[int(c)];
        row.label = new QLabel(m_targetsBox);
        row.minutes = newMinutesSpin(m_targetsBox);
        row.minutes->setObjectName(QStringLiteral("targetMinutes-") + toId(c));
        row.clock = new QComboBox(m_targetsBox);
        row.clock->setObjectName(QStringLiteral("targetClock-") + toId(c));
        fillClockCombo(row.clock);
        row.handled = new QCheckBox(m_targetsBox);
        row.handled->setObjectName(QStringLiteral("handled-") + toId(c));
        row.label->setBuddy(row.minutes);
        const int r = int(c) + 1;
        grid->addWidget(row.label, r, 0);
        grid->addWidget(row.minutes, r, 1);
        grid->addWidget(row.clock, r, 2);
        grid->addWidget(row.handled, r, 3, Qt::AlignHCenter);
        connect(row.minutes, &QSpinBox::valueChanged, this, &PolicyEditor::changed);
        connect(row.clock, &QComboBox::currentIndexChanged, this, &PolicyEditor::changed);
        connect(row.handled, &QCheckBox::toggled, this, &PolicyEditor::changed);
    }
    grid->setColumnStretch(3, 1);
    m_dueSoonLabel = new QLabel(m_targetsBox);
    m_dueSoon = new QSpinBox(m_targetsBox);
    m_dueSoon->setObjectName(QStringLiteral("dueSoonPercent"));
    m_dueSoon->setRange(1, 99);
    m_dueSoon->setSuffix(QStringLiteral(" %"));
    m_dueSoon->setAlignment(Qt::AlignRight);
    m_dueSoonLabel->setBuddy(m_dueSoon);
    m_dueSoonHelp = new QLabel(m_targetsBox);
    m_dueSoonHelp->setWordWrap(true);
    m_dueSoonHelp->setForegroundRole(QPalette::PlaceholderText);
    grid->addWidget(m_dueSoonLabel, 4, 0);
    grid->addWidget(m_dueSoon, 4, 1);
    grid->addWidget(m_dueSoonHelp, 4, 2, 1, 2);
    connect(m_dueSoon, &QSpinBox::valueChanged, this, &PolicyEditor::changed);

    m_channelBox = new QGroupBox(this);
    m_channelHelp = new QLabel(m_channelBox);
    m_channelHelp->setWordWrap(true);
    m_channelHelp->setForegroundRole(QPalette::PlaceholderText);
    m_channelTargets = new QTableWidget(0, TableColumns, m_channelBox);
    m_channelTargets->setTabKeyNavigation(false); // Tab goes through the row's fields, then on
    m_channelTargets->setObjectName(QStringLiteral("channelTargets"));
    m_channelTargets->verticalHeader()->hide();
    m_channelTargets->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_channelTargets->setSelectionMode(QAbstractItemView::SingleSelection);
    m_channelTargets->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_channelTargets->verticalHeader()->setDefaultSectionSize(m_channelTargets->fontMetrics().height() + 14);
    m_channelTargets->setMinimumHeight(m_channelTargets->fontMetrics().height() * 6);
    m_addChannelTarget = new QPushButton(m_channelBox);
    m_addChannelTarget->setObjectName(QStringLiteral("addChannelTarget"));
    m_removeChannelTarget = new QPushButton(m_channelBox);
    m_removeChannelTarget->setObjectName(QStringLiteral("removeChannelTarget"));
    auto *channelButtons = new QVBoxLayout;
    channelButtons->addWidget(m_addChannelTarget);
    channelButtons->addWidget(m_removeChannelTarget);
    channelButtons->addStretch(1);
    auto *channelRow = new QHBoxLayout;
    channelRow->addWidget(m_channelTargets, 1);
    channelRow->addLayout(channelButtons);
    auto *channelLayout = new QVBoxLayout(m_channelBox);
    channelLayout->addWidget(m_channelHelp);
    channelLayout->addLayout(channelRow);

    auto *top = new QHBoxLayout;
    top->addWidget(m_policyLabel);
    top->addWidget(m_policy, 1);
    top->addWidget(m_newPolicy);
    top->addWidget(m_restore);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_explanation);
    layout->addWidget(m_targetsBox);
    layout->addWidget(m_channelBox, 1);

    connect(m_policy, &QComboBox::currentIndexChanged, this, [this] {
        if (selectedName() == m_shown)
            return;
        if (!keepEdits()) {
            const QSignalBlocker blocker(m_policy);
            m_policy->setCurrentIndex(m_policy->findData(m_shown));
            return;
        }
        showSelected();
        emit changed();
    });
    connect(m_restore, &QPushButton::clicked, this, &PolicyEditor::restorePreset);
    connect(m_newPolicy, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString label =
            QInputDialog::getText(this, tr("New Policy"), tr("Name of the new policy (a copy of the one shown):"),
                                  QLineEdit::Normal, QString(), &ok);
        if (!ok)
            return;
        QString error;
        if (!addPolicyCopy(label, &error))
            emit invalid(error);
    });
    connect(m_addChannelTarget, &QPushButton::clicked, this, [this] {
        addChannelTarget({Category::Complaint, Channel::Facebook, 60, true});
        m_channelTargets->setCurrentCell(m_channelTargets->rowCount() - 1, CategoryColumn);
    });
    connect(m_removeChannelTarget, &QPushButton::clicked, this, [this] {
        const int row = m_channelTargets->currentRow();
        if (row >= 0) {
            m_channelTargets->removeRow(row);
            updateButtons();
            emit changed();
        }
    });
    connect(m_channelTargets, &QTableWidget::currentCellChanged, this, &PolicyEditor::updateButtons);
    connect(m_calendar, &CalendarEditor::changed, this, &PolicyEditor::changed);
    retranslateUi();
}

void PolicyEditor::fillClockCombo(QComboBox *combo)
{
    const int current = combo->currentIndex();
    combo->clear();
    combo->addItem(tr("business time"), true);
    combo->addItem(tr("calendar time"), false);
    combo->setCurrentIndex(qMax(0, current));
}

void PolicyEditor::setPolicies(const QVector<ResponsePolicy> &policies, const QString &activeName)
{
    m_policies.clear();
    m_activeName = activeName;
    QStringList names;
    for (const ResponsePolicy &p : policies) {
        m_policies.insert(p.name, p);
        names << p.name;
    }
    // The presets first, then the others by name.
    std::stable_sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const int ra = ResponsePolicy::presetNames().indexOf(a), rb = ResponsePolicy::presetNames().indexOf(b);
        if ((ra >= 0) != (rb >= 0))
            return ra >= 0;
        return ra >= 0 ? ra < rb : a < b;
    });
    const QSignalBlocker blocker(m_policy);
    m_policy->clear();
    for (const QString &name : names)
        m_policy->addItem(QString(), name);
    retranslateUi(); // the items' texts
    m_shown.clear();
    m_policy->setCurrentIndex(qMax(0, m_policy->findData(activeName)));
    showSelected();
}

QString PolicyEditor::selectedName() const { return m_policy->currentData().toString(); }

bool PolicyEditor::selectPolicy(const QString &name)
{
    const int index = m_policy->findData(name);
    if (index < 0)
        return false;
    m_policy->setCurrentIndex(index);
    return selectedName() == name && m_shown == name;
}

void PolicyEditor::showSelected()
{
    m_shown = selectedName();
    fill(m_policies.value(m_shown));
    updateButtons();
}

void PolicyEditor::fill(const ResponsePolicy &policy)
{
    for (Category c : kCategories) {
        Row &row = m_rows[int(c)];
        const QSignalBlocker b1(row.minutes), b2(row.clock), b3(row.handled);
        ResponseTarget general{c, std::nullopt, 60, true};
        for (const ResponseTarget &candidate : policy.targets)
            if (candidate.category == c && !candidate.channel)
                general = candidate;
        row.minutes->setValue(int(general.minutes));
        row.clock->setCurrentIndex(general.businessTime ? 0 : 1);
        row.handled->setChecked(policy.closeWithoutReplyIsHandled.contains(c));
    }
    {
        const QSignalBlocker blocker(m_dueSoon);
        m_dueSoon->setValue(int(std::lround(policy.dueSoonFraction * 100)));
    }
    m_channelTargets->setRowCount(0);
    for (const ResponseTarget &t : policy.targets)
        if (t.channel || !t.category || t.maxRating)
            addChannelTarget(t);
    {
        const QSignalBlocker blocker(m_calendar);
        m_calendar->setCalendar(policy.calendar);
    }
    m_calendar->setHeading(tr("The business calendar of the “%1” policy. Targets in business time count only "
                              "these hours; saving recomputes the due time of every waiting post.")
                               .arg(policyLabel(policy)));
}

void PolicyEditor::addChannelTarget(const ResponseTarget &target)
{
    const int row = m_channelTargets->rowCount();
    m_channelTargets->insertRow(row);
    auto *category = new QComboBox;
    for (Category c : kCategories)
        category->addItem(shortLabel(c), toId(c));
    category->addItem(tr("Not categorised"), QString());
    category->setCurrentIndex(target.category ? category->findData(toId(*target.category)) : category->count() - 1);
    auto *channel = new QComboBox;
    channel->addItem(tr("All channels"), QString());
    for (const QString &id : allChannelIds())
        channel->addItem(label(*channelFromId(id)), id);
    channel->setCurrentIndex(target.channel ? channel->findData(toId(*target.channel)) : 0);
    // App-store reviews with at most this many stars; "any rating" is every post.
    auto *stars = new QComboBox;
    stars->addItem(tr("Any rating"), 0);
    stars->addItem(tr("1 star"), 1);
    for (int n = 2; n <= 4; ++n)
        stars->addItem(tr("1 to %1 stars").arg(n), n);
    stars->setCurrentIndex(target.maxRating ? stars->findData(*target.maxRating) : 0);
    auto *minutes = newMinutesSpin(nullptr);
    minutes->setSuffix(tr(" min"));
    minutes->setValue(int(target.minutes));
    auto *clock = new QComboBox;
    fillClockCombo(clock);
    clock->setCurrentIndex(target.businessTime ? 0 : 1);
    m_channelTargets->setCellWidget(row, CategoryColumn, category);
    m_channelTargets->setCellWidget(row, ChannelColumn, channel);
    m_channelTargets->setCellWidget(row, StarsColumn, stars);
    m_channelTargets->setCellWidget(row, MinutesColumn, minutes);
    m_channelTargets->setCellWidget(row, ClockColumn, clock);
    for (QComboBox *combo : {category, channel, stars, clock})
        connect(combo, &QComboBox::currentIndexChanged, this, &PolicyEditor::changed);
    connect(minutes, &QSpinBox::valueChanged, this, &PolicyEditor::changed);
    describeChannelRow(m_channelTargets, row);
    updateButtons();
    emit changed();
}

Result<ResponsePolicy> PolicyEditor::policy() const
{
    auto calendar = m_calendar->calendar();
    if (!calendar)
        return Error{tr("Business calendar: %1").arg(calendar.error()), ErrorKind::InvalidInput};
    ResponsePolicy p = m_policies.value(m_shown);
    p.calendar = calendar.value();
    p.dueSoonFraction = m_dueSoon->value() / 100.0;
    p.targets.clear();
    p.closeWithoutReplyIsHandled.clear();
    for (Category c : kCategories) {
        const Row &row = m_rows[int(c)];
        p.targets.push_back({c, std::nullopt, row.minutes->value(), row.clock->currentData().toBool()});
        if (row.handled->isChecked())
            p.closeWithoutReplyIsHandled.insert(c);
    }
    const int general = int(p.targets.size());
    for (int r = 0; r < m_channelTargets->rowCount(); ++r) {
        const auto *category = static_cast<QComboBox *>(m_channelTargets->cellWidget(r, CategoryColumn));
        const auto *channel = static_cast<QComboBox *>(m_channelTargets->cellWidget(r, ChannelColumn));
        const auto *minutes = static_cast<QSpinBox *>(m_channelTargets->cellWidget(r, MinutesColumn));
        const auto *stars = static_cast<QComboBox *>(m_channelTargets->cellWidget(r, StarsColumn));
        const auto *clock = static_cast<QComboBox *>(m_channelTargets->cellWidget(r, ClockColumn));
        ResponseTarget t;
        t.category = categoryFromId(category->currentData().toString());
        t.channel = channelFromId(channel->currentData().toString());
        if (const int n = stars->currentData().toInt(); n > 0)
            t.maxRating = n;
        t.minutes = minutes->value();
        t.businessTime = clock->currentData().toBool();
        if (t.category && !t.channel && !t.maxRating)
            return Error{tr("Per-channel targets, row %1: choose a channel or a star rating. The target of “%2” "
                            "on every channel is set above.")
                             .arg(r + 1)
                             .arg(shortLabel(*t.category)),
                         ErrorKind::InvalidInput};
        for (int i = general; i < p.targets.size(); ++i) {
            if (p.targets.at(i).category == t.category && p.targets.at(i).channel == t.channel &&
                p.targets.at(i).maxRating == t.maxRating)
                return Error{tr("Per-channel targets, row %1 repeats row %2.").arg(r + 1).arg(i - general + 1),
                             ErrorKind::InvalidInput};
        }
        p.targets.push_back(t);
    }
    if (Status s = p.validate(); !s)
        return s.failure();
    return p;
}

bool PolicyEditor::keepEdits()
{
    if (m_shown.isEmpty())
        return true;
    auto edited = policy();
    if (!edited) {
        emit invalid(edited.error());
        return false;
    }
    m_policies.insert(m_shown, edited.value());
    return true;
}

bool PolicyEditor::addPolicyCopy(const QString &label, QString *error)
{
    const QString name = nameFrom(label);
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (name.isEmpty())
        return fail(tr("Give the new policy a name with at least one letter or digit."));
    if (m_policies.contains(name))
        return fail(tr("There is already a policy called “%1”.").arg(name));
    auto copy = policy();
    if (!copy)
        return fail(copy.error());
    m_policies.insert(m_shown, copy.value()); // the edits of the policy it was copied from stay too
    copy->name = name;
    copy->label = label.trimmed();
    m_policies.insert(name, copy.value());
    m_policy->addItem(QString(), name);
    retranslateUi();
    const QSignalBlocker blocker(m_policy);
    m_policy->setCurrentIndex(m_policy->findData(name));
    showSelected();
    emit changed();
    return true;
}

void PolicyEditor::restorePreset()
{
    const auto preset = ResponsePolicy::preset(m_shown);
    if (!preset)
        return;
    m_policies.insert(m_shown, *preset);
    fill(*preset);
    emit changed();
}

void PolicyEditor::updateButtons()
{
    m_restore->setEnabled(ResponsePolicy::preset(m_shown).has_value());
    m_removeChannelTarget->setEnabled(m_channelTargets->currentRow() >= 0);
}

void PolicyEditor::retranslateUi()
{
    m_policyLabel->setText(tr("&Policy:"));
    for (int i = 0; i < m_policy->count(); ++i) {
        const QString name = m_policy->itemData(i).toString();
        const QString text = policyLabel(m_policies.value(name));
        m_policy->setItemText(i, name == m_activeName ? tr("%1 (active)").arg(text) : text);
    }
    m_newPolicy->setText(tr("&New Policy…"));
    m_newPolicy->setToolTip(tr("Save a copy of the policy shown under another name"));
    m_restore->setText(tr("Restore &Preset"));
    m_restore->setToolTip(tr("Bring back the preset's original targets and calendar"));
    m_explanation->setText(tr("OK makes the policy shown here the active one and saves your changes to it in this "
                              "cache; the due time of every waiting post is then recomputed. Changes to a preset are "
                              "saved under the preset's name: Restore Preset brings back its original figures, New "
                              "Policy… keeps them apart under a new name."));
    m_targetsBox->setTitle(tr("First-response targets"));
    m_headerTarget->setText(tr("Target"));
    m_headerClock->setText(tr("Counted in"));
    m_headerHandled->setText(tr("Closed without reply counts as handled"));
    for (Category c : kCategories) {
        Row &row = m_rows[int(c)];
        row.label->setText(label(c) + QLatin1Char(':'));
        row.minutes->setSuffix(tr(" min"));
        fillClockCombo(row.clock);
        row.handled->setToolTip(tr("Under a selective policy a post of this category closed without a reply is "
                                   "handled by policy, not a missed target"));
        row.minutes->setAccessibleDescription(tr("The first-response target for %1").arg(label(c)));
        row.clock->setAccessibleName(tr("%1: counted in").arg(label(c)));
        row.clock->setAccessibleDescription(tr("Whether the target counts business hours only or every hour"));
        row.handled->setAccessibleName(tr("%1: closed without reply counts as handled").arg(label(c)));
    }
    m_dueSoonLabel->setText(tr("&Due soon at:"));
    m_dueSoonHelp->setText(tr("of the target left, or less"));
    m_channelBox->setTitle(tr("Per-channel targets"));
    m_channelHelp->setText(tr("A target for one category on one channel replaces the category's target there, "
                              "for example complaints on X answered within 30 minutes. A star rating makes it "
                              "apply to app-store reviews with that many stars or fewer, for example one- and "
                              "two-star reviews within 4 hours; it comes before a channel's target."));
    m_channelTargets->setHorizontalHeaderLabels(
        {tr("Category"), tr("Channel"), tr("Star rating"), tr("Target"), tr("Counted in")});
    m_addChannelTarget->setText(tr("&Add"));
    m_removeChannelTarget->setText(tr("Re&move"));
    m_addChannelTarget->setToolTip(tr("Adds a per-channel target"));
    m_removeChannelTarget->setToolTip(tr("Removes the selected per-channel target"));
    m_policy->setAccessibleDescription(tr("The policy shown below; OK makes it the active one"));
    m_dueSoon->setAccessibleDescription(m_dueSoonHelp->text());
    m_channelTargets->setAccessibleName(tr("Per-channel targets"));
    m_channelTargets->setAccessibleDescription(tr("Targets for one category on one channel or star rating"));
    for (int row = 0; row < m_channelTargets->rowCount(); ++row)
        describeChannelRow(m_channelTargets, row);
}

void PolicyEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
