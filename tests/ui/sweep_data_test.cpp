// The window's data model, fed with event lines as the engine writes them.
#include <gtest/gtest.h>

#include "sweep_fixture.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

TEST(SweepData, RunsArriveInOrderWithTheirSpecs) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    ASSERT_EQ(d.runs().size(), 3u);
    EXPECT_EQ(d.planned().size(), 3u);
    EXPECT_EQ(d.runs()[0].spec.strategy, Strategy::Serial);
    EXPECT_EQ(d.runs()[1].spec.strategy, Strategy::Map);
    EXPECT_EQ(d.runs()[1].spec.workers, 2);
    EXPECT_EQ(d.runs()[1].received_at_s, 10.0);
    EXPECT_EQ(d.run(3)->spec.strategy, Strategy::MapClosure);
    EXPECT_EQ(d.run(4), nullptr);
    EXPECT_EQ(d.exit_codes(), std::vector<int>{1});
}

TEST(SweepData, OneBarPerTaskInItsWorkersLane) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    const RunRecord& map = d.runs()[1];
    ASSERT_EQ(map.bars.size(), 4u);
    ASSERT_EQ(map.lanes.size(), 2u);
    EXPECT_EQ(map.lane_order, (std::vector<int>{0, 1}));
    for (const TaskBar& bar : map.bars) {
        const Lane& lane = map.lanes[static_cast<std::size_t>(bar.lane)];
        EXPECT_EQ(lane.pid, bar.task % 2 == 0 ? 201 : 202) << bar.task;
        EXPECT_TRUE(bar.finished);
        EXPECT_TRUE(bar.ok);
    }
    EXPECT_EQ(map.lanes[0].bars.size(), 2u);
    EXPECT_DOUBLE_EQ(map.bars[0].start_s, 0.005);
    EXPECT_DOUBLE_EQ(map.bars[0].end_s, 1.005);
}

TEST(SweepData, RunningTasksAreOpenBarsUntilTheirTaskLine) {
    SweepData d;
    feed_first_half(d);
    const RunRecord& map = d.runs()[1];
    EXPECT_EQ(map.bars.size(), 4u);
    EXPECT_EQ(map.finished_tasks, 2);
    EXPECT_FALSE(map.bars[2].finished);
    EXPECT_FALSE(map.bars[3].finished);
    EXPECT_FALSE(map.ended());
    EXPECT_DOUBLE_EQ(map.latest_s, 1.007);
}

TEST(SweepData, CompletionOrderAndThePythonList) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    const RunRecord& map = d.runs()[1];
    std::vector<int> tasks;
    for (int bar : map.completion)
        tasks.push_back(map.bars[static_cast<std::size_t>(bar)].task);
    EXPECT_EQ(tasks, (std::vector<int>{1, 0, 3, 2}));
    EXPECT_EQ(ordered_results(map, 100), "[0, 1, 4, 9]");
    EXPECT_EQ(ordered_results(d.runs()[0], 2), "[0, 1, ...]");
    std::size_t count = 0;
    ordered_results(map, 1, &count);
    EXPECT_EQ(count, 4u);
}

TEST(SweepData, UnfinishedTasksPrintAsNone) {
    SweepData d;
    feed_first_half(d);
    EXPECT_EQ(ordered_results(d.runs()[1], 100), "[0, 1, None, None]");
}

TEST(SweepData, TheRefusalIsKeptWithItsMessage) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    const RunRecord& closure = d.runs()[2];
    EXPECT_TRUE(closure.refused());
    EXPECT_EQ(closure.end->refusal, "cannot send a function made at run time to a worker process");
    EXPECT_TRUE(closure.bars.empty());
    EXPECT_EQ(closure.end->failed, 4);
}

TEST(SweepData, AReplacedWorkerGetsItsOwnLaneUnderTheSameSlot) {
    SweepData d;
    d.begin_leg(small_leg());
    feed(d, {line({"run", "1", "1", "map", "2", "4", "0.100000", "sleep", "2", "1", "1"}),
             line({"start", "1", "0", "0", "300", "0.001000"}),
             line({"start", "1", "1", "1", "301", "0.001000"}),
             line({"task", "1", "1", "1", "301", "0.001000", "0.002000", "0",
                   "worker 1 (pid 301) was killed by signal 9 (SIGKILL) while running it"}),
             line({"start", "1", "2", "1", "305", "0.010000"}),
             line({"task", "1", "2", "1", "305", "0.010000", "0.110000", "1", "4"})});
    const RunRecord& run = d.runs()[0];
    ASSERT_EQ(run.lanes.size(), 3u);
    std::vector<int> pids;
    for (int lane : run.lane_order)
        pids.push_back(run.lanes[static_cast<std::size_t>(lane)].pid);
    EXPECT_EQ(pids, (std::vector<int>{300, 301, 305}));
    EXPECT_EQ(run.failed_tasks, 1);
    EXPECT_FALSE(run.bars[1].ok);
    EXPECT_EQ(run.texts[1], "worker 1 (pid 301) was killed by signal 9 (SIGKILL) while running it");
}

TEST(SweepData, ATaskLineWithoutStartStillMakesABar) {
    SweepData d;
    d.begin_leg(small_leg());
    feed(d, {line({"run", "1", "1", "map", "2", "4", "0.100000", "sleep", "2", "1", "-1"}),
             line({"task", "1", "3", "0", "300", "0.001000", "0.101000", "1", "9"})});
    ASSERT_EQ(d.runs()[0].bars.size(), 1u);
    EXPECT_TRUE(d.runs()[0].bars[0].finished);
}

TEST(SweepData, EventsOfUnknownRunsAreRefusedAndChangeNothing) {
    SweepData d;
    std::string why;
    const auto run =
        events::parse(line({"run", "1", "1", "map", "2", "4", "0.1", "sleep", "2", "1", "-1"}));
    ASSERT_TRUE(run);
    EXPECT_FALSE(d.apply(*run, 0, &why));  // no leg announced
    EXPECT_FALSE(why.empty());
    d.begin_leg(small_leg());
    const auto start = events::parse(line({"start", "7", "0", "0", "1", "0.0"}));
    ASSERT_TRUE(start);
    const auto before = d.revision();
    EXPECT_FALSE(d.apply(*start, 0, &why));
    EXPECT_NE(why.find("run 7"), std::string::npos);
    EXPECT_EQ(d.revision(), before);
}

TEST(SweepData, LegsNumberRunsAsOneSequence) {
    SweepData d;
    d.begin_leg(small_leg());
    feed(d, {line({"run", "1", "1", "map", "2", "4", "0.1", "sleep", "2", "1", "-1"}),
             line({"end", "1", "0.2", "0.4", "0.2", "2", "1", "0", "0", "0", ""})});
    SweepSpec second = small_leg();
    second.base.chunksize = 1;
    d.begin_leg(second);
    feed(d, {line({"run", "1", "1", "map", "2", "4", "0.1", "sleep", "2", "1", "-1"}),
             line({"start", "1", "0", "0", "400", "0.001"})});
    ASSERT_EQ(d.runs().size(), 2u);
    EXPECT_EQ(d.runs()[1].number, 2);
    EXPECT_EQ(d.runs()[1].leg, 1);
    EXPECT_EQ(d.runs()[1].chunk_setting, 1);
    EXPECT_EQ(d.runs()[1].planned_index, 3);  // the first leg planned 3 runs
    EXPECT_EQ(d.runs()[1].bars.size(), 1u);
    EXPECT_TRUE(d.runs()[0].bars.empty());
}

TEST(SweepData, RevisionsOnlyGrowEvenAcrossClear) {
    SweepData d;
    feed_first_half(d);
    const auto runs_revision = d.runs_revision();
    d.clear();
    EXPECT_GT(d.runs_revision(), runs_revision);
    EXPECT_TRUE(d.runs().empty());
    EXPECT_TRUE(d.legs().empty());
}
