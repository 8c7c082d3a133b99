#pragma once
// Go > Team Board (supervisors): who is online, what each agent holds and for how long, whether
// they are typing, the waiting queue by category and by department with its breaches, and the
// replies awaiting approval. Read from the team database every few seconds while shown (through
// the console's TeamLink, never on this thread); a held thread can be released or reassigned,
// each audited by the database. Supervisors also see the latest overrides of the personal-data
// guard (docs/guard.md), so that its rules improve.

#include "team/TeamWork.h"

#include <QAbstractTableModel>
#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace sportello::team {
class TeamLink;
} // namespace sportello::team

namespace sportello::ui {

// One row per agent: name, role, department, online, holding / capacity, longest hold, typing.
class BoardAgentsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Role, Department, Status, Holding, LongestHold, Typing, ColumnCount };
    explicit BoardAgentsModel(QObject *parent = nullptr);
    void setBoard(const team::Board &board);
    const team::BoardAgent *agentAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    team::Board m_board;
};

// The waiting queue, by category then by department: waiting, unclaimed, overdue, oldest.
class BoardQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Group, Waiting, Unclaimed, Overdue, Oldest, ColumnCount };
    explicit BoardQueueModel(QObject *parent = nullptr);
    void setBoard(const team::Board &board);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString label;
        team::BoardQueue queue;
    };
    QVector<Row> m_rows;
};

// The guard's overrides, for supervisors: when, agent, thread, kinds, reason (newest first).
class BoardOverridesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { When, Agent, Thread, Kinds, Reason, ColumnCount };
    explicit BoardOverridesModel(QObject *parent = nullptr);
    void setBoard(const team::Board &board);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<GuardOverrideEntry> m_rows;
};

class TeamBoardPane : public QWidget {
    Q_OBJECT
public:
    explicit TeamBoardPane(QWidget *parent = nullptr);

    // The link the board reads through (nullptr: not in a team). Not owned.
    void setTeamLink(team::TeamLink *link);
    // Reads the board now (and every kRefreshMs while the pane is visible).
    void refresh();

    // For a supervisor's keyboard and for tests: the actions on the selected agent's longest-held
    // thread. `reason`/`login` come from a prompt in the UI.
    void releaseSelected(const QString &reason);
    void reassignSelected(const QString &login);
    // Asks the way a person does (a reason, then the colleague to give the thread to).
    void promptRelease();
    void promptReassign();

    QTableView *agentsView() const { return m_agentsView; }
    QTableView *queueView() const { return m_queueView; }
    // Supervisors only: the guard's overrides (hidden for anyone else).
    QTableView *overridesView() const { return m_overridesView; }
    QPushButton *releaseButton() const { return m_release; }
    QPushButton *reassignButton() const { return m_reassign; }
    QString summaryText() const;
    QString message() const;
    const team::Board &board() const { return m_board; }

    static constexpr int kRefreshMs = 5000;

signals:
    // The board was read (or could not be): the summary and the tables are up to date.
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateButtons();
    void showBoard(const team::Board &board);
    void showMessage(const QString &message);
    std::optional<team::TeamThreadRef> selectedHeldThread() const;

    team::TeamLink *m_link = nullptr;
    team::Board m_board;
    BoardAgentsModel *m_agents;
    BoardQueueModel *m_queue;
    BoardOverridesModel *m_overrides;
    QLabel *m_overridesTitle;
    QTableView *m_overridesView;
    QLabel *m_summary;
    QLabel *m_agentsTitle;
    QLabel *m_queueTitle;
    QLabel *m_message;
    QTableView *m_agentsView;
    QTableView *m_queueView;
    QPushButton *m_release;
    QPushButton *m_reassign;
    QPushButton *m_refresh;
    QTimer *m_timer;
    bool m_reading = false;
};

} // namespace sportello::ui
