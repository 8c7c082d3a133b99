#pragma once
// The left of the console: the filter bar (channel, category, status, free-text search) over
// the queue table. Filters go to QueueModel, which re-runs its query in SQL.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace sportello::ui {

class QueueModel;

class QueuePane : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSearchDelayMs = 250;
    // The narrowest the author and post columns become when the pane is narrow (four panes side
    // by side, a large font): they give way first, so that the time left is never cut.
    static constexpr int kMinAuthorWidth = 64;
    static constexpr int kMinPostWidth = 80;

    QueuePane(QueueModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *channelCombo() const { return m_channel; }
    QComboBox *categoryCombo() const { return m_category; }
    QComboBox *ratingCombo() const { return m_rating; }
    QComboBox *statusCombo() const { return m_status; }

    // 0 when no thread is selected.
    qint64 currentThreadId() const;
    int currentRow() const;
    void selectRow(int row);
    // True while the pane itself picks the current row (the first one after the queue was read
    // again), as opposed to the agent: team mode claims only what the agent opens.
    bool isSelectingByItself() const { return m_selectingByItself; }
    // Selects the thread when it is loaded; returns false otherwise.
    bool selectThread(qint64 threadId);
    // Moves the selection by `delta` rows (next: +1, previous: -1), loading more rows if needed.
    void moveSelection(int delta);

    void focusSearch();
    void focusQueue();
    // Applies a pending search at once instead of waiting for the typing pause.
    void applyFilterNow();
    // Asks the model to refresh the times of the rows the view shows, and only those.
    void refreshVisibleTimes();
    // Reads the queue again after a sync without disturbing the agent: the selection stays on its
    // thread (kept even if it left the queue), and when the queue is scrolled the rows in view
    // stay in view (at the very top, new urgent threads show up above). Returns the rows added.
    int refreshRows();

signals:
    // The thread under the selection changed; 0 when nothing is selected.
    void currentThreadChanged(qint64 threadId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void applyFilter();
    void announceCurrent();
    void updateColumnVisibility();
    // Fits the columns to the view's width: the author column shrinks (down to kMinAuthorWidth)
    // before the post column would leave the time left out of sight; the view is never narrower
    // than every column at its least.
    void fitColumns();
    void updateEmptyState();

    QueueModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_channel;
    QComboBox *m_category;
    QComboBox *m_rating; // app-store reviews by stars: "min-max", empty for any
    QComboBox *m_status;
    QTableView *m_view;
    QLabel *m_emptyState; // over the table when no thread is listed
    QTimer *m_searchDelay;
    qint64 m_announcedThread = -1;
    qint64 m_threadBeforeReset = 0;
    bool m_selectingByItself = false;
    int m_authorWidth = 0; // the author column's width with room to spare, in the font in use
    int m_ageWidth = 0;    // the age column's width, kept while it is hidden for want of room
};

} // namespace sportello::ui
