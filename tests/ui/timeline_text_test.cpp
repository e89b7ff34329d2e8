// What the timeline writes for a lane: a pool worker by slot and pid, an MPI rank by its host
// and rank, so lanes of several hosts read apart on one time scale.
#include <gtest/gtest.h>

#include "timeline_text.h"
#include "ui_test_support.h"

using namespace plab;
using namespace plab::ui;

namespace {

RunRecord run_of(Strategy s) {
    RunRecord run;
    run.number = 1;
    run.spec.strategy = s;
    return run;
}

}  // namespace

TEST(TimelineText, AWorkerLaneNamesItsSlotAndPid) {
    const RunRecord run = run_of(Strategy::Map);
    EXPECT_EQ(lane_label(run, Lane{2, 4242, {}}), "worker 2 · pid 4242");
    EXPECT_EQ(lane_label(run_of(Strategy::ThreadMap), Lane{1, 4242, {}}), "thread 1 · pid 4242");
}

TEST(TimelineText, AnMpiRankLaneNamesItsHostAndRank) {
    RunRecord run = run_of(Strategy::MpiMap);
    run.hosts = {RunHost{"plab-h1"}, RunHost{"plab-h2"}};
    const Lane on_h2{3, 5150, {}, 1};
    EXPECT_EQ(lane_label(run, on_h2), "plab-h2 · rank 3");
    EXPECT_EQ(lane_label(run, Lane{1, 5100, {}, 0}), "plab-h1 · rank 1");
    // A host whose `host` line has not come (or is out of range) is named by its index.
    EXPECT_EQ(lane_label(run, Lane{4, 5200, {}, 7}), "host 7 · rank 4");
    run.hosts = {RunHost{"plab-h1"}, RunHost{}};
    EXPECT_EQ(lane_label(run, on_h2), "host 1 · rank 3");

    // A bar's tooltip names its lane the same way.
    run.hosts = {RunHost{"plab-h1"}, RunHost{"plab-h2"}};
    run.lanes = {on_h2};
    run.bars = {TaskBar{5, 0, 0.1, 0.3, true, true, TaskState::Ok}};
    run.texts = {"25"};
    const QString tip = bar_tooltip(run, 0, 0.5);
    EXPECT_TRUE(tip.contains("plab-h2 · rank 3")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("Result 25")) << tip.toStdString();
}

TEST(TimelineText, AnMpiRunsEventsNameItsLanes) {
    SweepData data;
    SweepSpec leg;
    leg.base.tasks = 2;
    leg.strategies = {Strategy::MpiMap};
    leg.workers = {2};
    data.begin_leg(leg);
    plab::ui::testing::feed(
        data, {plab::ui::testing::line(
                   {"run", "1", "1", "mpi_map", "2", "2", "0.100000", "sleep", "2", "1", "-1"}),
               plab::ui::testing::line({"host", "1", "0", "plab-h1", "0.000000", "0.000000"}),
               plab::ui::testing::line({"host", "1", "1", "plab-h2", "3.000010", "0.000100"}),
               plab::ui::testing::line(
                   {"task", "1", "0", "1", "5100", "0.001000", "0.101000", "1", "0", "host=0"}),
               plab::ui::testing::line(
                   {"task", "1", "1", "2", "5200", "0.001000", "0.101000", "1", "1", "host=1"})});
    const RunRecord& run = *data.run(1);
    ASSERT_EQ(run.lanes.size(), 2U);
    std::vector<std::string> labels;
    for (int lane : run.lane_order)
        labels.push_back(lane_label(run, run.lanes[static_cast<std::size_t>(lane)]).toStdString());
    EXPECT_EQ(labels, (std::vector<std::string>{"plab-h1 · rank 1", "plab-h2 · rank 2"}));
}
