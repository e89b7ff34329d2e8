// Elapsed time: bars per strategy when the experiment has one worker count (the article's
// story at a glance), else lines against workers with the ideal dashed and serial as baselines.
#pragma once

#include <QStackedWidget>
#include <optional>

#include "chart_legend.h"
#include "elapsed_bars.h"
#include "series_chart.h"

namespace plab::ui {

/// The article's measure: how long each strategy took with each number of workers. Both views
/// are always fed (so lines stay testable and exportable); the one that fits is shown.
class ElapsedChart : public QWidget {
    Q_OBJECT
  public:
    explicit ElapsedChart(QWidget* parent = nullptr);

    /// Redraws from points (cheap: replaces each line's points once).
    void show_points(const ChartPoints& points);
    /// The running strategy's bar grows to live's elapsed time; nullopt: nothing runs.
    void show_live(const std::optional<LiveRun>& live);
    /// Scales every text of both views (titles, labels, legend, values); <= 0 is taken as 1.
    void set_text_scale(double factor);

    bool showing_bars() const { return pages_->currentWidget() == bars_; }
    SeriesChart* lines() const { return lines_; }
    BarsView* bars() const { return bars_; }
    ChartLegend* legend() const { return legend_; }
    /// The line chart's line with that id, or null.
    QLineSeries* line(const QString& id) const { return lines_->line(id); }
    /// The line chart's QChart.
    QChart* chart() const { return lines_->chart(); }

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void redraw_bars();

    QStackedWidget* pages_;
    QWidget* line_page_;
    SeriesChart* lines_;
    ChartLegend* legend_;
    BarsView* bars_;
    ChartPoints points_;
    std::optional<LiveRun> live_;
};

/// Bars' title for a chart called name: "name on 5 workers", and ": expected, ..." before runs.
QString bars_title(const QString& name, const ChartPoints& points);

}  // namespace plab::ui
