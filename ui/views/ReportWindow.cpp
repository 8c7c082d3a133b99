#include "views/ReportWindow.h"

#include "common/Accessible.h"
#include "common/Clock.h"
#include "common/LocaleText.h"
#include "models/ReportTableModel.h"
#include "privacy/AccessLog.h"
#include "report/ReportData.h"
#include "report/ReportExport.h"
#include "storage/Database.h"
#include "team/TeamRoles.h"
#include "views/ReportCharts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {

QTableView *makeTable(ReportTableModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setTabKeyNavigation(false); // Tab goes on to the next control, the arrows move in the table
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // The first column (the group's name) as wide as its text, the figures share the rest.
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view->horizontalHeader()->setMinimumSectionSize(56);
    QObject::connect(model, &QAbstractItemModel::modelReset, view, [view, model] {
        for (int c = 0; c < model->columnCount(); ++c) {
            const bool text = model->table().columns.at(c).type == ColumnType::Text ||
                              model->table().columns.at(c).type == ColumnType::Date;
            view->horizontalHeader()->setSectionResizeMode(c,
                                                           text ? QHeaderView::ResizeToContents : QHeaderView::Stretch);
        }
    });
    view->setWordWrap(false);
    return view;
}

} // namespace

ReportWindow::ReportWindow(Database &database, const Clock &clock, QWidget *parent)
    : QWidget(parent, Qt::Window), m_database(database), m_clock(clock)
{
    setObjectName(QStringLiteral("reportWindow"));
    // Outside staff see the figures with colleagues' names masked and may not export; the core
    // applies both rules again (ReportData, ReportExport), the window only says so ahead.
    if (auto audience = reportAudience(m_database))
        m_audience = audience.value();
    // Personal data leaves the team through those who lead it (docs/reports.md); the core
    // refuses it too (checkPersonalDataAllowed). A role that cannot be read is taken as refused.
    auto own = team::ownTeamRole(m_database.connection());
    m_personalDataAllowed = own && team::mayExportPersonalData(own.value());
    // In a team the exports are signed by the cache's login (the main window says who alone).
    if (own && own->has_value())
        m_accessAgent = Agent{(*own)->login, (*own)->name};
    buildFilterFields();
    QGridLayout *filters = layOutFilters();
    buildTabs();
    QHBoxLayout *bottom = buildExportBar();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);

    retranslateUi();
    resize(1200, 860);
    startOnCacheSpan();
    m_groupedView->setFocus();
}

// The report's filters and grouping, Refresh, Cancel and the busy bar.
void ReportWindow::buildFilterFields()
{
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_channel = new QComboBox(this);
    m_channel->addItem(QString());
    for (const QString &id : allChannelIds())
        m_channel->addItem(label(*channelFromId(id)), id);
    m_category = new QComboBox(this);
    m_category->addItem(QString());
    for (const QString &id : allCategoryIds())
        m_category->addItem(label(*categoryFromId(id)), id);
    m_category->addItem(QString(), QStringLiteral("none"));
    // The agents who decided anything: a short list (decisions are made by hand).
    m_agent = new QComboBox(this);
    m_agent->addItem(QString());
    for (const QString &agent : decisionAgents(m_database))
        m_agent->addItem(agent, agent);
    m_group1 = new QComboBox(this);
    m_group2 = new QComboBox(this);
    for (QComboBox *box : {m_group1, m_group2}) {
        box->addItem(QString());
        for (GroupField f : allGroupFields())
            box->addItem(label(f), toId(f));
    }
    m_group1->setCurrentIndex(1); // category
    m_refresh = new QPushButton(this);
    m_refresh->setDefault(true);
    connect(m_refresh, &QPushButton::clicked, this, &ReportWindow::refresh);
    m_cancel = new QPushButton(this);
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &ReportWindow::cancel);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // a report gives no count ahead: busy, not a percentage
    m_busy->setMaximumWidth(160);
    m_busy->setTextVisible(false);
    m_busy->hide();
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, &ReportWindow::markStale);
    for (QComboBox *box : {m_channel, m_category, m_agent, m_group1, m_group2})
        connect(box, &QComboBox::currentIndexChanged, this, &ReportWindow::markStale);
}

// The filters in one row under their captions.
QGridLayout *ReportWindow::layOutFilters()
{
    auto *filters = new QGridLayout;
    const auto addField = [&](int column, QWidget *field) {
        auto *caption = new QLabel(this);
        caption->setBuddy(field);
        m_labels << caption;
        filters->addWidget(caption, 0, column);
        filters->addWidget(field, 1, column);
    };
    addField(0, m_from);
    addField(1, m_to);
    addField(2, m_channel);
    addField(3, m_category);
    addField(4, m_agent);
    addField(5, m_group1);
    addField(6, m_group2);
    filters->addWidget(m_refresh, 1, 7);
    filters->addWidget(m_cancel, 1, 8);
    filters->addWidget(m_busy, 1, 9);
    filters->setColumnStretch(10, 1);
    return filters;
}

// The figures and charts tab, and the Cetif comparison tab.
void ReportWindow::buildTabs()
{
    m_groupedModel = new ReportTableModel(this);
    m_cetifModel = new ReportTableModel(this);
    m_purposeModel = new ReportTableModel(this);
    m_handoffModel = new ReportTableModel(this);
    m_groupedView = makeTable(m_groupedModel, this);
    m_cetifView = makeTable(m_cetifModel, this);
    m_purposeView = makeTable(m_purposeModel, this);
    m_cetifNote = new QLabel(this);
    m_purposeNote = new QLabel(this);
    for (QLabel *note : {m_cetifNote, m_purposeNote}) {
        note->setWordWrap(true);
        note->setTextFormat(Qt::PlainText);
    }

    m_histogram = new HistogramChart(this);
    m_daily = new DailyChart(this);
    m_histogramPanel = new ChartPanel(m_histogram, this);
    m_dailyPanel = new ChartPanel(m_daily, this);

    // Figures and charts side by side: the table a team lead reads, the shapes beside it.
    auto *figures = new QWidget(this);
    auto *figuresLayout = new QVBoxLayout(figures);
    figuresLayout->setContentsMargins(0, 0, 0, 0);
    figuresLayout->addWidget(m_groupedView);
    auto *charts = new QWidget(this);
    auto *chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addWidget(m_histogramPanel, 1);
    chartsLayout->addWidget(m_dailyPanel, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(figures);
    split->addWidget(charts);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto *cetif = new QWidget(this);
    auto *cetifLayout = new QVBoxLayout(cetif);
    cetifLayout->addWidget(m_cetifView, 3);
    cetifLayout->addWidget(m_cetifNote);
    cetifLayout->addWidget(m_purposeView, 2);
    cetifLayout->addWidget(m_purposeNote);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(split, QString());
    m_tabs->addTab(cetif, QString());
    // Customer care's side of the forwards (docs/handoff.md): by state, with time to resolution.
    m_tabs->addTab(makeTable(m_handoffModel, this), QString());
}

// The summary line, pseudonymisation and the export menu.
QHBoxLayout *ReportWindow::buildExportBar()
{
    m_summary = new QLabel(this);
    m_pseudonymise = new QCheckBox(this);
    m_pseudonymise->setChecked(true);
    m_pseudonymise->setEnabled(m_personalDataAllowed);
    m_export = new QPushButton(this);
    auto *exportMenu = new QMenu(m_export);
    m_export->setMenu(exportMenu);
    connect(exportMenu, &QMenu::aboutToShow, this, [this, exportMenu] {
        exportMenu->clear();
        exportMenu->addAction(tr("Grouped Figures…"), this, [this] { exportInteractive(Export::Grouped); });
        exportMenu->addAction(tr("Cetif Comparison…"), this, [this] { exportInteractive(Export::Cetif); });
        exportMenu->addAction(tr("Activity by Purpose…"), this, [this] { exportInteractive(Export::Purposes); });
        exportMenu->addAction(tr("Response-Time Histogram…"), this, [this] { exportInteractive(Export::Histogram); });
        exportMenu->addSeparator();
        exportMenu->addAction(tr("Post-Level Log…"), this, [this] { exportInteractive(Export::PostLog); });
    });
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_pseudonymise);
    bottom->addWidget(m_export);
    return bottom;
}

void ReportWindow::startOnCacheSpan()
{
    if (auto span = reportDateSpan(m_database, m_clock.nowMs())) {
        setRange(span->first, span->last);
    } else {
        const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs()).date();
        setRange(today.addDays(-29), today);
    }
}

ReportWindow::~ReportWindow()
{
    // The workers post their results to this window: stop them and wait before it goes.
    for (Job &job : m_jobs)
        job.cancelled->store(true);
    for (Job &job : m_jobs) {
        job.thread->wait();
        delete job.thread;
    }
}

void ReportWindow::retranslateUi()
{
    setWindowTitle(tr("Reports — Sportello"));
    const QStringList captions{tr("&From"),  tr("&To"),       tr("C&hannel"), tr("Ca&tegory"),
                               tr("A&gent"), tr("&Group by"), tr("Th&en by")};
    for (int i = 0; i < m_labels.size(); ++i)
        m_labels.at(i)->setText(captions.value(i));
    m_channel->setItemText(0, tr("All channels"));
    m_category->setItemText(0, tr("All categories"));
    m_category->setItemText(m_category->count() - 1, tr("No category"));
    m_agent->setItemText(0, tr("All agents"));
    m_cancel->setText(tr("&Cancel"));
    m_group1->setItemText(0, tr("Everything together"));
    m_group2->setItemText(0, tr("Nothing more"));
    m_refresh->setText(tr("&Refresh"));
    m_export->setText(tr("E&xport CSV"));
    m_export->setAccessibleDescription(tr("Writes a table of the report to a CSV file"));
    m_pseudonymise->setText(tr("&Pseudonymise authors"));
    m_pseudonymise->setToolTip(
        m_personalDataAllowed
            ? tr("Replace customers' handles and names (and @mentions) with a keyed hash, for sharing outside the "
                 "care team; uncheck it only when the file must name the customers")
            : tr("Exports are pseudonymised: exports with customers' names are for a supervisor, an admin or the "
                 "data protection officer"));
    m_tabs->setTabText(0, tr("Figures and Charts"));
    m_tabs->setTabText(1, tr("Cetif Comparison"));
    m_tabs->setTabText(2, tr("Hand-offs"));
    m_cetifNote->setText(tr("Study: mean response time observed by Cetif. Non-negative posts: 30 min to 24/48 h where "
                            "firms reply to selected posts, 8 to 60 min where they reply to all; negative feedback, "
                            "complaints and assistance requests: 10 to 120 min, whatever the practice. Both "
                            "ranges are shown. Times are calendar minutes from arrival to the first response the "
                            "customer saw (a forward: the hand-off's delivery to customer care)."));
    m_purposeNote->setText(tr("Study: the role of insurers' social presence — engagement 50%, product promotion 39%, "
                              "assistance 6% full + 6% light. Here: non-negative posts count as engagement, complaints "
                              "and assistance requests as assistance, and threads the company started itself as "
                              "promotion."));
    m_histogramPanel->retranslate();
    m_dailyPanel->retranslate();
    // What a screen reader reads after each control's name.
    m_from->setAccessibleDescription(tr("The first day of the report"));
    m_to->setAccessibleDescription(tr("The last day of the report"));
    m_channel->setAccessibleDescription(tr("Counts the posts of this channel only"));
    m_category->setAccessibleDescription(tr("Counts the posts of this category only"));
    m_agent->setAccessibleDescription(tr("Counts the decisions of this agent only"));
    m_group1->setAccessibleDescription(tr("One row of figures for each value of this field"));
    m_group2->setAccessibleDescription(tr("Splits each row again by this field"));
    m_refresh->setToolTip(tr("Computes the report again with the filters shown"));
    m_cancel->setToolTip(tr("Stops computing the report"));
    setAccessible(m_busy, tr("Computing the report"), tr("The report is being computed"));
    m_pseudonymise->setAccessibleDescription(m_pseudonymise->toolTip());
    setAccessible(m_groupedView, tr("Figures"), tr("The report's figures, one row per group"));
    setAccessible(m_cetifView, tr("Cetif comparison"), tr("Response times beside the ranges observed by Cetif"));
    setAccessible(m_purposeView, tr("Purposes"), tr("The share of engagement, promotion and assistance"));
    if (QWidget *handoffs = m_tabs->widget(2))
        setAccessible(handoffs, tr("Hand-offs"), tr("The forwards to customer care and what became of them"));
}

void ReportWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The figures do not depend on the language: only their labels are announced again.
        retranslateUi();
        for (ReportTableModel *model : {m_groupedModel, m_cetifModel, m_purposeModel, m_handoffModel})
            model->retranslate();
        m_histogram->update();
        m_daily->update();
        updateState();
    }
    QWidget::changeEvent(event);
}

void ReportWindow::setRange(const QDate &from, const QDate &to)
{
    m_from->setDate(from);
    m_to->setDate(to);
    refresh();
}

void ReportWindow::setAgent(const QString &agent)
{
    int index = m_agent->findData(agent);
    if (index < 0 && !agent.isEmpty()) {
        m_agent->addItem(agent, agent);
        index = m_agent->count() - 1;
    }
    m_agent->setCurrentIndex(std::max(index, 0));
    refresh();
}

void ReportWindow::setGrouping(const QVector<GroupField> &fields)
{
    m_group1->setCurrentIndex(fields.size() > 0 ? m_group1->findData(toId(fields.at(0))) : 0);
    m_group2->setCurrentIndex(fields.size() > 1 ? m_group2->findData(toId(fields.at(1))) : 0);
    refresh();
}

ReportFilter ReportWindow::currentFilter() const
{
    ReportFilter filter;
    filter.from = m_from->date();
    filter.to = m_to->date();
    if (!m_channel->currentData().isNull())
        filter.channel = channelFromId(m_channel->currentData().toString());
    filter.category = m_category->currentData().toString();
    filter.agent = m_agent->currentData().toString();
    return filter;
}

QVector<GroupField> ReportWindow::currentGrouping() const
{
    QVector<GroupField> fields;
    for (QComboBox *box : {m_group1, m_group2}) {
        const QString id = box->currentData().toString();
        for (GroupField f : allGroupFields())
            if (toId(f) == id && !fields.contains(f))
                fields << f;
    }
    return fields;
}

void ReportWindow::markStale()
{
    m_stale = true;
    updateState();
}

bool ReportWindow::isBusy() const { return m_computing || m_exporting; }

void ReportWindow::updateState()
{
    m_busy->setVisible(isBusy());
    m_cancel->setVisible(isBusy());
    // Exports write the figures shown: not while they are being replaced or no longer match the filters.
    if (m_audience.outsideStaff) {
        m_export->setEnabled(false);
        m_export->setToolTip(exportRefusedMessage());
        return;
    }
    m_export->setEnabled(!m_stale && !isBusy());
    m_export->setToolTip(m_stale ? tr("Refresh the report to export it with the filters shown.") : QString());
}

void ReportWindow::startJob(std::shared_ptr<std::atomic<bool>> cancelled, std::function<void()> work)
{
    QThread *thread = QThread::create(std::move(work));
    m_jobs.push_back({thread, std::move(cancelled)});
    connect(thread, &QThread::finished, this, [this, thread] {
        std::erase_if(m_jobs, [thread](const Job &j) { return j.thread == thread; });
        thread->deleteLater();
    });
    thread->start(QThread::LowPriority);
}

void ReportWindow::refresh()
{
    if (m_computeCancel)
        m_computeCancel->store(true); // the one running is abandoned
    const int generation = ++m_generation;
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    m_computeCancel = cancelled;
    m_computing = true;
    m_stale = false;
    m_summary->setText(tr("Computing the report…"));
    updateState();
    const QString path = m_database.path();
    const ReportFilter filter = currentFilter();
    const QVector<GroupField> grouping = currentGrouping();
    const qint64 now = m_clock.nowMs();
    startJob(cancelled, [this, path, filter, grouping, now, cancelled, generation] {
        // A recompute of the stored figures (after a policy change) says how far it is.
        const auto progress = [this, generation](qint64 done, qint64 total) {
            if (done < total)
                QMetaObject::invokeMethod(
                    this,
                    [this, generation, done, total] {
                        if (generation == m_generation && m_computing)
                            m_summary->setText(tr("Recomputing the stored figures under the current policy: %1 of %2 "
                                                  "conversations…")
                                                   .arg(QLocale().toString(done), QLocale().toString(total)));
                    },
                    Qt::QueuedConnection);
        };
        auto result = std::make_shared<Result<ReportTables>>(
            computeReportTables(path, filter, grouping, now, cancelled.get(), progress));
        QMetaObject::invokeMethod(
            this, [this, generation, result] { apply(generation, *result); }, Qt::QueuedConnection);
    });
}

void ReportWindow::cancel()
{
    if (m_computing) {
        m_computeCancel->store(true);
        ++m_generation; // whatever it still sends is dropped
        m_computing = false;
        m_stale = true; // the filters shown were never computed
        m_summary->setText(tr("Cancelled: the tables show the previous figures."));
    }
    if (m_exporting) {
        m_exportCancel->store(true); // the export ends with its own message
    }
    updateState();
}

void ReportWindow::apply(int generation, const Result<ReportTables> &result)
{
    if (generation != m_generation)
        return; // superseded or cancelled
    m_computing = false;
    if (!result) {
        m_stale = true;
        m_summary->setText(tr("The report could not be computed: %1").arg(result.error()));
        updateState();
        emit computed(false);
        return;
    }
    m_tables = result.value();
    m_groupedModel->setTable(m_tables.grouped);
    m_cetifModel->setTable(m_tables.cetif);
    m_purposeModel->setTable(m_tables.purposes);
    m_handoffModel->setTable(m_tables.handoffs);
    m_histogram->setHistogram(m_tables.histogram);
    m_daily->setDays(m_tables.days, m_tables.filter.from, m_tables.filter.to);
    m_dailyPanel->retranslate(); // its title says day or week
    m_summary->setText(tr("%Ln inbound post(s) from %1 to %2.", nullptr, int(m_tables.postCount))
                           .arg(dateText(m_tables.filter.from, true), dateText(m_tables.filter.to, true)));
    updateState();
    emit computed(true);
}

Status ReportWindow::exportTo(Export what, const QString &path)
{
    if (Status s = checkExportAllowed(m_audience); !s)
        return s;
    if (m_stale || m_computing)
        return Error{tr("The filters shown have not been applied yet: refresh the report, then export it.")};
    ExportOptions options;
    options.format = CsvFormat::forLanguage(QLocale().name());
    options.pseudonymise = m_pseudonymise->isChecked();
    if (!options.pseudonymise && !m_personalDataAllowed)
        return Error{tr("Exports with customers' names and texts are for a supervisor, an admin or the data "
                        "protection officer."),
                     ErrorKind::RefusedByPolicy};
    switch (what) {
    case Export::PostLog: {
        if (m_exporting)
            return Error{tr("An export of the post-level log is still running.")};
        m_exporting = true;
        auto cancelled = std::make_shared<std::atomic<bool>>(false);
        m_exportCancel = cancelled;
        m_summary->setText(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
        updateState();
        const QString database = m_database.path();
        const ReportFilter filter = m_tables.filter; // the figures shown, not the widgets
        const qint64 now = m_clock.nowMs();
        startJob(cancelled, [this, database, filter, now, path, options, cancelled] {
            auto rows = std::make_shared<Result<qint64>>(
                exportPostLogFile(database, filter, now, path, options, cancelled.get()));
            QMetaObject::invokeMethod(
                this,
                [this, rows, path, filter, options] {
                    m_exporting = false;
                    if (*rows) {
                        // An export that cannot be recorded is not left behind.
                        if (Status s = recordExport(Export::PostLog, filter, options); !s) {
                            QFile::remove(path);
                            *rows = s.failure();
                        }
                    }
                    const QString message = *rows ? tr("Saved %Ln post(s) to %1.", nullptr, int(rows->value()))
                                                        .arg(QDir::toNativeSeparators(path))
                                                  : rows->error();
                    m_summary->setText(message);
                    updateState();
                    emit exportFinished(rows->ok(), message);
                },
                Qt::QueuedConnection);
        });
        return {};
    }
    case Export::Grouped:
    case Export::Cetif:
    case Export::Purposes:
    case Export::Histogram: {
        const ReportTable &table = what == Export::Grouped    ? m_tables.grouped
                                   : what == Export::Cetif    ? m_tables.cetif
                                   : what == Export::Purposes ? m_tables.purposes
                                                              : m_tables.histogram;
        if (Status s = exportTable(table, path, options); !s)
            return s;
        Status recorded = recordExport(what, m_tables.filter, options);
        if (!recorded)
            QFile::remove(path); // not left behind unrecorded
        return recorded;
    }
    }
    return {};
}

Status ReportWindow::recordExport(Export what, const ReportFilter &filter, const ExportOptions &options)
{
    static const char *const names[] = {"grouped", "cetif", "purpose", "histogram", "post_log"};
    return privacy::recordAccess(m_database.connection(), m_clock.nowMs(), m_accessAgent,
                                 privacy::AccessKind::ReportExport,
                                 reportExportSubject(QLatin1String(names[int(what)]), filter, options));
}

void ReportWindow::exportInteractive(Export what)
{
    static const char *const names[] = {"figures", "cetif", "purposes", "histogram", "posts"};
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(QStringLiteral("sportello-%1-%2-%3.csv")
                          .arg(QLatin1String(names[int(what)]), m_tables.filter.from.toString(Qt::ISODate),
                               m_tables.filter.to.toString(Qt::ISODate)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (Status s = exportTo(what, path); !s) {
        QMessageBox::warning(this, tr("Export CSV"), s.error());
        return;
    }
    if (what == Export::PostLog) {
        // Written on the worker: its end is reported when it comes.
        auto *once = new QObject(this);
        connect(this, &ReportWindow::exportFinished, once, [this, once](bool ok, const QString &message) {
            if (!ok)
                QMessageBox::warning(this, tr("Export CSV"), message);
            once->deleteLater();
        });
        return;
    }
    m_summary->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace sportello::ui
