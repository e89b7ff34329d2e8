#include "experiment/workload.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "pool/clock.h"
#include "pool/registry.h"
#include "pool/worker.h"

namespace plab {

namespace {

std::int64_t thread_cpu_ns() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void sleep_ns(std::int64_t ns) {
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    while (::nanosleep(&ts, &ts) != 0) {
    }
}

[[noreturn]] void throw_cancelled() {
    throw std::runtime_error("cancelled");
}

}  // namespace

void spend(std::int64_t delay_ns, Workload workload, const std::atomic<bool>* cancel) {
    if (delay_ns <= 0) return;
    if (workload == Workload::Sleep) {
        if (cancel == nullptr) {
            sleep_ns(delay_ns);
            return;
        }
        const std::int64_t end = monotonic_ns() + delay_ns;
        for (std::int64_t now = monotonic_ns(); now < end; now = monotonic_ns()) {
            if (cancel->load()) throw_cancelled();
            sleep_ns(std::min<std::int64_t>(end - now, 10'000'000));
        }
        return;
    }
    // Busy work until this thread has had delay_ns of CPU time: on a shared core it takes
    // longer in wall time, which is what a CPU-bound experiment is meant to show.
    const std::int64_t end = thread_cpu_ns() + delay_ns;
    volatile std::uint64_t sink = 0;
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    for (;;) {
        for (int i = 0; i < 4096; ++i) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
        }
        sink = sink + state;
        if (thread_cpu_ns() >= end) return;
        if (cancel != nullptr && cancel->load()) throw_cancelled();
    }
}

std::int64_t checked_pow(std::int64_t x, std::int64_t y) {
    if (y < 0) throw std::invalid_argument("negative exponent " + std::to_string(y));
    std::int64_t result = 1;
    for (std::int64_t i = 0; i < y; ++i) {
        if (__builtin_mul_overflow(result, x, &result)) {
            throw std::overflow_error("pow(" + std::to_string(x) + ", " + std::to_string(y) +
                                      ") does not fit in a 64-bit integer");
        }
    }
    return result;
}

std::int64_t slow_pow_cancellable(std::int64_t x, std::int64_t y, std::int64_t delay_ns,
                                  Workload workload, std::int64_t crash_task,
                                  const std::atomic<bool>* cancel) {
    if (x == crash_task) {
        if (in_worker_process()) ::kill(::getpid(), SIGKILL);
        throw std::runtime_error("task " + std::to_string(x) +
                                 " crashed on purpose; this strategy runs tasks inside the lab's "
                                 "own process, where a real crash would end the whole program");
    }
    spend(delay_ns, workload, cancel);
    return checked_pow(x, y);
}

std::int64_t slow_pow(std::int64_t x, std::int64_t y, std::int64_t delay_ns, std::int64_t workload,
                      std::int64_t crash_task) {
    const Workload w =
        workload == static_cast<std::int64_t>(Workload::Cpu) ? Workload::Cpu : Workload::Sleep;
    return slow_pow_cancellable(x, y, delay_ns, w, crash_task, nullptr);
}

PLAB_TASK(slow_pow);

}  // namespace plab
