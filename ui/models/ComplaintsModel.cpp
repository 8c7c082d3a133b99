#include "models/ComplaintsModel.h"

#include "common/Format.h"
#include "common/Icons.h"
#include "common/TimerContext.h"

#include <QBrush>
#include <QFont>

namespace sportello::ui {

ComplaintsModel::ComplaintsModel(const TimerContext &timers, QObject *parent)
    : QAbstractTableModel(parent), m_timers(timers)
{}

void ComplaintsModel::setDatabase(Database *database)
{
    m_database = database;
    reload();
}

void ComplaintsModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_lastError.clear();
    if (m_database) {
        auto complaints = openComplaints(*m_database);
        if (complaints)
            m_rows = std::move(complaints).value();
        else
            m_lastError = complaints.error();
    }
    endResetModel();
    if (!m_lastError.isEmpty())
        emit queryFailed(m_lastError);
}

void ComplaintsModel::refreshDays()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, DaysLeftColumn), index(int(m_rows.size()) - 1, DaysLeftColumn));
}

qint64 ComplaintsModel::threadIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).threadId : 0;
}

int ComplaintsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int ComplaintsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

Qt::ItemFlags ComplaintsModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren : Qt::NoItemFlags;
}

QVariant ComplaintsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OpenComplaint &c = m_rows.at(index.row());
    const qint64 now = m_timers.nowMs();
    const int days = complaintDaysLeft(now, c.deadlineAtMs);
    const QTimeZone &zone = m_timers.calendar().timeZone();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ChannelColumn: return label(c.channel);
        case AuthorColumn: {
            const QString handle = formatHandle(c.authorHandle);
            if (c.authorName.isEmpty() || c.authorName == c.authorHandle)
                return handle;
            return tr("%1 (%2)", "author name (handle)").arg(c.authorName, handle);
        }
        case ReceivedColumn: return formatDate(c.receivedAtMs, now, zone);
        case DeadlineColumn: return formatDate(c.deadlineAtMs, now, zone);
        case DaysLeftColumn: return formatDaysLeft(days);
        case ForwardedByColumn: return c.forwardedBy;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ReceivedColumn: return tr("Received %1").arg(formatDateTime(c.receivedAtMs));
        case DeadlineColumn: return tr("The answer is due by %1").arg(formatDateTime(c.deadlineAtMs));
        case DaysLeftColumn:
            return tr("A complaint must be answered within %1 days of receipt (IVASS); marked from %2 days before "
                      "the deadline.")
                .arg(kComplaintResponseDays)
                .arg(kComplaintWarningDays);
        case ForwardedByColumn: return tr("Forwarded to customer care on %1").arg(formatDateTime(c.forwardedAtMs));
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == ChannelColumn)
            return icons::channel(c.channel);
        if (index.column() == DaysLeftColumn)
            return icons::timer(complaintState(days));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == DaysLeftColumn && complaintState(days) != TimerState::OnTrack)
            return QBrush(timerColor(complaintState(days)));
        return {};
    case Qt::FontRole:
        if (index.column() == DaysLeftColumn && complaintState(days) == TimerState::Overdue) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case ThreadIdRole: return c.threadId;
    case DaysLeftRole: return days;
    case DeadlineRole: return c.deadlineAtMs;
    }
    return {};
}

QVariant ComplaintsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChannelColumn: return tr("Channel");
    case AuthorColumn: return tr("Author");
    case ReceivedColumn: return tr("Received");
    case DeadlineColumn: return tr("Deadline");
    case DaysLeftColumn: return tr("Days left");
    case ForwardedByColumn: return tr("Forwarded by");
    }
    return {};
}

void ComplaintsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

} // namespace sportello::ui
