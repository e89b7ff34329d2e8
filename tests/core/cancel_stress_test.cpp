// Cancel at random moments, a hundred times: no hang, no zombie, no leaked descriptor.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "experiment/sweep.h"
#include "test_support.h"

namespace plab {
namespace {

TEST(CancelStress, AHundredSweepsCancelledAtRandomMoments) {
    const int fds_before = testing::open_fds();
    std::mt19937 rng(7);
    SweepSpec spec;
    spec.base.tasks = 10'000;
    spec.base.delay_ns = 0;
    spec.strategies = {Strategy::Map, Strategy::ImapUnordered, Strategy::PathosMap,
                       Strategy::ApplyAsync};
    spec.workers = {2};
    int cancelled_runs = 0;
    for (int round = 0; round < 100 / testing::kSlowdown; ++round) {
        CancelToken token;
        const auto after = std::chrono::microseconds(rng() % 40'000);
        std::thread canceller([&] {
            std::this_thread::sleep_for(after);
            token.cancel();
        });
        const auto rows = run_sweep(spec, nullptr, &token);
        canceller.join();
        for (const SweepRow& r : rows)
            cancelled_runs += r.run.cancelled ? 1 : 0;
        ASSERT_TRUE(testing::children().empty()) << "round " << round;
    }
    EXPECT_GT(cancelled_runs, 0);
    EXPECT_EQ(testing::open_fds(), fds_before);
}

}  // namespace
}  // namespace plab
