#pragma once
// Asks for the prompted variables of a saved reply ({?claim_number:Claim number}) before it is
// inserted. Each field is named "prompt_<key>".

#include "compose/ReplyTemplate.h"

#include <QDialog>
#include <QMap>

class QDialogButtonBox;
class QLineEdit;

namespace sportello::ui {

class PromptDialog : public QDialog {
    Q_OBJECT
public:
    PromptDialog(const QString &title, const QVector<PromptedVariable> &variables, QWidget *parent = nullptr);
    QMap<QString, QString> values() const;

private:
    void updateOk();

    QMap<QString, QLineEdit *> m_fields;
    QDialogButtonBox *m_buttons;
};

} // namespace sportello::ui
