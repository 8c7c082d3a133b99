#include "views/OutboxPane.h"

#include "common/Accessible.h"
#include "team/TeamLink.h"

#include "common/Format.h"
#include "models/OutboxModel.h"
#include "outbox/Outbox.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace sportello::ui {

using outbox::OutboxState;

OutboxPane::OutboxPane(OutboxModel *model, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_model(model), m_clock(clock)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("outboxSummary"));
    m_summary->setWordWrap(true);
    m_edit = new QPushButton(this);
    m_edit->setObjectName(QStringLiteral("outboxEdit"));
    m_retry = new QPushButton(this);
    m_retry->setObjectName(QStringLiteral("outboxRetry"));
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("outboxCancel"));
    m_confirm = new QPushButton(this);
    m_confirm->setObjectName(QStringLiteral("outboxConfirm"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("outboxMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("outbox"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(OutboxModel::TextColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(OutboxModel::ReasonColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_view->fontMetrics();
    header->resizeSection(OutboxModel::StateColumn,
                          fm.horizontalAdvance(QStringLiteral("Checking delivery (decided offline)")) + 12);
    header->resizeSection(OutboxModel::ChannelColumn, fm.horizontalAdvance(QStringLiteral("Google Play")) + 40);
    header->resizeSection(OutboxModel::KindColumn,
                          fm.horizontalAdvance(QStringLiteral("Forward to customer care")) + 40);
    header->resizeSection(OutboxModel::AttemptsColumn, fm.horizontalAdvance(QStringLiteral("Attempts")) + 16);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    for (QPushButton *b : {m_edit, m_retry, m_cancel, m_confirm})
        top->addWidget(b);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 8);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    connect(m_edit, &QPushButton::clicked, this, &OutboxPane::editCurrent);
    connect(m_retry, &QPushButton::clicked, this, [this] { retry(currentEntryId()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { cancelEntry(currentEntryId()); });
    connect(m_confirm, &QPushButton::clicked, this, [this] { confirmHeld(currentEntryId()); });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const outbox::OutboxListRow *e = m_model->entryAt(index.row()))
            emit openThreadRequested(e->threadId);
    });
    // A reload keeps the agent on the entry they were on, not on row 0.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_keptEntryId = currentEntryId(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (const int row = m_model->rowOfEntry(m_keptEntryId); row >= 0)
            m_view->setCurrentIndex(m_model->index(row, 0));
        m_keptEntryId.clear();
        updateState();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OutboxPane::updateState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &OutboxPane::updateState);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OutboxPane::updateState);
    retranslateUi();
}

QString OutboxPane::currentEntryId() const
{
    const QModelIndex current = m_view->currentIndex();
    const outbox::OutboxListRow *e = current.isValid() ? m_model->entryAt(current.row()) : nullptr;
    return e ? e->id : QString();
}

QString OutboxPane::summaryText() const { return m_summary->text(); }

QString OutboxPane::message() const { return m_message->isHidden() ? QString() : m_message->text(); }

void OutboxPane::showMessage(const QString &text, bool error)
{
    m_messageIsError = error;
    m_message->setText(text);
    m_message->setStyleSheet(error ? errorLabelStyle(m_message->palette()) : QString());
    m_message->setVisible(!text.isEmpty());
}

bool OutboxPane::act(const QString &entryId, const std::function<Status(const QString &)> &action, bool deliver,
                     const QString &done)
{
    if (!m_database || entryId.isEmpty())
        return false;
    if (Status s = action(entryId); !s) {
        showMessage(s.error(), true);
        return false;
    }
    // Keep the agent's place: the same entry, or the row where it was.
    const int row = qMax(0, m_view->currentIndex().row());
    m_model->reload();
    const int again = m_model->rowOfEntry(entryId);
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(again >= 0 ? again : qMin(row, m_model->rowCount() - 1), 0));
    showMessage(done, false);
    emit entryChanged(entryId);
    if (deliver)
        emit deliveryRequested();
    return true;
}

bool OutboxPane::editAndRetry(const QString &entryId, const QString &text)
{
    const Agent agent = m_agent ? m_agent() : Agent{};
    // A reply a supervisor sent back goes to the team again, edited, for approval.
    if (m_database) {
        auto entry = outbox::OutboxStore(*m_database, m_clock).find(entryId);
        if (entry && entry->state == OutboxState::SentBack)
            return resubmit(entryId, text);
    }
    return act(
        entryId,
        [&](const QString &id) -> Status {
            outbox::OutboxStore store(*m_database, m_clock);
            if (Status s = store.editText(id, text, agent); !s)
                return s;
            // A failed or held entry goes back to delivery with its new text; a waiting one keeps waiting.
            auto entry = store.find(id);
            if (entry && (entry->state == OutboxState::Failed || entry->state == OutboxState::Held))
                return store.retry(id, agent);
            return {};
        },
        true, tr("The new text is saved and will be delivered."));
}

bool OutboxPane::resubmit(const QString &entryId, const QString &text)
{
    if (!m_link) {
        showMessage(tr("A reply sent back by a supervisor is resubmitted through the team: this cache is not "
                       "connected to one."),
                    true);
        return false;
    }
    if (text.trimmed().isEmpty()) {
        showMessage(tr("A reply cannot be empty."), true);
        return false;
    }
    m_link->call<team::ReviewedReply>(
        [entryId, text](const QSqlDatabase &db) {
            return team::reviewReply(db, entryId, team::ReviewVerdict::Resubmit, text);
        },
        this,
        [this, entryId](const Result<team::ReviewedReply> &done) {
            if (!done) {
                showMessage(done.error(), true);
                return;
            }
            showMessage(tr("Resubmitted: it waits for a supervisor's approval again."), false);
            m_link->syncSoon(); // its new state comes down the feed
            emit entryChanged(entryId);
        });
    showMessage(tr("Resubmitting for approval…"), false);
    return true;
}

bool OutboxPane::retry(const QString &entryId)
{
    const Agent agent = m_agent ? m_agent() : Agent{};
    return act(
        entryId, [&](const QString &id) { return outbox::OutboxStore(*m_database, m_clock).retry(id, agent); }, true,
        tr("Delivery is tried again now."));
}

bool OutboxPane::cancelEntry(const QString &entryId)
{
    const Agent agent = m_agent ? m_agent() : Agent{};
    return act(
        entryId, [&](const QString &id) { return outbox::OutboxStore(*m_database, m_clock).cancel(id, agent); }, false,
        tr("The entry is cancelled: it will not be delivered. The decision stays in the audit log."));
}

bool OutboxPane::confirmHeld(const QString &entryId)
{
    const Agent agent = m_agent ? m_agent() : Agent{};
    return act(
        entryId, [&](const QString &id) { return outbox::OutboxStore(*m_database, m_clock).confirmHeld(id, agent); },
        true, tr("Confirmed: the reply is sent without the checks for offline decisions."));
}

void OutboxPane::editCurrent()
{
    const QString id = currentEntryId();
    if (id.isEmpty() || !m_database)
        return;
    // The list holds the start of the text only: the whole entry is read for the editor.
    auto entry = outbox::OutboxStore(*m_database, m_clock).find(id);
    if (!entry) {
        showMessage(entry.error(), true);
        return;
    }
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Edit and Retry"), tr("The text to deliver (the decision keeps what was decided):"), entry->text, &ok);
    if (ok)
        editAndRetry(id, text);
}

void OutboxPane::updateState()
{
    const int needAgent = m_model->needAgentCount();
    const int count = m_model->totalCount();
    if (count == 0)
        m_summary->setText(tr("Every decision has been delivered."));
    else if (needAgent == 0)
        m_summary->setText(tr("%1 decisions wait for delivery.").arg(formatCount(count)));
    else
        m_summary->setText(tr("%1 decisions wait for delivery; %2 need you (failed or held).")
                               .arg(formatCount(count), formatCount(needAgent)));
    const QModelIndex current = m_view->currentIndex();
    const outbox::OutboxListRow *e = current.isValid() ? m_model->entryAt(current.row()) : nullptr;
    const bool open = m_database && e;
    const OutboxState state = e ? e->state : OutboxState::Delivered;
    // Under a supervisor's review an entry is the team's: it goes back to its author (sent back)
    // to be edited and resubmitted, and is neither retried nor cancelled here.
    const bool underReview = state == OutboxState::AwaitingApproval || state == OutboxState::SentBack;
    m_edit->setEnabled(open &&
                       (state == OutboxState::Pending || state == OutboxState::Failed || state == OutboxState::Held ||
                        state == OutboxState::SentBack) &&
                       e->kind != DecisionKind::Forward);
    m_edit->setText(state == OutboxState::SentBack ? tr("&Edit and Resubmit…") : tr("&Edit and Retry…"));
    m_retry->setEnabled(open && (state == OutboxState::Failed || state == OutboxState::Held));
    m_cancel->setEnabled(open && state != OutboxState::Sending && !underReview);
    m_confirm->setEnabled(open && state == OutboxState::Held);
    if (m_model->rowCount() > 0 && !current.isValid() && m_keptEntryId.isEmpty())
        m_view->setCurrentIndex(m_model->index(0, 0));
}

void OutboxPane::retranslateUi()
{
    m_edit->setText(tr("&Edit and Retry…"));
    m_edit->setToolTip(tr("Change the text of the reply, then deliver it again"));
    m_retry->setText(tr("&Retry Now"));
    m_retry->setToolTip(tr("Deliver a failed or held entry again (read back first if it may have arrived)"));
    m_cancel->setText(tr("Ca&ncel Entry"));
    m_cancel->setToolTip(tr("Do not deliver this decision; it stays in the audit log"));
    m_confirm->setText(tr("Con&firm and Send"));
    m_confirm->setToolTip(tr("Send a reply held after an offline decision (the post was deleted or a colleague "
                             "answered it)"));
    m_view->setAccessibleName(tr("Outbox"));
    m_view->setAccessibleDescription(tr("Decisions waiting for delivery, and those that failed or were held"));
    m_model->retranslate();
    updateState();
}

void OutboxPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
