#include "speedup_chart.h"

#include <QVBoxLayout>

#include "chart_style.h"
#include "elapsed_chart.h"

namespace plab::ui {

SpeedupChart::SpeedupChart(QWidget* parent)
    : QWidget(parent),
      speedup_(new SeriesChart(tr("Speedup: serial time ÷ elapsed (higher is better)"),
                               tr("Speedup (×)"), this)),
      efficiency_(
          new SeriesChart(tr("Efficiency: speedup ÷ workers"), tr("Efficiency (%)"), this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(speedup_, 3);
    layout->addWidget(efficiency_, 2);
}

void SpeedupChart::show_points(const ChartPoints& points) {
    const bool cpu = !points.ideal_speedup.empty() &&
                     points.ideal_speedup.back().y < points.ideal_speedup.back().x;
    QStringList ids{"ideal"};
    speedup_->set_line(
        "ideal",
        cpu ? tr("Ideal: workers, at most this machine's cores") : tr("Ideal: speedup = workers"),
        ideal_pen(), points.ideal_speedup, false);
    efficiency_->set_line("ideal", tr("Ideal"), ideal_pen(), points.ideal_efficiency, false);
    for (std::size_t i = 0; i < points.series.size(); ++i) {
        const StrategySeries& s = points.series[i];
        const QString id = series_id(s.key);
        ids << id;
        const QPen pen = series_pen(s.key.strategy, s.variant);
        const std::size_t n = points.series.size();
        speedup_->set_line(id, legend_name(s), pen, dodged(s.speedup, i, n), true);
        efficiency_->set_line(id, legend_name(s), pen, dodged(s.efficiency, i, n), true);
    }
    speedup_->keep_only(ids);
    efficiency_->keep_only(ids);
    speedup_->set_expected(points.before_runs);
    efficiency_->set_expected(points.before_runs);
    const int lo = std::min(points.min_workers, 1);
    speedup_->fit_axes(lo, points.max_workers, 1);
    efficiency_->fit_axes(lo, points.max_workers, 100);
}

}  // namespace plab::ui
