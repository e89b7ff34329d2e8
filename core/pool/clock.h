// The one clock that parent and workers share: CLOCK_MONOTONIC, in nanoseconds.
#pragma once

#include <chrono>
#include <cstdint>

namespace plab {

/// Nanoseconds on CLOCK_MONOTONIC (std::chrono::steady_clock on Linux): the same clock in
/// every process of the machine, so a worker's start and end line up with the parent's.
inline std::int64_t monotonic_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace plab
