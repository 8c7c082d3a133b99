#pragma once
// Go > Approvals (supervisors): the public replies that wait for approval, the least time left
// first (the customer's timer keeps running while they wait). For the selected one: the
// customer's post, the reply (editable), and what the insurance guard finds in it as it stands;
// Approve sends it as shown (edited or not), Send Back returns it to its author with a comment.
// Read and written through the console's TeamLink; the database audits every step.

#include "common/TimerContext.h"
#include "compose/Guard.h"
#include "team/TeamWork.h"

#include <QAbstractTableModel>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace sportello::team {
class TeamLink;
} // namespace sportello::team

namespace sportello::ui {

class TimerContext;

class ApprovalModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeLeft, Thread, Author, Reply, ColumnCount };
    explicit ApprovalModel(const TimerContext &timers, QObject *parent = nullptr);
    // Sorted here by the time left on the console's own timers (the policy's business hours), the
    // way the queue counts it; the team database's order is only close to it.
    void setReplies(QVector<team::ReplyForReview> replies);
    const team::ReplyForReview *replyAt(int row) const;
    int rowOf(const QString &entryId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const TimerContext &m_timers;
    QVector<team::ReplyForReview> m_replies;
};

class ApprovalPane : public QWidget {
    Q_OBJECT
public:
    explicit ApprovalPane(const TimerContext &timers, QWidget *parent = nullptr);

    void setTeamLink(team::TeamLink *link);
    void setGuardConfig(const GuardConfig &config);
    void refresh();

    // The actions on the selected reply (the buttons call these; tests too). Approve sends the
    // editor's text; Send Back needs the comment field filled.
    void approveSelected();
    void sendBackSelected();

    QTableView *view() const { return m_view; }
    QPlainTextEdit *replyEditor() const { return m_reply; }
    QLineEdit *commentEdit() const { return m_comment; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *sendBackButton() const { return m_sendBack; }
    QString customerText() const;
    QString guardText() const;
    QString message() const;
    int count() const;

    static constexpr int kRefreshMs = 10000;
    // The timer of a reply's thread as the console's queue would show it.
    static TimerInfo timerOf(const TimerContext &timers, const team::ReplyForReview &reply);

signals:
    void refreshed();
    // A verdict was given (the entry moved on): the window may refresh counts.
    void reviewed(const QString &entryId);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showSelected();
    void updateGuard();
    void showMessage(const QString &message);
    void review(team::ReviewVerdict verdict);
    const team::ReplyForReview *selected() const;

    const TimerContext &m_timers;
    team::TeamLink *m_link = nullptr;
    Guard m_guard;
    QVector<Finding> m_findings;
    ApprovalModel *m_model;
    QLabel *m_title;
    QTableView *m_view;
    QLabel *m_customerTitle;
    QLabel *m_customer;
    QLabel *m_replyTitle;
    QPlainTextEdit *m_reply;
    QLabel *m_guardLabel;
    QLabel *m_commentTitle;
    QLineEdit *m_comment;
    QPushButton *m_approve;
    QPushButton *m_sendBack;
    QLabel *m_message;
    QTimer *m_timer;
    QString m_shownEntry;
    bool m_reading = false;
};

} // namespace sportello::ui
