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
                           const TimelineMetrics& m, double top, double room) {
    TimelineLayout layout;
    int total_lanes = 0;
    double fixed = 0;
    for (int number : runs) {
        const RunRecord* run = data.run(number);
        if (!run) continue;
        RunBlock b;
        b.run = number;
        b.lanes =
            run->details_dropped || run->refused() ? 0 : static_cast<int>(run->lane_order.size());
        total_lanes += b.lanes;
        fixed +=
            m.header + (b.lanes > 0 ? m.strip : m.message) + (layout.blocks.empty() ? 0 : m.gap);
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
        b.strip_height = b.lanes > 0 ? m.strip : 0;
        b.bottom = b.strip_top + (b.lanes > 0 ? m.strip : m.message);
        y = b.bottom;
    }
    layout.height = y;
    return layout;
}

}  // namespace plab::ui
