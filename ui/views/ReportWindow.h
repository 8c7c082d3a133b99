#pragma once
// The report window (Go > Reports, Ctrl+R): a date range, filters and grouping; the grouped
// figures, the Cetif comparison and the activity by purpose as tables; the two charts; CSV
// exports through the same code as `sportello-cli report`. Figures are computed in SQL by
// core/report on a worker thread with its own connection to the cache (core/report/ReportJob);
// the window only shows the small tables that come back, and can cancel a long computation.

#include "domain/Agent.h"
#include "report/ReportJob.h"

#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QThread;
class QTableView;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::ui {

class ChartPanel;
class DailyChart;
class HistogramChart;
class ReportTableModel;

class ReportWindow : public QWidget {
    Q_OBJECT
public:
    enum class Export { Grouped, Cetif, Purposes, Histogram, PostLog };

    ReportWindow(Database &database, const Clock &clock, QWidget *parent = nullptr);
    ~ReportWindow() override;

    // Sets the range and computes the report (the window starts on the range of the cache's posts).
    void setRange(const QDate &from, const QDate &to);
    void setGrouping(const QVector<GroupField> &fields);
    void setAgent(const QString &agent); // empty for all agents
    // Starts computing every table and chart on the worker thread with the filters shown;
    // computed() tells when they are in. A computation still running is abandoned.
    void refresh();
    // Stops the computation running: the tables keep the last figures.
    void cancel();
    bool isBusy() const;
    // True while the filters shown differ from those of the figures shown: exports are refused.
    bool isStale() const { return m_stale; }
    // Outside staff (core/report ReportAudience): colleagues' names masked, exports refused.
    bool isOutsideStaff() const { return m_audience.outsideStaff; }
    QPushButton *exportButton() const { return m_export; }
    // Checked (the default): exports are pseudonymised. Disabled and checked for a role that may
    // not take personal data out (team::mayExportPersonalData).
    QCheckBox *pseudonymiseBox() const { return m_pseudonymise; }
    // Who the exports' access records (privacy/AccessLog.h) name.
    void setAccessAgent(const Agent &agent) { m_accessAgent = agent; }
    // Writes one export of the figures shown to `path` in the format of the user's language. The
    // tables are written at once; the post-level log is written on the worker thread and
    // exportFinished() tells how it went. The error when it cannot start.
    Status exportTo(Export what, const QString &path);

    ReportTableModel *groupedModel() const { return m_groupedModel; }
    ReportTableModel *cetifModel() const { return m_cetifModel; }
    ReportTableModel *purposeModel() const { return m_purposeModel; }
    ReportTableModel *handoffModel() const { return m_handoffModel; }
    HistogramChart *histogram() const { return m_histogram; }
    DailyChart *daily() const { return m_daily; }
    QTabWidget *tabs() const { return m_tabs; }

signals:
    void computed(bool ok);
    void exportFinished(bool ok, const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    // The constructor's steps.
    void buildFilterFields();
    QGridLayout *layOutFilters();
    void buildTabs();
    QHBoxLayout *buildExportBar();
    // Starts on the span of the cache's posts (the demo data lies in the recent past).
    void startOnCacheSpan();
    void retranslateUi();
    void exportInteractive(Export what);
    ReportFilter currentFilter() const;
    QVector<GroupField> currentGrouping() const;
    void markStale();
    void updateState();
    void apply(int generation, const Result<ReportTables> &result);
    // After an export was written: its access record. The error when it could not be written.
    Status recordExport(Export what, const ReportFilter &filter, const ExportOptions &options);
    // Runs `work` on a thread of its own; the window cancels and waits for it when it closes.
    void startJob(std::shared_ptr<std::atomic<bool>> cancelled, std::function<void()> work);

    // Worker threads still running, with their cancel flags.
    struct Job {
        QThread *thread;
        std::shared_ptr<std::atomic<bool>> cancelled;
    };

    Database &m_database;
    const Clock &m_clock;
    Agent m_accessAgent;
    bool m_personalDataAllowed = true;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_channel;
    QComboBox *m_category;
    QComboBox *m_agent;
    QComboBox *m_group1;
    QComboBox *m_group2;
    QPushButton *m_refresh;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QProgressBar *m_busy;
    QCheckBox *m_pseudonymise;
    QLabel *m_summary;
    QLabel *m_cetifNote;
    QLabel *m_purposeNote;
    QTabWidget *m_tabs;
    QTableView *m_groupedView;
    QTableView *m_cetifView;
    QTableView *m_purposeView;
    ReportTableModel *m_groupedModel;
    ReportTableModel *m_cetifModel;
    ReportTableModel *m_purposeModel;
    ReportTableModel *m_handoffModel;
    HistogramChart *m_histogram;
    DailyChart *m_daily;
    ChartPanel *m_histogramPanel;
    ChartPanel *m_dailyPanel;
    ReportAudience m_audience; // read once when the window opens
    ReportTables m_tables;     // the figures shown
    bool m_stale = true;
    int m_generation = 0; // of the computation whose result is awaited
    bool m_computing = false;
    bool m_exporting = false;
    std::shared_ptr<std::atomic<bool>> m_computeCancel;
    std::shared_ptr<std::atomic<bool>> m_exportCancel;
    std::vector<Job> m_jobs;
    QVector<QLabel *> m_labels;
};

} // namespace sportello::ui
