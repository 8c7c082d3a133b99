#include "models/ReportTableModel.h"

#include "common/LocaleText.h"
#include "outbox/HandoffStatus.h"

#include <QCoreApplication>
#include <QDate>
#include <QLocale>

namespace sportello::ui {

ReportTableModel::ReportTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ReportTableModel::setTable(ReportTable table)
{
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

void ReportTableModel::retranslate()
{
    if (m_table.columns.isEmpty())
        return;
    emit headerDataChanged(Qt::Horizontal, 0, int(m_table.columns.size()) - 1);
    if (!m_table.rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_table.rows.size()) - 1, int(m_table.columns.size()) - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}

int ReportTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.rows.size());
}

int ReportTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

QString ReportTableModel::valueLabel(const QString &columnId, const QString &value)
{
    if (columnId == QLatin1String("category")) {
        if (const auto c = categoryFromId(value))
            return label(*c);
        return tr("No category");
    }
    if (columnId == QLatin1String("decision")) {
        if (const auto d = decisionKindFromId(value))
            return label(*d);
        return tr("Not yet answered");
    }
    if (columnId == QLatin1String("channel")) {
        if (const auto c = channelFromId(value))
            return label(*c);
    }
    if (columnId == QLatin1String("state")) { // the hand-offs table
        if (value == outbox::toId(outbox::HandoffState::Sent))
            return outbox::label(outbox::HandoffState::Sent);
        if (const auto s = outbox::reportedHandoffStateFromId(value))
            return outbox::label(*s);
    }
    if (columnId == QLatin1String("rating")) {
        bool number = false;
        const int stars = value.toInt(&number);
        if (number && stars >= 1 && stars <= 5)
            return ratingStars(stars);
        return tr("No rating");
    }
    if (columnId == QLatin1String("agent") && value.isEmpty())
        return tr("(no agent: company post)");
    if (columnId == QLatin1String("department") && value == QLatin1String("none"))
        return tr("No department");
    if (columnId == QLatin1String("skill")) {
        if (value == QLatin1String("any"))
            return tr("Any");
        if (value == QLatin1String("none"))
            return tr("(no agent: company post)");
        if (const auto c = categoryFromId(value))
            return label(*c);
    }
    if (columnId == QLatin1String("purpose")) {
        if (value == QLatin1String("engagement"))
            return tr("Engagement");
        if (value == QLatin1String("promotion"))
            return tr("Promotion (company's own posts)");
        if (value == QLatin1String("assistance"))
            return tr("Assistance");
        if (value == QLatin1String("uncategorised"))
            return tr("Not categorised");
    }
    if (columnId == QLatin1String("study_policy")) {
        if (value == QLatin1String("selective"))
            return tr("Selective replies");
        if (value == QLatin1String("systematic"))
            return tr("Systematic replies");
        if (value == QLatin1String("all"))
            return tr("All firms");
    }
    return value;
}

QVariant ReportTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_table.rows.size() || index.column() >= m_table.columns.size())
        return {};
    const ReportColumn &column = m_table.columns.at(index.column());
    const QVariant value = m_table.rows.at(index.row()).value(index.column());
    if (role == Qt::UserRole)
        return value;
    if (role == Qt::TextAlignmentRole)
        return column.type == ColumnType::Text || column.type == ColumnType::Date
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (value.isNull())
        return role == Qt::DisplayRole ? QStringLiteral("–") : QVariant();
    const QLocale locale;
    switch (column.type) {
    case ColumnType::Integer:
        if (column.id.startsWith(QLatin1String("mean_within_")))
            return value.toLongLong() ? tr("Yes") : tr("No");
        return locale.toString(value.toLongLong());
    case ColumnType::Minutes: return locale.toString(value.toDouble(), 'f', 1);
    case ColumnType::Share: return percentText(value.toDouble() * 100.0, 1, locale);
    case ColumnType::Date:
        return locale.toString(QDate::fromString(value.toString(), Qt::ISODate), QLocale::ShortFormat);
    case ColumnType::Text: return valueLabel(column.id, value.toString());
    }
    return {};
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_table.columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_table.columnLabel(section);
    if (role == Qt::ToolTipRole) { // what the short header means, and the CSV header for scripts
        const QString id = m_table.columns.at(section).id;
        QString meaning;
        if (id.endsWith(QLatin1String("_business_min")))
            meaning = tr("First response time in business minutes (only the calendar's working hours count).");
        else if (id.endsWith(QLatin1String("_calendar_min")))
            meaning = tr("First response time in calendar minutes.");
        else if (id == QLatin1String("share_within_target"))
            meaning = tr("Met targets among the posts judged (met or missed).");
        return meaning.isEmpty() ? tr("CSV column: %1").arg(id)
                                 : meaning + QLatin1Char('\n') + tr("CSV column: %1").arg(id);
    }
    return {};
}

} // namespace sportello::ui
