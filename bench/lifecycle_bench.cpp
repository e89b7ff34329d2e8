// Cases 1 and 6 of issue 4: what a pool's life costs.
//   case1_article: the article's experiment, ProcessPool(5) start + map of 10 tasks that each
//     sleep kArticleDelayNs + teardown; reports the median overhead above the ideal 2 x delay.
//   case1b_runner: the same experiment through run_experiment (the CLI's path: observer on).
//   case6_pool8: ProcessPool(8) started and torn down with nothing run; median ms.
#include <benchmark/benchmark.h>

#include "bench_tasks.h"
#include "experiment/runner.h"
#include "pool/process_pool.h"

namespace plab::bench {
namespace {

constexpr double kIdealS = 2.0 * static_cast<double>(kArticleDelayNs) / 1e9;

void case1_article(benchmark::State& state) {
    const Task task = Task("bench_sleep_square").bind(kArticleDelayNs);
    std::vector<double> overhead_ms;
    for (auto _ : state) {
        const double t0 = now_s();
        std::vector<Value> squares;
        {
            ProcessPool pool(5);
            squares = pool.map(task, range_values(10));
        }
        overhead_ms.push_back((now_s() - t0 - kIdealS) * 1e3);
        if (squares.size() != 10 || squares[9].as_int() != 81) state.SkipWithError("wrong results");
    }
    state.counters["overhead_ms"] = median(overhead_ms);
}
BENCHMARK(case1_article)->Unit(benchmark::kMillisecond)->UseRealTime();

void case1b_runner(benchmark::State& state) {
    ExperimentSpec spec;  // the article's: map, 5 workers, 10 tasks
    spec.delay_ns = kArticleDelayNs;
    std::vector<double> overhead_ms;
    for (auto _ : state) {
        const RunResult r = run_experiment(spec);
        overhead_ms.push_back((r.elapsed_s - kIdealS) * 1e3);
        if (!r.all_ok()) state.SkipWithError("a task failed");
    }
    state.counters["overhead_ms"] = median(overhead_ms);
}
BENCHMARK(case1b_runner)->Unit(benchmark::kMillisecond)->UseRealTime();

void case6_pool8(benchmark::State& state) {
    std::vector<double> ms;
    for (auto _ : state) {
        const double t0 = now_s();
        { ProcessPool pool(8); }
        ms.push_back((now_s() - t0) * 1e3);
    }
    state.counters["ms"] = median(ms);
}
BENCHMARK(case6_pool8)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace plab::bench
