#include "views/QueuePane.h"

#include "common/Format.h"
#include "common/Icons.h"
#include "common/TimerContext.h"
#include "models/QueueModel.h"
#include "views/CachedTextDelegate.h"

#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFocusEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace sportello::ui {

namespace {
const ThreadStatus kStatuses[] = {ThreadStatus::Waiting, ThreadStatus::Answered, ThreadStatus::Forwarded,
                                  ThreadStatus::Closed};
const Category kCategories[] = {Category::NonNegative, Category::Complaint, Category::Assistance};

// The channel column shows only the channel's badge; its name is in the tooltip and is still
// the cell's text for accessibility and copying.
class ChannelIconDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QIcon icon = opt.icon;
        opt.text.clear();
        opt.icon = QIcon();
        opt.features &= ~QStyleOptionViewItem::HasDecoration;
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const QRect iconRect = QStyle::alignedRect(opt.direction, Qt::AlignCenter, opt.decorationSize, opt.rect);
        icon.paint(painter, iconRect);
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return option.decorationSize + QSize(12, 8);
    }
};
} // namespace

QueuePane::QueuePane(QueueModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("channelFilter"));
    m_channel->addItem(QString(), QString());
    for (const QString &id : allChannelIds())
        m_channel->addItem(icons::channel(*channelFromId(id)), QString(), id);

    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("categoryFilter"));
    m_category->addItem(QString(), QString());
    for (Category c : kCategories)
        m_category->addItem(QString(), toId(c));

    m_rating = new QComboBox(this);
    m_rating->setObjectName(QStringLiteral("ratingFilter"));
    for (const char *range : {"", "1-2", "3-3", "4-5"})
        m_rating->addItem(QString(), QString::fromLatin1(range));

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    for (ThreadStatus s : kStatuses)
        m_status->addItem(QString(), toId(s));
    m_status->addItem(QString(), QString());

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("queue"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->setIconSize(QSize(16, 16));
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QueueModel::PostColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(40);
    // Text cells keep their laid-out text per thread: a row leaving the queue moves the rows below
    // it, which are then painted without shaping their text again.
    m_view->setItemDelegate(new CachedTextDelegate(QueueModel::ThreadIdRole, m_view));
    m_view->setItemDelegateForColumn(QueueModel::ChannelColumn, new ChannelIconDelegate(m_view));
    header->setMinimumSectionSize(28);
    header->setSectionResizeMode(QueueModel::ChannelColumn, QHeaderView::Fixed);
    header->resizeSection(QueueModel::ChannelColumn, 32);
    // Widths for the longest usual content, in the font in use.
    const QFontMetrics fm = m_view->fontMetrics();
    QFont bold = m_view->font();
    bold.setBold(true);
    const QFontMetrics boldFm(bold);
    m_authorWidth = fm.horizontalAdvance(QStringLiteral("Giulia Bianchi (@giul"));
    header->resizeSection(QueueModel::AuthorColumn, m_authorWidth);
    header->resizeSection(QueueModel::CategoryColumn, fm.horizontalAdvance(QStringLiteral("Non-negative")) + 16);
    m_ageWidth = fm.horizontalAdvance(QStringLiteral("23 h 59 min")) + 12;
    header->resizeSection(QueueModel::AgeColumn, m_ageWidth);
    header->resizeSection(QueueModel::StatusColumn, fm.horizontalAdvance(QStringLiteral("Forwarded")) + 16);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_view->setSortingEnabled(true);
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder) {
        if (!QueueModel::isSortable(column)) {
            // Columns without an SQL order keep the previous indicator.
            const QSignalBlocker blocker(header);
            header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        }
    });

    m_emptyState = new QLabel(m_view->viewport());
    m_emptyState->setObjectName(QStringLiteral("queueEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setStyleSheet(QStringLiteral("QLabel { padding: 24px; }"));
    m_emptyState->setForegroundRole(QPalette::PlaceholderText); // the palette's dim text, light or dark
    m_emptyState->hide();
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this); // the row a focused view picks by itself
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueuePane::updateEmptyState);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &QueuePane::updateEmptyState);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &QueuePane::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    for (QComboBox *combo : {m_channel, m_category, m_rating, m_status})
        connect(combo, &QComboBox::currentIndexChanged, this, &QueuePane::applyFilter);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &QueuePane::announceCurrent);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_threadBeforeReset = currentThreadId(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Keep the thread the agent was reading when it is still in the queue.
        m_selectingByItself = true;
        if (!selectThread(m_threadBeforeReset))
            selectRow(0);
        announceCurrent();
        m_selectingByItself = false;
    });

    auto *filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(m_channel, 1);
    filters->addWidget(m_category, 1);
    filters->addWidget(m_rating, 1);
    filters->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_search);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    retranslateUi();
    updateColumnVisibility();
}

qint64 QueuePane::currentThreadId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.data(QueueModel::ThreadIdRole).toLongLong() : 0;
}

int QueuePane::currentRow() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void QueuePane::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_view->selectionModel()->clearCurrentIndex();
        m_view->selectionModel()->clearSelection();
        announceCurrent();
        return;
    }
    const QModelIndex index = m_model->index(row, QueueModel::PostColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    announceCurrent();
}

bool QueuePane::selectThread(qint64 threadId)
{
    const int row = threadId > 0 ? m_model->rowOfThread(threadId) : -1;
    if (row < 0)
        return false;
    selectRow(row);
    return true;
}

void QueuePane::moveSelection(int delta)
{
    int row = currentRow() < 0 ? 0 : currentRow() + delta;
    while (row >= m_model->rowCount() && m_model->canFetchMore({}))
        m_model->fetchMore({});
    row = qBound(0, row, m_model->rowCount() - 1);
    if (m_model->rowCount() > 0)
        selectRow(row);
}

void QueuePane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void QueuePane::focusQueue() { m_view->setFocus(Qt::OtherFocusReason); }

void QueuePane::applyFilterNow()
{
    if (m_searchDelay->isActive()) {
        m_searchDelay->stop();
        applyFilter();
    }
}

void QueuePane::applyFilter()
{
    m_searchDelay->stop();
    QueueFilter filter;
    filter.channel = channelFromId(m_channel->currentData().toString());
    filter.category = categoryFromId(m_category->currentData().toString());
    filter.status = threadStatusFromId(m_status->currentData().toString());
    filter.search = m_search->text().trimmed();
    if (const QString range = m_rating->currentData().toString(); !range.isEmpty()) {
        filter.minRating = range.section(QLatin1Char('-'), 0, 0).toInt();
        filter.maxRating = range.section(QLatin1Char('-'), 1, 1).toInt();
    }
    const QueueFilter &old = m_model->filter();
    if (old.channel == filter.channel && old.category == filter.category && old.status == filter.status &&
        old.search == filter.search && old.minRating == filter.minRating && old.maxRating == filter.maxRating)
        return;
    m_model->setFilter(filter);
    updateColumnVisibility();
}

void QueuePane::updateColumnVisibility()
{
    // The status column says something only when several statuses are listed.
    m_view->setColumnHidden(QueueModel::StatusColumn, m_model->filter().status.has_value());
    fitColumns();
}

void QueuePane::fitColumns()
{
    QHeaderView *header = m_view->horizontalHeader();
    int fixed = 0; // the columns of a fixed width shown, the age aside
    for (int c = 0; c < QueueModel::ColumnCount; ++c)
        if (c != QueueModel::AuthorColumn && c != QueueModel::PostColumn && c != QueueModel::AgeColumn &&
            !header->isSectionHidden(c))
            fixed += header->sectionSize(c);
    // The view asks for the room of every column at its least but the age, so the splitter does
    // not squeeze the time left out of sight.
    const int frame = 2 * m_view->frameWidth() + m_view->verticalScrollBar()->sizeHint().width();
    const int least = fixed + kMinAuthorWidth + kMinPostWidth + frame;
    if (m_view->minimumWidth() != least)
        m_view->setMinimumWidth(least);
    // When the other panes take more (a wide guard notice, a large font), the age gives way: the
    // conversation's header says it too ("waiting since … (1 d 3 h)").
    const int age = m_ageWidth; // a hidden section's size reads 0
    const bool roomForAge = m_view->viewport()->width() >= fixed + age + kMinAuthorWidth + kMinPostWidth;
    if (header->isSectionHidden(QueueModel::AgeColumn) == roomForAge)
        m_view->setColumnHidden(QueueModel::AgeColumn, !roomForAge);
    if (roomForAge)
        fixed += age;
    const int room = m_view->viewport()->width() - fixed - kMinPostWidth;
    const int author = std::clamp(room, kMinAuthorWidth, std::max(kMinAuthorWidth, m_authorWidth));
    if (header->sectionSize(QueueModel::AuthorColumn) != author)
        header->resizeSection(QueueModel::AuthorColumn, author);
}

void QueuePane::updateEmptyState()
{
    if (m_model->rowCount() > 0 || !m_model->database()) {
        m_emptyState->hide();
        return;
    }
    const QueueFilter &filter = m_model->filter();
    const bool narrowed =
        filter.channel || filter.category || filter.minRating || filter.maxRating || !filter.search.isEmpty();
    if (narrowed)
        m_emptyState->setText(tr("No thread matches these filters."));
    else if (filter.status == ThreadStatus::Waiting)
        m_emptyState->setText(tr("No thread is waiting for a decision.\nImport conversations with File > Import "
                                 "(Ctrl+I)."));
    else
        m_emptyState->setText(tr("No thread has this status."));
    m_emptyState->setGeometry(m_view->viewport()->rect());
    m_emptyState->show();
}

void QueuePane::refreshVisibleTimes()
{
    const int top = m_view->rowAt(0);
    if (top < 0)
        return;
    int bottom = m_view->rowAt(m_view->viewport()->height() - 1);
    if (bottom < 0)
        bottom = m_model->rowCount() - 1;
    m_model->refreshTimes(top, bottom);
}

int QueuePane::refreshRows()
{
    QScrollBar *bar = m_view->verticalScrollBar();
    const int scrolled = bar->value();
    // The rows in view, top first: the first of them still listed after the refresh is the anchor
    // (the top one may be the thread that left).
    QVector<QPair<qint64, int>> anchors;
    const int topRow = m_view->rowAt(0);
    const int bottomRow = topRow >= 0 ? m_view->rowAt(m_view->viewport()->height() - 1) : -1;
    for (int r = topRow; r >= 0 && r <= (bottomRow >= 0 ? bottomRow : topRow); ++r)
        anchors.append({m_model->threadIdAt(r), m_view->rowViewportPosition(r)});
    const int inserted = m_model->refreshRows(currentThreadId());
    // At the very top the new threads show; otherwise the rows in view stay where they were,
    // whatever moved above them: threads inserted, removed (answered elsewhere) or re-sorted.
    if (inserted < 0 || scrolled == 0 || anchors.isEmpty())
        return inserted;
    for (const auto &[thread, y] : anchors) {
        const int row = m_model->rowOfThread(thread);
        if (row < 0)
            continue;
        m_view->doItemsLayout(); // the scroll range must know the new rows before the value moves
        const int moved = m_view->rowViewportPosition(row) - y;
        if (moved != 0)
            bar->setValue(bar->value() + moved);
        break;
    }
    return inserted;
}

void QueuePane::announceCurrent()
{
    const qint64 id = currentThreadId();
    if (id == m_announcedThread)
        return;
    m_announcedThread = id;
    emit currentThreadChanged(id);
}

bool QueuePane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        m_emptyState->setGeometry(m_view->viewport()->rect());
        fitColumns();
    }
    if (watched == m_view && event->type() == QEvent::FocusIn && currentRow() < 0 && m_model->rowCount() > 0 &&
        static_cast<QFocusEvent *>(event)->reason() != Qt::MouseFocusReason) {
        // A view that gets the focus without a current row makes the first one current: the pane
        // does it, as its own choice (isSelectingByItself), before the view would.
        m_selectingByItself = true;
        selectRow(0);
        m_selectingByItself = false;
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier &&
            (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter || key->key() == Qt::Key_Down)) {
            // Enter or Down: search now and go to the results.
            applyFilterNow();
            focusQueue();
            if (currentRow() < 0)
                selectRow(0);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QueuePane::retranslateUi()
{
    m_search->setPlaceholderText(tr("Search posts and authors (Ctrl+L)"));
    m_search->setToolTip(tr("Finds threads whose posts or authors contain these words."));
    m_search->setAccessibleName(tr("Search"));
    m_channel->setItemText(0, tr("All channels"));
    for (int i = 1; i < m_channel->count(); ++i)
        m_channel->setItemText(i, label(*channelFromId(m_channel->itemData(i).toString())));
    m_channel->setAccessibleName(tr("Channel filter"));
    m_category->setItemText(0, tr("All categories"));
    for (int i = 1; i < m_category->count(); ++i)
        m_category->setItemText(i, shortLabel(*categoryFromId(m_category->itemData(i).toString())));
    m_category->setAccessibleName(tr("Category filter"));
    m_rating->setItemText(0, tr("All ratings"));
    m_rating->setItemText(1, tr("1–2 stars"));
    m_rating->setItemText(2, tr("3 stars"));
    m_rating->setItemText(3, tr("4–5 stars"));
    m_rating->setAccessibleName(tr("Star rating filter (app-store reviews)"));
    m_rating->setToolTip(tr("Shows app-store reviews with this star rating only."));
    for (int i = 0; i < m_status->count(); ++i) {
        const auto status = threadStatusFromId(m_status->itemData(i).toString());
        m_status->setItemText(i, status ? label(*status) : tr("All statuses"));
    }
    m_status->setAccessibleName(tr("Status filter"));
    m_view->setAccessibleName(tr("Queue"));
    m_channel->setAccessibleDescription(tr("Lists the threads of this channel only"));
    m_category->setAccessibleDescription(tr("Lists the threads of this category only"));
    m_status->setAccessibleDescription(tr("Lists the threads with this status only"));
    m_view->setAccessibleDescription(tr("The threads, the most urgent first; the selected one opens beside the queue"));
    // The time-left column fits its longest usual text in this language, after the state icon.
    const QFontMetrics fm = m_view->fontMetrics();
    QFont bold = m_view->font();
    bold.setBold(true);
    const int timeLeftWidth =
        std::max({QFontMetrics(bold).horizontalAdvance(formatTimeLeft(1, 1 + (23 * 60 + 59) * 60000LL)),
                  QFontMetrics(bold).horizontalAdvance(formatTimeLeft(1, 1 + (9 * 60 + 59) * 1000LL)),
                  fm.horizontalAdvance(TimerContext::tr("due soon · %1").arg(formatDuration(9 * 60000 + 59000))),
                  fm.horizontalAdvance(TimerContext::tr("paused · %1").arg(formatDuration((23 * 60 + 59) * 60000LL)))});
    // The icon, its gap and the cell's margins as the style draws them: the longest texts ("overdue
    // 6 min 53 s") lost their last characters with a fixed allowance.
    QStyleOptionViewItem option;
    option.initFrom(m_view);
    const int margins = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, &option, m_view) + 1);
    const int iconRoom = m_view->iconSize().width() + 2 * margins;
    m_view->horizontalHeader()->resizeSection(QueueModel::TimeLeftColumn, timeLeftWidth + iconRoom + margins);
    fitColumns();
    m_model->retranslate();
    updateEmptyState();
}

void QueuePane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
