#include "elapsed_chart.h"

#include <QEvent>
#include <QVBoxLayout>

#include "axis_ticks.h"
#include "chart_style.h"
#include "line_looks.h"
#include "timeline_panel.h"  // workers_text

namespace plab::ui {

QString bars_title(const QString& name, const ChartPoints& points) {
    QString title = QObject::tr("%1 on %2").arg(name, workers_text(points.max_workers));
    if (points.before_runs) title += QObject::tr(": expected, before the first run");
    return title;
}

ElapsedChart::ElapsedChart(QWidget* parent)
    : QWidget(parent),
      pages_(new QStackedWidget(this)),
      line_page_(new QWidget),
      lines_(new SeriesChart(tr("Elapsed time (lower is better)"), SeriesChart::YAxis::Seconds)),
      legend_(new ChartLegend),
      bars_(new BarsView(tr("Elapsed time"), BarMeasure::Elapsed)) {
    auto* page = new QVBoxLayout(line_page_);
    page->setContentsMargins(0, 0, 0, 0);
    page->setSpacing(0);
    page->addWidget(lines_, 1);
    page->addWidget(legend_);
    pages_->addWidget(line_page_);
    pages_->addWidget(bars_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);
}

void ElapsedChart::show_points(const ChartPoints& points) {
    points_ = points;
    const ChartColors colors = chart_colors(palette());
    QStringList ids{"ideal"};
    lines_->set_line("ideal", tr("Ideal: ⌈tasks ÷ workers⌉ × delay"),
                     {ideal_pen(colors), {}, {}, {}}, points.ideal_elapsed);
    const double lo = std::min(points.min_workers, 1);
    for (const Baseline& b : points.baselines) {
        const QString id = points.baselines.size() > 1 ? QString("serial/%1").arg(b.chunk_setting)
                                                       : QString("serial");
        ids << id;
        lines_->set_line(id, QString::fromStdString(b.label),
                         {baseline_pen(colors, b.leg), {}, {}, {}},
                         {{lo, b.seconds}, {double(points.max_workers), b.seconds}});
    }
    for (std::size_t i = 0; i < points.series.size(); ++i) {
        const StrategySeries& s = points.series[i];
        ids << series_id(s.key);
        lines_->set_line(series_id(s.key), legend_name(s),
                         series_look(points, i, SeriesMeasure::Elapsed, colors),
                         dodged(s.elapsed, i, points.series.size()));
    }
    lines_->keep_only(ids);
    lines_->set_expected(points.before_runs);
    lines_->fit_axes(std::min(points.min_workers, 1), points.max_workers, 0.001);
    legend_->set_entries(lines_->legend_entries());
    bars_->set_title(bars_title(tr("Elapsed time"), points));
    pages_->setCurrentWidget(points.one_worker_count ? static_cast<QWidget*>(bars_) : line_page_);
    redraw_bars();
}

void ElapsedChart::show_live(const std::optional<LiveRun>& live) {
    if (live == live_) return;
    live_ = live;
    redraw_bars();
}

void ElapsedChart::redraw_bars() {
    const QString ideal = tr("ideal with %1: %2")
                              .arg(workers_text(points_.max_workers))
                              .arg(QString::fromStdString(format_duration(points_.ideal_s)));
    bars_->set_rows(bar_rows(points_, live_, BarMeasure::Elapsed, chart_colors(palette())),
                    points_.ideal_s, ideal);
}

void ElapsedChart::set_text_scale(double factor) {
    lines_->set_text_scale(factor);
    legend_->set_text_scale(factor);
    bars_->set_text_scale(factor);
}

void ElapsedChart::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) show_points(ChartPoints(points_));
}

}  // namespace plab::ui
