// Speedup and efficiency: bars of speedup when the experiment has one worker count, else
// lines against workers, each with its ideal.
#pragma once

#include <QStackedWidget>
#include <QWidget>
#include <optional>

#include "chart_legend.h"
#include "elapsed_bars.h"
#include "series_chart.h"

namespace plab::ui {

/// Two charts, one above the other, sharing one legend: speedup (serial ÷ elapsed) and
/// efficiency (speedup ÷ workers, in percent), each with the ideal a perfect pool would reach.
/// With one worker count: one bar per strategy instead, appearing as its runs end.
class SpeedupChart : public QWidget {
    Q_OBJECT
  public:
    explicit SpeedupChart(QWidget* parent = nullptr);

    void show_points(const ChartPoints& points);
    /// The running strategy's bar says it runs and for how long; nullopt: nothing runs.
    void show_live(const std::optional<LiveRun>& live);
    /// Scales every text (titles, labels, legend, values); <= 0 is taken as 1.
    void set_text_scale(double factor);

    SeriesChart* speedup() const { return speedup_; }
    SeriesChart* efficiency() const { return efficiency_; }
    ChartLegend* legend() const { return legend_; }
    BarsView* bars() const { return bars_; }
    bool showing_bars() const { return pages_->currentWidget() == bars_; }

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void redraw_bars();

    QStackedWidget* pages_;
    QWidget* line_page_;
    SeriesChart* speedup_;
    SeriesChart* efficiency_;
    ChartLegend* legend_;
    BarsView* bars_;
    ChartPoints points_;
    std::optional<LiveRun> live_;
};

}  // namespace plab::ui
