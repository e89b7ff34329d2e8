// What one run produced, and the observer that watches runs happen.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experiment/spec.h"
#include "pool/value.h"

namespace plab {

/// One task of a run. Times are seconds since the run started (the moment its pool was asked
/// to start), read on CLOCK_MONOTONIC in the process that ran the task.
struct TaskRecord {
    int task = 0;    ///< index into the inputs 0..tasks-1
    int worker = 0;  ///< worker slot 0..workers-1 (0 for serial)
    int pid = 0;     ///< process that ran it (this process for serial and thread_map)
    double start_s = 0;
    double end_s = 0;  ///< 0 while only started
    bool ok = false;
    Value result;       ///< pow(x, y) when ok
    std::string error;  ///< why it failed when not ok
    /// Index into RunResult::hosts of the host that ran it (mpi_ strategies); -1 elsewhere. For
    /// the mpi_ strategies worker is the MPI rank (1..workers) and times are on rank 0's clock.
    int host = -1;
};

/// One host of an MPI run and how its clock was aligned to rank 0's (the NTP estimate from the
/// ping-pong with the least round trip): local time - offset = rank 0's time, within
/// +- uncertainty. Rank 0's own host has offset 0 and uncertainty 0.
struct HostClock {
    std::string name;                 ///< the host name its ranks reported
    std::int64_t offset_ns = 0;       ///< host clock minus rank 0's clock
    std::int64_t uncertainty_ns = 0;  ///< half the least round trip
    std::int64_t min_delay_ns = 0;    ///< the least round trip seen
    std::vector<int> ranks;           ///< the ranks that ran there
};

/// Identifies a run within a sweep: its number (from 1) and its repeat (from 1).
struct RunId {
    int run = 1;
    int repeat = 1;
};

/// A finished run: elapsed as the article measures it (pool start + work + teardown).
struct RunResult {
    ExperimentSpec spec;
    RunId id;
    int chunksize = 1;  ///< the chunk size used (auto resolved)
    double elapsed_s = 0;
    std::vector<Value> results;     ///< ordered by input; None where the task failed
    std::vector<TaskRecord> tasks;  ///< one per task, in completion order
    /// The run's own failure first (when error is set), then one line per failed task, ordered
    /// by task. Tasks that did not run because the run was stopped get no line of their own.
    std::vector<std::string> errors;
    std::string refusal;  ///< non-empty when the strategy refused to run at all
    /// Non-empty when the run itself failed: its threads could not be started, or recording its
    /// events failed (out of memory, an observer that threw). The run was stopped there.
    std::string error;
    bool cancelled = false;
    /// The parent's serial part (experiment/serial_part.h: task -1, worker -1, this pid) when
    /// the spec has one (serial_fraction > 0); not ok with error "cancelled" when cut short.
    std::optional<TaskRecord> serial_part;
    /// The hosts of an MPI run, indexed by TaskRecord::host (empty for other engines).
    std::vector<HostClock> hosts;
    /// Seconds from launching mpirun until rank 0 began the work (MPI runs; 0 elsewhere). Not
    /// part of elapsed_s, which starts when the work is first handed out.
    double launch_s = 0;
    /// What the engine adjusted and the user should know, e.g. "oversubscribed: 5 ranks on 2
    /// slots"; empty when nothing.
    std::string note;

    /// Tasks recorded as finished with a value.
    std::size_t ok() const;
    /// Tasks of spec.tasks that did not finish with a value: failed, or never run (a task with
    /// no record counts here, never as ok).
    std::size_t failed() const;
    /// True when every task produced a value and nothing was refused, cancelled or failed.
    bool all_ok() const;
};

struct SweepRow;

/// Watches runs as they happen. Task callbacks come from whichever thread learned of the task
/// (a pool's collector thread, a pool thread, the running thread), possibly concurrently for
/// thread_map: an implementation must be thread-safe, quick, and must not throw.
class RunObserver {
  public:
    virtual ~RunObserver() = default;
    virtual void run_started(const ExperimentSpec& /*spec*/, RunId /*id*/, int /*chunksize*/) {}
    virtual void task_started(RunId /*id*/, const TaskRecord& /*task*/) {}
    virtual void task_finished(RunId /*id*/, const TaskRecord& /*task*/) {}
    virtual void run_finished(const RunResult& /*result*/) {}
    /// A sweep compared the finished run with its serial baseline (after run_finished).
    virtual void row_ready(const SweepRow& /*row*/) {}
    /// The run's serial part began / ended in the parent (serial_fraction > 0 only; the record
    /// as RunResult::serial_part), before any task of the run. Same rules as the task callbacks.
    virtual void serial_part_started(RunId /*id*/, const TaskRecord& /*part*/) {}
    virtual void serial_part_finished(RunId /*id*/, const TaskRecord& /*part*/) {}
    /// Whether the task callbacks are wanted now. While it is false a run records its tasks
    /// without telling them (no copy, no call: the experiment pays nothing for a watcher that
    /// is not watching yet); once it is true, the tasks recorded so far are told first, in
    /// completion order, then each as it ends; tasks still untold when the run ends are told
    /// after its elapsed time was taken, before run_finished. Starts are told whether live or
    /// not (they are few: a pool samples them; a watcher that is not live may keep them).
    /// Asked on every task event from the task callbacks' threads: keep it to an atomic load.
    virtual bool live() const { return true; }
    /// An MPI run's hosts (RunResult::hosts, their clocks aligned to rank 0's) and its note
    /// (RunResult::note) are known: once per MPI run, after run_started and before its first
    /// task callback. Same thread rules as the task callbacks.
    virtual void hosts_ready(RunId /*id*/, const std::vector<HostClock>& /*hosts*/,
                             const std::string& /*note*/) {}
};

}  // namespace plab
