// Where the timeline puts each run: blocks stacked top to bottom (Perfetto's way), each a
// header line, one row per lane and a utilisation strip. Plain C++ geometry, tested alone.
#pragma once

#include <vector>

#include "sweep_data.h"

namespace plab::ui {

/// Pixel sizes at the current text scale.
struct TimelineMetrics {
    double header = 24;    ///< a run's title line
    double min_lane = 20;  ///< lanes never get thinner (the view scrolls instead)
    double max_lane = 44;  ///< nor thicker (when there is room to spare)
    double strip = 34;     ///< the utilisation strip under a run's lanes
    double message = 22;   ///< the line a run without lanes shows (refused, waiting)
    double gap = 10;       ///< between two runs
};

/// One run's block. A run without lanes (refused, waiting, bars dropped) has lanes == 0, a
/// message line instead of lanes and no strip. A collapsed run shows its header and strip
/// only (Perfetto's collapsed process: its summary track): lanes == 0, collapsed true.
struct RunBlock {
    int run = 0;  ///< its number (SweepData::run)
    bool collapsed = false;
    double top = 0;
    double lanes_top = 0;
    double lane_height = 0;
    int lanes = 0;
    double strip_top = 0;
    double strip_height = 0;
    double bottom = 0;

    /// Top of lane row (0 = first in RunRecord::lane_order); row is not checked.
    double lane_top(int row) const { return lanes_top + row * lane_height; }
};

/// The blocks of the runs shown, top to bottom, and the height they take.
struct TimelineLayout {
    std::vector<RunBlock> blocks;
    double height = 0;

    /// The block of run number run, or null.
    const RunBlock* find(int run) const;
    /// The block whose [top, bottom) holds y, or null.
    const RunBlock* at(double y) const;
};

/// Lays out runs (numbers into data; unknown numbers are skipped) from y = top, those in
/// collapsed with no lane rows. Lanes share room - top so that the whole fits in room when it
/// can, each lane between m.min_lane and m.max_lane high: all lanes get the same height, so
/// every run is drawn alike.
TimelineLayout layout_runs(const SweepData& data, const std::vector<int>& runs,
                           const TimelineMetrics& m, double top, double room,
                           const std::vector<int>& collapsed = {});

/// Which runs to collapse so the runs fit room: none when all fit expanded; else all but
/// those in expanded, and then the selected run too unless it fits expanded.
std::vector<int> runs_to_collapse(const SweepData& data, const std::vector<int>& runs,
                                  const TimelineMetrics& m, double room, int selected,
                                  const std::vector<int>& expanded);

}  // namespace plab::ui
