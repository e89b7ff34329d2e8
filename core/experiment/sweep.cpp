#include "experiment/sweep.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "experiment/metrics.h"
#include "experiment/runner.h"

namespace plab {

std::string validate(const SweepSpec& spec) {
    if (spec.strategies.empty())
        return "strategies must name at least one of: " + strategy_names_joined();
    if (spec.workers.empty())
        return "workers must list at least one count (1.." + std::to_string(kMaxWorkers) + ")";
    if (spec.repeats < 1 || spec.repeats > kMaxRepeats) {
        return "repeat must be 1.." + std::to_string(kMaxRepeats) + ", got " +
               std::to_string(spec.repeats);
    }
    for (int w : spec.workers) {
        ExperimentSpec probe = spec.base;
        probe.workers = w;
        if (std::string problem = validate(probe); !problem.empty()) return problem;
        if (std::string problem = weak_scaling_problem(spec.base, w); !problem.empty())
            return problem;
    }
    for (std::size_t i = 0; i < spec.starts.size(); ++i) {
        ExperimentSpec probe = spec.base;
        probe.start_method = spec.starts[i];
        if (std::string problem = validate(probe); !problem.empty()) return problem;
        if (std::find(spec.starts.begin(), spec.starts.begin() + static_cast<std::ptrdiff_t>(i),
                      spec.starts[i]) != spec.starts.begin() + static_cast<std::ptrdiff_t>(i)) {
            return "start method " + std::string(start_method_name(spec.starts[i])) +
                   " is listed twice";
        }
    }
    for (const std::int64_t p : spec.payloads) {
        ExperimentSpec probe = spec.base;
        probe.payload_bytes = p;
        if (std::string problem = validate(probe); !problem.empty()) return problem;
    }
    return validate(spec.base);
}

std::vector<ExperimentSpec> plan_runs(const SweepSpec& spec) {
    std::vector<ExperimentSpec> runs;
    const bool has_serial = std::find(spec.strategies.begin(), spec.strategies.end(),
                                      Strategy::Serial) != spec.strategies.end();
    const std::vector<StartMethod> starts =
        spec.starts.empty() ? std::vector<StartMethod>{spec.base.start_method} : spec.starts;
    const std::vector<std::int64_t> payloads =
        spec.payloads.empty() ? std::vector<std::int64_t>{spec.base.payload_bytes} : spec.payloads;
    for (int repeat = 0; repeat < spec.repeats; ++repeat) {
        for (const std::int64_t payload : payloads) {  // each payload: serial first, as one sweep
            ExperimentSpec base = spec.base;
            base.payload_bytes = payload;
            if (has_serial) {
                for (int w : serial_baseline_workers(spec)) {
                    ExperimentSpec s = base;
                    s.strategy = Strategy::Serial;
                    s.workers = w;
                    runs.push_back(grown_for_workers(s));
                }
            }
            for (Strategy strategy : spec.strategies) {
                if (strategy == Strategy::Serial) continue;
                for (const StartMethod start : starts) {
                    // Threads start no process: once, under the first method.
                    if (!uses_processes(strategy) && start != starts.front()) continue;
                    for (int w : spec.workers) {
                        ExperimentSpec s = base;
                        s.strategy = strategy;
                        s.workers = w;
                        s.start_method = start;
                        runs.push_back(grown_for_workers(s));
                    }
                }
            }
        }
    }
    return runs;
}

SweepRow make_row(RunResult run, double serial_s) {
    SweepRow row;
    row.serial_s = serial_s;
    row.ideal_s = ideal_seconds(run.spec);
    const bool measured = run.refusal.empty() && run.error.empty() && !run.cancelled;
    row.speedup = measured ? speedup(serial_s, run.elapsed_s) : 0;
    // Serial uses one worker, whatever problem size its workers name (weak scaling).
    const int n = run.spec.strategy == Strategy::Serial ? 1 : run.spec.workers;
    row.efficiency = efficiency(row.speedup, n);
    row.karp_flatt = karp_flatt(row.speedup, n);
    row.run = std::move(run);
    return row;
}

std::vector<SweepRow> run_sweep(const SweepSpec& spec, RunObserver* observer, CancelToken* cancel) {
    if (std::string problem = validate(spec); !problem.empty())
        throw std::invalid_argument(problem);
    const std::vector<ExperimentSpec> runs = plan_runs(spec);
    const std::size_t per_repeat = runs.size() / static_cast<std::size_t>(spec.repeats);
    std::vector<SweepRow> rows;
    std::map<int, double> serial_s;  // by baseline_key: one serial run, or one per grown problem
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (cancel != nullptr && cancel->cancelled()) break;
        const RunId id{static_cast<int>(i) + 1, static_cast<int>(i / per_repeat) + 1};
        RunResult run = run_experiment(runs[i], id, observer, cancel);
        const int key = baseline_key(runs[i]);
        if (runs[i].strategy == Strategy::Serial && run.all_ok()) serial_s[key] = run.elapsed_s;
        if (serial_s.count(key) == 0) {
            ExperimentSpec serial_spec = runs[i];
            serial_spec.strategy = Strategy::Serial;
            serial_s[key] = ideal_seconds(serial_spec);
        }
        rows.push_back(make_row(std::move(run), serial_s[key]));
        if (observer != nullptr) observer->row_ready(rows.back());
    }
    return rows;
}

}  // namespace plab
