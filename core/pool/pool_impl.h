// The inside of ProcessPool, shared by the files that implement it: the parent's view of each
// worker, the batches in flight, and the collector thread's state. Not a public header.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pool/job.h"
#include "pool/process_pool.h"
#include "pool/wire.h"
#include "pool/worker.h"

namespace plab {
namespace detail {

[[noreturn]] void throw_errno(const char* what);
void set_nonblocking(int fd);
/// Closes fd if open and marks it closed (-1).
void close_fd(int& fd);
/// "was killed by signal 9 (SIGKILL)" or "exited with status 3".
std::string describe_status(int status);
/// Nanoseconds as seconds with three decimals: "0.250".
std::string seconds_text(std::int64_t ns);

/// A run of consecutive tasks of one job, sent to a worker as one Tasks frame.
struct Chunk {
    std::shared_ptr<Job> job;
    std::size_t first = 0;
    std::size_t count = 0;
    std::size_t delivered = 0;  ///< how many of its results arrived (they arrive in order)
};

struct Worker {
    int slot = 0;
    pid_t pid = -1;
    int to_fd = -1;
    int from_fd = -1;
    std::string out;  ///< bytes not yet written to to_fd
    std::size_t out_at = 0;
    std::string in;  ///< bytes read from from_fd, not yet parsed
    std::deque<Chunk> inflight;
    bool cancelling = false;  ///< killed on purpose: its tasks end as "cancelled"
    std::string broken;       ///< set when it broke the protocol and was killed for it
    bool timed_out = false;   ///< killed because its task ran past the task timeout
};

}  // namespace detail

using detail::Chunk;
using detail::Job;
using detail::Worker;

struct ProcessPool::Impl {
    Impl(int workers, PoolOptions options);
    ~Impl();

    // --- shared with callers, under m ---
    std::mutex m;
    std::deque<Chunk> submitted;
    std::uint64_t next_task_id = 1;
    std::uint64_t next_job_id = 1;
    std::uint64_t cancel_below = 0;
    bool closed = false;
    bool join_requested = false;
    bool terminate_requested = false;
    std::vector<int> pid_snapshot;
    std::atomic<std::size_t> unsettled{0};
    int wake_fd = -1;
    std::mutex join_m;
    std::thread thread;

    // --- the collector thread's own ---
    int n;
    PoolOptions opt;
    pid_t parent;
    detail::WorkerSlot* slots = nullptr;
    std::vector<Worker> workers;
    std::deque<Chunk> pending;
    std::uint64_t cancelled_below = 0;
    int blind_deaths = 0;                         ///< deaths in a row that named no running task
    std::int64_t recent_task_ns = 1'000'000'000;  ///< moving average of tasks' run time

    void wake() const {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t r = ::write(wake_fd, &one, sizeof one);
    }
    void stop_thread() {
        std::lock_guard lock(join_m);
        if (thread.joinable()) thread.join();
    }

    void collect(std::promise<void>& ready);
    void spawn(Worker& w);
    void publish_pids();
    void dispatch();
    void flush(Worker& w);
    void read_from(Worker& w);
    bool handle_frame(Worker& w, std::string_view frame);
    /// Settles a Batch frame's tasks (the front chunk's next ones); DecodeError if they are not.
    void handle_batch(Worker& w, wire::BatchRecord batch);
    void on_death(Worker& w);
    /// Kills workers whose task ran past opt.task_timeout; returns how long poll may sleep
    /// before the next deadline (-1: no deadline).
    int enforce_timeouts();
    void cancel_tasks(std::uint64_t below);
    void fail(const Chunk& c, std::size_t index, const Worker* w, std::int64_t start,
              const std::string& error);
    void notify(TaskEvent::Kind kind, const Chunk& c, std::size_t index, const Worker& w,
                std::int64_t start, std::int64_t end, const Outcome* outcome) const;
    void deliver(const Chunk& c, std::size_t index, const Worker& w, std::int64_t start,
                 std::int64_t end, Outcome outcome);
    void fail_pending(const std::string& error);
    void shutdown(bool hard, const std::string& reason);
};

}  // namespace plab
