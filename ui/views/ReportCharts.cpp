#include "views/ReportCharts.h"

#include "common/LocaleText.h"
#include "models/ReportTableModel.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

namespace sportello::ui {

namespace {

const QColor kAxis(0x55, 0x5b, 0x66);
const QColor kGrid(0xe3, 0xe6, 0xea);
const QColor kVolume(0x2f, 0x6f, 0xb0);
const QColor kWithin(0x1b, 0x8a, 0x5a);

// A "nice" axis maximum: 1, 2, 2.5 or 5 times a power of ten, at or above `value`.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (step * magnitude >= value)
            return step * magnitude;
    return 10 * magnitude;
}

void drawEmpty(QPainter &painter, const QRect &area)
{
    painter.setPen(kAxis);
    painter.drawText(area, Qt::AlignCenter,
                     QCoreApplication::translate("ReportCharts", "No answered posts in this period."));
}

// Horizontal grid lines with their values on the left; returns the left margin used.
void drawValueGrid(QPainter &painter, const QRect &plot, double maximum, int steps, bool percent)
{
    const QLocale locale;
    for (int i = 0; i <= steps; ++i) {
        const int y = plot.bottom() - int(std::lround(plot.height() * double(i) / steps));
        painter.setPen(i == 0 ? kAxis : kGrid);
        painter.drawLine(plot.left(), y, plot.right(), y);
        const double value = maximum * i / steps;
        const QString text = percent ? percentText(value, 0, locale) : locale.toString(value, 'g', 6);
        painter.setPen(kAxis);
        const QRect box = percent ? QRect(plot.right() + 6, y - 8, 44, 16) : QRect(plot.left() - 50, y - 8, 44, 16);
        painter.drawText(box, (percent ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, text);
    }
}

} // namespace

QImage ReportChart::image() const
{
    QImage image(size() * devicePixelRatioF(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatioF());
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font());
    paintChart(painter, rect());
    return image;
}

void ReportChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), Qt::white);
    paintChart(painter, rect());
}

QColor ReportChart::categoryColor(const QString &category)
{
    if (category == QLatin1String("non_negative"))
        return {0x2a, 0x9d, 0x8f};
    if (category == QLatin1String("complaint"))
        return {0xd1, 0x49, 0x5b};
    if (category == QLatin1String("assistance"))
        return {0x3d, 0x5a, 0xa8};
    return {0x9a, 0xa0, 0xa6};
}

HistogramChart::HistogramChart(QWidget *parent) : ReportChart(parent) {}

QString HistogramChart::title() const { return tr("First response time by category (business minutes)"); }

void HistogramChart::setHistogram(const ReportTable &histogram)
{
    m_categories.clear();
    m_counts.clear();
    const int bins = int(histogramEdgesMinutes().size());
    const int cCategory = histogram.column(QStringLiteral("category"));
    const int cFrom = histogram.column(QStringLiteral("bin_from_min"));
    const int cPosts = histogram.column(QStringLiteral("posts"));
    for (const QString &id : {QStringLiteral("non_negative"), QStringLiteral("complaint"), QStringLiteral("assistance"),
                              QStringLiteral("none")}) {
        QVector<qint64> counts(bins, 0);
        bool any = false;
        for (const auto &row : histogram.rows) {
            if (row.at(cCategory).toString() != id)
                continue;
            const int bin = int(histogramEdgesMinutes().indexOf(int(row.at(cFrom).toLongLong())));
            if (bin >= 0) {
                counts[bin] += row.at(cPosts).toLongLong();
                any = true;
            }
        }
        if (any) {
            m_categories << id;
            m_counts << counts;
        }
    }
    update();
}

void HistogramChart::paintChart(QPainter &painter, const QRect &area) const
{
    const QFontMetrics fm(painter.font());
    const int legendHeight = fm.height() + 8;
    const QRect plot = area.adjusted(58, 12 + legendHeight, -16, -(fm.height() * 2 + 14));
    if (m_categories.isEmpty() || plot.width() < 50 || plot.height() < 30) {
        drawEmpty(painter, area);
        return;
    }
    qint64 maximum = 0;
    for (const auto &counts : m_counts)
        for (qint64 c : counts)
            maximum = std::max(maximum, c);
    const double top = niceCeiling(double(maximum));
    drawValueGrid(painter, plot, top, 4, false);

    // Legend, one swatch per category.
    int x = plot.left();
    for (const QString &id : m_categories) {
        const QString text = ReportTableModel::valueLabel(QStringLiteral("category"), id);
        painter.fillRect(QRect(x, area.top() + 8, 12, 12), categoryColor(id));
        painter.setPen(kAxis);
        painter.drawText(QRect(x + 16, area.top() + 4, fm.horizontalAdvance(text) + 4, fm.height() + 4),
                         Qt::AlignVCenter, text);
        x += 16 + fm.horizontalAdvance(text) + 18;
    }

    const QVector<int> &edges = histogramEdgesMinutes();
    const int bins = int(edges.size());
    const double slot = double(plot.width()) / bins;
    const double barWidth = std::max(2.0, (slot - 10) / m_categories.size());
    const QLocale locale;
    for (int b = 0; b < bins; ++b) {
        const double slotLeft = plot.left() + slot * b + 5;
        for (int c = 0; c < m_categories.size(); ++c) {
            const qint64 count = m_counts.at(c).at(b);
            if (count == 0)
                continue;
            const double h = plot.height() * double(count) / top;
            const QRectF bar(slotLeft + barWidth * c, plot.bottom() - h, barWidth - 1, h);
            painter.fillRect(bar, categoryColor(m_categories.at(c)));
        }
        const QString label =
            b + 1 < bins ? QStringLiteral("%1–%2").arg(locale.toString(edges.at(b)), locale.toString(edges.at(b + 1)))
                         : QStringLiteral("≥ %1").arg(locale.toString(edges.at(b)));
        painter.setPen(kAxis);
        painter.drawText(QRectF(plot.left() + slot * b, plot.bottom() + 4, slot, fm.height() + 2), Qt::AlignCenter,
                         label);
    }
    painter.drawText(QRect(plot.left(), plot.bottom() + fm.height() + 8, plot.width(), fm.height() + 2),
                     Qt::AlignCenter, tr("business minutes to the first response"));
}

DailyChart::DailyChart(QWidget *parent) : ReportChart(parent) {}

QString DailyChart::title() const
{
    return m_weekly ? tr("Posts per week and share answered within target")
                    : tr("Posts per day and share answered within target");
}

void DailyChart::setDays(const ReportTable &byDay, const QDate &from, const QDate &to)
{
    m_days.clear();
    m_posts.clear();
    m_withinTarget.clear();
    QHash<QString, int> rows;
    const int cDay = byDay.column(QStringLiteral("day"));
    for (int r = 0; r < byDay.rows.size(); ++r)
        rows.insert(byDay.rows.at(r).at(cDay).toString(), r);
    const int cPosts = byDay.column(QStringLiteral("posts"));
    const int cMet = byDay.column(QStringLiteral("met"));
    const int cMissed = byDay.column(QStringLiteral("missed"));
    // Up to kMaxPoints days a point a day; a longer range a point a week (its Monday), so that
    // the whole range is drawn whatever its length.
    const bool weekly = from.isValid() && to.isValid() && from.daysTo(to) + 1 > kMaxPoints;
    m_weekly = weekly;
    const QDate first = weekly ? from.addDays(1 - from.dayOfWeek()) : from;
    for (QDate d = first; d.isValid() && d <= to; d = d.addDays(weekly ? 7 : 1)) {
        qint64 posts = 0, met = 0, missed = 0;
        for (int i = 0; i < (weekly ? 7 : 1); ++i) {
            const int r = rows.value(d.addDays(i).toString(Qt::ISODate), -1);
            if (r < 0)
                continue;
            posts += byDay.rows.at(r).at(cPosts).toLongLong();
            met += byDay.rows.at(r).at(cMet).toLongLong();
            missed += byDay.rows.at(r).at(cMissed).toLongLong();
        }
        m_days << d;
        m_posts << posts;
        // met / (met + missed), as share_within_target; nothing judged: no point.
        m_withinTarget << (met + missed > 0 ? double(met) / double(met + missed) : std::nan(""));
    }
    update();
}

void DailyChart::paintChart(QPainter &painter, const QRect &area) const
{
    const QFontMetrics fm(painter.font());
    const int legendHeight = fm.height() + 8;
    const QRect plot = area.adjusted(58, 12 + legendHeight, -54, -(fm.height() + 14));
    qint64 maximum = 0;
    for (qint64 p : m_posts)
        maximum = std::max(maximum, p);
    if (m_days.isEmpty() || maximum == 0 || plot.width() < 50 || plot.height() < 30) {
        drawEmpty(painter, area);
        return;
    }
    const double top = niceCeiling(double(maximum));
    drawValueGrid(painter, plot, top, 4, false);
    drawValueGrid(painter, plot, 100, 4, true);

    // Legend.
    const QString volume = tr("Posts");
    const QString within = tr("Within target (right scale)");
    painter.setPen(QPen(kVolume, 2));
    painter.drawLine(plot.left(), area.top() + 14, plot.left() + 18, area.top() + 14);
    painter.setPen(kAxis);
    painter.drawText(QPoint(plot.left() + 24, area.top() + 14 + fm.ascent() / 2 - 1), volume);
    const int x2 = plot.left() + 24 + fm.horizontalAdvance(volume) + 24;
    painter.setPen(QPen(kWithin, 2, Qt::DashLine));
    painter.drawLine(x2, area.top() + 14, x2 + 18, area.top() + 14);
    painter.setPen(kAxis);
    painter.drawText(QPoint(x2 + 24, area.top() + 14 + fm.ascent() / 2 - 1), within);

    const int n = int(m_days.size());
    const auto xAt = [&](int i) {
        return n == 1 ? plot.center().x() : plot.left() + plot.width() * double(i) / (n - 1);
    };
    QPainterPath posts;
    for (int i = 0; i < n; ++i) {
        const QPointF p(xAt(i), plot.bottom() - plot.height() * double(m_posts.at(i)) / top);
        i == 0 ? posts.moveTo(p) : posts.lineTo(p);
    }
    painter.setPen(QPen(kVolume, 2));
    painter.drawPath(posts);
    // Points on each day, so that a short range still reads as days.
    if (n <= 120) {
        painter.setBrush(kVolume);
        for (int i = 0; i < n; ++i)
            painter.drawEllipse(QPointF(xAt(i), plot.bottom() - plot.height() * double(m_posts.at(i)) / top), 3, 3);
        painter.setBrush(Qt::NoBrush);
    }
    // The share line breaks on days where nothing was judged.
    QPainterPath share;
    bool drawing = false;
    for (int i = 0; i < n; ++i) {
        if (std::isnan(m_withinTarget.at(i))) {
            drawing = false;
            continue;
        }
        const QPointF p(xAt(i), plot.bottom() - plot.height() * m_withinTarget.at(i));
        drawing ? share.lineTo(p) : share.moveTo(p);
        drawing = true;
    }
    painter.setPen(QPen(kWithin, 2, Qt::DashLine));
    painter.drawPath(share);
    if (n <= 120) {
        painter.setPen(QPen(kWithin, 2));
        painter.setBrush(Qt::white);
        for (int i = 0; i < n; ++i)
            if (!std::isnan(m_withinTarget.at(i)))
                painter.drawEllipse(QPointF(xAt(i), plot.bottom() - plot.height() * m_withinTarget.at(i)), 3, 3);
        painter.setBrush(Qt::NoBrush);
    }

    // Date labels, as many as fit.
    const QLocale locale;
    const QString sample = dateText(m_days.first(), false, locale);
    const int every = std::max(1, int(std::ceil(double(n) * (fm.horizontalAdvance(sample) + 16) / plot.width())));
    painter.setPen(kAxis);
    for (int i = 0; i < n; i += every) {
        const QString text = dateText(m_days.at(i), false, locale);
        const int w = fm.horizontalAdvance(text) + 4;
        painter.drawText(QRectF(xAt(i) - w / 2.0, plot.bottom() + 4, w, fm.height() + 2), Qt::AlignCenter, text);
    }
}

ChartPanel::ChartPanel(ReportChart *chart, QWidget *parent) : QFrame(parent), m_chart(chart)
{
    setFrameShape(QFrame::StyledPanel);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_copy = new QPushButton(this);
    m_save = new QPushButton(this);
    connect(m_copy, &QPushButton::clicked, this, &ChartPanel::copyToClipboard);
    connect(m_save, &QPushButton::clicked, this, &ChartPanel::saveAsPng);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_copy);
    top->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(chart, 1);
    retranslate();
}

void ChartPanel::retranslate()
{
    m_title->setText(m_chart->title());
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the chart to the clipboard as a picture"));
    m_save->setText(tr("Save as PNG…"));
    m_save->setToolTip(tr("Save the chart as a PNG picture"));
    // A picture says nothing to a screen reader: its title, and where its figures are in words.
    m_chart->setAccessibleName(m_chart->title());
    m_chart->setAccessibleDescription(tr("A chart of the report; its figures are in the table of the report"));
}

void ChartPanel::copyToClipboard() { QApplication::clipboard()->setImage(m_chart->image()); }

bool ChartPanel::saveAsPng()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Chart"), QString(), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        path += QLatin1String(".png");
    if (!m_chart->image().save(path, "PNG")) {
        QMessageBox::warning(this, tr("Save Chart"),
                             tr("The chart could not be saved to %1.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return true;
}

} // namespace sportello::ui
