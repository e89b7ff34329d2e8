#include "elapsed_chart.h"

#include "axis_ticks.h"
#include "chart_style.h"
#include "line_looks.h"
#include "timeline_panel.h"  // workers_text

namespace plab::ui {

ElapsedChart::ElapsedChart(QWidget* parent)
    : ChartPages(tr("Elapsed time"), BarMeasure::Elapsed, parent),
      lines_(new SeriesChart(tr("Elapsed time (lower is better)"), SeriesChart::YAxis::Seconds)) {
    add_chart(lines_, 1);
}

std::vector<LegendEntry> ElapsedChart::draw_lines(const ChartPoints& points,
                                                  const ChartColors& colors) {
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
    return lines_->legend_entries();
}

std::pair<double, QString> ElapsedChart::bars_ideal(const ChartPoints& points) const {
    return {points.ideal_s, tr("ideal with %1: %2")
                                .arg(workers_text(points.max_workers))
                                .arg(QString::fromStdString(format_duration(points.ideal_s)))};
}

}  // namespace plab::ui
