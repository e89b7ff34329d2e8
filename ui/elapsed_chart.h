// Elapsed time: bars per strategy when the experiment has one worker count (the article's
// story at a glance), else lines against workers with the ideal dashed and serial as baselines.
#pragma once

#include "chart_pages.h"

namespace plab::ui {

/// The article's measure: how long each strategy took with each number of workers. Both pages
/// are always fed (so the lines stay testable and exportable); the one that fits is shown.
class ElapsedChart : public ChartPages {
    Q_OBJECT
  public:
    explicit ElapsedChart(QWidget* parent = nullptr);

    SeriesChart* lines() const { return lines_; }
    /// The line chart's line with that id, or null.
    QLineSeries* line(const QString& id) const { return lines_->line(id); }
    /// The line chart's QChart.
    QChart* chart() const { return lines_->chart(); }

  protected:
    std::vector<LegendEntry> draw_lines(const ChartPoints& points,
                                        const ChartColors& colors) override;
    std::pair<double, QString> bars_ideal(const ChartPoints& points) const override;

  private:
    SeriesChart* lines_;
};

}  // namespace plab::ui
