// What the speedup chart shows of the serial part: the bound a perfect pool reaches (Amdahl's
// for strong scaling, Gustafson's for weak) and the serial fraction the measurements imply.
#pragma once

#include <QPen>
#include <QString>
#include <optional>
#include <vector>

#include "chart_points.h"
#include "chart_style.h"
#include "sweep_data.h"

namespace plab::ui {

/// The serial part of an experiment as its speedup chart draws it.
struct SerialPartPoints {
    double fraction = 0;    ///< F as set (the first leg's)
    bool weak = false;      ///< Gustafson's scaled speedup instead of Amdahl's
    std::vector<XY> bound;  ///< (n, bound) for n = 1 .. max workers
    /// The mean serial fraction estimated from the ended runs with 2 or more workers
    /// (Karp-Flatt for strong, (n - S)/(n - 1) for weak); nullopt before there is one.
    std::optional<double> estimated;
    int estimated_runs = 0;  ///< how many runs the estimate is the mean of
};

/// The serial part of data's experiment, or nullopt when it has none (F = 0, or no leg yet).
std::optional<SerialPartPoints> serial_part_points(const SweepData& data, int max_workers);

/// The bound line's legend name: "Amdahl's bound 1/(F + (1−F)/n) · serial fraction set 0.20,
/// estimated 0.22 (Karp-Flatt)" (Gustafson's n − F(n−1) for weak; "estimated" once known).
QString serial_part_legend(const SerialPartPoints& part);

/// The bound's pen: dash-dot, in the serial strategy's colour (the part that does not shrink).
QPen bound_pen(const ChartColors& colors);

}  // namespace plab::ui
