// Case 7 of issue 4: a worker killed mid-task. On a warm ProcessPool(1), a task SIGKILLs its own
// worker; we time until its error is delivered (error_ms) and until the replacement worker has
// served the next task (ms, the figure the target is about). serving = 1 when every replacement
// served and every error named the signal.
#include <benchmark/benchmark.h>

#include <string>

#include "bench_tasks.h"
#include "pool/process_pool.h"

namespace plab::bench {
namespace {

void case7_kill_recover(benchmark::State& state) {
    ProcessPool pool(1);  // one worker: the next task can only run on the replacement
    const Task square("bench_square");
    const Task kill_self("bench_kill_self");
    pool.apply_async(square, {1}).get();
    std::vector<double> total_ms;
    std::vector<double> error_ms;
    bool serving = true;
    for (auto _ : state) {
        const double t0 = now_s();
        const Outcome died = pool.apply_async(kill_self, {0}).outcome();
        const double t1 = now_s();
        const Outcome next = pool.apply_async(square, {7}).outcome();
        const double t2 = now_s();
        error_ms.push_back((t1 - t0) * 1e3);
        total_ms.push_back((t2 - t0) * 1e3);
        if (died.ok || died.error.find("SIGKILL") == std::string::npos) serving = false;
        if (!next.ok || next.value.as_int() != 49) serving = false;
    }
    if (!serving) state.SkipWithError("the pool did not recover");
    state.counters["ms"] = median(total_ms);
    state.counters["error_ms"] = median(error_ms);
    state.counters["serving"] = serving ? 1 : 0;
}
BENCHMARK(case7_kill_recover)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace plab::bench
