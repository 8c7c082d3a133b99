#include "models/OutboxModel.h"

#include "common/Format.h"
#include "common/Icons.h"
#include "storage/Database.h"
#include "timers/Clock.h"

#include <QBrush>
#include <QColor>

namespace sportello::ui {

OutboxModel::OutboxModel(const Clock &clock, QObject *parent) : QAbstractTableModel(parent), m_clock(clock) {}

void OutboxModel::setDatabase(Database *database)
{
    m_database = database;
    reload();
}

void OutboxModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_lastError.clear();
    if (m_database) {
        sync::OutboxListOptions options;
        options.limit = kLimit;
        auto entries = sync::OutboxStore(*m_database, m_clock).list(options);
        if (entries)
            m_rows = std::move(entries).value();
        else
            m_lastError = entries.error();
    }
    endResetModel();
    if (!m_lastError.isEmpty())
        emit queryFailed(m_lastError);
}

const sync::OutboxEntry *OutboxModel::entryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int OutboxModel::rowOfEntry(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

int OutboxModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int OutboxModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

Qt::ItemFlags OutboxModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren : Qt::NoItemFlags;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sync::OutboxEntry &e = m_rows.at(index.row());
    const bool needsAgent = e.state == sync::OutboxState::Failed || e.state == sync::OutboxState::Held;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn: return e.decidedOffline ? tr("%1 (decided offline)").arg(label(e.state)) : label(e.state);
        case ChannelColumn: return label(e.channel);
        case KindColumn: return label(e.kind);
        case TextColumn: return e.text.simplified();
        case ReasonColumn: return e.lastError.simplified();
        case AttemptsColumn: return e.attempts;
        case DecidedColumn: return formatDateTime(e.decidedAtMs > 0 ? e.decidedAtMs : e.createdAtMs);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TextColumn: return e.text;
        case ReasonColumn: return e.lastError;
        case DecidedColumn: return tr("Decided by %1").arg(e.agent.name);
        case StateColumn:
            if (e.nextAttemptAtMs > m_clock.nowMs())
                return tr("Next attempt at %1").arg(formatDateTime(e.nextAttemptAtMs));
            return {};
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == ChannelColumn)
            return icons::channel(e.channel);
        if (index.column() == KindColumn)
            return icons::decision(e.kind);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && needsAgent)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case EntryIdRole: return e.id;
    case StateRole: return sync::toId(e.state);
    case ThreadIdRole: return e.threadId;
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn: return tr("State");
    case ChannelColumn: return tr("Channel");
    case KindColumn: return tr("Decision");
    case TextColumn: return tr("Text");
    case ReasonColumn: return tr("Reason");
    case AttemptsColumn: return tr("Attempts");
    case DecidedColumn: return tr("Decided");
    }
    return {};
}

void OutboxModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

} // namespace sportello::ui
