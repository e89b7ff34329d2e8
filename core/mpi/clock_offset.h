// How far another host's clock is from the master's: NTP's on-wire estimate from ping-pong
// samples, keeping the one with the smallest round-trip delay (NTP's clock filter).
// Pure: the rank module takes the samples, the tests feed synthetic ones.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace plab::mpi {

/// One ping-pong, each stamp in ns on its own clock: the master sends at t0 (master's clock),
/// the other host receives at t1 and replies at t2 (its clock), the master receives at t3.
struct ClockSample {
    std::int64_t t0 = 0;
    std::int64_t t1 = 0;
    std::int64_t t2 = 0;
    std::int64_t t3 = 0;
};

/// The estimate: the other clock reads offset_ns more than the master's (so a time t on it is
/// t - offset_ns on the master's). Whatever the asymmetry of the two directions, the true
/// offset lies within offset_ns +- uncertainty_ns (= delay_ns / 2, rounded up).
struct ClockEstimate {
    std::int64_t offset_ns = 0;
    std::int64_t delay_ns = 0;  ///< the smallest round trip, the other host's time excluded
    std::int64_t uncertainty_ns = 0;
    int samples = 0;  ///< the samples it was chosen from

    bool operator==(const ClockEstimate&) const = default;
};

/// The largest |offset| accepted, about 100 years: stamps further apart are garbage.
inline constexpr std::int64_t kMaxClockOffsetNs = 100LL * 366 * 24 * 3600 * 1'000'000'000;

/// NTP's estimate from the sample with the smallest delay: offset = ((t1-t0)+(t2-t3))/2,
/// delay = (t3-t0)-(t2-t1). A sample is absurd (and skipped) when t3 < t0, t2 < t1, the
/// other host took longer than the whole round trip, or any difference is beyond
/// kMaxClockOffsetNs. nullopt with one line in *error when no sample is left (none given,
/// or all absurd). Never overflows, never throws.
std::optional<ClockEstimate> estimate_clock_offset(std::span<const ClockSample> samples,
                                                   std::string* error = nullptr);

}  // namespace plab::mpi
