#include "pool/process_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <future>
#include <system_error>
#include <thread>

#include "pool/clock.h"
#include "pool/job.h"
#include "pool/wire.h"
#include "pool/worker.h"

namespace plab {

const char* const kUnsendableMessage =
    "cannot send a function made at run time to a worker process: ProcessPool sends tasks by "
    "their registered name, as Python's Pool pickles functions by reference, and a closure such "
    "as power_factory(2) has none (Python: Can't pickle local object "
    "'power_factory.<locals>.f'). Either pass explicit arguments to a registered task with "
    "starmap or apply_async, or run the closure with ClosurePool, the pathos analog";

namespace {

using detail::Job;

[[noreturn]] void throw_errno(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

void set_nonblocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) throw_errno("fcntl");
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

/// "was killed by signal 9 (SIGKILL)" or "exited with status 3".
std::string describe_status(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* abbrev = ::sigabbrev_np(sig);
        return "was killed by signal " + std::to_string(sig) + " (SIG" +
               (abbrev ? abbrev : "?") + ")";
    }
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    return "ended (wait status " + std::to_string(status) + ")";
}

/// Nanoseconds as seconds with three decimals: "0.250".
std::string seconds_text(std::int64_t ns) {
    const std::int64_t ms = ns / 1'000'000;
    std::string frac = std::to_string(ms % 1000);
    return std::to_string(ms / 1000) + "." + std::string(3 - frac.size(), '0') + frac;
}

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
    std::string in;   ///< bytes read from from_fd, not yet parsed
    std::deque<Chunk> inflight;
    bool cancelling = false;  ///< killed on purpose: its tasks end as "cancelled"
    std::string broken;       ///< set when it broke the protocol and was killed for it
    bool timed_out = false;   ///< killed because its task ran past the task timeout
};

}  // namespace

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
    int blind_deaths = 0;  ///< deaths in a row that named no running task

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

ProcessPool::Impl::Impl(int workers_count, PoolOptions options)
    : n(workers_count), opt(std::move(options)), parent(::getpid()) {
    if (opt.prefetch == 0) opt.prefetch = 1;
    const std::size_t bytes = sizeof(detail::WorkerSlot) * static_cast<std::size_t>(n);
    void* mem = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) throw_errno("mmap");
    slots = static_cast<detail::WorkerSlot*>(mem);
    for (int i = 0; i < n; ++i) new (&slots[i]) detail::WorkerSlot();
    wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd < 0) {
        ::munmap(slots, bytes);
        throw_errno("eventfd");
    }
    workers.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) workers[static_cast<std::size_t>(i)].slot = i;
}

ProcessPool::Impl::~Impl() {
    close_fd(wake_fd);
    ::munmap(slots, sizeof(detail::WorkerSlot) * static_cast<std::size_t>(n));
}

void ProcessPool::Impl::spawn(Worker& w) {
    int to[2];
    int from[2];
    if (::pipe2(to, O_CLOEXEC) < 0) throw_errno("pipe2");
    if (::pipe2(from, O_CLOEXEC) < 0) {
        const int e = errno;
        ::close(to[0]);
        ::close(to[1]);
        errno = e;
        throw_errno("pipe2");
    }
    slots[w.slot].task.store(0);
    detail::WorkerSetup setup;
    setup.in_fd = to[0];
    setup.out_fd = from[1];
    setup.slot = &slots[w.slot];
    setup.inherited = &opt.inherited;
    setup.report_starts = opt.report_starts;
    setup.parent = parent;
    const pid_t pid = ::fork();
    if (pid == 0) detail::worker_main(setup);  // never returns
    const int fork_errno = errno;
    ::close(to[0]);
    ::close(from[1]);
    if (pid < 0) {
        ::close(to[1]);
        ::close(from[0]);
        errno = fork_errno;
        throw_errno("fork");
    }
    w.pid = pid;
    w.to_fd = to[1];
    w.from_fd = from[0];
    w.out.clear();
    w.out_at = 0;
    w.in.clear();
    w.cancelling = false;
    w.broken.clear();
    w.timed_out = false;
    set_nonblocking(w.to_fd);
    set_nonblocking(w.from_fd);
}

void ProcessPool::Impl::publish_pids() {
    std::lock_guard lock(m);
    pid_snapshot.clear();
    for (const Worker& w : workers) pid_snapshot.push_back(w.pid);
}

void ProcessPool::Impl::notify(TaskEvent::Kind kind, const Chunk& c, std::size_t index,
                               const Worker& w, std::int64_t start, std::int64_t end,
                               const Outcome* outcome) const {
    if (!opt.observer) return;
    TaskEvent ev;
    ev.kind = kind;
    ev.call = c.job->id;
    ev.index = index;
    ev.worker = w.slot;
    ev.pid = w.pid;
    ev.start_ns = start;
    ev.end_ns = end;
    if (outcome != nullptr) {
        ev.ok = outcome->ok;
        ev.result = outcome->value;
        ev.error = outcome->error;
    }
    try {
        opt.observer(ev);
    } catch (...) {  // an observer must not take the collector down
    }
}

void ProcessPool::Impl::deliver(const Chunk& c, std::size_t index, const Worker& w,
                                std::int64_t start, std::int64_t end, Outcome outcome) {
    notify(TaskEvent::Kind::Finished, c, index, w, start, end, &outcome);
    if (c.job->settle(index, std::move(outcome))) unsettled.fetch_sub(1);
}

void ProcessPool::Impl::fail(const Chunk& c, std::size_t index, const Worker* w,
                             std::int64_t start, const std::string& error) {
    Outcome o;
    o.error = error;
    const std::int64_t now = monotonic_ns();
    if (w != nullptr) {
        deliver(c, index, *w, start != 0 ? start : now, now, std::move(o));
        return;
    }
    Worker none;  // a task that never reached a worker
    none.slot = -1;
    none.pid = 0;
    deliver(c, index, none, now, now, std::move(o));
}

void ProcessPool::Impl::fail_pending(const std::string& error) {
    for (const Chunk& c : pending) {
        for (std::size_t i = 0; i < c.count; ++i) fail(c, c.first + i, nullptr, 0, error);
    }
    pending.clear();
}

void ProcessPool::Impl::dispatch() {
    // Pass after pass, each worker with room gets one chunk: idle workers fill first.
    bool progress = true;
    while (!pending.empty() && progress) {
        progress = false;
        for (Worker& w : workers) {
            if (pending.empty()) break;
            if (w.pid < 0 || w.cancelling || w.timed_out || !w.broken.empty() ||
                w.inflight.size() >= opt.prefetch) {
                continue;
            }
            Chunk c = std::move(pending.front());
            pending.pop_front();
            const Job& j = *c.job;
            wire::append_tasks(w.out, j.first_task_id + c.first, j.task, j.bound, j.star, j.items,
                               c.first, c.count);
            w.inflight.push_back(std::move(c));
            progress = true;
        }
    }
    for (Worker& w : workers) {
        if (w.out_at < w.out.size()) flush(w);
    }
}

void ProcessPool::Impl::flush(Worker& w) {
    while (w.out_at < w.out.size()) {
        const ssize_t put = ::write(w.to_fd, w.out.data() + w.out_at, w.out.size() - w.out_at);
        if (put > 0) {
            w.out_at += static_cast<std::size_t>(put);
        } else if (put < 0 && errno == EINTR) {
            continue;
        } else {
            if (put < 0 && errno != EAGAIN) {  // EPIPE: the worker is gone; its EOF follows
                w.out.clear();
                w.out_at = 0;
            }
            return;
        }
    }
    w.out.clear();
    w.out_at = 0;
}

void ProcessPool::Impl::read_from(Worker& w) {
    char buf[64 * 1024];
    bool eof = false;
    for (;;) {
        const ssize_t got = ::read(w.from_fd, buf, sizeof buf);
        if (got > 0) {
            w.in.append(buf, static_cast<std::size_t>(got));
            if (static_cast<std::size_t>(got) < sizeof buf) break;
        } else if (got == 0) {
            eof = true;
            break;
        } else if (errno == EINTR) {
            continue;
        } else {
            if (errno != EAGAIN) eof = true;
            break;
        }
    }
    std::size_t at = 0;
    while (w.broken.empty() && w.in.size() - at >= 4) {
        std::uint32_t len = 0;
        std::memcpy(&len, w.in.data() + at, sizeof len);
        if (len == 0 || len > wire::kMaxFrameBytes) {
            w.broken = "sent a frame of " + std::to_string(len) + " bytes (the limit is " +
                       std::to_string(wire::kMaxFrameBytes) + ")";
            break;
        }
        if (w.in.size() - at - 4 < len) break;
        if (!handle_frame(w, std::string_view(w.in).substr(at + 4, len))) break;
        at += 4 + len;
    }
    w.in.erase(0, at);
    if (!w.broken.empty()) {
        ::kill(w.pid, SIGKILL);
        w.in.clear();
    }
    if (eof) on_death(w);
}

bool ProcessPool::Impl::handle_frame(Worker& w, std::string_view frame) {
    try {
        ByteReader r(frame);
        const auto type = static_cast<wire::FrameType>(r.u8());
        if (type == wire::FrameType::Started) {
            const std::uint64_t id = r.u64();
            const std::int64_t start = r.i64();
            if (w.inflight.empty()) throw DecodeError("a start with no task in flight");
            const Chunk& c = w.inflight.front();
            const std::size_t index = c.first + c.delivered;
            if (id != c.job->first_task_id + index) throw DecodeError("a start out of order");
            notify(TaskEvent::Kind::Started, c, index, w, start, 0, nullptr);
            return true;
        }
        if (type != wire::FrameType::Results) throw DecodeError("an unknown frame type");
        for (wire::ResultRecord& rec : wire::read_results(r)) {
            if (w.inflight.empty()) throw DecodeError("a result with no task in flight");
            Chunk& c = w.inflight.front();
            const std::size_t index = c.first + c.delivered;
            if (rec.id != c.job->first_task_id + index) throw DecodeError("a result out of order");
            Outcome o;
            o.ok = rec.ok;
            o.value = std::move(rec.value);
            o.error = std::move(rec.error);
            deliver(c, index, w, rec.start_ns, rec.end_ns, std::move(o));
            blind_deaths = 0;
            if (++c.delivered == c.count) w.inflight.pop_front();
        }
        return true;
    } catch (const DecodeError& e) {
        w.broken = std::string("sent a malformed frame (") + e.what() + ")";
        return false;
    }
}

void ProcessPool::Impl::on_death(Worker& w) {
    close_fd(w.to_fd);
    close_fd(w.from_fd);
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    const std::string who = "worker " + std::to_string(w.slot) + " (pid " + std::to_string(w.pid) + ") ";
    const std::string cause = w.broken.empty() ? describe_status(status) : w.broken;
    const std::uint64_t running = slots[w.slot].task.load(std::memory_order_acquire);
    const std::int64_t running_since = slots[w.slot].start_ns.load(std::memory_order_relaxed);
    if (running == 0 && !w.cancelling) ++blind_deaths;

    std::deque<Chunk> requeue;
    for (Chunk& c : w.inflight) {
        std::size_t run_from = c.first + c.delivered;  // start of a range to requeue
        for (std::size_t i = c.first + c.delivered; i < c.first + c.count; ++i) {
            const std::uint64_t id = c.job->first_task_id + i;
            const bool guilty = id == running || blind_deaths > 3;
            if (!w.cancelling && !guilty) continue;
            if (i > run_from) requeue.push_back(Chunk{c.job, run_from, i - run_from, 0});
            run_from = i + 1;
            std::string error;
            if (w.cancelling) {
                error = "cancelled";
            } else if (id != running) {
                error = who + cause + " repeatedly before running a task";
            } else if (w.timed_out) {
                error = "timed out after " + seconds_text(opt.task_timeout.count()) + " s: " + who +
                        "was killed and replaced";
            } else {
                error = who + cause + " while running it";
            }
            fail(c, i, &w, id == running ? running_since : 0, error);
        }
        if (c.first + c.count > run_from) {
            requeue.push_back(Chunk{c.job, run_from, c.first + c.count - run_from, 0});
        }
    }
    w.inflight.clear();
    pending.insert(pending.begin(), std::make_move_iterator(requeue.begin()),
                   std::make_move_iterator(requeue.end()));
    w.pid = -1;
    bool replace = false;
    {
        std::lock_guard lock(m);
        replace = !terminate_requested && !join_requested;
    }
    if (replace || !pending.empty()) {
        try {
            spawn(w);
        } catch (const std::system_error& e) {
            w.pid = -1;
            if (std::none_of(workers.begin(), workers.end(), [](const Worker& x) { return x.pid >= 0; })) {
                fail_pending(std::string("no worker could be started: ") + e.what());
            }
        }
    }
    publish_pids();
}

void ProcessPool::Impl::cancel_tasks(std::uint64_t below) {
    std::deque<Chunk> keep;
    for (Chunk& c : pending) {
        if (c.job->first_task_id + c.first < below) {
            for (std::size_t i = 0; i < c.count; ++i) fail(c, c.first + i, nullptr, 0, "cancelled");
        } else {
            keep.push_back(std::move(c));
        }
    }
    pending.swap(keep);
    for (Worker& w : workers) {
        if (w.pid >= 0 && !w.inflight.empty() && !w.cancelling) {
            w.cancelling = true;
            ::kill(w.pid, SIGKILL);  // its pipe's end of file settles the tasks as cancelled
        }
    }
}

void ProcessPool::Impl::shutdown(bool hard, const std::string& reason) {
    if (hard) {
        fail_pending(reason);
        for (Worker& w : workers) {
            if (w.pid >= 0) ::kill(w.pid, SIGKILL);
        }
    }
    // Closing a worker's task pipe is its signal to exit; its result pipe hangs up when it has.
    for (Worker& w : workers) close_fd(w.to_fd);
    const std::int64_t deadline = monotonic_ns() + 2'000'000'000;
    for (;;) {
        std::vector<pollfd> fds;
        for (Worker& w : workers) {
            if (w.from_fd >= 0) fds.push_back(pollfd{w.from_fd, POLLIN, 0});
        }
        if (fds.empty()) break;
        const std::int64_t left_ms = (deadline - monotonic_ns()) / 1'000'000;
        if (left_ms <= 0) break;
        ::poll(fds.data(), fds.size(), static_cast<int>(left_ms));
        for (Worker& w : workers) {
            if (w.from_fd < 0) continue;
            char buf[4096];
            const ssize_t got = ::read(w.from_fd, buf, sizeof buf);
            if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) close_fd(w.from_fd);
        }
    }
    for (Worker& w : workers) {
        if (w.pid < 0) continue;
        if (w.from_fd >= 0) ::kill(w.pid, SIGKILL);  // it did not exit in time
        close_fd(w.from_fd);
        while (::waitpid(w.pid, nullptr, 0) < 0 && errno == EINTR) {
        }
        w.pid = -1;
        for (const Chunk& c : w.inflight) {
            for (std::size_t i = c.first + c.delivered; i < c.first + c.count; ++i) {
                fail(c, i, &w, 0, reason);
            }
        }
        w.inflight.clear();
    }
    publish_pids();
    std::deque<Chunk> late;
    {
        std::lock_guard lock(m);
        late.swap(submitted);
    }
    pending = std::move(late);
    fail_pending(reason);
}

int ProcessPool::Impl::enforce_timeouts() {
    if (opt.task_timeout.count() <= 0) return -1;
    constexpr int kLookAgainMs = 10;  // a worker between tasks may start one at any moment
    const std::int64_t now = monotonic_ns();
    int wait_ms = -1;
    for (Worker& w : workers) {
        if (w.pid < 0 || w.inflight.empty() || w.cancelling || w.timed_out || !w.broken.empty()) continue;
        const detail::WorkerSlot& slot = slots[w.slot];
        if (slot.task.load(std::memory_order_acquire) == 0) {
            wait_ms = wait_ms < 0 ? kLookAgainMs : std::min(wait_ms, kLookAgainMs);
            continue;
        }
        const std::int64_t deadline = slot.start_ns.load(std::memory_order_relaxed) + opt.task_timeout.count();
        if (now >= deadline) {
            w.timed_out = true;
            ::kill(w.pid, SIGKILL);  // its pipe's end of file fails the task as timed out
            continue;
        }
        const int ms = static_cast<int>((deadline - now + 999'999) / 1'000'000);
        wait_ms = wait_ms < 0 ? ms : std::min(wait_ms, ms);
    }
    return wait_ms;
}

void ProcessPool::Impl::collect(std::promise<void>& ready) {
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    // A write to a dead worker's pipe must fail with EPIPE, not kill the parent.
    ::pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);
    try {
        for (Worker& w : workers) spawn(w);
    } catch (...) {
        shutdown(true, "pool failed to start");
        ready.set_exception(std::current_exception());
        return;
    }
    publish_pids();
    ready.set_value();

    std::vector<pollfd> fds;
    std::vector<std::pair<int, bool>> owner;
    for (;;) {
        bool join_now = false;
        bool terminate_now = false;
        std::uint64_t cancel_now = 0;
        {
            std::lock_guard lock(m);
            while (!submitted.empty()) {
                pending.push_back(std::move(submitted.front()));
                submitted.pop_front();
            }
            join_now = join_requested;
            terminate_now = terminate_requested;
            cancel_now = cancel_below;
        }
        if (terminate_now) {
            shutdown(true, "pool terminated");
            return;
        }
        if (cancel_now > cancelled_below) {
            cancelled_below = cancel_now;
            cancel_tasks(cancel_now);
        }
        dispatch();
        const bool idle = pending.empty() && std::all_of(workers.begin(), workers.end(), [](const Worker& w) {
                              return w.inflight.empty();
                          });
        if (join_now && idle) {
            shutdown(false, "pool closed");
            return;
        }

        // owner[k] is the worker slot behind fds[k] and whether it waits to write.
        fds.clear();
        owner.clear();
        fds.push_back(pollfd{wake_fd, POLLIN, 0});
        owner.emplace_back(-1, false);
        for (const Worker& w : workers) {
            if (w.pid < 0) continue;
            fds.push_back(pollfd{w.from_fd, POLLIN, 0});
            owner.emplace_back(w.slot, false);
            if (w.out_at < w.out.size()) {
                fds.push_back(pollfd{w.to_fd, POLLOUT, 0});
                owner.emplace_back(w.slot, true);
            }
        }
        if (::poll(fds.data(), fds.size(), enforce_timeouts()) < 0) continue;  // EINTR
        if (fds[0].revents != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t r = ::read(wake_fd, &count, sizeof count);
        }
        for (std::size_t k = 1; k < fds.size(); ++k) {
            Worker& w = workers[static_cast<std::size_t>(owner[k].first)];
            // Skip descriptors that a death handled earlier in this pass closed or replaced.
            if (fds[k].revents == 0 || w.pid < 0) continue;
            if (owner[k].second) {
                if (fds[k].fd == w.to_fd) flush(w);
            } else if (fds[k].fd == w.from_fd) {
                read_from(w);
            }
        }
    }
}

ProcessPool::ProcessPool(int workers, PoolOptions options) {
    check_pool_size(workers);
    seal_registry();
    impl_ = std::make_unique<Impl>(workers, std::move(options));
    std::promise<void> ready;
    std::future<void> started = ready.get_future();
    // Every fork happens on this thread, which lives exactly as long as the pool: a worker's
    // PR_SET_PDEATHSIG fires when the thread that forked it ends.
    impl_->thread = std::thread([this, &ready] { impl_->collect(ready); });
    try {
        started.get();
    } catch (...) {
        impl_->stop_thread();
        throw;
    }
}

ProcessPool::~ProcessPool() {
    {
        std::lock_guard lock(impl_->m);
        impl_->closed = true;
        if (impl_->unsettled.load() > 0) {
            impl_->terminate_requested = true;
        } else {
            impl_->join_requested = true;
        }
    }
    impl_->wake();
    impl_->stop_thread();
}

int ProcessPool::size() const { return impl_->n; }

std::vector<int> ProcessPool::pids() const {
    std::lock_guard lock(impl_->m);
    return impl_->pid_snapshot;
}

std::size_t ProcessPool::auto_chunksize(std::size_t n, int workers) {
    const std::size_t per = 4 * static_cast<std::size_t>(std::max(workers, 1));
    return std::max<std::size_t>(1, (n + per - 1) / per);
}

void check_pool_size(int workers) {
    if (workers < 1 || workers > kMaxPoolWorkers) {
        throw std::invalid_argument("a pool needs 1.." + std::to_string(kMaxPoolWorkers) +
                                    " workers, got " + std::to_string(workers));
    }
}

void ProcessPool::refuse_unsendable() { throw UnsendableTask(kUnsendableMessage); }

std::shared_ptr<detail::Job> ProcessPool::submit(
    const Task& f, bool star, std::vector<Value> items, std::size_t chunksize, bool track_order,
    std::function<void(std::size_t, const Outcome&)> cb) {
    auto job = std::make_shared<detail::Job>();
    job->task = f.name();
    job->bound = f.bound();
    job->star = star;
    job->items = std::move(items);
    job->track_order = track_order;
    job->on_settled = std::move(cb);
    const std::size_t count = job->items.size();
    job->outcomes.resize(count);
    job->settled.assign(count, false);
    job->remaining = count;
    if (chunksize == 0) chunksize = auto_chunksize(count, impl_->n);
    {
        std::lock_guard lock(impl_->m);
        if (impl_->closed) throw std::logic_error("the pool is closed: it takes no more tasks");
        job->id = impl_->next_job_id++;
        job->first_task_id = impl_->next_task_id;
        impl_->next_task_id += count;
        for (std::size_t first = 0; first < count; first += chunksize) {
            impl_->submitted.push_back(Chunk{job, first, std::min(chunksize, count - first), 0});
        }
        impl_->unsettled.fetch_add(count);
        const std::atomic<bool>* flag = impl_->opt.cancel_flag;
        if (flag != nullptr && flag->load()) impl_->cancel_below = impl_->next_task_id;
    }
    impl_->wake();
    return job;
}

std::vector<Outcome> ProcessPool::map_settled(const Task& f, std::vector<Value> xs,
                                              std::size_t chunksize) {
    auto job = submit(f, false, std::move(xs), chunksize, false, {});
    job->wait_all(std::nullopt);
    std::lock_guard lock(job->m);
    return std::move(job->outcomes);
}

std::vector<Outcome> ProcessPool::starmap_settled(const Task& f, std::vector<Value> arg_tuples,
                                                  std::size_t chunksize) {
    auto job = submit(f, true, std::move(arg_tuples), chunksize, false, {});
    job->wait_all(std::nullopt);
    std::lock_guard lock(job->m);
    return std::move(job->outcomes);
}


std::vector<Value> ProcessPool::map(const Task& f, std::vector<Value> xs, std::size_t chunksize) {
    return values_or_throw(map_settled(f, std::move(xs), chunksize));
}

std::vector<Value> ProcessPool::starmap(const Task& f, std::vector<Value> arg_tuples,
                                        std::size_t chunksize) {
    return values_or_throw(starmap_settled(f, std::move(arg_tuples), chunksize));
}

AsyncResult ProcessPool::apply_async(const Task& f, std::vector<Value> args,
                                     std::function<void(const Outcome&)> callback) {
    std::function<void(std::size_t, const Outcome&)> cb;
    if (callback) cb = [callback = std::move(callback)](std::size_t, const Outcome& o) { callback(o); };
    std::vector<Value> one;
    one.emplace_back(Tuple{std::move(args)});
    return AsyncResult(submit(f, true, std::move(one), 1, false, std::move(cb)));
}

UnorderedResults ProcessPool::imap_unordered(const Task& f, std::vector<Value> xs,
                                             std::size_t chunksize) {
    return UnorderedResults(submit(f, false, std::move(xs), chunksize == 0 ? 1 : chunksize, true, {}));
}

void ProcessPool::cancel() {
    {
        std::lock_guard lock(impl_->m);
        impl_->cancel_below = impl_->next_task_id;
    }
    impl_->wake();
}

void ProcessPool::close() {
    std::lock_guard lock(impl_->m);
    impl_->closed = true;
}

void ProcessPool::join() {
    {
        std::lock_guard lock(impl_->m);
        if (!impl_->closed) throw std::logic_error("join() needs close() or terminate() first");
        impl_->join_requested = true;
    }
    impl_->wake();
    impl_->stop_thread();
}

void ProcessPool::terminate() {
    {
        std::lock_guard lock(impl_->m);
        impl_->closed = true;
        impl_->terminate_requested = true;
    }
    impl_->wake();
    impl_->stop_thread();
}

}  // namespace plab
