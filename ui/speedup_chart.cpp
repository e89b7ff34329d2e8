#include "speedup_chart.h"

#include "chart_style.h"
#include "line_looks.h"
#include "timeline_panel.h"  // workers_text

namespace plab::ui {

SpeedupChart::SpeedupChart(QWidget* parent)
    : ChartPages(tr("Speedup"), BarMeasure::Speedup, parent),
      speedup_(new SeriesChart(tr("Speedup: serial time ÷ elapsed (higher is better)"),
                               SeriesChart::YAxis::Times)),
      efficiency_(
          new SeriesChart(tr("Efficiency: speedup ÷ workers"), SeriesChart::YAxis::Percent)) {
    add_chart(speedup_, 3);
    add_chart(efficiency_, 2);
}

std::vector<LegendEntry> SpeedupChart::draw_lines(const ChartPoints& points,
                                                  const ChartColors& colors) {
    const bool cpu = !points.ideal_speedup.empty() &&
                     points.ideal_speedup.back().y < points.ideal_speedup.back().x;
    QStringList ids{"ideal"};
    speedup_->set_line(
        "ideal",
        cpu ? tr("Ideal: workers, at most this machine's cores") : tr("Ideal: speedup = workers"),
        {ideal_pen(colors), {}, {}, {}}, points.ideal_speedup);
    efficiency_->set_line("ideal", tr("Ideal"), {ideal_pen(colors), {}, {}, {}},
                          points.ideal_efficiency);
    if (serial_part_) {  // Amdahl's (or Gustafson's) bound: what a perfect pool reaches
        speedup_->set_line("bound", serial_part_legend(*serial_part_),
                           {bound_pen(colors), {}, {}, {}}, serial_part_->bound);
        ids << "bound";
    }
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
    return speedup_->legend_entries();
}

std::pair<double, QString> SpeedupChart::bars_ideal(const ChartPoints& points) const {
    const double ideal = points.ideal_speedup.empty() ? 0 : points.ideal_speedup.back().y;
    return {ideal, tr("ideal with %1: %2×")
                       .arg(workers_text(points.max_workers), QString::number(ideal, 'f', 2))};
}

}  // namespace plab::ui
