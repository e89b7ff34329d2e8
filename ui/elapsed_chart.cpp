#include "elapsed_chart.h"

#include "chart_style.h"

namespace plab::ui {

QString legend_name(const StrategySeries& series) {
    QString name = QString::fromStdString(series.label);
    if (series.refused) name += QObject::tr(" — refused");
    return name;
}

ElapsedChart::ElapsedChart(QWidget* parent)
    : SeriesChart(tr("Elapsed time (lower is better)"), tr("Elapsed (s)"), parent) {}

void ElapsedChart::show_points(const ChartPoints& points) {
    QStringList ids{"ideal"};
    set_line("ideal", tr("Ideal: ⌈tasks ÷ workers⌉ × delay"), ideal_pen(), points.ideal_elapsed,
             false);
    if (points.serial_s) {
        ids << "serial";
        const double lo = std::min(points.min_workers, 1);
        set_line("serial",
                 points.serial_measured
                     ? tr("Serial (measured): %1 s").arg(*points.serial_s, 0, 'f', 2)
                     : tr("Serial (tasks × delay): %1 s").arg(*points.serial_s, 0, 'f', 2),
                 baseline_pen(),
                 {{lo, *points.serial_s}, {double(points.max_workers), *points.serial_s}}, false);
    }
    for (std::size_t i = 0; i < points.series.size(); ++i) {
        const StrategySeries& s = points.series[i];
        ids << series_id(s.key);
        set_line(series_id(s.key), legend_name(s), series_pen(s.key.strategy, s.variant),
                 dodged(s.elapsed, i, points.series.size()), true);
    }
    keep_only(ids);
    set_expected(points.before_runs);
    fit_axes(std::min(points.min_workers, 1), points.max_workers, 0.001);
}

}  // namespace plab::ui
