#pragma once
// Asks which of a thread's customer comments to hide or unhide on Facebook or Instagram, and
// why (the reason and an optional note go to the audit trail). The action follows the comment
// chosen: a visible one is hidden, a hidden one shown again. Keyboard only works throughout.

#include "outbox/Moderation.h"
#include "queue/QueueQuery.h"

#include <QDialog>
#include <QSet>
#include <QVector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sportello::ui {

class ModerationDialog : public QDialog {
    Q_OBJECT
public:
    // `comments`: the thread's posts that may be moderated (customers' public comments);
    // `exposing`: the ids of those in which the guard found personal data (named so in the list);
    // `preselected`: the post chosen first (0: the first one).
    ModerationDialog(Channel channel, const QVector<PostView> &comments, const QSet<qint64> &exposing,
                     qint64 preselected, QWidget *parent = nullptr);

    qint64 postId() const;
    outbox::ModerationAction action() const;
    outbox::ModerationReason reason() const;
    QString note() const;

    QComboBox *commentBox() const { return m_comment; }
    QComboBox *reasonBox() const { return m_reason; }
    QLineEdit *noteEdit() const { return m_note; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QString explanation() const;

private:
    void update();
    const PostView *chosen() const;

    Channel m_channel;
    QVector<PostView> m_comments;
    QComboBox *m_comment;
    QLabel *m_effect;
    QComboBox *m_reason;
    QLineEdit *m_note;
    QDialogButtonBox *m_buttons;
};

} // namespace sportello::ui
