#pragma once
// The right of the console: the decision for the selected thread. The agent arms a decision
// (a button or Ctrl+1..4), writes the reply, and confirms with Ctrl+Enter; the main window then
// hands the request to TriageService. Errors from the core are shown here, in words.

#include "triage/TriageService.h"

#include <QPushButton>
#include <QWidget>
#include <optional>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace sportello {
struct ThreadDetail;
}

namespace sportello::ui {

// A large decision button that shows its shortcut on the right.
class DecisionButton : public QPushButton {
    Q_OBJECT
public:
    DecisionButton(DecisionKind kind, QWidget *parent = nullptr);
    DecisionKind kind() const { return m_kind; }
    void setHint(const QString &hint);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    DecisionKind m_kind;
    QString m_hint;
};

class TriagePanel : public QWidget {
    Q_OBJECT
public:
    explicit TriagePanel(QWidget *parent = nullptr);

    // The thread the decision is about; nullptr disables the panel.
    void setThread(const ThreadDetail *thread);
    qint64 threadId() const { return m_threadId; }

    // Arms a decision: its button is highlighted, and focus goes where the agent types next.
    void arm(DecisionKind kind);
    void disarm();
    std::optional<DecisionKind> armedKind() const { return m_armed; }

    // The request as the panel stands; the caller checks it with TriageService.
    DecisionRequest request() const;

    QString draft() const;
    void setDraft(const QString &text, std::optional<DecisionKind> armed);
    // After a decision was stored: clears the editor and disarms.
    void resetAfterDecision();

    void showError(const QString &message);
    void showInfo(const QString &message);
    void clearMessage();
    QString message() const;

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *reasonCombo() const { return m_reason; }
    QComboBox *categoryCombo() const { return m_category; }
    DecisionButton *button(DecisionKind kind) const;
    QPushButton *confirmButton() const { return m_confirm; }

signals:
    void confirmRequested();
    void cancelRequested();
    // The agent picked a category in the combo (not emitted when a thread is loaded).
    void categoryChosen(sportello::Category category);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateArmedState();
    void showSuggestion(const ThreadDetail *thread);

    qint64 m_threadId = 0;
    std::optional<DecisionKind> m_armed;
    QLabel *m_title;
    QLabel *m_subtitle;
    QButtonGroup *m_group;
    QVector<DecisionButton *> m_buttons;
    QLabel *m_reasonLabel;
    QComboBox *m_reason;
    QLabel *m_categoryLabel;
    QComboBox *m_category;
    QLabel *m_suggestion;
    QLabel *m_editorLabel;
    QPlainTextEdit *m_editor;
    QLabel *m_message;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
    QString m_messageText;
    bool m_messageIsError = false;
};

} // namespace sportello::ui
