#pragma once
// The outbox entries still to be delivered or decided on (waiting, sending, checking delivery,
// failed, held), newest first, from core/sync/Outbox.h. A few dozen rows at most in practice; the
// list is bounded (kLimit) and read again when an entry changes.

#include "sync/Outbox.h"

#include <QAbstractTableModel>
#include <QVector>

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::ui {

class OutboxModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kLimit = 500;
    enum Column { StateColumn, ChannelColumn, KindColumn, TextColumn, ReasonColumn, AttemptsColumn, DecidedColumn,
                  ColumnCount };
    enum Role {
        EntryIdRole = Qt::UserRole + 1, // QString
        StateRole,                      // outbox state id
        ThreadIdRole,                   // qint64
    };
    Q_ENUM(Role)

    explicit OutboxModel(const Clock &clock, QObject *parent = nullptr);

    // The cache to read; nullptr empties the model. Not owned.
    void setDatabase(Database *database);
    void reload();

    const sync::OutboxEntry *entryAt(int row) const;
    int rowOfEntry(const QString &id) const;
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
    const Clock &m_clock;
    Database *m_database = nullptr;
    QVector<sync::OutboxEntry> m_rows;
    QString m_lastError;
};

} // namespace sportello::ui
