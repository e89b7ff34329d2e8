// The numbers the two charts draw, derived from the runs so far. Plain C++ so tests can check
// the points without drawing anything.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sweep_data.h"

namespace plab::ui {

struct XY {
    double x = 0, y = 0;
    bool operator==(const XY&) const = default;
};

/// Which line a run belongs to: its strategy and, when the experiment compares chunk sizes,
/// the chunk size asked for (0 = auto).
struct SeriesKey {
    Strategy strategy = Strategy::Map;
    int chunk_setting = 0;
    bool operator==(const SeriesKey&) const = default;
};

/// One strategy's line: mean over repeats per worker count, ascending in x.
struct StrategySeries {
    SeriesKey key;
    std::string label;        ///< "Pool.map", or "Pool.map · chunksize 1" when chunk sizes differ
    bool refused = false;     ///< every run of it so far was refused
    int variant = 0;          ///< which chunk size of the experiment (0 = the first leg's)
    std::vector<XY> elapsed;  ///< seconds
    std::vector<XY> speedup;  ///< serial / elapsed
    std::vector<XY> efficiency;  ///< percent
};

/// What the elapsed and speedup charts show.
struct ChartPoints {
    std::vector<StrategySeries> series;  ///< every planned non-serial key, in strategy order
    std::vector<XY> ideal_elapsed;       ///< ideal time for each worker count 1..max
    std::vector<XY> ideal_speedup;       ///< workers (for cpu: at most this machine's cores)
    std::vector<XY> ideal_efficiency;    ///< percent
    std::optional<double> serial_s;      ///< the serial baseline (before any run: expected)
    bool serial_measured = false;        ///< measured by a serial run, not tasks x delay
    int min_workers = 1, max_workers = 1;
    bool before_runs = false;  ///< an experiment is set but no run began: all is expectation
};

/// points shifted sideways so that several strategies measured at the same worker counts stay
/// visible side by side instead of hiding one another: series index of count moves by
/// (index - (count - 1) / 2) x step, step = min(0.1, 0.6 / count), so all stay within +-0.3 of
/// their worker count. index >= count is taken as count - 1.
std::vector<XY> dodged(const std::vector<XY>& points, std::size_t index, std::size_t count);

/// Derives the charts' points from data; cores is this machine's (for the cpu ideal).
/// Cancelled and refused runs give no points. With no legs, everything is empty.
ChartPoints chart_points(const SweepData& data, int cores);

}  // namespace plab::ui
