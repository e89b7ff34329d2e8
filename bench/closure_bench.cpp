// Case 8 of issue 4: ClosurePool, the pathos analog, running a closure made at run time (the
// article's power_factory(2)). Every map forks its own workers, so both figures include them.
//   case8a_closure_article: ClosurePool(5).map over 10 inputs, each task sleeping
//     kArticleDelayNs: median overhead above the ideal 2 x delay, ms.
//   case8b_closure_map_100k: ClosurePool(cores).map over 100,000 tiny inputs, auto chunksize:
//     median microseconds per task, pool start and teardown included.
#include <benchmark/benchmark.h>

#include <functional>
#include <thread>

#include "bench_tasks.h"
#include "pool/closure_pool.h"

namespace plab::bench {
namespace {

/// The article's power_factory(y): a closure over y (and over a delay, our addition).
std::function<Value(const Value&)> power_factory(std::int64_t y, std::int64_t delay_ns) {
    return [y, delay_ns](const Value& x) -> Value {
        if (delay_ns > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(delay_ns));
        std::int64_t r = 1;
        for (std::int64_t i = 0; i < y; ++i)
            r *= x.as_int();
        return r;
    };
}

void case8a_closure_article(benchmark::State& state) {
    constexpr double kIdealS = 2.0 * static_cast<double>(kArticleDelayNs) / 1e9;
    std::vector<double> overhead_ms;
    for (auto _ : state) {
        const double t0 = now_s();
        const std::vector<Value> out =
            ClosurePool(5).map(power_factory(2, kArticleDelayNs), range_values(10));
        overhead_ms.push_back((now_s() - t0 - kIdealS) * 1e3);
        if (out.size() != 10 || out[9].as_int() != 81) state.SkipWithError("wrong results");
    }
    state.counters["overhead_ms"] = median(overhead_ms);
}
BENCHMARK(case8a_closure_article)->Unit(benchmark::kMillisecond)->UseRealTime();

void case8b_closure_map_100k(benchmark::State& state) {
    constexpr std::size_t kTasks = 100'000;
    std::vector<double> us;
    for (auto _ : state) {
        const double t0 = now_s();
        {
            const std::vector<Value> out =
                ClosurePool(default_workers()).map(power_factory(2, 0), range_values(kTasks));
            if (out.size() != kTasks || out[3].as_int() != 9) state.SkipWithError("wrong results");
        }
        us.push_back((now_s() - t0) * 1e6 / kTasks);
    }
    state.counters["us_per_task"] = median(us);
}
BENCHMARK(case8b_closure_map_100k)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace plab::bench
