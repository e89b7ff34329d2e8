// Speedup and efficiency: bars of speedup when the experiment has one worker count, else
// lines against workers, each with its ideal.
#pragma once

#include "chart_pages.h"
#include "serial_part_chart.h"

namespace plab::ui {

/// Two charts, one above the other, sharing one legend: speedup (serial ÷ elapsed) and
/// efficiency (speedup ÷ workers, in percent), each with the ideal a perfect pool would reach.
/// With one worker count: one bar per strategy instead, appearing as its runs end.
class SpeedupChart : public ChartPages {
    Q_OBJECT
  public:
    explicit SpeedupChart(QWidget* parent = nullptr);

    SeriesChart* speedup() const { return speedup_; }
    SeriesChart* efficiency() const { return efficiency_; }

  protected:
    std::vector<LegendEntry> draw_lines(const ChartPoints& points,
                                        const ChartColors& colors) override;
    std::pair<double, QString> bars_ideal(const ChartPoints& points) const override;

  public:
    /// The serial part to draw with the next show_points (its bound line and the estimated
    /// serial fraction in its legend name); nullopt: none.
    void set_serial_part(std::optional<SerialPartPoints> part) { serial_part_ = std::move(part); }

  private:
    std::optional<SerialPartPoints> serial_part_;
    SeriesChart* speedup_;
    SeriesChart* efficiency_;
};

}  // namespace plab::ui
