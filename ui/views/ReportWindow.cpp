#include "views/ReportWindow.h"

#include "models/ReportTableModel.h"
#include "report/ReportExport.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "timers/Clock.h"
#include "timers/PolicyStore.h"
#include "views/ReportCharts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {

QTableView *makeTable(ReportTableModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
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
            view->horizontalHeader()->setSectionResizeMode(c, text ? QHeaderView::ResizeToContents : QHeaderView::Stretch);
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
    addField(4, m_group1);
    addField(5, m_group2);
    filters->addWidget(m_refresh, 1, 6);
    filters->setColumnStretch(7, 1);

    m_groupedModel = new ReportTableModel(this);
    m_cetifModel = new ReportTableModel(this);
    m_purposeModel = new ReportTableModel(this);
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

    m_summary = new QLabel(this);
    m_pseudonymise = new QCheckBox(this);
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

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);

    retranslateUi();
    resize(1200, 860);

    // Start on the span of the cache's posts (the demo data lies in the recent past).
    const QTimeZone zone = PolicyStore::activeIn(m_database.connection()).ok()
                               ? PolicyStore::activeIn(m_database.connection())->calendar.timeZone()
                               : QTimeZone::systemTimeZone();
    const auto bound = [&](const char *function) -> QDate {
        auto v = sql::scalar(m_database.connection(),
                             QStringLiteral("SELECT %1(created_at) FROM posts WHERE direction = 'inbound'").arg(QLatin1String(function)));
        if (!v || v->isNull())
            return {};
        return QDateTime::fromMSecsSinceEpoch(v->toLongLong(), zone).date();
    };
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), zone).date();
    const QDate last = bound("max").isValid() ? std::min(bound("max"), today) : today;
    const QDate first = bound("min").isValid() ? std::max(bound("min"), last.addDays(-90)) : last.addDays(-29);
    setRange(first, last);
    m_groupedView->setFocus();
}

ReportWindow::~ReportWindow() = default;

void ReportWindow::retranslateUi()
{
    setWindowTitle(tr("Reports — Sportello"));
    const QStringList captions{tr("&From"), tr("&To"), tr("C&hannel"), tr("Ca&tegory"), tr("&Group by"), tr("Th&en by")};
    for (int i = 0; i < m_labels.size(); ++i)
        m_labels.at(i)->setText(captions.value(i));
    m_channel->setItemText(0, tr("All channels"));
    m_category->setItemText(0, tr("All categories"));
    m_category->setItemText(m_category->count() - 1, tr("No category"));
    m_group1->setItemText(0, tr("Everything together"));
    m_group2->setItemText(0, tr("Nothing more"));
    m_refresh->setText(tr("&Refresh"));
    m_export->setText(tr("E&xport CSV"));
    m_pseudonymise->setText(tr("&Pseudonymise authors"));
    m_pseudonymise->setToolTip(tr("Replace customers' handles and names (and @mentions) with a keyed hash, for "
                                  "sharing outside the care team"));
    m_tabs->setTabText(0, tr("Figures and Charts"));
    m_tabs->setTabText(1, tr("Cetif Comparison"));
    m_cetifNote->setText(tr("Study: mean response time observed by Cetif. Non-negative posts: 30 min to 24/48 h where "
                            "firms reply to selected posts, 8 to 60 min where they reply to all; negative feedback, "
                            "complaints and assistance requests: 10 to 120 min. Compared with the practice of the "
                            "active policy. Times are calendar minutes from arrival to first response."));
    m_purposeNote->setText(tr("Study: the role of insurers' social presence — engagement 50%, product promotion 39%, "
                              "assistance 6% full + 6% light. Here: non-negative posts count as engagement, complaints "
                              "and assistance requests as assistance, and threads the company started itself as "
                              "promotion."));
    m_histogramPanel->retranslate();
    m_dailyPanel->retranslate();
}

void ReportWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        refresh();
    }
    QWidget::changeEvent(event);
}

void ReportWindow::setRange(const QDate &from, const QDate &to)
{
    m_from->setDate(from);
    m_to->setDate(to);
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

bool ReportWindow::refresh()
{
    const ReportFilter filter = currentFilter();
    auto policy = PolicyStore(m_database).active();
    Result<std::unique_ptr<ReportData>> data =
        policy ? ReportData::build(m_database, policy.value(), filter, m_clock.nowMs()) : Result<std::unique_ptr<ReportData>>(Error{policy.error()});
    Result<ReportTable> grouped = Error{QString()}, cetif = Error{QString()}, purposes = Error{QString()},
                        histogram = Error{QString()}, days = Error{QString()};
    if (data) {
        grouped = data.value()->grouped(currentGrouping());
        cetif = data.value()->cetif();
        purposes = data.value()->purposes();
        histogram = data.value()->histogram();
        days = data.value()->grouped({GroupField::Day});
    }
    QString error = !data ? data.error() : !grouped ? grouped.error() : !cetif ? cetif.error()
                  : !purposes ? purposes.error() : !histogram ? histogram.error() : !days ? days.error() : QString();
    if (!error.isEmpty()) {
        m_summary->setText(tr("The report could not be computed: %1").arg(error));
        return false;
    }
    m_groupedModel->setTable(grouped.value());
    m_cetifModel->setTable(cetif.value());
    m_purposeModel->setTable(purposes.value());
    m_histogramTable = histogram.value();
    m_histogram->setHistogram(histogram.value());
    m_daily->setDays(days.value(), filter.from, filter.to);
    m_summary->setText(tr("%n inbound post(s) from %1 to %2.", nullptr, int(data.value()->postCount()))
                           .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate)));
    return true;
}

Status ReportWindow::exportTo(Export what, const QString &path)
{
    ExportOptions options;
    options.format = CsvFormat::forLanguage(QLocale().name());
    options.pseudonymise = m_pseudonymise->isChecked();
    auto policy = PolicyStore(m_database).active();
    if (!policy)
        return Error{policy.error()};
    switch (what) {
    case Export::PostLog: {
        auto rows = exportPostLog(m_database, policy.value(), currentFilter(), m_clock.nowMs(), path, options);
        return rows ? Status() : Status(Error{rows.error()});
    }
    case Export::Grouped: return exportTable(m_groupedModel->table(), path, options);
    case Export::Cetif: return exportTable(m_cetifModel->table(), path, options);
    case Export::Purposes: return exportTable(m_purposeModel->table(), path, options);
    case Export::Histogram: return exportTable(m_histogramTable, path, options);
    }
    return {};
}

void ReportWindow::exportInteractive(Export what)
{
    static const char *const names[] = {"figures", "cetif", "purposes", "histogram", "posts"};
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("sportello-%1-%2-%3.csv")
                                                .arg(QLatin1String(names[int(what)]), m_from->date().toString(Qt::ISODate),
                                                     m_to->date().toString(Qt::ISODate)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (Status s = exportTo(what, path); !s) {
        QMessageBox::warning(this, tr("Export CSV"), s.error());
        return;
    }
    m_summary->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace sportello::ui
