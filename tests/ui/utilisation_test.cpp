// A run's utilisation and its busy workers over time, for known runs.
#include <gtest/gtest.h>

#include "sweep_fixture.h"
#include "utilisation.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

TEST(Utilisation, BusyTimeOverWorkersTimesElapsed) {
    SweepData data;
    feed_serial_and_pool(data);
    EXPECT_EQ(run_workers(*data.run(1)), 1);
    EXPECT_NEAR(utilisation(*data.run(1), 10.0), 1.0, 1e-9);
    EXPECT_EQ(run_workers(*data.run(2)), 5);
    EXPECT_NEAR(busy_seconds(*data.run(2), 2.002), 10.0, 1e-9);
    EXPECT_NEAR(utilisation(*data.run(2), 2.002), 10.0 / (5 * 2.002), 1e-9);

    SweepData crash;  // 2 workers, 2.061 s: 1 + 1 + 0.048 + 1 + 1 s busy
    feed_crash_run(crash);
    EXPECT_NEAR(utilisation(*crash.run(1), 2.061), 4.048 / (2 * 2.061), 1e-9);
    EXPECT_EQ(utilisation(*crash.run(1), 0), 0);
}

TEST(Utilisation, TheProfileCountsBusyWorkersPerSlice) {
    SweepData crash;
    feed_crash_run(crash);
    const RunRecord& run = *crash.run(1);
    // Slices of 0.5 s: two workers busy until 1.001 s, then one (1.050..1.060 none from
    // worker 1), two again from 1.060 s.
    const std::vector<double> busy = busy_profile(run, 0, 2.0, 4, 2.061);
    ASSERT_EQ(busy.size(), 4u);
    EXPECT_NEAR(busy[0], 2 * 0.499 / 0.5, 1e-9);
    EXPECT_NEAR(busy[1], 2.0, 1e-9);
    EXPECT_NEAR(busy[2], (0.002 + 0.048 + 0.498 + 0.44) / 0.5, 1e-9);
    EXPECT_NEAR(busy[3], 2.0, 1e-9);
    EXPECT_TRUE(busy_profile(run, 1, 1, 4, 2).empty());
    EXPECT_TRUE(busy_profile(run, 0, 1, 0, 2).empty());
}

TEST(Utilisation, RunningTasksCountUpToTheLiveEdge) {
    SweepData data;
    feed_first_half(data);  // run 2: tasks 2 and 3 running since ~1.006 s
    const RunRecord& run = *data.run(2);
    EXPECT_NEAR(busy_seconds(run, 1.5), 1.0 + 1.0 + (1.5 - 1.006) + (1.5 - 1.007), 1e-9);
}
