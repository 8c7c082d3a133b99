#pragma once
// The outbox entries still to be delivered or decided on (waiting, sending, checking delivery,
// failed, held): those needing the agent first, then newest first, from core/outbox/Outbox.h. Only
// the columns shown are read (OutboxListRow), a page at a time (canFetchMore/fetchMore); the
// counts come from SQL. A changed entry is re-read alone and announced with dataChanged, so the
// view keeps its selection; a reload keeps as many rows as were loaded.

#include "outbox/Outbox.h"

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
    static constexpr int kPageSize = 100;
    enum Column {
        StateColumn,
        ChannelColumn,
        KindColumn,
        TextColumn,
        ReasonColumn,
        AttemptsColumn,
        DecidedColumn,
        ColumnCount
    };
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
    // Re-reads one entry: updated in place when it keeps its place in the order, else a reload.
    void refreshEntry(const QString &id);

    const outbox::OutboxListRow *entryAt(int row) const;
    int rowOfEntry(const QString &id) const;
    const QString &lastError() const { return m_lastError; }
    // Every active entry, and those failed or held, counted in SQL (not only the rows loaded).
    int totalCount() const { return m_total; }
    int needAgentCount() const { return m_needAgent; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void retranslate();

signals:
    void queryFailed(const QString &message);

private:
    // The Reason column's text: the delivery's error, or where a review stands.
    QString reasonOf(const outbox::OutboxListRow &entry) const;

    bool readCounts();
    void fail(const QString &error);

    const Clock &m_clock;
    Database *m_database = nullptr;
    QVector<outbox::OutboxListRow> m_rows;
    bool m_exhausted = true;
    bool m_changing = false; // a reset or an insertion is being announced
    int m_total = 0;
    int m_needAgent = 0;
    QString m_lastError;
};

} // namespace sportello::ui
