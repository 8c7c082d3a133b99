#include "dialogs/ModerationDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sportello::ui {

ModerationDialog::ModerationDialog(Channel channel, const QVector<PostView> &comments, const QSet<qint64> &exposing,
                                   qint64 preselected, QWidget *parent)
    : QDialog(parent), m_channel(channel), m_comments(comments)
{
    setWindowTitle(tr("Hide or Unhide a Comment on %1").arg(label(channel)));
    m_comment = new QComboBox(this);
    m_comment->setObjectName(QStringLiteral("moderationComment"));
    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setAccessibleDescription(tr("The customer's comment to hide or show again"));
    int current = 0;
    for (int i = 0; i < m_comments.size(); ++i) {
        const PostView &p = m_comments.at(i);
        QString text = p.text.simplified();
        if (text.size() > 70)
            text = text.left(69) + QChar(0x2026);
        QStringList marks;
        if (p.hidden)
            marks << tr("hidden");
        if (exposing.contains(p.id))
            marks << tr("personal data");
        const QString author = p.authorHandle.isEmpty() ? p.authorName : QLatin1Char('@') + p.authorHandle;
        m_comment->addItem(marks.isEmpty() ? tr("%1: %2").arg(author, text)
                                           : tr("%1: %2 (%3)").arg(author, text, marks.join(QStringLiteral(", "))),
                           p.id);
        if (p.id == preselected)
            current = i;
    }
    m_comment->setCurrentIndex(current);

    m_effect = new QLabel(this);
    m_effect->setObjectName(QStringLiteral("moderationEffect"));
    m_effect->setWordWrap(true);

    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("moderationReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setAccessibleDescription(tr("Why, recorded in the audit trail"));
    for (const QString &id : outbox::allModerationReasonIds())
        m_reason->addItem(outbox::label(*outbox::moderationReasonFromId(id)), id);

    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("moderationNote"));
    m_note->setAccessibleName(tr("Note for the audit trail"));
    m_note->setAccessibleDescription(tr("Optional; required for \"other\". Never copy the customer's data here."));
    m_note->setMaxLength(outbox::kModerationNoteMax);
    m_note->setPlaceholderText(tr("Optional; required for \"other\". Never copy the customer's data here."));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Comment:"), m_comment);
    form->addRow(QString(), m_effect);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(tr("&Note:"), m_note);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_comment, &QComboBox::currentIndexChanged, this, &ModerationDialog::update);
    connect(m_reason, &QComboBox::currentIndexChanged, this, &ModerationDialog::update);
    connect(m_note, &QLineEdit::textChanged, this, &ModerationDialog::update);
    update();
    resize(qMax(sizeHint().width(), 520), sizeHint().height());
}

const PostView *ModerationDialog::chosen() const
{
    const int i = m_comment->currentIndex();
    return i >= 0 && i < m_comments.size() ? &m_comments.at(i) : nullptr;
}

qint64 ModerationDialog::postId() const { return chosen() ? chosen()->id : 0; }

outbox::ModerationAction ModerationDialog::action() const
{
    return chosen() && chosen()->hidden ? outbox::ModerationAction::Unhide : outbox::ModerationAction::Hide;
}

outbox::ModerationReason ModerationDialog::reason() const
{
    return outbox::moderationReasonFromId(m_reason->currentData().toString())
        .value_or(outbox::ModerationReason::PersonalData);
}

QString ModerationDialog::note() const { return m_note->text().trimmed(); }

QString ModerationDialog::explanation() const { return m_effect->text(); }

void ModerationDialog::update()
{
    const PostView *post = chosen();
    const bool hide = action() == outbox::ModerationAction::Hide;
    QString effect;
    bool allowed = post != nullptr;
    if (post && hide && post->canHide == false) {
        effect = tr("%1 said this comment cannot be hidden (for example a comment by the page's admins or on a "
                    "review). Reply privately instead.")
                     .arg(label(m_channel));
        allowed = false;
    } else if (hide) {
        effect = tr("The comment will be hidden on %1: its author, anyone tagged in it and the page's admins still "
                    "see it, nobody else does. Nothing is deleted, and it can be shown again.")
                     .arg(label(m_channel));
    } else {
        effect = tr("The comment will be shown again to everyone on %1.").arg(label(m_channel));
    }
    m_effect->setText(effect);
    if (reason() == outbox::ModerationReason::Other && note().isEmpty())
        allowed = false;
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(hide ? tr("&Hide Comment") : tr("&Unhide Comment"));
    ok->setEnabled(allowed);
}

} // namespace sportello::ui
