// The registered benchmark tasks (see bench_tasks.h).
#include "bench_tasks.h"

#include <signal.h>
#include <unistd.h>

#include <thread>

#include "pool/registry.h"

namespace plab::bench {

std::int64_t bench_square(std::int64_t x) {
    return x * x;
}

std::int64_t bench_sleep_square(std::int64_t x, std::int64_t delay_ns) {
    std::this_thread::sleep_for(std::chrono::nanoseconds(delay_ns));
    return x * x;
}

std::int64_t bench_kill_self(std::int64_t x) {
    ::kill(::getpid(), SIGKILL);
    return x;  // not reached: SIGKILL cannot be caught
}

PLAB_TASK(bench_square);
PLAB_TASK(bench_sleep_square);
PLAB_TASK(bench_kill_self);

int default_workers() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

std::vector<Value> range_values(std::size_t n) {
    std::vector<Value> xs;
    xs.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        xs.emplace_back(static_cast<std::int64_t>(i));
    return xs;
}

}  // namespace plab::bench
