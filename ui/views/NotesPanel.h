#pragma once
// Internal notes on the open thread, under the conversation: the team's own words about the
// customer's case, never sent to the customer, never in an export, shown apart from the replies.
// A note may mention a colleague (@login): the team reads the mention and the colleague's console
// says so. Alone (no team) notes stay on this desktop; in a team they go up with the next sync.

#include "team/TeamNotes.h"

#include <QAbstractListModel>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::ui {

// A thread's notes, oldest first (a thread has few: they are read whole when it opens).
class NotesModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit NotesModel(const Clock &clock, QObject *parent = nullptr) : QAbstractListModel(parent), m_clock(clock) {}
    void setNotes(QVector<team::Note> notes);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    const Clock &m_clock;
    QVector<team::Note> m_notes;
};

class NotesPanel : public QWidget {
    Q_OBJECT
public:
    explicit NotesPanel(const Clock &clock, QWidget *parent = nullptr);

    void setDatabase(Database *database);
    // Who writes the notes added here: the team login and name, or the agent alone.
    void setAuthor(const QString &login, const QString &name);
    void setThread(qint64 threadId);
    // Reads the open thread's notes again (a colleague's may have arrived).
    void reload();
    // Adds a note with the field's text (Enter); false with the reason shown when refused.
    bool addNote();
    void focusInput();

    QListView *view() const { return m_view; }
    QLineEdit *input() const { return m_input; }
    QPushButton *addButton() const { return m_add; }
    int count() const { return m_model->rowCount(); }
    QString message() const;

signals:
    // A note was written here: in a team it goes up with the next sync.
    void noteAdded(qint64 threadId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showMessage(const QString &message);

    const Clock &m_clock;
    Database *m_database = nullptr;
    qint64 m_threadId = 0;
    QString m_login;
    QString m_name;
    NotesModel *m_model;
    QLabel *m_title;
    QListView *m_view;
    QLineEdit *m_input;
    QPushButton *m_add;
    QLabel *m_message;
};

} // namespace sportello::ui
