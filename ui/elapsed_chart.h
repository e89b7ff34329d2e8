// Elapsed time against workers: one line per strategy, the ideal dashed, serial as a baseline.
#pragma once

#include "series_chart.h"

namespace plab::ui {

/// The article's measure: how long each strategy took with each number of workers.
class ElapsedChart : public SeriesChart {
    Q_OBJECT
  public:
    explicit ElapsedChart(QWidget* parent = nullptr);

    /// Redraws from points (cheap: replaces each line's points once).
    void show_points(const ChartPoints& points);
};

/// A strategy's legend name: its label, "— refused" when every run of it was refused.
QString legend_name(const StrategySeries& series);

}  // namespace plab::ui
