#include "views/AccessLogWindow.h"

#include "common/Accessible.h"
#include "models/AccessLogModel.h"
#include "team/TeamDatabase.h"

#include <QDateEdit>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace sportello::ui {

AccessLogWindow::AccessLogWindow(const QSqlDatabase &db, privacy::AccessLogSource source,
                                 std::unique_ptr<team::TeamConnection> owned, QWidget *parent)
    : QWidget(parent, Qt::Window), m_connection(std::move(owned)), m_source(source)
{
    setObjectName(QStringLiteral("accessLogWindow"));
    m_model = new AccessLogModel(this);
    const QDate today = QDate::currentDate();
    m_since = new QDateEdit(today.addMonths(-1), this);
    m_since->setCalendarPopup(true);
    m_until = new QDateEdit(today, this);
    m_until->setCalendarPopup(true);
    m_agent = new QLineEdit(this);
    m_agent->setClearButtonEnabled(true);
    m_apply = new QPushButton(this);
    m_apply->setDefault(true);
    m_sinceLabel = new QLabel(this);
    m_sinceLabel->setBuddy(m_since);
    m_untilLabel = new QLabel(this);
    m_untilLabel->setBuddy(m_until);
    m_agentLabel = new QLabel(this);
    m_agentLabel->setBuddy(m_agent);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("accessLogView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);

    auto *filters = new QGridLayout;
    filters->addWidget(m_sinceLabel, 0, 0);
    filters->addWidget(m_since, 0, 1);
    filters->addWidget(m_untilLabel, 0, 2);
    filters->addWidget(m_until, 0, 3);
    filters->addWidget(m_agentLabel, 0, 4);
    filters->addWidget(m_agent, 0, 5);
    filters->addWidget(m_apply, 0, 6);
    filters->setColumnStretch(5, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);

    connect(m_apply, &QPushButton::clicked, this, &AccessLogWindow::applyFilter);
    connect(m_agent, &QLineEdit::returnPressed, this, &AccessLogWindow::applyFilter);
    connect(m_model, &AccessLogModel::modelReset, this, &AccessLogWindow::updateSummary);
    // Fitted to the first page of each reading; later pages keep the widths (and the user's).
    connect(m_model, &AccessLogModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (first == 0)
            fitColumns();
    });
    connect(m_model, &AccessLogModel::rowsInserted, this, &AccessLogWindow::updateSummary);
    connect(m_model, &AccessLogModel::queryFailed, this, &AccessLogWindow::updateSummary);
    retranslate();
    resize(900, 520);
    m_model->setSource(db, source);
    applyFilter();
}

void AccessLogWindow::fitColumns()
{
    // The first columns as wide as the rows read so far, the subject the rest.
    QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < AccessLogModel::SubjectColumn; ++column)
        m_view->resizeColumnToContents(column);
    header->resizeSection(
        AccessLogModel::SubjectColumn,
        std::max(header->sectionSize(AccessLogModel::SubjectColumn),
                 m_view->viewport()->width() - header->sectionPosition(AccessLogModel::SubjectColumn)));
}

void AccessLogWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

AccessLogWindow::~AccessLogWindow()
{
    // The model's connection goes before the connection itself.
    m_view->setModel(nullptr);
    delete m_model;
}

void AccessLogWindow::setRange(const QDate &since, const QDate &until)
{
    m_since->setDate(since);
    m_until->setDate(until);
}

void AccessLogWindow::setAgentFilter(const QString &agent) { m_agent->setText(agent); }

void AccessLogWindow::applyFilter()
{
    privacy::AccessLogFilter filter;
    filter.sinceMs = QDateTime(m_since->date(), QTime(0, 0)).toMSecsSinceEpoch();
    filter.untilMs = QDateTime(m_until->date().addDays(1), QTime(0, 0)).toMSecsSinceEpoch();
    filter.agent = m_agent->text().trimmed();
    m_model->setFilter(filter);
}

QString AccessLogWindow::summary() const { return m_summary->text(); }

void AccessLogWindow::updateSummary()
{
    if (!m_model->lastError().isEmpty())
        m_summary->setText(tr("The access records could not be read: %1").arg(m_model->lastError()));
    else if (m_model->total() >= 0)
        m_summary->setText(tr("%Ln record(s); %1 shown (more load as you scroll).", nullptr, int(m_model->total()))
                               .arg(m_model->rowCount()));
    else
        m_summary->clear();
}

void AccessLogWindow::retranslate()
{
    setWindowTitle(tr("Access Records"));
    m_sinceLabel->setText(tr("&From"));
    m_untilLabel->setText(tr("&To"));
    m_agentLabel->setText(tr("A&gent"));
    m_agent->setPlaceholderText(m_source == privacy::AccessLogSource::Team ? tr("Login (all when empty)")
                                                                           : tr("Name (all when empty)"));
    m_apply->setText(tr("&Show"));
    m_note->setText(m_source == privacy::AccessLogSource::Team
                        ? tr("Who opened a customer's card and who exported a report or a person's data, on every "
                             "desktop of the team. Customers are named by their record's id or a key, never by "
                             "their data.")
                        : tr("Who opened a customer's card and who exported a report or a person's data on this "
                             "desktop. Customers are named by their record's id or a key, never by their data."));
    setAccessible(m_view, tr("Access records"), tr("One row per access to personal data, newest first"));
    m_since->setAccessibleDescription(tr("The first day shown"));
    m_until->setAccessibleDescription(tr("The last day shown"));
    m_agent->setAccessibleDescription(tr("Shows only this agent's records"));
    updateSummary();
}

void AccessLogWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
