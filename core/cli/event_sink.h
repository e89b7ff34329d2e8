// Writes event-stream lines from any thread, delivering them within about kFlushMs.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/block_queue.h"
#include "experiment/run_result.h"

namespace plab::cli {

/// Queues events and writes them to a FILE from a thread of its own, so that recording never
/// slows the experiment: a task's event costs its thread one move into a queue under a lock held
/// for that move only (a BlockQueue: nothing queued is ever moved again, its memory is reused);
/// lines are built, and written, by the writer, which runs at the lowest CPU priority (nice 19) so
/// that it takes only time the experiment leaves. The writer wakes every kFlushMs (at once for
/// lines marked urgent), so a reader sees tasks start live while a 100,000-task run costs a few
/// hundred writes. Starts are not queued: each worker's latest start waits in a slot of its own,
/// and the writer writes a `start` line for a task only when it is still running as the writer
/// looks, after the batch's lines; a task that ends before that (a task shorter than kFlushMs)
/// costs its `task` line only, which carries the start. A reader that reads slowly (a busy window)
/// holds up the writer only: the queue grows, and nothing else waits. finish() (or the destructor)
/// writes what is left. A failed write (a full disk, a reader that went away) drops later lines;
/// finish() then says why, so the command can fail with one line instead of exiting 0. Thread-safe.
class EventSink {
  public:
    static constexpr int kFlushMs = 20;

    explicit EventSink(std::FILE* out);
    ~EventSink();
    EventSink(const EventSink&) = delete;
    EventSink& operator=(const EventSink&) = delete;

    /// Queues line plus a newline; urgent wakes the writer now. Lines after finish() are lost.
    /// A line closes the tasks before it: starts still waiting are dropped (lines come between
    /// runs: the header, `run`, `end`, `done`), so no `start` follows a run's `end`.
    void line(std::string text, bool urgent = false);
    /// A task's start (started: kept in the slot of t.worker, see above) or its end (queued as
    /// a `task` line of run id, in queue order; it clears its start if still waiting).
    void task(RunId id, const TaskRecord& t, bool started);

    /// Pacing for a reader that shares the machine (the window): until until (or release_tasks),
    /// the writer writes only the plain lines at the head of the queue (a `run` line) and keeps
    /// task lines back, so that nothing is formatted, written or read while a short run is
    /// timed. A run that lasts longer streams live from then on.
    void hold_tasks(std::chrono::steady_clock::time_point until);
    /// Ends a hold_tasks and wakes the writer.
    void release_tasks();
    /// True from hold_tasks until the hold ends (its time passed, as the writer sees within
    /// kFlushMs, or release_tasks): a run's watcher need not send task ends meanwhile (see
    /// RunObserver::live). One atomic load; any thread.
    bool holding() const { return holding_.load(std::memory_order_relaxed); }
    /// Waits (at most timeout) until everything queued before the call has been written, or a
    /// write failed, or finish() ran. False on timeout.
    bool wait_written(std::chrono::milliseconds timeout);

    /// Writes what is queued and stops the writer. Empty when every line was written, else the
    /// system's reason for the first write that failed. Only the first call writes.
    std::string finish();

  private:
    /// One queued event: a ready line (text), or a task's start or end to format.
    struct Item {
        enum class Kind : unsigned char { Line, Task } kind = Kind::Line;
        RunId id;
        TaskRecord task;
        std::string text;
    };
    void loop();
    /// A worker's latest start; pending until written or until its task ends.
    struct Running {
        RunId id;
        TaskRecord task;
        bool pending = false;
    };
    using Blocks = BlockQueue<Item>::Blocks;
    /// Appends the lines of batch, then the `start` lines of starts, to out.
    static void format(const Blocks& batch, const std::vector<Running>& starts, std::string& out);
    std::string error_;  // written by the writer thread only; read after it is joined
    std::FILE* out_;
    std::mutex m_;
    std::condition_variable cv_;
    BlockQueue<Item> queue_;
    std::vector<Running> running_;  ///< by worker slot; under m_
    // Invariant (under m_): queued_ counts items ever pushed, written_ those the writer has
    // finished writing (or dropped after a failed write); written_ <= queued_. The writer
    // notifies written_cv_ after each batch and when it stops; wait_written waits on it.
    std::condition_variable written_cv_;
    std::uint64_t queued_ = 0;
    std::uint64_t written_ = 0;
    bool writer_done_ = false;
    std::chrono::steady_clock::time_point hold_until_{};
    std::atomic<bool> holding_{false};  ///< set by hold_tasks; cleared as the hold ends
    bool urgent_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace plab::cli
