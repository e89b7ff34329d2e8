// Where the timeline puts its runs: the blocks stacked on one scale, and what gives way when
// they do not fit the room.
#include <gtest/gtest.h>

#include <numeric>

#include "sweep_fixture.h"
#include "timeline_layout.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

/// Six ended Pool.map runs of two tasks on two workers each.
void feed_six_runs(SweepData& data) {
    SweepSpec leg;
    leg.strategies = {Strategy::Map};
    leg.workers = {2};
    leg.base.tasks = 2;
    data.begin_leg(leg);
    feed(data, {"plab-events 1"});
    for (int r = 1; r <= 6; ++r) {
        const std::string run = std::to_string(r);
        feed(data, {line({"run", run, "1", "map", "2", "2", "1.000000", "sleep", "2", "1", "-1"}),
                    line({"task", run, "0", "0", "201", "0.001", "1.001", "1", "0"}),
                    line({"task", run, "1", "1", "202", "0.001", "1.001", "1", "1"}),
                    line({"end", run, "1.002000", "2.000000", "1.000000", "1.99", "0.99", "0.0",
                          "0", "0", ""})});
    }
}

double gap_after_first(const TimelineLayout& layout) {
    return layout.blocks.at(1).top - layout.blocks.at(0).bottom;
}

}  // namespace

TEST(TimelineLayout, GapsGiveWayBeforeTheViewScrolls) {
    // Six collapsed runs on a 1280x720 projector at 150% were a few pixels taller than the
    // room, so the first run's title was cut at the top.
    SweepData data;
    feed_six_runs(data);
    std::vector<int> runs(6);
    std::iota(runs.begin(), runs.end(), 1);
    const TimelineMetrics m;
    const TimelineLayout natural = layout_runs(data, runs, m, 0, 0, runs);
    ASSERT_EQ(natural.blocks.size(), 6u);
    EXPECT_DOUBLE_EQ(gap_after_first(natural), m.gap) << "room 0: the natural layout";

    const TimelineLayout roomy = layout_runs(data, runs, m, 0, natural.height + 50, runs);
    EXPECT_DOUBLE_EQ(gap_after_first(roomy), m.gap) << "room to spare: gaps as they are";

    const double room = natural.height - 20;
    const TimelineLayout squeezed = layout_runs(data, runs, m, 0, room, runs);
    EXPECT_LE(squeezed.height, room + 1e-9) << "20 px short: the five gaps give 4 px each";
    EXPECT_NEAR(gap_after_first(squeezed), m.gap - 4, 1e-9);
    for (std::size_t i = 1; i < squeezed.blocks.size(); ++i)
        EXPECT_GT(squeezed.blocks[i].top, squeezed.blocks[i - 1].bottom) << "runs stay apart";

    const TimelineLayout far_too_tall = layout_runs(data, runs, m, 0, natural.height / 2, runs);
    EXPECT_NEAR(gap_after_first(far_too_tall), m.gap / 5, 1e-9) << "no less than a fifth";
    EXPECT_GT(far_too_tall.height, natural.height / 2) << "then the view scrolls";
}
