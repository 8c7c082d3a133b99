#pragma once
// Go > Outbox: the decisions not yet delivered (waiting, sending, checking delivery) and those
// that need the agent (failed, held), with their state and reason. Actions on the selected entry,
// each audited by the outbox store: Edit and Retry… (a new text, then delivery again), Retry Now
// (failed or held), Cancel (never sent), Confirm and Send (a held entry decided offline).

#include "common/Result.h"
#include "domain/Agent.h"

#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::team {
class TeamLink;
} // namespace sportello::team

namespace sportello::ui {

class OutboxModel;

class OutboxPane : public QWidget {
    Q_OBJECT
public:
    OutboxPane(OutboxModel *model, const Clock &clock, QWidget *parent = nullptr);

    // The cache the actions write to (nullptr: none open) and who acts. Not owned.
    void setDatabase(Database *database)
    {
        m_database = database;
        updateState();
    }
    void setAgentSource(std::function<Agent()> agent) { m_agent = std::move(agent); }
    // In team mode: a reply a supervisor sent back is resubmitted through the team (nullptr: alone).
    void setTeamLink(team::TeamLink *link) { m_link = link; }

    QTableView *view() const { return m_view; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *confirmButton() const { return m_confirm; }
    QString message() const;
    QString summaryText() const;
    QString currentEntryId() const;

    // The actions on an entry; false (and the reason shown in the pane) when refused.
    bool editAndRetry(const QString &entryId, const QString &text);
    // A reply sent back by a supervisor, edited, to the team for approval again (asynchronous:
    // the pane's message says how it went).
    bool resubmit(const QString &entryId, const QString &text);
    bool retry(const QString &entryId);
    bool cancelEntry(const QString &entryId);
    bool confirmHeld(const QString &entryId);

signals:
    // An entry may be delivered now: the window asks the dispatcher for a pass.
    void deliveryRequested();
    // An entry changed through the pane (the status-bar count may change).
    void entryChanged(const QString &entryId);
    void openThreadRequested(qint64 threadId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    void editCurrent();
    bool act(const QString &entryId, const std::function<Status(const QString &)> &action, bool deliver,
             const QString &done);
    void showMessage(const QString &text, bool error);

    OutboxModel *m_model;
    const Clock &m_clock;
    Database *m_database = nullptr;
    std::function<Agent()> m_agent;
    team::TeamLink *m_link = nullptr;
    QLabel *m_summary;
    QTableView *m_view;
    QPushButton *m_edit;
    QPushButton *m_retry;
    QPushButton *m_cancel;
    QPushButton *m_confirm;
    QLabel *m_message;
    bool m_messageIsError = false;
    QString m_keptEntryId; // the current entry across a model reset
};

} // namespace sportello::ui
