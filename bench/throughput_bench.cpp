// Cases 3, 4 and 5 of issue 4: what one tiny task costs in bulk, on a warm pool with as many
// workers as cores (Python's Pool()). Inputs are built and results freed inside the timing, as
// Python's map builds its list from range(n). Each reports the median microseconds per task.
//   case3_apply_async_20k: 20,000 apply_async, then get() on each.
//   case4_map_100k_chunk1: map over 100,000 inputs, chunksize 1.
//   case5_map_1m_auto: map over 1,000,000 inputs, chunksize auto (Python's rule).
#include <benchmark/benchmark.h>

#include "bench_tasks.h"
#include "pool/process_pool.h"

namespace plab::bench {
namespace {

void case3_apply_async_20k(benchmark::State& state) {
    constexpr std::size_t kTasks = 20'000;
    ProcessPool pool(default_workers());
    const Task square("bench_square");
    pool.map(square, range_values(64));  // warm
    std::vector<double> us;
    for (auto _ : state) {
        const double t0 = now_s();
        std::vector<AsyncResult> pending;
        pending.reserve(kTasks);
        for (std::size_t i = 0; i < kTasks; ++i) {
            pending.push_back(pool.apply_async(square, {static_cast<std::int64_t>(i)}));
        }
        std::int64_t sum = 0;
        for (const AsyncResult& r : pending)
            sum += r.get().as_int();
        pending.clear();
        us.push_back((now_s() - t0) * 1e6 / kTasks);
        benchmark::DoNotOptimize(sum);
    }
    state.counters["us_per_task"] = median(us);
}
BENCHMARK(case3_apply_async_20k)->Unit(benchmark::kMillisecond)->UseRealTime();

void map_case(benchmark::State& state, std::size_t tasks, std::size_t chunksize) {
    ProcessPool pool(default_workers());
    const Task square("bench_square");
    pool.map(square, range_values(64));  // warm
    std::vector<double> us;
    for (auto _ : state) {
        const double t0 = now_s();
        {
            const std::vector<Value> out = pool.map(square, range_values(tasks), chunksize);
            if (out.size() != tasks ||
                out.back().as_int() != static_cast<std::int64_t>((tasks - 1) * (tasks - 1))) {
                state.SkipWithError("wrong results");
            }
        }
        us.push_back((now_s() - t0) * 1e6 / static_cast<double>(tasks));
    }
    state.counters["us_per_task"] = median(us);
}

void case4_map_100k_chunk1(benchmark::State& state) {
    map_case(state, 100'000, 1);
}
BENCHMARK(case4_map_100k_chunk1)->Unit(benchmark::kMillisecond)->UseRealTime();

void case5_map_1m_auto(benchmark::State& state) {
    map_case(state, 1'000'000, 0);
}
BENCHMARK(case5_map_1m_auto)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace plab::bench
