#include "views/ComplaintsPane.h"

#include "common/Format.h"
#include "models/ComplaintsModel.h"
#include "timers/Complaints.h"
#include "triage/TriageService.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace sportello::ui {

ComplaintsPane::ComplaintsPane(ComplaintsModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("complaintsSummary"));
    m_summary->setWordWrap(true);
    m_markAnswered = new QPushButton(this);
    m_markAnswered->setObjectName(QStringLiteral("markAnswered"));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("complaints"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    const QFontMetrics fm = m_view->fontMetrics();
    m_view->horizontalHeader()->resizeSection(ComplaintsModel::ChannelColumn,
                                              fm.horizontalAdvance(QStringLiteral("Google Play")) + 40);
    m_view->horizontalHeader()->resizeSection(ComplaintsModel::AuthorColumn,
                                              fm.horizontalAdvance(QStringLiteral("Giulia Bianchi (@giulia.b)")) + 16);
    m_view->horizontalHeader()->resizeSection(ComplaintsModel::ReceivedColumn,
                                              fm.horizontalAdvance(QStringLiteral("30 Sept 2026")) + 16);
    m_view->horizontalHeader()->resizeSection(ComplaintsModel::DeadlineColumn,
                                              fm.horizontalAdvance(QStringLiteral("30 Sept 2026")) + 16);
    m_view->horizontalHeader()->resizeSection(ComplaintsModel::DaysLeftColumn,
                                              fm.horizontalAdvance(QStringLiteral("38 giorni rimasti")) + 40);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_markAnswered);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 8);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_markAnswered, &QPushButton::clicked, this, qOverload<>(&ComplaintsPane::markAnswered));
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_model->threadIdAt(index.row()))
            emit openThreadRequested(id);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ComplaintsPane::updateState);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ComplaintsPane::updateState);
    retranslateUi();
}

qint64 ComplaintsPane::currentThreadId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->threadIdAt(current.row()) : 0;
}

void ComplaintsPane::markAnswered()
{
    const qint64 threadId = currentThreadId();
    if (threadId == 0)
        return;
    bool ok = false;
    const QString note = QInputDialog::getMultiLineText(
        this, tr("Mark Complaint Answered"),
        tr("Customer care has answered this complaint. Add a note for the audit log (for example the "
           "reference of the letter or e-mail):"),
        QString(), &ok);
    if (!ok)
        return;
    markAnswered(threadId, note.trimmed());
}

bool ComplaintsPane::markAnswered(qint64 threadId, const QString &note)
{
    if (!m_triage)
        return false;
    if (Status s = m_triage->resolveComplaint(threadId, note); !s) {
        QMessageBox::warning(this, tr("Mark Complaint Answered"), s.error());
        return false;
    }
    m_model->reload();
    emit complaintResolved(threadId);
    return true;
}

void ComplaintsPane::updateState()
{
    const int count = m_model->rowCount();
    if (count == 0)
        m_summary->setText(tr("No complaint forwarded to customer care is waiting for its formal answer."));
    else if (count == 1)
        m_summary->setText(tr("1 complaint forwarded to customer care is waiting for its formal answer, due %1 days "
                              "after receipt.")
                               .arg(kComplaintResponseDays));
    else
        m_summary->setText(tr("%1 complaints forwarded to customer care are waiting for their formal answer, due %2 "
                              "days after receipt.")
                               .arg(formatCount(count), formatCount(kComplaintResponseDays)));
    m_markAnswered->setEnabled(m_triage && currentThreadId() != 0);
    if (count > 0 && !m_view->currentIndex().isValid())
        m_view->setCurrentIndex(m_model->index(0, 0));
}

void ComplaintsPane::retranslateUi()
{
    m_markAnswered->setText(tr("Mark &Answered…"));
    m_markAnswered->setToolTip(tr("Customer care has sent the formal answer: stop the regulatory clock"));
    m_view->setAccessibleName(tr("Open complaints"));
    m_view->setAccessibleDescription(tr("Complaints forwarded to customer care, the nearest deadline first; Enter "
                                        "opens the thread"));
    m_model->retranslate();
    updateState();
}

void ComplaintsPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
