// Another host's clock offset, NTP's way: the minimum-delay sample wins, and the true offset
// lies within the estimate +- its uncertainty whatever the asymmetry (core/mpi/clock_offset.h).
#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>
#include <random>
#include <vector>

#include "mpi/clock_offset.h"

namespace plab::mpi {
namespace {

// A ping-pong against a clock that reads `offset` more than the master's: `there` ns on the
// way out, `held` ns at the other host, `back` ns on the way back, starting at master time t0.
ClockSample ping(std::int64_t t0, std::int64_t offset, std::int64_t there, std::int64_t held,
                 std::int64_t back) {
    const std::int64_t t1 = t0 + there + offset;
    return {t0, t1, t1 + held, t0 + there + held + back};
}

TEST(ClockOffset, SymmetricDelaysGiveTheExactOffset) {
    const std::vector<ClockSample> s{ping(1000, 5'000'000'000, 40'000, 3'000, 40'000)};
    std::string why;
    const auto e = estimate_clock_offset(s, &why);
    ASSERT_TRUE(e) << why;
    EXPECT_EQ(e->offset_ns, 5'000'000'000);
    EXPECT_EQ(e->delay_ns, 80'000);
    EXPECT_EQ(e->uncertainty_ns, 40'000);
    EXPECT_EQ(e->samples, 1);
}

TEST(ClockOffset, TheSmallestDelayWinsAndBoundsTheError) {
    std::mt19937_64 rng(13);
    std::uniform_int_distribution<std::int64_t> leg(5'000, 5'000'000);  // 5 us .. 5 ms
    std::uniform_int_distribution<std::int64_t> turn(0, 20'000);
    for (const std::int64_t truth : {5'000'000'000LL, -5'000'000'000LL, 0LL, 123LL}) {
        std::vector<ClockSample> samples;
        std::int64_t t0 = 1'000'000'000'000;
        std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
        for (int i = 0; i < 16; ++i) {
            const std::int64_t there = leg(rng);
            const std::int64_t back = leg(rng);  // asymmetric: each leg drawn on its own
            samples.push_back(ping(t0, truth, there, turn(rng), back));
            smallest = std::min(smallest, there + back);
            t0 += 10'000'000;
        }
        std::string why;
        const auto e = estimate_clock_offset(samples, &why);
        ASSERT_TRUE(e) << why;
        EXPECT_EQ(e->delay_ns, smallest);
        EXPECT_EQ(e->samples, 16);
        EXPECT_LE(std::llabs(e->offset_ns - truth), e->uncertainty_ns) << truth;
        EXPECT_GE(e->uncertainty_ns * 2, e->delay_ns);
    }
}

TEST(ClockOffset, AbsurdSamplesAreSkippedOrRefused) {
    const std::int64_t big = std::numeric_limits<std::int64_t>::max();
    const std::vector<ClockSample> absurd{
        {100, 50, 60, 90},       // received before it was sent (t3 < t0)
        {100, 60, 50, 200},      // replied before it received (t2 < t1)
        {100, 1000, 2000, 150},  // held 1000 ns inside a 50 ns round trip
        {-big, big, big, big},   // differences overflow
        {0, kMaxClockOffsetNs + 1, kMaxClockOffsetNs + 1, 10},  // beyond 100 years
    };
    std::string why;
    EXPECT_FALSE(estimate_clock_offset(absurd, &why));
    EXPECT_NE(why.find("absurd"), std::string::npos) << why;
    EXPECT_FALSE(estimate_clock_offset({}, &why));
    EXPECT_EQ(why, "no clock samples");

    // One good sample among them: it is the estimate, and only it counts.
    std::vector<ClockSample> mixed = absurd;
    mixed.push_back(ping(10, -7, 100, 10, 100));
    const auto e = estimate_clock_offset(mixed, &why);
    ASSERT_TRUE(e) << why;
    EXPECT_EQ(e->offset_ns, -7);
    EXPECT_EQ(e->delay_ns, 200);
    EXPECT_EQ(e->samples, 1);
}

TEST(ClockOffset, AnOddDelayRoundsTheUncertaintyUp) {
    const std::vector<ClockSample> s{ping(0, 0, 1, 0, 2)};
    const auto e = estimate_clock_offset(s);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->delay_ns, 3);
    EXPECT_EQ(e->uncertainty_ns, 2);
}

}  // namespace
}  // namespace plab::mpi
