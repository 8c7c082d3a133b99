#include "views/ApprovalPane.h"

#include "common/Format.h"
#include "team/TeamLink.h"
#include "triage/TriageService.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

namespace sportello::ui {

TimerInfo ApprovalPane::timerOf(const TimerContext &timers, const team::ReplyForReview &reply)
{
    TimerInfo timer;
    if (reply.waitingSinceMs <= 0)
        return timer;
    const auto channel = channelFromId(reply.thread.channel);
    timer.channel = channel.value_or(Channel::Facebook);
    timer.category = categoryFromId(reply.category);
    const PostTimer post = timers.policy().timerFor(timer.category, timer.channel, reply.waitingSinceMs);
    timer.arrivedMs = reply.waitingSinceMs;
    timer.targetMs = post.targetMs;
    timer.dueAtMs = post.dueAtMs;
    timer.dueSoonAtMs = post.dueSoonAtMs;
    timer.businessClock = post.businessTime;
    return timer;
}

ApprovalModel::ApprovalModel(const TimerContext &timers, QObject *parent) : QAbstractTableModel(parent), m_timers(timers)
{}

void ApprovalModel::setReplies(QVector<team::ReplyForReview> replies)
{
    const qint64 now = m_timers.nowMs();
    const auto left = [&](const team::ReplyForReview &reply) {
        const TimerInfo timer = ApprovalPane::timerOf(m_timers, reply);
        return timer.isSet() ? m_timers.timeLeft(timer, now) : std::numeric_limits<qint64>::max();
    };
    std::stable_sort(replies.begin(), replies.end(),
                     [&](const auto &a, const auto &b) { return left(a) < left(b); });
    beginResetModel();
    m_replies = std::move(replies);
    endResetModel();
}

const team::ReplyForReview *ApprovalModel::replyAt(int row) const
{
    return row >= 0 && row < m_replies.size() ? &m_replies[row] : nullptr;
}

int ApprovalModel::rowOf(const QString &entryId) const
{
    for (int row = 0; row < m_replies.size(); ++row)
        if (m_replies[row].entryId == entryId)
            return row;
    return -1;
}

int ApprovalModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_replies.size()); }

int ApprovalModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ApprovalModel::data(const QModelIndex &index, int role) const
{
    const team::ReplyForReview *reply = replyAt(index.row());
    if (!reply || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole))
        return {};
    switch (index.column()) {
    case TimeLeft: {
        const TimerInfo timer = ApprovalPane::timerOf(m_timers, *reply);
        return timer.isSet() ? m_timers.shortText(timer, m_timers.nowMs()) : tr("not waiting");
    }
    case Thread: return reply->thread.toString();
    case Author: return reply->authorName;
    case Reply: {
        if (role == Qt::ToolTipRole)
            return reply->text;
        QString oneLine = reply->text.simplified();
        return oneLine.size() > 120 ? oneLine.left(119) + QChar(0x2026) : oneLine;
    }
    default: return {};
    }
}

QVariant ApprovalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeLeft: return tr("Time left");
    case Thread: return tr("Thread");
    case Author: return tr("Written by");
    case Reply: return tr("Reply");
    default: return {};
    }
}

ApprovalPane::ApprovalPane(const TimerContext &timers, QWidget *parent)
    : QWidget(parent), m_timers(timers), m_guard(GuardConfig::defaults(), &timers.clock()),
      m_model(new ApprovalModel(timers, this)),
      m_title(new QLabel(this)), m_view(new QTableView(this)), m_customerTitle(new QLabel(this)),
      m_customer(new QLabel(this)), m_replyTitle(new QLabel(this)), m_reply(new QPlainTextEdit(this)),
      m_guardLabel(new QLabel(this)), m_commentTitle(new QLabel(this)), m_comment(new QLineEdit(this)),
      m_approve(new QPushButton(this)), m_sendBack(new QPushButton(this)), m_message(new QLabel(this)),
      m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("approvals"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setTabKeyNavigation(false);
    m_title->setBuddy(m_view);
    m_customer->setWordWrap(true);
    m_customer->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_customer->setObjectName(QStringLiteral("approvalCustomer"));
    m_replyTitle->setBuddy(m_reply);
    m_reply->setTabChangesFocus(true);
    m_guardLabel->setWordWrap(true);
    m_guardLabel->setObjectName(QStringLiteral("approvalGuard"));
    m_commentTitle->setBuddy(m_comment);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("approvalMessage"));

    auto *details = new QWidget(this);
    auto *form = new QVBoxLayout(details);
    form->setContentsMargins(0, 0, 0, 0);
    form->addWidget(m_customerTitle);
    form->addWidget(m_customer);
    form->addWidget(m_replyTitle);
    form->addWidget(m_reply, 1);
    form->addWidget(m_guardLabel);
    auto *comment = new QHBoxLayout;
    comment->addWidget(m_commentTitle);
    comment->addWidget(m_comment, 1);
    form->addLayout(comment);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_sendBack);
    buttons->addWidget(m_approve);
    form->addLayout(buttons);

    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_title);
    listLayout->addWidget(m_view);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(list);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ApprovalPane::showSelected);
    connect(m_reply, &QPlainTextEdit::textChanged, this, &ApprovalPane::updateGuard);
    connect(m_approve, &QPushButton::clicked, this, &ApprovalPane::approveSelected);
    connect(m_sendBack, &QPushButton::clicked, this, &ApprovalPane::sendBackSelected);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &ApprovalPane::refresh);
    retranslate();
    showSelected();
}

void ApprovalPane::setTeamLink(team::TeamLink *link)
{
    m_link = link;
    m_model->setReplies({});
    showSelected();
    if (isVisible())
        refresh();
}

void ApprovalPane::setGuardConfig(const GuardConfig &config)
{
    m_guard = Guard(config, &m_timers.clock());
    updateGuard();
}

int ApprovalPane::count() const { return m_model->rowCount(); }

QString ApprovalPane::customerText() const { return m_customer->text(); }

QString ApprovalPane::guardText() const { return m_guardLabel->text(); }

QString ApprovalPane::message() const { return m_message->text(); }

const team::ReplyForReview *ApprovalPane::selected() const { return m_model->replyAt(m_view->currentIndex().row()); }

void ApprovalPane::refresh()
{
    if (!m_link) {
        showMessage(tr("Approvals are a team's: this cache is not joined to a team (Settings > Team)."));
        return;
    }
    if (m_reading)
        return;
    m_reading = true;
    m_link->call<QVector<team::ReplyForReview>>(
        [](const QSqlDatabase &db) { return team::listRepliesForReview(db); }, this,
        [this](const Result<QVector<team::ReplyForReview>> &replies) {
            m_reading = false;
            if (!replies) {
                showMessage(replies.error());
                emit refreshed();
                return;
            }
            // Keep the reply being read (and its edits) selected across a refresh.
            const QString keep = m_shownEntry;
            m_model->setReplies(*replies);
            const int row = m_model->rowOf(keep);
            if (row >= 0)
                m_view->setCurrentIndex(m_model->index(row, 0));
            else if (m_model->rowCount() > 0)
                m_view->setCurrentIndex(m_model->index(0, 0));
            else
                showSelected();
            // The same reply read again may carry news for the guard (its author's override).
            updateGuard();
            m_view->resizeColumnToContents(ApprovalModel::TimeLeft);
            m_view->resizeColumnToContents(ApprovalModel::Thread);
            m_view->resizeColumnToContents(ApprovalModel::Author);
            retranslate();
            emit refreshed();
        });
}

void ApprovalPane::showSelected()
{
    const team::ReplyForReview *reply = selected();
    const QString entry = reply ? reply->entryId : QString();
    if (entry == m_shownEntry && reply)
        return; // a refresh kept it: keep the supervisor's edits
    m_shownEntry = entry;
    m_customer->setText(reply ? reply->customerText : QString());
    m_reply->setPlainText(reply ? reply->text : QString());
    m_comment->clear();
    m_reply->setEnabled(reply != nullptr);
    m_comment->setEnabled(reply != nullptr);
    updateGuard();
}

void ApprovalPane::updateGuard()
{
    const team::ReplyForReview *reply = selected();
    const bool any = reply != nullptr;
    m_findings = any ? m_guard.scan(m_reply->toPlainText()) : QVector<Finding>();
    // The author marked these kinds as not personal data (never a tax code or an IBAN): the
    // supervisor reads the reason and may approve (the audit keeps kinds, not spans).
    QStringList overridden;
    if (any) {
        QVector<Finding> blocking;
        for (const Finding &finding : std::as_const(m_findings)) {
            if (canOverride(finding.kind) && reply->overriddenKinds.contains(toId(finding.kind))) {
                if (!overridden.contains(label(finding.kind)))
                    overridden << label(finding.kind);
            } else {
                blocking << finding;
            }
        }
        m_findings = blocking;
    }
    const QString overrideNote =
        overridden.isEmpty() ? QString()
                             : QLatin1Char(' ') + tr("The author marked as not personal data: %1 (reason: %2).")
                                                      .arg(overridden.join(QStringLiteral(", ")), reply->overrideReason);
    if (!any) {
        m_guardLabel->clear();
    } else if (m_findings.isEmpty() && !overridden.isEmpty()) {
        m_guardLabel->setText(tr("The insurance guard finds no other personal data in this reply.") + overrideNote);
    } else if (m_findings.isEmpty()) {
        m_guardLabel->setText(tr("The insurance guard finds no personal data in this reply."));
    } else {
        QStringList found;
        for (const Finding &finding : std::as_const(m_findings))
            found << QStringLiteral("%1 \u201c%2\u201d").arg(label(finding.kind), finding.text);
        m_guardLabel->setText(tr("The insurance guard finds personal data: %1. Edit the reply or send it back; a "
                                 "public reply must not carry it.")
                                  .arg(found.join(QStringLiteral("; "))) +
                              overrideNote);
    }
    // Approving sends it publicly: not with personal data in it.
    m_approve->setEnabled(any && m_findings.isEmpty() && !m_reply->toPlainText().trimmed().isEmpty());
    m_sendBack->setEnabled(any);
}

void ApprovalPane::approveSelected()
{
    if (!m_approve->isEnabled())
        return;
    review(team::ReviewVerdict::Approve);
}

void ApprovalPane::sendBackSelected()
{
    if (!selected())
        return;
    if (m_comment->text().trimmed().isEmpty()) {
        showMessage(tr("Say why the reply goes back: its author reads the comment."));
        m_comment->setFocus();
        return;
    }
    review(team::ReviewVerdict::SendBack);
}

void ApprovalPane::review(team::ReviewVerdict verdict)
{
    const team::ReplyForReview *reply = selected();
    if (!reply || !m_link)
        return;
    const QString entry = reply->entryId;
    const QString edited = m_reply->toPlainText();
    const QString text = verdict == team::ReviewVerdict::Approve && edited != reply->text ? edited : QString();
    const QString comment = m_comment->text().trimmed();
    m_approve->setEnabled(false);
    m_sendBack->setEnabled(false);
    m_link->call<team::ReviewedReply>(
        [entry, verdict, text, comment](const QSqlDatabase &db) {
            return team::reviewReply(db, entry, verdict, text, comment);
        },
        this,
        [this, entry, verdict, text](const Result<team::ReviewedReply> &done) {
            if (!done) {
                showMessage(done.error());
                updateGuard();
                return;
            }
            showMessage(verdict == team::ReviewVerdict::SendBack ? tr("Sent back to its author.")
                        : text.isEmpty()                         ? tr("Approved: the hub sends it now.")
                                                                 : tr("Approved as edited: the hub sends it now."));
            m_shownEntry.clear();
            emit reviewed(entry);
            refresh();
        });
}

void ApprovalPane::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void ApprovalPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_timer->start();
    refresh();
}

void ApprovalPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

void ApprovalPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ApprovalPane::retranslate()
{
    m_title->setText(tr("Replies &awaiting approval (%Ln), least time left first", nullptr, m_model->rowCount()));
    m_customerTitle->setText(tr("The customer wrote:"));
    m_replyTitle->setText(tr("&Reply (edit it before approving if needed):"));
    m_commentTitle->setText(tr("&Comment for the author:"));
    m_comment->setPlaceholderText(tr("Needed to send it back"));
    m_approve->setText(tr("A&pprove"));
    m_approve->setToolTip(tr("Send the reply as shown, edited or not (audited)"));
    m_sendBack->setText(tr("Send &Back"));
    m_sendBack->setToolTip(tr("Return the reply to its author with the comment (audited)"));
    m_view->setAccessibleName(tr("Replies awaiting approval"));
    m_view->setAccessibleDescription(tr("Sorted by the time left before the customer's post is overdue"));
    m_reply->setAccessibleName(tr("Reply"));
    m_comment->setAccessibleName(tr("Comment for the author"));
    m_customer->setAccessibleName(tr("The customer's post"));
    m_guardLabel->setAccessibleName(tr("The insurance guard's findings"));
    m_approve->setAccessibleName(tr("Approve"));
    m_sendBack->setAccessibleName(tr("Send back"));
    m_reply->setAccessibleDescription(tr("The reply to approve; edit it before approving if needed"));
    m_comment->setAccessibleDescription(tr("Why the reply goes back to its author; needed to send it back"));
    m_customer->setAccessibleDescription(tr("What the reply answers"));
    m_guardLabel->setAccessibleDescription(tr("Personal data the guard found in the reply"));
}

} // namespace sportello::ui
