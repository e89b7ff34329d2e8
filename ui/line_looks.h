// How the line charts draw a strategy's series: pen, marker, hover texts and value labels.
#pragma once

#include "chart_style.h"
#include "series_chart.h"

namespace plab::ui {

/// Which of a series' numbers a chart shows.
enum class SeriesMeasure { Elapsed, Speedup, Efficiency };

/// The look of series number index of points (its marker is marker_shape(index), so no two of
/// an experiment's first six series share one): its strategy's colour and its chunk size's
/// dash, a hover text per point, and value labels on every point when the experiment has at
/// most 8 points in all, else on each series' last point.
LineLook series_look(const ChartPoints& points, std::size_t index, SeriesMeasure measure,
                     const ChartColors& colors);

/// The points of measure of series s.
const std::vector<XY>& measured(const StrategySeries& s, SeriesMeasure measure);

/// A legend name: the series' label, "— refused" when every run of it was refused.
QString legend_name(const StrategySeries& series);

}  // namespace plab::ui
