#include "views/TriagePanel.h"

#include "common/Format.h"
#include "common/Icons.h"
#include "queue/QueueQuery.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QStyleOptionButton>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {

const DecisionKind kKinds[] = {DecisionKind::ReplyPublic, DecisionKind::ReplyPrivate, DecisionKind::Forward,
                               DecisionKind::Close};
const CloseReason kReasons[] = {CloseReason::Spam, CloseReason::NoAnswerNeeded, CloseReason::AnsweredElsewhere};
const Category kCategories[] = {Category::NonNegative, Category::Complaint, Category::Assistance};

QString kindStyleName(DecisionKind kind)
{
    switch (kind) {
    case DecisionKind::ReplyPublic: return QStringLiteral("public");
    case DecisionKind::ReplyPrivate: return QStringLiteral("private");
    case DecisionKind::Forward: return QStringLiteral("forward");
    case DecisionKind::Close: return QStringLiteral("close");
    }
    return {};
}

// Armed buttons get a tinted fill, a thick border and bold coloured text; the message under
// the editor says in words which decision is armed.
const char *const kStyle = R"(
QPushButton#decisionButton {
    text-align: left; padding: 9px 12px; border: 1px solid #c3cad3; border-radius: 6px;
    background: #ffffff; color: #1f2328; font-weight: 600;
}
QPushButton#decisionButton:hover { background: #f2f5f9; }
QPushButton#decisionButton:disabled { color: #8c959f; background: #f6f8fa; }
QPushButton#decisionButton:checked { border-width: 2px; padding: 8px 11px; }
QPushButton#decisionButton[kind="public"]:checked { background: #e3f4e8; border-color: #1b6e3a; color: #14532b; }
QPushButton#decisionButton[kind="private"]:checked { background: #efe7fb; border-color: #6a3db8; color: #4b2888; }
QPushButton#decisionButton[kind="forward"]:checked { background: #e3eefb; border-color: #0b5cad; color: #0a4a8a; }
QPushButton#decisionButton[kind="close"]:checked { background: #eceef1; border-color: #5f6368; color: #32363a; }
QPushButton#confirmButton {
    padding: 8px 14px; border-radius: 6px; border: 1px solid #0b5cad; background: #0b5cad; color: white;
    font-weight: 600;
}
QPushButton#confirmButton:hover { background: #0a4f96; }
QPushButton#confirmButton:disabled { background: #b8c7d9; border-color: #b8c7d9; color: #f4f6f8; }
QLabel#panelTitle { font-size: 13pt; font-weight: 600; }
QLabel#panelSubtitle { color: #57606a; }
QLabel#triageMessage[level="error"] {
    color: #8a1c1c; background: #fdecea; border: 1px solid #f1b0a8; border-radius: 5px; padding: 6px 8px;
}
QLabel#triageMessage[level="info"] {
    color: #1f2328; background: #eef4fb; border: 1px solid #c5d9f0; border-radius: 5px; padding: 6px 8px;
}
)";

} // namespace

DecisionButton::DecisionButton(DecisionKind kind, QWidget *parent) : QPushButton(parent), m_kind(kind)
{
    setObjectName(QStringLiteral("decisionButton"));
    setProperty("kind", kindStyleName(kind));
    setCheckable(true);
    setFocusPolicy(Qt::TabFocus);
    setIcon(icons::decision(kind));
    setIconSize(QSize(18, 18));
    setMinimumHeight(42);
}

void DecisionButton::setHint(const QString &hint)
{
    m_hint = hint;
    updateGeometry();
    update();
}

QSize DecisionButton::sizeHint() const
{
    QSize size = QPushButton::sizeHint();
    size.rwidth() += fontMetrics().horizontalAdvance(m_hint) + 16;
    return size;
}

void DecisionButton::paintEvent(QPaintEvent *event)
{
    QPushButton::paintEvent(event);
    if (m_hint.isEmpty())
        return;
    QPainter painter(this);
    QFont font = painter.font();
    font.setBold(false);
    painter.setFont(font);
    painter.setPen(isEnabled() ? QColor(0x57, 0x60, 0x6a) : QColor(0xa0, 0xa8, 0xb0));
    painter.drawText(rect().adjusted(0, 0, -12, 0), Qt::AlignRight | Qt::AlignVCenter, m_hint);
}

TriagePanel::TriagePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("triagePanel"));
    setStyleSheet(QString::fromLatin1(kStyle));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("panelTitle"));
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("panelSubtitle"));
    m_subtitle->setWordWrap(true);

    m_group = new QButtonGroup(this);
    m_group->setExclusive(false); // disarming unchecks every button
    for (DecisionKind kind : kKinds) {
        auto *button = new DecisionButton(kind, this);
        m_buttons.push_back(button);
        m_group->addButton(button, int(kind));
        connect(button, &QPushButton::clicked, this, [this, kind](bool checked) {
            if (checked)
                arm(kind);
            else
                disarm();
        });
    }

    m_reasonLabel = new QLabel(this);
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("closeReason"));
    for (CloseReason reason : kReasons)
        m_reason->addItem(QString(), toId(reason));
    m_reason->setCurrentIndex(-1);
    m_reasonLabel->setBuddy(m_reason);
    connect(m_reason, &QComboBox::activated, this, [this] {
        // Picking a reason means closing.
        if (m_armed != DecisionKind::Close)
            arm(DecisionKind::Close);
        clearMessage();
    });

    m_categoryLabel = new QLabel(this);
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("threadCategory"));
    for (Category category : kCategories)
        m_category->addItem(QString(), toId(category));
    m_categoryLabel->setBuddy(m_category);
    connect(m_category, &QComboBox::activated, this, [this](int index) {
        if (const auto category = categoryFromId(m_category->itemData(index).toString()))
            emit categoryChosen(*category);
    });

    m_editorLabel = new QLabel(this);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("replyEditor"));
    m_editor->setTabChangesFocus(true);
    m_editor->setMinimumHeight(110);
    m_editorLabel->setBuddy(m_editor);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("triageMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_confirm = new QPushButton(this);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setFocusPolicy(Qt::TabFocus);
    connect(m_confirm, &QPushButton::clicked, this, &TriagePanel::confirmRequested);
    m_cancel = new QPushButton(this);
    m_cancel->setFocusPolicy(Qt::TabFocus);
    connect(m_cancel, &QPushButton::clicked, this, &TriagePanel::cancelRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 12);
    layout->setSpacing(8);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(4);
    for (int i = 0; i < 3; ++i)
        layout->addWidget(m_buttons[i]);
    layout->addSpacing(2);
    layout->addWidget(m_buttons[3]);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 2, 0, 2);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_reasonLabel, m_reason);
    form->addRow(m_categoryLabel, m_category);
    // The classifier's suggestion, with its confidence and cues, for the agent to confirm or correct.
    m_suggestion = new QLabel(this);
    m_suggestion->setObjectName(QStringLiteral("classifierSuggestion"));
    m_suggestion->setWordWrap(true);
    m_suggestion->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), m_suggestion);
    layout->addLayout(form);
    layout->addSpacing(4);
    layout->addWidget(m_editorLabel);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_message);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_cancel);
    actions->addStretch(1);
    actions->addWidget(m_confirm);
    layout->addLayout(actions);

    retranslateUi();
    setThread(nullptr);
}

DecisionButton *TriagePanel::button(DecisionKind kind) const
{
    for (DecisionButton *b : m_buttons)
        if (b->kind() == kind)
            return b;
    return nullptr;
}

void TriagePanel::setThread(const ThreadDetail *thread)
{
    m_threadId = thread ? thread->id : 0;
    const bool waiting = thread && thread->status == ThreadStatus::Waiting;
    for (DecisionButton *b : m_buttons)
        b->setEnabled(waiting);
    m_reason->setEnabled(waiting);
    m_editor->setEnabled(waiting);
    m_category->setEnabled(thread != nullptr);
    m_category->setCurrentIndex(thread && thread->category ? m_category->findData(toId(*thread->category)) : -1);
    m_reason->setCurrentIndex(-1);
    m_armed.reset();
    clearMessage();
    showSuggestion(thread);
    if (!thread) {
        m_subtitle->setText(tr("No thread selected."));
    } else {
        // Whom the reply goes to: the author of the post the thread is waiting on, else the first one.
        QString to;
        for (const PostView &p : thread->posts) {
            if (p.direction == Direction::Inbound) {
                to = formatHandle(p.authorHandle);
                if (p.answeredAtMs == 0)
                    break;
            }
        }
        m_subtitle->setText(waiting ? tr("To %1 on %2").arg(to, label(thread->channel))
                                    : tr("No decision is pending on this thread (%1).").arg(label(thread->status)));
    }
    updateArmedState();
}

void TriagePanel::arm(DecisionKind kind)
{
    if (m_threadId == 0) {
        showError(tr("Select a thread in the queue first."));
        return;
    }
    if (!button(kind)->isEnabled()) {
        showError(tr("This thread is not waiting for a decision."));
        return;
    }
    m_armed = kind;
    updateArmedState();
    clearMessage();
    if (kind == DecisionKind::Close) {
        m_reason->setFocus(Qt::ShortcutFocusReason);
    } else {
        m_editor->setFocus(Qt::ShortcutFocusReason);
        m_editor->moveCursor(QTextCursor::End);
    }
}

void TriagePanel::disarm()
{
    m_armed.reset();
    updateArmedState();
    clearMessage();
}

void TriagePanel::updateArmedState()
{
    for (DecisionButton *b : m_buttons)
        b->setChecked(m_armed == b->kind());
    m_confirm->setEnabled(m_armed.has_value());
    m_cancel->setEnabled(m_armed.has_value());
    if (!m_armed) {
        m_editor->setPlaceholderText(tr("Choose a decision, then write the reply here."));
        m_editorLabel->setText(tr("&Reply"));
        return;
    }
    switch (*m_armed) {
    case DecisionKind::ReplyPublic:
        m_editorLabel->setText(tr("Public &reply (everyone can read it)"));
        m_editor->setPlaceholderText(tr("Write the public reply, then press Ctrl+Enter to send it."));
        break;
    case DecisionKind::ReplyPrivate:
        m_editorLabel->setText(tr("Private &message (only the customer reads it)"));
        m_editor->setPlaceholderText(tr("Write the private message, then press Ctrl+Enter to send it."));
        break;
    case DecisionKind::Forward:
        m_editorLabel->setText(tr("&Note for customer care"));
        m_editor->setPlaceholderText(tr("Optional: what customer care needs to know. Ctrl+Enter forwards the thread."));
        break;
    case DecisionKind::Close:
        m_editorLabel->setText(tr("Internal &note"));
        m_editor->setPlaceholderText(tr("Optional: a note for your team; nothing is sent. Ctrl+Enter closes the thread."));
        break;
    }
}

DecisionRequest TriagePanel::request() const
{
    DecisionRequest r;
    r.threadId = m_threadId;
    r.kind = m_armed.value_or(DecisionKind::ReplyPublic);
    r.text = m_editor->toPlainText().trimmed();
    if (r.kind == DecisionKind::Close && m_reason->currentIndex() >= 0)
        r.closeReason = closeReasonFromId(m_reason->currentData().toString());
    if (m_category->currentIndex() >= 0)
        r.category = categoryFromId(m_category->currentData().toString());
    return r;
}

QString TriagePanel::draft() const { return m_editor->toPlainText(); }

void TriagePanel::setDraft(const QString &text, std::optional<DecisionKind> armed)
{
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
    if (armed && button(*armed)->isEnabled()) {
        m_armed = armed;
        updateArmedState();
    }
}

void TriagePanel::resetAfterDecision()
{
    m_editor->clear();
    m_reason->setCurrentIndex(-1);
    m_armed.reset();
    updateArmedState();
}

void TriagePanel::showError(const QString &message)
{
    m_messageText = message;
    m_messageIsError = true;
    m_message->setProperty("level", QStringLiteral("error"));
    m_message->setText(message);
    m_message->style()->unpolish(m_message);
    m_message->style()->polish(m_message);
    m_message->show();
}

void TriagePanel::showInfo(const QString &message)
{
    m_messageText = message;
    m_messageIsError = false;
    m_message->setProperty("level", QStringLiteral("info"));
    m_message->setText(message);
    m_message->style()->unpolish(m_message);
    m_message->style()->polish(m_message);
    m_message->show();
}

void TriagePanel::clearMessage()
{
    m_messageText.clear();
    m_message->clear();
    m_message->hide();
}

QString TriagePanel::message() const { return m_messageText; }

void TriagePanel::retranslateUi()
{
    m_title->setText(tr("Decision"));
    const QString shortcuts[] = {QStringLiteral("Ctrl+1"), QStringLiteral("Ctrl+2"), QStringLiteral("Ctrl+3"),
                                 QStringLiteral("Ctrl+4")};
    for (int i = 0; i < m_buttons.size(); ++i) {
        DecisionButton *b = m_buttons[i];
        b->setText(label(b->kind()));
        const QString hint = QKeySequence(shortcuts[i]).toString(QKeySequence::NativeText);
        b->setHint(hint);
        b->setToolTip(tr("%1 (%2)").arg(label(b->kind()), hint));
    }
    m_reasonLabel->setText(tr("Rea&son:"));
    m_reason->setPlaceholderText(tr("Why close without a reply?"));
    for (int i = 0; i < m_reason->count(); ++i)
        m_reason->setItemText(i, label(*closeReasonFromId(m_reason->itemData(i).toString())));
    m_categoryLabel->setText(tr("Cate&gory:"));
    m_category->setPlaceholderText(tr("Not set"));
    m_category->setToolTip(tr("Changing the category is recorded in the audit log."));
    for (int i = 0; i < m_category->count(); ++i)
        m_category->setItemText(i, label(*categoryFromId(m_category->itemData(i).toString())));
    m_confirm->setText(tr("Confirm  (%1)").arg(QKeySequence(Qt::CTRL | Qt::Key_Enter).toString(QKeySequence::NativeText)));
    m_cancel->setText(tr("Cancel  (Esc)"));
    updateArmedState();
}

void TriagePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TriagePanel::showSuggestion(const ThreadDetail *thread)
{
    // The newest waiting post whose category the classifier suggested.
    const PostView *suggested = nullptr;
    if (thread && thread->status == ThreadStatus::Waiting)
        for (const PostView &p : thread->posts)
            if (p.direction == Direction::Inbound && p.answeredAtMs == 0 && p.category &&
                p.categorySource == QLatin1String("classifier"))
                suggested = &p;
    if (!suggested) {
        m_suggestion->clear();
        m_suggestion->hide();
        return;
    }
    QString text = tr("Suggested: %1, %2% sure").arg(label(*suggested->category)).arg(qRound(suggested->classifierConfidence * 100));
    if (!suggested->classifierCues.isEmpty())
        text += QLatin1String(" · ") + tr("cues: %1").arg(suggested->classifierCues.mid(0, 4).join(QStringLiteral(", ")));
    if (suggested->likelySpam)
        text += QLatin1String(" · ") + tr("likely spam");
    m_suggestion->setText(text);
    m_suggestion->show();
}

} // namespace sportello::ui
