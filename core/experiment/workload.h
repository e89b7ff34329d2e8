// How a task spends its delay: sleeping, or computing on its core.
#pragma once

#include <atomic>
#include <cstdint>

#include "experiment/spec.h"

namespace plab {

/// Spends delay_ns the workload's way. With a cancel flag (in-process strategies), returns
/// early by throwing std::runtime_error("cancelled") within about 10 ms of it becoming true.
void spend(std::int64_t delay_ns, Workload workload, const std::atomic<bool>* cancel = nullptr);

/// pow(x, y) on 64-bit integers; throws std::overflow_error naming x and y when it does not fit.
std::int64_t checked_pow(std::int64_t x, std::int64_t y);

/// slow_pow with a cancel flag for in-process strategies (see slow_pow in spec.h).
std::int64_t slow_pow_cancellable(std::int64_t x, std::int64_t y, std::int64_t delay_ns,
                                  Workload workload, std::int64_t crash_task,
                                  const std::atomic<bool>* cancel);

}  // namespace plab
