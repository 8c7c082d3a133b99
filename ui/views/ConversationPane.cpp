#include "views/ConversationPane.h"

#include "common/Format.h"
#include "common/Icons.h"
#include "models/ConversationModel.h"
#include "timers/Clock.h"
#include "views/ConversationDelegate.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace sportello::ui {

ConversationPane::ConversationPane(const Clock &clock, QWidget *parent)
    : QWidget(parent), m_clock(clock), m_model(new ConversationModel(this))
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
    m_details = new QLabel(header);
    m_details->setObjectName(QStringLiteral("authorDetails"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_timing = new QLabel(header);
    m_timing->setObjectName(QStringLiteral("threadTiming"));
    m_timing->setWordWrap(true);
    header->setStyleSheet(QStringLiteral(
        "QWidget#conversationHeader { background: palette(base); border-bottom: 1px solid #d5dae0; }"
        "QLabel#authorName { font-size: 12pt; font-weight: 600; }"
        "QLabel#authorDetails { color: #57606a; }"));
    text->addWidget(m_name);
    text->addWidget(m_details);
    text->addWidget(m_timing);
    headerLayout->addLayout(text, 1);
    pageLayout->addWidget(header);

    m_list = new QListView(page);
    m_list->setObjectName(QStringLiteral("conversation"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ConversationDelegate(m_clock, m_list));
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

void ConversationPane::setThread(ThreadDetail detail)
{
    m_model->setThread(std::move(detail));
    m_stack->setCurrentIndex(1);
    updateHeader();
    m_list->scrollToBottom();
}

void ConversationPane::clear()
{
    m_model->clear();
    m_stack->setCurrentIndex(0);
}

void ConversationPane::refreshTimes()
{
    if (m_model->hasThread()) {
        updateHeader();
        m_list->viewport()->update(); // the waiting post's countdown
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

    const qint64 now = m_clock.nowMs();
    if (t.status == ThreadStatus::Waiting && t.dueAtMs > 0) {
        const Urgency urgency = urgencyOf(t.dueAtMs, t.dueSoonAtMs, now);
        const QString since = tr("Waiting since %1 (%2)").arg(formatTime(t.waitingSinceMs, now),
                                                             formatAge(t.waitingSinceMs, now));
        const QString left = urgency == Urgency::Overdue
                                 ? tr("overdue by %1").arg(formatDuration(now - t.dueAtMs))
                                 : tr("%1 left").arg(formatDuration(t.dueAtMs - now));
        m_timing->setText(QStringLiteral("%1  ·  <b style=\"color:%2\">%3</b>")
                              .arg(since.toHtmlEscaped(), urgencyColor(urgency).name(), left.toHtmlEscaped()));
    } else {
        m_timing->setText(label(t.status).toHtmlEscaped());
    }
}

void ConversationPane::retranslateUi()
{
    m_placeholder->setText(tr("Select a thread in the queue to read the conversation here."));
    if (m_model->hasThread())
        updateHeader();
    m_list->reset();
}

void ConversationPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
