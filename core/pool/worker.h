// The worker process's side of the pool: the loop a forked child runs until its pipe closes.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "pool/registry.h"

namespace plab {

/// True in a pool's worker process, false in the parent (and in threads of the parent).
bool in_worker_process();

namespace detail {

// The statuses a worker exits with on its own; the parent's error for the task names them
// ("exited with status 122 (out of memory in the worker ...)"). Reserved: a task that calls
// _exit with one of them is reported as if the pool had.
/// The worker could not read what the parent sent (a frame it cannot decode, or none at all).
inline constexpr int kWorkerExitProtocol = 120;
/// The parent died before the worker armed PR_SET_PDEATHSIG.
inline constexpr int kWorkerExitOrphan = 121;
/// std::bad_alloc escaped the task's own code (e.g. while encoding its result).
inline constexpr int kWorkerExitOutOfMemory = 122;
/// Any other exception escaped (or std::terminate ran) in the worker, outside the task's code.
inline constexpr int kWorkerExitUnexpected = 123;

/// A slot in memory shared by the parent and one worker: which task the worker is running and
/// since when (task 0: none), and whether it ran any. Lets the parent name the task a dead
/// worker was running, and tell a worker that dies before running anything.
struct WorkerSlot {
    std::atomic<std::uint64_t> task{0};
    std::atomic<std::int64_t> start_ns{0};
    /// The worker forked for this slot started a task (cleared at each fork): a death with
    /// this false came before it ran any.
    std::atomic<bool> ran{false};
};

/// The pool's initializer as a worker runs it: name (for its error), body, arguments.
struct WorkerInit {
    std::string name;
    const TaskBody* body = nullptr;
    std::vector<Value> args;
};

/// What a freshly forked worker needs; every pointer stays valid in the child (it is a copy).
struct WorkerSetup {
    int in_fd = -1;   ///< Tasks frames arrive here
    int out_fd = -1;  ///< Results (or Batch) frames go here
    WorkerSlot* slot = nullptr;
    const TaskBody* inherited = nullptr;
    /// Each task's own start and end (Results frames), for observers and task timeouts;
    /// false: Batch frames, and the clock is read only every so many tiny tasks.
    bool task_times = true;
    pid_t parent = 0;
    /// Run once before the first task (null or no body: none); if it throws, every task the
    /// worker is sent fails with "initializer 'name' failed: ...".
    const WorkerInit* init = nullptr;
};

/// Runs in the child right after fork (with every signal blocked) and never returns: resets
/// the parent's signal handlers to their defaults, ignores SIGINT, unblocks every signal,
/// closes every other descriptor from 3 up, arms PR_SET_PDEATHSIG, serves Tasks frames until
/// in_fd reaches end of file, then _exit(0). Touches only the registry (read-only), the codec
/// and its two pipes. Never throws: an exception that escapes (or std::terminate) ends the
/// process with kWorkerExitOutOfMemory or kWorkerExitUnexpected. in_fd and out_fd must be
/// above 2.
[[noreturn]] void worker_main(const WorkerSetup& setup) noexcept;

}  // namespace detail
}  // namespace plab
