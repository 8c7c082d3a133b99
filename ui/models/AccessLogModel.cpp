#include "models/AccessLogModel.h"

#include "common/LocaleText.h"

#include <QDateTime>
#include <QLocale>
#include <QScopedValueRollback>

namespace sportello::ui {

AccessLogModel::AccessLogModel(QObject *parent) : QAbstractTableModel(parent) {}

void AccessLogModel::setSource(const QSqlDatabase &db, privacy::AccessLogSource source)
{
    m_db = db;
    m_source = source;
}

void AccessLogModel::setFilter(const privacy::AccessLogFilter &filter)
{
    m_filter = filter;
    reload();
}

void AccessLogModel::reload()
{
    {
        // A view asks for rows from its modelReset handler: the first page comes after the reset.
        const QScopedValueRollback<bool> resetting(m_fetching, true);
        resetRows();
    }
    if (!m_lastError.isEmpty())
        emit queryFailed(m_lastError);
    else if (!m_exhausted)
        fetchMore({});
}

void AccessLogModel::resetRows()
{
    beginResetModel();
    m_rows.clear();
    m_total = -1;
    m_exhausted = true;
    m_lastError.clear();
    if (m_db.isValid()) {
        auto total = privacy::countAccessLog(m_db, m_source, m_filter);
        if (total) {
            m_total = *total;
            m_exhausted = m_total == 0;
        } else {
            m_lastError = total.error();
        }
    }
    endResetModel();
}

int AccessLogModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int AccessLogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

bool AccessLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_fetching;
}

void AccessLogModel::fetchMore(const QModelIndex &parent)
{
    // A view that still has room asks for more from its rowsInserted handler, while this page's
    // insertion is still being announced: that page comes at its next ask instead.
    if (parent.isValid() || m_exhausted || m_fetching)
        return;
    const QScopedValueRollback<bool> fetching(m_fetching, true);
    auto page = privacy::readAccessLog(m_db, m_source, m_filter, m_rows.size(), kPageSize);
    if (!page) {
        // Stops asking: a failing page would be asked again at every scroll.
        m_exhausted = true;
        m_lastError = page.error();
        emit queryFailed(m_lastError);
        return;
    }
    m_exhausted = page->size() < kPageSize;
    if (page->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
    m_rows += *page;
    endInsertRows();
}

QVariant AccessLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const privacy::AccessRecord &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case WhenColumn:
            return dateTimeText(QDateTime::fromMSecsSinceEpoch(r.atMs).toLocalTime());
        case AgentColumn:
            return r.agentLogin.isEmpty() || r.agentLogin == r.agentName
                       ? r.agentName
                       : QStringLiteral("%1 (%2)").arg(r.agentName, r.agentLogin);
        case KindColumn: return privacy::accessKindText(r.kind);
        case SubjectColumn: return r.subject;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == SubjectColumn)
        return r.subject;
    return {};
}

QVariant AccessLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn: return tr("When");
    case AgentColumn: return tr("Agent");
    case KindColumn: return tr("What");
    case SubjectColumn: return tr("About");
    default: return {};
    }
}

} // namespace sportello::ui
