// Speedup and efficiency against workers, each with its ideal.
#pragma once

#include <QWidget>

#include "series_chart.h"

namespace plab::ui {

/// Two charts, one above the other: speedup (serial ÷ elapsed) and efficiency (speedup ÷
/// workers, in percent), each with the ideal a perfect pool would reach.
class SpeedupChart : public QWidget {
    Q_OBJECT
  public:
    explicit SpeedupChart(QWidget* parent = nullptr);

    void show_points(const ChartPoints& points);

    SeriesChart* speedup() const { return speedup_; }
    SeriesChart* efficiency() const { return efficiency_; }

  private:
    SeriesChart* speedup_;
    SeriesChart* efficiency_;
};

}  // namespace plab::ui
