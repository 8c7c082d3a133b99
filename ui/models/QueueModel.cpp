#include "models/QueueModel.h"

#include "common/Format.h"
#include "common/Icons.h"
#include "common/TimerContext.h"
#include "session/ThreadClaims.h"
#include "storage/Database.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace sportello::ui {

QueueModel::QueueModel(const TimerContext &timers, QObject *parent) : QAbstractTableModel(parent), m_timers(timers) {}

void QueueModel::setDatabase(Database *database)
{
    m_database = database;
    resetRows();
}

void QueueModel::setFilter(const QueueFilter &filter)
{
    m_filter = filter;
    resetRows();
}

void QueueModel::setPageSize(int rows) { m_pageSize = qMax(1, rows); }

void QueueModel::reload() { resetRows(); }

namespace {
// Marks the model as announcing a change: a fetchMore() asked for by an observer while the
// signals are out would nest one structural change inside another, so it waits.
class ChangeGuard {
public:
    explicit ChangeGuard(bool &flag) : m_flag(flag), m_previous(flag) { m_flag = true; }
    ~ChangeGuard() { m_flag = m_previous; }
    ChangeGuard(const ChangeGuard &) = delete;
    ChangeGuard &operator=(const ChangeGuard &) = delete;

private:
    bool &m_flag;
    bool m_previous;
};
} // namespace

void QueueModel::resetRows()
{
    const ChangeGuard guard(m_changing);
    beginResetModel();
    m_rows.clear();
    m_loaded.clear();
    m_shownTimes.clear();
    m_offset = 0;
    m_lastError.clear();
    m_exhausted = m_database == nullptr;
    // The first page comes with the reset, so that a view sees rows (and can keep its
    // selection) as soon as the reset ends; the next pages come as the view scrolls.
    QVector<QueueRow> first = nextPage();
    for (QueueRow &row : first) {
        m_loaded.insert(row.threadId);
        m_rows.push_back(std::move(row));
    }
    endResetModel();
    if (!m_lastError.isEmpty())
        emit queryFailed(m_lastError);
}

QVector<QueueRow> QueueModel::nextPage()
{
    if (m_exhausted || !m_database)
        return {};
    // "Age ascending" shows the youngest first, which is the latest waiting_since.
    const bool ascending =
        m_sortColumn == AgeColumn ? m_sortOrder == Qt::DescendingOrder : m_sortOrder == Qt::AscendingOrder;
    const QueueQuery query(*m_database);
    auto page = query.page(m_filter, sortKeyFor(m_sortColumn), ascending, m_offset, m_pageSize);
    if (!page) {
        m_exhausted = true;
        m_lastError = page.error();
        return {};
    }
    m_offset += int(page->size());
    if (page->size() < m_pageSize)
        m_exhausted = true;
    QVector<QueueRow> fresh;
    fresh.reserve(page->size());
    for (QueueRow &row : *page) {
        if (!m_loaded.contains(row.threadId))
            fresh.push_back(std::move(row));
    }
    return fresh;
}

bool QueueModel::isSortable(int column)
{
    switch (column) {
    case ChannelColumn:
    case AuthorColumn:
    case CategoryColumn:
    case AgeColumn:
    case TimeLeftColumn: return true;
    default: return false;
    }
}

QueueSort QueueModel::sortKeyFor(int column)
{
    switch (column) {
    case ChannelColumn: return QueueSort::Channel;
    case AuthorColumn: return QueueSort::Author;
    case CategoryColumn: return QueueSort::Category;
    case AgeColumn: return QueueSort::Age;
    default: return QueueSort::Urgency;
    }
}

void QueueModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    resetRows();
}

int QueueModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int QueueModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

bool QueueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_changing && m_database;
}

void QueueModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_changing)
        return;
    const ChangeGuard guard(m_changing);
    QVector<QueueRow> fresh = nextPage();
    if (!m_lastError.isEmpty()) {
        emit queryFailed(m_lastError);
        return;
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (QueueRow &row : fresh) {
        m_loaded.insert(row.threadId);
        m_rows.push_back(std::move(row));
    }
    endInsertRows();
}

qint64 QueueModel::threadIdAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row).threadId : 0; }

int QueueModel::rowOfThread(qint64 threadId) const
{
    if (!m_loaded.contains(threadId))
        return -1;
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).threadId == threadId)
            return i;
    return -1;
}

const QueueRow *QueueModel::rowAt(int row) const { return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr; }

bool QueueModel::matchesFilter(const QueueRow &row) const
{
    if (m_filter.status && row.status != *m_filter.status)
        return false;
    if (m_filter.channel && row.channel != *m_filter.channel)
        return false;
    if (m_filter.category && row.category != m_filter.category)
        return false;
    return true; // the search matches text, which a decision does not change
}

bool QueueModel::rereadRow(QueueRow &r)
{
    const QueueQuery query(*m_database);
    auto detail = query.thread(r.threadId);
    if (!detail) {
        m_lastError = detail.error();
        emit queryFailed(m_lastError);
        return false;
    }
    r.status = detail->status;
    r.category = detail->category;
    r.waitingSinceMs = detail->waitingSinceMs;
    r.dueAtMs = detail->dueAtMs;
    r.dueSoonAtMs = detail->dueSoonAtMs;
    // The timer post: the waiting inbound post that sets the thread's due time.
    for (const PostView &p : detail->posts) {
        if (p.direction == Direction::Inbound && p.answeredAtMs == 0 && p.dueAtMs == detail->dueAtMs) {
            r.targetMs = p.targetMs;
            r.businessClock = p.businessClock;
            r.timerArrivedMs = p.createdAtMs;
            break;
        }
    }
    return true;
}

bool QueueModel::refreshThread(qint64 threadId)
{
    const int row = rowOfThread(threadId);
    if (row < 0 || !m_database)
        return false;
    QueueRow &r = m_rows[row];
    if (!rereadRow(r))
        return false;
    if (!matchesFilter(r)) {
        const ChangeGuard guard(m_changing);
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        m_loaded.remove(threadId);
        // The thread has left the query's result too, so the next page starts one row earlier.
        m_offset = qMax(0, m_offset - 1);
        endRemoveRows();
        return true;
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return false;
}

namespace {
// An app-store review's stars lead its words: "★★☆☆☆ 2/5 · The app logs me out".
QString previewWithRating(const QueueRow &row)
{
    return row.rating > 0 ? ratingStars(row.rating) + QStringLiteral(" · ") + row.preview : row.preview;
}

bool sameRow(const QueueRow &a, const QueueRow &b)
{
    return a.threadId == b.threadId && a.channel == b.channel && a.status == b.status && a.category == b.category &&
           a.authorHandle == b.authorHandle && a.authorName == b.authorName && a.authorFollowers == b.authorFollowers &&
           a.preview == b.preview && a.visibility == b.visibility && a.waitingSinceMs == b.waitingSinceMs &&
           a.dueAtMs == b.dueAtMs && a.dueSoonAtMs == b.dueSoonAtMs && a.targetMs == b.targetMs &&
           a.businessClock == b.businessClock && a.timerArrivedMs == b.timerArrivedMs &&
           a.lastActivityMs == b.lastActivityMs && a.hasDraft == b.hasDraft && a.rating == b.rating;
}
} // namespace

int QueueModel::refreshRows(qint64 keepThreadId)
{
    if (!m_database || m_changing)
        return 0;
    // The query's first rows, as many as are loaded (at least a page, so that a short queue
    // shows its new threads), then page by page while a loaded thread still listed has not been
    // seen: new threads above it pushed it down, and it must not drop out of the model (it may
    // be the selected one). Threads the filter no longer lists (answered by a colleague, the kept
    // selected thread) are never waited for, so the loop ends at the deepest loaded thread, not
    // at the end of the queue.
    const bool ascending =
        m_sortColumn == AgeColumn ? m_sortOrder == Qt::DescendingOrder : m_sortOrder == Qt::AscendingOrder;
    const QueueQuery query(*m_database);
    const QueueSort sortKey = sortKeyFor(m_sortColumn);
    QVector<QueueRow> fresh;
    QHash<qint64, int> freshIndex;
    m_refreshQueries = 1;
    auto listed = query.listed(m_filter, m_loaded);
    if (!listed) {
        m_lastError = listed.error();
        emit queryFailed(m_lastError);
        return -1;
    }
    QSet<qint64> unseen = std::move(listed).value();
    int offset = 0;
    int limit = qMax(int(m_rows.size()), m_pageSize);
    int lastLoadedAt = -1;
    bool exhausted = false;
    while (true) {
        auto page = query.page(m_filter, sortKey, ascending, offset, limit);
        ++m_refreshQueries;
        if (!page) {
            m_lastError = page.error();
            emit queryFailed(m_lastError);
            return -1;
        }
        offset += int(page->size());
        exhausted = page->size() < limit;
        for (QueueRow &row : *page) {
            if (freshIndex.contains(row.threadId))
                continue; // OFFSET paging over equal keys may repeat a row
            if (unseen.remove(row.threadId))
                lastLoadedAt = int(fresh.size());
            freshIndex.insert(row.threadId, int(fresh.size()));
            fresh.push_back(std::move(row));
        }
        if (exhausted || unseen.isEmpty())
            break;
        limit = m_pageSize;
    }
    // Beyond the first page, keep only what is needed to hold every loaded thread still listed;
    // the rest comes with fetchMore as before.
    const int keepCount = qMax(qMin(int(fresh.size()), qMax(int(m_rows.size()), m_pageSize)), lastLoadedAt + 1);
    if (keepCount < fresh.size()) {
        for (int i = keepCount; i < fresh.size(); ++i)
            freshIndex.remove(fresh.at(i).threadId);
        fresh.resize(keepCount);
        exhausted = false;
    }
    const int queryRows = int(fresh.size()); // rows of the query the model now holds

    // The thread the agent reads stays, at the place after the row it followed, when it left.
    if (keepThreadId > 0 && !freshIndex.contains(keepThreadId)) {
        const int oldRow = rowOfThread(keepThreadId);
        if (oldRow >= 0) {
            QueueRow kept = m_rows.at(oldRow);
            if (rereadRow(kept)) {
                int at = 0;
                for (int r = oldRow - 1; r >= 0; --r) {
                    if (auto it = freshIndex.constFind(m_rows.at(r).threadId); it != freshIndex.constEnd()) {
                        at = *it + 1;
                        break;
                    }
                }
                fresh.insert(at, kept);
                freshIndex.clear();
                for (int i = 0; i < fresh.size(); ++i)
                    freshIndex.insert(fresh.at(i).threadId, i);
            }
        }
    }

    const ChangeGuard guard(m_changing);
    // 1. Rows whose thread left, from the bottom, in runs.
    for (int r = int(m_rows.size()) - 1; r >= 0;) {
        if (freshIndex.contains(m_rows.at(r).threadId)) {
            --r;
            continue;
        }
        int first = r;
        while (first > 0 && !freshIndex.contains(m_rows.at(first - 1).threadId))
            --first;
        beginRemoveRows({}, first, r);
        for (int i = r; i >= first; --i) {
            m_loaded.remove(m_rows.at(i).threadId);
            m_shownTimes.remove(m_rows.at(i).threadId);
        }
        m_rows.remove(first, r - first + 1);
        endRemoveRows();
        r = first - 1;
    }
    // 2. Walk the new order: a row in place is compared, a row further down is moved up, a run
    // of new threads is inserted. Moves are rare (a thread whose due time changed).
    int inserted = 0;
    QVector<int> changed;
    for (int i = 0; i < fresh.size();) {
        const qint64 id = fresh.at(i).threadId;
        if (i < m_rows.size() && m_rows.at(i).threadId == id) {
            if (!sameRow(m_rows.at(i), fresh.at(i))) {
                m_rows[i] = fresh.at(i);
                changed << i;
            }
            ++i;
            continue;
        }
        if (m_loaded.contains(id)) {
            int from = i + 1;
            while (m_rows.at(from).threadId != id)
                ++from;
            beginMoveRows({}, from, from, {}, i);
            m_rows.move(from, i);
            endMoveRows();
            if (!sameRow(m_rows.at(i), fresh.at(i)))
                m_rows[i] = fresh.at(i);
            changed << i;
            ++i;
            continue;
        }
        int last = i;
        while (last + 1 < fresh.size() && !m_loaded.contains(fresh.at(last + 1).threadId))
            ++last;
        beginInsertRows({}, i, last);
        for (int k = i; k <= last; ++k) {
            m_loaded.insert(fresh.at(k).threadId);
            m_rows.insert(k, fresh.at(k));
        }
        endInsertRows();
        inserted += last - i + 1;
        i = last + 1;
    }
    m_offset = queryRows;
    m_exhausted = exhausted;
    m_lastError.clear();
    // 3. Changed rows, announced in runs.
    for (int k = 0; k < changed.size();) {
        int end = k;
        while (end + 1 < changed.size() && changed.at(end + 1) == changed.at(end) + 1)
            ++end;
        emit dataChanged(index(changed.at(k), 0), index(changed.at(end), ColumnCount - 1));
        for (int r = changed.at(k); r <= changed.at(end); ++r)
            m_shownTimes.remove(m_rows.at(r).threadId);
        k = end + 1;
    }
    return inserted;
}

void QueueModel::setDraftMarker(qint64 threadId, bool hasDraft)
{
    const int row = rowOfThread(threadId);
    if (row < 0 || m_rows[row].hasDraft == hasDraft)
        return;
    m_rows[row].hasDraft = hasDraft;
    emit dataChanged(index(row, PostColumn), index(row, PostColumn), {Qt::DecorationRole, Qt::ToolTipRole, DraftRole});
}

void QueueModel::refreshTimes(int firstRow, int lastRow)
{
    if (m_rows.isEmpty())
        return;
    firstRow = qBound(0, firstRow, int(m_rows.size()) - 1);
    lastRow = qBound(0, lastRow, int(m_rows.size()) - 1);
    if (firstRow > lastRow)
        return;
    static_assert(AgeColumn + 1 == TimeLeftColumn, "the two time columns are adjacent");
    // Most cells read "2 h 11 min" and change once a minute: announce only the rows whose time
    // text or state changed since the last refresh, so a quiet second repaints nothing.
    const auto announce = [this](int first, int last) {
        emit dataChanged(
            index(first, AgeColumn), index(last, TimeLeftColumn),
            {Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole, Qt::ForegroundRole, Qt::FontRole, TimerStateRole});
    };
    int runStart = -1;
    for (int r = firstRow; r <= lastRow; ++r) {
        const QueueRow &row = m_rows.at(r);
        const QString shown = displayData(row, AgeColumn).toString() + QChar(0x1f) +
                              displayData(row, TimeLeftColumn).toString() + QChar(0x1f) +
                              QString::number(data(index(r, TimeLeftColumn), TimerStateRole).toInt());
        auto it = m_shownTimes.find(row.threadId);
        const bool changed = it == m_shownTimes.end() || *it != shown;
        if (changed)
            m_shownTimes.insert(row.threadId, shown);
        if (changed && runStart < 0)
            runStart = r;
        if (!changed && runStart >= 0) {
            announce(runStart, r - 1);
            runStart = -1;
        }
    }
    if (runStart >= 0)
        announce(runStart, lastRow);
}

void QueueModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

Qt::ItemFlags QueueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant QueueModel::displayData(const QueueRow &row, int column) const
{
    switch (column) {
    case ChannelColumn: return label(row.channel);
    case AuthorColumn: {
        const QString handle = formatHandle(row.authorHandle);
        if (row.authorName.isEmpty() || row.authorName == row.authorHandle)
            return handle;
        return tr("%1 (%2)", "author name (handle)").arg(row.authorName, handle);
    }
    case PostColumn:
        // A colleague on the thread shows before its words: "[Marta Verdi] …", "[Marta Verdi typing…] …".
        if (const auto someone = presence(row))
            return (someone->typing ? tr("[%1 typing…]", "queue marker: a colleague types a reply")
                                    : tr("[%1]", "queue marker: a colleague holds the thread"))
                       .arg(someone->name) +
                   QLatin1Char(' ') + previewWithRating(row);
        return previewWithRating(row);
    case CategoryColumn: return row.category ? shortLabel(*row.category) : QStringLiteral("—");
    case AgeColumn: return formatAge(row.waitingSinceMs, m_timers.nowMs());
    case TimeLeftColumn: return m_timers.shortText(TimerInfo::of(row), m_timers.nowMs());
    case StatusColumn: return label(row.status);
    }
    return {};
}

void QueueModel::setClaims(const ThreadClaims *claims)
{
    m_claims = claims;
    refreshClaims();
}

void QueueModel::refreshClaims()
{
    if (m_rows.isEmpty() || m_changing)
        return;
    emit dataChanged(index(0, PostColumn), index(int(m_rows.size()) - 1, PostColumn),
                     {Qt::DisplayRole, Qt::ToolTipRole, ClaimRole, ClaimHolderRole});
}

int QueueModel::rowOfTeamThread(const QString &channel, const QString &externalId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].externalId == externalId && toId(m_rows[i].channel) == channel)
            return i;
    return -1;
}

std::optional<QueueModel::Presence> QueueModel::presence(const QueueRow &row) const
{
    if (!m_claims || m_claims->size() == 0)
        return std::nullopt;
    const auto claim = m_claims->liveClaim(team::TeamThreadRef{toId(row.channel), row.externalId});
    if (!claim || m_claims->isMine(*claim))
        return std::nullopt;
    return Presence{claim->agentName.isEmpty() ? claim->login : claim->agentName,
                    claim->typingAt(m_timers.nowMs())};
}

QString QueueModel::presenceText(const Presence &presence) const
{
    return presence.typing ? tr("%1 is typing a reply").arg(presence.name)
                           : tr("%1 is on this thread").arg(presence.name);
}

QVariant QueueModel::toolTipData(const QueueRow &row, int column) const
{
    switch (column) {
    case ChannelColumn: return label(row.channel);
    case AuthorColumn:
        return tr("%1\n%2\n%3")
            .arg(row.authorName, formatHandle(row.authorHandle), formatFollowers(row.authorFollowers));
    case PostColumn:
        return (row.visibility == Visibility::Private ? tr("Private message") : tr("Public post")) +
               (row.hasDraft ? QLatin1Char('\n') + tr("You have an unsent draft on this thread.") : QString()) +
               (presence(row) ? QLatin1Char('\n') + presenceText(*presence(row)) : QString()) +
               (row.rating > 0 ? QLatin1Char('\n') + ratingText(row.rating) : QString()) + QLatin1Char('\n') +
               row.preview;
    case CategoryColumn: return row.category ? label(*row.category) : tr("No category set");
    case AgeColumn:
        return row.waitingSinceMs > 0 ? tr("Waiting since %1").arg(formatDateTime(row.waitingSinceMs)) : QVariant();
    case TimeLeftColumn: {
        const TimerInfo timer = TimerInfo::of(row);
        if (!timer.isSet())
            return {};
        return m_timers.toolTip(timer, m_timers.nowMs());
    }
    case StatusColumn: return label(row.status);
    }
    return {};
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueRow &row = m_rows.at(index.row());
    const int column = index.column();
    // The timer's state, only for the roles and the column that show it.
    const auto timerState = [this, &row]() -> std::optional<TimerState> {
        const TimerInfo timer = TimerInfo::of(row);
        if (!timer.isSet())
            return std::nullopt;
        return m_timers.state(timer, m_timers.nowMs());
    };
    switch (role) {
    case Qt::DisplayRole: return displayData(row, column);
    case Qt::ToolTipRole: return toolTipData(row, column);
    case Qt::DecorationRole:
        if (column == ChannelColumn)
            return icons::channel(row.channel);
        // The draft marker wins over the private mark: it is what the agent must come back to.
        if (column == PostColumn && row.hasDraft)
            return icons::draft();
        if (column == PostColumn && row.visibility == Visibility::Private)
            return icons::visibility(Visibility::Private);
        if (column == TimeLeftColumn) {
            if (const auto state = timerState())
                return icons::timer(*state);
        }
        return {};
    case Qt::ForegroundRole:
        if (column == CategoryColumn && !row.category)
            return QBrush(QColor(0x8c, 0x95, 0x9f));
        if (column == TimeLeftColumn) {
            // On track keeps the normal text colour; its icon is green.
            if (const auto state = timerState(); state && *state != TimerState::OnTrack)
                return QBrush(timerColor(*state));
        }
        return {};
    case Qt::FontRole:
        if (column == TimeLeftColumn && timerState() == TimerState::Overdue) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == AgeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case ThreadIdRole: return row.threadId;
    case ChannelRole: return toId(row.channel);
    case CategoryRole: return row.category ? toId(*row.category) : QString();
    case StatusRole: return toId(row.status);
    case VisibilityRole: return toId(row.visibility);
    case WaitingSinceRole: return row.waitingSinceMs;
    case DueAtRole: return row.dueAtMs;
    case DraftRole: return row.hasDraft;
    case ClaimRole: {
        const auto someone = presence(row);
        return someone ? presenceText(*someone) : QString();
    }
    case ClaimHolderRole: {
        const auto someone = presence(row);
        return someone ? someone->name : QString();
    }
    case TimerStateRole: {
        const auto state = timerState();
        return state ? int(*state) : -1;
    }
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ChannelColumn: return QString(); // an icon column: the name is in the tooltip
        case AuthorColumn: return tr("Author");
        case PostColumn: return tr("Post");
        case CategoryColumn: return tr("Category");
        case AgeColumn: return tr("Age");
        case TimeLeftColumn: return tr("Time left");
        case StatusColumn: return tr("Status");
        }
    } else if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole) {
        switch (section) {
        case ChannelColumn: return tr("Channel");
        case AgeColumn: return tr("Time since the waiting post arrived");
        case TimeLeftColumn:
            return tr("Time left to the response target, in business time when the target counts business time; "
                      "due soon, overdue and paused (outside hours) are written out and marked with an icon");
        case PostColumn: return tr("The first words of the post waiting for an answer");
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (section == AgeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

} // namespace sportello::ui
