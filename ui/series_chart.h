// A chart of lines against worker counts: the part the elapsed and speedup charts share.
#pragma once

#include <QChartView>
#include <QHash>
#include <QLineSeries>
#include <QValueAxis>
#include <vector>

#include "chart_points.h"

namespace plab::ui {

/// One QChart with a workers axis (x) and a value axis (y), whose lines are addressed by an id
/// the caller chooses. set_line() creates a line the first time and afterwards replaces its
/// points in one call (one redraw), never point by point.
class SeriesChart : public QChartView {
    Q_OBJECT
  public:
    SeriesChart(const QString& title, const QString& y_title, QWidget* parent = nullptr);

    /// Sets line id's name (legend), pen, markers and points. points must be ascending in x.
    void set_line(const QString& id, const QString& name, const QPen& pen,
                  const std::vector<XY>& points, bool markers);

    /// Removes every line whose id is not in keep.
    void keep_only(const QStringList& keep);

    /// x from min to max workers (with half a worker of room); y from 0 to the highest point
    /// plus room, at least min_top.
    void fit_axes(int min_workers, int max_workers, double min_top);

    /// Marks the chart as showing expectations only (nothing ran yet): its title says so.
    void set_expected(bool expected);

    /// The line with that id, or null: for tests and export.
    QLineSeries* line(const QString& id) const { return lines_.value(id); }

  private:
    QString title_;
    QValueAxis* x_ = nullptr;
    QValueAxis* y_ = nullptr;
    QHash<QString, QLineSeries*> lines_;
};

/// The ids both charts give their lines: "ideal", "serial", and one per strategy series.
QString series_id(const SeriesKey& key);

}  // namespace plab::ui
