#pragma once
// The centre of the console: who wrote (author details) above the conversation itself.

#include "queue/QueueQuery.h"

#include <QWidget>

class QLabel;
class QListView;
class QStackedWidget;

namespace sportello {
class Clock;
}

namespace sportello::ui {

class ConversationModel;

class ConversationPane : public QWidget {
    Q_OBJECT
public:
    ConversationPane(const Clock &clock, QWidget *parent = nullptr);

    void setThread(ThreadDetail detail);
    void clear();
    // Updates the waiting time and time left in the header; called by the console's 1 Hz timer.
    void refreshTimes();

    ConversationModel *model() const { return m_model; }
    QListView *listView() const { return m_list; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateHeader();

    const Clock &m_clock;
    ConversationModel *m_model;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_channelIcon;
    QLabel *m_name;
    QLabel *m_details;
    QLabel *m_timing;
    QListView *m_list;
};

} // namespace sportello::ui
