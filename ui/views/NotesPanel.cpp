#include "views/NotesPanel.h"

#include "common/Clock.h"
#include "common/Format.h"
#include "storage/Database.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace sportello::ui {

void NotesModel::setNotes(QVector<team::Note> notes)
{
    beginResetModel();
    m_notes = std::move(notes);
    endResetModel();
}

int NotesModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_notes.size()); }

QVariant NotesModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= m_notes.size())
        return {};
    const team::Note &note = m_notes[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        const QString who = note.authorName.isEmpty() ? tr("You") : note.authorName;
        QString line = tr("%1, %2: %3").arg(who, formatTime(note.atMs, m_clock.nowMs()), note.text);
        if (note.teamState == QLatin1String("to_push"))
            line += tr(" (not yet sent to the team)");
        else if (note.teamState == QLatin1String("refused"))
            line += tr(" (the team refused it: it stays on this desktop)");
        return line;
    }
    case Qt::ToolTipRole:
        if (!note.mentions.isEmpty())
            return tr("%1\nMentions: %2").arg(note.text, note.mentions.join(QStringLiteral(", ")));
        return note.text;
    default: return {};
    }
}

NotesPanel::NotesPanel(const Clock &clock, QWidget *parent)
    : QWidget(parent), m_clock(clock), m_model(new NotesModel(clock, this)), m_title(new QLabel(this)),
      m_view(new QListView(this)), m_input(new QLineEdit(this)), m_add(new QPushButton(this)),
      m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("notesPanel"));
    // Apart from the replies at a glance: notes sit on a pale yellow ground, like paper notes.
    setAutoFillBackground(true);
    QPalette notePalette = palette();
    notePalette.setColor(QPalette::Base, QColor(0xff, 0xf8, 0xdc));
    notePalette.setColor(QPalette::Text, QColor(0x33, 0x2b, 0x00));
    m_view->setPalette(notePalette);
    m_view->setModel(m_model);
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(false);
    m_view->setSpacing(3);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setMinimumHeight(60);
    m_title->setBuddy(m_input);
    m_message->setWordWrap(true);
    m_message->hide();
    auto *row = new QHBoxLayout;
    row->addWidget(m_input, 1);
    row->addWidget(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 8);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addLayout(row);
    layout->addWidget(m_message);
    connect(m_input, &QLineEdit::returnPressed, this, &NotesPanel::addNote);
    connect(m_add, &QPushButton::clicked, this, &NotesPanel::addNote);
    m_input->setMaxLength(team::kNoteMaxLength);
    retranslate();
    setThread(0);
}

void NotesPanel::setDatabase(Database *database)
{
    m_database = database;
    setThread(0);
}

void NotesPanel::setAuthor(const QString &login, const QString &name)
{
    m_login = login;
    m_name = name;
}

void NotesPanel::setThread(qint64 threadId)
{
    if (threadId != m_threadId)
        showMessage(QString());
    m_threadId = threadId;
    m_input->setEnabled(m_database && threadId != 0);
    m_add->setEnabled(m_database && threadId != 0);
    reload();
}

void NotesPanel::reload()
{
    if (!m_database || m_threadId == 0) {
        m_model->setNotes({});
        retranslate();
        return;
    }
    auto notes = team::notesOf(m_database->connection(), m_threadId);
    if (!notes) {
        showMessage(notes.error());
        return;
    }
    m_model->setNotes(std::move(notes).value());
    if (m_model->rowCount() > 0)
        m_view->scrollToBottom();
    retranslate();
}

bool NotesPanel::addNote()
{
    if (!m_database || m_threadId == 0)
        return false;
    const QString text = m_input->text().trimmed();
    if (text.isEmpty()) {
        showMessage(tr("Write the note first."));
        return false;
    }
    auto added = team::addLocalNote(m_database->connection(), m_threadId, text, m_login, m_name, m_clock.nowMs());
    if (!added) {
        showMessage(added.error()); // the text stays in the field: nothing is lost
        return false;
    }
    m_input->clear();
    showMessage(QString());
    reload();
    emit noteAdded(m_threadId);
    return true;
}

void NotesPanel::focusInput() { m_input->setFocus(Qt::ShortcutFocusReason); }

QString NotesPanel::message() const { return m_message->text(); }

void NotesPanel::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void NotesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void NotesPanel::retranslate()
{
    m_title->setText(tr("Internal &notes (%Ln), never sent to the customer", nullptr, m_model->rowCount()));
    m_input->setPlaceholderText(tr("Add a note for the team; @login mentions a colleague"));
    m_add->setText(tr("Add Note"));
    m_view->setAccessibleName(tr("Internal notes"));
    m_view->setAccessibleDescription(tr("The team's notes on this thread; customers never see them"));
    m_input->setAccessibleName(tr("New internal note"));
    m_add->setAccessibleName(tr("Add note"));
    m_input->setAccessibleDescription(tr("A note for the team on this thread; @login mentions a colleague"));
    m_add->setAccessibleDescription(tr("Adds the note to the thread for the team"));
}

} // namespace sportello::ui
