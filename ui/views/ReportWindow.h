#pragma once
// The report window (Go > Reports, Ctrl+R): a date range, filters and grouping; the grouped
// figures, the Cetif comparison and the activity by purpose as tables; the two charts; CSV
// exports through the same code as `sportello-cli report`. Figures are computed in SQL by
// core/report; the window only shows the small tables that come back.

#include "report/ReportData.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTabWidget;
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
    // Recomputes every table and chart; false (with the reason shown) when it failed.
    bool refresh();
    // Writes one export to `path` in the format of the user's language; the error when it fails.
    Status exportTo(Export what, const QString &path);

    ReportTableModel *groupedModel() const { return m_groupedModel; }
    ReportTableModel *cetifModel() const { return m_cetifModel; }
    ReportTableModel *purposeModel() const { return m_purposeModel; }
    HistogramChart *histogram() const { return m_histogram; }
    DailyChart *daily() const { return m_daily; }
    QTabWidget *tabs() const { return m_tabs; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void exportInteractive(Export what);
    ReportFilter currentFilter() const;
    QVector<GroupField> currentGrouping() const;

    Database &m_database;
    const Clock &m_clock;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_channel;
    QComboBox *m_category;
    QComboBox *m_group1;
    QComboBox *m_group2;
    QPushButton *m_refresh;
    QPushButton *m_export;
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
    HistogramChart *m_histogram;
    DailyChart *m_daily;
    ChartPanel *m_histogramPanel;
    ChartPanel *m_dailyPanel;
    ReportTable m_histogramTable;
    QVector<QLabel *> m_labels;
};

} // namespace sportello::ui
