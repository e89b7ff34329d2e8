// Case 2 of issue 4: one apply at a time on a warm pool (as many workers as cores): the round
// trip of one tiny task, apply_async(...).get(), median microseconds.
#include <benchmark/benchmark.h>

#include "bench_tasks.h"
#include "pool/process_pool.h"

namespace plab::bench {
namespace {

void case2_apply_rtt(benchmark::State& state) {
    ProcessPool pool(default_workers());
    const Task square("bench_square");
    pool.apply_async(square, {1}).get();  // every worker is up before timing starts
    std::vector<double> us;
    std::int64_t x = 0;
    for (auto _ : state) {
        const double t0 = now_s();
        const Value v = pool.apply_async(square, {x}).get();
        us.push_back((now_s() - t0) * 1e6);
        if (v.as_int() != x * x) state.SkipWithError("wrong result");
        x = (x + 1) % 1000;
    }
    state.counters["us"] = median(us);
}
BENCHMARK(case2_apply_rtt)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace plab::bench
