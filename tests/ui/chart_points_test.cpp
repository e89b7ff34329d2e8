// The numbers the charts draw, from runs fed as event lines.
#include <gtest/gtest.h>

#include <chrono>

#include "chart_points.h"
#include "experiment/durations.h"
#include "experiment/metrics.h"
#include "sweep_fixture.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

TEST(ChartPoints, EmptyWithoutAnExperiment) {
    const ChartPoints p = chart_points(SweepData{}, 2);
    EXPECT_TRUE(p.series.empty());
    EXPECT_TRUE(p.ideal_elapsed.empty());
    EXPECT_TRUE(p.baselines.empty());
    EXPECT_TRUE(p.bars.empty());
}

TEST(ChartPoints, IdealCurvesAreThereBeforeAnyRun) {
    SweepData d;
    d.begin_leg(small_leg());
    const ChartPoints p = chart_points(d, 2);
    EXPECT_EQ(p.ideal_elapsed, (std::vector<XY>{{1, 4.0}, {2, 2.0}}));
    EXPECT_EQ(p.ideal_speedup, (std::vector<XY>{{1, 1}, {2, 2}}));
    EXPECT_EQ(p.ideal_efficiency, (std::vector<XY>{{1, 100}, {2, 100}}));
    ASSERT_EQ(p.series.size(), 2u);  // map and map_closure: serial is the baseline
    EXPECT_TRUE(p.series[0].elapsed.empty());
    ASSERT_EQ(p.baselines.size(), 1u);  // what serial is expected to take: tasks x delay
    EXPECT_DOUBLE_EQ(p.baselines[0].seconds, 4.0);
    EXPECT_FALSE(p.baselines[0].measured);
    EXPECT_TRUE(p.before_runs);
}

TEST(ChartPoints, EachEndedRunIsAPoint) {
    SweepData d;
    feed_first_half(d);
    ChartPoints p = chart_points(d, 2);
    EXPECT_FALSE(p.before_runs);
    ASSERT_EQ(p.baselines.size(), 1u);
    EXPECT_DOUBLE_EQ(p.baselines[0].seconds, 4.001);
    EXPECT_TRUE(p.baselines[0].measured);
    EXPECT_EQ(p.baselines[0].label, "Serial (measured): 4.001 s");
    EXPECT_TRUE(p.series[0].elapsed.empty());  // map still running

    feed_second_half(d);
    p = chart_points(d, 2);
    ASSERT_EQ(p.series.size(), 2u);
    const StrategySeries& map = p.series[0];
    EXPECT_EQ(map.key.strategy, Strategy::Map);
    EXPECT_EQ(map.label, "Pool.map");
    EXPECT_EQ(map.elapsed, (std::vector<XY>{{2, 2.01}}));
    EXPECT_EQ(map.speedup, (std::vector<XY>{{2, 1.990547}}));
    ASSERT_EQ(map.efficiency.size(), 1u);
    EXPECT_NEAR(map.efficiency[0].y, 99.5274, 1e-9);
    const StrategySeries& closure = p.series[1];
    EXPECT_TRUE(closure.refused);
    EXPECT_TRUE(closure.elapsed.empty());
}

TEST(ChartPoints, RepeatsAreAveraged) {
    SweepData d;
    SweepSpec leg = small_leg();
    leg.strategies = {Strategy::Map};
    leg.workers = {1, 2};
    leg.repeats = 2;
    d.begin_leg(leg);
    int run = 0;
    for (const char* elapsed : {"4.0", "2.0", "4.2", "2.2"}) {
        ++run;
        const std::string workers = run % 2 ? "1" : "2";
        feed(d, {line({"run", std::to_string(run), run > 2 ? "2" : "1", "map", workers, "4", "1.0",
                       "sleep", "2", "1", "-1"}),
                 line({"end", std::to_string(run), elapsed, "4.0", "2.0", "1.0", "0.5", "nan", "0",
                       "0", ""})});
    }
    const ChartPoints p = chart_points(d, 2);
    ASSERT_EQ(p.series.size(), 1u);
    ASSERT_EQ(p.series[0].elapsed.size(), 2u);
    EXPECT_NEAR(p.series[0].elapsed[0].y, 4.1, 1e-12);
    EXPECT_NEAR(p.series[0].elapsed[1].y, 2.1, 1e-12);
    EXPECT_FALSE(p.baselines[0].measured);  // no serial run: the engine's ideal baseline
    EXPECT_DOUBLE_EQ(p.baselines[0].seconds, 4.0);
}

TEST(ChartPoints, CpuIdealStopsAtTheCores) {
    SweepData d;
    SweepSpec leg = small_leg();
    leg.workers = {1, 2, 3, 4};
    leg.base.workload = Workload::Cpu;
    d.begin_leg(leg);
    const ChartPoints p = chart_points(d, 2);
    EXPECT_EQ(p.ideal_speedup, (std::vector<XY>{{1, 1}, {2, 2}, {3, 2}, {4, 2}}));
    EXPECT_DOUBLE_EQ(p.ideal_efficiency[3].y, 50.0);
}

TEST(ChartPoints, TwoChunkSizesMakeTwoLinesPerStrategy) {
    SweepData d;
    SweepSpec a = small_leg();
    a.strategies = {Strategy::Map};
    a.base.chunksize = 1;
    SweepSpec b = a;
    b.base.chunksize = 0;
    d.begin_leg(a);
    d.begin_leg(b);
    const ChartPoints p = chart_points(d, 2);
    ASSERT_EQ(p.series.size(), 2u);
    EXPECT_EQ(p.series[0].label, "Pool.map · chunksize 1");
    EXPECT_EQ(p.series[1].label, "Pool.map · chunksize auto");
    EXPECT_EQ(p.series[0].variant, 0);
    EXPECT_EQ(p.series[1].variant, 1);
}

TEST(ChartPoints, DodgingSpreadsStrategiesAroundTheirWorkerCount) {
    const std::vector<XY> at5{{5, 2.0}};
    EXPECT_EQ(dodged(at5, 0, 1), at5);  // one strategy: where it is
    const auto first = dodged(at5, 0, 5);
    const auto middle = dodged(at5, 2, 5);
    const auto last = dodged(at5, 4, 5);
    EXPECT_DOUBLE_EQ(middle[0].x, 5.0);
    EXPECT_LT(first[0].x, middle[0].x);
    EXPECT_GT(last[0].x, middle[0].x);
    EXPECT_DOUBLE_EQ(first[0].x + last[0].x, 10.0);  // symmetric
    EXPECT_LE(last[0].x - 5.0, 0.3);
    EXPECT_DOUBLE_EQ(last[0].y, 2.0);  // only x moves
    EXPECT_LE(dodged(at5, 99, 40)[0].x - 5.0, 0.3);
}

namespace {

// The tiny-tasks experiment in small: serial and map at 1 worker, one leg per chunk size,
// whose serial runs measured 6 ms and 8 ms.
SweepData two_legs_measured() {
    SweepData d;
    SweepSpec a = small_leg();
    a.strategies = {Strategy::Serial, Strategy::Map};
    a.workers = {1, 2};
    a.base.chunksize = 1;
    SweepSpec b = a;
    b.base.chunksize = 0;
    d.begin_leg(a);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "serial", "1", "4", "0", "sleep", "1", "1", "-1"}),
             line({"end", "1", "0.006", "0.006", "0", "1", "1", "nan", "0", "0", ""}),
             line({"run", "2", "1", "map", "1", "4", "0", "sleep", "1", "1", "-1"}),
             line({"end", "2", "0.012", "0.006", "0", "0.5", "0.5", "nan", "0", "0", ""}),
             line({"done", "0"})});
    d.begin_leg(b);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "serial", "1", "4", "0", "sleep", "1", "1", "-1"}),
             line({"end", "1", "0.008", "0.008", "0", "1", "1", "nan", "0", "0", ""}),
             line({"run", "2", "1", "map", "1", "4", "0", "sleep", "1", "4", "-1"}),
             line({"end", "2", "0.004", "0.008", "0", "2", "2", "nan", "0", "0", ""})});
    return d;
}

}  // namespace

TEST(ChartPoints, EachChunkSizeKeepsItsOwnSerialBaseline) {
    const ChartPoints p = chart_points(two_legs_measured(), 2);
    ASSERT_EQ(p.baselines.size(), 2u);  // not one mean of 6 and 8 ms that matches neither
    EXPECT_DOUBLE_EQ(p.baselines[0].seconds, 0.006);
    EXPECT_DOUBLE_EQ(p.baselines[1].seconds, 0.008);
    EXPECT_TRUE(p.baselines[0].measured && p.baselines[1].measured);
    EXPECT_EQ(p.baselines[0].label, "Serial (measured), chunksize 1 sweep: 6.0 ms");
    EXPECT_EQ(p.baselines[1].label, "Serial (measured), chunksize auto sweep: 8.0 ms");
    // Each leg's map is measured against its own leg's serial (the engine's, per sweep).
    ASSERT_EQ(p.series.size(), 2u);
    EXPECT_EQ(p.series[0].speedup, (std::vector<XY>{{1, 0.5}}));
    EXPECT_EQ(p.series[1].speedup, (std::vector<XY>{{1, 2.0}}));
}

TEST(ChartPoints, ACancelledRunGivesNoPointAndNoSpeedup) {
    SweepData d;
    feed_first_half(d);
    feed(d,
         {line({"end", "2", "1.500000", "4.001000", "2.000000", "0", "0", "nan", "0", "1", ""})});
    const ChartPoints p = chart_points(d, 2);
    EXPECT_TRUE(p.series[0].elapsed.empty());
    EXPECT_TRUE(p.series[0].speedup.empty());
    ASSERT_EQ(p.bars.size(), 3u);
    EXPECT_EQ(p.bars[1].state, BarPoint::State::Cancelled);
    EXPECT_EQ(p.bars[1].speedup, 0);
}

TEST(ChartPoints, OneWorkerCountGivesABarPerStrategyInTheFormsOrder) {
    SweepData d;
    feed_first_half(d);
    ChartPoints p = chart_points(d, 2);
    EXPECT_TRUE(p.one_worker_count);
    ASSERT_EQ(p.bars.size(), 3u);
    EXPECT_EQ(p.bars[0].label, "Serial");
    EXPECT_EQ(p.bars[0].state, BarPoint::State::Done);
    EXPECT_DOUBLE_EQ(p.bars[0].elapsed_s, 4.001);
    EXPECT_EQ(p.bars[1].state, BarPoint::State::Running);
    EXPECT_DOUBLE_EQ(p.bars[1].expected_s, 2.0);  // the ideal at 2 workers
    EXPECT_EQ(p.bars[2].state, BarPoint::State::Waiting);
    feed_second_half(d);
    p = chart_points(d, 2);
    EXPECT_EQ(p.bars[1].state, BarPoint::State::Done);
    EXPECT_DOUBLE_EQ(p.bars[1].speedup, 1.990547);
    EXPECT_EQ(p.bars[2].state, BarPoint::State::Refused);
    EXPECT_EQ(p.bars[2].note, "refused: a closure cannot be sent (as in Python)");
    EXPECT_FALSE(chart_points(two_legs_measured(), 2).one_worker_count);
}

TEST(ChartPoints, TheLiveRunGrowsWithTheClock) {
    SweepData d;
    feed_first_half(d);  // map's run arrived at window time 10, its latest event at 1.007 s
    auto live = live_run(d, 12.5);
    ASSERT_TRUE(live);
    EXPECT_EQ(live->key.strategy, Strategy::Map);
    EXPECT_DOUBLE_EQ(live->elapsed_s, 2.5);
    EXPECT_DOUBLE_EQ(live_run(d, 10.2)->elapsed_s, 1.007);  // never behind its own events
    feed_second_half(d);
    EXPECT_FALSE(live_run(d, 20));
}

TEST(ChartPoints, HoverTextsSayStrategyWorkersElapsedAndSpeedup) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    const ChartPoints p = chart_points(d, 2);
    ASSERT_EQ(p.series[0].tips.size(), 1u);
    EXPECT_EQ(p.series[0].tips[0],
              "Pool.map · 2 workers\nelapsed 2.010 s\nspeedup 1.99× · efficiency 100%");
}

TEST(ChartPoints, AnUnevenExperimentIsPlannedOnceNotOnEveryRedraw) {
    // Each ideal figure of uneven durations walks every task's planned duration: 1,000,000
    // tasks at 1..8 workers. The first drawing pays for it; the same experiment drawn again
    // (every form edit, every run's start and end) must not, and must give the same curve.
    SweepData d;
    SweepSpec leg = small_leg();
    leg.workers = {1, 2, 3, 4, 5, 6, 7, 8};
    leg.base.tasks = kMaxPlannedIdealTasks;
    leg.base.delay_ns = 1'000'000;
    leg.base.durations = *parse_durations("uniform:0.5");
    d.begin_leg(leg);
    const auto timed = [&d](ChartPoints* out) {
        const auto t0 = std::chrono::steady_clock::now();
        *out = chart_points(d, 2);
        return std::chrono::steady_clock::now() - t0;
    };
    ChartPoints first, again;
    const auto first_took = timed(&first);
    const auto again_took = timed(&again);
    EXPECT_EQ(first.ideal_elapsed, again.ideal_elapsed);
    ASSERT_EQ(first.ideal_elapsed.size(), 8u);
    EXPECT_LT(first.ideal_elapsed.back().y, first.ideal_elapsed.front().y / 4);  // 8 workers
    EXPECT_LT(again_took * 10, first_took)
        << "first " << std::chrono::duration<double>(first_took).count() << " s, again "
        << std::chrono::duration<double>(again_took).count() << " s";
}
