#pragma once
// The centre of the console: who wrote (author details) above the conversation itself.

#include "compose/Guard.h"
#include "outbox/HandoffStatus.h"
#include "queue/QueueQuery.h"
#include "timers/Complaints.h"

#include <optional>

#include <QWidget>

class QLabel;
class QListView;
class QStackedWidget;

namespace sportello::ui {

class ConversationModel;
class TimerContext;

class ConversationPane : public QWidget {
    Q_OBJECT
public:
    ConversationPane(const TimerContext &timers, QWidget *parent = nullptr);

    // `complaint`: the thread's regulatory clock, when it was forwarded as a complaint.
    void setThread(ThreadDetail detail, std::optional<ComplaintClock> complaint = std::nullopt);
    void clear();
    // The thread's hand-off as customer care reported it (a line of the header, in words; none
    // hides it). Kept until the next setThread or clear.
    void setHandoff(std::optional<outbox::HandoffStatus> handoff);
    // The insurance guard's configuration, for marking personal data in customers' public posts.
    void setGuardConfig(const GuardConfig &config);
    // Updates the waiting time and time left in the header; called by the console's 1 Hz timer.
    void refreshTimes();

    // Team mode: who is on this thread, in words ("Marta Verdi is typing a reply", "You are on
    // this thread", the offline notice); None hides the line.
    enum class Presence { None, Mine, Colleague, Offline };
    void setPresence(Presence kind, const QString &text);
    QString presenceText() const;
    QLabel *presenceLabel() const { return m_presence; }

    // The header's lines as plain text, for tests: the timer's state, its working, its target,
    // the complaint.
    QString timingText() const;
    QString workingText() const;
    QString targetText() const;
    QString complaintText() const;
    QString handoffText() const;
    QLabel *handoffLabel() const { return m_handoffLabel; }

    ConversationModel *model() const { return m_model; }
    QListView *listView() const { return m_list; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateHeader();
    void updateHandoff();

    const TimerContext &m_timers;
    ConversationModel *m_model;
    std::optional<ComplaintClock> m_complaint;
    std::optional<outbox::HandoffStatus> m_handoff;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_channelIcon;
    QLabel *m_name;
    QLabel *m_details;
    QLabel *m_stateIcon;
    QLabel *m_timing;
    QLabel *m_working;
    QLabel *m_target;
    QLabel *m_complaintIcon;
    QLabel *m_complaintLabel;
    QLabel *m_handoffLabel;
    QLabel *m_presence;
    QListView *m_list;
};

} // namespace sportello::ui
