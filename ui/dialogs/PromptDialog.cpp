#include "dialogs/PromptDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sportello::ui {

PromptDialog::PromptDialog(const QString &title, const QVector<PromptedVariable> &variables, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("promptDialog"));
    setWindowTitle(tr("Fill in “%1”").arg(title));
    auto *intro = new QLabel(tr("This saved reply needs a few details before it is inserted."), this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    for (const PromptedVariable &v : variables) {
        auto *field = new QLineEdit(this);
        field->setObjectName(QStringLiteral("prompt_") + v.key);
        m_fields.insert(v.key, field);
        field->setAccessibleDescription(tr("Written into the reply in place of {%1}").arg(v.key));
        form->addRow(v.label + QLatin1Char(':'), field);
        connect(field, &QLineEdit::textChanged, this, &PromptDialog::updateOk);
    }
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Insert"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(380);
    updateOk();
}

QMap<QString, QString> PromptDialog::values() const
{
    QMap<QString, QString> out;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
        out.insert(it.key(), it.value()->text().trimmed());
    return out;
}

void PromptDialog::updateOk()
{
    bool complete = true;
    for (const QLineEdit *field : m_fields)
        complete = complete && !field->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);
}

} // namespace sportello::ui
