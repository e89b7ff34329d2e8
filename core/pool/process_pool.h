// ProcessPool: real worker processes fed through pipes, the analog of Python's
// multiprocessing.Pool. Tasks travel by registered name, arguments and results by the codec.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include "pool/async_result.h"
#include "pool/map_result.h"
#include "pool/registry.h"
#include "pool/start_method.h"
#include "pool/task_event.h"

namespace plab {

/// The most workers one pool may have.
inline constexpr int kMaxPoolWorkers = 512;

/// Throws std::invalid_argument, saying what is allowed, unless 1 <= workers <= kMaxPoolWorkers.
void check_pool_size(int workers);

/// How a pool behaves beyond its size.
struct PoolOptions {
    /// Receives every task's Started and Finished events (see TaskObserver for its rules).
    TaskObserver observer;
    /// Also deliver Started events, so a live view can draw running tasks: the pool looks at
    /// its workers every 10 ms while tasks are out and reports each running task once (at most
    /// about 10 ms after it began; a task that ends before a look gets no Started, its Finished
    /// carries both times). Workers send nothing more for it. Off: only Finished events.
    bool report_starts = false;
    /// Batches of tasks queued in each worker's pipe beyond the one it runs: hides the round
    /// trip for small tasks; 1 sends a batch only to an idle worker. 0 is taken as 1.
    std::size_t prefetch = 2;
    /// A task running longer than this is stopped: its worker is killed and replaced, and the
    /// task fails with "timed out after ...". Zero: no limit. Enforced within about 10 ms.
    std::chrono::nanoseconds task_timeout{0};
    /// When set and true, tasks submitted from then on end at once as "cancelled". Pair it with
    /// cancel(), which ends those submitted before: together they leave no window in which a
    /// cancel arriving during a submission is missed. Must outlive the pool.
    const std::atomic<bool>* cancel_flag = nullptr;
    /// The callable that tasks named "" run: a worker is a forked copy of the parent, so it
    /// already holds this callable and its captures (this is how ClosurePool runs closures).
    TaskBody inherited;
    /// How workers start (start_method.h): fork copies this process; spawn and forkserver
    /// need a program that calls run_worker_if_requested first in main, and refuse
    /// `inherited` (the constructor throws std::invalid_argument for either).
    StartMethod start = StartMethod::Fork;
    /// Python's initializer: a registered task run once in each worker as it starts (a
    /// replacement too), with initargs then its bound arguments, before any task; for state a
    /// worker keeps (a connection, a table). If it throws, that worker fails each task it is
    /// sent with "initializer 'name' failed: ..." (where Python's pool restarts the worker
    /// forever). Under spawn and forkserver the constructor refuses it (std::invalid_argument).
    std::optional<Task> initializer;
    std::vector<Value> initargs;
    /// Python's maxtasksperchild: a worker exits after running this many tasks (each task of a
    /// chunk counts; a chunk is cut to fit) and a fresh one takes its slot, the cure for task
    /// code that leaks. nullopt: workers live as long as the pool. Below 1: the constructor
    /// throws std::invalid_argument (as Python raises ValueError).
    std::optional<std::int64_t> maxtasksperchild;
};

/// A pool of worker processes, started by the constructor and stopped and reaped by the
/// destructor, like `with Pool(n) as p:`. Every public member is safe to call from any thread.
///
/// Arguments travel in frames of at most 64 MiB + 64 KiB (wire::kMaxFrameBytes). A task whose
/// encoded arguments (with the task's bound ones) cannot fit in one fails with an error saying so,
/// before it reaches a worker: map throws TaskError for it, get() rethrows it, map_settled
/// returns it; the other tasks of the call run. The submission itself does not throw, as in
/// Python, where an argument that cannot be sent fails that task's result.
///
/// Failure is normal input: a task that throws fails alone; a worker that dies (signal, exit,
/// kill -9) fails the task it was running with an error naming the task, pid and cause, is
/// replaced, and every other task still runs. Workers die with the parent (PR_SET_PDEATHSIG)
/// and inherit no descriptor but their two pipe ends.
class ProcessPool {
  public:
    /// Starts workers processes. Throws std::invalid_argument unless 1 <= workers <=
    /// kMaxPoolWorkers, std::system_error when pipes or processes cannot be made (any workers
    /// already started are reaped first).
    explicit ProcessPool(int workers, PoolOptions options = {});
    /// terminate() when tasks are still unsettled (like leaving a `with Pool` block), else a
    /// graceful stop; either way every worker is reaped before it returns.
    ~ProcessPool();
    ProcessPool(const ProcessPool&) = delete;
    ProcessPool& operator=(const ProcessPool&) = delete;

    int size() const;
    /// The current worker pids by slot (a replaced worker's slot shows its replacement).
    std::vector<int> pids() const;

    /// f(x) for each x, results in input order. chunksize 0 picks Python's auto chunk size.
    /// Throws TaskError for the lowest-index failed task once all have ended.
    std::vector<Value> map(const Task& f, std::vector<Value> xs, std::size_t chunksize = 0);
    /// Refuses any callable that is not a registered task: see refuse_unsendable().
    template <class F>
    requires(!std::is_convertible_v<F, const Task&>) std::vector<Value> map(
        F&& f, std::vector<Value> xs, std::size_t chunksize = 0) {
        return map(task_for(std::forward<F>(f)), std::move(xs), chunksize);
    }
    /// Like map, but returns every task's outcome instead of throwing.
    std::vector<Outcome> map_settled(const Task& f, std::vector<Value> xs,
                                     std::size_t chunksize = 0);

    /// f(*args) for each args tuple (or list), like Pool.starmap.
    std::vector<Value> starmap(const Task& f, std::vector<Value> arg_tuples,
                               std::size_t chunksize = 0);
    std::vector<Outcome> starmap_settled(const Task& f, std::vector<Value> arg_tuples,
                                         std::size_t chunksize = 0);
    /// map_settled and starmap_settled without an Outcome per task (see SettledValues).
    SettledValues map_values_settled(const Task& f, std::vector<Value> xs,
                                     std::size_t chunksize = 0);
    SettledValues starmap_values_settled(const Task& f, std::vector<Value> arg_tuples,
                                         std::size_t chunksize = 0);

    /// f(*args) in some worker; returns at once. callback, if given, runs with the outcome on
    /// the pool's collector thread or on a thread that waits for results of the same pool (it
    /// must be quick and must not call the pool).
    AsyncResult apply_async(const Task& f, std::vector<Value> args = {},
                            std::function<void(const Outcome&)> callback = {});

    /// f(x) for each x; the handle yields outcomes in completion order.
    UnorderedResults imap_unordered(const Task& f, std::vector<Value> xs,
                                    std::size_t chunksize = 1);

    // --- The rest of Python's Pool (pool_async.cpp, pool_imap.cpp) ---

    /// f(*args), waiting for it: Python's apply. Throws TaskError when the task failed.
    Value apply(const Task& f, std::vector<Value> args = {});
    /// apply_async with Python's callback and error_callback (either may be empty): exactly one
    /// runs, with the value or the failure, before the result is ready. They run on the pool's
    /// collector thread or a thread waiting on the pool, and must be quick and not call the pool.
    AsyncResult apply_async(const Task& f, std::vector<Value> args,
                            std::function<void(const Value&)> callback,
                            ErrorCallback error_callback);
    /// map without waiting: Python's map_async. callback gets every value in input order once
    /// all tasks succeeded; error_callback the lowest-index failure once all tasks ended.
    MapResult map_async(const Task& f, std::vector<Value> xs, std::size_t chunksize = 0,
                        ValuesCallback callback = {}, ErrorCallback error_callback = {});
    /// starmap without waiting: Python's starmap_async (callbacks as map_async).
    MapResult starmap_async(const Task& f, std::vector<Value> arg_tuples, std::size_t chunksize = 0,
                            ValuesCallback callback = {}, ErrorCallback error_callback = {});
    /// f(x) for each x, results in input order as they come: Python's imap.
    OrderedResults imap(const Task& f, std::vector<Value> xs, std::size_t chunksize = 1);
    /// imap over a generator, read at the call chunk by chunk: when it throws, the whole chunks
    /// before are submitted, and next() rethrows its exception after their results (Python's
    /// imap over a generator that raises). chunksize 0 is taken as 1.
    OrderedResults imap(const Task& f, const InputGenerator& xs, std::size_t chunksize = 1);
    /// imap_unordered over a generator, as imap: the exception comes after the submitted tasks.
    UnorderedResults imap_unordered(const Task& f, const InputGenerator& xs,
                                    std::size_t chunksize = 1);
    /// map over a generator: it is read whole first, and what it throws propagates before any
    /// task is submitted (Python's map makes a list of its iterable first).
    std::vector<Value> map(const Task& f, const InputGenerator& xs, std::size_t chunksize = 0);

    /// Ends every task submitted so far within 100 ms: queued ones are dropped, workers running
    /// them are killed and replaced; each such task fails with "cancelled". The pool serves on.
    void cancel();
    /// No more submissions: a later map/apply throws std::logic_error. Work already submitted
    /// still runs.
    void close();
    /// Waits for all submitted work and for the workers to exit. Throws std::logic_error when
    /// close() or terminate() was not called first (as Python raises ValueError).
    void join();
    /// Stops now: unsettled tasks fail with "pool terminated", workers are killed and reaped.
    void terminate();

    /// Python's default chunk size for map: ceil(n / (4 * workers)), at least 1.
    static std::size_t auto_chunksize(std::size_t n, int workers);

  private:
    template <class F>
    static Task task_for(F&& f) {
        using D = std::decay_t<F>;
        if constexpr (std::is_pointer_v<D> && std::is_function_v<std::remove_pointer_t<D>>) {
            return Task(f);  // a plain function: sendable when registered
        } else {
            refuse_unsendable();
        }
    }
    /// Throws UnsendableTask with the pool's explanation of why a closure cannot be sent and
    /// the two ways out.
    [[noreturn]] static void refuse_unsendable();

    /// apply_async without a callback: joins or starts a group job (pool_apply.cpp).
    AsyncResult apply_grouped(const Task& f, std::vector<Value> args);
    std::shared_ptr<detail::Job> submit(const Task& f, bool star, std::vector<Value> items,
                                        std::size_t chunksize, bool track_order,
                                        std::function<void(std::size_t, const Outcome&)> cb);

    /// map_async/starmap_async/apply_async with callbacks: the job, its callbacks wired to
    /// run once after its last task settled, then gate opened (pool_async.cpp).
    std::pair<std::shared_ptr<detail::Job>, std::shared_ptr<detail::CallbackGate>> submit_gated(
        const Task& f, bool star, std::vector<Value> items, std::size_t chunksize,
        std::function<void(detail::Job&)> when_done);

    struct Impl;
    std::shared_ptr<Impl> impl_;  ///< shared with threads leading its I/O while they wait
};

/// The message UnsendableTask carries when a closure is given to ProcessPool.
extern const char* const kUnsendableMessage;

}  // namespace plab
