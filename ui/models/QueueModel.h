#pragma once
// The queue of threads as a table model. Rows come from QueueQuery::page a page at a time
// (canFetchMore/fetchMore); filtering and sorting re-run the query in SQL and reset the model.
// Ages, times left and timer states are computed from stored timestamps, the injected clock and
// the active policy's calendar (TimerContext) each time they are asked for, and refreshTimes()
// tells the views when to ask again.

#include "queue/QueueQuery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QVector>
#include <optional>

namespace sportello {
class Database;
class ThreadClaims;
} // namespace sportello

namespace sportello::ui {

class TimerContext;

class QueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ChannelColumn,
        AuthorColumn,
        PostColumn,
        CategoryColumn,
        AgeColumn,
        TimeLeftColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        ThreadIdRole = Qt::UserRole + 1, // qint64
        ChannelRole,                     // channel id, e.g. "facebook"
        CategoryRole,                    // category id, or an empty string when not set
        StatusRole,                      // thread status id
        VisibilityRole,                  // visibility id of the post shown
        WaitingSinceRole,                // epoch ms, 0 when not waiting
        DueAtRole,                       // epoch ms, 0 when not waiting
        TimerStateRole,                  // int(TimerState) from the clock and calendar; -1 when not waiting
        DraftRole,                       // bool: an unsent reply is stored for the thread
        ClaimRole,                       // team mode: "Marta Verdi is on this thread" / "is typing a
                                         // reply" for a colleague's live claim; empty otherwise
        ClaimHolderRole,                 // the colleague's name; empty when free or the agent's own
    };
    Q_ENUM(Role)
    static constexpr int kDefaultPageSize = 200;

    explicit QueueModel(const TimerContext &timers, QObject *parent = nullptr);

    // The cache to read; nullptr empties the model. Not owned.
    void setDatabase(Database *database);
    Database *database() const { return m_database; }

    const QueueFilter &filter() const { return m_filter; }
    void setFilter(const QueueFilter &filter);
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);

    // Re-runs the query from the first page (after an import, for example).
    void reload();

    static bool isSortable(int column);
    static QueueSort sortKeyFor(int column);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    qint64 threadIdAt(int row) const;
    // -1 when the thread is not among the rows loaded so far.
    int rowOfThread(qint64 threadId) const;
    const QueueRow *rowAt(int row) const;

    // Re-reads one thread after a decision or a category change. A thread that no longer matches
    // the filter leaves the model (returns true); otherwise its row is updated in place.
    bool refreshThread(qint64 threadId);

    // Re-reads the rows loaded so far without a reset (after a sync brought new posts): new
    // threads are inserted where the order puts them, threads that left the query are removed,
    // threads whose place changed are moved and changed rows are announced, so that the views'
    // selection and current index follow their threads. keepThreadId (the one the agent is
    // reading) stays even when it no longer matches the filter, updated in place. Returns the
    // number of rows inserted, or -1 when the query failed (the rows are left as they were).
    int refreshRows(qint64 keepThreadId = 0);
    // How many queries the last refreshRows() ran (tests and the benchmark bound it).
    int lastRefreshQueryCount() const { return m_refreshQueries; }
    // A draft was stored or removed for the thread: its marker follows without a query.
    void setDraftMarker(qint64 threadId, bool hasDraft);

    // Team mode: the claims book the rows' markers are read from (by channel and external id);
    // nullptr: none. Not owned.
    void setClaims(const ThreadClaims *claims);
    // The book changed (or the clock ended a claim): the loaded rows' markers are announced again.
    void refreshClaims();
    // The row of a thread the team names so among the rows loaded; -1 when not loaded.
    int rowOfTeamThread(const QString &channel, const QString &externalId) const;

    // Tells the views that the age and time-left cells of these rows have changed.
    void refreshTimes(int firstRow, int lastRow);

    // The last query error, empty when the last query worked.
    const QString &lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Re-announces every header and cell after a language change.
    void retranslate();

signals:
    // A query failed; the message is for a person.
    void queryFailed(const QString &message);

private:
    void resetRows();
    // Reads the page after the rows loaded so far, without the rows already present.
    QVector<QueueRow> nextPage();
    // Updates a row from the thread's detail (status, category, timer); false on a query error.
    bool rereadRow(QueueRow &row);
    bool matchesFilter(const QueueRow &row) const;
    QVariant displayData(const QueueRow &row, int column) const;
    QVariant toolTipData(const QueueRow &row, int column) const;
    // A colleague's live claim on the row's thread: the holder's name and whether they type.
    struct Presence {
        QString name;
        bool typing = false;
    };
    std::optional<Presence> presence(const QueueRow &row) const;
    QString presenceText(const Presence &presence) const;

    const TimerContext &m_timers;
    Database *m_database = nullptr;
    const ThreadClaims *m_claims = nullptr;
    QueueFilter m_filter;
    int m_sortColumn = TimeLeftColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_pageSize = kDefaultPageSize;
    QVector<QueueRow> m_rows;
    QSet<qint64> m_loaded;
    QHash<qint64, QString> m_shownTimes; // thread id -> time texts and state at the last refresh // thread ids in
                                         // m_rows: a page that overlaps the previous one adds no duplicates
    int m_offset = 0;                    // rows of the query read so far
    bool m_exhausted = true;
    bool m_changing = false; // a reset, insertion or removal is being announced
    int m_refreshQueries = 0;
    QString m_lastError;
};

} // namespace sportello::ui
