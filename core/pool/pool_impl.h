// The inside of ProcessPool, shared by the files that implement it: the parent's view of each
// worker, the batches in flight, and the collector thread's state. Not a public header.
#pragma once

#include <poll.h>
#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "pool/forkserver.h"
#include "pool/frame_reader.h"
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
/// fd itself when above 2, else a close-on-exec duplicate above 2 (fd is closed); -1 with
/// errno on failure or when fd is -1.
int above_stdio(int fd);
/// A pipe whose two ends are close-on-exec and above descriptor 2 (see pool_impl.cpp); throws
/// std::system_error and leaves fds closed.
void pipe_above_stdio(int (&fds)[2]);
/// "was killed by signal 9 (SIGKILL)" or "exited with status 3"; a worker's own statuses
/// (worker.h) say what they mean: "exited with status 122 (out of memory in the worker ...)".
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
    wire::FrameReader in;  ///< bytes read from from_fd, not yet parsed
    std::deque<Chunk> inflight;
    bool hung_up = false;              ///< a leader read its end of file; the collector reaps it
    bool cancelling = false;           ///< killed on purpose: its tasks end as "cancelled"
    std::string broken;                ///< set when it broke the protocol and was killed for it
    bool timed_out = false;            ///< killed because its task ran past the task timeout
    std::uint64_t start_reported = 0;  ///< the last task id reported Started (report_starts)
    /// This slot's deaths in a row with tasks queued and none running (reset by a death while
    /// running a task and by any result): "killed repeatedly before running a task". Kept
    /// across replacements: it counts per slot, not per process.
    int blind_deaths = 0;
    /// Tasks sent to this process (reset by spawn): PoolOptions::maxtasksperchild's count.
    std::size_t sent = 0;
};

/// Throws std::invalid_argument for PoolOptions the pool cannot honour: maxtasksperchild below
/// 1, an initializer that is not a registered task or with a start method other than fork.
void check_pool_options(const PoolOptions& options);

}  // namespace detail

using detail::Chunk;
using detail::Job;
using detail::Worker;

// Who reads the workers' pipes (leader/follower). By default the collector thread. When the
// pool needs no per-task times (no observer, no task timeout: `direct`), a caller writes its
// tasks straight to idle workers, and a thread waiting for results reads the pipes itself while
// it waits (it "leads"), so one apply(...).get() costs one pipe round trip, not three thread
// hand-offs. Only the collector forks and reaps. Nobody polls on a timer; the protocol (state
// under io_m; every pipe is read or written under io_m):
//  (R) At most one thread polls the result pipes for data: the leader (`leading`, a caller in
//      wait_leading) or the collector (`collector_reading`).
//  (L) While tasks are outstanding somebody will read them: a leader leads, or the collector
//      reads, or the collector will decide soon (its one grace timer is armed, or wake_fd was
//      written). Whoever ends that state restores it in the same io_m section: a leader that
//      stops (step_down) hands the lead to the oldest follower (`leading` stays true: the lead
//      passes), or else wakes a parked collector when work remains or the pool is stopping; a
//      caller that dispatches while nobody leads wakes a parked collector.
//  (F) A waiter that finds someone else reading is a follower: listed in `followers`, it
//      sleeps on its job's cv until its job settles (whoever reads settles it) or a leader
//      offers it the lead (Follower::offered, written under io_m and the job's m, then the cv
//      notified: the follower tests it under the job's m before it sleeps, so it cannot miss it).
//  (D) A leader sleeps in poll on every live worker's result pipe and on lead_fd, with no
//      timeout but its caller's. What may settle tasks or replace pipes without data on those
//      pipes (the collector reaping a death, a cancel, a shutdown) rings lead_fd under io_m
//      while somebody leads; the leader drains lead_fd under io_m before it plans its poll, so a
//      ring made after its plan is still pending when it polls.
//  (C) The collector sleeps with no timeout unless it must decide: it wakes for wake_fd
//      (submissions, stops, hand-offs), hang-ups (deaths are always its to reap), pipes it must
//      flush, and kLeadGraceNs after the last time a caller dispatched or began or stopped
//      leading, to read what nobody came back to wait for (apply_async polled with ready(),
//      callbacks). So it wakes about once a millisecond only while callers keep dispatching and
//      leading; a leader waiting 2 s, or an idle pool, costs it one wake-up. With
//      opt.report_starts (a live view watches), it also looks at the workers' slots every
//      10 ms while tasks are out, to report the ones running (report_running).
struct ProcessPool::Impl : detail::WaitHelper {
    Impl(int workers, PoolOptions options);
    ~Impl() override;
    class IoLock;

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
    std::weak_ptr<Job> apply_group;  ///< the apply_async group new calls may join (pool_apply.cpp)
    int wake_fd = -1;
    std::mutex join_m;
    std::thread thread;

    // --- fixed at construction ---
    int n;
    PoolOptions opt;
    pid_t parent;
    bool direct = false;  ///< callers may dispatch and lead (no observer, no task timeout)

    // --- the I/O state: under io_m, held by the collector except while it polls, or by a
    // thread that dispatches or leads ---
    std::mutex io_m;
    bool leading = false;            ///< a waiting thread reads the pipes
    bool collector_reading = false;  ///< the collector polls the pipes for data
    bool collector_parked = false;   ///< the collector sleeps with no timeout: wake it for work
    std::int64_t last_lead_ns = 0;   ///< a caller last dispatched, or a leader began or ended
    std::int64_t last_look_ns = 0;   ///< report_running last looked at the slots
    /// A waiter sleeping while another thread reads, oldest first (see (F) above).
    struct Follower {
        Job* job = nullptr;
        bool offered = false;  ///< the lead was handed to it; under io_m and job->m
    };
    std::deque<Follower*> followers;
    int lead_fd = -1;        ///< eventfd the leader polls: "look again" (see (D) above)
    bool lead_rung = false;  ///< lead_fd holds a count the leader has not drained
    detail::WorkerSlot* slots = nullptr;
    /// The memfd behind slots under spawn and forkserver (-1 under fork: anonymous memory).
    int slots_fd = -1;
    /// Under forkserver: the server that forks the workers (made and ended by the collector).
    std::unique_ptr<detail::ForkServer> server;
    std::vector<Worker> workers;
    std::deque<Chunk> pending;
    std::uint64_t cancelled_below = 0;
    /// Moving average of tasks' run time, kept within 0 .. wire::kMaxElapsedNs.
    std::int64_t recent_task_ns = 1'000'000'000;

    void wake() const {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t r = ::write(wake_fd, &one, sizeof one);
    }
    /// Tells the leader, if one leads, to look again (under io_m; see (D) above).
    void ring_leader() {
        if (!leading) return;
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t r = ::write(lead_fd, &one, sizeof one);
        lead_rung = true;
    }
    void stop_thread() {
        std::lock_guard lock(join_m);
        if (thread.joinable()) thread.join();
    }

    void collect(std::promise<void>& ready);
    /// Moves what callers submitted into pending (takes m).
    void intake();
    /// Tasks queued or running.
    bool busy() const;
    /// With m held: when PoolOptions::cancel_flag is up, marks every task submitted so far for
    /// cancelling and returns true (the collector must be woken).
    bool cancel_if_flagged();
    /// After a submission left m: straight to an idle worker when the pool is direct and
    /// may_dispatch, else wakes the collector when must_wake.
    void hand_off(bool must_wake, bool may_dispatch);
    /// From submit: dispatches at once when io_m is free and a worker is idle; false: the
    /// caller must go the collector's way (wake it).
    bool try_dispatch();
    /// Job::wait_all through the pipes: leads while nobody else reads, else follows (sleeps on
    /// the job until it settles or the lead is handed over).
    bool wait_leading(Job& job, std::size_t index,
                      std::optional<std::chrono::nanoseconds> timeout) override;
    /// The leader stops leading (io_m held): hands the lead on, or wakes the collector when it
    /// must read or stop. See (L).
    void step_down();
    /// The collector's poll set and timeout for this round; decides whether it reads.
    int plan_poll(std::vector<pollfd>& fds, std::vector<std::pair<int, bool>>& owner);
    void spawn(Worker& w);
    /// Starts w's process the pool's way (opt.start); returns its pid and its pipes' parent
    /// ends. Throws std::system_error.
    pid_t start_process(const Worker& w, int& to_fd, int& from_fd);
    /// The wait status of worker pid after its result pipe hung up: reaped (fork, spawn) or
    /// reported by the fork server. Killed (killed_here) when it does not end within grace_ms.
    int reap(pid_t pid, int grace_ms, bool& killed_here);
    void publish_pids();
    void dispatch();
    /// After append_tasks sent only put.sent of c's tasks: fails the ones it refused, queues
    /// the rest first in pending, and leaves c holding what was sent (maybe nothing).
    void requeue_unsent(Chunk& c, const wire::TasksAppended& put);
    void flush(Worker& w);
    /// Services what poll reported from fds[first..]: fds[k] belongs to worker owner[k].first,
    /// for writing when owner[k].second. reap: as in read_from (a leader passes false and also
    /// skips workers already hung up).
    void serve_ready(const std::vector<pollfd>& fds, const std::vector<std::pair<int, bool>>& owner,
                     std::size_t first, bool reap);
    /// Reads and handles what w sent. At end of file the collector (reap) handles the death; a
    /// leader only marks w hung up.
    void read_from(Worker& w, bool reap);
    bool handle_frame(Worker& w, std::string_view frame);
    /// Settles a Batch frame's tasks (the front chunk's next ones); DecodeError if they are not.
    void handle_batch(Worker& w, wire::BatchRecord batch);
    void on_death(Worker& w);
    /// Kills workers whose task ran past opt.task_timeout; returns how long poll may sleep
    /// before the next deadline (-1: no deadline).
    int enforce_timeouts();
    /// With opt.report_starts: a Started event for each worker's running task not yet reported
    /// (read from its slot); returns how long until the next look (ms), or -1 when idle.
    int report_running();
    void cancel_tasks(std::uint64_t below);
    /// Settles tasks from .. end of chunk c as "cancelled" at once, without an event each: for
    /// tasks that never started (queued, or waiting in a cancelled worker's pipe).
    void cancel_queued(const Chunk& c, std::size_t from);
    void fail(const Chunk& c, std::size_t index, const Worker* w, std::int64_t start,
              const std::string& error);
    void notify(TaskEvent::Kind kind, const Chunk& c, std::size_t index, const Worker& w,
                std::int64_t start, std::int64_t end, const Outcome* outcome) const;
    void deliver(const Chunk& c, std::size_t index, const Worker& w, std::int64_t start,
                 std::int64_t end, Outcome outcome);
    void fail_pending(const std::string& error);
    void shutdown(bool hard, const std::string& reason);

    // --- Python's initializer and maxtasksperchild (pool_lifetime.cpp) ---
    /// The initializer each forked worker runs (set by the constructor; body null: none).
    detail::WorkerInit init;
    /// Looks the initializer up and gathers its arguments into init.
    void prepare_initializer();
    /// w may take no more tasks: it was sent opt.maxtasksperchild.
    bool spent(const Worker& w) const;
    /// Before c is sent to w: cuts c to the tasks w may still run, the rest back to pending.
    void fit_lifetime(const Worker& w, Chunk& c);
    /// After w's results were read: a spent worker with nothing left to run gets end of file on
    /// its task pipe, exits, and is replaced like any worker that ends.
    void retire_spent(Worker& w);
};

/// Holds a pool's io_m and marks this thread as its holder, so that a task callback run under
/// it that submits to the same pool does not try to take it again (it would deadlock).
class ProcessPool::Impl::IoLock {
  public:
    /// Locks now unless lock_now is false.
    explicit IoLock(ProcessPool::Impl& pool, bool lock_now = true);
    ~IoLock();
    IoLock(const IoLock&) = delete;
    IoLock& operator=(const IoLock&) = delete;
    void lock();
    void unlock();
    /// Takes io_m only if free and not held by this thread; true when taken.
    bool try_lock();
    /// This thread holds pool's io_m.
    static bool held(const ProcessPool::Impl& pool);

  private:
    ProcessPool::Impl& pool_;
    bool owns_ = false;
};

}  // namespace plab
