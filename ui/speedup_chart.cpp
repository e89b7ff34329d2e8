#include "speedup_chart.h"

#include <QEvent>
#include <QVBoxLayout>

#include "chart_style.h"
#include "elapsed_chart.h"
#include "line_looks.h"
#include "timeline_panel.h"  // workers_text

namespace plab::ui {

SpeedupChart::SpeedupChart(QWidget* parent)
    : QWidget(parent),
      pages_(new QStackedWidget(this)),
      line_page_(new QWidget),
      speedup_(new SeriesChart(tr("Speedup: serial time ÷ elapsed (higher is better)"),
                               SeriesChart::YAxis::Times)),
      efficiency_(
          new SeriesChart(tr("Efficiency: speedup ÷ workers"), SeriesChart::YAxis::Percent)),
      legend_(new ChartLegend),
      bars_(new BarsView(tr("Speedup"), BarMeasure::Speedup)) {
    auto* page = new QVBoxLayout(line_page_);
    page->setContentsMargins(0, 0, 0, 0);
    page->setSpacing(0);
    page->addWidget(speedup_, 3);
    page->addWidget(efficiency_, 2);
    page->addWidget(legend_);
    pages_->addWidget(line_page_);
    pages_->addWidget(bars_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);
}

void SpeedupChart::show_points(const ChartPoints& points) {
    points_ = points;
    const ChartColors colors = chart_colors(palette());
    const bool cpu = !points.ideal_speedup.empty() &&
                     points.ideal_speedup.back().y < points.ideal_speedup.back().x;
    QStringList ids{"ideal"};
    speedup_->set_line(
        "ideal",
        cpu ? tr("Ideal: workers, at most this machine's cores") : tr("Ideal: speedup = workers"),
        {ideal_pen(colors), {}, {}, {}}, points.ideal_speedup);
    efficiency_->set_line("ideal", tr("Ideal"), {ideal_pen(colors), {}, {}, {}},
                          points.ideal_efficiency);
    for (std::size_t i = 0; i < points.series.size(); ++i) {
        const StrategySeries& s = points.series[i];
        const QString id = series_id(s.key);
        ids << id;
        const std::size_t n = points.series.size();
        speedup_->set_line(id, legend_name(s),
                           series_look(points, i, SeriesMeasure::Speedup, colors),
                           dodged(s.speedup, i, n));
        efficiency_->set_line(id, legend_name(s),
                              series_look(points, i, SeriesMeasure::Efficiency, colors),
                              dodged(s.efficiency, i, n));
    }
    speedup_->keep_only(ids);
    efficiency_->keep_only(ids);
    speedup_->set_expected(points.before_runs);
    efficiency_->set_expected(points.before_runs);
    const int lo = std::min(points.min_workers, 1);
    speedup_->fit_axes(lo, points.max_workers, 1);
    efficiency_->fit_axes(lo, points.max_workers, 100);
    legend_->set_entries(speedup_->legend_entries());
    bars_->set_title(bars_title(tr("Speedup"), points));
    pages_->setCurrentWidget(points.one_worker_count ? static_cast<QWidget*>(bars_) : line_page_);
    redraw_bars();
}

void SpeedupChart::show_live(const std::optional<LiveRun>& live) {
    if (live == live_) return;
    live_ = live;
    redraw_bars();
}

void SpeedupChart::redraw_bars() {
    const double ideal = points_.ideal_speedup.empty() ? 0 : points_.ideal_speedup.back().y;
    bars_->set_rows(bar_rows(points_, live_, BarMeasure::Speedup, chart_colors(palette())), ideal,
                    tr("ideal with %1: %2×")
                        .arg(workers_text(points_.max_workers), QString::number(ideal, 'f', 2)));
}

void SpeedupChart::set_text_scale(double factor) {
    speedup_->set_text_scale(factor);
    efficiency_->set_text_scale(factor);
    legend_->set_text_scale(factor);
    bars_->set_text_scale(factor);
}

void SpeedupChart::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) show_points(ChartPoints(points_));
}

}  // namespace plab::ui
