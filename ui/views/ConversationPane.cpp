#include "views/ConversationPane.h"

#include "common/Accessible.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "common/TimerContext.h"
#include "models/ConversationModel.h"
#include "views/ConversationDelegate.h"
#include "views/WrappingLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QStackedWidget>
#include <QStyle>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace sportello::ui {

ConversationPane::ConversationPane(const TimerContext &timers, QWidget *parent)
    : QWidget(parent), m_timers(timers), m_model(new ConversationModel(timers, this))
{
    m_stack = new QStackedWidget(this);
    m_placeholder = new QLabel(m_stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_stack->addWidget(m_placeholder);

    auto *page = new QWidget(m_stack);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(0);

    auto *header = new QWidget(page);
    header->setObjectName(QStringLiteral("conversationHeader"));
    header->setAttribute(Qt::WA_StyledBackground);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(14, 10, 14, 10);
    headerLayout->setSpacing(12);
    m_channelIcon = new QLabel(header);
    m_channelIcon->setFixedSize(32, 32);
    headerLayout->addWidget(m_channelIcon, 0, Qt::AlignTop);
    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    m_name = new QLabel(header);
    m_name->setObjectName(QStringLiteral("authorName"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long name (an unbroken handle) must not widen the header past the pane: the wrapped lines
    // under it would be measured at that width and overlap at the real one.
    m_name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_details = new WrappingLabel(header);
    m_details->setObjectName(QStringLiteral("authorDetails"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    // The timer's state (icon, colour and words), its working, its target, the complaint's clock.
    auto iconRow = [header, text](QLabel *&icon, QLabel *&label, const char *name) {
        auto *row = new QHBoxLayout;
        row->setSpacing(5);
        icon = new QLabel(header);
        icon->setFixedSize(14, 14);
        label = new WrappingLabel(header);
        label->setObjectName(QLatin1String(name));
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        row->addWidget(icon, 0, Qt::AlignTop);
        row->addWidget(label, 1);
        text->addLayout(row);
    };
    text->addWidget(m_name);
    text->addWidget(m_details);
    // Team mode: a colleague on the thread (or typing), the agent's own claim, or the offline notice.
    m_presence = new WrappingLabel(header);
    m_presence->setObjectName(QStringLiteral("claimPresence"));
    m_presence->setWordWrap(true);
    m_presence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_presence->hide();
    text->addWidget(m_presence);
    iconRow(m_stateIcon, m_timing, "threadTiming");
    m_working = new WrappingLabel(header);
    m_working->setObjectName(QStringLiteral("timerWorking"));
    m_working->setWordWrap(true);
    m_working->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_target = new WrappingLabel(header);
    m_target->setObjectName(QStringLiteral("timerTarget"));
    m_target->setWordWrap(true);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->addWidget(m_working);
    text->addWidget(m_target);
    iconRow(m_complaintIcon, m_complaintLabel, "complaintClock");
    // Customer care's side of the latest forward. Reachable with Tab, so that a screen reader
    // reads it (the other header lines are also shown elsewhere; this one only here).
    m_handoffLabel = new WrappingLabel(header);
    m_handoffLabel->setObjectName(QStringLiteral("handoffState"));
    m_handoffLabel->setWordWrap(true);
    m_handoffLabel->setTextFormat(Qt::PlainText);
    m_handoffLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_handoffLabel->setFocusPolicy(Qt::TabFocus);
    m_handoffLabel->setContentsMargins(19, 0, 0, 0);
    m_handoffLabel->hide();
    text->addWidget(m_handoffLabel);
    // Under the state's words, past its icon.
    m_working->setContentsMargins(19, 0, 0, 0);
    m_target->setContentsMargins(19, 0, 0, 0);
    // The secondary lines in the palette's dim text, readable on a dark or high-contrast palette
    // too (a fixed grey is not).
    for (QLabel *dim : {m_details, m_working, m_target, m_presence})
        dim->setForegroundRole(QPalette::PlaceholderText);
    header->setStyleSheet(
        QStringLiteral("QWidget#conversationHeader { background: palette(base); border-bottom: 1px solid #d5dae0; }"
                       "QLabel#authorName { font-size: 12pt; font-weight: 600; }"
                       "QLabel#claimPresence { padding: 2px 6px; border-radius: 3px; }"
                       "QLabel#claimPresence[level=\"colleague\"] { background: #fff1c2; color: #5c4400; "
                       "font-weight: 600; border: 1px solid #e0c36a; }"
                       "QLabel#claimPresence[level=\"mine\"] { padding: 0px; }"
                       "QLabel#claimPresence[level=\"offline\"] { background: #eef0f3; color: #3d444d; "
                       "border: 1px solid #c9ced6; }"));
    headerLayout->addLayout(text, 1);
    pageLayout->addWidget(header);

    m_list = new QListView(page);
    m_list->setObjectName(QStringLiteral("conversation"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ConversationDelegate(m_timers.clock(), m_list));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setUniformItemSizes(false);
    m_list->setWordWrap(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setFocusPolicy(Qt::NoFocus); // the keyboard stays with the queue and the reply editor
    QPalette palette = m_list->palette();
    palette.setColor(QPalette::Base, QColor(0xf3, 0xf4, 0xf6));
    m_list->setPalette(palette);
    pageLayout->addWidget(m_list, 1);
    m_stack->addWidget(page);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    retranslateUi();
}

void ConversationPane::setThread(ThreadDetail detail, std::optional<ComplaintClock> complaint)
{
    m_complaint = std::move(complaint);
    m_handoff.reset();
    m_model->setThread(std::move(detail));
    m_stack->setCurrentIndex(1);
    updateHeader();
    m_list->scrollToBottom();
}

void ConversationPane::setPresence(Presence kind, const QString &text)
{
    static const char *const levels[] = {"", "mine", "colleague", "offline"};
    const QString level = QLatin1String(levels[int(kind)]);
    if (m_presence->text() == text && m_presence->property("level").toString() == level &&
        m_presence->isHidden() == (kind == Presence::None || text.isEmpty()))
        return;
    m_presence->setText(text);
    m_presence->setAccessibleName(text);
    m_presence->setProperty("level", level);
    m_presence->style()->unpolish(m_presence);
    m_presence->style()->polish(m_presence);
    m_presence->setVisible(kind != Presence::None && !text.isEmpty());
}

QString ConversationPane::presenceText() const { return m_presence->isHidden() ? QString() : m_presence->text(); }

void ConversationPane::setGuardConfig(const GuardConfig &config) { m_model->setGuard(Guard(config)); }

void ConversationPane::clear()
{
    m_model->clear();
    m_complaint.reset();
    m_handoff.reset();
    updateHandoff();
    m_stack->setCurrentIndex(0);
}

void ConversationPane::refreshTimes()
{
    if (m_model->hasThread()) {
        updateHeader();
        // Only the waiting posts' countdowns change.
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row, 0);
            if (index.data(ConversationModel::TimerStateRole).toInt() >= 0)
                m_list->update(index);
        }
    }
}

void ConversationPane::updateHeader()
{
    const ThreadDetail &t = m_model->thread();
    // The customer is the author of the first inbound post.
    const PostView *customer = nullptr;
    for (const PostView &p : t.posts) {
        if (p.direction == Direction::Inbound) {
            customer = &p;
            break;
        }
    }
    m_channelIcon->setPixmap(icons::channel(t.channel).pixmap(32, 32));
    m_channelIcon->setToolTip(label(t.channel));
    setAccessible(m_channelIcon, label(t.channel), tr("The channel of the thread"));
    if (customer) {
        const QString handle = formatHandle(customer->authorHandle);
        m_name->setText(customer->authorName.isEmpty() ? handle : customer->authorName);
        QStringList details;
        if (!customer->authorName.isEmpty() && !handle.isEmpty())
            details << handle;
        details << formatFollowers(customer->authorFollowers) << label(t.channel);
        details << (t.category ? label(*t.category) : tr("no category"));
        m_details->setText(details.join(QStringLiteral("  ·  ")));
    } else {
        m_name->setText(label(t.channel));
        m_details->setText(t.category ? label(*t.category) : QString());
    }

    const qint64 now = m_timers.nowMs();
    // The timer of the thread is that of its waiting post due first.
    const PostView *timerPost = nullptr;
    if (t.status == ThreadStatus::Waiting) {
        for (const PostView &p : t.posts) {
            if (p.direction == Direction::Inbound && p.answeredAtMs == 0 && p.dueAtMs > 0 &&
                (!timerPost || p.dueAtMs < timerPost->dueAtMs))
                timerPost = &p;
        }
    }
    if (timerPost) {
        const TimerInfo timer = TimerInfo::of(*timerPost, t.channel);
        const TimerState state = m_timers.state(timer, now);
        const QString since =
            tr("Waiting since %1 (%2)").arg(formatTime(t.waitingSinceMs, now), formatAge(t.waitingSinceMs, now));
        m_stateIcon->setPixmap(icons::timer(state).pixmap(14, 14));
        m_stateIcon->setToolTip(label(state));
        setAccessible(m_stateIcon, label(state), tr("The state of the thread's response timer"));
        m_stateIcon->show();
        m_timing->setText(
            QStringLiteral("%1  ·  <b style=\"color:%2\">%3</b>")
                .arg(
                    since.toHtmlEscaped(), timerColor(state).name(),
                    // The state and its time stay on one line.
                    m_timers.longText(timer, now).toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;"))));
        m_timing->setToolTip(m_timers.stateSentence(timer, now));
        m_working->setText(m_timers.working(timer));
        m_target->setText(m_timers.target(timer));
        m_working->show();
        m_target->show();
    } else {
        m_stateIcon->hide();
        m_timing->setText(label(t.status).toHtmlEscaped());
        m_timing->setToolTip(QString());
        m_working->hide();
        m_target->hide();
        m_working->clear();
        m_target->clear();
    }

    if (m_complaint) {
        const ComplaintClock &c = *m_complaint;
        const QTimeZone &zone = m_timers.calendar().timeZone();
        const QString deadline = formatDate(c.deadlineAtMs, now, zone);
        QString text;
        TimerState state = TimerState::OnTrack;
        if (c.resolvedAtMs > 0) {
            text = tr("Complaint answered on %1 (deadline %2)").arg(formatDate(c.resolvedAtMs, now, zone), deadline);
        } else {
            const int days = complaintDaysLeft(now, c.deadlineAtMs);
            state = complaintState(days);
            if (days > 0)
                text = tr("Complaint: %1 to answer (deadline %2)").arg(formatDaysLeft(days), deadline);
            else if (days == 0)
                text = tr("Complaint: the answer is due today (deadline %1)").arg(deadline);
            else
                text = tr("Complaint: the answer is %1 (deadline was %2)").arg(formatDaysLeft(days), deadline);
        }
        m_complaintIcon->setPixmap(icons::timer(state).pixmap(14, 14));
        setAccessible(m_complaintIcon, label(state), tr("The state of the complaint's deadline"));
        m_complaintLabel->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                                      .arg(state == TimerState::OnTrack
                                               ? palette().color(QPalette::PlaceholderText).name()
                                               : timerColor(state).name(),
                                           text.toHtmlEscaped()));
        m_complaintLabel->setToolTip(tr("A complaint forwarded to customer care must be answered within %1 days of "
                                        "receipt (IVASS, ISVAP Regulation 24/2008). Received %2.")
                                         .arg(kComplaintResponseDays)
                                         .arg(formatDateTime(c.receivedAtMs)));
        m_complaintIcon->show();
        m_complaintLabel->show();
    } else {
        m_complaintIcon->hide();
        m_complaintLabel->hide();
        m_complaintLabel->clear();
    }
}

void ConversationPane::setHandoff(std::optional<outbox::HandoffStatus> handoff)
{
    m_handoff = std::move(handoff);
    updateHandoff();
}

void ConversationPane::updateHandoff()
{
    if (!m_handoff) {
        m_handoffLabel->hide();
        m_handoffLabel->clear();
        return;
    }
    const outbox::HandoffStatus &h = *m_handoff;
    const qint64 now = m_timers.nowMs();
    const QString when = formatDate(h.stateAtMs, now, m_timers.calendar().timeZone());
    QString text;
    switch (h.state) {
    case outbox::HandoffState::Sent:
        text = tr("Hand-off %1: sent to customer care on %2, not yet acknowledged").arg(h.caseReference, when);
        break;
    case outbox::HandoffState::Received:
        text = tr("Hand-off %1: received by customer care on %2").arg(h.caseReference, when);
        break;
    case outbox::HandoffState::InProgress:
        text = tr("Hand-off %1: customer care is working on it (since %2)").arg(h.caseReference, when);
        break;
    case outbox::HandoffState::Resolved:
        text = tr("Hand-off %1: resolved by customer care on %2").arg(h.caseReference, when);
        if (h.needsAgent)
            text += h.answer.isEmpty() ? tr(" · the thread is back with you")
                                       : tr(" · their answer is in your draft; the thread is back with you");
        break;
    }
    QString tip;
    if (h.source)
        tip = h.reportedBy.isEmpty()
                  ? tr("Reported through %1 on %2.").arg(label(*h.source), formatDateTime(h.stateAtMs))
                  : tr("Reported by %1 through %2 on %3.")
                        .arg(h.reportedBy, label(*h.source), formatDateTime(h.stateAtMs));
    // The answer stays readable here whatever becomes of the draft.
    if (!h.answer.isEmpty())
        tip += QStringLiteral("\n\n") + tr("Customer care's answer:") + QLatin1Char('\n') + h.answer;
    m_handoffLabel->setText(text);
    m_handoffLabel->setAccessibleName(text);
    m_handoffLabel->setToolTip(tip.trimmed());
    m_handoffLabel->show();
}

QString ConversationPane::handoffText() const
{
    return m_handoffLabel->isHidden() ? QString() : m_handoffLabel->text();
}

QString ConversationPane::timingText() const
{
    return QTextDocumentFragment::fromHtml(m_timing->text()).toPlainText().replace(QChar::Nbsp, QLatin1Char(' '));
}
QString ConversationPane::workingText() const { return m_working->text(); }
QString ConversationPane::targetText() const { return m_target->text(); }
QString ConversationPane::complaintText() const
{
    return QTextDocumentFragment::fromHtml(m_complaintLabel->text()).toPlainText();
}

void ConversationPane::retranslateUi()
{
    m_placeholder->setText(tr("Select a thread in the queue to read the conversation here."));
    setAccessible(m_list, tr("Conversation"), tr("The thread's posts and decisions, oldest first"));
    if (m_model->hasThread()) {
        updateHeader();
        updateHandoff();
    }
    m_list->reset();
}

void ConversationPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
