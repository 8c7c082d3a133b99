#include "models/OutboxModel.h"

#include "common/Accessible.h"
#include "common/Clock.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "storage/Database.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QScopedValueRollback>

namespace sportello::ui {

OutboxModel::OutboxModel(const Clock &clock, QObject *parent) : QAbstractTableModel(parent), m_clock(clock) {}

void OutboxModel::setDatabase(Database *database)
{
    m_database = database;
    reload();
}

void OutboxModel::fail(const QString &error)
{
    m_lastError = error;
    emit queryFailed(m_lastError);
}

bool OutboxModel::readCounts()
{
    outbox::OutboxStore store(*m_database, m_clock);
    auto total = store.countWaiting();
    auto failed = store.countInState(outbox::OutboxState::Failed);
    auto held = store.countInState(outbox::OutboxState::Held);
    if (!total || !failed || !held) {
        fail(!total ? total.error() : !failed ? failed.error() : held.error());
        return false;
    }
    m_total = *total;
    m_needAgent = *failed + *held;
    return true;
}

void OutboxModel::reload()
{
    // As many rows as were loaded, so that an entry the agent scrolled to stays.
    const int want = std::max<int>(kPageSize, int(m_rows.size()));
    // A view asks for more rows while it hears of a reset or an insertion: they would nest in
    // it (and read the same page twice), so they wait.
    const QScopedValueRollback resetting(m_changing, true);
    beginResetModel();
    m_rows.clear();
    m_total = m_needAgent = 0;
    m_exhausted = true;
    m_lastError.clear();
    QString error;
    if (m_database) {
        auto rows = outbox::OutboxStore(*m_database, m_clock).listRows(0, want);
        if (rows) {
            m_rows = std::move(rows).value();
            m_exhausted = m_rows.size() < want;
        } else {
            error = rows.error();
        }
    }
    // Counted before the reset ends: the pane's summary reads them when it hears of it.
    if (error.isEmpty() && m_database)
        readCounts();
    endResetModel();
    if (!error.isEmpty())
        fail(error);
}

void OutboxModel::refreshEntry(const QString &id)
{
    if (!m_database)
        return;
    const int row = rowOfEntry(id);
    auto fresh = outbox::OutboxStore(*m_database, m_clock).listRow(id);
    if (!fresh) {
        fail(fresh.error());
        return;
    }
    // Still listed, in the same group (the order within a group is by creation, which never
    // changes): the row changes in place and the view's selection stays where it is.
    if (row >= 0 && fresh->has_value() && (*fresh)->needsAgent() == m_rows.at(row).needsAgent()) {
        if (!((*fresh).value() == m_rows.at(row))) {
            m_rows[row] = std::move(fresh)->value();
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
        readCounts();
        return;
    }
    if (row >= 0 && !fresh->has_value()) { // delivered or cancelled: it leaves the list
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        readCounts();
        return;
    }
    if (row < 0 && !fresh->has_value())
        return;
    reload(); // new, or moved between groups: the view keeps its current entry by id (OutboxPane)
}

bool OutboxModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_changing && m_database;
}

void OutboxModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted || m_changing || !m_database)
        return;
    auto rows = outbox::OutboxStore(*m_database, m_clock).listRows(int(m_rows.size()), kPageSize);
    if (!rows) {
        m_exhausted = true;
        fail(rows.error());
        return;
    }
    m_exhausted = rows->size() < kPageSize;
    // An entry added meanwhile shifts the pages: skip what is already listed.
    QVector<outbox::OutboxListRow> fresh;
    for (outbox::OutboxListRow &r : *rows)
        if (rowOfEntry(r.id) < 0)
            fresh.append(std::move(r));
    if (fresh.isEmpty())
        return;
    const QScopedValueRollback inserting(m_changing, true);
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size()) - 1);
    m_rows.append(fresh);
    endInsertRows();
}

const outbox::OutboxListRow *OutboxModel::entryAt(int row) const
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

QString OutboxModel::reasonOf(const outbox::OutboxListRow &e) const
{
    // A reply under a supervisor's review says where it stands and, sent back, why.
    if (e.state == outbox::OutboxState::AwaitingApproval)
        return tr("Waiting for a supervisor's approval before it is sent.");
    if (e.state == outbox::OutboxState::SentBack)
        return tr("Sent back by %1: %2").arg(e.reviewedBy, e.reviewComment);
    return e.lastError;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const outbox::OutboxListRow &e = m_rows.at(index.row());
    const bool needsAgent = e.needsAgent();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn: return e.decidedOffline ? tr("%1 (decided offline)").arg(label(e.state)) : label(e.state);
        case ChannelColumn: return label(e.channel);
        case KindColumn: return label(e.kind);
        case TextColumn: return e.text.simplified();
        case ReasonColumn: return reasonOf(e).simplified();
        case AttemptsColumn: return e.attempts;
        case DecidedColumn: return formatDateTime(e.decidedAtMs);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TextColumn: return e.text;
        case ReasonColumn: return reasonOf(e);
        case DecidedColumn: return tr("Decided by %1").arg(e.agentName);
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
            return QBrush(errorTextColor(QGuiApplication::palette()));
        return {};
    case EntryIdRole: return e.id;
    case StateRole: return outbox::toId(e.state);
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
