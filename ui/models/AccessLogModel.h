#pragma once
// The access records (privacy/AccessLog.h), newest first, read page by page from the cache's
// access_log or, for the team's data protection officer, from the team database: the view asks
// for more rows as it scrolls (canFetchMore/fetchMore), so years of records never sit in memory.

#include "privacy/AccessLog.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>
#include <QVector>

namespace sportello::ui {

class AccessLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { WhenColumn, AgentColumn, KindColumn, SubjectColumn, ColumnCount };
    static constexpr qint64 kPageSize = 200;

    explicit AccessLogModel(QObject *parent = nullptr);

    // Where to read: a connection that outlives the model's use of it (not owned); an invalid
    // one empties the model. Nothing is read until setFilter() or reload().
    void setSource(const QSqlDatabase &db, privacy::AccessLogSource source);
    // The filter, and the first page under it.
    void setFilter(const privacy::AccessLogFilter &filter);
    // Reads the count and the first page again.
    void reload();

    // How many records the filter matches (the rows loaded may be fewer); -1 when unknown.
    qint64 total() const { return m_total; }
    const QString &lastError() const { return m_lastError; }
    const privacy::AccessRecord &recordAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void queryFailed(const QString &message);

private:
    // Empties the model and reads the count (inside one reset).
    void resetRows();

    QSqlDatabase m_db;
    privacy::AccessLogSource m_source = privacy::AccessLogSource::Cache;
    privacy::AccessLogFilter m_filter;
    QVector<privacy::AccessRecord> m_rows;
    qint64 m_total = -1;
    bool m_exhausted = true;
    bool m_fetching = false; // inside fetchMore() or the reset: a view's nested ask waits
    QString m_lastError;
};

} // namespace sportello::ui
