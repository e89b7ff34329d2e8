// A sweep: strategies x worker counts x repeats, against a serial baseline.
#pragma once

#include <vector>

#include "experiment/cancel_token.h"
#include "experiment/run_result.h"

namespace plab {

/// What a sweep runs. base gives tasks, delay, workload, exponent, chunksize and crash_task;
/// its strategy and workers are replaced by each combination.
struct SweepSpec {
    ExperimentSpec base;
    std::vector<Strategy> strategies;  ///< non-empty; serial among them is run once per repeat
    std::vector<int> workers;          ///< non-empty, each 1..kMaxWorkers
                                       ///< (under weak scaling, base.tasks x each <= kMaxTasks)
    int repeats = 1;                   ///< 1..kMaxRepeats
    /// Start methods to compare, each strategy under each (serial once); empty: only
    /// base.start_method. No duplicates.
    std::vector<StartMethod> starts;
    /// Payload sizes to try (--payloads), each 0..64 MiB, each a series of its own with its own
    /// serial baseline; empty: base.payload_bytes alone.
    std::vector<std::int64_t> payloads;
};

/// One row of a sweep: a run and how it compares with the serial baseline of its repeat.
struct SweepRow {
    RunResult run;
    double serial_s = 0;  ///< the serial baseline's elapsed for this repeat (measured or ideal)
    double ideal_s = 0;
    double speedup = 0;
    double efficiency = 0;
    double karp_flatt = 0;  ///< NaN where not defined
};

/// Empty when the sweep is valid, else one line saying what is wrong and what is allowed.
std::string validate(const SweepSpec& spec);

/// The runs in the order a sweep makes them: per repeat, serial first (if asked for; under weak
/// scaling once per worker count), then each strategy for each start method (when several) and
/// each worker count, each grown for its workers (grown_for_workers). Run numbers count from 1
/// across the sweep.
std::vector<ExperimentSpec> plan_runs(const SweepSpec& spec);

/// Runs the sweep. When serial is not among the strategies, the baseline is the ideal serial
/// time (tasks x delay), so speedups stay defined without spending it. Under weak scaling each
/// worker count has its own baseline, the serial run of its grown problem (Gustafson's scaled
/// speedup; experiment/serial_part.h). Throws
/// std::invalid_argument on an invalid spec; stops early (rows so far) when cancel is raised.
std::vector<SweepRow> run_sweep(const SweepSpec& spec, RunObserver* observer = nullptr,
                                CancelToken* cancel = nullptr);

/// Compares a finished run with a baseline: fills ideal, speedup, efficiency, Karp-Flatt.
SweepRow make_row(RunResult run, double serial_s);

}  // namespace plab
