#include "mpi/clock_offset.h"

namespace plab::mpi {

namespace {

// a - b, or nullopt when it overflows or lies beyond kMaxClockOffsetNs either way.
std::optional<std::int64_t> difference(std::int64_t a, std::int64_t b) {
    std::int64_t d = 0;
    if (__builtin_sub_overflow(a, b, &d) || d > kMaxClockOffsetNs || d < -kMaxClockOffsetNs)
        return std::nullopt;
    return d;
}

// The sample's (offset, delay), or nullopt when it is absurd (see the header).
std::optional<ClockEstimate> one(const ClockSample& s) {
    const auto out = difference(s.t1, s.t0);    // there, clock difference included
    const auto back = difference(s.t2, s.t3);   // back, minus the clock difference
    const auto round = difference(s.t3, s.t0);  // the whole round trip, master's clock
    const auto held = difference(s.t2, s.t1);   // the other host's turn, its clock
    if (!out || !back || !round || !held || *round < 0 || *held < 0 || *held > *round)
        return std::nullopt;
    ClockEstimate e;
    // Each term is within +-kMaxClockOffsetNs (about 2^61.6), so their sum fits in 63 bits.
    e.offset_ns = (*out + *back) / 2;
    e.delay_ns = *round - *held;
    e.uncertainty_ns = e.delay_ns / 2 + e.delay_ns % 2;
    return e;
}

}  // namespace

std::optional<ClockEstimate> estimate_clock_offset(std::span<const ClockSample> samples,
                                                   std::string* error) {
    std::optional<ClockEstimate> best;
    int usable = 0;
    for (const ClockSample& s : samples) {
        const auto e = one(s);
        if (!e) continue;
        ++usable;
        if (!best || e->delay_ns < best->delay_ns) best = e;
    }
    if (!best) {
        if (error != nullptr) {
            *error = samples.empty() ? "no clock samples"
                                     : "all " + std::to_string(samples.size()) +
                                           " clock samples are absurd (a stamp before the one "
                                           "it follows, or further apart than 100 years)";
        }
        return std::nullopt;
    }
    best->samples = usable;
    return best;
}

}  // namespace plab::mpi
