#include "timeline_layout.h"

#include <algorithm>

namespace plab::ui {

const RunBlock* TimelineLayout::find(int run) const {
    for (const RunBlock& b : blocks) {
        if (b.run == run) return &b;
    }
    return nullptr;
}

const RunBlock* TimelineLayout::at(double y) const {
    auto it = std::upper_bound(blocks.begin(), blocks.end(), y,
                               [](double v, const RunBlock& b) { return v < b.top; });
    if (it == blocks.begin()) return nullptr;
    --it;
    return y < it->bottom ? &*it : nullptr;
}

TimelineLayout layout_runs(const SweepData& data, const std::vector<int>& runs,
                           const TimelineMetrics& m, double top, double room,
                           const std::vector<int>& collapsed) {
    TimelineLayout layout;
    int total_lanes = 0;
    double fixed = 0;
    for (int number : runs) {
        const RunRecord* run = data.run(number);
        if (!run) continue;
        RunBlock b;
        b.run = number;
        const bool has_lanes = !run->details_dropped && !run->refused() && !run->lane_order.empty();
        b.collapsed =
            has_lanes && std::find(collapsed.begin(), collapsed.end(), number) != collapsed.end();
        b.lanes = has_lanes && !b.collapsed ? static_cast<int>(run->lane_order.size()) : 0;
        b.strip_height = has_lanes ? m.strip : 0;
        total_lanes += b.lanes;
        fixed += m.header + (has_lanes ? m.strip : m.message) + (layout.blocks.empty() ? 0 : m.gap);
        layout.blocks.push_back(b);
    }
    const double share = total_lanes > 0 ? (room - top - fixed) / total_lanes : m.min_lane;
    const double lane = std::clamp(share, m.min_lane, m.max_lane);
    double y = top;
    for (RunBlock& b : layout.blocks) {
        if (&b != &layout.blocks.front()) y += m.gap;
        b.top = y;
        b.lanes_top = y + m.header;
        b.lane_height = lane;
        b.strip_top = b.lanes_top + b.lanes * lane;
        b.bottom = b.strip_top + (b.strip_height > 0 ? b.strip_height : m.message);
        y = b.bottom;
    }
    layout.height = y;
    return layout;
}

std::vector<int> runs_to_collapse(const SweepData& data, const std::vector<int>& runs,
                                  const TimelineMetrics& m, double room, int selected,
                                  const std::vector<int>& expanded) {
    std::vector<int> collapsed;
    if (layout_runs(data, runs, m, 0, 0).height <= room) return collapsed;
    // Too tall: every run as its header and strip (all on one scale at a glance), but the
    // ones the user expanded; then the selected run too when it still fits.
    for (int run : runs) {
        if (std::find(expanded.begin(), expanded.end(), run) == expanded.end())
            collapsed.push_back(run);
    }
    std::vector<int> with_selected = collapsed;
    std::erase(with_selected, selected);
    if (layout_runs(data, runs, m, 0, 0, with_selected).height <= room) return with_selected;
    return collapsed;
}

}  // namespace plab::ui
