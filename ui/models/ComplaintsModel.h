#pragma once
// The complaints forwarded to customer care and still open, nearest deadline first, from
// core/timers/Complaints.h. A complaint must be answered within 45 days of receipt: the days
// left are computed from the stored deadline and the clock each time they are asked for.

#include "timers/Complaints.h"

#include <QAbstractTableModel>
#include <QVector>

namespace sportello {
class Database;
} // namespace sportello

namespace sportello::ui {

class TimerContext;

class ComplaintsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ChannelColumn,
        AuthorColumn,
        ReceivedColumn,
        DeadlineColumn,
        DaysLeftColumn,
        ForwardedByColumn,
        ColumnCount
    };
    enum Role {
        ThreadIdRole = Qt::UserRole + 1, // qint64
        DaysLeftRole,                    // int: whole days left, negative once past the deadline
        DeadlineRole,                    // epoch ms
    };
    Q_ENUM(Role)

    explicit ComplaintsModel(const TimerContext &timers, QObject *parent = nullptr);

    // The cache to read; nullptr empties the model. Not owned.
    void setDatabase(Database *database);
    // Reads the open complaints again (after a forward or a resolution).
    void reload();
    // Tells the views that the days left may have changed.
    void refreshDays();

    qint64 threadIdAt(int row) const;
    const QString &lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    void retranslate();

signals:
    void queryFailed(const QString &message);

private:
    const TimerContext &m_timers;
    Database *m_database = nullptr;
    QVector<OpenComplaint> m_rows;
    QString m_lastError;
};

} // namespace sportello::ui
