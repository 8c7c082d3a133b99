#pragma once
// The right of the console: the decision for the selected thread. The agent arms a decision
// (a button or Ctrl+1..4), writes the reply, and confirms with Ctrl+Enter; the panel checks what
// it can (a thread, a decision, the agent's name, the channel's limit) and emits the complete
// request, which the console hands to its session. Errors from the core come back here, shown in
// words, with the focus on the field to fix.
//
// The reply editor is the composer: "::code" then Space or Tab expands a saved reply in the
// customer's language, Ctrl+T opens the picker, prompted variables are asked for in a dialog; a
// counter shows what is left of the channel's limit; the insurance guard highlights personal data
// in a public reply, which cannot be confirmed until it is removed or the reply switched to
// private (Ctrl+Shift+P). Personal data the customer exposed in a public post is pointed out with
// the suggestion to continue privately.

#include "compose/ChannelLimits.h"
#include "compose/Guard.h"
#include "compose/ReplyTemplate.h"
#include "triage/TriageService.h"

#include <QPushButton>
#include <QWidget>
#include <optional>

class QButtonGroup;
class QComboBox;
class QContextMenuEvent;
class QLabel;
class QPlainTextEdit;

namespace sportello {
class Database;
struct SavedReply;
struct ThreadDetail;
} // namespace sportello

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
    // The same thread read again (new posts after a sync): whom the reply goes to and what the
    // customer exposed are updated; the reply, the armed decision and the cursor are left alone.
    void refreshThread(const ThreadDetail *thread);
    qint64 threadId() const { return m_threadId; }

    // Arms a decision: its button is highlighted, and focus goes where the agent types next.
    void arm(DecisionKind kind);
    void disarm();
    std::optional<DecisionKind> armedKind() const { return m_armed; }

    // The request as the panel stands (what confirmRequested carries).
    DecisionRequest request() const;
    // Ctrl+Enter or the confirm button: emits confirmRequested() with the complete request, or
    // says in the panel what is missing.
    void requestConfirm();
    // The core refused the decision: says why and puts the focus where the agent can fix it.
    void showDecisionError(const Error &error);

    QString draft() const;
    void setDraft(const QString &text, std::optional<DecisionKind> armed);
    // After a decision was stored: clears the editor and disarms.
    void resetAfterDecision();

    // The cache whose saved replies the composer offers; nullptr: none.
    void setDatabase(Database *database);
    // The insurance guard's rules (the session owns and reloads them).
    void setGuardConfig(const GuardConfig &config);
    void setAgentName(const QString &name) { m_agentName = name; }
    // The day {today} writes (from the console's clock).
    void setToday(const QDate &today) { m_today = today; }

    // Ctrl+Shift+P: the armed public reply becomes a private one (the guard's way out); while
    // forwarding, the message to the customer becomes private.
    void switchToPrivate();
    // The agent tried to confirm: what the guard finds now is what blocked the reply, for the
    // audit (findings seen while typing and gone before confirming are not blocks). Spans are
    // those of the text as stored (trimmed).
    void noteBlockedAttempt();
    // When the guard is wrong: "Not Personal Data…" (the guard bar's button, or the editor's
    // context menu on a finding) asks for a reason and marks the finding at the cursor, or else
    // every finding that may be marked; a tax code or an IBAN never may (checksum-verified).
    // Confirm is enabled once nothing else blocks the reply; editing the text so that a marked
    // finding changes (kind, span or text) drops its mark.
    void markNotPersonalData();
    // Marks these findings with the reason (what the dialog does); false with a message when the
    // reason is blank or too long, or nothing could be marked.
    bool overrideFindings(const QVector<Finding> &targets, const QString &reason);
    // What markNotPersonalData() would mark now.
    QVector<Finding> overrideTargets() const;
    const QVector<Finding> &overriddenFindings() const { return m_overridden; }
    QPushButton *notPersonalDataButton() const { return m_notPersonal; }
    // Ctrl+T: the saved-reply picker; inserts the chosen reply at the cursor.
    void openPicker();
    // Expands "::code" just before the cursor; false when there is none or it is unknown.
    bool expandShortCode();
    // Inserts a saved reply at the cursor, asking for its prompted variables; false if cancelled.
    bool insertSavedReply(const SavedReply &reply);

    // The composer's state, for the main window and tests.
    const QVector<Finding> &findings() const { return m_findings; }
    const LengthCheck &lengthCheck() const { return m_length; }
    QString blockedReason() const { return m_blockedReason; }
    const QVector<Finding> &exposedFindings() const { return m_exposed; }
    const ReplyContext &replyContext() const { return m_context; }
    QLabel *counterLabel() const { return m_counter; }
    QLabel *guardLabel() const { return m_guardText; }
    QPushButton *switchToPrivateButton() const { return m_switchPrivate; }
    // Offered where the customer exposed personal data in a Facebook or Instagram comment.
    QPushButton *hideCommentButton() const { return m_hideComment; }
    QLabel *exposureLabel() const { return m_exposure; }

    // Team mode: the colleague who holds the thread (empty: nobody, or the agent). While a
    // colleague holds it, arming a decision is refused with their name and the Take over action
    // (takeOverRequested); an armed decision is disarmed when a colleague's claim shows up.
    void setHeldBy(const QString &colleague);
    const QString &heldBy() const { return m_heldBy; }
    // Team mode without a connection: arming works and this notice is shown (empty: none).
    void setClaimNotice(const QString &notice) { m_claimNotice = notice; }
    QPushButton *takeOverButton() const { return m_takeOver; }

    void showError(const QString &message);
    void showInfo(const QString &message);
    void clearMessage();
    QString message() const;

    QPlainTextEdit *editor() const { return m_editor; }
    // Forward only: the message to the customer, sent after the forward, and how.
    QPlainTextEdit *customerEditor() const { return m_customerEditor; }
    QComboBox *customerKindCombo() const { return m_customerKind; }
    QComboBox *reasonCombo() const { return m_reason; }
    QComboBox *categoryCombo() const { return m_category; }
    DecisionButton *button(DecisionKind kind) const;
    QPushButton *confirmButton() const { return m_confirm; }

signals:
    // The text or the armed decision changed (the main window stores the draft).
    void draftChanged();
    // The agent confirmed; the request is complete (thread, decision, text, reason, category,
    // the guard's findings and what the agent did about them).
    void confirmRequested(const sportello::DecisionRequest &request);
    void cancelRequested();
    // The agent armed a decision (not a draft restored with its decision).
    void decisionArmed();
    // The agent chose Take over on a thread a colleague holds (the console confirms it first).
    void takeOverRequested();
    // The agent picked a category in the combo (not emitted when a thread is loaded).
    void categoryChosen(sportello::Category category);
    // The agent asked to hide the comment that exposes personal data (the console asks which and why).
    void hideCommentRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The constructor's steps, in the order of the tab chain.
    void buildHeader();
    void buildDecisionButtons();
    void buildReasonAndCategory();
    void buildReplyEditor();
    void buildGuardBar();
    void buildExposureNotice();
    void buildCustomerMessage();
    void buildMessageAndActions();
    void layOut();
    void retranslateUi();
    void updateArmedState();
    // Refuses a decision on a colleague's thread: their name, and the Take over action.
    void showHeldByColleague();
    void showSuggestion(const ThreadDetail *thread);
    void updateComposer();
    void showExposure();
    void readThreadContext(const ThreadDetail *thread);
    // Where saved replies go: the message to the customer when it has the focus, else the reply.
    QPlainTextEdit *activeEditor() const;
    // The text the composer checks (reply, or the forward's message) and how it would go out.
    QPlainTextEdit *checkedEditor(Visibility *visibility) const;
    QVector<SavedReply> rankedReplies() const;
    // The finding of the checked public text under its editor's cursor, if any.
    std::optional<Finding> findingAtCursor() const;
    void showEditorMenu(QPlainTextEdit *editor, QContextMenuEvent *event);

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
    QPushButton *m_takeOver;
    QString m_heldBy;
    QString m_claimNotice;
    QString m_messageText;
    bool m_messageIsError = false;

    // The composer
    Database *m_database = nullptr;
    Guard m_guard;
    QString m_agentName;
    QDate m_today;
    ReplyContext m_context;
    bool m_waiting = false;
    bool m_canHide = false;      // the channel lets a page hide a public comment
    bool m_hideable = false;     // a comment exposing personal data can still be hidden
    QVector<Finding> m_findings; // in the armed public reply
    QVector<Finding> m_blocked;  // the last findings that blocked it, for the audit
    // Marked "not personal data" by the agent (spans in the checked editor's text), one reason.
    QVector<Finding> m_overridden;
    QString m_overrideReason;
    QPushButton *m_notPersonal;
    QVector<Finding> m_exposed;  // in the customer's public post
    LengthCheck m_length;
    QString m_blockedReason;
    QLabel *m_counter;
    QWidget *m_guardBar;
    QLabel *m_guardText;
    QPushButton *m_switchPrivate;
    QPushButton *m_hideComment = nullptr;
    QLabel *m_exposure;
    QLabel *m_customerLabel;
    QComboBox *m_customerKind;
    QPlainTextEdit *m_customerEditor;
    QPlainTextEdit *m_lastEditor = nullptr;
    // Bumped whenever the panel shows a thread, so that a dialog's answer is dropped when a
    // refresh replaced the thread or its draft while the dialog was open.
    quint64 m_generation = 0;
};

} // namespace sportello::ui
