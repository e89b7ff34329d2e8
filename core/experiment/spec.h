// What one experiment run is: ExperimentSpec, its limits, and the task every strategy runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "experiment/durations.h"
#include "experiment/serial_part.h"
#include "experiment/strategy.h"
#include "pool/start_method.h"

namespace plab {

/// What each task does for its delay: sleep (the article's time.sleep) or busy computation
/// on its core for about the same time (CPU time, so it slows down when cores are shared).
enum class Workload { Sleep, Cpu };

std::string_view workload_name(Workload w);
std::optional<Workload> parse_workload(std::string_view name);

/// Limits that every entry point (CLI, window, API) enforces through validate().
inline constexpr int kMaxWorkers = 64;
inline constexpr int kMaxTasks = 10'000'000;
inline constexpr std::int64_t kMaxDelayNs = 3600LL * 1'000'000'000;  // one hour
inline constexpr int kMaxExponent = 62;
inline constexpr int kMaxRepeats = 1000;

/// One run: which strategy, how many workers, how many tasks of which kind.
/// Defaults are the article's experiment: Pool(5).map over range(10), 1 s each, squares.
struct ExperimentSpec {
    Strategy strategy = Strategy::Map;
    int workers = 5;                        ///< 1..kMaxWorkers (serial runs ignore it)
    int tasks = 10;                         ///< 1..kMaxTasks; inputs are 0..tasks-1
    std::int64_t delay_ns = 1'000'000'000;  ///< 0..kMaxDelayNs per task
    Workload workload = Workload::Sleep;
    int exponent = 2;                  ///< y in pow(x, y), 0..kMaxExponent
    int chunksize = 0;                 ///< 0 = auto, as Python's Pool.map; else 1..tasks
    int crash_task = -1;               ///< task index whose worker kills itself; -1 none
    std::int64_t task_timeout_ns = 0;  ///< 0..kMaxDelayNs; 0 = none. Process strategies
                                       ///< kill and replace a worker whose task runs longer;
                                       ///< serial and thread_map cannot stop a task and ignore it
    double serial_fraction = 0;        ///< 0 <= F < 1: the parent works F x tasks x delay alone
                                       ///< first, then each task takes (1-F) x delay
                                       ///< (experiment/serial_part.h)
    /// Weak: the tasks are the one-worker problem; sweeps and `run` run tasks x workers.
    Scaling scaling = Scaling::Strong;
    Durations durations;    ///< how long each task takes around delay_ns (durations.h); fixed
    std::int64_t seed = 1;  ///< 0..INT64_MAX: draws the uniform and exp durations
    /// How process strategies start workers (Python's get_context): fork, spawn or forkserver.
    /// pathos_map refuses spawn and forkserver; serial and thread_map ignore it.
    StartMethod start_method = StartMethod::Fork;
    std::int64_t payload_bytes = 0;  ///< 0..64 MiB each task sends and gets back (payload.h);
                                     ///< 0 = none: the tasks of slow_pow, as before
    /// The interpreter the py_ strategies run (--python): a path, or a name looked up on PATH.
    std::string python = "python3";
    /// The launcher the mpi_ strategies run (--mpirun): a path, or a name looked up on PATH.
    std::string mpirun = "mpirun";
    /// Where the mpi_ strategies place ranks (--hosts), Open MPI's syntax "h1:2,h2:4"; empty
    /// means this machine. Exclusive with mpi_hostfile.
    std::string mpi_hosts;
    /// An Open MPI hostfile (--hostfile) naming the hosts and their slots; empty means none.
    std::string mpi_hostfile;

    bool operator==(const ExperimentSpec&) const = default;
};

/// Empty when spec is within the limits above; else one line saying what is wrong and what is
/// allowed, e.g. "workers must be 1..64, got 0".
std::string validate(const ExperimentSpec& spec);

/// The chunk size Python's Pool.map picks: divmod(tasks, 4 * workers), rounded up; at least 1.
int auto_chunksize(int tasks, int workers);

/// The chunk size a run uses: spec.chunksize, or auto_chunksize when it is 0.
int effective_chunksize(const ExperimentSpec& spec);

/// The body every strategy runs, registered as task "slow_pow": waits delay_ns the workload's
/// way, then returns pow(x, y). When x == crash_task it ends its own worker process with
/// SIGKILL (in a worker) or throws (in this process, where a crash would end the program).
/// Throws std::overflow_error when pow(x, y) does not fit in 64 bits.
std::int64_t slow_pow(std::int64_t x, std::int64_t y, std::int64_t delay_ns, std::int64_t workload,
                      std::int64_t crash_task);

}  // namespace plab
