#include "views/TriagePanel.h"

#include "outbox/Moderation.h"

#include "common/Accessible.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "compose/SavedReplies.h"
#include "dialogs/PromptDialog.h"
#include "dialogs/ReplyPicker.h"
#include "outbox/Moderation.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "views/WrappingLabel.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStyleOptionButton>
#include <QTextBlock>
#include <QVBoxLayout>
#include <algorithm>
#include <memory>

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
QLabel#triageMessage[level="error"] {
    color: #8a1c1c; background: #fdecea; border: 1px solid #f1b0a8; border-radius: 5px; padding: 6px 8px;
}
QLabel#replyCounter[level="over"] { color: #b42318; font-weight: 600; }
QWidget#guardBar { background: #fdecea; border: 1px solid #f1b0a8; border-radius: 5px; }
QLabel#guardText { color: #8a1c1c; }
QWidget#guardBar[level="overridden"] { background: #eef0f2; border-color: #c9ced4; }
QWidget#guardBar[level="overridden"] QLabel#guardText { color: #3d4349; }
QLabel#exposureNotice {
    color: #6b3d00; background: #fff4e0; border: 1px solid #f0c987; border-radius: 5px; padding: 6px 8px;
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
    // Built in the order of the keyboard's tab chain (Qt follows the order widgets are created).
    buildHeader();
    buildDecisionButtons();
    buildReasonAndCategory();
    buildReplyEditor();
    buildGuardBar();
    buildExposureNotice();
    buildCustomerMessage();
    buildMessageAndActions();
    layOut();
    retranslateUi();
    setThread(nullptr);
}

// Whom the decision answers: the title and the channel line.
void TriagePanel::buildHeader()
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("panelTitle"));
    m_subtitle = new WrappingLabel(this);
    m_subtitle->setObjectName(QStringLiteral("panelSubtitle"));
    m_subtitle->setWordWrap(true);
    // Dim text from the palette, so that it stays readable on a dark one.
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
}

// The four decisions, one checkable button each; a second click disarms.
void TriagePanel::buildDecisionButtons()
{
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
}

// A close's reason and the thread's category.
void TriagePanel::buildReasonAndCategory()
{
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
}

// The reply and what is left of the channel's limit under it.
void TriagePanel::buildReplyEditor()
{
    m_editorLabel = new QLabel(this);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("replyEditor"));
    m_editor->setTabChangesFocus(true);
    m_editor->setMinimumHeight(110);
    m_editorLabel->setBuddy(m_editor);
    m_editor->installEventFilter(this); // short codes expand on Space and Tab
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        updateComposer();
        emit draftChanged();
    });

    // What is left of the channel's limit, under the editor.
    m_counter = new WrappingLabel(this);
    m_counter->setObjectName(QStringLiteral("replyCounter"));
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_counter->setForegroundRole(QPalette::PlaceholderText);
    // Wrapped, not cut: at the panel's narrower widths the longer counters ("messaggio in-app: …,
    // nessun limite su questo canale") are wider than the panel, and a right-aligned line loses its start.
    m_counter->setWordWrap(true);
    m_counter->hide();
}

// The insurance guard's findings in a public reply, with the one-key way out.
void TriagePanel::buildGuardBar()
{
    m_guardBar = new QWidget(this);
    m_guardBar->setObjectName(QStringLiteral("guardBar"));
    m_guardBar->setAttribute(Qt::WA_StyledBackground);
    m_guardText = new WrappingLabel(m_guardBar);
    m_guardText->setObjectName(QStringLiteral("guardText"));
    m_guardText->setWordWrap(true);
    auto *guardIcon = new QLabel(m_guardBar);
    guardIcon->setObjectName(QStringLiteral("guardIcon"));
    guardIcon->setPixmap(icons::guard().pixmap(18, 18));
    guardIcon->setAlignment(Qt::AlignTop);
    m_switchPrivate = new QPushButton(m_guardBar);
    m_switchPrivate->setObjectName(QStringLiteral("switchToPrivate"));
    m_switchPrivate->setIcon(icons::visibility(Visibility::Private));
    m_switchPrivate->setFocusPolicy(Qt::TabFocus);
    connect(m_switchPrivate, &QPushButton::clicked, this, &TriagePanel::switchToPrivate);
    // When the guard is wrong: the agent marks a finding as not personal data, with a reason.
    m_notPersonal = new QPushButton(m_guardBar);
    m_notPersonal->setObjectName(QStringLiteral("notPersonalDataButton"));
    m_notPersonal->setFocusPolicy(Qt::TabFocus);
    connect(m_notPersonal, &QPushButton::clicked, this, &TriagePanel::markNotPersonalData);
    auto *guardButtons = new QVBoxLayout;
    guardButtons->setSpacing(4);
    guardButtons->addWidget(m_switchPrivate);
    guardButtons->addWidget(m_notPersonal);
    auto *guardLayout = new QHBoxLayout(m_guardBar);
    guardLayout->setContentsMargins(8, 6, 8, 6);
    guardLayout->addWidget(guardIcon, 0, Qt::AlignTop);
    guardLayout->addWidget(m_guardText, 1);
    guardLayout->addLayout(guardButtons);
    m_guardBar->hide();
}

// Personal data the customer exposed in a public post, with the suggestion.
void TriagePanel::buildExposureNotice()
{
    m_exposure = new WrappingLabel(this);
    m_exposure->setObjectName(QStringLiteral("exposureNotice"));
    m_exposure->setWordWrap(true);
    m_exposure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exposure->hide();
    // Facebook and Instagram: Sportello hides the comment itself (the console asks which and why).
    m_hideComment = new QPushButton(this);
    m_hideComment->setObjectName(QStringLiteral("hideCommentButton"));
    m_hideComment->setIcon(icons::guard());
    connect(m_hideComment, &QPushButton::clicked, this, &TriagePanel::hideCommentRequested);
    m_hideComment->hide();
}

// Forwarding: what the customer is told, sent after the forward with its case reference.
void TriagePanel::buildCustomerMessage()
{
    m_customerLabel = new WrappingLabel(this);
    m_customerLabel->setWordWrap(true);
    m_customerKind = new QComboBox(this);
    m_customerKind->setObjectName(QStringLiteral("customerKind"));
    m_customerKind->addItem(QString(), int(DecisionKind::ReplyPrivate));
    m_customerKind->addItem(QString(), int(DecisionKind::ReplyPublic));
    m_customerEditor = new QPlainTextEdit(this);
    m_customerEditor->setObjectName(QStringLiteral("customerEditor"));
    m_customerEditor->setTabChangesFocus(true);
    m_customerEditor->setMinimumHeight(56);
    m_customerLabel->setBuddy(m_customerEditor);
    m_customerEditor->installEventFilter(this);
    connect(m_customerEditor, &QPlainTextEdit::textChanged, this, &TriagePanel::updateComposer);
    connect(m_customerKind, &QComboBox::currentIndexChanged, this, &TriagePanel::updateComposer);
    m_customerLabel->hide();
    m_customerKind->hide();
    m_customerEditor->hide();
}

// The panel's own message (what is missing, a refusal) and Cancel/Confirm.
void TriagePanel::buildMessageAndActions()
{
    m_message = new WrappingLabel(this);
    m_message->setObjectName(QStringLiteral("triageMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_confirm = new QPushButton(this);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setFocusPolicy(Qt::TabFocus);
    connect(m_confirm, &QPushButton::clicked, this, &TriagePanel::requestConfirm);
    m_cancel = new QPushButton(this);
    m_cancel->setFocusPolicy(Qt::TabFocus);
    connect(m_cancel, &QPushButton::clicked, this, &TriagePanel::cancelRequested);
    // Team mode: shown under the refusal when a colleague holds the thread.
    m_takeOver = new QPushButton(this);
    m_takeOver->setObjectName(QStringLiteral("takeOverButton"));
    m_takeOver->setFocusPolicy(Qt::StrongFocus);
    m_takeOver->hide();
    connect(m_takeOver, &QPushButton::clicked, this, &TriagePanel::takeOverRequested);
}

// One column: header, decisions, fields, the editors, the notices, the actions.
void TriagePanel::layOut()
{
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
    m_suggestion = new WrappingLabel(this);
    m_suggestion->setObjectName(QStringLiteral("classifierSuggestion"));
    m_suggestion->setWordWrap(true);
    m_suggestion->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), m_suggestion);
    layout->addLayout(form);
    layout->addWidget(m_exposure);
    layout->addWidget(m_hideComment, 0, Qt::AlignLeft);
    layout->addSpacing(4);
    layout->addWidget(m_editorLabel);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_customerLabel);
    auto *customerRow = new QHBoxLayout;
    customerRow->addWidget(m_customerEditor, 1);
    customerRow->addWidget(m_customerKind, 0, Qt::AlignTop);
    layout->addLayout(customerRow, 1);
    layout->addWidget(m_counter);
    layout->addWidget(m_guardBar);
    layout->addWidget(m_message);
    layout->addWidget(m_takeOver, 0, Qt::AlignLeft);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_cancel);
    actions->addStretch(1);
    actions->addWidget(m_confirm);
    layout->addLayout(actions);
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
    // A forwarded thread whose hand-off customer care resolved is decided again (docs/handoff.md).
    const bool waiting = thread && (thread->status == ThreadStatus::Waiting || thread->backFromCare);
    for (DecisionButton *b : m_buttons)
        b->setEnabled(waiting);
    m_reason->setEnabled(waiting);
    m_editor->setEnabled(waiting);
    m_category->setEnabled(thread != nullptr);
    m_category->setCurrentIndex(thread && thread->category ? m_category->findData(toId(*thread->category)) : -1);
    m_reason->setCurrentIndex(-1);
    m_armed.reset();
    m_waiting = waiting;
    m_blocked.clear();
    m_overridden.clear();
    m_overrideReason.clear();
    clearMessage();
    m_heldBy.clear(); // the console says again who holds the new thread
    m_claimNotice.clear();
    m_takeOver->hide();
    showSuggestion(thread);

    ++m_generation;
    m_customerEditor->clear();
    m_customerKind->setCurrentIndex(0);
    m_lastEditor = nullptr;
    readThreadContext(thread);
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

void TriagePanel::refreshThread(const ThreadDetail *thread)
{
    if (!thread || thread->id != m_threadId)
        return;
    readThreadContext(thread);
    updateComposer();
}

void TriagePanel::readThreadContext(const ThreadDetail *thread)
{
    // Whom the composer writes to, in which language, and what the customer exposed in public.
    m_context = ReplyContext{};
    m_context.agentName = m_agentName;
    m_context.today = m_today.isValid() ? m_today : QDate::currentDate();
    m_exposed.clear();
    m_canHide = false;
    m_hideable = false;
    if (thread) {
        m_context.channel = thread->channel;
        m_context.caseReference = thread->caseReference;
        const PostView *customer = nullptr;
        for (const PostView &p : thread->posts) {
            if (p.direction != Direction::Inbound)
                continue;
            if (!customer || p.answeredAtMs == 0)
                customer = &p;
            if (p.visibility == Visibility::Public)
                if (const auto found = m_guard.check(p.text); found && !found->isEmpty()) {
                    m_exposed += found.value();
                    // A comment (not the post it is under) still public, that the platform did
                    // not say cannot be hidden, and (team mode) not already waiting for the hub.
                    const bool waiting = p.moderationState == QLatin1String("pending") ||
                                         p.moderationState == QLatin1String("in_progress");
                    m_hideable = m_hideable || (!p.inReplyTo.isEmpty() && !p.hidden && p.canHide != false && !waiting);
                }
        }
        if (customer) {
            m_context.customerName = customer->authorName;
            m_context.customerHandle = customer->authorHandle;
            m_context.language = customer->language.isEmpty() ? QStringLiteral("it") : customer->language;
        }
        // Facebook and Instagram let a page hide a comment, X lets an account hide replies.
        m_canHide = thread->channel == Channel::Facebook || thread->channel == Channel::Instagram ||
                    thread->channel == Channel::X;
    }
    showExposure();
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
    if (!m_heldBy.isEmpty()) {
        updateArmedState(); // a clicked button does not stay checked
        showHeldByColleague();
        return;
    }
    m_armed = kind;
    updateArmedState();
    clearMessage();
    if (!m_claimNotice.isEmpty())
        showInfo(m_claimNotice);
    emit decisionArmed();
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
    const bool forwarding = m_armed == DecisionKind::Forward;
    m_customerLabel->setVisible(forwarding);
    m_customerKind->setVisible(forwarding);
    m_customerEditor->setVisible(forwarding);
    // Two editors share the height while forwarding; the note for customer care is short.
    m_editor->setMinimumHeight(forwarding ? 56 : 110);
    if (!m_armed) {
        m_editor->setPlaceholderText(tr("Choose a decision, then write the reply here."));
        m_editorLabel->setText(tr("&Reply"));
        updateComposer();
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
        m_editor->setPlaceholderText(
            tr("Optional: a note for your team; nothing is sent. Ctrl+Enter closes the thread."));
        break;
    }
    updateComposer();
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
    if (r.kind == DecisionKind::Forward) {
        r.customerText = m_customerEditor->toPlainText().trimmed();
        r.customerKind = DecisionKind(m_customerKind->currentData().toInt());
    }
    // For the audit: what the guard found, and what the agent did about it.
    r.guard.exposed = m_exposed;
    r.guard.hideSuggested = m_canHide && !m_exposed.isEmpty();
    // The findings the agent marked as not personal data, in the text as sent (trimmed).
    Visibility visibility = Visibility::Private;
    if (const QPlainTextEdit *checked = checkedEditor(&visibility);
        checked && visibility == Visibility::Public && !m_overridden.isEmpty()) {
        const QString text = checked->toPlainText();
        int lead = 0;
        while (lead < text.size() && text.at(lead).isSpace())
            ++lead;
        for (const Finding &f : m_overridden)
            r.overrides.findings.push_back({f.kind, f.start - lead, f.end - lead});
        r.overrides.reason = m_overrideReason;
    }
    if (!m_blocked.isEmpty()) {
        r.guard.blocked = m_blocked;
        switch (r.kind) {
        case DecisionKind::ReplyPublic:
            r.guard.choice = r.overrides.isEmpty() ? QStringLiteral("removed") : QStringLiteral("overridden");
            break;
        case DecisionKind::ReplyPrivate: r.guard.choice = QStringLiteral("switched_to_private"); break;
        case DecisionKind::Forward: r.guard.choice = QStringLiteral("forwarded"); break;
        case DecisionKind::Close: r.guard.choice = QStringLiteral("closed"); break;
        }
    }
    return r;
}

QString TriagePanel::draft() const { return m_editor->toPlainText(); }

void TriagePanel::setDraft(const QString &text, std::optional<DecisionKind> armed)
{
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
    if (armed && button(*armed)->isEnabled() && m_heldBy.isEmpty()) {
        m_armed = armed;
        updateArmedState();
    }
}

void TriagePanel::resetAfterDecision()
{
    m_blocked.clear();
    m_overridden.clear();
    m_overrideReason.clear();
    m_editor->clear();
    m_customerEditor->clear();
    m_customerKind->setCurrentIndex(0);
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

void TriagePanel::setHeldBy(const QString &colleague)
{
    if (colleague == m_heldBy)
        return;
    m_heldBy = colleague;
    if (colleague.isEmpty()) {
        const bool focused = m_takeOver->hasFocus();
        m_takeOver->hide();
        if (m_messageIsError)
            clearMessage();
        if (focused)
            m_editor->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (m_armed) {
        // A colleague's claim arrived after the agent armed (they opened it first).
        m_armed.reset();
        updateArmedState();
        showHeldByColleague();
    } else if (!m_takeOver->isHidden()) {
        showHeldByColleague(); // another colleague now
    }
}

void TriagePanel::showHeldByColleague()
{
    showError(tr("%1 is on this thread: only the agent who holds a thread decides it. Take it over to decide "
                 "(the team's log records it).")
                  .arg(m_heldBy));
    m_takeOver->setText(tr("Ta&ke over from %1…").arg(m_heldBy));
    m_takeOver->setAccessibleName(tr("Take this thread over from %1").arg(m_heldBy));
    m_takeOver->setToolTip(tr("Claims this thread for you instead of %1, after a confirmation.").arg(m_heldBy));
    m_takeOver->show();
    m_takeOver->setFocus(Qt::OtherFocusReason);
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
    m_confirm->setText(
        tr("Confirm  (%1)").arg(QKeySequence(Qt::CTRL | Qt::Key_Enter).toString(QKeySequence::NativeText)));
    m_cancel->setText(tr("Cancel  (Esc)"));
    m_customerLabel->setText(tr("Message to the &customer (optional), sent after the forward"));
    m_customerEditor->setToolTip(tr("{case_reference} becomes the reference of this forward; %1 inserts a saved reply "
                                    "such as ::fwd.")
                                     .arg(QKeySequence(Qt::CTRL | Qt::Key_T).toString(QKeySequence::NativeText)));
    m_customerKind->setItemText(0, tr("Private"));
    m_customerKind->setItemText(1, tr("Public"));
    m_customerKind->setToolTip(tr("Send the message as a private message or as a public reply"));
    m_customerEditor->setPlaceholderText(tr("For example ::fwd: {case_reference} becomes the forward's reference."));
    m_switchPrivate->setText(tr("Switch to &private"));
    m_switchPrivate->setToolTip(
        tr("Send this answer as a private message instead (%1)")
            .arg(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P).toString(QKeySequence::NativeText)));
    m_notPersonal->setText(tr("Not Personal &Data…"));
    m_notPersonal->setAccessibleName(tr("Mark the finding as not personal data"));
    m_notPersonal->setToolTip(tr("The guard is wrong: mark the finding at the cursor (or every finding that may be "
                                 "marked) as not personal data, with a reason. Recorded in the activity log."));
    m_editor->setToolTip(tr("Type ::code and Space or Tab to insert a saved reply; %1 opens the list of saved replies.")
                             .arg(QKeySequence(Qt::CTRL | Qt::Key_T).toString(QKeySequence::NativeText)));
    // For screen readers: the confirm button's tool tip is the reason it is refused, when it is.
    m_reason->setAccessibleDescription(tr("Why the thread is closed without a reply"));
    m_confirm->setAccessibleDescription(tr("Carries out the decision armed above"));
    m_cancel->setAccessibleDescription(tr("Drops the decision armed above and keeps the draft"));
    m_customerKind->setAccessibleName(tr("Kind of message to the customer"));
    if (auto *guardIcon = m_guardBar->findChild<QLabel *>(QStringLiteral("guardIcon")))
        setAccessible(guardIcon, tr("Personal data warning"), tr("The guard found personal data in the reply"));
    showExposure();
    updateArmedState();
}

void TriagePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TriagePanel::setDatabase(Database *database) { m_database = database; }

void TriagePanel::setGuardConfig(const GuardConfig &config)
{
    m_guard = Guard(config);
    updateComposer();
}

void TriagePanel::requestConfirm()
{
    if (m_threadId == 0) {
        showError(tr("Select a thread in the queue first."));
        return;
    }
    if (!m_heldBy.isEmpty()) {
        showHeldByColleague();
        return;
    }
    if (!m_armed) {
        showError(tr("Choose a decision first: Ctrl+1 replies publicly, Ctrl+2 privately, Ctrl+3 forwards "
                     "to customer care, Ctrl+4 closes without a reply."));
        return;
    }
    if (m_agentName.isEmpty()) {
        showError(tr("Enter your agent name in Edit > Settings before taking decisions: every decision "
                     "is recorded with it."));
        return;
    }
    // The composer's checks: the channel's limit here; personal data in public goes to the core,
    // which refuses it and audits the refusal, as it does for the command line.
    noteBlockedAttempt();
    if (!m_blockedReason.isEmpty() && m_findings.isEmpty()) {
        showError(m_blockedReason);
        m_editor->setFocus(Qt::OtherFocusReason);
        return;
    }
    emit confirmRequested(request());
}

void TriagePanel::showDecisionError(const Error &error)
{
    showError(error.message);
    // Back to where the agent can fix it.
    if (m_armed == DecisionKind::Close && !request().closeReason)
        m_reason->setFocus(Qt::OtherFocusReason);
    else
        m_editor->setFocus(Qt::OtherFocusReason);
}

bool TriagePanel::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_editor || watched == m_customerEditor) && event->type() == QEvent::FocusIn)
        m_lastEditor = static_cast<QPlainTextEdit *>(watched);
    if ((watched == m_editor || watched == m_customerEditor) && event->type() == QEvent::ContextMenu) {
        showEditorMenu(static_cast<QPlainTextEdit *>(watched), static_cast<QContextMenuEvent *>(event));
        return true;
    }
    if ((watched == m_editor || watched == m_customerEditor) && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Space || key->key() == Qt::Key_Tab) && key->modifiers() == Qt::NoModifier &&
            expandShortCode())
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

QPlainTextEdit *TriagePanel::checkedEditor(Visibility *visibility) const
{
    if (m_threadId == 0)
        return nullptr;
    if (m_armed == DecisionKind::ReplyPublic || m_armed == DecisionKind::ReplyPrivate) {
        *visibility = m_armed == DecisionKind::ReplyPublic ? Visibility::Public : Visibility::Private;
        return m_editor;
    }
    if (m_armed == DecisionKind::Forward && !m_customerEditor->toPlainText().trimmed().isEmpty()) {
        *visibility = DecisionKind(m_customerKind->currentData().toInt()) == DecisionKind::ReplyPublic
                          ? Visibility::Public
                          : Visibility::Private;
        return m_customerEditor;
    }
    return nullptr;
}

QPlainTextEdit *TriagePanel::activeEditor() const
{
    return m_armed == DecisionKind::Forward && m_lastEditor == m_customerEditor ? m_customerEditor : m_editor;
}

void TriagePanel::noteBlockedAttempt()
{
    Visibility visibility = Visibility::Private;
    QPlainTextEdit *checked = checkedEditor(&visibility);
    if (!checked || visibility != Visibility::Public)
        return;
    const auto found = m_guard.check(checked->toPlainText().trimmed());
    if (found && !found->isEmpty())
        m_blocked = found.value();
}

void TriagePanel::updateComposer()
{
    Visibility visibility = Visibility::Private;
    QPlainTextEdit *checked = checkedEditor(&visibility);
    QString text = checked ? checked->toPlainText() : QString();
    m_findings.clear();
    m_blockedReason.clear();
    m_length = {};
    Status size;
    if (checked) {
        const ChannelLimit limit = channelLimit(m_context.channel, visibility);
        // The reference takes the place of its placeholder: count it at its length.
        QString counted = text;
        if (checked == m_customerEditor)
            counted.replace(kCaseReferencePlaceholder, QStringLiteral("SPT-00000000-000000"));
        m_length = checkLength(counted, m_context.channel, visibility);
        QString counter;
        if (m_length.maximum == 0)
            counter = tr("%1: %Ln character(s), no limit on this channel", nullptr, m_length.length).arg(limit.what);
        else if (m_length.remaining >= 0)
            counter = limit.unit == LengthUnit::Utf8Bytes
                          ? tr("%1: %Ln byte(s) left", nullptr, m_length.remaining).arg(limit.what)
                          : tr("%1: %Ln character(s) left", nullptr, m_length.remaining).arg(limit.what);
        else
            counter = limit.unit == LengthUnit::Utf8Bytes
                          ? tr("%1: %Ln byte(s) over the limit", nullptr, -m_length.remaining).arg(limit.what)
                          : tr("%1: %Ln character(s) over the limit", nullptr, -m_length.remaining).arg(limit.what);
        m_counter->setText(counter);
        m_counter->setToolTip(
            limit.unit == LengthUnit::XWeighted
                ? tr("Counted as X counts: every link 23, every emoji 2, Chinese, Japanese and Korean characters 2.")
                : QString());
        const QString level = m_length.sendable ? QString() : QStringLiteral("over");
        if (m_counter->property("level").toString() != level) {
            m_counter->setProperty("level", level);
            m_counter->style()->unpolish(m_counter);
            m_counter->style()->polish(m_counter);
        }
        m_counter->show();
        // Longer than any post or reply: refused with its size, before the guard reads it.
        size = checkTextLength(text);
        if (visibility == Visibility::Public && size)
            m_findings = m_guard.check(text).value();
    } else {
        m_counter->hide();
    }
    // A mark holds while its finding is still found as it was (kind, span, text).
    QVector<Finding> kept;
    for (const Finding &f : std::as_const(m_overridden))
        if (m_findings.contains(f))
            kept << f;
    m_overridden = kept;
    if (m_overridden.isEmpty())
        m_overrideReason.clear();
    QVector<Finding> blocking;
    for (const Finding &f : std::as_const(m_findings))
        if (!m_overridden.contains(f))
            blocking << f;
    if (checked) {
        if (!size)
            m_blockedReason = size.error();
        else if (!m_length.sendable)
            m_blockedReason = m_length.reason;
        else if (!blocking.isEmpty())
            m_blockedReason = TriageService::guardRefusal(blocking);
    }

    // The findings, highlighted where they are.
    QList<QTextEdit::ExtraSelection> marks;
    for (const Finding &f : m_findings) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(checked->document());
        mark.cursor.setPosition(f.start);
        mark.cursor.setPosition(f.end, QTextCursor::KeepAnchor);
        if (m_overridden.contains(f)) {
            // Marked as not personal data: grey and struck through.
            mark.format.setBackground(QColor(0xe4, 0xe6, 0xe9));
            mark.format.setForeground(QColor(0x5f, 0x66, 0x6d));
            mark.format.setFontStrikeOut(true);
            mark.format.setToolTip(tr("%1: marked not personal data").arg(label(f.kind)));
        } else {
            // A light mark with dark text of its own: readable whatever the editor's palette.
            mark.format.setBackground(QColor(0xfd, 0xd8, 0xd3));
            mark.format.setForeground(QColor(0x1f, 0x23, 0x28));
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(QColor(0xb4, 0x23, 0x18));
            mark.format.setToolTip(label(f.kind));
        }
        marks << mark;
    }
    m_editor->setExtraSelections(checked == m_editor ? marks : QList<QTextEdit::ExtraSelection>());
    m_customerEditor->setExtraSelections(checked == m_customerEditor ? marks : QList<QTextEdit::ExtraSelection>());
    if (m_findings.isEmpty()) {
        m_guardBar->hide();
    } else {
        const auto kindsOf = [](const QVector<Finding> &findings) {
            QStringList kinds;
            for (const Finding &f : findings)
                if (!kinds.contains(label(f.kind)))
                    kinds << label(f.kind);
            return kinds.join(QStringLiteral(", "));
        };
        QStringList lines;
        if (!blocking.isEmpty())
            lines << tr("Personal data in a public reply: %1. Remove it, or switch to a private reply (%2).")
                         .arg(kindsOf(blocking),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P).toString(QKeySequence::NativeText));
        const bool checksum =
            std::any_of(blocking.cbegin(), blocking.cend(), [](const Finding &f) { return !canOverride(f.kind); });
        if (checksum)
            lines << tr("A tax code or IBAN is verified by its checksum: send it privately.");
        if (!m_overridden.isEmpty())
            lines << tr("Marked not personal data: %1 (reason: %2).").arg(kindsOf(m_overridden), m_overrideReason);
        m_guardText->setText(lines.join(QLatin1Char('\n')));
        m_notPersonal->setVisible(
            std::any_of(blocking.cbegin(), blocking.cend(), [](const Finding &f) { return canOverride(f.kind); }));
        m_switchPrivate->setVisible(!blocking.isEmpty());
        // Nothing blocks any more: the bar is grey, not red.
        const QString level = blocking.isEmpty() ? QStringLiteral("overridden") : QString();
        if (m_guardBar->property("level").toString() != level) {
            m_guardBar->setProperty("level", level);
            for (QWidget *widget : {m_guardBar, static_cast<QWidget *>(m_guardText)}) {
                widget->style()->unpolish(widget);
                widget->style()->polish(widget);
            }
        }
        m_guardBar->show();
    }
    m_confirm->setEnabled(m_armed.has_value() && m_blockedReason.isEmpty());
    m_confirm->setToolTip(m_blockedReason);
}

void TriagePanel::showExposure()
{
    if (m_exposed.isEmpty() || !m_waiting) {
        m_exposure->hide();
        m_exposure->clear();
        m_hideComment->hide();
        return;
    }
    QStringList kinds;
    for (const Finding &f : m_exposed)
        if (!kinds.contains(label(f.kind)))
            kinds << label(f.kind);
    QString text = tr("The customer wrote personal data in public (%1). Suggested: reply privately and ask them to "
                      "continue there (saved reply ::privacy).")
                       .arg(kinds.join(QStringLiteral(", ")));
    const bool sportelloHides = outbox::channelCanHideComments(m_context.channel);
    if (m_canHide && !sportelloHides)
        text += QLatin1Char(' ') + tr("%1 lets you hide the reply: do it on %1 (Sportello hides comments on "
                                      "Facebook and Instagram).")
                                       .arg(label(m_context.channel));
    m_exposure->setText(text);
    m_exposure->show();
    m_hideComment->setText(tr("Hi&de the Comment…  (%1)")
                               .arg(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H).toString(QKeySequence::NativeText)));
    m_hideComment->setToolTip(tr("Hides the comment on %1: its author and the page's admins still see it, nobody "
                                 "else does. Sportello asks which comment and why.")
                                  .arg(label(m_context.channel)));
    m_hideComment->setVisible(sportelloHides && m_hideable);
}

std::optional<Finding> TriagePanel::findingAtCursor() const
{
    Visibility visibility = Visibility::Private;
    const QPlainTextEdit *checked = checkedEditor(&visibility);
    if (!checked)
        return std::nullopt;
    const int position = checked->textCursor().position();
    for (const Finding &f : m_findings)
        if (position >= f.start && position <= f.end)
            return f;
    return std::nullopt;
}

QVector<Finding> TriagePanel::overrideTargets() const
{
    if (const auto at = findingAtCursor(); at && canOverride(at->kind) && !m_overridden.contains(*at))
        return {*at};
    QVector<Finding> targets;
    for (const Finding &f : m_findings)
        if (canOverride(f.kind) && !m_overridden.contains(f))
            targets << f;
    return targets;
}

void TriagePanel::showEditorMenu(QPlainTextEdit *editor, QContextMenuEvent *event)
{
    // A right click puts the cursor on what was clicked, so that the action is about it.
    if (event->reason() == QContextMenuEvent::Mouse && !editor->textCursor().hasSelection())
        editor->setTextCursor(editor->cursorForPosition(event->pos()));
    std::unique_ptr<QMenu> menu(editor->createStandardContextMenu(event->pos()));
    if (const auto at = findingAtCursor(); at && !m_overridden.contains(*at)) {
        menu->addSeparator();
        if (canOverride(at->kind)) {
            QAction *mark = menu->addAction(tr("%1: Not Personal Data…").arg(label(at->kind)));
            mark->setObjectName(QStringLiteral("notPersonalDataAction"));
            connect(mark, &QAction::triggered, this, &TriagePanel::markNotPersonalData);
        } else {
            QAction *why = menu->addAction(tr("A tax code or IBAN is verified by its checksum: send it privately."));
            why->setEnabled(false);
        }
    }
    menu->exec(event->globalPos());
}

void TriagePanel::markNotPersonalData()
{
    const QVector<Finding> targets = overrideTargets();
    if (targets.isEmpty()) {
        showError(tr("Nothing here can be marked as not personal data. A tax code or IBAN is verified by its "
                     "checksum: send it privately."));
        return;
    }
    QStringList kinds;
    for (const Finding &f : targets)
        if (!kinds.contains(label(f.kind)))
            kinds << label(f.kind);
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("notPersonalDataDialog"));
    dialog.setWindowTitle(tr("Not Personal Data"));
    dialog.setLabelText(tr("The guard found: %1. Why is it not personal data? The kinds and your reason are "
                           "recorded in the activity log for the supervisors; the text is not.")
                            .arg(kinds.join(QStringLiteral(", "))));
    dialog.setTextValue(m_overrideReason);
    dialog.setOkButtonText(tr("&Mark"));
    dialog.setAccessibleName(tr("Reason the finding is not personal data"));
    const quint64 generation = m_generation;
    const int result = dialog.exec();
    // The dialog ran an event loop: another thread may be shown now.
    if (generation != m_generation) {
        showError(tr("The thread changed while the dialog was open; nothing was marked."));
        return;
    }
    if (result != QDialog::Accepted) {
        m_editor->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (!overrideFindings(targets, dialog.textValue()))
        return;
    // Next: Confirm when nothing else blocks the reply, else back to the text.
    if (m_confirm->isEnabled())
        m_confirm->setFocus(Qt::OtherFocusReason);
    else
        m_editor->setFocus(Qt::OtherFocusReason);
}

bool TriagePanel::overrideFindings(const QVector<Finding> &targets, const QString &reason)
{
    const QString trimmed = reason.trimmed();
    if (trimmed.isEmpty()) {
        showError(tr("Say why it is not personal data: the reason is recorded with the override."));
        return false;
    }
    if (trimmed.size() > kMaxOverrideReasonLength) {
        showError(tr("The reason is %1 characters long: keep it within %2.")
                      .arg(trimmed.size())
                      .arg(kMaxOverrideReasonLength));
        return false;
    }
    QStringList kinds;
    for (const Finding &f : targets) {
        if (!canOverride(f.kind) || !m_findings.contains(f) || m_overridden.contains(f))
            continue;
        m_overridden << f;
        if (!kinds.contains(label(f.kind)))
            kinds << label(f.kind);
    }
    if (kinds.isEmpty()) {
        showError(tr("The text changed: nothing was marked. Check the reply again."));
        return false;
    }
    m_overrideReason = trimmed;
    updateComposer();
    showInfo(tr("Marked not personal data: %1. The override is recorded in the activity log with your reason.")
                 .arg(kinds.join(QStringLiteral(", "))));
    return true;
}

void TriagePanel::switchToPrivate()
{
    if (m_threadId == 0 || !m_waiting) {
        showError(tr("This thread is not waiting for a decision."));
        return;
    }
    noteBlockedAttempt();
    if (m_armed == DecisionKind::Forward) {
        m_customerKind->setCurrentIndex(m_customerKind->findData(int(DecisionKind::ReplyPrivate)));
        showInfo(tr("The message to the customer goes as a private message. Your text is kept."));
        return;
    }
    arm(DecisionKind::ReplyPrivate);
    showInfo(tr("Switched to a private reply: only the customer will read it. Your text is kept."));
}

QVector<SavedReply> TriagePanel::rankedReplies() const
{
    if (!m_database)
        return {};
    auto all = SavedReplyStore(*m_database).all();
    if (!all)
        return {};
    QVector<SavedReply> replies = std::move(all).value();
    std::optional<Category> category;
    if (m_category->currentIndex() >= 0)
        category = categoryFromId(m_category->currentData().toString());
    SavedReplyStore::rank(replies, m_context.language, category, m_context.channel);
    return replies;
}

void TriagePanel::openPicker()
{
    if (!m_database || m_threadId == 0 || !m_editor->isEnabled()) {
        showError(tr("Select a thread waiting for a decision first."));
        return;
    }
    ReplyPicker picker(rankedReplies(), this);
    const quint64 generation = m_generation;
    if (picker.exec() != QDialog::Accepted)
        return;
    // The dialog ran an event loop: a sync may have shown another thread, or this one again.
    if (generation != m_generation) {
        showError(tr("The thread changed while the list was open; nothing was inserted."));
        return;
    }
    if (const auto reply = picker.chosen())
        insertSavedReply(*reply);
}

bool TriagePanel::expandShortCode()
{
    if (!m_database)
        return false;
    QPlainTextEdit *editor = activeEditor();
    QTextCursor cursor = editor->textCursor();
    if (cursor.hasSelection())
        return false;
    const QString before = cursor.block().text().left(cursor.positionInBlock());
    static const QRegularExpression code(QStringLiteral("(?:^|\\s)::([A-Za-z0-9_-]+)$"));
    const auto m = code.match(before);
    if (!m.hasMatch())
        return false;
    auto found = SavedReplyStore(*m_database).byCode(m.captured(1).toLower(), m_context.language);
    if (!found) {
        showError(found.error());
        return false;
    }
    if (!found->has_value()) {
        showInfo(tr("No saved reply has the short code ::%1. %2 lists them all.")
                     .arg(m.captured(1), QKeySequence(Qt::CTRL | Qt::Key_T).toString(QKeySequence::NativeText)));
        return false;
    }
    cursor.setPosition(cursor.position() - int(m.capturedLength(1)) - 2, QTextCursor::KeepAnchor);
    editor->setTextCursor(cursor);
    return insertSavedReply(found->value());
}

bool TriagePanel::insertSavedReply(const SavedReply &reply)
{
    m_context.agentName = m_agentName;
    QPlainTextEdit *editor = activeEditor();
    ReplyContext context = m_context;
    // The forward's message: the reference does not exist yet, the core fills it in.
    if (editor == m_customerEditor && context.caseReference.isEmpty())
        context.caseReference = kCaseReferencePlaceholder;
    QMap<QString, QString> values;
    const QVector<PromptedVariable> prompts = ReplyTemplate::prompts(reply.body, context);
    if (!prompts.isEmpty()) {
        PromptDialog dialog(reply.title, prompts, this);
        const quint64 generation = m_generation;
        const int result = dialog.exec();
        // The dialog ran an event loop: a sync may have shown another thread, or this one again
        // with its stored draft; the answer belongs to neither.
        if (generation != m_generation) {
            showError(tr("The thread changed while the dialog was open; nothing was inserted."));
            return false;
        }
        if (result != QDialog::Accepted) {
            editor->setFocus(Qt::OtherFocusReason);
            return false;
        }
        values = dialog.values();
    }
    auto text = ReplyTemplate::expand(reply.body, context, values);
    if (!text) {
        showError(text.error());
        return false;
    }
    QTextCursor cursor = editor->textCursor();
    cursor.insertText(text.value());
    editor->setTextCursor(cursor);
    editor->setFocus(Qt::OtherFocusReason);
    clearMessage();
    return true;
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
    QString text = tr("Suggested: %1, %2 sure")
                       .arg(label(*suggested->category), formatPercent(qRound(suggested->classifierConfidence * 100)));
    // The separator is UTF-8 like the source: a QLatin1String would show "Â·".
    const QString separator = QStringLiteral(" · ");
    if (!suggested->classifierCues.isEmpty())
        text += separator + tr("cues: %1").arg(suggested->classifierCues.mid(0, 4).join(QStringLiteral(", ")));
    if (suggested->likelySpam)
        text += separator + tr("likely spam");
    m_suggestion->setText(text);
    m_suggestion->show();
}

} // namespace sportello::ui
