#include <gtest/gtest.h>

#include <cmath>

#include "experiment/metrics.h"
#include "experiment/sweep.h"
#include "test_support.h"

namespace plab {
namespace {

TEST(Metrics, IdealOfUnevenTasksIsTheirMakespan) {
    ExperimentSpec s;
    s.tasks = 4;
    s.workers = 2;
    s.delay_ns = 1'000'000'000;
    s.durations = *parse_durations("rising");  // 0.4, 0.8, 1.2, 1.6 s
    // Workers take the next task when free: {0.4, 1.2} and {0.8, 1.6} end at 1.6 and 2.4 s,
    // where fixed durations of the same mean would end at 2 rounds = 2 s.
    EXPECT_NEAR(ideal_seconds(s, 2), 2.4, 1e-9);
    s.strategy = Strategy::Serial;
    EXPECT_NEAR(ideal_seconds(s, 2), 4.0, 1e-9);  // the sum
    s.strategy = Strategy::Map;
    s.durations = *parse_durations("straggler:3");  // 1, 1, 1, 3 s
    EXPECT_NEAR(ideal_seconds(s, 2), 4.0, 1e-9);    // the last task alone after a round
}

TEST(Metrics, IdealSpeedupEfficiencyKarpFlatt) {
    ExperimentSpec s;
    s.tasks = 10;
    s.delay_ns = 1'000'000'000;
    s.workers = 5;
    EXPECT_DOUBLE_EQ(ideal_seconds(s, 2), 2.0);
    s.workers = 4;
    EXPECT_DOUBLE_EQ(ideal_seconds(s, 2), 3.0);  // ceil(10/4) rounds
    s.workload = Workload::Cpu;
    EXPECT_DOUBLE_EQ(ideal_seconds(s, 2), 5.0);  // only 2 cores compute at once
    s.strategy = Strategy::Serial;
    EXPECT_DOUBLE_EQ(ideal_seconds(s, 2), 10.0);
    EXPECT_DOUBLE_EQ(speedup(10.0, 2.0), 5.0);
    EXPECT_DOUBLE_EQ(speedup(10.0, 0.0), 0.0);
    EXPECT_DOUBLE_EQ(efficiency(5.0, 5), 1.0);
    EXPECT_NEAR(karp_flatt(5.0, 5), 0.0, 1e-12);
    EXPECT_NEAR(karp_flatt(2.5, 5), (0.4 - 0.2) / 0.8, 1e-12);
    EXPECT_TRUE(std::isnan(karp_flatt(1.0, 1)));
    EXPECT_GE(machine_cores(), 1);
}

TEST(Sweep, PlansSerialOncePerRepeatThenEachCombination) {
    SweepSpec s;
    s.strategies = {Strategy::Map, Strategy::Serial, Strategy::ThreadMap};
    s.workers = {1, 2};
    s.repeats = 2;
    const auto runs = plan_runs(s);
    ASSERT_EQ(runs.size(), 10u);
    EXPECT_EQ(runs[0].strategy, Strategy::Serial);
    EXPECT_EQ(runs[1].strategy, Strategy::Map);
    EXPECT_EQ(runs[2].workers, 2);
    EXPECT_EQ(runs[5].strategy, Strategy::Serial);
}

TEST(Sweep, ComparesEachRunWithItsSerialBaseline) {
    SweepSpec s;
    s.base.tasks = 6;
    s.base.delay_ns = 50'000'000;
    s.strategies = {Strategy::Serial, Strategy::Map, Strategy::MapClosure};
    s.workers = {1, 3};
    const auto rows = run_sweep(s);
    ASSERT_EQ(rows.size(), 5u);
    const double serial = rows[0].run.elapsed_s;
    EXPECT_GE(serial, 0.29);
    for (const SweepRow& r : rows) {
        EXPECT_DOUBLE_EQ(r.serial_s, serial);
        EXPECT_EQ(r.run.id.repeat, 1);
    }
    EXPECT_EQ(rows[2].run.spec.workers, 3);
    EXPECT_GT(rows[2].speedup * testing::kSlowdown, 1.5);  // coarse: ideal is 3
    EXPECT_NEAR(rows[2].efficiency, rows[2].speedup / 3, 1e-12);
    EXPECT_FALSE(rows[3].run.refusal.empty());
    EXPECT_EQ(rows[3].speedup, 0);
}

TEST(Sweep, ValidationNamesWhatIsAllowed) {
    SweepSpec s;
    EXPECT_NE(validate(s).find("strategies must name at least one of: serial, map"),
              std::string::npos);
    s.strategies = {Strategy::Map};
    EXPECT_NE(validate(s), "");
    s.workers = {1, 65};
    EXPECT_EQ(validate(s), "workers must be 1..64, got 65");
    s.workers = {2};
    s.repeats = 0;
    EXPECT_EQ(validate(s), "repeat must be 1..1000, got 0");
    EXPECT_THROW(run_sweep(s), std::invalid_argument);
}

}  // namespace
}  // namespace plab
