#pragma once
// The report window's charts, painted with QPainter (Qt Charts is GPL-only): response times per
// category as a histogram, and the daily volume with the share answered within target. Each can
// be copied to the clipboard or saved as PNG through its panel.

#include "report/ReportData.h"

#include <QDate>
#include <QFrame>
#include <QImage>
#include <QWidget>

class QLabel;
class QPushButton;

namespace sportello::ui {

class ReportChart : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    // The chart alone, at its current size, on a white background (for PNG and the clipboard).
    QImage image() const;
    virtual QString title() const = 0;

protected:
    void paintEvent(QPaintEvent *event) override;
    virtual void paintChart(QPainter &painter, const QRect &area) const = 0;
    static QColor categoryColor(const QString &category);
};

class HistogramChart : public ReportChart {
    Q_OBJECT
public:
    explicit HistogramChart(QWidget *parent = nullptr);
    // The table of ReportData::histogram().
    void setHistogram(const ReportTable &histogram);
    QString title() const override;
    QSize minimumSizeHint() const override { return {420, 220}; }

protected:
    void paintChart(QPainter &painter, const QRect &area) const override;

private:
    QStringList m_categories;
    QVector<QVector<qint64>> m_counts; // [category][bin]
};

class DailyChart : public ReportChart {
    Q_OBJECT
public:
    explicit DailyChart(QWidget *parent = nullptr);
    // The table of ReportData::grouped({Day}); days without posts between from and to are zeros.
    // Ranges longer than kMaxPoints days are drawn by week (weekly() is then true).
    void setDays(const ReportTable &byDay, const QDate &from, const QDate &to);
    static constexpr int kMaxPoints = 400;
    bool weekly() const { return m_weekly; }
    int points() const { return int(m_days.size()); }
    QString title() const override;
    QSize minimumSizeHint() const override { return {420, 220}; }

protected:
    void paintChart(QPainter &painter, const QRect &area) const override;

private:
    QVector<QDate> m_days;
    QVector<qint64> m_posts;
    QVector<double> m_withinTarget; // NaN where nothing was judged
    bool m_weekly = false;
};

// A chart with its title and Copy / Save as PNG buttons.
class ChartPanel : public QFrame {
    Q_OBJECT
public:
    ChartPanel(ReportChart *chart, QWidget *parent = nullptr);
    ReportChart *chart() const { return m_chart; }
    void copyToClipboard();
    // Asks for a file; returns false if cancelled or not written (after saying why).
    bool saveAsPng();
    void retranslate();

private:
    ReportChart *m_chart;
    QLabel *m_title;
    QPushButton *m_copy;
    QPushButton *m_save;
};

} // namespace sportello::ui
