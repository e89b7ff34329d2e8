// The tasks the pool benchmarks send to workers, registered by name (PLAB_TASK in
// bench_tasks.cpp), and the helpers every benchmark file shares. Python's side of each task is
// in python_pool_bench.py with the same name and meaning.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include "pool/value.h"

namespace plab::bench {

/// x * x: the tiny task (Python: `def square(x): return x * x`).
std::int64_t bench_square(std::int64_t x);
/// Sleeps delay_ns, then x * x: the article's slow task (Python: time.sleep(delay); x * x).
std::int64_t bench_sleep_square(std::int64_t x, std::int64_t delay_ns);
/// Kills its own worker process with SIGKILL, mid-task; never returns.
std::int64_t bench_kill_self(std::int64_t x);

/// The inputs 0..n-1, as Python's range(n).
std::vector<Value> range_values(std::size_t n);

/// Seconds since an arbitrary start, on the monotonic clock.
inline double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// The median of samples (empty: 0). Every latency-like figure reports the median of its
/// iterations, as the Python side does, so one preempted iteration cannot move it.
inline double median(std::vector<double> samples) {
    if (samples.empty()) return 0;
    const auto mid = samples.begin() + static_cast<std::ptrdiff_t>(samples.size() / 2);
    std::nth_element(samples.begin(), mid, samples.end());
    return *mid;
}

/// How many workers the throughput cases use: this machine's cores, as Python's Pool() does.
int default_workers();

/// The delay of the article's experiment in these benchmarks (the article uses 1 s; 20 ms keeps
/// runs quick and the overhead above 2 x delay is the same).
inline constexpr std::int64_t kArticleDelayNs = 20'000'000;

}  // namespace plab::bench
