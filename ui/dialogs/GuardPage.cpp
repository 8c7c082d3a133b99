#include "dialogs/GuardPage.h"

#include "common/Accessible.h"
#include "common/Clock.h"
#include "domain/Agent.h"
#include "storage/Database.h"
#include "team/TeamRoles.h"
#include "triage/TriageService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {

// How long the preview waits after the last keystroke.
constexpr int kPreviewDelayMs = 150;

// One entry of a list field and the line it is on (1-based).
struct Entry {
    int line;
    QString text;
};

// A list field's entries: one a line, or several on a line apart by commas or semicolons.
QVector<Entry> entries(const QPlainTextEdit *edit)
{
    static const QRegularExpression separators(QStringLiteral("[,;]"));
    QVector<Entry> out;
    const QStringList lines = edit->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i)
        for (const QString &part : lines.at(i).split(separators))
            if (!part.trimmed().isEmpty())
                out.push_back({i + 1, part.trimmed()});
    return out;
}

// The entries as stored; those that are not valid are left out (the preview runs without them).
QStringList normalizedDomains(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const Entry &entry : entries(edit)) {
        const QString domain = GuardPage::normalizedDomain(entry.text);
        if (!domain.isEmpty() && !out.contains(domain))
            out << domain;
    }
    return out;
}

QStringList normalizedPhones(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const Entry &entry : entries(edit)) {
        const QString phone = GuardPage::normalizedPhone(entry.text);
        if (!phone.isEmpty() && !out.contains(phone))
            out << phone;
    }
    return out;
}

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

// As the guard compiles a company's pattern (Guard.cpp).
QRegularExpression compiled(const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::UseUnicodePropertiesOption);
}

} // namespace

GuardPage::GuardPage(Database &database, QWidget *parent)
    : QWidget(parent), m_database(database), m_previewTimer(new QTimer(this)), m_intro(new QLabel(this)),
      m_useDefaults(new QCheckBox(this)), m_builtIn(new QLabel(this)), m_patternsLabel(new QLabel(this)),
      m_patterns(new QTableWidget(0, 4, this)), m_add(new QPushButton(this)), m_remove(new QPushButton(this)),
      m_domainsLabel(new QLabel(this)), m_domains(new QPlainTextEdit(this)), m_phonesLabel(new QLabel(this)),
      m_phones(new QPlainTextEdit(this)), m_sampleLabel(new QLabel(this)), m_sample(new QPlainTextEdit(this)),
      m_findingsLabel(new QLabel(this)), m_findings(new QListWidget(this)), m_previewStatus(new QLabel(this)),
      m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("guardPage"));
    m_patterns->setObjectName(QStringLiteral("guardPatterns"));
    m_domains->setObjectName(QStringLiteral("guardDomains"));
    m_phones->setObjectName(QStringLiteral("guardPhones"));
    m_sample->setObjectName(QStringLiteral("guardSample"));
    m_findings->setObjectName(QStringLiteral("guardFindings"));
    for (QLabel *label : {m_intro, m_builtIn, m_patternsLabel, m_domainsLabel, m_phonesLabel, m_previewStatus, m_state})
        label->setWordWrap(true);
    m_builtIn->setForegroundRole(QPalette::PlaceholderText);
    m_builtIn->setIndent(20);
    m_builtIn->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setStyleSheet(QStringLiteral("QLabel { font-weight: 600; }"));

    m_patterns->verticalHeader()->hide();
    m_patterns->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_patterns->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_patterns->setSelectionMode(QAbstractItemView::SingleSelection);
    m_patterns->setTabKeyNavigation(false);
    m_patterns->horizontalHeader()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    m_patterns->horizontalHeader()->setSectionResizeMode(PatternColumn, QHeaderView::Interactive);
    m_patterns->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Interactive);
    m_patterns->horizontalHeader()->setStretchLastSection(true);
    m_patterns->setColumnWidth(PatternColumn, 200);
    m_patterns->setColumnWidth(DescriptionColumn, 190);
    m_patterns->setMinimumHeight(110);
    m_patternsLabel->setBuddy(m_patterns);
    for (QPlainTextEdit *edit : {m_domains, m_phones}) {
        edit->setTabChangesFocus(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 14);
    }
    m_domainsLabel->setBuddy(m_domains);
    m_phonesLabel->setBuddy(m_phones);
    m_sample->setTabChangesFocus(true);
    m_sample->setMinimumHeight(m_sample->fontMetrics().lineSpacing() * 4 + 14);
    m_sampleLabel->setBuddy(m_sample);
    m_findingsLabel->setBuddy(m_findings);
    m_findings->setMinimumHeight(m_sample->minimumHeight());

    auto *patternButtons = new QHBoxLayout;
    patternButtons->addWidget(m_add);
    patternButtons->addWidget(m_remove);
    patternButtons->addStretch(1);
    auto *numbers = new QGridLayout;
    numbers->addWidget(m_domainsLabel, 0, 0);
    numbers->addWidget(m_phonesLabel, 0, 1);
    numbers->addWidget(m_domains, 1, 0);
    numbers->addWidget(m_phones, 1, 1);
    auto *preview = new QGridLayout;
    preview->addWidget(m_sampleLabel, 0, 0);
    preview->addWidget(m_findingsLabel, 0, 1);
    preview->addWidget(m_sample, 1, 0);
    preview->addWidget(m_findings, 1, 1);
    preview->addWidget(m_previewStatus, 2, 0, 1, 2);
    preview->setColumnStretch(0, 3);
    preview->setColumnStretch(1, 2);
    preview->setRowStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_useDefaults);
    layout->addWidget(m_builtIn);
    layout->addWidget(m_patternsLabel);
    layout->addWidget(m_patterns, 2);
    layout->addLayout(patternButtons);
    layout->addLayout(numbers);
    layout->addSpacing(6);
    layout->addLayout(preview, 3);
    layout->addWidget(m_state);

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(kPreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &GuardPage::refreshPreview);
    connect(m_useDefaults, &QCheckBox::toggled, this, &GuardPage::onEdited);
    connect(m_patterns, &QTableWidget::itemChanged, this, &GuardPage::onEdited);
    connect(m_patterns, &QTableWidget::itemSelectionChanged, this, &GuardPage::updateState);
    connect(m_domains, &QPlainTextEdit::textChanged, this, &GuardPage::onEdited);
    connect(m_phones, &QPlainTextEdit::textChanged, this, &GuardPage::onEdited);
    connect(m_sample, &QPlainTextEdit::textChanged, m_previewTimer, qOverload<>(&QTimer::start));
    connect(m_add, &QPushButton::clicked, this, [this] {
        addPattern({});
        const int row = m_patterns->rowCount() - 1;
        m_patterns->setCurrentCell(row, PatternColumn);
        m_patterns->setFocus();
        m_patterns->editItem(m_patterns->item(row, PatternColumn));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] { removePattern(m_patterns->currentRow()); });

    load();
    retranslateUi();
    updateState();
    refreshPreview();
}

void GuardPage::load()
{
    const QSqlDatabase db = m_database.connection();
    auto own = team::ownTeamRole(db);
    m_joined = own && own->has_value();
    m_editable = !m_joined || team::mayChangeTeamSettings(*own);
    auto stored = GuardConfig::load(db);
    // A damaged configuration is shown as the defaults with the reason; saving replaces it.
    m_loadError = stored ? QString() : stored.error();
    m_stored = stored ? *stored : GuardConfig::defaults();
    // The customers' stored references are not part of what this page edits (docs/customers.md):
    // left out, so that an unedited page compares equal to what it shows.
    m_stored.policyholderRefs.clear();
    showConfig(m_stored);
}

void GuardPage::showConfig(const GuardConfig &config)
{
    m_filling = true;
    m_useDefaults->setChecked(config.useDefaultPatterns);
    m_patterns->setRowCount(0);
    for (const GuardPattern &pattern : config.patterns)
        addPattern(pattern);
    m_domains->setPlainText(config.ownDomains.join(QLatin1Char('\n')));
    m_phones->setPlainText(config.ownPhones.join(QLatin1Char('\n')));
    m_filling = false;
    markRows();
}

void GuardPage::addPattern(const GuardPattern &pattern)
{
    const bool filling = m_filling;
    m_filling = true;
    const int row = m_patterns->rowCount();
    m_patterns->insertRow(row);
    auto *kind = new QComboBox(m_patterns);
    kind->addItem(tr("Policy number"), toId(FindingKind::PolicyNumber));
    kind->addItem(tr("Claim number"), toId(FindingKind::ClaimNumber));
    kind->setAccessibleName(tr("Kind of number"));
    kind->setAccessibleDescription(tr("What the pattern's matches are"));
    m_patterns->setCellWidget(row, KindColumn, kind);
    connect(kind, &QComboBox::currentIndexChanged, this, &GuardPage::onEdited);
    setPatternRow(row, pattern);
    m_filling = filling;
    if (!m_filling)
        onEdited();
}

void GuardPage::setPatternRow(int row, const GuardPattern &pattern)
{
    kindBox(row)->setCurrentIndex(qMax(0, kindBox(row)->findData(toId(pattern.kind))));
    m_patterns->setItem(row, PatternColumn, new QTableWidgetItem(pattern.pattern));
    m_patterns->setItem(row, DescriptionColumn, new QTableWidgetItem(pattern.description));
    auto *problem = new QTableWidgetItem;
    problem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    m_patterns->setItem(row, ProblemColumn, problem);
}

void GuardPage::removePattern(int row)
{
    if (row < 0 || row >= m_patterns->rowCount() || !m_editable)
        return;
    m_patterns->removeRow(row);
    onEdited();
}

QComboBox *GuardPage::kindBox(int row) const
{
    return qobject_cast<QComboBox *>(m_patterns->cellWidget(row, KindColumn));
}

void GuardPage::onEdited()
{
    if (m_filling)
        return;
    markRows();
    m_previewTimer->start();
    updateState();
    emit edited();
}

QString GuardPage::patternProblem(int row) const
{
    const QTableWidgetItem *item = m_patterns->item(row, PatternColumn);
    const QString pattern = item ? item->text() : QString();
    if (pattern.isEmpty()) {
        const QTableWidgetItem *description = m_patterns->item(row, DescriptionColumn);
        return description && !description->text().trimmed().isEmpty() ? tr("No regular expression.") : QString();
    }
    const QRegularExpression re = compiled(pattern);
    if (!re.isValid())
        return tr("Not a valid regular expression: %1 (at character %2).")
            .arg(re.errorString(), QString::number(re.patternErrorOffset() + 1));
    if (re.match(QString()).hasMatch())
        return tr("It matches empty text: it would find something everywhere.");
    return {};
}

void GuardPage::markRows()
{
    const bool filling = m_filling;
    m_filling = true; // the marks are item changes too
    for (int row = 0; row < m_patterns->rowCount(); ++row) {
        const QString problem = patternProblem(row);
        QTableWidgetItem *pattern = m_patterns->item(row, PatternColumn);
        QTableWidgetItem *mark = m_patterns->item(row, ProblemColumn);
        if (!pattern || !mark)
            continue;
        mark->setText(problem.isEmpty() ? (pattern->text().isEmpty() ? QString() : tr("OK")) : problem);
        mark->setToolTip(problem);
        mark->setForeground(problem.isEmpty() ? palette().brush(QPalette::Text) : QBrush(errorTextColor(palette())));
        // A translucent red over the palette's base: the pattern's text stays readable on a light
        // palette and on a dark one (the Check column says the problem in words).
        pattern->setBackground(problem.isEmpty() ? QBrush() : QBrush(QColor(0xc6, 0x28, 0x28, 64)));
        pattern->setToolTip(problem);
    }
    m_filling = filling;
}

QString GuardPage::normalizedDomain(const QString &text)
{
    static const QRegularExpression shape(
        QStringLiteral(R"(^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$)"));
    QString domain = text.trimmed().toLower();
    if (domain.startsWith(QLatin1Char('@')))
        domain.remove(0, 1);
    if (domain.endsWith(QLatin1Char('.')))
        domain.chop(1);
    return domain.size() <= 253 && shape.match(domain).hasMatch() ? domain : QString();
}

QString GuardPage::normalizedPhone(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(R"(^\+?[0-9 ./()\-]+$)"));
    const QString trimmed = text.trimmed();
    if (!shape.match(trimmed).hasMatch())
        return {};
    QString digits;
    for (QChar c : trimmed)
        if (c.isDigit())
            digits += c;
    return digits.size() >= 6 && digits.size() <= 15 ? digits : QString();
}

Result<GuardConfig> GuardPage::config() const
{
    GuardConfig config;
    config.useDefaultPatterns = m_useDefaults->isChecked();
    for (int row = 0; row < m_patterns->rowCount(); ++row) {
        if (const QString problem = patternProblem(row); !problem.isEmpty())
            return Error{tr("Pattern %1: %2").arg(QString::number(row + 1), problem), ErrorKind::InvalidInput};
        const QString pattern = m_patterns->item(row, PatternColumn)->text();
        if (pattern.isEmpty())
            continue; // an empty row is left out
        const auto kind = findingKindFromId(kindBox(row)->currentData().toString());
        config.patterns.push_back({kind.value_or(FindingKind::PolicyNumber), pattern,
                                   m_patterns->item(row, DescriptionColumn)->text().trimmed()});
    }
    for (const Entry &entry : entries(m_domains)) {
        const QString domain = normalizedDomain(entry.text);
        if (domain.isEmpty())
            return Error{tr("Own e-mail domains, line %1: \u201c%2\u201d is not a domain (for example "
                            "assicuraserena.it).")
                             .arg(QString::number(entry.line), entry.text),
                         ErrorKind::InvalidInput};
        if (!config.ownDomains.contains(domain))
            config.ownDomains << domain;
    }
    for (const Entry &entry : entries(m_phones)) {
        const QString phone = normalizedPhone(entry.text);
        if (phone.isEmpty())
            return Error{tr("Own phone numbers, line %1: \u201c%2\u201d is not a phone number (6 to 15 digits, "
                            "with spaces, dots, dashes or brackets if you like).")
                             .arg(QString::number(entry.line), entry.text),
                         ErrorKind::InvalidInput};
        if (!config.ownPhones.contains(phone))
            config.ownPhones << phone;
    }
    // The core's own check, as the CLI's --save-config has it.
    if (auto checked = GuardConfig::fromJson(config.toJson()); !checked)
        return checked.failure();
    return config;
}

bool GuardPage::changed() const
{
    auto edited = config();
    return m_editable && (!edited || !(*edited == m_stored) || !m_loadError.isEmpty());
}

Status GuardPage::save(const Agent &agent, const Clock &clock)
{
    if (!changed())
        return {};
    auto edited = config();
    if (!edited)
        return edited.failure();
    Agent who = agent;
    const QSqlDatabase db = m_database.connection();
    // In a team the change is recorded with the login the cache joined with (as ConsoleSession
    // does for decisions), under the name the team knows.
    if (auto own = team::ownTeamRole(db); own && own->has_value()) {
        who.id = (*own)->login;
        if (!(*own)->name.isEmpty())
            who.name = (*own)->name;
    }
    TriageService triage(m_database, clock, who);
    if (Status s = triage.saveGuardConfig(*edited); !s)
        return s;
    m_stored = *edited;
    m_loadError.clear();
    m_saved = true;
    showConfig(m_stored);
    updateState();
    return {};
}

GuardConfig GuardPage::previewConfig() const
{
    GuardConfig config;
    config.useDefaultPatterns = m_useDefaults->isChecked();
    for (int row = 0; row < m_patterns->rowCount(); ++row) {
        const QString pattern = m_patterns->item(row, PatternColumn)->text();
        if (pattern.isEmpty() || !patternProblem(row).isEmpty())
            continue;
        const auto kind = findingKindFromId(kindBox(row)->currentData().toString());
        config.patterns.push_back({kind.value_or(FindingKind::PolicyNumber), pattern, QString()});
    }
    config.ownDomains = normalizedDomains(m_domains);
    config.ownPhones = normalizedPhones(m_phones);
    return config;
}

bool GuardPage::previewPending() const { return m_previewTimer->isActive(); }

void GuardPage::refreshPreview()
{
    m_previewTimer->stop();
    const QString text = m_sample->toPlainText();
    const Guard guard(previewConfig());
    auto found = guard.check(text);
    m_findings->clear();
    QList<QTextEdit::ExtraSelection> marks;
    if (!found) {
        m_previewStatus->setText(found.error());
    } else {
        for (const Finding &f : *found) {
            auto *item = new QListWidgetItem(tr("%1: %2").arg(capitalized(label(f.kind)), f.text), m_findings);
            item->setData(Qt::UserRole, toId(f.kind));
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(m_sample->document());
            mark.cursor.setPosition(f.start);
            mark.cursor.setPosition(f.end, QTextCursor::KeepAnchor);
            // A light mark with dark text of its own: readable whatever the editor's palette.
            mark.format.setBackground(QColor(0xfd, 0xd8, 0xd3));
            mark.format.setForeground(QColor(0x1f, 0x23, 0x28));
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(QColor(0xb4, 0x23, 0x18));
            mark.format.setToolTip(label(f.kind));
            marks << mark;
        }
        int left = 0;
        for (int row = 0; row < m_patterns->rowCount(); ++row)
            if (!patternProblem(row).isEmpty())
                ++left;
        QString status = text.trimmed().isEmpty() ? tr("Type or paste a sample text to see what the guard finds in it.")
                         : found->isEmpty()       ? tr("The guard finds nothing in this text: a public reply "
                                                             "with it could be confirmed.")
                                                  : tr("The guard finds %Ln item(s): a public reply with this text "
                                                             "would be refused.",
                                                       nullptr, int(found->size()));
        if (left > 0)
            status += QLatin1Char(' ') + tr("%Ln pattern(s) with a problem are left out of the preview.", nullptr, left);
        m_previewStatus->setText(status);
    }
    m_sample->setExtraSelections(marks);
}

QStringList GuardPage::previewFindings() const
{
    QStringList out;
    for (int row = 0; row < m_findings->count(); ++row)
        out << m_findings->item(row)->text();
    return out;
}

QString GuardPage::previewStatus() const { return m_previewStatus->text(); }

QString GuardPage::stateText() const { return m_state->isHidden() ? QString() : m_state->text(); }

void GuardPage::updateState()
{
    m_useDefaults->setEnabled(m_editable);
    m_patterns->setEditTriggers(m_editable ? QAbstractItemView::AllEditTriggers : QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < m_patterns->rowCount(); ++row)
        if (QComboBox *kind = kindBox(row))
            kind->setEnabled(m_editable);
    m_add->setEnabled(m_editable);
    m_remove->setEnabled(m_editable && m_patterns->currentRow() >= 0);
    m_domains->setReadOnly(!m_editable);
    m_phones->setReadOnly(!m_editable);
    retranslateUi();
}

void GuardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        for (int row = 0; row < m_patterns->rowCount(); ++row) {
            if (QComboBox *kind = kindBox(row)) {
                kind->setItemText(0, tr("Policy number"));
                kind->setItemText(1, tr("Claim number"));
                kind->setAccessibleName(tr("Kind of number"));
                kind->setAccessibleDescription(tr("What the pattern's matches are"));
            }
        }
        markRows();
        refreshPreview();
    }
    QWidget::changeEvent(event);
}

void GuardPage::retranslateUi()
{
    m_intro->setText(m_joined ? tr("What the personal data guard treats as the company's own, and the numbers it "
                                   "looks for. This is the team's configuration: a change goes to every desktop "
                                   "with the next sync.")
                              : tr("What the personal data guard treats as the company's own, and the numbers it "
                                   "looks for in public replies and posts."));
    m_useDefaults->setText(tr("Use the built-&in policy and claim number patterns:"));
    QStringList builtIn;
    for (const GuardPattern &p : GuardConfig::defaultPatterns())
        builtIn << tr("%1: %2").arg(capitalized(label(p.kind)), p.description);
    m_builtIn->setText(builtIn.join(QLatin1Char('\n')));
    m_builtIn->setEnabled(m_useDefaults->isChecked());
    m_patternsLabel->setText(tr("The company's own patt&erns (regular expressions, case-insensitive; a group named "
                                "\u201cnumber\u201d is the finding):"));
    m_patterns->setHorizontalHeaderLabels({tr("Kind"), tr("Regular expression"), tr("Description"), tr("Check")});
    m_patterns->setAccessibleName(tr("The company's own patterns"));
    m_add->setText(tr("Add Patter&n"));
    m_remove->setText(tr("Remo&ve Pattern"));
    m_domainsLabel->setText(tr("Own e-mail do&mains (one a line, or apart by commas):"));
    m_domains->setPlaceholderText(tr("assicuraserena.it"));
    m_domains->setAccessibleName(tr("Own e-mail domains"));
    m_phonesLabel->setText(tr("Own p&hone numbers (one a line, or apart by commas):"));
    m_phones->setPlaceholderText(tr("02 8765 4321"));
    m_phones->setAccessibleName(tr("Own phone numbers"));
    m_sampleLabel->setText(tr("&Sample text (not stored):"));
    m_sample->setPlaceholderText(tr("Paste a reply here to see what the guard finds with the configuration above, "
                                    "before you save it."));
    m_sample->setAccessibleName(tr("Sample text"));
    m_findingsLabel->setText(tr("&What the guard finds:"));
    m_findings->setAccessibleName(tr("What the guard finds in the sample text"));
    m_useDefaults->setAccessibleDescription(m_builtIn->text());
    m_patterns->setAccessibleDescription(tr("Kind, regular expression, description and check of each pattern"));
    m_add->setToolTip(tr("Adds an empty pattern to the table"));
    m_remove->setToolTip(tr("Removes the selected pattern"));
    m_domains->setAccessibleDescription(tr("Addresses in these domains are the company's, not personal data"));
    m_phones->setAccessibleDescription(tr("These numbers are the company's, not personal data"));
    m_sample->setAccessibleDescription(tr("Not stored: shows what the guard finds with the configuration above"));
    m_findings->setAccessibleDescription(tr("Each finding's kind and text"));
    QString state;
    if (!m_loadError.isEmpty())
        state = tr("The stored configuration could not be read (%1); the page shows the defaults, and OK stores "
                   "what it shows.")
                    .arg(m_loadError);
    if (!m_editable)
        state = tr("Only a supervisor or an administrator of the team changes the guard configuration; you can try a "
                   "sample text.");
    m_state->setText(state);
    m_state->setVisible(!state.isEmpty());
}

} // namespace sportello::ui
