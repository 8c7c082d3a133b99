#pragma once
// One aggregated report table (core/report/ReportData.h) for a view: a few dozen rows at most,
// already computed in SQL. Ids are shown as labels, numbers in the user's locale; the raw value
// is under Qt::UserRole for sorting and tests.

#include "report/ReportData.h"

#include <QAbstractTableModel>

namespace sportello::ui {

class ReportTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit ReportTableModel(QObject *parent = nullptr);

    void setTable(ReportTable table);
    // After a language change: headers and labels are announced again, the figures stay.
    void retranslate();
    const ReportTable &table() const { return m_table; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The label of a stable id (category, decision, channel, purpose, practice), for charts too.
    static QString valueLabel(const QString &columnId, const QString &value);

private:
    ReportTable m_table;
};

} // namespace sportello::ui
