#pragma once
// Go > Open Complaints: the complaints forwarded to customer care that still wait for their
// formal answer, with the days left on the regulatory clock, and "Mark Answered…" once customer
// care has answered (asks for a note; recorded and audited by the triage service).

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace sportello {
class TriageService;
} // namespace sportello

namespace sportello::ui {

class ComplaintsModel;

class ComplaintsPane : public QWidget {
    Q_OBJECT
public:
    explicit ComplaintsPane(ComplaintsModel *model, QWidget *parent = nullptr);

    // The service that records resolutions; nullptr when no cache is open. Not owned.
    void setTriageService(TriageService *triage) { m_triage = triage; }

    QTableView *view() const { return m_view; }
    QPushButton *markAnsweredButton() const { return m_markAnswered; }
    qint64 currentThreadId() const;

    // Asks for a note and marks the selected complaint answered.
    void markAnswered();
    // Marks a complaint answered with this note; false (and a message) on failure.
    bool markAnswered(qint64 threadId, const QString &note);

signals:
    // The agent wants to read the thread (double click or Enter).
    void openThreadRequested(qint64 threadId);
    // A complaint was marked answered.
    void complaintResolved(qint64 threadId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();

    ComplaintsModel *m_model;
    TriageService *m_triage = nullptr;
    QLabel *m_summary;
    QTableView *m_view;
    QPushButton *m_markAnswered;
};

} // namespace sportello::ui
